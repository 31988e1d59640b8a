"""Scorecard scores read off the account table: percentile ranks (ties share the average, as
pandas ranks them), derived features, judgements beside them."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamp import scorecard_features
from kamp.scorecard import BUNDLED, score


def test_percentile_scores_and_scores_from_features():
    accounts = pd.DataFrame({"account_id": ["A", "B", "C", "D"], "revenue": [100.0, 400.0, 200.0, 300.0],
                             "margin": [10.0, 10.0, np.nan, 40.0], "orders": [1, 2, 3, 4],
                             "growth_12m": [0.1, 0.2, 0.3, 0.4], "wallet_estimate": [1000.0, 400.0, 300.0, 900.0],
                             "revenue_12m": [100.0, 400.0, 200.0, 300.0]})
    judged = pd.DataFrame({"Satisfaction": [8, 6]}, index=["B", "A"])
    t = BUNDLED["Customer value scorecard"]
    s = scorecard_features.scores_from_features(t, accounts, judged)
    assert list(s["Revenue"]) == [1, 10, 4, 7]                 # ranks 1, 4, 2, 3 → 1 + 9·(r − 1)/3
    assert list(s["Gross margin"].iloc[[0, 1, 3]]) == [3.25, 3.25, 10] and np.isnan(s.loc["C", "Gross margin"])
    assert list(s["Share-of-wallet gap"]) == [10, 1, 4, 7]     # gaps 900, 0, 100, 600
    assert list(s["Satisfaction"].iloc[:2]) == [6, 8] and s["Complaint handling"].isna().all()
    with pytest.raises(ValueError, match="'Orders'.*'orders'"):
        scorecard_features.scores_from_features(t, accounts.drop(columns="orders"))
    out = score(t, s, missing="unscored")
    assert out["total"].isna().all()  # nobody has every service score yet


def test_average_ranks_share_ties_and_keep_nan():
    # 5 < 10 < 20 = 20: ranks 1, 2 and (3 + 4) / 2 for the tie; NaN has none.
    ranks = scorecard_features.average_ranks(np.array([10.0, 20.0, 20.0, np.nan, 5.0]))
    assert np.array_equal(ranks, [2.0, 3.5, 3.5, np.nan, 1.0], equal_nan=True)
    # Whole numbers (counted), and values already largest first (read off): the same rule.
    assert list(scorecard_features.average_ranks(np.array([3.0, 3.0, 1.0, 7.0]))) == [2.5, 2.5, 1.0, 4.0]
    assert list(scorecard_features.average_ranks(np.array([0.9, 0.5, 0.5, 0.1]))) == [4.0, 2.5, 2.5, 1.0]
    # Four known values: 1 + 9 × (rank − 1) / 3.
    pct = scorecard_features.percentile_scores(pd.Series([10.0, 20.0, 20.0, np.nan, 5.0]))
    assert np.array_equal(pct.to_numpy(), [4.0, 8.5, 8.5, np.nan, 1.0], equal_nan=True)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(-5, 5), st.floats(-1e6, 1e6)), max_size=40), st.booleans())
def test_average_ranks_are_pandas_average_ranks(values, descending):
    v = np.array([np.nan if x is None else float(x) for x in values])
    if descending:
        v = -np.sort(-v)
    assert np.array_equal(scorecard_features.average_ranks(v), pd.Series(v).rank(method="average").to_numpy(),
                          equal_nan=True)


def test_industry_sums_keep_unknown_as_unknown():
    # Two industries; the lines do not reach back to the year before (revenue_prior_12m NaN) and
    # only one of Gov's accounts has a cost. Edu: no margin known at all.
    accounts = pd.DataFrame({"account_id": ["A", "B", "C"], "industry": ["Gov", "Gov", "Edu"],
                             "revenue": [100.0, 50.0, 30.0], "margin": [20.0, np.nan, np.nan],
                             "revenue_12m": [100.0, 50.0, 30.0], "revenue_prior_12m": [np.nan] * 3})
    out = scorecard_features.entity_table(accounts, "industry").set_index("industry")
    assert out.loc["Gov", "revenue"] == 150 and out.loc["Gov", "margin"] == 20 and out.loc["Gov", "accounts"] == 2
    assert np.isnan(out.loc["Edu", "margin"])  # not a margin of 0
    assert out["revenue_prior_12m"].isna().all() and out["growth_12m"].isna().all()
