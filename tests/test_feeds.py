"""Feeds other sites rely on: every feed of a real build, parsed by a real feed reader."""

import http.client
import threading

import feedparser
import pytest
from feed_rules import check_all
from samples import document, news

SITE_URL = "http://localhost:8000"  # FEED_DOMAIN in pelicanconf.py


def feed(site, url: str):
    parsed = feedparser.parse((site.output / url).read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


# ---------------------------------------------------------------- the sample portal


def test_every_feed_of_the_sample_portal_is_valid(sample):
    count, problems = check_all(sample.output, SITE_URL)
    assert count >= 40
    assert problems == []


EXPECTED_CHANNELS = [
    "tin-tuc/",
    "tin-tuc/dia-phuong/",
    "tin-tuc/chi-dao-dieu-hanh/",
    "van-ban/",
    "van-ban/loai/chi-thi/",
    "van-ban/loai/quyet-dinh/",
    "van-ban/co-quan/thu-tuong-chinh-phu/",
    "van-ban/linh-vuc/cong-nghe-thong-tin/",
    "chuyen-de/chuyen-doi-so/",
]


@pytest.mark.parametrize("url", EXPECTED_CHANNELS)
def test_each_listing_names_its_feeds_and_both_exist(sample, url):
    page = sample.page(url)
    links = {link["type"]: link["href"] for link in page.select('head link[rel="alternate"]')}
    assert links == {"application/rss+xml": f"/{url}rss.xml", "application/atom+xml": f"/{url}atom.xml"}
    assert feed(sample, url + "rss.xml").version == "rss20"
    assert feed(sample, url + "atom.xml").version == "atom10"
    assert page.find("a", string="RSS")["href"] == f"/{url}rss.xml"


def test_home_names_the_news_and_documents_feeds(sample):
    hrefs = [link["href"] for link in sample.page("/").select('head link[rel="alternate"]')]
    assert hrefs == ["/tin-tuc/rss.xml", "/tin-tuc/atom.xml", "/van-ban/rss.xml", "/van-ban/atom.xml"]


def test_the_feeds_page_lists_every_feed_and_every_listed_feed_exists(sample):
    page = sample.page("/rss/")
    assert page.h1.get_text() == "Nhận tin RSS"
    hrefs = [a["href"] for a in page.select("table a[type]")]
    built = sorted(
        "/" + p.relative_to(sample.output).as_posix()
        for p in sample.output.rglob("*.xml")
        if p.name in ("rss.xml", "atom.xml")
    )
    assert sorted(hrefs) == built
    assert [h.get_text() for h in page.select("h2")][:3] == ["Tin tức", "Văn bản", "Tin tức theo chuyên mục"]
    assert page.select_one('footer a[href="/rss/"]') is not None or sample.page("/").select_one('a[href="/rss/"]')


def test_a_document_entry_carries_number_type_issuer_validity_and_its_attachment(sample):
    parsed = feed(sample, "van-ban/atom.xml")
    entry = next(e for e in parsed.entries if e.title.startswith("Quyết định 125/"))
    assert entry.title.startswith("Quyết định 125/QĐ-STTTT: ")
    assert entry.id == "tag:stttt.quangngai.gov.vn,2024-01-01:van-ban/quyet-dinh-125-qd-stttt-ngay-10-03-2025"
    assert entry.link == f"{SITE_URL}/van-ban/quyet-dinh-125-qd-stttt-ngay-10-03-2025/"
    html = entry.content[0].value
    for fact in ("125/QĐ-STTTT", "Quyết định", "Sở Thông tin và Truyền thông tỉnh Quảng Ngãi", "Còn hiệu lực"):
        assert fact in html
    labels = {t.label for t in entry.tags}
    assert {"Quyết định", "Còn hiệu lực", "Công nghệ thông tin"} <= labels
    enclosure = [link for link in entry.links if link.rel == "enclosure"]
    assert len(enclosure) == 1 and enclosure[0].type == "application/pdf"
    pdf = sample.output / "files/qd-125-stttt-quy-che-thu-dien-tu.pdf"
    assert int(enclosure[0].length) == pdf.stat().st_size
    rss_item = next(e for e in feed(sample, "van-ban/rss.xml").entries if e.title.startswith("Quyết định 125/"))
    assert rss_item.enclosures[0].href.endswith("/files/qd-125-stttt-quy-che-thu-dien-tu.pdf")
    assert rss_item.author == "Sở Thông tin và Truyền thông tỉnh Quảng Ngãi"  # dc:creator


def test_a_news_entry_has_dates_in_vietnam_time_author_and_section(sample):
    parsed = feed(sample, "tin-tuc/atom.xml")
    raw = (sample.output / "tin-tuc/atom.xml").read_text()
    assert "+07:00</published>" in raw and "+07:00</updated>" in raw
    entry = parsed.entries[0]
    assert entry.author and entry.summary and entry.content[0].value
    assert any(t.label in ("Địa phương", "Chỉ đạo điều hành") for t in entry.tags)
    assert parsed.feed.updated == max(e.updated for e in parsed.entries)  # same format, comparable as text


# ---------------------------------------------------------------- small sites


def entry_ids(site, url):
    return [e.id for e in feed(site, url).entries]


def test_unpublished_items_never_appear_in_any_feed(site):
    site.write("tin-tuc/dia-phuong/dang.md", news("Tin đang đăng"))
    site.write("tin-tuc/dia-phuong/nhap.md", news("Tin bản nháp", extra="status: draft"))
    site.write("tin-tuc/dia-phuong/an.md", news("Tin ẩn", extra="status: hidden"))
    site.write("tin-tuc/dia-phuong/hen.md", news("Tin hẹn giờ", date="2024-07-01"))
    site.write("tin-tuc/dia-phuong/het.md", news("Tin hết hạn", extra="expires: 2024-05-01"))
    site.write("van-ban/an.md", document("9/CT-UBND", extra="status: hidden"))
    assert site.build("2024-06-01").ok
    count, problems = check_all(site.output, SITE_URL)
    assert problems == [] and count > 0
    text = "\n".join(p.read_text() for p in site.output.rglob("*.xml"))
    assert "Tin đang đăng" in text
    for absent in ("Tin bản nháp", "Tin ẩn", "Tin hẹn giờ", "Tin hết hạn", "9/CT-UBND"):
        assert absent not in text


def test_hostile_html_in_a_body_never_reaches_a_subscriber(site):
    site.write(
        "tin-tuc/dia-phuong/x.md",
        news("Tin có mã độc")
        + (
            '<script>alert(1)</script><p onclick="steal()">Nội dung</p>\n\n'
            '<a href="javascript:alert(2)">bấm</a><img src="x" onerror="alert(3)">\n\n'
            '<a href="/van-ban/">Văn bản</a>\n'
        ),
    )
    assert site.build().ok
    _count, problems = check_all(site.output, SITE_URL)
    assert problems == []
    content = feed(site, "tin-tuc/atom.xml").entries[0].content[0].value
    assert "Nội dung" in content and "alert" not in content
    assert f'href="{SITE_URL}/van-ban/"' in content


def test_unchanged_feeds_stay_byte_identical_and_keep_their_time(site):
    site.write("tin-tuc/dia-phuong/a.md", news("Tin thứ nhất"))
    site.write("van-ban/ct-1.md", document("1/CT-UBND"))
    assert site.build().ok
    feeds = sorted(site.output.rglob("*.xml"))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in feeds}
    assert site.build().ok
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in feeds} == before
    site.write("tin-tuc/dia-phuong/b.md", news("Tin thứ hai", date="2024-05-20"))
    assert site.build().ok
    assert (site.output / "van-ban/rss.xml").read_bytes() == before[site.output / "van-ban/rss.xml"][0]
    assert (site.output / "tin-tuc/rss.xml").read_bytes() != before[site.output / "tin-tuc/rss.xml"][0]


def test_ids_survive_a_new_title_and_a_move_to_another_section(site):
    site.write("tin-tuc/dia-phuong/hoi-nghi.md", news("Hội nghị trực tuyến"))
    site.write("van-ban/ct-1.md", document("1/CT-UBND", title="Về tăng cường"))
    assert site.build().ok
    news_id, doc_id = entry_ids(site, "tin-tuc/atom.xml"), entry_ids(site, "van-ban/atom.xml")
    (site.content / "tin-tuc/dia-phuong/hoi-nghi.md").unlink()
    (site.content / "van-ban/ct-1.md").unlink()
    site.write("tin-tuc/chuyen-doi-so/hoi-nghi.md", news("Hội nghị trực tuyến toàn tỉnh về chuyển đổi số"))
    site.write("van-ban/chi-thi/ct-1-ubnd.md", document("1/CT-UBND", title="Về việc tăng cường sử dụng"))
    assert site.build().ok
    assert entry_ids(site, "tin-tuc/atom.xml") == news_id
    assert entry_ids(site, "van-ban/atom.xml") == doc_id
    assert entry_ids(site, "tin-tuc/rss.xml") == news_id  # the RSS guid is the same id


def test_a_uid_key_keeps_the_id_whatever_the_file_is_called(site):
    uid = "3f2b8c1e-4d5a-4b6c-9d7e-0a1b2c3d4e5f"
    site.write("tin-tuc/dia-phuong/cu.md", news("Tin", extra=f"uid: {uid}"))
    assert site.build().ok
    assert entry_ids(site, "tin-tuc/atom.xml") == [f"urn:uuid:{uid}"]
    site.write("tin-tuc/dia-phuong/ban-sao.md", news("Tin chép", extra=f"uid: {uid}"))
    site.write("tin-tuc/dia-phuong/sai.md", news("Tin sai", extra="uid: abc"))
    assert not site.build().ok
    messages = "\n".join(site.messages())
    assert f'uid "{uid}" đã dùng cho tin-tuc/dia-phuong/ban-sao.md' in messages
    assert "tin-tuc/dia-phuong/sai.md, dòng" in messages and '"abc" không phải mã định danh dạng UUID' in messages


def test_updated_moves_when_validity_or_relations_change(site):
    site.write(
        "van-ban/qd-1.md",
        document("1/QĐ-UBND", doc_type="Quyết định", issued="2024-05-01", extra="effective: 2024-07-01"),
    )
    assert site.build("2024-06-01").ok
    first = feed(site, "van-ban/atom.xml").entries[0].updated
    assert site.build("2024-06-02").ok
    assert feed(site, "van-ban/atom.xml").entries[0].updated == first  # nothing changed
    assert site.build("2024-07-01").ok  # takes effect
    took_effect = next(e for e in feed(site, "van-ban/atom.xml").entries if "1/QĐ-UBND" in e.title)
    assert took_effect.updated == "2024-07-01T00:00:00+07:00"
    assert "Còn hiệu lực" in took_effect.content[0].value
    site.write(
        "van-ban/qd-2.md",
        document("2/QĐ-UBND", doc_type="Quyết định", issued="2024-07-10", extra="amends: [1/QĐ-UBND]"),
    )
    assert site.build("2024-07-20").ok
    parsed = feed(site, "van-ban/atom.xml")
    amended = next(e for e in parsed.entries if "1/QĐ-UBND" in e.title)
    assert amended.updated == "2024-07-10T08:00:00+07:00"  # when the amending document was published
    assert amended.published == "2024-05-01T08:00:00+07:00"
    assert parsed.feed.updated == "2024-07-10T08:00:00+07:00"


def test_each_feed_has_the_latest_n_items(site):
    for day in range(1, 6):
        site.write(f"tin-tuc/dia-phuong/t{day}.md", news(f"Tin ngày {day}", date=f"2024-05-0{day}"))
    assert site.build(PORTAL_FEEDS={"items": 3, "id_authority": "example.gov.vn", "id_since": "2024-01-01"}).ok
    titles = [e.title for e in feed(site, "tin-tuc/rss.xml").entries]
    assert titles == ["Tin ngày 5", "Tin ngày 4", "Tin ngày 3"]
    assert feed(site, "tin-tuc/atom.xml").entries[0].id.startswith("tag:example.gov.vn,2024-01-01:")


# ---------------------------------------------------------------- serving


@pytest.fixture(scope="module")
def served(sample):
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from portal_serve.static import create_app

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = make_server("127.0.0.1", 0, create_app(sample.output), handler_class=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_port
    server.shutdown()


def get(port, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read()


def test_feeds_are_served_with_their_types_and_answer_conditional_requests(served):
    status, headers, _body = get(served, "/van-ban/rss.xml")
    assert status == 200 and headers["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert get(served, "/van-ban/atom.xml")[1]["Content-Type"] == "application/atom+xml; charset=utf-8"
    etag, modified = headers["ETag"], headers["Last-Modified"]
    status, headers304, body304 = get(served, "/van-ban/rss.xml", {"If-None-Match": etag})
    assert (status, body304, headers304["ETag"]) == (304, b"", etag)
    assert get(served, "/van-ban/rss.xml", {"If-Modified-Since": modified})[0] == 304
    assert get(served, "/van-ban/rss.xml", {"If-None-Match": '"other"', "If-Modified-Since": modified})[0] == 200
    assert get(served, "/van-ban/rss.xml", {"If-Modified-Since": "Thu, 01 Jan 2015 00:00:00 GMT"})[0] == 200
    assert get(served, "/van-ban/rss.xml", {"If-Modified-Since": "not a date"})[0] == 200
