"""Draw a strategy-playbook worksheet from its definition (kamp/playbook_worksheets.json):
one widget per field, a table editor per table field. Used by the account plan page."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from kamp import i18n, playbooks
from pages._lists import MISSING, MONEY_FORMAT
from pages._language import shown_as, wkey


def _labels(spec: dict, lang: str) -> dict:
    return {c["key"]: playbooks.text(c, "label", lang) for c in spec.get("choices") or []}


def _column(spec: dict, lang: str, people: list[str]):
    label, kind = playbooks.text(spec, "label", lang), spec["type"]
    helptext = playbooks.text(spec, "help", lang) or None
    if kind in ("number", "money"):
        fmt = "percent" if spec.get("format") == "percent" else (MONEY_FORMAT if kind == "money" else None)
        return st.column_config.NumberColumn(label, help=helptext, min_value=spec.get("min"), max_value=spec.get("max"),
                                             format=fmt)
    if kind == "date":
        return st.column_config.DateColumn(label, help=helptext, format="YYYY-MM-DD")
    if kind == "bool":
        return st.column_config.CheckboxColumn(label, help=helptext)
    if kind == "choice":
        labels = _labels(spec, lang)
        return st.column_config.SelectboxColumn(label, help=helptext, options=list(labels),
                                                format_func=labels.get)
    if kind == "contact":
        return st.column_config.SelectboxColumn(label, help=helptext, options=people)
    return st.column_config.TextColumn(label, help=helptext)


def _table(spec: dict, rows, key: str, lang: str, people: list[str]) -> pd.DataFrame:
    cols = spec["columns"]
    frame = pd.DataFrame(rows or [], columns=[c["key"] for c in cols])
    for c in cols:
        if c["type"] == "date":
            frame[c["key"]] = pd.to_datetime(frame[c["key"]], errors="coerce").dt.date
        elif c["type"] in ("number", "money"):
            frame[c["key"]] = pd.to_numeric(frame[c["key"]], errors="coerce")
        elif c["type"] == "bool":
            frame[c["key"]] = frame[c["key"]].astype("boolean")
    fixed = bool(spec.get("fixed_rows"))
    return st.data_editor(frame, key=key, hide_index=True, width="stretch", placeholder="",
                          num_rows="fixed" if fixed else "dynamic",
                          disabled=[cols[0]["key"]] if fixed else False,
                          column_config={c["key"]: _column(c, lang, people) for c in cols})


def draw(sheet: dict, values: dict, key: str, lang: str, people: list[str], levels: dict) -> dict:
    """The worksheet's widgets, filled with ``values``; returns the values as entered (tables
    as frames, dates as dates). ``levels``: business pyramid level → its label."""
    out = {}
    for f in sheet["fields"]:
        label, kind, v = playbooks.text(f, "label", lang), f["type"], values.get(f["key"])
        helptext, k = playbooks.text(f, "help", lang) or None, f"{key}.{f['key']}"
        if kind == "table":
            st.markdown(f"**{label}**", help=helptext)
            out[f["key"]] = _table(f, v, k, lang, people)
        elif kind == "longtext":
            out[f["key"]] = st.text_area(label, value=v or "", key=k, help=helptext, height=90)
        elif kind == "text":
            out[f["key"]] = st.text_input(label, value=v or "", key=k, help=helptext)
        elif kind in ("number", "money"):
            percent = f.get("format") == "percent"
            shown = None if v is None else float(v) * (100 if percent else 1)
            entered = st.number_input(label + (" (%)" if percent else ""), value=shown, key=k, help=helptext,
                                      format="%.1f" if percent else ("%.2f" if kind == "money" else "%g"))
            out[f["key"]] = None if entered is None else entered / (100 if percent else 1)
        elif kind == "date":
            out[f["key"]] = st.date_input(label, value=dt.date.fromisoformat(v) if v else None, key=k, help=helptext)
        elif kind == "bool":
            out[f["key"]] = st.checkbox(label, value=bool(v), key=k, help=helptext)
        elif kind in ("choice", "level", "contact"):
            options = (_labels(f, lang) if kind == "choice" else levels if kind == "level"
                       else {p: p for p in sorted(set(people) | ({v} if v else set()))})
            out[f["key"]] = st.selectbox(label, list(options), index=list(options).index(v) if v in options else None,
                                         format_func=shown_as(options), key=wkey(k), help=helptext,
                                         placeholder=i18n.t("ui.choose", lang))
        elif kind == "multichoice":
            options = _labels(f, lang)
            out[f["key"]] = st.multiselect(label, list(options), default=[x for x in v or [] if x in options],
                                           format_func=shown_as(options), key=wkey(k), help=helptext,
                                           placeholder=i18n.t("ui.choose", lang))
    return out


def show_changes(changes, sheet: dict, lang: str, labels: dict) -> None:
    """A table of :func:`kamp.playbooks.diff` changes with the fields' labels."""
    names = {f["key"]: playbooks.text(f, "label", lang) for f in sheet["fields"]}
    for f in sheet["fields"]:
        for c in f.get("columns") or []:
            names[f"{f['key']}.{c['key']}"] = f"{names[f['key']]} › {playbooks.text(c, 'label', lang)}"
    rows = [{labels["field"]: names.get(c.field, c.field), labels["row"]: c.row, labels["old"]: _text(c.old),
             labels["new"]: _text(c.new)} for c in changes]
    st.dataframe(pd.DataFrame(rows, columns=list(labels.values())), hide_index=True, width="stretch",
                 placeholder=MISSING)


def _text(value) -> str:
    return "" if value is None else str(value)
