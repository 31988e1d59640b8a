"""A file the importer cannot take is explained in either language: ``str()`` is the English
sentence the command line prints, ``text("zh")`` the Chinese a Chinese page shows; both name the
file and the line, sheet, column or value.

The expected sentences are written out here from the translation table's wording (the Chinese
field names from kamp.schema, the sheets of the sales.xlsx fixture); nothing is copied from the
code's output."""
from __future__ import annotations

import pickle

import duckdb
import pytest

from kamp import i18n, ingest, mapping, reading, sources
from kamp.problems import Problem
from kamp.sources import ImportFailed


def _failed(call, *args, **kwargs) -> ImportFailed:
    with pytest.raises(ImportFailed) as err:
        call(*args, **kwargs)
    return err.value


def _says(exc: ImportFailed, en: str, zh: str) -> None:
    assert isinstance(exc, Problem) and isinstance(exc, ValueError)
    assert str(exc) == en
    assert i18n.explain(exc, "en") == en
    assert i18n.explain(exc, "zh") == zh


ROW = b"K1,2024-03-05,1.00\n"  # 19 bytes
HEADER = b"Customer ID,Date,Amount\n"
# 15,000 rows (285,000 bytes) put what follows past the 256 KB sample the encoding is judged by.
PAST_THE_SAMPLE = HEADER + ROW * 15_000


# ---------------------------------------------------------------- the file itself

def test_a_missing_file(con, tmp_path):
    # named as given: the folder may be what is mistyped
    _says(_failed(ingest.import_file, con, tmp_path / "sales.csv"),
          f"{tmp_path / 'sales.csv'}: file not found", f"{tmp_path / 'sales.csv'}：找不到文件")


def test_a_folder_where_a_file_should_be(con, tmp_path):
    (tmp_path / "exports").mkdir()
    _says(_failed(ingest.import_file, con, tmp_path / "exports"),
          "exports is a folder: name a file in it", "exports 是文件夹：请指定其中的一个文件")
    assert con.execute("SELECT count(*) FROM imports").fetchone()[0] == 0


def test_an_empty_file_and_one_of_blank_lines(con, fixtures, tmp_path):
    _says(_failed(ingest.import_file, con, fixtures / "empty.csv"),
          "empty.csv: the file is empty", "empty.csv：文件为空")
    blank = tmp_path / "blank.csv"
    blank.write_bytes(b"\r\n \r\n\r\n")
    _says(_failed(ingest.import_file, con, blank), "blank.csv: the file is empty", "blank.csv：文件为空")


def test_a_binary_file(con, fixtures):
    _says(_failed(ingest.import_file, con, fixtures / "binary.bin"),
          "binary.bin: this is a binary file, not a CSV, Excel or Parquet export",
          "binary.bin：这是二进制文件，不是 CSV、Excel 或 Parquet 导出文件")


def test_a_damaged_workbook_keeps_the_readers_words(con, fixtures, tmp_path):
    cut = tmp_path / "truncated.xlsx"
    cut.write_bytes((fixtures / "sales.xlsx").read_bytes()[:1000])
    # "invalid Zip archive …" is the workbook reader (calamine) speaking: shown as it is, in either language
    _says(_failed(ingest.import_file, con, cut),
          "truncated.xlsx: cannot be read as CSV, Excel or Parquet (invalid Zip archive: Could not find EOCD)",
          "truncated.xlsx：无法作为 CSV、Excel 或 Parquet 文件读取（invalid Zip archive: Could not find EOCD）")


def test_a_sheet_the_workbook_lacks(con, fixtures):
    _says(_failed(ingest.import_file, con, fixtures / "sales.xlsx", sheet="Nope"),
          "sales.xlsx: there is no sheet 'Nope'; sheets: Notes, Sales",
          "sales.xlsx：没有名为“Nope”的工作表；现有的工作表：Notes、Sales")


def test_no_columns_and_no_rows(con, fixtures):
    _says(ImportFailed("problem.import.no_columns", name="report.txt"),
          "report.txt: no columns found", "report.txt：没有找到任何列")
    _says(_failed(ingest.import_file, con, fixtures / "header_only.csv"),
          "header_only.csv: the file has a header but no rows", "header_only.csv：文件只有表头，没有数据行")


# ---------------------------------------------------------------- its text

def test_a_line_in_another_encoding_is_named(con, tmp_path):
    # a UTF-8 export with one line pasted in from a GBK system: the line is named, as are its bytes
    path = tmp_path / "mixed.csv"
    path.write_bytes("客户编号,日期,金额\nK1,2024-03-05,10\n".encode("utf-8") + "K2,上海,5\n".encode("gbk")
                     + "K3,2024-03-07,7\n".encode("utf-8"))
    _says(_failed(ingest.import_file, con, path),
          "mixed.csv: the text is UTF-8 up to line 3, where the bytes c9 cf ba a3 are not: that line was written in "
          "another encoding (pasted in from another system?); save the whole file as UTF-8 CSV and try again",
          "mixed.csv：文本在第 3 行之前是 UTF-8，该行出现非 UTF-8 字节（c9 cf ba a3）：这一行可能来自使用其他编码的系统；"
          "请将整个文件另存为 UTF-8 CSV 后重试")


def test_text_in_no_known_encoding(con, tmp_path):
    path = tmp_path / "undecodable.csv"
    path.write_bytes(b"\x80")
    _says(_failed(ingest.import_file, con, path),
          "undecodable.csv: the text is in no encoding KAMP knows (UTF-8, UTF-16, GB18030/GBK, Big5, Windows-1252); "
          "save it as UTF-8 CSV and try again",
          "undecodable.csv：无法识别文本的编码（KAMP 能读取 UTF-8、UTF-16、GB18030/GBK、Big5、Windows-1252），"
          "请另存为 UTF-8 CSV 后重试")


def test_an_encoding_that_does_not_exist(con, fixtures):
    _says(_failed(ingest.import_file, con, fixtures / "sales_tab.tsv", encoding="latin-9x"),
          "sales_tab.tsv: 'latin-9x' is not an encoding", "sales_tab.tsv：“latin-9x”不是可识别的编码")


def test_a_line_that_is_not_utf8_is_named(con, tmp_path):
    path = tmp_path / "late.csv"
    path.write_bytes(PAST_THE_SAMPLE + b"K2,2024-03-06,\xff\xfe2.00\n" + ROW)  # header 1, rows 2–15,001
    _says(_failed(ingest.import_file, con, path),
          "late.csv: line 15,002 is not valid UTF-8 text; save the file as UTF-8 CSV and try again",
          "late.csv：第 15,002 行不是有效的 UTF-8 文本，请将文件另存为 UTF-8 CSV 后重试")
    # and the preview, which checks as much of the file as it shows, says the same
    _says(_failed(reading.preview, con, path, name="销售明细.csv"),
          "销售明细.csv: line 15,002 is not valid UTF-8 text; save the file as UTF-8 CSV and try again",
          "销售明细.csv：第 15,002 行不是有效的 UTF-8 文本，请将文件另存为 UTF-8 CSV 后重试")


def test_a_file_cut_in_the_middle_of_a_character(con, tmp_path):
    path = tmp_path / "cut.csv"
    path.write_bytes(PAST_THE_SAMPLE + "K2,2024-03-06,中".encode("utf-8")[:-1])
    # the whole-file check (an import runs it beside DuckDB's read of the file)
    _says(_failed(sources.inspect, con, path),
          "cut.csv: the file ends in the middle of a character; save it as UTF-8 CSV",
          "cut.csv：文件在一个字符的中途结束（结尾编码不完整），请另存为 UTF-8 CSV")


# ---------------------------------------------------------------- its columns

def test_a_required_field_no_column_maps_to(con, fixtures):
    _says(_failed(ingest.import_file, con, fixtures / "no_date_column.csv"),
          "no_date_column.csv: no column maps to date; columns found: Customer ID, Product, Amount. "
          "Map one with --map COLUMN=FIELD",
          "no_date_column.csv：以下必需字段没有对应的列：订单日期；文件中的列：Customer ID、Product、Amount。"
          "可用 --map 列名=字段 指定对应关系")
    _says(_failed(ingest.import_file, con, fixtures / "no_date_column.csv", kind="payments"),
          "no_date_column.csv: no column maps to invoice id, invoice date; columns found: Customer ID, Product, "
          "Amount. Map one with --map COLUMN=FIELD",
          "no_date_column.csv：以下必需字段没有对应的列：发票号、开票日期；文件中的列：Customer ID、Product、Amount。"
          "可用 --map 列名=字段 指定对应关系")


def test_a_mapping_that_names_columns_the_file_lacks(con, fixtures):
    _says(_failed(ingest.import_file, con, fixtures / "sales_tab.tsv",
                  mapping={"Account": "account_id", "Date": "ts", "Umsatz": "amount", "Kosten": "cost"}),
          "sales_tab.tsv: the mapping names columns the file lacks: Umsatz, Kosten",
          "sales_tab.tsv：列映射中的这些列在文件中不存在：Umsatz、Kosten")


def test_map_options_in_either_language(con, fixtures):
    _says(_failed(ingest.import_file, con, fixtures / "sales_tab.tsv", overrides={"Nope": "amount"}),
          "--map Nope=amount: the file has no column 'Nope'; columns: Account, Date, Invoice, Product, Sales",
          "--map Nope=amount：文件中没有“Nope”列；现有的列：Account、Date、Invoice、Product、Sales")
    _says(_failed(ingest.import_file, con, fixtures / "sales_tab.tsv", kind="payments",
                  overrides={"Sales": "revenue"}),
          "--map Sales=revenue: 'revenue' is not a payments field; fields: account id, amount, due date, "
          "invoice date, invoice id, paid amount, paid date",
          "--map Sales=revenue：“revenue”不是“回款 / 应收”的字段；可用的字段：account id、amount、due date、"
          "invoice date、invoice id、paid amount、paid date")
    _says(_failed(mapping.parse_map_args, ["Cust No"]),
          "--map Cust No: write it as SOURCE=FIELD, e.g. --map 'Cust No=account_id'",
          "--map Cust No：请写成 源列=字段 的形式，例如 --map 'Cust No=account_id'")


# ---------------------------------------------------------------- DuckDB's own words

@pytest.mark.parametrize("error, en, zh", [
    (duckdb.InvalidInputException("Invalid Input Error: CSV Error on Line: 12345\nOriginal Line: K1,\"x"),
     "x.csv: Invalid Input Error: CSV Error on Line: 12345 (near line 12,345)",
     "x.csv：读取文件第 12,345 行附近时出错：Invalid Input Error: CSV Error on Line: 12345"),
    (duckdb.IOException("IO Error: Could not read from file \"x.csv\": Input/output error"),
     "x.csv: IO Error: Could not read from file \"x.csv\": Input/output error",
     "x.csv：读取文件时出错：IO Error: Could not read from file \"x.csv\": Input/output error"),
    (duckdb.InvalidInputException("Invalid Input Error: Invalid unicode (byte sequence mismatch) detected"),
     "x.csv: part of the file is not valid text in the detected encoding; save it as UTF-8 CSV",
     "x.csv：文件部分内容不是所识别编码下的有效文本，请另存为 UTF-8 CSV"),
])
def test_duckdbs_words_stay_as_they_are_inside_a_translated_sentence(con, fixtures, tmp_path, snap, monkeypatch,
                                                                     error, en, zh):
    path = tmp_path / "x.csv"
    path.write_bytes((fixtures / "sales_tab.tsv").read_bytes())

    def fails(*args, **kwargs):
        raise error

    monkeypatch.setattr(ingest, "_stage", fails)
    before = snap(con)
    exc = _failed(ingest.import_file, con, path)
    _says(exc, en, zh)
    assert exc.__cause__ is error
    assert snap(con) == before


def test_an_import_failure_survives_pickling_as_itself(con, fixtures):
    exc = _failed(ingest.import_file, con, fixtures / "sales.xlsx", sheet="Nope")
    again = pickle.loads(pickle.dumps(exc))
    assert type(again) is ImportFailed
    assert (str(again), again.text("zh")) == (str(exc), exc.text("zh"))
