"""Undoing an import: what it added goes, in one transaction, so that the same file may be
imported again another way (another mapping or date order). Its entry in the imports log stays,
noted :data:`kamp.store.UNDONE`."""
from __future__ import annotations

import json
from dataclasses import dataclass

from kamp import store
from kamp.ingest import _ONE_AT_A_TIME, _rollback
from kamp.problems import Listing, Problem


@dataclass
class Undone:
    import_id: int
    kind: str
    file_name: str
    rows_removed: int  # the lines (or records) the import had added
    accounts_removed: int  # account records it had created that no line is left for


def undo(con, import_id: int) -> Undone:
    """Take back import ``import_id``, in one transaction: the lines (or contacts, payments,
    interactions) it added and its rejected rows go, and for order lines the account records it
    created that no line is left for. Its entry in the log stays, noted as undone, so that the
    same file may be imported again — with another mapping or date order.

    A :class:`~kamp.problems.Problem`, nothing changed, when there is no such import, it was
    undone already or added nothing (a repeated file), it imported account records (which update
    records in place: import a corrected file instead), or a later import of the kind still
    running found lines of it already present (they would be lost: undo that one first). A later
    import whose log does not list the imports it found lines of (``found_in``, logged since
    imports record it) is taken to have found some of this one's."""
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
        raise Problem("problem.undo.accounts", id=import_id, name=name)
    later = [i for i, options in con.execute(
        "SELECT import_id, options FROM imports WHERE kind = ? AND import_id > ? AND rows_present > 0 "
        "AND coalesce(note, '') = '' ORDER BY import_id DESC", [kind, import_id]).fetchall()
             if import_id in json.loads(options or "{}").get("found_in", [import_id])]
    if later:
        raise Problem("problem.undo.later", id=import_id, name=name, later=Listing(f"#{i}" for i in later))
    with _ONE_AT_A_TIME:
        con.begin()
        try:
            removed = con.execute(f'DELETE FROM "{kind}" WHERE import_id = ?', [import_id]).fetchone()[0]
            accounts = 0
            if kind == "transactions":
                accounts = con.execute(
                    "DELETE FROM accounts WHERE import_id = ? AND account_id NOT IN "
                    "(SELECT DISTINCT account_id FROM transactions)", [import_id]).fetchone()[0]
            con.execute("DELETE FROM rejects WHERE import_id = ?", [import_id])
            con.execute("UPDATE imports SET note = ? WHERE import_id = ?", [store.UNDONE, import_id])
            con.commit()
        except BaseException:
            _rollback(con)
            raise
    return Undone(import_id, kind, name, removed, accounts)
