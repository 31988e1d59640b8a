"""Presentation mode of the quarterly review (季度回顾): the meeting's slides, one view each.

:func:`slides` returns, in the order the meeting reads them:

1. ``portfolio`` — accounts, trailing-12-month net revenue, the top-20 % share of it,
   accounts active / dormant / lost; revenue by month.
2. ``concentration`` — the Pareto curve of revenue_12m with top-20 % share, accounts for
   80 %, Gini, HHI and effective accounts: with a pair A → B, snapshot B's (as the Review shows
   them), each with its change since A; without, as of the analysis date.
3. ``migration`` — tier migration between snapshots A → B (default: B the latest taken up to
   the analysis date, A the latest of a date before B's; one taken after it is said to be) as a
   Sankey, with the accounts that moved up, slipped, are new, were lost, were won back and
   stayed (:func:`kamp.review.movers`; they add up to the accounts of either snapshot that
   were not lost in both).
4. ``at_risk`` — key accounts (top tier in B with a pair, else as of the analysis date; tier
   rank ≤ :data:`kamp.review.KEY_RANKS`) that are dormant or lost, turned dormant A → B, have
   overdue milestones (worksheet 8 of the plans' quarter or B's, as of ``today``) or no sponsor
   (赞助人) on file (none is said to lack one when no contact is on file at all); the counts are
   of the top tier (the first, of those not lost, as the Review counts key accounts), and an
   account key in A that turned dormant and left the top tier is listed, labelled so, and
   counted apart.
5. ``account`` — one per key account, largest revenue_12m first, at most
   :data:`MAX_ACCOUNT_SLIDES`: the plan-gap curve of the plans' year, actuals up to the
   analysis date, and its year-end figures (:func:`kamp.playbook_prefill.sources`).
6. ``actions`` — the open actions (status not done / dropped) of worksheet 10 of the key
   accounts, from the plans' quarter or, where none, the quarter before.

The plans' quarter is today's, or the analysis date's when one picked falls before it, or
the last line's when none is picked and the lines end before last quarter
(:func:`kamp.playbooks.plan_period`); a figure that is still counted as of today says so.

Each slide is a dict: kind, title, subtitle, figure (a Plotly figure styled by
:func:`kamp.charts_present.projector`, or None), facts (list of ``(label, value, note)``:
big numbers as text, note a short comparison or None), rows (a small frame with headers and
values as display text, or None: up to :data:`TALL_ROWS`, of which a screen shorter than 1,080
pixels shows the first :data:`MAX_ROWS`), note (a line under the slide or None), short_note
(the note of the shorter screen), account_id (of an ``account`` slide) and link (``"plan"``
when the slide should offer the account plan page).
"""
from __future__ import annotations

import datetime as dt
import unicodedata

import numpy as np
import pandas as pd

from kamp import (account_plan, accounts, charts, charts_present, concentration, frames, meeting, playbook_defs,
                  playbook_prefill, playbooks, portfolio, review, store)
from kamp.i18n import money, t

KINDS = ["portfolio", "concentration", "migration", "at_risk", "account", "actions"]
MAX_ACCOUNT_SLIDES = 8
# The columns of the account table the slides read.
TABLE_COLUMNS = ["account_id", "name", "tier", "status", "revenue", "revenue_12m", "growth_12m", "owner"]
MAX_ROWS = 8  # table rows a screen shorter than 1,080 pixels (a 1,366 × 768 laptop) shows legibly
TALL_ROWS = 12  # and a 1,080-pixel one, below the same figures
MOVES = ["up", "down", "new", "lost", "won_back", "same"]  # the migration facts, in this order


def _slide(kind: str, title: str, subtitle: str = "", figure=None, facts=None, rows=None, note=None,
           account_id=None, link=None, short_note=None) -> dict:
    return {"kind": kind, "title": title, "subtitle": subtitle, "figure": figure, "facts": facts or [],
            "rows": rows, "note": note, "account_id": account_id, "link": link,
            "short_note": note if short_note is None else short_note}


def _notes(lang: str, total: int, *more_notes) -> tuple[str | None, str | None]:
    """The sentences under a table of ``total`` accounts, of which :data:`TALL_ROWS` are shown on
    a tall screen and :data:`MAX_ROWS` on a shorter one, followed by ``more_notes``: (tall, short)."""
    def note(shown):
        more = t("present.more_accounts", lang, n=total - shown) if total > shown else None
        return ("" if lang == "zh" else " ").join(filter(None, (more, *more_notes))) or None
    return note(min(total, TALL_ROWS)), note(min(total, MAX_ROWS))


def fact_widths(facts) -> list[int]:
    """The columns' widths for a slide's ``facts`` (label, value, note): each as wide as its
    longest text (a Chinese character counts as two letters), at least ten letters, so that a long
    label (八成收入的客户数·近 12 个月) is not cut where a short one leaves room."""
    def width(text) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text or ""))
    return [max(10, *(width(x) for x in fact)) for fact in facts]


def _pct(x) -> str:
    return "—" if x is None or pd.isna(x) else f"{x:.1%}"


def _label(name, account_id) -> str:
    return f"{name} · {account_id}" if isinstance(name, str) and name else str(account_id)


# ---------------------------------------------------------------- the slides

def _portfolio(con, table: pd.DataFrame, meta: dict, lang: str) -> dict:
    status = accounts.status_counts(table)
    n = len(table)
    facts = [(t("overview.accounts", lang), f"{n:,}", None),
             (t("present.revenue_12m", lang), money(float(table["revenue_12m"].sum()), lang), None),
             (t("present.top20_12m", lang), _pct(concentration.top_share(table["revenue_12m"], 0.2)), None)]
    facts += [(t(f"status.{s}", lang), f"{status[s]:,}", t("present.of_accounts", lang, share=_pct(status[s] / n)))
              for s in accounts.STATUSES]
    as_of = meta.get("as_of")
    first, last = store.line_span(con)
    if as_of is not None and last is not None:  # the lines up to the analysis date, as the overview draws them
        last = min(last, pd.Timestamp(as_of) + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1))
    fig = charts_present.projector(charts.monthly_revenue(portfolio.monthly_revenue(con, as_of), lang, first, last))
    return _slide("portfolio", t("present.portfolio.title", lang),
                  t("present.portfolio.subtitle", lang, date=f"{as_of:%Y-%m-%d}" if as_of else "—"), fig, facts)


def _change(now, before, kind: str, lang: str, a_name: str) -> str | None:
    if now is None or before is None or pd.isna(now) or pd.isna(before):
        return None
    d = float(now) - float(before)
    text = {"pt": t("review.kpi.pp", lang, delta=f"{d * 100:+.1f}"), "int": f"{d:+,.0f}", "gini": f"{d:+.3f}",
            "one": f"{d:+,.1f}"}[kind]
    if not any(ch in "123456789" for ch in text):  # no change at the precision shown
        return t("present.level", lang, name=a_name)
    arrow = "▲" if d > 0 else "▼"
    return t("present.vs", lang, change=f"{arrow} {text.replace('-', '−')}", name=a_name)


def _frozen_concentration(con, name: str | None) -> dict:
    """The concentration of revenue_12m frozen in snapshot ``name`` ({} for None)."""
    if not name:
        return {}
    trend = review.concentration_trend(con, "revenue_12m")
    row = trend[trend["name"] == name]
    return row.iloc[0].to_dict() if len(row) else {}


def _concentration(con, table: pd.DataFrame, lang: str, a_name: str | None, b_name: str | None,
                   when: dict) -> dict:
    """With a pair, ``table`` is B's accounts and the figures B's frozen ones, as the Review shows them."""
    paired = bool(a_name and b_name)
    s = _frozen_concentration(con, b_name) if paired else concentration.summary(table["revenue_12m"], 0.2)
    before = _frozen_concentration(con, a_name) if paired else {}
    specs = [("top20_share", t("present.top20_12m", lang), _pct, "pt"),
             ("accounts_for_80pct", t("present.for80_12m", lang), lambda v: f"{v or 0:,}", "int"),
             ("gini", t("present.gini_12m", lang), lambda v: "—" if v is None else f"{v:.3f}", "gini"),
             ("hhi", t("present.hhi_12m", lang), lambda v: "—" if v is None else f"{v:,.0f}", "int"),
             ("effective_accounts", t("present.effective_12m", lang), lambda v: "—" if v is None else f"{v:,.1f}", "one")]
    facts = [(label, fmt(s[k]), _change(s[k], before.get(k), kind, lang, a_name) if paired else None)
             for k, label, fmt, kind in specs]
    fig = charts.pareto(concentration.pareto(table, "revenue_12m"), lang, 0.2, title=False)
    subtitle = t("present.concentration.subtitle", lang, n=f"{int(s['accounts']):,}")
    if paired:
        subtitle = _of_snapshot(con, b_name, lang) + subtitle + t("present.concentration.since", lang, name=a_name) \
            + _after(lang, when["late"], when["as_of"])
    return _slide("concentration", t("present.concentration.title", lang), subtitle, charts_present.projector(fig),
                  facts)


def _of_snapshot(con, name: str, lang: str) -> str:
    """The words that open a slide whose figures are snapshot ``name``'s."""
    return t("present.of_snapshot", lang, name=name, date=f"{review.snapshot_info(con, name)['as_of']:%Y-%m-%d}")


def _after(lang: str, late: list[str], as_of) -> str:
    """The words a slide adds when it reads snapshots taken after the analysis date ('' if none)."""
    return t("present.after_date", lang, names=", ".join(late), date=f"{pd.Timestamp(as_of):%Y-%m-%d}") if late else ""


def _unpaired(lang: str, when: dict, fewer: str, one_day: str) -> str:
    """Why there is no pair up to the analysis date ('' when there is one, or no snapshots):
    text ``fewer`` (fewer than two snapshots up to it) or ``one_day`` (all of one day)."""
    if not when["unpaired"]:
        return ""
    if when["one_day"] is not None:
        return t(one_day, lang, date=when["unpaired"], day=f"{when['one_day']:%Y-%m-%d}")
    return t(fewer, lang, date=when["unpaired"])


def _migration(con, lang: str, a_name: str | None, b_name: str | None, when: dict) -> dict:
    title = t("present.migration.title", lang)
    if not (a_name and b_name):  # fewer than two snapshots, or than two up to the analysis date
        return _slide("migration", title, _unpaired(lang, when, "present.migration.none_by",
                                                    "present.migration.one_day") or t("present.migration.none", lang))
    a, b = review.snapshot_accounts(con, a_name), review.snapshot_accounts(con, b_name)
    moved = review.movers(a, b)["direction"].value_counts()
    facts = [(t(f"present.dir.{m}", lang), f"{int(moved.get(m, 0)):,}", None) for m in MOVES]
    fig = charts_present.migration_sankey(review.migration(a, b), lang, a_name, b_name)
    return _slide("migration", title,
                  t("present.migration.subtitle", lang, a=a_name, b=b_name, n=f"{int(moved.sum()):,}")
                  + _after(lang, when["late"], when["as_of"]), charts_present.projector(fig), facts)


def _today_note(lang: str, when: dict) -> str | None:
    """What a slide of an earlier quarter's plans says of a figure counted as of today (None otherwise)."""
    return t("present.by_today", lang, day=f"{when['today']:%Y-%m-%d}") if when["earlier"] else None


def _at_risk(con, table: pd.DataFrame, lang: str, a_name, b_name, period: str, when: dict) -> dict:
    risk = meeting.at_risk(con, table, a_name, b_name, period, when["today"])
    top = risk[risk["key"]]  # the facts count the top tier's accounts, as their heading says
    left = int(risk.loc[~risk["key"], "turned_dormant"].sum())  # listed, counted apart (in the note)
    paired, contacts = bool(a_name and b_name), meeting.contacts_on_file(con)
    # "—" where a figure cannot be had: no pair to compare, no contact imported
    key = int((meeting.key_mask(table) & (table["status"] != "lost")).sum())  # as the Review counts them
    lost_ids = table.loc[meeting.key_mask(table) & (table["status"] == "lost"), "account_id"]
    lost = len(lost_ids)  # among the dormant or lost, not the key accounts
    kept = top[~frames.isin(top["account_id"], lost_ids)]  # the key accounts counted: no sponsor among them
    # milestones are overdue by today's date: said so when the figures are of an earlier day
    by_today = when["earlier"] or (when["as_of"] is not None and when["as_of"] < when["today"])
    facts = [(t("present.key_accounts", lang), f"{key:,}", None),
             (t("present.risk.inactive", lang), f"{int(top['inactive'].sum()):,}",
              t("present.risk.lost_apart", lang, n=lost) if lost else None),
             (t("present.risk.turned_dormant", lang), f"{int(top['turned_dormant'].sum()):,}" if paired else "—",
              f"{a_name} → {b_name}" if paired else t("present.risk.needs_pair", lang)),
             (t("present.risk.overdue_today" if by_today else "present.risk.overdue", lang),
              f"{int(top['overdue'].sum()):,}",  # the quarters in the note, to keep the label short
              t("present.risk.overdue_of", lang, periods=" + ".join(meeting.overdue_periods(con, period, b_name)))),
             (t("present.risk.no_sponsor", lang), f"{int(kept['no_sponsor'].sum()):,}" if contacts else "—",
              _today_note(lang, when) if contacts else t("present.risk.no_contacts", lang))]
    title = t("present.risk.title", lang)
    subtitle = (_of_snapshot(con, b_name, lang) if paired else "") + t("present.risk.subtitle", lang) \
        + _after(lang, when["late"], when["as_of"]) + (
        _unpaired(lang, when, "present.risk.no_pair", "present.risk.one_day"))
    apart = t("present.risk.left_top", lang, n=left, a=a_name, b=b_name) if left else None
    if risk.empty:
        return _slide("at_risk", title, subtitle, facts=facts, note=t("present.risk.none", lang))
    info = table.set_index("account_id")
    risk = risk.join(info[["name", "tier", "status", "revenue_12m"]], on="account_id")
    risk = risk.iloc[meeting.gravest_first(risk)]
    shown = risk.head(TALL_ROWS)

    def why(r) -> str:
        parts = []
        if not r["key"]:
            parts.append(t("present.reason.left_top", lang))
        if r["turned_dormant"]:
            parts.append(t("present.reason.turned_dormant", lang, a=a_name, b=b_name))
        elif r["inactive"]:
            parts.append(t(f"status.{r['status']}", lang))
        if r["overdue"]:
            parts.append(t("present.reason.overdue", lang, n=int(r["overdue"])))
        if r["no_sponsor"]:
            parts.append(t("present.reason.no_sponsor", lang))
        return " · ".join(parts)

    rows = pd.DataFrame({
        t("present.col.account", lang): [_label(n, a) for n, a in zip(shown["name"], shown["account_id"])],
        t("present.col.tier", lang): [accounts.tier_label(x, lang) for x in shown["tier"]],
        t("present.col.revenue_12m", lang): [money(v, lang) for v in shown["revenue_12m"]],  # as the account page
        t("present.col.why", lang): [why(r) for _, r in shown.iterrows()]})
    note, short = _notes(lang, len(risk), apart)
    return _slide("at_risk", title, subtitle, facts=facts, rows=rows, note=note, short_note=short)


def _account(con, row: pd.Series, lang: str, period: str, as_of, today, lines: pd.DataFrame) -> dict:
    src = playbook_prefill.sources(con, row["account_id"], period, as_of, today,
                                   figures=playbook_prefill.figures_of(row), lines=lines, lang=lang)
    saved = playbooks.latest(con, row["account_id"], period, "revenue_targets") is not None
    target, gap, forecast = src["annual_target"], src["gap"], src["forecast_year_end"]
    facts = [(t("present.annual_target", lang), money(target, lang),
              t("present.targets_plan" if saved else "present.targets_draft", lang)),
             (t("present.actual_to_date", lang), money(src["actual_to_date"], lang),
              t("present.of_target", lang, share=_pct(src["actual_to_date"] / target)) if target > 0 else None)]
    if forecast is None:  # the lines end before the plan's year: nothing to forecast it from
        facts += [(t("present.forecast_year_end", lang), "—", None), (t("plan.gap", lang), "—", None)]
    else:
        facts += [(t("present.forecast_year_end", lang), money(forecast, lang),
                   t("present.of_target", lang, share=_pct(forecast / target)) if target > 0 else None),
                  (t("present.gap_short" if gap > 0 else "present.gap_ahead", lang), money(abs(gap), lang),
                   None)]
    note = None if forecast is not None else t("plan.lines_before", lang, date=f"{pd.Timestamp(src['as_of']):%Y-%m-%d}",
                                               year=src["period_year"])
    subtitle = t("present.account.subtitle", lang, tier=accounts.tier_label(row["tier"], lang),
                 status=t(f"status.{row['status']}", lang) if row["status"] in accounts.STATUSES else row["status"],
                 owner=row.get("owner") if isinstance(row.get("owner"), str) and row.get("owner") else "—",
                 revenue=money(row["revenue_12m"], lang), year=src["period_year"])
    fig = charts_present.projector(account_plan.gap_figure(src["gap_curve"], lang))
    fig.update_xaxes(tickformat="%Y-%m", dtick="M1")  # numeric months read the same in both languages
    return _slide("account", _label(row.get("name"), row["account_id"]), subtitle, fig, facts, note=note,
                  account_id=row["account_id"], link="plan")


def _actions(con, table: pd.DataFrame, lang: str, period: str, when: dict) -> dict:
    key = table.loc[meeting.key_mask(table)]
    acts = meeting.open_actions(con, key["account_id"], period)
    title = t("present.actions.title", lang)
    if acts.empty:
        return _slide("actions", title, t("present.actions.subtitle", lang, period=period),
                      note=t("present.actions.none", lang, period=period,
                             previous=playbooks.previous_period(period)), link="plan")
    today = when["today"]
    overdue = acts["due"].map(lambda d: d is not None and d < today)
    facts = [(t("present.actions.open", lang), f"{len(acts):,}", None),
             (t("present.actions.overdue", lang), f"{int(overdue.sum()):,}", _today_note(lang, when)),
             (t("present.actions.accounts", lang), f"{acts['account_id'].nunique():,}",
              t("present.of_key", lang, n=f"{len(key):,}"))]
    spec = next(c for c in playbook_defs.worksheet("action_plan")["fields"][0]["columns"] if c["key"] == "status")
    names = table.set_index("account_id")["name"]
    shown = acts.head(MAX_ROWS)
    rows = pd.DataFrame({
        t("present.col.account", lang): [_label(names.get(a), a) for a in shown["account_id"]],
        t("present.col.action", lang): shown["action"].tolist(),
        t("present.col.owner", lang): [o if isinstance(o, str) and o else "—" for o in shown["owner"]],
        t("present.col.due", lang): [f"{d:%Y-%m-%d}" + (" ⚠" if d < today else "") if d else "—"
                                     for d in shown["due"]],
        t("present.col.status", lang): [playbook_defs.choice_label(spec, s, lang) or "—" for s in shown["status"]]})
    note = t("present.more", lang, n=len(acts) - len(shown)) if len(acts) > len(shown) else None
    return _slide("actions", title, t("present.actions.subtitle", lang, period=period), facts=facts, rows=rows,
                  note=note, link="plan")


def _account_lines(con, account_ids) -> dict[str, pd.DataFrame]:
    """:func:`kamp.playbook_prefill.account_lines` of each of ``account_ids``, read in one pass
    over the order lines (ten million of them take a good part of a second per pass)."""
    ids = [str(a) for a in account_ids]
    df = con.execute("""SELECT account_id, ts, amount, product_line, salesperson FROM transactions
                        WHERE account_id IN (SELECT unnest(?::VARCHAR[]))""", [ids]).df()
    groups = dict(iter(df.groupby("account_id", sort=False)))
    return {a: (groups[a] if a in groups else df.iloc[:0]).drop(columns="account_id").reset_index(drop=True)
            for a in ids}


def _when(con, as_of, pair: tuple, period: str, today: dt.date) -> dict:
    """What the slides say of their dates: as_of, today, late (the snapshots of ``pair`` taken
    after as_of), earlier (the plans are of a quarter before today's: what counts as of today
    says so), unpaired (as_of as text when snapshots exist but not two up to it, else None) and
    one_day (the day, when those up to as_of are two or more, all of that day)."""
    unpaired = as_of is not None and not all(pair) and len(review.snapshots(con)) >= 2
    return {"as_of": as_of, "today": today, "late": meeting.taken_after(con, pair, as_of),
            "earlier": period != playbooks.current_period(today),
            "unpaired": f"{as_of:%Y-%m-%d}" if unpaired else None,
            "one_day": meeting.one_day(con, as_of) if unpaired else None}


def slides(con, account_table: pd.DataFrame, meta: dict, lang: str, a_name: str | None = None,
           b_name: str | None = None, today=None, chosen=None) -> list[dict]:
    """The meeting's slides in order (module docstring); ``[]`` when there are no accounts.

    Parameters
    ----------
    account_table, meta : :func:`kamp.analysis.account_table` (tier names in either language).
    a_name, b_name : the snapshots compared (default: :func:`kamp.meeting.snapshot_pair` as of meta's
        as_of); a slide reading one taken after that date says so.
    today : the meeting's date (default: today); it sets what is overdue.
    chosen : the analysis date the user picked (None when none was): the plans shown are of its
        quarter when that is before today's, else today's — or, with none picked and lines that
        end before last quarter, of the last line's quarter (:func:`kamp.playbooks.plan_period`).
    """
    if account_table is None or account_table.empty:
        return []
    today = pd.Timestamp(today if today is not None else dt.date.today()).date()
    period = playbooks.plan_period(chosen, today, last=meta.get("as_of"))
    as_of = meta.get("as_of")
    a_name, b_name = meeting.snapshot_pair(con, a_name, b_name, as_of)
    table, when = account_table, _when(con, as_of, (a_name, b_name), period, today)
    # the slides that compare A → B read B's accounts, as the Review does; the others, the analysis date's
    compared = review.snapshot_accounts(con, b_name) if a_name and b_name else table
    out = [_portfolio(con, table, meta, lang), _concentration(con, compared, lang, a_name, b_name, when),
           _migration(con, lang, a_name, b_name, when),
           _at_risk(con, compared, lang, a_name, b_name, period, when)]
    key = table.loc[meeting.key_mask(table)]
    revenue = key["revenue_12m"].fillna(-np.inf).to_numpy()
    if len(key) > MAX_ACCOUNT_SLIDES:  # only the largest few (with any tied at the last place) are sorted
        key = key[revenue >= np.partition(revenue, len(key) - MAX_ACCOUNT_SLIDES)[len(key) - MAX_ACCOUNT_SLIDES]]
    key = key.iloc[np.lexsort((key["account_id"].astype(str), -key["revenue_12m"].fillna(-np.inf).to_numpy()))]
    shown = key.head(MAX_ACCOUNT_SLIDES)
    lines = _account_lines(con, shown["account_id"])
    out += [_account(con, row, lang, period, meta.get("as_of"), today, lines[row["account_id"]])
            for _, row in shown.iterrows()]
    out.append(_actions(con, table, lang, period, when))
    return out
