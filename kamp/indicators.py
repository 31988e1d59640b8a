"""Per-account indicators from the tables beside the order lines, for the Pareto, Lorenz and ABC
classes on any single indicator (seed 004: a customer is judged by transaction, financial,
contact and characteristic indicators; the order lines give the first, the account table has
them). Each is a value per account, as of a date:

- financial (the payments table): invoiced, outstanding, overdue — see
  :func:`kamp.profitability.receivables`;
- contact (the interactions table): complaints, praise and suggestions dated up to the date;
- characteristic (the account records): registered capital, annual revenue, wallet estimate.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

CONTACT = {"complaints": "complaint", "praise": "praise", "suggestions": "suggestion"}  # indicator → kind
FINANCIAL = ["invoiced", "outstanding", "overdue"]
CHARACTERISTIC = ["registered_capital", "annual_revenue", "wallet_estimate"]
MONEY = {"invoiced", "outstanding", "overdue", "registered_capital", "annual_revenue", "wallet_estimate"}


def available(con) -> list[str]:
    """The indicators of this module the database holds some value of, in the order above."""
    kinds = {k for (k,) in con.execute("SELECT DISTINCT kind FROM interactions").fetchall()}
    out = [name for name, kind in CONTACT.items() if kind in kinds]
    if con.execute("SELECT count(*) > 0 FROM current_payments").fetchone()[0]:
        out += FINANCIAL
    held = con.execute(f"SELECT {', '.join(f'count({c})' for c in CHARACTERISTIC)} FROM accounts").fetchone()
    return out + [c for c, n in zip(CHARACTERISTIC, held) if n]


def values(con, indicator: str, account_ids: pd.Series, as_of: dt.date) -> pd.Series:
    """``indicator`` for each of ``account_ids`` as of ``as_of`` (inclusive), in their order:
    a count or sum of nothing is 0; a record without the value is NaN."""
    end = dt.datetime.combine(as_of, dt.time()) + dt.timedelta(days=1)
    if indicator in CONTACT:
        found = con.execute("SELECT account_id, count(*) FROM interactions WHERE kind = ? AND ts < ? GROUP BY 1",
                            [CONTACT[indicator], end]).df()
        fill = 0.0
    elif indicator in FINANCIAL:
        from kamp import profitability

        found = profitability.receivables(con, as_of)[["account_id", indicator]]
        fill = 0.0
    elif indicator in CHARACTERISTIC:
        found = con.execute(f'SELECT account_id, "{indicator}" FROM accounts').df()  # a name from the list above
        fill = float("nan")
    else:
        raise ValueError(f"unknown indicator {indicator!r}: one of {', '.join([*CONTACT, *FINANCIAL, *CHARACTERISTIC])}")
    by_id = found.set_index(found.columns[0])[found.columns[1]].astype(float)
    ids = pd.Series(account_ids).astype(str)
    return pd.Series(by_id.reindex(ids).fillna(fill).to_numpy(), index=ids.index, name=indicator)
