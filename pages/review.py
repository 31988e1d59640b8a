"""Quarterly review (季度评审): pick two snapshots A → B and see who moved between tiers and
segments, the concentration trend, plan vs actual of the key accounts, the key accounts at
risk and why accounts leave; take a new snapshot; download the whole review as one HTML file."""
import pandas as pd
import streamlit as st

from kamp import features, meeting, review, review_report, store
from pages import _review_parts as sections
from pages._accounts import as_of
from pages._file_names import about
from pages._language import wkey
from pages._ui import cursor, db_path, lang, money, problem, tr, version


@st.cache_data(show_spinner=False, max_entries=16)
def _content(_con, db: str, data_version: int, a: str, b: str, key_only: bool) -> dict:
    return review_report.content(_con, a, b, key_only=key_only)  # snapshots never change: the names are the key


def _take(con, name: str, existing: list[str], day) -> None:
    name = (name or "").strip()
    if not name:
        st.error(tr("review.take_empty"))
    elif name in existing:
        st.error(tr("review.take_exists", name=name))
    else:
        try:
            review.take_snapshot(con, name, day)
        except ValueError as exc:
            st.error(tr("review.take_failed", message=problem(exc)))
            return
        info = review.snapshot_info(con, name)
        # said after a rerun, which offers the next name free (the box would keep the one just taken)
        st.session_state["review.taken"] = tr("review.take_done", name=name, accounts=info["accounts"],
                                              as_of=info["as_of"])
        st.rerun()


def _follow(key: str) -> None:
    st.query_params[key] = st.session_state[wkey(f"review_{key}")]


st.title(tr("review.title"))
st.caption(tr("review.intro"))
con = cursor()
last = features.default_as_of(con)
snaps = review.snapshots(con)
picker, body = st.container(), st.container()
with st.expander(tr("review.take"), icon=":material/photo_camera:", expanded=snaps.empty):
    if "review.taken" in st.session_state:
        st.success(st.session_state.pop("review.taken"))
        for box in [k for k in st.session_state if str(k).startswith("review_take_name")]:
            del st.session_state[box]
    if last is None:
        st.info(tr("overview.empty"))
    else:
        day, chosen = last, as_of()
        if chosen is not None and chosen != last:  # a quarter of the past frozen too (history imported late)
            said = {chosen: tr("review.take_as_of_chosen", date=f"{chosen:%Y-%m-%d}"),
                    last: tr("review.take_as_of_last", date=f"{last:%Y-%m-%d}")}
            day = st.radio(tr("review.take_as_of"), list(said), horizontal=True, key="review_take_day", format_func=said.get)
        st.caption(tr("review.take_intro", date=day))
        # the quarter of that date, or the first of its names not taken yet (2026Q3-2): a name
        # offered is one that can be saved; the box is emptied once a snapshot is taken
        quarter, taken_names = review.quarter_name(day), set(snaps["name"])
        free = next(n for n in [quarter, *(f"{quarter}-{i}" for i in range(2, 1000))] if n not in taken_names)
        with st.form("review_take", border=False, enter_to_submit=True, clear_on_submit=True):
            name = st.text_input(tr("review.take_name"), value=free, max_chars=40, help=tr("review.take_name_help"),
                                 key=f"review_take_name_{day}_{free}")  # a new box once the name is taken
            taken = st.form_submit_button(tr("review.take_button"), key="review_take_button")
        if taken:
            _take(con, name, list(snaps["name"]), day)

names = list(snaps["name"])
if len(names) < 2:
    picker.info(tr("review.no_snapshots" if not names else "review.need_two"))
    st.stop()

labels = {r.name: tr("review.snapshot_option", name=r.name, as_of=pd.Timestamp(r.as_of).date(), accounts=r.accounts)
          for r in snaps.itertuples()}
col_a, col_b, col_get = picker.columns([2, 2, 1.2], vertical_alignment="bottom")
picked = {}
# by default the pair the slides compare: the latest up to the analysis date and the latest of an
# earlier date before it (of any date, when there are none such)
pair = meeting.snapshot_pair(con, as_of=as_of())
pair = pair if all(pair) else meeting.snapshot_pair(con)
pair = pair if all(pair) else (names[-2], names[-1])
for key, col, default in (("a", col_a, names.index(pair[0])), ("b", col_b, names.index(pair[1]))):
    wanted = st.query_params.get(key)
    picked[key] = col.selectbox(tr(f"review.snapshot_{key}"), names, format_func=labels.get, key=wkey(f"review_{key}"),
                                index=names.index(wanted) if wanted in names else default, on_change=_follow,
                                args=(key,))
a, b = picked["a"], picked["b"]
if a == b:
    picker.warning(tr("review.same_snapshot"))
    st.stop()
order = {n: i for i, n in enumerate(names)}
if order[a] > order[b]:
    picker.info(tr("review.a_after_b"))
if (day := meeting.same_day(con, a, b)) is not None:
    picker.info(tr("review.same_day", date=f"{day:%Y-%m-%d}"), icon=":material/event:")

key_only = bool(st.session_state.get("review_key_only", True))
with st.spinner(tr("ui.computing")):
    c = _content(con, db_path(), version(), a, b, key_only)
language = lang()
wan = store.get_setting(con, "money_units") == "wan"  # the download may be built outside this run
col_get.download_button(
    tr("review.download"), data=lambda: review_report.to_html(con.cursor(), a, b, language, key_only=key_only,
                                                              wan=wan),
    file_name=f"kamp-review-{a}-{b}-{language}.html", mime="text/html", on_click="ignore",
    icon=":material/download:", help=tr("review.download_help"), width="stretch")
col_get.page_link("pages/present.py", label=tr("review.present"), icon=":material/slideshow:",
                  query_params={"lang": language, "a": a, "b": b})  # the slides compare these two

# ---- the headline figures, B against A ----
summary = review_report.summary(c).set_index("measure")
show = {"count": lambda v: f"{v:,.0f}", "money": money, "share": lambda v: f"{v:.1%}", "ratio": lambda v: f"{v:.3f}"}
with picker.container(horizontal=True, gap="small"):
    for measure, r in summary.iterrows():
        delta = None if pd.isna(r["a"]) or pd.isna(r["b"]) else r["b"] - r["a"]
        text = None if delta is None else (tr("review.kpi.pp", delta=f"{delta * 100:+.1f}") if r["kind"] == "share" else
                                           ("+" if delta > 0 else "") + money(delta) if r["kind"] == "money" else
                                           f"{delta:+.3f}" if r["kind"] == "ratio" else f"{delta:+,.0f}")
        st.metric(tr(f"review.kpi.{measure}"), show[r["kind"]](r["b"]), text, width="content",
                  delta_color="inverse" if measure in ("top20_share", "gini", "hhi") else "normal",
                  help=(tr("review.kpi.key_help") + " " if measure == "key" else "") + tr("review.kpi.vs", name=a))

tabs = body.tabs([tr(f"review.tab.{t}") for t in ("migration", "segments", "concentration", "plan", "risks", "why")])
for tab, render in zip(tabs, (sections.migration, sections.segments, sections.concentration, sections.plan,
                              sections.risks, sections.why)):
    with tab, about(f"{a}-{b}"):  # the lists' files are of the two snapshots
        render(c)
