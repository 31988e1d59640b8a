"""Presentation mode of the quarterly review: one slide per screen, moved with big Previous /
Next buttons; the slide's number is ``?slide=N`` so a link opens it. Nothing here edits."""
import datetime as dt
import json

import streamlit as st

from kamp import kept, meeting, plotly_locale, presentation, review, store
from pages._accounts import account_table, as_of, rules
from pages._ui import cursor, db_path, lang, tr, version

# Full screen for this page only: the sidebar hidden, headings, figures and tables large.
CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"] {display: none !important;}
[data-testid="stMainBlockContainer"] {padding: 1.2rem 2.5rem 1rem 2.5rem; max-width: 100%;}
.st-key-present_bar h1 {font-size: 1.25rem; font-weight: 600; color: #5d6d7e; padding: 0;}
.st-key-present_bar button {min-height: 4rem;}
.st-key-present_bar button p {font-size: 1.7rem; font-weight: 600;}
.st-key-present_pair button {min-height: 2.6rem;}
.st-key-present_pair button p {font-size: 1.05rem; font-weight: 500;}
.st-key-present_counter p {font-size: 2rem; font-weight: 700; color: #1f4e79; margin: 0;}
.st-key-present_slide h2 {font-size: 3rem; line-height: 1.15; padding: 0.2rem 0 0 0;}
.st-key-present_sub p {font-size: 1.55rem; color: #4d5656; margin: 0;}
.st-key-present_slide [data-testid="stMetricLabel"] p {font-size: 1.45rem;}
.st-key-present_slide [data-testid="stMetricValue"] {font-size: 3rem; font-weight: 700;}
.st-key-present_slide [data-testid="stMetricDelta"] {font-size: 1.4rem;}
.st-key-present_slide table {font-size: 1.45rem;}
.st-key-present_slide table th {font-size: 1.35rem;}
.st-key-present_note p, .st-key-present_note_tall p, .st-key-present_note_short p {font-size: 1.6rem;}
@media (min-height: 1080px) {.st-key-present_note_short {display: none !important;}}
@media (max-height: 1079px) {  /* the table rows past MAX_ROWS (kamp.presentation) only on a 1080-pixel screen */
  .st-key-present_slide table tbody tr:nth-child(n+NEXT_ROW) {display: none;}
  .st-key-present_note_tall {display: none !important;}
}
.st-key-present_slide [data-testid="stPageLink"] p {font-size: 1.4rem;}
/* a slide fills the screen below the bar, its chart what the figures above it leave (768 to 1080 pixels tall) */
.st-key-present_slide {flex: 0 0 calc(100vh - 8.5rem) !important; height: calc(100vh - 8.5rem) !important;}
.st-key-present_slide > [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]) {
  flex: 1 1 0 !important; min-height: 18rem;}
@media (max-height: 900px) {  /* a 1280×800 projector: keep the numbers big, spend less on headings */
  [data-testid="stMainBlockContainer"] {padding-top: 0.8rem;}
  .st-key-present_slide {flex: 0 0 calc(100vh - 7rem) !important; height: calc(100vh - 7rem) !important;}
  .st-key-present_bar button {min-height: 3.2rem;}
  .st-key-present_slide h2 {font-size: 2.3rem;}
  .st-key-present_sub p {font-size: 1.3rem;}
  .st-key-present_slide [data-testid="stMetricValue"] {font-size: 2.5rem;}
  .st-key-present_slide [data-testid="stMetricLabel"] p {font-size: 1.25rem;}
  .st-key-present_slide [data-testid="stMetricDelta"] {font-size: 1.15rem;}
  .st-key-present_slide table {font-size: 1.3rem;}
  .st-key-present_slide table td, .st-key-present_slide table th {line-height: 1.35;}  /* eight rows and the note */
  .st-key-present_note p, .st-key-present_note_short p {font-size: 1.3rem;}  /* the note on one line */
}
</style>"""


@st.cache_resource(show_spinner=False, max_entries=4)  # shared, not copied per run: never modified
def _slides(_con, _table, _meta, db: str, data_version: int, state: str, rules_key: str, lang_: str, units: str,
            as_of_, today: dt.date, pair: tuple, chosen):
    # Kept in the database too: a restarted dashboard reads the deck back (a second or two)
    # instead of computing it from the order lines again.
    return kept.kept(_con, f"present.{lang_}",
                     lambda: presentation.slides(_con, _table, _meta, lang_, *pair, today=today, chosen=chosen),
                     state, rules_key, units, str(as_of_), str(today), _meta.get("cache_key"),  # the tiers it shows
                     *(str(x) for x in pair), str(chosen), "at-risk rows fill the screen")  # (a deck kept before is not)


def _pick() -> None:
    """The snapshots chosen in the bar: kept in the address (?a=…&b=…), as the Review page keeps them."""
    for key in ("a", "b"):
        if st.session_state[f"present_{key}"] is not None:  # (none chosen yet of a pair to pick)
            st.query_params[key] = st.session_state[f"present_{key}"]


def _go(to: int) -> None:
    st.query_params["slide"] = str(to)


st.markdown(CSS.replace("NEXT_ROW", str(presentation.MAX_ROWS + 1)), unsafe_allow_html=True)
table, meta = account_table(presentation.TABLE_COLUMNS)
if table.empty:
    st.title(tr("present.title"))
    st.info(tr("overview.empty"))
    st.stop()
con = cursor()
# The snapshots compared: those in the address (from the Review page, or chosen in the bar), else
# the latest taken as of the analysis date or before and the latest of a date before its.
names = review.snapshots(con)["name"].tolist()
asked = {k: st.query_params.get(k) for k in ("a", "b")}
pair = meeting.snapshot_pair(con, *(v if v in names else None for v in asked.values()), meta["as_of"])
if pair[0] == pair[1]:
    pair = meeting.snapshot_pair(con, as_of=meta["as_of"])
with st.spinner(tr("ui.computing")):
    deck = _slides(con, table, meta, db_path(), version(), meeting.state_key(con),
                   json.dumps(rules(), sort_keys=True, default=str), lang(), store.get_setting(con, "money_units"),
                   meta["as_of"], dt.date.today(), pair, as_of())
n = len(deck)
try:
    i = min(max(int(st.query_params.get("slide", 1)), 1), n)
except ValueError:
    i = 1

with st.container(key="present_bar"):
    prev, mid, compare, count, leave, nxt = st.columns([2, 2.6, 2.6, 1.2, 1.6, 2], vertical_alignment="center")
    prev.button(tr("present.prev"), key="prev", type="primary", width="stretch", icon=":material/arrow_back:",
                disabled=i <= 1, on_click=_go, args=(i - 1,))
    with mid:
        st.title(tr("present.title"), anchor=False)
    if len(names) >= 2:
        one_day = None if all(pair) else meeting.one_day(con, meta["as_of"])
        label = f"{pair[0]} → {pair[1]}" if all(pair) else tr(
            "present.no_pair" if one_day is None else "present.no_pair_one_day", date=f"{meta['as_of']:%Y-%m-%d}",
            day=f"{one_day:%Y-%m-%d}" if one_day else None)
        with compare.container(key="present_pair"), st.popover(
                label, icon=":material/compare_arrows:", help=tr("present.compare_help")):
            for key, chosen in zip(("a", "b"), pair):  # none up to the date: two to pick, none offered as chosen
                st.selectbox(tr(f"review.snapshot_{key}"), names, index=names.index(chosen) if all(pair) else None,
                             key=f"present_{key}", on_change=_pick, placeholder=tr("ui.choose"))
    with count.container(key="present_counter"):
        st.markdown(tr("present.counter", i=i, n=n))
    back = {"lang": lang(), **({"a": pair[0], "b": pair[1]} if all(pair) else {}),  # the pair and date shown
            **({"as_of": f"{as_of():%Y-%m-%d}"} if as_of() is not None else {})}
    leave.page_link("pages/review.py", label=tr("present.exit"), icon=":material/close:", query_params=back)
    nxt.button(tr("present.next"), key="next", type="primary", width="stretch", icon=":material/arrow_forward:",
               icon_position="right", disabled=i >= n, on_click=_go, args=(i + 1,))

if all(pair) and names.index(pair[0]) > names.index(pair[1]):  # picked so in the bar or a link: said, as the Review does
    st.info(tr("review.a_after_b"), icon=":material/swap_horiz:")
if (day := meeting.same_day(con, *pair)) is not None:
    st.info(tr("review.same_day", date=f"{day:%Y-%m-%d}"), icon=":material/event:")
slide = deck[i - 1]
with st.container(key="present_slide"):
    st.header(slide["title"], anchor=False)
    if slide["subtitle"]:
        with st.container(key="present_sub"):
            st.markdown(slide["subtitle"])
    if slide["facts"]:
        for col, (label, value, note) in zip(st.columns(presentation.fact_widths(slide["facts"])), slide["facts"]):
            col.metric(label, value, note, delta_color="off", delta_arrow="off")
    if slide["figure"] is not None:
        st.plotly_chart(slide["figure"], width="stretch", height="stretch",  # as tall as the screen leaves it
                        config=plotly_locale.config(lang(), displayModeBar=False, responsive=True), key=f"figure_{i}")
    if slide["rows"] is not None:
        st.table(slide["rows"], hide_index=True)
    if slide["note"] == slide["short_note"]:
        if slide["note"]:
            with st.container(key="present_note"):
                st.markdown(slide["note"])
    else:  # a shorter screen shows fewer rows: its own count of the rows left out
        for key, note in (("present_note_tall", slide["note"]), ("present_note_short", slide["short_note"])):
            if note:
                with st.container(key=key):
                    st.markdown(note)
    if slide["link"] == "plan":
        params = {"lang": lang(), **({"account": slide["account_id"]} if slide["account_id"] else {})}
        st.page_link("pages/plan.py", label=tr("present.open_plan"), icon=":material/menu_book:",
                     query_params=params)
