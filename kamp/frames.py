"""Helpers for per-account frames of a million rows: building columns without Python objects."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

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
    return sys.getsizeof(value)


def write_table(frame: pd.DataFrame, out=None, *, bom: bool = True) -> None:
    """``frame`` written by DuckDB as Parquet (``out`` ending in .parquet) or CSV (``out``
    ending in .csv; to stdout when ``out`` is None). A million accounts take about three seconds as CSV,
    where pandas' writer takes twenty.

    As pandas writes them: no index, missing values empty, a date-time column whose values are
    all midnights as dates. A CSV file starts with a UTF-8 byte-order mark when ``bom`` (so that
    Excel reads Chinese); stdout gets none. The file appears whole or not at all (written
    beside it, then renamed).
    """
    import duckdb
    import pyarrow.compute as pc

    check_target(out)
    table = pa.Table.from_pandas(frame, preserve_index=False)  # NaN becomes a missing value
    parquet = out is not None and str(out).lower().endswith(".parquet")
    for i, f in enumerate(table.schema):
        if pa.types.is_timestamp(f.type) and not parquet:
            col = table.column(i)
            if pc.all(pc.equal(col, pc.floor_temporal(col, unit="day"))).as_py() in (True, None):
                table = table.set_column(i, f.name, pc.cast(col, pa.date32()))
    if not parquet and bom and out is not None and table.num_columns:
        # The mark leads the first header, which needs no quotes: DuckDB writes it as is.
        names = table.column_names
        if not any(c in names[0] for c in ',"\r\n') and names[0] == names[0].strip():
            table = table.rename_columns(["\ufeff" + names[0], *names[1:]])
    folder = Path(out).resolve().parent if out is not None else None
    try:  # written beside ``out``, then moved onto it: a reader never sees half a file
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".parquet" if parquet else ".csv", prefix=".kamp-")
    except OSError as exc:  # the folder is there but takes no file (/proc, read-only): said of ``out``
        raise cannot_write(out, exc) from None
    os.close(fd)
    try:
        con = duckdb.connect()
        con.execute("SET enable_progress_bar = false")
        rel = con.from_arrow(table)
        if parquet:
            rel.write_parquet(tmp)
        else:
            rel.write_csv(tmp, header=True)
        con.close()
        if out is None:
            try:
                with open(tmp, "rb") as fh:
                    sys.stdout.flush()
                    shutil.copyfileobj(fh, sys.stdout.buffer)
                    sys.stdout.buffer.flush()
            except BrokenPipeError:  # the reader stopped early (``| head``): not a failure
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        else:
            try:
                os.replace(tmp, out)
            except OSError as exc:  # a file there that may not be replaced: said of ``out``, not of ``tmp``
                raise cannot_write(out, exc) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def cannot_write(out, exc: OSError) -> ValueError:
    """The error to say when the file ``out`` cannot be written, the reason (permission denied,
    read-only file system …) taken from ``exc`` without the name of any file of KAMP's own."""
    return ValueError(f"{out} cannot be written: {exc.strerror or exc}")


def check_target(out) -> None:
    """A ValueError, before any work is done, when :func:`write_table` could not write the file
    ``out``: not a .csv or .parquet name, or a folder that does not exist (None, stdout, is
    always fine)."""
    if out is None:
        return
    if not str(out).lower().endswith((".csv", ".parquet")):
        raise ValueError(f"{out}: write .csv or .parquet")
    if Path(out).is_dir():
        raise ValueError(f"{out} is a folder: name a file to write")
    if not Path(out).resolve().parent.is_dir():
        raise ValueError(f"{out}: the folder {Path(out).resolve().parent} does not exist")
