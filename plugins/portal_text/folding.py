"""Folding Vietnamese to ASCII as a reader types it, and URL slugs.

`fold` lives in search/text.py, shared with the search index and service.
"""

import re

from search.text import fold

__all__ = ["fold", "slugify"]

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, limit: int = 80) -> str:
    """An ASCII URL name: "Chỉ thị 15/CT-TTg" -> "chi-thi-15-ct-ttg".

    Long slugs are cut at a word boundary so URLs stay readable.
    """
    slug = _NOT_SLUG.sub("-", fold(text).lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug
