"""Legal documents: validity either side of each boundary, relations both ways, citations, JSON-LD,
open data, browsing, and a reader's path from a news article on the sample portal."""

import csv
import io
import json
from datetime import date

import pytest
from conftest import ROOT
from portal_content import LegalDocument
from portal_legal.validity import validity_of
from samples import document, news


def doc(
    number="15/CT-TTg",
    doc_type="Chỉ thị",
    issued=date(2012, 5, 22),
    effective=None,
    expires=None,
    comment_until=None,
    **relations,
) -> LegalDocument:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return LegalDocument(
        kind="document",
        source_path=f"van-ban/{number}.md",
        title="Trích yếu",
        slug="x",
        url="van-ban/x/",
        body="",
        date=datetime(issued.year, issued.month, issued.day, 8, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        number=number,
        doc_type=doc_type,
        issuers=("Chính phủ",),
        issued=issued,
        effective=effective or issued,
        expires=expires,
        comment_until=comment_until,
        **relations,
    )


class TestValidity:
    def test_before_and_on_the_effective_day(self):
        d = doc(issued=date(2022, 6, 24), effective=date(2022, 8, 15))
        before = validity_of(d, {}, date(2022, 8, 14))
        assert (before.label, before.reason) == ("Chưa có hiệu lực", "Chưa có hiệu lực; có hiệu lực từ 15/08/2022")
        on = validity_of(d, {}, date(2022, 8, 15))
        assert (on.label, on.reason) == ("Còn hiệu lực", "Còn hiệu lực từ 15/08/2022")

    def test_either_side_of_expires(self):
        d = doc(issued=date(2024, 1, 15), expires=date(2025, 1, 1))
        day_before = validity_of(d, {}, date(2024, 12, 31))
        assert day_before.label == "Còn hiệu lực"
        assert day_before.reason == "Còn hiệu lực từ 15/01/2024; hết hiệu lực từ 01/01/2025"
        on = validity_of(d, {}, date(2025, 1, 1))
        assert (on.label, on.reason, on.since) == ("Hết hiệu lực", "Hết hiệu lực từ 01/01/2025", date(2025, 1, 1))

    def test_replaced_once_the_replacement_takes_effect(self):
        old = doc("43/2011/NĐ-CP", "Nghị định", date(2011, 6, 13), effective=date(2011, 8, 1))
        new = doc("42/2022/NĐ-CP", "Nghị định", date(2022, 6, 24), effective=date(2022, 8, 15))
        pending = validity_of(old, {"replaces": [new]}, date(2022, 8, 14))
        assert pending.label == "Còn hiệu lực"
        assert pending.reason == (
            "Còn hiệu lực từ 01/08/2011; sẽ được thay thế bởi Nghị định số 42/2022/NĐ-CP từ 15/08/2022"
        )
        replaced = validity_of(old, {"replaces": [new]}, date(2022, 8, 15))
        assert replaced.label == "Hết hiệu lực"
        assert replaced.reason == "Hết hiệu lực từ 15/08/2022, được thay thế bởi Nghị định số 42/2022/NĐ-CP"

    def test_the_earlier_end_wins(self):
        old = doc(expires=date(2020, 1, 1))
        new = doc("16/CT-TTg", effective=date(2021, 1, 1))
        assert validity_of(old, {"replaces": [new]}, date(2022, 1, 1)).reason == "Hết hiệu lực từ 01/01/2020"

    def test_draft_comment_period(self):
        d = doc("05/2026/DT-STTTT", "Dự thảo", date(2026, 11, 15), comment_until=date(2026, 12, 31))
        open_ = validity_of(d, {}, date(2026, 12, 31))
        assert (open_.label, open_.reason, open_.comment_open) == (
            "Chưa có hiệu lực",
            "Dự thảo, đang lấy ý kiến đến hết ngày 31/12/2026",
            True,
        )
        closed = validity_of(d, {}, date(2027, 1, 1))
        assert (closed.reason, closed.comment_open) == ("Dự thảo, đã hết thời gian lấy ý kiến (ngày 31/12/2026)", False)


def meta(page) -> dict:
    dl = page.select_one(".document-meta dl")
    return {dt.get_text(): dd.get_text(" ", strip=True) for dt, dd in zip(dl.find_all("dt"), dl.find_all("dd"))}


def related(page) -> dict[str, list[str]]:
    section = page.select_one(".related-documents")
    if section is None:
        return {}
    return {
        h3.get_text(): [a.get_text() for a in h3.find_next_sibling("ul").find_all("a")] for h3 in section.find_all("h3")
    }


class TestRelationsOnTheSamplePortal:
    @pytest.mark.parametrize(
        "url, label, numbers",
        [
            ("/van-ban/nghi-dinh-42-2022-nd-cp-ngay-24-06-2022/", "Thay thế", ["Nghị định 43/2011/NĐ-CP"]),
            ("/van-ban/nghi-dinh-43-2011-nd-cp-ngay-13-06-2011/", "Bị thay thế bởi", ["Nghị định 42/2022/NĐ-CP"]),
            ("/van-ban/nghi-dinh-43-2011-nd-cp-ngay-13-06-2011/", "Căn cứ", ["Luật 67/2006/QH11"]),
            (
                "/van-ban/luat-67-2006-qh11-ngay-29-06-2006/",
                "Được làm căn cứ cho",
                ["Nghị định 43/2011/NĐ-CP", "Nghị định 42/2022/NĐ-CP"],
            ),
            ("/van-ban/quyet-dinh-42-2012-qd-ubnd-ngay-20-11-2012/", "Thực hiện, hướng dẫn", ["Chỉ thị 15/CT-TTg"]),
            ("/van-ban/quyet-dinh-310-qd-stttt-ngay-20-05-2026/", "Sửa đổi, bổ sung", ["Quyết định 125/QĐ-STTTT"]),
            (
                "/van-ban/quyet-dinh-125-qd-stttt-ngay-10-03-2025/",
                "Được sửa đổi, bổ sung bởi",
                ["Quyết định 310/QĐ-STTTT"],
            ),
            (
                "/van-ban/van-ban-hop-nhat-01-vbhn-stttt-ngay-15-06-2026/",
                "Hợp nhất",
                ["Quyết định 125/QĐ-STTTT", "Quyết định 310/QĐ-STTTT"],
            ),
            (
                "/van-ban/quyet-dinh-125-qd-stttt-ngay-10-03-2025/",
                "Được hợp nhất trong",
                ["Văn bản hợp nhất 01/VBHN-STTTT"],
            ),
        ],
    )
    def test_declared_once_shown_on_both_sides(self, sample, url, label, numbers):
        assert sorted(related(sample.page(url))[label]) == sorted(numbers)

    def test_implemented_by_lists_every_implementer(self, sample):
        implementers = related(sample.page("/van-ban/chi-thi-15-ct-ttg-ngay-22-05-2012/"))[
            "Được thực hiện, hướng dẫn bởi"
        ]
        assert sorted(implementers) == [
            "Chỉ thị 08/CT-UBND",
            "Hướng dẫn 01/HDLN-STTTT-SNV",
            "Kế hoạch 45/KH-STTTT",
            "Quyết định 42/2012/QĐ-UBND",
        ]

    def test_what_changed_a_document_comes_first(self, sample):
        assert list(related(sample.page("/van-ban/nghi-dinh-42-2022-nd-cp-ngay-24-06-2022/"))) == [
            "Thay thế",
            "Căn cứ",
            "Được làm căn cứ cho",
        ]
        assert list(related(sample.page("/van-ban/quyet-dinh-125-qd-stttt-ngay-10-03-2025/")))[:2] == [
            "Được sửa đổi, bổ sung bởi",
            "Được hợp nhất trong",
        ]

    def test_each_related_document_shows_date_and_validity(self, sample):
        item = sample.page("/van-ban/nghi-dinh-42-2022-nd-cp-ngay-24-06-2022/").select_one(".related-documents li")
        assert item.get_text(" ", strip=True) == "Nghị định 43/2011/NĐ-CP ban hành 13/06/2011 Hết hiệu lực"
        assert item.a["href"] == "/van-ban/nghi-dinh-43-2011-nd-cp-ngay-13-06-2011/"

    @pytest.mark.parametrize(
        "url, label, reason",
        [
            (
                "/van-ban/nghi-dinh-43-2011-nd-cp-ngay-13-06-2011/",
                "Hết hiệu lực",
                "Hết hiệu lực từ 15/08/2022, được thay thế bởi Nghị định số 42/2022/NĐ-CP",
            ),
            ("/van-ban/nghi-dinh-42-2022-nd-cp-ngay-24-06-2022/", "Còn hiệu lực", "Còn hiệu lực từ 15/08/2022"),
            ("/van-ban/ke-hoach-12-kh-stttt-ngay-15-01-2024/", "Hết hiệu lực", "Hết hiệu lực từ 01/01/2025"),
            (
                "/van-ban/ke-hoach-45-kh-stttt-ngay-10-11-2026/",
                "Chưa có hiệu lực",
                "Chưa có hiệu lực; có hiệu lực từ 01/01/2027",
            ),
            (
                "/van-ban/du-thao-05-2026-dt-stttt-ngay-15-11-2026/",
                "Dự thảo",
                "Dự thảo, đang lấy ý kiến đến hết ngày 31/12/2026",
            ),
        ],
    )
    def test_validity_badge_and_reason(self, sample, url, label, reason):
        page = sample.page(url)
        assert page.select_one(".document-meta .validity").get_text() == label
        assert page.select_one(".document-meta .validity__reason").get_text() == reason

    def test_document_properties(self, sample):
        facts = meta(sample.page("/van-ban/huong-dan-01-hdln-stttt-snv-ngay-01-09-2025/"))
        assert facts["Cơ quan ban hành"] == "Sở Thông tin và Truyền thông tỉnh Quảng Ngãi Sở Nội vụ tỉnh Quảng Ngãi"
        assert facts["Ngày ban hành"] == "01/09/2025"
        facts = meta(sample.page("/van-ban/quyet-dinh-310-qd-stttt-ngay-20-05-2026/"))
        assert facts["Người ký"] == "Nguyễn Văn Mẫu (Giám đốc)"
        assert facts["Ngày có hiệu lực"] == "01/06/2026"

    def test_attachment_with_format_size_and_sha256(self, sample):
        import hashlib

        item = sample.page("/van-ban/quyet-dinh-125-qd-stttt-ngay-10-03-2025/").select_one(".attachments li")
        href = item.a["href"]
        data = (sample.output / href.lstrip("/")).read_bytes()
        assert item.a.get_text() == "Toàn văn Quyết định và Quy chế kèm theo"
        assert f"(PDF, {len(data)} byte)" in item.get_text()  # 624 byte: sizes as Vietnamese write them
        assert item.select_one(".attachments__hash code").get_text() == hashlib.sha256(data).hexdigest()

    def test_a_reader_walks_from_news_to_the_replacement(self, sample):
        news_page = sample.page(
            "/tin-tuc/dia-phuong/day-manh-su-dung-van-ban-dien-tu-trong-cac-co-quan-nha-nuoc-tai-quang-ngai/"
        )
        cited = {a.get_text(): a["href"] for a in news_page.select(".prose a.citation")}
        assert cited["43/2011/NĐ-CP"] == "/van-ban/nghi-dinh-43-2011-nd-cp-ngay-13-06-2011/"
        old = sample.page(cited["43/2011/NĐ-CP"])
        assert old.select_one(".document-meta .validity").get_text() == "Hết hiệu lực"
        replacement = old.select_one(".related-documents a")["href"]
        assert sample.page(replacement).h1.get_text().startswith("Quy định về việc cung cấp thông tin")
        mentions = [a["href"] for a in old.select(".cited-by a")]
        assert (
            "/tin-tuc/dia-phuong/day-manh-su-dung-van-ban-dien-tu-trong-cac-co-quan-nha-nuoc-tai-quang-ngai/"
            in mentions
        )


class TestRelationProblems:
    def test_unknown_number_is_text_and_a_warning_with_a_guess(self, site):
        site.write("van-ban/a.md", document(number="15/CT-TTg"))
        site.write("van-ban/b.md", document(number="16/CT-TTg", extra="implements: [15/CT-TT]"))
        result = site.build()
        assert result.ok
        assert [str(p) for p in result.problems] == [
            (
                'van-ban/b.md, trường "implements": số ký hiệu "15/CT-TT" không có trên cổng; được ghi là chữ, '
                'không có liên kết.\n  Có phải ý bạn là "15/CT-TTg"? Kiểm tra lại số, hoặc đăng văn bản đó lên cổng.'
            )
        ]
        block = site.page("/van-ban/chi-thi-16-ct-ttg-ngay-22-05-2012/").select_one(".related-documents")
        assert block.find("a") is None
        assert block.select_one(".related-documents__missing").get_text() == "15/CT-TT"

    def test_a_document_naming_itself_refuses_the_build(self, site):
        site.write("van-ban/a.md", document(number="15/CT-TTg", extra="based_on: [15/ct-ttg]"))
        result = site.build()
        assert not result.ok
        assert [str(p) for p in result.problems] == [
            (
                'van-ban/a.md, trường "based_on": văn bản tự nêu số ký hiệu của chính nó ("15/ct-ttg").\n'
                "  Xóa 15/ct-ttg khỏi based_on: một văn bản không căn cứ chính nó."
            )
        ]

    def test_replacements_that_loop_refuse_the_build(self, site):
        site.write("van-ban/a.md", document(number="1/CT-TTg", extra="replaces: [2/CT-TTg]"))
        site.write("van-ban/b.md", document(number="2/CT-TTg", extra="replaces: [3/CT-TTg]"))
        site.write("van-ban/c.md", document(number="3/CT-TTg", extra="replaces: [1/CT-TTg]"))
        result = site.build()
        assert not result.ok
        assert [str(p) for p in result.problems] == [
            (
                'van-ban/a.md, trường "replaces": các văn bản thay thế nhau thành vòng: '
                "1/CT-TTg → 2/CT-TTg → 3/CT-TTg → 1/CT-TTg.\n"
                "  Mỗi văn bản chỉ thay thế văn bản ban hành trước nó; xóa số ký hiệu sai khỏi replaces."
            )
        ]

    def test_relation_errors_come_with_content_errors_in_one_run(self, site):
        site.write("van-ban/a.md", document(number="15/CT-TTg", extra="replaces: [15/CT-TTg]"))
        site.write("pages/b.md", "---\ndate: 2024-01-01\n---\n")
        assert sorted(p.field for p in site.build().problems) == ["replaces", "title"]


class TestCitations:
    @pytest.mark.parametrize(
        "typed",
        [
            "Chỉ thị số 15/CT-TTg",
            "Chỉ thị số15/CT-TTg",
            "chỉ thị 15/ct-ttg",
            "Chỉ thị 15 / CT-TTg",
        ],
    )
    def test_each_way_of_typing_links(self, site, typed):
        site.write("van-ban/a.md", document(number="15/CT-TTg"))
        site.write("tin-tuc/b.md", news(title="Tin") + f"\nThực hiện {typed} ngày 22/5/2012.\n")
        assert site.build().ok
        link = site.page("/tin-tuc/tin-tong-hop/tin/").select_one(".prose a.citation")
        assert link["href"] == "/van-ban/chi-thi-15-ct-ttg-ngay-22-05-2012/"
        assert typed.endswith(link.get_text())

    @pytest.mark.parametrize(
        "typed, number",
        [
            ("quyết định số 42/2012/QĐ-UBND", "42/2012/QĐ-UBND"),
            ("Chỉ thị 34/ 2008/CT-TTg", "34/2008/CT-TTg"),
            ("Nghị định 43/2011/ND-CP", "43/2011/NĐ-CP"),
            ("Nghị định 43/2011/NĐ-CP", "43/2011/nd-cp"),
        ],
    )
    def test_numbers_with_a_year_spaces_and_d_stroke(self, site, typed, number):
        site.write("van-ban/a.md", document(number=number, doc_type="Quyết định"))
        site.write("tin-tuc/b.md", news(title="Tin") + f"\nTheo {typed}.\n")
        assert site.build().ok
        assert site.page("/tin-tuc/tin-tong-hop/tin/").select_one(".prose a.citation")

    def test_never_inside_a_link_code_or_heading_and_not_dates_or_unknown_numbers(self, site):
        site.write("van-ban/a.md", document(number="15/CT-TTg"))
        site.write(
            "tin-tuc/b.md",
            news(title="Tin")
            + (
                "\n## Về Chỉ thị 15/CT-TTg\n\n"
                "[Xem Chỉ thị 15/CT-TTg](https://chinhphu.vn/) và `15/CT-TTg` và ngày 22/5/2012, "
                "số 99/CT-TTg, và Chỉ thị 15/CT-TTg.\n"
            ),
        )
        assert site.build().ok
        prose = site.page("/tin-tuc/tin-tong-hop/tin/").select_one(".prose")
        assert prose.h2.find("a") is None
        assert prose.code.find("a") is None
        links = prose.find_all("a")
        assert [(a.get_text(), a.get("class")) for a in links] == [
            ("Xem Chỉ thị 15/CT-TTg", None),
            ("15/CT-TTg", ["citation"]),
        ]

    def test_cited_by_lists_published_news_and_documents_only(self, site):
        site.write("van-ban/a.md", document(number="15/CT-TTg"))
        site.write(
            "van-ban/b.md", document(number="16/CT-TTg", title="Văn bản trích dẫn") + "\nTheo Chỉ thị 15/CT-TTg.\n"
        )
        site.write("tin-tuc/c.md", news(title="Tin trích dẫn") + "\nTheo Chỉ thị 15/CT-TTg.\n")
        site.write("tin-tuc/d.md", news(title="Tin ẩn", extra="status: hidden") + "\nTheo Chỉ thị 15/CT-TTg.\n")
        assert site.build().ok
        page = site.page("/van-ban/chi-thi-15-ct-ttg-ngay-22-05-2012/")
        assert sorted(a.get_text() for a in page.select(".cited-by a")) == [
            "Chỉ thị 16/CT-TTg: Văn bản trích dẫn",
            "Tin trích dẫn",
        ]
        own = site.page("/van-ban/chi-thi-16-ct-ttg-ngay-22-05-2012/").select_one(".prose a.citation")
        assert own["href"] == "/van-ban/chi-thi-15-ct-ttg-ngay-22-05-2012/"


class TestMachineReadable:
    def jsonld(self, page) -> dict:
        return json.loads(page.find("script", type="application/ld+json").string)

    def test_legislation_fields(self, sample):
        data = self.jsonld(sample.page("/van-ban/nghi-dinh-43-2011-nd-cp-ngay-13-06-2011/"))
        assert data["@type"] == "Legislation"
        assert data["legislationIdentifier"] == "43/2011/NĐ-CP"
        assert data["legislationType"] == "Nghị định"
        assert data["legislationDate"] == "2011-06-13"
        assert data["legislationPassedBy"] == [{"@type": "GovernmentOrganization", "name": "Chính phủ"}]
        assert data["legislationLegalForce"] == "https://schema.org/NotInForce"
        assert data["legislationJurisdiction"] == "VN"
        assert data["isBasedOn"] == [{"@id": "/van-ban/luat-67-2006-qh11-ngay-29-06-2006/"}]

    def test_in_force_changes_and_province(self, sample):
        data = self.jsonld(sample.page("/van-ban/quyet-dinh-310-qd-stttt-ngay-20-05-2026/"))
        assert data["legislationLegalForce"] == "https://schema.org/InForce"
        assert data["legislationChanges"] == [{"@id": "/van-ban/quyet-dinh-125-qd-stttt-ngay-10-03-2025/"}]
        assert data["legislationJurisdiction"] == "VN-29"
        consolidated = self.jsonld(sample.page("/van-ban/van-ban-hop-nhat-01-vbhn-stttt-ngay-15-06-2026/"))
        assert consolidated["legislationConsolidates"] == [
            {"@id": "/van-ban/quyet-dinh-125-qd-stttt-ngay-10-03-2025/"},
            {"@id": "/van-ban/quyet-dinh-310-qd-stttt-ngay-20-05-2026/"},
        ]

    def test_open_data_json(self, sample):
        data = json.loads((sample.output / "van-ban/du-lieu-mo/van-ban.json").read_text(encoding="utf-8"))
        by_id = {d["id"]: d for d in data["documents"]}
        assert by_id["nghi-dinh-43-2011-nd-cp-ngay-13-06-2011"]["validity"] == "Hết hiệu lực"
        assert (
            by_id["nghi-dinh-43-2011-nd-cp-ngay-13-06-2011"]["url"]
            == "/van-ban/nghi-dinh-43-2011-nd-cp-ngay-13-06-2011/"
        )
        assert by_id["huong-dan-01-hdln-stttt-snv-ngay-01-09-2025"]["issuers"] == [
            "Sở Thông tin và Truyền thông tỉnh Quảng Ngãi",
            "Sở Nội vụ tỉnh Quảng Ngãi",
        ]
        assert set(data["fields"]) == set(by_id["chi-thi-15-ct-ttg-ngay-22-05-2012"])
        assert {
            "from_id": "nghi-dinh-42-2022-nd-cp-ngay-24-06-2022",
            "relation": "replaces",
            "to_number": "43/2011/NĐ-CP",
            "to_id": "nghi-dinh-43-2011-nd-cp-ngay-13-06-2011",
        } in data["edges"]
        attachment = by_id["quyet-dinh-125-qd-stttt-ngay-10-03-2025"]["attachments"][0]
        assert len(attachment["sha256"]) == 64 and attachment["format"] == "PDF"

    def test_open_data_csv(self, sample):
        text = (sample.output / "van-ban/du-lieu-mo/van-ban.csv").read_bytes().decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == 14
        joint = next(r for r in rows if r["number"] == "01/HDLN-STTTT-SNV")
        assert joint["issuers"] == "Sở Thông tin và Truyền thông tỉnh Quảng Ngãi; Sở Nội vụ tỉnh Quảng Ngãi"
        edges = list(
            csv.DictReader(
                io.StringIO((sample.output / "van-ban/du-lieu-mo/quan-he.csv").read_bytes().decode("utf-8-sig"))
            )
        )
        assert {
            "from_id": "quyet-dinh-310-qd-stttt-ngay-20-05-2026",
            "relation": "amends",
            "to_number": "125/QĐ-STTTT",
            "to_id": "quyet-dinh-125-qd-stttt-ngay-10-03-2025",
        } in edges


class TestBrowsing:
    def test_facets_with_counts_on_the_documents_listing(self, sample):
        page = sample.page("/van-ban/")
        facets = {
            h2.get_text(): {
                li.a.get_text(): li.select_one(".count").get_text() for li in h2.find_next_sibling("ul").find_all("li")
            }
            for h2 in page.select(".facets h2")
        }
        assert facets["Loại văn bản"]["Chỉ thị"] == "(3)"
        assert facets["Tình trạng hiệu lực"] == {
            "Còn hiệu lực": "(10)",
            "Chưa có hiệu lực": "(2)",
            "Hết hiệu lực": "(2)",
        }
        assert list(facets["Năm ban hành"])[:2] == ["2026", "2025"]

    @pytest.mark.parametrize(
        "url, first",
        [
            ("/van-ban/loai/chi-thi/", "08/CT-UBND"),
            ("/van-ban/co-quan/thu-tuong-chinh-phu/", "15/CT-TTg"),
            ("/van-ban/linh-vuc/chu-ky-so/", "01/HDLN-STTTT-SNV"),
            ("/van-ban/nam/2012/", "42/2012/QĐ-UBND"),
            ("/van-ban/hieu-luc/het-hieu-luc/", "12/KH-STTTT"),
        ],
    )
    def test_each_facet_has_a_newest_first_listing(self, sample, url, first):
        page = sample.page(url)
        assert page.select_one(".documents-table tbody th a").get_text() == first

    def test_facet_listings_paginate(self, site):
        """PORTAL_LISTINGS["documents_per_page"] documents a page, apart from the news' per_page; the newest at
        the listing's address, full pages numbered from the oldest behind it, the old addresses redirected."""
        from pelican.settings import read_settings

        for n in range(1, 23):
            site.write(f"van-ban/{n}.md", document(number=f"{n}/CT-TTg", issued=f"2012-05-{n:02d}"))
        listings = read_settings(str(ROOT / "pelicanconf.py"))["PORTAL_LISTINGS"]
        assert site.build(PORTAL_LISTINGS={**listings, "documents_per_page": 20}).ok
        front = site.page("/van-ban/loai/chi-thi/")
        rows = [a.get_text() for a in front.select(".documents-table tbody th a")]
        assert len(site.page("/van-ban/").select(".documents-table tbody tr")) == 20
        assert rows[0] == "22/CT-TTg" and rows[-1] == "3/CT-TTg" and len(rows) == 20
        assert "22 văn bản" in front.select_one(".listing__count").get_text()
        # page 1 is the oldest twenty, newest first; page 2 waits until it has twenty
        assert site.exists("/van-ban/loai/chi-thi/luu-tru/1/") and not site.exists("/van-ban/loai/chi-thi/luu-tru/2/")
        first = site.page("/van-ban/loai/chi-thi/luu-tru/1/")
        shown = [a.get_text() for a in first.select(".documents-table tbody th a")]
        assert shown == [f"{n}/CT-TTg" for n in range(20, 0, -1)]
        assert "ban hành từ 01/05/2012 đến 20/05/2012" in " ".join(
            first.select_one(".listing__count").get_text().split()
        )
        assert front.select_one('nav.pagination a[rel="next"]')["href"] == "/van-ban/loai/chi-thi/luu-tru/1/"
        # the address the second page had when pages were counted from the newest leads to it: 301 from the
        # server (and nginx, from the same maps), no page of its own
        from office import ask

        status, headers, _ = ask(site.output, "/van-ban/loai/chi-thi/trang/2/")
        assert (status, headers["Location"]) == (301, "/van-ban/loai/chi-thi/luu-tru/1/")
        assert not site.exists("/van-ban/loai/chi-thi/trang/2/")

    def test_facet_index_pages(self, sample):
        page = sample.page("/van-ban/co-quan/")
        assert "Thủ tướng Chính phủ" in [a.get_text() for a in page.select(".facet-index a")]
