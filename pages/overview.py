"""Portfolio overview: headline figures, activity status, revenue by month, the 80/20 picture
and the largest accounts."""
import streamlit as st

from kamp import accounts, charts, concentration, portfolio, store
from pages._ui import account_table, chart, cursor, lang, money, tr, version


@st.cache_data(show_spinner=False)
def _figures(_con, data_version: int):
    return portfolio.kpis(_con), portfolio.monthly_revenue(_con), portfolio.top_accounts(_con, 15)


@st.cache_data(show_spinner=False)
def held(_con, data_version: int):
    return store.info(_con)


def _dismiss_welcome():
    st.session_state["welcome.dismissed"] = True


st.title(tr("overview.title"))
st.caption(tr("app.tagline"))
if not st.session_state.get("welcome.dismissed") and store.is_demo(cursor()):  # first start: say what this is
    with st.container(border=True, key="welcome"):
        st.info(f"**{tr('welcome.title')}** · {tr('welcome.text')}", icon=":material/waving_hand:")
        with st.container(horizontal=True, vertical_alignment="center", gap="medium"):
            st.page_link("pages/import_data.py", label=tr("welcome.import"), icon=":material/upload_file:")
            st.page_link("pages/tiers.py", label=tr("welcome.explore"), icon=":material/layers:")
            st.button(tr("welcome.dismiss"), key="welcome.close", on_click=_dismiss_welcome, icon=":material/close:")
kpi, monthly, top = _figures(cursor(), version())

if not kpi["lines"]:
    st.info(tr("overview.empty"))
    st.page_link("pages/import_data.py", label=tr("nav.import"), icon=":material/upload_file:")
    st.stop()

table, meta = account_table()
top20 = concentration.top_share(table["revenue"], 0.2)  # as on the Concentration page
cols = st.columns(5)
cols[0].metric(tr("overview.accounts"), f"{kpi['accounts']:,}")
cols[1].metric(tr("overview.revenue"), money(kpi["revenue"]))
cols[2].metric(tr("overview.top_share"), f"{top20:.1%}" if top20 is not None else "—",
               help=tr("overview.top_share_help"))
cols[3].metric(tr("overview.returns"), f"{kpi['return_lines']:,}", money(kpi["return_amount"]),
               delta_color="off", help=tr("overview.returns_help"))
cols[4].metric(tr("overview.margin"), f"{kpi['margin']:.1%}" if kpi["margin"] is not None else "—",
               help=tr("overview.margin_help"))

status = accounts.status_counts(table)
cols = st.columns(5)
for col, key in zip(cols, accounts.STATUSES):
    col.metric(tr(f"status.{key}"), f"{status[key]:,}",
               f"{status[key] / max(len(table), 1):.0%}", delta_color="off", delta_arrow="off", help=tr(f"status.{key}_help"))
cols[3].metric(tr("conc.accounts_for_80"), f"{concentration.accounts_for(table['revenue']) or 0:,}",
               help=tr("overview.accounts_for_80_help"))
top_tier = meta["tier_order"][0] if meta.get("tier_order") else None
if top_tier is not None:
    in_top = table["tier"] == top_tier
    cols[4].metric(str(top_tier), f"{int(in_top.sum()):,}",
                   help=tr("overview.top_tier_help", share=f"{in_top.mean():.0%}",
                           revenue=f"{table.loc[in_top, 'revenue'].sum() / max(table['revenue'].sum(), 1e-9):.0%}"))
as_of_text = f"{meta['as_of']:%Y-%m-%d}" if meta["as_of"] else "—"
st.caption(f"{tr('overview.as_of')} {as_of_text} · {tr('overview.period')}: {kpi['first_date']:%Y-%m-%d} — "
           f"{kpi['last_date']:%Y-%m-%d} · {tr('overview.lines')}: {kpi['lines']:,}", help=tr("overview.as_of_help"))

st.plotly_chart(charts.monthly_revenue(monthly, lang()), width="stretch")

left, right = st.columns([2, 3])
with left:
    chart(charts.pareto(concentration.pareto(table, "revenue"), lang(), 0.2, height=360), key="pareto")
    st.page_link("pages/concentration.py", label=tr("overview.more_concentration"), icon=":material/insights:")
with right:
    chart(charts.top_accounts(top, lang()), key="top")

st.subheader(tr("overview.sources"))
facts = held(cursor(), version())
grid = st.columns(4)
for i, key in enumerate(("account_records", "contacts", "payments", "interactions")):
    grid[i].metric(tr(f"overview.held.{key}"), f"{facts[key]:,}")
st.caption(tr("overview.held.imports", n=len(facts["imports"]), rejected=facts["rejected_rows"]))
st.page_link("pages/history.py", label=tr("nav.history"), icon=":material/history:")
if kpi["non_product_lines"]:
    st.caption(tr("overview.non_product", n=kpi["non_product_lines"]))
