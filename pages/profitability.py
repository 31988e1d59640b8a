"""Profitability and receivables (利润与回款, seed 004): revenue → discounts → returns → cost →
gross margin for the portfolio and one account; revenue rank against margin rank with the
accounts whose discounts or returns eat their margin; with payments imported, days sales
outstanding, overdue amounts, arrears and the worst payers among the top tiers."""
import pandas as pd
import streamlit as st

from kamp import charts_profit, profitability
from pages._accounts import account_table, from_table
from pages._charts import chart, figure
from pages._lists import MAX_LIST_ROWS, account_choices, account_list, table as show_table
from pages._language import wkey
from pages._ui import cursor, lang, money, tr

# What this page reads of the account table.
COLUMNS = ["account_id", "name", "tier", "revenue", "gross_sales", "discount", "return_amount", "cost", "margin"]
PAYERS_BY = ("overdue", "dso_days", "arrears_rate")


def _ranks(table):
    """Revenue rank against margin rank, and how many accounts each flag marks."""
    ranks = profitability.rank_comparison(table, **profitability.FLAG_RULES)
    return ranks, {f: int(ranks[f].sum()) for f in profitability.FLAGS}


def _flagged(table, shown: tuple):
    """The accounts with any of the ``shown`` flags: the largest a list shows, and how many."""
    ranks, _ = from_table(_ranks, columns=COLUMNS)
    return profitability.flagged(ranks, list(shown), MAX_LIST_ROWS)


@st.cache_resource(show_spinner=False, max_entries=4)  # shared, not copied per run: never modified
def _receivables(_con, _table, table_key: tuple, as_of_):
    """Receivables per account with name and tier, and what the page shows of them (None when
    there are no payments)."""
    rec = profitability.receivables(_con, as_of_)
    if rec.empty:
        return rec, None
    totals, basis = profitability.receivables_totals(rec), dict(rec.attrs)
    rec = rec.merge(_table[["account_id", "name", "tier"]], on="account_id", how="left").round(
        {"dso_days": 0, "mean_days_late": 0})  # whole days read better
    return rec, {"basis": basis, "totals": totals, "by_tier": profitability.receivables_by_tier(rec),
                 "top_tiers": profitability.top_tiers(rec),
                 "worst": {by: profitability.worst_payers(rec, n=10, by=by) for by in PAYERS_BY}}


def _money(value) -> str:
    return money(None if value is None or pd.isna(value) else value)


def _pct(value) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:.1%}"


def _metric_row():
    """A row of metrics that wraps onto a second line on a narrow screen instead of cutting figures."""
    return st.container(horizontal=True, gap="medium")


st.title(tr("profit.title"))
st.caption(tr("profit.intro"))
table, meta = account_table(COLUMNS)
if table.empty:
    st.info(tr("overview.empty"))
    st.page_link("pages/import_data.py", label=tr("nav.import"), icon=":material/upload_file:")
    st.stop()

# ---- the waterfall: portfolio and one account ----
whole = from_table(profitability.waterfall, columns=COLUMNS)
step = whole.set_index("step")
net = step.loc["net_revenue", "value"]
uncosted = step.loc["uncosted", "value"]  # NaN unless only some accounts' cost is known
costed_net = net + (0 if pd.isna(uncosted) else uncosted)  # the revenue the margin is of
with _metric_row():
    for name in ["gross_revenue", "discounts", "returns", "cost", "margin"]:
        value, share = step.loc[name, "value"], step.loc[name, "share"]
        st.metric(tr(f"profit.kpi.{name}"), _money(abs(value) if name != "margin" else value),  # NaN: unknown, "—"
                  None if name == "gross_revenue" or pd.isna(value) else tr("profit.of_gross", share=_pct(abs(share))),
                  delta_color="off", delta_arrow="off", help=tr(f"profit.kpi.{name}_help"), width="content")
    st.metric(tr("profit.kpi.margin_pct_costed" if pd.notna(uncosted) else "profit.kpi.margin_pct"),
              _pct(step.loc["margin", "value"] / costed_net if costed_net else None),
              help=tr("profit.kpi.margin_pct_help"), width="content")
if pd.notna(uncosted):
    share = costed_net / net if net else None
    said = _pct(share) if share is None or round(share, 3) < 1 else tr("profit.almost_all")  # never "100.0 %" of a part
    st.info(tr("profit.cost_partial", share=said, amount=_money(-uncosted)), icon=":material/info:")
elif 0 < whole.attrs["cost_coverage"] < 1:  # (none: the margin ranks below say no line carries a cost)
    st.warning(tr("profit.cost_missing", share=_pct(whole.attrs["cost_coverage"])))

left, right = st.columns(2)
with left:
    chart(figure(lambda: charts_profit.waterfall(whole, lang(), tr("profit.portfolio_waterfall"), height=440),
                 meta["table_key"]), key="wf_all", clickable=False)
with right:
    choices = account_choices(table, "profit_account")  # the table runs largest revenue first
    pick = st.selectbox(tr("profit.account"), list(choices), format_func=choices.get, key="profit_account",
                        help=tr("profit.account_help"))
    if pick is not None:  # None: a search found no account
        one = profitability.waterfall(table[table["account_id"] == pick])
        chart(figure(lambda: charts_profit.waterfall(one, lang(), tr("profit.account_waterfall"), height=360),
                     meta["table_key"], pick), key="wf_one", clickable=False)
        st.page_link("pages/account.py", label=tr("profit.open_account"), icon=":material/person_search:",
                     query_params={"account": str(pick), "lang": lang()})
st.caption(tr("profit.waterfall_help"))

# ---- revenue rank against margin rank ----
st.subheader(tr("profit.ranks"))
rules = profitability.FLAG_RULES
ranks, counts = from_table(_ranks, columns=COLUMNS)
thresholds = {"ratio": f"{rules['discount_margin_ratio']:g}", "returns": f"{rules['max_return_share']:.0%}",
              "top": f"{rules['top_share']:.0%}"}
margin_known = bool(ranks["margin_rank"].notna().any())  # no line with a cost: nothing to rank by margin
left, right = st.columns([3, 2])
with left:
    if margin_known:
        chart(figure(lambda: charts_profit.rank_scatter(ranks, lang(), rules["top_share"]), meta["table_key"]),
              key="ranks")
    else:
        st.info(tr("profit.ranks_no_cost"))
with right:
    for flag in profitability.FLAGS:
        shown = f"{counts[flag]:,}" if margin_known or flag == "returns_eat_margin" else "—"
        st.metric(tr(f"profit.flag.{flag}"), shown, help=tr(f"profit.flag.{flag}_help", **thresholds))
    if margin_known:  # the points of the chart
        st.caption(tr("profit.ranks_help"))
    st.caption(tr("profit.flags_help", **thresholds))
# without a cost on any line only the returns can be told: the other flags are unknown, not "no"
known = profitability.FLAGS if margin_known else ["returns_eat_margin"]
flag_names = {f: tr(f"profit.flag.{f}") for f in known}
shown = st.pills(tr("profit.show_flags"), known, selection_mode="multi", default=known,
                 format_func=flag_names.get, key=wkey("flags" if margin_known else "flags_returns"))
flagged, n_flagged = from_table(_flagged, tuple(shown), columns=COLUMNS) if shown else (ranks.iloc[0:0], 0)
st.caption(tr("profit.flagged_count", n=n_flagged, accounts=len(ranks)))
if n_flagged > len(flagged):
    st.caption(tr("ui.list_capped", shown=len(flagged), n=n_flagged))
account_list(flagged, ["account_id", "name", "tier", *known, "revenue",
                       *(["margin", "margin_pct", "revenue_rank", "margin_rank"] if margin_known else ["revenue_rank"]),
                       "discount_share", "return_share"], key="flagged", height=360)

# ---- receivables ----
st.subheader(tr("profit.receivables"))
rec, shows = _receivables(cursor(), table, meta["table_key"], meta["as_of"])
if shows is None:
    st.info(tr("profit.no_payments"))
    st.page_link("pages/import_data.py", label=tr("nav.import"), icon=":material/upload_file:")
    st.stop()
basis = shows["basis"]
st.caption(tr("profit.receivables_basis", date=f"{basis['as_of']:%Y-%m-%d}", days=basis["period_days"]))
totals = shows["totals"]
dso = "—" if totals["dso_days"] is None else tr("profit.days", n=f"{totals['dso_days']:,.0f}")
with _metric_row():
    for name, value in [("outstanding", _money(totals["outstanding"])), ("overdue", _money(totals["overdue"])),
                        ("overdue_share", _pct(totals["overdue_share"])), ("dso", dso),
                        ("arrears_rate", _pct(totals["arrears_rate"])),
                        ("accounts_overdue", f"{totals['accounts_overdue']:,}")]:
        st.metric(tr(f"profit.kpi.{name}"), value, help=tr(f"profit.kpi.{name}_help", days=basis["period_days"]),
                  width="content")

payer_columns = ["account_id", "name", "tier", "outstanding", "overdue", "overdue_share", "dso_days", "arrears_rate",
                 "mean_days_late", "oldest_overdue_days"]
by_tier = shows["by_tier"]
left, right = st.columns([2, 3])
with left:
    chart(figure(lambda: charts_profit.receivables_by_tier(by_tier, lang()), meta["table_key"]), key="by_tier",
          clickable=False)
with right:
    show_table(by_tier, money_format="compact", name="profit_by_tier")

by_names = {b: tr(f"profit.by.{b}") for b in PAYERS_BY}
by = st.segmented_control(tr("profit.rank_payers_by"), list(by_names), default="overdue",
                          format_func=by_names.get, key=wkey("payers_by")) or "overdue"
worst = shows["worst"][by]
if worst.empty:
    st.caption(tr("profit.no_worst"))
else:
    chart(figure(lambda: charts_profit.worst_payers(worst, lang()), meta["table_key"], by), key="worst")
st.caption(tr("profit.worst_help", tiers=" · ".join(shows["top_tiers"]), by=by_names[by]))
if not worst.empty:
    account_list(worst, payer_columns, key="worst_list")
with st.expander(tr("profit.all_receivables", n=len(rec))):
    account_list(rec, payer_columns, key="receivables_list", height=420)
