"""Tiers (客户分级): k-means on log-scaled, standardised account features (capped at ±3
standard deviations).

:class:`TierModel` follows scikit-learn's conventions: ``__init__`` stores parameters,
``fit`` returns self, fitted attributes end in ``_``. Clusters are ordered by mean revenue,
so the first tier name always goes to the most valuable cluster. Overrides (a person's
decision, with a reason) are applied on top and survive recomputation.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import pairwise_distances, silhouette_score
from threadpoolctl import threadpool_limits

from kamp.concentration import net_shares

SCHEMES: dict[str, list[tuple[str, str]]] = {
    "pyramid": [("Major", "重要客户"), ("Named", "次重要客户"), ("Non-named", "一般客户"), ("Mass-market", "不重要客户")],
    "metals": [("Platinum", "白金卡客户"), ("Gold", "金卡客户"), ("Silver", "银卡客户")],  # seed 004: 白金卡 金卡 银卡
}
# The metals' Chinese names before they followed seed 004's cards: a tier kept under one of them
# (a result kept in an older database) still reads as its tier.
FORMER_NAMES = {"白金客户": "白金卡客户", "金牌客户": "金卡客户", "银牌客户": "银卡客户"}
DEFAULT_FEATURES = ["days_since_last", "orders", "revenue", "margin"]
# Features where less is better; they are negated so that "more" always means "better".
LOWER_IS_BETTER = {"days_since_last", "recency_days"}


def current_name(name):
    """A tier ``name`` with a former Chinese name (:data:`FORMER_NAMES`) as it is named now, an
    extra bottom tier's number kept (银牌客户 2 → 银卡客户 2); any other value unchanged."""
    if isinstance(name, str):
        for old, new in FORMER_NAMES.items():
            if name == old or name.startswith(old + " "):
                return new + name[len(old):]
    return name


def tier_names(scheme: str, k: int, lang: str = "en") -> list[str]:
    """k names, best first: the scheme's names, the bottom name kept for the last cluster (a
    single tier, holding every account, is the top one)."""
    names = [zh if lang == "zh" else en for en, zh in SCHEMES[scheme]]
    if k <= 1:
        return names[:1]
    if k <= len(names):
        return names[: k - 1] + [names[-1]]
    extra = [f"{names[-1]} {i}" for i in range(2, k - len(names) + 2)]
    return names + extra


def usable_features(df: pd.DataFrame, chosen: list[str] | None) -> tuple[list[str], list[str]]:
    """The features of ``chosen`` that some account of ``df`` has a value for, and those none has.
    When none has one, the defaults that have values take their place (gross margin chosen, and
    no line with a cost): tiers are formed on what the data holds, never refused."""
    chosen = list(chosen or DEFAULT_FEATURES)
    has = [c for c in chosen if c in df and df[c].notna().any()]
    empty = [c for c in chosen if c not in has]
    return has or [c for c in DEFAULT_FEATURES if c in df and df[c].notna().any()], empty


def _signed_log(x: np.ndarray) -> np.ndarray:
    return np.sign(x) * np.log1p(np.abs(x))


MAX_SEED = 2**32 - 1  # the largest seed k-means takes

class TierModel:
    """k-means tiers.

    Parameters
    ----------
    features : columns of the per-account frame to cluster on
    k : number of tiers, or None to choose by silhouette over ``k_range``
    k_range : (low, high) inclusive range searched when ``k`` is None
    scheme : "pyramid" or "metals" (tier names)
    random_state : seed for k-means and the samples
    fit_sample : at most this many accounts (a seeded sample) choose k and place the centres;
        every account is then assigned to its nearest centre — the same tiers, fast for a
        million accounts
    score_k : also score every k in ``k_range`` when ``k`` is fixed (to show how the chosen k
        compares: ``silhouettes_`` and ``best_k_``)
    cap : standardised values beyond ±cap are set to ±cap (winsorised), so that a few extreme
        accounts — net returns, a loss — join the nearest tier instead of taking one of their
        own (the demo's bottom tier was its 5 accounts with negative revenue); None keeps them

    Fitted attributes: ``k_``, ``labels_`` (0 = the most valuable tier), ``centers_``,
    ``features_``, ``silhouettes_`` (k → score; empty when k was fixed and not scored) and
    ``best_k_`` (the k with the best silhouette, or None).
    """

    def __init__(self, features=None, k: int | None = None, k_range=(2, 8), scheme: str = "pyramid",
                 random_state: int = 0, silhouette_sample: int = 5_000, fit_sample: int = 50_000,
                 score_k: bool = False, cap: float | None = 3.0):
        self.features = features
        self.k = k
        self.k_range = k_range
        self.scheme = scheme
        self.random_state = random_state
        self.silhouette_sample = silhouette_sample
        self.fit_sample = fit_sample
        self.score_k = score_k
        self.cap = cap

    def _matrix(self, df: pd.DataFrame) -> np.ndarray:
        cols = [c for c in (self.features or DEFAULT_FEATURES) if c in df and df[c].notna().any()]
        if not cols:
            raise ValueError("no usable feature: choose at least one column with values")
        self.features_ = cols
        x = np.empty((len(df), len(cols)))
        for j, c in enumerate(cols):
            v = df[c].to_numpy(dtype=float)
            v = np.where(np.isnan(v), np.nanmedian(v), v)
            x[:, j] = _signed_log(-v if c in LOWER_IS_BETTER else v)
        # Standardised (as scikit-learn's StandardScaler: population deviation, a constant column
        # left unscaled), in place: a million accounts need no second copy.
        mean = x.mean(axis=0)
        x -= mean
        var = (x * x).mean(axis=0) if len(x) else np.zeros(len(cols))
        n, eps = len(x), np.finfo(float).eps
        constant = var <= n * eps * var + (n * mean * eps) ** 2  # scikit-learn's test for a constant column
        x /= np.where(constant, 1.0, np.sqrt(var))
        if self.cap is not None:
            np.clip(x, -self.cap, self.cap, out=x)
        return x

    def fit(self, df: pd.DataFrame) -> "TierModel":
        """Cluster the accounts of ``df`` (needs ``account_id`` and ``revenue``)."""
        # One thread: on samples this size scikit-learn's OpenMP and BLAS threads spend longer
        # waiting for each other than computing (ten times longer on a busy two-core machine).
        with threadpool_limits(1):
            return self._fit(df)

    def _fit(self, df: pd.DataFrame) -> "TierModel":
        x_all = self._matrix(df)
        n = len(df)
        if n < 2:
            raise ValueError("at least two accounts are needed to form tiers")
        x = x_all
        if n > self.fit_sample:
            pick = np.random.default_rng(self.random_state).choice(n, self.fit_sample, replace=False)
            x = x_all[np.sort(pick)]
        distinct = len(np.unique(x.round(9), axis=0))  # the points k-means sees: identical ones cannot be split
        if self.k is not None and not 1 <= int(self.k) <= n:
            raise ValueError(f"k = {int(self.k)} must be between 1 and the number of accounts ({n})")
        self.silhouettes_ = self._silhouettes(x, distinct) if self.k is None or self.score_k else {}
        self.best_k_ = max(self.silhouettes_, key=self.silhouettes_.get) if self.silhouettes_ else None
        if self.k is not None:
            k = min(int(self.k), distinct)
        else:
            k = self.best_k_ or min(2, distinct)
        km = KMeans(k, n_init=4, random_state=self.random_state).fit(x)
        raw = km.predict(x_all)
        revenue = df["revenue"].to_numpy(float)
        counts = np.bincount(raw, minlength=k)
        with np.errstate(invalid="ignore"):
            means = np.bincount(raw, weights=revenue, minlength=k) / counts
        means = np.where(counts > 0, means, -np.inf)
        order = np.argsort(-means, kind="stable")  # the most valuable cluster first
        rank = np.empty(k, dtype=int)
        rank[order] = np.arange(k)
        self.k_ = k
        self.labels_ = rank[raw]
        self.centers_ = km.cluster_centers_[order]
        return self

    def _silhouettes(self, x: np.ndarray, distinct: int) -> dict[int, float]:
        """The silhouette of k-means with each k of ``k_range``, on at most ``silhouette_sample``
        accounts (a seeded sample of ``x``)."""
        lo, hi = self.k_range
        xs = x
        if len(x) > self.silhouette_sample:
            xs = x[np.sort(np.random.default_rng(self.random_state + 1).choice(
                len(x), self.silhouette_sample, replace=False))]
        out = {}
        distances = None  # the same for every k: computed once
        for k in range(max(2, lo), min(hi, len(xs) - 1, distinct) + 1):
            labels = KMeans(k, n_init=4, random_state=self.random_state).fit_predict(xs)
            if len(set(labels)) < 2:
                continue
            if distances is None:
                distances = pairwise_distances(xs)
            out[k] = float(silhouette_score(distances, labels, metric="precomputed"))
        return out

    def tiers(self, lang: str = "en") -> np.ndarray:
        """The tier name of each fitted account."""
        names = tier_names(self.scheme, self.k_, lang)
        return np.array(names, dtype=object)[self.labels_]


def profile(df: pd.DataFrame, tier_col: str = "tier", order: list[str] | None = None) -> pd.DataFrame:
    """What each tier is: accounts, share of accounts and revenue, mean and median of the
    main features. Columns: tier, accounts, account_share, revenue, revenue_share (of the net
    total: :func:`kamp.concentration.net_shares`), mean_revenue, median_orders,
    median_days_since_last, margin_pct."""
    g = df.groupby(tier_col, sort=False)
    out = pd.DataFrame({
        "accounts": g.size(),
        "revenue": g["revenue"].sum(),
        "mean_revenue": g["revenue"].mean(),
        "median_orders": g["orders"].median(),
        "median_days_since_last": g["days_since_last"].median(),
    })
    if "margin" in df and df["margin"].notna().any():
        out["margin_pct"] = g["margin"].sum() / g["revenue"].sum().where(lambda s: s != 0)
    out["account_share"] = out["accounts"] / len(df)
    out["revenue_share"] = net_shares(out["revenue"], df["revenue"].sum())
    out = out.reset_index().rename(columns={tier_col: "tier"})
    if order:
        out["_o"] = out["tier"].map({t: i for i, t in enumerate(order)})
        out = out.sort_values("_o").drop(columns="_o")
    return out.reset_index(drop=True)


def level_name(name: str, names: list[str]) -> str:
    """An override's tier ``name`` as one of ``names`` (the English names in force, best first):
    itself, or, when it names a tier of another scheme or number of tiers (Mass-market after a
    switch to metals), the tier at the same level: the bottom for a bottom tier, else the same
    place, at most the bottom. A name of no scheme stays as it is."""
    if name in names:
        return name
    for pairs in SCHEMES.values():
        known = [en for en, _ in pairs]
        if name == known[-1] or name.startswith(known[-1] + " "):  # Mass-market, Mass-market 2 …
            return names[-1]
        if name in known:
            return names[min(known.index(name), len(names) - 1)]
    return name


def apply_overrides(df: pd.DataFrame, overrides: pd.DataFrame, names: list[str] | None = None) -> pd.DataFrame:
    """Replace the computed tier where a person has set one. ``overrides`` has account_id,
    tier, reason (the latest per account); ``names``: the English tier names in force, to which
    an override naming a tier of another scheme is read (:func:`level_name`). Adds
    ``computed_tier`` and ``override_reason``."""
    out = df.copy(deep=False)  # copy-on-write: the caller's frame is left as it was
    out["computed_tier"] = out["tier"]
    out["override_reason"] = pd.Series(np.nan, index=out.index, dtype="str")
    if overrides is not None and len(overrides):
        o = overrides.drop_duplicates("account_id", keep="last").set_index("account_id")
        if names:
            o = o.assign(tier=[level_name(n, names) for n in o["tier"]])
        hit = out["account_id"].isin(o.index)
        out.loc[hit, "tier"] = out.loc[hit, "account_id"].map(o["tier"])
        out.loc[hit, "override_reason"] = out.loc[hit, "account_id"].map(o["reason"])
    return out
