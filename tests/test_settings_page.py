"""The settings page (save, reset to defaults, bad input refused), the first-start welcome on the
overview, and what they stand on: store.reset_setting, store.is_demo, store.delete_mapping,
and money in Chinese units."""
from pathlib import Path

import duckdb
import pytest
from pagetest import costless_db, open_page
from streamlit.testing.v1 import AppTest

from kamp import i18n, ingest, mapping, store



def _run(page: str, lang: str) -> AppTest:
    return open_page(page, lang)


def _setting(db: Path, name: str):
    con = store.connect(db)
    try:
        return store.get_setting(con, name)
    finally:
        con.close()


def _stored_names(db: Path) -> set[str]:
    con = store.connect(db)
    try:
        return {n for (n,) in con.execute("SELECT name FROM settings").fetchall()}
    finally:
        con.close()


def _widget(at: AppTest, kind: str, key: str):
    """The widget ``key`` of a section; a save or reset renews the section's keys (``key#n``)."""
    found = [w for w in getattr(at, kind) if w.key == key or str(w.key).startswith(f"{key}#")]
    assert len(found) == 1, [w.key for w in found]
    return found[0]


def _welcome_shown(at: AppTest, lang: str) -> bool:
    return any(i18n.t("welcome.text", lang) in x.value for x in at.info)


# ---- the settings page ----

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_settings_page_renders_with_every_section(lang, demo_copy):
    at = _run("pages/settings.py", lang)
    assert at.title[0].value == i18n.t("settings.title", lang)
    assert [t.label for t in at.tabs][:2] == [i18n.t("settings.tab.segments", lang), i18n.t("settings.tab.abc", lang)]
    assert len(at.tabs) == 9
    assert not at.error
    # every section has a Save and a Reset to defaults
    for prefix in ("seg.", "abc.", "tier.", "status.", "cov.", "rel.", "data.", "show."):
        assert at.button(key=f"{prefix}save").label == i18n.t("settings.save", lang)
        assert at.button(key=f"{prefix}reset").label == i18n.t("settings.reset", lang)
    # a section none of whose settings is stored is at its defaults: nothing to reset, as on the Customers page
    sections = {"seg.": ["rfm_segments"], "abc.": ["abc_cuts"], "status.": ["status_rules"],
                "data.": ["non_product_codes", "memory_limit", "dso_period_days"],
                "show.": ["money_units", "show_welcome"]}
    stored = _stored_names(demo_copy)
    at_defaults = [prefix for prefix, names in sections.items() if not stored & set(names)]
    assert at_defaults
    assert all(at.button(key=f"{prefix}reset").disabled for prefix in at_defaults)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_saving_abc_cuts_stores_them_and_reset_removes_them(lang, demo_copy):
    at = _run("pages/settings.py", lang)
    assert at.button(key="abc.reset").disabled  # already the defaults
    at.number_input(key="abc.a").set_value(70.0)
    at.number_input(key="abc.b").set_value(90.0).run()  # a browser reruns as a value changes
    assert i18n.t("settings.unsaved", lang) in [c.value for c in at.caption]
    assert not at.button(key="abc.reset").disabled  # an edit not saved: resetting drops it
    at.button(key="abc.save").click().run()
    assert not at.exception and not at.error
    assert _setting(demo_copy, "abc_cuts") == [0.70, 0.90]
    # the tab and the summary say the ABC cuts differ from the defaults now
    captions = [c.value for c in at.caption]
    assert i18n.t("settings.differs", lang, names=i18n.t("settings.name.abc_cuts", lang)) in captions
    assert any(i18n.t("settings.name.abc_cuts", lang) in x.value for x in at.info)
    assert _widget(at, "number_input", "abc.a").value == 70.0

    assert not at.button(key="abc.reset").disabled
    at.button(key="abc.reset").click().run()
    assert "abc_cuts" not in _stored_names(demo_copy)
    assert _setting(demo_copy, "abc_cuts") == [0.80, 0.95]
    assert _widget(at, "number_input", "abc.a").value == 80.0
    assert _widget(at, "number_input", "abc.b").value == 95.0
    assert i18n.t("settings.is_default", lang) in [c.value for c in at.caption]
    assert at.button(key="abc.reset").disabled


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("a, b", [(95.0, 80.0), (80.0, 150.0)])  # not increasing; B beyond 100 %
def test_bad_abc_cuts_show_an_error_and_store_nothing(lang, a, b, demo_copy):
    at = _run("pages/settings.py", lang)
    at.number_input(key="abc.a").set_value(a)
    at.number_input(key="abc.b").set_value(b).run()
    assert not at.exception
    assert at.button(key="abc.save").disabled
    errors = [e.value for e in at.error]
    assert len(errors) == 1
    # names the rule once and says what is wrong, in the page's terms: no Python list of fractions
    # ([0.95, 0.8]) for cuts typed as percentages beside it
    assert errors[0].count(i18n.t("settings.name.abc_cuts", lang)) == 1
    assert "[" not in errors[0] and f"{a / 100:g}" not in errors[0]
    assert (f"({a:g}%)" if lang == "en" else f"（{a:g}%）") in errors[0]
    assert "abc_cuts" not in _stored_names(demo_copy)


def test_tier_settings_save_together(demo_copy):
    at = _run("pages/settings.py", "en")
    at.selectbox(key="tier.scheme").set_value("metals")
    at.selectbox(key="tier.k").set_value(3).run()
    at.button(key="tier.save").click().run()
    assert not at.exception and not at.error
    assert _setting(demo_copy, "tier_scheme") == "metals" and _setting(demo_copy, "tier_k") == 3
    assert "Tier names, best first: Platinum › Gold › Silver" in [c.value for c in at.caption]


def test_mapping_profiles_are_listed_and_deleted(demo_copy):
    con = store.connect(demo_copy)
    mapping.save_mapping(con, ["客户编号", "日期", "金额"], "transactions",
                        {"客户编号": "account_id", "日期": "ts", "金额": "amount"})
    con.close()
    at = _run("pages/settings.py", "zh")
    listed = next(d.value for d in at.dataframe if "mapping" in d.value.columns)
    assert list(listed["mapping"]) == ["客户编号 → 客户编号, 日期 → 订单日期, 金额 → 金额"]
    assert list(listed["kind"]) == [i18n.t("import.kind.transactions", "zh")]
    at.button(key="prof.delete").click().run()
    assert not at.exception
    con = store.connect(demo_copy)
    assert store.mapping_profiles(con).empty
    con.close()
    assert i18n.t("settings.profiles_none", "zh") in [x.value for x in at.info]


def test_chinese_pages_speak_in_wan_by_default_and_k_m_b_when_chosen(demo_copy):
    import json

    # Out of the box the Chinese overview gives money in 万 and 亿, its monthly chart's axis too
    # (the demo's months run to a few 亿, hundreds of millions); English keeps k / M / B.
    overview = _run("pages/overview.py", "zh")
    revenue = next(m.value for m in overview.metric if m.label == i18n.t("overview.revenue", "zh"))
    (total,) = duckdb.connect(str(demo_copy)).execute("SELECT sum(amount) FROM transactions").fetchone()
    assert revenue == f"{total / 1e8:,.2f}亿"
    ticks = json.loads(overview.get("plotly_chart")[0].proto.spec)["layout"]["yaxis"]["ticktext"]
    assert any(t.endswith("亿") for t in ticks) and all(t == "0" or t.endswith(("亿", "万")) for t in ticks)
    english = json.loads(_run("pages/overview.py", "en").get("plotly_chart")[0].proto.spec)
    assert all(t == "0" or t.endswith("M") for t in english["layout"]["yaxis"]["ticktext"])  # English keeps k/M/B

    at = _run("pages/settings.py", "zh")
    assert at.radio(key="show.units").value == "wan"
    at.radio(key="show.units").set_value("short").run()
    at.button(key="show.save").click().run()
    assert _setting(demo_copy, "money_units") == "short"
    overview = _run("pages/overview.py", "zh")
    revenue = next(m.value for m in overview.metric if m.label == i18n.t("overview.revenue", "zh"))
    assert revenue == f"{total / 1e9:,.2f}B"
    ticks = json.loads(overview.get("plotly_chart")[0].proto.spec)["layout"]["yaxis"]["ticktext"]
    assert all(t == "0" or t.endswith("M") for t in ticks)


@pytest.fixture
def wan_off():
    yield
    i18n.use_wan(False)  # the default for whatever runs next in this thread


@pytest.mark.parametrize("value, lang, wan, expected", [
    (250e6, "en", False, "250M"), (1.5e9, "en", False, "1.5B"), (13_200, "en", False, "13.2k"), (0, "en", False, "0"),
    (-5e6, "en", False, "-5M"), (7.5, "en", False, "7.5"), (512, "en", False, "512"),
    (2.5e8, "zh", True, "2.5亿"), (5e7, "zh", True, "5,000万"), (12_000, "zh", True, "1.2万"),
    (1.5e9, "en", True, "1.5B"),  # 万/亿 only in Chinese
    (1.5e9, "zh", False, "1.5B"),
])
def test_tick_labels_in_the_chosen_units(value, lang, wan, expected, wan_off):
    assert i18n.tick_money(value, lang, wan=wan) == expected
    i18n.use_wan(wan)  # as a page run sets it from the settings
    assert i18n.tick_money(value, lang) == expected


@pytest.mark.parametrize("sales, english, chinese", [
    # 0 … 480M in about six steps: 80M rounds up to a step of 100M, ticks 0 to 500M
    ([120e6, 480e6, 300e6], ["0", "100M", "200M", "300M", "400M", "500M"], ["0", "1亿", "2亿", "3亿", "4亿", "5亿"]),
    # 0 … 108M: 18M rounds up to 20M, ticks 0 to 100M, all in the largest's unit (not 2,000万 beside 1亿)
    ([20e6, 108e6, 60e6], ["0", "20M", "40M", "60M", "80M", "100M"], ["0", "0.2亿", "0.4亿", "0.6亿", "0.8亿", "1亿"]),
])
def test_a_money_axis_steps_at_round_values_in_one_unit(sales, english, chinese, wan_off):
    import pandas as pd

    from kamp import charts

    months = pd.DataFrame({"month": pd.date_range("2026-01-01", periods=3, freq="MS"),
                           "sales": sales, "returns": [0.0, 0.0, 0.0], "net": sales})
    assert list(charts.monthly_revenue(months, "en").layout.yaxis.ticktext) == english
    i18n.use_wan(True)
    axis = charts.monthly_revenue(months, "zh").layout.yaxis
    assert list(axis.tickvals) == [float(t.replace("M", "")) * 1e6 for t in english]
    assert list(axis.ticktext) == chinese



# ---- the welcome on the overview ----

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_welcome_shows_on_the_demo_and_can_be_dismissed(lang, demo_copy):
    at = _run("pages/overview.py", lang)
    assert _welcome_shown(at, lang)
    at.button(key="welcome.close").click().run()
    assert not at.exception
    assert not _welcome_shown(at, lang)
    at.run()  # stays dismissed for the session
    assert not _welcome_shown(at, lang)
    assert _setting(demo_copy, "show_welcome") is False
    assert not _welcome_shown(_run("pages/overview.py", lang), lang)  # and in the next one
    # Settings → Display brings it back
    at = _run("pages/settings.py", lang)
    assert "show_welcome" in [n for n in store.SETTINGS if i18n.t(f"settings.name.{n}", lang) in at.info[0].value]
    _widget(at, "checkbox", "show.welcome").check().run()
    at.button(key="show.save").click().run()
    assert _setting(demo_copy, "show_welcome") is True
    assert _welcome_shown(_run("pages/overview.py", lang), lang)


def test_no_welcome_once_the_user_has_imported_data(tmp_path, fixtures, monkeypatch):
    path = tmp_path / "mine.duckdb"
    con = store.connect(path)
    ingest.import_file(con, fixtures / "sales_utf8_bom.csv")
    con.close()
    monkeypatch.setenv("KAMP_DB", str(path))
    at = _run("pages/overview.py", "en")
    assert not _welcome_shown(at, "en")
    assert not [b for b in at.button if b.key == "welcome.close"]


# ---- what the page stands on ----

def test_reset_setting_brings_back_the_default(con):
    store.set_setting(con, "abc_cuts", [0.7, 0.9])
    store.set_setting(con, "tier_k", 3)
    store.reset_setting(con, "abc_cuts")
    assert store.get_setting(con, "abc_cuts") == [0.80, 0.95]
    assert store.get_setting(con, "tier_k") == 3  # the others untouched
    store.reset_setting(con, "abc_cuts")  # resetting a default is harmless
    assert con.execute("SELECT name FROM settings").fetchall() == [("tier_k",)]
    with pytest.raises(KeyError):
        store.reset_setting(con, "no_such_rule")


def test_is_demo_only_for_demo_imports(con, fixtures, demo_db):
    assert not store.is_demo(con)  # empty
    ingest.import_file(con, fixtures / "sales_utf8_bom.csv")
    assert not store.is_demo(con)  # the user's own data
    demo = store.connect(demo_db, read_only=True)
    try:
        assert store.is_demo(demo)
    finally:
        demo.close()


def test_is_demo_false_once_a_user_file_joins_the_demo(demo_copy, fixtures):
    con = store.connect(demo_copy)
    assert store.is_demo(con)
    ingest.import_file(con, fixtures / "sales_utf8_bom.csv")
    assert not store.is_demo(con)
    con.close()


def test_delete_mapping_removes_one_profile(con):
    mapping.save_mapping(con, ["Customer", "Date", "Amount"], "transactions",
                        {"Customer": "account_id", "Date": "ts", "Amount": "amount"})
    mapping.save_mapping(con, ["Customer", "Name"], "accounts", {"Customer": "account_id", "Name": "name"})
    profiles = store.mapping_profiles(con)
    assert sorted(profiles["kind"]) == ["accounts", "transactions"]
    key = mapping.header_key(["Customer", "Date", "Amount"])
    assert store.delete_mapping(con, key, "transactions")
    assert not store.delete_mapping(con, key, "transactions")
    assert mapping.saved_mapping(con, ["Customer", "Date", "Amount"], "transactions") is None
    assert mapping.saved_mapping(con, ["Customer", "Name"], "accounts") == {"Customer": "account_id", "Name": "name"}


@pytest.mark.parametrize("value, expected", [
    (123_456_789, "1.23亿"),
    (45_600, "4.56万"),
    (999, "999.00"),
    (10_000, "1.00万"),
    (100_000_000, "1.00亿"),
    (9_440_000_000, "94.40亿"),
    (-123_456_789, "-1.23亿"),
    (-45_600, "-4.56万"),
    (-999, "-999.00"),
    (99_999_999, "1.00亿"),  # 9,999.9999万 rounds to 10,000.00万: the next unit
    (None, "—"),
    (float("nan"), "—"),
])
def test_money_in_wan(value, expected):
    assert i18n.money(value, "zh", wan=True) == expected


@pytest.mark.parametrize("value, expected", [
    (9_440_000_000, "9.44B"), (215_920_000, "215.92M"), (13_180, "13.18k"), (12.5, "12.50"), (999, "999.00"),
    (-45_600, "-45.60k"), (None, "—"),
])
def test_money_short_by_default_and_in_english(value, expected, wan_off):
    i18n.use_wan(False)  # the library's own default; a page run sets it from the settings (万 by default)
    assert i18n.money(value) == expected
    assert i18n.money(value, "zh") == expected  # wan only when asked for
    assert i18n.money(value, "en", wan=True) == expected  # and only in Chinese


def test_summary_tables_give_money_in_the_unit_that_suits_each_column_in_chinese(demo_copy):
    # The tiers' profile: net revenue per tier runs to 亿, the mean per account to 万; each column
    # keeps one unit, named in its header, and the numbers are the tier's sums divided by it.
    import json

    from kamp.tiers import SCHEMES

    zh = _run("pages/tiers.py", "zh")
    with duckdb.connect(str(demo_copy)) as con:  # the account table the page computed and kept
        expected = dict(con.execute("SELECT tier, sum(revenue) FROM account_table_store GROUP BY 1").fetchall())
        means = dict(con.execute("SELECT tier, avg(revenue) FROM account_table_store GROUP BY 1").fetchall())
    english = {name: en for en, name in SCHEMES["pyramid"]}
    shown = next(d for d in zh.dataframe if "mean_revenue" in d.value.columns)
    labels = json.loads(shown.proto.columns)
    assert labels["revenue"]["label"] == "净收入（亿）" and labels["mean_revenue"]["label"] == "平均收入（万）"
    assert len(shown.value) == len(expected) == 4
    for _, row in shown.value.iterrows():
        tier = english[row["tier"]]
        assert row["revenue"] == pytest.approx(expected[tier] / 1e8)
        assert row["mean_revenue"] == pytest.approx(means[tier] / 1e4)
    # English in k / M / B as its other figures: two of the four tiers sum to under 1B, so the typical
    # tier is in M
    en = _run("pages/tiers.py", "en")
    assert sorted(v < 1e9 for v in expected.values()) == [False, False, True, True]
    shown = next(d for d in en.dataframe if "mean_revenue" in d.value.columns)
    labels = json.loads(shown.proto.columns)
    assert (labels["revenue"]["label"], labels["revenue"]["type_config"]["format"]) == ("Net revenue (M)", "%,.2f")
    assert shown.value["revenue"].sum() == pytest.approx(sum(expected.values()) / 1e6)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tier_features_no_account_has_are_refused(lang, tmp_path, monkeypatch):
    db = costless_db(tmp_path)
    monkeypatch.setenv("KAMP_DB", str(db))
    at = _run("pages/settings.py", lang)
    margin = i18n.t("col.margin", lang)
    at.multiselect(key="tier.features").set_value(["margin"]).run()
    assert [e.value for e in at.error] == [i18n.t("settings.invalid", lang, rule=i18n.t("settings.name.tier_features", lang),
                                                  error=i18n.t("tiers.only_empty_features", lang, columns=margin))]
    assert at.button(key="tier.save").disabled
    # beside a feature the data has, the margin is saved with a warning that the tiers leave it out
    at.multiselect(key="tier.features").set_value(["revenue", "margin"]).run()
    assert not at.error
    assert [w.value for w in at.warning] == [i18n.t("tiers.features_empty", lang, columns=margin)]
    at.button(key="tier.save").click().run()
    assert _setting(db, "tier_features") == ["revenue", "margin"]


def test_a_save_keeps_what_another_tab_saved_since_and_refuses_to_undo_it(demo_copy):
    first, second = _run("pages/settings.py", "en"), _run("pages/settings.py", "en")  # two tabs, both at seed 0, k 4
    _widget(first, "number_input", "tier.seed").set_value(11).run()
    first.button(key="tier.save").click().run()
    assert _setting(demo_copy, "tier_seed") == 11
    _widget(second, "selectbox", "tier.k").set_value(5).run()
    # the second tab still shows seed 0, and says the seed was saved elsewhere
    assert _widget(second, "number_input", "tier.seed").value == 0
    assert [w.value for w in second.warning] == [
        "Saved elsewhere (another tab, or someone else) since this page showed it: Tier clustering seed. Saving here "
        "keeps that unless you change the same setting."]
    second.button(key="tier.save").click().run()
    assert (_setting(demo_copy, "tier_k"), _setting(demo_copy, "tier_seed")) == (5, 11)  # the seed is not put back to 0
    # the first tab, which last saw k 4, changes k too: refused, k stays 5
    _widget(first, "selectbox", "tier.k").set_value(3).run()
    first.button(key="tier.save").click().run()
    assert [e.value for e in first.error] == [
        "Not saved: Number of tiers was saved elsewhere since this page showed it, and saving here would undo that. "
        "Load the stored values, then make your change again."]
    assert _setting(demo_copy, "tier_k") == 5
    first.button(key="tier.reload").click().run()  # drawn afresh from what is stored
    assert _widget(first, "selectbox", "tier.k").value == 5 and not first.warning


def test_a_segment_rule_that_can_never_match_is_warned_of_until_moved_up(demo_copy):
    at = _run("pages/settings.py", "en")
    vip = {"segment": "VIP", "name_zh": "贵宾客户", "r_min": 5, "r_max": 5, "fm_min": 5, "fm_max": 5}
    at.session_state["seg.editor"] = {"edited_rows": {}, "added_rows": [vip], "deleted_rows": []}  # appended last
    at.run()
    assert [w.value for w in at.warning] == [
        "VIP never matches: Champions, above it, takes every account it would. Give it a smaller Order to try it first."]
    at.session_state["seg.editor"] = {"edited_rows": {}, "added_rows": [{**vip, "order": 0.5}], "deleted_rows": []}
    at.run()
    assert not at.warning and not at.error
    at.button(key="seg.save").click().run()
    assert [r["segment"] for r in _setting(demo_copy, "rfm_segments")][:3] == ["VIP", "Champions", "Loyal"]


def test_a_segment_rule_moves_between_two_others_by_a_half_order(demo_copy):
    # the defaults are tried Champions 1, Loyal 2, Potential Loyalist 3, New 4, Promising 5, Need
    # Attention 6 …: Loyal at 5.5 goes after Promising, before Need Attention
    at = _run("pages/settings.py", "en")
    at.session_state["seg.editor"] = {"edited_rows": {"1": {"order": 5.5}}, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="seg.save").click().run()
    assert [r["segment"] for r in _setting(demo_copy, "rfm_segments")][:6] == [
        "Champions", "Potential Loyalist", "New", "Promising", "Loyal", "Need Attention"]


def test_a_segment_named_twice_is_refused_naming_the_row(demo_copy):
    at = _run("pages/settings.py", "zh")
    at.session_state["seg.editor"] = {"edited_rows": {"1": {"segment": "Champions"}}, "added_rows": [],
                                      "deleted_rows": []}
    at.run()
    assert [e.value for e in at.error] == ["“RFM 细分规则表”无法保存——第 2 行（Champions）：该名称已在第 1 行出现；每个细分只能出现一次"]
    assert at.button(key="seg.save").disabled
