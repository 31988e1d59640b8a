"""Concentration (二八): Pareto and Lorenz curves, Gini, HHI, effective accounts, ABC classes,
the "lose the top N" stress figure, and their trend by quarter.

Accounts with zero or negative net revenue stay in the account count ``n`` (they are
accounts we serve) but contribute no revenue: their revenue counts as 0 in every measure
here, so the curves stay within [0, 1]. :func:`summary` reports how many there are.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

DEFAULT_ABC_CUTS = (0.80, 0.95)


def _positive(values) -> np.ndarray:
    return np.clip(np.nan_to_num(np.asarray(values, dtype=float)), 0, None)


def net_shares(revenue, total: float) -> np.ndarray:
    """Each group's share of the portfolio's net revenue: ``revenue`` (each group's net revenue,
    returns included) ÷ ``total`` (the portfolio's), so a table's shares match its revenue column and
    add up to 1, and a group that takes away has a negative share. Unlike the measures here it
    clips nothing; all NaN (no share) when the total is zero or negative."""
    v = np.nan_to_num(np.asarray(revenue, dtype=float))
    return v / total if total > 0 else np.full(len(v), np.nan)


def pareto(df: pd.DataFrame, value: str = "revenue") -> pd.DataFrame:
    """Accounts by ``value`` descending. Columns: rank (1..n), account_id, value, share,
    cum_share (of the positive total), account_share (rank / n)."""
    out = df[["account_id", value]].rename(columns={value: "value"})
    from kamp.rfm import value_order

    order = value_order(np.nan_to_num(out["value"].to_numpy(dtype=float), nan=-np.inf), out["account_id"],
                        descending=True)
    out = out.iloc[order].reset_index(drop=True)
    v = _positive(out["value"])
    total = v.sum()
    n = len(out)
    out["rank"] = np.arange(1, n + 1)
    out["share"] = v / total if total > 0 else 0.0
    out["cum_share"] = np.cumsum(v) / total if total > 0 else 0.0
    out["account_share"] = out["rank"] / n if n else 0.0
    return out[["rank", "account_id", "value", "share", "cum_share", "account_share"]]


def top_share(values, fraction: float = 0.2) -> float | None:
    """Share of the total held by the top ceil(fraction × n) accounts."""
    return top_shares(values, [fraction])[0]


def top_shares(values, fractions) -> list[float | None]:
    """:func:`top_share` of each of ``fractions``, the values sorted once."""
    v = np.sort(_positive(values))[::-1]
    if len(v) == 0 or v.sum() <= 0:
        return [None for _ in fractions]
    cum = np.concatenate([[0.0], np.cumsum(v)])
    return [float(cum[math.ceil(f * len(v) - 1e-9)] / cum[-1]) for f in fractions]


def accounts_for(values, share: float = 0.8) -> int | None:
    """The smallest number of accounts whose cumulative share reaches ``share``."""
    v = np.sort(_positive(values))[::-1]
    if len(v) == 0 or v.sum() <= 0:
        return None
    cum = np.cumsum(v) / v.sum()
    return int(np.searchsorted(cum, share - 1e-12) + 1)


def lorenz(values) -> pd.DataFrame:
    """The Lorenz curve: accounts ascending. Columns: account_share, value_share, both from 0 to 1."""
    v = np.sort(_positive(values))
    n = len(v)
    total = v.sum()
    x = np.concatenate([[0.0], np.arange(1, n + 1) / n]) if n else np.array([0.0])
    y = np.concatenate([[0.0], np.cumsum(v) / total]) if n and total > 0 else np.zeros_like(x)
    return pd.DataFrame({"account_share": x, "value_share": y})


def gini(values) -> float | None:
    """Gini coefficient from the Lorenz curve: 1 − 2 × the area under it (0 equal, → 1 one account)."""
    v = np.sort(_positive(values))
    n = len(v)
    if n == 0 or v.sum() <= 0:
        return None
    i = np.arange(1, n + 1)
    g = (2 * np.sum(i * v)) / (n * v.sum()) - (n + 1) / n
    return float(min(1.0, max(0.0, g)))  # rounding can stray a hair outside [0, 1]


def hhi(values) -> float | None:
    """Herfindahl–Hirschman index with shares in percent: 0 … 10,000."""
    v = _positive(values)
    if v.sum() <= 0:
        return None
    s = v / v.sum()
    return float(np.sum((100 * s) ** 2))


def effective_accounts(values) -> float | None:
    """1 / Σ share² with shares as fractions: how many equal accounts would give this HHI."""
    v = _positive(values)
    if v.sum() <= 0:
        return None
    s = v / v.sum()
    return float(1 / np.sum(s ** 2))


def summary(values, fraction: float = 0.2) -> dict:
    """Every headline measure of one distribution of account values."""
    arr = np.nan_to_num(np.asarray(values, dtype=float))
    return {
        "accounts": int(len(arr)),
        "non_positive_accounts": int(np.sum(arr <= 0)),
        "total": float(_positive(arr).sum()),
        "top20_share": top_share(arr, fraction),
        "accounts_for_80pct": accounts_for(arr, 0.8),
        "gini": gini(arr),
        "hhi": hhi(arr),
        "effective_accounts": effective_accounts(arr),
    }


def abc_classes(df: pd.DataFrame, value: str = "revenue", cuts=DEFAULT_ABC_CUTS, id_rank: np.ndarray | None = None
                ) -> pd.Series:
    """A / B / C per account: A holds the largest accounts until their cumulative share reaches
    the first cut (the account that crosses it is A), B up to the second, C the rest (and any
    account with no positive value). ``id_rank``: ``rfm.id_order`` of the account ids, when the
    caller has it already (ties are ranked by account id)."""
    from kamp.frames import labels
    from kamp.rfm import value_order

    a, b = cuts
    if not 0 < a < b <= 1:
        raise ValueError(f"ABC cuts must satisfy 0 < A ({a}) < B ({b}) ≤ 1")
    raw = df[value].to_numpy(dtype=float)
    order = value_order(np.nan_to_num(raw, nan=-np.inf), df["account_id"], descending=True, id_rank=id_rank)
    v = _positive(raw)[order]
    total = v.sum()
    before = (np.cumsum(v) - v) / total if total > 0 else np.ones_like(v)
    ranked = np.where(before < a - 1e-12, 0, np.where(before < b - 1e-12, 1, 2))
    ranked = np.where(v > 0, ranked, 2)
    cls = np.empty(len(df), dtype=np.int64)
    cls[order] = ranked
    return labels("ABC", cls, df.index)


def stress(values, top_n: int = 20, ids=None) -> pd.DataFrame:
    """What is left if the largest N accounts leave. Columns: lost_accounts (0..top_n),
    lost (the sum the accounts lost so far held), remaining_share; with ``ids`` (the accounts'
    ids, as ``values``), also account_id and value: the account lost at that step and what it
    held (empty on the first row, where none is lost), the largest first, ties by id."""
    raw = np.nan_to_num(np.asarray(values, dtype=float))
    n = min(top_n, int((raw > 0).sum()))
    if ids is None:
        v = np.sort(_positive(raw))[::-1][:n]
    else:
        from kamp.rfm import value_order

        top = value_order(raw, pd.Series(ids).reset_index(drop=True), descending=True)[:n]
        v = raw[top]
    total = _positive(raw).sum()
    lost = np.concatenate([[0.0], np.cumsum(v)])
    df = pd.DataFrame({"lost_accounts": np.arange(0, n + 1), "lost": lost,
                       "remaining_share": 1 - lost / total if total > 0 else np.ones(n + 1)})
    if ids is not None:
        df.insert(1, "account_id", [None, *pd.Series(ids).iloc[top].astype(str)])
        df.insert(2, "value", np.concatenate([[np.nan], v]))
    return df


def quarterly(per_quarter: pd.DataFrame) -> pd.DataFrame:
    """Each measure by quarter from per-account, per-quarter values (columns quarter,
    account_id, value). Columns: quarter and the keys of :func:`summary`."""
    rows = [{"quarter": q, **summary(g["value"])} for q, g in per_quarter.groupby("quarter", sort=True)]
    return pd.DataFrame(rows)
