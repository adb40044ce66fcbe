"""The README stays true: its example files build, and every message staff can get is explained."""

import re

from conftest import ROOT
from samples import document, news
from test_content_errors import CASES

README = (ROOT / "README.md").read_text(encoding="utf-8")


def example_files() -> dict[str, str]:
    """The staff guide's example files: path from the sentence before each ```markdown block."""
    found = re.findall(r"ví dụ `content/([^`]+)`:\n\n```markdown\n(.*?)```", README, re.DOTALL)
    return dict(found)


def test_readme_examples_build(site):
    examples = example_files()
    assert sorted(examples) == [
        "pages/gioi-thieu.md",
        "tin-tuc/dia-phuong/quang-tri-van-ban-dien-tu.md",
        "van-ban/quyet-dinh/qd-42-2012-ubnd-quang-ngai.md",
    ]
    for path, text in examples.items():
        site.write(path, text)
    site.write_bytes("files/anh-hoi-nghi.jpg", b"\xff\xd8\xff\xe0")
    site.write_bytes("files/qd-42-2012-ubnd.pdf", b"%PDF-1.4")
    result = site.build()
    assert result.ok, site.messages()
    # the example implements 15/CT-TTg, which this small site does not carry: a warning, not an error
    assert [p.message for p in result.problems] == [
        'số ký hiệu "15/CT-TTg" không có trên cổng; được ghi là chữ, không có liên kết.'
    ]
    assert (
        site.page("/van-ban/quyet-dinh-42-2012-qd-ubnd-ngay-20-11-2012/").h1.get_text().startswith("Về việc tăng cường")
    )


def explained(message: str) -> bool:
    """A message is explained when the guide's table holds its words outside the quoted values."""
    first_line = message.split("\n")[0]
    text = first_line.split(": ", 1)[1] if ": " in first_line else first_line
    stems = [part.strip(" .") for part in re.split(r'"[^"]*"|\([^)]*\)|\S*/\S*|\d{4}-\d{2}-\d{2}|\b\d+\b', text)]
    table = README[README.index("### Các thông báo lỗi và cách sửa") :]
    return all(stem in table for stem in stems if len(stem) > 3)


def test_every_message_is_in_the_guide():
    missing = [CASES[case][2].split("\n")[0] for case in CASES if not explained(CASES[case][2])]
    assert missing == []


def test_every_message_of_a_broken_site_is_in_the_guide(site):
    site.write("van-ban/a.md", document(number="15/CT-TTg", extra="isued: 2012-05-22"))
    site.write("van-ban/b.md", document(number="15/ct-ttg"))
    site.write("tin-tuc/c.md", news(title="Cùng tiêu đề") + "\n[hỏng](khong-co.pdf)\n")
    site.write("tin-tuc/d.md", news(title="Cùng tiêu đề"))
    site.write("pages/e.md", "---\ntitle: Văn bản\ndate: 2024-01-01\n---\n")
    site.write("pages/f.md", "---\ntitle: x\ndate: 2024-01-01\nexpires: 2024-13-01\n---\n")
    site.write("van-ban/g.md", document(number="16/CT-TTg", extra="attachments:\n  - title: x"))
    site.write("van-ban/h.md", document(number="17", extra="topics: {a: b}"))
    site.write("van-ban/i.md", document(number="18/CT-TTg", extra="based_on: [18/CT-TTg]\nimplements: [99/QĐ-XX]"))
    site.write("van-ban/j.md", document(number="19/CT-TTg", extra="replaces: [20/CT-TTg]"))
    site.write("van-ban/k.md", document(number="20/CT-TTg", extra="replaces: [19/CT-TTg]"))
    site.write("ghi-chu.md", "x")
    asked = "---\ntitle: Hỏi?\nquestion: [a]\nasked: 2024-03-02\nanswered: {answered}\nanswered_by: {who}\n{extra}---\n\nĐáp.\n"
    site.write("hoi-dap/l.md", asked.format(answered="2024-03-12", who="Phòng A", extra="hoi: x\n"))
    site.write("hoi-dap/m.md", asked.format(answered="2024-03-01", who="Phòng A", extra="").replace("[a]", "Hỏi gì?"))
    site.write(
        "hoi-dap/n.md", asked.format(answered="2024-03-12", who="Tên đơn vị trả lời", extra="").replace("[a]", "Hỏi?")
    )
    site.write(
        "hoi-dap/o.md",
        asked.format(answered="2024-03-12", who="Phòng A", extra="slug: da-tra-loi\n").replace("[a]", "Hỏi?"),
    )
    site.write(
        "lanh-dao/p.md", "---\ntitle: A\nposition: B\ndate: 2024-01-01\nemail: x\nphone: y\norder: z\nten: 1\n---\n"
    )
    site.write("co-cau-to-chuc/q.md", "---\ntitle: A\ngroup: Khối\ndate: 2024-01-01\nwebsite: a.vn\n---\n")
    site.write("pages/co-cau-to-chuc.md", "---\ntitle: Cơ cấu tổ chức\ndate: 2024-01-01\n---\n")
    site.write("pages/fr.md", "---\ntitle: À propos\ndate: 2024-01-01\nlang: fr\n---\n")
    site.build(today="21/11/2026")
    produced = [str(p) for p in site.result.problems]
    assert len(produced) >= 22
    assert [m.split("\n")[0] for m in produced if not explained(m)] == []


def test_every_refusal_of_unsafe_content_is_in_the_guide(site, tmp_path):
    secret = tmp_path / "SECRET.txt"
    secret.write_text("x", encoding="utf-8")
    site.write("tin-tuc/a.md", news(title="Liên kết ra ngoài") + "\n[x]({attach}../../SECRET.txt)\n")
    site.write("tin-tuc/b.md", news(title="Ảnh qua symlink", extra="image: ../files/anh.jpg"))
    site.write("tin-tuc/c.md", news(title="Lồng sâu", extra="tags: " + "[" * 50 + "]" * 50))
    site.write("tin-tuc/d.md", news(title="Nhị phân", extra="summary: !!binary VGlu"))
    site.write("tin-tuc/e.md", news(title="Tham chiếu", extra="tags: &t [a]\nsource: *t"))
    site.write_bytes("files/evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    site.write_bytes("files/evil.html", b"<script>alert(1)</script>")
    (site.content / "files" / "anh.jpg").symlink_to(secret)
    assert not site.build().ok
    produced = [str(p) for p in site.result.problems]
    assert len(produced) >= 7, produced
    assert [m.split("\n")[0] for m in produced if not explained(m)] == []


def test_the_commands_table_is_what_invoke_says():
    """Issue 30, item 16: every command `invoke --list` has is in the README's Commands table, with every
    option its help lists, and the table names no command or option that does not exist."""
    from conftest import run_invoke

    start = README.index("### Commands")
    table = README[start : README.index("`PORTAL_TODAY=YYYY-MM-DD` makes", start)]
    written: dict[str, set[str]] = {}
    for cell in re.findall(r"^\| `invoke ([^`]+)` \|", table, re.MULTILINE):
        name = cell.split()[0]
        written.setdefault(name, set()).update(re.findall(r"--[a-z-]+", cell))
    listed = run_invoke("--list").stdout
    tasks = set(re.findall(r"^  ([a-z-]+) ", listed, re.MULTILINE))
    assert set(written) == tasks
    for name in sorted(tasks):
        helped = run_invoke("--help", name)
        assert helped.returncode == 0, helped.stderr
        options = set(re.findall(r"--([a-z-]+)", helped.stdout.split("Options:")[-1])) - {"kind"}  # KIND: positional
        assert {o.removeprefix("--") for o in written[name]} == options, name


def test_feeds_and_the_settings_check_mean_one_default_for_the_feeds_authority(site):
    """The feeds' ids use the same default the settings check speaks of, and a missing domain is said."""
    from portal_feeds import FEED_DEFAULTS

    site.write("tin-tuc/dia-phuong/a.md", news())
    result = site.build(PORTAL_FEEDS={"items": 3})
    assert result.ok
    [problem] = result.problems
    assert problem.field == 'PORTAL_FEEDS["id_authority"]' and f'"{FEED_DEFAULTS["id_authority"]}"' in problem.message
    feed = (site.output / "tin-tuc" / "atom.xml").read_text(encoding="utf-8")
    assert f"tag:{FEED_DEFAULTS['id_authority']},{FEED_DEFAULTS['id_since']}:" in feed


def test_the_open_data_description_names_every_top_level_key(sample):
    import json

    data = json.loads((sample.output / "van-ban" / "du-lieu-mo" / "van-ban.json").read_text(encoding="utf-8"))
    described = (ROOT / "docs" / "du-lieu-mo.md").read_text(encoding="utf-8")
    line = next(line for line in described.splitlines() if "van-ban.json` |" in line)
    assert all(f'"{key}"' in line for key in data), [key for key in data if f'"{key}"' not in line]


def test_the_readmes_nginx_sends_every_page_the_services_render_to_them():
    """A page the services render per request (search, the receipt, one article's comment form) and the
    APIs reach the service in the README's nginx configuration: otherwise nginx answers 404 from the folder."""
    from portal_feedback.service import COMMENT_PAGE, ERASE, LOOKUP, RECEIPT_PAGE, ROUTES

    proxied = set(re.findall(r"location (?:= )?(\S+) \{[^}]*proxy_pass", README))
    assert {"/tim-kiem/", RECEIPT_PAGE, COMMENT_PAGE, "/api/"} <= proxied, proxied
    assert all(path.startswith("/api/") for path in (*ROUTES, LOOKUP, ERASE))
