"""The strings of the app shell and the portfolio pages (overview, customers, concentration,
tiers, account); their charts and table columns: :mod:`kamp.texts_columns`.

Merged into :data:`kamp.i18n.TEXTS`; each entry is (English, 中文).
"""
from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # app shell
    "app.title": ("KAMP · Key-account analytics", "KAMP · 大客户管理分析"),
    "app.tagline": ("Which accounts matter, how concentrated revenue is, who is slipping.",
                    "谁是大客户、收入有多集中、谁在流失。"),
    "sidebar.language": ("Language", "语言"),
    "sidebar.database": ("Database", "数据库"),
    "sidebar.as_of": ("Analysis date", "分析截至"),
    # a date in the address outside what the sidebar's box allows, and the day the figures are of instead
    "sidebar.as_of_moved.early": ("The address asks for {asked}: the figures are as of the earliest day allowed (the "
                                  "first line's date), {used}.",
                                  "地址中的日期为 {asked}：数字按允许的最早日期（第一笔订单的日期）{used} 计算。"),
    "sidebar.as_of_moved.today": ("The address asks for {asked}: the figures are as of the latest day allowed "
                                  "(today), {used}.", "地址中的日期为 {asked}：数字按允许的最晚日期（今天）{used} 计算。"),
    "sidebar.as_of_moved.last": ("The address asks for {asked}: the figures are as of the latest day allowed (the "
                                 "last line's date), {used}.",
                                 "地址中的日期为 {asked}：数字按允许的最晚日期（最后一笔订单的日期）{used} 计算。"),
    "sidebar.as_of_moved.none": ("The address asks for {asked}, which is no date: the figures are as of the last "
                                 "line's date, {used}.",
                                 "地址中的 {asked} 不是有效日期：数字按最后一笔订单的日期 {used} 计算。"),
    "sidebar.as_of_help": ("Every page's figures as of this day: status, RFM, tiers, concentration, plans. The "
                           "default is the last line's date, {last}; an earlier day shows the portfolio as it was "
                           "then.",
                           "各页面的数字均按此日期计算：状态、RFM、分级、集中度、计划。默认为最后一笔订单的日期 {last}；"
                           "选更早的日期可查看当时的客户组合。"),
    "sidebar.data_as_of": ("Data through {date}", "数据截至 {date}"),
    "sidebar.building_demo": ("Building the demo database (first start)…", "正在生成演示数据库（首次启动）…"),
    "nav.overview": ("Overview", "概览"),
    "nav.import": ("Import data", "导入数据"),
    "nav.history": ("Imports & rejects", "导入记录"),
    "nav.group.portfolio": ("Portfolio", "客户组合"),
    "nav.group.data": ("Data", "数据"),
    # overview
    "overview.title": ("Portfolio overview", "客户组合概览"),
    "overview.empty": ("No transactions yet. Import an export on the Import data page.",
                       "还没有交易数据。请在“导入数据”页面导入文件。"),
    "overview.accounts": ("Accounts", "客户数"),
    "overview.revenue": ("Net revenue", "净收入"),
    "overview.lines": ("Order lines", "订单行"),
    "overview.returns": ("Return lines", "退货行"),
    "overview.returns_value": ("returned", "退货金额"),
    "overview.returns_help": ("Lines that are cancellations or returns (negative amounts), and their value.",
                              "取消或退货的订单行（负金额）及其金额。"),
    "overview.margin": ("Gross margin", "毛利率"),
    "overview.margin_help": ("(net revenue − cost) ÷ net revenue, over lines whose cost is known.",
                             "（净收入 − 成本）÷ 净收入，仅计算已知成本的订单行。"),
    "overview.period": ("Period", "期间"),
    "overview.top_share": ("Top 20%, whole period", "全期前 20% 占比"),
    "overview.top_share_help": ("Share of net revenue from the top ceil(20% × n) accounts by net revenue "
                                "(accounts with negative net revenue count as zero), over the whole period of the "
                                "lines, as on the Concentration page; the quarterly review counts the last 12 months.",
                                "按净收入排名前 20% 的客户（客户数向上取整）所占净收入的比例（净收入为负的客户按零计），"
                                "按订单行的全部期间计算，与“集中度”页相同；季度评审按近 12 个月计算。"),
    "overview.trend": ("Revenue by month", "月度收入"),
    "overview.top_accounts": ("Top accounts by net revenue, each with its share of the total",
                              "净收入最高的客户及其占总额的比例"),
    "overview.sources": ("What the database holds", "数据库内容"),
    "overview.held.account_records": ("Account records", "客户档案"),
    "overview.held.contacts": ("Contacts", "联系人"),
    "overview.held.payments": ("Invoices / payments", "发票 / 回款"),
    "overview.held.interactions": ("Interactions", "联络记录"),
    "overview.held.imports": ("{n} {n?import|imports} so far; {rejected:,} {rejected?row|rows} rejected with reasons.",
                              "已导入 {n} 次；{rejected:,} 行因故被拒绝。"),
    "overview.non_product": ("Fees, postage and adjustments (non-product codes): {n:,} {n?line|lines}, counted in net "
                             "revenue as invoiced; product lists leave them out, and so does `kamp features "
                             "--products-only`.",
                             "{n:,} 行为费用、运费或调整（非产品编码）：按开票计入净收入；产品列表不计它们，"
                             "命令行的“仅产品”选项（--products-only）也不计。"),
    "chart.month": ("Month", "月份"),
    "chart.sales": ("Sales", "销售"),
    "chart.returns": ("Returns", "退货"),
    "chart.net": ("Net", "净额"),
    "chart.month_from": ("from {day}", "{day} 起"),
    "chart.month_to": ("to {day}", "截至 {day}"),
    "chart.revenue": ("Net revenue", "净收入"),
    "chart.account": ("Account", "客户"),
    "chart.cum_share": ("Cumulative share", "累计占比"),
    "ui.list_capped": ("Showing the {shown:,} largest of {n:,} {n?account|accounts} by net revenue; choose a segment, or find any "
                       "account on the Account page.",
                       "按净收入显示前 {shown:,} 个客户（共 {n:,} 个）；可按细分筛选，或在“客户详情”页查找任一客户。"),
    "col.row": ("Row in file", "文件行号"),
    "col.reason": ("Reason", "原因"),
    "col.account_id": ("Account", "客户编号"),
    "col.name": ("Name", "名称"),
    "col.revenue": ("Net revenue", "净收入"),
    "col.share": ("Share", "占比"),
    "col.orders": ("Orders", "订单数"),
    "col.last_purchase": ("Last purchase", "最近购买"),
    "col.sha256": ("sha256", "sha256"),
    # portfolio pages (customers, concentration, tiers, account)
    "nav.customers": ("Customers (RFM)", "客户细分（RFM）"),
    "nav.concentration": ("Concentration", "集中度（二八）"),
    "nav.tiers": ("Tiers", "客户分级"),
    "nav.account": ("Account", "客户详情"),
    "ui.computing": ("Computing the account table…", "正在计算客户指标…"),
    "ui.choose": ("Choose…", "请选择…"),
    "ui.press_enter": ("Press Enter to apply", "按回车键确认"),
    "ui.press_ctrl_enter": ("Press Ctrl+Enter to apply", "按 Ctrl（⌘）+ 回车键确认"),
    "ui.press_enter_form": ("Press Enter to submit form", "按回车键提交"),
    "ui.press_ctrl_enter_form": ("Press Ctrl+Enter to submit form", "按 Ctrl（⌘）+ 回车键提交"),
    "ui.labelled": ("{label}: {value}", "{label}：{value}"),
    "ui.download_list": ("Download as CSV", "下载 CSV"),
    "ui.download_list_help": ("The list's accounts, each by its id; money and shares in the units their "
                              "headers name.",
                              "列表中的客户，以客户编号标识；金额与占比的单位见各列标题。"),
    # What a download is saved as (pages._file_names), before what it is of: 客户细分_2026-09-30.csv
    "file.status_active": ("active-accounts", "活跃客户"),
    "file.status_dormant": ("dormant-accounts", "休眠客户"),
    "file.status_lost": ("lost-accounts", "流失客户"),
    "file.start": ("top-tier-accounts", "最高级别客户"),
    "file.accounts": ("rfm-accounts", "客户名单"),
    "file.segments": ("rfm-segments", "客户细分"),
    "file.tier_profile": ("tier-profile", "级别概况"),
    "file.abc_classes": ("abc-classes", "ABC分类"),
    "file.stress_accounts": ("stress-test-accounts", "压力测试客户"),
    "file.flagged": ("margin-flagged-accounts", "利润预警客户"),
    "file.worst_list": ("least-profitable-accounts", "利润最低客户"),
    "file.receivables_list": ("receivables", "应收账款"),
    "file.profit_by_tier": ("profit-by-tier", "各级别利润"),
    "file.cov_unowned": ("accounts-without-owner", "无负责人客户"),
    "file.cov_sow_list": ("share-of-wallet-goals", "钱包份额目标"),
    "file.cov_rev_list": ("revenue-goals", "收入目标"),
    "file.coverage_by_tier": ("coverage-by-tier", "各级别覆盖"),
    "file.rel_accounts": ("relationship-levels-by-account", "客户关系层级"),
    "file.relationship_levels": ("relationship-levels", "关系层级分布"),
    "file.relationship_history": ("relationship-assessments", "关系评估记录"),
    "file.strategies": ("strategies", "策略汇总"),
    "file.strategy_accounts": ("strategy-accounts", "策略客户"),
    "file.quadrants": ("value-potential-quadrants", "价值潜力象限"),
    "file.plans_late": ("plans-behind", "落后的计划"),
    "file.plans_table": ("account-plans", "客户计划一览"),
    "file.plan_key_accounts": ("key-account-plans", "重点客户计划"),
    "file.plan": ("account-plan", "客户计划"),
    "file.scorecard_results": ("scorecard-results", "评分卡结果"),
    "file.products_bought": ("products-bought", "所购产品"),
    "file.interactions": ("interactions", "互动记录"),
    "file.review_movers": ("tier-movers", "级别变动客户"),
    "file.review_seg_list": ("segment-movers", "细分变动客户"),
    "file.concentration_by_snapshot": ("concentration-by-snapshot", "各快照集中度"),
    "file.review_plan_list": ("plan-attainment", "计划达成"),
    "file.review_dormant": ("turned-dormant", "转为休眠客户"),
    "file.review_overdue": ("overdue-milestones", "逾期里程碑"),
    "file.review_no_sponsor": ("no-sponsor", "无赞助人客户"),
    "file.review_signal_list": ("why-accounts-leave", "客户流失信号"),
    "file.rejects": ("rejected-rows", "被拒绝的行"),
    "ui.download_table_help": ("The table as shown, with full figures; money and shares in the units their headers "
                               "name.",
                               "表中各行，数值不缩写；金额与占比的单位见各列标题。"),
    "ui.yes": ("Yes", "是"),
    "ui.no": ("No", "否"),
    "ui.open_account": ("Open the account's page (new tab); or select the row to open it here.",
                        "在新标签页打开客户详情；也可选中该行在此打开。"),
    "status.active": ("Active", "活跃"),
    "status.dormant": ("Dormant", "休眠"),
    "status.lost": ("Lost", "流失"),
    "status.active_help": ("Bought within two of its own purchase cycles (the mean days between its purchase days).",
                           "距最近一次购买不超过自身购买周期（平均购买间隔）的 2 倍。"),
    "status.dormant_help": ("Silent for two to four of its own purchase cycles.",
                            "已有自身购买周期的 2 至 4 倍时间未购买。"),
    "status.lost_help": ("Silent for more than four of its own purchase cycles.",
                         "已超过自身购买周期的 4 倍时间未购买。"),
    # (short: the tile cuts a longer label at 1,400 pixels; its help says the period)
    "overview.accounts_for_80": ("Accounts for 80%", "八成收入的客户数"),
    "overview.accounts_for_80_help": ("The fewest accounts, largest first, whose net revenue over the whole period "
                                      "reaches 80% of the total.",
                                      "按全期净收入从大到小累计，达到总收入 80% 所需的最少客户数。"),
    "overview.as_of": ("As of", "分析截至"),
    "overview.as_of_help": ("Every figure is of the lines up to this date: the last line's date unless another is "
                            "chosen in the sidebar (or given as ?as_of=YYYY-MM-DD in the address).",
                            "所有数字按截至此日期的订单行计算：默认为最后一笔订单的日期，可在侧边栏选择其他日期"
                            "（或在地址中用 ?as_of=YYYY-MM-DD 指定）。"),
    "overview.more_concentration": ("More on concentration", "查看集中度分析"),
    "overview.list_status": ("Which accounts", "查看客户"),
    "overview.status_elsewhere": ("With their RFM segments", "在“客户细分（RFM）”页查看"),
    "overview.top_tier_help": ("Accounts in the top tier ({share} of accounts, {revenue} of net revenue); the Tiers page "
                               "shows how tiers are formed.",
                               "最高一级的客户数（占客户 {share}，占净收入 {revenue}）；分级方法见“客户分级”页面。"),
    # customers (RFM)
    "rfm.title": ("Customers: RFM segments", "客户细分：RFM"),
    "rfm.intro": ("Recency, frequency and monetary value scored 1–5 (5 best) by quintiles; segments come from the rule "
                  "table below, evaluated top to bottom on R and FM = (F + M) ÷ 2.",
                  "按五分位给最近购买（R）、购买频次（F）、金额（M）打 1–5 分（5 为最好）；细分由下方规则表自上而下、"
                  "依据 R 与 FM =（F + M）÷ 2 判定。"),
    "rfm.scores_help": ("Each bar is a fifth of the accounts; its label is the range of values that earn the score "
                        "(R: days since the last purchase as of {as_of}; F: orders; M: net revenue).",
                        "每根柱为五分之一的客户；标签为获得该分数的取值范围（R：截至 {as_of} 距最近购买天数；"
                        "F：订单数；M：净收入）。"),
    "rfm.segments": ("Accounts and revenue per segment", "各细分的客户数与收入"),
    "rfm.rules": ("Segment rules", "细分规则"),
    "rfm.rules_help": ("Edit, add or delete rows; the first rule an account matches wins, so order matters. Scores "
                       "run from 1 to 5; FM may be a half score. Accounts no rule matches are 'Other'.",
                       "可编辑、添加或删除行；客户命中的第一条规则生效，因此顺序很重要。分数为 1–5，FM 可为半分。"
                       "未命中任何规则的客户归为“其他”。"),
    "rfm.order_help": ("Rules are tried from the smallest number: to move a rule up, give it a smaller one (1.5 goes "
                       "between 1 and 2).", "按数字从小到大依次匹配：要把规则上移，请给它更小的数字（1.5 位于 1 和 2 之间）。"),
    "rfm.never": ("{name} never matches: {above}, above it, takes every account it would. Give it a smaller Order to "
                  "try it first.", "“{name}”永远不会被匹配：排在它前面的{above}已包含它的全部客户。请给它更小的“顺序”，使其先被匹配。"),
    "rfm.never_empty": ("{name} never matches: no account has scores within its ranges (R a whole 1–5, FM 1, 1.5 … 5).",
                        "“{name}”永远不会被匹配：没有客户的分数落在其范围内（R 为 1–5 的整数，FM 为 1、1.5 … 5）。"),
    "rfm.problems": ("Fix these before saving:", "保存前请修正："),
    "rfm.no_rules": ("the table needs at least one rule", "规则表至少需要一条规则"),
    "rfm.save_rules": ("Save rules", "保存规则"),
    "rfm.reset_rules": ("Reset to defaults", "恢复默认值"),
    "rfm.accounts": ("Accounts", "客户列表"),
    "rfm.filter": ("Segment", "细分"),
    "rfm.all_segments": ("All segments", "全部细分"),
    "rfm.all_statuses": ("Any status", "全部状态"),
    "rfm.accounts_help": ("{n:,} {n?account|accounts}. Click a column header to sort; select a row (or click its id) to open the account.",
                          "共 {n:,} 个客户。点击列标题排序；选中一行（或点击编号）打开客户详情。"),
    # concentration
    "conc.title": ("Concentration (80/20)", "集中度（二八）"),
    "conc.indicator": ("Measure on", "分析指标"),
    "conc.indicator_help": ("Every figure on this page uses this indicator; the quarterly trend follows net revenue, "
                            "gross sales, discounts and purchase days, and net revenue for the others.",
                            "本页所有数字都基于此指标；季度趋势仅支持净收入、销售总额、折扣和购买天数，选其他指标时按净收入计算。"),
    "conc.measure_missing": ("The link asks for {measure}, which this data does not hold (gross margin needs order lines "
                             "with a cost, discounts lines with a discount): the page shows net revenue instead.",
                             "链接所选的指标“{measure}”在当前数据中没有值（毛利需要订单行带成本，折扣需要订单行带折扣）："
                             "本页改按净收入显示。"),
    "conc.period": ("Whole period: the lines from {first} to {as_of}, the analysis date (the trend: each quarter's); "
                    "the quarterly review counts the last 12 months.",
                    "全期：{first} 至 {as_of}（分析日）的订单行（趋势图按季度）；季度评审按近 12 个月计算。"),
    "conc.top_pct": ("Top share of accounts", "头部客户比例"),
    "conc.lose_n": ("Lose the top N", "失去前 N 名"),
    "conc.top_share": ("Top {top} share", "前 {top} 客户占比"),
    "conc.top_share_help": ("Share of the total held by the top ceil(x × n) accounts.", "排名前 x% 的客户（客户数向上取整）所占总量的比例。"),
    "conc.accounts_for_80": ("Accounts for 80%", "八成收入的客户数"),
    "conc.gini": ("Gini", "基尼系数"),
    "conc.gini_help": ("1 − 2 × the area under the Lorenz curve: 0 when every account is equal, near 1 when one "
                       "account holds everything.", "1 − 2 × 洛伦兹曲线下面积：所有客户相同为 0，一个客户占全部时接近 1。"),
    "conc.hhi": ("HHI", "HHI 指数"),
    "conc.hhi_help": ("Herfindahl–Hirschman index: the sum of squared shares in percent, 0–10,000 (above 2,500 is "
                      "highly concentrated).", "赫芬达尔-赫希曼指数：各客户百分比份额的平方和，0–10,000（高于 2,500 为高度集中）。"),
    "conc.effective": ("Effective accounts", "等效客户数"),
    "conc.effective_help": ("1 ÷ HHI on fractions: how many equal accounts would give the same concentration.",
                            "1 ÷ HHI（以小数计）：相同集中度下等规模客户的数量。"),
    "conc.non_positive": ("Zero or negative", "零或负值客户"),
    "conc.non_positive_help": ("Accounts whose value is zero or negative (e.g. returns exceed purchases).",
                               "指标为零或负数的客户（例如退货超过购买）。"),
    "conc.non_positive_note": ("All {accounts:,} {accounts?account|accounts} count; the {n:,} with zero or negative {indicator} count as "
                               "accounts with none, so shares add up to 100% of the positive total.",
                               "全部 {accounts:,} 个客户都计入；其中 {n:,} 个{indicator}为零或负的客户按“无贡献”计，"
                               "各份额之和为正值总额的 100%。"),
    "conc.abc": ("ABC classes", "ABC 分类"),
    "conc.abc_help": ("Accounts ranked by {indicator}, largest first: A until the cumulative share reaches the first cut "
                      "(the account that crosses it is A), B up to the second, C the rest and every account with none.",
                      "按{indicator}从大到小排序：累计占比达到第一个分界点前为 A（跨过分界点的客户也属 A），"
                      "到第二个分界点为 B，其余及无贡献的客户为 C。"),
    "conc.cut_a": ("A closes at (% cumulative)", "A 类截止（累计 %）"),
    "conc.cut_b": ("B closes at (% cumulative)", "B 类截止（累计 %）"),
    "conc.save_cuts": ("Save cuts", "保存分界点"),
    "conc.cuts_invalid": ("The A cut must be below the B cut.", "A 类分界点必须小于 B 类分界点。"),
    "conc.stress_help": ("Share of the total {indicator} that remains if the largest 1 … {n} {n?account|accounts} "
                         "leave (total {total}).",
                         "若最大的 1…{n} 个客户流失，剩余{indicator}占总额的比例（总额 {total}）。"),
    "conc.stress_help_positive": ("Share of the total {indicator} that remains if the largest 1 … {n} "
                                  "{n?account|accounts} leave. "
                                  "The total, {total}, is the {indicator} of the accounts above zero: the {k:,} "
                                  "{k?account|accounts} at zero or below count as none ({indicator} of every account "
                                  "{net}).",
                                  "若最大的 1…{n} 个客户流失，剩余{indicator}占总额的比例。总额 {total} 是{indicator}为正的客户之和："
                                  "{k:,} 个为零或负的客户按无贡献计（全部客户的{indicator} {net}）。"),
    "conc.trend_help": ("Each quarter's {measure} per account; the latest quarter may be incomplete.",
                        "按季度计算各客户的{measure}；最近一个季度可能尚不完整。"),
    "conc.stress_list": ("The accounts the stress figure loses, largest first:", "压力测试中失去的客户，从大到小："),
    "conc.trend_revenue_only": ("By quarter, concentration follows net revenue, gross sales, discounts or purchase days "
                                "(what a quarter's lines give on their own): here, net revenue.",
                                "按季度的集中度只能按净收入、销售总额、折扣或购买天数计算（这些可由单季订单行得出）；当前指标不适用，此处按净收入计算。"),
    # tiers
    "tiers.title": ("Tiers", "客户分级"),
    "tiers.intro": ("k-means on log-scaled, standardised features (capped at 3 standard deviations, so that a few "
                    "extreme accounts do not take a tier of their own); clusters are ordered by mean revenue and named "
                    "from the top tier down. Tiers are relative to the whole portfolio: importing many small accounts "
                    "can move others up. A person's override, with a reason, always wins.",
                    "对取对数并标准化后的特征做 k-means 聚类（超出 3 个标准差的值按 3 计，个别极端客户不会独占一级）；"
                    "按平均收入排序并自上而下命名。级别是相对整个客户组合而言的：导入大量小客户可能使其他客户升级。"
                    "人工调整（附理由）始终优先。"),
    "tiers.your_name": ("Your name", "您的姓名"),
    "tiers.your_name_help": ("Recorded with the tier overrides you save.", "保存分级调整时一并记录。"),
    "tiers.too_few": ("At least two accounts are needed to form tiers.", "至少需要两个客户才能分级。"),
    "tiers.features": ("Features", "聚类特征"),
    "tiers.features_help": ("Recency (days since last purchase, less is better), orders, revenue and margin by default.",
                            "默认：最近购买天数（越少越好）、订单数、收入和毛利。"),
    "tiers.k": ("Number of tiers", "级别数"),
    "tiers.k_auto": ("Best silhouette (2–8)", "按轮廓系数（2–8）"),
    "tiers.scheme": ("Tier names", "级别命名"),
    "tiers.scheme.pyramid": ("Major / Named / Non-named / Mass-market", "重要/次重要/一般/不重要"),
    "tiers.scheme.metals": ("Platinum / Gold / Silver", "白金卡/金卡/银卡"),
    "tiers.no_features": ("Choose at least one feature.", "请至少选择一个特征。"),
    "tiers.features_empty": ("No account has a value for {columns} (the order lines do not carry it), so the "
                             "tiers leave it out.", "没有客户具有“{columns}”的值（订单行不含该数据），分级时不使用。"),
    "tiers.only_empty_features": ("No account has a value for {columns}: choose a feature the data has.",
                                  "没有客户具有“{columns}”的值：请选择数据中有的特征。"),
    "tiers.features_fallback": ("No account has a value for {columns}, the features set in Settings → Tiers: the "
                                "tiers are formed on {used} instead.",
                                "没有客户具有“{columns}”的值（设置 → 客户分级中所选的特征）：分级改用{used}。"),
    "tiers.save_settings": ("Use these settings everywhere", "将此设置用于所有页面"),
    "tiers.save_settings_help": ("Stores the features, number of tiers and names as the rules the account table uses.",
                                 "将特征、级别数和命名保存为客户指标使用的规则。"),
    "tiers.silhouette_help": ("Silhouette per k on the chosen features (higher separates better): best k = {best}; "
                              "shown: k = {k}.", "所选特征下各 k 的轮廓系数（越高区分越好）：最佳 k = {best}；当前 k = {k}。"),
    "tiers.silhouette_none": ("Too few accounts to compare numbers of tiers (a silhouette needs more accounts than "
                              "tiers, and accounts that differ). Shown: k = {k}.",
                              "客户太少，无法比较不同的级别数（轮廓系数要求客户数多于级别数，且客户之间有差异）；当前 k = {k}。"),
    "tiers.fewer_accounts": ("{k} {k?tier|tiers} formed, not the {chosen} chosen: there are only {n} accounts, and a "
                             "tier needs one at least.",
                             "形成了 {k} 个级别，而非所选的 {chosen} 个：只有 {n} 个客户，每个级别至少需要一个客户。"),
    "tiers.fewer_distinct": ("{k} {k?tier|tiers} formed, not the {chosen} chosen: the {n} accounts have only {k} "
                             "distinct {k?profile|profiles} on the chosen features, and accounts alike cannot be split.",
                             "形成了 {k} 个级别，而非所选的 {chosen} 个：{n} 个客户在所选特征上只有 {k} 种不同取值，"
                             "相同的客户无法分开。"),
    "tiers.matrix_help": ("Value × potential: current value is trailing-12-month revenue (split at the median); potential is "
                          "the wallet estimate minus our revenue where the wallet is known, else revenue growth against the "
                          "year before (known when the order lines reach back two years), each as a "
                          "percentile among accounts of the same kind (high above 50%). Accounts with no revenue in the last 12 months sit at "
                          "the left edge. Click a point to open the account.",
                          "价值 × 潜力：当前价值为近 12 个月收入（以中位数划分）；潜力在已知采购总额时为采购总额减去我方收入，"
                          "否则为较上一年的收入增长率（订单数据覆盖两年时可得），各自在同类客户中取百分位（高于 50% 为高）。近 12 个月无收入的客户位于最左侧。"
                          "点击数据点打开客户详情。"),
    "tiers.overrides": ("Tier overrides", "人工调整分级"),
    "tiers.overrides_help": ("An override puts an account in a tier for a reason; it is kept when the tiers are "
                             "recomputed and shown everywhere.", "人工调整会附理由将客户放入某一级别；重新计算分级后仍然保留，并在所有页面显示。"),
    "tiers.override_account": ("Account", "客户"),
    "tiers.override_tier": ("Tier", "级别"),
    "tiers.override_remove": ("— remove the override —", "— 取消人工调整 —"),
    "tiers.override_reason": ("Reason", "理由"),
    "tiers.override_reason_hint": ("e.g. strategic partner, framework contract signed", "例如：战略合作伙伴，已签框架合同"),
    "tiers.override_author": ("Saved as: {author} (set “Your name” in the sidebar)", "保存人：{author}（在侧边栏填写“您的姓名”）"),
    "tiers.anonymous": ("anonymous", "匿名"),
    "tiers.override_save": ("Save override", "保存调整"),
    "tiers.override_saved": ("Override saved for {account}.", "已保存 {account} 的分级调整。"),
    "tiers.override_needs_reason": ("An override needs a reason.", "人工调整需要填写理由。"),
    "tiers.no_overrides": ("No overrides yet.", "暂无人工调整。"),
    "quadrant.small_low": ("Small value / low potential", "当前价值小/未来潜力低"),
    "quadrant.large_low": ("Large value / low potential", "当前价值大/未来潜力低"),
    "quadrant.small_high": ("Small value / high potential", "当前价值小/未来潜力高"),
    "quadrant.large_high": ("Large value / high potential", "当前价值大/未来潜力高"),
    # account
    "account.title": ("Account", "客户详情"),
    "account.search": ("Find an account", "查找客户"),
    "account.search_hint": ("Type a name or an id", "输入名称或编号"),
    "account.unknown": ("No account {account} has order lines: choose one below.",
                        "没有客户 {account} 的订单行：请在下方选择客户。"),
    "account.no_lines_no_record": ("{account} has {contacts:,} {contacts?contact|contacts}, {interactions:,} "
                                   "{interactions?interaction|interactions} and {invoices:,} "
                                   "{invoices?invoice|invoices} but neither an account record nor order lines: the "
                                   "analyses leave it out until its lines are imported (is it another account's id "
                                   "written another way?).",
                                   "{account} 有 {contacts:,} 位联系人、{interactions:,} 条联络记录和 {invoices:,} 张发票，"
                                   "但既无客户档案也无订单行：导入其订单行之前，各项分析不包含该客户（是否是另一客户编号的"
                                   "不同写法？）。"),
    "account.no_lines_yet": ("{name} ({account}) has an account record, {contacts:,} {contacts?contact|contacts}, "
                             "{interactions:,} {interactions?interaction|interactions} and {invoices:,} "
                             "{invoices?invoice|invoices}, but no order lines yet: the analyses leave it out until "
                             "its lines are imported.",
                             "{name}（{account}）已有客户档案、{contacts:,} 位联系人、{interactions:,} 条联络记录和 "
                             "{invoices:,} 张发票，但还没有订单行：导入其订单行之前，各项分析不包含该客户。"),
    "account.then_choose": ("Choose an account with lines below.", "请在下方选择有订单行的客户。"),
    "account.then_import": ("No account has order lines yet: import them on the Import data page.",
                            "还没有任何客户的订单行：请在“导入数据”页面导入。"),
    "account.segment_vs_status": ("The segment, {segment}, ranks this account's recency, frequency and money against "
                                  "all accounts'; the status, {status}, holds its last purchase against its own "
                                  "purchase cycle.",
                                  "细分（{segment}）是将本客户的最近购买、频次和金额与全部客户相比得出的；"
                                  "状态（{status}）是将其最近一次购买与其自身的购买周期相比得出的。"),
    "account.after_as_of": ("{account} has no order lines up to the analysis date, {as_of}: its first is of {first}. "
                            "Move the analysis date in the sidebar to see it.",
                            "客户 {account} 在分析日期 {as_of} 之前没有订单行：其第一笔订单为 {first}。"
                            "请在侧边栏调整分析日期后查看。"),
    "account.pick": ("Choose an account above, or click one in any chart or table.",
                     "请在上方选择客户，或在任意图表、表格中点击客户。"),
    "account.start_list": ("{tier}: the slipping ones first (lost, then dormant), then by net revenue",
                           "{tier}：流失、休眠的在前，其余按净收入排序"),
    "account.id": ("Id", "编号"),
    "account.industry": ("Industry", "行业"),
    "account.region": ("Region", "区域"),
    "account.country": ("Country", "国家/地区"),
    "account.owner": ("Owner", "负责人"),
    "account.size_band": ("Size", "规模"),
    "account.override": ("Tier set by hand (model: {computed}) — {reason}", "分级为人工调整（模型：{computed}）— {reason}"),
    "account.growth_help": ("Against the 12 months before.", "与前 12 个月相比。"),
    "account.orders_help": ("Distinct invoices (purchase days where there is no invoice id).", "不同发票数（无发票号时为购买天数）。"),
    "account.days_ago": ("{n:,} {n?day|days} ago", "{n:,} 天前"),
    "account.bought_today": ("today", "今天"),
    "account.bought_on_as_of": ("on the analysis date", "分析日期当天"),
    "account.share_of_wallet": ("share of wallet {share}", "钱包份额 {share}"),
    "account.wallet_help": ("The customer's total yearly spend in our category (from the accounts file); share of "
                            "wallet = our trailing-12-month revenue ÷ the estimate.",
                            "客户在本品类的年度采购总额（来自客户档案）；钱包份额 = 我方近 12 个月收入 ÷ 采购总额。"),
    "account.since": ("Customer since {first} ({days:,} {days?day|days}); buys every {cycle} {cycle?day|days} on average; figures as of {as_of}.",
                      "自 {first} 起合作（{days:,} 天）；平均每 {cycle} 天购买一次；指标截至 {as_of}。"),
    "account.since_once": ("Customer since {first} ({days:,} {days?day|days}); one purchase day so far; figures as "
                           "of {as_of}.", "自 {first} 起合作（{days:,} 天）；迄今只在一天有过购买；指标截至 {as_of}。"),
    "account.monthly": ("Revenue by month, with returns", "月度收入（含退货）"),
}
