"""Coverage models per tier (seed 003, 客户覆盖方式); the goals per tier are :mod:`kamp.goals`.

Seed 003: the higher the tier, the more selling resource. Major accounts (重要客户) get 1:1 —
one salesperson dedicated to one account, a team for a strategic one; Named accounts
(次重要客户) 1:few — one salesperson for a few accounts; Non-named (一般客户) 1:many; Mass-market
(不重要客户) a call centre (电话销售). So by default a 1:1 account takes a rep's whole selling
year, a 1:few account a fifth of it (five per rep), a 1:many account a thirtieth; call-centre
hours are telesales time, counted apart from the reps' field capacity. The models are data
(setting ``coverage_models``), keyed by tier rank: 1 = the best tier of the scheme.
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
    name = tiers.current_name(name)
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
    codes, found = pd.factorize(t)  # each distinct name ranked once, not each of a million rows
    names = list(found)
    if tier_order is not None:
        pos = {name: i for i, name in enumerate(tier_order, start=1)}
        rank = {n: pos.get(n) for n in names}
    else:
        rank = {n: _scheme_rank(n) for n in names}
        unknown = [n for n in names if isinstance(n, str) and rank[n] is None]
        if unknown:
            if "revenue" in frame:
                mean = frame[t.isin(unknown)].groupby("tier")["revenue"].mean()
                unknown = sorted(unknown, key=lambda n: (-mean.get(n, -np.inf), n))
            start = max([r for r in rank.values() if r is not None], default=0)
            rank.update({n: start + i for i, n in enumerate(unknown, start=1)})
    per_name = np.array([np.nan if rank[n] is None else rank[n] for n in names] + [np.nan], dtype=float)
    value = per_name[codes]  # code -1 (no tier) takes the last: NaN
    missing = np.isnan(value)
    return pd.Series(pd.arrays.IntegerArray(np.where(missing, 0, value).astype("int64"), missing), index=frame.index,
                     name="tier")


def tiers_in_order(account_frame: pd.DataFrame, first: tuple = ()) -> list:
    """The tiers named in ``first`` (the scheme's, best first), then any other tier of the frame
    (a name given in an override, say), sorted."""
    return [*first, *sorted(set(pd.Series(account_frame["tier"].unique()).dropna()) - set(first))]


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
    require_columns(account_frame, "account_id", "tier")
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


def require_columns(frame: pd.DataFrame, *cols: str) -> None:
    """A ValueError naming the columns of ``cols`` that ``frame`` lacks."""
    missing = [c for c in cols if c not in frame]
    if missing:
        raise ValueError(f"the account frame lacks column(s) {', '.join(missing)}")


def _has_owner(frame: pd.DataFrame) -> pd.Series:
    if "owner" not in frame:
        return pd.Series(False, index=frame.index)
    code, owners = pd.factorize(frame["owner"])  # each distinct name looked at once
    named = np.append(owners.astype(str).str.strip().to_numpy() != "", False)  # the last: no owner (-1)
    return pd.Series(named[code], index=frame.index)


def books(account_frame: pd.DataFrame) -> pd.DataFrame:
    """Accounts per tier and owner: all that :func:`capacity` and :func:`owner_load` need of a
    million accounts, in as many rows as there are tier and rep pairs.

    Returns
    -------
    pandas.DataFrame
        Columns: tier (missing for accounts without one), owner (missing where no rep owns the
        account: no owner, or a blank one), accounts, and where the frame has revenue,
        revenue_sum and revenue_count (accounts with a known revenue: what ranks tiers of no
        bundled scheme). Tiers in order of first appearance (no tier last), each tier's owners
        likewise.
    """
    require_columns(account_frame, "account_id", "tier")
    tier, tiers_found = pd.factorize(account_frame["tier"])
    tier = np.where(tier < 0, len(tiers_found), tier)  # no tier: after every tier
    if "owner" in account_frame:
        owner, owners = pd.factorize(account_frame["owner"])
        blank = np.append(owners.astype(str).str.strip().to_numpy() == "", True)  # code -1 (none) is blank too
        owner = np.where(blank[owner], len(owners), owner)
    else:
        owner, owners = np.zeros(len(account_frame), dtype="int64"), pd.Index([])
    width = len(owners) + 1
    pair = tier * width + owner
    size = (len(tiers_found) + 1) * width
    if size <= 4 * len(pair) + 1024:  # count straight into a slot per possible pair
        keys = pick = np.flatnonzero(np.bincount(pair, minlength=size))
    else:  # a rep per account or so: only the pairs that occur
        keys, pair = np.unique(pair, return_inverse=True)
        size, pick = len(keys), slice(None)

    def total(weights=None):
        return np.bincount(pair, weights=weights, minlength=size)[pick]

    out = pd.DataFrame({"tier": np.append(np.asarray(tiers_found, dtype=object), None)[keys // width],
                        "owner": np.append(np.asarray(owners, dtype=object), None)[keys % width],
                        "accounts": total().astype("int64")})
    if "revenue" in account_frame:
        revenue = account_frame["revenue"].to_numpy(dtype=float, na_value=np.nan)
        known = ~np.isnan(revenue)
        out["revenue_sum"] = total(np.where(known, revenue, 0.0))
        out["revenue_count"] = total(known).astype("int64")
    return out


def _tier_models(book: pd.DataFrame, models: list[dict] | None, tier_order: list[str] | None) -> pd.DataFrame:
    """One row per tier of :func:`books`, in order of appearance: :func:`assign`'s columns but
    account_id, with accounts, owners (distinct reps) and unowned (accounts no rep owns)."""
    has = book[book["tier"].notna()]
    g = has.groupby("tier", sort=False)
    per = pd.DataFrame({"accounts": g["accounts"].sum(), "owners": g["owner"].nunique(),
                        "unowned": has["accounts"].where(has["owner"].isna(), 0).groupby(has["tier"], sort=False).sum()})
    tiers_ = pd.DataFrame({"account_id": per.index.to_numpy(), "tier": per.index.to_numpy()})
    if "revenue_sum" in book:  # a tier's mean revenue: what ranks the tiers of no bundled scheme
        count = g["revenue_count"].sum()
        tiers_["revenue"] = (g["revenue_sum"].sum() / count.where(count > 0)).to_numpy()
    a = assign(tiers_, models, tier_order).drop(columns="account_id")
    return a.assign(**{c: per[c].to_numpy() for c in per.columns})


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
    return capacity_of_books(books(account_frame), models, rep_hours, tier_order)


def capacity_of_books(book: pd.DataFrame, models: list[dict] | None = None, rep_hours: float = DEFAULT_REP_HOURS,
                      tier_order: list[str] | None = None) -> tuple[pd.DataFrame, dict]:
    """:func:`capacity` from the accounts per tier and owner (:func:`books`)."""
    by_tier = _tier_models(book, models, tier_order)
    by_tier["hours_needed"] = by_tier["accounts"] * by_tier["hours_per_account"]
    by_tier = by_tier.sort_values(["tier_rank", "tier"], kind="stable").reset_index(drop=True)
    by_tier = by_tier[["tier", "tier_rank", "model", "channel", "hours_per_account", "accounts", "hours_needed",
                       "owners", "unowned"]]
    field = by_tier["channel"] != "call_centre"
    needed = float(by_tier.loc[field, "hours_needed"].sum())
    reps = int(book["owner"].dropna().nunique())
    available = reps * float(rep_hours)
    reps_needed = math.ceil(needed / rep_hours - 1e-9) if rep_hours > 0 else None
    summary = {"accounts": int(book["accounts"].sum()), "hours_needed": needed,
               "call_centre_hours": float(by_tier.loc[~field, "hours_needed"].sum()), "reps": reps,
               "rep_hours": float(rep_hours), "hours_available": available, "gap": needed - available,
               "reps_needed": reps_needed, "rep_gap": None if reps_needed is None else reps_needed - reps,
               "utilisation": needed / available if available > 0 else None,
               "unowned_accounts": int(book.loc[book["owner"].isna(), "accounts"].sum())}
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
    return owner_load_of_books(books(account_frame), models, rep_hours, tier_order)


def owner_load_of_books(book: pd.DataFrame, models: list[dict] | None = None, rep_hours: float = DEFAULT_REP_HOURS,
                        tier_order: list[str] | None = None) -> pd.DataFrame:
    """:func:`owner_load` from the accounts per tier and owner (:func:`books`)."""
    per = _tier_models(book, models, tier_order)
    tier_cols = per.sort_values("tier_rank", kind="stable")["tier"].tolist()
    field = pd.Series(np.where(per["channel"] == "call_centre", 0.0, per["hours_per_account"].fillna(0.0)),
                      index=per["tier"].to_numpy())
    a = book[book["owner"].notna()]
    a = a.assign(field_hours=a["tier"].map(field).fillna(0.0).to_numpy() * a["accounts"].to_numpy())
    tiered = a[a["tier"].notna()]
    counts = (pd.crosstab(tiered["owner"], tiered["tier"], values=tiered["accounts"], aggfunc="sum")
              .fillna(0).astype("int64").reindex(columns=tier_cols, fill_value=0)
              if len(tiered) else pd.DataFrame(columns=tier_cols))
    g = a.groupby("owner").agg(accounts=("accounts", "sum"), hours_needed=("field_hours", "sum"))
    out = g[["accounts"]].join(counts).join(g[["hours_needed"]])
    out["load"] = out["hours_needed"] / rep_hours if rep_hours > 0 else np.nan
    out = out.reset_index().rename(columns={"index": "owner"})
    return out.sort_values(["load", "owner"], ascending=[False, True], kind="stable").reset_index(drop=True)


def unowned(account_frame: pd.DataFrame) -> pd.DataFrame:
    """Accounts no rep owns. Columns: account_id, and name, tier, revenue where present."""
    cols = ["account_id"] + [c for c in ("name", "tier", "revenue") if c in account_frame]
    return account_frame.loc[~_has_owner(account_frame), cols].reset_index(drop=True)


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
