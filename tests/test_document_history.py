"""A document's lịch sử hiệu lực and lược đồ (issue 29, items 2 and 3), as vbpl.vn shows them: every event
with its day and the document that caused it, on the page and in open data; the related documents grouped
around the document, both directions, a list first. Real builds."""

import json

from samples import document

PAGE = "/van-ban/quyet-dinh-10-qd-ubnd-ngay-10-01-2020/"


def portal(site):
    site.write("van-ban/qd-10.md", document(number="10/QĐ-UBND", doc_type="Quyết định", issued="2020-01-10"))
    site.write(
        "van-ban/qd-11.md",
        document(number="11/QĐ-UBND", doc_type="Quyết định", issued="2021-03-01", extra="amends: [10/QĐ-UBND]"),
    )
    site.write(
        "van-ban/qd-20.md",
        document(
            number="20/QĐ-UBND", doc_type="Quyết định", issued="2025-02-01", extra="partly_suspends: [10/QĐ-UBND]"
        ),
    )
    site.write(
        "van-ban/qd-30.md",
        document(
            number="30/QĐ-UBND",
            doc_type="Quyết định",
            issued="2026-05-01",
            extra="effective: 2026-09-01\nreplaces: [10/QĐ-UBND]",
        ),
    )
    site.write(
        "van-ban/ct-01.md",
        document(number="01/CT-UBND", issued="2020-02-01", extra="based_on: [10/QĐ-UBND]\nstatus: hidden"),
    )
    site.write(
        "van-ban/kh-02.md",
        document(number="02/KH-UBND", doc_type="Kế hoạch", issued="2022-04-04") + "\nTheo Quyết định 10/QĐ-UBND.\n",
    )


def test_the_history_lists_every_event_with_its_day_and_cause(site):
    portal(site)
    assert site.build(today="2026-06-01").ok, site.messages()
    events = [li.get_text(" ", strip=True) for li in site.page(PAGE).select(".validity-history li")]
    assert events == [
        "10/01/2020 : Ban hành",
        "10/01/2020 : Có hiệu lực",
        "01/03/2021 : Được sửa đổi, bổ sung bởi Quyết định số 11/QĐ-UBND",
        "01/02/2025 : Bị ngưng hiệu lực một phần bởi Quyết định số 20/QĐ-UBND",
        "01/09/2026 : Bị thay thế bởi Quyết định số 30/QĐ-UBND (sắp tới)",
    ]
    data = json.loads((site.output / "van-ban/du-lieu-mo/van-ban.json").read_text(encoding="utf-8"))
    history = {d["number"]: d["history"] for d in data["documents"]}["10/QĐ-UBND"]
    assert [(e["date"], e["event"], e["by_number"]) for e in history][2:] == [
        ("2021-03-01", "Được sửa đổi, bổ sung bởi", "11/QĐ-UBND"),
        ("2025-02-01", "Bị ngưng hiệu lực một phần bởi", "20/QĐ-UBND"),
        ("2026-09-01", "Bị thay thế bởi", "30/QĐ-UBND"),
    ]
    assert all(e["by_id"] for e in history[2:])


def test_the_relation_map_groups_both_directions_and_leaves_out_hidden_documents(site):
    portal(site)
    assert site.build(today="2026-06-01").ok
    section = site.page(PAGE).select_one("section.relation-map")
    assert section.select_one(".relation-map__self").get_text(" ", strip=True) == (
        "Quyết định 10/QĐ-UBND Ngưng hiệu lực một phần"
    )
    groups = {
        group.h3.get_text(): [li.get_text(" ", strip=True) for li in group.select("ul li")]
        for group in section.select(".relation-map__group")
    }
    assert groups == {
        "Sửa đổi, bổ sung": ["Được sửa đổi, bổ sung bởi: Quyết định 11/QĐ-UBND"],
        "Thay thế": ["Bị thay thế bởi: Quyết định 30/QĐ-UBND"],
        "Đình chỉ, ngưng hiệu lực": ["Bị ngưng hiệu lực một phần bởi: Quyết định 20/QĐ-UBND"],
        "Dẫn chiếu": ["Được dẫn chiếu trong: Kế hoạch 02/KH-UBND"],
    }  # the hidden Chỉ thị that rests on it is not named
    amending = site.page("/van-ban/quyet-dinh-11-qd-ubnd-ngay-01-03-2021/").select_one("section.relation-map")
    assert "Sửa đổi, bổ sung: Quyết định 10/QĐ-UBND" in amending.get_text(" ", strip=True)
