"""Profitability and receivables (seed 004: many receivables, tight cash, "big orders are not big
customers", discounts eating margin).

How the transaction columns relate: ``amount`` is the line's net value after its discount (the
importer derives a missing amount as quantity × unit price − discount), ``discount`` is a money
amount, ``cost`` the line's cost. A return is a negative amount credited at the net price paid,
with a negative cost (the goods come back). Hence, per account or for the portfolio::

    gross revenue (before discounts) = positive lines + discounts
    net revenue = gross revenue − discounts − returns
    gross margin = net revenue − cost          (of the lines with a cost)

Cost is never guessed: the revenue of the lines with no cost is set aside before it
(:func:`waterfall`); ``cost_coverage`` says which share of the lines carry a cost.

Receivables come from the ``payments`` table (one row per invoice); the definitions are in
:func:`receivables`.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kamp import store
from kamp.portfolio import sql

STEPS = ["gross_revenue", "discounts", "returns", "net_revenue", "uncosted", "cost", "margin"]
STEP_LABELS = {  # step -> (en, zh)
    "gross_revenue": ("Gross revenue (before discounts)", "折前收入"),
    "discounts": ("Discounts", "折扣"),
    "returns": ("Returns", "退货"),
    "net_revenue": ("Net revenue", "净收入"),
    "uncosted": ("Revenue with no cost known", "无成本数据的收入"),
    "cost": ("Cost", "成本"),
    "margin": ("Gross margin", "毛利"),
}
PROFIT_COLUMNS = ["account_id", "gross_revenue", "discounts", "returns", "net_revenue", "net_uncosted", "cost",
                  "margin", "margin_pct", "lines", "lines_with_cost"]
RECEIVABLE_COLUMNS = ["account_id", "invoices", "invoiced", "paid", "outstanding", "overdue", "overdue_share",
                      "invoiced_in_period", "dso_days", "invoices_due", "invoices_in_arrears", "arrears_rate",
                      "mean_days_late", "oldest_overdue_days"]
DSO_PERIOD_DAYS = 365
# When rank_comparison flags an account (its keyword arguments, with these defaults).
FLAG_RULES = {"discount_margin_ratio": 1.0, "max_return_share": 0.05, "top_share": 0.2}
FLAGS = ["big_not_best", "discount_eats_margin", "returns_eat_margin"]
PAID_TOLERANCE = 0.01  # an invoice open by less than a cent counts as paid (rounding)


def _end(as_of) -> pd.Timestamp:
    """The first instant after the as-of day (no as-of: after everything)."""
    return pd.Timestamp("9999-12-31") if as_of is None else pd.Timestamp(as_of).normalize() + pd.Timedelta(days=1)


def account_profit(con, as_of=None, account_id: str | None = None) -> pd.DataFrame:
    """Profit and loss per account from the transactions up to ``as_of`` (inclusive).

    Returns
    -------
    pandas.DataFrame
        Columns: account_id, gross_revenue (before discounts), discounts (NaN when no line has
        one), returns (a positive amount), net_revenue, net_uncosted (of the lines without a cost), cost (of the lines with
        one; NaN when none has), margin (net revenue of the lines with a cost − cost, NaN
        likewise), margin_pct (margin ÷ that revenue), lines, lines_with_cost. Largest net
        revenue first.
    """
    df = con.execute(sql("account_profit"), {"end": _end(as_of).to_pydatetime(),
                                             "account_id": None if account_id is None else str(account_id)}).df()
    known = df["lines_with_cost"] > 0
    df["cost"] = df["cost"].astype(float).where(known)
    costed = (df["net_revenue"] - df["net_uncosted"]).where(known)
    df["margin"] = costed - df["cost"]
    df["margin_pct"] = df["margin"] / costed.where(costed > 0)  # of a net at or below zero: no share
    return df[PROFIT_COLUMNS]


def _profit_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """:func:`account_profit` columns from its own output or from the account table of
    :func:`kamp.analysis.account_table` (gross_sales, discount, return_amount, revenue, cost,
    margin). In the account table, margin = the revenue of the lines with a cost − their cost:
    what is left of revenue is the lines' without one. One "line" per account: costed or not."""
    if "gross_revenue" in frame:
        return frame
    need = {"gross_sales", "discount", "return_amount", "revenue", "cost", "margin"}
    missing = sorted(need - set(frame.columns))
    if missing:
        raise ValueError(f"the frame lacks column(s) {', '.join(missing)}")
    discounts = frame["discount"].astype(float)  # NaN: no line of the account has a discount
    revenue = frame["revenue"].astype(float)
    cost = frame["cost"].astype(float)
    margin = frame["margin"].astype(float)
    known = margin.notna() & cost.notna()
    uncosted = (revenue - margin - cost).where(known, 0.0)
    return pd.DataFrame({
        "account_id": frame["account_id"], "gross_revenue": frame["gross_sales"].astype(float) + discounts.fillna(0.0),
        "discounts": discounts, "returns": frame["return_amount"].astype(float), "net_revenue": revenue,
        "net_uncosted": uncosted.where(uncosted.abs() >= 0.005, 0.0), "cost": cost.where(known),
        "margin": margin.where(known), "lines": 1, "lines_with_cost": known.astype(int)}, copy=False)


def waterfall(source, account_id: str | None = None, as_of=None) -> pd.DataFrame:
    """Gross revenue → discounts → returns → net revenue → cost → gross margin.

    Parameters
    ----------
    source : DuckDB connection, or a frame of :func:`account_profit` or of
        :func:`kamp.analysis.account_table` (``as_of`` is then already applied).
    account_id : one account, or None for the portfolio.
    as_of : last day of lines counted (connection only).

    Returns
    -------
    pandas.DataFrame
        One row per step of :data:`STEPS`. Columns: step, value (deductions negative, so that
        gross_revenue + discounts + returns = net_revenue and net_revenue + uncosted + cost =
        margin), measure ("absolute", "relative" or "total", as Plotly's waterfall takes them),
        share (of gross revenue), label_en, label_zh.

        Cost is that of the lines with a cost; the net revenue of the lines without one is set
        aside first (``uncosted``), so the margin is that of the revenue whose cost is known, as
        the overview's. ``uncosted`` is NaN when every line has a cost; cost and margin are NaN
        when none has, discounts when no line has a discount. ``attrs["cost_coverage"]``: the share of lines with a cost (from an account
        table: of accounts with one).
    """
    if isinstance(source, pd.DataFrame):
        df = _profit_frame(source)
        if account_id is not None:
            df = df[df["account_id"].astype(str) == str(account_id)]
    else:
        df = account_profit(source, as_of, account_id)
    lines, costed = int(df["lines"].sum()), int(df["lines_with_cost"].sum())
    known = (df["lines_with_cost"] > 0).to_numpy()
    t = {k: float(df[k].sum()) for k in ("gross_revenue", "discounts", "returns", "net_revenue")}
    if df["discounts"].isna().all():
        t["discounts"] = math.nan  # no line has a discount: unknown, not none given
    cost = float(df["cost"][known].sum()) if known.any() else math.nan
    uncosted = float(df["net_uncosted"][known].sum() + df["net_revenue"][~known].sum()) if known.any() else math.nan
    if uncosted == 0 and costed == lines:
        uncosted = math.nan  # every line costed: no step
    margin = t["net_revenue"] - (0.0 if math.isnan(uncosted) else uncosted) - cost
    values = [t["gross_revenue"], -t["discounts"], -t["returns"], t["net_revenue"], -uncosted, -cost, margin]
    out = pd.DataFrame({"step": STEPS, "value": values,
                        "measure": ["absolute", "relative", "relative", "total", "relative", "relative", "total"]})
    out["share"] = out["value"] / t["gross_revenue"] if t["gross_revenue"] else np.nan
    out["label_en"] = [STEP_LABELS[s][0] for s in STEPS]
    out["label_zh"] = [STEP_LABELS[s][1] for s in STEPS]
    out.attrs["cost_coverage"] = costed / lines if lines else math.nan
    return out


def _rank(values: pd.Series) -> pd.Series:
    """1 = largest; ties share the better rank; NaN stays unranked."""
    v = values.to_numpy(dtype=float, na_value=np.nan)
    order = np.argsort(-v, kind="stable")  # largest first, NaN last; fast on the account table (sorted already)
    ordered = v[order]
    start = np.ones(len(v), dtype=bool)
    start[1:] = ordered[1:] != ordered[:-1]  # a new value: its rank is its position
    ranks = np.empty(len(v), dtype=np.int64)
    ranks[order] = np.maximum.accumulate(np.where(start, np.arange(1, len(v) + 1), 0)) if len(v) else ranks
    return pd.Series(pd.arrays.IntegerArray(ranks, np.isnan(v)), index=values.index)


def rank_comparison(account_frame: pd.DataFrame, discount_margin_ratio: float = FLAG_RULES["discount_margin_ratio"],
                    max_return_share: float = FLAG_RULES["max_return_share"],
                    top_share: float = FLAG_RULES["top_share"]) -> pd.DataFrame:
    """Revenue rank against margin rank: big orders are not big customers.

    Parameters
    ----------
    account_frame : the account table (account_id, revenue, gross_sales, discount, return_amount,
        cost, margin; name, tier and avg_order are carried when present) or :func:`account_profit`.
    discount_margin_ratio : flag ``discount_eats_margin`` when the discounts given are at least
        this multiple of the margin kept (1.0: we gave away at least what we earned), or the
        account has discounts and no positive margin.
    max_return_share : flag ``returns_eat_margin`` when returns exceed this share of gross revenue,
        or the account returned goods and sold none.
    top_share : the top this share of accounts by revenue count as "big"; ``big_not_best`` marks
        a big account whose margin rank falls outside that top group.

    Returns
    -------
    pandas.DataFrame
        Columns: account_id, [name, tier], revenue (net), margin, margin_pct, gross_revenue,
        discount_share, return_share, margin_share (each ÷ gross revenue), discount_to_margin
        (discounts ÷ margin; NaN unless the margin is positive), revenue_rank,
        margin_rank, rank_gap (margin_rank − revenue_rank: positive = worth less than it sells),
        [order_rank by avg_order], discount_eats_margin, returns_eat_margin, big_not_best.
        Sorted by revenue rank.
    """
    p = _profit_frame(account_frame).reset_index(drop=True)
    src = account_frame.reset_index(drop=True)
    out = {"account_id": p["account_id"]}
    for col in ("name", "tier"):
        if col in src:
            out[col] = src[col]
    gross = p["gross_revenue"].where(p["gross_revenue"] > 0)
    margin = p["margin"]
    out["revenue"] = p["net_revenue"]
    out["margin"] = margin
    costed = p["net_revenue"] - p["net_uncosted"].fillna(0)  # the margin is of the lines with a cost
    out["margin_pct"] = margin / costed.where(costed > 0)
    out["gross_revenue"] = p["gross_revenue"]
    out["discount_share"] = p["discounts"] / gross
    out["return_share"] = p["returns"] / gross
    out["margin_share"] = margin / gross
    out["discount_to_margin"] = p["discounts"] / margin.where(margin > 0)
    out["revenue_rank"] = _rank(out["revenue"])
    out["margin_rank"] = _rank(margin)
    out["rank_gap"] = out["margin_rank"] - out["revenue_rank"]
    if "avg_order" in src:
        out["order_rank"] = _rank(src["avg_order"].astype(float))
    out["discount_eats_margin"] = ((p["discounts"] > 0) & margin.notna() & (
        (margin <= 0) | (p["discounts"] >= discount_margin_ratio * margin))).astype(bool)
    # an account that only returned goods (no sales to take a share of): its returns are all it has
    only_returned = (p["returns"] > 0) & gross.isna()
    out["returns_eat_margin"] = ((out["return_share"] > max_return_share).fillna(False) | only_returned).astype(bool)
    top = math.ceil(top_share * len(p))
    # Only a known margin can fall outside the top: an account whose lines carry no cost is not flagged.
    out["big_not_best"] = ((out["revenue_rank"] <= top) & (out["margin_rank"] > top)).fillna(False).astype(bool)
    out = pd.DataFrame(out, copy=False)  # columns side by side, not copied into one block
    if _in_rank_order(out["revenue_rank"], out["account_id"]):  # the account table is: nothing to sort
        return out
    return out.sort_values(["revenue_rank", "account_id"], kind="stable", na_position="last").reset_index(drop=True)


def _in_rank_order(rank: pd.Series, ids: pd.Series) -> bool:
    """Whether the rows already run by ``rank`` (unranked last), equal ranks by id: then sorting
    a million rows (by their ids, as text) can be skipped."""
    r = rank.to_numpy(dtype=float, na_value=np.inf)
    if not (r[1:] >= r[:-1]).all() or ids.isna().any():
        return False
    tied = np.flatnonzero(r[1:] == r[:-1])
    if not len(tied):
        return True
    first, second = ids.take(tied).astype(str).array, ids.take(tied + 1).astype(str).array
    return bool(np.asarray(first <= second, dtype=bool).all())


def flagged(ranks: pd.DataFrame, flags: list[str], limit: int | None = None) -> tuple[pd.DataFrame, int]:
    """The rows of :func:`rank_comparison` with any of ``flags``, in its order (largest revenue
    first): the first ``limit`` of them (all when None), and how many there are."""
    hit = ranks[list(flags)].any(axis=1).to_numpy() if flags else np.zeros(len(ranks), dtype=bool)
    rows = np.flatnonzero(hit)
    return ranks.iloc[rows if limit is None else rows[:limit]], len(rows)


def _as_of_default(con):
    return con.execute("""SELECT coalesce((SELECT max(ts) FROM transactions),
                                          (SELECT max(invoice_date) FROM current_payments))""").fetchone()[0]


def receivables(con, as_of=None, period_days: int | None = None) -> pd.DataFrame:
    """Receivables per account from the ``payments`` table, as of the end of ``as_of``.

    Definitions (invoices dated on or before ``as_of``; payments after it have not happened yet):

    - invoiced: sum of invoice amounts; paid: sum paid by ``as_of``;
    - outstanding: sum over invoices of the open part, max(amount − paid, 0);
    - overdue: the open part of invoices whose due date is before ``as_of``; overdue_share =
      overdue ÷ outstanding (NaN when nothing is outstanding);
    - dso_days (days sales outstanding) = outstanding ÷ invoiced_in_period × period_days, where
      invoiced_in_period is what was invoiced in the ``period_days`` days ending at ``as_of``
      (NaN when that is not positive);
    - arrears_rate = invoices paid after their due date or still open past it ÷ invoices due by
      ``as_of`` (invoices_in_arrears ÷ invoices_due; an invoice without a due date is never due);
    - mean_days_late: over the invoices due, days between due date and payment (0 when on time),
      or, for one still open, days from its due date to ``as_of``; oldest_overdue_days the most of
      those among open invoices.

    ``period_days`` None reads the setting ``dso_period_days`` (365 by default).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`RECEIVABLE_COLUMNS`, most overdue first; empty (same columns) when there
        are no payments. ``attrs["period_days"]`` and ``attrs["as_of"]`` record the basis.
    """
    if period_days is None:
        period_days = int(store.get_setting(con, "dso_period_days"))
    if as_of is None:
        as_of = _as_of_default(con)
    if as_of is None:
        empty = pd.DataFrame({c: pd.Series(dtype="object" if c == "account_id" else "float") for c in RECEIVABLE_COLUMNS})
        empty.attrs.update(period_days=int(period_days), as_of=None)
        return empty
    day = pd.Timestamp(as_of).normalize()
    df = con.execute(sql("receivables"), {
        "as_of": day.to_pydatetime(), "end": _end(day).to_pydatetime(), "tolerance": PAID_TOLERANCE,
        "period_start": (_end(day) - pd.Timedelta(days=int(period_days))).to_pydatetime()}).df()
    for c in ("invoiced", "paid", "outstanding", "overdue", "invoiced_in_period", "days_late_total",
              "oldest_overdue_days"):
        df[c] = df[c].astype(float)
    df["overdue_share"] = df["overdue"] / df["outstanding"].where(df["outstanding"] > 0)
    df["dso_days"] = df["outstanding"] / df["invoiced_in_period"].where(df["invoiced_in_period"] > 0) * period_days
    due = df["invoices_due"].where(df["invoices_due"] > 0)
    df["arrears_rate"] = df["invoices_in_arrears"] / due
    df["mean_days_late"] = df["days_late_total"] / due
    out = df[RECEIVABLE_COLUMNS].copy()
    out.attrs.update(period_days=int(period_days), as_of=day.date())
    return out


def receivables_totals(frame: pd.DataFrame, period_days: int | None = None) -> dict:
    """Portfolio totals of :func:`receivables`, with the same definitions over all invoices:
    invoices, invoiced, paid, outstanding, overdue, overdue_share, dso_days, arrears_rate,
    mean_days_late, accounts_overdue (accounts with anything overdue). ``period_days`` defaults
    to the one the frame was computed with."""
    period_days = period_days or frame.attrs.get("period_days", DSO_PERIOD_DAYS)
    s = {c: float(frame[c].sum()) for c in ("invoiced", "paid", "outstanding", "overdue", "invoiced_in_period")}
    due, arrears = float(frame["invoices_due"].sum()), float(frame["invoices_in_arrears"].sum())
    days = float((frame["mean_days_late"].fillna(0) * frame["invoices_due"]).sum())
    return {"invoices": int(frame["invoices"].sum()), "invoiced": s["invoiced"], "paid": s["paid"],
            "outstanding": s["outstanding"], "overdue": s["overdue"],
            "overdue_share": s["overdue"] / s["outstanding"] if s["outstanding"] > 0 else None,
            "dso_days": s["outstanding"] / s["invoiced_in_period"] * period_days if s["invoiced_in_period"] > 0 else None,
            "arrears_rate": arrears / due if due else None, "mean_days_late": days / due if due else None,
            "accounts_overdue": int((frame["overdue"] > PAID_TOLERANCE).sum())}


def worst_payers(frame: pd.DataFrame, tiers: list[str] | None = None, n: int = 10, by: str = "overdue") -> pd.DataFrame:
    """The ``n`` accounts of the given tiers that owe most (by ``overdue`` by default; any
    column of :func:`receivables`, largest first).

    ``frame`` is :func:`receivables` joined with a ``tier`` column (e.g. from the account table).
    ``tiers`` None means the two highest tiers present (see :func:`kamp.coverage.tier_ranks`).
    Rows with nothing in ``by`` are left out. Same columns as ``frame``.
    """
    if by not in frame:
        raise ValueError(f"no column {by!r} to rank payers by")
    if "tier" not in frame:
        raise ValueError("worst_payers needs a 'tier' column: join the account table's tiers first")
    keep = frame["tier"].isin(top_tiers(frame) if tiers is None else list(tiers))
    out = frame[keep & (frame[by].fillna(0) > 0)]
    return out.sort_values([by, "account_id"], ascending=[False, True], kind="stable").head(int(n)).reset_index(drop=True)


def top_tiers(frame: pd.DataFrame, count: int = 2) -> list[str]:
    """The names of the ``count`` highest tiers present in ``frame["tier"]``, best first (ranked
    by :func:`kamp.coverage.tier_ranks`)."""
    from kamp.coverage import tier_ranks

    ranks = tier_ranks(frame)
    best = dict(zip(frame["tier"], ranks))
    ordered = sorted((r, n) for n, r in best.items() if isinstance(n, str) and pd.notna(r))
    return [n for _, n in ordered[:count]]


def receivables_by_tier(frame: pd.DataFrame) -> pd.DataFrame:
    """Receivables per tier, best tier first.

    ``frame`` is :func:`receivables` joined with a ``tier`` column. Returns columns tier,
    accounts, outstanding, overdue, overdue_share (overdue ÷ outstanding, NaN when nothing is
    outstanding), accounts_overdue (accounts with anything overdue). Accounts without a tier
    are left out.
    """
    if "tier" not in frame:
        raise ValueError("receivables_by_tier needs a 'tier' column: join the account table's tiers first")
    from kamp.coverage import tier_ranks

    d = frame[frame["tier"].notna()].assign(_rank=lambda x: tier_ranks(x).astype(float),
                                            _late=lambda x: x["overdue"] > PAID_TOLERANCE)
    out = (d.groupby("tier", sort=False)
           .agg(_rank=("_rank", "min"), accounts=("account_id", "size"), outstanding=("outstanding", "sum"),
                overdue=("overdue", "sum"), accounts_overdue=("_late", "sum"))
           .reset_index().sort_values(["_rank", "tier"], kind="stable", na_position="last"))
    out["overdue_share"] = out["overdue"] / out["outstanding"].where(out["outstanding"] > 0)
    out["accounts_overdue"] = out["accounts_overdue"].astype(int)
    return out[["tier", "accounts", "outstanding", "overdue", "overdue_share", "accounts_overdue"]].reset_index(drop=True)
