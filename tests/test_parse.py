"""Value parsing: every date and amount format SPEC.md names, the reject reasons, and properties."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamp import parse, schema
from kamp import reasons as reject_reasons
from kamp.parse import date_formats, parse_values
from kamp.reasons import of_values as reasons

D = datetime


# --- dates -------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("2024-03-05", D(2024, 3, 5)),
    ("2024/3/5", D(2024, 3, 5)),
    ("2024/03/05", D(2024, 3, 5)),
    ("2024年3月5日", D(2024, 3, 5)),
    ("2024年12月31日", D(2024, 12, 31)),
    ("05/03/2024", D(2024, 3, 5)),           # day first (the default)
    ("25/03/2024", D(2024, 3, 25)),
    ("5.3.2024", D(2024, 3, 5)),
    ("19970101", D(1997, 1, 1)),
    ("2024-03-05 10:30", D(2024, 3, 5, 10, 30)),
    ("2024-03-05 10:30:15", D(2024, 3, 5, 10, 30, 15)),
    ("2024-03-05T10:30:15", D(2024, 3, 5, 10, 30, 15)),
    ("2024/3/5 10:30", D(2024, 3, 5, 10, 30)),
    ("2024年3月5日 10:30", D(2024, 3, 5, 10, 30)),
    ("05/03/2024 23:59", D(2024, 3, 5, 23, 59)),
    ("2024-03-05 01:00:00 PM", D(2024, 3, 5, 13, 0)),   # a 12-hour clock: 1 PM is 13:00 ...
    ("2024-03-05 12:00:00 AM", D(2024, 3, 5, 0, 0)),    # ... 12 AM is midnight ...
    ("2024-03-05 12:30 PM", D(2024, 3, 5, 12, 30)),     # ... 12:30 PM half past noon
    ("2026/3/5 下午 02:30:00", D(2026, 3, 5, 14, 30)),   # Windows' Chinese time: 下午 is PM ...
    ("2026/3/5 上午 12:05:00", D(2026, 3, 5, 0, 5)),     # ... 上午 AM, 12:05 AM five past midnight
    ("2026年3月5日 下午 2:30", D(2026, 3, 5, 14, 30)),
    ("2026-03-05 上午 9:05", D(2026, 3, 5, 9, 5)),
    ("45356", D(2024, 3, 5)),                 # Excel serial number
    ("45356.5", D(2024, 3, 5, 12, 0)),        # ... with a time of day
    ("45603.4076388889", D(2024, 11, 7, 9, 47)),     # 09:47 as Excel writes it (15 digits) ...
    ("45603.407638888891", D(2024, 11, 7, 9, 47)),   # ... and as a double prints in full
    ("  2024-03-05  ", D(2024, 3, 5)),
    ("2024-02-29", D(2024, 2, 29)),           # leap day
    ("２０２４／３／５", D(2024, 3, 5)),           # full-width digits, as a Chinese input method types them
    ("２０２４年３月５日　１０：３０", D(2024, 3, 5, 10, 30)),
    ("2024-03", D(2024, 3, 1)),               # a month alone (a monthly summary): its first day
    ("2024/3", D(2024, 3, 1)),
    ("2024.07", D(2024, 7, 1)),
    ("2024年3月", D(2024, 3, 1)),
    ("2024 年 12 月", D(2024, 12, 1)),
    ("202406", D(2024, 6, 1)),
    ("Mar-2024", D(2024, 3, 1)),
    ("March 2024", D(2024, 3, 1)),
])
def test_date_formats(raw, expected):
    assert parse_values([raw], "date") == [expected]


@pytest.mark.parametrize("raw, expected", [
    ("05/03/2024", D(2024, 5, 3)),
    ("03/25/2024", D(2024, 3, 25)),
    ("12/31/2024 08:15", D(2024, 12, 31, 8, 15)),
    ("2024-03-05", D(2024, 3, 5)),   # ISO is never ambiguous
    ("2024/3/5", D(2024, 3, 5)),
])
def test_month_first_dates(raw, expected):
    assert parse_values([raw], "date", dayfirst=False) == [expected]


def test_day_first_and_month_first_read_the_same_text_differently():
    assert parse_values(["05/03/2024"], "date", dayfirst=True) == [D(2024, 3, 5)]
    assert parse_values(["05/03/2024"], "date", dayfirst=False) == [D(2024, 5, 3)]


@pytest.mark.parametrize("raw", ["31/02/2024", "30/02/2024", "29/02/2023", "2024-02-30", "2023年2月29日",
                                 "2024/13/01", "20240231", "soon", "n/a", "yesterday"])
def test_impossible_or_non_dates_parse_to_none(raw):
    assert parse_values([raw], "date") == [None]


def test_empty_date_is_none():
    assert parse_values(["", "   ", None], "date") == [None, None, None]


# --- amounts -----------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("1,234.56", 1234.56),
    ("1234.56", 1234.56),
    ("¥1,234.00", 1234.0),
    ("¥1,234", 1234.0),
    ("￥1,234.50", 1234.5),       # full-width yen sign, as Chinese Excel writes it
    ("(123.00)", -123.0),
    ("-123.00", -123.0),
    ("123.00-", -123.0),           # trailing minus (SAP style)
    ("-¥1,234.00", -1234.0),
    ("(¥1,234.50)", -1234.5),
    ("1,234,567.89", 1234567.89),
    ("0.01", 0.01),
    ("0", 0.0),
    ("$99.90", 99.9),
    ("€5", 5.0),
    ("1,234.56元", 1234.56),
    (" 42 ", 42.0),
    ("１，２３４．５６", 1234.56),   # full-width digits and marks
    ("（１２３）", -123.0),
    ("－５元", -5.0),
    ("NT$1,200", 1200.0),          # Taiwan, Hong Kong and US dollars as they are written
    ("HK$ 300", 300.0),
    ("US$ 5.50", 5.5),
    ("(US$ 5.50)", -5.5),
    ("RMB 1,234.00", 1234.0),
    ("CNY 5", 5.0),
    ("USD1,000", 1000.0),
])
def test_amount_formats(raw, expected):
    assert parse_values([raw], "money") == [pytest.approx(expected, abs=1e-9)]


@pytest.mark.parametrize("raw, expected", [
    ("1.234,56", 1234.56),
    ("-1.234,56", -1234.56),
    ("(1.234,56)", -1234.56),
    ("1.000.000,00", 1000000.0),
    ("0,01", 0.01),
    ("99,90", 99.9),
    ("€1.234,56", 1234.56),
])
def test_amounts_with_decimal_comma(raw, expected):
    assert parse_values([raw], "money", decimal_comma=True) == [pytest.approx(expected, abs=1e-9)]


@pytest.mark.parametrize("raw", ["abc", "1.2.3", "12abc", "--", "N/A", "¥", "(-)"])
def test_non_amounts_parse_to_none(raw):
    assert parse_values([raw], "money") == [None]


@pytest.mark.parametrize("raw, expected", [
    ("100万", 1_000_000.0),
    ("1.5亿", 150_000_000.0),
    ("3千", 3_000.0),
    ("¥1,200万", 12_000_000.0),      # 1,200 × 10,000
    ("1.2亿元", 120_000_000.0),
    ("0.07万", 700.0),              # not 700.0000000000001
    ("(2万)", -20_000.0),
    ("-3.5万元", -35_000.0),
    ("5000万元人民币", 50_000_000.0),  # registered capital as company registers write it
    ("１００万", 1_000_000.0),        # full-width digits
    ("2百万", 2_000_000.0),
    ("1千万", 10_000_000.0),
    ("12萬", 120_000.0),             # Traditional
])
def test_amounts_with_a_chinese_unit(raw, expected):
    assert parse_values([raw], "money") == [expected]
    assert parse_values([raw], "number") == [expected]


@pytest.mark.parametrize("raw", ["万", "1万2", "1,2万", "1亿亿", "万100"])
def test_a_chinese_unit_out_of_place_is_not_a_number(raw):
    assert parse_values([raw], "money") == [None]
    assert "not a number" in reasons([raw], "money")[0]


@pytest.mark.parametrize("raw, comma, expected", [
    ("10%", False, 0.1), ("12.5 %", False, 0.125), (" 0% ", False, 0.0), (".5%", False, 0.005),
    ("12,5%", True, 0.125), ("12,5%", False, None), ("10", False, None), ("-10%", False, None),
    ("10%%", False, None), ("abc%", False, None),
])
def test_a_percentage_reads_as_its_share(raw, comma, expected):
    got = duckdb.execute(f"SELECT {parse.percent_expr('x', comma)} FROM (SELECT ? AS x)", [raw]).fetchone()[0]
    assert got == (None if expected is None else pytest.approx(expected, abs=1e-12))


@pytest.mark.parametrize("raw", ["-", " - ", "¥ -", "$ - ", "-元"])
def test_a_dash_alone_is_an_accounting_zero(raw):
    # Excel's accounting format shows zero as a dash: a zero, positive, and no reason to reject it
    assert [str(v) for v in parse_values([raw], "money") + parse_values([raw], "number")] == ["0.0", "0.0"]
    assert reasons([raw], "money") == [None]
    assert parse_values([raw], "int", lo=-2, hi=2) == [None]  # an attitude of - is not known


def test_quantity_is_parsed_like_an_amount():
    assert parse_values(["12", "-3", "1,000", "2.5"], "number") == [12.0, -3.0, 1000.0, 2.5]


# --- reasons -----------------------------------------------------------------------------

def test_reason_for_an_impossible_date_names_the_value():
    (why,) = reasons(["31/02/2024"], "date", required=True)
    assert "'31/02/2024' does not exist" in why


def test_a_month_that_does_not_exist_is_said_not_to():
    assert parse_values(["2024-13", "202413", "2024年0月"], "date") == [None, None, None]
    assert "'2024-13' does not exist" in reasons(["2024-13"], "date", required=True)[0]
    assert "'202413' does not exist" in reasons(["202413"], "date", required=True)[0]


def test_reason_for_a_non_date_says_it_is_not_a_date():
    (why,) = reasons(["soon"], "date", required=True)
    assert "'soon'" in why and "not a date" in why


def test_reason_for_a_missing_required_value():
    assert reasons([""], "date", required=True)[0].startswith("no ")
    assert reasons([None], "id", required=True)[0].startswith("no ")


def test_reason_for_a_bad_amount():
    (why,) = reasons(["abc"], "money")
    assert "'abc'" in why and "not a number" in why


def test_an_excel_error_is_said_to_be_one():
    assert reasons(["#N/A", " #DIV/0! ", "#x"], "money") == [
        "value '#N/A' is an Excel error, not a number (value是 Excel 错误值，不是数字)",
        "value '#DIV/0!' is an Excel error, not a number (value是 Excel 错误值，不是数字)",
        "value '#x' is not a number (value不是数字)"]
    assert reasons(["#VALUE!"], "date")[0].startswith("value '#VALUE!' is an Excel error, not a date")
    assert reasons(["#REF!"], "id", required=True)[0].startswith("value '#REF!' is an Excel error")
    # an optional text holding one is empty, not rejected; a '#' of its own is text
    assert parse_values(["#N/A", "#1", "C#"], "text") == [None, "#1", "C#"]
    assert reasons(["#N/A"], "text") == [None]


def test_good_values_have_no_reason():
    assert reasons(["2024-03-05", "2024年3月5日", "45356"], "date", required=True) == [None, None, None]
    assert reasons(["1,234.56", "(1.00)", ""], "money") == [None, None, None]


def test_reason_for_an_int_out_of_range():
    (why,) = reasons(["7"], "int", lo=1, hi=5)
    assert "'7'" in why and "1 to 5" in why
    assert reasons(["3"], "int", lo=1, hi=5) == [None]


def test_a_reason_is_kept_in_both_languages_and_said_in_one():
    ts = next(f for f in schema.fields("transactions") if f.name == "ts")  # date, 订单日期
    why = duckdb.execute(f"SELECT {reject_reasons.reason_expr(ts, 'x', 'VARCHAR', 'CAST(NULL AS TIMESTAMP)')} "
                         "FROM (SELECT '31/02/2024' AS x)").fetchone()[0]
    assert why == "date '31/02/2024' does not exist (订单日期不存在)"  # the command line shows both
    assert reject_reasons.reason_text(why, "en") == "date '31/02/2024' does not exist"
    assert reject_reasons.reason_text(why, "zh") == "订单日期“31/02/2024”不存在"
    score = next(f for f in schema.fields("interactions") if f.name == "score")  # 1 to 5, 评分
    why = duckdb.execute(f"SELECT {reject_reasons.reason_expr(score, 'x', 'VARCHAR', 'NULL')} FROM (SELECT '7' AS x)").fetchone()[0]
    assert why == "score '7' is not a whole number from 1 to 5 (评分应为1到5的整数)"
    assert reject_reasons.reason_text(why, "zh") == "评分“7”应为1到5的整数"
    assert reject_reasons.reason_text(why, "en") == "score '7' is not a whole number from 1 to 5"


@pytest.mark.parametrize("kind, field, value, en, zh", [
    ("contacts", "role", "老板",
     "role '老板' is not one of decision maker, sponsor, strategic coach, anti-sponsor, user, influencer",
     "角色“老板”取值无效（可选：决策者、赞助人、战略教练、抵制者、用户、影响者）"),
    ("interactions", "kind", "午餐",
     "kind '午餐' is not one of visit, call, task, complaint, praise, suggestion, survey",
     "类型“午餐”取值无效（可选：拜访、电话、任务、投诉、表扬、建议、调查）"),
])
def test_a_choice_not_known_lists_the_choices_in_words_of_each_language(kind, field, value, en, zh):
    f = next(f for f in schema.fields(kind) if f.name == field)
    parsed = parse.value_expr(f, "x", "VARCHAR")
    why = duckdb.execute(f"SELECT {reject_reasons.reason_expr(f, 'x', 'VARCHAR', parsed)} FROM (SELECT ? AS x)",
                         [value]).fetchone()[0]
    assert (reject_reasons.reason_text(why, "en"), reject_reasons.reason_text(why, "zh")) == (en, zh)


@pytest.mark.parametrize("field, value, expected", [
    ("role", "ＣＨＡＭＰＩＯＮ", "sponsor"), ("role", "Coach [internal]", "strategic_coach"),
    ("role", "内线【老客户】", "strategic_coach"), ("role", "赞助人（支持我方）", "sponsor"),
    ("role", "Ｄｅｃｉｓｉｏｎ　Ｍａｋｅｒ", "decision_maker"), ("role", "老板", None),
    ("kind", "WeChat", "call"), ("kind", "短信", "call"), ("kind", "电话会议", "call"),
    ("kind", "视频会议", "visit"), ("kind", "Web Meeting", "visit"), ("kind", "午餐", None),
])
def test_an_import_reads_a_choice_as_the_schema_does(field, value, expected):
    kind = "contacts" if field == "role" else "interactions"
    f = next(f for f in schema.fields(kind) if f.name == field)
    read = duckdb.execute(f"SELECT {parse.value_expr(f, 'x', 'VARCHAR')} FROM (SELECT ? AS x)", [value]).fetchone()[0]
    assert read == schema.choice_value(field, value) == expected


@pytest.mark.parametrize("kept, en, zh", [
    ("no account id (缺少客户编号)", "no account id", "缺少客户编号"),
    ("no amount and no quantity × unit price (缺少金额)", "no amount and no quantity × unit price",
     "缺少金额（或数量与单价）"),
    ("more values than the header has columns (值比表头的列多)", "more values than the header has columns",
     "值比表头的列多"),
    ("amount 'abc' is not a number (金额不是数字)", "amount 'abc' is not a number", "金额“abc”不是数字"),
    # kept before the Chinese named the field: the field's Chinese name is looked up
    ("last contact 'soon' is not a date (不是日期)", "last contact 'soon' is not a date", "最近联系日期“soon”不是日期"),
    # kept when the choices were listed as codes in both languages: said in words
    ("kind 'chat' is not one of call, visit (类型取值无效)", "kind 'chat' is not one of call, visit",
     "类型“chat”取值无效（可选：电话、拜访）"),
    ("role '内线' is not one of anti_sponsor, decision_maker (角色取值无效（可选：anti_sponsor, decision_maker）)",
     "role '内线' is not one of anti-sponsor, decision maker", "角色“内线”取值无效（可选：抵制者、决策者）"),
    # two reasons of one row, one value holding the separator itself
    ("no account id (缺少客户编号); amount '1; 2' is not a number (金额不是数字)",
     "no account id; amount '1; 2' is not a number", "缺少客户编号；金额“1; 2”不是数字"),
    ("a reason of another shape", "a reason of another shape", "a reason of another shape"),
])
def test_kept_reasons_read_in_either_language(kept, en, zh):
    assert (reject_reasons.reason_text(kept, "en"), reject_reasons.reason_text(kept, "zh")) == (en, zh)


def test_the_kind_of_a_reason_leaves_its_value_out():
    kept = "no account id (缺少客户编号); date '2024-02-30' does not exist (日期不存在)"
    assert reject_reasons.reason_text(kept, "zh", values=False) == "缺少客户编号；日期不存在"
    assert reject_reasons.reason_text(kept, "en", values=False) == "no account id; date does not exist"
    assert reject_reasons.reason_text("amount '1; 2' is not a number (金额不是数字)", "en", values=False) == "amount is not a number"


def test_float_looking_ids_lose_their_dot_zero():
    assert parse_values(["13085.0", "13085", " C001 ", ""], "id") == ["13085", "13085", "C001", None]


def test_full_width_ids_read_as_typed_half_width_and_chinese_stays():
    # Ｇ１ is G1 as a Chinese input method's full-width mode types it; the ideographic space trims
    assert parse_values(["Ｇ１", "客户Ａ１", "　ＫＡ－００７　", "１３０８５．０", "华东（一）"], "id") == \
        ["G1", "客户A1", "KA-007", "13085", "华东(一)"]


# --- properties --------------------------------------------------------------------------

real_datetimes = st.datetimes(min_value=D(1000, 1, 1), max_value=D(9999, 12, 31)).map(
    lambda d: d.replace(microsecond=0))


def _date_styles(d: datetime) -> tuple[dict, dict]:
    """{text: expected} in every day-first style and every month-first style."""
    y, m, dd = d.year, d.month, d.day
    t = f"{d.hour:02d}:{d.minute:02d}:{d.second:02d}"
    day_only = D(y, m, dd)
    day_first = {
        f"{y:04d}-{m:02d}-{dd:02d}": day_only,
        f"{y}/{m}/{dd}": day_only,
        f"{y}年{m}月{dd}日": day_only,
        f"{dd:02d}/{m:02d}/{y:04d}": day_only,
        f"{y:04d}{m:02d}{dd:02d}": day_only,
        f"{dd}.{m}.{y:04d}": day_only,
        f"{y:04d}-{m:02d}-{dd:02d} {t}": d,
        f"{y:04d}-{m:02d}-{dd:02d}T{t}": d,
        f"{y}/{m}/{dd} {t}": d,
        f"{dd:02d}/{m:02d}/{y:04d} {t}": d,
        f"{y}年{m}月{dd}日 {t}": d,
    }
    month_first = {f"{m:02d}/{dd:02d}/{y:04d}": day_only, f"{m}/{dd}/{y:04d} {t}": d}
    return day_first, month_first


@settings(max_examples=25, deadline=None)
@given(st.lists(real_datetimes, min_size=1, max_size=12))
def test_any_real_date_in_any_style_parses_back(days):
    day_first, month_first = {}, {}
    for d in days:
        a, b = _date_styles(d)
        day_first.update(a)
        month_first.update(b)
    got = parse_values(list(day_first), "date", dayfirst=True)
    assert dict(zip(day_first, got)) == day_first
    got = parse_values(list(month_first), "date", dayfirst=False)
    assert dict(zip(month_first, got)) == month_first


@pytest.mark.parametrize("raw, dayfirst, expected", [
    ("05/03/24", True, D(2024, 3, 5)),          # DuckDB's own cast would read the year 5
    ("5/3/24 8:26", True, D(2024, 3, 5, 8, 26)),
    ("03/05/24", False, D(2024, 3, 5)),
    ("31.12.99", True, D(1999, 12, 31)),
])
def test_two_digit_years_are_this_era(raw, dayfirst, expected):
    assert parse_values([raw], "date", dayfirst=dayfirst) == [expected]


@settings(max_examples=25, deadline=None)
@given(st.lists(real_datetimes, min_size=1, max_size=8), st.booleans(), st.data())
def test_a_files_own_date_format_never_changes_what_a_value_reads_as(days, dayfirst, data):
    """The importer tries the format most of a file's first dates have before all the others:
    any value, in that format or not, two-digit year or four, reads as the full parse reads it."""
    values = []
    for d in days:
        values += list(_date_styles(d)[0 if dayfirst else 1])
        two_digit_year = (d.day, d.month) if dayfirst else (d.month, d.day)
        values.append(f"{two_digit_year[0]:02d}/{two_digit_year[1]:02d}/{d.year % 100:02d}")
    fmt = data.draw(st.sampled_from(date_formats(dayfirst)))
    values += [d.strftime(fmt) for d in days]
    assert parse_values(values, "date", dayfirst=dayfirst, date_format=fmt) == \
        parse_values(values, "date", dayfirst=dayfirst)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.dates(min_value=date(1927, 5, 18), max_value=date(2173, 10, 13)), min_size=1, max_size=8))
def test_excel_serial_numbers_parse_to_their_date(days):
    serials = [(day - date(1899, 12, 30)).days for day in days]   # Excel's day 0 (after its 1900 bug)
    assert all(10000 <= s <= 99999 for s in serials)
    assert parse_values([str(s) for s in serials], "date") == [D(d.year, d.month, d.day) for d in days]


def _grouped(x: Decimal) -> str:
    return f"{abs(x):,.2f}"


def _european(x: Decimal) -> str:
    return _grouped(x).replace(",", "_").replace(".", ",").replace("_", ".")


amounts = st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=2,
                      allow_nan=False, allow_infinity=False)


@settings(max_examples=25, deadline=None)
@given(st.lists(amounts, min_size=1, max_size=12))
def test_any_amount_in_any_style_parses_back_to_the_cent(xs):
    plain, european = [], []
    for x in xs:
        sign = "-" if x < 0 else ""
        plain += [(x, sign + _grouped(x)), (x, sign + "¥" + _grouped(x)), (x, sign + "￥" + _grouped(x)),
                  (x, f"({_grouped(x)})" if x < 0 else _grouped(x))]
        european += [(x, sign + _european(x)), (x, f"({_european(x)})" if x < 0 else _european(x))]
    got = (parse_values([raw for _, raw in plain], "money")
           + parse_values([raw for _, raw in european], "money", decimal_comma=True))
    for (x, raw), value in zip(plain + european, got):
        assert value is not None, raw
        assert Decimal(str(round(value, 2))) == x, (raw, value)


texts = st.one_of(st.text(), st.from_regex(r"[0-9０-９/\-.年月日:() ,¥$-]{0,20}", fullmatch=True))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=1, max_size=15))
def test_arbitrary_text_never_raises(values):
    for type_ in ("date", "money"):
        for value in parse_values(values, type_):
            assert value is None or isinstance(value, (datetime, float, int, str))
    for type_ in ("date", "money"):
        for why in reasons(values, type_, required=True):
            assert why is None or isinstance(why, str)
    for value in parse_values(values, "int", lo=1, hi=5):
        assert value is None or 1 <= value <= 5


def test_a_number_written_in_the_other_convention_is_rejected_not_misread():
    # In a column of 1,234.56 the value 1.234,56 is not 1.23456, nor 12,5 the number 125; in a
    # column of 1.234,56 the value 1,234.56 is not 1.23456 either.
    assert parse_values(["1,234.56", "1.234,56", "12,5", "1'234.50", "1 234.5", "1,234"], "money") == \
        [1234.56, None, None, 1234.5, 1234.5, 1234.0]
    assert parse_values(["1.234,56", "12,5", "1,234.56", "1234"], "money", decimal_comma=True) == \
        [1234.56, 12.5, None, 1234.0]
    (why,) = reasons(["1.234,56"], "money")
    assert "'1.234,56'" in why and "not a number" in why


@pytest.mark.parametrize("value, expected", [
    ("45356.4076388889", "2024-03-05 09:47"),  # as Excel writes 5 March 2024, 09:47
    ("45356", "2024-03-05"),  # a date alone
    ("45292.5", "2024-01-01 12:00"),
    ("100.5", None), ("2024-03-05", None), ("K1", None), ("", None),
])
def test_an_excel_serial_reads_as_the_date_the_import_stores(value, expected):
    from kamp.parse import excel_serial_text

    assert excel_serial_text(value) == expected
    if expected:  # the import's own reading of the same value
        (stored,) = parse_values([value], "date")
        assert f"{stored:%Y-%m-%d %H:%M}".removesuffix(" 00:00") == expected


def test_a_formula_kamp_wrote_behind_a_quote_reads_as_the_formula_text():
    # a rejects file KAMP wrote ('=1+2), corrected in Excel and imported again, reads as the file
    # had it; a quote before anything else is the text's own
    from kamp.parse import excel_text, excel_text_count

    values = ["'=1+2", "'+cmd", "'-X9", "'@SUM", "'tis", "'", "=1+2", "plain"]
    con = duckdb.connect()
    read = con.execute(f"SELECT {excel_text('v')} FROM unnest($v) t(v)", {"v": values}).fetchall()
    assert [r[0] for r in read] == ["=1+2", "+cmd", "-X9", "@SUM", "'tis", "'", "=1+2", "plain"]
    # a column is read so when its first rows hold such values: here four of them
    assert con.execute(f"SELECT {excel_text_count('v')} FROM unnest($v) t(v)", {"v": values}).fetchone()[0] == 4
