"""Every file read ends as a published item or as a Vietnamese problem naming the file and the field:
no value, however strange, makes a document vanish from the portal (issue 30, item 1)."""

import pytest
from conftest import ROOT, run_invoke
from portal_content.config import content_config
from portal_content.loading import load
from portal_content.schema import FOLDERS, KEYS
from samples import document
from test_docs import explained

# values that once made a converter raise something else than its refusal, and Pelican skip the file
HOSTILE = (
    "2012-05-22 +24:00",
    "2012-05-22 08:00 +99:30",
    '"²"',
    "1" * 5000,
    '"a\\0b"',
    "x" * 300,
    '"files/' + "x" * 300 + '.pdf"',
    '"files/a\\0.pdf"',
    '"https://[::1/"',
    "!!int " + "1" * 5000,
    "!!binary ###",
    "!!float x",
    "[{date: 2024-01-01 +24:00, note: x}]",
    "[{path: files/a.pdf, title: [1]}]",
    '["1/A ngày 31/02/2024"]',
    "{number: 1/A, issued: 2024-01-01 +24:00}",
)
MINIMAL = {
    "tin-tuc/dia-phuong/a.md": {"title": "T", "date": "2024-01-01"},
    "van-ban/a.md": {
        "title": "T",
        "number": "15/CT-TTg",
        "doc_type": "Chỉ thị",
        "issuer": "TTg",
        "issued": "2012-05-22",
    },
    "pages/a.md": {"title": "T", "date": "2024-01-01"},
    "hoi-dap/a.md": {
        "title": "T",
        "question": "Q?",
        "asked": "2024-01-01",
        "answered": "2024-01-02",
        "answered_by": "P",
    },
    "lanh-dao/a.md": {"title": "T", "date": "2024-01-01", "position": "GĐ"},
    "co-cau-to-chuc/a.md": {"title": "T", "date": "2024-01-01", "group": "G"},
}


@pytest.mark.parametrize("path", sorted(MINIMAL))
def test_every_field_of_every_kind_refuses_hostile_values_by_name(tmp_path, path):
    from pelican.settings import read_settings

    config = content_config(read_settings(str(ROOT / "pelicanconf.py")))
    root = tmp_path / "content"
    (root / "files").mkdir(parents=True)
    (root / "files" / "a.pdf").write_bytes(b"%PDF-1.4\n")
    file = root / path
    file.parent.mkdir(parents=True, exist_ok=True)
    for key in KEYS[FOLDERS[path.split("/")[0]]]:
        for value in HOSTILE:
            header = "".join(f"{k}: {v}\n" for k, v in MINIMAL[path].items() if k != key) + f"{key}: {value}\n"
            file.write_text(f"---\n{header}---\nNội dung.\n", encoding="utf-8")
            loaded = load(file, root, config)  # raises nothing
            if loaded.item is not None:
                continue  # a strange value some fields take as text (a title of 300 x's)
            assert loaded.problems, (key, value)
            named = [p for p in loaded.problems if p.field == key or p.line is not None]
            assert named, (key, value, [str(p) for p in loaded.problems])
            assert all(p.path == path for p in loaded.problems)
            # a message of ours, never the converter's slip
            assert not any("không đọc được" in p.message for p in loaded.problems), (key, value, loaded.problems)


@pytest.mark.parametrize(
    ("extra", "field", "words"),
    [
        ("effective: 2012-05-22 +24:00", "effective", 'có múi giờ "+24:00" không có thật'),
        ('attachments: ["files/' + "x" * 300 + '.pdf"]', "attachments", "quá dài"),
        ('attachments: ["files/a\\0.pdf"]', "attachments", "ký tự điều khiển"),
    ],
)
def test_a_hostile_value_stops_the_build_naming_the_document(site, extra, field, words):
    site.write("van-ban/ct-15.md", document(extra=extra))
    site.write("van-ban/ct-16.md", document(number="16/CT-TTg"))
    result = site.build()
    assert not result.ok
    [problem] = result.problems
    assert problem.path == "van-ban/ct-15.md" and problem.field == field and words in problem.message
    assert explained(str(problem)), str(problem)  # the staff guide's table says what to do
    assert not site.output.exists()


def test_issued_with_an_impossible_offset_is_a_problem_for_invoke_check_and_build(tmp_path):
    content = tmp_path / "content"
    (content / "van-ban").mkdir(parents=True)
    (content / "van-ban" / "ct-15.md").write_text(document(issued="2012-05-22 +24:00").lstrip(), encoding="utf-8")
    for command in (
        ("check", "--content", str(content)),
        ("build", "--content", str(content), "--output", str(tmp_path / "out")),
    ):
        ran = run_invoke(*command)
        assert ran.returncode == 1, ran.stdout + ran.stderr
        assert 'van-ban/ct-15.md, dòng 6, trường "issued"' in ran.stdout + ran.stderr
        assert "Could not process" not in ran.stdout + ran.stderr
    assert not (tmp_path / "out").exists()


def test_a_body_link_no_file_can_have_is_a_warning_not_a_lost_page(site):
    site.write(
        "tin-tuc/dia-phuong/a.md",
        f"---\ntitle: Liên kết lạ\ndate: 2024-01-01\n---\n[a]({'x' * 5000}) [b](//[::1/x) [c](files/{'y' * 300}.pdf)\n",
    )
    result = site.build()
    assert result.ok, site.messages()
    assert site.exists("tin-tuc/dia-phuong/lien-ket-la/")
    [missing] = [p for p in result.problems if p.path == "tin-tuc/dia-phuong/a.md"]
    assert "không tìm thấy tệp" in missing.message and missing.severity == "warning"
    hrefs = [a.get("href", "") for a in site.page("tin-tuc/dia-phuong/lien-ket-la/").select("article a")]
    assert not any("[::1" in href for href in hrefs)  # an address no parser reads is not published


def test_missing_content_folder_is_a_message_not_a_traceback(tmp_path):
    for command in ("build", "check"):
        ran = run_invoke(command, "--content", str(tmp_path / "khong-co"))
        assert ran.returncode == 1
        assert "không có thư mục nội dung này" in ran.stdout + ran.stderr
        assert "Traceback" not in ran.stderr and "ValueError" not in ran.stderr


def test_ctrl_c_during_a_build_says_nothing_was_published(tmp_path):
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    output = tmp_path / "site"
    build = subprocess.Popen(
        [str(Path(sys.executable).parent / "invoke"), "build", "--output", str(output)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".site.building-*")) and time.monotonic() < deadline:
        time.sleep(0.01)  # until the build has started writing its staging folder
    build.send_signal(signal.SIGINT)
    said, _ = build.communicate(timeout=60)
    assert build.returncode == 130, said
    assert "Đã dừng (Ctrl+C): không xuất bản gì" in said and "Traceback" not in said
    assert not output.exists() and not list(tmp_path.glob(".site.building-*"))


@pytest.mark.parametrize(
    ("limit", "words"), [('"²"', "không phải một số dương"), ("9" * 5000, "quá lớn (5000 chữ số)")]
)
def test_a_collection_limit_no_page_can_have_is_refused_by_name(site, limit, words):
    site.write("van-ban/ct-15.md", document())
    site.write("collections/chi-thi.yml", f"title: Chỉ thị\ncriteria:\n  doc_type: Chỉ thị\nlimit: {limit}\n")
    result = site.build()
    assert not result.ok
    [problem] = result.problems
    assert (problem.path, problem.line, problem.field) == ("collections/chi-thi.yml", 4, "limit")
    assert words in problem.message and explained(str(problem))
