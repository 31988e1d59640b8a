"""Results kept in the database per data version (kamp.kept): computed once per import, read
back afterwards (a restarted dashboard too), computed afresh after the next import."""
import datetime as dt
import math

import pandas as pd
import pytest

from kamp import ingest, kept, store


@pytest.fixture()
def con(tmp_path):
    (tmp_path / "a.csv").write_text("customer,date,invoice,sales\na,2024-03-01,1,50\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("customer,date,invoice,sales\nb,2024-03-02,2,30\n", encoding="utf-8")
    con = store.connect(tmp_path / "k.duckdb")
    ingest.import_file(con, tmp_path / "a.csv")
    yield con
    con.close()


def test_a_result_is_computed_once_per_import(tmp_path):
    (tmp_path / "a.csv").write_text("customer,date,invoice,sales\na,2024-03-01,1,50\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("customer,date,invoice,sales\nb,2024-03-02,2,30\n", encoding="utf-8")
    con = store.connect(tmp_path / "k.duckdb")
    ingest.import_file(con, tmp_path / "a.csv")
    calls = []

    def revenue():
        calls.append(1)
        return {"revenue": con.execute("SELECT sum(amount) FROM transactions").fetchone()[0]}

    assert kept.kept(con, "total", revenue) == {"revenue": 50}
    assert kept.kept(con, "total", revenue) == {"revenue": 50}
    assert len(calls) == 1
    # A restarted dashboard (a new connection) reads it too.
    con.close()
    con = store.connect(tmp_path / "k.duckdb")
    assert kept.kept(con, "total", lambda: pytest.fail("computed again")) == {"revenue": 50}
    # An import changes the data version: computed afresh, with the new line.
    ingest.import_file(con, tmp_path / "b.csv")
    assert kept.kept(con, "total", lambda: revenue_of(con)) == {"revenue": 80}
    con.close()


def revenue_of(con):
    return {"revenue": con.execute("SELECT sum(amount) FROM transactions").fetchone()[0]}


def test_the_key_tells_results_apart(con):
    assert kept.kept(con, "share", lambda: 0.2, "top 20 %") == 0.2
    assert kept.kept(con, "share", lambda: 0.5, "top 50 %") == 0.5  # another key: computed, and kept instead
    assert kept.kept(con, "share", lambda: pytest.fail("computed again"), "top 50 %") == 0.5


def test_a_newer_kamp_computes_afresh_what_an_older_one_kept(con, monkeypatch):
    calls = []
    compute = lambda: calls.append(1) or {"n": len(calls)}  # noqa: E731
    assert kept.kept(con, "figures", compute) == {"n": 1}
    assert kept.kept(con, "figures", compute) == {"n": 1}  # kept
    monkeypatch.setattr(store, "code_version", lambda: "another")  # the package's code has changed
    assert kept.kept(con, "figures", compute) == {"n": 2}
    assert store.code_version() != "" and len(calls) == 2


def test_values_come_back_as_they_went_in(con):
    frame = pd.DataFrame({"month": pd.to_datetime(["2024-01-01", "2024-02-01"]), "net": [1.5, -2.0]})
    frame.attrs["as_of"] = dt.date(2024, 2, 29)
    value = ({"first": dt.datetime(2024, 1, 2, 9, 30), "day": dt.date(2024, 1, 3), "margin": None,
              "share": float("nan"), "lines": 7}, frame, ["x", 2])
    kept.kept(con, "mixed", lambda: value)
    got = kept.kept(con, "mixed", lambda: pytest.fail("computed again"))
    facts, back, rest = got
    assert facts["first"] == dt.datetime(2024, 1, 2, 9, 30) and facts["day"] == dt.date(2024, 1, 3)
    assert facts["margin"] is None and math.isnan(facts["share"]) and facts["lines"] == 7
    assert back["net"].tolist() == [1.5, -2.0] and back["month"].dt.month.tolist() == [1, 2]
    assert back.attrs["as_of"] == dt.date(2024, 2, 29)
    assert rest == ["x", 2]


def test_a_figure_comes_back_as_a_figure(con):
    import plotly.graph_objects as go

    fig = go.Figure(go.Bar(x=["Major", "Named"], y=[120.5, 30.0], customdata=["a1", "a2"]))
    fig.update_layout(title="Revenue by tier", height=480)
    kept.kept(con, "slide", lambda: [{"kind": "portfolio", "figure": fig}])
    back = kept.kept(con, "slide", lambda: pytest.fail("computed again"))[0]["figure"]
    assert isinstance(back, go.Figure)
    assert back.layout.title.text == "Revenue by tier" and back.layout.height == 480
    assert list(back.data[0].x) == ["Major", "Named"] and list(back.data[0].y) == [120.5, 30.0]
    assert list(back.data[0].customdata) == ["a1", "a2"]


def test_forget_drops_kept_results(con):
    kept.kept(con, "total", lambda: 1)
    kept.forget(con)
    assert kept.kept(con, "total", lambda: 2) == 2


def test_reading_a_kept_result_leaves_no_transaction_open(con):
    # A page's cursor that read a kept result lives on (in the page's last run) while the
    # dashboard idles. Its read must be over: a result deleted meanwhile could not be kept again
    # while its transaction stayed open, and would be computed on every cold start.
    kept.kept(con, "total", lambda: 1)
    reader = con.cursor()
    assert kept.kept(reader, "total", lambda: pytest.fail("computed again")) == 1
    con.execute("DELETE FROM kept_results")
    assert kept.kept(con, "total", lambda: 2) == 2
    assert kept.kept(con, "total", lambda: pytest.fail("not kept")) == 2


def test_a_forgotten_result_is_kept_again_while_another_transaction_is_open(con):
    kept.kept(con, "total", lambda: 1)
    other = con.cursor()
    other.execute("BEGIN")
    other.execute("SELECT count(*) FROM kept_results").fetchall()
    kept.forget(con)
    assert kept.kept(con, "total", lambda: 2) == 2
    assert kept.kept(con, "total", lambda: pytest.fail("not kept")) == 2
    other.execute("COMMIT")


def test_sessions_asking_at_once_wait_for_one_computation(con, monkeypatch):
    # Several people open the dashboard right after an import: the account table (seconds and
    # a gigabyte for a million accounts) and every kept result are computed once, not once each.
    import threading
    import time

    from kamp import analysis

    real, computed = analysis.account_table, []

    def slow_table(*args, **kwargs):
        computed.append("table")
        time.sleep(0.5)  # long enough for the others to ask meanwhile
        return real(*args, **kwargs)

    def slow_result():
        computed.append("result")
        time.sleep(0.5)
        return revenue_of(con.cursor())

    monkeypatch.setattr(analysis, "account_table", slow_table)
    tables, results = [], []

    def session():
        cur = con.cursor()
        tables.append(analysis.stored_account_table(cur)[0])
        results.append(kept.kept(cur, "total", slow_result))

    sessions = [threading.Thread(target=session) for _ in range(3)]
    for s in sessions:
        s.start()
    for s in sessions:
        s.join(60)
    assert sorted(computed) == ["result", "table"]
    assert len(tables) == 3 and all(t["account_id"].tolist() == ["a"] for t in tables)
    assert results == [{"revenue": 50}] * 3
