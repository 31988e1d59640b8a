"""The strings of the pages that decide which accounts get what effort: scorecards, strategy
matrices, coverage and goals, relationship levels, profitability and receivables.

Merged into :data:`kamp.i18n.TEXTS`; each entry is (English, 中文).
"""
from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "nav.group.decisions": ("Key-account decisions", "大客户决策"),
    "nav.scorecards": ("Scorecards", "评分卡"),
    "nav.matrices": ("Strategy matrices", "策略矩阵"),
    # scorecards
    "card.title": ("Selection scorecards", "客户选择评分卡"),
    "card.intro": ("Score accounts or industries on weighted criteria: total = Σ weight × score, "
                   "minus for the criteria that count against; ★ marks a total at or above the mean (or a threshold you set).",
                   "按加权标准为客户或行业打分：总分 = Σ 权重 × 得分，反向标准计为负分；"
                   "总分不低于平均分（或您设定的门槛）者标 ★。"),
    "card.your_name_help": ("Recorded with the templates and scores you save.", "保存模板和评分时一并记录。"),
    "card.template": ("Template", "模板"),
    "card.criteria": ("Criteria", "评分标准"),
    "card.results": ("Ranking", "排名"),
    "card.no_judgement": ("Every criterion of this template is derived from the data: nothing to enter.",
                          "此模板的所有标准均由数据自动得分，无需录入。"),
    "card.criteria_help": ("Edit weights (1–10), direction (+ counts for, − against) and how each criterion is "
                           "scored: by judgement (1–10, entered below) or from a feature's percentile "
                           "(1 = lowest, 10 = highest). Add or remove rows as you need.",
                           "可编辑权重（1–10）、方向（+ 加分，− 减分）和打分方式：人工判断（1–10，在下方录入）"
                           "或按特征的百分位自动得分（最低 1，最高 10）。可增删行。"),
    "card.col.group": ("Group", "分组（英文名）"),
    "card.col.group_zh": ("Group (中文)", "分组"),
    "card.col.criterion": ("Criterion", "标准（英文名）"),
    "card.col.criterion_zh": ("Criterion (中文)", "标准"),
    "card.col.weight": ("Weight", "权重"),
    "card.col.direction": ("Direction", "方向"),
    "card.col.method": ("Scored by", "打分方式"),
    "card.method.judgement": ("judgement (entered)", "人工评分"),
    "card.method.percentile": ("percentile of the data", "按数据百分位"),
    "card.col.id": ("ID", "编号"),
    "card.col.feature": ("Feature", "特征"),
    "card.bad_criteria": ("The criteria cannot be used: {error}", "评分标准有误：{error}"),
    "card.save_template": ("Save these criteria as a template", "将这些标准保存为模板"),
    "card.template_name": ("Template name", "模板名称"),
    "card.template_name_zh": ("Chinese name", "中文名称"),
    "card.save": ("Save", "保存"),
    "card.replace_other": ("Replace the template “{name}”: its criteria give way to these, and its saved scores "
                           "count only on the criteria that keep their name.",
                           "替换模板“{name}”：其评分标准将被这些标准取代，已保存的评分只在名称不变的标准上继续有效。"),
    "card.scores_left": ("{n} saved {n?score is|scores are} on criteria no longer in this list: once the template is "
                         "saved {n?it no longer counts|they no longer count} (until a criterion of that name comes back).",
                         "有 {n} 项已保存的评分所在的标准已不在此列表中：模板保存后不再计入（直到同名标准重新加入）。"),
    "card.template_saved": ("Template “{name}” saved.", "模板“{name}”已保存。"),
    "card.reset_sure": ("Put “{name}” back to its {k} bundled criteria: its scores on criteria of the same name stay, "
                        "{n} {n?score|scores} on criteria it no longer has {n?is|are} deleted.",
                        "将“{name}”恢复为内置的 {k} 条标准：同名标准上的评分保留，不再有的标准上的 {n} 项评分将被删除。"),
    "card.delete_sure": ("Delete “{name}” and its {n} saved {n?score|scores}: they cannot be brought back.",
                         "删除“{name}”及其已保存的 {n} 项评分，删除后无法恢复。"),
    "card.reset": ("Reset to bundled", "恢复内置版本"),
    "card.delete": ("Delete template", "删除模板"),
    "card.was_reset": ("“{name}” is back to its bundled criteria; {n} {n?score|scores} on other criteria deleted.",
                       "“{name}”已恢复为内置标准；其他标准上的 {n} 项评分已删除。"),
    "card.was_deleted": ("Template “{name}” deleted, with its {n} {n?score|scores}.", "模板“{name}”及其 {n} 项评分已删除。"),
    "card.judgement": ("Judgement scores", "人工评分"),
    "card.how_many": ("Accounts to score (largest by revenue)", "参与评分的客户数（按收入从大到小）"),
    "card.how_many_help": ("Accounts that already have saved scores are always included.", "已有评分的客户总会列出。"),
    "card.judgement_help": ("{n} {n?row|rows}. Enter 1–10 per criterion (for a − criterion, how strongly it counts "
                            "against); empty cells are not scored yet. Save to keep them.",
                            "共 {n} 行。每项填 1–10（反向标准填其程度）；空格表示尚未评分。点击保存后保留。"),
    "card.entity.account": ("Account", "客户"),
    "card.entity.industry": ("Industry", "行业"),
    "card.save_scores": ("Save scores", "保存评分"),
    "card.save_template_first": ("{n} {n?criterion is|criteria are} not in the saved template yet ({names}): save the "
                                 "template (Criteria tab) first, then the scores. What you enter here stays until then.",
                                 "有 {n} 条标准尚未保存到模板中（{names}）：请先保存模板（“评分标准”页签），再保存评分。"
                                 "在此输入的分数会一直保留。"),
    "card.scores_saved": ("{n} changed {n?score|scores} saved.", "已保存 {n} 项改动的评分。"),
    "card.scores_unchanged": ("No score changed: nothing to save.", "评分没有改动，无需保存。"),
    "card.neutral": ("Unscored criteria count as 5.5", "未评分项按 5.5 计"),
    "card.neutral_help": ("A criterion nobody has judged yet, or whose feature has no value (e.g. growth of an "
                          "account without a prior year), scores the middle of the scale. Off: such an entity is left "
                          "out of the ranking.",
                          "尚未人工评分、或特征无值（如没有上一年数据的客户的增长率）的项按中间分计。关闭时，"
                          "这样的对象不参与排名。"),
    "card.star_rule": ("★ when the total is at least", "★ 的标准"),
    "card.rule.mean": ("the mean of the scored", "不低于平均分"),
    "card.rule.threshold": ("a fixed threshold", "不低于固定门槛"),
    "card.threshold": ("Threshold on the total", "总分门槛"),
    "card.nothing_scored": ("Nothing is fully scored yet: enter judgement scores above, or count unscored criteria "
                            "as neutral.", "还没有完整评分的对象：请在上方录入评分，或将未评分项按中性分计。"),
    "card.scored": ("Scored", "已评分"),
    "card.scored_help": ("{unscored} more have a criterion nobody has scored and are left out.",
                         "另有 {unscored} 个对象存在未评分项，未参与排名。"),
    "card.selected": ("★ selected", "★ 入选"),
    "card.cut": ("★ cut (total)", "★ 分数线（总分）"),
    "card.score": ("Score 0–100", "百分制得分"),
    "card.rank": ("Rank", "排名"),
    "card.sensitivity": ("Robustness", "稳健性"),
    "card.sensitivity_help": ("Every weight is moved at random by up to ± the chosen percentage, many times over: "
                              "the bar spans the best and worst rank seen, the diamond is the rank with the weights "
                              "as set, the figure the share of draws in which the entity keeps its ★.",
                              "将每个权重随机上下浮动（最多 ± 所选百分比），重复多次：横条为出现过的最好与最差排名，"
                              "菱形为当前权重下的排名，数字为保持 ★ 的概率。"),
    "card.perturb": ("Weight change", "权重浮动"),
    "card.draws": ("Draws", "模拟次数"),
    "card.fragile": ("{n} of {total} {total?selection|selections} hinge on the weights (★ in some draws, not in others).",
                     "{total} 个对象中有 {n} 个是否入选取决于权重（部分模拟中入选，部分落选）。"),
    "card.top_shown": ("Showing the {shown:,} best-ranked of {n:,} scored.", "显示 {n:,} 个已评分对象中排名最前的 {shown:,} 个。"),
    "card.robust_top": ("The weights are perturbed for the {shown:,} best-ranked of {n:,} scored: their ranks are "
                        "among these {shown:,}, while ★ is judged against the rule over all {n:,}.",
                        "对 {n:,} 个已评分对象中排名最前的 {shown:,} 个做权重扰动：排名仅在这 {shown:,} 个之间比较，"
                        "★ 仍按全部 {n:,} 个对象的规则判定。"),
    # strategy matrices
    "matrix.title": ("Strategy matrices", "策略矩阵"),
    "matrix.intro": ("Where to invest effort: each account's attractiveness against our strength with it, cut into "
                     "low / medium / high at 33 and 67, gives one of five strategies; below, the current value × "
                     "potential quadrants.",
                     "精力投向哪里：客户吸引力 × 我方实力，两轴按 33 与 67 分为低/中/高，得出五种策略之一；"
                     "下方为当前价值 × 未来潜力四象限。"),
    "matrix.attractiveness": ("Attractiveness: scorecard", "吸引力：评分卡"),
    "matrix.attractiveness_help": ("The scorecard's 0–100 score; an industry scorecard scores each account by its "
                                   "industry. Edit templates and scores on the Scorecards page.",
                                   "评分卡的百分制得分；行业评分卡按客户所属行业打分。模板和评分在“评分卡”页面编辑。"),
    "matrix.strength": ("Our strength", "我方实力"),
    "matrix.strength_help": ("Share of wallet: our last-12-month revenue ÷ the account's wallet estimate (%). "
                             "Relationship: the assessed Kotler level (basic 0 … partnership 100). Or another scorecard.",
                             "钱包份额：近 12 个月我方收入 ÷ 客户采购总额估计（%）。关系层级：已评估的科特勒关系层级"
                             "（基本型 0 … 伙伴型 100）。也可选另一张评分卡。"),
    "matrix.basis.share_of_wallet": ("Share of wallet", "钱包份额"),
    "matrix.basis.relationship": ("Relationship level (assessed)", "关系层级（已评估）"),
    "matrix.placed": ("{n:,} of {total:,} {total?account|accounts} have both scores and are placed.",
                      "{total:,} 个客户中有 {n:,} 个两项得分齐全，已放入矩阵。"),
    "matrix.none.share_of_wallet": ("No account has a wallet estimate: import accounts with one (Import data).",
                                    "没有客户填写采购总额估计：请导入带该字段的客户资料。"),
    "matrix.none.relationship": ("No relationship assessments yet: record them on the Relationship levels page.",
                                 "尚无关系评估：请在“关系层级”页面录入。"),
    "matrix.none.scorecard": ("No account is fully scored on that scorecard yet.", "该评分卡尚无完整评分的客户。"),
    "matrix.strategy": ("Strategy", "策略"),
    "matrix.strategy_help": ("Invest for growth: high attractiveness and strength; withdraw: low on both; the "
                             "cells in between invest selectively, maintain or manage for cash.",
                             "投资发展：吸引力与实力双高；退出：双低；其间依次为选择性投资、维持、收获现金。"),
    "matrix.show": ("Accounts to list", "列出客户"),
    "matrix.value_potential": ("Current value × potential", "当前价值 × 未来潜力"),
    "matrix.potential": ("Potential from", "潜力依据"),
    "matrix.potential_help": ("What says an account's potential: the wallet estimate less our revenue (else revenue "
                              "growth), or a scorecard's 0–100 score.",
                              "用什么衡量客户潜力：客户采购总额估计减去我方收入（无估计时用收入增长），或某张评分卡的 0–100 分。"),
    "matrix.potential.wallet_growth": ("Wallet estimate, else growth", "采购总额估计（无估计时用收入增长）"),
    "matrix.potential_group_help": ("Value × potential: current value is trailing-12-month revenue (split at the "
                                    "median); potential is the score of the {scorecard}'s potential criteria alone "
                                    "(its current-value criteria would only say current value again), as a "
                                    "percentile among the accounts it scores (high above 50%).",
                                    "当前价值 × 未来潜力：当前价值为近 12 个月收入（以中位数划分）；潜力只取“{scorecard}”中潜在价值"
                                    "一组的得分（其现实价值指标只会重复当前价值），按已评分客户中的百分位计（高于 50% 为高）。"),
    "matrix.potential_scorecard_help": ("Value × potential: current value is trailing-12-month revenue (split at the "
                                        "median); potential is the {scorecard} score, as a percentile among the "
                                        "accounts it scores (high above 50%).",
                                        "当前价值 × 未来潜力：当前价值为近 12 个月收入（以中位数划分）；潜力为“{scorecard}”得分在"
                                        "已评分客户中的百分位（高于 50% 为高）。"),
    "matrix.quadrant": ("Quadrant", "象限"),
    "matrix.quadrant_help": ("Beware of both mistakes: leaning too hard on large accounts with little "
                             "potential, and neglecting small ones with high potential until their buying peak has passed.",
                             "警惕两种失误：过度依赖当前价值大但潜力低的客户；忽视当前价值小但潜力高的客户，"
                             "等其进入采购高峰时为时已晚。"),
    "col.attractiveness": ("Attractiveness", "吸引力"),
    "col.strength": ("Strength", "实力"),
    "col.current": ("Current value", "当前价值"),
    "col.current_share": ("Share of current value", "当前价值占比"),
    # charts
    "chart.total": ("Weighted total", "加权总分"),
    "chart.star_cut": ("★ cut {cut}", "★ 分数线 {cut}"),
    "chart.scorecard_totals": ("Weighted totals, top {n}", "加权总分（前 {n} 名）"),
    "chart.rank_range": ("Rank range", "排名区间"),
    "chart.p_selected": ("Keeps ★", "保持 ★"),
    "chart.base_rank": ("Rank as weighted", "当前排名"),
    "chart.rank_axis": ("Rank (1 = best)", "排名（1 为最佳）"),
    "chart.rank_ranges": ("Ranks under perturbed weights", "权重扰动下的排名"),
    "chart.strength": ("Our strength (0–100)", "我方实力（0–100）"),
    "chart.attractiveness": ("Account attractiveness (0–100)", "客户吸引力（0–100）"),
    "chart.strategy_matrix": ("Attractiveness × strength: the five strategies", "吸引力 × 实力：五种策略"),
    "strategy.invest_growth": ("Invest for growth", "投资发展"),
    "strategy.invest_selectively": ("Invest selectively", "选择性投资"),
    "strategy.maintain": ("Maintain", "维持"),
    "strategy.manage_for_cash": ("Manage for cash", "收获现金"),
    "strategy.withdraw": ("Withdraw", "退出"),
}
