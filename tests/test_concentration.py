"""Concentration measures on a hand-worked portfolio, and their properties."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamp import concentration as c

# Five accounts: 50, 30, 10, 5, 5 (total 100).
REVENUE = [50, 30, 10, 5, 5]


def test_top_share_and_accounts_for_80pct():
    assert c.top_share(REVENUE) == pytest.approx(0.5)  # ceil(20 % × 5) = 1 account
    assert c.accounts_for(REVENUE, 0.8) == 2  # 50 + 30 = 80 %


def test_top_shares_at_several_fractions_count_a_negative_account_as_none():
    # 50, −10, 30, 20: four accounts, the −10 holding nothing of the 100. Top 10 % and 25 % =
    # one account (50), 50 % = two (80), 60 % = ceil(2.4) = three (100), all = 100
    assert c.top_shares([50, -10, 30, 20], [0.1, 0.25, 0.5, 0.6, 1.0]) == pytest.approx([0.5, 0.5, 0.8, 1.0, 1.0])
    assert c.top_shares([0, -5], [0.2, 0.5]) == [None, None]


def test_gini_hhi_effective_accounts():
    # Gini = 2 Σ i·x_i / (n Σx) − (n+1)/n, ascending 5, 5, 10, 30, 50:
    # 2 (5 + 10 + 30 + 120 + 250) / 500 − 6/5 = 1.66 − 1.2
    assert c.gini(REVENUE) == pytest.approx(0.46)
    assert c.hhi(REVENUE) == pytest.approx(2500 + 900 + 100 + 25 + 25)
    assert c.effective_accounts(REVENUE) == pytest.approx(1 / 0.355)
    assert c.gini([7, 7, 7, 7]) == pytest.approx(0)


def test_abc_classes_with_default_cuts():
    df = pd.DataFrame({"account_id": list("vwxyz"), "revenue": REVENUE})
    # Before each account: 0, .5, .8, .9, .95 → A, A, B, B, C
    assert c.abc_classes(df).tolist() == ["A", "A", "B", "B", "C"]
    assert c.abc_classes(df, cuts=(0.5, 0.9)).tolist() == ["A", "B", "B", "C", "C"]
    with pytest.raises(ValueError):
        c.abc_classes(df, cuts=(0.9, 0.8))


def test_accounts_without_positive_revenue_count_as_zero():
    s = c.summary([100, -20, 0])
    assert s["accounts"] == 3 and s["non_positive_accounts"] == 2
    assert s["top20_share"] == pytest.approx(1.0)
    df = pd.DataFrame({"account_id": ["a", "b", "c"], "revenue": [100, -20, 0]})
    assert c.abc_classes(df).tolist() == ["A", "C", "C"]


def test_stress_losing_the_top_accounts():
    s = c.stress(REVENUE, 3)
    assert s["remaining_share"].round(6).tolist() == [1.0, 0.5, 0.2, 0.1]


def test_stress_names_the_accounts_lost_largest_first_ties_by_id():
    # 100 in all; losing b (50) leaves 50 %, then c (30) 20 %, then a and z (5 each, a first);
    # the account with a negative value is never among those lost
    s = c.stress([5, 50, 5, 30, -10, 10], 10, ids=["z", "b", "a", "c", "n", "d"])
    assert s["account_id"].tolist()[1:] == ["b", "c", "d", "a", "z"]
    assert s["value"].tolist()[1:] == [50, 30, 10, 5, 5]
    assert s["lost"].tolist() == [0, 50, 80, 90, 95, 100]
    assert s["remaining_share"].round(6).tolist() == [1.0, 0.5, 0.2, 0.1, 0.05, 0.0]


def test_quarterly_trend():
    per_q = pd.DataFrame({"quarter": ["2024-01-01"] * 2 + ["2024-04-01"] * 2, "account_id": ["a", "b"] * 2,
                          "value": [50, 50, 90, 10]})
    trend = c.quarterly(per_q)
    assert trend["gini"].round(4).tolist() == [0.0, 0.4]
    assert trend["top20_share"].tolist() == [0.5, 0.9]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.floats(-1e6, 1e9, allow_nan=False), min_size=1, max_size=300))
def test_pareto_is_monotone_and_ends_at_one_and_gini_in_unit_interval(values):
    df = pd.DataFrame({"account_id": [f"a{i}" for i in range(len(values))], "revenue": values})
    p = c.pareto(df)
    if np.clip(values, 0, None).sum() > 0:
        assert (np.diff(p["cum_share"]) >= -1e-12).all()
        assert p["cum_share"].iloc[-1] == pytest.approx(1.0)
        assert 0 <= c.gini(values) <= 1
        lz = c.lorenz(values)
        assert (np.diff(lz["value_share"]) >= -1e-12).all() and lz["value_share"].iloc[-1] == pytest.approx(1)
        assert 1 <= c.accounts_for(values) <= len(values)
        assert 0 <= c.hhi(values) <= 10_000 + 1e-6


def test_indicators_of_the_other_tables_per_account(con, tmp_path):
    # complaints counted up to the date, overdue receivables, and a record's registered capital;
    # an account with none has 0 (a count, a sum) or nothing (a record's value)
    import datetime as dt

    from kamp import indicators, ingest

    (tmp_path / "i.csv").write_text("Customer ID,Date,Kind\nA,2024-03-01,complaint\nA,2024-03-02,complaint\n"
                                    "B,2024-03-03,complaint\nA,2024-05-01,complaint\nB,2024-03-04,praise\n",
                                    encoding="utf-8")
    (tmp_path / "p.csv").write_text("Customer ID,Invoice No,Invoice Date,Amount,Due Date,Paid Date,Paid Amount\n"
                                    "A,I1,2024-02-01,100,2024-03-01,,\nB,I2,2024-02-01,50,2024-03-01,2024-03-10,50\n",
                                    encoding="utf-8")
    (tmp_path / "a.csv").write_text("Customer ID,Name,Registered capital\nA,甲,100万\n", encoding="utf-8")
    ingest.import_file(con, tmp_path / "i.csv", "interactions")
    ingest.import_file(con, tmp_path / "p.csv", "payments")
    ingest.import_file(con, tmp_path / "a.csv", "accounts")
    ids = pd.Series(["A", "B", "C"])
    day = dt.date(2024, 3, 31)
    assert indicators.values(con, "complaints", ids, day).tolist() == [2, 1, 0]  # A's May complaint is later
    assert indicators.values(con, "overdue", ids, day).tolist() == [100, 0, 0]
    capital = indicators.values(con, "registered_capital", ids, day).tolist()
    assert capital[0] == 1_000_000 and all(np.isnan(capital[1:]))
    assert indicators.available(con) == ["complaints", "praise", "invoiced", "outstanding", "overdue",
                                         "registered_capital"]


@pytest.mark.parametrize("lang, start, first", [
    ("en", "Largest accounts lost: 0<br>Remaining share: 100.0%",
     "Largest accounts lost: 1<br>Account: b<br>Remaining share: 50.0%"),
    ("zh", "失去的头部客户数：0<br>剩余占比：100.0%", "失去的头部客户数：1<br>客户编号：b<br>剩余占比：50.0%"),
])
def test_the_stress_tooltip_names_no_account_before_any_is_lost(hover, lang, start, first):
    from kamp import charts

    trace = charts.stress(c.stress([5, 50, 5, 30, 10], 2, ids=["z", "b", "a", "c", "d"]), lang).data[0]
    assert [hover(trace, 0), hover(trace, 1)] == [start, first]
