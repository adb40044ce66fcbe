"""The one place HTML written by staff is made safe (see policy.py)."""

from .links import rewrite_links
from .policy import ALLOWED_ATTRIBUTES, ALLOWED_PROTOCOLS, ALLOWED_TAGS, sanitize_html, sanitize_inline, to_text

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_PROTOCOLS",
    "ALLOWED_TAGS",
    "rewrite_links",
    "sanitize_html",
    "sanitize_inline",
    "to_text",
]
