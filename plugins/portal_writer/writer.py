"""Pelican's Writer, writing only the pages whose fingerprint changed, on every core.

Each page (each page of a paginated listing too) gets the fingerprint of what it shows
(fingerprint.py). A page whose fingerprint is the one the live output recorded is hard-linked from
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
from pathlib import Path

from pelican.utils import sanitised_join
from pelican.writers import Writer
from portal_content.private import private_of

from .compress import ENCODINGS, link_compressed, write_compressed
from .fingerprint import IGNORED_KWARGS, Digests, base_digest, code_digest, site_parts
from .manifest import MANIFEST, digest_on_disk, page_digest, read_manifest, write_manifest

log = logging.getLogger(__name__)
PARALLEL_FROM = 200  # fewer pages to render than this are rendered in the build process itself


class Job:
    __slots__ = ("context", "name", "template")

    def __init__(self, template, context: dict, name: str):
        self.template, self.context, self.name = template, context, name


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
        self.fingerprints: dict[str, str] = {}
        self.jobs: list[Job] = []
        self.reused = 0
        self._digests = None
        run.writer = self  # finish() runs when the build is finalized

    def _previous_fingerprints(self) -> tuple[dict, dict]:
        """The live output's pages: name -> fingerprint, and name -> digest of the bytes the build that
        made them wrote (empty unless its manifest is sealed with this installation's secret)."""
        if self.live is None:
            return {}, {}
        data = read_manifest(private_of(self.live) / MANIFEST, self.key)
        if data is None or data.get("base") != self.base:
            return {}, {}
        return data["pages"], data["digests"]

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
        same = data.get("base") == self.base
        pages = {name: fingerprint if same else None for name, fingerprint in data["pages"].items()}
        return pages, data["digests"]

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
        fingerprint = self._fingerprint(template, context, name, kwargs)
        self.fingerprints[name] = fingerprint
        target = sanitised_join(self.output_path, name)
        if name in self.spare:
            if self.spare.pop(name) == fingerprint and name in self.spare_digests:  # there already, as it must be
                self.digests[name] = self.spare_digests[name]
                self.reused += 1
                return
            _remove_with_copies(target)
        if self.previous.get(name) == fingerprint and self._link_live(name, target):
            self.reused += 1
            return
        local = {**context, "localsiteurl": context.get("localsiteurl"), "output_file": name, **kwargs}
        self.jobs.append(Job(template, local, str(target)))

    def _fingerprint(self, template, context: dict, name: str, kwargs: dict) -> str:
        site = context.get("site")
        if self._digests is None or self._digests.site is not site:
            self._digests = Digests(site)
        shown = {k: v for k, v in kwargs.items() if k not in IGNORED_KWARGS}
        parts = (
            self.base,
            template.name,
            name,
            shown,
            site_parts(self._digests, template.name, kwargs) if site else None,
        )
        return self._digests.of(parts).hex()

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
        """Render the pages that changed (on every core when many), then record every page's fingerprint.
        How many pages were rendered."""
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
        root = os.path.join(os.path.abspath(self.output_path), "")
        self.digests.update((path.removeprefix(root), digest) for path, digest in rendered.items())
        write_manifest(
            private_of(self.output_path) / MANIFEST,
            self.base,
            self.code.hex(),
            self.fingerprints,
            {name: self.digests[name] for name in self.fingerprints if name in self.digests},
            self.key,
        )
        return len(jobs)


def _remove_with_copies(target: str) -> None:
    for path in (target, *(target + suffix for suffix in ENCODINGS)):
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass


def _render(job: Job) -> tuple[str, str]:
    """Render and write one page with its copies: (its path, the digest of what was written)."""
    data = job.template.render(job.context).encode("utf-8")
    path = Path(job.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as out:  # a new file, never written through (a link to a live page)
        out.write(data)
    return job.name, page_digest(data, write_compressed(path, data))


def _render_forked(jobs: list[Job], workers: int) -> dict[str, str]:
    """Each forked child renders every `workers`-th page and sends back the digests of what it wrote
    through a pipe; the parent renders its share too, then reads and waits. A child that fails fails the
    build (its traceback is on stderr). Every page's path -> digest."""
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
                done = dict(_render(job) for job in jobs[index::workers])
                with os.fdopen(writing, "wb") as out:
                    out.write(json.dumps(done).encode())
            except BaseException:  # noqa: BLE001 - reported, and the build fails below
                traceback.print_exc(file=sys.stderr)
                status = 1
            finally:
                os._exit(status)
        os.close(writing)
        children.append((pid, reading))
    digests: dict[str, str] = {}
    failed = 0
    try:
        digests.update(_render(job) for job in jobs[0::workers])
    finally:
        for pid, reading in children:
            with os.fdopen(reading, "rb") as received:
                sent = received.read()
            if os.waitpid(pid, 0)[1] != 0:
                failed += 1
            else:
                digests.update(json.loads(sent))
    if failed:
        raise RuntimeError(f"{failed} tiến trình dựng trang bị lỗi (xem thông báo ở trên)")
    return digests
