"""The Import data page as a user goes through it, headless (AppTest) on a database of its own:
what it reads of a file, what it asks before the import, what it keeps across a language switch."""
from __future__ import annotations

import duckdb
import pandas as pd
from pagetest import open_page_on, switch_language

from kamp import i18n, ingest, schema, store


def _database(tmp_path, *files: tuple[str, str]):
    """A database holding an import of each (name, CSV text) of ``files``, in turn."""
    db = tmp_path / "kamp.duckdb"
    con = store.connect(db)
    try:
        for name, text in files:
            (tmp_path / name).write_text(text, encoding="utf-8")
            ingest.import_file(con, tmp_path / name)
    finally:
        con.close()
    return db


def _upload(at, name: str, data: bytes):
    at.file_uploader(key="upload").set_value((name, data, "")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_date_order_an_earlier_file_showed_reads_the_next_file_of_its_headers(tmp_path, monkeypatch):
    # March's export shows month first (05/13); August's cannot (08/01, 08/02): read as March's was.
    db = _database(tmp_path, ("march.csv", "客户编号,订单日期,金额\nK1,03/05/2024,10\nK1,05/13/2024,20\n"))
    at = _upload(open_page_on("pages/import_data.py", db, monkeypatch, "zh"), "august.csv",
                 "客户编号,订单日期,金额\nK2,08/01/2024,30\nK2,08/02/2024,40\n".encode())
    order = at.radio(key="order")
    assert order.value == "auto"
    assert order.options[0] == "按此表头组合保存的顺序：月在前（5月3日）"
    assert [i.value for i in at.info] == [i18n.t("import.date_saved_help", "zh")]
    assert not at.warning  # not merely assumed
    assert list(at.dataframe[1].value["订单日期"]) == [pd.Timestamp(2024, 8, 1), pd.Timestamp(2024, 8, 2)]
    order.set_value("day").run()  # chosen on the page: that wins
    assert list(at.dataframe[1].value["订单日期"]) == [pd.Timestamp(2024, 1, 8), pd.Timestamp(2024, 2, 8)]
    order.set_value("auto").run()
    at.button(key="confirm").click().run()
    with duckdb.connect(str(db)) as con:
        assert con.execute("SELECT min(ts), max(ts) FROM transactions WHERE account_id = 'K2'").fetchone() == \
            (pd.Timestamp(2024, 8, 1), pd.Timestamp(2024, 8, 2))


def test_a_web_page_saved_as_a_workbook_is_refused_on_upload(tmp_path, monkeypatch):
    db = _database(tmp_path)
    page = ("\ufeff\n<!DOCTYPE html>\n<html><body><table><tr><td>客户编号</td><td>订单日期</td><td>金额</td></tr>"
            "<tr><td>K1</td><td>2024-03-05</td><td>10</td></tr></table></body></html>\n")
    at = _upload(open_page_on("pages/import_data.py", db, monkeypatch, "zh"), "销售明细.xlsx", page.encode())
    assert [e.value for e in at.error] == ["未导入任何数据。销售明细.xlsx 是以表格文件名保存的网页（HTML），不是 Excel 工作簿或 CSV "
                                           "文件：请用 Excel 打开，另存为 Excel 工作簿（.xlsx）或 CSV 后再导入"]
    assert not at.dataframe and not [b for b in at.button if b.key == "confirm"]  # no <tr><td> shown as data


def test_a_language_switch_keeps_the_file_its_kind_and_the_mapping_as_edited(tmp_path, monkeypatch):
    at = open_page_on("pages/import_data.py", _database(tmp_path), monkeypatch, "zh")
    at.selectbox(key="kind").select_index(list(schema.KINDS).index("accounts")).run()
    _upload(at, "客户.csv", "客户编号,客户名称,备注\nK1,甲公司,制造\n".encode())
    table = at.data_editor[0]
    assert list(table.value["field"]) == ["客户编号 *", "客户名称", "— 不导入 —"]
    at.session_state[table.key] = {"edited_rows": {"2": {"field": "行业"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    switch_language(at, "en", monkeypatch)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Import data"
    assert at.selectbox(key="kind~1").value == "accounts"
    assert list(at.data_editor[0].value["field"]) == ["account id *", "name", "industry"]  # in English
    assert list(at.dataframe[1].value["industry"]) == ["制造"]  # read as edited
    assert not at.button(key="confirm").disabled


def test_a_language_switch_keeps_the_summary_of_the_import(tmp_path, monkeypatch):
    db = _database(tmp_path)
    at = _upload(open_page_on("pages/import_data.py", db, monkeypatch, "zh"), "订单.csv",
                 "客户编号,订单日期,金额\nK1,2024-03-05,10\nK2,2024-03-06,20\n".encode())
    at.button(key="confirm").click().run()
    assert i18n.t("import.done", "zh", file="订单.csv") in [h.value for h in at.subheader]
    switch_language(at, "en", monkeypatch)
    assert not at.exception, [e.value for e in at.exception]
    assert "Imported 订单.csv" in [h.value for h in at.subheader]  # the summary, now in English
    assert {m.label: m.value for m in at.metric}["Loaded"] == "2"
    with duckdb.connect(str(db)) as con:
        assert con.execute("SELECT count(*) FROM imports").fetchone() == (1,)


def test_a_file_fitting_another_kind_better_is_not_imported_as_order_lines_until_the_kind_is_chosen(
        tmp_path, monkeypatch, fixtures):
    db = _database(tmp_path)
    at = _upload(open_page_on("pages/import_data.py", db, monkeypatch, "zh"), "payments.csv",
                 (fixtures / "payments.csv").read_bytes())
    assert [w.value for w in at.warning] == [
        "导入前请先选择文件类型：此文件的列更符合“回款 / 应收”而不是“交易（订单行）”，按错误的类型导入，其金额会被计为销售额。"
        "请作为“回款 / 应收”导入；如果它确实是“交易（订单行）”，请保留“交易（订单行）”。"]
    assert at.button(key="confirm").disabled
    at.button(key="keep_kind").click().run()  # order lines, as the user says
    assert not at.warning and not at.button(key="confirm").disabled
    at.button(key="confirm").click().run()
    with duckdb.connect(str(db)) as con:
        assert con.execute("SELECT kind FROM imports").fetchall() == [("transactions",)]
    # the next payments export is asked about again: the choice was for the file before
    _upload(at, "payments_2.csv", (fixtures / "payments.csv").read_bytes() + b"\n")
    assert len(at.warning) == 1 and at.button(key="confirm").disabled
