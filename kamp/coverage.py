"""Coverage models and goals per tier (seed 003, 客户覆盖方式 and 客户目标).

Seed 003: the higher the tier, the more selling resource. Major accounts (重要客户) get 1:1 —
one salesperson dedicated to one account, a team for a strategic one; Named accounts
(次重要客户) 1:few — one salesperson for a few accounts; Non-named (一般客户) 1:many; Mass-market
(不重要客户) a call centre (电话销售). So by default a 1:1 account takes a rep's whole selling
year, a 1:few account a fifth of it (five per rep), a 1:many account a thirtieth; call-centre
hours are telesales time, counted apart from the reps' field capacity. The models are data
(setting ``coverage_models``), keyed by tier rank: 1 = the best tier of the scheme.

Goals (seed 003, "鱼与熊掌"): the higher tiers are steered by share of wallet (our revenue ÷
the customer's total spend in our category), the lower ones by absolute revenue.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kamp import store, tiers
from kamp.problems import Listing, Problem, Words, several
from kamp.problems import row as problem_row

# model -> (en, zh, channel); channel "field" uses reps' selling hours, "call_centre" telesales.
MODELS: dict[str, tuple[str, str, str]] = {
    "team": ("Team per account", "团队专对一家客户", "field"),
    "1:1": ("1:1 (one rep per account)", "1:1（一名销售专对一家客户）", "field"),
    "1:few": ("1:few (one rep, a few accounts)", "1:few（一名销售对少数几个客户）", "field"),
    "1:many": ("1:many (one rep, many accounts)", "1:many（一名销售对多个客户）", "field"),
    "call_centre": ("Call centre", "电话销售中心", "call_centre"),
}
DEFAULT_MODELS: list[dict] = store.SETTINGS["coverage_models"][0]
DEFAULT_REP_HOURS: float = store.SETTINGS["rep_hours_per_year"][0]
DEFAULT_GOALS: dict = store.SETTINGS["goal_rules"][0]
ASSIGN_COLUMNS = ["account_id", "tier", "tier_rank", "model", "channel", "hours_per_account"]


def rules(con) -> dict:
    """The stored coverage models, rep hours and goal rules (or their defaults)."""
    return {"models": store.get_setting(con, "coverage_models"),
            "rep_hours": float(store.get_setting(con, "rep_hours_per_year")),
            "goals": {**DEFAULT_GOALS, **store.get_setting(con, "goal_rules")}}


def model_label(model: str, lang: str = "en") -> str:
    """A coverage model's name in ``lang``; an unknown model's key as is."""
    names = MODELS.get(model)
    return (names[1] if lang == "zh" else names[0]) if names else str(model)


def _scheme_rank(name) -> int | None:
    """Position (1 = best) of a tier name in any bundled scheme, in either language; the
    extra bottom tiers "Mass-market 2", "Mass-market 3" … rank below the scheme's last."""
    if not isinstance(name, str):
        return None
    for pairs in tiers.SCHEMES.values():
        last = len(pairs)
        for i, (en, zh) in enumerate(pairs, start=1):
            for known in (en, zh):
                if name == known:
                    return i
                if i == last and name.startswith(known + " ") and name[len(known) + 1:].isdigit():
                    return last + int(name[len(known) + 1:]) - 1
    return None


def tier_ranks(frame: pd.DataFrame, tier_order: list[str] | None = None) -> pd.Series:
    """Each row's tier rank (1 = best) from its ``tier``.

    With ``tier_order`` the rank is the position in it. Otherwise a bundled scheme's name
    (Major 1, Named 2, Non-named 3, Mass-market 4; Platinum 1, Gold 2, Silver 3) gives its
    place in the scheme; other names follow, best mean revenue first. Missing tier → NA.
    """
    t = frame["tier"]
    if tier_order is not None:
        pos = {name: i for i, name in enumerate(tier_order, start=1)}
        return t.map(pos).astype("Int64")
    names = [n for n in pd.unique(t) if isinstance(n, str)]
    rank = {n: _scheme_rank(n) for n in names}
    unknown = [n for n in names if rank[n] is None]
    if unknown:
        if "revenue" in frame:
            mean = frame[t.isin(unknown)].groupby("tier")["revenue"].mean()
            unknown = sorted(unknown, key=lambda n: (-mean.get(n, -np.inf), n))
        start = max([r for r in rank.values() if r is not None], default=0)
        rank.update({n: start + i for i, n in enumerate(unknown, start=1)})
    return t.map(rank).astype("Int64")


def _model_table(models: list[dict] | None) -> pd.DataFrame:
    m = pd.DataFrame(models if models is not None else DEFAULT_MODELS)
    missing = {"tier_rank", "model", "hours_per_account"} - set(m.columns)
    if missing or m.empty:
        raise ValueError(f"coverage models need tier_rank, model and hours_per_account (missing {sorted(missing)})")
    if (m["hours_per_account"].astype(float) < 0).any():
        raise ValueError("hours per account cannot be negative")
    m = m.assign(tier_rank=m["tier_rank"].astype(int), hours_per_account=m["hours_per_account"].astype(float))
    m["channel"] = m["model"].map(lambda k: MODELS.get(k, ("", "", "field"))[2])
    return m.sort_values("tier_rank").drop_duplicates("tier_rank", keep="last").reset_index(drop=True)


def assign(account_frame: pd.DataFrame, models: list[dict] | None = None,
           tier_order: list[str] | None = None) -> pd.DataFrame:
    """The coverage model of every account, from its tier rank.

    A rank beyond the last model takes the last (lowest) model; an account without a tier
    gets none. Columns: account_id, tier, tier_rank, model, channel, hours_per_account.
    """
    _require(account_frame, "account_id", "tier")
    m = _model_table(models)
    out = account_frame[["account_id", "tier"]].copy()
    out["tier_rank"] = tier_ranks(account_frame, tier_order).to_numpy()
    rank = out["tier_rank"].astype("float").to_numpy()
    # The model with the largest tier_rank not above the account's rank; below the first, the first.
    idx = np.searchsorted(m["tier_rank"].to_numpy(), np.nan_to_num(rank, nan=1), side="right") - 1
    idx = np.clip(idx, 0, len(m) - 1)
    for col in ("model", "channel", "hours_per_account"):
        out[col] = np.where(np.isnan(rank), None if col != "hours_per_account" else np.nan, m[col].to_numpy()[idx])
    out["hours_per_account"] = out["hours_per_account"].astype(float)
    return out[ASSIGN_COLUMNS]


def _require(frame: pd.DataFrame, *cols: str) -> None:
    missing = [c for c in cols if c not in frame]
    if missing:
        raise ValueError(f"the account frame lacks column(s) {', '.join(missing)}")


def _has_owner(frame: pd.DataFrame) -> pd.Series:
    if "owner" not in frame:
        return pd.Series(False, index=frame.index)
    o = frame["owner"]
    return o.notna() & (o.astype(str).str.strip() != "")


def capacity(account_frame: pd.DataFrame, models: list[dict] | None = None, rep_hours: float = DEFAULT_REP_HOURS,
             tier_order: list[str] | None = None) -> tuple[pd.DataFrame, dict]:
    """Sales capacity the coverage models need against the reps available.

    Parameters
    ----------
    account_frame : one row per account with account_id, tier and owner (the sales rep).
    models : coverage models (rows of tier_rank, model, hours_per_account); default the setting's.
    rep_hours : selling hours one rep has per year.

    Returns
    -------
    (by_tier, summary)
        by_tier columns: tier, tier_rank, model, channel, hours_per_account, accounts, hours_needed,
        owners (distinct reps serving the tier), unowned (accounts with no owner); best tier first.
        summary: accounts, hours_needed (field models), call_centre_hours, reps (distinct owners),
        rep_hours, hours_available (reps × rep_hours), gap (hours_needed − hours_available;
        positive = short of capacity), reps_needed (ceil(hours_needed ÷ rep_hours)), rep_gap
        (reps_needed − reps), utilisation (hours_needed ÷ hours_available), unowned_accounts.
    """
    a = assign(account_frame, models, tier_order)
    owned = _has_owner(account_frame).to_numpy()
    a["owner"] = np.where(owned, account_frame["owner"].to_numpy() if "owner" in account_frame else None, None)
    a["unowned"] = ~owned
    g = a.dropna(subset=["tier"]).groupby(["tier", "tier_rank", "model", "channel", "hours_per_account"],
                                         dropna=False, sort=False)
    by_tier = g.agg(accounts=("account_id", "size"), owners=("owner", "nunique"), unowned=("unowned", "sum")).reset_index()
    by_tier["hours_needed"] = by_tier["accounts"] * by_tier["hours_per_account"]
    by_tier = by_tier.sort_values(["tier_rank", "tier"], kind="stable").reset_index(drop=True)
    by_tier = by_tier[["tier", "tier_rank", "model", "channel", "hours_per_account", "accounts", "hours_needed",
                       "owners", "unowned"]]
    field = by_tier["channel"] != "call_centre"
    needed = float(by_tier.loc[field, "hours_needed"].sum())
    reps = int(pd.Series(a["owner"]).dropna().nunique())
    available = reps * float(rep_hours)
    reps_needed = math.ceil(needed / rep_hours - 1e-9) if rep_hours > 0 else None
    summary = {"accounts": int(len(a)), "hours_needed": needed,
               "call_centre_hours": float(by_tier.loc[~field, "hours_needed"].sum()), "reps": reps,
               "rep_hours": float(rep_hours), "hours_available": available, "gap": needed - available,
               "reps_needed": reps_needed, "rep_gap": None if reps_needed is None else reps_needed - reps,
               "utilisation": needed / available if available > 0 else None,
               "unowned_accounts": int(a["unowned"].sum())}
    return by_tier, summary


def owner_load(account_frame: pd.DataFrame, models: list[dict] | None = None, rep_hours: float = DEFAULT_REP_HOURS,
               tier_order: list[str] | None = None) -> pd.DataFrame:
    """Each rep's book: accounts per tier, the field hours their coverage needs, and the load.

    Returns
    -------
    pandas.DataFrame
        Columns: owner, accounts, then one column per tier of the frame (accounts of that tier,
        best tier first, named by the tier), hours_needed (field models only), load (hours_needed ÷
        rep_hours; 1.0 = a full year). Most loaded first. Accounts with no owner are left out
        (see :func:`unowned`).
    """
    a = assign(account_frame, models, tier_order)
    tier_cols = a.dropna(subset=["tier"]).sort_values("tier_rank", kind="stable")["tier"].unique().tolist()
    keep = _has_owner(account_frame).to_numpy()
    a = a[keep].assign(owner=account_frame["owner"].to_numpy()[keep] if keep.any() else [])
    counts = (pd.crosstab(a["owner"], a["tier"]).reindex(columns=tier_cols, fill_value=0)
              if len(a) else pd.DataFrame(columns=tier_cols))
    a["field_hours"] = np.where(a["channel"] == "call_centre", 0.0, a["hours_per_account"].fillna(0.0))
    g = a.groupby("owner").agg(accounts=("account_id", "size"), hours_needed=("field_hours", "sum"))
    out = g[["accounts"]].join(counts).join(g[["hours_needed"]])
    out["load"] = out["hours_needed"] / rep_hours if rep_hours > 0 else np.nan
    out = out.reset_index().rename(columns={"index": "owner"})
    return out.sort_values(["load", "owner"], ascending=[False, True], kind="stable").reset_index(drop=True)


def unowned(account_frame: pd.DataFrame) -> pd.DataFrame:
    """Accounts no rep owns. Columns: account_id, and name, tier, revenue where present."""
    cols = ["account_id"] + [c for c in ("name", "tier", "revenue") if c in account_frame]
    return account_frame.loc[~_has_owner(account_frame), cols].reset_index(drop=True)


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
        the year before grown by the target, met by the trailing 12 months.

    Returns
    -------
    pandas.DataFrame
        Columns: account_id, [name], tier, tier_rank, goal_type ("share_of_wallet" or "revenue"),
        revenue_12m, wallet_estimate, actual (share or revenue_12m), target, attainment
        (actual ÷ target; NaN when the target is not positive), revenue_gap (the revenue that
        would meet the target less revenue_12m, never below 0), needs_wallet (a top-tier account
        steered by revenue only because its wallet estimate is missing).
    """
    _require(account_frame, "account_id", "tier", "revenue_12m", "revenue_prior_12m")
    cols = ["account_id"] + [c for c in ("name",) if c in account_frame] + ["tier"]
    out = account_frame[cols].copy().reset_index(drop=True)
    out["tier_rank"] = tier_ranks(account_frame, tier_order).to_numpy()
    rev = account_frame["revenue_12m"].astype(float).fillna(0.0).to_numpy()
    prior = account_frame["revenue_prior_12m"].astype(float).fillna(0.0).to_numpy()
    if wallet is not None:
        w = out["account_id"].map(wallet.drop_duplicates("account_id").set_index("account_id")["wallet_estimate"])
    elif "wallet_estimate" in account_frame:
        w = account_frame["wallet_estimate"].reset_index(drop=True)
    else:
        w = pd.Series(np.nan, index=out.index)
    w = w.astype(float).where(w > 0).to_numpy()
    top = (out["tier_rank"].fillna(10**6) <= share_tiers).to_numpy()
    share = top & ~np.isnan(w)
    out["goal_type"] = np.where(share, "share_of_wallet", "revenue")
    out["revenue_12m"] = rev
    out["wallet_estimate"] = w
    out["actual"] = np.where(share, rev / np.where(share, w, 1.0), rev)
    target = np.where(share, share_target, np.maximum(prior * (1 + growth_target), 0.0))
    if targets is not None:
        if isinstance(targets, pd.DataFrame):
            targets = targets.set_index("account_id")["target"]
        given = out["account_id"].map(pd.Series(targets, dtype=float)).to_numpy(dtype=float)
        target = np.where(np.isnan(given), target, given)
    out["target"] = target
    out["attainment"] = np.where(target > 0, out["actual"] / np.where(target > 0, target, 1.0), np.nan)
    needed = np.where(share, target * np.nan_to_num(w), target)
    out["revenue_gap"] = np.maximum(needed - rev, 0.0)
    out["needs_wallet"] = top & np.isnan(w)
    return out


def models_from_table(frame: pd.DataFrame) -> list[dict]:
    """An edited coverage-model table (rows of tier_rank, model, hours_per_account; a ``tier``
    column, when present, names the row in messages) as the ``coverage_models`` setting.

    Raises ValueError naming the tier whose model is unknown or whose hours are missing,
    negative or more than a year (8,760 h).
    """
    out, problems = [], []
    for i, row in enumerate(frame.to_dict("records"), start=1):
        name = row.get("tier") if isinstance(row.get("tier"), str) else problem_row(i)
        model, hours, rank = row.get("model"), row.get("hours_per_account"), row.get("tier_rank")
        try:
            hours = float(hours)
        except (TypeError, ValueError):
            hours = np.nan
        if model not in MODELS:
            problems.append(Problem("problem.coverage.model", name=name,
                                    models=Listing(Words(k, zh) for k, (_en, zh, _channel) in MODELS.items())))
        if np.isnan(hours) or not 0 <= hours <= 8760:
            problems.append(Problem("problem.coverage.hours", name=name, value=row.get("hours_per_account")))
        if rank is None or pd.isna(rank):
            problems.append(Problem("problem.coverage.no_rank", name=name))
        if not problems:
            out.append({"tier_rank": int(rank), "model": model, "hours_per_account": hours})
    if problems:
        raise several(problems)
    if not out:
        raise Problem("problem.coverage.no_rows")
    return out
