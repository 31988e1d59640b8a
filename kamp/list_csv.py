"""An account list as the CSV file a reader downloads: ids, headers in the page's language,
money and shares in units the headers name, rounded, with the mark that lets Excel read Chinese."""
from __future__ import annotations

import re

import pandas as pd

from kamp import formula_cells, i18n


def _in_wan(values: pd.Series) -> bool:
    """Whether a money column goes in 万: where the page's table shows it in 万 or 亿 (a column of
    smaller sums stays in whole units, as the table shows it)."""
    return i18n.column_unit(values, "zh", wan=True) is not None


def _yes_no(values: pd.Series, lang: str) -> pd.Series:
    words = {True: i18n.t("ui.yes", lang), False: i18n.t("ui.no", lang)}
    return values.map(lambda v: words.get(v, v) if isinstance(v, bool) else v)


def _rounded(values: pd.Series, digits: int = 2) -> pd.Series:
    """To ``digits`` decimals; a column of whole numbers as whole numbers (7, not 7.0)."""
    values = values.round(digits)
    known = values.dropna()
    return values.astype("Int64") if (known == known.round()).all() else values


def _as_shown(values: pd.Series, fmt: str) -> pd.Series:
    """``values`` as a page writes them in ``fmt``: a number format ``%.1f`` rounds them to its
    decimals; any other format is a date's or a time's (``%Y-%m-%d %H:%M``), written so."""
    if re.fullmatch(r"%\.\d+f", fmt):
        return _rounded(pd.to_numeric(values, errors="coerce"), int(fmt[2:-1]))
    return pd.to_datetime(values, errors="coerce").dt.strftime(fmt)


def to_csv(rows: pd.DataFrame, headers: dict[str, str], lang: str, wan: bool = False,
           money=(), shares=(), formats: dict[str, str] | None = None) -> bytes:
    """``rows``'s columns named in ``headers`` (column → header, in order), as UTF-8 CSV with a
    byte-order mark (Excel opens Chinese). ``money`` columns: with ``wan`` (a Chinese page in
    万/亿), in 万 where the table shows them in 万 or 亿, the header saying （万）, else whole;
    ``shares`` (fractions, 0.2825) as percentages (28.25) headed (%) unless the header says %; money and shares to two
    decimals, other numbers to four;
    ``formats``: column → the format the page shows it in (:func:`_as_shown`: ``%.1f``, a date's);
    True/False as Yes/No in ``lang``; text Excel would run as a formula (=1+1) behind a quote
    (:func:`kamp.formula_cells.escaped`). ``lang`` is passed, not looked up: a download is made after
    the page's run, outside its session."""
    out, names = {}, {}
    for column, header in headers.items():
        values = rows[column]
        if column in (formats or {}):
            values = _as_shown(values, formats[column])
        if column in money and wan and _in_wan(values):
            values, header = values / 1e4, i18n.in_unit(header, "万", lang)
        elif column in shares:  # (a header such as "Margin %" or "Discounts % of gross" already says it)
            values = values * 100
            header = header if "%" in header else i18n.in_unit(header, "%", lang)
        if pd.api.types.is_float_dtype(values) and (column in money or column in shares):
            values = _rounded(values)
            if pd.api.types.is_float_dtype(values):  # 3.50, 512.00: money always with its cents
                values = values.map(lambda v: None if pd.isna(v) else f"{v:.2f}")
        elif pd.api.types.is_float_dtype(values):  # a ratio such as a Gini of 0.782 keeps four decimals
            values = _rounded(values, 4)
        elif values.dtype == object or pd.api.types.is_bool_dtype(values):
            values = _yes_no(values, lang)
        out[column], names[column] = formula_cells.escaped(values), header
    return pd.DataFrame(out).rename(columns=names).to_csv(index=False).encode("utf-8-sig")
