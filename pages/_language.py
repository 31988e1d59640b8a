"""The page's language: the sidebar switch, and what keeps widgets right across a switch (their
keys, their option names) and speaks the page's language where Streamlit writes its own words."""
from __future__ import annotations

import json

import streamlit as st

from kamp import i18n
from pages._ui import lang, tr


def wkey(name: str) -> str:
    """The key of a widget whose options are shown in the page's language: new after each
    language switch. The browser keeps a widget's choice as its label, in the language it was
    shown in; under the same key the next run would find no option of that label and drop the
    choice (a worksheet's choice field saved empty, the Tiers page without features)."""
    switches = st.session_state.get("lang.switches", 0)
    return f"{name}~{switches}" if switches else name


def shown_as(names: dict):
    """A widget's ``format_func``: each option's name in ``names``, or the option itself. Never
    None: Streamlit serialises a multiselect's values through it, and a value the names lack (one
    kept in the browser across a rerun) would otherwise end the page in a TypeError."""
    return lambda option: names.get(option, str(option))


# Session keys that outlive a language switch: the language, the author's name, the analysis date,
# which worksheet versions are open (plus an unresolved save conflict and the edits not saved yet),
# and the Import page's file, what was read of it, its mapping as edited (by field names) and the
# last import.
_KEEP_ON_SWITCH = ("lang", "author", "base.", "conflict.", "draft.", "as_of.", "upload", "import.")
# Choices whose options are codes, not words (the Import page's kind of file and date order):
# carried to their widgets' keys in the new language (see wkey()).
_CARRY_ON_SWITCH = ("kind", "order")


def _language_changed() -> None:
    """A widget labelled in one language cannot take its state into the other (its options are
    formatted differently): the page's widgets start afresh from what is stored and in the URL.
    The language already chosen, clicked again (which unselects it), stays chosen."""
    chosen = st.session_state.get("lang")
    if not chosen:
        st.session_state["lang"] = st.session_state.get("lang.shown") or i18n.DEFAULT_LANGUAGE
        return
    st.session_state["lang.shown"] = chosen
    carried = {name: st.session_state[wkey(name)] for name in _CARRY_ON_SWITCH if wkey(name) in st.session_state}
    st.session_state["lang.switches"] = st.session_state.get("lang.switches", 0) + 1  # see wkey()
    st.query_params.update(lang=chosen)
    for key in list(st.session_state.keys()):
        if not str(key).startswith(_KEEP_ON_SWITCH):
            del st.session_state[key]
    st.session_state.update({wkey(name): value for name, value in carried.items()})


def language_picker() -> None:
    if not st.session_state.get("lang"):
        st.session_state["lang"] = lang()
    st.session_state["lang.shown"] = st.session_state["lang"]
    st.sidebar.segmented_control(tr("sidebar.language"), options=list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.get,
                                 key="lang", on_change=_language_changed)


# What Streamlit writes under a text box ("Press Enter to apply"), per kind of box, in the
# page's language: the text box, the text area, and each in a form (where Enter submits it).
_INSTRUCTIONS = {"": "ui.press_enter", '[data-testid="stTextArea"] ': "ui.press_ctrl_enter",
                 '[data-testid="stForm"] ': "ui.press_enter_form",
                 '[data-testid="stForm"] [data-testid="stTextArea"] ': "ui.press_ctrl_enter_form"}


def input_hints_in_language() -> None:
    """The line Streamlit writes in English under a text box, in the page's language (a style rule
    over it, as Streamlit offers no text); English pages keep Streamlit's own."""
    if lang() == "en":
        return
    first = '[data-testid="InputInstructions"] > span:first-child'
    rules = [f"{first} {{font-size: 0;}}"] + [
        f"{scope}{first}::after {{content: {json.dumps(tr(key), ensure_ascii=False)}; font-size: 0.75rem;}}"
        for scope, key in _INSTRUCTIONS.items()]
    st.sidebar.html("<style>\n" + "\n".join(rules) + "\n</style>")


def uploader_in_language(types: list[str]) -> None:
    """The file uploader's own words (its button, and the line beside it that Streamlit writes in
    English) in this page's language: set over them by a style rule, as Streamlit offers no text."""
    size_mb = int(st.get_option("server.maxUploadSize"))
    size = f"{size_mb / 1024:g} GB" if size_mb >= 1024 else f"{size_mb} MB"
    sep = "、" if lang() == "zh" else ", "
    button, hint = (json.dumps(text, ensure_ascii=False) for text in (
        tr("import.choose_file"), tr("import.drop_hint", size=size, types=sep.join(t.upper() for t in types))))
    zone = '[data-testid="stFileUploaderDropzone"]'
    st.html(f"""<style>
{zone} button [data-testid="stMarkdownContainer"] p {{font-size: 0;}}
{zone} button [data-testid="stMarkdownContainer"] p::after {{content: {button}; font-size: 0.875rem;}}
{zone} [data-testid="stFileUploaderDropzoneInstructions"] span {{font-size: 0;}}
{zone} [data-testid="stFileUploaderDropzoneInstructions"] span::after {{content: {hint}; font-size: 0.875rem;}}
</style>""")
