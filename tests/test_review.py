"""Quarterly review: immutable snapshots, the comparison of two, defection signals and
satisfaction (kamp.review, kamp.defection). Expected values are worked out by hand below."""
from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from kamp import analysis, defection, ingest, playbooks, review, review_report, store

A, B = "2024Q1", "2024Q2"  # as of 2024-03-31 and 2024-06-30


def _months(first: str, last: str, day: int) -> list[str]:
    return [f"{p.year}-{p.month:02d}-{day:02d}" for p in pd.period_range(first, last, freq="M")]


def _lines(con, account, rows):
    """rows: (date, amount, discount)."""
    for day, amount, discount in rows:
        con.execute("""INSERT INTO transactions (account_id, ts, amount, discount, is_return, is_product, row_hash,
                       import_id) VALUES (?, ?, ?, ?, ?, true, hash(?), 1)""",
                    [account, day, amount, discount, amount < 0, f"{account}{day}{amount}"])


def _interactions(con, account, rows):
    """rows: (date, kind, score)."""
    for day, kind, score in rows:
        con.execute("""INSERT INTO interactions (account_id, ts, kind, score, row_hash) VALUES (?, ?, ?, ?, hash(?))""",
                    [account, day, kind, score, f"{account}{day}{kind}"])


def _contacts(con, account, rows):
    """rows: (name, role, last_contact)."""
    for name, role, last in rows:
        con.execute("""INSERT INTO contacts (account_id, name, role, last_contact, row_hash)
                       VALUES (?, ?, ?, ?, hash(?))""",
                    [account, name, role, last, f"{account}{name}"])


@pytest.fixture
def two_quarters(tmp_path):
    """Seven accounts over 2023-01 … 2024-06, snapshotted as of 2024-03-31 (A) and 2024-06-30 (B).

    K1  1,000 on the 10th of every month, Jan 2023 – Jun 2024: active throughout; a sponsor.
    K2  1,000 (after a 100 discount) on the 10th, Jan 2023 – Feb 2024, a 500 return on
        2024-01-25; purchase days 15, cycle (2024-02-10 − 2023-01-10 = 396 days) / 14 → the
        30-day minimum: 50 days silent at A (≤ 2 cycles: active), 141 at B (> 4: lost).
        Complaints 2023-05-01, 2024-01-20, 2024-02-25; surveys 4 (2023-11-01), 2 (2024-03-01),
        5 (2024-08-01, after B); contacts a decision maker (last contact 2024-03-05) and a
        user, no sponsor.
    S1–S4  100 on the 15th of every month, Jan 2023 – Jun 2024.
    N1  500 on 2024-05-05 and 2024-06-05: new in B.
    Tiers by a person's decision (overrides): K1, K2 Major, the rest Mass-market, S1 Major
    from B on. B is taken first, so that the snapshots are not stored in date order.
    """
    con = store.connect(tmp_path / "t.duckdb")
    _lines(con, "K1", [(d, 1000, None) for d in _months("2023-01", "2024-06", 10)])
    _lines(con, "K2", [(d, 1000, 100) for d in _months("2023-01", "2024-02", 10)] + [("2024-01-25", -500, None)])
    for s in ("S1", "S2", "S3", "S4"):
        _lines(con, s, [(d, 100, None) for d in _months("2023-01", "2024-06", 15)])
    _lines(con, "N1", [("2024-05-05", 500, None), ("2024-06-05", 500, None)])
    _interactions(con, "K2", [("2023-05-01", "complaint", None), ("2024-01-20", "complaint", None),
                              ("2024-02-25", "complaint", None), ("2023-11-01", "survey", 4),
                              ("2024-03-01", "survey", 2), ("2024-08-01", "survey", 5)])
    _interactions(con, "K1", [("2024-04-01", "survey", 5), ("2024-04-02", "visit", None)])
    _interactions(con, "S1", [("2024-05-01", "survey", 4)])
    _interactions(con, "S2", [("2024-01-01", "survey", 4)])
    _interactions(con, "S4", [("2024-02-01", "survey", 3), ("2024-07-05", "survey", 1)])
    _contacts(con, "K1", [("Li", "sponsor", "2024-06-01")])
    _contacts(con, "K2", [("Chen", "decision_maker", "2024-03-05"), ("Sun", "user", None)])
    # Plans: K1's 2024Q2 worksheet 5 (Q2: 2,500 + 1,000) supersedes its 2024Q1 one (Q2: 8,000);
    # S1 has only a 2024Q1 worksheet, whose Q2 row (700) still counts for Q2.
    targets = lambda rows: {"targets": [{"quarter": q, "product_line": p, "target": t} for q, p, t in rows]}
    playbooks.save(con, "K1", "2024Q1", "revenue_targets", targets([("Q2", "Hardware", 8000)]), "me")
    playbooks.save(con, "K1", "2024Q2", "revenue_targets",
                   targets([("Q2", "Hardware", 2500), ("Q2", "Services", 1000), ("Q3", "Hardware", 9999)]), "me")
    playbooks.save(con, "S1", "2024Q1", "revenue_targets", targets([("Q2", "Services", 700)]), "me")
    playbooks.save(con, "K1", "2024Q2", "short_term_metrics", {"milestones": [
        {"milestone": "Sign SLA", "due": "2024-06-01", "owner": "Li", "done": False},
        {"milestone": "QBR", "due": "2024-05-01", "owner": "Li", "done": True},
        {"milestone": "Pilot", "due": "2024-07-20", "owner": "Li", "done": False},
        {"milestone": "Kick-off", "due": None, "owner": "Li", "done": False}]}, "me")
    for acc, tier in [("K1", "Major"), ("K2", "Major"), ("S1", "Major"), ("S2", "Mass-market"),
                      ("S3", "Mass-market"), ("S4", "Mass-market"), ("N1", "Mass-market")]:
        analysis.set_tier_override(con, acc, tier, "fixture")
    assert review.take_snapshot(con, B, "2024-06-30", author="me") == B
    analysis.set_tier_override(con, "S1", "Mass-market", "fixture")
    assert review.take_snapshot(con, as_of="2024-03-31") == A  # the default name: the quarter
    yield con
    con.close()


# ---------------------------------------------------------------- snapshots

def test_a_snapshot_never_changes(two_quarters, tmp_path):
    con = two_quarters
    before = review.snapshot_accounts(con, B)
    with pytest.raises(ValueError, match="never changes"):
        review.take_snapshot(con, B, "2024-06-30")
    with pytest.raises(ValueError, match="never changes"):
        review.take_snapshot(con, as_of="2024-05-31")  # defaults to the name 2024Q2 too
    (tmp_path / "more.csv").write_text("customer,date,invoice,sales\nS3,2024-06-20,9001,50000\nZ9,2024-06-01,9002,10\n",
                                       encoding="utf-8")
    assert ingest.import_file(con, tmp_path / "more.csv").rows_loaded == 2
    pd.testing.assert_frame_equal(review.snapshot_accounts(con, B), before)
    assert review.snapshots(con)["name"].tolist() == [A, B]
    # the import did change the data: a new snapshot sees it
    review.take_snapshot(con, "after import", "2024-06-30")
    after = review.snapshot_accounts(con, "after import").set_index("account_id")
    assert after.loc["S3", "revenue"] == 18 * 100 + 50000 and "Z9" in after.index
    assert before.set_index("account_id").loc["S3", "revenue"] == 1800


def test_snapshot_freezes_accounts_targets_and_milestones(two_quarters):
    con = two_quarters
    b = review.snapshot_accounts(con, B).set_index("account_id")
    assert len(b) == 7 and b.loc["K2", "status"] == "lost" and b.loc["N1", "status"] == "active"
    assert b.loc["K1", "revenue_12m"] == 12000 and b.loc["K2", "revenue_12m"] == 8 * 1000 - 500
    assert (b.loc["K1", "tier"], b.loc["K1", "tier_rank"]) == ("Major", 1)
    assert (b.loc["S2", "tier"], b.loc["S2", "tier_rank"]) == ("Mass-market", 4)
    assert (b.loc["K1", "target"], b.loc["K1", "target_source"]) == (3500, "plan")
    assert (b.loc["S1", "target"], b.loc["S1", "target_source"]) == (700, "plan")
    # K2's draft: 10,500 net in the year before 2024-04-01, 3,000 in the year before that:
    # growth 250 % clipped to +100 % → 10,500 × 2 / 4
    assert (b.loc["K2", "target"], b.loc["K2", "target_source"]) == (5250, "draft")
    assert pd.isna(b.loc["N1", "target"]) and pd.isna(b.loc["N1", "target_source"])
    info = review.snapshot_info(con, B)
    assert info["as_of"] == dt.date(2024, 6, 30) and info["period"] == B and info["author"] == "me"
    assert info["accounts"] == 7
    ms = con.execute("""SELECT milestone, status FROM snapshot_milestones WHERE snapshot = ?
                        ORDER BY milestone""", [B]).fetchall()
    assert ms == [("Kick-off", "open"), ("Pilot", "due"), ("QBR", "done"), ("Sign SLA", "overdue")]
    assert con.execute("SELECT count(*) FROM snapshot_milestones WHERE snapshot = ?", [A]).fetchone()[0] == 0


def test_segments_renamed_since_a_snapshot_keep_their_chinese_name(two_quarters):
    con = two_quarters
    everyone = {"r_min": 1, "r_max": 5, "fm_min": 1, "fm_max": 5}
    store.set_setting(con, "rfm_segments", [{"segment": "Everyone", "name_zh": "全体客户", **everyone}])
    review.take_snapshot(con, "all", "2024-06-30")
    assert review.snapshot_info(con, "all")["segment_names"] == {"Everyone": "全体客户"}
    store.set_setting(con, "rfm_segments", [{"segment": "All", "name_zh": "所有客户", **everyone}])  # renamed since
    # B was taken before snapshots kept their names: its segments are the defaults' (Champions 核心客户 …)
    con.execute("UPDATE snapshots SET segment_names = NULL WHERE name = ?", [B])
    names = {x["segment"]: x["name_zh"] for x in review_report.content(con, B, "all")["segment_rules"]}
    assert names["All"] == "所有客户" and names["Everyone"] == "全体客户"
    defaults = {"Champions": "核心客户", "Loyal": "忠诚客户", "Potential Loyalist": "潜在忠诚客户", "New": "新客户",
                "Promising": "有潜力客户", "Need Attention": "需关注客户", "About to Sleep": "即将沉睡客户",
                "Can't Lose Them": "不容流失客户", "At Risk": "流失风险客户", "Hibernating": "沉睡客户", "Lost": "流失客户"}
    in_b = set(review.snapshot_accounts(con, B)["segment"]) - {"Other"}
    assert in_b and {s: names[s] for s in in_b} == {s: defaults[s] for s in in_b}


def test_unknown_snapshot_is_a_key_error(two_quarters):
    with pytest.raises(KeyError):
        review.snapshot_accounts(two_quarters, "1999Q1")


def test_nothing_to_snapshot(tmp_path):
    con = store.connect(tmp_path / "e.duckdb")
    with pytest.raises(ValueError, match="no transactions"):
        review.take_snapshot(con)


def test_review_code_never_updates_or_deletes():
    root = Path(review.__file__).parent
    for path in (root / "review.py", root / "defection.py", root / "sql" / "review_signals.sql",
                 root / "sql" / "review_draft_targets.sql"):
        assert not re.search(r"\b(UPDATE|DELETE|DROP|REPLACE)\b", path.read_text(encoding="utf-8")), path


# ---------------------------------------------------------------- comparison (pure)

def _frame(rows):
    return pd.DataFrame(rows, columns=["account_id", "tier", "status", "segment", "revenue_12m"])


FROM = _frame([("1", "Major", "active", "Champions", 900), ("2", "Named", "active", "Loyal", 500),
               ("3", "Named", "active", "Loyal", 400), ("4", "Non-named", "active", "At Risk", 100),
               ("5", "Mass-market", "lost", "Lost", 0), ("6", "Mass-market", "lost", "Lost", 0),
               ("7", "Named", "dormant", "About to Sleep", 50)])
TO = _frame([("1", "Named", "active", "Loyal", 600), ("2", "Major", "active", "Champions", 800),
             ("3", "Named", "dormant", "Loyal", 300),   # dormant keeps its tier
             ("4", "Non-named", "lost", "Lost", 20),    # lost
             ("5", "Non-named", "active", "New", 30),   # won back
             ("6", "Mass-market", "lost", "Lost", 0),   # lost in both: out of the picture
             ("8", "Mass-market", "active", "New", 10)])  # new; 7 is missing from B: lost


def test_migration_counts_on_hand_made_quarters():
    got = review.migration(FROM, TO)
    assert list(zip(got["tier_from"], got["tier_to"], got["accounts"])) == [
        ("Major", "Named", 1), ("Named", "Major", 1), ("Named", "Named", 1), ("Named", "lost", 1),
        ("Non-named", "lost", 1), ("lost", "Non-named", 1), ("new", "Mass-market", 1)]
    assert got.set_index(["tier_from", "tier_to"]).loc[("Named", "lost"), "revenue_12m_from"] == 50


def test_movers_directions_and_segments():
    got = review.movers(FROM, TO).set_index("account_id")
    assert got["direction"].to_dict() == {"1": "down", "2": "up", "3": "same", "4": "lost", "5": "won_back",
                                          "7": "lost", "8": "new"}
    assert list(got.index) == ["4", "7", "1", "2", "8", "5", "3"]  # lost, down, up, new, won back, same
    assert (got.loc["1", "rank_from"], got.loc["1", "rank_to"]) == (1, 2)
    assert (got.loc["2", "segment_from"], got.loc["2", "segment_to"]) == ("Loyal", "Champions")
    assert pd.isna(got.loc["8", "segment_from"]) and got.loc["8", "tier_from"] == "new"
    moves = review.segment_moves(FROM, TO)
    assert moves["accounts"].sum() == 6  # the accounts in both snapshots


def test_tier_order_comes_from_the_names_in_either_language():
    a = _frame([("1", "重要客户", "active", None, 1), ("2", "一般客户", "active", None, 1)])
    b = _frame([("1", "次重要客户", "active", None, 1), ("2", "次重要客户", "active", None, 1)])
    assert review.movers(a, b).set_index("account_id")["direction"].to_dict() == {"1": "down", "2": "up"}


def test_turned_dormant_key_accounts_only():
    a = _frame([("k1", "Major", "active", None, 900), ("k2", "Major", "active", None, 800),
                ("k3", "Major", "dormant", None, 700), ("k4", "Major", "active", None, 600),
                ("n1", "Named", "active", None, 500)])
    b = _frame([("k1", "Major", "dormant", None, 400), ("k2", "Named", "active", None, 700),
                ("k3", "Major", "lost", None, 0), ("k4", "Major", "lost", None, 100),
                ("n1", "Named", "dormant", None, 50)])
    got = review.turned_dormant(a, b)
    assert list(zip(got["account_id"], got["status_to"])) == [("k1", "dormant"), ("k4", "lost")]
    assert review.turned_dormant(a, b, key_ranks=2)["account_id"].tolist() == ["k1", "k4", "n1"]


def test_a_frame_without_tiers_is_refused():
    with pytest.raises(ValueError, match="tier"):
        review.movers(FROM.drop(columns="tier"), TO)


# ---------------------------------------------------------------- comparison (stored)

def test_migration_between_stored_snapshots(two_quarters):
    con = two_quarters
    got = review.migration(review.snapshot_accounts(con, A), review.snapshot_accounts(con, B))
    assert list(zip(got["tier_from"], got["tier_to"], got["accounts"])) == [
        ("Major", "Major", 1), ("Major", "lost", 1), ("Mass-market", "Major", 1), ("Mass-market", "Mass-market", 3),
        ("new", "Mass-market", 1)]


def test_concentration_trend_in_date_order(two_quarters):
    got = review.concentration_trend(two_quarters)
    assert got["name"].tolist() == [A, B]  # B was taken first
    # A: revenue_12m K1 12,000, K2 10,500, S1–S4 1,200 each = 27,300 over 6 accounts
    a = got.iloc[0]
    shares = [12000 / 27300, 10500 / 27300] + [1200 / 27300] * 4
    assert a["accounts"] == 6 and a["total"] == pytest.approx(27300)
    assert a["top20_share"] == pytest.approx(22500 / 27300)  # ceil(0.2 × 6) = 2 accounts
    assert a["accounts_for_80pct"] == 2  # 44 %, then 82 %
    assert a["hhi"] == pytest.approx(sum((100 * s) ** 2 for s in shares))
    assert a["effective_accounts"] == pytest.approx(1 / sum(s * s for s in shares))
    # B: K1 12,000, K2 7,500, S1–S4 1,200 each, N1 1,000 = 25,300 over 7; top ceil(1.4) = 2
    b = got.iloc[1]
    assert b["accounts"] == 7 and b["top20_share"] == pytest.approx(19500 / 25300)
    assert review.concentration_trend(two_quarters, "revenue").iloc[0]["total"] == pytest.approx(
        15000 + 14 * 1000 - 500 + 4 * 1500)  # everything up to 2024-03-31


def test_plan_vs_actual_by_hand(two_quarters):
    got = review.plan_vs_actual(two_quarters, A, B).set_index("account_id")
    assert sorted(got.index) == ["K1", "K2", "S1"]  # Major in A or in B
    k1, k2, s1 = got.loc["K1"], got.loc["K2"], got.loc["S1"]
    assert (k1["target"], k1["actual"], k1["gap"]) == (3500, 3000, 500)  # 10 Apr, May, Jun
    assert k1["attainment"] == pytest.approx(3000 / 3500) and k1["actual_prev"] == 3000
    assert (k2["target"], k2["target_source"], k2["actual"], k2["attainment"]) == (5250, "draft", 0, 0)
    assert k2["actual_prev"] == 1000 + 1000 - 500  # January and February less the return
    assert (s1["tier_from"], s1["tier_to"], s1["target"], s1["actual"]) == ("Mass-market", "Major", 700, 300)


def test_overdue_milestones_as_of_the_snapshot(two_quarters):
    got = review.overdue_milestones(two_quarters, B)
    assert got[["account_id", "milestone", "days_overdue"]].values.tolist() == [["K1", "Sign SLA", 29]]
    assert got.loc[0, "tier"] == "Major"
    assert review.overdue_milestones(two_quarters, A).empty


def test_without_sponsor(two_quarters):
    got = review.without_sponsor(two_quarters, ["K1", "K2", "S1"])
    assert got.values.tolist() == [["K2", 2], ["S1", 0]]
    # the ids as a text column, as the pages pass a million of them
    assert review.without_sponsor(two_quarters, pd.Series(["S1", "K1", "K2"], dtype="str")).values.tolist() \
        == [["S1", 0], ["K2", 2]]


def test_at_risk_names_a_key_account_that_left_even_when_no_longer_key(two_quarters):
    """K1 is key and has a milestone overdue (Sign SLA, due 2024-06-01); K2, key in A, was lost
    by B and is no longer key now (moved to Mass-market): it is still at risk, as turned dormant,
    inactive and without a sponsor."""
    from kamp import meeting

    con = two_quarters
    analysis.set_tier_override(con, "K2", "Mass-market", "after the review")
    table, _ = analysis.account_table(con, dt.date(2024, 6, 30))
    assert set(table.loc[meeting.key_mask(table), "account_id"]) == {"K1"}
    got = meeting.at_risk(con, table, A, B, B, dt.date(2024, 6, 30))
    # columns: account_id, key (top tier now), inactive, turned_dormant, overdue, no_sponsor
    assert got.values.tolist() == [["K1", True, False, False, 1, False], ["K2", False, True, True, 0, True]]


# ---------------------------------------------------------------- defection and satisfaction

def test_defection_signals_of_a_lost_key_account(two_quarters):
    got = defection.defection_signals(two_quarters, A, B)
    assert got["account_id"].tolist() == ["K2"]  # the only account that left between A and B
    k2 = got.iloc[0]
    assert (k2["tier"], k2["change"], k2["status_from"], k2["status_to"]) == ("Major", "lost", "active", "lost")
    assert got.attrs["quarters"] == ["2023Q3", "2023Q4", "2024Q1", "2024Q2"]
    assert k2["revenue_trend"] == [3000, 3000, 1500, 0]
    # the year 2023-07-02 … 2024-06-30: sales 8 × 1,000, a 500 return, 8 × 100 discount
    assert k2["return_share"] == pytest.approx(500 / 8000)
    assert k2["discount_share"] == pytest.approx(800 / 8800)
    assert k2["complaints_12m"] == 2  # 2023-05-01 is before the year
    assert k2["last_survey_score"] == 2 and k2["last_survey_date"] == pd.Timestamp("2024-03-01")
    assert k2["last_contact"] == pd.Timestamp("2024-03-05")  # the contacts file beats 2024-03-01
    assert k2["days_since_contact"] == 26 + 30 + 31 + 30
    assert not k2["has_sponsor"] and k2["contacts"] == 2
    assert defection.defection_signals(two_quarters, A, B, key_ranks=1)["account_id"].tolist() == ["K2"]
    assert defection.defection_signals(two_quarters, A, A).empty  # nobody leaves between a snapshot and itself


def test_defection_contrast_sets_leavers_beside_stayers(two_quarters):
    got = defection.defection_contrast(two_quarters, A, B).set_index("signal")
    assert got.loc["accounts"].tolist() == [1, 5]  # K2 left; K1 and S1–S4 stayed active
    assert got.loc["complaints_12m", "left"] == 2 and got.loc["complaints_12m", "stayed"] == 0
    assert got.loc["no_sponsor", "left"] == 1 and got.loc["no_sponsor", "stayed"] == pytest.approx(4 / 5)
    assert got.loc["last_survey_score", "stayed"] == pytest.approx((5 + 4 + 4 + 3) / 4)


def test_defection_contrast_without_contacts_or_surveys_has_no_means_to_give(two_quarters):
    # an export of order lines alone: no survey score, no last contact to average, nobody's sponsor
    two_quarters.execute("DELETE FROM interactions")
    two_quarters.execute("DELETE FROM contacts")
    got = defection.defection_contrast(two_quarters, A, B).set_index("signal")
    assert got.loc["accounts"].tolist() == [1, 5]
    assert got.loc[["last_survey_score", "days_since_contact"]].isna().all().all()
    assert got.loc["no_sponsor"].tolist() == [1, 1]
    assert "K2" in review_report.to_html(two_quarters, A, B, "en")  # the report of that pair is made


def test_satisfaction_by_tier(two_quarters):
    got = defection.satisfaction_by_tier(two_quarters, B)
    major = got[got["tier"] == "Major"].set_index("score")
    assert major["accounts"].tolist() == [0, 1, 0, 1, 1]  # K2 2, S1 4, K1 5
    assert major["surveyed"].iloc[0] == 3 and major["tier_accounts"].iloc[0] == 3
    assert major.loc[5, "share"] == pytest.approx(1 / 3) and major["mean_score"].iloc[0] == pytest.approx(11 / 3)
    mass = got[got["tier"] == "Mass-market"].set_index("score")
    assert mass["accounts"].tolist() == [0, 0, 1, 1, 0]  # S4 3 (its 1 came after B), S2 4
    assert mass["surveyed"].iloc[0] == 2 and mass["tier_accounts"].iloc[0] == 4
    assert got["tier"].drop_duplicates().tolist() == ["Major", "Mass-market"]


# ---------------------------------------------------------------- the demo

def test_demo_comes_with_four_quarters_to_compare(demo_db):
    con = store.connect(demo_db, read_only=True)
    try:
        snaps = review.snapshots(con)
        assert snaps["name"].tolist() == ["2025Q4", "2026Q1", "2026Q2", "2026Q3"]
        assert [str(d)[:10] for d in snaps["as_of"]] == ["2025-12-31", "2026-03-31", "2026-06-30", "2026-09-30"]
        a, b = review.snapshot_accounts(con, "2026Q2"), review.snapshot_accounts(con, "2026Q3")
        assert len(b) == con.execute("SELECT count(DISTINCT account_id) FROM transactions").fetchone()[0]
        mig = review.migration(a, b)
        new = set(b["account_id"]) - set(a["account_id"])
        assert mig.loc[mig["tier_from"] == "new", "accounts"].sum() == len(new) > 0
        still = b[b["status"] != "lost"]
        assert mig.loc[mig["tier_to"] != "lost", "accounts"].sum() == len(still)
        trend = review.concentration_trend(con)
        assert trend["name"].tolist() == snaps["name"].tolist() and trend["gini"].between(0, 1).all()
        plan = review.plan_vs_actual(con, "2026Q2", "2026Q3")
        assert len(plan) and plan["target"].notna().any() and (plan["actual"] != 0).any()
        sig = defection.defection_signals(con, "2026Q2", "2026Q3")
        assert len(sig) and set(sig["change"]) <= {"lost", "dormant"}
        sat = defection.satisfaction_by_tier(con, "2026Q3")
        assert sat["accounts"].sum() == sat.drop_duplicates("tier")["surveyed"].sum() > 0
        assert not math.isnan(sat["mean_score"].iloc[0])
    finally:
        con.close()


def test_a_draft_target_takes_no_trend_from_a_year_that_netted_below_zero(tmp_path):
    # X returned 100 in the year before last and bought 4,000 last year: no base to grow from,
    # so the draft is last year's run rate, 4,000 ÷ 4 (not +4,100 % clipped to +100 %: 2,000)
    (tmp_path / "x.csv").write_text("customer,date,sales\nX,2022-06-01,-100\nX,2023-06-01,4000\n", encoding="utf-8")
    con = store.connect(tmp_path / "k.duckdb")
    ingest.import_file(con, tmp_path / "x.csv")
    assert review._draft_targets(con, "2024Q2").set_index("account_id")["target"].to_dict() == {"X": 1000}
    con.close()
