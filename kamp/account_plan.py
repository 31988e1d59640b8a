"""One account's plan for a meeting: the twelve worksheets, the profile card and two charts,
as one self-contained HTML file (opens offline, prints one worksheet per page) or as Markdown.

Each worksheet shows its latest saved version for the period; one never saved shows the
figures prefilled from the data, marked as a draft. The charts are the monthly net revenue
and the plan-gap curve (:func:`kamp.playbook_prefill.gap_curve`); Plotly's JavaScript is
embedded once, so the file needs no network.
"""
from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from kamp import accounts, features, playbook_prefill, playbooks, plotly_locale
from kamp.charts import every_month, money_hover, money_ticks, month_ticks
from kamp.i18n import column_money, in_unit, money, t, table_unit
from kamp.texts_plan import TEXTS

PROFILE_KEYS = ["name", "account_id", "industry", "region", "owner", "tier", "segment", "status", "revenue",
                "revenue_12m", "growth_12m", "margin_pct", "share_of_wallet", "orders", "last_purchase",
                "receivables", "contacts"]
_MONEY = {"revenue", "revenue_12m", "receivables"}
_COUNTS = {"orders", "contacts"}
_PCT = {"growth_12m", "margin_pct", "share_of_wallet"}
_CSS = """
body{font-family:-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:60em;
color:#222;line-height:1.45;padding:0 1em}
h1{margin-bottom:.2em}h2{border-bottom:2px solid #2a6f97;padding-bottom:.2em;margin-top:1.6em}
.meta,.intro,.version{color:#555}.draft{color:#a05a00}
table{border-collapse:collapse;margin:.4em 0 1em;width:100%}th,td{border:1px solid #ccc;padding:.3em .5em;
text-align:left;vertical-align:top}th{background:#f1f4f7}td.num{text-align:right;white-space:nowrap}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25em 1em}dt{font-weight:600}dd{margin:0;white-space:pre-wrap}
.chart{height:380px}
@media print{body{margin:0;max-width:none}section.worksheet{break-before:page;page-break-before:always}
.modebar{display:none!important}table,dl,.chart{break-inside:avoid;page-break-inside:avoid}}
"""


def _e(text) -> str:
    """Text for an element's content (quotes stay readable; nothing here goes into attributes)."""
    return html.escape(str(text), quote=False)


def _t(key: str, lang: str, **values) -> str:
    en, zh = TEXTS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def _receivables(con, account_id: str, as_of) -> float | None:
    """What the account owes at the end of ``as_of`` (:func:`kamp.profitability.receivables`):
    None when it has no invoice."""
    from kamp import profitability

    owed = profitability.receivables(con, as_of)
    row = owed[owed["account_id"].astype(str) == str(account_id)]
    return float(row["outstanding"].iloc[0]) if len(row) else None


def profile(con, account_id: str, as_of=None, extra: dict | None = None) -> dict:
    """The profile card figures (keys :data:`PROFILE_KEYS`): the accounts-file record, this
    account's features as of ``as_of``, share of wallet, receivables outstanding (invoiced −
    paid) and the number of contacts; ``extra`` (e.g. the account-table row with tier and
    segment) overrides."""
    fig = playbook_prefill.account_figures(con, account_id, as_of)
    as_of = as_of if as_of is not None else features.default_as_of(con) or dt.date.today()
    record = accounts.record(con, account_id)
    wallet, rev = record.get("wallet_estimate"), fig.get("revenue_12m") or 0.0
    n_contacts = con.execute("SELECT count(*) FROM current_contacts WHERE account_id = ?", [str(account_id)]).fetchone()[0]
    out = {**record, **fig, "account_id": str(account_id),
           "share_of_wallet": max(rev, 0.0) / wallet if wallet and wallet > 0 else None,
           "receivables": _receivables(con, account_id, as_of), "contacts": int(n_contacts), **(extra or {})}
    return {k: out.get(k) for k in PROFILE_KEYS}


def plan(con, account_id: str, period: str, as_of=None, today=None, extra: dict | None = None,
         lang: str = "en") -> dict:
    """Everything the export shows: account_id, period, as_of, profile (dict), monthly (frame of
    :func:`kamp.accounts.monthly`), gap_curve (frame), worksheets: one dict per worksheet key
    with values and version, author, saved_at (None for a draft from the prefill); worksheet 8's
    milestones carry their status against ``today`` (default today), as the plan page shows them;
    the notes the drafts give quarter targets are in ``lang``, saved or not."""
    period = playbooks.parse_period(period)
    src = playbook_prefill.sources(con, account_id, period, as_of, today, lang=lang)
    drafts = playbook_prefill.values_from(src)
    sheets = {}
    for key in playbooks.keys():
        saved = playbooks.latest(con, account_id, period, key)
        saved = saved and {**saved, "values": playbook_prefill.notes_in(key, saved["values"], lang)}
        sheets[key] = saved or {"values": drafts[key], "version": None, "author": None, "saved_at": None}
    sheets["short_term_metrics"] = _with_status(sheets["short_term_metrics"], today or dt.date.today())
    return {"account_id": str(account_id), "period": period, "as_of": src["as_of"],
            "profile": profile(con, account_id, src["as_of"], extra),
            "monthly": accounts.monthly(con, account_id, src["as_of"]), "gap_curve": src["gap_curve"],
            "worksheets": sheets}


def _with_status(sheet: dict, today) -> dict:
    """Worksheet 8 (a :func:`plan` worksheet dict) with its milestones' status worked out
    against ``today`` (:func:`kamp.playbooks.milestone_status`): saved rows hold none."""
    values = sheet.get("values") or {}
    if not values.get("milestones"):
        return sheet
    return {**sheet, "values": {**values, "milestones": playbooks.milestone_status(values["milestones"], today)}}


# ---------------------------------------------------------------- charts

def monthly_figure(monthly: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Sales and returns as bars, net as a line, by month (frame of :func:`kamp.accounts.monthly`);
    months without lines show as zero."""
    monthly = every_month(monthly)
    fig = go.Figure()
    fig.add_bar(x=monthly["month"], y=monthly["sales"], name=_t("plan.sales", lang), marker_color="#2a6f97",
                **money_hover(monthly["sales"], lang))
    fig.add_bar(x=monthly["month"], y=monthly["returns"], name=_t("plan.returns", lang), marker_color="#c8553d",
                **money_hover(monthly["returns"], lang))
    fig.add_scatter(x=monthly["month"], y=monthly["net"], name=_t("plan.net", lang), mode="lines+markers",
                    line={"color": "#222"}, **money_hover(monthly["net"], lang))
    values = monthly[["sales", "returns", "net"]].stack() if len(monthly) else pd.Series([0.0])
    fig.update_yaxes(**money_ticks(min(float(values.min()), 0.0), max(float(values.max()), 1.0), lang, 5))
    fig.update_xaxes(**month_ticks(len(monthly)))
    fig.update_layout(barmode="relative", title=_t("plan.monthly_chart", lang), height=380,
                      margin={"l": 50, "r": 20, "t": 50, "b": 40}, legend={"orientation": "h", "y": -0.15})
    return fig


def gap_figure(curve: pd.DataFrame, lang: str = "en") -> go.Figure:
    """The plan-gap curve: cumulative target, actual and forecast as lines, and where the
    forecast stands against the cumulative target by each month as bars: ahead of it above zero
    (green), short of it below (red). Columns: month, cum_target, cum_actual, forecast, gap
    (cumulative target − forecast)."""
    fig = go.Figure()
    lead = -curve["gap"]  # forecast − target: ahead reads as more, short as less
    for name, bars, colour in (("plan.gap_ahead", lead.where(lead > 0), "rgba(46,139,87,.45)"),
                               ("plan.gap_short", lead.where(lead < 0), "rgba(200,85,61,.45)")):
        if bars.notna().any():
            said = [_t(f"{name}_by", lang, amount=money(abs(v), lang)) if pd.notna(v) else "" for v in bars]
            fig.add_bar(x=curve["month"], y=bars, name=_t(name, lang), marker_color=colour, customdata=said,
                        hovertemplate="%{customdata}<extra></extra>")
    # The forecast from the last month with actuals on (before it, it is the actual line itself),
    # drawn under the actual line.
    known = curve["cum_actual"].notna()
    ahead = curve["forecast"].where(~known | (known & ~known.shift(-1, fill_value=False)))
    for col, y, colour, dash in (("cum_target", curve["cum_target"], "#2a6f97", "solid"),
                                 ("forecast", ahead, "#e09f3e", "dash"),
                                 ("cum_actual", curve["cum_actual"], "#222", "solid")):
        fig.add_scatter(x=curve["month"], y=y, name=_t(f"plan.{col}", lang), mode="lines+markers",
                        line={"color": colour, "dash": dash}, **money_hover(y, lang))
    year = pd.Timestamp(curve["month"].iloc[0]).year if len(curve) else ""
    values = pd.concat([lead, curve[["cum_target", "cum_actual", "forecast"]].stack()]) if len(curve) \
        else pd.Series([0.0])
    fig.update_yaxes(zeroline=True, zerolinecolor="#566573", zerolinewidth=1.5,
                     **_both_sides(min(float(values.min()), 0.0), max(float(values.max()), 1.0), lang))
    fig.update_xaxes(tickformat="%Y-%m")
    # The legend under the months (five entries wrap on a narrow page: over the plot, they ran
    # into the title), clear of their labels.
    fig.update_layout(title={"text": _t("plan.gap_chart", lang, year=year), "xref": "paper", "x": 0},
                      height=400, barmode="relative", margin={"l": 50, "r": 20, "t": 50, "b": 40},
                      legend={"orientation": "h", "y": -0.1, "yanchor": "top", "x": 0, "xanchor": "left"})
    return fig


def _both_sides(low: float, high: float, lang: str) -> dict:
    """Money ticks from ``low`` to ``high`` and an axis range that shows them all: a tick below
    zero too when the bars go below it (Plotly's own range stops short of a round tick)."""
    ticks = money_ticks(low, high, lang, 5)
    pad = (high - low) * 0.03
    return {**ticks, "range": [min(ticks["tickvals"][0], low) - pad, max(ticks["tickvals"][-1], high) + pad]}


# ---------------------------------------------------------------- formatting

def _fmt(spec: dict, value, lang: str, unit: tuple | None = None) -> str:
    """A value as text for the reader: choices and levels by label, bools yes/no, money as the
    page's headline figures (6.59亿, 658.57M) or, in a table, in its column's ``unit``
    (:func:`_money_columns`)."""
    if value is None or value == [] or (isinstance(value, float) and pd.isna(value)):
        return _t("plan.none", lang)
    kind = spec.get("type")
    if kind == "bool" or isinstance(value, bool):
        return _t("plan.yes" if value else "plan.no", lang)
    if kind == "choice":
        return str(playbooks.choice_label(spec, value, lang))
    if kind == "multichoice":
        return ", ".join(str(playbooks.choice_label(spec, v, lang)) for v in value)
    if kind == "level":
        names = {lv["level"]: playbooks.text(lv, "label", lang) for lv in playbooks.pyramid_levels()}
        return f"{value} · {names.get(value, '')}"
    if kind == "money":
        return column_money(value, unit, 2) if spec.get("in_table") else money(float(value), lang)
    if kind == "number" and spec.get("format") == "percent":
        return f"{float(value):.1%}"
    if kind == "number" and spec.get("key") == "year":
        return str(value)  # 2026, not 2,026
    if kind == "number":
        return f"{value:,}" if isinstance(value, int) else f"{value:,.4g}"
    return str(value)


def _profile_value(key: str, value, lang: str) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return _t("plan.none", lang)
    if key in _MONEY:
        return money(float(value), lang)
    if key in _COUNTS:
        return f"{int(value):,}"
    if key in _PCT:
        return f"{float(value):.1%}"
    if isinstance(value, (pd.Timestamp, dt.date)):
        return pd.Timestamp(value).date().isoformat()
    if key == "status" and f"plan.status.{value}" in TEXTS:
        return _t(f"plan.status.{value}", lang)
    return str(value)


def _in_language(con, p: dict, lang: str) -> dict:
    """:func:`plan`'s ``p`` with the RFM segment named in ``lang`` (核心客户, not Champions), by the
    segment rules in force."""
    from kamp import rfm, store

    segment = p["profile"].get("segment")
    if segment:
        p["profile"]["segment"] = rfm.segment_name(segment, lang, store.get_setting(con, "rfm_segments"))
    return p


def _version_line(sheet: dict, lang: str) -> str:
    if sheet.get("version") is None:
        return _t("plan.draft", lang)
    saved = pd.Timestamp(sheet["saved_at"]).strftime("%Y-%m-%d %H:%M") if sheet.get("saved_at") is not None else ""
    return _t("plan.saved", lang, version=sheet["version"], author=sheet.get("author") or _t("plan.unknown_author", lang),
              saved_at=saved)


def _meta(p: dict, lang: str) -> str:
    """Period · data through, in ``lang`` (期间：2026Q4 · 数据截至：2026-06-30)."""
    return " · ".join(t("ui.labelled", lang, label=_t(k, lang), value=v)
                      for k, v in (("plan.period", p["period"]), ("plan.as_of", p["as_of"])))


def _title(p: dict, lang: str) -> str:
    name = p["profile"].get("name")
    name = name if isinstance(name, str) and name.strip() else p["account_id"]  # no record: NaN, not "nan"
    return f"{_t('plan.title', lang)} — {name} · {p['period']}"


# ---------------------------------------------------------------- HTML

def _money_columns(columns: list[dict], rows: list[dict], lang: str) -> tuple[list[str], list[dict], dict]:
    """A table's headers, its columns marked as in a table, and the unit of each money column:
    one for all of them (:func:`kamp.i18n.table_unit`: 万/亿 on a Chinese page, named in each
    header, as the page's tables)."""
    keys = [c["key"] for c in columns if c["type"] == "money"]
    unit = table_unit([[r.get(k) for r in rows] for k in keys], lang)
    units = dict.fromkeys(keys, unit)
    heads = [in_unit(playbooks.text(c, "label", lang), units[c["key"]][1]) if units.get(c["key"])
             else playbooks.text(c, "label", lang) for c in columns]
    return heads, [{**c, "in_table": True} for c in columns], units


def _rows(spec: dict, values: dict) -> list[dict]:
    """The rows of table field ``spec`` of a worksheet's ``values``, each quarter (Q1) with the
    worksheet's year as the plan's period is written (2026Q1)."""
    rows = values.get(spec["key"]) or []
    year = values.get("year")
    if year is None or "quarter" not in {c["key"] for c in spec["columns"]}:
        return rows
    return [{**r, "quarter": f"{int(year)}{r['quarter']}" if r.get("quarter") else r.get("quarter")} for r in rows]


def _cells(columns: list[dict], row: dict, units: dict, lang: str) -> list[str]:
    return [_fmt(c, row.get(c["key"]), lang, units.get(c["key"])) for c in columns]


def _html_table(spec: dict, rows: list[dict], lang: str) -> str:
    heads, cols, units = _money_columns(spec["columns"], rows, lang)
    head = "".join(f"<th>{_e(h)}</th>" for h in heads)
    body = "".join(
        "<tr>" + "".join(f"<td{' class=num' if c['type'] in ('number', 'money') else ''}>{_e(text)}</td>"
                         for c, text in zip(cols, _cells(cols, r, units, lang))) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _html_sheet(sheet_def: dict, sheet: dict, lang: str) -> str:
    values, parts, pairs = sheet.get("values") or {}, [], []
    for spec in sheet_def["fields"]:
        label = _e(playbooks.text(spec, "label", lang))
        if spec["type"] == "table":
            if pairs:
                parts.append("<dl>" + "".join(pairs) + "</dl>")
                pairs = []
            rows = _rows(spec, values)
            parts.append(f"<h3>{label}</h3>" + (_html_table(spec, rows, lang) if rows else
                                                   f"<p>{_t('plan.none', lang)}</p>"))
        else:
            pairs.append(f"<dt>{label}</dt><dd>{_e(_fmt(spec, values.get(spec['key']), lang))}</dd>")
    if pairs:
        parts.append("<dl>" + "".join(pairs) + "</dl>")
    cls = "version" if sheet.get("version") is not None else "version draft"
    return (f"<section class=\"worksheet\" id=\"ws-{sheet_def['key']}\"><h2>{sheet_def['number']}. "
            f"{_e(playbooks.text(sheet_def, 'title', lang))}</h2>"
            f"<p class=\"intro\">{_e(playbooks.text(sheet_def, 'intro', lang))}</p>"
            f"<p class=\"{cls}\">{_e(_version_line(sheet, lang))}</p>{''.join(parts)}</section>")


def to_html(con, account_id: str, period: str, lang: str = "en", as_of=None, today=None,
            extra: dict | None = None) -> str:
    """The account plan as one self-contained HTML document (no external URL; Plotly's
    JavaScript inline once), with print CSS that starts each worksheet on a new page."""
    p = _in_language(con, plan(con, account_id, period, as_of, today, extra, lang), lang)
    title = _e(_title(p, lang))
    card = "".join(f"<dt>{_e(_t('plan.' + k, lang))}</dt><dd>{_e(_profile_value(k, v, lang))}</dd>"
                   for k, v in p["profile"].items())
    config = plotly_locale.config(lang, displaylogo=False, responsive=True)
    charts = (pio.to_html(monthly_figure(p["monthly"], lang), include_plotlyjs=True, full_html=False, config=config,
                          default_height="380px")
              + pio.to_html(gap_figure(p["gap_curve"], lang), include_plotlyjs=False, full_html=False,
                            config=config, default_height="380px"))
    sheets = "".join(_html_sheet(d, p["worksheets"][d["key"]], lang) for d in playbooks.worksheets())
    before = f"<p class=\"meta\">{_e(_lines_before(p, lang))}</p>" if _lines_before(p, lang) else ""
    meta = f"{_meta(p, lang)} · " + t("ui.labelled", lang, label=_t("plan.generated", lang),
                                      value=f"{dt.datetime.now():%Y-%m-%d %H:%M}")
    return (f"<!DOCTYPE html><html lang=\"{'zh-CN' if lang == 'zh' else 'en'}\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title>"
            f"<style>{_CSS}</style></head><body><h1>{title}</h1><p class=\"meta\">{_e(meta)}</p>"
            f"<section><h2>{_t('plan.profile', lang)}</h2><dl>{card}</dl></section>"
            f"<section><h2>{_t('plan.charts', lang)}</h2>{charts}{before}</section>{sheets}</body></html>")


def _lines_before(p: dict, lang: str) -> str:
    """What an export says when the order lines end before the plan's year ('' otherwise): no forecast."""
    curve = p["gap_curve"]
    if len(curve) and curve["forecast"].notna().any():
        return ""
    return _t("plan.lines_before", lang, date=f"{pd.Timestamp(p['as_of']):%Y-%m-%d}", year=p["period"][:4])


# ---------------------------------------------------------------- Markdown

def _gap_table(curve: pd.DataFrame, lang: str) -> str:
    """The plan-gap curve month by month, money in one unit for all its columns."""
    columns = [{"key": c, "type": "money", "label_en": TEXTS[f"plan.{c}"][0], "label_zh": TEXTS[f"plan.{c}"][1]}
               for c in ("cum_target", "cum_actual", "forecast", "gap")]
    rows = [{k: None if pd.isna(v) else v for k, v in r.items()} for r in curve.to_dict("records")]
    heads, cols, units = _money_columns(columns, rows, lang)
    return _md_table([_t("plan.month", lang), *heads],
                     [[f"{r['month']:%Y-%m}", *_cells(cols, r, units, lang)] for r in rows])


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def _md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(_md(h) for h in header) + " |", "|" + " --- |" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(_md(c) for c in r) + " |" for r in rows])


def to_markdown(con, account_id: str, period: str, lang: str = "en", as_of=None, today=None,
                extra: dict | None = None) -> str:
    """The account plan as Markdown: profile card, the gap curve and the twelve worksheets,
    table fields as Markdown tables."""
    p = _in_language(con, plan(con, account_id, period, as_of, today, extra, lang), lang)
    out = [f"# {_title(p, lang)}", "", _meta(p, lang), "", f"## {_t('plan.profile', lang)}", "",
           _md_table([_t("plan.profile", lang), ""],
                     [[_t("plan." + k, lang), _profile_value(k, v, lang)] for k, v in p["profile"].items()]), "",
           f"## {_t('plan.gap_chart', lang, year=p['period'][:4])}", ""]
    out += [_gap_table(p["gap_curve"], lang), ""] + ([f"*{_lines_before(p, lang)}*", ""] if _lines_before(p, lang)
                                                    else [])
    for d in playbooks.worksheets():
        sheet = p["worksheets"][d["key"]]
        values = sheet.get("values") or {}
        out += [f"## {d['number']}. {playbooks.text(d, 'title', lang)}", "", f"*{playbooks.text(d, 'intro', lang)}*",
                "", f"_{_version_line(sheet, lang)}_", ""]
        for spec in d["fields"]:
            label = playbooks.text(spec, "label", lang)
            if spec["type"] == "table":
                rows = _rows(spec, values)
                heads, cols, units = _money_columns(spec["columns"], rows, lang)
                out += ["", f"### {label}", "", _md_table(heads, [_cells(cols, r, units, lang) for r in rows])
                        if rows else _t("plan.none", lang), ""]
            else:
                out.append("- " + t("ui.labelled", lang, label=f"**{label}**",
                                    value=_md(_fmt(spec, values.get(spec["key"]), lang))))
        out.append("")
    return "\n".join(out).rstrip() + "\n"
