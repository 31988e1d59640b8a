"""The profitability, plan-completeness and account-plan pages on a portfolio of more accounts than
a browser list should hold (2,500 here): choosers offer the 2,000 largest and a search that reaches
any other; the plan table shows the first 2,000 by 12-month revenue and says so, while its
figures and overdue milestones still count every key account."""
import datetime as dt

import pytest
from pagetest import open_page_on as _open, scale_db

from kamp import playbooks, store


PERIOD = "2024Q1"  # the lines are of March 2024, long before last quarter: the plans opened are of their quarter


@pytest.fixture(scope="module")
def big_db(tmp_path_factory):
    # Account a0000 … a2499 with net revenue 1 … 2,500 (no cost: margins unknown): a2499 is the largest.
    db = scale_db(tmp_path_factory.mktemp("scale"))
    # The smallest account has two worksheets saved this quarter, one milestone ten days late.
    con = store.connect(db)
    period, late = PERIOD, dt.date.today() - dt.timedelta(days=10)
    playbooks.save(con, "a0000", period, "statement", {"contribution": "Spare parts"}, "Ann")
    playbooks.save(con, "a0000", period, "short_term_metrics", {"milestones": [
        {"milestone": "Pilot signed", "due": late.isoformat(), "owner": "Ann"}]}, "Ann")
    con.close()
    return db


def test_the_profitability_chooser_offers_the_largest_and_finds_any_other(big_db, monkeypatch):
    at = _open("pages/profitability.py", big_db, monkeypatch)
    chooser = at.selectbox(key="profit_account")
    assert len(chooser.options) == 2_000
    assert chooser.value == "a2499"  # the largest first
    at.text_input(key="profit_account.find").input("a0001").run()
    assert "a0001" in at.selectbox(key="profit_account").options
    at.selectbox(key="profit_account").set_value("a0001").run()
    assert not at.exception, [e.value for e in at.exception]
    # No cost, so no margin rank: no account is "big, not among the best margins" (the top 20 % by
    # revenue once all were), and no line is a return: nothing is flagged.
    assert {m.label: m.value for m in at.metric}["Big, not among the best margins"] == "—"
    assert any(c.value.startswith("0 of 2,500 accounts flagged") for c in at.caption)


def test_the_plan_table_shows_the_first_2000_and_the_figures_count_every_account(big_db, monkeypatch):
    at = _open("pages/plans.py", big_db, monkeypatch)
    tiers = at.multiselect(key="plans_tiers")
    tiers.set_value(list(tiers.options)).run()  # every tier: all 2,500 accounts are key accounts
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m for m in at.metric}
    assert metrics["Key accounts"].value == "2,500"
    assert metrics["Worksheets saved"].delta == "2 / 30,000"
    assert metrics[f"Overdue milestones, {PERIOD}"].value == "1"
    listed = at.dataframe(key="plans_table").value
    assert len(listed) == 2_000
    assert listed["plan"].iloc[0] == "plan?account=a2499&lang=en"  # 12-month revenue, largest first
    assert any(c.value == "Showing the first 2,000 of 2,500 accounts." for c in at.caption)
    # the smallest account is not listed, but its late milestone is
    overdue = next(d.value for d in at.dataframe if "milestone" in d.value.columns)
    assert list(overdue["plan"]) == ["plan?account=a0000&lang=en"] and list(overdue["days_overdue"]) == [10]


def test_the_plan_page_opens_an_account_outside_the_largest(big_db, monkeypatch):
    at = _open("pages/plan.py", big_db, monkeypatch, account="a0003")
    chooser = at.selectbox(key="account")
    assert chooser.value == "a0003"
    assert len(chooser.options) == 2_001  # the 2,000 largest and the one linked
    assert len(at.tabs) == 12
