"""Parts of the Scorecards page: saving the edited criteria as a template, and putting a bundled
template back or deleting one of one's own."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from kamp import scorecard, scorecard_store
from pages._language import wkey
from pages._ui import author, cursor, problem, tr


def renamed_criteria(name: str, template: dict) -> dict[str, str]:
    """{old: new} of the template's criteria renamed in place in the Criteria editor, whose state
    gives the edited rows by their position in the template."""
    state = st.session_state.get(f"criteria_{name}") or {}
    gone = {int(i) for i in state.get("deleted_rows", [])}
    before = [c["criterion"] for c in template["criteria"]]
    return {before[int(i)]: change["criterion"].strip() for i, change in state.get("edited_rows", {}).items()
            if isinstance(change.get("criterion"), str) and int(i) < len(before) and int(i) not in gone}


def save_box(name: str, template: dict, criteria: pd.DataFrame, labels: dict, renamed: dict) -> None:
    """The Criteria tab's "save as a template": names starting as the chosen template's, and
    Save; saving under the name of another template (``labels``: every template's shown name)
    waits for a tick that it is to be replaced. Saved under its own name, the criteria renamed
    (``renamed``) keep their scores, and the scores that no criterion keeps are counted."""
    with st.expander(tr("card.save_template")):
        c1, c2, c3 = st.columns([3, 3, 1], vertical_alignment="bottom")
        new_name = c1.text_input(tr("card.template_name"), value=name, key=f"new_name_{name}")
        new_zh = c2.text_input(tr("card.template_name_zh"), value=template.get("name_zh") or "", key=f"new_zh_{name}")
        own = new_name.strip() == name
        other = not own and new_name.strip() in labels
        sure = other and st.checkbox(tr("card.replace_other", name=labels.get(new_name.strip())),
                                     key=f"replace_{name}")
        left = own and scorecard_store.scores_off(cursor(), name, [*criteria["criterion"], *renamed])
        if left:
            st.warning(tr("card.scores_left", n=left))
        if c3.button(tr("card.save"), key="save_template", type="primary", disabled=other and not sure):
            try:
                scorecard_store.save_template(cursor(), {"name": new_name, "name_zh": new_zh, "entity": template["entity"],
                                                         "criteria": criteria}, author=author(),
                                              renamed=renamed if own else None)
                st.toast(tr("card.template_saved", name=new_name.strip()), icon=":material/check:")
            except ValueError as exc:
                st.error(problem(exc))


def _reset_or_delete(name: str, shown: str) -> None:
    try:
        if name in scorecard.BUNDLED:
            gone = scorecard_store.reset_template(cursor(), name)
            st.toast(tr("card.was_reset", name=shown, n=gone), icon=":material/restore:")
        else:
            gone = scorecard_store.delete_template(cursor(), name)
            st.session_state.pop(wkey("card_template"), None)
            st.toast(tr("card.was_deleted", name=shown, n=gone), icon=":material/delete:")
    except ValueError as exc:
        st.session_state["card.said"] = problem(exc)
    for key in (f"criteria_{name}", f"reset_sure_{name}"):
        st.session_state.pop(key, None)


def reset_or_delete(name: str, shown: str, source: str) -> None:
    """A stored template: a bundled one can be put back to its bundled criteria, one's own deleted,
    each once ticked, the tick saying what becomes of its scores."""
    if said := st.session_state.pop("card.said", None):
        st.error(said)
    if source != "stored":
        return
    bundled = name in scorecard.BUNDLED
    if bundled:
        keep = [c["criterion"] for c in scorecard.BUNDLED[name]["criteria"]]
        sure = st.checkbox(tr("card.reset_sure", name=shown, k=len(keep),
                              n=scorecard_store.scores_off(cursor(), name, keep)), key=f"reset_sure_{name}")
    else:
        sure = st.checkbox(tr("card.delete_sure", name=shown, n=scorecard_store.scores_off(cursor(), name, [])),
                           key=f"reset_sure_{name}")
    st.button(tr("card.reset" if bundled else "card.delete"), key="reset_template", disabled=not sure,
              on_click=_reset_or_delete, args=(name, shown),
              icon=":material/restore:" if bundled else ":material/delete:")
