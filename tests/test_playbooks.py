"""The twelve strategy worksheets: definitions, validation, versions, prefill and completeness."""
from __future__ import annotations

import copy
import datetime as dt
import json

import pandas as pd
import pytest

from kamp import i18n, playbook_prefill, playbooks, store

TYPES = {"text", "longtext", "number", "money", "date", "choice", "multichoice", "bool", "table", "contact", "level"}


# ---------------------------------------------------------------- definitions

def _doc() -> dict:
    return json.loads(playbooks.DEFINITIONS.read_text(encoding="utf-8"))


def _labelled(items, where, missing):
    for item in items:
        for lang in ("en", "zh"):
            if not str(item.get(f"label_{lang}") or "").strip():
                missing.append(f"{where}.{item.get('key')} label_{lang}")
        for c in item.get("choices") or []:
            _labelled([c], f"{where}.{item['key']}", missing)
        _labelled(item.get("columns") or [], f"{where}.{item['key']}", missing)


def test_definitions_are_complete_in_both_languages():
    sheets = _doc()["worksheets"]
    assert [w["number"] for w in sheets] == list(range(1, 13))
    assert len({w["key"] for w in sheets}) == 12
    missing = []
    for w in sheets:
        for name in ("title", "intro"):
            for lang in ("en", "zh"):
                if not w.get(f"{name}_{lang}"):
                    missing.append(f"{w['key']} {name}_{lang}")
        assert len({f["key"] for f in w["fields"]}) == len(w["fields"]), w["key"]
        _labelled(w["fields"], w["key"], missing)
        for f in w["fields"]:
            assert f["type"] in TYPES
            for c in f.get("columns") or []:
                assert c["type"] in TYPES
    assert missing == []
    assert len(playbooks.worksheets()) == 12


def test_definitions_carry_the_structure_of_the_seed():
    ws = {w["key"]: {f["key"]: f for f in w["fields"]} for w in playbooks.worksheets()}
    assert ws["statement"]["avoids_octopus"]["type"] == "bool"
    assert ws["statement"]["avoids_master_key"]["type"] == "bool"
    assert ws["statement"]["pyramid_now"]["type"] == ws["statement"]["pyramid_target"]["type"] == "level"
    assert ws["n_day_review"]["review_days"]["default"] == 90
    assert ws["env_summary"]["sponsors"]["prefill"] == "contacts_by_role:sponsor"
    assert [c["key"] for c in ws["revenue_targets"]["targets"]["columns"]][:3] == ["quarter", "product_line", "target"]
    actions = {c["key"]: c["type"] for c in ws["action_plan"]["actions"]["columns"]}
    assert actions == {"action": "text", "owner": "contact", "due": "date", "customer_participant": "contact",
                       "benefit_us": "text", "benefit_them": "text", "status": "choice"}
    milestones = {c["key"]: c["type"] for c in ws["short_term_metrics"]["milestones"]["columns"]}
    assert milestones["due"] == "date" and milestones["owner"] == "contact"
    checklist = ws["key_factors"]["checklist"]
    items = [r["item"] for r in checklist["default"]]
    assert len(items) >= 12 and "key_people" in items and "win_win" in items
    assert playbooks.blank("n_day_review")["review_days"] == 90


def test_a_missing_translation_is_reported():
    doc = _doc()
    broken = copy.deepcopy(doc)
    del broken["worksheets"][4]["fields"][0]["label_zh"]
    with pytest.raises(ValueError, match=r"revenue_targets\.year: no label_zh"):
        playbooks.check_definitions(broken)
    broken = copy.deepcopy(doc)
    broken["worksheets"][1]["key"] = "statement"
    with pytest.raises(ValueError, match="not unique"):
        playbooks.check_definitions(broken)


# ---------------------------------------------------------------- validation

def _error(worksheet, values, people=None) -> playbooks.ValidationError:
    with pytest.raises(playbooks.ValidationError) as exc:
        playbooks.validate(worksheet, values, people)
    return exc.value


def test_validate_names_field_row_and_value():
    e = _error("short_term_metrics", {"milestones": [
        {"milestone": "Pilot signed", "due": "2026-10-01"}, {"milestone": "Go-live", "due": "next Tuesday"}]})
    assert str(e) == "“Short-term metrics” › Milestones, row 2, Due: 'next Tuesday' is not a date (use YYYY-MM-DD)"
    assert e.errors[0]["row"] == 2 and e.errors[0]["field"] == "milestones" and e.errors[0]["column"] == "due"
    assert isinstance(e, ValueError)

    assert str(_error("revenue_targets", {"year": "twenty"})) == "“Initial revenue targets” › Year: 'twenty' is not a number"
    assert "is not a business pyramid level 1–5" in str(_error("statement", {"pyramid_target": 6}))
    assert "'maybe' is not yes / no" in str(_error("statement", {"avoids_octopus": "maybe"}))
    e = _error("revenue_targets", {"targets": [{"quarter": "Q5", "product_line": "存储", "target": 10}]})
    assert str(e) == ("“Initial revenue targets” › Targets per quarter and product line, row 1, Quarter: 'Q5' is not one "
                      "of: Q1, Q2, Q3, Q4")
    assert "'colour' is not a field of this worksheet" in str(_error("statement", {"colour": "red"}))
    e = _error("action_plan", {"actions": [{"action": "Workshop", "owner": "Nobody"}]}, people={"王伟", "Ann"})
    assert "Actions, row 1, Owner: 'Nobody' is not a contact of this account or one of our reps" in str(e)
    e = _error("n_day_review", {"review_days": 0, "review_date": "2026-13-01"})
    assert len(e.errors) == 2  # every bad value at once, not only the first


def test_validate_normalises_values():
    v = playbooks.validate("strategy_draft", {
        "goals": pd.DataFrame([{"goal": "Double storage", "kind": "定性", "measure": None, "by": "2026/12/31"},
                               {"goal": None, "kind": None, "measure": None, "by": None}]),
        "goals_tested": "是"})
    assert v["goals"] == [{"goal": "Double storage", "kind": "qualitative", "measure": None, "by": "2026-12-31"}]
    assert v["goals_tested"] is True and v["overall_goal"] is None and v["strategies"] is None
    v = playbooks.validate("revenue_targets", {"targets": [{"quarter": "Q1", "target": "1,234.5"}], "year": "2026"})
    assert v["targets"][0]["target"] == 1234.5 and v["year"] == 2026
    assert playbooks.validate("statement", {"pyramid_now": "3", "avoids_master_key": False}) == {
        **playbooks.blank("statement"), "pyramid_now": 3, "avoids_master_key": False}


# ---------------------------------------------------------------- periods

def test_periods():
    assert playbooks.current_period(dt.date(2026, 11, 23)) == "2026Q4"
    assert playbooks.current_period("2026-01-01") == "2026Q1"
    assert playbooks.previous_period("2026Q4") == "2026Q3"
    assert playbooks.previous_period("2026Q1") == "2025Q4"
    assert playbooks.parse_period("2026-q3") == "2026Q3"
    assert playbooks.period_bounds("2026Q3") == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    with pytest.raises(ValueError, match="is not a quarter"):
        playbooks.parse_period("2026Q5")


def test_plans_are_of_a_picked_dates_quarter_when_it_is_before_todays():
    today = dt.date(2026, 11, 25)  # in 2026Q4
    assert playbooks.plan_period(None, today) == "2026Q4"  # no date picked: this quarter
    assert playbooks.plan_period(dt.date(2025, 6, 30), today) == "2025Q2"
    assert playbooks.plan_period("2026-09-30", today) == "2026Q3"  # the quarter before
    assert playbooks.plan_period(dt.date(2026, 10, 1), today) == "2026Q4"  # today's quarter
    assert playbooks.plan_period(dt.date(2026, 12, 31), today) == "2026Q4"  # later: still today's
    assert playbooks.plan_period(dt.date(2025, 12, 31), dt.date(2026, 1, 2)) == "2025Q4"  # across a year


def test_the_plan_quarter_follows_lines_that_end_before_last_quarter():
    today = dt.date(2026, 11, 25)  # 2026Q4
    # lines ending last quarter (2026Q3): plans are this quarter's, as the demo's are
    assert playbooks.plan_period(None, today, last=dt.date(2026, 9, 30)) == "2026Q4"
    assert playbooks.plan_period(None, today, last=dt.date(2026, 11, 20)) == "2026Q4"
    # lines of years ago (Online Retail ends 2011-12-09): their last quarter, 2011Q4
    assert playbooks.plan_period(None, today, last=dt.date(2011, 12, 9)) == "2011Q4"
    assert playbooks.plan_period(None, today, last=dt.date(2026, 6, 30)) == "2026Q2"  # two quarters back
    # a date picked decides, whatever the lines' end
    assert playbooks.plan_period(dt.date(2011, 6, 1), today, last=dt.date(2011, 12, 9)) == "2011Q2"


# ---------------------------------------------------------------- versions

def _count(con) -> int:
    return con.execute("SELECT count(*) FROM playbook_versions").fetchone()[0]


def test_save_twice_keeps_both_versions(con):
    assert playbooks.latest(con, "A", "2026Q4", "statement") is None
    v1 = playbooks.save(con, "A", "2026Q4", "statement", {"contribution": "Storage"}, "Ann", base_version=None)
    v2 = playbooks.save(con, "A", "2026Q4", "statement", {"contribution": "Storage and backup"}, "Ann", base_version=1)
    assert (v1, v2) == (1, 2)
    h = playbooks.history(con, "A")
    assert list(h["version"]) == [2, 1] and list(h["author"]) == ["Ann", "Ann"] and list(h["number"]) == [1, 1]
    assert not h["forced"].any()
    last = playbooks.latest(con, "A", "2026Q4", "statement")
    assert last["version"] == 2 and last["values"]["contribution"] == "Storage and backup"
    assert playbooks.version(con, "A", "2026Q4", "statement", 1)["values"]["contribution"] == "Storage"
    assert playbooks.version(con, "A", "2026Q4", "statement", 7) is None
    playbooks.save(con, "A", "2026Q4", "action_plan", {"win_win": "Both"}, "Ann")
    playbooks.save(con, "A", "2026Q3", "statement", {"contribution": "Older"}, "Ann")  # another quarter
    assert playbooks.latest_versions(con, "A", "2026Q4") == {"statement": 2, "action_plan": 1}


def test_two_sessions_get_a_conflict_not_an_overwrite(con):
    playbooks.save(con, "A", "2026Q4", "statement", {"contribution": "v1"}, "Ann")
    base_a = playbooks.latest(con, "A", "2026Q4", "statement")["version"]  # Ann opens version 1
    base_b = playbooks.latest(con, "A", "2026Q4", "statement")["version"]  # Bo opens version 1
    assert playbooks.save(con, "A", "2026Q4", "statement", {"contribution": "Bo's"}, "Bo", base_b) == 2
    before = _count(con)
    with pytest.raises(playbooks.Conflict) as exc:
        playbooks.save(con, "A", "2026Q4", "statement", {"contribution": "Ann's"}, "Ann", base_a)
    c = exc.value
    assert c.theirs["version"] == 2 and c.theirs["author"] == "Bo" and c.theirs["values"]["contribution"] == "Bo's"
    assert c.yours["contribution"] == "Ann's" and c.base_version == 1
    assert "saved as version 2 by Bo" in str(c)
    assert _count(con) == before  # nothing written
    assert playbooks.save(con, "A", "2026Q4", "statement", {"contribution": "Ann's"}, "Ann", base_a, force=True) == 3
    h = playbooks.history(con, "A", "2026Q4", "statement")
    assert list(h["version"]) == [3, 2, 1] and list(h["forced"]) == [True, False, False]
    assert playbooks.version(con, "A", "2026Q4", "statement", 2)["values"]["contribution"] == "Bo's"


def test_a_save_racing_another_still_conflicts(con, monkeypatch):
    """Bo's version 1 lands between Ann's look at the latest version and her insert: the
    primary key refuses the duplicate number and Ann gets the conflict."""
    playbooks.save(con, "A", "2026Q4", "statement", {"contribution": "Bo's"}, "Bo")
    real, calls = playbooks.latest, []

    def stale_once(*args):
        calls.append(args)
        return None if len(calls) == 1 else real(*args)

    monkeypatch.setattr(playbooks, "latest", stale_once)
    with pytest.raises(playbooks.Conflict):
        playbooks.save(con, "A", "2026Q4", "statement", {"contribution": "Ann's"}, "Ann", None)
    assert _count(con) == 1 and len(calls) == 2


def test_versions_are_only_ever_appended(con):
    counts = [_count(con)]
    for i, text in enumerate(["a", "b", "c"]):
        playbooks.save(con, "A", "2026Q4", "strategy_draft", {"overall_goal": text}, "Ann", i)
        counts.append(_count(con))
    with pytest.raises(playbooks.ValidationError):
        playbooks.save(con, "A", "2026Q4", "strategy_draft", {"goals": [{"by": "soon"}]}, "Ann", 3)
    counts.append(_count(con))
    assert counts == [0, 1, 2, 3, 3]
    assert [playbooks.version(con, "A", "2026Q4", "strategy_draft", n)["values"]["overall_goal"]
            for n in (1, 2, 3)] == ["a", "b", "c"]


def test_start_from_previous_copies_last_quarter(con):
    playbooks.save(con, "A", "2026Q3", "statement", {"contribution": "old"}, "Ann")
    playbooks.save(con, "A", "2026Q3", "revenue_targets", {"year": 2026}, "Ann")
    playbooks.save(con, "A", "2026Q3", "revenue_targets", {"year": 2026, "assumptions": "flat"}, "Ann", 1)
    playbooks.save(con, "A", "2026Q4", "statement", {"contribution": "new"}, "Bo")
    assert playbooks.start_from_previous(con, "A", "2026Q4", "Cy") == ["revenue_targets"]
    copied = playbooks.latest(con, "A", "2026Q4", "revenue_targets")
    assert copied["version"] == 1 and copied["author"] == "Cy" and copied["values"]["assumptions"] == "flat"
    assert playbooks.latest(con, "A", "2026Q4", "statement")["values"]["contribution"] == "new"
    assert playbooks.start_from_previous(con, "A", "2026Q4", "Cy") == []


def test_diff_lists_exactly_the_changed_cells():
    old = {"overall_goal": "Grow", "goals": [{"goal": "A", "kind": "quantitative"}, {"goal": "B", "kind": None}],
           "goals_tested": False}
    new = {"overall_goal": "Grow", "goals": [{"goal": "A", "kind": "qualitative"}, {"goal": "B", "kind": None},
                                             {"goal": "C", "kind": None}], "goals_tested": True}
    assert playbooks.diff(old, new) == [("goals.kind", 1, "quantitative", "qualitative"), ("goals.goal", 3, None, "C"),
                                        ("goals_tested", None, False, True)]
    assert playbooks.diff(new, new) == []


def test_milestone_status_against_today():
    rows = [{"milestone": "a", "due": "2026-11-01", "done": True}, {"milestone": "b", "due": "2026-11-01"},
            {"milestone": "c", "due": "2026-11-30"}, {"milestone": "d", "due": "2027-03-01"}, {"milestone": "e"}]
    assert [r["status"] for r in playbooks.milestone_status(rows, dt.date(2026, 11, 23))] == [
        "done", "overdue", "due", "open", "open"]


def test_completeness_counts_filled_worksheets_and_overdue_milestones(con):
    playbooks.save(con, "A", "2026Q4", "statement", {"contribution": "x"}, "Ann")
    playbooks.save(con, "A", "2026Q4", "short_term_metrics", {"milestones": [
        {"milestone": "late", "due": "2026-10-15"}, {"milestone": "done late", "due": "2026-10-01", "done": True},
        {"milestone": "later", "due": "2026-12-15"}]}, "Ann")
    playbooks.save(con, "A", "2026Q4", "n_day_review", {"review_days": 90}, "Ann")  # defaults only: not filled
    playbooks.save(con, "A", "2026Q3", "action_plan", {"win_win": "old quarter"}, "Ann")  # another period
    df = playbooks.completeness(con, ["A", "B"], "2026Q4", dt.date(2026, 11, 23)).set_index("account_id")
    assert list(df.columns) == playbooks.keys() + ["filled", "overdue_milestones"]
    assert df.loc["A", "statement"] and df.loc["A", "short_term_metrics"]
    assert not df.loc["A", "n_day_review"] and not df.loc["A", "action_plan"]
    assert df.loc["A", "filled"] == 2 and df.loc["A", "overdue_milestones"] == 1
    assert df.loc["B", "filled"] == 0 and df.loc["B", "overdue_milestones"] == 0



def test_completeness_without_ids_lists_the_accounts_with_something_saved(con):
    playbooks.save(con, "B", "2026Q4", "statement", {"contribution": "x"}, "Ann")
    playbooks.save(con, "A", "2026Q4", "n_day_review", {"review_days": 90}, "Ann")  # defaults only
    playbooks.save(con, "C", "2026Q3", "statement", {"contribution": "old"}, "Ann")  # another period
    df = playbooks.completeness(con, None, "2026Q4", dt.date(2026, 11, 23))
    assert list(df["account_id"]) == ["A", "B"] and list(df["filled"]) == [0, 1]


def test_key_accounts_progress_puts_plans_first_then_revenue():
    # K1 … K5 in the account table's order; 12-month revenue 10, 50, 30, 50, 20; K9 is not a key account.
    table = pd.DataFrame({"account_id": ["K1", "K2", "K3", "K4", "K5", "K9"], "name": list("abcdez"),
                          "tier": ["Major"] * 5 + ["Named"], "revenue_12m": [10.0, 50.0, 30.0, 50.0, 20.0, 99.0]})
    keyed = playbooks.key_accounts(table, ["Major"])
    saved = pd.DataFrame({"account_id": ["K5", "K3", "K9"], **{k: False for k in playbooks.keys()},
                          "filled": [2, 0, 12], "overdue_milestones": [0, 1, 0]})
    p = keyed.progress(saved, drawn=3, listed=2)
    assert (p["filled"], p["full"], p["started"], p["overdue"]) == (2, 0, 1, 1)  # K9 left out
    # K5 (2 filled), K3 (an overdue milestone), then the largest 12-month revenue: K2 before K4 (table order)
    assert list(p["drawn"]["account_id"]) == ["K5", "K3", "K2"]
    assert list(p["drawn"]["name"]) == ["e", "c", "b"]
    assert list(p["listed"]["account_id"]) == ["K2", "K4"] and list(p["listed"]["filled"]) == [0, 0]
    everyone = keyed.progress(saved)["listed"]
    assert list(everyone["account_id"]) == ["K2", "K4", "K3", "K5", "K1"]
    assert list(everyone["filled"]) == [0, 0, 0, 2, 0] and list(everyone["overdue_milestones"]) == [0, 0, 1, 0, 0]

def test_overdue_milestones_lists_the_latest_versions_late_rows(con):
    late = [{"milestone": "pilot signed", "due": "2026-10-15", "owner": "Li"},
            {"milestone": "kick-off", "due": "2026-09-20", "owner": "Ann", "done": True},
            {"milestone": "review", "due": "2026-12-15", "owner": "Li"}]
    playbooks.save(con, "A", "2026Q4", "short_term_metrics", {"milestones": [
        {"milestone": "superseded", "due": "2026-10-01", "owner": "Li"}]}, "Ann")
    playbooks.save(con, "A", "2026Q4", "short_term_metrics", {"milestones": late}, "Ann", base_version=1)
    playbooks.save(con, "B", "2026Q4", "short_term_metrics", {"milestones": [
        {"milestone": "demo", "due": "2026-11-01", "owner": "Bo"}]}, "Bo")
    playbooks.save(con, "C", "2026Q3", "short_term_metrics", {"milestones": [
        {"milestone": "last quarter", "due": "2026-08-01"}]}, "Bo")
    df = playbooks.overdue_milestones(con, ["A", "B", "C"], "2026Q4", dt.date(2026, 11, 23))
    # A's latest version: only "pilot signed" is late and not done (39 days); B's demo 22 days; C has no 2026Q4 sheet.
    assert df.to_dict("records") == [
        {"account_id": "A", "milestone": "pilot signed", "due": dt.date(2026, 10, 15), "owner": "Li", "days_overdue": 39},
        {"account_id": "B", "milestone": "demo", "due": dt.date(2026, 11, 1), "owner": "Bo", "days_overdue": 22}]
    assert playbooks.overdue_milestones(con, ["B"], "2026Q4", dt.date(2026, 11, 1)).empty  # due today: not late yet


# ---------------------------------------------------------------- prefill

def add_lines(con, rows):
    for i, (account, day, amount, line) in enumerate(rows):
        con.execute("""INSERT INTO transactions (account_id, ts, amount, invoice_id, product_line, is_return,
                       is_product, row_hash, import_id) VALUES (?, ?, ?, ?, ?, ?, true, ?, 1)""",
                    [account, day, amount, f"INV{i}", line, amount < 0, i])


@pytest.fixture
def small(tmp_path):
    """Account A as of 2026-06-30: the trailing year runs 2025-07-01 … 2026-06-30, the year
    before 2024-07-01 … 2025-06-30 (in the data: B's first line is on its first day)."""
    c = store.connect(tmp_path / "t.duckdb")
    add_lines(c, [("B", "2024-07-01", 50, "Server"),
                  ("A", "2025-02-10", 800, "Server"), ("A", "2025-06-30", 200, "Storage"),  # prior year: 1000
                  ("A", "2025-07-01", 300, "Server"), ("A", "2025-12-20", 500, "Storage"),
                  ("A", "2026-01-15", 400, "Server"), ("A", "2026-03-05", -100, "Server"),
                  ("A", "2026-05-20", 200, "Storage"), ("A", "2026-07-03", 999, "Server"),  # after as_of
                  ("B", "2026-01-10", 5000, "Server")])
    c.execute("INSERT INTO accounts (account_id, name, wallet_estimate, owner) VALUES ('A', 'Acme 甲', 5200, 'Ann')")
    c.execute("""INSERT INTO contacts (account_id, name, title, role, influence, row_hash) VALUES
                 ('A', '王伟', 'IT总监', 'sponsor', 4, 1), ('A', 'Li', 'CIO', 'sponsor', 5, 2),
                 ('A', 'Zhao', '财务总监', 'anti_sponsor', 3, 3), ('B', 'Other', NULL, 'sponsor', 5, 4)""")
    c.execute("INSERT INTO relationship_assessments VALUES ('A', NULL, 2, 4, NULL, 'Ann', current_timestamp)")
    yield c
    c.close()


def test_prefill_matches_hand_computed_figures(small):
    p = playbook_prefill.prefill(small, "A", "2026Q3", as_of="2026-06-30", today=dt.date(2026, 7, 10))
    # revenue_12m = 300 + 500 + 400 − 100 + 200 = 1300; prior 1000; growth 0.3
    assert p["env_ours"]["revenue_12m"] == 1300
    assert p["env_ours"]["wallet_estimate"] == 5200 and p["env_ours"]["share_of_wallet"] == 0.25
    assert p["env_ours"]["products_in_use"] == [{"product_line": "Storage", "revenue_12m": 700, "note": None},
                                                {"product_line": "Server", "revenue_12m": 600, "note": None}]
    r = p["revenue_targets"]
    assert r["year"] == 2026 and r["trend"] == 0.3 and r["run_rate"] == 108.33
    # Q1 and Q2 are over: what each line sold (Server 400 − 100 in Q1, Storage 200 in Q2);
    # Q3 and Q4: Storage 700 × 1.3 ÷ 4 = 227.5; Server 600 × 1.3 ÷ 4 = 195
    sold = i18n.t("ws.targets.sold", "zh")
    assert r["targets"] == [
        {"quarter": "Q1", "product_line": "Storage", "target": 0, "note": sold},
        {"quarter": "Q1", "product_line": "Server", "target": 300, "note": sold},
        {"quarter": "Q2", "product_line": "Storage", "target": 200, "note": sold},
        {"quarter": "Q2", "product_line": "Server", "target": 0, "note": sold}] + [row for q in ("Q3", "Q4") for row in (
            {"quarter": q, "product_line": "Storage", "target": 227.5, "note": None},
            {"quarter": q, "product_line": "Server", "target": 195, "note": None})]
    assert [x["name"] for x in p["env_summary"]["sponsors"]] == ["Li", "王伟"]
    assert [x["name"] for x in p["env_summary"]["anti_sponsors"]] == ["Zhao"]
    assert p["env_summary"]["strategic_coaches"] is None
    assert (p["statement"]["pyramid_now"], p["statement"]["pyramid_target"]) == (2, 4)
    # year target 500 sold + 2 × 422.5 = 1345; actual Jan–Jun 400 − 100 + 200 = 500; forecast 500 + 6 × 1300/12 = 1150
    assert p["closing_gap"] == {"annual_target": 1345, "actual_to_date": 500, "forecast_year_end": 1150, "gap": 195,
                                "measures": None, "resource_pressure": None}
    assert p["n_day_review"]["review_days"] == 90
    assert playbook_prefill.people(small, "A") == {"王伟", "Li", "Zhao", "Ann"}


def test_trend_is_clipped():
    assert playbook_prefill.trend(7.5) == 1.0 and playbook_prefill.trend(-0.9) == -0.5
    assert playbook_prefill.trend(float("nan")) == 0.0 and playbook_prefill.trend(0.12) == 0.12


def test_gap_curve_cumulative_sums(small):
    curve = playbook_prefill.gap_curve(small, "A", 2026, {"Q1": 300, "Q2": 300, "Q3": 600, "Q4": 600},
                                       as_of="2026-06-30", run_rate=100)
    assert list(curve["month"].dt.month) == list(range(1, 13))
    # Q1's target, 300, is what Q1 sold (400, 0, −100), so it is spread as sold; Q2's 300 (200 sold)
    # and the open quarters evenly
    assert list(curve["cum_target"]) == [400, 400, 300, 400, 500, 600, 800, 1000, 1200, 1400, 1600, 1800]
    assert list(curve["cum_actual"][:6]) == [400, 400, 300, 300, 500, 500]
    assert curve["cum_actual"][6:].isna().all() and curve["actual"][6:].isna().all()
    assert list(curve["forecast"]) == [400, 400, 300, 300, 500, 500, 600, 700, 800, 900, 1000, 1100]
    assert list(curve["gap"]) == [0, 0, 0, 100, 0, 100, 200, 300, 400, 500, 600, 700]
    # worksheet 5 rows work the same as a quarter dict
    rows = [{"quarter": "Q1", "target": 200}, {"quarter": "Q1", "target": 100}, {"quarter": "Q3", "target": 600}]
    assert list(playbook_prefill.gap_curve(small, "A", 2026, rows, "2026-06-30", 0)["cum_target"])[-1] == 900


def test_gap_curve_forecasts_the_rest_of_a_month_the_lines_end_in(small):
    # the lines end on 2026-06-09: June's actual so far is known, and June's other 21 of 30 days
    # are still to come at the run rate, 100 × 21/30 = 70; July on adds 100 a month
    curve = playbook_prefill.gap_curve(small, "A", 2026, {"Q1": 300, "Q2": 300, "Q3": 600, "Q4": 600},
                                       as_of="2026-06-09", run_rate=100)
    june = curve["cum_actual"].iloc[5]
    assert curve["forecast"].iloc[5] == pytest.approx(june + 70)
    assert curve["forecast"].iloc[-1] == pytest.approx(june + 70 + 6 * 100)
    assert list(curve["forecast"][:5]) == list(curve["cum_actual"][:5])  # months past are actuals alone


def test_prefill_uses_saved_targets_and_milestones(small):
    playbooks.save(small, "A", "2026Q3", "revenue_targets", {"targets": [{"quarter": "Q4", "target": 1200}]}, "Ann")
    playbooks.save(small, "A", "2026Q3", "short_term_metrics", {"milestones": [
        {"milestone": "Pilot", "due": "2026-07-01"}, {"milestone": "Rollout", "due": "2026-09-30"}]}, "Ann")
    p = playbook_prefill.prefill(small, "A", "2026Q3", as_of="2026-06-30", today=dt.date(2026, 7, 10))
    assert p["closing_gap"]["annual_target"] == 1200 and p["closing_gap"]["gap"] == 1200 - 1150
    assert [m["status"] for m in p["short_term_metrics"]["milestones"]] == ["overdue", "open"]


def test_an_account_three_months_old_is_planned_on_its_monthly_rate_not_a_twelfth(tmp_path):
    # N first bought on 2026-04-01, 90 days before as_of 2026-06-30 (three months): 900 in all
    con = store.connect(tmp_path / "n.duckdb")
    add_lines(con, [("B", "2024-07-01", 50, "Server"), ("N", "2026-04-01", 300, "Server"),
                    ("N", "2026-05-10", 300, "Server"), ("N", "2026-06-15", 300, "Server")])
    src = playbook_prefill.sources(con, "N", "2026Q3", as_of="2026-06-30", lang="en")
    con.close()
    assert src["revenue_12m"] == 900 and src["run_rate"] == 300  # 900 ÷ 3, not 900 ÷ 12 = 75
    # Q3 and Q4: 900 × 12 ÷ 3 = 3,600 a year, 900 a quarter (not 225, beaten fourfold by Q2's 900)
    open_q = [(r["quarter"], r["target"]) for r in src["quarter_targets"] if r["quarter"] in ("Q3", "Q4")]
    assert open_q == [("Q3", 900), ("Q4", 900)]
    # the year: Q2's 900 sold + 2 × 900; the forecast 900 to date + 6 months × 300
    assert (src["annual_target"], src["forecast_year_end"], src["gap"]) == (2700, 2700, 0)


def test_the_months_a_run_rate_divides_by_run_from_the_first_purchase_within_a_year():
    months = playbook_prefill.months_covered
    assert [months(d) for d in (0, 10, 45, 90, 200, 365, 730)] == [1, 1, 1, 3, 7, 12, 12]
    assert months(None) == 12  # no first purchase known: the whole year
    # two years of lines: the whole trailing year, ÷ 12 as ever
    assert playbook_prefill.monthly_rate({"revenue_12m": 1200.0, "tenure_days": 730}) == 100


def test_quarter_targets_add_up_to_each_lines_year():
    # 100.01 a year: 25.0025 a quarter rounds to 25.00 three times, and Q4 takes 25.01.
    # Three lines of 0.10 grown by a third: 0.13 a year each (0.0325 → 0.03 ×3, Q4 0.04).
    lines = pd.DataFrame({"product_line": ["A", "B", "C", "D"], "revenue_12m": [100.01, 0.1, 0.1, 0.1]})
    rows = playbook_prefill.quarter_targets(lines, 0.0)
    assert [r["target"] for r in rows if r["product_line"] == "A"] == [25.0, 25.0, 25.0, 25.01]
    grown = playbook_prefill.quarter_targets(lines.iloc[1:], 1 / 3)
    assert [r["target"] for r in grown if r["product_line"] == "B"] == [0.03, 0.03, 0.03, 0.04]
    assert round(sum(r["target"] for r in grown), 2) == 0.39  # 3 × 0.13, where 12 × 0.03 would say 0.36


@pytest.fixture
def declining(tmp_path):
    """Account D as of 2026-09-30: the trailing year 2025-10-01 … 2026-09-30 sold Server 1300 and
    Storage 300, the year before 3000 (B's first line opens it)."""
    c = store.connect(tmp_path / "d.duckdb")
    add_lines(c, [("B", "2024-10-01", 50, "Server"),
                  ("D", "2024-11-10", 2000, "Server"), ("D", "2025-03-10", 1000, "Storage"),
                  ("D", "2025-11-20", 600, "Server"),
                  ("D", "2026-02-10", 300, "Server"), ("D", "2026-03-15", 150, "Storage"),  # Q1
                  ("D", "2026-05-05", 250, "Server"), ("D", "2026-06-20", -50, "Storage"),  # Q2
                  ("D", "2026-08-01", 200, "Storage"), ("D", "2026-09-30", 150, "Server"),  # Q3
                  ("D", "2026-10-02", 999, "Server")])  # after as_of
    yield c
    c.close()


def test_a_fourth_quarter_plan_takes_the_quarters_already_over_as_sold(declining):
    src = playbook_prefill.sources(declining, "D", "2026Q4", as_of="2026-09-30", lang="en")
    # growth (1600 − 3000) ÷ 3000 = −46.67 %: Server 1300 × (1 − 0.4667) ÷ 4 = 173.33, Storage 300 × … = 40
    assert src["trend"] == -0.4667
    targets = {(r["quarter"], r["product_line"]): (r["target"], r["note"]) for r in src["quarter_targets"]}
    sold = "actual: sold in the quarter"
    assert targets == {("Q1", "Server"): (300, sold), ("Q1", "Storage"): (150, sold),
                       ("Q2", "Server"): (250, sold), ("Q2", "Storage"): (-50, sold),
                       ("Q3", "Server"): (150, sold), ("Q3", "Storage"): (200, sold),
                       ("Q4", "Server"): (173.33, None), ("Q4", "Storage"): (40, None)}
    # the year: 1000 sold in Q1–Q3 and 213.33 to come; not 4 × 213.33 = 853.33, already beaten
    assert src["annual_target"] == 1213.33 and src["actual_to_date"] == 1000
    assert src["annual_target"] >= src["actual_to_date"]
    assert src["gap"] == round(1213.33 - (1000 + 3 * 1600 / 12), 2)  # the forecast runs at 1600 ÷ 12 a month
    # each quarter over is spread as it sold (Feb 300, Mar 150; May 250, Jun −50; Aug 200, Sep 150), so
    # no month of them reads ahead of or behind a target the quarter met
    curve = src["gap_curve"]
    assert list(curve["target"][:9]) == [0, 300, 150, 0, 250, -50, 0, 200, 150]
    assert list(curve["gap"][:9]) == [0] * 9


def test_a_first_quarter_plan_takes_every_quarter_from_the_run_rate(declining):
    src = playbook_prefill.sources(declining, "D", "2026Q1", as_of="2026-09-30", lang="en")
    server = [(r["target"], r["note"]) for r in src["quarter_targets"] if r["product_line"] == "Server"]
    storage = [r["target"] for r in src["quarter_targets"] if r["product_line"] == "Storage"]
    # Server's year 693.33: 173.33 a quarter, Q4 the 0.01 the rounding left
    assert server == [(173.33, None), (173.33, None), (173.33, None), (173.34, None)] and storage == [40] * 4
    assert src["annual_target"] == 853.33


def test_a_quarter_the_data_ends_in_counts_what_was_sold_and_the_rate_for_the_rest():
    # 2026-09-27: 3 of Q3's 92 days to come; Q3 is before a Q4 plan, so it is sold + rate × 3/92
    assert playbook_prefill.closed_quarters("2026Q4", "2026-09-27") == {1: 0, 2: 0, 3: 3 / 92}
    assert playbook_prefill.closed_quarters("2026Q4", "2026-05-01") == {1: 0, 2: 60 / 91}  # May 2–31, June; Q3 open
    lines = pd.DataFrame({"ts": pd.to_datetime(["2026-01-05", "2026-04-30", "2026-05-02", "2026-02-01"]),
                          "amount": [100.0, 40.0, 7.0, 5.0], "product_line": ["Server", None, "Server", "Server"],
                          "salesperson": None})
    sold = playbook_prefill.quarters_sold(lines, 2026, [1, 2], "2026-05-01")  # 2026-05-02 is after as_of
    assert sorted(map(tuple, sold.to_numpy().tolist())) == [("Server", 1, 105.0), ("—", 2, 40.0)]
    rows = playbook_prefill.quarter_targets(pd.DataFrame({"product_line": ["Server"], "revenue_12m": [1200.0]}), 0.0,
                                            {1: 0.0, 2: 0.5}, sold, "en")
    # Server: Q1 105 sold; Q2 0 sold + 300 × 0.5; Q3, Q4 300. No line: Q1 0, Q2 40, nothing to come
    assert [(r["quarter"], r["product_line"], r["target"]) for r in rows] == [
        ("Q1", "Server", 105), ("Q1", "—", 0), ("Q2", "Server", 150), ("Q2", "—", 40),
        ("Q3", "Server", 300), ("Q4", "Server", 300)]
    assert [r["note"] for r in rows if r["quarter"] == "Q2"] == [i18n.t("ws.targets.sold_so_far", "en")] * 2
    assert [r["note"] for r in rows[:2]] == [i18n.t("ws.targets.sold", "en")] * 2


def test_the_last_open_quarter_takes_the_rounding_of_the_open_quarters_only():
    # Q1 sold 10.004 → 10.00; 100.01 a year: Q2, Q3 25.00 and Q4 75.01 − 50 = 25.01 (3/4 of 100.01 = 75.0075)
    sold = pd.DataFrame({"product_line": ["A"], "quarter": [1], "sold": [10.004]})
    rows = playbook_prefill.quarter_targets(pd.DataFrame({"product_line": ["A"], "revenue_12m": [100.01]}), 0.0,
                                            {1: 0.0}, sold)
    assert [r["target"] for r in rows] == [10.0, 25.0, 25.0, 25.01]


def test_a_year_after_the_lines_end_has_no_forecast_and_a_gap_of_cents_reads_zero(small):
    # the lines used end 2026-06-30: 2027 has none of its own, so no forecast and no gap, not
    # a run rate that meets the target exactly
    curve = playbook_prefill.gap_curve(small, "A", 2027, {"Q1": 300, "Q2": 300, "Q3": 600, "Q4": 600},
                                       as_of="2026-06-30", run_rate=100)
    assert curve["forecast"].isna().all() and curve["gap"].isna().all() and curve["cum_actual"].isna().all()
    assert playbook_prefill.gap_summary(curve) == {"annual_target": 1800, "actual_to_date": 0,
                                                   "forecast_year_end": None, "gap": None}
    # 2026: 500 by June, then 100 a month, 1,100 by December; a target of 1,100.01 or 1,099.996 is met
    for q4, short in ((350.01, 0.0), (349.996, 0.0), (350.5, 0.5)):
        curve = playbook_prefill.gap_curve(small, "A", 2026, {"Q1": 250, "Q2": 250, "Q3": 250, "Q4": q4},
                                           as_of="2026-06-30", run_rate=100)
        assert f"{curve['gap'].iloc[-1]:.2f}" == f"{short:.2f}"


def test_the_names_a_saved_worksheet_holds_in_its_contact_fields():
    values = {"actions": [{"action": "Workshop", "owner": "Ann", "customer_participant": "黄霞博"},
                          {"action": "Visit", "owner": None, "customer_participant": "Li"}],
              "joint_team": [{"name": "Zhou", "side": "customer", "role": "IT"}], "win_win": "Ann helps"}
    assert playbooks.contacts_named("action_plan", values) == {"Ann", "黄霞博", "Li", "Zhou"}  # not the text field's
    assert playbooks.contacts_named("action_plan", None) == set()
    # a name kept from the saved version passes; one new to the worksheet is still checked
    playbooks.validate("action_plan", values, people={"Ann"} | playbooks.contacts_named("action_plan", values))
    assert "'Nobody' is not a contact" in str(_error("action_plan", {"actions": [{"owner": "Nobody"}]},
                                                     people=playbooks.contacts_named("action_plan", values)))
