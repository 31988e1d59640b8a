"""Analytics speed on N line items / M accounts (default 10 million / 1 million).

Prints, in one run:
- ``kamp features`` end to end (a fresh process: features, RFM, segments, ABC, tiers, written
  to Parquet), its peak RSS;
- the floor: DuckDB alone computing the same per-account summary in one SQL statement;
- kamp's own aggregation (every per-account sum the command reads) as Ibis writes its SQL, run
  bare by DuckDB: what the command costs beyond aggregating;
- starting a Python process with the libraries the command needs (DuckDB, Ibis, pandas,
  scikit-learn), reading nothing: with the floor, the least any such command can take;
- pandas doing the same summary from the lines already in memory (the usual alternative),
  and what reading the lines into pandas costs first;
- every page's render time in AppTest in a running app: first (nothing the page computes is
  kept yet but the account table, which the first page after an import computes for all of
  them), cold (every Streamlit cache cleared, the connection included; the account table and
  the page's results kept per data version are read back from the database) and warm (the
  same page again).

    python benchmarks/bench_features.py [--rows 10000000] [--accounts 1000000] [--no-pages | --pages NAME ...]

Targets (SPEC.md): features ≤ 3× the floor; every page < 2 s cold and < 0.5 s warm; peak RSS ≤ 2 GB.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_import import generate_file, measure as run  # noqa: E402

FLOOR_SQL = """
WITH days AS (
    SELECT account_id, CAST(ts AS DATE) AS day, sum(amount) AS amount FROM transactions GROUP BY ALL
), firsts AS (SELECT account_id, min(day) AS first FROM days GROUP BY ALL)
SELECT d.account_id, count(*) - 1 AS frequency, max(day) - min(day) AS recency,
       DATE '{as_of}' - min(day) AS T,
       coalesce(sum(amount) FILTER (WHERE day > first) / nullif(count(*) - 1, 0), 0) AS monetary_value,
       sum(amount) AS revenue
FROM days d JOIN firsts f USING (account_id) GROUP BY d.account_id
"""

BASELINES_RUN = """
import json, sys, time
sys.path.insert(0, {root!r} + "/benchmarks")
sys.path.insert(0, {root!r})
import duckdb
import pandas as pd
from bench_features import FLOOR_SQL
con = duckdb.connect({db!r}, read_only=True)
con.execute("SET enable_progress_bar = false")  # stdout carries only the figures
lines, accounts, as_of = con.execute(
    "SELECT count(*), count(DISTINCT account_id), CAST(max(ts) AS DATE) FROM transactions").fetchone()
t0 = time.perf_counter()
floor = con.execute(FLOOR_SQL.format(as_of=as_of)).df()
floor_t = time.perf_counter() - t0

t0 = time.perf_counter()
lines_df = con.execute("SELECT account_id, ts, amount FROM transactions").df()
read_t = time.perf_counter() - t0
t0 = time.perf_counter()
lines_df["day"] = lines_df["ts"].dt.normalize()
days = lines_df.groupby(["account_id", "day"], sort=False)["amount"].sum().reset_index()
first = days.groupby("account_id")["day"].transform("min")
g = days.groupby("account_id")
pdf = pd.DataFrame({{"frequency": g.size() - 1, "recency": (g["day"].max() - g["day"].min()).dt.days,
                    "T": (pd.Timestamp(as_of) - g["day"].min()).dt.days,
                    "repeat": days[days["day"] > first].groupby("account_id")["amount"].sum(),
                    "revenue": g["amount"].sum()}})
pandas_t = time.perf_counter() - t0
assert len(pdf) == len(floor) == accounts
del lines_df, days, first, g, pdf

# kamp's own aggregation (every per-account sum it reads, not only the summary), its SQL as Ibis
# writes it run bare: what the features command costs beyond aggregating.
import ibis
from kamp import features
sql = ibis.to_sql(features.account_features_expr(features.backend(con).table("transactions"), as_of), dialect="duckdb")
t0 = time.perf_counter()
agg = con.sql(str(sql)).to_arrow_table()
agg_t = time.perf_counter() - t0
assert agg.num_rows == accounts
print(json.dumps({{"lines": lines, "accounts": accounts, "as_of": str(as_of), "floor": floor_t, "read": read_t,
                  "pandas": pandas_t, "aggregation": agg_t}}))
"""

PAGE_RUN = """
import gc, json, os, resource, sys, time
sys.path.insert(0, {root!r})
import streamlit as st
from streamlit.testing.v1 import AppTest
from kamp import kept
from pages import _ui
out = {{}}
for page in {pages!r}:
    times = []
    for attempt in ("first", "cold", "warm"):
        at = AppTest.from_file({app!r}, default_timeout=600)
        at.session_state["lang"] = "en"
        at.run()
        if attempt != "warm":
            st.cache_data.clear()
            st.cache_resource.clear()  # no cached reader, not even the connection
            gc.collect()  # and their memory given back, as in a fresh process
        if attempt == "first":
            kept.forget(_ui.cursor())
            st.cache_resource.clear()
        t0 = time.perf_counter()
        if page != "pages/overview.py":
            at.switch_page(page)
        at.run()
        times.append(time.perf_counter() - t0)
        assert not at.exception, [e.value for e in at.exception]
    out[page] = times + [resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024]
print(json.dumps(out))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--accounts", type=int, default=1_000_000)
    ap.add_argument("--no-pages", action="store_true", help="skip the page render times")
    ap.add_argument("--pages", nargs="+", metavar="NAME",
                    help="time only these pages (e.g. coverage review), and skip the features command")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / f"features_{args.rows}.duckdb"
    if not db.exists():

        csv = OUT / f"lines_{args.rows}.csv"
        if not csv.exists():
            generate_file(csv, args.rows, args.accounts)
        wall, _, _ = run([sys.executable, "-m", "kamp", "import", str(csv), "--db", str(db), "--no-progress"])
        print(f"imported {csv.name} in {wall:.1f} s")

    if args.pages:
        return report_pages(db, [f"pages/{name.removesuffix('.py')}.py" for name in args.pages])
    # The floor and pandas run in a process of their own: a child started from a parent that
    # holds ten million lines in pandas would count the parent's memory as its own peak.
    _, _, out = run([sys.executable, "-c", BASELINES_RUN.format(root=str(ROOT), db=str(db))])
    base = json.loads(next(x for x in reversed(out.splitlines()) if x.startswith("{")))
    lines, accounts, as_of = base["lines"], base["accounts"], base["as_of"]
    floor_t, read_t, pandas_t, agg_t = base["floor"], base["read"], base["pandas"], base["aggregation"]

    feat_t, feat_rss, _ = run([sys.executable, "-m", "kamp", "features", "--db", str(db),
                               "--out", str(OUT / "features.parquet")])
    # what any process of the command costs before it reads a line: Python and the libraries
    # the spec names (DuckDB, Ibis, pandas, scikit-learn's k-means)
    start_t, _, _ = run([sys.executable, "-c", "import duckdb, ibis, pandas, pyarrow, sklearn.cluster"])
    print(f"{lines:,} lines, {accounts:,} accounts, as of {as_of}; {os.cpu_count()} cores")
    print(f"{'':<44}{'seconds':>10}")
    print(f"{'floor: DuckDB SQL per-account summary':<44}{floor_t:>10.2f}")
    print(f"{'pandas: read lines into a frame':<44}{read_t:>10.2f}")
    print(f"{'pandas: same summary from the frame':<44}{pandas_t:>10.2f}")
    print(f"{'kamp features (process, all columns)':<44}{feat_t:>10.2f}   peak RSS {feat_rss / 2**30:.2f} GB")
    print(f"{'DuckDB: kamp aggregation SQL, run bare':<44}{agg_t:>10.2f}")
    print(f"{'Python + DuckDB, Ibis, pandas, scikit-learn':<44}{start_t:>10.2f}   (started, nothing read)")
    print(f"ratio features / floor: {feat_t / floor_t:.2f} (target ≤ 3); features / kamp's own aggregation run "
          f"bare: {feat_t / agg_t:.2f}; (floor + starting) / floor: {(floor_t + start_t) / floor_t:.2f}", flush=True)
    if args.no_pages:
        return
    first = ["overview", "customers", "concentration", "tiers", "account", "import_data", "history"]
    rest = sorted(p.stem for p in (ROOT / "pages").glob("*.py") if not p.stem.startswith("_") and p.stem not in first)
    report_pages(db, [f"pages/{name}.py" for name in first + rest])


def report_pages(db: Path, pages: list[str]) -> None:
    """Time every page of ``pages`` first, cold and warm in one AppTest process; print the table."""
    missing = [p for p in pages if not (ROOT / p).exists()]
    if missing:
        sys.exit(f"no such page: {', '.join(missing)}")
    _, page_rss, out = run([sys.executable, "-c", PAGE_RUN.format(root=str(ROOT), pages=pages,
                                                                   app=str(ROOT / "app.py"))],
                           env={"KAMP_DB": str(db)})
    page_times = json.loads(out.strip().splitlines()[-1])

    print(f"{'page':<28}{'first s':>10}{'cold s':>10}{'warm s':>10}{'peak RSS so far':>18}")
    for page, (first, cold, warm, rss) in page_times.items():
        print(f"{page:<28}{first:>10.2f}{cold:>10.2f}{warm:>10.2f}{rss / 2**30:>15.2f} GB")
    print(f"pages process peak RSS {page_rss / 2**30:.2f} GB (targets: cold < 2 s, warm < 0.5 s, RSS ≤ 2 GB)")


if __name__ == "__main__":
    main()
