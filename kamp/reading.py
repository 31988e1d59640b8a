"""What an import will read from a file, before it reads it: the workbook sheet, which column
feeds which field (a saved mapping, else the names'; ``--map`` on top) and the first rows as
they are and as the import would parse them.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kamp import parse, schema, staging, workbooks
from kamp import reasons as why
from kamp.headers import one_line
from kamp.mapping import apply_overrides, columns_named, saved_dayfirst, saved_mapping
from kamp.problems import Listing, Words
from kamp.progress import SHEET_PHASES, Poller, Progress
from kamp.sources import ImportFailed, Source, inspect, rows_sql

# Day-first and decimal-comma are decided from the first rows of a file: enough evidence
# without a second pass over a large file (and the user can override the date order).
EVIDENCE_ROWS = 100_000


@dataclass
class Preview:
    source: Source
    mapping: dict[str, str]
    from_profile: bool
    missing: list[str]
    dayfirst: bool
    dayfirst_evidence: tuple[int, int]
    rows: pd.DataFrame  # the first rows as they are in the file
    # The same rows as the import would read them with this mapping and date order: ``reason``
    # first, why a row would be rejected (left out when no row shown would be), then each mapped
    # field parsed (the amount derived where it is). None while a required field is unmapped.
    read: pd.DataFrame | None = None
    # Values like 05/03/2024 among the first rows of the mapped text date columns: the date order
    # decides them. None or 0: no date of this file depends on it.
    ordered: int | None = None
    # For each of :attr:`rows`, whether a value of it runs over a column's edge (spaced text):
    # its cells are no example of their columns.
    crossing: pd.Series | None = None
    # How the date order was chosen, when some date depends on it: see :func:`date_evidence`.
    date_order: str = ""

    def read_in(self, lang: str) -> pd.DataFrame | None:
        """:attr:`read` with each row's reason said in ``lang`` (:func:`kamp.reasons.reason_texts`)."""
        if self.read is None or "reason" not in self.read:
            return self.read
        return self.read.assign(reason=why.reason_texts(self.read["reason"], lang))

    def examples(self, kind: str, n: int = 3) -> list[str]:
        """The first ``n`` values of each column, joined, rows running over a column's edge left
        out: what the mapping shows of the file. A column read as a date shows an Excel date
        serial as the date it is (45356.4076… as 2024-03-05 09:47)."""
        dates = {f.name for f in schema.fields(kind) if f.type == "date"}
        rows = self.rows if self.crossing is None else self.rows[~self.crossing]
        out = []
        for h in self.source.headers:
            values = [str(v) for v in rows[h].dropna().astype(str).head(n)] if h in rows else []
            if self.mapping.get(h) in dates:
                values = [parse.excel_serial_text(v) or v for v in values]
            out.append(", ".join(values))
        return out


def field_words(kind: str, names) -> Listing:
    """Fields of ``kind`` by their labels, in English and Chinese: what a message names."""
    by_name = {f.name: f for f in schema.fields(kind)}
    return Listing(Words(by_name[m].label, by_name[m].label_zh or by_name[m].label) for m in names)


def require(mapping: dict[str, str], kind: str, src: Source) -> None:
    missing = schema.missing_required(mapping, kind)
    if missing:
        raise ImportFailed("problem.import.no_required", name=src.name, fields=field_words(kind, missing),
                           columns=Listing(map(one_line, src.headers)))


# The problems with a file's columns: in a workbook of several sheets, the sheet read may be the wrong one.
_COLUMN_PROBLEMS = ("problem.import.map_no_column", "problem.import.map_which_column", "problem.import.no_required",
                    "problem.import.unknown_columns")


def in_sheet(problem: ImportFailed, src: Source) -> ImportFailed:
    """``problem`` with the columns of ``src``, naming the sheet read and the workbook's other
    sheets (``--sheet`` reads another); any other problem, or one of a file without other sheets,
    as it is."""
    others = [s for s in src.sheets if s != src.sheet]
    if problem.key not in _COLUMN_PROBLEMS or not others:
        return problem
    return ImportFailed("problem.import.in_sheet", problem=problem, sheet=src.sheet, others=Listing(others))


def mapping_of(con, headers: list[str], kind: str, overrides=None, hidden=()) -> tuple[dict[str, str], dict[str, str]]:
    """How an import reads these columns as ``kind``: the mapping saved for the header set, else
    the one their names give (``hidden``: the columns Excel hides, see :func:`kamp.schema.guess_mapping`),
    with ``overrides`` (``--map``) on top. Returns (mapping, the columns mapped as saved, not as
    detected: {column: field, or "-" when left out})."""
    saved, guessed = saved_mapping(con, headers, kind), schema.guess_mapping(headers, kind, hidden)
    mapping = apply_overrides(saved or guessed, overrides, headers, kind)
    as_saved = {h: saved.get(h, "-") for h in headers if saved and saved.get(h) != guessed.get(h)}
    return mapping, {h: f for h, f in as_saved.items() if mapping.get(h, "-") == f}  # not changed by --map


def fitting_sheet(con, path, kind: str = "transactions", overrides=None) -> str | None:
    """The first sheet (in tab order) of a workbook of several whose columns give ``kind`` every
    field it needs (by a saved mapping or by their names, with ``overrides``: ``--map``): the
    sheet read when none is given, so that a notes or cover sheet in front of the data is passed
    over. A sheet lacking a column ``overrides`` names does not fit; with every such column but
    not every field, the first of those sheets (read, it says what it lacks). None for any other
    file, a workbook of one sheet, or when no sheet fits (the first is read, and says so)."""
    sheets = workbooks.workbook_sheets(path)
    if len(sheets) < 2:
        return None
    named = None
    for sheet in sheets:
        headers = workbooks.sheet_headers(path, sheet)
        if not headers or not all(len(columns_named(c, headers)) == 1 for c in overrides or {}):
            continue
        try:
            m = apply_overrides(saved_mapping(con, headers, kind) or schema.guess_mapping(headers, kind), overrides,
                                headers, kind)
        except ImportFailed:
            return None  # not a field of the kind: the first sheet says so
        if not schema.missing_required(m, kind):
            return sheet
        named = named or (sheet if overrides else None)
    return named


def open_sheet(con, path, kind: str = "transactions", sheet: str | None = None, *, fit: bool = True,
               overrides=None, progress: Progress | None = None) -> str | None:
    """Read a workbook's sheet ahead of its import: ``sheet``, or the one :func:`fitting_sheet`
    finds (with ``overrides``) when ``fit`` (None: the first). calamine reads a sheet whole before
    giving any cell (10 s for a million rows), so ``progress`` is told of it as "open", by the
    time it takes. Returns the sheet to import."""
    with Poller(con, progress, phases=SHEET_PHASES).waiting("open", workbooks.reading_seconds(path)):
        if sheet is None and fit:
            sheet = fitting_sheet(con, path, kind, overrides)
        workbooks.preload(path, sheet)
    return sheet


def date_evidence(con, relation: str, mapping: dict[str, str], src: Source, kind: str,
                  dayfirst: bool | None) -> tuple[staging.Evidence, str, bool | None]:
    """What the rows of ``relation`` say (:func:`kamp.staging.evidence`), the date order taken
    as ``dayfirst`` asks, else as the dates show, else as saved for the header set, else day
    first. Returns (evidence, how the order was chosen when some date depends on it: "given",
    "data", "saved", "assumed", else "", the order to save for the header set: given or shown,
    else None)."""
    ev = staging.evidence(con, relation, mapping, src, kind, dayfirst)
    saved = saved_dayfirst(con, src.headers, kind) if dayfirst is None and not any(ev.counts) else None
    if saved is not None and saved != ev.dayfirst:
        ev = staging.evidence(con, relation, mapping, src, kind, saved)
    how = "" if not ev.ordered else "given" if dayfirst is not None else "data" if any(ev.counts) else \
        "saved" if saved is not None else "assumed"
    return ev, how, dayfirst if dayfirst is not None else ev.dayfirst if any(ev.counts) else None


def preview(con, path, kind: str = "transactions", *, sheet=None, name=None, nrows: int = 20,
            overrides=None, dayfirst: bool | None = None) -> Preview:
    """Detected format, mapping (a saved profile when the header set is known) and first rows."""
    if sheet is None:
        sheet = fitting_sheet(con, path, kind, overrides)
    src = inspect(con, path, sheet=sheet, name=name, preview=True)
    try:
        return _preview(con, src, kind, nrows, overrides, dayfirst)
    finally:
        src.cleanup()


def _preview(con, src: Source, kind: str, nrows: int, overrides, dayfirst) -> Preview:
    saved = saved_mapping(con, src.headers, kind)
    mapping = apply_overrides(saved if saved is not None else schema.guess_mapping(src.headers, kind, src.hidden),
                              overrides, src.headers, kind)
    sample = f"({rows_sql(src, EVIDENCE_ROWS)})"
    ev, order, _ = date_evidence(con, sample, mapping, src, kind, dayfirst)
    rows = con.execute(f"SELECT * FROM {sample} LIMIT {int(nrows)}").df()
    crossing = rows["__cross"].notna() if "__cross" in src.row_marks else None
    rows = rows.drop(columns=src.row_marks)
    missing = schema.missing_required(mapping, kind)
    read = None
    if not missing:
        shown = [f.name for f in schema.fields(kind) if f.name in mapping.values()
                 or (kind == "transactions" and f.name == "amount")]  # derived when not mapped
        read = con.execute(f"SELECT reason, {', '.join(shown)} FROM "
                           f"({staging.parsed_select(src, kind, mapping, ev, sample)}) LIMIT {int(nrows)}").df()
        if read["reason"].eq("").all():
            read = read.drop(columns="reason")
    return Preview(src, mapping, saved is not None, missing, ev.dayfirst, ev.counts, rows, read, ev.ordered,
                   crossing, order)


