"""Goals per tier (seed 003): share of wallet for the top tiers, revenue for the rest — worked by hand."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kamp import charts_coverage, goals, i18n

# Goals: A and B are Major, C Named (share of wallet, target 30 %); D is Non-named (revenue, +10 %).
GOALS = pd.DataFrame({
    "account_id": ["A", "B", "C", "D"], "tier": ["Major", "Major", "Named", "Non-named"],
    "revenue_12m": [300.0, 100.0, 50.0, 220.0], "revenue_prior_12m": [250.0, 100.0, 40.0, 200.0]})
WALLET = pd.DataFrame({"account_id": ["A", "C", "D"], "wallet_estimate": [1000.0, 500.0, 900.0]})


def test_goals_share_of_wallet_for_top_tiers_revenue_for_the_rest():
    g = goals.goals(GOALS, WALLET).set_index("account_id")
    assert g["goal_type"].tolist() == ["share_of_wallet", "revenue", "share_of_wallet", "revenue"]
    assert g.loc["A", "actual"] == pytest.approx(0.30) and g.loc["A", "attainment"] == pytest.approx(1.0)
    assert g.loc["A", "revenue_gap"] == pytest.approx(0)
    # B has no wallet estimate: steered by revenue, flagged; target 100 × 1.1.
    assert g.loc["B", "needs_wallet"] and g.loc["B", "target"] == pytest.approx(110)
    assert g.loc["B", "attainment"] == pytest.approx(100 / 110)
    assert g.loc["C", "actual"] == pytest.approx(0.10) and g.loc["C", "attainment"] == pytest.approx(1 / 3)
    assert g.loc["C", "revenue_gap"] == pytest.approx(0.30 * 500 - 50)
    assert g.loc["D", "target"] == pytest.approx(220) and g.loc["D", "attainment"] == pytest.approx(1.0)
    assert not g.loc["D", "needs_wallet"]


def test_goals_with_explicit_targets_and_one_share_tier():
    g = goals.goals(GOALS, WALLET, targets={"D": 440.0, "A": 0.6}, share_tiers=1).set_index("account_id")
    assert g.loc["C", "goal_type"] == "revenue" and g.loc["C", "target"] == pytest.approx(44)
    assert g.loc["D", "attainment"] == pytest.approx(0.5)
    assert g.loc["A", "attainment"] == pytest.approx(0.5)
    assert g.loc["A", "revenue_gap"] == pytest.approx(300)


def test_new_account_without_a_prior_year_has_no_attainment():
    f = pd.DataFrame({"account_id": ["N"], "tier": ["Non-named"], "revenue_12m": [50.0], "revenue_prior_12m": [0.0]})
    g = goals.goals(f).iloc[0]
    assert g["target"] == 0 and np.isnan(g["attainment"])


def test_no_revenue_target_when_the_prior_year_is_not_in_the_data():
    # revenue_prior_12m is NaN when the lines begin within the last two years: no target, no
    # attainment and no gap can be drawn from a year nobody knows (not a target of 0).
    f = pd.DataFrame({"account_id": ["N"], "tier": ["Non-named"], "revenue_12m": [50.0], "revenue_prior_12m": [np.nan]})
    g = goals.goals(f).iloc[0]
    assert g["goal_type"] == "revenue"
    assert np.isnan(g["target"]) and np.isnan(g["attainment"]) and np.isnan(g["revenue_gap"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_revenue_goal_chart_says_why_there_is_no_target(lang):
    f = pd.DataFrame({"account_id": ["N", "M"], "tier": ["Non-named", "Mass-market"], "revenue_12m": [50.0, 20.0],
                      "revenue_prior_12m": [np.nan, np.nan]})
    fig = charts_coverage.revenue_goals(goals.goals(f), lang)
    assert not fig.data  # nothing to place
    note = fig.layout.annotations[0].text.replace("<br>", "")
    assert note.replace(" ", "") == i18n.t("chart.coverage_no_prior_year", lang).replace(" ", "")
    # With last year known (nothing bought then: a target of 0), the chart keeps its own note instead.
    known = charts_coverage.revenue_goals(goals.goals(f.assign(revenue_prior_12m=0.0)), lang)
    assert all(a.text != fig.layout.annotations[0].text for a in known.layout.annotations)


def test_revenue_goal_tooltip_says_money_in_the_units_of_the_axes(wan, hover):
    # 2.3亿 in the last 12 months against 2亿 the year before grown by 10 %: a target of 2.2亿, 105 % met
    f = pd.DataFrame({"account_id": ["D"], "tier": ["Non-named"], "revenue_12m": [230_000_000.0],
                      "revenue_prior_12m": [200_000_000.0]})
    fig = charts_coverage.revenue_goals(goals.goals(f), "zh")
    assert hover(fig.data[0], 0) == "D<br>近 12 个月收入：2.30亿<br>目标：2.20亿<br>完成率：105%"


def test_share_of_wallet_tooltip_names_the_12_month_revenue_and_says_money_in_the_page_s_units(wan, hover):
    # 2.3973亿 of a 8.4863亿 wallet: 28.2 %; 30 % would be 2.5459亿, 1,485.81万 more
    f = pd.DataFrame({"account_id": ["C0217"], "name": ["甲"], "tier": ["Major"], "revenue_12m": [239_731_523.0],
                      "revenue_prior_12m": [200_000_000.0]})
    wallet = pd.DataFrame({"account_id": ["C0217"], "wallet_estimate": [848_632_000.0]})
    fig = charts_coverage.share_of_wallet_goals(goals.goals(f, wallet), "zh")
    assert hover(fig.data[0], 0) == ("甲 · C0217<br>钱包份额：28.2%<br>采购总额估计：8.49亿<br>"
                                     "近 12 个月收入：2.40亿 · 目标：30%<br>距目标的收入差额：1,485.81万")
