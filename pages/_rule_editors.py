"""The settings page's machinery: each section's check, Save and Reset to defaults, and the
three sections edited as tables (RFM segments, coverage models, relationship levels)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from kamp import accounts, coverage, relationship, rfm, rulebook, store
from kamp.problems import Listing
from pages._language import wkey
from pages._ui import cursor, lang, tr
from pages._ui import problem as explain_problem

RULE_COLUMNS = ["segment", "name_zh", "r_min", "r_max", "fm_min", "fm_max"]
LEVEL_KEYS = [k for k, _en, _zh in relationship.LEVELS]


def label(name: str) -> str:
    return tr(f"settings.name.{name}")


def stored(*names: str) -> dict:
    """The stored value (or default) of each setting."""
    return {n: store.get_setting(cursor(), n) for n in names}


def explain(*names: str) -> None:
    """Each setting's name and help text."""
    st.caption("  \n".join(f"**{label(n)}** — {tr(f'settings.help.{n}')}" for n in names))


def key(prefix: str, name: str) -> str:
    """A widget's key in the section ``prefix``: renewed by each save and reset, so the widgets
    are drawn afresh with the stored values (a browser keeps showing an old widget's value)."""
    generation = st.session_state.get(f"{prefix}#", 0)
    widget = wkey(f"{prefix}{name}" + (f"#{generation}" if generation else ""))  # and after a language switch
    if widget not in st.session_state:  # drawn afresh: from the values stored now
        st.session_state[f"{prefix}fresh"] = True
    return widget


def drawn_from(prefix: str, now: dict) -> dict:
    """The values the section ``prefix`` draws its table from: those stored when it was drawn
    afresh, so that an edit stays in the table while another tab saves (a table drawn from other
    values forgets its edits); ``now`` when it is drawn afresh. Call after :func:`key`."""
    ss = st.session_state
    return now if ss.get(f"{prefix}fresh") or f"{prefix}loaded" not in ss else ss[f"{prefix}loaded"]


def changes(prefix: str, new: dict, now: dict) -> tuple[list[str], list[str]]:
    """The settings of ``new`` (setting → edited value) the section ``prefix`` changed since its
    widgets were drawn, and those stored elsewhere since (another tab, another person): ``now``
    holds the stored values, kept as the section's starting point whenever it is drawn afresh."""
    ss = st.session_state
    if ss.pop(f"{prefix}fresh", False) or f"{prefix}loaded" not in ss:
        ss[f"{prefix}loaded"] = now
    loaded = ss[f"{prefix}loaded"]
    return ([n for n in new if not rulebook.same(n, new[n], loaded[n])],
            [n for n in new if not rulebook.same(n, now[n], loaded[n])])


def save(prefix: str, values: dict, changes_: tuple[list[str], list[str]], now: dict) -> None:
    """Store the values (setting → value) the section changed, leaving the others as stored (by
    another tab, maybe); refuse, saying so, when one it changed was stored elsewhere since."""
    mine, theirs = changes_
    clash = [n for n in mine if n in theirs and not rulebook.same(n, values[n], now[n])]
    if clash:
        st.error(tr("settings.save_clash", names=", ".join(label(n) for n in clash)), icon=":material/sync_problem:")
        return
    for name in mine:
        store.set_setting(cursor(), name, values[name])
    _renew(prefix)
    st.toast(tr("settings.saved", names=", ".join(label(n) for n in mine)), icon=":material/check:")
    st.rerun()


def stored_since(prefix: str, theirs: list[str]) -> None:
    """Say which settings were stored elsewhere since the section was drawn, with a button that
    draws it afresh from them."""
    if theirs:
        row = st.container(horizontal=True, vertical_alignment="center", gap="small")
        row.warning(tr("settings.stored_since", names=", ".join(label(n) for n in theirs)), icon=":material/sync:")
        row.button(tr("settings.reload"), key=f"{prefix}reload", on_click=_renew, args=(prefix,),
                   icon=":material/refresh:")


def _renew(prefix: str) -> None:
    st.session_state[f"{prefix}#"] = st.session_state.get(f"{prefix}#", 0) + 1


def reset(names: list[str], prefix: str) -> None:
    """Forget the stored values of ``names``, the section ``prefix`` drawn afresh with the defaults."""
    for name in names:
        store.reset_setting(cursor(), name)
    _renew(prefix)
    st.toast(tr("settings.reset_done", names=", ".join(label(n) for n in names)), icon=":material/restart_alt:")


def empty_features(chosen: list[str], now: list[str]) -> str | None:
    """Warn of tier features ``chosen`` that no account has a value for; when that is every one,
    the refusal to save them. Looked at only when the choice differs from the stored ``now``."""
    from pages._accounts import account_table

    if chosen == now:
        return None
    table, _ = account_table(chosen)
    empty = [c for c in chosen if c in table and len(table) and table[c].isna().all()]
    if not empty:
        return None
    names = Listing(tr(f"col.{c}") for c in empty).text(lang())
    if len(empty) == len(chosen):
        return tr("settings.invalid", rule=label("tier_features"), error=tr("tiers.only_empty_features", columns=names))
    st.warning(tr("tiers.features_empty", columns=names), icon=":material/info:")
    return None


def actions(prefix: str, new: dict, refused: str | None = None) -> None:
    """Check the section's edited values (setting → value): say what is wrong (``refused``: a
    problem the section found itself), or offer Save when they differ from what is stored; Reset
    to defaults forgets the section's stored values."""
    checked, problems = {}, [refused] if refused else []
    for name, value in new.items():
        try:
            checked[name] = rulebook.check(name, value)
        except ValueError as exc:  # what is wrong, without the value as Python writes it (the editor shows it)
            inner = exc.values["problem"] if getattr(exc, "key", None) == "problem.setting" else exc
            problems.append(tr("settings.invalid", rule=label(name), error=explain_problem(inner)))
    now = stored(*new)
    mine, theirs = found = changes(prefix, new, now)
    changed = bool(mine)
    for problem in problems:
        st.error(problem, icon=":material/error:")
    stored_since(prefix, theirs)
    names = ", ".join(label(n) for n in new)
    custom = [n for n in new if not rulebook.same(n, now[n], store.SETTINGS[n][0])]  # stored, not the default
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    if row.button(tr("settings.save"), type="primary", key=f"{prefix}save", disabled=not changed or bool(problems),
                  icon=":material/save:") and not problems:
        save(prefix, checked, found, now)
    row.button(tr("settings.reset"), key=f"{prefix}reset", on_click=reset, args=(list(new), prefix),
               help=tr("settings.reset_help", names=names), icon=":material/restart_alt:",
               disabled=not custom and not changed)  # (an edit not saved: resetting drops it)
    if changed and not problems:
        row.caption(tr("settings.unsaved"))
    elif not changed:
        row.caption(tr("settings.differs", names=", ".join(label(n) for n in custom)) if custom
                    else tr("settings.is_default"))


def rule_editor(rules: list[dict], key_: str) -> list[dict]:
    """The RFM rules as an editable table with the order they are tried in (a smaller number moves a
    rule up); the rules as edited, in that order. Warns of each rule no account can match."""
    shown = pd.DataFrame(rules, columns=RULE_COLUMNS)
    # as floats: Streamlit keeps an edit of a whole-number column whole (5.5 → 5, the rule's place lost)
    shown.insert(0, "order", [float(i) for i in range(1, len(rules) + 1)])
    edited = st.data_editor(
        shown, key=key_, num_rows="dynamic", hide_index=True, placeholder="", width="stretch",
        height=35 * (len(rules) + 2) + 3,
        column_config={
            "order": st.column_config.NumberColumn(tr("col.rule_order"), help=tr("rfm.order_help"), step=0.5,
                                                   format="%g", width=70),
            "segment": st.column_config.TextColumn(tr("col.segment_en"), required=True),
            "name_zh": st.column_config.TextColumn(tr("col.name_zh")),
            **{c: st.column_config.NumberColumn(tr(f"col.{c}"), min_value=1, max_value=5,
                                                step=1 if c.startswith("r_") else 0.5) for c in RULE_COLUMNS[2:]}})
    new = accounts.rules_from_table(edited)
    names = {x["segment"]: rfm.segment_name(x["segment"], lang(), new) for x in new}
    for name, above in rfm.never_matched(new):
        st.warning(tr("rfm.never", name=names[name], above=Listing(names[a] for a in above).text(lang())) if above
                   else tr("rfm.never_empty", name=names[name]), icon=":material/block:")
    return new


def segments() -> None:
    explain("rfm_segments")
    editor = key("seg.", "editor")
    rules = drawn_from("seg.", stored("rfm_segments"))["rfm_segments"] or rfm.DEFAULT_SEGMENTS
    actions("seg.", {"rfm_segments": rule_editor(rules, editor)})


def coverage_goals() -> None:
    explain("coverage_models", "rep_hours_per_year", "goal_rules")
    now = stored("coverage_models", "rep_hours_per_year", "goal_rules")
    models = {m: coverage.model_label(m, lang()) for m in coverage.MODELS}
    edited = st.data_editor(
        pd.DataFrame(now["coverage_models"], columns=["tier_rank", "model", "hours_per_account"]),
        key=key("cov.", "editor"), placeholder="",
        num_rows="dynamic", hide_index=True, width="stretch",
        column_config={"tier_rank": st.column_config.NumberColumn(tr("settings.col.tier_rank"), min_value=1, step=1,
                                                                  format="%d", required=True, width=190),
                       "model": st.column_config.SelectboxColumn(tr("col.model"), options=list(models),
                                                                 format_func=models.get, required=True, width=340),
                       "hours_per_account": st.column_config.NumberColumn(tr("col.hours_per_account"), min_value=0,
                                                                          step=1, format="%d", required=True)})
    goals = {**coverage.DEFAULT_GOALS, **now["goal_rules"]}
    c = st.columns(4, vertical_alignment="bottom")
    hours = c[0].number_input(tr("coverage.rep_hours"), value=int(now["rep_hours_per_year"]), step=50,
                              key=key("cov.", "hours"))
    share_tiers = c[1].number_input(tr("coverage.share_tiers"), value=int(goals["share_tiers"]), step=1,
                                    key=key("cov.", "share_tiers"), help=tr("coverage.share_tiers_help"))
    share = c[2].number_input(tr("coverage.share_target"), value=float(goals["share_target"]) * 100, step=5.0,
                              format="%.0f", key=key("cov.", "share"), help=tr("coverage.share_target_help"))
    growth = c[3].number_input(tr("coverage.growth_target"), value=float(goals["growth_target"]) * 100, step=5.0,
                               format="%.0f", key=key("cov.", "growth"), help=tr("coverage.growth_target_help"))
    actions("cov.", {"coverage_models": edited.to_dict("records"), "rep_hours_per_year": hours,
                     "goal_rules": {"share_tiers": share_tiers, "share_target": round(share / 100, 4),
                                    "growth_target": round(growth / 100, 4)}})


def relationship_strategy() -> None:
    explain("relationship_rules", "relationship_thresholds", "strategy_cuts")
    now = stored("relationship_rules", "relationship_thresholds", "strategy_cuts")
    levels = {k: relationship.label(k, lang()) for k in LEVEL_KEYS}
    grid = relationship.rules_table(now["relationship_rules"])
    grid.insert(0, "row", [tr(f"relationship.count_{c}") for c in grid.index])
    edited = st.data_editor(
        grid, key=key("rel.", "editor"), hide_index=True, placeholder="", width="stretch", disabled=["row"],
        column_config={"row": tr("relationship.accounts_in_tier"),
                       **{m: st.column_config.SelectboxColumn(tr(f"relationship.margin_{m}"), options=LEVEL_KEYS,
                                                              format_func=levels.get, required=True)
                          for m in relationship.MARGIN_LEVELS}})
    th = {**relationship.DEFAULT_THRESHOLDS, **now["relationship_thresholds"]}
    c = st.columns(4, vertical_alignment="bottom")
    few = c[0].number_input(tr("relationship.few_max"), value=int(th["few_max_accounts"]), step=1,
                            key=key("rel.", "few"))
    medium = c[1].number_input(tr("relationship.medium_max"), value=int(th["medium_max_accounts"]), step=10,
                               key=key("rel.", "medium"))
    low = c[2].number_input(tr("relationship.low_margin"), value=float(th["low_margin_pct"]) * 100, step=1.0,
                            format="%.1f", key=key("rel.", "low"))  # 17.5 %, not 18
    high = c[3].number_input(tr("relationship.high_margin"), value=float(th["high_margin_pct"]) * 100, step=1.0,
                             format="%.1f", key=key("rel.", "high"))
    c = st.columns(4, vertical_alignment="bottom")
    cut_low = c[0].number_input(tr("settings.strategy_low"), value=float(now["strategy_cuts"][0]), step=1.0,
                                format="%.0f", key=key("rel.", "cut_low"))
    cut_high = c[1].number_input(tr("settings.strategy_high"), value=float(now["strategy_cuts"][1]), step=1.0,
                                 format="%.0f", key=key("rel.", "cut_high"))
    table = {str(i): {m: edited.loc[i, m] for m in relationship.MARGIN_LEVELS} for i in edited.index}
    actions("rel.", {"relationship_rules": table,
                     "relationship_thresholds": {"few_max_accounts": few, "medium_max_accounts": medium,
                                                 "low_margin_pct": round(low / 100, 4),
                                                 "high_margin_pct": round(high / 100, 4)},
                     "strategy_cuts": [cut_low, cut_high]})
