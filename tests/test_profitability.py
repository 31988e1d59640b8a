"""Profitability waterfall, revenue rank against margin rank, and receivables — worked by hand."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kamp import analysis, profitability, store

# (account, date, amount net of discount, discount, cost, is_return)
# A: 1,000 list − 100 discount; 500 at list; a return of 90 credited at the net price, cost 60 back.
#    gross 1,500 − discounts 100 − returns 90 = net 1,310; cost 600 + 300 − 60 = 840; margin 470.
# B: 250 list − 50 discount, no cost known.
LINES = [
    ("A", "2024-03-01", 900.0, 100.0, 600.0, False),
    ("A", "2024-03-05", 500.0, 0.0, 300.0, False),
    ("A", "2024-03-20", -90.0, 0.0, -60.0, True),
    ("B", "2024-04-01", 200.0, 50.0, None, False),
]


def _add_lines(con, lines) -> None:
    for i, (acc, day, amount, discount, cost, ret) in enumerate(lines):
        con.execute("""INSERT INTO transactions (account_id, ts, amount, discount, cost, is_return, is_product,
                                                 row_hash, import_id)
                       VALUES (?, ?, ?, ?, ?, ?, true, ?, 1)""",
                    [acc, pd.Timestamp(day).to_pydatetime(), amount, discount, cost, ret, i])


def _add_invoices(con, rows) -> None:
    for i, (acc, inv, day, amount, due, paid_day, paid) in enumerate(rows):
        ts = [None if d is None else pd.Timestamp(d).to_pydatetime() for d in (day, due, paid_day)]
        con.execute("""INSERT INTO payments (account_id, invoice_id, invoice_date, amount, due_date, paid_date,
                                             paid_amount, row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    [acc, inv, ts[0], amount, ts[1], ts[2], paid, i])


@pytest.fixture
def lines(con):
    _add_lines(con, LINES)
    return con


def _values(w: pd.DataFrame) -> dict:
    return dict(zip(w["step"], w["value"]))


def test_waterfall_of_one_account_adds_up_by_hand(lines):
    w = profitability.waterfall(lines, account_id="A")
    assert list(w["step"]) == profitability.STEPS
    v = _values(w)
    assert v == pytest.approx({"gross_revenue": 1500, "discounts": -100, "returns": -90, "net_revenue": 1310,
                               "uncosted": math.nan, "cost": -840, "margin": 470}, nan_ok=True)
    assert 1500 - 100 - 90 - 840 == v["margin"]
    assert w.set_index("step").loc["margin", "share"] == pytest.approx(470 / 1500)
    assert list(w["measure"]) == ["absolute", "relative", "relative", "total", "relative", "relative", "total"]
    assert w.attrs["cost_coverage"] == 1.0
    assert math.isnan(v["uncosted"])  # every line costed: nothing set aside


def test_waterfall_sets_aside_the_revenue_of_accounts_without_cost(lines):
    # B's 200 of net revenue has no cost: it is set aside, and the margin is A's (1,310 − 840 = 470),
    # not 1,510 − 840, which would count B's revenue as pure margin
    w = profitability.waterfall(lines)
    v = _values(w)
    assert v["gross_revenue"] == pytest.approx(1750) and v["discounts"] == pytest.approx(-150)
    assert v["net_revenue"] == pytest.approx(1510)
    assert (v["uncosted"], v["cost"], v["margin"]) == pytest.approx((-200, -840, 470))
    assert w.attrs["cost_coverage"] == pytest.approx(3 / 4)
    only_b = _values(profitability.waterfall(lines, account_id="B"))  # no cost at all: none is guessed
    assert math.isnan(only_b["cost"]) and math.isnan(only_b["margin"]) and math.isnan(only_b["uncosted"])
    b = profitability.account_profit(lines).set_index("account_id").loc["B"]
    assert b["gross_revenue"] == 250 and b["net_revenue"] == 200 and np.isnan(b["margin"])


def test_waterfall_counts_lines_up_to_the_as_of_day(lines):
    v = _values(profitability.waterfall(lines, account_id="A", as_of="2024-03-05"))
    assert v["net_revenue"] == pytest.approx(1400) and v["returns"] == 0 and v["margin"] == pytest.approx(500)


def test_waterfall_from_the_account_table_matches_the_database(lines):
    table, _ = analysis.account_table(lines)
    from_table = _values(profitability.waterfall(table, account_id="A"))
    assert from_table == pytest.approx(_values(profitability.waterfall(lines, account_id="A")), nan_ok=True)
    assert _values(profitability.waterfall(table))["margin"] == pytest.approx(470)


def test_without_a_discount_on_any_line_the_discounts_are_unknown_not_zero(con):
    # C: 300 sold, 40 returned, no discount and no cost on any line: gross 300, net 260
    _add_lines(con, [("C", "2024-03-01", 300.0, None, None, False), ("C", "2024-03-02", -40.0, None, None, True)])
    table, _ = analysis.account_table(con)
    for source in (con, table):
        v = _values(profitability.waterfall(source))
        assert math.isnan(v["discounts"]) and math.isnan(v["cost"])
        assert (v["gross_revenue"], v["returns"], v["net_revenue"]) == pytest.approx((300, -40, 260))
    c = profitability.rank_comparison(table).iloc[0]
    assert math.isnan(c["discount_share"]) and not c["discount_eats_margin"]


# Three accounts: X sells most but gave 400 of discounts for a 300 margin; Y earns most; Z returns 60 of 570 gross.
RANKS = pd.DataFrame({
    "account_id": ["X", "Y", "Z"], "name": ["x", "y", "z"], "tier": ["Major", "Major", "Named"],
    "revenue": [1000.0, 600.0, 500.0], "gross_sales": [1000.0, 600.0, 560.0], "discount": [400.0, 0.0, 10.0],
    "return_amount": [0.0, 0.0, 60.0], "cost": [700.0, 200.0, 150.0], "margin": [300.0, 400.0, 350.0],
    "avg_order": [500.0, 50.0, 100.0]})


def test_rank_comparison_flags_big_orders_that_are_not_big_customers():
    r = profitability.rank_comparison(RANKS).set_index("account_id")
    assert list(r["revenue_rank"]) == [1, 2, 3]
    assert r.loc[["X", "Y", "Z"], "margin_rank"].tolist() == [3, 1, 2]
    assert r.loc[["X", "Y", "Z"], "rank_gap"].tolist() == [2, -1, -1]
    assert r.loc["X", "order_rank"] == 1
    assert r.loc["X", "discount_share"] == pytest.approx(400 / 1400)
    assert r.loc["X", "discount_to_margin"] == pytest.approx(400 / 300)
    assert r["discount_eats_margin"].tolist() == [True, False, False]  # X: 400 given ≥ 300 kept
    assert r.loc["Z", "return_share"] == pytest.approx(60 / 570)
    assert r["returns_eat_margin"].tolist() == [False, False, True]
    assert r["big_not_best"].tolist() == [True, False, False]  # top 20 % = 1 account: X, margin rank 3
    looser = profitability.rank_comparison(RANKS, discount_margin_ratio=3.0)
    assert not looser["discount_eats_margin"].any()


def test_an_account_that_only_returned_goods_is_flagged_for_its_returns():
    # R sold nothing in the period and returned 25,111.09: no share of sales, but returns are all it has;
    # S sold nothing and returned nothing
    frame = RANKS.assign(return_amount=[0.0, 0.0, 0.0])
    frame = pd.concat([frame, pd.DataFrame({
        "account_id": ["R", "S"], "revenue": [-25111.09, 0.0], "gross_sales": [0.0, 0.0], "discount": [0.0, 0.0],
        "return_amount": [25111.09, 0.0], "cost": [np.nan, np.nan], "margin": [np.nan, np.nan]})], ignore_index=True)
    r = profitability.rank_comparison(frame).set_index("account_id")
    assert r["returns_eat_margin"].to_dict() == {"X": False, "Y": False, "Z": False, "R": True, "S": False}


def test_an_account_whose_net_is_below_zero_has_no_margin_share():
    # T returned more than it bought (net −750) and its costed lines lost 567: −567 ÷ −750 would read
    # as a 75.6 % margin, the best of all; no share of a net at or below zero
    frame = pd.concat([RANKS, pd.DataFrame({
        "account_id": ["T"], "revenue": [-750.0], "gross_sales": [250.0], "discount": [0.0],
        "return_amount": [1000.0], "cost": [-183.0], "margin": [-567.0]})], ignore_index=True)
    r = profitability.rank_comparison(frame).set_index("account_id")
    assert math.isnan(r.loc["T", "margin_pct"]) and r.loc["T", "margin"] == -567
    assert r.loc["X", "margin_pct"] == pytest.approx(300 / 1000)



def test_equal_figures_share_the_better_rank_and_unknown_ones_stay_unranked():
    # net revenue 50, 80, 50, 20; margins 10, unknown, 30, 10 (no cost on W's lines)
    frame = pd.DataFrame({"account_id": ["V", "W", "X", "Y"], "gross_sales": [60.0, 90.0, 55.0, 25.0],
                          "discount": [0.0] * 4, "return_amount": [10.0, 10.0, 5.0, 5.0],
                          "revenue": [50.0, 80.0, 50.0, 20.0], "cost": [40.0, np.nan, 20.0, 10.0],
                          "margin": [10.0, np.nan, 30.0, 10.0]})
    r = profitability.rank_comparison(frame)
    # by revenue rank, equal ranks by id: W (1), V and X (2, 2), Y (4)
    assert list(r["account_id"]) == ["W", "V", "X", "Y"]
    assert list(r["revenue_rank"]) == [1, 2, 2, 4]
    assert r["margin_rank"].isna().tolist() == [True, False, False, False]
    assert list(r["margin_rank"].iloc[1:]) == [2, 1, 2]
    # W is the top 20 % (one account) by revenue, but with no known margin it is not "big, not among the best"
    assert not r["big_not_best"].any()
    no_cost = profitability.rank_comparison(frame.assign(cost=np.nan, margin=np.nan))
    assert no_cost["margin_rank"].isna().all() and not no_cost["big_not_best"].any()


def test_flagged_keeps_the_largest_first_and_counts_them_all():
    r = profitability.rank_comparison(RANKS)  # X big, not best; Z returns eat its margin
    rows, n = profitability.flagged(r, ["big_not_best", "returns_eat_margin"], limit=1)
    assert list(rows["account_id"]) == ["X"] and n == 2
    rows, n = profitability.flagged(r, ["returns_eat_margin"])
    assert list(rows["account_id"]) == ["Z"] and n == 1
    assert profitability.flagged(r, [])[1] == 0

# As of 2024-06-30, account A:
#   I1 1,000 due 31 Jan, paid 25 Jan in full      on time
#   I2 2,000 due 31 Mar, paid 20 Apr in full      20 days late
#   I3 3,000 due 31 May, unpaid                   overdue 30 days
#   I4 4,000 due 15 Jul, unpaid                   open, not due
#   I5 1,000 due 20 Jun, 600 paid 10 Jun          400 overdue 10 days
#   I6   500 due 25 Jun, paid 5 Jul (after as-of) open and overdue 5 days
#   I7   700 invoiced 2 Jul                       after as-of: not counted
# Account B: 100 invoiced 1 Jun with no due date, unpaid.
INVOICES = [
    ("A", "I1", "2024-01-01", 1000.0, "2024-01-31", "2024-01-25", 1000.0),
    ("A", "I2", "2024-03-01", 2000.0, "2024-03-31", "2024-04-20", 2000.0),
    ("A", "I3", "2024-05-01", 3000.0, "2024-05-31", None, None),
    ("A", "I4", "2024-06-15", 4000.0, "2024-07-15", None, None),
    ("A", "I5", "2024-06-01", 1000.0, "2024-06-20", "2024-06-10", 600.0),
    ("A", "I6", "2024-06-20", 500.0, "2024-06-25", "2024-07-05", 500.0),
    ("A", "I7", "2024-07-02", 700.0, "2024-08-01", None, None),
    ("B", "J1", "2024-06-01", 100.0, None, None, None),
]


def test_receivables_worked_by_hand(con):
    _add_invoices(con, INVOICES)
    r = profitability.receivables(con, as_of="2024-06-30", period_days=90).set_index("account_id")
    a = r.loc["A"]
    assert a["invoices"] == 6
    assert a["invoiced"] == pytest.approx(11500) and a["paid"] == pytest.approx(3600)
    assert a["outstanding"] == pytest.approx(7900)
    assert a["overdue"] == pytest.approx(3000 + 400 + 500)
    assert a["overdue_share"] == pytest.approx(3900 / 7900)
    # Invoiced in the 90 days 2 Apr – 30 Jun: I3, I4, I5, I6.
    assert a["invoiced_in_period"] == pytest.approx(8500)
    assert a["dso_days"] == pytest.approx(7900 / 8500 * 90)
    assert a["invoices_due"] == 5 and a["invoices_in_arrears"] == 4
    assert a["arrears_rate"] == pytest.approx(4 / 5)
    assert a["mean_days_late"] == pytest.approx((0 + 20 + 30 + 10 + 5) / 5)
    assert a["oldest_overdue_days"] == 30
    b = r.loc["B"]
    assert b["outstanding"] == 100 and b["overdue"] == 0 and b["overdue_share"] == 0
    assert np.isnan(b["arrears_rate"]) and np.isnan(b["mean_days_late"])
    assert list(r.index) == ["A", "B"]  # most overdue first

    t = profitability.receivables_totals(r.reset_index())
    assert t["outstanding"] == pytest.approx(8000) and t["overdue"] == pytest.approx(3900)
    assert t["overdue_share"] == pytest.approx(3900 / 8000)
    assert t["dso_days"] == pytest.approx(8000 / 8600 * 90)
    assert t["arrears_rate"] == pytest.approx(4 / 5) and t["mean_days_late"] == pytest.approx(13)
    assert t["accounts_overdue"] == 1


def test_a_payment_after_the_as_of_day_has_not_happened_yet(con):
    _add_invoices(con, INVOICES)
    later = profitability.receivables(con, as_of="2024-07-10", period_days=90).set_index("account_id").loc["A"]
    # By 10 Jul: I6 is paid (10 days late), I7 is invoiced and not yet due.
    assert later["outstanding"] == pytest.approx(3000 + 4000 + 400 + 700)
    assert later["overdue"] == pytest.approx(3400)


def test_a_paid_date_without_amount_counts_as_paid_in_full(con):
    _add_invoices(con, [("C", "K1", "2024-01-01", 100.0, "2024-01-31", "2024-01-20", None)])
    c = profitability.receivables(con, as_of="2024-06-30").iloc[0]
    assert c["paid"] == 100 and c["outstanding"] == 0 and c["arrears_rate"] == 0


def test_no_payments_gives_an_empty_frame_with_the_columns(con):
    for as_of in ("2024-06-30", None):
        r = profitability.receivables(con, as_of=as_of)
        assert r.empty and list(r.columns) == profitability.RECEIVABLE_COLUMNS
    t = profitability.receivables_totals(profitability.receivables(con, "2024-06-30"))
    assert t["outstanding"] == 0 and t["dso_days"] is None and t["arrears_rate"] is None


def test_worst_payers_keeps_the_top_tiers():
    frame = pd.DataFrame({"account_id": list("abcde"), "tier": ["Major", "Named", "Non-named", "Major", "Named"],
                          "overdue": [10.0, 50.0, 900.0, 0.0, 20.0]})
    top = profitability.worst_payers(frame, n=5)
    assert list(top["account_id"]) == ["b", "e", "a"]  # c is a lower tier, d owes nothing overdue
    assert list(profitability.worst_payers(frame, tiers=["Non-named"])["account_id"]) == ["c"]
    assert list(profitability.worst_payers(frame, n=1)["account_id"]) == ["b"]
    with pytest.raises(ValueError):
        profitability.worst_payers(frame.drop(columns="tier"))


def test_receivables_by_tier_adds_up_per_tier_best_first():
    # Chinese tier names rank like their English ones: 重要客户 = Major, 一般客户 = Non-named.
    frame = pd.DataFrame({"account_id": list("abcd"), "tier": ["一般客户", "重要客户", "重要客户", None],
                          "outstanding": [100.0, 300.0, 0.0, 50.0], "overdue": [100.0, 30.0, 0.0, 50.0]})
    t = profitability.receivables_by_tier(frame)
    assert list(t["tier"]) == ["重要客户", "一般客户"]  # the account without a tier is left out
    major = t.iloc[0]
    assert (major["accounts"], major["outstanding"], major["overdue"], major["accounts_overdue"]) == (2, 300, 30, 1)
    assert major["overdue_share"] == pytest.approx(0.1) and t.iloc[1]["overdue_share"] == 1.0
    assert profitability.top_tiers(frame, count=1) == ["重要客户"]


def test_demo_portfolio_margin_is_the_sum_of_account_margins(demo_db):
    con = store.connect(demo_db, read_only=True)
    try:
        table, meta = analysis.account_table(con)
        v = _values(profitability.waterfall(con, as_of=meta["as_of"]))
        assert v["margin"] == pytest.approx(table["margin"].sum(), rel=1e-9)
        assert v["net_revenue"] == pytest.approx(table["revenue"].sum(), rel=1e-9)
        assert v["gross_revenue"] + v["discounts"] + v["returns"] + v["cost"] == pytest.approx(v["margin"])
        # The demo's big accounts get the deepest discounts (seed 004): the top fifth by revenue
        # gives away a larger share than the rest.
        ranks = profitability.rank_comparison(table)
        top = ranks["revenue_rank"] <= math.ceil(0.2 * len(ranks))
        assert ranks.loc[top, "discount_share"].median() > ranks.loc[~top, "discount_share"].median()
        rec = profitability.receivables(con, meta["as_of"])
        assert rec["account_id"].is_unique
        assert (rec["outstanding"] >= rec["overdue"] - 1e-6).all()
        assert rec["arrears_rate"].dropna().between(0, 1).all()
        totals = profitability.receivables_totals(rec)
        paid_in = con.execute("SELECT sum(amount) FROM payments").fetchone()[0]
        assert totals["invoiced"] == pytest.approx(paid_in)
        assert 0 < totals["dso_days"] < 365
    finally:
        con.close()


def test_the_rank_scatter_colours_each_account_by_its_first_flag():
    """An account with several flags is drawn once, in the colour of the first of big-not-best,
    discount, returns; the legend counts every account with each flag."""
    from kamp import charts_profit

    df = pd.DataFrame({
        "account_id": ["a", "b", "c", "d", "e"], "name": ["A", "B", "C", "D", "E"],
        "revenue": [500.0, 400.0, 300.0, 200.0, 100.0], "margin": [10.0, 50.0, 40.0, 30.0, 20.0],
        "margin_pct": [0.02, 0.125, 0.13, 0.15, 0.2], "revenue_rank": [1, 2, 3, 4, 5], "margin_rank": [5, 1, 2, 3, 4],
        "big_not_best": [True, False, False, False, False],
        "discount_eats_margin": [True, True, False, False, False],
        "returns_eat_margin": [False, True, True, False, False]})
    fig = charts_profit.rank_scatter(df, "en")
    points = {tr.name: list(tr.customdata) for tr in fig.data if tr.mode == "markers"}
    by_count = {name.rsplit(" (", 1)[0]: ids for name, ids in points.items()}
    assert sorted(sum(points.values(), [])) == ["a", "b", "c", "d", "e"]  # each account once
    assert [ids for ids in by_count.values() if "a" in ids] == [["a"]]
    assert any(ids == ["b"] for ids in by_count.values()) and any(ids == ["c"] for ids in by_count.values())
    assert sorted(next(ids for ids in by_count.values() if "d" in ids)) == ["d", "e"]
    # legend counts: big-not-best 1, discount 2 (a and b), returns 2 (b and c), no flag 2
    assert sorted(int(name.rsplit("(", 1)[1].rstrip(")")) for name in points) == [1, 2, 2, 2]


def test_one_line_without_cost_sets_aside_that_line_alone(con):
    # A's lines as above (net 1,310, cost 840, margin 470) and one more line of 1,000 with no cost:
    # only that 1,000 is set aside; A keeps its margin of 470 (its margin % 470 / 1,310)
    _add_lines(con, LINES[:3] + [("A", "2024-03-25", 1000.0, 0.0, None, False)])
    v = _values(profitability.waterfall(con, account_id="A"))
    assert (v["net_revenue"], v["uncosted"], v["cost"], v["margin"]) == pytest.approx((2310, -1000, -840, 470))
    a = profitability.account_profit(con).set_index("account_id").loc["A"]
    assert (a["margin"], a["margin_pct"]) == pytest.approx((470, 470 / 1310))
    table, _ = analysis.account_table(con)  # the page's way, from the account table: the same
    assert _values(profitability.waterfall(table, account_id="A")) == pytest.approx(v, nan_ok=True)


def test_an_invoice_paid_in_instalments_on_two_rows_is_one_invoice(con):
    # INV9, 1,000, paid 600 on the 20th and 400 on 3 February, one row each as payment exports
    # list them: one invoice of 1,000, paid in full — not two invoices, 1,000 still open
    _add_invoices(con, [("G1", "INV9", "2026-01-05", 1000.0, "2026-02-05", "2026-01-20", 600.0),
                        ("G1", "INV9", "2026-01-05", 1000.0, "2026-02-05", "2026-02-03", 400.0)])
    r = profitability.receivables(con, as_of="2026-03-31").set_index("account_id").loc["G1"]
    assert (r["invoices"], r["invoiced"], r["paid"], r["outstanding"], r["overdue"]) == (1, 1000, 1000, 0, 0)
    r = profitability.receivables(con, as_of="2026-01-31").set_index("account_id").loc["G1"]
    assert (r["paid"], r["outstanding"]) == (600, 400)  # the second instalment had not come yet


# A portfolio of 31.42亿 gross: 1.766亿 of discounts, 1,200万 of returns, 24亿 of cost, a margin of 5.534亿.
STEPS_OF_A_PORTFOLIO = pd.DataFrame({
    "step": profitability.STEPS,
    "value": [3_142_000_000.0, -176_600_000.0, -12_000_000.0, 2_953_400_000.0, math.nan, -2_400_000_000.0,
              553_400_000.0],
    "measure": ["absolute", "relative", "relative", "total", "relative", "relative", "total"]})
STEPS_OF_A_PORTFOLIO["share"] = STEPS_OF_A_PORTFOLIO["value"] / 3_142_000_000.0


@pytest.mark.parametrize("lang, step, said", [
    ("zh", 1, "折扣：1.77亿<br>占折前收入：5.6%"),  # 176.6 / 3,142 = 5.62 %
    ("zh", 4, "成本：24.00亿<br>占折前收入：76.4%"),  # the cost, not the 5.53亿 left after it
    ("zh", 5, "毛利：5.53亿<br>占折前收入：17.6%"),
    ("en", 1, "Discounts: 176.60M<br>Share of gross revenue: 5.6%"),
    ("en", 2, "Returns: 12.00M<br>Share of gross revenue: 0.4%"),
    ("en", 4, "Cost: 2.40B<br>Share of gross revenue: 76.4%"),
    ("en", 0, "Gross revenue: 3.14B<br>Share of gross revenue: 100.0%"),  # on one line, as the axis is not
])
def test_the_waterfall_tooltip_says_each_step_s_own_amount_in_the_page_s_units(wan, hover, lang, step, said):
    from kamp import charts_profit

    fig = charts_profit.waterfall(STEPS_OF_A_PORTFOLIO, lang)  # the unknown "no cost" step is left out
    assert hover(fig.data[0], step) == said


@pytest.mark.parametrize("lang, said", [
    ("zh", ["31.42亿", "1.77亿", "1,200.00万", "29.53亿", "24.00亿", "5.53亿"]),
    ("en", ["3.14B", "176.60M", "12.00M", "2.95B", "2.40B", "553.40M"]),
])
def test_the_waterfall_bars_say_their_amounts_as_the_page_s_figures_do(wan, lang, said):
    # 3,142M gross, 176.6M of discounts (5.6 %), 12M of returns (0.4 %), 2,953.4M net (94.0 %), 2,400M of
    # cost (76.4 %), 553.4M of margin (17.6 %): two decimals of each figure's unit, as the metrics above
    from kamp import charts_profit

    fig = charts_profit.waterfall(STEPS_OF_A_PORTFOLIO, lang)
    shares = ["100.0%", "5.6%", "0.4%", "94.0%", "76.4%", "17.6%"]
    assert list(fig.data[0].text) == [f"{amount}<br>{share}" for amount, share in zip(said, shares)]


def test_receivable_tooltips_say_money_in_the_units_of_the_axis(wan, hover):
    """Major owes 3.00亿, 2.14亿 of it overdue (0.86亿 not yet due)."""
    from kamp import charts_profit

    tiers = pd.DataFrame({"tier": ["重要客户"], "outstanding": [300_000_000.0], "overdue": [214_290_178.0],
                          "overdue_share": [214_290_178 / 3e8], "accounts_overdue": [12]})
    fig = charts_profit.receivables_by_tier(tiers, "zh")
    assert hover(fig.data[0], 0) == "重要客户<br>逾期：2.14亿<br>有逾期的客户：12"
    assert hover(fig.data[1], 0) == "重要客户<br>未到期：8,570.98万"  # 300,000,000 − 214,290,178
    payers = pd.DataFrame({"account_id": ["C0217"], "name": ["甲"], "outstanding": [83_798_548.27],
                           "overdue": [50_000_000.0], "dso_days": [40.0], "arrears_rate": [0.2],
                           "mean_days_late": [10.0]})
    fig = charts_profit.worst_payers(payers, "en")
    assert [hover(tr, 0) for tr in fig.data[:2]] == ["甲 · C0217<br>Overdue: 50.00M", "甲 · C0217<br>Not yet due: 33.80M"]


def test_rank_scatter_tooltips_say_money_in_the_page_s_units(wan):
    from kamp import charts_profit

    df = RANKS.assign(revenue=[360_213_832.0, 6e7, 5e7], margin=[35_000_000.0, 4e7, 3.5e7], margin_pct=0.1,
                      revenue_rank=[1, 2, 3], margin_rank=[3, 1, 2], big_not_best=False,
                      discount_eats_margin=False, returns_eat_margin=False)
    fig = charts_profit.rank_scatter(df, "zh")
    x = next(tr for tr in fig.data if tr.customdata is not None and "X" in list(tr.customdata))
    assert x.hovertext[list(x.customdata).index("X")] == "<b>x · X</b><br>净收入：3.60亿（#1）<br>毛利：3,500.00万 · 10.0%（#3）"


def test_the_margin_share_of_a_partly_costed_account_is_of_its_costed_lines():
    # P sold 1,000 net, 600 of it on lines with a cost of 450: a margin of 150 on 600 is 25 %, as the
    # account table says it (not 150 on all 1,000: 15 %)
    frame = pd.DataFrame({"account_id": ["P"], "revenue": [1000.0], "gross_sales": [1000.0], "discount": [0.0],
                          "return_amount": [0.0], "cost": [450.0], "margin": [150.0]})
    assert profitability.rank_comparison(frame).loc[0, "margin_pct"] == pytest.approx(0.25)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_waterfall_without_returns_says_0_00_returned_not_minus_0_00(lang):
    # 200 gross, no discount, no return (a sum of nothing negated: -0.0), 200 net, 150 cost, 50 margin
    from kamp import charts_profit

    steps = pd.DataFrame({"step": profitability.STEPS, "value": [200.0, -0.0, -0.0, 200.0, math.nan, -150.0, 50.0],
                          "measure": ["absolute", "relative", "relative", "total", "relative", "relative", "total"]})
    steps["share"] = steps["value"] / 200.0
    fig = charts_profit.waterfall(steps, lang)
    assert list(fig.data[0].text) == ["200.00<br>100.0%", "0.00<br>0.0%", "0.00<br>0.0%", "200.00<br>100.0%",
                                      "150.00<br>75.0%", "50.00<br>25.0%"]
