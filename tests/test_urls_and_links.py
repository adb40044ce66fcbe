"""Slugs, URLs and links: ASCII, stable, and working from where the page is written."""

import pytest
from portal_text import fold, slugify
from samples import document, news


@pytest.mark.parametrize(
    "text, slug",
    [
        ("Quảng Trị: Tăng cường sử dụng văn bản điện tử", "quang-tri-tang-cuong-su-dung-van-ban-dien-tu"),
        ("Đồng Tháp", "dong-thap"),
        ("ĐỒNG THÁP — Đắk Lắk", "dong-thap-dak-lak"),
        ("Chỉ thị 15/CT-TTg", "chi-thi-15-ct-ttg"),
        ("Nghị định 43/2011/NĐ-CP", "nghi-dinh-43-2011-nd-cp"),
        ("Ưu tiên Ơn huệ", "uu-tien-on-hue"),
        ("  --  ", ""),
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_decomposed_text_folds_like_composed():
    import unicodedata

    text = "Văn bản điện tử Đồng Tháp ỹ"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text) == "Van ban dien tu Dong Thap y"


def test_long_slugs_are_cut_at_a_word():
    slug = slugify("Tăng cường ứng dụng công nghệ thông tin và sử dụng văn bản điện tử trong hoạt động của các cơ quan")
    assert len(slug) <= 80 and not slug.endswith("-")
    assert slug == "tang-cuong-ung-dung-cong-nghe-thong-tin-va-su-dung-van-ban-dien-tu-trong-hoat"


def test_urls_of_each_kind(site):
    site.write("tin-tuc/dia-phuong/a.md", news(title='"Đồng Tháp: Triển khai dịch vụ công"'))
    site.write("tin-tuc/b.md", news(title="Tin chung"))
    site.write("tin-tuc/c.md", news(title="Tin có chuyên mục", extra="category: Chuyển đổi số"))
    site.write("van-ban/x.md", document(number="43/2011/NĐ-CP", doc_type="Nghị định"))
    site.write("pages/gioi-thieu.md", "---\ntitle: Giới thiệu\ndate: 2024-01-01\n---\n")
    site.write("pages/so-do.md", "---\ntitle: Sơ đồ cổng\ndate: 2024-01-01\nslug: so-do-cong-thong-tin\n---\n")
    assert site.build().ok
    for url in [
        "/tin-tuc/dia-phuong/dong-thap-trien-khai-dich-vu-cong/",
        "/tin-tuc/tin-tong-hop/tin-chung/",
        "/tin-tuc/chuyen-doi-so/tin-co-chuyen-muc/",
        "/van-ban/nghi-dinh-43-2011-nd-cp-ngay-22-05-2012/",
        "/gioi-thieu/",
        "/so-do-cong-thong-tin/",
        "/tin-tuc/",
        "/tin-tuc/dia-phuong/",
        "/tin-tuc/chuyen-doi-so/",
        "/van-ban/",
        "/tim-kiem/",
    ]:
        assert site.exists(url), url
    assert (site.output / "404.html").is_file()


def test_every_output_path_is_ascii(sample):
    for path in sample.output.rglob("*"):
        assert path.relative_to(sample.output).as_posix().isascii(), path


def test_a_slug_survives_a_new_title(site):
    site.write("tin-tuc/a.md", news(title="Tiêu đề mới hơn", extra="slug: tieu-de-cu"))
    assert site.build().ok
    assert site.exists("/tin-tuc/tin-tong-hop/tieu-de-cu/")


def test_local_links_in_a_body_work_from_the_built_page(site):
    site.write("van-ban/ct15.md", document())
    site.write_bytes("tin-tuc/dia-phuong/anh.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    site.write_bytes("files/toan-van.pdf", b"%PDF-1.4")
    site.write(
        "tin-tuc/dia-phuong/a.md",
        news(title="Tin có ảnh") + "\n![Ảnh hội nghị](anh.svg)\n\n[Chỉ thị 15](../../van-ban/ct15.md#dieu-1), "
        "[toàn văn](../../files/toan-van.pdf), [hỏng](khong-co.pdf), [web](https://chinhphu.vn/)\n",
    )
    result = site.build()
    assert result.ok
    prose = site.page("/tin-tuc/dia-phuong/tin-co-anh/").select_one(".prose")
    assert prose.img["src"] == "/tin-tuc/dia-phuong/anh.svg"
    assert [a["href"] for a in prose.find_all("a")] == [
        "/van-ban/chi-thi-15-ct-ttg-ngay-22-05-2012/#dieu-1",
        "/files/toan-van.pdf",
        "khong-co.pdf",
        "https://chinhphu.vn/",
    ]
    assert (site.output / "tin-tuc/dia-phuong/anh.svg").is_file()
    assert (site.output / "files/toan-van.pdf").is_file()
    assert [str(p) for p in result.problems] == [
        (
            'tin-tuc/dia-phuong/a.md: phần nội dung có liên kết tới tệp "khong-co.pdf" nhưng không tìm thấy tệp đó.\n'
            "  Đường dẫn tính từ thư mục của tệp .md này; kiểm tra tên tệp, hoặc đặt tệp vào content/files/ "
            "và viết, ví dụ: [Toàn văn](../../files/ten-tep.pdf)"
        )
    ]


def test_files_beside_a_draft_stay_private(site):
    site.write_bytes("van-ban/du-thao.pdf", b"%PDF-1.4 mat")
    site.write("van-ban/du-thao.md", document(extra="status: draft\nattachments: [du-thao.pdf]"))
    site.write_bytes("van-ban/cong-khai.pdf", b"%PDF-1.4")
    site.write("van-ban/b.md", document(number="16/CT-TTg", extra="attachments: [cong-khai.pdf]"))
    assert site.build().ok
    assert not (site.output / "van-ban/du-thao.pdf").exists()
    assert not list(site.output.rglob("*.md"))
    assert (site.output / "van-ban/cong-khai.pdf").read_bytes() == b"%PDF-1.4"
    link = site.page("/van-ban/chi-thi-16-ct-ttg-ngay-22-05-2012/").select_one(".attachments a")
    assert link["href"] == "/van-ban/cong-khai.pdf"


def test_body_headings_keep_their_level_under_the_title(site):
    site.write("pages/a.md", "---\ntitle: Trang\ndate: 2024-01-01\n---\n\n# Phần một\n\n## Điều 1\n\n### Khoản 1\n")
    assert site.build().ok
    prose = site.page("/trang/").select_one(".prose")
    assert [(h.name, h.get("id"), h.get_text()) for h in prose.find_all(["h1", "h2", "h3"])] == [
        ("h2", "phan-mot", "Phần một"),
        ("h2", "dieu-1", "Điều 1"),
        ("h3", "khoan-1", "Khoản 1"),
    ]
