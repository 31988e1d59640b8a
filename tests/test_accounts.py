"""kamp.accounts: where one account stands against its own purchase cycle."""
import pandas as pd
import pytest

from kamp import accounts, features


def test_cycle_position_uses_the_clipped_cycle_the_status_uses():
    df = pd.DataFrame({"account_id": ["A", "B", "C", "D"], "mean_interval_days": [10.0, 60.0, None, 500.0],
                       "days_since_last": [45, 150, 200, 400]})
    # A: interval 10 is below the 30-day floor → cycle 30, 45 days = 1.5 cycles (active up to 2).
    a = accounts.cycle_position(df, "A")
    assert a["cycle"] == 30 and a["cycles"] == pytest.approx(1.5) and a["days_since_last"] == 45
    assert (a["dormant_after"], a["lost_after"], a["min_cycle"], a["max_cycle"]) == (2, 4, 30, 365)
    # B: 150 / 60 = 2.5 cycles → dormant, as activity_status says.
    assert accounts.cycle_position(df, "B")["cycles"] == pytest.approx(2.5)
    # C bought once: judged against the median interval of the others (10, 60, 500 → 60).
    assert accounts.cycle_position(df, "C")["cycle"] == 60
    # D: 500 is above the 365-day ceiling.
    assert accounts.cycle_position(df, "D")["cycle"] == 365
    assert list(features.activity_status(df)) == ["active", "dormant", "dormant", "active"]  # C: 200 / 60 = 3.3 cycles
    # Rules from the settings override the defaults.
    assert accounts.cycle_position(df, "A", {"min_cycle_days": 5})["cycle"] == 10
