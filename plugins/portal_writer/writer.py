"""Pelican's Writer, writing only the pages whose fingerprint changed, on every core.

Each page gets a fingerprint of what it shows: what it was given (its template, its address, the
template's arguments, with the code and settings that render it: fingerprint.py) and what its template
read of the site model while it rendered (ledger.py), with the digest of those reads. A page is the
same as the live output's when it was given the same and what it read then is the same in this build's
model. Such a page is hard-linked from
the live output into the staging folder: no rendering, no writing, and the swap stays atomic (the
live files are never written through: a page that must change is a new file). The others are
rendered at the end of the build, in one forked process per core when there are many, with their
precompressed copies (compress.py; portal_build compresses the other files), and the fingerprints of the new output are recorded beside it
(`pages.json` in its private folder, with the digest of every page's bytes, sealed: manifest.py).

The staging folder may start as the previous site (portal_build/spare.py): then it holds the pages its
own `pages.json` lists, and nothing else. A page already there with the fingerprint this build
gives it is kept as it is (no link, no folder to make); one with another fingerprint is removed before
its replacement is linked or rendered; one this build does not write is removed at the end.
"""

import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican.utils import sanitised_join
from pelican.writers import Writer
from portal_content.private import private_of

from .compress import ENCODINGS, link_compressed, write_compressed
from .fingerprint import IGNORED_KWARGS, Digests, base_digest, code_digest
from .ledger import Ledger, as_path, recorded
from .manifest import (
    MANIFEST,
    Fingerprint,
    digest_on_disk,
    fingerprints_of,
    manifest_pages,
    page_digest,
    read_manifest,
    write_manifest,
)

log = logging.getLogger(__name__)
PARALLEL_FROM = 200  # fewer pages to render than this are rendered in the build process itself


class Job:
    """A page to render: Pelican's context (one dict shared by every page: a copy per page was 100 MB at
    10,000 documents) and the page's own arguments, merged when it is rendered."""

    __slots__ = ("context", "given", "kwargs", "name", "page", "template")

    def __init__(self, template, context: dict, kwargs: dict, name: str, page: str, given: str):
        self.template, self.context, self.kwargs = template, context, kwargs
        self.name, self.page, self.given = name, page, given


@dataclass(frozen=True)
class ItemPage:
    """How an item's own page was made in this build: what renders it again from an edited file
    (portal_serve.quick)."""

    template: Any  # the Jinja template
    context: Mapping  # Pelican's context (shared by every page)
    name: str  # the file, from the output's root
    kwargs: Mapping  # the template's arguments: `article` or `page` is the item's Pelican object


class ReusingWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        live = (settings or {}).get("PORTAL_LIVE_OUTPUT")
        self.live = Path(live) if live else None
        from portal_content import current_run

        run = current_run()
        self.key = run.setup.installation  # seals the manifest (manifest.py)
        self.code = code_digest()  # our code and the libraries' versions: read from disk once per build
        self.base = base_digest(self.settings, self.code)
        self.previous, self.previous_digests = self._previous_fingerprints()
        self.spare, self.spare_digests = self._spare_pages()  # pages already in the staging folder (spare.py)
        self.digests: dict[str, str] = {}  # name -> manifest.page_digest of what this build's page holds
        self.emptied: set[str] = set()  # folders of the spare's pages this build removed
        self.item_pages: dict[str, ItemPage] = {}  # source path -> how its page was made
        self.fingerprints: dict[str, Fingerprint] = {}
        self.jobs: list[Job] = []
        self.reused = 0
        self._digests: Digests | None = None
        self._ledger: Ledger | None = None
        run.writer = self  # finish() runs when the build is finalized

    def _previous_fingerprints(self) -> tuple[dict, dict]:
        """The live output's pages: name -> fingerprint, and name -> digest of the bytes the build that
        made them wrote (empty unless its manifest is sealed with this installation's secret)."""
        if self.live is None:
            return {}, {}
        data = read_manifest(private_of(self.live) / MANIFEST, self.key)
        if data is None or data.get("base") != self.base:
            return {}, {}
        return fingerprints_of(data), data["digests"]

    def _spare_pages(self) -> tuple[dict, dict]:
        """The pages the staging folder holds (spare.py: each checked against its digest), name ->
        fingerprint; a fingerprint made with other code or settings is None (the page is there, and is
        replaced); and their digests."""
        manifest = private_of(self.output_path) / MANIFEST
        data = read_manifest(manifest, self.key)
        try:
            manifest.unlink()
        except OSError:
            pass
        if data is None:
            return {}, {}
        if data.get("base") == self.base:
            return fingerprints_of(data), data["digests"]
        return dict.fromkeys(data["pages"]), data["digests"]

    def write_file(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ):
        """As Pelican's, one page: the live page reused when its fingerprint is unchanged. Listings paginate
        themselves (portal_listings.pages), so nothing is paginated here."""
        if not name:
            return
        if relative_urls:
            raise ValueError("the portal writes absolute URLs (RELATIVE_URLS = False)")
        if paginated:
            raise ValueError("listings are paginated by portal_listings.pages, not by the writer")
        self._page(template, context, name, kwargs, override_output)

    def _page(self, template, context: dict, name: str, kwargs: dict, override: bool) -> None:
        if name in self._overridden_files:
            return
        if name in self.fingerprints and not override:
            raise RuntimeError(f"Hai trang cùng ghi vào {name}: lỗi của mã dựng trang, báo cho người phát triển.")
        if override:
            self._overridden_files.add(name)
        site = context.get("site")
        item = kwargs.get("article") or kwargs.get("page")
        if item is not None and hasattr(item, "record"):
            self.item_pages[item.record.source_path] = ItemPage(template, context, name, kwargs)
        given = self._given(template, site, name, kwargs)
        target = sanitised_join(self.output_path, name)
        if name in self.spare:
            kept = self.spare.pop(name)
            if self._same(kept, given, site) and name in self.spare_digests:  # there already, as it must be
                self.fingerprints[name] = kept
                self.digests[name] = self.spare_digests[name]
                self.reused += 1
                return
            _remove_with_copies(target)
        live = self.previous.get(name)
        if self._same(live, given, site) and self._link_live(name, target):
            self.fingerprints[name] = live
            self.reused += 1
            return
        self.fingerprints[name] = Fingerprint(given, "", frozenset())  # made when it is rendered (finish)
        self.jobs.append(Job(template, context, kwargs, str(target), name, given))

    def _given(self, template, site, name: str, kwargs: dict) -> str:
        """The digest of what a page is given: its template and address, the template's arguments, and the
        code, theme and settings that render it."""
        if self._digests is None or self._digests.site is not site:
            self._digests = Digests(site)
            self._ledger = Ledger(self._digests) if site is not None else None
        shown = {k: v for k, v in kwargs.items() if k not in IGNORED_KWARGS}
        return self._digests.of((self.base, template.name, name, shown)).hex()

    def _same(self, kept: Fingerprint | None, given: str, site) -> bool:
        """Whether a page made earlier with fingerprint `kept` is this build's page: given the same, and what
        it read of the site model then is the same in this build's model."""
        if kept is None or kept.given != given:
            return False
        if self._ledger is None:
            return not kept.reads
        return self._ledger.digest(kept.reads) == kept.digest

    def _link_live(self, name: str, target: str) -> bool:
        """Hard-link the live page `name` and its copies to `target`, if what is linked still has the bytes
        the build that made it wrote (strings: this runs for every unchanged page)."""
        recorded = self.previous_digests.get(name)
        if recorded is None:
            return False
        source = os.path.join(self.live, name)
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.link(source, target)
        except OSError:  # there already, the live page is gone, or another file system: render it
            return False
        link_compressed(source, target)  # none for a page too small to have copies
        if digest_on_disk(target) != recorded:  # changed beside the build: rendered again, never kept
            _remove_with_copies(target)
            return False
        self.digests[name] = recorded
        return True

    def finish(self) -> int:
        """Render the pages that changed (on every core when many), then record every page's fingerprint:
        what it was given and what it read of the site model. How many pages were rendered."""
        jobs, self.jobs = self.jobs, []
        for name in self.spare:  # pages of the spare site that this build does not write
            target = sanitised_join(self.output_path, name)
            _remove_with_copies(target)
            self.emptied.add(os.path.dirname(target))
        self.spare = {}
        if len(jobs) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
            rendered = _render_forked(jobs, os.cpu_count() or 1)
        else:
            rendered = dict(_render(job) for job in jobs)
        _PATHS.clear()
        shared: dict[frozenset, frozenset] = {}  # a set of paths kept once, however many pages read it
        for job in jobs:
            digest, reads = rendered.pop(job.page)
            reads = shared.setdefault(reads, reads)
            self.digests[job.page] = digest
            ledger = self._ledger
            self.fingerprints[job.page] = Fingerprint(job.given, ledger.digest(reads) if ledger else "", reads)
        pages, paths = manifest_pages(self.fingerprints)
        write_manifest(
            private_of(self.output_path) / MANIFEST,
            self.base,
            self.code.hex(),
            pages,
            {name: self.digests[name] for name in self.fingerprints if name in self.digests},
            self.key,
            paths,
        )
        return len(jobs)


def _remove_with_copies(target: str) -> None:
    for path in (target, *(target + suffix for suffix in ENCODINGS)):
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass


def page_context(shared: Mapping, name: str, kwargs: Mapping) -> dict:
    """What a page's template renders with: Pelican's context, the page's file and its own arguments (as
    Pelican's writer gives them)."""
    return {**shared, "localsiteurl": shared.get("localsiteurl"), "output_file": name, **kwargs}


_PATHS: dict[tuple, tuple] = {}  # the ledger's paths read in this process, each kept once (writer.finish)


def _render(job: Job) -> tuple[str, tuple[str, frozenset]]:
    """Render and write one page with its copies: (its name, (the digest of what was written, what its
    template read of the site model))."""
    reads: set = set()
    context = page_context(job.context, job.page, job.kwargs)
    if context.get("site") is not None:
        context["site"] = recorded(context["site"], reads)
    data = job.template.render(context).encode("utf-8")
    path = Path(job.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as out:  # a new file, never written through (a link to a live page)
        out.write(data)
    reads = frozenset(_PATHS.setdefault(read, read) for read in reads)  # each path kept once
    return job.page, (page_digest(data, write_compressed(path, data)), reads)


def _render_forked(jobs: list[Job], workers: int) -> dict[str, tuple[str, frozenset]]:
    """Each forked child renders every `workers`-th page and sends back, through a pipe, the digests of
    what it wrote and what each page read; the parent renders its share too, then reads and waits. A child
    that fails fails the build (its traceback is on stderr). Every page's name -> (digest, reads)."""
    import sys
    import traceback

    from portal_content.children import die_with_parent

    children = []
    for index in range(1, workers):
        reading, writing = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: render, and leave without running the parent's cleanup
            status = 0
            try:
                os.close(reading)
                die_with_parent()
                done = [_render(job) for job in jobs[index::workers]]
                numbers = {path: number for number, path in enumerate(_PATHS)}
                pages = {page: [digest, [numbers[path] for path in reads]] for page, (digest, reads) in done}
                sent = {"paths": list(_PATHS), "pages": pages}
                with os.fdopen(writing, "wb") as out:
                    out.write(json.dumps(sent).encode())
            except BaseException:  # noqa: BLE001 - reported, and the build fails below
                traceback.print_exc(file=sys.stderr)
                status = 1
            finally:
                os._exit(status)
        os.close(writing)
        children.append((pid, reading))
    rendered: dict[str, tuple[str, frozenset]] = {}
    failed = 0
    try:
        rendered.update(_render(job) for job in jobs[0::workers])
    finally:
        for pid, reading in children:
            with os.fdopen(reading, "rb") as received:
                sent = received.read()
            if os.waitpid(pid, 0)[1] != 0:
                failed += 1
            else:
                sent = json.loads(sent)
                paths = [as_path(path) for path in sent["paths"]]
                paths = [_PATHS.setdefault(path, path) for path in paths]
                for page, (digest, indices) in sent["pages"].items():
                    rendered[page] = (digest, frozenset(paths[index] for index in indices))
    if failed:
        raise RuntimeError(f"{failed} tiến trình dựng trang bị lỗi (xem thông báo ở trên)")
    return rendered
