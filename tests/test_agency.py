"""The agency as content (issue 16): its leaders (`content/lanh-dao/`) and its organisation
(`content/co-cau-to-chuc/`), each person and unit with a page, the two pages that list them, the units'
own portals at the foot of every page, search, and every mistake in Vietnamese. Real builds."""

import json

from conftest import run_invoke
from samples import news
from search_server import Server


def leader(name: str, position: str, order: int, extra: str = "") -> str:
    return f"---\ntitle: {name}\nposition: {position}\norder: {order}\ndate: 2024-01-05\n{extra}---\n\nTiểu sử của {name}.\n"


def unit(name: str, group: str, order: int, extra: str = "") -> str:
    return f"---\ntitle: {name}\ngroup: {group}\norder: {order}\ndate: 2024-01-05\n{extra}---\n\nNhiệm vụ của {name}.\n"


def test_leaders_are_listed_by_their_order_each_with_a_page(site):
    site.write("lanh-dao/b.md", leader("Trần Thị Bình", "Phó Giám đốc Sở", 2, "portfolio: [Báo chí, Xuất bản]\n"))
    site.write(
        "lanh-dao/a.md",
        leader("Nguyễn Văn An", "Giám đốc Sở", 1, "phone: 0255 3822 101\nemail: nvan@stttt.quangngai.gov.vn\n"),
    )
    site.write("lanh-dao/c.md", leader("Lê Văn Cường", "Phó Giám đốc Sở", 2))
    assert site.build().ok, site.messages()
    listing = site.page("/lanh-dao/")
    # by order, then by name in Vietnamese order ("Lê …" before "Trần …" at the same order)
    assert [h.get_text() for h in listing.select(".person__name")] == ["Nguyễn Văn An", "Lê Văn Cường", "Trần Thị Bình"]
    first = listing.select_one(".person")
    assert first.select_one(".person__position").get_text() == "Giám đốc Sở"
    assert first.find("a", href="tel:02553822101").get_text() == "0255 3822 101"
    assert first.find("a", href="mailto:nvan@stttt.quangngai.gov.vn")
    page = site.page("/lanh-dao/tran-thi-binh/")
    assert page.h1.get_text() == "Trần Thị Bình"
    assert [li.get_text() for li in page.select(".person__facts ul li")] == ["Báo chí", "Xuất bản"]
    assert "Tiểu sử của Trần Thị Bình." in page.select_one(".prose").get_text()
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert (data["@type"], data["name"], data["jobTitle"]) == ("Person", "Trần Thị Bình", "Phó Giám đốc Sở")
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "/lanh-dao/</loc>" in sitemap and "/lanh-dao/tran-thi-binh/</loc>" in sitemap
    # people are not news: no feed carries them
    assert all("tran-thi-binh" not in p.read_text(encoding="utf-8") for p in site.output.rglob("rss.xml"))


def test_the_organisation_groups_its_units_and_their_portals_are_at_the_foot_of_every_page(site):
    site.write(
        "co-cau-to-chuc/tt.md",
        unit(
            "Trung tâm Công nghệ thông tin",
            "Đơn vị sự nghiệp",
            10,
            "website: https://trungtam.quangngai.gov.vn/\nhead: Đặng Văn Hải\n",
        ),
    )
    site.write(
        "co-cau-to-chuc/vp.md",
        unit("Văn phòng Sở", "Cơ quan tham mưu", 1, "head: Phạm Thị Dung\nhead_title: Chánh Văn phòng\n"),
    )
    site.write("co-cau-to-chuc/ttra.md", unit("Thanh tra Sở", "Cơ quan tham mưu", 2))
    site.write("tin-tuc/dia-phuong/t.md", news(title="Tin một"))
    assert site.build().ok, site.messages()
    page = site.page("/co-cau-to-chuc/")
    groups = [(s.h2.get_text(), [h.get_text() for h in s.select(".unit__name")]) for s in page.select("section.units")]
    assert groups == [
        ("Cơ quan tham mưu", ["Văn phòng Sở", "Thanh tra Sở"]),
        ("Đơn vị sự nghiệp", ["Trung tâm Công nghệ thông tin"]),
    ]
    assert "Chánh Văn phòng: Phạm Thị Dung" in page.get_text()
    unit_page = site.page("/co-cau-to-chuc/trung-tam-cong-nghe-thong-tin/")
    assert unit_page.h1.get_text() == "Trung tâm Công nghệ thông tin"
    assert "Nhiệm vụ của Trung tâm Công nghệ thông tin." in unit_page.select_one(".prose").get_text()
    data = json.loads(unit_page.find("script", type="application/ld+json").string)
    assert data["@type"] == "GovernmentOrganization" and data["url"] == "https://trungtam.quangngai.gov.vn/"
    for url in ("/", "/tin-tuc/dia-phuong/tin-mot/", "/co-cau-to-chuc/", "/hoi-dap/"):
        portals = site.page(url).select(".unit-portals a")
        assert [(a.get_text(), a["href"]) for a in portals] == [
            ("Trung tâm Công nghệ thông tin", "https://trungtam.quangngai.gov.vn/")
        ], url


def test_a_unit_gaining_a_portal_changes_every_page_on_a_rebuild(site):
    site.write("co-cau-to-chuc/vp.md", unit("Văn phòng Sở", "Cơ quan tham mưu", 1))
    site.write("tin-tuc/dia-phuong/t.md", news(title="Tin một"))
    assert site.build().ok, site.messages()
    assert not site.page("/tin-tuc/dia-phuong/tin-mot/").select(".unit-portals")
    site.write("co-cau-to-chuc/vp.md", unit("Văn phòng Sở", "Cơ quan tham mưu", 1, "website: https://vp.gov.vn/\n"))
    assert site.build().ok, site.messages()
    assert site.page("/tin-tuc/dia-phuong/tin-mot/").select_one(".unit-portals a")["href"] == "https://vp.gov.vn/"


def test_search_finds_who_is_in_charge_without_diacritics(site):
    site.write("lanh-dao/b.md", leader("Trần Thị Bình", "Phó Giám đốc Sở", 2, "portfolio: [Báo chí, Xuất bản]\n"))
    site.write("co-cau-to-chuc/vp.md", unit("Văn phòng Sở", "Cơ quan tham mưu", 1, "head: Phạm Thị Dung\n"))
    assert site.build().ok, site.messages()
    server = Server(site.output)
    try:
        found = server.api(q="pho giam doc bao chi")
        head = server.api(q="pham thi dung")
    finally:
        server.close()
    assert found["results"][0]["url"] == "/lanh-dao/tran-thi-binh/" and found["results"][0]["kind"] == "leader"
    assert head["results"][0]["url"] == "/co-cau-to-chuc/van-phong-so/"


def test_mistakes_in_people_and_units_are_named_in_vietnamese(site):
    site.write("lanh-dao/a.md", leader("Nguyễn Văn An", "Giám đốc", 1, "email: nvan(at)gov.vn\nphone: gọi tổng đài\n"))
    site.write("lanh-dao/b.md", "---\ntitle: Trần Thị Bình\norder: hai\ndate: 2024-01-05\n---\n")
    site.write("co-cau-to-chuc/x.md", unit("Phòng X", "Khối", 1, "website: trungtam.gov.vn\n"))
    assert not site.build().ok
    messages = "\n".join(site.messages())
    assert 'lanh-dao/a.md, dòng 6, trường "email": "nvan(at)gov.vn" không phải địa chỉ thư điện tử.' in messages
    assert 'trường "phone": "gọi tổng đài" không phải số điện thoại.' in messages
    assert 'lanh-dao/b.md, dòng 3, trường "order": "hai" không phải một số nguyên.' in messages
    assert 'lanh-dao/b.md, trường "position": thiếu trường bắt buộc.' in messages
    assert 'trường "website": "trungtam.gov.vn" không phải địa chỉ trang web.' in messages
    assert 'co-cau-to-chuc/x.md, dòng 3, trường "group": còn giá trị mẫu chưa sửa: "Khối".' in messages


def test_invoke_new_makes_a_leader_and_a_unit_that_are_refused_until_filled_in(site):
    for kind, title in (("lanh-dao", "Nguyễn Văn An"), ("co-cau-to-chuc", "Văn phòng Sở")):
        made = run_invoke("new", kind, "--title", title, "--content", str(site.content))
        assert made.returncode == 0, made.stderr
    person = site.content / "lanh-dao" / "nguyen-van-an.md"
    office = site.content / "co-cau-to-chuc" / "van-phong-so.md"
    assert person.is_file() and office.is_file()
    checked = run_invoke("check", "--content", str(site.content))
    assert checked.returncode == 1 and "Tổng cộng: 4 lỗi, 0 cảnh báo." in checked.stdout, checked.stdout
    person.write_text(
        person.read_text(encoding="utf-8")
        .replace("position: Chức vụ", "position: Giám đốc Sở")
        .replace("Tiểu sử tóm tắt: năm sinh, quê quán, trình độ, quá trình công tác (không có thì xóa dòng này).", ""),
        encoding="utf-8",
    )
    office.write_text(
        office.read_text(encoding="utf-8")
        .replace("group: Khối", "group: Cơ quan tham mưu")
        .replace("Chức năng, nhiệm vụ của đơn vị.", "Tham mưu tổng hợp."),
        encoding="utf-8",
    )
    checked = run_invoke("check", "--content", str(site.content))
    assert checked.returncode == 0, checked.stdout
    assert site.build("2099-01-01").ok, site.messages()  # dated today by invoke new
    assert site.page("/lanh-dao/").select_one(".person__name").get_text() == "Nguyễn Văn An"


def test_the_link_blocks_are_at_the_foot_of_every_page_but_the_home_page(sample):
    """The home page shows them as blocks; every other page lists them in its footer (issue 16)."""
    home = sample.page("/")
    assert home.select(".link-block, .link-blocks a") and not home.select(".footer-links")
    for url in ("/tin-tuc/", "/van-ban/chi-thi-15-ct-ttg-ngay-22-05-2012/", "/lanh-dao/"):
        links = [a["href"] for a in sample.page(url).select(".footer-links a")]
        assert "https://dichvucong.gov.vn/" in links and "https://vbpl.vn/" in links, url


def test_a_standing_page_holds_the_address_until_the_content_has_units(site):
    """Many agencies have "Cơ cấu tổ chức" as a page today: it stays until units are written as content."""
    site.write("pages/co-cau-to-chuc.md", "---\ntitle: Cơ cấu tổ chức\ndate: 2024-01-01\n---\n\nSơ đồ tổ chức.\n")
    assert site.build().ok, site.messages()
    assert site.page("/co-cau-to-chuc/").h1.get_text() == "Cơ cấu tổ chức"
    assert not site.page("/").select('.site-footer__links a[href="/lanh-dao/"]')  # no leaders yet: no link
    site.write("co-cau-to-chuc/vp.md", unit("Văn phòng Sở", "Cơ quan tham mưu", 1))
    assert not site.build().ok
    assert any(
        m.startswith(
            'pages/co-cau-to-chuc.md, trường "slug": đường dẫn /co-cau-to-chuc/ là trang dựng từ '
            "content/co-cau-to-chuc/"
        )
        for m in site.messages()
    ), site.messages()
