"""A bad value entered on a page in Chinese is explained in Chinese: the scorecard's criteria,
an account's contacts, the coverage table and a file the import page cannot take, headless
(AppTest) on a copy of the demo database.

The expected sentences are written out from the translation table's wording; the criterion's
Chinese name comes from the bundled templates file, the contact from the account's contacts."""
import csv
import re
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from pagetest import open_page
from streamlit.testing.v1 import AppTest

from kamp import i18n, schema

ROOT = Path(__file__).resolve().parent.parent
# An English sentence of the library's messages: a few English words in a row.
ENGLISH = re.compile(r"[A-Za-z]+ [a-z]+ [a-z]+")


@pytest.fixture
def db(demo_copy) -> Path:
    return demo_copy


def _run(page: str, **query) -> AppTest:
    return open_page(page, "zh", **query)


def test_a_weight_of_11_is_explained_in_chinese(db):
    with open(ROOT / "kamp" / "scorecard_templates.csv", encoding="utf-8") as f:
        first = next(r for r in csv.DictReader(f) if r["template"] == "Key-account selection")
    assert first["criterion_zh"] == "市场领导"
    at = _run("pages/scorecards.py")
    assert at.selectbox(key="card_template").value == "Key-account selection"
    at.session_state["criteria_Key-account selection"] = {"edited_rows": {"0": {"weight": 11}}, "added_rows": [],
                                                          "deleted_rows": []}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [e.value for e in at.error]
    assert shown == ["评分标准有误：评分标准“市场领导”：权重“11”不是 1–10 的整数"]
    assert not ENGLISH.search(shown[0])


def test_a_bad_contact_is_explained_in_chinese(db):
    with duckdb.connect(str(db)) as con:
        account = con.execute("SELECT account_id FROM contacts GROUP BY 1 HAVING count(*) >= 2 ORDER BY 1 LIMIT 1"
                              ).fetchone()[0]
        before = con.execute("SELECT count(*) FROM contacts WHERE account_id = ?", [account]).fetchone()[0]
    at = _run("pages/account.py", account=account)
    key = f"contacts_editor.{account}.0"
    name = at.data_editor(key=key).value["name"].iloc[1]
    at.session_state[key] = {"edited_rows": {"1": {"influence": 7}}, "added_rows": [], "deleted_rows": []}
    at.run()
    next(b for b in at.button if b.label == i18n.t("people.save", "zh")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [e.value for e in at.error]
    assert shown == [f"未保存任何内容 —— 第 2 行（{name}）：影响力“7”不是 1…5 之间的整数"]
    assert not ENGLISH.search(shown[0].replace(name, ""))
    with duckdb.connect(str(db)) as con:  # nothing was saved
        assert con.execute("SELECT count(*) FROM contacts WHERE account_id = ?", [account]).fetchone()[0] == before
        assert con.execute("SELECT count(*) FROM contact_history").fetchone()[0] == 0


def test_bad_coverage_hours_are_explained_in_chinese(db):
    at = _run("pages/coverage.py")
    tier = at.data_editor(key="cov_models").value["tier"].iloc[0]
    at.session_state["cov_models"] = {"edited_rows": {"0": {"hours_per_account": 9000}}, "added_rows": [],
                                      "deleted_rows": []}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    # the table holds hours as decimals, so the value shows as 9000.0
    problem = f"{tier}：每客户小时数必须是 0 到 8,760 之间的数字，而不是“9000.0”"
    assert [e.value for e in at.error] == [i18n.t("coverage.bad_models", "zh", error=problem)]
    assert "hours per account" not in at.error[0].value


# ---------------------------------------------------------------- the import page

def _imports(db: Path) -> int:
    with duckdb.connect(str(db)) as con:
        return con.execute("SELECT count(*) FROM imports").fetchone()[0]


def test_a_file_with_a_line_that_is_not_utf8_is_explained_in_chinese(db):
    # 15,000 plain rows (285,000 bytes: past the sample the encoding is judged by), then line 15,002
    data = b"Customer ID,Date,Amount\n" + b"K1,2024-03-05,1.00\n" * 15_000 + b"K2,2024-03-06,\xff\xfe2.00\n"
    before = _imports(db)
    at = _run("pages/import_data.py")
    at.file_uploader(key="upload").set_value(("sales.csv", data, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [e.value for e in at.error]
    assert shown == ["未导入任何数据。sales.csv：第 15,002 行不是有效的 UTF-8 文本，请将文件另存为 UTF-8 CSV 后重试"]
    assert not ENGLISH.search(shown[0])
    assert _imports(db) == before


def test_a_file_with_a_header_and_no_rows_is_explained_in_chinese_on_import(db, fixtures):
    before = _imports(db)
    at = _run("pages/import_data.py")
    at.file_uploader(key="upload").set_value(
        ("header_only.csv", (fixtures / "header_only.csv").read_bytes(), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not [b for b in at.button if b.key == "confirm"]  # said before anything is confirmed
    shown = [e.value for e in at.error]
    assert shown == ["未导入任何数据。header_only.csv：文件只有表头，没有数据行"]
    assert not ENGLISH.search(shown[0])
    assert _imports(db) == before


def test_the_same_file_twice_is_said_in_chinese(db, fixtures):
    data = (fixtures / "sales_tab.tsv").read_bytes()
    at = _run("pages/import_data.py")
    at.file_uploader(key="upload").set_value(("sales_tab.tsv", data, "text/tab-separated-values")).run()
    at.button(key="confirm").click().run()
    first = duckdb.connect(str(db)).execute(
        "SELECT import_id, strftime(finished_at, '%Y-%m-%d %H:%M') FROM imports ORDER BY import_id DESC LIMIT 1"
    ).fetchone()
    at.file_uploader(key="upload").set_value(("sales_tab.tsv", data, "text/tab-separated-values")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not [b for b in at.button if b.key == "confirm"]  # said on upload: nothing to confirm
    assert [i.value for i in at.info] == [f"与 {first[1]} 的第 {first[0]} 次导入是同一个文件：未添加任何数据。"
                                          f"如需换一种映射或日期顺序重新读取，请先在“导入记录”页撤销第 {first[0]} 次导入。"]


def test_contacts_under_a_known_id_with_leading_zeros_are_said_in_chinese(db, tmp_path):
    from kamp import ingest, store

    (tmp_path / "lines.csv").write_text("Customer ID,Date,Amount\n88001,2024-03-05,10\n", encoding="utf-8")
    con = store.connect(db)
    ingest.import_file(con, tmp_path / "lines.csv")
    con.close()
    at = _run("pages/import_data.py")
    at.selectbox(key="kind").set_value("contacts").run()
    at.file_uploader(key="upload").set_value(
        ("crm.csv", "Customer ID,Name\n0088001,张三\n0088001,李四\n".encode(), "text/csv")).run()
    at.button(key="confirm").click().run()
    assert not at.exception and not at.error, [e.value for e in at.exception or at.error]
    assert [w.value for w in at.warning] == [
        "本文件中 1 个客户编号不属于任何已有客户，但与已有编号仅相差开头的 0（0088001 · 88001），可能是同一客户在不同系统中"
        "的不同写法。这些行目前不会显示在任何客户页面上；如需合并，请在“导入记录”页撤销本次导入，按订单行的编号写法统一后重新导入。"]


def test_an_import_summary_is_not_shown_under_the_next_file(db, fixtures):
    at = _run("pages/import_data.py")
    at.file_uploader(key="upload").set_value(
        ("sales_tab.tsv", (fixtures / "sales_tab.tsv").read_bytes(), "text/tab-separated-values")).run()
    at.button(key="confirm").click().run()
    done = i18n.t("import.done", "zh", file="sales_tab.tsv")
    assert done in [h.value for h in at.subheader]
    at.run()  # any later rerun (a click elsewhere) keeps the summary, and offers no second import
    assert done in [h.value for h in at.subheader] and not at.info
    assert not [b for b in at.button if b.key == "confirm"]
    at.file_uploader(key="upload").set_value(
        ("sales_semicolon.csv", (fixtures / "sales_semicolon.csv").read_bytes(), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert done not in [h.value for h in at.subheader]  # the new file is not imported yet
    assert not at.button(key="confirm").disabled


def test_a_workbook_is_read_once_per_sheet_and_date_order_however_often_the_page_reruns(db, tmp_path, monkeypatch):
    from openpyxl import Workbook

    from kamp import reading

    wb = Workbook()
    wb.active.title = "说明"  # an empty cover sheet first
    orders = wb.create_sheet("订单")
    orders.append(["客户编号", "订单日期", "金额"])
    for i in range(1, 31):  # 01/05/2024 … 12/05/2024: each reads either way round
        orders.append([f"X{i % 3}", f"{i % 12 + 1:02d}/05/2024", "abc" if i == 2 else f"¥{i},000.50"])
    wb.save(tmp_path / "book.xlsx")
    reads = []
    real = reading.preview
    monkeypatch.setattr(reading, "preview", lambda *a, **k: reads.append(k.get("sheet")) or real(*a, **k))
    before = _imports(db)

    at = _run("pages/import_data.py")
    at.file_uploader(key="upload").set_value(("book.xlsx", (tmp_path / "book.xlsx").read_bytes(), "")).run()
    assert not at.exception and not at.error, [e.value for e in at.exception or at.error]
    sheet = next(s for s in at.selectbox if s.options == ["说明", "订单"])
    assert sheet.value == "订单"  # the empty cover is passed over: the orders are shown first
    sheet.set_value("说明").run()  # chosen anyway, it says it is empty, and the others stay within reach
    assert [e.value for e in at.error] == ["未导入任何数据。book.xlsx：工作表“说明”是空的；现有的工作表：说明、订单"]
    next(s for s in at.selectbox if s.options == ["说明", "订单"]).set_value("订单").run()
    assert not at.exception and not at.error, [e.value for e in at.exception or at.error]
    assert at.metric[3].value == "30"  # rows the sheet holds under its header
    assert list(at.dataframe[-1].value.columns) == ["客户编号", "订单日期", "金额"]  # as in the file
    read = at.dataframe[-2].value  # as they will be imported: day first, decided from the data
    assert list(read.columns) == ["拒绝原因", "客户编号", "订单日期", "金额"]  # the reasons first
    assert list(read["订单日期"][:3]) == [pd.Timestamp(2024, 5, 2), pd.Timestamp(2024, 5, 3), pd.Timestamp(2024, 5, 4)]
    assert list(read["金额"][:3].fillna(-1)) == [1000.5, -1, 3000.5]
    assert list(read["拒绝原因"][:3]) == ["", "金额“abc”不是数字", ""]  # in the page's language

    at.radio(key="order").set_value("month").run()
    read = at.dataframe[-2].value
    assert list(read["订单日期"][:3]) == [pd.Timestamp(2024, 2, 5), pd.Timestamp(2024, 3, 5), pd.Timestamp(2024, 4, 5)]
    at.radio(key="order").set_value("auto").run()  # and back: read before, not again
    at.radio(key="order").set_value("month").run()
    assert not at.exception, [e.value for e in at.exception]
    # the orders, the cover, then the orders month first: once each
    assert reads == ["订单", "说明", "订单"]

    at.button(key="confirm").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [m.value for m in at.metric[-4:]] == ["30", "29", "1", "0"]  # read, loaded, rejected, present
    counted, listed = at.dataframe[-2].value, at.dataframe[-1].value  # the rejected row: counted, then shown
    assert counted.values.tolist() == [["金额不是数字", 1]]
    assert listed[["row", "reason"]].values.tolist() == [[3, "金额“abc”不是数字"]]  # i = 2, below the header
    assert "新增 3 个客户（此前没有他们的订单行）。" in [c.value for c in at.caption]  # X0, X1, X2
    assert _imports(db) == before + 1
    with duckdb.connect(str(db)) as con:  # stored month first, as the preview showed
        assert con.execute("SELECT min(ts), max(ts) FROM transactions WHERE account_id IN ('X0', 'X1', 'X2')"
                           ).fetchone() == (datetime(2024, 1, 5), datetime(2024, 12, 5))


def test_a_payments_export_uploaded_as_order_lines_is_pointed_to_payments(db, fixtures):
    at = _run("pages/import_data.py")
    assert at.selectbox(key="kind").value == "transactions"
    assert at.caption[1].value.startswith("必需列：客户编号、订单日期、金额（或数量与单价）。可选列：订单号、")
    at.file_uploader(key="upload").set_value(
        ("payments.csv", (fixtures / "payments.csv").read_bytes(), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [i.value for i in at.info] == ["此文件的列更符合“回款 / 应收”：可识别 7 列中的 7 列，而作为“交易（订单行）”只识别 4 列。"]
    at.button(key="switch_kind").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="kind").value == "payments" and not at.info
    assert at.caption[1].value.startswith("必需列：客户编号、发票号、开票日期、金额。可选列：到期日、回款日期、")
    before = _imports(db)
    at.button(key="confirm").click().run()
    assert not at.exception and not at.error, [e.value for e in at.exception or at.error]
    with duckdb.connect(str(db)) as con:
        assert con.execute("SELECT kind FROM imports ORDER BY import_id DESC LIMIT 1").fetchone()[0] == "payments"
    assert _imports(db) == before + 1


def test_what_a_file_still_lacks_is_listed_in_chinese_without_the_required_marks(db):
    # The accounts workbook read as order lines: it has the account id, and neither a date nor
    # an amount, nor the quantity and unit price the amount could be worked out from.
    at = _run("pages/import_data.py")
    at.file_uploader(key="upload").set_value(
        ("accounts.xlsx", (ROOT / "data" / "samples" / "accounts.xlsx").read_bytes(), "")).run()
    assert not at.exception, [e.value for e in at.exception]
    warnings = [w.value for w in at.warning]
    assert "仍缺少：订单日期、金额（或数量与单价）" in warnings
    assert any("更符合“客户”" in w for w in warnings)  # and the kind it fits better, before it is imported


def test_a_workbook_date_column_shows_its_example_dates_as_dates(db, tmp_path):
    # Excel keeps a date as a serial number (45356 is 5 March 2024, 09:47 is 0.40764 of a day)
    # with a date format: the mapping's examples show the dates Excel shows, whether or not the
    # column is read as a date.
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["客户编号", "订单日期", "金额", "到期"])
    wb.active.append(["X1", datetime(2024, 3, 5, 9, 47), 100.5, datetime(2024, 4, 1)])
    wb.active.append(["X2", datetime(2024, 3, 6), 200, datetime(2024, 4, 2)])
    wb.save(tmp_path / "dates.xlsx")
    at = _run("pages/import_data.py")
    at.file_uploader(key="upload").set_value(("dates.xlsx", (tmp_path / "dates.xlsx").read_bytes(), "")).run()
    assert not at.exception and not at.error, [e.value for e in at.exception or at.error]
    shown = at.dataframe[0].value  # the mapping, a column of the file per row
    examples = dict(zip(shown["column"], shown["example"]))
    assert examples["订单日期"] == "2024-03-05 09:47:00, 2024-03-06"
    assert examples["到期"] == "2024-04-01, 2024-04-02"  # not mapped to a date field


def test_a_report_row_running_over_a_column_edge_gives_no_example_values(db):
    # 超长的产品名称很长 fills columns 10–27, past where 区域 starts (23): its 很长 is no region
    text = ("客户编号  产品名称      区域  订单日期        金额\n"
            "--------  ------------  ----  ----------  --------\n"
            "C001      办公椅        华东  2024-01-05    100.00\n"
            "C002      超长的产品名称很长  2024-01-06     20.00\n"
            "C003      台灯          华北  2024-01-08      5.00\n"
            "C004      文件柜        西南  2024-01-09     30.00\n"
            "C005      台灯          华中  2024-01-10      5.00\n")
    at = _run("pages/import_data.py")
    at.file_uploader(key="upload").set_value(("report.txt", text.encode("gbk"), "")).run()
    assert not at.exception and not at.error, [e.value for e in at.exception or at.error]
    shown = at.dataframe[0].value
    assert dict(zip(shown["column"], shown["example"]))["区域"] == "华东, 华北, 西南"


def test_a_column_hidden_in_excel_is_marked_in_the_mapping_and_left_to_the_shown_one(db, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    for row in (["订单日期", "客户", "客户\n编码", "金额"], ["2024-03-05", "K001", "88001", 100]):
        wb.active.append(row)
    wb.active.column_dimensions["B"].hidden = True  # 客户: the old codes
    wb.save(tmp_path / "erp.xlsx")
    at = _run("pages/import_data.py")
    at.file_uploader(key="upload").set_value(("erp.xlsx", (tmp_path / "erp.xlsx").read_bytes(), "")).run()
    assert not at.exception and not at.error, [e.value for e in at.exception or at.error]
    shown = at.dataframe[0].value
    assert shown["hidden"].tolist() == [False, True, False, False]
    assert dict(zip(shown["column"], shown["field"])) == {"订单日期": "订单日期 *", "客户": "— 不导入 —",
                                                          "客户编码": "客户编号 *", "金额": "金额"}  # on one line


def test_the_date_order_is_asked_only_when_a_date_depends_on_it(db):
    # 2024-03-05 reads one way whatever the order; 05/03/2024 is 5 March or 3 May.
    def upload(name, dates):
        at = _run("pages/import_data.py")
        rows = "\n".join(f"K{i},{d},{i}00" for i, d in enumerate(dates, 1))
        at.file_uploader(key="upload").set_value((name, f"客户编号,订单日期,金额\n{rows}\n".encode(), "text/csv")).run()
        assert not at.exception and not at.error, [e.value for e in at.exception or at.error]
        return at

    iso = upload("iso.csv", ["2024-03-05", "2024-03-06 09:47"])
    assert not [r for r in iso.radio if r.key == "order"]
    assert list(iso.dataframe[1].value["订单日期"]) == [pd.Timestamp(2024, 3, 5), pd.Timestamp(2024, 3, 6, 9, 47)]
    slashed = upload("slashed.csv", ["05/03/2024", "06/03/2024"])
    order = slashed.radio(key="order")
    assert order.value == "auto"
    # no day above 12: the order is only assumed, and that is said, where the data shows it is not
    assert order.options[0] == i18n.t("import.date_assumed", "zh", choice=i18n.t("import.dayfirst", "zh"))
    assert [w.value for w in slashed.warning] == [i18n.t("import.date_assumed_help", "zh")]
    assert list(slashed.dataframe[1].value["订单日期"]) == [pd.Timestamp(2024, 3, 5), pd.Timestamp(2024, 3, 6)]
    order.set_value("month").run()
    assert list(slashed.dataframe[1].value["订单日期"]) == [pd.Timestamp(2024, 5, 3), pd.Timestamp(2024, 6, 3)]
    assert not slashed.warning  # chosen
    told = upload("told.csv", ["05/03/2024", "25/03/2024"])  # a 25th: day first, from the data
    assert told.radio(key="order").options[0] == i18n.t("import.date_auto", "zh", choice=i18n.t("import.dayfirst", "zh"))
    assert not told.warning


def test_a_reports_title_above_its_header_is_passed_over_and_said_so(db):
    # A GB18030 report: title, export time and an empty line above the header on line 4;
    # K1 on 5, K2 with 31 February on 6, K1 on 7, the totals row (no date) on 8.
    text = ("2024年销售明细表\n导出时间：2024-12-31 18:00\n\n客户编号,客户名称,订单日期,金额\n"
            "K1,甲公司,2024-03-05,100.00\nK2,乙公司,2024-02-31,20.00\nK1,甲公司,2024-03-07,50.50\n合计,,,170.50\n")
    at = _run("pages/import_data.py")
    at.file_uploader(key="upload").set_value(("report.csv", text.encode("gb18030"), "text/csv")).run()
    assert not at.exception and not at.error, [e.value for e in at.exception or at.error]
    assert "表头在第 4 行：上方的内容（标题或说明）不导入。" in [c.value for c in at.caption]
    assert not [c for c in at.caption if c.value.startswith("按表头中的单位")]  # 金额 is in yuan
    assert list(at.dataframe[0].value["column"]) == ["客户编号", "客户名称", "订单日期", "金额"]
    before = _imports(db)
    at.button(key="confirm").click().run()
    assert not at.exception and not at.error, [e.value for e in at.exception or at.error]
    assert _imports(db) == before + 1
    with duckdb.connect(str(db)) as con:
        assert con.execute("SELECT rows_read, rows_loaded, rows_rejected FROM imports ORDER BY import_id DESC "
                           "LIMIT 1").fetchone() == (4, 2, 2)
        assert con.execute("SELECT src_row FROM rejects WHERE import_id = (SELECT max(import_id) FROM imports) "
                           "ORDER BY src_row").fetchall() == [(6,), (8,)]


def test_an_old_excel_workbook_imports_from_the_page(db, tmp_path):
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    wb.add_sheet("说明").write(0, 0, "由 ERP 导出")
    ws = wb.add_sheet("销售明细")
    for i, row in enumerate([["2024年销售明细表"], ["客户编号", "订单日期", "金额"], ["K1", "2024-03-05", 100],
                             ["K2", "2024-03-06", 20.5]]):
        for j, value in enumerate(row):
            ws.write(i, j, value)
    wb.save(str(tmp_path / "report.xls"))
    at = _run("pages/import_data.py")
    at.file_uploader(key="upload").set_value(("report.xls", (tmp_path / "report.xls").read_bytes(), "")).run()
    assert not at.exception and not at.error, [e.value for e in at.exception or at.error]
    sheet = next(s for s in at.selectbox if s.options == ["说明", "销售明细"])
    assert sheet.value == "销售明细"  # the notes sheet in front is passed over
    assert at.metric[0].value == "XLS" and at.metric[3].value == "2"
    assert "表头在第 2 行：上方的内容（标题或说明）不导入。" in [c.value for c in at.caption]
    before = _imports(db)
    at.button(key="confirm").click().run()
    assert not at.exception and not at.error, [e.value for e in at.exception or at.error]
    assert _imports(db) == before + 1
    with duckdb.connect(str(db)) as con:
        assert con.execute("SELECT file_name, rows_loaded FROM imports ORDER BY import_id DESC LIMIT 1").fetchone() \
            == ("report.xls", 2)
        assert con.execute("SELECT sum(amount) FROM transactions WHERE account_id IN ('K1', 'K2')").fetchone()[0] \
            == 120.5


def test_amounts_in_ten_thousands_are_said_to_be_read_in_yuan(db):
    at = _run("pages/import_data.py")
    at.file_uploader(key="upload").set_value(
        ("wan.csv", "客户编号,订单日期,销售额(万元)\nK1,2024-03-05,1.2\n".encode(), "text/csv")).run()
    assert not at.exception and not at.error, [e.value for e in at.exception or at.error]
    assert "按表头中的单位换算为元：销售额(万元) × 10,000。" in [c.value for c in at.caption]
    assert list(at.dataframe[1].value["金额"]) == [12_000.0]  # the preview shows what will be stored



def test_an_account_given_twice_is_said(db):
    data = "客户编号,客户名称,行业\nZ1,甲,零售\nZ2,乙,电信\nZ1,甲公司,金融\n".encode("utf-8")
    at = _run("pages/import_data.py")
    at.selectbox(key="kind").select_index(list(schema.KINDS).index("accounts")).run()
    at.file_uploader(key="upload").set_value(("accounts_twice.csv", data, "text/csv")).run()
    at.button(key="confirm").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "1 个客户编号出现在多行且内容不同：每个编号保留最后一行，之前的行计为已存在。" in [i.value for i in at.info]
    assert duckdb.connect(str(db)).execute("SELECT name FROM accounts WHERE account_id = 'Z1'").fetchone() == ("甲公司",)


def test_a_file_whose_every_row_is_rejected_is_said_to_have_loaded_nothing(tmp_path, monkeypatch):
    from kamp import ingest, store

    (tmp_path / "a.csv").write_text("account id,date,amount\nK1,2024-03-05,10\n", encoding="utf-8")
    con = store.connect(tmp_path / "kamp.duckdb")
    ingest.import_file(con, tmp_path / "a.csv")  # import #1: the database is not empty
    con.close()
    monkeypatch.setenv("KAMP_DB", str(tmp_path / "kamp.duckdb"))
    # six lines, every one dated in 2099: after today, each rejected
    rows = "".join(f"G{i},2099-01-{i + 1:02d},{10 + i},I{i},P1\n" for i in range(6))
    lang, title = "zh", "未从 g.csv 载入任何数据"
    said = ("g.csv 的每一行都被拒绝，未载入任何数据：原因见下方。若要以其他方式（其他映射或日期顺序）重新导入，请先在“导入记录”页"
            "撤销第 2 次导入。")
    at = open_page("pages/import_data.py", lang)
    at.file_uploader(key="upload").set_value(
        ("g.csv", ("account id,date,amount,invoice id,product\n" + rows).encode(), "text/csv")).run()
    at.button(key="confirm").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert title in [h.value for h in at.subheader]
    assert i18n.t("import.done", lang, file="g.csv") not in [h.value for h in at.subheader]
    assert [w.value for w in at.warning] == [said]
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics[i18n.t("import.rows_loaded", lang)], metrics[i18n.t("import.rows_rejected", lang)]) == ("0", "6")
