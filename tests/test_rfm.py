"""RFM scores and segments: hand-worked cases and properties."""
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from kamp import rfm


def test_ties_never_collapse_a_bin():
    # Three accounts share the value 20; ranked (ties by id) they still fill three bins.
    values = pd.Series([10, 20, 20, 20, 30])
    ids = pd.Series(["a", "b", "c", "d", "e"])
    scores, thresholds = rfm.quantile_scores(values, ids)
    assert scores.tolist() == [1, 2, 3, 4, 5]
    assert thresholds["accounts"].tolist() == [1, 1, 1, 1, 1]
    assert thresholds.loc[thresholds["score"] == 3, ["low", "high"]].values.tolist() == [[20, 20]]


def test_a_measure_the_same_for_every_account_gives_each_the_middle_score_in_one_band():
    # twenty accounts all bought on the as-of day, once each; their revenue 100 … 2,000 varies
    df = pd.DataFrame({"account_id": [f"C{i:02d}" for i in range(20)], "days_since_last": 0, "orders": 1,
                       "revenue": [100.0 * (i + 1) for i in range(20)]})
    scored, thresholds = rfm.score(df)
    assert set(scored["r_score"]) == {3} and set(scored["f_score"]) == {3}  # not C00 at 1 and C19 at 5
    assert thresholds["r"].values.tolist() == [[3, 0, 0, 20]]
    assert thresholds["f"].values.tolist() == [[3, 1, 1, 20]]
    assert scored["m_score"].tolist() == [1] * 4 + [2] * 4 + [3] * 4 + [4] * 4 + [5] * 4  # a fifth each
    assert rfm.flat_measures(thresholds) == {"r": 0, "f": 1}
    one = scored.set_index("account_id")
    # C00: R 3, FM (3 + 1) / 2 = 2 → Need Attention, not Lost; C19: FM 4 → Loyal, not Champions
    assert rfm.segment(one).loc[["C00", "C19"]].tolist() == ["Need Attention", "Loyal"]


def test_fewer_accounts_than_scores_spread_from_1_to_5():
    ids = pd.Series(["a", "b", "c", "d"])
    # ranks 0 … n − 1 onto 1 + round(rank × 4 / (n − 1)): 4 accounts 1, 2.33, 3.67, 5 → 1, 2, 4, 5
    assert rfm.quantile_scores(pd.Series([40, 10, 30, 20]), ids)[0].tolist() == [5, 1, 4, 2]
    assert rfm.quantile_scores(pd.Series([3, 1, 2]), ids[:3])[0].tolist() == [5, 1, 3]
    assert rfm.quantile_scores(pd.Series([2, 1]), ids[:2])[0].tolist() == [5, 1]
    scores, th = rfm.quantile_scores(pd.Series([7]), ids[:1])  # one account: nothing to compare, the middle
    assert scores.tolist() == [3] and th.values.tolist() == [[3, 7, 7, 1]]
    # the most recent of four is the best, R 5
    assert rfm.quantile_scores(pd.Series([90, 0, 30, 60]), ids, reverse=True)[0].tolist() == [1, 5, 4, 2]


def test_recency_is_reversed():
    days = pd.Series([0, 10, 20, 30, 40, 50, 60, 70, 80, 90])
    scores, thresholds = rfm.quantile_scores(days, pd.Series(list("abcdefghij")), reverse=True)
    assert scores.tolist() == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    assert thresholds.set_index("score").loc[5, "high"] == 10


def test_score_adds_three_scores_and_fm():
    df = pd.DataFrame({"account_id": list("abcde"), "days_since_last": [1, 2, 3, 4, 5],
                       "orders": [5, 4, 3, 2, 1], "revenue": [50, 40, 30, 20, 10]})
    scored, thresholds = rfm.score(df)
    assert scored.set_index("account_id").loc["a", ["r_score", "f_score", "m_score", "fm_score"]].tolist() == [5, 5, 5, 5]
    assert scored.set_index("account_id").loc["e", ["r_score", "f_score", "m_score"]].tolist() == [1, 1, 1]
    assert set(thresholds) == {"r", "f", "m"}


def test_default_segments_by_hand():
    cells = pd.DataFrame({"r_score": [5, 1, 3, 2, 5, 1, 2],
                          "fm_score": [5, 1, 2, 5, 1, 3.5, 2]})
    assert rfm.segment(cells).tolist() == ["Champions", "Lost", "Need Attention", "Can't Lose Them", "New",
                                           "At Risk", "About to Sleep"]


def test_default_segments_cover_the_whole_grid():
    cells = pd.DataFrame([(r, fm / 2) for r in range(1, 6) for fm in range(2, 11)], columns=["r_score", "fm_score"])
    assert (rfm.segment(cells) != rfm.OTHER).all()
    assert len(rfm.DEFAULT_SEGMENTS) == 11
    assert all(x["name_zh"] for x in rfm.DEFAULT_SEGMENTS)


def test_the_grid_holds_every_pair_of_the_scores_held_an_empty_one_at_zero_in_its_segment():
    # R 1 and 2, FM 1 and 4.5 held; nobody at R 2, FM 4.5, which the default rules give to
    # Can't Lose Them (R 1–2, FM 4.5–5)
    scored = pd.DataFrame({"account_id": ["a", "b", "c", "d"], "r_score": [1, 1, 2, 2],
                           "fm_score": [1.0, 4.5, 1.0, 1.0], "revenue": [1.0, 2.0, 3.0, 4.0]})
    scored["segment"] = rfm.segment(scored)
    g = rfm.grid(scored)
    assert g[["r_score", "fm_score", "accounts", "revenue", "segment"]].values.tolist() == [
        [1, 1.0, 1, 1.0, "Lost"], [1, 4.5, 1, 2.0, "Can't Lose Them"], [2, 1.0, 2, 7.0, "About to Sleep"],
        [2, 4.5, 0, 0.0, "Can't Lose Them"]]
    mine = [{"segment": "Anyone", "r_min": 1, "r_max": 5, "fm_min": 1, "fm_max": 5}]
    assert rfm.grid(scored, mine)["segment"].tolist()[-1] == "Anyone"


def test_rules_are_evaluated_in_order_and_editable():
    rules = [{"segment": "Everyone", "name_zh": "全部", "r_min": 1, "r_max": 5, "fm_min": 1, "fm_max": 5},
             *rfm.DEFAULT_SEGMENTS]
    assert set(rfm.segment(pd.DataFrame({"r_score": [5, 1], "fm_score": [5, 1]}), rules)) == {"Everyone"}


def test_invalid_rules_are_explained():
    problems = rfm.validate_rules([{"segment": "X", "r_min": 4, "r_max": 2, "fm_min": 1, "fm_max": 5},
                                   {"segment": "", "r_min": 1, "r_max": 5, "fm_min": 1, "fm_max": 6}])
    assert "X: R from 4 – R to 2 must satisfy 1 ≤ from ≤ to ≤ 5" in problems
    assert any("row 2" in p for p in problems)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-1000, 1000), min_size=1, max_size=200))
def test_scores_stay_in_range_balanced_and_monotone(values):
    v = pd.Series(values)
    ids = pd.Series([f"id{i:04d}" for i in range(len(values))])
    scores, _ = rfm.quantile_scores(v, ids)
    assert scores.between(1, 5).all()
    counts = scores.value_counts()
    if len(values) >= 5:
        assert counts.max() - counts.min() <= 1  # every bin holds a fifth, give or take one
    # A larger value never gets a lower score.
    order = pd.DataFrame({"v": v, "id": ids}).sort_values(["v", "id"]).index
    assert scores[order].is_monotonic_increasing


def test_values_already_in_order_are_taken_as_they_are():
    # Largest first, the tie (3, 3) already by id: the order is the frame's own.
    assert rfm.value_order([5, 3, 3, 1], pd.Series(["x", "b", "c", "a"]), descending=True).tolist() == [0, 1, 2, 3]
    # The tie the wrong way round, or values out of order: ranked properly, ties by id.
    assert rfm.value_order([5, 3, 3, 1], pd.Series(["x", "c", "b", "a"]), descending=True).tolist() == [0, 2, 1, 3]
    assert rfm.value_order([1, 5, 3], pd.Series(["a", "b", "c"]), descending=True).tolist() == [1, 2, 0]
    assert rfm.value_order([1, 3, 3], pd.Series(["a", "c", "b"])).tolist() == [0, 2, 1]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 4), min_size=1, max_size=40), st.booleans(), st.booleans())
def test_value_order_is_the_ranking_by_value_then_id(values, descending, presorted):
    ids = pd.Series([f"id{i:03d}" for i in range(len(values))])
    if presorted:
        values = sorted(values, reverse=descending)
    expected = sorted(range(len(values)), key=lambda i: (-values[i] if descending else values[i], ids[i]))
    assert rfm.value_order(values, ids, descending=descending).tolist() == expected


def _rule(name, r, fm, zh=""):
    return {"segment": name, "name_zh": zh, "r_min": r[0], "r_max": r[1], "fm_min": fm[0], "fm_max": fm[1]}


def test_a_rule_whose_scores_rules_above_take_can_never_match():
    assert rfm.never_matched(rfm.DEFAULT_SEGMENTS) == []
    vip = _rule("VIP", (5, 5), (5, 5))
    # Champions (R 4–5, FM 4–5) above takes every VIP account
    assert rfm.never_matched([rfm.DEFAULT_SEGMENTS[0], vip, *rfm.DEFAULT_SEGMENTS[1:]]) == [("VIP", ["Champions"])]
    assert rfm.never_matched([vip, *rfm.DEFAULT_SEGMENTS]) == []  # moved up, it takes them first
    # R 1–2 × FM 1–5 split over two rules above; R 2.5–2.8 holds no whole R score
    rules = [_rule("Low", (1, 1), (1, 5)), _rule("Two", (2, 2), (1, 5)), _rule("Either", (1, 2), (3, 4)),
             _rule("Between", (2.5, 2.8), (1, 5))]
    assert rfm.never_matched(rules) == [("Either", ["Low", "Two"]), ("Between", [])]


def test_a_segment_name_twice_or_other_is_refused():
    rules = [_rule("A", (1, 5), (1, 5)), _rule("A", (1, 2), (1, 5)), _rule("Other", (1, 1), (1, 1)),
             _rule("Rest", (1, 1), (1, 1), zh="其他")]
    assert rfm.validate_rules(rules) == [
        "row 2 (A): the name is already in row 1; each segment once",
        "row 3 (Other): Other (其他) names the accounts no rule matches; choose another name",
        "row 4 (Rest): Other (其他) names the accounts no rule matches; choose another name"]
    assert [p.text("zh") for p in rfm.rule_problems(rules)][0] == "第 2 行（A）：该名称已在第 1 行出现；每个细分只能出现一次"
    # a name differing only in case, a Chinese name used twice, and 其他 written as the English name
    rules = [_rule("Champions", (4, 5), (4, 5), zh="核心客户"), _rule("champions", (1, 2), (1, 5)),
             _rule("Loyal", (3, 5), (3, 5), zh="核心客户"), _rule("其他", (1, 1), (1, 1))]
    assert rfm.validate_rules(rules) == [
        "row 2 (champions): the name is already in row 1; each segment once",
        "row 3 (核心客户): the name is already in row 1; each segment once",
        "row 4 (其他): Other (其他) names the accounts no rule matches; choose another name"]
