"""The account plan page (the twelve worksheets), headless (AppTest) on a copy of the demo
database: it opens prefilled, saves new versions, and never overwrites someone else's save."""
import re
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from kamp import i18n, playbooks, store

ROOT = Path(__file__).resolve().parent.parent
ACCOUNT = "C0001"


@pytest.fixture
def db(demo_db, tmp_path):
    path = tmp_path / "kamp.duckdb"
    shutil.copy(demo_db, path)
    return path


def _open(lang: str, db: Path, monkeypatch, account: str = ACCOUNT) -> AppTest:
    monkeypatch.setenv("KAMP_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.session_state["author"] = "王芳"
    at.run()
    at.switch_page("pages/plan.py")
    at.query_params["account"] = account
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _statement(at: AppTest):
    period = playbooks.current_period()
    base = at.session_state[f"base.{ACCOUNT}.{period}.statement"]
    # (after a discard, the worksheet's widgets have keys of their own: w.….statement.0~1.contribution)
    return next(t for t in at.text_area if re.fullmatch(rf"w\.{ACCOUNT}\.{period}\.statement\.{base}(~\d+)?\.contribution",
                                                           t.key))


def _save_first_sheet(at: AppTest) -> AppTest:
    label = i18n.t("ws.save", at.session_state["lang"])
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _versions(db: Path) -> list[tuple]:
    with duckdb.connect(str(db)) as con:
        return con.execute("""SELECT version, author, json_extract_string("values", '$.contribution')
                              FROM playbook_versions WHERE account_id = ? AND worksheet = 'statement'
                              ORDER BY version""", [ACCOUNT]).fetchall()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_plan_opens_with_twelve_worksheets_prefilled(lang, db, monkeypatch):
    at = _open(lang, db, monkeypatch)
    assert at.title[0].value == i18n.t("ws.title", lang)
    assert len(at.tabs) == 12
    titles = [t.label for t in at.tabs]
    assert titles[0].startswith("1 ") and titles[11].startswith("12 ")
    # Worksheet 3 shows our last-12-month revenue from the data (prefilled, not typed in).
    with duckdb.connect(str(db)) as con:
        last = con.execute("SELECT max(ts) FROM transactions").fetchone()[0]
        expected = con.execute("SELECT sum(amount) FROM transactions WHERE account_id = ? AND ts > ? - INTERVAL 365 DAY "
                               "AND ts <= ?", [ACCOUNT, last, last]).fetchone()[0]
    shown = [m.value for m in at.metric if m.label == ("Our revenue, last 12 months" if lang == "en" else "近 12 个月我方收入")]
    assert 1e5 < expected < 1e6  # in thousands (k), in Chinese in 万
    assert shown and shown[0] == (f"{expected / 1e3:,.2f}k" if lang == "en" else f"{expected / 1e4:,.2f}万")
    # A choice not made yet asks in the page's language (Streamlit's own says "Choose an option").
    empty = [s for s in at.selectbox if s.value is None and ".statement." in s.key]
    assert empty and all(s.placeholder == i18n.t("ui.choose", lang) for s in empty)


def test_each_save_is_a_new_version_with_its_author(db, monkeypatch):
    at = _open("en", db, monkeypatch)
    _statement(at).input("ERP roll-out for the finance department")
    _save_first_sheet(at)
    _statement(at).input("ERP roll-out and support for finance and HR")
    _save_first_sheet(at)
    assert _versions(db) == [(1, "王芳", "ERP roll-out for the finance department"),
                             (2, "王芳", "ERP roll-out and support for finance and HR")]


def test_someone_elses_save_is_not_overwritten(db, monkeypatch):
    at = _open("en", db, monkeypatch)  # opened before the colleague saves
    _statement(at).input("my statement")
    con = store.connect(str(db))  # the same file as the page's connection: shares its instance
    playbooks.save(con, ACCOUNT, playbooks.current_period(), "statement", {"contribution": "colleague's statement"},
                   "李娜")
    _save_first_sheet(at)
    assert _versions(db) == [(1, "李娜", "colleague's statement")]  # nothing of mine was written
    warning = " ".join(w.value for w in at.warning)
    assert "Someone else saved this worksheet" in warning and "李娜" in warning
    # Choosing to keep mine adds it on top: both versions stay.
    next(b for b in at.button if b.label == i18n.t("ws.keep_mine", "en")).click().run()
    assert _versions(db) == [(1, "李娜", "colleague's statement"), (2, "王芳", "my statement")]


def test_every_worksheet_saves_its_prefilled_draft(db, monkeypatch):
    """Each of the twelve steps: its draft, as prefilled from the data, saves as version 1."""
    at = _open("en", db, monkeypatch)
    label = i18n.t("ws.save", "en")
    for i in range(12):
        [b for b in at.button if b.label == label][i].click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert not at.error, [e.value for e in at.error]
    with duckdb.connect(str(db)) as con:
        saved = dict(con.execute("SELECT worksheet, max(version) FROM playbook_versions WHERE account_id = ? "
                                 "GROUP BY 1", [ACCOUNT]).fetchall())
    assert saved == {w["key"]: 1 for w in playbooks.worksheets()}
    # The revenue targets saved are the prefilled ones: per quarter, the product lines' trailing
    # revenue grown by the trend, so the year's target is four quarters of it.
    with duckdb.connect(str(db)) as con:
        values = con.execute("""SELECT "values" FROM playbook_versions WHERE account_id = ?
                                AND worksheet = 'revenue_targets'""", [ACCOUNT]).fetchone()[0]
    import json

    rows = json.loads(values)["targets"]
    assert {r["quarter"] for r in rows} == {"Q1", "Q2", "Q3", "Q4"}


def test_the_exports_are_in_the_pages_language_and_date_when_clicked(db, monkeypatch):
    # Streamlit builds a download when it is clicked, on a server thread with no session:
    # the page's language and as-of date must already be in the file's recipe.
    from pagetest import downloaded, record_downloads

    recipes = record_downloads(monkeypatch)
    monkeypatch.setenv("KAMP_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = "en"
    at.run()
    at.switch_page("pages/plan.py")
    at.query_params["account"] = ACCOUNT
    at.query_params["as_of"] = "2024-06-30"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    files = {k: downloaded(recipe) for k, recipe in recipes.items()}
    md = files["export_md"]
    assert f"{i18n.t('plan.as_of', 'en')}: 2024-06-30" in md
    assert i18n.t("plan.profile", "en") in md and i18n.t("plan.profile", "zh") not in md
    html = files["export_html"]
    assert i18n.t("plan.profile", "en") in html and i18n.t("plan.profile", "zh") not in html


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_earlier_analysis_date_opens_the_plans_of_its_quarter(lang, db, monkeypatch):
    # 2025-06-30 falls in 2025Q2, before this quarter: the plan pages open that quarter and say so
    from pagetest import open_page_on

    note = i18n.t("plans.as_of_quarter_note", lang, period="2025Q2", chosen="2025-06-30")
    at = open_page_on("pages/plan.py", db, monkeypatch, lang, account=ACCOUNT, as_of="2025-06-30")
    assert at.selectbox(key="period").value == "2025Q2"
    assert note in [c.value for c in at.caption]
    at = open_page_on("pages/plans.py", db, monkeypatch, lang, as_of="2025-06-30")
    assert at.selectbox(key="plans_period").value == "2025Q2"
    assert note in [c.value for c in at.caption]
    # a date in this quarter keeps this quarter's plans
    today = playbooks.current_period()
    at = open_page_on("pages/plans.py", db, monkeypatch, lang,
                      as_of=str(playbooks.period_bounds(today)[0]))
    assert at.selectbox(key="plans_period").value == today


def test_the_quarter_box_follows_an_analysis_date_chosen_while_the_plan_is_open(db, monkeypatch):
    # opened on this quarter; a date of 2025Q2 chosen since opens 2025Q2, where a save goes
    from pagetest import open_page_on

    at = open_page_on("pages/plan.py", db, monkeypatch, "en", account=ACCOUNT)
    assert at.selectbox(key="period").value == playbooks.current_period()
    at.query_params["as_of"] = "2025-06-30"
    at.run()
    assert at.selectbox(key="period").value == "2025Q2"
    at.selectbox(key="period").set_value("2025Q1").run()  # a quarter chosen here stays
    at.run()
    assert at.selectbox(key="period").value == "2025Q1"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lines_of_long_ago_open_the_plans_of_their_last_quarter(lang, tmp_path, monkeypatch):
    # the fixture's lines end on 2024-02-28, in 2024Q1, long before last quarter: with no date
    # chosen the plans are of 2024Q1, not of a year without lines, and the pages say why
    from pagetest import costless_db, open_page_on

    path = costless_db(tmp_path)
    note = i18n.t("plans.lines_quarter_note", lang, period="2024Q1", last="2024-02-28")
    at = open_page_on("pages/plan.py", path, monkeypatch, lang, account="15100")
    assert at.selectbox(key="period").value == "2024Q1"
    assert note in [c.value for c in at.caption]
    at = open_page_on("pages/plans.py", path, monkeypatch, lang)
    assert at.selectbox(key="plans_period").value == "2024Q1"
    assert note in [c.value for c in at.caption]


def _figures(at: AppTest, sheet: str) -> dict:
    """The money figures a worksheet shows (label → text), by the worksheet's field labels."""
    labels = {playbooks.text(f, "label", at.session_state["lang"]) for f in playbooks.worksheet(sheet)["fields"]
              if playbooks.from_data(f)}
    return {m.label: m.value for m in at.metric if m.label in labels}


def test_money_from_the_data_reads_in_the_pages_units(db, monkeypatch):
    """C0217's last 12 months, 239,731,522.90, read 2.40亿 (not 239731522.90); a month's run rate, a
    twelfth, 19,977,626.91, reads 1,997.76万; the plan gap's year-end figures in 亿 or 万 too."""
    at = _open("zh", db, monkeypatch, "C0217")
    assert _figures(at, "revenue_targets") == {"近 12 个月收入": "2.40亿", "月均收入": "1,997.76万"}
    gap = _figures(at, "closing_gap")
    assert set(gap) == {"年度目标", "年初至今实际", "年末预测", "年末差距"}
    assert all(re.fullmatch(r"-?[\d,]+\.\d\d(亿|万)", v) for v in gap.values()), gap
    # nothing to type over: no input for them
    assert not [n for n in at.number_input if n.key.endswith((".revenue_12m", ".run_rate", ".annual_target", ".gap"))]
    en = _open("en", db, monkeypatch, "C0217")
    assert _figures(en, "revenue_targets") == {"Revenue, last 12 months": "239.73M", "Run-rate per month": "19.98M"}


def test_a_money_input_says_its_amount_in_the_pages_units(db, monkeypatch):
    """An amount typed into a money input (the wallet estimate, worksheet 3) and saved reads back
    in 万/亿 below it: 1,234,567,890 is 12.35亿."""
    at = _open("zh", db, monkeypatch, "C0217")
    next(n for n in at.number_input if n.key.endswith(".wallet_estimate")).set_value(1234567890.0)
    [b for b in at.button if b.label == i18n.t("ws.save", "zh")][2].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "即 12.35亿。" in [c.value for c in at.caption]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_saved_targets_notes_of_the_draft_read_in_the_pages_language(lang, db, monkeypatch):
    # the demo's plan of C0217 was saved from a Chinese page: its quarters already over noted 实际：本季度销售额
    with duckdb.connect(str(db)) as con:
        period = con.execute("""SELECT max(period) FROM playbook_versions WHERE account_id = 'C0217'
                                AND worksheet = 'revenue_targets' AND "values" LIKE '%实际：本季度销售额%'""").fetchone()[0]
    assert period
    at = _open(lang, db, monkeypatch, account="C0217")
    at.selectbox(key="period").set_value(period).run()
    notes = {n for d in at.dataframe if ".revenue_targets." in str(d.key) for n in d.value["note"].dropna()}
    sold = {"en": "actual: sold in the quarter", "zh": "实际：本季度销售额"}
    assert sold[lang] in notes and not {sold["zh" if lang == "en" else "en"]} & notes


def _edit_table(at: AppTest, sheet: str, field: str, added: list[dict]) -> None:
    """Add ``added`` rows to a worksheet's table and save that worksheet."""
    period = playbooks.current_period()
    base = at.session_state[f"base.{ACCOUNT}.{period}.{sheet}"]
    at.session_state[f"w.{ACCOUNT}.{period}.{sheet}.{base}.{field}"] = {
        "edited_rows": {}, "added_rows": added, "deleted_rows": []}
    at.run()
    number = [w["key"] for w in playbooks.worksheets()].index(sheet)
    [b for b in at.button if b.label == i18n.t("ws.save", "en")][number].click().run()
    assert not at.exception and not at.error, [e.value for e in [*at.exception, *at.error]]


def _saved_rows(db: Path, sheet: str, field: str) -> list[dict]:
    import json

    with duckdb.connect(str(db)) as con:
        values = con.execute("""SELECT "values" FROM playbook_versions WHERE account_id = ? AND worksheet = ?
                                ORDER BY version DESC LIMIT 1""", [ACCOUNT, sheet]).fetchone()[0]
    return json.loads(values)[field]


def test_decimals_typed_into_a_worksheet_table_are_saved_as_typed(db, monkeypatch):
    at = _open("en", db, monkeypatch)
    _edit_table(at, "short_term_metrics", "metrics", [{"metric": "On-time delivery", "target": 99.5, "actual": 97.25}])
    row = next(r for r in _saved_rows(db, "short_term_metrics", "metrics") if r["metric"] == "On-time delivery")
    assert (row["target"], row["actual"]) == (99.5, 97.25)
    _edit_table(at, "env_summary", "opportunities", [{"opportunity": "Second plant", "value": 2500000.50}])
    row = next(r for r in _saved_rows(db, "env_summary", "opportunities") if r["opportunity"] == "Second plant")
    assert row["value"] == 2500000.5
    _edit_table(at, "env_ours", "competitors", [{"competitor": "Acme", "share": 0.35}])
    row = next(r for r in _saved_rows(db, "env_ours", "competitors") if r["competitor"] == "Acme")
    assert row["share"] == 0.35


def test_a_plan_naming_a_contact_renamed_since_shows_the_name_and_saves(db, monkeypatch):
    period = playbooks.current_period()
    con = store.connect(str(db))  # the same file as the page's connection: shares its instance
    name = con.execute("SELECT min(name) FROM contacts WHERE account_id = ?", [ACCOUNT]).fetchone()[0]
    playbooks.save(con, ACCOUNT, period, "action_plan", {"actions": [{"action": "Workshop",
                                                                      "customer_participant": name}]}, "李娜")
    con.execute("UPDATE contacts SET name = name || ' (new)' WHERE account_id = ? AND name = ?", [ACCOUNT, name])
    at = _open("en", db, monkeypatch)
    editor = at.data_editor(key=f"w.{ACCOUNT}.{period}.action_plan.1.actions")
    import json

    assert name in json.loads(editor.proto.columns)["customer_participant"]["type_config"]["options"]
    _edit_table(at, "action_plan", "actions", [])  # saved again as it is
    assert _saved_rows(db, "action_plan", "actions")[0]["customer_participant"] == name
    at.session_state[f"w.{ACCOUNT}.{period}.action_plan.2.actions"] = {
        "edited_rows": {"0": {"owner": "Nobody"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    number = [w["key"] for w in playbooks.worksheets()].index("action_plan")
    [b for b in at.button if b.label == i18n.t("ws.save", "en")][number].click().run()
    assert [e.value for e in at.error] == ["“Action plan / win-win plan” › Actions, row 1, Owner: 'Nobody' is not a "
                                           "contact of this account or one of our reps"]


def test_an_edit_not_saved_is_still_there_after_visiting_another_page_until_discarded(db, monkeypatch):
    at = _open("en", db, monkeypatch)
    assert not [c for c in at.caption if c.value == i18n.t("ws.unsaved", "en")]  # nothing edited yet
    _statement(at).input("ERP roll-out for the finance department").run()
    at.switch_page("pages/overview.py")
    at.run()
    at.switch_page("pages/plan.py")
    at.query_params["account"] = ACCOUNT
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert _statement(at).value == "ERP roll-out for the finance department"
    assert [c.value for c in at.caption if c.value == i18n.t("ws.unsaved", "en")] == [i18n.t("ws.unsaved", "en")]
    assert _versions(db) == []  # kept in the browser tab, not saved
    period = playbooks.current_period()
    at.button(key=f"discard.w.{ACCOUNT}.{period}.statement.0").click().run()
    assert _statement(at).value == "" and not [c for c in at.caption if c.value == i18n.t("ws.unsaved", "en")]


@pytest.mark.parametrize("others", [True, False])
def test_the_plan_of_an_account_whose_lines_were_undone_is_said_to_be_kept(others, tmp_path, monkeypatch):
    from kamp import ingest, undo

    db, con = tmp_path / "n.duckdb", store.connect(tmp_path / "n.duckdb")
    if others:
        (tmp_path / "k.csv").write_text("Customer ID,Date,Amount\nK1,2024-03-05,10\n", encoding="utf-8")
        ingest.import_file(con, tmp_path / "k.csv")
    (tmp_path / "n.csv").write_text("Customer ID,Date,Amount\nN9001,2024-03-06,20\n", encoding="utf-8")
    imported = ingest.import_file(con, tmp_path / "n.csv")
    for sheet in ("statement", "env_ours"):
        playbooks.save(con, "N9001", "2024Q1", sheet, {}, "李娜")
    undo.undo(con, imported.import_id)
    con.close()
    at = _open("en", db, monkeypatch, account="N9001")
    assert [w.value for w in at.warning] == [
        "No account N9001 has order lines: choose one below." if others else
        "No account N9001 has order lines now: import order lines on the Import data page."]
    assert [i.value for i in at.info][:1] == [
        "The plan saved for N9001 (2 worksheets, 2024Q1) is kept: it shows here again when the account's order lines "
        "are imported again."]


def test_an_edit_not_saved_is_still_there_after_switching_the_language(db, monkeypatch):
    from tests.pagetest import open_page_on, switch_language

    at = open_page_on("pages/plan.py", db, monkeypatch, "en", account=ACCOUNT)
    _statement(at).input("ERP roll-out for the finance department").run()
    switch_language(at, "zh", monkeypatch)
    assert not at.exception, [e.value for e in at.exception]
    assert _statement(at).value == "ERP roll-out for the finance department"
    assert i18n.t("ws.unsaved", "zh") in [c.value for c in at.caption]
    assert _versions(db) == []  # kept in the browser tab, not saved
