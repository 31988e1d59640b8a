"""One worksheet of the account plan page with its Save: drawn from the version opened or, once
edited, from the edits not saved yet, which the browser tab keeps while other pages are visited
(Streamlit forgets a page's widgets when another page is shown)."""
from __future__ import annotations

import streamlit as st

from kamp import playbooks
from pages import _worksheet
from pages._ui import author, cursor, lang, problem, tr


def save(account: str, period: str, sheet: dict, entered: dict, base: int, people: set[str], force: bool = False,
         kept: set[str] = frozenset()) -> None:
    """Save a worksheet as a new version; ``kept``: names of the version opened that are no contact
    now (renamed, removed) and may stay where they are."""
    ss, key = st.session_state, f"{account}.{period}.{sheet['key']}"
    try:
        new = playbooks.save(cursor(), account, period, sheet["key"], entered, author(),
                             base_version=base, force=force, people=set(people) | kept)
    except playbooks.Conflict as exc:
        ss[f"conflict.{key}"] = exc
        return
    except playbooks.ValidationError as exc:
        ss[f"invalid.{key}"] = [problem(e["problem"]) for e in exc.errors] or [problem(exc)]
        return
    ss[f"base.{key}"] = new
    ss.pop(f"conflict.{key}", None)
    ss.pop(f"draft.{key}", None)
    st.toast(tr("ws.saved", sheet=playbooks.text(sheet, "title", lang()), version=new), icon=":material/check:")


@st.fragment
def editor(account: str, period: str, sheet: dict, values: dict, base: int, people: list[str], levels: dict) -> None:
    """The worksheet's widgets, Save, and, while it holds edits not saved, a note with Discard. An
    edit reruns this worksheet only."""
    key = f"{account}.{period}.{sheet['key']}"
    # new widget keys after a discard: the browser would show (and send back) what the old ones held
    discards = st.session_state.get(f"discards.{key}", 0)
    prefix = f"w.{key}.{base}" + (f"~{discards}" if discards else "")
    draft = _draft(key, base, values, prefix)
    entered = _worksheet.draw(sheet, draft["drawn"], prefix, lang(), people, levels)
    draft["values"] = _worksheet.as_values(entered)
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    if row.button(tr("ws.save"), type="primary", key=f"save.{prefix}"):
        save(account, period, sheet, entered, base, people, kept=playbooks.contacts_named(sheet["key"], values))
        st.rerun()
    if _differs(sheet["key"], draft["values"], values):
        row.caption(tr("ws.unsaved"))
        row.button(tr("ws.discard"), key=f"discard.{prefix}", on_click=_discard, args=(key, prefix),
                   icon=":material/undo:")


def _draft(key: str, base: int, values: dict, prefix: str) -> dict:
    """The worksheet's draft: base (the version opened), drawn (the values its widgets were drawn
    from) and values (as entered). Widgets forgotten while another page was shown are drawn again
    from the values entered."""
    ss = st.session_state
    draft = ss.get(f"draft.{key}")
    if draft is None or draft["base"] != base:
        draft = ss[f"draft.{key}"] = {"base": base, "drawn": values, "values": values}
    elif not any(str(k).startswith(f"{prefix}.") for k in ss):
        draft["drawn"] = draft["values"]
    return draft


def _differs(sheet_key: str, entered: dict, opened: dict) -> bool:
    """Whether ``entered`` holds an edit of ``opened`` (a box never ticked reads as unticked)."""
    ticks = [f["key"] for f in playbooks.worksheet(sheet_key)["fields"] if f["type"] == "bool"]
    try:
        new, old = playbooks.validate(sheet_key, entered), playbooks.validate(sheet_key, opened)
    except ValueError:  # a value Save would refuse: an edit all the same
        return True
    return {**new, **{k: bool(new[k]) for k in ticks}} != {**old, **{k: bool(old[k]) for k in ticks}}


def _discard(key: str, prefix: str) -> None:
    ss = st.session_state
    ss.pop(f"draft.{key}", None)
    ss[f"discards.{key}"] = ss.get(f"discards.{key}", 0) + 1
    for k in [k for k in ss if str(k).startswith(f"{prefix}.")]:
        del ss[k]
