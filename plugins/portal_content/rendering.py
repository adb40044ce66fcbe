"""Markdown bodies to safe HTML."""

import markdown

from portal_sanitize import sanitize_html
from portal_text import slugify

EXTENSIONS = ["extra", "sane_lists", "toc"]
EXTENSION_CONFIGS = {
    # the page's title is its h1: a body's "# Heading" becomes h2, with an ASCII id
    "toc": {"baselevel": 2, "slugify": lambda value, separator: slugify(value) or "muc", "permalink": False},
}


class MarkdownRenderer:
    """One Markdown instance, reset between files (building it costs more than using it)."""

    def __init__(self):
        self._md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS,
                                     output_format="html")

    def render(self, text: str) -> str:
        self._md.reset()
        return sanitize_html(self._md.convert(text))
