"""Build the demo database: generate the demo company and import it through the importer.

The demo goes through the same import path as a user's files (Parquet files in a temporary
folder, one per kind), so the demo database has an import log like any other.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from kamp import demo, demo_decisions, ingest, schema, store

ORDER = ("accounts", "transactions", "contacts", "payments", "interactions")


def rebuild(path, progress: Callable[[str], None] | None = None, seed: int | None = None) -> dict:
    """Replace the database at ``path`` with a fresh demo database; returns ``store.info``.

    The new file is built beside the old one and moved into place only when complete, so a
    failure leaves the old file as it was.
    """
    path = store.db_path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    say = progress or (lambda _msg: None)
    say("generating the demo company")
    frames = demo.generate(**({"seed": seed} if seed is not None else {}))
    fd, tmp_name = tempfile.mkstemp(suffix=".duckdb", prefix=".kamp-demo-", dir=path.parent)
    os.close(fd)
    os.unlink(tmp_name)
    tmp_db = Path(tmp_name)
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
            demo_decisions.record(con, frames["transactions"])
            from kamp import review  # the last four quarters frozen, so the quarterly review has a comparison
            say("snapshots: " + ", ".join(review.snapshot_quarters(con, 4, author=demo_decisions.AUTHOR)))
            facts = store.info(con)
        finally:
            con.close()
    for suffix in ("", ".wal"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    shutil.move(tmp_db, path)
    return facts


def ensure(path) -> bool:
    """Build the demo database if ``path`` does not exist yet; True when it was built."""
    path = store.db_path(path)
    if path.exists():
        return False
    rebuild(path)
    return True
