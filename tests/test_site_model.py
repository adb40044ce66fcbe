"""The site model (portal_site): made once from what was read, frozen, the only thing writers write.

Small sites are read by the real Pelican through `read_model` (the phases of `invoke check`) and
built by `invoke build`'s function; the model's answers are compared with what the build wrote.
"""

import dataclasses
import json
import xml.etree.ElementTree as ET

import feedparser
import pytest
from conftest import SETTINGS
from samples import document, news

TODAY = "2024-06-01"


def portal(site):
    """A public Chỉ thị, a hidden Kế hoạch that rests on it and cites it, a news item citing it,
    an expired news item and a standing page."""
    site.write("van-ban/ct-15.md", document())
    site.write(
        "van-ban/kh-01.md",
        document(
            "01/KH-STTTT",
            "Kế hoạch nội bộ chưa công bố",
            "Kế hoạch",
            "2024-02-01",
            extra="status: hidden\nbased_on: [15/CT-TTg]",
        ).replace("Nội dung văn bản 01/KH-STTTT.", "Thực hiện Chỉ thị số 15/CT-TTg ngày 22/5/2012."),
    )
    site.write(
        "tin-tuc/dia-phuong/trien-khai.md",
        news("Triển khai Chỉ thị 15", "2024-03-01 08:00").replace(
            "Nội dung của Triển khai Chỉ thị 15.", "Sở triển khai Chỉ thị số 15/CT-TTg ngày 22/5/2012."
        ),
    )
    site.write("tin-tuc/dia-phuong/cu.md", news("Tin đã hết hạn", "2024-01-05 08:00", extra="expires: 2024-02-01"))
    site.write(
        "pages/gioi-thieu.md",
        "---\ntitle: Giới thiệu\nslug: gioi-thieu\ndate: 2024-01-01\n---\n\nSở thực hiện Chỉ thị số 15/CT-TTg.\n",
    )


@pytest.fixture
def model(site):
    from portal_build.check import read_model

    portal(site)
    checked = read_model(SETTINGS, site.content, {"PORTAL_TODAY": TODAY})
    assert not [p for p in checked.problems if p.is_error], [str(p) for p in checked.problems]
    return checked.site


def paths(entries) -> set[str]:
    return {e.source_path for e in entries}


def test_visibility_is_decided_once_per_item(model):
    from portal_site import Visibility

    assert model.entries["van-ban/ct-15.md"].visibility == Visibility(True, True, True, True)
    assert model.entries["van-ban/kh-01.md"].visibility == Visibility(True, False, False, False)
    assert model.entries["tin-tuc/dia-phuong/cu.md"].visibility == Visibility(True, False, False, False)
    assert model.entries["pages/gioi-thieu.md"].visibility == Visibility(True, True, True, False)
    # every list of the model follows it
    listed = {e.source_path for e in model.entries.values() if e.visibility.listed}
    assert paths(model.news) | paths(model.documents) | paths(model.pages) == listed
    assert {d["id"] for d in model.search_documents} == listed
    assert {e.url for e in model.sitemap} >= {model.entries[p].url for p in listed}
    assert model.entries["van-ban/kh-01.md"].url not in {e.url for e in model.sitemap}
    fed = {e.source_path for channel in model.channels for e in channel.items}
    assert fed == {p for p in listed if not p.startswith("pages/")}
    assert [r["number"] for r in model.open_data[0]] == ["15/CT-TTg"]


def test_a_hidden_document_is_nowhere_on_the_public_one(model):
    public = model.entries["van-ban/ct-15.md"].legal
    assert public.related == []  # the hidden plan's "based_on" is not shown on the Chỉ thị
    assert [r.source_path for r in public.cited_by] == ["tin-tuc/dia-phuong/trien-khai.md"]
    # its own page still says what it rests on, with a link
    hidden = model.entries["van-ban/kh-01.md"].legal
    assert [(label, [v.number for v in views]) for label, views in hidden.related] == [("Căn cứ", ["15/CT-TTg"])]


def test_the_model_is_frozen_and_pelican_objects_are_left_as_read(model):
    entry = model.entries["tin-tuc/dia-phuong/trien-khai.md"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.content = ""
    with pytest.raises(dataclasses.FrozenInstanceError):
        model.news = ()
    with pytest.raises(TypeError):
        model.entries["x"] = entry
    # the citation is linked in the model; Pelican's object keeps the body it read, and carries nothing else
    assert 'class="citation"' in entry.content
    assert 'class="citation"' not in entry.pelican._content
    for content in (e.pelican for e in model.entries.values()):
        assert not any(hasattr(content, name) for name in ("legal", "lead", "other_news")), content.source_path
    assert entry.other_news == ()  # the other news item of the section has expired
    page = model.entries["pages/gioi-thieu.md"]
    assert 'class="citation"' in page.content and page.cites == {"van-ban/ct-15.md"}
    # … but a page is not listed as citing it (test_a_hidden_document_is_nowhere_on_the_public_one)


def test_the_build_writes_what_the_model_says(site, model):
    result = site.build(TODAY)
    assert result.ok, site.messages()
    out = site.output
    # sitemap: exactly the model's entries
    urls = [loc.text.split("/", 3)[3] for loc in ET.parse(out / "sitemap.xml").getroot().findall(".//{*}loc")]
    assert urls == [e.url for e in model.sitemap]
    # feeds: each channel carries the model's items
    for channel in model.channels:
        parsed = feedparser.parse((out / channel.rss).read_bytes())
        assert {entry.link.rsplit("/", 2)[-2] for entry in parsed.entries} == {
            e.url.rstrip("/").rsplit("/", 1)[-1] for e in channel.items
        }, channel.url
    # open data: the model's records
    data = json.loads((out / "van-ban/du-lieu-mo/van-ban.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in data["documents"]] == [r["id"] for r in model.open_data[0]]
    # the hidden plan has its page and is named nowhere else that is served
    hidden_url = model.entries["van-ban/kh-01.md"].url
    assert site.exists(hidden_url)
    elsewhere = [
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and p.suffix in (".html", ".xml", ".json", ".csv") and hidden_url in p.read_text("utf-8")
    ]
    assert elsewhere == [hidden_url + "index.html"]


def test_assembling_twice_gives_the_same_model(site):
    from portal_build.check import read_model

    portal(site)
    first = read_model(SETTINGS, site.content, {"PORTAL_TODAY": TODAY}).site
    second = read_model(SETTINGS, site.content, {"PORTAL_TODAY": TODAY}).site
    assert first.search_documents == second.search_documents
    assert first.open_data == second.open_data
    assert first.sitemap == second.sitemap
    assert [e.content for e in first.entries.values()] == [e.content for e in second.entries.values()]
