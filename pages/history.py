"""Imports log: every import with its counts; the rejected rows of any import; non-product codes."""
import streamlit as st

from kamp import store
from pages._lists import MISSING, rejected_rows
from pages._ui import cursor, tr

st.title(tr("history.title"))
log = store.imports_log(cursor())
if log.empty:
    st.info(tr("history.empty"))
    st.stop()

st.subheader(tr("history.imports"))
st.dataframe(
    log.assign(kind=log["kind"].map(lambda k: tr(f"import.kind.{k}"))), hide_index=True, width="stretch",
    placeholder=MISSING,
    column_config={c: st.column_config.NumberColumn(tr(f"col.{c}"), format="localized")
                   if c.startswith("rows_") else tr(f"col.{c}") for c in log.columns})

with_rejects = log[log["rows_rejected"] > 0]
if with_rejects.empty:
    st.success(tr("history.no_rejects"))
else:
    choice = st.selectbox(tr("history.pick"), with_rejects["import_id"].tolist(), key="pick",
                          format_func=lambda i: f"#{i} · {log.set_index('import_id').at[i, 'file_name']} · "
                                                f"{log.set_index('import_id').at[i, 'rows_rejected']:,}")
    rejected_rows(st, cursor(), choice, log.set_index("import_id").at[choice, "file_name"])

st.subheader(tr("history.settings"))
codes = store.get_setting(cursor(), "non_product_codes")
text = st.text_area(tr("history.settings"), ", ".join(codes), help=tr("history.settings_help"),
                    label_visibility="collapsed", key="codes")
if st.button(tr("history.save"), key="save-codes"):
    store.set_setting(cursor(), "non_product_codes", [c.strip() for c in text.split(",") if c.strip()])
    st.success(tr("history.saved"))
