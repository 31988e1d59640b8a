"""Space-aligned reports: where each column starts, counted in display columns (a Chinese
character two wide), and each line read into those columns. Positions worked out by hand."""
from __future__ import annotations

import duckdb

from kamp import spaced

# 编号 at display columns 0–3, 名称 6–9, 金额 16–19; A1 and B22 under 编号, the fruit (two
# characters, four columns) under 名称, the amounts from column 16.
REPORT = ["编号  名称      金额",
          "A1    苹果      12",
          "B22   香蕉      3"]


def test_a_column_starts_in_the_middle_of_the_blanks_every_line_has():
    # between 编号 and 名称 columns 4 and 5 are blank on every line: the first of the two;
    # between 名称 and 金额 columns 10–15: the middle, 12
    assert spaced.layout(REPORT) == (["编号", "名称", "金额"], [0, 4, 12], 0.0)


def test_a_line_with_text_across_every_blank_is_counted_not_followed():
    # 葡萄柚子汁 fills columns 6–15, its 20 at 16: one line of three has text at column 12
    names, starts, crossed = spaced.layout(REPORT + ["C3    葡萄柚子汁20"])
    assert (starts, crossed) == ([0, 4, 12], 1 / 3)


def test_a_header_name_with_a_single_space_is_one_name():
    names, starts, _ = spaced.layout(["Customer ID   Amount", "K1              10"])
    assert (names, starts) == (["Customer ID", "Amount"], [0, 12])


def _read(lines, headers, starts):
    con = duckdb.connect()
    values = ", ".join("(" + "'" + ln.replace("'", "''") + "')" for ln in lines)
    scan = f"SELECT * FROM (VALUES {values}) AS t(line)"
    return con.execute(f"SELECT * FROM ({spaced.rows_sql(scan, headers, starts, 1)}) ORDER BY __line").fetchall()


def test_an_empty_cell_is_an_empty_value_in_its_own_column():
    rows = _read(["编号  名称      金额", "A1              12", "B22   香蕉", "", "C3　　西瓜      7"],
                 ["编号", "名称", "金额"], [0, 4, 12])
    assert rows == [("A1", None, "12", None, 2),
                    ("B22", "香蕉", None, None, 3),
                    ("C3", "西瓜", "7", None, 5)]  # two ideographic spaces are four columns; line 4 is empty


def test_text_over_a_column_start_names_the_two_columns():
    # X12 then 苹: the right half of 苹 is column 4, where 名称 starts; 葡萄柚子汁 covers column 12;
    # 红富士 ends at 11 and 苹果 starts at 13: one space between two words is no column's edge
    rows = _read(["编号  名称      金额", "X12苹果       7", "C3    葡萄柚子汁20", "Z9    红富士 苹果7"],
                 ["编号", "名称", "金额"], [0, 4, 12])
    assert [r[3] for r in rows] == ["编号 / 名称", "名称 / 金额", "名称 / 金额"]


def test_a_report_with_empty_cells_and_an_underline_is_aligned():
    # three of four rows have an empty cell; the dashes are no row, so nothing crosses an edge
    assert spaced.aligned(["编号  名称      金额", "--------------------", "A1              12", "B22   香蕉",
                           "C3              7", "D4    西瓜      9"])


def test_prose_and_a_single_name_are_not_aligned():
    assert not spaced.aligned(["Sales report for March", "K1 sold 10"])
    # every row has text where Amount would start (Acme Corp, Cathay): not columns
    assert not spaced.aligned(["Name  Amount", "Acme Corp 10", "Blue Sky Inc 20", "Cathay 30"])


def test_a_gbk_report_counts_quotes_and_signs_two_columns_wide_as_their_two_bytes():
    # “ 特 价 ” × ①: six characters, each two bytes in GBK; in UTF-8 only 特价 are wide
    assert len(spaced.shown("“特价”×①", "gb18030")) == 12
    assert len(spaced.shown("“特价”×①", "utf-8")) == 8


def test_a_header_split_by_tabs_has_its_columns_where_the_rows_have_gaps():
    # the rows are blank at columns 3–5 (A1 from 2) and 10–13 (3 at 15): the middle of each
    assert spaced.layout(["编号\t名称\t金额", "A1    苹果    12", "B22   香蕉     3"]) == \
        (["编号", "名称", "金额"], [0, 4, 11], 0.0)


def test_a_line_with_tabs_is_split_at_its_tabs_whatever_their_width():
    rows = _read(["编号  名称      金额", "A1\t苹果\t12", "B22\t\t香蕉  7"], ["编号", "名称", "金额"], [0, 4, 12])
    assert rows == [("A1", "苹果", "12", None, 2), ("B22", "香蕉", "7", None, 3)]


def test_dashes_under_the_header_give_each_column_where_its_run_starts():
    # runs at 0–3, 6–17 and 20–23: 名称 starts at the blank 5, 金额 at 19, not in the middle of
    # the blanks 10–19 that 苹果 leaves, so a later name of twelve columns still fits
    lines = ["编号  名称          金额", "----  ------------  ----", "A1    苹果          12"]
    assert spaced.layout(lines) == (["编号", "名称", "金额"], [0, 5, 19], 0.0)
    rows = _read(lines[:1] + ["B2    人体工学椅子  7"], ["编号", "名称", "金额"], [0, 5, 19])
    assert rows == [("B2", "人体工学椅子", "7", None, 2)]


def test_a_printed_reports_page_heads_are_no_rows():
    # page 2 starts with a form feed before its title, then a print date, the header again (other
    # blanks) and dashes: all left out; page 3 is a form feed alone, then a row without a header;
    # the subtotal on line 3 stays a row, each row keeps its line
    rows = _read(["编号  名称      金额", "A1    苹果      12", "小计            12", "\f      销售报表",
                  "打印日期 2024-02-01   第 2 页", "  编号  名称        金额", "--------------------",
                  "B22   香蕉      3", "\f", "C3    西瓜      7"], ["编号", "名称", "金额"], [0, 4, 12])
    assert rows == [("A1", "苹果", "12", None, 2), ("小计", None, "12", None, 3),
                    ("B22", "香蕉", "3", None, 8), ("C3", "西瓜", "7", None, 10)]


def test_without_a_form_feed_only_the_repeated_header_is_left_out():
    # no page break: the title on line 3 is a line of the report, the header on line 4 is not
    rows = _read(["编号  名称      金额", "A1    苹果      12", "      销售报表", "编号  名称      金额",
                  "B22   香蕉      3"], ["编号", "名称", "金额"], [0, 4, 12])
    assert [r[-1] for r in rows] == [2, 3, 5]


def test_without_dashes_a_left_aligned_column_starts_at_the_blank_before_its_name():
    # 名称 at 6: 西瓜汁 starts there and ends at 12, not with the name (10): 名称 starts at 5;
    # 区域 at 20 likewise (华北区 ends at 26): at 19, not in the middle (15) of the blanks 12–19;
    # 金额 at 30: 12 starts inside the name, so it is right-aligned and starts in the middle
    # (27) of the blanks 26–29
    lines = ["编号  名称          区域      金额",
             "A1    苹果          华东        12",
             "B22   西瓜汁        华北区     300"]
    assert spaced.layout(lines) == (["编号", "名称", "区域", "金额"], [0, 5, 19, 27], 0.0)
    rows = _read(lines[:1] + ["C3    人体工学椅子  华东         7"], ["编号", "名称", "区域", "金额"], [0, 5, 19, 27])
    assert rows == [("C3", "人体工学椅子", "华东", "7", None, 2)]  # 6–17: under 名称, short of 区域



# A printf report (%-8s, %-14s, %-12s): a name of fourteen letters or more pushes the rest of
# its line right, still two blanks or more between the values. Name and Date are left-aligned:
# they start at the blank before their names (8, 22); Amount, right-aligned, ends at 42 and
# starts at 34, the middle of the blanks 33–36 every line but K2's leaves after the dates.
PRINTF = ["Account  Name          Date          Amount",
          "K1       Acme          2024-01-05     10.00",
          "K2       Blue Sky Imports International  2024-01-06  20.50",
          "K3       Cathay        2024-01-07      3.00"]


def test_a_name_pushing_its_line_right_is_read_by_the_blanks_between_its_values():
    headers, starts, _ = spaced.layout(PRINTF)
    assert starts == [0, 8, 22, 34]
    rows = _read(PRINTF, headers, starts)
    assert rows[1] == ("K2", "Blue Sky Imports International", "2024-01-06", "20.50", None, 3)
    assert [r[3] for r in rows] == ["10.00", "20.50", "3.00"]


def test_a_line_over_an_edge_with_fewer_values_than_columns_is_still_marked():
    # K4's name runs into its date with a single blank: three values for four columns
    headers, starts, _ = spaced.layout(PRINTF)
    rows = _read(PRINTF[:1] + ["K4       Blue Sky Imports Intl 2024-01-08  9.00"], headers, starts)
    assert rows[0][-2] == "Name / Date"


def test_long_names_on_many_lines_that_still_split_into_the_columns_keep_a_report_aligned():
    # two of four rows cross where Date starts, each splitting into four values: none counts
    lines = PRINTF + ["K5       Evergreen Foods Holdings  2024-01-09  1.00"]
    assert spaced.layout(lines)[2] == 0.0 and spaced.aligned(lines)
    # the same two names followed by a single blank are not columns: two of four lines cross
    lines = PRINTF[:2] + ["K2       Blue Sky Imports International 2024-01-06  20.50", PRINTF[3],
                          "K5       Evergreen Foods Holdings 2024-01-09  1.00"]
    assert spaced.layout(lines)[2] == 0.5 and not spaced.aligned(lines)


def test_a_row_with_an_empty_cell_and_no_crossing_is_still_read_by_position():
    # K6 has no name: two blanks or more split it into three values, but positions put its date
    # under Date
    headers, starts, _ = spaced.layout(PRINTF)
    rows = _read(PRINTF[:1] + ["K6                     2024-01-10      4.00"], headers, starts)
    assert rows == [("K6", None, "2024-01-10", "4.00", None, 2)]
