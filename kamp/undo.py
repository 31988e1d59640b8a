"""Undoing an import: what it added goes, in one transaction, so that the same file may be
imported again another way (another mapping or date order). Its entry in the imports log stays,
noted :data:`kamp.store.UNDONE`, as do those of the later imports of the same file that added
nothing. An accounts import, which updates records in place, is not undone: the records of it that
nothing refers to can be removed (:func:`remove_unused_accounts`)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kamp import schema, store
from kamp.ingest import _ONE_AT_A_TIME, _rollback
from kamp.problems import Listing, Problem, named

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class Undone:
    import_id: int
    kind: str
    file_name: str
    rows_removed: int  # the lines (or records) the import had added
    accounts_removed: int  # account records it had created that no line is left for
    repeats: list[int] = field(default_factory=list)  # the later imports of the same file, undone with it


def undo(con, import_id: int, db: str = "") -> Undone:
    """Take back import ``import_id``, in one transaction: the lines (or contacts, payments,
    interactions) it added and its rejected rows go, and for order lines the account records it
    created that no line is left for. Its entry in the log stays, noted as undone, so that the
    same file may be imported again — with another mapping or date order; so are the entries of
    the later imports of the same file that added nothing (:func:`repeats_of`), whose lines and
    rejected rows were this one's.

    A :class:`~kamp.problems.Problem`, nothing changed, when there is no such import, it was
    undone already or added nothing (a repeated file), it imported account records (which update
    records in place: import a corrected file instead), or a later import of the kind still
    running found lines of it already present (they would be lost: undo that one first). A later
    import whose log does not list the imports it found lines of (``found_in``, logged since
    imports record it) is taken to have found some of this one's. ``db``: what the command that
    removes an accounts import's unused records is to name (`` --db PATH`` on the command line)."""
    import_id = int(import_id)
    row = store.first_row(con, "SELECT kind, file_name, coalesce(note, '') FROM imports WHERE import_id = ?",
                          [import_id])
    if row is None:
        raise Problem("problem.undo.no_such", id=import_id)
    kind, name, note = row
    if note == store.UNDONE:
        raise Problem("problem.undo.already", id=import_id, name=name)
    if note:
        raise Problem("problem.undo.nothing", id=import_id, name=name)
    if kind == "accounts":
        raise Problem("problem.undo.accounts", id=import_id, name=name, db=db)
    later = holders(con, [import_id], "kind = ? AND import_id > ?", [kind, import_id])
    if later:
        raise Problem("problem.undo.later", id=import_id, name=name, later=Listing(f"#{i}" for i in later))
    with _ONE_AT_A_TIME:
        con.begin()
        try:
            repeats = repeats_of(con, import_id)
            removed, accounts = take_back(con, [import_id, *repeats])
            con.commit()
        except BaseException:
            _rollback(con)
            raise
    return Undone(import_id, kind, name, removed[kind], accounts, repeats)


def repeats_of(con, import_id: int) -> list[int]:
    """The later imports of the same file as import ``import_id`` that added nothing (their log's
    note names it: :data:`kamp.store.SAME_FILE`), in order."""
    return [i for i, note in con.execute("SELECT import_id, note FROM imports WHERE import_id > ? ORDER BY import_id",
                                         [import_id]).fetchall()
            if (store.same_file_as(note) or (None,))[0] == import_id]


def holders(con, ids: list[int], where: str, params: list) -> list[int]:
    """The imports in effect, of those ``where`` picks, that found lines of imports ``ids``
    already stored and did not add them again (taking ``ids`` back would lose those lines), the
    latest first. An import whose log does not list the imports it found lines of (``found_in``,
    logged since imports record it) is taken to have found some."""
    return [i for i, options in con.execute(
        f"SELECT import_id, options FROM imports WHERE {where} AND rows_present > 0 AND coalesce(note, '') = '' "
        "ORDER BY import_id DESC", params).fetchall()
            if set(json.loads(options or "{}").get("found_in", ids)) & set(ids)]


DATA_KINDS = ("transactions", "contacts", "payments", "interactions")


def take_back(con, ids: list[int]) -> tuple[dict[str, int], int]:
    """Remove what imports ``ids`` added, inside the caller's transaction: their lines, contacts,
    payments and interactions, their rejected rows, and the account records they created that no
    line is left for; their log entries are noted undone. Returns (rows removed per kind, account
    records removed)."""
    removed = {kind: con.execute(f'DELETE FROM "{kind}" WHERE list_contains($ids, import_id)',
                                 {"ids": ids}).fetchone()[0] for kind in DATA_KINDS}
    for kind in schema.KEYS:  # the versions they superseded are read again
        con.execute(f'UPDATE "{kind}" SET superseded_by = NULL WHERE list_contains($ids, superseded_by)', {"ids": ids})
    accounts = con.execute("DELETE FROM accounts WHERE list_contains($ids, import_id) AND account_id NOT IN "
                           "(SELECT DISTINCT account_id FROM transactions)", {"ids": ids}).fetchone()[0]
    con.execute("DELETE FROM rejects WHERE list_contains($ids, import_id)", {"ids": ids})
    con.execute("UPDATE imports SET note = $undone WHERE list_contains($ids, import_id)",
                {"undone": store.UNDONE, "ids": ids})
    return removed, accounts



# Account records no order line, contact, payment or interaction refers to, that an accounts
# import holds (it created them, or updated them last).
# an accounts import's records of ids that are another known id but for leading zeros (0088002 beside
# 88002) and that nothing refers to: no line, contact, payment, interaction, tier override,
# relationship assessment or plan (a prospect with no lines yet, under an id of its own, stays)
_UNUSED = """SELECT a.account_id, a.name, a.import_id FROM accounts a JOIN imports i USING (import_id)
             WHERE i.kind = 'accounts'
               AND EXISTS (SELECT 1 FROM accounts b  -- every id with lines has a record
                           WHERE b.account_id <> a.account_id AND ltrim(b.account_id, '0') = ltrim(a.account_id, '0'))
               AND a.account_id NOT IN (SELECT account_id FROM transactions)
               AND a.account_id NOT IN (SELECT account_id FROM contacts UNION ALL SELECT account_id FROM payments
                                        UNION ALL SELECT account_id FROM interactions
                                        UNION ALL SELECT account_id FROM tier_overrides
                                        UNION ALL SELECT account_id FROM relationship_assessments
                                        UNION ALL SELECT account_id FROM playbook_versions)"""


def unused_accounts(con, import_id: int | None = None) -> pd.DataFrame:
    """The account records accounts imports hold of ids that are another account's but for
    leading zeros (0088002 beside the lines' 88002) and that nothing refers to (no order line,
    contact, payment, interaction, tier override, relationship assessment or plan) — left once
    the file was imported again corrected; of import ``import_id`` only, when given.
    Columns: account_id, name, import_id; by import, then id."""
    one = import_id is not None
    return con.execute(_UNUSED + (" AND a.import_id = ?" if one else "") + " ORDER BY a.import_id, a.account_id",
                       [int(import_id)] if one else []).df()


def remove_unused_accounts(con, import_id: int) -> list[str]:
    """Remove the records :func:`unused_accounts` lists for import ``import_id``, in one
    transaction; returns their ids. A :class:`~kamp.problems.Problem`, nothing changed, when there
    is no such import, it is no accounts import or it holds no such record."""
    import_id = int(import_id)
    row = store.first_row(con, "SELECT file_name, kind FROM imports WHERE import_id = ?", [import_id])
    if row is None:
        raise Problem("problem.undo.no_such", id=import_id)
    if row[1] != "accounts":  # only an accounts import's records may be left unused
        raise Problem("problem.undo.unused_of_accounts", id=import_id, name=row[0],
                      kind=named(row[1], f"import.kind.{row[1]}"))
    with _ONE_AT_A_TIME:
        con.begin()
        try:
            ids = unused_accounts(con, import_id)["account_id"].tolist()
            con.execute("DELETE FROM accounts WHERE list_contains($ids, account_id)", {"ids": ids})
            con.commit()
        except BaseException:
            _rollback(con)
            raise
    if not ids:
        raise Problem("problem.undo.no_unused", id=import_id, name=row[0])
    return ids
