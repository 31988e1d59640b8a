"""Per-account features on a hand-made set of order lines, with every expected value worked
out by hand from the definitions (lifetimes' summary_data_from_transaction_data semantics)."""
import math

import pandas as pd
import pytest

from kamp import features, ingest, store

LINES = """account,date,invoice,amount,cost
A,2024-01-01 10:00,I1,100,60
A,2024-01-01 15:00,I2,50,30
A,2024-01-05 09:00,I3,30,
A,2024-01-10 11:00,I4,20,12
A,2024-01-10 16:00,CI4,-5,-3
B,2024-01-20 12:00,I5,40,
C,2023-12-01 08:00,I6,10,
C,2024-02-15 08:00,I7,99,
"""
AS_OF = "2024-01-31"


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    folder = tmp_path_factory.mktemp("features")
    (folder / "lines.csv").write_text(LINES, encoding="utf-8")
    con = store.connect(folder / "k.duckdb")
    ingest.import_file(con, folder / "lines.csv", mapping={"account": "account_id", "date": "ts",
                                                           "invoice": "invoice_id", "amount": "amount",
                                                           "cost": "cost"})
    df = features.account_features(con, AS_OF).set_index("account_id")
    con.close()
    return df


def test_same_day_amounts_merge_into_one_purchase(table):
    a = table.loc["A"]
    # Purchase days: Jan 1 (100 + 50), Jan 5 (30), Jan 10 (20 − 5).
    assert a["purchase_days"] == 3
    assert a["frequency"] == 2
    assert a["recency"] == 9  # Jan 10 − Jan 1
    assert a["T"] == 30  # Jan 31 − Jan 1
    assert a["monetary_value"] == pytest.approx((30 + 15) / 2)  # repeat days only, first excluded


def test_single_purchase_day_has_zero_monetary_value(table):
    b = table.loc["B"]
    assert (b["frequency"], b["recency"], b["T"], b["monetary_value"]) == (0, 0, 11, 0)


def test_lines_after_as_of_are_left_out(table):
    c = table.loc["C"]
    assert c["revenue"] == 10  # the 99 on Feb 15 is after Jan 31
    assert (c["frequency"], c["recency"], c["T"]) == (0, 0, 61)


def test_revenue_returns_orders_and_margin(table):
    a = table.loc["A"]
    assert a["revenue"] == pytest.approx(195)
    assert a["gross_sales"] == pytest.approx(200)
    assert (a["returns"], a["return_amount"]) == (1, pytest.approx(5))
    assert a["orders"] == 4  # I1–I4; the cancellation CI4 is not an order
    assert a["avg_order"] == pytest.approx(195 / 4)
    assert a["largest_order"] == pytest.approx(100)
    # Cost known on I1, I2, I4, CI4: revenue 165, cost 99 (the return's cost comes back).
    assert a["margin"] == pytest.approx(165 - 99)
    assert a["margin_pct"] == pytest.approx(66 / 165)
    assert math.isnan(table.loc["B"]["margin"])


def test_lines_without_cost_give_the_same_features_and_no_margin(tmp_path):
    # The same lines from an export with no cost column: everything but cost and margin as above.
    (tmp_path / "lines.csv").write_text("\n".join(r.rsplit(",", 1)[0] for r in LINES.splitlines()), encoding="utf-8")
    con = store.connect(tmp_path / "k.duckdb")
    ingest.import_file(con, tmp_path / "lines.csv", mapping={"account": "account_id", "date": "ts",
                                                             "invoice": "invoice_id", "amount": "amount"})
    assert features.known_columns(con) == frozenset()
    a = features.account_features(con, AS_OF).set_index("account_id").loc["A"]
    assert (a["revenue"], a["gross_sales"], a["returns"], a["return_amount"]) == (195, 200, 1, 5)
    assert (a["orders"], a["largest_order"], a["monetary_value"]) == (4, 100, pytest.approx(22.5))
    assert math.isnan(a["cost"]) and math.isnan(a["margin"]) and math.isnan(a["margin_pct"])
    con.close()


def test_an_account_that_only_returned_goods_has_no_order(tmp_path):
    # D bought nothing in this export and returned one invoice's goods; E's invoice of 80 beats its
    # return of 90 as its largest order; F's lines carry no invoice id: its orders are its days.
    (tmp_path / "lines.csv").write_text(
        "account,date,invoice,amount\nD,2024-01-03,C9,-50\nE,2024-01-04,I9,80\nE,2024-01-06,C10,-90\n"
        "F,2024-01-04,,10\nF,2024-01-04,,5\nF,2024-01-08,,7\n", encoding="utf-8")
    con = store.connect(tmp_path / "k.duckdb")
    ingest.import_file(con, tmp_path / "lines.csv")
    df = features.account_features(con, AS_OF).set_index("account_id")
    con.close()
    d, e, f = df.loc["D"], df.loc["E"], df.loc["F"]
    assert (d["orders"], d["revenue"], d["gross_sales"]) == (0, -50, 0)
    assert math.isnan(d["avg_order"]) and math.isnan(d["largest_order"])
    assert (e["orders"], e["largest_order"], e["avg_order"]) == (1, 80, -10)
    assert (f["orders"], f["revenue"], f["avg_order"]) == (2, 22, 11)
    assert math.isnan(f["largest_order"])


def test_cycle_and_status(table):
    assert table.loc["A"]["mean_interval_days"] == pytest.approx(4.5)
    assert table.loc["A"]["days_since_last"] == 21
    # Cycles are clipped to at least 30 days: A (21 days) and B (11) are active; C, 61 days
    # since its only purchase, is past 2 cycles (60 days) but within 4: dormant.
    assert table["status"].to_dict() == {"A": "active", "B": "active", "C": "dormant"}


def test_trailing_twelve_months(table):
    assert table.loc["A"]["revenue_12m"] == pytest.approx(195)
    # The lines begin 2023-12-01, two months before the as-of date: the year before the last
    # (2022-02-01 … 2023-01-31) is not in them, so no account's revenue then, nor its growth, is known.
    assert table["revenue_prior_12m"].isna().all()
    assert table["growth_12m"].isna().all()


def test_growth_when_the_lines_reach_back_two_years(tmp_path):
    # As of 2024-12-31 the last 365 days run from 2024-01-02, the 365 before from 2023-01-02.
    # The lines begin 2023-01-20 (18 days later, within a month: in the data). P bought 100 then and
    # 150 now: +50 %. N is new this year: nothing the year before (0), growth unknown (NaN).
    # O bought on 2024-01-01, the last day of the prior year.
    (tmp_path / "lines.csv").write_text("account,date,amount\nP,2023-01-20,100\nP,2024-06-01,150\n"
                                        "N,2024-03-01,80\nO,2024-01-01,40\nO,2024-01-02,10\n"
                                        "R,2023-03-01,-30\nS,2023-04-01,-10\nS,2024-05-01,50\n", encoding="utf-8")
    con = store.connect(tmp_path / "k.duckdb")
    ingest.import_file(con, tmp_path / "lines.csv")
    t = features.account_features(con, "2024-12-31").set_index("account_id")
    assert t.loc["P", ["revenue_12m", "revenue_prior_12m", "growth_12m"]].tolist() == [150, 100, pytest.approx(0.5)]
    assert t.loc["N", ["revenue_12m", "revenue_prior_12m"]].tolist() == [80, 0] and math.isnan(t.loc["N", "growth_12m"])
    assert t.loc["O", ["revenue_12m", "revenue_prior_12m", "growth_12m"]].tolist() == [10, 40, pytest.approx(-0.75)]
    # R only returned goods the year before and bought nothing since; S returned 10 then and bought 50
    # now. A year that netted below zero is no base to grow from: growth unknown, not +100 % or +600 %.
    assert t.loc["R", ["revenue_12m", "revenue_prior_12m"]].tolist() == [0, -30] and math.isnan(t.loc["R", "growth_12m"])
    assert t.loc["S", ["revenue_12m", "revenue_prior_12m"]].tolist() == [50, -10] and math.isnan(t.loc["S", "growth_12m"])
    # As of 2024-12-18 the prior year starts 2022-12-20 and the lines 31 days later: still in
    # the data; as of 2024-12-17 they begin 32 days after it: not, so no prior year is known.
    assert features.account_features(con, "2024-12-18").set_index("account_id").loc["P", "revenue_prior_12m"] == 100
    earlier = features.account_features(con, "2024-12-17")
    assert earlier["revenue_prior_12m"].isna().all() and earlier["growth_12m"].isna().all()
    con.close()


@pytest.mark.parametrize("first, as_of, expected", [
    ("2022-01-01", "2024-01-01", True),   # 730 days before: the prior year (from 2022-01-02) is all in
    ("2022-02-02", "2024-01-01", True),   # 31 days after the prior year's first day: in, by the slack
    ("2022-02-03", "2024-01-01", False),  # 32 days after: not
    (None, "2024-01-01", False),          # no lines
])
def test_prior_year_in_data(first, as_of, expected):
    assert features.prior_year_in_data(first, as_of) is expected


def test_status_rules_are_data():
    # Cycle 10 days: active up to 20 days since the last purchase, dormant up to 40, lost after.
    df = pd.DataFrame({"mean_interval_days": [10.0, 10.0, 10.0], "days_since_last": [20, 35, 100]})
    rules = {"dormant_after_cycles": 2, "lost_after_cycles": 4, "min_cycle_days": 10, "max_cycle_days": 365}
    assert features.activity_status(df, rules).tolist() == ["active", "dormant", "lost"]
    rules["lost_after_cycles"] = 20
    assert features.activity_status(df, rules).tolist() == ["active", "dormant", "dormant"]


def test_equal_revenues_tie_whatever_order_the_lines_were_added_in(tmp_path):
    # 0.1 + 0.2 + 0.3 is 0.6000000000000001 in floating point, 0.3 + 0.2 + 0.1 is 0.6: summed in
    # another order (as a parallel sum may), the same revenue would rank another account first.
    # Sums of money are kept to a millionth, so the two tie and go by account id.
    lines = "account,date,amount\nb,2024-01-01,0.1\nb,2024-01-01,0.2\nb,2024-01-01,0.3\n" \
            "a,2024-01-01,0.3\na,2024-01-01,0.2\na,2024-01-01,0.1\n"
    (tmp_path / "lines.csv").write_text(lines, encoding="utf-8")
    con = store.connect(tmp_path / "k.duckdb")
    ingest.import_file(con, tmp_path / "lines.csv")
    df = features.account_features(con, "2024-01-31")
    assert df["account_id"].tolist() == ["a", "b"]
    assert df["revenue"].tolist() == [0.6, 0.6] and df["gross_sales"].tolist() == [0.6, 0.6]


def test_features_are_computed_while_a_result_is_still_open_on_the_connection(tmp_path):
    # The Ibis backend of a connection is made, a count is read from the connection with
    # fetchone(), and the backend is used: DuckDB would refuse its queries while that result
    # is open, were they run on the same connection.
    (tmp_path / "lines.csv").write_text(LINES, encoding="utf-8")
    con = store.connect(tmp_path / "k.duckdb")
    ingest.import_file(con, tmp_path / "lines.csv")
    be = features.backend(con)
    assert con.execute("SELECT count(*) FROM transactions").fetchone() == (8,)
    assert features.default_as_of(be).isoformat() == "2024-02-15"
    df = features.account_features(be, AS_OF).set_index("account_id")
    assert df.loc["A", "revenue"] == 195.0  # 100 + 50 + 30 + 20 − 5
    assert con.execute("SELECT count(*) FROM transactions").fetchone() == (8,)


def test_no_margin_share_of_a_net_below_zero(tmp_path):
    # N bought 10 (cost 8) and returned 30 (cost 20 back): net −20, cost −12, margin −8. −8 ÷ −20
    # would read as a 40 % margin; there is no share of a net at or below zero
    (tmp_path / "n.csv").write_text("account,date,amount,cost\nN,2024-01-02,10,8\nN,2024-01-09,-30,-20\n",
                                    encoding="utf-8")
    con = store.connect(tmp_path / "k.duckdb")
    ingest.import_file(con, tmp_path / "n.csv")
    n = features.account_features(con, "2024-01-31").set_index("account_id").loc["N"]
    assert (n["revenue"], n["margin"]) == (-20, -8) and math.isnan(n["margin_pct"])
    con.close()
