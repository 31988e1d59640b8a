"""Text that a spreadsheet would run as a formula (=, +, -, @, a tab or a carriage return first):
written to the CSV files a reader opens in Excel behind a single quote ('=1+1), and read back
without it when such a file is imported again."""
from __future__ import annotations

import pandas as pd

# What Excel takes for the start of a formula.
LEADS = "=+-@\t\r"
# A number written as text (-5, +3.5, -1,234.50, 12%): Excel reads it as that number, no formula.
_NUMBER = r"[+-]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?"


def escaped(values: pd.Series) -> pd.Series:
    """``values`` with each text value that starts as a formula and is not a number prefixed
    with ``'``; anything else (numbers, dates, missing values, text of other starts) as it is."""
    if not (values.dtype == object or pd.api.types.is_string_dtype(values)):
        return values
    text = values.map(lambda v: v if isinstance(v, str) else "")
    risky = text.str[:1].isin(list(LEADS)) & ~text.str.fullmatch(_NUMBER)
    if not risky.any():
        return values
    out = values.astype(object).copy()
    out[risky] = "'" + text[risky]
    return out


def escaped_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column of ``frame`` :func:`escaped`."""
    return frame.assign(**{c: escaped(frame[c]) for c in frame.columns}) if len(frame.columns) else frame
