"""Weighted scorecards: the seed's worked rows, normalisation, ranks, ★, sensitivity, templates,
storage and the ``scorecard`` command."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamp import cli, scorecard, scorecard_features, scorecard_files, scorecard_store, store
from kamp import scorecard_portfolio as portfolio
from kamp.scorecard import BUNDLED, score, sensitivity

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "samples"
INDUSTRY = BUNDLED["Industry attractiveness"]
ORDER = ["Market size", "Growth", "Customer awareness", "Competition", "Implementation difficulty",
         "Funding and credit", "Customer relationship", "Policy support"]
# Seed 004, 行业选择标准, as printed (the '−' criteria printed with their sign).
SEED_ROWS = {"政府 Government": [9, 7, 7, -3, -3, 9, 7, 9],
             "教育 Education": [9, 5, 5, -5, -3, 7, 5, 9],
             "金融 Finance": [9, 3, 9, -9, -7, 9, 7, 7]}
SEED_TOTALS = {"政府 Government": 42, "教育 Education": 32, "金融 Finance": 28}


def seed_frame(rows=SEED_ROWS) -> pd.DataFrame:
    return pd.DataFrame.from_dict(rows, orient="index", columns=ORDER)


def crit(*rows) -> list[dict]:
    """Criteria from (name, weight, direction) tuples."""
    return [{"criterion": n, "weight": w, "direction": d} for n, w, d in rows]


def test_the_seeds_industry_rows_come_out_as_printed():
    out = score(INDUSTRY, seed_frame()).set_index("entity")
    assert out["total"].to_dict() == SEED_TOTALS
    assert list(out["rank"]) == [1, 2, 3]


def test_magnitudes_on_minus_criteria_give_the_same_totals():
    out = score(INDUSTRY, seed_frame().abs()).set_index("entity")
    assert out["total"].to_dict() == SEED_TOTALS


def test_the_bundled_templates_are_valid_and_bilingual():
    assert set(BUNDLED) == {"Key-account selection", "Industry attractiveness", "Customer value scorecard"}
    for t in BUNDLED.values():
        frame = scorecard.criteria_frame(t)
        assert t["name_zh"] and frame["criterion_zh"].str.len().gt(0).all() and frame["group_zh"].str.len().gt(0).all()
    industry = scorecard.criteria_frame(INDUSTRY)
    assert list(industry["criterion"]) == ORDER
    assert list(industry["criterion_zh"]) == ["市场容量", "增长速度", "客户认知度", "竞争程度", "实施难易程度",
                                              "资金与信用", "客户关系", "政策支持"]
    assert list(industry.loc[industry["direction"] == "-", "criterion"]) == ["Competition", "Implementation difficulty"]

# Seed 004, 大客户选择标准: "Weight 8 8 8 8 6 10 10 10 10 8 8 / 8 6 6 6 6 6 8" against Market
# Perception(市场敏感度) "Market leader … Technical leader … Good market reputation … New Market
# pilot", Value to S**(S**价值) "platform potential … Values innovation … Effect on major
# competitors … Brand value(品牌价值) … Upgrade our performance(提升我们的绩效)", Relationship(关
# 系与文化) "Cultural fit … Long-term partnership … Existing executive relationships" and
# Corporate alignment (合作联盟), whose six rows (6 6 6 6 6 8) the seed does not name: one
# criterion, weighted 6 as five of its six rows are.
KEY_ACCOUNT_WEIGHTS = [
    ("Market perception", "Market leader", 8), ("Market perception", "Technical leader", 8),
    ("Market perception", "Market reputation", 8), ("Market perception", "New-market pilot / future potential", 8),
    ("Value to us", "Platform potential", 6), ("Value to us", "Value innovation and value-adding solutions", 10),
    ("Value to us", "Effect on major competitors", 10), ("Value to us", "Brand value", 10),
    ("Value to us", "Upgrade our performance", 10),
    ("Relationship", "Cultural fit", 8), ("Relationship", "Long-term partnership", 8),
    ("Relationship", "Existing executive relationships", 8),
    ("Corporate alignment", "Corporate alignment", 6)]


def test_the_key_account_template_weighs_as_the_seed_prints():
    frame = scorecard.criteria_frame(BUNDLED["Key-account selection"])
    assert list(frame[["group", "criterion", "weight"]].itertuples(index=False, name=None)) == KEY_ACCOUNT_WEIGHTS
    assert set(frame.loc[frame["group"] == "Value to us", "group_zh"]) == {"对我方的价值"}


def test_a_database_without_its_own_copy_scores_with_the_seeds_weights():
    import duckdb

    con = duckdb.connect()
    con.execute(store._SCHEMA)
    assert scorecard_store.load_template(con, "Key-account selection") == BUNDLED["Key-account selection"]
    # a copy saved with other weights stays as saved until it is reset, its scores kept
    flat = {**BUNDLED["Key-account selection"],
            "criteria": [{**c, "weight": 5} for c in BUNDLED["Key-account selection"]["criteria"]]}
    scorecard_store.save_template(con, flat)
    scorecard_store.save_scores(con, "Key-account selection", pd.DataFrame({"Brand value": [7]}, index=["A1"]))
    assert {c["weight"] for c in scorecard_store.load_template(con, "Key-account selection")["criteria"]} == {5}
    assert scorecard_store.reset_template(con, "Key-account selection") == 0
    reset = scorecard.criteria_frame(scorecard_store.load_template(con, "Key-account selection"))
    assert list(reset[["group", "criterion", "weight"]].itertuples(index=False, name=None)) == KEY_ACCOUNT_WEIGHTS
    assert scorecard_store.load_scores(con, "Key-account selection").loc["A1", "Brand value"] == 7



def test_normalised_score_by_hand():
    # weights 2 (+) and 1 (−): lo = 2·1 − 1·10 = −8, hi = 2·10 − 1·1 = 19, range 27
    c = crit(("a", 2, "+"), ("b", 1, "-"))
    s = pd.DataFrame({"a": [1, 10, 5], "b": [10, 1, 4]}, index=["worst", "best", "mid"])
    out = score(c, s).set_index("entity")
    assert out.loc["worst", "score_0_100"] == pytest.approx(0)
    assert out.loc["best", "score_0_100"] == pytest.approx(100)
    assert out.loc["mid", "total"] == 6  # 2·5 − 4
    assert out.loc["mid", "score_0_100"] == pytest.approx(100 * 14 / 27)
    # the seed's government row: lo = 6 − 20 = −14, hi = 60 − 2 = 58 → (42 + 14) / 72
    gov = score(INDUSTRY, seed_frame()).set_index("entity").loc["政府 Government", "score_0_100"]
    assert gov == pytest.approx(100 * 56 / 72)


def test_ties_share_the_smallest_rank():
    s = pd.DataFrame({"a": [5, 9, 9, 1, 5]}, index=list("pqrst"))
    out = score(crit(("a", 3, "+")), s)
    assert list(out["rank"]) == [3, 1, 1, 5, 3]


def test_star_at_or_above_the_mean_or_a_threshold():
    s = pd.DataFrame({"a": [2, 4, 6, 8, 5]}, index=list("vwxyz"))  # mean 5: z sits exactly on it
    out = score(crit(("a", 1, "+")), s)
    assert list(out["selected"]) == [False, False, True, True, True]
    assert out.attrs["cut"] == 5
    out = score(crit(("a", 1, "+")), s, threshold=6)
    assert list(out["selected"]) == [False, False, True, True, False]
    # the seed marks its rows against 平均分 29.1: 42 and 32 reach it, 28 does not
    seed = score(INDUSTRY, seed_frame(), threshold=29.1).set_index("entity")["selected"]
    assert seed.to_dict() == {"政府 Government": True, "教育 Education": True, "金融 Finance": False}


def test_equal_non_integer_totals_all_reach_their_mean():
    s = pd.DataFrame({"a": [1.1, 1.1, 1.1]}, index=list("abc"))  # 0.1·3/3 is not exactly 0.1 in floats
    assert score(crit(("a", 1, "+")), s)["selected"].all()


def test_a_missing_score_is_an_error_or_unscored():
    s = seed_frame()
    s.loc["教育 Education", "Growth"] = np.nan
    with pytest.raises(ValueError, match=r"教育 Education.*Growth"):
        score(INDUSTRY, s)
    out = score(INDUSTRY, s, missing="unscored").set_index("entity")
    assert np.isnan(out.loc["教育 Education", "total"]) and pd.isna(out.loc["教育 Education", "rank"])
    assert not out.loc["教育 Education", "selected"]
    assert out.loc["政府 Government", "rank"] == 1 and out.loc["金融 Finance", "rank"] == 2
    assert out.attrs["cut"] == 35  # mean of 42 and 28 only


@pytest.mark.parametrize("column, value, message", [
    ("Growth", 11, r"Growth.*11.*outside 1–10"),
    ("Growth", -11, r"Growth.*-11.*outside 1–10"),
    ("Competition", 0, r"Competition.*outside 1–10"),
    ("Growth", "high", r"Growth.*'high'.*not a number"),
])
def test_a_bad_score_names_entity_criterion_and_value(column, value, message):
    s = seed_frame().astype(object)
    s.loc["金融 Finance", column] = value
    with pytest.raises(ValueError, match=message) as err:
        score(INDUSTRY, s)
    assert "金融 Finance" in str(err.value)


def test_an_unknown_score_column_or_a_repeated_entity_is_an_error():
    with pytest.raises(ValueError, match="unknown criterion column 'Size'"):
        score(INDUSTRY, seed_frame().rename(columns={"Market size": "Size"}))
    with pytest.raises(ValueError, match="'金融 Finance' appears more than once"):
        score(INDUSTRY, pd.concat([seed_frame(), seed_frame().iloc[[2]]]))


@pytest.mark.parametrize("change, message", [
    ({"weight": 0}, r"'x': weight '0'"),
    ({"weight": 11}, r"'x': weight '11'"),
    ({"weight": 2.5}, r"'x': weight '2.5'"),
    ({"weight": "heavy"}, r"'x': weight 'heavy'"),
    ({"direction": "up"}, r"'x': direction 'up'"),
    ({"method": "vibes"}, r"'x': method 'vibes'"),
    ({"method": "percentile"}, r"'x': method 'percentile' needs a feature"),
])
def test_template_validation_names_the_criterion_and_the_value(change, message):
    with pytest.raises(ValueError, match=message):
        scorecard.criteria_frame([{"criterion": "x", "weight": 5, "direction": "+", **change}])


def test_template_validation_rejects_duplicates_and_empty_templates():
    with pytest.raises(ValueError, match="'x' appears more than once"):
        scorecard.criteria_frame(crit(("x", 1, "+"), ("x", 2, "-")))
    with pytest.raises(ValueError, match="at least one criterion"):
        scorecard.criteria_frame([])
    assert list(scorecard.criteria_frame(crit(("x", 1, "−")))["direction"]) == ["-"]  # the minus sign reads as '-'


def test_no_perturbation_keeps_every_rank_and_star():
    out = sensitivity(INDUSTRY, seed_frame(), pct=0, n_draws=50, random_state=1)
    assert (out["min_rank"] == out["base_rank"]).all() and (out["max_rank"] == out["base_rank"]).all()
    assert set(out["p_selected"]) <= {0.0, 1.0}
    base = score(INDUSTRY, seed_frame())
    assert list(out["p_selected"] == 1.0) == list(base["selected"])


def test_a_dominant_entity_stays_first_under_large_perturbation():
    c = crit(("a", 5, "+"), ("b", 3, "+"), ("c", 2, "-"))
    s = pd.DataFrame({"a": [10, 4, 5, 3], "b": [10, 5, 3, 6], "c": [1, 5, 6, 4]}, index=["top", "p", "q", "r"])
    out = sensitivity(c, s, pct=90, n_draws=2000, random_state=7).set_index("entity")
    assert (out.loc["top", "min_rank"], out.loc["top", "max_rank"], out.loc["top", "p_selected"]) == (1, 1, 1.0)
    assert out.loc[["p", "q", "r"], "max_rank"].max() > out.loc[["p", "q", "r"], "min_rank"].min()  # the rest move


def test_sensitivity_is_reproducible_and_checks_its_arguments():
    a = sensitivity(INDUSTRY, seed_frame(), pct=50, n_draws=300, random_state=3)
    b = sensitivity(INDUSTRY, seed_frame(), pct=50, n_draws=300, random_state=3)
    pd.testing.assert_frame_equal(a, b)
    with pytest.raises(ValueError, match="pct"):
        sensitivity(INDUSTRY, seed_frame(), pct=100)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_property_scores_in_0_100_and_one_rank_each(data):
    k = data.draw(st.integers(1, 6))
    c = [{"criterion": f"c{i}", "weight": data.draw(st.integers(1, 10)), "direction": data.draw(st.sampled_from("+-"))}
         for i in range(k)]
    n = data.draw(st.integers(1, 12))
    values = data.draw(st.lists(st.lists(st.floats(1, 10), min_size=k, max_size=k), min_size=n, max_size=n))
    s = pd.DataFrame(values, columns=[f"c{i}" for i in range(k)], index=[f"e{j}" for j in range(n)])
    out = score(c, s)
    assert out["score_0_100"].between(-1e-9, 100 + 1e-9).all()
    assert len(out) == n and out["rank"].notna().all() and out["rank"].between(1, n).all()
    assert out["selected"].any()  # the best total always reaches the mean
    sens = sensitivity(c, s, pct=30, n_draws=20, random_state=0)
    assert (sens["min_rank"] <= sens["base_rank"]).all() and (sens["base_rank"] <= sens["max_rank"]).all()


@given(st.data())
def test_property_raising_a_plus_score_never_lowers_the_total(data):
    k = data.draw(st.integers(1, 6))
    c = [{"criterion": f"c{i}", "weight": data.draw(st.integers(1, 10)), "direction": data.draw(st.sampled_from("+-"))}
         for i in range(k)]
    plus = [i for i, x in enumerate(c) if x["direction"] == "+"]
    if not plus:
        c[0]["direction"], plus = "+", [0]
    row = data.draw(st.lists(st.integers(1, 10), min_size=k, max_size=k))
    j = data.draw(st.sampled_from(plus))
    higher = row.copy()
    higher[j] = data.draw(st.integers(row[j], 10))
    frame = pd.DataFrame([row, higher], columns=[f"c{i}" for i in range(k)], index=["before", "after"])
    totals = score(c, frame).set_index("entity")["total"]
    assert totals["after"] >= totals["before"]


def test_templates_and_scores_survive_a_reconnect(tmp_path):
    db = tmp_path / "k.duckdb"
    con = store.connect(db)
    edited = {**INDUSTRY, "name": "Industry (ours)", "name_zh": "行业（我们的）",
              "criteria": [{**c, "weight": 2} if c["criterion"] == "Growth" else c for c in INDUSTRY["criteria"]]}
    scorecard_store.save_template(con, edited, author="li")
    with pytest.raises(ValueError, match="weight"):
        scorecard_store.save_template(con, {**edited, "criteria": crit(("x", 20, "+"))})
    scorecard_store.save_scores(con, "Industry (ours)", seed_frame(), author="li")
    second = seed_frame().loc[["金融 Finance"]].copy()
    second["Growth"] = 4
    scorecard_store.save_scores(con, "Industry (ours)", second[["Growth"]], author="wang")
    with pytest.raises(ValueError, match="outside 1–10"):
        scorecard_store.save_scores(con, "Industry (ours)", second.assign(Growth=12))
    con.close()

    con = store.connect(db)
    listed = scorecard_store.list_templates(con).set_index("name")
    assert listed.loc["Industry (ours)", "source"] == "stored" and listed.loc["Industry (ours)", "criteria"] == 8
    assert listed.loc["Industry attractiveness", "source"] == "bundled" and len(listed) == 4
    loaded = scorecard_store.load_template(con, "Industry (ours)")
    assert loaded["name_zh"] == "行业（我们的）"
    assert scorecard.criteria_frame(loaded).set_index("criterion").loc["Growth", "weight"] == 2
    scores = scorecard_store.load_scores(con, "Industry (ours)")
    assert list(scores.columns) == ORDER
    assert scores.loc["金融 Finance", "Growth"] == 4 and scores.loc["金融 Finance", "Competition"] == 9
    totals = score(loaded, scores).set_index("entity")["total"]
    assert totals.to_dict() == {"政府 Government": 49, "教育 Education": 37, "金融 Finance": 33}  # + Growth once more
    with pytest.raises(ValueError, match="no scorecard template 'nope'"):
        scorecard_store.load_template(con, "nope")
    con.close()


def test_a_stored_copy_replaces_the_bundled_template():
    import duckdb

    con = duckdb.connect()
    con.execute(store._SCHEMA)
    scorecard_store.save_template(con, {**INDUSTRY, "criteria": INDUSTRY["criteria"][:3]})
    assert len(scorecard.criteria_frame(scorecard_store.load_template(con, "Industry attractiveness"))) == 3
    listed = scorecard_store.list_templates(con)
    assert (listed["name"] == "Industry attractiveness").sum() == 1 and len(listed) == 3


def test_a_criterion_renamed_in_place_keeps_its_scores():
    import duckdb

    con = duckdb.connect()
    con.execute(store._SCHEMA)
    name = "Industry attractiveness"
    scorecard_store.save_scores(con, name, seed_frame())
    names = {"Growth": "Market growth", "Market size": "Size"}
    renamed = [{**c, "criterion": names.get(c["criterion"], c["criterion"])} for c in INDUSTRY["criteria"]]
    preview = scorecard_store.load_scores(con, name, names)  # what the page shows before the save
    scorecard_store.save_template(con, {**INDUSTRY, "criteria": renamed}, renamed={**names, "Nowhere": "Else"})
    scores = scorecard_store.load_scores(con, name)
    pd.testing.assert_frame_equal(scores, preview)
    pd.testing.assert_frame_equal(scorecard_store.load_scores(con, name, names), preview)  # once saved, no move
    assert list(scores.columns) == ["Size", "Market growth", *ORDER[2:]]
    assert list(scores["Market growth"]) == [7, 5, 3] and list(scores["Size"]) == [9, 9, 9]  # seed 004's columns
    totals = score(scorecard_store.load_template(con, name), scores).set_index("entity")["total"]
    assert totals.to_dict() == SEED_TOTALS
    assert scorecard_store.scores_off(con, name, [n for n in ORDER if n not in names]) == 6

    # two names swapped in one save: each keeps its own scores
    swapped = [{**c, "criterion": {"Size": "Competition", "Competition": "Size"}.get(c["criterion"], c["criterion"])}
               for c in renamed]
    scorecard_store.save_template(con, {**INDUSTRY, "criteria": swapped},
                                  renamed={"Size": "Competition", "Competition": "Size"})
    scores = scorecard_store.load_scores(con, name)
    assert list(scores["Competition"]) == [9, 9, 9] and list(scores["Size"]) == [3, 5, 9]  # |−3|, |−5|, |−9|


def test_scores_on_a_criterion_the_saved_template_lacks_keep_nothing_and_say_to_save_it():
    import duckdb

    con = duckdb.connect()
    con.execute(store._SCHEMA)
    name = "Industry attractiveness"
    scorecard_store.save_scores(con, name, seed_frame())
    entered = seed_frame().assign(Growth=1, Talent=8)  # Talent: added in the editor, not saved
    assert scorecard_store.unsaved_criteria(con, name, list(entered.columns)) == ["Talent"]
    with pytest.raises(ValueError, match="criterion 'Talent' is not in the saved template 'Industry attractiveness': "
                                         "save the template first, then the scores"):
        scorecard_store.save_scores(con, name, entered)
    assert list(scorecard_store.load_scores(con, name)["Growth"]) == [7, 5, 3]  # as before: nothing saved
    scorecard_store.save_template(con, {**INDUSTRY, "criteria": [*INDUSTRY["criteria"], *crit(("Talent", 3, "+"))]})
    assert scorecard_store.save_scores(con, name, entered) == 6  # the three Growth scores changed, three Talent new
    scores = scorecard_store.load_scores(con, name)
    assert list(scores["Growth"]) == [1, 1, 1] and list(scores["Talent"]) == [8, 8, 8]


def test_a_bundled_template_resets_to_its_criteria_keeping_the_scores_they_share():
    import duckdb

    con = duckdb.connect()
    con.execute(store._SCHEMA)
    name = "Industry attractiveness"
    scorecard_store.save_scores(con, name, seed_frame())  # 3 industries × 8 criteria, Policy support 9, 9, 7
    edited = [c for c in INDUSTRY["criteria"] if c["criterion"] != "Policy support"] + crit(("Talent", 3, "+"))
    scorecard_store.save_template(con, {**INDUSTRY, "criteria": edited})
    scorecard_store.save_scores(con, name, pd.DataFrame({"Talent": [6, 4, 8], "Growth": [2, 2, 2]},
                                                        index=list(SEED_ROWS)))
    assert scorecard_store.scores_off(con, name, ORDER) == 3  # the three Talent scores

    assert scorecard_store.reset_template(con, name) == 3
    assert scorecard_store.list_templates(con).set_index("name").loc[name, "source"] == "bundled"
    assert scorecard_store.load_template(con, name) == INDUSTRY
    scores = scorecard_store.load_scores(con, name)
    assert list(scores.columns) == ORDER  # Policy support's scores back with its criterion, Talent's gone
    assert list(scores["Policy support"]) == [9, 9, 7] and list(scores["Growth"]) == [2, 2, 2]
    assert con.execute("SELECT count(*) FROM scorecard_scores WHERE criterion = 'Talent'").fetchone()[0] == 0
    with pytest.raises(ValueError, match="'Industry \\(ours\\)' is not a bundled template"):
        scorecard_store.reset_template(con, "Industry (ours)")


def test_a_template_of_ones_own_is_deleted_with_its_scores():
    import duckdb

    con = duckdb.connect()
    con.execute(store._SCHEMA)
    ours = {**INDUSTRY, "name": "Industry (ours)"}
    scorecard_store.save_template(con, ours)
    scorecard_store.save_scores(con, "Industry (ours)", seed_frame())  # 24 scores
    scorecard_store.save_scores(con, "Industry (ours)", pd.DataFrame({"Growth": [4]}, index=["金融 Finance"]))
    scorecard_store.save_scores(con, "Industry attractiveness", seed_frame())  # another template's, untouched
    assert scorecard_store.delete_template(con, "Industry (ours)") == 24  # 24 cells, one of them saved twice
    assert "Industry (ours)" not in set(scorecard_store.list_templates(con)["name"])
    assert con.execute("SELECT count(*) FROM scorecard_scores WHERE template = 'Industry (ours)'").fetchone()[0] == 0
    assert scorecard_store.load_scores(con, "Industry attractiveness").notna().sum().sum() == 24
    with pytest.raises(ValueError, match="no scorecard template 'Industry \\(ours\\)'"):
        scorecard_store.delete_template(con, "Industry (ours)")
    with pytest.raises(ValueError, match="bundled template: it can be reset"):
        scorecard_store.delete_template(con, "Industry attractiveness")


# --- files and the command line ----------------------------------------------------------------

def kamp(*args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "KAMP_DB"}
    return subprocess.run([sys.executable, "-m", "kamp", *map(str, args)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_sample_files_read_in_chinese():
    c = scorecard_files.read_criteria_csv(SAMPLES / "industry_criteria.csv")
    assert list(c["weight"]) == [1] * 8 and list(c["direction"]) == list("+++--+++")
    s = scorecard_files.read_scores_csv(SAMPLES / "industry_scores.csv", c)
    assert list(s.columns) == ["市场容量", "增长速度", "客户认知度", "竞争程度", "实施难易程度", "资金与信用", "客户关系", "政策支持"]


def test_cli_on_the_sample_files():
    proc = kamp("scorecard", "--criteria", SAMPLES / "industry_criteria.csv",
                "--scores", SAMPLES / "industry_scores.csv", "--json")
    assert proc.returncode == 0, proc.stderr
    rows = {r["entity"]: r for r in json.loads(proc.stdout)}
    assert {e: rows[e]["total"] for e in SEED_TOTALS} == SEED_TOTALS
    assert rows["电信业 Telecom"]["total"] == 44  # 9 + 7 + 9 − 5 − 1 + 9 + 9 + 7 (the seed prints 46)
    assert [rows[e]["rank"] for e in ("电信业 Telecom", "政府 Government", "教育 Education", "金融 Finance")] == [1, 2, 3, 4]
    # mean (42 + 44 + 32 + 28) / 4 = 36.5
    assert [e for e, r in rows.items() if r["selected"]] == ["政府 Government", "电信业 Telecom"]
    text = kamp("scorecard", "--criteria", SAMPLES / "industry_criteria.csv",
                "--scores", SAMPLES / "industry_scores.csv", "--threshold", "29.1").stdout
    assert "★ = total ≥ the threshold 29.1" in text
    assert [line.split()[:3] for line in text.splitlines() if "Education" in line] == [["教育", "Education", "32"]]
    assert text.count("★") == 4  # three marked rows and the legend


def test_cli_reads_criteria_with_the_columns_as_the_spec_names_them(tmp_path):
    # "group, name, weight 1–10, direction + or −, how scored": the sample's criteria so headed
    text = (SAMPLES / "industry_criteria.csv").read_text("utf-8").splitlines()
    criteria = _write(tmp_path, "criteria.csv", "\n".join(["group,name,weight,direction", *text[1:]]) + "\n")
    proc = kamp("scorecard", "--criteria", criteria, "--scores", SAMPLES / "industry_scores.csv", "--json")
    assert proc.returncode == 0, proc.stderr
    assert {r["entity"]: r["total"] for r in json.loads(proc.stdout) if r["entity"] in SEED_TOTALS} == SEED_TOTALS
    how = _write(tmp_path, "how.csv", "group,name,weight,direction,how\nm,Size,3,+,judgement\n")
    scores = _write(tmp_path, "s.csv", "entity,Size\nA,7\nB,4\n")
    rows = json.loads(kamp("scorecard", "--criteria", how, "--scores", scores, "--json").stdout)
    assert [(r["entity"], r["total"]) for r in rows] == [("A", 21), ("B", 12)]  # 3 × 7, 3 × 4


def test_cli_reads_semicolon_files_and_workbooks(tmp_path):
    # the same sample tables, as a semicolon export and as a workbook: the same totals
    criteria = _write(tmp_path, "criteria.csv", (SAMPLES / "industry_criteria.csv").read_text("utf-8").replace(",", ";"))
    scores = pd.read_csv(SAMPLES / "industry_scores.csv")
    scores.to_excel(tmp_path / "scores.xlsx", index=False)
    proc = kamp("scorecard", "--criteria", criteria, "--scores", tmp_path / "scores.xlsx", "--json")
    assert proc.returncode == 0, proc.stderr
    assert {r["entity"]: r["total"] for r in json.loads(proc.stdout) if r["entity"] in SEED_TOTALS} == SEED_TOTALS


def _write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("which, old, new, expected", [
    ("scores", "金融 Finance,9,3", "金融 Finance,9,abc", ["row 5", "'abc'", "增长速度"]),
    ("scores", "教育 Education,9,5,5", "教育 Education,9,5,0", ["row 4", "'0'", "outside 1–10"]),
    ("scores", "教育 Education,9,5,5", "教育 Education,9,,5", ["row 4", "no score", "增长速度"]),
    ("scores", ",政策支持", ",政策", ["row 1", "unknown criterion column '政策'"]),
    ("criteria", "市场,增长速度,1,+", "市场,增长速度,11,+", ["row 3", "weight '11'"]),
    ("criteria", "市场,增长速度,1,+", "市场,增长速度,1,?", ["row 3", "direction '?'"]),
    ("criteria", "分组,标准,权重,方向", "分组,标准,方向,权重", None),  # reordered columns are fine
    ("criteria", "分组,标准,权重,方向", "分组,标准,重量,方向", ["row 1", "no 'weight' column"]),
])
def test_cli_bad_files_exit_2_with_one_line(tmp_path, capsys, which, old, new, expected):
    files = {k: (SAMPLES / f"industry_{k}.csv").read_text(encoding="utf-8") for k in ("criteria", "scores")}
    if expected is None:  # swap the weight and direction values too
        files[which] = "\n".join([new] + [",".join(r.split(",")[:2] + r.split(",")[2:][::-1])
                                          for r in files[which].splitlines()[1:]]) + "\n"
    else:
        assert old in files[which]
        files[which] = files[which].replace(old, new, 1)
    paths = {k: _write(tmp_path, f"my_{k}.csv", v) for k, v in files.items()}
    code = cli.main(["scorecard", "--criteria", str(paths["criteria"]), "--scores", str(paths["scores"])])
    out, err = capsys.readouterr()
    if expected is None:
        assert code == 0 and "42" in out, err
        return
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert f"my_{which}.csv" in lines[0]
    for part in expected:
        assert part in lines[0], lines[0]


def test_cli_bad_file_as_a_user_sees_it(tmp_path):
    bad = _write(tmp_path, "bad_scores.csv", "行业,市场容量\n政府,9\n")
    proc = kamp("scorecard", "--criteria", SAMPLES / "industry_criteria.csv", "--scores", bad)
    assert proc.returncode == 2 and proc.stdout == "" and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [f"error: {bad}: row 1: no column for criterion '增长速度'"]


def test_the_issue_format_with_every_direction_plus_and_signed_scores(tmp_path):
    """criterion, weight, direction (no group column); scores copied from the seed with their
    signs and every direction '+': 政府 42, 教育 32, 金融 28; ★ for totals ≥ their mean 34."""
    import json
    import subprocess
    import sys

    names = ["市场容量", "增长速度", "客户认知度", "竞争程度", "实施难易程度", "资金与信用", "客户关系", "政策支持"]
    crit = tmp_path / "c.csv"
    crit.write_text("criterion,weight,direction\n" + "".join(f"{n},1,+\n" for n in names), encoding="utf-8")
    scores = tmp_path / "s.csv"
    scores.write_text("industry," + ",".join(names) + "\n政府,9,7,7,-3,-3,9,7,9\n教育,9,5,5,-5,-3,7,5,9\n"
                      "金融,9,3,9,-9,-7,9,7,7\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "kamp", "scorecard", "--criteria", str(crit), "--scores", str(scores),
                          "--json"], capture_output=True, text=True, check=True).stdout
    rows = {r["entity"]: r for r in json.loads(out)}
    assert {e: r["total"] for e, r in rows.items()} == {"政府": 42, "教育": 32, "金融": 28}
    assert {e for e, r in rows.items() if r["selected"]} == {"政府"}
    assert [rows[e]["rank"] for e in ("政府", "教育", "金融")] == [1, 2, 3]
    assert all(0 <= r["normalized"] <= 100 for r in rows.values())
    assert set(next(iter(rows.values()))) == {"entity", "total", "normalized", "rank", "selected"}


def test_tied_entities_keep_their_shared_rank_inside_the_range():
    # With weights 1 and 1, scores (10, 2) and (2, 10) both total 12: both rank 1; any uneven
    # perturbation of the two weights puts one of them second.
    c = [{"criterion": "a", "weight": 1, "direction": "+"}, {"criterion": "b", "weight": 1, "direction": "+"}]
    s = pd.DataFrame({"a": [10, 2, 1], "b": [2, 10, 1]}, index=["e0", "e1", "e2"])
    sens = sensitivity(c, s, pct=20, n_draws=50, random_state=1).set_index("entity")
    assert list(sens["base_rank"]) == [1, 1, 3]
    assert list(sens["min_rank"]) == [1, 1, 3] and list(sens["max_rank"]) == [2, 2, 3]


# --- ranks from one sort, and a scorecard over a whole account table (kamp.scorecard_portfolio) ---

TWO = [{"criterion": "Revenue", "weight": 2, "direction": "+", "method": "percentile", "feature": "revenue"},
       {"criterion": "Fit", "weight": 1, "direction": "+", "method": "judgement"}]
THREE = pd.DataFrame({"account_id": ["a", "b", "c"], "name": ["Alpha", "", None], "revenue": [100.0, 300.0, 200.0]})
JUDGED = pd.DataFrame({"Fit": [4.0, 10.0]}, index=pd.Index(["a", "b"], name="entity"))


def _scored(accounts=THREE, judged=JUDGED, fill=None, limit=portfolio.LIMIT, criteria=TWO):
    return portfolio.scored(accounts, "account", portfolio.criteria_key(criteria), portfolio.judgements_key(judged),
                            fill, limit=limit)


def test_a_portfolio_scorecard_totals_ranks_and_labels_by_hand():
    # Revenue percentiles a 1, c 5.5, b 10; totals a 2·1 + 4 = 6, b 2·10 + 10 = 30; c has no Fit
    # score and stays unscored. The scale runs from 2·1 + 1 = 3 to 2·10 + 10 = 30.
    r = _scored()
    assert np.array_equal(r.total, [6.0, 30.0, np.nan], equal_nan=True)
    assert list(r.rank) == [2, 1, 0] and r.scored == 2 and r.mean == 18.0
    assert r.score_0_100[1] == 100.0 and r.score_0_100[0] == pytest.approx(100 * 3 / 27)
    assert list(r.top["label"]) == ["b", "a · Alpha"] and list(r.top["rank"]) == [1, 2]
    assert r.selected(r.cut()) == 1 and r.selected(r.cut(6.0)) == 2
    # Unscored criteria as 5.5: c = 2·5.5 + 5.5 = 16.5, second; the mean (6 + 30 + 16.5) / 3.
    n = _scored(fill=scorecard_features.NEUTRAL)
    assert list(n.total) == [6.0, 30.0, 16.5] and list(n.rank) == [3, 1, 2] and n.mean == 17.5
    assert list(n.top["entity"]) == ["b", "c", "a"]


def test_a_portfolio_scorecard_gives_what_score_gives():
    accounts = pd.DataFrame({"account_id": [f"x{i}" for i in range(40)], "name": "n",
                             "revenue": np.arange(40) % 7 * 10.0, "orders": np.arange(40) % 3})
    crit = TWO + [{"criterion": "Orders", "weight": 3, "direction": "-", "method": "percentile", "feature": "orders"}]
    judged = pd.DataFrame({"Fit": np.arange(1, 31) % 10 + 1.0}, index=[f"x{i}" for i in range(30)])
    for fill in (None, scorecard_features.NEUTRAL):
        entities = scorecard_features.entity_table(accounts)
        expected = score(crit, scorecard_features.scores_from_features(crit, entities, judged, entity="entity",
                                                              fill_missing=fill), missing="unscored")
        got = _scored(accounts, judged, fill, criteria=crit)
        assert np.array_equal(got.total, expected["total"].to_numpy(dtype=float), equal_nan=True)
        assert np.array_equal(got.score_0_100, expected["score_0_100"].to_numpy(dtype=float), equal_nan=True)
        assert list(got.rank) == list(expected["rank"].fillna(0)) and got.mean == expected.attrs["cut"]


def test_the_top_holds_the_best_ranked_and_the_first_labels_of_a_tie():
    # Nobody judged and unscored criteria as 5.5: every account ties at rank 1; the top two are
    # the first two labels.
    accounts = pd.DataFrame({"account_id": ["d", "b", "e", "a", "c"], "name": "", "revenue": 1.0})
    judge_only = [TWO[1]]
    r = _scored(accounts, None, scorecard_features.NEUTRAL, limit=2, criteria=judge_only)
    assert list(r.top["label"]) == ["a", "b"] and r.scored == 5
    r = _scored(THREE, JUDGED, scorecard_features.NEUTRAL, limit=2)
    assert list(r.top["entity"]) == ["b", "c"] and len(r.top_signed) == 2


def test_robustness_of_every_scored_is_sensitivity():
    accounts = pd.DataFrame({"account_id": [f"x{i}" for i in range(12)], "name": "", "revenue": np.arange(12.0)})
    judged = pd.DataFrame({"Fit": [3.0, 9, 5, 5, 1, 10, 7, 2, 8, 6, 4, 9]}, index=[f"x{i}" for i in range(12)])
    r = _scored(accounts, judged)
    entities = scorecard_features.entity_table(accounts)
    scores = scorecard_features.scores_from_features(TWO, entities, judged, entity="entity")
    expected = sensitivity(TWO, scores, pct=30, n_draws=200, random_state=0).set_index("entity").sort_index()
    got = portfolio.robustness(r, pct=30, n_draws=200).set_index("entity").sort_index()
    pd.testing.assert_frame_equal(got.drop(columns="label"), expected)


def test_robustness_of_the_best_ranked_judges_stars_against_every_scored():
    # Totals 10, 8, 7 and 1 (mean 6.5), weights left as set (± 0 %): the three best-ranked are
    # perturbed, and 8 and 7 keep ★ against the mean of all four, not of the three (8.33).
    fit = [TWO[1]]
    judged = pd.DataFrame({"Fit": [10.0, 8, 7, 1]}, index=["a", "b", "c", "d"])
    accounts = pd.DataFrame({"account_id": ["a", "b", "c", "d"], "name": "", "revenue": 1.0})
    r = _scored(accounts, judged, limit=3, criteria=fit)
    robust = portfolio.robustness(r, pct=0, n_draws=5)
    assert list(robust["entity"]) == ["a", "b", "c"] and list(robust["p_selected"]) == [1.0, 1.0, 1.0]
    assert list(robust["min_rank"]) == [1, 2, 3] and list(robust["max_rank"]) == [1, 2, 3]
    assert list(robust["label"]) == ["a", "b", "c"]


def test_a_judgement_out_of_range_is_named_and_columns_cover_derived_features():
    with pytest.raises(ValueError, match="11"):
        _scored(judged=pd.DataFrame({"Fit": [11.0]}, index=["b"]))
    value = scorecard.BUNDLED["Customer value scorecard"]
    assert {"wallet_estimate", "revenue_12m", "growth_12m", "orders", "name"} <= set(portfolio.columns(value))
    assert "industry" in portfolio.columns(scorecard.BUNDLED["Industry attractiveness"], "industry")


def test_saving_the_scores_shown_keeps_only_those_changed_with_who_gave_them(tmp_path):
    con = store.connect(tmp_path / "k.duckdb")
    scorecard_store.save_template(con, {**INDUSTRY, "name": "Ours", "name_zh": "我们的"}, author="li")
    assert scorecard_store.save_scores(con, "Ours", seed_frame(), author="li") == 3 * len(ORDER)
    shown = seed_frame().astype(float)  # the grid as shown again, as floats, one score changed
    shown.loc["金融 Finance", "Growth"] = 4
    assert scorecard_store.save_scores(con, "Ours", shown, author="wang") == 1
    shown.loc["金融 Finance", "Growth"] = None  # cleared
    assert scorecard_store.save_scores(con, "Ours", shown, author="zhao") == 1
    who = dict(con.execute("""SELECT author, count(*) FROM scorecard_scores WHERE template = 'Ours'
                              GROUP BY author""").fetchall())
    assert who == {"li": 3 * len(ORDER), "wang": 1, "zhao": 1}
    assert pd.isna(scorecard_store.load_scores(con, "Ours").loc["金融 Finance", "Growth"])
    assert scorecard_store.save_scores(con, "Ours", shown, author="zhao") == 0  # the cleared score stays cleared
    con.close()
