"""``python -m kamp import``: one file into the store, its progress on stderr, and what it read said
in plain lines — the counts, which column became which field, the date order it took, how to
take it back (``undo``) and read it again another way."""
from __future__ import annotations

import json
import shlex
import sys
import time
from pathlib import Path

from kamp import db_file, store
from kamp.headers import one_line
from kamp.sources import ImportFailed


class _ProgressLine:
    """An import's progress on one line of stderr, drawn over itself (``\r``) at most twice a
    second; :meth:`end` ends the line, once drawn, so that what is said next (the counts, an
    error, an interruption) begins a line of its own."""

    def __init__(self):
        self.last, self.drawn = 0.0, False

    def __call__(self, phase: str, fraction: float, rows: int, rate: float) -> None:
        now = time.perf_counter()
        if fraction < 1.0 and now - self.last < 0.5:
            return
        self.last, self.drawn = now, True
        counted = f"{rows:>12,} rows  {rate:>10,.0f} rows/s" if rows else " " * 32  # a step with no row to count
        sys.stderr.write(f"\r{phase:>6} {fraction:4.0%}  {counted} ")
        sys.stderr.flush()

    def end(self) -> None:
        if self.drawn:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self.drawn = False


def cmd_import(args) -> int:
    _check_saved_file(args.file)
    path = store.db_path(args.db)
    was_empty = db_file.is_empty_file(path)  # (as mktemp leaves it) left so again by a failure
    created = was_empty or not path.exists()
    made = [d for d in path.absolute().parents if not d.exists()]  # the folders connect() will make, deepest first
    con = store.connect(path)
    before = _last_import(con)
    show = args.progress or (args.progress is None and sys.stderr.isatty())
    printer = _ProgressLine() if show else None
    try:
        return _import_into(con, args, printer)
    except BaseException as exc:
        if printer:
            printer.end()
        if interrupted(exc) and _say_saved(con, before, args):
            return 0  # Ctrl-C once the import was committed: its lines are in
        # A file-level problem changes nothing: not even a new, empty database is left. (A
        # failure once the import is in, such as a closed pipe while the counts are printed,
        # leaves it.)
        if created:
            try:
                empty = store.is_empty(con)
            except Exception:  # noqa: BLE001 - whatever happened, a database that cannot say it is empty stays
                empty = False
            con.close()
            if empty:
                for suffix in ("", ".wal"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
                if was_empty:
                    path.touch()
                for folder in made:  # nor the folders made for it, when nothing else came into them
                    try:
                        folder.rmdir()
                    except OSError:
                        break
        raise


def _check_saved_file(file) -> None:
    """A ValueError for a pipe (``/dev/stdin``, ``<(…)``, a FIFO) or a device: the import reads
    the file more than once, and a pipe gives its bytes only once."""
    given = Path(file)
    if given.exists() and not given.is_file() and not given.is_dir():
        raise ValueError(f"{file} is a pipe or device, not a saved file: KAMP reads a file more than once (to "
                         "check it, then to load it), and a pipe gives its bytes only once. Save it to a file "
                         "first (… > export.csv) and import that")


def interrupted(exc: BaseException) -> bool:
    """Ctrl-C: Python's own, or DuckDB's "Query interrupted" while a query runs."""
    return isinstance(exc, KeyboardInterrupt) or (isinstance(exc, RuntimeError) and "interrupted" in str(exc).lower())


def _last_import(con) -> int:
    return con.execute("SELECT coalesce(max(import_id), 0) FROM imports").fetchone()[0]


def _say_saved(con, before: int, args) -> bool:
    """After a Ctrl-C: says so and returns True when the import was saved all the same (its
    row in ``imports`` is committed with its lines), else False."""
    try:
        saved = store.first_row(con, "SELECT import_id, file_name, rows_read, rows_loaded, rows_rejected, "
                                "rows_present FROM imports WHERE import_id > ? ORDER BY import_id LIMIT 1", [before])
    except Exception:  # noqa: BLE001 - a database that cannot say counts as one that has nothing
        return False
    if saved is None:
        return False
    n, name, read, loaded, rejected, present = saved
    print(f"interrupted, but import #{n} of {name} was saved: {read:,} rows read, {loaded:,} loaded, "
          f"{rejected:,} rejected, {present:,} already present (python -m kamp info{db_arg(args)} "
          f"lists it; python -m kamp undo {n}{db_arg(args)} takes it back)", file=sys.stderr)
    return True


def _import_into(con, args, printer: _ProgressLine | None) -> int:
    from kamp import ingest, mapping, reading, schema, workbooks

    dayfirst = True if args.dayfirst else False if args.monthfirst else None
    # the sheet found (and read) once, for the kind check and the import: one with the columns --map names
    sheet = args.sheet
    overrides = mapping.parse_map_args(args.map)
    if workbooks.is_workbook(args.file):
        sheet = reading.open_sheet(con, args.file, args.kind or "transactions", sheet, overrides=overrides,
                                  progress=printer)
    elif sheet is not None and Path(args.file).is_file():
        raise ValueError(f"--sheet {sheet}: {Path(args.file).name} is no Excel workbook, it has no sheets")
    # order lines, unless the columns say otherwise: then ask (and with --kind, say so)
    _check_kind(con, args.file, sheet, args.kind, overrides, printer)
    result = ingest.import_file(
        con, args.file, args.kind or "transactions", sheet=sheet, overrides=overrides,
        dayfirst=dayfirst, progress=printer, encoding=args.encoding, origin=str(Path(args.file).absolute()))
    if printer:
        printer.end()
    if args.json:
        new = store.new_accounts(con, result.import_id) if result.kind == "transactions" else None
        print(json.dumps({**result.as_dict(), "new_accounts": new}, ensure_ascii=False, default=str))
    elif result.same_as is not None:
        _say_repeat(con, result, args)
    else:
        print(f"rows read:       {result.rows_read:>12,}")
        print(f"rows loaded:     {result.rows_loaded:>12,}")
        print(f"rows rejected:   {result.rows_rejected:>12,}")
        print(f"already present: {result.rows_present:>12,}")
        if result.kind == "transactions":
            print(f"new accounts:    {store.new_accounts(con, result.import_id):>12,}")
        if result.zero_padded:
            _say_zero_padded(result, args)
        if result.superseded:
            what = "invoice" if result.kind == "payments" else "contact"
            print(f"updated:         {result.superseded:>12,}  ({what}s stored before, now as this file has them; "
                  "their earlier version is kept for undo)")
        if result.repeated_ids:
            n = result.repeated_ids
            print(f"{n:,} account id{'' if n == 1 else 's'} on more than one row with different values: the last "
                  "row of each is kept, the earlier ones count as already present" if result.kind == "accounts" else
                  f"{n:,} earlier row{'' if n == 1 else 's'} of a person whose later row differs (the same account "
                  "and name): the last row of each person is kept, the earlier ones count as already present")
        sheet = f", sheet {result.source['sheet']}" if result.source.get("sheet") else ""
        _say_columns(result)
        for column, k in schema.scaled_columns(result.mapping, result.kind).items():
            print(f"{one_line(column)}: read × {k:,.0f}, by the unit in its header")
        if result.as_saved:  # a mapping confirmed before (on the page, or with --map) for these headers
            label = {f.name: f.label for f in schema.fields(result.kind)}  # as the columns line names them
            said = ", ".join(f"{one_line(h)} left out" if f == "-" else f"{one_line(h)} → {label.get(f, f)}"
                             for h, f in result.as_saved.items())
            print(f"columns mapped as saved for these headers, not as detected: {said} "
                  "(--map SOURCE=FIELD changes it)")
        if result.date_order in ("data", "assumed", "saved"):  # some date reads either way (05/03/2024)
            first = result.dayfirst
            why = ("as the file's other dates show" if result.date_order == "data"
                   else ("as saved for these headers (an earlier file of them showed it, or was imported so); "
                         "nothing in this file shows which" if result.date_order == "saved"
                         else "nothing in the file shows which")
                   + f". If that is wrong: python -m kamp undo {result.import_id}{db_arg(args)}, then import it "
                     f"again with --{'monthfirst' if first else 'dayfirst'}")
            print(f"dates read {'day' if first else 'month'} first (05/03/2024 = "
                  f"{'5 March' if first else '3 May'}), {why}")
        if result.source.get("header_row", 1) > 1:  # a title or notes above the header
            where = "row" if result.source.get("format") in ("xlsx", "xls") else "line"
            print(f"headers on {where} {result.source['header_row']:,}: the {where}s above it are not imported")
        print(f"import #{result.import_id} of {result.file_name}{sheet} ({result.kind}) in {result.seconds:.1f} s"
              + (f": {result.note}" if result.note else ""))
        if result.rows_rejected:
            print(f"see the rejected rows with: python -m kamp rejects {result.import_id}{db_arg(args)}")
    if result.rows_read and result.rows_rejected == result.rows_read:  # a wrong mapping, most likely
        first = result.same_as or result.import_id  # a repeat's rows are the first import's
        print(f"error: every row of {result.file_name} was rejected, nothing was loaded. The reasons: python -m kamp "
              f"rejects {first}{db_arg(args)}; to import it again another way (--map, --dayfirst, "
              f"--monthfirst), first: python -m kamp undo {first}{db_arg(args)}", file=sys.stderr)
        return 1
    return 0


def _say_columns(result) -> None:
    """Which column became which field (by the field's name as --map takes it), and the columns
    left out: what the import read is never a guess."""
    from kamp import schema

    label = {f.name: f.label for f in schema.fields(result.kind)}
    headers = result.source.get("headers") or list(result.mapping)
    order = [h for h in headers if h in result.mapping] + [h for h in result.mapping if h not in headers]
    print("columns: " + ", ".join(f"{one_line(h)} → {label.get(result.mapping[h], result.mapping[h])}"
                                  for h in order))
    left = [one_line(h) for h in headers if h not in result.mapping]
    if left:
        print(f"not imported: {', '.join(left)} (--map COLUMN=FIELD imports one)")


def _say_repeat(con, result, args) -> None:
    """What a file imported before gave then: this import added nothing, whatever it was asked."""
    read, loaded, rejected, present = con.execute(
        "SELECT rows_read, rows_loaded, rows_rejected, rows_present FROM imports WHERE import_id = ?",
        [result.same_as]).fetchone()
    print(f"import #{result.import_id} of {result.file_name} ({result.kind}): {result.note}")
    print(f"import #{result.same_as} read its {read:,} rows: {loaded:,} loaded, {rejected:,} rejected, "
          f"{present:,} already present")
    if rejected:
        print(f"see the rejected rows with: python -m kamp rejects {result.same_as}{db_arg(args)}")
    asked = [o for o, on in (("--dayfirst", args.dayfirst), ("--monthfirst", args.monthfirst), ("--map", args.map)) if on]
    if asked:
        print(f"{' and '.join(asked)} changed nothing: the file's lines stay as import #{result.same_as} read them. "
              f"To read it again so: python -m kamp undo {result.same_as}{db_arg(args)}, then import it again")


def _check_kind(con, path, sheet: str | None, kind: str | None, overrides: dict, printer=None) -> None:
    """Stop (nothing imported) when ``path``, given without ``--kind``, looks like another kind
    than order lines: a payments export would import as order lines and double the revenue.
    Given ``--kind``, a note says so instead (on a line of its own: ``printer``, the progress
    line, is ended first). The columns of the kind count as ``--map`` maps them."""
    from kamp import reading, schema, sources

    src = sources.inspect(con, path, sheet=sheet, preview=True)
    src.cleanup()
    asked = kind or "transactions"
    try:
        mapped, _ = reading.mapping_of(con, src.headers, asked, overrides, src.hidden)
    except ImportFailed as problem:
        raise reading.in_sheet(problem, src) from None
    better = schema.better_kind(src.headers, asked, mapped)
    if better and kind is None and schema.missing_required(mapped, asked):
        raise ImportFailed("problem.import.other_kind_lacks", name=src.name, better=better[0], n=better[1],
                           m=len(src.headers), fields=reading.field_words(asked, schema.missing_required(mapped, asked)))
    if better and kind is None:
        raise ImportFailed("problem.import.other_kind", name=src.name, better=better[0], n=better[1],
                           m=len(src.headers), k=better[2])
    if better:
        if printer:  # a workbook's sheet was read
            printer.end()
        print(f"note: {src.name}'s columns fit {better[0]} better ({better[1]} of {len(src.headers)} recognised) "
              f"than {kind} ({better[2]}): give --kind {better[0]} if that is what it holds", file=sys.stderr)


def _say_zero_padded(result, args) -> None:
    """The ids of the import that are known accounts' ids but for leading zeros, and what to do."""
    n, pairs = result.zero_padded, ", ".join(f"{a} and {b}" for a, b in result.zero_padded_examples)
    if result.kind in ("transactions", "accounts"):
        print(f"note: {n:,} new account id{' is' if n == 1 else 's are'} another account's id but for leading zeros "
              f"({pairs}): one customer under two ids? Their lines stay apart"
              + ("; to keep one, import the file again with the ids written as the order lines write them, then: "
                 f"python -m kamp undo {result.import_id} --unused-accounts{db_arg(args)}"
                 if result.kind == "accounts" else ""))
    else:
        print(f"note: {n:,} account id{'' if n == 1 else 's'} of this file match{'es' if n == 1 else ''} no account "
              f"but {'is' if n == 1 else 'are'} another account's id but for leading zeros ({pairs}): one customer "
              f"under two ids? Their rows show on no account's page; to join them: python -m kamp undo "
              f"{result.import_id}{db_arg(args)}, then import the file again with the ids written as the order "
              "lines write them")


def db_arg(args) -> str:
    """`` --db PATH`` when the command was given one: the next command to type names it too."""
    return f" --db {shlex.quote(args.db)}" if getattr(args, "db", None) else ""
