"""The CSV file of an account list: ids, headers as given, money and shares in the units the
headers name, rounded, readable by Excel (a byte-order mark)."""
import io

import pandas as pd

from kamp import list_csv

ROWS = pd.DataFrame({"account_id": ["C0217", "C0042"], "name": ["国泰证券", "Lan Ltd"],
                     "revenue_12m": [239_731_522.9, 35_000.0], "avg_order": [3_456.789, 512.0],
                     "share_of_wallet": [0.28249173128046078, None], "filled": [7, 0],
                     "needs_wallet": [False, True]})
HEADERS_ZH = {"account_id": "客户编号", "name": "名称", "revenue_12m": "近 12 个月收入", "avg_order": "平均订单",
              "share_of_wallet": "钱包份额", "filled": "已填工作表", "needs_wallet": "缺采购总额估计"}
HEADERS_EN = {"account_id": "Account", "name": "Name", "revenue_12m": "Revenue, last 12 months",
              "avg_order": "Average order", "share_of_wallet": "Share of wallet", "filled": "Worksheets saved",
              "needs_wallet": "No wallet estimate"}
KINDS = {"money": {"revenue_12m", "avg_order"}, "shares": {"share_of_wallet"}}


def _lines(data: bytes) -> list[str]:
    return data.decode("utf-8").splitlines()


def test_a_chinese_list_in_wan_names_its_units_and_opens_in_excel():
    data = list_csv.to_csv(ROWS, HEADERS_ZH, "zh", wan=True, **KINDS)
    assert data.startswith(b"\xef\xbb\xbf")  # the mark Excel needs to read UTF-8 Chinese
    lines = _lines(data[3:])
    # 239,731,522.9 is 23,973.15229万, to two decimals 23973.15; the middle of the column (about
    # 1.2亿) is above 1万, so both figures are in 万: 35,000 is 3.50万. An average order of a few
    # thousand is shown whole on the page, and so here. 0.2825 of the wallet is 28.25 %.
    assert lines == ["客户编号,名称,近 12 个月收入（万）,平均订单,钱包份额（%）,已填工作表,缺采购总额估计",
                     "C0217,国泰证券,23973.15,3456.79,28.25,7,否",
                     "C0042,Lan Ltd,3.50,512.00,,0,是"]


def test_an_english_list_gives_money_in_full():
    lines = _lines(list_csv.to_csv(ROWS, HEADERS_EN, "en", **KINDS)[3:])
    assert lines == ['Account,Name,"Revenue, last 12 months",Average order,Share of wallet (%),Worksheets saved,'
                     'No wallet estimate',
                     "C0217,国泰证券,239731522.90,3456.79,28.25,7,No",
                     "C0042,Lan Ltd,35000.00,512.00,,0,Yes"]


def test_a_chinese_list_without_wan_gives_money_in_full():
    # money units k/M/B in the settings: the page's lists show full figures, and so does the file
    frame = pd.read_csv(io.BytesIO(list_csv.to_csv(ROWS, HEADERS_ZH, "zh", wan=False, **KINDS)),
                        encoding="utf-8-sig")
    assert list(frame.columns)[2] == "近 12 个月收入"
    assert list(frame["近 12 个月收入"]) == [239731522.9, 35000.0]


def test_whole_numbers_in_a_float_column_read_whole():
    # a count read with a missing value comes as floats: 3.0 would read as an amount
    rows = pd.DataFrame({"account_id": ["a", "b"], "overdue": [3.0, None]})
    assert _lines(list_csv.to_csv(rows, {"account_id": "Account", "overdue": "Overdue"}, "en")[3:]) == [
        "Account,Overdue", "a,3", "b,"]


def test_a_header_that_says_percent_is_not_told_again_and_ratios_keep_four_decimals():
    rows = pd.DataFrame({"margin_pct": [0.38219], "gini": [0.78234], "hhi": [117.987]})
    lines = _lines(list_csv.to_csv(rows, {"margin_pct": "Margin %", "gini": "Gini", "hhi": "HHI"}, "en",
                                   shares={"margin_pct"})[3:])
    # 0.38219 of revenue is 38.22 %, headed once; a Gini of 0.782 is not 0.78 (two snapshots 0.782
    # and 0.783 would read alike)
    assert lines == ["Margin %,Gini,HHI", "38.22,0.7823,117.987"]


def test_a_chinese_column_of_mostly_nothing_is_in_the_unit_of_its_sums():
    # sums overdue: most accounts owe nothing; the two that do owe 4,156.05万 and 200万, so the
    # column is in 万 as the page's table beside it (by its zeros alone it would be whole yuan)
    rows = pd.DataFrame({"account_id": ["a", "b", "c", "d", "e"],
                         "overdue": [0.0, 0.0, 41_560_495.0, 0.0, 2_000_000.0]})
    lines = _lines(list_csv.to_csv(rows, {"account_id": "客户编号", "overdue": "逾期金额"}, "zh", wan=True,
                                   money={"overdue"})[3:])
    assert lines == ["客户编号,逾期金额（万）", "a,0.00", "b,0.00", "c,4156.05", "d,0.00", "e,200.00"]


def test_a_name_excel_would_run_as_a_formula_reads_as_text_and_negative_money_stays_a_number():
    rows = pd.DataFrame({"account_id": ["@C1", "-C2", "C3"], "name": ["=1+1", "+cmd|' /C calc'!A0", "Lan-Ltd"],
                         "revenue": [-5.0, -1234.5, 10.0], "days": [-3, 4, 5]})
    headers = {"account_id": "Account", "name": "Name", "revenue": "Revenue", "days": "Days"}
    frame = pd.read_csv(io.BytesIO(list_csv.to_csv(rows, headers, "en", money={"revenue"})), encoding="utf-8-sig")
    assert frame["Account"].tolist() == ["'@C1", "'-C2", "C3"]
    assert frame["Name"].tolist() == ["'=1+1", "'+cmd|' /C calc'!A0", "Lan-Ltd"]  # a hyphen inside is no formula
    assert frame["Revenue"].tolist() == [-5.0, -1234.5, 10.0]
    assert frame["Days"].tolist() == [-3, 4, 5]


def test_a_header_that_says_percent_inside_it_is_not_told_again():
    rows = pd.DataFrame({"discount_share": [0.1443], "return_share": [0.015], "share": [0.5]})
    headers = {"discount_share": "Discounts % of gross", "return_share": "退货占折前收入", "share": "Share"}
    lines = _lines(list_csv.to_csv(rows, headers, "en", shares=set(headers))[3:])
    assert lines[0] == "Discounts % of gross,退货占折前收入 (%),Share (%)"
    assert lines[1] == "14.43,1.50,50"  # a column of whole percentages reads whole


def test_figures_download_as_the_page_shows_them():
    rows = pd.DataFrame({"score": [76.9447, 100.0, None],
                         "saved_at": pd.to_datetime(["2026-11-25 14:44:12.803491", "2026-01-02 09:05:59.000000", None]),
                         "last_bought": pd.to_datetime(["2026-09-30 16:37:00", "2025-12-31 00:00:00", None])})
    headers = {"score": "Score 0–100", "saved_at": "Saved", "last_bought": "Last bought"}
    lines = _lines(list_csv.to_csv(rows, headers, "en", formats={"score": "%.1f", "saved_at": "%Y-%m-%d %H:%M",
                                                                 "last_bought": "%Y-%m-%d"})[3:])
    # one decimal, as the page's %.1f; saved to the minute (seconds dropped, not rounded); the day only
    assert lines == ["Score 0–100,Saved,Last bought", "76.9,2026-11-25 14:44,2026-09-30",
                     "100.0,2026-01-02 09:05,2025-12-31", ",,"]
