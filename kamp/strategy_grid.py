"""The strategy grid: account attractiveness × our strength (both 0–100), each cut into low /
medium / high (setting ``strategy_cuts``), gives one of five strategies, GE-McKinsey style.
:mod:`kamp.matrices` places accounts on it.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from kamp import store

STRATEGIES: list[tuple[str, str, str]] = [  # key, en, zh; best grid position first
    ("invest_growth", "Invest for growth", "投资发展"),
    ("invest_selectively", "Invest selectively", "选择性投资"),
    ("maintain", "Maintain", "维持"),
    ("manage_for_cash", "Manage for cash", "收获现金"),
    ("withdraw", "Withdraw", "退出"),
]
DEFAULT_CUTS: list = store.SETTINGS["strategy_cuts"][0]


def grid_level(score, cuts=DEFAULT_CUTS):
    """"high" at or above the upper cut, "low" below the lower cut, else "medium" (None if unknown)."""
    low, high = sorted(float(c) for c in cuts)
    s = np.asarray(score, dtype=float)
    out = np.select([s >= high, s < low], ["high", "low"], "medium").astype(object)
    out[np.isnan(s)] = None
    return out


def grid_steps(score: np.ndarray, cuts=DEFAULT_CUTS) -> np.ndarray:
    """:func:`grid_level` as steps from the grid's top-left corner: 0 high, 1 medium, 2 low
    (a missing score counts as medium: leave it out by itself)."""
    low, high = sorted(float(c) for c in cuts)
    return np.select([score >= high, score < low], [0, 2], 1).astype(np.int8)


def strategy(attractiveness, strength, cuts=DEFAULT_CUTS):
    """The strategy for account attractiveness × our strength (both 0–100), GE-McKinsey style.

    Each axis is cut into low / medium / high (default below 33 / 33–67 / 67 and up). The nine
    cells map by how far they sit from the top-left corner (high attractiveness, high
    strength)::

                          strength high        medium               low
        attractiveness
        high              invest for growth    invest selectively   maintain
        medium            invest selectively   maintain             manage for cash
        low               maintain             manage for cash      withdraw

    This is the GE grid's three bands (grow / hold / harvest) with its corners split off: the
    top-left cell alone is invest for growth and the bottom-right alone withdraw.

    Returns a strategy key of :data:`STRATEGIES` for scalars, an array for array-likes (None
    where a score is missing).
    """
    a = np.atleast_1d(np.asarray(attractiveness, dtype=float))
    s = np.atleast_1d(np.asarray(strength, dtype=float))
    out = np.array([k for k, _en, _zh in STRATEGIES], object)[grid_steps(a, cuts) + grid_steps(s, cuts)]
    out[np.isnan(a) | np.isnan(s)] = None
    return out[0] if np.ndim(attractiveness) == 0 and np.ndim(strength) == 0 else out


def strategy_matrix(frame: pd.DataFrame, attractiveness: str = "attractiveness", strength: str = "strength",
                    cuts=DEFAULT_CUTS) -> pd.DataFrame:
    """:func:`strategy` over a frame. Adds columns attractiveness_level, strength_level (low /
    medium / high) and strategy (key; missing where a score is) to a copy of ``frame``."""
    for col in (attractiveness, strength):
        if col not in frame:
            raise ValueError(f"the frame has no column {col!r}")
    out = frame.copy()
    out["attractiveness_level"] = grid_level(frame[attractiveness], cuts)
    out["strength_level"] = grid_level(frame[strength], cuts)
    out["strategy"] = strategy(frame[attractiveness].to_numpy(), frame[strength].to_numpy(), cuts)
    return out
