"""Kotler's relationship levels (seed 001), the business pyramid (seed 000) and assessments."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kamp import analysis, relationship, store

# Kotler, Marketing Management ("levels of relationship marketing"); seed 001 states the corners.
KOTLER = {("many", "high"): "accountable", ("many", "medium"): "reactive", ("many", "low"): "basic",
          ("medium", "high"): "proactive", ("medium", "medium"): "accountable", ("medium", "low"): "reactive",
          ("few", "high"): "partnership", ("few", "medium"): "proactive", ("few", "low"): "accountable"}


def test_five_levels_with_the_seeds_chinese_names():
    assert [(k, zh) for k, _en, zh in relationship.LEVELS] == [
        ("basic", "基本型"), ("reactive", "被动型"), ("accountable", "负责型"), ("proactive", "能动型"),
        ("partnership", "伙伴型")]
    assert relationship.label("proactive", "zh") == "能动型" and relationship.label("basic") == "Basic"
    assert [zh for _n, _en, zh in relationship.PYRAMID] == [
        "提供满足特定需求的产品", "提供高品质的产品或服务", "提供高品质的服务和技术支持", "为商业问题做出贡献", "为公司问题做出贡献"]
    assert relationship.label(5, "zh") == "为公司问题做出贡献"


def test_default_rule_table_is_kotlers():
    t = relationship.rules_table()
    assert {(c, m): t.loc[c, m] for c in t.index for m in t.columns} == KOTLER
    assert relationship.rules_from_table(t) == store.SETTINGS["relationship_rules"][0]


def _tiers(spec: dict[str, tuple[int, float]]) -> pd.DataFrame:
    """tier -> (accounts, margin %) as an account frame."""
    rows = [(f"{tier}{i}", tier, pct) for tier, (n, pct) in spec.items() for i in range(n)]
    return pd.DataFrame(rows, columns=["account_id", "tier", "margin_pct"])


SMALL = {"few_max_accounts": 1, "medium_max_accounts": 3, "high_margin_pct": 0.35, "low_margin_pct": 0.20}


def test_seed_001_corners_many_thin_margins_basic_few_high_margins_partnership():
    # Seed 001: 市场规模很大且单位利润很小 → 基本型; 顾客很少而边际利润很高 → 伙伴型.
    r = relationship.recommend(_tiers({"Major": (1, 0.50), "Mass-market": (4, 0.10)}), thresholds=SMALL)
    by_tier = r.drop_duplicates("tier").set_index("tier")
    assert by_tier.loc["Major", ["accounts_level", "margin_level", "recommended"]].tolist() == [
        "few", "high", "partnership"]
    assert by_tier.loc["Mass-market", ["accounts_level", "margin_level", "recommended"]].tolist() == [
        "many", "low", "basic"]
    assert by_tier.loc["Major", "recommended_no"] == 5 and by_tier.loc["Mass-market", "recommended_no"] == 1


@pytest.mark.parametrize("cell", sorted(KOTLER))
def test_every_rule_row_maps_to_its_level(cell):
    count, margin = cell
    n = {"few": 1, "medium": 3, "many": 4}[count]
    pct = {"high": 0.35, "medium": 0.20, "low": 0.1999}[margin]  # the edges: ≥ 35 % high, < 20 % low
    r = relationship.recommend(_tiers({"T": (n, pct)}), thresholds=SMALL)
    assert r["recommended"].eq(KOTLER[cell]).all()


def test_unknown_margin_gives_no_recommendation_and_an_edited_table_is_used():
    f = _tiers({"T": (2, 0.5)})
    f.loc[0, "margin_pct"] = np.nan
    table = {c: {m: "partnership" for m in relationship.MARGIN_LEVELS} for c in relationship.COUNT_LEVELS}
    r = relationship.recommend(f, table=table, thresholds=SMALL)
    assert pd.isna(r["recommended"].iloc[0]) and r["recommended"].iloc[1] == "partnership"
    with pytest.raises(ValueError, match="few/low"):
        relationship.check_rules({**table, "few": {"high": "partnership", "medium": "proactive", "low": "friend"}})


def test_tier_margin_basis_weights_by_revenue():
    f = pd.DataFrame({"account_id": ["a", "b"], "tier": ["T", "T"], "margin": [50.0, 5.0],
                      "revenue": [100.0, 100.0], "margin_pct": [0.5, 0.05]})
    r = relationship.recommend(f, thresholds=SMALL, margin_basis="tier")
    assert r["margin_pct"].tolist() == [pytest.approx(0.275)] * 2 and set(r["margin_level"]) == {"medium"}


def test_gap_is_recommended_minus_actual_in_levels():
    assert relationship.gap("partnership", "reactive") == 3
    assert relationship.gap("basic", "能动型") == -3
    assert math.isnan(relationship.gap(None, "basic"))
    g = relationship.gap(pd.Series(["proactive", "basic", None]), ["accountable", "basic", "basic"])
    assert g.iloc[0] == 1 and g.iloc[1] == 0 and np.isnan(g.iloc[2])


def test_assessments_are_append_only_and_the_latest_wins(con):
    relationship.save_assessment(con, "A", "reactive", 2, 4, author="li", note="first look")
    relationship.save_assessment(con, "A", "能动型", 3, 5, author="wang")
    relationship.save_assessment(con, "B", None, 1, 3)
    latest = relationship.assessments(con).set_index("account_id")
    assert latest.loc["A", ["kotler_level", "pyramid_now", "pyramid_target", "pyramid_gap", "author"]].tolist() == [
        "proactive", 3, 5, 2, "wang"]
    assert pd.isna(latest.loc["B", "kotler_level"])
    h = relationship.history(con, "A")
    assert len(h) == 2 and h["author"].tolist() == ["wang", "li"]
    assert con.execute("SELECT count(*) FROM relationship_assessments").fetchone()[0] == 3


@pytest.mark.parametrize("bad", [dict(kotler_level="friend"), dict(pyramid_now=6), dict(pyramid_target=0),
                                 dict(account_id="")])
def test_a_bad_assessment_is_refused(con, bad):
    with pytest.raises(ValueError):
        relationship.save_assessment(con, **{"account_id": "A", **bad})
    assert con.execute("SELECT count(*) FROM relationship_assessments").fetchone()[0] == 0


def test_demo_every_account_with_a_margin_gets_a_level(demo_db):
    con = store.connect(demo_db, read_only=True)
    try:
        table, _ = analysis.account_table(con)
        r = relationship.recommend(table)
        assert len(r) == len(table) and r["account_id"].is_unique
        priced = (table["revenue"] > 0) & table["margin_pct"].notna()
        assert r.loc[priced.to_numpy(), "recommended"].isin([k for k, _en, _zh in relationship.LEVELS]).all()
        assert (r.groupby("tier")["tier_accounts"].first() == table.groupby("tier").size()).all()
    finally:
        con.close()


def test_thresholds_must_keep_few_below_medium_and_low_below_high():
    assert relationship.check_thresholds({"few_max_accounts": 10.0})["few_max_accounts"] == 10
    with pytest.raises(ValueError, match="“Few” means at most \\(accounts\\) must be below"):
        relationship.check_thresholds({"few_max_accounts": 500, "medium_max_accounts": 300})
    with pytest.raises(ValueError, match="Low margin below \\(%\\) must be below"):
        relationship.check_thresholds({"low_margin_pct": 0.4, "high_margin_pct": 0.3})


def test_tier_levels_and_assessments_joined_with_the_recommendation(con):
    # Tier T: 2 accounts (few) with margins 50 % (high → partnership) and unknown (no level).
    f = pd.DataFrame({"account_id": ["a", "b"], "tier": ["T", "T"], "margin_pct": [0.5, np.nan],
                      "revenue": [10.0, 5.0]})
    rec = relationship.recommend(f, thresholds={**SMALL, "few_max_accounts": 2})
    counts = relationship.tier_levels(rec).iloc[0]
    assert (counts["tier_accounts"], counts["accounts_level"], counts["partnership"], counts["no_margin"]) == (
        2, "few", 1, 1)
    relationship.save_assessment(con, "a", "reactive", 2, 4)
    out = relationship.with_assessments(rec, relationship.assessments(con), f).set_index("account_id")
    assert out.loc["a", "level_gap"] == 5 - 2 and out.loc["a", "pyramid_gap"] == 2 and out.loc["a", "revenue"] == 10
    assert np.isnan(out.loc["b", "level_gap"]) and pd.isna(out.loc["b", "kotler_level"])


@pytest.mark.parametrize("lang, now, target", [
    ("zh", "甲 · C0217<br>当前：2 · 提供高品质的产品或服务", "甲 · C0217<br>目标：4 · 为商业问题做出贡献"),
    ("en", "甲 · C0217<br>Now: 2 · High-quality product or service",
     "甲 · C0217<br>Target: 4 · Contributes to the customer's business problems"),
])
def test_the_pyramid_tooltip_names_each_level_once(hover, lang, now, target):
    from kamp import charts_coverage

    frame = pd.DataFrame({"account_id": ["C0217"], "name": ["甲"], "pyramid_now": [2.0], "pyramid_target": [4.0]})
    fig = charts_coverage.rel_pyramid(frame, lang)
    # no %{x}: on an axis labelled with the level's name, Plotly shows that label there, name and all
    assert all("%{x}" not in tr.hovertemplate for tr in fig.data)
    assert [hover(tr, 0) for tr in fig.data] == [now, target]


@pytest.mark.parametrize("lang, ticks", [
    ("zh", ["提供满足特定需求的<br>产品", "提供高品质的<br>产品或服务", "提供高品质的<br>服务和技术支持",
            "为商业问题做出贡献", "为公司问题做出贡献"]),  # after 的 or 或; 4 and 5 have no such place: one line
    ("en", ["Product that meets<br>a specific need", "High-quality<br>product or service",
            "High-quality<br>service and<br>technical support", "Contributes to the<br>customer's<br>business problems",
            "Contributes to the<br>customer's<br>corporate problems"]),
])
def test_the_pyramid_level_names_break_between_words(lang, ticks):
    from kamp import charts_coverage

    frame = pd.DataFrame({"account_id": ["C0217"], "name": ["甲"], "pyramid_now": [2.0], "pyramid_target": [4.0]})
    text = charts_coverage.rel_pyramid(frame, lang).layout.xaxis.ticktext
    assert list(text) == [f"<b>{n}</b><br>{words}" for n, words in enumerate(ticks, start=1)]


def test_a_threshold_left_alone_keeps_what_is_stored_now():
    # drawn at 30 / 300 accounts and 20 % / 35 % margins; since then another tab stored a low
    # margin of 17.5 %. This tab changed only the high margin, to 41.5 %.
    drawn = {"few_max_accounts": 30, "medium_max_accounts": 300, "low_margin_pct": 0.2, "high_margin_pct": 0.35}
    now = {**drawn, "low_margin_pct": 0.175}
    shown = relationship.shown_thresholds(drawn)
    assert shown == {"few_max_accounts": 30, "medium_max_accounts": 300, "low_margin_pct": 20.0,
                     "high_margin_pct": 35.0}
    kept = relationship.kept_thresholds({**shown, "high_margin_pct": 41.5}, drawn, now)
    assert kept == {"few_max_accounts": 30, "medium_max_accounts": 300, "low_margin_pct": 0.175,
                    "high_margin_pct": 0.415}
