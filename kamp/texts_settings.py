"""The strings of the settings page and the first-start welcome.

Merged into :data:`kamp.i18n.TEXTS`; each entry is (English, 中文).
"""
from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "nav.settings": ("Settings", "设置"),
    # the page
    "settings.title": ("Settings", "设置"),
    "settings.intro": ("The rules the analyses follow are data: change them here, save, and every page uses them at "
                       "once. “Reset to defaults” forgets a section's saved values.",
                       "各项分析所依据的规则都是数据：在此修改并保存后，所有页面立即采用。“恢复默认值”会清除该部分已保存的值。"),
    "settings.customised": ("Changed from the defaults: {names}.", "与默认值不同的设置：{names}。"),
    "settings.all_default": ("Every setting has its default value.", "所有设置均为默认值。"),
    "settings.save": ("Save", "保存"),
    "settings.reset": ("Reset to defaults", "恢复默认值"),
    "settings.reset_help": ("Forget the saved values of this section: {names}.", "清除本部分已保存的值：{names}。"),
    "settings.saved": ("Saved: {names}.", "已保存：{names}。"),
    "settings.reset_done": ("Defaults restored: {names}.", "已恢复默认值：{names}。"),
    "settings.unsaved": ("Unsaved changes.", "有未保存的修改。"),
    "settings.differs": ("● Saved, differs from the default: {names}.", "● 已保存，与默认值不同：{names}。"),
    "settings.is_default": ("Default values.", "当前为默认值。"),
    "settings.stored_since": ("Saved elsewhere (another tab, or someone else) since this page showed it: {names}. "
                              "Saving here keeps that unless you change the same setting.",
                              "自本页显示以来已在别处（另一个标签页或其他人）保存：{names}。在此保存会保留那次修改，"
                              "除非您修改了同一设置。"),
    "settings.save_clash": ("Not saved: {names} was saved elsewhere since this page showed it, and saving here would "
                            "undo that. Load the stored values, then make your change again.",
                            "未保存：自本页显示以来，{names}已在别处保存，在此保存会覆盖那次修改。请先载入已保存的值，"
                            "再重新修改。"),
    "settings.reload": ("Load the stored values", "载入已保存的值"),
    "settings.invalid": ("“{rule}” cannot be saved — {error}", "“{rule}”无法保存——{error}"),
    # tabs
    "settings.tab.segments": ("Segments", "RFM 细分"),
    "settings.tab.abc": ("ABC", "ABC 分类"),
    "settings.tab.tiers": ("Tiers", "客户分级"),
    "settings.tab.status": ("Status", "活跃状态"),
    "settings.tab.coverage": ("Coverage & goals", "覆盖与目标"),
    "settings.tab.relationship": ("Relationship", "关系与策略"),
    "settings.tab.data": ("Import & DSO", "导入与应收"),
    "settings.tab.display": ("Display", "显示"),
    "settings.tab.profiles": ("Mappings", "字段映射方案"),
    # one name and one help text per setting (kamp.store.SETTINGS)
    "settings.name.rfm_segments": ("RFM segment table", "RFM 细分规则表"),
    "settings.help.rfm_segments": (
        "Rules evaluated in order on R and FM = (F + M) ÷ 2 (scores 1–5); the first rule an account matches names "
        "its segment. Add, edit or delete rows.",
        "按顺序对 R 与 FM =（F + M）÷ 2（1–5 分）逐条判断，客户命中的第一条规则决定其细分。可增加、修改或删除行。"),
    "settings.name.abc_cuts": ("ABC cuts", "ABC 分界点"),
    "settings.help.abc_cuts": (
        "The largest accounts are class A until their cumulative share of revenue reaches the first cut, then B up "
        "to the second; the rest are C.",
        "按收入从大到小累计，累计占比达到第一个分界点之前为 A 类，达到第二个分界点之前为 B 类，其余为 C 类。"),
    "settings.name.status_rules": ("Activity status thresholds", "活跃状态阈值"),
    "settings.help.status_rules": (
        "An account is active while the days since its last purchase stay within this many of its own purchase "
        "cycles, dormant up to the second number, lost after. The cycle is the account's mean interval between "
        "purchase days, kept between the minimum and maximum.",
        "距上次购买的天数不超过客户自身购买周期的该倍数时为活跃，不超过第二个倍数时为休眠，超过则为流失。"
        "购买周期为客户两次购买日之间的平均间隔，限制在最短与最长天数之间。"),
    "settings.name.tier_scheme": ("Tier names", "级别命名"),
    "settings.help.tier_scheme": ("The names of the tiers, best first: pyramid (Major / Named / Non-named / "
                                  "Mass-market) or metals (Platinum / Gold / Silver).",
                                  "各级别名称（从高到低）：金字塔（重要客户/次重要客户/一般客户/不重要客户）或金属"
                                  "（白金卡/金卡/银卡）。"),
    "settings.name.tier_k": ("Number of tiers", "级别数"),
    "settings.help.tier_k": ("Four by default (the pyramid's four levels); “best silhouette” lets the data choose "
                             "between 2 and 8.", "默认为 4（金字塔四级）；选择“按轮廓系数”则由数据在 2–8 之间选定。"),
    "settings.name.tier_features": ("Tier features", "分级特征"),
    "settings.help.tier_features": ("The account figures the tiers cluster on (log-scaled and standardised).",
                                    "分级聚类所用的客户指标（取对数并标准化）。"),
    "settings.name.tier_seed": ("Tier clustering seed", "分级随机种子"),
    "settings.help.tier_seed": ("The same seed gives the same tiers; change it only to test how stable they are.",
                                "相同的种子得出相同的分级；仅在检验分级稳定性时修改。"),
    "settings.name.coverage_models": ("Coverage models", "覆盖方式"),
    "settings.help.coverage_models": (
        "Per tier rank (1 = best tier; lower tiers take the last row): the coverage model and the selling hours "
        "per account per year.",
        "按级别排名（1 = 最高级别；更低的级别沿用最后一行）：覆盖方式及每个客户每年投入的销售小时数。"),
    "settings.name.rep_hours_per_year": ("Selling hours per rep per year", "每名销售每年的销售小时数"),
    "settings.help.rep_hours_per_year": ("The capacity of one account owner.", "一名客户负责人的销售能力。"),
    "settings.name.goal_rules": ("Goal rules", "目标规则"),
    "settings.help.goal_rules": (
        "The best tiers are steered by share of wallet against the target share; the others by revenue against "
        "the prior 12 months × (1 + growth target).",
        "最高的几个级别以钱包份额对照目标份额考核；其余级别以收入对照前 12 个月 ×（1 + 增长目标）考核。"),
    "settings.name.relationship_rules": ("Relationship level table", "关系层级规则表"),
    "settings.help.relationship_rules": (
        "Kotler's relationship level for each number of accounts in the tier (many / medium / few) and margin "
        "level (high / medium / low).",
        "按级别内客户数量（多/中/少）与毛利水平（高/中/低）确定的科特勒关系层级。"),
    "settings.name.relationship_thresholds": ("Relationship thresholds", "关系层级阈值"),
    "settings.help.relationship_thresholds": (
        "How many accounts count as few or medium, and which margin counts as high or low.",
        "多少客户算“少”或“中”，多高的毛利率算“高”或“低”。"),
    "settings.name.strategy_cuts": ("Strategy grid cuts", "策略矩阵分界点"),
    "settings.help.strategy_cuts": (
        "Attractiveness and strength scores (0–100) below the first cut are low, at or above the second high; "
        "the 3 × 3 grid gives the strategy.",
        "吸引力与实力得分（0–100）低于第一个分界点为低，不低于第二个分界点为高；3 × 3 矩阵给出策略。"),
    "settings.name.non_product_codes": ("Non-product codes", "非产品编码"),
    "settings.help.non_product_codes": (
        "Product codes that are fees, postage, adjustments or vouchers rather than goods, separated by commas; "
        "case does not matter and '*' matches any ending. Applies to files imported from now on.",
        "属于费用、运费、调整或礼券而非商品的产品编码，用逗号分隔；不区分大小写，“*”匹配任意结尾。"
        "对此后导入的文件生效。"),
    "settings.name.memory_limit": ("Import memory limit", "导入内存上限"),
    "settings.help.memory_limit": ("How much memory the database may use while importing before it spills to "
                                   "disk, such as 512MB or 2GB.",
                                   "导入时数据库可使用的内存，超出后写入磁盘临时文件，例如 512MB 或 2GB。"),
    "settings.name.dso_period_days": ("DSO period (days)", "应收账款周转天数计算期（天）"),
    "settings.help.dso_period_days": ("Days sales outstanding = outstanding ÷ what was invoiced in this many days "
                                      "up to the as-of date × the days.",
                                      "应收账款周转天数 = 未收金额 ÷ 截至分析日该天数内的开票金额 × 天数。"),
    "settings.name.money_units": ("Money units", "金额单位"),
    "settings.help.money_units": ("How large amounts are shortened in the pages' headline figures: k / M / B, or "
                                  "in Chinese 万 and 亿 (English always uses k / M / B).",
                                  "页面指标中大额金额的缩写方式：k / M / B，或中文的万与亿（英文界面始终使用 k / M / B）。"),
    "settings.name.show_welcome": ("Welcome box", "欢迎提示"),
    "settings.help.show_welcome": ("Whether the overview greets you with what the demo data is, while the "
                                   "database holds nothing else. Got it turns it off; tick it here to see it again.",
                                   "数据库中只有演示数据时，概览页是否先显示欢迎提示，说明演示数据是什么。点“知道了”即关闭；"
                                   "在此勾选可再次显示。"),
    # the fields of each section
    "settings.abc_a": ("A closes at (% cumulative)", "A 类截止（累计 %）"),
    "settings.abc_b": ("B closes at (% cumulative)", "B 类截止（累计 %）"),
    "settings.status.dormant_after_cycles": ("Dormant after (cycles)", "超过几个周期为休眠"),
    "settings.status.lost_after_cycles": ("Lost after (cycles)", "超过几个周期为流失"),
    "settings.status.min_cycle_days": ("Shortest cycle (days)", "最短周期（天）"),
    "settings.status.max_cycle_days": ("Longest cycle (days)", "最长周期（天）"),
    "settings.tier_preview": ("Tier names, best first: {names}", "级别名称（从高到低）：{names}"),
    "settings.col.tier_rank": ("Tier rank (1 = best)", "级别排名（1 = 最高）"),
    "settings.strategy_low": ("Strategy grid: low below", "策略矩阵：低于此值为低"),
    "settings.strategy_high": ("Strategy grid: high from", "策略矩阵：不低于此值为高"),
    "settings.units.short": ("k / M / B (13.18k, 215.92M)", "k / M / B（13.18k、215.92M）"),
    "settings.units.wan": ("万 / 亿 in Chinese (1.32万, 2.16亿)", "中文万 / 亿（1.32万、2.16亿）"),
    "settings.units_example": ("123,456,789 shows as {value} in the language now chosen.",
                               "123,456,789 在当前语言下显示为 {value}。"),
    # mapping profiles
    "settings.profiles_intro": (
        "When you import a file, the way its headers map to fields is remembered and offered for the next file "
        "with the same headers. Deleting a profile only means that file's headers are matched afresh.",
        "导入文件时，表头与字段的对应关系会被记住，下次导入相同表头的文件时自动沿用。删除方案只会让该表头重新自动匹配。"),
    "settings.profiles_none": ("No mapping profiles saved yet: they are saved when you import a file.",
                               "尚未保存字段映射方案：导入文件时会自动保存。"),
    "settings.col.mapping": ("File header → field", "文件表头 → 字段"),
    "settings.profile_pick": ("Profile to delete", "要删除的方案"),
    "settings.profile_delete": ("Delete profile", "删除方案"),
    "settings.profile_deleted": ("Mapping profile deleted.", "字段映射方案已删除。"),
    # the first-start welcome on the overview
    "welcome.title": ("Welcome to KAMP", "欢迎使用 KAMP"),
    "welcome.text": (
        "You are looking at the key accounts of a demo company, an invented IT and telecom solutions vendor with "
        "three years of orders, contacts, payments and account plans. Begin by importing your own data on the "
        "Import data page, or explore the demo: Overview → Tiers → Scorecards → Account plan.",
        "您现在看到的是一家演示公司（虚构的 IT 与通信解决方案供应商）的大客户数据，包含三年的订单、联系人、回款和客户计划。"
        "您可以在“导入数据”页面导入自己的数据，或先浏览演示：概览 → 客户分级 → 评分卡 → 战略手册。"),
    "welcome.import": ("Import your data", "导入您的数据"),
    "welcome.explore": ("Explore the tiers", "浏览客户分级"),
    "welcome.dismiss": ("Got it", "知道了"),
}
