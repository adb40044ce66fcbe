"""Publishing rules: draft, hidden, scheduled, expired, and PORTAL_TODAY."""

from samples import document, news

LISTINGS = ["/", "/tin-tuc/", "/tin-tuc/tin-tong-hop/"]


def listed_titles(site, url) -> list[str]:
    page = site.page(url)
    return [a.get_text(strip=True) for a in page.select("main article h2 a, main article h3 a")]


def test_draft_is_nowhere_in_the_output(site):
    site.write("tin-tuc/ban-nhap.md", news(title="Bản nháp bí mật", extra="status: draft"))
    site.write("tin-tuc/a.md", news(title="Tin đã đăng"))
    site.write("van-ban/du-thao.md", document(number="99/CT-TTg", title="Dự thảo chưa duyệt", extra="status: draft"))
    assert site.build().ok
    everything = site.all_text()
    assert "Bản nháp bí mật" not in everything
    assert "ban-nhap-bi-mat" not in everything
    assert "Dự thảo chưa duyệt" not in everything
    assert "99/CT-TTg" not in everything
    assert not (site.output / "drafts").exists()
    assert "Tin đã đăng" in listed_titles(site, "/tin-tuc/")


def test_hidden_has_its_own_page_only(site):
    site.write("tin-tuc/an.md", news(title="Tin ẩn", extra="status: hidden"))
    site.write("tin-tuc/a.md", news(title="Tin đã đăng"))
    site.write("van-ban/an.md", document(number="98/CT-TTg", title="Văn bản ẩn", extra="status: hidden"))
    assert site.build().ok
    assert site.page("/tin-tuc/tin-tong-hop/tin-an/").h1.get_text() == "Tin ẩn"
    assert site.page("/van-ban/chi-thi-98-ct-ttg-ngay-22-05-2012/").h1.get_text() == "Văn bản ẩn"
    for url in LISTINGS:
        assert "Tin ẩn" not in listed_titles(site, url)
    assert "Văn bản ẩn" not in site.page("/van-ban/").get_text()
    assert "Văn bản ẩn" not in site.page("/").get_text()
    # nor offered as "Tin khác" on another news page
    assert "Tin ẩn" not in site.page("/tin-tuc/tin-tong-hop/tin-da-dang/").get_text()


def test_scheduled_item_waits_for_its_date(site):
    site.write("tin-tuc/hen-gio.md", news(title="Tin hẹn giờ", date="2024-06-10 08:00"))
    site.write("tin-tuc/a.md", news(title="Tin đã đăng"))
    assert site.build(today="2024-06-09").ok
    assert "Tin hẹn giờ" not in site.all_text()
    assert site.build(today="2024-06-10").ok
    assert "Tin hẹn giờ" in listed_titles(site, "/tin-tuc/")
    assert site.exists("/tin-tuc/tin-tong-hop/tin-hen-gio/")


def test_scheduled_document_uses_its_date_not_issued(site):
    site.write("van-ban/a.md", document(number="97/CT-TTg", issued="2024-06-01", extra="date: 2024-07-01"))
    assert site.build(today="2024-06-15").ok
    assert "97/CT-TTg" not in site.all_text()
    assert site.build(today="2024-07-01").ok
    assert "97/CT-TTg" in site.page("/van-ban/").get_text()


def test_expired_news_leaves_listings_and_says_so(site):
    site.write("tin-tuc/het-han.md", news(title="Thông báo tuyển dụng", extra="expires: 2024-06-30"))
    site.write("tin-tuc/a.md", news(title="Tin còn hạn"))
    assert site.build(today="2024-06-30").ok  # listed through the whole of its last day
    assert "Thông báo tuyển dụng" in listed_titles(site, "/tin-tuc/")
    assert site.page("/tin-tuc/tin-tong-hop/thong-bao-tuyen-dung/").find(class_="notice") is None

    assert site.build(today="2024-07-01").ok
    for url in LISTINGS:
        assert "Thông báo tuyển dụng" not in listed_titles(site, url)
    page = site.page("/tin-tuc/tin-tong-hop/thong-bao-tuyen-dung/")
    assert "đã hết hạn" in page.find(class_="notice").get_text()
    assert page.h1.get_text() == "Thông báo tuyển dụng"


def test_expiry_with_a_time(site):
    site.write("tin-tuc/a.md", news(title="Lịch cắt điện", extra="expires: 2024-06-30 17:00"))
    site.write("tin-tuc/b.md", news(title="Tin khác"))
    assert site.build(today="2024-06-30").ok  # PORTAL_TODAY is the end of that day: past 17:00
    assert "Lịch cắt điện" not in listed_titles(site, "/tin-tuc/")


def test_a_document_past_its_legal_expiry_stays_published(site):
    site.write("van-ban/a.md", document(number="96/CT-TTg", title="Văn bản cũ", extra="expires: 2020-01-01"))
    assert site.build(today="2024-06-01").ok
    assert "96/CT-TTg" in site.page("/van-ban/").get_text()
    assert site.page("/van-ban/chi-thi-96-ct-ttg-ngay-22-05-2012/").find(class_="notice") is None


def test_invalid_draft_still_refuses_the_build(site):
    """Drafts are checked too: the mistake would reach citizens the day it is published."""
    site.write("tin-tuc/a.md", news(extra="status: draft\nimage: khong-co.jpg"))
    assert not site.build().ok


def test_tin_khac_stays_when_a_section_has_one_news_item(site):
    """The block of other news never disappears while the portal has other news (issue 16)."""
    site.write("tin-tuc/dia-phuong/mot.md", news(title="Tin duy nhất của mục", date="2024-01-10 09:00"))
    site.write("tin-tuc/chi-dao-dieu-hanh/a.md", news(title="Tin chỉ đạo A", date="2024-01-11 09:00"))
    site.write("tin-tuc/chi-dao-dieu-hanh/b.md", news(title="Tin chỉ đạo B", date="2024-01-12 09:00"))
    assert site.build().ok, site.messages()
    page = site.page("/tin-tuc/dia-phuong/tin-duy-nhat-cua-muc/")
    assert [a.get_text() for a in page.select(".other-news li a")] == ["Tin chỉ đạo B", "Tin chỉ đạo A"]
    # a section's own news come first
    other = site.page("/tin-tuc/chi-dao-dieu-hanh/tin-chi-dao-a/")
    assert [a.get_text() for a in other.select(".other-news li a")] == ["Tin chỉ đạo B", "Tin duy nhất của mục"]
