"""Coverage & goals (客户覆盖与目标, seed 003): a coverage model and hours per tier, the sales
capacity it needs against the reps on staff, each owner's load, accounts nobody owns, and the
goals — share of wallet for the top tiers, revenue for the rest."""
import json

import streamlit as st

from kamp import accounts, charts_coverage, coverage, goals, store
from pages._accounts import account_table, as_of_caption, from_table
from pages._charts import chart, figure
from pages._coverage_parts import capacity_tiles
from pages._lists import MAX_LIST_ROWS, account_list, table as show_table
from pages._ui import cursor, lang, problem, reset_settings, save_settings, tr

# What this page reads of the account table (the wallet estimate is the account records', as is the owner).
COLUMNS = ["account_id", "name", "tier", "owner", "revenue", "revenue_12m", "revenue_prior_12m", "wallet_estimate"]


def _capacity(table, models: str, rep_hours: float, order: tuple):
    """Capacity by tier, its summary and each owner's load under these coverage models."""
    book = from_table(coverage.books, columns=COLUMNS)  # accounts per tier and rep: a few rows, not a million
    by_tier, summary = coverage.capacity_of_books(book, json.loads(models), rep_hours, list(order))
    return by_tier, summary, coverage.owner_load_of_books(book, json.loads(models), rep_hours, list(order))


def _unowned(table):
    """How many accounts no rep owns, and the largest of them."""
    nobody = coverage.unowned(table).sort_values("revenue", ascending=False)
    return len(nobody), nobody.head(MAX_LIST_ROWS).copy()  # a copy: not a view that keeps all of them


def _goals(table, order: tuple, share_tiers: int, share_target: float, growth_target: float, lang_: str, units):
    """Per goal type: how many accounts, the largest of them by revenue_12m, and the figure (drawn
    again when the language or the money ``units`` change)."""
    frame = goals.goals(table, tier_order=list(order), share_tiers=share_tiers, share_target=share_target,
                          growth_target=growth_target)
    draw = {"share_of_wallet": charts_coverage.share_of_wallet_goals, "revenue": charts_coverage.revenue_goals}
    over = (frame["goal_type"] == "share_of_wallet").to_numpy() & (frame["actual"].to_numpy(dtype=float) > 1)
    return {kind: {"n": int(mine.sum()), "top": top, "needs_wallet": int(frame["needs_wallet"].to_numpy()[mine].sum()),
                   "over_wallet": int(over[mine].sum()),
                   "figure": draw[kind](frame, lang_) if mine.any() or kind == "revenue" else None}
            for kind, (mine, top) in goals.goals_by_type(frame, MAX_LIST_ROWS).items()}


st.title(tr("coverage.title"))
st.caption(tr("coverage.intro"))
table, meta = account_table(COLUMNS)
if table.empty:
    st.info(tr("overview.empty"))
    st.stop()
as_of_caption(meta)
order = from_table(coverage.tiers_in_order, tuple(accounts.tier_label(n, lang()) for n in meta.get("tier_order") or []),
                   columns=COLUMNS)
stored = coverage.rules(cursor())

st.subheader(tr("coverage.models"))
st.caption(tr("coverage.models_help"))
as_stored = from_table(_capacity, json.dumps(stored["models"]), stored["rep_hours"], tuple(order), columns=COLUMNS)
base = as_stored[0]
left, right = st.columns([7, 2])
edited = left.data_editor(
    base[["tier", "tier_rank", "model", "hours_per_account", "accounts"]], key="cov_models", placeholder="",
    hide_index=True,
    width="stretch", disabled=["tier", "tier_rank", "accounts"], column_order=["tier", "model", "hours_per_account",
                                                                                "accounts"],
    column_config={"tier": tr("col.tier"), "accounts": st.column_config.NumberColumn(tr("col.accounts"), format="%,d"),
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
at_defaults = stored["models"] == coverage.DEFAULT_MODELS and stored["rep_hours"] == coverage.DEFAULT_REP_HOURS
right.button(tr("coverage.reset"), on_click=reset_settings, disabled=at_defaults and not changed,
             args=(("coverage_models", "rep_hours_per_year"), ("cov_models", "cov_rep_hours")), key="cov_reset",
             width="stretch")

shown = json.dumps(models), float(rep_hours), tuple(order)
by_tier, s, load = from_table(_capacity, *shown, columns=COLUMNS) if changed else as_stored
shown = (meta["table_key"], *shown)  # what the figures show
if capacity_tiles(s):
    chart(figure(lambda: charts_coverage.capacity(by_tier, s, lang()), *shown), key="cov_capacity", clickable=False)
by_tier_shown = by_tier.assign(model=by_tier["model"].map(lambda x: coverage.model_label(x, lang())))
show_table(by_tier_shown[["tier", "model", "hours_per_account", "accounts", "hours_needed", "owners", "unowned"]],
           key="cov_by_tier", name="coverage_by_tier",
           labels={c: st.column_config.NumberColumn(tr(f"col.{c}"), format="%,.0f")
                   for c in ("hours_per_account", "hours_needed")})

if not load.empty:  # (no account has an owner: said above, with nothing to chart or list)
    st.subheader(tr("coverage.owner_load"))
    st.caption(tr("coverage.owner_load_help", hours=f"{float(rep_hours):,.0f}"))
    left, right = st.columns([3, 2])
    with left:
        chart(figure(lambda: charts_coverage.owner_load(load, by_tier, float(rep_hours), lang()), *shown),
              key="cov_load", clickable=False)
    with right:
        tier_cols = [c for c in load.columns if c not in ("owner", "accounts", "hours_needed", "load")]
        show_table(load[["owner", "load", "hours_needed", "accounts", *tier_cols]].assign(load=load["load"] * 100),
                   key="cov_load_table", height=min(35 * (len(load) + 1) + 3, 760),
                   labels={**{c: st.column_config.NumberColumn(c, format="%,d") for c in tier_cols},
                           "hours_needed": st.column_config.NumberColumn(tr("col.hours_needed"), format="%,.0f"),
                           "load": st.column_config.NumberColumn(tr("col.load"), format="%.0f%%",
                                                                 help=tr("coverage.load_help"))})

st.subheader(tr("coverage.unowned_title"))
n_unowned, nobody = from_table(_unowned, columns=COLUMNS)
if not n_unowned:
    st.success(tr("coverage.all_owned"))
else:
    st.caption(tr("coverage.unowned_caption", n=n_unowned))
    account_list(nobody, list(nobody.columns), key="cov_unowned", height=min(35 * (n_unowned + 1) + 3, 400),
                 ranked=n_unowned)

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
by_goal = from_table(_goals, tuple(order), new_goals["share_tiers"], new_goals["share_target"], new_goals["growth_target"],
                   lang(), store.get_setting(cursor(), "money_units"), columns=COLUMNS)
sow, rev = by_goal["share_of_wallet"], by_goal["revenue"]
tab_sow, tab_rev = st.tabs([tr("coverage.tab_sow", n=f"{sow['n']:,}"), tr("coverage.tab_revenue", n=f"{rev['n']:,}")])
with tab_sow:
    if not sow["n"]:
        st.info(tr("coverage.no_sow"))
    else:
        chart(sow["figure"], key="cov_sow")
        if rev["needs_wallet"]:  # the top tiers' accounts without a wallet estimate are on the other tab: say so here
            st.caption(tr("coverage.needs_wallet_elsewhere", n=rev["needs_wallet"]))
        if sow["over_wallet"]:  # a share above 100 %: the customer buys more from us than its wallet estimate says
            st.caption(tr("coverage.over_wallet", n=sow["over_wallet"]))
        account_list(sow["top"].rename(columns={"actual": "share_of_wallet"}),
                     ["account_id", "name", "tier", "revenue_12m", "wallet_estimate", "share_of_wallet", "attainment",
                      "revenue_gap"], key="cov_sow_list", height=400, ranked=sow["n"])
with tab_rev:
    chart(rev["figure"], key="cov_rev")
    if rev["needs_wallet"]:
        st.caption(tr("coverage.needs_wallet", n=rev["needs_wallet"]))
    account_list(rev["top"].rename(columns={"target": "target_revenue"}),
                 ["account_id", "name", "tier", "revenue_12m", "target_revenue", "attainment", "revenue_gap",
                  "needs_wallet"], key="cov_rev_list", height=400, ranked=rev["n"])
