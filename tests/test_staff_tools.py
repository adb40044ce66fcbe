"""What staff use besides their editor: `invoke new`, `invoke check`, the next scheduled change."""

import json
import re
import subprocess
import sys
from datetime import date

from conftest import ROOT
from samples import document, news


def invoke(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


# ---------------------------------------------------------------- invoke new


def test_new_document_news_and_page_are_valid_files_in_the_right_place(site):
    made = invoke(
        "new",
        "van-ban",
        "--type",
        "Chỉ thị",
        "--number",
        "15/CT-TTg",
        "--title",
        "Về việc: tăng cường sử dụng văn bản điện tử",
        "--content",
        str(site.content),
    )
    assert made.returncode == 0, made.stderr
    path = site.content / "van-ban/chi-thi/15-ct-ttg.md"
    assert "Đã tạo content/van-ban/chi-thi/15-ct-ttg.md" in made.stdout
    text = path.read_text(encoding="utf-8")
    assert 'title: "Về việc: tăng cường sử dụng văn bản điện tử"' in text
    for key in (
        "effective",
        "expires",
        "signer",
        "topics",
        "based_on",
        "implements",
        "amends",
        "replaces",
        "repeals",
        "partly_repeals",
        "suspends",
        "changes",
        "attachments",
        "comment_until",
        "status",
    ):
        assert f"# {key}:" in text, key  # every optional key is there, commented, with its meaning
    assert (
        invoke(
            "new",
            "tin-tuc",
            "--title",
            "Hội nghị chuyển đổi số",
            "--section",
            "Địa phương",
            "--content",
            str(site.content),
        ).returncode
        == 0
    )
    assert invoke("new", "trang", "--title", "Sơ đồ cổng", "--content", str(site.content)).returncode == 0
    made = invoke("new", "hoi-dap", "--title", "Thủ tục cấp phép báo điện tử?", "--content", str(site.content))
    assert made.returncode == 0 and "content/hoi-dap/thu-tuc-cap-phep-bao-dien-tu.md" in made.stdout, made.stderr
    news_file = site.content / "tin-tuc/dia-phuong/hoi-nghi-chuyen-doi-so.md"
    assert "uid: " in news_file.read_text(encoding="utf-8")
    # fresh from invoke new, unedited: refused, each file by its line, and nothing goes live
    checked = invoke("check", "--content", str(site.content))
    # one body each, the news item's sapo and author, and the question's own two values to replace (the
    # question, who answers)
    assert checked.returncode == 1 and "Tổng cộng: 8 lỗi, 0 cảnh báo." in checked.stdout, checked.stdout
    assert 'trường "summary": còn giá trị mẫu chưa sửa: "Một đoạn ngắn tóm tắt bản tin (sapo)."' in checked.stdout
    assert "phần nội dung còn dòng mẫu chưa viết" in checked.stdout
    assert 'trường "answered_by": còn giá trị mẫu chưa sửa' in checked.stdout
    assert not site.build("2099-01-01").ok
    for written in site.content.rglob("*.md"):  # staff write the bodies
        lines = written.read_text(encoding="utf-8").rstrip("\n").split("\n")
        written.write_text("\n".join(lines[:-1] + ["Nội dung thật do cán bộ biên tập viết."]) + "\n", encoding="utf-8")
    asked = site.content / "hoi-dap/thu-tuc-cap-phep-bao-dien-tu.md"
    text_of_question = asked.read_text(encoding="utf-8")
    for placeholder, real in (
        ("Chép câu hỏi như người hỏi gửi vào đây (không ghi thư điện tử, số điện thoại).", "Cần giấy tờ gì?"),
        ("Tên đơn vị trả lời", "Phòng Thông tin - Báo chí - Xuất bản"),
    ):
        text_of_question = text_of_question.replace(placeholder, real)
    asked.write_text(text_of_question, encoding="utf-8")
    news_text = news_file.read_text(encoding="utf-8")
    news_text = news_text.replace("Một đoạn ngắn tóm tắt bản tin (sapo).", "Hội nghị bàn về chuyển đổi số.")
    news_file.write_text(news_text.replace("Tên tác giả", "Lâm Cao"), encoding="utf-8")
    checked = invoke("check", "--content", str(site.content))
    assert checked.returncode == 0 and "Tổng cộng: 0 lỗi, 0 cảnh báo." in checked.stdout
    result = site.build("2099-01-01")
    assert result.ok, site.messages()
    issued = date.fromisoformat(re.search(r"^issued: (\S+)$", text, re.MULTILINE)[1])  # today, as invoke new wrote it
    assert site.page(f"/van-ban/chi-thi-15-ct-ttg-ngay-{issued:%d-%m-%Y}/").h1.get_text().startswith("Về việc: tăng")
    assert site.exists("/tin-tuc/dia-phuong/hoi-nghi-chuyen-doi-so/") and site.exists("/so-do-cong/")
    assert site.page("/hoi-dap/thu-tuc-cap-phep-bao-dien-tu/").select_one(".qa__text p").get_text() == "Cần giấy tờ gì?"


def test_new_refuses_bad_options_with_every_reason_and_never_overwrites(site):
    refused = invoke(
        "new",
        "van-ban",
        "--type",
        "Chỉ thi",
        "--number",
        "số 15/CT-TTg",
        "--title",
        "X",
        "--content",
        str(site.content),
    )
    assert refused.returncode == 1
    assert (
        'LỖI: invoke new, trường "--type": "Chỉ thi" không có trong danh sách.\n  Có phải ý bạn là "Chỉ thị"?'
        in refused.stderr
    )
    assert 'trường "--number": "số 15/CT-TTg" có chữ "số" ở đầu.' in refused.stderr
    assert not (site.content / "van-ban").exists()
    assert (
        invoke("new", "tin-tuc", "--title", "A", "--section", "the-thao", "--content", str(site.content)).returncode
        == 1
    )
    assert (
        invoke(
            "new",
            "van-ban",
            "--type",
            "Chỉ thị",
            "--number",
            "1/CT-UBND",
            "--title",
            "A",
            "--content",
            str(site.content),
        ).returncode
        == 0
    )
    again = invoke(
        "new", "van-ban", "--type", "Chỉ thị", "--number", "1/CT-UBND", "--title", "B", "--content", str(site.content)
    )
    # the same document (number, today's date, the portal's issuer) is refused, naming its file
    assert again.returncode == 1 and "đã có: van-ban/chi-thi/1-ct-ubnd.md" in again.stderr
    other = invoke(
        "new",
        "van-ban",
        "--type",
        "Chỉ thị",
        "--number",
        "1/CT-UBND",
        "--title",
        "C",
        "--issuer",
        "UBND tỉnh Quảng Trị",
        "--content",
        str(site.content),
    )
    assert other.returncode == 0 and "van-ban/chi-thi/1-ct-ubnd-" in other.stdout  # another issuer's 1/CT-UBND
    assert "title: A" in (site.content / "van-ban/chi-thi/1-ct-ubnd.md").read_text(encoding="utf-8")
    assert "Không có loại" in invoke("new", "bai-viet", "--title", "A").stderr


# ---------------------------------------------------------------- the next scheduled change


def scheduled(site):
    site.write("tin-tuc/dia-phuong/hen.md", news("Tin hẹn giờ bí mật", date="2024-06-10 09:00"))
    site.write("tin-tuc/dia-phuong/het.md", news("Tin sắp hết hạn", extra="expires: 2024-06-05"))
    site.write("tin-tuc/dia-phuong/nhap.md", news("Bản nháp", date="2024-06-02 07:00", extra="status: draft"))
    site.write(
        "van-ban/a.md",
        document(
            "1/QĐ-UBND", doc_type="Quyết định", issued="2024-05-20", extra="effective: 2024-06-08\nexpires: 2025-01-01"
        ),
    )
    site.write(
        "van-ban/b.md",
        document("2/DT-UBND", doc_type="Dự thảo", issued="2024-05-20", extra="comment_until: 2024-06-03"),
    )


def test_every_build_reports_the_next_moment_the_portal_changes_by_itself(site):
    scheduled(site)
    result = site.build("2024-06-01")
    assert result.ok
    assert [(c.at.isoformat(), c.what) for c in result.next_changes] == [
        ("2024-06-04T00:00:00+07:00", "Dự thảo 2/DT-UBND hết thời gian lấy ý kiến"),
        ("2024-06-06T00:00:00+07:00", 'tin "Tin sắp hết hạn" hết hạn, rời khỏi danh sách'),
        ("2024-06-08T00:00:00+07:00", "Quyết định 1/QĐ-UBND có hiệu lực"),
        ("2024-06-10T09:00:00+07:00", 'đăng tin "Tin hẹn giờ bí mật"'),
        ("2025-01-01T00:00:00+07:00", "Quyết định 1/QĐ-UBND hết hiệu lực"),
    ]
    public = json.loads((site.output / "next-change.json").read_text(encoding="utf-8"))
    assert public["next"] == "2024-06-04T00:00:00+07:00"
    assert public["next_unix"] == 1717434000
    assert "bí mật" not in site.all_text()  # what is scheduled stays secret until it is published
    assert site.build("2024-06-10").ok  # a build at that moment publishes it
    assert "Tin hẹn giờ bí mật" in site.page("/tin-tuc/").get_text()
    assert site.result.next_changes[0].what == "Quyết định 1/QĐ-UBND hết hiệu lực"


def test_invoke_build_prints_the_next_change_and_invoke_due_tells_cron(site):
    scheduled(site)
    built = subprocess.run(
        [sys.executable, "-m", "invoke", "build", "--content", str(site.content), "--output", str(site.output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PORTAL_TODAY": "2024-06-01", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert built.returncode == 0, built.stderr
    assert (
        "Lần thay đổi tự động tiếp theo: Thứ ba, 04/06/2024 00:00: Dự thảo 2/DT-UBND hết thời gian lấy ý kiến"
        in built.stdout
    )
    assert invoke("due", "--output", str(site.output)).returncode == 0  # 2024 is long past: rebuild now
    report = site.output / "next-change.json"
    report.write_text(json.dumps({"next": None, "next_unix": None}), encoding="utf-8")
    assert invoke("due", "--output", str(site.output)).returncode == 1
    report.write_text(json.dumps({"next": "2999-01-01", "next_unix": 32472118800}), encoding="utf-8")
    assert invoke("due", "--output", str(site.output)).returncode == 1


def test_invoke_new_lists_what_is_left_to_write_and_helps_in_vietnamese(site):
    made = invoke("new", "tin-tuc", "--title", "Tin đầu tiên", "--content", str(site.content))
    assert made.returncode == 0, made.stderr
    assert "LỖI" not in made.stdout + made.stderr and "Tổng cộng" not in made.stdout + made.stderr
    assert "Chuyên mục: chi-dao-dieu-hanh (Chỉ đạo điều hành), vì không có --section" in made.stdout  # not silently
    assert "Còn phải viết trước khi đăng" in made.stdout and 'trường "summary"' in made.stdout
    # the sapo invoke new leaves is never published: not on the home page, the item or RSS
    news_file = next(site.content.rglob("*.md"))
    lines = news_file.read_text(encoding="utf-8").rstrip("\n").split("\n")
    news_file.write_text("\n".join(lines[:-1] + ["Nội dung thật."]) + "\n", encoding="utf-8")
    result = site.build("2099-01-01")
    assert not result.ok
    assert {p.field for p in result.problems} == {"summary", "author"}
    alone = invoke("new")  # no kind: said in Vietnamese, not by invoke's parser in English
    assert alone.returncode == 2 and "Thiếu loại tệp cần tạo" in alone.stderr and "positional" not in alone.stderr
    for words in ("--help", "-h"):
        helped = invoke("new", words)
        assert helped.returncode == 0 and "Tạo một tệp nội dung mới" in helped.stdout
        assert "invoke new van-ban --type" in helped.stdout and "Không có loại" not in helped.stderr
