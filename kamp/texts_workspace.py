"""The strings of the account plan (strategy playbook worksheets) page.

Merged into :data:`kamp.i18n.TEXTS`; each entry is (English, 中文).
"""
from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "nav.group.plans": ("Account plans", "客户计划"),
    "nav.plan": ("Account plan", "战略手册"),
    "ws.title": ("Account plan: the twelve worksheets", "战略手册：十二张工作表"),
    "ws.intro": ("The key-account management process (KAMP): a team fills in twelve worksheets per account and quarter, "
                 "revisits them every quarter and brings them to the review. Figures the data knows are prefilled; "
                 "every save is a new version, nothing is overwritten.",
                 "大客户管理流程（KAMP）：团队按客户、按季度填写十二张工作表，每季度回顾并带到评审会上。"
                 "数据中已有的数字自动预填；每次保存都生成新版本，不会覆盖旧内容。"),
    "ws.your_name_help": ("Saved with every worksheet version you save.", "随您保存的每个工作表版本一并记录。"),
    "ws.key_plans": ("{tier} accounts: their plans for {period}", "{tier}：{period} 的战略手册"),
    "ws.key_plans_help": ("Worksheets saved for the quarter and milestones overdue, largest 12-month revenue first; "
                          "click a row to open its plan.",
                          "本季度已保存的工作表与逾期里程碑，按近 12 个月收入从高到低；点击一行打开其战略手册。"),
    "ws.pick": ("Choose an account to open its plan (or click an account in any chart or table and open its plan "
                "from the account page).", "请选择客户以打开其战略手册（也可在任一图表或表格中点击客户，再从客户页打开）。"),
    "ws.period": ("Quarter", "季度"),
    "ws.from_previous": ("Start from {previous}", "从 {previous} 开始"),
    "ws.from_previous_help": ("Copies the previous quarter's latest worksheets into this quarter, where this quarter "
                              "has none yet.", "将上一季度各工作表的最新版本复制到本季度（仅限本季度尚未填写的工作表）。"),
    "ws.copied": ("{n} {n?worksheet|worksheets} copied from the previous quarter.", "已从上一季度复制 {n} 张工作表。"),
    "ws.filled": ("{n} of 12 worksheets saved for {period}.", "{period} 已保存 {n}/12 张工作表。"),
    "ws.export_html": ("HTML plan", "导出 HTML"),
    "ws.export_md": ("Markdown", "导出 Markdown"),
    "ws.version": ("Version {version}, saved by {author} at {time}.", "第 {version} 版，{author} 保存于 {time}。"),
    "ws.draft": ("Not saved yet for this quarter: a draft prefilled from the data.", "本季度尚未保存：以下为根据数据预填的草稿。"),
    "ws.targets.sold": ("actual: sold in the quarter", "实际：本季度销售额"),
    "ws.targets.sold_so_far": ("actual to the data's last day, then at the target's rate",
                               "截至数据最后一天为实际销售额，其后按目标速度"),
    "ws.money_reads": ("That is {amount}.", "即 {amount}。"),
    "ws.plan_kept": ("The plan saved for {account} ({n} {n?worksheet|worksheets}, {periods}) is kept: it shows here "
                     "again when the account's order lines are imported again.",
                     "{account} 已保存的客户计划（{n} 张工作表，{periods}）仍然保留：重新导入该客户的订单行后，会在此再次显示。"),
    "ws.no_lines_now": ("No account {account} has order lines now: import order lines on the Import data page.",
                        "目前没有客户 {account} 的订单行：请在“导入数据”页面导入订单行。"),
    "ws.unsaved": ("Not saved yet: your edits are kept while this browser tab stays open.",
                   "尚未保存：在此浏览器标签页打开期间，您的修改会保留。"),
    "ws.discard": ("Discard edits", "放弃修改"),
    "ws.save": ("Save as a new version", "保存为新版本"),
    "ws.saved": ("{sheet}: version {version} saved.", "{sheet}：已保存第 {version} 版。"),
    "ws.conflict": ("Someone else saved this worksheet since you opened it (version {version}, by {author} at "
                    "{time}). Nothing was saved. Their version against yours:",
                    "您打开此工作表后，他人已保存了新版本（第 {version} 版，{author} 于 {time}）。本次未保存。"
                    "对方版本与您的修改对比如下："),
    "ws.keep_mine": ("Save mine as the newest version", "以我的修改保存为最新版本"),
    "ws.take_theirs": ("Discard mine and open theirs", "放弃我的修改，打开对方版本"),
    "ws.history": ("History: {n} {n?version|versions}", "历史：{n} 个版本"),
    "ws.compare_from": ("Compare version", "比较版本"),
    "ws.compare_to": ("with version", "与版本"),
    "ws.diff.field": ("Field", "字段"),
    "ws.diff.row": ("Row", "行"),
    "ws.diff.old": ("Before", "之前"),
    "ws.diff.new": ("After", "之后"),
}
