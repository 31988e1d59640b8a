"""Figures for the presentation mode: the tier-migration Sankey and projector styling.

Like :mod:`kamp.charts`, every function takes a frame and a language and returns a
``plotly.graph_objects.Figure``; :func:`projector` restyles any figure for a big screen.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from kamp import accounts, coverage
from kamp.charts import FONT, PALETTE, TIER_COLORS
from kamp.charts_review import DIRECTION_COLORS, LABEL_HALO, stack_y, move_key
from kamp.i18n import labelled, t

# colours of a Sankey link by the direction of the move (kamp.review.DIRECTIONS)
MOVE_COLORS = DIRECTION_COLORS  # as on the review page: the same move, the same colour
STATE_COLORS = {"new": PALETTE["accent"], "lost": PALETTE["negative"]}


def projector(fig: go.Figure, size: int = 22, height: int | None = None, keep_title: bool = False) -> go.Figure:
    """Restyle ``fig`` in place for a projector and return it: every font at least ``size``
    px (titles larger), thicker lines, the legend on top, no figure title unless
    ``keep_title`` (the slide carries the title), and ``height`` px tall (None: as tall as its
    place, which the slide gives it from what the screen leaves)."""
    small = max(size - 4, 12)
    fig.update_layout(font=dict(family=FONT, size=size), legend=dict(font=dict(size=size), orientation="h",
                                                                      yanchor="bottom", y=1.02, xanchor="left", x=0,
                                                                      title=None),
                      hoverlabel=dict(font=dict(size=size, family=FONT)), template="plotly_white",
                      # room under the plot for a line written there (a Sankey's key to its colours)
                      margin=dict(l=20, r=30, t=70 if keep_title else 50,
                                  b=20 + (2 * size if any((a.y or 0) < 0 for a in fig.layout.annotations) else 0)))
    if keep_title:
        fig.update_layout(title_font_size=round(size * 1.3))
    else:
        fig.update_layout(title=None)
    fig.update_layout(height=height, autosize=True)
    fig.update_xaxes(title_font_size=size, tickfont_size=small, automargin=True)
    fig.update_yaxes(title_font_size=size, tickfont_size=small, automargin=True)
    fig.update_annotations(font_size=size)
    for trace in fig.data:
        if trace.type == "scatter" and trace.line is not None:
            trace.update(line_width=max(trace.line.width or 2, 3.5))
            if trace.mode and "markers" in trace.mode:
                trace.update(marker_size=9)
        elif trace.type == "sankey":
            trace.update(textfont=dict(size=size, family=FONT, color="#1b2631"))
    return fig


def _direction(rank_from, rank_to, tier_from: str, tier_to: str) -> str:
    if tier_to == "lost":
        return "lost"
    if tier_from == "new":
        return "new"
    if tier_from == "lost":
        return "won_back"
    if tier_from == tier_to or pd.isna(rank_from) or pd.isna(rank_to) or rank_from == rank_to:
        return "same"
    return "up" if rank_to < rank_from else "down"


def migration_sankey(links: pd.DataFrame, lang: str, a_label: str = "", b_label: str = "") -> go.Figure:
    """Tier migration A → B as a Sankey.

    Parameters
    ----------
    links : the frame of :func:`kamp.review.migration` — tier_from (a tier, ``"lost"`` = won
        back, ``"new"``), tier_to (a tier or ``"lost"``), accounts; tier names in either
        language.
    a_label, b_label : the snapshots' names, written above the two columns.

    Nodes are labelled "tier  n" (accounts on that side) and stand as on the review page: the
    tiers best first, then lost and new at the bottom on the left, lost at the bottom on the
    right; links are coloured by the move (:data:`MOVE_COLORS`, as on the review page: up green,
    down orange, same grey, new blue, lost red, won back teal), with a key to the colours under it.
    """
    links = links[links["accounts"] > 0]
    tiers = [x for x in pd.unique(pd.concat([links["tier_from"], links["tier_to"]])) if x not in ("new", "lost")]
    rank = dict(zip(tiers, coverage.tier_ranks(pd.DataFrame({"tier": tiers})).astype("Float64")))
    tiers = sorted(tiers, key=lambda x: (rank[x] if pd.notna(rank[x]) else 99, str(x)))
    left = tiers + [s for s in ("lost", "new") if s in set(links["tier_from"])]
    right = tiers + (["lost"] if "lost" in set(links["tier_to"]) else [])
    left = [x for x in left if x in set(links["tier_from"])]
    right = [x for x in right if x in set(links["tier_to"])]
    words = {"new": t("chart.present_new", lang), "lost": t("chart.present_lost", lang)}

    def name(x):
        return words.get(x) or accounts.tier_label(x, lang)

    def colour(x):
        if x in STATE_COLORS:
            return STATE_COLORS[x]
        r = rank.get(x)
        return TIER_COLORS[(int(r) - 1) % len(TIER_COLORS)] if r is not None and pd.notna(r) else PALETTE["muted"]

    n_left = links.groupby("tier_from")["accounts"].sum()
    n_right = links.groupby("tier_to")["accounts"].sum()
    labels = [f"{name(x)}  {int(n_left[x]):,}" for x in left] + [f"{name(x)}  {int(n_right[x]):,}" for x in right]
    index_left = {x: i for i, x in enumerate(left)}
    index_right = {x: len(left) + i for i, x in enumerate(right)}
    moves = [_direction(rank.get(f), rank.get(to), f, to) for f, to in zip(links["tier_from"], links["tier_to"])]
    move_words = [t(f"present.dir.{m}", lang) for m in moves]
    fig = go.Figure(go.Sankey(
        arrangement="fixed", valueformat=",d", textfont=dict(shadow=LABEL_HALO),  # placed, not left to Plotly
        node=dict(label=labels, color=[colour(x) for x in left + right], pad=26, thickness=28,
                  line=dict(color="white", width=1), x=[0.001] * len(left) + [0.999] * len(right),
                  y=stack_y([float(n_left[x]) for x in left]) + stack_y([float(n_right[x]) for x in right]),
                  hovertemplate="%{label}<extra></extra>"),
        link=dict(source=[index_left[x] for x in links["tier_from"]],
                  target=[index_right[x] for x in links["tier_to"]],
                  value=links["accounts"].astype(int).tolist(), color=[MOVE_COLORS[m] for m in moves],
                  customdata=move_words,
                  hovertemplate="%{source.label} → %{target.label}<br>"
                                + labelled("%{customdata}", "%{value:,d} " + t("chart.present_accounts", lang), lang)
                                + "<extra></extra>")))
    for x, text, anchor in ((0, a_label, "left"), (1, b_label, "right")):
        if text:
            fig.add_annotation(x=x, y=1.0, xref="paper", yref="paper", yanchor="bottom", xanchor=anchor, text=text,
                               showarrow=False, font=dict(color=PALETTE["primary"]))
    fig.add_annotation(x=0, y=-0.02, xref="paper", yref="paper", xanchor="left", yanchor="top", showarrow=False,
                       text=move_key(moves, lang, "present.dir"))  # the words of the figures above it
    fig.update_layout(font=dict(family=FONT, size=14), margin=dict(l=10, r=10, t=40, b=40), height=480,
                      template="plotly_white")
    return fig
