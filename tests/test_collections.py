"""Collections (chuyên đề): saved queries in YAML become listing pages with their feeds."""

from conftest import SETTINGS
from feed_rules import check_all
from samples import document, news
from test_feeds import SITE_URL, feed


def corpus(site):
    site.write(
        "tin-tuc/chuyen-doi-so/a.md", news("Hội nghị chuyển đổi số", date="2024-03-01", extra="tags: [chuyển đổi số]")
    )
    site.write("tin-tuc/dia-phuong/b.md", news("Tin địa phương", date="2024-03-02", extra="tags: [lễ hội]"))
    site.write(
        "van-ban/ct-1.md",
        document("1/CT-UBND", issued="2023-05-01", extra="topics: [Chuyển đổi số]\ntags: [chuyển đổi số]"),
    )
    site.write(
        "van-ban/qd-2.md",
        document("2/QĐ-UBND", doc_type="Quyết định", issued="2024-01-15", extra="topics: [Chuyển đổi số, Nội vụ]"),
    )
    site.write(
        "van-ban/qd-3.md",
        document(
            "3/QĐ-UBND", doc_type="Quyết định", issued="2022-01-15", extra="topics: [Nội vụ]\nexpires: 2023-01-01"
        ),
    )


def test_a_collection_becomes_a_page_with_its_feeds(site):
    corpus(site)
    site.write(
        "collections/chuyen-doi-so.yml",
        """
        title: Chuyển đổi số
        description: Văn bản và tin tức về chuyển đổi số
        criteria:
          tags: [chuyển đổi số]
        """,
    )
    site.write(
        "collections/quyet-dinh-noi-vu.yml",
        """
        title: Quyết định về nội vụ còn hiệu lực
        criteria:
          doc_type: Quyết định
          topics: [nội vụ]
          validity: con-hieu-luc
        """,
    )
    result = site.build("2024-06-01")
    assert result.ok, site.messages()
    page = site.page("/chuyen-de/chuyen-doi-so/")
    assert page.h1.get_text() == "Chuyển đổi số"
    assert page.select_one(".listing__count").get_text(" ", strip=True).startswith("2 mục")
    text = page.select_one(".listing").get_text(" ", strip=True)
    assert "Hội nghị chuyển đổi số" in text and "1/CT-UBND" in text and "Tin địa phương" not in text
    assert [e.title for e in feed(site, "chuyen-de/chuyen-doi-so/rss.xml").entries] == [
        "Hội nghị chuyển đổi số",
        "Chỉ thị 1/CT-UBND: Về việc tăng cường sử dụng văn bản điện tử",
    ]
    assert [e.title.split(":")[0] for e in feed(site, "chuyen-de/quyet-dinh-noi-vu/atom.xml").entries] == [
        "Quyết định 2/QĐ-UBND"
    ]  # 3/QĐ-UBND has expired
    index = site.page("/chuyen-de/")
    assert [a.get_text() for a in index.select("main li a")] == ["Chuyển đổi số", "Quyết định về nội vụ còn hiệu lực"]
    rss_page = site.page("/rss/").get_text(" ", strip=True)
    assert "Chuyên đề: Chuyển đổi số" in rss_page
    _count, problems = check_all(site.output, SITE_URL)
    assert problems == []


def test_sort_and_limit(site):
    corpus(site)
    site.write(
        "collections/van-ban.yml",
        """
        title: Văn bản theo tên
        criteria: {kind: van-ban}
        sort: oldest
        limit: 2
        """,
    )
    assert site.build("2024-06-01").ok
    text = site.page("/chuyen-de/van-ban/").select_one(".listing").get_text(" ", strip=True)
    assert text.index("3/QĐ-UBND") < text.index("1/CT-UBND") and "2/QĐ-UBND" not in text


def test_bad_criteria_get_the_same_clear_messages_as_content(site):
    corpus(site)
    site.write(
        "collections/sai.yml",
        """
        title: Chuyên đề sai
        critera:
          tags: [x]
        """,
    )
    site.write(
        "collections/sai-2.yml",
        """
        title: Sai nữa
        criteria:
          doc_type: Chỉ thi
          validity: còn hiệu lực lắm
          year: hai nghìn
          isuer: UBND
        sort: moi nhat
        limit: -3
        """,
    )
    site.write(
        "collections/sai-3.yml",
        """
        title: Tin mà lọc theo loại văn bản
        criteria:
          kind: tin-tuc
          doc_type: Chỉ thị
        """,
    )
    site.write(
        "collections/canh-bao.yml",
        """
        title: Từ khóa chưa có bài
        criteria:
          tags: [chuyen doi so, không ai dùng]
        """,
    )
    result = site.build("2024-06-01")
    assert not result.ok
    assert not site.output.exists()
    messages = site.messages()
    expected = [
        (
            'collections/sai.yml, dòng 2, trường "critera": không có trường này trong tệp chuyên đề.\n'
            '  Có phải ý bạn là "criteria"?'
        ),
        'collections/sai.yml, trường "criteria": thiếu điều kiện chọn bài.',
        (
            'collections/sai-2.yml, dòng 3, trường "criteria.doc_type": "Chỉ thi" không có trong danh sách loại văn bản.\n'
            '  Có phải ý bạn là "Chỉ thị"?'
        ),
        'collections/sai-2.yml, dòng 4, trường "criteria.validity": "còn hiệu lực lắm" không phải tình trạng hiệu lực.',
        'collections/sai-2.yml, dòng 5, trường "criteria.year": "hai nghìn" không phải một năm.',
        (
            'collections/sai-2.yml, dòng 6, trường "criteria.isuer": không có điều kiện này.\n'
            '  Có phải ý bạn là "issuer"?'
        ),
        'collections/sai-2.yml, dòng 7, trường "sort": "moi nhat" không phải cách sắp xếp.',
        'collections/sai-2.yml, dòng 8, trường "limit": "-3" không phải một số dương.',
        'collections/sai-3.yml, dòng 4, trường "criteria.doc_type": tin tức không có trường này',
        'collections/canh-bao.yml, dòng 3, trường "criteria.tags": chưa có bài nào có "không ai dùng".',
    ]
    for text in expected:
        assert any(m.startswith(text) for m in messages), (text, messages)
    # criteria compare the text as written (case aside); a spelling without diacritics is pointed out
    assert any('"chuyen doi so"' in m and 'Có phải ý bạn là "chuyển đổi số"?' in m for m in messages)


def test_invoke_check_reports_collection_problems_too(site):
    from portal_build.check import check_content

    corpus(site)
    site.write("collections/sai.yml", "title: Sai\ncriteria:\n  doc_type: Chỉ thi\n")
    problems = [str(p) for p in check_content(SETTINGS, site.content)]
    assert any(p.startswith('collections/sai.yml, dòng 3, trường "criteria.doc_type": "Chỉ thi"') for p in problems)


def test_every_collection_message_is_in_the_guide(site):
    from test_docs import explained

    corpus(site)
    site.write("collections/a.yml", "title: A\ncritera: x\nsort: ngau nhien\nlimit: nhiều\ndescription: [x]\n")
    site.write(
        "collections/b.yml",
        "title: [B]\ncriteria:\n  kind: tin tuc lắm\n  year: 99\n  validity: x\n  tags: {a: b}\n  topics: [a, [b]]\n",
    )
    site.write("collections/c.yml", "title: C\ncriteria:\n  kind: van-ban\n  section: Địa phương\n")
    site.write("collections/d.yml", "title: D\ncriteria: x\n")
    site.write("collections/e.yml", "title: 'E\n")
    site.write("collections/f.yml", "")
    site.write("collections/g.yml", "title: G\ncriteria:\n  tags: [không ai dùng]\n")
    site.build("2024-06-01")
    produced = [str(p) for p in site.result.problems if p.path.startswith("collections/")]
    assert len(produced) >= 14
    assert [m.split("\n")[0] for m in produced if not explained(m)] == []
