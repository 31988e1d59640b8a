"""The account table and the features / concentration commands, end to end."""
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from kamp import analysis, ingest, store

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"

# Five accounts with net revenue 50, 30, 10, 5, 5 (one line each, plus a cancelled order for e).
LINES = """customer,date,invoice,sales
a,2024-03-01,1,50
b,2024-03-02,2,30
c,2024-03-03,3,10
d,2024-03-04,4,5
e,2024-03-05,5,5
e,2024-03-06,6,7
e,2024-03-07,C6,-7
"""


@pytest.fixture()
def db(tmp_path):
    (tmp_path / "lines.csv").write_text(LINES, encoding="utf-8")
    path = tmp_path / "k.duckdb"
    con = store.connect(path)
    ingest.import_file(con, tmp_path / "lines.csv")
    con.close()
    return path


def _kamp(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kamp", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_concentration_command_prints_hand_worked_figures(db):
    out = _kamp("concentration", "--db", db, "--json")
    assert out.returncode == 0, out.stderr
    facts = json.loads(out.stdout)
    assert facts["top20_share"] == pytest.approx(0.5)
    assert facts["accounts_for_80pct"] == 2
    assert facts["gini"] == pytest.approx(0.46)
    assert facts["hhi"] == pytest.approx(3550)
    assert facts["effective_accounts"] == pytest.approx(1 / 0.355)


def test_features_command_writes_one_row_per_account(db, tmp_path):
    target = tmp_path / "features.parquet"
    out = _kamp("features", "--db", db, "--out", target)
    assert out.returncode == 0, out.stderr
    df = pd.read_parquet(target)
    assert sorted(df["account_id"]) == ["a", "b", "c", "d", "e"]
    for col in ("frequency", "recency", "T", "monetary_value", "r_score", "f_score", "m_score", "segment",
                "tier", "abc_class", "status", "revenue"):
        assert col in df.columns, col
    e = df.set_index("account_id").loc["e"]
    # e bought on Mar 5, 6 (cancelled Mar 7): three purchase days; revenue 5 + 7 − 7.
    assert (e["revenue"], e["frequency"], e["recency"], e["T"]) == (5, 2, 2, 2)
    assert e["monetary_value"] == pytest.approx((7 - 7) / 2)
    assert df.set_index("account_id")["abc_class"].to_dict() == {"a": "A", "b": "A", "c": "B", "d": "B", "e": "C"}


def test_features_as_of_excludes_later_lines(db):
    out = _kamp("features", "--db", db, "--as-of", "2024-03-02")
    assert out.returncode == 0, out.stderr
    from io import StringIO

    df = pd.read_csv(StringIO(out.stdout))
    assert sorted(df["account_id"]) == ["a", "b"]
    bad = _kamp("features", "--db", db, "--as-of", "yesterday-ish")
    assert bad.returncode == 2 and bad.stderr.startswith("error:") and "Traceback" not in bad.stderr


def test_features_out_as_csv_for_excel_or_a_clear_error(db, tmp_path):
    target = tmp_path / "features.csv"
    out = _kamp("features", "--db", db, "--out", target)
    assert out.returncode == 0, out.stderr
    assert target.read_bytes().startswith(b"\xef\xbb\xbfaccount_id,")
    df = pd.read_csv(target, encoding="utf-8-sig")
    assert sorted(df["account_id"]) == ["a", "b", "c", "d", "e"] and df["first_purchase"].str.fullmatch(r"\d{4}-\d\d-\d\d").all()
    for bad, says in ((tmp_path / "features.xlsx", "write .csv or .parquet"),
                      (tmp_path / "gone" / "features.csv", "does not exist")):
        out = _kamp("features", "--db", db, "--out", bad)
        assert out.returncode == 2 and says in out.stderr and "Traceback" not in out.stderr
        assert not bad.exists()


def test_features_shows_each_step_on_stderr_only_when_asked(db, tmp_path):
    target = tmp_path / "features.parquet"
    out = _kamp("features", "--db", db, "--out", target, "--progress")
    assert out.returncode == 0, out.stderr
    lines = [line for line in out.stderr.splitlines() if not line.startswith("note:")]
    steps = [line.split(" s  ", 1)[1] for line in lines]
    assert steps == ["summing the lines per account", "tiers (k-means)", "RFM scores, segments, ABC classes", "writing"]
    seconds = [float(line.split(" s  ", 1)[0]) for line in lines]
    assert seconds == sorted(seconds)
    assert out.stdout == f"5 accounts as of 2024-03-07 written to {target}\n"
    quiet = _kamp("features", "--db", db, "--out", target)  # stderr is not a terminal here: no steps
    # A week of lines: the year before the last (from 2022-03-09, 729 days before the as-of date) is not in them.
    assert quiet.returncode == 0 and quiet.stderr == (
        "note: the lines begin 2024-03-01, after the year before the last (from 2022-03-09) began: "
        "revenue_prior_12m and growth_12m are left blank\n")
    df = pd.read_parquet(target)
    assert df["revenue_prior_12m"].isna().all() and df["growth_12m"].isna().all()


def test_the_account_table_has_the_columns_an_empty_one_is_written_with(db):
    table, _ = analysis.account_table(store.connect(db))
    assert list(table.columns) == analysis.TABLE_COLUMNS


def test_features_before_the_first_line_writes_every_column_and_says_why_it_is_empty(db, tmp_path):
    target = tmp_path / "none.csv"
    out = _kamp("features", "--db", db, "--as-of", "2020-01-01", "--out", target)
    assert out.returncode == 0, out.stderr
    assert out.stderr == "note: no account has lines on or before 2020-01-01; the first line is dated 2024-03-01\n"
    assert out.stdout == f"0 accounts as of 2020-01-01 written to {target}\n"
    assert target.read_text(encoding="utf-8-sig") == ",".join(analysis.TABLE_COLUMNS) + "\n"
    conc = _kamp("concentration", "--db", db, "--as-of", "2020-01-01", "--json")
    assert conc.returncode == 0 and "first line is dated 2024-03-01" in conc.stderr
    assert json.loads(conc.stdout)["accounts"] == 0
    text = _kamp("concentration", "--db", db, "--as-of", "2020-01-01").stdout
    assert "gini                   —\n" in text and "None" not in text


def test_features_and_concentration_on_a_database_without_lines_say_so(tmp_path):
    db, target = tmp_path / "new.duckdb", tmp_path / "f.csv"
    store.connect(db).close()  # a database, with no import yet
    for args in (("features", "--out", target), ("concentration", "--json")):
        out = _kamp(*args, "--db", db)
        assert out.returncode == 2 and out.stdout == ""
        assert out.stderr == f"error: {db} holds no order lines yet: import some first (python -m kamp import FILE)\n"
    assert not target.exists()


def test_override_survives_recomputation(db):
    con = store.connect(db)
    table, meta = analysis.account_table(con)
    computed = table.set_index("account_id").loc["e", "tier"]
    target = meta["tier_order"][0] if computed != meta["tier_order"][0] else meta["tier_order"][-1]
    analysis.set_tier_override(con, "e", target, "signed a framework agreement", "Li Wei")
    for _ in range(2):
        table, _ = analysis.account_table(con)
        row = table.set_index("account_id").loc["e"]
        assert row["tier"] == target
        assert row["computed_tier"] == computed
        assert row["override_reason"] == "signed a framework agreement"
    with pytest.raises(ValueError):
        analysis.set_tier_override(con, "e", target, "  ")


def test_online_retail_customer_12346_nets_to_zero_and_is_shown(tmp_path):
    con = store.connect(tmp_path / "or.duckdb")
    ingest.import_file(con, DATA / "online_retail.parquet")
    table, meta = analysis.account_table(con)
    assert str(meta["as_of"]) == "2011-12-09"
    assert len(table) == 4372  # every customer, none dropped
    row = table.set_index("account_id").loc["12346"]
    # 18 Jan 2011: 74,215 units at 1.04 and their cancellation the same day.
    assert row["revenue"] == pytest.approx(0, abs=1e-6)
    assert (row["purchase_days"], row["frequency"], row["returns"]) == (1, 0, 1)
    assert row["abc_class"] == "C"


def test_account_table_is_kept_for_a_restarted_dashboard(db, monkeypatch):
    con = store.connect(db)
    first, meta = analysis.stored_account_table(con)
    con.close()
    # A new process (here: a new connection) reads the kept table instead of recomputing.
    con = store.connect(db)
    monkeypatch.setattr(analysis, "account_table", lambda *a, **k: pytest.fail("recomputed"))
    again, meta2 = analysis.stored_account_table(con)
    pd.testing.assert_frame_equal(first.reset_index(drop=True), again.reset_index(drop=True), check_dtype=False)
    assert meta2["as_of"] == meta["as_of"] and meta2["k"] == meta["k"]
    assert meta2["thresholds"]["m"]["high"].tolist() == meta["thresholds"]["m"]["high"].tolist()
    monkeypatch.undo()
    # A new import changes the data version: the kept table no longer answers.
    (db.parent / "more.csv").write_text("customer,date,invoice,sales\nf,2024-03-08,9,1\n", encoding="utf-8")
    ingest.import_file(con, db.parent / "more.csv")
    fresh, _ = analysis.stored_account_table(con)
    assert "f" in set(fresh["account_id"])


def test_concentration_by_quarter_from_the_order_lines(db):
    con = store.connect(db)
    by_quarter = analysis.concentration_by_quarter(con)
    con.close()
    # One quarter (March 2024): 50, 30, 10, 5, 5 of 100. The top 20 % is one account (50 %);
    # two make 80 %; HHI = 50² + 30² + 10² + 5² + 5² = 3,550; Gini from the ascending values
    # 5, 5, 10, 30, 50: 2 × (1·5 + 2·5 + 3·10 + 4·30 + 5·50) / (5 × 100) − 6/5 = 0.46.
    assert len(by_quarter) == 1
    q = by_quarter.iloc[0]
    assert str(q["quarter"].date()) == "2024-01-01"
    assert (q["accounts"], q["top20_share"], q["accounts_for_80pct"]) == (5, 0.5, 2)
    assert q["hhi"] == pytest.approx(3550)
    assert q["effective_accounts"] == pytest.approx(1 / 0.355)
    assert q["gini"] == pytest.approx(0.46)


def test_concentration_by_quarter_of_purchase_days_and_another_top_share(db):
    # purchase days in March 2024: e 3 (the 5th, 6th and 7th), the others 1 each, of 7; the top
    # 40 % (two accounts) hold e's 3 and one more: 4 of 7; gross sales: e's 5 + 7, not less the 7 back
    con = store.connect(db)
    try:
        days = analysis.concentration_by_quarter(con, measure="purchase_days", fraction=0.4).iloc[0]
        gross = analysis.concentration_by_quarter(con, measure="gross_sales").iloc[0]
    finally:
        con.close()
    assert (days["total"], days["top20_share"]) == (7, pytest.approx(4 / 7))
    assert gross["total"] == 50 + 30 + 10 + 5 + 12


def test_concentration_by_quarter_gives_every_top_share_asked_in_one_read(db):
    # March 2024: 50, 30, 10, 5, 5 of 100. Top 20 % = one account (50), 40 % = two (80),
    # 50 % = ceil(2.5) = three (90), 5 % = ceil(0.25) = one (50)
    con = store.connect(db)
    try:
        q = analysis.concentration_by_quarter(con, shares_at=(5, 20, 40, 50)).iloc[0]
    finally:
        con.close()
    assert [q[f"top_share_{p}"] for p in (5, 20, 40, 50)] == pytest.approx([0.5, 0.5, 0.8, 0.9])
    assert q["top20_share"] == pytest.approx(0.5)


@pytest.mark.parametrize("feature", ["margin", "growth_12m"])  # no line has a cost; the lines span one month
def test_tier_features_the_data_lacks_fall_back_to_the_defaults_and_the_command_says_so(db, tmp_path, feature):
    con = store.connect(db)
    store.set_setting(con, "tier_features", [feature])
    table, meta = analysis.account_table(con)
    con.close()
    assert table["tier"].notna().all() and len(table) == 5
    assert (meta["tier_features"], meta["tier_features_empty"]) == (["days_since_last", "orders", "revenue"],
                                                                    [feature])
    out = _kamp("features", "--db", db, "--out", tmp_path / "f.csv")
    assert out.returncode == 0, out.stderr
    assert (f"note: no account has a value for the tier feature {feature}: the tiers are formed on "
            "days_since_last, orders, revenue") in out.stderr
    assert len(pd.read_csv(tmp_path / "f.csv")) == 5


def test_features_export_gives_money_in_cents_so_the_same_data_gives_the_same_file(tmp_path):
    # one account, three days: 0.10 + 0.20 + 100.00 = 100.30 of sales, 0.05 + 0.05 + 33.33 = 33.43 of cost
    (tmp_path / "cents.csv").write_text("customer,date,invoice,sales,cost\nx,2024-03-01,1,0.10,0.05\n"
                                        "x,2024-03-02,2,0.20,0.05\nx,2024-03-03,3,100.00,33.33\n", encoding="utf-8")
    db = tmp_path / "k.duckdb"
    con = store.connect(db)
    ingest.import_file(con, tmp_path / "cents.csv")
    con.close()
    target = tmp_path / "features.csv"
    assert _kamp("features", "--db", db, "--out", target).returncode == 0
    first = target.read_bytes()
    x = pd.read_csv(target, encoding="utf-8-sig", dtype=str).iloc[0]
    # margin 100.30 − 33.43 = 66.87; average order 100.30 / 3 = 33.43; the repeat days' mean (0.20 + 100.00) / 2
    assert (x["revenue"], x["cost"], x["margin"], x["avg_order"], x["monetary_value"]) == \
        ("100.3", "33.43", "66.87", "33.43", "50.1")
    for column in analysis.MONEY_COLUMNS:
        assert pd.isna(x[column]) or len(x[column].partition(".")[2]) <= 2, (column, x[column])
    assert set(analysis.MONEY_COLUMNS) <= set(analysis.TABLE_COLUMNS)
    assert _kamp("features", "--db", db, "--out", target).returncode == 0
    assert target.read_bytes() == first


@pytest.mark.parametrize("lang, top", [("en", "Major"), ("zh", "重要客户")])
def test_a_single_account_is_in_the_top_tier(tmp_path, lang, top):
    (tmp_path / "one.csv").write_text("account id,date,amount,invoice id,product\nS1,2024-03-05,120,I1,P1\n",
                                      encoding="utf-8")
    con = store.connect(tmp_path / "kamp.duckdb")
    ingest.import_file(con, tmp_path / "one.csv")
    table, meta = analysis.account_table(con, lang=lang)
    con.close()
    assert table["tier"].tolist() == [top]
    assert meta["tier_order"] == [top]
