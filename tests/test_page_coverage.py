"""The coverage & goals and relationship-level pages (seeds 000, 001, 003) headless, on a copy of
the demo database: they render in both languages, and what a user sees matches figures worked
out here straight from the tables."""
import json
from pathlib import Path

import duckdb
import pytest
from pagetest import open_page, scale_db
from streamlit.testing.v1 import AppTest

from kamp import i18n, ingest, store

PAGES = {"pages/coverage.py": "coverage.title", "pages/relationship.py": "relationship.title"}


@pytest.fixture
def db(demo_copy) -> Path:
    return demo_copy


def _run(page: str, lang: str) -> AppTest:
    return open_page(page, lang, check=False)


def _metrics(at: AppTest) -> dict:
    return {m.label: m.value for m in at.metric}


def _history(at: AppTest):
    """The assessment history table (a read-only table has no key in AppTest: found by its columns)."""
    return next(d.value for d in at.dataframe if {"note", "pyramid_gap"} <= set(d.value.columns))


def _sql(db: Path, query: str, params=()):
    with duckdb.connect(str(db)) as con:  # the same config as the app's connection, so both may be open
        return con.execute(query, list(params)).fetchall()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_in_both_languages(page, lang, db):
    at = _run(page, lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == i18n.t(PAGES[page], lang)
    assert not at.error


def test_accounts_with_no_owner_match_the_account_records(db):
    # Accounts that bought something and whose master record names no rep, counted from the tables.
    (expected,) = _sql(db, """SELECT count(*) FROM (SELECT DISTINCT account_id FROM transactions) t
                              LEFT JOIN accounts a USING (account_id)
                              WHERE a.owner IS NULL OR trim(a.owner) = ''""")[0]
    at = _run("pages/coverage.py", "en")
    assert expected > 0  # the demo leaves some accounts unowned
    assert _metrics(at)["Unowned accounts"] == f"{expected:,}"
    assert len(at.dataframe(key="cov_unowned").value) == expected
    reps = _sql(db, "SELECT count(DISTINCT owner) FROM accounts WHERE trim(owner) <> ''")[0][0]
    assert _metrics(at)["Reps needed / on staff"].endswith(f"/ {reps:,}")


def _tier_counts(db: Path) -> dict:
    """Accounts per tier in the account table the dashboard reads (English tier names)."""
    return dict(_sql(db, "SELECT tier, count(*) FROM account_table_store GROUP BY tier"))


def test_editing_and_saving_coverage_hours_changes_the_hours_needed(db):
    at = _run("pages/coverage.py", "en")
    n = _tier_counts(db)
    # The seed-003 defaults ("一个销售人员专对一家客户": a rep's 1,200 h; 1:few five accounts a rep, 1:many
    # thirty): Major 1,200 h, Named 240 h, Non-named 40 h; Mass-market is the
    # call centre (telesales hours, not the reps').
    assert _metrics(at)["Hours needed"] == f"{1200 * n['Major'] + 240 * n['Named'] + 40 * n['Non-named']:,}"
    rows = list(at.data_editor(key="cov_models").value["tier"])
    assert rows == ["Major", "Named", "Non-named", "Mass-market"]
    # A director halves the key-account time to 200 h and moves Named accounts to 1:many at 30 h.
    at.session_state["cov_models"] = {"edited_rows": {"0": {"hours_per_account": 200},
                                                      "1": {"model": "1:many", "hours_per_account": 30}},
                                      "added_rows": [], "deleted_rows": []}
    at.run()
    expected = f"{200 * n['Major'] + 30 * n['Named'] + 40 * n['Non-named']:,}"
    assert not at.exception and _metrics(at)["Hours needed"] == expected
    at.button(key="cov_save").click().run()
    assert not at.exception
    stored = _sql(db, "SELECT value FROM settings WHERE name = 'coverage_models'")
    assert stored and '"hours_per_account": 200' in stored[0][0]
    # A new session reads the saved models.
    at = _run("pages/coverage.py", "zh")
    assert not at.exception and _metrics(at)["所需小时数"] == expected


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_reps_the_seeds_coverage_needs_are_set_plainly_against_those_on_staff(db, lang):
    # Seed 003: 重要客户 "一个销售人员专对一家客户" (a rep's whole 1,200 h), 次重要 1:few (240 h), 一般
    # 1:many (40 h); the demo has far more accounts on them than its reps can cover.
    at = _run("pages/coverage.py", lang)  # (it stores the account table the counts read)
    n = _tier_counts(db)
    hours = 1200 * n["Major"] + 240 * n["Named"] + 40 * n["Non-named"]
    needed = -(-hours // 1200)
    reps = _sql(db, "SELECT count(DISTINCT owner) FROM accounts WHERE trim(owner) <> ''")[0][0]
    assert needed > reps
    assert not at.exception
    assert _metrics(at)[i18n.t("coverage.reps", lang)] == f"{needed:,} / {reps:,}"
    said = [w.value for w in at.warning]
    if lang == "en":
        assert said == [f"Covering the accounts as set takes {needed:,} reps; {reps:,} are on staff, "
                        f"{needed - reps:,} short. Fewer accounts on 1:1 or 1:few, or fewer hours per account, "
                        "narrow the gap."]
    else:
        assert said[0].startswith(f"按当前覆盖方式需要 {needed:,} 名销售，现有 {reps:,} 名，缺 {needed - reps:,} 名。")
    # with every hour of the year a selling hour (8,760), the reps on staff suffice: no shortfall is said
    assert -(-hours // 8760) <= reps
    at.number_input(key="cov_rep_hours").set_value(8760).run()
    assert not at.exception and not at.warning


def test_restore_defaults_is_offered_only_when_there_is_something_to_restore(db):
    at = _run("pages/coverage.py", "en")
    assert at.button(key="cov_reset").disabled  # the demo keeps the defaults
    at.number_input(key="cov_rep_hours").set_value(1000).run()  # an edit not saved: restoring drops it
    assert not at.button(key="cov_reset").disabled
    at.button(key="cov_save").click().run()  # saved: restoring brings the defaults back
    assert not at.button(key="cov_reset").disabled
    at.button(key="cov_reset").click().run()
    assert not at.exception and at.button(key="cov_reset").disabled
    assert at.number_input(key="cov_rep_hours").value == 1200


def test_bad_coverage_hours_give_a_clear_error_not_a_traceback(db):
    at = _run("pages/coverage.py", "en")
    before = _metrics(at)["Hours needed"]
    at.session_state["cov_models"] = {"edited_rows": {"0": {"hours_per_account": None}}, "added_rows": [],
                                      "deleted_rows": []}
    at.run()
    assert not at.exception
    assert at.error and "Major" in at.error[0].value and "hours per account" in at.error[0].value
    assert _metrics(at)["Hours needed"] == before  # the saved settings still apply
    assert at.button(key="cov_save").disabled


def test_share_of_wallet_goals_cover_the_top_two_tiers_with_a_wallet(db):
    at = _run("pages/coverage.py", "en")
    n = _tier_counts(db)
    with_wallet = dict(_sql(db, """SELECT s.tier, count(*) FROM account_table_store s JOIN accounts a USING (account_id)
                                   WHERE a.wallet_estimate > 0 GROUP BY s.tier"""))
    sow = with_wallet.get("Major", 0) + with_wallet.get("Named", 0)
    assert at.tabs[0].label == f"Share-of-wallet goals ({sow:,})"
    assert at.tabs[1].label == f"Revenue goals ({sum(n.values()) - sow:,})"
    assert len(at.dataframe(key="cov_sow_list").value) == sow
    # the top-tier accounts without a wallet estimate are said on this tab too, where they are missed
    missing = n.get("Major", 0) + n.get("Named", 0) - sow
    assert missing > 0
    assert (f"{missing} more top-tier accounts have no wallet estimate: they are steered by revenue, under Revenue goals."
            in [c.value for c in at.caption])
    # and the accounts whose share of wallet is above 100 % are said to have too low an estimate
    over = _sql(db, """SELECT count(*) FROM account_table_store s JOIN accounts a USING (account_id)
                       WHERE a.wallet_estimate > 0 AND s.tier IN ('Major', 'Named')
                       AND s.revenue_12m > a.wallet_estimate""")[0][0]
    assert over > 0
    assert any(c.value.startswith(f"{over:,} accounts buy more from us than their wallet estimate") for c in at.caption)


def test_money_in_the_goal_lists_is_in_whole_figures_in_english(db):
    # An account list in English gives whole figures (239,731,523 for 239,731,522.90), not to the
    # cent, and not in one unit for the whole list, which would make its smaller accounts read alike.
    at = _run("pages/coverage.py", "en")
    listed = at.dataframe(key="cov_sow_list")
    config = json.loads(listed.proto.columns)
    shown = {name: (c.get("label"), c.get("type_config", {}).get("format")) for name, c in config.items()}
    assert shown["revenue_12m"] == ("Revenue, last 12 months", "%,.0f")
    assert shown["wallet_estimate"] == ("Wallet estimate", "%,.0f")
    assert shown["revenue_gap"] == ("Revenue to target", "%,.0f")
    assert shown["attainment"][1] == "%.1f%%"
    ids = listed.value["link"].str.extract(r"account=([^&]*)")[0].tolist()
    full = {a: (r, w) for a, r, w in _sql(db, """SELECT account_id, s.revenue_12m, a.wallet_estimate
                                                 FROM account_table_store s JOIN accounts a USING (account_id)""")}
    for a, revenue, wallet in zip(ids, listed.value["revenue_12m"], listed.value["wallet_estimate"]):
        assert (revenue, wallet) == (pytest.approx(full[a][0]), pytest.approx(full[a][1]))


def test_saving_assessments_adds_rows_to_the_history(db):
    at = _run("pages/relationship.py", "en")
    assert at.selectbox(key="rel_tier").value == "Major"  # the key accounts by default
    account = at.selectbox(key="rel_account").value
    count = "SELECT count(*) FROM relationship_assessments WHERE account_id = ?"
    before = _sql(db, count, [account])[0][0]
    assert len(_history(at)) == before if before else any(
        "No assessment of this account yet" in c.value for c in at.caption)
    at.sidebar.text_input(key="author.box").input("Li Na")
    at.selectbox(key="rel_kotler").set_value("reactive")
    at.selectbox(key="rel_now").set_value(2)
    at.selectbox(key="rel_target").set_value(4)
    at.text_area(key="rel_note").input("Buys on price, no contact after the sale")
    at.button[[b.label for b in at.button].index("Save assessment")].click().run()
    assert not at.exception
    history = _history(at)
    assert len(history) == before + 1
    newest = history.iloc[0]
    assert (newest["kotler_level"], newest["author"], newest["note"]) == (
        "Reactive", "Li Na", "Buys on price, no contact after the sale")
    assert newest["pyramid_now"].startswith("2 ·") and newest["pyramid_gap"] == 2

    # the form holds the assessment just saved, to change from
    assert (at.selectbox(key="rel_kotler").value, at.selectbox(key="rel_now").value,
            at.selectbox(key="rel_target").value) == ("reactive", 2, 4)
    at.selectbox(key="rel_kotler").set_value("proactive")
    at.selectbox(key="rel_now").set_value(3)
    at.text_area(key="rel_note").input("Quarterly reviews agreed")
    at.button[[b.label for b in at.button].index("Save assessment")].click().run()
    assert not at.exception
    history = _history(at)
    assert len(history) == before + 2
    assert list(history["kotler_level"][:2]) == ["Proactive", "Reactive"]  # newest first, the first kept
    assert _sql(db, count, [account])[0][0] == before + 2
    notes = [n for (n,) in _sql(db, "SELECT note FROM relationship_assessments WHERE account_id = ?", [account])]
    assert {"Buys on price, no contact after the sale", "Quarterly reviews agreed"} <= set(notes)
    # Another session, later: the form starts from the account's latest assessment.
    fresh = _run("pages/relationship.py", "en")
    assert fresh.selectbox(key="rel_account").value == account
    assert (fresh.selectbox(key="rel_kotler").value, fresh.selectbox(key="rel_now").value,
            fresh.selectbox(key="rel_target").value) == ("proactive", 3, 4)
    # The key-account list shows the latest assessment and its gap from the recommendation.
    listed = at.dataframe(key="rel_accounts").value
    row = listed[listed["link"].str.contains(f"account={account}&")].iloc[0]
    assert row["kotler_level"] == "Proactive"
    assert row["level_gap"] == row_gap(row["recommended"], "Proactive")


def row_gap(recommended: str, actual: str) -> float:
    """Levels between two of Kotler's names, counted on the seed's ladder."""
    ladder = ["Basic", "Reactive", "Accountable", "Proactive", "Partnership"]
    return ladder.index(recommended) - ladder.index(actual)


def test_relationship_rule_table_is_editable_and_validated(db):
    at = _run("pages/relationship.py", "zh")
    grid = at.data_editor(key="rel_rules_editor").value
    assert list(grid["row"]) == ["多", "中", "少"]
    # seed 001's corners: many accounts with low margin → basic; few with high margin → partnership
    assert grid.iloc[0]["low"] == "basic" and grid.iloc[2]["high"] == "partnership"
    at.session_state["rel_rules_editor"] = {"edited_rows": {"0": {"low": None}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception and at.error and "多/低毛利" in at.error[0].value  # the cell, named in Chinese
    assert at.button(key="rel_save_rules").disabled
    at.session_state["rel_rules_editor"] = {"edited_rows": {"0": {"low": "reactive"}}, "added_rows": [],
                                            "deleted_rows": []}
    at.run()
    at.button(key="rel_save_rules").click().run()
    assert not at.exception
    stored = _sql(db, "SELECT value FROM settings WHERE name = 'relationship_rules'")[0][0]
    assert '"many": {"high": "accountable", "medium": "reactive", "low": "reactive"}' in stored


def test_a_margin_threshold_with_a_decimal_shows_it_and_is_no_edit(db):
    with store.connect(db) as con:  # 17.5 % and 32.5 %: read as 18 and 33 at whole percent
        store.set_setting(con, "relationship_thresholds", {"low_margin_pct": 0.175, "high_margin_pct": 0.325})
    at = _run("pages/relationship.py", "en")
    shown = [at.number_input(key=k) for k in ("rel_low", "rel_high")]
    assert [(n.value, n.format) for n in shown] == [(17.5, "%.1f"), (32.5, "%.1f")]
    assert at.button(key="rel_save_rules").disabled  # nothing edited: nothing to save
    at.number_input(key="rel_high").set_value(30.0).run()
    at.button(key="rel_save_rules").click().run()
    saved = json.loads(_sql(db, "SELECT value FROM settings WHERE name = 'relationship_thresholds'")[0][0])
    assert (saved["low_margin_pct"], saved["high_margin_pct"]) == (0.175, 0.3)
    settings = _run("pages/settings.py", "en")
    shown = [n for n in settings.number_input if str(n.key).startswith(("rel.low", "rel.high"))]
    assert [(n.value, n.format) for n in shown] == [(17.5, "%.1f"), (30.0, "%.1f")]
    assert settings.button(key="rel.save").disabled


def test_a_threshold_saved_in_another_tab_is_kept_by_a_save_that_left_it_alone(db):
    first, second = _run("pages/relationship.py", "en"), _run("pages/relationship.py", "en")  # two tabs
    low, high = first.number_input(key="rel_low").value, first.number_input(key="rel_high").value
    first.number_input(key="rel_low").set_value(17.5).run()
    first.button(key="rel_save_rules").click().run()
    second.number_input(key="rel_high").set_value(high + 1.5).run()  # the high margin only
    assert [w.value for w in second.warning] == [
        "Saved elsewhere (another tab, or someone else) since this page showed it: Relationship thresholds. "
        "Saving here keeps that unless you change the same setting."]
    second.button(key="rel_save_rules").click().run()
    saved = json.loads(_sql(db, "SELECT value FROM settings WHERE name = 'relationship_thresholds'")[0][0])
    assert (saved["low_margin_pct"], saved["high_margin_pct"]) == (0.175, round((high + 1.5) / 100, 6))
    assert low != 17.5
    assert not second.warning  # drawn afresh from what it saved


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_without_owners_the_load_section_says_how_to_get_one(tmp_path, fixtures, monkeypatch, lang):
    con = store.connect(tmp_path / "kamp.duckdb")
    ingest.import_file(con, fixtures / "sales_utf8_bom.csv")  # order lines only: nobody owns an account
    con.close()
    monkeypatch.setenv("KAMP_DB", str(tmp_path / "kamp.duckdb"))
    at = _run("pages/coverage.py", lang)
    assert not at.exception, [e.value for e in at.exception]
    assert [i.value for i in at.info].count(i18n.t("coverage.no_owners", lang)) == 1  # said once
    assert not any({"owner", "load"} <= set(d.value.columns) for d in at.dataframe)  # no empty load table
    assert i18n.t("coverage.owner_load", lang) not in [h.value for h in at.subheader]
    # the hours the five accounts need, and the reps that takes (1,200 h each by default); no hours
    # available, no gap of every hour flagged short, no chart of a capacity of nobody
    models = at.data_editor(key="cov_models").value
    hours = sum(r.accounts * r.hours_per_account for r in models.itertuples() if r.model != "call_centre")
    assert hours > 0
    metrics = _metrics(at)
    assert metrics == {i18n.t("coverage.hours_needed", lang): f"{hours:,.0f}",
                       i18n.t("coverage.reps_needed", lang): f"{-(-hours // 1200):,.0f}",
                       i18n.t("coverage.unowned", lang): "5"}
    assert not [m for m in at.metric if m.proto.delta]
    assert not [c for c in at.get("plotly_chart") if "cov_capacity" in str(c.proto)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_without_a_cost_the_relationship_levels_say_they_need_one(tmp_path, fixtures, monkeypatch, lang):
    # the levels follow the margin: with no cost on any line, a note says what to import, not a table
    # of tiers whose every level counts 0 accounts
    con = store.connect(tmp_path / "kamp.duckdb")
    ingest.import_file(con, fixtures / "sales_utf8_bom.csv")  # no cost column
    con.close()
    monkeypatch.setenv("KAMP_DB", str(tmp_path / "kamp.duckdb"))
    at = _run("pages/relationship.py", lang)
    assert not at.exception, [e.value for e in at.exception]
    assert i18n.t("relationship.no_cost", lang) in [i.value for i in at.info]
    assert not any("no_margin" in d.value.columns for d in at.dataframe)
    # the method's rule table still shows its levels, with no "0 accounts" in every cell
    heat = json.loads(next(c for c in at.get("plotly_chart") if "rel_heatmap" in str(c.proto)).proto.spec)["data"][0]
    cells = [x for row in heat["text"] for x in row]
    assert len(cells) == 9 and not any(i18n.t("chart.rel_n_accounts", lang, n="0") in x for x in cells)


def test_with_a_cost_the_relationship_levels_list_each_tier(db):
    at = _run("pages/relationship.py", "en")
    assert i18n.t("relationship.no_cost", "en") not in [i.value for i in at.info]
    shown = next(d for d in at.dataframe if "no_margin" in d.value.columns)
    levels = shown.value
    formats = {v["type_config"]["format"] for c, v in json.loads(shown.proto.columns).items() if "type_config" in v}
    assert formats == {"%,d"}  # every count with a thousands separator (1,119, as the rest of the app)
    # every demo line is costed: only an account whose net revenue is not positive has no margin % to judge
    none = _sql(db, "SELECT count(*) FROM (SELECT account_id FROM transactions GROUP BY 1 HAVING sum(amount) <= 0)")
    assert levels["tier_accounts"].sum() == 1_200 and levels["no_margin"].sum() == none[0][0]


def test_counts_read_with_thousands_separators(tmp_path, monkeypatch):
    # 2,500 accounts (pagetest.scale_db), none with an owner or a wallet estimate
    monkeypatch.setenv("KAMP_DB", str(scale_db(tmp_path)))
    at = _run("pages/coverage.py", "en")
    assert not at.exception, [e.value for e in at.exception]
    captions = [c.value for c in at.caption]
    assert "2,500 accounts have no sales rep, largest first; select a row to open the account." in captions
    by_tier = next(d for d in at.dataframe if {"owners", "unowned"} <= set(d.value.columns))
    formats = {c: v["type_config"]["format"] for c, v in json.loads(by_tier.proto.columns).items()
               if c in ("accounts", "owners", "unowned")}
    assert formats == {"accounts": "%,d", "owners": "%,d", "unowned": "%,d"}
    assert by_tier.value["unowned"].sum() == 2_500
    assert json.loads(at.data_editor(key="cov_models").proto.columns)["accounts"]["type_config"]["format"] == "%,d"
    # the top tiers' accounts all lack a wallet estimate: more than a thousand of them, said as 1,234
    top = int(by_tier.value["accounts"].iloc[:at.number_input(key="cov_share_tiers").value].sum())
    assert top >= 1_000
    assert any(c.startswith(f"{top:,} top-tier accounts are steered by revenue only because") for c in captions)


SOW_HEADERS = {"zh": ["客户编号", "名称", "级别", "近 12 个月收入（万）", "采购总额估计（万）", "钱包份额（%）", "完成率（%）",
                      "距目标差额（万）"],
               "en": ["Account", "Name", "Tier", "Revenue, last 12 months", "Wallet estimate", "Share of wallet (%)",
                      "Attainment (%)", "Revenue to target"]}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_downloaded_goal_list_names_each_account_by_id_and_its_units(lang, db, monkeypatch):
    import io

    import pandas as pd
    from pagetest import downloaded, record_downloads

    recipes = record_downloads(monkeypatch)
    at = _run("pages/coverage.py", lang)
    assert not at.exception
    data = downloaded(recipes["cov_sow_list.csv"])
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads the Chinese
    got = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype={SOW_HEADERS[lang][0]: str})
    assert list(got.columns) == SOW_HEADERS[lang]
    # every top-two-tier account with a wallet estimate, by its id
    listed = _sql(db, """SELECT s.account_id, a.name, s.tier, s.revenue_12m, a.wallet_estimate FROM account_table_store s
                         JOIN accounts a USING (account_id)
                         WHERE a.wallet_estimate > 0 AND s.tier IN ('Major', 'Named')""")
    assert set(got.iloc[:, 0]) == {row[0] for row in listed}
    # the largest: 12-month revenue and wallet in 万 on the Chinese page (the demo's money units),
    # in full on the English one; its share of wallet a percentage to two decimals
    account, name, tier, revenue, wallet = max(listed, key=lambda row: row[3])
    row = got[got.iloc[:, 0] == account].iloc[0]
    scale = 1e4 if lang == "zh" else 1
    assert row.iloc[1] == name
    assert row.iloc[2] == ({"Major": "重要客户", "Named": "次重要客户"}[tier] if lang == "zh" else tier)
    assert row.iloc[3] == pytest.approx(round(revenue / scale, 2), abs=0.001)
    assert row.iloc[4] == pytest.approx(round(wallet / scale, 2), abs=0.001)
    assert row.iloc[5] == pytest.approx(round(revenue / wallet * 100, 2), abs=0.001)
