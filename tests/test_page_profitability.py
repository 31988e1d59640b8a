"""The Profitability & receivables page, headless (AppTest), on the demo database and on a small
database without payments. Expected figures come from hand SQL on the raw tables, not from kamp."""
import json
import shutil
from pathlib import Path

import duckdb
import pytest
from pagetest import open_page
from streamlit.testing.v1 import AppTest

from kamp import i18n, ingest, store

PAGE = "pages/profitability.py"


def _run(lang: str) -> AppTest:
    return open_page(PAGE, lang, check=False)


def _metrics(at: AppTest) -> dict:
    return {m.label: m.value for m in at.metric}


def _sql(db: Path, query: str):
    # the same configuration as the app's open connection to this file (DuckDB shares it in-process)
    with duckdb.connect(str(db)) as con:
        return con.execute(query).fetchone()


@pytest.fixture(scope="module")
def demo_copy(demo_db, tmp_path_factory) -> Path:
    """A copy of the demo database: the app keeps its connection open (and stores the account
    table in it), so the shared session database stays untouched."""
    target = tmp_path_factory.mktemp("profit") / "kamp.duckdb"
    shutil.copy(demo_db, target)
    return target


@pytest.fixture(scope="module")
def demo_page(demo_copy):
    """The page rendered once per language on the demo database."""
    mp = pytest.MonkeyPatch()
    mp.setenv("KAMP_DB", str(demo_copy))
    try:
        yield {lang: _run(lang) for lang in ("en", "zh")}
    finally:
        mp.undo()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_renders_with_its_title(demo_page, lang):
    at = demo_page[lang]
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == i18n.t("profit.title", lang)
    assert not at.warning  # every demo line has a cost: no "cost unknown" warning


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_margin_metric_is_revenue_minus_cost_of_every_line(demo_page, demo_copy, lang):
    revenue, cost = _sql(demo_copy, "SELECT sum(amount), sum(cost) FROM transactions")
    metrics = _metrics(demo_page[lang])
    assert metrics[i18n.t("profit.kpi.margin", lang)] == i18n.money(revenue - cost, lang, wan=True)  # 万/亿 in Chinese
    assert metrics[i18n.t("profit.kpi.margin_pct", lang)] == f"{(revenue - cost) / revenue:.1%}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_waterfall_bars_say_the_amounts_the_figures_above_them_say(demo_page, lang):
    at = demo_page[lang]
    metrics = _metrics(at)
    bars = json.loads(next(c for c in at.get("plotly_chart") if "wf_all" in str(c.proto)).proto.spec)["data"][0]
    said = {x.replace("<br>", " "): text.split("<br>")[0] for x, text in zip(bars["x"], bars["text"])}
    for step in ("gross_revenue", "discounts", "returns", "cost", "margin"):
        assert said[i18n.t(f"chart.profit_step_{step}", lang)] == metrics[i18n.t(f"profit.kpi.{step}", lang)]


def test_discount_metric_is_the_sum_of_line_discounts(demo_page, demo_copy):
    (discounts,) = _sql(demo_copy, "SELECT sum(discount) FROM transactions")
    assert _metrics(demo_page["en"])["Discounts"] == i18n.money(discounts)


def test_overdue_metric_is_the_unpaid_part_of_invoices_past_due(demo_page, demo_copy):
    # As of the last order day: an invoice dated by then, due before that day, less what was paid by then.
    (overdue,) = _sql(demo_copy, """
        WITH d AS (SELECT CAST(max(ts) AS DATE) AS day FROM transactions)
        SELECT sum(greatest(amount - CASE WHEN CAST(paid_date AS DATE) <= d.day THEN paid_amount ELSE 0 END, 0))
        FROM payments, d
        WHERE CAST(invoice_date AS DATE) <= d.day AND CAST(due_date AS DATE) < d.day""")
    assert overdue > 0
    assert _metrics(demo_page["en"])["Overdue"] == i18n.money(overdue)
    assert _metrics(demo_page["zh"])["逾期金额"] == i18n.money(overdue, "zh", wan=True)


def test_big_accounts_outside_the_best_margins_are_counted(demo_page, demo_copy):
    # Seed 004: in the top 20 % of accounts by net revenue, but not in the top 20 % by gross margin.
    (n,) = _sql(demo_copy, """
        WITH a AS (SELECT account_id, sum(amount) AS revenue, sum(amount) - sum(cost) AS margin
                   FROM transactions GROUP BY 1),
             r AS (SELECT rank() OVER (ORDER BY revenue DESC) AS rr, rank() OVER (ORDER BY margin DESC) AS mr FROM a),
             top AS (SELECT ceil(0.2 * count(*)) AS k FROM a)
        SELECT count(*) FROM r, top WHERE rr <= k AND mr > k""")
    assert n > 0
    assert _metrics(demo_page["en"])["Big, not among the best margins"] == f"{n:,}"


def test_worst_payers_list_the_largest_overdue_of_the_top_tiers_first(demo_page):
    frames = [d.value for d in demo_page["en"].dataframe]
    worst = next(f for f in frames if "overdue" in f and "dso_days" in f and len(f) <= 10)
    assert len(worst) == 10
    assert list(worst["overdue"]) == sorted(worst["overdue"], reverse=True)
    assert set(worst["tier"]) <= {"Major", "Named"}  # the demo's two highest tiers


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_without_payments_the_page_asks_for_a_payments_import(tmp_path, fixtures, monkeypatch, lang):
    db = tmp_path / "kamp.duckdb"
    con = store.connect(db)
    ingest.import_file(con, fixtures / "sales_utf8_bom.csv")  # order lines only: no cost, no payments
    con.close()
    monkeypatch.setenv("KAMP_DB", str(db))
    at = _run(lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == i18n.t("profit.title", lang)
    # No cost column in the file: margin is not guessed, and the page says why — for the
    # portfolio (a warning) and for the margin ranks (no chart of ranks nobody has).
    assert [i.value for i in at.info] == [i18n.t("profit.ranks_no_cost", lang), i18n.t("profit.no_payments", lang)]
    metrics = _metrics(at)
    assert metrics[i18n.t("profit.kpi.margin", lang)] == "—"
    # nor a discount: unknown too, not "0.00, 0.0 % of gross", and no step of the waterfall
    assert metrics[i18n.t("profit.kpi.discounts", lang)] == "—" == metrics[i18n.t("profit.kpi.cost", lang)]
    assert not [m.label for m in at.metric if m.label in (i18n.t("profit.kpi.discounts", lang),
                                                         i18n.t("profit.kpi.cost", lang)) and m.delta]
    steps = json.loads(next(c for c in at.get("plotly_chart") if "wf_all" in str(c.proto)).proto.spec)["data"][0]["x"]
    assert [x.replace("<br>", " ") for x in steps] == [
        i18n.t(f"chart.profit_step_{s}", lang) for s in ("gross_revenue", "returns", "net_revenue")]
    assert not at.warning  # no "only 0.0 % of the lines carry a cost": the ranks' note says none does
    # No account is "big, not among the best margins" when no margin is known; the returns
    # flag needs no cost: 17850 returned 2 × 2.55 of 35.64 sold (14 % > 5 %), the one return of the file.
    assert metrics[i18n.t("profit.flag.big_not_best", lang)] == "—"
    assert metrics[i18n.t("profit.flag.discount_eats_margin", lang)] == "—"
    assert metrics[i18n.t("profit.flag.returns_eat_margin", lang)] == "1"
    assert i18n.t("profit.flagged_count", lang, n=1, accounts=5) in [c.value for c in at.caption]
    # the list offers and shows only the flag that can be told: not unticked boxes for the unknown ones
    assert at.get("button_group")[0].proto.options and len(at.get("button_group")[0].proto.options) == 1
    listed = next(d.value for d in at.dataframe if "returns_eat_margin" in d.value.columns)
    assert not {"big_not_best", "discount_eats_margin", "margin"} & set(listed.columns)
    assert listed["returns_eat_margin"].tolist() == [True]


def test_a_few_lines_without_cost_leave_the_margin_of_the_rest(demo_db, tmp_path, monkeypatch):
    # a line of the top account and one of a new account, without a cost column: those lines'
    # revenue is set aside (not the top account's every line), and the margin % is still that of
    # the demo's lines (every one costed), as on the overview
    db = tmp_path / "kamp.duckdb"
    shutil.copy(demo_db, db)
    new = tmp_path / "new.csv"
    new.write_text("客户编号,订单日期,金额\nC0217,2026-09-01,1000\nN2,2026-09-02,500\n", encoding="utf-8")
    con = store.connect(db)
    ingest.import_file(con, new)
    con.close()
    revenue, cost = _sql(db, "SELECT sum(amount), sum(cost) FROM transactions WHERE cost IS NOT NULL")
    monkeypatch.setenv("KAMP_DB", str(db))
    at = _run("en")
    assert not at.exception, [e.value for e in at.exception]
    metrics = _metrics(at)
    assert metrics[i18n.t("profit.kpi.margin_pct_costed", "en")] == f"{(revenue - cost) / revenue:.1%}"
    assert metrics["Gross margin"] == i18n.money(revenue - cost, "en")
    # 1,500 of some 9.4 billion: the lines with a cost hold "over 99.9 %", not a rounded 100.0 %
    assert [i.value for i in at.info][0] == i18n.t("profit.cost_partial", "en", share="over 99.9%",
                                                   amount=i18n.money(1500, "en"))
    overview = open_page("pages/overview.py", "en")
    assert _metrics(overview)["Gross margin"] == metrics[i18n.t("profit.kpi.margin_pct_costed", "en")]
