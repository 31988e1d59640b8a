"""What the quarterly meeting compares and flags, as data: the pair of snapshots (A → B), the
key accounts, those at risk among them, and their open actions. :mod:`kamp.presentation`
builds the slides from these; the Review page reads the same pair.
"""
from __future__ import annotations

import json

import numpy as np
import pandas as pd

from kamp import coverage, frames, playbooks, review, store

CLOSED_ACTIONS = {"done", "dropped"}
ACTION_COLUMNS = ["account_id", "period", "action", "owner", "due", "status"]


def snapshot_pair(con, a_name: str | None = None, b_name: str | None = None,
                  as_of=None) -> tuple[str | None, str | None]:
    """The snapshots compared: B (default the latest taken as of ``as_of`` or before, any when
    None) and A (default the latest as of a day before B's: one of B's own date compares
    nothing); None where there is none."""
    snaps = review.snapshots(con)
    if b_name is None:
        upto = snaps["name"] if as_of is None else snaps.loc[pd.to_datetime(snaps["as_of"]) <= pd.Timestamp(as_of),
                                                             "name"]
        b_name = upto.iloc[-1] if len(upto) else None
    if a_name is None and b_name in set(snaps["name"]):
        b_day = pd.Timestamp(snaps.loc[snaps["name"] == b_name, "as_of"].iloc[0])
        earlier = snaps.loc[pd.to_datetime(snaps["as_of"]) < b_day, "name"]
        a_name = earlier.iloc[-1] if len(earlier) else None
    return a_name, b_name


def same_day(con, a_name: str | None, b_name: str | None):
    """The as-of date both snapshots share (a comparison of one day with itself), else None."""
    if not (a_name and b_name) or a_name == b_name:
        return None
    day = review.snapshot_info(con, a_name)["as_of"]
    return day if day == review.snapshot_info(con, b_name)["as_of"] else None


def one_day(con, as_of):
    """The as-of date every snapshot up to ``as_of`` shares, when there are two or more of them
    and all are of one day (no pair to compare, though not for want of snapshots), else None."""
    snaps = review.snapshots(con)
    days = pd.to_datetime(snaps["as_of"])
    days = days[days <= pd.Timestamp(as_of)] if as_of is not None else days
    return days.iloc[0].date() if len(days) >= 2 and days.nunique() == 1 else None


def taken_after(con, names, as_of) -> list[str]:
    """Those of the snapshot ``names`` (None skipped) taken as of a day after ``as_of``."""
    return [n for n in names if n and as_of is not None
            and pd.Timestamp(review.snapshot_info(con, n)["as_of"]) > pd.Timestamp(as_of)]


def key_mask(table: pd.DataFrame, key_ranks: int = review.KEY_RANKS) -> pd.Series:
    """True for the key accounts of an account table (tier rank ≤ ``key_ranks``, by the
    tier's name in either language)."""
    return (coverage.tier_ranks(table) <= key_ranks).fillna(False).astype(bool).set_axis(table.index)


def state_key(con) -> str:
    """Changes whenever a slide's input changes besides the account table: the data version,
    snapshots, saved worksheets, tier overrides and contacts (for a page's cache)."""
    row = con.execute("""SELECT (SELECT count(*) FROM snapshots), (SELECT max(taken_at) FROM snapshots),
                                (SELECT count(*) FROM playbook_versions), (SELECT max(saved_at) FROM playbook_versions),
                                (SELECT count(*) FROM tier_overrides), (SELECT max(saved_at) FROM tier_overrides),
                                (SELECT count(*) FROM contact_history), (SELECT max(saved_at) FROM contact_history),
                                (SELECT count(*) FROM contacts)""").fetchone()
    return "|".join(map(str, (store.data_version(con), *row)))


def open_actions(con, account_ids, period: str) -> pd.DataFrame:
    """The open actions (status not in :data:`CLOSED_ACTIONS`, text not blank) of worksheet 10
    (action plan) of ``account_ids``: each account's latest version for ``period``, or for
    the quarter before when it has none for ``period``. Columns: :data:`ACTION_COLUMNS` (due
    a date or None); undated last, then by due date and account."""
    period = playbooks.parse_period(period)
    # matched here: binding a hundred thousand ids as a parameter takes DuckDB seconds
    rows = frames.among(con.execute(
        """SELECT account_id, period, "values" FROM playbook_versions
           WHERE worksheet = 'action_plan' AND period IN (?, ?)
           QUALIFY row_number() OVER (PARTITION BY account_id ORDER BY period DESC, version DESC) = 1""",
        [period, playbooks.previous_period(period)]).fetchall(), account_ids)
    out = []
    for account_id, p, values in rows:
        for r in json.loads(values).get("actions") or []:
            if str(r.get("action") or "").strip() and r.get("status") not in CLOSED_ACTIONS:
                due = pd.Timestamp(r["due"]).date() if r.get("due") else None
                out.append({"account_id": account_id, "period": p, "action": str(r["action"]).strip(),
                            "owner": r.get("owner"), "due": due, "status": r.get("status")})
    df = pd.DataFrame(out, columns=ACTION_COLUMNS)
    if df.empty:
        return df
    df["_undated"] = df["due"].isna()
    df["_due"] = pd.to_datetime(df["due"])
    return df.sort_values(["_undated", "_due", "account_id"], kind="stable").drop(
        columns=["_undated", "_due"]).reset_index(drop=True)


def overdue_periods(con, period: str, b_name: str | None) -> list[str]:
    """The quarters whose plans' overdue milestones the slides count: this one and snapshot B's."""
    return sorted({period} | ({review.snapshot_info(con, b_name)["period"]} if b_name else set()))


def at_risk(con, table: pd.DataFrame, a_name: str | None, b_name: str | None, period: str, today) -> pd.DataFrame:
    """The at-risk key accounts (:mod:`kamp.presentation`, slide 4) of ``table`` (B's accounts, or the analysis
    date's). Columns: account_id, key (in the top tier of ``table``; False for one that turned
    dormant A → B and left it), inactive (status dormant / lost there), turned_dormant (A → B),
    overdue (milestones overdue), no_sponsor; one row per account with at least one of them, the
    top tier's in table order, then those that left it."""
    key = table.loc[key_mask(table), ["account_id", "status"]]
    turned = set()
    if a_name and b_name:
        turned = set(review.turned_dormant(review.snapshot_accounts(con, a_name),
                                           review.snapshot_accounts(con, b_name))["account_id"])
    # Column operations throughout: a large portfolio has hundreds of thousands of key accounts.
    turned_ids = pd.Series(sorted(turned), dtype=object)
    gone = turned_ids[~frames.isin(turned_ids, key["account_id"])].tolist()  # turned dormant, no longer key
    extra = table.loc[frames.isin(table["account_id"], gone), ["account_id", "status"]] if gone else key.iloc[:0]
    extra = extra.set_index("account_id")["status"].reindex(gone)
    out = pd.DataFrame({"account_id": pd.concat([key["account_id"], pd.Series(gone, dtype=key["account_id"].dtype)],
                                                ignore_index=True),
                        "key": np.repeat([True, False], [len(key), len(gone)]),
                        "inactive": np.concatenate([key["status"].isin(["dormant", "lost"]).to_numpy(),
                                                    extra.isin(["dormant", "lost"]).to_numpy()])})
    ids = out["account_id"]
    periods = overdue_periods(con, period, b_name)
    overdue = pd.concat([playbooks.overdue_milestones(con, ids, p, today) for p in sorted(periods)])
    overdue = overdue.drop_duplicates(["account_id", "milestone", "due"])["account_id"].value_counts()
    out["turned_dormant"] = frames.isin(ids, turned) if turned else False
    out["overdue"] = 0
    if len(overdue):
        has = frames.isin(ids, overdue.index)
        out.loc[has, "overdue"] = ids[has].map(overdue).astype(int).to_numpy()
    # often most key accounts; none flagged when no contact is on file at all (none imported)
    out["no_sponsor"] = frames.isin(ids, review.without_sponsor(con, ids)["account_id"]) if contacts_on_file(con) \
        else False
    keep = out["inactive"] | out["turned_dormant"] | (out["overdue"] > 0) | out["no_sponsor"]
    return out[keep].reset_index(drop=True)


def contacts_on_file(con) -> bool:
    """Whether any contact is on file (none imported: no account can be said to lack a sponsor)."""
    return store.first_row(con, "SELECT count(*) FROM current_contacts")[0] > 0


def gravest_first(risk: pd.DataFrame) -> np.ndarray:
    """The order of :func:`at_risk` rows (with revenue_12m) on the slide: turned dormant A → B,
    then overdue milestones, then dormant or lost, an account with more of them before one with
    fewer, no sponsor alone last; within, the largest revenue first."""
    weight = 4 * risk["turned_dormant"].astype(int) + 2 * (risk["overdue"] > 0).astype(int) \
        + risk["inactive"].astype(int)
    return np.lexsort((-risk["revenue_12m"].fillna(-np.inf).to_numpy(dtype=float), -weight.to_numpy()))
