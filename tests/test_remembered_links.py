"""Citations linked by one build are remembered for the next (portal_legal/remembered.py): the same
body, owner and documents give what linking gives, and anything else is linked again."""

from datetime import date

from portal_legal.citations import Target, link_citations
from portal_legal.remembered import RememberedLinks

from search.numbers import number_key

INSTALLATION = bytes(range(32))  # a secret of this test's own

CT15 = Target("van-ban/ct-15.md", "/van-ban/chi-thi-15/", "Chỉ thị 15/CT-TTg về văn bản điện tử", date(2012, 5, 22))
CT15_2014 = Target("van-ban/ct-15b.md", "/van-ban/chi-thi-15b/", "Chỉ thị 15/CT-TTg năm 2014", date(2014, 6, 16))
KH45 = Target("van-ban/kh-45.md", "/van-ban/ke-hoach-45/", 'Kế hoạch 45/KH-STTTT "số"', date(2026, 1, 5))

BODIES = [
    ("<p>Thực hiện Chỉ thị số 15/CT-TTg năm 2012 và Kế hoạch 45/KH-STTTT.</p>", None),
    ("<p>Ngày 16/6/2014, Thủ tướng ban hành Chỉ thị 15/CT-TTg.</p><h2>15/CT-TTg</h2>", "van-ban/kh-45.md"),
    ("<p>Chỉ thị 15/CT-TTg (không rõ năm) và <a href='/x'>45/KH-STTTT</a>.</p>", None),
    ("<p>Văn bản này, Kế hoạch 45/KH-STTTT, thay thế 15/CT-TTg ngày 22/5/2012.</p>", "van-ban/kh-45.md"),
    ("<p>Không nhắc văn bản nào: 12/5/2024.</p>", None),
]


def targets(*documents) -> dict:
    """number_key -> the documents carrying it, as the site model makes them."""
    found = {}
    for doc in documents:
        number = "45/KH-STTTT" if doc.source_path == KH45.source_path else "15/CT-TTg"
        found.setdefault(number_key(number), []).append(doc)
    return found


def same(a, b) -> bool:
    return (a.html, a.cited, a.ambiguous) == (b.html, b.cited, b.ambiguous)


def test_the_next_build_takes_what_the_last_linked_and_it_is_what_linking_gives(tmp_path):
    known = targets(CT15, CT15_2014, KH45)
    first = RememberedLinks(tmp_path / "links", INSTALLATION)
    for html, own in BODIES:
        assert same(first(html, known, own), link_citations(html, known, own))
    assert first.reused == 0 and first.linked == 5
    first.save()

    second = RememberedLinks(tmp_path / "links", INSTALLATION)
    for html, own in BODIES:
        assert same(second(html, known, own), link_citations(html, known, own))
    assert second.reused == 5 and second.linked == 0  # not even scanned for numbers again
    assert 'title="Kế hoạch 45/KH-STTTT &quot;số&quot;"' in second(BODIES[0][0], known, None).html


def test_a_changed_document_or_owner_is_linked_again(tmp_path):
    known = targets(CT15, CT15_2014, KH45)
    first = RememberedLinks(tmp_path / "links", INSTALLATION)
    for html, own in BODIES:
        first(html, known, own)
    first.save()

    renamed = Target(KH45.source_path, "/van-ban/ke-hoach-45-moi/", "Kế hoạch 45/KH-STTTT sửa đổi", KH45.issued)
    changed = targets(CT15, CT15_2014, renamed)
    again = RememberedLinks(tmp_path / "links", INSTALLATION)
    for html, own in BODIES:
        assert same(again(html, changed, own), link_citations(html, changed, own))
    # only the bodies naming 45/KH-STTTT were linked again; the others name only what did not change
    assert again.linked == 3 and again.reused == 2
    assert "/van-ban/ke-hoach-45-moi/" in again(BODIES[0][0], changed, None).html

    # the same text in another document: its own number is never linked to itself
    other_owner = RememberedLinks(tmp_path / "links", INSTALLATION)
    html = BODIES[3][0]
    assert same(other_owner(html, known, None), link_citations(html, known, None))
    assert "/van-ban/ke-hoach-45/" in other_owner(html, known, None).html


def test_a_damaged_file_is_thrown_away_and_everything_is_linked_again(tmp_path, caplog):
    known = targets(CT15, CT15_2014, KH45)
    first = RememberedLinks(tmp_path / "links", INSTALLATION)
    for html, own in BODIES:
        first(html, known, own)
    first.save()
    [kept] = [p for p in (tmp_path / "links").rglob("*") if p.is_file()]
    data = bytearray(kept.read_bytes())
    at = data.find(b"/van-ban/chi-thi-15/")
    data[at : at + 8] = b"/evil/x/"
    kept.write_bytes(bytes(data))

    again = RememberedLinks(tmp_path / "links", INSTALLATION)
    for html, own in BODIES:
        assert same(again(html, known, own), link_citations(html, known, own))
    assert again.reused == 0 and "/evil/" not in again(BODIES[0][0], known, None).html
    assert "damaged entry" in caplog.text


def test_a_number_that_becomes_a_document_of_the_portal_is_linked_from_then_on(tmp_path):
    html = "<p>Theo Quyết định 99/QĐ-UBND năm 2026 và Chỉ thị 15/CT-TTg năm 2012.</p>"
    before = targets(CT15)
    first = RememberedLinks(tmp_path / "links", INSTALLATION)
    assert "99/QĐ-UBND</a>" not in first(html, before, None).html
    first.save()

    qd99 = Target("van-ban/qd-99.md", "/van-ban/quyet-dinh-99/", "Quyết định 99/QĐ-UBND", date(2026, 3, 1))
    after = {**before, number_key("99/QĐ-UBND"): [qd99]}
    again = RememberedLinks(tmp_path / "links", INSTALLATION)
    linked = again(html, after, None)
    assert same(linked, link_citations(html, after, None)) and again.reused == 0
    assert linked.cited == {"van-ban/qd-99.md", "van-ban/ct-15.md"}
