"""The account page (profile card, key people, interactions) and the plan-completeness page,
headless on a copy of the demo database: they render in both languages, and what a user sees
(the key-people warnings, receivables, products, completeness figures, overdue milestones) matches
figures worked out here straight from the tables."""
import datetime as dt
import json
import statistics
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from pagetest import open_page
from streamlit.testing.v1 import AppTest

from kamp import i18n, playbooks
from kamp.i18n import money

PAGES = {"pages/account.py": "account.title", "pages/plans.py": "plans.title"}


@pytest.fixture
def db(demo_copy) -> Path:
    return demo_copy


def _run(page: str, lang: str, **query) -> AppTest:
    return open_page(page, lang, check=False, **query)


def _sql(db: Path, query: str, params=()):
    with duckdb.connect(str(db)) as con:
        return con.execute(query, list(params)).fetchall()


def _as_of(db: Path) -> dt.date:
    return _sql(db, "SELECT CAST(max(ts) AS DATE) FROM transactions")[0][0]


def _top_account(db: Path) -> str:
    return _sql(db, "SELECT account_id FROM transactions GROUP BY 1 ORDER BY sum(amount) DESC LIMIT 1")[0][0]


def _expected_warnings(db: Path, account: str, lang: str) -> list[str]:
    """The key-people warnings of SPEC/seed 000, worked out in SQL from the account's contacts and
    interactions as of the last transaction day."""
    as_of = _as_of(db)
    people = _sql(db, """
        WITH touch AS (SELECT contact, count(*) FILTER (WHERE ts >= ?::DATE - 365) AS n, max(ts) AS last_ts
                       FROM interactions WHERE account_id = ? AND ts < ?::DATE + 1 GROUP BY contact)
        SELECT c.name, c.role, c.influence, coalesce(t.n, 0), greatest(c.last_contact, t.last_ts)
        FROM contacts c LEFT JOIN touch t ON t.contact = c.name WHERE c.account_id = ?
        ORDER BY c.influence DESC NULLS LAST, c.name""", [as_of, account, as_of, account])
    if not people:
        return [i18n.t("people.warn.no_contacts", lang)]
    out, roles = [], {p[1] for p in people}
    if "sponsor" not in roles:
        out.append(i18n.t("people.warn.no_sponsor", lang))
    if "strategic_coach" not in roles:  # seed 000's key people: 赞助人、战略教练、抵制者
        out.append(i18n.t("people.warn.no_coach", lang))
    if "decision_maker" not in roles:
        out.append(i18n.t("people.warn.no_decision_maker", lang))
    cutoff = dt.datetime.combine(as_of - dt.timedelta(days=90), dt.time())
    stale = [p[0] for p in people if p[1] == "anti_sponsor" and (p[4] is None or p[4] < cutoff)]
    if stale:
        out.append(i18n.t("people.warn.anti_sponsor", lang, names=", ".join(stale), days=90))
    total = sum(p[3] for p in people)
    top = max(people, key=lambda p: p[3])  # the first of equals, in the listing order
    if len(people) == 1 or (total and top[3] / total >= 0.8):
        out.append(i18n.t("people.warn.single_thread", lang, name=top[0],
                          share=f"{top[3] / total if total else 1:.0%}"))
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_in_both_languages(page, lang, db):
    at = _run(page, lang, account=_top_account(db)) if page == "pages/account.py" else _run(page, lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == i18n.t(PAGES[page], lang)
    assert not at.error


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_top_account_shows_its_warnings_receivables_and_products(db, lang):
    account = _top_account(db)
    at = _run("pages/account.py", lang, account=account)
    expected = _expected_warnings(db, account, lang)
    assert [w.value for w in at.warning] == expected
    assert [s.value for s in at.success] == ([] if expected else [i18n.t("people.no_warnings", lang)])
    # Receivables: the open part of every invoice dated up to the last transaction day.
    end = _as_of(db) + dt.timedelta(days=1)
    (outstanding,) = _sql(db, """
        SELECT sum(greatest(amount - CASE WHEN paid_date >= ? THEN 0
                                          ELSE coalesce(paid_amount, CASE WHEN paid_date IS NOT NULL THEN amount END, 0)
                                     END, 0))
        FROM payments WHERE account_id = ? AND invoice_date < ? AND amount > 0""", [end, account, end])[0]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[i18n.t("col.outstanding", lang)] == money(outstanding, lang, wan=True)  # 万/亿 in Chinese
    # Products: one row per product line bought, the largest first.
    lines = _sql(db, """SELECT coalesce(product_line, product, '—'), sum(amount) FROM transactions
                        WHERE account_id = ? AND is_product GROUP BY 1 ORDER BY 2 DESC""", [account])
    shown = next(d for d in at.dataframe if "top_product" in d.value.columns)
    assert list(shown.value["product_line"]) == [name for name, _ in lines][:10]
    # its net revenue as the page's other tables say it: in Chinese in one unit named in the header
    # (万 for a median line of 1万 or more, 亿 from 1亿), in English likewise in k, M or B
    revenue = [float(r) for _, r in lines][:10]
    middle = statistics.median(revenue)
    assert middle >= 1e4  # the demo's top account: no line of whole yuan
    if lang == "zh":
        size, unit = (1e8, "亿") if middle >= 1e8 else (1e4, "万")
    else:
        size, unit = (1e9, "B") if middle >= 1e9 else (1e6, "M") if middle >= 1e6 else (1e3, "k")
    label = json.loads(shown.proto.columns)["revenue"]
    name = i18n.t("col.revenue", lang)
    assert label["label"] == (f"{name}（{unit}）" if lang == "zh" else f"{name} ({unit})")
    assert list(shown.value["revenue"]) == pytest.approx([r / size for r in revenue])
    # The editor holds exactly the account's contacts.
    editor = next(d.value for d in at.dataframe if "interactions_12m" in d.value.columns)
    assert sorted(editor["name"]) == sorted(r[0] for r in _sql(db, "SELECT name FROM contacts WHERE account_id = ?",
                                                                  [account]))


def test_an_account_without_a_sponsor_is_warned(db):
    account = _sql(db, """SELECT account_id FROM contacts GROUP BY 1
                          HAVING count(*) FILTER (WHERE role = 'sponsor') = 0 ORDER BY 1 LIMIT 1""")[0][0]
    at = _run("pages/account.py", "en", account=account)
    warnings = [w.value for w in at.warning]
    assert "No sponsor: nobody at this account is known to want us to win." in warnings
    assert warnings == _expected_warnings(db, account, "en")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_strategic_coach_is_warned_and_no_all_clear_shown(db, lang):
    # Seed 000's key people: "关键人员——赞助人、战略教练、抵制者". A sponsor and a decision maker
    # alone leave the coach unknown; with a coach too, nothing is at risk.
    from kamp import people, store

    account = _top_account(db)
    known = [("Xu", None, "decision_maker", 5, 1, None, None, None), ("He", None, "sponsor", 4, 2, None, None, None)]
    coach = ("Lu", None, "strategic_coach", 3, 2, None, None, None)
    for rows, warned in ((known, ["people.warn.no_coach"]), (known + [coach], [])):
        con = store.connect(db)
        people.save_contacts(con, account, pd.DataFrame(rows, columns=people.CONTACT_COLUMNS))
        con.close()
        at = _run("pages/account.py", lang, account=account)
        assert not at.exception
        assert [w.value for w in at.warning] == [i18n.t(k, lang) for k in warned]
        assert [s.value for s in at.success] == ([] if warned else [i18n.t("people.no_warnings", lang)])


def test_an_anti_sponsor_nobody_met_for_90_days_is_named(db):
    as_of = _as_of(db)
    account, name = _sql(db, """
        WITH t AS (SELECT account_id, contact, max(ts) AS last_ts FROM interactions WHERE ts < ?::DATE + 1 GROUP BY ALL)
        SELECT c.account_id, c.name FROM contacts c LEFT JOIN t ON t.account_id = c.account_id AND t.contact = c.name
        WHERE c.role = 'anti_sponsor'
          AND coalesce(greatest(c.last_contact, t.last_ts), DATE '1900-01-01') < ?::DATE - 90
        ORDER BY 1 LIMIT 1""", [as_of, as_of])[0]
    at = _run("pages/account.py", "zh", account=account)
    warnings = [w.value for w in at.warning]
    assert any(w.startswith("抵制者未被跟进") and name in w for w in warnings), warnings
    assert warnings == _expected_warnings(db, account, "zh")


def test_a_single_contact_is_a_single_thread(db):
    account, name = _sql(db, """SELECT account_id, any_value(name) FROM contacts GROUP BY 1 HAVING count(*) = 1
                                ORDER BY 1 LIMIT 1""")[0]
    at = _run("pages/account.py", "en", account=account)
    assert f"Single-thread risk: {name} carries 100% of the contact with this account." in [w.value for w in at.warning]


def _one_plan_begun(db: Path) -> str:
    """The largest key account, the only one with a plan this quarter: two worksheets saved, one
    milestone ten days overdue (another done). Returns its id."""
    _run("pages/plans.py", "en")  # the account table the dashboard computes
    account = _sql(db, """SELECT account_id FROM account_table_store WHERE tier = 'Major'
                          ORDER BY revenue DESC LIMIT 1""")[0][0]
    period, late = playbooks.current_period(), dt.date.today() - dt.timedelta(days=10)
    with duckdb.connect(str(db)) as con:
        con.execute("DELETE FROM playbook_versions")  # a clean slate instead of the demo's plans
        playbooks.save(con, account, period, "statement", {"contribution": "Uptime for their plants"}, "Ann")
        playbooks.save(con, account, period, "short_term_metrics", {"milestones": [
            {"milestone": "Pilot signed", "due": late.isoformat(), "owner": "Ann"},
            {"milestone": "Kick-off", "due": late.isoformat(), "owner": "Ann", "done": True}]}, "Ann")
    return account


def test_completeness_counts_saved_worksheets_and_overdue_milestones(db):
    # The key accounts by default: the top tier of the account table the dashboard computed.
    account, period = _one_plan_begun(db), playbooks.current_period()
    (n,) = _sql(db, "SELECT count(DISTINCT account_id) FROM account_table_store WHERE tier = 'Major'")[0]
    at = _run("pages/plans.py", "en")
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m for m in at.metric}
    assert metrics["Key accounts"].value == f"{n:,}"
    assert metrics["Complete plans"].value == f"0 / {n:,}"
    assert metrics["Worksheets saved"].delta == f"2 / {12 * n:,}"
    assert metrics[f"Overdue milestones, {period}"].value == "1"
    listed = at.dataframe(key="plans_table").value
    assert len(listed) == n
    row = listed[listed["plan"] == f"plan?account={account}&lang=en"].iloc[0]
    assert row["filled"] == 2 and row["overdue_milestones"] == 1
    overdue = next(d.value for d in at.dataframe if "milestone" in d.value.columns)  # read-only: no key in AppTest
    assert list(overdue["milestone"]) == ["Pilot signed"] and list(overdue["days_overdue"]) == [10]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_downloaded_plan_lists_name_accounts_by_id_in_the_pages_words(lang, db, monkeypatch):
    from pagetest import downloaded, record_downloads

    account = _one_plan_begun(db)
    name, revenue = _sql(db, """SELECT a.name, s.revenue_12m FROM account_table_store s JOIN accounts a
                                USING (account_id) WHERE account_id = ?""", [account])[0]
    recipes = record_downloads(monkeypatch)
    at = _run("pages/plans.py", lang)
    assert not at.exception, [e.value for e in at.exception]
    plans = downloaded(recipes["plans_table.csv"]).decode("utf-8-sig").splitlines()
    late = downloaded(recipes["plans_late.csv"]).decode("utf-8-sig").splitlines()
    # the id, not a link; 12-month revenue in 万 on the Chinese page (the demo's money units),
    # to two decimals, in full on the English one
    if lang == "zh":
        assert plans[0] == "客户编号,名称,级别,已填工作表,逾期里程碑,近 12 个月收入（万）"
        assert plans[1] == f"{account},{name},重要客户,2,1,{revenue / 1e4:.2f}"
        assert late == ["客户编号,名称,里程碑,期限,负责人,逾期天数",
                        f"{account},{name},Pilot signed,{dt.date.today() - dt.timedelta(days=10)},Ann,10"]
    else:
        assert plans[0] == 'Account,Name,Tier,Worksheets saved,Overdue milestones,"Revenue, last 12 months"'
        assert plans[1] == f"{account},{name},Major,2,1,{revenue:.2f}"
        assert late == ["Account,Name,Milestone,Due,Owner,Days overdue",
                        f"{account},{name},Pilot signed,{dt.date.today() - dt.timedelta(days=10)},Ann,10"]


def test_the_account_page_without_an_account_lists_the_top_tier_slipping_first(db):
    from kamp import analysis, store

    at = _run("pages/account.py", "en")
    assert not at.exception, [e.value for e in at.exception]
    with store.connect(db) as con:
        table, meta = analysis.account_table(con, None, "en")
    top = meta["tier_order"][0]
    mine = table[table["tier"] == top]
    shown = at.dataframe[0].value
    assert len(shown) == len(mine)
    # lost ones first, then dormant, then the active ones; each group by net revenue, largest first
    rank = {"Lost": 0, "Dormant": 1, "Active": 2}
    order = [rank[s] for s in shown["status"]]
    assert order == sorted(order)
    for group in range(3):
        revenue = list(shown["revenue"][[o == group for o in order]])
        assert revenue == sorted(revenue, reverse=True)
    assert order.count(0) == (mine["status"] == "lost").sum()


def test_the_demo_ships_plans_in_progress(db):
    # the demo's managers have saved worksheets this quarter for the ten largest accounts, and last
    # quarter's plans of the three largest have a milestone left undone (seed 000's follow-up)
    period = playbooks.current_period()
    saved = _sql(db, """SELECT count(DISTINCT account_id), count(DISTINCT (account_id, worksheet))
                        FROM playbook_versions WHERE period = ?""", [period])[0]
    assert saved == (10, 12 + 12 + 11 + 10 + 9 + 8 + 6 + 5 + 3 + 2)
    at = _run("pages/plans.py", "en")
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m for m in at.metric}
    assert metrics["Complete plans"].value.startswith("2 / ")  # the two largest have all twelve
    earlier = playbooks.previous_period(period)
    late = playbooks.overdue_milestones(duckdb.connect(str(db)), [a for (a,) in _sql(
        db, "SELECT DISTINCT account_id FROM playbook_versions WHERE period = ?", [earlier])], earlier)
    assert len(late) == 3 and set(late["milestone"]) == {"框架协议续签"}


@pytest.mark.parametrize("page", ["pages/plans.py", "pages/account.py"])
def test_empty_cells_show_a_dash_not_the_english_word_none(db, page):
    # An overdue milestone without an owner (the demo's have one): Streamlit alone writes "None"
    # there, in English on a Chinese page.
    if page == "pages/plans.py":
        _run(page, "en")  # the account table the dashboard computes
        with duckdb.connect(str(db)) as con:
            playbooks.save(con, _top_account(db), playbooks.current_period(), "short_term_metrics", {"milestones": [
                {"milestone": "Pilot signed", "due": (dt.date.today() - dt.timedelta(days=10)).isoformat()}]}, "Ann",
                force=True)
    at = _run(page, "zh", **({"account": _top_account(db)} if page == "pages/account.py" else {}))
    assert not at.exception, [e.value for e in at.exception]
    tables = [t for t in at.dataframe if not t.proto.editing_mode]
    assert tables and all(t.proto.placeholder == "—" for t in tables)
    editors = [t for t in at.dataframe if t.proto.editing_mode]  # an empty cell to type in stays empty
    assert all(t.proto.HasField("placeholder") and t.proto.placeholder == "" for t in editors)
    if page == "pages/plans.py":
        late = next(t.value for t in tables if "days_overdue" in t.value.columns)
        assert late["owner"].isna().any()


def test_the_plan_page_without_an_account_lists_the_top_tier_plans_and_opens_one(db):
    # Before an account is chosen, the Account plan page lists the top tier's accounts with this
    # quarter's worksheets saved, largest 12-month revenue first; a link opens each one's plan.
    period = playbooks.current_period()
    at = _run("pages/plan.py", "en")
    assert not at.exception, [e.value for e in at.exception]
    (n,) = _sql(db, "SELECT count(*) FROM account_table_store WHERE tier = 'Major'")[0]
    saved = dict(_sql(db, "SELECT account_id, count(DISTINCT worksheet) FROM playbook_versions WHERE period = ? "
                          "GROUP BY 1", [period]))
    listed = at.dataframe(key="plan_key_accounts").value
    assert len(listed) == n
    assert list(listed["revenue_12m"]) == sorted(listed["revenue_12m"], reverse=True)
    ids = listed["plan"].str.extract(r"account=([^&]*)")[0]
    assert dict(zip(ids[listed["filled"] > 0], listed["filled"][listed["filled"] > 0])) == saved
    assert f"Major accounts: their plans for {period}" in [h.value for h in at.subheader]
    first = ids.iloc[0]
    at.query_params["account"] = first  # the link of the first row
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox[0].value == first and not any(d.key == "plan_key_accounts" for d in at.dataframe)


def test_an_account_that_begins_after_the_analysis_date_is_said_so_not_called_unknown(db):
    account, first = _sql(db, """SELECT account_id, CAST(min(ts) AS DATE) FROM transactions GROUP BY 1
                                 HAVING min(ts) > DATE '2025-06-30' ORDER BY 2, 1 LIMIT 1""")[0]
    at = _run("pages/account.py", "en", account=account, as_of="2025-06-30")
    assert [w.value for w in at.warning] == [
        f"{account} has no order lines up to the analysis date, 2025-06-30: its first is of {first}. "
        "Move the analysis date in the sidebar to see it."]
    at = _run("pages/account.py", "en", account="NO-SUCH-ID", as_of="2025-06-30")
    assert [w.value for w in at.warning] == ["No account NO-SUCH-ID has order lines: choose one below."]


def test_an_account_in_the_lost_segment_but_active_says_what_each_word_measures(db):
    from kamp import analysis

    with duckdb.connect(str(db), read_only=True) as con:
        table, _ = analysis.account_table(con)
    both = table[(table["segment"] == "Lost") & (table["status"] == "active")]
    assert len(both)  # the demo has accounts that rank low against the others yet buy on their own cycle
    at = _run("pages/account.py", "en", account=both["account_id"].iloc[0])
    assert ("The segment, Lost, ranks this account's recency, frequency and money against all accounts'; "
            "the status, Active, holds its last purchase against its own purchase cycle.") in [c.value for c in at.caption]


def test_plans_say_they_are_of_this_quarter_when_the_analysis_date_is_of_another(db):
    today, last = dt.date.today(), _as_of(db)
    this_quarter = f"{today.year}Q{(today.month - 1) // 3 + 1}"
    other = (last.year, (last.month - 1) // 3) != (today.year, (today.month - 1) // 3)
    for page in ("pages/plans.py", "pages/plan.py"):
        captions = [c.value for c in _run(page, "en").caption]
        note = i18n.t("plans.as_of_note", "en", period=this_quarter, chosen=f"{last:%Y-%m-%d}")
        assert (note in captions) == other  # the demo's last line is of the quarter before today's
        # a link naming the last line's date is the default, as the sidebar's box has it: this quarter's plans
        assert (note in [c.value for c in _run(page, "en", as_of=f"{last:%Y-%m-%d}").caption]) == other
        # a date chosen in an earlier quarter opens that quarter's plans, and says so
        captions = [c.value for c in _run(page, "en", as_of="2025-06-30").caption]
        assert i18n.t("plans.as_of_quarter_note", "en", period="2025Q2", chosen="2025-06-30") in captions


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_last_purchase_on_the_analysis_date_is_said_so_not_zero_days_ago(db, lang):
    # the demo's lines end before today: an account that bought on the last line's day bought on the analysis date
    account = _sql(db, "SELECT account_id FROM transactions WHERE CAST(ts AS DATE) = ? ORDER BY 1 LIMIT 1",
                   [_as_of(db)])[0][0]
    at = _run("pages/account.py", lang, account=account)
    shown = next(m for m in at.metric if m.label == i18n.t("col.last_purchase", lang))
    assert shown.delta == {"en": "on the analysis date", "zh": "分析日期当天"}[lang]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_last_purchase_today_is_today(tmp_path, monkeypatch, lang):
    from kamp import ingest, store

    today, before = dt.date.today(), dt.date.today() - dt.timedelta(days=40)
    csv = tmp_path / "sales.csv"
    csv.write_text("CustomerID,InvoiceDate,InvoiceNo,StockCode,Quantity,UnitPrice\n"
                   f"17850,{before} 09:30,1,A,1,10\n17850,{today} 09:30,2,A,1,10\n18000,{before} 10:00,3,A,2,10\n",
                   encoding="utf-8")
    db = tmp_path / "kamp.duckdb"
    con = store.connect(db)
    ingest.import_file(con, csv)
    con.close()
    monkeypatch.setenv("KAMP_DB", str(db))
    at = _run("pages/account.py", lang, account="17850")
    shown = next(m for m in at.metric if m.label == i18n.t("col.last_purchase", lang))
    assert shown.delta == {"en": "today", "zh": "今天"}[lang]
    at = _run("pages/account.py", lang, account="18000")  # 40 days before the other's purchase today
    shown = next(m for m in at.metric if m.label == i18n.t("col.last_purchase", lang))
    assert shown.delta == {"en": "40 days ago", "zh": "40 天前"}[lang]
