"""The staff editor (`invoke editor`): forms made from the build's schema, a backend that writes only content,
and a member of staff writing a Quyết định, a news item and a question in a real browser."""

import html
import json
import shutil
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, SETTINGS, run_invoke
from quality import NODE_MODULES, browser_facts

TODAY = "2026-12-10"


def _config(content: Path, **settings):
    from pelican.settings import read_settings
    from portal_content.config import content_config
    from portal_editor import editor_config
    from portal_editor.choices import choices_of

    read = read_settings(str(SETTINGS), override={"PATH": str(content), **settings})
    config = content_config(read)
    return editor_config(read, config, content, choices_of(read, config, content))


def _fields(collection: dict) -> set[str]:
    return {f["name"] for f in collection["fields"]}


def test_every_key_the_build_reads_is_a_field_of_its_form_and_nothing_else():
    from portal_collections.definition import KEYS as COLLECTION_KEYS
    from portal_content.model import DOCUMENT, LEADER, NEWS, PAGE, QUESTION, UNIT
    from portal_content.schema import KEYS
    from portal_editor.form import WIDGETS

    made = {c["name"]: c for c in _config(ROOT / "content")["collections"]}
    kinds = {"van-ban": DOCUMENT, "pages": PAGE, "hoi-dap": QUESTION, "lanh-dao": LEADER, "co-cau-to-chuc": UNIT}
    for name, kind in kinds.items():
        assert _fields(made[name]) == set(KEYS[kind]) | {"body"}, name
    news = [c for n, c in made.items() if n.startswith("tin-tuc")]
    assert len(news) >= 6  # one per chuyên mục of the settings
    assert all(_fields(c) == set(KEYS[NEWS]) | {"body"} for c in news)
    assert _fields(made["chuyen-de"]) == set(COLLECTION_KEYS)
    # every converter the build reads a key with has a widget: a new kind of value is never a bare box
    assert {key.convert for keys in KEYS.values() for key in keys.values()} <= set(WIDGETS)
    for kind, keys in KEYS.items():
        collection = made[{v: k for k, v in kinds.items()}.get(kind, news[0]["name"])]
        by_name = {f["name"]: f for f in collection["fields"]}
        for name, key in keys.items():
            assert by_name[name]["required"] is key.required, (kind, name)
            assert by_name[name]["hint"] == key.help, (kind, name)
    documents = {f["name"]: f for f in made["van-ban"]["fields"]}
    assert documents["issued"]["format"] == "YYYY-MM-DD" and documents["issued"]["time_format"] is False
    assert documents["date"]["format"] == "YYYY-MM-DD HH:mm"
    assert documents["based_on"]["widget"] == "relation" and documents["based_on"]["collection"] == "van-ban"
    assert "Sở Thông tin và Truyền thông tỉnh Quảng Ngãi" == documents["issuer"]["options"][0]  # the agency first
    assert made["van-ban"]["path"].startswith("{{doc_type}}/")  # van-ban/<loại>/<năm>/…


def test_a_changed_setting_changes_the_form_at_the_next_start(tmp_path):
    from portal_content.config import DEFAULT_DOC_TYPES

    settings = {
        "PORTAL_CONTENT": {
            "doc_types": [*DEFAULT_DOC_TYPES, "Quy chế"],
            "news_sections": {"an-toan-thong-tin": "An toàn thông tin"},
        },
        "PORTAL_EDITOR": {"topics": ["An toàn thông tin mạng"], "issuers": ["Công an tỉnh Quảng Ngãi"]},
    }
    made = {c["name"]: c for c in _config(ROOT / "content", **settings)["collections"]}
    documents = {f["name"]: f for f in made["van-ban"]["fields"]}
    assert documents["doc_type"]["options"][-1] == "Quy chế"
    assert "An toàn thông tin mạng" in documents["topics"]["options"]
    assert "Công an tỉnh Quảng Ngãi" in documents["issuer"]["options"]
    assert made["tin-tuc-an-toan-thong-tin"]["folder"] == "tin-tuc/an-toan-thong-tin"
    assert made["tin-tuc-an-toan-thong-tin"]["label"] == "Tin tức: An toàn thông tin"


def test_a_forge_backend_is_a_setting_and_a_bad_one_is_named(tmp_path):
    from pelican.settings import read_settings
    from portal_content.settings_check import check_settings

    gitlab = {"backend": "gitlab", "repo": "stttt/cong", "base_url": "https://git.stttt.gov.vn", "app_id": "abc"}
    made = _config(ROOT / "content", PORTAL_EDITOR=gitlab)
    assert made["backend"]["name"] == "gitlab" and made["backend"]["repo"] == "stttt/cong"
    assert made["publish_mode"] == "editorial_workflow"
    assert all(c["folder"].startswith("content/") for c in made["collections"])
    assert made["media_folder"] == "content/files"
    gitea = _config(ROOT / "content", PORTAL_EDITOR={**gitlab, "backend": "gitea"})
    assert gitea["backend"]["name"] == "gitea" and "publish_mode" not in gitea  # no editorial workflow there
    for wrong in (
        {"backend": "github"},
        {"backend": "gitea", "repo": "a/b", "base_url": "http://git"},
        {"bakend": "x"},
    ):
        settings = read_settings(str(SETTINGS), override={"PORTAL_EDITOR": wrong})
        found = [p for p in check_settings(settings) if p.field == "PORTAL_EDITOR"]
        assert found and found[0].is_error, wrong


# --------------------------------------------------------------------------- the editor's address


class Running:
    """The editor as `invoke editor` runs it, on a free port, over a copy of the sample content."""

    def __init__(self, root: Path):
        from portal_editor import make_editor

        from search.service import make_threaded_server

        self.content = root / "content"
        shutil.copytree(ROOT / "content", self.content)
        self.server = make_threaded_server("127.0.0.1", 0, lambda e, s: self.editor.app(e, s))
        self.port = self.server.server_address[1]
        self.editor = make_editor(SETTINGS, self.content, root / "output-preview", self.port, {"PORTAL_TODAY": TODAY})
        self.editor.watcher.log = lambda _: None
        self.base = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def api(self, action: str, params: dict, host=None, origin=None, content_type="application/json"):
        host = host or f"127.0.0.1:{self.port}"
        request = urllib.request.Request(
            f"{self.base}/quan-tri/api",
            data=json.dumps({"action": action, "params": {"branch": "main", **params}}).encode(),
            headers={"Host": host, "Origin": origin or f"http://{host}", "Content-Type": content_type},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as error:
            body = error.read().decode()
            return error.code, json.loads(body) if body.startswith("{") else {"error": body}

    def close(self):
        self.editor.watcher.stop()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def running(tmp_path):
    editor = Running(tmp_path)
    yield editor
    editor.close()


def test_the_backend_reads_and_writes_content_only_for_its_own_page(running):
    import base64

    status, listed = running.api("entriesByFolder", {"folder": "van-ban", "extension": "md", "depth": 2})
    assert status == 200 and "van-ban/chi-thi/ct-15-ttg-2012.md" in [e["file"]["path"] for e in listed]
    raw = "---\ntitle: Giới thiệu mới\ndate: 2026-12-01\n---\nNội dung.\n"
    entry = {"path": "pages/moi.md", "raw": raw, "slug": "moi"}
    assert running.api("persistEntry", {"dataFiles": [entry], "assets": []})[0] == 200
    assert (running.content / "pages" / "moi.md").read_text(encoding="utf-8") == raw
    # another site's page, another name for this machine (DNS rebinding), a form post: refused, nothing written
    assert running.api("persistEntry", {"dataFiles": [entry], "assets": []}, origin="https://evil.example")[0] == 403
    assert running.api("getEntry", {"path": "pages/moi.md"}, host="evil.example:80")[0] == 403
    assert running.api("getEntry", {"path": "pages/moi.md"}, content_type="text/plain")[0] == 415
    hook = {"path": ".git/hooks/pre-commit", "raw": "#!/bin/sh\n", "slug": "x"}
    for bad in (hook, {**hook, "path": "../pelicanconf.py"}, {**hook, "path": "van-ban/x.py"}):
        status, answer = running.api("persistEntry", {"dataFiles": [bad], "assets": []})
        assert status == 403 and answer["error"], bad
    assert not (running.content / ".git").exists() and not (running.content / "van-ban" / "x.py").exists()
    page = base64.b64encode(b"<script>alert(1)</script>").decode()
    svg = base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').decode()
    for path, data in (("files/a.html", page), ("files/b.svg", svg), ("van-ban/c.pdf", page)):
        status, answer = running.api("persistMedia", {"asset": {"path": path, "content": data, "encoding": "base64"}})
        assert status in (403, 422) and answer["error"], path
        assert not (running.content / path).exists()
    assert (
        "không được đăng"
        in running.api("persistMedia", {"asset": {"path": "files/a.html", "content": page, "encoding": "base64"}})[1][
            "error"
        ]
    )
    assert running.api("getMedia", {"mediaFolder": "files"})[0] == 200


def test_the_editor_page_is_the_projects_own_files_in_vietnamese(running):
    with urllib.request.urlopen(f"{running.base}/quan-tri/", timeout=10) as answer:
        page = answer.read().decode()
        assert answer.headers["X-Frame-Options"] == "DENY"
    assert '<html lang="vi">' in page and "/quan-tri/decap/decap-cms.js" in page and "//" not in page.split("<body>")[1]
    with urllib.request.urlopen(f"{running.base}/quan-tri/config.yml", timeout=10) as answer:
        assert b"locale: vi" in answer.read()


@pytest.mark.skipif(not (NODE_MODULES / "decap-cms").is_dir(), reason="invoke tools installs the editor (npm)")
def test_staff_write_a_decision_a_news_item_and_a_question_in_the_browser(running, tmp_path):
    running.editor.watcher.build_once()
    running.editor.watcher.start()
    attachment = tmp_path / "qd-88-stttt.pdf"
    attachment.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    facts = browser_facts(ROOT / "tests" / "gates" / "editor.mjs", running.base, str(attachment))

    assert facts["language"] == "vi"
    assert {"Văn bản", "Hỏi đáp", "Lãnh đạo", "Cơ cấu tổ chức", "Chuyên đề"} <= set(facts["collections"])
    # the wrong number was refused by the form, with the build's rule in Vietnamese, and nothing was saved
    assert facts["stillUnsaved"] and "viết liền" in facts["wrongNumber"][0].lower()
    # the preview pane shows the saved document's page, rebuilt from the file, within seconds
    preview = running.editor.watcher.state
    why = [str(problem) for problem in preview.problems]  # the preview's own problems, if its build failed
    saved = sorted(str(p.relative_to(running.content)) for p in (running.content / "van-ban").rglob("*88*"))
    asked = f"{running.base}/quan-tri/trang?tep=van-ban/{facts.get('document')}.md"
    try:
        with urllib.request.urlopen(asked, timeout=10) as answer:
            known = (answer.status, answer.url, answer.read().decode()[:300])
    except urllib.error.HTTPError as error:
        known = (error.code, error.url)
    assert facts["previewSeconds"] is not None and facts["previewSeconds"] < 60, (
        facts.get("document"),
        saved,
        known,
        preview.generation,
        preview.failed,
        why,
        facts.get("previewHeadings"),
        facts.get("errors"),
    )
    document = running.content / "van-ban" / f"{facts['document']}.md"
    news = running.content / "tin-tuc" / "chuyen-doi-so" / f"{facts['news']}.md"
    question = running.content / "hoi-dap" / f"{facts['question']}.md"
    assert document.is_file() and news.is_file() and question.is_file()
    assert (running.content / "files" / "qd-88-stttt.pdf").read_bytes() == attachment.read_bytes()

    # what the forms saved passes `invoke check` with no problem at all, and the build publishes it
    checked = run_invoke("check", "--content", str(running.content), env={"PORTAL_TODAY": TODAY})
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "0 lỗi, 0 cảnh báo" in checked.stdout
    from conftest import Site

    site = Site(tmp_path / "built")
    site.content = running.content
    assert site.build(today=TODAY).ok, site.messages()
    page = site.page(facts["previewUrl"])
    assert "88/QĐ-STTTT" in page.get_text()
    links = {a["href"] for a in page.select("a[href]")}
    assert any(h.endswith("qd-88-stttt.pdf") for h in links)  # the attachment
    assert any("15-ct-ttg" in h for h in links)  # căn cứ: 15/CT-TTg, chosen among the documents
    news_page = site.output / "tin-tuc" / "chuyen-doi-so" / facts["news"] / "index.html"
    cited = {a["href"] for a in site.page(str(news_page.relative_to(site.output))).select("article a[href]")}
    assert any(facts["previewUrl"].strip("/") in h for h in cited), cited  # the news item links the decision
    assert site.exists(f"hoi-dap/{facts['question']}/")


def test_the_editor_for_a_git_server_is_static_files_with_no_local_preview(tmp_path):
    from portal_editor import write_editor

    gitlab = {"backend": "gitlab", "repo": "stttt/cong", "base_url": "https://git.stttt.gov.vn", "app_id": "abc"}
    made = _config(ROOT / "content", PORTAL_EDITOR=gitlab)
    assert write_editor(tmp_path / "quan-tri", made, "Cổng") > 3
    written = tmp_path / "quan-tri"
    assert "name: gitlab" in (written / "config.yml").read_text(encoding="utf-8")
    assert "registerPreviewTemplate" in (written / "portal-editor.js").read_text(encoding="utf-8")
    assert "forEach" in (written / "portal-editor.js").read_text(encoding="utf-8")
    assert "[].forEach" in (written / "portal-editor.js").read_text(encoding="utf-8")  # no pane of the local preview
    assert (written / "decap" / "decap-cms.js").is_file() and not list(written.glob("decap/*.map"))


def test_a_box_a_form_left_empty_is_as_if_the_key_were_not_written(site):
    site.write(
        "van-ban/quyet-dinh/qd-7.md",
        """
        ---
        title: Quy chế làm việc
        number: 7/QĐ-STTTT
        doc_type: Quyết định
        issuer: [Sở Thông tin và Truyền thông tỉnh Quảng Ngãi]
        issued: 2024-05-02
        signer: ''
        summary:
        tags: []
        no_longer_applicable: {date: '', reason: ''}
        attachments: []
        ---
        Điều 1.
        """,
    )
    assert site.build().ok, site.messages()
    assert not [m for m in site.messages() if "qd-7" in m]


def test_what_the_form_cannot_check_is_on_the_previews_error_page_naming_the_field(running):
    import time

    running.editor.watcher.build_once()
    running.editor.watcher.start()
    assert running.editor.watcher.ready.wait(10)
    raw = "---\ntitle: Hội nghị chuyển đổi số\ndate: 2026-02-30 09:00\n---\nNội dung.\n"
    entry = {"path": "tin-tuc/dia-phuong/hoi-nghi.md", "raw": raw, "slug": "hoi-nghi"}
    assert running.api("persistEntry", {"dataFiles": [entry], "assets": []})[0] == 200
    shown = ""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and "Lỗi khi xây dựng cổng" not in shown:
        time.sleep(0.5)
        try:
            urllib.request.urlopen(f"{running.base}/quan-tri/trang?tep=tin-tuc/dia-phuong/hoi-nghi.md", timeout=10)
        except urllib.error.HTTPError as error:  # the error page answers 500, after the redirect to the site
            shown = html.unescape(error.read().decode())
    assert "Lỗi khi xây dựng cổng" in shown
    assert "tin-tuc/dia-phuong/hoi-nghi.md" in shown and 'trường "date"' in shown
