"""How stable the tiers are from one quarter to the next, for a few choices of tier features.

Each quarter end of a database's last year (or the dates given) gets its tiers as the Tiers page
works them out (:class:`kamp.tiers.TierModel`, k = 4, seed 0); the script prints, for each
choice of features, the accounts per tier and the share of the accounts present in both
quarters whose tier changed, then the top tier's share of revenue and how many of its accounts
are lost at the last date.

    python benchmarks/tier_stability.py [--db data/kamp.duckdb] [--dates 2026-03-31,2026-06-30,...]

A quarterly review reads the moves between snapshots as news: a share of moved accounts that is
mostly churn of the clustering, not of the accounts, makes the tier migration hard to trust.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from kamp import features, store, tiers  # noqa: E402

CHOICES = [
    tiers.DEFAULT_FEATURES,
    ["orders", "revenue", "margin"],
    ["recency", "frequency", "monetary_value", "margin"],
    ["tenure_days", "orders", "revenue", "margin"],
]


def quarter_ends(last: pd.Timestamp, n: int = 4) -> list[str]:
    """The last ``n`` quarter ends on or before ``last``, with ``last`` itself as the final one."""
    ends = pd.period_range(end=last.to_period("Q") - 1, periods=n - 1, freq="Q").end_time.normalize()
    return [f"{d:%Y-%m-%d}" for d in ends] + [f"{last:%Y-%m-%d}"]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default=None, help="the database (default: data/kamp.duckdb or KAMP_DB)")
    ap.add_argument("--dates", default=None, help="comma-separated as-of dates (default: the last four quarter ends)")
    args = ap.parse_args(argv)
    con = store.connect(args.db, read_only=True)
    last = pd.Timestamp(features.default_as_of(con))
    dates = args.dates.split(",") if args.dates else quarter_ends(last)
    tables = {d: features.account_features(con, d) for d in dates}
    print(f"{store.db_path(args.db)}: tiers (k = 4) at {', '.join(dates)}")
    for chosen in CHOICES:
        before, cells = None, []
        for d, df in tables.items():
            model = tiers.TierModel(features=chosen, k=4).fit(df)
            now = pd.Series(model.labels_, index=df["account_id"])
            moved = ""
            if before is not None:
                both = now.index.intersection(before.index)
                moved = f" moved {(now[both] != before[both]).mean():.0%}"
            cells.append(f"{np.bincount(model.labels_, minlength=4).tolist()}{moved}")
            before = now
        top = model.labels_ == 0
        share = df["revenue"][top].sum() / df["revenue"].sum()
        lost = int((df["status"][top] == "lost").sum())
        print(f"  {', '.join(chosen)}")
        print(f"    {' | '.join(cells)}")
        print(f"    top tier at {dates[-1]}: {share:.0%} of revenue, {lost} of its {int(top.sum())} accounts lost")


if __name__ == "__main__":
    main()
