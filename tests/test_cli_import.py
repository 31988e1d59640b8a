"""``python -m kamp import`` as a user reads it: what an interruption kept, the commands it suggests."""
from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys

import duckdb

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


def pasted(line: str, after: str) -> list[str]:
    """The command a printed line suggests after ``after``, as a shell splits it when pasted."""
    command = line.split(after, 1)[1].split(" [--map", 1)[0].rstrip(")")
    words = shlex.split(command)
    assert words[:3] == ["python", "-m", "kamp"], command
    return words[3:]


def test_the_commands_suggested_can_be_pasted_with_spaces_and_chinese_in_the_paths(tmp_path):
    folder = tmp_path / "我的 数据"
    folder.mkdir()
    report = folder / "销售 2024.csv"
    report.write_text("Customer,Date,Amount\nA1,2024-03-05,10\nA2,2024-03-06,x\n", encoding="utf-8")
    db = folder / "库 1.duckdb"
    out = kamp("import", report, "--db", db).stdout
    line = next(s for s in out.splitlines() if s.startswith("see the rejected rows with:"))
    assert pasted(line, "with: ") == ["rejects", "1", "--db", str(db)]
    out = kamp("undo", "1", "--db", db).stdout
    line = next(s for s in out.splitlines() if s.startswith("the file may now be imported again:"))
    assert pasted(line, "again: ") == ["import", str(report), "--db", str(db)]
    kamp(*pasted(line, "again: "))  # as pasted: the file from where it was, into the same database
    assert db_info(db)["transactions"] == 1


def test_a_pipe_is_refused_with_what_to_do_and_nothing_is_written(tmp_path, fixtures):
    db = tmp_path / "k.duckdb"
    text = (fixtures / "sales_tab.tsv").read_text(encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "KAMP_DB"}
    piped = subprocess.run([sys.executable, "-m", "kamp", "import", "/dev/stdin", "--db", str(db)], input=text,
                           capture_output=True, text=True, timeout=60, env=env)
    assert piped.returncode == 2, piped.stderr
    assert piped.stderr.startswith("error: /dev/stdin is a pipe or device, not a saved file: KAMP reads a file "
                                   "more than once")
    assert "Save it to a file first" in piped.stderr and "empty" not in piped.stderr
    fifo = tmp_path / "export.tsv"
    os.mkfifo(fifo)
    err = kamp("import", fifo, "--db", db, check_exit=2).stderr
    assert err.startswith(f"error: {fifo} is a pipe or device, not a saved file")
    assert list(tmp_path.iterdir()) == [fifo]  # no database made


def test_a_map_to_no_field_lists_the_fields_as_map_takes_them(tmp_path, fixtures):
    err = kamp("import", fixtures / "sales_tab.tsv", "--db", tmp_path / "k.duckdb", "--map", "Account=bogus",
               check_exit=2).stderr
    assert err == ("error: --map Account=bogus: 'bogus' is not a transactions field; fields: account id, account name, "
                   "amount, channel, cost, country, date, description, discount, invoice id, line id, product, "
                   "product line, quantity, region, salesperson, unit price\n")
    # each of them is taken: the date by the name the list gives it
    out = kamp("import", fixtures / "sales_tab.tsv", "--db", tmp_path / "k.duckdb", "--map", "Date=date",
               "--map", "Invoice=invoice id").stdout
    assert "Date → date" in out and "Invoice → invoice id" in out


def test_import_json_counts_the_new_accounts_as_the_text_does(tmp_path, fixtures):
    db = tmp_path / "k.duckdb"
    # bad_rows.csv: K1's lines are all rejected; K2, K3 and K4 have lines loaded
    assert json.loads(kamp("import", fixtures / "bad_rows.csv", "--db", db, "--json").stdout)["new_accounts"] == 3
    assert json.loads(kamp("import", fixtures / "payments.csv", "--db", db, "--kind", "payments",
                           "--json").stdout)["new_accounts"] is None  # no order lines: no account counted


def test_unused_accounts_of_an_import_of_order_lines_says_what_it_applies_to(tmp_path, fixtures):
    db = tmp_path / "k.duckdb"
    kamp("import", fixtures / "sales_tab.tsv", "--db", db)
    kamp("import", fixtures / "payments.csv", "--kind", "payments", "--db", db)
    err = kamp("undo", "1", "--unused-accounts", "--db", db, check_exit=2).stderr
    assert err == ("error: --unused-accounts removes the account records of an accounts import: import #1 of "
                   "sales_tab.tsv is a transactions import\n")
    err = kamp("undo", "2", "--unused-accounts", "--db", db, check_exit=2).stderr
    assert err.endswith("import #2 of payments.csv is a payments import\n")
    assert db_info(db)["transactions"] == 10  # nothing removed


def test_an_error_or_a_ctrl_c_begins_a_line_of_its_own_after_the_progress(tmp_path, fixtures, monkeypatch, capsys):
    from kamp import cli, ingest

    def fail(problem):
        def load(*args, **kwargs):  # once the rows are read and checked
            raise problem
        return load

    db = tmp_path / "k.duckdb"
    monkeypatch.setattr(ingest, "_load", fail(OSError(28, "No space left on device")))
    assert cli.main(["import", str(fixtures / "sales_tab.tsv"), "--db", str(db), "--progress"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("\r  scan   0%")  # the progress was shown, then its line ended
    assert err.endswith(" \nerror: [Errno 28] No space left on device\n")
    monkeypatch.setattr(ingest, "_load", fail(KeyboardInterrupt()))
    assert cli.main(["import", str(fixtures / "sales_tab.tsv"), "--db", str(db), "--progress"]) == 130
    err = capsys.readouterr().err
    assert err.startswith("\r  scan") and err.endswith(" \ninterrupted: nothing was imported\n")


def test_the_date_order_a_file_showed_is_kept_for_the_next_file_of_its_headers(tmp_path, capsys):
    # An ERP writes month first: its March export shows it (05/13), its August one cannot (08/01 … 08/02).
    from kamp import cli

    db = tmp_path / "k.duckdb"

    def imported(name: str, rows: str, *flags: str) -> str:
        path = tmp_path / name
        path.write_text("Cust No,Inv Date,Amount\n" + rows, encoding="utf-16")
        assert cli.main(["import", str(path), "--db", str(db), "--no-progress",
                         "--map", "Cust No=account id", "--map", "Inv Date=date", *flags]) == 0
        return capsys.readouterr().out

    def dates(account: str) -> list[str]:
        with duckdb.connect(str(db)) as con:
            return [str(d) for d, in con.execute("SELECT CAST(ts AS DATE) FROM transactions WHERE account_id = ? "
                                                 "ORDER BY ts", [account]).fetchall()]

    assert "as the file's other dates show" in imported("march.txt", "M1,03/05/2024,1\nM1,05/13/2024,1\n")
    out = imported("august.txt", "A1,08/01/2024,1\nA1,08/02/2024,1\n")
    assert dates("A1") == ["2024-08-01", "2024-08-02"]  # 1 and 2 August, not 8 January and 8 February
    assert ("dates read month first (05/03/2024 = 3 May), as saved for these headers (an earlier file of them "
            "showed it, or was imported so); nothing in this file shows which. If that is wrong: python -m kamp "
            f"undo 2 --db {db}, then import it again with --dayfirst\n") in out
    imported("told.txt", "T1,09/03/2024,1\n", "--dayfirst")  # asked for: 9 March, and kept from now on
    assert dates("T1") == ["2024-03-09"]
    imported("later.txt", "L1,10/03/2024,1\n")
    assert dates("L1") == ["2024-03-10"]
    imported("shown.txt", "S1,04/01/2024,1\nS1,12/13/2024,1\n")  # its 12/13 shows month first: the data wins
    assert dates("S1") == ["2024-04-01", "2024-12-13"]
    imported("last.txt", "Z1,07/01/2024,1\n")
    assert dates("Z1") == ["2024-07-01"]


def test_a_web_page_saved_as_a_workbook_is_refused_up_front_and_nothing_is_written(tmp_path, capsys):
    from kamp import cli

    page = tmp_path / "销售明细.xls"  # as a web system's "export to Excel" saves its table
    page.write_text('<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"></head>'
                    "<body>\n<table><tr><td>客户编号</td><td>订单日期</td><td>金额</td></tr>"
                    "<tr><td>K1</td><td>2024-03-05</td><td>10</td></tr></table></body></html>\n", encoding="utf-8")
    db = tmp_path / "k.duckdb"
    assert cli.main(["import", str(page), "--db", str(db), "--no-progress"]) == 2
    said = capsys.readouterr()
    assert said.err == ("error: 销售明细.xls is a web page (HTML) saved under a spreadsheet's name, not an Excel "
                        "workbook or CSV file: open it in Excel, save it as an Excel workbook (.xlsx) or as CSV, and "
                        "import that\n")
    assert said.out == "" and not db.exists()


def test_columns_mapped_as_saved_are_named_by_the_fields_labels(tmp_path, capsys):
    from kamp import cli

    # columns whose names say nothing, mapped by hand once: the next month's file is mapped so
    db = tmp_path / "k.duckdb"
    for month in ("03", "04"):
        path = tmp_path / f"erp_{month}.csv"
        path.write_text(f"Col A,Col B,Net Amount\nK1,2024-{month}-05,10\n", encoding="utf-8")
        assert cli.main(["import", str(path), "--db", str(db), "--no-progress",
                         *(["--map", "Col A=account id", "--map", "Col B=date"] if month == "03" else [])]) == 0
    out = capsys.readouterr().out
    assert ("columns mapped as saved for these headers, not as detected: Col A → account id, Col B → date "
            "(--map SOURCE=FIELD changes it)\n") in out
