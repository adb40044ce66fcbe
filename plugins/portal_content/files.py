"""Which files of content/ may be published: never one outside it, never one that runs script.

Everything the portal publishes from content/ passes here: the files under STATIC_PATHS
(content/files/), the files items name (image, attachments) and the files bodies link to.
A file is publishable when it is a real file inside the content folder (no symbolic link
anywhere on its way: a link can point at /etc/passwd), of a type on the allowlist
(PORTAL_CONTENT["file_types"]), and, for SVG, with nothing in it that a browser runs.
HTML, JavaScript and XML are not on the list: served from the portal's own address
they would run script there.
"""

import os
import re
from contextlib import contextmanager
from pathlib import Path
from xml.etree import ElementTree

from .problems import Problem

DEFAULT_FILE_TYPES = (
    # documents and data
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "odt",
    "ods",
    "odp",
    "rtf",
    "txt",
    "csv",
    # archives (of a document's annexes)
    "zip",
    "rar",
    "7z",
    # images (svg is checked for script)
    "jpg",
    "jpeg",
    "png",
    "gif",
    "webp",
    "avif",
    "svg",
    # audio and video
    "mp3",
    "m4a",
    "ogg",
    "wav",
    "mp4",
    "webm",
)

# file types a browser runs as a document or script on the portal's own address: never on the allowlist
ACTIVE_TYPES = frozenset(
    {"html", "htm", "xhtml", "xht", "shtml", "js", "mjs", "xml", "xsl", "xslt", "svgz", "swf", "php"}
)

# SVG elements that run script, load other documents or embed HTML
_SVG_ACTIVE = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
_SAFE_SVG_HREF = re.compile(r"^\s*(#|data:image/(png|jpeg|gif|webp);base64,)", re.IGNORECASE)


_OBSERVERS: list[set[str]] = []  # see observed_paths


@contextmanager
def observed_paths():
    """Every path the checks below look at while the block runs, so that what was read from a file
    can be reused only while those paths are as they were (portal_content/read_cache.py)."""
    seen: set[str] = set()
    _OBSERVERS.append(seen)
    try:
        yield seen
    finally:
        _OBSERVERS.remove(seen)


def saw(path) -> None:
    """Record that a check looked at `path` (its existence, type, size or bytes)."""
    if _OBSERVERS:
        absolute = os.path.abspath(path)
        for seen in _OBSERVERS:
            seen.add(absolute)


def symlink_on_way(path: Path, root: Path) -> Path | None:
    """The first symbolic link between `root` and `path` (path included), or None."""
    try:
        parts = Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).parts
    except ValueError:
        return None
    current = Path(os.path.abspath(root))
    for part in parts:
        current = current / part
        saw(current)
        if current.is_symlink():
            return current
    return None


def real_file_in(root: Path, candidate: Path) -> Path | None:
    """`candidate` as a path inside `root`, if it is a real file there (no link on its way)."""
    try:
        absolute = Path(os.path.normpath(os.path.abspath(candidate)))
        base = Path(os.path.abspath(root))
        saw(absolute)
        if not absolute.is_relative_to(base) or symlink_on_way(absolute, base) is not None:
            return None
        return absolute if absolute.is_file() else None
    except (OSError, ValueError):  # a name no file can have: too long, a NUL in it
        return None


def type_problem(path: Path, relative: str, file_types: tuple[str, ...]) -> Problem | None:
    """Why this real file may not be published, or None."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in file_types:
        shown = f"đuôi .{suffix}" if suffix else "không có đuôi"
        return Problem(
            relative,
            f"tệp loại này ({shown}) không được đăng lên cổng: trình duyệt có thể chạy mã trong đó hoặc không mở được."
            if suffix in ACTIVE_TYPES
            else f"tệp loại này ({shown}) không được đăng lên cổng.",
            "Đổi tệp sang PDF (văn bản), JPG hoặc PNG (ảnh) rồi đặt lại; các loại được nhận: "
            + ", ".join(file_types)
            + ' (danh sách ở pelicanconf.py, mục PORTAL_CONTENT["file_types"]).',
        )
    if suffix == "svg":
        reason = svg_active_content(path)
        if reason:
            return Problem(
                relative,
                f"ảnh SVG có thành phần chạy được trên trình duyệt ({reason}).",
                "Xuất lại ảnh từ phần mềm vẽ dưới dạng PNG, hoặc SVG thuần (không có script, "
                "thuộc tính on…, liên kết ra ngoài).",
            )
    return None


def svg_active_content(path: Path) -> str | None:
    """What in this SVG could run script or load something, or None when it is plain drawing."""
    saw(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return f"không đọc được tệp: {error.strerror}"
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        return "khai báo DOCTYPE hoặc ENTITY"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return "tệp không phải XML hợp lệ"
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""
        if name in _SVG_ACTIVE:
            return f"thẻ <{name}>"
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                return f'thuộc tính "{local}"'
            if local == "href" and not _SAFE_SVG_HREF.match(value):
                return f'liên kết "{value[:60]}"'
            if name in {"set", "animate"} and local == "attributename" and value.lower().endswith("href"):
                return f"thẻ <{name}> đổi liên kết"
    return None


def tree_problems(content_root: Path, static_paths: list[str], file_types: tuple[str, ...]) -> list[Problem]:
    """Symbolic links anywhere in content/, and files under STATIC_PATHS that may not be published."""
    problems = []
    root = Path(os.path.abspath(content_root))
    static = tuple(Path(os.path.normpath(root / p)) for p in static_paths)
    for folder, dirs, files in os.walk(root):  # never follows a link
        here = Path(folder)
        for name in sorted(dirs + files):
            path = here / name
            relative = path.relative_to(root).as_posix()
            if path.is_symlink():
                problems.append(
                    Problem(
                        relative,
                        "đây là liên kết tượng trưng (symlink) tới tệp hoặc thư mục khác, cổng không đăng.",
                        "Xóa liên kết và chép chính tệp cần đăng vào content/ (ví dụ vào content/files/).",
                    )
                )
            elif name in files and any(path.is_relative_to(s) for s in static) and not name.startswith("."):
                found = type_problem(path, relative, file_types)
                if found:
                    problems.append(found)
        dirs[:] = sorted(d for d in dirs if not (here / d).is_symlink())
    return problems
