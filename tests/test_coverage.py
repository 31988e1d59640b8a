"""Coverage models, sales capacity and owner load (seed 003) — worked by hand; goals on the demo."""
from __future__ import annotations

import pandas as pd
import pytest

from kamp import accounts, analysis, coverage, goals, store

# Ten accounts: 2 Major (r1, r2), 3 Named (r1, r1, none), 4 Non-named (r2 ×3, r3), 1 Mass-market (none).
BOOK = pd.DataFrame({
    "account_id": [f"a{i}" for i in range(10)],
    "tier": ["Major", "Major", "Named", "Named", "Named", "Non-named", "Non-named", "Non-named", "Non-named",
             "Mass-market"],
    "owner": ["r1", "r2", "r1", "r1", None, "r2", "r2", "r2", "r3", ""],
    "revenue": [900.0, 800, 300, 250, 200, 60, 50, 40, 30, 5],
})
# The seed's four models with round figures, so the sums below can be checked by hand
# (the stored defaults are data and may change).
MODELS = [{"tier_rank": 1, "model": "1:1", "hours_per_account": 1200},
          {"tier_rank": 2, "model": "1:few", "hours_per_account": 240},
          {"tier_rank": 3, "model": "1:many", "hours_per_account": 40},
          {"tier_rank": 4, "model": "call_centre", "hours_per_account": 2}]


def test_the_seed_assigns_1to1_1tofew_1tomany_and_call_centre_by_tier():
    a = coverage.assign(BOOK, MODELS).set_index("account_id")
    assert a.loc["a0", "model"] == "1:1" and a.loc["a2", "model"] == "1:few"
    assert a.loc["a5", "model"] == "1:many" and a.loc["a9", "model"] == "call_centre"
    assert a.loc["a0", "hours_per_account"] == 1200 and a.loc["a5", "hours_per_account"] == 40
    # the defaults give a key account more time than a 1:few one, and that more than 1:many
    d = coverage.assign(BOOK).set_index("account_id")["hours_per_account"]
    assert d["a0"] > d["a2"] > d["a5"] > d["a9"]
    assert a.loc["a9", "channel"] == "call_centre" and a.loc["a0", "channel"] == "field"


def test_the_default_models_give_the_seeds_reps_per_account():
    # Seed 003: 重要客户 1:1 "一个销售人员专对一家客户" (a rep's whole selling year); 次重要客户 1:few
    # "一个销售人员对很少的几个客户" (five a rep); 一般重要客户 1:many (thirty a rep); 不重要客户 call-center.
    rep = store.SETTINGS["rep_hours_per_year"][0]
    a = coverage.assign(BOOK).set_index("account_id")
    assert a.loc[["a0", "a2", "a5", "a9"], "model"].tolist() == ["1:1", "1:few", "1:many", "call_centre"]
    assert rep == 1200 and a.loc[["a0", "a2", "a5"], "hours_per_account"].tolist() == [1200, 240, 40]
    # two Major accounts take two whole reps; 3 Named and 4 Non-named: 3 × 240 + 4 × 40 = 880 h more
    _, s = coverage.capacity(BOOK)
    assert s["hours_needed"] == 2 * 1200 + 880 and s["reps_needed"] == 3


def test_tier_ranks_in_either_language_and_for_custom_names():
    f = pd.DataFrame({"tier": ["Major", "次重要客户", "一般客户", "Mass-market", "Mass-market 2", "白金卡客户", "Silver", None]})
    assert coverage.tier_ranks(f).tolist() == [1, 2, 3, 4, 5, 1, 3, pd.NA]
    # the metals' former Chinese names (kept in an older database) rank as the tiers they were
    former = pd.DataFrame({"tier": ["白金客户", "金牌客户", "银牌客户", "银牌客户 2"]})
    assert coverage.tier_ranks(former).tolist() == [1, 2, 3, 4]
    custom = pd.DataFrame({"tier": ["small", "big", "mid"], "revenue": [1.0, 100.0, 10.0]})
    assert coverage.tier_ranks(custom).tolist() == [3, 1, 2]
    assert coverage.tier_ranks(custom, tier_order=["small", "mid", "big"]).tolist() == [1, 3, 2]


def test_capacity_gap_by_hand():
    by_tier, s = coverage.capacity(BOOK, MODELS, rep_hours=1200)
    assert by_tier["tier"].tolist() == ["Major", "Named", "Non-named", "Mass-market"]
    assert by_tier["accounts"].tolist() == [2, 3, 4, 1]
    # 2 × 1,200 + 3 × 240 + 4 × 40 = 3,280 field hours; the Mass-market account is 2 call-centre hours.
    assert by_tier["hours_needed"].tolist() == [2400, 720, 160, 2]
    assert s["hours_needed"] == 3280 and s["call_centre_hours"] == 2
    assert s["reps"] == 3 and s["hours_available"] == 3600 and s["gap"] == -320
    assert s["reps_needed"] == 3 and s["rep_gap"] == 0
    assert s["utilisation"] == pytest.approx(3280 / 3600)
    assert s["unowned_accounts"] == 2 and by_tier["unowned"].tolist() == [0, 1, 0, 1]
    assert by_tier["owners"].tolist() == [2, 1, 2, 0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_capacity_chart_writes_hours_in_full(lang):
    # 2 × 1,200 Major hours, 3 reps × 1,200 = 3,600 available, 320 to spare (test_capacity_gap_by_hand)
    from kamp import charts_coverage, i18n

    by_tier, s = coverage.capacity(BOOK, MODELS, rep_hours=1200)
    fig = charts_coverage.capacity(by_tier, s, lang)
    unit = i18n.t("chart.coverage_hours_unit", lang)
    texts = [text for bar in fig.data for text in (bar.text or ())] + [a.text for a in fig.layout.annotations]
    assert any(text.endswith(f"2,400 {unit}") for text in texts)
    assert any(f"3,600 {unit}" in text for text in texts) and any(f"320 {unit}" in text for text in texts)
    assert not any("k " in text for text in texts) and fig.layout.xaxis.tickformat == ","


def test_capacity_with_edited_models_and_fewer_rep_hours():
    models = [{"tier_rank": 1, "model": "team", "hours_per_account": 100},
              {"tier_rank": 2, "model": "1:few", "hours_per_account": 10}]
    by_tier, s = coverage.capacity(BOOK, models, rep_hours=50)
    # Ranks 3 and 4 take the last model: 2 × 100 + (3 + 4 + 1) × 10 = 280 hours; 3 reps × 50 = 150.
    assert by_tier["model"].tolist() == ["team", "1:few", "1:few", "1:few"]
    assert s["hours_needed"] == 280 and s["hours_available"] == 150 and s["gap"] == 130
    assert s["reps_needed"] == 6 and s["rep_gap"] == 3
    with pytest.raises(ValueError):
        coverage.capacity(BOOK, [{"tier_rank": 1, "model": "1:1"}])


def test_owner_load_by_hand():
    load = coverage.owner_load(BOOK, MODELS, rep_hours=1200).set_index("owner")
    assert list(load.index) == ["r1", "r2", "r3"]  # most loaded first
    assert list(load.columns) == ["accounts", "Major", "Named", "Non-named", "Mass-market", "hours_needed", "load"]
    assert load.loc["r1", ["accounts", "Major", "Named", "Non-named"]].tolist() == [3, 1, 2, 0]
    assert load["hours_needed"].tolist() == [1200 + 2 * 240, 1200 + 3 * 40, 40]
    assert load.loc["r1", "load"] == pytest.approx(1680 / 1200)
    assert sorted(coverage.unowned(BOOK)["account_id"]) == ["a4", "a9"]


def test_rules_come_from_the_settings(con):
    r = coverage.rules(con)
    assert r["models"][0]["model"] == "1:1" and r["rep_hours"] == 1200 and r["goals"]["share_target"] == 0.30
    store.set_setting(con, "rep_hours_per_year", 1000)
    store.set_setting(con, "coverage_models", [{"tier_rank": 1, "model": "team", "hours_per_account": 2000}])
    r = coverage.rules(con)
    assert r["rep_hours"] == 1000 and coverage.assign(BOOK, r["models"])["model"].eq("team").all()
    assert coverage.model_label("1:few", "zh").startswith("1:few") and coverage.model_label("x") == "x"


def test_demo_every_top_tier_account_gets_a_coverage_model(demo_db):
    con = store.connect(demo_db, read_only=True)
    try:
        table, meta = analysis.account_table(con)
        a = coverage.assign(table)
        top = a[a["tier"] == meta["tier_order"][0]]
        assert len(top) > 0 and top["model"].notna().all() and (top["hours_per_account"] > 0).all()
        assert a["model"].notna().all()
        by_tier, s = coverage.capacity(table)
        assert by_tier["accounts"].sum() == len(table) == s["accounts"]
        assert s["reps"] == table["owner"].dropna().nunique()
        load = coverage.owner_load(table)
        assert load["accounts"].sum() + s["unowned_accounts"] == len(table)
        field = by_tier[by_tier["channel"] == "field"]
        owned_hours = (field["hours_per_account"] * (field["accounts"] - field["unowned"])).sum()
        assert load["hours_needed"].sum() == pytest.approx(owned_hours)
        g = goals.goals(table, accounts.wallets(con))
        assert set(g["goal_type"]) == {"share_of_wallet", "revenue"}
        assert (g.loc[g["goal_type"] == "share_of_wallet", "tier_rank"] <= 2).all()
    finally:
        con.close()


def test_an_edited_model_table_becomes_the_setting_or_a_clear_error():
    table = pd.DataFrame({"tier": ["Major", "Named"], "tier_rank": [1, 2], "model": ["team", "1:few"],
                          "hours_per_account": [600, 40.5], "accounts": [2, 3]})
    assert coverage.models_from_table(table) == [{"tier_rank": 1, "model": "team", "hours_per_account": 600.0},
                                                 {"tier_rank": 2, "model": "1:few", "hours_per_account": 40.5}]
    bad = table.assign(hours_per_account=[None, -1], model=["team", "door-to-door"])
    with pytest.raises(ValueError) as err:
        coverage.models_from_table(bad)
    message = str(err.value)
    assert "Major: hours per account" in message and "Named: choose a coverage model" in message
    assert "Named: hours per account" in message
