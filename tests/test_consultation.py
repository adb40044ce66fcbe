"""Consultation by article (issue 29, item 5): "Góp ý Điều này" beside each article of an open draft, a
comment that names its article, staff's count by article and the draft of the agency's report
(`invoke gop-y --bao-cao`), and the published report (`responds_to`) listed by article, with its answers, on
the draft's page and its own. A real build, the real write path over HTTP, the real staff command."""

import csv
import io
import json
import urllib.parse

import pytest
from bs4 import BeautifulSoup
from conftest import SETTINGS, Site, run_invoke
from test_feedback import GOOD, Service

TODAY = "2024-06-01"
DRAFT = "07/2024/DT-UBND"
CITED = "07/2024/DT-UBND ngày 10/5/2024"
OPEN = "/van-ban/du-thao-07-2024-dt-ubnd-ngay-10-05-2024/"
ARTICLES = [
    "Phạm vi điều chỉnh",
    "Đối tượng áp dụng",
    "Giải thích từ ngữ",
    "Nguyên tắc tiếp nhận",
    "Thời hạn trả lời",
    "Tổ chức thực hiện",
]


def draft_text(number: str, issued: str, until: str, title: str) -> str:
    body = "\n\n".join(f"**Điều {n}.** {name}\n\n1. Khoản một của điều {n}." for n, name in enumerate(ARTICLES, 1))
    return f"""---
title: {title}
number: {number}
doc_type: Dự thảo
issuer: Ủy ban nhân dân tỉnh Quảng Ngãi
issued: {issued}
comment_until: {until}
---

{body}
"""


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("consultation"))
    site.write("van-ban/dt-07.md", draft_text(DRAFT, "2024-05-10", "2024-06-30", "Dự thảo Quy chế tiếp nhận ý kiến"))
    site.write("van-ban/dt-02.md", draft_text("02/2024/DT-UBND", "2024-02-01", "2024-03-01", "Dự thảo đã đóng"))
    assert site.build(today=TODAY).ok, site.messages()
    return site


def test_each_article_of_an_open_draft_has_its_comment_link_and_the_form_names_the_article(portal):
    page = portal.page(OPEN)
    links = page.select(".prose .article-comment a")
    assert len(links) == len(ARTICLES)
    for number, link in enumerate(links, 1):
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(link["href"]).query)
        assert link["href"].startswith("/phan-hoi/gop-y/?") and query == {"van_ban": [CITED], "dieu": [str(number)]}
        assert link.get_text(" ", strip=True) == f"Góp ý Điều này (Điều {number})"  # unique to a screen reader
        assert link.find_parent("p").find_previous_sibling("p")["id"] == f"dieu-{number}"
    select = page.select_one('.comment-draft select[name="dieu"]')
    assert page.select_one(f'label[for="{select["id"]}"]').get_text() == "Góp ý cho"
    options = [(o["value"], o.get_text()) for o in select.select("option")]
    assert options[0] == ("", "Toàn bộ dự thảo") and options[5] == ("5", "Điều 5. Thời hạn trả lời")
    # the write path knows the articles from the open data, only for drafts taking comments
    data = json.loads((portal.output / "van-ban/du-lieu-mo/van-ban.json").read_text(encoding="utf-8"))
    drafts = {d["number"]: d for d in data["documents"]}
    assert [a["number"] for a in drafts[DRAFT]["articles"]] == ["1", "2", "3", "4", "5", "6"]
    closed = portal.page("/van-ban/du-thao-02-2024-dt-ubnd-ngay-01-02-2024/")
    assert not closed.select(".article-comment") and not closed.select(".comment-draft")


def test_a_comment_names_its_article_and_a_wrong_one_is_refused_with_the_form_kept(portal, database):
    service = Service(portal.output, database, today=TODAY)
    try:
        link = portal.page(OPEN).select(".prose .article-comment a")[4]["href"]
        status, html = service.get(link)
        form = BeautifulSoup(html, "html.parser").select_one("main form.feedback-form")
        assert status == 200 and form["action"] == "/api/gop-y"
        assert form.select_one('select[name="dieu"] option[selected]')["value"] == "5"
        assert "Điều 5. Thời hạn trả lời" in html and form.select_one('input[name="van_ban"]')["value"] == CITED
        fields = {"van_ban": CITED, **GOOD, "dieu": "5"}
        assert service.post("/api/gop-y", fields)[0] == 303
        assert service.post("/api/gop-y", {**fields, "dieu": ""})[0] == 303  # the draft as a whole
        assert sorted((s.dieu or "", s.document) for s in service.store.submissions("gop-y")) == [
            ("", CITED),
            ("5", CITED),
        ]
        status, _, body = service.post("/api/gop-y", {**fields, "dieu": "99"})
        page = BeautifulSoup(body.decode(), "html.parser")
        assert status == 400 and "Dự thảo không có Điều 99 (có Điều 1 đến Điều 6)" in body.decode()
        assert (
            page.select_one('main select[name="dieu"]')
            and page.select_one("main textarea").get_text() == GOOD["noi_dung"]
        )
        status, _, body = service.post("/api/gop-y", {**fields, "dieu": "năm"}, {"Accept": "application/json"})
        assert status == 400 and "dieu" in json.loads(body)["truong"]
        assert len(service.store.submissions()) == 2
        # the form of a closed draft is gone, and so is its article page
        status, _ = service.get("/phan-hoi/gop-y/?van_ban=02/2024/DT-UBND&dieu=1")
        assert status == 410
    finally:
        service.close()


def comments_store(database: str):
    from portal_feedback.store import open_store

    store = open_store(database)
    base = {"document": CITED, "document_url": OPEN}
    store.add("gop-y", {**GOOD, **base, "dieu": "5", "noi_dung": "Rút thời hạn trả lời xuống 10 ngày."}, "a", (99, 60))
    store.add(
        "gop-y",
        {
            **GOOD,
            **base,
            "ho_ten": "Trần Thị Bình",
            "noi_dung": "Nên có bản tiếng dân tộc.",
            "purposes": ("tra-loi", "cong-khai-ten"),
        },
        "b",
        (99, 60),
    )
    store.add("gop-y", {**GOOD, **base, "dieu": "2", "noi_dung": "Thêm doanh nghiệp vào đối tượng."}, "c", (99, 60))
    store.add("gop-y", {**GOOD, "document": "09/2024/DT-UBND ngày 1/6/2024", "noi_dung": "Khác."}, "d", (99, 60))
    return store


def test_staff_count_by_article_and_the_report_draft_lists_the_comments_by_article_names_only_where_agreed(
    portal, tmp_path
):
    from pelican.settings import read_settings
    from portal_content import content_config, load

    database = str(tmp_path / "db.sqlite3")
    comments_store(database).close()
    env = {"PORTAL_FEEDBACK_DB": database}
    listed = run_invoke("gop-y", env=env)
    assert listed.returncode == 0, listed.stderr
    assert f"{CITED}: 3 góp ý\n  Toàn bộ dự thảo: 1\n  Điều 2: 1\n  Điều 5: 1\n" in listed.stdout
    run_invoke("gop-y", "--csv", str(tmp_path / "gop-y.csv"), env=env)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "gop-y.csv").read_bytes().decode("utf-8-sig"))))
    assert [r["Điều"] for r in rows] == ["5", "", "2", ""] and rows[1][
        "Đồng ý"
    ] == "Tiếp nhận và trả lời; Công bố họ tên"
    # the report's draft, for a draft named by its number alone
    content = tmp_path / "content"
    made = run_invoke("gop-y", "--bao-cao", DRAFT, "--content", str(content), env=env)
    assert made.returncode == 0, made.stderr
    assert "với 3 ý kiến theo điều" in made.stdout
    path = content / "van-ban" / "bao-cao-gop-y-07-2024-dt-ubnd.md"
    text = path.read_text(encoding="utf-8")
    assert text.index("Nên có bản tiếng dân tộc") < text.index("article: 2") < text.index("article: 5")
    assert "name: Trần Thị Bình" in text and GOOD["ho_ten"] not in text and GOOD["email"] not in text
    assert "Khác." not in text and f"responds_to: {CITED}" in text
    config = content_config(read_settings(str(SETTINGS)))
    loaded = load(path, content, config)
    assert loaded.problems == [], [str(p) for p in loaded.problems]
    answers = loaded.item.comments
    assert [(a.article, a.name, a.answer) for a in answers] == [
        (None, "Trần Thị Bình", "Tiếp thu"),
        ("2", None, "Tiếp thu"),
        ("5", None, "Tiếp thu"),
    ]
    # published as it is, it is refused: the answers, the number and the text are still to write
    path.write_text(text.replace("status: draft\n", ""), encoding="utf-8")
    refused = {p.field for p in load(path, content, config).problems}
    assert {"comments", "number"} <= refused, refused
    again = run_invoke("gop-y", "--bao-cao", DRAFT, "--content", str(content), env=env)
    assert again.returncode == 1 and "Đã có tệp" in again.stderr + again.stdout
    unknown = run_invoke("gop-y", "--bao-cao", "99/2024/DT-UBND", env=env)
    assert unknown.returncode == 1 and CITED in unknown.stderr + unknown.stdout


REPORT = """---
title: Báo cáo tổng hợp, tiếp thu, giải trình ý kiến góp ý dự thảo 02/2024/DT-UBND
number: 15/BC-UBND
doc_type: Báo cáo
issuer: Ủy ban nhân dân tỉnh Quảng Ngãi
issued: 2024-03-20
responds_to: 02/2024/DT-UBND
comments:
  - name: Trần Thị Bình
    comment: Nên có bản tiếng dân tộc.
    answer: giải trình
    reply: |
      Bản dịch do Ban Dân tộc thực hiện sau khi ban hành.

      Không thuộc phạm vi Quy chế.
  - article: 5
    comment: Rút thời hạn trả lời xuống 10 ngày.
    answer: tiếp thu
    reply: Đã sửa khoản 1 Điều 5.
  - article: Điều 2
    comment: Thêm doanh nghiệp vào đối tượng.
    answer: tiếp thu một phần
    reply: Bổ sung doanh nghiệp nhà nước.
  - article: 12
    comment: Sửa Điều 12.
    answer: tiep thu
---

Báo cáo kết quả lấy ý kiến.
"""


def test_the_published_report_lists_each_comment_under_its_article_with_its_answer_on_both_pages(tmp_path):
    site = Site(tmp_path)
    site.write("van-ban/dt-02.md", draft_text("02/2024/DT-UBND", "2024-02-01", "2024-03-01", "Dự thảo đã đóng"))
    site.write("van-ban/bc-15.md", REPORT)
    site.write(
        "van-ban/ct-01.md",
        REPORT.replace("15/BC-UBND", "16/BC-UBND").replace("responds_to: 02/2024/DT-UBND", "responds_to: 15/BC-UBND"),
    )
    result = site.build(today=TODAY)
    assert result.ok, site.messages()
    warnings = site.messages()
    assert any(
        "bc-15.md" in w and "ý kiến thứ 4 góp ý Điều 12" in w and "Dự thảo 02/2024/DT-UBND" in w for w in warnings
    ), warnings
    assert any("ct-01.md" in w and "responds_to nêu Báo cáo 15/BC-UBND, không phải một Dự thảo" in w for w in warnings)
    draft = site.page("/van-ban/du-thao-02-2024-dt-ubnd-ngay-01-02-2024/")
    [section] = [s for s in draft.select(".consultation-report") if "Kết quả lấy ý kiến" in s.get_text()]
    assert section.select_one("a")["href"].endswith("/van-ban/bao-cao-15-bc-ubnd-ngay-20-03-2024/")
    headings = [h.get_text(" ", strip=True) for h in section.select("h3")]
    assert headings == ["Góp ý chung cho cả dự thảo", "Điều 2. Đối tượng áp dụng", "Điều 5. Thời hạn trả lời"]
    assert section.select("h3 a")[1]["href"].endswith("#dieu-5")
    whole = section.select("ol")[0].get_text(" ", strip=True)
    assert "Trần Thị Bình : Nên có bản tiếng dân tộc." in whole and "Giải trình : Bản dịch do Ban Dân tộc" in whole
    assert "Sửa Điều 12." in whole  # an unknown article: listed with the whole draft, and warned about
    assert "Tiếp thu một phần : Bổ sung doanh nghiệp nhà nước." in section.select("ol")[1].get_text(" ", strip=True)
    assert "4 ý kiến: tiếp thu 2, tiếp thu một phần 1, giải trình 1." in section.get_text(" ", strip=True)
    report = site.page("/van-ban/bao-cao-15-bc-ubnd-ngay-20-03-2024/")
    own = report.select_one(".consultation-report")
    assert "Ý kiến góp ý và việc tiếp thu, giải trình" in own.get_text() and len(own.select("li")) == 4
    assert own.select_one("p a")["href"].endswith("/van-ban/du-thao-02-2024-dt-ubnd-ngay-01-02-2024/")
    related = draft.select_one(".related-documents").get_text(" ", strip=True)
    assert "Báo cáo tiếp thu, giải trình ý kiến" in related
    # nothing of the report is on the draft's page while the report is a draft (the other report, which names
    # it, goes first: a live document others name is not taken down)
    (site.content / "van-ban" / "ct-01.md").unlink()
    site.write("van-ban/bc-15.md", REPORT.replace("responds_to:", "status: draft\nresponds_to:"))
    assert site.build(today=TODAY).ok
    assert "Kết quả lấy ý kiến" not in site.page("/van-ban/du-thao-02-2024-dt-ubnd-ngay-01-02-2024/").get_text()


@pytest.mark.parametrize(
    "item, words",
    [
        ("{comment: Ý kiến, answer: đồng ý}", 'answer "đồng ý" không phải một câu trả lời'),
        ("{comment: Ý kiến, answer: giải trình}", "được giải trình nhưng chưa ghi reply"),
        ("{article: năm, comment: Ý kiến, answer: tiếp thu}", '"năm" không phải số của một điều'),
        ("{answer: tiếp thu}", "ý kiến thứ 1 thiếu comment"),
        ("{coment: Ý kiến, answer: tiếp thu}", 'Có phải ý bạn là "comment"?'),
    ],
)
def test_each_mistake_in_a_reports_comments_is_named_with_what_to_write(tmp_path, item, words):
    site = Site(tmp_path)
    site.write("van-ban/dt-02.md", draft_text("02/2024/DT-UBND", "2024-02-01", "2024-03-01", "Dự thảo"))
    site.write(
        "van-ban/bc-15.md",
        REPORT.split("comments:")[0] + f"comments:\n  - {item}\n---\n\nBáo cáo.\n",
    )
    assert not site.build(today=TODAY).ok
    messages = site.messages()
    assert any("bc-15.md" in m and 'trường "comments"' in m and words in m for m in messages), messages


def test_with_the_portals_address_set_the_article_form_links_each_page_once(tmp_path):
    """With SITEURL set (`invoke publish`), open data holds absolute addresses: the article's form and the
    citizen's lookup link to the draft without the address twice."""
    from pelican.settings import read_settings
    from portal_feedback import feedback_config
    from portal_feedback.service import create_app
    from portal_serve.pages import ThemePages

    site = Site(tmp_path)
    site.write("van-ban/dt-07.md", draft_text(DRAFT, "2024-05-10", "2024-06-30", "Dự thảo Quy chế"))
    address = "https://stttt.example.gov.vn"
    assert site.build(today=TODAY, SITEURL=address).ok, site.messages()
    link = site.page(OPEN).select(".prose .article-comment a")[0]["href"]
    assert link.startswith(f"{address}/phan-hoi/gop-y/?")
    settings = read_settings(str(SETTINGS))
    settings.update(SITEURL=address)
    settings["PORTAL_FEEDBACK"] = {**settings["PORTAL_FEEDBACK"], "database": str(tmp_path / "db.sqlite3")}
    from datetime import datetime

    from test_feedback import VIETNAM

    moment = datetime.fromisoformat(TODAY).replace(hour=12, tzinfo=VIETNAM)
    app = create_app(
        site.output, feedback_config(settings), pages=ThemePages(settings, site.output), clock=lambda: moment
    )
    answer = {}

    def start_response(status, headers):
        answer["status"] = status

    query = link.split("?", 1)[1]
    body = b"".join(
        app({"PATH_INFO": "/phan-hoi/gop-y/", "REQUEST_METHOD": "GET", "QUERY_STRING": query}, start_response)
    )
    page = BeautifulSoup(body.decode(), "html.parser")
    assert answer["status"] == "200 OK"
    hrefs = [a["href"] for a in page.select("main a, .breadcrumbs a")]
    assert f"{address}{OPEN}#dieu-1" in hrefs and f"{address}{OPEN}" in hrefs
    assert not [h for h in hrefs if h.count("https://") > 1]
