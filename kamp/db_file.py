"""The file named as the database, looked at before KAMP writes to it: nothing there yet, an
empty file, KAMP's database (as this version keeps it, or older), or a file KAMP must leave
alone (a folder, a file that is no DuckDB database, another program's DuckDB database)."""
from __future__ import annotations

import functools
from pathlib import Path

import duckdb

# Every table KAMP keeps, created when missing (kamp.store.connect).
SCHEMA = (Path(__file__).resolve().parent / "sql" / "schema.sql").read_text(encoding="utf-8")


class DatabaseBusy(OSError):
    """The database file is locked by another process."""


class DatabaseUnusable(ValueError):
    """The database path cannot be used: a folder, a file that is not a DuckDB database (a CSV
    named by mistake: DuckDB would show it as a read-only view and drop every write), another
    program's DuckDB database, or a file KAMP may not read or write."""


def is_empty_file(target: Path) -> bool:
    """Whether ``target`` is a file of zero bytes (as ``mktemp`` or ``touch`` leave it)."""
    return target.is_file() and target.stat().st_size == 0


def check_path(target: Path) -> None:
    """A :class:`DatabaseUnusable` when ``target`` is a folder, lies under a file, cannot be
    read, or is a file with bytes that are not a DuckDB database's (an empty file becomes one)."""
    if target.is_dir():
        raise DatabaseUnusable(f"{target} is a folder, not a database file: name a file in it, e.g. "
                               f"{target / 'kamp.duckdb'} / 这是文件夹，不是数据库文件")
    folder = next((p for p in target.parents if p.exists()), None)
    if folder is not None and not folder.is_dir():  # data.duckdb/kamp.duckdb: a file where a folder would be
        raise DatabaseUnusable(f"{target}: {folder} is a file, not a folder / {folder} 是文件，不是文件夹")
    try:
        with open(target, "rb") as fh:
            head = fh.read(12)
    except FileNotFoundError:
        return
    except PermissionError:
        raise DatabaseUnusable(f"{target} cannot be read (permission denied) / 无权读取数据库文件") from None
    if head and head[8:12] != b"DUCK":  # a DuckDB file's header has its magic bytes there
        raise DatabaseUnusable(f"{target} is not a KAMP database (a DuckDB file): KAMP neither opens nor "
                               f"overwrites it; name another file with --db / 这不是 KAMP 数据库文件")


def check_file(target: Path) -> None:
    """:func:`check_path`, and a :class:`DatabaseUnusable` when ``target`` is a DuckDB database
    with tables none of which is KAMP's, looked at read-only (not looked at while another
    program writes to it)."""
    check_path(target)
    if not target.is_file() or is_empty_file(target):
        return
    try:
        con = duckdb.connect(str(target), read_only=True)
    except duckdb.Error:  # held by a writer (here or elsewhere): opening it says so
        return
    try:
        check_tables(con, target)
    finally:
        con.close()


def _catalog(con) -> set[tuple[str, str]]:
    """(kind, name) of every table, view, column and sequence of ``con``'s database."""
    return set(con.execute(
        """SELECT 'table', table_name FROM duckdb_tables() WHERE database_name = current_database()
           UNION ALL SELECT 'view', view_name FROM duckdb_views()
                     WHERE database_name = current_database() AND NOT internal
           UNION ALL SELECT 'column', table_name || '.' || column_name FROM duckdb_columns()
                     WHERE database_name = current_database()
           UNION ALL SELECT 'sequence', sequence_name FROM duckdb_sequences()
                     WHERE database_name = current_database()""").fetchall())


def check_tables(con, target: Path) -> None:
    """A :class:`DatabaseUnusable` when ``con``'s database holds tables and no ``imports`` (KAMP's
    log of what it holds): another program's database, which KAMP neither fills nor replaces."""
    tables = sorted(name for kind, name in _catalog(con) if kind == "table")
    if tables and "imports" not in tables:
        named = ", ".join(tables[:3]) + (f" and {len(tables) - 3:,} more" if len(tables) > 3 else "")
        raise DatabaseUnusable(f"{target} holds other tables ({named}) and is not a KAMP database: KAMP neither "
                               f"changes nor replaces it; name another file with --db / 此文件含有其他数据表，"
                               f"不是 KAMP 数据库")



@functools.cache
def _schema_catalog() -> frozenset:
    con = duckdb.connect()
    try:
        con.execute(SCHEMA)
        return frozenset(_catalog(con))
    finally:
        con.close()


def is_current(con) -> bool:
    """Whether ``con``'s database has every table, view, column and sequence this version of
    KAMP keeps (an older KAMP's database gets the missing ones when opened for writing)."""
    return _schema_catalog() <= _catalog(con)
