"""RFM: recency, frequency and monetary scores 1–5 and the segments they fall in.

Scores come from quantiles of the *ranked* values (ties broken by account id), so every score
holds a fifth of the accounts and ties never collapse a bin; 5 is best, so recency (days
since the last purchase) is reversed. Fewer than five accounts spread over 1–5 (best 5,
worst 1); a measure the same for every account gives each the middle score, 3, in one band. Segments come from a rule table — data, editable —
evaluated in order on R and FM = (F + M) / 2; the first rule that matches wins.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from kamp import frames
from kamp.problems import Problem, words
from kamp.problems import row as problem_row

SCORE_COLUMNS = {"r": "days_since_last", "f": "orders", "m": "revenue"}

# segment, Chinese name, R from–to, FM from–to (inclusive), what to do
DEFAULT_SEGMENTS: list[dict] = [
    {"segment": "Champions", "name_zh": "核心客户", "r_min": 4, "r_max": 5, "fm_min": 4, "fm_max": 5},
    {"segment": "Loyal", "name_zh": "忠诚客户", "r_min": 3, "r_max": 5, "fm_min": 3, "fm_max": 5},
    {"segment": "Potential Loyalist", "name_zh": "潜在忠诚客户", "r_min": 4, "r_max": 5, "fm_min": 2, "fm_max": 2.5},
    {"segment": "New", "name_zh": "新客户", "r_min": 5, "r_max": 5, "fm_min": 1, "fm_max": 1.5},
    {"segment": "Promising", "name_zh": "有潜力客户", "r_min": 4, "r_max": 4, "fm_min": 1, "fm_max": 1.5},
    {"segment": "Need Attention", "name_zh": "需关注客户", "r_min": 3, "r_max": 3, "fm_min": 2, "fm_max": 2.5},
    {"segment": "About to Sleep", "name_zh": "即将沉睡客户", "r_min": 2, "r_max": 3, "fm_min": 1, "fm_max": 2.5},
    {"segment": "Can't Lose Them", "name_zh": "不容流失客户", "r_min": 1, "r_max": 2, "fm_min": 4.5, "fm_max": 5},
    {"segment": "At Risk", "name_zh": "流失风险客户", "r_min": 1, "r_max": 2, "fm_min": 3, "fm_max": 4},
    {"segment": "Hibernating", "name_zh": "沉睡客户", "r_min": 1, "r_max": 1, "fm_min": 2, "fm_max": 2.5},
    {"segment": "Lost", "name_zh": "流失客户", "r_min": 1, "r_max": 1, "fm_min": 1, "fm_max": 1.5},
]
OTHER, OTHER_ZH = "Other", "其他"  # the accounts no rule matches
FM_SCORES = np.arange(1, 5.5, 0.5)  # (F + M) / 2 of whole scores 1–5


def id_order(ids: pd.Series) -> np.ndarray:
    """Each id's position in sorted order (Arrow's C++ sort: a million ids in half a second)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        arr = pa.array(ids)  # a text column already held by Arrow: no copy
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        arr = None
    if arr is None or not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        arr = pa.array(pd.Series(ids).astype(str).to_numpy(dtype=object))
    return pc.rank(arr, sort_keys="ascending", tiebreaker="first").to_numpy()


def by_value(values: np.ndarray, id_rank: np.ndarray, descending: bool = False) -> np.ndarray:
    """Positions of ``values`` ordered by value (NaN last), ties by account id; ``id_rank`` is
    :func:`id_order` of the ids (a permutation of 1..n). Two stable sorts' worth of work: the
    ids' order is inverted once, then one stable sort by value keeps it among ties — twice as
    fast as ``np.lexsort`` on a million accounts."""
    n = len(values)
    by_id = np.empty(n, dtype=np.int64)
    by_id[np.asarray(id_rank, dtype=np.int64) - 1] = np.arange(n)
    v = np.asarray(values, dtype=float)[by_id]
    return by_id[np.argsort(-v if descending else v, kind="stable")]


def value_order(values, ids: pd.Series, descending: bool = False, id_rank: np.ndarray | None = None) -> np.ndarray:
    """:func:`by_value` when the ids' ranks are not at hand: values already in that order (the
    account table comes sorted by revenue, largest first, ties by id) are recognised in one pass
    over them, without ranking a million ids."""
    import pyarrow as pa
    import pyarrow.compute as pc

    v = np.asarray(values, dtype=float)
    step = np.diff(v)
    if not np.isnan(v).any() and ((step <= 0).all() if descending else (step >= 0).all()):
        ties = np.flatnonzero(step == 0)
        if not len(ties):
            return np.arange(len(v))
        arr = pa.array(ids) if isinstance(ids, pd.Series) and ids.dtype == "str" else \
            pa.array(pd.Series(ids).astype(str).to_numpy(dtype=object))
        if pc.all(pc.less(arr.take(pa.array(ties)), arr.take(pa.array(ties + 1)))).as_py():
            return np.arange(len(v))
    return by_value(v, id_order(ids) if id_rank is None else id_rank, descending)


def quantile_scores(values: pd.Series, ids: pd.Series, reverse: bool = False, bins: int = 5,
                    id_rank: np.ndarray | None = None) -> tuple[pd.Series, pd.DataFrame]:
    """Scores 1..bins from quantiles of the ranked values; returns (scores, thresholds).

    ``thresholds`` has one row per score: score, low, high (the smallest and largest value
    holding that score) and accounts. ``id_rank`` (:func:`id_order` of ``ids``) saves
    ranking the ids again for each score.
    """
    n = len(values)
    if n == 0:
        return pd.Series(dtype=int), pd.DataFrame(columns=["score", "low", "high", "accounts"])
    raw = values.to_numpy()
    v = values.to_numpy(dtype=float)
    if id_rank is None:
        id_rank = id_order(ids)
    order = by_value(v, id_rank, descending=reverse)
    ranked_score = _ranked_scores(n, bins, flat=bool((v == v[0]).all()))
    score = np.empty(n, dtype=int)
    score[order] = ranked_score
    # Each score holds a contiguous run of the ranked accounts: its low and high are that run's.
    starts = np.searchsorted(ranked_score, np.arange(1, bins + 1))
    ends = np.append(starts[1:], n)
    ranked = raw[order]
    rows = []
    for s_, a, b in zip(range(1, bins + 1), starts, ends):
        if b > a:
            run = pd.Series(ranked[a:b])
            rows.append({"score": s_, "low": run.min(), "high": run.max(), "accounts": int(b - a)})
    table = pd.DataFrame(rows, columns=["score", "low", "high", "accounts"])
    return pd.Series(score, index=values.index), table


def _ranked_scores(n: int, bins: int, flat: bool) -> np.ndarray:
    """The score of each of ``n`` ranked accounts, worst first: a ``bins``-th of them per score;
    fewer accounts than scores spread from 1 to ``bins`` (4 accounts: 1, 2, 4, 5); the middle
    score for all when the measure does not vary (``flat``: ranking by id would invent a best)."""
    if flat:
        return np.full(n, (bins + 1) // 2)
    if n < bins:
        return 1 + np.round(np.arange(n) * (bins - 1) / (n - 1)).astype(int)
    return np.floor(np.arange(n) * bins / n).astype(int) + 1


def flat_measures(thresholds: dict[str, pd.DataFrame]) -> dict[str, float]:
    """The letters whose measure is the same for every account, each with that value: one
    band (the middle score) whose low is its high. ``thresholds`` as from :func:`score`."""
    return {x: th["low"].iloc[0] for x, th in thresholds.items()
            if len(th) == 1 and th["low"].iloc[0] == th["high"].iloc[0]}


def score(features: pd.DataFrame, bins: int = 5, id_rank: np.ndarray | None = None
          ) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """Add r_score, f_score, m_score and fm_score to per-account features (columns
    account_id, days_since_last, orders, revenue); returns (frame, thresholds per letter).
    ``id_rank``: :func:`id_order` of the account ids, when the caller has it already."""
    out = features.copy(deep=False)  # copy-on-write: the caller's frame is left as it was
    thresholds = {}
    if id_rank is None:
        id_rank = id_order(out["account_id"])
    for letter, col in SCORE_COLUMNS.items():
        out[f"{letter}_score"], thresholds[letter] = quantile_scores(
            out[col], out["account_id"], reverse=(letter == "r"), bins=bins, id_rank=id_rank)
    out["fm_score"] = (out["f_score"] + out["m_score"]) / 2
    return out, thresholds


def segment(scored: pd.DataFrame, rules: list[dict] | None = None) -> pd.Series:
    """The segment of each account: the first rule whose R and FM ranges hold its scores."""
    rules = rules or DEFAULT_SEGMENTS
    r, fm = scored["r_score"].to_numpy(), scored["fm_score"].to_numpy()
    conditions = [(r >= x["r_min"]) & (r <= x["r_max"]) & (fm >= x["fm_min"]) & (fm <= x["fm_max"]) for x in rules]
    first_match = np.select(conditions, np.arange(len(rules)), len(rules))
    return frames.labels([x["segment"] for x in rules] + [OTHER], first_match, scored.index)


def rule_problems(rules: list[dict]) -> list[Problem]:
    """Problems with an edited rule table, worded for the person editing it (in either language)."""
    problems, first, first_zh = [], {}, {}
    for i, x in enumerate(rules, 1):
        name = x.get("segment") or problem_row(i)
        segment, zh = str(x.get("segment") or "").strip(), str(x.get("name_zh") or "").strip()
        if not segment:
            problems.append(Problem("problem.rfm.no_name", row=i))
        elif {segment.casefold(), zh} & {OTHER.casefold(), OTHER_ZH} or segment == OTHER_ZH:
            problems.append(Problem("problem.rfm.other", row=i, name=name))
        elif segment.casefold() in first:  # Champions and champions would read as one segment
            problems.append(Problem("problem.rfm.twice", row=i, name=segment, first=first[segment.casefold()]))
        elif zh and zh in first_zh:  # two segments under one Chinese name on every Chinese page
            problems.append(Problem("problem.rfm.twice", row=i, name=zh, first=first_zh[zh]))
        first.setdefault(segment.casefold(), i)
        if zh:
            first_zh.setdefault(zh, i)
        for lo, hi in (("r_min", "r_max"), ("fm_min", "fm_max")):
            a, b = x.get(lo), x.get(hi)
            low, high = words(f"col.{lo}"), words(f"col.{hi}")
            if a is None or b is None or pd.isna(a) or pd.isna(b):
                problems.append(Problem("problem.rfm.required", name=name, low=low, high=high))
            elif not (1 <= a <= b <= 5):
                problems.append(Problem("problem.rfm.range", name=name, low=low, a=a, high=high, b=b))
    return problems


def never_matched(rules: list[dict]) -> list[tuple[str, list[str]]]:
    """The rules no account can match, each with the rules above it that take every score pair
    (R 1–5, FM 1, 1.5 … 5) it holds (none when it holds no pair); rules missing a bound are skipped."""
    taken, out = {}, []
    for x in rules:
        if any(x.get(c) is None for c in ("r_min", "r_max", "fm_min", "fm_max")):
            continue
        cells = [(r, fm) for r in range(1, 6) for fm in FM_SCORES
                 if x["r_min"] <= r <= x["r_max"] and x["fm_min"] <= fm <= x["fm_max"]]
        if all(c in taken for c in cells):
            out.append((x["segment"], list(dict.fromkeys(taken[c] for c in cells))))
        for c in cells:
            taken.setdefault(c, x["segment"])
    return out


def validate_rules(rules: list[dict]) -> list[str]:
    """Problems with an edited rule table, in English (:func:`rule_problems` says them in either language)."""
    return [str(p) for p in rule_problems(rules)]


def segment_name(segment_en: str, lang: str, rules: list[dict] | None = None) -> str:
    """A segment's name in ``lang``."""
    if lang != "zh":
        return segment_en
    for x in rules or DEFAULT_SEGMENTS:
        if x["segment"] == segment_en:
            return x.get("name_zh") or segment_en
    return OTHER_ZH if segment_en == OTHER else segment_en


def grid(scored: pd.DataFrame, rules: list[dict] | None = None) -> pd.DataFrame:
    """Accounts and revenue per (r_score, fm_score) cell, for every pair of the R and FM scores
    held: a pair no account holds at 0, in the segment ``rules`` give it. Columns: r_score,
    fm_score, accounts, revenue, segment."""
    g = (scored.groupby(["r_score", "fm_score"])
         .agg(accounts=("account_id", "size"), revenue=("revenue", "sum"), segment=("segment", "first")))
    cells = pd.MultiIndex.from_product([sorted(scored["r_score"].unique()), sorted(scored["fm_score"].unique())],
                                       names=["r_score", "fm_score"])
    g = g.reindex(cells).reset_index().fillna({"accounts": 0, "revenue": 0.0}).astype({"accounts": int})
    return g.assign(segment=g["segment"].astype(object).where(g["segment"].notna(), segment(g, rules).astype(object)))
