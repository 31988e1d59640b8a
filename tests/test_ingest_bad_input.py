"""File-level problems: one clear ImportFailed naming the file, and the database unchanged."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kamp import ingest, reading, store
from kamp.sources import ImportFailed


def _gb18030_text(rows: int = 12) -> bytes:
    lines = ["客户编号,订单日期,金额,客户名称"] + [f"C{i:03d},2024/3/{i % 28 + 1},{i}.00,华东机械有限公司{i}"
                                            for i in range(1, rows + 1)]
    return ("\n".join(lines) + "\n").encode("gb18030")


def _late_bad_utf8() -> bytes:
    """300 KB of plain ASCII rows, then a row with bytes that are not UTF-8 (past the 256 KB sample)."""
    lines = ["Customer ID,Date,Amount"]
    size, i = len(lines[0]) + 1, 0
    while size < 300 * 1024:
        i += 1
        lines.append(f"K{i % 50},2024-03-{i % 28 + 1:02d},{i}.00")
        size += len(lines[-1]) + 1
    return ("\n".join(lines) + "\n").encode("ascii") + b"K1,2024-03-05,\xff\xfe9.00\nK2,2024-03-06,5.00\n"


def _make(tmp_path: Path, fixtures: Path, case: str) -> tuple[Path, dict]:
    """The bad file for ``case`` and the options to import it with."""
    if case in ("no_date_column.csv", "empty.csv", "header_only.csv", "binary.bin"):
        return fixtures / case, {}
    if case == "late_bad_utf8.csv":
        p = tmp_path / case
        p.write_bytes(_late_bad_utf8())
        return p, {}
    if case == "gb18030_as_utf8.csv":
        p = tmp_path / case
        p.write_bytes(_gb18030_text())
        return p, {"encoding": "utf-8"}
    if case == "undecodable.csv":
        p = tmp_path / case
        p.write_bytes(b"\x80")
        return p, {}
    if case == "truncated.xlsx":
        p = tmp_path / case
        p.write_bytes((fixtures / "sales.xlsx").read_bytes()[:1000])
        return p, {}
    if case == "zip_named.csv":
        p = tmp_path / case
        p.write_bytes(b"PK\x03\x04 not really a workbook")
        return p, {}
    if case == "missing.csv":
        return tmp_path / case, {}
    if case == "empty_first_sheet.xlsx":  # a cover sheet left blank; behind it, orders without a date
        from openpyxl import Workbook

        wb = Workbook()
        wb.active.title = "Cover"
        wb.create_sheet("Orders").append(["Customer ID", "Amount"])
        wb["Orders"].append(["K1", 10])
        wb.save(tmp_path / case)
        return tmp_path / case, {}
    if case == "blank_lines.csv":
        p = tmp_path / case
        p.write_bytes(b"\r\n \r\n\r\n")
        return p, {}
    raise AssertionError(case)


CASES = ["no_date_column.csv", "empty.csv", "header_only.csv", "binary.bin", "late_bad_utf8.csv",
         "gb18030_as_utf8.csv", "missing.csv", "blank_lines.csv", "undecodable.csv", "truncated.xlsx",
         "zip_named.csv", "empty_first_sheet.xlsx"]


@pytest.mark.parametrize("case", CASES)
def test_a_bad_file_fails_with_its_name_and_changes_nothing(con, fixtures, tmp_path, snap, case):
    path, opts = _make(tmp_path, fixtures, case)
    before = snap(con)
    with pytest.raises(ImportFailed) as err:
        ingest.import_file(con, path, **opts)
    message = str(err.value)
    assert path.name in message
    assert "\n" not in message.strip()
    assert snap(con) == before
    assert con.execute("SELECT count(*) FROM imports").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM rejects").fetchone()[0] == 0


@pytest.mark.parametrize("case", ["no_date_column.csv", "header_only.csv", "binary.bin", "late_bad_utf8.csv",
                                  "gb18030_as_utf8.csv"])
def test_a_bad_file_after_a_good_one_leaves_the_good_data_alone(con, fixtures, tmp_path, snap, case):
    ingest.import_file(con, fixtures / "sales_tab.tsv")
    ingest.import_file(con, fixtures / "bad_rows.csv")
    before = snap(con)
    path, opts = _make(tmp_path, fixtures, case)
    with pytest.raises(ImportFailed, match=path.name.replace(".", r"\.")):
        ingest.import_file(con, path, **opts)
    assert snap(con) == before
    assert before["transactions"] == 14 and before["rejected_rows"] == 5


def test_the_reasons_are_the_ones_a_person_needs(con, fixtures, tmp_path):
    with pytest.raises(ImportFailed, match="date"):
        ingest.import_file(con, fixtures / "no_date_column.csv")
    with pytest.raises(ImportFailed, match="empty"):
        ingest.import_file(con, fixtures / "empty.csv")
    with pytest.raises(ImportFailed, match="no rows"):
        ingest.import_file(con, fixtures / "header_only.csv")
    with pytest.raises(ImportFailed, match="binary"):
        ingest.import_file(con, fixtures / "binary.bin")
    path, _ = _make(tmp_path, fixtures, "empty_first_sheet.xlsx")  # no sheet has what order lines need
    with pytest.raises(ImportFailed, match="^empty_first_sheet.xlsx: sheet 'Cover' is empty; sheets: Cover, Orders$"):
        ingest.import_file(con, path)  # the first sheet is read, and says what it lacks
    with pytest.raises(ImportFailed, match="date"):
        ingest.import_file(con, path, sheet="Orders")


def test_invalid_text_late_in_a_file_says_to_save_it_as_utf8(con, fixtures, tmp_path):
    path, _ = _make(tmp_path, fixtures, "late_bad_utf8.csv")
    bad_line = path.read_bytes().split(b"\n").index(next(x for x in path.read_bytes().split(b"\n") if b"\xff" in x)) + 1
    with pytest.raises(ImportFailed, match=f"late_bad_utf8.csv: line {bad_line:,} is not valid UTF-8"):
        ingest.import_file(con, path)
    assert store.info(con)["transactions"] == 0  # and the database still works


def test_the_right_encoding_given_by_hand_reads_the_file(con, tmp_path):
    p = tmp_path / "gb.csv"
    p.write_bytes(_gb18030_text())
    result = ingest.import_file(con, p, encoding="gb18030")
    assert (result.rows_read, result.rows_loaded) == (12, 12)
    assert con.execute("SELECT account_name FROM transactions WHERE account_id = 'C003'").fetchone()[0] \
        == "华东机械有限公司3"


@pytest.mark.parametrize("case", ["no_date_column.csv", "empty.csv", "binary.bin", "undecodable.csv",
                                  "truncated.xlsx"])
def test_preview_of_a_bad_file_fails_with_its_name(con, fixtures, tmp_path, case):
    path, _ = _make(tmp_path, fixtures, case)
    if case == "no_date_column.csv":
        pv = reading.preview(con, path)  # the preview shows the file and what is missing
        assert "ts" in pv.missing
        return
    with pytest.raises(ImportFailed, match=path.name.replace(".", r"\.")):
        reading.preview(con, path)


@pytest.fixture
def scratch(tmp_path, monkeypatch) -> Path:
    """The temporary folder KAMP writes its scratch copies to, for this test only."""
    folder = tmp_path / "scratch"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


# A GB18030 file is read through a UTF-8 copy; previews, imports and failed imports must all remove
# it (a large export would otherwise leave a same-size file in the temp folder every time).

def test_preview_leaves_no_temporary_copy(con, tmp_path, scratch):
    gb = tmp_path / "gb.csv"
    gb.write_bytes(_gb18030_text())
    reading.preview(con, gb)
    assert list(scratch.iterdir()) == []


def test_import_leaves_no_temporary_copy(con, tmp_path, scratch):
    gb = tmp_path / "gb.csv"
    gb.write_bytes(_gb18030_text())
    ingest.import_file(con, gb)
    assert list(scratch.iterdir()) == []


def test_a_failed_import_leaves_no_temporary_copy(con, tmp_path, scratch):
    no_date = tmp_path / "gb_no_date.csv"
    no_date.write_bytes("客户编号,金额\nC001,1.00\n".encode("gb18030"))
    with pytest.raises(ImportFailed):
        ingest.import_file(con, no_date)
    assert list(scratch.iterdir()) == []


# --- any bytes at all --------------------------------------------------------------------

TOKENS = [b"Customer ID", b"Date", b"Amount", b"Quantity", b"UnitPrice", b",", b";", b"\t", b"|", b"\n", b"\r\n",
          b"\"", b" ", b"  ", b"2024-03-05", b"31/02/2024", b"05/03/2024", b"K1", b"1,234.56", b"(1.00)", b"abc",
          b"\x00", b"\xff", b"\xef\xbb\xbf", b"\xff\xfe", b"\xe4\xb8\xad", b"\xd6\xd0", b"PAR1", b"C536379"]
csv_like = st.lists(st.sampled_from(TOKENS), max_size=40).map(b"".join)
file_bytes = st.one_of(st.binary(max_size=300), csv_like,
                       csv_like.map(lambda b: b"Customer ID,Date,Amount\n" + b),
                       csv_like.map(lambda b: b"\xef\xbb\xbfCustomer ID;Date;Amount\r\n" + b))


@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(file_bytes)
@example(b"Customer ID,Date,Amount\nK1,2024-03-05,1.00\nK1,2024-03-05,1.00\n,2024-03-05,x\n")
@example(b"\x80")
@example(b"PK\x03\x04")
@example(b"PAR1")
def test_any_bytes_load_cleanly_or_fail_cleanly(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "upload.csv"
        path.write_bytes(data)
        con = store.connect(Path(tmp) / "k.duckdb")
        try:
            before = store.info(con)
            try:
                result = ingest.import_file(con, path)
            except ImportFailed as exc:
                assert "upload.csv" in str(exc)
                assert store.info(con) == before
                assert con.execute("SELECT count(*) FROM rejects").fetchone()[0] == 0
                return
            assert result.rows_read == result.rows_loaded + result.rows_rejected + result.rows_present
            assert store.info(con)["transactions"] == result.rows_loaded
            assert con.execute("SELECT count(*) FROM rejects").fetchone()[0] == result.rows_rejected
            assert con.execute("SELECT count(*) FROM imports").fetchone()[0] == 1
        finally:
            con.close()


def test_a_large_file_cut_in_the_middle_of_a_character_fails_cleanly(con, tmp_path):
    # 300 KB of good rows (past the sniffing sample), then a last row whose final character
    # lost its last byte: a clear message, nothing written, and the database still answers.
    good = _late_bad_utf8().split(b"K1,2024-03-05,\xff")[0]
    path = tmp_path / "cut.csv"
    path.write_bytes(good + "K3,2024-03-07,1.00,华".encode()[:-1])
    with pytest.raises(ImportFailed, match="cut.csv: the file ends in the middle of a character"):
        ingest.import_file(con, path)
    assert store.info(con)["transactions"] == 0


@pytest.mark.parametrize("name, data", [
    ("orders.xls", '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table><tr><td>客户编号</td>'.encode()),
    ("orders.xlsx", "\ufeff\r\n  <!DOCTYPE HTML>\n<html><table>".encode("utf-8")),
    ("orders.csv", "\n<table border=1><tr><td>Customer ID</td><td>Date</td></tr>".encode("utf-16")),
    ("orders.xls", b"<meta charset=gbk>\n<table><tr><td>\xbf\xcd\xbb\xa7</td></tr></table>"),
])
def test_a_web_page_saved_under_a_spreadsheet_name_is_refused_with_what_to_do(con, snap, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    before = snap(con)
    with pytest.raises(ImportFailed) as caught:
        ingest.import_file(con, path)
    assert str(caught.value) == (f"{name} is a web page (HTML) saved under a spreadsheet's name, not an Excel "
                                 "workbook or CSV file: open it in Excel, save it as an Excel workbook (.xlsx) or as "
                                 "CSV, and import that")
    assert caught.value.text("zh") == (f"{name} 是以表格文件名保存的网页（HTML），不是 Excel 工作簿或 CSV 文件：请用 Excel 打开，"
                                       "另存为 Excel 工作簿（.xlsx）或 CSV 后再导入")
    assert snap(con) == before

