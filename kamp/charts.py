"""Plotly figures built from small frames; pages only place them.

Every function takes a frame (columns named in its docstring) and a language, and returns a
``plotly.graph_objects.Figure``; none of them shows anything.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from kamp.i18n import t

PALETTE = {"primary": "#1f4e79", "accent": "#2e86c1", "positive": "#2e7d32", "negative": "#c0392b",
           "muted": "#95a5a6", "gold": "#d4a017"}
FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, Helvetica Neue, Arial, sans-serif"


def _layout(fig: go.Figure, title: str | None = None, height: int = 380) -> go.Figure:
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left", font=dict(size=16)) if title else None,
        height=height, margin=dict(l=10, r=10, t=50 if title else 10, b=10),
        font=dict(family=FONT, size=13), template="plotly_white",
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="right", x=1),
        hoverlabel=dict(font_family=FONT),
    )
    return fig


def monthly_revenue(df: pd.DataFrame, lang: str) -> go.Figure:
    """Bars of sales and returns per month with the net as a line. Columns: month, sales,
    returns, net."""
    fig = go.Figure()
    fig.add_bar(x=df["month"], y=df["sales"], name=t("chart.sales", lang), marker_color=PALETTE["accent"])
    fig.add_bar(x=df["month"], y=df["returns"], name=t("chart.returns", lang), marker_color=PALETTE["negative"])
    fig.add_scatter(x=df["month"], y=df["net"], name=t("chart.net", lang), mode="lines+markers",
                    line=dict(color=PALETTE["primary"], width=2.5))
    fig.update_layout(barmode="relative", hovermode="x unified")
    fig.update_xaxes(title=None, dtick="M3", tickformat="%Y-%m")
    fig.update_yaxes(title=None, tickformat="~s")
    return _layout(fig, t("overview.trend", lang))


def top_accounts(df: pd.DataFrame, lang: str) -> go.Figure:
    """Horizontal bars of the largest accounts' net revenue, the largest on top, labelled with
    their share. Columns: account_id, name, revenue, share."""
    label = [f"{n} · {a}" if isinstance(n, str) and n else str(a) for a, n in zip(df["account_id"], df["name"])]
    fig = go.Figure(go.Bar(
        x=df["revenue"], y=label, orientation="h", marker_color=PALETTE["primary"],
        text=[f"{s:.1%}" if pd.notna(s) else "" for s in df["share"]], textposition="outside",
        customdata=df["account_id"], cliponaxis=False,
        hovertemplate="%{y}<br>" + t("chart.revenue", lang) + ": %{x:,.0f}<extra></extra>"))
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title=None, tickformat="~s", range=[0, float(df["revenue"].max() or 1) * 1.15])
    return _layout(fig, t("overview.top_accounts", lang), height=max(320, 28 * len(df) + 80))
