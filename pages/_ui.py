"""What every page shares: the database connection, the language, cached readers."""
from __future__ import annotations

import os

import streamlit as st

from kamp import demo_build, i18n, store
from kamp.progress import run_with_progress  # noqa: F401


def _leave_pages_folder_mode() -> None:
    """Make sure app.py's navigation runs, even on a fresh server's first sub-page request.

    Because a ``pages/`` folder sits beside app.py, Streamlit runs a sub-page URL (``/tiers``)
    on its own, without app.py, until app.py has called ``st.navigation`` once in this
    process. app.py always navigates, so say so as soon as any page loads this module; if
    this run is such a stand-alone sub-page run, start it again through app.py.
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
        from streamlit.runtime.scriptrunner import get_script_run_ctx
    except ImportError:  # a Streamlit without this mode
        return
    was_folder_mode = PagesManager.uses_pages_directory
    PagesManager.uses_pages_directory = False
    ctx = get_script_run_ctx()
    if not was_folder_mode or ctx is None:
        return
    page = ctx.pages_manager.get_pages().get(ctx.page_script_hash) or {}
    if page.get("script_path") and os.path.abspath(page["script_path"]) != os.path.abspath(ctx.main_script_path):
        st.rerun()


_leave_pages_folder_mode()


@st.cache_resource(show_spinner=False)
def _connection(path: str):
    demo_build.ensure(path)  # first start: the demo database
    con = store.connect(path)
    # DuckDB would keep up to 80 % of the machine's memory; the account table of a million accounts
    # is computed well within a gigabyte (beyond, DuckDB spills to disk), and the dashboard's frames
    # fit beside it in 2 GB once DuckDB's allocator hands back what a query no longer needs.
    con.execute("SET memory_limit = '1GB'")
    con.execute("SET allocator_background_threads = true")
    return con


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


def problem(exc: BaseException) -> str:
    """What the library found wrong, in the chosen language (``kamp.problems.Problem``); any
    other error as its own message."""
    return i18n.explain(exc, lang())


def money(value) -> str:
    """A money figure, short, in this language's units (万/亿 in Chinese when the settings say so)."""
    return i18n.money(value, lang(), wan=wan())


def _wan_units() -> bool:
    """Whether the settings give Chinese money in 万 and 亿."""
    return store.get_setting(cursor(), "money_units") == "wan"


def wan() -> bool:
    """Whether this page gives money in 万 and 亿 (Chinese, with the settings' units so)."""
    return lang() == "zh" and _wan_units()


def use_money_units() -> None:
    """Charts, slides and reports of this run speak in the money units the settings choose (a
    report may be in the other language than the page)."""
    i18n.use_wan(_wan_units())


def version() -> int:
    """The data version: cached readers take it so that a new import refreshes them."""
    return store.data_version(cursor())


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


def status_label(status: str) -> str:
    return tr(f"status.{status}") if status in ("active", "dormant", "lost") else str(status)


def segment_names(segments, rules_: list[dict]) -> dict:
    """segment (English, as stored) → its name in this language."""
    from kamp import rfm

    return {s: rfm.segment_name(s, lang(), rules_) for s in segments}


def query_selectbox(label: str, options, key: str, **kwargs):
    """A selectbox whose choice is also ``?<key>=<option>`` in the URL, so a link can open it
    (the raw option, not its label, so the link works in either language)."""
    options = list(options)
    wanted = st.query_params.get(key)
    if wanted in options and st.session_state.get(key) != wanted:
        st.session_state[key] = wanted

    def follow():
        value = st.session_state.get(key)
        if value is None:
            st.query_params.pop(key, None)
        else:
            st.query_params[key] = value

    return st.selectbox(label, options, index=None, key=key, on_change=follow, **kwargs)


def save_settings(values: dict, forget: tuple = (), message: str | None = None) -> None:
    """Store rule settings (name → value) and forget the editor widgets ``forget``, so they are
    drawn afresh from what is stored."""
    for name, value in values.items():
        store.set_setting(cursor(), name, value)
    for key in forget:
        st.session_state.pop(key, None)
    if message:
        st.toast(message, icon=":material/check:")


def reset_settings(names, forget: tuple = ()) -> None:
    """Forget stored rule settings, so their defaults apply again (see :func:`save_settings`)."""
    for name in names:
        store.reset_setting(cursor(), name)
    for key in forget:
        st.session_state.pop(key, None)


def author_box(help: str | None = None) -> None:
    """The sidebar's "Your name" box of a page that saves something. What is typed is kept in
    ``st.session_state["author"]``, which outlives the box: Streamlit forgets a widget's own value
    on a page that does not show it, and the name would be lost on the way to the next page."""
    st.sidebar.text_input(tr("tiers.your_name"), value=st.session_state.get("author", ""), key="author.box",
                          help=help, on_change=lambda: st.session_state.update(author=st.session_state["author.box"]))


def author() -> str | None:
    """The name in the "Your name" box (:func:`author_box`), None when empty: the box's own value
    while the page shows it (its change may not have reached ``author`` yet when a button's
    callback runs first), else the name kept from an earlier page."""
    name = st.session_state["author.box"] if "author.box" in st.session_state else st.session_state.get("author")
    return (name or "").strip() or None
