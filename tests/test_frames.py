"""Columns for a million rows (kamp.frames): labels from codes, membership in a large set, a table
written as CSV or Parquet."""
import numpy as np
import pandas as pd
import pytest

from kamp import frames


def test_labels_name_each_code():
    got = frames.labels(["active", "dormant", "lost"], [2, 0, 0, 1], index=[10, 11, 12, 13])
    assert got.tolist() == ["lost", "active", "active", "dormant"] and got.index.tolist() == [10, 11, 12, 13]


def test_isin_tells_which_ids_are_in_a_set():
    ids = pd.Series(["C1", "C2", None, "C3", "C2"], dtype="str")
    assert frames.isin(ids, {"C2", "C3", "C9"}).tolist() == [False, True, False, True, True]  # no id: never in
    assert frames.isin(ids, set()).tolist() == [False] * 5
    assert frames.isin(pd.Series([], dtype="str"), {"C1"}).tolist() == []


def test_isin_agrees_with_pandas_on_a_large_set():
    ids = pd.Series([f"a{i}" for i in range(50_000)], dtype="str")
    wanted = {f"a{i}" for i in range(0, 60_000, 3)}  # every third, some not in the column
    got = frames.isin(ids, wanted)
    assert got.dtype == bool and int(got.sum()) == len(range(0, 50_000, 3))
    assert np.array_equal(got, ids.isin(wanted).to_numpy())


def test_isin_takes_the_wanted_ids_as_a_column():
    ids = pd.Series(["C1", "C2", None, "C3"], dtype="str")
    assert frames.isin(ids, pd.Series(["C3", None, "C1"], dtype="str")).tolist() == [True, False, False, True]
    assert frames.isin(ids, pd.Index(["C2"])).tolist() == [False, True, False, False]
    assert frames.isin(pd.Series([7, 8, None], dtype=object), pd.Series(["8"], dtype="str")).tolist() \
        == [False, True, False]  # ids compared as text


def test_among_keeps_the_rows_of_the_given_ids_in_order():
    rows = [("C3", "q1"), ("C1", "q1"), ("C9", "q2"), ("C1", "q2")]
    assert frames.among(rows, pd.Series(["C1", "C3"], dtype="str")) == [("C3", "q1"), ("C1", "q1"), ("C1", "q2")]
    assert frames.among(rows, []) == [] and frames.among([], ["C1"]) == []
    assert frames.text([1, "b"]).tolist() == ["1", "b"]


def test_nbytes_counts_the_buffers_of_what_a_result_holds():
    column = pd.Series(np.zeros(1_000))  # 1,000 × 8 bytes, and a RangeIndex of no buffer
    frame = pd.DataFrame({"a": np.zeros(1_000), "b": np.ones(1_000, dtype=np.int32)}, index=pd.RangeIndex(1_000))
    assert frames.nbytes(np.zeros(10)) == 80
    assert frames.nbytes(column) == 8_000 + column.index.memory_usage()
    assert frames.nbytes(frame) == 8_000 + 4_000 + frame.index.memory_usage()
    assert frames.nbytes((np.zeros(10), {"k": np.zeros(5)})) == 64 + 80 + 64 + frames.nbytes("k") + 40


TABLE = pd.DataFrame({
    "account_id": ["C1", "C2", "C3"],
    "name": ["华信科技, 上海", 'Say "hi" Ltd', None],
    "revenue": [1234.5, np.nan, -7.0],
    "orders": [3, 0, 12],
    "first_purchase": pd.to_datetime(["2024-03-05", "2023-12-31", "2024-01-01"]).astype("datetime64[s]"),
    "ts": pd.to_datetime(["2024-03-05 10:30", "2023-12-31 00:00", "2024-01-01 00:00"]),
})


def test_write_table_as_csv_reads_back_as_pandas_wrote_it(tmp_path):
    out = tmp_path / "accounts.csv"
    frames.write_table(TABLE, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfaccount_id,name,")  # a byte-order mark, for Excel
    lines = raw.decode("utf-8-sig").splitlines()
    # Missing values empty; all-midnight date-times as dates; a comma or a quote quoted.
    assert lines[1] == 'C1,"华信科技, 上海",1234.5,3,2024-03-05,2024-03-05 10:30:00'
    assert lines[2] == 'C2,"Say ""hi"" Ltd",,0,2023-12-31,2023-12-31 00:00:00'
    assert lines[3] == "C3,,-7.0,12,2024-01-01,2024-01-01 00:00:00"
    back = pd.read_csv(out, encoding="utf-8-sig", parse_dates=["first_purchase", "ts"])
    assert back["name"].tolist()[:2] == TABLE["name"].tolist()[:2] and back["revenue"].isna().tolist() == [False, True, False]
    assert back["first_purchase"].tolist() == TABLE["first_purchase"].tolist() and back["ts"].tolist() == TABLE["ts"].tolist()


def test_write_table_as_parquet_keeps_the_types(tmp_path):
    out = tmp_path / "accounts.parquet"
    frames.write_table(TABLE, out)
    back = pd.read_parquet(out)
    assert back["first_purchase"].dtype.kind == "M" and back["orders"].dtype.kind == "i"
    assert back["first_purchase"].tolist() == TABLE["first_purchase"].tolist()
    assert back["name"].tolist()[:2] == TABLE["name"].tolist()[:2] and pd.isna(back["name"][2])
    assert list(tmp_path.iterdir()) == [out]  # nothing left beside it


def test_write_table_to_stdout_has_no_byte_order_mark(capfdbinary):
    frames.write_table(TABLE[["account_id", "orders"]])
    assert capfdbinary.readouterr().out == b"account_id,orders\nC1,3\nC2,0\nC3,12\n"


def test_write_table_into_a_missing_folder_says_so_and_writes_nothing(tmp_path):
    with pytest.raises(ValueError, match="folder .*nowhere does not exist"):
        frames.write_table(TABLE, tmp_path / "nowhere" / "accounts.csv")
    assert list(tmp_path.iterdir()) == []
