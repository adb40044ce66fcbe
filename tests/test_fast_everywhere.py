"""Fast everywhere (issue 17): precompressed copies beside every text file, served when the browser
accepts them; theme files under hashed names cached for a year, pages for minutes; the security
headers on every answer. The real portal application (`invoke serve`) over real HTTP."""

import gzip
import urllib.request

import brotli
from bs4 import BeautifulSoup


def get(url: str, encoding: str | None = None):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers, response.read()


def test_every_text_file_has_its_compressed_copies(sample):
    checked = 0
    for path in sample.output.rglob("*"):
        if path.suffix not in (".html", ".css", ".xml", ".json", ".csv"):
            continue
        if path.stat().st_size < 256:
            continue
        data = path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == data, path
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data, path
        checked += 1
    assert checked > 50


def test_the_browser_gets_brotli_or_gzip_as_it_asks(portal, sample):
    plain = (sample.output / "tin-tuc" / "index.html").read_bytes()
    status, headers, body = get(portal + "/tin-tuc/", "gzip, deflate, br")
    assert (status, headers["Content-Encoding"], headers["Vary"]) == (200, "br", "Accept-Encoding")
    assert brotli.decompress(body) == plain and len(body) < len(plain) / 3
    _, headers, body = get(portal + "/tin-tuc/", "gzip")
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == plain
    _, headers, body = get(portal + "/tin-tuc/", "br;q=0, gzip;q=0")
    assert headers["Content-Encoding"] is None and body == plain


def test_theme_files_have_hashed_names_cached_for_a_year_and_pages_for_minutes(portal):
    _, headers, body = get(portal + "/")
    assert headers["Cache-Control"] == "public, max-age=300"
    page = BeautifulSoup(body, "html.parser")
    stylesheet = page.find("link", rel="stylesheet")["href"]
    assert stylesheet.startswith("/theme/css/main.") and stylesheet.count(".") == 2
    status, headers, css = get(portal + stylesheet)
    assert status == 200 and headers["Cache-Control"] == "public, max-age=31536000, immutable"
    fonts = [link["href"] for link in page.find_all("link", rel="preload")]
    assert fonts and all(f.endswith(".woff2") and f.count(".") == 2 for f in fonts)
    for font in fonts:  # the stylesheet names the same hashed fonts it preloads
        assert font.rsplit("/", 1)[1].encode() in css
        assert get(portal + font)[0] == 200


def test_the_emblem_is_a_hashed_theme_file(portal):
    _, _, body = get(portal + "/")
    emblem = BeautifulSoup(body, "html.parser").find("img", class_="site-brand__emblem")["src"]
    assert emblem.startswith("/theme/img/quoc-huy.") and emblem.endswith(".svg") and emblem.count(".") == 2
    status, headers, _ = get(portal + emblem)
    assert status == 200 and headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_pages_made_per_request_are_compressed_when_the_browser_accepts_it(portal):
    for path in ("/tim-kiem/?q=chi+thi+15", "/api/search?q=chi+thi"):
        _, headers, plain = get(portal + path)
        assert headers["Content-Encoding"] is None and len(plain) > 1024, path
        _, headers, body = get(portal + path, "gzip, deflate, br")
        assert headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in headers["Vary"], path
        assert int(headers["Content-Length"]) == len(body) < len(plain) / 2, path
        assert gzip.decompress(body) == plain, path
        _, headers, body = get(portal + path, "gzip;q=0")
        assert headers["Content-Encoding"] is None and body == plain, path


def test_every_answer_carries_the_security_headers(portal):
    for path in ("/", "/tin-tuc/", "/tim-kiem/?q=chi+thi", "/api/search?q=chi+thi", "/khong-co/"):
        try:
            _, headers, _ = get(portal + path)
        except urllib.error.HTTPError as error:
            headers = error.headers
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin", path
        assert "camera=()" in headers["Permissions-Policy"], path
        if headers["Content-Type"].startswith("text/html"):
            policy = headers["Content-Security-Policy"]
            assert "script-src 'self'" in policy and "unsafe-inline" not in policy, path
            assert "frame-ancestors 'self'" in policy, path


def test_pages_need_no_inline_script_or_style(sample):
    """What the Content-Security-Policy forbids is never written."""
    for path in sample.output.rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert not page.find_all("style"), path
        assert not [e for e in page.find_all(True) if e.has_attr("style")], path
        assert all(s.get("type") == "application/ld+json" or s.get("src") for s in page.find_all("script")), path
