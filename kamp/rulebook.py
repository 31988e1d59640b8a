"""The rules that are data: every stored setting checked before it is saved, and which
settings differ from their defaults.

``check(name, value)`` returns the value as it should be stored (numbers as numbers, keys
normalised) or raises ``ValueError`` whose message starts with the setting's name and the
value given, so the person editing it sees which rule and which value are wrong. The
checks reuse each concept's own validator (``rfm.validate_rules``,
``coverage.models_from_table``, ``relationship.check_rules`` / ``check_thresholds``).
"""
from __future__ import annotations

import math
import re

import pandas as pd

from kamp import accounts, coverage, i18n, relationship, rfm, store, tiers
from kamp.problems import Listing, Problem, Words, named, several, words

MONEY_UNITS = ("short", "wan")
MAX_TIERS = 8  # the tiers page offers 2–8 (or the silhouette's choice)
_MEMORY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)\s*$", re.IGNORECASE)


def _number(value, what: Words) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise Problem("problem.number", what=what, value=value) from None
    if math.isnan(x):
        raise Problem("problem.number", what=what, value=value)
    return x


def _whole(value, what: Words, low: int, high: int | None = None) -> int:
    x = _number(value, what)
    if not x.is_integer() or x < low or (high is not None and x > high):
        if high is None:
            raise Problem("problem.whole_from", what=what, low=low, value=value)
        raise Problem("problem.whole_between", what=what, low=low, high=high, value=value)
    return int(x)


def _pair(value, what: Words) -> tuple[float, float]:
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise Problem("problem.pair", what=what, value=value)
    return _number(value[0], what), _number(value[1], what)


# The label the settings page gives each field of a rule, to name it in what is wrong with it.
_LABELS = {**{k: f"settings.status.{k}" for k in ("dormant_after_cycles", "lost_after_cycles", "min_cycle_days",
                                                   "max_cycle_days")},
           **{k: f"coverage.{k}" for k in ("share_target", "growth_target", "share_tiers")}}


def _label(name: str) -> Words:
    """A rule's field as the settings page labels it."""
    return words(_LABELS[name])


def _rfm_segments(v):
    if v is None:
        return None
    if not isinstance(v, list) or not v:
        raise Problem("problem.rfm.no_rules")
    problems = rfm.rule_problems(v)
    if problems:
        raise several(problems)
    return v


def _abc_cuts(v):
    a, b = _pair(v, words("problem.term.cuts"))
    if not 0 < a < b <= 1:
        raise Problem("problem.abc_cuts", a=round(a * 100, 6), b=round(b * 100, 6))  # as the editor shows them
    return [a, b]


def _status_rules(v):
    if not isinstance(v, dict):
        raise Problem("problem.status.shape")
    r = {**store.SETTINGS["status_rules"][0], **v}
    r = {k: _number(r[k], _label(k)) for k in store.SETTINGS["status_rules"][0]}
    if not 0 < r["dormant_after_cycles"] < r["lost_after_cycles"]:
        raise Problem("problem.status.cycles", dormant=_label("dormant_after_cycles"), lost=_label("lost_after_cycles"))
    if not 1 <= r["min_cycle_days"] <= r["max_cycle_days"]:
        raise Problem("problem.status.days", shortest=_label("min_cycle_days"), longest=_label("max_cycle_days"))
    return {**r, "min_cycle_days": int(r["min_cycle_days"]), "max_cycle_days": int(r["max_cycle_days"])}


def _tier_scheme(v):
    if v not in tiers.SCHEMES:
        raise Problem("problem.choose_one", choices=Listing(named(s, f"tiers.scheme.{s}") for s in tiers.SCHEMES))
    return v


def _tier_k(v):
    return None if v in (None, 0) else _whole(v, words("problem.term.tiers"), 2, MAX_TIERS)


def _tier_features(v):
    if not isinstance(v, list) or not v:
        raise Problem("problem.tier_features.none")
    unknown = [f for f in v if f not in accounts.TIER_FEATURES]
    if unknown:
        raise Problem("problem.tier_features.unknown", unknown=str(unknown),
                      choices=Listing(named(f, f"col.{f}") for f in accounts.TIER_FEATURES))
    return list(dict.fromkeys(v))


def _coverage_models(v):
    if not isinstance(v, list) or not v:
        raise Problem("problem.coverage.no_rows")
    models = coverage.models_from_table(pd.DataFrame(v))
    ranks = [m["tier_rank"] for m in models]
    if min(ranks) < 1 or len(set(ranks)) != len(ranks):
        raise Problem("problem.coverage.ranks", ranks=str(ranks))
    return sorted(models, key=lambda m: m["tier_rank"])


def _goal_rules(v):
    if not isinstance(v, dict):
        raise Problem("problem.goals.shape")
    g = {**coverage.DEFAULT_GOALS, **v}
    share = _number(g["share_target"], _label("share_target"))
    growth = _number(g["growth_target"], _label("growth_target"))
    if not 0 < share <= 1:  # in per cent, as the settings page has it
        raise Problem("problem.goals.share", name=_label("share_target"), value=round(share * 100, 6))
    if growth <= -1:
        raise Problem("problem.goals.growth", name=_label("growth_target"), value=round(growth * 100, 6))
    return {"share_tiers": _whole(g["share_tiers"], _label("share_tiers"), 0, MAX_TIERS), "share_target": share,
            "growth_target": growth}


def _strategy_cuts(v):
    low, high = _pair(v, words("problem.term.cuts"))
    if not 0 <= low < high <= 100:
        raise Problem("problem.strategy_cuts", low=low, high=high)
    return [low, high]


def _non_product_codes(v):
    if isinstance(v, str):
        v = v.replace("\n", ",").split(",")
    if not isinstance(v, list):
        raise Problem("problem.codes")
    return list(dict.fromkeys(str(c).strip() for c in v if str(c).strip()))


_BYTES = {"B": 1, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12, "KIB": 2**10, "MIB": 2**20, "GIB": 2**30, "TIB": 2**40}
MIN_MEMORY = "256MB"  # less, and DuckDB cannot read a file of any size: every import would fail


def _memory_limit(v):
    m = _MEMORY.match(v) if isinstance(v, str) else None
    if not m:
        raise Problem("problem.memory")
    if float(m.group(1)) * _BYTES[m.group(2).upper()] < 256e6:
        raise Problem("problem.memory_least", least=MIN_MEMORY, value=v.strip())
    return v.strip().replace(" ", "").upper()


def _money_units(v):
    if v not in MONEY_UNITS:
        raise Problem("problem.choose_one", choices=Listing(named(u, f"problem.term.money_{u}") for u in MONEY_UNITS))
    return v


def _yes_no(v):
    if not isinstance(v, bool):
        raise Problem("problem.yes_no")
    return v


CHECKS = {
    "rfm_segments": _rfm_segments,
    "abc_cuts": _abc_cuts,
    "status_rules": _status_rules,
    "tier_scheme": _tier_scheme,
    "tier_k": _tier_k,
    "tier_features": _tier_features,
    "tier_seed": lambda v: _whole(v, words("problem.term.seed"), 0, tiers.MAX_SEED),
    "coverage_models": _coverage_models,
    "rep_hours_per_year": lambda v: float(_whole(v, words("problem.term.hours"), 1, 8760)),
    "goal_rules": _goal_rules,
    "relationship_rules": relationship.check_rules,
    "relationship_thresholds": relationship.check_thresholds,
    "strategy_cuts": _strategy_cuts,
    "dso_period_days": lambda v: _whole(v, words("problem.term.period"), 1, 3650),
    "non_product_codes": _non_product_codes,
    "memory_limit": _memory_limit,
    "money_units": _money_units,
    "show_welcome": _yes_no,
}


def check(name: str, value):
    """``value`` as setting ``name`` stores it; a :class:`~kamp.problems.Problem` "<name> = <value>:
    <what is wrong>" otherwise."""
    if name not in store.SETTINGS:
        raise KeyError(f"unknown setting {name!r}")
    try:
        return CHECKS.get(name, lambda v: v)(value)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        label = named(name, f"settings.name.{name}") if f"settings.name.{name}" in i18n.TEXTS else name
        raise Problem("problem.setting", name=label, value=value, problem=exc) from None


def same(name: str, a, b) -> bool:
    """Whether two values of setting ``name`` mean the same rule (0.8 and 0.80 do; an RFM table
    of None and the bundled table do); a value that fails :func:`check` differs from any other."""
    if name == "rfm_segments":
        a, b = a or rfm.DEFAULT_SEGMENTS, b or rfm.DEFAULT_SEGMENTS
    try:
        return check(name, a) == check(name, b)
    except ValueError:
        return False


def customised(con) -> list[str]:
    """The settings whose stored value differs from the default, in :data:`store.SETTINGS` order."""
    stored = {n for (n,) in con.execute("SELECT name FROM settings").fetchall()}
    return [n for n in store.SETTINGS
            if n in stored and not same(n, store.get_setting(con, n), store.SETTINGS[n][0])]
