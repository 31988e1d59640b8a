"""Relationship levels (关系层级, seeds 000 and 001): Kotler's level recommended from the number of
accounts and the margin, the rule table as editable data, the key accounts' assessed level and
business pyramid now and targeted, the gaps, and an append-only assessment form with history."""
import json

import numpy as np
import pandas as pd
import streamlit as st

from kamp import accounts, charts_coverage, coverage, relationship
from pages._accounts import account_table, as_of_caption, from_table
from pages._charts import chart, figure
from pages._lists import MAX_LIST_ROWS, account_choices, account_list, table as show_table
from pages._language import wkey
from pages._ui import author, author_box, cursor, lang, reset_settings, save_settings, tr
from pages._ui import problem as explain_problem

LEVEL_KEYS = [k for k, _en, _zh in relationship.LEVELS]
MARGINS = ["high", "medium", "low"]
COLUMNS = ["account_id", "name", "tier", "margin_pct", "revenue"]  # what this page reads of the account table


def _recommended(table, rules: str, thresholds: str, order: tuple) -> dict:
    """Each account's recommended level, their count per tier and per cell of the rule table, and
    where each tier's accounts are, largest first."""
    rec = relationship.recommend(table, json.loads(rules), json.loads(thresholds))
    rec = rec.assign(revenue=table["revenue"].to_numpy())  # the same rows, in the same order
    return {"accounts": rec, "levels": relationship.tier_levels(rec, list(order)),
            "cells": relationship.level_cells(rec), "tiers": relationship.largest_first(rec)}


def _tier_rows(table, rules: str, thresholds: str, order: tuple, tier):
    """The accounts of one tier with their recommendation, largest first (taken when first shown)."""
    rec = from_table(_recommended, rules, thresholds, order, columns=COLUMNS)
    return rec["accounts"].iloc[rec["tiers"].get(tier, [])]


def _level(key, lang_: str = lang()) -> str:  # the language bound now: AppTest calls format_func off-run
    return relationship.label(key, lang_) if isinstance(key, str) else "—"


def _pyramid(n, lang_: str = lang()) -> str:
    return f"{int(n)} · {relationship.label(int(n), lang_)}" if pd.notna(n) else "—"


def _form_defaults(latest: pd.DataFrame, account: str, recommended: str) -> dict:
    """The assessment form's values for ``account``: its latest assessment, else the recommended
    level and pyramid levels 1 → 2."""
    found = latest[latest["account_id"] == account]
    last = found.iloc[0] if len(found) else None

    def level(name, default):
        return int(last[name]) if last is not None and pd.notna(last[name]) else default

    kotler = last["kotler_level"] if last is not None and last["kotler_level"] in LEVEL_KEYS else recommended
    return {wkey("rel_kotler"): kotler if kotler in LEVEL_KEYS else LEVEL_KEYS[0],
            wkey("rel_now"): level("pyramid_now", 1), wkey("rel_target"): level("pyramid_target", 2)}


def _save_assessment():
    ss = st.session_state
    relationship.save_assessment(cursor(), ss["rel_account"], ss.get(wkey("rel_kotler")), ss.get(wkey("rel_now")),
                                 ss.get(wkey("rel_target")), author=author(), note=ss.get("rel_note") or None)
    st.toast(tr("relationship.assessment_saved", account=ss["rel_account"]), icon=":material/check:")
    ss["rel_note"] = ""


st.title(tr("relationship.title"))
st.caption(tr("relationship.intro"))
author_box(tr("tiers.your_name_help"))
table, meta = account_table(COLUMNS)
if table.empty:
    st.info(tr("overview.empty"))
    st.stop()
as_of_caption(meta)
order = from_table(coverage.tiers_in_order, tuple(accounts.tier_label(n, lang()) for n in meta.get("tier_order") or []),
                   columns=COLUMNS)
stored = relationship.rules(cursor())
th = stored["thresholds"]
shown_rules = json.dumps(stored["rules"], sort_keys=True), json.dumps(th, sort_keys=True)
rec = from_table(_recommended, *shown_rules, tuple(order), columns=COLUMNS)  # once per table and rules

st.subheader(tr("relationship.recommended"))
margin_known = bool(table["margin_pct"].notna().any())  # no line with a cost: no level can be recommended
if not margin_known:
    st.info(tr("relationship.no_cost"))
left, right = st.columns([3, 2])
with left:
    chart(figure(lambda: charts_coverage.rel_rules(relationship.rules_table(stored["rules"]),
                                                   rec["cells"] if margin_known else None, th, lang()),
                 meta["table_key"], *shown_rules, margin_known), key="rel_heatmap", clickable=False)
with right:
    st.markdown("\n".join(f"{i}. **{_level(k)}** — {tr(f'relationship.about_{k}')}"
                          for i, k in enumerate(LEVEL_KEYS, 1)))
if margin_known:  # (else every count is 0 but the last, which the note above says)
    levels = rec["levels"].assign(accounts_level=rec["levels"]["accounts_level"].map(
        lambda c: tr(f"relationship.count_{c}")))
    show_table(levels, key="rel_levels", name="relationship_levels", labels={k: st.column_config.NumberColumn(_level(k), format="%,d")
                                                 for k in LEVEL_KEYS})
    st.caption(tr("relationship.recommended_help"))

with st.expander(tr("relationship.edit_rules")):
    st.caption(tr("relationship.rules_help"))
    grid = relationship.rules_table(stored["rules"])
    grid.insert(0, "row", [tr(f"relationship.count_{c}") for c in grid.index])
    edited = st.data_editor(
        grid, key="rel_rules_editor", hide_index=True, placeholder="", width="stretch", disabled=["row"],
        column_config={"row": tr("relationship.accounts_in_tier"),
                       **{m: st.column_config.SelectboxColumn(tr(f"relationship.margin_{m}"), options=LEVEL_KEYS,
                                                              format_func=_level, required=True) for m in MARGINS}})
    # The thresholds as this page drew its inputs: one left alone keeps what is stored now (another
    # tab may have saved it since), so a save changes only those edited here.
    if "rel_low" not in st.session_state:
        st.session_state["rel.drawn"] = dict(th)
    drawn = st.session_state.get("rel.drawn", th)
    if drawn != th:
        st.warning(tr("settings.stored_since", names=tr("settings.name.relationship_thresholds")),
                   icon=":material/sync:")
    shown = relationship.shown_thresholds(drawn)
    c = st.columns(4)
    entered = {
        "few_max_accounts": c[0].number_input(tr("relationship.few_max"), 1, 100_000, shown["few_max_accounts"],
                                              key="rel_few"),
        "medium_max_accounts": c[1].number_input(tr("relationship.medium_max"), 1, 1_000_000,
                                                 shown["medium_max_accounts"], key="rel_medium"),
        **{f"{m}_margin_pct": c[i].number_input(tr(f"relationship.{m}_margin"), 0.0, 100.0, shown[f"{m}_margin_pct"],
                                                step=1.0, format="%.1f", key=f"rel_{m}")
           for i, m in ((2, "low"), (3, "high"))}}
    try:
        new_rules = relationship.rules_from_table(edited.drop(columns="row"))
        new_th = relationship.check_thresholds(relationship.kept_thresholds(entered, drawn, th))
        problem = None
    except ValueError as exc:
        problem = explain_problem(exc)
        st.error(tr("relationship.bad_rules", error=problem))
    same = problem is None and new_rules == relationship.check_rules(stored["rules"]) and new_th == th
    b1, b2, _ = st.columns([1, 1, 3])
    b1.button(tr("relationship.save_rules"), type="primary", disabled=problem is not None or same, key="rel_save_rules",
              on_click=save_settings, args=({} if problem else {"relationship_rules": new_rules,
                                                                 "relationship_thresholds": new_th},
                                                ("rel_rules_editor", "rel_few", "rel_medium", "rel_high", "rel_low"),
                                                tr("relationship.rules_saved")))
    b2.button(tr("relationship.reset_rules"), key="rel_reset_rules", on_click=reset_settings,
              args=(("relationship_rules", "relationship_thresholds"),
                    ("rel_rules_editor", "rel_few", "rel_medium", "rel_high", "rel_low")))

st.subheader(tr("relationship.key_accounts"))
tier = st.columns([1, 2])[0].selectbox(tr("relationship.tier"), order, key="rel_tier",
                                       help=tr("relationship.tier_help"))
tier_rows = from_table(_tier_rows, *shown_rules, tuple(order), tier, columns=COLUMNS)
latest = relationship.assessments(cursor())
# The largest accounts, and every one assessed (a few, though the tier may hold a million).
found = np.flatnonzero(tier_rows["account_id"].isin(latest["account_id"]).to_numpy())
view = relationship.with_assessments(
    tier_rows.iloc[np.union1d(np.arange(min(len(tier_rows), MAX_LIST_ROWS)), found)], latest)
assessed = view.dropna(subset=["saved_at"])
m = st.columns(4)
m[0].metric(tr("relationship.n_accounts"), f"{len(tier_rows):,}")
m[1].metric(tr("relationship.n_assessed"), f"{len(assessed):,}")
m[2].metric(tr("relationship.n_shallow"), f"{int((view['level_gap'] > 0).sum()):,}",
            help=tr("relationship.shallow_help"))
m[3].metric(tr("relationship.n_deep"), f"{int((view['level_gap'] < 0).sum()):,}", help=tr("relationship.deep_help"))
top = view.head(MAX_LIST_ROWS)
shown = top.assign(**{c: top[c].map(_level) for c in ("recommended", "kotler_level")},
                   margin_level=top["margin_level"].map(lambda x: tr(f"relationship.grade_{x}") if isinstance(x, str)
                                                     else "—"))
account_list(shown, ["account_id", "name", "recommended", "kotler_level", "level_gap", "pyramid_now", "pyramid_target",
                     "pyramid_gap", "revenue", "margin_pct", "margin_level", "saved_at"], key="rel_accounts",
             height=420, ranked=len(tier_rows))
st.caption(tr("relationship.gap_help"))
if assessed.empty:
    st.info(tr("relationship.none_assessed"))
else:
    chart(charts_coverage.rel_gap(assessed, lang()), key="rel_gap")
    chart(charts_coverage.rel_pyramid(assessed, lang()), key="rel_pyramid")

st.subheader(tr("relationship.assess"))
choices = account_choices(tier_rows, "rel_account")
account = st.selectbox(tr("relationship.account"), list(choices), format_func=choices.get, key="rel_account")
if account is not None:
    row = tier_rows[tier_rows["account_id"] == account].iloc[0]
    st.caption(tr("relationship.assess_help", level=_level(row["recommended"])))
    if st.session_state.get("rel_form_for") != account:  # a new account: its latest assessment, or the recommendation
        st.session_state.update(_form_defaults(latest, account, row["recommended"]), rel_form_for=account)
    with st.form("rel_assessment"):
        f = st.columns([2, 3, 3])
        f[0].selectbox(tr("relationship.actual_level"), LEVEL_KEYS, format_func=_level, key=wkey("rel_kotler"))
        f[1].selectbox(tr("relationship.pyramid_now"), [1, 2, 3, 4, 5], format_func=_pyramid, key=wkey("rel_now"))
        f[2].selectbox(tr("relationship.pyramid_target"), [1, 2, 3, 4, 5], format_func=_pyramid, key=wkey("rel_target"))
        st.text_area(tr("relationship.note"), key="rel_note", height=80, placeholder=tr("relationship.note_hint"))
        st.caption(tr("tiers.override_author", author=author() or tr("tiers.anonymous")))
        st.form_submit_button(tr("relationship.save_assessment"), type="primary", on_click=_save_assessment)
    history = relationship.history(cursor(), account)
    st.markdown(f"**{tr('relationship.history', account=choices[account])}**")
    if history.empty:
        st.caption(tr("relationship.no_history"))
    else:
        history = history.assign(kotler_level=history["kotler_level"].map(_level),
                                 **{c: history[c].map(_pyramid) for c in ("pyramid_now", "pyramid_target")})
        cols = ["kotler_level", "pyramid_now", "pyramid_target", "note", "author", "saved_at", "pyramid_gap"]
        show_table(history[cols], key="rel_history", name="relationship_history", labels={"author": tr("relationship.assessed_by")})
