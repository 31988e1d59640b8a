"""Plotly figures built from small frames; pages only place them.

Every function takes a frame (columns named in its docstring) and a language, and returns a
``plotly.graph_objects.Figure``; none of them shows anything.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kamp.i18n import in_sentence, labelled, money, t, tick_money, wrap

PALETTE = {"primary": "#1f4e79", "accent": "#2e86c1", "positive": "#2e7d32", "negative": "#c0392b",
           "muted": "#95a5a6", "gold": "#d4a017"}
FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, Helvetica Neue, Arial, sans-serif"


MAX_CURVE_POINTS = 2_000  # a curve drawn from more points looks the same and weighs megabytes
MAX_SCATTER_POINTS = 6_000  # per figure: the largest accounts are kept, the rest sampled evenly


def _thin_curve(df: pd.DataFrame, limit: int = MAX_CURVE_POINTS) -> pd.DataFrame:
    """Evenly spaced rows of an ordered curve, always keeping the first and last."""
    if len(df) <= limit:
        return df
    idx = np.unique(np.linspace(0, len(df) - 1, limit).round().astype(int))
    return df.iloc[idx]


def _thin_points(df: pd.DataFrame, limit: int = MAX_SCATTER_POINTS, by: str = "revenue") -> pd.DataFrame:
    """At most ``limit`` points: the largest half by ``by``, the rest an even sample (say so on
    the figure with :func:`_points_note`)."""
    if len(df) <= limit:
        return df
    top = limit // 2
    value = df[by].to_numpy(dtype=float)
    head = np.argpartition(-value, top - 1)[:top]  # positions only: no sort, no copy of the frame
    head = head[np.lexsort((head, -value[head]))]  # the largest first (ties in frame order)
    rest = np.ones(len(df), dtype=bool)
    rest[head] = False
    rest = np.flatnonzero(rest)
    even = np.unique(np.linspace(0, len(rest) - 1, limit - top).round().astype(int))
    return df.iloc[np.concatenate([head, rest[even]])]


def _points_note(fig: go.Figure, shown: int, total: int, lang: str, limit: int = MAX_SCATTER_POINTS) -> go.Figure:
    """Say under the title how many of how many accounts a thinned scatter draws."""
    if shown < total:
        fig.update_layout(title_subtitle=dict(text=t("chart.points_drawn", lang, shown=shown, n=total, top=limit // 2),
                                              font=dict(size=12, color=PALETTE["muted"])),
                          margin_t=80)
    return fig


def _layout(fig: go.Figure, title: str | None = None, height: int = 380) -> go.Figure:
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left", font=dict(size=16)) if title else None,
        height=height, margin=dict(l=10, r=10, t=50 if title else 10, b=10),
        font=dict(family=FONT, size=13), template="plotly_white",
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="right", x=1),
        hoverlabel=dict(font_family=FONT),
    )
    return fig


def money_texts(values, lang: str) -> list[str]:
    """Each figure of ``values`` as the page's money figures read (2.56亿, 256.42M), for a
    tooltip: not Plotly's SI (256.4151M), nor whole yuan beside an axis in 亿."""
    return [money(v, lang) for v in values]


def money_hover(values, lang: str) -> dict:
    """A trace's hover text for money (see :func:`money_texts`)."""
    return dict(customdata=money_texts(values, lang), hovertemplate="%{customdata}")


def every_month(df: pd.DataFrame, until=None) -> pd.DataFrame:
    """``df`` (a row per month with lines: month and figures) with a row of zeros for each month
    between its first and last that has none, and on to the month of ``until`` when given (an
    account silent since shows its silent months): a quiet month shows as nothing sold, not
    skipped by a line drawn straight over it."""
    if not len(df):
        return df
    months = pd.to_datetime(df["month"])
    last = max(months.max(), pd.Timestamp(until).to_period("M").to_timestamp()) if until is not None else months.max()
    every = pd.date_range(months.min(), last, freq="MS", name="month")
    return df.assign(month=months).set_index("month").reindex(every, fill_value=0).reset_index()


def month_ticks(months: int) -> dict:
    """Date-axis ticks for a span of ``months``: each month while a dozen fit, then each quarter,
    half-year or year, so that the labels stay level and readable."""
    step = next(s for limit, s in ((12, 1), (40, 3), (80, 6), (200, 12)) if months <= limit) if months <= 200 else 24
    return dict(dtick=f"M{step}", tickformat="%Y-%m" if step < 12 else "%Y")


def monthly_revenue(df: pd.DataFrame, lang: str, first_day=None, last_day=None) -> go.Figure:
    """Bars of sales and returns per month with the net as a line. Columns: month, sales,
    returns, net; a month without lines between the first and last shows as zero. A first or
    last month the lines do not cover whole (``first_day`` after its 1st, ``last_day`` before its
    end) is drawn paler and says which days it holds, so that a month of nine days does not read
    as a collapse."""
    fig = go.Figure()
    df = every_month(df, last_day)
    months = pd.to_datetime(df["month"])
    partial = {}  # bar position → its note
    if len(df) and first_day is not None and pd.Timestamp(first_day).normalize() > months.iloc[0]:
        partial[0] = t("chart.month_from", lang, day=f"{pd.Timestamp(first_day):%m-%d}")
    if len(df) and last_day is not None and \
            pd.Timestamp(last_day).normalize() < months.iloc[-1] + pd.offsets.MonthEnd(0):
        partial[len(df) - 1] = t("chart.month_to", lang, day=f"{pd.Timestamp(last_day):%m-%d}")
    opacity = [0.45 if i in partial else 1.0 for i in range(len(df))]


    fig.add_bar(x=df["month"], y=df["sales"], name=t("chart.sales", lang), marker_color=PALETTE["accent"],
                marker_opacity=opacity, **money_hover(df["sales"], lang))
    fig.add_bar(x=df["month"], y=df["returns"], name=t("chart.returns", lang), marker_color=PALETTE["negative"],
                marker_opacity=opacity, **money_hover(df["returns"], lang))
    for i, note in partial.items():  # up the pale bar from its foot, clear of the net line that ends at its top
        fig.add_annotation(x=df["month"].iloc[i], y=0, text=note, showarrow=False, textangle=-90,
                           yanchor="bottom", yshift=6, font=dict(size=11, color=PALETTE["primary"]))
    fig.add_scatter(x=df["month"], y=df["net"], name=t("chart.net", lang), mode="lines+markers",
                    line=dict(color=PALETTE["primary"], width=2.5), **money_hover(df["net"], lang))
    fig.update_layout(barmode="relative", hovermode="x unified")
    fig.update_xaxes(title=None, **month_ticks(len(df)))
    low = float(min(df["returns"].min(), df["net"].min(), 0)) if len(df) else 0.0
    high = float(max(df["sales"].max(), df["net"].max(), 1)) if len(df) else 1.0
    span = high - low
    # headroom over the tallest bar (and its "from 10-02" note), which would otherwise touch the top
    fig.update_yaxes(title=None, range=[low - 0.02 * span, high + 0.08 * span], **money_ticks(low, high, lang, 6))
    return _layout(fig, t("overview.trend", lang))


def top_accounts(df: pd.DataFrame, lang: str) -> go.Figure:
    """Horizontal bars of the largest accounts' net revenue, the largest on top, labelled with
    their share. Columns: account_id, name, revenue, share."""
    label = [f"{n} · {a}" if isinstance(n, str) and n else str(a) for a, n in zip(df["account_id"], df["name"])]
    fig = go.Figure(go.Bar(
        x=df["revenue"], y=label, orientation="h", marker_color=PALETTE["primary"],
        text=[f"{s:.1%}" if pd.notna(s) else "" for s in df["share"]], textposition="outside",
        customdata=df["account_id"], cliponaxis=False, hovertext=money_texts(df["revenue"], lang),
        hovertemplate="%{y}<br>" + labelled(t("chart.revenue", lang), "%{hovertext}", lang) + "<extra></extra>"))
    fig.update_yaxes(autorange="reversed", title=None)
    high = float(df["revenue"].max() or 1) if len(df) else 1.0
    fig.update_xaxes(title=None, range=[0, high * 1.15], **money_ticks(0, high, lang, 4))
    return _layout(fig, t("overview.top_accounts", lang), height=max(320, 28 * len(df) + 80))


# ---- portfolio: concentration, RFM, tiers, value × potential, one account ----

# tiers best first: hues far apart, so that neighbouring tiers part in a dense scatter (navy, orange, teal)
TIER_COLORS = ["#1f4e79", "#e67e22", "#16a085", "#95a5a6", "#7d3c98", "#d4a017", "#c0392b", "#566573"]
QUADRANT_COLORS = {"large_high": PALETTE["positive"], "large_low": PALETTE["primary"],
                   "small_high": PALETTE["gold"], "small_low": PALETTE["muted"]}
ABC_COLORS = {"A": PALETTE["primary"], "B": PALETTE["accent"], "C": "#c8d6e5"}


def _pct(x) -> str:
    return "—" if x is None or pd.isna(x) else f"{x:.1%}"


def _account_labels(df: pd.DataFrame) -> list[str]:
    names = df["name"] if "name" in df else [None] * len(df)
    return [f"{n} · {a}" if isinstance(n, str) and n else str(a) for a, n in zip(df["account_id"], names)]


# a share of accounts from 0 to 100 %, with its 100 % tick: the figure leaves room right of the plot for
# that label (Plotly hides one that would run past the figure's edge)
SHARE_AXIS = dict(tickformat=".0%", range=[0, 1], tickvals=[0, 0.2, 0.4, 0.6, 0.8, 1.0])
SHARE_AXIS_ROOM = 28  # px right of the plot: half of "100%" and a little


def pareto(df: pd.DataFrame, lang: str, fraction: float = 0.2, height: int = 380, title: bool = True) -> go.Figure:
    """The Pareto curve: cumulative share of value against the share of accounts (largest
    first), with a marker at the top ``fraction`` (at the whole accounts it counts, as
    ``concentration.top_share`` does: 2 of 6 for 20 %). Columns: account_id, account_share,
    cum_share (as from ``concentration.pareto``); customdata is the account id."""
    curve = _thin_curve(df)
    x = [0.0, *curve["account_share"]]
    y = [0.0, *curve["cum_share"]]
    fig = go.Figure(go.Scatter(
        x=x, y=y, mode="lines", line=dict(color=PALETTE["primary"], width=2.5), fill="tozeroy",
        fillcolor="rgba(31,78,121,0.10)", customdata=["", *curve["account_id"]], name=t("chart.cum_share", lang),
        hovertemplate="%{customdata}<br>" + labelled(t("chart.account_share", lang), "%{x:.1%}", lang) + "<br>"
                      + labelled(t("chart.cum_share", lang), "%{y:.1%}", lang) + "<extra></extra>"))
    if len(df):
        n = len(df)
        k = max(1, int(np.ceil(fraction * n - 1e-9)))  # the accounts the top share counts
        at, share = k / n, float(df["cum_share"].iloc[k - 1])
        fig.add_scatter(x=[at, at, 0], y=[0, share, share], mode="lines", hoverinfo="skip",
                        line=dict(color=PALETTE["negative"], dash="dash", width=1.5), showlegend=False)
        fig.add_annotation(x=at, y=share, text=_pareto_label(k, n, fraction, share, lang),
                           showarrow=True, arrowhead=2, ax=50, ay=35, xanchor="left", bgcolor="white",
                           font=dict(color=PALETTE["negative"]))
    fig.update_xaxes(title=t("chart.account_share", lang), **SHARE_AXIS)
    fig.update_yaxes(title=t("chart.cum_share", lang), tickformat=".0%", range=[0, 1.02])
    fig.update_layout(showlegend=False)
    return _layout(fig, t("chart.pareto", lang) if title else None, height=height).update_layout(
        margin_r=SHARE_AXIS_ROOM)


def _pareto_label(k: int, n: int, fraction: float, share: float, lang: str) -> str:
    """The Pareto marker's label: "Top 20% → 55.1%", or "Top 2 of 6 (33%) → 55.1%" when the
    top ``fraction`` of ``n`` accounts, rounded up to whole ones (``k``), is another percentage."""
    if f"{k / n:.0%}" == f"{fraction:.0%}":
        return t("chart.pareto_marker", lang, top=f"{fraction:.0%}", share=f"{share:.1%}")
    return t("chart.pareto_marker_of", lang, k=k, n=n, top=f"{k / n:.0%}", share=f"{share:.1%}")


def lorenz(df: pd.DataFrame, gini: float | None, lang: str) -> go.Figure:
    """The Lorenz curve (accounts ascending) against the line of equality, Gini in the
    title. Columns: account_share, value_share."""
    fig = go.Figure()
    fig.add_scatter(x=[0, 1], y=[0, 1], mode="lines", name=t("chart.equality", lang),
                    line=dict(color=PALETTE["muted"], dash="dot"), hoverinfo="skip")
    df = _thin_curve(df)
    fig.add_scatter(x=df["account_share"], y=df["value_share"], mode="lines", name=t("chart.lorenz_curve", lang),
                    line=dict(color=PALETTE["accent"], width=2.5), fill="tonexty", fillcolor="rgba(46,134,193,0.12)",
                    hovertemplate=labelled(t("chart.account_share", lang), "%{x:.1%}", lang) + "<br>"
                                  + labelled(t("chart.value_share", lang), "%{y:.1%}", lang) + "<extra></extra>")
    fig.update_xaxes(title=t("chart.account_share_asc", lang), **SHARE_AXIS)
    fig.update_yaxes(title=t("chart.value_share", lang), tickformat=".0%", range=[0, 1.02])
    title = t("chart.lorenz", lang, gini="—" if gini is None else f"{gini:.3f}")
    return _layout(fig, title).update_layout(margin_r=SHARE_AXIS_ROOM)


def stress(df: pd.DataFrame, lang: str) -> go.Figure:
    """What remains if the largest N accounts leave. Columns: lost_accounts, remaining_share and,
    for the hover, account_id (the account lost at that step) when there is one."""
    last = int(df["lost_accounts"].max()) if len(df) else 0
    fig = go.Figure(go.Scatter(
        x=df["lost_accounts"], y=df["remaining_share"], mode="lines+markers+text", fill="tozeroy",
        line=dict(color=PALETTE["accent"], width=2.5), fillcolor="rgba(46,134,193,0.15)",
        marker=dict(size=6, color=PALETTE["primary"]),
        text=[_pct(v) if n in (1, 5, 10, last) else "" for n, v in zip(df["lost_accounts"], df["remaining_share"])],
        textposition=["top left" if n == last else "top right" for n in df["lost_accounts"]],
        textfont=dict(size=12, color=PALETTE["primary"]), cliponaxis=False,
        customdata=df["account_id"].fillna("") if "account_id" in df else None,
        hovertext=_lost_account_lines(df, lang),
        hovertemplate=labelled(t("chart.lost_accounts", lang), "%{x}", lang) + "%{hovertext}<br>"
                      + labelled(t("chart.remaining", lang), "%{y:.1%}", lang) + "<extra></extra>"))
    fig.update_xaxes(title=t("chart.lost_accounts", lang), dtick=1 if len(df) <= 21 else None)
    fig.update_yaxes(title=t("chart.remaining", lang), tickformat=".0%", range=[0, 1.08])
    return _layout(fig, t("chart.stress", lang), height=480)


def _lost_account_lines(df: pd.DataFrame, lang: str) -> list[str]:
    """Per step of :func:`stress`, a line naming the account lost at it; none where no account is
    (the start, nothing lost yet)."""
    ids = df["account_id"] if "account_id" in df else [None] * len(df)
    return ["<br>" + labelled(t('col.account_id', lang), a, lang) if isinstance(a, str) and a else "" for a in ids]


def concentration_trend(df: pd.DataFrame, lang: str, measure: str | None = None, top: float = 0.2) -> go.Figure:
    """Each concentration measure of ``measure`` (an indicator's name, net revenue when None) by
    quarter: the top-``top`` share (left axis, 0–100 %) and the Gini (right axis, 0–1) above, the
    effective number of accounts, the accounts for 80 % and the accounts with a positive value
    below. Columns: quarter, gini, top20_share (the top-``top`` share), effective_accounts,
    accounts_for_80pct, accounts, non_positive_accounts."""
    from plotly.subplots import make_subplots

    share = t("chart.top_share", lang, top=f"{top:.0%}")
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12,
                        specs=[[{"secondary_y": True}], [{}]],
                        subplot_titles=(t("chart.trend_shares", lang, top=f"{top:.0%}"), t("chart.trend_counts", lang)))
    q = pd.to_datetime(df["quarter"])
    label = [f"{d.year % 100:02d}Q{(d.month - 1) // 3 + 1}" for d in q]  # short: a dozen fit side by side
    lines = [("top20_share", share, "%{y:.1%}", PALETTE["negative"], 1, False),
             ("gini", t("conc.gini", lang), "%{y:.3f}", PALETTE["primary"], 1, True),
             ("effective_accounts", t("conc.effective", lang), "%{y:,.1f}", PALETTE["accent"], 2, False),
             ("accounts_for_80pct", t("conc.accounts_for_80", lang), "%{y:,}", PALETTE["positive"], 2, False)]
    for col, name, value, colour, row, right in lines:
        fig.add_scatter(x=label, y=df[col], name=name, mode="lines+markers", line=dict(color=colour),
                        hovertemplate=labelled(name, value, lang) + "<extra></extra>", row=row, col=1,
                        **({"secondary_y": right} if row == 1 else {}))
    buying = t("chart.buying_accounts" if measure is None else "chart.positive_accounts", lang)
    fig.add_scatter(x=label, y=df["accounts"] - df["non_positive_accounts"], name=buying, mode="lines+markers",
                    line=dict(color=PALETTE["muted"], dash="dot"),
                    hovertemplate=labelled(buying, "%{y:,}", lang) + "<extra></extra>", row=2, col=1)
    # a share in % on the left, the Gini (not a percentage) in decimals on the right, each 0 to its top, 1
    fig.update_yaxes(title=dict(text=share, font_color=PALETTE["negative"]), tickformat=".0%",
                     range=[0, 1.02], row=1, col=1, secondary_y=False)
    fig.update_yaxes(title=dict(text=t("conc.gini", lang), font_color=PALETTE["primary"]), tickformat=".1f",
                     range=[0, 1.02], showgrid=False, row=1, col=1, secondary_y=True)
    fig.update_yaxes(rangemode="tozero", row=2, col=1)
    fig.update_annotations(font_size=13, x=0, xanchor="left")
    fig = _layout(fig, t("chart.conc_trend", lang, measure=in_sentence(measure or t("col.revenue", lang), lang)),
                  height=480)
    # level labels; past eight quarters every second, the latest kept (a laptop's half-width column)
    fig.update_xaxes(tickangle=0, row=2, col=1, **({"tickvals": label[::-2][::-1]} if len(label) > 8 else {}))
    fig.update_layout(legend=dict(orientation="h", y=-0.1, yanchor="top", x=0, xanchor="left"), hovermode="x unified")
    return fig


def abc(df: pd.DataFrame, lang: str) -> go.Figure:
    """Two 100 % bars: how the accounts and how the value split into A, B and C. Columns:
    abc_class, account_share, value_share."""
    fig = go.Figure()
    rows = [t("chart.abc_accounts", lang), t("chart.abc_value", lang)]
    for _, r in df.iterrows():
        fig.add_bar(y=rows, x=[r["account_share"], r["value_share"]], orientation="h", name=r["abc_class"],
                    marker_color=ABC_COLORS.get(r["abc_class"]), text=[f"{r['abc_class']} {_pct(v)}" for v in
                                                                       (r["account_share"], r["value_share"])],
                    textposition="inside", insidetextanchor="middle", textangle=0,  # level, or hidden when
                    hovertemplate=labelled(r["abc_class"], "%{x:.1%}", lang)  # too narrow (hover says it)
                    + "<extra></extra>")
    fig.update_layout(barmode="stack", uniformtext=dict(minsize=10, mode="hide"))
    fig.update_xaxes(tickformat=".0%", range=[0, 1])
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, t("chart.abc", lang), height=240)


def _short(v: float, lang: str = "en") -> str:
    """A compact figure for a label: 13.2k, 215.9M, 9.4B; money in Chinese may be in 万/亿
    (:func:`kamp.i18n.tick_money`), with three figures at least: 8.05亿, 6.59亿, 7,946.2万 (one
    decimal would say 8亿 of 804.8M). Counts such as hours keep the default ``lang``."""
    text = tick_money(v, lang, digits=1)
    if text.endswith(("万", "亿")):  # units 10,000 apart, where k/M/B are 1,000 apart: one decimal is too few
        whole = len(f"{abs(v) // (1e8 if text.endswith('亿') else 1e4):.0f}")
        text = tick_money(v, lang, digits=max(1, 3 - whole))
    return text


def money_ticks(low: float, high: float, lang: str, count: int = 6) -> dict:
    """Axis ticks for money, at round steps, labelled like the money figures elsewhere (9.4B,
    250M, or 2.5亿 in Chinese when chosen), not Plotly's SI (9.4G), all in the unit of the largest
    (0.5亿, 1亿, 1.5亿; not 5,000万 beside 1亿)."""
    span = max(high - low, abs(high), 1e-9)
    raw = span / count
    base = 10 ** np.floor(np.log10(raw))
    step = next(m * base for m in (1, 2, 2.5, 5, 10) if m * base >= raw)
    ticks = np.arange(np.floor(low / step) * step, high + step / 2, step)
    top = float(np.abs(ticks).max())  # one unit on the axis, the largest tick's
    return dict(tickvals=[float(v) for v in ticks], ticktext=[tick_money(float(v), lang, of=top) for v in ticks])


def log_ticks(values, lang: str, money: bool = True) -> dict:
    """Ticks for a log axis over ``values`` (the positive ones): each power of ten, with 2× and
    5× between them when the values span under two decades — labelled in full (20, not Plotly's
    bare 2 under 10), money like the money figures elsewhere (10k, 1M, or 1,000万 in Chinese
    when chosen), counts with thousands separators. Empty when no value is positive."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v) & (v > 0)]
    if not len(v):
        return {}
    low, high = np.floor(np.log10(v.min())), np.ceil(np.log10(v.max()))
    powers = 10.0 ** np.arange(low, max(high, low + 1) + 1)
    steps = (1, 2, 5) if np.log10(v.max() / v.min()) < 2 else (1,)
    ticks = [float(p * m) for p in powers for m in steps if v.min() / 1.5 <= p * m <= v.max() * 1.5] or [float(powers[0])]
    text = [tick_money(x, lang) if money else f"{x:,.0f}" if x >= 1 else f"{x:g}" for x in ticks]
    return dict(tickvals=ticks, ticktext=text)


def _empty(fig: go.Figure, text: str, width: int = 60) -> go.Figure:
    """``fig`` without axes, ``text`` in its middle: a chart with nothing to draw says why (in
    lines of ``width`` Latin characters, as :func:`kamp.i18n.wrap` counts them)."""
    text = "<br>".join(wrap(text, width))
    fig.add_annotation(text=text, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=14, color=PALETTE["muted"]))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def account_monthly(df: pd.DataFrame, lang: str, last_day=None) -> go.Figure:
    """One account's sales and returns per month with the net line, up to ``last_day`` (the
    analysis date: a month it cuts short says so). Columns: month, sales, returns, net."""
    fig = monthly_revenue(df, lang, last_day=last_day)
    return _layout(fig, t("account.monthly", lang), height=360)
