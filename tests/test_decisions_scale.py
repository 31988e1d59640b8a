"""The Scorecards and Strategy matrices pages on a portfolio of more accounts than a browser
table should hold (2,500 here): the ranking lists and perturbs the 2,000 best-ranked and says
so, ★ still judged against every scored account; a strategy's list holds its 2,000 largest.
And the strategy grid and share of wallet of :mod:`kamp.matrices`, by hand."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pagetest import open_page, scale_db

from kamp import matrices


@pytest.fixture(scope="module")
def big_db(tmp_path_factory):
    # Account a0000 … a2499 with net revenue 1 … 2,500, one invoice each, all in March 2024.
    return scale_db(tmp_path_factory.mktemp("decisions_scale"))


def _open(page: str, db: Path, monkeypatch, **state):
    monkeypatch.setenv("KAMP_DB", str(db))
    at = open_page(page, "en")
    if state:
        for key, value in state.items():
            at.session_state[key] = value
        at.run()
        assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_ranking_lists_the_best_ranked_and_stars_against_every_account(big_db, monkeypatch):
    # Customer value scorecard, unscored criteria as 5.5: only revenue tells the accounts apart
    # (one invoice each, no margin, prior year or wallet), so the total rises with revenue's
    # percentile 1 + 9 (r − 1) / 2,499 — whose mean is 5.5, reached by no account: ★ for the
    # 1,250 accounts ranked by revenue 1,251 … 2,500.
    at = _open("pages/scorecards.py", big_db, monkeypatch, card_template="Customer value scorecard")
    at.toggle(key="neutral").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Scored"] == "2,500" and metrics["★ selected"] == "1,250"
    ranking = next(d.value for d in at.dataframe if "total" in d.value.columns)
    assert len(ranking) == 2_000 and ranking["label"].iloc[0] == "a2499" and ranking["label"].iloc[-1] == "a0500"
    assert list(ranking["rank"]) == list(range(1, 2_001))
    captions = [c.value for c in at.caption]
    assert "Showing the 2,000 best-ranked of 2,500 scored." in captions
    assert any(c.startswith("The weights are perturbed for the 2,000 best-ranked of 2,500 scored") for c in captions)


def test_a_strategy_list_holds_its_largest_accounts(big_db, monkeypatch):
    # Strength on the key-account scorecard nobody has judged, as 5.5 throughout: 50 for every
    # account; attractiveness 100 (10 p + 5.5 · 48 − 58) / (580 − 58), between 41 and 59: every
    # account sits in the middle cell, "maintain".
    at = _open("pages/matrices.py", big_db, monkeypatch, strength_by="Key-account selection")
    assert any(c.value.startswith("2,500 of 2,500 accounts have both scores") for c in at.caption)
    at.button_group(key="show_strategy").set_value("maintain").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(c.value.startswith("Showing the 2,000 largest of 2,500 accounts") for c in at.caption)
    listed = next(d.value for d in at.dataframe if "attractiveness" in d.value.columns)
    assert len(listed) == 2_000 and listed["link"].iloc[0].startswith("account?account=a2499")
    assert listed["strength"].eq(50.0).all()


def test_the_grid_cuts_at_33_and_67_into_five_strategies():
    accounts = pd.DataFrame({"account_id": list("abcdefg"), "name": "", "tier": "", "revenue": 1.0})
    attractiveness = pd.Series([80, 50, 10, 80, 50, 67, np.nan], index=list("abcdefg"), dtype=float)
    strength = pd.Series([80, 80, 10, 10, 10, 32.9, 50], index=list("abcdefg"), dtype=float)
    frame = matrices.strategy_frame(accounts, attractiveness, strength, cuts=[33, 67])
    assert dict(zip(frame["account_id"], frame["strategy"])) == {
        "a": "invest_growth", "b": "invest_selectively", "c": "withdraw", "d": "maintain",
        "e": "manage_for_cash", "f": "maintain"}  # f: 67 is high, 32.9 low; g has no attractiveness
    assert list(frame.loc[frame["account_id"] == "f", ["attractiveness_level", "strength_level"]].iloc[0]) == [
        "high", "low"]


def test_share_of_wallet_and_the_largest_of_a_strategy():
    accounts = pd.DataFrame({"account_id": ["a", "b", "c", "d"], "revenue_12m": [50.0, 300.0, 10.0, np.nan],
                             "wallet_estimate": [200.0, 200.0, 0.0, 100.0]})
    share = matrices.basis_scores(accounts, ("share_of_wallet",))
    assert np.array_equal(share, [25.0, 100.0, np.nan, 0.0], equal_nan=True)  # capped at 100; no wallet, no share
    matrix = matrices.strategy_frame(pd.DataFrame({"account_id": list("abcd"), "revenue": [5.0, 9.0, 7.0, 1.0]}),
                                     pd.Series(80.0, index=list("abcd")), pd.Series(80.0, index=list("abcd")))
    shown, n = matrices.strategy_accounts(matrix, "invest_growth", 2)
    assert n == 4 and set(shown["account_id"]) == {"b", "c"}
    assert matrices.strategy_accounts(matrix, "withdraw", 2)[1] == 0
