"""The twelve strategy worksheets (战略手册, seed 000) of an account: periods, versions, completeness.

The worksheets themselves are data (``playbook_worksheets.json``, loaded and checked by
:mod:`kamp.playbook_defs`; ``worksheets``, ``validate`` and friends are re-exported here).

A worksheet's values are a plain dict ``{field: value}``; a table field holds a list of row
dicts ``{column: value}``. Dates are ISO strings, levels integers 1–5. Worksheets are kept
per account and period (a calendar quarter, ``"2026Q4"``) in the append-only table
``playbook_versions``: every save is a new version, nothing is updated or deleted, and a save
made on top of an older version than the latest raises :class:`Conflict` instead of writing.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import NamedTuple

import duckdb
import numpy as np
import pandas as pd

from kamp import frames
from kamp.playbook_defs import (  # noqa: F401 — the worksheet API lives here too
    DEFINITIONS, PREFILL_SOURCES, TYPES, ValidationError, blank, check_definitions, choice_label, contacts_named,
    from_data, is_filled, keys, pyramid_levels, text, validate, worksheet, worksheets)


def milestone_status(rows: list[dict] | None, today, due_within: int = 30) -> list[dict]:
    """Worksheet 8's milestone rows with ``status`` worked out against ``today``: done (ticked
    done), overdue (due date passed), due (due within ``due_within`` days), open (later or
    undated). Returns new row dicts."""
    today = pd.Timestamp(today).date()
    out = []
    for row in rows or []:
        due = pd.Timestamp(row["due"]).date() if row.get("due") else None
        status = ("done" if row.get("done") else "open" if due is None else "overdue" if due < today
                  else "due" if (due - today).days <= due_within else "open")
        out.append({**row, "status": status})
    return out


# ---------------------------------------------------------------- periods

def parse_period(period: str) -> str:
    """A quarter as ``YYYYQn`` ("2026q4", "2026-Q4" and "2026 Q4" accepted)."""
    s = str(period).strip().upper().replace("-", "").replace(" ", "")
    if len(s) == 6 and s[:4].isdigit() and s[4] == "Q" and s[5] in "1234":
        return s
    raise ValueError(f"{period!r} is not a quarter (use YYYYQn, e.g. 2026Q4)")


def current_period(today=None) -> str:
    """The calendar quarter of ``today`` (default: today), e.g. ``"2026Q4"``."""
    d = pd.Timestamp(today if today is not None else dt.date.today())
    return f"{d.year}Q{(d.month - 1) // 3 + 1}"


def plan_period(chosen=None, today=None, last=None) -> str:
    """The quarter whose plans a page or the slides show: that of ``chosen`` (an analysis date
    the user picked; None when none was) when it falls before today's quarter, else today's —
    unless no date is picked and the order lines end (``last``, their last day) before the
    quarter before today's: then the quarter of the last line (data of years ago is planned in
    its own year, not against a year it has no lines in)."""
    current = current_period(today)
    if chosen is not None:
        return min(current, current_period(chosen))
    if last is not None and current_period(last) < previous_period(current):
        return current_period(last)
    return current


def previous_period(period: str) -> str:
    """The quarter before ``period``: 2026Q1 → 2025Q4."""
    p = parse_period(period)
    year, q = int(p[:4]), int(p[5])
    return f"{year - 1}Q4" if q == 1 else f"{year}Q{q - 1}"


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """First and last day of a quarter."""
    p = parse_period(period)
    start = dt.date(int(p[:4]), 3 * int(p[5]) - 2, 1)
    return start, (pd.Timestamp(start) + pd.offsets.QuarterEnd(0)).date()


# ---------------------------------------------------------------- versions

class Conflict(Exception):
    """Someone saved the worksheet since ``base_version`` was opened. Nothing was written.
    ``theirs``: the latest version (dict as :func:`latest`); ``yours``: the values you tried
    to save (validated)."""

    def __init__(self, account_id, period, worksheet, base_version, theirs: dict, yours: dict):
        self.account_id, self.period, self.worksheet = account_id, period, worksheet
        self.base_version, self.theirs, self.yours = base_version, theirs, yours
        super().__init__(f"{worksheet} of {account_id} for {period} was saved as version {theirs['version']} by "
                         f"{theirs['author'] or '?'} at {theirs['saved_at']} after you opened version "
                         f"{base_version or 0}; nothing was saved")


_COLUMNS = 'account_id, period, worksheet, version, "values", author, saved_at, base_version'


def _as_dict(row) -> dict | None:
    if row is None:
        return None
    out = dict(zip(["account_id", "period", "worksheet", "version", "values", "author", "saved_at", "base_version"], row))
    out["values"] = json.loads(out["values"])
    return out


def latest(con, account_id: str, period: str, worksheet: str) -> dict | None:
    """The newest version of one worksheet: dict with account_id, period, worksheet, version,
    values, author, saved_at, base_version; None when it was never saved."""
    return _as_dict(con.execute(
        f"""SELECT {_COLUMNS} FROM playbook_versions WHERE account_id = ? AND period = ? AND worksheet = ?
            ORDER BY version DESC LIMIT 1""", [str(account_id), parse_period(period), worksheet]).fetchone())


def latest_versions(con, account_id: str, period: str) -> dict[str, int]:
    """The newest version number of each worksheet of the account saved for ``period``
    (worksheet key → version); worksheets never saved are left out."""
    return dict(con.execute(
        "SELECT worksheet, max(version) FROM playbook_versions WHERE account_id = ? AND period = ? GROUP BY 1",
        [str(account_id), parse_period(period)]).fetchall())


def version(con, account_id: str, period: str, worksheet: str, n: int) -> dict | None:
    """Version ``n`` of one worksheet (dict as :func:`latest`), None when there is none."""
    return _as_dict(con.execute(
        f"""SELECT {_COLUMNS} FROM playbook_versions
            WHERE account_id = ? AND period = ? AND worksheet = ? AND version = ?""",
        [str(account_id), parse_period(period), worksheet, int(n)]).fetchone())


def save(con, account_id: str, period: str, worksheet: str, values: dict, author: str | None,
         base_version: int | None = None, force: bool = False, people=None) -> int:
    """Append ``values`` as a new version and return its number.

    ``base_version`` is the version the author opened (None or 0 for a blank worksheet). When a
    newer version exists, :class:`Conflict` is raised and nothing is written, unless ``force``:
    then the values become a new version on top (nothing is overwritten). Values are checked
    with :func:`validate` first (``ValidationError``, nothing written)."""
    worksheet = str(worksheet)
    clean = validate(worksheet, values, people)
    period, account_id, base = parse_period(period), str(account_id), int(base_version or 0)
    payload = json.dumps(clean, ensure_ascii=False)
    for _attempt in range(2):
        current = latest(con, account_id, period, worksheet)
        top = current["version"] if current else 0
        if base > top:
            raise ValueError(f"{worksheet} of {account_id} for {period} has no version {base}")
        if base < top and not force:
            raise Conflict(account_id, period, worksheet, base, current, clean)
        try:
            con.execute("INSERT INTO playbook_versions VALUES (?, ?, ?, ?, ?, ?, current_timestamp, ?)",
                        [account_id, period, worksheet, top + 1, payload, author, base])
            return top + 1
        except duckdb.ConstraintException:
            continue  # another session took that number in the meantime: look again
    raise RuntimeError(f"could not save {worksheet} of {account_id} for {period}: too many concurrent saves")


def history(con, account_id: str, period: str | None = None, worksheet: str | None = None) -> pd.DataFrame:
    """Every saved version of an account's worksheets, optionally of one period and worksheet.
    Columns: period, number (worksheet 1–12), worksheet, version, author, saved_at,
    base_version, forced (saved on top of a newer version than the one opened). Newest period
    first, then worksheet number, then newest version first."""
    sql, params = "SELECT period, worksheet, version, author, saved_at, base_version FROM playbook_versions " \
                  "WHERE account_id = ?", [str(account_id)]
    if period is not None:
        sql, params = sql + " AND period = ?", params + [parse_period(period)]
    if worksheet is not None:
        sql, params = sql + " AND worksheet = ?", params + [worksheet]
    df = con.execute(sql, params).df()
    df.insert(1, "number", df["worksheet"].map({w["key"]: w["number"] for w in worksheets()}).astype("Int64"))
    df["forced"] = df["base_version"].fillna(0) < df["version"] - 1
    return df.sort_values(["period", "number", "version"], ascending=[False, True, False]).reset_index(drop=True)


class Change(NamedTuple):
    """One changed value: ``field`` ("table.column" for a cell), ``row`` (1-based, None outside
    tables), old and new value."""
    field: str
    row: int | None
    old: object
    new: object


def diff(old_values: dict | None, new_values: dict | None) -> list[Change]:
    """The values that differ between two versions, cell by cell for tables (rows compared by
    position; an added or removed row shows each of its values against None)."""
    old_values, new_values, out = old_values or {}, new_values or {}, []
    for name in list(dict.fromkeys([*old_values, *new_values])):
        a, b = old_values.get(name), new_values.get(name)
        if isinstance(a, list) and a and isinstance(a[0], dict) or isinstance(b, list) and b and isinstance(b[0], dict):
            a, b = a or [], b or []
            for i in range(max(len(a), len(b))):
                ra, rb = (a[i] if i < len(a) else {}), (b[i] if i < len(b) else {})
                for col in dict.fromkeys([*ra, *rb]):
                    if ra.get(col) != rb.get(col):
                        out.append(Change(f"{name}.{col}", i + 1, ra.get(col), rb.get(col)))
        elif a != b:
            out.append(Change(name, None, a, b))
    return out


def start_from_previous(con, account_id: str, period: str, author: str | None) -> list[str]:
    """Copy the previous quarter's latest worksheets into version 1 of ``period``, skipping
    worksheets ``period`` already has. Returns the keys copied."""
    prev, copied = previous_period(period), []
    for key in keys():
        old = latest(con, account_id, prev, key)
        if old is None or latest(con, account_id, period, key) is not None:
            continue
        try:
            save(con, account_id, period, key, old["values"], author, base_version=0)
            copied.append(key)
        except Conflict:
            pass  # someone started this worksheet meanwhile: theirs stands
    return copied


def _latest_rows(con, period: str, account_ids, worksheet: str | None = None) -> list[tuple]:
    """(account_id, worksheet, values) of the latest version of each worksheet saved for
    ``period``, of ``account_ids`` (None: of every account)."""
    rows = con.execute(
        """SELECT account_id, worksheet, "values" FROM playbook_versions
           WHERE period = ? AND (? IS NULL OR worksheet = ?)
           QUALIFY row_number() OVER (PARTITION BY account_id, worksheet ORDER BY version DESC) = 1
           ORDER BY account_id, worksheet""", [parse_period(period), worksheet, worksheet]).fetchall()
    return rows if account_ids is None else frames.among(rows, account_ids)


def _overdue_count(values: dict | None, today) -> int:
    return sum(r["status"] == "overdue" for r in milestone_status((values or {}).get("milestones"), today))


def completeness(con, account_ids, period: str, today=None) -> pd.DataFrame:
    """Which worksheets each account has filled for ``period``.

    Returns a frame with account_id, one bool column per worksheet key (a saved version holds
    something beyond the defaults), filled (how many of the twelve) and overdue_milestones
    (milestones of worksheet 8 not done and past their date at ``today``). One row per account
    of ``account_ids``, in their order; ``account_ids`` None: one per account with a worksheet
    saved for ``period``, by id (a portfolio of a million accounts has plans for a few)."""
    today = today if today is not None else dt.date.today()
    latest_values: dict[str, dict] = {}
    for a, w, v in _latest_rows(con, period, account_ids):
        latest_values.setdefault(a, {})[w] = json.loads(v)
    saved = pd.DataFrame({"account_id": pd.Series(list(latest_values), dtype=object)})
    for key in keys():
        saved[key] = pd.Series([is_filled(key, sheets.get(key)) for sheets in latest_values.values()], dtype=bool)
    saved["filled"] = saved[keys()].sum(axis=1).astype(int)
    saved["overdue_milestones"] = pd.Series(
        [_overdue_count(sheets.get("short_term_metrics"), today) for sheets in latest_values.values()], dtype=int)
    if account_ids is None:
        return saved
    out = pd.DataFrame({"account_id": [str(a) for a in account_ids]}).merge(saved, on="account_id", how="left")
    return out.fillna({k: False for k in keys()} | {"filled": 0, "overdue_milestones": 0}).astype(
        {**{k: bool for k in keys()}, "filled": int, "overdue_milestones": int})


def overdue_milestones(con, account_ids, period: str, today=None) -> pd.DataFrame:
    """The milestones past their date and not done, from each account's latest worksheet 8
    (short-term metrics) for ``period``, as of ``today`` (default: today); ``account_ids``
    None: of every account.

    Returns columns account_id, milestone, due (date), owner, days_overdue; the longest overdue
    first, then by account."""
    rows = _latest_rows(con, period, account_ids, "short_term_metrics")
    today = pd.Timestamp(today if today is not None else dt.date.today()).date()
    out = [{"account_id": a, "milestone": r.get("milestone"), "due": pd.Timestamp(r["due"]).date(),
            "owner": r.get("owner"), "days_overdue": (today - pd.Timestamp(r["due"]).date()).days}
           for a, _, values in rows
           for r in milestone_status(json.loads(values).get("milestones"), today) if r["status"] == "overdue"]
    df = pd.DataFrame(out, columns=["account_id", "milestone", "due", "owner", "days_overdue"])
    return df.sort_values(["days_overdue", "account_id", "milestone"], ascending=[False, True, True],
                          kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------- key accounts' plans

class KeyAccounts:
    """The key accounts whose plans a page follows (a frame with account_id, name, tier,
    revenue_12m, in the account table's order): kept once per account table, so that each view
    of their plans only looks at the few accounts with something saved, not at every key account.

    ``n``: how many; ``frame``: the accounts; ``by_revenue``: their positions by 12-month revenue,
    largest first (equal ones in the frame's order); ``index``: their ids."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame.reset_index(drop=True)
        self.n = len(self.frame)
        self.by_revenue = self.frame["revenue_12m"].sort_values(ascending=False, kind="stable").index.to_numpy()
        self.index = pd.Index(self.frame["account_id"].astype(str))
        self.index.get_indexer(self.index[:1])  # build the id lookup now, once

    def _mine(self, df: pd.DataFrame) -> pd.DataFrame:
        """The rows of ``df`` (with account_id) of these accounts, with their position ``_pos``."""
        pos = self.index.get_indexer(df["account_id"].astype(str)) if len(df) else np.empty(0, dtype=int)
        return df[pos >= 0].assign(_pos=pos[pos >= 0])

    def _accounts(self, positions) -> pd.DataFrame:
        return self.frame.iloc[positions].reset_index(drop=True)

    def of_these(self, df: pd.DataFrame) -> pd.DataFrame:
        """The rows of ``df`` (with account_id) of these accounts, in its order, with their name."""
        mine = self._mine(df)
        return mine.assign(name=self.frame["name"].iloc[mine["_pos"].to_numpy()].to_numpy()).drop(columns="_pos")

    def progress(self, saved: pd.DataFrame, drawn: int | None = None, listed: int | None = None) -> dict:
        """How far these accounts' plans are, from :func:`completeness` of the accounts with
        something saved (of any accounts: those of others are left out).

        Returns a dict: filled (worksheets filled), full (accounts with all twelve), started
        (accounts with at least one), overdue (overdue milestones); ``drawn``: the first
        ``drawn`` accounts by worksheets filled, overdue milestones, then 12-month revenue,
        largest first (columns of :func:`completeness` with name, tier, revenue_12m); ``listed``:
        the first ``listed`` accounts by 12-month revenue (account_id, name, tier, revenue_12m,
        filled, overdue_milestones). None: every account."""
        mine = self._mine(saved)
        drawn_n, listed_n = self.n if drawn is None else drawn, self.n if listed is None else listed
        active = mine[(mine["filled"] > 0) | (mine["overdue_milestones"] > 0)].sort_values("_pos", kind="stable")
        extra = self.frame.columns.drop("account_id")
        active = active.assign(**{c: self.frame[c].iloc[active["_pos"].to_numpy()].to_numpy() for c in extra})
        active = active.sort_values(["filled", "overdue_milestones", "revenue_12m"], ascending=False, kind="stable")
        # every other account has nothing filled and nothing overdue: by 12-month revenue
        rest = self.by_revenue[:drawn_n + len(active)]
        rest = self._accounts(rest[~np.isin(rest, active["_pos"].to_numpy())][:max(drawn_n - len(active), 0)])
        rest = rest.assign(**{k: False for k in keys()}, filled=0, overdue_milestones=0)
        drawn_rows = pd.concat([active.drop(columns="_pos"), rest[active.columns.drop("_pos")]], ignore_index=True)
        filled, late = np.zeros(self.n, dtype=int), np.zeros(self.n, dtype=int)
        filled[mine["_pos"].to_numpy()] = mine["filled"].to_numpy()
        late[mine["_pos"].to_numpy()] = mine["overdue_milestones"].to_numpy()
        first = self.by_revenue[:listed_n]
        return {"filled": int(mine["filled"].sum()), "full": int((mine["filled"] == 12).sum()),
                "started": int((mine["filled"] > 0).sum()), "overdue": int(mine["overdue_milestones"].sum()),
                "drawn": drawn_rows.head(drawn_n),
                "listed": self._accounts(first).assign(filled=filled[first], overdue_milestones=late[first])}


def key_accounts(accounts: pd.DataFrame, tiers: list[str]) -> KeyAccounts:
    """The accounts of ``tiers`` (names as in ``accounts["tier"]``) of an account table
    (account_id, name, tier, revenue_12m) as :class:`KeyAccounts`."""
    return KeyAccounts(accounts[accounts["tier"].isin(tiers)][["account_id", "name", "tier", "revenue_12m"]])
