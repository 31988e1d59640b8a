"""A scorecard over a whole account table, worked out once per table, criteria and judgements.

The Scorecards and Strategy matrices pages score every account (or industry) of a portfolio
that may hold a million accounts. :func:`scored` gives what :func:`kamp.scorecard.score` gives
on :func:`kamp.scorecard_features.scores_from_features` of :func:`kamp.scorecard_features.entity_table` — totals,
0–100 scores, ranks and the mean total (the ★ cut) — as arrays in the table's order, and the
labels and signed scores of the best-ranked entities only, which are all a page lists, draws
or perturbs. Its arguments are hashable (:func:`criteria_key`, :func:`judgements_key`), so a
page computes it once per account table (``pages._ui.from_table``) and later runs reuse it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kamp import scorecard, scorecard_features
from kamp.scorecard import CRITERIA_COLUMNS, _bounds, _rank_desc, _selected, _signed, _totals
from kamp.scorecard_features import DERIVED_FEATURES

LIMIT = 2_000  # the best-ranked entities a page lists and perturbs


def criteria_key(criteria) -> tuple:
    """The checked criteria (template dict, criteria frame or list of dicts) as a tuple of
    rows in :data:`kamp.scorecard.CRITERIA_COLUMNS` order: hashable, and what :func:`scored`
    takes."""
    crit = scorecard.criteria_frame(criteria)
    return tuple(tuple(row) for row in crit[CRITERIA_COLUMNS].itertuples(index=False))


def _criteria(key: tuple) -> pd.DataFrame:
    return scorecard.criteria_frame([dict(zip(CRITERIA_COLUMNS, row)) for row in key])


def judgements_key(judgements: pd.DataFrame | None) -> tuple | None:
    """Judgement scores (a wide frame indexed by entity, one column per criterion, as
    :func:`kamp.scorecard_store.load_scores` returns or the page's grid holds) as a hashable tuple
    (entities, criteria, rows of scores); what is not a number counts as no score."""
    if judgements is None:
        return None
    wide = judgements.set_index("entity") if "entity" in judgements.columns else judgements
    values = wide.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return (tuple(wide.index.astype(str)), tuple(str(c) for c in wide.columns), tuple(map(tuple, values)))


def _judgements(key: tuple | None) -> pd.DataFrame | None:
    if key is None:
        return None
    entities, columns, rows = key
    return pd.DataFrame(list(rows), index=pd.Index(entities, dtype=object), columns=list(columns), dtype=float)


def columns(criteria, entity: str = "account") -> list[str]:
    """The account-table columns a scorecard with these criteria reads for ``entity``."""
    crit = scorecard.criteria_frame(criteria)
    features = [f for f in crit.loc[crit["method"] == "percentile", "feature"] if f]
    derived = [c for f in features if f in DERIVED_FEATURES for c in DERIVED_FEATURES[f][0]]
    if entity == "industry":
        return list(dict.fromkeys(["account_id", "industry", *scorecard_features.INDUSTRY_SUMS, "revenue_12m",
                                   "revenue_prior_12m"]))
    return list(dict.fromkeys(["account_id", "name", "revenue", *features, *derived]))


def feature_options(sample: pd.DataFrame, entity: str = "account") -> list[str]:
    """The features a percentile criterion may read: the numeric columns of the entity table
    made from an account table shaped like ``sample`` (its columns and types; rows are not
    needed), and the derived ones."""
    numeric = scorecard_features.entity_table(sample, entity).select_dtypes("number").columns
    return sorted(set(numeric) | set(DERIVED_FEATURES))


@dataclass(frozen=True, eq=False)
class Scored:
    """A template's scores of every entity; arrays in the account table's order (industries:
    in :func:`kamp.scorecard_features.entity_table`'s order), NaN (rank 0) for the unscored."""

    entities: pd.Series  # entity ids (account ids, or industries)
    total: np.ndarray
    score_0_100: np.ndarray
    rank: np.ndarray | None  # 1 = highest total, ties sharing the smallest; 0 when unscored; None: not asked (limit 0)
    mean: float  # mean total of the scored entities: the ★ cut of the mean rule
    top: pd.DataFrame  # ≤ limit best-ranked scored, by rank then label: entity, label, total, score_0_100, rank
    top_signed: np.ndarray  # their scores as they add to the total (a '−' criterion's negative), top × criteria
    mean_signed: np.ndarray  # the scored entities' mean of those, per criterion
    weights: np.ndarray

    @property
    def scored(self) -> int:
        """How many entities have every criterion scored."""
        return int((~np.isnan(self.total)).sum())

    def cut(self, threshold: float | None = None) -> float:
        """The ★ cut on the total: ``threshold``, or the mean total of the scored."""
        return float(threshold) if threshold is not None else self.mean

    def selected(self, cut: float) -> int:
        """How many scored entities have a total at or above ``cut`` (★)."""
        return int(_selected(self.total[~np.isnan(self.total)], cut).sum())


def starred(totals: np.ndarray, cut: float) -> np.ndarray:
    """★ per total: at or above ``cut`` (float noise aside)."""
    return _selected(np.asarray(totals, dtype=float), cut)


def judgement_rows(accounts: pd.DataFrame, n: int, stored: tuple = ()) -> pd.DataFrame:
    """The accounts a person judges one by one: the ``n`` largest by revenue and those with
    saved scores (``stored``: their ids), largest first; :func:`kamp.scorecard_features.entity_table`'s
    columns (entity, label, …). ``accounts`` needs account_id, name and revenue."""
    keep = set(accounts.nlargest(int(n), "revenue")["account_id"].astype(str)) | set(stored)
    rows = accounts[accounts["account_id"].astype(str).isin(keep)]
    return scorecard_features.entity_table(rows, "account").sort_values("revenue", ascending=False)


class _AccountScores:
    """:func:`kamp.scorecard_features.scores_from_features` for the account entity, a block of accounts
    at a time: the percentile columns worked out once, each judgement looked up by position."""

    def __init__(self, crit: pd.DataFrame, accounts: pd.DataFrame, judged: pd.DataFrame | None,
                 fill_missing: float | None):
        self.size, self.fill = len(accounts), fill_missing
        where = None
        if judged is not None and len(judged):
            where = judged.index.get_indexer(accounts["account_id"].astype(str))  # −1: not judged
        self.columns = []  # per criterion: a full column, (where, judged column) or None (no scores)
        for c in crit.itertuples():
            if c.method == "percentile":
                feature = scorecard_features.feature_values(accounts, c.criterion, c.feature)
                self.columns.append(scorecard_features.percentile_scores(feature).to_numpy(dtype=float, na_value=np.nan))
            elif where is not None and c.criterion in judged.columns:
                self.columns.append((where, judged[c.criterion].to_numpy(dtype=float)))
            else:
                self.columns.append(None)

    def values(self, rows) -> np.ndarray:
        """The scores of the accounts at ``rows`` (a slice or positions), accounts × criteria."""
        n = len(range(*rows.indices(self.size))) if isinstance(rows, slice) else len(rows)
        out = np.full((n, len(self.columns)), np.nan)
        for j, column in enumerate(self.columns):
            if isinstance(column, tuple):
                where, judged = column
                at = where[rows]
                out[:, j] = np.where(at >= 0, judged[at], np.nan)
            elif column is not None:
                out[:, j] = column[rows]
        if self.fill is not None:
            out[np.isnan(out)] = float(self.fill)
        return out


BLOCK = 16_384  # accounts scored at a time: a block's arrays stay small, whatever the portfolio


class _Ids:
    """The ids of a block of accounts, for a Problem to name one (looked up only then)."""

    def __init__(self, ids: pd.Series, rows):
        self.ids, self.rows = ids, rows

    def __getitem__(self, i):
        return self.ids.iat[int(np.arange(len(self.ids))[self.rows][i])]


def _account_totals(crit: pd.DataFrame, source: _AccountScores, ids: pd.Series, w: np.ndarray):
    """(totals, NaN for the unscored; lowest signed score per criterion; sum of the scored
    accounts' signed scores) over every account, a block at a time."""
    total = np.full(source.size, np.nan)
    lowest, summed = np.ones(len(w)), np.zeros(len(w))
    judged = [c for c in source.columns if not isinstance(c, np.ndarray)]
    if source.fill is None and judged:
        # An account nobody has judged is not scored, and its percentile scores (≥ 1) cannot
        # lower the scale's bounds: only the judged accounts need a look.
        wheres = [c[0] for c in judged if c is not None]
        rows = np.flatnonzero(np.logical_or.reduce([at >= 0 for at in wheres])) if wheres else np.zeros(0, int)
        blocks = [rows[i:i + BLOCK] for i in range(0, len(rows), BLOCK)]
    else:
        blocks = [slice(i, min(i + BLOCK, source.size)) for i in range(0, source.size, BLOCK)]
    criteria = (list(crit["criterion"]), (crit["direction"] == "-").to_numpy())
    for rows in blocks:
        signed, ok = _signed(criteria, source.values(rows), _Ids(ids, rows), "unscored")
        scored_ = signed[ok]
        if isinstance(rows, slice):
            block = total[rows]  # a view: filled in place
            block[ok] = _totals(scored_, w[None, :])[:, 0]
        else:
            total[rows[ok]] = _totals(scored_, w[None, :])[:, 0]
        lowest = np.fmin(lowest, np.fmin.reduce(signed, axis=0))  # fmin passes over NaN
        summed += scored_.sum(axis=0)
    return total, lowest, summed


def scored(accounts: pd.DataFrame, entity: str, criteria: tuple, judgements: tuple | None = None,
           fill_missing: float | None = None, limit: int = LIMIT) -> Scored:
    """Every entity's total, 0–100 score and rank on the criteria (:func:`criteria_key`), with
    the judgement scores (:func:`judgements_key`); ``fill_missing`` as in
    :func:`kamp.scorecard_features.scores_from_features`. ``accounts`` needs :func:`columns`.

    The same figures as :func:`kamp.scorecard.score` with ``missing='unscored'``; a Problem
    names a judgement score out of the 1–10 range. ``top`` holds the ``limit`` best-ranked
    scored entities (by rank, then label) with their labels ("id · name" for an account).
    """
    crit = _criteria(criteria)
    judged = _judgements(judgements)
    if judged is not None and judged.index.has_duplicates:
        judged = judged[~judged.index.duplicated(keep="last")]
    w = crit["weight"].to_numpy(dtype=float)
    if entity == "account":
        ids = accounts["account_id"].astype(str)
        source = _AccountScores(crit, accounts, judged, fill_missing)
        total, lowest, summed = _account_totals(crit, source, ids, w)
    else:
        table = scorecard_features.entity_table(accounts, entity)
        frame = scorecard_features.scores_from_features(crit, table, judged, entity="entity", fill_missing=fill_missing)
        _, signed, ok = scorecard._check_scores(crit, frame, "unscored")
        total = np.full(len(ok), np.nan)
        total[ok] = _totals(signed[ok], w[None, :])[:, 0]
        lowest = np.nan_to_num(signed, nan=1.0).min(axis=0, initial=1.0)
        summed = signed[ok].sum(axis=0)
        ids = table["entity"]
    ok = ~np.isnan(total)
    totals = total[ok]
    rank = None
    if limit > 0:
        rank = np.zeros(len(ok), dtype="int64")
        rank[ok] = _rank_desc(totals)
    lo, hi = _bounds(crit, lowest[None, :], w)
    score_0_100 = 100 * (total - lo) / (hi - lo)

    names = accounts["name"] if entity == "account" and "name" in accounts else None
    best = _best(rank, limit, ids, names) if limit > 0 else np.zeros(0, dtype=int)  # an industry's label: its name
    if entity == "account":
        labels = scorecard_features.account_labels(ids.iloc[best].reset_index(drop=True),
                                          None if names is None else names.iloc[best].reset_index(drop=True))
    else:
        labels = table["label"].iloc[best].reset_index(drop=True)
    top = pd.DataFrame({"entity": ids.iloc[best].reset_index(drop=True), "label": labels, "total": total[best],
                        "score_0_100": score_0_100[best],
                        "rank": pd.array(np.zeros(0, int) if rank is None else rank[best], dtype="Int64")})
    order = top.sort_values(["rank", "label"]).index[:limit].to_numpy()
    shown = best[order]
    top_signed = (_signed(crit, source.values(shown), _Ids(ids, shown), "unscored")[0] if entity == "account"
                  else signed[shown])
    return Scored(entities=ids, total=total, score_0_100=score_0_100, rank=rank,
                  mean=float(totals.mean()) if len(totals) else math.nan,
                  top=top.loc[order].reset_index(drop=True), top_signed=top_signed,
                  mean_signed=summed / len(totals) if len(totals) else np.full(len(w), np.nan), weights=w)


def _best(rank: np.ndarray, limit: int, ids: pd.Series, names: pd.Series | None) -> np.ndarray:
    """Positions of the ``limit`` best-ranked scored entities, in table order: those ranked above
    the ``limit``-th, and of those tied with it the first by label ("id · name")."""
    scored_ = np.flatnonzero(rank > 0)
    if len(scored_) <= limit:
        return scored_
    last = np.partition(rank[scored_], limit - 1)[limit - 1]
    above, tied = scored_[rank[scored_] < last], scored_[rank[scored_] == last]
    if len(tied) <= limit:  # few enough to sort with the rest
        return np.union1d(above, tied)
    import pyarrow as pa
    import pyarrow.compute as pc

    # Many accounts share the last rank (say, every account nobody has judged): pick the first
    # labels among them in Arrow, without a frame of their labels.
    label = pa.array(ids.iloc[tied], type=pa.string())
    if names is not None:
        name = pa.array(names.iloc[tied], type=pa.string())
        name = pc.if_else(pc.equal(name, ""), pa.scalar(None, pa.string()), name)
        label = pc.binary_join_element_wise(label, name, " · ", null_handling="skip")
    first = pc.select_k_unstable(pa.table({"label": label}), k=limit - len(above),
                                 sort_keys=[("label", "ascending")])
    return np.union1d(above, tied[first.to_numpy()])


def robustness(result: Scored, *, pct: float, n_draws: int, threshold: float | None = None,
               random_state=0) -> pd.DataFrame:
    """:func:`kamp.scorecard.sensitivity` of the entities in ``result.top``: the ranks among
    them, ★ against the rule over every scored entity. Columns as sensitivity's, with label."""
    if not 0 <= pct < 100:
        raise ValueError(f"pct={pct}: the perturbation must be at least 0 and below 100 %")
    if int(n_draws) < 1:
        raise ValueError(f"n_draws={n_draws}: need at least one draw")
    top = result.top
    whole = len(top) == result.scored  # every scored entity: the cut is their own mean, as sensitivity's
    out = scorecard.perturbed_ranks(result.top_signed, result.weights, top["entity"],
                                    top["rank"].to_numpy(dtype=int), pct=pct, n_draws=n_draws,
                                    random_state=random_state, threshold=threshold,
                                    mean_signed=None if whole else result.mean_signed)
    return out.assign(label=top["label"].to_numpy())
