"""kamp.i18n: a label and its value, a count in brackets, and labels in lines, in either language; and the
Chinese the app shows names each concept one way, in every text table, the worksheets and the strings the
library builds itself."""
import ast
import json
import re
from pathlib import Path

import pytest

from kamp import i18n, tiers

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")


def _worksheet_texts(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("_zh") and isinstance(value, str):
                yield value
            else:
                yield from _worksheet_texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _worksheet_texts(value)


def _library_strings():
    """Every string literal of the library holding Chinese, but docstrings and the metals' former names
    (kept to read an older database)."""
    for path in sorted((ROOT / "kamp").glob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK.search(node.value):
                if id(node) not in docstrings and node.value not in tiers.FORMER_NAMES:
                    yield f"{path.name}: {node.value}"


def _chinese():
    yield from (f"{key}: {zh}" for key, (_en, zh) in i18n.TEXTS.items())
    yield from _worksheet_texts(json.loads((ROOT / "kamp" / "playbook_worksheets.json").read_text("utf-8")))
    yield from _library_strings()


CHINESE = list(_chinese())


@pytest.mark.parametrize("other, one", [
    (r"近12个月|近 ?12 ?月", "近 12 个月"),
    (r"贡献 ?80 ?%|贡献八成", "八成收入的客户数"),
    (r"(?<!最)高级别|重点级别", "最高级别, 最高的几个级别"),
    (r"DSO 计算期", "应收账款周转天数计算期"),
    (r"侧栏", "侧边栏"),
    (r"你", "您"),
    (r"金牌|银牌|白金客户", "白金卡客户 / 金卡客户 / 银卡客户 (seed 004: 白金卡 金卡 银卡)"),
])
def test_chinese_names_a_concept_one_way(other, one):
    found = [text for text in CHINESE if re.search(other, text)]
    assert found == [], f"write {one}"


def test_the_scan_reads_every_source_of_chinese():
    # a scan that read nothing would find nothing: each source gives many texts
    assert sum(1 for _ in _worksheet_texts(json.loads((ROOT / "kamp" / "playbook_worksheets.json")
                                                      .read_text("utf-8")))) > 200
    assert any(text.startswith("demo_decisions.py: ") for text in _library_strings())
    assert len(i18n.TEXTS) > 1000


@pytest.mark.parametrize("lang, said", [("zh", ["订单数：42", "投资发展（6）", "净收入（亿）"]),
                                        ("en", ["Orders: 42", "Invest for growth (6)", "Net revenue (M)"])])
def test_a_value_follows_its_label_and_a_count_its_name_as_the_language_writes_them(lang, said):
    words = {"zh": ("订单数", "投资发展", "净收入", "亿"), "en": ("Orders", "Invest for growth", "Net revenue", "M")}[lang]
    assert [i18n.labelled(words[0], 42, lang), i18n.counted(words[1], 6, lang), i18n.in_unit(words[2], words[3], lang)
            ] == said


@pytest.mark.parametrize("text, width, lines", [
    # the business pyramid's levels: after 的 and 或, the nearest an even split that fits
    ("提供高品质的服务和技术支持", 18, ["提供高品质的", "服务和技术支持"]),
    ("提供高品质的产品或服务", 18, ["提供高品质的", "产品或服务"]),
    ("提供满足特定需求的产品", 18, ["提供满足特定需求的", "产品"]),
    ("为商业问题做出贡献", 18, ["为商业问题做出贡献"]),  # it fits
    ("不容流失客户", 11, ["不容流失客户"]),  # no place to break: longer, no word cut
    ("最近满意度（平均）", 10, ["最近满意度", "（平均）"]),  # before a bracket
    ("季度收入 2025Q3–2026Q2", 18, ["季度收入", "2025Q3–2026Q2"]),  # at a space
    ("及时交付的产品和服务", 8, ["及时交付的", "产品和", "服务"]),  # never after the 及 of 及时
    ("客户太少，无法比较不同的级别数：轮廓系数要求客户数多于级别数，且客户之间有差异。", 44,
     ["客户太少，无法比较不同的级别数：", "轮廓系数要求客户数多于级别数，", "且客户之间有差异。"]),
    ("High-quality service and technical support", 18, ["High-quality", "service and", "technical support"]),
])
def test_labels_break_into_lines_between_words(text, width, lines):
    assert i18n.wrap(text, width) == lines


@pytest.mark.parametrize("key, values, said", [
    ("card.fragile", {"n": 3, "total": 30}, "30 个对象中有 3 个是否入选取决于权重（部分模拟中入选，部分落选）。"),
    ("review.section.overdue", {}, "截至 B 日期已逾期的里程碑"),
    ("import.date_auto", {"choice": "日在前（3月5日）"}, "根据数据判断：日在前（3月5日）"),
    ("conc.stress_help", {"n": 20, "total": "94.41亿", "indicator": "净收入"},
     "若最大的 1…20 个客户流失，剩余净收入占总额的比例（总额 94.41亿）。"),
])
def test_chinese_sentences_read_plainly(key, values, said):
    # no parenthesis within a parenthesis, no "B 日期时", what remains named as what it is a share of
    assert i18n.t(key, "zh", **values) == said
