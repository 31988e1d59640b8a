"""Portfolio headline figures: KPIs, revenue by month, the largest accounts.

Each function takes a DuckDB connection (or cursor) and returns a dict or a small frame;
the SQL lives in ``kamp/sql/``.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import pandas as pd

SQL_DIR = Path(__file__).resolve().parent / "sql"


@lru_cache(maxsize=None)
def sql(name: str) -> str:
    """The text of ``kamp/sql/<name>.sql``."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def _end(as_of) -> dt.datetime:
    """The first instant after the as-of day (no as-of: after every line)."""
    return dt.datetime(9999, 12, 31) if as_of is None else pd.Timestamp(as_of).normalize().to_pydatetime() + \
        dt.timedelta(days=1)


def kpis(con, as_of=None) -> dict:
    """Accounts, net revenue, lines, returns, margin (where cost is known), non-product lines
    and the date range, of the lines up to ``as_of`` (inclusive; None: every line)."""
    end = _end(as_of)
    cur = con.execute(sql("overview_kpis"), {"end": end})
    names = [d[0] for d in cur.description]
    row = dict(zip(names, cur.fetchone()))
    rwc, cost = row.pop("revenue_with_cost"), row.pop("cost")
    row["margin"] = (rwc - cost) / rwc if rwc and cost is not None else None
    row["top20_share"] = con.execute(sql("top_share"), {"fraction": 0.2, "end": end}).fetchone()[0]
    return row


def non_product_lines(con, as_of=None) -> int:
    """How many of the lines up to ``as_of`` (inclusive; None: every line) are of non-product
    codes (postage, fees: ``is_product`` false), as :func:`kpis` counts them."""
    return con.execute("SELECT count(*) FROM transactions WHERE NOT is_product AND ts < ?",
                       [_end(as_of)]).fetchone()[0]


def monthly_revenue(con, as_of=None) -> pd.DataFrame:
    """Of the lines up to ``as_of`` (inclusive; None: every line). Columns: month, sales (≥ 0),
    returns (≤ 0), net."""
    return con.execute(sql("monthly_revenue"), {"end": _end(as_of)}).df()


def top_accounts(con, n: int = 15) -> pd.DataFrame:
    """The ``n`` accounts with the largest net revenue. Columns: account_id, name, revenue,
    orders, last_purchase, share (of total net revenue)."""
    df = con.execute(f"SELECT * FROM ({sql('account_revenue')}) LIMIT ?", [int(n)]).df()
    total = con.execute("SELECT sum(amount) FROM transactions").fetchone()[0] or 0
    df["share"] = df["revenue"] / total if total else None
    return df
