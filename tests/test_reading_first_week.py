"""Reading the portal as a newcomer did (issue 30, item 15), on the sample portal as `invoke serve` serves it."""

import urllib.request

from bs4 import BeautifulSoup
from quality import ROOT, browser_facts


def fetch(portal: str, path: str) -> BeautifulSoup:
    with urllib.request.urlopen(portal + path, timeout=30) as answer:
        return BeautifulSoup(answer.read().decode(), "html.parser")


def footer_links(page: BeautifulSoup) -> list[str]:
    return [a.get_text() for a in page.select("footer.site-footer a")]


def test_every_bar_of_the_statistics_has_its_label_and_value_on_its_row(sample):
    page = sample.page("/thong-ke/")
    tables = page.select("table.statistics__table")
    assert tables and not page.select("svg.statistics__chart")  # no chart without labels any more
    for table in tables:
        for row in table.select("tbody tr"):
            label, count, bar = row.select_one("th").get_text(), row.select("td")[0], row.select("td")[1]
            assert label.strip() and count.get_text().strip().replace(".", "").isdigit()
            assert bar.select_one("svg[aria-hidden=true] rect")["width"].endswith("%")
            assert bar.select_one(".statistics__share").get_text().endswith("%")


def test_the_services_pages_have_the_footer_of_every_static_page(sample, portal):
    static = footer_links(sample.page("/gioi-thieu/"))
    assert "Lãnh đạo" in static and "Cơ cấu tổ chức" in static
    for path in ("/tim-kiem/?q=chuyen+doi+so", "/phan-hoi/da-nhan/?ma=HD-20261121-ABCD2345"):
        assert footer_links(fetch(portal, path)) == static, path


def test_leaders_units_and_statistics_are_one_step_from_gioi_thieu(sample):
    for url in ("/gioi-thieu/", "/lanh-dao/", "/co-cau-to-chuc/", "/thong-ke/"):
        nav = sample.page(url).select_one("nav.section-nav")
        assert [a["href"] for a in nav.select("a")] == [
            "/gioi-thieu/",
            "/lanh-dao/",
            "/co-cau-to-chuc/",
            "/thong-ke/",
        ], url
        assert nav.select_one("[aria-current=page]")["href"] == url
    assert sample.page("/van-ban/").select_one("nav.section-nav") is None


def test_every_vietnamese_page_leads_to_the_english_pages(sample, portal):
    for path in ("/", "/van-ban/", "/tin-tuc/", "/lanh-dao/", "/gioi-thieu/"):
        switch = sample.page(path).select_one(".language-switch a[hreflang=en]")
        assert switch is not None and switch["href"] == "/en/gioi-thieu/", path
    switch = fetch(portal, "/tim-kiem/?q=so").select_one(".language-switch a[hreflang=en]")
    assert switch["href"] == "/en/gioi-thieu/"


def test_an_english_page_has_an_english_title_and_site_name_and_fits_320_px(sample, portal):
    page = sample.page("/en/gioi-thieu/")
    site_name = "Portal of the Quang Ngai Department of Information and Communications"
    assert page.title.get_text().endswith(f"| {site_name}")
    assert page.select_one("meta[property='og:site_name']")["content"] == site_name
    facts = browser_facts(ROOT / "tests" / "gates" / "page_widths.mjs", portal + "/en/gioi-thieu/", "320", "360")
    for width, seen in facts.items():
        assert seen["scrollWidth"] <= int(width) and seen["widest"] <= int(width), (width, seen)


def test_a_draft_is_dated_as_a_draft_not_as_issued(sample):
    meta = sample.page("/van-ban/").select_one("a[href*='du-thao']")["href"]
    terms = [dt.get_text() for dt in sample.page(meta).select(".document-meta dt")]
    assert "Ngày dự thảo" in terms and "Ngày ban hành" not in terms


def test_a_search_that_finds_nothing_offers_no_feed_and_no_sorting(portal):
    page = fetch(portal, "/tim-kiem/?q=xyzzyqwerty")
    assert "Tìm thấy 0 kết quả" in page.get_text()
    assert not page.select(".search-results__feed, .search-results__sort, link[type='application/rss+xml']")
    found = fetch(portal, "/tim-kiem/?q=chuyen+doi+so")
    assert found.select(".search-results__feed") and found.select(".search-results__sort")
