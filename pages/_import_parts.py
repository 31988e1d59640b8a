"""Parts of the Import data page: the offer to take the demo company out before importing, the
mapping table, the first rows as the import would read them, and an import's summary."""
import pandas as pd
import streamlit as st

from kamp import store
from kamp.headers import one_line
from pages._language import wkey
from pages._lists import rejected_rows
from pages._ui import cursor, problem, tr


def _remove_demo() -> None:
    from kamp import demo_build

    try:
        gone = demo_build.remove(cursor())
    except ValueError as exc:
        st.session_state["demo.said"] = ("error", problem(exc))
    else:
        st.session_state["demo.said"] = ("success", tr("import.demo_removed", lines=gone.lines, accounts=gone.accounts))
        st.cache_data.clear()


def demo_box() -> None:
    """While the database holds the demo company, what is imported is added to it: say so, and
    offer to take the demo out first (a tick box, then the button)."""
    demo_imports, own_imports = store.demo_and_own_imports(cursor())
    if said := st.session_state.pop("demo.said", None):
        getattr(st, said[0])(said[1])
    if not demo_imports:
        return
    with st.container(border=True):
        st.markdown(tr("import.demo_present" if not own_imports else "import.demo_mixed", n=own_imports))
        sure = st.checkbox(tr("import.demo_sure"), key="demo.sure")
        st.button(tr("import.demo_remove"), key="demo.remove", disabled=not sure, on_click=_remove_demo,
                  icon=":material/delete_sweep:")


def mapping_editor(pv, kind: str, labels: dict, key: str) -> dict[str, str]:
    """The mapping table of preview ``pv``: a column of the file per row, its field chosen from
    ``labels`` (field → label); returns the mapping it gives, {column: field}. Kept by field under
    ``key`` (one file, kind and sheet), so that after a language switch it opens as it was left."""
    edited_before = st.session_state.setdefault("import.mapped", {})
    opened_with = st.session_state.setdefault("import.map_base", {})  # the rows a table's edits apply to
    editor = wkey(key)
    base = opened_with.setdefault(editor, edited_before.get(key, pv.mapping))
    skip = tr("import.not_imported")
    table = pd.DataFrame({"column": [one_line(h) for h in pv.source.headers],
                          "field": [labels.get(base.get(h), skip) for h in pv.source.headers],
                          "example": pv.examples(kind)})
    if pv.source.hidden:  # an old code Excel keeps out of sight: the mapping says which columns those are
        table.insert(1, "hidden", [h in pv.source.hidden for h in pv.source.headers])
    edited = st.data_editor(
        table, hide_index=True, width="stretch", placeholder="", key=editor,
        column_config={
            "column": st.column_config.TextColumn(tr("import.source_column"), disabled=True),
            "field": st.column_config.SelectboxColumn(tr("import.field"), options=[skip, *labels.values()],
                                                      required=True),
            "example": st.column_config.TextColumn(tr("import.example"), disabled=True),
            "hidden": st.column_config.CheckboxColumn(tr("import.hidden_column"), disabled=True,
                                                      help=tr("import.hidden_column_help")),
        })
    by_label = {v: k for k, v in labels.items()}
    edited_before[key] = {h: by_label[f] for h, f in zip(pv.source.headers, edited["field"]) if f in by_label}
    return edited_before[key]


def read_table(read, fields, labels: dict) -> None:
    """The first rows as the import reads them (``Preview.read_in``): columns by field label,
    dates as dates (with the time where a row has one), money with two decimals, the reason a
    row would be rejected shown whole."""
    names = {f: labels[f].removesuffix(" *") for f in labels}
    config = {}
    for f in fields:
        if f.name in read and f.type == "date":
            midnight = read[f.name].dropna().eq(read[f.name].dropna().dt.normalize()).all()
            config[names[f.name]] = st.column_config.DatetimeColumn(
                format="YYYY-MM-DD" if midnight else "YYYY-MM-DD HH:mm:ss")
        elif f.name in read and f.type == "money":
            config[names[f.name]] = st.column_config.NumberColumn(format="%,.2f")
    config[tr("import.preview_reason")] = st.column_config.TextColumn(width="large")  # read whole
    st.dataframe(read.rename(columns={**names, "reason": tr("import.preview_reason")}), hide_index=True,
                 width="stretch", placeholder="—", column_config=config)


def _zero_padded(kind: str, n: int, pairs: str) -> str:
    """What ids differing by leading zeros mean for an import of ``kind``, and what to do."""
    if kind == "transactions":
        return tr("import.zero_padded", n=n, pairs=pairs)
    if kind == "accounts":
        return tr("import.zero_padded_accounts", n=n, pairs=pairs)
    return tr("import.zero_padded_rows", n=n, pairs=pairs)


def import_summary(last: int) -> None:
    """What import ``last`` did: its counts, what it noticed (repeated ids, ids differing by
    leading zeros, updated invoices or contacts), where to go next and its rejected rows (a
    repeated file's: the first import's)."""
    log = store.imports_log(cursor()).set_index("import_id").loc[last]
    none_loaded = bool(log["rows_read"]) and log["rows_rejected"] == log["rows_read"]  # a wrong mapping, most likely
    st.subheader(tr("import.done_none" if none_loaded else "import.done", file=log["file_name"]))
    same = store.same_file_as(log["note"])
    if none_loaded:  # a repeat's rows are the first import's: that one to undo
        st.warning(tr("import.all_rejected", file=log["file_name"], id=same[0] if same else last),
                 icon=":material/block:")
    if same:  # the same file again (in another tab): which import brought it in
        st.info(tr("import.same_file", id=same[0], when=same[1]))
    elif log["note"]:
        st.info(log["note"])
    cols = st.columns(4)
    for col, key in zip(cols, ("rows_read", "rows_loaded", "rows_rejected", "rows_present")):
        col.metric(tr(f"import.{key}"), f"{int(log[key]):,}",
                   help=tr("import.rows_present_help") if key == "rows_present" else None)
    if log["kind"] == "transactions":
        st.caption(tr("import.new_accounts", n=store.new_accounts(cursor(), last)))
    options = store.import_options(cursor(), last)
    if repeated := options.get("repeated_ids"):
        st.info(tr("import.repeated_ids" if log["kind"] == "accounts" else "import.repeated_people", n=repeated),
                icon=":material/info:")
    if padded := options.get("zero_padded"):  # 00123 beside 123: one customer as two systems write it?
        pairs = "; ".join(f"{a} · {b}" for a, b in options.get("zero_padded_examples", []))
        st.warning(_zero_padded(log["kind"], padded, pairs), icon=":material/warning:")
    if updated := options.get("superseded"):  # a later export's version of invoices or contacts stored before
        st.info(tr(f"import.superseded.{log['kind']}", n=updated), icon=":material/update:")
    links = st.columns(4)  # where the data goes next
    links[0].page_link("pages/overview.py", label=tr("nav.overview"), icon=":material/dashboard:")
    links[1].page_link("pages/history.py", label=tr("nav.history"), icon=":material/history:")
    if log["rows_rejected"]:  # a repeat's are the first import's
        st.subheader(tr("import.rejects"))
        rejected_rows(st, cursor(), same[0] if same else last, log["file_name"])
