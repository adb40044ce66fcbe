"""Folding Vietnamese as a reader types it on a phone, and the key of a document number.

Shared by the site build (slugs, duplicate numbers, citations) and by search.
`đ`/`Đ` is a letter of its own, not `d` with a mark: Unicode decomposition leaves it
alone, so it is mapped to `d`/`D` explicitly.
"""

import unicodedata

_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """Diacritics dropped, đ/Đ -> d/D: "Đồng Tháp" -> "Dong Thap"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_STROKE))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


_SEPARATORS = str.maketrans({".": "-", "_": "-", "–": "-", "—": "-", "‐": "-"})


def number_key(number: str) -> str:
    """One key for the ways staff type a document number: case, spaces, đ/d and the dash do not matter.

    "15/CT-TTg" = "15/ct-ttg" = "15 / CT-TTg" = "15/CT.TTg"; "43/2011/NĐ-CP" = "43/2011/ND-CP".
    """
    return "".join(fold(number).upper().translate(_SEPARATORS).split())
