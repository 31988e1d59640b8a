"""What calamine does not tell of an .xlsx sheet, read from the sheet's XML: the cells that hold
an Excel error (``#N/A``, ``#DIV/0!``, ``#VALUE!`` …), which calamine reads as empty cells, so a
rejected row would show an empty amount where the file holds ``#N/A`` (:func:`error_cells`;
:mod:`kamp.workbooks` puts their text back into the rows it reads), and the columns hidden
(:func:`hidden_columns`).
"""
from __future__ import annotations

import re
import zipfile
from xml.etree import ElementTree

CHUNK = 1 << 22  # bytes of XML searched at a time
# An error cell: <c r="C3" t="e"><f>1/0</f><v>#DIV/0!</v></c>, with or without its formula
# and a namespace prefix (x:c), its attributes in any order.
_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Z]{1,3})(\d+)"[^>]*>'
                   rb'(?:<(?:\w+:)?f\b[^>]*/>|<(?:\w+:)?f\b[^>]*>[^<]*</(?:\w+:)?f>)?<(?:\w+:)?v>([^<]*)<')
_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="(\d+)"')
# A run of columns' settings, before the cells: <col min="4" max="4" width="9" hidden="1"/>
_COL = re.compile(rb'<(?:\w+:)?col\b[^>]*>')
_ATTRIBUTE = re.compile(rb'\s(min|max|hidden)="([^"]*)"')


def error_cells(path, sheet: str, last_row: int | None = None) -> dict[int, dict[int, str]]:
    """The error cells of ``sheet`` of the .xlsx at ``path``: {row: {column: text}}, both from 0
    as Excel's A1 is (0, 0); up to row ``last_row`` (from 0) when given. None found in a
    workbook whose parts cannot be (its errors read as empty cells, as calamine reads them)."""
    try:
        with zipfile.ZipFile(path) as book:
            part = _sheet_part(book, sheet)
            if part is None:
                return {}
            with book.open(part) as xml:
                return _scan(xml, last_row)
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}


def hidden_columns(path, sheet: str) -> set[int]:
    """The columns of ``sheet`` of the .xlsx at ``path`` that Excel hides, from 0 as A is; none
    found in a workbook whose parts cannot be read. Only the XML before the cells is read."""
    try:
        with zipfile.ZipFile(path) as book:
            part = _sheet_part(book, sheet)
            if part is None:
                return set()
            with book.open(part) as xml:
                head = b""
                while b"sheetData" not in head and (more := xml.read(1 << 16)):
                    head += more
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return set()
    hidden = set()
    for col in _COL.findall(head.split(b"sheetData")[0]):
        said = {k.decode(): v.decode() for k, v in _ATTRIBUTE.findall(col)}
        if said.get("hidden") in ("1", "true") and said.get("min", "").isdigit():
            hidden.update(range(int(said["min"]) - 1, int(said.get("max") or said["min"])))
    return hidden


def _sheet_part(book: zipfile.ZipFile, sheet: str) -> str | None:
    """The path inside the workbook of the XML of the sheet named ``sheet``."""
    rel = None
    for el in ElementTree.fromstring(book.read("xl/workbook.xml")).iter():
        if el.tag.endswith("}sheet") and el.get("name") == sheet:
            rel = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
    for el in ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels")).iter():
        if rel is not None and el.get("Id") == rel:
            target = el.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else "xl/" + target
    return None


def _scan(xml, last_row: int | None) -> dict[int, dict[int, str]]:
    """The error cells of a sheet's XML, read :data:`CHUNK` bytes at a time, each piece cut
    after its last row (:func:`_cut`); only where a piece holds ``t="e"`` is it looked into."""
    found: dict[int, dict[int, str]] = {}
    rest = b""
    while True:
        more = xml.read(CHUNK)
        text = rest + more
        piece, rest = _cut(text) if more else (text, b"")
        at = piece.find(b't="e"')
        while at >= 0:  # the tag it is in begins at the '<' before it
            m = _CELL.match(piece, piece.rfind(b"<", 0, at))
            if m:
                found.setdefault(int(m[2]) - 1, {})[_column_number(m[1]) - 1] = m[3].decode("utf-8", "replace")
            at = piece.find(b't="e"', at + 1)
        rows = _ROW.findall(piece[-4096:])
        if not more or (last_row is not None and rows and int(rows[-1]) - 1 > last_row):
            return found


def _cut(text: bytes) -> tuple[bytes, bytes]:
    """``text`` cut after its last row's end (``</row>``, ``</x:row>``): no cell is cut in two."""
    ends = [i + len(tag) for tag in (b"</row>", b":row>") if (i := text.rfind(tag)) >= 0]
    cut = max(ends, default=0)
    return text[:cut], text[cut:]


def _column_number(letters: bytes) -> int:
    """A column's number from its letters: A → 1, Z → 26, AA → 27."""
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n
