"""The library's messages about bad input (:class:`kamp.problems.Problem`), and the names they use.

Merged into :data:`kamp.i18n.TEXTS`; each entry is (English, 中文). The English is what the
command line prints; a value is quoted as Python does in English (``{value!r}``) and in “ ”
in Chinese.
"""
from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # why an imported row was rejected: kept as the English sentence with the Chinese one (without
    # the value, which the English quotes) in brackets; each page says it in its own language
    "problem.reject.missing": ("no {field}", "缺少{field}"),
    "problem.reject.no_such_date": ("{field} '{value}' does not exist", "{field}“{value}”不存在"),
    "problem.reject.not_date": ("{field} '{value}' is not a date", "{field}“{value}”不是日期"),
    "problem.reject.date_out_of_range": ("{field} '{value}' is not between {lo} and {hi}",
                                         "{field}“{value}”不在 {lo} 至 {hi} 年之间"),
    "problem.reject.date_future": ("{field} '{value}' is after today ({today})", "{field}“{value}”晚于今天（{today}）"),
    "problem.reject.not_whole": ("{field} '{value}' is not a whole number from {lo} to {hi}", "{field}“{value}”应为{lo}到{hi}的整数"),
    "problem.reject.not_choice": ("{field} '{value}' is not one of {allowed}", "{field}“{value}”取值无效（可选：{allowed}）"),
    "problem.reject.not_number": ("{field} '{value}' is not a number", "{field}“{value}”不是数字"),
    "problem.reject.too_large": ("{field} '{value}' is beyond {most} either way", "{field}“{value}”超出正负 {most} 的范围"),
    "problem.reject.excel_error": ("{field} '{value}' is an Excel error", "{field}“{value}”是 Excel 错误值"),
    "problem.reject.excel_error_number": ("{field} '{value}' is an Excel error, not a number",
                                          "{field}“{value}”是 Excel 错误值，不是数字"),
    "problem.reject.excel_error_date": ("{field} '{value}' is an Excel error, not a date",
                                        "{field}“{value}”是 Excel 错误值，不是日期"),
    "problem.reject.percent_over": ("{field} '{value}' is more than 100%", "{field}“{value}”超过 100%"),
    "problem.reject.percent_no_base": ("{field} '{value}' is a percentage, and the line has no quantity × unit price "
                                       "or amount to take it of",
                                       "{field}“{value}”是百分比，但该行没有可折算的数量×单价或金额"),
    "problem.reject.no_amount": ("no amount and no quantity × unit price", "缺少金额（或数量与单价）"),
    "problem.reject.extra_values": ("more values than the header has columns", "值比表头的列多"),
    "problem.reject.crosses_columns": ("a value runs over the edge between columns '{value}', so they cannot be told apart",
                                       "有值越过了“{value}”两列的分界，无法分列"),
    "problem.reject.total_row": ("total row '{value}', not a line of its own", "合计行“{value}”不是明细行"),
    # shared
    "problem.several": ("{problems}", "{problems}"),
    "problem.row": ("row {row}", "第 {row} 行"),
    "problem.number": ("{what} must be a number, not {value!r}", "{what}必须是数字，而不是“{value}”"),
    "problem.whole_between": ("{what} must be a whole number from {low:,} to {high:,}, not {value!r}",
                              "{what}必须是 {low:,} 到 {high:,} 之间的整数，而不是“{value}”"),
    "problem.whole_from": ("{what} must be a whole number of at least {low:,}, not {value!r}",
                           "{what}必须是不小于 {low:,} 的整数，而不是“{value}”"),
    "problem.pair": ("{what} must be two numbers, not {value!r}", "{what}必须是两个数字，而不是“{value}”"),
    "problem.negative": ("{what} is negative", "{what}不能为负数"),
    "problem.choose_one": ("choose one of {choices}", "请从以下选项中选择：{choices}"),
    "problem.yes_no": ("give true or false", "请填写 true 或 false"),
    # the names those messages use (English: as the code and the settings spell them)
    "problem.term.cuts": ("the cuts", "分界点"),
    "problem.term.tiers": ("the number of tiers", "级别数"),
    "problem.term.seed": ("the seed", "随机种子"),
    "problem.term.hours": ("the hours", "小时数"),
    "problem.term.period": ("the period", "计算期天数"),
    "problem.term.money_short": ("short", "简写（k/M/B）"),
    "problem.term.money_wan": ("wan", "万/亿"),
    # scorecards (kamp.scorecard)
    "problem.card.no_name": ("a criterion has no name", "有一条评分标准没有名称"),
    "problem.card.weight": ("criterion {name!r}: weight {value!r} is not a whole number 1–10",
                            "评分标准“{name}”：权重“{value}”不是 1–10 的整数"),
    "problem.card.direction": ("criterion {name!r}: direction {value!r} is not '+' or '−'",
                               "评分标准“{name}”：方向“{value}”不是“+”或“−”"),
    "problem.card.method": ("criterion {name!r}: method {value!r} is not 'judgement' or 'percentile'",
                            "评分标准“{name}”：方法“{value}”不是“judgement”（人工评分）或“percentile”（百分位）"),
    "problem.card.no_feature": ("criterion {name!r}: method 'percentile' needs a feature",
                                "评分标准“{name}”：方法“percentile”（百分位）需要选择一个特征"),
    "problem.card.no_criteria": ("a scorecard needs at least one criterion", "评分卡至少需要一条评分标准"),
    "problem.card.criterion_twice": ("criterion {name!r} appears more than once", "评分标准“{name}”出现了不止一次"),
    "problem.card.no_template_name": ("a template needs a name", "模板需要名称"),
    "problem.card.entity_kind": ("template {name!r}: it scores {entity!r}, not one of {kinds}",
                                 "模板“{name}”：评分对象“{entity}”不是以下之一：{kinds}"),
    "problem.card.entity_twice": ("entity {entity!r} appears more than once", "评分对象“{entity}”出现了不止一次"),
    "problem.card.unknown_column": ("unknown criterion column {column!r} (criteria: {criteria})",
                                    "未知的评分标准列“{column}”（评分标准：{criteria}）"),
    "problem.card.score_not_number": ("entity {entity!r}: criterion {name!r}: score {value!r} is not a number",
                                      "评分对象“{entity}”：评分标准“{name}”：分数“{value}”不是数字"),
    "problem.card.score_range": ("entity {entity!r}: criterion {name!r}: score {value} is outside 1–10",
                                 "评分对象“{entity}”：评分标准“{name}”：分数 {value} 不在 1–10 之间"),
    "problem.card.no_score": ("entity {entity!r}: no score for criterion {name!r}",
                              "评分对象“{entity}”：评分标准“{name}”没有分数"),
    "problem.card.unknown_feature": ("criterion {name!r}: feature {feature!r} is not a column of the account table",
                                     "评分标准“{name}”：特征“{feature}”不是客户表中的列"),
    "problem.card.unsaved_criterion": ("criterion {column!r} is not in the saved template {template!r}: save the "
                                       "template first, then the scores",
                                       "评分标准“{column}”不在已保存的模板“{template}”中：请先保存模板，再保存评分"),
    "problem.card.not_bundled": ("{name!r} is not a bundled template: there is no bundled version to go back to",
                                 "“{name}”不是内置模板，没有可恢复的内置版本"),
    "problem.card.bundled_kept": ("{name!r} is a bundled template: it can be reset to its bundled criteria, not deleted",
                                  "“{name}”是内置模板：可以恢复为内置标准，但不能删除"),
    "problem.card.no_template": ("no scorecard template {name!r}", "没有名为“{name}”的评分卡模板"),
    # criteria and score files (kamp.scorecard_files)
    "problem.file.row": ("{path}: row {row}: {problem}", "{path}：第 {row} 行：{problem}"),
    "problem.file.encoding": ("{path}: not UTF-8 or GB18030 text", "{path}：不是 UTF-8 或 GB18030 编码的文本"),
    "problem.file.empty": ("{path}: the file is empty", "{path}：文件为空"),
    "problem.file.not_found": ("{path}: file not found", "{path}：找不到文件"),
    "problem.file.folder": ("{path} is a folder, not a file", "{path} 是文件夹，不是文件"),
    "problem.file.no_entities": ("{path}: no entity rows under the header", "{path}：表头下没有评分对象行"),
    "problem.file.no_criteria": ("{path}: no criteria rows under the header", "{path}：表头下没有评分标准行"),
    "problem.file.no_column": ("no {column!r} column (found: {found})", "没有“{column}”列（现有的列：{found}）"),
    "problem.file.criterion_repeats": ("criterion {name!r} repeats row {first}",
                                       "评分标准“{name}”与第 {first} 行重复"),
    "problem.file.too_few_columns": ("need an entity column and one column per criterion",
                                     "需要一列评分对象，以及每条评分标准各一列"),
    "problem.file.no_criterion_column": ("no column for criterion {name!r}", "没有评分标准“{name}”的列"),
    "problem.file.entity_repeated": ("entity {entity!r} is repeated", "评分对象“{entity}”重复出现"),
    "problem.file.entity_missing": ("no entity in the first column", "第一列没有评分对象"),
    "problem.file.no_score": ("{entity}: no score for criterion {name!r}", "{entity}：评分标准“{name}”没有分数"),
    "problem.file.not_number": ("{entity}: {name} value {value!r} is not a number",
                                "{entity}：{name}的值“{value}”不是数字"),
    "problem.file.score_range": ("{entity}: {name} score {value!r} is outside 1–10 (or −10…−1, a score printed "
                                 "with its sign)", "{entity}：{name}的分数“{value}”不在 1–10 之间（或 −10…−1，即带符号的分数）"),
    # contacts (kamp.people)
    "problem.contact.no_name": ("row {row}: a contact needs a name", "第 {row} 行：联系人需要姓名"),
    "problem.contact.twice": ("row {row} ({name}): the name is already in row {first}; each contact once",
                              "第 {row} 行（{name}）：该姓名已在第 {first} 行出现；每位联系人只能出现一次"),
    "problem.contact.role": ("row {row} ({name}): role {value!r} is not one of {roles}",
                             "第 {row} 行（{name}）：角色“{value}”不是以下之一：{roles}"),
    "problem.contact.whole": ("row {row} ({name}): {column} {value!r} is not a whole number {low}…{high}",
                              "第 {row} 行（{name}）：{column}“{value}”不是 {low}…{high} 之间的整数"),
    "problem.contact.date": ("row {row} ({name}): last contact {value!r} is not a date",
                             "第 {row} 行（{name}）：最近联系日期“{value}”不是日期"),
    # rule settings (kamp.rulebook, kamp.rfm, kamp.coverage, kamp.relationship)
    "problem.setting": ("{name} = {value!r}: {problem}", "{name} = {value!r}：{problem}"),
    "problem.rfm.no_rules": ("the table has no rules", "规则表中没有规则"),
    "problem.rfm.no_name": ("row {row}: the segment has no name", "第 {row} 行：细分没有名称"),
    "problem.rfm.other": ("row {row} ({name}): Other (其他) names the accounts no rule matches; choose another name",
                          "第 {row} 行（{name}）：“其他”（Other）是未匹配任何规则的客户的名称，请另选名称"),
    "problem.rfm.twice": ("row {row} ({name}): the name is already in row {first}; each segment once",
                          "第 {row} 行（{name}）：该名称已在第 {first} 行出现；每个细分只能出现一次"),
    "problem.rfm.required": ("{name}: {low} and {high} are required", "{name}：必须填写 {low} 和 {high}"),
    "problem.rfm.range": ("{name}: {low} {a} – {high} {b} must satisfy 1 ≤ from ≤ to ≤ 5",
                          "{name}：{low} {a} – {high} {b} 须满足 1 ≤ 下限 ≤ 上限 ≤ 5"),
    "problem.abc_cuts": ("the cut closing A ({a:g}%) must be above 0% and below the cut closing B ({b:g}%), and "
                         "B at most 100%",
                         "A 类分界点（{a:g}%）必须大于 0% 且小于 B 类分界点（{b:g}%），B 不超过 100%"),
    "problem.status.shape": ("expected dormant_after_cycles, lost_after_cycles, min_cycle_days and max_cycle_days",
                             "需要休眠周期倍数、流失周期倍数、最短周期天数和最长周期天数"),
    "problem.status.cycles": ("{dormant} must be above 0 and below {lost}", "“{dormant}”必须大于 0 且小于“{lost}”"),
    "problem.status.days": ("{shortest} must be at least 1 and at most {longest}",
                            "“{shortest}”必须不小于 1，且不超过“{longest}”"),
    "problem.tier_features.none": ("choose at least one feature", "请至少选择一个特征"),
    "problem.tier_features.unknown": ("unknown features {unknown}; choose from {choices}",
                                      "未知特征 {unknown}；请从以下特征中选择：{choices}"),
    "problem.coverage.no_rows": ("the coverage table has no rows", "覆盖方式表中没有行"),
    "problem.coverage.ranks": ("tier ranks must be 1 or more and each appear once, not {ranks}",
                               "级别序号必须不小于 1 且各不相同，而不是 {ranks}"),
    "problem.coverage.model": ("{name}: choose a coverage model ({models})", "{name}：请选择覆盖方式（{models}）"),
    "problem.coverage.hours": ("{name}: hours per account must be a number from 0 to 8,760, not {value!r}",
                               "{name}：每客户小时数必须是 0 到 8,760 之间的数字，而不是“{value}”"),
    "problem.coverage.no_rank": ("{name}: no tier rank", "{name}：没有级别序号"),
    "problem.goals.shape": ("expected share_tiers, share_target and growth_target", "需要份额目标适用的级别数、份额目标和增长目标"),
    "problem.goals.share": ("{name} must be above 0% and at most 100%, not {value:g}%",
                            "“{name}”必须大于 0% 且不超过 100%，而不是 {value:g}%"),
    "problem.goals.growth": ("{name} must be above −100%, not {value:g}%", "“{name}”必须大于 −100%，而不是 {value:g}%"),
    "problem.strategy_cuts": ("the low cut ({low:g}) must be below the high cut ({high:g}), both from 0 to 100",
                              "低分界点（{low:g}）必须小于高分界点（{high:g}），两者都在 0 到 100 之间"),
    "problem.codes": ("expected a list of product codes", "需要产品编码列表"),
    "problem.memory": ("write an amount with its unit, such as 512MB or 2GB", "请写出数量和单位，例如 512MB 或 2GB"),
    "problem.memory_least": ("give the import at least {least}, not {value}: with less, no file can be read",
                             "导入内存不能低于 {least}（当前为 {value}），否则无法读取任何文件"),
    "problem.relationship.cells": ("the relationship rule table has no valid level for {cells}",
                                   "关系层级规则表中以下单元格没有有效的层级：{cells}"),
    "problem.relationship.few_medium": ("{few} must be below {medium}", "{few}必须小于{medium}"),
    "problem.relationship.low_high": ("{low} must be below {high}", "“{low}”必须小于“{high}”"),
    # worksheet values (kamp.playbook_defs): where the value sits, the value, what is wrong with it
    "problem.ws.value": ("{where}: {value!r} {problem}", "{where}：“{value}”{problem}"),
    "problem.ws.not_number": ("is not a number", "不是数字"),
    "problem.ws.not_finite": ("is not a finite number", "不是有限的数字"),
    "problem.ws.below_min": ("is below the minimum {min}", "低于最小值 {min}"),
    "problem.ws.above_max": ("is above the maximum {max}", "高于最大值 {max}"),
    "problem.ws.not_date": ("is not a date (use YYYY-MM-DD)", "不是日期（请按 YYYY-MM-DD 填写）"),
    "problem.ws.not_choice": ("is not one of: {choices}", "不是以下选项之一：{choices}"),
    "problem.ws.not_text": ("is not text", "不是文本"),
    "problem.ws.not_contact": ("is not a contact of this account or one of our reps", "既不是该客户的联系人，也不是我方销售"),
    "problem.ws.not_choices": ("is not a list of choices", "不是选项列表"),
    "problem.ws.not_bool": ("is not yes / no", "不是“是/否”"),
    "problem.ws.not_level": ("is not a business pyramid level 1–5", "不是 1–5 的业务金字塔层级"),
    "problem.ws.unknown_type": ("has an unknown field type {type!r}", "的字段类型“{type}”未知"),
    "problem.ws.not_table": ("is not a table (a list of rows)", "不是表格（行的列表）"),
    "problem.ws.not_row": ("is not a row (column → value)", "不是一行数据（列 → 值）"),
    "problem.ws.not_column": ("is not a column of this table", "不是此表格的列"),
    "problem.ws.not_field": ("is not a field of this worksheet", "不是本工作表的字段"),
    # snapshots (kamp.review)
    "problem.snapshot.no_data": ("nothing to snapshot: there are no transactions", "无法创建快照：还没有交易数据"),
    "problem.snapshot.no_name": ("a snapshot needs a name", "快照需要名称"),
    "problem.snapshot.taken": ("snapshot {name!r} was taken at {taken} and never changes; choose another name",
                               "快照“{name}”已于 {taken} 创建，不可更改；请换一个名称"),
    "problem.snapshot.no_accounts": ("no account has lines on or before {as_of}", "没有客户在 {as_of} 当天或之前有订单行"),
    "problem.snapshot.exists": ("snapshot {name!r} exists and never changes; choose another name",
                                "快照“{name}”已存在，不可更改；请换一个名称"),
    # imported files (kamp.sources, kamp.ingest): the file as a whole, nothing was imported
    "problem.import.in_file": ("{name}: {problem}", "{name}：{problem}"),
    "problem.import.not_found": ("{name}: file not found", "{name}：找不到文件"),
    "problem.import.folder": ("{name} is a folder: name a file in it", "{name} 是文件夹：请指定其中的一个文件"),
    "problem.import.empty": ("{name}: the file is empty", "{name}：文件为空"),
    "problem.import.binary": ("{name}: this is a binary file, not a CSV, Excel or Parquet export",
                              "{name}：这是二进制文件，不是 CSV、Excel 或 Parquet 导出文件"),
    "problem.import.web_page": ("{name} is a web page (HTML) saved under a spreadsheet's name, not an Excel workbook "
                                "or CSV file: open it in Excel, save it as an Excel workbook (.xlsx) or as CSV, and "
                                "import that",
                                "{name} 是以表格文件名保存的网页（HTML），不是 Excel 工作簿或 CSV 文件：请用 Excel 打开，"
                                "另存为 Excel 工作簿（.xlsx）或 CSV 后再导入"),
    "problem.import.open_quote": ("{name}: line {line:,} opens a quote (\") that no later line closes: {text}",
                                  "{name}：第 {line:,} 行的引号（\"）没有闭合：{text}"),
    "problem.import.unreadable": ("{name}: cannot be read as CSV, Excel or Parquet ({detail})",
                                  "{name}：无法作为 CSV、Excel 或 Parquet 文件读取（{detail}）"),
    "problem.import.no_sheet": ("{name}: there is no sheet {sheet!r}; sheets: {sheets}",
                                "{name}：没有名为“{sheet}”的工作表；现有的工作表：{sheets}"),
    "problem.import.other_kind": ("{name}: its columns fit {better} better ({n} of {m} recognised) than transactions "
                                  "({k} of {m}); add --kind {better}, or --kind transactions to import it as order lines",
                                  "{name}：其列更符合 {better}（可识别 {m} 列中的 {n} 列），而非 transactions（{k} 列）；"
                                  "请加上 --kind {better}，或用 --kind transactions 作为订单行导入"),
    "problem.import.other_kind_lacks": ("{name}: no column maps to {fields} of order lines, and its columns fit "
                                        "{better} ({n} of {m} recognised); map them with --map COLUMN=FIELD, or add "
                                        "--kind {better}",
                                        "{name}：没有列对应订单行的必需字段：{fields}；其列更符合 {better}（可识别 {m} 列中的 "
                                        "{n} 列）；请用 --map 列名=字段 指定，或加上 --kind {better}"),
    "problem.import.empty_sheet": ("{name}: sheet {sheet!r} is empty; sheets: {sheets}",
                                   "{name}：工作表“{sheet}”是空的；现有的工作表：{sheets}"),
    "problem.import.no_columns": ("{name}: no columns found", "{name}：没有找到任何列"),
    "problem.demo.none": ("the database holds no demo company (it was removed, or never imported)",
                          "数据库中没有演示公司（已移除，或从未导入）"),
    "problem.demo.holding": ("the demo cannot be removed yet: {later} found some of the demo's lines already present "
                             "and did not add them again, so they would go with it. Undo {later} first, remove the "
                             "demo, then import those files again",
                             "暂不能移除演示数据：{later} 发现演示数据中的部分行已存在而未再次添加，移除会使这些行一并删除。"
                             "请先撤销 {later}，移除演示数据后再重新导入这些文件"),
    "problem.undo.no_such": ("there is no import #{id} (python -m kamp info lists them)",
                             "没有第 {id} 次导入（python -m kamp info 可列出全部导入）"),
    "problem.undo.already": ("import #{id} of {name} was undone already", "第 {id} 次导入（{name}）已撤销"),
    "problem.undo.nothing": ("import #{id} of {name} added nothing (the file had been imported before): nothing "
                             "to undo", "第 {id} 次导入（{name}）未添加任何数据（该文件此前已导入），无可撤销"),
    "problem.undo.accounts": ("import #{id} of {name} updated account records in place, which cannot be taken "
                              "back: import a corrected file instead. Its records that nothing refers to (no order "
                              "line, contact, payment or interaction) can be removed: python -m kamp undo {id} "
                              "--unused-accounts{db}, or under Imports & rejects",
                              "第 {id} 次导入（{name}）就地更新了客户档案，无法撤销：请导入更正后的文件。其中未被任何订单行、"
                              "联系人、回款或联络记录引用的客户档案可以删除：python -m kamp undo {id} --unused-accounts{db}，"
                              "或在“导入记录”页操作"),
    "problem.undo.no_unused": ("import #{id} of {name} holds no account record that nothing refers to: nothing "
                               "to remove",
                               "第 {id} 次导入（{name}）中没有未被引用的客户档案，无可删除"),
    "problem.undo.unused_of_accounts": ("--unused-accounts removes the account records of an accounts import: "
                                        "import #{id} of {name} is a {kind} import",
                                        "--unused-accounts 用于删除客户档案导入中的客户档案：第 {id} 次导入（{name}）"
                                        "是“{kind}”导入"),
    "problem.undo.later": ("import #{id} of {name} cannot be undone yet: {later} found some of its lines already "
                           "present and did not add them again, so they would be lost. Undo {later} first",
                           "第 {id} 次导入（{name}）暂不能撤销：{later} 发现其中部分行已存在而未再次添加，撤销会使这些行丢失。"
                           "请先撤销 {later}"),
    "problem.import.no_rows": ("{name}: the file has a header but no rows", "{name}：文件只有表头，没有数据行"),
    "problem.import.utf8_until": ("the text is UTF-8 up to line {line}, where the bytes {bytes} are not: that line "
                                  "was written in another encoding (pasted in from another system?); save the whole "
                                  "file as UTF-8 CSV and try again",
                                  "文本在第 {line} 行之前是 UTF-8，该行出现非 UTF-8 字节（{bytes}）：这一行可能来自使用其他编码的系统；"
                                  "请将整个文件另存为 UTF-8 CSV 后重试"),
    "problem.import.unknown_encoding": ("the text is in no encoding KAMP knows (UTF-8, UTF-16, GB18030/GBK, Big5, "
                                        "Windows-1252); save it as UTF-8 CSV and try again",
                                        "无法识别文本的编码（KAMP 能读取 UTF-8、UTF-16、GB18030/GBK、Big5、Windows-1252），"
                                        "请另存为 UTF-8 CSV 后重试"),
    "problem.import.not_an_encoding": ("{name}: {encoding!r} is not an encoding", "{name}：“{encoding}”不是可识别的编码"),
    "problem.import.bad_line": ("{name}: line {line:,} is not valid {encoding} text; save the file as UTF-8 CSV and "
                                "try again", "{name}：第 {line:,} 行不是有效的 {encoding} 文本，请将文件另存为 UTF-8 CSV 后重试"),
    "problem.import.cut_character": ("{name}: the file ends in the middle of a character; save it as UTF-8 CSV",
                                     "{name}：文件在一个字符的中途结束（结尾编码不完整），请另存为 UTF-8 CSV"),
    "problem.import.unknown_columns": ("{name}: the mapping names columns the file lacks: {columns}",
                                       "{name}：列映射中的这些列在文件中不存在：{columns}"),
    "problem.import.no_required": ("{name}: no column maps to {fields}; columns found: {columns}. Map one with "
                                   "--map COLUMN=FIELD",
                                   "{name}：以下必需字段没有对应的列：{fields}；文件中的列：{columns}。"
                                   "可用 --map 列名=字段 指定对应关系"),
    "problem.import.map_no_column": ("--map {source}={target}: the file has no column {source!r}; columns: {columns}",
                                     "--map {source}={target}：文件中没有“{source}”列；现有的列：{columns}"),
    "problem.import.map_which_column": ("--map {source}={target}: {source!r} could be any of the columns {columns}; "
                                        "name one as the file writes it",
                                        "--map {source}={target}：“{source}”可能是以下任一列：{columns}；请按文件中的写法指定其中一列"),
    "problem.import.in_sheet": ("{problem} (read from sheet {sheet!r}; the workbook's other sheets: {others}; "
                                "--sheet NAME reads another)",
                                "{problem}（读取的是工作表“{sheet}”；工作簿中的其他工作表：{others}；可用 --sheet 工作表名 读取其他工作表）"),
    "problem.import.map_not_a_field": ("--map {source}={target}: {target!r} is not a {kind} field; fields: {fields}",
                                       "--map {source}={target}：“{target}”不是“{kind}”的字段；可用的字段：{fields}"),
    "problem.import.map_twice": ("--map names column '{source}' twice ({first}, then {second}): a column fills one field",
                                 "--map 两次指定列“{source}”（{first}，又是 {second}）：一列只能对应一个字段"),
    "problem.import.map_form": ("--map {item}: write it as SOURCE=FIELD, e.g. --map 'Cust No=account_id'",
                                "--map {item}：请写成 源列=字段 的形式，例如 --map 'Cust No=account_id'"),
    # DuckDB's own words about the file (its text is not translated; the frame is)
    "problem.import.invalid_text": ("part of the file is not valid text in the detected encoding; save it as UTF-8 CSV",
                                    "文件部分内容不是所识别编码下的有效文本，请另存为 UTF-8 CSV"),
    "problem.import.read_error": ("{detail}", "读取文件时出错：{detail}"),
    "problem.import.read_error_near": ("{detail} (near line {line:,})", "读取文件第 {line:,} 行附近时出错：{detail}"),
}
