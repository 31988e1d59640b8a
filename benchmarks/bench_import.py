"""Import speed: ``kamp import`` against DuckDB's bare ``CREATE TABLE AS SELECT * FROM read_csv``.

Generates N synthetic line items (default 10 million) as a CSV shaped like a wholesaler's
export (invoice, stock code, description, quantity, date, unit price, customer, country; each
invoice one account's lines of one day, 4 on average; every account has an invoice and a few
have most of them; about 2 % cancelled invoices, 1 % without a customer, 0.5 % exact duplicate
lines), then runs
each contender in its own process on a fresh database file and prints the wall time, rows per
second and peak resident memory of each, and the ratio. Two more contenders show where kamp's
time goes: DuckDB reading every column as text (as kamp does, to parse and word each bad value
itself), and DuckDB's typed reader writing straight into kamp's transactions table with nothing
checked (the least any importer that stores kamp's table can take).

    python benchmarks/bench_import.py [--rows 10000000] [--accounts 1000000] [--keep]

Target (SPEC.md, "What fast means"): ratio ≤ 1.5 and peak RSS ≤ 2 GB.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"


def generate(path: Path, rows: int, accounts: int) -> None:
    import duckdb

    con = duckdb.connect()
    con.execute(f"""
        COPY (
          WITH invoices AS (
            -- An invoice is one account's, on one day, of 1–7 lines (4 on average). The first
            -- {accounts} invoices give every account one; the others go mostly to a few accounts
            -- (u² of a uniform u: a heavy tail).
            SELECT k, (hash(k) % 100) AS roll,
                   CAST(1 + CASE WHEN k < {accounts} THEN (k * 7919) % {accounts}
                                 ELSE floor({accounts} * pow((hash(k * 7) % 1000003) / 1000003.0, 2)) END AS BIGINT) AS customer,
                   TIMESTAMP '2022-01-01 08:00' + to_minutes(CAST(hash(k * 13) % (3 * 365 * 24 * 60) AS BIGINT)) AS ts,
                   CAST(1 + hash(k * 17) % 7 AS BIGINT) AS size
            FROM range({rows // 4 + 1000}) t(k)
          ), lines AS (
            SELECT row_number() OVER (ORDER BY k, j) - 1 AS i, * EXCLUDE (j)
            FROM (SELECT *, unnest(range(size)) AS j FROM invoices)
            QUALIFY i < {rows}
          )
          SELECT CASE WHEN roll < 2 THEN 'C' ELSE '' END || CAST(500000 + k AS VARCHAR) AS InvoiceNo,
                 CAST(10000 + hash(i * 3) % 4000 AS VARCHAR)              AS StockCode,
                 'ITEM ' || CAST(hash(i * 3) % 4000 AS VARCHAR)           AS Description,
                 CAST((1 + hash(i * 5) % 24) * CASE WHEN roll < 2 THEN -1 ELSE 1 END AS BIGINT) AS Quantity,
                 strftime(ts, '%Y-%m-%d %H:%M:%S')                         AS InvoiceDate,
                 round(0.5 + (hash(i * 11) % 5000) / 100.0, 2)             AS UnitPrice,
                 CASE WHEN roll = 99 THEN NULL ELSE customer END           AS CustomerID,
                 ['United Kingdom', 'France', 'Germany', 'EIRE', 'Spain'][CAST(1 + hash(customer) % 5 AS BIGINT)] AS Country
          FROM lines
          UNION ALL
          SELECT * FROM (SELECT 'D' || CAST(i AS VARCHAR), '99999', 'DUPLICATE', 1, '2023-06-01 10:00:00', 1.0, 1, 'France'
                         FROM range({rows // 200}) t(i)) -- one duplicated line pair per 200 rows
          UNION ALL
          SELECT 'D' || CAST(i AS VARCHAR), '99999', 'DUPLICATE', 1, '2023-06-01 10:00:00', 1.0, 1, 'France'
          FROM range({rows // 200}) t(i)
        ) TO '{path.as_posix()}' (HEADER, DELIMITER ',')""")


def generate_file(path: Path, rows: int, accounts: int) -> None:
    """:func:`generate` in a process of its own: a process started later from this one would
    count the generator's memory in its own peak (Linux keeps the high-water mark across exec)."""
    code = (f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); from bench_import import generate; "
            f"from pathlib import Path; generate(Path({str(path)!r}), {rows}, {accounts})")
    measure([sys.executable, "-c", code])


def measure(cmd: list[str], env: dict | None = None) -> tuple[float, int, str]:
    """Run ``cmd`` (with ``env`` added to the environment); return (wall seconds, peak RSS
    bytes of that process, stdout)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    out, err = proc.stdout.read(), proc.stderr.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return wall, usage.ru_maxrss * 1024, out


BARE = """
import duckdb, sys
con = duckdb.connect(sys.argv[1])
con.execute("SET enable_progress_bar = false")
con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?)", [sys.argv[2]])
print(con.execute("SELECT count(*) FROM t").fetchone()[0])
"""


# The same read with every column as text, as kamp reads a file (it parses each value itself, to
# word the reason of every bad one): how much of the ratio writing text instead of typed
# columns costs before any parsing.
TEXT = BARE.replace("read_csv(?)", "read_csv(?, all_varchar = true)")

# The least any importer storing kamp's table can do: DuckDB's typed reader (the column types
# given, account ids as text) straight into kamp's transactions table, with the amount, the
# return flag and the line hash computed and nothing checked: no bad value worded, no row
# numbers, no duplicates dropped, no account records, no import log.
SHAPE = """
import sys
sys.path.insert(0, sys.argv[3])
from kamp import store
con = store.connect(sys.argv[1])
con.execute("SET enable_progress_bar = false")
con.execute(\"\"\"
    INSERT INTO transactions (account_id, ts, amount, invoice_id, product, description, quantity, unit_price,
                              country, is_return, is_product, row_hash, import_id)
    SELECT CustomerID, InvoiceDate, Quantity * UnitPrice, InvoiceNo, StockCode, Description, Quantity, UnitPrice,
           Country, InvoiceNo LIKE 'C%' OR Quantity < 0, true,
           hash(CustomerID, InvoiceDate, Quantity * UnitPrice, InvoiceNo, StockCode, Description, Quantity,
                UnitPrice, Country), 1
    FROM read_csv(?, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                  columns = {'InvoiceNo': 'VARCHAR', 'StockCode': 'VARCHAR', 'Description': 'VARCHAR',
                             'Quantity': 'DOUBLE', 'InvoiceDate': 'TIMESTAMP', 'UnitPrice': 'DOUBLE',
                             'CustomerID': 'VARCHAR', 'Country': 'VARCHAR'})
    WHERE CustomerID IS NOT NULL\"\"\", [sys.argv[2]])
print(con.execute("SELECT count(*) FROM transactions").fetchone()[0])
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--accounts", type=int, default=1_000_000)
    ap.add_argument("--keep", action="store_true", help="keep the generated CSV in benchmarks/out/")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    csv = OUT / f"lines_{args.rows}.csv"
    if not csv.exists():
        t0 = time.perf_counter()
        generate_file(csv, args.rows, args.accounts)
        print(f"generated {csv.name} ({csv.stat().st_size / 1e9:.2f} GB) in {time.perf_counter() - t0:.1f} s")
    with tempfile.TemporaryDirectory(dir=OUT) as tmp:
        bare_t, bare_rss, bare_out = measure([sys.executable, "-c", BARE, f"{tmp}/bare.duckdb", str(csv)])
        text_t, text_rss, _ = measure([sys.executable, "-c", TEXT, f"{tmp}/text.duckdb", str(csv)])
        shape_t, shape_rss, _ = measure([sys.executable, "-c", SHAPE, f"{tmp}/shape.duckdb", str(csv), str(ROOT)])
        kamp_t, kamp_rss, kamp_out = measure([sys.executable, "-m", "kamp", "import", str(csv),
                                              "--db", f"{tmp}/kamp.duckdb", "--no-progress"])
    n = int(bare_out.strip())
    print(kamp_out.rstrip())
    print()
    print(f"{'':<28}{'seconds':>10}{'rows/s':>14}{'peak RSS':>12}")
    print(f"{'DuckDB CTAS read_csv':<28}{bare_t:>10.2f}{n / bare_t:>14,.0f}{bare_rss / 2**30:>10.2f} GB")
    print(f"{'DuckDB CTAS, all as text':<28}{text_t:>10.2f}{n / text_t:>14,.0f}{text_rss / 2**30:>10.2f} GB")
    print(f"{'typed into kamp table':<28}{shape_t:>10.2f}{n / shape_t:>14,.0f}{shape_rss / 2**30:>10.2f} GB")
    print(f"{'kamp import':<28}{kamp_t:>10.2f}{n / kamp_t:>14,.0f}{kamp_rss / 2**30:>10.2f} GB")
    print(f"ratio kamp / bare: {kamp_t / bare_t:.2f} (target ≤ 1.5); kamp peak RSS {kamp_rss / 2**30:.2f} GB "
          f"(target ≤ 2 GB); {os.cpu_count()} cores")
    print(f"ratio text / bare: {text_t / bare_t:.2f}; kamp / text: {kamp_t / text_t:.2f}; "
          f"typed into kamp's table / bare: {shape_t / bare_t:.2f} (the least any importer of this table costs)")
    if not args.keep:
        csv.unlink()


if __name__ == "__main__":
    main()
