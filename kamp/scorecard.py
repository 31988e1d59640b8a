"""Weighted scorecards (seed 004): templates of weighted criteria; totals, ranks, ★; sensitivity.
Scores read off the account table (percentile criteria): :mod:`kamp.scorecard_features`.

A template is data: ``{"name", "name_zh", "criteria": [...]}``, each criterion a dict with
group, group_zh, criterion, criterion_zh, weight (whole number 1–10), direction ('+' or '−'),
method ('judgement': a person scores 1–10; 'percentile': 1 + 9 × percentile rank of a
feature column) and feature. Three are bundled (:data:`BUNDLED`, from
``scorecard_templates.csv``); edited or new ones are kept in the database
(:func:`kamp.scorecard_store.save_template`). CSV files of criteria and scores: :mod:`kamp.scorecard_files`.

Conventions
-----------
score ``s``
    1–10 per criterion. The seed prints the scores of the criteria that count against with
    their sign already applied (政府 竞争程度 −3), so a score may also be entered as −10…−1:
    on a '−' criterion its magnitude is the score; on a '+' criterion it counts as printed
    (a seed row copied with every direction '+' still gives the seed's total).
total
    ``Σ w · c`` where a score contributes ``c = s`` on a '+' criterion and ``c = −|s|`` on a
    '−' one. The seed's industry table has no weight column, so its template weighs every
    criterion 1: 政府 9 + 7 + 7 − 3 − 3 + 9 + 7 + 9 = 42, 教育 32, 金融 28, as printed.
score_0_100
    ``100 · (total − lo) / (hi − lo)`` where ``lo`` and ``hi`` are the lowest and highest
    totals the scale allows: a '+' criterion contributes w·1 … w·10 (w·−10 … w·10 once a score
    on it is entered with a minus sign), a '−' one w·−10 … w·−1; so 0 ≤ score_0_100 ≤ 100.
rank
    1 = highest total; equal totals share the smallest rank (1, 1, 3).
selected (★)
    total ≥ the mean total of the scored entities, or ≥ a fixed ``threshold`` on the total.
missing scores
    ``missing='raise'`` (default): a ValueError naming the entity and criterion.
    ``missing='unscored'``: the entity keeps NaN total, score and rank, is not selected and
    is left out of the mean.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

from kamp.problems import Listing, Problem, Words, named

METHODS = ("judgement", "percentile")
ENTITIES = ("account", "industry")  # what a template scores
CRITERIA_COLUMNS = ["group", "group_zh", "criterion", "criterion_zh", "weight", "direction", "method", "feature"]
RESULT_COLUMNS = ["entity", "total", "score_0_100", "rank", "selected"]
_MINUS = {"-", "−", "–"}
_DECIMALS = 9  # totals are compared after rounding, so float noise never splits a tie



# The bundled templates, one criterion a row. Seed 004's key-account table prints the weights
# 8 8 8 8 6 10 10 10 10 8 8 / 8 6 6 6 6 6 8 against its criteria in order: market perception
# 8 8 8 8 (market leader, technical leader, market reputation, new-market pilot); value to us
# 6 10 10 10 10 (platform potential 6; value innovation, effect on competitors, brand value,
# upgrade our performance 10 each); relationship 8 8 8 (cultural fit, long-term partnership,
# executive relationships); corporate alignment 6 6 6 6 6 8, whose six rows the seed does not
# name, so it is one criterion here with the weight most of its rows have, 6. The industry
# table prints no weights, hence 1 each (see the module doc).
BUNDLED_FILE = Path(__file__).with_name("scorecard_templates.csv")


def _text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def check_criterion(row: dict) -> dict:
    """One criterion, checked and normalised; a Problem names the criterion (in Chinese by its
    Chinese name, when it has one) and the bad value."""
    name = _text(row.get("criterion"))
    if not name:
        raise Problem("problem.card.no_name")
    said = Words(name, _text(row.get("criterion_zh")) or name)
    raw = row.get("weight")
    try:
        weight = float(_text(raw)) if not isinstance(raw, bool) else math.nan
    except ValueError:
        weight = math.nan
    if not (math.isfinite(weight) and weight == int(weight) and 1 <= weight <= 10):
        raise Problem("problem.card.weight", name=said, value=_text(raw))
    direction = _text(row.get("direction")) or "+"
    if direction not in {"+"} | _MINUS:
        raise Problem("problem.card.direction", name=said, value=direction)
    method = (_text(row.get("method")) or "judgement").lower().replace("judgment", "judgement")
    if method not in METHODS:
        raise Problem("problem.card.method", name=said, value=method)
    feature = _text(row.get("feature")) or None
    if method == "percentile" and not feature:
        raise Problem("problem.card.no_feature", name=said)
    return dict(group=_text(row.get("group")), group_zh=_text(row.get("group_zh")), criterion=name,
                criterion_zh=_text(row.get("criterion_zh")), weight=int(weight),
                direction="-" if direction in _MINUS else "+", method=method, feature=feature)


def criteria_frame(criteria) -> pd.DataFrame:
    """The checked criteria of a template, a criteria frame or a list of criterion dicts.

    Returns
    -------
    DataFrame with columns group, group_zh, criterion, criterion_zh, weight (int 1–10),
    direction ('+' / '-'), method, feature; one row per criterion, names unique.
    """
    if isinstance(criteria, dict):
        criteria = criteria.get("criteria", [])
    rows = criteria.to_dict("records") if isinstance(criteria, pd.DataFrame) else list(criteria)
    checked = [check_criterion(r) for r in rows]
    if not checked:
        raise Problem("problem.card.no_criteria")
    names = [c["criterion"] for c in checked]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise Problem("problem.card.criterion_twice", name=dupes[0])
    return pd.DataFrame(checked, columns=CRITERIA_COLUMNS)


def validate_template(template: dict) -> dict:
    """A template with a name and checked criteria (as plain dicts, ready for JSON)."""
    name = _text(template.get("name"))
    if not name:
        raise Problem("problem.card.no_template_name")
    entity = _text(template.get("entity")) or "account"
    if entity not in ENTITIES:
        raise Problem("problem.card.entity_kind", name=name, entity=entity,
                      kinds=Listing(named(e, f"card.entity.{e}") for e in ENTITIES))
    return {"name": name, "name_zh": _text(template.get("name_zh")), "entity": entity,
            "criteria": criteria_frame(template).to_dict("records")}


def _bundled() -> dict[str, dict]:
    rows = pd.read_csv(BUNDLED_FILE, dtype=str, keep_default_na=False)
    return {name: validate_template({"name": name, "name_zh": g["template_zh"].iat[0], "entity": g["entity"].iat[0],
                                     "criteria": g[CRITERIA_COLUMNS].to_dict("records")})
            for name, g in rows.groupby("template", sort=False)}


BUNDLED: dict[str, dict] = _bundled()


def _check_scores(crit: pd.DataFrame, scores: pd.DataFrame, missing: str):
    """(entities, magnitudes n × k with NaN rows for the unscored, mask of scored entities)."""
    if missing not in ("raise", "unscored"):
        raise ValueError(f"missing={missing!r}: use 'raise' or 'unscored'")
    if "entity" in scores.columns:
        scores = scores.set_index("entity")
    if scores.index.has_duplicates:
        raise Problem("problem.card.entity_twice", entity=scores.index[scores.index.duplicated()][0])
    names = list(crit["criterion"])
    unknown = [c for c in scores.columns if c not in names]
    if unknown:
        raise Problem("problem.card.unknown_column", column=unknown[0], criteria=Listing(names))
    wide = scores.reindex(columns=names)
    values = wide.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    entities = wide.index.astype(str)
    bad = np.argwhere(np.isnan(values) & wide.notna().to_numpy())
    if len(bad):
        i, j = bad[0]
        raise Problem("problem.card.score_not_number", entity=entities[i], name=names[j], value=wide.iat[i, j])
    signed, ok = _signed(crit, values, entities, missing)
    return entities, signed, ok


def _signed(crit: pd.DataFrame | tuple, values: np.ndarray, entities, missing: str) -> tuple[np.ndarray, np.ndarray]:
    """(what each score adds to the total before weights, mask of scored entities) from the
    scores (entities × criteria, NaN where none); a Problem names the first score out of range
    (or missing, with ``missing='raise'``). ``crit``: the criteria frame, or (names, minus mask)."""
    names, minus = crit if isinstance(crit, tuple) else (list(crit["criterion"]), (crit["direction"] == "-").to_numpy())
    magnitude = np.abs(values)
    out_of_range = (magnitude < 1) | (magnitude > 10)  # NaN compares false: no score is not out of range
    if out_of_range.any():
        i, j = np.argwhere(out_of_range)[0]
        raise Problem("problem.card.score_range", entity=entities[i], name=names[j], value=f"{values[i, j]:g}")
    gaps = np.isnan(values)
    if missing == "raise" and gaps.any():
        i, j = np.argwhere(gaps)[0]
        raise Problem("problem.card.no_score", entity=entities[i], name=names[j])
    return np.where(minus, -magnitude, values), ~gaps.any(axis=1)


def _bounds(crit: pd.DataFrame, signed: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    """The lowest and highest total the scale allows: a '+' criterion adds w × 1 … w × 10 (w ×
    −10 … w × 10 once any score on it is entered with a minus sign, as the seed prints them), a
    '−' criterion w × −10 … w × −1."""
    minus = (crit["direction"] == "-").to_numpy()
    signed_plus = np.nan_to_num(signed, nan=1.0).min(axis=0, initial=1.0) < 0
    lo = np.where(minus | signed_plus, -10.0, 1.0)
    hi = np.where(minus, -1.0, 10.0)
    return float(w @ lo), float(w @ hi)


def _totals(signed: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted totals, entities × weight draws, rounded so that equal rows tie exactly."""
    return np.round(signed @ weights.T, _DECIMALS)


def _ranks(totals: np.ndarray) -> np.ndarray:
    """Rank per column of an entities × draws array: 1 = highest, ties share the smallest."""
    return pd.DataFrame(totals).rank(axis=0, method="min", ascending=False).to_numpy(dtype=int)


def _rank_desc(totals: np.ndarray) -> np.ndarray:
    """:func:`_ranks` of one column (no NaN), from one sort: 1 + how many totals are higher."""
    ascending = np.sort(totals)
    return len(totals) - np.searchsorted(ascending, totals, side="right") + 1


def _selected(totals: np.ndarray, cuts: np.ndarray) -> np.ndarray:
    cuts = np.asarray(cuts, dtype=float)
    return totals >= cuts - 1e-9 * np.maximum(1.0, np.abs(cuts))


def score(criteria, scores: pd.DataFrame, *, threshold: float | None = None, missing: str = "raise") -> pd.DataFrame:
    """Weighted total, 0–100 score, rank and ★ per entity (conventions in the module doc).

    Parameters
    ----------
    criteria : template dict, criteria frame or list of criterion dicts
    scores : DataFrame indexed by entity (or with an ``entity`` column), one column per
        criterion name holding its 1–10 score.
    threshold : fixed cut on the total for ★; None means the mean of the scored totals.
    missing : 'raise' or 'unscored'.

    Returns
    -------
    DataFrame with columns entity, total, score_0_100, rank (Int64, 1 = best), selected
    (bool), in the input order; ``attrs['cut']`` holds the cut used for ★.
    """
    crit = criteria_frame(criteria)
    entities, s, ok = _check_scores(crit, scores, missing)
    w = crit["weight"].to_numpy(dtype=float)
    return _result(entities, s, ok, w, _bounds(crit, s, w), threshold)


def _result(entities, signed: np.ndarray, ok: np.ndarray, w: np.ndarray, bounds: tuple[float, float],
            threshold: float | None) -> pd.DataFrame:
    """:func:`score`'s frame from the signed scores (entities × criteria) and the scored mask."""
    totals = _totals(signed[ok], w[None, :])[:, 0]
    lo, hi = bounds
    total = np.full(len(ok), np.nan)
    total[ok] = totals
    rank = np.zeros(len(ok), dtype="int64")
    rank[ok] = _rank_desc(totals)
    cut = float(threshold) if threshold is not None else (float(totals.mean()) if len(totals) else math.nan)
    selected = np.zeros(len(ok), dtype=bool)
    selected[ok] = _selected(totals, cut)
    out = pd.DataFrame({"entity": entities, "total": total, "score_0_100": 100 * (total - lo) / (hi - lo),
                        "rank": pd.arrays.IntegerArray(rank, ~ok), "selected": selected})
    out.attrs.update(cut=cut, rule="threshold" if threshold is not None else "mean")
    return out[RESULT_COLUMNS]


def sensitivity(criteria, scores: pd.DataFrame, *, pct: float = 20.0, n_draws: int = 1000,
                random_state=None, threshold: float | None = None, missing: str = "raise") -> pd.DataFrame:
    """How ranks and ★ move when every weight is perturbed by up to ± ``pct`` %.

    Each draw multiplies each weight by an independent uniform factor in [1 − pct/100,
    1 + pct/100] (0 ≤ pct < 100, so weights stay positive); totals, ranks and ★ (same rule:
    the draw's mean, or ``threshold``) are recomputed per draw, vectorised over the draws.

    Returns
    -------
    DataFrame with columns entity, base_rank, min_rank, max_rank, mean_rank, p_selected
    (share of draws in which the entity is ★), one row per scored entity. The rank range
    always holds the rank with the weights as set: entities tied there share the better
    rank, and any perturbation splits them.
    """
    if not 0 <= pct < 100:
        raise ValueError(f"pct={pct}: the perturbation must be at least 0 and below 100 %")
    if int(n_draws) < 1:
        raise ValueError(f"n_draws={n_draws}: need at least one draw")
    crit = criteria_frame(criteria)
    base = score(crit, scores, threshold=threshold, missing=missing)
    _, s, ok = _check_scores(crit, scores, missing)
    scored = base[ok].reset_index(drop=True)
    return perturbed_ranks(s[ok], crit["weight"].to_numpy(dtype=float), scored["entity"],
                           scored["rank"].to_numpy(dtype=int), pct=pct, n_draws=n_draws, random_state=random_state,
                           threshold=threshold)


def perturbed_ranks(signed: np.ndarray, weights: np.ndarray, entities, base_rank: np.ndarray, *, pct: float,
                    n_draws: int, random_state=None, threshold: float | None = None,
                    mean_signed: np.ndarray | None = None) -> pd.DataFrame:
    """:func:`sensitivity` of scored entities given as their signed scores (entities × criteria,
    a '−' criterion's already negative), the weights and their ranks with the weights as set.

    ``mean_signed``: the mean signed score per criterion of the entities whose mean total is the
    ★ cut of each draw, when they are more than ``signed`` holds (ranks are then among
    ``signed`` only); None means ``signed`` itself.
    """
    w = np.asarray(weights, dtype=float)
    rng = np.random.default_rng(random_state)
    factors = 1 + rng.uniform(-pct / 100, pct / 100, size=(int(n_draws), len(w)))
    n = len(signed)
    ranks = np.empty((n, int(n_draws)))
    chosen = np.empty((n, int(n_draws)), dtype=bool)
    block = max(1, 4_000_000 // max(n, 1))  # bounds memory on large portfolios; not a loop per draw
    for start in range(0, int(n_draws), block):
        drawn = w * factors[start:start + block]
        totals = _totals(signed, drawn)
        if threshold is not None:
            cuts = np.full(totals.shape[1], float(threshold))
        else:
            cuts = totals.mean(axis=0) if mean_signed is None else drawn @ np.asarray(mean_signed, dtype=float)
        ranks[:, start:start + block] = _ranks(totals)
        chosen[:, start:start + block] = _selected(totals, cuts)
    at_base = np.asarray(base_rank, dtype=int)
    return pd.DataFrame({"entity": entities, "base_rank": at_base,
                         "min_rank": np.minimum(ranks.min(axis=1, initial=np.inf), at_base).astype(int),
                         "max_rank": np.maximum(ranks.max(axis=1, initial=-np.inf), at_base).astype(int),
                         "mean_rank": ranks.mean(axis=1), "p_selected": chosen.mean(axis=1)})
