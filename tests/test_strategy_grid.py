"""The attractiveness × strength strategy grid: its corners, centre and cuts, worked by hand."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kamp import relationship, strategy_grid


def test_strategy_grid_corners_and_centre():
    s = strategy_grid.strategy
    assert s(100, 100) == "invest_growth"
    assert s(0, 0) == "withdraw"
    assert s(100, 0) == "maintain" and s(0, 100) == "maintain"
    assert s(50, 50) == "maintain"
    assert s(80, 50) == "invest_selectively" and s(50, 80) == "invest_selectively"
    assert s(10, 50) == "manage_for_cash" and s(50, 10) == "manage_for_cash"
    # Cuts at 33 / 67: 67 is high, 33 medium, just under 33 low.
    assert s(67, 67) == "invest_growth" and s(66.9, 67) == "invest_selectively"
    assert s(33, 33) == "maintain" and s(32.9, 32.9) == "withdraw"
    assert s(50, 50, cuts=[60, 90]) == "withdraw"
    assert relationship.label("manage_for_cash", "zh") == "收获现金"


def test_strategy_matrix_over_a_frame():
    f = pd.DataFrame({"account_id": list("abcd"), "attractiveness": [90, 20, 50, np.nan], "strength": [90, 20, 90, 50]})
    out = strategy_grid.strategy_matrix(f)
    assert out["strategy"].tolist()[:3] == ["invest_growth", "withdraw", "invest_selectively"]
    assert out["attractiveness_level"].tolist()[:3] == ["high", "low", "medium"]
    assert pd.isna(out.loc[3, "strategy"]) and pd.isna(out.loc[3, "attractiveness_level"])
    assert list(f.columns) == ["account_id", "attractiveness", "strength"]  # input untouched
    with pytest.raises(ValueError):
        strategy_grid.strategy_matrix(f, strength="nope")
