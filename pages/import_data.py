"""Import page: upload, check the detected reading and mapping, confirm, watch progress, see the result."""
import streamlit as st

from kamp import i18n, ingest, reading, schema, workbooks
from kamp.headers import one_line
from kamp.mapping import columns_needed, mapping_problems, template as csv_template
from kamp.sources import ImportFailed
from pages._import_parts import demo_box, import_summary, mapping_editor, read_table
from pages._language import uploader_in_language, wkey
from pages._ui import cursor, lang, problem, run_with_progress, tr, uploaded_file

st.title(tr("import.title"))
st.caption(tr("import.intro"))


demo_box()


def _kind_chosen(kind: str | None = None) -> None:
    """The kind is the user's choice for the file uploaded (which, fitting another kind better, is
    imported as chosen); the next file is asked again."""
    st.session_state["import.kind_chosen"] = getattr(st.session_state.get("upload"), "file_id", None)
    if kind:
        st.session_state[wkey("kind")] = kind


kind = st.selectbox(tr("import.kind"), list(schema.KINDS), format_func=lambda k: tr(f"import.kind.{k}"),
                    key=wkey("kind"), on_change=_kind_chosen)
needs, blank = st.columns([4, 1], vertical_alignment="center")
required, optional = columns_needed(kind, lang())
needs.caption(tr("import.columns", required=required, optional=optional))
blank.download_button(tr("import.template"), csv_template(kind, lang()).encode("utf-8-sig"),
                      file_name=f"kamp_{kind}_{lang()}.csv", mime="text/csv", icon=":material/download:",
                      key="template")
TYPES = ["csv", "tsv", "txt", "xlsx", "xls", "parquet"]
uploader_in_language(TYPES)
upload = st.file_uploader(tr("import.file"), type=TYPES, key="upload")
if upload is None:
    st.info(tr("import.upload_prompt"))
    last = st.session_state.get("import.last")
    if last:
        st.page_link("pages/history.py", label=tr("nav.history"), icon=":material/history:")
    st.stop()

path = uploaded_file(upload)


def while_reading():
    """What the page says while a file is read (a big workbook: seconds, which Streamlit says in English)."""
    return st.spinner(tr("import.reading", file=upload.name), show_time=lang() == "en")


def preview(sheet, overrides=None, dayfirst=None) -> reading.Preview:
    # Worked out once per file, kind, sheet, mapping and date order: every click on this page
    # reruns it, and a workbook of 300,000 rows takes seconds to preview. An import forgets them.
    kept = st.session_state.setdefault("import.previews", {})
    key = (upload.file_id, kind, sheet, tuple(sorted(overrides.items())) if overrides else None, dayfirst)
    if key not in kept:
        for other in [k for k in kept if k[0] != upload.file_id]:
            del kept[other]
        with while_reading():
            kept[key] = reading.preview(cursor(), path, kind, sheet=sheet, name=upload.name, overrides=overrides,
                                       dayfirst=dayfirst)
    return kept[key]


# The sheet is chosen before anything is read: a workbook's first sheet may be an empty cover.
sheets = workbooks.workbook_sheets(path)
sheet = None
if sheets:  # first shown: the first sheet that has what the kind needs (a notes sheet may lead)
    fitting = st.session_state.setdefault("import.fitting_sheets", {})
    if (upload.file_id, kind) not in fitting:
        with while_reading():
            fitting[(upload.file_id, kind)] = reading.fitting_sheet(cursor(), path, kind)
    sheet = st.selectbox(tr("import.sheet"), sheets, key=f"import.sheet-{upload.file_id}",
                         index=sheets.index(fitting[(upload.file_id, kind)] or sheets[0]))
try:
    pv = preview(sheet)
except ImportFailed as exc:
    st.error(tr("import.failed", message=problem(exc)))
    st.stop()

better = schema.better_kind(pv.source.headers, kind, pv.mapping)
if better:  # a payments export also has an account, a date and an amount: say what it looks like
    names = {k: tr(f"import.kind.{k}") for k in (kind, better[0])}
    st.info(tr("import.other_kind", better=names[better[0]], n=better[1], m=len(pv.source.headers), k=better[2],
               kind=names[kind]))
# as the command line asks for --kind: for each file
unsure = bool(better) and st.session_state.get("import.kind_chosen") != upload.file_id
if unsure:
    st.warning(tr("import.choose_kind", better=names[better[0]], kind=names[kind]), icon=":material/help:")
if better:
    switch, keep = st.columns(2)
    switch.button(tr("import.switch_kind", better=names[better[0]]), key="switch_kind", on_click=_kind_chosen,
                  args=(better[0],))
    if unsure:
        keep.button(tr("import.keep_kind", kind=names[kind]), key="keep_kind", on_click=_kind_chosen)

src = pv.source.describe()
info = st.columns(4)
info[0].metric(tr("import.format"), src["format"].upper())
info[1].metric(tr("import.encoding"), src["encoding"] or "—")
delimiter = src["delimiter"]
info[2].metric(tr("import.delimiter"), tr(f"import.delimiter.{delimiter}") if delimiter in ("tab", "spaces")
               else delimiter or "—")
info[3].metric(tr("import.rows" if src["rows_exact"] else "import.est_rows"), f"{src['estimated_rows']:,}")
if src["header_row"] > 1:  # a report's title or notes above the header
    where = tr("import.where.row" if pv.source.format in ("xlsx", "xls") else "import.where.line")
    st.caption(tr("import.header_below", n=src["header_row"], where=where))

st.subheader(tr("import.mapping"))
st.caption(tr("import.mapping_help") + (" " + tr("import.mapping_help_amount") if kind == "transactions" else ""))
if pv.from_profile:
    st.success(tr("import.from_profile"))
fields = schema.fields(kind)
labels = {f.name: i18n.field_label(f, lang()) + (" *" if f.required else "") for f in fields}
mapping = mapping_editor(pv, kind, labels, f"map-{upload.file_id}-{kind}-{sheet}")
problems = mapping_problems(mapping, kind, lang())
for p in problems:
    st.warning(p)
if scaled := schema.scaled_columns(mapping, kind):  # 销售额(万元): read × 10,000
    st.caption(tr("import.scaled", items=", ".join(f"{one_line(h)} × {k:,.0f}" for h, k in scaled.items())))

overrides = {h: mapping.get(h, "-") for h in pv.source.headers}
now = pv if problems or mapping == pv.mapping else preview(sheet, overrides)  # this mapping, date order decided
dayfirst = None
if now.ordered or st.session_state.get(wkey("order"), "auto") != "auto":  # only when a date of the file depends on it
    auto = tr("import.dayfirst") if now.dayfirst else tr("import.monthfirst")
    # a day above 12 somewhere shows the order; else it is as saved for the header set, or only assumed
    told = any(now.dayfirst_evidence)
    saved = now.date_order == "saved"
    order = st.radio(tr("import.date_order"), ["auto", "day", "month"], horizontal=True, key=wkey("order"),
                     format_func={"auto": tr("import.date_auto" if told else "import.date_saved" if saved
                                             else "import.date_assumed", choice=auto),
                                  "day": tr("import.dayfirst"), "month": tr("import.monthfirst")}.get,
                     help=None if told else tr("import.date_saved_help" if saved else "import.date_assumed_help"))
    if saved and order == "auto":
        st.info(tr("import.date_saved_help"), icon=":material/event:")
    elif not told and order == "auto":
        st.warning(tr("import.date_assumed_help"), icon=":material/event:")
    dayfirst = {"auto": None, "day": True, "month": False}[order]

read = None
if not problems:  # the first rows as this mapping and date order read them
    read = (now if dayfirst is None else preview(sheet, overrides, dayfirst)).read_in(lang())
tabs = st.tabs([tr("import.preview_read"), tr("import.preview")] if read is not None else [tr("import.preview")])
if read is not None:
    with tabs[0]:
        st.caption(tr("import.preview_read_help"))
        read_table(read, fields, labels)
with tabs[-1]:
    st.dataframe(pv.rows, hide_index=True, width="stretch", placeholder="")  # an empty value as in the file

if pv.rows.empty:  # a header and nothing under it: said now, not after the click
    st.error(tr("import.failed", message=problem(ImportFailed("problem.import.no_rows", name=upload.name))))
    st.stop()
hashes = st.session_state.setdefault("import.file_hashes", {})  # a file is read through once, not on every rerun
if upload.file_id not in hashes:
    hashes.clear()
    hashes[upload.file_id] = ingest.sha256_of(path)
last, imported_from = st.session_state.get("import.last") or (None, None)
first = ingest.prior_import(cursor(), hashes[upload.file_id], kind, pv.source.sheet)
if first and imported_from != upload.file_id:  # imported before (not just now, below): nothing to add
    st.info(tr("import.same_file", id=int(first[0]), when=first[1]))
    st.stop()
if not first and st.button(tr("import.confirm_button"), type="primary", disabled=bool(problems) or unsure,
                          key="confirm"):
    bar = st.progress(0.0)

    def show(phase, fraction, rows, rate):
        # a step that has no row to count yet (or waits its turn) is named alone, not "0 rows · 0 rows/s"
        bar.progress(min(fraction, 1.0), text=tr(f"import.phase.{phase}") if not rows else
                     tr("import.progress", phase=tr(f"import.phase.{phase}"), rows=rows, rate=rate))

    try:
        result = run_with_progress(
            lambda report: ingest.import_file(cursor(), path, kind, sheet=sheet, name=upload.name, mapping=mapping,
                                              dayfirst=dayfirst, progress=report), show)
    except ImportFailed as exc:
        bar.empty()
        st.error(tr("import.failed", message=problem(exc)))
        st.stop()
    bar.empty()  # the summary below says it is done
    last, imported_from = result.import_id, upload.file_id
    st.session_state["import.last"] = (last, imported_from)  # its summary is shown under this file only
    st.session_state.pop("import.previews", None)
    st.cache_data.clear()

if last and imported_from == upload.file_id:  # not under the next file, as if it were imported already
    import_summary(last)
