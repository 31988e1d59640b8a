"""``python -m kamp import`` as a user reads it: what an interruption kept, the commands it suggests."""
from __future__ import annotations

from tests.test_cli import db_info, kamp


def test_ctrl_c_once_the_import_is_saved_says_it_was_saved(tmp_path, fixtures, monkeypatch, capsys):
    from kamp import cli, store

    def interrupt(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "new_accounts", interrupt)  # counted after the import is committed
    db = tmp_path / "k.duckdb"
    assert cli.main(["import", str(fixtures / "sales_tab.tsv"), "--db", str(db), "--no-progress"]) == 0
    assert capsys.readouterr().err == (
        f"interrupted, but import #1 of sales_tab.tsv was saved: 10 rows read, 10 loaded, 0 rejected, "
        f"0 already present (python -m kamp info --db {db} lists it; python -m kamp undo 1 --db {db} takes it back)\n")
    monkeypatch.undo()
    assert db_info(db)["transactions"] == 10


def test_ctrl_c_before_the_import_is_saved_says_nothing_was_imported(tmp_path, fixtures, monkeypatch, capsys):
    from kamp import cli, ingest

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(ingest, "_load", interrupt)
    db = tmp_path / "k.duckdb"
    assert cli.main(["import", str(fixtures / "sales_tab.tsv"), "--db", str(db), "--no-progress"]) == 130
    assert capsys.readouterr().err == "interrupted: nothing was imported\n"
    assert not db.exists()


def test_a_file_all_rejected_imported_again_points_to_the_first_import(tmp_path):
    swapped = tmp_path / "swapped.csv"
    swapped.write_text("Customer,Date,Amount\nA1,2024-03-05,10\nA2,2024-03-06,20\n", encoding="utf-8")
    db = tmp_path / "k.duckdb"
    kamp("import", swapped, "--db", db, "--map", "Date=amount", "--map", "Amount=date", check_exit=1)
    again = kamp("import", swapped, "--db", db, "--map", "Date=amount", "--map", "Amount=date", check_exit=1)
    assert f"see the rejected rows with: python -m kamp rejects 1 --db {db}\n" in again.stdout
    assert again.stderr == (f"error: every row of swapped.csv was rejected, nothing was loaded. The reasons: "
                            f"python -m kamp rejects 1 --db {db}; to import it again another way (--map, --dayfirst, "
                            f"--monthfirst), first: python -m kamp undo 1 --db {db}\n")
    assert len(kamp("rejects", "1", "--db", db).stdout.splitlines()) == 3  # the header and both rows
    kamp("undo", "1", "--db", db)  # the advice, as given, works
    assert db_info(db)["transactions"] == 0
    kamp("import", swapped, "--db", db)
    assert db_info(db)["transactions"] == 2
