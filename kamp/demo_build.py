"""Build the demo database: generate the demo company and import it through the importer.

The demo goes through the same import path as a user's files (Parquet files in a temporary
folder, one per kind), so the demo database has an import log like any other.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from dataclasses import dataclass
from typing import Callable

from kamp import db_file, demo, demo_decisions, ingest, schema, store, undo
from kamp.frames import cannot_write
from kamp.ingest import _ONE_AT_A_TIME, _rollback
from kamp.problems import Listing, Problem

ORDER = ("accounts", "transactions", "contacts", "payments", "interactions")


def rebuild(path, progress: Callable[[str], None] | None = None, seed: int | None = None) -> dict:
    """Replace the database at ``path`` with a fresh demo database; returns ``store.info``.

    The new file is built beside the old one and moved into place only when complete, so a
    failure (or Ctrl-C) leaves the old file as it was, and no half-built file beside it.
    """
    path = store.db_path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(suffix=".duckdb", prefix=".kamp-demo-", dir=path.parent)
    except OSError as exc:  # a read-only folder: said of ``path``, not of the file to build beside it
        raise cannot_write(path, exc) from None
    os.close(fd)
    os.unlink(tmp_name)
    tmp_db = Path(tmp_name)
    try:
        facts = _build(tmp_db, progress or (lambda _msg: None), seed)
        _move(tmp_db, path)
    except BaseException:
        for suffix in ("", ".wal"):
            Path(str(tmp_db) + suffix).unlink(missing_ok=True)
        raise
    return facts


def _move(tmp_db: Path, path: Path) -> None:
    """The database built at ``tmp_db`` moved onto ``path``; a ValueError naming ``path`` when it
    may not be replaced."""
    try:
        for suffix in ("", ".wal"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        shutil.move(tmp_db, path)
    except OSError as exc:
        raise cannot_write(path, exc) from None


def _build(tmp_db: Path, say: Callable[[str], None], seed: int | None) -> dict:
    """The demo company generated and imported into a new database at ``tmp_db``; its ``store.info``."""
    say("generating the demo company")
    frames = demo.generate(**({"seed": seed} if seed is not None else {}))
    with tempfile.TemporaryDirectory(prefix="kamp-demo-") as folder:
        con = store.connect(tmp_db)
        try:
            for kind in ORDER:
                file = Path(folder) / f"demo_{kind}.parquet"
                frames[kind].to_parquet(file, index=False)
                names = {f.name for f in schema.fields(kind)}
                mapping = {c: c for c in frames[kind].columns if c in names}
                result = ingest.import_file(con, file, kind, mapping=mapping, save_profile=False)
                say(f"{kind}: {result.rows_loaded:,} rows")
            for import_id, options in con.execute("SELECT import_id, options FROM imports").fetchall():
                con.execute("UPDATE imports SET options = ? WHERE import_id = ?",  # marked: store.DEMO_IMPORT
                            [json.dumps({**json.loads(options or "{}"), "demo": True}, ensure_ascii=False), import_id])
            demo_decisions.record(con, frames["transactions"])
            from kamp import review  # the last four quarters frozen, so the quarterly review has a comparison
            say("snapshots: " + ", ".join(review.snapshot_quarters(con, 4, author=demo_decisions.AUTHOR)))
            return store.info(con)
        finally:
            con.close()


@dataclass
class Removed:
    imports: int  # the demo's imports, now marked undone in the log
    lines: int
    accounts: int
    other: int  # contacts, payments, interactions
    decisions: int  # the demo's judgements, assessments, plans, overrides and snapshots


# Tables of judgements and plans kept per account: the demo's own (by its author) go, and so do
# those made since about a demo account (the account is gone).
_PER_ACCOUNT = ("playbook_versions", "relationship_assessments", "contact_history", "tier_overrides")
_BY_DEMO = "list_contains($authors, author)"  # saved under one of the demo's names
_AUTHORS = {"authors": list(demo_decisions.AUTHORS)}


def remove(con) -> Removed:
    """Take the demo company out of the database, in one transaction: the lines, account records,
    contacts, payments and interactions its imports added (the imports stay in the log, marked
    undone), its judgements, assessments, plans and snapshots, and whatever was saved since about
    one of its accounts. The user's own imports and the settings stay. A Problem, nothing
    changed, when no demo import is in effect."""
    ids = [r[0] for r in con.execute(
        f"SELECT import_id FROM imports WHERE {store.DEMO_IMPORT} AND coalesce(note, '') = ''").fetchall()]
    if not ids:
        raise Problem("problem.demo.none")
    # an import of the user's that found demo lines already stored did not add them: they would go
    # with the demo (as kamp.undo refuses for one import)
    holding = undo.holders(con, ids, f"NOT {store.DEMO_IMPORT}", [])
    if holding:
        raise Problem("problem.demo.holding", later=Listing(f"#{i}" for i in holding))
    with _ONE_AT_A_TIME:
        con.begin()
        try:
            counts, accounts = undo.take_back(con, ids)
            known = "(SELECT account_id FROM accounts UNION SELECT account_id FROM transactions)"
            decisions = 0
            for table in _PER_ACCOUNT:
                decisions += con.execute(f'DELETE FROM "{table}" WHERE {_BY_DEMO} OR account_id NOT IN {known}',
                                         _AUTHORS).fetchone()[0]
            decisions += con.execute(f"DELETE FROM scorecard_scores WHERE {_BY_DEMO}", _AUTHORS).fetchone()[0]
            snaps = f"(SELECT name FROM snapshots WHERE {_BY_DEMO})"
            for table in ("snapshot_accounts", "snapshot_milestones"):
                con.execute(f'DELETE FROM "{table}" WHERE snapshot IN {snaps}', _AUTHORS)
            decisions += con.execute(f"DELETE FROM snapshots WHERE {_BY_DEMO}", _AUTHORS).fetchone()[0]
            con.commit()
        except BaseException:
            _rollback(con)
            raise
    return Removed(len(ids), counts["transactions"], accounts,
                   counts["contacts"] + counts["payments"] + counts["interactions"], decisions)


def ensure(path) -> bool:
    """Build the demo database if ``path`` does not exist yet (or is an empty file); True when it was built."""
    path = store.db_path(path)
    if path.exists() and not db_file.is_empty_file(path):
        return False
    rebuild(path)
    return True
