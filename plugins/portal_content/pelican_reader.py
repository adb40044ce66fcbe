"""The Pelican side: a reader for our Markdown files, and the build's shared state.

The reader never raises: a file with problems is recorded and skipped, and the
build is stopped after every file has been read (see `finish`), so that one run
lists every problem.
"""

import os
import re
from dataclasses import dataclass
from pathlib import Path

from pelican.readers import BaseReader

from .checking import content_files
from .checks import check_all
from .config import content_config
from .files import observed_paths, real_file_in, tree_problems, type_problem
from .installation import installation_secret
from .loading import kind_of, load, unreadable_file
from .model import DOCUMENT, LEADER, NEWS, QUESTION, UNIT, record_digest
from .problems import ContentError, Invalid, Problem
from .publishing import build_moment, far_ahead, state_of
from .read_cache import ReadCache
from .render_cache import RenderCache, render_ahead
from .rendering import link_local_files
from .settings_check import check_settings

STATE_KEY = "PORTAL_CONTENT_STATE"
TEMPLATES = {NEWS: "news", DOCUMENT: "document", "page": "page", QUESTION: "qa", LEADER: "leader", UNIT: "unit"}


class BuildState:
    """What one Pelican run learns about the content: every record and every problem."""

    def __init__(self, settings: dict):
        self.config = content_config(settings)
        self.content_root = Path(os.path.abspath(settings["PATH"]))
        self.items = []
        self.record_digests: dict[str, bytes] = {}  # source path -> model.record_digest of its record
        self.problems = []
        self.broken_numbers = set()  # number_key of documents whose file has an error
        self.site = None  # the site model (portal_site), once every file is read
        self.search_job = None  # the search index, built beside the pages (portal_search_index)
        self.search_report = None
        self.writer = None  # the page writer (portal_writer), once Pelican starts writing
        self.pages_rendered = self.pages_reused = 0
        self.history_seconds = 0.0  # reading the history from git (portal_history), for `invoke bench`
        self.problems.extend(check_settings(settings))
        try:
            self.now = build_moment(settings.get("PORTAL_TODAY"))
        except Invalid as error:
            self.now = build_moment(None)
            self.problems.append(Problem("PORTAL_TODAY", error.message, error.hint))
        self.installation = installation_secret(settings)  # what seals the caches and the spare site
        self.render_cache = RenderCache(settings.get("PORTAL_CACHE_PATH"), self.installation)
        self.read_cache = ReadCache(
            read_cache_folder(settings.get("PORTAL_CACHE_PATH")), _read_salt(self), self.installation
        )
        self.bodies_kept = 0  # bodies that came with a file from the read cache
        self.read_keys: dict[str, str] = {}  # path -> read-cache key of the bytes render_ahead read, held
        self.files = content_files(self.content_root)  # every Markdown file, as the build started
        self.rendered_ahead = render_ahead(self.render_cache, self.files, kept=self._kept)

    def _kept(self, path: Path, data: bytes) -> bool:
        """Whether the read cache holds what reading `path` with these bytes gives (render_ahead). The
        key is kept for the reader, which then need not read the file again."""
        relative = os.path.relpath(path, self.content_root)
        if not kept_readable(relative):
            return False
        key = self.read_cache.key(relative, data)
        if not self.read_cache.holds(key):
            return False
        self.read_keys[str(path)] = key
        return True

    @property
    def bodies(self) -> "Bodies":
        """How many bodies this build rendered, and how many it read back from the cache."""
        cache = self.render_cache
        return Bodies(self.rendered_ahead + cache.rendered, cache.reused + self.bodies_kept - self.rendered_ahead)


@dataclass(frozen=True)
class Bodies:
    rendered: int
    reused: int


def kept_readable(relative: str) -> bool:
    """Whether what reading this file gives may be kept in the read cache: not a hỏi đáp, which holds what
    a citizen wrote (personal data must leave the disk with its file, not at the next prune)."""
    return kind_of(relative.replace(os.sep, "/")) != QUESTION


def read_cache_folder(render_cache: str | None) -> Path | None:
    """Beside the render cache: cache/render -> cache/render-read."""
    return Path(f"{render_cache}-read") if render_cache else None


def _read_salt(state: "BuildState") -> bytes:
    """What reading a file depends on besides the file: the code that reads it, the content settings
    and where the content is."""
    import hashlib

    from portal_code import code_fingerprint

    digest = hashlib.blake2b(code_fingerprint(Path(__file__).resolve()), digest_size=32)
    digest.update(repr(state.config).encode())
    digest.update(str(state.content_root).encode())
    return digest.digest()


def state_for(settings: dict) -> BuildState:
    if STATE_KEY not in settings:
        settings[STATE_KEY] = BuildState(settings)
    return settings[STATE_KEY]


class PortalMarkdownReader(BaseReader):
    enabled = True
    file_extensions = ("md", "markdown")

    def read(self, source_path):
        state = state_for(self.settings)
        path = Path(os.path.abspath(source_path))
        try:
            read = read_file(state, path)
        except Exception as error:  # noqa: BLE001 - a file is published or reported, never lost
            relative = os.path.relpath(path, state.content_root).replace(os.sep, "/")
            state.problems.append(unreadable_file(relative, error))
            return "", {"title": relative, "status": "skip"}
        state.problems.extend(read["problems"])
        item = read["item"]
        if item is None:
            state.broken_numbers.update(read["broken_numbers"])  # its number exists, though the file is broken
            return "", {"title": read["source_path"], "status": "skip"}
        state.items.append(item)
        publishing = state_of(item, state.now)
        metadata = {
            "title": item.title,
            "date": item.date,
            "slug": item.slug,
            "status": publishing.pelican_status,
            "url": item.url,
            "save_as": item.url + "index.html",
            "template": TEMPLATES[item.kind],
            "record": item,
            "publishing": publishing,
            # no Pelican "tags" or "category": chuyên mục, kinds and tags come from the site model, and
            # Pelican's own bookkeeping of them compared every article with every other (tags 4.5 s,
            # categories 2.7 s at 12,000 items)
        }
        if item.modified:
            metadata["modified"] = item.modified
        if item.summary:
            metadata["summary"] = item.summary
        if publishing.pelican_status == "skip":
            return "", metadata
        metadata["body_text"] = read["text"]  # for the search index
        state.problems.extend(read["link_problems"])
        return read["html"], metadata


def read_file(state: "BuildState", path: Path) -> dict:
    """One file read: its record (None when broken), its problems and its body rendered with its links
    checked (not for drafts). From the read cache while the file, the code and every file it names
    are as they were; else read now, with the paths the checks looked at kept beside."""
    relative = os.path.relpath(path, state.content_root)
    key = state.read_keys.pop(str(path), None)  # the bytes render_ahead read moments ago, kept
    kept = state.read_cache.get(key) if key is not None else None
    data = None
    if kept is None:
        try:
            data = path.read_bytes()
        except OSError:
            data = None
        key = state.read_cache.key(relative, data) if data is not None and kept_readable(relative) else None
        kept = state.read_cache.get(key) if key is not None else None
    if kept is not None:
        read, digest = kept
        if read["html"] is not None:
            state.bodies_kept += 1
        if read["item"] is not None:
            state.record_digests[read["source_path"]] = digest or record_digest(read["item"])
        return read
    with observed_paths() as seen:
        loaded = load(path, state.content_root, state.config, data)
        item = loaded.item
        read = {
            "source_path": loaded.source_path,
            "item": item,
            "problems": list(loaded.problems),
            "broken_numbers": (
                sorted(numbers_written_in(str(path)))
                if item is None and kind_of(loaded.source_path) == DOCUMENT
                else []
            ),
            "html": None,
            "text": None,
            "link_problems": [],
        }
        if item is not None and item.status != "draft":  # scheduled ones too: they go live by themselves
            rendered = state.render_cache.render(item.body)
            html, problems = link_local_files(rendered.html, item.source_path, state.content_root)
            read.update(html=html, text=rendered.text, link_problems=problems)
    digest = record_digest(item) if item is not None else None
    if digest is not None:
        state.record_digests[read["source_path"]] = digest
    if key is not None:
        state.read_cache.put(key, read, seen, digest)
    return read


def finish(settings: dict, failed: tuple[str, ...] = ()) -> list:
    """After every file is read: cross-file checks; stop the build if anything is wrong. `failed`:
    the files Pelican itself could not process after our reader read them (it logs them in English
    and skips them): each becomes a problem, so no document leaves the portal without a word."""
    state = state_for(settings)
    for path in failed:
        state.problems.append(
            Problem(
                path,
                "tệp này không được dựng thành trang (Pelican không xử lý được).",
                "Kiểm tra phần đầu: giá trị có ký tự lạ, số hoặc tên quá dài? Sửa rồi chạy lại; "
                "nếu tệp đã đúng mà vẫn lỗi, báo người quản trị kèm tệp này.",
            )
        )
    state.problems[:0] = tree_problems(state.content_root, list(state.config.static_paths), state.config.file_types)
    for path in state.files:
        if kind_of(path.relative_to(state.content_root).as_posix()) is None:
            state.problems.extend(load(path, state.content_root, state.config).problems)
    state.problems.extend(check_all(state.items))
    state.problems.extend(far_ahead(state.items, state.now))
    # one broken file must not make the others warn that its number is not on the portal
    state.problems[:] = [p for p in _once(state.problems) if p.about is None or p.about not in state.broken_numbers]
    if any(p.is_error for p in state.problems):
        raise ContentError(state.problems)
    return state.problems


_NUMBER_LINE = re.compile(r"^number:\s*[\"']?([^\"'#\n]+?)[\"']?\s*(?:#.*)?$", re.MULTILINE)


def numbers_written_in(path: str) -> set[str]:
    """The number a document file gives, read as plain text (its YAML may be what is broken)."""
    from search.numbers import number_key

    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    return {number_key(match[1]) for match in _NUMBER_LINE.finditer(text) if match[1].strip()}


def _once(problems: list[Problem]) -> list[Problem]:
    """Each problem once: the source is checked before rendering and the page after it, and both
    may see the same link (the one that names its line is kept)."""
    kept: dict[tuple, Problem] = {}
    for problem in problems:
        key = (problem.path, problem.message, problem.field, problem.severity)
        if key not in kept or (problem.line and not kept[key].line):
            kept[key] = problem
    return list(kept.values())


def refuse_unsafe_files(generator) -> None:
    """Drop from Pelican's static files any that may not be published, each reported once.

    The files under STATIC_PATHS were checked with the whole tree (`finish`); this catches
    the rest (a file beside a Markdown file that a body links to), and guarantees that no
    file outside content/ or behind a symbolic link is ever copied, whoever asked for it.
    """
    state = state_for(generator.settings)
    root = state.content_root
    static = tuple(Path(os.path.normpath(root / folder)) for folder in state.config.static_paths)
    kept = []
    for entry in generator.staticfiles:
        source = Path(os.path.normpath(os.path.join(generator.path, entry.source_path)))
        relative = os.path.relpath(source, root).replace(os.sep, "/")
        if real_file_in(root, source) is None:
            state.problems.append(
                Problem(
                    relative,
                    "tệp này nằm ngoài thư mục content/ hoặc đi qua một liên kết tượng trưng (symlink), "
                    "cổng không đăng.",
                    "Chép tệp cần đăng vào content/files/ và liên kết tới nó.",
                )
            )
            continue
        refused = type_problem(source, relative, state.config.file_types)
        if refused:
            if not any(source.is_relative_to(folder) for folder in static):
                state.problems.append(refused)
            continue
        kept.append(entry)
    generator.staticfiles[:] = kept
    generator.context["staticfiles"] = kept
