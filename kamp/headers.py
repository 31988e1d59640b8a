"""How a column header reads: on one line, normalised (case, width, spacing, punctuation,
Traditional Chinese), and the unit it ends with (元, 万元, k USD, pcs) with the scale that unit
names. :mod:`kamp.schema` matches the result to a kind's fields.
"""
from __future__ import annotations

import functools
import re


@functools.cache
def _simplified():
    """Traditional Chinese to Simplified (OpenCC): 客戶編號 is 客户编号."""
    import opencc

    return opencc.OpenCC("t2s").convert


def one_line(header: str) -> str:
    """A header as a message shows it: a wrapped header's lines joined, Chinese without a space
    between them ("客户⏎编码" is 客户编码, "Customer⏎ID" Customer ID)."""
    lines = [line.strip() for line in str(header).splitlines() if line.strip()]
    text = lines[0] if lines else str(header).strip()
    for line in lines[1:]:
        text += ("" if _cjk(text[-1]) and _cjk(line[0]) else " ") + line
    return text


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


# Characters that show as nothing (zero-width spaces and joiners, a byte-order mark, a soft
# hyphen), which a header copied from a web page or a document may carry.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")


def normalize_header(header: str) -> str:
    """Fold case, width, spacing (a no-break or ideographic space too) and punctuation so
    ``Customer_ID`` matches ``customer id``, Traditional Chinese to Simplified so ``客戶編號``
    matches ``客户编号``, and drop the characters that show as nothing (``订单日期\u200b``)."""
    import unicodedata

    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", str(header))).strip()
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
        text = _simplified()(text)
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", text).lower()
    text = re.sub(r"[\s_\-./:()（）\[\]#]+", " ", text).strip()
    return text


# The units a header may end with, as normalize_header leaves them ("金额(元)" → "金额 元",
# "Amount (K USD)" → "amount k usd"): a currency or a count, and for money a scale — so many of
# the currency's units — alone or glued to a currency sign ("$000", "k$", "€m").
_CURRENCY = ["元", "人民币", "rmb", "cny", "usd", "eur", "gbp", "hkd", "jpy", "$", "¥", "€", "£"]
_COUNT = ["件", "个", "台", "套", "pcs", "unit", "units", "qty"]
_SCALE = {"万元": 1e4, "万": 1e4, "千元": 1e3, "千": 1e3, "k": 1e3, "000": 1e3, "'000": 1e3, "thousand": 1e3,
          "thousands": 1e3, "百万元": 1e6, "百万": 1e6, "m": 1e6, "mn": 1e6, "mm": 1e6, "million": 1e6,
          "millions": 1e6, "亿元": 1e8, "亿": 1e8, "bn": 1e9, "billion": 1e9, "billions": 1e9}
_alternatives = lambda words: "|".join(map(re.escape, sorted(words, key=len, reverse=True)))  # noqa: E731
_UNIT_WORD = re.compile(f"(?:{_alternatives(_CURRENCY)}|(?P<count>{_alternatives(_COUNT)}))?"
                        f"(?P<scale>{_alternatives(_SCALE)})?(?:{_alternatives(_CURRENCY)})?")


def units(key: str) -> tuple[str, float, bool]:
    """A normalised header without the units it ends with, the scale they name (1 for none), and
    whether one is a count (件, pcs, units): "amount k usd" → ("amount", 1000, False), "金额 元" →
    ("金额", 1, False), "sales $000" → ("sales", 1000, False), "sales units" → ("sales", 1, True).
    A header that is nothing but units, or names two scales, is left as it is."""
    words, scale, count = key.split(" "), 1.0, False
    while len(words) > 1:
        m = _UNIT_WORD.fullmatch(words[-1])
        if not words[-1] or not m:
            break
        if m["scale"]:
            if scale != 1:
                return key, 1.0, False
            scale = _SCALE[m["scale"]]
        count = count or bool(m["count"])
        words.pop()
    return " ".join(words), scale, count


def unit_scale(header: str) -> float:
    """What the values of a money column are multiplied by to be in the currency's units, by
    the scaled unit its header ends with: 10,000 for 销售额(万元), 1,000 for Amount (k) or
    Revenue ('000), 1 when there is none."""
    return units(normalize_header(header))[1]
