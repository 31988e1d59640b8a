"""The coverage and relationship pages on a portfolio of more accounts than a browser list should
hold: lists show the 2,000 largest and say of how many, the account chooser offers the 2,000
largest of the tier and a search that reaches any other, and an account assessed outside the
largest still counts."""
from pathlib import Path

import duckdb
import pytest
from pagetest import app_copy, open_page

from kamp import ingest, store


@pytest.fixture(scope="module")
def big_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("coverage_scale")
    # 2,300 small accounts a0000 … a2299, all bought once on 1 March 2024 for 1.000 … 3.299 (a2299 the
    # largest of them), and 200 large ones b000 … b199 over three months for 10,000 … 2,000,000 (b199 the
    # largest of all). No account records: no owner, no wallet estimate; no cost: no margin.
    rows = [f"a{i:04d},2024-03-01,a{i},{1 + i / 1000:.3f}" for i in range(2_300)]
    rows += [f"b{i:03d},2024-{1 + i % 3:02d}-{1 + i % 28:02d},b{i},{10_000 * (i + 1)}" for i in range(200)]
    (folder / "lines.csv").write_text("customer,date,invoice,sales\n" + "\n".join(rows) + "\n", encoding="utf-8")
    con = store.connect(folder / "kamp.duckdb")
    ingest.import_file(con, folder / "lines.csv")
    con.close()
    return folder / "kamp.duckdb"


@pytest.fixture
def db(big_db, tmp_path, monkeypatch) -> Path:
    return app_copy(big_db, tmp_path, monkeypatch)


def _open(page: str):
    return open_page(page, "en")


def _sql(db: Path, query: str):
    with duckdb.connect(str(db)) as con:
        return con.execute(query).fetchall()


def _accounts(listed) -> list[str]:
    """The account ids of a linked account list, in its order."""
    return [link.split("account=")[1].split("&")[0] for link in listed["link"]]


def test_unowned_accounts_and_revenue_goals_list_the_2000_largest(db):
    at = _open("pages/coverage.py")
    assert {m.label: m.value for m in at.metric}["Unowned accounts"] == "2,500"
    # The largest 2,000: b199 … b000, then a2299 … a0500 (the 500 smallest, a0000 … a0499, left out).
    expected = [f"b{i:03d}" for i in range(199, -1, -1)] + [f"a{i:04d}" for i in range(2_299, 499, -1)]
    assert _accounts(at.dataframe(key="cov_unowned").value) == expected
    assert at.tabs[0].label == "Share-of-wallet goals (0)" and at.tabs[1].label == "Revenue goals (2,500)"
    assert _accounts(at.dataframe(key="cov_rev_list").value) == expected  # all in the last 12 months
    assert [c.value for c in at.caption].count("Showing the first 2,000 of 2,500 accounts.") == 2
    # Without wallet estimates the top two tiers' accounts keep a revenue goal, and the page says how many.
    (top,) = _sql(db, "SELECT count(*) FROM account_table_store WHERE tier IN ('Major', 'Named')")[0]
    assert any(c.value.startswith(f"{top} top-tier accounts are steered by revenue only") for c in at.caption)


def test_a_tier_of_2300_lists_and_offers_the_largest_and_counts_an_assessment_beyond(db):
    at = _open("pages/relationship.py")
    assert dict(_sql(db, "SELECT tier, count(*) FROM account_table_store GROUP BY tier"))["Mass-market"] == 2_300
    at.selectbox(key="rel_tier").set_value("Mass-market").run()
    assert {m.label: m.value for m in at.metric}["Accounts in the tier"] == "2,300"
    listed = at.dataframe(key="rel_accounts").value
    assert _accounts(listed) == [f"a{i:04d}" for i in range(2_299, 299, -1)]  # a0299 … a0000 left out
    assert set(listed["margin_level"]) == {"—"}  # no cost, no margin: no grade
    assert "Showing the first 2,000 of 2,300 accounts." in [c.value for c in at.caption]
    chooser = at.selectbox(key="rel_account")
    assert len(chooser.options) == 2_000 and chooser.options[0] == "a2299"
    assert ("The list holds the 2,000 largest of 2,300 accounts by net revenue; search to reach any other."
            in [c.value for c in at.caption])
    at.text_input(key="rel_account.find").input("a0001").run()
    # The match, and the account the chooser already held (the tier's largest, its first choice).
    assert at.selectbox(key="rel_account").options == ["a2299", "a0001"]
    at.selectbox(key="rel_account").set_value("a0001").run()
    at.selectbox(key="rel_kotler").set_value("reactive")
    at.button[[b.label for b in at.button].index("Save assessment")].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert _sql(db, "SELECT account_id, kotler_level FROM relationship_assessments") == [("a0001", "reactive")]
    # a0001 is not among the 2,000 listed, yet it is the tier's one assessed account.
    assert {m.label: m.value for m in at.metric}["Assessed"] == "1"
    assert "a0001" not in _accounts(at.dataframe(key="rel_accounts").value)
