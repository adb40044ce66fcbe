"""Preview: `invoke serve --watch` rebuilds on save, and a broken build shows its problems, not a stale page."""

import json
import os
import time
from pathlib import Path

import pytest
from conftest import SETTINGS
from samples import news
from test_search import Server


def wait_for(condition, seconds=20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def preview(site):
    """The preview as `invoke serve --watch` runs it: behind the portal's own headers (its CSP included)."""
    from portal_build import build
    from portal_serve.headers import with_security_headers
    from portal_serve.watch import PreviewState, Watcher, preview_app

    site.write("tin-tuc/dia-phuong/a.md", news("Tin thứ nhất"))
    state = PreviewState()
    watcher = Watcher(
        [site.content],
        lambda: build(SETTINGS, site.content, site.output, {"PORTAL_TODAY": "2024-06-01"}),
        state,
        log=lambda _: None,
    )
    watcher.build_once()
    watcher.start()
    assert watcher.ready.wait(10)
    server = Server(site.output)
    server.httpd.set_app(preview_app(with_security_headers(server.httpd.get_app()), state))
    yield site, server, state
    watcher.stop()
    server.close()


def token(server):
    return json.loads(server.get("/__preview")[2])["token"]


def test_saving_a_file_rebuilds_and_the_page_reloads(preview):
    site, server, _state = preview
    status, _content_type, body = server.get("/tin-tuc/")
    assert status == 200 and b"Tin th\xe1\xbb\xa9 nh\xe1\xba\xa5t" in body
    assert b'<script src="/__preview.js"></script>' in body  # the reload script, in the preview only
    assert b'fetch("/__preview"' in server.get("/__preview.js")[2]
    assert b"__preview" not in (site.output / "tin-tuc" / "index.html").read_bytes()
    before = token(server)
    site.write("tin-tuc/dia-phuong/b.md", news("Tin thứ hai", date="2024-05-20"))
    assert wait_for(lambda: token(server) != before)
    assert "Tin thứ hai" in server.get("/tin-tuc/")[2].decode()


def test_a_broken_build_shows_its_problems_and_the_fix_brings_the_page_back(preview):
    site, server, _state = preview
    before = token(server)
    site.write("tin-tuc/dia-phuong/a.md", news("Tin thứ nhất", date="2024-13-01"))
    assert wait_for(lambda: token(server) != before)
    status, content_type, body = server.get("/tin-tuc/")
    text = body.decode()
    assert status == 500 and content_type.startswith("text/html")
    assert "Lỗi khi xây dựng cổng" in text
    assert "tin-tuc/dia-phuong/a.md, dòng 3, trường &quot;date&quot;" in text
    assert server.get("/theme/css/main.css")[0] == 200  # assets are still served
    broken = token(server)
    site.write("tin-tuc/dia-phuong/a.md", news("Tin đã sửa"))
    assert wait_for(lambda: token(server) != broken)
    status, _, body = server.get("/tin-tuc/")
    assert status == 200 and "Tin đã sửa" in body.decode()


def test_the_error_page_is_styled_fits_a_phone_and_a_desktop_and_is_never_cached(preview):
    """Issue 30, item 13: behind the portal's own headers, as `invoke serve --watch` runs it, the error page's
    look is a file the page's policy allows (an inline <style> was refused), long paths and messages wrap,
    and the answer says no-store only."""
    import urllib.error
    import urllib.request

    from quality import ROOT as PROJECT
    from quality import browser_facts

    site, server, _state = preview
    before = token(server)
    deep = "tin-tuc/dia-phuong/" + "thu-muc-rat-dai-" * 12 + "/bai-co-ten-rat-dai-" * 3 + ".md"
    site.write(deep, news("Tin lỗi", date="2024-13-01") + "\n[x](" + "khong-co-" * 40 + ".pdf)\n")
    assert wait_for(lambda: token(server) != before)
    try:
        urllib.request.urlopen(server.base + "/tin-tuc/", timeout=10)
        raise AssertionError("the broken build's page answered 200")
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    assert status == 500 and b"<style" not in body and b'href="/__preview.css"' in body
    assert headers.get_all("Cache-Control") == ["no-store"]
    facts = browser_facts(PROJECT / "tests" / "gates" / "page_widths.mjs", server.base + "/tin-tuc/", "390", "1280")
    for width, seen in facts.items():
        assert seen["refused"] == [], seen["refused"]
        assert seen["h1Color"] == "rgb(165, 14, 14)"  # the stylesheet applied
        assert seen["scrollWidth"] <= int(width) and seen["widest"] <= int(width), (width, seen)


def test_the_page_being_edited_shows_at_once_while_the_portal_is_built_again(site):
    """On a save the preview shows the file's page made from the last build's model (portal_serve.quick),
    with citations linked as the build links them and a note that the rest follows; the build that follows
    replaces it. The build is held until the quick page has been looked at, so this shows what a reader
    sees in the tens of seconds a build of a large archive takes."""
    import threading

    from portal_build import build
    from portal_serve.headers import with_security_headers
    from portal_serve.quick import QUICK_STYLE_URL
    from portal_serve.watch import PreviewState, Watcher, preview_app
    from samples import document

    site.write("van-ban/chi-thi-15.md", document())
    site.write("tin-tuc/dia-phuong/a.md", news("Tin thứ nhất"))
    gate, builds = threading.Event(), []

    def rebuild():
        if builds:
            assert gate.wait(60)
        builds.append(1)
        return build(SETTINGS, site.content, site.output, {"PORTAL_TODAY": "2024-06-01", "PORTAL_PREVIEW": True})

    state = PreviewState()
    watcher = Watcher([site.content], rebuild, state, log=lambda _: None, content=site.content)
    watcher.build_once()
    assert watcher.last is not None
    url = watcher.last.site.entries["tin-tuc/dia-phuong/a.md"].url
    watcher.start()
    assert watcher.ready.wait(10)
    server = Server(site.output)
    server.httpd.set_app(preview_app(with_security_headers(server.httpd.get_app()), state))
    try:
        before = token(server)
        edited = news("Tin đã sửa nhanh").replace(
            "Nội dung của Tin đã sửa nhanh.", "Thực hiện Chỉ thị số 15/CT-TTg, sở đã số hóa toàn bộ hồ sơ."
        )
        saved = time.monotonic()
        site.write("tin-tuc/dia-phuong/a.md", edited)
        assert wait_for(lambda: token(server) != before, seconds=10)
        shown = time.monotonic() - saved
        status, content_type, body = server.get(f"/{url}")
        page = body.decode()
        assert status == 200 and content_type.startswith("text/html")
        assert len(builds) == 1  # the build of the change has not run: this is the quick page
        assert "Tin đã sửa nhanh" in page and "số hóa toàn bộ hồ sơ" in page
        assert 'class="preview-quick" role="status"' in page and f'href="{QUICK_STYLE_URL}"' in page
        cited = watcher.last.site.entries["van-ban/chi-thi-15.md"].url
        assert f'href="/{cited}"' in page or f'/{cited}"' in page  # the citation linked, as the build does
        assert '<script src="/__preview.js"></script>' in page
        moved = "tin-tuc/dia-phuong/tin-da-sua-nhanh/"  # a news item's address follows its title
        assert server.get(f"/{moved}")[2].decode() == page  # shown at the address the build will give it too
        assert server.get(QUICK_STYLE_URL)[0] == 200
        assert shown < 2.0 + 0.3 + 1.0  # within 2 s of the save, past the watcher's 300 ms and a poll
        assert "Tin đã sửa nhanh" not in (site.output / url / "index.html").read_text(encoding="utf-8")

        quick_token = token(server)
        gate.set()
        assert wait_for(lambda: token(server) != quick_token, seconds=60)
        page = server.get(f"/{moved}")[2].decode()
        assert "Tin đã sửa nhanh" in page and "preview-quick" not in page  # the build's page, in its place
    finally:
        gate.set()
        watcher.stop()
        server.close()


def test_a_new_broken_or_withdrawn_file_gets_no_quick_page_the_build_shows_it(site):
    from portal_build import build
    from portal_serve.quick import quick_page

    site.write("tin-tuc/dia-phuong/a.md", news("Tin thứ nhất"))
    result = build(SETTINGS, site.content, site.output, {"PORTAL_TODAY": "2024-06-01", "PORTAL_PREVIEW": True})
    assert result.ok and result.last is not None
    new = site.write("tin-tuc/dia-phuong/b.md", news("Tin mới"))
    assert quick_page(result.last, site.content, new) is None  # no page yet: the build makes it
    broken = site.write("tin-tuc/dia-phuong/a.md", news("Tin thứ nhất", date="2024-13-01"))
    assert quick_page(result.last, site.content, broken) is None  # the build lists its problem
    moved = site.write("tin-tuc/dia-phuong/a.md", news("Tin đổi tên"))
    made = quick_page(result.last, site.content, moved)  # a new title, so a new address: shown at both
    assert made.urls == ("tin-tuc/dia-phuong/tin-doi-ten/", "tin-tuc/dia-phuong/tin-thu-nhat/")
    draft = site.write("tin-tuc/dia-phuong/a.md", news("Tin thứ nhất", extra="status: draft"))
    assert quick_page(result.last, site.content, draft) is None  # no longer published: the build takes it down
    later = site.write("tin-tuc/dia-phuong/a.md", news("Tin thứ nhất", date="2024-07-01 08:00"))
    assert quick_page(result.last, site.content, later) is None  # dated after today: scheduled, not shown yet
    fine = site.write("tin-tuc/dia-phuong/a.md", news("Tin thứ nhất").replace("Lâm Cao", "Người khác"))
    made = quick_page(result.last, site.content, fine)
    assert made is not None and "Người khác" in made.body.decode()
    relative = Path(os.path.relpath(site.content))  # as `--content …` may name it; the watcher's paths are whole
    assert quick_page(result.last, relative, fine.resolve()).body == made.body
    public = build(SETTINGS, site.content, site.output, {"PORTAL_TODAY": "2024-06-01"})
    assert public.ok and public.last is None  # a public build keeps no model
