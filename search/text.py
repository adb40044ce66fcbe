"""Folding Vietnamese as a reader types it on a phone, and the spellings readers treat as one word.

Shared by the site build (slugs, sorting) and by search; document numbers are search/numbers.py.
`đ`/`Đ` is a letter of its own, not `d` with a mark: Unicode decomposition leaves it
alone, so it is mapped to `d`/`D` explicitly.
"""

import re
import unicodedata
from functools import lru_cache

_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """Diacritics dropped, đ/Đ -> d/D: "Đồng Tháp" -> "Dong Thap"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_STROKE))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


# ---------------------------------------------------------------------------- spelling variants

# the tone marks, as combining characters after NFD
_TONES = "\u0300\u0301\u0303\u0309\u0323"
# old and new tone placement in the open syllables oa, oe, uy: "hoà" / "hòa", "khoẻ" / "khỏe",
# "thuỷ" / "thủy". One form for both: the mark on the first vowel.
_NEW_PLACEMENT = re.compile(rf"([oOuU])([aAeEyY])([{_TONES}])$")
# i and y after an initial consonant are one sound: "kí" / "ký", "lí" / "lý", "mĩ" / "mỹ", "quí" / "quý"
_I_OR_Y = re.compile(rf"^(qu|[bcdđghklmnprstvx]+)y([{_TONES}]?)$")


@lru_cache(maxsize=1 << 16)
def variant(word: str) -> str:
    """One spelling for the variants Vietnamese readers treat as the same word (a lowercase word,
    accented or folded): "hoà" -> "hòa", "thuỷ" -> "thủy", "ký" -> "kí", "ky" -> "ki", "quý" -> "quí"."""
    decomposed = unicodedata.normalize("NFD", word)
    decomposed = _I_OR_Y.sub(r"\1i\2", decomposed)  # first: "quý" is qu + ý, not the syllable uy
    decomposed = _NEW_PLACEMENT.sub(r"\1\3\2", decomposed)
    return unicodedata.normalize("NFC", decomposed)


# "nd43", "QD125", "CT15": a symbol glued to a number is the two, as typed apart
_GLUED = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")


def unglue(text: str) -> str:
    return _GLUED.sub(" ", text)
