"""What each kind of import holds: its fields, their types and their header synonyms.

A field's ``type`` decides how a raw value is parsed (see :mod:`kamp.parse`):

``id``     text identifier; a float-looking id such as ``13085.0`` becomes ``13085``
           and full-width ``Ｇ１`` (a Chinese input method's) ``G1``; Chinese characters stay
``text``   trimmed text, empty becomes NULL
``date``   a timestamp parsed from ISO, ``2024/3/5``, ``2024年3月5日``, ``05/03/2024``,
           ``19970101`` or an Excel serial number
``money``  an amount such as ``1,234.56``, ``¥1,234``, ``(123.00)``, ``1.234,56`` or ``1.2亿元``
``number`` a plain number parsed like money
``int``    a whole number in a range given by ``lo``/``hi``
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kamp.headers import normalize_header, unit_scale, units


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool = False
    # best first: when two headers name the field, the one matching the earlier synonym is taken
    # (the field's own label and the usual names before the looser ones: 订单日期 before 发货日期)
    synonyms: tuple[str, ...] = ()
    lo: float | None = None
    hi: float | None = None
    choices: tuple[str, ...] = ()
    label_zh: str = ""
    past: bool = False  # a date of what has happened (an order, a payment made): never after today

    @property
    def label(self) -> str:
        """The field's English name as a person says it."""
        return "date" if self.name == "ts" else self.name.replace("_", " ")


def _f(name, type_, synonyms, required=False, zh="", **kw):
    return Field(name, type_, required, tuple(synonyms), label_zh=zh, **kw)


# What identifies a row of a kind across exports: a later file's row with the same key is the
# newer version of it (an invoice since paid, a contact's new role), and supersedes the stored one.
KEYS = {"payments": ("account_id", "invoice_id"), "contacts": ("account_id", "name")}

CONTACT_ROLES = ("decision_maker", "sponsor", "strategic_coach", "anti_sponsor", "user", "influencer")
INTERACTION_KINDS = ("visit", "call", "task", "complaint", "praise", "suggestion", "survey")

KINDS: dict[str, tuple[Field, ...]] = {
    "transactions": (
        # an id or code column before a bare Customer / Account / 客户, which may be the name
        _f("account_id", "id", ["customer id", "customerid", "客户编号", "customer no", "cust no", "cust id", "customer number",
                                "customer code", "client id", "account id", "account no", "客户代码", "客户id",
                                "客户号", "客户编码", "customer", "account", "客户"], True, "客户编号"),
        # the order's date before an invoice's, a posting's or a shipment's, and those before a bare
        # Date (no Close Date: an opportunity export's pipeline is no sales)
        _f("ts", "date", ["order date", "orderdate", "订单日期", "下单日期", "invoice date", "invoicedate",
                          "inv date", "transaction date", "sale date", "sales date", "交易日期", "销售日期", "开票日期",
                          "posting date", "document date", "单据日期", "业务日期", "出库日期", "发货日期",
                          "date", "日期",
                          "month", "year month", "period", "月份", "年月", "期间", "会计期间", "销售月份"], True, "订单日期", past=True),
        _f("amount", "money", ["amount", "sales", "sales amount", "revenue", "net amount", "net sales",
                               "line total", "total", "value", "金额", "销售额", "销售金额", "收入", "总金额",
                               "含税金额", "订单金额", "交易金额", "成交金额", "价税合计"], zh="金额"),
        _f("invoice_id", "text", ["invoice", "invoiceno", "invoice no", "inv no", "invoice number", "order", "order id",
                                  "order no", "order number", "document no", "invoice id", "sales order",
                                  "sales order no", "sales order number", "订单号", "订单编号", "单号", "发票号",
                                  "单据编号", "销售订单号", "销售订单编号", "销售单号", "发票号码", "发票编号"],
           zh="订单号"),
        _f("line_id", "text", ["line", "line id", "line no", "line number", "item no", "行号", "明细号"], zh="行号"),
        _f("product", "text", ["product", "product id", "product code", "stockcode", "stock code", "sku",
                               "item", "item code", "material", "产品", "产品编号", "产品代码", "物料编码",
                               "商品编码", "产品编码", "货号", "存货编码"], zh="产品"),
        _f("description", "text", ["description", "product name", "item name", "产品名称", "商品名称",
                                   "物料名称", "存货名称", "描述", "品名"], zh="产品名称"),
        _f("product_line", "text", ["product line", "productline", "category", "product category",
                                    "product group", "产品线", "产品类别", "品类", "产品大类"], zh="产品线"),
        _f("quantity", "number", ["quantity", "qty", "units", "units sold", "sales units", "sales qty",
                                   "sales quantity", "quantity sold", "数量", "销售数量", "件数"], zh="数量"),
        _f("unit_price", "money", ["unit price", "unitprice", "price", "单价", "销售单价", "含税单价", "价格"], zh="单价"),
        _f("cost", "money", ["cost", "cogs", "cost of goods", "成本", "销售成本", "成本金额"], zh="成本"),
        _f("discount", "money", ["discount", "discount amount", "rebate", "折扣", "折扣金额", "折扣额", "优惠"], zh="折扣"),
        _f("salesperson", "text", ["salesperson", "sales rep", "rep", "sales representative", "owner",
                                   "account manager", "opportunity owner", "deal owner", "业务员", "销售员",
                                   "销售人员", "销售代表", "客户经理"], zh="业务员"),
        _f("region", "text", ["region", "area", "territory", "区域", "地区", "大区", "所在地区", "所在区域"], zh="区域"),
        _f("channel", "text", ["channel", "sales channel", "渠道", "销售渠道"], zh="渠道"),
        _f("country", "text", ["country", "国家"], zh="国家"),
        _f("account_name", "text", ["customer name", "client name", "account name", "company", "客户名称",
                                    "客户名", "公司名称"], zh="客户名称"),
    ),
    "accounts": (
        _f("account_id", "id", ["customer id", "customerid", "客户编号", "customer no", "cust no", "cust id", "customer code",
                                "account id", "客户代码", "客户id", "客户编码", "customer", "account"], True, "客户编号"),
        _f("name", "text", ["name", "customer name", "account name", "company", "company name", "客户名称",
                            "公司名称", "客户全称", "名称"], zh="客户名称"),
        _f("industry", "text", ["industry", "sector", "vertical", "行业", "所属行业"], zh="行业"),
        _f("region", "text", ["region", "area", "territory", "区域", "地区", "大区", "所在地区", "所在区域"], zh="区域"),
        _f("country", "text", ["country", "国家"], zh="国家"),
        _f("size_band", "text", ["size", "size band", "company size", "规模", "企业规模"], zh="规模"),
        _f("registered_capital", "money", ["registered capital", "注册资本", "注册资金"], zh="注册资本"),
        _f("annual_revenue", "money", ["annual revenue", "turnover", "年营业额", "年收入", "营业收入"], zh="年营业额"),
        _f("listed", "text", ["listed", "public", "是否上市", "上市"], zh="是否上市"),
        _f("owner", "text", ["owner", "account owner", "company owner", "sales rep", "rep", "account manager",
                             "负责人", "业务员", "客户经理", "销售代表", "销售人员"], zh="负责人"),
        _f("wallet_estimate", "money", ["wallet", "wallet estimate", "share of wallet base", "potential",
                                        "采购总额估计", "钱包", "采购总额", "年采购总额", "潜在规模", "年采购额"], zh="采购总额估计"),
    ),
    "contacts": (
        _f("account_id", "id", ["customer id", "customerid", "客户编号", "customer no", "cust no", "cust id", "customer code",
                                "account id", "account no", "客户代码", "客户id", "客户编码", "客户号", "customer",
                                "account"], True, "客户编号"),
        _f("name", "text", ["name", "contact", "contact name", "full name", "姓名", "联系人姓名", "联系人"],
           True, "姓名"),
        _f("title", "text", ["title", "job title", "position", "职位", "职务"], zh="职位"),
        _f("role", "choice", ["role", "buying role", "角色", "决策角色"], zh="角色"),
        _f("influence", "int", ["influence", "影响力"], lo=1, hi=5, zh="影响力"),
        _f("attitude", "int", ["attitude", "态度"], lo=-2, hi=2, zh="态度"),
        _f("email", "text", ["email", "e-mail", "mail", "邮箱", "电子邮件"], zh="邮箱"),
        _f("phone", "text", ["phone", "telephone", "mobile", "phone number", "mobile phone", "电话", "手机",
                             "手机号", "手机号码", "联系电话"], zh="电话"),
        _f("last_contact", "date", ["last contact", "last contact date", "last activity", "last activity date", "最近联系日期",
                                     "最近联系", "最近联系时间", "最后联系日期", "最后联系时间", "上次联系日期"],
           zh="最近联系日期", past=True),
    ),
    "payments": (
        _f("account_id", "id", ["customer id", "customerid", "客户编号", "customer no", "cust no", "cust id", "customer code",
                                "account id", "account no", "客户代码", "客户id", "客户编码", "客户号", "customer",
                                "account"], True, "客户编号"),
        _f("invoice_id", "text", ["invoice", "invoice id", "invoice no", "inv no", "invoiceno", "invoice number",
                                  "发票号", "发票编号", "发票号码", "单号", "应收单号"], True, "发票号"),
        _f("invoice_date", "date", ["invoice date", "invoicedate", "inv date", "date", "开票日期", "发票日期"], True, "开票日期",
           past=True),
        _f("amount", "money", ["amount", "invoice amount", "价税合计", "含税金额", "应收金额", "发票金额", "金额"], True,
           "金额"),
        _f("due_date", "date", ["due date", "due", "payment due date", "到期日", "到期日期", "应收日期", "应收款到期日",
                                  "收款到期日"], zh="到期日"),
        _f("paid_date", "date", ["paid date", "payment date", "date paid", "paid on", "回款日期", "付款日期",
                                    "收款日期", "实收日期", "到账日期", "回款时间", "收款时间", "付款时间",
                                    "到账时间", "实际回款日期", "实际收款日期"], zh="回款日期", past=True),
        _f("paid_amount", "money", ["paid amount", "paid", "payment amount", "amount paid", "amount received",
                                        "回款金额", "已收金额", "实收金额", "收款金额", "到账金额", "已回款金额"],
           zh="回款金额"),
    ),
    "interactions": (
        _f("account_id", "id", ["customer id", "customerid", "客户编号", "customer no", "cust no", "cust id", "customer code",
                                "account id", "account no", "客户代码", "客户id", "客户编码", "客户号", "customer",
                                "account"], True, "客户编号"),
        _f("ts", "date", ["date", "interaction date", "activity date", "日期", "联络日期", "时间",
                          "跟进日期", "跟进时间", "拜访日期", "活动日期"], True, "日期", past=True),
        _f("kind", "choice", ["kind", "type", "activity", "activity type", "类型", "联络类型", "联络方式",
                                "跟进方式", "跟进类型", "活动类型"], True, "类型"),
        _f("score", "int", ["score", "survey score", "rating", "评分", "满意度"], lo=1, hi=5, zh="评分"),
        _f("contact", "text", ["contact", "contact name", "联系人"], zh="联系人"),
        _f("note", "text", ["note", "notes", "comment", "comments", "description", "备注", "说明", "内容",
                               "跟进内容", "跟进记录", "活动内容"], zh="备注"),
    ),
}


# Accepted spellings of the values of ``choice`` fields: {field: {spelling: value}}, matched as
# :func:`choice_key` folds them ("Decision-Maker", "decision_maker" and "DECISION MAKER" alike).
# Roles: seed 000 names the key people 赞助人, 战略教练 and 抵制者 (the large-account method's
# sponsor, strategic coach and anti-sponsor) beside the buyers who decide, influence and use. A
# sponsor works for our success inside the account, so a CRM's Champion (who sells for us
# there) is a sponsor; a coach guides our strategy with what they know of the account, so 内线
# (our insider) is a coach. The economic buyer signs off (a decision maker); the technical buyer
# (把关人, the gatekeeper who screens suppliers) influences the decision.
CHOICES: dict[str, dict[str, str]] = {
    "role": {
        **{r: r for r in CONTACT_ROLES},
        "decision maker": "decision_maker", "决策者": "decision_maker", "决策人": "decision_maker",
        "关键决策人": "decision_maker", "最终决策人": "decision_maker", "拍板人": "decision_maker",
        "economic buyer": "decision_maker", "经济决策者": "decision_maker", "经济购买者": "decision_maker",
        "sponsor": "sponsor", "赞助人": "sponsor", "赞助者": "sponsor", "支持者": "sponsor", "champion": "sponsor",
        "拥护者": "sponsor",
        "strategic coach": "strategic_coach", "coach": "strategic_coach", "战略教练": "strategic_coach",
        "教练": "strategic_coach", "内线": "strategic_coach", "向导": "strategic_coach",
        "anti-sponsor": "anti_sponsor", "抵制者": "anti_sponsor", "反对者": "anti_sponsor", "反对人": "anti_sponsor",
        "阻碍者": "anti_sponsor", "blocker": "anti_sponsor", "detractor": "anti_sponsor",
        "用户": "user", "使用者": "user", "使用人": "user", "最终用户": "user", "end user": "user",
        "user buyer": "user",
        "影响者": "influencer", "影响人": "influencer", "技术把关人": "influencer", "把关人": "influencer",
        "把关者": "influencer", "technical buyer": "influencer", "gatekeeper": "influencer",
    },
    "kind": {
        **{k: k for k in INTERACTION_KINDS},
        "拜访": "visit", "走访": "visit", "上门拜访": "visit", "客户拜访": "visit", "拜访客户": "visit",
        "现场拜访": "visit", "面谈": "visit", "会面": "visit", "会议": "visit", "meeting": "visit",
        "site visit": "visit", "on-site visit": "visit",
        "电话": "call", "电话沟通": "call", "电话拜访": "call", "电话回访": "call", "通话": "call",
        "phone": "call", "phone call": "call", "email": "call", "邮件": "call", "微信": "call",
        "wechat": "call", "微信沟通": "call", "短信": "call", "sms": "call", "text message": "call",
        "电话会议": "call", "conference call": "call",
        "视频会议": "visit", "线上会议": "visit", "网络会议": "visit", "web meeting": "visit",
        "online meeting": "visit", "video conference": "visit", "video meeting": "visit",
        "任务": "task", "待办": "task", "to-do": "task",
        "投诉": "complaint", "客诉": "complaint", "客户投诉": "complaint",
        "表扬": "praise", "赞扬": "praise", "建议": "suggestion",
        "调查": "survey", "问卷": "survey", "满意度调查": "survey",
    },
}

# What :func:`choice_key` drops: a note in brackets (赞助人（支持我方）, Coach [internal], 内线【老客户】),
# and spaces, hyphens and underscores, once full-width letters are folded (ＣＨＡＭＰＩＯＮ is
# CHAMPION); the parse (kamp.parse) folds a column's values with the same patterns in SQL.
CHOICE_NOTE = r"[(\[【][^()\[\]【】]*[)\]】]"
CHOICE_SPACING = "[\\s\u3000_-]+"  # \u3000: the ideographic space


def choice_key(text: str) -> str:
    """A choice as written, folded for matching: "Decision-Maker", "decision_maker" and
    "ＤＥＣＩＳＩＯＮ ＭＡＫＥＲ" are "decisionmaker", "赞助人（支持我方）" is "赞助人"."""
    import unicodedata

    narrow = unicodedata.normalize("NFKC", str(text))
    return re.sub(CHOICE_SPACING, "", re.sub(CHOICE_NOTE, "", narrow)).lower()


def choice_spellings(name: str) -> dict[str, str]:
    """The accepted spellings of choice field ``name``, folded (:func:`choice_key`) → value."""
    return {choice_key(k): v for k, v in CHOICES[name].items()}


def choice_value(name: str, text: str) -> str | None:
    """The value of choice field ``name`` that ``text`` spells, or None."""
    return choice_spellings(name).get(choice_key(text))


def fields(kind: str) -> tuple[Field, ...]:
    """The fields of one import kind; ``ValueError`` for an unknown kind."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
    return KINDS[kind]


def field_type(kind: str, name: str) -> str:
    """The type of field ``name`` of ``kind``."""
    return next(f.type for f in fields(kind) if f.name == name)


def field_named(kind: str, text: str) -> str | None:
    """The field of ``kind`` that ``text`` names: its name, or its label in English ("date" for
    ``ts``) or Chinese (订单日期), case and spacing aside; None when none is."""
    want = normalize_header(text)
    for f in fields(kind):
        if want in (normalize_header(f.name), normalize_header(f.label), normalize_header(f.label_zh or f.name)):
            return f.name
    return None


def scaled_columns(mapping: dict[str, str], kind: str) -> dict[str, float]:
    """The mapped money columns whose header names a scaled unit → their scale."""
    return {h: unit_scale(h) for h, f in mapping.items()
            if field_type(kind, f) == "money" and unit_scale(h) != 1}


def _squash(text: str) -> str:
    return text.replace(" ", "")


@functools.cache
def _synonyms(kind: str) -> tuple[dict[str, tuple[str, int]], dict[str, tuple[str, int]]]:
    """A kind's header synonyms, normalised → (field, rank): as they are, and with spaces removed.
    The rank is the synonym's place among its field's (the name 0, the first synonym 1 …)."""
    exact: dict[str, tuple[str, int]] = {}
    squashed: dict[str, tuple[str, int]] = {}
    for f in fields(kind):
        for rank, s in enumerate((f.name.replace("_", " "), *f.synonyms)):
            exact.setdefault(normalize_header(s), (f.name, rank))
            squashed.setdefault(_squash(normalize_header(s)), (f.name, rank))
    return exact, squashed


def _reading(header: str, kind: str) -> tuple[str, int, int] | None:
    """The field ``header`` names, the rank of the synonym it matches and how closely (0 exact,
    1 once spaces are removed, 2 once a unit is taken off), or None."""
    exact, squashed = _synonyms(kind)
    key = normalize_header(header)
    if key in exact:
        return (*exact[key], 0)
    if _squash(key) in squashed:
        return (*squashed[_squash(key)], 1)
    bare, scale, count = units(key)
    found = (exact.get(bare) or squashed.get(_squash(bare))) if bare and bare != key else None
    if not found:
        return None
    money = field_type(kind, found[0]) == "money"
    if (scale != 1 and not money) or (count and money):
        return None  # 数量(万) is not scaled, so not mapped; Sales (pcs) counts pieces, not money
    return (*found, 2)


def guess_mapping(headers: list[str], kind: str, hidden=()) -> dict[str, str]:
    """Map source headers to fields by synonym; returns ``{source header: field}``.

    Each field takes at most one header: the one matching its best-ranked synonym (a field's
    synonyms are listed best first: 订单日期 before 发货日期, so a file with both dates takes the
    order date whichever column comes first). Between headers matching the same synonym, an exact
    match beats one that only agrees once spaces are removed (``InvoiceDate`` ~ ``invoice date``),
    which beats one that agrees once a unit is taken off: a currency or a count (``金额(元)``,
    ``Amount (USD)``, ``数量(件)``), or for a money field a scaled unit (``销售额(万元)``, read
    × 10,000: see :func:`kamp.headers.unit_scale`); then the earlier header wins. A column Excel hides
    (``hidden``: an old code kept out of sight) takes only a field no shown column fits.
    """
    readings = [((h in hidden, r[1], r[2], i), h, r[0]) for i, h in enumerate(headers)
                if (r := _reading(h, kind))]
    mapping: dict[str, str] = {}
    for _, h, target in sorted(readings):
        if target not in mapping.values():
            mapping[h] = target
    return {h: mapping[h] for h in headers if h in mapping}


def missing_required(mapping: dict[str, str], kind: str) -> list[str]:
    """Required fields that no header maps to (``amount`` counts as present when quantity and
    unit price are both mapped)."""
    mapped = set(mapping.values())
    missing = [f.name for f in fields(kind) if f.required and f.name not in mapped]
    if kind == "transactions" and "amount" not in mapped and not {"quantity", "unit_price"} <= mapped:
        missing.append("amount")
    return missing


def better_kind(headers: list[str], kind: str, mapping: dict[str, str] | None = None) -> tuple[str, int, int] | None:
    """Another kind whose fields the headers fit better than ``kind``'s: (that kind, headers it
    recognises, headers ``kind`` recognises), or None. A kind fits when its guessed mapping
    (for ``kind``, ``mapping`` when given: the columns as the user mapped them) leaves no
    required field missing; the one recognising the most headers fits best (a tie keeps
    ``kind``). A payments export has an account, a date and an amount, so it would also import
    as order lines: its due and paid dates say what it is."""
    mappings = {k: mapping if k == kind and mapping is not None else guess_mapping(headers, k) for k in KINDS}
    fit = {k: -1 if missing_required(m, k) else len(m) for k, m in mappings.items()}
    best = max(KINDS, key=fit.get)
    # recognising fewer headers is no better fit, even when ``kind`` lacks a required field (an
    # account and an amount without a date are no account records)
    better = fit[best] > fit[kind] and fit[best] >= len(mappings[kind])
    return (best, fit[best], len(mappings[kind])) if better else None

