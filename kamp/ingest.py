"""Importing an export into the store: parsing, rejects, dedupe, loading, logging.

DuckDB reads and parses the whole file in bulk (see :mod:`kamp.sources`, :mod:`kamp.staging` and
:mod:`kamp.parse`; the sheet, the mapping and the preview before it: :mod:`kamp.reading`); Python
only assembles SQL. An import is one database transaction:
every row of the file lands — loaded, rejected with a reason, or counted as already
present — or, on a file-level problem, nothing does.
"""
from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from dataclasses import asdict, dataclass, field

import duckdb

from kamp import parse, schema, staging, store, stored, workbooks
from kamp.headers import one_line
from kamp.mapping import apply_overrides, save_mapping
from kamp.problems import Listing, Problem
from kamp.progress import PHASES, SHEET_PHASES, Poller, Progress
from kamp.reading import EVIDENCE_ROWS, date_evidence, in_sheet, mapping_of, open_sheet, require
from kamp.sources import ImportFailed, Source, first_line, inspect, open_quote_problem, row_number_sql, rows_sql


@dataclass
class ImportResult:
    import_id: int
    kind: str
    file_name: str
    sha256: str
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    rows_present: int
    mapping: dict[str, str]
    dayfirst: bool
    seconds: float
    note: str = ""
    source: dict = field(default_factory=dict)
    # How the date order was chosen, when some date depends on it (05/03/2024): "given" (asked
    # for), "data" (other dates of the file show it), "assumed" (nothing shows it: day first);
    # "saved" (nothing shows it: as saved for the header set); "" when no date depends on it.
    date_order: str = ""
    same_as: int | None = None  # the earlier import of the same file, when this one added nothing
    # Columns mapped as the mapping saved for the header set says, not as detected:
    # {column: field, or "-" when left out}
    as_saved: dict = field(default_factory=dict)
    # Accounts files: ids given on more than one row with different values (the last row is kept)
    repeated_ids: int = 0
    # The earlier imports whose lines this one found already stored, and so did not add again
    # (undoing one of them would lose those lines: kamp.undo)
    found_in: list = field(default_factory=list)
    # Payments and contacts: stored rows this import's rows are newer versions of (the same invoice
    # or contact, other values: schema.KEYS), kept but no longer read; undoing it brings them back
    superseded: int = 0
    # New account ids (for contacts, payments and interactions: ids no account has) that are known
    # accounts' ids but for leading zeros (00123 and 123: one customer, as two systems write it?),
    # and up to three such pairs (new, other): kamp.stored.zero_padded_twins
    zero_padded: int = 0
    zero_padded_examples: list = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.file_name}: {self.rows_read:,} rows read, {self.rows_loaded:,} loaded, "
                f"{self.rows_rejected:,} rejected, {self.rows_present:,} already present "
                f"({self.seconds:.1f} s){' — ' + self.note if self.note else ''}")

    def as_dict(self) -> dict:
        return asdict(self)


# The good rows are stored this many at a time (eight of DuckDB's row groups): the bar moves
# with the rows really stored, every second or two, where DuckDB's own progress figure for one
# long insert crawled and then jumped. Ten million lines take a second or two longer so.
LOAD_BATCH = 8 * 122_880


def sha256_of(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 22):
            h.update(chunk)
    return h.hexdigest()


def import_file(con, path, kind: str = "transactions", *, sheet=None, name=None, mapping=None, overrides=None,
                dayfirst: bool | None = None, progress: Progress | None = None, save_profile: bool = True,
                encoding: str | None = None, origin: str | None = None) -> ImportResult:
    """Import one file of ``kind``; returns the counts. ``ImportFailed`` (nothing changed) on a
    file-level problem. ``origin``: the path the file was imported from, kept in the import's
    log (the command line's, for the command that imports it again)."""
    t0 = time.perf_counter()
    schema.fields(kind)
    sheet_file = workbooks.is_workbook(path)
    poller = Poller(con, progress, phases=SHEET_PHASES if sheet_file else PHASES)
    first = "sheet" if sheet_file else "scan"

    def scanned(fraction: float, est_rows: int) -> None:
        poller.est_rows = max(est_rows, 1)
        poller.report(first, fraction)

    if sheet_file:  # a mapping given whole: of the first sheet, as ever
        sheet = open_sheet(con, path, kind, sheet, fit=mapping is None, overrides=overrides, progress=progress)
    poller.report(first, 0.0, 0)  # at once, before any row count is known; the step's rate counts from here
    src = inspect(con, path, sheet=sheet, name=name, encoding=encoding, on_scan=scanned)
    poller.est_rows = max(src.est_rows, 1)
    try:
        if not _ONE_AT_A_TIME.acquire(blocking=False):
            poller.report("wait", 0.0, 0)
            _ONE_AT_A_TIME.acquire()
        try:
            return _import(con, src, kind, mapping, overrides, dayfirst, poller, save_profile, t0, origin)
        finally:
            _ONE_AT_A_TIME.release()
    finally:
        for scratch in SCRATCH:
            con.execute(f"DROP TABLE IF EXISTS {scratch}")
        src.cleanup()


# Imports run one at a time in a process (the dashboard's sessions are its threads; another
# process cannot open the database while the dashboard has it). Two at once would each miss the
# other's lines and new accounts, and both save the same header set's mapping: the second
# failed on the first's key, or would have stored the lines of one file twice.
_ONE_AT_A_TIME = threading.Lock()


# A cancelled invoice's number: C and a digit (C536379), in either case; an order series such as
# CO1000 is sales. (Two cheap tests, where a regular expression costs more on ten million lines.)
CANCELLATION = "(invoice_id ILIKE 'C%' AND substr(invoice_id, 2, 1) BETWEEN '0' AND '9')"

# The temporary tables an import works in (dropped when it ends, whatever happened).
SCRATCH = ("_kamp_parsed", "_kamp_blanks", "_kamp_dups", "_kamp_present")


def _import(con, src: Source, kind: str, mapping, overrides, dayfirst, poller: Poller, save_profile,
            t0, origin: str | None = None) -> ImportResult:
    try:
        if mapping is None:
            mapping, as_saved = mapping_of(con, src.headers, kind, overrides, src.hidden)
        else:
            mapping, as_saved = apply_overrides(mapping, overrides, src.headers, kind), {}
        unknown = [h for h in mapping if h not in src.headers]
        if unknown:
            raise ImportFailed("problem.import.unknown_columns", name=src.name, columns=Listing(map(one_line, unknown)))
        require(mapping, kind, src)
    except ImportFailed as problem:
        raise in_sheet(problem, src) from None
    con.execute(f"SET memory_limit = {parse._lit(store.get_setting(con, 'memory_limit'))}")
    con.execute("SET enable_progress_bar = true; SET enable_progress_bar_print = false")
    try:
        # The whole text was checked before DuckDB reads it: some invalid UTF-8 (a character
        # cut at the end of the file) makes DuckDB's reader fail in a way that ends the
        # connection, not with an error.
        sha = src.sha256 or sha256_of(src.path)
        prior = prior_import(con, sha, kind, src.sheet)
        staged = None if prior else _stage(con, src, kind, mapping, dayfirst, poller)
        if src.format == "csv" and src.blank_lines and not prior:
            _blank_line_shifts(con, src)
        con.begin()
        import_id = con.execute("SELECT nextval('import_seq')").fetchone()[0]
        if prior:  # its rows are where the first import put them: its rejected rows under it, the rest present
            rows, rejected = con.execute("SELECT rows_read, rows_rejected FROM imports WHERE import_id = ?",
                                         [prior[0]]).fetchone()
            result = ImportResult(import_id, kind, src.name, sha, rows, 0, rejected, rows - rejected, mapping, True,
                                  0.0, store.SAME_FILE.format(id=prior[0], when=prior[1]),
                                  src.describe(), same_as=prior[0])
        else:
            result = _load(con, src, kind, mapping, staged, import_id, sha, poller)
        poller.report("finish", 0.5, result.rows_read)
        result.as_saved = as_saved
        result.seconds = time.perf_counter() - t0
        con.execute(
            "INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "current_timestamp - to_microseconds(CAST(? * 1e6 AS BIGINT)), current_timestamp, ?)",
            [import_id, kind, src.name, sha, src.format, result.rows_read, result.rows_loaded, result.rows_rejected,
             result.rows_present, json.dumps(mapping, ensure_ascii=False),
             json.dumps({**src.describe(), "dayfirst": result.dayfirst, "repeated_ids": result.repeated_ids,
                         "found_in": result.found_in, "superseded": result.superseded,
                         "zero_padded": result.zero_padded, "zero_padded_examples": result.zero_padded_examples,
                         **({"path": origin} if origin else {})},
                        ensure_ascii=False),
             result.seconds, result.note])
        if save_profile and not (result.rows_read and result.rows_rejected == result.rows_read):
            # (a mapping that loaded nothing is kept for no one)
            save_mapping(con, src.headers, kind, mapping, staged[3] if staged else None)
        con.commit()
        poller.report("finish", 1.0, result.rows_read)
    except BaseException as exc:
        _rollback(con)
        if isinstance(exc, duckdb.Error):
            raise open_quote_problem(src) or ImportFailed("problem.import.in_file", name=src.name,
                                                          problem=_explain(exc)) from exc
        raise
    return result


def prior_import(con, sha: str, kind: str, sheet: str | None = None):
    """The first import of the same file (sha256) as the same kind, and of the same sheet of a
    workbook (another sheet is other lines), if any."""
    return store.first_row(con, "SELECT import_id, strftime(finished_at, '%Y-%m-%d %H:%M') FROM imports "
                           "WHERE sha256 = ? AND kind = ? AND coalesce(note, '') = '' "
                           "AND coalesce(json_extract_string(options, '$.sheet'), '') = coalesce(?, '') "
                           "ORDER BY import_id LIMIT 1", [sha, kind, sheet])


def _rollback(con) -> None:
    try:
        con.rollback()
    except duckdb.Error:
        pass  # no transaction was open yet


def _explain(exc: duckdb.Error) -> Problem:
    """DuckDB's failure to read the file: its own first line (not translated), and the line
    it names, in a sentence of the UI's language."""
    text = str(exc)
    m = re.search(r"Invalid unicode|not utf-8|Invalid Input Error: .*?encoding", text, re.I)
    if m:
        return Problem("problem.import.invalid_text")
    line = re.search(r"[Ll]ine:? (\d+)", text)
    if line:
        return Problem("problem.import.read_error_near", detail=first_line(exc), line=int(line.group(1)))
    return Problem("problem.import.read_error", detail=first_line(exc))


def _stage(con, src: Source, kind: str, mapping: dict[str, str], dayfirst: bool | None,
           poller: Poller) -> tuple[int, bool, str, bool | None]:
    """Read and parse the whole file in one pass into a temporary table (outside the
    transaction: it is scratch); returns (rows read, day-first, how the date order was chosen:
    see ``ImportResult.date_order``, the order to save with the mapping: given or shown, else None)."""
    con.execute("DROP TABLE IF EXISTS _kamp_parsed")
    head = f"({rows_sql(src, EVIDENCE_ROWS)})"
    ev, order, proven = date_evidence(con, head, mapping, src, kind, dayfirst)
    poller.run(staging.parsed_sql(src, kind, mapping, ev, f"({rows_sql(src)})"), "read")
    rows_read = con.execute("SELECT count(*) FROM _kamp_parsed").fetchone()[0]
    if rows_read == 0:
        raise ImportFailed("problem.import.no_rows", name=src.name)
    # A quote that never closes makes the rest of the file one value: the row holding it is
    # rejected, its value many lines long (as JSON, with "\n" in it). Then the file is read for it.
    if src.format == "csv" and con.execute(
            "SELECT count(*) FROM _kamp_parsed WHERE reason <> '' AND contains(raw, '\\n')").fetchone()[0]:
        quote = open_quote_problem(src)
        if quote:
            raise quote
    poller.est_rows = rows_read
    poller.report("read", 1.0)
    return rows_read, ev.dayfirst, order, proven


def _load(con, src: Source, kind: str, mapping: dict[str, str], staged: tuple, import_id: int,
          sha: str, poller: Poller) -> ImportResult:
    rows_read, dayfirst, order, _ = staged
    poller.report("check", 0.0, rows_read)
    rejected = con.execute(
        f"""INSERT INTO rejects SELECT ?, src_row, reason, raw FROM {_parsed(src)} WHERE reason <> ''
           ORDER BY src_row""", [import_id]).fetchone()[0]
    repeated = 0
    if kind == "accounts":  # one account on two rows that differ: the last is kept, and that is said
        repeated = con.execute(f"""SELECT count(*) FROM (SELECT account_id FROM {_parsed(src)} WHERE reason = ''
                                   GROUP BY account_id HAVING count(DISTINCT row_hash) > 1)""").fetchone()[0]
    if kind == "contacts":  # one person on two rows that differ: the last row is the person, as the accounts'
        con.execute(f"""CREATE OR REPLACE TEMP TABLE _kamp_earlier AS SELECT src_row FROM (
                            SELECT src_row, row_number() OVER (PARTITION BY account_id, name ORDER BY src_row DESC) AS n,
                                   count(DISTINCT row_hash) OVER (PARTITION BY account_id, name) AS versions
                            FROM {_parsed(src)} WHERE reason = '') WHERE n > 1 AND versions > 1""")
        repeated = con.execute("SELECT count(*) FROM _kamp_earlier").fetchone()[0]
    loaded, found_in, superseded = _store(con, src, kind, import_id, poller, set(mapping.values()), rows_read)
    padded = stored.zero_padded_twins(con, kind, import_id)
    return ImportResult(import_id, kind, src.name, sha, rows_read, loaded, rejected, rows_read - rejected - loaded,
                        mapping, dayfirst, 0.0, "", src.describe(), order, repeated_ids=repeated, found_in=found_in,
                        superseded=superseded, zero_padded=padded[0], zero_padded_examples=padded[1])


def _non_product_regex(con) -> str:
    parts = [re.escape(str(c).strip().upper()).replace(r"\*", ".*") for c in store.get_setting(con, "non_product_codes")]
    return "|".join(parts) or "$^"


def _parsed(src: Source, rows: range | None = None) -> str:
    """The parsed rows with ``src_row``, their row number in the file (empty lines, which
    DuckDB skips, shift the rows after them: see :func:`_blank_line_shifts`); only the
    ``rows``-th parsed rows (0 the first) when given."""
    where = f" WHERE rowid >= {int(rows.start)} AND rowid < {int(rows.stop)}" if rows is not None else ""
    if src.format == "csv" and src.blank_lines:
        return (f"(SELECT p.* EXCLUDE (__r), p.__r + {int(src.last_header_line) + 1} + coalesce(b.shift, 0) AS src_row "
                f"FROM (SELECT *, rowid AS __r FROM _kamp_parsed{where}) p ASOF LEFT JOIN _kamp_blanks b ON p.__r >= b.t)")
    return f"(SELECT *, {row_number_sql(src)} AS src_row FROM _kamp_parsed{where})"


def _blank_line_shifts(con, src: Source) -> None:
    """A small table mapping row ids to how many empty lines come before them: with the header
    ending on line h, row id r sits on line r + h + 1 + shift, where shift = j for the last empty line
    b_j after the header with b_j − h − j ≤ r."""
    shifts: dict[int, int] = {}
    for j, b in enumerate(sorted(x for x in src.blank_lines if x > src.last_header_line), 1):
        shifts[b - src.last_header_line - j] = j
    con.execute("CREATE OR REPLACE TEMP TABLE _kamp_blanks AS SELECT unnest($t) AS t, unnest($s) AS shift",
                {"t": list(shifts), "s": list(shifts.values())})


def _store(con, src: Source, kind: str, import_id: int, poller: Poller, mapped: set[str], total: int
           ) -> tuple[int, list[int], int]:
    """Move the good parsed rows into the kind's table; returns how many were added, the
    earlier imports whose lines were found already stored (``ImportResult.found_in``), and how
    many stored rows the added ones are newer versions of (``ImportResult.superseded``).
    ``mapped``: the fields the file has; ``total``: the parsed rows, good and bad."""
    names = [f.name for f in schema.fields(kind)]

    earlier = " AND src_row NOT IN (SELECT src_row FROM _kamp_earlier)" if kind == "contacts" else ""

    def good(rows: range | None = None) -> str:
        return f"(SELECT * FROM {_parsed(src, rows)} WHERE reason = ''{earlier})"

    if kind == "accounts":
        return stored.upsert_accounts(con, names, good(), import_id), [], 0
    if kind == "transactions":
        share = con.execute(f"SELECT avg(CASE WHEN {CANCELLATION} THEN 1.0 ELSE 0 END) FROM {good()}").fetchone()[0]
        cancel = f"coalesce({CANCELLATION}, false)" if (share or 0) < 0.5 else "false"
        shaped = f"""SELECT account_id, ts,
                CASE WHEN {cancel} THEN -abs(amount) ELSE amount END AS amount,
                invoice_id, line_id, product, description, product_line,
                CASE WHEN {cancel} THEN -abs(quantity) ELSE quantity END AS quantity,
                unit_price, CASE WHEN {cancel} THEN -abs(cost) ELSE cost END AS cost, discount,
                salesperson, region, channel, country, account_name,
                ({cancel} OR coalesce(quantity < 0, false) OR amount < 0) AS is_return,
                coalesce(codes.is_product, true) AS is_product,
                row_hash, src_row FROM {{good}} g
                LEFT JOIN (SELECT code, NOT coalesce(regexp_full_match(upper(trim(code)), $regex), false) AS is_product
                           FROM (SELECT DISTINCT product AS code FROM {{good}})) codes ON g.product = codes.code"""
        params = {"regex": _non_product_regex(con)}
        target_cols = names + ["is_return", "is_product"]
    else:
        shaped = f"SELECT {', '.join(names)}, row_hash, src_row FROM {{good}}"
        params = {}
        target_cols = names
    cols = ", ".join(target_cols)
    # Exact duplicates within the file: the few repeated hashes and the first row of each,
    # so that the insert itself is one streaming pass with a small join. Found in the rows sorted
    # by hash (and row): the first of a run of equal hashes. A sort takes half the time of a
    # grouping into ten million mostly distinct hashes.
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _kamp_dups AS SELECT row_hash, src_row AS keep FROM (
                        SELECT row_hash, src_row, lead(row_hash) OVER w AS next_hash, lag(row_hash) OVER w AS prev_hash
                        FROM {good()} WINDOW w AS (ORDER BY row_hash, src_row))
                    WHERE next_hash = row_hash AND prev_hash IS DISTINCT FROM row_hash""")
    # Lines already stored (an overlapping export): their hashes, found once for every batch.
    exists = con.execute(f"SELECT count(*) > 0 FROM {kind}").fetchone()[0]
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _kamp_present AS SELECT DISTINCT row_hash FROM {good()}
                    WHERE {'row_hash IN (SELECT row_hash FROM ' + kind + ')' if exists else 'false'}""")
    # the imports those lines came from (kamp.undo); the stored lines are read again only when some were found
    found = exists and con.execute("SELECT count(*) > 0 FROM _kamp_present").fetchone()[0]
    found_in = [r[0] for r in con.execute(
        f"SELECT DISTINCT import_id FROM {kind} WHERE row_hash IN (SELECT row_hash FROM _kamp_present) ORDER BY 1"
    ).fetchall()] if found else []
    superseded = stored.newer_versions(con, kind, good(), import_id) if exists and kind in schema.KEYS else 0
    sql = f"""INSERT INTO {kind} ({cols}, row_hash, import_id, src_row)
        SELECT {cols}, row_hash, $import_id, src_row FROM ({{shaped}}) LEFT JOIN _kamp_dups d USING (row_hash)
        WHERE (d.keep IS NULL OR src_row = d.keep) AND row_hash NOT IN (SELECT row_hash FROM _kamp_present)"""
    loaded = 0
    poller.report("load", 0.0, 0)
    for start in range(0, total, LOAD_BATCH):
        rows = range(start, min(start + LOAD_BATCH, total))
        batch = sql.format(shaped=shaped.format(good=good(rows)))
        loaded += con.execute(batch, {**params, "import_id": import_id}).fetchone()[0]
        poller.report("load", rows.stop / total, rows.stop)
    if kind == "transactions" and loaded:
        poller.report("finish", 0.0, total)
        # New accounts get a record (with the name, region and country the lines carry).
        # (a field the file does not have is NULL on every line: no need to aggregate it)
        known = {c: f"max({c})" if c in mapped else "NULL" for c in ("account_name", "region", "country")}
        con.execute(f"""INSERT INTO accounts (account_id, name, region, country, import_id)
            SELECT account_id, {known['account_name']}, {known['region']}, {known['country']}, $import_id
            FROM _kamp_parsed WHERE reason = '' AND account_id NOT IN (SELECT account_id FROM accounts)
            GROUP BY account_id""", {"import_id": import_id})
    return loaded, found_in, superseded
