"""Plotly figures of the profitability and receivables page; pages only place them.

Like :mod:`kamp.charts`: each function takes a frame (columns named in its docstring) and a
language and returns a ``plotly.graph_objects.Figure``; titles, axes, legends and tooltips come
from the i18n table.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kamp.charts import (PALETTE, _account_labels, _layout, _pct, _points_note, _thin_points, money_texts,
                         money_ticks)
from kamp.i18n import aside, counted, labelled, money, t, wrap

# The flag a point is coloured by when it has several: the first in this order.
FLAG_COLORS = {"big_not_best": PALETTE["negative"], "discount_eats_margin": PALETTE["gold"],
               "returns_eat_margin": "#7d3c98"}
CURRENT_COLOR = "#8fb3d9"  # outstanding, not yet due


def waterfall(df: pd.DataFrame, lang: str, title: str | None = None, height: int = 400) -> go.Figure:
    """Gross revenue → discounts → returns → net revenue → cost → gross margin.

    Columns: step, value (deductions negative), measure, share (of gross revenue), as from
    ``profitability.waterfall``. Steps with an unknown value (cost and margin when some line
    has no cost) are left out.
    """
    d = df[df["value"].notna()]
    labels = ["<br>".join(wrap(t(f"chart.profit_step_{s}", lang), 9)) for s in d["step"]]
    # a deduction is said as its own amount (the discount, the cost), not as a negative figure
    own = [abs(v) if m != "total" and v < 0 else v for v, m in zip(d["value"], d["measure"])]
    # each bar labelled as the page's figures above it say the amount (17.66亿, 6.36B), not rounded further
    text = [f"{money(v, lang)}<br>{_pct(abs(s))}" for v, s in zip(own, d["share"])]
    fig = go.Figure(go.Waterfall(
        x=labels, y=d["value"], measure=d["measure"], text=text, textposition="outside", cliponaxis=False,
        customdata=[[money(v, lang), _pct(abs(s)), t(f"chart.profit_step_{step}", lang)]
                    for v, s, step in zip(own, d["share"], d["step"])],  # the step's name unwrapped
        increasing=dict(marker=dict(color=PALETTE["accent"])),
        decreasing=dict(marker=dict(color=PALETTE["negative"])),
        totals=dict(marker=dict(color=PALETTE["primary"])),
        connector=dict(line=dict(color="#b2bec3", width=1, dash="dot")),
        hovertemplate=labelled("%{customdata[2]}", "%{customdata[0]}", lang) + "<br>"
                      + labelled(t("chart.profit_of_gross", lang), "%{customdata[1]}", lang) + "<extra></extra>"))
    level, running = [0.0], 0.0  # the running total after each step, for the axis range
    for v, m in zip(d["value"], d["measure"]):
        running = running + v if m == "relative" else v
        level.append(running)
    high, low = max(level) or 1.0, min(level)
    fig.update_yaxes(title=None, range=[low * 1.2, high * 1.18], **money_ticks(low, high, lang))
    fig.update_xaxes(title=None, tickangle=0)
    fig.update_layout(showlegend=False)
    return _layout(fig, title if title is not None else t("chart.profit_waterfall", lang), height=height)


def _rank_ticks(n: int) -> list[int]:
    """1, 2, 5, 10, 20, 50 … up to n: a log axis of ranks labelled in whole numbers."""
    out, base = [], 1
    while base <= n:
        out += [v for v in (base, 2 * base, 5 * base) if v <= n]
        base *= 10
    return out


def _flags(d: pd.DataFrame) -> pd.Series:
    """Each row's first flag of :data:`FLAG_COLORS` that is set (None when none is), for a
    million rows at once."""
    set_ = [d[f].fillna(False).to_numpy(dtype=bool) for f in FLAG_COLORS]
    codes = np.select(set_, list(range(len(FLAG_COLORS))), default=-1) if len(d) else np.array([], dtype=int)
    return pd.Series(pd.Categorical.from_codes(codes, list(FLAG_COLORS)), index=d.index).astype(object) \
        .where(codes >= 0, None)


def rank_scatter(df: pd.DataFrame, lang: str, top_share: float = 0.2, height: int = 540) -> go.Figure:
    """Revenue rank (x) against margin rank (y), both log scales, 1 = best; the diagonal is
    "earns as it sells". The corner of big accounts (top ``top_share`` by revenue) outside the
    best margins is shaded; flagged accounts are coloured, the others grey; points are sized
    by net revenue. Columns: account_id, name, revenue, margin, margin_pct, revenue_rank,
    margin_rank, big_not_best, discount_eats_margin, returns_eat_margin (as from
    ``profitability.rank_comparison``); accounts without a margin rank are left out.
    customdata is the account id."""
    d = df[df["revenue_rank"].notna() & df["margin_rank"].notna()]
    n = max(len(d), 1)
    d = d.assign(flag=_flags(d))
    counts = {f: int(d[f].sum()) for f in FLAG_COLORS}
    counts[None] = int(d["flag"].isna().sum())
    total = len(d)
    d = _thin_points(d)
    size = d["revenue"].astype(float).clip(lower=0)
    size = size.clip(lower=float(size.max() or 1) * 0.002)  # no revenue: the smallest point, not none
    sizeref = 2.0 * float(size.max() or 1) / 34 ** 2
    fig = go.Figure()
    top = max(1, int(np.ceil(top_share * n - 1e-9)))
    # a filled trace, not a shape: shapes on a log axis want log10 coordinates
    fig.add_scatter(x=[0.8, top, top, 0.8, 0.8], y=[top, top, n * 1.25, n * 1.25, top], fill="toself",
                    mode="lines", line=dict(width=0), fillcolor="rgba(192,57,43,0.07)", hoverinfo="skip",
                    showlegend=False)
    fig.add_annotation(x=np.log10(0.9), y=np.log10(n * 1.2), xanchor="left", yanchor="bottom", showarrow=False,
                       text=t("chart.profit_big_zone", lang, top=f"{top_share:.0%}"),
                       font=dict(color=PALETTE["negative"], size=12))
    fig.add_scatter(x=[1, n], y=[1, n], mode="lines", line=dict(color="#566573", dash="dash", width=1.5),
                    name=t("chart.profit_diagonal", lang), hoverinfo="skip")
    names = {"big_not_best": t("chart.profit_flag_big", lang), "discount_eats_margin": t("chart.profit_flag_discount", lang),
             "returns_eat_margin": t("chart.profit_flag_returns", lang), None: t("chart.profit_flag_none", lang)}
    flag_texts = {f: names[f] for f in FLAG_COLORS}
    revenue, margin = t("chart.revenue", lang), t("chart.profit_margin", lang)
    for flag in (None, "returns_eat_margin", "discount_eats_margin", "big_not_best"):  # flagged drawn on top
        part = d[d["flag"].isna()] if flag is None else d[d["flag"] == flag]
        hover = [f"<b>{label}</b><br>" + labelled(revenue, aside(money(rev, lang), f"#{rr:,}", lang), lang) + "<br>"
                 + labelled(margin, aside(f"{money(m, lang)} · {_pct(mp)}", f"#{mr:,}", lang), lang)
                 + "".join(f"<br>⚑ {flag_texts[f]}" for f in FLAG_COLORS if row[f])
                 for label, rev, rr, m, mp, mr, row in zip(
                     _account_labels(part), part["revenue"], part["revenue_rank"], part["margin"], part["margin_pct"],
                     part["margin_rank"], part[list(FLAG_COLORS)].to_dict("records"))]
        fig.add_scatter(
            x=part["revenue_rank"].astype(float), y=part["margin_rank"].astype(float), mode="markers",
            name=counted(names[flag], counts[flag], lang), customdata=part["account_id"], hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            marker=dict(size=size.loc[part.index], sizemode="area", sizeref=sizeref, sizemin=4,
                        color=PALETTE["muted"] if flag is None else FLAG_COLORS[flag],
                        opacity=0.35 if flag is None else 0.85, line=dict(width=0.5, color="white")))
    ticks = [v for v in _rank_ticks(n)]
    fig.update_xaxes(type="log", title=t("chart.profit_revenue_rank", lang), range=[np.log10(0.8), np.log10(n * 1.25)],
                     tickvals=ticks, ticktext=[f"{v:,}" for v in ticks])
    fig.update_yaxes(type="log", title=t("chart.profit_margin_rank", lang), tickvals=ticks,
                     ticktext=[f"{v:,}" for v in ticks], range=[np.log10(n * 1.25), np.log10(0.8)])  # rank 1 on top
    fig = _layout(fig, t("chart.profit_ranks", lang), height=height)
    # the top-right corner (small sellers with the best margins) is empty: the legend goes there
    fig.update_layout(legend=dict(orientation="v", y=0.99, yanchor="top", x=0.99, xanchor="right", itemsizing="constant",
                                  bgcolor="rgba(255,255,255,0.85)", bordercolor="#dfe6e9", borderwidth=1))
    return _points_note(fig, len(d), total, lang)


def receivables_by_tier(df: pd.DataFrame, lang: str) -> go.Figure:
    """Outstanding receivables per tier as horizontal bars split into overdue and not yet due,
    each labelled with its overdue share; best tier on top. Columns: tier, outstanding, overdue,
    overdue_share, accounts_overdue (as from ``profitability.receivables_by_tier``)."""
    tiers = df["tier"].astype(str).tolist()
    current = (df["outstanding"] - df["overdue"]).clip(lower=0)
    fig = go.Figure()
    fig.add_bar(y=tiers, x=df["overdue"], orientation="h", name=t("chart.profit_overdue", lang),
                marker_color=PALETTE["negative"], customdata=df["accounts_overdue"],
                hovertext=money_texts(df["overdue"], lang),
                hovertemplate="%{y}<br>" + labelled(t("chart.profit_overdue", lang), "%{hovertext}", lang) + "<br>"
                              + labelled(t("chart.profit_accounts_overdue", lang), "%{customdata:,}", lang)
                              + "<extra></extra>")
    fig.add_bar(y=tiers, x=current, orientation="h", name=t("chart.profit_not_due", lang), marker_color=CURRENT_COLOR,
                text=[t("chart.profit_overdue_share_label", lang, share=_pct(v)) for v in df["overdue_share"]],
                textposition="outside", constraintext="none", cliponaxis=False, hovertext=money_texts(current, lang),
                hovertemplate="%{y}<br>" + labelled(t("chart.profit_not_due", lang), "%{hovertext}", lang)
                              + "<extra></extra>")
    high = float(df["outstanding"].max()) if len(df) and df["outstanding"].max() > 0 else 1.0
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title=None, type="category", autorange="reversed")
    fig.update_xaxes(title=t("chart.profit_outstanding", lang), range=[0, high * 1.6], **money_ticks(0, high, lang, 4))
    fig = _layout(fig, t("chart.profit_by_tier", lang), height=max(260, 48 * len(df) + 150))
    fig.update_layout(legend=dict(orientation="h", y=-0.3, yanchor="top", x=0, xanchor="left", traceorder="normal"))
    return fig


def _short_label(name, account_id, width: int = 16) -> str:
    if not isinstance(name, str) or not name:
        return str(account_id)
    return f"{name if len(name) <= width else name[: width - 1] + '…'} · {account_id}"


def worst_payers(df: pd.DataFrame, lang: str) -> go.Figure:
    """The worst payers: what each owes (overdue and not yet due) on the left; days sales
    outstanding on the right, labelled with the arrears rate. Rows in the frame's order, the
    first on top. Columns: account_id, name, outstanding, overdue, dso_days, arrears_rate,
    mean_days_late; customdata is the account id."""
    from plotly.subplots import make_subplots

    names = df["name"] if "name" in df else [None] * len(df)
    label = [_short_label(n, a) for n, a in zip(names, df["account_id"])]
    full = _account_labels(df)
    ids = df["account_id"].astype(str).tolist()
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.55, 0.45], horizontal_spacing=0.04,
                        subplot_titles=(t("chart.profit_owed", lang), t("chart.profit_dso_arrears", lang)))
    current = (df["outstanding"] - df["overdue"]).clip(lower=0)
    for values, name, color in ((df["overdue"], t("chart.profit_overdue", lang), PALETTE["negative"]),
                                (current, t("chart.profit_not_due", lang), CURRENT_COLOR)):
        fig.add_bar(y=label, x=values, orientation="h", name=name, marker_color=color, row=1, col=1,
                    customdata=np.column_stack([ids, full, money_texts(values, lang)]),
                    hovertemplate="%{customdata[1]}<br>" + labelled(name, "%{customdata[2]}", lang) + "<extra></extra>")
    dso = df["dso_days"].astype(float)
    arrears = [_pct(r) for r in df["arrears_rate"]]
    fig.add_bar(y=label, x=dso.fillna(0), orientation="h", showlegend=False, marker_color=PALETTE["primary"],
                row=1, col=2, cliponaxis=False, textposition="outside", constraintext="none",
                text=[t("chart.profit_dso_label", lang, days="—" if pd.isna(d) else f"{d:,.0f}", rate=r)
                      for d, r in zip(dso, arrears)],
                customdata=np.column_stack([ids, full, arrears, df["mean_days_late"].astype(float).fillna(0)]),
                hovertemplate="%{customdata[1]}<br>" + labelled(t("chart.profit_dso", lang), "%{x:,.0f}", lang) + "<br>"
                              + labelled(t("chart.profit_arrears_rate", lang), "%{customdata[2]}", lang) + "<br>"
                              + labelled(t("chart.profit_days_late", lang), "%{customdata[3]:,.0f}", lang)
                              + "<extra></extra>")
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed", title=None, row=1, col=1)
    fig.update_xaxes(row=1, col=1, **money_ticks(0, float(df["outstanding"].max() or 1) if len(df) else 1.0, lang, 4))
    fig.update_xaxes(range=[0, float(dso.max() if dso.notna().any() else 1) * 1.6], row=1, col=2)
    fig = _layout(fig, t("chart.profit_worst", lang), height=max(340, 34 * len(df) + 150))
    for a in fig.layout.annotations:  # subplot titles flush left over their panel
        a.update(xanchor="left", x=fig.layout.xaxis.domain[0] if a.text == t("chart.profit_owed", lang)
                 else fig.layout.xaxis2.domain[0], font=dict(size=13))
    fig.update_layout(legend=dict(orientation="h", y=-0.08, yanchor="top", x=0, xanchor="left", traceorder="normal"))
    return fig
