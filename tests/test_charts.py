"""Figures of the portfolio pages: a scatter of more accounts than a browser should draw draws
the largest half and an even sample of the rest, and says so."""
import numpy as np
import pandas as pd
import pytest

from kamp import account_plan, accounts, charts, charts_segments


def _accounts(n: int) -> pd.DataFrame:
    return pd.DataFrame({"account_id": [f"a{i}" for i in range(n)], "name": None, "tier": "Major",
                         "revenue": np.arange(1, n + 1, dtype=float), "orders": 1,
                         "revenue_12m": np.arange(1, n + 1, dtype=float), "growth_12m": 0.1})


def _drawn(fig) -> set:
    return {a for trace in fig.data if trace.customdata is not None for a in trace.customdata if a}


def test_a_thinned_scatter_says_how_many_of_how_many_accounts_it_draws():
    fig = charts_segments.tier_scatter(_accounts(7_000), ["Major"], "en")
    drawn = _drawn(fig)
    assert len(drawn) == 6_000
    # The 3,000 largest (revenue 4,001 … 7,000: a4000 … a6999) are all there.
    assert {f"a{i}" for i in range(4_000, 7_000)} <= drawn
    assert fig.layout.title.subtitle.text == (
        "6,000 of 7,000 accounts drawn: the 3,000 largest and an even sample of the rest")
    zh = charts_segments.tier_scatter(_accounts(7_000), ["Major"], "zh")
    assert zh.layout.title.subtitle.text == "图中绘出 7,000 个客户中的 6,000 个：最大的 3,000 个，其余均匀抽样"


def test_the_value_potential_matrix_says_so_too():
    fig = charts_segments.value_potential(accounts.value_potential(_accounts(9_000)), "en")
    assert len(_drawn(fig)) == 6_000
    assert fig.layout.title.subtitle.text.startswith("6,000 of 9,000 accounts drawn")


def test_every_account_drawn_and_nothing_said_below_the_limit():
    fig = charts_segments.tier_scatter(_accounts(1_000), ["Major"], "en")
    assert len(_drawn(fig)) == 1_000
    assert not fig.layout.title.subtitle.text


def test_the_decision_scatters_say_so_too():
    """The strategy matrix, the rank scatter of profitability and the two goal scatters of
    coverage draw 6,000 of 8,000 accounts and say so; with 5,000 they draw every one, silently."""
    from kamp import charts_coverage, charts_profit, charts_selection

    def frames(n: int):
        base = _accounts(n)
        matrix = base.assign(attractiveness=50.0, strength=50.0, strategy="maintain")
        ranks = base.assign(margin=base["revenue"] / 10, margin_pct=0.1, revenue_rank=np.arange(n, 0, -1),
                            margin_rank=np.arange(1, n + 1), big_not_best=False, discount_eats_margin=False,
                            returns_eat_margin=False)
        goals = pd.concat([base.assign(goal_type=g, tier_rank=1, wallet_estimate=base["revenue"] * 4, actual=0.25,
                                       target=t, attainment=0.5, revenue_gap=1.0)
                           for g, t in (("share_of_wallet", 0.3), ("revenue", 100.0))], ignore_index=True)
        return [charts_selection.strategy_matrix(matrix, "en"), charts_profit.rank_scatter(ranks, "en"),
                charts_coverage.share_of_wallet_goals(goals, "en"), charts_coverage.revenue_goals(goals, "en")]

    for fig in frames(8_000):
        assert len(_drawn(fig)) == 6_000
        assert fig.layout.title.subtitle.text.startswith("6,000 of 8,000 accounts drawn")
    for fig in frames(5_000):
        assert len(_drawn(fig)) == 5_000
        assert not fig.layout.title.subtitle.text


def test_log_axes_are_labelled_in_full_at_round_values():
    # Orders 1 … 1,400 and revenue 300 … 740M: Plotly alone labels 20 and 50 as a bare "2" and
    # "5" between 10 and 100, and mixes "1000" with "10k".
    df = pd.DataFrame({"account_id": ["a", "b", "c"], "name": None, "tier": "Major",
                       "orders": [1, 40, 1_400], "revenue": [300.0, 2e5, 7.4e8]})
    fig = charts_segments.tier_scatter(df, ["Major"], "en")
    assert list(fig.layout.xaxis.ticktext) == ["1", "10", "100", "1,000"]
    assert list(fig.layout.xaxis.tickvals) == [1, 10, 100, 1_000]
    assert list(fig.layout.yaxis.ticktext) == ["1k", "10k", "100k", "1M", "10M", "100M", "1B"]
    # Values within two decades get the 2× and 5× steps too, each labelled with its own value.
    assert charts.log_ticks([3e5, 7.4e6], "en") == {
        "tickvals": [2e5, 5e5, 1e6, 2e6, 5e6, 1e7], "ticktext": ["200k", "500k", "1M", "2M", "5M", "10M"]}
    assert charts.log_ticks([0.0, -5.0], "en") == {}  # nothing on a log scale: Plotly's own ticks


def test_a_month_the_lines_do_not_cover_whole_is_paler_and_says_which_days_it_holds():
    # Online Retail ends on 9 December 2011: that month's bar holds nine days, not a collapse.
    df = pd.DataFrame({"month": pd.to_datetime(["2010-12-01", "2011-01-01", "2011-12-01"]),
                       "sales": [500.0, 600.0, 200.0], "returns": [-10.0, -5.0, -80.0], "net": [490.0, 595.0, 120.0]})
    fig = charts.monthly_revenue(df, "en", first_day="2010-12-01 08:26", last_day="2011-12-09 12:50")
    assert list(fig.data[0].marker.opacity) == [1.0] * 12 + [0.45]  # Dec 2010 … Nov 2011 (zero: no lines), Dec 2011
    # written up the bar from its foot, where the net line (which ends at its top) does not cross it
    assert [(a.text, a.y, a.textangle, a.yanchor) for a in fig.layout.annotations] == [("to 12-09", 0, -90, "bottom")]
    zh = charts.monthly_revenue(df, "zh", first_day="2010-12-02", last_day="2011-12-31 18:00")
    assert list(zh.data[1].marker.opacity) == [0.45] + [1.0] * 12  # the first month starts on the 2nd
    assert [a.text for a in zh.layout.annotations] == ["12-02 起"]
    whole = charts.monthly_revenue(df, "en", first_day="2010-12-01", last_day="2011-12-31")
    assert not whole.layout.annotations and list(whole.data[0].marker.opacity) == [1.0] * 13
    # room above the tallest bar (600) and below the deepest return (−80): 680 × 8 % and 2 %
    assert list(whole.layout.yaxis.range) == pytest.approx([-80 - 0.02 * 680, 600 + 0.08 * 680])


def test_an_accounts_months_say_so_only_when_the_analysis_date_cuts_the_last_one_short():
    df = pd.DataFrame({"month": pd.to_datetime(["2011-05-01", "2011-06-01"]), "sales": [50.0, 70.0],
                       "returns": [0.0, 0.0], "net": [50.0, 70.0]})
    assert [a.text for a in charts.account_monthly(df, "en", "2011-06-15").layout.annotations] == ["to 06-15"]
    assert not charts.account_monthly(df, "en", "2011-06-30").layout.annotations  # June is whole
    # as of 9 December, the months since June show as nothing bought, up to the analysis date
    later = charts.account_monthly(df, "en", "2011-12-09")
    net = next(trace for trace in later.data if trace.type == "scatter")
    assert [str(x)[:7] for x in net.x][-1] == "2011-12" and list(net.y) == [50.0, 70.0] + [0.0] * 6
    assert [(a.text, str(a.x)[:7]) for a in later.layout.annotations] == [("to 12-09", "2011-12")]


@pytest.mark.parametrize("months, dtick", [(2, "M1"), (12, "M1"), (13, "M3"), (36, "M3"), (60, "M6"),
                                           (180, "M12"), (240, "M24")])
def test_monthly_revenue_names_every_month_while_a_year_or_less_is_shown(months, dtick):
    m = pd.date_range("2024-01-01", periods=months, freq="MS")
    df = pd.DataFrame({"month": m, "sales": 100.0, "returns": -5.0, "net": 95.0})
    assert charts.monthly_revenue(df, "en").layout.xaxis.dtick == dtick


def test_a_month_without_lines_shows_as_zero_not_skipped():
    # lines in January and April only: February and March are months of nothing sold
    df = pd.DataFrame({"month": pd.to_datetime(["2024-01-01", "2024-04-01"]), "sales": [100.0, 80.0],
                       "returns": [-5.0, 0.0], "net": [95.0, 80.0]})
    for fig in (charts.monthly_revenue(df, "en"), account_plan.monthly_figure(df, "en")):
        net = next(trace for trace in fig.data if trace.type == "scatter")
        assert [str(x)[:7] for x in net.x] == ["2024-01", "2024-02", "2024-03", "2024-04"]
        assert list(net.y) == [95.0, 0.0, 0.0, 80.0]


@pytest.mark.parametrize("counts, dtick", [([1, 1, 1], 1), ([3, 40, 120], None)])
def test_segment_map_scale_counts_whole_accounts_from_zero(counts, dtick):
    df = pd.DataFrame({"r_score": [1, 2, 3], "fm_score": [1.0, 2.0, 3.0], "accounts": counts,
                       "revenue": [10.0, 20.0, 30.0], "segment": ["Lost", "At Risk", "Loyal"]})
    heat = charts_segments.segment_grid(df, {}, "en").data[0]
    assert heat.zmin == 0 and heat.colorbar.tickformat == ",d" and heat.colorbar.dtick == dtick


def test_an_empty_cell_of_the_segment_map_still_names_its_segment_with_zero_and_no_gridline_crosses_it():
    df = pd.DataFrame({"r_score": [2, 2], "fm_score": [4.0, 4.5], "accounts": [7, 0], "revenue": [70.0, 0.0],
                       "segment": ["At Risk", "Can't Lose Them"]})
    fig = charts_segments.segment_grid(df, {"At Risk": "At Risk", "Can't Lose Them": "Can't Lose Them"}, "en")
    heat = fig.data[0]
    assert list(heat.z[0]) == [7, 0]
    held, empty = heat.text[0]
    assert held == "At Risk<br><b>7</b>"
    assert empty == f"<span style='color:{charts.PALETTE['muted']}'>Can't Lose<br>Them<br><b>0</b></span>"
    assert fig.layout.xaxis.showgrid is False and fig.layout.yaxis.showgrid is False


def test_plan_vs_actual_names_each_colour_of_the_actual_bars_in_its_legend():
    from kamp import charts_review

    df = pd.DataFrame({"account_id": ["A", "B", "C"], "name": ["a", "b", "c"], "target": [100.0, 90.0, 80.0],
                       "actual": [120.0, 85.0, 40.0], "attainment": [1.2, 85 / 90, 0.5]})
    fig = charts_review.plan_vs_actual(df, "en", "2026Q3")
    bars = {t.name: (list(t.y), t.offsetgroup) for t in fig.data}
    assert bars == {"Target": (["a · A", "b · B", "c · C"], "target"), "Actual, target met": (["a · A"], "actual"),
                    "Actual, 80–99% of target": (["b · B"], "actual"), "Actual, under 80%": (["c · C"], "actual")}
    assert [t.text[0] for t in fig.data[1:]] == ["120%", "94%", "50%"]


def test_both_migration_sankeys_colour_a_move_alike_and_say_what_the_colours_mean():
    from kamp import charts_present, charts_review

    links = pd.DataFrame({"tier_from": ["Major", "Major", "Named", "new", "lost"],
                          "tier_to": ["Major", "Named", "lost", "Named", "Named"], "accounts": [5, 2, 1, 3, 1],
                          "revenue_12m_from": 1.0, "revenue_12m_to": 1.0})
    page = charts_review.migration_sankey(links, "en", "2026Q2", "2026Q3", ["Major", "Named"])
    slide = charts_present.migration_sankey(links[["tier_from", "tier_to", "accounts"]], "en", "2026Q2", "2026Q3")
    for fig, down in ((page, "Slipped down"), (slide, "Slipped")):  # each in the words of its page's figures
        assert list(fig.data[0].link.color) == [charts_review.DIRECTION_COLORS[m] for m in
                                                ("same", "down", "lost", "new", "won_back")]
        key = fig.layout.annotations[-1].text
        assert [w.split("</span> ")[1] for w in key.split("   ")] == [down, "Same tier", "Lost", "New", "Won back"]
        assert f"color:rgb(230,126,34)'>■</span> {down}" in key  # the colour of the down links
    # on the slide, the projector's restyle leaves room under the plot for the key
    assert charts_present.projector(slide).layout.margin.b >= 20 + 2 * 22


def test_satisfaction_bars_leave_the_space_under_them_to_the_legend():
    from kamp import charts_review

    df = pd.DataFrame({"tier": ["Major", "Major"], "tier_rank": [1, 1], "score": [4, 5], "accounts": [3, 1],
                       "share": [0.75, 0.25], "surveyed": [4, 4], "tier_accounts": [5, 5], "mean_score": [4.25, 4.25]})
    fig = charts_review.satisfaction(df, "en", "2026Q3")
    # every bar is 100 % with its parts labelled: a 0 %…100 % axis would sit under the legend
    assert fig.layout.xaxis.showticklabels is False and fig.layout.legend.y < 0
    assert [list(t.text) for t in fig.data if t.x[0] > 0] == [["75%"], ["25%"]]


def test_the_review_concentration_axes_start_at_zero_so_a_small_rise_looks_small():
    from kamp import charts_review

    df = pd.DataFrame({"name": ["2026Q2", "2026Q3"], "top20_share": [0.814, 0.823], "gini": [0.780, 0.800],
                       "hhi": [115.0, 135.0]})
    fig = charts_review.concentration_trend(df, "en", ("2026Q2", "2026Q3"))
    share, gini, hhi = fig.layout.yaxis, fig.layout.yaxis2, fig.layout.yaxis3
    assert list(share.range) == [0, 1] and share.tickformat == ".0%"  # 0 % to 100 %
    assert list(gini.range) == [0, 1]
    assert hhi.range[0] == 0 and hhi.range[1] > 135  # room over the largest value for its label
    # a rise of 0.9 points spans under a hundredth of the share axis
    assert (0.823 - 0.814) / (share.range[1] - share.range[0]) < 0.01


def test_the_quarterly_gini_reads_as_a_decimal_on_its_own_axis_and_the_share_in_percent():
    df = pd.DataFrame({"quarter": ["2026-01-01", "2026-04-01"], "gini": [0.777, 0.780],
                       "top20_share": [0.810, 0.815], "effective_accounts": [84.8, 80.1], "accounts": [900, 910],
                       "non_positive_accounts": [5, 4], "accounts_for_80pct": [200, 205]})
    fig = charts.concentration_trend(df, "en")
    by_name = {trace.name: trace for trace in fig.data}
    gini, share = by_name["Gini"], by_name["Top 20% share"]
    assert gini.yaxis != share.yaxis
    gini_axis = fig.layout[gini.yaxis.replace("y", "yaxis")]
    share_axis = fig.layout[share.yaxis.replace("y", "yaxis")]
    assert "%" not in gini_axis.tickformat and gini_axis.range[0] == 0 and gini_axis.range[1] >= 1
    assert share_axis.tickformat == ".0%" and share_axis.range[0] == 0 and share_axis.range[1] >= 1
    assert gini_axis.title.text == "Gini" and share_axis.title.text == "Top 20% share"
    # the hover says "Gini: 0.777" and "Top 20% share: 81.0%" (three decimals; a percentage with one)
    assert gini.hovertemplate.startswith("Gini: %{y:.3f}") and share.hovertemplate.startswith("Top 20% share: %{y:.1%}")
    # the share of the top chosen on the page, and the accounts for 80 % among the counts
    other = charts.concentration_trend(df, "en", "Purchase days", 0.3)
    names = [trace.name for trace in other.data]
    assert "Top 30% share" in names and "Accounts for 80%" in names
    # the lower panel's title is a whole phrase; its lines are named in the legend
    assert [a.text for a in fig.layout.annotations] == ["Gini and top-20% share", "Number of accounts"]
    assert "Accounts with revenue" in by_name and "Accounts above zero" in names
    # the measure named as a sentence says it, in lower case (in Chinese as it is)
    assert other.layout.title.text.startswith("Concentration by quarter (purchase days)")
    assert fig.layout.title.text.startswith("Concentration by quarter (net revenue)")
    assert charts.concentration_trend(df, "zh", "购买天数", 0.3).layout.title.text.startswith("按季度的集中度（购买天数）")


@pytest.mark.parametrize("value, en, zh", [
    (804_800_000.0, "804.8M", "8.05亿"),  # 8.048 亿: three figures, as 804.8M has four
    (659_000_000.0, "659M", "6.59亿"),
    (-804_800_000.0, "-804.8M", "-8.05亿"),
    (79_462_000.0, "79.5M", "7,946.2万"),  # 7,946.2 万: one decimal, as in English
    (11_420_000_000.0, "11.4B", "114.2亿"),
    (12_345.0, "12.3k", "1.23万"),
])
def test_a_chinese_money_label_keeps_the_figures_the_english_one_shows(wan, value, en, zh):
    assert charts._short(value, "en") == en
    assert charts._short(value, "zh") == zh


def test_the_rfm_money_ranges_in_yi_are_not_rounded_to_whole_yi(wan):
    th = {"m": pd.DataFrame({"score": [4, 5], "low": [500_000_000.0, 659_000_000.0],
                             "high": [659_000_000.0, 804_800_000.0], "accounts": [10, 5]})}
    assert list(charts_segments.rfm_scores(th, "zh").data[0].text) == ["5亿–6.59亿", "6.59亿–8.05亿"]
    assert list(charts_segments.rfm_scores(th, "en").data[0].text) == ["500M–659M", "659M–804.8M"]


def test_figures_under_one_are_labelled_with_the_places_that_keep_them_from_reading_0():
    # a log axis from a cent to half a unit: 1×, 2× and 5× of each power, none of them "0"
    assert charts.log_ticks([0.01, 0.5], "en")["ticktext"] == ["0.01", "0.02", "0.05", "0.1", "0.2", "0.5"]
    # 0.004 … 3 spans three decades: the powers within half as far again, 0.01, 0.1 and 1
    assert charts.log_ticks([0.004, 3.0], "zh")["ticktext"] == ["0.01", "0.1", "1"]
    assert charts.log_ticks([0.005, 0.05], "en")["ticktext"][:3] == ["0.005", "0.01", "0.02"]
    # M score ranges of accounts that spend cents: 0–0.04 and 0.04–0.3, not 0–0
    th = {"m": pd.DataFrame({"score": [1, 2], "low": [0.0, 0.04], "high": [0.04, 0.3], "accounts": [3, 3]})}
    assert list(charts_segments.rfm_scores(th, "en").data[0].text) == ["0–0.04", "0.04–0.3"]


def test_the_pareto_marker_sits_on_the_curve_at_the_accounts_the_top_share_counts():
    from kamp import concentration

    # six accounts, two with nothing net (returns only; a sale and its return): 20 % of 6 rounds up
    # to the top 2, A and B, 800 of the 1,000 positive — a third of the accounts, not a fifth
    df = pd.DataFrame({"account_id": ["A", "B", "C", "D", "R1", "Z0"],
                       "revenue": [500.0, 300.0, 100.0, 100.0, -250.0, 0.0]})
    curve = concentration.pareto(df)
    assert concentration.summary(df["revenue"])["top20_share"] == pytest.approx(0.8)
    fig = charts.pareto(curve, "en")
    line, note = fig.data[1], fig.layout.annotations[0]
    assert list(line.x) == pytest.approx([1 / 3, 1 / 3, 0]) and list(line.y) == pytest.approx([0, 0.8, 0.8])
    assert (note.x, note.y) == (pytest.approx(1 / 3), pytest.approx(0.8))
    assert note.text == "Top 2 of 6 (33%) → 80.0%"
    assert fig.data[0].y[list(fig.data[0].x).index(pytest.approx(1 / 3))] == pytest.approx(0.8)  # on the curve
    assert charts.pareto(curve, "zh").layout.annotations[0].text == "前 2 个（共 6 个，33%）→ 80.0%"
    # one account: it is the whole curve's end, 100 % of the accounts
    one = charts.pareto(concentration.pareto(df.head(1)), "en").layout.annotations[0]
    assert (one.x, one.y, one.text) == (1.0, 1.0, "Top 1 of 1 (100%) → 100.0%")
    # five accounts: the top 20 % is one whole account, at 20 %, labelled as before
    five = charts.pareto(concentration.pareto(df.head(5)), "en").layout.annotations[0]
    assert (five.x, five.y, five.text) == (pytest.approx(0.2), pytest.approx(0.5), "Top 20% → 50.0%")


def test_the_score_chart_says_a_measure_that_does_not_vary_does_not():
    th = {"r": pd.DataFrame({"score": [3], "low": [0.0], "high": [0.0], "accounts": [20]}),
          "f": pd.DataFrame({"score": [3], "low": [1], "high": [1], "accounts": [20]}),
          "m": pd.DataFrame({"score": [1, 5], "low": [100.0, 1_700.0], "high": [400.0, 2_000.0], "accounts": [4, 4]})}
    fig = charts_segments.rfm_scores(th, "en")
    assert [a.text for a in fig.layout.annotations] == ["Recency (R): no spread", "Frequency (F): no spread",
                                                        "Monetary (M)"]
    assert [list(bar.text) for bar in fig.data] == [["all 0"], ["all 1"], ["100–400", "1.7k–2k"]]
    assert fig.layout.title.subtitle.text == (
        "The same for every account: Recency (R), Frequency (F). Such a measure tells no account from another, "
        "so each scores the middle 3 on it.")
    zh = charts_segments.rfm_scores(th, "zh")
    assert zh.layout.annotations[0].text == "最近购买（R）：无差异" and list(zh.data[0].text) == ["全部为 0"]
    assert zh.layout.title.subtitle.text.startswith("所有客户都相同：最近购买（R）、购买频次（F）。")
    assert not charts_segments.rfm_scores({"m": th["m"]}, "en").layout.title.subtitle.text


def test_the_pareto_and_lorenz_share_axes_run_to_a_100_percent_tick_with_room_for_its_label():
    curve = pd.DataFrame({"account_id": ["a", "b", "c", "d", "e"], "account_share": [0.2, 0.4, 0.6, 0.8, 1.0],
                          "cum_share": [0.5, 0.7, 0.85, 0.95, 1.0]})
    lorenz = pd.DataFrame({"account_share": [0.0, 0.5, 1.0], "value_share": [0.0, 0.2, 1.0]})
    for fig in (charts.pareto(curve, "en"), charts.lorenz(lorenz, 0.4, "en")):
        axis = fig.layout.xaxis
        assert list(axis.range) == [0, 1] and list(axis.tickvals)[-1] == 1.0 and axis.tickformat == ".0%"
        # the label "100%" centred on the plot's right edge runs ~16 px past it; Plotly hides it past the figure
        assert fig.layout.margin.r >= 20


def test_the_slide_sankey_stands_its_nodes_as_the_review_page_does_lost_and_new_at_the_bottom():
    from kamp import charts_present, charts_review

    # listed worst first, lost and new among them: the order on screen must not follow the list
    links = pd.DataFrame({"tier_from": ["Mass-market", "lost", "Named", "new", "Major", "Major"],
                          "tier_to": ["lost", "Named", "Major", "Mass-market", "Major", "Named"],
                          "accounts": [4, 2, 3, 5, 10, 1], "revenue_12m_from": 1.0, "revenue_12m_to": 1.0})
    slide = charts_present.migration_sankey(links[["tier_from", "tier_to", "accounts"]], "en", "A", "B")
    page = charts_review.migration_sankey(links, "en", "A", "B", ["Major", "Named", "Non-named", "Mass-market"])
    for fig in (slide, page):
        node = fig.data[0].node
        words = [label.replace(" · ", "  ").split("  ")[0] for label in node.label]
        assert words == ["Major", "Named", "Mass-market", "Lost", "New",  # left: A's tiers, lost in A, new
                         "Major", "Named", "Mass-market", "Lost"]  # right: B's tiers, then lost
        assert fig.data[0].arrangement == "fixed"  # where they stand is not left to Plotly's layout
        left, right = list(node.y[:5]), list(node.y[5:])
        assert left == sorted(left) and right == sorted(right)  # top to bottom in that order
        assert list(node.x) == [0.001] * 5 + [0.999] * 4
        assert "white" in fig.data[0].textfont.shadow  # a label over the links leaving its node stays legible


# One account of 3.6021亿 net revenue, 2.3973亿 of it in the last 12 months, 50 orders.
ONE_ACCOUNT = pd.DataFrame({"account_id": ["C0217"], "name": ["甲"], "tier": ["Major"], "revenue": [360_213_832.0],
                            "share": [0.05], "orders": [50], "current": [239_731_523.0], "potential_pct": [0.8],
                            "basis": ["growth"], "quadrant": ["large_high"]})


@pytest.mark.parametrize("lang, said", [
    ("zh", ["甲 · C0217<br>净收入：3.60亿", "甲 · C0217<br>订单数：50<br>净收入：3.60亿",
            "甲 · C0217<br>近 12 个月收入：2.40亿<br>潜力百分位：80%（收入增长）"]),
    ("en", ["甲 · C0217<br>Net revenue: 360.21M", "甲 · C0217<br>Orders: 50<br>Net revenue: 360.21M",
            "甲 · C0217<br>Revenue, last 12 months: 239.73M<br>Potential percentile: 80% (revenue growth)"]),
])
def test_portfolio_tooltips_say_money_in_the_units_of_the_axes(wan, hover, lang, said):
    figs = [charts.top_accounts(ONE_ACCOUNT, lang), charts_segments.tier_scatter(ONE_ACCOUNT, ["Major"], lang),
            charts_segments.value_potential(ONE_ACCOUNT, lang)]
    assert [hover(fig.data[0], 0) for fig in figs] == said


def test_plan_vs_actual_tooltips_say_money_in_the_units_of_the_axis(wan, hover):
    from kamp import charts_review

    df = pd.DataFrame({"account_id": ["A"], "name": ["a"], "target": [71_081_303.0], "actual": [85_000_000.0],
                       "attainment": [85_000_000 / 71_081_303]})
    fig = charts_review.plan_vs_actual(df, "zh", "2026Q3")
    assert hover(fig.data[0], 0) == "a · A<br>目标：7,108.13万"
    assert hover(fig.data[1], 0) == "a · A<br>实际：8,500.00万<br>完成率：120%"


def test_a_lost_account_s_sparkline_says_its_quarters_in_the_page_s_units(wan):
    from kamp import charts_review

    df = pd.DataFrame({"account_id": ["A"], "name": ["a"], "change": ["lost"], "revenue_12m_from": [1e8],
                       "revenue_trend": [[52_300_000.0, 0.0]], "return_share": [0.1], "discount_share": [0.05],
                       "complaints_12m": [2], "last_survey_score": [3], "days_since_contact": [90],
                       "has_sponsor": [False]})
    line = charts_review.defection_signals(df, "zh", ["2026Q2", "2026Q3"]).data[0]
    assert list(line.text[:2]) == ["a · A<br>2026Q2：5,230.00万", "a · A<br>2026Q3：0.00"]


def _said(fig) -> list[str]:
    """Every legend name, tooltip and tooltip text a figure holds (a Sankey's links and nodes too)."""
    out = []

    def walk(value, key=None):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, (list, tuple, np.ndarray)):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key in ("name", "hovertemplate", "hovertext", "customdata", "text"):
            out.append(value)

    walk([tr.to_plotly_json() for tr in fig.data])
    return out


STRATEGIES = pd.DataFrame({"account_id": ["A", "B"], "name": ["甲", "乙"], "attractiveness": [80.0, 70.0],
                           "strength": [90.0, 22.0], "revenue": [5e6, 1e6], "strategy": ["invest_growth"] * 2})
LINKS = pd.DataFrame({"tier_from": ["Major"], "tier_to": ["Major"], "accounts": [3],
                      "revenue_12m_from": [2_373_600_000.0], "revenue_12m_to": [2_400_000_000.0]})


def _labelled_figures(lang: str) -> list:
    from kamp import charts_review, charts_selection

    return [charts_segments.tier_scatter(ONE_ACCOUNT, ["Major"], lang), charts_segments.value_potential(ONE_ACCOUNT, lang),
            charts_selection.strategy_matrix(STRATEGIES, lang), charts_review.migration_sankey(LINKS, lang, "A", "B"),
            charts.pareto(pd.DataFrame({"account_id": ["A"], "account_share": [1.0], "cum_share": [1.0]}), lang)]


def test_chinese_tooltips_and_legends_use_full_width_colons_and_brackets(wan):
    for fig in _labelled_figures("zh"):
        said = _said(fig)
        assert said and not [s for s in said if ": " in s or " (" in s]
        assert any("：" in s for s in said)
    for fig in _labelled_figures("en"):
        assert any(": " in s for s in _said(fig)) and not [s for s in _said(fig) if "：" in s or "（" in s]


@pytest.mark.parametrize("lang, quadrants, strategy, tooltip", [
    ("zh", ["当前价值大/未来潜力高（1）", "当前价值小/未来潜力高（0）", "当前价值大/未来潜力低（0）", "当前价值小/未来潜力低（0）"],
     "投资发展（2）", "甲 · C0217<br>订单数：50<br>净收入：3.60亿"),
    ("en", ["Large value / high potential (1)", "Small value / high potential (0)", "Large value / low potential (0)",
            "Small value / low potential (0)"], "Invest for growth (2)", "甲 · C0217<br>Orders: 50<br>Net revenue: 360.21M"),
])
def test_legends_count_in_brackets_of_the_language(wan, hover, lang, quadrants, strategy, tooltip):
    from kamp import charts_selection

    assert [tr.name for tr in charts_segments.value_potential(ONE_ACCOUNT, lang).data[:4]] == quadrants
    assert charts_selection.strategy_matrix(STRATEGIES, lang).data[0].name == strategy
    assert hover(charts_segments.tier_scatter(ONE_ACCOUNT, ["Major"], lang).data[0], 0) == tooltip


@pytest.mark.parametrize("lang, said", [
    ("zh", "重要客户 → 重要客户<br>3 个客户<br>近 12 个月收入：23.74亿（A） → 24.00亿（B）"),
    ("en", "Major → Major<br>3 accounts<br>Revenue 12 m: 2.37B (A) → 2.40B (B)"),
])
def test_the_review_sankey_tooltip_gives_both_revenues_to_two_places_as_the_page_s_figures(wan, lang, said):
    from kamp import charts_review

    assert charts_review.migration_sankey(LINKS, lang, "A", "B").data[0].link.customdata[0] == said
