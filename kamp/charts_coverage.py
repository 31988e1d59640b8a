"""Figures of the coverage & goals and relationship-level pages (seeds 000, 001, 003).

Same conventions as :mod:`kamp.charts`: each function takes frames (columns named in its
docstring) and a language and returns a ``plotly.graph_objects.Figure``; where points are
accounts, their customdata is the account id so that a click opens the account.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kamp import coverage, relationship
from kamp.charts import (PALETTE, TIER_COLORS, _account_labels, _empty, _layout, _points_note, _thin_points,
                         log_ticks)
from kamp.i18n import labelled, money, t, wrap

MAX_OWNERS = 40  # more bars than this are unreadable: the most loaded are shown
MAX_ASSESSED = 40
LEVEL_COLORS = ["#d6e4f0", "#a9c7e3", "#6fa3d0", "#2e86c1", "#1f4e79"]  # basic … partnership


def _tier_color(rank) -> str:
    return TIER_COLORS[(int(rank) - 1) % len(TIER_COLORS)] if pd.notna(rank) else PALETTE["muted"]


def _hours(v: float, lang: str) -> str:
    """Hours in full (88,000 hours, 88,000 小时): a count, with no k that Chinese readers do not use."""
    return f"{v:,.0f} {t('chart.coverage_hours_unit', lang)}"


def _thinned(goals: pd.DataFrame, keep, by: str) -> pd.DataFrame:
    """:func:`kamp.charts._thin_points` of ``goals[keep]``, largest ``by`` first, copying only the
    rows drawn: sorting or filtering the text columns of a million rows would take longer than
    the figure."""
    at = np.flatnonzero(keep)
    value = goals[by].to_numpy(dtype=float)
    drawn = at[_thin_points(pd.DataFrame({by: value[at]}), by=by).index.to_numpy()]
    return goals.iloc[drawn[np.argsort(-value[drawn], kind="stable")]]


def _of_type(goals: pd.DataFrame, goal_type: str) -> np.ndarray:
    """Which rows of ``goals`` are goals of ``goal_type`` (every row when it has no goal_type)."""
    if "goal_type" not in goals:
        return np.ones(len(goals), dtype=bool)
    return (goals["goal_type"] == goal_type).to_numpy(dtype=bool)


def _texts(values) -> np.ndarray:
    """Hover texts for Plotly as one array: it checks a list item by item, an array at once."""
    return np.array(list(values), dtype=object)


# ---- coverage (seed 003) ----

def capacity(by_tier: pd.DataFrame, summary: dict, lang: str) -> go.Figure:
    """Field hours the coverage models need, stacked by tier, against the hours the reps have;
    call-centre hours on a bar of their own (telesales time, not the reps').

    ``by_tier`` as from :func:`kamp.coverage.capacity` (tier, tier_rank, model, channel,
    hours_per_account, accounts, hours_needed); ``summary`` its second value (reps, rep_hours,
    hours_available, hours_needed, call_centre_hours, gap).
    """
    needed, available = t("chart.coverage_needed", lang), t("chart.coverage_available", lang)
    phone = t("chart.coverage_call_centre", lang)
    top = max(summary["hours_needed"], summary["hours_available"], summary.get("call_centre_hours") or 0, 1.0)
    fig = go.Figure()
    for r in by_tier.itertuples():
        row = phone if r.channel == "call_centre" else needed
        wide = r.hours_needed >= 0.1 * top  # a narrow segment's label would not fit: its hover says it
        fig.add_bar(
            y=[row], x=[r.hours_needed], orientation="h", name=str(r.tier), legendgroup=str(r.tier),
            marker_color=_tier_color(r.tier_rank), text=[f"{r.tier} · {_hours(r.hours_needed, lang)}"],
            textposition="inside" if wide else "outside" if row == phone else "none", insidetextanchor="middle",
            customdata=[[coverage.model_label(r.model, lang), r.accounts, r.hours_per_account]],
            hovertemplate=f"<b>{r.tier}</b><br>%{{customdata[0]}}<br>%{{customdata[1]:,}} "
                          + t("chart.accounts_unit", lang) + " × %{customdata[2]:,.0f} "
                          + t("chart.coverage_hours_unit", lang) + " = %{x:,.0f} "
                          + t("chart.coverage_hours_unit", lang) + "<extra></extra>")
    reps, rep_hours = summary["reps"], summary["rep_hours"]
    fig.add_bar(y=[available], x=[summary["hours_available"]], orientation="h", name=available,
                marker=dict(color="rgba(46,125,50,0.18)", line=dict(color=PALETTE["positive"], width=2)),
                text=[t("chart.coverage_reps_times", lang, reps=f"{reps:,}", hours=f"{rep_hours:,.0f}",
                        total=_hours(summary["hours_available"], lang))],
                textposition="inside" if summary["hours_available"] >= 0.4 * top else "outside",
                insidetextanchor="start", textfont=dict(color=PALETTE["positive"]), cliponaxis=False,
                hovertemplate=labelled(available, "%{x:,.0f}", lang) + "<extra></extra>", showlegend=False)
    gap = summary["gap"]
    fig.add_annotation(x=max(summary["hours_needed"], summary["hours_available"]), y=needed, xanchor="left",
                       showarrow=False, xshift=6,
                       text=t("chart.coverage_short" if gap > 0 else "chart.coverage_spare", lang,
                              hours=_hours(abs(gap), lang)),
                       font=dict(color=PALETTE["negative"] if gap > 0 else PALETTE["positive"], size=13))
    rows = [needed, available] + ([phone] if summary.get("call_centre_hours") else [])
    fig.update_layout(barmode="stack")
    fig.update_yaxes(categoryorder="array", categoryarray=rows, autorange="reversed", title=None)
    fig.update_xaxes(title=t("chart.coverage_hours_axis", lang), tickformat=",", range=[0, top * 1.22])
    fig = _layout(fig, t("chart.coverage_capacity", lang), height=150 + 70 * len(rows))
    fig.update_layout(legend=dict(orientation="h", y=-0.25, yanchor="top", x=0, xanchor="left",
                                  traceorder="normal"), margin=dict(b=10))
    return fig


def owner_load(load: pd.DataFrame, by_tier: pd.DataFrame, rep_hours: float, lang: str) -> go.Figure:
    """Each owner's load as a share of one rep's selling year, stacked by tier, with a line at
    100 %. ``load`` as from :func:`kamp.coverage.owner_load` (owner, accounts, one column per
    tier, hours_needed, load); ``by_tier`` gives each tier's rank, channel and hours per account."""
    fig = go.Figure()
    if load.empty:
        return _layout(_empty(fig, t("chart.coverage_no_owners", lang)), t("chart.coverage_owner_load", lang), 240)
    shown = load.head(MAX_OWNERS).iloc[::-1]  # most loaded on top
    owners = shown["owner"].astype(str)
    for r in by_tier.itertuples():
        if r.channel == "call_centre" or r.tier not in shown:
            continue
        part = shown[r.tier] * r.hours_per_account / rep_hours if rep_hours > 0 else shown[r.tier] * 0
        fig.add_bar(y=owners, x=part, orientation="h", name=str(r.tier), marker_color=_tier_color(r.tier_rank),
                    customdata=np.c_[shown[r.tier], shown[r.tier] * r.hours_per_account],
                    hovertemplate="%{y} · " + str(r.tier) + "<br>%{customdata[0]:,} " + t("chart.accounts_unit", lang)
                                  + " · %{customdata[1]:,.0f} " + t("chart.coverage_hours_unit", lang)
                                  + "<br>%{x:.0%}<extra></extra>")
    fig.add_scatter(y=owners, x=shown["load"], mode="text", text=[f"{v:.0%}" for v in shown["load"]],
                    textposition="middle right", showlegend=False, hoverinfo="skip", cliponaxis=False)
    fig.add_vline(x=1, line=dict(color=PALETTE["negative"], dash="dash", width=1.5),
                  annotation_text=t("chart.coverage_full_year", lang), annotation_position="top",
                  annotation_font_color=PALETTE["negative"])
    title = t("chart.coverage_owner_load", lang)
    if len(load) > MAX_OWNERS:  # which owners, on a line of its own under the title
        title += "<br><sup>" + t("chart.coverage_top_of", lang, n=MAX_OWNERS, total=len(load)) + "</sup>"
    fig.update_layout(barmode="stack", bargap=0.25, legend_traceorder="normal")
    fig.update_xaxes(title=t("chart.coverage_load_axis", lang), tickformat=".0%", rangemode="tozero",
                     range=[0, max(1.05, float(shown["load"].max() or 0)) * 1.1])
    fig.update_yaxes(title=None, type="category")
    height = max(320, 24 * len(shown) + 180)
    fig = _layout(fig, title, height=height)
    # The tiers' legend under the axis title (above the plot it would run into a long title).
    top, bottom = 90, 90
    fig.update_layout(margin=dict(t=top, b=bottom),
                      legend=dict(orientation="h", yanchor="top", y=-62 / (height - top - bottom), x=0, xanchor="left"))
    return fig


def share_of_wallet_goals(goals: pd.DataFrame, lang: str) -> go.Figure:
    """Share-of-wallet goals: each account's share (our revenue ÷ its wallet, y) against its
    wallet estimate (log x), coloured by tier, with the target share as a dashed line.
    Columns (as from :func:`kamp.goals.goals`, whose share-of-wallet rows are drawn): account_id,
    name, tier, tier_rank, wallet_estimate, revenue_12m, actual, target, revenue_gap."""
    fig = go.Figure()
    mine = _of_type(goals, "share_of_wallet")  # not goals[...]: that copies a million rows of text
    d = _thinned(goals, mine, "revenue_12m")
    for (rank, tier), part in d.groupby(["tier_rank", "tier"], sort=True):
        fig.add_scatter(
            x=part["wallet_estimate"], y=part["actual"], mode="markers", name=str(tier),
            marker=dict(color=_tier_color(rank), size=8, opacity=0.75, line=dict(width=0.5, color="white")),
            customdata=part["account_id"].to_numpy(dtype=object), text=_texts(_account_labels(part)),
            hovertext=_texts(labelled(t("chart.coverage_wallet", lang), money(w, lang), lang) + "<br>"
                             + labelled(t("chart.coverage_revenue_12m", lang), money(r, lang), lang) + " · "
                             + labelled(t("chart.coverage_target", lang), f"{tg:.0%}", lang) + "<br>"
                             + labelled(t("chart.coverage_revenue_gap", lang), money(g, lang), lang)
                             for w, r, tg, g in zip(part["wallet_estimate"], part["revenue_12m"], part["target"],
                                                    part["revenue_gap"])),
            hovertemplate="%{text}<br>" + labelled(t("chart.coverage_sow", lang), "%{y:.1%}", lang)
                          + "<br>%{hovertext}<extra></extra>")
    targets = goals["target"].to_numpy(dtype=float)[mine]
    for target in pd.unique(targets[~np.isnan(targets)])[:3]:
        fig.add_hline(y=float(target), line=dict(color=PALETTE["negative"], dash="dash", width=1.5),
                      annotation_text=t("chart.coverage_target_share", lang, share=f"{target:.0%}"),
                      annotation_position="top left", annotation_font_color=PALETTE["negative"])
    met = int((goals["attainment"].to_numpy(dtype=float)[mine] >= 1).sum())
    fig.update_xaxes(type="log", title=t("chart.coverage_wallet_axis", lang), **log_ticks(d["wallet_estimate"], lang))
    fig.update_yaxes(title=t("chart.coverage_sow", lang), tickformat=".0%", rangemode="tozero")
    fig = _layout(fig, t("chart.coverage_sow_title", lang, met=f"{met:,}", n=f"{mine.sum():,}"), height=440)
    fig.update_layout(legend=dict(orientation="h", y=-0.18, yanchor="top", x=0, xanchor="left"))
    return _points_note(fig, len(d), int(mine.sum()), lang)


def revenue_goals(goals: pd.DataFrame, lang: str) -> go.Figure:
    """Revenue goals: trailing-12-month revenue (y) against the target (x), both log, coloured
    by tier; points above the diagonal met their target. Accounts without a positive target or
    revenue cannot sit on a log scale and are counted in a note. Columns (as from
    :func:`kamp.goals.goals`, whose revenue rows are drawn): account_id, name, tier, tier_rank,
    revenue_12m, target, attainment."""
    fig = go.Figure()
    mine = _of_type(goals, "revenue")
    target = goals["target"].to_numpy(dtype=float)
    ok = mine & (target > 0) & (goals["revenue_12m"].to_numpy(dtype=float) > 0)
    if mine.any() and np.isnan(target[mine]).all():  # the lines do not reach back to last year: no targets
        return _layout(_empty(fig, t("chart.coverage_no_prior_year", lang)),
                       t("chart.coverage_revenue_title", lang, met="0", n=f"{mine.sum():,}"), height=440)
    d = _thinned(goals, ok, "revenue_12m")
    for (rank, tier), part in d.groupby(["tier_rank", "tier"], sort=True):
        fig.add_scatter(
            x=part["target"], y=part["revenue_12m"], mode="markers", name=str(tier),
            marker=dict(color=_tier_color(rank), size=7, opacity=0.7, line=dict(width=0.5, color="white")),
            customdata=part["account_id"].to_numpy(dtype=object), text=_texts(_account_labels(part)),
            hovertext=_texts(labelled(t("chart.coverage_revenue_12m", lang), money(r, lang), lang) + "<br>"
                             + labelled(t("chart.coverage_target", lang), money(tg, lang), lang) + "<br>"
                             + labelled(t("chart.coverage_attainment", lang), f"{a:.0%}", lang)
                             for r, tg, a in zip(part["revenue_12m"], part["target"], part["attainment"])),
            hovertemplate="%{text}<br>%{hovertext}<extra></extra>")
    if ok.any():
        lo = float(min(d["target"].min(), d["revenue_12m"].min()))
        hi = float(max(d["target"].max(), d["revenue_12m"].max()))
        fig.add_scatter(x=[lo, hi], y=[lo, hi], mode="lines", name=t("chart.coverage_on_target", lang),
                        line=dict(color=PALETTE["negative"], dash="dash", width=1.5), hoverinfo="skip")
    left_out = int(mine.sum() - ok.sum())
    if left_out:
        fig.add_annotation(text=t("chart.coverage_not_shown", lang, n=f"{left_out:,}"), xref="paper", yref="paper",
                           x=1, y=0, xanchor="right", yanchor="bottom", showarrow=False,
                           font=dict(size=12, color=PALETTE["muted"]))
    met = int((goals["attainment"].to_numpy(dtype=float)[mine] >= 1).sum())
    both = log_ticks(np.concatenate([d["target"], d["revenue_12m"]]), lang) if ok.any() else {}
    fig.update_xaxes(type="log", title=t("chart.coverage_target_axis", lang), **both)
    fig.update_yaxes(type="log", title=t("chart.coverage_revenue_axis", lang), **both)
    fig = _layout(fig, t("chart.coverage_revenue_title", lang, met=f"{met:,}", n=f"{mine.sum():,}"), height=440)
    fig.update_layout(legend=dict(orientation="h", y=-0.18, yanchor="top", x=0, xanchor="left"))
    return _points_note(fig, len(d), int(ok.sum()), lang)


# ---- relationship levels (seeds 000, 001) ----

def _level_ticks(lang: str) -> dict:
    return dict(tickvals=[1, 2, 3, 4, 5], ticktext=[relationship.label(k, lang) for k, _en, _zh in relationship.LEVELS],
                range=[0.5, 5.5])


def rel_rules(rules: pd.DataFrame, recommended: pd.DataFrame, thresholds: dict, lang: str) -> go.Figure:
    """Kotler's rule table as a heatmap: accounts in the tier (few / medium / many, y) × margin
    level (low / medium / high, x), each cell coloured and named by its level, with the number of
    accounts that fall in it. ``rules`` as from :func:`kamp.relationship.rules_table`;
    ``recommended`` from :func:`kamp.relationship.recommend` (accounts_level, margin_level), or
    its accounts per cell (:func:`kamp.relationship.level_cells`: with an accounts column); None
    when no account has a margin to place it by (the rules alone, no counts)."""
    th = {**relationship.DEFAULT_THRESHOLDS, **(thresholds or {})}
    margins, counts = ["low", "medium", "high"], ["many", "medium", "few"]
    n = None
    if recommended is not None:
        cell = recommended.groupby(["accounts_level", "margin_level"])
        n = cell["accounts"].sum() if "accounts" in recommended else cell.size()
    z = [[relationship.level_number(rules.loc[c, m]) for m in margins] for c in counts]
    text = [[f"<b>{relationship.label(rules.loc[c, m], lang)}</b>"
             + ("" if n is None else "<br>" + t("chart.rel_n_accounts", lang, n=f"{int(n.get((c, m), 0)):,}"))
             for m in margins] for c in counts]
    xlab = [t(f"chart.rel_margin_{m}", lang, low=f"{th['low_margin_pct']:.0%}", high=f"{th['high_margin_pct']:.0%}")
            for m in margins]
    ylab = [t(f"chart.rel_count_{c}", lang, few=f"{th['few_max_accounts']:,}", medium=f"{th['medium_max_accounts']:,}")
            for c in counts]
    fig = go.Figure(go.Heatmap(
        x=xlab, y=ylab, z=z, text=text, texttemplate="%{text}", textfont=dict(size=13), zmin=1, zmax=5,
        colorscale=[[i / 4, c] for i, c in enumerate(LEVEL_COLORS)], showscale=False, xgap=3, ygap=3,
        hovertemplate="%{y} · %{x}<br>%{text}<extra></extra>"))
    fig.update_xaxes(title=t("chart.rel_margin_axis", lang), side="bottom")
    fig.update_yaxes(title=t("chart.rel_count_axis", lang))
    return _layout(fig, t("chart.rel_rules", lang), height=380)


def rel_gap(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Recommended against assessed Kotler level per key account: an open diamond at the
    recommended level, a dot at the actual, joined by a line red where the relationship is
    shallower than its economics warrant, gold where deeper, green where they agree.
    Columns: account_id, name, recommended_no, actual_no, level_gap (assessed rows only)."""
    fig = go.Figure()
    d = frame.dropna(subset=["actual_no"]).head(MAX_ASSESSED).iloc[::-1]
    if d.empty:
        return _layout(_empty(fig, t("chart.rel_none_assessed", lang)), t("chart.rel_gap", lang), 240)
    labels = _account_labels(d)
    for (y, rec, act, g) in zip(labels, d["recommended_no"], d["actual_no"], d["level_gap"]):
        if pd.notna(rec):
            color = PALETTE["positive"] if g == 0 else PALETTE["negative"] if g > 0 else PALETTE["gold"]
            fig.add_scatter(x=[float(rec), float(act)], y=[y, y], mode="lines", line=dict(color=color, width=3),
                            showlegend=False, hoverinfo="skip")
    rec_text = [relationship.label(relationship.LEVELS[int(v) - 1][0], lang) if pd.notna(v) else "—"
                for v in d["recommended_no"]]
    act_text = [relationship.label(relationship.LEVELS[int(v) - 1][0], lang) for v in d["actual_no"]]
    gap_text = [f"{g:+.0f}" if pd.notna(g) else "—" for g in d["level_gap"]]
    fig.add_scatter(x=d["recommended_no"].astype(float), y=labels, mode="markers",
                    name=t("chart.rel_recommended", lang),
                    marker=dict(symbol="diamond-open", size=14, color=PALETTE["primary"], line=dict(width=2)),
                    customdata=d["account_id"], hovertext=rec_text,
                    hovertemplate="%{y}<br>" + labelled(t("chart.rel_recommended", lang), "%{hovertext}", lang)
                                  + "<extra></extra>")
    fig.add_scatter(x=d["actual_no"], y=labels, mode="markers", name=t("chart.rel_actual", lang),
                    marker=dict(size=11, color=PALETTE["accent"]), customdata=d["account_id"],
                    hovertext=[f"{a}<br>" + labelled(t("chart.rel_gap_levels", lang), g, lang)
                               for a, g in zip(act_text, gap_text)],
                    hovertemplate="%{y}<br>" + labelled(t("chart.rel_actual", lang), "%{hovertext}", lang)
                                  + "<extra></extra>")
    fig.update_xaxes(title=t("chart.rel_level_axis", lang), **_level_ticks(lang))
    fig.update_yaxes(title=None, type="category")
    return _layout(fig, t("chart.rel_gap", lang), height=max(300, 30 * len(d) + 150))


def rel_pyramid(frame: pd.DataFrame, lang: str) -> go.Figure:
    """The business pyramid (seed 000) now and targeted per key account: a dot at the level
    now, an arrow to the target. Columns: account_id, name, pyramid_now, pyramid_target
    (rows with a level now only)."""
    fig = go.Figure()
    d = frame.dropna(subset=["pyramid_now"]).head(MAX_ASSESSED).iloc[::-1]
    if d.empty:
        return _layout(_empty(fig, t("chart.rel_none_assessed", lang)), t("chart.rel_pyramid", lang), 240)
    labels = _account_labels(d)
    for y, now, target in zip(labels, d["pyramid_now"], d["pyramid_target"]):
        if pd.notna(target) and target != now:
            fig.add_annotation(x=float(target), y=y, ax=float(now), ay=y, xref="x", yref="y", axref="x", ayref="y",
                               showarrow=True, arrowhead=0, arrowwidth=2, arrowcolor=PALETTE["gold"],
                               standoff=9,
                               text="")
    name = {n: relationship.label(n, lang) for n in range(1, 6)}
    fig.add_scatter(x=d["pyramid_now"].astype(float), y=labels, mode="markers", name=t("chart.rel_pyramid_now", lang),
                    marker=dict(size=12, color=PALETTE["primary"]), customdata=d["account_id"],
                    hovertext=[f"{int(v)} · {name.get(int(v), '')}" for v in d["pyramid_now"]],
                    hovertemplate="%{y}<br>" + labelled(t("chart.rel_pyramid_now", lang), "%{hovertext}", lang)
                                  + "<extra></extra>")
    has_target = d["pyramid_target"].notna()
    fig.add_scatter(x=d.loc[has_target, "pyramid_target"].astype(float), y=[y for y, h in zip(labels, has_target) if h],
                    mode="markers", name=t("chart.rel_pyramid_target", lang),
                    marker=dict(size=13, symbol="triangle-up", color=PALETTE["gold"]),
                    customdata=d.loc[has_target, "account_id"],
                    hovertext=[f"{int(v)} · {name.get(int(v), '')}" for v in d.loc[has_target, "pyramid_target"]],
                    hovertemplate="%{y}<br>" + labelled(t("chart.rel_pyramid_target", lang), "%{hovertext}", lang)
                                  + "<extra></extra>")
    fig.update_xaxes(title=t("chart.rel_pyramid_axis", lang), tickvals=[1, 2, 3, 4, 5], range=[0.6, 5.4],
                     ticktext=[f"<b>{n}</b><br>" + "<br>".join(wrap(name[n], 18)) for n in range(1, 6)])
    fig.update_yaxes(title=None, type="category")
    return _layout(fig, t("chart.rel_pyramid", lang), height=max(340, 30 * len(d) + 210))
