"""Parts of the Import data page: the offer to take the demo company out before importing, and
the first rows as the import would read them."""
import streamlit as st

from kamp import store
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
