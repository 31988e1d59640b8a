"""The strings of the Import data page and the Imports & rejects page (kamp.ingest, kamp.undo,
kamp.demo_build as the pages say them), and the columns of the imports log.

Merged into :data:`kamp.i18n.TEXTS`; each entry is (English, 中文).
"""
from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "import.title": ("Import data", "导入数据"),
    "import.intro": ("CSV, TSV, Excel (.xlsx, .xls) or Parquet exports from your ERP or CRM. Chinese and English headers "
                     "are recognised; UTF-8, GB18030/GBK and UTF-16 text is read as is.",
                     "支持 ERP/CRM 导出的 CSV、TSV、Excel（.xlsx、.xls）和 Parquet 文件。自动识别中英文表头；"
                     "可直接读取 UTF-8、GB18030/GBK 和 UTF-16 编码。"),
    "import.kind": ("What the file holds", "文件内容"),
    "import.kind.transactions": ("Transactions (order lines)", "交易（订单行）"),
    "import.kind.accounts": ("Accounts", "客户"),
    "import.kind.contacts": ("Contacts", "联系人"),
    "import.kind.payments": ("Payments / receivables", "回款 / 应收"),
    "import.kind.interactions": ("Interactions", "联络记录"),
    "import.file": ("File", "文件"),
    "import.choose_file": ("Choose a file", "选择文件"),
    "import.drop_hint": ("or drop it here · up to {size} · {types}", "或拖放到此处 · 不超过 {size} · {types}"),
    "import.sheet": ("Sheet", "工作表"),
    "import.detected": ("Detected", "识别结果"),
    "import.format": ("Format", "格式"),
    "import.encoding": ("Encoding", "编码"),
    "import.delimiter": ("Delimiter", "分隔符"),
    "import.delimiter.tab": ("tab", "制表符"),
    "import.delimiter.spaces": ("spaces", "空格"),
    "import.est_rows": ("Rows (estimate)", "行数（估计）"),
    "import.rows": ("Rows", "行数"),
    "import.reading": ("Reading {file}…", "正在读取 {file}…"),
    "import.scaled": ("Read in the currency's units, by the unit in the header: {items}.",
                      "按表头中的单位换算为元：{items}。"),
    "import.header_below": ("The headers are on {where} {n}: what stands above them (a title or notes) is not imported.",
                            "表头在第 {n} {where}：上方的内容（标题或说明）不导入。"),
    "import.where.row": ("row", "行"),
    "import.where.line": ("line", "行"),
    "import.mapping": ("Column mapping", "列映射"),
    "import.mapping_help": ("Each column of the file goes to one field, or is left out. Fields marked * are required.",
                            "文件的每一列对应一个字段，或不导入。带 * 的字段为必需。"),
    "import.mapping_help_amount": ("Amount may instead come from quantity × unit price.", "金额也可由数量 × 单价计算。"),
    "import.from_profile": ("This header set was imported before: its saved mapping is applied.",
                            "此表头组合曾经导入过，已套用保存的映射。"),
    "import.source_column": ("Column in file", "文件列"),
    "import.field": ("Field", "字段"),
    "import.example": ("Example values", "示例值"),
    "import.hidden_column": ("Hidden in Excel", "Excel 中隐藏"),
    "import.hidden_column_help": ("Excel hides this column: it is mapped by itself only to a field no shown column fits",
                                  "该列在 Excel 中被隐藏：只有没有可见列对应的字段才会自动映射到它"),
    "import.not_imported": ("— not imported —", "— 不导入 —"),
    "import.missing": ("Still missing: {fields}", "仍缺少：{fields}"),
    "import.duplicate_field": ("{columns} all map to {field}: keep one.", "{columns} 都对应 {field}，请只保留一列。"),
    "import.date_order": ("Dates like 05/03/2024", "形如 05/03/2024 的日期"),
    "import.date_auto": ("Decide from the data: {choice}", "根据数据判断：{choice}"),
    "import.date_assumed": ("The data cannot tell: {choice} assumed", "数据无法判断：暂按{choice}"),
    "import.date_assumed_help": ("No date of the file has a day above 12, so every one reads either way (05/03 is "
                                 "5 March or May 3): choose the order your system writes.",
                                 "文件中没有大于 12 的日，每个日期都有两种读法（05/03 可以是 3月5日，也可以是 5月3日）："
                                 "请选择您的系统所用的顺序。"),
    "import.date_saved": ("As saved for these headers: {choice}", "按此表头组合保存的顺序：{choice}"),
    "import.date_saved_help": ("No date of the file has a day above 12: the order is the one saved with this header "
                               "set's mapping, which an earlier file of it showed or was imported in. Choose the "
                               "other if this file's system writes dates another way.",
                               "文件中没有大于 12 的日：已沿用此表头组合映射中保存的日期顺序（来自之前导入的同类文件的日期或所选顺序）。"
                               "如此文件的系统写法不同，请选择另一种顺序。"),
    "import.dayfirst": ("day first (5 March)", "日在前（3月5日）"),
    "import.monthfirst": ("month first (May 3)", "月在前（5月3日）"),
    "import.preview": ("First rows of the file", "文件前几行"),
    "import.preview_read": ("As they will be imported", "导入预览"),
    "import.preview_read_help": ("The first rows read with this mapping and date order: check the dates and "
                                 "amounts. A row with a reason will be set aside as rejected.",
                                 "按当前映射和日期顺序读取的前几行：请核对日期和金额。有原因的行将作为问题行单独列出，不会导入。"),
    "import.preview_reason": ("Why it would be rejected", "拒绝原因"),
    "import.confirm_button": ("Confirm and import", "确认并导入"),
    "import.progress": ("{phase}: {rows:,} {rows?row|rows} · {rate:,.0f} rows/s", "{phase}：{rows:,} 行 · {rate:,.0f} 行/秒"),
    "import.phase.scan": ("Checking the file", "检查文件"),
    "import.phase.open": ("Opening the workbook", "打开工作簿"),
    "import.phase.sheet": ("Reading the sheet", "读取工作表"),
    "import.columns": ("Required columns: {required}. Optional: {optional}. Headers in English or Chinese are "
                       "recognised; the template has one column per field.",
                       "必需列：{required}。可选列：{optional}。可识别中文或英文表头；模板每个字段一列。"),
    "import.template": ("Template", "模板"),
    "import.amount_or_price": ("amount (or quantity and unit price)", "金额（或数量与单价）"),
    "import.other_kind": ("The columns of this file fit {better} better: {n} of {m} recognised, against {k} as {kind}.",
                          "此文件的列更符合“{better}”：可识别 {m} 列中的 {n} 列，而作为“{kind}”只识别 {k} 列。"),
    "import.choose_kind": ("Choose the kind of file before importing: its columns fit {better} better than {kind}, "
                           "and imported as the wrong kind its amounts would count as sales. Import it as {better}, "
                           "or keep {kind} if that is what it holds.",
                           "导入前请先选择文件类型：此文件的列更符合“{better}”而不是“{kind}”，按错误的类型导入，其金额会被计为销售额。"
                           "请作为“{better}”导入；如果它确实是“{kind}”，请保留“{kind}”。"),
    "import.keep_kind": ("Keep {kind}", "保留“{kind}”"),
    "import.switch_kind": ("Import it as {better}", "作为“{better}”导入"),
    "import.phase.wait": ("Waiting for another import to finish (one runs at a time)",
                          "等待另一个导入完成（每次只运行一个导入）"),
    "import.phase.read": ("Reading", "读取"),
    "import.phase.check": ("Setting rejects and repeated lines aside", "分出问题行与重复行"),
    "import.phase.load": ("Storing", "写入"),
    "import.phase.finish": ("Adding new accounts, saving", "添加新客户并保存"),
    "import.done": ("Imported {file}", "已导入 {file}"),
    "import.done_none": ("Nothing loaded from {file}", "未从 {file} 载入任何数据"),
    "import.all_rejected": ("Every row of {file} was rejected, nothing was loaded: the reasons are below. To import "
                            "it again another way (another mapping or date order), first undo import #{id} under "
                            "Imports & rejects.",
                            "{file} 的每一行都被拒绝，未载入任何数据：原因见下方。若要以其他方式（其他映射或日期顺序）"
                            "重新导入，请先在“导入记录”页撤销第 {id} 次导入。"),
    "import.same_file": ("The same file as import #{id} of {when}: nothing added. To read it again with another "
                         "mapping or date order, undo import #{id} under Imports & rejects first.",
                         "与 {when} 的第 {id} 次导入是同一个文件：未添加任何数据。如需换一种映射或日期顺序重新读取，"
                         "请先在“导入记录”页撤销第 {id} 次导入。"),
    "import.rows_read": ("Rows read", "读取行数"),
    "import.rows_loaded": ("Loaded", "已导入"),
    "import.rows_rejected": ("Rejected", "被拒绝"),
    "import.rows_present": ("Already present", "已存在"),
    "import.rows_present_help": ("Exact duplicates — within the file or of rows imported before — are counted once.",
                                 "完全相同的重复行（文件内或与已导入数据重复）只计一次。"),
    "import.demo_present": ("The database holds the **demo company**: what you import is added to it. To see your "
                            "own data alone, remove the demo first.",
                            "数据库中现有**演示公司**的数据：导入的数据会与其合并。若只想看自己的数据，请先移除演示数据。"),
    "import.demo_mixed": ("The database holds the **demo company** beside your {n} {n?import|imports}: the figures "
                          "mix the two. Removing the demo keeps your imports.",
                          "数据库中除您的 {n} 次导入外还有**演示公司**的数据：各项数字混合了两者。移除演示数据会保留您的导入。"),
    "import.demo_sure": ("Remove the demo's lines, accounts, contacts, payments, plans and snapshots (your own "
                         "imports and settings stay)",
                         "移除演示公司的订单行、客户、联系人、回款、计划和快照（您的导入和设置保留）"),
    "import.demo_remove": ("Remove the demo company", "移除演示公司"),
    "import.demo_removed": ("Demo removed: {lines:,} order lines and {accounts:,} account records taken out.",
                            "演示数据已移除：删除订单行 {lines:,} 行、客户档案 {accounts:,} 个。"),
    "import.zero_padded": ("{n:,} new account {n?id is|ids are} another account's id but for leading zeros "
                           "({pairs}): one customer under two ids, as two systems write it? Their lines stay apart; "
                           "to join them, import the file again with the ids written alike.",
                           "{n:,} 个新客户编号与已有编号仅相差开头的 0（{pairs}），可能是同一客户在不同系统中的不同写法。"
                           "两者的订单行目前分开统计；如需合并，请统一编号后重新导入。"),
    "import.zero_padded_accounts": ("{n:,} new account {n?id is|ids are} another account's id but for leading "
                                    "zeros ({pairs}): one customer under two ids, as two systems write it? To keep "
                                    "one, import the file again with the ids written as the order lines write them, "
                                    "then remove this import's records that nothing refers to under Imports & rejects.",
                                    "{n:,} 个新客户编号与已有编号仅相差开头的 0（{pairs}），可能是同一客户在不同系统中的"
                                    "不同写法。如需只保留一个，请按订单行的编号写法统一后重新导入，再在“导入记录”页删除"
                                    "本次导入中未被引用的客户档案。"),
    "import.zero_padded_rows": ("{n:,} account {n?id|ids} of this file {n?matches|match} no account but {n?is|are} "
                                "another account's id but for leading zeros ({pairs}): one customer under two ids, as "
                                "two systems write it? Their rows show on no account's page; to join them, undo this "
                                "import under Imports & rejects and import the file again with the ids written as the "
                                "order lines write them.",
                                "本文件中 {n:,} 个客户编号不属于任何已有客户，但与已有编号仅相差开头的 0（{pairs}），"
                                "可能是同一客户在不同系统中的不同写法。这些行目前不会显示在任何客户页面上；如需合并，"
                                "请在“导入记录”页撤销本次导入，按订单行的编号写法统一后重新导入。"),
    "import.superseded.payments": ("{n:,} {n?invoice|invoices} stored before {n?is|are} now as this file has "
                                   "{n?it|them} (paid since, say); the earlier version is kept, and comes back if "
                                   "this import is undone.",
                                   "{n:,} 张此前已存的发票已按本文件更新（例如此后已回款）；旧版本仍保留，撤销本次导入即恢复。"),
    "import.superseded.contacts": ("{n:,} {n?contact|contacts} stored before {n?is|are} now as this file has "
                                   "{n?it|them} (a new title or role, say); the earlier version is kept, and comes "
                                   "back if this import is undone.",
                                   "{n:,} 位此前已存的联系人已按本文件更新（例如职务或角色变化）；旧版本仍保留，撤销本次导入即恢复。"),
    "import.repeated_people": ("{n:,} earlier {n?row|rows} of a person whose later row differs (the same account and "
                               "name): the last row of each person is kept, the earlier ones count as already present.",
                               "{n:,} 行是同一联系人（同一客户、同一姓名）的较早行，且与其后的行不同：每人保留最后一行，较早的行计为已存在。"),
    "import.repeated_ids": ("{n:,} account {n?id is|ids are} on more than one row with different values: the last "
                            "row of each is kept, the earlier ones count as already present.",
                            "{n:,} 个客户编号出现在多行且内容不同：每个编号保留最后一行，之前的行计为已存在。"),
    "import.new_accounts": ("{n:,} new {n?account|accounts} (no earlier line of theirs).",
                            "新增 {n:,} 个客户（此前没有他们的订单行）。"),
    "import.rejects": ("Rejected rows and why", "被拒绝的行及原因"),
    "import.download_rejects": ("Download rejected rows (CSV)", "下载被拒绝的行（CSV）"),
    "import.failed": ("Nothing was imported: {message}", "未导入任何数据。{message}"),
    "import.upload_prompt": ("Choose a file to see how it will be read.", "请选择文件，查看将如何读取。"),
    # history
    "history.title": ("Imports and rejected rows", "导入记录与被拒绝的行"),
    "history.empty": ("No imports yet.", "还没有导入记录。"),
    "history.imports": ("Imports", "导入"),
    "history.mappings": ("Which column each import read into which field", "各次导入的列映射"),
    "history.pick": ("Show the rejected rows of import", "查看以下导入的被拒绝行"),
    "history.no_rejects": ("No import has rejected a row.", "所有导入都没有被拒绝的行。"),
    "history.reason_rows": ("Rows", "行数"),
    "history.first_rejects": ("The first {shown:,} of {total:,} rejected rows, in file order; the button below "
                              "downloads them all.",
                              "按文件顺序列出前 {shown:,} 行（共 {total:,} 行被拒绝）；下方按钮可下载全部。"),
    "history.undo.title": ("Undo an import", "撤销导入"),
    "history.undo.help": ("Undoing an import removes the lines (or contacts, payments, interactions) it added, its "
                          "rejected rows and the account records it created that no line is left for. Its entry "
                          "stays in the list above, marked undone, and the file may be imported again — with "
                          "another column mapping or date order. An import of account records updates them in "
                          "place and cannot be undone: import a corrected file instead (its records that nothing "
                          "refers to can then be removed below).",
                          "撤销导入将删除该次导入添加的订单行（或联系人、回款、联络记录）、被拒绝的行，以及由它创建且已无订单行的"
                          "客户档案。该导入仍留在上方列表中并标为已撤销，之后可以重新导入该文件——换一种列映射或日期顺序。"
                          "客户档案导入是就地更新，无法撤销：请导入更正后的文件（之后可在下方删除其中未被引用的客户档案）。"),
    "history.undo.none": ("No import can be undone.", "没有可撤销的导入。"),
    "history.unused.title": ("Account records nothing refers to", "未被引用的客户档案"),
    "history.unused.help": ("Account records of an accounts import that no order line, contact, payment or "
                            "interaction refers to — ids written another way (0088002 beside the lines' 88002), "
                            "say, left over once the file was imported again corrected. They can be removed.",
                            "客户档案导入中未被任何订单行、联系人、回款或联络记录引用的客户档案——例如文件更正后重新导入，"
                            "原先写法不同的编号（订单行为 88002 而档案为 0088002）遗留下来的档案。可以将其删除。"),
    "history.unused.option": ("#{id} · {name} · {n:,} {n?record|records}", "#{id} · {name} · {n:,} 个档案"),
    "history.unused.pick": ("Accounts import", "客户档案导入"),
    "history.unused.sure": ("Remove {ids}", "删除 {ids}"),
    "history.unused.button": ("Remove the records nothing refers to", "删除未被引用的客户档案"),
    "history.unused.done": ("{n:,} account {n?record|records} of import #{id} removed.",
                            "已删除第 {id} 次导入中的 {n:,} 个客户档案。"),
    "history.undo.pick": ("Import to undo", "要撤销的导入"),
    "history.undo.option": ("#{id} · {name} · {kind} · {rows:,} loaded", "#{id} · {name} · {kind} · 已载入 {rows:,} 行"),
    "history.undo.sure": ("Remove the {rows:,} rows this import loaded", "删除该次导入载入的 {rows:,} 行"),
    "history.undo.button": ("Undo import #{id}", "撤销导入 #{id}"),
    "history.note.undone": ("undone", "已撤销"),
    "history.note.same": ("same file as import #{id} of {when}: nothing added", "与 {when} 的第 {id} 次导入是同一文件：未添加"),
    "history.undo.done": ("Import #{id} of {name} undone: {rows:,} rows removed, and {accounts:,} account records "
                          "no line is left for. The file may be imported again.",
                          "第 {id} 次导入（{name}）已撤销：删除 {rows:,} 行，以及 {accounts:,} 个已无订单行的客户档案。"
                          "现在可以重新导入该文件。"),
    "history.undo.repeats": ("Undone with it: {ids}, the same file imported again, which added nothing.",
                             "同一文件之后重复导入、未添加任何行的 {ids} 一并撤销。"),
    "history.settings": ("Non-product codes", "非产品编码"),
    "history.settings_help": ("Product codes that are fees, postage, adjustments or vouchers; '*' matches any ending. "
                              "Applied to lines imported from now on.",
                              "属于费用、运费、调整或礼券的产品编码；“*”匹配任意结尾。对之后导入的数据生效。"),
    "history.save": ("Save", "保存"),
    "history.saved": ("Saved.", "已保存。"),
    "col.import_id": ("#", "#"),
    "col.kind": ("Kind", "类型"),
    "col.file_name": ("File", "文件"),
    "col.sheet": ("Sheet", "工作表"),
    "col.mapping": ("Columns read (column → field)", "读取的列（文件列 → 字段）"),
    "col.rows_read": ("Read", "读取"),
    "col.rows_loaded": ("Loaded", "导入"),
    "col.rows_rejected": ("Rejected", "拒绝"),
    "col.rows_present": ("Present", "已存在"),
    "col.finished_at": ("When", "时间"),
    "col.note": ("Note", "备注"),
}
