"""Pages on a portfolio of more accounts than a browser list should hold (2,500 here): the
choosers offer the 2,000 largest and a search that reaches any other, and say so; lists say
how many they show."""

import pytest
from pagetest import open_page_on as _open, scale_db


@pytest.fixture(scope="module")
def big_db(tmp_path_factory):
    # Account a0000 … a2499 with net revenue 1 … 2,500: a2499 is the largest, a0000 the smallest.
    return scale_db(tmp_path_factory.mktemp("scale"))


def test_the_account_chooser_offers_the_largest_and_finds_any_other(big_db, monkeypatch):
    at = _open("pages/account.py", big_db, monkeypatch)
    chooser = at.selectbox(key="account")
    assert len(chooser.options) == 2_000
    assert "a2499" in chooser.options[0] and not any("a0007" in o for o in chooser.options)
    assert any(c.value == "The list holds the 2,000 largest of 2,500 accounts by net revenue; search to reach any "
                          "other." for c in at.caption)
    at.text_input(key="account.find").input("A000").run()  # a0000 … a0009, ignoring case
    assert len(at.selectbox(key="account").options) == 10
    assert any(c.value.startswith("10 accounts match “A000”") for c in at.caption)
    at.selectbox(key="account").select_index(7).run()  # the list is largest first: a0009 … a0000
    assert at.query_params["account"] == "a0002"
    assert not at.exception


def test_a_linked_account_outside_the_largest_is_still_offered(big_db, monkeypatch):
    at = _open("pages/account.py", big_db, monkeypatch, account="a0003")
    assert at.selectbox(key="account").value == "a0003"
    assert any(h.value == "a0003" for h in at.header)


def test_the_override_chooser_on_the_tiers_page_searches_too(big_db, monkeypatch):
    at = _open("pages/tiers.py", big_db, monkeypatch)
    assert len(at.selectbox(key="ov_account").options) == 2_000
    at.text_input(key="ov_account.find").input("a0001").run()
    # The match, and the account the chooser already held (the largest, its first choice).
    assert at.selectbox(key="ov_account").options == ["a2499", "a0001"]


def test_kept_results_stay_within_their_budget_and_come_back_right(big_db, monkeypatch):
    # Every slider position is a new result of the account table: on a million accounts
    # some take a hundred MB, so the least recently used go once the budget is full.
    import streamlit as st
    from pages import _accounts

    st.cache_resource.clear()
    at = _open("pages/concentration.py", big_db, monkeypatch)
    first = _accounts._results().cache.currsize
    monkeypatch.setattr(_accounts, "RESULTS_BUDGET", first + 2_000)  # room for about one more position
    st.cache_resource.clear()
    at = _open("pages/concentration.py", big_db, monkeypatch)
    kept = _accounts._results().cache
    assert kept.maxsize == first + 2_000
    for pct in range(5, 55, 5):
        at.slider(key="top").set_value(pct).run()
        assert not at.exception
        assert kept.currsize <= kept.maxsize
    pareto = [key for key in kept if "._pareto:" in key[0]]  # one per slider position kept
    assert 1 <= len(pareto) < 10  # ten positions were shown: the earliest were let go
    # Back to 5 %: computed again, and right. Revenues are 1 … 2,500; the top 5 % are the 125
    # largest, 2,376 … 2,500: (2,376 + 2,500) × 125 / 2 = 304,750 of 3,126,250 = 9.7 %.
    at.slider(key="top").set_value(5).run()
    assert at.metric[0].value == "9.7%"
