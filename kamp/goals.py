"""Goals per tier (seed 003, 客户目标, "鱼与熊掌"): the higher tiers are steered by share of wallet (our revenue ÷
the customer's total spend in our category), the lower ones by absolute revenue.
The defaults are the setting ``goal_rules``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from kamp.coverage import DEFAULT_GOALS, require_columns, tier_ranks


def _either(mask: np.ndarray, yes: str, no: str, index) -> pd.Series:
    """``np.where(mask, yes, no)`` as a text column: Arrow writes a million labels at once, where
    NumPy's fixed-width strings would be turned into text one by one."""
    import pyarrow as pa
    import pyarrow.compute as pc

    return pd.Series(pc.if_else(pa.array(mask, type=pa.bool_()), yes, no), index=index, dtype="str")


def goals(account_frame: pd.DataFrame, wallet: pd.DataFrame | None = None, targets=None,
          share_tiers: int = DEFAULT_GOALS["share_tiers"], share_target: float = DEFAULT_GOALS["share_target"],
          growth_target: float = DEFAULT_GOALS["growth_target"], tier_order: list[str] | None = None) -> pd.DataFrame:
    """Per-account goals: share of wallet for the top tiers, absolute revenue for the rest.

    Parameters
    ----------
    account_frame : account_id, tier, revenue_12m, revenue_prior_12m (name carried when present;
        a wallet_estimate column is used when ``wallet`` is None).
    wallet : account_id, wallet_estimate (the customer's yearly spend in our category), e.g.
        :func:`kamp.accounts.wallets`.
    targets : explicit targets overriding the defaults, account_id → target in the goal's unit
        (a share 0–1 for a share-of-wallet goal, money for a revenue goal); a dict, Series or a
        frame with account_id and target.
    share_tiers : tiers of rank ≤ this are steered by share of wallet.
    share_target : default target share of wallet.
    growth_target : default revenue target = revenue_prior_12m × (1 + growth_target), i.e.
        the year before grown by the target, met by the trailing 12 months (none when the
        lines do not reach back to that year: ``revenue_prior_12m`` NaN).

    Returns
    -------
    pandas.DataFrame
        Columns: account_id, [name], tier, tier_rank, goal_type ("share_of_wallet" or "revenue"),
        revenue_12m, wallet_estimate, actual (share or revenue_12m), target, attainment
        (actual ÷ target; NaN when the target is not positive), revenue_gap (the revenue that
        would meet the target less revenue_12m, never below 0), needs_wallet (a top-tier account
        steered by revenue only because its wallet estimate is missing).
    """
    require_columns(account_frame, "account_id", "tier", "revenue_12m", "revenue_prior_12m")
    cols = ["account_id"] + [c for c in ("name",) if c in account_frame] + ["tier"]
    base = account_frame[cols].reset_index(drop=True)
    rank = tier_ranks(account_frame, tier_order)
    rev = account_frame["revenue_12m"].astype(float).fillna(0.0).to_numpy()
    # NaN when the lines do not reach back to the prior year: no revenue target can be drawn from it
    prior = account_frame["revenue_prior_12m"].astype(float).to_numpy()
    if wallet is not None:
        w = base["account_id"].map(wallet.drop_duplicates("account_id").set_index("account_id")["wallet_estimate"])
    elif "wallet_estimate" in account_frame:
        w = account_frame["wallet_estimate"].reset_index(drop=True)
    else:
        w = pd.Series(np.nan, index=base.index)
    w = w.astype(float).where(w > 0).to_numpy()
    top = rank.fillna(10**6).to_numpy() <= share_tiers
    share = top & ~np.isnan(w)
    actual = np.where(share, rev / np.where(share, w, 1.0), rev)
    target = np.where(share, share_target, np.maximum(prior * (1 + growth_target), 0.0))
    if targets is not None:
        if isinstance(targets, pd.DataFrame):
            targets = targets.set_index("account_id")["target"]
        given = base["account_id"].map(pd.Series(targets, dtype=float)).to_numpy(dtype=float)
        target = np.where(np.isnan(given), target, given)
    needed = np.where(share, target * np.nan_to_num(w), target)
    # One frame of the columns as they are: adding them one at a time, or gathering the numbers
    # into one block, would copy a million rows again and again.
    return pd.DataFrame(copy=False, data={**{c: base[c] for c in cols}, "tier_rank": rank.to_numpy(),
                         "goal_type": _either(share, "share_of_wallet", "revenue", base.index), "revenue_12m": rev,
                         "wallet_estimate": w, "actual": actual, "target": target,
                         "attainment": np.where(target > 0, actual / np.where(target > 0, target, 1.0), np.nan),
                         "revenue_gap": np.maximum(needed - rev, 0.0), "needs_wallet": top & np.isnan(w)})


def goals_by_type(goals_frame: pd.DataFrame, first: int | None = None) -> dict[str, tuple[np.ndarray, pd.DataFrame]]:
    """The goals of each type, for a chart of them all and a list of the largest.

    Returns
    -------
    dict
        goal type ("share_of_wallet", "revenue") → (which rows of ``goals_frame`` are of that
        type, as a boolean array; its first ``first`` rows by revenue_12m, largest first — every
        one when None). Sorting or filtering a million rows of text to show two thousand would
        take most of a second: only the revenue column is sorted, and of many rows only the
        largest ``first``.
    """
    value = goals_frame["revenue_12m"].to_numpy(dtype=float)
    small = first is None or len(value) <= 50 * first
    if small:  # the frame's own sort, as a list of every goal would be
        ranked = pd.Series(value).sort_values(ascending=False).index.to_numpy()
    out = {}
    for goal_type in ("share_of_wallet", "revenue"):
        mine = (goals_frame["goal_type"] == goal_type).to_numpy(dtype=bool)
        if small:
            top = ranked[mine[ranked]][:first]
        else:  # the first few of a million need no sort of them all; equal ones in frame order
            at = np.flatnonzero(mine)
            top = at
            if len(at) > first:
                down = -np.nan_to_num(value[at], nan=-np.inf)
                last = np.partition(down, first - 1)[first - 1]
                top = np.concatenate([at[down < last], at[down == last]])[:first]
            top = top[np.lexsort((top, -value[top]))]
        out[goal_type] = (mine, goals_frame.iloc[top])
    return out
