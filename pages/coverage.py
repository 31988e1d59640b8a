"""Coverage & goals (客户覆盖与目标, seed 003): a coverage model and hours per tier, the sales
capacity it needs against the reps on staff, each owner's load, accounts nobody owns, and the
goals — share of wallet for the top tiers, revenue for the rest."""
import streamlit as st

from kamp import accounts, charts_coverage, coverage
from pages._ui import account_list, account_table, chart, cursor, lang, reset_settings, save_settings, tr, wallets
from pages._ui import problem
from pages._ui import table as show_table


st.title(tr("coverage.title"))
st.caption(tr("coverage.intro"))
table, meta = account_table()
if table.empty:
    st.info(tr("overview.empty"))
    st.stop()
order = [accounts.tier_label(n, lang()) for n in meta.get("tier_order") or []]
order += sorted(set(table["tier"].dropna()) - set(order))
stored = coverage.rules(cursor())

st.subheader(tr("coverage.models"))
st.caption(tr("coverage.models_help"))
base, _ = coverage.capacity(table, stored["models"], stored["rep_hours"], order)
left, right = st.columns([7, 2])
edited = left.data_editor(
    base[["tier", "tier_rank", "model", "hours_per_account", "accounts"]], key="cov_models", hide_index=True,
    width="stretch", disabled=["tier", "tier_rank", "accounts"], column_order=["tier", "model", "hours_per_account",
                                                                                "accounts"],
    column_config={"tier": tr("col.tier"), "accounts": tr("col.accounts"),
                   "model": st.column_config.SelectboxColumn(tr("col.model"), options=list(coverage.MODELS),
                                                             format_func=lambda m: coverage.model_label(m, lang()),
                                                             required=True, width=240),
                   "hours_per_account": st.column_config.NumberColumn(
                       tr("col.hours_per_account"), min_value=0, max_value=8760, step=1, format="%d",
                       help=tr("coverage.hours_help"), required=True, width=170)})
rep_hours = right.number_input(tr("coverage.rep_hours"), min_value=1, max_value=8760, step=50,
                               value=int(stored["rep_hours"]), key="cov_rep_hours", help=tr("coverage.rep_hours_help"))
try:
    models = coverage.models_from_table(edited)
except ValueError as exc:
    st.error(tr("coverage.bad_models", error=problem(exc)))
    models = stored["models"]
changed = models != coverage.models_from_table(base) or float(rep_hours) != stored["rep_hours"]
if changed:
    right.caption(tr("coverage.unsaved"))
right.button(tr("coverage.save"), type="primary", disabled=not changed, on_click=save_settings,
             args=({"coverage_models": models, "rep_hours_per_year": float(rep_hours)}, ("cov_models",),
                   tr("coverage.saved")),
             key="cov_save", width="stretch")
right.button(tr("coverage.reset"), on_click=reset_settings,
             args=(("coverage_models", "rep_hours_per_year"), ("cov_models", "cov_rep_hours")), key="cov_reset",
             width="stretch")

by_tier, s = coverage.capacity(table, models, float(rep_hours), order)
m = st.columns(5)
m[0].metric(tr("coverage.hours_needed"), f"{s['hours_needed']:,.0f}",
            help=tr("coverage.hours_needed_help", call_centre=f"{s['call_centre_hours']:,.0f}"))
m[1].metric(tr("coverage.hours_available"), f"{s['hours_available']:,.0f}",
            help=tr("coverage.hours_available_help", reps=s["reps"], hours=f"{s['rep_hours']:,.0f}"))
short = s["gap"] > 0
m[2].metric(tr("coverage.gap"), f"{abs(s['gap']):,.0f}", delta=tr("coverage.short" if short else "coverage.spare"),
            delta_color="red" if short else "green", delta_arrow="off",
            help=tr("coverage.gap_help", share="—" if s["utilisation"] is None else f"{s['utilisation']:.0%}"))
m[3].metric(tr("coverage.reps"), f"{s['reps_needed'] or 0:,} / {s['reps']:,}",
            help=tr("coverage.reps_help"))
m[4].metric(tr("coverage.unowned"), f"{s['unowned_accounts']:,}", help=tr("coverage.unowned_help"))
chart(charts_coverage.capacity(by_tier, s, lang()), key="cov_capacity", clickable=False)
by_tier = by_tier.assign(model=by_tier["model"].map(lambda x: coverage.model_label(x, lang())))
show_table(by_tier[["tier", "model", "hours_per_account", "accounts", "hours_needed", "owners", "unowned"]],
           key="cov_by_tier", labels={"hours_needed": st.column_config.NumberColumn(tr("col.hours_needed"),
                                                                                  format="%,.0f")})

st.subheader(tr("coverage.owner_load"))
st.caption(tr("coverage.owner_load_help", hours=f"{float(rep_hours):,.0f}"))
load = coverage.owner_load(table, models, float(rep_hours), order)
left, right = st.columns([3, 2])
with left:
    chart(charts_coverage.owner_load(load, by_tier, float(rep_hours), lang()), key="cov_load", clickable=False)
with right:
    tier_cols = [c for c in load.columns if c not in ("owner", "accounts", "hours_needed", "load")]
    show_table(load[["owner", "load", "hours_needed", "accounts", *tier_cols]].assign(load=load["load"] * 100),
               key="cov_load_table", height=min(35 * (len(load) + 1) + 3, 760),
               labels={**{c: st.column_config.NumberColumn(c, format="%d") for c in tier_cols},
                       "hours_needed": st.column_config.NumberColumn(tr("col.hours_needed"), format="%,.0f"),
                       "load": st.column_config.NumberColumn(tr("col.load"), format="%.0f%%",
                                                             help=tr("coverage.load_help"))})

st.subheader(tr("coverage.unowned_title"))
nobody = coverage.unowned(table).sort_values("revenue", ascending=False)
if nobody.empty:
    st.success(tr("coverage.all_owned"))
else:
    st.caption(tr("coverage.unowned_caption", n=len(nobody)))
    account_list(nobody, list(nobody.columns), key="cov_unowned", height=min(35 * (len(nobody) + 1) + 3, 400))

st.subheader(tr("coverage.goals"))
st.caption(tr("coverage.goals_help"))
g_rules = stored["goals"]
c1, c2, c3, c4 = st.columns([2, 2, 2, 1], vertical_alignment="bottom")
share_tiers = c1.number_input(tr("coverage.share_tiers"), 0, len(order), min(int(g_rules["share_tiers"]), len(order)),
                              key="cov_share_tiers", help=tr("coverage.share_tiers_help"))
share_target = c2.number_input(tr("coverage.share_target"), 1, 100, int(round(g_rules["share_target"] * 100)),
                               key="cov_share_target", format="%d", help=tr("coverage.share_target_help"))
growth = c3.number_input(tr("coverage.growth_target"), -90, 500, int(round(g_rules["growth_target"] * 100)),
                         key="cov_growth", format="%d", help=tr("coverage.growth_target_help"))
new_goals = {"share_tiers": int(share_tiers), "share_target": share_target / 100, "growth_target": growth / 100}
if c4.button(tr("coverage.save_goals"), disabled=new_goals == {k: g_rules[k] for k in new_goals}, key="cov_save_goals"):
    save_settings({"goal_rules": new_goals})
    st.rerun()
goals = coverage.goals(table, wallets(), tier_order=order, **new_goals)
goals = goals.sort_values("revenue_12m", ascending=False)
sow, rev = goals[goals["goal_type"] == "share_of_wallet"], goals[goals["goal_type"] == "revenue"]
tab_sow, tab_rev = st.tabs([tr("coverage.tab_sow", n=f"{len(sow):,}"), tr("coverage.tab_revenue", n=f"{len(rev):,}")])
with tab_sow:
    if sow.empty:
        st.info(tr("coverage.no_sow"))
    else:
        chart(charts_coverage.share_of_wallet_goals(sow, lang()), key="cov_sow")
        account_list(sow.rename(columns={"actual": "share_of_wallet"}),
                     ["account_id", "name", "tier", "revenue_12m", "wallet_estimate", "share_of_wallet", "attainment",
                      "revenue_gap"], key="cov_sow_list", height=400)
with tab_rev:
    chart(charts_coverage.revenue_goals(rev, lang()), key="cov_rev")
    if rev["needs_wallet"].any():
        st.caption(tr("coverage.needs_wallet", n=int(rev["needs_wallet"].sum())))
    account_list(rev.rename(columns={"target": "target_revenue"}),
                 ["account_id", "name", "tier", "revenue_12m", "target_revenue", "attainment", "revenue_gap",
                  "needs_wallet"], key="cov_rev_list", height=400)
