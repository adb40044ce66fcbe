"""Search through the real HTTP service, over indexes built by real builds."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from samples import news
from search_server import Server


@pytest.fixture(scope="module")
def server(searched):
    """The search service over the sample, once with the Whoosh index and once with PostgreSQL's."""
    site, database = searched
    running = Server(site.output, database)
    yield running
    running.close()


def first(server, text, **filters):
    results = server.api(q=text, **filters)["results"]
    return results[0]["url"] if results else None


@pytest.mark.parametrize(
    "text, url",
    [
        ("chi thi 15", "/van-ban/chi-thi-15-ct-ttg-ngay-22-05-2012/"),
        ("CHI THI 15", "/van-ban/chi-thi-15-ct-ttg-ngay-22-05-2012/"),
        ("Chỉ thị 15", "/van-ban/chi-thi-15-ct-ttg-ngay-22-05-2012/"),
        ("15/ct-ttg", "/van-ban/chi-thi-15-ct-ttg-ngay-22-05-2012/"),
        ("15/CT-TTg", "/van-ban/chi-thi-15-ct-ttg-ngay-22-05-2012/"),
        ("15 CT TTg", "/van-ban/chi-thi-15-ct-ttg-ngay-22-05-2012/"),
        ("43/2011/ND-CP", "/van-ban/nghi-dinh-43-2011-nd-cp-ngay-13-06-2011/"),
        ("43/2011/NĐ-CP", "/van-ban/nghi-dinh-43-2011-nd-cp-ngay-13-06-2011/"),
        (
            "dong thap",
            "/tin-tuc/dia-phuong/dong-thap-trien-khai-dich-vu-hanh-chinh-cong-truc-tuyen-cap-do-3-truoc-nam-2013/",
        ),
        (
            "ĐỒNG THÁP",
            "/tin-tuc/dia-phuong/dong-thap-trien-khai-dich-vu-hanh-chinh-cong-truc-tuyen-cap-do-3-truoc-nam-2013/",
        ),
        ("luat cong nghe thong tin", "/van-ban/luat-67-2006-qh11-ngay-29-06-2006/"),
    ],
)
def test_expected_item_first(server, text, url):
    assert first(server, text) == url


def test_van_ban_dien_tu_puts_the_phrase_first(server):
    results = server.api(q="van ban dien tu")["results"]
    assert "văn bản điện tử" in results[0]["title"].lower()


def test_result_fields(server):
    data = server.api(q="15/ct-ttg")
    assert set(data) >= {"query", "total", "page", "results", "facets"}
    hit = data["results"][0]
    assert hit == {
        **hit,
        "title": "Về việc tăng cường sử dụng văn bản điện tử trong hoạt động của cơ quan nhà nước",
        "kind": "document",
        "number": "15/CT-TTg",
        "doc_type": "Chỉ thị",
        "issuer": ["Thủ tướng Chính phủ"],
        "date": "2012-05-22T08:00:00+07:00",
        "validity": "Còn hiệu lực",
    }


def test_exact_accents_outrank_folded(site, index_at):
    site.write("tin-tuc/a.md", news(title="Bàn giao thiết bị", date="2024-01-01 08:00"))
    site.write("tin-tuc/b.md", news(title="Ban chỉ đạo họp", date="2024-01-01 08:00"))
    site.write("tin-tuc/c.md", news(title="Bản tin tháng", date="2024-01-01 08:00"))
    assert site.build(PORTAL_SEARCH={"database": index_at}).ok
    running = Server(site.output, index_at)
    try:
        for word, title in [("bản", "Bản tin tháng"), ("bàn", "Bàn giao thiết bị"), ("ban", "Ban chỉ đạo họp")]:
            data = running.api(q=word)
            assert data["total"] == 3, word
            assert data["results"][0]["title"] == title, word
    finally:
        running.close()


def test_newer_wins_a_tie(site, index_at):
    site.write("tin-tuc/a.md", news(title="Hội nghị chuyển đổi số", date="2023-01-01 08:00"))
    site.write("tin-tuc/b.md", news(title="Hội nghị chuyển đổi số năm sau", date="2024-01-01 08:00", extra="slug: b"))
    assert site.build(PORTAL_SEARCH={"database": index_at}).ok
    running = Server(site.output, index_at)
    try:
        assert [r["date"][:4] for r in running.api(q="hoi nghi chuyen doi so", sort="date")["results"]] == [
            "2024",
            "2023",
        ]
    finally:
        running.close()


def test_filters_and_facets(server):
    data = server.api(q="van ban", type="Chỉ thị")
    assert data["total"] > 0 and {r["doc_type"] for r in data["results"]} == {"Chỉ thị"}
    expired = server.api(q="nghi dinh", validity="het-hieu-luc")
    assert [r["number"] for r in expired["results"]] == ["43/2011/NĐ-CP"]
    assert server.api(q="nghi dinh", validity="Hết hiệu lực")["total"] == 1  # the label works too
    facets = server.api(q="van ban dien tu")["facets"]
    assert facets["type"]["Chỉ thị"] >= 2
    assert set(facets["validity"]) <= {"con-hieu-luc", "chua-co-hieu-luc", "het-hieu-luc"}
    assert server.api(q="chu ky so", issuer="Sở Nội vụ tỉnh Quảng Ngãi")["results"][0]["number"] == "01/HDLN-STTTT-SNV"
    assert server.api(q="chuyen doi so", year="2026")["total"] >= 1


def test_sort_by_date_and_paging(server):
    dates = [r["date"] for r in server.api(q="van ban", sort="date")["results"]]
    assert dates == sorted(dates, reverse=True)
    one, two = server.api(q="van ban", page=1), server.api(q="van ban", page=2)
    assert one["total"] > 10 and len(one["results"]) == 10
    assert not {r["url"] for r in one["results"]} & {r["url"] for r in two["results"]}


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "x" * 5000,
        "*",
        "a*",
        "?",
        '"chi thi',
        "(chi thi",
        "[",
        "{",
        "NOT",
        "chi NOT thi",
        "AND OR",
        "\x00",
        "chi\x00thi",
        "~2",
        "title:xyz",
        "%",
        "ư" * 300,
    ],
)
def test_hostile_queries_are_answered(server, text):
    data = server.api(q=text)
    assert isinstance(data["total"], int)


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "-5"},
        {"page": "99999"},
        {"sort": "x"},
        {"validity": "<b>"},
        {"type": "x" * 5000},
        {"year": "\x00"},
    ],
)
def test_odd_parameters_are_answered(server, params):
    assert isinstance(server.api(q="van ban", **params)["total"], int)


def test_script_in_the_query_is_never_reflected_unescaped(server):
    evil = '<script>alert("x")</script>'
    status, content_type, body = server.get("/tim-kiem/", q=evil)
    assert status == 200 and content_type == "text/html; charset=utf-8"
    assert b"<script>alert" not in body
    page = BeautifulSoup(body, "html.parser")
    assert page.find("input", id="search-q")["value"] == evil
    assert evil in page.select_one(".search-results h2").get_text()
    data = server.api(q=evil)
    assert data["query"] == evil  # JSON is data, not HTML
    for hit in data["results"]:
        assert "<script" not in hit["snippet"]


def test_snippets_are_escaped_then_marked(site, index_at):
    site.write("tin-tuc/a.md", news(title="Tin") + "\nBảng &lt;script&gt; và văn bản điện tử.\n")
    assert site.build(PORTAL_SEARCH={"database": index_at}).ok
    running = Server(site.output, index_at)
    try:
        snippet = running.api(q="van ban")["results"][0]["snippet"]
        assert "&lt;script&gt;" in snippet and "<script" not in snippet
        assert '<mark class="match term0">văn</mark>' in snippet
    finally:
        running.close()


def test_unpublished_items_are_never_found(site, index_at):
    site.write("tin-tuc/a.md", news(title="Tin bản nháp kín", extra="status: draft"))
    site.write("tin-tuc/b.md", news(title="Tin ẩn kín", extra="status: hidden"))
    site.write("tin-tuc/c.md", news(title="Tin hẹn giờ kín", date="2030-01-01 08:00"))
    site.write("tin-tuc/d.md", news(title="Tin hết hạn kín", extra="expires: 2024-01-31"))
    site.write("tin-tuc/e.md", news(title="Tin công khai kín"))
    assert site.build(today="2024-06-01", PORTAL_SEARCH={"database": index_at}).ok
    running = Server(site.output, index_at)
    try:
        assert [r["title"] for r in running.api(q="kin")["results"]] == ["Tin công khai kín"]
    finally:
        running.close()


def test_rebuild_reindexes_only_what_changed_and_the_service_sees_it(site, index_at):
    site.write("tin-tuc/a.md", news(title="Tin thứ nhất"))
    site.write("tin-tuc/b.md", news(title="Tin thứ hai"))
    assert site.build(PORTAL_SEARCH={"database": index_at}).ok
    running = Server(site.output, index_at)
    try:
        assert [r["title"] for r in running.api(q="thu nhat")["results"]] == ["Tin thứ nhất"]
        site.write("tin-tuc/b.md", news(title="Tin thứ hai đã sửa"))
        (site.content / "tin-tuc/a.md").unlink()
        site.write("tin-tuc/c.md", news(title="Tin thứ ba"))
        result = site.build(PORTAL_SEARCH={"database": index_at})
        assert result.ok
        assert (result.index.added, result.index.updated, result.index.deleted, result.index.unchanged) == (1, 1, 1, 0)

        titles = [r["title"] for r in running.api(q="thu nhat")["results"]]
        assert "Tin thứ nhất" not in titles  # the service reopened the swapped-in index
        assert running.api(q="da sua")["total"] == 1
        assert running.api(q="thu ba")["total"] == 1
    finally:
        running.close()


def test_search_page_works_without_javascript(server):
    _status, _, body = server.get("/tim-kiem/", q="chi thi 15", type="Chỉ thị")
    page = BeautifulSoup(body, "html.parser")
    assert page.find("input", id="search-q")["value"] == "chi thi 15"
    first_hit = page.select_one(".search-hit")
    assert first_hit.select_one(".search-hit__number").get_text(" ", strip=True) == "15/CT-TTg Còn hiệu lực"
    assert first_hit.a["href"] == "/van-ban/chi-thi-15-ct-ttg-ngay-22-05-2012/"
    assert page.select_one(".search-results__filters a").get_text() == "bỏ lọc"
    assert page.find("nav", attrs={"aria-label": "Lọc kết quả"}).find("a")
    scripts = [s["src"] for s in page.find_all("script", src=True)]
    assert len(scripts) == 1 and scripts[0].startswith("/theme/js/print.")  # only the "In trang" button's


def test_search_page_is_the_theme_template_filled_by_the_service(server):
    """The service renders templates/search.html: the query in the title and the box, the advanced
    form as the reader filled it (and open), the results' feeds in the head; no marker is left."""
    _status, _, body = server.get(
        "/tim-kiem/", q="van ban dien tu", kind="van-ban", validity="con-hieu-luc", year="2012", sort="date"
    )
    text = body.decode()
    page = BeautifulSoup(text, "html.parser")
    assert page.title.get_text().startswith("van ban dien tu — Tìm kiếm | ")
    assert page.find("select", id="search-kind").find("option", selected=True)["value"] == "van-ban"
    assert page.find("select", id="search-validity").find("option", selected=True)["value"] == "con-hieu-luc"
    assert page.find("select", id="search-sort").find("option", selected=True)["value"] == "date"
    assert page.find("input", id="search-year")["value"] == "2012"
    assert page.find("details", class_="search-advanced").has_attr("open")
    feeds = [link["href"] for link in page.find_all("link", rel="alternate")]
    assert any(href.startswith("/api/search.rss?q=van+ban+dien+tu&kind=van-ban") for href in feeds), feeds
    assert "<!--" not in text and "{{" not in text and "{%" not in text
    # the page with nothing asked is the form alone, as the build wrote it
    _status, _, empty = server.get("/tim-kiem/")
    plain = BeautifulSoup(empty, "html.parser")
    assert not plain.select(".search-results") and plain.find("input", id="search-q")["value"] == ""
    assert not plain.find("details", class_="search-advanced").has_attr("open")


def test_empty_result_page_suggests_removing_filters(server):
    _, _, body = server.get("/tim-kiem/", q="chi thi 15", year="1999")
    page = BeautifulSoup(body, "html.parser")
    empty = page.select_one(".search-empty")
    assert "Không tìm thấy kết quả nào." in empty.get_text()
    assert empty.find("a").get_text() == "Bỏ tất cả bộ lọc và tìm lại"
    assert "year" not in empty.find("a")["href"]


def test_search_as_atom_and_rss(server):
    status, content_type, body = server.get("/api/search.atom", q="chi thi 15")
    assert status == 200 and content_type == "application/atom+xml; charset=utf-8"
    atom = ET.fromstring(body)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = atom.findall("a:entry", ns)
    assert entries[0].find("a:title", ns).text.startswith("Chỉ thị 15/CT-TTg")
    assert entries[0].find("a:id", ns).text.endswith("/van-ban/chi-thi-15-ct-ttg-ngay-22-05-2012/")
    assert len(atom.findall("a:link[@rel='self']", ns)) == 1
    status, content_type, body = server.get("/api/search.rss", q="chi thi 15")
    assert content_type == "application/rss+xml; charset=utf-8"
    assert ET.fromstring(body).find("channel/item/guid").attrib["isPermaLink"] == "true"


def test_search_feeds_link_to_the_portals_own_address_whatever_host_a_request_names(sample):
    """Issue 28, item 5: the Host header is the sender's to write; a feed's links come from SITEURL."""
    import http.client
    import threading
    from wsgiref.simple_server import WSGIRequestHandler

    from conftest import SETTINGS
    from pelican.settings import read_settings
    from portal_serve.app import portal_app

    from search.service import make_threaded_server

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    settings = read_settings(str(SETTINGS))
    settings["SITEURL"] = "https://stttt.quangngai.gov.vn"
    httpd = make_threaded_server("127.0.0.1", 0, portal_app(sample.output, settings), handler_class=Quiet)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        for path in ("/api/search.atom?q=chi+thi+15", "/api/search.rss?q=chi+thi+15"):
            connection = http.client.HTTPConnection("127.0.0.1", httpd.server_port, timeout=30)
            connection.request("GET", path, headers={"Host": "evil.example"})
            body = connection.getresponse().read().decode()
            connection.close()
            assert "evil.example" not in body and "https://stttt.quangngai.gov.vn/van-ban/chi-thi-15-ct-ttg" in body
    finally:
        httpd.shutdown()


def test_the_index_is_not_served_as_files(server):
    assert server.get("/../output.private/search/")[0] in (400, 404)
