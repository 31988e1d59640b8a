"""The quarterly review of two snapshots A → B: everything the review page and the meeting
need in one dict (:func:`content`), the headline figures side by side (:func:`summary`) and
the whole review as one self-contained HTML report (:func:`to_html`).

The report holds every section of the review page: tier migration (Sankey and who moved),
segment moves, the concentration trend, plan vs actual of the key accounts, key accounts
that turned dormant, overdue milestones, key accounts without a sponsor and why accounts
leave (their last signals, the contrast with those that stayed, satisfaction by tier). Its
charts stay interactive; Plotly's JavaScript is inlined once, nothing is fetched from the
network, and the print CSS starts every section on a new page.
"""
from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import plotly.io as pio

from kamp import analysis, charts_review, defection, i18n, plotly_locale, review, rfm
from kamp.accounts import tier_label
from kamp.i18n import t

SECTIONS = ["summary", "migration", "segments", "concentration", "plan", "dormant", "overdue", "no_sponsor", "why"]
MOVES = ["lost", "down", "up", "new", "won_back"]  # the directions listed (``same`` is only counted)
SUMMARY = ["accounts", "active", "key", "revenue_12m", "top20_share", "gini", "hhi"]
PLAN_CHART_TOP = 20
SIGNALS_CHART_TOP = 25


# ---------------------------------------------------------------- the review as data

def _no_sponsor(con, b: pd.DataFrame, key_ranks: int) -> pd.DataFrame:
    key = b[(b["tier_rank"] <= key_ranks).fillna(False) & (b["status"] != "lost")]
    out = review.without_sponsor(con, key["account_id"]).merge(
        key[["account_id", "name", "tier", "owner", "status", "revenue_12m"]], on="account_id", how="left")
    return out.sort_values(["revenue_12m", "account_id"], ascending=[False, True], kind="stable")[
        ["account_id", "name", "tier", "owner", "status", "revenue_12m", "contacts"]].reset_index(drop=True)


def segment_rules(rules: list[dict], infos: list[dict], seen) -> list[dict]:
    """The segment ``rules`` in force, then each segment of ``seen`` (those of the snapshots) they
    lack — renamed or removed since — as a rule of its name alone, its Chinese name as a snapshot of
    ``infos`` (latest first) kept it, else as the default rules name it."""
    known = {x["segment"] for x in rules}
    kept = {**{x["segment"]: x["name_zh"] for x in rfm.DEFAULT_SEGMENTS},
            **{k: v for info in reversed(infos) for k, v in info.get("segment_names", {}).items()}}
    return [*rules, *({"segment": s, "name_zh": kept.get(s, s)} for s in sorted(set(seen) - known - {rfm.OTHER}))]


def content(con, a_name: str, b_name: str, key_ranks: int = review.KEY_RANKS, key_only: bool = True) -> dict:
    """Every frame of the review of snapshot ``a_name`` (earlier) → ``b_name`` (later).

    Keys: a, b (:func:`kamp.review.snapshot_info`), key_ranks, key_only, tier_order (English,
    best first), segment_rules (:func:`segment_rules`), accounts_a, accounts_b (:func:`kamp.review.snapshot_accounts`),
    movers (:func:`kamp.review.movers` plus owner), migration, segments, trend (revenue_12m),
    plan, dormant (:func:`kamp.review.turned_dormant`), overdue (milestones overdue at B),
    no_sponsor (key accounts of B, not lost, without a sponsor: account_id, name, tier, owner,
    status, revenue_12m, contacts), signals and contrast (:mod:`kamp.defection`, key
    accounts of A only when ``key_only``), quarters (of the signals' revenue trend),
    satisfaction (:func:`kamp.defection.satisfaction_by_tier` of B).
    """
    ia, ib = review.snapshot_info(con, a_name), review.snapshot_info(con, b_name)
    a, b = review.snapshot_accounts(con, a_name), review.snapshot_accounts(con, b_name)
    order = list(dict.fromkeys([*ia["tier_order"], *ib["tier_order"]]))
    owners = pd.concat([b[["account_id", "owner"]], a[["account_id", "owner"]]]).drop_duplicates("account_id")
    movers = review.movers(a, b).merge(owners, on="account_id", how="left")
    scope = key_ranks if key_only else None
    signals = defection.defection_signals(con, a_name, b_name, scope)
    return {
        "a": ia, "b": ib, "key_ranks": key_ranks, "key_only": key_only, "tier_order": order,
        "segment_rules": segment_rules(analysis.rules(con)["rfm_segments"], [ib, ia],
                                       set(a["segment"].dropna()) | set(b["segment"].dropna())),
        "accounts_a": a, "accounts_b": b,
        "movers": movers, "migration": review.migration(a, b), "segments": review.segment_moves(a, b),
        "trend": review.concentration_trend(con), "plan": review.plan_vs_actual(con, a_name, b_name, key_ranks),
        "dormant": review.turned_dormant(a, b, key_ranks), "overdue": review.overdue_milestones(con, b_name),
        "no_sponsor": _no_sponsor(con, b, key_ranks), "signals": signals,
        "quarters": list(signals.attrs.get("quarters") or defection.trend_quarters(ib["as_of"])),
        "contrast": defection.defection_contrast(con, a_name, b_name, scope),
        "satisfaction": defection.satisfaction_by_tier(con, b_name),
    }


def summary(c: dict) -> pd.DataFrame:
    """The headline figures of A and B. Columns: measure (:data:`SUMMARY`), a, b, kind
    (count / money / share / ratio)."""
    kinds = {"accounts": "count", "active": "count", "key": "count", "revenue_12m": "money", "top20_share": "share",
             "gini": "ratio", "hhi": "count"}
    rows = []
    for measure in SUMMARY:
        values = []
        for side in ("a", "b"):
            acc, conc = c[f"accounts_{side}"], c[side]["concentration"].get("revenue_12m", {})
            values.append({"accounts": len(acc), "active": int((acc["status"] == "active").sum()),
                           "key": int(((acc["tier_rank"] <= c["key_ranks"]).fillna(False)
                                       & (acc["status"] != "lost")).sum()),
                           "revenue_12m": float(acc["revenue_12m"].sum())}.get(measure, conc.get(measure)))
        rows.append({"measure": measure, "a": values[0], "b": values[1], "kind": kinds[measure]})
    return pd.DataFrame(rows)


def direction_counts(movers: pd.DataFrame) -> dict[str, int]:
    """Accounts per direction (every one of :data:`kamp.review.DIRECTIONS`, zeros included)."""
    counts = movers["direction"].value_counts()
    return {d: int(counts.get(d, 0)) for d in review.DIRECTIONS}


# ---------------------------------------------------------------- HTML

_CSS = """
body{font-family:-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:2em auto;
max-width:72em;color:#222;line-height:1.45;padding:0 1.2em}
h1{margin-bottom:.2em;color:#1f4e79}h2{border-bottom:2px solid #1f4e79;padding-bottom:.2em;margin-top:1.8em;color:#1f4e79}
h3{margin:1.2em 0 .4em}.meta,.intro,.note{color:#555}.note{font-size:.9em}
nav ol{columns:2;margin:.4em 0 1em}nav a{color:#1f4e79;text-decoration:none}
table{border-collapse:collapse;margin:.4em 0 1em;width:100%;font-size:.92em}
th,td{border:1px solid #d0d7de;padding:.28em .5em;text-align:left;vertical-align:top}
th{background:#eef3f8}td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tr:nth-child(even) td{background:#fafbfc}.chart{margin:.5em 0 1em}
.kpis{display:flex;flex-wrap:wrap;gap:.6em 1.6em;margin:.6em 0 1em}.kpi{min-width:9em}
.kpi b{display:block;font-size:1.5em;color:#1f4e79}.kpi span{color:#555;font-size:.9em}
.lost{color:#c0392b}.down{color:#c76e00}.up{color:#2e7d32}.new{color:#2e86c1}.won_back{color:#138d75}
@media print{body{margin:0;max-width:none;font-size:10.5pt}nav{display:none}
section.section{break-before:page;page-break-before:always}section.section:first-of-type{break-before:auto;
page-break-before:auto}.modebar,.modebar-container{display:none!important}
.chart,.kpis,h2,h3{break-inside:avoid;page-break-inside:avoid}h2,h3{break-after:avoid;page-break-after:avoid}
thead{display:table-header-group}tr{break-inside:avoid;page-break-inside:avoid}
a{color:inherit;text-decoration:none}}
"""


# Charts are drawn for the screen's width; before printing, fit them to the page's.
_FIT = """(function(){function fit(){if(!window.Plotly)return;document.querySelectorAll('.js-plotly-plot')
.forEach(function(p){window.Plotly.Plots.resize(p);});}window.addEventListener('beforeprint',fit);
window.addEventListener('afterprint',fit);if(window.matchMedia){var m=window.matchMedia('print');
if(m.addEventListener){m.addEventListener('change',fit);}}})();"""


def _e(text) -> str:
    return html.escape(str(text), quote=False)


def _missing(value) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


class _Html:
    """Formats cells and charts for one report in one language."""

    def __init__(self, c: dict, lang: str):
        self.c, self.lang, self.plotly_done = c, lang, False
        self.segments = {s["segment"]: rfm.segment_name(s["segment"], lang, c["segment_rules"])
                         for s in c["segment_rules"]}

    def t(self, key: str, **values) -> str:
        return t(key, self.lang, **values)

    def cell(self, kind: str, value, unit: tuple | None = None) -> tuple[str, bool]:
        """(text, numeric) of one value of ``kind``: money in whole yuan, or in the ``unit`` of its
        table's money columns (:func:`kamp.i18n.table_unit`); a headline figure short (31.43亿, 3.14B)."""
        if _missing(value):
            return "—", kind in ("money", "headline", "share", "int", "ratio", "score")
        if kind == "money":
            return i18n.column_money(value, unit), True
        if kind == "headline":
            return i18n.money(float(value), self.lang), True
        if kind == "share":
            return f"{float(value):.1%}", True
        if kind == "int":  # rounded, as the page shows it (129.6 is 130, not 129)
            return f"{round(float(value)):,}", True
        if kind == "ratio":
            return f"{float(value):.3f}", True
        if kind == "score":
            return f"{int(value)}", True
        if kind == "date":
            return pd.Timestamp(value).date().isoformat(), False
        if kind == "tier":
            return str(tier_label(value, self.lang)), False
        if kind == "state":
            return charts_review.state_label(value, self.lang), False
        if kind == "status":
            return self.t(f"status.{value}") if value in ("active", "dormant", "lost") else str(value), False
        if kind == "segment":
            return self.segments.get(value, rfm.segment_name(value, self.lang, self.c["segment_rules"])), False
        if kind == "direction":
            return self.t(f"review.dir.{value}"), False
        if kind == "change":
            return self.t(f"review.change.{value}"), False
        if kind == "source":
            return self.t(f"review.source.{value}"), False
        if kind == "bool":
            return self.t("review.yes") if value else self.t("review.no"), False
        return str(value), False

    def table(self, df: pd.DataFrame, columns: list[tuple[str, str, str]]) -> str:
        """``columns``: (column, header, kind)."""
        if df.empty:
            return f"<p class=\"note\">{_e(self.t('report.none'))}</p>"
        money = [col for col, _, kind in columns if kind == "money"]  # of one kind: one unit for them all
        units = dict.fromkeys(money, i18n.table_unit([df[col] for col in money], self.lang))
        head = "".join(f"<th>{_e(i18n.in_unit(h, units[col][1]) if units.get(col) else h)}</th>"
                       for col, h, _ in columns)
        rows = []
        for r in df.itertuples(index=False):
            cells = []
            for col, _, kind in columns:
                text, num = self.cell(kind, getattr(r, col), units.get(col))
                cells.append(f"<td class=\"num\">{_e(text)}</td>" if num else f"<td>{_e(text)}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"

    def chart(self, fig) -> str:
        first, self.plotly_done = not self.plotly_done, True
        height = fig.layout.height or 400
        return "<div class=\"chart\">" + pio.to_html(
            fig, include_plotlyjs=first, full_html=False, default_width="100%", default_height=f"{height}px",
            config=plotly_locale.config(self.lang, displaylogo=False, responsive=True)) + "</div>"

    def col(self, key: str, **values) -> str:
        return self.t(f"review.col.{key}", **values)


def _account_columns(h: _Html) -> list[tuple[str, str, str]]:
    return [("account_id", h.t("col.account_id"), "text"), ("name", h.t("col.name"), "text")]


def _section(name: str, h: _Html, body: str) -> str:
    intro = f"<p class=\"intro\">{_e(h.t(f'review.section.{name}_help'))}</p>"
    return (f"<section class=\"section\" id=\"{name}\"><h2>{_e(h.t(f'review.section.{name}'))}</h2>"
            f"{intro}{body}</section>")


def _summary(h: _Html) -> str:
    c, a, b = h.c, h.c["a"]["name"], h.c["b"]["name"]
    s = summary(c)
    kinds = {"count": "int", "money": "headline", "share": "share", "ratio": "ratio"}
    s = s.assign(label=[h.t(f"review.kpi.{m}") for m in s["measure"]])
    rows = [(r.label, *(h.cell(kinds[r.kind], v)[0] for v in (r.a, r.b))) for r in s.itertuples()]
    body = ("<table><thead><tr><th></th>" + f"<th>{_e(a)}</th><th>{_e(b)}</th></tr></thead><tbody>"
            + "".join(f"<tr><td>{_e(x)}</td><td class=\"num\">{_e(y)}</td><td class=\"num\">{_e(z)}</td></tr>"
                      for x, y, z in rows) + "</tbody></table>")
    counts = direction_counts(c["movers"])
    kpis = "".join(f"<div class=\"kpi\"><b class=\"{d}\">{counts[d]:,}</b><span>{_e(h.t(f'review.dir.{d}'))}</span></div>"
                   for d in MOVES)
    return _section("summary", h, f"<div class=\"kpis\">{kpis}</div>{body}")


def _migration(h: _Html) -> str:
    c, a, b = h.c, h.c["a"]["name"], h.c["b"]["name"]
    fig = charts_review.migration_sankey(c["migration"], h.lang, a, b, c["tier_order"])
    cols = _account_columns(h) + [("tier_from", h.col("tier_in", name=a), "state"),
                                  ("tier_to", h.col("tier_in", name=b), "state"),
                                  ("segment_to", h.col("segment_in", name=b), "segment"),
                                  ("owner", h.t("col.owner"), "text"),
                                  ("revenue_12m_from", h.col("revenue_in", name=a), "money"),
                                  ("revenue_12m_to", h.col("revenue_in", name=b), "money")]
    parts = [h.chart(fig)]
    for d in MOVES:
        rows = c["movers"][c["movers"]["direction"] == d]
        parts.append(f"<h3 class=\"{d}\">{_e(h.t(f'review.dir.{d}'))} · {len(rows):,}</h3>"
                     f"<p class=\"note\">{_e(h.t(f'review.dir.{d}_help'))}</p>{h.table(rows, cols)}")
    return _section("migration", h, "".join(parts))


def _segments(h: _Html) -> str:
    c, a, b = h.c, h.c["a"]["name"], h.c["b"]["name"]
    order = [s["segment"] for s in c["segment_rules"]]
    fig = charts_review.segment_heatmap(c["segments"], h.segments, h.lang, a, b, order)
    moved = c["segments"][c["segments"]["segment_from"] != c["segments"]["segment_to"]]
    cols = [("segment_from", h.col("segment_in", name=a), "segment"),
            ("segment_to", h.col("segment_in", name=b), "segment"), ("accounts", h.t("col.accounts"), "int")]
    return _section("segments", h, h.chart(fig) + f"<h3>{_e(h.t('review.segment_flows'))}</h3>" + h.table(moved, cols))


def _concentration(h: _Html) -> str:
    c = h.c
    fig = charts_review.concentration_trend(c["trend"], h.lang, (c["a"]["name"], c["b"]["name"]))
    cols = [("name", h.col("snapshot"), "text"), ("as_of", h.col("as_of"), "date"),
            ("accounts", h.t("col.accounts"), "int"), ("total", h.col("shared_total"), "money"),
            ("top20_share", h.t("review.kpi.top20_share"), "share"),
            ("accounts_for_80pct", h.col("accounts_for_80pct"), "int"), ("gini", h.t("review.kpi.gini"), "ratio"),
            ("hhi", h.t("review.kpi.hhi"), "int"), ("effective_accounts", h.col("effective_accounts"), "int")]
    return _section("concentration", h, h.chart(fig) + h.table(c["trend"], cols))


def _plan(h: _Html) -> str:
    c, a, b = h.c, h.c["a"]["name"], h.c["b"]["name"]
    q = c["b"]["period"]
    fig = charts_review.plan_vs_actual(c["plan"], h.lang, q, PLAN_CHART_TOP)
    cols = _account_columns(h) + [("tier_from", h.col("tier_in", name=a), "tier"),
                                  ("tier_to", h.col("tier_in", name=b), "tier"),
                                  ("target", h.col("target", quarter=q), "money"),
                                  ("target_source", h.col("target_source"), "source"),
                                  ("actual", h.col("actual", quarter=q), "money"),
                                  ("actual_prev", h.col("actual", quarter=c["a"]["period"]), "money"),
                                  ("gap", h.t("col.revenue_gap"), "money"), ("attainment", h.t("col.attainment"), "share")]
    return _section("plan", h, h.chart(fig) + h.table(c["plan"], cols))


def _dormant(h: _Html) -> str:
    a, b = h.c["a"]["name"], h.c["b"]["name"]
    cols = _account_columns(h) + [("tier", h.col("tier_in", name=a), "tier"),
                                  ("status_from", h.col("status_in", name=a), "status"),
                                  ("status_to", h.col("status_in", name=b), "status"),
                                  ("revenue_12m_from", h.col("revenue_in", name=a), "money"),
                                  ("revenue_12m_to", h.col("revenue_in", name=b), "money")]
    return _section("dormant", h, h.table(h.c["dormant"], cols))


def _overdue(h: _Html) -> str:
    cols = _account_columns(h) + [("tier", h.t("col.tier"), "tier"), ("milestone", h.col("milestone"), "text"),
                                  ("due", h.col("due"), "date"), ("owner", h.t("col.owner"), "text"),
                                  ("days_overdue", h.col("days_overdue"), "int")]
    return _section("overdue", h, h.table(h.c["overdue"], cols))


def _no_sponsor_html(h: _Html) -> str:
    b = h.c["b"]["name"]
    cols = _account_columns(h) + [("tier", h.t("col.tier"), "tier"), ("owner", h.t("col.owner"), "text"),
                                  ("status", h.t("col.status"), "status"),
                                  ("revenue_12m", h.col("revenue_in", name=b), "money"),
                                  ("contacts", h.col("contacts"), "int")]
    return _section("no_sponsor", h, h.table(h.c["no_sponsor"], cols))


def _why(h: _Html) -> str:
    c, a, b = h.c, h.c["a"]["name"], h.c["b"]["name"]
    sig = c["signals"]
    scope = h.t("review.scope_key" if c["key_only"] else "review.scope_all")
    parts = [f"<p class=\"note\">{_e(h.t('review.why_scope', scope=scope, a=a, b=b, n=len(sig)))}</p>",
             f"<h3>{_e(h.t('review.section.signals'))}</h3>"]
    if len(sig):
        parts.append(h.chart(charts_review.defection_signals(sig, h.lang, c["quarters"], SIGNALS_CHART_TOP)))
    trend = defection.by_quarter(sig, len(c["quarters"]))
    cols = (_account_columns(h) + [("tier", h.col("tier_in", name=a), "tier"), ("change", h.col("change"), "change")]
            + [(f"q{i}", q, "money") for i, q in enumerate(c["quarters"])]
            + [("return_share", h.t("col.return_share"), "share"), ("discount_share", h.t("col.discount_share"), "share"),
               ("complaints_12m", h.col("complaints_12m"), "int"), ("last_survey_score", h.col("last_survey_score"), "score"),
               ("days_since_contact", h.col("days_since_contact"), "int"), ("has_sponsor", h.col("has_sponsor"), "bool")])
    parts.append(h.table(trend, cols))
    parts.append(f"<h3>{_e(h.t('review.section.contrast'))}</h3>")
    parts.append(h.chart(charts_review.defection_contrast(c["contrast"], h.lang)))
    parts.append(f"<h3>{_e(h.t('review.section.satisfaction'))}</h3>")
    sat = c["satisfaction"]
    parts.append(h.chart(charts_review.satisfaction(sat, h.lang, b)))
    wide = sat.drop_duplicates("tier")[["tier", "tier_rank", "tier_accounts", "surveyed", "mean_score"]]
    counts = {f"s{s}": sat[sat["score"] == s].set_index("tier")["accounts"] for s in defection.SCORES}
    wide = wide.assign(**{k: wide["tier"].map(v) for k, v in counts.items()})
    cols = ([("tier", h.t("col.tier"), "tier"), ("tier_accounts", h.t("col.accounts"), "int"),
             ("surveyed", h.col("surveyed"), "int")]
            + [(f"s{s}", h.t(f"chart.review_score_{s}"), "int") for s in defection.SCORES]
            + [("mean_score", h.col("mean_score"), "ratio")])
    parts.append(h.table(wide, cols))
    return _section("why", h, "".join(parts))


def to_html(con, a_name: str, b_name: str, lang: str = "en", key_ranks: int = review.KEY_RANKS,
            key_only: bool = True, now: dt.datetime | None = None, wan: bool | None = None) -> str:
    """The review A → B as one self-contained HTML document in ``lang``: every section of
    :data:`SECTIONS` with a heading, interactive charts (Plotly's JavaScript inlined once, no
    external URL) and print CSS that starts each section on a new page. ``wan``: money in
    万/亿 in Chinese (by default as :func:`kamp.i18n.use_wan` last set it)."""
    if wan is not None:
        i18n.use_wan(wan)
    c = content(con, a_name, b_name, key_ranks, key_only)
    h = _Html(c, lang)
    title = h.t("report.title", a=a_name, b=b_name)
    meta = h.t("report.meta", a=a_name, a_date=c["a"]["as_of"], b=b_name, b_date=c["b"]["as_of"],
               now=f"{now or dt.datetime.now():%Y-%m-%d %H:%M}")
    toc = "".join(f"<li><a href=\"#{s}\">{_e(h.t(f'review.section.{s}'))}</a></li>" for s in SECTIONS)
    body = [_summary(h), _migration(h), _segments(h), _concentration(h), _plan(h), _dormant(h), _overdue(h),
            _no_sponsor_html(h), _why(h)]
    return (f"<!DOCTYPE html><html lang=\"{'zh-CN' if lang == 'zh' else 'en'}\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{_e(title)}</title>"
            f"<style>{_CSS}</style></head><body><h1>{_e(title)}</h1><p class=\"meta\">{_e(meta)}</p>"
            f"<nav><b>{_e(h.t('report.contents'))}</b><ol>{toc}</ol></nav>{''.join(body)}<script>{_FIT}</script>"
            "</body></html>")
