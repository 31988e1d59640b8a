"""Finding an .xlsx sheet's error cells in its XML, as Excel and other writers lay them out."""
from __future__ import annotations

import io

import pytest

from kamp import xlsx_errors

# Row 2: #DIV/0! from a formula in C2; row 3: #N/A with its type before its reference, in a
# sheet written with a namespace prefix; B3 an ordinary number; AB4: a shared formula's #REF!.
SHEET = (b'<x:worksheet><x:sheetData>'
         b'<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row>'
         b'<x:row r="2"><x:c r="C2" t="e"><x:f>A2/0</x:f><x:v>#DIV/0!</x:v></x:c></x:row>'
         b'<x:row r="3" spans="1:3"><x:c t="e" s="2" r="A3"><x:v>#N/A</x:v></x:c><x:c r="B3"><x:v>7</x:v></x:c></x:row>'
         b'<x:row r="4"><x:c r="AB4" t="e"><x:f t="shared" si="0"/><x:v>#REF!</x:v></x:c></x:row>'
         b'</x:sheetData></x:worksheet>')


@pytest.mark.parametrize("chunk", [7, 40, 1 << 22])
def test_error_cells_are_found_however_the_xml_is_cut(monkeypatch, chunk):
    monkeypatch.setattr(xlsx_errors, "CHUNK", chunk)
    # AB is column 28: 27 from 0
    assert xlsx_errors._scan(io.BytesIO(SHEET), None) == {1: {2: "#DIV/0!"}, 2: {0: "#N/A"}, 3: {27: "#REF!"}}


def test_a_preview_stops_reading_past_its_last_row(monkeypatch):
    monkeypatch.setattr(xlsx_errors, "CHUNK", 7)
    assert 3 not in xlsx_errors._scan(io.BytesIO(SHEET), 1)


def test_a_sheet_named_in_the_workbook_is_found_and_a_file_not_a_workbook_has_none(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Lookup"
    sales = wb.create_sheet("Sales & Returns")
    sales["B2"] = "#N/A"
    sales["B2"].data_type = "e"
    wb.save(tmp_path / "two.xlsx")
    assert xlsx_errors.error_cells(tmp_path / "two.xlsx", "Sales & Returns") == {1: {1: "#N/A"}}
    assert xlsx_errors.error_cells(tmp_path / "two.xlsx", "Lookup") == {}
    (tmp_path / "not.xlsx").write_bytes(b"PK\x03\x04 broken")
    assert xlsx_errors.error_cells(tmp_path / "not.xlsx", "Sales") == {}


def test_the_columns_excel_hides_are_found_and_a_file_not_a_workbook_has_none(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["a", "b", "c", "d", "e", "f", "g", "h"])
    ws.column_dimensions["B"].width = 30  # wider, not hidden
    ws.column_dimensions["D"].hidden = True
    ws.column_dimensions.group("F", "G", hidden=True)  # one <col min="6" max="7" hidden="1"/>
    wb.save(tmp_path / "hidden.xlsx")
    # D is column 4, F and G 6 and 7: 3, 5 and 6 from 0
    assert xlsx_errors.hidden_columns(tmp_path / "hidden.xlsx", ws.title) == {3, 5, 6}
    assert xlsx_errors.hidden_columns(tmp_path / "hidden.xlsx", "Nope") == set()
    (tmp_path / "not.xlsx").write_bytes(b"PK\x03\x04 broken")
    assert xlsx_errors.hidden_columns(tmp_path / "not.xlsx", "Sheet") == set()
