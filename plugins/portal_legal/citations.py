"""Linking every mention of a portal document's number in a body, in one pass over the text.

One regular expression finds anything shaped like a number; a dictionary lookup on its
key decides whether a document on the portal carries it. Text inside links, code and
headings is left alone. The HTML here has been through the sanitizer, so tags are
well formed and attribute values are quoted (they may contain ">").
"""

import re
from html import escape

from .numbers import NUMBER_IN_TEXT, number_key

# a tag, whose quoted attribute values may hold ">" (the sanitizer's serializer escapes "<" and
# quotes, not ">"): text never holds a raw "<", so every "<" starts one
_TAG = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
LEFT_ALONE = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "samp"}


def link_citations(html: str, targets: dict, own_key: str | None = None) -> tuple[str, set[str]]:
    """(html with mentions linked, keys of the documents mentioned).

    `targets` maps number_key -> (url, title) of documents on the portal.
    """
    cited = set()

    def link(match: re.Match) -> str:
        text = match[0]
        key = number_key(text)
        target = targets.get(key)
        if target is None or key == own_key:
            return text
        cited.add(key)
        url, title = target
        return f'<a class="citation" href="{escape(url)}" title="{escape(title)}">{text}</a>'

    out, depth = [], 0
    for part in _TAG.split(html):
        if part.startswith("<"):
            tag = _TAG_NAME.match(part)
            if tag and tag[2].lower() in LEFT_ALONE and not part.endswith("/>"):
                depth = max(depth - 1, 0) if tag[1] else depth + 1
            out.append(part)
        elif depth == 0 and part:
            out.append(NUMBER_IN_TEXT.sub(link, part))
        else:
            out.append(part)
    return "".join(out), cited
