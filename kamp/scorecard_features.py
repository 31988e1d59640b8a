"""Scorecard scores read off the account table: what a percentile criterion ranks (a feature
column, or one derived from others), 1 + 9 × its percentile rank, and the entities a template
scores — accounts, or industries summing their accounts. :func:`kamp.scorecard.score` totals them.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from kamp.problems import Problem
from kamp.scorecard import ENTITIES, criteria_frame

# Features a percentile criterion may use that are derived from other account-table columns.
DERIVED_FEATURES = {
    "wallet_gap": (("wallet_estimate", "revenue_12m"),
                   lambda f: (f["wallet_estimate"] - f["revenue_12m"]).clip(lower=0)),
}


def average_ranks(values: np.ndarray) -> np.ndarray:
    """1-based ranks of the values, ties sharing their average rank, NaN staying NaN (pandas'
    ``rank(method="average")``): counted for whole numbers in a short range (order counts, days),
    read off for values already in order (the account table comes largest revenue first), else
    from one sort."""
    values = np.asarray(values, dtype=float)
    out = np.full(len(values), np.nan)
    known = np.flatnonzero(~np.isnan(values))
    if not len(known):
        return out
    x = values[known]
    lo, hi = x.min(), x.max()
    if np.isfinite(lo) and np.isfinite(hi) and hi - lo <= 4 * len(x) and (x == np.floor(x)).all():
        counts = np.bincount((x - lo).astype(np.int64))
        ends = np.cumsum(counts)
        out[known] = ((ends - counts + 1 + ends) / 2)[(x - lo).astype(np.int64)]
        return out
    if (x[1:] <= x[:-1]).all():
        order = known[::-1]
    else:
        order = known[np.argsort(x)]  # any order among ties: they share one rank
    ranked = values[order]
    starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
    ends = np.r_[starts[1:], len(ranked)]
    out[order] = np.repeat((starts + 1 + ends) / 2, ends - starts)
    return out


def percentile_scores(values: pd.Series) -> pd.Series:
    """1 + 9 × percentile rank: the lowest value scores 1, the highest 10, ties share the
    average rank; a single value (or all equal) scores 5.5; NaN stays NaN."""
    v = pd.to_numeric(values, errors="coerce")
    n = int(v.notna().sum())
    if n <= 1:
        return v.where(v.isna(), 5.5)
    ranks = average_ranks(v.to_numpy(dtype=float, na_value=np.nan))
    return pd.Series(1 + 9 * (ranks - 1) / (n - 1), index=v.index, name=v.name)


def scores_from_features(criteria, accounts: pd.DataFrame, judgements: pd.DataFrame | None = None,
                         *, entity: str = "account_id", fill_missing: float | None = None) -> pd.DataFrame:
    """The score frame for :func:`kamp.scorecard.score`: percentile criteria from an account table, judgement
    criteria from ``judgements``.

    Parameters
    ----------
    accounts : one row per entity, with column ``entity`` and every percentile criterion's
        feature (``wallet_gap`` may instead be derived from wallet_estimate − revenue_12m).
    judgements : wide frame indexed by entity, one column per judgement criterion (as
        `kamp.scorecard_store.load_scores` returns); absent entities or criteria stay NaN.
    fill_missing : a score (e.g. :data:`NEUTRAL`) for criteria an entity has no score on (not
        judged yet, or no value of the feature); None leaves them NaN (the entity is then unscored).

    Returns
    -------
    DataFrame indexed by entity, one column per criterion; NaN where nothing scores it.
    """
    crit = criteria_frame(criteria)
    out = pd.DataFrame(index=pd.Index(accounts[entity].astype(str), name="entity"))
    for c in crit.itertuples():
        if c.method == "percentile":
            out[c.criterion] = percentile_scores(feature_values(accounts, c.criterion, c.feature)).to_numpy()
        elif judgements is not None and c.criterion in judgements.columns:
            j = judgements[c.criterion]
            out[c.criterion] = pd.to_numeric(j.set_axis(j.index.astype(str)), errors="coerce").reindex(out.index)
        else:
            out[c.criterion] = np.nan
        if fill_missing is not None:
            out[c.criterion] = out[c.criterion].fillna(float(fill_missing))
    return out


NEUTRAL = 5.5  # the middle of the 1–10 scale
# What an industry sums of its accounts (those the account table has).
INDUSTRY_SUMS = ("revenue", "margin", "orders", "revenue_12m", "revenue_prior_12m", "gross_sales", "discount",
                 "return_amount")


def feature_values(accounts: pd.DataFrame, criterion: str, feature: str) -> pd.Series:
    """What a percentile criterion ranks: the ``feature`` column of ``accounts``, or one of
    :data:`DERIVED_FEATURES` worked out from its columns."""
    if feature in accounts.columns:
        return accounts[feature]
    if feature in DERIVED_FEATURES and set(DERIVED_FEATURES[feature][0]) <= set(accounts.columns):
        return DERIVED_FEATURES[feature][1](accounts)
    raise Problem("problem.card.unknown_feature", name=criterion, feature=feature)


def entity_table(accounts: pd.DataFrame, entity: str = "account") -> pd.DataFrame:
    """The entities a template scores, with a display label and the features percentile
    criteria read.

    Parameters
    ----------
    accounts : the account table (account_id, name, industry, revenue, margin, orders,
        revenue_12m, revenue_prior_12m, …).
    entity : 'account' — one row per account, ``entity`` = account_id, ``label`` = "id · name";
        'industry' — one row per industry, its accounts counted and its money and orders
        summed, ``growth_12m`` recomputed from the sums.

    Returns
    -------
    DataFrame with columns entity, label and the features.
    """
    if entity not in ENTITIES:
        raise ValueError(f"entity {entity!r} is not one of {', '.join(ENTITIES)}")
    if entity == "account":
        ids = accounts["account_id"].astype(str)
        return accounts.assign(entity=ids, label=account_labels(ids, accounts["name"] if "name" in accounts else None))
    sums = [c for c in INDUSTRY_SUMS if c in accounts]
    by = accounts.assign(industry=accounts["industry"].fillna("—")).groupby("industry", sort=True)
    out = by[sums].sum(min_count=1).assign(accounts=by.size()).reset_index()  # nothing known: NaN, not 0
    if {"revenue_12m", "revenue_prior_12m"} <= set(out):
        prior = out["revenue_prior_12m"].where(out["revenue_prior_12m"] > 0)
        out["growth_12m"] = out["revenue_12m"] / prior - 1
    return out.assign(entity=out["industry"].astype(str), label=out["industry"].astype(str))


def account_labels(ids: pd.Series, names: pd.Series | None) -> pd.Series:
    """"id · name" per account, the id alone where the name is missing or empty."""
    if names is None:
        return ids
    names = names.fillna("").astype(str)
    return (ids + " · " + names).where(names != "", ids)
