"""How an export's rows are read: what its first rows say (date order, decimal marks, each date
column's own format), and the one SQL statement that parses every row of it and words the
reason a person reads for each bad one (:func:`parsed_sql`). :mod:`kamp.ingest` runs them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kamp import parse, schema
from kamp import reasons as why
from kamp.headers import unit_scale
from kamp.parse import q
from kamp.sources import Source


@dataclass
class Evidence:
    """What the first rows of a file say about how to read it."""
    dayfirst: bool
    counts: tuple[int, int]  # values that only read day-first, only month-first
    decimal_comma: dict[str, bool]  # per text money column
    date_format: dict[str, str] = field(default_factory=dict)  # per text date column: its own format, if any
    ordered: int = 0  # values like 05/03/2024, whose day and month the date order decides
    excel_text: set[str] = field(default_factory=set)  # text columns holding ="000123" (parse.excel_text)


def evidence(con, relation: str, mapping: dict[str, str], src: Source, kind: str,
             dayfirst: bool | None) -> Evidence:
    """Decide date order and decimal marks from the rows of ``relation``, in one query."""
    text = [h for h in mapping if src.types.get(h) == "VARCHAR"]
    dates = [h for h in text if _field(kind, mapping[h]).type == "date"]
    money = [h for h in text if _field(kind, mapping[h]).type in ("money", "number")]
    words = [h for h in text if _field(kind, mapping[h]).type in ("id", "text")]
    aggs = [a for h in dates for a in parse.dayfirst_counts(q(h))] + \
           [a for h in money for a in parse.decimal_comma_counts(q(h))] + \
           [parse.excel_text_count(q(h)) for h in words]
    row = con.execute(f"SELECT {', '.join(aggs)} FROM {relation}").fetchone() if aggs else ()
    day, month, ordered = (sum(row[3 * i + j] for i in range(len(dates))) for j in range(3))
    base = 3 * len(dates)
    comma = {h: row[base + 2 * i] > row[base + 2 * i + 1] for i, h in enumerate(money)}
    base += 2 * len(money)
    formulas = {h for i, h in enumerate(words) if row[base + i]}
    first = dayfirst if dayfirst is not None else not (month > day)
    return Evidence(first, (day, month), comma, date_formats(con, relation, dates, first), ordered, formulas)


def date_formats(con, relation: str, columns: list[str], dayfirst: bool) -> dict[str, str]:
    """Each date column's own format, from its first values: the one most of them read with
    (when ISO does not already read as many). Trying a dozen formats per value costs a
    microsecond each; one format that fits, a tenth of that."""
    formats = parse.date_formats(dayfirst)
    out = {}
    for h in columns:
        sample = f"(SELECT {q(h)} FROM {relation} WHERE nullif(trim(CAST({q(h)} AS VARCHAR)), '') IS NOT NULL LIMIT 500)"
        counts = con.execute(f"SELECT count({parse.iso_cast(f'CAST({q(h)} AS VARCHAR)')}), "
                             f"{', '.join(parse.date_format_counts(q(h), formats))} FROM {sample}").fetchone()
        best = max(range(len(formats)), key=lambda i: (counts[i + 1], -i))
        if counts[best + 1] > counts[0]:
            out[h] = formats[best]
    return out


def _field(kind: str, name: str) -> schema.Field:
    return next(f for f in schema.fields(kind) if f.name == name)


def parsed_sql(src: Source, kind: str, mapping: dict[str, str], ev: Evidence, rows: str) -> str:
    """One pass over ``rows`` into the temporary table ``_kamp_parsed``: :func:`parsed_select`."""
    return f"CREATE TEMP TABLE _kamp_parsed AS {parsed_select(src, kind, mapping, ev, rows)}"


def parsed_select(src: Source, kind: str, mapping: dict[str, str], ev: Evidence, rows: str) -> str:
    """Every row of ``rows`` with each of the kind's fields parsed (NULL where unmapped or bad),
    ``reason`` (empty for a good row), ``row_hash`` and ``raw`` (a bad row's values as JSON):
    parse every mapped field (inner select), then word the reasons for bad rows."""
    by_field = {f: h for h, f in mapping.items()}
    # Every source column passes through as __c<j>: the mapped ones feed the reasons, and all
    # of them the JSON of a rejected row, built only for rejected rows.
    raw_cols = {h: f"__c{j}" for j, h in enumerate(src.headers)}
    passthrough = ["__line"] if src.numbered else []
    inner = src.row_marks + [f"{q(h)} AS {c}" for h, c in raw_cols.items()]
    outer, reasons, narrow = list(passthrough) + list(raw_cols.values()), [], []
    for i, f in enumerate(schema.fields(kind)):
        h = by_field.get(f.name)
        if h is None:
            outer.append(f"CAST(NULL AS {_SQL_TYPE[f.type]}) AS {f.name}")
            continue
        col, typ = q(h), src.types.get(h, "VARCHAR")
        if h in ev.excel_text or (f.type in parse.NARROWED_TYPES and parse._is(typ, parse.TEXT_TYPES)):
            read = parse.excel_text(col) if h in ev.excel_text else col
            read = parse.narrowed(read) if f.type in parse.NARROWED_TYPES else read
            narrow.append(f"{read} AS __n{i}")  # once, under the parse that names it often
            col = f"__n{i}"
        comma = ev.decimal_comma.get(h, False)
        value = parse.value_expr(f, col, typ, dayfirst=ev.dayfirst, decimal_comma=comma, date_format=ev.date_format.get(h))
        if f.type == "money" and (scale := unit_scale(h)) != 1:  # 销售额(万元): in ten-thousands
            # 0.07 万元 is 700, not 700.0000000000001; a value with its own unit (12万) is as it says
            value = f"(CASE WHEN {parse.has_unit(col)} THEN {value} ELSE round(({value}) * {scale!r}, 6) END)"
        inner.append(f"{value} AS __f{i}")
        if kind == "transactions" and f.name == "discount" and parse._is(typ, parse.TEXT_TYPES):
            inner.append(f"{parse.percent_expr(col, comma)} AS __p{i}")
        outer.append(f"__f{i} AS {f.name}")
        if not (kind == "transactions" and f.name in ("amount", "discount")):
            reasons.append(why.reason_expr(f, raw_cols[h], typ, f"__f{i}"))
    if kind == "transactions":
        line, said = _order_line(by_field, raw_cols, src.types)
        reasons += said
        for n, expr in line.items():
            outer[next(j for j, o in enumerate(outer) if o.endswith(f" AS {n}"))] = f"CAST({expr} AS DOUBLE) AS {n}"
    if src.extra_columns:  # the values would be read into the wrong fields: the row is not loaded
        reasons.append(f"CASE WHEN {' OR '.join(f'{raw_cols[h]} IS NOT NULL' for h in src.extra_columns)} "
                       f"THEN {why.reason_sql('extra_values')} END")
    reason = f"concat_ws('; ', {', '.join(reasons)})" if reasons else "''"
    if "__cross" in src.row_marks:  # a value over a column's edge: its fields cannot be told apart, nor checked
        reason = f"CASE WHEN __cross IS NOT NULL THEN {why.reason_sql('crosses_columns', '__cross')} ELSE {reason} END"
    struct = ", ".join(f"{q(h)} := {c}" for h, c in raw_cols.items())
    names = [o.rsplit(" AS ", 1)[-1] for o in outer if o not in raw_cols.values()]
    fields = [f.name for f in schema.fields(kind)]
    # row_hash identifies a line by every parsed field: exact duplicates share it.
    return (f"SELECT {', '.join(names)}, reason, "
            f"hash({', '.join(fields)}) AS row_hash, "
            f"CASE WHEN reason <> '' THEN CAST(to_json(struct_pack({struct})) AS VARCHAR) END AS raw FROM ("
            f"SELECT * REPLACE ({_totals(raw_cols, by_field, src, kind)} AS reason) FROM ("
            f"SELECT {', '.join(outer)}, {reason} AS reason FROM (SELECT {', '.join(inner)} FROM "
            f"(SELECT *{''.join(', ' + n for n in narrow)} FROM {rows}))))")


def _order_line(by_field: dict[str, str], raw_cols: dict[str, str], types: dict[str, str]) -> tuple[dict, list]:
    """An order line's ``discount`` and ``amount`` as SQL over the parsed fields, and the reasons
    for them. Without an amount, amount = quantity × unit price − discount. A discount written
    as a percentage (``10%``) is that share of the price before it: of quantity × unit price,
    or, without them, of the amount given (which is after it) ÷ (1 − the share) — 10% off an
    amount of 90 is 10, so that discounts ÷ (sales + discounts) is the share written."""
    name = lambda f: _inner_name("transactions", by_field, f)  # noqa: E731
    qty, price, parsed, disc = name("quantity"), name("unit_price"), name("amount"), name("discount")
    raw_amount = raw_cols[by_field["amount"]] if "amount" in by_field else "NULL"
    reasons = []
    if "discount" in by_field:
        h, f = by_field["discount"], _field("transactions", "discount")
        pct = disc.replace("__f", "__p") if parse._is(types.get(h, "VARCHAR"), parse.TEXT_TYPES) else "NULL"
        gross = f"coalesce({qty} * {price}, {parsed} / nullif(1 - {pct}, 0))"
        disc = f"coalesce({disc}, CASE WHEN {pct} <= 1 THEN round({pct} * {gross}, 6) END)"
        names = {"field": f.label, "field_zh": f.label_zh}
        shown = f"left(trim(CAST({raw_cols[h]} AS VARCHAR)), 60)"
        over, no_base = why.reason_sql("percent_over", shown, **names), why.reason_sql("percent_no_base", shown, **names)
        reasons.append(f"CASE WHEN {pct} > 1 THEN {over} WHEN {pct} IS NOT NULL AND {disc} IS NULL THEN {no_base} "
                       f"ELSE {why.reason_expr(f, raw_cols[h], types.get(h, 'VARCHAR'), disc)} END")
    derived = (f"(CASE WHEN nullif(trim(CAST({raw_amount} AS VARCHAR)), '') IS NULL "
               f"THEN {qty} * {price} - coalesce({disc}, 0) ELSE {parsed} END)")
    amount = _field("transactions", "amount")
    bad = why.reason_expr(amount, raw_amount, types.get(by_field["amount"], "VARCHAR"), parsed) \
        if "amount" in by_field else "NULL"
    shown = f"left(coalesce(nullif(trim(CAST({raw_amount} AS VARCHAR)), ''), CAST({derived} AS VARCHAR)), 60)"
    too_large = why.reason_sql("too_large", shown, most=f"{why.LARGEST:,.0f}", field=amount.label,
                                 field_zh=amount.label_zh or amount.label)
    reasons.append(f"CASE WHEN {derived} IS NULL THEN coalesce({bad}, {why.reason_sql('no_amount')}) "
                   f"WHEN NOT abs({derived}) <= {why.LARGEST:.0e} THEN {too_large} END")
    return {"amount": derived, "discount": disc}, reasons


# A report's total or subtotal row (合计, 小计, Total: …) is no line of its own, whatever else it
# holds: had it a date, it would be loaded as an account called 小计, its amount counted twice.
# 合计, 小计 … (a space between the characters to align them; Traditional 合計, 總計 too), Total:
_SUM_WORD = (r"(本\s*[页頁月]\s*|全\s*部\s*)?([总總]\s*)?(合|小|共|[总總]|累)\s*[计計]"
             r"|grand\s+total|sub[ -]?totals?")
_TOTAL_WORD = rf"{_SUM_WORD}|totals?"
_NOTE = r"\s*([（(\[【][^)）\]】]{0,8}[)）\]】])?\s*[:：]?\s*"  # 合计(元)：
TOTAL_ROW = (rf"(?i)\s*({_TOTAL_WORD}|totals?\s+(sales|amount|revenue|value)|sum"
             rf"|.*\s({_TOTAL_WORD})){_NOTE}")  # after what it totals: GZ002 小计, ST01 Total (not Total Petroleum)
# An account's name is a total row's only when it is one of the words no name is (小计, Subtotal,
# Grand total), alone or after what it totals: "Energy Total", "TOTAL (China)" or "Sum" may be a
# customer's name, and the line loads.
NAME_TOTAL_ROW = rf"(?i)\s*(.*\s)?({_SUM_WORD}){_NOTE}"
# One of these is in every cell TOTAL_ROW reads (but tOtAl): a value holding none is not searched,
# and most values are told apart in a fraction of the time the expression takes.
_TOTAL_HINTS = ("计", "計", "otal", "OTAL", "um", "UM")


def _totals(raw_cols: dict[str, str], by_field: dict[str, str], src: Source, kind: str) -> str:
    """``reason``, or the total-row reason for a row whose account id or account name says
    合计, 小计, Total … (or ends so: GZ002 小计), or that is rejected anyway and has a cell that
    says so. Only text columns are searched, the other cells only of rejected rows."""
    text = [h for h in src.headers if parse._is(src.types.get(h, "VARCHAR"), parse.TEXT_TYPES)]
    names = ("account_id", "account_name") + (("name",) if kind == "accounts" else ())
    always = [raw_cols[h] for h in text if h in {by_field.get(f) for f in names}]
    rest = [raw_cols[h] for h in text if raw_cols[h] not in always]
    named = {raw_cols[h] for h in text if h in {by_field.get(f) for f in names[1:]}}  # an account's name
    said = {c: _total_said(c, NAME_TOTAL_ROW if c in named else TOTAL_ROW) for c in always + rest}
    tests = [said[c] for c in always]
    if rest:
        tests.append(f"(reason <> '' AND ({' OR '.join(said[c] for c in rest)}))")
    if not tests:
        return "reason"
    shown = ", ".join(f"CASE WHEN {said[c]} THEN trim({c}) END" for c in always + rest)
    return (f"CASE WHEN {' OR '.join(tests)} THEN {why.reason_sql('total_row', f'coalesce({shown})')} "
            f"ELSE reason END")


def _total_said(col: str, pattern: str = TOTAL_ROW) -> str:
    """Whether text column ``col`` is a total row's: ``pattern`` (:data:`TOTAL_ROW`)."""
    hints = " OR ".join(f"contains({col}, {parse._lit(h)})" for h in _TOTAL_HINTS)
    return f"(({hints}) AND regexp_full_match({col}, {parse._lit(pattern)}))"


def _inner_name(kind: str, by_field: dict[str, str], name: str) -> str:
    if name not in by_field:
        return "NULL"
    return f"__f{[f.name for f in schema.fields(kind)].index(name)}"


_SQL_TYPE = {"id": "VARCHAR", "text": "VARCHAR", "choice": "VARCHAR", "date": "TIMESTAMP", "money": "DOUBLE",
             "number": "DOUBLE", "int": "INTEGER"}
