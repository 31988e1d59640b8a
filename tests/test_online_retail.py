"""The real Online Retail exports: every quirk handled and counted.

Expected figures come from the data set's README (/work/shared/data/README.md) or are computed
independently here with pandas; the importer is run once per file (module-scoped fixture)."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pandas as pd
import pytest

from kamp import features, ingest, store

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
RETAIL = DATA / "online_retail.parquet"
RETAIL_II = DATA / "online_retail_II_2009_2010.parquet"

pytestmark = pytest.mark.skipif(not (RETAIL.exists() and RETAIL_II.exists()),
                                reason="the Online Retail data sets are not in ../shared/data")

NON_PRODUCT = ["POST", "M", "D", "BANK CHARGES", "AMAZONFEE"]


def _normalised(df: pd.DataFrame, invoice: str, price: str, customer: str) -> pd.DataFrame:
    """The distinct lines with a customer id, as a person would compare them across the two
    exports: same customer, time, invoice, product, description, quantity, price and country."""
    df = df[df[customer].notna()]
    out = pd.DataFrame({
        "account_id": df[customer].astype("int64").astype(str),
        "ts": pd.to_datetime(df["InvoiceDate"]),
        "invoice_id": df[invoice].str.strip(),
        "product": df["StockCode"].str.strip(),
        "description": df["Description"].str.strip().replace("", None),
        "quantity": df["Quantity"].astype(float),
        "unit_price": df[price].astype(float),
        "country": df["Country"].str.strip(),
    })
    return out.drop_duplicates()


@pytest.fixture(scope="module")
def retail(tmp_path_factory):
    con = store.connect(tmp_path_factory.mktemp("retail") / "kamp.duckdb")
    r1 = ingest.import_file(con, RETAIL)
    info1 = store.info(con)
    r2 = ingest.import_file(con, RETAIL_II)
    a = pd.read_parquet(RETAIL)
    b = pd.read_parquet(RETAIL_II)
    a_distinct = a[a["CustomerID"].notna()].drop_duplicates()  # distinct lines with a customer
    yield SimpleNamespace(con=con, r1=r1, r2=r2, info1=info1, info2=store.info(con), a=a, b=b,
                          a_distinct=a_distinct)
    con.close()


# --- online_retail.parquet ---------------------------------------------------------------

def test_every_row_is_read_and_accounted_for(retail):
    r1 = retail.r1
    assert r1.rows_read == 541_909
    assert r1.rows_rejected == 135_080
    assert r1.rows_loaded + r1.rows_present == 541_909 - 135_080 == 406_829


def test_rejected_rows_are_exactly_the_ones_without_a_customer(retail):
    reasons = retail.con.execute("SELECT reason, count(*) FROM rejects WHERE import_id = ? GROUP BY reason",
                                 [retail.r1.import_id]).fetchall()
    assert len(reasons) == 1
    reason, n = reasons[0]
    assert reason.startswith("no account id") and n == 135_080


def test_loaded_rows_are_the_distinct_lines_with_a_customer(retail):
    assert retail.r1.rows_loaded == len(retail.a_distinct)
    assert retail.info1["transactions"] == retail.r1.rows_loaded


def test_cancellations_are_kept_as_returns(retail):
    distinct = retail.a_distinct
    expected = int(distinct["InvoiceNo"].str.startswith("C").sum())
    got = retail.con.execute(
        "SELECT count(*) FROM transactions WHERE import_id = ? AND is_return AND invoice_id LIKE 'C%'",
        [retail.r1.import_id]).fetchone()[0]
    assert got == expected
    # and every cancellation line carries a negative amount
    assert retail.con.execute(
        "SELECT count(*) FROM transactions WHERE invoice_id LIKE 'C%' AND amount > 0").fetchone()[0] == 0


@pytest.mark.parametrize("code", NON_PRODUCT)
def test_non_product_codes_are_flagged(retail, code):
    distinct = retail.a_distinct
    expected = int((distinct["StockCode"].str.upper() == code).sum())
    flagged, unflagged = retail.con.execute(
        """SELECT count(*) FILTER (WHERE NOT is_product), count(*) FILTER (WHERE is_product)
           FROM transactions WHERE import_id = ? AND upper(product) = ?""", [retail.r1.import_id, code]).fetchone()
    assert (flagged, unflagged) == (expected, 0)


def test_ordinary_products_are_products(retail):
    assert retail.con.execute("SELECT bool_and(is_product) FROM transactions WHERE product = '85123A'").fetchone()[0]


def test_distinct_accounts(retail):
    assert retail.info1["accounts"] == 4_372


def test_dates_span_the_year(retail):
    assert retail.info1["first_date"] == "2010-12-01T08:26:00"
    assert retail.info1["last_date"] == "2011-12-09T12:50:00"


def test_revenue_is_the_sum_of_the_distinct_lines(retail):
    distinct = retail.a_distinct
    expected = float((distinct["Quantity"] * distinct["UnitPrice"]).sum())
    assert retail.info1["revenue"] == pytest.approx(expected, abs=0.01)


def test_customer_12346_nets_to_zero(retail):
    rows = retail.con.execute(
        "SELECT invoice_id, amount, is_return FROM transactions WHERE account_id = '12346' AND import_id = ? "
        "ORDER BY amount DESC", [retail.r1.import_id]).fetchall()
    assert rows == [("541431", pytest.approx(77_183.60), False), ("C541433", pytest.approx(-77_183.60), True)]
    assert sum(r[1] for r in rows) == pytest.approx(0, abs=1e-6)


# --- online_retail_II_2009_2010.parquet, into the same database -------------------------

def test_second_export_maps_automatically(retail):
    assert retail.r2.mapping == {
        "Invoice": "invoice_id", "StockCode": "product", "Description": "description", "Quantity": "quantity",
        "InvoiceDate": "ts", "Price": "unit_price", "Customer ID": "account_id", "Country": "country",
    }


def test_float_customer_ids_become_whole_numbers(retail):
    con = retail.con
    assert con.execute("SELECT count(*) FROM transactions WHERE import_id = ? AND account_id = '13085'",
                       [retail.r2.import_id]).fetchone()[0] > 0
    assert con.execute("SELECT count(*) FROM transactions WHERE account_id LIKE '%.%'").fetchone()[0] == 0


def test_text_dates_parse(retail):
    con = retail.con
    first, last = con.execute("SELECT min(ts), max(ts) FROM transactions").fetchone()
    assert first == datetime(2009, 12, 1, 7, 45)
    assert last == datetime(2011, 12, 9, 12, 50)
    assert con.execute("SELECT count(*) FROM rejects WHERE import_id = ? AND reason LIKE '%date%'",
                       [retail.r2.import_id]).fetchone()[0] == 0


def test_second_export_rejects_only_missing_customers(retail):
    r2 = retail.r2
    assert r2.rows_read == 525_461
    assert r2.rows_rejected == 107_927
    assert r2.rows_read == r2.rows_loaded + r2.rows_rejected + r2.rows_present
    reasons = retail.con.execute("SELECT DISTINCT reason FROM rejects WHERE import_id = ?",
                                 [r2.import_id]).fetchall()
    assert len(reasons) == 1 and reasons[0][0].startswith("no account id")


def test_lines_in_both_exports_are_not_double_counted(retail):
    first = _normalised(retail.a, "InvoiceNo", "UnitPrice", "CustomerID")
    second = _normalised(retail.b, "Invoice", "Price", "Customer ID")
    merged = second.merge(first, how="left", indicator=True)
    expected_new = int((merged["_merge"] == "left_only").sum())
    assert retail.r2.rows_loaded == expected_new
    assert retail.info2["transactions"] == retail.info1["transactions"] + expected_new
    # the days both exports cover hold each line once
    window = retail.con.execute(
        "SELECT count(*) FROM transactions WHERE ts >= '2010-12-01' AND ts < '2010-12-10'").fetchone()[0]
    both = pd.concat([first, second]).drop_duplicates()
    in_window = (both["ts"] >= "2010-12-01") & (both["ts"] < "2010-12-10")
    assert window == int(in_window.sum())


def test_accounts_across_both_exports(retail):
    ids = set(retail.a["CustomerID"].dropna().astype("int64")) | set(retail.b["Customer ID"].dropna().astype("int64"))
    assert retail.info2["accounts"] == len(ids)


def test_growth_is_known_only_where_the_two_exports_reach_back_a_year_before_the_last(retail):
    # Together the exports begin 2009-12-01. As of 2011-12-09 the year before the last runs
    # 2009-12-10 … 2010-12-09: in the data, so each account's revenue then is its lines' sum.
    table = features.account_features(retail.con, "2011-12-09")
    prior = dict(retail.con.execute(
        "SELECT account_id, sum(amount) FROM transactions WHERE ts >= '2009-12-10' AND ts < '2010-12-10' "
        "GROUP BY 1").fetchall())
    assert table["revenue_prior_12m"].notna().all()
    got = table.set_index("account_id")["revenue_prior_12m"]
    assert got[got != 0].to_dict() == pytest.approx({k: v for k, v in prior.items() if round(v, 6) != 0}, abs=1e-6)
    # As of 2011-06-01 that year would begin 2009-06-02, half a year before the lines do: unknown.
    early = features.account_features(retail.con, "2011-06-01")
    assert early["revenue_prior_12m"].isna().all() and early["growth_12m"].isna().all()


def test_the_test_products_of_the_second_export_are_not_goods(retail):
    # TEST001 and TEST002 ("This is a test product.", 17 lines in 2009-10) are no purchases of goods
    expected = duckdb.connect().sql(f"""SELECT count(*) FROM (SELECT DISTINCT * FROM '{RETAIL_II}')
                                         WHERE StockCode LIKE 'TEST00%' AND "Customer ID" IS NOT NULL""").fetchall()[0][0]
    assert expected == 16  # of 17 lines, one without a customer
    flagged, unflagged = retail.con.execute(
        """SELECT count(*) FILTER (WHERE NOT is_product), count(*) FILTER (WHERE is_product)
           FROM transactions WHERE product LIKE 'TEST00%'""").fetchone()
    assert (flagged, unflagged) == (expected, 0)


def test_every_account_whose_returns_exceed_5_percent_of_its_sales_is_flagged(retail):
    # From the lines: 735 accounts returned more than 5 % of what they bought, 61 of them with no
    # purchase at all in the two exports (17399 returned 25,111.09 and bought nothing).
    from kamp import profitability

    sold, returned = (dict(retail.con.execute(
        f"SELECT account_id, sum(amount) FILTER (WHERE amount {sign} 0) FROM transactions GROUP BY 1").fetchall())
        for sign in (">", "<"))
    over = {a for a, r in returned.items() if r is not None and -r > 0.05 * (sold[a] or 0)}
    assert len(over) == 735 and sum(1 for a in over if sold[a] is None) == 61
    assert returned["17399"] == pytest.approx(-25111.09) and sold["17399"] is None
    ranks = profitability.rank_comparison(features.account_features(retail.con))
    assert set(ranks.loc[ranks["returns_eat_margin"], "account_id"]) == over
