"""Portfolio overview: headline figures, activity status, revenue by month, the 80/20 picture
and the largest accounts."""
import duckdb
import streamlit as st

from kamp import accounts, charts, concentration, kept, portfolio, store
from pages._accounts import account_table, as_of, from_table, non_product_note
from pages._charts import chart, figure, plot
from pages._lists import account_list
from pages._ui import cursor, db_path, lang, money, tr, version


@st.cache_data(show_spinner=False)
def _figures(_con, db: str, data_version: int, as_of_):  # read from the order lines once per import and date, then kept
    return kept.kept(_con, "overview", lambda: (portfolio.kpis(_con, as_of_), portfolio.monthly_revenue(_con, as_of_)),
                     "kpis, months", str(as_of_))


@st.cache_data(show_spinner=False)
def held(_con, db: str, data_version: int):
    return store.holdings(_con)


def _glance(table, top_tier, lang_: str):
    """The 80/20 figures, status counts, the top tier's size and the Pareto figure."""
    in_top = table["tier"] == top_tier
    return {"top20": concentration.top_share(table["revenue"], 0.2),  # as on the Concentration page
            "for80": concentration.accounts_for(table["revenue"]) or 0, "status": accounts.status_counts(table),
            "in_top": int(in_top.sum()), "in_top_share": float(in_top.mean()),
            "in_top_revenue": table.loc[in_top, "revenue"].sum() / max(table["revenue"].sum(), 1e-9),
            "pareto": charts.pareto(concentration.pareto(table, "revenue"), lang_, 0.2, height=360),
            "top": table.head(15)}  # the table comes largest first


def _dismiss_welcome():
    """Got it: the box stays closed for everyone using this database (Settings → Display opens it
    again); for this session alone when the database cannot be written."""
    st.session_state["welcome.dismissed"] = True
    try:
        store.set_setting(cursor(), "show_welcome", False)
    except duckdb.Error:
        pass


st.title(tr("overview.title"))
st.caption(tr("app.tagline"))
if (not st.session_state.get("welcome.dismissed") and store.get_setting(cursor(), "show_welcome")
        and store.is_demo(cursor())):  # first start: say what this is
    with st.container(border=True, key="welcome"):
        st.info(f"**{tr('welcome.title')}** · {tr('welcome.text')}", icon=":material/waving_hand:")
        with st.container(horizontal=True, vertical_alignment="center", gap="medium"):
            st.page_link("pages/import_data.py", label=tr("welcome.import"), icon=":material/upload_file:")
            st.page_link("pages/tiers.py", label=tr("welcome.explore"), icon=":material/layers:")
            st.button(tr("welcome.dismiss"), key="welcome.close", on_click=_dismiss_welcome, icon=":material/close:")
kpi, monthly = _figures(cursor(), db_path(), version(), as_of())  # the lines up to the analysis date

if not kpi["lines"]:
    st.info(tr("overview.empty"))
    st.page_link("pages/import_data.py", label=tr("nav.import"), icon=":material/upload_file:")
    st.stop()

COLUMNS = ["account_id", "name", "revenue", "status", "tier", "days_since_last"]
table, meta = account_table(COLUMNS)
top_tier = meta["tier_order"][0] if meta.get("tier_order") else None
glance = from_table(_glance, top_tier, lang(), columns=COLUMNS)
top20 = glance["top20"]
cols = st.columns(5)
cols[0].metric(tr("overview.accounts"), f"{kpi['accounts']:,}")
cols[1].metric(tr("overview.revenue"), money(kpi["revenue"]))
cols[2].metric(tr("overview.top_share"), f"{top20:.1%}" if top20 is not None else "—",
               help=tr("overview.top_share_help"))
# the lines and the value returned, a positive amount as on the account and profitability pages (the
# lines' own amounts, and the monthly chart's bars, are below zero: they take it off the net)
cols[3].metric(tr("overview.returns"), f"{kpi['return_lines']:,}", money(-kpi["return_amount"]),
               delta_color="off", delta_arrow="off", delta_description=tr("overview.returns_value"),
               help=tr("overview.returns_help"))
cols[4].metric(tr("overview.margin"), f"{kpi['margin']:.1%}" if kpi["margin"] is not None else "—",
               help=tr("overview.margin_help"))

status = glance["status"]
cols = st.columns(5)
for col, key in zip(cols, accounts.STATUSES):
    col.metric(tr(f"status.{key}"), f"{status[key]:,}",
               f"{status[key] / max(len(table), 1):.1%}", delta_color="off", delta_arrow="off", help=tr(f"status.{key}_help"))
    if status[key]:  # who they are, without leaving the page (the largest first)
        with col.popover(tr("overview.list_status"), icon=":material/list:"), st.container(width=660):
            account_list(table[table["status"] == key], ["account_id", "name", "revenue", "days_since_last", "tier"],
                         key=f"status_{key}", height=360)
            st.page_link("pages/customers.py", label=tr("overview.status_elsewhere"), icon=":material/group:",
                         query_params={"status": key, "lang": lang()})
cols[3].metric(tr("overview.accounts_for_80"), f"{glance['for80']:,}", help=tr("overview.accounts_for_80_help"))
if top_tier is not None:
    cols[4].metric(str(top_tier), f"{glance['in_top']:,}",
                   help=tr("overview.top_tier_help", share=f"{glance['in_top_share']:.0%}",
                           revenue=f"{glance['in_top_revenue']:.0%}"))
as_of_text = f"{meta['as_of']:%Y-%m-%d}" if meta["as_of"] else "—"
period = f"{kpi['first_date']:%Y-%m-%d} — {kpi['last_date']:%Y-%m-%d}"
st.caption(" · ".join([f"{tr('overview.as_of')} {as_of_text}", tr("ui.labelled", label=tr("overview.period"), value=period),
                       tr("ui.labelled", label=tr("overview.lines"), value=f"{kpi['lines']:,}")]),
           help=tr("overview.as_of_help"))

plot(figure(lambda: charts.monthly_revenue(monthly, lang(), kpi["first_date"], kpi["last_date"]), db_path(),
                       version(), str(as_of())), width="stretch")

left, right = st.columns([2, 3])
with left:
    chart(glance["pareto"], key="pareto")
    st.page_link("pages/concentration.py", label=tr("overview.more_concentration"), icon=":material/insights:")
with right:
    top = glance["top"].assign(share=glance["top"]["revenue"] / kpi["revenue"] if kpi["revenue"] else None)
    chart(figure(lambda: charts.top_accounts(top, lang()), meta["table_key"], kpi["revenue"]), key="top")

st.subheader(tr("overview.sources"))
facts = held(cursor(), db_path(), version())
grid = st.columns(4)
for i, key in enumerate(("account_records", "contacts", "payments", "interactions")):
    grid[i].metric(tr(f"overview.held.{key}"), f"{facts[key]:,}")
st.caption(tr("overview.held.imports", n=len(facts["imports"]), rejected=facts["rejected_rows"]))
st.page_link("pages/history.py", label=tr("nav.history"), icon=":material/history:")
non_product_note(kpi["non_product_lines"])
