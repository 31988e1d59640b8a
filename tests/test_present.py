"""Presentation mode: the slides of kamp.presentation on the demo database, and the page."""
import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest
from pagetest import open_page
from streamlit.testing.v1 import AppTest

from kamp import analysis, i18n, ingest, meeting, playbooks, presentation, review, store

PAGE = "pages/present.py"
# The demo's plans are this quarter's (kamp.demo_decisions): the meeting falls on its 54th day,
# the 23rd of its middle month, after the demo's action due on day 46 and before the one due at the end.
PERIOD = playbooks.current_period()
START = playbooks.period_bounds(PERIOD)[0]
MEETING = (START + dt.timedelta(days=53)).isoformat()


@pytest.fixture(scope="module")
def db(demo_db, tmp_path_factory) -> Path:
    """A copy of the demo database: the app writes its account table into the file."""
    path = tmp_path_factory.mktemp("present") / "kamp.duckdb"
    shutil.copy(demo_db, path)
    return path


@pytest.fixture(scope="module")
def deck(db):
    con = store.connect(db)
    try:
        table, meta = analysis.account_table(con)
        return presentation.slides(con, table, meta, "en", today=MEETING)
    finally:
        con.close()


@pytest.fixture(scope="module")
def deck_zh(db):
    """The slides in Chinese, money in 万/亿 as a page run shows it."""
    con = store.connect(db)
    i18n.use_wan(True)
    try:
        table, meta = analysis.account_table(con, lang="zh")
        return presentation.slides(con, table, meta, "zh", today=MEETING)
    finally:
        i18n.use_wan(False)  # the library's own default
        con.close()


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def test_slides_come_in_the_meeting_order(deck, db):
    kinds = [s["kind"] for s in deck]
    with duckdb.connect(str(db), read_only=True) as con:
        latest = con.execute("SELECT name FROM snapshots ORDER BY as_of DESC LIMIT 1").fetchone()[0]
        key_accounts = con.execute("SELECT count(*) FROM snapshot_accounts WHERE snapshot = ? AND tier = 'Major'",
                                   [latest]).fetchone()[0]
    n_accounts = min(key_accounts, presentation.MAX_ACCOUNT_SLIDES)  # the demo has far more than 8 key accounts
    assert kinds == ["portfolio", "concentration", "migration", "at_risk"] + ["account"] * n_accounts + ["actions"]
    for s in deck:
        assert s["title"] and set(s) >= {"kind", "title", "subtitle", "figure", "facts", "rows"}
    assert all(s["figure"] is not None for s in deck if s["kind"] in ("portfolio", "concentration", "migration",
                                                                      "account"))


def test_portfolio_counts_every_account_with_lines(deck, db):
    with duckdb.connect(str(db), read_only=True) as con:
        n = con.execute("SELECT count(DISTINCT account_id) FROM transactions").fetchone()[0]
    facts = {label: value for label, value, _ in deck[0]["facts"]}
    assert _number(facts[i18n.t("overview.accounts", "en")]) == n
    statuses = sum(_number(facts[i18n.t(f"status.{s}", "en")]) for s in ("active", "dormant", "lost"))
    assert statuses == n


def test_migration_counts_add_up_to_the_accounts_of_the_two_snapshots(deck, db):
    with duckdb.connect(str(db), read_only=True) as con:
        a, b = [r[0] for r in con.execute("SELECT name FROM snapshots ORDER BY as_of DESC LIMIT 2").fetchall()][::-1]
        # accounts in either snapshot, less those lost in A that are lost in B or gone from it
        expected = con.execute(
            """WITH a AS (SELECT account_id, status FROM snapshot_accounts WHERE snapshot = ?),
                    b AS (SELECT account_id, status FROM snapshot_accounts WHERE snapshot = ?)
               SELECT count(*) FROM a FULL JOIN b USING (account_id)
               WHERE NOT (a.status = 'lost' AND coalesce(b.status, 'lost') = 'lost')""", [a, b]).fetchone()[0]
        gone = con.execute("""SELECT count(*) FROM snapshot_accounts x WHERE snapshot = ? AND status <> 'lost'
                              AND account_id NOT IN (SELECT account_id FROM snapshot_accounts WHERE snapshot = ?)""",
                           [a, b]).fetchone()[0]
    slide = deck[2]
    assert a in slide["subtitle"] and b in slide["subtitle"]
    counts = {label: _number(value) for label, value, _ in slide["facts"]}
    assert set(counts) == {i18n.t(f"present.dir.{d}", "en") for d in review.DIRECTIONS}
    assert sum(counts.values()) == expected
    assert counts[i18n.t("present.dir.lost", "en")] >= gone


def test_the_at_risk_counts_are_of_the_top_tier_and_an_account_that_left_it_is_labelled(deck, db):
    # The slides' table is as of the data's last day, the day of the latest snapshot: its top
    # tier (Major), statuses and sponsors on file are counted here in SQL.
    with duckdb.connect(str(db), read_only=True) as con:
        a, b = [r[0] for r in con.execute("SELECT name FROM snapshots ORDER BY as_of DESC LIMIT 2").fetchall()][::-1]
        b_period = con.execute("SELECT period FROM snapshots WHERE name = ?", [b]).fetchone()[0]
        major = "FROM snapshot_accounts WHERE snapshot = ? AND tier = 'Major'"
        n_major = con.execute(f"SELECT count(*) {major} AND status <> 'lost'", [b]).fetchone()[0]  # as the Review
        inactive = con.execute(f"SELECT count(*) {major} AND status IN ('dormant', 'lost')", [b]).fetchone()[0]
        lost = con.execute(f"SELECT count(*) {major} AND status = 'lost'", [b]).fetchone()[0]
        no_sponsor = con.execute(f"""SELECT count(*) {major} AND status <> 'lost' AND account_id NOT IN
                                     (SELECT account_id FROM current_contacts WHERE role = 'sponsor')""",
                                 [b]).fetchone()[0]
        # Major and active in A, dormant or lost in B: those still Major, and those that left the tier
        turned = con.execute("""SELECT x.account_id, coalesce(y.tier, '') = 'Major' FROM snapshot_accounts x
                                LEFT JOIN snapshot_accounts y ON y.snapshot = ? AND y.account_id = x.account_id
                                WHERE x.snapshot = ? AND x.tier = 'Major' AND x.status = 'active'
                                  AND coalesce(y.status, 'lost') IN ('dormant', 'lost')""", [b, a]).fetchall()
    left = sorted(account for account, still in turned if not still)
    assert left, "the demo has an account that turned dormant and left the top tier"
    slide = deck[3]
    facts = {label: (_number(value), note) for label, value, note in slide["facts"]}
    assert facts["Key accounts, not lost"][0] == n_major
    assert facts["Dormant or lost"] == (inactive, f"{lost} of them lost" if lost else None)
    assert facts["No sponsor"][0] == no_sponsor
    assert facts["Turned dormant"] == (len(turned) - len(left), f"{a} → {b}")
    # a short label; the quarters whose plans it counts (B's and this one) in the note under the figure
    # counted by the meeting's day, after B's: the label says so
    assert facts["Milestones overdue today"][1] == " + ".join(sorted({b_period, PERIOD})) + " plans"
    accounts_left = "1 more account" if len(left) == 1 else f"{len(left)} more accounts"
    assert slide["note"].endswith(f", not listed. {accounts_left} turned dormant {a} → {b} and left the top tier: "
                                  "listed, not counted above.")
    why = dict(zip(slide["rows"]["Account"].str.split(" · ").str[-1], slide["rows"]["Why"]))
    for account in left:  # still listed (among the eight shown in the demo), labelled as no longer key
        assert why[account].startswith(f"No longer top tier · Turned dormant {a} → {b}")


def test_actions_slide_lists_the_open_actions_of_the_key_accounts(deck):
    # The demo's four largest accounts have this quarter's action plan (demo_decisions.PLAN_PROGRESS ≥ 10):
    # each one action done, one under way due on the quarter's 46th day (past at the meeting), one
    # planned for the quarter's end.
    from kamp.demo_decisions import PLAN_PROGRESS

    with_plan = sum(n >= 10 for n in PLAN_PROGRESS)
    last = deck[-1]
    assert last["kind"] == "actions" and last["link"] == "plan" and with_plan == 4
    facts = {label: value for label, value, _ in last["facts"]}
    assert facts == {"Open actions": f"{2 * with_plan}", "Past due": f"{with_plan}",
                     "Accounts with actions": f"{with_plan}"}
    assert len(last["rows"]) == 2 * with_plan  # within the eight rows a projector shows
    due = START + dt.timedelta(days=45)
    assert last["rows"].iloc[:, 3].tolist()[:with_plan] == [f"{due} ⚠"] * with_plan  # earliest due first, marked


def test_actions_slide_says_none_are_recorded_and_points_to_the_plan(db, tmp_path):
    path = tmp_path / "kamp.duckdb"
    shutil.copy(db, path)
    con = store.connect(path)
    try:
        con.execute("DELETE FROM playbook_versions WHERE worksheet = 'action_plan'")
        table, meta = analysis.account_table(con)
        last = presentation.slides(con, table, meta, "en", today=MEETING)[-1]
    finally:
        con.close()
    assert last["kind"] == "actions" and last["rows"] is None and last["link"] == "plan"
    # both quarters looked in are named: this one and the one before
    assert last["note"] == i18n.t("present.actions.none", "en", period=PERIOD, previous=playbooks.previous_period(PERIOD))


def test_open_actions_lists_open_rows_of_the_latest_action_plan(db, tmp_path):
    path = tmp_path / "kamp.duckdb"
    shutil.copy(db, path)
    con = store.connect(path)
    try:
        early, before = str(START + dt.timedelta(days=14)), str(START - dt.timedelta(days=30))
        actions = [{"action": "Joint roadmap workshop", "owner": "Chen", "due": early, "status": "planned"},
                   {"action": "Close last quarter's claims", "owner": "Wu", "due": before, "status": "done"},
                   {"action": "Exec sponsor dinner", "owner": None, "due": None, "status": "in_progress"}]
        opened = (playbooks.latest(con, "C0217", PERIOD, "action_plan") or {}).get("version", 0)  # the demo's, if any
        playbooks.save(con, "C0217", PERIOD, "action_plan", {"actions": actions}, "test", base_version=opened)
        got = meeting.open_actions(con, ["C0217", "C0001"], PERIOD)
        assert got["action"].tolist() == ["Joint roadmap workshop", "Exec sponsor dinner"]  # dated first, done left out
        table, meta = analysis.account_table(con)
        last = presentation.slides(con, table, meta, "zh", today=MEETING)[-1]
        mine = last["rows"][last["rows"].iloc[:, 0].str.endswith("C0217")]
        assert mine.iloc[:, 1].tolist() == ["Joint roadmap workshop", "Exec sponsor dinner"]
        assert len(last["rows"]) == 2 + 2 * 3  # and the two open actions of each of the demo's three other plans
        facts = {label: value for label, value, _ in last["facts"]}
        # due on the quarter's 15th day, before the meeting; and the other plans' action due on its 46th
        assert facts[i18n.t("present.actions.overdue", "zh")] == "4"
    finally:
        con.close()


def test_the_kept_deck_is_made_again_when_a_contact_changes(db, tmp_path):
    """The page keeps its deck in the database; a sponsor added to a key account must reach the
    at-risk slide, so the deck's key changes with the contacts."""
    import pandas as pd

    from kamp import people

    path = tmp_path / "kamp.duckdb"
    shutil.copy(db, path)
    con = store.connect(path)
    try:
        before = meeting.state_key(con)
        account = con.execute("SELECT account_id FROM accounts ORDER BY account_id LIMIT 1").fetchone()[0]
        people.save_contacts(con, account, pd.DataFrame([{"name": "Li Wei", "role": "sponsor", "influence": 4,
                                                          "attitude": 1}]), author="test")
        assert meeting.state_key(con) != before
    finally:
        con.close()


# ---------------------------------------------------------------- the page

def _run(lang: str, db: Path, **query) -> AppTest:
    return open_page(PAGE, lang, check=False, **query)


def _counter(at) -> str:
    return next(m.value for m in at.markdown if "/" in m.value and m.value.replace(" ", "").replace("/", "").isdigit())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_moves_through_the_slides(lang, db, monkeypatch):
    monkeypatch.setenv("KAMP_DB", str(db))
    at = _run(lang, db)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == i18n.t("present.title", lang)
    n = int(_counter(at).split("/")[1])
    assert _counter(at) == f"1 / {n}"
    assert at.header[0].value == i18n.t("present.portfolio.title", lang)
    assert [b.label for b in at.button] == [i18n.t("present.prev", lang), i18n.t("present.next", lang)]
    assert at.button[0].disabled

    at.button[1].click().run()
    assert not at.exception
    assert _counter(at) == f"2 / {n}"
    assert at.header[0].value == i18n.t("present.concentration.title", lang)
    assert at.query_params["slide"] in ("2", ["2"])  # the link to this slide

    at.button[0].click().run()
    assert _counter(at) == f"1 / {n}"
    assert at.header[0].value == i18n.t("present.portfolio.title", lang)

    # nothing to edit: only the two buttons (the language switch lives in the hidden sidebar), and
    # the choice of the two snapshots compared
    for kind in ("text_input", "text_area", "number_input", "multiselect", "slider", "select_slider",
                 "checkbox", "toggle", "radio", "date_input", "time_input", "color_picker"):
        assert len(getattr(at, kind)) == 0, kind
    assert [s.key for s in at.selectbox] == ["present_a", "present_b"]
    assert len(at.button) == 2


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_link_opens_a_given_slide(lang, db, monkeypatch):
    monkeypatch.setenv("KAMP_DB", str(db))
    at = _run(lang, db, slide="3")
    assert not at.exception, [e.value for e in at.exception]
    n = int(_counter(at).split("/")[1])
    assert _counter(at) == f"3 / {n}"
    assert at.header[0].value == i18n.t("present.migration.title", lang)

    at = _run(lang, db, slide=str(n))  # the last slide: actions, with the way to the plan page
    assert at.header[0].value == i18n.t("present.actions.title", lang)
    assert at.button[1].disabled and not at.button[0].disabled
    at = _run(lang, db, slide="999")  # out of range: the last slide, not an error
    assert not at.exception and _counter(at) == f"{n} / {n}"


def test_concentration_slide_names_the_snapshot_its_changes_are_against(deck, db, tmp_path, fixtures):
    with duckdb.connect(str(db)) as con:  # as the app's open connection to it (the page tests ran before)
        a = con.execute("SELECT name FROM snapshots ORDER BY as_of DESC LIMIT 2").fetchall()[-1][0]  # the earlier of two
    slide = next(s for s in deck if s["kind"] == "concentration")
    assert slide["subtitle"].endswith(f"; changes against snapshot {a}")
    assert all(change is not None for _, _, change in slide["facts"])
    top20 = slide["facts"][0][2]  # a share's change in percentage points, as the review page words it
    assert top20 == "level with " + a or top20.endswith(" pp vs " + a), top20
    # Without snapshots nothing is compared, and the slide does not say it is.
    con = store.connect(tmp_path / "k.duckdb")
    try:
        ingest.import_file(con, fixtures / "sales_utf8_bom.csv")
        table, meta = analysis.account_table(con)
        alone = next(s for s in presentation.slides(con, table, meta, "zh") if s["kind"] == "concentration")
    finally:
        con.close()
    assert alone["subtitle"] == i18n.t("present.concentration.subtitle", "zh", n="5")
    assert all(change is None for _, _, change in alone["facts"])
    # each of its five figures is of the last 12 months and says so, as the Review's do
    assert [label for label, _, _ in alone["facts"]] == ["前 20% 占比·近 12 个月", "八成收入的客户数·近 12 个月",
                                                         "基尼系数·近 12 个月", "HHI·近 12 个月", "等效客户数·近 12 个月"]


def test_the_slides_compare_the_snapshots_the_address_names(db, monkeypatch):
    # The Review page's link opens the slides on its A and B (?a=…&b=…); without them, the two latest.
    with duckdb.connect(str(db)) as con:
        names = [r[0] for r in con.execute("SELECT name FROM snapshots ORDER BY as_of").fetchall()]
    monkeypatch.setenv("KAMP_DB", str(db))
    at = open_page(PAGE, "en", slide="3")  # the migration slide, its subtitle "A → B: n accounts …"
    subtitle = next(m.value for m in at.markdown if names[-1] in m.value)
    assert subtitle.startswith(f"{names[-2]} → {names[-1]}")
    at = open_page(PAGE, "en", slide="3", a=names[0], b=names[-1])
    subtitle = next(m.value for m in at.markdown if names[-1] in m.value)
    assert subtitle.startswith(f"{names[0]} → {names[-1]}")
    assert at.selectbox(key="present_a").value == names[0]  # and the bar offers the choice


def test_slide_figures_read_as_the_account_page_says_them(deck_zh):
    """Each figure in its own unit, 亿 from 1亿, as the account page has it: C0217's last 12 months,
    239,731,522.90, read 2.40亿 in the at-risk table (not 23,973.15万 beside smaller ones); C1087's
    forecast for the year, 108,405,4xx, reads 1.08亿 beside a target under 1亿 (not 10,840.54万)."""
    deck = deck_zh
    at_risk = deck[3]["rows"]
    revenue = dict(zip(at_risk[i18n.t("present.col.account", "zh")], at_risk[i18n.t("present.col.revenue_12m", "zh")]))
    assert revenue["国泰证券股份有限公司 · C0217"] == "2.40亿"
    c1087 = next(s for s in deck if s["kind"] == "account" and s["account_id"] == "C1087")
    facts = {label: value for label, value, _ in c1087["facts"]}
    assert facts["年末预测"] == "1.08亿" and "近 12 个月收入 1.16亿" in c1087["subtitle"]
    # its plan-gap axis in one unit, 亿: 0.25亿 beside 1亿, no 万
    ticks = list(c1087["figure"].layout.yaxis.ticktext)
    assert all(t == "0" or t.endswith("亿") for t in ticks) and "1亿" in ticks, ticks


MID_2025 = dt.date(2025, 6, 30)  # before the demo's snapshots, each taken on its quarter's last day (2025Q4 …)


@pytest.fixture(scope="module")
def deck_mid_2025(db):
    """The slides with the analysis date 2025-06-30 picked, as ``present?as_of=2025-06-30`` makes them."""
    con = store.connect(db)
    try:
        table, meta = analysis.account_table(con, MID_2025, "en")
        return presentation.slides(con, table, meta, "en", today=MEETING, chosen=MID_2025)
    finally:
        con.close()


def test_the_portfolio_slide_draws_the_months_up_to_the_analysis_date(deck_mid_2025):
    first = deck_mid_2025[0]
    months = [str(x)[:7] for trace in first["figure"].data for x in trace.x]
    assert max(months) == "2025-06" and first["subtitle"].startswith("As of 2025-06-30")


def test_the_concentration_slide_shows_no_change_against_a_snapshot_after_the_analysis_date(deck_mid_2025):
    assert all(delta is None for _label, _value, delta in deck_mid_2025[1]["facts"])  # the snapshots are later


def test_the_default_snapshots_are_the_latest_two_up_to_the_analysis_date(db):
    # the demo's snapshots: 2025Q4 as of 2025-12-31, 2026Q1 as of 2026-03-31, 2026Q2, 2026Q3 likewise
    con = store.connect(db)
    try:
        assert meeting.snapshot_pair(con) == ("2026Q2", "2026Q3")
        assert meeting.snapshot_pair(con, as_of=dt.date(2026, 9, 30)) == ("2026Q2", "2026Q3")
        assert meeting.snapshot_pair(con, as_of=dt.date(2026, 5, 15)) == ("2025Q4", "2026Q1")
        assert meeting.snapshot_pair(con, as_of=dt.date(2026, 1, 10)) == (None, "2025Q4")
        assert meeting.snapshot_pair(con, as_of=MID_2025) == (None, None)
    finally:
        con.close()


def test_slides_at_an_earlier_date_compare_no_snapshot_taken_after_it(deck_mid_2025):
    migration, risk = deck_mid_2025[2], deck_mid_2025[3]
    assert migration["subtitle"] == "No comparison up to 2025-06-30: fewer than two snapshots were taken as of " \
                                    "that date or before." and migration["figure"] is None
    facts = {label: (value, note) for label, value, note in risk["facts"]}
    assert facts["Turned dormant"] == ("—", "needs two snapshots")  # nothing to compare: no count
    assert risk["subtitle"].endswith("; no snapshots to compare up to 2025-06-30")
    # the plans of the date's quarter alone (no snapshot B to add its quarter); done marks are today's
    assert facts["Milestones overdue today"][1] == "2025Q2 plans"
    assert facts["No sponsor"][1] == f"as of today, {MEETING}"


def test_plan_slides_at_an_earlier_date_are_of_its_quarter_and_year(deck_mid_2025, db):
    first = next(s for s in deck_mid_2025 if s["kind"] == "account")
    assert first["subtitle"].endswith("plan-gap curve 2025")
    with duckdb.connect(str(db)) as con:  # as the app's open connection to it (the page tests ran before)
        by_month = dict(con.execute(
            """SELECT strftime(ts, '%Y-%m'), sum(amount) FROM transactions WHERE account_id = ?
               AND ts >= '2025-01-01' AND ts < '2025-07-01' GROUP BY 1""", [first["account_id"]]).fetchall())
    actual = next(trace for trace in first["figure"].data if trace.name == "Cumulative actual")
    drawn = {str(x)[:7]: y for x, y in zip(actual.x, actual.y) if y is not None and y == y}  # NaN: not drawn
    assert sorted(drawn) == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]  # to the date
    assert drawn["2025-06"] == pytest.approx(sum(by_month.values()), abs=0.01)  # the year's lines to June 30
    actions = deck_mid_2025[-1]
    assert actions["note"] == i18n.t("present.actions.none", "en", period="2025Q2",  # the demo's plans are 2026's
                                     previous="2025Q1")


def test_snapshots_named_after_the_analysis_date_are_said_to_be(db):
    con = store.connect(db)
    try:
        table, meta = analysis.account_table(con, MID_2025, "zh")
        deck = presentation.slides(con, table, meta, "zh", "2026Q2", "2026Q3", today=MEETING, chosen=MID_2025)
    finally:
        con.close()
    late = "；快照 2026Q2, 2026Q3 取于分析日期 2025-06-30 之后"
    assert deck[2]["subtitle"].startswith("2026Q2 → 2026Q3：") and deck[2]["subtitle"].endswith(late)
    assert deck[3]["subtitle"].endswith(late)
    # the concentration of B against A, as the Review compares them, said to be of snapshots taken later
    assert deck[1]["subtitle"].startswith("快照 2026Q3（截至 2026-09-30）：") and deck[1]["subtitle"].endswith(late)
    assert all(delta is not None for _label, _value, delta in deck[1]["facts"])


def test_the_page_at_an_earlier_date_shows_that_quarters_plans(db, monkeypatch):
    monkeypatch.setenv("KAMP_DB", str(db))
    at = open_page(PAGE, "en", slide="5", as_of="2025-06-30")  # the first account slide
    assert any(m.value.endswith("plan-gap curve 2025") for m in at.markdown)
    at = open_page(PAGE, "en", slide="3", as_of="2025-06-30")
    assert any(m.value.startswith("No comparison up to 2025-06-30") for m in at.markdown)


def test_a_pair_named_backwards_is_said_to_run_backwards(db, monkeypatch):
    monkeypatch.setenv("KAMP_DB", str(db))
    backwards = open_page(PAGE, "en", slide="3", a="2026Q3", b="2026Q2")
    assert i18n.t("review.a_after_b", "en") in [i.value for i in backwards.info]
    forwards = open_page(PAGE, "en", slide="3", a="2026Q2", b="2026Q3")
    assert i18n.t("review.a_after_b", "en") not in [i.value for i in forwards.info]


def test_a_snapshot_of_the_same_day_is_not_compared_by_default(db, tmp_path):
    # a second snapshot of 2026-09-30 (2026Q3-2) compared with 2026Q3 would show no move at all:
    # by default B is the newest, 2026Q3-2, and A the latest of an earlier day, 2026Q2 (2026-06-30)
    path = tmp_path / "kamp.duckdb"
    shutil.copy(db, path)
    con = store.connect(path)
    try:
        review.take_snapshot(con, "2026Q3-2", dt.date(2026, 9, 30))
        assert meeting.snapshot_pair(con) == ("2026Q2", "2026Q3-2")
        assert meeting.snapshot_pair(con, as_of=dt.date(2026, 9, 30)) == ("2026Q2", "2026Q3-2")
        assert meeting.snapshot_pair(con, b_name="2026Q3") == ("2026Q2", "2026Q3")
        assert meeting.same_day(con, "2026Q3", "2026Q3-2") == dt.date(2026, 9, 30)
        assert meeting.same_day(con, "2026Q2", "2026Q3-2") is None
    finally:
        con.close()


def _exit_link(at) -> str:
    """The address the Exit presentation button leads to (page and query)."""
    link = next(e for e in at.get("page_link") if e.proto.label == i18n.t("present.exit", "en"))
    return f"{link.proto.page}?{link.proto.query_string}"


def test_leaving_the_slides_returns_to_the_review_of_the_same_pair_and_date(db, monkeypatch):
    monkeypatch.setenv("KAMP_DB", str(db))
    at = open_page(PAGE, "en", slide="3", a="2025Q4", b="2026Q2")
    assert _exit_link(at) == "review?lang=en&a=2025Q4&b=2026Q2"
    at = open_page(PAGE, "en", slide="3", a="2025Q4", b="2026Q1", as_of="2026-04-15")
    assert _exit_link(at) == "review?lang=en&a=2025Q4&b=2026Q1&as_of=2026-04-15"


def test_the_at_risk_slide_says_what_it_cannot_count_without_snapshots_or_contacts(tmp_path, fixtures):
    # five accounts, all buying within the last six weeks (none dormant), no snapshot, no contact
    import pandas as pd

    from kamp import people

    con = store.connect(tmp_path / "k.duckdb")
    try:
        ingest.import_file(con, fixtures / "sales_utf8_bom.csv")
        table, meta = analysis.account_table(con)
        risk = next(s for s in presentation.slides(con, table, meta, "zh") if s["kind"] == "at_risk")
        facts = {label: (value, note) for label, value, note in risk["facts"]}
        assert facts["本期转为休眠"] == ("—", "需要两个快照")
        assert facts["无赞助人"] == ("—", "尚未导入联系人")
        # no account is flagged for a sponsor no contact could name: nothing at risk
        assert risk["rows"] is None and risk["note"] == "没有大客户出现风险信号。"
        # one contact on file, not a sponsor: every key account now lacks one
        people.save_contacts(con, "17850", pd.DataFrame([{"name": "Li Wei", "role": "user", "influence": 2,
                                                           "attitude": 0}]), author="test")
        risk = next(s for s in presentation.slides(con, table, meta, "zh") if s["kind"] == "at_risk")
        facts = {label: (value, note) for label, value, note in risk["facts"]}
        # (contacts as they are today, the lines' quarter long past: the note says so)
        assert facts["无赞助人"] == (facts["大客户（未流失）"][0], f"按今天 {dt.date.today():%Y-%m-%d} 计")
        assert len(risk["rows"]) == int(facts["大客户（未流失）"][0])
    finally:
        con.close()


def test_slides_of_a_pair_show_snapshot_bs_figures_as_the_review_does(db):
    # 2025Q4 → 2026Q2 presented with the analysis date 2026-09-30: the concentration and the
    # key accounts are 2026Q2's as frozen in it, not the analysis date's
    import json

    with duckdb.connect(str(db)) as con:
        frozen = {n: json.loads(c)["revenue_12m"] for n, c in con.execute(
            "SELECT name, concentration FROM snapshots WHERE name IN ('2025Q4', '2026Q2')").fetchall()}
        key_b = con.execute("""SELECT count(*) FROM snapshot_accounts WHERE snapshot = '2026Q2' AND tier = 'Major'
                               AND status <> 'lost'""").fetchone()[0]
    a, b = frozen["2025Q4"], frozen["2026Q2"]
    con = store.connect(db)
    try:
        table, meta = analysis.account_table(con)
        deck = presentation.slides(con, table, meta, "en", "2025Q4", "2026Q2", today=MEETING)
    finally:
        con.close()
    conc = {label: (value, note) for label, value, note in deck[1]["facts"]}
    pp = (b["top20_share"] - a["top20_share"]) * 100
    assert conc["Top 20%, 12 m"] == (f"{b['top20_share']:.1%}",  # 81.9%, ▲ +0.4 pp in the demo
                                           f"{'▲' if pp > 0 else '▼'} {pp:+.1f} pp vs 2025Q4".replace("-", "−"))
    assert conc["Gini, 12 m"][0] == f"{b['gini']:.3f}" and conc["HHI, 12 m"][0] == f"{b['hhi']:,.0f}"
    assert conc["Accounts for 80%, 12 m"][0] == f"{b['accounts_for_80pct']:,}"
    assert conc["Effective accounts, 12 m"][0] == f"{b['effective_accounts']:,.1f}"
    assert deck[1]["subtitle"].startswith("Snapshot 2026Q2, as of 2026-06-30: ")
    assert deck[1]["subtitle"].endswith("; changes against snapshot 2025Q4")
    risk = {label: value for label, value, _ in deck[3]["facts"]}
    assert _number(risk["Key accounts, not lost"]) == key_b  # 232 in the demo, 207 as of 2026-09-30
    assert deck[3]["subtitle"].startswith("Snapshot 2026Q2, as of 2026-06-30: ")


def test_the_at_risk_table_lists_the_gravest_first_and_every_overdue_milestone_it_counts(deck):
    # the demo: one key account turned dormant 2026Q2 → 2026Q3 and one more that left the top tier,
    # overdue milestones on a handful of accounts, 14 dormant or lost and a hundred without a sponsor
    slide = deck[3]
    facts = {label: value for label, value, _ in slide["facts"]}
    why = slide["rows"]["Why"].tolist()
    assert len(why) == presentation.TALL_ROWS  # a 1,080-pixel screen's worth; a shorter one shows the first 8
    overdue = [int(w.split(" milestone")[0].split(" · ")[-1]) for w in why if "overdue" in w]
    assert sum(overdue) == _number(facts["Milestones overdue today"])  # every one the figure counts is listed
    rank = [0 if "Turned dormant" in w else 1 if "overdue" in w else 2 if w.split(" · ")[0] in ("Lost", "Dormant")
            else 3 for w in why]
    assert rank == sorted(rank) and rank[0] == 0 and 3 not in rank  # no sponsor alone comes after all these
    left = int(slide["note"].split("… and ")[1].split(" more")[0])
    assert slide["short_note"].startswith(
        f"… and {left + presentation.TALL_ROWS - presentation.MAX_ROWS} more accounts, not listed. ")


def test_lines_of_long_ago_are_planned_in_their_own_year(tmp_path, fixtures):
    # lines of January and February 2024, no date chosen: the plan slides are of 2024, with its actuals
    con = store.connect(tmp_path / "k.duckdb")
    try:
        ingest.import_file(con, fixtures / "sales_utf8_bom.csv")
        table, meta = analysis.account_table(con)
        deck = presentation.slides(con, table, meta, "en", today=MEETING)
    finally:
        con.close()
    plan = next(s for s in deck if s["kind"] == "account")
    facts = {label: value for label, value, _ in plan["facts"]}
    assert "2024" in plan["subtitle"] and facts["Year-end forecast"] != "—"


def test_a_plan_year_after_the_lines_end_forecasts_nothing_and_says_why(tmp_path, fixtures):
    # lines of January and February 2024, the meeting in 2026 with its date chosen: the 2026 plans
    # have no line to go on
    con = store.connect(tmp_path / "k.duckdb")
    try:
        ingest.import_file(con, fixtures / "sales_utf8_bom.csv")
        table, meta = analysis.account_table(con)
        deck = presentation.slides(con, table, meta, "en", today=MEETING, chosen=MEETING)
    finally:
        con.close()
    plan = next(s for s in deck if s["kind"] == "account")
    facts = {label: (value, note) for label, value, note in plan["facts"]}
    year = PERIOD[:4]
    assert facts["Year-end forecast"] == ("—", None) and facts["Gap"] == ("—", None)
    assert facts["Actual to date"][1] == "0.0% of target"
    assert plan["note"] == f"The order lines end on 2024-02-28, before {year} began: the year's forecast and gap " \
                           "are unknown."


def test_two_snapshots_of_one_day_are_said_to_be_of_one_day_not_too_few(tmp_path, fixtures, monkeypatch):
    con = store.connect(tmp_path / "kamp.duckdb")
    try:
        ingest.import_file(con, fixtures / "sales_utf8_bom.csv")
        table, meta = analysis.account_table(con)
        day = f"{meta['as_of']:%Y-%m-%d}"
        review.take_snapshot(con, "S1", meta["as_of"])
        review.take_snapshot(con, "S2", meta["as_of"])
        en = presentation.slides(con, table, meta, "en")
        zh = presentation.slides(con, table, meta, "zh")
    finally:
        con.close()
    assert en[2]["subtitle"] == (f"No comparison up to {day}: the snapshots taken as of that date or before are all "
                                 f"as of {day}, the portfolio of one day against itself, so nothing moved between "
                                 "them.") and en[2]["figure"] is None
    assert en[3]["subtitle"].endswith(f"; the snapshots up to {day} are all as of {day}: nothing to compare")
    assert zh[2]["subtitle"] == (f"截至 {day} 无可对比的快照：在该日期及之前取得的快照都截至 {day}，同一天的客户组合"
                                 "相互对比，二者之间不会有任何变化。")
    assert "fewer than two" not in " ".join(s["subtitle"] or "" for s in en)
    monkeypatch.setenv("KAMP_DB", str(tmp_path / "kamp.duckdb"))
    at = open_page(PAGE, "en", slide="3")
    assert [p.proto.popover.label for p in at.get("popover")] == [f"Snapshots by {day} all as of {day}"]
    assert at.header[0].value == "Tier migration"


def test_a_long_figure_label_gets_a_wider_column_than_a_short_one():
    # 八成收入的客户数 is eight Chinese characters (16 letters' width), "·" one, "近" two, " 12 " four,
    # 个月 four: 27; "HHI" and its figure are shorter than the ten-letter least
    facts = [("八成收入的客户数·近 12 个月", "213", "与 2026Q2 持平"), ("HHI", "130", None)]
    assert presentation.fact_widths(facts) == [27, 10]


def test_the_chinese_slides_say_what_is_left_out_and_what_did_not_move_in_sentences(deck, deck_zh):
    zh = deck_zh
    # the English deck's counts (checked against the tables above), said in Chinese
    more = int(deck[3]["note"].split("… and ")[1].split(" more")[0])
    left = int(deck[3]["note"].split("not listed. ")[1].split(" more")[0])
    a, b = deck[3]["facts"][2][2].split(" → ")
    assert zh[3]["note"] == (f"……另有 {more} 个客户未列出。另有 {left} 个客户 {a} → {b} 转为休眠并降出最高级别："
                             "已列入表中，未计入上方数字。")
    assert not any("= 0" in change for _, _, change in zh[1]["facts"])


@pytest.mark.parametrize("now, before, kind, lang, said", [
    (213, 213, "int", "zh", "与 2026Q2 持平"), (213, 213, "int", "en", "level with 2026Q2"),
    (0.8231, 0.8229, "pt", "zh", "与 2026Q2 持平"),  # +0.02 pp reads +0.0 at one place: no change shown
    (77.1, 79.9, "one", "zh", "较 2026Q2 ▼ −2.8")])
def test_a_concentration_figure_that_did_not_move_is_level_with_the_earlier_snapshot(now, before, kind, lang, said):
    assert presentation._change(now, before, kind, lang, "2026Q2") == said
