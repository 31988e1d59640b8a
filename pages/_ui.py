"""What every page shares: the database connection, the language, cached readers."""
from __future__ import annotations

import os

import streamlit as st

from kamp import demo_build, i18n, store


@st.cache_resource(show_spinner=False)
def _connection(path: str):
    demo_build.ensure(path)  # first start: the demo database
    return store.connect(path)


def db_path() -> str:
    return str(store.db_path(os.environ.get("KAMP_DB")))


def cursor():
    """A cursor on the app's one DuckDB connection (safe to use from this session's thread)."""
    return _connection(db_path()).cursor()


def lang() -> str:
    value = st.session_state.get("lang") or st.query_params.get("lang") or os.environ.get("KAMP_LANG")
    return value if value in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def tr(key: str, **values) -> str:
    """The text of ``key`` in the chosen language."""
    return i18n.t(key, lang(), **values)


def version() -> int:
    """The data version: cached readers take it so that a new import refreshes them."""
    return store.data_version(cursor())


def language_picker() -> None:
    if "lang" not in st.session_state:
        st.session_state["lang"] = lang()
    st.sidebar.segmented_control(
        tr("sidebar.language"), options=list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.get,
        key="lang", on_change=lambda: st.query_params.update(lang=st.session_state.get("lang") or "zh"))
    if not st.session_state.get("lang"):
        st.session_state["lang"] = i18n.DEFAULT_LANGUAGE


def money(value) -> str:
    if value is None:
        return "—"
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:,.2f}{suffix}"
    return f"{value:,.2f}"


def run_with_progress(work, on_progress):
    """Run ``work(report)`` in a worker thread while this script thread redraws progress.

    ``work`` receives a ``report(*args)`` callback (called from any thread); ``on_progress``
    is called here with the latest arguments. Returns what ``work`` returns, or raises what
    it raised.
    """
    import threading
    import time

    latest, outcome = {}, {}

    def target():
        try:
            outcome["value"] = work(lambda *args: latest.update(args=args))
        except BaseException as exc:  # re-raised in the script thread below
            outcome["error"] = exc

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.2)
        if "args" in latest:
            on_progress(*latest["args"])
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def uploaded_file(upload) -> str:
    """Write a ``st.file_uploader`` file to a temporary path (once per upload) and return it."""
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.gettempdir()) / "kamp-uploads"
    folder.mkdir(exist_ok=True)
    target = folder / f"{upload.file_id}{Path(upload.name).suffix.lower()}"
    if not target.exists():
        target.write_bytes(upload.getbuffer())
    return str(target)
