"""The kept account table read a column at a time (kamp.kept_accounts): the columns a page asks
for, in the table's order; tier overrides and the page's language applied; a new import keeps a
new table, and a reader of the old one is told so."""
import pandas as pd
import pytest

from kamp import analysis, ingest, store
from kamp.kept_accounts import KeptAccounts, Results

# Five accounts with net revenue 50, 30, 10, 5, 5 (e: 5 + 7 − 7).
LINES = """customer,date,invoice,sales
a,2024-03-01,1,50
b,2024-03-02,2,30
c,2024-03-03,3,10
e,2024-03-04,4,5
d,2024-03-05,5,5
e,2024-03-06,6,7
e,2024-03-07,C6,-7
"""


@pytest.fixture()
def con(tmp_path):
    (tmp_path / "lines.csv").write_text(LINES, encoding="utf-8")
    con = store.connect(tmp_path / "k.duckdb")
    ingest.import_file(con, tmp_path / "lines.csv")
    store.set_setting(con, "tier_k", 2)
    yield con
    con.close()


def test_the_columns_asked_for_largest_revenue_first(con):
    kept = KeptAccounts(con)
    got = kept.frame(con, ["account_id", "revenue", "no_such_column"])
    assert list(got.columns) == ["account_id", "revenue"]
    # d and e both have 5: ties go by account id.
    assert got["account_id"].tolist() == ["a", "b", "c", "d", "e"]
    assert got["revenue"].tolist() == [50, 30, 10, 5, 5]


def test_a_restarted_dashboard_reads_what_was_kept(con, monkeypatch):
    first = KeptAccounts(con).frame(con)
    monkeypatch.setattr(analysis, "account_table", lambda *a, **k: pytest.fail("computed again"))
    kept = KeptAccounts(con)
    assert kept.frame(con, ["account_id", "orders"])["orders"].tolist() == first["orders"].tolist()
    pd.testing.assert_frame_equal(kept.frame(con), first, check_dtype=False)


def test_overrides_and_language_apply_to_the_tier_columns(con):
    analysis.set_tier_override(con, "e", "Major", "framework contract signed")
    kept = KeptAccounts(con, lang="zh")
    tiers = kept.frame(con, ["account_id", "tier", "computed_tier", "override_reason"]).set_index("account_id")
    # Two tiers: a (50) is the top one, 重要客户; e is overridden into it, the computed tier kept.
    assert tiers.loc["a", "tier"] == "重要客户"
    assert tiers.loc["e", "tier"] == "重要客户" and tiers.loc["e", "computed_tier"] == "不重要客户"
    assert tiers.loc["e", "override_reason"] == "framework contract signed"
    assert kept.meta["tier_order"] == ["重要客户", "不重要客户"]
    row = kept.row(con, "e")
    assert (row["revenue"], row["tier"], row["override_reason"]) == (5, "重要客户", "framework contract signed")
    row = kept.row(con, "d")  # no override: its computed tier (only e's return put it lower), in Chinese
    assert (row["revenue"], row["tier"], row["computed_tier"]) == (5, "重要客户", "重要客户")
    assert pd.isna(row["override_reason"])


def test_an_import_keeps_a_new_table_and_the_old_reader_is_told(con, tmp_path):
    KeptAccounts(con)  # computes and keeps the table
    old = KeptAccounts(con)  # reads what is kept, column by column
    assert old.frame(con, ["revenue"])["revenue"].sum() == 100
    (tmp_path / "more.csv").write_text("customer,date,invoice,sales\nf,2024-03-08,9,1\n", encoding="utf-8")
    ingest.import_file(con, tmp_path / "more.csv")
    new = KeptAccounts(con)
    assert new.frame(con, ["account_id"])["account_id"].tolist()[-1] == "f"
    assert old.frame(con, ["revenue"])["revenue"].sum() == 100  # read before: still at hand
    with pytest.raises(LookupError):
        old.frame(con, ["orders"])  # not read before, and its table is gone


def test_results_are_kept_within_their_budget_least_recently_used_first():
    import numpy as np

    results = Results(budget=2_500)  # three results of 100 floats (800 bytes each), not four
    computed = []

    def make(n):
        def compute():
            computed.append(n)
            return np.zeros(n)  # n × 8 bytes
        return compute

    a = results.get("a", make(100))  # 800 bytes
    results.get("b", make(100))  # 1,600 in all
    assert results.get("a", make(100)) is a  # kept: not computed again, and now the most recent
    results.get("c", make(100))  # 2,400: all three fit
    results.get("d", make(100))  # 3,200 > 2,500: the least recently used, b, goes
    assert set(results.cache) == {"a", "c", "d"} and results.cache.currsize == 2_400
    big = results.get("big", make(1_000))  # 8,000 bytes: more than the whole budget
    assert len(big) == 1_000 and "big" not in results.cache
    assert computed == [100, 100, 100, 100, 1_000]


def test_an_override_to_a_tier_of_another_scheme_reads_as_the_tier_at_its_level(con):
    # e set to Major in the pyramid; the scheme then switched to metals: e is Platinum (the top),
    # and an override to Mass-market (the pyramid's bottom) is Silver (the metals' bottom) — not a
    # tier of its own beside them
    analysis.set_tier_override(con, "e", "Major", "framework contract signed")
    analysis.set_tier_override(con, "a", "Mass-market", "moving to a distributor")
    store.set_setting(con, "tier_scheme", "metals")
    kept = KeptAccounts(con, lang="en")
    tiers = kept.frame(con, ["account_id", "tier"]).set_index("account_id")["tier"]
    assert (tiers["e"], tiers["a"]) == ("Platinum", "Silver")
    assert set(tiers) <= {"Platinum", "Silver"}  # two tiers: the top and the bottom
    table, _ = analysis.account_table(con)  # the command's table says the same
    assert table.set_index("account_id").loc[["e", "a"], "tier"].tolist() == ["Platinum", "Silver"]
