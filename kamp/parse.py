"""Value parsing as DuckDB SQL expressions, so a whole column is parsed in one vectorised pass.

Each ``*_expr`` function takes a quoted column reference and the column's DuckDB type and
returns an SQL expression that yields the parsed value or NULL; :mod:`kamp.reasons` gives, for
the same column, the reason a person reads when a non-empty value cannot be parsed.
:func:`parse_values` runs these on a Python list, for tests and previews.
"""
from __future__ import annotations

import datetime as dt
import re

import duckdb

from kamp.schema import Field

TEXT_TYPES = ("VARCHAR",)
TIME_TYPES = ("TIMESTAMP", "DATE", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S", "TIMESTAMP WITH TIME ZONE")
NUMERIC_PREFIXES = ("DOUBLE", "FLOAT", "REAL", "DECIMAL", "BIGINT", "INTEGER", "SMALLINT", "TINYINT",
                    "HUGEINT", "UBIGINT", "UINTEGER", "USMALLINT", "UTINYINT")

_TIMES = ["", " %H:%M:%S", " %H:%M", " %H:%M:%S.%f", " %I:%M:%S %p", " %I:%M %p"]
_YMD = [f"%Y-%m-%d{t}" for t in _TIMES]
# Two-digit years first: '%Y' would read '24' as the year 24.
_DMY = [f"%d-%m-%y{t}" for t in _TIMES[:3]] + [f"%d-%m-%Y{t}" for t in _TIMES]
_MDY = [f"%m-%d-%y{t}" for t in _TIMES[:3]] + [f"%m-%d-%Y{t}" for t in _TIMES]
_NAMED = ["%d-%b-%y", "%d-%b-%y %H:%M", "%d %b %Y", "%d-%b-%Y", "%b %d %Y", "%d %B %Y", "%B %d %Y",
          "%d %b %Y %H:%M", "%d-%b-%Y %H:%M", "%b-%Y", "%b %Y", "%B %Y", "%B-%Y"]  # the last four: a month

# A value that has the shape of a date, so a failed parse means the date does not exist.
_DATE_SHAPE = r"^\s*(\d{4}[-/.年]\d{1,2}([-/.月]\d{1,2}|月|\s*$)|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{6,8}\s*$)"
# A Chinese unit after the digits: 100万 is 1,000,000, 1.2亿 120,000,000 (Traditional 萬, 億 too).
CHINESE_UNITS = {"千": 1e3, "万": 1e4, "萬": 1e4, "百万": 1e6, "百萬": 1e6, "千万": 1e7, "千萬": 1e7,
                 "亿": 1e8, "億": 1e8}
_UNIT = "|".join(sorted(CHINESE_UNITS, key=len, reverse=True))
_SIGN = r"NT\$|HK\$|US\$|¥|￥|\$|€|£|RMB|CNY|USD|EUR|GBP|HKD|TWD|人民币"
_MONEY_SHAPE = (rf"^\s*[-+]?\s*\(?\s*[-+]?\s*({_SIGN})?\s*"
                rf"([0-9][0-9,.'\s ]*)?\s*({_UNIT})?\s*(元|円)?\s*(人民币)?\s*\)?\s*-?\s*$")
_CURRENCY = rf"{_SIGN}|元|円|{_UNIT}|[\s' ]"
# Zero as Excel's accounting format shows it: a dash, after the currency sign if any (¥ -).
_DASH = rf"\s*({_SIGN})?\s*-\s*(元|円)?\s*"


# Full-width ASCII (typed in a Chinese input method's full-width mode) reads as its half-width
# form: '１，２３４．５' is 1,234.5, '２０２４／３／５' a date and 'Ｇ１' the account G1 (see
# :func:`narrowed`), in the fields of these types. Chinese characters stay as they are.
NARROWED_TYPES = ("id", "date", "money", "number", "int")
_WIDE = "".join(map(chr, range(0xFF01, 0xFF5F))) + "\u3000"  # ！ to ～, and the ideographic space
_NARROW = "".join(map(chr, range(0x21, 0x7F))) + " "


def narrowed(col: str) -> str:
    """Text column ``col`` with full-width ASCII made half-width. Only a value that holds some is
    translated (a translate of the whole range costs 3 µs a value; an ASCII value, bytes =
    characters, is not even searched). Put in a projection under the parse (:func:`value_expr`
    names its column many times over)."""
    return (f"(CASE WHEN strlen({col}) = length({col}) OR NOT regexp_matches({col}, '[！-～\u3000]') THEN {col} "
            f"ELSE translate({col}, {_lit(_WIDE)}, {_lit(_NARROW)}) END)")


def excel_text(col: str) -> str:
    """Text column ``col`` as written for Excel, read as it was meant: ``="000123"`` (written so
    that Excel shows the zeros) is 000123; ``'=1+2`` (a CSV file KAMP wrote, the quote keeping
    Excel from running a formula: :mod:`kamp.formula_cells`) is =1+2, while 'tis stays. Put in a
    projection under the parse, for a column whose first rows hold such values
    (:func:`excel_text_count`)."""
    t = f"trim({col})"
    return (f"(CASE WHEN starts_with({t}, '=\"') AND ends_with({t}, '\"') AND strlen({t}) > 2 "
            f"THEN substr({t}, 3, length({t}) - 3) "
            f"WHEN starts_with({col}, '''') THEN regexp_replace({col}, {_lit(QUOTED_FORMULA)}, '\\1') "
            f"ELSE {col} END)")


# A formula's first character behind the quote that keeps a spreadsheet from running it.
QUOTED_FORMULA = "^'([=+\\-@\t\r])"


def excel_text_count(col: str) -> str:
    """An aggregate: how many values of ``col`` are written for Excel (:func:`excel_text`)."""
    text = f"CAST({col} AS VARCHAR)"
    return (f"count(*) FILTER (WHERE starts_with(trim({text}), '=\"') "
            f"OR regexp_matches({text}, {_lit(QUOTED_FORMULA)}))")


def _is(type_: str, kinds) -> bool:
    return any(type_.upper().startswith(k) for k in kinds)


def q(name: str) -> str:
    """Quote an SQL identifier."""
    return '"' + str(name).replace('"', '""') + '"'


def text_expr(col: str, type_: str) -> str:
    if _is(type_, TEXT_TYPES):
        return f"nullif(trim({col}), '')"
    return f"nullif(trim(CAST({col} AS VARCHAR)), '')"


def id_expr(col: str, type_: str) -> str:
    """Identifiers as text; ``13085.0`` (a float id) becomes ``13085``."""
    if _is(type_, ("DOUBLE", "FLOAT", "REAL", "DECIMAL")):
        return (f"CASE WHEN {col} = floor({col}) THEN CAST(CAST({col} AS HUGEINT) AS VARCHAR) "
                f"ELSE CAST({col} AS VARCHAR) END")
    t = text_expr(col, type_)
    return f"(CASE WHEN contains({t}, '.') THEN regexp_replace({t}, '^(\\d+)\\.0+$', '\\1') ELSE {t} END)"


def date_formats(dayfirst: bool = True) -> list[str]:
    """The formats :func:`date_expr` reads, in the order it tries them, each with the
    separators a file may write (``/``, ``-``, ``.``, ``年月日``): the candidates for a file's
    own format (:func:`date_format_counts`)."""
    dm = (_DMY if dayfirst else _MDY)
    out = []
    for sep in ("-", "/", "."):
        out += [f.replace("-", sep) for f in _YMD + dm]
    out += [f.replace("%Y-%m-%d", "%Y年%m月%d日") for f in _YMD]
    return out + _NAMED


def date_format_counts(col: str, formats: list[str]) -> list[str]:
    """One aggregate per format of ``formats``: how many values of ``col`` read with it."""
    return [f"count(try_strptime(CAST({col} AS VARCHAR), {_lit(f)}))" for f in formats]


def date_expr(col: str, type_: str, dayfirst: bool = True, fmt: str | None = None) -> str:
    """Timestamps from ISO, ``2024/3/5``, ``2024年3月5日``, ``05/03/2024`` (day-first unless
    ``dayfirst`` is false), ``19970101``, Excel serial numbers, with or without a time.

    ``fmt``: the file's own format (one of :func:`date_formats`, found in its first rows),
    tried right after ISO on the value as it is. It reads what the full parse reads, only
    without trying a dozen formats first: a value whose year it would read as two digits
    (``05/03/24`` with ``%Y``) is left to the full parse, which reads 2024.

    An Excel serial is read to the millisecond, as Excel keeps times: the 15 digits it writes
    (``45603.4076388889`` for 09:47) would read a microsecond late."""
    if _is(type_, TIME_TYPES):
        return f"CAST({col} AS TIMESTAMP)"
    t = text_expr(col, type_)
    dm = _DMY + _MDY if dayfirst else _MDY + _DMY
    fmt_list = lambda fmts: "[" + ", ".join("'" + f + "'" for f in fmts) + "]"  # noqa: E731
    # The common case first, on the value as read: DuckDB's cast allows the spaces around it
    # (trimming every value first costs more than all the rest for a file of plain ISO dates).
    # A year below 1000 is a two-digit year read as it stands ('05/03/24' is not the year 5):
    # the full parse below reads it.
    cast = iso_cast(col if _is(type_, TEXT_TYPES) else t)
    fast = [cast] + ([f"try_strptime(CAST({col} AS VARCHAR), {_lit(fmt)})"] if fmt else [])
    fast = ", ".join(f"CASE WHEN year({x}) >= 1000 THEN {x} END" for x in fast)
    # Separators / . 年 月 become '-', 日 and a 'T' before the time go; only the date part.
    norm = (f"regexp_replace(regexp_replace(regexp_replace({_meridiem(t)}, "
            f"'^(\\d{{1,4}})[/.年](\\d{{1,2}})[/.月](\\d{{1,4}})日?', '\\1-\\2-\\3'), "
            f"'^(\\d{{4}}-\\d{{1,2}}-\\d{{1,2}})T', '\\1 '), '\\s+', ' ', 'g')")
    # A month alone (2024-03, 2024年3月, 202403, Mar-2024: a monthly summary's period) reads as
    # its first day.
    return f"""coalesce({fast}, CASE
        WHEN {t} IS NULL THEN NULL
        WHEN regexp_full_match({t}, '\\d{{5}}(\\.\\d+)?')
            THEN TIMESTAMP '1899-12-30' + to_milliseconds(CAST(round(CAST({t} AS DOUBLE) * 86400000) AS BIGINT))
        WHEN regexp_full_match({t}, '\\d{{8}}') THEN try_strptime({t}, '%Y%m%d')
        WHEN regexp_full_match({t}, '\\d{{4}}\\s*[-/.年]\\s*\\d{{1,2}}\\s*月?')
            THEN try_strptime(regexp_replace({t}, '^(\\d{{4}})\\s*[-/.年]\\s*(\\d{{1,2}})\\s*月?$', '\\1-\\2-1'), '%Y-%m-%d')
        WHEN regexp_full_match({t}, '(19|20)\\d{{2}}(0[1-9]|1[0-2])') THEN try_strptime({t} || '01', '%Y%m%d')
        WHEN regexp_full_match({norm}, '\\d{{4}}-\\d{{1,2}}-\\d{{1,2}}.*')
            THEN coalesce(try_strptime({norm}, {fmt_list(_YMD)}), try_cast({norm} AS TIMESTAMP))
        WHEN regexp_full_match({norm}, '\\d{{1,2}}-\\d{{1,2}}-\\d{{2,4}}.*')
            THEN try_strptime({norm}, {fmt_list(dm[:len(_DMY)])})
        ELSE try_strptime(replace({norm}, ',', ''), {fmt_list(_NAMED)})
    END)"""


def _meridiem(text: str) -> str:
    """Text ``text`` with a time of Windows' Chinese format (``2026/3/5 下午 02:30:00``) as the
    12-hour formats read it: ``2026/3/5 02:30:00 PM`` (上午 is AM, 下午 PM)."""
    moved = (f"regexp_replace({text}, '(上午|下午)\\s*(\\d{{1,2}}:\\d{{2}}(:\\d{{2}})?)\\s*$', '\\2 \\1')")
    return f"(CASE WHEN contains({text}, '午') THEN replace(replace({moved}, '上午', 'AM'), '下午', 'PM') ELSE {text} END)"


def iso_cast(text: str) -> str:
    """DuckDB's cast of an ISO date (and time) to a timestamp, for text with at most one space:
    the cast reads past a word after the time, and would read '2024-03-05 01:00:00 PM' as one
    in the morning (those go to the formats with AM/PM)."""
    return f"CASE WHEN {text} NOT LIKE '% % %' THEN try_cast({text} AS TIMESTAMP) END"


_SERIAL = re.compile(r"\d{5}(\.\d+)?")


def excel_serial_text(value) -> str | None:
    """An Excel date serial (``45353.4076388889``) as the date it is, as the import reads it
    (``2024-03-02 09:47``; the date alone when there is no time); None for any other value."""
    text = str(value).strip()
    if not _SERIAL.fullmatch(text):
        return None
    ms = round(float(text) * 86_400_000)
    when = dt.datetime(1899, 12, 30) + dt.timedelta(milliseconds=ms)
    return f"{when:%Y-%m-%d}" if ms % 86_400_000 == 0 else f"{when:%Y-%m-%d %H:%M}"


def money_expr(col: str, type_: str, decimal_comma: bool = False, dash: bool = True) -> str:
    """Numbers from ``1,234.56``, ``¥1,234``, ``(123.00)``, ``-5``, ``5-``, full-width
    ``１，２３４``, with a Chinese unit (:data:`CHINESE_UNITS`: ``¥1,200万``, ``1.2亿元``) or, with
    ``decimal_comma``, ``1.234,56``; with ``dash``, a dash alone (``-``, ``¥ -``: Excel's accounting
    format of zero) is 0."""
    if _is(type_, NUMERIC_PREFIXES):
        return f"CAST({col} AS DOUBLE)"
    t = text_expr(col, type_)
    bare = f"regexp_replace({t}, {_lit(_CURRENCY + '|[()+-]')}, '', 'g')"
    # thousands marks only in groups of three, before the decimal mark: 1.234,56 in a column of
    # 1,234.56 is not 1.23456, and 12,5 is not 125 — such a value is rejected, not misread
    group, point = (".", ",") if decimal_comma else (",", ".")
    layout = _lit(f"(\\d{{1,3}}(\\{group}\\d{{3}})+|\\d+)?(\\{point}\\d*)?")
    if decimal_comma:
        digits = f"replace(replace({bare}, '.', ''), ',', '.')"
    else:
        digits = f"replace({bare}, ',', '')"
    negative = f"(regexp_matches({t}, '^\\s*\\(.*\\)\\s*$|^\\s*-|-\\s*$|^[^0-9]*-'))"
    # no digits: a dash alone is zero (not -0), a currency sign alone no number
    zero = f"WHEN {bare} = '' THEN (CASE WHEN regexp_full_match({t}, {_lit(_DASH)}) THEN 0.0 END) " if dash else ""
    slow = (f"(CASE WHEN {t} IS NULL OR NOT regexp_full_match({t}, {_lit(_MONEY_SHAPE[1:-1])}) "
            f"OR NOT regexp_full_match({bare}, {layout}) THEN NULL "
            f"{zero}ELSE (CASE WHEN {negative} THEN -1 ELSE 1 END) * {_in_units(t, f'try_cast({digits} AS DOUBLE)')} END)")
    if decimal_comma:
        return slow
    # the common case, '1234.5', without the regular expressions (nor trimming: the cast allows spaces)
    plain = f"try_cast({col if _is(type_, TEXT_TYPES) else t} AS DOUBLE)"
    return f"coalesce(CASE WHEN isfinite({plain}) THEN {plain} END, {slow})"


def _in_units(text: str, number: str) -> str:
    """``number`` times the Chinese unit ``text`` ends with, if any, to the millionth: 0.07万 is
    700, not 700.0000000000001."""
    unit = f"regexp_extract({text}, {_lit(f'({_UNIT})')}, 1)"
    cases = " ".join(f"WHEN {_lit(u)} THEN round({number} * {x:.0f}, 6)" for u, x in CHINESE_UNITS.items())
    return f"(CASE {unit} {cases} ELSE {number} END)"


def has_unit(col: str) -> str:
    """Whether the text of ``col`` holds a Chinese unit (12万): a column headed 金额(万元) holding
    it is not in ten-thousands again."""
    return f"regexp_matches(CAST({col} AS VARCHAR), {_lit(_UNIT)})"


def percent_expr(col: str, decimal_comma: bool = False) -> str:
    """Text column ``col`` written as a percentage (``10%``, ``12.5 %``) as the share it is
    (0.1, 0.125); NULL for any other value."""
    point = "," if decimal_comma else "\\."
    shape = _lit(f"\\s*(\\d+({point}\\d*)?|{point}\\d+)\\s*%\\s*")
    number = f"replace(regexp_extract({col}, '[0-9.,]+'), ',', '.')"
    return (f"(CASE WHEN contains({col}, '%') AND regexp_full_match({col}, {shape}) "
            f"THEN try_cast({number} AS DOUBLE) / 100 END)")


def int_expr(col: str, type_: str) -> str:
    m = money_expr(col, type_, dash=False)  # an attitude of - is not known, not neutral
    return f"(CASE WHEN {m} = round({m}) THEN try_cast({m} AS INTEGER) END)"  # 1E10: no int, rejected


# What Excel shows in a cell whose formula failed (or a value typed as one): no value at all.
EXCEL_ERROR = (r"#(N/A|DIV/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!"
               r"|BUSY!|UNKNOWN!|PYTHON!)")


def excel_error(col: str) -> str:
    """Whether the text of ``col`` is an Excel error such as ``#N/A`` (searched for only in a
    value holding '#')."""
    text = f"CAST({col} AS VARCHAR)"
    return f"(contains({text}, '#') AND regexp_full_match(trim({text}), {_lit(EXCEL_ERROR)}))"


def value_expr(f: Field, col: str, type_: str, *, dayfirst: bool = True, decimal_comma: bool = False,
               date_format: str | None = None) -> str:
    """The parse expression for field ``f`` read from column ``col`` of type ``type_``
    (``date_format``: a date column's own format, see :func:`date_expr`). An Excel error
    (``#N/A``) is no value: a number or a date none can be read from, text NULL."""
    value = _value_expr(f, col, type_, dayfirst=dayfirst, decimal_comma=decimal_comma, date_format=date_format)
    if f.type in ("id", "text", "choice") and _is(type_, TEXT_TYPES):
        return f"(CASE WHEN {excel_error(col)} THEN NULL ELSE {value} END)"
    return value


def _value_expr(f: Field, col: str, type_: str, *, dayfirst: bool, decimal_comma: bool,
                date_format: str | None) -> str:
    if f.type == "id":
        return id_expr(col, type_)
    if f.type == "date":
        return date_expr(col, type_, dayfirst, date_format)
    if f.type in ("money", "number"):
        return money_expr(col, type_, decimal_comma)
    if f.type == "choice":
        return choice_expr(f.name, col)
    if f.type == "int":
        e = int_expr(col, type_)
        if f.lo is not None:
            e = f"(CASE WHEN {e} BETWEEN {int(f.lo)} AND {int(f.hi)} THEN {e} END)"
        return e
    return text_expr(col, type_)


def choice_expr(name: str, col: str) -> str:
    """The value of choice field ``name`` that column ``col`` spells (as :func:`kamp.schema.choice_key`
    folds it: "Decision-Maker", "ＣＨＡＭＰＩＯＮ", "赞助人（支持我方）", "Coach [internal]"), or NULL."""
    from kamp.schema import CHOICE_NOTE, CHOICE_SPACING, choice_spellings

    cases = " ".join(f"WHEN {_lit(k)} THEN {_lit(v)}" for k, v in choice_spellings(name).items())
    note = f"regexp_replace({narrowed(f'CAST({col} AS VARCHAR)')}, {_lit(CHOICE_NOTE)}, '', 'g')"
    return f"(CASE lower(regexp_replace({note}, {_lit(CHOICE_SPACING)}, '', 'g')) {cases} ELSE NULL END)"


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def dayfirst_counts(col: str) -> list[str]:
    """Three aggregates over ``col``: how many values look like ``25/03/2024`` (day first),
    like ``03/25/2024`` (month first), and like either (``05/03/2024`` too: the values whose
    day and month a date order decides)."""
    v = f"trim(CAST({col} AS VARCHAR))"
    return [f"count(*) FILTER (WHERE try_cast(regexp_extract({v}, '^(\\d{{1,2}})[-/.]', 1) AS INT) > 12)",
            f"count(*) FILTER (WHERE try_cast(regexp_extract({v}, '^\\d{{1,2}}[-/.](\\d{{1,2}})[-/.]', 1) AS INT) > 12)",
            f"count(*) FILTER (WHERE regexp_matches({v}, '^\\d{{1,2}}[-/.]\\d{{1,2}}[-/.]\\d{{2,4}}'))"]


def decimal_comma_counts(col: str) -> list[str]:
    """Two aggregates over ``col``: how many values have a decimal comma (``12,5``,
    ``1.234,56``, or dots between groups of three: ``1.000.000``) and how many a decimal point
    (``12.5``, ``1,234.56``, ``1,000,000``)."""
    v = f"trim(CAST({col} AS VARCHAR))"
    return [f"count(*) FILTER (WHERE regexp_matches({v}, '\\d,\\d{{1,2}}\\)?-?$') OR regexp_matches({v}, '\\.\\d{{3}},') "
            f"OR regexp_matches({v}, '\\d\\.\\d{{3}}\\.\\d{{3}}(\\D|$)'))",
            f"count(*) FILTER (WHERE regexp_matches({v}, '\\d\\.\\d{{1,2}}\\)?-?$') OR regexp_matches({v}, ',\\d{{3}}\\.') "
            f"OR regexp_matches({v}, '\\d,\\d{{3}},\\d{{3}}(\\D|$)'))"]


def _values_table(values: list, type_: str):
    """A connection holding ``values`` as table ``v``: ``i`` (the position), ``x`` (the value
    as written) and ``n`` (as the parse reads it, see :func:`narrowed`)."""
    con = duckdb.connect()
    narrow = narrowed("x") if type_ in NARROWED_TYPES else "x"
    con.execute("CREATE TABLE v0 (i INTEGER, x VARCHAR)")
    con.executemany("INSERT INTO v0 VALUES (?, ?)", [[i, None if x is None else str(x)] for i, x in enumerate(values)])
    con.execute(f"CREATE TABLE v AS SELECT i, x, {narrow} AS n FROM v0")
    return con


def parse_values(values: list, type_: str, *, dayfirst: bool = True, decimal_comma: bool = False,
                 lo: float | None = None, hi: float | None = None, date_format: str | None = None) -> list:
    """Parse a list of raw values as field type ``type_``; returns the parsed values (None where
    unparseable) — the same SQL the importer runs."""
    f = Field("value", type_, lo=lo, hi=hi)
    expr = value_expr(f, "n", "VARCHAR", dayfirst=dayfirst, decimal_comma=decimal_comma, date_format=date_format)
    return [r[0] for r in _values_table(values, type_).execute(f"SELECT {expr} FROM v ORDER BY i").fetchall()]
