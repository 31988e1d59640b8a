"""Strategy matrices: account attractiveness × our strength with the five strategies, from
scorecards, share of wallet or relationship levels.

Attractiveness is a scorecard's 0–100 score (an industry scorecard scores each account by
its industry). Strength, how well placed we are with the account, is one of:

``share_of_wallet``
    our trailing-12-month revenue ÷ the account's wallet estimate, in % (capped at 100);
    unknown without a wallet estimate.
``relationship``
    the assessed Kotler level, basic = 0 … partnership = 100 (:mod:`kamp.relationship`);
    unknown for accounts nobody has assessed.
a scorecard name
    that scorecard's 0–100 score.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from kamp import relationship, scorecard

STRENGTH_BASES = ("share_of_wallet", "relationship")
MATRIX_COLUMNS = ["account_id", "name", "tier", "revenue", "attractiveness", "strength", "attractiveness_level",
                  "strength_level", "strategy"]


def scorecard_scores(con, accounts: pd.DataFrame, template_name: str, neutral: bool = True) -> pd.Series:
    """Each account's 0–100 score on a stored or bundled template, indexed by account_id.

    Judgement criteria take the latest saved scores; with ``neutral`` the criteria nobody has
    scored count as the middle of the scale (5.5), otherwise such accounts stay NaN.
    """
    template = scorecard.load_template(con, template_name)
    entities = scorecard.entity_table(accounts, template["entity"])
    scores = scorecard.scores_from_features(template, entities, scorecard.load_scores(con, template_name),
                                            entity="entity", fill_missing=scorecard.NEUTRAL if neutral else None)
    result = scorecard.score(template, scores, missing="unscored").set_index("entity")["score_0_100"]
    key = accounts["industry"].fillna("—") if template["entity"] == "industry" else accounts["account_id"]
    return pd.Series(key.astype(str).map(result).to_numpy(dtype=float), index=accounts["account_id"].astype(str))


def strength(con, accounts: pd.DataFrame, basis: str, wallets: pd.DataFrame | None = None) -> pd.Series:
    """Our strength with each account, 0–100, indexed by account_id (see the module doc)."""
    ids = accounts["account_id"].astype(str)
    if basis == "share_of_wallet":
        w = (wallets.set_index("account_id")["wallet_estimate"] if wallets is not None and len(wallets)
             else pd.Series(dtype=float))
        est = ids.map(w).to_numpy(dtype=float)
        share = np.where(est > 0, accounts["revenue_12m"].fillna(0).to_numpy(dtype=float) / est, np.nan)
        return pd.Series(np.clip(share * 100, 0, 100), index=ids)
    if basis == "relationship":
        latest = relationship.assessments(con)
        level = pd.Series([relationship.level_number(v) for v in latest["kotler_level"]],
                          index=latest["account_id"].astype(str), dtype=float)
        return pd.Series((ids.map(level).to_numpy(dtype=float) - 1) / 4 * 100, index=ids)
    return scorecard_scores(con, accounts, basis)


def strategy_frame(accounts: pd.DataFrame, attractiveness: pd.Series, strength_: pd.Series,
                   cuts=relationship.DEFAULT_CUTS) -> pd.DataFrame:
    """One row per account with both scores known: columns of :data:`MATRIX_COLUMNS`
    (levels low / medium / high; strategy a key of :data:`kamp.relationship.STRATEGIES`)."""
    ids = accounts["account_id"].astype(str)
    frame = pd.DataFrame({"account_id": ids.to_numpy(),
                          "name": accounts["name"].to_numpy() if "name" in accounts else "",
                          "tier": accounts["tier"].to_numpy() if "tier" in accounts else "",
                          "revenue": accounts["revenue"].to_numpy(dtype=float),
                          "attractiveness": ids.map(attractiveness).to_numpy(dtype=float),
                          "strength": ids.map(strength_).to_numpy(dtype=float)})
    known = frame.dropna(subset=["attractiveness", "strength"])
    return relationship.strategy_matrix(known, cuts=cuts)[MATRIX_COLUMNS]


def strategy_summary(matrix: pd.DataFrame) -> pd.DataFrame:
    """Accounts and revenue per strategy, best grid position first. Columns: strategy,
    accounts, revenue, revenue_share."""
    keys = [k for k, _en, _zh in relationship.STRATEGIES]
    g = matrix.groupby("strategy")["revenue"].agg(["size", "sum"]).reindex(keys, fill_value=0)
    total = float(matrix["revenue"].clip(lower=0).sum()) or 1.0
    return pd.DataFrame({"strategy": keys, "accounts": g["size"].to_numpy(), "revenue": g["sum"].to_numpy(),
                         "revenue_share": g["sum"].to_numpy() / total})


def quadrant_summary(matrix: pd.DataFrame) -> pd.DataFrame:
    """The value × potential quadrants of seed 003 (:func:`kamp.accounts.value_potential`):
    accounts and current value per quadrant. Columns: quadrant, accounts, current, current_share."""
    from kamp.accounts import QUADRANTS

    g = matrix.groupby("quadrant")["current"].agg(["size", "sum"]).reindex(QUADRANTS, fill_value=0)
    total = float(matrix["current"].clip(lower=0).sum()) or 1.0
    return pd.DataFrame({"quadrant": QUADRANTS, "accounts": g["size"].to_numpy(), "current": g["sum"].to_numpy(),
                         "current_share": g["sum"].to_numpy() / total})
