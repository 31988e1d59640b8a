"""Profitability and receivables (利润与回款, seed 004): revenue → discounts → returns → cost →
gross margin for the portfolio and one account; revenue rank against margin rank with the
accounts whose discounts or returns eat their margin; with payments imported, days sales
outstanding, overdue amounts, arrears and the worst payers among the top tiers."""
import pandas as pd
import streamlit as st

from kamp import accounts, charts_profit, profitability
from pages._ui import account_list, account_table, chart, cursor, db_path, lang, money, tr, version
from pages._ui import table as show_table


@st.cache_data(show_spinner=False, max_entries=8)
def _receivables(_con, db: str, data_version: int, as_of_):
    return profitability.receivables(_con, as_of_)


def _money(value) -> str:
    return money(None if value is None or pd.isna(value) else value)


def _pct(value) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:.1%}"


def _metric_row():
    """A row of metrics that wraps onto a second line on a narrow screen instead of cutting figures."""
    return st.container(horizontal=True, gap="medium")


st.title(tr("profit.title"))
st.caption(tr("profit.intro"))
table, meta = account_table()
if table.empty:
    st.info(tr("overview.empty"))
    st.page_link("pages/import_data.py", label=tr("nav.import"), icon=":material/upload_file:")
    st.stop()

# ---- the waterfall: portfolio and one account ----
whole = profitability.waterfall(table)
step = whole.set_index("step")
net = step.loc["net_revenue", "value"]
with _metric_row():
    for name in ["gross_revenue", "discounts", "returns", "cost", "margin"]:
        value, share = step.loc[name, "value"], step.loc[name, "share"]
        st.metric(tr(f"profit.kpi.{name}"), _money(abs(value) if name != "margin" else value),
                  None if name == "gross_revenue" else tr("profit.of_gross", share=_pct(abs(share))),
                  delta_color="off", delta_arrow="off", help=tr(f"profit.kpi.{name}_help"), width="content")
    st.metric(tr("profit.kpi.margin_pct"), _pct(step.loc["margin", "value"] / net if net else None),
              help=tr("profit.kpi.margin_pct_help"), width="content")
if whole.attrs["cost_coverage"] < 1:
    st.warning(tr("profit.cost_missing", share=_pct(whole.attrs["cost_coverage"])))

left, right = st.columns(2)
with left:
    chart(charts_profit.waterfall(whole, lang(), tr("profit.portfolio_waterfall"), height=440), key="wf_all",
          clickable=False)
with right:
    choices = accounts.choices(table.sort_values(["revenue", "account_id"], ascending=[False, True]))
    pick = st.selectbox(tr("profit.account"), list(choices), format_func=choices.get, key="profit_account",
                        help=tr("profit.account_help"))
    one = profitability.waterfall(table, account_id=pick)
    chart(charts_profit.waterfall(one, lang(), tr("profit.account_waterfall"), height=360), key="wf_one",
          clickable=False)
    st.page_link("pages/account.py", label=tr("profit.open_account"), icon=":material/person_search:",
                 query_params={"account": str(pick), "lang": lang()})
st.caption(tr("profit.waterfall_help"))

# ---- revenue rank against margin rank ----
st.subheader(tr("profit.ranks"))
rules = profitability.FLAG_RULES
ranks = profitability.rank_comparison(table, **rules)
thresholds = {"ratio": f"{rules['discount_margin_ratio']:g}", "returns": f"{rules['max_return_share']:.0%}",
              "top": f"{rules['top_share']:.0%}"}
left, right = st.columns([3, 2])
with left:
    chart(charts_profit.rank_scatter(ranks, lang(), rules["top_share"]), key="ranks")
with right:
    for flag in profitability.FLAGS:
        st.metric(tr(f"profit.flag.{flag}"), f"{int(ranks[flag].sum()):,}", help=tr(f"profit.flag.{flag}_help", **thresholds))
    st.caption(tr("profit.ranks_help"))
    st.caption(tr("profit.flags_help", **thresholds))
flag_names = {f: tr(f"profit.flag.{f}") for f in profitability.FLAGS}
shown = st.pills(tr("profit.show_flags"), profitability.FLAGS, selection_mode="multi", default=profitability.FLAGS,
                 format_func=flag_names.get, key="flags")
flagged = ranks[ranks[shown].any(axis=1)] if shown else ranks.iloc[0:0]
st.caption(tr("profit.flagged_count", n=len(flagged), accounts=len(ranks)))
account_list(flagged, ["account_id", "name", "tier", *profitability.FLAGS, "revenue", "margin", "margin_pct",
                       "revenue_rank", "margin_rank", "discount_share", "return_share"], key="flagged", height=360)

# ---- receivables ----
st.subheader(tr("profit.receivables"))
rec = _receivables(cursor(), db_path(), version(), meta["as_of"])
if rec.empty:
    st.info(tr("profit.no_payments"))
    st.page_link("pages/import_data.py", label=tr("nav.import"), icon=":material/upload_file:")
    st.stop()
st.caption(tr("profit.receivables_basis", date=f"{rec.attrs['as_of']:%Y-%m-%d}", days=rec.attrs["period_days"]))
totals = profitability.receivables_totals(rec)
dso = "—" if totals["dso_days"] is None else tr("profit.days", n=f"{totals['dso_days']:,.0f}")
with _metric_row():
    for name, value in [("outstanding", _money(totals["outstanding"])), ("overdue", _money(totals["overdue"])),
                        ("overdue_share", _pct(totals["overdue_share"])), ("dso", dso),
                        ("arrears_rate", _pct(totals["arrears_rate"])),
                        ("accounts_overdue", f"{totals['accounts_overdue']:,}")]:
        st.metric(tr(f"profit.kpi.{name}"), value, help=tr(f"profit.kpi.{name}_help", days=rec.attrs["period_days"]),
                  width="content")

rec = rec.merge(table[["account_id", "name", "tier"]], on="account_id", how="left").round(
    {"dso_days": 0, "mean_days_late": 0})  # whole days read better
payer_columns = ["account_id", "name", "tier", "outstanding", "overdue", "overdue_share", "dso_days", "arrears_rate",
                 "mean_days_late", "oldest_overdue_days"]
by_tier = profitability.receivables_by_tier(rec)
left, right = st.columns([2, 3])
with left:
    chart(charts_profit.receivables_by_tier(by_tier, lang()), key="by_tier", clickable=False)
with right:
    show_table(by_tier, money_format="compact")

by_names = {b: tr(f"profit.by.{b}") for b in ("overdue", "dso_days", "arrears_rate")}
by = st.segmented_control(tr("profit.rank_payers_by"), list(by_names), default="overdue",
                          format_func=by_names.get, key="payers_by") or "overdue"
worst = profitability.worst_payers(rec, n=10, by=by)
if worst.empty:
    st.caption(tr("profit.no_worst"))
else:
    chart(charts_profit.worst_payers(worst, lang()), key="worst")
st.caption(tr("profit.worst_help", tiers=" · ".join(profitability.top_tiers(rec)), by=by_names[by]))
if not worst.empty:
    account_list(worst, payer_columns, key="worst_list")
with st.expander(tr("profit.all_receivables", n=len(rec))):
    account_list(rec, payer_columns, key="receivables_list", height=420)
