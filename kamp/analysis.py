"""The account table: features, RFM scores and segment, ABC class and tier for every account,
with the rules read from the store. What the ``features`` command writes and the pages read.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import json
import re
from concurrent.futures import ThreadPoolExecutor

import duckdb
import pandas as pd

from kamp import concentration, features, frames, kept, rfm, store


# The account table's columns, in order (a test checks a computed table has exactly these): what an
# account table with no account still has, so that a file written from it reads like any other.
TABLE_COLUMNS = ["account_id", "name", "revenue", "status", "segment", "tier", "abc_class", "frequency", "recency",
                 "T", "monetary_value", "r_score", "f_score", "m_score", "first_purchase", "last_purchase", "orders",
                 "purchase_days", "gross_sales", "returns", "return_amount", "discount", "cost", "margin",
                 "margin_pct", "avg_order", "largest_order", "tenure_days", "mean_interval_days", "revenue_12m",
                 "revenue_prior_12m", "growth_12m", "days_since_last", "fm_score", "tier_rank", "computed_tier",
                 "override_reason", "industry", "region", "owner", "wallet_estimate"]

# The columns of TABLE_COLUMNS that are money: an export gives them in cents.
MONEY_COLUMNS = ("revenue", "monetary_value", "gross_sales", "return_amount", "discount", "cost", "margin",
                 "avg_order", "largest_order", "revenue_12m", "revenue_prior_12m", "wallet_estimate")


def rounded(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` (columns of :data:`TABLE_COLUMNS`) as exported: money to cents, other numbers
    with decimals to six. A parallel sum adds in no fixed order, so its last bits differ from
    run to run (658565669.19 or 658565669.190001); rounded, the same data gives the same file."""
    floats = [c for c in table.columns if pd.api.types.is_float_dtype(table[c])]
    return table.assign(**{c: table[c].round(2 if c in MONEY_COLUMNS else 6) for c in floats})


def rules(con) -> dict:
    """Every analysis rule, as stored (or its default)."""
    names = ("rfm_segments", "abc_cuts", "status_rules", "tier_scheme", "tier_k", "tier_features", "tier_seed")
    out = {n: store.get_setting(con, n) for n in names}
    out["rfm_segments"] = out["rfm_segments"] or rfm.DEFAULT_SEGMENTS
    return out


def tier_overrides(con) -> pd.DataFrame:
    """The latest override per account. Columns: account_id, tier, reason, author, saved_at."""
    return con.execute(
        """SELECT account_id, tier, reason, author, saved_at FROM tier_overrides
           QUALIFY row_number() OVER (PARTITION BY account_id ORDER BY saved_at DESC, rowid DESC) = 1
           ORDER BY account_id""").df()


def set_tier_override(con, account_id: str, tier: str, reason: str, author: str | None = None) -> None:
    """Record that ``account_id`` belongs in ``tier`` for ``reason`` (kept across recomputation).
    An empty ``tier`` removes the override."""
    if not str(reason or "").strip():
        raise ValueError("an override needs a reason")
    con.execute("INSERT INTO tier_overrides VALUES (?, ?, ?, ?, current_timestamp)",
                [str(account_id), str(tier or ""), str(reason).strip(), author])


def account_table(con, as_of=None, lang: str = "en", score_k: bool = False, step=None,
                  products_only: bool = False) -> tuple[pd.DataFrame, dict]:
    """One row per account: every feature, r/f/m scores, segment, abc_class, tier (with
    overrides applied; ``computed_tier`` keeps the model's, ``tier_rank`` its rank, 0 the
    most valuable), status, and the name where known.
    Returns (table, meta) where meta holds as_of, the RFM thresholds, the chosen k, the
    silhouettes and the best k by silhouette (every k scored when ``score_k``, as the Tiers
    page shows them; otherwise only when k is chosen by silhouette), the features the tiers were
    formed on (``tier_features``) and the chosen ones no account has a value for
    (``tier_features_empty``: when that is all of them, the tiers use the defaults that have values).
    ``step(name)``, when given, is told as each step starts: "lines" (the per-account sums),
    "tiers", "scores" (RFM, segments, ABC). ``products_only``: leave out the lines of non-product
    codes (postage, fees: the ``non_product_codes`` setting)."""
    step = step or (lambda name: None)
    with ThreadPoolExecutor(2) as helper:
        # Work that leaves Python free runs side by side: scikit-learn (seconds to import) loads
        # while DuckDB aggregates — not before Ibis has loaded, two imports would only take turns;
        # then the account records are looked up and the ids ranked (Arrow) while the tiers are fitted.
        r = rules(con)
        as_of = pd.Timestamp(as_of).date() if as_of is not None else features.default_as_of(con)
        loading = helper.submit(importlib.import_module, "kamp.tiers")
        meta = {"as_of": None, "thresholds": {}, "k": None, "silhouettes": {}, "rules": r}
        step("lines")
        df = (features.account_features(con, as_of, products_only, status_rules=r["status_rules"])
              if as_of is not None else None)
        tiers = loading.result()
        if df is None or df.empty:
            return pd.DataFrame(columns=["account_id"]) if df is None else df, meta
        records = helper.submit(account_records, con.cursor(), df["account_id"])
        ranking = helper.submit(rfm.id_order, df["account_id"])
        meta["as_of"] = as_of
        step("tiers")
        if len(df) >= 2:
            k = min(int(r["tier_k"]), len(df)) if r["tier_k"] else None  # a small portfolio has fewer tiers
            used, meta["tier_features_empty"] = tiers.usable_features(df, r["tier_features"])
            model = tiers.TierModel(features=used, k=k, scheme=r["tier_scheme"],
                                    random_state=int(r["tier_seed"]), score_k=score_k).fit(df)
            meta.update(k=model.k_, tier_features=model.features_, silhouettes=model.silhouettes_, best_k=model.best_k_,
                        tier_order=tiers.tier_names(r["tier_scheme"], model.k_, lang))
            tier, tier_rank = frames.labels(meta["tier_order"], model.labels_, df.index), model.labels_
        else:
            tier, tier_rank = tiers.tier_names(r["tier_scheme"], 1, lang)[0], 0
            meta.update(k=1, best_k=None, tier_order=[tier])
        step("scores")
        df, meta["thresholds"] = _scores(df, r, ranking.result())
        df["tier"], df["tier_rank"] = tier, tier_rank
        overrides = tier_overrides(con)
        overrides = overrides[overrides["tier"] != ""]
        df = tiers.apply_overrides(df, overrides, tiers.tier_names(r["tier_scheme"], meta["k"], "en"))
        for column, values in records.result().items():
            df[column] = values
    first = ["account_id", "name", "revenue", "status", "segment", "tier", "abc_class",
             "frequency", "recency", "T", "monetary_value", "r_score", "f_score", "m_score"]
    return df[first + [c for c in df.columns if c not in first]], meta


def _scores(df: pd.DataFrame, r: dict, id_rank) -> tuple[pd.DataFrame, dict]:
    """RFM scores, segment and ABC class added to a copy of ``df``; the RFM thresholds.
    ``id_rank``: ``rfm.id_order`` of the account ids (ties in every ranking go by account id)."""
    out, thresholds = rfm.score(df, id_rank=id_rank)
    out["segment"] = rfm.segment(out, r["rfm_segments"])
    out["abc_class"] = concentration.abc_classes(out, "revenue", tuple(r["abc_cuts"]), id_rank=id_rank)
    return out, thresholds


RECORD_COLUMNS = ["name", "industry", "region", "owner", "wallet_estimate"]


def account_records(con, account_ids: pd.Series) -> pd.DataFrame:
    """What the imported account records say of each of ``account_ids``, in that order (empty
    where there is no record). Columns: name, industry, region, owner, wallet_estimate.
    Looked up in Arrow, not merged: no second copy of a million-account table."""
    import pyarrow as pa
    import pyarrow.compute as pc

    cur = con.cursor()  # a connection of its own: the caller's may have a result open
    try:
        records = cur.sql(f"SELECT account_id, {', '.join(RECORD_COLUMNS)} FROM accounts").to_arrow_table()
    finally:
        cur.close()
    ids = pa.array(account_ids.astype(str)).cast(records.schema.field("account_id").type)
    found = records.drop_columns(["account_id"]).take(pc.index_in(ids, value_set=records["account_id"]))
    out = found.to_pandas()
    out.index = account_ids.index
    return out


def quarterly_revenue(con, as_of=None) -> pd.DataFrame:
    """Net revenue per account per calendar quarter up to ``as_of``. Columns: quarter (first
    day), account_id, value."""
    be = features.backend(con)
    t = be.table("transactions")
    if as_of is not None:
        t = t.filter(t.ts < pd.Timestamp(as_of) + pd.Timedelta(days=1))
    q = t.mutate(quarter=t.ts.truncate("Q").date())
    return q.group_by(["quarter", "account_id"]).aggregate(value=q.amount.sum()).to_pandas()


# The account-table indicators a quarter's lines give on their own (the others look back a year,
# or across the whole history): what the concentration trend can follow.
TREND_MEASURES = ("revenue", "gross_sales", "discount", "purchase_days")


def concentration_by_quarter(con, as_of=None, measure: str = "revenue", fraction: float = 0.2,
                             shares_at=()) -> pd.DataFrame:
    """Each concentration measure (:func:`concentration.summary`, the top ``fraction`` share) of
    ``measure`` (one of :data:`TREND_MEASURES`, as the account table counts it) by calendar quarter
    up to ``as_of``, and the top share at each of ``shares_at`` (whole per cents) in a column
    ``top_share_<p>``: one read of the lines for every top share a page offers. The per-account
    quarterly values — millions of them for a million accounts — go from the aggregation to numpy
    through Arrow, never into a frame."""
    import numpy as np

    be = features.backend(con)
    t = be.table("transactions")
    if as_of is not None:
        t = t.filter(t.ts < pd.Timestamp(as_of) + pd.Timedelta(days=1))
    q = t.mutate(quarter=t.ts.truncate("Q").date())
    value = {"revenue": lambda: q.amount.sum(), "gross_sales": lambda: q.amount.sum(where=q.amount > 0),
             "discount": lambda: q.discount.sum(), "purchase_days": lambda: q.ts.date().nunique()}[measure]()
    per = q.group_by(["quarter", "account_id"]).aggregate(value=value)
    got = per.select("quarter", "value").order_by("quarter").to_pyarrow()
    quarters = got["quarter"].to_numpy()
    values = got["value"].to_numpy(zero_copy_only=False)
    bounds = [0, *(np.flatnonzero(quarters[1:] != quarters[:-1]) + 1), len(quarters)]
    values = np.nan_to_num(values.astype(float))  # a quarter without discounts sums to nothing: none
    at = [f"top_share_{int(p)}" for p in shares_at]
    rows = [{"quarter": quarters[a], **concentration.summary(values[a:b], fraction),
             **dict(zip(at, concentration.top_shares(values[a:b], [p / 100 for p in shares_at])))}
            for a, b in zip(bounds[:-1], bounds[1:]) if b > a]
    out = pd.DataFrame(rows, columns=["quarter", *concentration.summary([]).keys(), *at])
    out["quarter"] = pd.to_datetime(out["quarter"]).astype("datetime64[s]")
    return out


def parse_as_of(text: str | None) -> dt.date | None:
    """The date ``text`` names, year first (2024-03-05, 2024/3/5 or 20240305): a date like
    05/03/2024 reads either way, so it is refused rather than guessed (a ValueError)."""
    if text in (None, ""):
        return None
    m = re.fullmatch(r"\s*(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|(\d{2})(\d{2}))\s*", str(text))
    if not m:
        raise ValueError(f"--as-of {text!r} is not a date written year first, YYYY-MM-DD (e.g. 2024-03-05)")
    y, mo, d = int(m[1]), int(m[3] or m[5]), int(m[4] or m[6])
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise ValueError(f"--as-of {text!r}: there is no such day ({y:04d}-{mo:02d}-{d:02d})") from None


def _meta_to_json(meta: dict) -> str:
    out = {**meta, "as_of": str(meta["as_of"]) if meta["as_of"] else None,
           "thresholds": {k: v.to_dict("records") for k, v in meta["thresholds"].items()},
           "silhouettes": {str(k): v for k, v in (meta.get("silhouettes") or {}).items()}}
    return json.dumps(out, default=str)


def _meta_from_json(text: str) -> dict:
    meta = json.loads(text)
    meta["as_of"] = pd.Timestamp(meta["as_of"]).date() if meta["as_of"] else None
    meta["thresholds"] = {k: pd.DataFrame(v) for k, v in meta["thresholds"].items()}
    meta["silhouettes"] = {int(k): v for k, v in meta["silhouettes"].items()}
    return meta


TABLE_SHAPE = 5  # bump when account_table's columns or how they are computed change, so stored copies are recomputed


def _table_key(con, as_of) -> str:
    return hashlib.sha1(json.dumps({"version": store.data_version(con), "rules": rules(con), "as_of": str(as_of),
                                    "columns": TABLE_SHAPE, "code": store.code_version()},
                                   sort_keys=True, default=str).encode()).hexdigest()


def stored_account_table(con, as_of=None) -> tuple[pd.DataFrame, dict]:
    """:func:`account_table` (tier names in English), kept in the database per data version,
    rules and as-of date, so that a restarted dashboard reads it instead of recomputing."""
    meta, df = keep_account_table(con, as_of)
    if df is None:
        df = kept_account_columns(con, meta["cache_key"])
        if df is None:  # replaced since: compute afresh
            meta, df = keep_account_table(con, as_of, force=True)
    return df, meta


def keep_account_table(con, as_of=None, force: bool = False) -> tuple[dict, pd.DataFrame | None]:
    """Make sure :func:`account_table` for the data version, rules and as-of date is kept.
    Returns (meta, the table if it had to be computed now, else None); ``meta["cache_key"]``
    names the kept table.

    One table is kept (``account_table_store``, its key and meta in ``account_table_meta``),
    so that a restarted dashboard reads it (:func:`kept_account_columns`) instead of computing.
    Sessions asking at once wait for the first to compute it."""
    key = _table_key(con, as_of)

    def already() -> dict | None:
        hit = None if force else store.first_row(con, "SELECT meta FROM account_table_meta WHERE cache_key = ?",
                                                 [key])
        return {**_meta_from_json(hit[0]), "cache_key": key} if hit else None

    if meta := already():
        return meta, None
    with kept.one_at_a_time("account_table", key):
        if meta := already():  # kept by another session while this one waited
            return meta, None
        df, meta = account_table(con, as_of, "en", score_k=True)
        con.register("_kamp_account_table", df)
        try:
            con.begin()
            con.execute("CREATE OR REPLACE TABLE account_table_store AS SELECT * FROM _kamp_account_table")
            con.execute("DELETE FROM account_table_meta")
            con.execute("INSERT INTO account_table_meta VALUES (?, ?, current_timestamp)", [key, _meta_to_json(meta)])
            con.commit()
        except duckdb.Error:
            con.rollback()  # a read-only database: serve the result without keeping it
        finally:
            con.unregister("_kamp_account_table")
    return {**meta, "cache_key": key}, df


def kept_account_columns(con, cache_key: str, columns: list[str] | None = None, account_id: str | None = None,
                         limit: int | None = None) -> pd.DataFrame | None:
    """``columns`` (all when None) of the kept account table named ``cache_key`` (the row of
    ``account_id`` only, or the first ``limit`` rows, when given), largest revenue first; None
    when another table has been kept since. Read through Arrow into a frame whose columns stay
    separate (a million rows in well under a second: gathering them into pandas'
    two-dimensional blocks would take longer than reading)."""
    wanted = "*" if columns is None else ", ".join(f'"{c}"' for c in columns) or "NULL AS _none"
    sql, params = f"SELECT {wanted} FROM account_table_store", []
    if account_id is not None:
        sql, params = sql + " WHERE account_id = ?", [str(account_id)]
    if limit is not None:
        sql, params = sql + " LIMIT ?", params + [int(limit)]
    cur = con.cursor()
    try:
        cur.begin()  # the key and the table from one snapshot
        # (fetched to its end: DuckDB reads a relation only on a connection with no result open)
        if not cur.execute("SELECT 1 FROM account_table_meta WHERE cache_key = ?", [cache_key]).fetchall():
            return None
        got = cur.sql(sql, params=params).to_arrow_table()
    except duckdb.Error:
        return None
    finally:
        try:
            cur.rollback()
        except duckdb.Error:
            pass
        cur.close()
    df = got.to_pandas(split_blocks=True)
    return df if columns else df.drop(columns=["_none"], errors="ignore")


def overrides_version(con) -> str:
    """A key that changes whenever a tier override is saved."""
    n, last = con.execute("SELECT count(*), max(saved_at) FROM tier_overrides").fetchone()
    return f"{n}:{last}"
