"""Excel workbooks, .xlsx and Excel 97–2003 .xls: their sheets, where a sheet's header and
rows are, and its merged cells. A sheet is read with calamine (Rust) and handed to DuckDB as a
Parquet file of text columns with each row's number; :func:`kamp.sources.inspect` calls
:func:`inspect_workbook` for a workbook.
"""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from itertools import chain, islice
from pathlib import Path

from kamp import xlsx_errors
from kamp.problems import Listing
from kamp.sources import HEADER_SEARCH, ImportFailed, Source, header_index

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an Excel 97–2003 workbook (.xls) is an OLE2 compound file
ZIP = b"PK\x03\x04"  # an .xlsx is a zip of XML parts
ROWS_PER_BATCH = 65_536  # rows made into Arrow columns at a time: a sheet of a million rows is not held twice
PREVIEW_ROWS = 10_000  # rows under the header a preview reads


def _book(path):
    """The workbook at ``path``, read as its first bytes say: calamine goes by the file's name,
    and an .xlsx saved under an .xls name (or the other way round) failed as "Invalid OLE"."""
    from python_calamine import CalamineWorkbook

    with open(path, "rb") as fh:
        head = fh.read(len(OLE2))
        suffix = Path(path).suffix.lower()
        if (head[:4] == ZIP and suffix in (".xlsx", ".xlsm")) or (head == OLE2 and suffix == ".xls"):
            return CalamineWorkbook.from_path(str(path))
        fh.seek(0)
        return CalamineWorkbook.from_filelike(fh)  # read by its content


def _names(book) -> list[str]:
    """The sheets of ``book`` in tab order, those Excel hides (a lookup table, an old copy)
    after those it shows: a hidden sheet is never the one read unless named."""
    from python_calamine import SheetVisibleEnum

    shown = [m.name for m in book.sheets_metadata if m.visible == SheetVisibleEnum.Visible]
    return shown + [n for n in book.sheet_names if n not in shown]


_LAST_SHEET: dict = {}


def _sheet(path, sheet: str):
    """``sheet`` of the workbook at ``path``, read whole by calamine; the last one read is kept,
    as the sheet a workbook's import will read is first looked at for its headers."""
    st = os.stat(path)
    key = (str(Path(path).resolve()), st.st_mtime_ns, st.st_size, sheet)
    ws = _LAST_SHEET.get(key)  # the dashboard's sessions are threads: one lookup, no check-then-read
    if ws is None:
        ws = _book(path).get_sheet_by_name(sheet)
        _LAST_SHEET.clear()
        _LAST_SHEET[key] = ws
    return ws


# calamine reads about 4 MB of an .xlsx a second here (a sheet of a million rows, 44 MB, in 10 s;
# one of 300,000 rows, 13 MB, in 3.2 s), all of it before it gives any cell
READ_BYTES_PER_SECOND = 4_000_000


def reading_seconds(path) -> float:
    """About how long calamine takes to read a sheet of the workbook at ``path``."""
    return os.stat(path).st_size / READ_BYTES_PER_SECOND


def preload(path, sheet: str | None = None) -> None:
    """Read ``sheet`` (the first when None) for :func:`inspect_workbook`, which then finds it
    read: the wait an import can show on its own. A damaged workbook or a sheet it does not
    have is left for :func:`inspect_workbook` to word."""
    try:
        _sheet(path, sheet or _names(_book(path))[0])
    except Exception:  # noqa: BLE001 — inspect_workbook says what is wrong
        pass


def is_workbook(path) -> bool:
    """Whether ``path`` begins as an .xlsx or .xls workbook does (False for a missing file)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError:
        return False
    return head == OLE2 or head[:4] == ZIP


def workbook_sheets(path) -> list[str]:
    """The sheet names of an Excel workbook (.xlsx or .xls) in tab order, hidden ones last; none for any other
    file, or for a workbook too damaged to list them (:func:`inspect_workbook` says what is
    wrong with it)."""
    try:
        return _names(_book(path)) if is_workbook(path) else []
    except Exception:  # noqa: BLE001 — a damaged workbook of either kind lists no sheets
        return []


def _cell_text(value) -> str | None:
    """A cell as text, as :func:`_column_text` words it."""
    return _column_text([value])[0].as_py()


def _rows_text(rows: list) -> list[list[str]]:
    """Rows of cells as text (an empty cell ''), a column at a time."""
    columns = [_column_text(list(c)).to_pylist() for c in zip(*rows)]
    return [[v or "" for v in r] for r in zip(*columns)] if columns else [[] for _ in rows]


def _other_text(value) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value)  # a time of day, a duration


def _column_text(values):
    """A sheet column's cells (as calamine gives them) as an Arrow text column: an empty cell
    is NULL; a whole number without '.0' (others as the shortest text that reads back the
    same number); a date as an ISO date, with the time when there is one (to the
    millisecond, as Excel keeps it); TRUE / FALSE. The text, numbers and dates of a column are
    each made into Arrow arrays whole and put together; other cells one by one."""
    import pyarrow as pa
    import pyarrow.compute as pc

    kinds = set(map(type, values))
    if kinds <= {str}:
        return pa.array([v or None for v in values], pa.string())
    parts = []
    if str in kinds:
        parts.append(pa.array([v if v.__class__ is str and v else None for v in values], pa.string()))
    if float in kinds:
        x = pa.array([v if v.__class__ is float else None for v in values], pa.float64())
        whole = pc.and_(pc.equal(pc.floor(x), x), pc.less(pc.abs(x), 1e17))
        ints = pc.cast(pc.cast(pc.if_else(whole, x, 0.0), pa.int64()), pa.string())
        parts.append(pc.if_else(whole, ints, pc.cast(x, pa.string())))
    if dt.datetime in kinds:
        ts = pa.array([v if v.__class__ is dt.datetime else None for v in values], pa.timestamp("ms"))
        full = pc.replace_substring(pc.cast(ts, pa.string()), ".000", "", max_replacements=1)  # strftime: 20× slower
        midnight = pc.equal(pc.cast(pc.cast(ts, pa.date32()), pa.timestamp("ms")), ts)
        parts.append(pc.if_else(midnight, pc.utf8_slice_codeunits(full, 0, 10), full))
    if dt.date in kinds:
        day = pa.array([v if v.__class__ is dt.date else None for v in values], pa.date32())
        parts.append(pc.cast(day, pa.string()))
    others = kinds - {str, float, dt.datetime, dt.date, type(None)}
    if others:
        parts.append(pa.array([_other_text(v) if v.__class__ in others else None for v in values], pa.string()))
    if not parts:  # nothing but None
        return pa.nulls(len(values), pa.string())
    return pc.coalesce(*parts) if len(parts) > 1 else parts[0]


def _header(ws, rows) -> tuple[list[str], int, list]:
    """The headers of a sheet whose rows are being read from ``rows`` (an iterator), the index
    (from 0) of the row holding them, and the rows read past it so far: the row
    :func:`header_index` picks among the first rows, else the first row with anything in it.
    Columns run from the header row's first to its last named cell."""
    head = list(islice(rows, HEADER_SEARCH))
    text = _rows_text(head)
    top = header_index(text)
    if not any(text[top] if top < len(text) else ()):  # nothing in the first rows
        top = next((i for i, r in enumerate(text) if any(r)), None)
        while top is None:
            row = next(rows, None)
            if row is None:
                return [], 0, []
            head.append(row)
            text.append(_rows_text([row])[0])
            top = len(head) - 1 if any(text[-1]) else None
    named = text[top]
    width = max((j + 1 for j, c in enumerate(named) if c.strip()), default=0)
    first_col = ws.start[1] if ws.start else 0  # rows are read from the sheet's first used column
    headers: list[str] = []
    for j in range(width):
        base = name = named[j].strip() or _column_letters(first_col + j + 1)
        n = 0
        while name in headers:  # the same name twice: the second gets a number, as DuckDB does
            n += 1
            name = f"{base}_{n}"
        headers.append(name)
    return headers, top, head[top + 1:]


def _batches(ws, rows, first: int, width: int, limit: int | None, errors: dict | None = None):
    """The rows from ``rows`` (the sheet's row ``first`` on, counted from 0) as Arrow tables of
    ``width`` text columns and ``__line``, their row number in Excel, empty rows left out; a
    cell merged down several rows gives its value to each of them; a cell holding an Excel
    error reads as its text (``errors``: :func:`kamp.xlsx_errors.error_cells`)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    first_col = ws.start[1] if ws.start else 0
    starts: dict[int, list[tuple[int, int]]] = {}  # row → (column, last row) of merges below the header
    for (r1, c1), (r2, _c2) in ws.merged_cell_ranges or []:
        if r2 > r1 and r1 >= first and 0 <= c1 - first_col < width:
            starts.setdefault(r1, []).append((c1 - first_col, r2))
    spreading: dict[int, tuple[int, object]] = {}  # column → (last row, value) of a merge under way
    index, left = first, limit
    while left is None or left > 0:
        chunk = list(islice(rows, ROWS_PER_BATCH if left is None else min(left, ROWS_PER_BATCH)))
        if not chunk:
            return
        if errors:
            _put_errors(chunk, index, first_col, errors)
        if starts or spreading:
            for r, row in enumerate(chunk, index):
                for c, (last, value) in list(spreading.items()):
                    if r > last:
                        del spreading[c]
                    elif c < len(row):
                        row[c] = value
                for c, last in starts.get(r, ()):
                    spreading[c] = (last, row[c] if c < len(row) else "")
        columns = [_column_text(col) for col in islice(zip(*chunk), width)]
        columns += [pa.nulls(len(chunk), pa.string())] * (width - len(columns))
        filled = None
        for c in columns:
            here = pc.fill_null(pc.not_equal(pc.utf8_trim_whitespace(c), ""), False)
            filled = here if filled is None else pc.or_(filled, here)
        lines = pa.array(range(index + 1, index + 1 + len(chunk)), pa.int64())
        yield pa.Table.from_arrays(columns + [lines], names=[f"c{j}" for j in range(width)] + ["__line"]).filter(filled)
        index += len(chunk)
        if left is not None:
            left -= len(chunk)


def _put_errors(chunk: list, index: int, first_col: int, errors: dict) -> None:
    """Each error cell of ``errors`` ({row: {column: text}} from A1) in the rows of ``chunk``,
    the sheet's rows from ``index`` on (counted from 0), read from column ``first_col``."""
    for r in range(index, index + len(chunk)):
        for c, text in errors.get(r, {}).items():
            if 0 <= c - first_col < len(chunk[r - index]):
                chunk[r - index][c - first_col] = text


def inspect_workbook(src: Source, sheet: str | None, preview: bool = False, on_scan=None) -> None:
    """``src``, an .xlsx or .xls workbook: its sheets, the chosen one's headers, and its rows
    under them as Parquet with their row numbers (with ``preview``, the first
    :data:`PREVIEW_ROWS` only). ``on_scan(fraction, rows in the sheet)``, when given, follows
    the rows as they are read."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    src.sheets = _names(_book(src.path))
    if sheet is not None and sheet not in src.sheets:
        raise ImportFailed("problem.import.no_sheet", name=src.name, sheet=sheet, sheets=Listing(src.sheets))
    src.sheet = sheet or src.sheets[0]
    ws = _sheet(src.path, src.sheet)
    rows = ws.iter_rows()
    headers, top, read = _header(ws, rows)
    if not headers:
        raise ImportFailed("problem.import.empty_sheet", name=src.name, sheet=src.sheet, sheets=Listing(src.sheets))
    errors = xlsx_errors.error_cells(src.path, src.sheet, top + PREVIEW_ROWS if preview else None) \
        if src.format == "xlsx" else {}
    fd, tmp = tempfile.mkstemp(suffix=".parquet", prefix="kamp-")
    os.close(fd)
    src.read_path = Path(tmp)
    schema = pa.schema([(h, pa.string()) for h in headers] + [("__line", pa.int64())])
    count, last = 0, ws.end[0] + 1 if ws.end else 0
    with pq.ParquetWriter(tmp, schema) as out:
        for batch in _batches(ws, chain(read, rows), top + 1, len(headers), PREVIEW_ROWS if preview else None,
                              errors):
            out.write_table(batch.rename_columns(schema.names))
            count += batch.num_rows
            if on_scan is not None and batch.num_rows:
                on_scan(min(batch["__line"][-1].as_py() / max(last, 1), 1.0), max(last - top - 1, count))
    if not preview:
        _LAST_SHEET.clear()  # read for good: its memory (half a gigabyte for a million rows) goes back
    src.header_row = top + 1
    src.headers, src.types = headers, {h: "VARCHAR" for h in headers}
    if src.format == "xlsx":
        hidden, first_col = xlsx_errors.hidden_columns(src.path, src.sheet), ws.start[1] if ws.start else 0
        src.hidden = [h for j, h in enumerate(headers) if first_col + j in hidden]
    # a preview that stopped short of the sheet's end: its rows less the header's, empty ones and all
    src.rows_exact = next(rows, None) is None
    src.est_rows = count if src.rows_exact else last - src.header_row


def sheet_headers(path, sheet: str) -> list[str] | None:
    """The column names of a workbook's sheet (its header row), or None when the sheet is empty
    or unreadable."""
    try:
        ws = _sheet(path, sheet)
        return _header(ws, ws.iter_rows())[0] or None
    except Exception:  # noqa: BLE001 — a damaged sheet fits nothing; inspect says why
        return None


def _column_letters(n: int) -> str:
    """A column's letters from its number: 1 → A, 26 → Z, 27 → AA."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out
