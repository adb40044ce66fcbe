"""Markdown bodies to safe HTML, with links to files in the content made to work.

Staff link to files as they see them beside their Markdown file
(`![Ảnh](anh-hoi-nghi.jpg)`, `[Chỉ thị](../van-ban/ct-15.md)`), but the page is
written elsewhere (`tin-tuc/dia-phuong/<slug>/index.html`). After sanitizing, a
relative link that names a file in the content becomes Pelican's `{static}` (a
file, which Pelican then copies) or `{filename}` (another content file, which
Pelican turns into that item's URL). Each article (Điều) and clause (khoản) gets its anchor, `#dieu-5`,
`#dieu-5-khoan-2` (articles.py), for readers and citations to land on.
"""

import html as html_module
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
from portal_sanitize import rewrite_links, sanitize_html
from portal_text import slugify

from .articles import anchor_articles
from .files import real_file_in, symlink_on_way
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
        self._md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS, output_format="html")

    def render(self, text: str) -> str:
        self._md.reset()
        return anchor_articles(sanitize_html(_H1.sub(r"<\1h2", self._md.convert(text))))


# Pelican's own syntax for a link to a content file, `{static}path`, `{attach}path`, `{filename}path`
# (or `|static|path`), matched exactly as Pelican matches it (pelican/contents.py) in any attribute
_PELICAN_LINK = re.compile(
    r"""
    (?P<markup><[^\>]+(?:href|src|poster|data|cite|formaction|action|content)\s*=\s*)
    (?P<quote>["\'])
    (?P<path>[{|](?P<what>.*?)[|}](?P<value>.*?))
    (?P=quote)""",
    re.VERBOSE,
)
# the same links as staff type them in Markdown, for `invoke check` (which does not render)
_SOURCE_LINK = re.compile(r"[{|](static|attach|filename)[}|]([^\s()\[\]<>\"']+)")
FILE_LINKS = {"static", "attach", "filename"}


def _outside(value: str, source_dir: Path, content_root: Path) -> bool:
    """Whether a Pelican file link leaves the content folder or goes through a symbolic link."""
    try:
        path = unquote(urlsplit(value).path)
        base = content_root if path.startswith("/") else source_dir
        candidate = Path(os.path.normpath(os.path.abspath(base / path.lstrip("/"))))
        root = Path(os.path.abspath(content_root))
        return not candidate.is_relative_to(root) or symlink_on_way(candidate, root) is not None
    except (OSError, ValueError):  # no file can have that name: nothing of the content is reached
        return True


def _escape_problem(source_path: str, value: str, line: int | None = None) -> Problem:
    return Problem(
        source_path,
        f'phần nội dung có liên kết "{value}" tới tệp nằm ngoài thư mục content/ hoặc đi qua một '
        "liên kết tượng trưng (symlink); cổng không đăng tệp đó.",
        "Chép tệp cần đăng vào content/files/ và liên kết tới nó bằng đường dẫn tương đối, "
        "ví dụ: [Toàn văn](../../files/ten-tep.pdf)",
        line,
    )


def file_link_problems(body: str, body_line: int, source_path: str, content_root: Path) -> list[Problem]:
    """Links in a Markdown body, written in Pelican's syntax, that would reach outside content/."""
    source_dir = (content_root / source_path).parent
    problems = []
    for match in _SOURCE_LINK.finditer(body):
        if _outside(match[2], source_dir, content_root):
            line = body_line + body.count("\n", 0, match.start())
            problems.append(_escape_problem(source_path, match[0], line))
    return problems


def link_local_files(html: str, source_path: str, content_root: Path) -> tuple[str, list[Problem]]:
    """Links to content files rewritten for Pelican, checked to stay inside content/.

    A relative link that names a file becomes `{static}/...` or `{filename}/...`; a warning for
    each that names no file. A link in Pelican's own syntax that leaves the content folder or
    goes through a symbolic link is an error, and is removed from the page.
    """
    problems = []
    source_dir = (content_root / source_path).parent

    def rewrite(attribute: str, url: str) -> str | None:
        try:
            parts = urlsplit(url)
        except ValueError:  # "//[::1/x": no address a browser can open
            problems.append(
                Problem(
                    source_path,
                    f'phần nội dung có liên kết "{url[:120]}" không phải địa chỉ hợp lệ.',
                    "Sửa lại liên kết: địa chỉ web ghi đủ từ https://, tệp ghi đường dẫn tương đối, "
                    "ví dụ: [Toàn văn](../../files/ten-tep.pdf)",
                    severity=WARNING,
                )
            )
            return None
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith(("/", "{", "|")):
            return None
        target = real_file_in(content_root, source_dir / unquote(parts.path))
        if target is not None:
            relative = target.relative_to(os.path.abspath(content_root)).as_posix()
            kind = "filename" if target.suffix.lower() in SOURCE_SUFFIXES else "static"
            fragment = f"#{parts.fragment}" if parts.fragment else ""
            return f"{{{kind}}}/{relative}{fragment}"
        if Path(parts.path).suffix:
            problems.append(
                Problem(
                    source_path,
                    f'phần nội dung có liên kết tới tệp "{url if len(url) <= 120 else url[:120] + "…"}" '
                    "nhưng không tìm thấy tệp đó.",
                    "Đường dẫn tính từ thư mục của tệp .md này; kiểm tra tên tệp, hoặc đặt tệp vào content/files/ "
                    "và viết, ví dụ: [Toàn văn](../../files/ten-tep.pdf)",
                    severity=WARNING,
                )
            )
        return None

    def contain(match: re.Match) -> str:
        value = html_module.unescape(match["value"])
        if match["what"] not in FILE_LINKS or not _outside(value, source_dir, content_root):
            return match[0]
        problems.append(_escape_problem(source_path, f"{{{match['what']}}}{value}"))
        return f"{match['markup']}{match['quote']}#{match['quote']}"

    return _PELICAN_LINK.sub(contain, rewrite_links(html, rewrite)), problems
