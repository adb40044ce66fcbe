"""`invoke check` is the build without the writing: the same problems, word for word, the same exit status."""

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SETTINGS
from samples import document, news


def problems_both_ways(site, today="2024-06-01") -> tuple[list[str], list[str]]:
    from portal_build.check import check_content

    built = site.build(today=today)
    checked = check_content(SETTINGS, site.content, {"PORTAL_TODAY": today})
    assert not site.output.exists() or built.ok
    return sorted(map(str, built.problems)), sorted(map(str, checked))


BROKEN = {
    "a replacement cycle": {"van-ban/a.md": document("19/CT-TTg", extra="replaces: [20/CT-TTg]"),
                            "van-ban/b.md": document("20/CT-TTg", extra="replaces: [19/CT-TTg]")},
    "a document naming itself": {"van-ban/a.md": document("18/CT-TTg", extra="based_on: [18/CT-TTg]")},
    "an unknown number": {"van-ban/a.md": document("17/CT-TTg", extra="implements: [99/QĐ-XX]")},
    "a missing image in a body": {"tin-tuc/a.md": news(title="Ảnh thiếu") + "\n![Ảnh](khong-co.jpg)\n"},
    "broken YAML": {"tin-tuc/a.md": "---\ntitle: a: b\ndate: 2024-01-01\n---\n"},
    "an ambiguous citation in a body": {
        "van-ban/a.md": document("08/CT-UBND", issued="2014-06-16"),
        "van-ban/b.md": document("08/CT-UBND", issued="2019-03-05", title="Khác"),
        "tin-tuc/c.md": news(title="Trích dẫn") + "\nTheo Chỉ thị 08/CT-UBND.\n"},
    "several files at once": {
        "van-ban/a.md": document("16/CT-TTg", issued="2012-02-30"),
        "tin-tuc/b.md": news(title="Tab", extra="tags:\n\t- x"),
        "pages/c.md": "---\ntitle: Văn bản\ndate: 2024-01-01\n---\n",
        "ghi-chu.md": "x"},
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_check_reports_exactly_what_the_build_reports(site, case):
    for path, text in BROKEN[case].items():
        site.write(path, text)
    built, checked = problems_both_ways(site)
    assert built, case
    assert checked == built


def test_the_same_exit_status_and_nothing_written(site, tmp_path):
    for path, text in BROKEN["a replacement cycle"].items():
        site.write(path, text)
    invoke = str(Path(sys.executable).parent / "invoke")
    checked = subprocess.run([invoke, "check", "--content", str(site.content)], cwd=ROOT, capture_output=True,
                             text=True, timeout=120, check=False)
    built = subprocess.run([invoke, "build", "--content", str(site.content), "--output", str(tmp_path / "out")],
                           cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert checked.returncode == built.returncode == 1
    assert "các văn bản thay thế nhau thành vòng" in checked.stdout
    assert not (tmp_path / "out").exists()
