"""`invoke check` is the build without the writing: the same problems, word for word, the same exit status."""

import pytest
from conftest import SETTINGS, run_invoke
from samples import document, news


def problems_both_ways(site, today="2024-06-01") -> tuple[list[str], list[str]]:
    from portal_build.check import check_content

    built = site.build(today=today)
    checked = check_content(SETTINGS, site.content, {"PORTAL_TODAY": today})
    assert not site.output.exists() or built.ok
    return sorted(map(str, built.problems)), sorted(map(str, checked))


BROKEN = {
    "a replacement cycle": {
        "van-ban/a.md": document("19/CT-TTg", extra="replaces: [20/CT-TTg]"),
        "van-ban/b.md": document("20/CT-TTg", extra="replaces: [19/CT-TTg]"),
    },
    "a document naming itself": {"van-ban/a.md": document("18/CT-TTg", extra="based_on: [18/CT-TTg]")},
    "an unknown number": {"van-ban/a.md": document("17/CT-TTg", extra="implements: [99/QĐ-XX]")},
    "a missing image in a body": {"tin-tuc/a.md": news(title="Ảnh thiếu") + "\n![Ảnh](khong-co.jpg)\n"},
    "broken YAML": {"tin-tuc/a.md": "---\ntitle: a: b\ndate: 2024-01-01\n---\n"},
    "an ambiguous citation in a body": {
        "van-ban/a.md": document("08/CT-UBND", issued="2014-06-16"),
        "van-ban/b.md": document("08/CT-UBND", issued="2019-03-05", title="Khác"),
        "tin-tuc/c.md": news(title="Trích dẫn") + "\nTheo Chỉ thị 08/CT-UBND.\n",
    },
    "several files at once": {
        "van-ban/a.md": document("16/CT-TTg", issued="2012-02-30"),
        "tin-tuc/b.md": news(title="Tab", extra="tags:\n\t- x"),
        "pages/c.md": "---\ntitle: Văn bản\ndate: 2024-01-01\n---\n",
        "ghi-chu.md": "x",
    },
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
    checked = run_invoke("check", "--content", str(site.content))
    built = run_invoke("build", "--content", str(site.content), "--output", str(tmp_path / "out"))
    assert checked.returncode == built.returncode == 1
    assert "các văn bản thay thế nhau thành vòng" in checked.stdout
    assert not (tmp_path / "out").exists()


def test_one_broken_file_does_not_make_the_others_warn_about_its_number(site):
    site.write("van-ban/a.md", document("15/CT-TTg").replace("issuer:", "\tissuer:"))  # a Tab breaks the YAML
    site.write("van-ban/b.md", document("16/CT-TTg", extra="implements: [15/CT-TTg]"))
    site.write("van-ban/c.md", document("17/CT-TTg", extra="based_on: [15/CT-TTg, 99/CT-TTg]"))
    built, checked = problems_both_ways(site)
    assert checked == built
    assert [m.split(":")[0] for m in built if "không có trên cổng" in m] == ['van-ban/c.md, trường "based_on"']
    assert any(m.startswith("van-ban/a.md, dòng") and "Tab" in m for m in built)


def test_settings_are_checked_once_every_problem_named(site):
    site.write("tin-tuc/a.md", news())
    overrides = {
        "PORTAL_AGENCY": {
            "name": "Sở",
            "parent": "UBND",
            "issuer": "Sở",
            "address": "x",
            "phone": "1",
            "email": "khong-phai-email",
        },
        "PORTAL_LISTINGS": {"per_page": 0, "link_blocks": [("Cổng", "mô tả", "dichvucong.gov.vn")]},
        "PORTAL_FEEDBACK": {"rate_limit": (5,)},
        "PORTAL_FEDS": {},
    }
    result = site.build(**overrides)
    assert not result.ok and not site.output.exists()
    messages = site.messages()
    for needle in (
        'pelicanconf.py, trường "PORTAL_AGENCY["email"]": "khong-phai-email" không phải địa chỉ thư điện tử.',
        'trường "PORTAL_LISTINGS["per_page"]": "0" phải là một số nguyên dương.',
        'trường "PORTAL_LISTINGS["link_blocks"]"',
        'trường "PORTAL_FEEDBACK["rate_limit"]"',
        'trường "PORTAL_FEDS": không có cài đặt này',
        'Có phải ý bạn là "PORTAL_FEEDS"?',
    ):
        assert any(needle in m for m in messages), (needle, messages)
    from portal_build.check import check_content

    assert sorted(
        map(str, check_content(SETTINGS, site.content, {"PORTAL_TODAY": "2024-06-01", **overrides}))
    ) == sorted(messages)
