"""kamp.problems: the library's messages about bad input, in English (what the command line
prints) and in Chinese (what a Chinese page shows), naming the same row, criterion and value.

Each expected sentence is written out here from the translation table's wording; names in
Chinese come from their sources (the criteria file, the worksheet definitions, the buying roles
of seed 000)."""
from __future__ import annotations

import pickle
import re
from pathlib import Path

import pandas as pd
import pytest

from kamp import coverage, i18n, people, playbooks, relationship, review, rfm, rulebook, scorecard, scorecard_files
from kamp.problems import Problem
from kamp.texts_problems import TEXTS

ROOT = Path(__file__).resolve().parent.parent


def _raised(call, *args, **kwargs) -> Problem:
    with pytest.raises(Problem) as err:
        call(*args, **kwargs)
    return err.value


def _says(problem: Problem, en: str, zh: str) -> None:
    assert str(problem) == en
    assert i18n.explain(problem, "en") == en
    assert i18n.explain(problem, "zh") == zh


# ---------------------------------------------------------------- the table

def test_every_message_has_both_languages_with_the_same_values():
    for key, (en, zh) in TEXTS.items():
        assert key.startswith("problem."), key
        assert en.strip() and zh.strip(), key
        assert set(re.findall(r"{(\w+)", en)) == set(re.findall(r"{(\w+)", zh)), key
        # the Chinese is Chinese: something besides the values filled in, unless it is only values
        if re.sub(r"{[^}]*}|[\s,;:·=：；，“”]", "", zh):
            assert re.search(r"[\u4e00-\u9fff]", zh), key


def test_every_message_the_library_raises_is_in_the_table():
    used = set()
    for path in (ROOT / "kamp").glob("*.py"):
        text = path.read_text("utf-8")
        used |= set(re.findall(r"""\b(?:Problem|ImportFailed|words)\(\s*["'](problem\.[\w.]+)["']""", text))
        used |= {f"problem.ws.{w}" for w in re.findall(r"""\b_Bad\(\s*["'](\w+)["']""", text)}
        used |= {f"problem.term.{w}" for w in re.findall(r"""\b_term\(\s*["'](\w+)["']""", text)}
        used |= {f"problem.reject.{w}" for w in re.findall(r"""\breason_sql\(\s*["'](\w+)["']""", text)}
    assert sorted(k for k in used if k not in TEXTS) == []
    # nothing left unused, apart from names and phrases built at run time
    built = ("problem.term.", "problem.ws.")
    assert sorted(k for k in TEXTS if k not in used and not k.startswith(built)) == []
    assert len(used) > 60


def test_other_errors_are_shown_as_they_are():
    assert i18n.explain(ValueError("disk full"), "zh") == "disk full"
    assert i18n.explain(KeyError("x"), "zh") == "'x'"


def test_a_problem_survives_pickling_and_an_unknown_key_is_a_bug():
    p = _raised(scorecard.criteria_frame, [{"criterion": "Size", "criterion_zh": "规模", "weight": "11"}])
    again = pickle.loads(pickle.dumps(p))
    assert str(again) == str(p) and again.text("zh") == p.text("zh")
    with pytest.raises(KeyError):
        Problem("problem.no_such_message")


# ---------------------------------------------------------------- scorecards

def test_a_bad_weight_names_the_criterion_and_the_value():
    _says(_raised(scorecard.criteria_frame, [{"criterion": "规模", "weight": "11", "direction": "+"}]),
          "criterion '规模': weight '11' is not a whole number 1–10",
          "评分标准“规模”：权重“11”不是 1–10 的整数")
    # a criterion with a Chinese name is named by it in Chinese
    _says(_raised(scorecard.criteria_frame, [{"criterion": "Size", "criterion_zh": "规模", "weight": 3,
                                               "direction": "?"}]),
          "criterion 'Size': direction '?' is not '+' or '−'",
          "评分标准“规模”：方向“?”不是“+”或“−”")
    _says(_raised(scorecard.criteria_frame, [{"criterion": "Size", "weight": 3}, {"criterion": "Size", "weight": 4}]),
          "criterion 'Size' appears more than once",
          "评分标准“Size”出现了不止一次")


def test_a_bad_score_names_the_entity_criterion_and_value():
    crit = [{"criterion": "Growth", "weight": 2}]
    _says(_raised(scorecard.score, crit, pd.DataFrame({"Growth": [12]}, index=["政府"])),
          "entity '政府': criterion 'Growth': score 12 is outside 1–10",
          "评分对象“政府”：评分标准“Growth”：分数 12 不在 1–10 之间")
    _says(_raised(scorecard.score, crit, pd.DataFrame({"Growth": ["high"]}, index=["政府"])),
          "entity '政府': criterion 'Growth': score 'high' is not a number",
          "评分对象“政府”：评分标准“Growth”：分数“high”不是数字")


def test_a_bad_criteria_file_names_file_row_criterion_and_value(tmp_path):
    path = tmp_path / "criteria.csv"
    path.write_text("分组,标准,权重,方向\n市场,市场容量,1,+\n市场,增长速度,11,+\n", encoding="utf-8")
    _says(_raised(scorecard_files.read_criteria_csv, path),
          f"{path}: row 3: criterion '增长速度': weight '11' is not a whole number 1–10",
          f"{path}：第 3 行：评分标准“增长速度”：权重“11”不是 1–10 的整数")


# ---------------------------------------------------------------- contacts

GOOD = ("Wang", "CIO", "decision_maker", 5, 1, "w@x.cn", "138", "2024-06-01")


@pytest.mark.parametrize("bad, en, zh", [
    (("Li", "", "sponsor", 7, 0, None, None, None),
     "row 2 (Li): influence 7 is not a whole number 1…5", "第 2 行（Li）：影响力“7”不是 1…5 之间的整数"),
    (("Li", "", "boss", 3, 0, None, None, None),
     "row 2 (Li): role 'boss' is not one of decision maker, sponsor, strategic coach, anti-sponsor, user, influencer",
     "第 2 行（Li）：角色“boss”不是以下之一：决策者、赞助人、战略教练、抵制者、用户、影响者"),
    (("Li", "", "sponsor", 3, 0, None, None, "soon"),
     "row 2 (Li): last contact 'soon' is not a date", "第 2 行（Li）：最近联系日期“soon”不是日期"),
    (("Wang", "", "user", 3, 0, None, None, None),
     "row 2 (Wang): the name is already in row 1; each contact once",
     "第 2 行（Wang）：该姓名已在第 1 行出现；每位联系人只能出现一次"),
])
def test_a_bad_contact_names_the_row_and_the_value(bad, en, zh):
    _says(_raised(people.check_contacts, pd.DataFrame([GOOD, bad], columns=people.CONTACT_COLUMNS)), en, zh)


# ---------------------------------------------------------------- rules

def test_a_bad_setting_names_the_rule_in_either_language():
    _says(_raised(rulebook.check, "abc_cuts", [0.9, 0.8]),
          "abc_cuts = [0.9, 0.8]: the cut closing A (90%) must be above 0% and below the cut closing B (80%), "
          "and B at most 100%",
          "ABC 分界点 = [0.9, 0.8]：A 类分界点（90%）必须大于 0% 且小于 B 类分界点（80%），B 不超过 100%")
    _says(_raised(rulebook.check, "dso_period_days", 0),
          "dso_period_days = 0: the period must be a whole number from 1 to 3,650, not 0",
          "应收账款周转天数计算期（天） = 0：计算期天数必须是 1 到 3,650 之间的整数，而不是“0”")
    _says(_raised(rulebook.check, "status_rules", {"min_cycle_days": "x"}),
          "status_rules = {'min_cycle_days': 'x'}: Shortest cycle (days) must be a number, not 'x'",
          "活跃状态阈值 = {'min_cycle_days': 'x'}：最短周期（天）必须是数字，而不是“x”")


def test_rfm_rule_problems_in_either_language():
    (p,) = rfm.rule_problems([{"segment": "Odd", "r_min": 4, "r_max": 2, "fm_min": 1, "fm_max": 5}])
    _says(p, "Odd: R from 4 – R to 2 must satisfy 1 ≤ from ≤ to ≤ 5", "Odd：R 下限 4 – R 上限 2 须满足 1 ≤ 下限 ≤ 上限 ≤ 5")
    (p,) = rfm.rule_problems([{"segment": "Potential Loyalist", "r_min": 3, "r_max": 5, "fm_min": 2, "fm_max": 1.5}])
    _says(p, "Potential Loyalist: FM from 2 – FM to 1.5 must satisfy 1 ≤ from ≤ to ≤ 5",
          "Potential Loyalist：FM 下限 2 – FM 上限 1.5 须满足 1 ≤ 下限 ≤ 上限 ≤ 5")


def test_status_and_relationship_problems_name_the_fields_as_the_settings_page_labels_them():
    _says(_raised(rulebook.check, "status_rules", {"dormant_after_cycles": 3, "lost_after_cycles": 3}),
          "status_rules = {'dormant_after_cycles': 3, 'lost_after_cycles': 3}: "
          "Dormant after (cycles) must be above 0 and below Lost after (cycles)",
          "活跃状态阈值 = {'dormant_after_cycles': 3, 'lost_after_cycles': 3}："
          "“超过几个周期为休眠”必须大于 0 且小于“超过几个周期为流失”")
    _says(_raised(rulebook.check, "status_rules", {"min_cycle_days": 0}),
          "status_rules = {'min_cycle_days': 0}: Shortest cycle (days) must be at least 1 and at most Longest cycle (days)",
          "活跃状态阈值 = {'min_cycle_days': 0}：“最短周期（天）”必须不小于 1，且不超过“最长周期（天）”")
    _says(_raised(rulebook.check, "relationship_thresholds", {"low_margin_pct": 0.3, "high_margin_pct": 0.2}),
          "relationship_thresholds = {'low_margin_pct': 0.3, 'high_margin_pct': 0.2}: "
          "Low margin below (%) must be below High margin from (%)",
          "关系层级阈值 = {'low_margin_pct': 0.3, 'high_margin_pct': 0.2}：“低毛利：低于（%）”必须小于“高毛利：不低于（%）”")
    (p,) = rfm.rule_problems([{"segment": "", "r_min": 1, "r_max": 2, "fm_min": 1, "fm_max": 5}])
    _says(p, "row 1: the segment has no name", "第 1 行：细分没有名称")


def test_several_coverage_problems_are_said_together():
    table = pd.DataFrame({"tier": ["Major", "Named"], "tier_rank": [1, 2], "model": ["1:1", "door-to-door"],
                          "hours_per_account": [9000, 40]})
    _says(_raised(coverage.models_from_table, table),
          "Major: hours per account must be a number from 0 to 8,760, not 9000; "
          "Named: choose a coverage model (team, 1:1, 1:few, 1:many, call_centre)",
          "Major：每客户小时数必须是 0 到 8,760 之间的数字，而不是“9000”；"
          "Named：请选择覆盖方式（团队专对一家客户、1:1（一名销售专对一家客户）、1:few（一名销售对少数几个客户）、"
          "1:many（一名销售对多个客户）、电话销售中心）")


def test_relationship_rules_and_thresholds_in_either_language():
    _says(_raised(relationship.check_thresholds, {"few_max_accounts": 50, "medium_max_accounts": 10}),
          "“Few” means at most (accounts) must be below “Medium” means at most (accounts)",
          "“少”的上限（客户数）必须小于“中”的上限（客户数）")
    _says(_raised(relationship.check_thresholds, {"low_margin_pct": "a"}),
          "Low margin below (%) must be a number, not 'a'", "低毛利：低于（%）必须是数字，而不是“a”")
    rules = {c: {m: "basic" for m in relationship.MARGIN_LEVELS} for c in relationship.COUNT_LEVELS}
    rules["few"]["low"] = "none"
    _says(_raised(relationship.check_rules, rules),
          "the relationship rule table has no valid level for few/low",
          "关系层级规则表中以下单元格没有有效的层级：少/低毛利")


# ---------------------------------------------------------------- worksheets and snapshots

def test_a_bad_worksheet_value_is_placed_by_title_and_label_in_either_language():
    err = _raised(playbooks.validate, "short_term_metrics", {"milestones": [
        {"milestone": "Pilot signed", "due": "2026-10-01"}, {"milestone": "Go-live", "due": "next Tuesday"}]})
    _says(err, "“Short-term metrics” › Milestones, row 2, Due: 'next Tuesday' is not a date (use YYYY-MM-DD)",
          "《短期指标》 › 里程碑，第 2 行，期限：“next Tuesday”不是日期（请按 YYYY-MM-DD 填写）")
    assert isinstance(err, playbooks.ValidationError) and err.errors[0]["message"] == str(err)
    err = _raised(playbooks.validate, "revenue_targets", {"colour": "red", "year": "twenty"})
    assert [e["problem"].text("zh") for e in err.errors] == ["《初期收益目标》：“colour”不是本工作表的字段",
                                                              "《初期收益目标》 › 年度：“twenty”不是数字"]
    assert err.text("zh") == "《初期收益目标》：“colour”不是本工作表的字段；《初期收益目标》 › 年度：“twenty”不是数字"


def test_a_snapshot_of_nothing_says_so(con):
    _says(_raised(review.take_snapshot, con, "2026Q1"),
          "nothing to snapshot: there are no transactions", "无法创建快照：还没有交易数据")
