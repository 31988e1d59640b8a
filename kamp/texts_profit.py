"""The strings of the profitability and receivables page.

Merged into :data:`kamp.i18n.TEXTS`; each entry is (English, 中文).
"""
from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "nav.profitability": ("Profitability & receivables", "利润与回款"),

    # ---- the page ----
    "profit.title": ("Profitability & receivables", "利润与回款"),
    "profit.intro": ("Where revenue turns into margin and cash: what discounts, returns and cost take away, "
                     "which large accounts earn less than they sell, and who is slow to pay.",
                     "收入如何变成毛利和现金：折扣、退货和成本各拿走多少，哪些大客户卖得多却赚得少，谁回款慢。"),
    "profit.kpi.gross_revenue": ("Gross revenue", "折前收入"),
    "profit.kpi.gross_revenue_help": ("Before discounts: the sales lines plus the discounts given on them.",
                                      "按标价计的销售额：销售行金额加上给出的折扣。"),
    "profit.kpi.discounts": ("Discounts", "折扣"),
    "profit.kpi.discounts_help": ("Discounts given on the sales lines (money amounts).", "销售行上给出的折扣金额。"),
    "profit.kpi.returns": ("Returns", "退货"),
    "profit.kpi.returns_help": ("Returned goods, credited at the net price paid.", "退回的货物，按实付净价冲减。"),
    "profit.kpi.cost": ("Cost", "成本"),
    "profit.kpi.cost_help": ("Cost of the goods sold, less the cost of goods returned.", "销售成本，扣除退回货物的成本。"),
    "profit.kpi.margin": ("Gross margin", "毛利"),
    "profit.kpi.margin_help": ("Net revenue (gross revenue − discounts − returns) − cost.",
                               "净收入（折前收入 − 折扣 − 退货）− 成本。"),
    "profit.kpi.margin_pct": ("Margin % of net revenue", "毛利率（占净收入）"),
    "profit.kpi.margin_pct_help": ("Gross margin ÷ the net revenue of the lines with a cost (all of it when every "
                                   "line has one).",
                                   "毛利 ÷ 有成本数据的订单行的净收入（每行都有成本时即全部净收入）。"),
    "profit.kpi.margin_pct_costed": ("Margin % of revenue with a cost", "毛利率（有成本数据的收入）"),
    "profit.of_gross": ("{share} of gross", "占折前收入 {share}"),
    "profit.cost_partial": ("The lines with a cost hold {share} of net revenue, and the margin is theirs: the other "
                            "{amount} of net revenue, on lines with no cost, is set aside as a step of its own before "
                            "the cost. Import those lines with a cost column to count them.",
                            "有成本数据的订单行占净收入的 {share}，毛利与毛利率只按这些订单行计算；其余 {amount} 净收入的订单行"
                            "没有成本数据，在瀑布图中单独列示、不计入毛利。导入含成本列的订单行后即可计入。"),
    "profit.almost_all": ("over 99.9%", "超过 99.9%"),
    "profit.cost_missing": ("Only {share} of the order lines carry a cost, so cost and margin are left out "
                            "rather than guessed. Import transactions with a cost column to see them.",
                            "只有 {share} 的订单行带有成本，因此不估算成本和毛利。导入带成本列的交易数据即可看到。"),
    "profit.portfolio_waterfall": ("All accounts: from gross revenue to gross margin", "全部客户：从折前收入到毛利"),
    "profit.account": ("Account", "客户"),
    "profit.account_help": ("Largest accounts first; type to search by name or id.", "按收入从大到小；可输入名称或编号搜索。"),
    "profit.account_waterfall": ("The chosen account", "所选客户"),
    "profit.waterfall_help": ("Bar labels: the amount and its share of gross revenue. Margin % above is gross "
                              "margin ÷ net revenue.", "条形标注：金额及其占折前收入的比例。上方的毛利率 = 毛利 ÷ 净收入。"),
    "profit.open_account": ("Open this account's page", "打开该客户页面"),
    "profit.ranks": ("Big orders are not big customers: revenue rank against margin rank",
                     "单子大不等于大客户：收入排名与毛利排名"),
    "profit.ranks_no_cost": ("No order line carries a cost, so there is no margin to rank the accounts by. "
                             "Import transactions with a cost column to compare revenue rank with margin rank.",
                             "没有订单行带有成本，因此无法按毛利给客户排名。导入带成本列的交易数据，即可对比收入排名与毛利排名。"),
    "profit.ranks_help": ("Each point is an account, sized by net revenue; click one to open it. On the dashed "
                          "line an account earns as it sells; below it, it is worth less than it sells.",
                          "每个点是一个客户，大小表示净收入；点击打开该客户。落在虚线上表示赚得与卖得相称；"
                          "落在虚线下方表示卖得多、赚得少。"),
    "profit.flag.big_not_best": ("Big, not among the best margins", "收入大、毛利不在前列"),
    "profit.flag.big_not_best_help": ("In the top {top} of accounts by net revenue, but not in the top {top} by "
                                      "gross margin.", "净收入排名前 {top}，但毛利不在前 {top}。"),
    "profit.flag.discount_eats_margin": ("Discounts eat the margin", "折扣吃掉毛利"),
    "profit.flag.discount_eats_margin_help": ("Discounts given are at least {ratio} × the margin kept, or the "
                                              "account has discounts and no positive margin.",
                                              "折扣额至少为毛利的 {ratio} 倍，或有折扣但毛利不为正。"),
    "profit.flag.returns_eat_margin": ("Returns eat the margin", "退货吃掉毛利"),
    "profit.flag.returns_eat_margin_help": ("Returns exceed {returns} of gross revenue, or the account returned goods "
                                            "and bought none.", "退货超过折前收入的 {returns}，或只有退货而无购买。"),
    "profit.flags_help": ("Flags — big, not among the best margins: in the top {top} by net revenue but not in the "
                          "top {top} by margin. Discounts eat the margin: discounts ≥ {ratio} × margin, or "
                          "discounts with no positive margin. Returns eat the margin: returns > {returns} of gross "
                          "revenue, or returns and no sales. Accounts without a known cost have no margin rank and "
                          "are not drawn.",
                          "标记说明 — 收入大、毛利不在前列：净收入前 {top}，毛利却不在前 {top}。折扣吃掉毛利："
                          "折扣 ≥ 毛利的 {ratio} 倍，或有折扣而毛利不为正。退货吃掉毛利：退货 > 折前收入的 "
                          "{returns}，或只有退货而无购买。成本未知的客户没有毛利排名，不在图中。"),
    "profit.show_flags": ("List the accounts flagged for", "列出带以下标记的客户"),
    "profit.flagged_count": ("{n:,} of {accounts:,} {accounts?account|accounts} flagged; click a row to open the account.",
                             "{accounts:,} 个客户中 {n:,} 个被标记；点击一行打开该客户。"),
    "profit.receivables": ("Receivables", "应收账款"),
    "profit.no_payments": ("No invoices or payments yet. Import a payments file (invoice, amount, due date, paid "
                           "date, paid amount) on the Import data page to see days sales outstanding, overdue "
                           "amounts and arrears.",
                           "还没有发票或回款数据。请在“导入数据”页导入回款文件（发票、金额、到期日、付款日、付款金额），"
                           "即可查看应收账款周转天数、逾期金额和拖欠率。"),
    "profit.receivables_basis": ("As of {date}; days sales outstanding over the last {days} {days?day|days} of invoicing.",
                                 "截至 {date}；应收账款周转天数按最近 {days} 天的开票额计算。"),
    "profit.kpi.outstanding": ("Outstanding", "应收余额"),
    "profit.kpi.outstanding_help": ("The unpaid part of every invoice up to the as-of date.", "截至分析日各发票未付部分之和。"),
    "profit.kpi.overdue": ("Overdue", "逾期金额"),
    "profit.kpi.overdue_help": ("The unpaid part of invoices whose due date has passed.", "已过到期日的发票的未付部分。"),
    "profit.kpi.overdue_share": ("Overdue share", "逾期占比"),
    "profit.kpi.overdue_share_help": ("Overdue ÷ outstanding.", "逾期金额 ÷ 应收余额。"),
    "profit.kpi.dso": ("Days sales outstanding", "应收账款周转天数"),
    "profit.kpi.dso_help": ("Outstanding ÷ what was invoiced in the last {days} {days?day|days} × {days}.",
                            "应收余额 ÷ 最近 {days} 天开票额 × {days}。"),
    "profit.kpi.arrears_rate": ("Arrears rate", "拖欠率"),
    "profit.kpi.arrears_rate_help": ("Invoices paid late or still open past their due date ÷ invoices due.",
                                     "逾期付款或过期未付的发票数 ÷ 已到期发票数。"),
    "profit.kpi.accounts_overdue": ("Accounts with overdue", "有逾期的客户"),
    "profit.kpi.accounts_overdue_help": ("Accounts owing anything past its due date.", "存在过期未付款项的客户数。"),
    "profit.days": ("{n} {n?day|days}", "{n} 天"),
    "profit.rank_payers_by": ("Worst payers by", "回款最差客户的排序依据"),
    "profit.by.overdue": ("Overdue amount", "逾期金额"),
    "profit.by.dso_days": ("Days sales outstanding", "周转天数"),
    "profit.by.arrears_rate": ("Arrears rate", "拖欠率"),
    "profit.no_worst": ("No account in the top tiers owes anything on this measure.", "最高的两个级别中没有客户在此指标上有欠款。"),
    "profit.worst_help": ("The ten worst payers among the two highest tiers ({tiers}), ranked by: {by}. Click a bar "
                          "or a row to open the account.",
                          "最高的两个级别（{tiers}）中回款最差的十个客户，排序依据：{by}。点击条形或行打开该客户。"),
    "profit.all_receivables": ("Receivables of every account ({n:,})", "所有客户的应收账款（{n:,}）"),

    # ---- charts ----
    "chart.profit_waterfall": ("From gross revenue to gross margin", "从折前收入到毛利"),
    "chart.profit_step_gross_revenue": ("Gross revenue", "折前收入"),
    "chart.profit_step_discounts": ("Discounts", "折扣"),
    "chart.profit_step_returns": ("Returns", "退货"),
    "chart.profit_step_net_revenue": ("Net revenue", "净收入"),
    "chart.profit_step_uncosted": ("Revenue with no cost", "无成本数据"),
    "chart.profit_step_cost": ("Cost", "成本"),
    "chart.profit_step_margin": ("Gross margin", "毛利"),
    "chart.profit_of_gross": ("Share of gross revenue", "占折前收入"),
    "chart.profit_ranks": ("Revenue rank against margin rank", "收入排名与毛利排名"),
    "chart.profit_revenue_rank": ("Net revenue rank (1 = largest, log scale)", "净收入排名（1 = 最大，对数）"),
    "chart.profit_margin_rank": ("Gross margin rank (1 = largest, log scale)", "毛利排名（1 = 最大，对数）"),
    "chart.profit_diagonal": ("Same rank", "排名相同"),
    "chart.profit_big_zone": ("Top {top} by revenue, not by margin", "收入前 {top}，毛利不在前列"),
    "chart.profit_flag_big": ("Big, not among the best margins", "收入大、毛利不在前列"),
    "chart.profit_flag_discount": ("Discounts eat the margin", "折扣吃掉毛利"),
    "chart.profit_flag_returns": ("Returns eat the margin", "退货吃掉毛利"),
    "chart.profit_flag_none": ("Not flagged", "未标记"),
    "chart.profit_margin": ("Gross margin", "毛利"),
    "chart.profit_by_tier": ("Receivables by tier", "各级别应收账款"),
    "chart.profit_outstanding": ("Outstanding", "应收余额"),
    "chart.profit_overdue": ("Overdue", "逾期"),
    "chart.profit_not_due": ("Not yet due", "未到期"),
    "chart.profit_accounts_overdue": ("Accounts with overdue", "有逾期的客户"),
    "chart.profit_overdue_share_label": ("{share} overdue", "逾期 {share}"),
    "chart.profit_worst": ("Worst payers among the top tiers", "最高的两个级别中回款最差的客户"),
    "chart.profit_owed": ("Owed", "欠款"),
    "chart.profit_dso": ("Days sales outstanding", "应收账款周转天数"),
    "chart.profit_dso_arrears": ("DSO (days) · arrears rate", "周转天数（天）· 拖欠率"),
    "chart.profit_dso_label": ("{days} d · {rate}", "{days} 天 · {rate}"),
    "chart.profit_arrears_rate": ("Arrears rate", "拖欠率"),
    "chart.profit_days_late": ("Mean days late", "平均逾期天数"),

    # ---- table columns (only those no other table names) ----
    "col.revenue_rank": ("Revenue rank", "收入排名"),
    "col.margin_rank": ("Margin rank", "毛利排名"),
    "col.discount_share": ("Discounts % of gross", "折扣占折前收入"),
    "col.return_share": ("Returns % of gross", "退货占折前收入"),
    "col.big_not_best": ("Big, margin not top", "收入大毛利不在前列"),
    "col.discount_eats_margin": ("Discounts eat margin", "折扣吃掉毛利"),
    "col.returns_eat_margin": ("Returns eat margin", "退货吃掉毛利"),
    "col.outstanding": ("Outstanding", "应收余额"),
    "col.overdue": ("Overdue", "逾期金额"),
    "col.overdue_share": ("Overdue share", "逾期占比"),
    "col.dso_days": ("DSO (days)", "周转天数（天）"),
    "col.arrears_rate": ("Arrears rate", "拖欠率"),
    "col.mean_days_late": ("Mean days late", "平均逾期天数"),
    "col.accounts_overdue": ("With overdue", "有逾期的客户"),
    "col.oldest_overdue_days": ("Oldest overdue (days)", "最久逾期（天）"),
}
