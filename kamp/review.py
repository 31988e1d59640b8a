"""Quarterly review (季度回顾): immutable snapshots of the portfolio and the comparison of two.

A snapshot freezes, as of a date, every account's tier, segment, status, r/f/m scores,
revenue, revenue_12m, margin, ABC class and plan target for the quarter, the portfolio's
concentration figures and the playbooks' milestone states. Snapshots are only ever inserted:
taking a name that exists raises ``ValueError``, and nothing here updates or deletes them.

Definitions used by the comparison of snapshot A (earlier) with B (later):

- an account's *state* in a snapshot is its tier, or ``"lost"`` when its status there is
  lost (or it is not in the snapshot at all); an account missing from A is ``"new"``.
  Accounts lost in both are no longer part of the portfolio and are left out.
- direction: ``lost`` (not lost in A, lost in B — a "new" account lost again counts as
  lost), ``new`` (in B only), ``won_back`` (lost in A, not in B), else ``up`` / ``down`` /
  ``same`` by tier rank (1 = best), the rank of the tier's name in its scheme
  (:func:`kamp.coverage.tier_ranks`: Major 1 … Mass-market 4), so that ranks agree across
  snapshots whatever number of tiers each had; the same tier name is always ``same``.
- key accounts: tier rank ≤ ``key_ranks`` (default 1, the top tier: Major / Platinum).
- target (per account, for the snapshot's quarter): the sum of the quarter's rows of the
  latest saved worksheet 5 (revenue targets) of the newest period of that year up to the
  snapshot's quarter (``target_source = "plan"``); else the draft the plan page prefills
  (:mod:`kamp.playbook_prefill`), computed on the data before the quarter began: net revenue
  of the 365 days before the quarter's first day over the product lines with positive
  revenue × (1 + trend) ÷ 4 (``"draft"``); none when the account had no such revenue.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Iterable

import numpy as np
import pandas as pd

from kamp import analysis, concentration, coverage, features, frames, playbook_prefill, playbooks, store
from kamp.portfolio import sql
from kamp.problems import Problem

KEY_RANKS = 1
ACCOUNT_COLUMNS = ["account_id", "name", "owner", "tier", "tier_rank", "segment", "status", "r_score", "f_score",
                   "m_score", "revenue", "revenue_12m", "margin", "abc_class", "target", "target_source"]
MILESTONE_COLUMNS = ["account_id", "milestone", "due", "owner", "done", "status"]
CONCENTRATION_KEYS = ["accounts", "total", "top20_share", "accounts_for_80pct", "gini", "hhi", "effective_accounts"]
DIRECTIONS = ["lost", "down", "up", "new", "won_back", "same"]  # the order the meeting reads them in


# ---------------------------------------------------------------- snapshots

def quarter_name(as_of) -> str:
    """The default snapshot name of an as-of date: its calendar quarter, e.g. ``"2026Q3"``."""
    return playbooks.current_period(as_of)


def _plan_targets(con, period: str) -> dict[str, float]:
    """account_id → the quarter's target from the latest worksheet 5 of the newest period of
    the year up to ``period`` that has rows for this quarter."""
    rows = con.execute(
        """SELECT account_id, period, "values" FROM playbook_versions
           WHERE worksheet = 'revenue_targets' AND period LIKE ? AND period <= ?
           QUALIFY row_number() OVER (PARTITION BY account_id, period ORDER BY version DESC) = 1
           ORDER BY account_id, period DESC""", [period[:4] + "Q_", period]).fetchall()
    quarter, out = period[4:], {}
    for account_id, _period, values in rows:
        if account_id in out:
            continue
        mine = [r.get("target") for r in json.loads(values).get("targets") or [] if r.get("quarter") == quarter]
        mine = [float(t) for t in mine if t is not None]
        if mine:
            out[account_id] = round(sum(mine), 2)
    return out


def _draft_targets(con, period: str) -> pd.DataFrame:
    """The prefill's quarter target computed before ``period`` began. Columns: account_id, target."""
    start = pd.Timestamp(playbooks.period_bounds(period)[0])
    return con.execute(sql("review_draft_targets"), {
        "start": start.to_pydatetime(), "y1": (start - pd.Timedelta(days=365)).to_pydatetime(),
        "y2": (start - pd.Timedelta(days=730)).to_pydatetime(),
        "lo": playbook_prefill.TREND_LIMITS[0], "hi": playbook_prefill.TREND_LIMITS[1]}).df()


def _milestones(con, period: str, as_of) -> pd.DataFrame:
    """Worksheet 8's milestones of every account for ``period`` with their status at ``as_of``."""
    rows = con.execute(
        """SELECT account_id, "values" FROM playbook_versions WHERE period = ? AND worksheet = 'short_term_metrics'
           QUALIFY row_number() OVER (PARTITION BY account_id ORDER BY version DESC) = 1""", [period]).fetchall()
    out = [{"account_id": a, "milestone": r.get("milestone"),
            "due": pd.Timestamp(r["due"]).date() if r.get("due") else None,
            "owner": r.get("owner"), "done": bool(r.get("done")), "status": r["status"]}
           for a, values in rows for r in playbooks.milestone_status(json.loads(values).get("milestones"), as_of)]
    return pd.DataFrame(out, columns=MILESTONE_COLUMNS)


def _exists(con, name: str):
    return store.first_row(con, "SELECT taken_at FROM snapshots WHERE name = ?", [name])


def take_snapshot(con, name: str | None = None, as_of=None, author: str | None = None) -> str:
    """Freeze the portfolio as of ``as_of`` (default: the last transaction date) under ``name``
    (default: the quarter of ``as_of``) and return the name.

    Stores one ``snapshots`` row (period, as_of, taken_at, author, accounts, tier_order,
    concentration of revenue and revenue_12m, data_version, segment_names), one ``snapshot_accounts`` row per
    account (:data:`ACCOUNT_COLUMNS`, tier names in English) and the milestones of worksheet 8
    for the quarter (:data:`MILESTONE_COLUMNS`). All or nothing.

    Raises
    ------
    ValueError
        When a snapshot of that name exists (snapshots never change) or no account has lines
        on or before ``as_of``.
    """
    as_of = pd.Timestamp(as_of).date() if as_of is not None else features.default_as_of(con)
    if as_of is None:
        raise Problem("problem.snapshot.no_data")
    name = str(name).strip() if name is not None else quarter_name(as_of)
    if not name:
        raise Problem("problem.snapshot.no_name")
    if (taken := _exists(con, name)) is not None:
        raise Problem("problem.snapshot.taken", name=name, taken=f"{taken[0]:%Y-%m-%d %H:%M}")
    df, meta = analysis.account_table(con, as_of, "en")
    if df.empty:
        raise Problem("problem.snapshot.no_accounts", as_of=as_of)
    period = quarter_name(as_of)
    order = list(meta.get("tier_order") or [])
    df["tier_rank"] = coverage.tier_ranks(df).to_numpy()  # by name, so ranks agree across snapshots
    draft = _draft_targets(con, period).set_index("account_id")["target"]
    plan = pd.Series(_plan_targets(con, period), dtype=float)
    df["target"] = df["account_id"].map(plan).fillna(df["account_id"].map(draft)).astype(float)
    df["target_source"] = np.where(df["account_id"].isin(plan.index), "plan",
                                   np.where(df["target"].notna(), "draft", None))
    accounts = df[ACCOUNT_COLUMNS]
    segment_names = {x["segment"]: x.get("name_zh") or x["segment"] for x in meta["rules"]["rfm_segments"]}
    milestones = _milestones(con, period, as_of)
    conc = {basis: concentration.summary(df[basis]) for basis in ("revenue", "revenue_12m")}
    con.register("_kamp_snapshot_accounts", accounts)
    con.register("_kamp_snapshot_milestones", milestones)
    try:
        con.begin()
        con.execute("""INSERT INTO snapshots (name, period, as_of, taken_at, author, accounts, tier_order,
                                              concentration, data_version, segment_names)
                       VALUES (?, ?, ?, current_timestamp, ?, ?, ?, ?, ?, ?)""",
                    [name, period, as_of, author, len(accounts), json.dumps(order), json.dumps(conc),
                     store.data_version(con), json.dumps(segment_names, ensure_ascii=False)])
        con.execute("INSERT INTO snapshot_accounts BY NAME SELECT ? AS snapshot, * FROM _kamp_snapshot_accounts",
                    [name])
        con.execute("INSERT INTO snapshot_milestones BY NAME SELECT ? AS snapshot, * FROM _kamp_snapshot_milestones",
                    [name])
        con.commit()
    except Exception as exc:
        con.rollback()
        if _exists(con, name) is not None:  # taken by another session in the meantime
            raise Problem("problem.snapshot.exists", name=name) from exc
        raise
    finally:
        con.unregister("_kamp_snapshot_accounts")
        con.unregister("_kamp_snapshot_milestones")
    return name


def last_quarters(con, n: int = 4) -> list[str]:
    """The ``n`` calendar quarters ending with the quarter of the last transaction, oldest first."""
    last = con.execute("SELECT max(ts) FROM transactions").fetchone()[0]
    if last is None:
        return []
    out = [quarter_name(last)]
    while len(out) < n:
        out.insert(0, playbooks.previous_period(out[0]))
    return out


def snapshot_quarters(con, quarters: int | Iterable[str] = 4, author: str | None = None) -> list[str]:
    """Snapshot each quarter (``"2026Q3"`` …, or the last ``n`` quarters of the data for an int)
    as of its last day, under its own name; quarters already snapshotted are left as they are.
    Returns the names taken."""
    quarters = (last_quarters(con, quarters) if isinstance(quarters, int)
                else [playbooks.parse_period(q) for q in quarters])
    taken = []
    for q in quarters:
        if _exists(con, q) is None:
            taken.append(take_snapshot(con, q, playbooks.period_bounds(q)[1], author))
    return taken


def snapshots(con) -> pd.DataFrame:
    """Every snapshot, oldest as-of first. Columns: name, period, as_of, taken_at, author,
    accounts, data_version."""
    return con.execute("""SELECT name, period, as_of, taken_at, author, accounts, data_version FROM snapshots
                          ORDER BY as_of, taken_at, name""").df()


def snapshot_info(con, name: str) -> dict:
    """One snapshot's row as a dict (tier_order a list, concentration a dict by basis,
    segment_names a dict English → Chinese: empty for a snapshot taken before they were kept)."""
    row = con.execute("SELECT * FROM snapshots WHERE name = ?", [str(name)]).df()
    if row.empty:
        raise KeyError(f"no snapshot named {name!r}")
    out = row.iloc[0].to_dict()
    out["as_of"] = pd.Timestamp(out["as_of"]).date()
    out["tier_order"] = json.loads(out["tier_order"] or "[]")
    out["concentration"] = json.loads(out["concentration"] or "{}")
    out["segment_names"] = json.loads(out.get("segment_names") or "{}")
    return out


def snapshot_accounts(con, name: str) -> pd.DataFrame:
    """The frozen accounts of snapshot ``name``: :data:`ACCOUNT_COLUMNS`, best tier first, then
    by revenue_12m. Raises KeyError for an unknown name."""
    snapshot_info(con, name)
    cols = ", ".join(ACCOUNT_COLUMNS)
    return con.execute(f"""SELECT {cols} FROM snapshot_accounts WHERE snapshot = ?
                           ORDER BY tier_rank NULLS LAST, revenue_12m DESC NULLS LAST, account_id""",
                       [str(name)]).df()


# ---------------------------------------------------------------- comparison

def _require(frame: pd.DataFrame, *cols: str) -> None:
    missing = [c for c in cols if c not in frame]
    if missing:
        raise ValueError(f"a snapshot frame needs the column(s) {', '.join(missing)}")


def _ranks(frame: pd.DataFrame) -> pd.Series:
    if "tier_rank" in frame and frame["tier_rank"].notna().all():
        return frame["tier_rank"].astype("Int64")
    return coverage.tier_ranks(frame)


def movers(a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
    """Every account of snapshot frames ``a`` → ``b`` (each: account_id, tier, status, and
    optionally name, tier_rank, segment, revenue_12m, r_score) with its move.

    Returns
    -------
    pandas.DataFrame
        account_id, name, tier_from, tier_to (a tier, ``"new"`` or ``"lost"``; see the module
        docstring), rank_from, rank_to (the tier ranks; NA for new/lost), direction (one of
        :data:`DIRECTIONS`), segment_from, segment_to, status_from, status_to,
        revenue_12m_from, revenue_12m_to, r_score_from, r_score_to (the recency score 1–5, which
        can move a tier when revenue does not). Ordered by :data:`DIRECTIONS`, then revenue_12m
        (A's for lost accounts, B's for the others), largest first.
    """
    cols = ["account_id", "name", "tier", "status", "segment", "revenue_12m", "r_score"]
    for f in (a, b):
        _require(f, "account_id", "tier", "status")

    def side(f):
        f = f.copy()
        for c in cols:
            if c not in f:
                f[c] = None
        f["rank"] = _ranks(f).to_numpy()
        return f[cols + ["rank"]]

    m = side(a).merge(side(b), on="account_id", how="outer", suffixes=("_from", "_to"), indicator=True)
    in_a, in_b = m["_merge"] != "right_only", m["_merge"] != "left_only"
    lost_a = in_a & (m["status_from"] == "lost")
    lost_b = ~in_b | (m["status_to"] == "lost")
    m = m[~(lost_a & lost_b)].copy()
    in_a, in_b, lost_a, lost_b = in_a[m.index], in_b[m.index], lost_a[m.index], lost_b[m.index]
    m["tier_from"] = np.where(~in_a, "new", np.where(lost_a, "lost", m["tier_from"]))
    m["tier_to"] = np.where(lost_b, "lost", m["tier_to"])
    r_from, r_to = m["rank_from"].astype("Float64"), m["rank_to"].astype("Float64")
    m["direction"] = np.select(
        [lost_b, ~in_a, lost_a, m["tier_from"] == m["tier_to"], (r_to < r_from).fillna(False),
         (r_to > r_from).fillna(False)],
        ["lost", "new", "won_back", "same", "up", "down"], "same")
    m["rank_from"] = m["rank_from"].where(in_a & ~lost_a).astype("Int64")
    m["rank_to"] = m["rank_to"].where(~lost_b).astype("Int64")
    m["name"] = m["name_to"].where(m["name_to"].notna(), m["name_from"])
    m["_o"] = m["direction"].map({d: i for i, d in enumerate(DIRECTIONS)})
    # lost accounts by what they brought in A, the others by what they bring in B
    m["_v"] = m["revenue_12m_to"].where(m["direction"] != "lost", m["revenue_12m_from"]).astype(float)
    m = m.sort_values(["_o", "_v", "account_id"], ascending=[True, False, True], kind="stable")
    return m[["account_id", "name", "tier_from", "tier_to", "rank_from", "rank_to", "direction", "segment_from",
              "segment_to", "status_from", "status_to", "revenue_12m_from", "revenue_12m_to", "r_score_from",
              "r_score_to"]].reset_index(drop=True)


def migration(a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
    """Tier migration A → B (the Sankey's links): :func:`movers` counted by state.

    Returns columns tier_from, tier_to, accounts, revenue_12m_from, revenue_12m_to (sums;
    0 where the side has none). Rows: from the best tier down, then ``lost`` (won back), then
    ``new``; within, to the best tier first and ``lost`` last."""
    m = movers(a, b)
    out = m.groupby(["tier_from", "tier_to"], as_index=False, sort=False).agg(
        accounts=("account_id", "size"), revenue_12m_from=("revenue_12m_from", "sum"),
        revenue_12m_to=("revenue_12m_to", "sum"), rank_from=("rank_from", "min"), rank_to=("rank_to", "min"))
    big = 10 ** 6
    out["_f"] = out["rank_from"].astype("Float64").fillna(
        out["tier_from"].map({"lost": big, "new": big + 1})).astype(float)
    out["_t"] = out["rank_to"].astype("Float64").fillna(big).astype(float)
    out = out.sort_values(["_f", "_t", "tier_from", "tier_to"], kind="stable")
    return out[["tier_from", "tier_to", "accounts", "revenue_12m_from", "revenue_12m_to"]].reset_index(drop=True)


def segment_moves(a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
    """RFM segment moves A → B of the accounts in both. Columns: segment_from, segment_to,
    accounts; the largest flows first."""
    m = a[["account_id", "segment"]].merge(b[["account_id", "segment"]], on="account_id", suffixes=("_from", "_to"))
    out = m.groupby(["segment_from", "segment_to"], as_index=False, dropna=False).size()
    out = out.rename(columns={"size": "accounts"})
    return out.sort_values(["accounts", "segment_from", "segment_to"], ascending=[False, True, True],
                           kind="stable").reset_index(drop=True)


def turned_dormant(a: pd.DataFrame, b: pd.DataFrame, key_ranks: int = KEY_RANKS) -> pd.DataFrame:
    """Key accounts (tier rank ≤ ``key_ranks`` in A) active in A and dormant or lost in B (or
    gone from it). Columns: account_id, name, tier, status_from, status_to, revenue_12m_from,
    revenue_12m_to; the largest revenue_12m_from first."""
    _require(a, "account_id", "tier", "status", "revenue_12m")
    _require(b, "account_id", "status", "revenue_12m")
    key = a[(_ranks(a) <= key_ranks).fillna(False).to_numpy() & (a["status"] == "active").to_numpy()]
    cols = ["account_id", "status", "revenue_12m"]
    m = key[["account_id"] + [c for c in ("name", "tier") if c in key] + ["status", "revenue_12m"]].merge(
        b[cols], on="account_id", how="left", suffixes=("_from", "_to"))
    m["status_to"] = m["status_to"].fillna("lost")
    m = m[m["status_to"].isin(["dormant", "lost"])]
    for c in ("name", "tier"):
        if c not in m:
            m[c] = None
    return m.sort_values(["revenue_12m_from", "account_id"], ascending=[False, True], kind="stable")[
        ["account_id", "name", "tier", "status_from", "status_to", "revenue_12m_from", "revenue_12m_to"]
    ].reset_index(drop=True)


def concentration_trend(con, basis: str = "revenue_12m") -> pd.DataFrame:
    """The frozen concentration figures of every snapshot in as-of order. ``basis`` is
    revenue_12m (trailing year, default) or revenue (everything up to as_of). Columns: name,
    period, as_of, and :data:`CONCENTRATION_KEYS`."""
    rows = con.execute("SELECT name, period, as_of, concentration FROM snapshots "
                       "ORDER BY as_of, taken_at, name").fetchall()
    out = [{"name": n, "period": p, "as_of": a, **{k: json.loads(c).get(basis, {}).get(k) for k in CONCENTRATION_KEYS}}
           for n, p, a, c in rows]
    return pd.DataFrame(out, columns=["name", "period", "as_of"] + CONCENTRATION_KEYS)


def _quarter_revenue(con, period: str, as_of) -> pd.Series:
    start, end = playbooks.period_bounds(period)
    end = min(end, pd.Timestamp(as_of).date()) + dt.timedelta(days=1)
    return con.execute("""SELECT account_id, sum(amount) AS actual FROM transactions WHERE ts >= ? AND ts < ?
                          GROUP BY account_id""", [start, end]).df().set_index("account_id")["actual"]


def plan_vs_actual(con, a_name: str, b_name: str, key_ranks: int = KEY_RANKS) -> pd.DataFrame:
    """Target against actual net revenue in B's quarter for the key accounts of A or B (tier
    rank ≤ ``key_ranks`` in either).

    Returns
    -------
    pandas.DataFrame
        account_id, name, tier_from, tier_to (the tiers in A and B), target (frozen in B),
        target_source (plan / draft / None), actual (net revenue from B's quarter start to
        B's as_of), actual_prev (the same for A's quarter), gap (target − actual; positive =
        short), attainment (actual ÷ target; NaN unless the target is positive). Largest
        target first.
    """
    ia, ib = snapshot_info(con, a_name), snapshot_info(con, b_name)
    a, b = snapshot_accounts(con, a_name), snapshot_accounts(con, b_name)
    ids = set(a.loc[(a["tier_rank"] <= key_ranks).fillna(False), "account_id"]) | set(
        b.loc[(b["tier_rank"] <= key_ranks).fillna(False), "account_id"])
    out = pd.DataFrame({"account_id": sorted(ids)})
    out = out.merge(a[["account_id", "name", "tier"]].rename(columns={"tier": "tier_from"}), on="account_id",
                    how="left")
    out = out.merge(b[["account_id", "name", "tier", "target", "target_source"]].rename(columns={"tier": "tier_to"}),
                    on="account_id", how="left", suffixes=("_a", ""))
    out["name"] = out["name"].where(out["name"].notna(), out.pop("name_a"))
    for col, info in (("actual", ib), ("actual_prev", ia)):
        out[col] = out["account_id"].map(_quarter_revenue(con, info["period"], info["as_of"])).fillna(0.0).astype(float)
    out["gap"] = out["target"] - out["actual"]
    out["attainment"] = out["actual"] / out["target"].where(out["target"] > 0)
    return out.sort_values(["target", "account_id"], ascending=[False, True], na_position="last",
                           kind="stable").reset_index(drop=True)[
        ["account_id", "name", "tier_from", "tier_to", "target", "target_source", "actual", "actual_prev", "gap",
         "attainment"]]


def overdue_milestones(con, name: str) -> pd.DataFrame:
    """The milestones overdue at the snapshot's as-of date. Columns: account_id, name, tier,
    milestone, due, owner, days_overdue; the longest overdue first."""
    info = snapshot_info(con, name)
    df = con.execute(
        """SELECT m.account_id, a.name, a.tier, m.milestone, m.due, m.owner, ? - m.due AS days_overdue
           FROM snapshot_milestones m
           LEFT JOIN snapshot_accounts a ON a.snapshot = m.snapshot AND a.account_id = m.account_id
           WHERE m.snapshot = ? AND m.status = 'overdue'
           ORDER BY days_overdue DESC, m.account_id, m.milestone""", [info["as_of"], str(name)]).df()
    return df


def without_sponsor(con, account_ids) -> pd.DataFrame:
    """Which of ``account_ids`` have no contact in the role sponsor (赞助人) today (contacts
    are not snapshotted). Columns: account_id, contacts (how many are on file); given order."""
    ids = frames.text(account_ids)
    # every account's contacts, matched to the ids here: binding a hundred thousand ids as a
    # query parameter takes DuckDB seconds
    df = con.execute("""SELECT account_id, count(*) AS contacts, bool_or(role = 'sponsor') AS has_sponsor
                        FROM current_contacts GROUP BY account_id""").df()
    out = pd.DataFrame({"account_id": ids[~frames.isin(ids, df.loc[df["has_sponsor"].fillna(False).astype(bool),
                                                                    "account_id"])].reset_index(drop=True)})
    counts = df.set_index("account_id")["contacts"]
    on_file = frames.isin(out["account_id"], counts.index)
    out["contacts"] = 0
    out.loc[on_file, "contacts"] = out["account_id"][on_file].map(counts).astype(int).to_numpy()
    return out
