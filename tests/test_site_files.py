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
        if relative.startswith(("tim-kiem/", "phan-hoi/", "hoi-dap/", "rss/", "chuyen-de/", "van-ban/du-lieu-mo/")):
            continue
        if 'rel="canonical"' not in path.read_text(encoding="utf-8"):
            missing.append(relative)
    assert missing == []
