"""The account page's products, key people and activity: products bought, the key-people map with
its warnings, the contacts as an editable table (saved through kamp.people, the old list kept)
and recent interactions."""
from __future__ import annotations

import streamlit as st

from kamp import charts_people, people, schema
from pages._charts import plot
from pages._lists import table
from pages._ui import author, cursor, lang, problem, tr

EDITABLE = ["name", "title", "role", "influence", "attitude", "email", "phone", "last_contact"]
ORDER = ["name", "title", "role", "influence", "attitude", "last_contact", "interactions_12m", "last_touch", "email",
         "phone"]  # what the map and warnings use first; the address book after


def _editor_config(roles: dict) -> dict:
    c = st.column_config
    return {
        "name": c.TextColumn(tr("people.col.name"), required=True),
        "title": c.TextColumn(tr("people.col.title")),
        "role": c.SelectboxColumn(tr("people.col.role"), options=list(roles), format_func=roles.get),
        "influence": c.NumberColumn(tr("people.col.influence"), min_value=1, max_value=5, step=1, format="%d",
                                    help=tr("people.influence_help")),
        "attitude": c.NumberColumn(tr("people.col.attitude"), min_value=-2, max_value=2, step=1, format="%+d",
                                   help=tr("people.attitude_help")),
        "email": c.TextColumn(tr("people.col.email")),
        "phone": c.TextColumn(tr("people.col.phone")),
        "last_contact": c.DateColumn(tr("people.col.last_contact"), format="YYYY-MM-DD"),
        "interactions_12m": c.NumberColumn(tr("people.col.interactions_12m"), disabled=True, format="%d"),
        "last_touch": c.DateColumn(tr("people.col.last_touch"), disabled=True, format="YYYY-MM-DD"),
    }


def key_people(account: str, as_of_) -> None:
    """The key-people tab: coverage of the buying roles, the map, its warnings and the editor."""
    crowd = people.contacts(cursor(), account, as_of_)
    roles = {r: tr(f"role.{r}") for r in schema.CONTACT_ROLES}
    counts = crowd["role"].value_counts()
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(tr("people.coverage"), width="content")
        for r, label in roles.items():
            n = int(counts.get(r, 0))
            st.badge(f"{label} {n}", color=("red" if r == "anti_sponsor" else "green") if n else "gray")
    left, right = st.columns([3, 2], gap="large")
    with left:
        plot(charts_people.key_people(crowd, lang()), width="stretch", key="people_map")
        st.caption(tr("people.map_caption"))
    with right:
        found = people.warnings(crowd, as_of_)
        for key, values in found:
            st.warning(tr(f"people.warn.{key}", **values), icon=":material/warning:")
        if not found:
            st.success(tr("people.no_warnings"), icon=":material/check_circle:")

    st.subheader(tr("people.edit"))
    st.caption(tr("people.edit_caption"))
    _contacts_editor(account, crowd, roles)


def _contacts_editor(account: str, crowd, roles: dict) -> None:
    """The contacts as an editable table, drawn from the list as it was when first shown (so an
    edit stays put while others save); a save refused when the stored list changed since."""
    ss = st.session_state
    saves = ss.setdefault(f"contacts_saved.{account}", 0)
    opened, shown = ss.setdefault(f"contacts_opened.{account}.{saves}",
                                  (people.stamp(cursor(), account), crowd[EDITABLE + ["interactions_12m", "last_touch"]]))
    with st.form(f"contacts.{account}.{saves}", border=False):
        edited = st.data_editor(shown, num_rows="dynamic", placeholder="", hide_index=True, width="stretch",
                                column_config=_editor_config(roles), column_order=ORDER,
                                key=f"contacts_editor.{account}.{saves}")
        submitted = st.form_submit_button(tr("people.save"), type="primary", icon=":material/save:")
    if submitted:
        _save_contacts(account, edited, saves, opened)
    if ss.get(f"contacts_clash.{account}") == saves:
        st.error(tr("people.save_clash"), icon=":material/sync_problem:")
    elif people.stamp(cursor(), account) != opened:
        st.warning(tr("people.saved_since"), icon=":material/sync:")
    else:
        return
    row = st.container(horizontal=True, gap="small")
    if row.button(tr("people.reload"), key=f"contacts_reload.{account}", icon=":material/refresh:"):
        _renew(account, saves)
        st.rerun()
    if row.button(tr("people.keep_mine"), key=f"contacts_mine.{account}", icon=":material/save:"):
        _save_contacts(account, edited, saves, None)


def _save_contacts(account: str, edited, saves: int, opened: str | None) -> None:
    """Save the edited contacts (``opened``: the stamp of the list the edit started from, None
    to save over whatever is stored); on success the editor is drawn afresh."""
    try:
        n = people.save_contacts(cursor(), account, edited, author(), opened=opened)
    except people.SavedSince:
        st.session_state[f"contacts_clash.{account}"] = saves
        return
    except ValueError as exc:
        st.error(tr("people.save_failed", error=problem(exc)), icon=":material/error:")
        return
    _renew(account, saves)
    st.toast(tr("people.saved", n=n), icon=":material/check:")
    st.rerun()


def _renew(account: str, saves: int) -> None:
    """Draw the editor afresh from the stored contacts, forgetting the list it was drawn from."""
    st.session_state.pop(f"contacts_opened.{account}.{saves}", None)
    st.session_state[f"contacts_saved.{account}"] = saves + 1


def products(account: str, as_of_) -> None:
    """The product lines the account buys, largest first."""
    st.subheader(tr("account.products"))
    bought = people.products(cursor(), account, as_of_)
    if bought.empty:
        st.caption(tr("account.no_products"))
        return
    st.caption(tr("account.products_caption", date=f"{as_of_:%Y-%m-%d}"))
    table(bought, money_format="compact", name="products_bought",
          labels={c: tr(f"account.col.{c}") for c in ("product_line", "lines", "top_product")}
          | {"last_bought": st.column_config.DateColumn(tr("account.col.last_bought"), format="YYYY-MM-DD")})


def activity(account: str) -> None:
    """The interactions tab: the latest interactions, newest first."""
    st.subheader(tr("people.recent"))
    recent = people.recent_interactions(cursor(), account, n=20)
    if recent.empty:
        st.info(tr("people.no_interactions"))
        return
    recent = recent.dropna(axis="columns", how="all")  # e.g. no survey scores
    recent["kind"] = recent["kind"].map(lambda k: tr(f"people.kind.{k}") if k in schema.INTERACTION_KINDS else k)
    table(recent, labels={c: tr(f"people.col.{c}") for c in recent.columns} | {
        "ts": st.column_config.DatetimeColumn(tr("people.col.ts"), format="YYYY-MM-DD HH:mm")},
          height=36 * (len(recent) + 1) + 3, name="interactions")
