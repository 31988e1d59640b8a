"""Tiers (客户分级): k-means tiers on the chosen features, the tier pyramid and profile, accounts
by tier, the value × potential matrix, and a person's overrides with a reason."""
import streamlit as st

from kamp import accounts, analysis, charts, store, tiers
from pages._ui import account_table, as_of, chart, column_config, cursor, db_path, lang, rules, tr, version, wallets
from pages._ui import table as show_table


@st.cache_data(show_spinner=False, max_entries=16)
def _fit(_df, db: str, data_version: int, as_of_, features: tuple, k, seed: int):
    model = tiers.TierModel(features=list(features), k=k, random_state=seed).fit(_df)
    return model.labels_, model.k_, model.silhouettes_


def _save_override():
    ss = st.session_state
    if not str(ss.get("ov_reason") or "").strip():
        st.toast(tr("tiers.override_needs_reason"), icon=":material/error:")
        return
    analysis.set_tier_override(cursor(), ss["ov_account"], ss["ov_tier"], ss["ov_reason"], ss.get("author") or None)
    st.toast(tr("tiers.override_saved", account=ss["ov_account"]), icon=":material/check:")
    ss["ov_reason"] = ""


st.title(tr("tiers.title"))
st.caption(tr("tiers.intro"))
st.sidebar.text_input(tr("tiers.your_name"), key="author", help=tr("tiers.your_name_help"))
table, meta = account_table()
if len(table) < 2:
    st.info(tr("overview.empty") if table.empty else tr("tiers.too_few"))
    st.stop()
stored = rules()
options = [c for c in accounts.TIER_FEATURES if c in table]

c1, c2, c3 = st.columns([5, 2, 2])
labels = {c: tr(f"col.{c}") for c in options} | {0: tr("tiers.k_auto")} | {s: tr(f"tiers.scheme.{s}") for s in tiers.SCHEMES}
chosen = c1.multiselect(tr("tiers.features"), options, [c for c in stored["tier_features"] if c in options],
                        format_func=labels.get, key="features", help=tr("tiers.features_help"))
k = c2.selectbox(tr("tiers.k"), [0, *range(2, 9)], index=[0, *range(2, 9)].index(stored["tier_k"] or 0),
                 format_func=lambda v: labels.get(v, str(v)), key="k")
scheme = c3.selectbox(tr("tiers.scheme"), list(tiers.SCHEMES), index=list(tiers.SCHEMES).index(stored["tier_scheme"]),
                      format_func=labels.get, key="scheme")
if not chosen:
    st.warning(tr("tiers.no_features"))
    st.stop()
key = (db_path(), version(), as_of(), tuple(chosen))
_, best_k, silhouettes = _fit(table, *key, None, int(stored["tier_seed"]))
clusters, k_, _ = _fit(table, *key, k or None, int(stored["tier_seed"]))
names = tiers.tier_names(scheme, k_, lang())
table["computed_tier"] = [names[i] for i in clusters]
table = accounts.with_overrides(table, analysis.tier_overrides(cursor()), lang())
order = names + sorted(set(table["tier"]) - set(names))
settings = {"tier_features": chosen, "tier_k": k or None, "tier_scheme": scheme}
if st.button(tr("tiers.save_settings"), disabled=all(stored[n] == v for n, v in settings.items()),
             help=tr("tiers.save_settings_help"), key="save_settings"):
    for name, value in settings.items():
        store.set_setting(cursor(), name, value)
    st.rerun()

profile = tiers.profile(table, order=order)
left, right = st.columns([3, 2])
with left:
    chart(charts.tier_pyramid(profile, lang()), key="pyramid", clickable=False)
with right:
    chart(charts.silhouettes(silhouettes, k_, lang()), key="silhouettes", clickable=False)
    st.caption(tr("tiers.silhouette_help", best=best_k, k=k_))
show_table(profile, money_format="compact")

left, right = st.columns(2)
with left:
    chart(charts.tier_scatter(table, order, lang()), key="scatter")
with right:
    matrix = accounts.value_potential(table, wallets())
    chart(charts.value_potential(matrix, lang()), key="matrix")
st.caption(tr("tiers.matrix_help"))

st.subheader(tr("tiers.overrides"))
st.caption(tr("tiers.overrides_help"))
choices = accounts.choices(table)
tier_options = {n: accounts.tier_label(n, lang()) for n in tiers.tier_names(scheme, k_, "en")}
tier_options[""] = tr("tiers.override_remove")
with st.form("override", clear_on_submit=False):
    f1, f2 = st.columns([3, 2])
    f1.selectbox(tr("tiers.override_account"), list(choices), format_func=choices.get, key="ov_account")
    f2.selectbox(tr("tiers.override_tier"), list(tier_options), format_func=tier_options.get, key="ov_tier")
    st.text_input(tr("tiers.override_reason"), key="ov_reason", placeholder=tr("tiers.override_reason_hint"))
    st.caption(tr("tiers.override_author", author=st.session_state.get("author") or tr("tiers.anonymous")))
    st.form_submit_button(tr("tiers.override_save"), on_click=_save_override, type="primary")

saved = analysis.tier_overrides(cursor())
saved = saved[saved["tier"] != ""]
if saved.empty:
    st.caption(tr("tiers.no_overrides"))
else:
    shown = saved.merge(table[["account_id", "name", "computed_tier"]], on="account_id", how="left")
    shown["tier"] = shown["tier"].map(lambda n: accounts.tier_label(n, lang()))
    cols = ["account_id", "name", "tier", "computed_tier", "reason", "author", "saved_at"]
    st.dataframe(shown[cols], hide_index=True, width="stretch", key="overrides", column_config=column_config(cols))
