"""Tables on the pages: column labels and number formats, the account lists that open an
account's page, and the account choosers that stay short on a million accounts."""
from pathlib import Path

import streamlit as st

from kamp import i18n
from pages._charts import open_account
from pages._file_names import download_name
from pages._ui import lang, tr, wan

MONEY_COLUMNS = {"revenue", "revenue_12m", "revenue_prior_12m", "gross_sales", "margin", "avg_order", "largest_order",
                 "return_amount", "discount", "cost", "mean_revenue", "value", "wallet_estimate", "potential",
                 "current", "monetary_value", "gross_revenue", "invoiced", "paid", "outstanding", "overdue",
                 "target_revenue", "revenue_gap", "registered_capital", "annual_revenue", "revenue_12m_from",
                 "revenue_12m_to"}
SHARE_COLUMNS = {"share", "revenue_share", "account_share", "value_share", "margin_pct", "growth_12m",
                 "potential_pct", "cum_share", "current_share", "remaining_share",
                 "discount_share", "return_share", "overdue_share", "arrears_rate",
                 "share_of_wallet", "target_share", "attainment", "top20_share"}
# Counts, with thousands separators (1,023, where a browser's own format writes 1023).
COUNT_COLUMNS = {"accounts", "orders", "purchase_days", "returns", "lines", "frequency", "accounts_for_80pct",
                 "contacts", "interactions", "tenure_days", "days_since_last", "invoices", "oldest_overdue_days",
                 "mean_days_late", "invoices_due", "invoices_in_arrears", "complaints", "praise", "suggestions",
                 "owners", "unowned", "tier_accounts", "no_margin"}
# Times a person saved something, to the minute.
TIME_COLUMNS = {"saved_at"}


# Money with thousands separators and always two decimals (a browser's own format drops a trailing
# zero: 239,731,522.9 beside 34,796,432.96).
MONEY_FORMAT = "%,.2f"
# What an empty cell shows (Streamlit's own is the word "None", English on a Chinese page too).
MISSING = "—"


def column_config(columns, money_format: str = MONEY_FORMAT, labels: dict | None = None) -> dict:
    """Column labels (``col.<name>`` in the i18n table) and number formats for a table.
    ``labels``: column → a label (the column keeps its number format) or a whole column config."""
    labels = labels or {}
    config = {c: v for c, v in labels.items() if not isinstance(v, str)}
    for c in columns:
        if c in config:
            continue
        label = labels.get(c) or tr(f"col.{c}")
        if c in MONEY_COLUMNS:
            config[c] = st.column_config.NumberColumn(label, format=money_format)
        elif c in SHARE_COLUMNS:  # shown ×100 by table() and account_list()
            config[c] = st.column_config.NumberColumn(label, format="%.1f%%")
        elif c in COUNT_COLUMNS:
            config[c] = st.column_config.NumberColumn(label, format="%,d")
        elif c in TIME_COLUMNS:
            config[c] = st.column_config.DatetimeColumn(label, format="YYYY-MM-DD HH:mm")
        else:
            config[c] = label
    return config


def _percent(df):
    return df.assign(**{c: df[c] * 100 for c in df.columns if c in SHARE_COLUMNS})


def table(df, money_format: str = MONEY_FORMAT, labels: dict | None = None, name: str | None = None, **kwargs):
    """A read-only table with i18n column labels, shares as percentages and money formatted.
    ``money_format="compact"`` (a summary table): each money column in the unit that suits it,
    named in its header, in the units of the page's other money figures: Net revenue (M) 7.10,
    0.83 — or, on a Chinese page in 万/亿, 净收入（亿） 71.00, 8.27. ``name``: under the table, a
    button that downloads it, named after ``name`` (:func:`download_button`; the widget key, unless
    ``key`` is given), in place of the table's own download."""
    config = column_config(df.columns, money_format, labels)
    shown, shown_config = _in_units(df, config) if money_format == "compact" else (df, config)
    if not name:
        return st.dataframe(_percent(shown), hide_index=True, width="stretch", column_config=shown_config,
                            placeholder=MISSING, **kwargs)
    # In a container of the key: a table that takes no selection has no class of its own key,
    # which the rule hiding its own download needs.
    key = kwargs.pop("key", name)
    with st.container(key=key):
        out = st.dataframe(_percent(shown), hide_index=True, width="stretch", column_config=shown_config,
                           placeholder=MISSING, **kwargs)
    download_button(df, _labels(config, [c for c in df.columns if not _is_link(config.get(c))]), name,
                    key, "ui.download_table_help", _money_of(config), _formats(config))
    return out


def _in_units(df, config: dict):
    """The money columns of ``df`` divided into the largest unit a typical value of the column
    reaches (亿 or 万 on a Chinese page in 万/亿, else B, M or k, as the page's figures say them),
    the unit added to the column's label: a column keeps one unit, so it still sorts and compares
    at a glance. A column of smaller sums shows them as they are (whole yuan in 万/亿)."""
    scaled, config = {}, dict(config)
    for c in df.columns:
        if not _is_money(c, config.get(c)):
            continue
        unit = i18n.column_unit(df[c], lang(), wan=wan(), short=True)
        if unit:
            size, name, digits = unit
            scaled[c] = df[c] / size
            column = config[c]
            config[c] = _formatted({**column, "label": i18n.in_unit(column.get("label") or tr(f"col.{c}"), name,
                                                                    lang())}, f"%,.{digits}f")
        else:  # smaller sums as they are (Streamlit's compact form would say 7.4K, in no unit of the page's)
            config[c] = _formatted(config[c], "%,.0f" if wan() else MONEY_FORMAT)
    return df.assign(**scaled), config


def _formatted(column: dict, number_format: str) -> dict:
    """A column config with its numbers in ``number_format``."""
    return {**column, "type_config": {**column.get("type_config", {}), "format": number_format}}


# Money in an account list where the page does not say it in 万/亿: whole figures. One unit per
# column (k or M) would make the many small accounts of a long list read alike (0.7, 0.00).
LIST_MONEY_FORMAT = "%,.0f"


def in_list_units(view, config: dict):
    """An account list's money columns as :func:`_in_units` gives them on a Chinese page in 万/亿
    (as the page's other figures), else as whole figures (:data:`LIST_MONEY_FORMAT`)."""
    if wan():
        return _in_units(view, config)
    return view, {c: _formatted(v, LIST_MONEY_FORMAT) if _is_money(c, v) else v for c, v in config.items()}


def _is_money(column: str, config) -> bool:
    """Whether a table column of config ``config`` holds money: a money column, or one a page
    labels as money (:func:`money_column`)."""
    return isinstance(config, dict) and (column in MONEY_COLUMNS
                                         or (config.get("type_config") or {}).get("format") == MONEY_FORMAT)


def money_column(label: str):
    """The config of a column of money figures labelled ``label`` (shown in a unit, as the money
    columns of account lists and summary tables are)."""
    return st.column_config.NumberColumn(label, format=MONEY_FORMAT)


MAX_LIST_ROWS = 2_000


def account_list(df, columns: list[str], key: str, height: int | str = "auto", labels: dict | None = None,
                 values: dict | None = None, ranked: int | None = None, download: list[str] | None = None) -> None:
    """A sortable table of accounts, the first column a link to the account's page; selecting
    a row opens that page here; under it, a button that downloads the list (:func:`list_download`:
    every account of ``df``, where the table shows the largest only). ``labels``: column → label or
    column config, for columns without a ``col.<name>`` text; ``values``: column → {value: what to
    show}. ``ranked``: ``df`` is the first rows, in order, of a list this long. ``download``: the
    columns of the download, where they are not the table's (a chart's figures, one column each)."""
    from urllib.parse import quote

    whole = df
    if ranked is not None:
        if ranked > len(df):
            st.caption(tr("ui.list_first", shown=len(df), n=ranked))
    elif len(df) > MAX_LIST_ROWS:  # a browser table of a million rows helps nobody: the largest first
        st.caption(tr("ui.list_capped", shown=MAX_LIST_ROWS, n=len(df)))
        df = df.nlargest(MAX_LIST_ROWS, "revenue") if "revenue" in df else df.head(MAX_LIST_ROWS)
    if values:
        df = df.assign(**{c: df[c].map(m) for c, m in values.items()})
    view = _percent(df).assign(link=[f"account?account={quote(str(a))}&lang={lang()}" for a in df["account_id"]])
    shown = ["link", *[c for c in columns if c != "account_id"]]
    config = column_config(shown[1:], labels=labels)
    view, config = in_list_units(view, config)
    config["link"] = st.column_config.LinkColumn(tr("col.account_id"), display_text=r"account=([^&]*)",
                                                 help=tr("ui.open_account"))
    event = st.dataframe(view[shown], hide_index=True, width="stretch", height=height, key=key, placeholder=MISSING,
                         column_config=config, on_select="rerun", selection_mode="single-row")
    list_download(whole, ["account_id", *[c for c in download or shown[1:] if c != "account_id"]], key, labels,
                  values)
    rows = event.selection.rows if event else []
    if rows:
        open_account(df.iloc[rows[0]]["account_id"])


# Streamlit (1.67) can turn a table's own download off only for every table of the app, with
# copying cells; hidden on the tables that have a download of their own (download_button).
_HIDE_DOWNLOAD = ("<style>.st-key-{key} [data-testid=stElementToolbarButton]:has(button[aria-label^='Download as CSV'])"
                  " {{display: none}}</style>")


def _is_link(column) -> bool:
    return isinstance(column, dict) and (column.get("type_config") or {}).get("type") == "link"


def _labels(config: dict, columns) -> dict[str, str]:
    """column → the label its table column shows (before any unit), for ``columns`` of ``config``."""
    return {c: config[c] if isinstance(config[c], str) else config[c].get("label") or tr(f"col.{c}") for c in columns}


def list_download(rows, columns: list[str], key: str, labels: dict | None = None, values: dict | None = None) -> None:
    """Under the account list of widget key ``key``: :func:`download_button` of ``rows``'s
    ``columns`` (``account_id`` first, then as the table labels them; ``labels`` and ``values`` as
    for :func:`account_list`)."""
    config = column_config(columns[1:], labels=labels)
    headers = {"account_id": tr("col.account_id"), **_labels(config, columns[1:])}
    chosen = [m[st.query_params[c]] for c, m in (values or {}).items() if st.query_params.get(c) in m]
    download_button(rows.assign(**{c: rows[c].map(m) for c, m in (values or {}).items()}), headers, key, key,
                    "ui.download_list_help", _money_of(config), _formats(config), chosen)


def _money_of(config: dict) -> set[str]:
    """The columns of a table's ``config`` that hold money (:func:`_is_money`)."""
    return {c for c, v in config.items() if _is_money(c, v)}


def _formats(config: dict) -> dict[str, str]:
    """column → the format a table's ``config`` shows it in, for its download: a number of fixed
    decimals (``%.1f``), or a date's or a time's as strftime writes it (YYYY-MM-DD HH:mm →
    ``%Y-%m-%d %H:%M``)."""
    import re

    moment = {"YYYY": "%Y", "MM": "%m", "DD": "%d", "HH": "%H", "mm": "%M", "ss": "%S"}
    out = {}
    for c, v in config.items():
        kind = (v.get("type_config") or {}) if isinstance(v, dict) else {}
        fmt = kind.get("format") or ""
        if kind.get("type") in ("date", "datetime") and fmt:
            out[c] = re.sub("|".join(moment), lambda m: moment[m.group()], fmt)
        elif kind.get("type") == "number" and re.fullmatch(r"%\.\d+f", fmt):
            out[c] = fmt
    return out


def download_button(rows, headers: dict[str, str], name: str, key: str, help_key: str, money=(),
                    formats: dict | None = None, filters=()) -> None:
    """A button that downloads ``rows``'s ``headers`` columns (:func:`kamp.list_csv.to_csv`:
    headers in the page's language, money and shares in units the headers name), made when pressed,
    in a file :func:`download_name` names after ``name`` and ``filters`` (the values the list is
    filtered on); the own download of the table of widget key ``key``
    hidden (it gives the table as shown: a link for an id, money in the page's units with none
    named, shares ×100 without %). ``help_key``: the button's help text; ``money``: columns besides
    :data:`MONEY_COLUMNS` that the table shows as money; ``formats``: as :func:`_formats` gives them."""
    import re

    from kamp import list_csv

    said, in_wan = lang(), wan()

    def csv() -> bytes:
        return list_csv.to_csv(rows, headers, said, in_wan, MONEY_COLUMNS | set(money), SHARE_COLUMNS, formats)

    st.html(_HIDE_DOWNLOAD.format(key=re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())))
    st.download_button(tr("ui.download_list"), csv, file_name=download_name(name, filters=filters), mime="text/csv",
                       key=f"{key}.csv", help=tr(help_key), on_click="ignore", type="tertiary",
                       icon=":material/download:")


MAX_CHOICES = 2_000


def account_choices(table, key: str) -> dict:
    """account_id → "name · id" for the account chooser whose widget key is ``key``. A portfolio
    of up to :data:`MAX_CHOICES` accounts is offered whole; a larger one gets a search box first
    and offers the largest :data:`MAX_CHOICES` accounts that match it (a browser list of a million
    names helps nobody), keeping the account already chosen or named in the link."""
    import pandas as pd

    from kamp import accounts

    if len(table) <= MAX_CHOICES:
        return accounts.choices(table)
    text = st.text_input(tr("ui.find"), key=f"{key}.find", help=tr("ui.find_help"),
                         placeholder=tr("account.search_hint")).strip()
    found = accounts.find(table, text)
    shown = found.nlargest(MAX_CHOICES, "revenue")
    st.caption(tr("ui.choices_found", found=len(found), text=text, shown=len(shown)) if text
               else tr("ui.choices_capped", shown=len(shown), n=len(table)))
    keep = {str(v) for v in (st.session_state.get(key), st.query_params.get(key)) if v} - set(shown["account_id"])
    if keep:
        shown = pd.concat([table[table["account_id"].isin(keep)], shown])
    return accounts.choices(shown)


SHOWN_REJECTS = 1000  # rejected rows listed on a page; the download has every one


def _in_language(rejects, lang_: str):
    """The rejected rows with their row and reason columns named in Chinese when ``lang_`` is
    Chinese (``row`` and ``reason`` in English, as ``kamp rejects`` writes them; as they were when
    the file has a column of the Chinese name). The language is passed, not looked up: a download
    is made after the page's run, outside its session."""
    from kamp import i18n

    names = {"row": i18n.t("col.row", lang_), "reason": i18n.t("col.reason", lang_)}
    if lang_ != "zh" or set(names.values()) & set(rejects.columns):
        return rejects
    return rejects.rename(columns=names)


def _rejects_csv(rejects, lang_: str) -> bytes:
    """The rejected rows as the CSV file to correct in Excel and import again: columns named as
    :func:`_in_language` names them, a formula's text behind a quote ('=1+1, read back as =1+1)."""
    from kamp import formula_cells

    return formula_cells.escaped_frame(_in_language(rejects, lang_)).to_csv(index=False).encode("utf-8-sig")


def rejected_rows(where, con, import_id: int, file_name: str) -> None:
    """The rejected rows of an import in ``where`` (a page or a column): how many for each kind
    of reason, then the first :data:`SHOWN_REJECTS` in file order, a note when there are more,
    and a button that downloads every one as CSV (made when pressed: an import can reject millions)."""
    from kamp import store

    said = lang()
    reasons = store.reject_reasons(con, import_id, said)
    total = int(reasons["n"].sum())
    left, _ = where.columns([1, 1])  # the reasons counted, then the rows across: as many columns as the file
    left.dataframe(reasons, hide_index=True, width="stretch",
                   column_config={"reason": tr("col.reason"),
                                  "n": st.column_config.NumberColumn(tr("history.reason_rows"), format="localized")})
    where.dataframe(store.rejects(con, import_id, limit=SHOWN_REJECTS, lang=said), hide_index=True, width="stretch",
                    placeholder="", column_config={  # an empty value as in the file
                        "row": st.column_config.NumberColumn(tr("col.row"), format="localized"),
                        "reason": tr("col.reason")})
    if total > SHOWN_REJECTS:
        where.caption(tr("history.first_rejects", shown=SHOWN_REJECTS, total=total))
    where.download_button(tr("import.download_rejects"),
                          lambda: _rejects_csv(store.rejects(con, import_id, lang=said), said),
                          file_name=download_name("rejects", import_id, Path(file_name).stem), mime="text/csv",
                          key=f"dl-rejects-{import_id}")

