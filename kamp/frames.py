"""Helpers for per-account frames of a million rows: building columns without Python objects."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa


def labels(names, codes, index=None) -> pd.Series:
    """``names[code]`` for each code, as a text column. Built in Arrow: a million labels take
    milliseconds, where a numpy string array turned into a Series takes a quarter of a second."""
    values = pa.array([str(x) for x in names], pa.large_string()).take(pa.array(np.asarray(codes, dtype=np.int64)))
    out = values.to_pandas()
    if index is not None:
        out.index = index  # the rows' own labels (a Series built with index= would reindex instead)
    return out


def isin(column: pd.Series, values) -> np.ndarray:
    """Which values of a text ``column`` are among ``values``, as booleans. In Arrow: pandas'
    own ``isin`` on a text column takes seconds against a set of a hundred thousand values. A
    missing id is never among them."""
    import pyarrow.compute as pc

    found = pc.is_in(_text(column), value_set=_text(values), skip_nulls=True)
    return found.to_numpy(zero_copy_only=False).astype(bool)


def among(rows: list[tuple], ids) -> list[tuple]:
    """The ``rows`` whose first field is one of ``ids`` (any number of them, as text), in order.
    For the few rows a query returns against a column of a hundred thousand ids: walking such a
    column in Python takes a second."""
    if not rows:
        return []
    keep = isin(pd.Series([str(r[0]) for r in rows], dtype=object), ids)
    return [r for r, k in zip(rows, keep) if k]


def text(values) -> pd.Series:
    """``values`` (ids of any kind) as a text column, each as ``str()`` gives it; a text column
    is returned as it is."""
    if isinstance(values, pd.Series) and values.dtype == "str":
        return values.reset_index(drop=True)
    return pd.Series([str(v) for v in values], dtype="str")


def _text(values) -> pa.Array:
    """``values`` as Arrow text (missing ones null); a text column already in Arrow is not copied."""
    if isinstance(values, (pd.Series, pd.Index)):
        if values.dtype == "str":
            return pa.array(values).cast(pa.large_string())
        return pa.array([str(v) if ok else None for v, ok in zip(values.tolist(), values.notna().tolist())],
                        pa.large_string())
    return pa.array([str(v) for v in values], pa.large_string())


def nbytes(value) -> int:
    """About how much memory ``value`` holds: the buffers of frames, columns and arrays (text
    in Arrow counted in full, Python objects by their pointers), summed through tuples, lists
    and dicts; anything else counts by its own size. For keeping results within a budget."""
    if isinstance(value, pd.DataFrame):
        return int(value.memory_usage(index=True, deep=False).sum())
    if isinstance(value, (pd.Series, pd.Index)):
        return int(value.memory_usage(deep=False))
    if isinstance(value, (np.ndarray, pa.Array, pa.ChunkedArray, pa.Table)):
        return int(value.nbytes)
    if isinstance(value, (tuple, list)):
        return 64 + sum(nbytes(v) for v in value)
    if isinstance(value, dict):
        return 64 + sum(nbytes(k) + nbytes(v) for k, v in value.items())
    import sys

    return sys.getsizeof(value)
