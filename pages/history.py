"""Imports log: every import with its counts; the rejected rows of any import; non-product codes."""
import streamlit as st

from kamp import store
from pages._lists import MISSING
from pages._ui import cursor, tr

def _rejects_csv(con, import_id: int):
    return lambda: store.rejects(con, import_id).to_csv(index=False).encode("utf-8-sig")


st.title(tr("history.title"))
log = store.imports_log(cursor())
if log.empty:
    st.info(tr("history.empty"))
    st.stop()

st.subheader(tr("history.imports"))
st.dataframe(
    log, hide_index=True, width="stretch", placeholder=MISSING,
    column_config={c: st.column_config.NumberColumn(tr(f"col.{c}"), format="localized")
                   if c.startswith("rows_") else tr(f"col.{c}") for c in log.columns})

with_rejects = log[log["rows_rejected"] > 0]
if with_rejects.empty:
    st.success(tr("history.no_rejects"))
else:
    choice = st.selectbox(tr("history.pick"), with_rejects["import_id"].tolist(), key="pick",
                          format_func=lambda i: f"#{i} · {log.set_index('import_id').at[i, 'file_name']} · "
                                                f"{log.set_index('import_id').at[i, 'rows_rejected']:,}")
    reasons = store.reject_reasons(cursor(), choice).rename(columns={"reason": tr("col.reason")})
    left, right = st.columns([1, 2])
    left.dataframe(reasons, hide_index=True, width="stretch")
    right.dataframe(store.rejects(cursor(), choice, limit=1000), hide_index=True, width="stretch",
                    column_config={"row": tr("col.row"), "reason": tr("col.reason"), "raw": tr("col.raw")})
    # Every rejected row as CSV, made when the button is pressed (an import can reject millions).
    st.download_button(tr("import.download_rejects"), _rejects_csv(cursor(), choice),
                       file_name=f"rejects_{choice}.csv", mime="text/csv", key="dl")

st.subheader(tr("history.settings"))
codes = store.get_setting(cursor(), "non_product_codes")
text = st.text_area(tr("history.settings"), ", ".join(codes), help=tr("history.settings_help"),
                    label_visibility="collapsed", key="codes")
if st.button(tr("history.save"), key="save-codes"):
    store.set_setting(cursor(), "non_product_codes", [c.strip() for c in text.split(",") if c.strip()])
    st.success(tr("history.saved"))
