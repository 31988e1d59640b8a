"""Problems with what a person entered, in either language.

A :class:`Problem` is a ``ValueError`` that names a message of the translation table
(``kamp/texts_problems.py``) and the values the message names (the file, row, criterion,
value). ``str()`` is the English sentence, as the command line prints it; ``text(lang)`` (or
:func:`kamp.i18n.explain`) is the sentence in the UI's language.

A value may itself be a :class:`Problem` (the problem in a row of a file), :class:`Words` (a
name that differs by language, such as a column's label) or a :class:`Listing` (names joined
with ", " or "、"); anything else is filled in as is, so ``{value!r}`` quotes it as Python does.
"""
from __future__ import annotations

from typing import NamedTuple

from kamp import i18n


class Words(NamedTuple):
    """A name or phrase in English and Chinese."""

    en: str
    zh: str

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def words(key: str, **values) -> Words:
    """The text of ``key`` in both languages, ``values`` filled in (each in that language)."""
    return Words(*(i18n.t(key, lang, **{k: _render(v, lang) for k, v in values.items()}) for lang in ("en", "zh")))


def named(name: str, key: str) -> Words:
    """``name`` as the code spells it (a column, a setting) in English; the Chinese of ``key``."""
    return Words(name, i18n.t(key, "zh"))


class Listing(tuple):
    """Names given in a message, joined with ", " in English and "、" in Chinese."""

    separators = {"en": ", ", "zh": "、"}

    def text(self, lang: str) -> str:
        return self.separators["zh" if lang == "zh" else "en"].join(str(_render(x, lang)) for x in self)


class Sentences(Listing):
    """Problems said together."""

    separators = {"en": "; ", "zh": "；"}


def _render(value, lang: str):
    if isinstance(value, (Problem, Words, Listing)):
        return value.text(lang)
    if isinstance(value, BaseException):  # a problem from elsewhere: its own (English) words
        return str(value)
    return value


class Problem(ValueError):
    """A bad input: message ``key`` of the translation table with ``values`` filled in."""

    def __init__(self, key: str, **values):
        if key not in i18n.TEXTS:
            raise KeyError(f"no message {key!r} in the translation table")
        self.key, self.values = key, values
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        """The message in ``lang`` (``"en"`` or ``"zh"``)."""
        return i18n.t(self.key, lang, **{k: _render(v, lang) for k, v in self.values.items()})

    def __reduce__(self):
        return _rebuild, (self.key, self.values)


def _rebuild(key: str, values: dict) -> Problem:
    return Problem(key, **values)


def several(problems: list) -> Problem:
    """One problem, or several said together ("; " between them in English, "；" in Chinese)."""
    problems = list(problems)
    if len(problems) == 1 and isinstance(problems[0], Problem):
        return problems[0]
    return Problem("problem.several", problems=Sentences(problems))


def row(i: int) -> Words:
    """"row 3" / "第 3 行", for a row that has no name."""
    return words("problem.row", row=i)
