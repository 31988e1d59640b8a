"""``python -m kamp …``: the library without the UI, for automation (the analysis commands:
:mod:`kamp.cli_analysis`; import: :mod:`kamp.cli_import`)."""
from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import time

from kamp import db_file, frames, store
from kamp.cli_analysis import cmd_concentration, cmd_features, cmd_scorecard, existing
from kamp.cli_import import cmd_import, db_arg, interrupted
from kamp.schema import KINDS
from kamp.sources import ImportFailed


def cmd_info(args) -> int:
    from kamp.mapping import mapping_text

    con = existing(args.db)
    facts = store.info(con)
    if args.json:
        print(json.dumps(facts, ensure_ascii=False, default=str))
        return 0
    def day(stamp):  # an ISO time stamp as its date ("—" when there is none)
        return stamp[:10] if stamp else "—"

    def n(count, noun):
        return f"{count:,} {noun}{'' if count == 1 else 's'}"

    print(f"database:      {store.db_path(args.db)}")
    print(f"transactions:  {n(facts['transactions'], 'line')}, {n(facts['accounts'], 'account')}, "
          f"revenue {facts['revenue']:,.2f}")
    print(f"dates:         {day(facts['first_date'])} … {day(facts['last_date'])}")
    print(f"returns:       {n(facts['returns'], 'line')}; non-product lines: {facts['non_product_lines']:,}")
    print(f"also:          {n(facts['account_records'], 'account record')}, {n(facts['contacts'], 'contact')}, "
          f"{n(facts['payments'], 'payment')}, {n(facts['interactions'], 'interaction')}")
    for imp in facts["imports"]:
        print(f"  #{imp['import_id']:<4} {str(imp['finished_at'])[:16].replace('T', ' ')}  {imp['kind']:<12} "
              f"{imp['file_name']}: {imp['rows_read']:,} read, {imp['rows_loaded']:,} loaded, "
              f"{imp['rows_rejected']:,} rejected, {imp['rows_present']:,} present"
              + (" (undone)" if imp["note"] == store.UNDONE else ""))
        if imp["mapping"]:  # which column became which field (and of which sheet)
            sheet = f"sheet {imp['sheet']}: " if imp["sheet"] else ""
            print(f"        {sheet}{mapping_text(imp['mapping'], imp['kind'], 'en')}")
    return 0


def cmd_rejects(args) -> int:
    frames.check_target(args.out)
    con = existing(args.db)
    if not con.execute("SELECT count(*) FROM imports WHERE import_id = ?", [args.import_id]).fetchone()[0]:
        ids = [r[0] for r in con.execute("SELECT import_id FROM imports ORDER BY import_id").fetchall()]
        known = (f"its imports are #{ids[0]}–#{ids[-1]}" if len(ids) > 1 else f"its only import is #{ids[0]}" if ids
                 else "it has no import yet")
        raise ValueError(f"no import #{args.import_id} in {store.db_path(args.db)}: {known} (python -m kamp info lists them)")
    note, rejected = con.execute("SELECT coalesce(note, ''), rows_rejected FROM imports WHERE import_id = ?",
                                 [args.import_id]).fetchone()
    if note == store.UNDONE and rejected:  # an empty list, said why
        print(f"note: import #{args.import_id} was undone: its {rejected:,} rejected row{'' if rejected == 1 else 's'} "
              "went with it", file=sys.stderr)
    first = store.same_file_as(note)
    if first:  # a repeat's rows are where the first import put them
        print(f"note: import #{args.import_id} added nothing (the same file as import #{first[0]}): "
              f"these are the rows import #{first[0]} rejected", file=sys.stderr)
    df = store.rejects(con, first[0] if first else args.import_id)
    if not str(args.out or "").lower().endswith(".parquet"):  # a CSV is corrected in Excel: no formula runs
        from kamp.formula_cells import escaped_frame
        df = escaped_frame(df)
    frames.write_table(df, args.out)
    if args.out:
        print(f"{len(df):,} rejected row{'' if len(df) == 1 else 's'} written to {args.out}")
    return 0


def cmd_undo(args) -> int:
    from kamp import undo

    con = existing(args.db, write=True)
    if store.is_read_only(con):  # (a file this user may not write is opened read-only, for reading)
        raise ValueError(f"{store.db_path(args.db)} cannot be written: undo removes lines from it. "
                         "Run as a user who may write the file, or copy it / 数据库文件不可写")
    if args.unused_accounts:
        ids = undo.remove_unused_accounts(con, args.import_id)
        print(f"{len(ids):,} account record{'' if len(ids) == 1 else 's'} of import #{args.import_id} removed, "
              f"that nothing referred to: {', '.join(ids[:10])}{' …' if len(ids) > 10 else ''}")
        return 0
    done = undo.undo(con, args.import_id, db=db_arg(args))
    what = {"transactions": "line", "contacts": "contact", "payments": "payment", "interactions": "interaction"}
    noun = what.get(done.kind, "row")
    print(f"import #{done.import_id} of {done.file_name} undone: {done.rows_removed:,} {noun}"
          f"{'' if done.rows_removed == 1 else 's'} removed"
          + (f", and {done.accounts_removed:,} account record{'' if done.accounts_removed == 1 else 's'} "
             "no line is left for" if done.accounts_removed else ""))
    if done.repeats:  # their counts were this import's: undone with it, so the log says no line is present
        print(f"undone with it: {', '.join(f'#{i}' for i in done.repeats)}, the same file imported again, which "
              "added nothing")
    kind = f" --kind {done.kind}" if done.kind != "transactions" else ""
    origin = store.first_row(con, "SELECT json_extract_string(options, '$.path') FROM imports WHERE import_id = ?",
                             [done.import_id])  # the path it was imported from, where the log has it
    again = shlex.quote(origin[0] if origin and origin[0] else done.file_name)
    print(f"the file may now be imported again: python -m kamp import {again}{kind}{db_arg(args)} "
          "[--map ...] [--dayfirst | --monthfirst]")
    return 0


def cmd_template(args) -> int:
    from kamp.mapping import template

    text = template(args.kind, args.lang)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    if not str(args.out).lower().endswith(".csv"):
        raise ValueError(f"{args.out}: write .csv")
    frames.check_target(args.out)
    try:
        with open(args.out, "w", encoding="utf-8-sig", newline="") as fh:  # the mark: Excel reads Chinese
            fh.write(text)
    except OSError as exc:
        raise frames.cannot_write(args.out, exc) from None
    print(f"{args.kind} template written to {args.out}")
    return 0


def _remove_demo(con, path) -> int:
    from kamp import demo_build

    gone = demo_build.remove(con)
    print(f"demo removed from {path}: {gone.lines:,} order lines, {gone.accounts:,} account records, "
          f"{gone.other:,} contacts, payments and interactions, {gone.decisions:,} saved judgements, plans and "
          f"snapshots; {gone.imports} demo import{'' if gone.imports == 1 else 's'} marked undone")
    return 0


def cmd_demo(args) -> int:
    from kamp import demo_build

    path = store.db_path(args.db)
    if path.exists() and not db_file.is_empty_file(path):  # checked before the demo is generated: a folder,
        # another file, a database in use
        con = store.connect(path)
        try:
            _, yours = store.demo_and_own_imports(con)
            if args.remove:
                return _remove_demo(con, path)
        finally:
            con.close()
        if yours and not args.force:
            raise ValueError(f"{path} holds your own data ({yours:,} import{'' if yours == 1 else 's'}): "
                             "the demo would replace it. Name another file with --db, or add --force to replace it")
    elif args.remove:
        raise ValueError(f"{path} {'is empty' if path.exists() else 'does not exist'}: there is no demo to remove")
    started = time.perf_counter()
    demo_build.rebuild(path, progress=lambda msg: print(msg, file=sys.stderr))
    print(f"demo database built at {path} in {time.perf_counter() - started:.1f} s")
    return 0


def build_parser() -> argparse.ArgumentParser:
    from kamp import __version__

    p = argparse.ArgumentParser(prog="python -m kamp", description="KAMP key-account analytics, without the UI.")
    p.add_argument("--version", action="version", version=f"kamp {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    db_help = "DuckDB file (default: $KAMP_DB or data/kamp.duckdb)"

    imp = sub.add_parser("import", help="import a CSV/TSV/Excel/Parquet export")
    imp.add_argument("file", help="the export: .csv, .tsv, .txt, .xlsx, .xls or .parquet")
    imp.add_argument("--kind", choices=list(KINDS), default=None,
                     help="what the file holds (default: transactions, unless its columns fit another kind better)")
    imp.add_argument("--db", help=db_help)
    imp.add_argument("--sheet", help="Excel sheet name (default: the first sheet with the columns the kind needs)")
    imp.add_argument("--map", action="append", metavar="SOURCE=FIELD",
                     help="map a column to a field (repeatable): its name or label, e.g. Datum=date or 日期=订单日期; "
                          "FIELD '-' leaves the column out")
    order = imp.add_mutually_exclusive_group()
    order.add_argument("--dayfirst", action="store_true", help="read 05/03/2024 as 5 March")
    order.add_argument("--monthfirst", action="store_true", help="read 05/03/2024 as 3 May")
    imp.add_argument("--encoding", help="text encoding, if detection gets it wrong (e.g. gb18030)")
    imp.add_argument("--json", action="store_true", help="print the result as JSON")
    imp.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                     help="show progress on stderr (default: when it is a terminal)")
    imp.set_defaults(func=cmd_import)

    info = sub.add_parser("info", help="what the database holds")
    info.add_argument("--db", help=db_help)
    info.add_argument("--json", action="store_true", help="print the figures as JSON")
    info.set_defaults(func=cmd_info)

    undo = sub.add_parser("undo", help="take an import back (its lines and rejected rows), to import the file "
                                       "again with another mapping or date order")
    undo.add_argument("import_id", type=int, help="the import's number (python -m kamp info lists them)")
    undo.add_argument("--unused-accounts", action="store_true",
                      help="for an accounts import (which cannot be undone): remove those of its account records "
                           "that no order line, contact, payment or interaction refers to")
    undo.add_argument("--db", help=db_help)
    undo.set_defaults(func=cmd_undo)

    rej = sub.add_parser("rejects", help="the rejected rows of an import, with reasons, as CSV")
    rej.add_argument("import_id", type=int, help="the import's number (python -m kamp info lists them)")
    rej.add_argument("--db", help=db_help)
    rej.add_argument("--out", help="write FILE.csv or FILE.parquet instead of CSV on stdout; in CSV, text that "
                                   "Excel would run as a formula (=1+1) starts with a quote ('=1+1), which the import "
                                   "drops")
    rej.set_defaults(func=cmd_rejects)

    products_help = ("leave out the lines of non-product codes (postage, fees, adjustments: settings "
                     "non_product_codes); by default net revenue counts every line")
    feats = sub.add_parser("features", help="one row per account: every feature, RFM, segment, tier, ABC class")
    feats.add_argument("--db", help=db_help)
    feats.add_argument("--as-of", help="compute as of this date (default: the last transaction date)")
    feats.add_argument("--out", help="write FILE.csv or FILE.parquet instead of CSV on stdout, for programs: "
                                     "text is written as stored, a name such as =1+1 unescaped (the pages' downloads "
                                     "are the files to open in Excel)")
    feats.add_argument("--products-only", action="store_true", help=products_help)
    feats.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                       help="show each step on stderr (default: when it is a terminal)")
    feats.set_defaults(func=cmd_features)

    conc = sub.add_parser("concentration", help="80/20 figures: top-20 %% share, accounts for 80 %%, Gini, HHI")
    conc.add_argument("--db", help=db_help)
    conc.add_argument("--as-of", help="compute as of this date (default: the last transaction date)")
    conc.add_argument("--products-only", action="store_true", help=products_help)
    conc.add_argument("--json", action="store_true", help="print the figures as JSON")
    conc.set_defaults(func=cmd_concentration)

    card = sub.add_parser("scorecard", help="weighted scorecard: total, 0–100 score, rank and ★ per entity")
    card.add_argument("--criteria", required=True, metavar="FILE",
                      help="columns group, criterion, weight (1–10), direction (+/−), optional method, feature "
                           "(or 分组, 标准, 权重, 方向); CSV (comma, semicolon or tab) or an Excel workbook's first sheet")
    card.add_argument("--scores", required=True, metavar="FILE",
                      help="first column the entity, then one column per criterion (scores 1–10); CSV or workbook")
    card.add_argument("--threshold", type=float, help="★ when the total reaches this (default: the mean total)")
    card.add_argument("--json", action="store_true", help="print a JSON list")
    card.set_defaults(func=cmd_scorecard)

    tpl = sub.add_parser("template", help="an empty CSV of a kind to fill in: a column per field")
    tpl.add_argument("kind", choices=list(KINDS), help="what the file is to hold")
    tpl.add_argument("--lang", choices=["en", "zh"], default="en", help="name the columns in English or Chinese")
    tpl.add_argument("--out", help="write FILE.csv instead of stdout")
    tpl.set_defaults(func=cmd_template)

    demo = sub.add_parser("demo", help="(re)build the demo database, or take the demo company out of one")
    demo.add_argument("--db", help=db_help)
    what = demo.add_mutually_exclusive_group()
    what.add_argument("--force", action="store_true", help="replace a database that holds imports of your own")
    what.add_argument("--remove", action="store_true",
                      help="take the demo company out, keeping your own imports and settings")
    demo.set_defaults(func=cmd_demo)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # the reader stopped early (``| head``): not a failure
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (ImportFailed, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, RuntimeError) as exc:
        if not interrupted(exc):
            raise
        print("interrupted: nothing was imported" if args.command == "import" else "interrupted", file=sys.stderr)
        return 130
