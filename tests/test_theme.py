"""What a reader's browser gets from the sample portal: facts read from the parsed HTML."""

import re
from urllib.parse import urlsplit

import pytest
from portal_text import vn_weekday_datetime
from samples import news

QUANG_TRI = "/tin-tuc/dia-phuong/quang-tri-tang-cuong-su-dung-van-ban-dien-tu-trong-cac-co-quan-nha-nuoc/"
PAGES = [
    "/",
    "/tin-tuc/",
    "/tin-tuc/dia-phuong/",
    "/van-ban/",
    QUANG_TRI,
    "/van-ban/chi-thi-15-ct-ttg-ngay-22-05-2012/",
    "/gioi-thieu/",
    "/lien-he/",
    "/tim-kiem/",
    "404.html",
]


def html_files(site):
    return sorted(site.output.rglob("*.html"))


@pytest.mark.parametrize("url", PAGES)
def test_every_page_is_vietnamese_and_navigable(sample, url):
    page = sample.page(url)
    assert page.html["lang"] == "vi"
    assert page.find("meta", attrs={"name": "viewport"})
    skip = page.find("a", class_="skip-link")
    assert skip["href"] == "#main-content" and page.find(id="main-content").name == "main"
    nav = page.find("nav", attrs={"aria-label": "Điều hướng chính"})
    assert [a.get_text() for a in nav.find_all("a")] == [
        "Trang chủ",
        "Giới thiệu",
        "Tin tức",
        "Văn bản",
        "Hỏi đáp",
        "Tìm kiếm",
        "Liên hệ",
    ]
    assert len(page.find_all("h1")) == 1
    header = page.find("header", class_="site-header")
    assert "Sở Thông tin và Truyền thông" in header.get_text()
    assert header.find("img", class_="site-brand__emblem")["alt"] == ""
    footer = page.find("footer", class_="site-footer").get_text()
    assert "Điện thoại" in footer and "Thư điện tử" in footer and "Địa chỉ" in footer
    assert page.find("link", rel="stylesheet", media="print")


def test_no_request_leaves_the_site(sample):
    """Fonts, styles, images and scripts come from the portal itself: no third-party host."""
    for path in html_files(sample):
        text = path.read_text(encoding="utf-8")
        for whole, tag, attribute in re.findall(
            r"(<(link|script|img|source|iframe)\b[^>]*?\b(?:href|src)=\"([^\"]*)\")", text
        ):
            if 'rel="canonical"' in whole or "hreflang=" in whole:  # name public addresses; nothing is fetched
                continue
            assert not urlsplit(attribute).netloc, (path, tag, attribute)
    css = "".join(p.read_text() for p in (sample.output / "theme/css").glob("*.css"))
    assert "@import" not in css
    for url in re.findall(r"url\(([^)]*)\)", css):
        assert not urlsplit(url.strip("'\"")).netloc, url
        assert (sample.output / "theme/css" / url.strip("'\"")).resolve().is_file(), url
    scripts = re.findall(r"<script\b[^>]*>", "".join(p.read_text(encoding="utf-8") for p in html_files(sample)))
    # data for machines, and the one small file that shows "In trang" (pages work without it)
    printing = {s for s in scripts if re.fullmatch(r'<script src="/theme/js/print\.[0-9a-f]{10}\.js" defer>', s)}
    assert len(printing) == 1 and set(scripts) - printing <= {'<script type="application/ld+json">'}


def test_fonts_cover_vietnamese(sample):
    css = (sample.output / "theme/css/main.css").read_text()
    assert "U+1EA0-1EF9" in css  # the precomposed Vietnamese letters (ạ … ỹ)
    assert "U+0110-0111" in css  # Đ đ
    fonts = [p.name for p in (sample.output / "theme/fonts").glob("*vietnamese*.woff2")]
    assert len([name for name in fonts if name.count(".") == 1]) == 3  # and their copies under hashed names


def test_news_page(sample):
    page = sample.page(QUANG_TRI)
    assert page.h1.get_text() == "Quảng Trị: Tăng cường sử dụng văn bản điện tử trong các cơ quan nhà nước"
    time = page.select_one(".news__meta time")
    assert time.get_text() == "Thứ tư, 25/06/2014 13:46"
    assert time["datetime"] == "2014-06-25T13:46:00+07:00"
    assert page.select_one(".news__author").get_text() == "Đài Sơn"
    figure = page.select_one(".news__figure")
    assert figure.img["src"] == "/files/anh-minh-hoa-van-ban-dien-tu.svg"
    # its place is kept before it arrives (the SVG's viewBox is 480 × 320), and it is fetched first
    assert (figure.img["width"], figure.img["height"], figure.img["fetchpriority"]) == ("480", "320", "high")
    assert figure.figcaption.get_text() == "Ảnh minh họa"
    assert (sample.output / "files/anh-minh-hoa-van-ban-dien-tu.svg").is_file()
    crumbs = page.find("nav", attrs={"aria-label": "Đường dẫn"})
    assert [li.get_text(strip=True) for li in crumbs.find_all("li")] == [
        "Trang chủ",
        "Tin tức",
        "Địa phương",
        page.h1.get_text(),
    ]
    assert crumbs.find_all("li")[-1].span["aria-current"] == "page"
    others = [a["href"] for a in page.select(".other-news li a")]
    assert len(others) == 4 and QUANG_TRI not in others  # every other news item of the sample (it has five)
    # its own chuyên mục first, then the newest of the others
    own = [href for href in others if href.startswith("/tin-tuc/dia-phuong/")]
    assert own and others[: len(own)] == own
    assert "ĐÁNH GIÁ BÀI VIẾT" not in page.get_text() and "Số lượt truy cập" not in page.get_text()


def test_source_is_credited(sample):
    page = sample.page(
        "/tin-tuc/dia-phuong/dong-thap-trien-khai-dich-vu-hanh-chinh-cong-truc-tuyen-cap-do-3-truoc-nam-2013/"
    )
    assert page.select_one(".news__source").get_text() == "Nguồn: Cổng TTĐT Đồng Tháp"


def test_home_page(sample):
    page = sample.page("/")
    cards = page.select(".home__news .news-card")
    assert cards[0].find("a").get_text().startswith("Quảng Trị")  # newest first
    assert cards[0].find("img")["src"] == "/files/anh-minh-hoa-van-ban-dien-tu.svg"
    assert cards[0].select_one(".news-card__lead").get_text().startswith("Ngày 16/6/2014")
    numbers = [a.get_text() for a in page.select(".home__documents .document-row__number a")]
    assert numbers[:2] == ["05/2026/DT-STTTT", "45/KH-STTTT"]  # newest issued first
    links = {a.strong.get_text(): a["href"] for a in page.select(".link-blocks a")}
    assert links["Cổng Dịch vụ công Quốc gia"] == "https://dichvucong.gov.vn/"


def test_document_page(sample):
    page = sample.page("/van-ban/chi-thi-34-2008-ct-ttg-ngay-03-12-2008/")
    meta = page.select_one(".document-meta dl")
    facts = dict(zip([dt.get_text() for dt in meta.find_all("dt")], [dd.get_text() for dd in meta.find_all("dd")]))
    assert facts["Số ký hiệu"] == "34/2008/CT-TTg"
    assert facts["Loại văn bản"] == "Chỉ thị"
    assert facts["Cơ quan ban hành"] == "Thủ tướng Chính phủ"
    assert facts["Người ký"] == "Nguyễn Tấn Dũng (Thủ tướng)"
    assert facts["Ngày ban hành"] == "03/12/2008"


def test_standing_pages(sample):
    assert sample.page("/gioi-thieu/").h1.get_text() == "Giới thiệu"
    contact = sample.page("/lien-he/")
    assert contact.select_one('.prose a[href^="mailto:"]')
    assert contact.select_one('.prose a[href^="tel:"]')


def test_404_page_links_home(sample):
    page = sample.page("404.html")
    assert page.h1.get_text() == "Không tìm thấy trang"
    assert page.select_one('main a[href="/"]')


def test_search_page_form_works_without_javascript(sample):
    form = sample.page("/tim-kiem/").select_one("main form")
    assert form["method"] == "get" and form["action"] == "/tim-kiem/"
    field = form.find("input", attrs={"name": "q"})
    assert form.find("label", attrs={"for": field["id"]})


def test_listings_show_the_newest_and_number_full_pages_from_the_oldest(site):
    """The newest at the listing's address; behind it, full pages counted from the oldest, each newest first,
    whose items (and bytes) stay as they are while news are added."""
    for day in range(1, 24):
        site.write(
            f"tin-tuc/dia-phuong/tin-{day:02d}.md", news(title=f"Tin ngày {day}", date=f"2024-03-{day:02d} 08:00")
        )
    assert site.build().ok
    first = site.page("/tin-tuc/dia-phuong/")
    assert [a.get_text() for a in first.select("main article h2 a")][:3] == [
        "Tin ngày 23",
        "Tin ngày 22",
        "Tin ngày 21",
    ]
    assert len(first.select("main article")) == 10
    pager = first.find("nav", attrs={"aria-label": "Phân trang"})
    assert pager.find(attrs={"aria-current": "page"}).get_text(" ", strip=True) == "Mới nhất"
    assert pager.find("a", rel="next")["href"] == "/tin-tuc/dia-phuong/luu-tru/2/"
    oldest = site.page("/tin-tuc/dia-phuong/luu-tru/1/")
    assert [a.get_text() for a in oldest.select("main article h2 a")] == [f"Tin ngày {d}" for d in range(10, 0, -1)]
    assert oldest.h1.get_text(" ", strip=True) == "Địa phương (trang 1)"
    assert oldest.find("a", rel="prev")["href"] == "/tin-tuc/dia-phuong/luu-tru/2/"
    assert oldest.find("nav", attrs={"aria-label": "Phân trang"}).find("a", rel="next") is None
    second = site.page("/tin-tuc/dia-phuong/luu-tru/2/")
    assert second.select_one("main article h2 a").get_text() == "Tin ngày 20"
    assert second.find("a", rel="prev")["href"] == "/tin-tuc/dia-phuong/"
    assert not site.exists("/tin-tuc/dia-phuong/luu-tru/3/")  # 21–23 wait on the front page for seven more
    before = {n: (site.output / f"tin-tuc/dia-phuong/luu-tru/{n}/index.html").read_bytes() for n in (1, 2)}

    for day in range(24, 29):  # five more: no page is full yet, and the archive stays as it was
        site.write(
            f"tin-tuc/dia-phuong/tin-{day:02d}.md", news(title=f"Tin ngày {day}", date=f"2024-03-{day:02d} 08:00")
        )
    assert site.build().ok
    assert {n: (site.output / f"tin-tuc/dia-phuong/luu-tru/{n}/index.html").read_bytes() for n in (1, 2)} == before
    assert site.page("/tin-tuc/dia-phuong/").select_one("main article h2 a").get_text() == "Tin ngày 28"


def test_vietnamese_weekdays():
    from datetime import datetime

    assert [vn_weekday_datetime(datetime(2024, 6, d, 7, 5)) for d in range(10, 17)] == [
        "Thứ hai, 10/06/2024 07:05",
        "Thứ ba, 11/06/2024 07:05",
        "Thứ tư, 12/06/2024 07:05",
        "Thứ năm, 13/06/2024 07:05",
        "Thứ sáu, 14/06/2024 07:05",
        "Thứ bảy, 15/06/2024 07:05",
        "Chủ nhật, 16/06/2024 07:05",
    ]


def test_vietnamese_alphabetical_order():
    from portal_text import sort_key

    words = [
        "Xây dựng",
        "Đất đai",
        "Đầu tư",
        "Y tế",
        "Dân tộc",
        "Ưu đãi",
        "Uy tín",
        "Ăn uống",
        "An ninh",
        "Ấn phẩm",
        "Bàn",
        "Bản",
        "Ban",
        "Bán",
    ]
    assert sorted(words, key=sort_key) == [
        "An ninh",
        "Ăn uống",
        "Ấn phẩm",
        "Ban",
        "Bàn",
        "Bản",
        "Bán",
        "Dân tộc",
        "Đất đai",
        "Đầu tư",
        "Uy tín",
        "Ưu đãi",
        "Xây dựng",
        "Y tế",
    ]


def test_pagination_links_the_ends_and_the_neighbours_of_the_current_page(site):
    for n in range(80):  # 8 full pages of 10
        site.write(
            f"tin-tuc/tin-{n:02d}.md", news(title=f"Tin số {n}", date=f"2024-01-{n % 28 + 1:02d} 08:{n % 60:02d}")
        )
    assert site.build().ok

    def shown(url):
        """Each item of the page's navigation: a page number, "…", "prev" or "next"."""
        items = []
        for li in site.page(url).select("nav.pagination li"):
            if "pagination__gap" in (li.get("class") or []):
                items.append("…")
            elif li.a is None:  # the current page
                items.append(li.get_text(" ", strip=True).replace("Trang ", ""))
            elif li.a.get("rel"):
                items.append(li.a["rel"][0])
            else:
                items.append(li.a.get("aria-label", li.a.get_text(strip=True)).removeprefix("Trang "))
        return items

    # eight full pages, counted from the oldest: the front page shows the eighth, and leads on to the seventh
    assert shown("/tin-tuc/") == ["Mới nhất", "7", "6", "5", "…", "1", "next"]
    assert shown("/tin-tuc/luu-tru/5/") == ["prev", "Mới nhất", "7", "6", "5", "4", "3", "…", "1", "next"]
    assert shown("/tin-tuc/luu-tru/8/") == ["prev", "Mới nhất", "8", "7", "6", "…", "1", "next"]
    assert shown("/tin-tuc/luu-tru/1/") == ["prev", "Mới nhất", "…", "3", "2", "1"]
    current = site.page("/tin-tuc/luu-tru/5/").select_one('nav.pagination [aria-current="page"]')
    assert current.get_text(strip=True) == "Trang5"


def test_the_documents_table_and_its_filter_work_without_javascript(sample):
    """/van-ban/ as vbpl.vn shows it; the filter is a form the search service answers."""
    from search_server import Server

    page = sample.page("/van-ban/")
    table = page.select_one("table.documents-table")
    assert [th.get_text() for th in table.select("thead th")] == [
        "Số ký hiệu",
        "Ngày ban hành",
        "Trích yếu",
        "Tình trạng",
    ]
    rows = table.select("tbody tr")
    assert len(rows) >= 10
    first = rows[0]
    assert first.th["scope"] == "row" and first.th.a["href"].startswith("/van-ban/")
    assert [td["data-label"] for td in first.find_all("td")] == ["Ngày ban hành", "Trích yếu", "Tình trạng"]
    form = page.select_one("form.document-filter")
    assert form["action"] == "/tim-kiem/" and form["method"] == "get"
    fields = {s["name"]: [o.get_text() for o in s.find_all("option")] for s in form.find_all("select")}
    assert set(fields) == {"type", "issuer", "topic", "year", "validity"}
    assert "Chỉ thị" in fields["type"] and "Còn hiệu lực" in fields["validity"]
    for select in form.find_all("select"):
        assert page.find("label", attrs={"for": select["id"]}), select["id"]
    # on a facet's listing its value is chosen
    facet = sample.page("/van-ban/loai/chi-thi/").select_one("select[name=type] option[selected]")
    assert facet.get_text() == "Chỉ thị"
    # what a browser sends when a reader chooses "Chỉ thị" and submits
    server = Server(sample.output)
    try:
        answer = server.api(kind="van-ban", q="", type="Chỉ thị", issuer="", topic="", year="", validity="")
    finally:
        server.close()
    assert answer["total"] >= 1 and {r["doc_type"] for r in answer["results"]} == {"Chỉ thị"}


def test_a_phone_gets_a_menu_button_and_print_gets_a4_with_the_address(sample):
    page = sample.page("/tin-tuc/")
    toggle = page.find("input", id="site-nav-toggle")
    assert (
        toggle["type"] == "checkbox" and page.find("label", attrs={"for": "site-nav-toggle"}).get_text() == "Danh mục"
    )
    css = (sample.output / "theme/css/main.css").read_text(encoding="utf-8")
    assert ".site-nav__toggle:not(:checked) ~ .site-nav__list { display: none; }" in css
    printing = (sample.output / "theme/css/print.css").read_text(encoding="utf-8")
    assert "@page { size: A4;" in printing
    item = sample.page("/gioi-thieu/")
    assert item.find("button", attrs={"data-print": True}).has_attr("hidden")  # shown by print.js only
    source = item.select_one(".print-only").get_text()
    assert source.startswith("In từ http://localhost:8000/gioi-thieu/")


def test_the_first_picture_of_the_home_page_is_fetched_at_once_the_rest_lazily(site):
    from samples import news

    for n in range(1, 4):
        site.write(
            f"tin-tuc/dia-phuong/t{n}.md", news(title=f"Tin {n}", date=f"2024-01-1{n} 08:00", extra="image: anh.png")
        )
    site.write_bytes("tin-tuc/dia-phuong/anh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    assert site.build().ok, site.messages()
    images = site.page("/").select(".home__news img")
    assert len(images) == 3
    assert images[0].get("fetchpriority") == "high" and not images[0].has_attr("loading")  # the largest paint
    assert all(img.get("loading") == "lazy" for img in images[1:])
