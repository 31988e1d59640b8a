"""Customers (RFM): the R, F and M scores with their thresholds, the segment map, the segment
rules as an editable table, and the accounts of a segment."""
import json

import streamlit as st

from kamp import accounts, charts_segments, rfm
from pages._accounts import account_table, from_table, non_product_note
from pages._charts import chart, figure
from pages._lists import account_list, table as show_table
from pages._rule_editors import changes, drawn_from, key, reset, rule_editor, save, stored, stored_since
from pages._ui import lang, problem, query_selectbox, segment_names, status_label, tr

LISTED = ["account_id", "name", "segment", "r_score", "f_score", "m_score", "revenue", "orders", "days_since_last",
          "status", "tier"]
COLUMNS = [*LISTED, "fm_score"]  # what this page reads of the account table


def _segments(table, rules_json: str):
    """The segments present, the R × FM grid and the accounts and revenue per segment."""
    rules_ = json.loads(rules_json)
    return list(table["segment"].unique()), rfm.grid(table, rules_), accounts.segment_summary(table, rules_)


st.title(tr("rfm.title"))
st.caption(tr("rfm.intro"))
table, meta = account_table(COLUMNS)
if table.empty:
    st.info(tr("overview.empty"))
    st.stop()
rules = meta["rules"]["rfm_segments"]
segments, grid, per_segment = from_table(_segments, json.dumps(rules), columns=COLUMNS)
names = segment_names([x["segment"] for x in rules] + [rfm.OTHER, *segments], rules)

chart(figure(lambda: charts_segments.rfm_scores(meta["thresholds"], lang()), meta["table_key"]), key="scores", clickable=False)
st.caption(tr("rfm.scores_help", as_of=f"{meta['as_of']:%Y-%m-%d}"))

chart(figure(lambda: charts_segments.segment_grid(grid, names, lang()), meta["table_key"]), key="grid", clickable=False)
st.markdown(f"**{tr('rfm.segments')}**")
show_table(per_segment.assign(segment=per_segment["segment"].map(names)), money_format="compact",
           height=35 * (len(per_segment) + 1) + 3, name="segments")
non_product_note()

st.subheader(tr("rfm.rules"))
st.caption(tr("rfm.rules_help"))
now = stored("rfm_segments")  # the stored rules: a save elsewhere since this page drew them is said, not undone
editor = key("rules_", "editor")
new_rules = rule_editor(drawn_from("rules_", now)["rfm_segments"] or rfm.DEFAULT_SEGMENTS, editor)
problems = [problem(p) for p in rfm.rule_problems(new_rules)] or ([tr("rfm.no_rules")] if not new_rules else [])
if problems:
    st.error(tr("rfm.problems") + "\n" + "\n".join(f"- {p}" for p in problems))
found = changes("rules_", {"rfm_segments": new_rules}, now)
stored_since("rules_", found[1])
b1, b2, _ = st.columns([1, 1, 3])
if b1.button(tr("rfm.save_rules"), type="primary", disabled=bool(problems) or not found[0], key="save_rules"):
    save("rules_", {"rfm_segments": new_rules}, found, now)
b2.button(tr("rfm.reset_rules"), on_click=reset, args=(["rfm_segments"], "rules_"), key="reset_rules",
          disabled=rules == rfm.DEFAULT_SEGMENTS)

st.subheader(tr("rfm.accounts"))
left, right, _ = st.columns([2, 1, 2])
with left:
    segment = query_selectbox(tr("rfm.filter"), per_segment["segment"], "segment", format_func=names.get,
                              placeholder=tr("rfm.all_segments"))
statuses = {x: status_label(x) for x in accounts.STATUSES}  # a dict: format_func must not read the session
with right:  # the overview's active / dormant / lost counts open this list (?status=dormant)
    status = query_selectbox(tr("col.status"), accounts.STATUSES, "status", format_func=statuses.get,
                             placeholder=tr("rfm.all_statuses"))
shown = table
if segment is not None:
    shown = shown[shown["segment"] == segment]
if status is not None:
    shown = shown[shown["status"] == status]
st.caption(tr("rfm.accounts_help", n=len(shown)))
account_list(shown, LISTED, key="accounts", height=420,
             values={"segment": names, "status": statuses})
