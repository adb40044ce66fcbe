"""Folding Vietnamese to ASCII as a reader types it, and URL slugs.

`đ`/`Đ` is a letter of its own in Vietnamese, not `d` with a mark, so Unicode
decomposition leaves it alone; it is mapped to `d`/`D` explicitly.
"""

import re
import unicodedata

_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Drop diacritics and fold đ/Đ to d/D: "Đồng Tháp" -> "Dong Thap"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_STROKE))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def slugify(text: str, limit: int = 80) -> str:
    """An ASCII URL name: "Chỉ thị 15/CT-TTg" -> "chi-thi-15-ct-ttg".

    Long slugs are cut at a word boundary so URLs stay readable.
    """
    slug = _NOT_SLUG.sub("-", fold(text).lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


def number_key(number: str) -> str:
    """One key for the ways staff type a document number: case, spaces and đ/d do not matter.

    "15/CT-TTg" = "15/ct-ttg" = "15 / CT-TTg"; "43/2011/NĐ-CP" = "43/2011/ND-CP".
    """
    return "".join(fold(number).upper().split())
