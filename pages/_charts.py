"""Plotly figures on the pages: built once per what they show, and clicking an account opens it."""
from __future__ import annotations

import streamlit as st

from kamp import plotly_locale, store
from pages._ui import cursor, lang


def open_account(account_id) -> None:
    """Go to the account page showing ``account_id``."""
    st.switch_page("pages/account.py", query_params={"account": str(account_id), "lang": lang()})


@st.cache_resource(show_spinner=False, max_entries=128)  # shared, not copied per run: callers never mutate it
def _figure(_make, name: str, key: tuple):
    return _make()


def figure(make, *key):
    """``make()`` — a Plotly figure — built once per ``key`` (what it shows: the table key,
    the page's choices) in this language and money units, and reused by later runs: building a
    styled figure takes Plotly tens of milliseconds, every time."""
    name = f"{make.__module__}.{make.__qualname__}:{make.__code__.co_firstlineno}"
    return _figure(make, name, (*key, lang(), store.get_setting(cursor(), "money_units")))


def plot(fig, **kwargs):
    """``st.plotly_chart`` of ``fig`` (``kwargs`` as it takes them), its toolbar and hints in the
    page's language."""
    return st.plotly_chart(fig, config=plotly_locale.config(lang()), **kwargs)


def chart(fig, key: str, clickable: bool = True) -> None:
    """Place a Plotly figure; clicking a point whose customdata is an account id opens it."""
    if not clickable:
        plot(fig, width="stretch", key=key)
        return
    event = plot(fig, width="stretch", key=key, on_select="rerun", selection_mode="points")
    for point in (event.selection.points if event else []):
        value = point.get("customdata")
        value = value[0] if isinstance(value, (list, tuple)) and value else value
        if isinstance(value, str) and value:
            open_account(value)
