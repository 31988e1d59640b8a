"""Figures of the portfolio pages: a scatter of more accounts than a browser should draw draws
the largest half and an even sample of the rest, and says so."""
import numpy as np
import pandas as pd

from kamp import accounts, charts


def _accounts(n: int) -> pd.DataFrame:
    return pd.DataFrame({"account_id": [f"a{i}" for i in range(n)], "name": None, "tier": "Major",
                         "revenue": np.arange(1, n + 1, dtype=float), "orders": 1,
                         "revenue_12m": np.arange(1, n + 1, dtype=float), "growth_12m": 0.1})


def _drawn(fig) -> set:
    return {a for trace in fig.data if trace.customdata is not None for a in trace.customdata if a}


def test_a_thinned_scatter_says_how_many_of_how_many_accounts_it_draws():
    fig = charts.tier_scatter(_accounts(7_000), ["Major"], "en")
    drawn = _drawn(fig)
    assert len(drawn) == 6_000
    # The 3,000 largest (revenue 4,001 … 7,000: a4000 … a6999) are all there.
    assert {f"a{i}" for i in range(4_000, 7_000)} <= drawn
    assert fig.layout.title.subtitle.text == (
        "6,000 of 7,000 accounts drawn: the 3,000 largest and an even sample of the rest")
    zh = charts.tier_scatter(_accounts(7_000), ["Major"], "zh")
    assert zh.layout.title.subtitle.text == "图中绘出 7,000 个客户中的 6,000 个：最大的 3,000 个，其余均匀抽样"


def test_the_value_potential_matrix_says_so_too():
    fig = charts.value_potential(accounts.value_potential(_accounts(9_000)), "en")
    assert len(_drawn(fig)) == 6_000
    assert fig.layout.title.subtitle.text.startswith("6,000 of 9,000 accounts drawn")


def test_every_account_drawn_and_nothing_said_below_the_limit():
    fig = charts.tier_scatter(_accounts(1_000), ["Major"], "en")
    assert len(_drawn(fig)) == 1_000
    assert not fig.layout.title.subtitle.text
