"""Excel workbooks: their sheets (listed from the workbook's own parts, without reading
them), where a sheet's header and rows are, its merged cells, and Excel 97–2003 ``.xls`` files
(read with calamine and handed to DuckDB as Parquet). :func:`kamp.sources.inspect` calls
:func:`inspect_xlsx` or :func:`inspect_xls` for a workbook.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import duckdb

from kamp.problems import Listing
from kamp.sources import HEADER_SEARCH, ImportFailed, Source, _describe, _lit, header_index, scan_sql


def _sheet_parts(path: Path) -> dict[str, str]:
    """Each sheet of a workbook (in tab order) → the part of the zip that holds it, read from
    ``xl/workbook.xml`` and its relationships alone. (openpyxl, even read-only, first reads
    every shared string: 14 s for a sheet of 300,000 rows.)"""
    import zipfile
    from xml.etree import ElementTree

    def local(name: str) -> str:
        return name.rsplit("}", 1)[-1]

    with zipfile.ZipFile(path) as z:
        book = ElementTree.fromstring(z.read("xl/workbook.xml"))
        names = set(z.namelist())
        rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels")) \
            if "xl/_rels/workbook.xml.rels" in names else None
    targets = {r.get("Id"): r.get("Target", "") for r in (rels.iter() if rels is not None else ())}
    parts = {}
    for el in book.iter():
        if local(el.tag) == "sheet" and el.get("name"):
            target = targets.get(next((v for k, v in el.attrib.items() if local(k) == "id"), None), "")
            parts[el.get("name")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return parts


def list_sheets(path: Path) -> list[str]:
    """The workbook's sheet names in tab order."""
    return list(_sheet_parts(path))


def workbook_sheets(path) -> list[str]:
    """The sheet names of an Excel workbook (.xlsx or .xls) in tab order; none for any other
    file, or for a workbook too damaged to list them (:func:`inspect` says what is wrong with it)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
        if head == OLE2:
            return _xls_book(path).sheet_names
        if head[:4] != b"PK\x03\x04":
            return []
        return list_sheets(Path(path))
    except Exception:  # noqa: BLE001 — a damaged workbook of either kind lists no sheets
        return []


# An Excel 97–2003 workbook (.xls) is an OLE2 compound file; DuckDB reads only .xlsx, so its
# chosen sheet is read with calamine and handed to DuckDB as Parquet.
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _xls_book(path):
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path))


def _cell_text(value) -> str | None:
    """An .xls cell as the text an .xlsx read gives: whole numbers without '.0', others to
    Excel's 15 digits, dates as ISO dates (with the time when there is one)."""
    import datetime as dt

    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:.15g}"
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d}" if value.time() == dt.time() else f"{value:%Y-%m-%d %H:%M:%S}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _xls_sheet(path, sheet: str) -> tuple[list[str], int, list[tuple[int, list[str | None]]]]:
    """An .xls sheet's headers, the row they are in, and its non-empty rows under them, each
    with its row number: the header row found as in a text file (:func:`header_index`)."""
    ws = _xls_book(path).get_sheet_by_name(sheet)
    text = [[_cell_text(v) for v in row] for row in ws.to_python(skip_empty_area=False)]
    for (r1, c1), (r2, _c2) in ws.merged_cell_ranges or []:  # a merged cell's value on each row it spans
        for r in range(r1 + 1, min(r2, len(text) - 1) + 1):
            if c1 < len(text[r]) and c1 < len(text[r1]):
                text[r][c1] = text[r1][c1]
    top = header_index([[c or "" for c in r] for r in text[:HEADER_SEARCH]])
    if not any(any(r) for r in text[top:top + 1]):  # nothing at all in the sheet's first rows
        top = next((i for i, r in enumerate(text) if any(r)), len(text))
    named = text[top] if top < len(text) else []
    width = max((j + 1 for j, c in enumerate(named) if c), default=0)
    headers: list[str] = []
    for j in range(width):
        base = name = (named[j] or "").strip() or _column_letters(j + 1)
        n = 0
        while name in headers:  # the same name twice: the second gets a number, as DuckDB does
            n += 1
            name = f"{base}_{n}"
        headers.append(name)
    data = [(i + 1, (r + [None] * width)[:width]) for i, r in enumerate(text[top + 1:], top + 1)
            if any(r[:width])]
    return headers, top + 1, data


def inspect_xls(src: Source, sheet: str | None) -> None:
    """``src``, an .xls workbook: its sheets, and the chosen one's rows as Parquet with their row numbers."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    src.sheets = _xls_book(src.path).sheet_names
    if sheet is not None and sheet not in src.sheets:
        raise ImportFailed("problem.import.no_sheet", name=src.name, sheet=sheet, sheets=Listing(src.sheets))
    src.sheet = sheet or src.sheets[0]
    headers, src.header_row, data = _xls_sheet(src.path, src.sheet)
    if not headers:
        raise ImportFailed("problem.import.empty_sheet", name=src.name, sheet=src.sheet, sheets=Listing(src.sheets))
    columns = {h: pa.array([r[j] for _, r in data], pa.string()) for j, h in enumerate(headers)}
    columns["__line"] = pa.array([n for n, _ in data], pa.int64())
    fd, tmp = tempfile.mkstemp(suffix=".parquet", prefix="kamp-")
    os.close(fd)
    src.read_path = Path(tmp)
    pq.write_table(pa.table(columns), tmp)
    src.headers, src.types, src.est_rows = headers, {h: "VARCHAR" for h in headers}, len(data)


def sheet_headers(con, path, sheet: str) -> list[str] | None:
    """The column names of a workbook's sheet (its header row), or None when the sheet is empty
    or unreadable."""
    from kamp.store import load_extension

    with open(path, "rb") as fh:
        if fh.read(8) == OLE2:
            try:
                return _xls_sheet(path, sheet)[0] or None
            except Exception:  # noqa: BLE001 — a damaged sheet fits nothing; inspect says why
                return None
    load_extension(con, "excel")
    src = Source(path=Path(path), name=Path(path).name, format="xlsx", size=0, sheet=sheet)
    try:
        describe_sheet(con, src)
    except duckdb.Error:
        return None
    return src.headers


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def _sheet_reads(path: Path, sheet: str, size: int | None = None):
    """``sheet``'s part of the workbook, unzipped ``size`` (:data:`ZIP_READ`) bytes at a time;
    nothing when the sheet is missing."""
    import zipfile

    part = _sheet_parts(path).get(sheet)
    with zipfile.ZipFile(path) as z:
        if part not in z.namelist():
            return
        with z.open(part) as fh:
            while more := fh.read(size or ZIP_READ):
                yield more


def sheet_dimension(path: Path, sheet: str) -> tuple[str, int, str, int] | None:
    """The cells ``sheet`` spans by its ``<dimension>`` (Excel, LibreOffice, WPS and openpyxl
    write one): first column, first row, last column, last row; None without one."""
    m = _DIMENSION.search(next(_sheet_reads(path, sheet, 1 << 16), b""))  # written at the sheet's top
    if not m:
        return None
    c0, r0 = m.group(1).decode(), int(m.group(2))
    return (c0, r0, m.group(3).decode(), int(m.group(4))) if m.group(3) else (c0, r0, c0, r0)


ZIP_READ = 1 << 20  # bytes of a sheet unzipped at a time when its rows are counted
_MERGED = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def merged_ranges(path: Path, sheet: str) -> list[tuple[int, int, int, int]]:
    """The merged cells of ``sheet``: (first column, first row, last column, last row), columns
    numbered from 1 (see :func:`_scan_sheet`)."""
    return _scan_sheet(path, sheet)[0]


_ROW = re.compile(rb'<(?:\w+:)?row\s[^>]*?\br="(\d+)"')


def _scan_sheet(path: Path, sheet: str) -> tuple[list[tuple[int, int, int, int]], int]:
    """The merged cells of ``sheet`` and the number of its last row. The merged cells are listed
    after the rows, so the sheet is unzipped to its end (0.35 s for 100,000 rows); its last row
    is counted on the way, as a ``<dimension>`` may say less than the sheet holds (a writer
    that puts "A1" there loses no row)."""
    found, last, tail = [], 0, b""
    for more in _sheet_reads(path, sheet):
        buf = tail + more
        cut = buf.rfind(b"<")  # from the last tag's start on: it may go on in the next read
        cut = len(buf) if cut < 0 else cut
        found += _MERGED.findall(buf[:cut])
        rows = _ROW.findall(buf[max(buf.rfind(b"<row", 0, cut), 0):cut]) if b"<row" in buf else []
        last = max([last, *map(int, rows)])
        tail = buf[cut:]
    found += _MERGED.findall(tail)
    ranges = [(_column_number(a.decode()), int(r1), _column_number(b.decode()), int(r2)) for a, r1, b, r2 in found]
    return ranges, last


def _merged_down(ranges, first_col: int, header_row: int, width: int) -> dict[int, list[tuple[int, int]]]:
    """The merged cells that run down rows under the header, by column position (0 the sheet's
    first column read): each is read as its top cell's value on every row it spans."""
    out: dict[int, list[tuple[int, int]]] = {}
    for c1, r1, _c2, r2 in ranges:
        if r2 > r1 and r1 > header_row and 0 <= c1 - first_col < width:
            out.setdefault(c1 - first_col, []).append((r1, r2))
    return out


def sheet_rows(path: Path, sheet: str, header_row: int = 1) -> int | None:
    """The rows under the header (in row ``header_row``) of ``sheet``: what its
    ``<dimension>`` says it spans, else its ``<row>`` elements counted as the sheet is unzipped
    (0.6 s for 300,000 rows, where reading them takes 5 s); None when the sheet is missing or
    writes its rows under a namespace prefix."""
    dim = sheet_dimension(path, sheet)
    if dim is not None:
        return max(dim[3] - header_row, 0)
    rows, tail = 0, b""
    for more in _sheet_reads(path, sheet):
        # A tag is five bytes: one that spans two reads is found in the last four bytes of one
        # and the next; none fits in four, so none is counted twice.
        buf = tail + more
        rows += buf.count(b"<row ") + buf.count(b"<row>")
        tail = buf[-4:]
    return max(rows - header_row, 0) if rows else None


def inspect_xlsx(con, src: Source, sheet: str | None) -> None:
    """``src``, an .xlsx workbook: its sheets, the chosen one's headers and rows."""
    from kamp.store import load_extension

    load_extension(con, "excel")
    src.sheets = list_sheets(src.path)
    if sheet is not None and sheet not in src.sheets:
        raise ImportFailed("problem.import.no_sheet", name=src.name, sheet=sheet, sheets=Listing(src.sheets))
    src.sheet = sheet or src.sheets[0]
    try:
        describe_sheet(con, src)
    except duckdb.BinderException as exc:
        if "No rows found" not in str(exc):
            raise
        raise ImportFailed("problem.import.empty_sheet", name=src.name, sheet=src.sheet,
                           sheets=Listing(src.sheets)) from exc
    if src.cells is None:  # a sheet without a <dimension>: sheet_header counted nothing
        src.est_rows = sheet_rows(src.path, src.sheet, src.header_row)
    if src.est_rows is None:  # rows written under a prefix: DuckDB counts them
        src.est_rows = con.execute(f"SELECT count(*) FROM ({scan_sql(src)})").fetchone()[0]


def describe_sheet(con, src: Source) -> None:
    """The headers and types of ``src``'s sheet, read from its header row (:func:`sheet_header`)."""
    sheet_header(con, src)
    _describe(con, src)


def _column_number(letters: str) -> int:
    """A column's number from its letters: A → 1, Z → 26, AA → 27."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _column_letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def sheet_header(con, src: Source) -> None:
    """Where a sheet's headers are: the row :func:`header_index` picks among its first rows,
    from the sheet's first column to the header's last named one; the rows read then run to
    the sheet's last row, empty rows and all (none of them ends the reading). A sheet
    without a ``<dimension>``, or with nothing in its first rows, is read as DuckDB finds it,
    its headers in its first row."""
    dim = sheet_dimension(src.path, src.sheet)
    if dim is None:
        return
    c0, r0, c1, r1 = dim
    merged, last_row = _scan_sheet(src.path, src.sheet)
    r1 = max(r1, last_row)
    # up to column ZZ at least, in case the <dimension> says too few; a range ending at row 30
    # would still be read to the sheet's end, a LIMIT stops the reading
    wide = _column_letters(max(_column_number(c1), 702))
    top = con.execute(f"SELECT * FROM read_xlsx({_lit(src.path)}, sheet = {_lit(src.sheet)}, header = false, "
                      f"all_varchar = true, stop_at_empty = false, "
                      f"range = {_lit(f'{c0}{r0}:{wide}{r1}')}) LIMIT {HEADER_SEARCH}").fetchall()
    rows = [[v or "" for v in row] for row in top]
    if not any(v.strip() for row in rows for v in row):
        return  # an empty sheet: DuckDB says so
    i = header_index(rows)
    named = [j for j, v in enumerate(rows[i] if rows else []) if v.strip()]
    last = _column_letters(_column_number(c0) + (named[-1] if named else 0))
    src.header_row = r0 + i
    src.cells = f"{c0}{src.header_row}:{last}{max(r1, src.header_row)}"
    src.merged = _merged_down(merged, _column_number(c0), src.header_row, _column_number(last) - _column_number(c0) + 1)
    src.est_rows = r1 - src.header_row
