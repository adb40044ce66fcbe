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
from .run import Bodies, PhaseError, Records, Run, Setup, Written, current_run, run_if_any, running

__all__ = [
    "Attachment",
    "Bodies",
    "ContentConfig",
    "ContentError",
    "Item",
    "Leader",
    "LegalDocument",
    "Loaded",
    "NewsItem",
    "PhaseError",
    "Problem",
    "Question",
    "Records",
    "Run",
    "Setup",
    "StandingPage",
    "State",
    "Unit",
    "Written",
    "build_moment",
    "content_config",
    "current_run",
    "load",
    "register",
    "report",
    "run_if_any",
    "running",
    "state_of",
    "stop_on_problems",
]


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


def stop_on_problems(settings: dict, problems: tuple) -> None:
    """Once the site model is made (portal_site calls this): stop with every problem if one is an error.
    Under `invoke build` and `invoke check` the caller reports them; under Pelican's own command
    (`pelican content`) they are reported here, in Vietnamese, and the run ends with status 1 instead of
    a traceback."""
    if not any(problem.is_error for problem in problems):
        return
    if settings.get("PORTAL_LIVE_OUTPUT") or settings.get("PORTAL_CHECK_ONLY"):
        raise ContentError(list(problems))
    import sys

    print(report(list(problems)), file=sys.stderr)
    print(
        "Không xuất bản gì. Sửa các lỗi trên rồi chạy lại (invoke build, hoặc invoke serve --watch để xem trước).",
        file=sys.stderr,
    )
    raise SystemExit(1) from None


def begin_run(generator) -> None:
    """Each Pelican run begins a run of its own when it starts reading (run.py): `pelican -r` runs again
    in one process, and would otherwise see every file twice (each document a duplicate of itself)."""
    from .pelican_reader import kept_readable
    from .run import begin

    begin(generator.settings, kept_readable)


def prune_render_cache(pelican) -> None:
    """After a build: forget rendered bodies and read files that no build has used for a while."""
    from .render_cache import KEEP_UNUSED_DAYS

    run = run_if_any()
    if run is not None:
        run.setup.render_cache.prune()
        run.setup.read_cache.prune(KEEP_UNUSED_DAYS)


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
    signals.article_generator_init.connect(begin_run)
    signals.article_generator_finalized.connect(link_files)
    signals.page_generator_finalized.connect(link_files)
    signals.static_generator_finalized.connect(refuse_unsafe_files)
    signals.finalized.connect(prune_render_cache)
