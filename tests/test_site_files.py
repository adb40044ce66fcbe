"""The files crawlers look for (PRODUCT.md): sitemap.xml with real lastmod, robots.txt naming it,
a canonical link on every page, noindex where an item is not listed."""

import xml.etree.ElementTree as ET

from samples import news

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap(site) -> dict[str, str]:
    root = ET.fromstring((site.output / "sitemap.xml").read_bytes())
    return {u.find("s:loc", NS).text: u.find("s:lastmod", NS).text for u in root.findall("s:url", NS)}


def test_the_sitemap_lists_listed_items_and_listings_with_their_last_change(site):
    site.write("tin-tuc/dia-phuong/a.md", news(title="Tin đã sửa", extra="modified: 2024-02-03 10:15"))
    site.write("tin-tuc/dia-phuong/b.md", news(title="Tin ẩn", extra="status: hidden"))
    site.write("tin-tuc/dia-phuong/c.md", news(title="Tin hẹn giờ", date="2024-12-01 08:00"))
    site.write("tin-tuc/dia-phuong/d.md", news(title="Tin hết hạn", extra="expires: 2024-03-01"))
    site.write("tin-tuc/dia-phuong/e.md", news(title="Bản nháp", extra="status: draft"))
    assert site.build(today="2024-06-01").ok, site.messages()
    urls = sitemap(site)
    base = "http://localhost:8000"
    assert urls[f"{base}/tin-tuc/dia-phuong/tin-da-sua/"] == "2024-02-03T10:15:00+07:00"
    assert urls[f"{base}/"] == urls[f"{base}/tin-tuc/"] == "2024-02-03T10:15:00+07:00"
    for slug in ("tin-an", "tin-hen-gio", "tin-het-han", "ban-nhap"):
        assert not [u for u in urls if slug in u], slug
    assert not [u for u in urls if "/tim-kiem/" in u or "/api/" in u or "/phan-hoi/" in u]
    robots = (site.output / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {base}/sitemap.xml" in robots and "Disallow: /tim-kiem/" in robots and "Disallow: /api/" in robots


def test_every_page_names_its_canonical_address_and_unlisted_pages_say_noindex(site):
    site.write("tin-tuc/dia-phuong/a.md", news(title="Tin công khai"))
    site.write("tin-tuc/dia-phuong/b.md", news(title="Tin ẩn", extra="status: hidden"))
    assert site.build(today="2024-06-01").ok
    public = site.page("/tin-tuc/dia-phuong/tin-cong-khai/")
    assert public.find("link", rel="canonical")["href"] == "http://localhost:8000/tin-tuc/dia-phuong/tin-cong-khai/"
    assert public.find("meta", attrs={"name": "robots"}) is None
    hidden = site.page("/tin-tuc/dia-phuong/tin-an/")
    assert hidden.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert site.page("/").find("link", rel="canonical")["href"] == "http://localhost:8000/"
    assert site.page("/tin-tuc/").find("link", rel="canonical")["href"] == "http://localhost:8000/tin-tuc/"


def test_the_sample_portal_has_a_canonical_link_on_every_content_and_listing_page(sample):
    missing = []
    for path in sample.output.rglob("index.html"):
        relative = path.relative_to(sample.output).as_posix()
        if relative.startswith(("tim-kiem/", "phan-hoi/")):  # search results and the write path's pages
            continue
        if 'rel="canonical"' not in path.read_text(encoding="utf-8"):
            missing.append(relative)
    assert missing == []


def structured(page) -> dict[str, dict]:
    """The page's JSON-LD objects by @type (each must parse)."""
    import json

    found = {}
    for script in page.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        found[data["@type"]] = data
    return found


def meta(page, name: str) -> list[str]:
    return [m["content"] for m in page.find_all("meta") if name in (m.get("property"), m.get("name"))]


def test_a_shared_link_and_search_engines_see_title_date_author_and_trail(site):
    site.write(
        "tin-tuc/dia-phuong/a.md",
        news(title="Hội nghị chuyển đổi số", extra="tags: [chuyển đổi số]\nimage: anh.png\nmodified: 2024-02-03 10:15"),
    )
    site.write_bytes("tin-tuc/dia-phuong/anh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    assert site.build(today="2024-06-01").ok, site.messages()
    page = site.page("/tin-tuc/dia-phuong/hoi-nghi-chuyen-doi-so/")
    url = "http://localhost:8000/tin-tuc/dia-phuong/hoi-nghi-chuyen-doi-so/"
    assert meta(page, "og:title") == ["Hội nghị chuyển đổi số"] and meta(page, "og:url") == [url]
    assert meta(page, "og:type") == ["article"] and meta(page, "og:locale") == ["vi_VN"]
    assert meta(page, "og:image") == ["http://localhost:8000/tin-tuc/dia-phuong/anh.png"]
    assert meta(page, "twitter:card") == ["summary_large_image"]
    assert meta(page, "article:published_time") == ["2024-01-10T09:30:00+07:00"]
    assert meta(page, "article:tag") == ["chuyển đổi số"]
    data = structured(page)
    article = data["NewsArticle"]
    assert article["headline"] == "Hội nghị chuyển đổi số" and article["@id"] == url
    assert (article["datePublished"], article["dateModified"]) == (
        "2024-01-10T09:30:00+07:00",
        "2024-02-03T10:15:00+07:00",
    )
    assert article["author"] == {"@type": "Person", "name": "Lâm Cao"}
    assert article["publisher"]["@type"] == "GovernmentOrganization" and article["inLanguage"] == "vi"
    trail = data["BreadcrumbList"]["itemListElement"]
    assert [(i["position"], i["name"]) for i in trail] == [
        (1, "Trang chủ"),
        (2, "Tin tức"),
        (3, "Địa phương"),
        (4, "Hội nghị chuyển đổi số"),
    ]
    assert trail[1]["item"] == "http://localhost:8000/tin-tuc/" and "item" not in trail[-1]
    home = structured(site.page("/"))["WebSite"]
    assert home["potentialAction"]["target"]["urlTemplate"] == "http://localhost:8000/tim-kiem/?q={search_term_string}"
    listing = site.page("/tin-tuc/")
    assert meta(listing, "og:type") == ["website"] and meta(listing, "twitter:card") == ["summary"]


def test_tags_are_links_to_their_pages(site):
    site.write("tin-tuc/dia-phuong/a.md", news(title="Tin một", extra="tags: [Chuyển đổi số, chữ ký số]"))
    site.write("tin-tuc/dia-phuong/b.md", news(title="Tin hai", date="2024-02-01 08:00", extra="tags: [chuyển đổi số]"))
    site.write("tin-tuc/dia-phuong/c.md", news(title="Tin ẩn", extra="tags: [bí mật]\nstatus: hidden"))
    assert site.build(today="2024-06-01").ok, site.messages()
    links = site.page("/tin-tuc/dia-phuong/tin-mot/").select(".news__tags a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Chuyển đổi số", "/tu-khoa/chuyen-doi-so/"),
        ("chữ ký số", "/tu-khoa/chu-ky-so/"),
    ]
    tag = site.page("/tu-khoa/chuyen-doi-so/")
    assert [a.get_text() for a in tag.select(".news-card__title a")] == ["Tin hai", "Tin một"]
    assert [a.get_text() for a in site.page("/tu-khoa/").select(".facet-index a")] == [
        "chuyển đổi số",
        "chữ ký số",
    ]  # u before ư
    assert not site.exists("/tu-khoa/bi-mat/")  # a hidden item's tag has no page, and is not a link
    assert not site.page("/tin-tuc/dia-phuong/tin-an/").select(".news__tags a")


def test_security_txt_and_favicon(site):
    from datetime import datetime

    from portal_sitefiles.favicon import SIZES

    site.write("tin-tuc/dia-phuong/a.md", news())
    assert site.build(today="2024-06-01").ok
    fields = dict(
        line.split(": ", 1) for line in (site.output / ".well-known/security.txt").read_text("utf-8").splitlines()
    )
    assert fields["Contact"] == "mailto:stttt@quangngai.gov.vn"
    assert fields["Canonical"] == "http://localhost:8000/.well-known/security.txt"
    expires = datetime.fromisoformat(fields["Expires"])
    assert 0 < (expires - datetime.fromisoformat("2024-06-01T23:59:59+07:00")).days < 365  # RFC 9116
    icon = (site.output / "favicon.ico").read_bytes()
    assert icon[:4] == b"\0\0\1\0" and int.from_bytes(icon[4:6], "little") == len(SIZES)
    sizes = [icon[6 + 16 * i] for i in range(len(SIZES))]
    assert sizes == list(SIZES)
    for i in range(len(SIZES)):  # each entry points at a whole PNG
        length, offset = (int.from_bytes(icon[6 + 16 * i + k : 6 + 16 * i + k + 4], "little") for k in (8, 12))
        assert icon[offset : offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + length <= len(icon)


def test_sizes_and_numbers_read_as_vietnamese():
    from portal_text import vn_number, vn_size

    assert [vn_size(n) for n in (624, 12800, 1258291, 150 * 1024 * 1024)] == ["624 byte", "12,5 KB", "1,2 MB", "150 MB"]
    assert vn_number(1234567) == "1.234.567" and vn_number(2.5, 1) == "2,5"


def test_open_data_states_its_licence(sample):
    import json

    data = json.loads((sample.output / "van-ban/du-lieu-mo/van-ban.json").read_text(encoding="utf-8"))
    assert data["license"]["url"].startswith("https://creativecommons.org/licenses/by/4.0/")
    assert "Sở Thông tin và Truyền thông" in data["license"]["attribution"]
    link = sample.page("/van-ban/du-lieu-mo/").find("a", rel="license")
    assert link["href"] == data["license"]["url"]


def test_statistics_count_what_a_reader_can_find(sample):
    """Thống kê (NĐ 42/2022): counts from the published items, a table each with a bar on every row, the same
    figures as open data."""
    import json

    page = sample.page("/thong-ke/")
    data = json.loads((sample.output / "van-ban/du-lieu-mo/thong-ke.json").read_text(encoding="utf-8"))
    tables = {t["key"]: t for t in data["tables"]}
    listed_documents = len(sample.page("/van-ban/").select(".documents-table tbody tr"))  # the first page
    by_type = tables["van-ban-theo-loai"]
    assert by_type["total"] == sum(r["count"] for r in by_type["rows"]) >= listed_documents
    open_data = json.loads((sample.output / "van-ban/du-lieu-mo/van-ban.json").read_text(encoding="utf-8"))
    assert by_type["total"] == len(open_data["documents"])  # every listed document, once
    assert tables["van-ban-theo-hieu-luc"]["total"] == by_type["total"]
    for key, table in tables.items():
        section = page.find(id=key).find_parent("section")
        rows = section.select("tbody tr")
        assert [(r.th.get_text(), int(r.td.get_text().replace(".", ""))) for r in rows] == [
            (row["name"], row["count"]) for row in table["rows"]
        ]
        assert section.select_one("tfoot td").get_text().replace(".", "") == str(table["total"])
        bars = section.select("tbody svg")  # one bar a row, beside its label and value, hidden from screen readers
        assert len(bars) == len(rows) and all(bar["aria-hidden"] == "true" and bar.find("rect") for bar in bars)
    assert page.find("a", href="/van-ban/du-lieu-mo/thong-ke.json")
