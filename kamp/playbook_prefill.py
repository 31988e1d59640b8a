"""What the data already knows for an account's worksheets: the prefill of the twelve playbooks.

Figures (as of a date, default the date of the last order line):

- ``revenue_12m``: net revenue in the 365 days up to as_of, ``growth_12m`` against the 365
  days before — the definitions of :mod:`kamp.features`, run on this account's lines only.
- ``months``: the months of those 365 days the account's lines cover, from its first purchase
  (tenure_days ÷ 365/12, rounded, at least 1, at most 12), so that an account three months old
  is not planned on a quarter of its three months.
- ``run_rate`` = revenue_12m ÷ months (per month).
- ``trend`` = growth_12m kept within [−0.5, +1.0]; 0 when there is no prior year. The clip
  keeps one lumpy year (from 1 to 1,000) from setting a target of 1,000 ×.
- quarter targets for the period's year, per product line L and quarter: for the period's quarter
  and those after it ``revenue_12m(L) × 12 ÷ months × (1 + trend) ÷ 4`` (rounded to cents), lines
  with positive revenue only; a quarter before the period's, over by as_of, is what L sold in it
  (net, noted as actual), and one as_of falls in, what L sold by as_of plus that rate for its
  days to come.
  The year's target is what the closed quarters sold and the open ones' targets.
- ``share_of_wallet`` = revenue_12m ÷ wallet_estimate (accounts file), when that is > 0.
- contacts by role from the contacts table, most influential first.
- the plan-gap curve (:func:`gap_curve`) and its year-end figures for worksheet 9.
- the business pyramid level now / targeted from the latest relationship assessment.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from kamp import accounts, features, i18n, playbooks

TREND_LIMITS = (-0.5, 1.0)
NO_LINE = "—"  # product line of lines that have none


def account_figures(con, account_id: str, as_of=None) -> dict:
    """One account's features (the columns of :func:`kamp.features.account_features`:
    revenue, revenue_12m, growth_12m, margin, status …) as of ``as_of``; an empty dict when it
    has no lines by then."""
    be = features.backend(con)
    as_of = pd.Timestamp(as_of).date() if as_of is not None else features.default_as_of(be)
    if as_of is None:
        return {}
    t = be.table("transactions")
    lines = features.account_features_expr(t.filter(t.account_id == str(account_id)), as_of).to_pyarrow()
    if lines.num_rows == 0:
        return {}
    # the prior year is known, or not, by where all the lines begin, not where this account's do
    derived = features._derive(lines, as_of, features._status_rules(con), features.first_line_date(be))
    return figures_of(derived.iloc[0])


def figures_of(row: pd.Series) -> dict:
    """One row of :func:`kamp.features.account_features` as :func:`account_figures` gives it
    (for many accounts, compute the table once and take their rows)."""
    return {k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in row.to_dict().items()}


def months_covered(tenure_days) -> int:
    """The months of the trailing year an account's lines cover: ``tenure_days`` (as_of − its
    first purchase) in months, rounded, within 1–12; 12 when unknown."""
    if tenure_days is None or pd.isna(tenure_days):
        return 12
    return int(min(max(round(float(tenure_days) / (365 / 12)), 1), 12))


def monthly_rate(figures: dict) -> float:
    """Monthly revenue of an account's :func:`account_figures`: revenue_12m ÷ :func:`months_covered`."""
    return float(figures.get("revenue_12m") or 0.0) / months_covered(figures.get("tenure_days"))


def trend(growth_12m) -> float:
    """growth_12m clipped to :data:`TREND_LIMITS`; 0 when unknown."""
    if growth_12m is None or pd.isna(growth_12m):
        return 0.0
    return float(min(max(float(growth_12m), TREND_LIMITS[0]), TREND_LIMITS[1]))


def account_lines(con, account_id: str) -> pd.DataFrame:
    """Every order line of one account: ts, amount, product_line, salesperson. One pass over the
    order lines gives all that a plan takes from them (:func:`product_lines`, :func:`gap_curve`,
    :func:`sellers`); on ten million lines, each pass takes a good part of a second."""
    return con.execute("SELECT ts, amount, product_line, salesperson FROM transactions WHERE account_id = ?",
                       [str(account_id)]).df()


def product_lines(con, account_id: str, as_of, lines: pd.DataFrame | None = None) -> pd.DataFrame:
    """Net revenue per product line in the 365 days up to ``as_of``. Columns: product_line
    (:data:`NO_LINE` where unknown), revenue_12m; largest first. ``lines``: the account's
    :func:`account_lines`, when already read."""
    end = pd.Timestamp(as_of) + pd.Timedelta(days=1)
    if lines is None:
        return con.execute(
            """SELECT coalesce(product_line, ?) AS product_line, sum(amount) AS revenue_12m FROM transactions
               WHERE account_id = ? AND ts >= ? AND ts < ? GROUP BY ALL ORDER BY revenue_12m DESC, product_line""",
            [NO_LINE, str(account_id), (end - pd.Timedelta(days=365)).to_pydatetime(), end.to_pydatetime()]).df()
    recent = lines[(lines["ts"] >= end - pd.Timedelta(days=365)) & (lines["ts"] < end)]
    out = (pd.DataFrame({"product_line": recent["product_line"].astype(object).fillna(NO_LINE).to_numpy(),
                         "revenue_12m": recent["amount"].astype(float).to_numpy()})
           .groupby("product_line", as_index=False, sort=False)["revenue_12m"].sum())
    return out.sort_values(["revenue_12m", "product_line"], ascending=[False, True], kind="stable").reset_index(drop=True)


def closed_quarters(period: str, as_of) -> dict[int, float]:
    """The quarters of ``period``'s year before it that had begun by ``as_of``: quarter (1–3) →
    the share of its days after as_of (0 when it was over)."""
    p = playbooks.parse_period(period)
    day = pd.Timestamp(as_of).normalize()
    out = {}
    for q in range(1, int(p[5])):
        start, end = (pd.Timestamp(d) for d in playbooks.period_bounds(f"{p[:4]}Q{q}"))
        if day >= start:
            out[q] = max((end - day).days, 0) / ((end - start).days + 1)
    return out


def quarters_sold(lines: pd.DataFrame, year: int, quarters, as_of) -> pd.DataFrame:
    """Net sales per product line in ``quarters`` of ``year``, lines up to the end of ``as_of``.
    ``lines``: :func:`account_lines`. Columns: product_line (:data:`NO_LINE` where unknown),
    quarter (1–4), sold."""
    ts = lines["ts"]
    done = lines[(ts >= pd.Timestamp(int(year), 1, 1)) & (ts < pd.Timestamp(as_of).normalize() + pd.Timedelta(days=1))]
    done = done[done["ts"].dt.quarter.isin(list(quarters))]
    return (pd.DataFrame({"product_line": done["product_line"].astype(object).fillna(NO_LINE).to_numpy(),
                          "quarter": done["ts"].dt.quarter.to_numpy(), "sold": done["amount"].astype(float).to_numpy()})
            .groupby(["product_line", "quarter"], as_index=False)["sold"].sum())


def quarter_targets(lines: pd.DataFrame, growth: float, closed: dict[int, float] | None = None,
                    sold: pd.DataFrame | None = None, lang: str = i18n.DEFAULT_LANGUAGE,
                    months: int = 12) -> list[dict]:
    """Worksheet 5 rows (quarter, product_line, target, note), quarter by quarter.

    An open quarter (not in ``closed``) has, for each line with positive revenue_12m, a target of
    revenue_12m × 12 ÷ ``months`` (:func:`months_covered`) × (1 + growth) ÷ 4 to the cent; the
    line's last open quarter takes what the rounding of the others left, so that its open
    quarters add up to its rate for them (hundreds of lines would otherwise leave the year's
    target a few cents off the run rate it was drawn from). A closed quarter (:func:`closed_quarters`: quarter → share of its days to come) has,
    for those lines and any other line that sold in it, what the line sold (``sold``:
    :func:`quarters_sold`) plus that rate for its days to come, noted as actual."""
    closed = closed or {}
    sold = {} if sold is None else {(ln, int(q)): float(a) for ln, q, a in sold[["product_line", "quarter", "sold"]]
                                    .itertuples(index=False) if q in closed}
    rates = {ln: round(float(rev) * 12 / months * (1 + growth), 2)
             for ln, rev in zip(lines["product_line"], lines["revenue_12m"]) if rev > 0}
    names = list(rates) + sorted({ln for (ln, _q), a in sold.items() if a != 0} - set(rates))
    open_q = [q for q in range(1, 5) if q not in closed]
    rows = []
    for ln in names:
        year, quarter = rates.get(ln, 0.0), round(rates.get(ln, 0.0) / 4, 2)
        mine = {q: round(sold.get((ln, q), 0.0) + year / 4 * left, 2) for q, left in closed.items()}
        if ln in rates:
            mine |= {q: quarter for q in open_q}
            if open_q:  # this line's open quarters add up to its rate for them
                mine[open_q[-1]] = round(round(year * len(open_q) / 4, 2) - quarter * (len(open_q) - 1), 2)
        rows += [{"quarter": f"Q{q}", "product_line": ln, "target": t, "note": _note(closed.get(q), lang)}
                 for q, t in mine.items()]
    return sorted(rows, key=lambda r: r["quarter"])  # stable: the lines in their order within a quarter


def _note(left: float | None, lang: str) -> str | None:
    """The note of a quarter's targets: None when open, else actual (and the rate for the rest)."""
    if left is None:
        return None
    return i18n.t("ws.targets.sold" if left == 0 else "ws.targets.sold_so_far", lang)


def notes_in(worksheet: str, values: dict, lang: str) -> dict:
    """A worksheet's ``values`` with the notes :func:`_note` gave its quarter targets, stored in
    either language, said in ``lang`` (实际：本季度销售额 reads "actual: sold in the quarter" in an
    English plan); a note a person wrote stays as written."""
    rows = values.get("targets") if worksheet == "revenue_targets" else None
    if not rows:
        return values
    notes = {i18n.t(k, said): k for k in ("ws.targets.sold", "ws.targets.sold_so_far") for said in i18n.LANGUAGES}
    return {**values, "targets": [{**r, "note": i18n.t(notes[r["note"]], lang)}
                                  if isinstance(r, dict) and r.get("note") in notes else r for r in rows]}


def contacts_by_role(con, account_id: str, role: str) -> list[dict]:
    """Worksheet 4 key-people rows of one role: name, title, influence, action (None)."""
    rows = con.execute(
        """SELECT name, title, influence FROM current_contacts WHERE account_id = ? AND role = ?
           ORDER BY influence DESC NULLS LAST, name""", [str(account_id), role]).fetchall()
    return [{"name": n, "title": t, "influence": None if i is None else int(i), "action": None} for n, t, i in rows]


def people(con, account_id: str) -> set[str]:
    """Names a contact field may hold: the account's contacts, the account owners and the
    salespeople on this account's lines."""
    return contact_names(con, account_id) | sellers(con, account_id)


def contact_names(con, account_id: str) -> set[str]:
    """The names of the account's contacts (edited in the app at any time)."""
    return {r[0] for r in con.execute("SELECT name FROM current_contacts WHERE account_id = ?", [str(account_id)]).fetchall()}


def sellers(con, account_id: str, lines: pd.DataFrame | None = None) -> set[str]:
    """The account owners and the salespeople on this account's lines (they change with an
    import only). ``lines``: the account's :func:`account_lines`, when already read."""
    if lines is None:
        lines = con.execute("SELECT DISTINCT salesperson FROM transactions WHERE account_id = ?",
                            [str(account_id)]).df()
    owners = con.execute("SELECT DISTINCT owner FROM accounts WHERE owner IS NOT NULL").fetchall()
    return {r[0] for r in owners} | set(lines["salesperson"].dropna())


GAP_NOISE = 0.05  # a gap nearer zero than this is the cents of rounded targets: 0


def _monthly_targets(targets) -> np.ndarray:
    """Twelve monthly targets from worksheet 5 rows (quarter, target), {quarter: amount} or an
    annual number (spread evenly)."""
    if targets is None:
        return np.zeros(12)
    if isinstance(targets, (int, float)):
        return np.full(12, float(targets) / 12)
    per_quarter = dict.fromkeys(range(1, 5), 0.0)
    items = targets.items() if isinstance(targets, dict) else [(r.get("quarter"), r.get("target")) for r in targets]
    for quarter, amount in items:
        if quarter and amount is not None and not pd.isna(amount):
            per_quarter[int(str(quarter).upper().lstrip("Q")[-1])] += float(amount)
    return np.repeat([per_quarter[q] / 3 for q in range(1, 5)], 3)


def gap_curve(con, account_id: str, year: int, targets, as_of=None, run_rate: float | None = None,
              lines: pd.DataFrame | None = None) -> pd.DataFrame:
    """The plan-gap curve of one account for one calendar year, by month.

    Parameters
    ----------
    targets : worksheet 5 rows (dicts with quarter "Q1"–"Q4" and target), a dict
        ``{quarter: amount}`` or an annual amount; a quarter's target is spread evenly over
        its three months, but for a quarter over by as_of whose target is what it sold
        (:func:`_as_sold`): spread as it sold.
    as_of : the last day with actuals (default: the last order line).
    run_rate : monthly revenue expected for the months after as_of (default :func:`monthly_rate`
        as of as_of).
    lines : the account's :func:`account_lines`, when already read.

    Returns
    -------
    DataFrame, twelve rows: month (first day), target (the month's), cum_target, actual (the
    month's net revenue; NaN after the as_of month), cum_actual (NaN after the as_of month),
    forecast (cum_actual up to the as_of month, then + run_rate per month, and for the days of
    the as_of month after as_of their share of it; NaN throughout when
    as_of is before the year began: no line of the year to go on), gap (cum_target − forecast;
    positive = short of target; within :data:`GAP_NOISE` of zero, 0).
    """
    as_of = pd.Timestamp(as_of if as_of is not None else features.default_as_of(con) or dt.date.today())
    if run_rate is None:
        run_rate = monthly_rate(account_figures(con, account_id, as_of))
    months = pd.date_range(f"{int(year)}-01-01", periods=12, freq="MS")
    if lines is None:
        m = accounts.monthly(con, account_id, as_of)
        by_month = m.assign(month=pd.to_datetime(m["month"]).dt.tz_localize(None)).set_index("month")["net"]
    else:  # as accounts.monthly: the lines up to the end of the as-of day, net per calendar month
        done = lines[lines["ts"] < as_of + pd.Timedelta(days=1)]
        by_month = done["amount"].astype(float).groupby(done["ts"].dt.to_period("M").dt.to_timestamp()).sum()
    net = by_month.reindex(months, fill_value=0.0).astype(float).to_numpy()
    known = months <= as_of.to_period("M").to_timestamp()
    actual = np.where(known, net, np.nan)
    cum_actual = np.where(known, np.cumsum(np.where(known, net, 0.0)), np.nan)
    reached = float(np.nansum(actual))
    ahead = np.cumsum(~known)  # months past as_of, counted 1, 2, …
    # the days of the as-of month after it are still to come, at the run rate (a month's lines end
    # on the 9th: its other 22 days are forecast, not taken as a whole month's actual)
    this = months == as_of.to_period("M").to_timestamp()
    rest = run_rate * (as_of.days_in_month - as_of.day) / as_of.days_in_month if this.any() else 0.0
    forecast = np.where(known, cum_actual + np.where(this, rest, 0.0), reached + rest + run_rate * ahead)
    if as_of < months[0]:  # the lines end before the year began: its forecast is unknown
        forecast = np.full(12, np.nan)
    target = _as_sold(_monthly_targets(targets), net, months, as_of)
    out = pd.DataFrame({"month": months, "target": target, "cum_target": np.cumsum(target), "actual": actual,
                        "cum_actual": cum_actual, "forecast": forecast})
    gap = (out["cum_target"] - out["forecast"]).round(2)
    out["gap"] = gap.where(~(gap.abs() < GAP_NOISE), 0.0)  # targets rounded to the cent against a run rate
    return out


def _as_sold(target: np.ndarray, net: np.ndarray, months, as_of) -> np.ndarray:
    """Monthly targets with each quarter over by the as-of day whose target is what it sold
    (to the cent: a closed quarter prefilled with its actuals) spread as it sold, month by month:
    evenly spread, its months would read behind and ahead of a target they met."""
    target = target.copy()
    closed = months.to_period("Q").end_time.normalize() <= as_of.normalize()
    for q in range(4):
        m = slice(3 * q, 3 * q + 3)
        if closed[3 * q + 2] and abs(target[m].sum() - net[m].sum()) < 0.01:
            target[m] = net[m]
    return target


def gap_summary(curve: pd.DataFrame) -> dict:
    """Year-end figures of a :func:`gap_curve`: annual_target, actual_to_date, forecast_year_end
    and gap (None when the forecast is unknown)."""
    last = curve.iloc[-1]
    known = pd.notna(last["forecast"])
    return {"annual_target": round(float(last["cum_target"]), 2),
            "actual_to_date": round(float(np.nansum(curve["actual"])), 2),
            "forecast_year_end": round(float(last["forecast"]), 2) if known else None,
            "gap": round(float(last["gap"]), 2) + 0.0 if known else None}  # + 0.0: −0.00 reads 0.00


def pyramid_levels(con, account_id: str) -> dict:
    """The latest business pyramid assessment (table ``relationship_assessments``, kept by
    :mod:`kamp.relationship`): {"now": level, "target": level}, None where unknown."""
    row = con.execute(
        """SELECT pyramid_now, pyramid_target FROM relationship_assessments WHERE account_id = ?
           ORDER BY saved_at DESC, rowid DESC LIMIT 1""", [str(account_id)]).fetchone()
    return {"now": row[0] if row else None, "target": row[1] if row else None}


def sources(con, account_id: str, period: str, as_of=None, today=None, figures: dict | None = None,
            lines: pd.DataFrame | None = None, lang: str = i18n.DEFAULT_LANGUAGE) -> dict:
    """Every prefill source (the names of :data:`kamp.playbooks.PREFILL_SOURCES`) with its
    value for this account and period, plus ``gap_curve`` (the frame) and ``as_of``.
    ``figures``: the account's :func:`account_figures`, ``lines`` its :func:`account_lines`,
    when already known; ``lang``: the language of the targets' notes."""
    period = playbooks.parse_period(period)
    year = int(period[:4])
    as_of = pd.Timestamp(as_of).date() if as_of is not None else features.default_as_of(con) or dt.date.today()
    fig = figures if figures is not None else account_figures(con, account_id, as_of)
    rev = round(float(fig.get("revenue_12m") or 0.0), 2)
    growth = trend(fig.get("growth_12m"))
    wallet = accounts.record(con, account_id).get("wallet_estimate")
    mine = lines if lines is not None else account_lines(con, account_id)
    lines = product_lines(con, account_id, as_of, mine)
    closed = closed_quarters(period, as_of)
    months = months_covered(fig.get("tenure_days"))
    targets = quarter_targets(lines, growth, closed, quarters_sold(mine, year, closed, as_of), lang, months)
    saved5 = playbooks.latest(con, account_id, period, "revenue_targets")
    curve = gap_curve(con, account_id, year, ((saved5 or {}).get("values") or {}).get("targets") or targets,
                      as_of, run_rate=rev / months, lines=mine)
    saved8 = playbooks.latest(con, account_id, period, "short_term_metrics")
    milestones = ((saved8 or {}).get("values") or {}).get("milestones")
    levels = pyramid_levels(con, account_id)
    out = {"as_of": as_of, "gap_curve": curve, "revenue_12m": rev, "run_rate": round(rev / months, 2),
           "trend": round(growth, 4), "wallet_estimate": wallet, "period_year": year,
           "share_of_wallet": round(max(rev, 0.0) / wallet, 4) if wallet and wallet > 0 else None,
           "products_in_use": [{"product_line": p, "revenue_12m": round(float(r), 2), "note": None}
                               for p, r in zip(lines["product_line"], lines["revenue_12m"])],
           "quarter_targets": targets, "pyramid_level:now": levels["now"], "pyramid_level:target": levels["target"],
           "milestone_status": playbooks.milestone_status(milestones, today or dt.date.today()) or None,
           **gap_summary(curve)}
    for role in ("decision_maker", "sponsor", "strategic_coach", "anti_sponsor"):
        out[f"contacts_by_role:{role}"] = contacts_by_role(con, account_id, role) or None
    return out


def prefill(con, account_id: str, period: str, as_of=None, today=None, figures: dict | None = None,
            lang: str = i18n.DEFAULT_LANGUAGE) -> dict[str, dict]:
    """Default values for a first version of each worksheet: ``{worksheet_key: values}`` with
    every field (blank or default) and the figures the data knows (see the module docstring);
    worksheet 8's milestones, when the period has them, carry their status against ``today``.
    ``figures``: the account's :func:`account_figures` when already known; ``lang``: the
    language of worksheet 5's notes."""
    return values_from(sources(con, account_id, period, as_of, today, figures, lang=lang))


def values_from(src: dict) -> dict[str, dict]:
    """:func:`prefill` from already computed :func:`sources`."""
    out = {}
    for sheet in playbooks.worksheets():
        values = playbooks.blank(sheet["key"])
        for f in sheet["fields"]:
            # a table whose column has a prefill (the milestones' status) takes the rows it computes
            name = f.get("prefill") or next((c["prefill"] for c in f.get("columns") or [] if c.get("prefill")), None)
            if src.get(name) is not None:
                values[f["key"]] = src[name]
        out[sheet["key"]] = playbooks.validate(sheet["key"], values)
    return out
