"""A page's fingerprint covers everything its template reads of the site model (issue 27, item 5).

A page is rendered again only when its fingerprint changes (plugins/portal_writer): if a template read a
part of the site that the fingerprint does not cover, a rebuild would publish a stale page. This test
builds the sample portal with a site model that records what is read of it, once while each page's
fingerprint is made and once while its template renders it, and fails on any read the fingerprint did
not make: a part of the site (`site.facets`) or another item's entry (`site.entry(…)`)."""

from conftest import ROOT, SAMPLE_TODAY, SETTINGS, Site
from pelican.utils import sanitised_join


class Recorded:
    """The site model, every attribute read and every entry asked for written into `reads`; a property
    (`language_entries`) reads through the recorder, so what it is made from is what is recorded."""

    def __init__(self, site, reads: set):
        self._site, self._reads = site, reads

    def __getattr__(self, name: str):
        derived = getattr(type(self._site), name, None)
        if isinstance(derived, property):
            return derived.fget(self)
        value = getattr(self._site, name)
        if name == "entry":

            def entry(content):
                self._reads.add(("entry", content.record.source_path))
                return value(content)

            return entry
        self._reads.add(name)
        return value


def test_every_template_reads_only_what_its_pages_fingerprint_covers(tmp_path, monkeypatch):
    import portal_writer.writer as writer_module
    from portal_build import build

    fingerprinted: dict[str, set] = {}  # page file -> what its fingerprint read
    rendered: dict[str, tuple[str, set]] = {}  # page file -> (template, what rendering it read)
    fingerprint, render = writer_module.ReusingWriter._fingerprint, writer_module._render

    def recorded_fingerprint(self, template, context, name, kwargs):
        reads: set = set()
        self._digests = None  # a new Digests over the recording site: nothing memoised from another page
        value = fingerprint(self, template, {**context, "site": Recorded(context["site"], reads)}, name, kwargs)
        fingerprinted[sanitised_join(self.output_path, name)] = reads
        return value

    def recorded_render(job):
        reads: set = set()
        site = job.context.get("site")
        if site is not None:
            job.context = {**job.context, "site": Recorded(site, reads)}
        rendered[job.name] = (job.template.name, reads)
        return render(job)

    monkeypatch.setattr(writer_module.ReusingWriter, "_fingerprint", recorded_fingerprint)
    monkeypatch.setattr(writer_module, "_render", recorded_render)
    monkeypatch.setattr(writer_module, "PARALLEL_FROM", 10**9)  # rendered here, where the recorder is

    site = Site(tmp_path)
    result = build(SETTINGS, ROOT / "content", site.output, {"PORTAL_TODAY": SAMPLE_TODAY})
    assert result.ok, [str(p) for p in result.problems]
    assert len(rendered) == result.pages_rendered > 50

    unrecorded = {
        f"{template}: {name.split('/output/', 1)[-1]}": sorted(map(str, reads - fingerprinted[name]))
        for name, (template, reads) in rendered.items()
        if reads - fingerprinted[name]
    }
    assert unrecorded == {}
    # the recorder sees what templates read: the footer's parts on every page, an item's own entry
    assert any("in_language" in reads for _, reads in rendered.values())
    assert any(any(isinstance(read, tuple) for read in reads) for _, reads in rendered.values())
