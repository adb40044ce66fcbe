"""The messages a newcomer met in the first week (issue 30, item 14): each says what to write, names the
near miss, the candidates and the line, and the real archive's many unknown numbers are told once."""

from conftest import ROOT, run_invoke
from portal_content import report
from samples import document, news
from test_docs import explained


def test_a_spaced_number_is_told_its_real_form_which_the_next_check_takes(site):
    site.write("van-ban/qd-88.md", document(number="88 QĐ STTTT", doc_type="Quyết định"))
    result = site.build()
    [problem] = result.problems
    assert problem.field == "number" and problem.hint == "Viết liền, ví dụ: number: 88/QĐ-STTTT"
    site.write("van-ban/qd-88.md", document(number="88/QĐ-STTTT", doc_type="Quyết định"))
    assert site.build().ok


def test_a_plain_d_in_a_number_is_published_with_a_warning(site):
    site.write("van-ban/qd-88.md", document(number="88/QD-STTTT", doc_type="Quyết định"))
    result = site.build()
    assert result.ok
    [problem] = result.problems
    assert (problem.field, problem.line, problem.severity) == ("number", 3, "warning")
    assert "chữ D thường" in problem.message and "number: 88/QĐ-STTTT" in problem.hint
    assert explained(str(problem))


def test_a_mistyped_citation_in_a_body_names_the_document_meant_and_its_line(site):
    site.write("van-ban/qd-88.md", document(number="88/QĐ-STTTT", doc_type="Quyết định", title="Về quy chế"))
    site.write(
        "tin-tuc/dia-phuong/a.md",
        news("Triển khai quy chế") + "\nĐoạn đầu.\n\nThực hiện Quyết định số 888/QĐ-STTTT của Sở.\n",
    )
    result = site.build()
    assert result.ok
    [problem] = [p for p in result.problems if p.path == "tin-tuc/dia-phuong/a.md"]
    assert problem.message == (
        'trích dẫn "888/QĐ-STTTT" không có trên cổng; có phải là văn bản "Quyết định 88/QĐ-STTTT: Về quy chế"?'
    )
    assert problem.line == 14 and problem.severity == "warning" and explained(str(problem))


def test_an_ambiguous_citation_names_its_candidates_and_line(site):
    site.write("van-ban/ct-08-2014.md", document(number="08/CT-UBND", issued="2014-06-16", title="Về năm 2014"))
    site.write("van-ban/ct-08-2015.md", document(number="08/CT-UBND", issued="2015-03-02", title="Về năm 2015"))
    site.write("tin-tuc/dia-phuong/a.md", news("Tin") + "\nTheo Chỉ thị 08/CT-UBND, các đơn vị …\n")
    result = site.build()
    [problem] = [p for p in result.problems if p.path == "tin-tuc/dia-phuong/a.md"]
    assert "Chỉ thị 08/CT-UBND: Về năm 2014 (ngày 16/6/2014)" in problem.message
    assert "Chỉ thị 08/CT-UBND: Về năm 2015 (ngày 2/3/2015)" in problem.message
    assert problem.line == 12 and "08/CT-UBND ngày 16/6/2014" in problem.hint


def test_a_missing_attachment_names_the_near_miss_file(site):
    site.write_bytes("files/qd-88-stttt.pdf", b"%PDF-1.4")
    site.write("van-ban/qd-88.md", document(number="88/QĐ-STTTT", extra="attachments: [files/qd-88-sttt.pdf]"))
    [problem] = site.build().problems
    assert problem.field == "attachments"
    assert problem.hint.startswith('Có phải ý bạn là "files/qd-88-stttt.pdf"?')
    assert problem.hint.endswith("ví dụ: attachments: files/qd-88-stttt.pdf")


def test_a_kind_given_by_its_abbreviation_is_pointed_to_its_name(site):
    made = run_invoke(
        "new", "van-ban", "--type", "QĐ", "--number", "5/QĐ-UBND", "--title", "A", "--content", str(site.content)
    )
    assert made.returncode == 1 and 'Có phải ý bạn là "Quyết định"?' in made.stderr


def test_many_numbers_the_portal_does_not_carry_are_told_once_and_can_be_named_as_elsewhere(site):
    for n in range(1, 9):
        site.write(f"van-ban/kh-{n}.md", document(number=f"{n}/KH-UBND", extra=f"implements: [{n}/CT-TTg]"))
    result = site.build()
    assert result.ok and len(result.problems) == 8
    told = report(result.problems)
    assert told.count("CẢNH BÁO") == 1 and "8 chỗ trích dẫn 8 số ký hiệu không có trên cổng" in told
    assert "1/CT-TTg" in told and 'PORTAL_LEGAL["known_elsewhere"]' in told
    assert told.endswith("Tổng cộng: 0 lỗi, 8 cảnh báo.")
    assert report(result.problems, grouped=False).count("CẢNH BÁO") == 8  # invoke check --all
    elsewhere = [f"{n}/CT-TTg" for n in range(1, 8)]
    result = site.build(PORTAL_LEGAL={**_legal(), "known_elsewhere": elsewhere})
    assert [p.about for p in result.problems] == ["8/CT-TTG"]


def test_the_build_ends_with_its_own_summary_not_pelicans(tmp_path):
    built = run_invoke("build", "--output", str(tmp_path / "out"))
    assert built.returncode == 0, built.stderr
    assert "Done: Processed" not in built.stdout + built.stderr
    assert built.stdout.splitlines()[0].startswith("Đã xây dựng")


def _legal() -> dict:
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "pelicanconf.py"))["PORTAL_LEGAL"]
