"""Every page renders headless (AppTest) on the demo database, in both languages, without an
exception; the shell has the language switch; the i18n table is complete."""
import json
import re
from pathlib import Path

import duckdb
import pytest
from pagetest import costless_db
from streamlit.testing.v1 import AppTest

from kamp import demo_build, i18n, ingest, progress, schema, store

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["pages/overview.py", "pages/import_data.py", "pages/history.py", "pages/customers.py",
         "pages/concentration.py", "pages/tiers.py", "pages/account.py", "pages/scorecards.py", "pages/matrices.py",
         "pages/coverage.py", "pages/relationship.py", "pages/profitability.py", "pages/plan.py", "pages/plans.py"]
TITLES = {"pages/overview.py": "overview.title", "pages/import_data.py": "import.title",
          "pages/history.py": "history.title", "pages/customers.py": "rfm.title",
          "pages/concentration.py": "conc.title", "pages/tiers.py": "tiers.title", "pages/account.py": "account.title",
          "pages/scorecards.py": "card.title", "pages/matrices.py": "matrix.title", "pages/coverage.py": "coverage.title",
          "pages/relationship.py": "relationship.title", "pages/profitability.py": "profit.title",
          "pages/plan.py": "ws.title", "pages/plans.py": "plans.title"}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("pages") / "kamp.duckdb"
    demo_build.rebuild(path)
    return path


def _run(page: str, lang: str, db: Path, **query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    if page != PAGES[0]:
        at.switch_page(page)
        for name, value in query.items():
            at.query_params[name] = value
        at.run()
    return at


def _revenue_per_account(db: Path) -> dict:
    """Net revenue per account straight from the order lines (not through kamp's features)."""
    import duckdb

    with duckdb.connect(str(db)) as con:
        return dict(con.execute("SELECT account_id, sum(amount) FROM transactions GROUP BY 1").fetchall())


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_exception(page, lang, demo_db, monkeypatch):
    monkeypatch.setenv("KAMP_DB", str(demo_db))
    at = _run(page, lang, demo_db)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == i18n.t(TITLES[page], lang)
    # An empty cell reads "—" in a table and stays empty in an editor; Streamlit alone writes "None".
    for table in at.dataframe:
        assert table.proto.HasField("placeholder"), table.value.columns.tolist()
        assert table.proto.placeholder == ("" if table.proto.editing_mode else "—"), table.value.columns.tolist()


def test_overview_shows_demo_headline_figures(demo_db, monkeypatch):
    monkeypatch.setenv("KAMP_DB", str(demo_db))
    at = _run(PAGES[0], "en", demo_db)
    metrics = {m.label: m.value for m in at.metric}
    # The demo company has 1,200 accounts (SPEC: "about 1,200 accounts"), all with orders.
    assert metrics["Accounts"] == "1,200"
    # Heavy tail: the top 20 % of accounts hold 75–85 % of net revenue.
    share = float(metrics["Top 20%, whole period"].rstrip("%"))
    assert 75 <= share <= 85
    # both concentration figures are of the whole period (the Review's are of 12 months; the second
    # tile's help says so): the fewest accounts, largest first, whose net revenue (negatives as zero)
    # reaches 80 %
    revenue = sorted((max(v, 0) for v in _revenue_per_account(demo_db).values()), reverse=True)
    running, fewest = 0.0, 0
    while running < 0.8 * sum(revenue):
        running, fewest = running + revenue[fewest], fewest + 1
    assert metrics["Accounts for 80%"] == f"{fewest:,}"
    # each status's share of the accounts to one place, as the presentation's first slide gives it
    # (890 of 1,200 active: 74.2%, not 74%)
    shares = {m.label: m.delta for m in at.metric if m.label in ("Active", "Dormant", "Lost")}
    assert shares == {s: f"{int(metrics[s].replace(',', '')) / 1200:.1%}" for s in ("Active", "Dormant", "Lost")}
    assert all(len(v.split(".")[-1]) == 2 for v in shares.values())  # one decimal and the % sign



def test_overview_of_lines_without_returns_says_nothing_returned_not_minus_nothing(tmp_path, monkeypatch):
    (tmp_path / "one.csv").write_text("account id,date,amount,invoice id,product\nS1,2024-03-05,120,I1,P1\n"
                                      "S2,2024-03-06,80,I2,P1\n", encoding="utf-8")
    con = store.connect(tmp_path / "kamp.duckdb")
    ingest.import_file(con, tmp_path / "one.csv")
    con.close()
    monkeypatch.setenv("KAMP_DB", str(tmp_path / "kamp.duckdb"))
    at = _run(PAGES[0], "en", tmp_path / "kamp.duckdb")
    returns = next(m for m in at.metric if m.label == "Return lines")
    assert (returns.value, returns.delta) == ("0", "0.00")

@pytest.mark.parametrize("lang, unit, said", [("en", 1e6, "M"), ("zh", 1e8, "亿")])
def test_overview_gives_the_returns_as_a_positive_amount_returned(demo_db, monkeypatch, lang, unit, said):
    # Return lines 4,235 with 215.92M (2.16亿) returned, as the account and profitability pages give returns,
    # not -2.16亿 (the lines' own amounts are negative: they come off the net revenue)
    import duckdb

    monkeypatch.setenv("KAMP_DB", str(demo_db))
    with duckdb.connect(str(demo_db)) as con:
        lines, returned = con.execute("SELECT count(*), -sum(amount) FROM transactions WHERE amount < 0").fetchone()
    assert 1e8 <= returned < 1e9  # hundreds of millions: M in English, 亿 in Chinese
    at = _run(PAGES[0], lang, demo_db)
    returns = next(m for m in at.metric if m.label == i18n.t("overview.returns", lang))
    assert returns.value == f"{lines:,}"
    assert returns.delta == f"{returned / unit:,.2f}{said}"
    assert i18n.t("overview.returns_value", lang) == ("returned" if lang == "en" else "退货金额")


def test_overview_counts_every_account_in_one_status(demo_db, monkeypatch):
    monkeypatch.setenv("KAMP_DB", str(demo_db))
    at = _run(PAGES[0], "en", demo_db)
    metrics = {m.label: m.value for m in at.metric}
    counts = [int(metrics[label].replace(",", "")) for label in ("Active", "Dormant", "Lost")]
    assert sum(counts) == 1200 and all(c > 0 for c in counts)
    # each count opens the list of its accounts (the largest first), and the Customers page lists
    # the same ones when asked for that status
    listed = {}
    for status, n in zip(("active", "dormant", "lost"), counts):
        ids = at.dataframe(key=f"status_{status}").value["link"].str.extract(r"account=([^&]*)")[0]
        assert len(ids) == n
        listed[status] = set(ids)
    assert set.union(*listed.values()) == set(_revenue_per_account(demo_db))
    revenue = at.dataframe(key="status_lost").value["revenue"].tolist()
    assert revenue == sorted(revenue, reverse=True)
    at = _run("pages/customers.py", "en", demo_db, status="lost")
    assert not at.exception, [e.value for e in at.exception]
    ids = at.dataframe(key="accounts").value["link"].str.extract(r"account=([^&]*)")[0]
    assert set(ids) == listed["lost"]


def test_overview_counts_the_top_tier_and_states_the_as_of_date(demo_db, monkeypatch):
    import duckdb

    monkeypatch.setenv("KAMP_DB", str(demo_db))
    at = _run(PAGES[0], "en", demo_db)
    metrics = {m.label: m.value for m in at.metric}
    # The top tier is the cluster with the highest mean revenue (tiers are named in that order).
    from kamp import analysis, store
    con = store.connect(demo_db)
    table, _ = analysis.account_table(con, None, "en")
    top = table.groupby("tier")["revenue"].mean().idxmax()
    assert metrics[top] == f"{(table['tier'] == top).sum():,}"
    last = duckdb.connect(str(demo_db)).execute("SELECT max(ts)::DATE FROM transactions").fetchone()[0]
    assert any(c.value.startswith(f"As of {last:%Y-%m-%d} · Period") for c in at.caption)


def test_concentration_shows_gini_hhi_and_non_positive_accounts(demo_db, monkeypatch):
    import numpy as np

    monkeypatch.setenv("KAMP_DB", str(demo_db))
    at = _run("pages/concentration.py", "en", demo_db)
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    # Worked out here from the lines: Gini = Σ|xi − xj| ÷ (2 n² mean) with negative revenue as 0;
    # HHI = Σ (100 × share)²; effective accounts = 1 ÷ Σ share².
    revenue = np.clip(np.array(list(_revenue_per_account(demo_db).values()), dtype=float), 0, None)
    n = len(revenue)
    gini = np.abs(revenue[:, None] - revenue[None, :]).sum() / (2 * n * n * revenue.mean())
    share = revenue / revenue.sum()
    assert metrics["Gini"] == f"{gini:.3f}"
    assert metrics["HHI"] == f"{(100 * share) ** 2 @ np.ones(n):,.0f}"
    assert metrics["Effective accounts"] == f"{1 / (share ** 2).sum():,.1f}"
    non_positive = sum(v <= 0 for v in _revenue_per_account(demo_db).values())
    assert metrics["Zero or negative"] == str(non_positive)
    assert any(f"the {non_positive} with zero or negative" in c.value for c in at.caption)
    # the period those figures cover, said above them: the first line's day to the analysis date
    import duckdb

    first, last = duckdb.connect(str(demo_db)).execute("SELECT min(ts)::DATE, max(ts)::DATE FROM transactions").fetchone()
    assert any(c.value.startswith(f"Whole period: the lines from {first:%Y-%m-%d} to {last:%Y-%m-%d}, the analysis "
                                  "date") for c in at.caption)
    at = _run("pages/concentration.py", "zh", demo_db, as_of="2025-06-30")
    assert any(c.value.startswith(f"全期：{first:%Y-%m-%d} 至 2025-06-30（分析日）") for c in at.caption)


def test_concentration_keeps_an_abc_cut_with_a_decimal_and_saves_only_the_one_changed(demo_db, tmp_path, monkeypatch):
    from pagetest import app_copy

    db = app_copy(demo_db, tmp_path, monkeypatch)
    with store.connect(db) as con:
        store.set_setting(con, "abc_cuts", [0.725, 0.95])  # A = 72.5 %, as Settings can save it
    at = _run("pages/concentration.py", "en", db)
    assert (at.number_input(key="conc_abc.a").value, at.number_input(key="conc_abc.b").value) == (72.5, 95.0)
    assert at.number_input(key="conc_abc.a").format == "%.1f"
    at.number_input(key="conc_abc.b").set_value(96.0)
    next(b for b in at.button if b.label == i18n.t("conc.save_cuts", "en")).click().run()
    with store.connect(db) as con:
        assert store.get_setting(con, "abc_cuts") == [0.725, 0.96]
        store.set_setting(con, "abc_cuts", [0.7, 0.9])  # saved elsewhere (Settings, another tab) since
    at.run()
    assert [w.value for w in at.warning] == [
        "Saved elsewhere (another tab, or someone else) since this page showed it: ABC cuts. Saving here keeps that "
        "unless you change the same setting."]
    at.number_input(key="conc_abc.a#1").set_value(75.0)
    next(b for b in at.button if b.label == i18n.t("conc.save_cuts", "en")).click().run()
    assert [e.value for e in at.error] == [
        "Not saved: ABC cuts was saved elsewhere since this page showed it, and saving here would undo that. Load the "
        "stored values, then make your change again."]
    with store.connect(db) as con:
        assert store.get_setting(con, "abc_cuts") == [0.7, 0.9]


def test_the_concentration_total_says_it_is_of_the_accounts_above_zero(demo_db, monkeypatch):
    # The Pareto's total leaves out the accounts at zero or below, so it is more than the net revenue
    # the Overview gives (94.41亿 against 94.40亿): the caption says which it is, and gives both.
    monkeypatch.setenv("KAMP_DB", str(demo_db))
    revenue = _revenue_per_account(demo_db).values()
    above, net, k = sum(v for v in revenue if v > 0), sum(revenue), sum(v <= 0 for v in revenue)
    assert f"{above / 1e8:,.2f}" != f"{net / 1e8:,.2f}" and f"{above / 1e9:,.2f}" == f"{net / 1e9:,.2f}" and k > 0
    for lang, said in (("zh", [f"总额 {above / 1e8:,.2f}亿 是净收入为正的客户之和", f"{k} 个为零或负的客户按无贡献计",
                               f"全部客户的净收入 {net / 1e8:,.2f}亿"]),
                       # in English both read 9.44B: given in full, so that they differ
                       ("en", [f"The total, {above:,.2f}, is the", "of the accounts above zero",
                               f"the {k} accounts at zero or below count as none", f"of every account {net:,.2f}"])):
        at = _run("pages/concentration.py", lang, demo_db)
        caption = next(c.value for c in at.caption if said[0] in c.value)
        assert all(part in caption for part in said), caption


def test_customers_lists_the_default_segments_and_filters_accounts(demo_db, monkeypatch):
    monkeypatch.setenv("KAMP_DB", str(demo_db))
    at = _run("pages/customers.py", "zh", demo_db)
    assert not at.exception
    rules = at.data_editor(key="rules_editor").value
    # SPEC "RFM": the eleven default segments, each with a Chinese name.
    assert sorted(rules["segment"]) == sorted(["Champions", "Loyal", "Potential Loyalist", "New", "Promising",
                                               "Need Attention", "About to Sleep", "At Risk", "Can't Lose Them",
                                               "Hibernating", "Lost"])
    assert rules["name_zh"].str.len().gt(0).all()
    assert len(at.dataframe(key="accounts").value) == 1200
    at.selectbox(key="segment").set_value("Lost").run()
    shown = at.dataframe(key="accounts").value
    assert 0 < len(shown) < 1200 and set(shown["segment"]) == {"流失客户"}
    assert at.query_params["segment"] == "Lost"


def test_the_segment_table_gives_money_in_the_units_of_the_other_figures(demo_db, monkeypatch):
    # English k / M / B with the unit in the header (never Streamlit's compact "183K"): the demo's
    # segments typically sum to millions, so the column is in M, and it adds up to the net revenue
    monkeypatch.setenv("KAMP_DB", str(demo_db))
    at = _run("pages/customers.py", "en", demo_db)
    shown = next(d for d in at.dataframe if "revenue_share" in d.value.columns)
    revenue = json.loads(shown.proto.columns)["revenue"]
    assert (revenue["label"], revenue["type_config"]["format"]) == ("Net revenue (M)", "%,.2f")
    assert 1 <= shown.value["revenue"].median() < 1_000
    assert shown.value["revenue"].sum() * 1e6 == pytest.approx(sum(_revenue_per_account(demo_db).values()))


def _export(folder: Path) -> tuple[Path, str]:
    """An export named as the database by mistake, and what the app says of it."""
    path = folder / "orders.csv"
    path.write_text("Customer ID,Date,Amount\nK1,2024-03-05,10\n", encoding="utf-8")
    return path, (f"{path} is not a KAMP database (a DuckDB file): KAMP neither opens nor overwrites it; name "
                  "another file with --db / 这不是 KAMP 数据库文件")


def _warehouse(folder: Path) -> tuple[Path, str]:
    """Another program's DuckDB database (one table, sales), and what the app says of it."""
    path = folder / "warehouse.duckdb"
    duckdb.connect(str(path)).execute("CREATE TABLE sales AS SELECT range AS id FROM range(10)").close()
    return path, (f"{path} holds other tables (sales) and is not a KAMP database: KAMP neither changes nor "
                  "replaces it; name another file with --db / 此文件含有其他数据表，不是 KAMP 数据库")


@pytest.mark.parametrize("make", [_export, _warehouse])
def test_a_database_path_naming_another_file_is_said_and_the_file_left_alone(tmp_path, monkeypatch, make):
    path, said = make(tmp_path)  # KAMP_DB set to it by mistake
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    monkeypatch.setenv("KAMP_DB", str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == [said]
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_customers_rule_editor_reports_a_bad_range_and_blocks_saving(demo_db, monkeypatch):
    monkeypatch.setenv("KAMP_DB", str(demo_db))
    at = _run("pages/customers.py", "en", demo_db)
    save = next(b for b in at.button if b.label == "Save rules")
    assert save.disabled  # nothing edited yet
    # Champions R from 5 to 3: an empty range.
    at.session_state["rules_editor"] = {"edited_rows": {"0": {"r_min": 5, "r_max": 3}}, "added_rows": [],
                                        "deleted_rows": []}
    at.run()
    assert not at.exception
    assert at.error and "Champions: R from 5 – R to 3 must satisfy" in at.error[0].value
    assert next(b for b in at.button if b.label == "Save rules").disabled


def test_customers_rule_save_refuses_to_undo_rules_saved_elsewhere_since(demo_db, tmp_path, monkeypatch):
    from pagetest import app_copy

    db = app_copy(demo_db, tmp_path, monkeypatch)
    first, second = _run("pages/customers.py", "en", db), _run("pages/customers.py", "en", db)  # two tabs
    first.session_state["rules_editor"] = {"edited_rows": {"0": {"name_zh": "冠军甲"}}, "added_rows": [],
                                           "deleted_rows": []}
    first.run()
    first.button(key="save_rules").click().run()
    second.session_state["rules_editor"] = {"edited_rows": {"1": {"name_zh": "忠诚乙"}}, "added_rows": [],
                                            "deleted_rows": []}
    second.run()
    assert [w.value for w in second.warning] == [
        "Saved elsewhere (another tab, or someone else) since this page showed it: RFM segment table. Saving here "
        "keeps that unless you change the same setting."]
    second.button(key="save_rules").click().run()
    assert [e.value for e in second.error] == [
        "Not saved: RFM segment table was saved elsewhere since this page showed it, and saving here would undo "
        "that. Load the stored values, then make your change again."]
    with store.connect(db) as con:
        saved = store.get_setting(con, "rfm_segments")
    assert [r["name_zh"] for r in saved[:2]] == ["冠军甲", "忠诚客户"]  # the first tab's edit, not undone
    second.button(key="rules_reload").click().run()  # drawn afresh from the stored rules
    assert not second.warning and second.data_editor(key="rules_editor#1").value["name_zh"].iloc[0] == "冠军甲"


def test_selecting_an_account_row_opens_the_account_page(demo_db, monkeypatch):
    monkeypatch.setenv("KAMP_DB", str(demo_db))
    at = _run("pages/customers.py", "en", demo_db)
    first = at.dataframe(key="accounts").value.iloc[0]
    at.session_state["accounts"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert at.title[0].value == "Account"
    assert at.query_params["account"] == first["link"].split("account=")[1].split("&")[0]


def _account_name(db: Path, account: str) -> str:
    import duckdb

    with duckdb.connect(str(db)) as con:
        return con.execute("SELECT name FROM accounts WHERE account_id = ?", [account]).fetchone()[0]


def test_account_page_shows_the_account_from_the_link(demo_db, monkeypatch):
    monkeypatch.setenv("KAMP_DB", str(demo_db))
    revenue = _revenue_per_account(demo_db)
    largest = max(revenue, key=revenue.get)
    at = _run("pages/account.py", "en", demo_db, account=largest)
    assert not at.exception
    assert at.header[0].value == _account_name(demo_db, largest)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Net revenue"] == f"{revenue[largest] / 1e6:,.2f}M"


@pytest.mark.parametrize("lang, dso, days", [("zh", "周转天数（天）", "天"), ("en", "DSO (days)", "days")])
def test_the_account_receivables_give_the_dso_in_days_as_the_oldest_overdue(demo_db, monkeypatch, lang, dso, days):
    # DSO 125 beside Oldest overdue 987 days: both in days, the one in its label, the other in its value
    monkeypatch.setenv("KAMP_DB", str(demo_db))
    revenue = _revenue_per_account(demo_db)
    at = _run("pages/account.py", lang, demo_db, account=max(revenue, key=revenue.get))
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert re.fullmatch(r"\d[\d,]*", metrics[dso])
    oldest = metrics[i18n.t("account.oldest_overdue", lang)]
    assert oldest == "—" or oldest.endswith(f" {days}")


def test_account_page_takes_an_id_link_and_says_when_no_account_has_it(demo_db, monkeypatch):
    monkeypatch.setenv("KAMP_DB", str(demo_db))
    revenue = _revenue_per_account(demo_db)
    largest = max(revenue, key=revenue.get)
    at = _run("pages/account.py", "en", demo_db, id=largest)
    assert not at.exception
    assert at.query_params["account"] == largest and at.header  # the account's card
    at = _run("pages/account.py", "en", demo_db, account="NO-SUCH")
    assert not at.exception
    assert [w.value for w in at.warning] == ["No account NO-SUCH has order lines: choose one below."]


def test_account_page_opens_an_id_link_to_an_account_beyond_the_choosers_largest(demo_db, monkeypatch):
    monkeypatch.setenv("KAMP_DB", str(demo_db))
    monkeypatch.setattr("pages._lists.MAX_CHOICES", 50)  # the chooser offers the 50 largest of 1,200
    revenue = _revenue_per_account(demo_db)
    smallest = min(revenue, key=revenue.get)
    at = _run("pages/account.py", "en", demo_db, id=smallest)
    assert not at.exception
    assert not [w.value for w in at.warning if "order lines" in w.value]
    assert at.query_params["account"] == smallest
    assert at.header[0].value == _account_name(demo_db, smallest)


def test_account_page_says_an_account_has_a_record_and_contacts_but_no_lines_yet(tmp_path, monkeypatch):
    from kamp import ingest, store

    # K1 has lines; 88050 is in the accounts file, with one contact and two interactions, and no lines
    db = tmp_path / "n.duckdb"
    con = store.connect(db)
    for name, text, kind in (("a.csv", "Customer ID,Date,Amount\nK1,2024-03-05,10\n", "transactions"),
                             ("acc.csv", "Customer ID,Name\n88050,华东精工\n", "accounts"),
                             ("c.csv", "Customer ID,Name\n88050,张三\n", "contacts"),
                             ("i.csv", "Customer ID,Date,Type\n88050,2024-03-12,visit\n88050,2024-03-19,call\n",
                              "interactions")):
        (tmp_path / name).write_text(text, encoding="utf-8")
        ingest.import_file(con, tmp_path / name, kind)
    con.close()
    monkeypatch.setenv("KAMP_DB", str(db))
    at = _run("pages/account.py", "en", db, account="88050")
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "华东精工 (88050) has an account record, 1 contact, 2 interactions and 0 invoices, but no order lines yet: the "
        "analyses leave it out until its lines are imported. Choose an account with lines below."]
    at = _run("pages/account.py", "zh", db, account="88050")
    assert [w.value for w in at.warning] == [
        "华东精工（88050）已有客户档案、1 位联系人、2 条联络记录和 0 张发票，但还没有订单行：导入其订单行之前，各项分析不包含该客户。"
        "请在下方选择有订单行的客户。"]
    # 088050 has a contact but neither a record nor lines: said, with a hint at how ids get split
    con = store.connect(db)
    (tmp_path / "c2.csv").write_text("Customer ID,Name\n088050,王五\n", encoding="utf-8")
    ingest.import_file(con, tmp_path / "c2.csv", "contacts")
    con.close()
    at = _run("pages/account.py", "en", db, account="088050")
    assert [w.value for w in at.warning] == [
        "088050 has 1 contact, 0 interactions and 0 invoices but neither an account record nor order lines: the "
        "analyses leave it out until its lines are imported (is it another account's id written another way?). "
        "Choose an account with lines below."]


def _records_only_db(folder: Path) -> Path:
    """Five account records F0 … F4 and one contact of F1, and no order line at all."""
    db = folder / "r.duckdb"
    con = store.connect(db)
    rows = "".join(f"F{i},Firm {i},Retail,East\n" for i in range(5))
    for name, text, kind in (("acc.csv", "account id,name,industry,region\n" + rows, "accounts"),
                             ("c.csv", "account id,name,title,role,influence,attitude\n"
                                       "F1,Zhang San,CEO,decision maker,5,2\n", "contacts")):
        (folder / name).write_text(text, encoding="utf-8")
        ingest.import_file(con, folder / name, kind)
    con.close()
    return db


def test_account_and_plan_pages_name_an_account_with_a_record_when_no_account_has_lines(tmp_path, monkeypatch):
    db = _records_only_db(tmp_path)
    monkeypatch.setenv("KAMP_DB", str(db))
    en = ("Firm 1 (F1) has an account record, 1 contact, 0 interactions and 0 invoices, but no order lines yet: the "
          "analyses leave it out until its lines are imported. No account has order lines yet: import them on the "
          "Import data page.")
    for page in ("pages/account.py", "pages/plan.py"):
        at = _run(page, "en", db, account="F1")
        assert not at.exception
        assert [w.value for w in at.warning] == [en]
        assert not [i.value for i in at.info if "No transactions yet" in i.value]
    at = _run("pages/account.py", "zh", db, account="F1")
    assert [w.value for w in at.warning] == [
        "Firm 1（F1）已有客户档案、1 位联系人、0 条联络记录和 0 张发票，但还没有订单行：导入其订单行之前，各项分析不包含该客户。"
        "还没有任何客户的订单行：请在“导入数据”页面导入。"]
    # an id the database holds nothing of: the empty database is said, as before
    at = _run("pages/account.py", "en", db, account="F9")
    assert not at.warning
    assert [i.value for i in at.info] == ["No transactions yet. Import an export on the Import data page."]


def test_account_page_names_the_accounts_country_and_leaves_out_unknown_fields(tmp_path, monkeypatch):
    # Order lines as Online Retail has them: the country is the only thing said of an account
    db = tmp_path / "kamp.duckdb"
    (tmp_path / "lines.csv").write_text("CustomerID,InvoiceDate,InvoiceNo,Quantity,UnitPrice,Country\n"
                                        "12347,2011-03-05,536365,6,2.55,Iceland\n"
                                        "12348,2011-03-06,536366,2,3.39,\n", encoding="utf-8")
    con = store.connect(db)
    ingest.import_file(con, tmp_path / "lines.csv")
    con.close()
    monkeypatch.setenv("KAMP_DB", str(db))
    for lang, line in (("en", "**Id** 12347 · **Country** Iceland"), ("zh", "**编号** 12347 · **国家/地区** Iceland")):
        at = _run("pages/account.py", lang, db, account="12347")
        assert not at.exception, [e.value for e in at.exception]
        assert line in [m.value for m in at.markdown]
    at = _run("pages/account.py", "en", db, account="12348")  # no country: its id alone, no row of dashes
    assert "**Id** 12348" in [m.value for m in at.markdown]
    assert not [m.value for m in at.markdown if "—" in m.value and "**Id**" in m.value]


def _lines_db(folder: Path, rows: list[str]) -> Path:
    """A database of order lines ``rows`` (CustomerID,InvoiceDate,InvoiceNo,StockCode,Quantity,UnitPrice)."""
    folder.mkdir()
    (folder / "lines.csv").write_text("CustomerID,InvoiceDate,InvoiceNo,StockCode,Quantity,UnitPrice\n"
                                      + "\n".join(rows) + "\n", encoding="utf-8")
    con = store.connect(folder / "kamp.duckdb")
    ingest.import_file(con, folder / "lines.csv")
    con.close()
    return folder / "kamp.duckdb"


@pytest.mark.parametrize("page", ["pages/concentration.py", "pages/customers.py", "pages/tiers.py"])
def test_ranking_pages_say_net_revenue_counts_the_postage_lines(page, tmp_path, monkeypatch):
    # POST is a default non-product code: two postage lines, one of them after 10 March
    goods = [f"K{i},2011-03-0{i},53636{i},85123A,{i},2.55" for i in range(1, 7)] + ["K7,2011-03-21,536367,84406B,8,2.75"]
    postage = ["K1,2011-03-01,536361,POST,1,18", "K2,2011-03-20,536368,POST,1,18"]
    said = "Fees, postage and adjustments (non-product codes): {n}, counted in net revenue as invoiced"
    db = _lines_db(tmp_path / "post", goods + postage)
    monkeypatch.setenv("KAMP_DB", str(db))
    for query, n in (({}, "2 lines"), ({"as_of": "2011-03-10"}, "1 line")):
        at = _run(page, "en", db, **query)
        assert not at.exception, [e.value for e in at.exception]
        assert [c.value for c in at.caption if "non-product" in c.value] == [
            said.format(n=n) + "; product lists leave them out, and so does `kamp features --products-only`."]
    at = _run(page, "zh", db)
    assert [c.value for c in at.caption if "非产品编码" in c.value] == [
        "2 行为费用、运费或调整（非产品编码）：按开票计入净收入；产品列表不计它们，命令行的“仅产品”选项（--products-only）也不计。"]
    db = _lines_db(tmp_path / "goods", goods)  # goods alone: nothing to say
    monkeypatch.setenv("KAMP_DB", str(db))
    at = _run(page, "en", db)
    assert not at.exception, [e.value for e in at.exception]
    assert not [c.value for c in at.caption if "non-product" in c.value]


def test_tier_override_is_stored_and_shown(demo_db, tmp_path, monkeypatch):
    import shutil

    db = tmp_path / "kamp.duckdb"
    shutil.copy(demo_db, db)  # this test writes
    monkeypatch.setenv("KAMP_DB", str(db))
    at = _run("pages/tiers.py", "en", db)
    assert not at.exception
    assert any("No overrides yet" in c.value for c in at.caption)
    revenue = _revenue_per_account(db)
    smallest = min(revenue, key=revenue.get)
    at.sidebar.text_input(key="author.box").input("Li Na")
    at.selectbox(key="ov_account").set_value(smallest)
    at.selectbox(key="ov_tier").set_value("Major")
    at.text_input(key="ov_reason").input("Signed a framework contract")
    at.button[[b.label for b in at.button].index("Save override")].click().run()
    assert not at.exception
    at.run()
    saved = next(d.value for d in at.dataframe if "reason" in d.value.columns)
    row = saved[saved["account_id"] == smallest].iloc[0]
    assert (row["tier"], row["reason"], row["author"]) == ("Major", "Signed a framework contract", "Li Na")
    assert row["computed_tier"] != "Major"  # the smallest account is not in the top tier by itself
    # The override survives recomputation: the account page, in Chinese, shows the top tier.
    at = _run("pages/account.py", "zh", db, account=smallest)
    assert not at.exception
    assert any("级别：重要客户" in m.value for m in at.markdown)  # the tier badge
    assert any(re.search(r"ABC：[ABC]\]", m.value) for m in at.markdown)  # and the ABC class's, with a full-width colon
    assert any("Signed a framework contract" in c.value for c in at.caption)


def test_override_list_shows_the_tier_an_override_means_after_a_scheme_switch(demo_db, tmp_path, monkeypatch):
    import shutil

    from kamp import analysis

    db = tmp_path / "kamp.duckdb"
    shutil.copy(demo_db, db)  # this test writes
    monkeypatch.setenv("KAMP_DB", str(db))
    con = store.connect(db)
    analysis.set_tier_override(con, "C0217", "Mass-market", "Only buys spares")
    store.set_setting(con, "tier_scheme", "metals")
    store.set_setting(con, "tier_k", 3)
    con.close()
    at = _run("pages/tiers.py", "zh", db)
    assert not at.exception, [e.value for e in at.exception]
    saved = next(d.value for d in at.dataframe if "reason" in d.value.columns).set_index("account_id")
    # the bottom tier of the pyramid is the bottom of the three metals: 银卡客户 (seed 004's 银卡), as the
    # account table has it
    assert (saved.at["C0217", "tier"], saved.at["C0217", "saved_tier"]) == ("银卡客户", "不重要客户")


def test_using_the_tiers_settings_everywhere_keeps_what_settings_saved_since(demo_db, tmp_path, monkeypatch):
    from pagetest import app_copy

    db = app_copy(demo_db, tmp_path, monkeypatch)
    at = _run("pages/tiers.py", "en", db)  # the pyramid of 4 tiers
    con = store.connect(db)
    store.set_setting(con, "tier_scheme", "metals")  # saved in Settings, in another tab
    con.close()
    at.selectbox(key="tiers.k").set_value(3).run()
    at.button(key="save_settings").click().run()
    assert not at.exception, [e.value for e in at.exception]
    con = store.connect(db)
    assert (store.get_setting(con, "tier_k"), store.get_setting(con, "tier_scheme")) == (3, "metals")
    con.close()
    assert at.selectbox(key="tiers.scheme#1").value == "metals"  # drawn afresh from what is stored


def test_history_lists_the_demo_imports(demo_db, monkeypatch):
    monkeypatch.setenv("KAMP_DB", str(demo_db))
    at = _run("pages/history.py", "en", demo_db)
    log = at.dataframe[0].value
    assert sorted(log["kind"]) == sorted(["Accounts", "Transactions (order lines)", "Contacts",
                                          "Payments / receivables", "Interactions"])
    at = _run("pages/history.py", "zh", demo_db)
    assert sorted(at.dataframe[0].value["kind"]) == sorted(["客户", "交易（订单行）", "联系人", "回款 / 应收", "联络记录"])


def test_empty_database_points_to_import(tmp_path, monkeypatch):
    # A database file that exists but holds nothing: the overview says so instead of failing.
    from kamp import store

    db = tmp_path / "empty.duckdb"
    store.connect(db).close()
    monkeypatch.setenv("KAMP_DB", str(db))
    at = _run(PAGES[0], "en", db)
    assert not at.exception
    assert at.info[0].value == i18n.t("overview.empty", "en")


def test_every_text_has_both_languages():
    for key, (en, zh) in i18n.TEXTS.items():
        assert en.strip() and zh.strip(), key
        assert set(re.findall(r"{(\w+)", en)) == set(re.findall(r"{(\w+)", zh)), key


def test_english_texts_write_a_percentage_without_a_space():
    # 80%, as the figures beside them read (Top 20% → 81.0%), not "Accounts for 80 %"
    spaced = [key for key, (en, _) in i18n.TEXTS.items() if re.search(r"[\d}] %", en)]
    assert spaced == []


@pytest.mark.parametrize("label, lang, said", [
    ("Net revenue", "en", "net revenue"), ("Purchase days", "en", "purchase days"), ("Orders", "en", "orders"),
    ("HHI", "en", "HHI"), ("R score", "en", "R score"), ("WeChat contacts", "en", "WeChat contacts"),
    ("净收入", "zh", "净收入")])
def test_a_measure_named_within_a_sentence_is_in_lower_case_in_english(label, lang, said):
    assert i18n.in_sentence(label, lang) == said


def test_a_count_of_one_takes_the_singular_in_english():
    assert i18n.t("overview.held.imports", "en", n=1, rejected=0) == "1 import so far; 0 rows rejected with reasons."
    assert i18n.t("overview.held.imports", "en", n=2, rejected=1) == "2 imports so far; 1 row rejected with reasons."
    assert i18n.t("coverage.unowned_caption", "en", n=1).startswith("1 account has no sales rep")
    assert i18n.t("coverage.unowned_caption", "en", n=3).startswith("3 accounts have no sales rep")
    assert i18n.t("account.days_ago", "en", n=1) == "1 day ago"
    assert i18n.t("account.days_ago", "en", n=1200) == "1,200 days ago"
    assert i18n.t("overview.held.imports", "zh", n=1, rejected=1) == "已导入 1 次；1 行因故被拒绝。"
    # every such choice names a value the text is given, in English only, and leaves no brace behind
    for key, (en, zh) in i18n.TEXTS.items():
        choices = re.findall(r"{(\w+)\?[^|{}]*\|[^{}]*}", en)
        assert set(choices) <= set(re.findall(r"{(\w+)[:}]", en)) | set(re.findall(r"{(\w+)", zh)), key
        assert "?" not in "".join(re.findall(r"{[^}]*}", zh)), key


def test_every_key_the_code_uses_exists():
    used = set()
    for path in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("kamp/*.py")]:
        used |= set(re.findall(r"""\b(?:tr|t)\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""", path.read_text("utf-8")))
    # Keys built at run time.
    used |= {f"import.kind.{k}" for k in schema.KINDS}
    used |= {f"import.phase.{p}" for p in (*progress.PHASES, *progress.SHEET_PHASES)}
    used |= {f"import.{k}" for k in ("rows_read", "rows_loaded", "rows_rejected", "rows_present")}
    used |= {f"overview.held.{k}" for k in ("account_records", "contacts", "payments", "interactions")}
    used |= {f"sidebar.as_of_moved.{k}" for k in ("early", "today", "last", "none")}
    from kamp import accounts, tiers

    used |= {f"status.{s}" for s in accounts.STATUSES} | {f"status.{s}_help" for s in accounts.STATUSES}
    used |= {f"quadrant.{q}" for q in accounts.QUADRANTS} | {f"tiers.scheme.{s}" for s in tiers.SCHEMES}
    used |= {f"col.{c}" for c in accounts.INDICATORS + accounts.TIER_FEATURES}
    used |= {f"chart.score_{x}" for x in "rfm"} | {f"chart.score_{x}_axis" for x in "rfm"}
    used |= {f"chart.basis_{b}" for b in ("wallet", "growth")}
    from kamp import matrices, strategy_grid

    used |= {f"strategy.{k}" for k, _en, _zh in strategy_grid.STRATEGIES}
    used |= {f"matrix.basis.{b}" for b in matrices.STRENGTH_BASES}
    used |= {f"matrix.none.{b}" for b in (*matrices.STRENGTH_BASES, "scorecard")}
    used |= {f"card.rule.{r}" for r in ("mean", "threshold")} | {f"card.entity.{e}" for e in ("account", "industry")}
    missing = sorted(k for k in used if k not in i18n.TEXTS)
    assert not missing
    assert len(used) > 40


def test_library_never_imports_streamlit():
    offenders = [p.name for p in (ROOT / "kamp").rglob("*.py")
                 if re.search(r"^\s*(import streamlit|from streamlit)", p.read_text("utf-8"), re.M)]
    assert offenders == []


def test_pages_hold_no_sql():
    for page in ROOT.glob("pages/*.py"):
        text = page.read_text("utf-8")
        assert not re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\b\s.*\b(FROM|INTO|SET)\b", text), page.name


def test_history_says_how_many_rejected_rows_it_lists_of_all(tmp_path, monkeypatch):
    from kamp import ingest, store

    db, csv = tmp_path / "r.duckdb", tmp_path / "no_ids.csv"
    # 3 good lines and 1,205 without an account id
    csv.write_text("Customer ID,Date,Amount\n" + "K1,2024-03-05,10\n" * 3 +
                   "".join(f",2024-03-05,{i}\n" for i in range(1205)), encoding="utf-8")
    con = store.connect(db)
    ingest.import_file(con, csv)
    con.close()
    monkeypatch.setenv("KAMP_DB", str(db))
    from pagetest import record_downloads

    names = {}
    record_downloads(monkeypatch, names)
    at = _run("pages/history.py", "zh", db)
    assert not at.exception
    assert names["dl-rejects-1"] == "被拒绝的行_1_no_ids.csv"  # in the page's language, of import #1 of no_ids.csv
    reasons, listed = at.dataframe[2].value, at.dataframe[3].value  # under the log and its columns read
    assert reasons["n"].tolist() == [1205]
    assert reasons["reason"].tolist() == ["缺少客户编号"]  # kept as "no account id (缺少客户编号)"
    assert len(listed) == 1000 and listed["row"].iloc[0] == 5  # header row 1, three good rows
    # the file's own columns, as read: the amount of the first bad row was 0
    assert list(listed.columns) == ["row", "reason", "Customer ID", "Date", "Amount"]
    assert listed.iloc[0][["reason", "Date", "Amount"]].tolist() == ["缺少客户编号", "2024-03-05", "0"]
    assert any("共 1,205 行被拒绝" in c.value for c in at.caption)


def test_history_undoes_an_import(tmp_path, monkeypatch):
    from kamp import ingest, store

    db = tmp_path / "u.duckdb"
    con = store.connect(db)
    for name, rows in (("a.csv", "K1,2024-03-05,10\nK2,2024-03-06,20\n"), ("b.csv", "K3,2024-04-02,9\n")):
        (tmp_path / name).write_text("Customer ID,Date,Amount\n" + rows, encoding="utf-8")
        ingest.import_file(con, tmp_path / name)
    con.close()
    monkeypatch.setenv("KAMP_DB", str(db))
    at = _run("pages/history.py", "en", db)
    assert at.selectbox(key="undo.pick").options == ["#2 · b.csv · Transactions (order lines) · 1 loaded",
                                                     "#1 · a.csv · Transactions (order lines) · 2 loaded"]
    assert at.button(key="undo.go").disabled  # not before the box is ticked
    at.checkbox(key="undo.sure.2.0").check().run()  # ticked for #2
    at.selectbox(key="undo.pick").select("#1 · a.csv · Transactions (order lines) · 2 loaded").run()
    assert not at.checkbox(key="undo.sure.1.0").value and at.button(key="undo.go").disabled  # not taken for #1
    at.checkbox(key="undo.sure.1.0").check().run()
    at.button(key="undo.go").click().run()
    assert not at.exception
    assert any("Import #1 of a.csv undone: 2 rows removed, and 2 account records" in s.value for s in at.success)
    log = at.dataframe[0].value
    assert log.set_index("import_id").at[1, "note"] == "undone"  # in the page's language, not both
    assert at.selectbox(key="undo.pick").options == ["#2 · b.csv · Transactions (order lines) · 1 loaded"]
    assert not at.checkbox(key="undo.sure.2.1").value and at.button(key="undo.go").disabled  # asked afresh
    assert list(_revenue_per_account(db)) == ["K3"]


@pytest.mark.parametrize("lang,said", [
    ("en", "Import #1 of a.csv undone: 2 rows removed, and 2 account records no line is left for. The file may be "
           "imported again. Undone with it: #2, the same file imported again, which added nothing."),
    ("zh", "第 1 次导入（a.csv）已撤销：删除 2 行，以及 2 个已无订单行的客户档案。现在可以重新导入该文件。"
           "同一文件之后重复导入、未添加任何行的 #2 一并撤销。")], ids=["en", "zh"])
def test_history_says_the_repeats_of_a_file_are_undone_with_its_import(tmp_path, monkeypatch, lang, said):
    db = tmp_path / "u.duckdb"
    (tmp_path / "a.csv").write_text("Customer ID,Date,Amount\nK1,2024-03-05,10\nK2,2024-03-06,20\n", encoding="utf-8")
    con = store.connect(db)
    for _ in range(2):  # #2 is the same file: nothing added
        ingest.import_file(con, tmp_path / "a.csv")
    con.close()
    monkeypatch.setenv("KAMP_DB", str(db))
    at = _run("pages/history.py", lang, db)
    at.checkbox(key="undo.sure.1.0").check().run()
    at.button(key="undo.go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert said in [s.value for s in at.success]
    notes = at.dataframe[0].value.set_index("import_id")["note"]
    assert notes.to_dict() == {1: i18n.t("history.note.undone", lang), 2: i18n.t("history.note.undone", lang)}


def test_history_removes_the_account_records_nothing_refers_to(tmp_path, monkeypatch):
    import duckdb

    from kamp import ingest, store

    # lines under 88002; the accounts file #2 writes 0088002 and 0099 (neither has lines), the
    # corrected #3 only 88002: #2's 0088002 is left that nothing refers to (0099, nobody else's id
    # written another way, is a prospect and stays)
    db = tmp_path / "z.duckdb"
    con = store.connect(db)
    for name, text, kind in (("a.csv", "Customer ID,Date,Amount\n88002,2024-03-05,10\n", "transactions"),
                             ("crm.csv", "Customer ID,Name\n0088002,甲\n0099,乙\n", "accounts"),
                             ("crm2.csv", "Customer ID,Name\n88002,甲\n", "accounts")):
        (tmp_path / name).write_text(text, encoding="utf-8")
        ingest.import_file(con, tmp_path / name, kind)
    con.close()
    monkeypatch.setenv("KAMP_DB", str(db))
    at = _run("pages/history.py", "zh", db)
    assert not at.exception
    assert at.selectbox(key="unused.pick").options == ["#2 · crm.csv · 1 个档案"]
    assert at.checkbox(key="unused.undo.sure.2.0").label == "删除 0088002"
    assert at.button(key="unused.go").disabled  # not before the box is ticked
    at.checkbox(key="unused.undo.sure.2.0").check().run()
    at.button(key="unused.go").click().run()
    assert not at.exception
    assert "已删除第 2 次导入中的 1 个客户档案。" in [s.value for s in at.success]
    assert not [b for b in at.button if b.key == "unused.go"]  # nothing left to remove
    with duckdb.connect(str(db)) as con:
        assert con.execute("SELECT list(account_id ORDER BY account_id) FROM accounts").fetchone()[0] == [
            "0099", "88002"]


def test_every_page_is_at_the_address_of_its_file():
    # Before a session's first run Streamlit knows the pages only from the pages/ folder, by
    # file name: a link to any other address opened on a fresh server shows "Page not found"
    # over the page (seen with /import for pages/import_data.py).
    source = (ROOT / "app.py").read_text("utf-8")
    pages = re.findall(r'st\.Page\("pages/(\w+)\.py"(.*?)\)', source, re.S)
    assert len(pages) == len(list(ROOT.glob("pages/[!_]*.py")))
    for stem, rest in pages:
        path = re.search(r'url_path="([^"]*)"', rest)
        assert path is None or path.group(1) == stem, stem



def test_the_account_page_says_how_often_an_account_buys(tmp_path, monkeypatch):
    from kamp import ingest, store

    lines = "customer,date,amount\nK1,2024-03-01,10\nK1,2024-03-08,10\nK1,2024-03-15,10\nK2,2024-03-15,5\n"
    (tmp_path / "lines.csv").write_text(lines, encoding="utf-8")
    con = store.connect(tmp_path / "k.duckdb")
    ingest.import_file(con, tmp_path / "lines.csv")
    con.close()
    monkeypatch.setenv("KAMP_DB", str(tmp_path / "k.duckdb"))
    at = _run("pages/account.py", "en", tmp_path / "k.duckdb", account="K1")
    assert not at.exception, [e.value for e in at.exception]
    # three purchase days a week apart, as of the last line (15 March)
    assert any(c.value == "Customer since 2024-03-01 (14 days); buys every 7 days on average; figures as of "
               "2024-03-15." for c in at.caption), [c.value for c in at.caption]
    at = _run("pages/account.py", "en", tmp_path / "k.duckdb", account="K2")
    assert any(c.value == "Customer since 2024-03-15 (0 days); one purchase day so far; figures as of 2024-03-15."
               for c in at.caption), [c.value for c in at.caption]
    # its status is judged against the portfolio's median interval (K1's 7 days, raised to the
    # 30-day least cycle), and the page says so
    assert any(c.value.startswith("Active: last bought on the analysis date = 0.0 purchase cycles of 30 days "
                                  "(with one purchase day, the portfolio's median interval, kept within 30–365 days)")
               for c in at.caption), [c.value for c in at.caption]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tiers_say_which_chosen_features_the_data_lacks(tmp_path, monkeypatch, lang):
    db = costless_db(tmp_path)
    monkeypatch.setenv("KAMP_DB", str(db))
    at = _run("pages/tiers.py", lang, db)
    assert not at.exception, [e.value for e in at.exception]
    margin = i18n.t("col.margin", lang)
    assert margin in at.multiselect(key="tiers.features").format_func("margin")  # chosen by default
    assert i18n.t("tiers.features_empty", lang, columns=margin) in [c.value for c in at.caption]
    assert not at.warning
    # The tier profile's sums are all under 1万 (and 1k): in Chinese whole yuan, in English with
    # cents as the account lists show money; never Streamlit's compact "1.2K", in no unit of the app's.
    profile = json.loads(next(d for d in at.dataframe if "mean_revenue" in d.value.columns).proto.columns)
    formats = {c: profile[c]["type_config"]["format"] for c in ("revenue", "mean_revenue")}
    assert formats == ({"revenue": "%,.0f", "mean_revenue": "%,.0f"} if lang == "zh"
                       else {"revenue": "%,.2f", "mean_revenue": "%,.2f"})
    # Only the feature nobody has: the page says so instead of fitting nothing.
    at.multiselect(key="tiers.features").set_value(["margin"]).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [w.value for w in at.warning] == [i18n.t("tiers.only_empty_features", lang, columns=margin)]


def test_tiers_of_a_portfolio_smaller_than_the_tier_count_open_with_as_many_tiers_as_accounts(tmp_path, monkeypatch):
    # two accounts, the default four tiers: the page forms two, as the account table does
    (tmp_path / "two.csv").write_text("Customer,Date,Amount\nA1,2024-01-05,10\nA2,2024-02-03,20\nA1,2024-03-01,5\n")
    con = store.connect(tmp_path / "kamp.duckdb")
    ingest.import_file(con, tmp_path / "two.csv")
    con.close()
    monkeypatch.setenv("KAMP_DB", str(tmp_path / "kamp.duckdb"))
    at = _run("pages/tiers.py", "en", tmp_path / "kamp.duckdb")
    assert not at.exception, [e.value for e in at.exception]
    profile = next(d.value for d in at.dataframe if "mean_revenue" in d.value.columns)
    assert list(profile["tier"]) == ["Major", "Mass-market"] and list(profile["accounts"]) == [1, 1]  # two: top and bottom names



def _tiny_db(folder: Path, accounts: int, **settings) -> Path:
    """Accounts T0 … T{accounts-1}, T{i} with one line of 10 × (i + 1) on the (i + 1)th of March
    2024, and ``settings`` stored."""
    rows = "".join(f"T{i},2024-03-{i + 1:02d},{10 * (i + 1)},I{i},P1\n" for i in range(accounts))
    (folder / "t.csv").write_text("account id,date,amount,invoice id,product\n" + rows, encoding="utf-8")
    con = store.connect(folder / "kamp.duckdb")
    ingest.import_file(con, folder / "t.csv")
    for name, value in settings.items():
        store.set_setting(con, name, value)
    con.close()
    return folder / "kamp.duckdb"


@pytest.mark.parametrize("lang, said", [
    ("en", "Too few accounts to compare numbers of tiers (a silhouette needs more accounts than tiers, and accounts "
           "that differ). Shown: k = 2."),
    ("zh", "客户太少，无法比较不同的级别数（轮廓系数要求客户数多于级别数，且客户之间有差异）；当前 k = 2。")])
def test_tiers_of_two_accounts_say_no_number_of_tiers_could_be_compared(tmp_path, monkeypatch, lang, said):
    db = _tiny_db(tmp_path, 2)
    monkeypatch.setenv("KAMP_DB", str(db))
    at = _run("pages/tiers.py", lang, db)
    assert not at.exception, [e.value for e in at.exception]
    captions = [c.value for c in at.caption]
    assert said in captions and not [c for c in captions if "None" in c]
    chart = json.loads(next(c for c in at.get("plotly_chart") if "silhouettes" in str(c.proto)).proto.spec)
    words = " ".join(a["text"] for a in chart["layout"]["annotations"]).replace("<br>", " " if lang == "en" else "")
    assert words == ("Too few accounts to compare numbers of tiers: a silhouette needs more accounts than tiers, and "
                     "accounts that differ." if lang == "en" else
                     "客户太少，无法比较不同的级别数：轮廓系数要求客户数多于级别数，且客户之间有差异。")


@pytest.mark.parametrize("lang, said", [
    ("en", "3 tiers formed, not the 8 chosen: there are only 3 accounts, and a tier needs one at least."),
    ("zh", "形成了 3 个级别，而非所选的 8 个：只有 3 个客户，每个级别至少需要一个客户。")])
def test_tiers_say_why_fewer_tiers_formed_than_the_number_chosen(tmp_path, monkeypatch, lang, said):
    db = _tiny_db(tmp_path, 3, tier_k=8)
    monkeypatch.setenv("KAMP_DB", str(db))
    at = _run("pages/tiers.py", lang, db)
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="tiers.k").value == 8
    profile = next(d.value for d in at.dataframe if "mean_revenue" in d.value.columns)
    assert len(profile) == 3
    assert said in [c.value for c in at.caption]
    # three chosen of the same three accounts: as many form as chosen, nothing to say
    (tmp_path / "three").mkdir()
    db = _tiny_db(tmp_path / "three", 3, tier_k=3)
    monkeypatch.setenv("KAMP_DB", str(db))
    at = _run("pages/tiers.py", lang, db)
    assert not [c.value for c in at.caption if "formed" in c.value or "形成了" in c.value]


def test_tiers_say_fewer_formed_when_the_accounts_are_alike(tmp_path, monkeypatch):
    # three accounts with the same line (10 on 2024-03-05): one distinct profile, so one tier, the top one
    (tmp_path / "t.csv").write_text("account id,date,amount,invoice id,product\n" + "".join(
        f"S{i},2024-03-05,10,I{i},P1\n" for i in range(3)), encoding="utf-8")
    con = store.connect(tmp_path / "kamp.duckdb")
    ingest.import_file(con, tmp_path / "t.csv")
    store.set_setting(con, "tier_k", 8)
    con.close()
    monkeypatch.setenv("KAMP_DB", str(tmp_path / "kamp.duckdb"))
    at = _run("pages/tiers.py", "en", tmp_path / "kamp.duckdb")
    assert not at.exception, [e.value for e in at.exception]
    profile = next(d.value for d in at.dataframe if "mean_revenue" in d.value.columns)
    assert list(profile["tier"]) == ["Major"] and list(profile["accounts"]) == [3]
    assert ("1 tier formed, not the 8 chosen: the 3 accounts have only 1 distinct profile on the chosen features, "
            "and accounts alike cannot be split.") in [c.value for c in at.caption]

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_stored_tier_features_the_data_lacks_leave_every_page_working(tmp_path, monkeypatch, lang):
    db = costless_db(tmp_path, tier_features=["margin"])  # as saved before this data was imported
    monkeypatch.setenv("KAMP_DB", str(db))
    for page in ("pages/overview.py", "pages/customers.py"):
        assert not _run(page, lang, db).exception, page
    at = _run("pages/tiers.py", lang, db)
    assert not at.exception, [e.value for e in at.exception]
    used = "、".join if lang == "zh" else ", ".join
    assert [w.value for w in at.warning] == [i18n.t(
        "tiers.features_fallback", lang, columns=i18n.t("col.margin", lang),
        used=used(i18n.t(f"col.{c}", lang) for c in ("days_since_last", "orders", "revenue")))]
    assert at.multiselect(key="tiers.features").value == ["days_since_last", "orders", "revenue"]
    assert any(d.value.columns.tolist()[:2] == ["tier", "accounts"] for d in at.dataframe)  # the tier profile


def test_concentration_trend_follows_the_top_share_slider(demo_db, monkeypatch):
    import base64
    import json
    import math

    import duckdb
    import numpy as np

    monkeypatch.setenv("KAMP_DB", str(demo_db))
    at = _run("pages/concentration.py", "en", demo_db, top="40")
    assert not at.exception
    trend = next(c for c in at.get("plotly_chart") if "Top 40% share" in str(c.proto))
    line = next(d for d in json.loads(trend.proto.spec)["data"] if d["name"] == "Top 40% share")
    # each quarter's top ceil(40 % × n) accounts of its lines (negatives as nothing), worked out here
    with duckdb.connect(str(demo_db)) as con:
        per = con.execute("""SELECT date_trunc('quarter', ts) AS q, account_id, greatest(sum(amount), 0) AS v
                             FROM transactions GROUP BY ALL""").df()
    expected = []
    for _, g in per.groupby("q"):
        v = sorted(g["v"], reverse=True)
        expected.append(sum(v[:math.ceil(0.4 * len(v))]) / sum(v))
    y = line["y"]  # Plotly sends arrays as base64 bytes of their dtype
    y = np.frombuffer(base64.b64decode(y["bdata"]), dtype=y["dtype"]) if isinstance(y, dict) else y
    assert list(y) == pytest.approx(expected)


def test_concentration_loses_no_more_accounts_than_there_are(tmp_path, fixtures, monkeypatch):
    db = tmp_path / "kamp.duckdb"
    con = store.connect(db)
    ingest.import_file(con, fixtures / "sales_utf8_bom.csv")  # five accounts, each with positive revenue
    con.close()
    monkeypatch.setenv("KAMP_DB", str(db))
    at = _run("pages/concentration.py", "en", db)
    assert not at.exception, [e.value for e in at.exception]
    assert at.number_input(key="lose").value == 20
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Share of the total net revenue that remains if the largest 1 … 5 accounts leave") for c in captions)
    # and who they are, the largest first, each with its share and what remains once it is gone
    revenue = sorted(_revenue_per_account(db).items(), key=lambda kv: -kv[1])
    lost = at.dataframe(key="stress_accounts").value
    assert lost["link"].str.extract(r"account=([^&]*)")[0].tolist() == [a for a, _ in revenue]
    total = sum(v for _, v in revenue)
    assert lost["share"].round(6).tolist() == [round(100 * v / total, 6) for _, v in revenue]
    assert lost["remaining_share"].iloc[-1] == pytest.approx(0)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_concentration_offers_no_measure_the_lines_do_not_hold(tmp_path, fixtures, monkeypatch, lang):
    # The file has neither a cost nor a discount column: gross margin and discounts are not offered,
    # and a link asking for the margin shows net revenue and says so.
    db = tmp_path / "kamp.duckdb"
    con = store.connect(db)
    ingest.import_file(con, fixtures / "sales_utf8_bom.csv")
    con.close()
    monkeypatch.setenv("KAMP_DB", str(db))
    at = _run("pages/concentration.py", lang, db, measure="margin")
    assert not at.exception, [e.value for e in at.exception]
    box = at.selectbox(key="indicator")
    assert box.value == "revenue"
    assert i18n.t("col.revenue", lang) in box.options
    assert not {i18n.t("col.margin", lang), i18n.t("col.discount", lang)} & set(box.options)
    margin = "gross margin" if lang == "en" else i18n.t("col.margin", lang)  # within a sentence
    assert [i.value for i in at.info] == [i18n.t("conc.measure_missing", lang, measure=margin)]
    # net revenue by hand: 12583 108.08 (postage included), 14688 90.00, 15100 49.30, 13047 44.40 and
    # 17850 30.54 (35.64 less a 5.10 return), 322.32 in all: the top 20 % (one account) hold 33.5 %,
    # and four make 80 % (247.38 is 76.7 %, 291.78 is 90.5 %)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[i18n.t("conc.top_share", lang, top="20%")] == "33.5%"
    assert metrics[i18n.t("conc.accounts_for_80", lang)] == "4"
    assert metrics[i18n.t("conc.non_positive", lang)] == "0"


def test_an_account_list_shows_money_in_the_unit_the_page_uses(demo_db, monkeypatch):
    # The demo's net revenue per account is mostly millions: on a Chinese page in 万/亿 (the
    # default) the list says 净收入（万） and shows 1,234.5 for 12,345,000, as its summary tables do;
    # in English whole figures, 658,565,669 for 658,565,669.19: one unit (M) for a whole list would
    # make its many small accounts read alike (0.00), and cents are no help in a ranking.
    import statistics

    monkeypatch.setenv("KAMP_DB", str(demo_db))
    revenue = _revenue_per_account(demo_db)
    assert 1e6 <= statistics.median(abs(v) for v in revenue.values()) < 1e8  # millions, under 1亿
    for lang, unit, label, digits in (("zh", 1e4, "净收入（万）", "%,.1f"), ("en", 1, "Net revenue", "%,.0f")):
        at = _run("pages/customers.py", lang, demo_db)
        listed = at.dataframe(key="accounts")
        column = json.loads(listed.proto.columns)["revenue"]
        assert (column["label"], column["type_config"]["format"]) == (label, digits)
        ids = listed.value["link"].str.extract(r"account=([^&]*)")[0]
        for account, shown in list(zip(ids, listed.value["revenue"]))[:20]:
            assert shown == pytest.approx(revenue[account] / unit)


def test_the_import_page_offers_to_take_the_demo_out_first(demo_copy):
    # (in Chinese: AppTest words the page's selectboxes in the language it finds outside a session)
    at = _run("pages/import_data.py", "zh", demo_copy)
    assert i18n.t("import.demo_present", "zh", n=0) in [m.value for m in at.markdown]
    assert at.button(key="demo.remove").disabled  # not before the box is ticked
    at.checkbox(key="demo.sure").check().run()
    at.button(key="demo.remove").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.success] == [i18n.t("import.demo_removed", "zh", lines=168_731, accounts=1_200)]
    assert not any("演示公司" in m.value for m in at.markdown)  # nothing left to offer
    assert _revenue_per_account(demo_copy) == {}
    at.switch_page("pages/overview.py").run()  # the pages read the empty database afresh
    assert not at.exception, [e.value for e in at.exception]


def test_your_name_is_kept_from_page_to_page(demo_db, monkeypatch):
    # typed on the Tiers page, it is still there on the Account plan page after the Overview (which
    # has no such box), and a worksheet saved there is saved under it
    monkeypatch.setenv("KAMP_DB", str(demo_db))
    at = _run("pages/tiers.py", "en", demo_db)
    at.sidebar.text_input(key="author.box").input("Dir. Zhang").run()
    at.switch_page("pages/overview.py").run()
    at.switch_page("pages/plan.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.sidebar.text_input(key="author.box").value == "Dir. Zhang"


def test_the_concentration_choices_are_kept_in_the_address(demo_db, monkeypatch):
    # a link (or the page after a language switch, which starts its widgets afresh) opens them
    monkeypatch.setenv("KAMP_DB", str(demo_db))
    at = _run("pages/concentration.py", "zh", demo_db, measure="revenue_12m", top="30", lose="5")
    assert not at.exception, [e.value for e in at.exception]
    assert (at.selectbox(key="indicator").value, at.slider(key="top").value, at.number_input(key="lose").value) == \
        ("revenue_12m", 30, 5)
    assert any(c.value.startswith("若最大的 1…5 个客户流失") for c in at.caption)
    at.number_input(key="lose").set_value(8).run()
    assert at.query_params["lose"] in ("8", ["8"])


def test_the_analysis_date_is_chosen_in_the_sidebar(demo_db, monkeypatch):
    # SPEC: figures as of a chosen date. The overview counts the lines up to it (accounts, revenue,
    # lines), and its statuses add up to those accounts (the browser test follows it to the next page).
    import datetime as dt

    import duckdb

    monkeypatch.setenv("KAMP_DB", str(demo_db))
    day = dt.date(2025, 6, 30)
    with duckdb.connect(str(demo_db)) as con:
        accounts, revenue, lines = con.execute(
            "SELECT count(DISTINCT account_id), sum(amount), count(*) FROM transactions WHERE ts < ?",
            [dt.datetime(2025, 7, 1)]).fetchone()
    at = _run(PAGES[0], "en", demo_db)
    at.sidebar.date_input(key="as_of.box").set_value(day).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["as_of"] in ("2025-06-30", ["2025-06-30"])
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Accounts"] == f"{accounts:,}" and accounts < 1200
    assert metrics["Net revenue"] == i18n.money(revenue, "en")
    assert sum(int(metrics[s].replace(",", "")) for s in ("Active", "Dormant", "Lost")) == accounts
    assert any(f"As of 2025-06-30 · Period: 2023-10-02 — 2025-06-30 · Order lines: {lines:,}" == c.value
               for c in at.caption)
    # the last line's day again is the default: none in the address, so the next import moves it on
    again = _run(PAGES[0], "en", demo_db)
    again.sidebar.date_input(key="as_of.box").set_value(dt.date(2026, 9, 30)).run()
    assert "as_of" not in again.query_params
    assert {m.label: m.value for m in again.metric}["Accounts"] == "1,200"


@pytest.mark.parametrize("page", ["concentration", "tiers", "coverage", "matrices", "relationship", "account"])
def test_a_page_that_follows_the_analysis_date_says_it_under_its_title(demo_db, monkeypatch, page):
    monkeypatch.setenv("KAMP_DB", str(demo_db))
    at = _run(f"pages/{page}.py", "zh", demo_db, as_of="2025-06-30")
    assert not at.exception, [e.value for e in at.exception]
    assert "分析截至 2025-06-30" in [c.value for c in at.caption]


def test_concentration_on_an_indicator_of_another_table(demo_db, monkeypatch):
    # seed 004: ABC on contact indicators too — complaints per account, counted from the
    # interactions up to the analysis date (every account counts: most have none)
    import duckdb
    import numpy as np

    monkeypatch.setenv("KAMP_DB", str(demo_db))
    with duckdb.connect(str(demo_db)) as con:
        counts = dict(con.execute("SELECT account_id, count(*) FROM interactions WHERE kind = 'complaint' "
                                  "AND ts < (SELECT max(ts) FROM transactions)::DATE + 1 GROUP BY 1").fetchall())
    values = np.array(sorted((counts.get(a, 0) for a in _revenue_per_account(demo_db)), reverse=True), dtype=float)
    top = values[:int(np.ceil(0.2 * len(values)))].sum() / values.sum()
    at = _run("pages/concentration.py", "en", demo_db, measure="complaints")
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="indicator").value == "complaints"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Top 20% share"] == f"{top:.1%}"
    assert metrics["Zero or negative"] == f"{int((values == 0).sum()):,}"
    abc = next(d.value for d in at.dataframe if "abc_class" in d.value.columns)
    assert abc["complaints"].sum() == values.sum()  # the classes hold every complaint, counted as counts


@pytest.mark.parametrize("asked, used, said", [
    ("2099-01-01", "today", "地址中的日期为 2099-01-01：数字按允许的最晚日期（今天）{today} 计算。"),
    ("2020-01-01", "2023-10-02", "The address asks for 2020-01-01: the figures are as of the earliest day allowed (the "
                                 "first line's date), 2023-10-02."),
    ("2026-13-45", "2026-09-30", "The address asks for 2026-13-45, which is no date: the figures are as of the last "
                                 "line's date, 2026-09-30."),
    ("2099-01-01", "today", "The address asks for 2099-01-01: the figures are as of the latest day allowed (today), "
                            "{today}.")])
def test_a_linked_analysis_date_outside_the_data_is_moved_and_said(demo_db, monkeypatch, asked, used, said):
    # before the first line: the first line's day (not an empty portfolio); no such day: the last line's;
    # after today, the demo's lines ending before it: today, the latest day the box allows
    import datetime as dt

    today = f"{dt.date.today():%Y-%m-%d}"
    used, said = used.replace("today", today), said.format(today=today)
    monkeypatch.setenv("KAMP_DB", str(demo_db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = "zh" if "地址" in said else "en"
    at.query_params["as_of"] = asked
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert str(at.sidebar.date_input(key="as_of.box").value) == used
    assert said in [c.value for c in at.sidebar.caption]
    assert i18n.t("overview.empty", "en") not in [i.value for i in at.info]  # the overview has accounts to show


@pytest.mark.parametrize("lang, columns, expected", [
    ("zh", ["row", "reason", "客户编号"], ["文件行号", "原因", "客户编号"]),
    ("zh", ["row", "reason", "原因"], ["row", "reason", "原因"]),  # the file's own 原因 keeps its name
    ("en", ["row", "reason", "Customer"], ["row", "reason", "Customer"]),  # as `kamp rejects` writes them
])
def test_downloaded_rejects_name_row_and_reason_in_the_pages_language(monkeypatch, lang, columns, expected):
    import pandas as pd

    from pages import _lists

    # made after the page's run, where no session says the language: the page's, passed, decides
    monkeypatch.setenv("KAMP_LANG", "en" if lang == "zh" else "zh")
    assert list(_lists._in_language(pd.DataFrame(columns=columns), lang).columns) == expected



def test_downloaded_rejects_put_a_quote_before_a_formula_but_not_before_a_negative_amount():
    import pandas as pd

    from pages import _lists

    rejects = pd.DataFrame({"row": [2], "reason": ["no date"], "Customer": ["=cmd"], "Amount": ["-5"]})
    text = _lists._rejects_csv(rejects, "en").decode("utf-8-sig")
    assert text.splitlines() == ["row,reason,Customer,Amount", "2,no date,'=cmd,-5"]


def test_history_shows_which_column_each_import_read_into_which_field(tmp_path, monkeypatch, notes_then_orders):
    db = tmp_path / "kamp.duckdb"
    (tmp_path / "erp.csv").write_text("Cust No,Inv Date,Net Amount,Memo\nK1,2024-03-05,10,x\n", encoding="utf-8")
    con = store.connect(db)
    ingest.import_file(con, tmp_path / "erp.csv", overrides={"Cust No": "account id", "Inv Date": "date"})
    ingest.import_file(con, notes_then_orders(tmp_path / "book.xlsx", ["客户编号", "订单日期", "金额"]))
    con.close()
    monkeypatch.setenv("KAMP_DB", str(db))
    at = _run("pages/history.py", "zh", db)
    assert not at.exception, [e.value for e in at.exception]
    shown = at.dataframe[1].value  # in the expander under the log, newest first
    assert shown.fillna("—").to_dict("list") == {
        "import_id": [2, 1], "file_name": ["book.xlsx", "erp.csv"], "sheet": ["销售明细", "—"],  # a text file: none
        "mapping": ["客户编号 → 客户编号, 订单日期 → 订单日期, 金额 → 金额", "Cust No → 客户编号, Inv Date → 订单日期, Net Amount → 金额"]}


def test_a_settings_segment_edit_stays_in_its_table_while_another_tab_saves(demo_db, tmp_path, monkeypatch):
    from pagetest import app_copy

    db = app_copy(demo_db, tmp_path, monkeypatch)
    first, second = _run("pages/settings.py", "en", db), _run("pages/settings.py", "en", db)  # two tabs
    second.session_state["seg.editor"] = {"edited_rows": {"1": {"name_zh": "忠诚乙"}}, "added_rows": [],
                                          "deleted_rows": []}
    second.run()
    first.session_state["seg.editor"] = {"edited_rows": {"0": {"name_zh": "冠军甲"}}, "added_rows": [],
                                         "deleted_rows": []}
    first.run()
    first.button(key="seg.save").click().run()
    second.run()  # the second tab's next run, after the first saved
    # its table is drawn from the rules as it opened (a browser's table drawn from other rules drops
    # the edits in it), the other tab's save said above it
    shown = second.data_editor(key="seg.editor").value
    assert list(shown["name_zh"].iloc[:2]) == ["核心客户", "忠诚客户"]
    assert [w.value for w in second.warning] == [
        "Saved elsewhere (another tab, or someone else) since this page showed it: RFM segment table. Saving here "
        "keeps that unless you change the same setting."]
