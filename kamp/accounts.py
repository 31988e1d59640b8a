"""What the portfolio pages need beyond the analysis table: one account's record and months,
segment and ABC summaries, the value × potential matrix and tier names in either language.

Functions take a connection or the frame of :func:`kamp.analysis.account_table` and return a
dict or a small frame; none of them draws anything.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from kamp import concentration, frames, rfm, tiers

# Indicators a person may rank accounts on (seed 004: transaction, financial, contact and
# characteristic indicators that exist per account).
INDICATORS = ["revenue", "revenue_12m", "gross_sales", "orders", "purchase_days", "margin", "avg_order",
              "largest_order", "return_amount", "returns", "discount", "tenure_days"]
# Indicators the order lines may lack: NaN for every account when no line has a cost (margin) or a discount.
FROM_OPTIONAL_COLUMNS = ("margin", "discount")
# Numeric features the tiers may cluster on.
TIER_FEATURES = ["days_since_last", "orders", "revenue", "margin", "margin_pct", "purchase_days", "avg_order",
                 "largest_order", "revenue_12m", "growth_12m", "tenure_days", "return_amount", "discount"]
QUADRANTS = ["small_low", "large_low", "small_high", "large_high"]  # seed 003's order: 一 … 四
# An account with neither a wallet estimate nor a growth the lines can tell (they begin within the
# last two years): its potential is unknown, and it is in no quadrant.
POTENTIAL_UNKNOWN = "unknown"
STATUSES = ["active", "dormant", "lost"]


def record(con, account_id: str) -> dict:
    """The account's master record (name, industry, region, country, size_band, owner,
    wallet_estimate …); an empty dict when the accounts file does not list it."""
    cur = con.execute(
        """SELECT name, industry, region, country, size_band, owner, listed, annual_revenue, wallet_estimate
           FROM accounts WHERE account_id = ?""", [str(account_id)])
    row = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], row)) if row else {}


def first_line(con, account_id: str):
    """The date of the account's first order line (None when it has none)."""
    return con.execute("SELECT CAST(min(ts) AS DATE) FROM transactions WHERE account_id = ?",
                       [str(account_id)]).fetchone()[0]


def on_record(con, account_id: str) -> dict:
    """What the database holds of an account besides its order lines: ``record`` (whether an
    account record lists it), ``name`` (the record's; None without one), and how many current
    ``contacts``, ``interactions`` and ``invoices`` it has (an invoice on several rows, one per
    instalment, counted once)."""
    return dict(zip(["record", "name", "contacts", "interactions", "invoices"], con.execute(
        """SELECT EXISTS (SELECT 1 FROM accounts WHERE account_id = $id),
                  (SELECT name FROM accounts WHERE account_id = $id),
                  (SELECT count(*) FROM current_contacts WHERE account_id = $id),
                  (SELECT count(*) FROM interactions WHERE account_id = $id),
                  (SELECT count(DISTINCT invoice_id) FROM current_payments WHERE account_id = $id)""",
        {"id": str(account_id)}).fetchone()))


def monthly(con, account_id: str, as_of=None) -> pd.DataFrame:
    """One account's sales, returns and net per calendar month up to ``as_of``. Columns:
    month, sales (≥ 0), returns (≤ 0), net."""
    end = pd.Timestamp(as_of) + pd.Timedelta(days=1) if as_of is not None else pd.Timestamp("9999-12-31")
    return con.execute(
        """SELECT date_trunc('month', ts) AS month,
                  coalesce(sum(amount) FILTER (WHERE amount > 0), 0) AS sales,
                  coalesce(sum(amount) FILTER (WHERE amount < 0), 0) AS returns,
                  sum(amount) AS net
           FROM transactions WHERE account_id = ? AND ts < ?
           GROUP BY ALL ORDER BY month""", [str(account_id), end.to_pydatetime()]).df()


def cycle_position(df: pd.DataFrame, account_id: str, rules: dict | None = None) -> dict:
    """Where one account stands against its own purchase cycle, as its status is judged
    (:func:`kamp.features.activity_status`). ``df`` is the account table (all accounts: the
    median cycle stands in for single-purchase accounts); ``rules`` the status rules.

    Returns days_since_last, cycle (days), cycles (days_since_last ÷ cycle), dormant_after and
    lost_after (in cycles), min_cycle and max_cycle (days: the bounds the cycle is kept within),
    and own (whether the cycle is the account's own mean interval, not the portfolio's median)."""
    from kamp import features

    rules = {**features.STATUS_DEFAULTS, **(rules or {})}
    cycle = features.purchase_cycle(df["mean_interval_days"].astype(float), rules)
    at = df.index[df["account_id"] == str(account_id)][0]
    since, days = float(df.at[at, "days_since_last"]), float(cycle.at[at])
    return {"days_since_last": int(since), "cycle": days, "cycles": since / days,
            "dormant_after": float(rules["dormant_after_cycles"]), "lost_after": float(rules["lost_after_cycles"]),
            "min_cycle": float(rules["min_cycle_days"]), "max_cycle": float(rules["max_cycle_days"]),
            "own": bool(pd.notna(df.at[at, "mean_interval_days"]))}


def wallets(con) -> pd.DataFrame:
    """Known wallet estimates. Columns: account_id, wallet_estimate."""
    return con.execute(
        "SELECT account_id, wallet_estimate FROM accounts WHERE wallet_estimate IS NOT NULL").df()


def held_indicators(df: pd.DataFrame) -> list[str]:
    """The :data:`INDICATORS` the account table ``df`` holds a value of (columns: those
    indicators): margin only when some line has a cost, discount only when some line has one."""
    return [c for c in INDICATORS if c not in FROM_OPTIONAL_COLUMNS or df[c].notna().any()]


def status_counts(df: pd.DataFrame) -> dict[str, int]:
    """Accounts per activity status (active, dormant, lost), zero where none."""
    counts = df["status"].value_counts() if len(df) else pd.Series(dtype=int)
    return {s: int(counts.get(s, 0)) for s in STATUSES}


def segment_summary(df: pd.DataFrame, rules: list[dict] | None = None) -> pd.DataFrame:
    """Accounts and net revenue per RFM segment, in rule order (``Other`` last). Columns:
    segment, accounts, account_share, revenue, revenue_share (of the net total:
    :func:`kamp.concentration.net_shares`)."""
    order = [x["segment"] for x in (rules or rfm.DEFAULT_SEGMENTS)] + [rfm.OTHER]
    g = df.groupby("segment").agg(accounts=("account_id", "size"), revenue=("revenue", "sum"))
    g = g.reindex([s for s in order if s in g.index] + [s for s in g.index if s not in order])
    g["account_share"] = g["accounts"] / max(len(df), 1)
    g["revenue_share"] = concentration.net_shares(g["revenue"], df["revenue"].sum())
    return g.reset_index()[["segment", "accounts", "account_share", "revenue", "revenue_share"]]


def abc_summary(df: pd.DataFrame, value: str = "revenue", cuts=concentration.DEFAULT_ABC_CUTS) -> pd.DataFrame:
    """ABC classes on ``value``: accounts and value per class. Columns: abc_class, accounts,
    account_share, value, value_share (of the positive total)."""
    classes = concentration.abc_classes(df, value, tuple(cuts))
    v = df[value].fillna(0).clip(lower=0)
    out = (pd.DataFrame({"abc_class": classes, "value": v}).groupby("abc_class")
           .agg(accounts=("value", "size"), value=("value", "sum")).reindex(["A", "B", "C"], fill_value=0))
    out["account_share"] = out["accounts"] / max(len(df), 1)
    out["value_share"] = out["value"] / v.sum() if v.sum() > 0 else 0.0
    return out.reset_index()[["abc_class", "accounts", "account_share", "value", "value_share"]]


def _percentile_rank(values: np.ndarray) -> np.ndarray:
    """Each value's rank ÷ n, ties sharing their average rank (pandas' ``rank(pct=True)``
    without NaN), from one sort."""
    n = len(values)
    if n == 0:
        return np.zeros(0)
    order = np.argsort(values)  # any order among ties: they share one rank
    ranked = values[order]
    starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
    ends = np.r_[starts[1:], n]
    group = np.repeat(np.arange(len(starts)), ends - starts)
    out = np.empty(n)
    out[order] = ((starts + 1 + ends) / 2)[group] / n
    return out


def value_potential(df: pd.DataFrame, wallet: pd.DataFrame | None = None, scores=None) -> pd.DataFrame:
    """Current value × potential value (seed 003), one row per account.

    Current value is ``revenue_12m``. Potential is the wallet estimate less our trailing-12-month
    revenue where the wallet estimate is known, else ``growth_12m`` (an account with no prior
    year but revenue now counts as growing most; one with neither, least). The two kinds of
    potential are not in the same unit, so each account's potential is its percentile within
    its own kind. Large = current value at or above the median; high = potential percentile
    above one half. When the lines do not reach back to the prior year (``revenue_prior_12m``
    NaN, :func:`kamp.features.prior_year_in_data`), growth is unknown: an account without a
    wallet estimate then has no potential (NaN) and the quadrant :data:`POTENTIAL_UNKNOWN`.

    With ``scores`` (a scorecard's 0–100 score per row of ``df``, NaN where unknown), potential
    is that score instead (seed 003: potential "from the wallet estimate, growth or a scorecard"),
    ranked as a percentile too; basis "scorecard".

    Columns: account_id, name, tier, current, potential, basis ("wallet", "growth" or
    "scorecard"), potential_pct (0–1), quadrant (one of :data:`QUADRANTS`, or :data:`POTENTIAL_UNKNOWN`).
    """
    if scores is not None:
        return _quadrants(df, np.asarray(scores, dtype=float), None)
    if wallet is not None and len(wallet):
        est = df["account_id"].map(wallet.set_index("account_id")["wallet_estimate"]).to_numpy(dtype=float)
    else:
        est = np.full(len(df), np.nan)
    current = df["revenue_12m"].fillna(0).to_numpy()
    growth = df["growth_12m"].to_numpy(dtype=float)
    prior_known = (df["revenue_prior_12m"].notna().to_numpy() if "revenue_prior_12m" in df
                   else np.ones(len(df), dtype=bool))
    growth = np.where(np.isnan(growth) & prior_known, np.where(current > 0, np.inf, -np.inf), growth)
    has_wallet = ~np.isnan(est)
    return _quadrants(df, np.where(has_wallet, est - current, growth), has_wallet)


def _quadrants(df: pd.DataFrame, potential: np.ndarray, has_wallet: np.ndarray | None) -> pd.DataFrame:
    """:func:`value_potential`'s frame from each account's potential (NaN unknown, ±inf the
    most / least), by wallet where ``has_wallet``, else by growth — or, when ``has_wallet`` is
    None, by a scorecard."""
    out = df[["account_id"] + [c for c in ("name", "tier") if c in df]].copy(deep=False)
    current = df["revenue_12m"].fillna(0).to_numpy()
    out["current"] = current
    known = ~np.isnan(potential)
    pct = np.full(len(df), np.nan)
    kinds = [known] if has_wallet is None else [has_wallet, ~has_wallet & known]
    for basis in kinds:  # each basis ranked within itself
        pct[basis] = _percentile_rank(potential[basis])
    out["basis"] = ("scorecard" if has_wallet is None
                    else frames.labels(["growth", "wallet"], has_wallet.astype(int), out.index))
    out["potential"] = np.where(np.isinf(potential), np.nan, potential)
    out["potential_pct"] = pct
    large = current >= np.median(current) if len(current) else np.zeros(0, dtype=bool)
    high = pct > 0.5
    quadrant = np.select([~known, ~large & ~high, large & ~high, ~large & high], [4, 0, 1, 2], 3)
    out["quadrant"] = frames.labels(QUADRANTS + [POTENTIAL_UNKNOWN], quadrant, out.index)
    return out


def tier_label(name, lang: str):
    """A tier name (from any scheme, in either language) in ``lang``; other text unchanged."""
    if not isinstance(name, str):
        return name
    name = tiers.current_name(name)
    for pairs in tiers.SCHEMES.values():
        for en, zh in pairs:
            for known in (en, zh):
                if name == known or name.startswith(known + " "):
                    return (zh if lang == "zh" else en) + name[len(known):]
    return name


def overrides_as_now(overrides: pd.DataFrame, names: list[str], lang: str) -> pd.DataFrame:
    """The saved overrides (columns account_id, tier, …) with ``tier`` the tier each means among
    ``names`` (the English tier names in force: :func:`kamp.tiers.level_name`, as the account
    table applies it) and ``saved_tier`` the tier named when it was saved, where that differs
    (else empty); both in ``lang``."""
    now = overrides["tier"].map(lambda n: tiers.level_name(n, names))
    return overrides.assign(tier=now.map(lambda n: tier_label(n, lang)),
                            saved_tier=overrides["tier"].where(now != overrides["tier"], "").map(
                                lambda n: tier_label(n, lang)))


def with_overrides(df: pd.DataFrame, overrides: pd.DataFrame, lang: str, names: list[str] | None = None
                   ) -> pd.DataFrame:
    """The computed tiers with the latest overrides applied, every tier name in ``lang``
    (overrides are kept with the English name; ``names``: the English tier names in force, see
    :func:`kamp.tiers.level_name`). Needs ``computed_tier``; sets ``tier``, ``override_reason``."""
    out = df.drop(columns=["override_reason"], errors="ignore")
    out["tier"] = out.pop("computed_tier")
    o = overrides[overrides["tier"].astype(str) != ""] if overrides is not None else None
    out = tiers.apply_overrides(out, o, names)
    for col in ("tier", "computed_tier"):  # name each distinct tier once, not every row
        codes, found = pd.factorize(out[col])
        names = [tier_label(n, lang) for n in found]
        if names != list(found):
            out[col] = (frames.labels(names, codes, out.index) if (codes >= 0).all()
                        else out[col].map(dict(zip(found, names))))
    return out


def choices(df: pd.DataFrame) -> dict[str, str]:
    """account_id → "name · id" for a search box, largest accounts first."""
    names = df["name"] if "name" in df else pd.Series(None, index=df.index)
    return {a: (f"{n} · {a}" if isinstance(n, str) and n else str(a)) for a, n in zip(df["account_id"], names)}


def find(df: pd.DataFrame, text: str) -> pd.DataFrame:
    """The accounts whose id or name holds ``text`` (ignoring case)."""
    text = str(text or "").strip()
    if not text:
        return df
    hit = df["account_id"].astype(str).str.contains(text, case=False, regex=False, na=False)
    if "name" in df:
        hit |= df["name"].astype(str).str.contains(text, case=False, regex=False, na=False) & df["name"].notna()
    return df[hit]


def rules_from_table(table: pd.DataFrame) -> list[dict]:
    """An edited RFM rule table (columns segment, name_zh, r_min, r_max, fm_min, fm_max) as the
    list of plain rules ``rfm.segment`` and the settings store take; blank rows are dropped. With a
    column ``order``, the rules are in its order (rows without one last, each kept in its place)."""
    if "order" in table:
        table = table.iloc[pd.to_numeric(table["order"], errors="coerce").argsort(kind="stable")]
    out = []
    for row in table.to_dict("records"):
        if all(v is None or (not isinstance(v, str) and pd.isna(v)) or v == "" for v in row.values()):
            continue
        rule = {"segment": str(row.get("segment") or "").strip(), "name_zh": str(row.get("name_zh") or "").strip()}
        for c in ("r_min", "r_max", "fm_min", "fm_max"):
            v = row.get(c)
            rule[c] = None if v is None or pd.isna(v) else (int(v) if float(v).is_integer() else float(v))
        out.append(rule)
    return out
