"""The embedded DuckDB file: where it is, its tables, its settings and its data version.

Everything KAMP keeps lives in one DuckDB file (default ``data/kamp.duckdb``; ``KAMP_DB``
or ``--db`` choose another). :func:`connect` opens it, loads the bundled extensions and
creates any missing table, so a new file is ready to use.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from kamp import db_file
from kamp.db_file import DatabaseBusy, DatabaseUnusable, check_file

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_DB = Path(__file__).resolve().parent.parent / "data" / "kamp.duckdb"

# Every table KAMP keeps, created when missing.
_SCHEMA = db_file.SCHEMA

# One table of settings: name -> (default, help). Stored values override the defaults.
SETTINGS: dict[str, tuple[object, str]] = {
    "non_product_codes": (
        ["POST", "DOT", "M", "D", "C2", "S", "BANK CHARGES", "AMAZONFEE", "CRUK", "PADS", "B",
         "DCGS*", "GIFT_*", "ADJUST*", "TEST0*"],
        "Product codes that are fees, postage, adjustments or vouchers rather than goods; "
        "matched case-insensitively, '*' matches any ending. Lines with these codes are "
        "flagged is_product = false: net revenue counts them (they were invoiced), product lists and "
        "the commands' --products-only leave them out.",
    ),
    "memory_limit": ("1GB", "How much memory DuckDB may use while importing before it spills to disk."),
    "rfm_segments": (None, "RFM segment rules, evaluated in order: segment, name_zh, r_min, r_max, fm_min, "
                           "fm_max (scores 1–5; FM = (F + M) / 2). None means the bundled table."),
    "abc_cuts": ([0.80, 0.95], "Cumulative shares that close class A and class B."),
    "status_rules": ({"dormant_after_cycles": 2.0, "lost_after_cycles": 4.0, "min_cycle_days": 30,
                      "max_cycle_days": 365},
                     "An account is active while the days since its last purchase stay within "
                     "dormant_after_cycles of its own purchase cycle, dormant up to lost_after_cycles, lost after."),
    "tier_scheme": ("pyramid", "Tier names: pyramid (Major / Named / Non-named / Mass-market) or metals "
                               "(Platinum / Gold / Silver)."),
    "tier_k": (4, "Number of tiers (the method's four-level pyramid by default); None lets the silhouette "
                  "choose over 2–8."),
    "tier_features": (["days_since_last", "orders", "revenue", "margin"], "Features the tiers cluster on."),
    "tier_seed": (0, "Random seed of the tier clustering (same seed, same tiers)."),
    "coverage_models": (
        [{"tier_rank": 1, "model": "1:1", "hours_per_account": 1200},
         {"tier_rank": 2, "model": "1:few", "hours_per_account": 240},
         {"tier_rank": 3, "model": "1:many", "hours_per_account": 40},
         {"tier_rank": 4, "model": "call_centre", "hours_per_account": 2}],
        "Coverage model per tier rank (1 = best tier; lower tiers take the last row): model "
        "(team, 1:1, 1:few, 1:many, call_centre) and selling hours per account per year. By default, as "
        "the method has it, 1:1 = one rep dedicated to one account (a rep's whole selling year, 1,200 h), "
        "1:few = one rep for a few accounts (five: 240 h each), 1:many = one rep for many (thirty: 40 h "
        "each); call-centre hours are telesales time, not reps' field time."),
    "rep_hours_per_year": (1200, "Selling hours one sales rep has in a year (the capacity of one owner)."),
    "goal_rules": ({"share_tiers": 2, "share_target": 0.30, "growth_target": 0.10},
                   "Goals: tiers of rank ≤ share_tiers are steered by share of wallet against "
                   "share_target; the others by revenue against the prior 12 months × (1 + growth_target)."),
    "relationship_rules": (
        {"many": {"high": "accountable", "medium": "reactive", "low": "basic"},
         "medium": {"high": "proactive", "medium": "accountable", "low": "reactive"},
         "few": {"high": "partnership", "medium": "proactive", "low": "accountable"}},
        "Kotler's relationship level by number of accounts in the tier (many / medium / few) and "
        "margin level (high / medium / low): basic, reactive, accountable, proactive or partnership."),
    "relationship_thresholds": (
        {"few_max_accounts": 30, "medium_max_accounts": 300, "high_margin_pct": 0.35, "low_margin_pct": 0.20},
        "A tier of at most few_max_accounts accounts counts as few, up to medium_max_accounts as medium, more "
        "as many; a margin % at or above high_margin_pct is high, below low_margin_pct low."),
    "strategy_cuts": ([33, 67], "Attractiveness and strength scores (0–100) below the first cut are low, at "
                                "or above the second high; the 3 × 3 grid gives the strategy."),
    "dso_period_days": (365, "Days sales outstanding = outstanding ÷ what was invoiced in this many days up to "
                             "the as-of date × the days."),
    "money_units": ("wan", "How money is shortened on screen: short (13.18k, 215.92M, 9.44B) or wan — in Chinese, "
                             "万 and 亿 (45.60万, 1.23亿)."),
    "show_welcome": (True, "Whether the overview shows its welcome box while the database holds the demo data "
                           "only; its Got it button turns it off."),
}


def db_path(path: str | os.PathLike | None = None) -> Path:
    """The database file to use: ``path``, else ``$KAMP_DB``, else ``data/kamp.duckdb``."""
    return Path(path or os.environ.get("KAMP_DB") or DEFAULT_DB).expanduser()  # "~/kamp.duckdb" as a shell reads it


def connect(path: str | os.PathLike | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and if needed create, also in an empty file) the KAMP database and ensure every table
    exists; read-only, open it as it is. Another program's DuckDB database is refused
    (:func:`db_file.check_file`)."""
    target = db_path(path)
    (db_file.check_path if read_only else check_file)(target)
    if not read_only and db_file.is_empty_file(target):  # as mktemp leaves it: DuckDB makes only a new file
        target.unlink()
    try:
        if not read_only:
            target.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(target), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseBusy(
                f"{target} is open in another program (the dashboard, or another python -m kamp command?). "
                f"DuckDB lets one program write to a database file at a time, and none read it meanwhile: let "
                f"it finish or stop it, or use another file with --db / 数据库文件正被其他程序使用") from None
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DatabaseUnusable(f"{target} cannot be opened{' for writing' if not read_only else ''}: {detail} "
                               f"/ 无法打开数据库文件") from None
    except OSError as exc:  # the folder cannot be made (read-only, /proc …)
        raise DatabaseUnusable(f"{target}: its folder cannot be created or written ({exc.strerror or exc}) "
                               f"/ 无法在此处创建数据库") from None
    if read_only:
        try:
            db_file.check_tables(con, target)
        except DatabaseUnusable:
            con.close()
            raise
    else:
        con.execute(_SCHEMA)
    # Text leaves DuckDB for Arrow with 64-bit offsets, the layout pandas' text columns use: a
    # million-row table then becomes a frame without copying its text (half a second less).
    con.execute("SET arrow_large_buffer_size = true")
    return con


def first_row(con, sql: str, params=None) -> tuple | None:
    """The first row of ``sql`` (None when there is none), its result read to the end.

    ``fetchone()`` leaves the rest of a result open, and with it the cursor's transaction, for
    as long as the cursor lives (a page's cursor outlives the page's run). While a transaction
    that began before a row was deleted is open, DuckDB refuses a new row with the same key
    ("Duplicate key"): a setting reset to its default could not be saved again."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


def get_setting(con: duckdb.DuckDBPyConnection, name: str):
    """A setting's stored value, or its default."""
    if name not in SETTINGS:
        raise KeyError(f"unknown setting {name!r}")
    row = first_row(con, "SELECT value FROM settings WHERE name = ?", [name])
    return json.loads(row[0]) if row else SETTINGS[name][0]


def set_setting(con: duckdb.DuckDBPyConnection, name: str, value) -> None:
    if name not in SETTINGS:
        raise KeyError(f"unknown setting {name!r}")
    con.execute(
        "INSERT OR REPLACE INTO settings VALUES (?, ?, current_timestamp)", [name, json.dumps(value)]
    )


def reset_setting(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Forget the stored value of ``name``, so its default applies again."""
    if name not in SETTINGS:
        raise KeyError(f"unknown setting {name!r}")
    con.execute("DELETE FROM settings WHERE name = ?", [name])


def mapping_profiles(con: duckdb.DuckDBPyConnection) -> "pd.DataFrame":
    """The saved header → field mappings, newest first. Columns: header_key, kind, headers (list
    of the file's headers), mapping (dict header → field), saved_at."""
    df = con.execute("SELECT header_key, kind, headers, mapping, saved_at FROM mapping_profiles "
                     "ORDER BY saved_at DESC, kind, header_key").df()
    df["headers"] = [json.loads(h) if h else [] for h in df["headers"]]
    df["mapping"] = [json.loads(m) for m in df["mapping"]]
    return df


def delete_mapping(con: duckdb.DuckDBPyConnection, header_key: str, kind: str) -> bool:
    """Delete one saved mapping profile (the next file with those headers is mapped afresh);
    True when there was one."""
    found = con.execute("SELECT count(*) FROM mapping_profiles WHERE header_key = ? AND kind = ?",
                        [header_key, kind]).fetchone()[0]
    con.execute("DELETE FROM mapping_profiles WHERE header_key = ? AND kind = ?", [header_key, kind])
    return bool(found)


# The note of an import that was taken back (its entry stays in the log): kamp.undo.undo.
UNDONE = "undone / 已撤销"
# The note of an import of a file imported before (it added nothing): kamp.ingest.
SAME_FILE = "same file as import #{id} of {when}: nothing added / 文件已导入"


def same_file_as(note) -> tuple[int, str] | None:
    """(import id, when) of the earlier import a :data:`SAME_FILE` note names, else None."""
    m = re.fullmatch(r"same file as import #(\d+) of (.+): nothing added / 文件已导入", note or "")
    return (int(m[1]), m[2]) if m else None


@functools.cache
def code_version() -> str:
    """A fingerprint of this package's code and bundled tables: results kept in the database
    (the account table, a page's figures, the slides) are kept under it too, so that a newer
    KAMP computes them afresh instead of showing what an older one kept."""
    h = hashlib.sha1()
    folder = Path(__file__).parent
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".py", ".sql", ".json", ".csv") and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(folder)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


def data_version(con: duckdb.DuckDBPyConnection) -> int:
    """A key that changes whenever an import lands or is undone: cache readers on it. (Import
    numbers only grow and an undone import stays undone, so the sum never comes back.)"""
    return first_row(con, "SELECT coalesce(max(import_id), 0) + count(*) FILTER (WHERE note = ?) FROM imports",
                     [UNDONE])[0]


def is_read_only(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether ``con`` was opened read-only (a file this user may only read)."""
    return bool(con.execute("SELECT readonly FROM duckdb_databases() WHERE database_name = current_database()"
                            ).fetchone()[0])


def is_empty(con: duckdb.DuckDBPyConnection) -> bool:
    return first_row(con, "SELECT count(*) FROM imports")[0] == 0


# An import of the bundled demo: ``kamp.demo_build`` marks its imports in their options; a demo
# built before it did is its first five imports, of files named demo_<kind>.parquet. (A file of
# the user's so named is not the demo.)
DEMO_IMPORT = ("(coalesce(TRY_CAST(json_extract_string(options, '$.demo') AS BOOLEAN), false) "
               "OR (import_id <= 5 AND file_name = 'demo_' || kind || '.parquet'))")


def demo_and_own_imports(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """How many imports in effect (not undone) are of the bundled demo (:data:`DEMO_IMPORT`), and
    how many are the user's own."""
    demo, own = con.execute(
        f"SELECT count(*) FILTER (WHERE {DEMO_IMPORT}), count(*) FILTER (WHERE NOT {DEMO_IMPORT}) FROM imports "
        "WHERE coalesce(note, '') <> ?", [UNDONE]).fetchone()
    return demo, own


def is_demo(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the database holds the bundled demo only."""
    demo, own = demo_and_own_imports(con)
    return demo > 0 and own == 0


def line_span(con: duckdb.DuckDBPyConnection) -> tuple:
    """The time stamps of the first and the last order line (None, None when there are none)."""
    return con.execute("SELECT min(ts), max(ts) FROM transactions").fetchone()


def info(con: duckdb.DuckDBPyConnection) -> dict:
    """What the database holds: the figures ``kamp info`` prints."""
    tx, accounts, revenue, first, last, returns, non_product = con.execute(
        """SELECT count(*), count(DISTINCT account_id), coalesce(sum(amount), 0), min(ts), max(ts),
                  count(*) FILTER (WHERE is_return), count(*) FILTER (WHERE NOT is_product)
           FROM transactions"""
    ).fetchone()
    return {
        "transactions": int(tx),
        "accounts": int(accounts),
        "revenue": round(float(revenue), 2),
        "first_date": first.isoformat() if first else None,
        "last_date": last.isoformat() if last else None,
        "returns": int(returns),
        "non_product_lines": int(non_product),
        **holdings(con),
    }


def holdings(con: duckdb.DuckDBPyConnection) -> dict:
    """What the database holds besides the order lines — account_records, contacts, payments,
    interactions, rejected_rows and the imports (each with its counts, its sheet and its mapping,
    column → field) — without reading the order lines."""
    counts = {  # of contacts and payments, the versions read (not those a later export superseded)
        t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
        for t in ("accounts", "current_contacts", "current_payments", "interactions", "rejects")
    }
    imports = con.execute(
        """SELECT import_id, kind, file_name, sha256, rows_read, rows_loaded, rows_rejected,
                  rows_present, strftime(finished_at, '%Y-%m-%dT%H:%M:%S') AS finished_at, note,
                  json_extract_string(options, '$.sheet') AS sheet, mapping, options
           FROM imports ORDER BY import_id"""
    ).df()
    imports["mapping"] = _mappings(imports)
    imports = imports.drop(columns="options")
    return {
        "account_records": counts["accounts"],
        "contacts": counts["current_contacts"],
        "payments": counts["current_payments"],
        "interactions": counts["interactions"],
        "rejected_rows": counts["rejects"],
        "imports": json.loads(imports.to_json(orient="records", force_ascii=False)),
    }


def imports_log(con: duckdb.DuckDBPyConnection) -> "pd.DataFrame":
    """Every import, newest first. Columns: import_id, kind, file_name, rows_read, rows_loaded,
    rows_rejected, rows_present, finished_at, note, sha256."""
    return con.execute(
        """SELECT import_id, kind, file_name, rows_read, rows_loaded, rows_rejected, rows_present,
                  finished_at, note, sha256
           FROM imports ORDER BY import_id DESC""").df()


def import_mappings(con: duckdb.DuckDBPyConnection) -> "pd.DataFrame":
    """Which column of its file each import read into which field, newest first. Columns:
    import_id, kind, file_name, sheet (None but for a workbook), mapping (dict column → field)."""
    df = con.execute("""SELECT import_id, kind, file_name, json_extract_string(options, '$.sheet') AS sheet, mapping,
                               options FROM imports ORDER BY import_id DESC""").df()
    return df.assign(mapping=_mappings(df)).drop(columns="options")


def _mappings(imports: "pd.DataFrame") -> list[dict]:
    """Each import's mapping (column → field) from its JSON, its columns in the file's order."""
    out = []
    for mapping, options in zip(imports["mapping"], imports["options"]):
        mapping = json.loads(mapping) if mapping else {}
        headers = (json.loads(options) if options else {}).get("headers") or []
        order = [h for h in headers if h in mapping] + [h for h in mapping if h not in headers]
        out.append({h: mapping[h] for h in order})
    return out


def reject_reasons(con: duckdb.DuckDBPyConnection, import_id: int, lang: str | None = None) -> "pd.DataFrame":
    """How many rows of one import were rejected for each reason, the most frequent first.
    Columns: reason, n. Reasons as kept; or, given ``lang``, each kind of reason in that language,
    the values left out ("amount is not a number" for every value that is not), so that a
    thousand different bad dates count as one reason."""
    if lang is None:
        return con.execute("""SELECT reason, count(*) AS n FROM rejects WHERE import_id = ?
                              GROUP BY reason ORDER BY n DESC, reason""", [int(import_id)]).df()
    # Grouped first with the quoted values cut out (one of each is worded): a million different
    # bad dates are one group here, not a million sentences to word. A value the cut misses
    # (one holding "; ") keeps a group of its own until the worded kinds are summed.
    df = con.execute("""SELECT any_value(reason) AS reason, count(*) AS n FROM rejects WHERE import_id = ?
                        GROUP BY regexp_replace(reason, ' ''[^;]*'' ', ' ', 'g')""", [int(import_id)]).df()
    if df.empty:
        return df
    df = _said(df, lang, values=False).groupby("reason", as_index=False, sort=False)["n"].sum()
    return df.sort_values(["n", "reason"], ascending=[False, True], ignore_index=True)


def _said(df: "pd.DataFrame", lang: str, values: bool = True) -> "pd.DataFrame":
    """``df`` with its reasons said in ``lang``."""
    from kamp.reasons import reason_texts

    return df.assign(reason=reason_texts(df["reason"], lang, values))


def import_options(con: duckdb.DuckDBPyConnection, import_id: int) -> dict:
    """What an import logged of how it read its file (format, encoding, sheet, headers, date
    order, account ids given twice …)."""
    row = first_row(con, "SELECT options FROM imports WHERE import_id = ?", [int(import_id)])
    return json.loads(row[0]) if row and row[0] else {}


def new_accounts(con: duckdb.DuckDBPyConnection, import_id: int) -> int:
    """Accounts an import of order lines brought in for the first time (an accounts import
    since may have claimed some of them)."""
    return con.execute("SELECT count(*) FROM accounts WHERE import_id = ?", [int(import_id)]).fetchone()[0]


def rejects(con: duckdb.DuckDBPyConnection, import_id: int, limit: int | None = None,
            lang: str | None = None) -> "pd.DataFrame":
    """The rejected rows of one import in file order: ``row`` (as numbered in the file),
    ``reason`` (as kept, or said in ``lang``), then the row's values as read, one column per
    column of the file (as text; a column of the file named ``row`` or ``reason`` becomes
    ``row (file)``), so that the rows can be corrected and imported again."""
    found = con.execute("SELECT json_keys(raw) FROM rejects WHERE import_id = ? AND raw IS NOT NULL LIMIT 1",
                        [int(import_id)]).fetchone()
    columns = found[0] if found else []
    values = ", unnest(from_json(raw, ?))" if columns else ""
    sql = f"SELECT src_row AS row, reason{values} FROM rejects WHERE import_id = ? ORDER BY src_row"
    params: list = ([json.dumps({c: "VARCHAR" for c in columns})] if columns else []) + [int(import_id)]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    df = con.execute(sql, params).df()
    df.columns = ["row", "reason", *(f"{c} (file)" if c in ("row", "reason") else c for c in columns)]
    return df if lang is None else _said(df, lang)
