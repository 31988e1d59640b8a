"""The shared account table of the portfolio pages: kept once per import, rule, tier override,
language and as-of date, read column by column; results computed from it kept within a budget."""
from __future__ import annotations

import streamlit as st

from pages._ui import cursor, db_path, lang, tr, version


def as_of():
    """The analysis date from ``?as_of=YYYY-MM-DD``, within the lines' first day and today (or
    the last line's day, when later); None means the last line's date (a link that names it too,
    as the sidebar's box does: the default, not a date chosen; and a date that is none)."""
    import datetime as dt

    from kamp import analysis

    try:
        asked = analysis.parse_as_of(st.query_params.get("as_of"))
    except ValueError:
        return None
    first, last = line_days()
    if asked is None or first is None:
        return asked
    day = min(max(asked, first), max(last, dt.date.today()))
    return None if day == last else day


def as_of_caption(meta: dict) -> None:
    """The page's analysis date, said under its title (the sidebar's box may be closed)."""
    if meta.get("as_of") is not None:
        st.caption(f"{tr('overview.as_of')} {meta['as_of']:%Y-%m-%d}", help=tr("overview.as_of_help"))


def line_days():
    """The first and last order lines' days (None, None without lines)."""
    return _line_days(cursor(), db_path(), version())


@st.cache_data(show_spinner=False)
def _line_days(_con, db: str, data_version: int):
    from kamp import store

    return tuple(None if t is None else t.date() for t in store.line_span(_con))


def _as_of_chosen() -> None:
    """The date picked in the sidebar into the address (the last line's date: none, the default,
    which follows the next import), and kept for the next page: a page switch clears the address."""
    chosen, last = st.session_state.get("as_of.box"), st.session_state.get("as_of.last")
    if chosen is None or chosen == last:
        st.query_params.pop("as_of", None)
        st.session_state.pop("as_of.kept", None)
    else:
        st.query_params["as_of"] = st.session_state["as_of.kept"] = chosen.isoformat()


def as_of_picker() -> None:
    """The analysis date in the sidebar: every page's figures are as of it (default the last line's
    date); ``?as_of=YYYY-MM-DD`` in a link sets it too, and it stays from page to page."""
    import datetime as dt

    from kamp import analysis

    first, last = line_days()
    if first is None:
        return
    asked, kept = st.query_params.get("as_of"), st.session_state.get("as_of.kept")
    if asked is None and kept:  # a page switch dropped it from the address
        st.query_params["as_of"] = kept
    elif asked is not None:
        st.session_state["as_of.kept"] = asked
    latest = max(last, dt.date.today())
    st.session_state["as_of.last"] = last
    used = as_of() or last
    st.session_state["as_of.box"] = used
    st.sidebar.date_input(tr("sidebar.as_of"), key="as_of.box", min_value=first, max_value=latest,
                          format="YYYY-MM-DD", on_change=_as_of_chosen, help=tr("sidebar.as_of_help", last=last))
    asked = st.query_params.get("as_of")
    try:
        meant = analysis.parse_as_of(asked)
    except ValueError:
        meant = None
    if asked and (meant is None or meant != used):  # a link's date that is none, or outside the lines: said
        moved = "none" if meant is None else "early" if meant < used else "today" if used > last else "last"
        st.sidebar.caption(tr(f"sidebar.as_of_moved.{moved}", asked=asked, used=f"{used:%Y-%m-%d}"))


# Each holds up to a whole account table (about 360 MB at a million accounts): one per language and one more.
@st.cache_resource(show_spinner=False, max_entries=3)  # shared, not copied per run: callers never mutate it
def _kept_accounts(_con, db: str, data_version: int, rules_key: str, overrides_key: str, lang_: str, as_of_):
    from kamp.kept_accounts import KeptAccounts

    kept = KeptAccounts(_con, as_of_, lang_)
    kept.meta["table_key"] = (db, data_version, rules_key, overrides_key, lang_, str(as_of_))
    return kept


RESULTS_BUDGET = 512 * 2**20
"""Bytes of results :func:`from_table` keeps (a million accounts' table takes about 360 MB)."""


@st.cache_resource(show_spinner=False)
def _results():
    from kamp.kept_accounts import Results

    return Results(RESULTS_BUDGET)


def from_table(fn, *args, columns: list[str] | None = None):
    """``fn(accounts, *args)`` on ``account_table(columns)``, computed once per table (a new
    import, rule, tier override, language or as-of date makes a new one) and shared by every run
    and page, within :data:`RESULTS_BUDGET`: never modify what it returns. ``args`` must be
    hashable."""
    table, meta = account_table(columns)
    name = f"{fn.__module__}.{fn.__qualname__}:{fn.__code__.co_firstlineno}"
    key = (name, meta["table_key"], tuple(columns) if columns else None, args)
    return _results().get(key, lambda: fn(table, *args))


@st.cache_data(show_spinner=False)
def _non_product_lines(_con, db: str, data_version: int, as_of_) -> int:
    from kamp import portfolio

    return portfolio.non_product_lines(_con, as_of_)


def non_product_note(n: int | None = None) -> None:
    """A caption saying that net revenue counts the ``n`` lines of non-product codes (postage,
    fees) as invoiced — of the lines up to the analysis date when ``n`` is None — or nothing when
    there are none."""
    n = _non_product_lines(cursor(), db_path(), version(), as_of()) if n is None else n
    if n:
        st.caption(tr("overview.non_product", n=n))


@st.cache_data(show_spinner=False)
def _wallets(_con, db: str, data_version: int):
    from kamp import accounts

    return accounts.wallets(_con)


def wallets():
    """Known wallet estimates (account_id, wallet_estimate), cached per data version."""
    return _wallets(cursor(), db_path(), version())


def rules() -> dict:
    """Every analysis rule as stored (or its default)."""
    from kamp import analysis

    return analysis.rules(cursor())


def account_table(columns: list[str] | None = None):
    """``(accounts, meta)`` of ``analysis.account_table`` for this language and as-of date:
    ``columns`` of it (every one when None; those it lacks left out), largest revenue first.

    Shared by every page and run (never modify it: ``assign`` makes a page's own), refreshed by
    a new import, a changed rule or a saved tier override; tier names are in this language. The
    database keeps the table, and each column is read once: a page asking for a dozen columns
    of a million accounts reads a dozen.
    """
    kept = _kept()
    try:
        return kept.frame(cursor(), columns), kept.meta
    except LookupError:  # another session kept another table since
        _kept_accounts.clear()
        kept = _kept()
        return kept.frame(cursor(), columns), kept.meta


def account_row(account_id: str):
    """Every column of one account of :func:`account_table` (None when it has none)."""
    kept = _kept()
    try:
        return kept.row(cursor(), account_id)
    except LookupError:
        _kept_accounts.clear()
        return _kept().row(cursor(), account_id)


def account_columns() -> list[str]:
    """The columns :func:`account_table` has."""
    return list(_kept().columns)


def _kept():
    import json

    from kamp import analysis

    con = cursor()
    key = json.dumps(analysis.rules(con), sort_keys=True, default=str)
    with st.spinner(tr("ui.computing")):
        return _kept_accounts(con, db_path(), version(), key, analysis.overrides_version(con), lang(), as_of())


def kept_without_lines(asked: str | None, any_lines: bool) -> bool:
    """Warn that account ``asked`` has a record, contacts, interactions or invoices but no order
    lines (naming it, with what to do: choose an account with lines, or import lines when
    ``any_lines`` is False, no account having any). False, and nothing said, when the database
    holds nothing of it."""
    from kamp import accounts

    kept = accounts.on_record(cursor(), asked) if asked else {"record": False}
    if not kept["record"] and not any(kept.get(k) for k in ("contacts", "interactions", "invoices")):
        return False
    said = tr("account.no_lines_yet" if kept["record"] else "account.no_lines_no_record", account=asked,
              name=kept["name"] or asked, contacts=kept["contacts"], interactions=kept["interactions"],
              invoices=kept["invoices"])
    st.warning(("" if lang() == "zh" else " ").join(
        [said, tr("account.then_choose" if any_lines else "account.then_import")]))
    return True
