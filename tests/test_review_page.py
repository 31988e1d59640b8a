"""The quarterly review page (pages/review.py), headless (AppTest), on a copy of the demo
database with its four snapshots 2025Q4 … 2026Q3. Expected figures come straight from the
snapshot tables by SQL written from the definitions in SPEC / kamp.review's docstring, not
through kamp's comparison code."""
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import duckdb
import pytest
from pagetest import open_page
from streamlit.testing.v1 import AppTest

from kamp import i18n

PAGE = "pages/review.py"


@pytest.fixture
def review_db(demo_db, tmp_path) -> Path:
    """A copy of the session's demo database that a test may write to."""
    path = tmp_path / "kamp.duckdb"
    shutil.copy(demo_db, path)
    return path


def _run(lang: str, db: Path, monkeypatch) -> AppTest:
    monkeypatch.setenv("KAMP_DB", str(db))
    return open_page(PAGE, lang)


def _sql(db: Path, query: str, params=()):
    with duckdb.connect(str(db)) as con:
        return con.execute(query, list(params)).fetchall()


# Accounts in both snapshots, lost in neither, whose tier rank got worse (1 = best): "slipped down".
DOWN = """SELECT count(*) FROM snapshot_accounts a JOIN snapshot_accounts b USING (account_id)
          WHERE a.snapshot = ? AND b.snapshot = ? AND a.status <> 'lost' AND b.status <> 'lost'
            AND b.tier_rank > a.tier_rank"""
# Not lost in A; lost in B or missing from it.
LOST = """SELECT count(*) FROM snapshot_accounts a LEFT JOIN snapshot_accounts b
            ON b.account_id = a.account_id AND b.snapshot = ?
          WHERE a.snapshot = ? AND a.status <> 'lost' AND coalesce(b.status, 'lost') = 'lost'"""
# Key accounts (top tier in A) that left: lost as above, or active in A and dormant in B.
KEY_LEFT = """SELECT count(*) FROM snapshot_accounts a LEFT JOIN snapshot_accounts b
                ON b.account_id = a.account_id AND b.snapshot = ?
              WHERE a.snapshot = ? AND a.tier_rank = 1
                AND ((a.status <> 'lost' AND coalesce(b.status, 'lost') = 'lost')
                     OR (a.status = 'active' AND b.status = 'dormant'))"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_review_page_renders_and_compares_the_two_latest_snapshots(lang, review_db, monkeypatch):
    at = _run(lang, review_db, monkeypatch)
    assert at.title[0].value == i18n.t("review.title", lang)
    # default: A = the second latest snapshot, B = the latest
    assert at.selectbox(key="review_a").value == "2026Q2"
    assert at.selectbox(key="review_b").value == "2026Q3"
    assert at.selectbox(key="review_b").options[-1].startswith("2026Q3")
    metrics = {m.label: m.value for m in at.metric}
    down = _sql(review_db, DOWN, ["2026Q2", "2026Q3"])[0][0]
    lost = _sql(review_db, LOST, ["2026Q3", "2026Q2"])[0][0]
    assert down > 0 and lost > 0
    assert metrics[i18n.t("review.dir.down", lang)] == f"{down:,}"
    assert metrics[i18n.t("review.dir.lost", lang)] == f"{lost:,}"
    # the list under the Sankey shows the accounts that slipped down (the default choice), one row each
    movers = at.dataframe(key="review_movers").value
    assert len(movers) == down
    # each row shows the recency score in A and in B, as the snapshots froze them: what can move a tier
    # when revenue does not
    frozen = dict(((snap, acc), r) for snap, acc, r in _sql(
        review_db, "SELECT snapshot, account_id, r_score FROM snapshot_accounts WHERE snapshot IN ('2026Q2', '2026Q3')"))
    ids = [re.search(r"account=([^&]+)", link).group(1) for link in movers["link"]]
    assert movers["r_score_from"].tolist() == [frozen["2026Q2", i] for i in ids]
    assert movers["r_score_to"].tolist() == [frozen["2026Q3", i] for i in ids]
    # B's account count as the headline figure
    accounts_b = _sql(review_db, "SELECT count(*) FROM snapshot_accounts WHERE snapshot = '2026Q3'")[0][0]
    assert metrics[i18n.t("review.kpi.accounts", lang)] == f"{accounts_b:,}"
    # why accounts leave: every key account that left between A and B has its row of signals
    signals = at.dataframe(key="review_signal_list")
    assert len(signals.value) == _sql(review_db, KEY_LEFT, ["2026Q3", "2026Q2"])[0][0]
    # the returned share is a percentage (1.5%), as the discounts beside it, not the count format of return lines
    assert json.loads(signals.proto.columns)["return_share"]["type_config"]["format"] == "%.1f%%"
    # the concentration by snapshot is of each snapshot's last 12 months, and every measure's header says so
    config = next(c for c in (json.loads(d.proto.columns) for d in at.dataframe) if "effective_accounts" in c)
    months = {"en": "last 12 months", "zh": "近 12 个月"}[lang]
    headers = [config[c]["label"] for c in ("top20_share", "accounts_for_80pct", "gini", "hhi", "effective_accounts")]
    assert all(months in h for h in headers), headers
    # every tab label in this language
    assert [t.label for t in at.tabs] == [i18n.t(f"review.tab.{t}", lang) for t in
                                          ("migration", "segments", "concentration", "plan", "risks", "why")]


def test_comparing_older_snapshots_changes_the_counts(review_db, monkeypatch):
    at = _run("en", review_db, monkeypatch)
    at.selectbox(key="review_a").set_value("2025Q4")
    at.selectbox(key="review_b").set_value("2026Q1")
    at.run()
    assert not at.exception
    down = _sql(review_db, DOWN, ["2025Q4", "2026Q1"])[0][0]
    assert {m.label: m.value for m in at.metric}["Slipped down"] == f"{down:,}"
    assert len(at.dataframe(key="review_movers").value) == down


def _name_box(at):
    """The snapshot name box (keyed by the date and the name it offers: a new box for a new name)."""
    return next(w for w in at.text_input if str(w.key).startswith("review_take_name"))


def test_taking_a_snapshot_with_an_existing_name_is_refused(review_db, monkeypatch):
    before = _sql(review_db, "SELECT count(*) FROM snapshots")[0][0]
    rows_before = _sql(review_db, "SELECT count(*) FROM snapshot_accounts")[0][0]
    at = _run("zh", review_db, monkeypatch)
    _name_box(at).input("2026Q3")
    at.button(key="review_take_button").click()
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [i18n.t("review.take_exists", "zh", name="2026Q3")]
    assert _sql(review_db, "SELECT count(*) FROM snapshots")[0][0] == before
    assert _sql(review_db, "SELECT count(*) FROM snapshot_accounts")[0][0] == rows_before
    assert len(at.selectbox(key="review_b").options) == before


def test_taking_a_new_snapshot_freezes_every_account_and_offers_it(review_db, monkeypatch):
    at = _run("en", review_db, monkeypatch)
    # the name defaults to the quarter of the data's last date, or the first name of it not taken
    last = _sql(review_db, "SELECT max(ts) FROM transactions")[0][0]
    quarter = f"{last.year}Q{(last.month - 1) // 3 + 1}"
    taken = {n for (n,) in _sql(review_db, "SELECT name FROM snapshots")}
    assert _name_box(at).value == (quarter if quarter not in taken else f"{quarter}-2")
    _name_box(at).input("2026Q3 board")
    at.button(key="review_take_button").click()
    at.run()
    assert not at.exception and not at.error
    buying = _sql(review_db, "SELECT count(DISTINCT account_id) FROM transactions")[0][0]
    frozen = _sql(review_db, "SELECT count(*) FROM snapshot_accounts WHERE snapshot = '2026Q3 board'")[0][0]
    assert frozen == buying
    assert i18n.t("review.take_done", "en", name="2026Q3 board", accounts=buying, as_of=last.date()) in [
        s.value for s in at.success]
    assert any(o.startswith("2026Q3 board · ") for o in at.selectbox(key="review_b").options)
    # the box offers a name still free, not the one just taken
    taken.add("2026Q3 board")
    assert _name_box(at).value == next(
        n for n in [quarter, *(f"{quarter}-{i}" for i in range(2, 9))] if n not in taken)


def test_a_past_quarter_is_frozen_as_of_the_analysis_date(review_db, monkeypatch):
    # history imported late: with 2024-12-31 chosen in the sidebar, the snapshot offered is of that
    # date, named for its quarter, and holds the accounts that had bought by then
    monkeypatch.setenv("KAMP_DB", str(review_db))
    at = open_page(PAGE, "en", as_of="2024-12-31")
    assert at.radio(key="review_take_day").value == dt.date(2024, 12, 31)
    assert i18n.t("review.take_intro", "en", date="2024-12-31") in [c.value for c in at.caption]
    box = _name_box(at)
    assert box.value == "2024Q4"
    at.button(key="review_take_button").click()
    at.run()
    assert not at.exception and not at.error
    assert _name_box(at).value == "2024Q4-2"  # 2024Q4 is taken now
    bought = _sql(review_db, "SELECT count(DISTINCT account_id) FROM transactions WHERE ts < DATE '2025-01-01'")[0][0]
    assert _sql(review_db, "SELECT as_of, accounts FROM snapshots WHERE name = '2024Q4'") == [(dt.date(2024, 12, 31), bought)]
    assert _sql(review_db, "SELECT count(*) FROM snapshot_accounts WHERE snapshot = '2024Q4'")[0][0] == bought


def test_the_pair_compared_by_default_is_the_latest_two_taken_up_to_the_analysis_date(review_db, monkeypatch):
    # the demo's snapshots are of 2025-12-31, 2026-03-31, 2026-06-30 and 2026-09-30: at 2026-04-15
    # the latest two up to it are 2025Q4 → 2026Q1, as the slides compare
    monkeypatch.setenv("KAMP_DB", str(review_db))
    at = open_page(PAGE, "en", as_of="2026-04-15")
    assert (at.selectbox(key="review_a").value, at.selectbox(key="review_b").value) == ("2025Q4", "2026Q1")
    # with fewer than two by then, the latest two of all
    at = open_page(PAGE, "en", as_of="2026-01-15")
    assert (at.selectbox(key="review_a").value, at.selectbox(key="review_b").value) == ("2026Q2", "2026Q3")


def test_a_snapshot_of_the_same_day_is_not_the_default_and_a_pair_of_one_day_is_said_to_be(review_db, monkeypatch):
    # a second snapshot as of 2026-09-30: the default compares it with 2026Q2 (2026-06-30), the
    # latest of an earlier day, not with 2026Q3 of the same day
    from kamp import review, store

    con = store.connect(review_db)
    try:
        review.take_snapshot(con, "2026Q3-2", dt.date(2026, 9, 30))
    finally:
        con.close()
    said = i18n.t("review.same_day", "en", date="2026-09-30")
    at = _run("en", review_db, monkeypatch)
    assert (at.selectbox(key="review_a").value, at.selectbox(key="review_b").value) == ("2026Q2", "2026Q3-2")
    assert said not in [i.value for i in at.info]
    at.selectbox(key="review_a").set_value("2026Q3").run()
    assert not at.exception
    assert said in [i.value for i in at.info]


def test_segments_renamed_since_the_snapshots_are_named_in_chinese(review_db, monkeypatch):
    from kamp import rfm, store

    renamed = {"Champions": ("Stars", "明星客户"), "Loyal": ("Regulars", "常客"), "About to Sleep": ("Drowsy", "昏睡客户")}
    con = store.connect(review_db)
    store.set_setting(con, "rfm_segments", [{**x, "segment": renamed[x["segment"]][0], "name_zh": renamed[x["segment"]][1]}
                                            if x["segment"] in renamed else x for x in rfm.DEFAULT_SEGMENTS])
    con.close()
    at = _run("zh", review_db, monkeypatch)
    assert not at.exception, [e.value for e in at.exception]
    heatmap = next(json.loads(c.proto.spec) for c in at.get("plotly_chart") if "review_segments" in c.proto.id)
    labels = set(heatmap["data"][0]["x"])
    # the snapshots hold the old English names; their Chinese names are the ones the rules had then
    assert not labels & {"Champions", "Loyal", "About to Sleep"}
    assert "核心客户" in labels and not re.search(r"[A-Za-z]", "".join(labels)), labels


def test_review_tables_give_money_in_the_unit_their_headers_name(review_db, monkeypatch):
    # In English the plan list, an account list, gives whole figures (71,081,303 for 71,081,302.90):
    # one unit for the list would make its smaller accounts read alike. The revenue shared out over a
    # year, a summary of a few rows, runs to billions (Revenue shared out … (B) 3.25 for 3,251,471,193.60).
    import statistics

    at = _run("en", review_db, monkeypatch)
    listed = at.dataframe(key="review_plan_list")
    config = json.loads(listed.proto.columns)
    assert (config["target"]["label"], config["target"]["type_config"]["format"]) == ("Target 2026Q3", "%,.0f")
    assert (config["actual"]["label"], config["actual"]["type_config"]["format"]) == ("Actual 2026Q3", "%,.0f")
    ids = [re.search(r"account=([^&]+)", link).group(1) for link in listed.value["link"]]
    targets = dict(_sql(review_db, "SELECT account_id, target FROM snapshot_accounts WHERE snapshot = '2026Q3'"))
    sold = dict(_sql(review_db, """SELECT account_id, sum(amount) FROM transactions
                                   WHERE ts >= '2026-07-01' AND ts < '2026-10-01' GROUP BY 1"""))
    assert 1e6 <= statistics.median(abs(sold.get(a, 0)) for a in ids) < 1e9
    for a, target, actual in zip(ids, listed.value["target"], listed.value["actual"]):
        if targets.get(a) is not None:
            assert target == pytest.approx(targets[a])
        assert actual == pytest.approx(sold.get(a, 0))
    trend = next(d for d in at.dataframe if "gini" in d.value.columns)
    total = json.loads(trend.proto.columns)["total"]
    assert total["label"].endswith(" (B)") and total["type_config"]["format"] == "%,.2f"
    positive = dict(_sql(review_db, "SELECT snapshot, sum(revenue_12m) FILTER (WHERE revenue_12m > 0) "
                                    "FROM snapshot_accounts GROUP BY 1"))
    assert dict(zip(trend.value["name"], trend.value["total"] * 1e9)) == pytest.approx(positive)


def test_the_chinese_plan_list_download_gives_every_money_column_in_wan(review_db, monkeypatch):
    # The page shows target, actual and the gap in 万: so does the file, each header saying so, and
    # target − actual is the gap beside them (before, targets came in yuan beside a gap in 万)
    import io

    import pandas as pd
    from pagetest import downloaded, record_downloads

    recipes = record_downloads(monkeypatch)
    at = _run("zh", review_db, monkeypatch)
    assert not at.exception
    got = pd.read_csv(io.BytesIO(downloaded(recipes["review_plan_list.csv"])), encoding="utf-8-sig",
                      dtype={"客户编号": str})
    target, actual, gap = "目标 2026Q3（万）", "实际 2026Q3（万）", "距目标差额（万）"
    assert {target, actual, gap} <= set(got.columns)
    targets = dict(_sql(review_db, "SELECT account_id, target FROM snapshot_accounts WHERE snapshot = '2026Q3'"))
    row = got[got["客户编号"] == "C0217"].iloc[0]
    assert row[target] == pytest.approx(round(targets["C0217"] / 1e4, 2), abs=0.006)
    assert row[target] - row[actual] == pytest.approx(row[gap], abs=0.02)


QUARTERS = ["2025Q4", "2026Q1", "2026Q2", "2026Q3"]  # the four quarters ending with B's, 2026Q3 (as of 30 Sep 2026)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_signals_download_gives_a_figure_per_quarter_and_returns_as_a_number(lang, review_db, monkeypatch):
    import io

    import pandas as pd
    from pagetest import downloaded, record_downloads

    recipes = record_downloads(monkeypatch)
    assert not _run(lang, review_db, monkeypatch).exception
    got = pd.read_csv(io.BytesIO(downloaded(recipes["review_signal_list.csv"])), encoding="utf-8-sig",
                      dtype={0: str})
    unit = {"en": "", "zh": "（万）"}[lang]
    word = {"en": "Revenue ", "zh": "收入 "}[lang]
    headers = [f"{word}{q}{unit}" for q in QUARTERS]
    assert [c for c in got.columns if c.startswith(word)] == headers  # no list of figures in one cell
    rows = got.set_index(got.columns[0])
    sums = _sql(review_db, """SELECT account_id, quarter(ts), sum(amount) FROM transactions
                              WHERE ts >= '2025-10-01' AND ts < '2026-10-01' GROUP BY ALL""")
    by_quarter = {(a, q): v / (1e4 if lang == "zh" else 1) for a, q, v in sums}
    for account, row in rows.iterrows():
        assert row[headers].tolist() == pytest.approx([round(by_quarter.get((account, q), 0.0), 2) for q in (4, 1, 2, 3)],
                                                      abs=0.006)
    # returns as a number beside the discounts: returned value / sales of the 365 days to 30 Sep 2026, in %
    returns = next(c for c in got.columns if c.startswith(i18n.t("col.return_share", lang)))
    shares = dict(_sql(review_db, """SELECT account_id, 100 * -sum(amount) FILTER (WHERE amount < 0)
                                            / sum(amount) FILTER (WHERE amount > 0)
                                     FROM transactions WHERE ts >= '2025-10-01' AND ts < '2026-10-01' GROUP BY 1"""))
    known = rows[returns].dropna()
    assert len(known) > 0 and pd.api.types.is_float_dtype(rows[returns])
    assert known.tolist() == pytest.approx([round(shares[a], 2) for a in known.index], abs=0.006)
