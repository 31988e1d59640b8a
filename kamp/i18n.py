"""Every user-facing string of the app, in English and Simplified Chinese.

``t(key, lang, **values)`` looks a key up and fills ``{placeholders}``. A missing key is a
bug and raises ``KeyError`` (a test checks that every key the pages use exists in both
languages).
"""
from __future__ import annotations

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
    "overview.top_share_help": ("Share of net revenue from the top ceil(20 % × n) accounts by net revenue.",
                                "按净收入排名前 ceil(20% × n) 个客户所占净收入的比例。"),
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
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    """The text of ``key`` in ``lang`` (``"en"`` or ``"zh"``) with ``values`` filled in."""
    en, zh = TEXTS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def field_label(field, lang: str) -> str:
    """A schema field's name in ``lang``."""
    return field.label_zh if lang == "zh" and field.label_zh else field.label
