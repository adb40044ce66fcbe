"""Review before publishing (issue 25, items 1, 2, 6, 7): real git repositories, real SSH keys made by
ssh-keygen, commits signed by `git commit -S` (gpg.format=ssh), real builds, the real staff commands.

With a `.nguoi-duyet` file, the public build shows exactly the newest commit a reviewer signed: a new item
waits off the portal (pages, feeds, sitemap, open data, search), an edited one stays as approved, a
deletion waits; the preview shows the working tree with "Chờ duyệt" marks. Every fault stops the build
with a Vietnamese message and leaves the live output as it was.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SETTINGS
from office import TODAY, Office, public_text
from samples import document, news
from search_server import answers

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen (openssh-client) is missing")

OLD = "Khánh thành cầu Trà Khúc"
NEW = "Hội nghị chuyển đổi số Bắc Sơn"
NEW_SLUG = "hoi-nghi-chuyen-doi-so-bac-son"


def found(output: Path, words: str) -> list[str]:
    """The titles the real search service answers with."""
    return [hit["title"] for hit in answers(output, [{"q": words}])[0]["results"]]


def test_review_is_off_without_a_reviewers_file(site, keys):
    office = Office(site, keys)
    site.write("tin-tuc/dia-phuong/cau.md", news(OLD))
    office.commit("Tin")
    site.write("tin-tuc/dia-phuong/moi.md", news(NEW))  # not even committed: a one-person office publishes
    result = office.build()
    assert result.ok, site.messages()
    assert result.review is None
    assert NEW in public_text(site.output)


def test_a_new_item_waits_off_everything_public_and_the_approval_publishes_it(office):
    site = office.site
    site.write("tin-tuc/dia-phuong/moi.md", news(NEW))
    office.commit("Tin hội nghị", email="viet@stttt.gov.vn")
    site.write("tin-tuc/dia-phuong/nhap.md", news("Bản nháp Lũng Cú chưa commit"))

    result = office.build()
    assert result.ok, site.messages()
    public = public_text(site.output)
    assert OLD in public
    assert NEW not in public and "Lũng Cú" not in public  # pages, feeds, sitemap, open data
    assert "Chờ duyệt" not in public
    assert NEW not in found(site.output, "chuyen doi so bac son")
    assert found(site.output, "khanh thanh cau tra khuc") == [OLD]
    assert [(w.path, w.kind, w.committed) for w in result.review.waiting] == [
        ("tin-tuc/dia-phuong/moi.md", "mới", True),
        ("tin-tuc/dia-phuong/nhap.md", "mới", False),
    ]

    # the preview: the working tree, each waiting item marked, and the list of what waits
    from portal_build import build

    preview = site.root / "output-preview"

    shown = build(SETTINGS, site.content, preview, {"PORTAL_TODAY": TODAY, "PORTAL_PREVIEW": True})
    assert shown.ok and shown.preview, [str(p) for p in shown.problems]
    text = public_text(preview)
    assert NEW in text and "Lũng Cú" in text
    listing = (preview / "cho-duyet/index.html").read_text(encoding="utf-8")
    assert NEW in listing and "chưa commit" in listing and "cau.md" not in listing
    pages = [p.read_text(encoding="utf-8") for p in preview.rglob("index.html")]
    assert any(f"<h1>{NEW}</h1>" in page and "<strong>Chờ duyệt</strong> (mới)" in page for page in pages)
    assert not any(f"<h1>{OLD}</h1>" in page and "<strong>Chờ duyệt</strong>" in page for page in pages)

    said = office.approve("Đồng ý đăng tin hội nghị")
    assert "Đã duyệt 1 thay đổi" in said and "nhap.md" in said  # the uncommitted one is named as not approved
    result = office.build()
    assert result.ok, site.messages()
    public = public_text(site.output)
    assert NEW in public and "Lũng Cú" not in public
    assert found(site.output, "chuyen doi so bac son")[0] == NEW
    message = office.git("log", "-1", "--format=%B")
    assert message.startswith("Duyệt: Đồng ý đăng tin hội nghị") and "- mới: tin-tuc/dia-phuong/moi.md" in message


def test_an_edit_stays_live_as_approved_and_a_deletion_waits(office):
    site = office.site
    site.write("tin-tuc/dia-phuong/cau.md", news(OLD + " đã sửa sai"))
    office.commit("Sửa tiêu đề")
    assert office.build().ok, site.messages()
    public = public_text(site.output)
    assert OLD in public and "đã sửa sai" not in public

    (site.content / "tin-tuc/dia-phuong/cau.md").unlink()
    office.commit("Gỡ tin")
    result = office.build()
    assert result.ok, site.messages()
    assert OLD in public_text(site.output)
    assert [(w.path, w.kind) for w in result.review.waiting] == [("tin-tuc/dia-phuong/cau.md", "xóa")]

    office.approve()
    assert office.build().ok
    assert OLD not in public_text(site.output)


def test_a_writers_own_signature_or_own_key_in_the_file_is_no_approval(office):
    site = office.site
    site.write("tin-tuc/dia-phuong/moi.md", news(NEW))
    office.commit("Tự ký", key=office.writer)  # a good signature, but not a reviewer's key
    assert office.build().ok
    assert NEW not in public_text(site.output)

    # the writer lists their own key and signs: the file in force is the approved one, which lacks it
    office.reviewers(
        office.line("duyet@stttt.gov.vn", office.reviewer), office.line("viet@stttt.gov.vn", office.writer)
    )
    office.commit("Thêm tôi vào danh sách", key=office.writer)
    office.commit("Ký lần nữa", key=office.writer)
    result = office.build()
    assert result.ok, site.messages()
    assert NEW not in public_text(site.output)
    assert ".nguoi-duyet" not in [w.path for w in result.review.waiting]  # outside content/, but it waits too

    refused = office.invoke("duyet", key=office.writer)
    assert refused.returncode == 1
    assert "khóa ký của bạn không có trong danh sách người duyệt" in refused.stderr
    assert "ssh-keygen -t ed25519" in refused.stderr and "user.signingkey" in refused.stderr

    # once the reviewer approves the change to the file, the writer is a reviewer too
    office.approve("Thêm người duyệt")
    site.write("tin-tuc/dia-phuong/ba.md", news("Tin thứ ba Mường Tè"))
    office.commit("Tin thứ ba", key=office.writer)
    assert office.build().ok
    public = public_text(site.output)
    assert NEW in public and "Mường Tè" in public


def test_a_gpg_or_unsigned_commit_by_a_reviewer_is_no_approval_and_is_said(office):
    site = office.site
    site.write("tin-tuc/dia-phuong/moi.md", news(NEW))
    office.commit("Người duyệt quên ký", email="duyet@stttt.gov.vn")
    result = office.build()
    assert result.ok
    assert NEW not in public_text(site.output)
    warned = [str(p) for p in result.problems if not p.is_error]
    assert any("của người duyệt duyet@stttt.gov.vn không được ký" in w and "invoke duyet" in w for w in warned)


def test_cho_duyet_tells_each_change_as_text(office):
    site = office.site
    site.write("tin-tuc/dia-phuong/cau.md", news(OLD).replace("Nội dung của", "Toàn văn bài về"))
    office.commit("Sửa nội dung tin cầu")
    site.write("tin-tuc/dia-phuong/moi.md", news(NEW))
    done = office.invoke("cho-duyet")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "người duyệt duyet@stttt.gov.vn" in out and "2 thay đổi chờ duyệt" in out
    assert "content/tin-tuc/dia-phuong/cau.md (sửa)" in out
    assert "Nguyễn Văn Viết" in out and "«Sửa nội dung tin cầu»" in out
    assert "[-Nội dung của-] {+Toàn văn bài về+}" in out  # words, not YAML
    assert "content/tin-tuc/dia-phuong/moi.md (mới, chưa commit)" in out and f"Tệp mới: «{NEW}»" in out


def live_state(output: Path) -> dict:
    return {p.relative_to(output): p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()}


def stops(office, *expected: str) -> None:
    """The build stops, says each expected phrase, and the live output stays as it was."""
    before = live_state(office.site.output)
    result = office.build()
    assert not result.ok
    said = "\n".join(office.site.messages())
    for phrase in expected:
        assert phrase in said, said
    assert live_state(office.site.output) == before


def test_faults_publish_nothing_and_say_what_to_do(office, tmp_path_factory):
    site = office.site
    assert office.build().ok
    site.write("tin-tuc/dia-phuong/moi.md", news(NEW))
    office.commit("Tin chờ")

    # a reviewers' file with a broken line
    good = (office.root / ".nguoi-duyet").read_text()
    (office.root / ".nguoi-duyet").write_text(good + "tran@stttt.gov.vn ssh-ed25519 khong-phai-khoa\n")
    stops(office, ".nguoi-duyet, dòng 3: khóa ssh-ed25519 không đọc được", "Mỗi dòng có dạng")
    (office.root / ".nguoi-duyet").write_text(good)

    # history rewritten past the approved commit the live site came from
    approved = office.git("rev-parse", "HEAD~1").strip()
    office.git("reset", "-q", "--hard", "HEAD~2")
    site.write("tin-tuc/dia-phuong/khac.md", news("Tin viết lại"))
    office.commit("Viết lại", key=office.reviewer)
    stops(office, "lịch sử git đã bị viết lại", approved[:10], "git reflog")
    office.git("reset", "-q", "--hard", approved)

    # a shallow clone
    clone = tmp_path_factory.mktemp("shallow") / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{office.root}", str(clone)], check=True)
    from portal_build import build

    result = build(SETTINGS, clone / "content", site.output, {"PORTAL_TODAY": TODAY})
    assert not result.ok and "bản sao nông" in "\n".join(map(str, result.problems))

    # a content folder outside any repository, under a reviewers' file
    loose = tmp_path_factory.mktemp("loose")  # outside the office's repository
    shutil.copytree(site.content, loose / "content")
    shutil.copy(office.root / ".nguoi-duyet", loose / ".nguoi-duyet")
    result = build(SETTINGS, loose / "content", site.output, {"PORTAL_TODAY": TODAY})
    assert not result.ok and "không nằm trong kho git" in "\n".join(map(str, result.problems))
    assert NEW not in public_text(site.output)


def test_no_approved_commit_yet_stops_with_the_set_up_steps(site, keys):
    office = Office(site, keys)
    office.reviewers(office.line("duyet@stttt.gov.vn", office.reviewer))
    site.write("tin-tuc/dia-phuong/cau.md", news(OLD))
    office.commit("Bật duyệt", key=office.writer)
    result = office.build()
    assert not result.ok
    said = "\n".join(site.messages())
    assert "chưa có commit nào được một người trong danh sách duyệt ký" in said
    assert "invoke duyet" in said and "git config gpg.format ssh" in said
    assert not site.output.exists()


def test_a_reviewer_removing_the_file_is_needed_to_turn_review_off(office):
    site = office.site
    site.write("tin-tuc/dia-phuong/moi.md", news(NEW))
    (office.root / ".nguoi-duyet").unlink()
    office.commit("Tắt duyệt")  # a writer cannot turn review off
    assert office.build().ok
    assert NEW not in public_text(site.output)
    office.commit("Đồng ý tắt duyệt", key=office.reviewer)  # the reviewer signs the removal
    result = office.build()
    assert result.ok and result.review is None
    assert NEW in public_text(site.output)


def test_the_preview_never_goes_where_the_public_site_is(office):
    from pelican.settings import read_settings
    from portal_build import build

    public = Path(read_settings(str(SETTINGS))["OUTPUT_PATH"])
    result = build(SETTINGS, office.site.content, public, {"PORTAL_TODAY": TODAY, "PORTAL_PREVIEW": True})
    assert not result.ok
    assert "bản xem trước không bao giờ được ghi vào thư mục của trang công khai" in str(result.problems[0])


def test_each_section_publishes_what_its_own_reviewer_approved(site, keys):
    """Per-section reviewers (PORTAL_REVIEW["sections"]): the legal office approves văn bản, the newsroom
    approves tin tức; one's signature publishes nothing of the other's section."""
    office = Office(site, keys)
    legal = office._key("phap-che")
    office.reviewers(office.line("phap-che@stttt.gov.vn", legal), office.line("bien-tap@stttt.gov.vn", office.reviewer))
    sections = {
        "PORTAL_REVIEW": {"sections": {"van-ban": ["phap-che@stttt.gov.vn"], "tin-tuc": ["bien-tap@stttt.gov.vn"]}}
    }
    site.write("tin-tuc/dia-phuong/cau.md", news(OLD))
    site.write("van-ban/qd-10.md", document(number="10/QĐ-UBND", doc_type="Quyết định", title="Về giá nước sạch"))
    office.commit("Kho nội dung")
    office.commit("Duyệt tin", key=office.reviewer)
    result = office.build(**sections)
    assert result.ok, site.messages()
    public = public_text(site.output)
    assert OLD in public and "giá nước sạch" not in public  # the newsroom cannot approve a document
    assert [w.path for w in result.review.waiting] == ["van-ban/qd-10.md"]

    office.commit("Duyệt văn bản", key=legal)
    site.write("tin-tuc/dia-phuong/moi.md", news(NEW))
    office.commit("Tin mới")
    office.commit("Duyệt văn bản lần nữa", key=legal)  # the legal office's signature: the news still waits
    result = office.build(**sections)
    assert result.ok, site.messages()
    public = public_text(site.output)
    assert "giá nước sạch" in public and NEW not in public
    assert [w.path for w in result.review.waiting] == ["tin-tuc/dia-phuong/moi.md"]
    line = site.page("/tin-tuc/dia-phuong/khanh-thanh-cau-tra-khuc/").find(class_="last-changed").text
    assert "duyệt: bien-tap@stttt.gov.vn" in line  # each version is its own section reviewer's
    line = site.page("/van-ban/quyet-dinh-10-qd-ubnd-ngay-22-05-2012/").find(class_="last-changed").text
    assert "duyệt: phap-che@stttt.gov.vn" in line

    office.commit("Duyệt tin mới", key=office.reviewer)
    assert office.build(**sections).ok
    assert NEW in public_text(site.output)


def test_a_signature_that_does_not_verify_is_no_approval(office):
    """A reviewer's signed commit whose message was changed afterwards (the signature no longer matches its
    bytes): git says B, and the change it carries waits."""
    site = office.site
    site.write("tin-tuc/dia-phuong/moi.md", news(NEW))
    office.commit("Tin mới")
    office.commit("Duyệt", key=office.reviewer)
    signed = office.git("cat-file", "commit", "HEAD")
    forged = subprocess.run(
        ["git", "-C", str(office.root), "hash-object", "-t", "commit", "-w", "--stdin"],
        input=signed.replace("Duyệt", "Duyệt tất cả"),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    office.git("reset", "-q", "--hard", forged)
    status = office.git("-c", f"gpg.ssh.allowedSignersFile={office.root / '.nguoi-duyet'}", "log", "-1", "--format=%G?")
    assert status.strip() == "B"
    result = office.build()
    assert result.ok, site.messages()
    assert NEW not in public_text(site.output)
    assert [w.path for w in result.review.waiting] == ["tin-tuc/dia-phuong/moi.md"]


def test_serve_watch_shows_the_waiting_items_marked(office, tmp_path_factory):
    """`invoke serve --watch` with review on previews the working tree, each waiting item marked, never
    into the public output."""
    import socket
    import time
    import urllib.request

    site = office.site
    site.write("tin-tuc/dia-phuong/moi.md", news(NEW))
    office.commit("Tin chờ duyệt")
    preview = tmp_path_factory.mktemp("xem-truoc") / "output-preview"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "serve", "--watch", "--content", str(site.content), "--output", str(preview)]
        + ["--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "PORTAL_TODAY": TODAY, "HOME": str(office.keys), "GIT_CONFIG_NOSYSTEM": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline, page = time.monotonic() + 120, ""
        while time.monotonic() < deadline and "Chờ duyệt" not in page:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/cho-duyet/", timeout=5) as answer:
                    page = answer.read().decode()
            except OSError:
                time.sleep(0.5)
        assert NEW in page and "tin-tuc/dia-phuong/moi.md" in page
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/tin-tuc/dia-phuong/{NEW_SLUG}/", timeout=5) as answer:
            assert "<strong>Chờ duyệt</strong> (mới)" in answer.read().decode()
        assert not site.output.exists()  # the public output was never written

        office.approve()  # an approval is a commit: the preview follows it
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "Không có thay đổi nào chờ duyệt" not in page:
            time.sleep(0.5)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/cho-duyet/", timeout=5) as answer:
                page = answer.read().decode()
        assert "Không có thay đổi nào chờ duyệt" in page
    finally:
        server.terminate()
        server.wait(30)
