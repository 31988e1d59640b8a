"""The account-plan export: one self-contained HTML file and Markdown."""
from __future__ import annotations

import datetime as dt
import shutil
from html.parser import HTMLParser

import pytest

from kamp import account_plan, playbook_prefill, playbooks, store
from test_playbooks import small  # noqa: F401 — the hand-made account A

TODAY = dt.date(2026, 7, 10)


class _Resources(HTMLParser):
    """Every attribute of the document's own tags that could load something, and every style text."""

    def __init__(self):
        super().__init__()
        self.refs, self.styles, self.scripts, self._in_style = [], [], 0, False

    def handle_starttag(self, tag, attrs):
        self.refs += [(tag, k, v) for k, v in attrs if k in ("src", "href", "data", "srcset", "poster", "action")]
        self.scripts += tag == "script"
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def _resources(doc: str) -> _Resources:
    parser = _Resources()
    parser.feed(doc)
    return parser


def _fill(con):
    playbooks.save(con, "A", "2026Q3", "statement", {
        "contribution": "Storage consolidation <b>& backup</b>", "avoids_octopus": True, "pyramid_now": 2,
        "pyramid_target": 4}, "Ann")
    playbooks.save(con, "A", "2026Q3", "action_plan", {"actions": [
        {"action": "Joint workshop", "owner": "Ann", "due": "2026-08-15", "customer_participant": "王伟",
         "benefit_us": "Pipeline", "benefit_them": "Roadmap", "status": "planned"}]}, "Bo")


def test_html_is_self_contained_and_holds_every_worksheet(small):  # noqa: F811
    _fill(small)
    doc = account_plan.to_html(small, "A", "2026Q3", "en", as_of="2026-06-30", today=TODAY)
    for w in playbooks.worksheets():
        assert f"{w['number']}. {w['title_en']}" in doc
    found = _resources(doc)
    assert found.refs == []  # no script, stylesheet, image or link pointing anywhere
    assert not any("url(" in s or "@import" in s for s in found.styles)
    assert doc.count("plotly.js v") == 1  # Plotly's JavaScript inline, once
    assert "@media print" in doc and "break-before:page" in doc
    assert "Storage consolidation &lt;b&gt;&amp; backup&lt;/b&gt;" in doc  # user text escaped
    assert "Version 1, saved by Ann" in doc and "Not saved yet" in doc
    assert "2 · High-quality product or service" in doc
    assert "Joint workshop" in doc and "王伟" in doc and "Planned" in doc
    assert "Acme 甲" in doc and "25.0%" in doc  # profile card: share of wallet 1300 ÷ 5200


def test_html_in_chinese(small):  # noqa: F811
    doc = account_plan.to_html(small, "A", "2026Q3", "zh", as_of="2026-06-30", today=TODAY)
    for w in playbooks.worksheets():
        assert w["title_zh"] in doc
    assert 'lang="zh-CN"' in doc and "客户资料卡" in doc and "尚未保存" in doc


def test_markdown_holds_every_worksheet_with_tables(small):  # noqa: F811
    _fill(small)
    md = account_plan.to_markdown(small, "A", "2026Q3", "en", as_of="2026-06-30", today=TODAY)
    for w in playbooks.worksheets():
        assert f"## {w['number']}. {w['title_en']}" in md
    assert "| Product line | Revenue, 12 months | Note |" in md
    assert "| Storage | 700.00 | — |" in md
    assert "| Joint workshop | Ann | 2026-08-15 | 王伟 | Pipeline | Roadmap | Planned |" in md
    assert "- **Not an octopus company**: Yes" in md
    assert "| 2026-12 | 1,345.00 | — | 1,150.00 | 195.00 |" in md  # the gap curve, worked out in test_playbooks
    assert "- **Year**: 2026" in md  # a year, not the number 2,026
    # Q1 is over by the Q3 plan: what Server sold in it (400 − 100), noted in the export's language
    assert "| 2026Q1 | Server | 300.00 | actual: sold in the quarter |" in md and "| 2026Q3 | Server | 195.00 | — |" in md
    zh = account_plan.to_markdown(small, "A", "2026Q3", "zh", as_of="2026-06-30", today=TODAY)
    for w in playbooks.worksheets():
        assert w["title_zh"] in zh
    assert "| 2026Q1 | Server | 300.00 | 实际：本季度销售额 |" in zh


def test_the_export_shows_each_milestones_status_as_of_the_day_as_the_page_does(small):  # noqa: F811
    # On 2026-07-10: ticked done → Done; due 07-01, not done → Overdue; due 07-25, 15 days on →
    # Due soon (within 30); due 09-30, 82 days on → Open; no date → Open.
    playbooks.save(small, "A", "2026Q3", "short_term_metrics", {"milestones": [
        {"milestone": "Sign NDA", "due": "2026-07-01", "owner": "Ann", "done": True},
        {"milestone": "Pilot live", "due": "2026-07-01", "owner": "Bo", "done": False},
        {"milestone": "Steering meeting", "due": "2026-07-25", "owner": "Ann", "done": False},
        {"milestone": "Renewal signed", "due": "2026-09-30", "owner": "Bo", "done": False},
        {"milestone": "Reference visit", "due": None, "owner": None, "done": False}]}, "Ann")
    md = account_plan.to_markdown(small, "A", "2026Q3", "en", as_of="2026-06-30", today=TODAY)
    assert "| Sign NDA | 2026-07-01 | Ann | Yes | Done |" in md
    assert "| Pilot live | 2026-07-01 | Bo | No | Overdue |" in md
    assert "| Steering meeting | 2026-07-25 | Ann | No | Due soon |" in md
    assert "| Renewal signed | 2026-09-30 | Bo | No | Open |" in md
    assert "| Reference visit | — | — | No | Open |" in md
    zh = account_plan.to_markdown(small, "A", "2026Q3", "zh", as_of="2026-06-30", today=TODAY)
    assert "| Pilot live | 2026-07-01 | Bo | 否 | 已逾期 |" in zh and "| Steering meeting | 2026-07-25 | Ann | 否 | 即将到期 |" in zh
    doc = account_plan.to_html(small, "A", "2026Q3", "en", as_of="2026-06-30", today=TODAY)
    assert "<td>Pilot live</td><td>2026-07-01</td><td>Bo</td><td>No</td><td>Overdue</td>" in doc
    # a month later the steering meeting has passed too
    later = account_plan.to_markdown(small, "A", "2026Q3", "en", as_of="2026-06-30", today=dt.date(2026, 8, 10))
    assert "| Steering meeting | 2026-07-25 | Ann | No | Overdue |" in later


def test_demo_top_account_prefills_and_exports(demo_db, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    con = store.connect(path)
    try:
        as_of = con.execute("SELECT max(ts)::DATE FROM transactions").fetchone()[0]
        start = as_of - dt.timedelta(days=364)
        top, rev = con.execute(
            """SELECT account_id, sum(amount) FROM transactions WHERE ts >= ? AND ts < ?
               GROUP BY 1 ORDER BY 2 DESC LIMIT 1""", [start, as_of + dt.timedelta(days=1)]).fetchone()
        period = playbooks.current_period(as_of)
        con.execute("DELETE FROM playbook_versions")  # the prefill of a plan nobody has saved yet
        p = playbook_prefill.prefill(con, top, period, as_of=as_of)
        assert p["env_ours"]["revenue_12m"] == pytest.approx(rev, abs=0.01)
        trend = p["revenue_targets"]["trend"]
        assert -0.5 <= trend <= 1.0
        yearly = sum(r["target"] for r in p["revenue_targets"]["targets"])
        # the quarters of the year before the plan's are what was sold in them, the others the run rate
        first = playbooks.period_bounds(period)[0]
        sold = con.execute("SELECT coalesce(sum(amount), 0) FROM transactions WHERE account_id = ? AND ts >= ? AND ts < ?",
                           [top, dt.date(first.year, 1, 1), first]).fetchone()[0]
        still_open = 5 - int(period[-1])
        assert yearly == pytest.approx(sold + still_open / 4 * (1 + trend) * sum(
            r["revenue_12m"] for r in p["env_ours"]["products_in_use"] if r["revenue_12m"] > 0), rel=1e-3)
        assert p["closing_gap"]["annual_target"] == pytest.approx(yearly, abs=0.05)
        contacts = con.execute("SELECT count(*) FROM contacts WHERE account_id = ? AND role = 'sponsor'",
                               [top]).fetchone()[0]
        assert len(p["env_summary"]["sponsors"] or []) == contacts
        playbooks.save(con, top, period, "statement", p["statement"], "test")
        doc = account_plan.to_html(con, top, period, "zh", as_of=as_of)
        assert all(w["title_zh"] in doc for w in playbooks.worksheets()) and _resources(doc).refs == []
        md = account_plan.to_markdown(con, top, period, "en", as_of=as_of)
        assert all(w["title_en"] in md for w in playbooks.worksheets())
        # the segment as the page passes it (the account table's, stored in English) is named in
        # the export's language, as the page shows it
        md_zh = account_plan.to_markdown(con, top, period, "zh", as_of=as_of, extra={"segment": "Champions"})
        assert "| 细分 | 核心客户 |" in md_zh and "Champions" not in md_zh
        assert "| Segment | Champions |" in account_plan.to_markdown(con, top, period, "en", as_of=as_of,
                                                                     extra={"segment": "Champions"})
    finally:
        con.close()


def test_the_gap_chart_draws_the_forecast_from_the_last_actual_month_under_the_actuals():
    import numpy as np
    import pandas as pd

    from kamp.account_plan import gap_figure

    months = pd.date_range("2026-01-01", periods=12, freq="MS")
    cum_actual = [10.0 * (i + 1) if i < 6 else np.nan for i in range(12)]  # actuals to June: 10 a month
    forecast = [10.0 * (i + 1) if i < 6 else 60.0 + 5.0 * (i - 5) for i in range(12)]  # then 5 a month
    curve = pd.DataFrame({"month": months, "target": 8.0, "cum_target": [8.0 * (i + 1) for i in range(12)],
                          "actual": 10.0, "cum_actual": cum_actual, "forecast": forecast})
    curve["gap"] = curve["cum_target"] - curve["forecast"]
    fig = gap_figure(curve, "en")
    lines = [t for t in fig.data if t.type == "scatter"]
    assert [t.name for t in lines] == ["Cumulative target", "Forecast", "Cumulative actual"]  # actual on top
    ahead = list(lines[1].y)
    assert all(np.isnan(v) for v in ahead[:5])  # January to May: only the actual line
    assert ahead[5:] == [60.0, 65.0, 70.0, 75.0, 80.0, 85.0, 90.0]  # from June, where the actuals end
    # forecast − target: ahead of the target to September above zero in green, short of it after below in red
    bars = {t.name: list(t.y) for t in fig.data if t.type == "bar"}
    short, over = bars["Behind target so far (cumulative, below 0)"], bars["Ahead of target so far (cumulative, above 0)"]
    assert [v for v in over if not np.isnan(v)] == [2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 9.0, 6.0, 3.0]
    assert [v for v in short if not np.isnan(v)] == [-3.0, -6.0]  # Nov 85 − 88, Dec 90 − 96
    colours = {t.name: t.marker.color for t in fig.data if t.type == "bar"}
    assert "200,85,61" in colours["Behind target so far (cumulative, below 0)"] and "46,139,87" in colours["Ahead of target so far (cumulative, above 0)"]


def test_a_month_ahead_of_target_is_drawn_above_zero_and_its_hover_says_ahead():
    import pandas as pd

    from kamp.account_plan import gap_figure

    # hand-made: target 100 a month; January's forecast 150 (50 ahead), February's 180 (20 short of 200)
    curve = pd.DataFrame({"month": pd.to_datetime(["2026-01-01", "2026-02-01"]), "target": 100.0,
                          "cum_target": [100.0, 200.0], "actual": [150.0, 30.0], "cum_actual": [150.0, 180.0],
                          "forecast": [150.0, 180.0], "gap": [-50.0, 20.0]})
    for lang, ahead_name, ahead_hover, short_hover in (
            ("en", "Ahead of target so far (cumulative, above 0)", "Ahead of target by 50.00", "Short of target by 20.00"),
            ("zh", "累计领先目标（0 以上）", "超出目标 50.00", "落后目标 20.00")):
        bars = [t for t in gap_figure(curve, lang).data if t.type == "bar"]
        ahead, short = bars
        assert ahead.name == ahead_name and ahead.y[0] == 50.0 and "46,139,87" in ahead.marker.color
        assert short.y[1] == -20.0 and "200,85,61" in short.marker.color
        assert ahead.customdata[0] == ahead_hover and short.customdata[1] == short_hover
        assert "%{customdata}" in ahead.hovertemplate


def test_the_gap_bars_are_the_cumulative_shortfall_and_the_axis_is_labelled_below_zero(wan):
    import pandas as pd

    from kamp.account_plan import gap_figure

    # hand-made: a target of 284,325,211.63 for the year (a twelfth a month); actual to September
    # 163,586,081.53, then 19,977,626.91 a month forecast: December 163,586,081.53 + 59,932,880.73 =
    # 223,518,962.26, short of the year's target by 60,806,249.37
    months = pd.date_range("2026-01-01", periods=12, freq="MS")
    cum_target = [284_325_211.63 * (i + 1) / 12 for i in range(12)]
    forecast = [163_586_081.53 * (i + 1) / 9 if i < 9 else 163_586_081.53 + 19_977_626.91 * (i - 8) for i in range(12)]
    curve = pd.DataFrame({"month": months, "cum_target": cum_target, "forecast": forecast,
                          "cum_actual": [f if i < 9 else None for i, f in enumerate(forecast)]})
    curve["gap"] = curve["cum_target"] - curve["forecast"]
    for lang, legend, december, ticks in (
            ("en", "Behind target so far (cumulative, below 0)", "Short of target by 60.81M",
             ["-100M", "0", "100M", "200M", "300M"]),
            ("zh", "累计落后目标（0 以下）", "落后目标 6,080.62万", ["-1亿", "0", "1亿", "2亿", "3亿"])):
        fig = gap_figure(curve, lang)
        short = next(t for t in fig.data if t.type == "bar")
        assert short.name == legend and round(short.y[11], 2) == -60_806_249.37 and short.customdata[11] == december
        # steps of 100M (a fifth of the 345M from −61M to 284M, rounded up); the −100M tick is on the axis
        assert list(fig.layout.yaxis.ticktext) == ticks
        low, high = fig.layout.yaxis.range
        assert low <= -100_000_000 and high >= 300_000_000


# An account of 6.5857亿 all time that owes 8,379.85万 over 1,023 orders (the profile's figures as the page passes them)
BIG = {"revenue": 658_565_669.19, "receivables": 83_798_548.27, "orders": 1023}


def _big_plan(con):
    playbooks.save(con, "A", "2026Q3", "revenue_targets", {"year": 2026, "targets": [
        {"quarter": "Q1", "product_line": "Storage", "target": 71_081_303.0},
        {"quarter": "Q2", "product_line": "Storage", "target": 50_000_000.0}]}, "Ann")
    playbooks.save(con, "A", "2026Q3", "closing_gap", {"annual_target": 108_000_000.0}, "Ann")


def test_the_chinese_export_says_money_in_wan_and_yi_as_the_page_does(small, wan):  # noqa: F811
    _big_plan(small)
    md = account_plan.to_markdown(small, "A", "2026Q3", "zh", as_of="2026-06-30", today=TODAY, extra=BIG)
    assert "| 累计净收入 | 6.59亿 |" in md and "| 未收应收账款 | 8,379.85万 |" in md and "| 订单数 | 1,023 |" in md
    # a table's money column in one unit, named in its header: a median of 6,054万, so 万
    assert "| 季度 | 产品线 | 目标（万） | 备注 |" in md
    assert "| 2026Q1 | Storage | 7,108.1 | — |" in md and "| 2026Q2 | Storage | 5,000.0 | — |" in md
    assert "- **年度目标**：1.08亿" in md
    assert "期间：2026Q3 · 数据截至：2026-06-30" in md and ": " not in md.split("## ")[0]
    doc = account_plan.to_html(small, "A", "2026Q3", "zh", as_of="2026-06-30", today=TODAY, extra=BIG)
    assert "<dd>6.59亿</dd>" in doc and "<dd>8,379.85万</dd>" in doc and "<dd>1,023</dd>" in doc
    assert "<th>目标（万）</th>" in doc and "<td class=num>7,108.1</td>" in doc
    assert "期间：2026Q3 · 数据截至：2026-06-30 · 生成时间：" in doc


def test_the_english_export_gives_headline_money_short_and_table_money_in_full(small, wan):  # noqa: F811
    _big_plan(small)
    md = account_plan.to_markdown(small, "A", "2026Q3", "en", as_of="2026-06-30", today=TODAY, extra=BIG)
    assert "| Net revenue, all time | 658.57M |" in md and "| Orders | 1,023 |" in md
    assert "| 2026Q1 | Storage | 71,081,303.00 | — |" in md
    assert "- **Target for the year**: 108.00M" in md and "Period: 2026Q3 · Data through: 2026-06-30" in md


def test_the_chinese_gap_table_gives_all_its_money_columns_in_one_unit(wan):
    import pandas as pd

    # hand-made: the actuals alone would read in 万 (a median of 9,000万), the other columns in 亿;
    # all seven figures have a median of 1.4亿, so every column is in 亿
    curve = pd.DataFrame({"month": pd.to_datetime(["2026-01-01", "2026-02-01"]),
                          "cum_target": [150_000_000.0, 300_000_000.0], "cum_actual": [90_000_000.0, float("nan")],
                          "forecast": [90_000_000.0, 160_000_000.0], "gap": [60_000_000.0, 140_000_000.0]})
    lines = account_plan._gap_table(curve, "zh").splitlines()
    assert lines[0] == "| 月份 | 累计目标（亿） | 累计实际（亿） | 预测（亿） | 差距（亿） |"
    assert lines[2:] == ["| 2026-01 | 1.50 | 0.90 | 0.90 | 0.60 |", "| 2026-02 | 3.00 | — | 1.60 | 1.40 |"]
    # smaller figures (a median of 6,000万): every column in 万, the target of 2亿 and 3亿 too
    small_curve = curve.assign(cum_target=[200_000_000.0, 300_000_000.0], cum_actual=[40_000_000.0, float("nan")],
                               forecast=[40_000_000.0, 60_000_000.0], gap=[80_000_000.0, -10_000_000.0])
    lines = account_plan._gap_table(small_curve, "zh").splitlines()
    assert lines[0] == "| 月份 | 累计目标（万） | 累计实际（万） | 预测（万） | 差距（万） |"
    assert lines[2] == "| 2026-01 | 20,000.0 | 4,000.0 | 4,000.0 | 8,000.0 |"
    assert lines[3] == "| 2026-02 | 30,000.0 | — | 6,000.0 | -1,000.0 |"


def test_an_account_without_a_record_is_titled_by_its_id(small):  # noqa: F811
    small.execute("DELETE FROM accounts WHERE account_id = 'A'")  # order lines only, as a sales export has
    md = account_plan.to_markdown(small, "A", "2026Q3", "en", as_of="2026-06-30", today=TODAY)
    assert md.splitlines()[0] == "# Account plan — A · 2026Q3"
    doc = account_plan.to_html(small, "A", "2026Q3", "zh", as_of="2026-06-30", today=TODAY)
    assert "nan" not in doc.split("<body", 1)[0] and "客户计划 — A · 2026Q3" in doc


def test_the_export_of_a_year_after_the_lines_end_says_so_and_forecasts_nothing(small):  # noqa: F811
    said = "The order lines end on 2026-06-30, before 2027 began: the year's forecast and gap are unknown."
    md = account_plan.to_markdown(small, "A", "2027Q1", "en", as_of="2026-06-30", today=TODAY)
    assert f"*{said}*" in md
    rows = [r for r in md.splitlines() if r.startswith("| 2027-")]
    assert len(rows) == 12 and all(r.endswith("| — | — | — |") for r in rows)  # actual, forecast, gap
    assert said in account_plan.to_html(small, "A", "2027Q1", "en", as_of="2026-06-30", today=TODAY)
    assert said not in account_plan.to_markdown(small, "A", "2026Q3", "en", as_of="2026-06-30", today=TODAY)


@pytest.mark.parametrize("lang, other", [("en", "zh"), ("zh", "en")])
def test_a_saved_targets_note_of_the_draft_reads_in_the_exports_language(small, lang, other):  # noqa: F811
    # saved from a page in the other language: the draft's notes as it wrote them, and one of the planner's own
    playbooks.save(small, "A", "2026Q3", "revenue_targets", {"targets": [
        {"quarter": "Q1", "product_line": "Disk", "target": 100.0, "note": {"zh": "实际：本季度销售额",
                                                                             "en": "actual: sold in the quarter"}[other]},
        {"quarter": "Q2", "product_line": "Disk", "target": 90.0, "note": {
            "zh": "截至数据最后一天为实际销售额，其后按目标速度", "en": "actual to the data's last day, then at the target's rate"}[other]},
        {"quarter": "Q3", "product_line": "Disk", "target": 80.0, "note": "实际 weak summer / 夏季偏弱"}]}, "Ann")
    md = account_plan.to_markdown(small, "A", "2026Q3", lang, as_of="2026-06-30", today=TODAY)
    doc = account_plan.to_html(small, "A", "2026Q3", lang, as_of="2026-06-30", today=TODAY)
    sold = {"en": "actual: sold in the quarter", "zh": "实际：本季度销售额"}
    so_far = {"en": "actual to the data's last day, then at the target's rate", "zh": "截至数据最后一天为实际销售额，其后按目标速度"}
    for text in (md, doc):
        assert sold[lang] in text and sold[other] not in text
        assert so_far[lang] in text and so_far[other] not in text
        assert "实际 weak summer / 夏季偏弱" in text  # a note of the planner's own, as written
