"""Why an imported row is rejected: for each field, the SQL of the reason a person reads when a
non-empty value cannot be parsed (:func:`reason_expr`, next to :mod:`kamp.parse`'s value), kept
as the English sentence with the Chinese in brackets (:func:`reason_sql`), and read back in one
language (:func:`reason_text`).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import string

from kamp import i18n
from kamp.parse import _DATE_SHAPE, _lit, _values_table, excel_error, value_expr
from kamp.problems import Listing, Words
from kamp.schema import CHOICES, KINDS, Field

# The years a date may fall in: a typing slip (2300, 0001) would otherwise be stored, and stretch
# every chart and trend to span it.
DATE_YEARS = (1900, 2099)
# How far after today's date a date of what has happened may be: a day, for time zones.
FUTURE_DAYS = 1


# The largest amount or number a line may hold: beyond, it is a mistake (a cell of digits), and
# sums over many lines would lose every cent or overflow to infinity.
LARGEST = 1e15


def reason_expr(f: Field, col: str, type_: str, parsed: str) -> str:
    """Why a row is rejected for field ``f`` (NULL when the value is fine): :func:`reason_sql`.
    A date outside :data:`DATE_YEARS`, or an amount or number beyond :data:`LARGEST` either
    way, is rejected too, and an Excel error (:func:`_error_reason`)."""
    raw = f"CAST({col} AS VARCHAR)"
    shown = f"left(trim({raw}), 60)"
    names = {"field": f.label, "field_zh": f.label_zh or f.label}
    missing = reason_sql("missing", **names) if f.required else "NULL"
    checked = ""
    if f.type == "date":
        bad = (f"CASE WHEN regexp_matches({raw}, {_lit(_DATE_SHAPE)}) THEN {reason_sql('no_such_date', shown, **names)} "
               f"ELSE {reason_sql('not_date', shown, **names)} END")
        first, last = DATE_YEARS
        checked = (f"WHEN year({parsed}) NOT BETWEEN {first} AND {last} "
                   f"THEN {reason_sql('date_out_of_range', shown, lo=first, hi=last, **names)} ")
        if f.past:  # a slip of the year (2036 for 2026) would make it the last purchase of all, every account lost
            today = dt.date.today()
            checked += (f"WHEN CAST({parsed} AS DATE) > DATE '{today + dt.timedelta(days=FUTURE_DAYS)}' "
                        f"THEN {reason_sql('date_future', shown, today=today, **names)} ")
    elif f.type == "int" and f.lo is not None:
        bad = reason_sql("not_whole", shown, lo=int(f.lo), hi=int(f.hi), **names)
    elif f.type == "choice":
        bad = reason_sql("not_choice", shown, allowed=Listing(choice_words(f.name).values()), **names)
    elif f.type in ("money", "number", "int"):
        bad = reason_sql("not_number", shown, **names)
        if f.type != "int":  # 1 with 400 zeros reads as infinity: no sum or average of it means anything
            checked = (f"WHEN NOT (abs({parsed}) <= {LARGEST:.0e}) "
                       f"THEN {reason_sql('too_large', shown, most=f'{LARGEST:,.0f}', **names)} ")
    else:
        bad = "NULL"
    empty = f"nullif(trim({raw}), '') IS NULL"
    return (f"(CASE {checked}WHEN ({parsed}) IS NOT NULL THEN NULL WHEN {empty} THEN {missing} "
            f"WHEN {excel_error(col)} THEN {_error_reason(f, shown, names)} ELSE {bad} END)")


# The words a choice field's values are said in: {field: its values' translation keys}.
_CHOICE_TEXTS = {"role": "role.{}", "kind": "people.kind.{}"}


def choice_words(name: str) -> dict[str, Words]:
    """The values of choice field ``name`` (in the schema's order) → how a sentence says them:
    decision_maker is "decision maker" in English and 决策者 in Chinese."""
    keys = {v: _CHOICE_TEXTS[name].format(v) for v in CHOICES[name].values()}
    return {v: Words(i18n.t(k, "en").lower(), i18n.t(k, "zh")) for v, k in keys.items()}


def _error_reason(f: Field, shown: str, names: dict) -> str:
    """Why a row whose field ``f`` holds an Excel error is rejected: a number or a date is
    missing, and so is a required text; an optional text is only empty (NULL)."""
    if f.type == "date":
        return reason_sql("excel_error_date", shown, **names)
    if f.type in ("money", "number", "int"):
        return reason_sql("excel_error_number", shown, **names)
    return reason_sql("excel_error", shown, **names) if f.required else "NULL"


def of_values(values: list, type_: str, *, required: bool = False, dayfirst: bool = True,
              lo: float | None = None, hi: float | None = None) -> list:
    """The reject reason per raw value (None when fine), as the importer words it."""
    f = Field("value", type_, required=required, lo=lo, hi=hi)
    expr = value_expr(f, "n", "VARCHAR", dayfirst=dayfirst)
    return [r[0] for r in _values_table(values, type_).execute(
        f"SELECT {reason_expr(f, 'x', 'VARCHAR', expr)} FROM v ORDER BY i").fetchall()]


_VALUE = "\x00"


def reason_sql(key: str, value: str | None = None, field: str = "", field_zh: str = "", **names) -> str:
    """The reason ``key`` (``problem.reject.<key>`` of the translation table) a rejected row is kept with,
    as SQL: the English sentence, then the Chinese one in brackets without the value (the SQL
    expression ``value``, which the English quotes). ``field`` names the field in English,
    ``field_zh`` in Chinese. :func:`reason_text` says it in one language."""
    en = i18n.t(f"problem.reject.{key}", "en", value=_VALUE, field=field, **_said(names, "en"))
    zh = i18n.t(f"problem.reject.{key}", "zh", value=_VALUE, field=field_zh, **_said(names, "zh"))
    zh = zh.replace(f"“{_VALUE}”", "")
    if value is None:
        return _lit(f"{en} ({zh})")
    before, after = f"{en} ({zh})".split(_VALUE)
    return f"({_lit(before)} || {value} || {_lit(after)})"


def _said(names: dict, lang: str) -> dict:
    """``names`` with each :class:`Words` or :class:`Listing` said in ``lang``."""
    return {k: v.text(lang) if isinstance(v, (Words, Listing)) else v for k, v in names.items()}


def _template_regex(text: str) -> str:
    """A translation's text as a regular expression, each ``{name}`` a named group."""
    out = []
    for literal, name, _spec, _conv in string.Formatter().parse(text):
        out.append(re.escape(literal))
        if name is not None:
            out.append(f"(?P<{name}>.*)" if name == "value" else f"(?P<{name}>.+?)")
    return "".join(out)


@functools.cache
def _reason_patterns() -> list[tuple[str, re.Pattern, re.Pattern]]:
    """For each reason: the key, the stored text's pattern, the pattern of its Chinese part."""
    keys = [k.removeprefix("problem.reject.") for k in i18n.TEXTS if k.startswith("problem.reject.")]
    # The most words of its own first: "no amount and no quantity × unit price" is not "no {label}".
    keys.sort(key=lambda k: -sum(len(lit) for lit, *_ in string.Formatter().parse(i18n.TEXTS[f"problem.reject.{k}"][0])))
    out = []
    for key in keys:
        en, zh = i18n.TEXTS[f"problem.reject.{key}"]
        out.append((key, re.compile(_template_regex(en) + r" \((?P<tag>.*)\)"),
                    re.compile(_template_regex(zh.replace("“{value}”", "")))))
    return out


@functools.cache
def _chinese_labels() -> dict[str, str]:
    """A field's Chinese name by its English one (the first kind's that has it)."""
    out: dict[str, str] = {}
    for fields in KINDS.values():
        for f in fields:
            out.setdefault(f.label, f.label_zh or f.label)
    return out


@functools.cache
def _choice_codes() -> dict[str, Words]:
    """Every choice value as the code spells it (anti_sponsor) → its words."""
    return {v: w for name in CHOICES for v, w in choice_words(name).items()}


def _choices_said(allowed: str, lang: str) -> str:
    """The choices a reason lists, in ``lang``: older reasons listed the codes (anti_sponsor,
    decision_maker) in both languages. Any other list stays as it is."""
    codes = allowed.split(", ")
    if not all(c in _choice_codes() for c in codes):
        return allowed
    return Listing(_choice_codes()[c] for c in codes).text(lang)


def reason_text(text, lang: str, values: bool = True) -> str:
    """A rejected row's reason as kept (:func:`reason_sql`; several joined by "; ") in ``lang``
    alone: "date '2024-02-30' does not exist (日期不存在)" reads "date '2024-02-30' does not exist"
    in English and "日期“2024-02-30”不存在" in Chinese. Without ``values``, the kind of reason
    alone ("date does not exist", "日期不存在"), by which the reasons are counted. A reason of
    another shape stays as it is."""
    if not isinstance(text, str) or not text:
        return text
    pieces, said = text.split("; "), []
    while pieces:
        # the fewest pieces that make one reason: a value may hold "; " itself
        for n in range(1, len(pieces) + 1):
            found = _one_reason("; ".join(pieces[:n]), lang, values)
            if found is not None:
                break
        else:
            n, found = 1, pieces[0]
        said.append(found)
        del pieces[:n]
    return ("；" if lang == "zh" else "; ").join(said)


def reason_texts(reasons, lang: str, values: bool = True) -> list:
    """:func:`reason_text` of each of ``reasons``, each different reason worded once (a million
    rejected rows hold few different reasons)."""
    reasons = list(reasons)
    said = {r: reason_text(r, lang, values) for r in set(reasons)}
    return [said[r] for r in reasons]


def _one_reason(piece: str, lang: str, values: bool = True) -> str | None:
    for key, pattern, tag in _reason_patterns():
        m = pattern.fullmatch(piece)
        if m:
            names = {k: v for k, v in m.groupdict().items() if k != "tag"}
            if lang == "zh":  # the Chinese part's own words: the field's name, the choices
                named = tag.fullmatch(m["tag"])
                names.update({k: v for k, v in (named.groupdict() if named else {}).items() if k in names})
                if not (named and "field" in tag.groupindex) and "field" in names:
                    # older reasons did not name the field in Chinese
                    names["field"] = _chinese_labels().get(names["field"], names["field"])
            if "allowed" in names:
                names["allowed"] = _choices_said(names["allowed"], lang)
            if not values:
                names["value"] = _VALUE
            said = i18n.t(f"problem.reject.{key}", "zh" if lang == "zh" else "en", **names)
            return said if values else said.replace(f"“{_VALUE}”", "").replace(f" '{_VALUE}'", "")
    return None
