"""Every user-facing string of the app, in English and Simplified Chinese.

``t(key, lang, **values)`` looks a key up and fills ``{placeholders}``. A missing key is a
bug and raises ``KeyError`` (a test checks that every key the pages use exists in both
languages).
"""
from __future__ import annotations

import importlib

LANGUAGES = {"zh": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh"

TEXTS: dict[str, tuple[str, str]] = {
    # app shell
    "app.title": ("KAMP · Key-account analytics", "KAMP · 大客户管理分析"),
    "app.tagline": ("Which accounts matter, how concentrated revenue is, who is slipping.",
                    "谁是关键客户、收入有多集中、谁在流失。"),
    "sidebar.language": ("Language", "语言"),
    "sidebar.database": ("Database", "数据库"),
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
    "overview.returns": ("Returns", "退货"),
    "overview.returns_help": ("Lines that are cancellations or returns (negative amounts), and their value.",
                              "取消或退货的订单行（负金额）及其金额。"),
    "overview.margin": ("Gross margin", "毛利率"),
    "overview.margin_help": ("(net revenue − cost) ÷ net revenue, over lines whose cost is known.",
                             "（净收入 − 成本）÷ 净收入，仅计算已知成本的订单行。"),
    "overview.period": ("Period", "期间"),
    "overview.top_share": ("Top 20 % of accounts", "前 20% 客户"),
    "overview.top_share_help": ("Share of net revenue from the top ceil(20 % × n) accounts by net revenue "
                                "(accounts with negative net revenue count as zero).",
                                "按净收入排名前 ceil(20% × n) 个客户所占净收入的比例（净收入为负的客户按零计）。"),
    "overview.trend": ("Revenue by month", "月度收入"),
    "overview.top_accounts": ("Top accounts by net revenue", "净收入最高的客户"),
    "overview.sources": ("What the database holds", "数据库内容"),
    "overview.held.account_records": ("Account records", "客户档案"),
    "overview.held.contacts": ("Contacts", "联系人"),
    "overview.held.payments": ("Invoices / payments", "发票 / 回款"),
    "overview.held.interactions": ("Interactions", "联络记录"),
    "overview.held.imports": ("{n} imports so far; {rejected:,} rows rejected with reasons.",
                              "已导入 {n} 次；{rejected:,} 行因故被拒绝。"),
    "overview.non_product": ("{n:,} lines are fees, postage or adjustments (non-product codes) and are marked so analyses can leave them out.",
                             "{n:,} 行为费用、运费或调整（非产品编码），已标记，分析时可排除。"),
    "chart.month": ("Month", "月份"),
    "chart.sales": ("Sales", "销售"),
    "chart.returns": ("Returns", "退货"),
    "chart.net": ("Net", "净额"),
    "chart.revenue": ("Net revenue", "净收入"),
    "chart.account": ("Account", "客户"),
    "chart.cum_share": ("Cumulative share", "累计占比"),
    # import
    "import.title": ("Import data", "导入数据"),
    "import.intro": ("CSV, TSV, Excel (.xlsx) or Parquet exports from your ERP or CRM. Chinese and English headers "
                     "are recognised; UTF-8, GB18030/GBK and UTF-16 text is read as is.",
                     "支持 ERP/CRM 导出的 CSV、TSV、Excel（.xlsx）和 Parquet 文件。自动识别中英文表头；"
                     "可直接读取 UTF-8、GB18030/GBK 和 UTF-16 编码。"),
    "import.kind": ("What the file holds", "文件内容"),
    "import.kind.transactions": ("Transactions (order lines)", "交易（订单行）"),
    "import.kind.accounts": ("Accounts", "客户"),
    "import.kind.contacts": ("Contacts", "联系人"),
    "import.kind.payments": ("Payments / receivables", "回款 / 应收"),
    "import.kind.interactions": ("Interactions", "联络记录"),
    "import.file": ("File", "文件"),
    "import.sheet": ("Sheet", "工作表"),
    "import.detected": ("Detected", "识别结果"),
    "import.format": ("Format", "格式"),
    "import.encoding": ("Encoding", "编码"),
    "import.delimiter": ("Delimiter", "分隔符"),
    "import.est_rows": ("Rows (estimate)", "行数（估计）"),
    "import.mapping": ("Column mapping", "列映射"),
    "import.mapping_help": ("Each column of the file goes to one field, or is left out. Fields marked * are required; "
                            "amount may instead come from quantity × unit price.",
                            "文件的每一列对应一个字段，或不导入。带 * 的字段为必需；金额也可由数量 × 单价计算。"),
    "import.from_profile": ("This header set was imported before: its saved mapping is applied.",
                            "此表头组合曾经导入过，已套用保存的映射。"),
    "import.source_column": ("Column in file", "文件列"),
    "import.field": ("Field", "字段"),
    "import.example": ("Example values", "示例值"),
    "import.not_imported": ("— not imported —", "— 不导入 —"),
    "import.missing": ("Still missing: {fields}", "仍缺少：{fields}"),
    "import.duplicate_field": ("Two columns map to {field}: keep one.", "有两列都对应 {field}，请只保留一列。"),
    "import.date_order": ("Dates like 05/03/2024", "形如 05/03/2024 的日期"),
    "import.date_auto": ("Decide from the data ({choice})", "根据数据判断（{choice}）"),
    "import.dayfirst": ("day first (5 March)", "日在前（3月5日）"),
    "import.monthfirst": ("month first (May 3)", "月在前（5月3日）"),
    "import.preview": ("First rows of the file", "文件前几行"),
    "import.confirm_button": ("Confirm and import", "确认并导入"),
    "import.progress": ("{phase}: {rows:,} rows · {rate:,.0f} rows/s", "{phase}：{rows:,} 行 · {rate:,.0f} 行/秒"),
    "import.phase.read": ("Reading", "读取"),
    "import.phase.parse": ("Checking values", "检查数据"),
    "import.phase.load": ("Storing", "写入"),
    "import.done": ("Imported {file}", "已导入 {file}"),
    "import.same_file": ("The same file as import #{id} of {when}: nothing added.",
                         "与 {when} 的第 {id} 次导入是同一个文件：未添加任何数据。"),
    "import.rows_read": ("Rows read", "读取行数"),
    "import.rows_loaded": ("Loaded", "已导入"),
    "import.rows_rejected": ("Rejected", "被拒绝"),
    "import.rows_present": ("Already present", "已存在"),
    "import.rows_present_help": ("Exact duplicates — within the file or of rows imported before — are counted once.",
                                 "完全相同的重复行（文件内或与已导入数据重复）只计一次。"),
    "import.rejects": ("Rejected rows and why", "被拒绝的行及原因"),
    "import.download_rejects": ("Download rejected rows (CSV)", "下载被拒绝的行（CSV）"),
    "import.failed": ("Nothing was imported: {message}", "未导入任何数据：{message}"),
    "import.upload_prompt": ("Choose a file to see how it will be read.", "请选择文件，查看将如何读取。"),
    # history
    "history.title": ("Imports and rejected rows", "导入记录与被拒绝的行"),
    "history.empty": ("No imports yet.", "还没有导入记录。"),
    "history.imports": ("Imports", "导入"),
    "history.pick": ("Show the rejected rows of import", "查看以下导入的被拒绝行"),
    "history.no_rejects": ("This import rejected no rows.", "此次导入没有被拒绝的行。"),
    "history.settings": ("Non-product codes", "非产品编码"),
    "history.settings_help": ("Product codes that are fees, postage, adjustments or vouchers; '*' matches any ending. "
                              "Applied to lines imported from now on.",
                              "属于费用、运费、调整或礼券的产品编码；“*”匹配任意结尾。对之后导入的数据生效。"),
    "history.save": ("Save", "保存"),
    "history.saved": ("Saved.", "已保存。"),
    "col.import_id": ("#", "#"),
    "col.kind": ("Kind", "类型"),
    "col.file_name": ("File", "文件"),
    "col.rows_read": ("Read", "读取"),
    "col.rows_loaded": ("Loaded", "导入"),
    "col.rows_rejected": ("Rejected", "拒绝"),
    "col.rows_present": ("Present", "已存在"),
    "col.finished_at": ("When", "时间"),
    "col.note": ("Note", "备注"),
    "ui.list_capped": ("Showing the {shown:,} largest of {n:,} accounts by net revenue; choose a segment, or find any "
                       "account on the Account page.",
                       "按净收入显示前 {shown:,} 个客户（共 {n:,} 个）；可按细分筛选，或在“客户详情”页查找任一客户。"),
    "col.row": ("Row in file", "文件行号"),
    "col.reason": ("Reason", "原因"),
    "col.raw": ("Values as read", "原始值"),
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
    "overview.accounts_for_80_help": ("The fewest accounts, largest first, whose net revenue reaches 80 % of the total.",
                                      "按净收入从大到小累计，达到总收入 80% 所需的最少客户数。"),
    "overview.as_of": ("As of", "分析截至"),
    "overview.as_of_help": ("Figures per account are computed as of this date (the last transaction date unless "
                            "?as_of=YYYY-MM-DD is given).",
                            "客户指标按此日期计算（默认为最后一笔交易日期，可用 ?as_of=YYYY-MM-DD 指定）。"),
    "overview.more_concentration": ("More on concentration", "查看集中度分析"),
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
    "rfm.problems": ("Fix these before saving:", "保存前请修正："),
    "rfm.no_rules": ("the table needs at least one rule", "规则表至少需要一条规则"),
    "rfm.save_rules": ("Save rules", "保存规则"),
    "rfm.reset_rules": ("Reset to default", "恢复默认"),
    "rfm.accounts": ("Accounts", "客户列表"),
    "rfm.filter": ("Segment", "细分"),
    "rfm.all_segments": ("All segments", "全部细分"),
    "rfm.accounts_help": ("{n:,} accounts. Click a column header to sort; select a row (or click its id) to open the account.",
                          "共 {n:,} 个客户。点击列标题排序；选中一行（或点击编号）打开客户详情。"),
    # concentration
    "conc.title": ("Concentration (80/20)", "收入集中度（二八）"),
    "conc.indicator": ("Measure on", "分析指标"),
    "conc.indicator_help": ("Every figure on this page except the quarterly trend (net revenue) uses this indicator.",
                            "除季度趋势（净收入）外，本页所有图表都基于此指标。"),
    "conc.top_pct": ("Top share of accounts", "头部客户比例"),
    "conc.lose_n": ("Lose the top N", "失去前 N 名"),
    "conc.top_share": ("Top {top} of accounts", "前 {top} 客户占比"),
    "conc.top_share_help": ("Share of the total held by the top ceil(x × n) accounts.", "前 ceil(x × n) 个客户所占总量的比例。"),
    "conc.accounts_for_80": ("Accounts for 80 %", "八成收入客户数"),
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
    "conc.non_positive_note": ("All {accounts:,} accounts count; the {n:,} with zero or negative {indicator} count as "
                               "accounts with none, so shares add up to 100 % of the positive total.",
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
    "conc.cuts_saved": ("Saved: the account table now uses these cuts.", "已保存：客户指标将使用新的分界点。"),
    "conc.stress_help": ("Share of today's total that remains if the largest 1 … {n} accounts leave (total {total}).",
                         "若最大的 1 … {n} 个客户流失，剩余的份额（当前总额 {total}）。"),
    "conc.trend_help": ("Each quarter's net revenue per account; the latest quarter may be incomplete.",
                        "按季度计算各客户的净收入；最近一个季度可能尚不完整。"),
    # tiers
    "tiers.title": ("Tiers", "客户分级"),
    "tiers.intro": ("k-means on log-scaled, standardised features; clusters are ordered by mean revenue and named "
                    "from the top tier down. A person's override, with a reason, always wins.",
                    "对取对数并标准化后的特征做 k-means 聚类；按平均收入排序并自上而下命名。人工调整（附理由）始终优先。"),
    "tiers.your_name": ("Your name", "您的姓名"),
    "tiers.your_name_help": ("Recorded with the tier overrides you save.", "保存分级调整时一并记录。"),
    "tiers.too_few": ("At least two accounts are needed to form tiers.", "至少需要两个客户才能分级。"),
    "tiers.features": ("Features", "聚类特征"),
    "tiers.features_help": ("Recency (days since last purchase, less is better), orders, revenue and margin by default.",
                            "默认：最近购买天数（越少越好）、订单数、收入和毛利。"),
    "tiers.k": ("Number of tiers", "级别数"),
    "tiers.k_auto": ("Best silhouette (2–8)", "按轮廓系数（2–8）"),
    "tiers.scheme": ("Tier names", "级别命名"),
    "tiers.scheme.pyramid": ("Pyramid (4 levels)", "金字塔（四级）"),
    "tiers.scheme.metals": ("Platinum / Gold / Silver", "白金/金牌/银牌"),
    "tiers.no_features": ("Choose at least one feature.", "请至少选择一个特征。"),
    "tiers.save_settings": ("Use these settings everywhere", "将此设置用于所有页面"),
    "tiers.save_settings_help": ("Stores the features, number of tiers and names as the rules the account table uses.",
                                 "将特征、级别数和命名保存为客户指标使用的规则。"),
    "tiers.silhouette_help": ("Silhouette per k on the chosen features (higher separates better): best k = {best}; "
                              "shown: k = {k}.", "所选特征下各 k 的轮廓系数（越高区分越好）：最佳 k = {best}；当前 k = {k}。"),
    "tiers.matrix_help": ("Value × potential: current value is trailing-12-month revenue (split at the median); potential is "
                          "the wallet estimate minus our revenue where the wallet is known, else revenue growth, each as a "
                          "percentile among accounts of the same kind (high above 50 %). Accounts with no revenue in the last 12 months sit at "
                          "the left edge. Click a point to open the account.",
                          "价值 × 潜力：当前价值为近 12 个月收入（以中位数划分）；潜力在已知采购总额时为采购总额减去我方收入，"
                          "否则为收入增长率，各自在同类客户中取百分位（高于 50% 为高）。近 12 个月无收入的客户位于最左侧。"
                          "点击数据点打开客户详情。"),
    "tiers.overrides": ("Tier overrides", "人工调整分级"),
    "tiers.overrides_help": ("An override puts an account in a tier for a reason; it is kept when the tiers are "
                             "recomputed and shown everywhere.", "人工调整会附理由将客户放入某一级别；重新计算分级后仍然保留，并在所有页面显示。"),
    "tiers.override_account": ("Account", "客户"),
    "tiers.override_tier": ("Tier", "级别"),
    "tiers.override_remove": ("— remove the override —", "— 取消人工调整 —"),
    "tiers.override_reason": ("Reason", "理由"),
    "tiers.override_reason_hint": ("e.g. strategic partner, framework contract signed", "例如：战略合作伙伴，已签框架合同"),
    "tiers.override_author": ("Saved as: {author} (set “Your name” in the sidebar)", "保存人：{author}（在侧栏填写“您的姓名”）"),
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
    "account.pick": ("Choose an account above, or click one in any chart or table.",
                     "请在上方选择客户，或在任意图表、表格中点击客户。"),
    "account.start_list": ("{tier}: the slipping ones first (lost, then dormant), then by net revenue",
                           "{tier}：流失、休眠的在前，其余按净收入排序"),
    "account.id": ("Id", "编号"),
    "account.industry": ("Industry", "行业"),
    "account.region": ("Region", "区域"),
    "account.owner": ("Owner", "负责人"),
    "account.size_band": ("Size", "规模"),
    "account.override": ("Tier set by hand (model: {computed}) — {reason}", "分级为人工调整（模型：{computed}）— {reason}"),
    "account.growth_help": ("Against the 12 months before.", "与前 12 个月相比。"),
    "account.orders_help": ("Distinct invoices (purchase days where there is no invoice id).", "不同发票数（无发票号时为购买天数）。"),
    "account.days_ago": ("{n:,} days ago", "{n:,} 天前"),
    "account.share_of_wallet": ("share of wallet {share}", "钱包份额 {share}"),
    "account.wallet_help": ("The customer's total yearly spend in our category (from the accounts file); share of "
                            "wallet = our trailing-12-month revenue ÷ the estimate.",
                            "客户在本品类的年度采购总额（来自客户档案）；钱包份额 = 我方近 12 个月收入 ÷ 采购总额。"),
    "account.since": ("Customer since {first} ({days:,} days); buys every {cycle} days on average; figures as of {as_of}.",
                      "自 {first} 起合作（{days:,} 天）；平均每 {cycle} 天购买一次；指标截至 {as_of}。"),
    "account.monthly": ("Revenue by month, with returns", "月度收入（含退货）"),
    # charts of the portfolio pages
    "chart.pareto": ("Pareto curve (80/20)", "帕累托曲线（二八）"),
    "chart.pareto_marker": ("Top {top} → {share}", "前 {top} → {share}"),
    "chart.account_share": ("Share of accounts", "客户占比"),
    "chart.account_share_asc": ("Share of accounts (smallest first)", "客户占比（从小到大）"),
    "chart.value_share": ("Share of total", "总量占比"),
    "chart.equality": ("Equal shares", "完全均等"),
    "chart.lorenz_curve": ("Lorenz curve", "洛伦兹曲线"),
    "chart.lorenz": ("Lorenz curve · Gini {gini}", "洛伦兹曲线 · 基尼系数 {gini}"),
    "chart.lost_accounts": ("Largest accounts lost", "失去的头部客户数"),
    "chart.remaining": ("Remaining share", "剩余占比"),
    "chart.stress": ("Lose the top N: what remains", "失去前 N 名客户后剩余的收入"),
    "chart.conc_trend": ("Concentration by quarter (net revenue)", "按季度的集中度（净收入）"),
    "chart.trend_shares": ("Gini and top-20 % share", "基尼系数与前 20% 客户占比"),
    "chart.trend_counts": ("Effective and buying accounts", "等效客户数与有收入客户数"),
    "chart.top20": ("Top 20 % share", "前 20% 占比"),
    "chart.buying_accounts": ("Accounts with revenue", "有收入的客户"),
    "chart.abc": ("ABC classes: accounts and value", "ABC 分类：客户数与价值"),
    "chart.abc_accounts": ("Accounts", "客户数"),
    "chart.abc_value": ("Value", "价值"),
    "chart.rfm_scores": ("R, F and M scores with their thresholds", "R、F、M 分数及其阈值"),
    "chart.score": ("Score", "分数"),
    "chart.score_r": ("Recency (R)", "最近购买（R）"),
    "chart.score_f": ("Frequency (F)", "购买频次（F）"),
    "chart.score_m": ("Monetary (M)", "消费金额（M）"),
    "chart.score_r_axis": ("R score (days since last purchase)", "R 分（距最近购买天数）"),
    "chart.score_f_axis": ("F score (orders)", "F 分（订单数）"),
    "chart.score_m_axis": ("M score (net revenue)", "M 分（净收入）"),
    "chart.accounts": ("Accounts", "客户数"),
    "chart.accounts_unit": ("accounts", "个客户"),
    "chart.segment_map": ("Segment map: accounts per R × FM cell", "细分地图：各 R × FM 单元的客户数"),
    "chart.r_axis": ("R score (5 = bought most recently)", "R 分（5 = 最近购买）"),
    "chart.fm_axis": ("FM score = (F + M) ÷ 2", "FM 分 =（F + M）÷ 2"),
    "chart.silhouette": ("Silhouette", "轮廓系数"),
    "chart.silhouettes": ("Silhouette by number of tiers", "各级别数的轮廓系数"),
    "chart.tier_pyramid": ("Tier pyramid: accounts per tier", "客户分级金字塔：各级客户数"),
    "chart.revenue_share": ("Share of revenue", "收入占比"),
    "chart.tier_scatter": ("Accounts by tier: orders × net revenue", "各级客户：订单数 × 净收入"),
    "chart.orders": ("Orders", "订单数"),
    "chart.orders_log": ("Orders (log scale)", "订单数（对数）"),
    "chart.revenue_log": ("Net revenue (log scale)", "净收入（对数）"),
    "chart.value_potential": ("Current value × potential", "当前价值 × 未来潜力"),
    "chart.current": ("Revenue, last 12 months", "近 12 个月收入"),
    "chart.current_axis": ("Current value: revenue, last 12 months (log scale)", "当前价值：近 12 个月收入（对数）"),
    "chart.potential_pct": ("Potential percentile", "潜力百分位"),
    "chart.potential_axis": ("Potential (percentile)", "未来潜力（百分位）"),
    "chart.basis_wallet": ("wallet − our revenue", "采购总额 − 我方收入"),
    "chart.basis_growth": ("revenue growth", "收入增长"),
    # table columns of the portfolio pages
    "col.segment": ("Segment", "细分"),
    "col.segment_en": ("Segment (English)", "细分（英文名）"),
    "col.name_zh": ("Chinese name", "中文名"),
    "col.r_min": ("R from", "R 下限"),
    "col.r_max": ("R to", "R 上限"),
    "col.fm_min": ("FM from", "FM 下限"),
    "col.fm_max": ("FM to", "FM 上限"),
    "col.r_score": ("R", "R"),
    "col.f_score": ("F", "F"),
    "col.m_score": ("M", "M"),
    "col.accounts": ("Accounts", "客户数"),
    "col.account_share": ("Share of accounts", "客户占比"),
    "col.revenue_share": ("Share of revenue", "收入占比"),
    "col.value": ("Value", "数值"),
    "col.value_share": ("Share of total", "总量占比"),
    "col.abc_class": ("Class", "类别"),
    "col.status": ("Status", "状态"),
    "col.tier": ("Tier", "级别"),
    "col.computed_tier": ("Model's tier", "模型分级"),
    "col.author": ("By", "调整人"),
    "col.saved_at": ("Saved", "保存时间"),
    "col.days_since_last": ("Days since last purchase", "距最近购买天数"),
    "col.revenue_12m": ("Revenue, last 12 months", "近 12 个月收入"),
    "col.gross_sales": ("Gross sales", "销售总额"),
    "col.purchase_days": ("Purchase days", "购买天数"),
    "col.margin": ("Gross margin", "毛利"),
    "col.margin_pct": ("Margin %", "毛利率"),
    "col.avg_order": ("Average order", "平均订单额"),
    "col.largest_order": ("Largest order", "最大订单额"),
    "col.returns": ("Returns", "退货次数"),
    "col.return_amount": ("Returned value", "退货金额"),
    "col.discount": ("Discounts", "折扣"),
    "col.tenure_days": ("Tenure (days)", "合作天数"),
    "col.growth_12m": ("Growth, 12 months", "12 个月增长"),
    "col.wallet_estimate": ("Wallet estimate", "采购总额估计"),
    "col.mean_revenue": ("Mean revenue", "平均收入"),
    "col.median_orders": ("Median orders", "订单数中位数"),
    "col.median_days_since_last": ("Median days since last", "距最近购买天数中位数"),
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    """The text of ``key`` in ``lang`` (``"en"`` or ``"zh"``) with ``values`` filled in."""
    en, zh = TEXTS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def explain(exc: BaseException, lang: str = DEFAULT_LANGUAGE) -> str:
    """What went wrong, in ``lang``: a :class:`kamp.problems.Problem` in that language, any
    other exception as its own message."""
    from kamp.problems import Problem  # it builds on this module

    return exc.text(lang) if isinstance(exc, Problem) else str(exc)


def field_label(field, lang: str) -> str:
    """A schema field's name in ``lang``."""
    return field.label_zh if lang == "zh" and field.label_zh else field.label


SHORT_UNITS = ((1e9, "B"), (1e6, "M"), (1e3, "k"))
WAN_UNITS = ((1e8, "亿"), (1e4, "万"))


# Whether Chinese money figures use 万/亿: the database's ``money_units`` setting, one for every
# session of the app, set on each page run or export with :func:`use_wan` and read by
# :func:`money` and :func:`tick_money`, so that every chart, slide and report speaks in the
# same units. (A module value, not a context variable: Streamlit runs a page's code in a
# context of its own, where a value set by app.py is not seen.)
_WAN = {"on": False}


def use_wan(on: bool) -> None:
    """Chinese money figures in 万/亿 (``True``) or k/M/B from now on."""
    _WAN["on"] = bool(on)


def _units(lang: str, wan: bool | None):
    return WAN_UNITS if (_WAN["on"] if wan is None else wan) and lang == "zh" else SHORT_UNITS


def money(value, lang: str = "en", wan: bool | None = None) -> str:
    """A money figure, short: 9.44B, 215.92M, 13.18k, 12.50; "—" when unknown.

    In Chinese with ``wan`` (by default: as :func:`use_wan` set it), the Chinese units instead:
    1.23亿 (≥ 1e8), 45.60万 (≥ 1e4), plain below. A figure that rounds up to the next unit takes
    it (999,999,999 → 1.00B, not 1,000.00M).
    """
    if value is None or value != value:  # None or NaN
        return "—"
    units = _units(lang, wan)
    lower = [size for size, _ in units[1:]] + [1.0]
    for (size, suffix), below in zip(units, lower):
        if round(abs(value) / below, 2) * below >= size:  # as the smaller unit would show it
            return f"{value / size:,.2f}{suffix}"
    return f"{value:,.2f}"


def tick_money(value: float, lang: str = "en", digits: int = 2, wan: bool | None = None) -> str:
    """A compact money label for a chart (an axis tick, a bar): 250M, 1.5B, 13.2k, 0 — or, in
    Chinese with 万/亿, 2.5亿, 5,000万 — with at most ``digits`` decimals, trailing zeros dropped."""
    if value is None or value != value:
        return "—"
    if value == 0:
        return "0"
    for size, suffix in _units(lang, wan):
        if abs(value) >= size:
            return _trim(f"{value / size:,.{digits}f}") + suffix
    return _trim(f"{value:,.{min(digits, 1) if abs(value) < 10 else 0}f}")


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def _merge(extra: dict[str, tuple[str, str]]) -> None:
    clash = set(extra) & set(TEXTS)
    if clash:
        raise KeyError(f"translation keys defined twice: {sorted(clash)}")
    TEXTS.update(extra)


# Pages added later keep their strings in modules of their own (tables of strings, no imports back).
for _module in ("texts_decisions", "texts_profit", "texts_coverage", "texts_plan", "texts_people",
                "texts_workspace", "texts_review", "texts_settings", "texts_problems", "texts_portfolio"):
    _merge(importlib.import_module(f"kamp.{_module}").TEXTS)
