"""Rendered bodies kept between builds, and rendered on every core when many are new.

Turning a body's Markdown into sanitized HTML (Markdown, then the sanitizer) is most of the
cost of reading a file. Its result depends only on the body's text and on the code
that renders it, so it is kept on disk under a hash of both: a build after an edit
renders the edited body and reads every other one back. Any change to the renderer,
the sanitizer's policy, the slugs of headings or the library versions changes the
hash, so an entry can never be stale. Each entry also holds the body's plain text,
which the search index needs. An entry is sealed with a keyed hash of its bytes: one changed
byte (a bad disk, a hand edit) and the entry is thrown away and the body rendered again, so
the cache can make a build slower, never different.

A cold build (many bodies not in the cache) first renders them in one worker
process per core, each writing its entries; the reader then finds them all.
"""

import hashlib
import logging
import marshal
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from portal_sanitize import to_text

from .children import die_with_parent
from .sealed import SealedEntries

log = logging.getLogger(__name__)

PARALLEL_FROM = 64  # fewer new bodies than this are rendered in the build process itself
KEEP_UNUSED_DAYS = 14  # entries no build used for this long are removed


def _fingerprint() -> bytes:
    """The renderer itself: every module of ours it imports, transitively (the sanitizer's policy, the
    slugs of headings in portal_text and search/text.py …), and the versions of the libraries they use."""
    from portal_code import code_fingerprint

    here = Path(__file__).resolve().parent
    return code_fingerprint(here / "rendering.py", here / "render_cache.py")


@dataclass(frozen=True)
class Rendered:
    html: str  # sanitized, before links to content files are resolved
    text: str  # the same body as plain text


class RenderCache:
    def __init__(self, folder: Path | None, installation: bytes | None = None):
        """`installation`: this installation's secret (installation.py); without it nothing is kept."""
        self.folder = Path(folder) if folder and installation else None
        self._fingerprint = _fingerprint()
        self._entries = SealedEntries(self.folder, self._fingerprint, "render cache", installation)
        self._renderer = None
        self.rendered = 0  # bodies rendered by this process
        self.reused = 0  # bodies read back from the cache

    def key(self, body: str) -> str:
        return hashlib.blake2b(body.encode(), digest_size=20, key=self._fingerprint).hexdigest()

    def path(self, key: str) -> Path:
        """Where the entry for `key` is (or would be) on disk."""
        return self._entries.path(key)

    def render(self, body: str) -> Rendered:
        """The body rendered: from the cache when it holds it, else rendered now and stored."""
        key = self.key(body)
        found = self._entries.read(key, _decoded)
        if found is not None:
            self.reused += 1
            return found
        rendered = self._render(body)
        self.rendered += 1
        self._entries.write(key, marshal.dumps((rendered.html, rendered.text)))
        return rendered

    def _render(self, body: str) -> Rendered:
        from .rendering import MarkdownRenderer

        if self._renderer is None:
            self._renderer = MarkdownRenderer()
        html = self._renderer.render(body)
        return Rendered(html, to_text(html))

    def prune(self, days: float = KEEP_UNUSED_DAYS) -> int:
        """Remove entries that no build has used for `days` (at most once a day); how many were removed."""
        return self._entries.prune_daily(days)


def _decoded(payload: bytes) -> Rendered:
    html, text = marshal.loads(payload)
    if not isinstance(html, str) or not isinstance(text, str):
        raise TypeError("shape")
    return Rendered(html, text)


# --------------------------------------------------------------------------- many bodies at once

_pending: list[str] = []  # the bodies to render, set before the workers are forked
_worker_cache: RenderCache | None = None


def _render_pending(index: int) -> None:
    """In a worker: render one of the pending bodies into the cache."""
    _worker_cache.render(_pending[index])


def render_ahead(
    cache: RenderCache, paths: list[Path], workers: int | None = None, kept: Callable[[Path, bytes], bool] | None = None
) -> int:
    """Render the bodies of `paths` not yet in the cache, in parallel; how many were rendered.

    `kept(path, data)` says that reading the file `path` with bytes `data` is kept already (the read
    cache holds its body): such a file is not even split (at 12,000 files that was 2 s of every rebuild).

    Does nothing where it cannot help: no cache on disk, one core, few new bodies, or no
    `fork` (worker processes then would have to import everything again). A file that cannot
    be read or split is left to the build's reader, which reports it. A worker that dies
    (killed, out of memory) breaks the pool at once rather than hanging it: the bodies not yet
    rendered are then rendered by the build's reader, in this process.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from .front_matter import split
    from .problems import Invalid

    global _pending, _worker_cache
    workers = workers or os.cpu_count() or 1
    if cache.folder is None or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    new = {}  # key -> body: a body written in two files is rendered once
    for path in paths:
        try:
            data = path.read_bytes()
            if kept is not None and kept(path, data):
                continue
            _, body, _ = split(data.decode("utf-8"))
        except (OSError, UnicodeDecodeError, Invalid):
            continue
        key = cache.key(body)
        if key not in new and not cache.path(key).is_file():
            new[key] = body
    if len(new) < PARALLEL_FROM:
        return 0
    _pending, _worker_cache = list(new.values()), cache
    try:
        with ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("fork"), initializer=die_with_parent
        ) as pool:
            for _ in pool.map(_render_pending, range(len(_pending)), chunksize=16):
                pass
    except BrokenProcessPool:
        log.warning("render cache: a worker process died; the remaining bodies are rendered by the build itself")
        return sum(1 for key in new if cache.path(key).is_file())
    finally:
        _pending, _worker_cache = [], None
    return len(new)
