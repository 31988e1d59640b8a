"""Shared fixtures: the repo on sys.path, the fixture folder and a fresh database per test."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "kamp.duckdb"


@pytest.fixture
def con(db_path):
    from kamp import store

    c = store.connect(db_path)
    yield c
    c.close()


def snapshot(con) -> dict:
    """Everything an import may touch, to compare before and after a failed import."""
    from kamp import store

    facts = store.info(con)
    facts["_rejects"] = con.execute("SELECT count(*) FROM rejects").fetchone()[0]
    facts["_imports"] = con.execute("SELECT count(*) FROM imports").fetchone()[0]
    facts["_profiles"] = con.execute("SELECT count(*) FROM mapping_profiles").fetchone()[0]
    facts["_accounts"] = con.execute("SELECT count(*) FROM accounts").fetchone()[0]
    return facts


@pytest.fixture
def snap():
    """``snap(con)``: a snapshot of the database (see :func:`snapshot`)."""
    return snapshot


def write_notes_then_orders(path: Path, headers: list[str]) -> Path:
    """A workbook as an ERP exports it: a notes sheet (导出说明), then two orders (K1 100 on
    2024-03-05, K2 50 on 2024-03-06) under ``headers`` (account, date, amount) on 销售明细."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "导出说明"
    wb.active.append(["本文件由 金蝶K/3 导出"])
    orders = wb.create_sheet("销售明细")
    for row in (headers, ["K1", "2024-03-05", 100], ["K2", "2024-03-06", 50]):
        orders.append(row)
    wb.save(path)
    return path


@pytest.fixture
def notes_then_orders():
    """``notes_then_orders(path, headers)``: see :func:`write_notes_then_orders`."""
    return write_notes_then_orders


@pytest.fixture
def wan():
    """Chinese money in 万/亿, as a page run sets it from the settings (the default there)."""
    from kamp import i18n

    i18n.use_wan(True)
    yield
    i18n.use_wan(False)  # the library's own default


_FIELD = re.compile(r"%\{(\w+)(?:\[(\d+)\])?(?::([^}]*))?\}")


def hover_text(trace, i: int) -> str:
    """What a reader sees on hovering point ``i`` of ``trace``: its hovertemplate with the point's
    fields filled in (Python's format for the d3 ones used: ``,.0f``, ``.1%``), without ``<extra>``."""
    def field(m) -> str:
        name, index, spec = m.groups()
        value = trace[name][i]
        if index is not None:
            value = value[int(index)]
        return format(value, spec or "")

    template = trace.hovertemplate[i] if isinstance(trace.hovertemplate, tuple) else trace.hovertemplate
    return re.sub(r"<extra>.*?</extra>", "", _FIELD.sub(field, template))


@pytest.fixture
def hover():
    """``hover(trace, i)``: the text shown on hovering a point (see :func:`hover_text`)."""
    return hover_text


@pytest.fixture(scope="session")
def demo_frames() -> dict:
    """kamp.demo.generate() with its defaults: one frame per import kind, made once per session."""
    from kamp import demo

    return demo.generate()


@pytest.fixture(scope="session")
def demo_net(demo_frames):
    """Each demo account's net revenue (0 for accounts without lines), in account order."""
    tx = demo_frames["transactions"]
    return tx.groupby("account_id")["amount"].sum().reindex(demo_frames["accounts"]["account_id"], fill_value=0.0)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo database (kamp.demo_build), built once per test session. Open it read-only;
    copy the file to change it."""
    from kamp import demo_build

    path = tmp_path_factory.mktemp("demo") / "kamp.duckdb"
    demo_build.rebuild(path)
    return path


@pytest.fixture
def demo_copy(demo_db, tmp_path, monkeypatch) -> Path:
    """A copy of the demo database that the app opens (``KAMP_DB``) and the test may change."""
    from pagetest import app_copy

    return app_copy(demo_db, tmp_path, monkeypatch)
