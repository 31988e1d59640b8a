"""The review report (kamp.review_report.to_html) on the demo database: one self-contained
HTML file in the asked language with every section, Plotly's JavaScript inlined once and
nothing fetched from the network; counts checked against SQL on the snapshot tables."""
import re

import duckdb
import pandas as pd
import pytest

from kamp import i18n, review_report

SUBSECTIONS = ["signals", "contrast", "satisfaction"]


@pytest.fixture(scope="module")
def reports(demo_db) -> dict:
    with duckdb.connect(str(demo_db), read_only=True) as con:
        down = con.execute("""SELECT count(*) FROM snapshot_accounts a JOIN snapshot_accounts b USING (account_id)
                              WHERE a.snapshot = '2026Q2' AND b.snapshot = '2026Q3' AND a.status <> 'lost'
                                AND b.status <> 'lost' AND b.tier_rank > a.tier_rank""").fetchone()[0]
        shared = con.execute("""SELECT sum(revenue_12m) FILTER (WHERE revenue_12m > 0), sum(revenue_12m)
                                FROM snapshot_accounts WHERE snapshot = '2026Q3'""").fetchone()
        html = {lang: review_report.to_html(con, "2026Q2", "2026Q3", lang, wan=True) for lang in ("en", "zh")}
    i18n.use_wan(False)  # the library's own default, for the tests after these
    return {"down": down, "shared": shared, **html}


def _headings(html: str, level: int) -> list[str]:
    return re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", html)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_report_has_every_section_heading_in_its_language(reports, lang):
    html = reports[lang]
    h2 = _headings(html, 2)
    assert h2 == [i18n.t(f"review.section.{s}", lang) for s in review_report.SECTIONS]
    h3 = _headings(html, 3)
    for s in SUBSECTIONS:
        assert i18n.t(f"review.section.{s}", lang) in h3
    assert f"<title>{i18n.t('report.title', lang, a='2026Q2', b='2026Q3')}</title>" in html
    assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in html


def test_chinese_report_carries_no_english_headings(reports):
    zh = reports["zh"]
    for s in review_report.SECTIONS + SUBSECTIONS:
        assert i18n.t(f"review.section.{s}", "en") not in zh


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_report_is_self_contained_with_plotly_inlined_once(reports, lang):
    html = reports[lang]
    assert len(re.findall(r"\* plotly\.js v\d", html)) == 1  # the library's own banner: one copy
    charts = html.count('<div class="chart">')
    assert charts >= 6 and html.count("Plotly.newPlot(") == charts
    assert not re.search(r"<script[^>]*\ssrc\s*=", html, re.I)  # nothing loaded, not even locally
    assert not re.search(r"<link[^>]*href\s*=\s*[\"']?(https?:)?//", html, re.I)
    assert not re.search(r"<(img|iframe)[^>]*src\s*=\s*[\"']?(https?:)?//", html, re.I)


def test_report_prints_one_section_per_page(reports):
    css = re.search(r"<style>(.*?)</style>", reports["en"], re.S).group(1)
    assert "@media print" in css
    assert re.search(r"section\.section\{break-before:page", css)


def test_report_lists_the_accounts_that_slipped_down(reports):
    # the "slipped down" list is headed with its count, which matches the snapshots by SQL
    assert f"{i18n.t('review.dir.down', 'en')} · {reports['down']:,}</h3>" in reports["en"]
    assert f"{i18n.t('review.dir.down', 'zh')} · {reports['down']:,}</h3>" in reports["zh"]


def test_every_review_text_built_at_run_time_exists_in_both_languages():
    from kamp import defection, review

    keys = {f"review.section.{s}" for s in review_report.SECTIONS + SUBSECTIONS}
    keys |= {f"review.section.{s}_help" for s in review_report.SECTIONS}
    keys |= {f"review.dir.{d}" for d in review.DIRECTIONS} | {f"review.dir.{d}_help" for d in review.DIRECTIONS}
    keys |= {f"review.kpi.{m}" for m in review_report.SUMMARY}
    keys |= {f"review.change.{c}" for c in ("lost", "dormant")} | {f"review.source.{s}" for s in ("plan", "draft")}
    keys |= {f"review.none_{n}" for n in ("dormant", "overdue", "no_sponsor", "left")}
    keys |= {f"review.tab.{t}" for t in ("migration", "segments", "concentration", "plan", "risks", "why")}
    keys |= {f"chart.review_score_{s}" for s in defection.SCORES}
    keys |= {f"chart.review_state_{s}" for s in ("new", "lost")} | {f"chart.review_change_{c}" for c in ("lost", "dormant")}
    missing = [k for k in sorted(keys) if k not in i18n.TEXTS or not all(x.strip() for x in i18n.TEXTS[k])]
    assert missing == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_concentration_table_names_its_revenue_as_the_accounts_above_zero(reports, lang):
    # the trend's total is the 12-month revenue of the accounts above zero, which the shares are
    # of; the summary's revenue is the net sum of all accounts: two figures under two names
    positive, net = reports["shared"]
    assert positive > net  # the demo has accounts whose 12 months net below zero at 2026Q3
    section = re.search(r'<section class="section" id="concentration">(.*?)</section>', reports[lang], re.S).group(1)
    assert i18n.t("review.col.shared_total", lang) in section
    # whole yuan in English; in Chinese in 亿, as the page's tables, the unit in the header
    assert f"{positive:,.0f}" in section if lang == "en" else f"{positive / 1e8:,.2f}" in section
    if lang == "zh":
        assert f"<th>{i18n.t('review.col.shared_total', lang)}（亿）</th>" in section
    assert f">{i18n.t('review.kpi.revenue_12m', lang)}<" not in section


def _content(revenue_a: list, revenue_b: list, no_sponsor) -> dict:
    """A review of two hand-made snapshots: the accounts' 12-month revenue, every one active and
    of the top tier; ``no_sponsor``: its list of key accounts without a sponsor."""
    def accounts(revenue):
        return pd.DataFrame({"account_id": [f"A{i}" for i in range(len(revenue))], "status": "active",
                             "tier_rank": 1, "revenue_12m": revenue})

    conc = {"revenue_12m": {"top20_share": 0.8, "gini": 0.7, "hhi": 5_000.0}}
    return {"a": {"name": "2026Q2", "concentration": conc}, "b": {"name": "2026Q3", "concentration": conc},
            "accounts_a": accounts(revenue_a), "accounts_b": accounts(revenue_b), "key_ranks": 2,
            "movers": pd.DataFrame({"direction": pd.Series([], dtype=object)}), "segment_rules": [],
            "no_sponsor": no_sponsor}


NO_SPONSOR = pd.DataFrame({"account_id": ["A0", "A1"], "name": ["a", "b"], "tier": ["Major", "Major"],
                           "owner": ["Li", "Li"], "status": ["active", "active"],
                           "revenue_12m": [3_145_445_702.0, 71_081_303.0], "contacts": [2, 1]})


@pytest.mark.parametrize("lang, wan, said", [
    ("zh", True, ["30.00亿", "31.43亿"]),  # 2026Q2: 30亿; 2026Q3: 30亿 + 1.429亿
    ("zh", False, ["3.00B", "3.14B"]),
    ("en", True, ["3.00B", "3.14B"]),
])
def test_the_report_s_headline_revenue_is_said_as_the_page_says_it(lang, wan, said):
    c = _content([3_000_000_000.0], [3_000_000_000.0, 142_900_000.0], NO_SPONSOR)
    i18n.use_wan(wan)
    try:
        html = review_report._summary(review_report._Html(c, lang))
    finally:
        i18n.use_wan(False)
    row = re.search(rf"<td>{i18n.t('review.kpi.revenue_12m', lang)}</td>(.*?)</tr>", html).group(1)
    assert re.findall(r'<td class="num">(.*?)</td>', row) == said


def test_a_chinese_report_table_gives_money_in_the_unit_named_in_its_header():
    # 31.45亿 and 0.71亿: a median of 16.08亿, so the column is in 亿, as on the page
    c = _content([1.0], [1.0], NO_SPONSOR)
    i18n.use_wan(True)
    try:
        zh, en = (review_report._no_sponsor_html(review_report._Html(c, lang)) for lang in ("zh", "en"))
    finally:
        i18n.use_wan(False)
    assert f"<th>{i18n.t('review.col.revenue_in', 'zh', name='2026Q3')}（亿）</th>" in zh
    assert re.findall(r'<td class="num">([\d,.]+)</td>', zh)[::2] == ["31.45", "0.71"]
    assert re.findall(r'<td class="num">([\d,.]+)</td>', en)[::2] == ["3,145,445,702", "71,081,303"]


def test_a_chinese_report_table_gives_its_quarters_of_revenue_in_one_unit():
    # hand-made quarters of three leavers: the last quarter alone has a median of 0 (whole yuan), the
    # twelve figures together one of 25万, so every quarter is in 万: A's 83,000 reads 8.3, not 83,000
    quarters = ["2025Q4", "2026Q1", "2026Q2", "2026Q3"]
    trend = pd.DataFrame({"account_id": ["A", "B", "C"],
                          "q0": [2_102_000.0, 500_000.0, 1_000_000.0], "q1": [628_000.0, 300_000.0, 200_000.0],
                          "q2": [1_567_000.0, 50_000.0, 0.0], "q3": [83_000.0, 0.0, 0.0]})
    cols = [("account_id", "客户", "text")] + [(f"q{i}", q, "money") for i, q in enumerate(quarters)]
    i18n.use_wan(True)
    try:
        html = review_report._Html(_content([1.0], [1.0], NO_SPONSOR), "zh").table(trend, cols)
    finally:
        i18n.use_wan(False)
    assert re.findall(r"<th>(.*?)</th>", html) == ["客户", "2025Q4（万）", "2026Q1（万）", "2026Q2（万）", "2026Q3（万）"]
    rows = [re.findall(r'<td class="num">(.*?)</td>', r) for r in re.findall(r"<tr>(.*?)</tr>", html)[1:]]
    assert rows == [["210.2", "62.8", "156.7", "8.3"], ["50.0", "30.0", "5.0", "0.0"], ["100.0", "20.0", "0.0", "0.0"]]
