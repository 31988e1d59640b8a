"""Plotly figures for choosing key accounts: scorecard totals, weight sensitivity and the
attractiveness × strength strategy matrix.

Like :mod:`kamp.charts`, every function takes a small frame (columns in its docstring) and a
language and returns a figure; an account's id rides in ``customdata`` so a click opens it.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from kamp.charts import PALETTE, _layout, _points_note, _thin_points
from kamp.i18n import counted, labelled, t

MAX_BARS = 40  # a bar chart of more entities is unreadable; the table below it has them all

STRATEGY_COLORS = {"invest_growth": "#1e8449", "invest_selectively": "#52be80", "maintain": "#2e86c1",
                   "manage_for_cash": "#d68910", "withdraw": "#c0392b"}


def scorecard_totals(df: pd.DataFrame, cut: float, lang: str) -> go.Figure:
    """Horizontal bars of the best-ranked entities' totals, ★ in gold, with the ★ cut as a
    line. Columns: entity, label, total, rank, selected; customdata is the entity."""
    d = df.dropna(subset=["total"]).sort_values(["rank", "label"]).head(MAX_BARS).iloc[::-1]
    fig = go.Figure()
    fig.add_bar(x=d["total"], y=d["label"], orientation="h", customdata=d["entity"],
                marker_color=[PALETTE["gold"] if s else PALETTE["muted"] for s in d["selected"]],
                text=["★" if s else "" for s in d["selected"]], textposition="outside",
                hovertemplate="%{y}<br>" + labelled(t("chart.total", lang), "%{x:,.4g}", lang) + "<extra></extra>")
    fig.add_vline(x=cut, line=dict(color=PALETTE["negative"], dash="dash", width=1.5),
                  annotation_text=t("chart.star_cut", lang, cut=f"{cut:,.4g}"), annotation_position="top")
    fig.update_xaxes(title=t("chart.total", lang))
    fig.update_yaxes(automargin=True)
    title = t("chart.scorecard_totals", lang, n=min(len(df.dropna(subset=["total"])), MAX_BARS))
    return _layout(fig, title, height=max(320, 24 * len(d) + 110))


def rank_ranges(df: pd.DataFrame, lang: str) -> go.Figure:
    """Per entity the range of ranks over the weight draws (a bar from best to worst rank) and
    its rank with the weights as set (a dot), coloured by the chance of keeping ★. Columns:
    entity, label, base_rank, min_rank, max_rank, p_selected; customdata is the entity."""
    d = df.sort_values(["base_rank", "label"]).head(MAX_BARS).iloc[::-1]
    fig = go.Figure()
    fig.add_bar(x=d["max_rank"] - d["min_rank"] + 0.6, base=d["min_rank"] - 0.3, y=d["label"], orientation="h",
                customdata=d["entity"], name=t("chart.rank_range", lang),
                marker=dict(color=d["p_selected"], colorscale=[[0, "#d5d8dc"], [0.5, "#f5cba7"], [1, PALETTE["gold"]]],
                            cmin=0, cmax=1, colorbar=dict(title=t("chart.p_selected", lang), tickformat=".0%")),
                text=[f"{p:.0%}" for p in d["p_selected"]], textposition="outside",
                hovertext=[f"{lo}–{hi}" for lo, hi in zip(d["min_rank"], d["max_rank"])],
                hovertemplate="%{y}<br>" + labelled(t("chart.rank_range", lang), "%{hovertext}", lang) + "<br>"
                              + labelled(t("chart.p_selected", lang), "%{text}", lang) + "<extra></extra>")
    fig.add_scatter(x=d["base_rank"], y=d["label"], mode="markers", name=t("chart.base_rank", lang),
                    customdata=d["entity"], marker=dict(color=PALETTE["primary"], size=9, symbol="diamond"),
                    hovertemplate="%{y}<br>" + labelled(t("chart.base_rank", lang), "%{x}", lang) + "<extra></extra>")
    fig.update_xaxes(title=t("chart.rank_axis", lang), autorange="reversed", rangemode="tozero")
    fig.update_yaxes(automargin=True)
    return _layout(fig, t("chart.rank_ranges", lang), height=max(320, 24 * len(d) + 110))


def strategy_matrix(df: pd.DataFrame, lang: str) -> go.Figure:
    """Accounts by our strength (x, 0–100) and their attractiveness (y, 0–100), sized by
    revenue and coloured by strategy, on the 3 × 3 grid. Columns: account_id, name,
    attractiveness, strength, revenue, strategy (a key of :data:`STRATEGY_COLORS`)."""
    d = _thin_points(df)
    size = d["revenue"].clip(lower=0)
    scale = float(size.max()) or 1.0
    fig = go.Figure()
    for key, color in STRATEGY_COLORS.items():
        part, s = d[d["strategy"] == key], size[d["strategy"] == key]
        if part.empty:
            continue
        fig.add_scatter(x=part["strength"], y=part["attractiveness"], mode="markers",
                        name=counted(t(f"strategy.{key}", lang), (df["strategy"] == key).sum(), lang),
                        marker=dict(color=color, size=8 + 32 * (s / scale) ** 0.5, opacity=0.7,
                                    line=dict(width=0.5, color="white")),
                        customdata=part["account_id"], text=[f"{a} · {n}" for a, n in zip(part["account_id"], part["name"])],
                        hovertemplate="%{text}<br>" + labelled(t("chart.strength", lang), "%{x:.0f}", lang) + "<br>"
                                      + labelled(t("chart.attractiveness", lang), "%{y:.0f}", lang) + "<extra></extra>")
    for v in (100 / 3, 200 / 3):
        fig.add_vline(x=v, line=dict(color="#aab7b8", dash="dot", width=1))
        fig.add_hline(y=v, line=dict(color="#aab7b8", dash="dot", width=1))
    fig.update_xaxes(title=t("chart.strength", lang), range=[-3, 103])
    fig.update_yaxes(title=t("chart.attractiveness", lang), range=[-3, 103])
    fig = _layout(fig, t("chart.strategy_matrix", lang), height=520)
    fig.update_layout(legend=dict(orientation="h", y=-0.15, yanchor="top", x=0, xanchor="left"))
    return _points_note(fig, len(d), len(df), lang)
