"""Which column of an export feeds which field: a confirmed mapping is kept as a profile per
header set (matched case and spacing insensitively) and reused for the next file with the same
headers, with the date order a file of them was read in when it was given or its dates showed it;
``SOURCE=FIELD`` overrides (the Import page's corrections, ``kamp import --map``) change it.
"""
from __future__ import annotations

import hashlib
import json

from kamp import schema, store
from kamp.headers import normalize_header, one_line
from kamp.problems import Listing, named
from kamp.sources import ImportFailed


def header_key(headers: list[str]) -> str:
    norm = sorted(normalize_header(h) for h in headers)
    return hashlib.sha1(json.dumps(norm, ensure_ascii=False).encode()).hexdigest()


def saved_mapping(con, headers: list[str], kind: str) -> dict[str, str] | None:
    row = store.first_row(con, "SELECT mapping FROM mapping_profiles WHERE header_key = ? AND kind = ?",
                          [header_key(headers), kind])
    if not row:
        return None
    by_norm = {normalize_header(h): h for h in headers}
    return {by_norm[normalize_header(h)]: f for h, f in json.loads(row[0]).items()
            if normalize_header(h) in by_norm}


def saved_dayfirst(con, headers: list[str], kind: str) -> bool | None:
    """The date order saved for this header set (True: day first), None when none was."""
    row = store.first_row(con, "SELECT dayfirst FROM mapping_profiles WHERE header_key = ? AND kind = ?",
                          [header_key(headers), kind])
    return None if row is None else row[0]


def save_mapping(con, headers: list[str], kind: str, mapping: dict[str, str], dayfirst: bool | None = None) -> None:
    """Keep ``mapping`` for this header set, and ``dayfirst`` (the date order given, or shown by
    the file's dates); None keeps the order saved before, if any."""
    if dayfirst is None:
        dayfirst = saved_dayfirst(con, headers, kind)
    con.execute("INSERT OR REPLACE INTO mapping_profiles (header_key, kind, headers, mapping, saved_at, dayfirst) "
                "VALUES (?, ?, ?, ?, current_timestamp, ?)",
                [header_key(headers), kind, json.dumps(headers, ensure_ascii=False),
                 json.dumps(mapping, ensure_ascii=False), dayfirst])


def columns_named(text: str, headers: list[str]) -> list[str]:
    """The columns of ``headers`` that ``text`` names: itself, else those that match it as the
    automatic mapping matches headers (case, spacing and punctuation aside: "customer id" names
    Customer_ID), else those that match once spaces and line breaks are gone (客户编码 names a
    wrapped "客户\\n编码"). More than one: ``text`` does not say which."""
    if text in headers:
        return [text]
    for fold in (normalize_header, lambda h: normalize_header(h).replace(" ", "")):
        found = [h for h in headers if fold(h) == fold(text)]
        if found:
            return found
    return []


def apply_overrides(mapping: dict[str, str], overrides: dict[str, str] | None, headers: list[str],
                    kind: str) -> dict[str, str]:
    """Apply ``SOURCE=FIELD`` overrides: FIELD is a field's name or its English or Chinese label
    (``date``, ``订单日期`` for ``ts``); an empty or ``-`` field unmaps the column."""
    result = dict(mapping)
    names = {f.name for f in schema.fields(kind)}
    for src, target in (overrides or {}).items():
        found = columns_named(src, headers)
        if not found:
            raise ImportFailed("problem.import.map_no_column", source=src, target=target,
                               columns=Listing(map(one_line, headers)))
        if len(found) > 1:
            raise ImportFailed("problem.import.map_which_column", source=src, target=target,
                               columns=Listing(map(one_line, found)))
        src = found[0]
        target = (target or "").strip()
        if target in ("", "-"):
            result.pop(src, None)
            continue
        target = schema.field_named(kind, target) or target
        if target not in names:
            raise ImportFailed("problem.import.map_not_a_field", source=one_line(src), target=target,
                               kind=named(kind, f"import.kind.{kind}"),
                               fields=Listing(sorted(f.label for f in schema.fields(kind))))  # as --map takes them
        result = {h: f for h, f in result.items() if f != target}
        result[src] = target
    return result


def parse_map_args(items: list[str] | None) -> dict[str, str]:
    out = {}
    for item in items or []:
        if "=" not in item:
            raise ImportFailed("problem.import.map_form", item=item)
        src, target = item.split("=", 1)
        if src.strip() in out and out[src.strip()] != target.strip():  # one column, one field
            raise ImportFailed("problem.import.map_twice", source=src.strip(), first=out[src.strip()],
                               second=target.strip())
        out[src.strip()] = target.strip()
    return out


def mapping_text(mapping: dict[str, str], kind: str, lang: str) -> str:
    """A mapping as a person reads it: "Cust No → account id, Inv Date → date", each field by
    its label in ``lang``."""
    from kamp import i18n

    by_name = {f.name: f for f in schema.fields(kind)}
    return ", ".join(f"{one_line(h)} → {i18n.field_label(by_name[f], lang) if f in by_name else f}"
                     for h, f in mapping.items())


def needed_label(field, kind: str, lang: str) -> str:
    """A field's name in ``lang`` as a file needs it: the amount of order lines is needed, or the
    quantity and unit price it is worked out from."""
    from kamp import i18n

    if kind == "transactions" and field.name == "amount":
        return i18n.t("import.amount_or_price", lang)
    return i18n.field_label(field, lang)


def columns_needed(kind: str, lang: str) -> tuple[str, str]:
    """The columns a file of ``kind`` needs and the ones it may have, each listed in ``lang``
    (the amount of order lines among the needed: amount, or quantity and unit price)."""
    needed = [f for f in schema.fields(kind) if f.required or (kind == "transactions" and f.name == "amount")]
    optional = [f for f in schema.fields(kind) if f not in needed]
    return (Listing(needed_label(f, kind, lang) for f in needed).text(lang),
            Listing(needed_label(f, kind, lang) for f in optional).text(lang))


def missing_text(mapping: dict[str, str], kind: str, lang: str) -> str:
    """The needed fields ``mapping`` gives no column, listed in ``lang``; empty when none."""
    by_name = {f.name: f for f in schema.fields(kind)}
    return Listing(needed_label(by_name[m], kind, lang) for m in schema.missing_required(mapping, kind)).text(lang)


def mapping_problems(mapping: dict[str, str], kind: str, lang: str) -> list[str]:
    """What keeps ``mapping`` (column → field) from being imported, in ``lang``: each field two
    columns or more map to (naming them), and the needed fields no column maps to."""
    from kamp import i18n

    by_name = {f.name: f for f in schema.fields(kind)}
    fields = list(mapping.values())
    out = [i18n.t("import.duplicate_field", lang, field=i18n.field_label(by_name[f], lang) + " *" * by_name[f].required,
                  columns=Listing([one_line(h) for h, g in mapping.items() if g == f]).text(lang))
           for f in dict.fromkeys(fields) if fields.count(f) > 1]
    if missing := missing_text(mapping, kind, lang):
        out.append(i18n.t("import.missing", lang, fields=missing))
    return out


def template(kind: str, lang: str) -> str:
    """An empty export of ``kind`` to fill in: one CSV header line, a column per field (the
    required ones first) named as the UI names it in ``lang``, which the import maps back."""
    import csv
    import io

    from kamp import i18n

    fields = sorted(schema.fields(kind), key=lambda f: not f.required)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([i18n.field_label(f, lang) for f in fields])
    return out.getvalue()

