"""The twelve strategy worksheets as data: loading, checking and the values each field accepts.

``playbook_worksheets.json`` defines the worksheets (seed 000's 战略手册): number, key, titles
and intros in English and Chinese, and fields with a type (text, longtext, number, money,
date, choice, multichoice, bool, table, contact, level), labels, help, choices, table columns,
an optional default and the prefill source :mod:`kamp.playbook_prefill` computes. Nothing here
is code per worksheet: a worksheet is its definition. :mod:`kamp.playbooks` re-exports the
public names.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import math
from pathlib import Path

import pandas as pd

from kamp.problems import Listing, Problem, Sentences, Words, words

DEFINITIONS = Path(__file__).with_name("playbook_worksheets.json")
TYPES = ("text", "longtext", "number", "money", "date", "choice", "multichoice", "bool", "table", "contact", "level")
PREFILL_SOURCES = ("revenue_12m", "run_rate", "trend", "wallet_estimate", "share_of_wallet", "products_in_use",
                   "quarter_targets", "period_year", "annual_target", "actual_to_date", "forecast_year_end", "gap",
                   "milestone_status", "pyramid_level:now", "pyramid_level:target", "contacts_by_role:decision_maker",
                   "contacts_by_role:sponsor", "contacts_by_role:strategic_coach", "contacts_by_role:anti_sponsor")
# Money figures the data works out (the account's revenue and run rate, the plan gap's year-end
# figures): a worksheet shows them, nobody types them over.
FROM_DATA = ("revenue_12m", "run_rate", "annual_target", "actual_to_date", "forecast_year_end", "gap")
_TRUE = {"true", "yes", "y", "1", "是", "对", "✓", "x"}
_FALSE = {"false", "no", "n", "0", "否", "不"}
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S")


# ---------------------------------------------------------------- definitions

def check_definitions(doc: dict) -> list[dict]:
    """The worksheets of a definitions document, or ``ValueError`` naming what is incomplete:
    twelve worksheets numbered 1–12 with unique keys; every title, intro, label, help and
    choice in both languages; known types and prefill sources; defaults that validate."""
    sheets = doc.get("worksheets") or []
    problems = []
    if [w.get("number") for w in sheets] != list(range(1, 13)):
        problems.append("worksheets must be numbered 1 to 12 in order")
    if len({w.get("key") for w in sheets}) != len(sheets):
        problems.append("worksheet keys are not unique")

    def texts(where: str, item: dict, names: tuple[str, ...], optional: tuple[str, ...] = ()) -> None:
        for name in names + tuple(n for n in optional if f"{n}_en" in item or f"{n}_zh" in item):
            for lang in ("en", "zh"):
                if not str(item.get(f"{name}_{lang}") or "").strip():
                    problems.append(f"{where}: no {name}_{lang}")

    def fields(where: str, items: list[dict]) -> None:
        if len({x.get("key") for x in items}) != len(items):
            problems.append(f"{where}: field keys are not unique")
        for x in items:
            at = f"{where}.{x.get('key')}"
            texts(at, x, ("label",), ("help",))
            if x.get("type") not in TYPES:
                problems.append(f"{at}: unknown type {x.get('type')!r}")
            if x.get("prefill") is not None and x["prefill"] not in PREFILL_SOURCES:
                problems.append(f"{at}: unknown prefill {x['prefill']!r}")
            if x.get("type") in ("choice", "multichoice"):
                if not x.get("choices"):
                    problems.append(f"{at}: no choices")
                for c in x.get("choices") or []:
                    texts(f"{at}:{c.get('key')}", c, ("label",))
            if x.get("type") == "table":
                if not x.get("columns"):
                    problems.append(f"{at}: a table without columns")
                fields(at, x.get("columns") or [])

    levels = doc.get("pyramid_levels") or []
    if [lv.get("level") for lv in levels] != [1, 2, 3, 4, 5]:
        problems.append("pyramid_levels must be the levels 1 to 5 in order")
    for lv in levels:
        texts(f"pyramid level {lv.get('level')}", lv, ("label",))
    for w in sheets:
        texts(str(w.get("key")), w, ("title", "short", "intro"))
        fields(str(w.get("key")), w.get("fields") or [])
    if problems:
        raise ValueError("playbook definitions are incomplete: " + "; ".join(problems))
    for w in sheets:  # defaults must be values the worksheet accepts
        _validate(w, {f["key"]: f["default"] for f in w["fields"] if "default" in f}, None)
    return sheets


@functools.lru_cache(maxsize=1)
def _load() -> dict:
    doc = json.loads(DEFINITIONS.read_text(encoding="utf-8"))
    doc["worksheets"] = tuple(check_definitions(doc))
    return doc


def worksheets() -> list[dict]:
    """The twelve worksheet definitions in order (dicts: number, key, title_en, title_zh,
    intro_en, intro_zh, fields). Shared objects: do not modify."""
    return list(_load()["worksheets"])


def pyramid_levels() -> list[dict]:
    """The five levels of the business pyramid (dicts: level, label_en, label_zh)."""
    return list(_load()["pyramid_levels"])


def worksheet(key: str) -> dict:
    """One worksheet definition by key (or number); ``ValueError`` for an unknown one."""
    for w in worksheets():
        if key == w["key"] or key == w["number"]:
            return w
    raise ValueError(f"unknown worksheet {key!r}; choose one of {', '.join(keys())}")


def keys() -> list[str]:
    """The worksheet keys in order."""
    return [w["key"] for w in worksheets()]


def text(item: dict, name: str, lang: str) -> str:
    """``item[name + '_' + lang]`` (English when the language is unknown), e.g. text(w, 'title', 'zh')."""
    return item.get(f"{name}_{'zh' if lang == 'zh' else 'en'}") or ""


def from_data(spec: dict) -> bool:
    """Whether a worksheet field is a money figure worked out from the data (shown, not entered)."""
    return spec.get("type") == "money" and spec.get("prefill") in FROM_DATA


def choice_label(spec: dict, value, lang: str):
    """The label of a choice key in ``lang``; other values unchanged."""
    for c in spec.get("choices") or []:
        if c["key"] == value:
            return text(c, "label", lang)
    return value


def blank(worksheet_key: str) -> dict:
    """A new worksheet's values: every field None except those with a default."""
    return {f["key"]: json.loads(json.dumps(f.get("default"))) for f in worksheet(worksheet_key)["fields"]}


# ---------------------------------------------------------------- validation

class ValidationError(Problem):
    """Bad worksheet values. ``errors``: one dict per bad value with worksheet, field, row
    (1-based, tables only), column, value, message (English) and problem (a
    :class:`~kamp.problems.Problem`, to say it in either language)."""

    def __init__(self, errors: list[dict]):
        self.errors = errors
        super().__init__("problem.several", problems=Sentences(e["problem"] for e in errors))

    def __reduce__(self):
        return ValidationError, (self.errors,)


class _Bad(Exception):
    """What is wrong with a value: phrase ``problem.ws.<what>`` of the translation table."""

    def __init__(self, what: str, **values):
        self.phrase = words(f"problem.ws.{what}", **values)
        super().__init__(self.phrase.en)


def _empty(v) -> bool:
    if v is None or (isinstance(v, str) and not v.strip()):
        return True
    try:
        return bool(pd.isna(v)) if not isinstance(v, (list, tuple, dict)) else len(v) == 0
    except (TypeError, ValueError):
        return False


def _number(spec: dict, v):
    if isinstance(v, bool):
        raise _Bad("not_number")
    if isinstance(v, str):
        v = v.strip().replace(",", "").replace("，", "").replace(" ", "")
    try:
        x = float(v)
    except (TypeError, ValueError):
        raise _Bad("not_number") from None
    if not math.isfinite(x):
        raise _Bad("not_finite")
    if spec.get("min") is not None and x < spec["min"]:
        raise _Bad("below_min", min=spec["min"])
    if spec.get("max") is not None and x > spec["max"]:
        raise _Bad("above_max", max=spec["max"])
    return int(x) if x.is_integer() and abs(x) < 1e15 else x


def _date(v) -> str:
    if isinstance(v, (dt.date, pd.Timestamp)):
        return pd.Timestamp(v).date().isoformat()
    if isinstance(v, str):
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(v.strip(), fmt).date().isoformat()
            except ValueError:
                pass
    raise _Bad("not_date")


def _choice(spec: dict, v):
    for c in spec["choices"]:
        if v == c["key"] or (isinstance(v, str) and v.strip().lower() in
                             (str(c["key"]).lower(), c["label_en"].lower(), c["label_zh"])):
            return c["key"]
    raise _Bad("not_choice", choices=Listing(Words(str(c["key"]), c["label_zh"]) for c in spec["choices"]))


def _coerce(spec: dict, v, people):
    kind = spec["type"]
    if kind in ("text", "longtext", "contact"):
        if isinstance(v, (list, tuple, dict)):
            raise _Bad("not_text")
        v = str(v).strip()
        if kind == "contact" and people is not None and v not in people:
            raise _Bad("not_contact")
        return v
    if kind in ("number", "money"):
        return _number(spec, v)
    if kind == "date":
        return _date(v)
    if kind == "choice":
        return _choice(spec, v)
    if kind == "multichoice":
        if not isinstance(v, (list, tuple)):
            raise _Bad("not_choices")
        return list(dict.fromkeys(_choice(spec, x) for x in v if not _empty(x)))
    if kind == "bool":
        if isinstance(v, (bool, int, float)) and not isinstance(v, str) and v in (0, 1):
            return bool(v)
        if isinstance(v, str) and v.strip().lower() in _TRUE | _FALSE:
            return v.strip().lower() in _TRUE
        if hasattr(v, "item") and v.item() in (0, 1):  # numpy bool / int
            return bool(v.item())
        raise _Bad("not_bool")
    if kind == "level":
        try:
            x = _number({}, v)
        except _Bad:
            x = None
        if x not in (1, 2, 3, 4, 5):
            raise _Bad("not_level")
        return int(x)
    raise _Bad("unknown_type", type=kind)


def _rows(v) -> list:
    if isinstance(v, pd.DataFrame):
        return v.astype(object).where(v.notna(), None).to_dict("records")
    if isinstance(v, (list, tuple)):
        return list(v)
    raise _Bad("not_table")


def _where(sheet: dict, spec: dict, field, row, column, unknown: bool) -> Words:
    """Where a bad value sits, by the worksheet's title and the labels the page shows
    ("“Short-term metrics” › Milestones, row 2, Due", "《短期指标》 › 里程碑，第 2 行，截止日期")."""
    en, zh = f"“{text(sheet, 'title', 'en')}”", f"《{text(sheet, 'title', 'zh')}》"
    if row or not unknown:
        en, zh = f"{en} › {text(spec, 'label', 'en') or field}", f"{zh} › {text(spec, 'label', 'zh') or field}"
    if row:
        en, zh = f"{en}, row {row}", f"{zh}，第 {row} 行"
    if column and not unknown:
        col = next((c for c in spec.get("columns") or [] if c["key"] == column), {})
        en, zh = f"{en}, {text(col, 'label', 'en') or column}", f"{zh}，{text(col, 'label', 'zh') or column}"
    return Words(en, zh)


def _validate(sheet: dict, values: dict, people) -> dict:
    errors, out = [], {}

    specs = {f["key"]: f for f in sheet["fields"]}

    def bad(field, row, column, value, what: _Bad, unknown=False):
        # an unknown field or column is named itself; a bad value is named by where it sits
        where = _where(sheet, specs.get(field) or {}, field, row, column, unknown)
        problem = Problem("problem.ws.value", where=where, value=(column or field) if unknown else value,
                          problem=what.phrase)
        errors.append({"worksheet": sheet["key"], "field": field, "row": row, "column": column, "value": value,
                       "message": str(problem), "problem": problem})

    for name in values:
        if name not in specs:
            bad(name, None, None, values[name], _Bad("not_field"), unknown=True)
    for name, spec in specs.items():
        v = values.get(name)
        if spec["type"] != "table":
            try:
                out[name] = None if _empty(v) else _coerce(spec, v, people)
            except _Bad as exc:
                bad(name, None, None, v, exc)
            continue
        if v is None or (not isinstance(v, (list, tuple, pd.DataFrame)) and _empty(v)):
            out[name] = None
            continue
        try:
            rows = _rows(v)
        except _Bad as exc:
            bad(name, None, None, v, exc)
            continue
        cols, kept = {c["key"]: c for c in spec["columns"]}, []
        for i, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                bad(name, i, None, row, _Bad("not_row"))
                continue
            clean = {}
            for col in row:
                if col not in cols:
                    bad(name, i, col, row[col], _Bad("not_column"), unknown=True)
            for col, cspec in cols.items():
                try:
                    clean[col] = None if _empty(row.get(col)) else _coerce(cspec, row.get(col), people)
                except _Bad as exc:
                    bad(name, i, col, row.get(col), exc)
            if any(x is not None for x in clean.values()):
                kept.append(clean)
        out[name] = kept or None
    if errors:
        raise ValidationError(errors)
    return out


def validate(worksheet_key: str, values: dict, people=None) -> dict:
    """Check and normalise one worksheet's values.

    Parameters
    ----------
    worksheet_key : the worksheet.
    values : ``{field: value}``; a table field takes a list of row dicts or a DataFrame.
    people : optional collection of names a ``contact`` field may hold (the account's
        contacts and our reps); None accepts any name.

    Returns
    -------
    dict with every field of the worksheet: empty values as None, numbers as int/float,
    dates as ``YYYY-MM-DD``, choices as their keys, bools as bool, levels as int 1–5, tables
    as lists of row dicts (all columns, blank rows dropped). Raises :class:`ValidationError`
    (a ``ValueError``) naming worksheet, field, row, column and the bad value.
    """
    if not isinstance(values, dict):
        raise ValueError(f"{worksheet_key}: values must be a dict of field → value, not {type(values).__name__}")
    return _validate(worksheet(worksheet_key), values, people)


def contacts_named(worksheet_key: str, values: dict | None) -> set[str]:
    """The names the worksheet's contact fields and table columns hold in ``values`` (a saved
    version's): a contact renamed or removed since stays acceptable where it was already."""
    names = set()
    for f in worksheet(worksheet_key)["fields"]:
        v = (values or {}).get(f["key"])
        if f["type"] == "contact":
            names.add(v)
        for c in f.get("columns") or []:
            if c["type"] == "contact" and isinstance(v, list):
                names |= {r.get(c["key"]) for r in v if isinstance(r, dict)}
    return {n for n in names if isinstance(n, str) and n}


def is_filled(worksheet_key: str, values: dict | None) -> bool:
    """True when some field holds a value other than its default."""
    if not values:
        return False
    base = blank(worksheet_key)
    return any(not _empty(v) and v != base.get(k) for k, v in values.items())
