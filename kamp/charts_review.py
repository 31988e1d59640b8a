"""Plotly figures of the quarterly review (snapshot A → B); the review page and the review
report place them.

Like :mod:`kamp.charts`: each function takes frames (columns named in its docstring) and a
language and returns a ``plotly.graph_objects.Figure``; every title, axis, legend and tooltip
comes from the i18n table. Tier names arrive in English (as snapshots store them) and are
shown in ``lang``. Points that stand for one account carry its id as customdata, so a click
on the page opens the account.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from kamp.accounts import tier_label
from kamp.charts import PALETTE, TIER_COLORS, _account_labels, _layout, money_texts, money_ticks
from kamp.i18n import aside, labelled, money, t, wrap

DIRECTION_COLORS = {"up": "rgba(46,125,50,0.55)", "down": "rgba(230,126,34,0.6)", "same": "rgba(149,165,166,0.35)",
                    "lost": "rgba(192,57,43,0.6)", "new": "rgba(46,134,193,0.55)", "won_back": "rgba(72,201,176,0.6)"}
SCORE_COLORS = {1: "#c0392b", 2: "#e59866", 3: "#d5d8dc", 4: "#7dcea0", 5: "#2e7d32"}
CHANGE_COLORS = {"lost": PALETTE["negative"], "dormant": PALETTE["gold"]}
# a white halo round a Sankey's labels: a small node's label (Lost, New) sits over the links leaving it
LABEL_HALO = ", ".join(["0 0 2px white"] * 3 + ["0 0 4px white"] * 3)


def state_label(state, lang: str) -> str:
    """A tier, ``"new"`` or ``"lost"`` (a state in :func:`kamp.review.movers`) in ``lang``."""
    if state in ("new", "lost"):
        return t(f"chart.review_state_{state}", lang)
    return tier_label(state, lang) if isinstance(state, str) else "—"


def _num(value, fmt: str = "{:,.0f}") -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA \
        else fmt.format(value)


# ---------------------------------------------------------------- tier migration

def move_key(moves, lang: str, words: str = "review.dir") -> str:
    """A line under a migration Sankey saying what each link colour means, for the ``moves`` it
    draws (``"up"``, ``"down"`` … in :data:`DIRECTION_COLORS` order), in the words of the
    ``words`` texts (``<words>.<move>``): a Sankey has no legend."""
    shown = [m for m in DIRECTION_COLORS if m in set(moves)]
    solid = lambda c: c.rsplit(",", 1)[0].replace("rgba", "rgb") + ")"  # noqa: E731 - the colour, opaque
    return "   ".join(f"<span style='color:{solid(DIRECTION_COLORS[m])}'>■</span> {t(f'{words}.{m}', lang)}"
                       for m in shown)


def _direction(src: str, dst: str, rank: dict) -> str:
    if dst == "lost":
        return "lost"
    if src == "new":
        return "new"
    if src == "lost":
        return "won_back"
    if src == dst or rank.get(src) == rank.get(dst):
        return "same"
    return "up" if rank.get(dst, 99) < rank.get(src, 99) else "down"


def stack_y(values: list[float], gap: float = 0.07) -> list[float]:
    """Centres of nodes stacked top-down in [0.01, 0.99] in proportion to their values."""
    total = sum(values) or 1.0
    room = 0.98 - gap * max(len(values) - 1, 0)
    out, top = [], 0.01
    for v in values:
        h = room * v / total
        out.append(min(max(top + h / 2, 0.01), 0.99))
        top += h + gap
    return out


def migration_sankey(df: pd.DataFrame, lang: str, a: str, b: str, tier_order: list[str] | None = None,
                     height: int = 520) -> go.Figure:
    """Tier migration A → B: the tiers of A (then lost-in-A, then new) on the left, the tiers
    of B (then lost) on the right, links as wide as the accounts that moved, coloured by
    direction; the tooltip gives accounts and trailing-year revenue in A and B (as the page's
    figures say money: 23.74亿 → 24.00亿, not 23.7亿 → 24亿).

    Columns: tier_from, tier_to, accounts, revenue_12m_from, revenue_12m_to (as from
    :func:`kamp.review.migration`). ``tier_order``: tier names, best first.
    """
    order = list(tier_order or [])
    for name in list(df["tier_from"]) + list(df["tier_to"]):
        if name not in order and name not in ("new", "lost"):
            order.append(name)
    rank = {n: i for i, n in enumerate(order)}

    def sort_key(state):
        return rank.get(state, len(order) + (0 if state == "lost" else 1))

    left = sorted(df["tier_from"].unique(), key=sort_key)
    right = sorted(df["tier_to"].unique(), key=sort_key)
    left_n = df.groupby("tier_from")["accounts"].sum()
    right_n = df.groupby("tier_to")["accounts"].sum()
    colors = {n: TIER_COLORS[i % len(TIER_COLORS)] for i, n in enumerate(order)}
    colors.update({"new": PALETTE["accent"], "lost": PALETTE["negative"]})
    labels = ([f"{state_label(s, lang)} · {int(left_n[s]):,}" for s in left]
              + [f"{state_label(s, lang)} · {int(right_n[s]):,}" for s in right])
    index_l = {s: i for i, s in enumerate(left)}
    index_r = {s: len(left) + i for i, s in enumerate(right)}
    accounts_word = t("chart.review_accounts", lang)
    rev = t("chart.review_revenue_12m", lang)
    link_text = [f"{state_label(r.tier_from, lang)} → {state_label(r.tier_to, lang)}<br>"
                 f"{int(r.accounts):,} {accounts_word}<br>"
                 + labelled(rev, f"{aside(money(r.revenue_12m_from, lang), a, lang)} → "
                                 f"{aside(money(r.revenue_12m_to, lang), b, lang)}", lang) for r in df.itertuples()]
    fig = go.Figure(go.Sankey(
        arrangement="fixed", valueformat=",d", textfont=dict(size=13, color="#1a1a1a", shadow=LABEL_HALO),
        node=dict(label=labels, pad=14, thickness=18, line=dict(width=0),
                  color=[colors.get(s, PALETTE["muted"]) for s in left + right],
                  x=[0.001] * len(left) + [0.999] * len(right),
                  y=stack_y([float(left_n[s]) for s in left]) + stack_y([float(right_n[s]) for s in right]),
                  hovertemplate="%{label}<extra></extra>"),
        link=dict(source=[index_l[s] for s in df["tier_from"]], target=[index_r[s] for s in df["tier_to"]],
                  value=df["accounts"].astype(int).tolist(), customdata=link_text,
                  color=[DIRECTION_COLORS[_direction(s, d, rank)] for s, d in zip(df["tier_from"], df["tier_to"])],
                  hovertemplate="%{customdata}<extra></extra>")))
    for x, anchor, name in ((0, "left", a), (1, "right", b)):
        fig.add_annotation(x=x, y=1.03, xref="paper", yref="paper", xanchor=anchor, yanchor="bottom", showarrow=False,
                           text=f"<b>{name}</b>", font=dict(size=14, color=PALETTE["primary"]))
    fig = _layout(fig, t("chart.review_sankey", lang, a=a, b=b), height=height)
    fig.add_annotation(x=0, y=-0.02, xref="paper", yref="paper", xanchor="left", yanchor="top", showarrow=False,
                       text=move_key([_direction(s, d, rank) for s, d in zip(df["tier_from"], df["tier_to"])], lang))
    fig.update_layout(margin=dict(l=10, r=10, t=80, b=40))
    return fig


# ---------------------------------------------------------------- segment moves

def segment_heatmap(df: pd.DataFrame, names: dict, lang: str, a: str, b: str,
                    order: list[str] | None = None) -> go.Figure:
    """Accounts per (segment in A, segment in B) of the accounts in both snapshots; the
    diagonal is "stayed". Columns: segment_from, segment_to, accounts (as from
    :func:`kamp.review.segment_moves`); ``names`` maps a segment to its name in ``lang``;
    ``order``: segments in reading order (others follow alphabetically)."""
    seen = sorted(set(df["segment_from"].dropna()) | set(df["segment_to"].dropna()))
    order = [s for s in (order or []) if s in seen] + [s for s in seen if s not in (order or [])]
    cells = df.dropna(subset=["segment_from", "segment_to"]).set_index(["segment_from", "segment_to"])["accounts"]
    z = [[cells.get((r, c)) for c in order] for r in order]
    colour = [[math.sqrt(v) if v else None for v in row] for row in z]  # sqrt: the diagonal does not drown the rest
    label = [names.get(s, s) for s in order]
    word = t("chart.review_accounts", lang)
    hover = [[labelled(f"{names.get(r, r)} → {names.get(c, c)}", f"{int(v):,} {word}", lang) if v else ""
              for c, v in zip(order, row)]
             for r, row in zip(order, z)]
    fig = go.Figure(go.Heatmap(
        x=label, y=label, z=colour, text=[[f"{int(v):,}" if v else "" for v in row] for row in z],
        customdata=hover, texttemplate="%{text}", textfont=dict(size=12), colorscale="Blues", showscale=False,
        xgap=2, ygap=2, hovertemplate="%{customdata}<extra></extra>"))
    fig.update_xaxes(title=t("chart.review_segment_in", lang, name=b), side="bottom", tickangle=-35, type="category")
    fig.update_yaxes(title=t("chart.review_segment_in", lang, name=a), autorange="reversed", type="category")
    return _layout(fig, t("chart.review_segments", lang, a=a, b=b), height=max(360, 34 * len(order) + 200))


# ---------------------------------------------------------------- concentration trend

def concentration_trend(df: pd.DataFrame, lang: str, marks: tuple[str, ...] = ()) -> go.Figure:
    """Three small multiples by snapshot: the top-20 % share of trailing-year revenue, the
    Gini coefficient and the HHI (0–10,000); the snapshots in ``marks`` (A and B) are drawn
    larger. Each axis starts at zero (the share and Gini end at their top, 1), so a change of
    a point reads as one. Columns: name, top20_share, gini, hhi (as from
    :func:`kamp.review.concentration_trend`)."""
    measures = [("top20_share", "chart.review_top20", ".1%", ".0%", PALETTE["negative"]),
                ("gini", "chart.review_gini", ".3f", ".1f", PALETTE["primary"]),
                ("hhi", "chart.review_hhi", ",.0f", ",.0f", PALETTE["accent"])]
    fig = make_subplots(rows=1, cols=3, horizontal_spacing=0.07,
                        subplot_titles=[t(key, lang) for _, key, _, _, _ in measures])
    names = [str(n) for n in df["name"]]
    size = [14 if n in marks else 8 for n in names]
    for i, (col, key, fmt, tick, colour) in enumerate(measures, start=1):
        y = pd.to_numeric(df[col], errors="coerce")
        hover = "%{x}<br>" + labelled(t(key, lang), "%{y:" + fmt + "}", lang) + "<extra></extra>"
        fig.add_scatter(x=names, y=y, mode="lines+markers+text", name=t(key, lang), showlegend=False,
                        line=dict(color=colour, width=2.5), marker=dict(size=size, color=colour),
                        text=[format(v, fmt) if pd.notna(v) else "" for v in y], textposition="top center",
                        cliponaxis=False, hovertemplate=hover, row=1, col=i)
        # a share and the Gini run from 0 to 1; the HHI from 0, with room over its largest value for the label
        top = 1.0 if col != "hhi" else max(float(y.max()) if y.notna().any() else 0.0, 1.0) * 1.25
        fig.update_yaxes(range=[0, top], tickformat=tick, nticks=6, row=1, col=i)
        fig.update_xaxes(type="category", row=1, col=i)
    fig.update_annotations(font_size=13)
    return _layout(fig, t("chart.review_conc", lang), height=330)


# ---------------------------------------------------------------- plan vs actual

def _attainment_color(value) -> str:
    if value is None or pd.isna(value):
        return PALETTE["muted"]
    return PALETTE["positive"] if value >= 1 else PALETTE["gold"] if value >= 0.8 else PALETTE["negative"]


def plan_vs_actual(df: pd.DataFrame, lang: str, quarter: str, top: int = 20) -> go.Figure:
    """Target against actual net revenue in the quarter for the ``top`` key accounts by target,
    largest on top; the actual bar is green at ≥ 100 % attainment, amber at ≥ 80 %, red below,
    and labelled with the attainment. Columns: account_id, name, target, actual, attainment
    (as from :func:`kamp.review.plan_vs_actual`)."""
    d = df[df["target"].notna()].nlargest(top, "target") if len(df) else df
    label = _account_labels(d)
    fig = go.Figure()
    fig.add_bar(y=label, x=d["target"], orientation="h", name=t("chart.review_target", lang),
                marker_color="#c8d6e5", customdata=d["account_id"], offsetgroup="target",
                hovertext=money_texts(d["target"], lang),
                hovertemplate="%{y}<br>" + labelled(t("chart.review_target", lang), "%{hovertext}", lang)
                              + "<extra></extra>")
    # the actual bars in one slot beside the target, a legend entry per colour: what each one means
    colours = pd.Series([_attainment_color(v) for v in d["attainment"]], index=d.index, dtype=object)
    for colour, key in ((PALETTE["positive"], "chart.review_actual_met"), (PALETTE["gold"], "chart.review_actual_near"),
                        (PALETTE["negative"], "chart.review_actual_short"), (PALETTE["muted"], "chart.review_actual")):
        band = d[colours == colour]
        if band.empty:
            continue
        fig.add_bar(y=np.asarray(label, dtype=object)[(colours == colour).to_numpy()], x=band["actual"], orientation="h", name=t(key, lang),
                    offsetgroup="actual", marker_color=colour, customdata=band["account_id"],
                    text=[_num(v, "{:.0%}") for v in band["attainment"]], textposition="outside", cliponaxis=False,
                    hovertext=money_texts(band["actual"], lang),
                    hovertemplate="%{y}<br>" + labelled(t("chart.review_actual", lang), "%{hovertext}", lang) + "<br>"
                                  + labelled(t("chart.review_attainment", lang), "%{text}", lang) + "<extra></extra>")
    high = float(pd.concat([d["target"], d["actual"]]).max()) if len(d) else 1.0
    fig.update_layout(barmode="group", bargap=0.25, bargroupgap=0.05)
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title=None, range=[0, max(high, 1.0) * 1.15], **money_ticks(0, max(high, 1.0), lang, 5))
    return _layout(fig, t("chart.review_plan", lang, quarter=quarter, n=len(d)), height=max(300, 40 * len(d) + 90))


# ---------------------------------------------------------------- why accounts leave

SIGNALS = [("return_share", "chart.review_sig_returns"), ("discount_share", "chart.review_sig_discounts"),
           ("complaints_12m", "chart.review_sig_complaints"), ("last_survey_score", "chart.review_sig_survey"),
           ("days_since_contact", "chart.review_sig_days"), ("has_sponsor", "chart.review_sig_sponsor")]


def defection_signals(df: pd.DataFrame, lang: str, quarters: list[str], top: int = 25) -> go.Figure:
    """The last signals of the accounts that left, side by side, one row per account (the
    ``top`` largest by revenue_12m_from): a sparkline of net revenue by quarter (red: lost,
    amber: turned dormant), returns and discounts as % of sales, complaints in the year, the
    last survey score, days since the last contact and whether a sponsor is on file.

    Columns: account_id, name, change, revenue_12m_from, revenue_trend (list per row, oldest
    quarter first), return_share, discount_share, complaints_12m, last_survey_score,
    days_since_contact, has_sponsor (as from :func:`kamp.defection.defection_signals`).
    """
    d = df.nlargest(top, "revenue_12m_from").reset_index(drop=True) if len(df) else df
    n = len(d)
    period = f"{quarters[0]}–{quarters[-1]}" if quarters else ""
    titles = [t("chart.review_sig_trend", lang, period=period)] + [t(key, lang) for _, key in SIGNALS]
    titles = ["<br>".join(wrap(x, 18 if i == 0 else 10)) for i, x in enumerate(titles)]  # narrow columns
    fig = make_subplots(rows=1, cols=7, shared_yaxes=True, horizontal_spacing=0.012, subplot_titles=titles,
                        column_widths=[0.24, 0.12, 0.12, 0.12, 0.14, 0.14, 0.08])
    label = _account_labels(d)
    ids = list(d["account_id"])
    y = list(range(n))
    # sparklines: each account's four quarters scaled into its own row
    for change in ("lost", "dormant"):
        xs, ys, texts, custom = [], [], [], []
        for i, r in d.iterrows():
            if r["change"] != change:
                continue
            vals = [float(v) for v in (r["revenue_trend"] if isinstance(r["revenue_trend"], (list, tuple)) else
                                       list(r["revenue_trend"]))]
            lo, hi = min(0.0, *vals), max(vals) if vals else 0.0
            span = (hi - lo) or 1.0
            for j, v in enumerate(vals):
                xs.append(j)
                ys.append(i + 0.35 - 0.7 * (v - lo) / span)
                quarter = quarters[j] if j < len(quarters) else j
                texts.append(f"{label[i]}<br>" + labelled(quarter, money(v, lang), lang))
                custom.append(ids[i])
            xs.append(None), ys.append(None), texts.append(""), custom.append("")
        if xs:
            fig.add_scatter(x=xs, y=ys, mode="lines+markers", name=t(f"chart.review_change_{change}", lang),
                            line=dict(color=CHANGE_COLORS[change], width=2), marker=dict(size=5),
                            text=texts, customdata=custom, hovertemplate="%{text}<extra></extra>", row=1, col=1)
    for c, (col, key) in enumerate(SIGNALS, start=2):
        v = d[col] if n else pd.Series(dtype=float)
        hover = "%{hovertext}<br>" + labelled(t(key, lang), "%{text}", lang) + "<extra></extra>"
        common = dict(customdata=ids, hovertext=label, showlegend=False, row=1, col=c)
        if col in ("return_share", "discount_share", "complaints_12m", "days_since_contact"):
            # a short bar (half the cell at most) and its figure after it, so the text stays in its column
            num = pd.to_numeric(v, errors="coerce").astype(float)
            top = float(num.max()) if num.notna().any() and num.max() > 0 else 1.0
            scaled = (num.clip(lower=0) / top * 0.5).fillna(0)
            fmt = "{:.1%}" if col.endswith("share") else "{:,.0f}"
            text = [_num(x, fmt) for x in num]
            colour = PALETTE["negative"] if col in ("return_share", "complaints_12m") else PALETTE["accent"]
            fig.add_bar(x=scaled, y=y, orientation="h", marker_color=colour, width=0.55, text=text,
                        textposition="none", hovertemplate=hover, **common)
            fig.add_scatter(x=scaled + 0.04, y=y, mode="text", text=text, textposition="middle right",
                            textfont=dict(size=11), hovertemplate=hover, **common)
        elif col == "last_survey_score":
            num = pd.to_numeric(v, errors="coerce")
            fig.add_scatter(x=[0.5] * n, y=y, mode="markers+text",
                            marker=dict(size=[20 if pd.notna(s) else 0 for s in num],
                                        color=[SCORE_COLORS.get(int(s), PALETTE["muted"]) if pd.notna(s) else "white"
                                               for s in num]),
                            text=[f"{int(s)}" if pd.notna(s) else "—" for s in num], textposition="middle center",
                            textfont=dict(size=11, color=["white" if pd.notna(s) and int(s) in (1, 5) else "#222"
                                                          for s in num]),
                            hovertemplate=hover, **common)
        else:  # sponsor on file
            has = v.astype(bool) if n else v
            fig.add_scatter(x=[0.5] * n, y=y, mode="text", text=["✓" if h else "✗" for h in has],
                            textfont=dict(size=15, color=[PALETTE["positive"] if h else PALETTE["negative"] for h in has]),
                            hovertemplate=hover, **common)
        fig.update_xaxes(range=[0, 1], row=1, col=c)
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False)
    fig.update_xaxes(range=[-0.3, max(len(quarters), 1) - 0.7], row=1, col=1)
    fig.update_yaxes(tickvals=y, ticktext=label, range=[n - 0.5, -0.5], showgrid=False, zeroline=False)
    for i in range(n):  # row bands, so the eye can follow an account across the columns
        if i % 2 == 0:
            fig.add_hrect(y0=i - 0.5, y1=i + 0.5, fillcolor="rgba(31,78,121,0.04)", line_width=0, layer="below")
    fig.update_annotations(font_size=12)
    fig = _layout(fig, t("chart.review_signals", lang), height=max(280, 30 * n + 170))
    fig.update_layout(bargap=0.3, margin=dict(t=100), legend=dict(orientation="h", yanchor="top", y=0.99,
                                                                   yref="container", xanchor="right", x=1))
    return fig


CONTRAST = [("return_share", "chart.review_sig_returns", "{:.1%}"), ("discount_share", "chart.review_sig_discounts",
                                                                    "{:.1%}"),
            ("complaints_12m", "chart.review_sig_complaints_mean", "{:.2f}"),
            ("last_survey_score", "chart.review_sig_survey_mean", "{:.2f}"),
            ("days_since_contact", "chart.review_sig_days_mean", "{:,.0f}"),
            ("no_sponsor", "chart.review_sig_no_sponsor", "{:.0%}")]


def defection_contrast(df: pd.DataFrame, lang: str) -> go.Figure:
    """Small multiples, one per signal: the accounts that left beside those that stayed active.
    Columns: signal, left, stayed (as from :func:`kamp.defection.defection_contrast`)."""
    s = df.set_index("signal")
    counts = {side: int(s.loc["accounts", side]) if "accounts" in s.index and pd.notna(s.loc["accounts", side])
              else 0 for side in ("left", "stayed")}
    fig = make_subplots(rows=1, cols=len(CONTRAST), horizontal_spacing=0.04,
                        subplot_titles=[t(key, lang) for _, key, _ in CONTRAST])
    sides = [("left", PALETTE["negative"]), ("stayed", PALETTE["primary"])]
    names = {side: t(f"chart.review_{side}", lang, n=counts[side]) for side, _ in sides}
    for c, (signal, key, fmt) in enumerate(CONTRAST, start=1):
        for side, colour in sides:
            v = s.loc[signal, side] if signal in s.index else float("nan")
            fig.add_bar(x=[names[side]], y=[0 if pd.isna(v) else v], name=names[side], marker_color=colour,
                        showlegend=c == 1, legendgroup=side, text=[_num(v, fmt)], textposition="outside",
                        cliponaxis=False, hovertemplate=names[side] + "<br>" + labelled(t(key, lang), "%{text}", lang)
                                                        + "<extra></extra>",
                        row=1, col=c)
        high = max([float(s.loc[signal, x]) for x, _ in sides if signal in s.index and pd.notna(s.loc[signal, x])]
                   or [1.0])
        fig.update_yaxes(range=[0, (high or 1.0) * 1.3], row=1, col=c)
    fig.update_xaxes(showticklabels=False)
    fig.update_yaxes(showticklabels=False, showgrid=False)
    fig.update_annotations(font_size=12)
    fig = _layout(fig, t("chart.review_contrast", lang), height=340)
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.06, xanchor="left", x=0))
    return fig


def satisfaction(df: pd.DataFrame, lang: str, name: str = "") -> go.Figure:
    """Stacked 100 % bars per tier (best on top) of the latest survey score 1–5, red (1) to
    green (5); each tier is labelled with the accounts surveyed and the mean score. Columns:
    tier, tier_rank, score, accounts, share, surveyed, tier_accounts, mean_score (as from
    :func:`kamp.defection.satisfaction_by_tier`)."""
    tiers = df.drop_duplicates("tier").sort_values(["tier_rank", "tier"], kind="stable")
    label = {r.tier: t("chart.review_tier_surveyed", lang, tier=tier_label(r.tier, lang), n=int(r.surveyed),
                       total=int(r.tier_accounts), mean=_num(r.mean_score, "{:.2f}"))
             for r in tiers.itertuples()}
    ys = [label[x] for x in tiers["tier"]]
    fig = go.Figure()
    for score in range(1, 6):
        part = df[df["score"] == score].set_index("tier").reindex(tiers["tier"])
        share = part["share"].astype(float)
        fig.add_bar(y=ys, x=share.fillna(0), orientation="h", name=t(f"chart.review_score_{score}", lang),
                    marker_color=SCORE_COLORS[score], customdata=part["accounts"].fillna(0).astype(int),
                    text=[f"{v:.0%}" if pd.notna(v) and v >= 0.05 else "" for v in share],
                    textposition="inside", insidetextanchor="middle",
                    hovertemplate="%{y}<br>" + labelled(t(f"chart.review_score_{score}", lang),
                                                        aside("%{x:.1%}", "%{customdata}", lang), lang)
                                                        + "<extra></extra>")
    fig.update_layout(barmode="stack", uniformtext=dict(minsize=10, mode="hide"))
    # each bar is 100 % and its parts are labelled: no ticks under it, where the legend goes
    fig.update_xaxes(tickformat=".0%", range=[0, 1], showticklabels=False, showgrid=False)
    fig.update_yaxes(autorange="reversed", title=None)
    fig = _layout(fig, t("chart.review_satisfaction", lang, name=name), height=max(240, 56 * len(ys) + 130))
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.12, xanchor="left", x=0, traceorder="normal"))
    return fig
