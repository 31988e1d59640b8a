"""Space-aligned text reports (legacy fixed-width exports): their columns are read by position.

A column's edge is where every line has a blank, counted in display columns as a terminal or a
report printer shows them: a CJK character is two columns wide. An empty cell is then an empty
value in its own column, not the next column's value moved one place left. :func:`layout` finds
the columns from the header and the lines under it; :func:`rows_sql` reads every line into them.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from kamp.parse import _lit, q

# The right half of a wide character, in a line as it is shown (see :func:`shown`).
RIGHT_HALF = "\x01"
# A name of the header: words with single spaces between them ("Customer ID").
_NAME = re.compile(r"\S+(?: \S+)*")
# A column break in a line with a tab: the tab, or two blanks or more.
_BREAK = r"\s{2,}|\t"
# One space between two words ("Foods International"): one value, not two columns' edge.
_WORD_SPACE = "[^ ] [^ ]"
# A number as a report prints it (1,234.50, -7, 12%): right-aligned, as a rule.
_NUMBER = r"[-+(]?[\d,.]+\)?%?"
# A line of dashes or equals signs under the header (whole, or one run per column): no row.
UNDERLINE = r"[-=_+|─━═－＝\s]*[-=─━═－＝]{3,}[-=_+|─━═－＝\s]*"
# What a blank line may hold (a form feed ends a printed page), and a run of blanks between two names.
_BLANKS = " \t\r\f\v"
_SPACES = r"[\s\x{3000}]+"
# The most lines under a report's header whose text may run over a column's edge, their runs of
# two blanks or more not giving one value per column: beyond, the text is not space-aligned.
MOST_CROSSED = 0.2


@functools.cache
def wide_class(encoding: str | None = None) -> str:
    """A regular expression character class (Python and RE2 alike) of the characters shown two
    columns wide: Unicode's East Asian Wide and Fullwidth ones, which all lie below U+40000, and
    in a file of a legacy double-byte ``encoding`` (GB18030, Big5) every character it writes in
    two bytes too (“ × ① Ⅱ), as a report padded by bytes and a Chinese terminal show them."""
    ranges, start = [], None
    for cp in range(0x40001):
        c = chr(cp)
        wide = cp < 0x40000 and unicodedata.category(c) != "Cn" and (
            unicodedata.east_asian_width(c) in ("W", "F") or _double_byte(c, encoding))
        if wide and start is None:
            start = cp
        elif not wide and start is not None:
            ranges.append(chr(start) if start == cp - 1 else f"{chr(start)}-{chr(cp - 1)}")
            start = None
    return "[" + "".join(ranges) + "]"


def _double_byte(c: str, encoding: str | None) -> bool:
    """Whether ``encoding``, a legacy one (not UTF), writes ``c`` in two bytes."""
    if not encoding or encoding.startswith("utf") or c.isascii():
        return False
    try:
        return len(c.encode(encoding)) == 2
    except (UnicodeEncodeError, LookupError):
        return False


def shown(line: str, encoding: str | None = None) -> str:
    """``line`` with each character at its display column: a wide character (see
    :func:`wide_class`) is followed by :data:`RIGHT_HALF`, a tab two blanks (a column break), an
    ideographic space (U+3000) two."""
    line = line.replace("\t", "  ").replace("\u3000", "  ")
    return re.sub(wide_class(encoding), lambda m: m.group() + RIGHT_HALF, line)


def _shown_sql(col: str, encoding: str | None = None) -> str:
    """:func:`shown` in DuckDB."""
    return (f"regexp_replace(replace(replace({col}, chr(9), '  '), chr(12288), '  '), {_lit(wide_class(encoding))}, "
            f"'\\0' || chr(1), 'g')")


def split(line: str) -> list[str]:
    """A header line's names: the runs of text between two or more spaces (or a tab)."""
    return [h for h in re.split(_BREAK, line.strip()) if h]


def _crosses(line: str, c: int) -> bool:
    """Whether text of ``line`` (as :func:`shown`) runs over display column ``c``: a character
    there, or a single space between two words."""
    return (c < len(line) and line[c] != " ") or bool(re.fullmatch(_WORD_SPACE, line[c - 1:c + 2]))


def layout(lines: list[str], encoding: str | None = None) -> tuple[list[str], list[int], float]:
    """From a header line and the lines under it: the header's names, the display column each
    column starts at (the first at 0; each later one at a blank between two names), and the
    largest share of the lines under the header (an underline left out) whose text runs over
    where a column starts and cannot be split into its values (0 for a well-aligned report; see
    :func:`_crossed`). Under a line of dashes, one run per column, each column starts where its run does; else at the blank before
    its name when its values start where the name does (see :func:`_left_aligned`), and in the
    middle of the widest run of blanks between two names otherwise (where none is clear on every
    line, those clear on the most lines). Widths are
    those of the file's ``encoding`` (see :func:`wide_class`). Lines with a tab are split at
    their tabs (see :func:`rows_sql`): their positions are no guide; a header with a tab has its
    columns start where every line without a tab has a gap (see :func:`_gap_starts`)."""
    header = shown(lines[0], encoding)
    rows = [shown(ln, encoding) for ln in lines[1:] if not re.fullmatch(UNDERLINE, ln) and "\t" not in ln]
    names = list(_NAME.finditer(header))
    if "\t" in lines[0] and (starts := _gap_starts(rows, len(names))):
        return [n.group().replace(RIGHT_HALF, "") for n in names], starts, 0.0
    if len(lines) > 1 and (starts := _underline_starts(shown(lines[1], encoding), len(names))):
        return [n.group().replace(RIGHT_HALF, "") for n in names], starts, _crossed(rows, starts)
    starts = [0]
    for left, right, after in zip(names, names[1:], names[2:] + [None]):
        filled = [sum(_crosses(r, c) for r in rows) for c in range(left.end(), right.start())]
        least = min(filled)
        clear = [left.end() + i for i, n in enumerate(filled) if n == least]
        starts.append(right.start() - 1 if right.start() - 1 in clear and _left_aligned(rows, right, after)
                      else _middle_of_widest_run(clear))
    return [n.group().replace(RIGHT_HALF, "") for n in names], starts, _crossed(rows, starts)


def _crossed(rows: list[str], starts: list[int]) -> float:
    """The largest share of ``rows`` (as :func:`shown`) whose text runs over where one of the
    columns ``starts`` (see :func:`_crosses`) and whose runs of two blanks or more do not split
    them into one value per column (a long name that pushes the rest of its line right, as a
    printf ``%-22s`` does, is still read: see :func:`rows_sql`)."""
    unsplit = [r for r in rows if len(split(r.replace(RIGHT_HALF, ""))) != len(starts)]
    return max((sum(_crosses(r, c) for r in unsplit) / len(rows) for c in starts[1:]), default=0.0) if rows else 0.0


def aligned(lines: list[str], encoding: str | None = None) -> bool:
    """Whether a header line and the lines under it are a space-aligned report: two names or
    more, and at most :data:`MOST_CROSSED` of the lines running over a column's edge where their
    runs of two blanks or more do not give one value per column. Empty cells, an underline under the header and a last column of several words are all fine."""
    names, _, crossed = layout(lines, encoding)
    return len(names) >= 2 and crossed <= MOST_CROSSED


def _left_aligned(rows: list[str], name: re.Match, after: re.Match | None) -> bool:
    """Whether the values under a header's ``name`` (its place in the header as :func:`shown`)
    in ``rows`` (as :func:`shown`) are left-aligned: one at least starts where the name does,
    after a blank, ends before the ``after`` name (the next one, if any) and elsewhere than the
    name, and is no number; none starts inside the name. Numbers are taken as right-aligned, as
    most reports print them: a wider one further down starts further left."""
    s, e = name.start(), name.end()
    if any(not r[s:s + 1].strip() and r[s:e].strip() for r in rows):
        return False
    values = [m.group() for r in rows if r[s - 1:s] == " " and (m := _NAME.match(r, s))]
    return any(s + len(v) != e and (after is None or s + len(v) < after.start()) and not re.fullmatch(_NUMBER, v)
               for v in values)


def _underline_starts(line: str, n: int) -> list[int] | None:
    """Where ``n`` columns start under a line of one run of dashes (or equals signs) per column:
    at the blank before each run, the first at 0; None for any other line."""
    runs = [m.start() for m in re.finditer(r"[-=─━═－＝]+", line)]
    if not re.fullmatch(UNDERLINE, line) or len(runs) != n:
        return None
    return [0] + [r - 1 for r in runs[1:]]


def _gap_starts(rows: list[str], n: int) -> list[int] | None:
    """Where ``n`` columns start in ``rows`` (as :func:`shown`): the first at 0, each later one
    in the middle of one of the ``n - 1`` widest gaps of two blanks or more that every row has;
    None without rows or so many gaps."""
    clear = [c for c in range(1, max(map(len, rows), default=0)) if not any(_crosses(r, c) for r in rows)]
    gaps = [g for g in _runs(clear) if len(g) >= 2 and g[0] > 0 and any(r[:g[0]].strip() for r in rows)]
    if not rows or len(gaps) < n - 1:
        return None
    widest = sorted(sorted(gaps, key=len, reverse=True)[:n - 1])
    return [0] + [g[(len(g) - 1) // 2] for g in widest]


def _runs(columns: list[int]) -> list[list[int]]:
    """The runs of consecutive ``columns`` (ascending)."""
    runs: list[list[int]] = []
    for c in columns:
        if runs and runs[-1][-1] == c - 1:
            runs[-1].append(c)
        else:
            runs.append([c])
    return runs


def _middle_of_widest_run(columns: list[int]) -> int:
    """The middle of the longest run of consecutive ``columns`` (ascending), the first if tied."""
    best = max(_runs(columns), key=len)
    return best[(len(best) - 1) // 2]


def rows_sql(scan: str, headers: list[str], starts: list[int], header_row: int, encoding: str | None = None) -> str:
    """The lines of ``scan`` (one column ``line``, in file order) below ``header_row``, blank
    ones (a form feed too), underlines and a printed report's page heads (see
    :func:`_page_heads_sql`) left out: each header's column (NULL when empty), ``__cross`` (the
    two columns whose edge a value runs over, as "备注 / 金额", else NULL) and ``__line`` (the
    line number). Widths are those of the file's ``encoding``. A line with a tab is split at its
    tabs and runs of two blanks or more instead, its values taken in order; so is a line whose text
    runs over a column's edge but splits into one value per column (a long name that pushes the
    rest of the line right): only a line that does not is marked in ``__cross``."""
    cells, crossings = [], []
    for i, h in enumerate(headers):
        width = f", {starts[i + 1] - starts[i]}" if i + 1 < len(starts) else ""
        cells.append(f"nullif(trim(CASE WHEN tabbed OR (crossing IS NOT NULL AND len(parts) = {len(headers)}) "
                     f"THEN parts[{i + 1}] ELSE replace(substring(d, {starts[i] + 1}{width}), chr(1), '') END), '') "
                     f"AS {q(h)}")
        if i + 1 < len(headers):
            c = starts[i + 1]  # _crosses in SQL: substring counts from 1
            crossings.append(f"WHEN substring(d, {c + 1}, 1) NOT IN ('', ' ') OR regexp_full_match(substring(d, {c}, 3), "
                             f"{_lit(_WORD_SPACE)}) THEN {_lit(h + ' / ' + headers[i + 1])}")
    cross = f"CASE WHEN tabbed THEN NULL {' '.join(crossings)} END" if crossings else "CAST(NULL AS VARCHAR)"
    return (f"SELECT {', '.join(cells)}, CASE WHEN len(parts) <> {len(headers)} THEN crossing END AS __cross, __line "
            f"FROM (SELECT *, {cross} AS crossing FROM (SELECT {_shown_sql('line', encoding)} AS d, "
            f"contains(line, chr(9)) AS tabbed, string_split_regex(trim(replace(line, chr(12288), '  '), "
            f"{_lit(_BLANKS)}), {_lit(_BREAK)}) AS parts, __line FROM ({_page_heads_sql(scan, headers, header_row)}) "
            f"WHERE trim(line, {_lit(_BLANKS)}) <> '' AND NOT regexp_full_match(line, {_lit(UNDERLINE)}) "
            f"AND __line > {int(header_row)} AND NOT page_head))")


def _page_heads_sql(scan: str, headers: list[str], header_row: int) -> str:
    """The lines of ``scan`` (``line``) with ``__line`` (the line number) and ``page_head``:
    whether the line is the header again (its names, blanks aside) or, on a later page (from a
    form feed) where the header is repeated, one of the lines above it (a title, a print date)."""
    same = f"trim(regexp_replace(line, {_lit(_SPACES)}, ' ', 'g')) = {_lit(' '.join(headers))}"
    page = ("coalesce(sum(contains(line, chr(12))::INT) OVER (ORDER BY __line ROWS BETWEEN UNBOUNDED PRECEDING "
            "AND 1 PRECEDING), 0) + regexp_matches(line, '^[ \\t\\r]*\\f')::INT")
    above = (f"__line < min(CASE WHEN is_header THEN __line END) OVER (PARTITION BY page) "
             f"AND min(__line) OVER (PARTITION BY page) > {int(header_row)}")
    return (f"SELECT line, __line, is_header OR coalesce({above}, false) AS page_head FROM (SELECT *, {page} AS page "
            f"FROM (SELECT line, {same} AS is_header, row_number() OVER () AS __line FROM ({scan})))")
