"""The analysis commands of ``python -m kamp`` (features, concentration, scorecard), and how a
command that only reads opens the database (:func:`existing`)."""
from __future__ import annotations

import json
import math
import os
import shlex
import sys
import time
import unicodedata

from kamp import db_file, frames, store


def existing(db, write: bool = False):
    """The database at ``db`` (or the default), which a command that only reads must not create:
    a ValueError, said as one line, when there is no such file. Opened read-only unless the command
    writes (``write``) or the database lacks a table this version keeps (it gets it, where this
    user may write), so that several commands may read it at once."""
    path = store.db_path(db)
    store.check_file(path)  # a folder, or a file that is no database: said as such
    if not path.is_file() or db_file.is_empty_file(path):
        raise ValueError(f"no database at {path}{' (an empty file)' if path.is_file() else ''}: import a file to create one (python -m kamp import FILE"
                         f"{' --db ' + shlex.quote(str(path)) if db else ''}), or start the dashboard, which builds the demo")
    if not write:
        con = store.connect(path, read_only=True)
        if db_file.is_current(con):
            return con
        con.close()
    # A file (or folder) this user may not write is still read: the command only reads.
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    return store.connect(path, read_only=not writable)


FEATURE_STEPS = {"lines": "summing the lines per account", "tiers": "tiers (k-means)",
                 "scores": "RFM scores, segments, ABC classes", "write": "writing"}


def _step_printer(stream=sys.stderr):
    """Prints each step of a long command as it starts, with the seconds since the first."""
    t0 = time.perf_counter()

    def step(name: str) -> None:
        stream.write(f"{time.perf_counter() - t0:6.1f} s  {FEATURE_STEPS.get(name, name)}\n")
        stream.flush()

    return step


def _line_dates(con, db) -> tuple:
    """The first and last date of the lines; a ValueError (said as one line) when there are none."""
    first, last = store.line_span(con)
    if first is None:
        raise ValueError(f"{store.db_path(db)} holds no order lines yet: import some first "
                         "(python -m kamp import FILE)")
    return first.date(), last.date()


def _say_if_before(as_of, first) -> None:
    if as_of is not None and as_of < first:
        print(f"note: no account has lines on or before {as_of}; the first line is dated {first}", file=sys.stderr)


def _say_if_long_after(as_of, last) -> None:
    """A note when ``as_of`` lies more than a year after the last line: no line says what happened since."""
    if as_of is not None and (as_of - last).days > 365:
        print(f"note: {as_of} is {(as_of - last).days:,} days after the last line ({last}): status, recency and "
              "the 12-month figures count that time as a time without purchases", file=sys.stderr)


def _say_if_no_prior_year(as_of, first) -> None:
    """A note when the lines do not reach back to the year before the last: its columns are blank."""
    from kamp import features

    if as_of >= first and not features.prior_year_in_data(first, as_of):
        start = features.prior_year(as_of)[0]
        print(f"note: the lines begin {first}, after the year before the last (from {start}) began: "
              "revenue_prior_12m and growth_12m are left blank", file=sys.stderr)


def _say_if_tier_features_empty(meta: dict) -> None:
    """A note when no account has a value for any chosen tier feature, naming what the tiers used
    instead (a chosen feature left out beside others that have values goes unsaid, as margin
    without costs does by default)."""
    empty = meta.get("tier_features_empty")
    if empty and not set(meta["tier_features"]) & set(meta["rules"]["tier_features"]):
        print(f"note: no account has a value for the tier feature{'s' if len(empty) > 1 else ''} "
              f"{', '.join(empty)}: the tiers are formed on {', '.join(meta['tier_features'])}", file=sys.stderr)


def cmd_features(args) -> int:
    from kamp import analysis

    frames.check_target(args.out)
    show = args.progress or (args.progress is None and sys.stderr.isatty())
    step = _step_printer() if show else (lambda name: None)
    con = existing(args.db)
    # DuckDB would keep up to 80 % of the machine's memory for its hash tables and cached blocks;
    # a gigabyte is plenty for ten million lines (beyond, it spills to disk), and the frames of a
    # million accounts fit beside it in 2 GB (1.34 GB at the peak). Its allocator's background
    # threads would hand memory back sooner (1.28 GB) but cost 1–2 s of a 15 s run in page faults.
    con.execute("SET memory_limit = '1GB'")
    first, last = _line_dates(con, args.db)
    as_of = analysis.parse_as_of(args.as_of) or last
    table, meta = analysis.account_table(con, as_of, step=step, products_only=args.products_only)
    if table.empty:
        table = table.reindex(columns=analysis.TABLE_COLUMNS)
    _say_if_before(as_of, first)
    _say_if_long_after(as_of, last)
    _say_if_no_prior_year(as_of, first)
    _say_if_tier_features_empty(meta)
    step("write")
    frames.write_table(analysis.rounded(table), args.out)
    if args.out:
        print(f"{len(table):,} account{'' if len(table) == 1 else 's'} as of {as_of} written to {args.out}")
    return 0


def cmd_concentration(args) -> int:
    from kamp import analysis, concentration, features

    con = existing(args.db)
    first, last = _line_dates(con, args.db)
    as_of = analysis.parse_as_of(args.as_of) or last
    _say_if_before(as_of, first)
    table = features.account_features(con, as_of, products_only=args.products_only)
    facts = {"as_of": str(as_of), **concentration.summary(table["revenue"] if len(table) else [])}
    facts["total"] = round(facts["total"], 2)
    if args.json:
        print(json.dumps(facts, ensure_ascii=False))
    else:
        said = {"total": "  (the net revenue of the accounts above zero, which the measures share out)"}
        for key, value in facts.items():
            shown = ("—" if value is None else f"{value:,.2f}" if key == "total"
                     else f"{value:,.4f}" if isinstance(value, float)
                     else f"{value:,}" if isinstance(value, int) else value)
            print(f"{key:<22} {shown}{said.get(key, '')}")  # None: no account to measure (JSON keeps null)
    return 0


def _width(text: str) -> int:
    """Columns a text takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * max(0, width - _width(text))
    return fill + text if right else text + fill


def cmd_scorecard(args) -> int:
    from kamp import scorecard, scorecard_files

    criteria = scorecard_files.read_criteria_csv(args.criteria)
    scores = scorecard_files.read_scores_csv(args.scores, criteria)
    if args.threshold is not None and not math.isfinite(args.threshold):
        raise ValueError(f"--threshold {args.threshold}: give a number")
    result = scorecard.score(criteria, scores, threshold=args.threshold)
    if args.json:
        print(json.dumps([{"entity": r["entity"], "total": float(r["total"]),
                           "normalized": round(float(r["score_0_100"]), 4), "rank": int(r["rank"]),
                           "selected": bool(r["selected"])} for r in result.to_dict("records")], ensure_ascii=False))
        return 0
    cells = [[str(r.entity), f"{r.total:g}", f"{r.score_0_100:.1f}", str(r.rank), "★" if r.selected else ""]
             for r in result.itertuples()]
    header = ["entity", "total", "score_0_100", "rank", "selected"]
    widths = [max(_width(row[i]) for row in [header, *cells]) for i in range(len(header))]
    for row in [header, *cells]:
        print("  ".join(_pad(c, w, right=0 < i < 4) for i, (c, w) in enumerate(zip(row, widths))).rstrip())
    rule = "the threshold" if args.threshold is not None else "the mean"
    print(f"★ = total ≥ {rule} {result.attrs['cut']:g}")
    return 0
