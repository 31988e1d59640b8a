"""Opening one page of the app headless (Streamlit's AppTest) as a user does: through app.py,
in a language, with query parameters in the address."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
SCALE_ACCOUNTS = 2_500  # more than a browser list should hold (the lists and choosers stop at 2,000)


def scale_db(folder: Path, n: int = SCALE_ACCOUNTS) -> Path:
    """A database of ``n`` accounts a0000 … a{n-1} with net revenue 1 … n (one invoice each, in
    March 2024, no cost): the last is the largest. Returns its path."""
    from kamp import ingest, store

    rows = [f"a{i:04d},2024-03-{1 + i % 28:02d},{i},{i + 1}" for i in range(n)]
    (folder / "lines.csv").write_text("customer,date,invoice,sales\n" + "\n".join(rows) + "\n", encoding="utf-8")
    con = store.connect(folder / "kamp.duckdb")
    try:
        ingest.import_file(con, folder / "lines.csv")
    finally:
        con.close()
    return folder / "kamp.duckdb"


def costless_db(folder: Path, **settings) -> Path:
    """A database of the fixture sales_utf8_bom.csv (no cost column: no account has a gross
    margin), with ``settings`` stored. Returns its path."""
    from kamp import ingest, store

    con = store.connect(folder / "kamp.duckdb")
    try:
        ingest.import_file(con, ROOT / "tests" / "fixtures" / "sales_utf8_bom.csv")
        for name, value in settings.items():
            store.set_setting(con, name, value)
    finally:
        con.close()
    return folder / "kamp.duckdb"


def open_page(page: str, lang: str = "en", *, timeout: int = 180, check: bool = True, **query) -> AppTest:
    """Run app.py, go to ``page`` (``pages/….py``) with ``query`` in the address, and return
    the AppTest; with ``check``, fail on any exception the page shows."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.session_state["lang"] = lang
    at.run()
    at.language_switch = at.button_group(key="lang")  # (for switch_language: see there)
    if page != "pages/overview.py":
        at.switch_page(page)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    if check:
        assert not at.exception, [e.value for e in at.exception]
    return at


def switch_language(at: AppTest, lang: str, monkeypatch) -> AppTest:
    """Click ``lang`` in the sidebar's language switch of a page :func:`open_page` opened: one
    run, the page in ``lang``; returns the AppTest. (AppTest keeps the sidebar of an app's first
    run only: the click is sent beside the page's widgets, and a later run, which no longer sends
    it, is in the language before. AppTest words a selectbox's choice in the language it finds
    outside the session, ``KAMP_LANG``: set to ``lang`` once the page is in it.)"""
    at.language_switch.set_value(lang)
    states = at._tree.get_widget_states()
    states.widgets.append(at.language_switch._widget_state)
    at._run(states)
    monkeypatch.setenv("KAMP_LANG", lang)
    return at


def open_page_on(page: str, db: Path, monkeypatch, lang: str = "en", **query) -> AppTest:
    """:func:`open_page` with the app on database ``db``."""
    monkeypatch.setenv("KAMP_DB", str(db))
    return open_page(page, lang, **query)


def app_copy(db: Path, tmp_path: Path, monkeypatch) -> Path:
    """A copy of ``db`` that the app opens (``KAMP_DB``) and the test may change."""
    import shutil

    path = tmp_path / "kamp.duckdb"
    shutil.copy(db, path)
    monkeypatch.setenv("KAMP_DB", str(path))
    return path


def record_downloads(monkeypatch, names: dict | None = None) -> dict:
    """From now on, what each download button of a page is given to make its file (bytes, or a
    callable made when clicked), by the button's key; into ``names``, the file's name by the key."""
    import streamlit as st
    from streamlit.elements.widgets.button import ButtonMixin

    recipes = {}
    download = ButtonMixin.download_button

    def recording(self, label, data, *args, **kwargs):
        recipes[kwargs.get("key")] = data
        if names is not None:
            names[kwargs.get("key")] = kwargs.get("file_name")
        return download(self, label, data, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", recording)
    # st.download_button was bound when streamlit was imported
    monkeypatch.setattr(st, "download_button", lambda *args, **kwargs: recording(st._main, *args, **kwargs))
    return recipes


def downloaded(recipe):
    """The file a download's ``recipe`` makes, made as Streamlit makes it when the button is
    clicked: on a server thread, outside the page's session."""
    import threading

    if not callable(recipe):
        return recipe
    made = []
    worker = threading.Thread(target=lambda: made.append(recipe()))
    worker.start()
    worker.join()
    return made[0]
