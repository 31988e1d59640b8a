"""``python -m kamp`` as a user runs it: import, info, rejects, errors, --map, --dayfirst/--monthfirst."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def kamp(*args, check_exit: int | None = 0) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "KAMP_DB"}
    proc = subprocess.run([sys.executable, "-m", "kamp", *map(str, args)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    if check_exit is not None:
        assert proc.returncode == check_exit, (proc.stdout, proc.stderr)
    return proc


def db_info(db: Path) -> dict:
    """What the database holds, read in-process (the info command itself is tested below)."""
    from kamp import store

    con = store.connect(db)
    try:
        return store.info(con)
    finally:
        con.close()


def counts(stdout: str) -> dict:
    """The figures the import command prints: {'rows read': 10, ...}."""
    found = {}
    for label in ("rows read", "rows loaded", "rows rejected", "already present"):
        m = re.search(rf"^{label}:\s+([\d,]+)\s*$", stdout, re.M)
        assert m, f"{label!r} not printed:\n{stdout}"
        found[label] = int(m.group(1).replace(",", ""))
    return found


def test_import_prints_the_counts(tmp_path, fixtures):
    db = tmp_path / "k.duckdb"
    out = kamp("import", fixtures / "bad_rows.csv", "--db", db).stdout
    assert counts(out) == {"rows read": 10, "rows loaded": 4, "rows rejected": 5, "already present": 1}
    # K1's lines were all rejected: the lines loaded are K2's, K3's and K4's
    assert re.search(r"^new accounts:\s+3$", out, re.M)
    assert "bad_rows.csv" in out
    assert "python -m kamp rejects 1" in out  # tells the user where the bad rows are


def test_import_says_where_the_headers_were_found_below_a_title(tmp_path):
    report = tmp_path / "report.csv"
    report.write_bytes("2024年销售明细表\n导出时间：2024-12-31\n客户编号,订单日期,金额\nK1,2024-03-05,100.00\n"
                       "K2,2024-03-06,20.00\n".encode("gb18030"))
    out = kamp("import", report, "--db", tmp_path / "k.duckdb").stdout
    assert counts(out) == {"rows read": 2, "rows loaded": 2, "rows rejected": 0, "already present": 0}
    assert "headers on line 3: the lines above it are not imported" in out
    wan = tmp_path / "wan.csv"
    wan.write_text("客户编号,订单日期,销售额(万元)\nK1,2024-03-05,1.2\n", encoding="utf-8")
    out = kamp("import", wan, "--db", tmp_path / "k.duckdb").stdout
    assert "销售额(万元): read × 10,000, by the unit in its header" in out
    usd = tmp_path / "usd.csv"
    usd.write_text("Customer,Date,Amount (K USD)\nA1,2024-03-05,1.5\n", encoding="utf-8")
    out = kamp("import", usd, "--db", tmp_path / "k.duckdb").stdout
    assert "Amount (K USD): read × 1,000, by the unit in its header" in out


def test_import_json(tmp_path, fixtures):
    db = tmp_path / "k.duckdb"
    result = json.loads(kamp("import", fixtures / "sales_semicolon.csv", "--db", db, "--json").stdout)
    assert (result["rows_read"], result["rows_loaded"], result["rows_rejected"], result["rows_present"]) == \
        (10, 10, 0, 0)
    assert result["dayfirst"] is True and result["file_name"] == "sales_semicolon.csv"


def test_info_json_after_two_imports(tmp_path, fixtures):
    db = tmp_path / "k.duckdb"
    kamp("import", fixtures / "sales_gbk_zh.csv", "--db", db)
    kamp("import", fixtures / "sales_utf8_bom.csv", "--db", db)
    info = json.loads(kamp("info", "--db", db, "--json").stdout)
    assert info["transactions"] == 22                      # 12 + 10
    assert info["accounts"] == 10                          # C001..C005 and 5 numeric customers
    assert info["revenue"] == pytest.approx(32323.32)      # 32001.00 + 322.32
    assert info["first_date"] == "2024-01-15T09:30:00"
    assert info["last_date"] == "2024-06-28T00:00:00"
    assert [(i["file_name"], i["rows_read"], i["rows_loaded"], i["rows_rejected"]) for i in info["imports"]] == \
        [("sales_gbk_zh.csv", 12, 12, 0), ("sales_utf8_bom.csv", 10, 10, 0)]


def test_info_text(tmp_path, fixtures):
    db = tmp_path / "k.duckdb"
    kamp("import", fixtures / "sales_tab.tsv", "--db", db)
    out = kamp("info", "--db", db).stdout
    assert "10 lines, 5 accounts, revenue 4,261.00" in out
    assert "sales_tab.tsv" in out
    assert re.search(r"^dates:\s+\d{4}-\d\d-\d\d … \d{4}-\d\d-\d\d$", out, re.M)  # dates, not time stamps
    assert re.search(r"^  #1\s+\d{4}-\d\d-\d\d \d\d:\d\d  transactions", out, re.M)


def test_info_on_a_new_database(tmp_path):
    from kamp import store

    store.connect(tmp_path / "new.duckdb").close()
    info = json.loads(kamp("info", "--db", tmp_path / "new.duckdb", "--json").stdout)
    assert (info["transactions"], info["accounts"], info["revenue"], info["first_date"], info["imports"]) == \
        (0, 0, 0, None, [])


@pytest.mark.parametrize("command", [["info"], ["rejects", "1"], ["features"], ["concentration", "--json"]])
def test_a_command_that_reads_a_database_that_is_not_there_says_so_and_creates_nothing(tmp_path, command):
    typo = tmp_path / "sub" / "kamp.duckbd"
    out = kamp(*command, "--db", typo, check_exit=2)
    assert out.stdout == ""
    assert out.stderr == (f"error: no database at {typo}: import a file to create one (python -m kamp import FILE "
                          f"--db {typo}), or start the dashboard, which builds the demo\n")
    assert not typo.parent.exists()


def test_the_same_file_twice_loads_nothing(tmp_path, fixtures):
    db = tmp_path / "k.duckdb"
    kamp("import", fixtures / "sales_tab.tsv", "--db", db)
    out = kamp("import", fixtures / "sales_tab.tsv", "--db", db).stdout
    assert "same file as import #1" in out and "nothing added" in out
    assert "import #1 read its 10 rows: 10 loaded, 0 rejected, 0 already present" in out
    info = db_info(db)
    assert info["transactions"] == 10 and info["revenue"] == pytest.approx(4261.00)


def test_a_repeated_file_says_what_its_first_import_did_and_that_options_change_nothing(tmp_path, fixtures):
    db = tmp_path / "k.duckdb"
    kamp("import", fixtures / "bad_rows.csv", "--db", db)
    out = kamp("import", fixtures / "bad_rows.csv", "--db", db, "--monthfirst").stdout
    # the first import's figures (test_import_prints_the_counts), not "0 rejected, 10 present"
    assert "import #1 read its 10 rows: 4 loaded, 5 rejected, 1 already present" in out
    assert "python -m kamp rejects 1" in out
    assert "--monthfirst changed nothing: the file's lines stay as import #1 read them" in out
    assert f"python -m kamp undo 1 --db {db}, then import it again" in out
    assert db_info(db)["transactions"] == 4


def test_an_undone_import_can_be_read_again_another_way(tmp_path):
    either = tmp_path / "either.csv"
    either.write_text("Customer ID,Date,Amount\nK1,05/03/2024,10\nK2,06/04/2024,20\n", encoding="utf-8")
    db = tmp_path / "k.duckdb"
    kamp("import", either, "--db", db)
    assert db_info(db)["first_date"].startswith("2024-03-05")  # day first: 5 March
    out = kamp("undo", "1", "--db", db).stdout
    assert "import #1 of either.csv undone: 2 lines removed, and 2 account records no line is left for" in out
    facts = db_info(db)
    assert (facts["transactions"], facts["accounts"], facts["account_records"]) == (0, 0, 0)
    out = kamp("import", either, "--db", db, "--monthfirst").stdout  # no longer "same file as import #1"
    assert counts(out)["rows loaded"] == 2
    facts = db_info(db)
    assert (facts["first_date"][:10], facts["last_date"][:10], facts["revenue"]) == ("2024-05-03", "2024-06-04", 30)
    listed = [line for line in kamp("info", "--db", db).stdout.splitlines() if line.startswith("  #")]
    assert listed[0].startswith("  #1 ") and listed[0].endswith("(undone)")
    # another kind: the command to import it again names the kind
    kamp("import", REPO / "data" / "samples" / "payments.csv", "--kind", "payments", "--db", db)
    out = kamp("undo", "3", "--db", db).stdout
    assert "import #3 of payments.csv undone: 790 payments removed" in out
    assert (f"python -m kamp import {REPO / 'data' / 'samples' / 'payments.csv'} --kind payments --db {db} "
            "[--map ...]") in out  # the path it was imported from
    # once only; a repeat added nothing; a number that is no import
    assert "import #1 of either.csv was undone already" in kamp("undo", "1", "--db", db, check_exit=2).stderr
    kamp("import", either, "--db", db)
    assert "added nothing" in kamp("undo", "4", "--db", db, check_exit=2).stderr
    assert "there is no import #9" in kamp("undo", "9", "--db", db, check_exit=2).stderr


def test_undoing_an_import_undoes_the_repeats_of_its_file(tmp_path, fixtures):
    # bad_rows.csv: 10 rows, 4 loaded, 5 rejected, 1 repeated within the file (test_import_prints_the_counts)
    db = tmp_path / "k.duckdb"
    kamp("import", fixtures / "bad_rows.csv", "--db", db)
    out = kamp("import", fixtures / "bad_rows.csv", "--db", db).stdout
    assert "same file as import #1" in out
    out = kamp("undo", "1", "--db", db).stdout
    assert "import #1 of bad_rows.csv undone: 4 lines removed" in out
    assert "undone with it: #2, the same file imported again, which added nothing" in out
    listed = [line for line in kamp("info", "--db", db).stdout.splitlines() if line.startswith("  #")]
    assert [line.split()[0] for line in listed] == ["#1", "#2"] and all(line.endswith("(undone)") for line in listed)
    gone = kamp("rejects", "2", "--db", db)  # none listed: they went with #1
    assert "import #2 was undone" in gone.stderr and gone.stdout.count("\n") <= 1
    out = kamp("import", fixtures / "bad_rows.csv", "--db", db).stdout  # read anew: its lines load
    assert counts(out)["rows loaded"] == 4
    assert db_info(db)["transactions"] == 4


def test_the_date_order_is_said_when_a_date_depends_on_it(tmp_path):
    either = tmp_path / "either.csv"
    either.write_text("Customer ID,Date,Amount\nK1,05/03/2024,10\nK2,06/04/2024,20\n", encoding="utf-8")
    shown = tmp_path / "shown.csv"  # 16/04 can only be day first
    shown.write_text("Customer ID,Date,Amount\nK1,05/03/2024,10\nK2,16/04/2024,20\n", encoding="utf-8")
    iso = tmp_path / "iso.csv"
    iso.write_text("Customer ID,Date,Amount\nK1,2024-03-05,10\n", encoding="utf-8")
    out = kamp("import", either, "--db", tmp_path / "a.duckdb").stdout
    assert ("dates read day first (05/03/2024 = 5 March), nothing in the file shows which. If that is wrong: "
            f"python -m kamp undo 1 --db {tmp_path / 'a.duckdb'}, then import it again with --monthfirst") in out
    out = kamp("import", shown, "--db", tmp_path / "b.duckdb").stdout
    assert "dates read day first (05/03/2024 = 5 March), as the file's other dates show" in out
    for args in ((either, "--monthfirst"), (iso,)):  # asked for, or no date depends on it: nothing to say
        assert "dates read" not in kamp("import", *args, "--db", tmp_path / "c.duckdb").stdout
    assert db_info(tmp_path / "c.duckdb")["first_date"].startswith("2024-03-05")  # May 6 and March 5


def test_a_saved_mapping_is_said_and_a_map_of_any_case_changes_it(tmp_path):
    db = tmp_path / "k.duckdb"
    header = "Customer ID;Order Date;Quantity;Unit Price;Amount\n"
    files = []
    for i, row in enumerate(("K1;2024-03-05;2;10;25", "K2;2024-03-06;3;10;35", "K3;2024-03-07;4;10;45")):
        files.append(tmp_path / f"f{i}.csv")
        files[-1].write_text(header + row + "\n", encoding="utf-8")
    kamp("import", files[0], "--db", db, "--map", "Amount=-")  # quantity × unit price: 20
    out = kamp("import", files[1], "--db", db).stdout  # the same headers: the same mapping, said
    assert ("columns mapped as saved for these headers, not as detected: Amount left out "
            "(--map SOURCE=FIELD changes it)") in out
    assert db_info(db)["revenue"] == pytest.approx(20 + 30)
    out = kamp("import", files[2], "--db", db, "--map", "Amount=amount", "--map", "Amount=cost", check_exit=2)
    assert out.stderr == "error: --map names column 'Amount' twice (amount, then cost): a column fills one field\n"
    out = kamp("import", files[2], "--db", db, "--map", "amount=amount").stdout  # the column named in lower case
    assert "as saved" not in out
    assert db_info(db)["revenue"] == pytest.approx(20 + 30 + 45)


def test_a_date_outside_1900_to_2099_is_rejected_and_the_analyses_still_run(tmp_path):
    db = tmp_path / "k.duckdb"
    f = tmp_path / "far.csv"
    f.write_text("Customer ID,Date,Amount\nK1,2300-01-01,10\nK2,2024-04-06,20\nK3,0001-01-01,5\n"
                 "K4,1900-01-01,1\n", encoding="utf-8")
    out = kamp("import", f, "--db", db).stdout
    assert counts(out) == {"rows read": 4, "rows loaded": 2, "rows rejected": 2, "already present": 0}
    rejects = list(csv.DictReader(io.StringIO(kamp("rejects", "1", "--db", db).stdout.lstrip("\ufeff"))))
    assert [(r["row"], r["reason"]) for r in rejects] == [
        ("2", "date '2300-01-01' is not between 1900 and 2099 (订单日期不在 1900 至 2099 年之间)"),
        ("4", "date '0001-01-01' is not between 1900 and 2099 (订单日期不在 1900 至 2099 年之间)")]
    facts = json.loads(kamp("concentration", "--db", db, "--json").stdout)
    assert facts["as_of"] == "2024-04-06" and facts["top20_share"] == pytest.approx(20 / 21)


def test_a_line_dated_after_today_is_rejected_not_made_the_last_purchase(tmp_path):
    # a slip of the year (2036 for 2026) would make every other account lost; a date one day ahead
    # is let through (time zones), a date due in the future is a payment's due date, not a line's
    import datetime as dt

    today = dt.date.today()
    later, tomorrow = today + dt.timedelta(days=3650), today + dt.timedelta(days=1)
    db = tmp_path / "k.duckdb"
    f = tmp_path / "slip.csv"
    f.write_text(f"Customer ID,Date,Amount\nK1,{later},10\nK2,2024-04-06,20\nK3,{tomorrow},5\n", encoding="utf-8")
    out = kamp("import", f, "--db", db).stdout
    assert counts(out) == {"rows read": 3, "rows loaded": 2, "rows rejected": 1, "already present": 0}
    rejects = list(csv.DictReader(io.StringIO(kamp("rejects", "1", "--db", db).stdout.lstrip("\ufeff"))))
    assert [(r["row"], r["reason"]) for r in rejects] == [
        ("2", f"date '{later}' is after today ({today}) (订单日期晚于今天（{today}）)")]
    pay = tmp_path / "payments.csv"
    pay.write_text(f"Customer ID,Invoice No,Invoice Date,Amount,Due Date,Paid Date\n"
                   f"K2,I1,2024-04-06,20,{later},\nK2,I2,2024-04-06,20,2024-05-06,{later}\n", encoding="utf-8")
    out = kamp("import", pay, "--kind", "payments", "--db", db).stdout
    assert (counts(out)["rows loaded"], counts(out)["rows rejected"]) == (1, 1)  # paid in ten years' time: no


def test_as_of_is_refused_unless_written_year_first(tmp_path, fixtures):
    db = tmp_path / "k.duckdb"
    kamp("import", fixtures / "sales_tab.tsv", "--db", db)
    for given in ("05/03/2024", "2024-06"):  # (2024-02-30: no such day, test_small_mistakes_are_said_plainly)
        out = kamp("concentration", "--db", db, "--as-of", given, check_exit=2)
        assert out.stderr == (f"error: --as-of {given!r} is not a date written year first, YYYY-MM-DD "
                              "(e.g. 2024-03-05)\n")
    assert json.loads(kamp("concentration", "--db", db, "--as-of", "2024/3/5", "--json").stdout)["as_of"] == "2024-03-05"


def test_a_db_path_that_is_no_database_is_refused_and_left_as_it_was(tmp_path, fixtures):
    victim = tmp_path / "orders.csv"  # an export named as the database by mistake
    victim.write_bytes((fixtures / "sales_tab.tsv").read_bytes())
    before = victim.read_bytes()
    for command in (["import", fixtures / "sales.parquet"], ["info"], ["demo"], ["features"]):
        out = kamp(*command, "--db", victim, check_exit=2)
        assert out.stderr.startswith(f"error: {victim} is not a KAMP database (a DuckDB file)"), out.stderr
    assert victim.read_bytes() == before
    out = kamp("import", fixtures / "sales.parquet", "--db", tmp_path, check_exit=2)
    assert out.stderr.startswith(f"error: {tmp_path} is a folder, not a database file")


def test_demo_does_not_replace_your_own_data_unless_forced(tmp_path, fixtures):
    db = tmp_path / "k.duckdb"
    kamp("import", fixtures / "sales_tab.tsv", "--db", db)
    out = kamp("demo", "--db", db, check_exit=2)
    assert out.stderr == (f"error: {db} holds your own data (1 import): the demo would replace it. Name another "
                          "file with --db, or add --force to replace it\n")
    assert db_info(db)["transactions"] == 10


@pytest.mark.parametrize("at", [2, 2_001, 60_001])  # in the header's sample, in the sniffer's, past both
def test_a_quote_never_closed_is_said_with_its_line(tmp_path, at):
    lines = ["Customer ID,Date,Amount"] + [f"K{i},2024-03-05,{i}" for i in range(1, 80_000)]
    lines[at - 1] = 'K9,2024-03-05,"12'
    f = tmp_path / "orders.csv"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = kamp("import", f, "--db", tmp_path / "k.duckdb", check_exit=2)
    assert out.stderr == f'error: orders.csv: line {at:,} opens a quote (") that no later line closes: K9,2024-03-05,"12\n'
    assert list(tmp_path.iterdir()) == [f]


def test_a_value_over_several_lines_is_read_whole(tmp_path):
    f = tmp_path / "accounts.csv"  # as Excel writes a cell with a line break, and a row short of a value
    f.write_text('Customer ID,Date,Description,Amount\nK1,2024-03-05,"Floor 3\nBuilding A",10\n'
                 "K2,2024-03-06,x\nK3,2024-03-07,y,7\n", encoding="utf-8")
    db = tmp_path / "k.duckdb"
    out = kamp("import", f, "--db", db).stdout
    assert counts(out) == {"rows read": 3, "rows loaded": 2, "rows rejected": 1, "already present": 0}
    from kamp import store

    con = store.connect(db)
    try:
        assert con.execute("SELECT account_id, description FROM transactions ORDER BY 1").fetchall() == [
            ("K1", "Floor 3\nBuilding A"), ("K3", "y")]
    finally:
        con.close()


def test_a_reader_that_stops_early_keeps_the_import(tmp_path, fixtures, monkeypatch):
    from kamp import cli

    read, write = os.pipe()
    os.close(read)  # as `| head -1` does once it has its line
    stdout = os.fdopen(write, "w", buffering=1)
    monkeypatch.setattr(sys, "stdout", stdout)
    db = tmp_path / "k.duckdb"
    try:
        assert cli.main(["import", str(fixtures / "sales_tab.tsv"), "--db", str(db), "--no-progress"]) == 0
    finally:
        monkeypatch.undo()
        stdout.close()
    assert db_info(db)["transactions"] == 10


def test_a_db_path_starting_with_a_tilde_is_in_the_home_folder(tmp_path, fixtures, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    kamp("import", fixtures / "sales_tab.tsv", "--db", "~/k.duckdb")
    assert db_info(tmp_path / "k.duckdb")["transactions"] == 10
    assert not (REPO / "~").exists()


def test_a_failed_import_into_a_new_database_leaves_no_file(tmp_path, fixtures):
    db = tmp_path / "new.duckdb"
    kamp("import", fixtures / "no_date_column.csv", "--db", db, check_exit=2)
    kamp("import", tmp_path / "missing.csv", "--db", db, check_exit=2)
    assert list(tmp_path.iterdir()) == []
    # nor the folders made for it; a folder that was there stays
    (tmp_path / "kept").mkdir()
    kamp("import", fixtures / "no_date_column.csv", "--db", tmp_path / "kept" / "a" / "b" / "k.duckdb", check_exit=2)
    assert list(tmp_path.iterdir()) == [tmp_path / "kept"] and list((tmp_path / "kept").iterdir()) == []


def test_gb18030_names_in_four_byte_codes_and_traditional_headers_import(tmp_path):
    gb = tmp_path / "gb.csv"  # Ä, Ö and Ü take four bytes each in GB18030
    gb.write_bytes("客户编号,订单日期,金额,客户名称\nK1,2024-03-05,100,ÄÖÜ贸易\nK2,2024-03-06,50,北京\n".encode("gb18030"))
    big5 = tmp_path / "big5.csv"  # Traditional headers: 客戶編號 is 客户编号
    big5.write_bytes("客戶編號,客戶名稱,訂單日期,銷售額\nK3,台北貿易,2024-03-07,70\n".encode("big5"))
    db = tmp_path / "k.duckdb"
    for f in (gb, big5):
        kamp("import", f, "--db", db)
    from kamp import store

    con = store.connect(db)
    try:
        names = dict(con.execute("SELECT account_id, name FROM accounts").fetchall())
    finally:
        con.close()
    assert names == {"K1": "ÄÖÜ贸易", "K2": "北京", "K3": "台北貿易"}
    assert db_info(db)["revenue"] == pytest.approx(220)


def test_scorecard_refuses_scores_without_entities_and_a_threshold_not_a_number(tmp_path):
    samples = REPO / "data" / "samples"
    header_only = tmp_path / "scores.csv"
    header_only.write_bytes((samples / "industry_scores.csv").read_bytes().splitlines(keepends=True)[0])
    out = kamp("scorecard", "--criteria", samples / "industry_criteria.csv", "--scores", header_only, check_exit=2)
    assert out.stderr == f"error: {header_only}: no entity rows under the header\n"
    out = kamp("scorecard", "--criteria", samples / "industry_criteria.csv", "--scores",
               samples / "industry_scores.csv", "--threshold", "nan", check_exit=2)
    assert out.stderr == "error: --threshold nan: give a number\n"
    out = kamp("scorecard", "--criteria", tmp_path / "none.csv", "--scores", header_only, check_exit=2)
    assert out.stderr == f"error: {tmp_path / 'none.csv'}: file not found\n"


def _bad_file(tmp_path: Path, fixtures: Path, case: str) -> Path:
    if case == "truncated.xlsx":
        p = tmp_path / case
        p.write_bytes((fixtures / "sales.xlsx").read_bytes()[:1000])
        return p
    if case == "undecodable.csv":
        p = tmp_path / case
        p.write_bytes(b"\x80")
        return p
    if case == "missing.csv":
        return tmp_path / case
    return fixtures / case


@pytest.mark.parametrize("case", ["empty.csv", "no_date_column.csv", "binary.bin", "missing.csv",
                                  "undecodable.csv", "truncated.xlsx"])
def test_a_file_level_error_is_one_line_and_exit_code_2(tmp_path, fixtures, case):
    db = tmp_path / "k.duckdb"
    path = _bad_file(tmp_path, fixtures, case)
    proc = kamp("import", path, "--db", db, check_exit=None)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: ") and path.name in lines[0]
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    info = db_info(db)
    assert info["transactions"] == 0 and info["imports"] == [] and info["rejected_rows"] == 0


def test_map_overrides(tmp_path):
    db = tmp_path / "k.duckdb"
    f = tmp_path / "export.csv"
    f.write_text("Kunde,Datum,Betrag\nK1,2024-01-02,10.00\nK2,2024-01-03,20.00\nK3,2024-01-04,30.00\n")
    proc = kamp("import", f, "--db", db, check_exit=2)  # nothing maps without help
    assert proc.stderr.startswith("error: export.csv")
    out = kamp("import", f, "--db", db, "--map", "Kunde=account_id", "--map", "Datum=ts",
               "--map", "Betrag=amount").stdout
    assert counts(out)["rows loaded"] == 3
    info = db_info(db)
    assert info["revenue"] == pytest.approx(60.00) and info["accounts"] == 3


def test_a_bad_map_is_a_one_line_error(tmp_path, fixtures):
    db = tmp_path / "k.duckdb"
    for bad in ("Nope=amount", "no-equals-sign"):
        proc = kamp("import", fixtures / "sales_tab.tsv", "--db", db, "--map", bad, check_exit=2)
        assert proc.stderr.startswith("error: ") and len(proc.stderr.strip().splitlines()) == 1
    assert db_info(db)["transactions"] == 0


AMBIGUOUS = "Customer ID,Date,Amount\nK1,05/03/2024,10.00\nK2,01/02/2024,20.00\nK3,12/11/2024,30.00\n"


@pytest.mark.parametrize("flag, first, last", [
    (None, "2024-02-01T00:00:00", "2024-11-12T00:00:00"),            # day first unless the data says otherwise
    ("--monthfirst", "2024-01-02T00:00:00", "2024-12-11T00:00:00"),  # May 3, Jan 2, Dec 11
])
def test_dayfirst_and_monthfirst(tmp_path, flag, first, last):
    db = tmp_path / "k.duckdb"
    f = tmp_path / "ambiguous.csv"
    f.write_text(AMBIGUOUS)
    kamp("import", f, "--db", db, *([flag] if flag else []))
    info = db_info(db)
    assert (info["first_date"], info["last_date"], info["transactions"]) == (first, last, 3)


def test_dayfirst_on_a_month_first_file_rejects_the_impossible_dates(tmp_path, fixtures):
    db = tmp_path / "k.duckdb"
    out = kamp("import", fixtures / "sales_tab.tsv", "--db", db, "--dayfirst").stdout
    assert counts(out) == {"rows read": 10, "rows loaded": 5, "rows rejected": 5, "already present": 0}


def test_rejects_command_writes_rows_reasons_and_the_files_columns(tmp_path, fixtures):
    db = tmp_path / "k.duckdb"
    kamp("import", fixtures / "bad_rows.csv", "--db", db)
    out_file = tmp_path / "rejects.csv"
    printed = kamp("rejects", "1", "--db", db, "--out", out_file).stdout
    assert "5" in printed and "rejects.csv" in printed
    rows = list(csv.DictReader(io.StringIO(out_file.read_text(encoding="utf-8-sig"))))
    assert [int(r["row"]) for r in rows] == [2, 3, 4, 5, 11]
    assert "date '31/02/2024' does not exist" in rows[1]["reason"]
    # in the file's own columns, as read: corrected, they import again
    assert list(rows[0]) == ["row", "reason", "Customer ID", "Date", "Invoice", "Amount"]
    assert [(r["Customer ID"], r["Date"], r["Amount"]) for r in rows] == [
        ("", "2024-03-01", "10.00"), ("K1", "31/02/2024", "20.00"), ("K1", "soon", "30.00"),
        ("K2", "2024-03-04", "abc"), ("K1", "2024-03-09", "")]
    to_stdout = kamp("rejects", "1", "--db", db).stdout
    assert len(list(csv.DictReader(io.StringIO(to_stdout)))) == 5
    unknown = kamp("rejects", "2", "--db", db, "--out", tmp_path / "none.csv", check_exit=2)
    assert unknown.stderr == f"error: no import #2 in {db}: its only import is #1 (python -m kamp info lists them)\n"
    assert not (tmp_path / "none.csv").exists()
    fixed = out_file.read_text(encoding="utf-8-sig").replace("31/02/2024", "29/02/2024").replace(",abc", ",40.00")
    (tmp_path / "fixed.csv").write_text(fixed, encoding="utf-8-sig")
    again = kamp("import", tmp_path / "fixed.csv", "--db", db).stdout
    assert counts(again) == {"rows read": 5, "rows loaded": 2, "rows rejected": 3, "already present": 0}


def test_sheet_option(tmp_path, fixtures):
    db = tmp_path / "k.duckdb"
    out = kamp("import", fixtures / "sales.xlsx", "--db", db, "--sheet", "Sales").stdout
    assert counts(out)["rows loaded"] == 10
    assert "import #1 of sales.xlsx, sheet Sales (transactions)" in out
    proc = kamp("import", fixtures / "sales.xlsx", "--db", db, "--sheet", "Nope", check_exit=2)
    assert "Sales" in proc.stderr  # lists the sheets there are
    # without --sheet, the sheet of sales, behind the notes, is the one read (and named)
    again = kamp("import", fixtures / "sales.xlsx", "--db", tmp_path / "other.duckdb").stdout
    assert counts(again)["rows loaded"] == 10 and "of sales.xlsx, sheet Sales (" in again


def test_a_map_reads_the_sheet_with_its_columns_and_an_error_names_the_sheet(tmp_path, notes_then_orders):
    notes_then_orders(tmp_path / "erp.xlsx", ["客户\n编码", "单据日期", "Summe"])
    out = kamp("import", tmp_path / "erp.xlsx", "--db", tmp_path / "k.duckdb", "--map", "Summe=amount").stdout
    assert counts(out)["rows loaded"] == 2 and "of erp.xlsx, sheet 销售明细 (" in out
    proc = kamp("import", tmp_path / "erp.xlsx", "--db", tmp_path / "k.duckdb", "--map", "价税合计=amount", check_exit=2)
    assert proc.stderr == ("error: --map 价税合计=amount: the file has no column '价税合计'; columns: 本文件由 金蝶K/3 导出 "
                           "(read from sheet '导出说明'; the workbook's other sheets: 销售明细; --sheet NAME reads "
                           "another)\n")


def test_progress_names_each_step_and_counts_rows_where_it_can(tmp_path, fixtures):
    # the workbook is opened (calamine reads it whole: no row to count yet), then its rows are read
    steps = kamp("import", fixtures / "sales.xlsx", "--db", tmp_path / "book.duckdb", "--progress").stderr
    shown = [line.split() for line in steps.splitlines() if line.strip()]  # each "\r" a line, in text mode
    assert shown[0][:2] == ["open", "0%"] and len(shown[0]) == 2
    assert shown[-1][:4] == ["finish", "100%", "10", "rows"]
    text = kamp("import", fixtures / "sales_tab.tsv", "--db", tmp_path / "text.duckdb", "--progress").stderr
    assert [line.split()[:2] for line in text.splitlines() if line.strip()][0] == ["scan", "0%"]


def test_other_kinds_from_the_command_line(tmp_path, fixtures):
    db = tmp_path / "k.duckdb"
    out = kamp("import", fixtures / "contacts.csv", "--kind", "contacts", "--db", db).stdout
    assert counts(out) == {"rows read": 10, "rows loaded": 8, "rows rejected": 2, "already present": 0}
    info = db_info(db)
    assert info["contacts"] == 8 and info["transactions"] == 0


def test_a_database_held_by_another_program_is_a_clear_error(tmp_path, fixtures):
    # The dashboard holds the file open; an import from the command line must say so plainly.
    from kamp import store

    db = tmp_path / "busy.duckdb"
    holder = store.connect(db)
    try:
        result = kamp("import", fixtures / "sales_utf8_bom.csv", "--db", db, check_exit=2)
        assert "open in another program" in result.stderr
        assert "Traceback" not in result.stderr
    finally:
        holder.close()


@pytest.mark.parametrize("command", [[], ["import"], ["info"], ["rejects"], ["undo"], ["features"], ["concentration"],
                                     ["scorecard"], ["template"], ["demo"]])
def test_every_help_text_prints(command):
    # A bare "%" in a help text makes argparse fail on --help (it formats the text).
    out = kamp(*command, "--help").stdout
    assert out.startswith("usage: python -m kamp")


def test_version():
    from kamp import __version__

    assert kamp("--version").stdout == f"kamp {__version__}\n"


def test_a_payments_export_given_without_kind_is_not_imported_as_order_lines(tmp_path, fixtures):
    db = tmp_path / "k.duckdb"
    proc = kamp("import", fixtures / "payments.csv", "--db", db, check_exit=2)
    assert proc.stderr == ("error: payments.csv: its columns fit payments better (7 of 7 recognised) than "
                           "transactions (4 of 7); add --kind payments, or --kind transactions to import it as "
                           "order lines\n")
    assert db_info(db)["imports"] == []  # nothing imported
    assert counts(kamp("import", fixtures / "payments.csv", "--db", db, "--kind", "payments").stdout)["rows loaded"] > 0
    assert db_info(db)["transactions"] == 0
    # said as order lines, it is imported as such, with a note
    proc = kamp("import", fixtures / "payments.csv", "--db", db, "--kind", "transactions")
    assert counts(proc.stdout)["rows loaded"] > 0
    assert proc.stderr == ("note: payments.csv's columns fit payments better (7 of 7 recognised) than transactions "
                           "(4): give --kind payments if that is what it holds\n")


def test_an_import_that_rejects_every_row_fails_and_says_how_to_redo_it(tmp_path):
    swapped = tmp_path / "swapped.csv"
    swapped.write_text("Customer,Date,Amount\nA1,2024-03-05,10\nA2,2024-03-06,20\n", encoding="utf-8")
    db = tmp_path / "k.duckdb"
    proc = kamp("import", swapped, "--db", db, "--map", "Date=amount", "--map", "Amount=date", check_exit=1)
    assert counts(proc.stdout) == {"rows read": 2, "rows loaded": 0, "rows rejected": 2, "already present": 0}
    assert proc.stderr == (f"error: every row of swapped.csv was rejected, nothing was loaded. The reasons: "
                           f"python -m kamp rejects 1 --db {db}; to import it again another way (--map, --dayfirst, "
                           f"--monthfirst), first: python -m kamp undo 1 --db {db}\n")
    kamp("undo", "1", "--db", db)
    assert counts(kamp("import", swapped, "--db", db).stdout)["rows loaded"] == 2


def test_import_says_which_column_became_which_field_and_what_it_left_out(tmp_path):
    extra = tmp_path / "extra.csv"
    extra.write_text("Customer,Bemerkung,Date,Amount,Kosten,Amount\nA1,x,2024-03-05,10,3,99\n", encoding="utf-8")
    out = kamp("import", extra, "--db", tmp_path / "k.duckdb").stdout
    assert "columns: Customer → account id, Date → date, Amount → amount\n" in out
    # (a second column of the same name is read as Amount_1, as DuckDB names it)
    assert "not imported: Bemerkung, Kosten, Amount_1 (--map COLUMN=FIELD imports one)\n" in out


def test_small_mistakes_are_said_plainly(tmp_path, fixtures):
    db = tmp_path / "k.duckdb"
    kamp("import", fixtures / "sales_utf8_bom.csv", "--db", db)
    assert kamp("concentration", "--db", db, "--as-of", "2010-02-30", check_exit=2).stderr == \
        "error: --as-of '2010-02-30': there is no such day (2010-02-30)\n"
    assert kamp("info", "--db", db / "x.duckdb", check_exit=2).stderr.startswith(
        f"error: {db / 'x.duckdb'}: {db} is a file, not a folder")
    assert kamp("import", tmp_path / "nowhere" / "sales.csv", "--db", db, check_exit=2).stderr == \
        f"error: {tmp_path / 'nowhere' / 'sales.csv'}: file not found\n"
    assert kamp("import", fixtures / "sales_semicolon.csv", "--sheet", "Foo", "--db", db, check_exit=2).stderr == \
        "error: --sheet Foo: sales_semicolon.csv is no Excel workbook, it has no sheets\n"
    last = db_info(db)["last_date"][:10]
    proc = kamp("features", "--db", db, "--as-of", "2030-01-01", "--out", tmp_path / "f.csv")
    assert "note: 2030-01-01 is " in proc.stderr and f"days after the last line ({last})" in proc.stderr
    out = kamp("concentration", "--db", db).stdout
    total = next(line for line in out.splitlines() if line.startswith("total"))
    assert total.endswith("(the net revenue of the accounts above zero, which the measures share out)")
    assert total.split()[1].count(".") == 1 and len(total.split()[1].split(".")[1]) == 2  # cents, not 4 places


def test_an_account_given_twice_in_an_accounts_file_is_said(tmp_path):
    accounts = tmp_path / "accounts.csv"
    accounts.write_text("Customer ID,Customer name,Industry\nA1,Alpha,Retail\nA2,Beta,Telecom\n"
                        "A1,Alpha Ltd,Finance\nA2,Beta,Telecom\n", encoding="utf-8")
    out = kamp("import", accounts, "--kind", "accounts", "--db", tmp_path / "k.duckdb").stdout
    # A2's second row is the same as its first: only A1 is given twice with different values
    assert ("1 account id on more than one row with different values: the last row of each is kept, the earlier "
            "ones count as already present") in out
    assert counts(out) == {"rows read": 4, "rows loaded": 2, "rows rejected": 0, "already present": 2}


def test_the_kind_is_judged_by_the_columns_as_mapped(tmp_path):
    german = tmp_path / "umsatz.csv"
    german.write_text("Customer,Datum,Betrag\nA1,2024-03-05,10\n", encoding="utf-8")
    db = tmp_path / "k.duckdb"
    # unmapped, only the account is known: say what order lines lack, not that 1 of 3 beats 1 of 3
    proc = kamp("import", german, "--db", db, check_exit=2)
    assert proc.stderr == ("error: umsatz.csv: no column maps to date, amount of order lines, and its columns fit "
                           "accounts (1 of 3 recognised); map them with --map COLUMN=FIELD, or add --kind accounts\n")
    out = kamp("import", german, "--db", db, "--map", "Datum=date", "--map", "Betrag=amount").stdout
    assert counts(out)["rows loaded"] == 1 and db_info(db)["revenue"] == 10


def test_a_template_filled_in_imports_as_its_kind(tmp_path):
    # the Chinese payments template, two rows added in Excel (which keeps the byte-order mark)
    out = tmp_path / "回款模板.csv"
    assert kamp("template", "payments", "--lang", "zh", "--out", out).stdout == f"payments template written to {out}\n"
    header = out.read_text(encoding="utf-8-sig")
    assert header == "客户编号,发票号,开票日期,金额,到期日,回款日期,回款金额\n"
    out.write_text(header + "C1,INV-1,2024-03-01,100,2024-03-31,2024-03-20,100\n"
                            "C1,INV-2,2024-04-01,50,2024-04-30,,\n", encoding="utf-8-sig")
    db = tmp_path / "k.duckdb"
    assert "add --kind payments" in kamp("import", out, "--db", db, check_exit=2).stderr  # not as order lines
    assert counts(kamp("import", out, "--db", db, "--kind", "payments").stdout)["rows loaded"] == 2
    assert db_info(db)["payments"] == 2 and db_info(db)["transactions"] == 0
    assert kamp("template", "accounts").stdout.startswith("account id,")  # to stdout, in English
    bad = kamp("template", "accounts", "--out", tmp_path / "a.txt", check_exit=2)
    assert bad.stderr == f"error: {tmp_path / 'a.txt'}: write .csv\n"



def test_products_only_leaves_postage_and_fees_out_of_the_figures(tmp_path):
    # Net revenue counts every line as invoiced; --products-only leaves out the lines of the
    # non-product codes (POST, M, BANK CHARGES … : settings non_product_codes).
    db = tmp_path / "k.duckdb"
    f = tmp_path / "lines.csv"
    f.write_text("InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n"
                 "1,85123A,10,2024-03-01,3.00,A\n"       # A: 30 of goods
                 "1,POST,1,2024-03-01,18.00,A\n"         #    and 18 of postage
                 "2,22423,2,2024-03-02,40.00,B\n"        # B: 80 of goods
                 "3,M,1,2024-03-03,-50.00,B\n"           #    and a manual credit of 50
                 "4,BANK CHARGES,1,2024-03-04,15.00,C\n",  # C: only a bank charge
                 encoding="utf-8")
    kamp("import", f, "--db", db)
    assert db_info(db)["revenue"] == pytest.approx(30 + 18 + 80 - 50 + 15)

    def revenue(*extra):
        kamp("features", "--db", db, "--out", tmp_path / "f.csv", *extra)
        with open(tmp_path / "f.csv", encoding="utf-8-sig") as rows:
            return {r["account_id"]: float(r["revenue"]) for r in csv.DictReader(rows)}

    assert revenue() == {"A": 48.0, "B": 30.0, "C": 15.0}
    assert revenue("--products-only") == {"A": 30.0, "B": 80.0}
    facts = json.loads(kamp("concentration", "--db", db, "--json", "--products-only").stdout)
    assert facts["accounts"] == 2 and facts["total"] == 110.0 and facts["top20_share"] == pytest.approx(80 / 110)
    facts = json.loads(kamp("concentration", "--db", db, "--json").stdout)
    assert facts["accounts"] == 3 and facts["total"] == 93.0 and facts["top20_share"] == pytest.approx(48 / 93)


def test_demo_remove_takes_the_demo_out_and_keeps_your_own_import(tmp_path, demo_db, fixtures):
    import shutil

    import duckdb

    db = tmp_path / "k.duckdb"
    shutil.copy(demo_db, db)
    demo = db_info(db)
    kamp("import", fixtures / "sales_tab.tsv", "--db", db)  # the user's own, added to the demo's
    mine = db_info(db)["transactions"] - demo["transactions"]
    out = kamp("demo", "--remove", "--db", db).stdout
    assert out.startswith(f"demo removed from {db}: {demo['transactions']:,} order lines, 1,200 account records")
    left = db_info(db)
    assert left["transactions"] == mine and left["accounts"] == 5  # sales_tab.tsv's accounts A1 … A5
    with duckdb.connect(str(db), read_only=True) as con:
        for table in ("contacts", "payments", "interactions", "playbook_versions", "scorecard_scores", "snapshots",
                      "snapshot_accounts", "relationship_assessments"):
            assert con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] == 0, table
        assert con.execute("SELECT count(*) FROM accounts WHERE account_id LIKE 'C%'").fetchone()[0] == 0
    assert kamp("demo", "--remove", "--db", db, check_exit=2).stderr == \
        "error: the database holds no demo company (it was removed, or never imported)\n"
    # a database of your own is still not replaced by a new demo without --force
    assert "holds your own data (1 import)" in kamp("demo", "--db", db, check_exit=2).stderr


def test_a_file_of_yours_named_demo_is_not_the_demo(tmp_path):
    db = tmp_path / "k.duckdb"
    mine = tmp_path / "demo_sales.csv"
    mine.write_text("Customer ID,Date,Amount\nA1,2024-03-05,10\n", encoding="utf-8")
    kamp("import", mine, "--db", db)
    assert kamp("demo", "--remove", "--db", db, check_exit=2).stderr == \
        "error: the database holds no demo company (it was removed, or never imported)\n"
    assert "holds your own data (1 import)" in kamp("demo", "--db", db, check_exit=2).stderr
    assert db_info(db)["transactions"] == 1


def test_demo_remove_is_refused_while_an_import_of_yours_holds_demo_lines(tmp_path, demo_db):
    # an export that overlaps the demo's lines: they were found already present and not added
    # again, so removing the demo would take them too
    import shutil

    import duckdb

    db = tmp_path / "k.duckdb"
    shutil.copy(demo_db, db)
    with duckdb.connect(str(db)) as con:
        con.execute("""COPY (SELECT account_id AS "Customer ID", ts AS "Date", amount AS "Amount", invoice_id AS "Invoice",
                                    line_id AS "Line", product AS "Product", description AS "Description",
                                    product_line AS "Product line", quantity AS "Quantity", unit_price AS "Unit price",
                                    cost AS "Cost", discount AS "Discount", salesperson AS "Salesperson",
                                    region AS "Region", channel AS "Channel", country AS "Country",
                                    account_name AS "Account name"
                             FROM transactions ORDER BY ts LIMIT 20) TO ? (FORMAT parquet)""",
                    [str(tmp_path / "overlap.parquet")])
    before = db_info(db)
    out = kamp("import", tmp_path / "overlap.parquet", "--db", db).stdout
    assert counts(out)["already present"] == 20
    err = kamp("demo", "--remove", "--db", db, check_exit=2).stderr
    assert err.startswith("error: the demo cannot be removed yet: #6 found some of the demo's lines already present")
    assert db_info(db)["transactions"] == before["transactions"]  # nothing changed
    kamp("undo", "6", "--db", db)
    kamp("demo", "--remove", "--db", db)
    assert counts(kamp("import", tmp_path / "overlap.parquet", "--db", db).stdout)["rows loaded"] == 20


def test_rejects_says_why_an_import_has_none_to_list(tmp_path):
    f = tmp_path / "some_bad.csv"
    f.write_text("Customer ID,Date,Amount\nK1,2024-03-05,10\n,2024-03-06,20\n", encoding="utf-8")
    db = tmp_path / "k.duckdb"
    kamp("import", f, "--db", db)
    kamp("import", f, "--db", db)  # the same file: #2 adds nothing, its rejects are #1's
    repeat = kamp("rejects", "2", "--db", db)
    assert repeat.stderr == \
        "note: import #2 added nothing (the same file as import #1): these are the rows import #1 rejected\n"
    assert repeat.stdout == kamp("rejects", "1", "--db", db).stdout
    assert len(kamp("rejects", "1", "--db", db).stdout.strip().splitlines()) == 2  # the header and the row
    kamp("undo", "1", "--db", db)
    out = kamp("rejects", "1", "--db", db)
    assert out.stderr == "note: import #1 was undone: its 1 rejected row went with it\n"


def test_undo_on_a_database_this_user_may_not_write_says_so(tmp_path, fixtures, monkeypatch, capsys):
    # (a file the user may only read is opened read-only, as info and rejects need; undo must write)
    from kamp import cli

    db = tmp_path / "k.duckdb"
    kamp("import", fixtures / "sales_tab.tsv", "--db", db)
    monkeypatch.setattr(cli.os, "access", lambda *a, **k: False)
    assert cli.main(["undo", "1", "--db", str(db)]) == 2
    assert capsys.readouterr().err == (
        f"error: {db} cannot be written: undo removes lines from it. Run as a user who may write the file, "
        "or copy it / 数据库文件不可写\n")
    monkeypatch.undo()
    assert db_info(db)["transactions"] == 10  # nothing undone


def test_a_file_that_cannot_be_written_is_named_as_typed(tmp_path, fixtures):
    db = tmp_path / "k.duckdb"
    kamp("import", fixtures / "sales_tab.tsv", "--db", db)
    err = kamp("features", "--db", db, "--out", "/proc/x.csv", check_exit=2).stderr
    assert "\nerror: /proc/x.csv cannot be written: " in err and ".kamp-" not in err


def test_import_says_when_new_ids_are_old_ones_with_leading_zeros(tmp_path):
    db = tmp_path / "k.duckdb"
    (tmp_path / "a.csv").write_text("Customer ID,Date,Amount\n123,2024-03-05,10\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("Customer ID,Date,Amount\n00123,2024-04-05,10\n", encoding="utf-8")
    kamp("import", tmp_path / "a.csv", "--db", db)
    out = kamp("import", tmp_path / "b.csv", "--db", db).stdout
    assert ("note: 1 new account id is another account's id but for leading zeros (00123 and 123): one customer "
            "under two ids? Their lines stay apart") in out


def test_import_says_when_contacts_are_under_a_known_id_with_leading_zeros(tmp_path):
    db = tmp_path / "k.duckdb"
    (tmp_path / "a.csv").write_text("Customer ID,Date,Amount\n88001,2024-03-05,10\n", encoding="utf-8")
    (tmp_path / "c.csv").write_text("Customer ID,Name\n0088001,张三\n", encoding="utf-8")
    kamp("import", tmp_path / "a.csv", "--db", db)
    out = kamp("import", tmp_path / "c.csv", "--kind", "contacts", "--db", db).stdout
    assert ("note: 1 account id of this file matches no account but is another account's id but for leading zeros "
            "(0088001 and 88001): one customer under two ids? Their rows show on no account's page; to join them: "
            f"python -m kamp undo 2 --db {db}, then import the file again with the ids written as the order lines "
            "write them") in out


def test_the_account_records_nothing_refers_to_are_removed_with_undo_unused_accounts(tmp_path):
    # lines under 88002 and 88003; the accounts file writes 0088002 and 0088003, then, corrected, 88002 and 88003
    db = tmp_path / "k.duckdb"
    (tmp_path / "a.csv").write_text("Customer ID,Date,Amount\n88002,2024-03-05,10\n88003,2024-03-05,10\n",
                                    encoding="utf-8")
    (tmp_path / "crm.csv").write_text("Customer ID,Name\n0088002,甲\n0088003,乙\n", encoding="utf-8")
    (tmp_path / "crm2.csv").write_text("Customer ID,Name\n88002,甲\n88003,乙\n", encoding="utf-8")
    kamp("import", tmp_path / "a.csv", "--db", db)
    out = kamp("import", tmp_path / "crm.csv", "--kind", "accounts", "--db", db).stdout
    assert ("Their lines stay apart; to keep one, import the file again with the ids written as the order lines "
            f"write them, then: python -m kamp undo 2 --unused-accounts --db {db}") in out
    out = kamp("import", tmp_path / "crm2.csv", "--kind", "accounts", "--db", db).stdout
    assert "leading zeros" not in out  # 88002 and 88003 are no new ids
    assert db_info(db)["account_records"] == 4
    err = kamp("undo", "2", "--db", db, check_exit=2).stderr
    assert f"python -m kamp undo 2 --unused-accounts --db {db}" in err  # the command to type names the file
    out = kamp("undo", "2", "--unused-accounts", "--db", db).stdout
    assert out == "2 account records of import #2 removed, that nothing referred to: 0088002, 0088003\n"
    assert db_info(db)["account_records"] == 2


def test_a_wrapped_header_is_printed_on_one_line(tmp_path):
    from openpyxl import Workbook

    def book(name, headers, row):
        wb = Workbook()
        wb.active.append(headers)
        wb.active.append(row)
        wb.save(tmp_path / name)
        return tmp_path / name

    wrapped = book("erp.xlsx", ["订单日期", "客户\n编码", "金额", "备\n注"], ["2024-03-05", "88001", 100, "x"])
    out = kamp("import", wrapped, "--db", tmp_path / "k.duckdb").stdout
    assert "columns: 订单日期 → date, 客户编码 → account id, 金额 → amount\n" in out
    assert "not imported: 备注 (--map" in out
    no_date = book("nodate.xlsx", ["客户\n编码", "Sales\nAmount"], ["88001", 100])
    err = kamp("import", no_date, "--db", tmp_path / "k.duckdb", check_exit=2).stderr
    assert "客户编码, Sales Amount" in err and "\n" not in err.rstrip("\n")


def test_ctrl_c_while_the_libraries_load_says_interrupted_without_a_traceback():
    # Ctrl-C in the first moments of a command, while pandas and DuckDB load: the import of the
    # command line is where it lands (made to raise here, as the key would)
    import subprocess
    import sys

    code = ("import runpy, sys\n"
            "class Stop:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name == 'kamp.cli':\n"
            "            raise KeyboardInterrupt\n"
            "sys.meta_path.insert(0, Stop())\n"
            "runpy.run_module('kamp', run_name='__main__')\n")
    out = subprocess.run([sys.executable, "-c", code, "info"], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parent.parent)
    assert (out.returncode, out.stderr, out.stdout) == (130, "interrupted\n", "")


def test_rejected_formulas_open_inert_in_excel_and_import_again_as_written(tmp_path):
    db = tmp_path / "k.duckdb"
    src = tmp_path / "sales.csv"
    src.write_text("Customer ID,Customer Name,Date,Amount,Product\n"
                   "=cmd,=HYPERLINK(\"x\"),2024-03-01,10.00,P1\n"
                   "@SUM,+calc,31/02/2024,-5,-P2\n", encoding="utf-8")
    kamp("import", src, "--db", db)
    out = tmp_path / "rejects.csv"
    kamp("rejects", "1", "--db", db, "--out", out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    # the row of the impossible date, every formula behind a quote; the amount -5 a number still
    assert [(r["Customer ID"], r["Customer Name"], r["Amount"], r["Product"]) for r in rows] == [
        ("'@SUM", "'+calc", "-5", "'-P2")]
    # corrected in Excel (the quotes stay, as Excel saves them) and imported again
    (tmp_path / "fixed.csv").write_text(out.read_text(encoding="utf-8-sig").replace("31/02/2024", "29/02/2024"),
                                        encoding="utf-8-sig")
    assert counts(kamp("import", tmp_path / "fixed.csv", "--db", db).stdout)["rows loaded"] == 1
    from kamp import store

    con = store.connect(db)
    try:
        stored = con.execute("SELECT account_id, account_name, amount, product FROM transactions "
                             "ORDER BY amount").fetchall()
    finally:
        con.close()
    assert stored == [("@SUM", "+calc", -5.0, "-P2"), ("=cmd", '=HYPERLINK("x")', 10.0, "P1")]


def test_features_out_says_it_writes_text_unescaped():
    assert "unescaped" in kamp("features", "--help").stdout


def test_info_says_which_column_each_import_read_into_which_field(tmp_path, notes_then_orders):
    db = tmp_path / "k.duckdb"
    erp = tmp_path / "erp.csv"
    erp.write_text("Cust No,Inv Date,Net Amount,Memo\nK1,2024-03-05,10,x\n", encoding="utf-8")
    kamp("import", erp, "--db", db, "--map", "Cust No=account id", "--map", "Inv Date=date")
    kamp("import", notes_then_orders(tmp_path / "book.xlsx", ["客户编号", "订单日期", "金额"]), "--db", db)
    lines = kamp("info", "--db", db).stdout.splitlines()
    assert lines[-4].startswith("  #1 ") and lines[-2].startswith("  #2 ")  # each import, then what it read
    assert lines[-4:][1::2] == ["        Cust No → account id, Inv Date → date, Net Amount → amount",
                                "        sheet 销售明细: 客户编号 → account id, 订单日期 → date, 金额 → amount"]
    imports = json.loads(kamp("info", "--db", db, "--json").stdout)["imports"]
    assert [(i["sheet"], i["mapping"]) for i in imports] == [
        (None, {"Cust No": "account_id", "Inv Date": "ts", "Net Amount": "amount"}),
        ("销售明细", {"客户编号": "account_id", "订单日期": "ts", "金额": "amount"})]
