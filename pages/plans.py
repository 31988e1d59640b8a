"""Plan completeness: which key accounts have which of the twelve strategy worksheets saved for a
quarter, and which milestones are overdue. An account opens its plan (pages/plan.py)."""
import datetime as dt

import pandas as pd
import streamlit as st

from kamp import accounts, charts_people, playbooks
from pages._accounts import account_table
from pages._charts import plot
from pages._lists import MAX_LIST_ROWS, list_download, table
from pages._plan_list import (COLUMNS, date_note, key_accounts, open_plan, plan_column, plan_links, plan_quarter,
                              plan_table)
from pages._language import shown_as, wkey
from pages._ui import cursor, lang, tr

st.title(tr("plans.title"))
date_note()
st.caption(tr("plans.intro"))
accounts_table, meta = account_table(COLUMNS)
if accounts_table.empty:
    st.info(tr("overview.empty"))
    st.stop()

current = plan_quarter()
periods = [current]
for _ in range(4):
    periods.append(playbooks.previous_period(periods[-1]))
order = list(meta.get("tier_order") or [])
tier_names = {n: accounts.tier_label(n, lang()) for n in order}
left, right = st.columns([1, 3])
period = left.selectbox(tr("plans.period"), periods, key="plans_period")
chosen = right.multiselect(tr("plans.tiers"), order, default=order[:1], format_func=shown_as(tier_names), key=wkey("plans_tiers"),
                          placeholder=tr("ui.choose"))
if not chosen:
    st.info(tr("plans.no_tiers"))
    st.stop()
keyed = key_accounts(tuple(tier_names[n] for n in chosen))
if not keyed.n:
    st.info(tr("plans.no_accounts"))
    st.stop()

today = dt.date.today()
progress = keyed.progress(playbooks.completeness(cursor(), None, period, today), charts_people.MAX_HEATMAP_ACCOUNTS,
                          MAX_LIST_ROWS)
n, filled = keyed.n, progress["filled"]
m = st.columns(4)
m[0].metric(tr("plans.accounts"), f"{n:,}")
m[1].metric(tr("plans.full"), f"{progress['full']:,} / {n:,}",
            tr("plans.started", n=progress["started"]), delta_color="off", delta_arrow="off",
            help=tr("plans.full_help"))
m[2].metric(tr("plans.share"), f"{filled / (12 * n):.0%}", f"{filled:,} / {12 * n:,}", delta_color="off",
            delta_arrow="off", help=tr("plans.share_help"))
m[3].metric(tr("plans.overdue", period=period), f"{progress['overdue']:,}",
            help=tr("plans.overdue_help", today=f"{today:%Y-%m-%d}"))

if n > charts_people.MAX_HEATMAP_ACCOUNTS:
    st.caption(tr("plans.capped", shown=charts_people.MAX_HEATMAP_ACCOUNTS, n=n))
event = plot(charts_people.completeness(progress["drawn"], period, lang()), width="stretch",
                        key="plans_heatmap", on_select="rerun", selection_mode="points")
for point in (event.selection.points if event else []):
    custom = point.get("customdata")
    if isinstance(custom, (list, tuple)) and custom and custom[0]:
        open_plan(custom[0])

st.subheader(tr("plans.table"))
plan_table(progress["listed"], n, "plans_table")

st.subheader(tr("plans.milestones"))
late = keyed.of_these(playbooks.overdue_milestones(cursor(), None, period, today))
if late.empty:
    st.caption(tr("plans.no_overdue", period=period))
else:
    late = late.assign(plan=plan_links(late["account_id"]), due=pd.to_datetime(late["due"]))
    columns = ["name", "milestone", "due", "owner", "days_overdue"]
    labels = {"due": st.column_config.DateColumn(tr("plans.col.due"), format="YYYY-MM-DD"),
              **{c: tr(f"plans.col.{c}") for c in ("milestone", "owner", "days_overdue")}}
    with st.container(key="plans_late"):  # a display table has no key of its own to find it by
        table(late[["plan", *columns]], labels={**plan_column(), **labels})
    list_download(late, ["account_id", *columns], "plans_late", labels)
