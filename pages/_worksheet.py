"""Draw a strategy-playbook worksheet from its definition (kamp/playbook_worksheets.json):
one widget per field, a table editor per table field. Used by the account plan page."""
from __future__ import annotations

import datetime as dt
import itertools

import pandas as pd
import streamlit as st

from kamp import i18n, playbooks
from pages._lists import MISSING, MONEY_FORMAT
from pages._language import shown_as, wkey
from pages._ui import lang, money, tr


def _labels(spec: dict, lang: str) -> dict:
    return {c["key"]: playbooks.text(c, "label", lang) for c in spec.get("choices") or []}


def _column(spec: dict, lang: str, people: list[str]):
    label, kind = playbooks.text(spec, "label", lang), spec["type"]
    helptext = playbooks.text(spec, "help", lang) or None
    if kind in ("number", "money"):
        percent = spec.get("format") == "percent"
        fmt = "percent" if percent else (MONEY_FORMAT if kind == "money" else None)
        # a share is a fraction (0.355 is 35.5%), money has cents, any other number what is typed
        step = spec.get("step") or (0.001 if percent else 0.01 if kind == "money" else None)
        return st.column_config.NumberColumn(label, help=helptext, min_value=spec.get("min"), max_value=spec.get("max"),
                                             format=fmt, step=step)
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
        elif c["type"] in ("number", "money"):  # as floats: Streamlit keeps a whole-number column whole (99.5 → 995)
            frame[c["key"]] = pd.to_numeric(frame[c["key"]], errors="coerce").astype("float64")
        elif c["type"] == "bool":
            frame[c["key"]] = frame[c["key"]].astype("boolean")
    fixed = bool(spec.get("fixed_rows"))
    return st.data_editor(frame, key=key, hide_index=True, width="stretch", placeholder="",
                          num_rows="fixed" if fixed else "dynamic",
                          disabled=[cols[0]["key"]] if fixed else False,
                          column_config={c["key"]: _column(c, lang, _with_saved(people, frame[c["key"]])
                                                           if c["type"] == "contact" else people) for c in cols})


def _with_saved(people: list[str], saved: pd.Series) -> list[str]:
    """The names a contact column offers: the contacts and reps, then those it holds that are
    neither any more (a contact renamed since): shown as saved, not as a blank cell."""
    return people + sorted({x for x in saved.dropna() if isinstance(x, str) and x and x not in people})


def draw(sheet: dict, values: dict, key: str, lang: str, people: list[str], levels: dict) -> dict:
    """The worksheet's widgets, filled with ``values``; returns the values as entered (tables
    as frames, dates as dates). ``levels``: business pyramid level → its label. Money figures the
    data works out are shown side by side in the page's units, not as inputs."""
    out = {}
    for shown, fields in itertools.groupby(sheet["fields"], playbooks.from_data):
        fields = list(fields)
        if shown:
            for column, f in zip(st.columns(len(fields)), fields):
                column.metric(playbooks.text(f, "label", lang), money(values.get(f["key"])),
                              help=playbooks.text(f, "help", lang) or None)
                out[f["key"]] = values.get(f["key"])
        for f in [] if shown else fields:
            out[f["key"]] = _field(f, values.get(f["key"]), f"{key}.{f['key']}", lang, people, levels)
    return out


def _field(f: dict, v, k: str, lang: str, people: list[str], levels: dict):
    label, kind, helptext = playbooks.text(f, "label", lang), f["type"], playbooks.text(f, "help", lang) or None
    if kind == "table":
        st.markdown(f"**{label}**", help=helptext)
        return _table(f, v, k, lang, people)
    if kind == "longtext":
        return st.text_area(label, value=v or "", key=k, help=helptext, height=90)
    if kind == "text":
        return st.text_input(label, value=v or "", key=k, help=helptext)
    if kind in ("number", "money"):
        return _number(f, v, k, label, helptext)
    if kind == "date":
        return st.date_input(label, value=dt.date.fromisoformat(v) if v else None, key=k, help=helptext)
    if kind == "bool":
        return st.checkbox(label, value=bool(v), key=k, help=helptext)
    if kind in ("choice", "level", "contact"):
        options = (_labels(f, lang) if kind == "choice" else levels if kind == "level"
                   else {p: p for p in sorted(set(people) | ({v} if v else set()))})
        return st.selectbox(label, list(options), index=list(options).index(v) if v in options else None,
                            format_func=shown_as(options), key=wkey(k), help=helptext,
                            placeholder=i18n.t("ui.choose", lang))
    if kind == "multichoice":
        options = _labels(f, lang)
        return st.multiselect(label, list(options), default=[x for x in v or [] if x in options],
                              format_func=shown_as(options), key=wkey(k), help=helptext,
                              placeholder=i18n.t("ui.choose", lang))
    return None


def _number(f: dict, v, k: str, label: str, helptext: str | None):
    """A number input; under a money one, the figure in the page's units (an input cannot group
    thousands: 284325211.63 reads as 2.84亿 or 284.33M)."""
    percent = f.get("format") == "percent"
    shown = None if v is None else float(v) * (100 if percent else 1)
    label = i18n.in_unit(label, "%", lang()) if percent else label  # 钱包份额（%）, Share of wallet (%)
    entered = st.number_input(label, value=shown, key=k, help=helptext,
                              format="%.1f" if percent else ("%.2f" if f["type"] == "money" else "%g"))
    if f["type"] == "money" and entered is not None:
        st.caption(tr("ws.money_reads", amount=money(entered)))
    if entered is None:
        return None
    return v if entered == shown else entered / (100 if percent else 1)  # left alone: as saved, not read back


def as_values(entered: dict) -> dict:
    """The values :func:`draw` returns as a saved version holds them, to draw the worksheet from
    again: tables as lists of rows (blank cells None), dates as YYYY-MM-DD."""
    return {k: _plain(v) for k, v in entered.items()}


def _plain(v):
    if isinstance(v, pd.DataFrame):
        return [{c: _plain(x) for c, x in r.items()} for r in v.astype(object).where(v.notna(), None).to_dict("records")]
    if isinstance(v, (dt.date, pd.Timestamp)):
        return v.isoformat()[:10]
    return v


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
