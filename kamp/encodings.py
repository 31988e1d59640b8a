"""A text file's encoding, from its first bytes (:func:`detect_encoding`): a byte-order mark,
strict UTF-8, else the likeliest of GB18030, Big5 and Windows-1252; or, when no encoding fits,
where the text stops being UTF-8.
"""
from __future__ import annotations

import codecs

SAMPLE_BYTES = 256 * 1024  # the first bytes of a file looked at


def detect_encoding(sample: bytes) -> str:
    """The Python codec of a text sample: BOMs first, then strict UTF-8, then the likeliest of
    GB18030 / Big5 / CP1252 by charset-normalizer."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8"
    if sample.startswith(codecs.BOM_UTF16_LE):
        return "utf-16"
    if sample.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    if len(sample) >= 4 and sample[1:4:2] == b"\0\0" and sample[0:4:2] != b"\0\0":
        return "utf-16-le"
    if len(sample) >= 4 and sample[0:4:2] == b"\0\0" and sample[1:4:2] != b"\0\0":
        return "utf-16-be"
    cut = sample.rfind(b"\n") + 1 if len(sample) >= SAMPLE_BYTES else len(sample)
    text = sample[:cut] if cut else sample  # whole lines: a character cut at the end is no verdict
    try:
        text.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if _utf8_before(sample[:exc.start]):  # a line of another encoding in UTF-8 text, not a file of another one
            raise _unknown_encoding(text) from None
    from charset_normalizer import from_bytes

    best = from_bytes(text, cp_isolation=["gb18030", "big5", "cp1252", "shift_jis"]).best()
    if best is None:
        # Too little text for a verdict (a few names such as ÄÖÜ贸易, in GB18030's four-byte
        # codes): the first of these the whole sample is valid in.
        for codec in ("gb18030", "big5"):
            try:
                text.decode(codec)
                return codec
            except UnicodeDecodeError:
                continue
        raise _unknown_encoding(text)
    return best.encoding.replace("_", "-").lower().replace("gbk", "gb18030").replace("gb2312", "gb18030")


def _utf8_before(prefix: bytes) -> bool:
    """Whether the text before the first byte that is not UTF-8 shows itself UTF-8: Chinese
    characters (three bytes each in UTF-8, which GBK text makes only by chance), or several other
    non-ASCII ones; ASCII alone shows nothing."""
    said = prefix.decode("utf-8")
    return sum("\u4e00" <= c <= "\u9fff" for c in said) >= 2 or sum(ord(c) >= 0x80 for c in said) >= 4


def _unknown_encoding(sample: bytes) -> Exception:
    """The text is in no encoding known: where it stops being UTF-8 when it begins so (a line
    pasted in from another system), so that the line can be found in a large file."""
    from kamp.sources import ImportFailed  # the reader's error (kamp.sources reads with this module)

    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start > 0:
            line = sample[:exc.start].count(b"\n") + 1
            return ImportFailed("problem.import.utf8_until", line=line, bytes=sample[exc.start:exc.start + 4].hex(" "))
    return ImportFailed("problem.import.unknown_encoding")
