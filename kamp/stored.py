"""How an import's good rows meet the rows stored before: a later export's row for the same
invoice or contact is its newer version (:func:`newer_versions`), account records are filled or
updated in place (:func:`upsert_accounts`), and new account ids that are known ones but for
leading zeros are found (:func:`zero_padded_twins`). The superseded versions stay for undo;
readers take the views ``current_payments`` and ``current_contacts``. ``good`` is the SQL of the import's good
parsed rows (:mod:`kamp.ingest`).
"""
from __future__ import annotations

from kamp import schema


def zero_padded_twins(con, kind: str, import_id: int) -> tuple[int, list[list[str]]]:
    """How many account ids that import ``import_id`` of ``kind`` brought in are another known
    account's id but for leading zeros (00123 beside 123), and up to three such pairs (its id, the
    other's). Order lines and account records bring the accounts they created (not those they
    updated: :func:`upsert_accounts` keeps the new ids in ``_kamp_new_accounts``); contacts,
    payments and interactions the ids of theirs that no account has (their rows go to no account's
    page)."""
    brought = {"transactions": "SELECT account_id FROM accounts WHERE import_id = $id",
               "accounts": "SELECT account_id FROM accounts WHERE import_id = $id "
                           "AND account_id IN (SELECT account_id FROM _kamp_new_accounts)"}.get(
        kind, f'SELECT DISTINCT account_id FROM "{kind}" WHERE import_id = $id '
              "AND account_id NOT IN (SELECT account_id FROM accounts)")
    rows = con.execute(
        f"""WITH new AS (SELECT account_id, ltrim(account_id, '0') AS bare FROM ({brought})
                         WHERE regexp_full_match(account_id, '[0-9]+'))
            SELECT n.account_id, a.account_id FROM new n JOIN accounts a
              ON ltrim(a.account_id, '0') = n.bare AND a.account_id <> n.account_id
            WHERE regexp_full_match(a.account_id, '[0-9]+')
              AND (a.account_id NOT IN (SELECT account_id FROM new) OR length(a.account_id) < length(n.account_id))
            ORDER BY 1, 2""",
        {"id": import_id}).fetchall()
    return len(rows), [list(r) for r in rows[:3]]


def newer_versions(con, kind: str, good: str, import_id: int) -> int:
    """Mark the stored rows of ``kind`` that rows of ``good`` are newer versions of (the same
    :data:`schema.KEYS`, other values) as superseded by ``import_id``; returns how many."""
    key = schema.KEYS[kind]
    same = " AND ".join(f"t.{k} = n.{k}" for k in key)
    return con.execute(
        f"""UPDATE {kind} t SET superseded_by = $import_id
            FROM (SELECT DISTINCT {', '.join(key)} FROM {good} WHERE row_hash NOT IN (SELECT row_hash FROM {kind})) n
            WHERE t.superseded_by IS NULL AND {same} AND t.row_hash NOT IN (SELECT row_hash FROM {good})""",
        {"import_id": import_id}).fetchone()[0]


def upsert_accounts(con, names: list[str], good: str, import_id: int) -> int:
    """Accounts are keyed by id: a later file fills or updates fields, never blanks them. The
    ids it creates are kept in the temporary table ``_kamp_new_accounts`` (``account_id``); each
    record it touches is the import's (``import_id``), so that undoing the lines that created
    it keeps it."""
    fields_ = [n for n in names if n != "account_id"]
    latest = f"(SELECT * FROM {good} QUALIFY row_number() OVER (PARTITION BY account_id ORDER BY src_row DESC) = 1)"
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _kamp_new_accounts AS SELECT account_id FROM {latest}
                    WHERE account_id NOT IN (SELECT account_id FROM accounts)""")
    changed = con.execute(
        f"""SELECT count(*) FROM {latest} n LEFT JOIN accounts a USING (account_id)
            WHERE a.account_id IS NULL OR {' OR '.join(f'(n.{c} IS NOT NULL AND n.{c} IS DISTINCT FROM a.{c})' for c in fields_)}"""
    ).fetchone()[0]
    sets = ", ".join(f"{c} = coalesce(excluded.{c}, accounts.{c})" for c in fields_)
    con.execute(f"""INSERT INTO accounts ({', '.join(names)}, import_id)
        SELECT {', '.join(names)}, ? FROM {latest}
        ON CONFLICT (account_id) DO UPDATE SET {sets}, import_id = excluded.import_id""", [import_id])
    return changed
