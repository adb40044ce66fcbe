"""The allowlist for HTML that staff can write, and the only module that imports bleach.

bleach 6.4 is the last release (its maintainers stopped): every call is here, so
another sanitizer can replace it in this one file.

What passes: what an official document needs (headings, paragraphs, lists,
tables, links, images, figures, abbreviations, sup/sub, quotes). Links may go to
http, https, mailto, tel or a relative address; images to http, https or a
relative address. Everything else is removed, not escaped into visible text:
scripts, styles, iframes, objects and forms go with their content; event
handlers, `style` and unknown attributes, and `javascript:`/`data:` URLs go.
"""

from html import unescape

import bleach
from bleach.html5lib_shim import Filter

BLOCK_TAGS = frozenset({
    "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
    "blockquote", "figure", "figcaption", "img", "pre", "div", "section",
})
INLINE_TAGS = frozenset({
    "a", "abbr", "b", "strong", "i", "em", "u", "s", "del", "ins", "mark", "small",
    "sub", "sup", "code", "q", "cite", "dfn", "time", "span", "br",
})
ALLOWED_TAGS = BLOCK_TAGS | INLINE_TAGS

ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "hreflang"],
    "abbr": ["title"],
    "dfn": ["title"],
    "img": ["src", "alt", "title", "width", "height"],
    "th": ["colspan", "rowspan", "scope"],
    "td": ["colspan", "rowspan"],
    "col": ["span"],
    "colgroup": ["span"],
    "ol": ["start", "reversed"],
    "li": ["value"],
    "q": ["cite"],
    "blockquote": ["cite"],
    "time": ["datetime"],
    # ids let headings and footnotes be linked to; `lang` marks foreign passages
    **{h: ["id"] for h in ("h2", "h3", "h4", "h5", "h6")},
    "*": ["lang"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})
_IMAGE_PROTOCOLS = frozenset({"http", "https"})

# Removed together with everything inside them.
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
    "template", "noscript", "noembed", "noframes", "svg", "math", "textarea", "select",
    "button", "xmp", "plaintext", "title", "head", "base", "meta", "link",
})


class _DropWithContent(Filter):
    """Drop dangerous elements and everything between their start and end tags."""

    def __iter__(self):
        depth = 0
        for token in super().__iter__():
            name = token.get("name")
            kind = token["type"]
            if name in DROPPED_WITH_CONTENT:
                if kind == "StartTag":
                    depth += 1
                elif kind == "EndTag":
                    depth = max(depth - 1, 0)
                continue
            if depth == 0:
                yield token


def _allow_attribute(tag: str, name: str, value: str) -> bool:
    if name not in ALLOWED_ATTRIBUTES.get(tag, ()) and name not in ALLOWED_ATTRIBUTES["*"]:
        return False
    if tag == "img" and name == "src":
        scheme = value.split(":", 1)[0].strip().lower() if ":" in value.split("/", 1)[0] else ""
        return scheme == "" or scheme in _IMAGE_PROTOCOLS
    return True


def _cleaner(tags) -> bleach.Cleaner:
    return bleach.Cleaner(
        # dangerous tags are let through the sanitizer only to be dropped whole by the filter
        tags=set(tags) | DROPPED_WITH_CONTENT,
        attributes=_allow_attribute,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[_DropWithContent],
    )


_BLOCK_CLEANER = _cleaner(ALLOWED_TAGS)
_INLINE_CLEANER = _cleaner(INLINE_TAGS)
_TEXT_CLEANER = _cleaner(())


def sanitize_html(html: str) -> str:
    """A body (Markdown already turned into HTML) reduced to the allowlist."""
    return _BLOCK_CLEANER.clean(html)


def sanitize_inline(html: str) -> str:
    """A summary or caption: inline elements only (emphasis, links, abbreviations)."""
    return _INLINE_CLEANER.clean(html).strip()


def to_text(html: str) -> str:
    """A title: all markup removed, entities decoded; templates escape it on output."""
    return " ".join(unescape(_TEXT_CLEANER.clean(html)).split())
