"""Helpers for per-account frames of a million rows: building columns without Python objects."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa


def labels(names, codes, index=None) -> pd.Series:
    """``names[code]`` for each code, as a text column. Built in Arrow: a million labels take
    milliseconds, where a numpy string array turned into a Series takes a quarter of a second."""
    values = pa.array([str(x) for x in names], pa.large_string()).take(pa.array(np.asarray(codes, dtype=np.int64)))
    return pd.Series(values.to_pandas(), index=index)
