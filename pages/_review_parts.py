"""The sections of the review page (pages/review.py): each takes the review's content
(:func:`kamp.review_report.content`) and places its charts and account lists."""
import pandas as pd
import streamlit as st

from kamp import charts_review, defection, review_report
from kamp.accounts import tier_label
from pages._charts import chart
from pages._lists import account_list, money_column, table
from pages._language import wkey
from pages._ui import lang, segment_names, status_label, tr


def _names(c: dict) -> dict:
    rules = c["segment_rules"]
    seen = set(c["movers"]["segment_from"].dropna()) | set(c["movers"]["segment_to"].dropna())
    return segment_names([x["segment"] for x in rules] + sorted(seen), rules)


def _shown(df: pd.DataFrame, c: dict) -> pd.DataFrame:
    """Tier, state, segment and status values in this language."""
    segments, out = _names(c), df.copy()
    for col in ("tier_from", "tier_to"):
        if col in out:
            out[col] = [charts_review.state_label(v, lang()) for v in out[col]]
    if "tier" in out:
        out["tier"] = [tier_label(v, lang()) for v in out["tier"]]
    for col in ("segment_from", "segment_to"):
        if col in out:
            out[col] = out[col].map(lambda s: segments.get(s, s))
    for col in ("status", "status_from", "status_to"):
        if col in out:
            out[col] = out[col].map(lambda s: status_label(s) if isinstance(s, str) else s)
    if "change" in out:
        out["change"] = out["change"].map(lambda s: tr(f"review.change.{s}"))
    if "target_source" in out:
        out["target_source"] = out["target_source"].map(lambda s: tr(f"review.source.{s}") if isinstance(s, str) else None)
    return out


def _side_labels(c: dict) -> dict:
    a, b = c["a"]["name"], c["b"]["name"]
    return {"tier_from": tr("review.col.tier_in", name=a), "tier_to": tr("review.col.tier_in", name=b),
            "segment_from": tr("review.col.segment_in", name=a), "segment_to": tr("review.col.segment_in", name=b),
            "status_from": tr("review.col.status_in", name=a), "status_to": tr("review.col.status_in", name=b),
            "revenue_12m_from": money_column(tr("review.col.revenue_in", name=a)),
            "revenue_12m_to": money_column(tr("review.col.revenue_in", name=b)),
            "r_score_from": st.column_config.NumberColumn(tr("review.col.r_in", name=a), help=tr("review.col.r_help"),
                                                          format="%d"),
            "r_score_to": st.column_config.NumberColumn(tr("review.col.r_in", name=b), help=tr("review.col.r_help"),
                                                        format="%d")}


def migration(c: dict) -> None:
    a, b = c["a"]["name"], c["b"]["name"]
    st.caption(tr("review.section.migration_help"))
    chart(charts_review.migration_sankey(c["migration"], lang(), a, b, c["tier_order"]), key="review_sankey",
          clickable=False)
    counts = review_report.direction_counts(c["movers"])
    labels = {d: tr(f"review.dir.{d}") for d in review_report.MOVES}
    with st.container(horizontal=True, gap="medium"):
        for d in review_report.MOVES:
            st.metric(labels[d], f"{counts[d]:,}", help=tr(f"review.dir.{d}_help"), width="content")
    pick = st.segmented_control(tr("review.movers_pick"), review_report.MOVES, format_func=labels.get,
                                default="down", key=wkey("review_direction")) or "down"
    rows = _shown(c["movers"][c["movers"]["direction"] == pick], c)
    account_list(rows, ["account_id", "name", "tier_from", "tier_to", "revenue_12m_from", "revenue_12m_to",
                        "r_score_from", "r_score_to", "segment_to", "owner"], key="review_movers", labels=_side_labels(c))


def segments(c: dict) -> None:
    a, b = c["a"]["name"], c["b"]["name"]
    st.caption(tr("review.section.segments_help"))
    names = _names(c)
    order = [x["segment"] for x in c["segment_rules"]]
    chart(charts_review.segment_heatmap(c["segments"], names, lang(), a, b, order), key="review_segments",
          clickable=False)
    moved = c["movers"].dropna(subset=["segment_from", "segment_to"])
    moved = moved[moved["segment_from"] != moved["segment_to"]]
    options = [s for s in order if s in set(moved["segment_from"]) | set(moved["segment_to"])]
    left, right = st.columns(2)
    src = left.selectbox(tr("review.col.segment_in", name=a), options, index=None, format_func=names.get,
                         placeholder=tr("review.any"), key=wkey("review_seg_from"))
    dst = right.selectbox(tr("review.col.segment_in", name=b), options, index=None, format_func=names.get,
                          placeholder=tr("review.any"), key=wkey("review_seg_to"))
    if src:
        moved = moved[moved["segment_from"] == src]
    if dst:
        moved = moved[moved["segment_to"] == dst]
    st.caption(tr("review.segment_accounts", n=len(moved)))
    account_list(_shown(moved, c), ["account_id", "name", "segment_from", "segment_to", "tier_from", "tier_to",
                                    "revenue_12m_to"], key="review_seg_list", labels=_side_labels(c), height=360)


def concentration(c: dict) -> None:
    st.caption(tr("review.section.concentration_help"))
    chart(charts_review.concentration_trend(c["trend"], lang(), (c["a"]["name"], c["b"]["name"])),
          key="review_conc", clickable=False)
    trend = c["trend"].assign(as_of=pd.to_datetime(c["trend"]["as_of"]).dt.date)
    cols = ["name", "as_of", "accounts", "total", "top20_share", "accounts_for_80pct", "gini", "hhi",
            "effective_accounts"]
    table(trend[cols], labels={
        "name": tr("review.col.snapshot"), "as_of": tr("review.col.as_of"), "total": money_column(tr("review.col.shared_total")),
        "top20_share": st.column_config.NumberColumn(tr("review.kpi.top20_share"), format="%.1f%%"),
        "accounts_for_80pct": tr("review.col.accounts_for_80pct"),
        "gini": st.column_config.NumberColumn(tr("review.kpi.gini"), format="%.3f"),
        "hhi": st.column_config.NumberColumn(tr("review.kpi.hhi"), format="%,.0f"),
        "effective_accounts": st.column_config.NumberColumn(tr("review.col.effective_accounts"), format="%.1f")},
        money_format="compact", column_order=cols, name="concentration_by_snapshot")


def plan(c: dict) -> None:
    q, p = c["b"]["period"], c["plan"].rename(columns={"gap": "revenue_gap"})
    st.caption(tr("review.section.plan_help"))
    with_target = p[p["target"] > 0]
    met = int((with_target["attainment"] >= 1).sum())
    total = with_target["actual"].sum() / with_target["target"].sum() if len(with_target) else None
    with st.container(horizontal=True, gap="medium"):
        st.metric(tr("review.plan_met"), tr("review.plan_met_value", met=met, n=len(with_target)), width="content")
        st.metric(tr("review.plan_total_attainment"), "—" if total is None else f"{total:.0%}", width="content")
    chart(charts_review.plan_vs_actual(p, lang(), q, review_report.PLAN_CHART_TOP), key="review_plan")
    st.caption(tr("review.plan_chart_note", n=min(review_report.PLAN_CHART_TOP, len(with_target)), total=len(p)))
    account_list(_shown(p, c), ["account_id", "name", "tier_from", "tier_to", "target", "target_source", "actual",
                                "actual_prev", "revenue_gap", "attainment"], key="review_plan_list", height=400,
                 labels={**_side_labels(c), "target": money_column(tr("review.col.target", quarter=q)),
                         "target_source": tr("review.col.target_source"),
                         "actual": money_column(tr("review.col.actual", quarter=q)),
                         "actual_prev": money_column(tr("review.col.actual", quarter=c["a"]["period"]))})


def risks(c: dict) -> None:
    a, b = c["a"]["name"], c["b"]["name"]
    for name, frame, columns, extra in (
            ("dormant", c["dormant"], ["account_id", "name", "tier", "status_from", "status_to", "revenue_12m_from",
                                       "revenue_12m_to"], {"tier": tr("review.col.tier_in", name=a)}),
            ("overdue", c["overdue"], ["account_id", "name", "tier", "milestone", "due", "owner", "days_overdue"],
             {"milestone": tr("review.col.milestone"), "days_overdue": tr("review.col.days_overdue"),
              "due": st.column_config.DateColumn(tr("review.col.due"), format="YYYY-MM-DD")}),
            ("no_sponsor", c["no_sponsor"], ["account_id", "name", "tier", "owner", "status", "revenue_12m",
                                             "contacts"], {"contacts": tr("review.col.contacts")})):
        st.subheader(f"{tr(f'review.section.{name}')} · {len(frame):,}")
        st.caption(tr(f"review.section.{name}_help"))
        if frame.empty:
            st.success(tr(f"review.none_{name}", a=a, b=b))
            continue
        account_list(_shown(frame, c), columns, key=f"review_{name}", labels={**_side_labels(c), **extra},
                     height=min(400, 35 * len(frame) + 40))


def why(c: dict) -> None:
    a, b, sig = c["a"]["name"], c["b"]["name"], c["signals"]
    st.caption(tr("review.section.why_help"))
    st.toggle(tr("review.key_only"), value=True, key="review_key_only", help=tr("review.key_only_help"))
    scope = tr("review.scope_key" if c["key_only"] else "review.scope_all")
    st.subheader(tr("review.section.signals"))
    st.caption(tr("review.why_scope", n=len(sig), scope=scope, a=a, b=b))
    if sig.empty:
        st.success(tr("review.none_left", a=a, b=b))
    else:
        chart(charts_review.defection_signals(sig, lang(), c["quarters"], review_report.SIGNALS_CHART_TOP),
              key="review_signals")
        if len(sig) > review_report.SIGNALS_CHART_TOP:
            st.caption(tr("review.signals_note", n=review_report.SIGNALS_CHART_TOP))
        quarters = c["quarters"]
        view = _shown(defection.by_quarter(sig, len(quarters)), c).assign(  # "no survey" reads "—", not None
            survey=[f"{int(v)}" if pd.notna(v) else "—" for v in sig["last_survey_score"]])
        after = ["return_share", "discount_share", "complaints_12m", "survey", "last_contact", "days_since_contact",
                 "has_sponsor"]
        first = ["account_id", "name", "tier", "change"]
        account_list(view, [*first, "revenue_trend", *after], key="review_signal_list",
                     download=[*first, *(f"q{i}" for i in range(len(quarters))), *after],  # a figure per quarter
                     height=min(420, 35 * len(sig) + 40), labels={
                         "tier": tr("review.col.tier_in", name=a), "change": tr("review.col.change"),
                         **{f"q{i}": money_column(tr("review.col.revenue_quarter", quarter=q))
                            for i, q in enumerate(quarters)},
                         "revenue_trend": st.column_config.LineChartColumn(
                             tr("review.col.trend", period=f"{quarters[0]}–{quarters[-1]}")),
                         "complaints_12m": tr("review.col.complaints_12m"),
                         "survey": tr("review.col.last_survey_score"),
                         "last_contact": st.column_config.DatetimeColumn(tr("review.col.last_contact"),
                                                                         format="YYYY-MM-DD"),
                         "days_since_contact": tr("review.col.days_since_contact"),
                         "has_sponsor": st.column_config.CheckboxColumn(tr("review.col.has_sponsor"))})
    st.subheader(tr("review.section.contrast"))
    chart(charts_review.defection_contrast(c["contrast"], lang()), key="review_contrast", clickable=False)
    st.caption(tr("review.contrast_help"))
    st.subheader(tr("review.section.satisfaction"))
    chart(charts_review.satisfaction(c["satisfaction"], lang(), b), key="review_satisfaction", clickable=False)
    st.caption(tr("review.satisfaction_help"))
