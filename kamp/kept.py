"""Results kept in the database per data version.

What a page computes from the order lines — ten million of them take seconds to read — is
computed once per import and read back by every later run, a restarted dashboard's too:
:func:`kept` looks the result up by name and key (the data version and whatever else it depends
on), computes and keeps it when it is missing, and returns it. One result is kept per name.

Frames are kept as Parquet, Plotly figures as Plotly's JSON, everything else as JSON (dates and
times tagged, so they come back as dates and times); nothing is unpickled, so a database file
from elsewhere runs no code.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import threading

import duckdb
import pandas as pd

from kamp import store


def one_at_a_time(name: str, cache_key: str) -> threading.Lock:
    """The lock of the result ``name`` / ``cache_key``: several sessions opening the dashboard
    after an import wait for the first to compute a result and then read it, instead of each
    computing it at once (a million accounts' table takes seconds and a gigabyte apiece)."""
    with _GUARD:
        return _LOCKS.setdefault((name, cache_key), threading.Lock())


_GUARD = threading.Lock()
_LOCKS: dict[tuple[str, str], threading.Lock] = {}


def kept(con, name: str, compute, *key):
    """``compute()`` — a frame, or a dict / list / tuple of JSON values, dates, times and frames —
    kept under ``name`` for this data version and ``key``."""
    cache_key = hashlib.sha1(json.dumps([store.data_version(con), store.code_version(), *key],
                                        default=str).encode()).hexdigest()
    row = _lookup(con, name, cache_key)
    if row:
        return loads(row[0])
    with one_at_a_time(name, cache_key):
        row = _lookup(con, name, cache_key)  # kept by another session meanwhile?
        if row:
            return loads(row[0])
        return _compute_and_keep(con, name, cache_key, compute)


def _lookup(con, name: str, cache_key: str):
    # Read to the end (store.first_row): a result left open would hold the cursor's transaction
    # open, and a result deleted meanwhile could not be kept again: computed on every cold start.
    try:
        return store.first_row(con, "SELECT payload FROM kept_results WHERE name = ? AND cache_key = ?",
                               [name, cache_key])
    except duckdb.Error:
        return None


def _compute_and_keep(con, name: str, cache_key: str, compute):
    value = compute()
    try:
        con.execute("INSERT OR REPLACE INTO kept_results VALUES (?, ?, ?, current_timestamp)",
                    [name, cache_key, dumps(value)])
    except duckdb.Error:
        pass  # a read-only database: serve the result without keeping it
    return value


def forget(con, name: str | None = None) -> None:
    """Forget the kept result ``name`` (every one when None): its row stays, with no key and no
    payload, for the next result of that name to replace (a row deleted while another cursor's
    transaction is open could not be kept again until that transaction ends)."""
    con.execute("UPDATE kept_results SET cache_key = '', payload = ''::BLOB"
                + ("" if name is None else " WHERE name = ?"), [] if name is None else [name])


def dumps(value) -> bytes:
    return json.dumps(_encode(value), ensure_ascii=False).encode("utf-8")


def loads(payload: bytes):
    return _decode(json.loads(bytes(payload).decode("utf-8")))


def _encode(value):
    if isinstance(value, pd.DataFrame):
        buf = io.BytesIO()
        bare = value.copy(deep=False)
        bare.attrs = {}  # kept beside the Parquet, which takes JSON values only
        bare.to_parquet(buf, index=False)
        return {"__frame__": buf.getvalue().hex(), "attrs": _encode(dict(value.attrs))}
    if type(value).__module__.startswith("plotly.graph_objs"):
        return {"__figure__": value.to_json()}
    if isinstance(value, dict):
        return {"__dict__": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, (list, tuple)):
        return {"__tuple__" if isinstance(value, tuple) else "__list__": [_encode(v) for v in value]}
    if isinstance(value, pd.Timestamp) or isinstance(value, dt.datetime):
        return {"__datetime__": pd.Timestamp(value).isoformat()}
    if isinstance(value, dt.date):
        return {"__date__": value.isoformat()}
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # a numpy scalar
        return value.item()
    if isinstance(value, float) and value != value:
        return {"__nan__": True}
    return value


def _decode(value):
    if not isinstance(value, dict):
        return value
    if "__frame__" in value:
        df = pd.read_parquet(io.BytesIO(bytes.fromhex(value["__frame__"])))
        df.attrs.update(_decode(value["attrs"]))
        return df
    if "__figure__" in value:
        import plotly.io

        return plotly.io.from_json(value["__figure__"], skip_invalid=True)
    if "__dict__" in value:
        return {_decode(k): _decode(v) for k, v in value["__dict__"]}
    if "__list__" in value:
        return [_decode(v) for v in value["__list__"]]
    if "__tuple__" in value:
        return tuple(_decode(v) for v in value["__tuple__"])
    if "__datetime__" in value:
        return pd.Timestamp(value["__datetime__"]).to_pydatetime()
    if "__date__" in value:
        return dt.date.fromisoformat(value["__date__"])
    if "__nan__" in value:
        return float("nan")
    return value
