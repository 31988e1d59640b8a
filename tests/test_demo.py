"""The demo data set: deterministic, consistent across kinds, realistic where the product looks."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kamp import demo, schema

END = pd.Timestamp("2026-09-30")
KINDS = ("accounts", "transactions", "contacts", "payments", "interactions")


@pytest.fixture(scope="module")
def data(demo_frames) -> dict[str, pd.DataFrame]:
    return demo_frames


@pytest.fixture(scope="module")
def net(demo_net) -> pd.Series:
    return demo_net


def test_same_seed_gives_identical_frames(data):
    again = demo.generate()
    assert set(again) == set(KINDS)
    for kind in KINDS:
        pd.testing.assert_frame_equal(data[kind], again[kind])


def test_another_seed_gives_other_data():
    a, b = demo.generate(seed=1, n_accounts=150), demo.generate(seed=2, n_accounts=150)
    assert not a["transactions"]["amount"].equals(b["transactions"]["amount"])


def test_columns_are_canonical_schema_fields(data):
    for kind in KINDS:
        names = {f.name for f in schema.fields(kind)}
        assert set(data[kind].columns) <= names, kind
        required = {f.name for f in schema.fields(kind) if f.required}
        assert required <= set(data[kind].columns), kind
    assert list(data["accounts"].columns) == [
        "account_id", "name", "industry", "region", "country", "size_band", "registered_capital",
        "annual_revenue", "listed", "owner", "wallet_estimate"]


def test_accounts(data):
    acc = data["accounts"]
    assert len(acc) == 1200
    assert acc["account_id"].is_unique and acc["name"].is_unique
    assert acc["account_id"].str.fullmatch(r"C\d{4}").all()
    assert set(acc["industry"]) == {"政府", "电信", "金融", "教育", "制造", "交通运输", "IT", "零售", "能源", "医疗"}
    assert set(acc["region"]) == {"华东", "华北", "华南", "西南", "华中", "西北", "东北"}
    assert set(acc["size_band"]) == {"大型", "中型", "小型"} and set(acc["listed"]) == {"是", "否"}
    assert (acc["country"] == "中国").all()
    assert 0.01 <= acc["owner"].isna().mean() <= 0.06
    assert acc["owner"].dropna().nunique() == 90
    assert 0.15 <= acc["wallet_estimate"].isna().mean() <= 0.25


def test_every_row_references_an_existing_account(data):
    ids = set(data["accounts"]["account_id"])
    for kind in ("transactions", "contacts", "payments", "interactions"):
        assert set(data[kind]["account_id"]) <= ids, kind


def test_top_fifth_of_accounts_holds_75_to_85_percent_of_net_revenue(net):
    top = net.sort_values(ascending=False).iloc[: math.ceil(0.2 * len(net))].sum()
    assert 0.75 <= top / net.sum() <= 0.85


def test_some_accounts_net_to_zero_or_below(net):
    assert 2 <= (net <= 0.005).sum() <= 12


def test_line_amount_is_quantity_times_price_less_discount(data):
    tx = data["transactions"]
    assert pd.api.types.is_integer_dtype(tx["quantity"])
    assert (tx["discount"] >= 0).all()
    assert (tx["amount"] - (tx["quantity"] * tx["unit_price"] - tx["discount"])).abs().max() < 0.005
    assert 120_000 <= len(tx) <= 200_000


def test_returns_are_negative_c_invoices_that_refer_to_an_earlier_sale(data):
    tx = data["transactions"]
    credit = tx["invoice_id"].str.startswith("C")
    assert credit.equals(tx["quantity"] < 0)
    assert (tx.loc[credit, "amount"] < 0).all()
    assert 0.02 <= credit.mean() <= 0.03
    sold = tx[~credit].groupby("invoice_id").agg(ts=("ts", "min"), account_id=("account_id", "first"))
    ret = tx[credit].assign(ref=lambda f: f["invoice_id"].str[1:]).merge(
        sold, left_on="ref", right_index=True, how="left", suffixes=("", "_sale"))
    found = ret["ts_sale"].notna()
    assert found.mean() > 0.99
    assert (ret.loc[found, "ts"] > ret.loc[found, "ts_sale"]).all()
    assert (ret.loc[found, "account_id"] == ret.loc[found, "account_id_sale"]).all()


def test_margin_by_product_line_and_discounts_growing_with_account_size(data, net):
    sales = data["transactions"].query("quantity > 0")
    by_line = sales.groupby("product_line")[["amount", "cost"]].sum()
    margin = 1 - by_line["cost"] / by_line["amount"]
    assert len(margin) == 6 and margin.between(0.15, 0.55).all()
    big = net.sort_values(ascending=False).index[:240]
    rate = sales.assign(big=sales["account_id"].isin(big)).groupby("big")[["discount", "amount"]].sum()
    rate = rate["discount"] / (rate["discount"] + rate["amount"])
    assert rate[True] > rate[False] + 0.03


def test_history_is_three_years_of_business_hours_ending_at_end(data):
    ts = data["transactions"]["ts"]
    assert ts.max() < END + pd.Timedelta(days=1)
    assert ts.min() >= END - pd.DateOffset(years=3)
    assert (ts.max() - ts.min()).days >= 1000
    assert ts.dt.hour.between(9, 17).all() and (ts.dt.day_of_week < 5).all()


def test_december_peaks_and_spring_festival_dips(data):
    tx = data["transactions"]
    monthly = tx.groupby(tx["ts"].dt.to_period("M"))["amount"].sum()
    mean = monthly.mean()
    for year in (2024, 2025):
        assert monthly[pd.Period(f"{year}-12", "M")] > 1.3 * mean
    assert monthly[pd.Period("2024-02", "M")] < 0.5 * mean


def test_new_and_dormant_accounts_exist(data):
    tx = data["transactions"]
    span = tx.groupby("account_id")["ts"].agg(["min", "max"])
    silent = (END - span["max"]).dt.days
    assert 0.10 <= silent.between(183, 548).mean() <= 0.30
    assert (span["min"] > END - pd.DateOffset(months=12)).sum() >= 30


def test_contacts(data):
    c = data["contacts"]
    assert set(c["role"]) == set(schema.CONTACT_ROLES)
    assert c["influence"].between(1, 5).all() and c["attitude"].between(-2, 2).all()
    assert (c.loc[c["role"] == "anti_sponsor", "attitude"] < 0).all()
    assert (c.loc[c["role"] == "sponsor", "attitude"] > 0).all()
    per_account = c.groupby("account_id").size()
    assert per_account.between(1, 6).all()
    big = data["accounts"].nlargest(240, "annual_revenue")["account_id"]
    assert (per_account.reindex(big) == 1).sum() >= 3
    assert (~big.isin(c.loc[c["role"] == "sponsor", "account_id"])).sum() >= 3
    assert c["email"].str.fullmatch(r"[a-z]+\.[a-z]+@[a-z]+\.(com|gov|edu)\.cn").all()


def test_payments_one_row_per_sales_invoice(data):
    p, tx = data["payments"], data["transactions"]
    sales = tx[~tx["invoice_id"].str.startswith("C")].groupby("invoice_id")["amount"].sum()
    assert p["invoice_id"].is_unique and set(p["invoice_id"]) == set(sales.index)
    assert np.allclose(p.set_index("invoice_id")["amount"], sales.reindex(p["invoice_id"]).to_numpy())
    assert set((p["due_date"] - p["invoice_date"]).dt.days) <= {30, 60, 90}
    assert p["paid_date"].isna().equals(p["paid_amount"].isna())
    assert (p["paid_amount"].dropna() <= p.loc[p["paid_amount"].notna(), "amount"] + 0.005).all()
    recent = p["invoice_date"] > END - pd.Timedelta(days=30)
    assert p.loc[recent, "paid_date"].isna().mean() > 0.5
    assert p.loc[~recent, "paid_date"].isna().mean() < 0.05
    late = (p["paid_date"] - p["due_date"]).dt.days
    assert 0.05 <= (late > 30).mean() <= 0.3


def test_interactions(data):
    i, c = data["interactions"], data["contacts"]
    assert 5_000 <= len(i) <= 15_000
    assert set(i["kind"]) == set(schema.INTERACTION_KINDS)
    survey = i["kind"] == "survey"
    assert i.loc[survey, "score"].between(1, 5).all() and i.loc[survey, "score"].notna().all()
    assert i.loc[~survey, "score"].isna().all()
    pairs = set(zip(c["account_id"], c["name"]))
    assert all(pair in pairs for pair in zip(i["account_id"], i["contact"]))


def test_the_demos_plans_have_metrics_and_every_milestone_an_owner(demo_db):
    """Worksheet 8 of the demo's plans: three metrics (senior visits 2, a solution workshop 1, a new
    product-line pilot 1) and three milestones, each the account owner's. Saved for the six largest
    this quarter (PLAN_PROGRESS 12, 12, 11, 10, 9, 8 worksheets reach the 8th) and the three largest
    the quarter before: nine worksheets; every milestone overdue today names its owner."""
    import json

    import duckdb

    from kamp import playbooks

    with duckdb.connect(str(demo_db), read_only=True) as con:
        rows = con.execute("""SELECT v.account_id, a.owner, v."values" FROM playbook_versions v
                              JOIN accounts a USING (account_id) WHERE v.worksheet = 'short_term_metrics'""").fetchall()
        late = playbooks.overdue_milestones(con, None, playbooks.current_period())
    assert len(rows) == 9
    for account, owner, values in rows:
        values = json.loads(values)
        assert owner, account
        assert [(m["metric"], m["target"], m["unit"]) for m in values["metrics"]] == [
            ("高层拜访", 2, "次"), ("方案交流会", 1, "场"), ("新产品线试点", 1, "个")]
        assert {m["owner"] for m in values["metrics"]} == {owner} == {m["owner"] for m in values["milestones"]}
    assert len(late) and late["owner"].map(lambda o: isinstance(o, str) and o != "").all()


def test_the_demos_managers_write_their_names_and_notes_in_chinese(demo_db):
    # the demo is a Chinese company: no "demo" or "quarterly assessment" beside its Chinese
    import duckdb

    with duckdb.connect(str(demo_db), read_only=True) as con:
        authors = {r[0] for table in ("playbook_versions", "scorecard_scores", "relationship_assessments", "snapshots")
                   for r in con.execute(f'SELECT DISTINCT author FROM "{table}"').fetchall()}
        notes = {r[0] for r in con.execute("SELECT DISTINCT note FROM relationship_assessments").fetchall()}
    assert authors == {"演示"}
    assert notes == {"季度评估"}


def test_a_demo_saved_under_its_former_name_is_removed_all_the_same(demo_db, tmp_path):
    # a demo built when its managers signed 演示 demo: its judgements, plans and snapshots go with it
    import shutil

    from kamp import demo_build, store

    db = tmp_path / "k.duckdb"
    shutil.copy(demo_db, db)
    con = store.connect(db)
    tables = ("playbook_versions", "scorecard_scores", "relationship_assessments", "snapshots")
    for table in tables:
        con.execute(f"UPDATE \"{table}\" SET author = '演示 demo' WHERE author = '演示'")
    assert all(con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables)
    demo_build.remove(con)
    left = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in (*tables, "snapshot_accounts")}
    con.close()
    assert left == dict.fromkeys((*tables, "snapshot_accounts"), 0)
