"""Search as citizens use it (issue 15): honest answers, the filters PRODUCT.md names, spelling
variants, search feeds that validate and cannot be tampered with, and a search browsers can add.
Over the real service on the sample portal."""

import urllib.parse

import feedparser
import pytest
from bs4 import BeautifulSoup
from portal_content.private import search_index_of
from relevance import CT15, CT34, HDLN, LUAT67, ND43
from search_server import Server


@pytest.fixture(scope="module")
def server(sample):
    running = Server(sample.output)
    yield running
    running.close()


def urls(server, **params):
    return [hit["url"] for hit in server.api(**params)["results"]]


def test_full_matches_say_all_and_the_closest_matches_say_some(server):
    assert server.api(q="văn bản điện tử")["matched"] == "all"
    closest = server.api(q="Nguyen Van Mau quy chế xyzzy")
    assert closest["matched"] == "some" and closest["total"] > 0
    _status, _, body = server.get("/tim-kiem/", q="Nguyen Van Mau quy chế xyzzy")
    page = BeautifulSoup(body, "html.parser")
    assert "Không có kết quả nào chứa đủ mọi từ bạn tìm" in page.select_one(".search-results__notice").get_text()
    full = BeautifulSoup(server.get("/tim-kiem/", q="văn bản điện tử")[2], "html.parser")
    assert full.select_one(".search-results__notice") is None


def test_a_number_no_document_carries_is_said_first(server):
    answer = server.api(q="99/CT-TTg")
    assert answer["missing_number"] == "99/CT-TTg"
    page = BeautifulSoup(server.get("/tim-kiem/", q="99/CT-TTg")[2], "html.parser")
    notice = page.select_one(".search-results")
    assert notice.find("p").get_text(" ", strip=True).startswith("Trên cổng không có văn bản số 99/CT-TTg")
    assert server.api(q="15/CT-TTg")["missing_number"] is None


def test_a_missing_number_counts_what_the_other_words_find_never_everything(server):
    """Issue 28, item 4: "99/CT-TTg" alone finds nothing (not every item sharing "CT" or "TTg"); with other
    words, the results and their count are those of the other words, and the page says so."""
    alone = server.api(q="99/CT-TTg")
    assert (alone["total"], alone["results"], alone["other_words"]) == (0, [], "")
    other = server.api(q="chỉ thị 99/CT-TTg văn bản điện tử")
    assert other["missing_number"] == "99/CT-TTg" and other["other_words"] == "chỉ thị văn bản điện tử"
    assert other["total"] == server.api(q="chỉ thị văn bản điện tử")["total"] > 0
    page = BeautifulSoup(server.get("/tim-kiem/", q="chỉ thị 99/CT-TTg văn bản điện tử")[2], "html.parser")
    assert (
        "kết quả tìm các từ còn lại: «chỉ thị văn bản điện tử»" in page.select_one(".search-results__notice").get_text()
    )
    assert page.select_one("#search-results-heading").get_text() == (
        f"Tìm thấy {other['total']} kết quả cho «chỉ thị văn bản điện tử»"
    )


def test_a_documents_result_says_its_day_of_issue(server):
    """Issue 28, item 4: citizens look for a document by the day it was issued, not the day it was posted."""
    page = BeautifulSoup(server.get("/tim-kiem/", q="15/CT-TTg")[2], "html.parser")
    first = page.select_one(".search-hit .search-hit__meta")
    assert "Ban hành 22/05/2012" in first.get_text(" ", strip=True)
    assert first.find("time")["datetime"] == "2012-05-22"
    assert server.api(q="15/CT-TTg")["results"][0]["issued"] == "2012-05-22"


def test_an_extra_word_or_a_year_does_not_lose_the_document(server):
    for query in ("Chỉ thị 15/CT-TTg năm 2012", "15/2012/CT-TTg", "số 15/CT-TTg", "CT15", "ct-ttg 15"):
        assert urls(server, q=query)[0] == CT15, query
    assert urls(server, q="43/2011")[0] == ND43 and urls(server, q="nd43")[0] == ND43


def test_names_topics_and_tags_are_searched(server):
    assert CT34 in urls(server, q="Nguyễn Tấn Dũng")[:2]
    assert urls(server, q="Quốc hội")[0] == LUAT67
    assert CT34 in urls(server, q="Thủ tướng", kind="van-ban")


def test_spelling_variants_are_one_word(server):
    assert server.api(q="chữ kí số")["total"] == server.api(q="chữ ký số")["total"] > 1
    assert urls(server, q="chữ kí số liên ngành")[0] == HDLN
    assert server.api(q="quí")["total"] == server.api(q="quý")["total"]
    assert server.api(q="hoà")["total"] == server.api(q="hòa")["total"]


def test_kind_and_date_range_filter_as_product_md_says(server):
    documents = server.api(q="văn bản điện tử", kind="van-ban")
    assert documents["total"] > 0 and all(h["kind"] == "document" for h in documents["results"])
    news = server.api(q="văn bản điện tử", kind="tin-tuc")
    assert news["total"] > 0 and all(h["kind"] == "news" for h in news["results"])
    ranged = server.api(q="văn bản điện tử", **{"from": "2012-01-01", "to": "2012-12-31"})
    assert ranged["total"] > 0 and all(h["date"].startswith("2012") for h in ranged["results"])
    assert ranged["filters"]["from"] == "2012-01-01"
    assert server.api(q="văn bản điện tử", **{"from": "bad"})["total"] == server.api(q="văn bản điện tử")["total"]
    assert "Loại nội dung" in server.get("/tim-kiem/", q="văn bản", kind="van-ban")[2].decode()


def test_the_advanced_form_works_without_javascript(sample):
    page = sample.page("/tim-kiem/")
    form = page.select_one("main form")
    assert form["method"] == "get" and form.find("details")
    for name in ("q", "kind", "type", "validity", "year", "from", "to", "sort"):
        field = form.find(attrs={"name": name})
        assert field is not None and page.find("label", attrs={"for": field["id"]}), name
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex, follow"


def test_search_feeds_encode_everything_and_cannot_be_tampered_with(server):
    _, _, body = server.get("/api/search.atom", q="chi thi")
    feed = feedparser.parse(body)
    assert not feed.bozo
    assert " " not in feed.feed.id and all(" " not in e.id and " " not in e.link for e in feed.entries)
    assert all(e.get("author") for e in feed.entries) and feed.feed.get("author")
    assert all(urllib.parse.urlsplit(e.id).scheme == "http" for e in feed.entries)
    # "a&type=Luật" typed in the box is the text searched, never a filter
    answer = server.api(q="a&type=Luật")
    assert answer["query"] == "a&type=Luật" and "type" not in answer["filters"]
    _, _, body = server.get("/api/search.atom", q="a&type=Luật")
    self_link = next(link.href for link in feedparser.parse(body).feed.links if link.rel == "self")
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(self_link).query) == {"q": ["a&type=Luật"]}
    _status, _, body = server.get("/api/search.rss", q="chi thi")
    rss = feedparser.parse(body)
    assert not rss.bozo
    assert rss.feed.link.endswith("/tim-kiem/?q=chi+thi")  # the channel links the page, not itself


def test_the_results_page_names_its_feeds_and_the_portal_names_its_search(server, sample):
    page = BeautifulSoup(server.get("/tim-kiem/", q="chỉ thị", type="Chỉ thị")[2], "html.parser")
    alternates = {link["type"]: link["href"] for link in page.find_all("link", rel="alternate")}
    assert alternates["application/rss+xml"] == "/api/search.rss?q=ch%E1%BB%89+th%E1%BB%8B&type=Ch%E1%BB%89+th%E1%BB%8B"
    assert page.select_one(".search-results__feed a")["href"].startswith("/api/search.rss?")
    for url in ("/", "/van-ban/", "/tim-kiem/"):
        assert sample.page(url).find("link", rel="search")["href"] == "/opensearch.xml"
    import xml.etree.ElementTree as ET

    description = ET.fromstring((sample.output / "opensearch.xml").read_bytes())
    ns = {"o": "http://a9.com/-/spec/opensearch/1.1/"}
    templates = [u.attrib["template"] for u in description.findall("o:Url", ns)]
    assert "http://localhost:8000/tim-kiem/?q={searchTerms}" in templates


def test_a_word_typed_many_times_is_required_once(server):
    """Issue 28, item 1: a query repeating a common word is one clause per word, not one per copy."""
    from search.query import build, loose_words

    repeated = "văn bản " * 12
    assert loose_words(repeated) == ["van", "ban"]
    assert build(repeated) == build("văn bản") and build(repeated).required == ("van", "ban")
    assert urls(server, q=repeated) == urls(server, q="văn bản")


def test_a_repeated_query_is_answered_again_from_memory_until_a_build_swaps_the_index(tmp_path):
    """Issue 28, item 1: citizens repeat queries; the same answer is given again without searching, as
    long as the index is the one it came from: after a build, the new index answers."""
    from conftest import Site
    from samples import news

    from search.engine import Request, SearchIndex

    site = Site(tmp_path)
    site.write("tin-tuc/a.md", news(title="Hội nghị chuyển đổi số"))
    assert site.build().ok
    index = SearchIndex(search_index_of(site.output))
    asked = Request("chuyen doi so")
    first = index.search(asked)
    again = index.search(Request("chuyen doi so"))
    assert index.answers_reused == 1 and (again.total, again.hits) == (first.total, first.hits) == (1, first.hits)
    assert index.search(Request("chuyen doi so", page=2)).total == 1 and index.answers_reused == 1  # another page
    site.write("tin-tuc/b.md", news(title="Tập huấn chuyển đổi số", date="2024-02-01 08:00"))
    assert site.build().ok
    after = index.search(Request("chuyen doi so"))
    assert after.total == 2 and index.answers_reused == 0  # the answers of the old index died with it
