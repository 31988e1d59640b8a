"""The strings of the account profile card, key-people map and plan-completeness pages.

Merged into :data:`kamp.i18n.TEXTS`; each entry is (English, 中文).
"""
from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "nav.plans": ("Plan completeness", "战略手册填写进度"),
    # buying roles of seed 000 (kamp.schema.CONTACT_ROLES)
    "role.decision_maker": ("Decision maker", "决策者"),
    "role.sponsor": ("Sponsor", "赞助人"),
    "role.strategic_coach": ("Strategic coach", "战略教练"),
    "role.anti_sponsor": ("Anti-sponsor", "抵制者"),
    "role.user": ("User", "用户"),
    "role.influencer": ("Influencer", "影响者"),
    "role.none": ("No role set", "未设角色"),
    # account page: profile card
    "account.tab_profile": ("Profile card", "客户资料卡"),
    "account.tab_people": ("Key people", "关键人物"),
    "account.tab_activity": ("Interactions", "联络记录"),
    "account.open_plan": ("Open the account plan", "打开战略手册"),
    "account.open_plan_help": ("The twelve strategy worksheets of this account, this quarter.",
                               "该客户本季度的十二张战略工作表。"),
    "account.cycle_median": ("{status}: last bought {since} = {cycles:.1f} purchase cycles of "
                             "{cycle:.0f} {cycle?day|days} (with one purchase day, the portfolio's median interval, "
                             "kept within {lo:g}–{hi:g} {hi?day|days}); active up to {dormant:g} "
                             "{dormant?cycle|cycles}, lost after {lost:g}.",
                             "{status}：最近一次购买于{since} = {cycles:.1f} 个购买周期（只有一天购买，周期取全部客户"
                             "购买间隔的中位数 {cycle:.0f} 天，限定在 {lo:g}–{hi:g} 天之间）；{dormant:g} 个周期内为活跃，"
                             "超过 {lost:g} 个周期为流失。"),
    "account.cycle": ("{status}: last bought {since} = {cycles:.1f} purchase cycles of {cycle:.0f} {cycle?day|days} "
                      "(its mean interval, kept within {lo:g}–{hi:g} {hi?day|days}); active up to {dormant:g} {dormant?cycle|cycles}, "
                      "lost after {lost:g}.",
                      "{status}：最近一次购买于{since}，即 {cycles:.1f} 个购买周期（周期 {cycle:.0f} 天，取其平均购买间隔，"
                      "限定在 {lo:g}–{hi:g} 天之间）；{dormant:g} 个周期内为活跃，超过 {lost:g} 个周期为流失。"),
    "account.receivables": ("Receivables", "应收账款"),
    "account.no_payments": ("No invoices or payments on record for this account.", "该客户没有发票或回款记录。"),
    "account.receivables_basis": ("Invoices dated up to {date}; DSO = outstanding ÷ invoiced in the {days} {days?day|days} "
                                  "before × {days}.",
                                  "统计 {date} 及之前开具的发票；周转天数 = 应收余额 ÷ 之前 {days} 天开票额 × {days}。"),
    "account.overdue_help": ("The open part of invoices past their due date.", "已过到期日的发票中未收回的部分。"),
    "account.oldest_overdue": ("Oldest overdue", "最长逾期"),
    "account.days": ("{n:,} {n?day|days}", "{n:,} 天"),
    "account.invoices": ("of {n:,} {n?invoice|invoices} in all", "发票共 {n:,} 张"),
    "account.products": ("Products bought", "购买的产品"),
    "account.products_caption": ("Net revenue per product line up to {date}, largest first; fees and postage left out.",
                                 "截至 {date} 各产品线净收入，从高到低；不含费用和运费。"),
    "account.no_products": ("No product lines bought.", "没有购买产品记录。"),
    "account.col.product_line": ("Product line", "产品线"),
    "account.col.lines": ("Order lines", "订单行"),
    "account.col.top_product": ("Top product", "主要产品"),
    "account.col.last_bought": ("Last bought", "最近购买"),
    # account page: key people
    "people.map_caption": ("Influence (1 little say … 5 decides) against attitude to us (−2 against … +2 for us); "
                           "a larger marker means more interactions in the last 12 months.",
                           "影响力（1 影响很小 … 5 拍板）与对我方态度（−2 反对 … +2 支持）；"
                           "标记越大，近 12 个月联络越多。"),
    "people.coverage": ("Roles known", "已知角色"),
    "people.no_warnings": ("No key-people risk: a sponsor, a strategic coach and a decision maker are known, no "
                           "anti-sponsor is left unattended and contact is spread over several people.",
                           "无关键人物风险：已知赞助人、战略教练和决策者，抵制者均有跟进，联络分布在多人身上。"),
    "people.warn.no_contacts": ("No contacts on record: nobody at this account is known by name.",
                                "没有联系人记录：该客户中没有已知姓名的人。"),
    "people.warn.no_sponsor": ("No sponsor: nobody at this account is known to want us to win.",
                               "没有赞助人：客户内部没有已知的、希望我们胜出的人。"),
    "people.warn.no_coach": ("No strategic coach: nobody at this account is known to tell us how it works and "
                             "decides.", "没有战略教练：客户内部没有已知的、向我们说明其运作和决策方式的人。"),
    "people.warn.no_decision_maker": ("No decision maker among the contacts.", "联系人中没有决策者。"),
    "people.warn.anti_sponsor": ("Anti-sponsor not addressed: {names} — nobody has met them for more than {days} {days?day|days}.",
                                 "抵制者未被跟进：{names} —— 已超过 {days} 天无人接触。"),
    "people.warn.single_thread": ("Single-thread risk: {name} carries {share} of the contact with this account.",
                                  "单线联系风险：与该客户的联络有 {share} 通过 {name}。"),
    "people.edit": ("Contacts", "联系人"),
    "people.edit_caption": ("Change any cell, add a row at the bottom or delete rows, then save. The list as it was "
                            "is kept in the contact history.",
                            "可直接修改单元格、在底部添加行或删除行，然后保存。修改前的名单会保存在联系人历史中。"),
    "people.save": ("Save contacts", "保存联系人"),
    "people.saved": ("{n} {n?contact|contacts} saved.", "已保存 {n} 位联系人。"),
    "people.saved_since": ("Saved elsewhere (another tab, someone else, or an import) since this page showed the "
                           "contacts. Load them before you edit, or saving here replaces them.",
                           "本页显示联系人之后，已在别处（其他标签页、其他人或导入）保存过。请先载入再编辑，否则在此保存会替换它们。"),
    "people.save_clash": ("Not saved: the contacts were saved elsewhere since this page showed them, and saving here "
                          "would drop that. Your edit is still in the table: load the saved contacts and make it "
                          "again, or save yours over them (the list they saved is kept in the history).",
                          "未保存：本页显示联系人之后，已在别处保存过，在此保存会丢掉那次修改。您的修改仍在表中："
                          "可载入已保存的联系人后重新修改，或用您的覆盖（被覆盖的名单保留在历史中）。"),
    "people.reload": ("Load the saved contacts", "载入已保存的联系人"),
    "people.keep_mine": ("Save mine over them", "用我的覆盖"),
    "people.save_failed": ("Nothing was saved — {error}", "未保存任何内容 —— {error}"),
    "people.influence_help": ("1 little say … 5 decides", "1 影响很小 … 5 拍板"),
    "people.attitude_help": ("−2 against us … +2 for us", "−2 反对我方 … +2 支持我方"),
    "people.col.name": ("Name", "姓名"),
    "people.col.title": ("Title", "职位"),
    "people.col.role": ("Role", "角色"),
    "people.col.influence": ("Influence", "影响力"),
    "people.col.attitude": ("Attitude", "态度"),
    "people.col.email": ("Email", "邮箱"),
    "people.col.phone": ("Phone", "电话"),
    "people.col.last_contact": ("Last contact, as recorded", "最近联系（档案）"),
    "people.col.interactions_12m": ("Logged interactions, 12 months", "近 12 个月联络记录"),
    "people.col.last_touch": ("Last touch, record or log", "最近接触（档案或记录）"),
    "people.recent": ("Recent interactions", "最近联络"),
    "people.no_interactions": ("No interactions on record.", "暂无联络记录。"),
    "people.col.ts": ("Date", "日期"),
    "people.col.kind": ("Type", "类型"),
    "people.col.contact": ("Contact", "联系人"),
    "people.col.score": ("Score", "评分"),
    "people.col.note": ("Note", "备注"),
    "people.kind.visit": ("Visit", "拜访"),
    "people.kind.call": ("Call", "电话"),
    "people.kind.task": ("Task", "任务"),
    "people.kind.complaint": ("Complaint", "投诉"),
    "people.kind.praise": ("Praise", "表扬"),
    "people.kind.suggestion": ("Suggestion", "建议"),
    "people.kind.survey": ("Survey", "调查"),
    # charts
    "chart.people_title": ("Key-people map", "关键人物图"),
    "chart.people_influence": ("Influence", "影响力"),
    "chart.people_attitude": ("Attitude to us", "对我方态度"),
    "chart.people_against": ("−2 against", "−2 反对"),
    "chart.people_neutral": ("0 neutral", "0 中立"),
    "chart.people_for": ("+2 for us", "+2 支持"),
    "chart.people_low": ("1 little say", "1 影响很小"),
    "chart.people_high": ("5 decides", "5 拍板"),
    "chart.people_interactions": ("Interactions, 12 months", "近 12 个月联络"),
    "chart.people_last_touch": ("Last touch", "最近接触"),
    "chart.people_unplaced": ("Not drawn (no influence or attitude): {names}", "未显示（缺少影响力或态度）：{names}"),
    "chart.people_none": ("No contacts with influence and attitude to draw", "没有可显示的联系人（需有影响力和态度）"),
    "chart.people_completeness": ("Worksheets saved for {period}", "{period} 已保存的工作表"),
    "chart.people_filled": ("Saved", "已填写"),
    "chart.people_empty": ("Not saved", "未填写"),
    "chart.people_overdue": ("Overdue milestones (worksheet 8)", "逾期里程碑（工作表 8）"),
    "chart.people_worksheet": ("Worksheet", "工作表"),
    # plan completeness page
    "plans.title": ("Plan completeness", "战略手册填写进度"),
    "plans.intro": ("Which key accounts have which of the twelve worksheets saved for the quarter, and which "
                    "milestones are overdue. Click an account to open its plan.",
                    "各大客户本季度已保存了十二张工作表中的哪些，哪些里程碑已逾期。点击客户可打开其战略手册。"),
    "plans.period": ("Quarter", "季度"),
    "plans.tiers": ("Tiers counted as key accounts", "计为大客户的级别"),
    "plans.no_tiers": ("Choose at least one tier.", "请至少选择一个级别。"),
    "plans.no_accounts": ("No account is in the chosen tiers.", "所选级别中没有客户。"),
    "plans.accounts": ("Key accounts", "大客户数"),
    "plans.full": ("Complete plans", "完整计划"),
    "plans.full_help": ("Key accounts with all twelve worksheets saved for the quarter.",
                        "本季度十二张工作表全部保存的大客户数。"),
    "plans.share": ("Worksheets saved", "工作表填写率"),
    "plans.share_help": ("Saved worksheets ÷ (key accounts × 12). A worksheet counts once it holds something beyond "
                         "its defaults.", "已保存工作表数 ÷（大客户数 × 12）。工作表中有默认值以外的内容才计入。"),
    "plans.started": ("{n:,} {n?plan|plans} started", "{n:,} 个计划已开始"),
    "plans.as_of_note": ("Plans are of this quarter, {period}, their milestones overdue by today; the analysis date, "
                         "{chosen}, sets the accounts' figures only.",
                         "战略手册按本季度 {period} 显示，里程碑按今天判断是否逾期；分析日期 {chosen} 只用于客户的各项数字。"),
    "plans.as_of_quarter_note": ("Plans are of {period}, the quarter of the analysis date chosen in the sidebar, "
                                 "{chosen}; their milestones are overdue by today.",
                                 "战略手册按侧边栏所选分析日期 {chosen} 所在的季度 {period} 显示；里程碑按今天判断是否逾期。"),
    "plans.lines_quarter_note": ("Plans are of {period}: the order lines end on {last}, before last quarter, so their "
                                 "own quarter is planned; their milestones are overdue by today. Choose an analysis "
                                 "date in the sidebar for another quarter.",
                                 "订单行截至 {last}，早于上一季度，因此战略手册按其所在季度 {period} 显示；里程碑按今天判断"
                                 "是否逾期。如需其他季度，请在侧边栏选择分析日期。"),
    "plans.overdue": ("Overdue milestones, {period}", "已逾期里程碑（{period}）"),
    "plans.overdue_help": ("Milestones in the latest short-term metrics worksheet (8) of the quarter, not done and "
                           "past their date today ({today}).",
                           "本季度最新短期指标工作表（8）中未完成且已过期限的里程碑（按今天 {today} 判断）。"),
    "plans.capped": ("The heatmap shows {shown} of {n:,} key accounts: those with most worksheets saved, then the "
                     "largest. The table lists all.",
                     "热力图显示 {n:,} 个大客户中的 {shown} 个：已保存工作表最多者优先，其次按收入。下表列出全部。"),
    "plans.table": ("Key accounts and their plans", "大客户计划一览"),
    "plans.open_plan": ("Open this account's plan", "打开该客户的战略手册"),
    "plans.col.plan": ("Plan", "战略手册"),
    "plans.col.filled": ("Worksheets saved", "已填工作表"),
    "plans.col.overdue_milestones": ("Overdue milestones", "逾期里程碑"),
    "plans.milestones": ("Overdue milestones", "逾期里程碑"),
    "plans.no_overdue": ("No overdue milestones in {period}.", "{period} 没有逾期的里程碑。"),
    "plans.col.milestone": ("Milestone", "里程碑"),
    "plans.col.due": ("Due", "期限"),
    "plans.col.owner": ("Owner", "负责人"),
    "plans.col.days_overdue": ("Days overdue", "逾期天数"),
}
