"""Opening one page of the app headless (Streamlit's AppTest) as a user does: through app.py,
in a language, with query parameters in the address."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def open_page(page: str, lang: str = "en", *, timeout: int = 180, check: bool = True, **query) -> AppTest:
    """Run app.py, go to ``page`` (``pages/….py``) with ``query`` in the address, and return
    the AppTest; with ``check``, fail on any exception the page shows."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.session_state["lang"] = lang
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    if check:
        assert not at.exception, [e.value for e in at.exception]
    return at
