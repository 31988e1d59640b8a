"""Reading an uploaded export: its format, encoding, delimiter, sheet and headers (a text
file is first scanned whole by :mod:`kamp.text_scan`).

:func:`inspect` looks at a file's first bytes and returns a :class:`Source` (workbooks, .xlsx
and .xls, are looked into by :mod:`kamp.workbooks`); :func:`scan_sql`
gives the DuckDB ``SELECT`` that reads the whole file with DuckDB's own readers (CSV,
Excel, Parquet); :func:`row_number_sql` numbers the rows as a person counts them in the file
(for text and Excel, the header is row 1).
"""
from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from kamp import spaced, text_scan
from kamp.encodings import SAMPLE_BYTES, detect_encoding
from kamp.problems import Problem

PREVIEW_BYTES = 32 * 1024 * 1024  # a preview reads (and checks) at most this much text
DELIMITERS = [",", ";", "\t", "|"]
# Python codec name -> DuckDB read_csv encoding name, for the encodings DuckDB reads natively.
# Other encodings (GB18030/GBK, Big5, Windows-1252, UTF-16 without BOM or big-endian) are
# streamed once through Python's C codecs into a UTF-8 copy: measured 15x faster than
# DuckDB's ICU-based encodings extension on a 68 MB GB18030 file (0.8 s + 0.7 s vs 22.7 s).
_DUCKDB_ENCODING = {"utf-8": "utf-8", "utf-16": "utf-16"}


class ImportFailed(Problem):
    """A problem with the file as a whole: nothing was imported. A :class:`kamp.problems.Problem`:
    message ``key`` (``problem.import.*``) names the file and the line or value; ``str()`` is
    the English sentence, ``text(lang)`` the one in the UI's language."""

    def __reduce__(self):
        return _import_failed, (self.key, self.values)


def _import_failed(key: str, values: dict) -> ImportFailed:
    return ImportFailed(key, **values)


@dataclass
class Source:
    path: Path
    name: str
    format: str  # csv | spaced | xlsx | xls | parquet
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    types: dict[str, str] = field(default_factory=dict)
    # Parquet time stamps of an instant (with a time zone): header → the zone whose clock they
    # are read in (the one the file names, else UTC), as a CSV's 10:00+08:00 reads 10:00.
    zones: dict[str, str] = field(default_factory=dict)
    # Parquet columns of lists, structs or maps, read as their text ([1, 2]): a field takes no such
    # value, and a row holding one is rejected with it, not the whole file with DuckDB's cast error.
    nested: list[str] = field(default_factory=list)
    est_rows: int = 0
    rows_exact: bool = False  # est_rows counted (Parquet, a whole sheet), not estimated from a sample
    size: int = 0
    read_path: Path | None = None  # a UTF-8 copy of text DuckDB cannot read; a sheet as Parquet
    header_row: int = 1  # text and Excel: the line (row) holding the headers
    header_end: int = 0  # text: the header's last line, when a quoted header holds a line break (金额⏎(元))
    blank_lines: list[int] = field(default_factory=list)  # empty lines after the header
    sha256: str | None = None  # computed while the text was checked
    extra_columns: list[str] = field(default_factory=list)  # text: columns some row has beyond the header's
    serial: bool = False  # text with a quoted value over several lines: read in one thread (see scan_sql)
    dos_eof: bool = False  # text ending in a line of DOS's end-of-file mark alone (^Z): no row, not read
    starts: list[int] = field(default_factory=list)  # spaced text: the display column each column starts at
    hidden: list[str] = field(default_factory=list)  # .xlsx: the columns Excel hides (an old code kept out of sight)

    @property
    def numbered(self) -> bool:
        """Whether the rows carry ``__line``, their line (row) in the file: spaced text and
        Excel, whose empty lines (rows) are left out of the rows read."""
        return self.format in ("spaced", "xlsx", "xls")

    @property
    def last_header_line(self) -> int:
        """The line the header ends on: the rows count on from the next."""
        return max(self.header_row, self.header_end)

    @property
    def row_marks(self) -> list[str]:
        """The columns :func:`rows_sql` gives beside the headers': ``__line`` (see
        :attr:`numbered`), and for spaced text ``__cross``, the columns whose edge a value runs over."""
        return ["__line", "__cross"] if self.format == "spaced" else ["__line"] if self.numbered else []

    @property
    def read_encoding(self) -> str:
        """The encoding DuckDB reads: the file's own, or UTF-8 for the converted copy."""
        return "utf-8" if self.read_path else _DUCKDB_ENCODING.get(self.encoding, "utf-8")

    def cleanup(self) -> None:
        """Remove the converted copy, if any."""
        if self.read_path:
            Path(self.read_path).unlink(missing_ok=True)
            self.read_path = None

    def describe(self) -> dict:
        return {"file": self.name, "format": self.format, "encoding": self.encoding,
                "delimiter": {"\t": "tab", " ": "spaces"}.get(self.delimiter or "", self.delimiter),
                "sheet": self.sheet, "sheets": self.sheets, "header_row": self.header_row,
                "columns": len(self.headers), "headers": list(self.headers), "estimated_rows": self.est_rows,
                "rows_exact": self.rows_exact}


def _lit(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _sniff_delimiter(lines: list[str]) -> str | None:
    """The delimiter that splits the first lines into the same number (≥ 2) of fields."""
    text = "\n".join(lines)
    try:
        d = csv.Sniffer().sniff(text, delimiters="".join(DELIMITERS)).delimiter
        widths = {len(r) for r in csv.reader(lines, delimiter=d) if r}
        if len(widths) == 1 and widths.pop() >= 2:
            return d
    except csv.Error:
        pass
    best, best_score = None, 0
    for d in DELIMITERS:
        rows = [r for r in csv.reader(lines, delimiter=d) if r]
        if not rows or len(rows[0]) < 2:
            continue
        agree = sum(len(r) == len(rows[0]) for r in rows) / len(rows)
        if agree >= 0.8 and len(rows[0]) * agree > best_score:
            best, best_score = d, len(rows[0]) * agree
    return best


# A report's title, export time or notes may stand above the header (ERP exports often have
# them): the header is looked for among this many first lines (rows).
HEADER_SEARCH = 30


def header_index(rows: list[list[str]]) -> int:
    """Which of a file's first rows (each a list of its cells) holds the headers: the first,
    unless a later one names more of the fields some kind of import takes — at least two."""
    from kamp import schema

    def known(cells: list[str]) -> int:
        names = list(dict.fromkeys(c.strip() for c in cells if c and c.strip()))
        if len(names) < 2:
            return 0
        return max(len(schema.guess_mapping(names, kind)) for kind in schema.KINDS)

    scores = [known(r) for r in rows[:HEADER_SEARCH]]
    if not scores:
        return 0
    best = max(range(len(scores)), key=lambda i: (scores[i], -i))
    return best if scores[best] >= 2 and scores[best] > scores[0] else 0


def _line_cells(line: str) -> list[str]:
    """A text line's cells as every delimiter and runs of spaces would split it (only
    header names count in :func:`header_index`, so the wrong splits do no harm)."""
    cells = [c for d in DELIMITERS for r in csv.reader([line], delimiter=d) for c in r]
    return cells + spaced.split(line)


def inspect(con: duckdb.DuckDBPyConnection, path, sheet: str | None = None, name: str | None = None,
            encoding: str | None = None, preview: bool = False, on_scan=None) -> Source:
    """Detect the format, encoding, delimiter and headers of ``path``; ``ImportFailed`` if the
    file is empty or unreadable. With ``preview``, text is checked (and converted) only as far
    as a preview reads. ``on_scan(fraction, estimated rows)``, when given, follows the pass
    over a text file or a sheet. Call ``Source.cleanup()`` when done."""
    from kamp import workbooks

    path = Path(path)
    if not path.exists():  # named as given: the folder may be what is wrong
        raise ImportFailed("problem.import.not_found", name=name or str(path))
    name = name or path.name
    if path.is_dir():
        raise ImportFailed("problem.import.folder", name=name)
    size = path.stat().st_size
    if size == 0:
        raise ImportFailed("problem.import.empty", name=name)
    with open(path, "rb") as fh:
        head = fh.read(SAMPLE_BYTES)
    if is_web_page(head):
        raise ImportFailed("problem.import.web_page", name=name)
    src = Source(path=path, name=name, format="csv", size=size)
    try:
        if head.startswith(b"PAR1"):
            src.format = "parquet"
            desc = con.execute(f"DESCRIBE SELECT * FROM read_parquet({_lit(path)})").fetchall()
            src.headers = [r[0] for r in desc]
            src.types = {r[0]: r[1] for r in desc}
            src.zones = _parquet_zones(path, [h for h, t in src.types.items() if t == "TIMESTAMP WITH TIME ZONE"])
            src.types.update({h: "TIMESTAMP" for h in src.zones})  # read as the clock in that zone showed
            src.nested = [h for h, t in src.types.items() if t.endswith("]") or t.startswith(("STRUCT", "MAP", "UNION"))]
            src.types.update({h: "VARCHAR" for h in src.nested})
            src.est_rows = con.execute(
                f"SELECT sum(num_rows) FROM parquet_file_metadata({_lit(path)})").fetchone()[0] or 0
            src.rows_exact = True
        elif head.startswith((workbooks.OLE2, workbooks.ZIP)):
            src.format = "xls" if head.startswith(workbooks.OLE2) else "xlsx"
            workbooks.inspect_workbook(src, sheet, preview, on_scan)
        else:
            _inspect_text(con, src, head, encoding, PREVIEW_BYTES if preview else None, on_scan)
    except ImportFailed:
        src.cleanup()
        raise
    except Exception as exc:  # a damaged workbook, zip or Parquet file: one clear message
        quote = open_quote_problem(src)
        src.cleanup()
        raise quote or ImportFailed("problem.import.unreadable", name=name, detail=first_line(exc)) from exc
    if not src.headers:
        raise ImportFailed("problem.import.no_columns", name=name)
    return src


# How a web page begins (after blanks and a byte-order mark): many web systems' "Excel export"
# is the page's HTML table saved under an .xls name, which Excel opens and no reader else.
_WEB_PAGE = re.compile(rb"<(!doctype\s+html|html|table|head|body|meta)[\s>/]", re.I)


def is_web_page(head: bytes) -> bool:
    """Whether the first bytes of a file are those of a web page (HTML), not of an export."""
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            head = head[2:512].decode(codec, errors="ignore").encode("utf-8")
    return _WEB_PAGE.match(head.removeprefix(codecs.BOM_UTF8).lstrip()) is not None


def open_quote_problem(src: Source) -> ImportFailed | None:
    """The failure to report when a CSV file has a quote that no later line closes (a CSV
    reader takes all the rest of the file for one value), naming its line and first
    characters; None when every quote closes or the file is no CSV. Read only when reading the
    file has gone wrong: a pass over the whole text in Python."""
    if src.format != "csv":
        return None
    try:
        with open(src.read_path or src.path, encoding="utf-8" if src.read_path else src.encoding or "utf-8",
                  errors="replace", newline="") as fh:
            opened = None
            for number, line in enumerate(fh, 1):
                if line.count('"') % 2:
                    opened = None if opened else (number, line.strip()[:60])
    except (OSError, LookupError):
        return None
    return opened and ImportFailed("problem.import.open_quote", name=src.name, line=opened[0], text=opened[1])


def _inspect_text(con, src: Source, head: bytes, encoding: str | None, limit_bytes: int | None,
                  on_scan=None) -> None:
    if b"\0" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and encoding is None \
            and head.count(b"\0") < len(head) // 4:
        raise ImportFailed("problem.import.binary", name=src.name)
    try:
        codec = encoding or detect_encoding(head)
        text = head.decode(codec, errors="ignore").lstrip("\ufeff")
    except ImportFailed as exc:
        raise ImportFailed("problem.import.in_file", name=src.name, problem=exc) from None
    except LookupError:
        raise ImportFailed("problem.import.not_an_encoding", name=src.name, encoding=encoding) from None
    numbered = [(n, ln) for n, ln in enumerate(text.splitlines()[:HEADER_SEARCH + 50], 1) if ln.strip()]
    if len(text) >= SAMPLE_BYTES // 4 and len(numbered) > 1:
        numbered = numbered[:-1]  # the last line of a cut sample may be partial
    if not numbered:
        raise ImportFailed("problem.import.empty", name=src.name)
    top = header_index([_line_cells(ln) for _, ln in numbered])
    src.header_row = numbered[top][0]
    lines = [ln for _, ln in numbered[top:top + 50]]
    src.encoding = codec
    src.est_rows = max(0, src.size // _bytes_per_line(lines, codec, "\r\n" if "\r\n" in text else "\n") - 1)
    text_scan.scan_text(src, src.encoding not in _DUCKDB_ENCODING, limit_bytes, None if on_scan is None else
                        (lambda done: on_scan(min(done / src.size, 1.0), src.est_rows)))
    src.delimiter = _sniff_delimiter(lines)
    if src.delimiter is None and spaced.aligned(lines, src.encoding):
        src.format, src.delimiter = "spaced", " "
    elif src.delimiter is None:
        src.delimiter = ","
    src.serial = src.format == "csv" and _quoted_line_break(text, src.delimiter)
    _describe(con, src)
    if src.format == "csv":  # DuckDB names the values a row has beyond the header column<N>
        header = next(csv.reader(io.StringIO("\n".join(lines)), delimiter=src.delimiter))  # a quoted 金额⏎(元) too
        src.extra_columns = src.headers[len(header):]
        src.header_end = src.header_row + sum(cell.count("\n") for cell in header)


def _bytes_per_line(lines: list[str], codec: str, ending: str) -> int:
    """The bytes a line of ``lines`` takes in the file, as ``codec`` writes it (two a character
    in UTF-16, one or two in GB18030): what a row count is estimated from."""
    codec = {"utf-16": "utf-16-le"}.get(codec, codec)  # (no byte-order mark in each line)
    return max(1, len((ending.join(lines) + ending).encode(codec, errors="ignore")) // len(lines))


def _quoted_line_break(text: str, delimiter: str) -> bool:
    """Whether a quoted value of the sample spans lines ("Floor 3
    Building A", as Excel writes a cell with a line break)."""
    try:
        return any("\n" in cell or "\r" in cell for row in csv.reader(io.StringIO(text), delimiter=delimiter)
                   for cell in row)
    except csv.Error:
        return False


def _describe(con, src: Source) -> None:
    """The headers and types of a text file."""
    if src.format == "spaced":
        lines = con.execute(f"SELECT line, n FROM (SELECT line, row_number() OVER () AS n FROM ({scan_sql(src)} "
                            f"LIMIT {int(src.header_row) + 1000})) WHERE trim(line) <> '' AND n >= {int(src.header_row)} "
                            "ORDER BY n LIMIT 51").fetchall()
        src.headers, src.starts, _ = spaced.layout([ln for ln, _ in lines] or [""], src.encoding)
        src.header_row = lines[0][1] if lines else 1
        src.types = {h: "VARCHAR" for h in src.headers}
        return
    desc = con.execute(f"DESCRIBE {scan_sql(src)}").fetchall()
    src.headers = [r[0] for r in desc]
    src.types = {r[0]: r[1] for r in desc}


def _parquet_zones(path, columns: list[str]) -> dict[str, str]:
    """Each of a Parquet file's ``columns`` of instants → the time zone its Arrow schema names
    (what pandas or pyarrow wrote, Asia/Shanghai), else UTC: the same wall-clock time on every
    machine, where DuckDB would show it in the machine's own zone."""
    if not columns:
        return {}
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
    except Exception:  # noqa: BLE001 - a schema pyarrow cannot read: its instants in UTC
        schema = None
    zones = {}
    for c in columns:
        tz = None
        if schema is not None and c in schema.names:
            tz = getattr(schema.field(c).type, "tz", None)
        zones[c] = tz or "UTC"
    return zones


def scan_sql(src: Source) -> str:
    """A ``SELECT`` over the whole file; text columns stay text so nothing is lost on read."""
    p = _lit(src.read_path or src.path)
    if src.format in ("parquet", "xlsx", "xls"):  # a sheet: its Parquet copy, __line and all
        read = [f"timezone({_lit(z)}, {_ident(h)}) AS {_ident(h)}" for h, z in src.zones.items()] + \
               [f"CAST({_ident(h)} AS VARCHAR) AS {_ident(h)}" for h in src.nested]
        if read:
            return f"SELECT * REPLACE ({', '.join(read)}) FROM read_parquet({p})"
        return f"SELECT * FROM read_parquet({p})"
    enc = _lit(src.read_encoding)
    if src.format == "spaced":
        return (f"SELECT * FROM read_csv({p}, columns = {{'line': 'VARCHAR'}}, header = false, delim = {_lit(chr(1))}, "
                f"quote = '', escape = '', encoding = {enc}, auto_detect = false)")
    skip = f"skip = {int(src.header_row) - 1}, " if src.header_row > 1 else ""
    # Rows short of values are padded; DuckDB's parallel reader cannot pad rows and also read
    # values over several lines: a file with such values is read in one thread.
    serial = "parallel = false, " if src.serial else ""
    return (f"SELECT * FROM read_csv({p}, delim = {_lit(src.delimiter)}, header = true, all_varchar = true, {skip}"
            f"{serial}encoding = {enc}, strict_mode = false, null_padding = true, quote = '\"', escape = '\"')")


def rows_sql(src: Source, limit: int | None = None) -> str:
    """The file's rows, in file order; ``limit`` reads only the first rows. Spaced text and
    Excel rows have a ``__line`` column (their line or row number), and their empty lines
    (rows) are left out; for the other formats the row number is the position in file order,
    see :func:`row_number_sql`. Spaced text is read by column positions (:mod:`kamp.spaced`)
    and has ``__cross`` too (:attr:`Source.row_marks`)."""
    above = src.header_row if src.format == "spaced" else 0  # the lines read up to the header
    scan = scan_sql(src) + (f" LIMIT {int(limit) + 1 + int(above)}" if limit else "")
    if src.format == "spaced":
        return spaced.rows_sql(scan, src.headers, src.starts, src.header_row, src.encoding)
    if src.dos_eof:  # (the last row: the rows before keep their numbers)
        return f"SELECT * FROM ({scan}) WHERE {_ident(src.headers[0])} IS DISTINCT FROM chr(26)"
    return scan


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def row_number_sql(src: Source) -> str:
    """The row number a person sees in the file, for a table materialised from
    :func:`rows_sql` in file order: in text the rows after the header's line count on from it
    (Excel and spaced text carry theirs), Parquet rows count from 1. (A numbering window over the scan would serialise DuckDB's parallel reader.)"""
    if src.numbered:
        return "__line"
    return "(rowid + 1)" if src.format == "parquet" else f"(rowid + {int(src.last_header_line) + 1})"


def first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
