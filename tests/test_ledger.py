"""What each page read of the site model is recorded as it renders (issue 27, items 2 and 5).

A page is rendered again only when what it was given or what it read of the site model changed
(plugins/portal_writer/ledger.py). These tests prove the record is whole and fine: every read of the
site model while pages render goes through the recorder (a template, filter or global reaching the
model around it would make a rebuild publish a stale page), and what an archive page records is what it
shows (the facets' names, not their counts), so adding a document leaves it as it was.
"""

import json
import shutil
import sys

import pytest
from conftest import ROOT, SAMPLE_TODAY, SETTINGS, Site
from samples import document

ARCHIVE, FRONT = "van-ban/luu-tru/1/index.html", "van-ban/index.html"
FACET_NAMES = ((".", "facets"), ("*",), (".", "values"), ("*",), (".", "name"), ("=",))
FACET_COUNTS = ((".", "facets"), ("*",), (".", "values"), ("*",), (".", "count"), ("=",))


def recorded_reads(site: Site) -> dict:
    """name -> the paths its page read, from the manifest the build wrote."""
    from portal_content.private import private_of
    from portal_writer.manifest import MANIFEST, fingerprints_of

    data = json.loads((private_of(site.output) / MANIFEST).read_text(encoding="utf-8"))
    return {name: fingerprint.reads for name, fingerprint in fingerprints_of(data).items()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("ledger"))
    shutil.copytree(ROOT / "content", site.content, dirs_exist_ok=True)
    result = site.build(today=SAMPLE_TODAY)
    assert result.ok, site.messages()
    return site


def test_every_read_of_the_site_model_while_pages_render_goes_through_the_ledger(tmp_path, monkeypatch):
    import portal_writer.writer as writer_module
    from portal_build import build
    from portal_site.model import Site as Model

    rendering, outside = [False], []
    real_getattribute, real_render = Model.__getattribute__, writer_module._render

    def watched(model, name):
        if rendering[0] and not name.startswith("__"):
            frame = sys._getframe(1)
            while frame is not None and not frame.f_code.co_filename.endswith("portal_writer/ledger.py"):
                frame = frame.f_back
            if frame is None:  # no recorder on the way: a read the ledger did not see
                caller = sys._getframe(1)
                outside.append(f"{name} ({caller.f_code.co_filename}:{caller.f_lineno})")
        return real_getattribute(model, name)

    def render(job):
        rendering[0] = True
        try:
            return real_render(job)
        finally:
            rendering[0] = False

    monkeypatch.setattr(Model, "__getattribute__", watched)
    monkeypatch.setattr(writer_module, "_render", render)
    monkeypatch.setattr(writer_module, "PARALLEL_FROM", 10**9)  # rendered here, where it is watched

    site = Site(tmp_path)
    result = build(SETTINGS, ROOT / "content", site.output, {"PORTAL_TODAY": SAMPLE_TODAY})
    assert result.ok, [str(p) for p in result.problems]
    assert result.pages_rendered > 50
    assert sorted(set(outside)) == []


def test_a_page_records_what_it_shows_of_the_site_model(built):
    reads = recorded_reads(built)
    assert FACET_COUNTS in reads[FRONT]  # the front page shows each facet value's count
    assert FACET_NAMES in reads[ARCHIVE]  # the archive shows the facets, not their counts
    assert not [path for path in reads[ARCHIVE] if (".", "count") in path]
    # every page reads the footer's parts; an item's page reads its own entry, whole
    assert all(((".", "unit_portals"), ("?",)) in paths for paths in reads.values())
    news = next(
        name for name in reads if name.startswith("tin-tuc/") and "/luu-tru/" not in name and name.count("/") > 2
    )
    assert any(path[0][0] == "entry" for path in reads[news])
    # what the ledger keeps is paths, a few per page, not copies of the model
    assert max(len(paths) for paths in reads.values()) < 60


def test_adding_a_document_renders_the_front_page_again_and_reuses_the_archive(built, tmp_path):
    site = Site(tmp_path / "site")
    shutil.copytree(built.content, site.content, dirs_exist_ok=True)
    assert site.build(today=SAMPLE_TODAY).ok
    before = {name: (site.output / name).stat().st_ino for name in (ARCHIVE, FRONT)}
    archive_bytes = (site.output / ARCHIVE).read_bytes()
    site.write(
        "van-ban/moi.md",
        document(number="77/KH-UBND", title="Kế hoạch mới về chuyển đổi số", doc_type="Kế hoạch", issued="2026-11-20"),
    )
    result = site.build(today=SAMPLE_TODAY)
    assert result.ok, site.messages()
    assert (site.output / ARCHIVE).stat().st_ino == before[ARCHIVE]  # linked from the live site: not rendered
    assert (site.output / ARCHIVE).read_bytes() == archive_bytes
    assert (site.output / FRONT).stat().st_ino != before[FRONT]  # its counts changed: rendered again
    assert "77/KH-UBND" in (site.output / FRONT).read_text(encoding="utf-8")


def test_the_pages_code_version_covers_what_the_build_imports_and_not_the_tools():
    """Pages are made again when the code that makes them changes: every module the plugins import,
    transitively (versioned as the build's caches version theirs), and not a tool the build never runs."""
    from portal_code import ROOT, closure
    from portal_writer.fingerprint import LIBRARIES

    files, libraries = closure(*sorted((ROOT / "plugins").glob("*/__init__.py")))
    names = {path.relative_to(ROOT).as_posix() for path in files}
    assert {"plugins/portal_writer/ledger.py", "plugins/portal_site/assemble.py", "search/numbers.py"} <= names
    assert {"plugins/portal_legal/citations.py", "plugins/portal_sanitize/policy.py"} <= names
    assert "plugins/portal_content/scaffold.py" not in names  # `invoke new`
    assert {"pelican", "markdown", "nh3", "feedgen"} <= set(libraries) and "jinja2" in LIBRARIES
