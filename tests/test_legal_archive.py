"""A real department's archive (issue 14): numbers that repeat every year, the five statuses of
legal force, drafts that are not law, change notes. Real builds, pages parsed, feeds read by
feedparser, open data read as JSON and CSV."""

import csv
import io
import json

import feedparser
import pytest
from conftest import SETTINGS
from samples import news

QUANG_TRI_2014 = "/van-ban/chi-thi-08-ct-ubnd-ngay-16-06-2014/"
QUANG_NGAI_2019 = "/van-ban/chi-thi-08-ct-ubnd-ngay-05-03-2019/"
QD_2025 = "/van-ban/quyet-dinh-125-qd-stttt-ngay-10-03-2025/"
QD_2026 = "/van-ban/quyet-dinh-125-qd-stttt-ngay-12-02-2026/"


def doc(number, issued, issuer="UBND tỉnh Quảng Ngãi", doc_type="Chỉ thị", title=None, extra="", body=""):
    return (
        f"---\ntitle: {title or 'Văn bản ' + number + ' ' + issued}\nnumber: {number}\ndoc_type: {doc_type}\n"
        f"issuer: {issuer}\nissued: {issued}\n{extra}\n---\n\n{body or 'Nội dung.'}\n"
    )


def write_archive(site, with_2019=True):
    site.write("van-ban/ct-08-2014.md", doc("08/CT-UBND", "2014-06-16", issuer="UBND tỉnh Quảng Trị"))
    if with_2019:
        site.write("van-ban/ct-08-2019.md", doc("08/CT-UBND", "2019-03-05"))
    site.write(
        "van-ban/qd-125-2025.md",
        doc("125/QĐ-STTTT", "2025-03-10", doc_type="Quyết định", issuer="Sở Thông tin và Truyền thông tỉnh Quảng Ngãi"),
    )
    site.write(
        "van-ban/qd-125-2026.md",
        doc("125/QĐ-STTTT", "2026-02-12", doc_type="Quyết định", issuer="Sở Thông tin và Truyền thông tỉnh Quảng Ngãi"),
    )


def check(site) -> list[str]:
    from portal_build.check import check_content

    return [str(p) for p in check_content(SETTINGS, site.content)]


def related(page) -> dict[str, list[str]]:
    found = {}
    for group in page.select(".related-documents h3"):
        found[group.get_text(strip=True)] = [a["href"] for a in group.find_next("ul").select("a")]
    return found


# --------------------------------------------------------------------------- which document a number means


def test_an_archive_with_repeated_numbers_builds_and_every_reference_finds_its_document(site):
    write_archive(site)
    site.write(
        "van-ban/kh-1.md",
        doc(
            "01/KH-UBND",
            "2026-05-01",
            doc_type="Kế hoạch",
            extra=(
                'implements: [08/CT-UBND năm 2019, "08/CT-UBND ngày 16/6/2014"]\n'
                "based_on:\n  - {number: 125/QĐ-STTTT, issued: 2026-02-12, issuer: Sở Thông tin và Truyền thông tỉnh Quảng Ngãi}\n"
                "amends: [125/QĐ-STTTT ngày 10/03/2025]"
            ),
        ),
    )
    assert site.build(today="2026-11-30").ok, site.messages()
    assert check(site) == []
    groups = related(site.page("/van-ban/ke-hoach-01-kh-ubnd-ngay-01-05-2026/"))
    assert sorted(groups["Thực hiện, hướng dẫn"]) == sorted([QUANG_TRI_2014, QUANG_NGAI_2019])
    assert groups["Căn cứ"] == [QD_2026] and groups["Sửa đổi, bổ sung"] == [QD_2025]
    assert related(site.page(QD_2025)) == {
        "Được sửa đổi, bổ sung bởi": ["/van-ban/ke-hoach-01-kh-ubnd-ngay-01-05-2026/"]
    }


def test_a_bare_number_that_several_documents_carry_is_an_error_naming_each_and_how_to_cite(site):
    write_archive(site)
    site.write(
        "van-ban/kh-1.md", doc("01/KH-UBND", "2026-05-01", doc_type="Kế hoạch", extra="implements: [08/CT-UBND]")
    )
    result = site.build(today="2026-11-30")
    assert not result.ok
    for messages in (site.messages(), check(site)):
        found = [m for m in messages if "có ở 2 văn bản" in m]
        assert len(found) == 1, messages
        assert found[0].startswith('van-ban/kh-1.md, trường "implements": số ký hiệu "08/CT-UBND" có ở 2 văn bản')
        assert "Chỉ thị số 08/CT-UBND ngày 16/6/2014 của UBND tỉnh Quảng Trị (van-ban/ct-08-2014.md)" in found[0]
        assert "Chỉ thị số 08/CT-UBND ngày 5/3/2019 của UBND tỉnh Quảng Ngãi (van-ban/ct-08-2019.md)" in found[0]
        assert "Ghi rõ văn bản nào, ví dụ: 08/CT-UBND năm 2014, 08/CT-UBND năm 2019" in found[0]


def test_the_same_number_date_and_issuer_twice_is_still_an_error(site):
    site.write("van-ban/a.md", doc("08/CT-UBND", "2014-06-16"))
    site.write("van-ban/b.md", doc("08/CT-UBND", "2014-06-16", title="Bản sao"))
    assert not site.build().ok
    assert any("hai tệp là cùng một văn bản" in m for m in site.messages())
    assert any("hai tệp là cùng một văn bản" in m for m in check(site))


def test_a_documents_addresses_never_change_when_a_later_one_shares_its_number(site):
    def addresses():
        page = site.page(QUANG_TRI_2014)
        data = json.loads((site.output / "van-ban/du-lieu-mo/van-ban.json").read_text(encoding="utf-8"))
        ids = {d["url"]: d["id"] for d in data["documents"]}
        entries = {e.link: e.id for e in feedparser.parse((site.output / "van-ban/atom.xml").read_bytes()).entries}
        return (
            page.find("link", rel="canonical") or QUANG_TRI_2014,
            ids[QUANG_TRI_2014],
            entries[f"http://localhost:8000{QUANG_TRI_2014}"],
        )

    write_archive(site, with_2019=False)
    assert site.build(today="2026-11-30").ok, site.messages()
    before = addresses()
    write_archive(site, with_2019=True)
    assert site.build(today="2026-11-30").ok, site.messages()
    assert addresses() == before
    assert before[1] == "chi-thi-08-ct-ubnd-ngay-16-06-2014"
    assert site.exists(QUANG_NGAI_2019)


# --------------------------------------------------------------------------- citations in text


def test_a_citation_in_text_links_the_document_of_the_date_that_follows(site):
    write_archive(site)
    site.write(
        "tin-tuc/dia-phuong/a.md",
        news(title="Quảng Trị dùng văn bản điện tử")
        .replace(
            "summary: Tóm tắt của bản tin.",
            "summary: Ngày 16/6/2014, UBND tỉnh Quảng Trị ban hành Chỉ thị số 08/CT-UBND ngày 16/6/2014.",
        )
        .replace(
            "Nội dung của Quảng Trị dùng văn bản điện tử.",
            "Theo Chỉ thị số 08/CT-UBND ngày 05/03/2019 của UBND tỉnh Quảng Ngãi và Quyết định 125/QĐ-STTTT năm 2026; "
            "còn 08/CT-UBND thì không rõ văn bản nào.",
        ),
    )
    result = site.build(today="2026-11-30")
    assert result.ok, site.messages()
    page = site.page("/tin-tuc/dia-phuong/quang-tri-dung-van-ban-dien-tu/")
    assert [a["href"] for a in page.select(".news__lead a.citation")] == [QUANG_TRI_2014]
    assert [a["href"] for a in page.select(".prose a.citation")] == [QUANG_NGAI_2019, QD_2026]
    assert [m for m in site.messages() if "trích dẫn" in m] == [
        (
            'tin-tuc/dia-phuong/a.md, dòng 10: trích dẫn "08/CT-UBND" có thể là 2 văn bản trên cổng, nên không được '
            "gắn liên kết: Chỉ thị 08/CT-UBND: Văn bản 08/CT-UBND 2014-06-16 (ngày 16/6/2014); Chỉ thị 08/CT-UBND: "
            "Văn bản 08/CT-UBND 2019-03-05 (ngày 5/3/2019).\n"
            "  Ghi thêm ngày ban hành sau số ký hiệu, ví dụ: 08/CT-UBND ngày 16/6/2014 (hoặc 08/CT-UBND năm 2014)."
        )
    ]
    # cited in the sapo only: still "Được nhắc đến trong" on the 2014 document
    cited = site.page(QUANG_TRI_2014).select(".cited-by a")
    assert [a.get_text() for a in cited] == ["Quảng Trị dùng văn bản điện tử"]


def test_a_date_earlier_in_the_sentence_decides_as_news_write_it(site):
    write_archive(site)
    site.write(
        "tin-tuc/dia-phuong/a.md",
        news(title="Tin").replace(
            "Nội dung của Tin.",
            "Ngày 5/3/2019, UBND tỉnh Quảng Ngãi ban hành Chỉ thị số 08/CT-UBND. Năm nay, 08/CT-UBND vẫn "
            "được nhắc đến.",
        ),
    )
    assert site.build(today="2026-11-30").ok, site.messages()
    assert [a["href"] for a in site.page("/tin-tuc/dia-phuong/tin/").select(".prose a.citation")] == [QUANG_NGAI_2019]
    assert len([m for m in site.messages() if "trích dẫn" in m]) == 1  # the second sentence says no date


def test_the_sample_news_about_quang_tri_is_listed_on_the_chi_thi_it_cites_in_its_sapo(sample):
    cited = [a.get_text() for a in sample.page(QUANG_TRI_2014).select(".cited-by a")]
    assert "Quảng Trị: Tăng cường sử dụng văn bản điện tử trong các cơ quan nhà nước" in cited


# --------------------------------------------------------------------------- five statuses


@pytest.fixture
def statuses(site):
    site.write("van-ban/a.md", doc("10/QĐ-UBND", "2020-01-10", doc_type="Quyết định"))
    site.write("van-ban/b.md", doc("11/QĐ-UBND", "2020-01-11", doc_type="Quyết định"))
    site.write("van-ban/c.md", doc("12/QĐ-UBND", "2020-01-12", doc_type="Quyết định"))
    site.write(
        "van-ban/d.md",
        doc(
            "20/QĐ-UBND",
            "2024-03-01",
            doc_type="Quyết định",
            extra="effective: 2024-04-01\nrepeals: [10/QĐ-UBND]\npartly_repeals: [11/QĐ-UBND]",
        ),
    )
    site.write("van-ban/e.md", doc("21/QĐ-UBND", "2024-05-01", doc_type="Quyết định", extra="suspends: [12/QĐ-UBND]"))
    assert site.build(today="2024-06-01").ok, site.messages()
    return site


def badge(page) -> tuple[str, str]:
    return (
        page.select_one(".document-meta .validity").get_text(strip=True),
        page.select_one(".document-meta .validity__reason").get_text(strip=True),
    )


def test_repeal_partial_repeal_and_suspension_show_on_both_documents(statuses):
    page = lambda n, d: statuses.page(f"/van-ban/quyet-dinh-{n}-qd-ubnd-ngay-{d}/")
    assert badge(page(10, "10-01-2020")) == (
        "Hết hiệu lực",
        "Hết hiệu lực từ 01/04/2024, bị bãi bỏ bởi Quyết định số 20/QĐ-UBND",
    )
    assert badge(page(11, "11-01-2020")) == (
        "Hết hiệu lực một phần",
        "Hết hiệu lực một phần từ 01/04/2024, bị bãi bỏ một phần bởi Quyết định số 20/QĐ-UBND",
    )
    assert badge(page(12, "12-01-2020")) == (
        "Ngưng hiệu lực",
        "Ngưng hiệu lực từ 01/05/2024, bị đình chỉ bởi Quyết định số 21/QĐ-UBND",
    )
    newer = related(page(20, "01-03-2024"))
    assert set(newer) == {"Bãi bỏ", "Bãi bỏ một phần"}
    assert set(related(page(10, "10-01-2020"))) == {"Bị bãi bỏ bởi"}
    assert set(related(page(11, "11-01-2020"))) == {"Bị bãi bỏ một phần bởi"}
    assert set(related(page(12, "12-01-2020"))) == {"Bị đình chỉ bởi"}
    assert set(related(page(21, "01-05-2024"))) == {"Đình chỉ"}


def test_the_five_statuses_reach_json_ld_filters_feeds_and_open_data(statuses):
    site = statuses

    def jsonld(url):
        return json.loads(site.page(url).find("script", type="application/ld+json").string)

    partly = jsonld("/van-ban/quyet-dinh-11-qd-ubnd-ngay-11-01-2020/")
    assert partly["legislationLegalForce"] == "https://schema.org/PartiallyInForce"
    repealed = jsonld("/van-ban/quyet-dinh-10-qd-ubnd-ngay-10-01-2020/")
    assert repealed["legislationLegalForce"] == "https://schema.org/NotInForce"
    assert repealed["temporalCoverage"] == "2020-01-10/2024-04-01"
    for slug in ("het-hieu-luc", "het-hieu-luc-mot-phan", "ngung-hieu-luc", "con-hieu-luc"):
        assert site.exists(f"/van-ban/hieu-luc/{slug}/"), slug
    assert "12/QĐ-UBND" in site.page("/van-ban/hieu-luc/ngung-hieu-luc/").get_text()
    feed = feedparser.parse((site.output / "van-ban/atom.xml").read_bytes())
    suspended = next(e for e in feed.entries if "12/QĐ-UBND" in e.title)
    assert "Ngưng hiệu lực" in [t.label or t.term for t in suspended.tags]
    assert suspended.updated.startswith("2024-05-01")  # the day the status changed
    rows = list(
        csv.DictReader(io.StringIO((site.output / "van-ban/du-lieu-mo/van-ban.csv").read_bytes().decode("utf-8-sig")))
    )
    assert {r["number"]: r["validity"] for r in rows}["11/QĐ-UBND"] == "Hết hiệu lực một phần"


def test_a_replaced_documents_json_ld_says_when_its_force_ended(sample):
    page = sample.page("/van-ban/nghi-dinh-43-2011-nd-cp-ngay-13-06-2011/")
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["temporalCoverage"].endswith("/2022-08-15")
    with_file = json.loads(sample.page(QD_2025).find("script", type="application/ld+json").string)
    assert with_file["encoding"][0]["contentUrl"].endswith(".pdf")


# --------------------------------------------------------------------------- drafts, history


def test_a_draft_is_not_law(sample):
    page = sample.page("/van-ban/du-thao-05-2026-dt-stttt-ngay-15-11-2026/")
    meta = {
        dt.get_text(): dd.get_text(" ", strip=True)
        for dt, dd in zip(page.select(".document-meta dt"), page.select(".document-meta dd"))
    }
    assert "Ngày có hiệu lực" not in meta and "Tình trạng hiệu lực" not in meta
    assert meta["Hạn lấy ý kiến"] == "31/12/2026" and meta["Tình trạng"].startswith("Dự thảo")
    home = sample.page("/")
    row = next(r for r in home.select(".document-row") if "05/2026/DT-STTTT" in r.get_text())
    assert "Ban hành" not in row.get_text() and "Lấy ý kiến đến" in row.get_text()


def test_change_notes_show_as_history_and_move_the_feed(site):
    site.write(
        "van-ban/a.md",
        doc(
            "10/QĐ-UBND",
            "2024-01-10",
            doc_type="Quyết định",
            extra=(
                "changes:\n  - 2024-02-01: Bổ sung tệp toàn văn\n  - date: 2024-03-05 09:30\n    note: Sửa lỗi chính tả ở Điều 3"
            ),
        ),
    )
    assert site.build(today="2024-06-01").ok, site.messages()
    page = site.page("/van-ban/quyet-dinh-10-qd-ubnd-ngay-10-01-2024/")
    history = [li.get_text(" ", strip=True) for li in page.select(".history li")]
    assert history == ["05/03/2024 : Sửa lỗi chính tả ở Điều 3", "01/02/2024 : Bổ sung tệp toàn văn"]
    entry = feedparser.parse((site.output / "van-ban/atom.xml").read_bytes()).entries[0]
    assert entry.updated.startswith("2024-03-05T09:30")
    assert "Sửa lỗi chính tả ở Điều 3" in entry.content[0].value


def test_a_change_note_without_a_sentence_is_refused(site):
    site.write("van-ban/a.md", doc("10/QĐ-UBND", "2024-01-10", doc_type="Quyết định", extra="changes: [2024-02-01]"))
    assert not site.build().ok
    assert any('trường "changes": mục thứ 1 phải là ngày và một câu mô tả thay đổi' in m for m in site.messages())


# --------------------------------------------------------------------------- search


def test_search_finds_every_document_carrying_a_number_and_a_year_puts_its_own_first(site):
    from search_server import Server

    write_archive(site)
    assert site.build(today="2026-11-30").ok, site.messages()
    server = Server(site.output)
    try:
        urls = [r["url"] for r in server.api(q="08/CT-UBND")["results"]]
        assert set(urls[:2]) == {QUANG_TRI_2014, QUANG_NGAI_2019}
        assert server.api(q="08/CT-UBND 2019")["results"][0]["url"] == QUANG_NGAI_2019
        assert server.api(q="08/ct-ubnd 2014")["results"][0]["url"] == QUANG_TRI_2014
        assert server.api(q="125/QĐ-STTTT 2025")["results"][0]["url"] == QD_2025
    finally:
        server.close()


def test_a_hidden_document_appears_on_its_own_page_and_nowhere_else(site):
    site.write("van-ban/public.md", doc("10/QĐ-UBND", "2024-01-10", doc_type="Quyết định"))
    site.write(
        "van-ban/hidden.md",
        doc("11/QĐ-UBND", "2024-02-10", doc_type="Quyết định", extra="status: hidden\nbased_on: [10/QĐ-UBND]"),
    )
    site.write(
        "van-ban/names-hidden.md", doc("12/QĐ-UBND", "2024-03-10", doc_type="Quyết định", extra="amends: [11/QĐ-UBND]")
    )
    assert site.build(today="2024-06-01").ok, site.messages()
    hidden_url = "/van-ban/quyet-dinh-11-qd-ubnd-ngay-10-02-2024/"
    assert related(site.page(hidden_url)) == {  # its own page shows every relation, to public documents
        "Căn cứ": ["/van-ban/quyet-dinh-10-qd-ubnd-ngay-10-01-2024/"],
        "Được sửa đổi, bổ sung bởi": ["/van-ban/quyet-dinh-12-qd-ubnd-ngay-10-03-2024/"],
    }
    public = site.page("/van-ban/quyet-dinh-10-qd-ubnd-ngay-10-01-2024/")
    assert "11/QĐ-UBND" not in public.get_text()
    naming = site.page("/van-ban/quyet-dinh-12-qd-ubnd-ngay-10-03-2024/")
    assert "11/QĐ-UBND" in naming.select_one(".related-documents").get_text()  # as declared, as text
    assert not naming.select(f'a[href="{hidden_url}"]')
    others = [
        p
        for p in site.output.rglob("*")
        if p.is_file() and p.suffix in (".html", ".xml", ".json", ".csv") and "quyet-dinh-11-qd-ubnd" not in str(p)
    ]
    assert not [p for p in others if hidden_url.encode() in p.read_bytes()]
