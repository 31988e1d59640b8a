"""The strings that say how a portfolio of many accounts is shown: which accounts a list or a
chooser holds, how many points a chart draws.

Merged into :data:`kamp.i18n.TEXTS`; each entry is (English, 中文).
"""
from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "ui.find": ("Search accounts", "搜索客户"),
    "ui.find_help": ("Part of an account's id or name; the list below then holds the accounts that match.",
                     "输入客户编号或名称的一部分，下方列表即列出匹配的客户。"),
    "ui.choices_capped": ("The list holds the {shown:,} largest of {n:,} {n?account|accounts} by net revenue; search to reach "
                          "any other.",
                          "列表中为按净收入排名前 {shown:,} 的客户（共 {n:,} 个）；其他客户请先搜索。"),
    "ui.choices_found": ("{found:,} {found?account matches|accounts match} “{text}”; the list holds the {shown:,} largest.",
                         "{found:,} 个客户匹配“{text}”；列表中为其中净收入最大的 {shown:,} 个。"),
    "ui.list_first": ("Showing the first {shown:,} of {n:,} {n?account|accounts}.", "显示 {n:,} 个客户中的前 {shown:,} 个。"),
    "chart.points_drawn": ("{shown:,} of {n:,} {n?account|accounts} drawn: the {top:,} largest and an even sample of the rest",
                           "图中绘出 {n:,} 个客户中的 {shown:,} 个：最大的 {top:,} 个，其余均匀抽样"),
}
