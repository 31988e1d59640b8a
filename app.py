"""KAMP dashboard: configures the page, draws the shared sidebar and runs the navigation.

Run with ``streamlit run app.py`` (optionally ``-- --db PATH``); on first start the demo
database is built at ``data/kamp.duckdb`` (or ``$KAMP_DB``).
"""
import argparse
import os
import sys

import streamlit as st

_cli = argparse.ArgumentParser(add_help=False)
_cli.add_argument("--db")
_known, _ = _cli.parse_known_args(sys.argv[1:])
if _known.db:
    os.environ["KAMP_DB"] = _known.db

from kamp.store import DatabaseBusy, DatabaseUnusable  # noqa: E402
from pages import _accounts, _language, _ui  # noqa: E402  (after KAMP_DB is set)

st.set_page_config(page_title="KAMP", page_icon="📊", layout="wide")

pages = {
    _ui.tr("nav.group.portfolio"): [
        st.Page("pages/overview.py", title=_ui.tr("nav.overview"), icon=":material/dashboard:", default=True),
        st.Page("pages/customers.py", title=_ui.tr("nav.customers"), icon=":material/group:", url_path="customers"),
        st.Page("pages/concentration.py", title=_ui.tr("nav.concentration"), icon=":material/pie_chart:",
                url_path="concentration"),
        st.Page("pages/tiers.py", title=_ui.tr("nav.tiers"), icon=":material/layers:", url_path="tiers"),
        st.Page("pages/account.py", title=_ui.tr("nav.account"), icon=":material/person_search:", url_path="account"),
    ],
    _ui.tr("nav.group.decisions"): [
        st.Page("pages/scorecards.py", title=_ui.tr("nav.scorecards"), icon=":material/star_rate:",
                url_path="scorecards"),
        st.Page("pages/matrices.py", title=_ui.tr("nav.matrices"), icon=":material/grid_view:", url_path="matrices"),
        st.Page("pages/coverage.py", title=_ui.tr("nav.coverage"), icon=":material/groups:", url_path="coverage"),
        st.Page("pages/relationship.py", title=_ui.tr("nav.relationship"), icon=":material/handshake:",
                url_path="relationship"),
        st.Page("pages/profitability.py", title=_ui.tr("nav.profitability"), icon=":material/account_balance:",
                url_path="profitability"),
    ],
    _ui.tr("nav.group.plans"): [
        st.Page("pages/plan.py", title=_ui.tr("nav.plan"), icon=":material/menu_book:", url_path="plan"),
        st.Page("pages/plans.py", title=_ui.tr("nav.plans"), icon=":material/checklist:", url_path="plans"),
    ],
    _ui.tr("nav.group.review"): [
        st.Page("pages/review.py", title=_ui.tr("nav.review"), icon=":material/compare_arrows:", url_path="review"),
        st.Page("pages/present.py", title=_ui.tr("nav.present"), icon=":material/slideshow:", url_path="present"),
    ],
    _ui.tr("nav.group.data"): [
        st.Page("pages/import_data.py", title=_ui.tr("nav.import"), icon=":material/upload_file:",
                url_path="import_data"),
        st.Page("pages/history.py", title=_ui.tr("nav.history"), icon=":material/history:", url_path="history"),
        st.Page("pages/settings.py", title=_ui.tr("nav.settings"), icon=":material/settings:", url_path="settings"),
    ],
}
# The navigation first: on a first start, the sidebar lists the pages while the demo is built
# (not Streamlit's own list of every file in pages/).
navigation = st.navigation(pages, expanded=True)
try:
    with st.spinner(_ui.tr("sidebar.building_demo")):
        _ui.cursor()
except (DatabaseBusy, DatabaseUnusable) as exc:  # another program has it; not a database
    st.error(str(exc))
    st.stop()
_language.language_picker()
_accounts.as_of_picker()
_language.input_hints_in_language()
_ui.use_money_units()
# the path on a line of its own: a long one would break the label (数据 / 库：) where it wraps
st.sidebar.caption(_ui.tr("ui.labelled", label=_ui.tr("sidebar.database"), value=f"  \n`{_ui.db_path()}`"))
navigation.run()
