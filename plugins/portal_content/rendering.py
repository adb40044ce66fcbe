"""Markdown bodies to safe HTML, with links to files in the content made to work.

Staff link to files as they see them beside their Markdown file
(`![Ảnh](anh-hoi-nghi.jpg)`, `[Chỉ thị](../van-ban/ct-15.md)`), but the page is
written elsewhere (`tin-tuc/dia-phuong/<slug>/index.html`). After sanitizing, a
relative link that names a file in the content becomes Pelican's `{static}` (a
file, which Pelican then copies) or `{filename}` (another content file, which
Pelican turns into that item's URL).
"""

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown

from portal_sanitize import rewrite_links, sanitize_html
from portal_text import slugify

from .problems import WARNING, Problem

EXTENSIONS = ["extra", "sane_lists", "toc"]
EXTENSION_CONFIGS = {
    # headings get ASCII ids, so "## Điều 1" can be linked as #dieu-1
    "toc": {"slugify": lambda value, separator: slugify(value) or "muc", "permalink": False},
}
# the page's title is its only h1: a body's "# Heading" becomes h2, other levels stay as written
_H1 = re.compile(r"<(/?)h1\b")
SOURCE_SUFFIXES = {".md", ".markdown"}


class MarkdownRenderer:
    """One Markdown instance, reset between files (building it costs more than using it)."""

    def __init__(self):
        self._md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS,
                                     output_format="html")

    def render(self, text: str) -> str:
        self._md.reset()
        return sanitize_html(_H1.sub(r"<\1h2", self._md.convert(text)))


def link_local_files(html: str, source_path: str, content_root: Path) -> tuple[str, list[Problem]]:
    """Relative links to content files rewritten for Pelican; a warning for each that names no file."""
    problems = []
    source_dir = (content_root / source_path).parent
    root = content_root.resolve()

    def rewrite(attribute: str, url: str) -> str | None:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith(("/", "{")):
            return None
        target = (source_dir / unquote(parts.path)).resolve()
        if target.is_file() and target.is_relative_to(root):
            relative = target.relative_to(root).as_posix()
            kind = "filename" if target.suffix.lower() in SOURCE_SUFFIXES else "static"
            fragment = f"#{parts.fragment}" if parts.fragment else ""
            return f"{{{kind}}}/{relative}{fragment}"
        if Path(parts.path).suffix:
            problems.append(Problem(
                source_path, f'phần nội dung có liên kết tới tệp "{url}" nhưng không tìm thấy tệp đó.',
                "Đường dẫn tính từ thư mục của tệp .md này; kiểm tra tên tệp, hoặc đặt tệp vào content/files/ "
                "và viết, ví dụ: [Toàn văn](../../files/ten-tep.pdf)",
                severity=WARNING))
        return None

    return rewrite_links(html, rewrite), problems
