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

from kamp import accounts, coverage, relationship, rfm, store, tiers

MONEY_UNITS = ("short", "wan")
MAX_TIERS = 8  # the tiers page offers 2–8 (or the silhouette's choice)
_MEMORY = re.compile(r"^\s*\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)\s*$", re.IGNORECASE)


def _number(value, what: str) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a number, not {value!r}") from None
    if math.isnan(x):
        raise ValueError(f"{what} must be a number, not {value!r}")
    return x


def _whole(value, what: str, low: int, high: int | None = None) -> int:
    x = _number(value, what)
    if not x.is_integer() or x < low or (high is not None and x > high):
        span = f"from {low:,} to {high:,}" if high is not None else f"of at least {low:,}"
        raise ValueError(f"{what} must be a whole number {span}, not {value!r}")
    return int(x)


def _pair(value, what: str) -> tuple[float, float]:
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise ValueError(f"{what} must be two numbers, not {value!r}")
    return _number(value[0], what), _number(value[1], what)


def _rfm_segments(v):
    if v is None:
        return None
    if not isinstance(v, list) or not v:
        raise ValueError("the table has no rules")
    problems = rfm.validate_rules(v)
    if problems:
        raise ValueError("; ".join(problems))
    return v


def _abc_cuts(v):
    a, b = _pair(v, "the cuts")
    if not 0 < a < b <= 1:
        raise ValueError(f"the cut closing A ({a:g}) must be above 0 and below the cut closing B ({b:g}), "
                         f"and B at most 1 (0 < A < B ≤ 1)")
    return [a, b]


def _status_rules(v):
    if not isinstance(v, dict):
        raise ValueError("expected dormant_after_cycles, lost_after_cycles, min_cycle_days and max_cycle_days")
    r = {**store.SETTINGS["status_rules"][0], **v}
    r = {k: _number(r[k], k) for k in store.SETTINGS["status_rules"][0]}
    if not 0 < r["dormant_after_cycles"] < r["lost_after_cycles"]:
        raise ValueError("dormant_after_cycles must be above 0 and below lost_after_cycles")
    if not 1 <= r["min_cycle_days"] <= r["max_cycle_days"]:
        raise ValueError("min_cycle_days must be at least 1 and at most max_cycle_days")
    return {**r, "min_cycle_days": int(r["min_cycle_days"]), "max_cycle_days": int(r["max_cycle_days"])}


def _tier_scheme(v):
    if v not in tiers.SCHEMES:
        raise ValueError(f"choose one of {', '.join(tiers.SCHEMES)}")
    return v


def _tier_k(v):
    return None if v in (None, 0) else _whole(v, "the number of tiers", 2, MAX_TIERS)


def _tier_features(v):
    if not isinstance(v, list) or not v:
        raise ValueError("choose at least one feature")
    unknown = [f for f in v if f not in accounts.TIER_FEATURES]
    if unknown:
        raise ValueError(f"unknown features {unknown}; choose from {', '.join(accounts.TIER_FEATURES)}")
    return list(dict.fromkeys(v))


def _coverage_models(v):
    if not isinstance(v, list) or not v:
        raise ValueError("the coverage table has no rows")
    models = coverage.models_from_table(pd.DataFrame(v))
    ranks = [m["tier_rank"] for m in models]
    if min(ranks) < 1 or len(set(ranks)) != len(ranks):
        raise ValueError(f"tier ranks must be 1 or more and each appear once, not {ranks}")
    return sorted(models, key=lambda m: m["tier_rank"])


def _goal_rules(v):
    if not isinstance(v, dict):
        raise ValueError("expected share_tiers, share_target and growth_target")
    g = {**coverage.DEFAULT_GOALS, **v}
    share = _number(g["share_target"], "share_target")
    growth = _number(g["growth_target"], "growth_target")
    if not 0 < share <= 1:
        raise ValueError(f"share_target must be above 0 and at most 1 (100 %), not {share:g}")
    if growth <= -1:
        raise ValueError(f"growth_target must be above -1 (−100 %), not {growth:g}")
    return {"share_tiers": _whole(g["share_tiers"], "share_tiers", 0, MAX_TIERS), "share_target": share,
            "growth_target": growth}


def _strategy_cuts(v):
    low, high = _pair(v, "the cuts")
    if not 0 <= low < high <= 100:
        raise ValueError(f"the low cut ({low:g}) must be below the high cut ({high:g}), both from 0 to 100")
    return [low, high]


def _non_product_codes(v):
    if isinstance(v, str):
        v = v.replace("\n", ",").split(",")
    if not isinstance(v, list):
        raise ValueError("expected a list of product codes")
    return list(dict.fromkeys(str(c).strip() for c in v if str(c).strip()))


def _memory_limit(v):
    if not isinstance(v, str) or not _MEMORY.match(v):
        raise ValueError("write an amount with its unit, such as 512MB or 2GB")
    return v.strip().replace(" ", "").upper()


def _money_units(v):
    if v not in MONEY_UNITS:
        raise ValueError(f"choose one of {', '.join(MONEY_UNITS)}")
    return v


CHECKS = {
    "rfm_segments": _rfm_segments,
    "abc_cuts": _abc_cuts,
    "status_rules": _status_rules,
    "tier_scheme": _tier_scheme,
    "tier_k": _tier_k,
    "tier_features": _tier_features,
    "tier_seed": lambda v: _whole(v, "the seed", 0),
    "coverage_models": _coverage_models,
    "rep_hours_per_year": lambda v: _number(_whole(v, "the hours", 1, 8760), "the hours"),
    "goal_rules": _goal_rules,
    "relationship_rules": relationship.check_rules,
    "relationship_thresholds": relationship.check_thresholds,
    "strategy_cuts": _strategy_cuts,
    "dso_period_days": lambda v: _whole(v, "the period", 1, 3650),
    "non_product_codes": _non_product_codes,
    "memory_limit": _memory_limit,
    "money_units": _money_units,
}


def check(name: str, value):
    """``value`` as setting ``name`` stores it; ValueError "<name> = <value>: <what is wrong>"."""
    if name not in store.SETTINGS:
        raise KeyError(f"unknown setting {name!r}")
    try:
        return CHECKS.get(name, lambda v: v)(value)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise ValueError(f"{name} = {value!r}: {exc}") from None


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
