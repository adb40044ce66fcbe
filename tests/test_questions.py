"""Hỏi đáp as a kind of content (issue 16): a citizen's question and the agency's answer, published as
`content/hoi-dap/*.md`, with its own page, a listing, the form's page, search, feeds, and the answered
questions on the pages of the documents their answers cite. Real builds, the real search service and a
real feed reader."""

import json
import textwrap

import feedparser
from samples import document
from search_server import Server

QUESTION = textwrap.dedent(
    """\
    ---
    title: Thủ tục cấp giấy phép thiết lập trang thông tin điện tử tổng hợp
    question: |
      Công ty tôi muốn thiết lập trang thông tin điện tử tổng hợp.

      Xin hỏi cần chuẩn bị hồ sơ gì và nộp ở đâu?
    asker: Ông Nguyễn Văn An (Tư Nghĩa, Quảng Ngãi)
    asked: 2024-03-02
    answered: 2024-03-12
    answered_by: Phòng Thông tin - Báo chí - Xuất bản
    topics: [Thông tin điện tử]
    {extra}
    ---

    Theo Chỉ thị số 15/CT-TTg, hồ sơ gửi qua Cổng Dịch vụ công trực tuyến của tỉnh.

    Sở sẽ trả lời trong 10 ngày làm việc.
    """
)


def question(extra: str = "") -> str:
    return QUESTION.format(extra=extra)


SLUG = "thu-tuc-cap-giay-phep-thiet-lap-trang-thong-tin-dien-tu-tong-hop"
PAGE = f"/hoi-dap/{SLUG}/"


def test_an_answered_question_has_its_page_with_who_asked_and_who_answered(site):
    site.write("van-ban/chi-thi/15.md", document())
    site.write("hoi-dap/giay-phep.md", question())
    assert site.build().ok, site.messages()
    page = site.page(PAGE)
    assert page.h1.get_text() == "Thủ tục cấp giấy phép thiết lập trang thông tin điện tử tổng hợp"
    asked = page.select_one(".qa__question")
    assert [p.get_text() for p in asked.select(".qa__text p")] == [
        "Công ty tôi muốn thiết lập trang thông tin điện tử tổng hợp.",
        "Xin hỏi cần chuẩn bị hồ sơ gì và nộp ở đâu?",
    ]
    assert "Ông Nguyễn Văn An (Tư Nghĩa, Quảng Ngãi)" in asked.get_text()
    assert asked.find("time")["datetime"] == "2024-03-02" and asked.find("time").get_text() == "02/03/2024"
    answer = page.select_one(".qa__answer")
    assert "Phòng Thông tin - Báo chí - Xuất bản" in answer.get_text()
    assert answer.find("time")["datetime"] == "2024-03-12"
    # the answer's citation is a link to the document, as in every body
    assert answer.select_one("a.citation")["href"] == "/van-ban/chi-thi-15-ct-ttg-ngay-22-05-2012/"
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "QAPage"
    asked_ld = data["mainEntity"]
    assert asked_ld["@type"] == "Question" and asked_ld["answerCount"] == 1
    assert asked_ld["dateCreated"] == "2024-03-02"
    assert asked_ld["acceptedAnswer"]["dateCreated"] == "2024-03-12"
    assert "Cổng Dịch vụ công" in asked_ld["acceptedAnswer"]["text"]
    assert asked_ld["acceptedAnswer"]["author"]["name"] == "Phòng Thông tin - Báo chí - Xuất bản"
    crumbs = [li.get_text(strip=True) for li in page.find("nav", attrs={"aria-label": "Đường dẫn"}).find_all("li")]
    assert crumbs[:2] == ["Trang chủ", "Hỏi đáp"]


def test_the_form_page_lists_the_newest_answers_and_the_listing_all_of_them(site):
    for n in range(1, 13):
        site.write(
            f"hoi-dap/q{n:02}.md",
            question(f"slug: cau-hoi-{n:02}")
            .replace("Thủ tục cấp giấy phép", f"Câu hỏi {n:02} về giấy phép")
            .replace("answered: 2024-03-12", f"answered: 2024-04-{n:02}"),
        )
    assert site.build().ok, site.messages()
    form_page = site.page("/hoi-dap/")
    assert form_page.find("form", action="/api/hoi-dap")  # the form stays where citizens know it
    newest = [a.get_text() for a in form_page.select(".qa-list a.qa-list__title")]
    assert len(newest) == 5 and newest[0].startswith("Câu hỏi 12") and newest[-1].startswith("Câu hỏi 08")
    assert form_page.find("a", href="/hoi-dap/da-tra-loi/")
    listing = site.page("/hoi-dap/da-tra-loi/")
    assert listing.h1.get_text(strip=True).startswith("Câu hỏi đã trả lời")
    titles = [a.get_text() for a in listing.select(".qa-list a.qa-list__title")]
    assert len(titles) == 10 and titles[0].startswith("Câu hỏi 12")
    assert site.exists("/hoi-dap/da-tra-loi/luu-tru/1/")  # the oldest ten, behind the newest
    # the answered questions are not mixed into the news or the documents
    assert not site.page("/tin-tuc/").select(".qa-list")


def test_a_document_shows_the_answers_that_cite_it_and_search_and_feeds_find_them(site):
    site.write("van-ban/chi-thi/15.md", document())
    site.write("hoi-dap/giay-phep.md", question())
    site.write(
        "hoi-dap/an.md",
        question("slug: cau-hoi-an\nstatus: hidden").replace("Thủ tục cấp giấy phép", "Câu hỏi ẩn"),
    )
    assert site.build().ok, site.messages()
    doc = site.page("/van-ban/chi-thi-15-ct-ttg-ngay-22-05-2012/")
    related = doc.select_one(".related-questions")
    assert [a["href"] for a in related.find_all("a")] == [PAGE]  # the hidden one is nowhere else
    server = Server(site.output)
    try:
        found = server.api(q="giay phep trang thong tin dien tu tong hop", kind="hoi-dap")
        folded = server.api(q="thu tuc cap giay phep")
    finally:
        server.close()
    assert [r["url"] for r in found["results"]] == [PAGE]
    assert found["results"][0]["kind"] == "question"  # as the API names kinds: document, news, page, question
    assert PAGE in [r["url"] for r in folded["results"]]
    feed = feedparser.parse((site.output / "hoi-dap" / "rss.xml").read_bytes())
    assert not feed.bozo and [e.link.endswith(PAGE) for e in feed.entries] == [True]
    assert "Hỏi đáp" in feed.feed.title
    atom = feedparser.parse((site.output / "hoi-dap" / "atom.xml").read_bytes())
    assert not atom.bozo and len(atom.entries) == 1
    assert f"{PAGE}" in (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "/hoi-dap/cau-hoi-an/" not in (site.output / "sitemap.xml").read_text(encoding="utf-8")


def test_a_question_with_mistakes_gets_every_problem_in_vietnamese(site):
    broken = (
        question()
        .replace("answered: 2024-03-12", "answered: 2024-02-28")
        .replace("answered_by: Phòng Thông tin - Báo chí - Xuất bản\n", "")
    )
    site.write("hoi-dap/sai.md", broken)
    result = site.build()
    assert not result.ok
    messages = "\n".join(site.messages())
    assert "hoi-dap/sai.md" in messages
    assert "answered_by" in messages and "thiếu trường bắt buộc" in messages
    site.write("hoi-dap/sai.md", broken.replace("asked: 2024-03-02", "asked: 2024-03-02\nanswered_by: Phòng A"))
    result = site.build()
    assert not result.ok
    assert any("ngày trả lời 2024-02-28 trước ngày hỏi 2024-03-02" in m for m in site.messages()), site.messages()
