"""Account plan (战略手册): the twelve strategy-playbook worksheets of one account for one
quarter, prefilled from the data; every save a new version, conflicts shown, history compared."""
import datetime as dt

import streamlit as st

from kamp import account_plan, accounts, playbook_prefill, playbooks
from pages import _plan_sheet, _worksheet
from pages._accounts import account_row, account_table, as_of, kept_without_lines
from pages._charts import plot
from pages._file_names import download_name
from pages._lists import MAX_LIST_ROWS, MISSING, account_choices
from pages._plan_list import date_note, key_accounts, plan_quarter, plan_table
from pages._ui import author, author_box, cursor, db_path, lang, query_selectbox, tr, version


@st.cache_data(show_spinner=False, max_entries=32)
def _sources(_con, db: str, data_version: int, account: str, period: str, as_of_, saves: int, _figures: dict,
             language: str):
    return playbook_prefill.sources(_con, account, period, as_of_, figures=_figures,
                                    lines=_lines(_con, db, data_version, account), lang=language)


@st.cache_data(show_spinner=False, max_entries=8)
def _lines(_con, db: str, data_version: int, account: str):
    return playbook_prefill.account_lines(_con, account)


@st.cache_data(show_spinner=False, max_entries=32)
def _sellers(_con, db: str, data_version: int, account: str):
    return playbook_prefill.sellers(_con, account, _lines(_con, db, data_version, account))


st.title(tr("ws.title"))
date_note()
st.caption(tr("ws.intro"))
author_box(tr("ws.your_name_help"))


def _without_lines(asked: str, any_lines: bool) -> bool:
    """Say that account ``asked`` has no order lines now, and that its saved plan, if any, is kept
    for when they are imported again. False, and nothing said, when nothing of it is known."""
    plans = playbooks.history(cursor(), asked)
    known = kept_without_lines(asked, any_lines)
    if not plans.empty:
        if not known:
            st.warning(tr("account.unknown" if any_lines else "ws.no_lines_now", account=asked))
        periods = sorted(plans["period"].unique())
        st.info(tr("ws.plan_kept", account=asked, n=len(plans.groupby(["period", "worksheet"])),
                   periods=", ".join(periods)), icon=":material/inventory_2:")
    return known or not plans.empty


table, meta = account_table(["account_id", "name", "revenue"])  # what the chooser needs
asked = st.query_params.get("account")
if table.empty:
    if not (asked and _without_lines(asked, False)):
        st.info(tr("overview.empty"))
    st.stop()
choices = account_choices(table, "account")
if asked and asked not in choices:
    _without_lines(asked, True)
top, mid, right = st.columns([4, 2, 2], vertical_alignment="bottom")
with top:
    account = query_selectbox(tr("account.search"), choices, "account", format_func=choices.get,
                              placeholder=tr("account.search_hint"))
if account is None:
    st.info(tr("ws.pick"))
    # The accounts a plan is usually opened for: the top tier's, with this quarter's worksheets.
    if meta.get("tier_order"):
        top_tier = accounts.tier_label(meta["tier_order"][0], lang())
        keyed = key_accounts((top_tier,))
        quarter = plan_quarter()
        st.subheader(tr("ws.key_plans", tier=top_tier, period=quarter))
        st.caption(tr("ws.key_plans_help"))
        progress = keyed.progress(playbooks.completeness(cursor(), None, quarter, dt.date.today()), 0, MAX_LIST_ROWS)
        plan_table(progress["listed"], keyed.n, "plan_key_accounts")
        st.page_link("pages/plans.py", label=tr("nav.plans"), icon=":material/checklist:")
    st.stop()
con = cursor()
current = plan_quarter()
saved = playbooks.history(con, account)
periods = sorted(set(saved["period"]) | {current, playbooks.previous_period(current)}, reverse=True)
# the quarter the pages open follows a new analysis date; a quarter chosen here stays while it does not
if st.session_state.get("period.opened") != current or st.session_state.get("period") not in periods:
    st.session_state["period.opened"] = st.session_state["period"] = current
period = mid.selectbox(tr("ws.period"), periods, key="period")
if right.button(tr("ws.from_previous", previous=playbooks.previous_period(period)), key="from_previous",
                help=tr("ws.from_previous_help")):
    copied = playbooks.start_from_previous(con, account, period, author())
    st.toast(tr("ws.copied", n=len(copied)), icon=":material/content_copy:")
    saved = playbooks.history(con, account)

row = account_row(account)  # the account's figures as of the table's date: no need to count them again
src = _sources(con, db_path(), version(), account, period, as_of() or meta["as_of"], len(saved),
               playbook_prefill.figures_of(row), lang())
prefilled = playbook_prefill.values_from(src)
people = sorted(playbook_prefill.contact_names(con, account) | _sellers(con, db_path(), version(), account))
levels = {lv["level"]: f"{lv['level']} · {playbooks.text(lv, 'label', lang())}" for lv in playbooks.pyramid_levels()}
extra = row.drop("account_id").to_dict()
c1, c2, c3 = st.columns([3, 1, 1])
c1.caption(tr("ws.filled", n=int(saved[saved["period"] == period]["worksheet"].nunique()), period=period))
language, day = lang(), as_of()  # the file is built when clicked, outside this run: no session to ask then
c2.download_button(tr("ws.export_html"), lambda: account_plan.to_html(con.cursor(), account, period, language, day,
                                                                     extra=extra),
                   file_name=download_name("plan", account, period, language, ext="html"), mime="text/html", icon=":material/download:",
                   on_click="ignore", key="export_html")
c3.download_button(tr("ws.export_md"), lambda: account_plan.to_markdown(con.cursor(), account, period, language, day,
                                                                       extra=extra),
                   file_name=download_name("plan", account, period, language, ext="md"), mime="text/markdown", icon=":material/download:",
                   on_click="ignore", key="export_md")

sheets = playbooks.worksheets()
newest = playbooks.latest_versions(con, account, period)
# the tabs by their short names (all twelve in a row), each worksheet's full title inside it
for sheet, tab in zip(sheets, st.tabs([f"{s['number']} {playbooks.text(s, 'short', lang())}" for s in sheets])):
    key = f"{account}.{period}.{sheet['key']}"
    base = st.session_state.setdefault(f"base.{key}", newest.get(sheet["key"], 0))
    opened = playbooks.version(con, account, period, sheet["key"], base) if base else None
    values = playbook_prefill.notes_in(sheet["key"], opened["values"] if opened else prefilled[sheet["key"]], lang())
    with tab:
        st.markdown(f"**{sheet['number']} · {playbooks.text(sheet, 'title', lang())}**")
        st.caption(playbooks.text(sheet, "intro", lang()))
        if opened:
            st.caption(tr("ws.version", version=base, author=opened["author"] or tr("tiers.anonymous"),
                          time=f"{opened['saved_at']:%Y-%m-%d %H:%M}"))
        else:
            st.caption(tr("ws.draft"))
        if sheet["key"] == "closing_gap":
            plot(account_plan.gap_figure(src["gap_curve"], lang()), width="stretch", key=f"gap.{key}")
        if sheet["key"] == "short_term_metrics" and values.get("milestones"):
            values = {**values, "milestones": playbooks.milestone_status(values["milestones"], dt.date.today())}
        _plan_sheet.editor(account, period, sheet, values, base, people, levels)
        for message in st.session_state.pop(f"invalid.{key}", []):
            st.error(message)
        conflict = st.session_state.get(f"conflict.{key}")
        if conflict is not None:
            st.warning(tr("ws.conflict", version=conflict.theirs["version"],
                          author=conflict.theirs["author"] or tr("tiers.anonymous"),
                          time=f"{conflict.theirs['saved_at']:%Y-%m-%d %H:%M}"))
            _worksheet.show_changes(playbooks.diff(conflict.theirs["values"], conflict.yours), sheet, lang(),
                                    {k: tr(f"ws.diff.{k}") for k in ("field", "row", "old", "new")})
            b1, b2 = st.columns(2)
            if b1.button(tr("ws.keep_mine"), key=f"mine.{key}"):
                named = playbooks.contacts_named(sheet["key"], values) | playbooks.contacts_named(
                    sheet["key"], conflict.theirs["values"])
                _plan_sheet.save(account, period, sheet, conflict.yours, conflict.theirs["version"], people,
                                 force=True, kept=named)
                st.rerun()
            if b2.button(tr("ws.take_theirs"), key=f"theirs.{key}"):
                st.session_state[f"base.{key}"] = conflict.theirs["version"]
                del st.session_state[f"conflict.{key}"]
                st.rerun()
        mine = saved[(saved["period"] == period) & (saved["worksheet"] == sheet["key"])]
        if len(mine) > 1:
            with st.expander(tr("ws.history", n=len(mine))):
                st.dataframe(mine[["version", "author", "saved_at"]], hide_index=True, width="stretch",
                             placeholder=MISSING)
                versions = sorted(mine["version"])
                v1, v2 = st.columns(2)
                a = v1.selectbox(tr("ws.compare_from"), versions, index=len(versions) - 2, key=f"from.{key}")
                b = v2.selectbox(tr("ws.compare_to"), versions, index=len(versions) - 1, key=f"to.{key}")
                _worksheet.show_changes(
                    playbooks.diff(playbooks.version(con, account, period, sheet["key"], a)["values"],
                                   playbooks.version(con, account, period, sheet["key"], b)["values"]),
                    sheet, lang(), {k: tr(f"ws.diff.{k}") for k in ("field", "row", "old", "new")})
