"""Content for a Vietnamese government portal: news, legal documents and pages
written as Markdown with a YAML header, read into typed records and validated.

Every problem in every file is collected; after all files are read the build
stops with all of them (ContentError) if any is an error.
"""

from .config import ContentConfig, content_config
from .loading import Loaded, load
from .model import Attachment, Item, Leader, LegalDocument, NewsItem, Question, StandingPage, Unit
from .problems import ContentError, Problem, report
from .publishing import State, build_moment, state_of

__all__ = [
    "Attachment",
    "ContentConfig",
    "ContentError",
    "Item",
    "Leader",
    "LegalDocument",
    "Loaded",
    "NewsItem",
    "Problem",
    "Question",
    "StandingPage",
    "State",
    "Unit",
    "build_moment",
    "build_state",
    "content_config",
    "load",
    "problems_of",
    "register",
    "report",
    "state_of",
    "stop_on_problems",
]


def build_state(settings: dict):
    """The running build's records, problems and clock (`.now`), shared by our plugins."""
    from .pelican_reader import state_for

    return state_for(settings)


def problems_of(settings: dict) -> list:
    """Every problem (warnings included) a Pelican run with these settings found."""
    from .pelican_reader import STATE_KEY

    state = settings.get(STATE_KEY)
    return list(state.problems) if state else []


def add_reader(readers) -> None:
    from .pelican_reader import PortalMarkdownReader

    for extension in PortalMarkdownReader.file_extensions:
        readers.reader_classes[extension] = PortalMarkdownReader


def link_files(generator) -> None:
    """Have Pelican copy the files that built items name (images, attachments)."""
    items = (
        getattr(generator, "articles", [])
        + getattr(generator, "hidden_articles", [])
        + getattr(generator, "pages", [])
        + getattr(generator, "hidden_pages", [])
    )
    links = generator.context["static_links"]
    for content in items:
        record = content.record
        links.update(attachment.path for attachment in getattr(record, "attachments", ()))
        if getattr(record, "image", None):
            links.add(record.image)


def refuse_unsafe_files(generator) -> None:
    from .pelican_reader import refuse_unsafe_files as refuse

    refuse(generator)


def stop_on_problems(generators) -> None:
    """After every file is read and the site model made (portal_site calls this): stop with every problem. Under `invoke build` and `invoke check` the
    caller reports them; under Pelican's own command (`pelican content`) they are reported here, in
    Vietnamese, and the run ends with status 1 instead of a traceback."""
    from .pelican_reader import finish

    settings = generators[0].settings
    context = generators[0].context
    failed = tuple(sorted(path for path, content in context.get("generated_content", {}).items() if content is None))
    try:
        finish(settings, failed)
    except ContentError as error:
        if settings.get("PORTAL_LIVE_OUTPUT") or settings.get("PORTAL_CHECK_ONLY"):
            raise
        import sys

        print(report(error.problems), file=sys.stderr)
        print(
            "Không xuất bản gì. Sửa các lỗi trên rồi chạy lại (invoke build, hoặc invoke serve --watch để xem trước).",
            file=sys.stderr,
        )
        raise SystemExit(1) from None


def fresh_state(generator) -> None:
    """Each run starts from nothing: `pelican -r` runs again in one process, and would otherwise see
    every file twice (each document a duplicate of itself)."""
    from .pelican_reader import STATE_KEY, BuildState

    generator.settings[STATE_KEY] = BuildState(generator.settings)


def prune_render_cache(pelican) -> None:
    """After a build: forget rendered bodies and read files that no build has used for a while."""
    from .pelican_reader import STATE_KEY
    from .render_cache import KEEP_UNUSED_DAYS

    state = pelican.settings.get(STATE_KEY)
    if state is not None:
        state.render_cache.prune()
        state.read_cache.prune(KEEP_UNUSED_DAYS)


class _ReportedInVietnamese:
    """Pelican's own English warning about two items with one URL, and its "Could not process" for a file
    it skipped: the content checks report the same in Vietnamese, with the fix ("trùng đường dẫn … với …";
    `finish` names every skipped file), so staff get that message alone."""

    def filter(self, record) -> bool:
        message = str(record.msg)
        if message.startswith("Could not process"):
            return False
        return not message.startswith("There are %s items") and "with slug" not in str(record.getMessage())


def register() -> None:
    import logging

    from pelican import signals

    for name in ("pelican.utils", "pelican.generators"):
        log = logging.getLogger(name)
        if not any(isinstance(f, _ReportedInVietnamese) for f in log.filters):
            log.addFilter(_ReportedInVietnamese())

    signals.readers_init.connect(add_reader)
    signals.article_generator_init.connect(fresh_state)
    signals.article_generator_finalized.connect(link_files)
    signals.page_generator_finalized.connect(link_files)
    signals.static_generator_finalized.connect(refuse_unsafe_files)
    signals.finalized.connect(prune_render_cache)
