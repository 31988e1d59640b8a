"""How an import's good rows meet the rows stored before: a later export's row for the same
invoice or contact is its newer version (:func:`newer_versions`), account records are filled or
updated in place (:func:`upsert_accounts`), and new account ids that are old ones but for
leading zeros are found (:func:`zero_padded_twins`). The superseded versions stay for undo;
readers take the views ``current_payments`` and ``current_contacts``. ``good`` is the SQL of the import's good
parsed rows (:mod:`kamp.ingest`).
"""
from __future__ import annotations

from kamp import schema


def zero_padded_twins(con, import_id: int) -> tuple[int, list[list[str]]]:
    """How many account ids that import ``import_id`` brought in are another account's id but
    for leading zeros (00123 beside 123), and up to three such pairs (its id, the other's)."""
    rows = con.execute(
        """WITH padded AS (SELECT account_id, ltrim(account_id, '0') AS bare, import_id FROM accounts
                           WHERE account_id LIKE '0%' AND regexp_full_match(account_id, '[0-9]+'))
           SELECT CASE WHEN p.import_id IS NOT DISTINCT FROM $id THEN p.account_id ELSE a.account_id END,
                  CASE WHEN p.import_id IS NOT DISTINCT FROM $id THEN a.account_id ELSE p.account_id END
           FROM padded p JOIN accounts a ON a.account_id = p.bare
           WHERE p.import_id IS NOT DISTINCT FROM $id OR a.import_id IS NOT DISTINCT FROM $id ORDER BY 1""",
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
    """Accounts are keyed by id: a later file fills or updates fields, never blanks them."""
    fields_ = [n for n in names if n != "account_id"]
    latest = f"(SELECT * FROM {good} QUALIFY row_number() OVER (PARTITION BY account_id ORDER BY src_row DESC) = 1)"
    changed = con.execute(
        f"""SELECT count(*) FROM {latest} n LEFT JOIN accounts a USING (account_id)
            WHERE a.account_id IS NULL OR {' OR '.join(f'(n.{c} IS NOT NULL AND n.{c} IS DISTINCT FROM a.{c})' for c in fields_)}"""
    ).fetchone()[0]
    sets = ", ".join(f"{c} = coalesce(excluded.{c}, accounts.{c})" for c in fields_)
    con.execute(f"""INSERT INTO accounts ({', '.join(names)}, import_id)
        SELECT {', '.join(names)}, ? FROM {latest}
        ON CONFLICT (account_id) DO UPDATE SET {sets}, import_id = excluded.import_id""", [import_id])
    return changed
