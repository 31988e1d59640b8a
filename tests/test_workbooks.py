"""Reading a sheet: its cells as text, a column at a time, and rows in batches."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamp import ingest, reading, store, workbooks

# The cells calamine gives: text (an empty cell is ''), numbers as floats, dates, date-times to
# the millisecond, TRUE / FALSE, a time of day.
CELLS = st.one_of(
    st.text(max_size=6), st.just(""),
    st.floats(allow_nan=False, allow_infinity=False), st.integers(-10**16, 10**16).map(float),
    st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(9999, 12, 31)).map(
        lambda t: t.replace(microsecond=t.microsecond // 1000 * 1000)),
    st.dates(dt.date(1900, 1, 1)), st.booleans(), st.times().map(lambda t: t.replace(microsecond=0)))


@settings(max_examples=300, deadline=None)
@given(st.lists(CELLS, max_size=30))
def test_a_column_reads_as_each_of_its_cells_does(values):
    assert workbooks._column_text(values).to_pylist() == [workbooks._cell_text(v) for v in values]


def test_cells_read_as_excel_shows_them():
    got = [workbooks._cell_text(v) for v in [
        "", "K1", 13085.0, 0.5, 1e15, -3.0, 1e17, 0.1 + 0.2, True,
        dt.datetime(2024, 3, 5), dt.datetime(2024, 3, 5, 9, 47), dt.datetime(2024, 3, 5, 23, 59, 59, 914000),
        dt.date(2024, 3, 5), dt.time(8, 30)]]
    assert got == [None, "K1", "13085", "0.5", "1000000000000000", "-3", "1e+17", "0.30000000000000004", "TRUE",
                   "2024-03-05", "2024-03-05 09:47:00", "2024-03-05 23:59:59.914", "2024-03-05", "08:30:00"]


@pytest.mark.parametrize("batch", [2, 3, workbooks.ROWS_PER_BATCH])
def test_a_merged_cell_fills_its_rows_across_batches(con, tmp_path, monkeypatch, batch):
    # Order SO-1 of customer K1 on rows 2–5 (its number and customer merged down them), SO-2 of
    # K2 on row 6, an empty row 7, SO-3 of K3 on rows 8–9: however the rows are cut into
    # batches, each line has its order and customer, and keeps its row number.
    from openpyxl import Workbook

    monkeypatch.setattr(workbooks, "ROWS_PER_BATCH", batch)
    wb = Workbook()
    ws = wb.active
    rows = [["订单号", "客户编号", "订单日期", "金额"],
            ["SO-1", "K1", "2024-03-05", 10], [None, None, "2024-03-05", 20], [None, None, "2024-03-05", 30],
            [None, None, "2024-03-05", 40], ["SO-2", "K2", "2024-03-06", 5], [],
            ["SO-3", "K3", "2024-03-07", 7], [None, None, "2024-03-07", 8]]
    for row in rows:
        ws.append(row)
    for col in "AB":
        ws.merge_cells(f"{col}2:{col}5")
        ws.merge_cells(f"{col}8:{col}9")
    wb.save(tmp_path / "orders.xlsx")
    result = ingest.import_file(con, tmp_path / "orders.xlsx")
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (7, 7, 0)
    assert con.execute("SELECT src_row, invoice_id, account_id, amount FROM transactions ORDER BY src_row").fetchall() \
        == [(2, "SO-1", "K1", 10.0), (3, "SO-1", "K1", 20.0), (4, "SO-1", "K1", 30.0), (5, "SO-1", "K1", 40.0),
            (6, "SO-2", "K2", 5.0), (8, "SO-3", "K3", 7.0), (9, "SO-3", "K3", 8.0)]


def test_a_column_of_numbers_and_text_keeps_both(con, tmp_path):
    # An invoice column Excel holds as text for a cancellation ('C500001') and as numbers for
    # the others; prices and a date-time to the millisecond as Excel keeps them.
    from openpyxl import Workbook

    wb = Workbook()
    for row in [["InvoiceNo", "CustomerID", "InvoiceDate", "Quantity", "UnitPrice"],
                [500000, 13085, dt.datetime(2024, 3, 5, 9, 47), 3, 2.55],
                ["C500001", 13085, dt.datetime(2024, 3, 5, 23, 59, 59, 914000), -1, 2.55],
                [500002, 12346.0, dt.datetime(2024, 3, 6), 12, 0.85]]:
        wb.active.append(row)
    wb.save(tmp_path / "mixed.xlsx")
    ingest.import_file(con, tmp_path / "mixed.xlsx")
    assert con.execute("SELECT invoice_id, account_id, ts, round(amount, 6), is_return FROM transactions ORDER BY src_row"
                       ).fetchall() == [
        ("500000", "13085", dt.datetime(2024, 3, 5, 9, 47), 7.65, False),
        ("C500001", "13085", dt.datetime(2024, 3, 5, 23, 59, 59, 914000), -2.55, True),
        ("500002", "12346", dt.datetime(2024, 3, 6), 10.2, False)]


def test_a_cell_holding_an_excel_error_is_rejected_with_its_text(con, tmp_path):
    # Excel's error cells (a VLOOKUP that found nothing: #N/A), as Excel writes them: the rejects
    # show the error where the file has it and say what it is; in a product's column (optional
    # text) it is no product, and the line is loaded
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in [["Customer ID", "Order Date", "Amount", "Product"], ["K1", "2024-03-05", 100, "#REF!"],
                ["K2", "2024-03-06", "#N/A", "P2"], ["K3", "#VALUE!", 30, "P3"], ["#N/A", "2024-03-08", 40, "P4"],
                ["K5", "2024-03-09", "#DIV/0!", "P5"]]:
        ws.append(row)
    for ref in ("D2", "C3", "B4", "A5", "C6"):
        ws[ref].data_type = "e"
    wb.save(tmp_path / "errors.xlsx")
    result = ingest.import_file(con, tmp_path / "errors.xlsx")
    assert (result.rows_loaded, result.rows_rejected) == (1, 4)
    assert con.execute("SELECT account_id, amount, product FROM transactions").fetchall() == [("K1", 100.0, None)]
    rejects = store.rejects(con, result.import_id, lang="en")
    assert rejects[["row", "Customer ID", "Order Date", "Amount"]].values.tolist() == [
        [3, "K2", "2024-03-06", "#N/A"], [4, "K3", "#VALUE!", "30"], [5, "#N/A", "2024-03-08", "40"],
        [6, "K5", "2024-03-09", "#DIV/0!"]]
    assert rejects["reason"].tolist() == [
        "amount '#N/A' is an Excel error, not a number", "date '#VALUE!' is an Excel error, not a date",
        "account id '#N/A' is an Excel error", "amount '#DIV/0!' is an Excel error, not a number"]
    assert store.rejects(con, result.import_id, lang="zh")["reason"][0] == "金额“#N/A”是 Excel 错误值，不是数字"


def test_an_error_cell_is_found_wherever_the_sheet_begins_and_in_a_preview(con, tmp_path):
    # the sheet's first cell is C3: its error cell E5 is row 3 of the rows under the header
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for r, row in enumerate([["客户编号", "订单日期", "金额"], ["K1", "2024-03-05", 10], ["K2", "2024-03-06", "#N/A"]], 3):
        for c, value in enumerate(row, 3):
            ws.cell(r, c, value)
    ws["E5"].data_type = "e"
    wb.save(tmp_path / "offset.xlsx")
    assert reading.preview(con, tmp_path / "offset.xlsx").rows["金额"].tolist() == ["10", "#N/A"]
    result = ingest.import_file(con, tmp_path / "offset.xlsx")
    assert store.rejects(con, result.import_id, lang="en")[["row", "reason"]].values.tolist() == [
        [5, "amount '#N/A' is an Excel error, not a number"]]


def test_a_hidden_column_takes_no_field_a_shown_one_fits(con, tmp_path):
    # 客户 (D, the old ERP codes) is hidden; the codes in use are under the wrapped 客户⏎编码 (E).
    # The sheet begins at C2, so D is its second column.
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    rows = [["单据日期", "客户", "客户\n编码", "价税合计", "区域"], ["2024-03-05", "K001", "88001", 100, "华东"],
            ["2024-03-06", "K002", "88002", 50, "华北"]]
    for r, row in enumerate(rows, 2):
        for c, value in enumerate(row, 3):
            ws.cell(r, c, value)
    ws.column_dimensions["D"].hidden = True
    ws.column_dimensions["G"].hidden = True  # 区域: hidden, and no shown column is a region
    wb.save(tmp_path / "erp.xlsx")
    pv = reading.preview(con, tmp_path / "erp.xlsx")
    assert pv.source.hidden == ["客户", "区域"]
    assert pv.mapping == {"单据日期": "ts", "客户\n编码": "account_id", "价税合计": "amount", "区域": "region"}
    ingest.import_file(con, tmp_path / "erp.xlsx")
    assert con.execute("SELECT account_id, amount FROM transactions ORDER BY 1").fetchall() == [
        ("88001", 100.0), ("88002", 50.0)]


def _ten_orders(path, monkeypatch):
    """A sheet of 10 orders under the header, read 4 rows at a time."""
    from openpyxl import Workbook

    monkeypatch.setattr(workbooks, "ROWS_PER_BATCH", 4)
    wb = Workbook()
    wb.active.append(["Customer ID", "Order Date", "Amount"])
    for i in range(10):
        wb.active.append([f"K{i}", "2024-03-05", i])
    wb.save(path)
    return path


def test_reading_a_long_sheet_reports_how_far_it_is(con, tmp_path, monkeypatch):
    # rows 5, 9 and 11 of the sheet's 11 read
    from kamp import sources

    seen = []
    src = sources.inspect(con, _ten_orders(tmp_path / "orders.xlsx", monkeypatch),
                          on_scan=lambda f, rows: seen.append((round(f, 3), rows)))
    src.cleanup()
    assert seen == [(round(5 / 11, 3), 10), (round(9 / 11, 3), 10), (1.0, 10)]


def test_a_sheets_import_shows_the_workbook_opened_then_its_rows_read(con, tmp_path, monkeypatch):
    # calamine's read of the whole sheet on the bar's first 45 %, with no row counted; the rows
    # made text on the next 30 % (5, 9 and 11 of the sheet's 11 rows); then the phases every
    # import has, to the end
    calls = []
    ingest.import_file(con, _ten_orders(tmp_path / "orders.xlsx", monkeypatch), progress=lambda *args: calls.append(args))
    opened = [(round(f, 3), rows) for phase, f, rows, _ in calls if phase == "open"]
    assert opened[0] == (0.0, 0) and opened[-1] == (0.45, 0) and {rows for _, rows in opened} == {0}
    sheet = [(round(f, 3), rows) for phase, f, rows, _ in calls if phase == "sheet"]
    assert sheet == [(0.45, 0), (round(0.45 + 0.3 * 5 / 11, 3), 4), (round(0.45 + 0.3 * 9 / 11, 3), 8), (0.75, 10)]
    phases = [phase for phase, *_ in calls]
    assert [p for i, p in enumerate(phases) if i == 0 or phases[i - 1] != p] == \
        ["open", "sheet", "read", "check", "load", "finish"]
    assert [f for _, f, _, _ in calls] == sorted(f for _, f, _, _ in calls) and calls[-1][1] == 1.0


def test_a_wait_that_says_nothing_moves_the_bar_by_the_time_it_takes(con):
    # expected to take 0.4 s, it takes 1 s: the bar moves while it runs, stops short of 95 % of
    # the step's part (0–45 %), and reaches the end of it when the work is done
    import time

    from kamp.progress import SHEET_PHASES, Poller

    calls = []
    with Poller(con, lambda *args: calls.append(args), phases=SHEET_PHASES).waiting("open", 0.4):
        time.sleep(1.0)
    fractions = [f for _, f, _, _ in calls]
    assert fractions[0] == 0.0 and fractions[-1] == 0.45 and fractions == sorted(fractions)
    within = fractions[1:-1]
    assert within and all(0 < f <= 0.95 * 0.45 + 1e-9 for f in within) and within[-1] == pytest.approx(0.95 * 0.45)
    assert {(phase, rows, rate) for phase, _, rows, rate in calls} == {("open", 0, 0.0)}


@pytest.mark.parametrize("name", ["sales.xls", "sales.XLS", "sales"])
def test_an_xlsx_under_another_name_is_read_as_the_xlsx_it_is(con, tmp_path, fixtures, name):
    # sales.xlsx, saved as .xls: its Sales sheet (Notes holds no columns), ten orders of X1–X5
    (tmp_path / name).write_bytes((fixtures / "sales.xlsx").read_bytes())
    assert workbooks.workbook_sheets(tmp_path / name) == ["Notes", "Sales"]
    result = ingest.import_file(con, tmp_path / name)
    assert (result.rows_read, result.rows_loaded, result.source["sheet"]) == (10, 10, "Sales")
    # 1,000 + 1,500 of X1; 250.25 + 300 of X2
    assert con.execute("SELECT account_id, sum(amount) FROM transactions WHERE account_id IN ('X1', 'X2') "
                       "GROUP BY 1 ORDER BY 1").fetchall() == [("X1", 2500.0), ("X2", 550.25)]
