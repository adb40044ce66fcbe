"""Preview: `invoke serve --watch` rebuilds on save, and a broken build shows its problems, not a stale page."""

import json
import time

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
