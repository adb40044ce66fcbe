"""One build: Pelican into a staging folder, then the swap.

The staging folder is a release: the site, `<staging>/<output's name>/`, and beside it its private folder
(the search index and the servers' files, portal_content.private), swapped in together (swap.py).
"""

import logging
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .guard import (
    content_folder_problem,
    exclusive,
    fault_problem,
    make_servable,
    mount_point_problem,
    remove_leftovers,
)
from .spare import remove_empty_folders, spare_of, take_spare, trim_to_pages
from .swap import remove_in_background, swap_release
from .unchanged import finish_files


@dataclass
class BuildResult:
    ok: bool
    output: Path
    problems: list = field(default_factory=list)  # portal_content.Problem, errors and warnings
    pages: int = 0
    index: object = None  # search.indexer.IndexReport: what the search index added, updated, deleted
    next_changes: list = field(default_factory=list)  # portal_schedule.Change, soonest first
    bodies: object = None  # portal_content.Bodies: bodies rendered, and read back from the cache
    pages_rendered: int = 0  # HTML pages rendered by this build (portal_writer)
    pages_reused: int = 0  # HTML pages unchanged, linked from the live output
    review: object = None  # portal_review.Review when review is on: the approved commit, what waits
    preview: bool = False  # built from the working tree, waiting items marked (never the public output)
    history_note: str = ""  # why pages have no history (portal_history): no git, a shallow clone
    history_seconds: float = 0.0  # reading the history from git
    review_seconds: float = 0.0  # deciding what is approved and writing its content (portal_review)
    addresses: dict = field(default_factory=dict)  # source path -> address of each item built (the editor's preview)
    last: "LastBuild | None" = None  # a preview build's model and pages, for the page being edited (portal_serve.quick)


@dataclass(frozen=True)
class LastBuild:
    """What a preview build leaves for the preview to render an edited file's page at once, from this build's
    model, while the next build runs (portal_serve.quick)."""

    site: object  # portal_site.Site
    setup: object  # portal_content.Setup: the content's configuration, the render cache
    item_pages: object  # source path -> portal_writer.ItemPage


def build(
    settings_file: Path, content: Path | None = None, output: Path | None = None, overrides: dict | None = None
) -> BuildResult:
    """Build the site; publish it to `output` only if there is no error in the content.

    `overrides` are settings that win over the settings file (tests use PORTAL_TODAY). One build
    of an output runs at a time; a full disk or a read-only folder ends in a problem, not a traceback.
    With review on (portal_review) the build reads the approved state of the content, or, with
    `preview`, the working tree with each waiting item marked, into an output that is not the public one.
    """
    from pelican.settings import read_settings

    override = {**(overrides or {}), "DELETE_OUTPUT_DIRECTORY": False}
    preview = bool(override.pop("PORTAL_PREVIEW", False))
    if content:
        override["PATH"] = str(Path(content).resolve())
        missing = content_folder_problem(Path(override["PATH"]))
        if missing is not None:
            return BuildResult(False, Path(output or "output").resolve(), [missing])
    settings = read_settings(str(settings_file), override=override)
    output = Path(output or settings["OUTPUT_PATH"]).resolve()
    mounted = mount_point_problem(output)
    if mounted is not None:
        return BuildResult(False, output, [mounted])
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with exclusive(output):
            remove_leftovers(output)
            return _build_reviewed(settings, output, preview, Path(settings_file).resolve().parent)
    except OSError as error:
        return BuildResult(False, output, [fault_problem(error, output)])


def _build_reviewed(settings: dict, output: Path, preview: bool, base: Path) -> BuildResult:
    """The build of what review lets this output show (all of the content when review is off)."""
    from portal_review import ReviewStopped, plan_build

    started = time.perf_counter()
    try:
        plan = plan_build(Path(settings["PATH"]), settings, output, preview, base)
    except ReviewStopped as stopped:
        return BuildResult(False, output, stopped.problems, preview=preview)
    planned = time.perf_counter() - started
    settings["PATH"] = str(plan.content)
    settings["PORTAL_WAITING"] = plan.waiting  # None but in the preview
    if plan.review is not None and not preview:  # the approved commit's history, not the snapshot's (none)
        review = plan.review
        settings["PORTAL_HISTORY_SOURCE"] = {
            "root": str(review.repository.root),
            "commit": review.approved.commit,
            "content": review.content,
            "reviewers": review.reviewers,
            "sections": (settings.get("PORTAL_REVIEW") or {}).get("sections") or {},
        }
    result = _build_locked(settings, output)
    result.review, result.preview, result.review_seconds = plan.review, preview, planned
    if not preview:
        result.last = None  # the model is not kept beyond a public build
    if plan.review is not None:
        result.problems = list(plan.review.warnings) + list(result.problems)
    if result.ok:
        plan.remember()
    return result


def _build_locked(settings: dict, output: Path) -> BuildResult:
    from portal_content import running

    with running():  # the run Pelican begins (portal_content.run) ends with this build
        return _build_run(settings, output)


def _build_run(settings: dict, output: Path) -> BuildResult:
    from pelican import Pelican
    from portal_content import ContentError, current_run
    from portal_content.private import private_of
    from portal_search_index import switch_to_new_index, wait_for_index

    release = Path(tempfile.mkdtemp(prefix=f".{output.name}.building-", dir=output.parent))
    staging = release / output.name
    settings["OUTPUT_PATH"] = str(staging)
    settings["PORTAL_LIVE_OUTPUT"] = str(output)  # the search index starts from the live one
    spare = take_spare(output, release)  # the release the last swap replaced: its folders and pages (spare.py)
    if not spare:
        staging.mkdir()
        private_of(staging).mkdir()
    try:
        try:
            emptied = _trim(staging, output, _installation(settings)) if spare else set()
            started = time.time()
            _quiet(Pelican(settings).run)
            run = current_run()
            index = wait_for_index()  # complete before the swap (the page writer waited for it already)
        except ContentError as error:
            _cancel_background()
            _discard(release, output, spare)
            return BuildResult(False, output, error.problems)
        site, written = run.site, run.written
        if written is not None:
            emptied |= written.emptied
        remove_empty_folders(staging, emptied)
        pages = finish_files(staging, output, started).pages
        make_servable(staging)
        make_servable(private_of(staging))  # read by the services, which may run as another user
        switch_to_new_index(settings, index)
        swap_release(release, output, keep_as=spare_of(output))
        return BuildResult(
            True,
            output,
            list(run.problems),
            pages,
            index,
            list(site.next_changes),
            run.records.bodies,
            written.pages_rendered if written else 0,
            written.pages_reused if written else 0,
            history_note=site.history_note,
            history_seconds=run.history_seconds,
            addresses={path: entry.url for path, entry in site.entries.items()},
            last=LastBuild(site, run.setup, written.item_pages if written else {}),
        )
    except BaseException:
        _cancel_background()
        _discard(release, output, spare)
        raise


def _trim(staging: Path, output: Path, key: bytes | None) -> set:
    """The spare trimmed to its pages (spare.py), if this installation and today's code made it."""
    from portal_writer.fingerprint import code_digest

    return trim_to_pages(staging, output, code_digest().hex(), key) or set()


def _installation(settings: dict) -> bytes | None:
    from portal_content.installation import installation_secret

    return installation_secret(settings)


def _discard(staging: Path, output: Path, large: bool) -> None:
    """Remove a staging folder; in the background when it started as the spare (a whole site)."""
    if large and staging.exists():
        remove_in_background(staging, output)
    else:
        shutil.rmtree(staging, ignore_errors=True)


def _cancel_background() -> None:
    """Stop work that plugins started beside the build (the search index) before its folder goes."""
    from portal_content import run_if_any

    run = run_if_any()
    if run is not None and run.search_job is not None:
        run.search_job.cancel()


def _quiet(run) -> None:
    """Pelican logs a line per file written; keep its warnings and errors only. Its closing line ("Done:
    Processed 27 articles …", in English, counting what Pelican calls articles) is dropped: the build's own
    summary (tasks.py) says what was published, in Vietnamese."""
    from pelican.log import console

    logger = logging.getLogger("pelican")
    level = logger.level
    if level < logging.WARNING:
        logger.setLevel(logging.WARNING)
    said = console.print

    def print_but_the_tally(*args, **kwargs):
        if args and str(args[0]).startswith("Done: Processed"):
            return None
        return said(*args, **kwargs)

    console.print = print_but_the_tally
    try:
        run()
    finally:
        logger.setLevel(level)
        console.print = said
