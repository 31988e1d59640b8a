"""Defection and satisfaction (seed 001): the "black box" (黑匣子) of every account that left.

Seed 001 asks the manager to look for the black box of each lost key account instead of
shrugging: what did its last months look like? For the accounts lost or turned dormant
between two snapshots A → B (lost: not lost in A, lost in B or gone; dormant: active in A,
dormant in B) :func:`defection_signals` lines up their last signals, all as of B's as-of
date, the "year" being the 365 days up to it (as ``revenue_12m``):

- revenue_trend: net revenue of the four calendar quarters ending with B's quarter, oldest
  first (B's quarter up to its as-of date);
- return_share: returned value ÷ sales (positive lines) of the year;
- discount_share: discounts ÷ (sales + discounts), i.e. of the price before discount;
- complaints_12m: interactions of kind complaint in the year;
- last_survey_score (1–5) and last_survey_date: the latest survey with a score, any time;
- last_contact: the later of the last interaction and the contacts file's last contact;
  days_since_contact from it to B's as-of date;
- has_sponsor: a contact in the role sponsor (赞助人) today; contacts: how many are on file.

:func:`defection_contrast` puts the same signals, averaged, beside those of the accounts
that stayed active, so the meeting sees why accounts leave; :func:`satisfaction_by_tier` is
seed 001's five-point satisfaction survey (高度满意 … 极不满意) counted by tier.
"""
from __future__ import annotations

import pandas as pd

from kamp import playbooks, review
from kamp.portfolio import sql

SIGNAL_COLUMNS = ["return_share", "discount_share", "complaints_12m", "last_survey_score", "last_survey_date",
                  "last_contact", "days_since_contact", "has_sponsor", "contacts"]
SCORES = [1, 2, 3, 4, 5]


def trend_quarters(as_of, n: int = 4) -> list[str]:
    """The ``n`` calendar quarters ending with the quarter of ``as_of``, oldest first."""
    out = [playbooks.current_period(as_of)]
    while len(out) < n:
        out.insert(0, playbooks.previous_period(out[0]))
    return out


def signals(con, account_ids, as_of) -> pd.DataFrame:
    """The last signals of ``account_ids`` as of ``as_of`` (module docstring). Columns:
    account_id, revenue_trend (list of 4 floats, oldest quarter first), revenue_4q and
    :data:`SIGNAL_COLUMNS`; in the given order."""
    ids = list(dict.fromkeys(str(a) for a in account_ids))
    as_of = pd.Timestamp(as_of).normalize()
    end = as_of + pd.Timedelta(days=1)
    start = as_of - pd.Timedelta(days=364)
    df = con.execute(sql("review_signals"), {"ids": ids, "start": start.to_pydatetime(),
                                             "end": end.to_pydatetime()}).df()
    df = pd.DataFrame({"account_id": pd.Series(ids, dtype=object)}).merge(df, on="account_id", how="left")
    quarters = trend_quarters(as_of)
    first = pd.Timestamp(playbooks.period_bounds(quarters[0])[0])
    q = con.execute("""SELECT account_id, date_trunc('quarter', ts) AS quarter, sum(amount) AS revenue
                       FROM transactions WHERE ts >= ? AND ts < ? AND account_id IN (SELECT unnest(?::VARCHAR[]))
                       GROUP BY ALL""",
                    [first.to_pydatetime(), end.to_pydatetime(), ids]).df()
    starts = [pd.Timestamp(playbooks.period_bounds(p)[0]) for p in quarters]
    wide = (q.assign(quarter=pd.to_datetime(q["quarter"])).pivot_table(
        index="account_id", columns="quarter", values="revenue", aggfunc="sum")
        .reindex(index=ids, columns=starts).fillna(0.0))
    df["revenue_trend"] = [list(map(float, row)) for row in wide.to_numpy()]
    df["revenue_4q"] = wide.sum(axis=1).to_numpy()
    df["last_survey_score"] = df["last_survey_score"].astype("Int64")
    df["days_since_contact"] = (as_of - pd.to_datetime(df["last_contact"]).dt.normalize()).dt.days.astype("Int64")
    df["has_sponsor"] = df["has_sponsor"].fillna(False).astype(bool)
    df["complaints_12m"] = df["complaints_12m"].fillna(0).astype(int)
    df["contacts"] = df["contacts"].fillna(0).astype(int)
    df.attrs["quarters"] = quarters
    return df[["account_id", "revenue_trend", "revenue_4q"] + SIGNAL_COLUMNS]


def by_quarter(signals: pd.DataFrame, n: int) -> pd.DataFrame:
    """``signals`` with the ``n`` figures of each row's revenue_trend as columns q0 … q{n-1}
    (oldest first; missing where a trend is shorter): a table's or a file's columns."""
    if signals.empty:
        return signals.assign(**{f"q{i}": pd.Series(dtype=float) for i in range(n)})
    return signals.assign(**{f"q{i}": [r[i] if len(r) > i else None for r in signals["revenue_trend"]]
                             for i in range(n)})


def _changes(con, a_name: str, b_name: str, key_ranks: int | None):
    a, b = review.snapshot_accounts(con, a_name), review.snapshot_accounts(con, b_name)
    if key_ranks is not None:
        a = a[(a["tier_rank"] <= key_ranks).fillna(False)]
    m = a.merge(b[["account_id", "status", "revenue_12m"]], on="account_id", how="left", suffixes=("_from", "_to"))
    m["status_to"] = m["status_to"].fillna("lost")
    left = ((m["status_from"] != "lost") & (m["status_to"] == "lost")) | (
        (m["status_from"] == "active") & (m["status_to"] == "dormant"))
    stayed = (m["status_from"] == "active") & (m["status_to"] == "active")
    return m, left, stayed, review.snapshot_info(con, b_name)["as_of"]


def defection_signals(con, a_name: str, b_name: str, key_ranks: int | None = None) -> pd.DataFrame:
    """The black box of every account lost or turned dormant between snapshots A and B.

    Parameters
    ----------
    key_ranks : only accounts whose tier rank in A is ≤ this (1 = key accounts); None for all.

    Returns
    -------
    pandas.DataFrame
        account_id, name, tier (in A), change ("lost" or "dormant"), status_from, status_to,
        revenue_12m_from, revenue_12m_to, then the columns of :func:`signals`. Best tier first,
        then the largest revenue_12m_from. ``attrs["quarters"]`` names the trend's quarters.
    """
    m, left, _stayed, as_of = _changes(con, a_name, b_name, key_ranks)
    m = m[left].copy()
    m["change"] = m["status_to"].where(m["status_to"] == "dormant", "lost")
    m = m.sort_values(["tier_rank", "revenue_12m_from", "account_id"], ascending=[True, False, True],
                      na_position="last", kind="stable")
    s = signals(con, m["account_id"], as_of)
    out = m[["account_id", "name", "tier", "change", "status_from", "status_to", "revenue_12m_from",
             "revenue_12m_to"]].merge(s, on="account_id", how="left")
    out.attrs["quarters"] = trend_quarters(as_of)
    return out.reset_index(drop=True)


def defection_contrast(con, a_name: str, b_name: str, key_ranks: int | None = None) -> pd.DataFrame:
    """The signals of the accounts that left (as :func:`defection_signals`) beside those that
    stayed active in A and B. Rows (signal): accounts, return_share, discount_share,
    complaints_12m, last_survey_score, days_since_contact (means over the accounts with a
    value) and no_sponsor (share without a sponsor). Columns: signal, left, stayed."""
    m, left, stayed, as_of = _changes(con, a_name, b_name, key_ranks)
    s = signals(con, m.loc[left | stayed, "account_id"], as_of).set_index("account_id")
    rows = {}
    for label, ids in (("left", m.loc[left, "account_id"]), ("stayed", m.loc[stayed, "account_id"])):
        g = s.loc[list(ids)]
        rows[label] = {"accounts": float(len(g)),
                       **{c: float(pd.to_numeric(g[c], errors="coerce").astype(float).mean()) if len(g)
                          else float("nan")  # as floats: nullable integers without a value mean pd.NA
                          for c in ("return_share", "discount_share", "complaints_12m", "last_survey_score",
                                    "days_since_contact")},
                       "no_sponsor": float((~g["has_sponsor"]).mean()) if len(g) else float("nan")}
    return pd.DataFrame(rows).rename_axis("signal").reset_index()


def satisfaction_by_tier(con, name: str) -> pd.DataFrame:
    """The latest survey score (1–5) of each account on or before the snapshot's as-of date,
    counted by the account's tier in the snapshot.

    Returns
    -------
    pandas.DataFrame
        tier, tier_rank, score (1–5; every score of every tier, zeros included), accounts,
        share (of the tier's surveyed accounts), surveyed (accounts of the tier with a
        score), tier_accounts (accounts of the tier), mean_score. Best tier first.
    """
    info = review.snapshot_info(con, name)
    df = con.execute(
        """WITH latest AS (
               SELECT account_id, arg_max(score, ts) AS score FROM interactions
               WHERE kind = 'survey' AND score BETWEEN 1 AND 5 AND ts < ? GROUP BY account_id)
           SELECT a.tier, a.tier_rank, l.score FROM snapshot_accounts a LEFT JOIN latest l USING (account_id)
           WHERE a.snapshot = ?""",
        [pd.Timestamp(info["as_of"]) + pd.Timedelta(days=1), str(name)]).df()
    df["score"] = df["score"].astype(float)
    tiers = df.groupby("tier", dropna=False).agg(tier_rank=("tier_rank", "min"), tier_accounts=("tier", "size"),
                                                 surveyed=("score", "count"), mean_score=("score", "mean"))
    counts = df.dropna(subset=["score"]).groupby(["tier", "score"]).size()
    grid = pd.MultiIndex.from_product([tiers.index, SCORES], names=["tier", "score"])
    out = counts.reindex(grid, fill_value=0).rename("accounts").reset_index().merge(
        tiers.reset_index(), on="tier")
    out["share"] = out["accounts"] / out["surveyed"].where(out["surveyed"] > 0)
    out = out.sort_values(["tier_rank", "tier", "score"], kind="stable")
    return out[["tier", "tier_rank", "score", "accounts", "share", "surveyed", "tier_accounts",
                "mean_score"]].reset_index(drop=True)
