"""One pass over a text export before DuckDB reads it (:func:`scan_text`): its sha256, a check
that it decodes, where its empty lines are, and a UTF-8 copy when DuckDB cannot read its
encoding. ``src`` is a :class:`kamp.sources.Source`, filled in.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import re
import tempfile
from pathlib import Path

import numpy as np


def scan_text(src, convert: bool, limit_bytes: int | None = None, on_bytes=None) -> None:
    """One pass over a text file: its sha256, a check that every byte decodes in its
    encoding (DuckDB must never meet invalid text), the empty lines (DuckDB skips them, row
    numbers must not), and — when ``convert`` (an encoding DuckDB does not read) — a UTF-8 copy.
    ``limit_bytes`` stops early (a preview); then no sha256 is recorded. ``on_bytes(done)``,
    when given, is told the bytes scanned so far after each piece.

    UTF-8 is checked on the bytes (an ASCII chunk needs no decoding, and a newline byte is
    a newline in UTF-8); a chunk is searched for empty lines, and only one that has some is
    looked at closely, so the scan costs little more than the hash."""
    from kamp.sources import ImportFailed  # the reader's error (kamp.sources reads with this module)

    by_bytes = src.encoding == "utf-8"
    digest = hashlib.sha256()
    dec = codecs.getincrementaldecoder(src.encoding)(errors="strict")
    out = None
    if convert:
        fd, tmp = tempfile.mkstemp(suffix=".csv", prefix="kamp-")
        out = os.fdopen(fd, "wb")
        src.read_path = Path(tmp)
    nl: str | bytes = b"\n" if by_bytes else "\n"
    line, done, blanks = 1, 0, []  # line: the line the current piece starts on
    prev = end = nl[:0]  # the last two characters before the current piece; the last four
    try:
        with open(src.path, "rb") as fh:
            while chunk := fh.read(1 << 22):
                if limit_bytes is not None and done >= limit_bytes:
                    end = None  # (the end not read)
                    break
                digest.update(chunk)
                done += len(chunk)
                try:
                    if not by_bytes:
                        piece = dec.decode(chunk)
                    else:
                        piece = chunk
                        if not (chunk.isascii() and dec.getstate()[0] == b""):
                            dec.decode(chunk)
                except UnicodeDecodeError as exc:
                    before = exc.object[: exc.start]
                    before = before if by_bytes else before.decode(src.encoding, "ignore")
                    raise ImportFailed("problem.import.bad_line", name=src.name, line=line + before.count(nl),
                                       encoding=src.encoding.upper()) from None
                count, empty = _line_breaks(prev, piece)
                blanks += [line - prev.count(nl) + before + 1 for before in empty]
                line += count
                prev, end = piece[-2:], (end + piece[-4:])[-4:]
                if out:
                    out.write(piece.encode("utf-8"))
                if on_bytes is not None:
                    on_bytes(done)
        if limit_bytes is None:
            try:
                tail = dec.decode(b"", final=True)
            except UnicodeDecodeError:
                raise ImportFailed("problem.import.cut_character", name=src.name) from None
            if out and tail:
                out.write(tail.encode("utf-8"))
            src.sha256 = digest.hexdigest()
    except BaseException:
        if out:
            out.close()
        src.cleanup()
        raise
    if out:
        out.close()
    src.blank_lines = blanks[:100_000]
    src.dos_eof = end is not None and _dos_eof(end)


def _dos_eof(end: str | bytes) -> bool:
    """Whether a text whose last characters are ``end`` ends in a line holding only DOS's
    end-of-file mark, ^Z (an old program's export): the reader would take it for a row."""
    if isinstance(end, bytes):
        end = end.decode("latin-1")
    return end.rstrip("\r\n").endswith("\n\x1a")


_EMPTY_LINE = re.compile(rb"\n\r?\n")


def _line_breaks(prev: str | bytes, piece: str | bytes) -> tuple[int, list[int]]:
    """The line breaks in ``piece`` (text or UTF-8 bytes) and its empty lines: for each, how
    many line breaks of ``prev + piece`` come before the one that starts it (``prev``, the
    last two characters before ``piece``, only tells whether its first line is empty)."""
    if isinstance(piece, bytes):
        count = int(np.count_nonzero(np.frombuffer(piece, np.uint8) == 10))
        if not (_EMPTY_LINE.search(piece) or _EMPTY_LINE.search(prev + piece[:2])):
            return count, []  # most pieces: counted, nothing more to look at
        seen = np.frombuffer(prev + piece, np.uint8)
        at = np.flatnonzero(seen == 10)
        gap = np.diff(at)
        # an empty line: a line break followed by another, or by a carriage return and another
        starts = np.flatnonzero((gap == 1) | ((gap == 2) & (seen[at[:-1] + 1] == 13)))
        ends_in_piece = at[starts + 1] >= len(prev)
        return count, starts[ends_in_piece].tolist()
    seen = prev + piece
    starts = [m.start() for m in re.finditer(r"\n(?=\r?\n)", seen)
              if m.start() + (3 if seen[m.start() + 1] == "\r" else 2) > len(prev)]
    return piece.count("\n"), [seen.count("\n", 0, i) for i in starts]
