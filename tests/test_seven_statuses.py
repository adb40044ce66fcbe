"""The seven statuses of vbpl.vn (issue 29, item 1): `partly_suspends` and `no_longer_applicable` give
"Ngưng hiệu lực một phần" and "Không còn phù hợp", in badges, filters, search, statistics, open data and
JSON-LD; `invoke check` explains the new key's mistakes. Real builds and the real search service."""

import json

from portal_legal.validity import LABELS, SLUGS
from samples import document
from search_server import Server
from test_docs import explained

from search.engine import VALIDITY_SLUGS

TODAY = "2026-06-01"


def portal(site):
    site.write("van-ban/qd-10.md", document(number="10/QĐ-UBND", doc_type="Quyết định", issued="2020-01-10"))
    site.write(
        "van-ban/qd-20.md",
        document(
            number="20/QĐ-UBND", doc_type="Quyết định", issued="2025-02-01", extra="partly_suspends: [10/QĐ-UBND]"
        ),
    )
    site.write(
        "van-ban/ct-05.md",
        document(
            number="05/CT-UBND",
            issued="2019-03-01",
            extra="no_longer_applicable: {date: 2026-03-01, reason: Không còn phù hợp với Luật Dữ liệu}",
        ),
    )
    site.write(
        "van-ban/ct-06.md",
        document(
            number="06/CT-UBND",
            issued="2019-03-02",
            extra="no_longer_applicable: {date: 2026-09-01, reason: Sẽ rà soát lại}",
        ),
    )


def test_seven_labels_each_with_its_slug_in_the_portal_and_in_search():
    assert len(LABELS) == len(set(LABELS)) == 7
    assert VALIDITY_SLUGS == SLUGS  # the search service's copy says the same


def test_partly_suspended_and_no_longer_applicable_everywhere_a_status_shows(site):
    portal(site)
    result = site.build(today=TODAY)
    assert result.ok, site.messages()
    suspended = site.page("/van-ban/quyet-dinh-10-qd-ubnd-ngay-10-01-2020/")
    badge = suspended.select_one(".validity")
    assert badge.get_text() == "Ngưng hiệu lực một phần" and "validity--ngung-hieu-luc-mot-phan" in badge["class"]
    assert "bị ngưng hiệu lực một phần bởi Quyết định số 20/QĐ-UBND" in suspended.get_text()
    jsonld = json.loads(suspended.select_one("script[type='application/ld+json']").string)
    assert jsonld["legislationLegalForce"].endswith("PartiallyInForce")
    declared = site.page("/van-ban/chi-thi-05-ct-ubnd-ngay-01-03-2019/")
    assert declared.select_one(".validity").get_text() == "Không còn phù hợp"
    assert "Không còn phù hợp từ" in declared.get_text() and "Luật Dữ liệu" in declared.get_text()
    later = site.page("/van-ban/chi-thi-06-ct-ubnd-ngay-02-03-2019/")  # declared for a day still to come
    assert later.select_one(".validity").get_text() == "Còn hiệu lực"
    assert any("không còn phù hợp" in c.what for c in result.next_changes)
    # the filters list them, and open data and statistics count them
    assert site.exists("/van-ban/hieu-luc/ngung-hieu-luc-mot-phan/") and site.exists(
        "/van-ban/hieu-luc/khong-con-phu-hop/"
    )
    data = json.loads((site.output / "van-ban/du-lieu-mo/van-ban.json").read_text(encoding="utf-8"))
    assert {d["number"]: d["validity"] for d in data["documents"]}["05/CT-UBND"] == "Không còn phù hợp"
    assert {"partly_suspends"} <= {e["relation"] for e in data["edges"]}
    statistics = json.loads((site.output / "van-ban/du-lieu-mo/thong-ke.json").read_text(encoding="utf-8"))
    by_validity = {t["key"]: t for t in statistics["tables"]}["van-ban-theo-hieu-luc"]
    assert {r["name"] for r in by_validity["rows"]} >= {"Ngưng hiệu lực một phần", "Không còn phù hợp"}
    server = Server(site.output)
    try:
        for slug, number in (("ngung-hieu-luc-mot-phan", "10/QĐ-UBND"), ("khong-con-phu-hop", "05/CT-UBND")):
            found = server.api(validity=slug)
            assert [hit["number"] for hit in found["results"]] == [number], found
    finally:
        server.close()


def test_a_declaration_without_its_reason_is_explained(site):
    site.write("van-ban/ct-05.md", document(number="05/CT-UBND", extra="no_longer_applicable: 2026-03-01"))
    [problem] = site.build(today=TODAY).problems
    assert problem.field == "no_longer_applicable" and problem.line == 7
    assert problem.message == '"2026-03-01" — phải có cả ngày (date) và lý do (reason).'
    assert "no_longer_applicable: {date: 2026-03-01, reason:" in problem.hint and explained(str(problem))
