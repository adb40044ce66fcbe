"""The Pelican side: a reader for our Markdown files, and the build's shared state.

The reader never raises: a file with problems is recorded and skipped, and the
build is stopped after every file has been read (see `finish`), so that one run
lists every problem.
"""

from dataclasses import dataclass
from pathlib import Path

from pelican.contents import Category, Tag
from pelican.readers import BaseReader

from .checks import check_all
from .config import content_config
from .checking import content_files
from .loading import kind_of, load
from .model import DOCUMENT, NEWS
from .problems import ContentError, Invalid, Problem
from .publishing import build_moment, state_of
from .render_cache import RenderCache, render_ahead
from .rendering import link_local_files

STATE_KEY = "PORTAL_CONTENT_STATE"
TEMPLATES = {NEWS: "news", DOCUMENT: "document", "page": "page"}


class BuildState:
    """What one Pelican run learns about the content: every record and every problem."""

    def __init__(self, settings: dict):
        self.config = content_config(settings)
        self.content_root = Path(settings["PATH"]).resolve()
        self.items = []
        self.problems = []
        try:
            self.now = build_moment(settings.get("PORTAL_TODAY"))
        except Invalid as error:
            self.now = build_moment(None)
            self.problems.append(Problem("PORTAL_TODAY", error.message, error.hint))
        self.render_cache = RenderCache(settings.get("PORTAL_CACHE_PATH"))
        self.rendered_ahead = render_ahead(self.render_cache, content_files(self.content_root))

    @property
    def bodies(self) -> "Bodies":
        """How many bodies this build rendered, and how many it read back from the cache."""
        cache = self.render_cache
        return Bodies(self.rendered_ahead + cache.rendered, cache.reused - self.rendered_ahead)


@dataclass(frozen=True)
class Bodies:
    rendered: int
    reused: int


def state_for(settings: dict) -> BuildState:
    if STATE_KEY not in settings:
        settings[STATE_KEY] = BuildState(settings)
    return settings[STATE_KEY]


class PortalMarkdownReader(BaseReader):
    enabled = True
    file_extensions = ["md", "markdown"]

    def read(self, source_path):
        state = state_for(self.settings)
        loaded = load(Path(source_path).resolve(), state.content_root, state.config)
        state.problems.extend(loaded.problems)
        item = loaded.item
        if item is None:
            return "", {"title": loaded.source_path, "status": "skip"}
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
            "tags": [Tag(tag, self.settings) for tag in item.tags],
        }
        if item.kind == NEWS:
            metadata["category"] = Category(item.section, self.settings)
        elif item.kind == DOCUMENT:
            metadata["category"] = Category(item.doc_type, self.settings)
        if item.modified:
            metadata["modified"] = item.modified
        if item.summary:
            metadata["summary"] = item.summary
        if publishing.pelican_status == "skip":
            return "", metadata
        rendered = state.render_cache.render(item.body)
        metadata["body_text"] = rendered.text  # for the search index
        html, problems = link_local_files(rendered.html, item.source_path, state.content_root)
        state.problems.extend(problems)
        return html, metadata


def finish(settings: dict) -> list:
    """After every file is read: cross-file checks; stop the build if anything is wrong."""
    state = state_for(settings)
    for path in content_files(state.content_root):
        if kind_of(path.relative_to(state.content_root).as_posix()) is None:
            state.problems.extend(load(path, state.content_root, state.config).problems)
    state.problems.extend(check_all(state.items))
    if any(p.is_error for p in state.problems):
        raise ContentError(state.problems)
    return state.problems
