"""The kept account table, read a column at a time.

The dashboard keeps one account table per data version, rules and as-of date in the database
(:func:`kamp.analysis.keep_account_table`). A page asks for the columns it shows; each is read
once per process and table — a page that needs a dozen of the forty columns of a million
accounts reads a dozen — and the tier columns come in the page's language with the latest
tier overrides applied.
"""
from __future__ import annotations

import threading

import pandas as pd

from kamp import accounts, analysis

TIER_COLUMNS = ("tier", "computed_tier", "override_reason")


class KeptAccounts:
    """The account table of one data version, rules, as-of date and language.

    ``meta`` is :func:`kamp.analysis.account_table`'s, with ``tier_order`` in ``lang``;
    :meth:`frame` gives columns, :meth:`row` one account. Raises ``LookupError`` when another
    table has been kept since (a new import or rule elsewhere): make a new one.
    """

    def __init__(self, con, as_of=None, lang: str = "en"):
        self.lang = lang
        meta, table = analysis.keep_account_table(con, as_of)
        self.meta = {**meta, "tier_order": [accounts.tier_label(n, lang) for n in meta.get("tier_order") or []]}
        self._columns: dict[str, pd.Series] = {}
        self._lock = threading.Lock()
        self.columns: list[str] = []
        if table is not None:
            self.columns = list(table.columns)
            self._keep(con, table)
        elif self.meta.get("as_of") is not None:
            self.columns = self._names(con)

    def _names(self, con) -> list[str]:
        got = analysis.kept_account_columns(con, self.meta["cache_key"], None, limit=0)
        if got is None:
            raise LookupError("another account table has been kept since")
        return list(got.columns)

    def _tier_names(self) -> list[str] | None:
        """The English tier names in force (what overrides name), best first."""
        from kamp import tiers

        k = self.meta.get("k")
        return tiers.tier_names(self.meta["rules"]["tier_scheme"], k, "en") if k else None

    def _keep(self, con, part: pd.DataFrame) -> None:
        for c in part.columns:
            if c not in TIER_COLUMNS:
                self._columns[c] = part[c]
        if "computed_tier" in part:
            tiers = accounts.with_overrides(part[["account_id", "computed_tier"]], analysis.tier_overrides(con),
                                            self.lang, self._tier_names())
            for c in TIER_COLUMNS:
                self._columns[c] = tiers[c]

    def frame(self, con, columns: list[str] | None = None) -> pd.DataFrame:
        """``columns`` of the table (every one when None), largest revenue first. Never modify
        it (``assign`` makes a frame of one's own): its columns are shared."""
        if self.meta.get("as_of") is None:  # no order lines (yet)
            return pd.DataFrame(columns=list(columns or ["account_id"]))
        names = self.columns if columns is None else [c for c in columns if c in self.columns]
        with self._lock:
            missing = [c for c in names if c not in self._columns]
            if missing:
                wanted = [c for c in missing if c not in TIER_COLUMNS]
                if len(wanted) < len(missing):
                    wanted += [c for c in ("account_id", "computed_tier") if c not in wanted]
                got = analysis.kept_account_columns(con, self.meta["cache_key"], wanted)
                if got is None:
                    raise LookupError("another account table has been kept since")
                self._keep(con, got)
            return pd.DataFrame({c: self._columns[c] for c in names}, copy=False)

    def row(self, con, account_id: str) -> pd.Series | None:
        """Every column of one account (None when it has no lines by the as-of date)."""
        got = analysis.kept_account_columns(con, self.meta["cache_key"], None, account_id=str(account_id))
        if got is None:
            raise LookupError("another account table has been kept since")
        if got.empty:
            return None
        # this account's tier in this language, with its override: not every account's
        tiers = accounts.with_overrides(got[["account_id", "computed_tier"]], analysis.tier_overrides(con), self.lang,
                                        self._tier_names())
        got = got.drop(columns=[c for c in TIER_COLUMNS if c in got])
        for c in TIER_COLUMNS:
            got[c] = tiers[c].to_numpy()
        return got[self.columns].iloc[0]


class Results:
    """What pages compute from kept account tables, kept for every run and page within a budget
    of ``budget`` bytes (:func:`kamp.frames.nbytes`), the least recently used dropped first:
    at a million accounts one result may take a hundred MB, and every slider position makes
    one. Safe to share between threads; never modify what :meth:`get` returns."""

    def __init__(self, budget: int):
        import cachetools

        from kamp import frames

        self.cache = cachetools.LRUCache(maxsize=budget, getsizeof=frames.nbytes)
        self._lock = threading.Lock()

    def get(self, key, compute):
        """The result kept under ``key``, else ``compute()`` (kept unless larger than the budget)."""
        with self._lock:
            if key in self.cache:
                return self.cache[key]
        value = compute()
        with self._lock:
            try:
                self.cache[key] = value
            except ValueError:  # larger than the whole budget: returned, not kept
                pass
        return value
