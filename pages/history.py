"""Imports log: every import with its counts; the rejected rows of any import; undoing an
import, and removing the account records of an accounts import that nothing refers to; non-product
codes."""
import streamlit as st

from kamp import store, undo
from kamp.mapping import mapping_text
from kamp.problems import Listing
from pages._lists import MISSING, rejected_rows
from pages._language import wkey
from pages._ui import cursor, lang, problem, tr


def _act(said: str, act, say) -> None:
    """Do ``act()`` and keep what to say of it for the next run, under ``said``: ``say(its
    result)``, or the problem. The next tick box is asked afresh."""
    try:
        done = act()
    except ValueError as exc:
        st.session_state[said] = ("error", problem(exc))
    else:
        st.session_state[said] = ("success", say(done))
    st.session_state["undo.tries"] = st.session_state.get("undo.tries", 0) + 1


def _undo(import_id: int) -> None:
    _act("undo.said", lambda: undo.undo(cursor(), import_id), _undone)


def _undone(done) -> str:
    """What the page says of an undone import, and of the repeats of its file undone with it."""
    said = tr("history.undo.done", id=done.import_id, name=done.file_name, rows=done.rows_removed,
              accounts=done.accounts_removed)
    if done.repeats:
        said += ("" if lang() == "zh" else " ") + tr("history.undo.repeats",  # sentences: no blank between in Chinese
                                                   ids=Listing(f"#{i}" for i in done.repeats).text(lang()))
    return said


def _remove_unused(import_id: int) -> None:
    _act("unused.said", lambda: undo.remove_unused_accounts(cursor(), import_id),
         lambda ids: tr("history.unused.done", n=len(ids), id=import_id))
    st.cache_data.clear()  # the data version counts imports: records taken out do not change it


def sure_key(import_id: int) -> str:
    """The tick box's key: one per import and per try, so that a tick given for one import is
    not taken for another, nor for the next one after an undo."""
    return f"undo.sure.{import_id}.{st.session_state.get('undo.tries', 0)}"

st.title(tr("history.title"))
log = store.imports_log(cursor())
if log.empty:
    st.info(tr("history.empty"))
    st.stop()

def _note(note):
    """The log's note (kept in both languages) in the page's language."""
    if note == store.UNDONE:
        return tr("history.note.undone")
    same = store.same_file_as(note)
    return tr("history.note.same", id=same[0], when=same[1]) if same else note


st.subheader(tr("history.imports"))
st.dataframe(
    log.assign(kind=log["kind"].map(lambda k: tr(f"import.kind.{k}")), note=log["note"].map(_note)),
    hide_index=True, width="stretch",
    placeholder=MISSING,
    column_config={c: st.column_config.NumberColumn(tr(f"col.{c}"), format="localized")
                   if c.startswith("rows_") else tr(f"col.{c}") for c in log.columns})

with st.expander(tr("history.mappings"), icon=":material/table_rows:"):
    mapped = store.import_mappings(cursor())
    shown = mapped.assign(mapping=[mapping_text(m, k, lang()) for m, k in zip(mapped["mapping"], mapped["kind"])])
    st.dataframe(shown.drop(columns="kind"), hide_index=True, width="stretch", placeholder=MISSING,
                 column_config={c: tr(f"col.{c}") for c in shown.columns if c != "kind"})

undone = log["note"].eq(store.UNDONE)
repeats = log["note"].map(lambda n: store.same_file_as(n) is not None)  # their rejected rows are the first import's
with_rejects = log[(log["rows_rejected"] > 0) & ~undone & ~repeats]
if with_rejects.empty:
    st.success(tr("history.no_rejects"))
else:
    choice = st.selectbox(tr("history.pick"), with_rejects["import_id"].tolist(), key="pick",
                          format_func=lambda i: f"#{i} · {log.set_index('import_id').at[i, 'file_name']} · "
                                                f"{log.set_index('import_id').at[i, 'rows_rejected']:,}")
    rejected_rows(st, cursor(), choice, log.set_index("import_id").at[choice, "file_name"])

st.subheader(tr("history.undo.title"))
st.caption(tr("history.undo.help"))
if said := st.session_state.pop("undo.said", None):
    getattr(st, said[0])(said[1])
undoable = log[log["note"].fillna("").eq("") & log["kind"].ne("accounts")]
names = log.set_index("import_id")
if undoable.empty:
    st.caption(tr("history.undo.none"))
else:
    labels = {tr("history.undo.option", id=i, name=names.at[i, "file_name"], rows=int(names.at[i, "rows_loaded"]),
                 kind=tr(f"import.kind.{names.at[i, 'kind']}")): i for i in undoable["import_id"]}
    pick = labels[st.selectbox(tr("history.undo.pick"), list(labels), key=wkey("undo.pick"))]
    sure = st.checkbox(tr("history.undo.sure", rows=int(names.at[pick, "rows_loaded"])), key=sure_key(pick))
    st.button(tr("history.undo.button", id=pick), key="undo.go", disabled=not sure, on_click=_undo, args=(pick,),
              icon=":material/undo:")

if said := st.session_state.pop("unused.said", None):
    getattr(st, said[0])(said[1])
unused = undo.unused_accounts(cursor()) if log["kind"].eq("accounts").any() else None
if unused is not None and not unused.empty:  # ids written another way, left once the file came again corrected
    st.subheader(tr("history.unused.title"))
    st.caption(tr("history.unused.help"))
    held = unused.groupby("import_id")["account_id"].agg(list)
    options = {tr("history.unused.option", id=i, name=names.at[i, "file_name"], n=len(ids)): i
               for i, ids in held.items()}
    pick = options[st.selectbox(tr("history.unused.pick"), list(options), key=wkey("unused.pick"))]
    shown = ", ".join(held[pick][:10]) + (" …" if len(held[pick]) > 10 else "")
    sure = st.checkbox(tr("history.unused.sure", ids=shown), key=f"unused.{sure_key(pick)}")
    st.button(tr("history.unused.button"), key="unused.go", disabled=not sure, on_click=_remove_unused, args=(pick,),
              icon=":material/delete_sweep:")

st.subheader(tr("history.settings"))
codes = store.get_setting(cursor(), "non_product_codes")
text = st.text_area(tr("history.settings"), ", ".join(codes), help=tr("history.settings_help"),
                    label_visibility="collapsed", key="codes")
if st.button(tr("history.save"), key="save-codes"):
    store.set_setting(cursor(), "non_product_codes", [c.strip() for c in text.split(",") if c.strip()])
    st.success(tr("history.saved"))
