"""The names downloads are saved as: what the file holds in the page's language and what it is of
(an account, a snapshot pair, a filter, the analysis date), fit for any file system."""
from __future__ import annotations

import contextlib
import contextvars
import re

import streamlit as st

from pages._ui import tr

# What the downloads drawn inside :func:`about` are of (a run of the page sets it and takes it back).
_ABOUT: contextvars.ContextVar[tuple] = contextvars.ContextVar("downloads_about", default=())
# What no file name may hold on Windows, macOS or Linux (and control characters, and runs of spaces).
_UNSAFE = r'[/\\:*?"<>|\x00-\x1f\s]+'


@contextlib.contextmanager
def about(*parts):
    """The downloads drawn inside are of ``parts`` (a snapshot pair: 2026Q2-2026Q3), in place of
    the account and analysis date :func:`download_name` takes from the page."""
    token = _ABOUT.set(tuple(parts))
    try:
        yield
    finally:
        _ABOUT.reset(token)


def _of_page(filters) -> list:
    """What the page's downloads are of: the set :func:`about`, else the account the address
    names, ``filters`` (the values of the list's filters) and the analysis date."""
    if _ABOUT.get():
        return [*_ABOUT.get(), *filters]
    from pages._accounts import as_of, line_days

    return [st.query_params.get("account"), *filters, as_of() or line_days()[1]]


def safe(text: str) -> str:
    """``text`` without the characters a file name cannot hold (each run of them becomes "-")."""
    return re.sub(_UNSAFE, "-", str(text)).strip(". -") or "-"


def download_name(name: str, *of, ext: str = "csv", filters=()) -> str:
    """What a download of ``name`` (a list's widget key, a table's name) is saved as: the page's
    word for it (``file.<name>``), then what it is of — ``of``, or else the page's (:func:`_of_page`,
    with ``filters``) — joined by "_" (客户名单_沉睡客户_2026-09-30.csv, why-accounts-leave_2026Q2-2026Q3.csv,
    products-bought_C0217_2026-09-30.csv)."""
    from kamp import i18n

    word = tr(f"file.{name}") if f"file.{name}" in i18n.TEXTS else name
    parts = [word, *(of or _of_page(filters))]
    return "_".join(safe(p) for p in parts if p is not None and str(p).strip()) + f".{ext}"
