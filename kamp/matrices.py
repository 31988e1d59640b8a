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

from kamp import relationship, scorecard, scorecard_features, scorecard_store, strategy_grid
from kamp import scorecard_portfolio as portfolio
from kamp.concentration import net_shares

STRENGTH_BASES = ("share_of_wallet", "relationship")
MATRIX_COLUMNS = ["account_id", "name", "tier", "revenue", "attractiveness", "strength", "attractiveness_level",
                  "strength_level", "strategy"]


def scorecard_scores(con, accounts: pd.DataFrame, template_name: str, neutral: bool = True) -> pd.Series:
    """Each account's 0–100 score on a stored or bundled template, indexed by account_id.

    Judgement criteria take the latest saved scores; with ``neutral`` the criteria nobody has
    scored count as the middle of the scale (5.5), otherwise such accounts stay NaN.
    """
    return pd.Series(basis_scores(accounts, basis_key(con, template_name, neutral)),
                     index=accounts["account_id"].astype(str))


def strength(con, accounts: pd.DataFrame, basis: str, wallets: pd.DataFrame | None = None) -> pd.Series:
    """Our strength with each account, 0–100, indexed by account_id (see the module doc)."""
    if basis == "share_of_wallet":
        w = (wallets.set_index("account_id")["wallet_estimate"] if wallets is not None and len(wallets)
             else pd.Series(dtype=float))
        accounts = accounts.assign(wallet_estimate=accounts["account_id"].astype(str).map(w).to_numpy(dtype=float))
    return pd.Series(basis_scores(accounts, basis_key(con, basis)), index=accounts["account_id"].astype(str))


def basis_key(con, basis: str, neutral: bool = True) -> tuple:
    """What a score basis (a scorecard name or one of :data:`STRENGTH_BASES`) needs besides
    the account table, read now and hashable: the template's criteria and judgement scores,
    or the latest relationship levels. :func:`basis_scores` takes it."""
    if basis == "share_of_wallet":
        return (basis,)
    if basis == "relationship":
        latest = relationship.assessments(con)
        return (basis, tuple(zip(latest["account_id"].astype(str),
                                 (relationship.level_number(v) for v in latest["kotler_level"]))))
    template = scorecard_store.load_template(con, basis)
    return _scorecard_key(con, basis, template, template, neutral)


def _scorecard_key(con, name: str, template: dict, criteria, neutral: bool) -> tuple:
    """The :func:`basis_key` of scorecard ``name`` scored on ``criteria`` (its template or some of its rows)."""
    return ("scorecard", template["entity"], portfolio.criteria_key(criteria),
            portfolio.judgements_key(scorecard_store.load_scores(con, name)), bool(neutral))


def potential_key(con, template_name: str, neutral: bool = True) -> tuple[tuple, bool]:
    """The :func:`basis_key` of a scorecard read as potential: its potential group alone when it
    has one (a group named "potential" or 潜…: the customer-value card's growth and wallet gap,
    not its current revenue, which would make potential the current value again), else the whole
    card. Returns (key, whether the card was narrowed to that group)."""
    template = scorecard_store.load_template(con, template_name)
    crit = scorecard.criteria_frame(template)
    group = crit["group"].astype(str).str.contains("potential", case=False) | \
        crit.get("group_zh", pd.Series("", index=crit.index)).fillna("").astype(str).str.contains("潜")
    narrowed = bool(group.any() and not group.all())
    return _scorecard_key(con, template_name, template, crit[group] if narrowed else crit, neutral), narrowed


def basis_columns(key: tuple) -> list[str]:
    """The account-table columns :func:`basis_scores` reads for ``key``."""
    if key[0] == "share_of_wallet":
        return ["account_id", "revenue_12m", "wallet_estimate"]
    if key[0] == "relationship":
        return ["account_id"]
    entity, criteria = key[1], key[2]
    return portfolio.columns([dict(zip(scorecard.CRITERIA_COLUMNS, row)) for row in criteria], entity)


def basis_scores(accounts: pd.DataFrame, key: tuple) -> np.ndarray:
    """Each account's 0–100 score on the basis ``key`` (:func:`basis_key`), in the table's order;
    NaN where unknown. Share of wallet reads the table's wallet_estimate column."""
    ids = accounts["account_id"].astype(str)
    if key[0] == "share_of_wallet":
        est = (accounts["wallet_estimate"].to_numpy(dtype=float, na_value=np.nan) if "wallet_estimate" in accounts
               else np.full(len(accounts), np.nan))
        revenue = accounts["revenue_12m"].fillna(0).to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(est > 0, revenue / est, np.nan)
        return np.clip(share * 100, 0, 100)
    if key[0] == "relationship":
        levels = dict(key[1])
        at = pd.Index(list(levels), dtype=object).get_indexer(ids) if levels else np.full(len(ids), -1)
        values = np.array(list(levels.values()), dtype=float)
        return np.where(at >= 0, (values[at] - 1) / 4 * 100, np.nan) if len(values) else np.full(len(ids), np.nan)
    _, entity, criteria, judgements, neutral = key
    result = portfolio.scored(accounts, entity, criteria, judgements,
                              fill_missing=scorecard_features.NEUTRAL if neutral else None, limit=0)
    if entity == "industry":
        by_industry = pd.Series(result.score_0_100, index=result.entities.to_numpy())
        return accounts["industry"].fillna("—").astype(str).map(by_industry).to_numpy(dtype=float)
    return result.score_0_100


def placed(accounts: pd.DataFrame, attractiveness: tuple, strength_: tuple,
           cuts: tuple) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(:func:`strategy_frame`, :func:`strategy_summary`) of the bases ``attractiveness`` and
    ``strength_`` (:func:`basis_key`): every account with both scores known, and the
    strategies' accounts and revenue; what a page works out once per account table."""
    matrix = _strategy_frame(accounts, basis_scores(accounts, attractiveness), basis_scores(accounts, strength_),
                             cuts)
    return matrix, strategy_summary(matrix)


def strategy_frame(accounts: pd.DataFrame, attractiveness: pd.Series, strength_: pd.Series,
                   cuts=strategy_grid.DEFAULT_CUTS) -> pd.DataFrame:
    """One row per account with both scores known: columns of :data:`MATRIX_COLUMNS`
    (levels low / medium / high and strategy, a key of :data:`kamp.strategy_grid.STRATEGIES`, as
    categoricals; name and tier empty when ``accounts`` lacks them), indexed by the account's
    position in ``accounts``."""
    ids = accounts["account_id"].astype(str)
    return _strategy_frame(accounts, ids.map(attractiveness).to_numpy(dtype=float),
                           ids.map(strength_).to_numpy(dtype=float), cuts)


LEVELS = ["high", "medium", "low"]  # steps from the grid's top-left corner


def _strategy_frame(accounts: pd.DataFrame, attractiveness: np.ndarray, strength_: np.ndarray, cuts) -> pd.DataFrame:
    """The rows of :func:`strategy_frame`; levels and strategies as categoricals (a million
    accounts are compared with a strategy in milliseconds)."""
    known = np.flatnonzero(~np.isnan(attractiveness) & ~np.isnan(strength_))
    a, s = attractiveness[known], strength_[known]
    a_step, s_step = strategy_grid.grid_steps(a, cuts), strategy_grid.grid_steps(s, cuts)
    rows = accounts[[c for c in ("account_id", "name", "tier", "revenue") if c in accounts]].iloc[known]
    keys = [k for k, _en, _zh in strategy_grid.STRATEGIES]
    return pd.DataFrame({"account_id": rows["account_id"].astype(str).array,
                         "name": rows["name"].array if "name" in rows else "",
                         "tier": rows["tier"].array if "tier" in rows else "",
                         "revenue": rows["revenue"].to_numpy(dtype=float),
                         "attractiveness": a, "strength": s,
                         "attractiveness_level": pd.Categorical.from_codes(a_step, LEVELS),
                         "strength_level": pd.Categorical.from_codes(s_step, LEVELS),
                         "strategy": pd.Categorical.from_codes(a_step + s_step, keys)},
                        columns=MATRIX_COLUMNS, index=known)


def strategy_accounts(matrix: pd.DataFrame, strategy: str | None, limit: int) -> tuple[pd.DataFrame, int]:
    """(the accounts of ``strategy`` in a :func:`strategy_frame` — all when None — at most
    ``limit`` of them, the largest by revenue when there are more; how many there are)."""
    if strategy is None:
        rows = np.arange(len(matrix))
    else:
        codes = matrix["strategy"].cat.codes.to_numpy()
        rows = np.flatnonzero(codes == matrix["strategy"].cat.categories.get_loc(strategy))
    count = len(rows)
    if count > limit:
        revenue = matrix["revenue"].to_numpy(dtype=float)[rows]
        rows = np.sort(rows[np.argpartition(-revenue, limit - 1)[:limit]])
    return matrix.iloc[rows], count


def strategy_summary(matrix: pd.DataFrame) -> pd.DataFrame:
    """Accounts and revenue per strategy, best grid position first. Columns: strategy,
    accounts, revenue, revenue_share (of the net total: :func:`kamp.concentration.net_shares`)."""
    keys = [k for k, _en, _zh in strategy_grid.STRATEGIES]
    g = matrix.groupby("strategy")["revenue"].agg(["size", "sum"]).reindex(keys, fill_value=0)
    return pd.DataFrame({"strategy": keys, "accounts": g["size"].to_numpy(), "revenue": g["sum"].to_numpy(),
                         "revenue_share": net_shares(g["sum"], matrix["revenue"].sum())})


def value_potential(accounts: pd.DataFrame, potential: tuple | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(:func:`kamp.accounts.value_potential`, :func:`quadrant_summary`) with the wallet estimates
    of the account table's wallet_estimate column, or, with ``potential`` (a scorecard's
    :func:`basis_key`), that scorecard's scores as the potential."""
    from kamp.accounts import value_potential

    if potential is not None:
        quadrants = value_potential(accounts, scores=basis_scores(accounts, potential))
        return quadrants, quadrant_summary(quadrants)
    wallets = (accounts.loc[accounts["wallet_estimate"].notna(), ["account_id", "wallet_estimate"]]
               if "wallet_estimate" in accounts else None)
    quadrants = value_potential(accounts, wallets)
    return quadrants, quadrant_summary(quadrants)


def quadrant_summary(matrix: pd.DataFrame) -> pd.DataFrame:
    """The value × potential quadrants of seed 003 (:func:`kamp.accounts.value_potential`):
    accounts and current value per quadrant, then the accounts whose potential is unknown when
    there are any. Columns: quadrant, accounts, current, current_share (of the net total:
    :func:`kamp.concentration.net_shares`)."""
    from kamp.accounts import POTENTIAL_UNKNOWN, QUADRANTS

    keys = QUADRANTS + ([POTENTIAL_UNKNOWN] if (matrix["quadrant"] == POTENTIAL_UNKNOWN).any() else [])
    g = matrix.groupby("quadrant")["current"].agg(["size", "sum"]).reindex(keys, fill_value=0)
    return pd.DataFrame({"quadrant": keys, "accounts": g["size"].to_numpy(), "current": g["sum"].to_numpy(),
                         "current_share": net_shares(g["sum"], matrix["current"].sum())})
