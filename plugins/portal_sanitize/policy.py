"""The allowlist for HTML that staff can write, and the only module that imports the sanitizer.

The sanitizer is nh3 (Python bindings to Rust's ammonia): it parses HTML as a browser
does (html5ever), keeps what the allowlist names and serializes the result itself, in
time linear in the input. The client chose bleach; bleach's maintainers stopped (no
release, not even for security, since 2026), so every call moved here to nh3.

What passes: what an official document needs (headings, paragraphs, lists,
tables, links, images, figures, abbreviations, sup/sub, quotes). Links may go to
http, https, mailto, tel or a relative address; images to http, https or a
relative address. Everything else is removed, not escaped into visible text:
scripts, styles, iframes, objects and forms go with their content; event
handlers, `style` and unknown attributes, and `javascript:`/`data:` URLs go.
"""

from html import unescape
from urllib.parse import urlsplit

import nh3

BLOCK_TAGS = frozenset(
    {
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "p",
        "br",
        "hr",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "colgroup",
        "col",
        "blockquote",
        "figure",
        "figcaption",
        "img",
        "pre",
        "div",
        "section",
    }
)
INLINE_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "s",
        "del",
        "ins",
        "mark",
        "small",
        "sub",
        "sup",
        "code",
        "q",
        "cite",
        "dfn",
        "time",
        "span",
        "br",
    }
)
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
DROPPED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "form",
        "template",
        "noscript",
        "noembed",
        "noframes",
        "svg",
        "math",
        "textarea",
        "select",
        "button",
        "xmp",
        "plaintext",
        "title",
        "head",
        "base",
        "meta",
        "link",
    }
)


URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster", "data"})


def _image_source(tag: str, name: str, value: str) -> str | None:
    """Images load from http, https or a relative address only (not mailto:, tel:); an address no URL
    parser can read ("//[::1/x") is dropped here, so that no later step (feeds, links) meets one."""
    if name in URL_ATTRIBUTES:
        try:
            urlsplit(value)
        except ValueError:
            return None
    if tag == "img" and name == "src":
        head = value.split("/", 1)[0]
        scheme = head.split(":", 1)[0].strip().lower() if ":" in head else ""
        if scheme and scheme not in _IMAGE_PROTOCOLS:
            return None
    return value


def _cleaner(tags: frozenset):
    attributes = {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items() if tag == "*" or tag in tags}

    def clean(html: str) -> str:
        return nh3.clean(
            html,
            tags=set(tags),
            clean_content_tags=set(DROPPED_WITH_CONTENT),
            attributes=attributes,
            attribute_filter=_image_source,
            url_schemes=set(ALLOWED_PROTOCOLS),
            strip_comments=True,
            link_rel=None,
        )

    return clean


_clean_block = _cleaner(ALLOWED_TAGS)
_clean_inline = _cleaner(INLINE_TAGS)


def sanitize_html(html: str) -> str:
    """A body (Markdown already turned into HTML) reduced to the allowlist."""
    return _clean_block(html)


def sanitize_inline(html: str) -> str:
    """A summary or caption: inline elements only (emphasis, links, abbreviations)."""
    return _clean_inline(html).strip()


def to_text(html: str) -> str:
    """A title or a body's words: all markup removed, entities decoded; templates escape it on output."""
    return " ".join(
        unescape(
            nh3.clean(
                html,
                tags=set(),
                clean_content_tags=set(DROPPED_WITH_CONTENT),
                attributes={},
                strip_comments=True,
                link_rel=None,
            )
        ).split()
    )
