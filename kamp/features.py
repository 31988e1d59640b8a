"""Per-account features as of a date, aggregated from the order lines with Ibis.

The transaction-level work is one Ibis expression (:func:`account_features_expr`), so it runs
where the lines live — the local DuckDB file by default, or any Ibis backend holding a
``transactions`` table with the same columns. What follows is per account and small (pandas).

Output of :func:`account_features` — one row per account with lines on or before ``as_of``:

==================  ==========================================================================
account_id          the account
first_purchase      date of the first line; ``last_purchase`` of the last
orders              distinct invoices that are not returns (0 for an account that only returned
                    goods; its purchase days where its lines carry no invoice id)
purchase_days       distinct days with lines
revenue             net revenue (returns subtract); ``gross_sales`` the positive lines only
returns             return lines; ``return_amount`` their value as a positive number
discount, cost      summed where known; ``margin`` = revenue − cost over lines with a cost
margin_pct          margin ÷ the revenue of lines with a cost; NaN when that is 0 or below
avg_order           revenue ÷ orders; ``largest_order`` the largest total of an invoice that is
                    not a return (both NaN without such an order)
tenure_days         as_of − first purchase
mean_interval_days  (last − first purchase) ÷ (purchase days − 1); NaN for a single day
revenue_12m         revenue in the 365 days up to as_of; ``revenue_prior_12m`` the 365 before,
                    NaN for every account when the lines do not reach back to them (see
                    :func:`prior_year_in_data`): what was bought then is unknown, not nothing
growth_12m          (revenue_12m − revenue_prior_12m) ÷ revenue_prior_12m; NaN when that is unknown,
                    0 or below (returns only: no base to grow from)
days_since_last     as_of − last purchase
frequency, recency, T, monetary_value
                    lifetimes' ``summary_data_from_transaction_data(freq='D')``: same-day
                    amounts merge; frequency = purchase days − 1; recency = last − first
                    purchase day; T = as_of − first purchase day (days); monetary_value = mean
                    of the repeat days' amounts, 0 when there are none
status              active / dormant / lost against the account's own purchase cycle
==================  ==========================================================================

Sums of money are kept to a millionth, so that equal revenues tie in every run.
"""
from __future__ import annotations

import datetime as dt

import ibis
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kamp import frames, store

MONEY_SUMS = ("gross_sales", "return_amount", "discount", "cost", "revenue_with_cost", "largest_order", "revenue",
              "revenue_12m", "revenue_prior_12m", "repeat_amount")
STATUS_DEFAULTS = {"dormant_after_cycles": 2.0, "lost_after_cycles": 4.0, "min_cycle_days": 30, "max_cycle_days": 365}


def backend(con):
    """An Ibis backend over a DuckDB connection (or an Ibis backend, returned as is). It runs
    on a cursor of its own, the same database: DuckDB runs no query on a connection while a
    result of ``execute()`` is still open on it, as one read with ``fetchone()`` stays."""
    if isinstance(con, ibis.BaseBackend):
        return con
    return ibis.duckdb.from_connection(con.cursor())


def default_as_of(con) -> dt.date | None:
    """The date of the last line: the default ``as_of``."""
    return _line_date(con, "max")


def first_line_date(con) -> dt.date | None:
    """The date of the first line: whether the lines reach back to a year (:func:`prior_year_in_data`)."""
    return _line_date(con, "min")


def _line_date(con, which: str) -> dt.date | None:
    ts = backend(con).table("transactions").ts
    day = (ts.max() if which == "max" else ts.min()).execute()
    return None if day is None or pd.isna(day) else pd.Timestamp(day).date()


def account_features_expr(lines: ibis.Table, as_of: dt.date, products_only: bool = False,
                          known: frozenset[str] = frozenset({"cost", "discount"})) -> ibis.Table:
    """The per-account aggregation as one Ibis expression over a table of order lines.
    ``known``: which of cost and discount any line has (:func:`known_columns`); the sums of
    the others are left out of the aggregation (NULL, as summing nothing gives)."""
    as_of = pd.Timestamp(as_of).date()
    end = ibis.literal(pd.Timestamp(as_of) + pd.Timedelta(days=1))

    def upto(*columns: str, day: bool = False) -> ibis.Table:
        # Each branch selects its own columns from the lines, so no two branches share a
        # subquery: a shared one becomes a CTE that DuckDB materialises, every column of ten
        # million lines copied once more (twice the memory, half again the time).
        t = lines.filter(lines.ts < end)
        if products_only:
            t = t.filter(t.is_product)
        return t.select(*columns, **({"day": t.ts.date()} if day else {}))

    # Two aggregations: what each purchase day gives, what each invoice gives. The sums over
    # lines (gross sales, returns, cost …) are summed per day first and then per account, so the
    # lines are read twice, not three times.
    d = upto("account_id", "amount", "is_return", *sorted(known), day=True)
    none = ibis.null().cast("float64")
    days = d.group_by(["account_id", "day"]).aggregate(
        amount=d.amount.sum(),
        gross_sales=d.amount.sum(where=d.amount > 0),
        returns=d.count(where=d.is_return),  # a count, not a sum: DuckDB sums integers in 128 bits
        discount=d.discount.sum() if "discount" in known else none,
        cost=d.cost.sum() if "cost" in known else none,
        revenue_with_cost=d.amount.sum(where=d.cost.notnull()) if "cost" in known else none,
    )
    inv = upto("account_id", "invoice_id", "amount", "is_return")
    inv = inv.filter(inv.invoice_id.notnull())
    orders = inv.group_by(["account_id", "invoice_id"]).aggregate(total=inv.amount.sum(), returned=inv.is_return.all())
    largest = orders.group_by("account_id").aggregate(
        largest_order=orders.total.max(where=~orders.returned), invoices=orders.count(where=~orders.returned),
        any_invoice=orders.count())
    y2, y1 = (ibis.literal(day) for day in prior_year(as_of))
    per_day = days.group_by("account_id").aggregate(
        gross_sales=days.gross_sales.sum(),
        returns=days.returns.sum(),
        discount=days.discount.sum(),
        cost=days.cost.sum(),
        revenue_with_cost=days.revenue_with_cost.sum(),
        first_purchase=days.day.min(), last_purchase=days.day.max(),
        purchase_days=days.count(),
        revenue=days.amount.sum(),
        first_day_amount=days.amount.argmin(days.day),  # the amount of the first purchase day
        revenue_12m=days.amount.sum(where=days.day >= y1),
        revenue_prior_12m=days.amount.sum(where=(days.day >= y2) & (days.day < y1)),
    )
    # What was returned: the sales less the net (one sum fewer over the lines than its own).
    per_day = per_day.mutate(repeat_amount=per_day.revenue - per_day.first_day_amount,
                             return_amount=ibis.greatest(per_day.gross_sales.fill_null(0) - per_day.revenue, 0)
                             ).drop("first_day_amount")
    out = per_day.left_join(largest, "account_id").select(~ibis.selectors.endswith("_right"))
    # Sums of money to a millionth: a parallel sum adds in no fixed order, and the last bits it
    # leaves (250 or 249.99999999999997) would reorder accounts of equal revenue from one run to
    # the next, and with them the accounts k-means samples, and so the tiers.
    return out.mutate(**{c: out[c].round(6) for c in MONEY_SUMS})


def known_columns(con) -> frozenset[str]:
    """Which of cost and discount any order line has (a count of each column, which DuckDB reads
    from its statistics): the aggregation leaves out the sums of the others."""
    t = backend(con).table("transactions")
    counts = t.aggregate(cost=t.cost.count(), discount=t.discount.count()).execute().iloc[0]
    return frozenset(c for c in ("cost", "discount") if counts[c] > 0)


def account_features(con, as_of=None, products_only: bool = False, status_rules: dict | None = None) -> pd.DataFrame:
    """One row per account with every feature (columns in the module docstring), the largest
    revenue first (ties by account id)."""
    be = backend(con)
    as_of = pd.Timestamp(as_of).date() if as_of is not None else default_as_of(be)
    if as_of is None:
        return pd.DataFrame(columns=["account_id"])
    expr = account_features_expr(be.table("transactions"), as_of, products_only, known_columns(be))
    lines = expr.order_by([ibis.desc("revenue"), "account_id"]).to_pyarrow()  # the backend sorts in parallel
    return _derive(lines, as_of, status_rules or _status_rules(con))


def _status_rules(con) -> dict:
    if isinstance(con, ibis.BaseBackend):  # the stored rules of a DuckDB backend's database
        con = getattr(con, "con", None)
    try:
        return {**STATUS_DEFAULTS, **store.get_setting(con, "status_rules")}
    except (KeyError, AttributeError):
        return dict(STATUS_DEFAULTS)


COLUMNS = ["account_id", "first_purchase", "last_purchase", "orders", "purchase_days", "revenue", "gross_sales",
           "returns", "return_amount", "discount", "cost", "margin", "margin_pct", "avg_order", "largest_order",
           "tenure_days", "mean_interval_days", "revenue_12m", "revenue_prior_12m", "growth_12m",
           "days_since_last", "frequency", "recency", "T", "monetary_value", "status"]


def _derive(agg: pa.Table, as_of: dt.date, rules: dict, first_day=None) -> pd.DataFrame:
    """The per-account columns from the aggregation's (an Arrow table, one row per account, in
    the order wanted): whole-column numpy arithmetic, one frame built at the end without copying.
    ``first_day``: the date the lines begin (:func:`first_line_date`) when ``agg`` holds only some
    accounts; otherwise the first purchase of all of them is."""

    def col(name, fill=None, dtype=float):
        c = agg[name]
        if fill is not None:
            c = pc.fill_null(c, fill)
        return c.to_numpy().astype(dtype, copy=False)

    epoch_day = (pd.Timestamp(as_of) - pd.Timestamp(0)).days
    first = col("first_purchase", dtype="datetime64[D]").astype(np.int64)
    last = col("last_purchase", dtype="datetime64[D]").astype(np.int64)
    purchase_days = col("purchase_days", dtype=np.int64)
    invoices = col("invoices", 0, np.int64)
    # an account whose lines carry invoice ids counts its invoices that are not returns (none, when
    # it only returned goods); one whose lines carry none, its purchase days
    orders = np.where(col("any_invoice", 0, np.int64) > 0, invoices, purchase_days)
    frequency = purchase_days - 1
    revenue = col("revenue", 0.0)
    cost = col("cost")
    with_cost = col("revenue_with_cost")
    margin = np.where(np.isnan(cost), np.nan, with_cost - cost)
    revenue_12m, prior = col("revenue_12m", 0.0), col("revenue_prior_12m", 0.0)
    if first_day is None and len(first):
        first_day = int(first.min())
    if not prior_year_in_data(first_day, epoch_day):
        prior = np.full(len(prior), np.nan)
    recency = (last - first).astype(float)
    repeat = frequency > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        df = pd.DataFrame({
            "account_id": agg["account_id"].to_pandas(),
            "first_purchase": first.astype("datetime64[D]").astype("datetime64[s]"),
            "last_purchase": last.astype("datetime64[D]").astype("datetime64[s]"),
            "orders": orders,
            "purchase_days": purchase_days,
            "revenue": revenue,
            "gross_sales": col("gross_sales", 0.0),
            "returns": col("returns", 0, np.int64),
            "return_amount": col("return_amount", 0.0),
            "discount": col("discount"),
            "cost": cost,
            "margin": margin,
            "margin_pct": np.where(with_cost > 0, margin / with_cost, np.nan),  # none of a net at or below zero
            "avg_order": np.where(orders > 0, revenue / np.maximum(orders, 1), np.nan),
            "largest_order": col("largest_order"),
            "tenure_days": epoch_day - first,
            "mean_interval_days": np.where(repeat, recency / np.maximum(frequency, 1), np.nan),
            "revenue_12m": revenue_12m,
            "revenue_prior_12m": prior,
            "growth_12m": np.where(prior > 0, (revenue_12m - prior) / np.where(prior > 0, prior, 1), np.nan),
            "days_since_last": epoch_day - last,
            "frequency": frequency,
            "recency": recency,
            "T": (epoch_day - first).astype(float),
            "monetary_value": np.where(repeat, col("repeat_amount", 0.0) / np.maximum(frequency, 1), 0.0),
        }, copy=False)
    df["status"] = activity_status(df, rules)
    return df[COLUMNS]


# An export of "the last two years" may begin on the first of a month: the year before the last
# counts as in the data when the lines begin at most this many days after it does.
PRIOR_YEAR_SLACK_DAYS = 31


def prior_year(as_of) -> tuple[dt.date, dt.date]:
    """The year before the last up to ``as_of``: its first day and the first day of the last
    365 (``revenue_prior_12m`` sums the days from the one up to the other)."""
    end = pd.Timestamp(as_of)
    return (end - pd.Timedelta(days=729)).date(), (end - pd.Timedelta(days=364)).date()


def prior_year_in_data(first_day, as_of) -> bool:
    """Whether lines beginning on ``first_day`` cover :func:`prior_year` of ``as_of`` (both
    dates, or days since 1970-01-01), give or take :data:`PRIOR_YEAR_SLACK_DAYS`. When they do
    not, no account's revenue of that year — nor its growth — is known: an account first seen
    this year may have bought before the lines begin."""
    if first_day is None:
        return False
    first, end = (pd.Timestamp(0) + pd.Timedelta(days=int(x)) if isinstance(x, (int, np.integer))
                  else pd.Timestamp(x) for x in (first_day, as_of))
    return first.date() <= prior_year(end)[0] + dt.timedelta(days=PRIOR_YEAR_SLACK_DAYS)


def purchase_cycle(mean_interval: pd.Series, rules: dict = STATUS_DEFAULTS) -> pd.Series:
    """The purchase cycle (days) each account's status is judged against: its mean interval
    between purchase days, clipped to [min, max] cycle days; an account with a single purchase
    day gets the median interval of those given (the portfolio's)."""
    median = float(np.nanmedian(mean_interval)) if mean_interval.notna().any() else float(rules["max_cycle_days"])
    return mean_interval.fillna(median).clip(rules["min_cycle_days"], rules["max_cycle_days"])


def activity_status(df: pd.DataFrame, rules: dict = STATUS_DEFAULTS) -> pd.Series:
    """active / dormant / lost: days since the last purchase against the account's own cycle
    (:func:`purchase_cycle`). Active while days since last ≤ ``dormant_after_cycles`` cycles,
    dormant up to ``lost_after_cycles`` cycles, lost after.
    """
    cycle = purchase_cycle(df["mean_interval_days"], rules).to_numpy()
    since = df["days_since_last"].to_numpy()
    code = np.where(since <= rules["dormant_after_cycles"] * cycle, 0,
                    np.where(since <= rules["lost_after_cycles"] * cycle, 1, 2))
    return frames.labels(["active", "dormant", "lost"], code, df.index)

