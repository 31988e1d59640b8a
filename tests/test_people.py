"""kamp.people on a small hand-made database: the key-people warnings, checking and saving
edited contacts (nothing lost, nothing half-saved), products bought and recent interactions."""
import datetime as dt
import json

import pandas as pd
import pytest

from kamp import people, store

AS_OF = dt.date(2024, 6, 30)  # the year before runs 2023-07-01 … 2024-06-30; 90 days before is 2024-04-01


def add_contacts(con, account, rows):
    for i, (name, role, influence, attitude, last_contact) in enumerate(rows):
        con.execute("""INSERT INTO contacts (account_id, name, title, role, influence, attitude, last_contact, row_hash)
                       VALUES (?, ?, 'title', ?, ?, ?, ?, hash(?))""",
                    [account, name, role, influence, attitude, last_contact, f"{account}{i}"])


def add_interactions(con, account, rows):
    for i, (day, contact) in enumerate(rows):
        con.execute("""INSERT INTO interactions (account_id, ts, kind, contact, note, row_hash)
                       VALUES (?, ?, 'visit', ?, ?, hash(?))""",
                    [account, day, contact, f"note {i}", f"{account}{day}{i}"])


@pytest.fixture
def small(tmp_path):
    c = store.connect(tmp_path / "t.duckdb")
    # A: everyone there, but the anti-sponsor was last met on 2024-02-01 (more than 90 days before AS_OF).
    add_contacts(c, "A", [("Wang", "decision_maker", 5, 1, "2024-06-01"), ("Li", "sponsor", 4, 2, "2024-05-20"),
                          ("Zhao", "anti_sponsor", 3, -2, "2024-01-10"), ("Liu", "strategic_coach", 2, 2, None)])
    add_interactions(c, "A", [("2024-06-01", "Wang"), ("2024-03-01", "Wang"), ("2024-05-20", "Li"),
                              ("2023-09-01", "Li"), ("2022-01-05", "Li"),  # two years back: not in the year
                              ("2024-02-01", "Zhao")])
    # B: no sponsor, no coach; Chen carries 4 of the year's 5 interactions (80 %).
    add_contacts(c, "B", [("Chen", "decision_maker", 5, 1, None), ("Sun", "user", 2, 0, None)])
    add_interactions(c, "B", [("2024-01-02", "Chen"), ("2024-02-02", "Chen"), ("2024-03-02", "Chen"),
                              ("2024-04-02", "Chen"), ("2024-04-03", "Sun")])
    # C: one contact only (a sponsor), never met.
    add_contacts(c, "C", [("Zhou", "sponsor", 3, 1, None)])
    yield c
    c.close()


def warn(con, account, as_of=AS_OF):
    return people.warnings(people.contacts(con, account, as_of), as_of)


def test_contacts_count_the_year_and_take_the_latest_touch(small):
    df = people.contacts(small, "A", AS_OF).set_index("name")
    assert list(df.index) == ["Wang", "Li", "Zhao", "Liu"]  # most influential first
    assert df.loc["Wang", "interactions_12m"] == 2 and df.loc["Li", "interactions_12m"] == 2
    assert df.loc["Zhao", "interactions_12m"] == 1
    # Zhao: last_contact 2024-01-10, last interaction 2024-02-01 → the later one.
    assert df.loc["Zhao", "last_touch"] == pd.Timestamp("2024-02-01")


def test_an_anti_sponsor_untouched_for_more_than_90_days_is_named(small):
    assert warn(small, "A") == [("anti_sponsor", {"names": "Zhao", "days": 90})]


def test_an_anti_sponsor_met_recently_is_no_warning(small):
    add_interactions(small, "A", [("2024-04-01 10:00", "Zhao")])  # 90 days before AS_OF: still addressed
    assert warn(small, "A") == []


def test_an_anti_sponsor_never_met_is_named(small):
    add_contacts(small, "A", [("Qian", "anti_sponsor", 2, -1, None)])
    assert warn(small, "A") == [("anti_sponsor", {"names": "Zhao, Qian", "days": 90})]


def test_no_sponsor_and_one_person_carrying_80_percent(small):
    assert warn(small, "B") == [("no_sponsor", {}), ("no_coach", {}),
                                ("single_thread", {"name": "Chen", "share": "80%"})]


def test_below_80_percent_is_not_single_threaded(small):
    add_interactions(small, "B", [("2024-05-01", "Sun")])  # Chen now 4 of 6 = 67 %
    assert warn(small, "B") == [("no_sponsor", {}), ("no_coach", {})]


def test_one_contact_only_is_single_threaded(small):
    assert warn(small, "C") == [("no_coach", {}), ("no_decision_maker", {}),
                                ("single_thread", {"name": "Zhou", "share": "100%"})]


def test_a_sponsor_and_a_decision_maker_without_a_strategic_coach_is_a_warning(small):
    # Seed 000 names the key people together: "关键人员——赞助人、战略教练、抵制者"; a sponsor and a
    # decision maker known, met this year over several people, still leave the coach unknown.
    add_contacts(small, "D", [("Xu", "decision_maker", 5, 1, "2024-06-01"), ("He", "sponsor", 4, 2, "2024-06-10")])
    add_interactions(small, "D", [("2024-06-01", "Xu"), ("2024-06-10", "He")])
    assert warn(small, "D") == [("no_coach", {})]
    add_contacts(small, "D", [("Lu", "strategic_coach", 3, 2, "2024-06-15")])
    assert warn(small, "D") == []


def test_no_contacts_is_its_own_warning(small):
    assert warn(small, "NOBODY") == [("no_contacts", {})]


# ---------------------------------------------------------------- checking edited contacts

def edited(*rows):
    return pd.DataFrame(rows, columns=people.CONTACT_COLUMNS)


GOOD = ("Wang", "CIO", "decision_maker", 5, 1, "w@x.cn", "138", "2024-06-01")


@pytest.mark.parametrize("bad, expected", [
    (("Li", "", "boss", 3, 0, None, None, None), ["row 2", "Li", "'boss'"]),
    (("Li", "", "sponsor", 7, 0, None, None, None), ["row 2", "influence", "7", "1…5"]),
    (("Li", "", "sponsor", 3, "x", None, None, None), ["row 2", "attitude", "'x'"]),
    (("Li", "", "sponsor", 3, 0, None, None, "soon"), ["row 2", "last contact", "'soon'"]),
    (("Li", "", "sponsor", 2.5, 0, None, None, None), ["row 2", "influence", "2.5"]),
    (("", "CFO", "sponsor", 3, 0, None, None, None), ["row 2", "name"]),
    (("Wang", "", "user", 3, 0, None, None, None), ["row 2", "Wang", "row 1"]),
])
def test_check_contacts_names_the_row_and_the_value(bad, expected):
    with pytest.raises(ValueError) as err:
        people.check_contacts(edited(GOOD, bad))
    for part in expected:
        assert part in str(err.value)


def test_check_contacts_accepts_labels_in_either_language_and_drops_empty_rows():
    df = people.check_contacts(edited(
        GOOD, (" 李明 ", None, "赞助人", "4", -2, None, None, "2024年3月5日"),
        ("Ann", None, "Strategic coach", None, None, None, 13800138000, dt.date(2024, 2, 1)),
        (None, None, None, None, None, None, None, None)))
    assert list(df["name"]) == ["Wang", "李明", "Ann"]
    assert list(df["role"]) == ["decision_maker", "sponsor", "strategic_coach"]
    assert df.loc[1, "influence"] == 4 and df.loc[1, "attitude"] == -2
    assert df.loc[1, "last_contact"] == pd.Timestamp("2024-03-05")
    assert df.loc[2, "phone"] == "13800138000" and pd.isna(df.loc[2, "influence"])


def test_check_contacts_takes_a_role_however_it_is_spelled():
    df = people.check_contacts(edited(
        ("A", None, "Decision-Maker", None, None, None, None, None),
        ("B", None, "赞助人（支持我方）", None, None, None, None, None),
        ("C", None, "内线", None, None, None, None, None),
        ("D", None, "Champion", None, None, None, None, None)))
    assert list(df["role"]) == ["decision_maker", "sponsor", "strategic_coach", "sponsor"]


# ---------------------------------------------------------------- saving

def names(con, account):
    return sorted(r[0] for r in con.execute("SELECT name FROM contacts WHERE account_id = ?", [account]).fetchall())


def test_save_replaces_the_contacts_and_keeps_the_old_set(small):
    n = people.save_contacts(small, "A", edited(GOOD, ("Ann", None, "sponsor", 4, 2, None, None, "2024-06-20")), "Eve")
    assert n == 2 and names(small, "A") == ["Ann", "Wang"]
    assert names(small, "B") == ["Chen", "Sun"]  # other accounts untouched
    saved = small.execute("SELECT role, influence, attitude, last_contact FROM contacts WHERE name = 'Ann'").fetchone()
    assert saved == ("sponsor", 4, 2, dt.datetime(2024, 6, 20))
    people.save_contacts(small, "A", edited(GOOD), "Bob")
    assert names(small, "A") == ["Wang"]
    history = small.execute(
        "SELECT contacts, author FROM contact_history WHERE account_id = 'A' ORDER BY saved_at, rowid").fetchall()
    assert [a for _, a in history] == ["Eve", "Bob"]
    first, second = (json.loads(c) for c, _ in history)
    assert sorted(c["name"] for c in first) == ["Li", "Liu", "Wang", "Zhao"]  # as imported, before Eve's edit
    assert {c["name"]: c["role"] for c in first}["Zhao"] == "anti_sponsor"
    assert sorted(c["name"] for c in second) == ["Ann", "Wang"]  # Eve's set, before Bob's


def test_a_bad_row_changes_nothing(small):
    with pytest.raises(ValueError, match="row 2"):
        people.save_contacts(small, "A", edited(GOOD, ("Li", None, "sponsor", 9, 0, None, None, None)), "Eve")
    assert names(small, "A") == ["Li", "Liu", "Wang", "Zhao"]
    assert small.execute("SELECT count(*) FROM contact_history").fetchone()[0] == 0


def test_saved_contacts_feed_the_warnings(small):
    people.save_contacts(small, "B", edited(("Chen", None, "决策者", 5, 1, None, None, None),
                                            ("Sun", None, "Sponsor", 2, 2, None, None, None)), "Eve")
    assert warn(small, "B") == [("no_coach", {}), ("single_thread", {"name": "Chen", "share": "80%"})]


# ---------------------------------------------------------------- products and interactions

def test_products_by_net_revenue_with_the_top_product(small):
    rows = [("2024-01-05", 100, "Servers", "P1", "1U server", True),
            ("2024-02-05", 300, "Servers", "P2", "2U server", True),
            ("2024-03-05", -50, "Servers", "P2", "2U server", True),  # a return nets off
            ("2024-03-06", 500, "Software", "P3", "Licence", True),
            ("2024-03-07", 1000, None, "POST", "Postage", False),  # not a product
            ("2024-07-02", 9999, "Storage", "P4", "SAN", True)]  # after AS_OF
    for i, (day, amount, line, code, desc, is_product) in enumerate(rows):
        small.execute("""INSERT INTO transactions (account_id, ts, amount, product_line, product, description,
                         is_return, is_product, row_hash, import_id) VALUES ('A', ?, ?, ?, ?, ?, ?, ?, ?, 1)""",
                      [day, amount, line, code, desc, amount < 0, is_product, i])
    df = people.products(small, "A", AS_OF)
    assert list(df["product_line"]) == ["Software", "Servers"]
    assert list(df["revenue"]) == [500, 350] and list(df["lines"]) == [1, 3]
    assert list(df["top_product"]) == ["Licence", "2U server"]  # P2 nets 250 against P1's 100
    assert df.loc[1, "last_bought"] == pd.Timestamp("2024-03-05")
    assert list(people.products(small, "A")["product_line"]) == ["Storage", "Software", "Servers"]


def test_recent_interactions_newest_first(small):
    df = people.recent_interactions(small, "A", n=3)
    assert list(df["ts"]) == [pd.Timestamp(d) for d in ("2024-06-01", "2024-05-20", "2024-03-01")]
    assert list(df["contact"]) == ["Wang", "Li", "Wang"]
    assert len(people.recent_interactions(small, "A")) == 6


def test_every_warning_role_and_kind_has_its_text():
    from kamp import i18n, schema

    keys = [f"people.warn.{k}" for k in ("no_contacts", "no_sponsor", "no_coach", "no_decision_maker",
                                         "anti_sponsor", "single_thread")]
    keys += [f"role.{r}" for r in (*schema.CONTACT_ROLES, "none")]
    keys += [f"people.kind.{k}" for k in schema.INTERACTION_KINDS]
    keys += [f"people.col.{c}" for c in people.PEOPLE_COLUMNS + ["ts", "kind", "contact", "score", "note"]]
    assert [k for k in keys if k not in i18n.TEXTS] == []


def test_a_save_from_a_list_someone_changed_since_is_refused_and_writes_nothing(small):
    opened = people.stamp(small, "A")
    people.save_contacts(small, "A", edited(GOOD), "Eve", opened=opened)  # Eve started from that list too
    with pytest.raises(people.SavedSince):
        people.save_contacts(small, "A", edited(GOOD, ("Ann", None, "sponsor", 4, 2, None, None, None)), "Bob",
                             opened=opened)
    assert names(small, "A") == ["Wang"]  # Eve's list, Bob's row not written over it
    assert [a for (a,) in small.execute("SELECT author FROM contact_history WHERE account_id = 'A'").fetchall()] == [
        "Eve"]
    # from the list as stored now, or without a list to compare (saving over it), Bob's save goes through
    people.save_contacts(small, "A", edited(GOOD, ("Ann", None, "sponsor", 4, 2, None, None, None)), "Bob",
                         opened=people.stamp(small, "A"))
    assert names(small, "A") == ["Ann", "Wang"]
