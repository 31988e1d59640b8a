"""The whole app in a real browser: ``streamlit run app.py`` on a free loopback port, headless
Chromium (Debian's ``chromium``) driven by Playwright. Visits every page in both languages,
uploads a GB18030 file with Chinese headers, imports it and checks the summary; fails on any
exception the app shows.

Needs ``/usr/bin/chromium`` (``apt-get install chromium``; ``.ci/run`` installs it) or
``$KAMP_CHROMIUM``.
"""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from kamp import i18n

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("KAMP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
PAGES = {"": "overview.title", "customers": "rfm.title", "concentration": "conc.title", "tiers": "tiers.title",
         "account": "account.title", "import_data": "import.title", "history": "history.title",
         "scorecards": "card.title", "matrices": "matrix.title", "coverage": "coverage.title",
         "relationship": "relationship.title", "profitability": "profit.title", "plan": "ws.title",
         "plans": "plans.title"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("browser") / "kamp.duckdb"  # does not exist: first start builds the demo
    port = _free_port()
    env = {**os.environ, "KAMP_DB": str(db)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).status == 200:
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail(f"streamlit did not start:\n{proc.stdout.read()}")
    yield url, db
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM}: apt-get install chromium (see .ci/run)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync"])
        yield b
        b.close()


def _settle(page) -> None:
    """Wait until the script run is over (no running indicator) and the main block is drawn."""
    page.wait_for_selector('[data-testid="stMain"]', timeout=60_000)
    page.wait_for_timeout(500)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=90_000)


def _open(server, browser, path: str, width: int = 1400, height: int = 900):
    """A new page of the running app at ``path`` (with its query), ``width`` × ``height`` pixels, its run settled."""
    url, _ = server
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{url}/{path}")
    _settle(page)
    return page


def _no_exception(page) -> None:
    shown = page.locator('[data-testid="stException"]')
    assert shown.count() == 0, shown.first.inner_text()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_renders(server, browser, path, lang):
    page = _open(server, browser, f"{path}?lang={lang}")
    expect(page.locator("h1").first).to_contain_text(i18n.t(PAGES[path], lang), timeout=60_000)
    _no_exception(page)
    page.close()


def test_account_link_opens_the_account(server, browser):
    # The demo names its accounts C0001 … C1200; a link with ?account= opens that account.
    url, _ = server
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{url}/account?account=C0001&lang=en")
    _settle(page)
    expect(page.locator("h2").first).to_be_visible(timeout=60_000)
    _settle(page)  # the profile card is drawn first; the rest of the run is still going
    expect(page.get_by_text("C0001").first).to_be_visible()
    expect(page.get_by_text(i18n.t("account.monthly", "en"))).to_be_attached(timeout=60_000)
    _no_exception(page)
    page.close()


def test_upload_chinese_gb18030_file_and_import(server, browser, tmp_path):
    url, _ = server
    rows = ["2026年9月销售明细",  # a report's title above its header
            "客户编号,客户名称,订单日期,订单号,产品,数量,单价,金额",
            "Z001,浙江测试科技有限公司,2026/9/1,SO-T1,P1,2,\"1,000.00\",\"2,000.00\"",
            "Z001,浙江测试科技有限公司,2026年9月2日,SO-T2,P2,1,500,¥500.00",
            "Z002,江苏样例有限公司,31/02/2026,SO-T3,P1,1,5,5.00"]
    upload = tmp_path / "销售明细.csv"
    upload.write_bytes("\n".join(rows).encode("gb18030"))
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    page.goto(f"{url}/import_data?lang=en")
    _settle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    _settle(page)
    expect(page.get_by_text(i18n.t("import.mapping", "en"))).to_be_visible(timeout=60_000)
    expect(page.get_by_text("GB18030", exact=False).first).to_be_visible()
    expect(page.get_by_text(i18n.t("import.header_below", "en", n=2, where="line"))).to_be_visible()
    _no_exception(page)
    page.get_by_role("button", name=i18n.t("import.confirm_button", "en")).click()
    expect(page.get_by_text(i18n.t("import.rows_rejected", "en")).first).to_be_visible(timeout=90_000)
    _settle(page)
    metrics = {m.locator('[data-testid="stMetricLabel"]').inner_text().strip():
               m.locator('[data-testid="stMetricValue"]').inner_text().strip()
               for m in page.locator('[data-testid="stMetric"]').all()}
    # Three data rows: two good lines, one with the impossible date 31/02/2026.
    assert metrics[i18n.t("import.rows_read", "en")] == "3"
    assert metrics[i18n.t("import.rows_loaded", "en")] == "2"
    assert metrics[i18n.t("import.rows_rejected", "en")] == "1"
    expect(page.get_by_text("does not exist").first).to_be_attached()  # a cell of the rejects grid
    expect(page.get_by_role("button", name=i18n.t("import.download_rejects", "en"))).to_be_visible()
    _no_exception(page)
    page.goto(f"{url}/?lang=en")
    _settle(page)
    _no_exception(page)
    page.close()


def test_review_report_opens_offline_and_draws_its_charts(browser, demo_db, tmp_path):
    # The exported report is a file on disk: opened from file://, every chart must draw from
    # the inlined Plotly, with no script error and no request leaving the file.
    import duckdb

    from kamp import review_report

    with duckdb.connect(str(demo_db), read_only=True) as con:
        html = review_report.to_html(con, "2026Q2", "2026Q3", "zh")
    report = tmp_path / "review.html"
    report.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors, requests = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    page.goto(report.as_uri())
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    expect(page.locator(".js-plotly-plot")).to_have_count(html.count('<div class="chart">'), timeout=60_000)
    expect(page.locator("h1")).to_contain_text("2026Q2 → 2026Q3")
    assert errors == [] and requests == []
    page.close()


def test_switching_language_in_the_sidebar_translates_the_page(server, browser):
    url, _ = server
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{url}/tiers?lang=zh")
    _settle(page)
    expect(page.locator("h1").first).to_contain_text(i18n.t("tiers.title", "zh"), timeout=60_000)
    page.locator('[data-testid="stSidebar"]').get_by_role("radio", name="English").click()
    _settle(page)
    expect(page.locator("h1").first).to_contain_text(i18n.t("tiers.title", "en"), timeout=60_000)
    expect(page.locator('[data-testid="stSidebar"]').get_by_text(i18n.t("nav.scorecards", "en"))).to_be_visible()
    # the chosen features are worded in English, not kept as the browser held them in Chinese
    features = page.locator('[data-testid="stMultiSelect"]').first
    expect(features).to_contain_text(i18n.t("col.days_since_last", "en"), timeout=60_000)
    # the language already chosen, clicked again, stays chosen (it used to end the page in an error),
    # and the features stay chosen (the stale Chinese labels used to be dropped)
    page.locator('[data-testid="stSidebar"]').get_by_role("radio", name="English").click()
    _settle(page)
    expect(page.locator("h1").first).to_contain_text(i18n.t("tiers.title", "en"), timeout=60_000)
    _no_exception(page)
    assert "lang=en" in page.url
    expect(features).to_contain_text(i18n.t("col.days_since_last", "en"), timeout=60_000)
    page.locator('[data-testid="stSidebar"]').get_by_role("radio", name="中文").click()
    _settle(page)
    expect(page.locator("h1").first).to_contain_text(i18n.t("tiers.title", "zh"), timeout=60_000)
    _no_exception(page)
    page.close()


def test_account_plan_export_opens_offline_with_every_worksheet(browser, demo_db, tmp_path):
    # The exported account plan is one file: opened from file://, it shows all twelve
    # worksheets and draws its charts from the inlined Plotly, with no request leaving the file.
    import duckdb

    from kamp import account_plan, playbooks

    with duckdb.connect(str(demo_db), read_only=True) as con:
        html = account_plan.to_html(con, "C0001", playbooks.current_period(), "en")
    plan = tmp_path / "plan.html"
    plan.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors, requests = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    page.goto(plan.as_uri())
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    for sheet in playbooks.worksheets():
        expect(page.get_by_text(sheet["title_en"], exact=False).first).to_be_attached()
    assert errors == [] and requests == []
    page.close()


@pytest.mark.parametrize("lang, button, hint", [
    ("zh", "选择文件", "或拖放到此处 · 不超过 2 GB · CSV、TSV、TXT、XLSX、XLS、PARQUET"),
    ("en", "Choose a file", "or drop it here · up to 2 GB · CSV, TSV, TXT, XLSX, XLS, PARQUET")])
def test_the_file_uploader_speaks_the_page_language(server, browser, lang, button, hint):
    # Streamlit writes "Upload" and "2GB per file • CSV, …" whatever the language: the page sets
    # its own words over them. What the reader sees is the rule's text; Streamlit's is sized to nothing.
    url, _ = server
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{url}/import_data?lang={lang}")
    _settle(page)
    zone = page.locator('[data-testid="stFileUploaderDropzone"]')
    expect(zone).to_be_visible(timeout=60_000)

    def shown(locator) -> tuple[str, str, str]:
        return locator.evaluate("e => [getComputedStyle(e).fontSize, getComputedStyle(e, '::after').content, "
                                "getComputedStyle(e, '::after').fontSize]")

    # the page's style rule arrives with the rest of the page, after the uploader itself may show
    page.wait_for_function("""() => {
        const p = document.querySelector('[data-testid="stFileUploaderDropzone"] button p');
        return p && getComputedStyle(p, '::after').content !== 'none'; }""", timeout=60_000)
    assert shown(zone.locator("button p")) == ["0px", f'"{button}"', "14px"]
    assert shown(zone.locator('[data-testid="stFileUploaderDropzoneInstructions"] span')) == ["0px", f'"{hint}"', "14px"]
    expect(page.get_by_text("Deploy", exact=True)).to_have_count(0)  # no developer toolbar for the viewers
    _no_exception(page)
    page.close()


def test_the_analysis_date_chosen_in_the_sidebar_stays_on_the_next_page(server, browser, demo_db):
    # typed into the sidebar's date box, it is in the address; the sidebar's link to another page
    # (which clears the address) keeps it: the concentration page counts the accounts of that day
    import datetime as dt

    import duckdb

    with duckdb.connect(str(demo_db), read_only=True) as con:
        accounts = con.execute("SELECT count(DISTINCT account_id) FROM transactions WHERE ts < ?",
                               [dt.datetime(2025, 7, 1)]).fetchone()[0]
    page = _open(server, browser, "?lang=en")
    year = page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"] span[data-type="year"]')
    year.scroll_into_view_if_needed()
    year.click()
    page.keyboard.type("20250630")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect(page.get_by_text(f"{accounts:,}", exact=True).first).to_be_visible(timeout=60_000)
    _settle(page)
    page.locator('[data-testid="stSidebarNav"] a', has_text=i18n.t("nav.concentration", "en")).click()
    _settle(page)
    expect(page.locator("h1").first).to_contain_text(i18n.t("conc.title", "en"), timeout=60_000)
    expect(page.get_by_text(f"All {accounts:,} accounts count", exact=False)).to_be_visible(timeout=60_000)
    assert "as_of=2025-06-30" in page.url
    _no_exception(page)
    page.close()


def test_a_text_box_says_press_enter_in_the_page_language(server, browser):
    # Streamlit writes "Press Enter to apply" under a text box being typed in, in English on a
    # Chinese page too: a style rule sets the page's words over it (the sidebar's "your name" box).
    url, _ = server
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{url}/tiers?lang=zh")
    _settle(page)
    box = page.locator('[data-testid="stSidebar"] [data-testid="stTextInput"] input').first
    box.click()
    box.type("李娜")
    line = page.locator('[data-testid="stSidebar"] [data-testid="InputInstructions"] > span').first
    expect(line).to_be_attached(timeout=30_000)  # (sized to nothing: the rule's text is what shows)
    # the style rule arrives with the rest of the page, after the text box itself may show
    page.wait_for_function("""() => {
        const s = document.querySelector('[data-testid="stSidebar"] [data-testid="InputInstructions"] > span');
        return s && getComputedStyle(s, '::after').content !== 'none'; }""", timeout=60_000)
    shown = line.evaluate("e => [getComputedStyle(e).fontSize, getComputedStyle(e, '::after').content]")
    assert shown == ["0px", '"按回车键确认"']
    _no_exception(page)
    page.close()


@pytest.mark.parametrize("width", [1366, 1920])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_concentration_tiles_and_chart_read_whole_on_a_laptop_and_a_big_screen(server, browser, lang, width):
    # a tile's label too long for its sixth of the page ends in "…" (Streamlit cuts it)
    page = _open(server, browser, f"concentration?lang={lang}", width)
    labels = page.locator('[data-testid="stMetricLabel"]')
    expect(labels).to_have_count(6, timeout=60_000)  # every tile drawn (they arrive one by one)
    cut = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stMetricLabel"]')]
        .filter(l => [...l.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1)).map(l => l.innerText)""")
    assert cut == []
    # the quarterly chart names its lower panel as a whole phrase and each line by its legend
    for text in (i18n.t("chart.trend_counts", lang), i18n.t("chart.buying_accounts", lang)):
        expect(page.get_by_text(text, exact=True).first).to_be_attached(timeout=60_000)
    _no_exception(page)
    page.close()


@pytest.mark.parametrize("width, height", [(1366, 768), (1920, 1080)])
def test_a_plan_gap_slide_fits_the_screen_of_a_laptop_and_of_a_projector(server, browser, width, height):
    # the chart takes what the figures above it leave: its months and the open-the-plan link on the
    # screen, no scrolling; on a bigger screen, a bigger chart
    page = _open(server, browser, "present?lang=en&slide=5", width, height)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    expect(chart).to_be_visible(timeout=60_000)
    page.wait_for_timeout(1_000)  # (the chart takes its size once drawn)
    box = chart.bounding_box()
    link = page.locator('[data-testid="stPageLink"]').last.bounding_box()
    assert link["y"] + link["height"] <= height and box["y"] + box["height"] <= height
    assert box["height"] >= (280 if height < 900 else 500)
    _no_exception(page)
    page.close()


@pytest.mark.parametrize("width, height, rows", [(1366, 768, 8), (1920, 1080, 12)])
def test_the_at_risk_slide_fills_the_screen_with_rows_and_ends_on_it(server, browser, width, height, rows):
    # the demo has far more flagged key accounts than fit: a laptop shows 8 rows, a 1080-pixel
    # projector 12, and the line saying how many more are left out is on the screen either way
    page = _open(server, browser, "present?lang=en&slide=4", width, height)
    expect(page.locator(".st-key-present_slide table")).to_be_visible(timeout=60_000)
    shown = page.evaluate("""() => [...document.querySelectorAll('.st-key-present_slide table tbody tr')]
        .filter(r => r.getBoundingClientRect().height > 0).length""")
    note = page.locator('[class*="st-key-present_note"]').filter(has_text="more").locator("visible=true")
    expect(note).to_have_count(1)
    box = note.bounding_box()
    assert shown == rows and box["y"] + box["height"] <= height
    _no_exception(page)
    page.close()


def test_a_summary_table_downloads_only_through_its_own_button(server, browser):
    # The table toolbar's own "Download as CSV" gives internal column names and raw figures; a
    # summary table with a download of its own hides it, and keeps the toolbar's other buttons.
    page = _open(server, browser, "customers?lang=en")
    segments = page.locator(".st-key-segments [data-testid=stDataFrame]")
    expect(segments).to_be_visible(timeout=60_000)
    segments.hover()
    toolbar = page.locator(".st-key-segments [data-testid=stElementToolbarButton]")
    expect(toolbar.first).to_be_visible(timeout=10_000)
    labels = [b.get_attribute("aria-label") for b in toolbar.locator("button").all() if b.is_visible()]
    assert labels and not any(label.startswith("Download") for label in labels), labels
    expect(page.get_by_role("button", name=i18n.t("ui.download_list", "en")).first).to_be_visible()
    _no_exception(page)
    page.close()


@pytest.mark.parametrize("lang, title", [("zh", "下载图表（PNG 图片）"), ("en", "Download plot as a PNG")])
def test_a_chart_s_own_toolbar_speaks_the_page_language(server, browser, lang, title):
    page = _open(server, browser, f"?lang={lang}")
    plot = page.locator('[data-testid="stPlotlyChart"]').first
    expect(plot).to_be_visible(timeout=60_000)
    plot.hover()
    button = plot.locator(".modebar-btn").first
    expect(button).to_be_attached(timeout=10_000)
    assert button.get_attribute("data-title") == title
    _no_exception(page)
    page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_exported_plan_gap_chart_keeps_its_title_and_legend_apart_on_a_narrow_page(browser, demo_db, tmp_path,
                                                                                    lang):
    # on a page as narrow as a printed one, the legend's five entries wrap: they must not run
    # into the chart's title
    import duckdb

    from kamp import account_plan, playbooks

    with duckdb.connect(str(demo_db), read_only=True) as con:
        html = account_plan.to_html(con, "C0217", playbooks.current_period(), lang)
    plan = tmp_path / "plan.html"
    plan.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 560, "height": 1000})
    page.goto(plan.as_uri())
    gap = page.locator(".js-plotly-plot").nth(1)
    expect(gap.locator(".legend")).to_be_attached(timeout=60_000)
    title, legend = (gap.locator(s).first.bounding_box() for s in (".gtitle", ".legend"))
    apart = (title["y"] + title["height"] <= legend["y"] or legend["y"] + legend["height"] <= title["y"]
             or title["x"] + title["width"] <= legend["x"] or legend["x"] + legend["width"] <= title["x"])
    assert apart, (title, legend)
    page.close()


def test_discarding_a_worksheet_edit_puts_back_what_was_saved(server, browser):
    # the browser keeps what a text box shows: Discard must draw the worksheet's boxes afresh, or
    # the next Save would store the edit the page said was discarded
    page = _open(server, browser, "plan?account=C0217&lang=en")
    box = page.locator('[data-testid="stTextArea"] textarea').first
    expect(box).to_be_visible(timeout=60_000)
    saved = box.input_value()
    box.fill(saved + " DISCARD ME")
    box.press("Tab")
    discard = page.get_by_role("button", name=i18n.t("ws.discard", "en")).first
    expect(discard).to_be_visible(timeout=30_000)
    discard.click()
    expect(page.get_by_role("button", name=i18n.t("ws.discard", "en"))).to_have_count(0, timeout=30_000)
    expect(page.locator('[data-testid="stTextArea"] textarea').first).to_have_value(saved, timeout=30_000)
    _no_exception(page)
    page.close()
