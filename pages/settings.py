"""Settings: the rules that are data (segments, ABC cuts, tiers, status, coverage, relationship,
import and display), each section editable with Save and Reset to defaults; the saved
header-mapping profiles, which may be deleted."""
import streamlit as st

from kamp import accounts, i18n, rulebook, schema, store, tiers
from pages import _rule_editors as section
from pages._lists import table
from pages._language import shown_as, wkey
from pages._ui import cursor, lang, tr

GROUPS = {  # tab → the settings it edits
    "segments": ["rfm_segments"],
    "abc": ["abc_cuts"],
    "tiers": ["tier_scheme", "tier_k", "tier_features", "tier_seed"],
    "status": ["status_rules"],
    "coverage": ["coverage_models", "rep_hours_per_year", "goal_rules"],
    "relationship": ["relationship_rules", "relationship_thresholds", "strategy_cuts"],
    "data": ["non_product_codes", "memory_limit", "dso_period_days"],
    "display": ["money_units", "show_welcome"],
    "profiles": [],
}

st.title(tr("settings.title"))
st.caption(tr("settings.intro"))
changed = rulebook.customised(cursor())
if changed:
    st.info(tr("settings.customised", names=", ".join(section.label(n) for n in changed)), icon=":material/tune:")
else:
    st.caption(tr("settings.all_default"))
tabs = dict(zip(GROUPS, st.tabs([tr(f"settings.tab.{g}") for g in GROUPS])))  # same labels: the tab stays open

with tabs["segments"]:
    section.segments()

with tabs["abc"]:
    section.explain("abc_cuts")
    a, b = section.stored("abc_cuts")["abc_cuts"]
    c = st.columns([1, 1, 2])
    cut_a = c[0].number_input(tr("settings.abc_a"), value=round(a * 100, 2), step=1.0, format="%.1f",
                              key=section.key("abc.", "a"))
    cut_b = c[1].number_input(tr("settings.abc_b"), value=round(b * 100, 2), step=1.0, format="%.1f",
                              key=section.key("abc.", "b"))
    section.actions("abc.", {"abc_cuts": [round(cut_a / 100, 6), round(cut_b / 100, 6)]})

with tabs["tiers"]:
    section.explain(*GROUPS["tiers"])
    now = section.stored(*GROUPS["tiers"])
    schemes = {s: tr(f"tiers.scheme.{s}") for s in tiers.SCHEMES}
    ks = {0: tr("tiers.k_auto")} | {k: str(k) for k in range(2, rulebook.MAX_TIERS + 1)}
    features = {f: tr(f"col.{f}") for f in accounts.TIER_FEATURES}
    c = st.columns([2, 2, 1])
    scheme = c[0].selectbox(tr("tiers.scheme"), list(schemes), index=list(schemes).index(now["tier_scheme"]),
                            format_func=schemes.get, key=section.key("tier.", "scheme"))
    k = c[1].selectbox(tr("tiers.k"), list(ks), index=list(ks).index(now["tier_k"] or 0), format_func=ks.get,
                       key=section.key("tier.", "k"))
    seed = c[2].number_input(tr("settings.name.tier_seed"), 0, tiers.MAX_SEED, int(now["tier_seed"]), step=1,
                             key=section.key("tier.", "seed"))
    chosen = st.multiselect(tr("tiers.features"), list(features), [f for f in now["tier_features"] if f in features],
                            format_func=shown_as(features), key=section.key("tier.", "features"), placeholder=tr("ui.choose"))
    names = tiers.tier_names(scheme, k or len(tiers.SCHEMES[scheme]), lang())
    st.caption(tr("settings.tier_preview", names=" › ".join(names)))
    section.actions("tier.", {"tier_scheme": scheme, "tier_k": k or None, "tier_features": chosen, "tier_seed": seed},
                    section.empty_features(chosen, now["tier_features"]))

with tabs["status"]:
    section.explain("status_rules")
    now = section.stored("status_rules")["status_rules"]
    fields = {"dormant_after_cycles": 0.5, "lost_after_cycles": 0.5, "min_cycle_days": 1, "max_cycle_days": 1}
    c = st.columns(4)
    edited = {f: c[i].number_input(tr(f"settings.status.{f}"), value=type(step)(now[f]), step=step,
                                   key=section.key("status.", f))
              for i, (f, step) in enumerate(fields.items())}
    section.actions("status.", {"status_rules": edited})

with tabs["coverage"]:
    section.coverage_goals()

with tabs["relationship"]:
    section.relationship_strategy()

with tabs["data"]:
    section.explain(*GROUPS["data"])
    now = section.stored(*GROUPS["data"])
    codes = st.text_area(section.label("non_product_codes"), ", ".join(now["non_product_codes"]),
                         key=section.key("data.", "codes"))
    c = st.columns([1, 1, 2])
    memory = c[0].text_input(section.label("memory_limit"), now["memory_limit"], key=section.key("data.", "memory"))
    dso = c[1].number_input(section.label("dso_period_days"), value=int(now["dso_period_days"]), step=30,
                            key=section.key("data.", "dso"))
    section.actions("data.", {"non_product_codes": codes.replace("\n", ",").split(","), "memory_limit": memory,
                              "dso_period_days": dso})

with tabs["display"]:
    section.explain(*GROUPS["display"])
    now = section.stored(*GROUPS["display"])
    units = {u: tr(f"settings.units.{u}") for u in rulebook.MONEY_UNITS}
    choice = st.radio(section.label("money_units"), list(units), index=list(units).index(now["money_units"]),
                      format_func=units.get, key=section.key("show.", "units"))
    st.caption(tr("settings.units_example", value=i18n.money(123_456_789, lang(), wan=choice == "wan")))
    welcome = st.checkbox(section.label("show_welcome"), value=bool(now["show_welcome"]),
                          key=section.key("show.", "welcome"))
    section.actions("show.", {"money_units": choice, "show_welcome": welcome})

with tabs["profiles"]:
    st.caption(tr("settings.profiles_intro"))
    profiles = store.mapping_profiles(cursor())
    if profiles.empty:
        st.info(tr("settings.profiles_none"))
    else:
        kinds = {k: tr(f"import.kind.{k}") for k in profiles["kind"].unique()}
        fields = {(k, f.name): i18n.field_label(f, lang()) for k in kinds for f in schema.fields(k)}
        shown = profiles.assign(
            kind=profiles["kind"].map(kinds),  # saved_at to the minute, as every table's (pages._lists)
            mapping=[", ".join(f"{h} → {fields.get((k, f), f)}" for h, f in m.items())
                     for k, m in zip(profiles["kind"], profiles["mapping"])])
        table(shown[["kind", "mapping", "saved_at"]], key="prof.table",
              labels={"mapping": st.column_config.TextColumn(tr("settings.col.mapping"), width="large")})
        choices = {i: f"{kinds[r.kind]} · {', '.join(r.headers)[:80]}" for i, r in profiles.iterrows()}
        c = st.columns([3, 1], vertical_alignment="bottom")
        pick = c[0].selectbox(tr("settings.profile_pick"), list(choices), format_func=choices.get, key=wkey("prof.pick"))
        if c[1].button(tr("settings.profile_delete"), key="prof.delete", icon=":material/delete:", width="stretch"):
            store.delete_mapping(cursor(), profiles.at[pick, "header_key"], profiles.at[pick, "kind"])
            st.session_state.pop(wkey("prof.pick"), None)
            st.toast(tr("settings.profile_deleted"), icon=":material/delete:")
            st.rerun()
