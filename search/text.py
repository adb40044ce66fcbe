"""Folding Vietnamese as a reader types it on a phone, and the key of a document number.

Shared by the site build (slugs, duplicate numbers, citations) and by search.
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


_SEPARATORS = str.maketrans({".": "-", "_": "-", "–": "-", "—": "-", "‐": "-"})


@lru_cache(maxsize=65536)  # a portal has few distinct numbers, cited over and over
def number_key(number: str) -> str:
    """One key for the ways staff type a document number: case, spaces, đ/d and the dash do not matter.

    "15/CT-TTg" = "15/ct-ttg" = "15 / CT-TTg" = "15/CT.TTg"; "43/2011/NĐ-CP" = "43/2011/ND-CP".
    """
    return "".join(fold(number).upper().translate(_SEPARATORS).split())


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


def number_keys(number: str, year: int) -> list[str]:
    """The keys a number is found by: as written, and with its year of issue added or left out
    ("15/CT-TTg" of 2012 is also "15/2012/CT-TTg"; "42/2012/QĐ-UBND" is also "42/QĐ-UBND")."""
    key = number_key(number)
    head, _, rest = key.partition("/")
    keys = [key]
    middle, _, tail = rest.partition("/")
    if tail and middle.isdigit() and len(middle) == 4:
        keys.append(f"{head}/{tail}")
    elif rest:
        keys.append(f"{head}/{year}/{rest}")
    return keys


def number_prefixes(number: str) -> list[str]:
    """A number typed without its symbol: "43/2011/NĐ-CP" is found by "43/2011" and by "43"."""
    key = number_key(number)
    head, _, rest = key.partition("/")
    middle = rest.partition("/")[0]
    return [head, f"{head}/{middle}"] if middle.isdigit() else [head]


def initials(name: str) -> str:
    """ "Nghị định" -> "ND", "Quyết định" -> "QD": how a type is abbreviated in numbers."""
    return "".join(word[0] for word in fold(name).upper().split() if word)


def short_keys(number: str, doc_type: str) -> list[str]:
    """A number as citizens shorten it: a symbol and the number, glued ("ND43", "QD125", "CT15").

    From each part of the symbol ("43/2011/NĐ-CP": "ND43", "CP43") and from the type's initials
    ("Nghị định" 43: "ND43"); the number without its leading zeros ("05/…": "QD5")."""
    key = number_key(number)
    head, _, rest = key.partition("/")
    if not head.isdigit():
        return []
    n = str(int(head))
    symbol = rest.split("/")[-1]
    parts = [p for p in re.split(r"[-.]", symbol) if p and not p.isdigit()]
    found = {part + n for part in parts}
    found.add(initials(doc_type) + n)
    return sorted(found)
