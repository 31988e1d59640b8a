"""The review report (kamp.review_report.to_html) on the demo database: one self-contained
HTML file in the asked language with every section, Plotly's JavaScript inlined once and
nothing fetched from the network; counts checked against SQL on the snapshot tables."""
import re

import duckdb
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
        html = {lang: review_report.to_html(con, "2026Q2", "2026Q3", lang) for lang in ("en", "zh")}
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
    assert f"{positive:,.0f}" in section
    assert f">{i18n.t('review.kpi.revenue_12m', lang)}<" not in section
