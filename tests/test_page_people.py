"""The account page's contacts editor, headless (AppTest) on a copy of the demo database: two
people editing the same account's contacts, the second told and not silently overwritten."""
import duckdb
from pagetest import open_page
from streamlit.testing.v1 import AppTest

from kamp import i18n

ACCOUNT = "C0001"


def _contacts(db) -> dict:
    with duckdb.connect(str(db)) as con:
        return dict(con.execute("SELECT name, attitude FROM contacts WHERE account_id = ? AND superseded_by IS NULL",
                                [ACCOUNT]).fetchall())


def _save(at: AppTest, edit: dict) -> AppTest:
    at.session_state[f"contacts_editor.{ACCOUNT}.0"] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [],
                                                        **edit}
    at.run()
    next(b for b in at.button if b.label == i18n.t("people.save", "en")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_second_save_of_contacts_someone_saved_since_is_refused_and_kept_on_screen(demo_copy):
    first, second = open_page("pages/account.py", account=ACCOUNT), open_page("pages/account.py", account=ACCOUNT)
    before = _contacts(demo_copy)
    name = first.data_editor(key=f"contacts_editor.{ACCOUNT}.0").value["name"].iloc[0]
    attitude = -2 if before[name] != -2 else 2
    _save(first, {"edited_rows": {"0": {"attitude": attitude}}})
    assert _contacts(demo_copy) == {**before, name: attitude}
    new = {"name": "Zhang Wei", "role": "user", "influence": 2, "attitude": 1}
    _save(second, {"added_rows": [new]})
    assert _contacts(demo_copy) == {**before, name: attitude}  # the first person's edit stands
    assert [e.value for e in second.error] == [i18n.t("people.save_clash", "en")]
    assert not second.toast
    # the second person's row is still in their table; saving it over the other list is a choice
    assert [r["name"] for r in second.session_state[f"contacts_editor.{ACCOUNT}.0"]["added_rows"]] == ["Zhang Wei"]
    next(b for b in second.button if b.label == i18n.t("people.keep_mine", "en")).click().run()
    assert _contacts(demo_copy) == {**before, "Zhang Wei": 1}


def test_a_list_saved_elsewhere_since_is_said_and_loaded_on_request(demo_copy):
    first, second = open_page("pages/account.py", account=ACCOUNT), open_page("pages/account.py", account=ACCOUNT)
    _save(first, {"added_rows": [{"name": "Zhang Wei", "role": "user", "influence": 2, "attitude": 1}]})
    second.run()
    assert [w.value for w in second.warning if w.value == i18n.t("people.saved_since", "en")]
    assert "Zhang Wei" not in list(second.data_editor(key=f"contacts_editor.{ACCOUNT}.0").value["name"])
    next(b for b in second.button if b.label == i18n.t("people.reload", "en")).click().run()
    assert "Zhang Wei" in list(second.data_editor(key=f"contacts_editor.{ACCOUNT}.1").value["name"])
    assert not [w for w in second.warning if w.value == i18n.t("people.saved_since", "en")]
