"""kamp.i18n: a label and its value, a count in brackets, and labels in lines, in either language."""
import pytest

from kamp import i18n


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
