"""Figures of the account workspace: the key-people map and the plan-completeness heatmap.

Same conventions as :mod:`kamp.charts`: each function takes a frame (columns named in its
docstring) and a language and returns a ``plotly.graph_objects.Figure``; where a point or cell
is an account, its customdata is the account id so that a click can open it.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kamp import playbooks, schema
from kamp.charts import PALETTE, _layout
from kamp.i18n import aside, labelled, t, text_width

ROLE_COLORS = {"decision_maker": PALETTE["primary"], "sponsor": PALETTE["positive"],
               "strategic_coach": PALETTE["gold"], "anti_sponsor": PALETTE["negative"],
               "user": "#7f8c8d", "influencer": "#7d3c98", None: "#b2bec3"}
JITTER = (0.24, 0.3)  # contacts on one spot sit on a small ellipse this wide (x, y axis units) around it
MAX_HEATMAP_ACCOUNTS = 40
_EMPTY, _FILLED, _LATE = "#eef2f6", "#2e86c1", PALETTE["negative"]


def _spread(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """x, y and a label position per contact: contacts sharing a spot are spread evenly on a
    small ellipse around it (deterministic), each label on the outer side of its marker."""
    x, y = df["attitude"].to_numpy(float).copy(), df["influence"].to_numpy(float).copy()
    where = ["top center"] * len(df)
    for idx in df.groupby(["attitude", "influence"], sort=False).indices.values():
        if len(idx) < 2:
            continue
        for k, i in enumerate(idx):
            angle = math.pi / 2 + 2 * math.pi * k / len(idx)
            dx, dy = math.cos(angle), math.sin(angle)
            x[i] += JITTER[0] * dx
            y[i] += JITTER[1] * dy
            where[i] = (("top" if dy > 0.3 else "bottom" if dy < -0.3 else "middle") + " "
                        + ("right" if dx > 0.3 else "left" if dx < -0.3 else "center"))
    return x, y, where


def key_people(df: pd.DataFrame, lang: str) -> go.Figure:
    """Contacts on attitude to us (x, −2…+2) × influence (y, 1–5), coloured by buying role,
    named; marker size grows with the year's interactions; equal points spread so none hides.
    Columns: name, title, role, influence, attitude, interactions_12m, last_touch (as from
    :func:`kamp.people.contacts`). Contacts without influence or attitude are listed under the
    plot instead."""
    placed = df.dropna(subset=["influence", "attitude"]).reset_index(drop=True)
    unplaced = df[~df.index.isin(df.dropna(subset=["influence", "attitude"]).index)]
    fig = go.Figure()
    # the supportive and hostile halves, faintly
    fig.add_shape(type="rect", x0=0.25, x1=2.6, y0=0.5, y1=5.6, fillcolor="rgba(46,125,50,0.06)", line_width=0,
                  layer="below")
    fig.add_shape(type="rect", x0=-2.6, x1=-0.25, y0=0.5, y1=5.6, fillcolor="rgba(192,57,43,0.06)", line_width=0,
                  layer="below")
    if len(placed):
        x, y, where = _spread(placed)
        placed = placed.assign(_x=x, _y=y, _where=where)
        n = placed["interactions_12m"].fillna(0).astype(float) if "interactions_12m" in placed else 0
        placed["_size"] = 16 + 3 * np.sqrt(np.minimum(n, 25))
        for role in [*schema.CONTACT_ROLES, None]:
            part = placed[placed["role"].isna()] if role is None else placed[placed["role"] == role]
            if part.empty:
                continue
            touch = pd.to_datetime(part["last_touch"]) if "last_touch" in part else pd.Series(pd.NaT, index=part.index)
            fig.add_scatter(
                x=part["_x"], y=part["_y"], mode="markers+text", name=t(f"role.{role or 'none'}", lang),
                text=part["name"], textposition=list(part["_where"]), textfont=dict(size=12),
                marker=dict(color=ROLE_COLORS.get(role, ROLE_COLORS[None]), size=part["_size"], opacity=0.9,
                            line=dict(color="white", width=1.5)),
                customdata=np.column_stack([
                    part["title"].fillna("—").astype(str), part["influence"].astype(int), part["attitude"].astype(int),
                    part.get("interactions_12m", pd.Series(0, index=part.index)).fillna(0).astype(int),
                    [f"{d:%Y-%m-%d}" if pd.notna(d) else "—" for d in touch]]),
                hovertemplate="<b>%{text}</b> · %{customdata[0]}<br>" + t(f"role.{role or 'none'}", lang)
                              + "<br>" + labelled(t("chart.people_influence", lang), "%{customdata[1]}", lang) + " · "
                              + labelled(t("chart.people_attitude", lang), "%{customdata[2]:+d}", lang) + "<br>"
                              + labelled(t("chart.people_interactions", lang), "%{customdata[3]}", lang) + " · "
                              + labelled(t("chart.people_last_touch", lang), "%{customdata[4]}", lang)
                              + "<extra></extra>")
    else:
        fig.add_annotation(text=t("chart.people_none", lang), x=0, y=3, showarrow=False,
                           font=dict(size=14, color=PALETTE["muted"]))
    fig.add_vline(x=0, line=dict(color="#b2bec3", dash="dot", width=1))
    fig.update_xaxes(title=t("chart.people_attitude", lang), range=[-2.6, 2.6], zeroline=False,
                     tickvals=[-2, -1, 0, 1, 2],
                     ticktext=[t("chart.people_against", lang), "−1", t("chart.people_neutral", lang), "+1",
                               t("chart.people_for", lang)])
    fig.update_yaxes(title=t("chart.people_influence", lang), range=[0.5, 5.7], zeroline=False,
                     tickvals=[1, 2, 3, 4, 5],
                     ticktext=[t("chart.people_low", lang), "2", "3", "4", t("chart.people_high", lang)])
    fig = _layout(fig, t("chart.people_title", lang), height=480)
    fig.update_layout(legend=dict(orientation="h", y=-0.16, yanchor="top", x=0, xanchor="left"),
                      margin=dict(l=10, r=10, t=50, b=10))
    if len(unplaced):
        fig.add_annotation(text=t("chart.people_unplaced", lang, names=", ".join(map(str, unplaced["name"]))),
                           x=0, y=1.0, xref="paper", yref="paper", xanchor="left", yanchor="bottom",
                           showarrow=False, font=dict(size=12, color=PALETTE["muted"]))
    return fig


def completeness(df: pd.DataFrame, period: str, lang: str, limit: int = MAX_HEATMAP_ACCOUNTS) -> go.Figure:
    """Key accounts (rows) × the twelve worksheets (columns): saved or not for ``period``; the
    short-term-metrics cell of an account with overdue milestones is red and shows their count.
    Columns: account_id, name, one bool column per worksheet key, filled, overdue_milestones (as
    :func:`kamp.playbooks.completeness` joined with name). The first ``limit`` rows are drawn,
    in order, top to bottom; each cell carries an invisible point whose customdata is
    [account id, status text, worksheet], so a click can open the account's plan. Worksheets are
    named as the plan's tabs name them (number and short title)."""
    sheets = playbooks.worksheets()
    d = df.head(limit).reset_index(drop=True)
    titles = [f"{w['number']} {playbooks.text(w, 'short', lang)}" for w in sheets]  # as the plan's tabs
    xs = titles  # one line each, slanted: twelve heads never fit side by side
    names = d["name"] if "name" in d else pd.Series(None, index=d.index)
    ys = [aside(f"{n} · {a}" if isinstance(n, str) and n else str(a), f"{f}/12", lang)
          for a, n, f in zip(d["account_id"], names, d["filled"])]
    late = d["overdue_milestones"].fillna(0).astype(int).to_numpy()
    z = np.array([[1.0 if bool(v) else 0.0 for v in d[w["key"]]] for w in sheets]).T.reshape(len(d), len(sheets))
    text = np.full(z.shape, "", dtype=object)
    col8 = [w["key"] for w in sheets].index("short_term_metrics")
    for i, n in enumerate(late):
        if n:
            z[i, col8], text[i, col8] = 2.0, f"⚠ {n}"
    status = np.where(z == 0, t("chart.people_empty", lang), t("chart.people_filled", lang)).astype(object)
    overdue = t("chart.people_overdue", lang)
    for i, n in enumerate(late):
        if n:
            status[i, col8] = t("chart.people_filled", lang) + " · " + labelled(overdue, n, lang)
    custom = np.dstack([np.repeat(d["account_id"].astype(str).to_numpy()[:, None], len(sheets), axis=1), status,
                        np.repeat(np.array(titles, dtype=object)[None, :], len(d), axis=0)])
    fig = go.Figure(go.Heatmap(
        z=z, x=xs, y=ys, zmin=0, zmax=2, xgap=2, ygap=2, showscale=False, text=text, texttemplate="%{text}",
        textfont=dict(color="white", size=12), hoverinfo="skip",
        colorscale=[[0, _EMPTY], [0.33, _EMPTY], [0.34, _FILLED], [0.66, _FILLED], [0.67, _LATE], [1, _LATE]]))
    # Invisible points on the cells carry the hover and the click: a heatmap cell is not selectable.
    fig.add_scatter(x=np.tile(xs, len(d)), y=np.repeat(ys, len(sheets)), mode="markers", showlegend=False,
                    marker=dict(symbol="square", size=28, opacity=0), customdata=custom.reshape(-1, 3),
                    selected=dict(marker=dict(opacity=0)), unselected=dict(marker=dict(opacity=0)),
                    hovertemplate="%{y}<br>%{customdata[2]}<br>%{customdata[1]}<extra></extra>")
    for label, color in ((t("chart.people_filled", lang), _FILLED), (t("chart.people_empty", lang), _EMPTY),
                         (t("chart.people_overdue", lang), _LATE)):  # a legend for the three colours
        fig.add_scatter(x=[None], y=[None], mode="markers", name=label, hoverinfo="skip",
                        marker=dict(symbol="square", size=14, color=color, line=dict(color="#b2bec3", width=1)))
    # the cells' own extent: the invisible points would pad the axes (an empty band under the heads)
    fig.update_xaxes(side="top", tickangle=-40, showgrid=False, fixedrange=True, range=[-0.5, len(sheets) - 0.5])
    fig.update_yaxes(range=[len(d) - 0.5, -0.5], showgrid=False, fixedrange=True, automargin=True)
    top = 60 + int(4.3 * max(map(text_width, xs)))  # room for the slanted heads
    fig = _layout(fig, t("chart.people_completeness", lang, period=period), height=top + 80 + 30 * max(len(d), 3))
    fig.update_layout(legend=dict(orientation="h", yref="container", y=0, yanchor="bottom", x=0, xanchor="left"),
                      margin=dict(l=10, r=10, b=40, t=top), plot_bgcolor="white")
    return fig
