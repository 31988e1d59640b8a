"""How far a long import is: its phases on one progress bar (:data:`PHASES`), reported with
the rows done and their rate (:class:`Poller`), and a page's way of drawing it while the work
runs in another thread (:func:`run_with_progress`)."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# progress(phase, fraction of the whole import 0–1, rows handled, rows per second)
Progress = Callable[[str, float, int, float], None]

# Where each step of an import sits on the progress bar: about the share of the time it takes
# on ten million lines (benchmarks/bench_import.py). "scan" checks a text file's bytes (and its
# sha256), "read" parses every row, "check" sets the rejects aside and finds the lines already
# present, "load" stores the good ones, "finish" adds the account records and logs the import.
# "wait" holds the bar while another import of the dashboard runs (one runs at a time).
PHASES = {"scan": (0.0, 0.05), "wait": (0.05, 0.05), "read": (0.05, 0.45), "check": (0.45, 0.53),
          "load": (0.53, 0.90), "finish": (0.90, 1.0)}
# A workbook's: "open" is calamine reading the whole sheet (half the time of importing a sheet of
# a million rows; none when the page's preview has read it), "sheet" makes its cells text.
SHEET_PHASES = {"open": (0.0, 0.45), "sheet": (0.45, 0.75), "wait": (0.75, 0.75), "read": (0.75, 0.85),
                "check": (0.85, 0.88), "load": (0.88, 0.96), "finish": (0.96, 1.0)}


class Poller:
    """Reports how far an import is: each phase (:data:`PHASES`, :data:`SHEET_PHASES` for a
    workbook) with the rows it has done, and DuckDB's query progress while a long statement runs."""

    def __init__(self, con, progress: Progress | None, est_rows: int = 0, phases: dict = PHASES):
        self.con, self.progress, self.est_rows, self.phases = con, progress, max(est_rows, 1), phases
        self.t0 = self.phase_t0 = time.perf_counter()
        self.phase = None

    def report(self, phase: str, within: float, rows: int | None = None) -> None:
        """``phase`` is ``within`` (0–1) done, with ``rows`` of the file handled (the estimate
        of all of them when not given); the rate is that phase's."""
        if self.progress is None:
            return
        now = time.perf_counter()
        if phase != self.phase:
            self.phase, self.phase_t0 = phase, now
        lo, hi = self.phases[phase]
        rows = int(self.est_rows * min(within, 1.0)) if rows is None else int(rows)
        elapsed = now - (self.phase_t0 if phase in ("scan", "sheet", "read", "load") else self.t0)
        rate = rows / elapsed if elapsed >= 0.1 else 0.0  # no rate yet from a few milliseconds
        self.progress(phase, lo + (hi - lo) * min(max(within, 0.0), 1.0), rows, rate)

    @contextmanager
    def _polling(self, phase: str, within: Callable[[], float | None], rows: int | None = None) -> Iterator[None]:
        """Report ``phase`` at its start, then ``within()`` (skipped when None) four times a
        second while the block runs."""
        if self.progress is None:
            yield
            return
        self.report(phase, 0.0, 0)
        stop = threading.Event()

        def poll():
            while not stop.wait(0.25):
                done = within()
                if done is not None:
                    self.report(phase, done, rows)

        th = threading.Thread(target=poll, daemon=True)
        th.start()
        try:
            yield
        finally:
            stop.set()
            th.join()

    def run(self, sql: str, phase: str, params=None):
        """Run ``sql``, reporting DuckDB's progress on it as ``phase``."""
        def within():
            pct = self.con.query_progress()
            return pct / 100 if pct >= 0 else None

        with self._polling(phase, within):
            return self.con.execute(sql, params)

    @contextmanager
    def waiting(self, phase: str, seconds: float) -> Iterator[None]:
        """Report ``phase`` while the block runs work that says nothing of how far it is (calamine
        reading a sheet), by the time it has taken against the ``seconds`` it is expected to
        take; short of 95 % until it ends. No row is counted."""
        t0 = time.perf_counter()
        with self._polling(phase, lambda: min((time.perf_counter() - t0) / max(seconds, 0.1), 0.95), rows=0):
            yield
        self.report(phase, 1.0, 0)


def run_with_progress(work, on_progress):
    """Run ``work(report)`` in a worker thread while the calling thread redraws progress (a
    page cannot draw from DuckDB's progress thread).

    ``work`` receives a ``report(*args)`` callback (called from any thread); ``on_progress``
    is called here with the latest arguments. Returns what ``work`` returns, or raises what
    it raised.
    """
    latest, outcome = {}, {}

    def target():
        try:
            outcome["value"] = work(lambda *args: latest.update(args=args))
        except BaseException as exc:  # re-raised in the script thread below
            outcome["error"] = exc

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.2)
        if "args" in latest:
            on_progress(*latest["args"])
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")
