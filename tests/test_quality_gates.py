"""The quality gates, on the built sample portal: valid HTML, WCAG 2.1 AA, no broken link, valid feeds,
Lighthouse at 95 or more in every category, on a phone and on a desktop.

Each failure names the page and the rule. Each gate is also shown to catch what it guards
against, on a small broken page, so a gate that silently checks nothing would fail here.
"""

import urllib.error
import urllib.request
import urllib.robotparser

import pytest
from bs4 import BeautifulSoup
from feed_rules import check_all
from quality import accessibility_violations, broken_links, html_errors, lighthouse_failures
from test_search import Server

# what a citizen reaches: home, a listing, a news page, a document page (the draft with its form), search,
# the 404 page, the question form and the pages the write path answers with
PAGES = [
    "/",
    "/tin-tuc/",
    "/van-ban/",
    "/van-ban/loai/chi-thi/",
    "/tin-tuc/dia-phuong/quang-tri-tang-cuong-su-dung-van-ban-dien-tu-trong-cac-co-quan-nha-nuoc/",
    "/van-ban/chi-thi-15-ct-ttg-ngay-22-05-2012/",
    "/van-ban/du-thao-05-2026-dt-stttt-ngay-15-11-2026/",
    "/tim-kiem/",
    "/tim-kiem/?q=chi+thi+15",
    "/tim-kiem/?q=khong+co+ket+qua+nao&type=Lu%E1%BA%ADt",
    "/trang-khong-co/",
    "/rss/",
    "/chuyen-de/chuyen-doi-so/",
    "/gioi-thieu/",
    "/en/gioi-thieu/",
    "/hoi-dap/",
    "/hoi-dap/da-tra-loi/",
    "/lanh-dao/",
    "/lanh-dao/nguyen-van-an/",
    "/co-cau-to-chuc/",
    "/co-cau-to-chuc/trung-tam-cong-nghe-thong-tin-va-truyen-thong/",
    "/hoi-dap/hop-thu-dien-tu-cong-vu-co-bi-thu-hoi-khi-can-bo-nghi-huu-khong/",
    "/phan-hoi/da-nhan/",
    "/phan-hoi/loi/",
    "/phan-hoi/thong-bao-du-lieu/",
    "/phan-hoi/tra-cuu/",
    "/phan-hoi/gop-y/?van_ban=05%2F2026%2FDT-STTTT+ng%C3%A0y+15%2F11%2F2026&dieu=1",  # "Góp ý Điều này"
]
DYNAMIC = [p for p in PAGES if "?" in p]


class Client:
    """The whole portal as `invoke serve` runs it (the `portal` fixture: write path, search, static site)."""

    def __init__(self, base: str):
        self.base = base

    def get(self, path):
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as response:
                return response.status, response.headers.get("Content-Type"), response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Content-Type"), error.read()


@pytest.fixture(scope="module")
def server(portal):
    return Client(portal)


def test_the_pages_exist(sample, server):
    for path in PAGES:
        status, _, _ = server.get(path)
        assert status == (404 if path == "/trang-khong-co/" else 200), path


def test_nu_html_checker_finds_no_error(sample, server, tmp_path):
    files = sorted(sample.output.rglob("*.html"))
    for number, path in enumerate(DYNAMIC):  # search results and the article's form exist only through the service
        saved = tmp_path / f"tim-kiem-{number}.html"
        saved.write_bytes(server.get(path)[2])
        files.append(saved)
    assert len(files) > 60
    assert html_errors(files, sample.output) == []


def test_axe_finds_no_wcag_violation(server):
    assert accessibility_violations(server.base, PAGES) == []


def test_no_internal_link_anchor_or_asset_is_broken(sample, server):
    pages = {path: server.get(path)[2].decode() for path in DYNAMIC}
    assert broken_links(sample.output, pages, fetch=lambda path: server.get(path)[0]) == []


def test_every_feed_is_valid(sample):
    count, problems = check_all(sample.output, "http://localhost:8000")
    assert count > 40 and problems == []


def test_lighthouse_scores_95_or_more_on_every_gate_page(sample, portal):
    """Lighthouse cannot judge a 404 page (it reports the status, not the page: the other gates check
    it). A page that must stay out of search engines (search results, the write path's answers) is
    judged without "is-crawlable", the one audit its `noindex` or robots.txt fails on purpose."""
    robots_txt = urllib.robotparser.RobotFileParser(portal + "/robots.txt")
    robots_txt.read()
    pages = {}
    for path in PAGES:
        if path == "/trang-khong-co/":
            continue
        with urllib.request.urlopen(portal + path, timeout=10) as response:
            body = response.read()
        robots = BeautifulSoup(body, "html.parser").find("meta", attrs={"name": "robots"})
        kept_out = (robots and "noindex" in robots["content"]) or not robots_txt.can_fetch("*", portal + path)
        pages[path] = ("is-crawlable",) if kept_out else ()
    # the search pages and the write path's pages (the receipt, the problems, the notice, the lookup, the
    # form for one article)
    assert sum(1 for skip in pages.values() if skip) == 8
    assert lighthouse_failures(portal, pages) == []


# ---------------------------------------------------------------- the gates catch what they guard

BROKEN = """<!DOCTYPE html>
<html><head><title>Trang hỏng</title></head>
<body><main><img src="/anh-khong-co.png"><p style="color:#aaa;background:#fff">chữ mờ</p>
<a href="/khong-co/">liên kết hỏng</a> <a href="#khong-co-id">neo hỏng</a><div><span></div></main></body></html>
"""


def test_the_gates_catch_a_broken_page(tmp_path):
    (tmp_path / "hong").mkdir()
    (tmp_path / "hong" / "index.html").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "index.html").write_text("<!DOCTYPE html><html lang=vi><title>x</title><p>x", encoding="utf-8")
    errors = html_errors([tmp_path / "hong" / "index.html"], tmp_path)
    assert errors and all(e.startswith("hong/index.html:") for e in errors)
    assert broken_links(tmp_path) == [
        "/hong/: src=/anh-khong-co.png points to nothing",
        "/hong/: href=/khong-co/ points to nothing",
        '/hong/: href=#khong-co-id: no element with id "khong-co-id"',
    ]
    server = Server(tmp_path)
    try:
        rules = {line.split(": ")[1].split(" ")[0] for line in accessibility_violations(server.base, ["/hong/"])}
    finally:
        server.close()
    assert {"html-has-lang", "image-alt", "color-contrast"} <= rules


def test_the_lighthouse_gate_catches_a_broken_page(tmp_path):
    (tmp_path / "hong").mkdir()
    (tmp_path / "hong" / "index.html").write_text(BROKEN, encoding="utf-8")
    server = Server(tmp_path)
    try:
        failures = lighthouse_failures(server.base, {"/hong/": ()}, runs=1)
    finally:
        server.close()
    assert any(f.startswith("/hong/ (mobile): accessibility ") and "image-alt" in f for f in failures), failures
    assert any(f.startswith("/hong/ (desktop): seo ") and "meta-description" in f for f in failures), failures
