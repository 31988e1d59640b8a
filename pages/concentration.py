"""Concentration (二八): Pareto, Lorenz and Gini, HHI, effective accounts, ABC classes on any
indicator, the "lose the top N" stress figure and every measure by quarter."""
import streamlit as st

from kamp import accounts, analysis, charts, concentration, i18n, indicators, kept
from pages._accounts import account_table, as_of, as_of_caption, from_table, line_days, non_product_note
from pages._charts import chart, figure
from pages._lists import MONEY_COLUMNS, account_list, table as show_table
from pages._language import wkey
from pages._rule_editors import changes, drawn_from, key, save, stored, stored_since
from pages._ui import cursor, db_path, lang, money, tr, version


TOP_STEPS = range(5, 55, 5)  # the top shares the slider offers, in per cent


@st.cache_data(show_spinner=False)
def _by_quarter(_con, db: str, data_version: int, as_of_, measure: str):  # once per import and measure
    return kept.kept(_con, "concentration_by_quarter",
                     lambda: analysis.concentration_by_quarter(_con, as_of_, measure, shares_at=TOP_STEPS),
                     str(as_of_), measure, list(TOP_STEPS))


def _at(quarterly, top: float):
    """The quarterly measures with the top share of the slider's position."""
    return quarterly.assign(top20_share=quarterly[f"top_share_{round(top * 100)}"])


def _pareto(table, indicator: str, top: float, lang_: str):
    """The Pareto figure (the curve of a million accounts is not kept: only its figure)."""
    return charts.pareto(concentration.pareto(table, indicator), lang_, top)


def _lorenz(table, indicator: str, gini, lang_: str):
    return charts.lorenz(concentration.lorenz(table[indicator]), gini, lang_)


@st.cache_data(show_spinner=False)
def _others(_con, db: str, data_version: int) -> list[str]:
    return indicators.available(_con)


def _values(table, indicator: str, as_of_):
    """Each account's ``indicator`` from a table beside the order lines (read once per table)."""
    return indicators.values(cursor(), indicator, table["account_id"], as_of_)


def _with(table, indicator: str, as_of_, fn, *args):
    """``fn(table, *args)`` with ``indicator``, from a table beside the order lines, added to it."""
    return fn(table.assign(**{indicator: from_table(_values, indicator, as_of_, columns=COLUMNS)}), *args)


def _on(fn, indicator: str, *args):
    """``fn(table, indicator, *args)`` on the account table, computed once per table and choice."""
    if indicator in accounts.INDICATORS:
        return from_table(fn, indicator, *args, columns=COLUMNS)
    return from_table(_with, indicator, meta["as_of"], fn, indicator, *args, columns=COLUMNS)


def _summary(table, indicator: str, top: float, lose: int):
    """The headline measures, the stress figure and the net total of every account (the negative ones too)."""
    return (concentration.summary(table[indicator], top), concentration.stress(table[indicator], lose, table["account_id"]),
            float(table[indicator].sum()))


def _abc(table, indicator: str, cuts: tuple):
    return accounts.abc_summary(table, indicator, list(cuts))


st.title(tr("conc.title"))
COLUMNS = ["account_id", "name", *accounts.INDICATORS]  # what this page reads of the account table
table, meta = account_table(COLUMNS)
if table.empty:
    st.info(tr("overview.empty"))
    st.stop()
as_of_caption(meta)

def _remember(name: str, key: str) -> None:
    """A choice kept in the address (?measure=…&top=…&lose=…): a link opens it, and it outlives a
    language switch, which starts the page's widgets afresh."""
    st.query_params[name] = str(st.session_state[key])


def _asked(name: str, low: int, high: int, default: int) -> int:
    try:
        return min(max(int(st.query_params.get(name, default)), low), high)
    except ValueError:
        return default


c1, c2, c3 = st.columns([2, 2, 1])
# the indicators the data holds (no margin without a cost on some line), and those of the other tables held
offered = [*from_table(accounts.held_indicators, columns=COLUMNS), *_others(cursor(), db_path(), version())]
labels = {c: tr(f"col.{c}") for c in offered}  # a dict: format_func must not read the session
measure = st.query_params.get("measure")
if measure and measure not in offered:  # a link to a measure this data lacks: net revenue, said
    st.info(tr("conc.measure_missing", measure=i18n.in_sentence(tr(f"col.{measure}"), lang())
                                         if f"col.{measure}" in i18n.TEXTS else measure))
indicator = c1.selectbox(tr("conc.indicator"), offered, key=wkey("indicator"), format_func=labels.get,
                         index=offered.index(measure) if measure in offered else 0,
                         help=tr("conc.indicator_help"), on_change=_remember, args=("measure", wkey("indicator")))
top = c2.slider(tr("conc.top_pct"), TOP_STEPS[0], TOP_STEPS[-1], _asked("top", 5, 50, 20) // 5 * 5,
                step=TOP_STEPS.step, format="%d%%", key=wkey("top"),
                on_change=_remember, args=("top", wkey("top"))) / 100
lose = c3.number_input(tr("conc.lose_n"), 1, 100, _asked("lose", 1, 100, 20), key=wkey("lose"),
                       on_change=_remember, args=("lose", wkey("lose")))
s, stress, net = _on(_summary, indicator, top, int(lose))
said = i18n.in_sentence(labels[indicator], lang())  # the measure's name within a sentence: net revenue

# every figure but the quarterly trend is of the whole period up to the analysis date (the Review's: 12 months)
if meta.get("as_of") is not None and (first := line_days()[0]) is not None:
    st.caption(tr("conc.period", first=f"{first:%Y-%m-%d}", as_of=f"{meta['as_of']:%Y-%m-%d}"))
m = st.columns(6)
m[0].metric(tr("conc.top_share", top=f"{top:.0%}"), "—" if s["top20_share"] is None else f"{s['top20_share']:.1%}",
            help=tr("conc.top_share_help"))
m[1].metric(tr("conc.accounts_for_80"), f"{s['accounts_for_80pct'] or 0:,}", help=tr("overview.accounts_for_80_help"))
m[2].metric(tr("conc.gini"), "—" if s["gini"] is None else f"{s['gini']:.3f}", help=tr("conc.gini_help"))
m[3].metric(tr("conc.hhi"), "—" if s["hhi"] is None else f"{s['hhi']:,.0f}", help=tr("conc.hhi_help"))
m[4].metric(tr("conc.effective"), "—" if s["effective_accounts"] is None else f"{s['effective_accounts']:,.1f}",
            help=tr("conc.effective_help"))
m[5].metric(tr("conc.non_positive"), f"{s['non_positive_accounts']:,}", help=tr("conc.non_positive_help"))
st.caption(tr("conc.non_positive_note", n=s["non_positive_accounts"], accounts=s["accounts"],
              indicator=said))
non_product_note()

shown = (meta["table_key"], indicator)  # what the figures show; figure() adds the language and units
left, right = st.columns(2)
with left:
    chart(_on(_pareto, indicator, top, lang()), key="pareto")
with right:
    chart(_on(_lorenz, indicator, s["gini"], lang()), key="lorenz", clickable=False)

st.subheader(tr("conc.abc"))
st.caption(tr("conc.abc_help", indicator=said))
now = stored("abc_cuts")  # as Settings: a cut left alone is kept as stored, one saved elsewhere since is said
keys, drawn = [key("conc_abc.", "a"), key("conc_abc.", "b")], drawn_from("conc_abc.", now)["abc_cuts"]
left, right = st.columns([1, 2])
with left.form("abc_cuts"):
    a = st.number_input(tr("conc.cut_a"), 0.1, 99.9, round(drawn[0] * 100, 2), step=1.0, format="%.1f", key=keys[0])
    b = st.number_input(tr("conc.cut_b"), 0.2, 100.0, round(drawn[1] * 100, 2), step=1.0, format="%.1f", key=keys[1])
    submitted = st.form_submit_button(tr("conc.save_cuts"))
new = [x if v == round(x * 100, 2) else round(v / 100, 6) for v, x in zip((a, b), drawn)]
found = changes("conc_abc.", {"abc_cuts": new}, now)
with left:
    stored_since("conc_abc.", found[1])
    if submitted and not a < b:
        st.error(tr("conc.cuts_invalid"))
    elif submitted and found[0]:
        save("conc_abc.", {"abc_cuts": new}, found, now)
cuts = now["abc_cuts"]
with right:
    abc = _on(_abc, indicator, tuple(cuts))
    chart(figure(lambda: charts.abc(abc, lang()), *shown, tuple(cuts)), key="abc", clickable=False)
    # the value column named as the indicator: money in the page's units (亿 on a Chinese page), counts as counts
    show_table(abc.rename(columns={"value": indicator}), money_format="compact", name="abc_classes")

left, right = st.columns(2)
with left:
    chart(figure(lambda: charts.stress(stress, lang()), *shown, int(lose)), key="stress", clickable=False)
    # as many as there are to lose (five accounts with positive revenue: 1 … 5, not 1 … 20)
    counted = indicator not in MONEY_COLUMNS  # not money: 45,370 orders
    # the total is the Pareto's: of the accounts above zero, said beside the net one when some are not
    totals = [f"{v:,.0f}" if counted else money(v) for v in (s["total"], net)]
    if totals[0] == totals[1] and s["total"] != net:  # 9.44B and 9.44B: in full, so the two differ
        totals = [f"{v:,.2f}" for v in (s["total"], net)]
    st.caption(tr("conc.stress_help_positive" if s["non_positive_accounts"] else "conc.stress_help",
                  n=int(stress["lost_accounts"].max()), k=s["non_positive_accounts"], indicator=said,
                  total=totals[0], net=totals[1]))
with right:
    trend = indicator if indicator in analysis.TREND_MEASURES else "revenue"  # what a quarter's lines give
    quarterly = _at(_by_quarter(cursor(), db_path(), version(), as_of(), trend), top)
    chart(figure(lambda: charts.concentration_trend(quarterly, lang(), labels[trend] if trend != "revenue" else None,
                                                    top), db_path(), version(), str(as_of()), trend, top),
          key="trend", clickable=False)
    st.caption(tr("conc.trend_help", measure=said) if trend == indicator else tr("conc.trend_revenue_only"))
st.caption(tr("conc.stress_list"))

# who the stress figure loses, full width (its columns fit): each account's share of the total, and what
# remains once it and those above it are lost
lost = stress.iloc[1:][["account_id", "value", "remaining_share"]].rename(columns={"value": indicator}).merge(
    table[["account_id", "name"]], on="account_id", how="left").assign(
    share=lambda d: d[indicator] / s["total"] if s["total"] else None)
account_list(lost, ["account_id", "name", indicator, "share", "remaining_share"], key="stress_accounts",
             height=min(35 * (len(lost) + 1) + 3, 390), labels={"remaining_share": st.column_config.NumberColumn(
                 tr("col.remaining_share"), help=tr("col.remaining_share_help"), format="%.1f%%")})
