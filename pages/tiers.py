"""Tiers (客户分级): k-means tiers on the chosen features, the tier pyramid and profile, accounts
by tier, the value × potential matrix, and a person's overrides with a reason."""
import streamlit as st

from kamp import accounts, analysis, charts_segments, frames, tiers
from kamp.problems import Listing
from pages._accounts import (account_columns, account_table, as_of, as_of_caption, from_table, non_product_note, rules,
                             wallets)
from pages import _rule_editors as section
from pages._charts import chart, figure
from pages._lists import MISSING, account_choices, column_config, table as show_table
from pages._language import shown_as, wkey
from pages._ui import author, author_box, cursor, db_path, lang, tr, version


@st.cache_data(show_spinner=False, max_entries=16)
def _fit(_df, db: str, data_version: int, as_of_, features: tuple, k, seed: int):
    k = min(k, len(_df)) if k else None  # a small portfolio has fewer tiers, as the account table forms them
    model = tiers.TierModel(features=list(features), k=k, random_state=seed, score_k=True).fit(_df)
    return model.labels_, model.k_, model.silhouettes_, model.best_k_


def _tier_figures(table, order: tuple, lang_: str):
    """The tier profile and the accounts scatter."""
    return tiers.profile(table, order=list(order)), charts_segments.tier_scatter(table, list(order), lang_)


def _value_potential(table, lang_: str):
    return charts_segments.value_potential(accounts.value_potential(table, wallets()), lang_)


def _tiers_present(table):
    return list(table["tier"].unique())


# What this page reads of the account table (and the features chosen to cluster on).
COLUMNS = ["account_id", "name", "tier", "computed_tier", "override_reason", "tier_rank", "revenue", "orders",
           "days_since_last", "margin", "revenue_12m", "growth_12m", "revenue_prior_12m"]


def _save_override():
    ss = st.session_state
    if not str(ss.get("ov_reason") or "").strip():
        st.toast(tr("tiers.override_needs_reason"), icon=":material/error:")
        return
    analysis.set_tier_override(cursor(), ss["ov_account"], ss[wkey("ov_tier")], ss["ov_reason"], author())
    st.toast(tr("tiers.override_saved", account=ss["ov_account"]), icon=":material/check:")
    ss["ov_reason"] = ""


st.title(tr("tiers.title"))
st.caption(tr("tiers.intro"))
author_box(tr("tiers.your_name_help"))
table, meta = account_table(["account_id"])
if len(table) < 2:
    st.info(tr("overview.empty") if table.empty else tr("tiers.too_few"))
    st.stop()
as_of_caption(meta)
stored = rules()
options = [c for c in accounts.TIER_FEATURES if c in account_columns()]

c1, c2, c3 = st.columns([4, 2, 3])  # the tier names ("Major / Named / Non-named / Mass-market") need room
labels = {c: tr(f"col.{c}") for c in options} | {0: tr("tiers.k_auto")} | {s: tr(f"tiers.scheme.{s}") for s in tiers.SCHEMES}
default = [c for c in stored["tier_features"] if c in options]
fell_back = meta.get("tier_features") and not set(meta["tier_features"]) & set(meta["rules"]["tier_features"])
if fell_back:  # no stored feature has a value: the tiers were formed on the defaults that do
    st.warning(tr("tiers.features_fallback", columns=Listing(labels[c] for c in default).text(lang()),
                  used=Listing(labels[c] for c in meta["tier_features"]).text(lang())))
    default = meta["tier_features"]
chosen = c1.multiselect(tr("tiers.features"), options, default,
                        format_func=shown_as(labels), key=section.key("tiers.", "features"), help=tr("tiers.features_help"),
                        placeholder=tr("ui.choose"))
k = c2.selectbox(tr("tiers.k"), [0, *range(2, 9)], index=[0, *range(2, 9)].index(stored["tier_k"] or 0),
                 format_func=lambda v: labels.get(v, str(v)), key=section.key("tiers.", "k"))
scheme = c3.selectbox(tr("tiers.scheme"), list(tiers.SCHEMES), index=list(tiers.SCHEMES).index(stored["tier_scheme"]),
                      format_func=labels.get, key=section.key("tiers.", "scheme"))
if not chosen:
    st.warning(tr("tiers.no_features"))
    st.stop()
table, meta = account_table(list(dict.fromkeys(COLUMNS + chosen)))
empty = [c for c in chosen if table[c].isna().all()]  # e.g. gross margin when no line has a cost
if empty:
    names_ = Listing(labels[c] for c in empty).text(lang())
    if len(empty) == len(chosen):
        st.warning(tr("tiers.only_empty_features", columns=names_))
        st.stop()
    st.caption(tr("tiers.features_empty", columns=names_))
seed = int(stored["tier_seed"])
kept = meta["rules"]
if (chosen in ([c for c in kept["tier_features"] if c in options], meta.get("tier_features")) and (kept["tier_k"] or None) == (k or None)
        and int(kept["tier_seed"]) == seed and meta.get("best_k") is not None):
    # The kept account table holds these very tiers (and every k's silhouette): nothing to fit.
    clusters, k_, silhouettes, best_k = None, meta["k"], meta["silhouettes"], meta["best_k"]
else:
    clusters, k_, silhouettes, best_k = _fit(table, db_path(), version(), as_of(), tuple(chosen), k or None, seed)
names = tiers.tier_names(scheme, k_, lang())
what_if = clusters is not None or scheme != kept["tier_scheme"]  # other tiers, or other names, than those kept
if what_if:
    computed = frames.labels(names, table["tier_rank"] if clusters is None else clusters, table.index)
    table = accounts.with_overrides(table.assign(computed_tier=computed), analysis.tier_overrides(cursor()), lang(),
                                    tiers.tier_names(scheme, k_, "en"))
    order = names + sorted(set(table["tier"].unique()) - set(names))
    profile, scatter = _tier_figures(table, tuple(order), lang())
else:
    order = names + sorted(set(from_table(_tiers_present, columns=COLUMNS)) - set(names))
    profile, scatter = from_table(_tier_figures, tuple(order), lang(), columns=COLUMNS)
settings = {"tier_features": chosen, "tier_k": k or None, "tier_scheme": scheme}
now = {n: stored[n] for n in settings}
found = section.changes("tiers.", settings, now)
section.stored_since("tiers.", found[1])
if st.button(tr("tiers.save_settings"), disabled=not found[0], help=tr("tiers.save_settings_help"),
             key="save_settings"):
    section.save("tiers.", settings, found, now)

shown = (meta["table_key"], tuple(chosen), k, scheme, seed)  # what the figures show
left, right = st.columns([3, 2])
with left:
    chart(figure(lambda: charts_segments.tier_pyramid(profile, lang()), *shown), key="pyramid", clickable=False)
    if k and k_ < k:  # as many tiers as accounts, or as distinct accounts, allow
        st.caption(tr("tiers.fewer_accounts" if k_ == len(table) else "tiers.fewer_distinct", k=k_, chosen=k,
                      n=len(table)))
with right:
    chart(figure(lambda: charts_segments.silhouettes(silhouettes, k_, lang()), *shown), key="silhouettes", clickable=False)
    st.caption(tr("tiers.silhouette_none", k=k_) if best_k is None else tr("tiers.silhouette_help", best=best_k, k=k_))
show_table(profile, money_format="compact", name="tier_profile")
non_product_note()

left, right = st.columns(2)
with left:
    chart(scatter, key="scatter")
with right:
    chart(from_table(_value_potential, lang(), columns=COLUMNS), key="matrix")
st.caption(tr("tiers.matrix_help"))

st.subheader(tr("tiers.overrides"))
st.caption(tr("tiers.overrides_help"))
choices = account_choices(table, "ov_account")
tier_options = {n: accounts.tier_label(n, lang()) for n in tiers.tier_names(scheme, k_, "en")}
tier_options[""] = tr("tiers.override_remove")
with st.form("override", clear_on_submit=False):
    f1, f2 = st.columns([3, 2])
    f1.selectbox(tr("tiers.override_account"), list(choices), format_func=choices.get, key="ov_account")
    f2.selectbox(tr("tiers.override_tier"), list(tier_options), format_func=tier_options.get, key=wkey("ov_tier"))
    st.text_input(tr("tiers.override_reason"), key="ov_reason", placeholder=tr("tiers.override_reason_hint"))
    st.caption(tr("tiers.override_author", author=author() or tr("tiers.anonymous")))
    st.form_submit_button(tr("tiers.override_save"), on_click=_save_override, type="primary")

saved = analysis.tier_overrides(cursor())
saved = saved[saved["tier"] != ""]
if saved.empty:
    st.caption(tr("tiers.no_overrides"))
else:
    shown = accounts.overrides_as_now(saved, tiers.tier_names(scheme, k_, "en"), lang()).merge(
        table[["account_id", "name", "computed_tier"]], on="account_id", how="left")
    cols = ["account_id", "name", "tier", *(["saved_tier"] if shown["saved_tier"].ne("").any() else []),
            "computed_tier", "reason", "author", "saved_at"]
    st.dataframe(shown[cols], hide_index=True, width="stretch", key="overrides", column_config=column_config(cols),
                 placeholder=MISSING)
