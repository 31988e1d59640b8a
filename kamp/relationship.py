"""Relationship level: Kotler's five levels and the business pyramid (the strategy grid beside them:
:mod:`kamp.strategy_grid`).

Kotler's five levels of relationship (seed 001): basic 基本型 — sell and no further contact;
reactive 被动型 — sell and invite calls about problems; accountable 负责型 — call soon after the
sale to check it meets expectations and ask for improvements; proactive 能动型 — keep calling
with ideas for better use and useful new products; partnership 伙伴型 — work continuously with
the customer to find ways to save or to buy better.

Which level to choose depends on the number of customers and the margin. Seed 001 states the
corners — many customers with thin unit margins: basic; few customers with high margins:
partnership. The full table (setting ``relationship_rules``) is Kotler's (Marketing Management,
"levels of relationship marketing"), taking "basic" for many/low as the seed does::

                 high margin    medium margin   low margin
    many         accountable    reactive        basic
    medium       proactive      accountable     reactive
    few          partnership    proactive       accountable

The business pyramid (seed 000, 公司业务金字塔) rates what we are to the customer, 1–5; a key
account's assessment (actual Kotler level, pyramid level now and targeted) is kept append-only
in ``relationship_assessments``: the latest row per account wins, the history stays.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from kamp import i18n, store
from kamp.strategy_grid import STRATEGIES
from kamp.problems import Listing, Problem, Words, several, words

LEVELS: list[tuple[str, str, str]] = [  # key, en, zh; 1 = basic … 5 = partnership
    ("basic", "Basic", "基本型"),
    ("reactive", "Reactive", "被动型"),
    ("accountable", "Accountable", "负责型"),
    ("proactive", "Proactive", "能动型"),
    ("partnership", "Partnership", "伙伴型"),
]
PYRAMID: list[tuple[int, str, str]] = [  # level, en, zh (seed 000)
    (1, "Product that meets a specific need", "提供满足特定需求的产品"),
    (2, "High-quality product or service", "提供高品质的产品或服务"),
    (3, "High-quality service and technical support", "提供高品质的服务和技术支持"),
    (4, "Contributes to the customer's business problems", "为商业问题做出贡献"),
    (5, "Contributes to the customer's corporate problems", "为公司问题做出贡献"),
]
COUNT_LEVELS = ["many", "medium", "few"]
MARGIN_LEVELS = ["high", "medium", "low"]
DEFAULT_RULES: dict = store.SETTINGS["relationship_rules"][0]
DEFAULT_THRESHOLDS: dict = store.SETTINGS["relationship_thresholds"][0]
# The label the settings page gives each threshold, to name it in what is wrong with it.
THRESHOLD_LABELS = {"few_max_accounts": "relationship.few_max", "medium_max_accounts": "relationship.medium_max",
                    "low_margin_pct": "relationship.low_margin", "high_margin_pct": "relationship.high_margin"}
_LEVEL_NO = {key: i for i, (key, _en, _zh) in enumerate(LEVELS, start=1)}
_LEVEL_NO.update({zh: i for i, (_k, _en, zh) in enumerate(LEVELS, start=1)})
_LEVEL_NO.update({en.lower(): i for i, (_k, en, _zh) in enumerate(LEVELS, start=1)})
ASSESSMENT_COLUMNS = ["account_id", "kotler_level", "pyramid_now", "pyramid_target", "pyramid_gap", "note",
                      "author", "saved_at"]


def rules(con) -> dict:
    """The stored rule table, thresholds and strategy cuts (or their defaults)."""
    return {"rules": store.get_setting(con, "relationship_rules"),
            "thresholds": {**DEFAULT_THRESHOLDS, **store.get_setting(con, "relationship_thresholds")},
            "cuts": store.get_setting(con, "strategy_cuts")}


def label(key, lang: str = "en") -> str:
    """The name of a Kotler level, pyramid level (1–5) or strategy in ``lang``."""
    for table in (LEVELS, STRATEGIES):
        for k, en, zh in table:
            if key == k:
                return zh if lang == "zh" else en
    for n, en, zh in PYRAMID:
        if key == n:
            return zh if lang == "zh" else en
    return str(key)


def level_number(level) -> float:
    """1 (basic) … 5 (partnership) from a key, English or Chinese name or number; NaN if unknown."""
    if isinstance(level, (int, np.integer, float, np.floating)) and not pd.isna(level):
        return float(level) if 1 <= level <= 5 else np.nan
    if isinstance(level, str):
        return float(_LEVEL_NO.get(level.strip().lower(), _LEVEL_NO.get(level.strip(), np.nan)))
    return np.nan


def _level_key(level) -> str | None:
    n = level_number(level)
    return None if np.isnan(n) else LEVELS[int(n) - 1][0]


def check_rules(table: dict) -> dict:
    """The rule table (accounts level → margin level → Kotler level) with keys normalised;
    ValueError naming any missing cell or unknown level."""
    out, missing = {}, []
    for count in COUNT_LEVELS:
        row = (table or {}).get(count) or {}
        out[count] = {}
        for margin in MARGIN_LEVELS:
            key = _level_key(row.get(margin))
            if key is None:
                missing.append(Words(f"{count}/{margin}", f"{i18n.t(f'relationship.count_{count}', 'zh')}/"
                                                           f"{i18n.t(f'relationship.margin_{margin}', 'zh')}"))
            out[count][margin] = key
    if missing:
        raise Problem("problem.relationship.cells", cells=Listing(missing))
    return out


def rules_table(table: dict | None = None) -> pd.DataFrame:
    """The rule table as a frame to show or edit: index accounts (many, medium, few), columns
    margin levels (high, medium, low), cells level keys."""
    t = check_rules(table or DEFAULT_RULES)
    return pd.DataFrame(t).T.reindex(index=COUNT_LEVELS, columns=MARGIN_LEVELS)


def rules_from_table(frame: pd.DataFrame) -> dict:
    """An edited :func:`rules_table` back to the stored form (validated)."""
    return check_rules({str(i): {str(c): frame.loc[i, c] for c in frame.columns} for i in frame.index})


def count_level(n, few_max: int = DEFAULT_THRESHOLDS["few_max_accounts"],
                medium_max: int = DEFAULT_THRESHOLDS["medium_max_accounts"]):
    """"few" for at most ``few_max`` accounts, "medium" up to ``medium_max``, else "many"."""
    n = np.asarray(n, dtype=float)
    return np.select([n <= few_max, n <= medium_max], ["few", "medium"], "many")


def margin_level(pct, high: float = DEFAULT_THRESHOLDS["high_margin_pct"],
                 low: float = DEFAULT_THRESHOLDS["low_margin_pct"]):
    """"high" for a margin % ≥ ``high``, "low" below ``low``, else "medium"; None when unknown."""
    return np.array([*MARGIN_LEVELS, None], dtype=object)[_margin_codes(pct, high, low)]


def _margin_codes(pct, high: float, low: float) -> np.ndarray:
    """Each margin's place in :data:`MARGIN_LEVELS` (0 high, 1 medium, 2 low); -1 when unknown."""
    p = np.asarray(pct, dtype=float)
    return np.where(np.isnan(p), -1, np.select([p >= high, p < low], [0, 2], 1))


def _texts(values, codes) -> pd.Series:
    """``values[codes]`` as a text column (None missing): a million labels taken by Arrow, not
    made one Python string at a time."""
    return pd.Series(pd.array(list(values), dtype="str")).take(np.asarray(codes)).reset_index(drop=True)


def recommend(account_frame: pd.DataFrame, table: dict | None = None, thresholds: dict | None = None,
              margin_basis: str = "account") -> pd.DataFrame:
    """Kotler's recommended relationship level per account.

    The accounts level comes from the number of accounts in the account's tier; the margin level
    from the account's own margin_pct (``margin_basis="account"``; unknown when its net revenue
    is not positive) or from its tier's (``"tier"``: sum of margin ÷ sum of revenue over the
    tier's accounts with a known margin).

    Parameters
    ----------
    account_frame : account_id, tier, margin_pct (and margin, revenue for the tier basis; name
        carried when present).
    table : rule table (many/medium/few → high/medium/low → level); default the seed's.
    thresholds : few_max_accounts, medium_max_accounts, high_margin_pct, low_margin_pct.

    Returns
    -------
    pandas.DataFrame
        Columns: account_id, [name], tier, tier_accounts, accounts_level, margin_pct,
        margin_level, recommended (level key; missing when the margin is unknown), recommended_no
        (1–5).
    """
    need = ["account_id", "tier"] + (["margin", "revenue"] if margin_basis == "tier" else ["margin_pct"])
    missing = [c for c in need if c not in account_frame]
    if missing:
        raise ValueError(f"the account frame lacks column(s) {', '.join(missing)}")
    t = check_rules(table or DEFAULT_RULES)
    th = {**DEFAULT_THRESHOLDS, **(thresholds or {})}
    cols = ["account_id"] + [c for c in ("name",) if c in account_frame] + ["tier"]
    out = account_frame[cols].copy().reset_index(drop=True)
    tier, _found = pd.factorize(out["tier"], use_na_sentinel=False)  # each tier (no tier too) counted once
    size = np.bincount(tier)
    level = count_level(size, th["few_max_accounts"], th["medium_max_accounts"])
    out["tier_accounts"] = size[tier]
    out["accounts_level"] = _texts(level, tier)
    if margin_basis == "tier":
        f = account_frame.reset_index(drop=True)
        known = f["margin"].notna()
        m = f["margin"].where(known).groupby(f["tier"]).sum()
        r = f["revenue"].where(known).groupby(f["tier"]).sum()
        pct = out["tier"].map(m / r.where(r != 0))
    elif margin_basis == "account":
        pct = account_frame["margin_pct"].reset_index(drop=True)
        if "revenue" in account_frame:  # a margin % on net revenue ≤ 0 (credits exceed sales) means nothing
            pct = pct.where(account_frame["revenue"].reset_index(drop=True) > 0)
    else:
        raise ValueError("margin_basis is 'account' or 'tier'")
    out["margin_pct"] = pct.astype(float).to_numpy()
    margin = _margin_codes(out["margin_pct"], th["high_margin_pct"], th["low_margin_pct"])
    out["margin_level"] = _texts([*MARGIN_LEVELS, None], margin)  # -1, unknown: the last
    # The rule of each (accounts level, margin level) pair, looked up for every account at once;
    # the last row and column stand for an unknown margin: no recommendation.
    grid = [[t[c][m] for m in MARGIN_LEVELS] + [None] for c in level]
    cell = tier * (len(MARGIN_LEVELS) + 1) + np.where(margin < 0, len(MARGIN_LEVELS), margin)
    keys = np.array([k for row in grid for k in row], dtype=object)
    numbers = np.array([np.nan if k is None else _LEVEL_NO[k] for k in keys], dtype=float)
    out["recommended"] = _texts(keys, cell)
    no = numbers[cell]
    out["recommended_no"] = pd.arrays.IntegerArray(np.nan_to_num(no).astype("int64"), np.isnan(no))
    return out


def gap(recommended, actual):
    """Signed level gap: recommended − actual in levels (keys, names or numbers 1–5).

    Positive: the relationship is shallower than the economics warrant (deepen it); negative:
    deeper than they pay for. Scalars give a float, sequences a Series (NaN where either is
    unknown).
    """
    if np.ndim(recommended) == 0 and np.ndim(actual) == 0:
        return level_number(recommended) - level_number(actual)
    rec = pd.Series(recommended).map(level_number) if np.ndim(recommended) else level_number(recommended)
    act = pd.Series(actual).map(level_number) if np.ndim(actual) else level_number(actual)
    if np.ndim(recommended) and np.ndim(actual):
        act.index = rec.index
    return (rec - act).astype(float)


def _pyramid(value, name: str):
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, bool) or float(value) not in (1, 2, 3, 4, 5):
        raise ValueError(f"{name} is a business pyramid level 1–5, not {value!r}")
    return int(value)


def save_assessment(con, account_id: str, kotler_level=None, pyramid_now=None, pyramid_target=None,
                    author: str | None = None, note: str | None = None) -> None:
    """Append one assessment of a key account: its actual Kotler level (key or name), the
    business pyramid level now and targeted (1–5). Earlier rows stay as history."""
    if not str(account_id or "").strip():
        raise ValueError("an assessment needs an account id")
    key = None
    if kotler_level not in (None, ""):
        key = _level_key(kotler_level)
        if key is None:
            raise ValueError(f"unknown Kotler level {kotler_level!r} (basic, reactive, accountable, proactive, "
                             "partnership)")
    now, target = _pyramid(pyramid_now, "pyramid_now"), _pyramid(pyramid_target, "pyramid_target")
    con.execute("INSERT INTO relationship_assessments VALUES (?, ?, ?, ?, ?, ?, current_timestamp)",
                [str(account_id), key, now, target, note, author])


def assessments(con) -> pd.DataFrame:
    """The latest assessment per account. Columns: account_id, kotler_level, pyramid_now,
    pyramid_target, pyramid_gap (target − now), note, author, saved_at."""
    df = con.execute(
        """SELECT account_id, kotler_level, pyramid_now, pyramid_target, pyramid_target - pyramid_now AS pyramid_gap,
                  note, author, saved_at
           FROM relationship_assessments
           QUALIFY row_number() OVER (PARTITION BY account_id ORDER BY saved_at DESC, rowid DESC) = 1
           ORDER BY account_id""").df()
    return df[ASSESSMENT_COLUMNS]


def history(con, account_id: str) -> pd.DataFrame:
    """Every assessment of one account, newest first (same columns as :func:`assessments`)."""
    return con.execute(
        """SELECT account_id, kotler_level, pyramid_now, pyramid_target, pyramid_target - pyramid_now AS pyramid_gap,
                  note, author, saved_at
           FROM relationship_assessments WHERE account_id = ?
           ORDER BY saved_at DESC, rowid DESC""", [str(account_id)]).df()


def shown_thresholds(th: dict) -> dict:
    """The thresholds as a page shows them: account counts whole, margins in percent (17.5, not
    0.175)."""
    return {k: round(v * 100, 2) if k.endswith("_margin_pct") else int(v) for k, v in th.items()}


def kept_thresholds(entered: dict, drawn: dict, now: dict) -> dict:
    """The thresholds to save from ``entered`` (as :func:`shown_thresholds` gives them) on inputs
    drawn from ``drawn``: one left alone keeps what is stored ``now`` (another tab may have saved
    it since; a margin is not its percentage read back), one edited its new value."""
    shown = shown_thresholds(drawn)
    return {k: now[k] if v == shown[k] else (v / 100 if k.endswith("_margin_pct") else v)
            for k, v in entered.items()}


def check_thresholds(thresholds: dict) -> dict:
    """The thresholds with every key present and numeric; ValueError when few ≥ medium accounts,
    low ≥ high margin, or a value is negative or missing."""
    th = {**DEFAULT_THRESHOLDS, **(thresholds or {})}
    name = {k: words(THRESHOLD_LABELS[k]) if k in DEFAULT_THRESHOLDS else k for k in th}
    for k, v in th.items():
        try:
            th[k] = float(v)
        except (TypeError, ValueError):
            raise Problem("problem.number", what=name[k], value=v) from None
    problems = [Problem("problem.negative", what=name[k]) for k, v in th.items() if v < 0 or np.isnan(v)]
    if th["few_max_accounts"] >= th["medium_max_accounts"]:
        problems.append(Problem("problem.relationship.few_medium", few=name["few_max_accounts"],
                                medium=name["medium_max_accounts"]))
    if th["low_margin_pct"] >= th["high_margin_pct"]:
        problems.append(Problem("problem.relationship.low_high", low=name["low_margin_pct"],
                                high=name["high_margin_pct"]))
    if problems:
        raise several(problems)
    return {**th, "few_max_accounts": int(th["few_max_accounts"]),
            "medium_max_accounts": int(th["medium_max_accounts"])}


def tier_levels(recommended: pd.DataFrame, tier_order: list[str] | None = None) -> pd.DataFrame:
    """Accounts per tier and recommended level (from :func:`recommend`). Columns: tier,
    tier_accounts, accounts_level, then one count column per level key (basic … partnership)
    and no_margin (accounts with no recommendation); tiers in ``tier_order`` when given."""
    r = recommended
    tier, names = pd.factorize(r["tier"], sort=True)  # no tier (-1) left out, as a crosstab does
    known = tier >= 0
    level = r["recommended_no"].fillna(len(LEVELS) + 1).to_numpy(dtype="int64") - 1  # 5: no_margin
    width = len(LEVELS) + 1
    counts = np.bincount(tier[known] * width + level[known], minlength=len(names) * width).reshape(len(names), width)
    first = np.flatnonzero(known)[np.unique(tier[known], return_index=True)[1]]  # each tier's first row
    out = pd.DataFrame({"tier_accounts": r["tier_accounts"].to_numpy()[first],
                        "accounts_level": pd.array(r["accounts_level"].iloc[first], dtype=r["accounts_level"].dtype),
                        **dict(zip([k for k, _en, _zh in LEVELS] + ["no_margin"], counts.T))},
                       index=pd.Index(names, name="tier"))
    if tier_order is not None:
        out = out.reindex([t for t in tier_order if t in out.index] + [t for t in out.index if t not in tier_order])
    return out.reset_index()


def level_cells(recommended: pd.DataFrame) -> pd.DataFrame:
    """Accounts per cell of the rule table (from :func:`recommend`). Columns: accounts_level,
    margin_level, accounts; cells with none (or an unknown margin) left out."""
    count, counts = pd.factorize(recommended["accounts_level"], sort=True)
    margin, margins = pd.factorize(recommended["margin_level"], sort=True)
    known = (count >= 0) & (margin >= 0)
    n = np.bincount(count[known] * len(margins) + margin[known], minlength=len(counts) * len(margins))
    cell = np.flatnonzero(n)
    return pd.DataFrame({"accounts_level": np.asarray(counts, dtype=object)[cell // max(len(margins), 1)],
                         "margin_level": np.asarray(margins, dtype=object)[cell % max(len(margins), 1)],
                         "accounts": n[cell]})


def largest_first(frame: pd.DataFrame, by: str = "revenue") -> dict[str, np.ndarray]:
    """Where each tier's rows of ``frame`` are, largest ``by`` first: tier → positions (for
    ``frame.iloc``; the order ``frame[frame["tier"] == tier].sort_values(by, ascending=False)``
    gives). Only positions: a page takes the rows of the tier it shows, which may be a million."""
    tier, names = pd.factorize(frame["tier"])
    value = frame[by].to_numpy(dtype=float)
    out = {}
    for code, name in enumerate(names):
        at = np.flatnonzero(tier == code)
        out[name] = at[pd.Series(value[at]).sort_values(ascending=False).index.to_numpy()]
    return out


def with_assessments(recommended: pd.DataFrame, assessed: pd.DataFrame,
                     account_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`recommend`'s rows with each account's latest assessment (:func:`assessments`).

    Adds revenue (from ``account_frame`` when given), kotler_level (actual, key), actual_no
    (1–5), level_gap (recommended − actual, :func:`gap`), pyramid_now, pyramid_target,
    pyramid_gap (target − now), note, author, saved_at. Unassessed accounts have them missing.
    """
    out = recommended.copy()
    if account_frame is not None and "revenue" in account_frame:
        out["revenue"] = out["account_id"].map(account_frame.set_index("account_id")["revenue"])
    cols = [c for c in ASSESSMENT_COLUMNS if c != "account_id"]
    out = out.merge(assessed[["account_id", *cols]], on="account_id", how="left")
    out["actual_no"] = out["kotler_level"].map({k: level_number(k) for k in out["kotler_level"].dropna().unique()}
                                               ).astype(float)
    out["level_gap"] = out["recommended_no"].astype(float) - out["actual_no"]
    return out
