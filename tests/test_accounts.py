"""kamp.accounts: where one account stands against its own purchase cycle; finding accounts; percentile ranks."""
import numpy as np
import pandas as pd
import pytest

from kamp import accounts, charts_segments, features, i18n, matrices


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


def test_margin_and_discounts_are_held_only_when_a_line_carries_a_cost_or_a_discount():
    values = {c: [1.0, 2.0] for c in accounts.INDICATORS}
    none = pd.DataFrame(values | {"margin": [np.nan, np.nan], "discount": [np.nan, np.nan]})
    assert [c for c in accounts.INDICATORS if c not in accounts.held_indicators(none)] == ["margin", "discount"]
    one = pd.DataFrame(values | {"margin": [np.nan, 5.0], "discount": [np.nan, np.nan]})  # one account's lines costed
    assert "margin" in accounts.held_indicators(one) and "discount" not in accounts.held_indicators(one)
    assert accounts.held_indicators(pd.DataFrame(values)) == accounts.INDICATORS


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


def test_segment_shares_are_each_segments_net_revenue_over_the_portfolios():
    # Champions 600 − 100 = 500, Loyal 300, Hibernating 50 − 250 = −200: the portfolio nets 600, so the
    # shares are 500/600, 300/600 and −200/600, as the revenue column beside them, adding up to 100 %.
    df = pd.DataFrame({"account_id": ["c1", "c2", "l1", "h1", "h2"],
                       "segment": ["Champions", "Champions", "Loyal", "Hibernating", "Hibernating"],
                       "revenue": [600.0, -100.0, 300.0, 50.0, -250.0]})
    summary = accounts.segment_summary(df).set_index("segment")
    assert summary["revenue"].to_dict() == {"Champions": 500, "Loyal": 300, "Hibernating": -200}
    assert summary["revenue_share"].to_list() == pytest.approx([5 / 6, 1 / 2, -1 / 3])
    assert summary["revenue_share"].sum() == pytest.approx(1)
    # A portfolio that nets nothing (returns as large as sales): no share to give
    losing = accounts.segment_summary(df.assign(revenue=[100.0, 0.0, 50.0, 0.0, -150.0]))
    assert losing["revenue_share"].isna().all()


def test_quadrant_and_strategy_shares_are_of_the_net_total():
    # current 400 − 100 (large_high), 200 (small_low), −100 (small_high): 400 net, so 3/4, 1/2, −1/4
    vp = pd.DataFrame({"quadrant": ["large_high", "large_high", "small_low", "small_high"],
                       "current": [400.0, -100.0, 200.0, -100.0]})
    shares = matrices.quadrant_summary(vp).set_index("quadrant")["current_share"]
    assert shares.to_dict() == pytest.approx({"small_low": 1 / 2, "large_low": 0, "small_high": -1 / 4,
                                              "large_high": 3 / 4})
    # strategies: invest for growth 300 − 50, withdraw −50: 200 net, so 5/4 and −1/4, the others 0
    matrix = pd.DataFrame({"strategy": pd.Categorical(["invest_growth", "invest_growth", "withdraw"],
                                                      [k for k, _en, _zh in matrices.strategy_grid.STRATEGIES]),
                           "revenue": [300.0, -50.0, -50.0]})
    shares = matrices.strategy_summary(matrix).set_index("strategy")["revenue_share"]
    assert (shares["invest_growth"], shares["withdraw"]) == pytest.approx((5 / 4, -1 / 4))
    assert shares.sum() == pytest.approx(1)


def test_value_potential_quadrants_and_unknown_potential():
    # Current value (revenue_12m) 100, 300, 200, 50, 10, 80: the median is 90, so W1, W2, G1 are large.
    # W1 and W2 have wallets: potential 500 − 100 = 400 and 350 − 300 = 50, percentiles 1 and ½ (W2
    # not above one half: low). G1–G3 by growth: −50 % (G3), +50 % (G1), and G2, new this year
    # (nothing the year before), growing most: percentiles ⅓, ⅔, 1. U has no wallet and no
    # known prior year (the lines do not reach back to it): its potential is unknown.
    df = pd.DataFrame({"account_id": ["W1", "W2", "G1", "G2", "G3", "U"],
                       "revenue_12m": [100.0, 300.0, 200.0, 50.0, 10.0, 80.0],
                       "growth_12m": [0.1, 0.1, 0.5, np.nan, -0.5, np.nan],
                       "revenue_prior_12m": [90.0, 270.0, 400 / 3, 0.0, 20.0, np.nan]})
    wallet = pd.DataFrame({"account_id": ["W1", "W2"], "wallet_estimate": [500.0, 350.0]})
    vp = accounts.value_potential(df, wallet).set_index("account_id")
    assert vp["quadrant"].to_dict() == {"W1": "large_high", "W2": "large_low", "G1": "large_high",
                                        "G2": "small_high", "G3": "small_low", "U": "unknown"}
    assert vp["potential_pct"].iloc[:5].tolist() == pytest.approx([1, 0.5, 2 / 3, 1, 1 / 3])
    assert np.isnan(vp.loc["U", "potential_pct"]) and np.isnan(vp.loc["U", "potential"])
    summary = matrices.quadrant_summary(vp.reset_index()).set_index("quadrant")
    assert summary["accounts"].to_dict() == {"small_low": 1, "large_low": 1, "small_high": 1, "large_high": 2,
                                             "unknown": 1}
    assert summary.loc["large_high", "current"] == 300 and summary.loc["unknown", "current"] == 80
    assert summary["current_share"].sum() == pytest.approx(1)
    # The chart leaves U out and says so under its title.
    fig = charts_segments.value_potential(vp.reset_index(), "en")
    assert sum(len(tr.x) for tr in fig.data if tr.mode == "markers") == 5
    assert i18n.t("chart.potential_unknown", "en", n="1") in fig.layout.title.text
    # With every prior year known there is no unknown row.
    known = accounts.value_potential(df.assign(revenue_prior_12m=df["revenue_prior_12m"].fillna(0.0)), wallet)
    assert "unknown" not in set(matrices.quadrant_summary(known)["quadrant"])


def test_value_potential_from_a_scorecard():
    # Potential as a scorecard's 0–100 score (seed 003: "wallet estimate, growth or a scorecard"):
    # scores 90, 20, 60, 40 and one unscored. Percentiles among the four scored: 1, ¼, ¾, ½ — high
    # above one half: A and C. Current value 100, 300, 200, 50, 10: the median 100 makes A, B, C large.
    df = pd.DataFrame({"account_id": ["A", "B", "C", "D", "E"], "revenue_12m": [100.0, 300.0, 200.0, 50.0, 10.0],
                       "growth_12m": [0.1] * 5, "revenue_prior_12m": [90.0] * 5})
    vp = accounts.value_potential(df, scores=[90, 20, 60, 40, np.nan]).set_index("account_id")
    assert vp["potential_pct"].iloc[:4].tolist() == pytest.approx([1, 0.25, 0.75, 0.5])
    assert vp["quadrant"].to_dict() == {"A": "large_high", "B": "large_low", "C": "large_high", "D": "small_low",
                                        "E": "unknown"}
    assert set(vp["basis"]) == {"scorecard"}
    fig = charts_segments.value_potential(vp.reset_index(), "zh")
    assert all("评分卡" in h for tr in fig.data if tr.mode == "markers" for h in tr.hovertext)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_value_potential_chart_says_why_when_no_potential_is_known(lang):
    # A year of lines and no wallet estimates (the Online Retail case): nothing to place.
    df = pd.DataFrame({"account_id": ["A", "B"], "revenue_12m": [10.0, 20.0], "growth_12m": [np.nan, np.nan],
                       "revenue_prior_12m": [np.nan, np.nan]})
    fig = charts_segments.value_potential(accounts.value_potential(df), lang)
    assert not any(tr.mode == "markers" for tr in fig.data)
    note = fig.layout.annotations[0].text.replace("<br>", "")
    assert note.replace(" ", "") == i18n.t("chart.potential_none", lang).replace(" ", "")


def test_on_record_counts_what_an_account_without_lines_has(con, tmp_path):
    from kamp import ingest

    # 88050 is in the accounts file, with two contacts, one interaction, an invoice sent twice
    # (a later export's version of it) and one paid in two instalments, on two rows: two
    # invoices; but it has no order lines. 88051 is nowhere
    files = {"acc.csv": ("Customer ID,Name\n88050,华东精工\n", "accounts"),
             "c.csv": ("Customer ID,Name\n88050,张三\n88050,李四\n", "contacts"),
             "i.csv": ("Customer ID,Date,Type\n88050,2024-03-12,visit\n", "interactions"),
             "p1.csv": ("Customer ID,Invoice No,Invoice Date,Amount\n88050,F1,2024-03-10,10\n", "payments"),
             "p2.csv": ("Customer ID,Invoice No,Invoice Date,Amount,Paid Amount,Paid Date\n"
                        "88050,F1,2024-03-10,10,10,2024-03-20\n88050,F2,2024-04-02,30,10,2024-04-10\n"
                        "88050,F2,2024-04-02,30,20,2024-05-10\n", "payments")}
    for name, (text, kind) in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        ingest.import_file(con, tmp_path / name, kind)
    assert accounts.on_record(con, "88050") == {"record": True, "name": "华东精工", "contacts": 2, "interactions": 1,
                                                "invoices": 2}
    assert accounts.on_record(con, "88051") == {"record": False, "name": None, "contacts": 0, "interactions": 0,
                                                "invoices": 0}


@pytest.mark.parametrize("lang, now, saved", [("en", ["Silver", "Gold", "Platinum"], ["Mass-market", "Named", ""]),
                                              ("zh", ["银卡客户", "金卡客户", "白金卡客户"], ["不重要客户", "次重要客户", ""])])
def test_overrides_saved_under_another_scheme_show_the_tier_they_now_mean(lang, now, saved):
    overrides = pd.DataFrame({"account_id": ["C0217", "C0300", "C0400"], "tier": ["Mass-market", "Named", "Platinum"],
                              "reason": ["r1", "r2", "r3"]})
    # metals with three tiers: the bottom tier (Mass-market) is Silver, the second (Named) Gold
    shown = accounts.overrides_as_now(overrides, ["Platinum", "Gold", "Silver"], lang)
    assert shown["tier"].tolist() == now
    assert shown["saved_tier"].tolist() == saved
    assert shown["reason"].tolist() == ["r1", "r2", "r3"]


def test_rules_from_an_edited_table_follow_its_order_column():
    table = pd.DataFrame({"order": [1, 2, 1.5, None], "segment": ["A", "B", "C", "D"], "name_zh": ["", "", "", ""],
                          "r_min": [1] * 4, "r_max": [5] * 4, "fm_min": [1] * 4, "fm_max": [5] * 4})
    # C (1.5) moves between A and B; D, a new row without a number, stays last
    assert [r["segment"] for r in accounts.rules_from_table(table)] == ["A", "C", "B", "D"]


@pytest.mark.parametrize("name, lang, shown", [("Gold", "zh", "金卡客户"), ("Platinum", "zh", "白金卡客户"),
                                               ("Silver 2", "zh", "银卡客户 2"), ("金牌客户", "zh", "金卡客户"),
                                               ("银牌客户 2", "en", "Silver 2"), ("白金客户", "en", "Platinum")])
def test_metal_tiers_read_as_the_seeds_cards_and_former_names_still_read(name, lang, shown):
    # seed 004 names the three classes of key account 白金卡 金卡 银卡
    assert accounts.tier_label(name, lang) == shown
