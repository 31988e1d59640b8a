"""Importing the hand-made fixtures: counts, totals, dates, profiles, idempotence, rejects, progress
and the four other kinds. Expected figures are worked out by hand in fixtures/make_fixtures.py."""
from __future__ import annotations

import json
import shutil
import threading
from datetime import datetime
from pathlib import Path

import pytest

from kamp import ingest, mapping, reading, store, undo
from kamp.sources import ImportFailed

D = datetime


def tx_facts(con, import_id=None):
    where = "" if import_id is None else f"WHERE import_id = {int(import_id)}"
    n, accounts, total, first, last, returns, non_product = con.execute(
        f"""SELECT count(*), count(DISTINCT account_id), round(sum(amount), 2), min(ts), max(ts),
                   count(*) FILTER (WHERE is_return), count(*) FILTER (WHERE NOT is_product)
            FROM transactions {where}""").fetchone()
    return {"n": n, "accounts": accounts, "total": total, "first": first, "last": last,
            "returns": returns, "non_product": non_product}


# (file, import options, read, loaded, rejected, present, total, first, last, accounts, returns)
FORMATS = [
    ("sales_gbk_zh.csv", {}, 12, 12, 0, 0, 32001.00, D(2024, 3, 5), D(2024, 6, 28), 5, 0),
    ("sales_utf8_bom.csv", {}, 10, 10, 0, 0, 322.32, D(2024, 1, 15, 9, 30), D(2024, 2, 28, 12), 5, 1),
    ("sales_semicolon.csv", {}, 10, 10, 0, 0, 26306.25, D(2024, 3, 5), D(2024, 6, 20), 5, 1),
    ("sales_tab.tsv", {}, 10, 10, 0, 0, 4261.00, D(2024, 3, 5), D(2024, 9, 10), 5, 1),
    ("sales_spaced.txt", {}, 10, 10, 0, 0, 11000.00, D(2024, 3, 5, 10, 30), D(2024, 6, 30, 17, 59), 5, 1),
    ("sales.xlsx", {"sheet": "Sales"}, 10, 10, 0, 0, 5841.50, D(2024, 3, 5), D(2024, 6, 10, 9), 5, 0),
    ("sales.parquet", {}, 10, 10, 0, 0, 2012.05, D(2024, 1, 2, 8), D(2024, 5, 5, 17), 5, 1),
    ("sales_utf16.txt", {}, 10, 10, 0, 0, 5500.00, D(2024, 7, 1), D(2024, 7, 10), 5, 0),
    ("bad_rows.csv", {}, 10, 4, 5, 1, 975.50, D(2024, 3, 5), D(2024, 3, 8), 3, 1),
]


@pytest.mark.parametrize("name, opts, read, loaded, rejected, present, total, first, last, accounts, returns",
                         FORMATS, ids=[f[0] for f in FORMATS])
def test_import_each_format(con, fixtures, name, opts, read, loaded, rejected, present, total, first, last,
                            accounts, returns):
    result = ingest.import_file(con, fixtures / name, **opts)
    assert (result.rows_read, result.rows_loaded, result.rows_rejected, result.rows_present) == \
        (read, loaded, rejected, present)
    facts = tx_facts(con)
    assert facts["n"] == loaded
    assert facts["total"] == pytest.approx(total, abs=0.005)
    assert (facts["first"], facts["last"]) == (first, last)
    assert facts["accounts"] == accounts
    assert facts["returns"] == returns
    info = store.info(con)
    assert info["transactions"] == loaded and info["rejected_rows"] == rejected
    assert info["revenue"] == pytest.approx(total, abs=0.005)


@pytest.mark.parametrize("name, encoding, delimiter", [
    ("sales_gbk_zh.csv", "gb18030", ","), ("sales_utf8_bom.csv", "utf-8", ","), ("sales_utf16.txt", "utf-16", "tab"),
    ("sales_semicolon.csv", "utf-8", ";"), ("sales_tab.tsv", "utf-8", "tab")])
def test_preview_reports_the_files_encoding_and_delimiter(con, fixtures, name, encoding, delimiter):
    described = reading.preview(con, fixtures / name).source.describe()
    assert (described["encoding"], described["delimiter"]) == (encoding, delimiter)
    assert not described["rows_exact"]  # a text file's rows are estimated from its first lines


def test_gbk_file_keeps_its_chinese_text(con, fixtures):
    result = ingest.import_file(con, fixtures / "sales_gbk_zh.csv")
    assert result.mapping["客户编号"] == "account_id" and result.mapping["金额"] == "amount"
    rows = dict(con.execute("SELECT DISTINCT account_id, account_name FROM transactions").fetchall())
    assert rows == {"C001": "华东机械有限公司", "C002": "北京星辰科技", "C003": "上海远航贸易",
                    "C004": "广州南方电子", "C005": "深圳创新材料"}
    assert con.execute("SELECT sum(quantity), round(sum(cost), 2) FROM transactions").fetchone() == (85, 20570.00)
    assert con.execute("SELECT count(*) FROM transactions WHERE salesperson = '张伟'").fetchone()[0] == 5
    # the accounts list is filled from the transactions, with the names
    assert con.execute("SELECT name FROM accounts WHERE account_id = 'C003'").fetchone()[0] == "上海远航贸易"


def test_ids_written_as_excel_text_formulas_keep_their_leading_zeros(con, tmp_path):
    # ="000123" is how an export makes Excel show the zeros: the id is 000123, an empty ="" no value
    text = ("Customer ID,Order Date,Order No,Product,Amount\n"
            '="000123",2026-03-02,="0045001",="",1200.00\n="000123",2026-03-09, ="0045002" ,="007",800.00\n'
            "000456,2026-03-05,0045003,P1,500.00\n")
    ingest.import_file(con, _write(tmp_path / "excel_safe.csv", text))
    assert con.execute("SELECT account_id, invoice_id, product, amount FROM transactions ORDER BY src_row").fetchall() == [
        ("000123", "0045001", None, 1200.0), ("000123", "0045002", "007", 800.0), ("000456", "0045003", "P1", 500.0)]
    assert con.execute("SELECT account_id FROM accounts ORDER BY 1").fetchall() == [("000123",), ("000456",)]


def test_a_full_width_account_id_is_the_same_account_as_its_half_width_form(con, tmp_path):
    path = tmp_path / "gbk_wide.csv"
    path.write_bytes("客户编号,订单日期,金额\nG1,2024-03-05,100\nＧ１,2024-03-06,50\n客户Ａ１,2024-03-07,20\n"
                     .encode("gbk"))
    result = ingest.import_file(con, path)
    assert (result.rows_loaded, result.rows_rejected) == (3, 0)
    rows = con.execute("SELECT account_id, sum(amount) FROM transactions GROUP BY 1 ORDER BY 1").fetchall()
    assert rows == [("G1", 150.0), ("客户A1", 20.0)]
    assert sorted(r[0] for r in con.execute("SELECT account_id FROM accounts").fetchall()) == ["G1", "客户A1"]


def test_utf8_bom_file_derives_amount_and_flags_the_cancellation(con, fixtures):
    result = ingest.import_file(con, fixtures / "sales_utf8_bom.csv")
    assert "CustomerID" in result.mapping  # the BOM is not glued to the first header
    rows = con.execute("SELECT invoice_id, amount, quantity, is_return FROM transactions "
                       "WHERE is_return").fetchall()
    assert rows == [("C536379", pytest.approx(-5.10), -2, True)]
    assert con.execute("SELECT round(amount, 2) FROM transactions WHERE product = '84879'").fetchone()[0] == 54.08
    assert con.execute("SELECT product FROM transactions WHERE NOT is_product").fetchall() == [("POST",)]


def test_only_an_invoice_numbered_c_and_a_digit_is_a_cancellation(con, tmp_path):
    # an ERP's order series CO… is sales; C536379 (any case) cancels: 100 + 101 + 7 − 5 − 3
    text = ("Order No,Customer ID,Order Date,Amount\nCO1000,K1,2026-03-01,100.00\nSO1001,K2,2026-03-02,101.00\n"
            "Credit7,K2,2026-03-03,7.00\nC536379,K1,2026-03-04,5.00\nc536380,K2,2026-03-05,3.00\n")
    ingest.import_file(con, _write(tmp_path / "orders.csv", text))
    assert con.execute("SELECT invoice_id FROM transactions WHERE is_return ORDER BY 1").fetchall() == \
        [("C536379",), ("c536380",)]
    assert con.execute("SELECT sum(amount) FROM transactions").fetchone()[0] == pytest.approx(200.0)


def test_semicolon_file_reads_european_amounts_and_day_first_dates(con, fixtures):
    result = ingest.import_file(con, fixtures / "sales_semicolon.csv")
    assert result.dayfirst is True
    assert result.source["delimiter"] == ";"
    got = dict(con.execute("SELECT invoice_id, round(amount, 2) FROM transactions").fetchall())
    assert got["A-1"] == 1234.56 and got["A-6"] == 12345.67 and got["A-10"] == -99.90
    assert con.execute("SELECT ts FROM transactions WHERE invoice_id = 'A-2'").fetchone()[0] == D(2024, 3, 12)
    assert con.execute("SELECT round(unit_price, 2) FROM transactions WHERE invoice_id = 'A-4'").fetchone()[0] == 1250.00


def test_tab_file_is_read_month_first_from_the_data(con, fixtures):
    pv = reading.preview(con, fixtures / "sales_tab.tsv")
    assert pv.dayfirst is False and pv.dayfirst_evidence == (0, 5)
    result = ingest.import_file(con, fixtures / "sales_tab.tsv")
    assert result.dayfirst is False
    assert con.execute("SELECT ts FROM transactions WHERE invoice_id = 'T-3'").fetchone()[0] == D(2024, 4, 2)


def test_windows_chinese_times_and_dollar_prefixes_are_read(con, tmp_path):
    text = ('客户编号,订单日期,金额\nK1,2026/3/5 下午 02:30:00,"NT$1,200"\nK1,2026/3/6 上午 09:15:00,HK$ 300.50\n'
            "K2,2026/3/7 下午 12:00:00,US$ 99\n")  # 下午 12:00 is noon
    result = ingest.import_file(con, _write(tmp_path / "windows.csv", text))
    assert result.rows_rejected == 0
    assert con.execute("SELECT account_id, ts, amount FROM transactions ORDER BY src_row").fetchall() == [
        ("K1", D(2026, 3, 5, 14, 30), 1200.0), ("K1", D(2026, 3, 6, 9, 15), 300.5), ("K2", D(2026, 3, 7, 12), 99.0)]


def test_a_header_wrapped_in_its_cell_and_invisible_characters_read_every_column(con, tmp_path):
    # 金额⏎(元) is one quoted header on lines 1 and 2; a zero-width space after 订单日期. IV1 is on
    # line 3, IV2 (a date that does not exist) on line 5, after an empty line.
    text = ('\ufeff 客户编号\u3000,订单日期\u200b,"金额\n(元)",产品编码,所在地区\nIV1,2026-03-01,10,P1,华东\n\n'
            "IV2,2026-02-30,20,P2,华北\n")
    result = ingest.import_file(con, _write(tmp_path / "wrapped.csv", text))
    assert (result.rows_loaded, result.rows_rejected) == (1, 1)
    assert con.execute("SELECT src_row, account_id, ts, amount, product, region FROM transactions").fetchall() == [
        (3, "IV1", D(2026, 3, 1), 10.0, "P1", "华东")]
    assert con.execute("SELECT src_row FROM rejects").fetchall() == [(5,)]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_dos_end_of_file_mark_on_the_last_line_is_no_row(con, tmp_path, encoding):
    # an old program ends its export with ^Z (0x1A) on a line of its own
    text = "客户编号,订单日期,金额\r\nEOF1,2026-03-01,10\r\nEOF2,2026-03-02,20\r\n\x1a"
    (tmp_path / "dos.csv").write_bytes(text.encode(encoding))
    result = ingest.import_file(con, tmp_path / "dos.csv")
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (2, 2, 0)
    assert con.execute("SELECT sum(amount) FROM transactions").fetchone()[0] == 30.0


def test_a_uk_style_export_reads_every_date_as_written(con, tmp_path):
    """Dates written 25/03/2024 14:05 (the file's own format, read fast), with a few in other
    styles among them: an ISO date, a two-digit year, a date without a time."""
    rows = [f"A{i},{d:02d}/03/2024 14:05,10" for i, d in enumerate(range(13, 29))]
    rows += ["B1,2024-03-02 09:00:00,10", "B2,02/03/24 09:30,10", "B3,02/03/2024,10", "B4,31/02/2024 10:00,10"]
    path = tmp_path / "uk.csv"
    path.write_text("account,date,amount\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = ingest.import_file(con, path)
    assert (result.dayfirst, result.rows_loaded, result.rows_rejected) == (True, 19, 1)
    got = dict(con.execute("SELECT account_id, ts FROM transactions").fetchall())
    assert got["A0"] == datetime(2024, 3, 13, 14, 5) and got["A15"] == datetime(2024, 3, 28, 14, 5)
    assert got["B1"] == datetime(2024, 3, 2, 9, 0)
    assert got["B2"] == datetime(2024, 3, 2, 9, 30)  # 24 is 2024, not the year 24
    assert got["B3"] == datetime(2024, 3, 2)
    assert con.execute("SELECT reason FROM rejects").fetchone()[0] == "date '31/02/2024 10:00' does not exist (订单日期不存在)"


def test_a_row_with_more_values_than_the_header_is_rejected_not_shifted(con, tmp_path):
    """An amount written 1.234,56 unquoted in a comma-separated file splits into two values: the
    row has one more value than the header, and loading it would read 1.234 as its amount."""
    path = tmp_path / "extra.csv"
    path.write_text("account,date,amount,rep\nA,2024-03-05,10,Li\nB,2024-03-06,1.234,56,Wang\nC,2024-03-07,5,\n",
                    encoding="utf-8")
    result = ingest.import_file(con, path)
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (3, 2, 1)
    assert con.execute("SELECT sum(amount) FROM transactions").fetchone()[0] == 15
    assert con.execute("SELECT src_row, reason FROM rejects").fetchall() == [
        (3, "more values than the header has columns (值比表头的列多)")]


def test_forcing_day_first_on_a_month_first_file_rejects_the_impossible_dates(con, fixtures):
    result = ingest.import_file(con, fixtures / "sales_tab.tsv", dayfirst=True)
    # 03/25, 04/18, 05/31, 06/14 and 08/22 have no 25th..31st month; the other five read day-first
    assert (result.rows_loaded, result.rows_rejected) == (5, 5)
    reasons = [r for (r,) in con.execute("SELECT reason FROM rejects ORDER BY src_row").fetchall()]
    assert "date '03/25/2024' does not exist" in reasons[0]
    facts = tx_facts(con)
    assert facts["total"] == pytest.approx(100 + 75.25 + 49.99 + 500 - 25)  # 700.24
    assert (facts["first"], facts["last"]) == (D(2024, 1, 5), D(2024, 10, 9))


def test_spaced_report_keeps_values_with_single_spaces(con, fixtures):
    result = ingest.import_file(con, fixtures / "sales_spaced.txt")
    assert result.mapping == {"Customer ID": "account_id", "Customer Name": "account_name",
                              "Order Date": "ts", "Amount": "amount"}
    names = dict(con.execute("SELECT DISTINCT account_id, account_name FROM transactions").fetchall())
    assert names["ACM01"] == "ACME Trading Ltd" and names["DEL04"] == "Delta Parts and Service"
    assert con.execute("SELECT ts FROM transactions WHERE account_id = 'CHN03' AND amount < 0").fetchone()[0] \
        == D(2024, 4, 22, 8, 30)


def test_spaced_report_with_empty_cells_keeps_each_value_in_its_column(con, fixtures):
    # file row 3 has no score, row 4 no contact: the note stays a note, the contact a contact
    result = ingest.import_file(con, fixtures / "interactions_spaced.txt", kind="interactions")
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (10, 10, 0)
    rows, kinds, scores = _interactions_read(con, [3, 4, 5, 6])
    assert rows == [(3, "call", None, "李娜", "跟进报价"), (4, "complaint", 2, None, "交货延迟"),
                    (5, "survey", 5, "Anna Lee", "Very happy"), (6, "visit", 3, "周总", "回访 第二次")]
    assert kinds == {"visit": 4, "call": 2, "complaint": 1, "survey": 1, "suggestion": 1, "praise": 1}
    assert scores == (9, 35)


def _interactions_read(con, src_rows):
    """The loaded interactions of file rows ``src_rows`` (row, kind, score, contact, note), the
    count of each kind, and the count and sum of the scores."""
    rows = con.execute("SELECT src_row, kind, score, contact, note FROM interactions WHERE list_contains(?, src_row) "
                       "ORDER BY src_row", [src_rows]).fetchall()
    kinds = dict(con.execute("SELECT kind, count(*) FROM interactions GROUP BY kind").fetchall())
    return rows, kinds, con.execute("SELECT count(score), sum(score) FROM interactions").fetchone()


def test_a_spaced_row_whose_value_runs_into_the_next_column_is_rejected_with_both_columns(con, tmp_path):
    # the name on file row 6 runs over where Order Date starts: which words are the name is unknown
    text = ("Customer ID  Customer Name   Order Date    Amount\n"
            "K1           Acme            2024-03-05     10.00\n"
            "K2           Blue Sky        2024-03-06     20.00\n"
            "K3           Cathay          2024-03-07     30.00\n"
            "K4           Delta           2024-03-08     40.00\n"
            "K5           Evergreen Foods International 2024-03-09    50.00\n")
    result = ingest.import_file(con, _write(tmp_path / "report.txt", text))
    assert (result.rows_loaded, result.rows_rejected) == (4, 1)
    src_row, reason = con.execute("SELECT src_row, reason FROM rejects").fetchone()
    assert src_row == 6
    assert reason.startswith("a value runs over the edge between columns 'Customer Name / Order Date'")
    assert parse_reason_zh(reason) == "有值越过了“Customer Name / Order Date”两列的分界，无法分列"


# printf reports (%-14s) whose long names push the rest of their line right, still two blanks or
# more between the values: two of five English names; 中兴通讯股份有限公司, twenty display columns
# wide, on one line of three. Every row has its four values and loads.
PUSHED_RIGHT = [
    ("Account  Customer Name  Date          Amount\n"
     "K1       Acme           2024-03-05     10.00\n"
     "K2       Blue Sky Imports International  2024-03-06  20.50\n"
     "K3       Cathay         2024-03-07     30.00\n"
     "K4       Delta Parts and Service  2024-03-08  40.00\n"
     "K5       Evergreen      2024-03-09     50.25\n",
     [("K1", "Acme", D(2024, 3, 5), 10.0), ("K2", "Blue Sky Imports International", D(2024, 3, 6), 20.5),
      ("K3", "Cathay", D(2024, 3, 7), 30.0), ("K4", "Delta Parts and Service", D(2024, 3, 8), 40.0),
      ("K5", "Evergreen", D(2024, 3, 9), 50.25)]),
    ("客户编号  客户名称        订单日期          金额\n"
     "K001      华为            2024-01-05      100.00\n"
     "K002      中兴通讯股份有限公司  2024-01-06  200.00\n"
     "K003      小米            2024-01-07    1,300.00\n",
     [("K001", "华为", D(2024, 1, 5), 100.0), ("K002", "中兴通讯股份有限公司", D(2024, 1, 6), 200.0),
      ("K003", "小米", D(2024, 1, 7), 1300.0)]),
]


@pytest.mark.parametrize("text, expected", PUSHED_RIGHT)
def test_a_report_whose_long_names_push_their_lines_right_loads_every_row(con, tmp_path, text, expected):
    result = ingest.import_file(con, _write(tmp_path / "report.txt", text))
    assert (result.source["format"], result.rows_loaded, result.rows_rejected) == ("spaced", len(expected), 0)
    assert con.execute("SELECT account_id, account_name, ts, amount FROM transactions ORDER BY account_id").fetchall() \
        == expected


def test_a_printed_report_with_a_title_an_underline_and_empty_scores_is_read_by_its_columns(con, fixtures):
    # GBK, title and print date above an empty line, the header on line 4, dashes on line 5, and
    # four of seven rows without a score
    result = ingest.import_file(con, fixtures / "interactions_report_gbk.txt", kind="interactions")
    assert (result.source["format"], result.source["header_row"]) == ("spaced", 4)
    assert result.source["headers"] == ["客户编号", "日期", "类型", "评分", "联系人", "备注"]
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (7, 7, 0)  # Phone Call is a call
    rows, kinds, scores = _interactions_read(con, [6, 9, 10, 11])  # each row at its line in the file
    assert rows == [(6, "visit", None, "赵经理", "第1次联络 事项跟进"), (9, "call", None, "李经理", "回电"),
                    (10, "complaint", 1, None, "交货延迟"), (11, "visit", None, "周经理", None)]
    assert kinds == {"visit": 2, "call": 2, "survey": 2, "complaint": 1}
    assert scores == (3, 9)


def test_a_spaced_report_with_dashes_under_each_header_and_many_empty_cells(con, tmp_path):
    # no title; dashes under each name on line 2; K2 and K4 have no note, K3 no amount
    text = ("Customer ID  Order Date   Amount  Note\n"
            "-----------  ----------  -------  ------\n"
            "K1           2024-03-05    10.00  first\n"
            "K2           2024-03-06    20.00\n"
            "K3           2024-03-07           no amount\n"
            "K4           2024-03-08    40.00\n")
    result = ingest.import_file(con, _write(tmp_path / "report.txt", text))
    assert result.source["format"] == "spaced"
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (4, 3, 1)
    assert con.execute("SELECT src_row, account_id, amount FROM transactions ORDER BY src_row").fetchall() == \
        [(3, "K1", 10.0), (4, "K2", 20.0), (6, "K4", 40.0)]
    src_row, reason = con.execute("SELECT src_row, reason FROM rejects").fetchone()
    assert src_row == 5 and reason.startswith("no amount")


def test_a_gbk_report_padded_by_bytes_reads_quotes_as_two_columns_wide(con, tmp_path):
    # “特价”笔 is ten bytes in GBK, so 华东 starts at byte 24 under 区域 as 华北 does; counted
    # as eight columns, 华东 would move two to the left and the date over the edge of 区域
    text = ("客户编号  产品名称      区域  订单日期        金额\n"
            "C001      “特价”笔    华东  2024-01-05    100.00\n"
            "C002      办公椅        华北  2024-01-06     20.00\n")
    (tmp_path / "report.txt").write_bytes(text.encode("gbk"))
    result = ingest.import_file(con, tmp_path / "report.txt")
    assert (result.rows_loaded, result.rows_rejected) == (2, 0)
    assert con.execute("SELECT account_id, amount FROM transactions ORDER BY src_row").fetchall() == \
        [("C001", 100.0), ("C002", 20.0)]


def test_a_utf8_report_reads_quotes_as_one_column_wide(con, tmp_path):
    # in UTF-8 “特价”笔 is eight columns wide: six blanks after it bring 华东 under 区域
    text = ("客户编号  产品名称      区域  订单日期        金额\n"
            "C001      “特价”笔      华东  2024-01-05    100.00\n"
            "C002      办公椅        华北  2024-01-06     20.00\n")
    result = ingest.import_file(con, _write(tmp_path / "report.txt", text))
    assert (result.rows_loaded, result.rows_rejected) == (2, 0)


# a tab header over rows padded by two tabs, by spaces and a tab, or by spaces alone; a spaced
# header over rows padded by tabs or by spaces
TAB_REPORTS = [("Customer ID\tOrder Date\tAmount\n"
                "K1\t\t2024-03-05\t10.00\n"
                "K2  \t2024-03-06\t20.00\n"
                "K3    2024-03-07      30.00\n"),
               ("客户编号    订单日期        金额\n"
                "K1\t    2024-03-05\t    10.00\n"
                "K2          2024-03-06      20.00\n"
                "K3\t\t2024-03-07\t30.00\n")]


@pytest.mark.parametrize("text", TAB_REPORTS)
def test_a_report_aligned_with_tabs_and_spaces_is_read_by_its_columns(con, tmp_path, text):
    result = ingest.import_file(con, _write(tmp_path / "report.txt", text))
    assert (result.source["format"], result.rows_loaded, result.rows_rejected) == ("spaced", 3, 0)
    assert con.execute("SELECT account_id, ts, amount FROM transactions ORDER BY src_row").fetchall() == \
        [("K1", D(2024, 3, 5), 10.0), ("K2", D(2024, 3, 6), 20.0), ("K3", D(2024, 3, 7), 30.0)]


def test_a_long_name_far_down_a_report_fits_the_column_its_dashes_mark(con, tmp_path):
    # 60 short names, then one of 22 columns under dashes 24 wide: it fits, as the dashes say
    # columns start at 0, 6, 18 and 44; 人体工学办公椅（黑色） fills 18–39
    rows = "".join(f"K{i:02d}   2024-03-05  文件柜{' ' * 20}   10.00\n" for i in range(60))
    text = ("客户  订单日期    产品名称                    金额\n"
            "----  ----------  ------------------------  --------\n" + rows +
            "K99   2024-03-06  人体工学办公椅（黑色）      250.00\n")
    result = ingest.import_file(con, _write(tmp_path / "report.txt", text))
    assert (result.rows_loaded, result.rows_rejected) == (61, 0)
    assert con.execute("SELECT src_row, amount FROM transactions WHERE account_id = 'K99'").fetchone() == (63, 250.0)


def test_a_printed_report_of_several_pages_reads_its_rows_and_sets_aside_only_the_subtotals(con, tmp_path):
    # GBK; page 1: title, header (line 2), dashes, K1, K2, subtotal (6), form feed; page 2:
    # title, print date, the header and dashes again, K3 (12), subtotal (13), form feed
    page = ("客户编号  订单日期      金额\n"
            "--------  ----------  --------\n")
    text = ("          销售明细\n" + page +
            "K1        2024-03-05     10.00\n"
            "K2        2024-03-06     20.00\n"
            "本页小计                 30.00\n"
            "\f\n"
            "          销售明细\n"
            "打印日期：2024-04-01      第 2 页\n" + page +
            "K3        2024-03-07     30.00\n"
            "本页小计                 30.00\n"
            "\f\n")
    (tmp_path / "report.txt").write_bytes(text.encode("gbk"))
    read = reading.preview(con, tmp_path / "report.txt").read
    assert read["reason"].ne("").sum() == 2
    result = ingest.import_file(con, tmp_path / "report.txt")
    assert (result.source["format"], result.rows_read, result.rows_loaded, result.rows_rejected) == ("spaced", 5, 3, 2)
    assert con.execute("SELECT src_row, account_id, amount FROM transactions ORDER BY src_row").fetchall() == \
        [(4, "K1", 10.0), (5, "K2", 20.0), (12, "K3", 30.0)]
    rejects = con.execute("SELECT src_row, reason FROM rejects ORDER BY src_row").fetchall()
    assert [r[0] for r in rejects] == [6, 13] and all(r[1].startswith("total row '本页小计'") for r in rejects)


def test_a_row_running_over_a_column_edge_gives_no_example_values(con, tmp_path):
    # 人体工学椅子超长款 fills columns 10–27, past where 区域 starts (23): its 长款 is no region
    text = ("客户编号  产品名称      区域  订单日期        金额\n"
            "--------  ------------  ----  ----------  --------\n"
            "C001      办公椅        华东  2024-01-05    100.00\n"
            "C002      人体工学椅子超长款  2024-01-06     20.00\n"
            "C003      A4纸                2024-01-07     12.00\n"
            "C004      台灯          华北  2024-01-08      5.00\n"
            "C005      文件柜        西南  2024-01-09     30.00\n")
    pv = reading.preview(con, _write(tmp_path / "report.txt", text))
    examples = dict(zip(pv.source.headers, pv.examples("transactions")))
    assert (examples["区域"], examples["产品名称"]) == ("华东, 华北, 西南", "办公椅, A4纸, 台灯")
    assert pv.rows["客户编号"].tolist() == ["C001", "C002", "C003", "C004", "C005"]  # shown all the same


def test_a_long_name_far_down_a_report_without_dashes_fits_up_to_the_next_left_aligned_name(con, tmp_path):
    # 60 rows, then a name of 22 columns (18–39): 区域 (at 44) is left-aligned (华东区 starts
    # there), so 产品名称 runs up to 43, not to the middle (34) of the blanks 26–43 the rows leave
    rows = "".join(f"K{i:02d}   2024-03-05  文件柜{' ' * 20}华东区   10.00\n" for i in range(60))
    text = ("客户  订单日期    产品名称                  区域      金额\n" + rows +
            "K99   2024-03-06  人体工学办公椅（黑色）    华东区  250.00\n")
    result = ingest.import_file(con, _write(tmp_path / "report.txt", text))
    assert (result.source["format"], result.rows_loaded, result.rows_rejected) == ("spaced", 61, 0)
    assert con.execute("SELECT src_row, amount FROM transactions WHERE account_id = 'K99'").fetchone() == (62, 250.0)


def test_xlsx_lists_sheets_and_reads_the_chosen_one(con, fixtures, snap):
    pv = reading.preview(con, fixtures / "sales.xlsx", sheet="Sales")
    assert pv.source.sheets == ["Notes", "Sales"]
    assert pv.missing == []
    before = snap(con)
    with pytest.raises(ImportFailed, match="sales.xlsx"):
        ingest.import_file(con, fixtures / "sales.xlsx", sheet="Nope")
    with pytest.raises(ImportFailed, match="sales.xlsx"):
        ingest.import_file(con, fixtures / "sales.xlsx", sheet="Notes")  # notes only
    assert snap(con) == before
    # named or not, the sheet of sales is read: the notes in front of it are passed over
    assert ingest.import_file(con, fixtures / "sales.xlsx").source["sheet"] == "Sales"
    by_invoice = dict(con.execute("SELECT invoice_id, ts FROM transactions").fetchall())
    assert by_invoice["SO-1"] == D(2024, 3, 5)              # a real Excel date
    assert by_invoice["SO-3"] == D(2024, 3, 15, 10, 30)     # a real Excel date with a time
    assert by_invoice["SO-6"] == D(2024, 4, 8)              # text 2024年4月8日
    assert by_invoice["SO-8"] == D(2024, 5, 15)             # text 15/05/2024
    assert con.execute("SELECT src_row FROM transactions WHERE invoice_id = 'SO-10'").fetchone()[0] == 11


def test_parquet_keeps_types_and_integer_ids(con, fixtures):
    src = reading.preview(con, fixtures / "sales.parquet").source
    assert (src.est_rows, src.rows_exact) == (10, True)  # counted in the file's metadata
    ingest.import_file(con, fixtures / "sales.parquet")
    ids = [r[0] for r in con.execute("SELECT DISTINCT account_id FROM transactions ORDER BY 1").fetchall()]
    assert ids == ["1001", "1002", "1003", "1004", "1005"]
    assert con.execute("SELECT amount, quantity, is_return FROM transactions WHERE account_id = '1002' "
                       "AND amount < 0").fetchone() == (-30.0, -1, True)


def test_utf16_file_keeps_its_chinese_text(con, fixtures):
    result = ingest.import_file(con, fixtures / "sales_utf16.txt")
    assert result.mapping == {"客户编号": "account_id", "日期": "ts", "金额": "amount", "产品名称": "description"}
    assert con.execute("SELECT description FROM transactions WHERE account_id = 'U01' ORDER BY ts").fetchall() \
        == [("螺丝",), ("螺母",)]


# --- mapping profiles --------------------------------------------------------------------

def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


GERMAN_1 = "Kunde,Datum,Betrag\nK1,2024-01-02,10.00\nK2,2024-01-03,20.00\nK3,2024-01-04,30.00\n"
GERMAN_2 = "Betrag,Kunde,Datum\n40.00,K4,2024-01-05\n50.00,K1,2024-01-06\n"
GERMAN_MAP = {"Kunde": "account_id", "Datum": "ts", "Betrag": "amount"}


def test_a_confirmed_mapping_is_saved_and_reused(con, tmp_path):
    first = _write(tmp_path / "export_jan.csv", GERMAN_1)
    pv = reading.preview(con, first)
    assert pv.from_profile is False and set(pv.missing) == {"account_id", "ts", "amount"}
    result = ingest.import_file(con, first, overrides=GERMAN_MAP)
    assert result.rows_loaded == 3
    second = _write(tmp_path / "export_feb.csv", GERMAN_2)  # same header set, another order
    pv = reading.preview(con, second)
    assert pv.from_profile is True
    assert pv.mapping == GERMAN_MAP and pv.missing == []
    result = ingest.import_file(con, second)  # no overrides needed any more
    assert (result.rows_loaded, result.mapping) == (2, GERMAN_MAP)
    assert tx_facts(con)["total"] == pytest.approx(150.00)


def test_the_saved_mapping_applies_when_only_the_case_of_the_headers_differs(con, tmp_path):
    ingest.import_file(con, _write(tmp_path / "a.csv", GERMAN_1), overrides=GERMAN_MAP)
    second = _write(tmp_path / "b.csv", "betrag,KUNDE,datum\n40.00,K4,2024-01-05\n")
    pv = reading.preview(con, second)
    assert pv.from_profile is True
    assert pv.mapping == {"KUNDE": "account_id", "datum": "ts", "betrag": "amount"}
    assert ingest.import_file(con, second).rows_loaded == 1


def test_an_override_beats_the_automatic_mapping(con, fixtures):
    # map the customer name as the account instead of the customer code
    result = ingest.import_file(con, fixtures / "sales_gbk_zh.csv", overrides={"客户名称": "account_id"})
    assert result.mapping["客户名称"] == "account_id" and "客户编号" not in result.mapping
    ids = {r[0] for r in con.execute("SELECT DISTINCT account_id FROM transactions").fetchall()}
    assert "华东机械有限公司" in ids and "C001" not in ids


def test_an_override_may_name_the_field_by_its_label_in_either_language(con, tmp_path):
    """Headers no synonym knows (German): the date field is ``ts``, but a person writes "date"
    or 订单日期; the account id may be given as 客户编号."""
    path = tmp_path / "kunden.csv"
    path.write_text("Kunde,Datum,Betrag\nK1,2024-03-05,12.50\nK2,2024-03-06,7\n", encoding="utf-8")
    result = ingest.import_file(con, path, overrides={"Kunde": "客户编号", "Datum": "Date", "Betrag": "amount"})
    assert result.mapping == {"Kunde": "account_id", "Datum": "ts", "Betrag": "amount"}
    assert result.rows_loaded == 2
    assert con.execute("SELECT account_id, CAST(ts AS DATE), amount FROM transactions ORDER BY 1").fetchall() == [
        ("K1", datetime(2024, 3, 5).date(), 12.5), ("K2", datetime(2024, 3, 6).date(), 7.0)]
    assert mapping.apply_overrides({}, {"Datum": "订单日期"}, ["Datum"], "transactions") == {"Datum": "ts"}


def test_a_bad_override_fails_and_changes_nothing(con, fixtures, snap):
    before = snap(con)
    with pytest.raises(ImportFailed, match="Nope"):
        ingest.import_file(con, fixtures / "sales_tab.tsv", overrides={"Nope": "amount"})
    with pytest.raises(ImportFailed, match="not_a_field"):
        ingest.import_file(con, fixtures / "sales_tab.tsv", overrides={"Sales": "not_a_field"})
    assert snap(con) == before


# --- idempotence and overlap -------------------------------------------------------------

def _data_figures(info: dict) -> dict:
    return {k: v for k, v in info.items() if k != "imports"}


def test_the_same_file_twice_adds_nothing(con, fixtures, tmp_path):
    first = ingest.import_file(con, fixtures / "sales_gbk_zh.csv")
    after_first = store.info(con)
    second = ingest.import_file(con, fixtures / "sales_gbk_zh.csv")
    assert second.rows_loaded == 0 and second.rows_rejected == 0
    assert second.rows_read == first.rows_read == second.rows_present == 12
    # the same bytes under another name are the same file
    copy = tmp_path / "renamed.csv"
    shutil.copyfile(fixtures / "sales_gbk_zh.csv", copy)
    assert ingest.import_file(con, copy).rows_loaded == 0
    after = store.info(con)
    assert _data_figures(after) == _data_figures(after_first)
    assert after["transactions"] == 12 and after["revenue"] == pytest.approx(32001.00)


def test_the_same_file_with_bad_rows_twice_adds_no_rejects(con, fixtures):
    ingest.import_file(con, fixtures / "bad_rows.csv")
    before = _data_figures(store.info(con))
    again = ingest.import_file(con, fixtures / "bad_rows.csv")
    assert again.rows_loaded == 0
    assert _data_figures(store.info(con)) == before
    assert before["rejected_rows"] == 5
    # the repeat's log counts its rows as the first import placed them: the 5 rejected there, the rest present
    first, repeat = con.execute("SELECT rows_read, rows_loaded, rows_rejected, rows_present FROM imports "
                                "ORDER BY import_id").fetchall()
    assert repeat == (first[0], 0, 5, first[0] - 5) and first[2] == 5


HEADER = "Customer ID,Date,Invoice,Amount\n"
JAN_FEB = ["K1,2024-01-05,I-1,100.00", "K1,2024-01-20,I-2,200.00", "K2,2024-01-31,I-3,300.00",
           "K2,2024-02-02,I-4,400.00", "K3,2024-02-15,I-5,500.00", "K3,2024-02-28,I-6,600.00"]
FEB_MAR = ["K2,2024-02-02,I-4,400.00", "K3,2024-02-15,I-5,500.00", "K3,2024-02-28,I-6,600.00",
           "K4,2024-03-03,I-7,700.00", "K4,2024-03-10,I-8,800.00", "K1,2024-03-30,I-9,900.00"]


def test_overlapping_exports_are_not_double_counted(con, tmp_path):
    a = _write(tmp_path / "jan_feb.csv", HEADER + "\n".join(JAN_FEB) + "\n")
    b = _write(tmp_path / "feb_mar.csv", HEADER + "\n".join(FEB_MAR) + "\n")
    ra = ingest.import_file(con, a)
    rb = ingest.import_file(con, b)
    assert (ra.rows_read, ra.rows_loaded, ra.rows_present) == (6, 6, 0)
    assert (rb.rows_read, rb.rows_loaded, rb.rows_present) == (6, 3, 3)
    facts = tx_facts(con)
    assert facts["n"] == 9
    assert facts["total"] == pytest.approx(4500.00)  # 100 + 200 + ... + 900
    assert (facts["first"], facts["last"]) == (D(2024, 1, 5), D(2024, 3, 30))
    # the three new lines are credited to the second import, the shared ones stay with the first
    assert tx_facts(con, rb.import_id)["total"] == pytest.approx(2400.00)


def test_overlap_is_recognised_when_the_columns_come_in_another_order(con, tmp_path):
    a = _write(tmp_path / "a.csv", HEADER + "\n".join(JAN_FEB) + "\n")
    swapped = "Amount,Invoice,Customer ID,Date\n" + "\n".join(
        ",".join([r.split(",")[3], r.split(",")[2], r.split(",")[0], r.split(",")[1]]) for r in FEB_MAR) + "\n"
    b = _write(tmp_path / "b.csv", swapped)
    ingest.import_file(con, a)
    rb = ingest.import_file(con, b)
    assert (rb.rows_loaded, rb.rows_present) == (3, 3)
    assert tx_facts(con)["n"] == 9


# --- rejects -----------------------------------------------------------------------------

def test_rejects_are_counted_by_kind_of_reason_in_the_readers_language(con, tmp_path):
    # three amounts that are not numbers (one holding the separator of reasons), one impossible
    # date, one row without an account
    (tmp_path / "bad.csv").write_text("Customer ID,Date,Amount\nK1,2024-03-05,abc\nK2,2024-03-05,12..5\n"
                                      "K3,2024-02-30,1\n,2024-03-05,2\nK4,2024-03-05,3\nK5,2024-03-05,1; 2\n",
                                      encoding="utf-8")
    result = ingest.import_file(con, tmp_path / "bad.csv")
    assert result.rows_rejected == 5
    counted = store.reject_reasons(con, result.import_id, "zh")
    assert list(counted.itertuples(index=False, name=None)) == [("金额不是数字", 3), ("缺少客户编号", 1), ("订单日期不存在", 1)]
    counted = store.reject_reasons(con, result.import_id, "en")
    assert counted["reason"].tolist() == ["amount is not a number", "date does not exist", "no account id"]
    assert store.reject_reasons(con, result.import_id)["n"].tolist() == [1] * 5  # as kept: by value
    rows = store.rejects(con, result.import_id, lang="zh")
    assert rows[["row", "reason"]].values.tolist() == [[2, "金额“abc”不是数字"], [3, "金额“12..5”不是数字"],
                                                       [4, "订单日期“2024-02-30”不存在"], [5, "缺少客户编号"],
                                                       [7, "金额“1; 2”不是数字"]]


def test_rejects_hold_file_row_numbers_reasons_and_raw_values(con, fixtures):
    result = ingest.import_file(con, fixtures / "bad_rows.csv")
    rows = con.execute("SELECT src_row, reason, raw FROM rejects WHERE import_id = ? ORDER BY src_row",
                       [result.import_id]).fetchall()
    assert [r[0] for r in rows] == [2, 3, 4, 5, 11]
    reasons = {r[0]: r[1] for r in rows}
    assert reasons[2].startswith("no account id")
    assert "date '31/02/2024' does not exist" in reasons[3]
    assert "'soon'" in reasons[4] and "not a date" in reasons[4]
    assert "'abc'" in reasons[5] and "not a number" in reasons[5]
    assert "no amount" in reasons[11]
    raw = {r[0]: json.loads(r[2]) for r in rows}
    assert raw[3] == {"Customer ID": "K1", "Date": "31/02/2024", "Invoice": "B-2", "Amount": "20.00"}
    assert raw[5]["Amount"] == "abc"
    assert raw[2]["Invoice"] == "B-1" and not raw[2]["Customer ID"]
    # loaded rows keep their file row numbers too; the duplicate on row 7 is not stored
    assert [r[0] for r in con.execute("SELECT src_row FROM transactions ORDER BY src_row").fetchall()] \
        == [6, 8, 9, 10]


def test_row_numbers_count_blank_lines_as_a_text_editor_does(con, tmp_path):
    text = "Customer ID,Date,Amount\nK1,2024-03-05,10.00\n\nK2,soon,20.00\n"
    result = ingest.import_file(con, _write(tmp_path / "gap.csv", text))
    assert (result.rows_loaded, result.rows_rejected) == (1, 1)
    assert con.execute("SELECT src_row FROM rejects").fetchall() == [(4,)]  # K2 is on line 4


def test_rejected_rows_of_a_spaced_report_have_file_row_numbers(con, tmp_path):
    text = ("Customer ID   Order Date      Amount\n"
            "K1            2024-03-05      10.00\n"
            "K2            2024-02-31      20.00\n"
            "K3            2024-03-07      30.00\n")
    result = ingest.import_file(con, _write(tmp_path / "report.txt", text))
    assert (result.rows_loaded, result.rows_rejected) == (2, 1)
    assert con.execute("SELECT src_row FROM rejects").fetchall() == [(3,)]


def test_rejected_rows_of_a_sheet_have_sheet_row_numbers(con, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Orders"
    for row in [["Customer ID", "Order Date", "Amount"], ["K1", "2024-03-05", 10], ["K2", "31/02/2024", 20],
                ["", "2024-03-07", 30], ["K3", "2024-03-08", 40]]:
        ws.append(row)
    wb.save(tmp_path / "orders.xlsx")
    result = ingest.import_file(con, tmp_path / "orders.xlsx")
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (4, 2, 2)
    rows = con.execute("SELECT src_row, reason FROM rejects ORDER BY src_row").fetchall()
    assert [r[0] for r in rows] == [3, 4]
    assert "date '31/02/2024' does not exist" in rows[0][1]


def test_another_sheet_of_a_workbook_imported_before_is_imported(con, tmp_path):
    # one workbook, two months of orders on two sheets: the second sheet is other lines, not the
    # same file again; the first sheet once more adds nothing
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "March"
    for row in [["Customer ID", "Order Date", "Amount"], ["K1", "2024-03-05", 10], ["K2", "2024-03-06", 20]]:
        wb["March"].append(row)
    april = wb.create_sheet("April")
    for row in [["Customer ID", "Order Date", "Amount"], ["K3", "2024-04-02", 7]]:
        april.append(row)
    wb.save(tmp_path / "orders.xlsx")
    first = ingest.import_file(con, tmp_path / "orders.xlsx", sheet="March")
    second = ingest.import_file(con, tmp_path / "orders.xlsx", sheet="April")
    again = ingest.import_file(con, tmp_path / "orders.xlsx", sheet="March")
    assert (first.rows_loaded, second.rows_loaded, second.same_as) == (2, 1, None)
    assert (again.rows_loaded, again.same_as) == (0, first.import_id)
    assert con.execute("SELECT sum(amount) FROM transactions").fetchone()[0] == 37


def test_columns_named_by_hand_choose_the_sheet_that_has_them(con, tmp_path, notes_then_orders):
    book = notes_then_orders(tmp_path / "erp.xlsx", ["Kunde", "Datum", "Summe"])
    result = ingest.import_file(con, book, overrides={"Kunde": "account_id", "Datum": "date", "Summe": "amount"})
    assert (result.source["sheet"], result.rows_loaded) == ("销售明细", 2)


def test_a_column_no_sheet_has_names_the_sheet_read_and_the_others(con, tmp_path, notes_then_orders):
    book = notes_then_orders(tmp_path / "erp.xlsx", ["Kunde", "Datum", "Summe"])
    with pytest.raises(ImportFailed) as err:
        ingest.import_file(con, book, overrides={"Betrag": "amount"})
    assert str(err.value) == ("--map Betrag=amount: the file has no column 'Betrag'; columns: 本文件由 金蝶K/3 导出 "
                              "(read from sheet '导出说明'; the workbook's other sheets: 销售明细; --sheet NAME reads "
                              "another)")
    assert err.value.text("zh") == ("--map Betrag=amount：文件中没有“Betrag”列；现有的列：本文件由 金蝶K/3 导出"
                                    "（读取的是工作表“导出说明”；工作簿中的其他工作表：销售明细；可用 --sheet 工作表名 "
                                    "读取其他工作表）")
    # the sheet with the columns, lacking a field: what it lacks, and where
    with pytest.raises(ImportFailed, match="no column maps to date.*sheet '销售明细'.*导出说明"):
        ingest.import_file(con, book, overrides={"Kunde": "account_id", "Summe": "amount"})


def test_a_hidden_sheet_is_not_read_unless_named(con, tmp_path):
    # a lookup table Excel hides in front of the orders has the columns too: the orders are read,
    # and the hidden sheet is listed last
    from openpyxl import Workbook

    from kamp import workbooks

    wb = Workbook()
    wb.active.title = "lookup"
    wb.active.append(["客户编号", "日期", "金额"])
    wb.active.append(["HID1", "2024-01-01", 999999])
    wb.active.sheet_state = "hidden"
    orders = wb.create_sheet("销售明细")
    for row in [["客户编号", "日期", "金额"], ["K1", "2024-03-05", 10], ["K2", "2024-03-06", 20]]:
        orders.append(row)
    wb.active = 1
    wb.save(tmp_path / "book.xlsx")
    assert workbooks.workbook_sheets(tmp_path / "book.xlsx") == ["销售明细", "lookup"]
    result = ingest.import_file(con, tmp_path / "book.xlsx")
    assert (result.rows_loaded, result.source["sheet"]) == (2, "销售明细")
    assert ingest.import_file(con, tmp_path / "book.xlsx", sheet="lookup").rows_loaded == 1  # named: read


def test_a_workbooks_sheets_are_listed_and_its_rows_counted(con, tmp_path):
    from openpyxl import Workbook

    from kamp import sources, workbooks

    wb = Workbook()
    wb.active.title = "说明"
    wb.active.append(["Exported from the ERP"])
    orders = wb.create_sheet("Orders 2024")
    orders.append(["Customer ID", "Order Date", "Amount"])
    for i in range(1, 2501):
        orders.append([f"K{i % 40}", f"2024-03-{i % 28 + 1:02d}", i])
    hidden = wb.create_sheet("Old")
    hidden.sheet_state = "hidden"
    wb.save(tmp_path / "book.xlsx")
    # in tab order, the hidden one too, as Excel's "Unhide" lists it
    assert workbooks.workbook_sheets(tmp_path / "book.xlsx") == ["说明", "Orders 2024", "Old"]
    pv = reading.preview(con, tmp_path / "book.xlsx", sheet="Orders 2024")
    assert (pv.source.est_rows, pv.source.rows_exact) == (2500, True)  # A1:C2501 less the header, counted
    # a sheet longer than a preview reads: the preview counts every row all the same
    big = Workbook()
    big.active.append(["n"])
    for i in range(workbooks.PREVIEW_ROWS + 500):
        big.active.append([i])
    big.save(tmp_path / "plain.xlsx")
    # (the rows past the preview's are told by the sheet's extent, which empty rows would stretch:
    # the page calls them an estimate)
    short = sources.inspect(con, tmp_path / "plain.xlsx", preview=True)
    assert (short.est_rows, short.rows_exact) == (workbooks.PREVIEW_ROWS + 500, False)
    whole = sources.inspect(con, tmp_path / "plain.xlsx")
    assert (whole.est_rows, whole.rows_exact) == (workbooks.PREVIEW_ROWS + 500, True)
    whole.cleanup(), short.cleanup()


# --- a title above the header; empty rows in a sheet --------------------------------------

# An ERP's report export: a title, the export time and an empty line above the header, a
# totals row at the bottom. Line by line: 1 title, 2 export time, 3 empty, 4 header,
# 5 K1 100.00, 6 K2 with 31 February, 7 K1 50.50, 8 the totals row (no date).
REPORT = ("2024年销售明细表\n导出时间：2024-12-31 18:00\n\n"
          "客户编号,客户名称,订单日期,金额\n"
          "K1,甲公司,2024-03-05,100.00\n"
          "K2,乙公司,2024-02-31,20.00\n"
          "K1,甲公司,2024-03-07,50.50\n"
          "合计,,,170.50\n")


def test_a_title_and_notes_above_the_header_are_passed_over(con, tmp_path):
    path = tmp_path / "report.csv"
    path.write_bytes(REPORT.encode("gb18030"))
    result = ingest.import_file(con, path)
    assert result.source["header_row"] == 4
    assert result.mapping == {"客户编号": "account_id", "客户名称": "account_name", "订单日期": "ts", "金额": "amount"}
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (4, 2, 2)
    assert con.execute("SELECT src_row, account_id, amount FROM transactions ORDER BY src_row").fetchall() == \
        [(5, "K1", 100.0), (7, "K1", 50.5)]
    rejects = con.execute("SELECT src_row, reason FROM rejects ORDER BY src_row").fetchall()
    assert [r[0] for r in rejects] == [6, 8]  # the lines a text editor shows them on
    assert "2024-02-31" in rejects[0][1] and rejects[1][1].startswith("total row '合计'")


def test_a_subtotal_row_is_not_loaded_as_an_account_even_with_a_date(con, tmp_path):
    # a daily report: each day's lines, then the day's subtotal (小计, with the day's date), and
    # the grand total (合计) in the first column. Loaded, 小计 would be an account of 150.
    text = ("日期,客户编号,金额\n2024-03-05,K1,100\n2024-03-05,K2,50\n2024-03-05,小计,150\n"
            "2024-03-06,K1,20\n2024-03-06,Subtotal:,20\n合计,,170\n")
    result = ingest.import_file(con, _write(tmp_path / "daily.csv", text))
    assert (result.rows_loaded, result.rows_rejected) == (3, 3)
    assert con.execute("SELECT sum(amount), count(DISTINCT account_id) FROM transactions").fetchone() == (170.0, 2)
    assert con.execute("SELECT src_row, reason FROM rejects ORDER BY src_row").fetchall() == [
        (4, "total row '小计', not a line of its own (合计行不是明细行)"),
        (6, "total row 'Subtotal:', not a line of its own (合计行不是明细行)"),
        (7, "total row '合计', not a line of its own (合计行不是明细行)")]
    shown = store.rejects(con, result.import_id)
    assert parse_reason_zh(shown["reason"].iloc[0]) == "合计行“小计”不是明细行"


def test_total_rows_as_reports_write_them_are_set_aside(con, tmp_path):
    # spaced to align (总 计), in Traditional characters (總計, 合計), with a unit (合计(元)), per page
    # (本页小计), or named (Total Sales, Sum): each would be an account of 300 counted on top of the lines
    totals = ["总 计", "小 计", "合计(元)", "合计（万元）：", "總計", "合計", "本页小计", "Total Sales", "Sum", "Grand Total"]
    companies = ["合计科技", "Total Energies", "Summit"]  # accounts whose names merely begin so
    text = "客户编号,订单日期,金额\nA1,2024-03-05,100\n" + "".join(f"{t},2024-03-31,300\n" for t in totals + companies)
    result = ingest.import_file(con, _write(tmp_path / "report.csv", text))
    assert (result.rows_loaded, result.rows_rejected) == (1 + len(companies), len(totals))
    assert {r[0] for r in con.execute("SELECT account_id FROM transactions").fetchall()} == {"A1", *companies}
    assert all(r[0].startswith("total row '") for r in con.execute("SELECT reason FROM rejects").fetchall())


def test_a_subtotal_row_carrying_the_account_and_a_date_is_set_aside(con, tmp_path):
    # an ERP's report: each account's subtotal under its lines, named in the name column (小计, with
    # the account's id and the month's last day) or in the id column after the id (GZ002 小计), and
    # the grand total in the date column. Loaded, each would count its account's lines again.
    text = ("客户编号,客户名称,订单日期,金额\nST01,华远科技,2026-03-02,1000\nST01,小计,2026-03-31,1000\n"
            "T1,Total Petroleum Ltd,2026-03-05,500\nT1 Total,,,500\nGZ002,申达,2026-03-06,700\n"
            "GZ002 小计,,,700\n,,总计：,2200\n"
            # names that only look like totals are customers': their lines load
            "T2,TOTAL (China),2026-03-07,100\nT3,Energy Total,2026-03-08,300\nT4,Sum,2026-03-09,400\n")
    result = ingest.import_file(con, _write(tmp_path / "report.csv", text))
    assert (result.rows_loaded, result.rows_rejected) == (6, 4)
    assert con.execute("SELECT account_id, account_name, amount FROM transactions ORDER BY src_row").fetchall() == [
        ("ST01", "华远科技", 1000.0), ("T1", "Total Petroleum Ltd", 500.0), ("GZ002", "申达", 700.0),
        ("T2", "TOTAL (China)", 100.0), ("T3", "Energy Total", 300.0), ("T4", "Sum", 400.0)]
    assert con.execute("SELECT src_row, reason FROM rejects ORDER BY src_row").fetchall() == [
        (3, "total row '小计', not a line of its own (合计行不是明细行)"),
        (5, "total row 'T1 Total', not a line of its own (合计行不是明细行)"),
        (7, "total row 'GZ002 小计', not a line of its own (合计行不是明细行)"),
        (8, "total row '总计：', not a line of its own (合计行不是明细行)")]


def test_a_whole_number_too_large_for_its_field_is_rejected_not_a_crash(con, tmp_path):
    # 1E10 is a whole number, but no 1–5 influence (nor any 32-bit integer): the row is rejected
    text = "客户编号,姓名,影响力\nK1,张三,1E10\nK1,李四,4\n"
    result = ingest.import_file(con, _write(tmp_path / "contacts.csv", text), "contacts")
    assert (result.rows_loaded, result.rows_rejected) == (1, 1)
    assert "influence '1E10' is not a whole number from 1 to 5" in con.execute("SELECT reason FROM rejects").fetchone()[0]


def parse_reason_zh(text):
    from kamp.reasons import reason_text

    return reason_text(text, "zh")


def test_an_empty_line_after_a_title_header_still_counts(con, tmp_path):
    # title on line 1, header on line 2, K1 on 3, an empty line 4, K2 (bad date) on 5
    text = "Sales report\nCustomer ID,Date,Amount\nK1,2024-03-05,10.00\n\nK2,soon,20.00\n"
    result = ingest.import_file(con, _write(tmp_path / "report.csv", text))
    assert (result.source["header_row"], result.rows_loaded, result.rows_rejected) == (2, 1, 1)
    assert con.execute("SELECT src_row FROM rejects").fetchall() == [(5,)]


def test_a_spaced_report_with_a_title_reads_from_its_header(con, tmp_path):
    text = ("          SALES REPORT 2024\n"
            "Printed: 2024-12-31\n"
            "\n"
            "Customer ID   Order Date      Amount\n"
            "K1            2024-03-05      1,234.00\n"
            "K2            2024-02-31      20.00\n")
    result = ingest.import_file(con, _write(tmp_path / "report.txt", text))
    assert (result.source["header_row"], result.rows_loaded, result.rows_rejected) == (4, 1, 1)
    assert con.execute("SELECT src_row, amount FROM transactions").fetchall() == [(5, 1234.0)]
    assert con.execute("SELECT src_row FROM rejects").fetchall() == [(6,)]


def test_the_header_is_the_first_line_unless_a_later_one_names_more_fields():
    from kamp.sources import header_index

    assert header_index([["Customer ID", "Date", "Amount"], ["K1", "2024-03-05", "10"]]) == 0
    assert header_index([["2024年销售明细表"], ["客户编号", "订单日期", "金额"], ["K1", "2024-03-05", "10"]]) == 1
    # a header of names no kind knows stays the header (they are mapped by hand)
    assert header_index([["Kunde", "Datum", "Betrag"], ["K1", "2024-03-05", "10"]]) == 0
    # one known name is not a header: a title such as "Sales" above data
    assert header_index([["Sales"], ["x", "y"]]) == 0
    # the first of equally good rows
    assert header_index([["note"], ["Customer ID", "Date"], ["Customer ID", "Date"]]) == 1


def _sheet(path, rows, merge=None):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "明细"
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


def test_a_sheet_with_a_title_row_and_empty_rows_reads_every_order(con, tmp_path):
    # row 1 a merged title, 2 the export time, 3 the header, 4 K1, 5 empty, 6 K2 (bad date),
    # 7 K3, 8 empty, 9 the totals row
    path = _sheet(tmp_path / "report.xlsx", [
        ["2024年销售明细表"], ["导出时间：2024-12-31"], ["客户编号", "订单日期", "金额"],
        ["K1", D(2024, 3, 5), 100], [], ["K2", "2024-02-31", 20], ["K3", D(2024, 3, 7), 30], [],
        ["合计", None, 150]], merge="A1:C1")
    pv = reading.preview(con, path)
    assert pv.source.headers == ["客户编号", "订单日期", "金额"] and pv.source.header_row == 3
    assert pv.source.est_rows == 4  # rows 4, 6, 7 and 9: the empty ones are not counted
    result = ingest.import_file(con, path)
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (4, 2, 2)
    assert con.execute("SELECT src_row, account_id, amount FROM transactions ORDER BY src_row").fetchall() == \
        [(4, "K1", 100.0), (7, "K3", 30.0)]
    assert [r[0] for r in con.execute("SELECT src_row FROM rejects ORDER BY src_row").fetchall()] == [6, 9]


def test_an_empty_row_in_a_sheet_does_not_end_it(con, tmp_path):
    path = _sheet(tmp_path / "gap.xlsx", [["Customer ID", "Order Date", "Amount"], ["K1", "2024-03-05", 10], [],
                                         ["K2", "2024-03-06", 20], [], [], ["K3", "2024-03-07", 30]])
    result = ingest.import_file(con, path)
    assert (result.rows_read, result.rows_loaded, result.source["header_row"]) == (3, 3, 1)
    assert con.execute("SELECT src_row, account_id FROM transactions ORDER BY src_row").fetchall() == \
        [(2, "K1"), (4, "K2"), (7, "K3")]


def test_amounts_in_ten_thousands_are_read_in_yuan(con, tmp_path):
    text = "客户编号,订单日期,销售额(万元)\nK1,2024-03-05,1.2\nK2,2024-03-06,(0.5)\nK3,2024-03-07,0.07\nK4,2024-03-08,一万\n"
    result = ingest.import_file(con, _write(tmp_path / "wan.csv", text))
    assert result.mapping["销售额(万元)"] == "amount"
    assert (result.rows_loaded, result.rows_rejected) == (3, 1)
    assert con.execute("SELECT account_id, amount FROM transactions ORDER BY 1").fetchall() == \
        [("K1", 12_000.0), ("K2", -5_000.0), ("K3", 700.0)]
    assert "'一万'" in con.execute("SELECT reason FROM rejects").fetchone()[0]  # the value as written


def test_a_value_with_its_own_chinese_unit_is_not_scaled_again_by_the_header(con, tmp_path):
    text = "客户编号,订单日期,销售额(万元)\nK1,2024-03-05,3\nK2,2024-03-06,5万\n"
    ingest.import_file(con, _write(tmp_path / "wan_unit.csv", text))
    assert con.execute("SELECT account_id, amount FROM transactions ORDER BY 1").fetchall() == \
        [("K1", 30_000.0), ("K2", 50_000.0)]


def test_accounts_with_capital_and_revenue_in_chinese_units(con, tmp_path):
    text = ("客户编号,客户名称,注册资本,年营业额,年采购额\n"
            "C1,华东机械,100万,1.2亿元,\"¥1,200万\"\n"
            "C2,北京星辰,5000万元人民币,3千,0.5亿\n")
    result = ingest.import_file(con, _write(tmp_path / "acc_wan.csv", text), kind="accounts")
    assert (result.rows_loaded, result.rows_rejected) == (2, 0)
    assert con.execute("SELECT account_id, registered_capital, annual_revenue, wallet_estimate FROM accounts "
                       "ORDER BY 1").fetchall() == [("C1", 1_000_000, 120_000_000, 12_000_000),
                                                    ("C2", 50_000_000, 3_000, 50_000_000)]


def test_a_percentage_discount_is_that_share_of_the_price_before_it(con, tmp_path):
    text = ("客户编号,订单日期,数量,单价,折扣,金额\n"
            "K1,2024-03-05,3,50,10%,\n"         # 10% of 3 × 50 = 15; amount 150 − 15 = 135
            "K2,2024-03-06,2,100,5,\n"          # an amount off, as before: 200 − 5 = 195
            "K3,2024-03-07,,,10%,90\n"          # 90 is after 10% off 100: the discount is 10
            "K4,2024-03-08,4,25,12.5 %,90\n"    # 12.5% of 4 × 25 = 12.5; the amount given stays
            "K5,2024-03-09,2,10,１０％,\n"       # full-width: 10% of 20 = 2, amount 18
            "K6,2024-03-10,1,10,150%,\n"
            "K7,2024-03-11,,,10%,\n")
    result = ingest.import_file(con, _write(tmp_path / "pct.csv", text))
    assert (result.rows_loaded, result.rows_rejected) == (5, 2)
    assert con.execute("SELECT account_id, discount, amount FROM transactions ORDER BY 1").fetchall() == [
        ("K1", 15.0, 135.0), ("K2", 5.0, 195.0), ("K3", 10.0, 90.0), ("K4", 12.5, 90.0), ("K5", 2.0, 18.0)]
    assert [r[0] for r in con.execute("SELECT reason FROM rejects ORDER BY src_row").fetchall()] == [
        "discount '150%' is more than 100% (折扣超过 100%)",
        "discount '10%' is a percentage, and the line has no quantity × unit price or amount to take it of "
        "(折扣是百分比，但该行没有可折算的数量×单价或金额); no amount and no quantity × unit price (缺少金额（或数量与单价）)"]


def test_dashes_of_the_accounting_format_are_zeros(con, tmp_path):
    text = ("客户编号,订单日期,数量,单价,折扣,金额,成本\n"
            "AZ1,2026年03月05日,2,100.00, - ,200.00,-\n"   # no discount, no cost
            "AZ1,2026年03月06日,1,50.00,10%, 45.00 ,30\n"   # 10% of 50 = 5
            "AZ2,2026年03月07日,1,80.00,,¥ 80.00,¥ - \n"
            "AZ2,2026年03月08日,1,0.00, - , - ,0\n")        # a free sample: amount 0
    result = ingest.import_file(con, _write(tmp_path / "dashes.csv", text))
    assert (result.rows_loaded, result.rows_rejected) == (4, 0)
    assert con.execute("SELECT account_id, amount, discount, cost FROM transactions ORDER BY src_row").fetchall() == [
        ("AZ1", 200.0, 0.0, 0.0), ("AZ1", 45.0, 5.0, 30.0), ("AZ2", 80.0, None, 0.0), ("AZ2", 0.0, 0.0, 0.0)]
    assert con.execute("SELECT count(*) FROM transactions WHERE is_return").fetchone()[0] == 0


def test_amounts_in_thousands_of_dollars_are_read_in_dollars(con, tmp_path):
    # a scale beside the currency, before or after it, or glued to its sign
    text = ("Customer,Date,Amount (K USD),Cost ($000),Units (pcs)\n"
            "A1,2024-03-05,1.5,0.9,3\nA2,2024-03-06,\"2,000.25\",1500,40\n")
    result = ingest.import_file(con, _write(tmp_path / "k_usd.csv", text))
    assert result.mapping == {"Customer": "account_id", "Date": "ts", "Amount (K USD)": "amount",
                              "Cost ($000)": "cost", "Units (pcs)": "quantity"}
    assert con.execute("SELECT account_id, amount, cost, quantity FROM transactions ORDER BY 1").fetchall() == \
        [("A1", 1_500.0, 900.0, 3.0), ("A2", 2_000_250.0, 1_500_000.0, 40.0)]


# An order's number, customer and date written once, in cells merged down its lines (rows
# 2–4), as report exports lay them out; row 5 an order of one line. Each line is an order
# line of its own: K1 10 + 20 + 30 = 60, K2 5.
MERGED_HEADER = ["订单号", "客户编号", "订单日期", "产品", "金额"]
MERGED_LINES = [(2, "SO-1", "K1", D(2024, 3, 5), "A", 10.0), (3, "SO-1", "K1", D(2024, 3, 5), "B", 20.0),
                (4, "SO-1", "K1", D(2024, 3, 5), "C", 30.0), (5, "SO-2", "K2", D(2024, 3, 6), "A", 5.0)]


def _merged_lines(con):
    return con.execute("SELECT src_row, invoice_id, account_id, ts, product, amount FROM transactions "
                       "ORDER BY src_row").fetchall()


def test_cells_merged_down_an_orders_lines_are_read_on_each_line(con, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(MERGED_HEADER)
    for _, *row in MERGED_LINES:
        ws.append(row)
    for col in "ABC":
        for r in (3, 4):
            ws[f"{col}{r}"] = None
        ws.merge_cells(f"{col}2:{col}4")
    ws.merge_cells("D6:E6")  # a merged cell in a row of its own, across columns: not a line
    ws["D6"] = "备注"
    wb.save(tmp_path / "orders.xlsx")
    result = ingest.import_file(con, tmp_path / "orders.xlsx")
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (5, 4, 1)
    assert _merged_lines(con) == MERGED_LINES
    assert con.execute("SELECT src_row FROM rejects").fetchall() == [(6,)]


@pytest.mark.parametrize("ref", [b"A1", b"A1:C3"])
def test_a_sheet_whose_dimension_says_too_little_is_read_whole(con, tmp_path, ref):
    # Some writers put <dimension ref="A1"/> whatever the sheet holds, or stop it short: its rows
    # and columns are found all the same (orders on rows 2, 3, 5 and 6 of 3 columns, row 4 empty)
    import re
    import zipfile

    from openpyxl import Workbook

    wb = Workbook()
    for row in [["Customer ID", "Order Date", "Amount"], ["K1", "2024-03-05", 10], ["K2", "2024-03-06", 20], [],
                ["K3", "2024-03-07", 30], ["K4", "2024-03-08", 40]]:
        wb.active.append(row)
    wb.save(tmp_path / "full.xlsx")
    with zipfile.ZipFile(tmp_path / "full.xlsx") as src, zipfile.ZipFile(tmp_path / "short.xlsx", "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="' + ref + b'"', data)
                assert n == 1
            out.writestr(item, data)
    pv = reading.preview(con, tmp_path / "short.xlsx")
    assert pv.source.headers == ["Customer ID", "Order Date", "Amount"] and pv.source.est_rows == 4  # row 4 is empty
    result = ingest.import_file(con, tmp_path / "short.xlsx")
    assert (result.rows_read, result.rows_loaded) == (4, 4)
    assert con.execute("SELECT src_row, account_id FROM transactions ORDER BY src_row").fetchall() == \
        [(2, "K1"), (3, "K2"), (5, "K3"), (6, "K4")]


def test_cells_merged_down_an_old_workbooks_lines_are_read_on_each_line(con, tmp_path):
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("S")
    dated = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for j, h in enumerate(MERGED_HEADER):
        ws.write(0, j, h)
    ws.write_merge(1, 3, 0, 0, "SO-1")
    ws.write_merge(1, 3, 1, 1, "K1")
    ws.write_merge(1, 3, 2, 2, D(2024, 3, 5), dated)
    for row, _, _, _, product, amount in MERGED_LINES[:3]:
        ws.write(row - 1, 3, product)
        ws.write(row - 1, 4, amount)
    for j, value in enumerate(MERGED_LINES[3][1:]):
        ws.write(4, j, value, dated if isinstance(value, datetime) else xlwt.Style.default_style)
    wb.save(str(tmp_path / "orders.xls"))
    result = ingest.import_file(con, tmp_path / "orders.xls")
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (4, 4, 0)
    assert _merged_lines(con) == MERGED_LINES


def test_a_monthly_summary_imports_each_month_on_its_first_day(con, tmp_path):
    text = "客户编号,月份,销售额\nK1,2024-03,100\nK1,2024年4月,50\nK2,202405,20\nK2,2024-13,10\n"
    result = ingest.import_file(con, _write(tmp_path / "monthly.csv", text))
    assert (result.rows_loaded, result.rows_rejected) == (3, 1)
    assert con.execute("SELECT account_id, ts, amount FROM transactions ORDER BY ts").fetchall() == \
        [("K1", D(2024, 3, 1), 100.0), ("K1", D(2024, 4, 1), 50.0), ("K2", D(2024, 5, 1), 20.0)]
    assert con.execute("SELECT src_row FROM rejects").fetchall() == [(5,)]


def _xls(path, sheets: dict[str, list[list]]):
    """An Excel 97–2003 workbook written with xlwt: sheet name → rows (None an empty row);
    datetimes get a date format, as Excel keeps them."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    dated = xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm")
    for name, rows in sheets.items():
        ws = wb.add_sheet(name)
        for i, row in enumerate(rows):
            for j, value in enumerate(row or []):
                if value is not None:
                    ws.write(i, j, value, dated if isinstance(value, datetime) else xlwt.Style.default_style)
    wb.save(str(path))
    return path


def test_an_old_excel_workbook_is_read_from_the_sheet_with_the_orders(con, tmp_path):
    # Sheet 说明 (notes) comes first; in 销售明细 row 1 is a title, 2 the export time, 3 the
    # header (客户编号 twice: the second is read as 客户编号_1), 4 K1, 5 empty, 6 K2 with 31
    # February, 7 an id Excel keeps as the number 13085 with a time of day, 8 empty, 9 totals.
    path = _xls(tmp_path / "report.xls", {
        "说明": [["由 ERP 导出"]],
        "销售明细": [["2024年销售明细表"], ["导出时间：2024-12-31"],
                   ["客户编号", "客户名称", "订单日期", "金额(元)", "客户编号"],
                   ["K1", "甲公司", D(2024, 3, 5), 100.0], None, ["K2", "乙公司", "2024-02-31", 20.5],
                   [13085.0, "丙公司", D(2024, 3, 7, 9, 47), 30], None, ["合计", None, None, 150.5]]})
    from kamp import workbooks

    assert workbooks.workbook_sheets(path) == ["说明", "销售明细"]
    assert reading.fitting_sheet(con, path) == "销售明细"
    pv = reading.preview(con, path, sheet="销售明细")
    assert pv.source.headers == ["客户编号", "客户名称", "订单日期", "金额(元)", "客户编号_1"]
    assert (pv.source.format, pv.source.header_row, pv.source.est_rows) == ("xls", 3, 4)
    assert pv.mapping == {"客户编号": "account_id", "客户名称": "account_name", "订单日期": "ts", "金额(元)": "amount"}
    result = ingest.import_file(con, path, sheet="销售明细")
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (4, 2, 2)
    assert con.execute("SELECT src_row, account_id, ts, amount FROM transactions ORDER BY src_row").fetchall() == \
        [(4, "K1", D(2024, 3, 5), 100.0), (7, "13085", D(2024, 3, 7, 9, 47), 30.0)]
    assert [r[0] for r in con.execute("SELECT src_row FROM rejects ORDER BY src_row").fetchall()] == [6, 9]
    assert ingest.import_file(con, path, sheet="销售明细").rows_loaded == 0  # the same file twice adds nothing


def test_an_old_excel_workbook_that_cannot_be_read_changes_nothing(con, tmp_path, snap):
    before = snap(con)
    path = _xls(tmp_path / "book.xls", {"Orders": [["Customer ID", "Date", "Amount"], ["K1", "2024-03-05", 10]]})
    with pytest.raises(ImportFailed, match="^book.xls: there is no sheet 'Sales'; sheets: Orders$"):
        ingest.import_file(con, path, sheet="Sales")
    empty = _xls(tmp_path / "empty.xls", {"Blank": []})
    with pytest.raises(ImportFailed, match="^empty.xls: sheet 'Blank' is empty; sheets: Blank$"):
        ingest.import_file(con, empty)
    damaged = tmp_path / "damaged.xls"
    damaged.write_bytes(path.read_bytes()[:600])  # cut short, as a broken download leaves it
    with pytest.raises(ImportFailed, match="^damaged.xls: cannot be read as CSV, Excel or Parquet"):
        ingest.import_file(con, damaged)
    assert snap(con) == before


# --- progress ----------------------------------------------------------------------------

def test_progress_is_reported_and_ends_at_one(con, fixtures):
    calls = []
    result = ingest.import_file(con, fixtures / "sales_semicolon.csv",
                                progress=lambda phase, fraction, rows, rate: calls.append((phase, fraction, rows, rate)))
    assert calls, "no progress reported"
    fractions = [c[1] for c in calls]
    assert all(0.0 <= f <= 1.0 for f in fractions)
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    assert calls[-1][2] == result.rows_read
    assert all(c[3] >= 0 for c in calls)


# --- other kinds -------------------------------------------------------------------------

def test_accounts_kind(con, fixtures):
    result = ingest.import_file(con, fixtures / "accounts_zh.csv", kind="accounts")
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (6, 6, 0)
    row = con.execute("SELECT name, industry, region, registered_capital, annual_revenue, listed, owner, "
                      "wallet_estimate FROM accounts WHERE account_id = 'C001'").fetchone()
    assert row == ("华东机械有限公司", "制造", "华东", 5_000_000, 120_000_000, "是", "张伟", 8_000_000)
    assert con.execute("SELECT sum(wallet_estimate) FROM accounts").fetchone()[0] == 15_750_000
    assert store.info(con)["account_records"] == 6


def test_accounts_fill_in_the_accounts_known_from_transactions(con, fixtures):
    ingest.import_file(con, fixtures / "sales_gbk_zh.csv")
    assert store.info(con)["account_records"] == 5
    ingest.import_file(con, fixtures / "accounts_zh.csv", kind="accounts")
    info = store.info(con)
    assert info["account_records"] == 6 and info["accounts"] == 5  # C006 has no transactions
    assert con.execute("SELECT industry FROM accounts WHERE account_id = 'C002'").fetchone()[0] == "科技"


def test_contacts_kind(con, fixtures):
    result = ingest.import_file(con, fixtures / "contacts.csv", kind="contacts")
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (10, 8, 2)
    roles = dict(con.execute("SELECT role, count(*) FROM contacts GROUP BY role").fetchall())
    assert roles == {"decision_maker": 2, "sponsor": 1, "strategic_coach": 2, "anti_sponsor": 1,
                     "user": 1, "influencer": 1}
    rejects = con.execute("SELECT src_row, reason FROM rejects ORDER BY src_row").fetchall()
    assert [r[0] for r in rejects] == [9, 10]
    assert "'boss'" in rejects[0][1]
    assert "'7'" in rejects[1][1] and "1 to 5" in rejects[1][1]
    assert con.execute("SELECT attitude FROM contacts WHERE name = '陈刚'").fetchone()[0] == -2
    assert store.info(con)["contacts"] == 8


def test_payments_kind(con, fixtures):
    result = ingest.import_file(con, fixtures / "payments.csv", kind="payments")
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (10, 9, 1)
    total, paid, n_paid = con.execute(
        "SELECT sum(amount), sum(paid_amount), count(paid_date) FROM payments").fetchone()
    assert total == pytest.approx(11950.00) and paid == pytest.approx(6874.50) and n_paid == 6
    src_row, reason = con.execute("SELECT src_row, reason FROM rejects").fetchone()
    assert src_row == 9 and reason.startswith("no invoice id")
    assert con.execute("SELECT paid_date FROM payments WHERE invoice_id = 'INV-002'").fetchone()[0] == D(2024, 3, 20)
    assert store.info(con)["payments"] == 9


def test_a_date_that_does_not_exist_is_named_by_its_field(con, tmp_path):
    # a payment has three dates: the reason says which one is wrong
    text = ("客户编号,发票号码,开票日期,发票金额,到期日,回款日期,回款金额\n"
            "KX100,PX1,2026-01-10,100,2026-02-31,2026-02-01,100\nKX100,PX2,2026-01-10,100,2026-02-10,2026-13-01,100\n"
            "KX100,PX3,2025-02-29,100,,,\n")
    result = ingest.import_file(con, _write(tmp_path / "payments.csv", text), kind="payments")
    assert result.rows_rejected == 3
    assert con.execute("SELECT reason FROM rejects ORDER BY src_row").fetchall() == [
        ("due date '2026-02-31' does not exist (到期日不存在)",), ("paid date '2026-13-01' does not exist (回款日期不存在)",),
        ("invoice date '2025-02-29' does not exist (开票日期不存在)",)]
    assert store.rejects(con, result.import_id, lang="zh")["reason"].tolist() == [
        "到期日“2026-02-31”不存在", "回款日期“2026-13-01”不存在", "开票日期“2025-02-29”不存在"]


def test_interactions_kind(con, fixtures):
    result = ingest.import_file(con, fixtures / "interactions.csv", kind="interactions")
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (10, 9, 1)
    kinds = dict(con.execute("SELECT kind, count(*) FROM interactions GROUP BY kind").fetchall())
    assert kinds == {"visit": 2, "call": 2, "complaint": 1, "survey": 2, "praise": 1, "suggestion": 1}
    assert sorted(r[0] for r in con.execute("SELECT score FROM interactions WHERE score IS NOT NULL").fetchall()) \
        == [4, 5]
    src_row, reason = con.execute("SELECT src_row, reason FROM rejects").fetchone()
    assert src_row == 9 and "'lunch'" in reason
    assert store.info(con)["interactions"] == 9


def test_roles_and_kinds_are_read_as_exports_spell_them(con, tmp_path):
    roles = ["关键决策人", "技术把关人", "内线", "Champion", "Economic Buyer", "赞助人（支持我方）", "Decision-Maker",
             "decision-maker", "anti-sponsor", "Anti_Sponsor", "使用者", "老板"]
    rows = "".join(f"C1,P{i},{r}\n" for i, r in enumerate(roles))
    ingest.import_file(con, _write(tmp_path / "roles.csv", "客户编号,姓名,角色\n" + rows), kind="contacts")
    stored = dict(con.execute("SELECT name, role FROM contacts").fetchall())
    assert [stored.get(f"P{i}") for i in range(len(roles))] == [
        "decision_maker", "influencer", "strategic_coach", "sponsor", "decision_maker", "sponsor",
        "decision_maker", "decision_maker", "anti_sponsor", "anti_sponsor", "user", None]
    assert con.execute("SELECT src_row FROM rejects").fetchall() == [(13,)]  # 老板: no role we know

    kinds = ["上门拜访", "电话沟通", "Phone Call", "PHONE-CALL", "客诉", "午餐"]
    rows = "".join(f"C1,2024-03-0{i + 1},{k}\n" for i, k in enumerate(kinds))
    ingest.import_file(con, _write(tmp_path / "kinds.csv", "客户编号,日期,类型\n" + rows), kind="interactions")
    assert con.execute("SELECT kind FROM interactions ORDER BY ts").fetchall() == \
        [("visit",), ("call",), ("call",), ("call",), ("complaint",)]
    assert con.execute("SELECT src_row FROM rejects WHERE reason LIKE '%午餐%'").fetchall() == [(7,)]


@pytest.mark.parametrize("name, kind", [("contacts.csv", "contacts"), ("payments.csv", "payments"),
                                        ("interactions.csv", "interactions"), ("accounts_zh.csv", "accounts")])
def test_other_kinds_twice_add_nothing(con, fixtures, name, kind):
    ingest.import_file(con, fixtures / name, kind=kind)
    before = _data_figures(store.info(con))
    assert ingest.import_file(con, fixtures / name, kind=kind).rows_loaded == 0
    assert _data_figures(store.info(con)) == before


def test_the_import_log_records_file_hash_counts_and_mapping(con, fixtures):
    import hashlib

    result = ingest.import_file(con, fixtures / "bad_rows.csv")
    row = con.execute("SELECT kind, file_name, sha256, rows_read, rows_loaded, rows_rejected, rows_present, "
                      "mapping, started_at <= finished_at FROM imports WHERE import_id = ?",
                      [result.import_id]).fetchone()
    sha = hashlib.sha256((fixtures / "bad_rows.csv").read_bytes()).hexdigest()
    assert row[:7] == ("transactions", "bad_rows.csv", sha, 10, 4, 5, 1)
    assert json.loads(row[7]) == {"Customer ID": "account_id", "Date": "ts", "Invoice": "invoice_id",
                                  "Amount": "amount"}
    assert row[8] is True


def test_run_with_progress_reports_and_returns_or_raises():
    from kamp.progress import run_with_progress

    seen = []

    def work(report):
        import time

        for i in range(3):
            report("read", (i + 1) / 3, i, 0.0)
            time.sleep(0.25)
        return "done"

    assert run_with_progress(work, lambda *a: seen.append(a[1])) == "done"
    assert seen and seen[-1] == 1.0

    def fails(report):
        raise ImportFailed("problem.import.empty", name="x.csv")

    with pytest.raises(ImportFailed, match="x.csv"):
        run_with_progress(fails, lambda *a: None)


def _big_utf8(path: Path) -> tuple[int, int]:
    """A UTF-8 export of more than 4 MB (the scan's chunk size), its names in Chinese, with a
    three-byte character cut by the 4 MB boundary, and two empty lines and a bad date after
    it. Returns (rows with data, the file line of the bad date)."""
    head = "客户编号,订单日期,金额,客户名称\n".encode()
    rows, body = 0, bytearray(head)
    while len(body) < (1 << 22) - 200:
        rows += 1
        body += f"K{rows % 90},2024-03-{rows % 28 + 1:02d},{rows}.50,华东机械{rows % 7}\n".encode()
    # pad with ASCII so that '华' (3 bytes) starts one byte before the 4 MB boundary
    prefix = len(b"K1,2024-03-01,1.00,")
    pad = (1 << 22) - 1 - len(body) - 2 * prefix
    body += f"K1,2024-03-01,1.00,{'x' * (pad - 1)}\n".encode()
    rows += 1
    body += "K1,2024-03-01,1.00,华南贸易\n".encode()
    assert body.index("华南".encode()) == (1 << 22) - 1
    rows += 1
    body += b"\n\n" + "K2,2024-02-30,3.00,华南贸易\n".encode() + "K3,2024-03-02,4.00,华南贸易\n".encode()
    rows += 2
    path.write_bytes(bytes(body))
    return rows, body.count(b"\n") - 1


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_an_empty_line_across_the_4mb_read_boundary_still_counts(con, tmp_path, newline):
    """The scan reads 4 MB at a time: an empty line whose line breaks fall on both sides of
    that boundary shifts the row numbers after it as much as any other."""
    nl = newline.encode()
    body = bytearray(b"account,date,amount,note" + nl)
    row = b"K1,2024-03-01,1.50," + nl
    while len(body) + len(row) < (1 << 22) - 100:
        body += row
    pad = (1 << 22) - len(body) - len(b"K1,2024-03-01,1.00,") - len(nl)
    body += b"K1,2024-03-01,1.00," + b"x" * pad + nl  # this line's break ends the first 4 MB
    assert len(body) == 1 << 22
    body += nl + b"K2,2024-02-30,3.00," + nl  # an empty line, then a date that does not exist
    path = tmp_path / "boundary.csv"
    path.write_bytes(bytes(body))
    lines = bytes(body).split(nl)
    bad_line = lines.index(b"K2,2024-02-30,3.00,") + 1  # the line a text editor shows
    result = ingest.import_file(con, path)
    assert result.rows_rejected == 1
    assert con.execute("SELECT src_row FROM rejects").fetchone()[0] == bad_line


def test_a_large_utf8_file_is_checked_whole_and_keeps_its_line_numbers(con, tmp_path):
    path = tmp_path / "large.csv"
    rows, bad_line = _big_utf8(path)
    result = ingest.import_file(con, path)
    assert (result.rows_read, result.rows_rejected) == (rows, 1)
    assert result.rows_loaded + result.rows_present == rows - 1
    # the rejected date sits after two empty lines: its row number is the line a text editor shows
    assert con.execute("SELECT src_row, reason FROM rejects").fetchall() == \
        [(bad_line, "date '2024-02-30' does not exist (订单日期不存在)")]
    assert con.execute("SELECT count(*) FROM transactions WHERE account_name = '华南贸易'").fetchone()[0] == 2
    import hashlib
    logged = con.execute("SELECT sha256 FROM imports").fetchone()[0]
    assert logged == hashlib.sha256(path.read_bytes()).hexdigest()
    again = ingest.import_file(con, path)  # the same large file twice adds nothing
    assert (again.rows_loaded, again.rows_rejected, again.rows_present) == (0, 1, rows - 1)
    assert store.info(con)["transactions"] == result.rows_loaded


def test_repeated_lines_within_a_file_keep_the_first_of_each(con, tmp_path):
    text = ("Customer ID,Date,Invoice,Amount\n"
            "K1,2024-03-05,A1,10.00\nK2,2024-03-06,A2,20.00\nK1,2024-03-05,A1,10.00\n"
            "K3,2024-03-07,A3,30.00\nK2,2024-03-06,A2,20.00\nK1,2024-03-05,A1,10.00\n")
    result = ingest.import_file(con, _write(tmp_path / "repeats.csv", text))
    assert (result.rows_read, result.rows_loaded, result.rows_present) == (6, 3, 3)
    # K1 on rows 2, 4 and 7, K2 on rows 3 and 6: the first of each is kept
    assert con.execute("SELECT account_id, src_row FROM transactions ORDER BY src_row").fetchall() == \
        [("K1", 2), ("K2", 3), ("K3", 5)]


# --- storing in batches ------------------------------------------------------------------

# Empty lines (which shift the row numbers after them), an impossible date, repeats within the
# file and a line an earlier import holds, spread to fall on both sides of batch boundaries.
BATCHED = ("Customer ID,Date,Invoice,Amount\n"
           "K1,2024-03-05,A1,10.00\n\n"           # row 2, then empty line 3
           "K2,2024-03-06,A2,20.00\n"             # row 4
           "K1,2024-03-05,A1,10.00\n"             # row 5: repeats row 2
           "K3,2024-02-30,A3,30.00\n\n"           # row 6: no such date; empty line 7
           "K2,2024-01-05,I-1,100.00\n"           # row 8: like the earlier line but another account
           "K1,2024-01-05,I-1,100.00\n"           # row 9: the earlier import holds this line
           "K4,2024-03-09,A4,40.00\n"             # row 10
           "K2,2024-03-06,A2,20.00\n"             # row 11: repeats row 4
           "K5,2024-03-10,A5,50.00\n")            # row 12


def _batched_import(db, tmp_path, batch, monkeypatch):
    monkeypatch.setattr(ingest, "LOAD_BATCH", batch)
    con = store.connect(db)
    ingest.import_file(con, _write(tmp_path / "earlier.csv", HEADER + JAN_FEB[0] + "\n"))
    calls = []
    result = ingest.import_file(con, _write(tmp_path / "batched.csv", BATCHED),
                                progress=lambda *args: calls.append(args))
    lines = con.execute("SELECT account_id, ts, amount, invoice_id, src_row FROM transactions "
                        "WHERE import_id = ? ORDER BY src_row", [result.import_id]).fetchall()
    rejects = con.execute("SELECT src_row FROM rejects").fetchall()
    con.close()
    return result, lines, rejects, calls


def test_storing_in_batches_keeps_every_line_once_with_its_row(tmp_path, monkeypatch):
    whole, lines, rejects, _ = _batched_import(tmp_path / "whole.duckdb", tmp_path, 1_000_000, monkeypatch)
    # by hand: 9 rows; row 6 rejected; rows 5 and 11 repeat rows 2 and 4; row 9 is already stored
    assert (whole.rows_read, whole.rows_loaded, whole.rows_rejected, whole.rows_present) == (9, 5, 1, 3)
    assert [(a, r) for a, _, _, _, r in lines] == [("K1", 2), ("K2", 4), ("K2", 8), ("K4", 10), ("K5", 12)]
    assert rejects == [(6,)]
    for batch in (1, 2, 4):
        result, *rest = _batched_import(tmp_path / f"batch{batch}.duckdb", tmp_path, batch, monkeypatch)
        assert (result.rows_loaded, result.rows_rejected, result.rows_present) == (5, 1, 3)
        assert rest[:2] == [lines, rejects], f"stored {batch} at a time"


def test_the_bar_moves_with_the_rows_really_stored(tmp_path, monkeypatch):
    *_, calls = _batched_import(tmp_path / "b.duckdb", tmp_path, 2, monkeypatch)
    # 9 parsed rows stored 2 at a time: after each batch, the rows of the file handled so far
    assert [rows for phase, _, rows, _ in calls if phase == "load"] == [0, 2, 4, 6, 8, 9]
    phases = [phase for phase, *_ in calls]
    assert [p for i, p in enumerate(phases) if i == 0 or phases[i - 1] != p] == \
        ["scan", "read", "check", "load", "finish"]
    fractions = [f for _, f, _, _ in calls]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_two_imports_at_once_take_turns_and_store_each_line_once(con, tmp_path):
    # Two people import overlapping exports with the same header at the same moment (the
    # dashboard's sessions are threads of one process): the second waits for the first, says
    # so, and then finds the shared line and the new account already stored.
    header = "Customer ID,Date,Invoice,Amount\n"
    (tmp_path / "mon.csv").write_text(header + "K1,2024-03-04,A-1,10\nK9,2024-03-04,A-2,20\n", encoding="utf-8")
    (tmp_path / "tue.csv").write_text(header + "K9,2024-03-04,A-2,20\nK9,2024-03-05,A-3,30\n", encoding="utf-8")
    holding, go = threading.Event(), threading.Event()
    second: list[str] = []
    results: dict = {}

    def first_reports(phase, *_):
        if phase == "read" and not holding.is_set():
            holding.set()  # the first import has the turn, and holds it until the second waits
            assert go.wait(30)

    def second_reports(phase, *_):
        second.append(phase)
        if phase == "wait":
            go.set()

    def run(name, report):
        try:
            results[name] = ingest.import_file(con.cursor(), tmp_path / name, progress=report)
        except Exception as exc:  # noqa: BLE001 - the test reports it below
            results[name] = exc

    one = threading.Thread(target=run, args=("mon.csv", first_reports))
    one.start()
    assert holding.wait(30)
    two = threading.Thread(target=run, args=("tue.csv", second_reports))
    two.start()
    one.join(60), two.join(60)
    mon, tue = results["mon.csv"], results["tue.csv"]
    assert not isinstance(mon, Exception) and not isinstance(tue, Exception), (mon, tue)
    assert "wait" in second and second.index("wait") < second.index("read")
    assert (mon.rows_loaded, mon.rows_present) == (2, 0)
    assert (tue.rows_loaded, tue.rows_present) == (1, 1)  # K9's A-2 line came with Monday's file
    assert con.execute("SELECT count(*) FROM transactions").fetchone()[0] == 3
    assert sorted(r[0] for r in con.execute("SELECT account_id FROM accounts").fetchall()) == ["K1", "K9"]
    assert con.execute("SELECT count(*) FROM mapping_profiles").fetchone()[0] == 1


def test_a_workbook_is_read_from_its_first_sheet_with_what_the_kind_needs(con, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Notes"  # a notes sheet leads, as exports often have
    wb.active.append(["Exported from the ERP on 2024-04-01"])
    wb.create_sheet("Contacts").append(["Customer ID", "Name", "Role"])
    wb["Contacts"].append(["K1", "王强", "sponsor"])
    wb.create_sheet("Orders").append(["Customer ID", "Order Date", "Amount"])
    for row in (["K1", "2024-03-05", 10], ["K2", "2024-03-06", 20]):
        wb["Orders"].append(row)
    wb.save(tmp_path / "export.xlsx")

    assert reading.fitting_sheet(con, tmp_path / "export.xlsx") == "Orders"
    assert reading.fitting_sheet(con, tmp_path / "export.xlsx", "contacts") == "Contacts"
    assert reading.preview(con, tmp_path / "export.xlsx").source.sheet == "Orders"
    result = ingest.import_file(con, tmp_path / "export.xlsx")
    assert (result.rows_read, result.rows_loaded, result.source["sheet"]) == (2, 2, "Orders")
    assert ingest.import_file(con, tmp_path / "export.xlsx", "contacts").rows_loaded == 1
    # a sheet named is read, fitting or not
    with pytest.raises(ImportFailed, match="no column maps to account id, date, amount"):
        ingest.import_file(con, tmp_path / "export.xlsx", sheet="Notes")



def test_columns_named_by_hand_are_of_the_first_sheet(con, tmp_path):
    # --map names the first sheet's columns: the sheet that fits by itself is not read instead
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Kunden"
    wb.active.append(["Kunde", "Datum", "Betrag"])
    wb.active.append(["K1", "2024-03-05", 10])
    wb.create_sheet("Orders").append(["Customer ID", "Order Date", "Amount"])
    wb["Orders"].append(["K2", "2024-03-06", 20])
    wb.save(tmp_path / "mixed.xlsx")
    result = ingest.import_file(con, tmp_path / "mixed.xlsx",
                                overrides={"Kunde": "account_id", "Datum": "ts", "Betrag": "amount"})
    assert result.source["sheet"] == "Kunden"
    assert con.execute("SELECT account_id FROM transactions").fetchall() == [("K1",)]


# ---- undoing an import ----

def _lines_csv(path, *lines):
    return _write(path, "Customer,Date,Amount\n" + "".join(f"{a},{d},{x}\n" for a, d, x in lines))


def test_undo_takes_back_an_import_and_nothing_of_the_others(con, tmp_path):
    first = ingest.import_file(con, _lines_csv(tmp_path / "a.csv", ("K1", "2024-03-05", 10), ("K2", "2024-03-06", 20),
                                               ("", "2024-03-07", 5)))
    second = ingest.import_file(con, _lines_csv(tmp_path / "b.csv", ("K2", "2024-04-01", 7), ("K3", "2024-04-02", 9)))
    version = store.data_version(con)
    done = undo.undo(con, first.import_id)
    # K1 had lines of the first file only: its record goes; K2 keeps its record for the second file's line
    assert (done.rows_removed, done.accounts_removed) == (2, 1)
    assert con.execute("SELECT account_id, amount FROM transactions ORDER BY 1").fetchall() == [("K2", 7.0), ("K3", 9.0)]
    assert [r[0] for r in con.execute("SELECT account_id FROM accounts ORDER BY 1").fetchall()] == ["K2", "K3"]
    assert con.execute("SELECT count(*) FROM rejects").fetchone()[0] == 0  # its one rejected row went too
    assert store.data_version(con) != version  # cached figures are read afresh
    assert con.execute("SELECT coalesce(note, '') FROM imports ORDER BY import_id").fetchall() == \
        [(store.UNDONE,), ("",)]
    again = ingest.import_file(con, tmp_path / "a.csv")  # the same file, imported anew
    assert (again.rows_loaded, again.same_as) == (2, None) and second.rows_loaded == 2


def test_undo_takes_the_later_imports_of_the_same_file_that_added_nothing_with_it(con, tmp_path):
    # a.csv twice (#2 finds its 2 lines present, its rejected row is #1's), b.csv, a.csv a third time (#4)
    a = _lines_csv(tmp_path / "a.csv", ("K1", "2024-03-05", 10), ("K2", "2024-03-06", 20), ("", "2024-03-07", 5))
    ingest.import_file(con, a)
    assert ingest.import_file(con, a).same_as == 1
    ingest.import_file(con, _lines_csv(tmp_path / "b.csv", ("K3", "2024-04-02", 9)))
    assert ingest.import_file(con, a).same_as == 1
    done = undo.undo(con, 1)
    assert (done.rows_removed, done.repeats) == (2, [2, 4])
    assert con.execute("SELECT import_id, coalesce(note, '') FROM imports ORDER BY 1").fetchall() == \
        [(1, store.UNDONE), (2, store.UNDONE), (3, ""), (4, store.UNDONE)]
    assert con.execute("SELECT account_id, amount FROM transactions").fetchall() == [("K3", 9.0)]
    assert con.execute("SELECT count(*) FROM rejects").fetchone()[0] == 0
    with pytest.raises(ValueError, match="was undone already"):
        undo.undo(con, 2)
    again = ingest.import_file(con, a)  # the file, imported anew: its lines load
    assert (again.import_id, again.rows_loaded, again.rows_rejected, again.same_as) == (5, 2, 1, None)
    assert undo.undo(con, 3).repeats == []  # b.csv came once


def test_undo_refuses_what_would_lose_lines_or_cannot_be_taken_back(con, tmp_path):
    ingest.import_file(con, _lines_csv(tmp_path / "a.csv", ("K1", "2024-03-05", 10), ("K2", "2024-03-06", 20)))
    # an overlapping export: K2's line was already present, so #2 did not add it again
    ingest.import_file(con, _lines_csv(tmp_path / "b.csv", ("K2", "2024-03-06", 20), ("K3", "2024-04-02", 9)))
    with pytest.raises(ValueError, match=r"#2 found some of its lines already present"):
        undo.undo(con, 1)
    assert con.execute("SELECT count(*) FROM transactions").fetchone()[0] == 3  # nothing changed
    undo.undo(con, 2)
    undo.undo(con, 1)
    assert con.execute("SELECT count(*) FROM transactions").fetchone()[0] == 0
    accounts = _write(tmp_path / "acc.csv", "客户编号,客户名称\nK1,甲\n")
    imp = ingest.import_file(con, accounts, "accounts")
    with pytest.raises(ValueError, match="updated account records in place"):
        undo.undo(con, imp.import_id)


def test_the_records_of_an_accounts_import_that_nothing_refers_to_can_be_removed(con, tmp_path):
    # lines for 88002, 88003 and 88004; the CRM's accounts file writes 0088002 and 0088003, C9,
    # a prospect with a contact but no lines yet, and 0077, a prospect with nothing yet (no other
    # account is 77); the corrected file then writes 88002 and 88003. Left over: #2's 0088002 and
    # 0088003 (88004 has lines, C9 a contact, 0077 is nobody else's id written another way)
    ingest.import_file(con, _lines_csv(tmp_path / "a.csv", ("88002", "2024-03-05", 10), ("88003", "2024-03-06", 20),
                                       ("88004", "2024-03-07", 5)))
    wrong = ingest.import_file(con, _write(tmp_path / "crm.csv", "客户编号,客户名称\n0088002,甲\n0088003,乙\n"
                                                                 "88004,丙\nC9,丁\n0077,戊\n"), "accounts")
    ingest.import_file(con, _write(tmp_path / "c.csv", "Customer ID,Name\nC9,张三\n"), "contacts")
    fixed = ingest.import_file(con, _write(tmp_path / "crm2.csv", "客户编号,客户名称\n88002,甲\n88003,乙\n"),
                               "accounts")
    left = undo.unused_accounts(con)
    assert left.values.tolist() == [["0088002", "甲", wrong.import_id], ["0088003", "乙", wrong.import_id]]
    assert undo.unused_accounts(con, fixed.import_id).empty
    with pytest.raises(ValueError, match=f"python -m kamp undo {wrong.import_id} --unused-accounts"):
        undo.undo(con, wrong.import_id)  # the way out is said where undo refuses
    assert undo.remove_unused_accounts(con, wrong.import_id) == ["0088002", "0088003"]
    assert sorted(r[0] for r in con.execute("SELECT account_id FROM accounts").fetchall()) == [
        "0077", "88002", "88003", "88004", "C9"]
    with pytest.raises(ValueError, match="holds no account record that nothing refers to"):
        undo.remove_unused_accounts(con, wrong.import_id)


def test_undo_is_held_back_only_by_the_imports_that_found_its_lines(con, tmp_path):
    ingest.import_file(con, _lines_csv(tmp_path / "a.csv", ("K1", "2024-03-05", 10), ("K2", "2024-03-06", 20)))
    ingest.import_file(con, _lines_csv(tmp_path / "b.csv", ("K5", "2024-05-01", 3), ("K6", "2024-05-02", 4)))
    # #3 repeats a line within its own file, and a line of #2: not one of #1's
    third = ingest.import_file(con, _lines_csv(tmp_path / "c.csv", ("K3", "2024-04-01", 7), ("K3", "2024-04-01", 7),
                                               ("K5", "2024-05-01", 3)))
    assert (third.rows_loaded, third.rows_present, third.found_in) == (1, 2, [2])
    with pytest.raises(ValueError, match=r"#3 found some of its lines already present"):
        undo.undo(con, 2)  # K5's line would be lost: #3 did not add it again
    done = undo.undo(con, 1)
    assert done.rows_removed == 2
    assert sorted(r[0] for r in con.execute("SELECT account_id FROM transactions").fetchall()) == ["K3", "K5", "K6"]


def test_an_amount_too_large_to_sum_is_rejected(con, tmp_path):
    # 1 with 400 zeros reads as infinity, and would make every total infinite
    text = ("Customer,Date,Amount,Quantity\n" + f"A1,2024-03-05,1{'0' * 400},1\n" + "A2,2024-03-05,-2000000000000000,1\n"
            "A3,2024-03-05,999999999999999,1\nA4,2024-03-05,10,1e16\nA5,2024-03-05,10,2\n")
    result = ingest.import_file(con, _write(tmp_path / "big.csv", text))
    assert (result.rows_loaded, result.rows_rejected) == (2, 3)
    assert con.execute("SELECT sum(amount) FROM transactions").fetchone()[0] == 999_999_999_999_999 + 10
    reasons = [r[0] for r in con.execute("SELECT reason FROM rejects ORDER BY src_row").fetchall()]
    assert reasons[1] == ("amount '-2000000000000000' is beyond 1,000,000,000,000,000 either way "
                          "(金额超出正负 1,000,000,000,000,000 的范围)")
    assert reasons[0].startswith("amount '1000000") and reasons[2].startswith("quantity '1e16' is beyond")


def test_dots_between_groups_of_three_are_thousands(con, tmp_path):
    # 1.000.000 can only be a million: so 1.234 is 1,234 in this column, as in a German export
    text = "Customer;Date;Amount\nA1;2024-03-05;1.234\nA2;2024-03-06;2.500\nA3;2024-03-07;1.000.000\n"
    ingest.import_file(con, _write(tmp_path / "de.csv", text))
    assert con.execute("SELECT account_id, amount FROM transactions ORDER BY 1").fetchall() == \
        [("A1", 1_234.0), ("A2", 2_500.0), ("A3", 1_000_000.0)]
    # and commas between groups of three are thousands the other way round
    text = "Customer;Date;Amount\nB1;2024-03-05;1,234\nB2;2024-03-06;2,500\nB3;2024-03-07;1,000,000\n"
    ingest.import_file(con, _write(tmp_path / "en.csv", text))
    assert con.execute("SELECT account_id, amount FROM transactions WHERE account_id LIKE 'B%' ORDER BY 1").fetchall() \
        == [("B1", 1_234.0), ("B2", 2_500.0), ("B3", 1_000_000.0)]


@pytest.mark.parametrize("machine_zone", ["UTC", "America/New_York", "Asia/Shanghai"])
def test_parquet_instants_read_as_the_clock_of_their_own_zone_on_any_machine(con, tmp_path, machine_zone):
    import pandas as pd

    stamps = pd.to_datetime(["2024-01-01 00:00", "2024-03-05 10:30"])
    path = tmp_path / "tz.parquet"
    pd.DataFrame({"Customer": ["A1", "A2"], "Date": stamps.tz_localize("Asia/Shanghai"),
                  "Paid": stamps.tz_localize("UTC"), "Amount": [10.0, 20.0]}).to_parquet(path)
    con.execute(f"SET TimeZone = '{machine_zone}'")  # the machine's own zone, which DuckDB would show them in
    ingest.import_file(con, path, overrides={"Paid": "-"})
    # midnight of New Year in Shanghai stays New Year's Day, as a CSV's 2024-01-01T00:00+08:00 reads
    assert [r[0] for r in con.execute("SELECT ts FROM transactions ORDER BY ts").fetchall()] == list(stamps)
    src = reading.preview(con, path).source
    assert src.zones == {"Date": "Asia/Shanghai", "Paid": "UTC"}


def test_a_parquet_column_of_lists_rejects_its_rows_with_the_values(con, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "nested.parquet"
    pq.write_table(pa.table({"Customer": ["A1", "A2"], "Date": ["2024-03-05", "2024-03-06"],
                             "Amount": pa.array([[1, 2], None]), "Tags": pa.array([{"a": 1}, {"a": 2}])}), path)
    result = ingest.import_file(con, path, overrides={"Amount": "amount"})
    assert (result.rows_loaded, result.rows_rejected) == (0, 2)
    assert con.execute("SELECT src_row, reason FROM rejects ORDER BY 1").fetchall() == [
        (1, "amount '[1, 2]' is not a number (金额不是数字)"),
        (2, "no amount and no quantity × unit price (缺少金额（或数量与单价）)")]


def test_a_sales_invoice_export_keeps_each_lines_invoice_number(con, tmp_path):
    # three lines on two invoices: 12345678 has two products, 12345679 one
    path = _write(tmp_path / "inv.csv", "客户编码,开票日期,发票号码,存货编码,数量,含税单价,金额,税额,价税合计\n"
                                        "0001,2024-03-01,12345678,P01,2,113,200,26,226\n"
                                        "0001,2024-03-01,12345678,P02,1,56.5,50,6.5,56.5\n"
                                        "0002,2024-03-02,12345679,P02,1,565,500,65,565\n")
    result = ingest.import_file(con, path, "transactions")
    assert result.mapping["发票号码"] == "invoice_id" and result.mapping["金额"] == "amount"
    assert con.execute("SELECT invoice_id, count(*), sum(amount) FROM transactions GROUP BY 1 ORDER BY 1").fetchall() == [
        ("12345678", 2, 250), ("12345679", 1, 500)]


def test_an_invoice_with_vat_is_owed_its_total_including_tax(con, tmp_path):
    # 1,000 before tax and 130 of VAT invoiced, 1,000 received: 130 is still owed
    from kamp import profitability

    path = _write(tmp_path / "ar.csv", "客户编码,客户名称,发票号码,开票日期,金额,税额,价税合计,应收款到期日,实收日期,实收金额\n"
                                       "88001,Acme,F001,2024-01-05,1000.00,130.00,1130.00,2024-02-04,2024-02-01,1000.00\n")
    result = ingest.import_file(con, path, "payments")
    assert result.mapping["价税合计"] == "amount" and "金额" not in result.mapping
    r = profitability.receivables(con, as_of="2024-03-31").set_index("account_id").loc["88001"]
    assert (r["invoiced"], r["outstanding"]) == (1130, 130)


def test_a_later_payments_export_updates_an_invoice_instead_of_adding_it_again(con, tmp_path):
    # July's export: OVL-1 (1,000) open, OVL-2 (500) paid. September's: OVL-1 paid since, OVL-2 the
    # same, OVL-3 (200) new. Counted once each: invoiced 1,700, open only OVL-3's 200 — where the
    # two files added together made 2,700 invoiced and OVL-1 both open and paid.
    from kamp import profitability, undo

    head = "Customer ID,Invoice No,Invoice Date,Amount,Due Date,Paid Date,Paid Amount\n"
    jul = _write(tmp_path / "jul.csv", head + "C1,OVL-1,2026-06-01,1000,2026-07-01,,\n"
                                              "C1,OVL-2,2026-06-05,500,2026-07-05,2026-06-30,500\n")
    sep = _write(tmp_path / "sep.csv", head + "C1,OVL-1,2026-06-01,1000,2026-07-01,2026-08-15,1000\n"
                                              "C1,OVL-2,2026-06-05,500,2026-07-05,2026-06-30,500\n"
                                              "C1,OVL-3,2026-08-01,200,2026-09-01,,\n")
    ingest.import_file(con, jul, "payments")
    later = ingest.import_file(con, sep, "payments")
    assert (later.rows_loaded, later.rows_present, later.superseded) == (2, 1, 1)

    def owed():
        r = profitability.receivables(con, as_of="2026-09-30").set_index("account_id").loc["C1"]
        return r["invoices"], r["invoiced"], r["outstanding"], r["overdue"]

    assert owed() == (3, 1700, 200, 200)
    assert store.holdings(con)["payments"] == 3
    undo.undo(con, later.import_id)  # July's version of OVL-1 is read again
    assert owed() == (2, 1500, 1000, 1000)


def test_a_later_contacts_export_updates_the_person_instead_of_adding_them_again(con, tmp_path):
    # 周测试 was the sponsor in May and is an anti-sponsor in August: one person, the later role,
    # and the account's contacts can still be edited (each name once)
    from kamp import people

    head = "Customer ID,Name,Title,Role,Influence,Attitude,Last Contact\n"
    ingest.import_file(con, _write(tmp_path / "may.csv", head + "C1,周测试,CIO,sponsor,4,1,2026-05-01\n"
                                                                "C1,李四,CFO,user,3,0,2026-05-02\n"), "contacts")
    aug = ingest.import_file(con, _write(tmp_path / "aug.csv", head + "C1,周测试,CIO,anti_sponsor,4,-2,2026-08-01\n"),
                             "contacts")
    assert aug.superseded == 1
    now = people.contacts(con, "C1", as_of="2026-09-30")
    assert sorted(zip(now["name"], now["role"])) == [("周测试", "anti_sponsor"), ("李四", "user")]
    people.save_contacts(con, "C1", now[["name", "title", "role", "influence", "attitude", "email", "phone",
                                         "last_contact"]], "tester")
    assert len(people.contacts(con, "C1", as_of="2026-09-30")) == 2


def test_new_ids_that_are_old_ones_but_for_leading_zeros_are_said(con, tmp_path):
    # the ERP writes 123, the CRM export 00123: two accounts, and the import says so, with examples;
    # 0099 has no twin, 7 none either
    ingest.import_file(con, _write(tmp_path / "erp.csv", "Customer ID,Date,Amount\n123,2024-03-05,10\n"
                                                         "45,2024-03-06,5\n7,2024-03-06,5\n"))
    crm = ingest.import_file(con, _write(tmp_path / "crm.csv", "Customer ID,Date,Amount\n00123,2024-04-05,10\n"
                                                               "0045,2024-04-06,5\n0099,2024-04-06,5\n"))
    assert (crm.zero_padded, crm.zero_padded_examples) == (2, [["00123", "123"], ["0045", "45"]])
    assert store.import_options(con, crm.import_id)["zero_padded"] == 2  # the Import page says it from the log
    both = ingest.import_file(con, _write(tmp_path / "one.csv", "Customer ID,Date,Amount\nA7,2024-03-05,1\n"
                                                                "0A7,2024-03-05,1\n"))
    assert both.zero_padded == 0  # not digits: not the same number written two ways


def test_contacts_payments_and_interactions_under_an_account_id_but_for_leading_zeros_are_said(con, tmp_path):
    # the order lines write 88001 and 88003, the CRM's contacts and the finance export 0088001 and
    # 088003: their rows go to no account, and each import says so; 0099 is no one's, and 88003
    # itself is no twin
    ingest.import_file(con, _write(tmp_path / "erp.csv", "Customer ID,Date,Amount\n88001,2024-03-05,10\n"
                                                         "88003,2024-03-06,5\n"))
    people = ingest.import_file(con, _write(tmp_path / "crm.csv", "Customer ID,Name\n0088001,张三\n0088001,李四\n"
                                                                  "88003,王五\n0099,赵六\n"), "contacts")
    assert (people.zero_padded, people.zero_padded_examples) == (1, [["0088001", "88001"]])
    assert store.import_options(con, people.import_id)["zero_padded"] == 1  # the Import page says it from the log
    money = ingest.import_file(con, _write(tmp_path / "fin.csv", "Customer ID,Invoice No,Invoice Date,Amount\n"
                                                                 "088001,F1,2024-03-10,10\n088003,F2,2024-03-10,5\n"),
                               "payments")
    assert (money.zero_padded, money.zero_padded_examples) == (2, [["088001", "88001"], ["088003", "88003"]])
    talks = ingest.import_file(con, _write(tmp_path / "log.csv", "Customer ID,Date,Type\n88001,2024-03-12,visit\n"),
                               "interactions")
    assert talks.zero_padded == 0  # written as the order lines write it


def test_a_corrected_accounts_file_is_not_warned_about_the_ids_it_corrects(con, tmp_path):
    # the lines write 88002 and 77; the CRM's accounts file 0088002 (warned), then, corrected,
    # 88002, which is no new id, and 0077, which is
    ingest.import_file(con, _write(tmp_path / "erp.csv", "Customer ID,Date,Amount\n88002,2024-03-05,10\n"
                                                         "77,2024-03-05,10\n"))
    first = ingest.import_file(con, _write(tmp_path / "crm.csv", "Customer ID,Name\n0088002,华东机械\n"), "accounts")
    assert (first.zero_padded, first.zero_padded_examples) == (1, [["0088002", "88002"]])
    fixed = ingest.import_file(con, _write(tmp_path / "crm2.csv", "Customer ID,Name\n88002,华东机械\n"), "accounts")
    assert (fixed.zero_padded, fixed.zero_padded_examples) == (0, [])
    more = ingest.import_file(con, _write(tmp_path / "crm3.csv", "Customer ID,Name\n88002,华东机械集团\n"
                                                                 "0077,华南贸易\n"), "accounts")
    assert (more.zero_padded, more.zero_padded_examples) == (1, [["0077", "77"]])


def test_an_id_without_the_zeros_a_known_account_has_is_said_too(con, tmp_path):
    # the accounts file writes 0042; a contact under 42 belongs to no account
    ingest.import_file(con, _write(tmp_path / "acc.csv", "Customer ID,Name\n0042,华东机械\n"), "accounts")
    people = ingest.import_file(con, _write(tmp_path / "crm.csv", "Customer ID,Name\n42,张三\n"), "contacts")
    assert (people.zero_padded, people.zero_padded_examples) == (1, [["42", "0042"]])


def test_one_person_twice_in_a_contacts_file_is_the_last_row(con, tmp_path):
    # 张三 as 经理 and then as 总监 for H1: one contact, the 总监 (the later row), the first row counted
    # as present; the account's contacts can be saved as they are shown
    from kamp import people

    head = "Customer ID,Name,Title,Role,Influence,Attitude\n"
    result = ingest.import_file(con, _write(tmp_path / "k1.csv", head + "H1,张三,经理,user,4,1\nH1,张三,总监,user,4,1\n"
                                                                       "H1,李四,CFO,user,3,0\n"), "contacts")
    assert (result.rows_loaded, result.rows_present, result.repeated_ids) == (2, 1, 1)
    now = people.contacts(con, "H1")
    assert sorted(zip(now["name"], now["title"])) == [("张三", "总监"), ("李四", "CFO")]
    people.save_contacts(con, "H1", now[["name", "title", "role", "influence", "attitude", "email", "phone",
                                         "last_contact"]], "tester")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8", "gb18030"])
def test_the_rows_of_a_text_file_are_estimated_near_their_count_in_any_encoding(con, tmp_path, encoding):
    # 200 rows of one length under the header, Windows line ends: about 200, not twice that in UTF-16
    rows = "".join(f"K{i:03d}\t2024-03-05\t客户{i:03d}\t{i:03d}.00\r\n" for i in range(200))
    path = tmp_path / "erp.txt"
    path.write_bytes(("Customer ID\tOrder Date\tCustomer Name\tAmount\r\n" + rows).encode(encoding))
    assert 195 <= reading.preview(con, path).source.est_rows <= 205
