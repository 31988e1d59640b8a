"""Tiers: three obvious groups of accounts come out as three tiers, best named first;
determinism, one tier per account, overrides."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamp import tiers


def _three_groups(seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for group, (revenue, orders, days) in enumerate([(1e6, 100, 2), (1e4, 10, 40), (100, 1, 300)]):
        for i in range(10):
            rows.append({"account_id": f"g{group}-{i}", "group": group,
                         "revenue": revenue * rng.uniform(0.8, 1.2), "orders": max(1, round(orders * rng.uniform(0.8, 1.2))),
                         "days_since_last": days * rng.uniform(0.8, 1.2), "margin": np.nan})
    return pd.DataFrame(rows)


def test_obvious_groups_become_tiers_named_best_first():
    df = _three_groups()
    model = tiers.TierModel(k=3).fit(df)
    df["tier"] = model.tiers()
    assert model.k_ == 3
    assert set(df.loc[df["group"] == 0, "tier"]) == {"Major"}
    assert set(df.loc[df["group"] == 1, "tier"]) == {"Named"}
    assert set(df.loc[df["group"] == 2, "tier"]) == {"Mass-market"}
    assert model.features_ == ["days_since_last", "orders", "revenue"]  # margin unknown: left out


def test_silhouette_finds_the_three_groups():
    model = tiers.TierModel().fit(_three_groups())
    assert model.k_ == 3
    assert set(model.silhouettes_) == set(range(2, 9))


def test_scheme_names_in_both_languages():
    assert tiers.tier_names("pyramid", 4, "zh") == ["重要客户", "次重要客户", "一般客户", "不重要客户"]
    assert tiers.tier_names("metals", 3) == ["Platinum", "Gold", "Silver"]
    assert tiers.tier_names("pyramid", 2) == ["Major", "Mass-market"]
    # one tier holds every account: it is the top one, not the bottom
    assert tiers.tier_names("pyramid", 1) == ["Major"]
    assert tiers.tier_names("pyramid", 1, "zh") == ["重要客户"]
    assert tiers.tier_names("metals", 1) == ["Platinum"]
    assert len(set(tiers.tier_names("metals", 5))) == 5


def test_same_seed_same_tiers():
    df = _three_groups(7)
    a = tiers.TierModel(k=4, random_state=3).fit(df).tiers()
    b = tiers.TierModel(k=4, random_state=3).fit(df.sample(frac=1, random_state=0).sort_index()).tiers()
    assert (a == b).all()


def test_override_replaces_the_tier_and_keeps_the_computed_one():
    df = pd.DataFrame({"account_id": ["a", "b"], "tier": ["Major", "Named"]})
    over = pd.DataFrame({"account_id": ["b"], "tier": ["Major"], "reason": ["strategic entry into telecom"]})
    out = tiers.apply_overrides(df, over)
    assert out["tier"].tolist() == ["Major", "Major"]
    assert out["computed_tier"].tolist() == ["Major", "Named"]
    assert out.loc[1, "override_reason"] == "strategic entry into telecom"


def test_profile_shares_add_up():
    df = _three_groups()
    df["tier"] = tiers.TierModel(k=3).fit(df).tiers()
    prof = tiers.profile(df, order=tiers.tier_names("pyramid", 3))
    assert prof["tier"].tolist() == ["Major", "Named", "Mass-market"]
    assert prof["accounts"].sum() == 30
    assert prof["revenue_share"].sum() == pytest.approx(1)


def test_profile_shares_are_each_tiers_net_revenue_over_the_portfolios():
    # Major 900 − 100 = 800, Named 150 + 50 = 200, Mass-market 20 − 120 = −100: 900 net, so 8/9, 2/9, −1/9
    df = pd.DataFrame({"account_id": list("abcdef"), "tier": ["Major", "Major", "Named", "Named", "Mass-market",
                                                              "Mass-market"],
                       "revenue": [900.0, -100.0, 150.0, 50.0, 20.0, -120.0], "orders": [9, 1, 3, 2, 1, 1],
                       "days_since_last": [5, 50, 20, 30, 200, 300]})
    prof = tiers.profile(df, order=tiers.tier_names("pyramid", 3))
    assert prof["revenue"].to_list() == [800, 200, -100]
    assert prof["revenue_share"].to_list() == pytest.approx([8 / 9, 2 / 9, -1 / 9])
    assert prof["revenue_share"].sum() == pytest.approx(1)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.floats(-1e5, 1e7), st.integers(1, 500), st.integers(0, 1000)), min_size=3, max_size=60),
       st.integers(2, 5))
def test_every_account_gets_exactly_one_tier_and_recomputation_is_stable(rows, k):
    df = pd.DataFrame(rows, columns=["revenue", "orders", "days_since_last"])
    df["account_id"] = [f"a{i}" for i in range(len(df))]
    k = min(k, len(df))
    first = tiers.TierModel(k=k, random_state=5).fit(df)
    again = tiers.TierModel(k=k, random_state=5).fit(df)
    names = first.tiers()
    assert len(names) == len(df) and all(isinstance(n, str) for n in names)
    assert (names == again.tiers()).all()
    means = df.groupby(first.labels_)["revenue"].mean()
    assert means.index[means.argmax()] == 0  # the first tier holds the highest mean revenue


def test_a_few_extreme_accounts_join_the_bottom_tier_instead_of_taking_one():
    # 200 accounts evenly spread on a log scale from 10 to a million, and two with net returns
    # (−100,000 and −200,000). Log-scaled and standardised, the two sit 5.2 standard deviations
    # below the mean, the rest within 1.6: uncapped, k-means gives the two a tier of their own
    # (100 / 100 / 2). Capped at 3, they join the bottom tier.
    revenue = np.r_[10 ** (1 + 5 * np.arange(200) / 199), [-1e5, -2e5]]
    df = pd.DataFrame({"account_id": [f"a{i:03d}" for i in range(202)], "revenue": revenue})
    capped = tiers.TierModel(features=["revenue"], k=3, random_state=0).fit(df)
    assert np.abs(capped._matrix(df)).max() == pytest.approx(3.0)
    counts = np.bincount(capped.labels_)
    assert counts.min() > 50 and capped.labels_[-1] == capped.labels_[-2] == 2
    uncapped = tiers.TierModel(features=["revenue"], k=3, random_state=0, cap=None).fit(df)
    assert np.bincount(uncapped.labels_).tolist() == [100, 100, 2]


def test_no_demo_tier_is_only_accounts_without_net_revenue(demo_db):
    # The demo has five accounts whose returns cancel or outweigh their sales. Uncapped, k-means
    # made them the bottom tier on their own (the pyramid's base: 5 of 1,200 accounts).
    from kamp import analysis, store

    con = store.connect(demo_db, read_only=True)
    try:
        table, meta = analysis.account_table(con)
    finally:
        con.close()
    none = table["revenue"] <= 0
    assert none.sum() == 5
    for tier in meta["tier_order"]:
        assert ((table["tier"] == tier) & ~none).sum() > 0, tier
    assert table.loc[none, "tier"].eq(meta["tier_order"][-1]).all()  # they sit in the bottom tier


def test_an_override_names_a_tier_of_another_scheme_by_its_level():
    from kamp.tiers import level_name

    pyramid3, metals = ["Major", "Named", "Mass-market"], ["Platinum", "Gold", "Silver"]
    assert level_name("Named", pyramid3) == "Named"
    assert [level_name(n, metals) for n in ("Major", "Named", "Non-named", "Mass-market", "Mass-market 2")] == \
        ["Platinum", "Gold", "Silver", "Silver", "Silver"]
    assert [level_name(n, pyramid3) for n in ("Platinum", "Gold", "Silver")] == ["Major", "Named", "Mass-market"]
    assert level_name("Strategic", metals) == "Strategic"  # a name of no scheme stays


def test_features_without_values_are_left_out_and_none_at_all_falls_back_to_the_defaults():
    df = _three_groups()  # revenue, orders and recency for every account; no margin
    assert tiers.usable_features(df, ["revenue", "margin"]) == (["revenue"], ["margin"])
    # margin alone: the tiers go by the defaults that have values, not by nothing
    assert tiers.usable_features(df, ["margin"]) == (["days_since_last", "orders", "revenue"], ["margin"])
    assert tiers.usable_features(df, ["orders"]) == (["orders"], [])
