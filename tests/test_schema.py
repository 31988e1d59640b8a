"""Automatic header mapping: the real exports' headers, Chinese headers and spelling variants."""
from __future__ import annotations

import pytest

from kamp import schema
from kamp.headers import one_line, unit_scale
from kamp.schema import KINDS, choice_value, fields, guess_mapping, missing_required

ONLINE_RETAIL = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice",
                 "CustomerID", "Country"]
ONLINE_RETAIL_II = ["Invoice", "StockCode", "Description", "Quantity", "InvoiceDate", "Price",
                    "Customer ID", "Country"]
CHINESE = ["客户编号", "客户名称", "订单日期", "订单号", "产品", "数量", "单价", "金额", "成本", "折扣", "业务员"]


def test_online_retail_headers():
    assert guess_mapping(ONLINE_RETAIL, "transactions") == {
        "InvoiceNo": "invoice_id", "StockCode": "product", "Description": "description",
        "Quantity": "quantity", "InvoiceDate": "ts", "UnitPrice": "unit_price",
        "CustomerID": "account_id", "Country": "country",
    }
    # no amount column, but quantity × unit price stands in for it
    assert missing_required(guess_mapping(ONLINE_RETAIL, "transactions"), "transactions") == []


def test_online_retail_ii_headers():
    assert guess_mapping(ONLINE_RETAIL_II, "transactions") == {
        "Invoice": "invoice_id", "StockCode": "product", "Description": "description",
        "Quantity": "quantity", "InvoiceDate": "ts", "Price": "unit_price",
        "Customer ID": "account_id", "Country": "country",
    }
    assert missing_required(guess_mapping(ONLINE_RETAIL_II, "transactions"), "transactions") == []


def test_chinese_headers():
    assert guess_mapping(CHINESE, "transactions") == {
        "客户编号": "account_id", "客户名称": "account_name", "订单日期": "ts", "订单号": "invoice_id",
        "产品": "product", "数量": "quantity", "单价": "unit_price", "金额": "amount", "成本": "cost",
        "折扣": "discount", "业务员": "salesperson",
    }


@pytest.mark.parametrize("header", ["销售额", "金额", "Sales", "Amount", "amount", "Revenue"])
def test_amount_synonyms(header):
    assert guess_mapping([header], "transactions") == {header: "amount"}


@pytest.mark.parametrize("header", ["Order Date", "InvoiceDate", "Date", "订单日期", "日期", "order_date",
                                    "INVOICE_DATE"])
def test_date_synonyms(header):
    assert guess_mapping([header], "transactions") == {header: "ts"}


@pytest.mark.parametrize("header", ["customer_id", " Customer ID ", "CUSTOMERID", "CustomerID", "customerId",
                                    "Customer-ID", "customer id", "Customer.ID", "ＣｕｓｔｏｍｅｒＩＤ", "客户编号"])
def test_account_id_spelling_variants(header):
    assert guess_mapping([header], "transactions") == {header: "account_id"}


@pytest.mark.parametrize("header", ["UnitPrice", "Unit Price", "unit_price", "UNIT PRICE", "Price", "单价"])
def test_unit_price_variants(header):
    assert guess_mapping([header], "transactions") == {header: "unit_price"}


def test_each_field_takes_one_header_and_the_first_wins():
    mapping = guess_mapping(["金额", "销售额", "Customer ID", "CustomerID"], "transactions")
    assert mapping == {"金额": "amount", "Customer ID": "account_id"}


def test_customer_name_is_not_taken_for_the_id():
    mapping = guess_mapping(["Customer Name", "Customer ID"], "transactions")
    assert mapping == {"Customer Name": "account_name", "Customer ID": "account_id"}


def test_unknown_headers_are_left_unmapped():
    assert guess_mapping(["Foo", "Bar 2", "备注X"], "transactions") == {}


def test_missing_required_names_account_and_date():
    assert set(missing_required({"Amount": "amount"}, "transactions")) == {"account_id", "ts"}
    assert missing_required({"Qty": "quantity"}, "transactions") == ["account_id", "ts", "amount"]


@pytest.mark.parametrize("kind, headers, expected", [
    ("accounts", ["客户编号", "客户名称", "行业", "年采购额"],
     {"客户编号": "account_id", "客户名称": "name", "行业": "industry", "年采购额": "wallet_estimate"}),
    ("contacts", ["Customer ID", "Name", "Role", "Influence", "态度"],
     {"Customer ID": "account_id", "Name": "name", "Role": "role", "Influence": "influence", "态度": "attitude"}),
    ("payments", ["客户编号", "发票号", "开票日期", "金额", "回款日期", "回款金额"],
     {"客户编号": "account_id", "发票号": "invoice_id", "开票日期": "invoice_date", "金额": "amount",
      "回款日期": "paid_date", "回款金额": "paid_amount"}),
    ("interactions", ["客户编号", "日期", "类型", "评分"],
     {"客户编号": "account_id", "日期": "ts", "类型": "kind", "评分": "score"}),
])
def test_other_kinds(kind, headers, expected):
    assert guess_mapping(headers, kind) == expected


@pytest.mark.parametrize("header", ["实收日期", "到账日期", "回款时间", "收款日期", "Paid Date", "Payment Date",
                                    "Date Paid"])
def test_a_finance_exports_paid_date_is_the_paid_date(header):
    headers = ["客户编号", "发票号码", "开票日期", "价税合计", "应收日期", header, "实收金额"]
    assert guess_mapping(headers, "payments") == {
        "客户编号": "account_id", "发票号码": "invoice_id", "开票日期": "invoice_date", "价税合计": "amount",
        "应收日期": "due_date", header: "paid_date", "实收金额": "paid_amount"}


@pytest.mark.parametrize("kind, headers, expected", [
    ("transactions", ["单据编号", "业务日期", "客户编码", "存货名称", "含税单价", "价税合计", "销售人员"],
     {"单据编号": "invoice_id", "业务日期": "ts", "客户编码": "account_id", "存货名称": "description",
      "含税单价": "unit_price", "价税合计": "amount", "销售人员": "salesperson"}),
    # an opportunity export's Close Date is no order date: its pipeline is not sales until mapped on purpose
    ("transactions", ["Account ID", "Close Date", "Amount", "Opportunity Owner"],
     {"Account ID": "account_id", "Amount": "amount", "Opportunity Owner": "salesperson"}),
    # an id or code column before a bare Customer / Account, which may be the name; the order's
    # date before the invoice's and before a bare Date
    ("transactions", ["Customer No", "Customer", "Date", "Invoice Date", "Order Date", "Amount"],
     {"Customer No": "account_id", "Order Date": "ts", "Amount": "amount"}),
    ("transactions", ["Customer", "Customer Code", "Invoice Date", "Sales"],
     {"Customer Code": "account_id", "Invoice Date": "ts", "Sales": "amount"}),
    ("accounts", ["Customer Code", "Customer", "Industry"], {"Customer Code": "account_id", "Industry": "industry"}),
    ("payments", ["Customer No", "Customer", "Invoice No", "Amount"],
     {"Customer No": "account_id", "Invoice No": "invoice_id", "Amount": "amount"}),
    ("interactions", ["Account No", "Account", "Date", "Type"],
     {"Account No": "account_id", "Date": "ts", "Type": "kind"}),
    ("accounts", ["Record ID", "Company name", "Company owner"], {"Company name": "name", "Company owner": "owner"}),
    ("contacts", ["客户编码", "联系人姓名", "手机号码", "最后联系时间"],
     {"客户编码": "account_id", "联系人姓名": "name", "手机号码": "phone", "最后联系时间": "last_contact"}),
    ("contacts", ["Account ID", "Full Name", "Phone Number", "Last Activity Date"],
     {"Account ID": "account_id", "Full Name": "name", "Phone Number": "phone", "Last Activity Date": "last_contact"}),
    ("interactions", ["客户编码", "跟进时间", "跟进方式", "跟进内容"],
     {"客户编码": "account_id", "跟进时间": "ts", "跟进方式": "kind", "跟进内容": "note"}),
    # abbreviated, as an accounting package prints them
    ("transactions", ["Cust No", "Inv Date", "Inv No", "产品编码", "所在地区", "Amount"],
     {"Cust No": "account_id", "Inv Date": "ts", "Inv No": "invoice_id", "产品编码": "product", "所在地区": "region",
      "Amount": "amount"}),
    ("payments", ["Cust. No.", "Inv. No.", "Inv. Date", "Amount"],
     {"Cust. No.": "account_id", "Inv. No.": "invoice_id", "Inv. Date": "invoice_date", "Amount": "amount"}),
    ("accounts", ["Cust ID", "Customer Name", "所在地区"], {"Cust ID": "account_id", "Customer Name": "name",
                                                        "所在地区": "region"}),
])
def test_erp_and_crm_headers(kind, headers, expected):
    assert guess_mapping(headers, kind) == expected


def test_characters_that_show_as_nothing_do_not_hide_a_header():
    # a byte-order mark and an ideographic space around 客户编号, a zero-width space after 订单日期,
    # a no-break space inside Customer ID
    headers = ["\ufeff 客户编号\u3000", "订单日期\u200b", "Customer\u00a0Name", "金额"]
    assert guess_mapping(headers, "transactions") == {
        "\ufeff 客户编号\u3000": "account_id", "订单日期\u200b": "ts", "Customer\u00a0Name": "account_name", "金额": "amount"}


@pytest.mark.parametrize("text, role", [
    ("decision_maker", "decision_maker"), ("Decision-Maker", "decision_maker"), ("DECISION MAKER", "decision_maker"),
    ("decisionmaker", "decision_maker"), ("关键决策人", "decision_maker"), ("Economic Buyer", "decision_maker"),
    ("技术把关人", "influencer"), ("Technical Buyer", "influencer"), ("影响者", "influencer"),
    ("内线", "strategic_coach"), ("教练", "strategic_coach"), ("战略教练", "strategic_coach"),
    ("Champion", "sponsor"), ("赞助人（支持我方）", "sponsor"), ("支持者(内部)", "sponsor"),
    ("anti-sponsor", "anti_sponsor"), ("Anti_Sponsor", "anti_sponsor"), ("反对者", "anti_sponsor"),
    ("使用者", "user"), ("老板", None), ("（支持我方）", None), ("", None),
    ("ＣＨＡＭＰＩＯＮ", "sponsor"), ("Ｄｅｃｉｓｉｏｎ－Ｍａｋｅｒ", "decision_maker"), ("Coach [internal]", "strategic_coach"),
    ("内线【老客户】", "strategic_coach"), ("赞助人［财务］", "sponsor"), ("[internal]", None),
])
def test_a_role_is_read_however_it_is_spelled(text, role):
    assert choice_value("role", text) == role


@pytest.mark.parametrize("text, kind", [("上门拜访", "visit"), ("电话沟通", "call"), ("Phone Call", "call"),
                                        ("phone_call", "call"), ("Survey", "survey"), ("lunch", None),
                                        ("WeChat", "call"), ("微信", "call"), ("短信", "call"), ("SMS", "call"),
                                        ("电话会议", "call"), ("视频会议", "visit"), ("Web Meeting", "visit"),
                                        ("ＶＩＳＩＴ", "visit"), ("Call [follow-up]", "call")])
def test_an_interaction_kind_is_read_however_it_is_spelled(text, kind):
    assert choice_value("kind", text) == kind


def test_a_hidden_column_takes_only_a_field_no_shown_column_fits():
    headers = ["客户编号", "客户\n编码", "日期", "金额", "区域"]
    # 客户编号 is the account's own label, matched exactly and first, yet hidden: the shown
    # 客户⏎编码 is the account
    assert guess_mapping(headers, "transactions", hidden=["客户编号", "区域"]) == {
        "客户\n编码": "account_id", "日期": "ts", "金额": "amount", "区域": "region"}
    assert guess_mapping(headers, "transactions")["客户编号"] == "account_id"  # shown, it is the account


def test_unknown_kind_is_a_value_error():
    with pytest.raises(ValueError):
        guess_mapping(["Customer ID"], "orders")


@pytest.mark.parametrize("kind, field", [(k, f) for k, fs in schema.KINDS.items() for f in fs if f.label_zh])
def test_every_fields_own_chinese_label_is_recognised(kind, field):
    """The UI names each field by its Chinese label; an export that uses that label as its header
    must map to the field."""
    assert guess_mapping([field.label_zh], kind) == {field.label_zh: field.name}


def test_a_file_that_fits_another_kind_better_says_which():
    from kamp.schema import better_kind

    payments = ["Customer ID", "Invoice No", "Invoice Date", "Amount", "Due Date", "Paid Date", "Paid Amount"]
    # as order lines it has an account, a date, an invoice and an amount (4 columns); as
    # payments all 7 are recognised
    assert better_kind(payments, "transactions") == ("payments", 7, 4)
    assert better_kind(payments, "payments") is None
    contacts = ["客户编号", "姓名", "职务", "角色", "影响力", "态度"]
    assert better_kind(contacts, "transactions") == ("contacts", 6, 1)  # no date, no amount: not order lines
    # order lines fit order lines; as well as another kind (a tie) is not better
    assert better_kind(["Customer ID", "Date", "Invoice", "Amount"], "transactions") is None
    assert better_kind(["x", "y"], "transactions") is None  # fits nothing: nothing to suggest
    # an account, a region and an amount: order lines without their date, not account records
    # (which would take only the account and the region)
    assert better_kind(["客户编号", "区域", "销售额"], "transactions") is None


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_the_template_of_a_kind_maps_back_to_every_field_of_it(kind, lang):
    import csv

    from kamp.mapping import template
    from kamp.schema import better_kind

    headers = next(csv.reader([template(kind, lang)]))
    mapped = guess_mapping(headers, kind)
    assert sorted(mapped.values()) == sorted(f.name for f in fields(kind))  # every column, every field
    assert missing_required(mapped, kind) == [] and better_kind(headers, kind) is None
    required = [f for f in fields(kind) if f.required]
    assert [mapped[h] for h in headers[:len(required)]] == [f.name for f in required]  # required first


def test_a_currency_or_count_unit_after_a_header_still_maps_it():
    headers = ["客户编号", "订单日期", "金额(元)", "单价（元）", "数量(件)", "Cost (USD)", "Discount [$]"]
    assert guess_mapping(headers, "transactions") == {
        "客户编号": "account_id", "订单日期": "ts", "金额(元)": "amount", "单价（元）": "unit_price",
        "数量(件)": "quantity", "Cost (USD)": "cost", "Discount [$]": "discount"}
    # a plain header beats one with a unit for the same field, whatever the order
    assert guess_mapping(["Customer", "Date", "Sales (USD)", "Amount"], "transactions")["Amount"] == "amount"


def test_a_money_column_in_a_scaled_unit_maps_and_says_its_scale():
    # 销售额(万元) holds ten-thousands of yuan: mapped, and read × 10,000 (see test_ingest)
    mapped = guess_mapping(["客户编号", "订单日期", "销售额(万元)", "成本(千元)", "数量(万)"], "transactions")
    assert mapped == {"客户编号": "account_id", "订单日期": "ts", "销售额(万元)": "amount", "成本(千元)": "cost"}
    # a count in ten-thousands would not be scaled (only money is): it is left for the user to map
    assert schema.scaled_columns(mapped, "transactions") == {"销售额(万元)": 10_000, "成本(千元)": 1_000}
    assert [unit_scale(h) for h in ["Revenue (k)", "Sales ('000)", "Amount (millions)", "金额（亿元）",
                                           "金额(元)", "Amount"]] == [1e3, 1e3, 1e6, 1e8, 1, 1]
    assert guess_mapping(["Customer", "Date", "Annual revenue (mn)"], "accounts") == \
        {"Customer": "account_id", "Annual revenue (mn)": "annual_revenue"}


def test_a_scale_beside_a_currency_is_read_whichever_comes_first():
    headers = ["Amount (K USD)", "Revenue (USD k)", "Sales ($000)", "Sales (k$)", "Sales (€m)", "Amount (USD thousands)",
               "Revenue (USD bn)", "Sales (USD)"]
    assert [unit_scale(h) for h in headers] == [1e3, 1e3, 1e3, 1e3, 1e6, 1e3, 1e9, 1]
    for h in headers:
        assert guess_mapping(["Customer", "Date", h], "transactions")[h] == "amount", h
    assert unit_scale("Amount (k k)") == 1  # two scales: not a unit


def test_a_count_of_pieces_is_never_read_as_money():
    # "Sales Units" and "Sales (pcs)" count what was sold; "Sales" alone is money
    assert guess_mapping(["Customer", "Date", "Sales Units", "Sales"], "transactions") == \
        {"Customer": "account_id", "Date": "ts", "Sales Units": "quantity", "Sales": "amount"}
    assert "Sales (pcs)" not in guess_mapping(["Customer", "Date", "Sales (pcs)"], "transactions")
    assert guess_mapping(["Customer", "Date", "Sales Qty", "Revenue"], "transactions")["Sales Qty"] == "quantity"


def test_a_monthly_summarys_period_is_its_date():
    assert guess_mapping(["客户编号", "月份", "销售额"], "transactions") == \
        {"客户编号": "account_id", "月份": "ts", "销售额": "amount"}
    assert guess_mapping(["Customer", "Period", "Revenue"], "transactions")["Period"] == "ts"


@pytest.mark.parametrize("order", [1, -1])
def test_an_invoice_with_vat_is_owed_its_total_including_tax(order):
    # a finance export gives 金额 (1,000 before tax), 税额 (130) and 价税合计 (1,130): the customer
    # owes 1,130, so 价税合计 is the invoice's amount whichever column comes first
    headers = ["客户编码", "发票号码", "开票日期", "金额", "税额", "价税合计", "实收金额"][::order]
    mapped = guess_mapping(headers, "payments")
    assert mapped["价税合计"] == "amount" and "金额" not in mapped and "税额" not in mapped
    assert guess_mapping(["客户编码", "发票号码", "开票日期", "金额"], "payments")["金额"] == "amount"


@pytest.mark.parametrize("order", [1, -1])
def test_order_lines_take_the_order_date_and_the_amount_before_tax_whatever_the_column_order(order):
    headers = ["销售订单号", "发货日期", "订单日期", "客户编码", "存货名称", "价税合计", "金额"][::order]
    mapped = guess_mapping(headers, "transactions")
    assert (mapped["订单日期"], mapped["金额"]) == ("ts", "amount")
    assert "发货日期" not in mapped and "价税合计" not in mapped
    # with no other amount or date, the total including tax and the ship date are read
    assert guess_mapping(["客户编码", "发货日期", "价税合计"], "transactions") == \
        {"客户编码": "account_id", "发货日期": "ts", "价税合计": "amount"}
    # an English date beside the field's own label: the label's synonym ranks first
    assert guess_mapping(["Customer", "Ship Date", "Period", "Order Date"], "transactions")["Order Date"] == "ts"


# an invoice's amount is its total with tax (价税合计) before its 金额: see the test above
@pytest.mark.parametrize("kind, field", [(k, f) for k, fs in schema.KINDS.items() for f in fs
                                         if f.label_zh and (k, f.name) != ("payments", "amount")],
                         ids=lambda v: v if isinstance(v, str) else v.name)
def test_a_fields_own_chinese_label_beats_its_other_chinese_names(kind, field):
    others = [s for s in field.synonyms if s != field.label_zh and any("\u4e00" <= c <= "\u9fff" for c in s)]
    assert guess_mapping([*others, field.label_zh], kind)[field.label_zh] == field.name


@pytest.mark.parametrize("header, order_no", [("发票号码", "订单号"), ("销售订单号", "订单号"), ("销售单号", "订单号"),
                                             ("Sales Order No", "Order No")])
def test_an_invoice_or_sales_order_number_groups_order_lines(header, order_no):
    headers = ["客户编码", "客户名称", "开票日期", header, "存货编码", "存货名称", "数量", "含税单价", "金额"]
    assert guess_mapping(headers, "transactions")[header] == "invoice_id"
    # beside the order number itself, the order number is taken
    assert guess_mapping([header, order_no, "客户编码"], "transactions") == {order_no: "invoice_id",
                                                                          "客户编码": "account_id"}


@pytest.mark.parametrize("header, shown", [("客户\n编码", "客户编码"), ("Customer\nID", "Customer ID"),
                                           ("金额\r\n(元)", "金额 (元)"), (" 区域 ", "区域"), ("单价", "单价")])
def test_a_wrapped_header_is_shown_on_one_line(header, shown):
    assert one_line(header) == shown
