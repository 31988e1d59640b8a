"""Every user-facing string of the app, in English and Simplified Chinese.

``t(key, lang, **values)`` looks a key up and fills ``{placeholders}``. A missing key is a
bug and raises ``KeyError`` (a test checks that every key the pages use exists in both
languages). English words that follow a count are written ``{n?account|accounts}``: the
first when ``n`` is 1, the second otherwise ("1 account", "2 accounts"; Chinese needs none).
"""
from __future__ import annotations

import importlib
import math
import re
import textwrap

LANGUAGES = {"zh": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh"

TEXTS: dict[str, tuple[str, str]] = {}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    """The text of ``key`` in ``lang`` (``"en"`` or ``"zh"``) with ``values`` filled in."""
    en, zh = TEXTS[key]
    text = zh if lang == "zh" else en
    if not values:
        return text
    if "?" in text:
        text = _PLURAL.sub(lambda m: m.group(2) if values.get(m.group(1)) == 1 else m.group(3), text)
    return text.format(**values)


_PLURAL = re.compile(r"\{(\w+)\?([^|{}]*)\|([^{}]*)\}")


def explain(exc: BaseException, lang: str = DEFAULT_LANGUAGE) -> str:
    """What went wrong, in ``lang``: a :class:`kamp.problems.Problem` in that language, any
    other exception as its own message."""
    from kamp.problems import Problem  # it builds on this module

    return exc.text(lang) if isinstance(exc, Problem) else str(exc)


def field_label(field, lang: str) -> str:
    """A schema field's name in ``lang``."""
    return field.label_zh if lang == "zh" and field.label_zh else field.label


def in_sentence(label: str, lang: str) -> str:
    """A label (a measure's name, as a column header gives it) as it reads within an English sentence:
    its first word in lower case (net revenue), unless an abbreviation or a name (HHI, R score,
    WeChat contacts); Chinese as it is."""
    first = label.split(" ", 1)[0]
    if lang == "zh" or len(first) < 2 or not first[0].isupper() or first[1:] != first[1:].lower():
        return label
    return label[0].lower() + label[1:]


SHORT_UNITS = ((1e9, "B"), (1e6, "M"), (1e3, "k"))
WAN_UNITS = ((1e8, "亿"), (1e4, "万"))


# Whether Chinese money figures use 万/亿: the database's ``money_units`` setting, one for every
# session of the app, set on each page run or export with :func:`use_wan` and read by
# :func:`money` and :func:`tick_money`, so that every chart, slide and report speaks in the
# same units. (A module value, not a context variable: Streamlit runs a page's code in a
# context of its own, where a value set by app.py is not seen.)
_WAN = {"on": False}


def use_wan(on: bool) -> None:
    """Chinese money figures in 万/亿 (``True``) or k/M/B from now on."""
    _WAN["on"] = bool(on)


def _units(lang: str, wan: bool | None):
    return WAN_UNITS if (_WAN["on"] if wan is None else wan) and lang == "zh" else SHORT_UNITS


def money(value, lang: str = "en", wan: bool | None = None) -> str:
    """A money figure, short: 9.44B, 215.92M, 13.18k, 12.50; "—" when unknown.

    In Chinese with ``wan`` (by default: as :func:`use_wan` set it), the Chinese units instead:
    1.23亿 (≥ 1e8), 45.60万 (≥ 1e4), plain below. A figure that rounds up to the next unit takes
    it (999,999,999 → 1.00B, not 1,000.00M). Nothing (-0.0, -0.004) is 0.00, never -0.00.
    """
    if value is None or value != value:  # None or NaN
        return "—"
    if round(value, 2) == 0:
        return "0.00"
    units = _units(lang, wan)
    lower = [size for size, _ in units[1:]] + [1.0]
    for (size, suffix), below in zip(units, lower):
        if round(abs(value) / below, 2) * below >= size:  # as the smaller unit would show it
            return f"{value / size:,.2f}{suffix}"
    return f"{value:,.2f}"


def column_unit(values, lang: str = "en", wan: bool | None = None, short: bool = False
                ) -> tuple[float, str, int] | None:
    """The unit of a column of money figures shown in one unit (so that it still sorts and
    compares at a glance), named in its header with :func:`in_unit`, by the median of the
    column's figures other than zero (a column of mostly nothing, as sums overdue, still reads
    in the unit of its sums): in Chinese with 万/亿, (1e8, "亿", 2 decimals) from 1亿, (1e4, "万", 1) from 1万;
    otherwise, with ``short`` (a summary table), (1e9, "B", 2), (1e6, "M", 2) or (1e3, "k", 1).
    None for figures shown as they are (smaller sums, full figures, no known figure)."""
    units = _units(lang, wan)
    if units is not WAN_UNITS and not short:
        return None
    known = sorted(abs(float(v)) for v in values if v is not None and v == v and v != 0)
    if not known:
        return None
    middle = (known[(len(known) - 1) // 2] + known[len(known) // 2]) / 2
    digits = (2, 1) if units is WAN_UNITS else (2, 2, 1)
    return next(((size, unit, d) for (size, unit), d in zip(units, digits) if middle >= size), None)


def table_unit(columns, lang: str = "en", wan: bool | None = None, short: bool = False
               ) -> tuple[float, str, int] | None:
    """The one unit of a table's money ``columns`` (iterables of figures) compared side by side,
    by the median of all their figures (:func:`column_unit`), so that a row reads in one unit."""
    return column_unit([v for values in columns for v in values], lang, wan, short)


def column_money(value, unit: tuple[float, str, int] | None, decimals: int = 0) -> str:
    """A money figure of a table column in its ``unit`` (:func:`column_unit`): 31.45 in a column of
    亿; with None in full, to ``decimals`` places (3,145,445,702)."""
    return f"{float(value) / unit[0]:,.{unit[2]}f}" if unit else f"{float(value):,.{decimals}f}"


def colon(lang: str) -> str:
    """What stands between a label and its value: the full-width "：" in Chinese, ": " in English."""
    return "：" if lang == "zh" else ": "


def labelled(label: str, value, lang: str) -> str:
    """A value after its label, as a tooltip line reads: 订单数：42, Orders: 42."""
    return f"{label}{colon(lang)}{value}"


def aside(text: str, note, lang: str) -> str:
    """``text`` with ``note`` in brackets after it, full-width in Chinese: 投资发展（6）, Maintain (6)."""
    return f"{text}（{note}）" if lang == "zh" else f"{text} ({note})"


def counted(name: str, n: int, lang: str) -> str:
    """A name with its count, as a legend gives it: 未标记（1,088）, Not flagged (1,088)."""
    return aside(name, f"{int(n):,}", lang)


def in_unit(label: str, unit: str, lang: str = "zh") -> str:
    """A column's header with the unit of its figures: 净收入（亿）, Net revenue (M)."""
    return aside(label, unit, lang)


def tick_money(value: float, lang: str = "en", digits: int = 2, wan: bool | None = None, of=None) -> str:
    """A compact money label for a chart (an axis tick, a bar): 250M, 1.5B, 13.2k, 0.01, 0 — or, in
    Chinese with 万/亿, 2.5亿, 5,000万 — with at most ``digits`` decimals, trailing zeros dropped.
    ``of``: the figure whose unit to use (an axis's largest tick, so that the axis reads in one
    unit: 0.75亿 beside 1亿, not 7,500万)."""
    if value is None or value != value:
        return "—"
    if value == 0:
        return "0"
    for size, suffix in _units(lang, wan):
        if abs(value if of is None else of) >= size:
            return _trim(f"{value / size:,.{digits}f}") + suffix
    places = min(digits, 1) if abs(value) < 10 else 0
    if abs(value) < 1:  # as many places as a figure under one needs not to read 0: 0.01, 0.005
        places = max(places, math.ceil(-math.log10(abs(value)) - 1e-9))
    return _trim(f"{value:,.{places}f}")


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def text_width(text: str) -> int:
    """Rough width of a label in Latin characters (a CJK character counts two)."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
_ENDS_A_LINE = set(" ，。、；：！？）》」』…")  # Chinese may break after these, and before "（"
# and after these words, unless the next character makes a word of them (的确, 及时, 或者 …)
_PARTICLES = {"的": "确", "和": "平谐睦", "与": "会者", "及": "时格早", "或": "者许"}


def _may_break_after(text: str, i: int) -> bool:
    ch, after = text[i], text[i + 1]
    return ch in _ENDS_A_LINE or after == "（" or (ch in _PARTICLES and after not in _PARTICLES[ch])


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of about ``width`` (:func:`text_width`): English at its spaces; Chinese,
    which has none, only where a line may end — after a space, a punctuation mark or 的/和/与/及/或,
    before a bracket — at the place nearest an even split that fits (提供高品质的 / 服务和技术支持),
    else the first past it, so that no word is cut (a line with no such place runs longer)."""
    if not _CJK.search(text):
        return textwrap.wrap(text, width)
    lines, text = [], text.strip()
    while text_width(text) > width:
        cuts = [i + 1 for i in range(len(text) - 1) if _may_break_after(text, i)]
        if not cuts:
            break
        even = text_width(text) / math.ceil(text_width(text) / width)
        fit = [p for p in cuts if text_width(text[:p].rstrip()) <= width]
        at = min(fit, key=lambda p: abs(text_width(text[:p]) - even)) if fit else cuts[0]
        lines.append(text[:at].rstrip())
        text = text[at:].lstrip()
    return lines + [text] if text else lines


def _merge(extra: dict[str, tuple[str, str]]) -> None:
    clash = set(extra) & set(TEXTS)
    if clash:
        raise KeyError(f"translation keys defined twice: {sorted(clash)}")
    TEXTS.update(extra)


# The strings live in modules of their own (tables of strings, no imports back), one per part of the app.
for _module in ("texts_core", "texts_columns", "texts_import", "texts_decisions", "texts_profit", "texts_coverage",
                "texts_plan", "texts_people", "texts_workspace", "texts_review", "texts_settings", "texts_problems",
                "texts_portfolio"):
    _merge(importlib.import_module(f"kamp.{_module}").TEXTS)
