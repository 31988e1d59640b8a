"""Parts of the Scorecards page: saving the edited criteria as a template."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from kamp import scorecard_store
from pages._ui import author, cursor, problem, tr


def save_box(name: str, template: dict, criteria: pd.DataFrame, labels: dict) -> None:
    """The Criteria tab's "save as a template": names starting as the chosen template's, and
    Save; saving under the name of another template (``labels``: every template's shown name)
    waits for a tick that it is to be replaced."""
    with st.expander(tr("card.save_template")):
        c1, c2, c3 = st.columns([3, 3, 1], vertical_alignment="bottom")
        new_name = c1.text_input(tr("card.template_name"), value=name, key=f"new_name_{name}")
        new_zh = c2.text_input(tr("card.template_name_zh"), value=template.get("name_zh") or "", key=f"new_zh_{name}")
        other = new_name.strip() != name and new_name.strip() in labels
        sure = other and st.checkbox(tr("card.replace_other", name=labels.get(new_name.strip())),
                                     key=f"replace_{name}")
        if c3.button(tr("card.save"), key="save_template", type="primary", disabled=other and not sure):
            try:
                scorecard_store.save_template(cursor(), {"name": new_name, "name_zh": new_zh, "entity": template["entity"],
                                                         "criteria": criteria}, author=author())
                st.toast(tr("card.template_saved", name=new_name.strip()), icon=":material/check:")
            except ValueError as exc:
                st.error(problem(exc))
