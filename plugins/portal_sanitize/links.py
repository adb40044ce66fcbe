"""Rewriting the links and images of sanitized HTML.

The sanitizer's output always quotes attribute values with double quotes and escapes them,
so one regular expression finds every `href` and `src`; callers see the value unescaped.
"""

import html
import re
from collections.abc import Callable

_LINK = re.compile(r'(?<=\s)(href|src)="([^"]*)"')


def rewrite_links(sanitized: str, rewrite: Callable[[str, str], str | None]) -> str:
    """`rewrite(attribute, url)` returns the new URL, or None to leave the attribute as it is."""

    def replace(match: re.Match) -> str:
        new = rewrite(match[1], html.unescape(match[2]))
        return match[0] if new is None else f'{match[1]}="{html.escape(new)}"'

    return _LINK.sub(replace, sanitized)
