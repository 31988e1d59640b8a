"""The strings of the coverage, goals and relationship pages.

Merged into :data:`kamp.i18n.TEXTS`; each entry is (English, 中文).
"""
from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "nav.coverage": ("Coverage & goals", "覆盖与目标"),
    "nav.relationship": ("Relationship levels", "关系层级"),
    # coverage & goals page (seed 003)
    "coverage.title": ("Coverage & goals", "客户覆盖与目标"),
    "coverage.intro": ("The higher the tier, the more selling time: each tier gets a coverage model and hours per "
                       "account per year. Compare the capacity this needs with the reps you have, see each owner's "
                       "load, and steer the top tiers by share of wallet and the rest by revenue.",
                       "级别越高，投入的销售资源越多：为每个级别选择覆盖方式和每个客户每年的销售小时数，"
                       "对比所需的销售能力与现有销售人员，查看每位负责人的工作量；最高的几个级别以钱包份额为目标，"
                       "其余级别以收入为目标。"),
    "coverage.models": ("Coverage model per tier", "各级别的覆盖方式"),
    "coverage.models_help": ("Edit the model and the selling hours per account per year, then save them as the "
                             "settings. The figures below follow your edits at once; tiers below the last row "
                             "take the last row's model. Call-centre hours are telesales time, not the reps'.",
                             "修改覆盖方式和每个客户每年的销售小时数，然后保存为设置。下面的数字会立即按您的修改"
                             "更新；表中最后一行以下的级别沿用最后一行的覆盖方式。电话销售的小时数属于电话销售中心，"
                             "不占用销售代表的时间。"),
    "coverage.hours_help": ("Selling hours one account of this tier takes per year (visits, calls, proposals, "
                            "service).", "该级别一个客户每年占用的销售小时数（拜访、电话、方案、服务）。"),
    "coverage.rep_hours": ("Selling hours per rep per year", "每名销售每年的销售小时数"),
    "coverage.rep_hours_help": ("The capacity of one account owner: the hours a rep spends selling in a year.",
                                "一名客户负责人的能力：销售代表一年中用于销售的小时数。"),
    "coverage.bad_models": ("The coverage table cannot be used, so the figures below use the saved settings: "
                            "{error}", "覆盖方式表有误，下面的数字仍按已保存的设置计算：{error}"),
    "coverage.unsaved": ("Unsaved changes: the figures below show them.", "有未保存的修改：下面的数字已按修改计算。"),
    "coverage.save": ("Save as settings", "保存为设置"),
    "coverage.saved": ("Coverage settings saved.", "覆盖设置已保存。"),
    "coverage.reset": ("Restore the defaults", "恢复默认值"),
    "coverage.hours_needed": ("Hours needed", "所需小时数"),
    "coverage.hours_needed_help": ("Field selling hours the coverage models need in a year: accounts × hours per "
                                   "account, summed over the tiers served by reps. Call centre on top: "
                                   "{call_centre} h.",
                                   "各覆盖方式一年所需的外勤销售小时数：客户数 × 每客户小时数，按由销售代表服务的"
                                   "级别相加。另有电话销售 {call_centre} 小时。"),
    "coverage.hours_available": ("Hours available", "可用小时数"),
    "coverage.hours_available_help": ("{reps} account owners × {hours} selling hours each.",
                                      "{reps} 名客户负责人 × 每人 {hours} 销售小时。"),
    "coverage.gap": ("Capacity gap (hours)", "能力缺口（小时）"),
    "coverage.short": ("short of capacity", "能力不足"),
    "coverage.spare": ("spare capacity", "能力富余"),
    "coverage.gap_help": ("Hours needed − hours available. The reps' time is {share} used.",
                          "所需小时数 − 可用小时数。销售代表的时间利用率为 {share}。"),
    "coverage.reps": ("Reps needed / on staff", "所需 / 现有销售人数"),
    "coverage.reps_help": ("Reps needed = hours needed ÷ selling hours per rep, rounded up; on staff = distinct "
                           "account owners.", "所需人数 = 所需小时数 ÷ 每人销售小时数（向上取整）；"
                           "现有人数 = 不同的客户负责人数。"),
    "coverage.reps_needed": ("Reps needed", "所需销售人数"),
    "coverage.reps_short": ("Covering the accounts as set takes {needed:,} {needed?rep|reps}; {reps:,} {reps?is|are} "
                            "on staff, {more:,} short. Fewer accounts on 1:1 or 1:few, or fewer hours per account, "
                            "narrow the gap.",
                            "按当前覆盖方式需要 {needed:,} 名销售，现有 {reps:,} 名，缺 {more:,} 名。减少采用 1:1 或 1:few "
                            "覆盖的客户，或降低每客户小时数，可缩小缺口。"),
    "coverage.unowned": ("Unowned accounts", "无负责人客户"),
    "coverage.unowned_help": ("Accounts whose master record names no sales rep.", "客户主数据中没有指定销售代表的客户。"),
    "coverage.owner_load": ("Each owner's load", "各负责人的工作量"),
    "coverage.owner_load_help": ("The field hours each owner's accounts need, as a share of one rep's year "
                                 "({hours} h); above 100% the book is more than one person can cover.",
                                 "每位负责人名下客户所需的外勤小时数占一名销售一年（{hours} 小时）的比例；"
                                 "超过 100% 表示一个人覆盖不过来。"),
    "coverage.load_help": ("Hours needed ÷ one rep's selling hours; 100% is a full year.",
                           "所需小时数 ÷ 一人销售小时数；100% 即一整年。"),
    "coverage.unowned_title": ("Accounts with no owner", "无负责人的客户"),
    "coverage.unowned_caption": ("{n:,} {n?account has|accounts have} no sales rep, largest first; select a row to open the account.",
                                 "{n:,} 个客户没有销售代表（按收入从高到低）；选中一行打开该客户。"),
    "coverage.all_owned": ("Every account has an owner.", "每个客户都有负责人。"),
    "coverage.goals": ("Goals", "客户目标"),
    "coverage.goals_help": ("The top tiers are steered by share of wallet (our revenue in the last 12 "
                            "months ÷ the customer's yearly spend in our category), the others by revenue against "
                            "the year before grown by the target.",
                            "最高的几个级别以钱包份额为目标（近 12 个月我方收入 ÷ 客户在本品类的年采购总额），"
                            "其余级别以收入为目标（上一年收入 × (1 + 增长目标)）。"),
    "coverage.share_tiers": ("Tiers steered by share of wallet", "以钱包份额为目标的级别数"),
    "coverage.share_tiers_help": ("The best this many tiers get a share-of-wallet goal; a top-tier account with no "
                                  "wallet estimate gets a revenue goal instead.",
                                  "最高的这几个级别以钱包份额为目标；其中没有采购总额估计的客户改用收入目标。"),
    "coverage.share_target": ("Target share of wallet (%)", "目标钱包份额（%）"),
    "coverage.share_target_help": ("Our revenue ÷ the customer's spend in our category that we aim for.",
                                   "希望达到的我方收入占客户本品类采购额的比例。"),
    "coverage.growth_target": ("Revenue growth target (%)", "收入增长目标（%）"),
    "coverage.growth_target_help": ("Revenue target = revenue of the 12 months before × (1 + this).",
                                    "收入目标 = 前一个 12 个月的收入 × (1 + 增长目标)。"),
    "coverage.save_goals": ("Save goals", "保存目标"),
    "coverage.tab_sow": ("Share-of-wallet goals ({n})", "钱包份额目标（{n}）"),
    "coverage.tab_revenue": ("Revenue goals ({n})", "收入目标（{n}）"),
    "coverage.no_sow": ("No account has a share-of-wallet goal: no top-tier account has a wallet estimate.",
                        "没有钱包份额目标的客户：最高的几个级别中没有客户有采购总额估计。"),
    "coverage.needs_wallet_elsewhere": ("{n:,} more top-tier accounts have no wallet estimate: they are steered by "
                                        "revenue, under Revenue goals.", "最高的几个级别中另有 {n:,} 个客户没有采购总额估计，按收入考核，见“收入目标”。"),
    "coverage.over_wallet": ("{n:,} {n?account buys|accounts buy} more from us than {n?its|their} wallet estimate "
                             "(a share above 100%): the estimate is too low, and worth correcting in the accounts file.",
                             "{n:,} 个客户从我们这里的采购额超过其采购总额估计（份额超过 100%）：估计偏低，值得在客户档案中更正。"),
    "coverage.needs_wallet": ("{n:,} top-tier accounts are steered by revenue only because their wallet estimate is "
                              "missing (ticked in the list).", "最高的几个级别中有 {n:,} 个客户因缺少采购总额估计而按收入考核"
                              "（列表中已勾选）。"),
    # relationship levels page (seeds 000, 001)
    "relationship.title": ("Relationship levels", "客户关系层级"),
    "relationship.intro": ("Kotler's five levels — basic, reactive, accountable, proactive, partnership — "
                           "recommended from the number of accounts in the tier and the margin, against the level "
                           "you assess for each key account, with its place on the business pyramid now and "
                           "targeted.", "科特勒的五种关系层级（基本型、被动型、负责型、能动型、伙伴型）按级别内客户"
                           "数量和毛利水平推荐，与您为每个大客户评估的实际层级对比，并记录其在公司业务金字塔中的"
                           "当前与目标层级。"),
    "relationship.recommended": ("Recommended level", "推荐的关系层级"),
    "relationship.no_cost": ("No order line carries a cost, so no account has a margin and no level can be "
                             "recommended: the levels follow the number of accounts in a tier and their margin. "
                             "Import transactions with a cost column to see them.",
                             "没有订单行带有成本，因此客户没有毛利，无法推荐关系层级（层级取决于级别内的客户数和毛利）。"
                             "导入带成本列的交易数据，即可看到推荐层级。"),
    "relationship.recommended_help": ("Accounts per tier by the level the rule table recommends; accounts whose "
                                      "margin is unknown get none.", "各级别按规则表推荐层级的客户数；"
                                      "毛利未知的客户没有推荐。"),
    "relationship.about_basic": ("sell, then no further contact.", "销售之后不再联系。"),
    "relationship.about_reactive": ("sell and invite the customer to call with any problem.",
                                    "销售并鼓励客户在遇到问题时来电。"),
    "relationship.about_accountable": ("call soon after the sale to check it met expectations and ask for "
                                       "improvements.", "售后不久致电，确认是否符合期望并征求改进意见。"),
    "relationship.about_proactive": ("keep calling with ideas for better use and useful new products.",
                                     "经常联系客户，提供改进使用的建议和有用的新产品信息。"),
    "relationship.about_partnership": ("work with the customer continuously to find ways to save or to buy better.",
                                       "与客户持续合作，寻找帮助客户节约成本或更好采购的方法。"),
    "relationship.grade_high": ("High", "高"),
    "relationship.grade_medium": ("Medium", "中"),
    "relationship.grade_low": ("Low", "低"),
    "relationship.edit_rules": ("Edit the rule table and thresholds", "编辑规则表和阈值"),
    "relationship.rules_help": ("Many customers with thin margins — basic; few customers with high margins "
                                "— partnership. Each cell is the level for that number of accounts and margin.",
                                "客户多、单位毛利低——基本型；客户少、毛利高——伙伴型。每个单元格是该客户"
                                "数量与毛利水平对应的层级。"),
    "relationship.accounts_in_tier": ("Accounts in the tier", "级别内客户数量"),
    "relationship.count_many": ("Many", "多"),
    "relationship.count_medium": ("Medium", "中"),
    "relationship.count_few": ("Few", "少"),
    "relationship.margin_high": ("High margin", "高毛利"),
    "relationship.margin_medium": ("Medium margin", "中等毛利"),
    "relationship.margin_low": ("Low margin", "低毛利"),
    "relationship.few_max": ("“Few” means at most (accounts)", "“少”的上限（客户数）"),
    "relationship.medium_max": ("“Medium” means at most (accounts)", "“中”的上限（客户数）"),
    "relationship.low_margin": ("Low margin below (%)", "低毛利：低于（%）"),
    "relationship.high_margin": ("High margin from (%)", "高毛利：不低于（%）"),
    "relationship.bad_rules": ("The rules cannot be saved: {error}", "规则无法保存：{error}"),
    "relationship.save_rules": ("Save rules", "保存规则"),
    "relationship.reset_rules": ("Restore the defaults", "恢复默认值"),
    "relationship.rules_saved": ("Relationship rules saved.", "关系层级规则已保存。"),
    "relationship.key_accounts": ("Key accounts", "大客户"),
    "relationship.tier": ("Tier", "客户级别"),
    "relationship.tier_help": ("The top tier by default: the key accounts.", "默认为最高级别，即大客户。"),
    "relationship.n_accounts": ("Accounts in the tier", "该级别客户数"),
    "relationship.n_assessed": ("Assessed", "已评估"),
    "relationship.n_shallow": ("Below recommended", "低于推荐层级"),
    "relationship.shallow_help": ("Assessed below the recommended level: the economics warrant a deeper "
                                  "relationship.", "实际层级低于推荐层级：从经济上看值得加深关系。"),
    "relationship.n_deep": ("Above recommended", "高于推荐层级"),
    "relationship.deep_help": ("Assessed above the recommended level: more effort than the margin and numbers pay "
                               "for.", "实际层级高于推荐层级：投入超过了毛利和客户数量所能支撑的程度。"),
    "relationship.gap_help": ("Level gap = recommended − assessed, in levels: positive means deepen the "
                              "relationship, negative means it costs more than it earns. Pyramid gap = target − now.",
                              "层级差 = 推荐 − 实际（以层级计）：正数表示应加深关系，负数表示投入超过回报。"
                              "金字塔差 = 目标 − 当前。"),
    "relationship.none_assessed": ("No account of this tier has been assessed yet: record one below.",
                                   "该级别还没有客户被评估，请在下方记录。"),
    "relationship.assess": ("Record an assessment", "记录评估"),
    "relationship.account": ("Account", "客户"),
    "relationship.assess_help": ("Recommended level: {level}. Each save adds a row to the history; nothing is "
                                 "overwritten.", "推荐层级：{level}。每次保存都会在历史中新增一行，不会覆盖。"),
    "relationship.actual_level": ("Actual relationship level", "实际关系层级"),
    "relationship.pyramid_now": ("Business pyramid now", "业务金字塔：当前"),
    "relationship.pyramid_target": ("Business pyramid target", "业务金字塔：目标"),
    "relationship.note": ("Note", "备注"),
    "relationship.note_hint": ("What the level rests on, what would move it up…", "评估依据、如何提升层级……"),
    "relationship.save_assessment": ("Save assessment", "保存评估"),
    "relationship.assessment_saved": ("Assessment of {account} saved.", "已保存 {account} 的评估。"),
    "relationship.history": ("Assessments of {account}", "{account} 的评估记录"),
    "relationship.no_history": ("No assessment of this account yet.", "该客户还没有评估记录。"),
    "relationship.assessed_by": ("By", "评估人"),
    # charts
    "chart.coverage_capacity": ("Sales capacity needed vs available (hours per year)", "所需与可用的销售能力（小时/年）"),
    "chart.coverage_needed": ("Needed (field)", "所需（外勤）"),
    "chart.coverage_available": ("Available (reps)", "可用（销售代表）"),
    "chart.coverage_call_centre": ("Call centre", "电话销售"),
    "chart.coverage_hours_unit": ("h", "小时"),
    "chart.coverage_hours_axis": ("Hours per year", "小时/年"),
    "chart.coverage_reps_times": ("{reps} {reps?rep|reps} × {hours} h = {total}", "{reps} 人 × {hours} 小时 = {total}"),
    "chart.coverage_short": ("short by {hours}", "缺口 {hours}"),
    "chart.coverage_spare": ("{hours} spare", "富余 {hours}"),
    "chart.coverage_owner_load": ("Load per owner (share of one rep's year)", "各负责人的工作量（占一人一年的比例）"),
    "chart.coverage_no_owners": ("No account has an owner", "没有客户指定负责人"),
    "coverage.no_owners": ("No account has an owner yet: import accounts with an owner (sales rep) column to set "
                           "the reps' hours against the hours needed and see each owner's load.",
                           "尚无客户指定负责人：导入带负责人（销售代表）列的客户资料，即可将销售人员的可用小时数与所需小时数"
                           "对照，并查看各负责人的工作量。"),
    "chart.coverage_no_prior_year": ("No revenue target: a target grows the year before's revenue, and the order "
                                     "lines do not reach back to it. Import older lines, or give the top tiers "
                                     "wallet estimates for share-of-wallet goals.",
                                     "暂无收入目标：目标按上一年收入增长设定，而订单数据未覆盖上一年。"
                                     "请导入更早的订单数据，或为最高的几个级别中的客户填写采购总额估计以设定钱包份额目标。"),
    "chart.coverage_full_year": ("one rep's year", "一人一年"),
    "chart.coverage_top_of": ("the {n} most loaded of {total:,} owners", "{total:,} 位负责人中工作量最大的 {n} 位"),
    "chart.coverage_load_axis": ("Hours needed ÷ one rep's selling hours", "所需小时数 ÷ 一人销售小时数"),
    "chart.coverage_sow_title": ("Share of wallet vs target — {met} of {n} {n?account|accounts} on target",
                                 "钱包份额与目标——{n} 个客户中 {met} 个达标"),
    "chart.coverage_sow": ("Share of wallet", "钱包份额"),
    "chart.coverage_wallet": ("Wallet estimate", "采购总额估计"),
    "chart.coverage_wallet_axis": ("Wallet estimate (log scale)", "采购总额估计（对数刻度）"),
    "chart.coverage_target": ("Target", "目标"),
    "chart.coverage_target_share": ("target {share}", "目标 {share}"),
    "chart.coverage_revenue_gap": ("Revenue to target", "距目标的收入差额"),
    "chart.coverage_revenue_title": ("Revenue vs target — {met} of {n} {n?account|accounts} on target",
                                     "收入与目标——{n} 个客户中 {met} 个达标"),
    "chart.coverage_revenue_12m": ("Revenue, last 12 months", "近 12 个月收入"),
    "chart.coverage_attainment": ("Attainment", "完成率"),
    "chart.coverage_on_target": ("On target", "达标线"),
    "chart.coverage_not_shown": ("{n} {n?account|accounts} without a target or revenue not shown",
                                 "{n} 个无目标或无收入的客户未显示"),
    "chart.coverage_target_axis": ("Revenue target (log scale)", "收入目标（对数刻度）"),
    "chart.coverage_revenue_axis": ("Revenue, last 12 months (log scale)", "近 12 个月收入（对数刻度）"),
    "chart.rel_rules": ("Kotler's rule table: accounts × margin → level", "科特勒规则表：客户数量 × 毛利 → 关系层级"),
    "chart.rel_n_accounts": ("{n} {n?account|accounts}", "{n} 个客户"),
    "chart.rel_margin_axis": ("Margin level", "毛利水平"),
    "chart.rel_count_axis": ("Accounts in the tier", "级别内客户数量"),
    "chart.rel_margin_low": ("Low (< {low})", "低（< {low}）"),
    "chart.rel_margin_medium": ("Medium", "中"),
    "chart.rel_margin_high": ("High (≥ {high})", "高（≥ {high}）"),
    "chart.rel_count_many": ("Many (> {medium})", "多（> {medium}）"),
    "chart.rel_count_medium": ("Medium (≤ {medium})", "中（≤ {medium}）"),
    "chart.rel_count_few": ("Few (≤ {few})", "少（≤ {few}）"),
    "chart.rel_gap": ("Recommended vs actual relationship level", "推荐与实际关系层级"),
    "chart.rel_recommended": ("Recommended", "推荐"),
    "chart.rel_actual": ("Actual", "实际"),
    "chart.rel_gap_levels": ("Gap (levels)", "层级差"),
    "chart.rel_level_axis": ("Relationship level", "关系层级"),
    "chart.rel_none_assessed": ("No assessments yet", "尚无评估"),
    "chart.rel_pyramid": ("Business pyramid: now → target", "公司业务金字塔：当前 → 目标"),
    "chart.rel_pyramid_now": ("Now", "当前"),
    "chart.rel_pyramid_target": ("Target", "目标"),
    "chart.rel_pyramid_axis": ("Business pyramid level", "业务金字塔层级"),
    # column labels
    "col.model": ("Coverage model", "覆盖方式"),
    "col.hours_per_account": ("Hours per account per year", "每客户每年小时数"),
    "col.hours_needed": ("Hours needed", "所需小时数"),
    "col.owners": ("Owners", "负责人数"),
    "col.unowned": ("No owner", "无负责人"),
    "col.owner": ("Owner", "负责人"),
    "col.load": ("Load", "工作量"),
    "col.share_of_wallet": ("Share of wallet", "钱包份额"),
    "col.target_share": ("Target share", "目标份额"),
    "col.attainment": ("Attainment", "完成率"),
    "col.revenue_gap": ("Revenue to target", "距目标差额"),
    "col.target_revenue": ("Revenue target", "收入目标"),
    "col.needs_wallet": ("No wallet estimate", "缺采购总额估计"),
    "col.tier_accounts": ("Accounts", "客户数"),
    "col.accounts_level": ("Few / medium / many", "数量（少/中/多）"),
    "col.no_margin": ("No margin known", "毛利未知"),
    "col.margin_level": ("Margin level", "毛利水平"),
    "col.recommended": ("Recommended level", "推荐层级"),
    "col.kotler_level": ("Actual level", "实际层级"),
    "col.level_gap": ("Level gap", "层级差"),
    "col.pyramid_now": ("Pyramid now (1–5)", "金字塔当前（1–5）"),
    "col.pyramid_target": ("Pyramid target (1–5)", "金字塔目标（1–5）"),
    "col.pyramid_gap": ("Pyramid gap", "金字塔差"),
}
