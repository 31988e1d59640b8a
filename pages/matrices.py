"""Strategy matrices (策略矩阵): account attractiveness × our strength with the five strategies,
and the value × potential quadrants of seed 003."""
import streamlit as st

from kamp import accounts as acc
from kamp import charts_segments, charts_selection, matrices, relationship, scorecard_store, strategy_grid
from pages._accounts import account_table, as_of_caption, from_table
from pages._charts import chart, figure
from pages._lists import MAX_LIST_ROWS, account_list, table as show_table
from pages._language import wkey
from pages._ui import cursor, lang, tr

# What this page reads of the account table, besides what the chosen bases read: the tier only
# for the accounts it lists (reading a million accounts' tiers takes longer than placing them).
COLUMNS = ["account_id", "name", "revenue"]
VALUE_POTENTIAL = ["account_id", "name", "revenue_12m", "growth_12m", "revenue_prior_12m", "wallet_estimate"]

st.title(tr("matrix.title"))
st.caption(tr("matrix.intro"))
table, meta = account_table(["account_id"])
if table.empty:
    st.info(tr("overview.empty"))
    st.stop()
as_of_caption(meta)

templates = scorecard_store.list_templates(cursor())
name_of = {r.name: (r.name_zh or r.name) if lang() == "zh" else r.name for r in templates.itertuples()}
c1, c2, c3 = st.columns([3, 3, 2], vertical_alignment="bottom")
attract_by = c1.selectbox(tr("matrix.attractiveness"), list(name_of), format_func=name_of.get, key=wkey("attract_by"),
                          index=list(name_of).index("Customer value scorecard") if "Customer value scorecard" in name_of else 0,
                          help=tr("matrix.attractiveness_help"))
bases = {b: tr(f"matrix.basis.{b}") for b in matrices.STRENGTH_BASES} | {n: v for n, v in name_of.items()
                                                                         if n != attract_by}
strength_by = c2.selectbox(tr("matrix.strength"), list(bases), key=wkey("strength_by"), format_func=bases.get,
                           help=tr("matrix.strength_help"))
neutral = c3.toggle(tr("card.neutral"), value=True, key="matrix_neutral", help=tr("card.neutral_help"))

# The scores, grid and strategies of every account, once per account table and choice.
attract_key = matrices.basis_key(cursor(), attract_by, neutral)
strength_key = matrices.basis_key(cursor(), strength_by, neutral)
cuts = tuple(relationship.rules(cursor())["cuts"])
columns = list(dict.fromkeys(COLUMNS + matrices.basis_columns(attract_key) + matrices.basis_columns(strength_key)))
matrix, summary = from_table(matrices.placed, attract_key, strength_key, cuts, columns=columns)
st.caption(tr("matrix.placed", n=len(matrix), total=len(table)))
if matrix.empty:
    st.info(tr(f"matrix.none.{strength_by if strength_by in matrices.STRENGTH_BASES else 'scorecard'}"))
else:
    shown_key = (meta["table_key"], attract_key, strength_key, cuts)
    left, right = st.columns([3, 2])
    with left:
        chart(figure(lambda: charts_selection.strategy_matrix(matrix, lang()), *shown_key), key="strategy_matrix")
    with right:
        summary = summary.assign(strategy=[tr(f"strategy.{k}") for k in summary["strategy"]])
        show_table(summary, money_format="compact", labels={"strategy": tr("matrix.strategy")}, name="strategies")
        st.caption(tr("matrix.strategy_help"))
    keys = {k: tr(f"strategy.{k}") for k, _en, _zh in strategy_grid.STRATEGIES}
    pick = st.segmented_control(tr("matrix.show"), list(keys), format_func=keys.get, default=next(iter(keys)),
                                key=wkey("show_strategy"))
    shown, n = matrices.strategy_accounts(matrix, pick, MAX_LIST_ROWS)
    if n > len(shown):  # a browser table of a million rows helps nobody: the largest first
        st.caption(tr("ui.list_capped", shown=len(shown), n=n))
    tiers = account_table(["tier"])[0]["tier"]  # the matrix's index: rows of the account table
    shown = shown.assign(tier=[acc.tier_label(t, lang()) for t in tiers.iloc[shown.index]],
                         attractiveness=shown["attractiveness"].round(1), strength=shown["strength"].round(1))
    account_list(shown.sort_values("revenue", ascending=False),
                 ["account_id", "name", "tier", "revenue", "attractiveness", "strength"], key="strategy_accounts")

st.subheader(tr("matrix.value_potential"))
potentials = {"": tr("matrix.potential.wallet_growth")} | name_of  # or any scorecard's score


def _keep_potential() -> None:  # in the address: a link opens it, and it outlives a language switch
    st.query_params["potential"] = st.session_state[wkey("potential_by")]


asked = st.query_params.get("potential", "")
potential_by = st.selectbox(tr("matrix.potential"), list(potentials), format_func=potentials.get,
                            index=list(potentials).index(asked) if asked in potentials else 0,
                            key=wkey("potential_by"), help=tr("matrix.potential_help"), on_change=_keep_potential)
if potential_by:
    potential_key, narrowed = matrices.potential_key(cursor(), potential_by, neutral)
    quadrants, q = from_table(matrices.value_potential, potential_key,
                              columns=list(dict.fromkeys(VALUE_POTENTIAL + matrices.basis_columns(potential_key))))
    st.caption(tr("matrix.potential_group_help" if narrowed else "matrix.potential_scorecard_help",
                  scorecard=potentials[potential_by]))
else:
    st.caption(tr("tiers.matrix_help"))
    quadrants, q = from_table(matrices.value_potential, columns=VALUE_POTENTIAL)
left, right = st.columns(2)  # the quadrants' names are long: their table takes half the width
with left:
    chart(figure(lambda: charts_segments.value_potential(quadrants, lang()), meta["table_key"], potential_by,
                 potential_key if potential_by else None), key="value_potential")
with right:
    q = q.assign(quadrant=[tr(f"quadrant.{k}") for k in q["quadrant"]])
    # "Share" beside "Current value" says enough, and keeps the table within its column
    show_table(q, money_format="compact", labels={"quadrant": tr("matrix.quadrant"), "current_share": tr("col.share")},
               name="quadrants")
    st.caption(tr("matrix.quadrant_help"))
