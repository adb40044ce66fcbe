"""One build's run: what it set out with and what each phase handed the next, kept where the plugins find
it (`current_run`), never in Pelican's settings or context.

A run is phases, each handing the next a frozen value, each set once:

- `setup` (`Setup`): what the run starts from: the checked content settings, the clock, the installation's
  secret, the files, the caches. Made when Pelican starts reading (`begin`).
- `records` (`Records`): every record and every problem the reader found, with the cross-file checks;
  frozen once Pelican has read every file (portal_content.pelican_reader.finish_reading). Until then the
  reader fills a `Reading`, the one thing of a run that grows, and nothing else reads it.
- `site` (portal_site.Site) and `problems`: the site model and every problem of the build, set together
  by portal_site when the model is made. The writers (the templates, the feeds, the search index, the
  page writer) read these.
- `written` (`Written`): what the page writer rendered and reused, set when it has finished.

Beside them a run holds what it started and must finish or cancel: the search index written in the
background (`search_job`, its report once) and the page writer Pelican made (`writer`).

The build driver (portal_build: `invoke build`, `invoke check`) runs Pelican inside `running()`, so a run
never outlives its build nor is seen by the next; under Pelican's own command (`pelican content`,
`pelican -r`) each of Pelican's runs begins a run of its own the same way.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import MappingProxyType

from .checking import content_files
from .config import ContentConfig, content_config
from .installation import installation_secret
from .problems import Invalid, Problem
from .publishing import build_moment
from .read_cache import ReadCache
from .render_cache import RenderCache, render_ahead
from .settings_check import check_settings

READER = Path(__file__).with_name("pelican_reader.py")  # its code, and what it imports, seals the read cache

_CURRENT: ContextVar[Run | None] = ContextVar("portal_run", default=None)


class PhaseError(RuntimeError):
    """A phase's value asked for before the phase ran, or set twice: a plugin out of order."""


@dataclass(frozen=True)
class Setup:
    config: ContentConfig
    content_root: Path
    now: datetime
    installation: bytes | None  # what seals the caches and the spare site
    files: tuple[Path, ...]  # every Markdown file, as the build started
    problems: tuple[Problem, ...]  # in the settings themselves
    render_cache: RenderCache
    read_cache: ReadCache

    @classmethod
    def of(cls, settings: Mapping) -> Setup:
        from portal_code import code_fingerprint

        config = content_config(settings)
        root = Path(os.path.abspath(settings["PATH"]))
        problems = list(check_settings(settings))
        try:
            now = build_moment(settings.get("PORTAL_TODAY"))
        except Invalid as error:
            now = build_moment(None)
            problems.append(Problem("PORTAL_TODAY", error.message, error.hint))
        installation = installation_secret(settings)
        # what reading a file depends on besides the file: the code that reads it, the content settings
        # and where the content is
        salt = hashlib.blake2b(code_fingerprint(READER), digest_size=32)
        salt.update(repr(config).encode())
        salt.update(str(root).encode())
        cache = settings.get("PORTAL_CACHE_PATH")
        return cls(
            config=config,
            content_root=root,
            now=now,
            installation=installation,
            files=tuple(content_files(root)),
            problems=tuple(problems),
            render_cache=RenderCache(cache, installation),
            read_cache=ReadCache(read_cache_folder(cache), salt.digest(), installation),
        )


def read_cache_folder(render_cache: str | None) -> Path | None:
    """Beside the render cache: cache/render -> cache/render-read."""
    return Path(f"{render_cache}-read") if render_cache else None


class Reading:
    """What the reader has found so far, while Pelican reads: filled by the reader (and the check of the
    static files), read by nothing else, closed into `Records`."""

    def __init__(self, setup: Setup, kept_readable):
        self.items: list = []
        self.record_digests: dict[str, bytes] = {}  # source path -> model.record_digest of its record
        self.problems: list[Problem] = list(setup.problems)
        self.broken_numbers: set[str] = set()  # number_key of documents whose file has an error
        self.bodies_kept = 0  # bodies that came with a file from the read cache
        self.read_keys: dict[str, str] = {}  # path -> read-cache key of the bytes render_ahead read, held
        self._setup, self._kept_readable = setup, kept_readable
        self.rendered_ahead = render_ahead(setup.render_cache, list(setup.files), kept=self._kept)

    def _kept(self, path: Path, data: bytes) -> bool:
        """Whether the read cache holds what reading `path` with these bytes gives (render_ahead). The key
        is kept for the reader, which then need not read the file again."""
        relative = os.path.relpath(path, self._setup.content_root)
        if not self._kept_readable(relative):
            return False
        key = self._setup.read_cache.key(relative, data)
        if not self._setup.read_cache.holds(key):
            return False
        self.read_keys[str(path)] = key
        return True

    def bodies(self) -> Bodies:
        cache = self._setup.render_cache
        return Bodies(self.rendered_ahead + cache.rendered, cache.reused + self.bodies_kept - self.rendered_ahead)


@dataclass(frozen=True)
class Bodies:
    """How many bodies a build rendered, and how many it read back from the cache."""

    rendered: int
    reused: int


@dataclass(frozen=True)
class Records:
    """The read phase's value: every record read, and every problem found reading them."""

    items: tuple
    record_digests: Mapping[str, bytes]
    problems: tuple[Problem, ...]
    broken_numbers: frozenset[str]
    bodies: Bodies


@dataclass(frozen=True)
class Written:
    """The page writer's value: pages rendered, pages linked unchanged, the spare's folders it emptied, and
    how each item's own page was made (source path -> portal_writer.ItemPage: what the preview renders an
    edited file's page again with, portal_serve.quick)."""

    pages_rendered: int
    pages_reused: int
    emptied: frozenset[str]
    item_pages: Mapping = field(default_factory=lambda: frozen_mapping({}))


class Run:
    def __init__(self, setup: Setup, reading: Reading):
        self.setup = setup
        self.reading: Reading | None = reading
        self._records: Records | None = None
        self._site = None
        self._problems: tuple[Problem, ...] | None = None
        self._written: Written | None = None
        self.history_seconds = 0.0  # reading the history from git (portal_history), for `invoke bench`
        self.search_job = None  # the search index, written in the background (portal_search_index)
        self._search_report = None
        self.writer = None  # the page writer Pelican made (portal_writer), finished when Pelican is done

    @property
    def now(self) -> datetime:
        return self.setup.now

    @property
    def records(self) -> Records:
        return _given(self._records, "records")

    def close_reading(self, records: Records) -> Records:
        self._records = _once(self._records, records, "records")
        self.reading = None
        return records

    @property
    def site(self):
        return _given(self._site, "site")

    @property
    def has_site(self) -> bool:
        return self._site is not None

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem of the build, errors and warnings; those read so far before the site is made."""
        if self._problems is not None:
            return self._problems
        if self._records is not None:
            return self._records.problems
        return tuple(self.reading.problems) if self.reading is not None else ()

    def made(self, site, problems: tuple[Problem, ...]) -> None:
        """The model phase's value: the site, and with it every problem of the build."""
        self._problems = _once(self._problems, tuple(problems), "problems")
        self._site = _once(self._site, site, "site")

    @property
    def written(self) -> Written | None:
        return self._written

    def wrote(self, written: Written) -> None:
        self._written = _once(self._written, written, "written")

    def search_report(self):
        """The search index this run wrote, complete (search.indexer.IndexReport); None when it writes none
        (`invoke check`). Waits for it the first time."""
        if self.search_job is not None and self._search_report is None:
            self._search_report = self.search_job.result()
        return self._search_report


def _given(value, name: str):
    if value is None:
        raise PhaseError(f"the run's {name} are asked for before the phase that makes them ran")
    return value


def _once(old, new, name: str):
    if old is not None:
        raise PhaseError(f"the run's {name} are set twice")
    return new


def frozen_mapping(values: dict) -> Mapping:
    return MappingProxyType(dict(values))


def begin(settings: Mapping, kept_readable) -> Run:
    """A new run for a Pelican run that starts reading with these settings, found from now on by
    `current_run`. `kept_readable(relative path)`: whether what reading that file gives may be cached."""
    setup = Setup.of(settings)
    run = Run(setup, Reading(setup, kept_readable))
    _CURRENT.set(run)
    return run


def current_run() -> Run:
    """The run under way in this thread."""
    run = _CURRENT.get()
    if run is None:
        raise PhaseError("no build is running: Pelican has not started reading")
    return run


def run_if_any() -> Run | None:
    return _CURRENT.get()


@contextmanager
def running() -> Iterator[None]:
    """The driver's: the run Pelican begins inside is gone, with everything it held, when the block ends."""
    token = _CURRENT.set(None)
    try:
        yield
    finally:
        _CURRENT.reset(token)
