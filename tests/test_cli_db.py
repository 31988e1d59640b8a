"""``python -m kamp`` on a database file that is not KAMP's, not yet one, or held by another command."""
from __future__ import annotations

import duckdb
import pytest

from test_cli import kamp


def _tables(db) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(r[0] for r in con.execute("SHOW TABLES").fetchall())
    finally:
        con.close()


@pytest.fixture
def warehouse(tmp_path):
    """Another program's DuckDB database: tables orders (5,000 rows), sales, stock and vendors."""
    db = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE orders AS SELECT range AS id FROM range(5000)")
    for name in ("sales", "stock", "vendors"):
        con.execute(f"CREATE TABLE {name} (id INTEGER)")
    con.close()
    return db


@pytest.mark.parametrize("command", [["demo"], ["demo", "--force"], ["info"], ["rejects", "1"], ["features"],
                                     ["concentration"], ["undo", "1"], ["import", "{fixtures}/sales_tab.tsv"]])
def test_another_programs_duckdb_database_is_refused_and_left_as_it_was(warehouse, fixtures, command):
    before = (warehouse.read_bytes(), warehouse.stat().st_mtime_ns)
    out = kamp(*(c.format(fixtures=fixtures) for c in command), "--db", warehouse, check_exit=2)
    assert out.stdout == ""
    assert out.stderr == (f"error: {warehouse} holds other tables (orders, sales, stock and 1 more) and is not a "
                          "KAMP database: KAMP neither changes nor replaces it; name another file with --db / "
                          "此文件含有其他数据表，不是 KAMP 数据库\n")
    assert (warehouse.read_bytes(), warehouse.stat().st_mtime_ns) == before
    assert _tables(warehouse) == ["orders", "sales", "stock", "vendors"]


def test_a_duckdb_database_with_one_table_names_it(tmp_path):
    db = tmp_path / "w.duckdb"
    duckdb.connect(str(db)).execute("CREATE TABLE sales (id INTEGER)").close()
    err = kamp("info", "--db", db, check_exit=2).stderr
    assert err.startswith(f"error: {db} holds other tables (sales) and is not a KAMP database")
    assert _tables(db) == ["sales"]


def test_a_duckdb_file_without_tables_becomes_a_kamp_database(tmp_path, fixtures):
    db = tmp_path / "blank.duckdb"
    duckdb.connect(str(db)).close()
    kamp("import", fixtures / "sales_tab.tsv", "--db", db)
    assert '"transactions": 10' in kamp("info", "--db", db, "--json").stdout


@pytest.fixture
def imported(tmp_path, fixtures):
    """A KAMP database of sales_tab.tsv: 10 lines of 5 accounts, revenue 4,261.00."""
    db = tmp_path / "k.duckdb"
    kamp("import", fixtures / "sales_tab.tsv", "--db", db)
    return db


def test_commands_that_read_run_while_another_reads_and_leave_the_file_as_it_was(imported):
    before = (imported.read_bytes(), imported.stat().st_mtime_ns)
    reader = duckdb.connect(str(imported), read_only=True)  # as a features command still running holds it
    try:
        assert "10 lines, 5 accounts, revenue 4,261.00" in kamp("info", "--db", imported).stdout
        assert len(kamp("features", "--db", imported).stdout.splitlines()) == 1 + 5  # the header and 5 accounts
        assert '"accounts": 5' in kamp("concentration", "--db", imported, "--json").stdout
        assert kamp("rejects", "1", "--db", imported).stdout.splitlines()[0] == "row,reason"
    finally:
        reader.close()
    assert (imported.read_bytes(), imported.stat().st_mtime_ns) == before


def test_a_database_another_command_writes_to_is_said_to_be_in_use(imported):
    writer = duckdb.connect(str(imported))
    try:
        err = kamp("info", "--db", imported, check_exit=2).stderr
    finally:
        writer.close()
    assert err.startswith(f"error: {imported} is open in another program (the dashboard, or another python -m kamp "
                          "command?)")


def test_an_older_kamp_database_gets_what_it_lacks_when_read(imported):
    con = duckdb.connect(str(imported))
    con.execute("DROP VIEW current_contacts")  # as a KAMP before contacts could be superseded kept it
    con.close()
    assert "10 lines, 5 accounts" in kamp("info", "--db", imported).stdout
    con = duckdb.connect(str(imported), read_only=True)
    assert con.execute("SELECT count(*) FROM current_contacts").fetchone() == (0,)
    con.close()


def test_an_empty_file_becomes_the_database_an_import_makes(tmp_path, fixtures):
    db = tmp_path / "tmp.XXXX"  # as mktemp leaves it: zero bytes
    db.touch()
    assert "rows loaded:               10" in kamp("import", fixtures / "sales_tab.tsv", "--db", db).stdout
    assert "10 lines, 5 accounts, revenue 4,261.00" in kamp("info", "--db", db).stdout


def test_a_failed_import_leaves_an_empty_file_empty(tmp_path, fixtures):
    db = tmp_path / "tmp.XXXX"
    db.touch()
    kamp("import", fixtures / "no_such_file.csv", "--db", db, check_exit=2)
    assert db.is_file() and db.stat().st_size == 0


@pytest.mark.parametrize("command", [["info"], ["rejects", "1"], ["features"], ["concentration"], ["undo", "1"]])
def test_a_command_that_reads_an_empty_file_says_there_is_no_database_yet(tmp_path, command):
    db = tmp_path / "tmp.XXXX"
    db.touch()
    out = kamp(*command, "--db", db, check_exit=2)
    assert out.stderr == (f"error: no database at {db} (an empty file): import a file to create one (python -m kamp "
                          f"import FILE --db {db}), or start the dashboard, which builds the demo\n")
    assert db.stat().st_size == 0


def test_the_demo_is_built_in_an_empty_file(tmp_path, monkeypatch):
    from kamp import cli, demo_build

    db = tmp_path / "tmp.XXXX"
    db.touch()
    built = []
    monkeypatch.setattr(demo_build, "rebuild", lambda path, **kw: built.append(path))
    assert cli.main(["demo", "--db", str(db)]) == 0
    assert demo_build.ensure(db) is True  # the dashboard's first start
    assert built == [db, db]
    assert cli.main(["demo", "--remove", "--db", str(db)]) == 2


@pytest.mark.parametrize("stop", [KeyboardInterrupt, RuntimeError("Query interrupted")])
def test_a_demo_build_stopped_halfway_leaves_no_file_beside_the_database(imported, monkeypatch, capsys, stop):
    import pandas as pd

    from kamp import cli, demo, demo_build

    def interrupted(*args, **kwargs):
        assert [p.name for p in imported.parent.glob(".kamp-demo-*.duckdb")]  # the half-built file is there
        raise stop

    monkeypatch.setattr(demo, "generate", lambda **kw: {kind: pd.DataFrame({"x": [1]}) for kind in demo_build.ORDER})
    monkeypatch.setattr(demo_build.ingest, "import_file", interrupted)
    assert cli.main(["demo", "--force", "--db", str(imported)]) == 130
    assert capsys.readouterr().err.endswith("\ninterrupted\n")
    assert sorted(p.name for p in imported.parent.iterdir()) == ["k.duckdb"]
    monkeypatch.undo()
    assert "10 lines, 5 accounts" in kamp("info", "--db", imported).stdout  # the database as it was


def _refused(*args, **kwargs):
    """What the system says of a file in a read-only folder (as root, chmod would not stop the test)."""
    raise PermissionError(13, "Permission denied", str(args[0]) if args else "/ro/.kamp-demo-93vflksd.duckdb")


def test_a_template_into_a_read_only_folder_is_said_of_the_file_named(tmp_path, monkeypatch, capsys):
    from kamp import cli

    out = tmp_path / "t.csv"
    monkeypatch.setattr(cli, "open", _refused, raising=False)
    assert cli.main(["template", "accounts", "--out", str(out)]) == 2
    assert capsys.readouterr().err == f"error: {out} cannot be written: Permission denied\n"


def test_a_demo_into_a_read_only_folder_is_said_of_the_database_named(tmp_path, monkeypatch, capsys):
    from kamp import cli, demo_build

    db = tmp_path / "d.duckdb"
    monkeypatch.setattr(demo_build.tempfile, "mkstemp", _refused)
    assert cli.main(["demo", "--db", str(db)]) == 2
    assert capsys.readouterr().err == f"error: {db} cannot be written: Permission denied\n"
    assert list(tmp_path.iterdir()) == []


def test_features_onto_a_file_that_may_not_be_replaced_is_said_of_that_file(imported, monkeypatch, capsys):
    from kamp import cli, frames

    out = imported.parent / "immut.csv"
    out.write_text("kept\n", encoding="utf-8")

    def immutable(src, dst):  # as ``chattr +i immut.csv`` makes it
        raise PermissionError(1, "Operation not permitted", src, None, dst)

    monkeypatch.setattr(frames.os, "replace", immutable)
    assert cli.main(["features", "--db", str(imported), "--out", str(out)]) == 2
    assert capsys.readouterr().err.endswith(f"\nerror: {out} cannot be written: Operation not permitted\n")
    assert sorted(p.name for p in imported.parent.iterdir()) == ["immut.csv", "k.duckdb"]  # no temp file left
    assert out.read_text(encoding="utf-8") == "kept\n"
