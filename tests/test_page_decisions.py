"""The Scorecards and Strategy matrices pages, headless (AppTest) on a copy of the demo database."""
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from pagetest import open_page
from streamlit.testing.v1 import AppTest

from kamp import i18n



@pytest.fixture(scope="module")
def db(demo_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("decisions") / "kamp.duckdb"
    shutil.copy(demo_db, path)
    return path


def _run(page: str, lang: str, db: Path, monkeypatch) -> AppTest:
    monkeypatch.setenv("KAMP_DB", str(db))
    return open_page(page, lang)


def _frame_with(at: AppTest, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page,title", [("pages/scorecards.py", "card.title"), ("pages/matrices.py", "matrix.title")])
def test_decision_pages_render(page, title, lang, db, monkeypatch):
    at = _run(page, lang, db, monkeypatch)
    assert at.title[0].value == i18n.t(title, lang)


def test_industry_scorecard_reproduces_the_seed_rows(db, monkeypatch):
    """Seed 004's industry table, scored on the page: 政府 42, 教育 32, 金融 28 as printed, and
    电信 44 (the seed prints 46 but its eight scores add up to 44)."""
    at = _run("pages/scorecards.py", "en", db, monkeypatch)
    at.selectbox(key="card_template").select("Industry attractiveness").run()
    assert not at.exception, [e.value for e in at.exception]
    ranking = _frame_with(at, "total").set_index("label")["total"]
    assert ranking["政府"] == 42 and ranking["教育"] == 32 and ranking["金融"] == 28 and ranking["电信"] == 44
    # ★ = total at or above the mean of the ten demo industries' totals
    stars = _frame_with(at, "selected").set_index("label")["selected"]
    mean = ranking.mean()
    assert set(stars[stars == "★"].index) == set(ranking[ranking >= mean].index)


def test_key_account_selection_ranks_the_judged_accounts(db, monkeypatch):
    """The demo's managers judged their 30 largest accounts; the page ranks exactly those,
    best first, and the ★ cut is their mean total."""
    with duckdb.connect(str(db)) as con:
        judged = {a for (a,) in con.execute(
            "SELECT DISTINCT entity FROM scorecard_scores WHERE template = 'Key-account selection'").fetchall()}
    at = _run("pages/scorecards.py", "en", db, monkeypatch)
    ranking = _frame_with(at, "total")
    assert {label.split(" · ")[0] for label in ranking["label"]} == judged
    assert list(ranking["rank"]) == sorted(ranking["rank"])
    metrics = {m.label: m.value for m in at.metric}
    assert float(metrics["★ cut (total)"]) == pytest.approx(ranking["total"].mean(), rel=1e-3)


def test_strategy_matrix_places_every_account_with_a_wallet_estimate(db, monkeypatch):
    with duckdb.connect(str(db)) as con:
        with_wallet, total = con.execute(
            "SELECT count(*) FILTER (WHERE wallet_estimate > 0), count(*) FROM accounts "
            "WHERE account_id IN (SELECT account_id FROM transactions)").fetchone()
    at = _run("pages/matrices.py", "en", db, monkeypatch)
    placed = next(c.value for c in at.caption if "accounts have both scores" in c.value)
    assert placed.startswith(f"{with_wallet:,} of {total:,} accounts")
    summary = _frame_with(at, "revenue_share")
    assert summary["accounts"].sum() == with_wallet


@pytest.mark.parametrize("lang,label", [("en", "Market leader"), ("zh", "市场领导")])
def test_the_judgement_grid_names_each_criterion_in_the_page_language(db, monkeypatch, lang, label):
    # the key-account template's "Market leader / 市场领导" (kamp/scorecard_templates.csv), a column of the grid
    # the managers score in
    import json

    at = _run("pages/scorecards.py", lang, db, monkeypatch)
    grid = next(d for d in at.dataframe if "Market leader" in d.value.columns)
    assert json.loads(grid.proto.columns)["Market leader"]["label"] == label


def test_the_quadrant_table_names_its_share_column_short_and_shows_it_as_a_percentage(db, monkeypatch):
    import json

    at = _run("pages/matrices.py", "en", db, monkeypatch)
    table = next(d for d in at.dataframe if "current_share" in d.value.columns)
    config = json.loads(table.proto.columns)
    assert config["current_share"]["label"] == "Share"  # "Share of current value" did not fit its column
    assert config["current_share"]["type_config"]["format"] == "%.1f%%"
    # the quadrants' values run from tens of millions to billions: in M, named in the header (not "305K")
    assert (config["current"]["label"], config["current"]["type_config"]["format"]) == ("Current value (M)", "%,.2f")
    shares = table.value["current_share"]
    assert shares.sum() == pytest.approx(100, abs=0.05) and (shares >= 0).all()  # percentages, not fractions


def test_the_value_potential_quadrants_can_take_a_scorecard_as_the_potential(db, monkeypatch):
    # SPEC "Value matrices": potential from the wallet estimate, growth or a scorecard. The customer-value
    # card's potential group alone (growth 8 and share-of-wallet gap 8, each 1 + 9 × its percentile,
    # unscored as the neutral 5.5), not its current-value group: the high half by that score is the
    # high-potential half, and the choice stays in the address.
    from kamp import store
    from kamp.kept_accounts import KeptAccounts
    from kamp.scorecard_features import percentile_scores

    at = _run("pages/matrices.py", "en", db, monkeypatch)
    at.selectbox(key="potential_by").set_value("Customer value scorecard").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["potential"] in ("Customer value scorecard", ["Customer value scorecard"])
    assert any("the Customer value scorecard's potential criteria alone" in c.value for c in at.caption)
    quadrants = next(d.value for d in at.dataframe if "current_share" in d.value.columns).set_index("quadrant")
    con = store.connect(db)
    try:
        table = KeptAccounts(con).frame(con)
    finally:
        con.close()
    gap = (table["wallet_estimate"] - table["revenue_12m"]).clip(lower=0)
    score = 8 * percentile_scores(table["growth_12m"]).fillna(5.5) + 8 * percentile_scores(gap).fillna(5.5)
    assert quadrants["accounts"].sum() == len(table)
    high = quadrants.loc[[i18n.t("quadrant.small_high", "en"), i18n.t("quadrant.large_high", "en")], "accounts"].sum()
    assert high == (score.rank(method="average", pct=True) > 0.5).sum()


def _box(at: AppTest, label: str):
    return next(w for w in at.text_input if w.label == label)


def test_the_template_name_follows_the_chosen_template_and_another_is_replaced_only_when_ticked(demo_copy):
    # the names of Industry attractiveness / 行业选择标准 (kamp/scorecard_templates.csv), not those of the
    # Key-account selection the page opened on
    at = open_page("pages/scorecards.py", "en")
    at.selectbox(key="card_template").select("Industry attractiveness").run()
    assert (_box(at, "Template name").value, _box(at, "Chinese name").value) == ("Industry attractiveness", "行业选择标准")
    assert not at.checkbox  # its own name: nothing to confirm
    _box(at, "Template name").set_value("Key-account selection").run()
    save = at.button(key="save_template")
    assert save.disabled
    tick = next(c for c in at.checkbox if "Key-account selection" in c.label)
    assert tick.label.startswith("Replace the template “Key-account selection”")
    tick.check().run()
    at.button(key="save_template").click().run()
    assert not at.exception, [e.value for e in at.exception]
    with duckdb.connect(str(demo_copy)) as con:
        assert con.execute("SELECT entity FROM scorecard_templates WHERE name = 'Key-account selection'"
                           ).fetchall() == [("industry",)]


def test_saving_a_template_under_its_own_name_asks_nothing(demo_copy):
    at = open_page("pages/scorecards.py", "en")
    at.selectbox(key="card_template").select("Industry attractiveness").run()
    at.button(key="save_template").click().run()
    assert [t.value for t in at.toast] == ["Template “Industry attractiveness” saved."]
    with duckdb.connect(str(demo_copy)) as con:
        assert con.execute("SELECT name FROM scorecard_templates").fetchall() == [("Industry attractiveness",)]


def _judged(db: Path, template: str, criterion: str) -> int:
    with duckdb.connect(str(db)) as con:
        return con.execute("SELECT count(*) FROM scorecard_scores WHERE template = ? AND criterion = ? "
                           "AND score IS NOT NULL", [template, criterion]).fetchone()[0]


def test_an_edited_bundled_template_is_put_back_once_ticked(demo_copy):
    from kamp import store
    from kamp.scorecard import BUNDLED
    from kamp.scorecard_store import save_scores, save_template

    name = "Customer value scorecard"
    satisfied = _judged(demo_copy, name, "Satisfaction")
    con = store.connect(demo_copy)
    edited = [c for c in BUNDLED[name]["criteria"] if c["criterion"] != "Satisfaction"]
    save_template(con, {**BUNDLED[name], "criteria": [*edited, {"criterion": "Responsiveness", "weight": 5}]})
    save_scores(con, name, pd.DataFrame({"Responsiveness": [7, 9]}, index=["x1", "x2"]))
    con.close()
    at = open_page("pages/scorecards.py", "en")
    assert not [b for b in at.button if b.key == "reset_template"]  # Key-account selection: as bundled
    at.selectbox(key="card_template").select(name).run()
    tick = next(c for c in at.checkbox if c.label.startswith("Put “Customer value scorecard” back"))
    assert tick.label == ("Put “Customer value scorecard” back to its 8 bundled criteria: its scores on criteria "
                          "of the same name stay, 2 scores on criteria it no longer has are deleted.")
    assert at.button(key="reset_template").disabled
    tick.check().run()
    at.button(key="reset_template").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.toast] == [
        "“Customer value scorecard” is back to its bundled criteria; 2 scores on other criteria deleted."]
    assert len(next(d for d in at.dataframe if "Complaint handling" in d.value.columns).value.columns) == 4
    assert _judged(demo_copy, name, "Satisfaction") == satisfied and _judged(demo_copy, name, "Responsiveness") == 0


def test_a_template_of_ones_own_is_deleted_once_ticked(demo_copy):
    from kamp import store
    from kamp.scorecard_store import save_scores, save_template

    con = store.connect(demo_copy)
    save_template(con, {"name": "Ours", "criteria": [{"criterion": "Fit", "weight": 3}]})
    save_scores(con, "Ours", pd.DataFrame({"Fit": [4, 5, 6]}, index=["x1", "x2", "x3"]))
    con.close()
    at = open_page("pages/scorecards.py", "en")
    at.selectbox(key="card_template").select("Ours").run()
    tick = next(c for c in at.checkbox if c.label.startswith("Delete"))
    assert tick.label == "Delete “Ours” and its 3 saved scores: they cannot be brought back."
    tick.check().run()
    at.button(key="reset_template").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.toast] == ["Template “Ours” deleted, with its 3 scores."]
    assert at.selectbox(key="card_template").value == "Key-account selection"
    assert "Ours" not in at.selectbox(key="card_template").options
    assert _judged(demo_copy, "Ours", "Fit") == 0


def _scored(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == "Scored")


def test_a_criterion_renamed_in_the_editor_keeps_its_scores(demo_copy):
    # Customer value scorecard, kamp/scorecard_templates.csv: Satisfaction is its sixth criterion (row 5)
    name = "Customer value scorecard"
    satisfied = _judged(demo_copy, name, "Satisfaction")
    at = open_page("pages/scorecards.py", "en")
    at.selectbox(key="card_template").select(name).run()
    scored = _scored(at)
    at.session_state[f"criteria_{name}"] = {"edited_rows": {"5": {"criterion": "Client satisfaction"}},
                                            "added_rows": [], "deleted_rows": []}
    at.run()
    grid = next(d.value for d in at.dataframe if "Complaint handling" in d.value.columns)
    assert grid["Client satisfaction"].notna().sum() == satisfied and "Satisfaction" not in grid.columns
    assert not at.warning  # no score is left behind
    at.button(key="save_template").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert _judged(demo_copy, name, "Client satisfaction") == satisfied and _judged(demo_copy, name, "Satisfaction") == 0
    assert _scored(at) == scored


def test_a_criterion_taken_out_in_the_editor_says_how_many_scores_it_leaves_behind(demo_copy):
    # Complaint handling is the Customer value scorecard's eighth criterion (row 7)
    name = "Customer value scorecard"
    complaints = _judged(demo_copy, name, "Complaint handling")
    at = open_page("pages/scorecards.py", "en")
    at.selectbox(key="card_template").select(name).run()
    at.session_state[f"criteria_{name}"] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [7]}
    at.run()
    assert [w.value for w in at.warning] == [
        f"{complaints} saved scores are on criteria no longer in this list: once the template is saved they no "
        "longer count (until a criterion of that name comes back)."]


def test_scores_of_a_criterion_added_in_the_editor_wait_for_the_template_to_be_saved(demo_copy):
    name = "Customer value scorecard"
    at = open_page("pages/scorecards.py", "en")
    at.selectbox(key="card_template").select(name).run()
    at.session_state[f"criteria_{name}"] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [
        {"criterion": "Responsiveness", "weight": 5, "direction": "+", "method": "judgement"}]}
    at.run()
    grid = next(d.value for d in at.dataframe if "Responsiveness" in d.value.columns)
    first = grid.index[0]
    at.session_state[f"grid_{name}_{len(grid)}"] = {"edited_rows": {"0": {"Responsiveness": 8, "Satisfaction": 3}},
                                                    "added_rows": [], "deleted_rows": []}
    at.run()
    assert [i.value for i in at.info] == ["1 criterion is not in the saved template yet (Responsiveness): save the "
                                          "template (Criteria tab) first, then the scores. What you enter here stays "
                                          "until then."]
    assert at.button(key="save_scores").disabled
    at.button(key="save_template").click().run()
    assert not at.info and not at.button(key="save_scores").disabled
    at.button(key="save_scores").click().run()
    assert not at.exception and not at.error, [e.value for e in [*at.exception, *at.error]]
    assert [t.value for t in at.toast] == ["2 changed scores saved."]  # the two typed in, not the whole grid
    with duckdb.connect(str(demo_copy)) as con:
        latest = dict(con.execute(
            """SELECT criterion, score FROM scorecard_scores WHERE template = ? AND entity = ?
               QUALIFY row_number() OVER (PARTITION BY criterion ORDER BY saved_at DESC, rowid DESC) = 1""",
            [name, first]).fetchall())
    assert latest["Responsiveness"] == 8 and latest["Satisfaction"] == 3
