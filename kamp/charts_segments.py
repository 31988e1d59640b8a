"""Plotly figures of segments and tiers: RFM scores and the segment map, the silhouette
choice of k, the tier pyramid and scatter, and the value × potential quadrants.

As in :mod:`kamp.charts`: a frame (columns named in each docstring) and a language in, a
``plotly.graph_objects.Figure`` out.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from kamp import rfm
from kamp.charts import (PALETTE, QUADRANT_COLORS, TIER_COLORS, _account_labels, _empty, _layout, _pct,
                         _points_note, _short, _thin_points, log_ticks, money_texts)
from kamp.i18n import aside, counted, labelled, t, wrap


def rfm_scores(thresholds: dict, lang: str) -> go.Figure:
    """Accounts per R, F and M score (5 best) with the value range of each score as the bar
    label; a measure the same for every account (one band, the middle score) says so in its
    title, its label and under the figure's. ``thresholds``: letter → frame with score, low,
    high, accounts."""
    from plotly.subplots import make_subplots

    letters = [x for x in ("r", "f", "m") if x in thresholds]
    flat = rfm.flat_measures({x: thresholds[x] for x in letters})
    fig = make_subplots(rows=1, cols=len(letters), horizontal_spacing=0.06,
                        subplot_titles=[t("chart.score_flat" if x in flat else f"chart.score_{x}", lang,
                                          measure=t(f"chart.score_{x}", lang)) for x in letters])
    colors = ["#c8d6e5", "#8fb3d9", PALETTE["accent"], "#2468a0", PALETTE["primary"]]
    for i, x in enumerate(letters, 1):
        th = thresholds[x].sort_values("score")
        fmt = (lambda v: f"{v:,.0f}") if x != "m" else (lambda v: _short(v, lang))
        ranges = ([t("chart.score_all", lang, value=fmt(flat[x]))] if x in flat
                  else [f"{fmt(lo)}–{fmt(hi)}" for lo, hi in zip(th["low"], th["high"])])
        fig.add_bar(x=th["score"].astype(str), y=th["accounts"], row=1, col=i, showlegend=False,
                    marker_color=[colors[(int(s) - 1) % 5] for s in th["score"]], text=ranges,
                    textposition="inside", insidetextanchor="end", textangle=-90, customdata=ranges,
                    hovertemplate=labelled(t("chart.score", lang) + " %{x}", "%{y:,} " + t("chart.accounts_unit", lang),
                                           lang) + "<br>%{customdata}<extra></extra>")
        fig.update_xaxes(title=t(f"chart.score_{x}_axis", lang), row=1, col=i)
    fig.update_yaxes(title=t("chart.accounts", lang), row=1, col=1)
    fig.update_annotations(font_size=13)
    fig = _layout(fig, t("chart.rfm_scores", lang), height=360)
    if flat:  # a measure the same for every account scores no one above another
        names = ("、" if lang == "zh" else ", ").join(t(f"chart.score_{x}", lang) for x in flat)
        fig.update_layout(title_subtitle=dict(text=t("chart.scores_flat", lang, measures=names),
                                              font=dict(size=12, color=PALETTE["muted"])), margin_t=80)
    return fig


def segment_grid(df: pd.DataFrame, names: dict, lang: str) -> go.Figure:
    """The segment map: accounts per R × FM cell, each cell labelled with its segment (a cell
    of no accounts too, muted, with its 0). Columns: r_score, fm_score, accounts, revenue,
    segment; ``names`` maps a segment to the name to show."""
    fm = sorted(df["fm_score"].unique())
    r = sorted(df["r_score"].unique())
    cells = df.set_index(["r_score", "fm_score"])
    z = [[cells["accounts"].get((ri, f), None) for f in fm] for ri in r]
    text = [[_cell_text(names.get(cells["segment"].get((ri, f)), ""), int(cells["accounts"].get((ri, f))))
             if (ri, f) in cells.index else "" for f in fm] for ri in r]
    rev = [[_short(cells["revenue"].get((ri, f), 0), lang) if (ri, f) in cells.index else "" for f in fm] for ri in r]
    most = int(df["accounts"].max()) if len(df) else 1
    fig = go.Figure(go.Heatmap(
        x=[f"{f:g}" for f in fm], y=[str(v) for v in r], z=z, text=text, customdata=rev, texttemplate="%{text}",
        textfont=dict(size=11), colorscale="Blues", xgap=2, ygap=2, zmin=0,
        # whole accounts on the scale, one by one when there are few (not 0.6, 0.8 … of an account)
        colorbar=dict(title=dict(text=t("chart.accounts", lang), side="right"), thickness=12, tickformat=",d",
                      **({"dtick": 1} if most <= 5 else {})),
        hovertemplate="R %{y} · FM %{x}<br>%{text}<br>" + labelled(t("chart.revenue", lang), "%{customdata}", lang)
                      + "<extra></extra>"))
    # no gridline through the cells: the template's would cross an empty one and show in the gaps
    fig.update_xaxes(title=t("chart.fm_axis", lang), type="category", showgrid=False, zeroline=False)
    fig.update_yaxes(title=t("chart.r_axis", lang), type="category", showgrid=False, zeroline=False)
    return _layout(fig, t("chart.segment_map", lang), height=520)


def _cell_text(name: str, accounts: int) -> str:
    """A segment map cell's words: its segment's name wrapped to fit a narrow cell, and its
    count; muted when it holds no account."""
    text = "<br>".join([*wrap(name, 11), f"<b>{accounts}</b>"])
    return text if accounts else f"<span style='color:{PALETTE['muted']}'>{text}</span>"


def silhouettes(scores: dict, chosen: int | None, lang: str) -> go.Figure:
    """Silhouette per k (higher separates better); the chosen k highlighted. No k scored (too
    few accounts): a chart that says so."""
    if not scores:
        return _layout(_empty(go.Figure(), t("chart.silhouettes_none", lang), 44), t("chart.silhouettes", lang),
                       height=320)
    ks = sorted(scores)
    fig = go.Figure(go.Bar(
        x=[str(k) for k in ks], y=[scores[k] for k in ks], text=[f"{scores[k]:.2f}" for k in ks],
        textposition="outside", cliponaxis=False,
        marker_color=[PALETTE["primary"] if k == chosen else "#c8d6e5" for k in ks],
        hovertemplate=labelled("k = %{x}", "%{y:.3f}", lang) + "<extra></extra>"))
    fig.update_xaxes(title="k", type="category")
    fig.update_yaxes(title=t("chart.silhouette", lang), rangemode="tozero")
    return _layout(fig, t("chart.silhouettes", lang), height=320)


def tier_pyramid(df: pd.DataFrame, lang: str) -> go.Figure:
    """Accounts per tier as a pyramid, best tier on top. Columns: tier, accounts,
    revenue_share (rows in tier order, best first)."""
    fig = go.Figure(go.Funnel(
        y=df["tier"], x=df["accounts"], textinfo="value+percent total",
        marker=dict(color=TIER_COLORS[: len(df)]), connector=dict(fillcolor="#eef2f5", line=dict(color="#dfe6e9")),
        customdata=[_pct(v) for v in df["revenue_share"]],
        hovertemplate=labelled("%{y}", "%{x:,} " + t("chart.accounts_unit", lang), lang) + "<br>"
                      + labelled(t("chart.revenue_share", lang), "%{customdata}", lang) + "<extra></extra>"))
    fig.update_yaxes(title=None)
    return _layout(fig, t("chart.tier_pyramid", lang), height=320)


def tier_scatter(df: pd.DataFrame, order: list[str], lang: str) -> go.Figure:
    """Accounts by orders (x) and net revenue (y), both on log scales, coloured by tier;
    accounts with no positive revenue are left out (no log). Columns: account_id, name, tier,
    orders, revenue; customdata is the account id."""
    shown = ["account_id", "tier", "orders", "revenue"] + (["name"] if "name" in df else [])
    drawable = df[shown][(df["revenue"] > 0) & (df["orders"] > 0)]
    d = _thin_points(drawable)
    fig = go.Figure()
    for i, tier in enumerate(order):
        part = d[d["tier"] == tier]
        fig.add_scatter(x=part["orders"], y=part["revenue"], mode="markers", name=tier,
                        marker=dict(color=TIER_COLORS[i % len(TIER_COLORS)], size=7, opacity=0.75),
                        customdata=part["account_id"], text=_account_labels(part),
                        hovertext=money_texts(part["revenue"], lang),
                        hovertemplate="%{text}<br>" + labelled(t("chart.orders", lang), "%{x:,}", lang) + "<br>"
                                      + labelled(t("chart.revenue", lang), "%{hovertext}", lang)
                                      + "<extra>" + tier + "</extra>")
    fig.update_xaxes(type="log", title=t("chart.orders_log", lang), **log_ticks(drawable["orders"], lang, money=False))
    fig.update_yaxes(type="log", title=t("chart.revenue_log", lang), **log_ticks(drawable["revenue"], lang))
    fig = _layout(fig, t("chart.tier_scatter", lang), height=460)
    fig.update_layout(legend=dict(orientation="h", y=-0.2, yanchor="top", x=0, xanchor="left"))
    return _points_note(fig, len(d), len(drawable), lang)


def value_potential(df: pd.DataFrame, lang: str) -> go.Figure:
    """Current value (trailing-12-month revenue, log x) × potential (percentile within its
    basis, y) with the four quadrants of seed 003. Columns: account_id, name, current,
    potential_pct, basis, quadrant; accounts with no positive current value sit at the left edge.
    Accounts whose potential is unknown are not drawn: a line under the title counts them."""
    median = float(df["current"].median())  # the split of every account, as the quadrants have it
    unknown = int(df["potential_pct"].isna().sum())
    if unknown:
        df = df[df["potential_pct"].notna()]
    floor = float(df.loc[df["current"] > 0, "current"].min()) if (df["current"] > 0).any() else 1.0
    counts = df["quadrant"].value_counts()
    d = _thin_points(df, by="current").copy()
    d["x"] = d["current"].where(d["current"] > 0, floor)
    fig = go.Figure()
    current, potential = t("chart.current", lang), t("chart.potential_pct", lang)
    for q in ("large_high", "small_high", "large_low", "small_low"):
        part = d[d["quadrant"] == q]
        fig.add_scatter(x=part["x"], y=part["potential_pct"], mode="markers",
                        name=counted(t(f"quadrant.{q}", lang), counts.get(q, 0), lang),
                        marker=dict(color=QUADRANT_COLORS[q], size=6, opacity=0.7),
                        customdata=part["account_id"], text=_account_labels(part),
                        hovertext=[labelled(current, c, lang) + "<br>"
                                   + labelled(potential, aside(f"{p:.0%}", t(f"chart.basis_{b}", lang), lang), lang)
                                   for c, p, b in zip(money_texts(part["current"], lang), part["potential_pct"],
                                                      part["basis"])],
                        hovertemplate="%{text}<br>%{hovertext}<extra></extra>")
    # a trace, not a shape: shapes on a log axis want log10 coordinates
    fig.add_scatter(x=[max(median, floor)] * 2, y=[-0.02, 1.08], mode="lines", hoverinfo="skip", showlegend=False,
                    line=dict(color="#566573", dash="dash", width=1.5))
    fig.add_hline(y=0.5, line=dict(color="#566573", dash="dash", width=1.5))
    fig.update_xaxes(type="log", title=t("chart.current_axis", lang), **log_ticks(d["x"], lang))
    fig.update_yaxes(title=t("chart.potential_axis", lang), tickformat=".0%", range=[-0.02, 1.08])
    title = t("chart.value_potential", lang)
    if df.empty:  # no account with a known potential: nothing to place
        return _layout(_empty(go.Figure(), t("chart.potential_none", lang), 44), title, height=460)
    if unknown:
        title += "<br><sup>" + t("chart.potential_unknown", lang, n=f"{unknown:,}") + "</sup>"
    fig = _layout(fig, title, height=460)
    fig.update_layout(legend=dict(orientation="h", y=-0.18, yanchor="top", x=0, xanchor="left"),
                      margin=dict(b=10))
    return _points_note(fig, len(d), len(df), lang)
