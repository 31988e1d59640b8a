"""kamp.accounts: where one account stands against its own purchase cycle; finding accounts; percentile ranks."""
import numpy as np
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


def test_find_matches_id_or_name_ignoring_case():
    df = pd.DataFrame({"account_id": ["A17", "b2", "c3"], "name": ["Acme Ltd", None, "Beta GmbH"],
                       "revenue": [3.0, 2.0, 1.0]})
    assert accounts.find(df, "a1")["account_id"].tolist() == ["A17"]
    assert accounts.find(df, "GMBH")["account_id"].tolist() == ["c3"]
    assert accounts.find(df, "b")["account_id"].tolist() == ["b2", "c3"]  # b2 by id, Beta by name
    assert accounts.find(df, "  ")["account_id"].tolist() == ["A17", "b2", "c3"]


def test_percentile_ranks_share_the_average_rank_of_ties():
    # Ranks 1 (the 1), 2.5 (both 3s), 4 (inf), over 4 values.
    assert accounts._percentile_rank(np.array([3, 1, 3, np.inf])).tolist() == [0.625, 0.25, 0.625, 1.0]
