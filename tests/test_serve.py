"""`invoke serve`'s application over real HTTP on loopback."""

import threading
import urllib.error
import urllib.request
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from portal_serve import create_app


class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(sample):
    httpd = make_server("127.0.0.1", 0, create_app(sample.output), handler_class=Quiet)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


def get(url):
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_home_and_pages(server):
    status, headers, body = get(server + "/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Tin tức mới".encode() in body
    assert get(server + "/van-ban/chi-thi-15-ct-ttg-ngay-22-05-2012/")[0] == 200
    assert get(server + "/theme/fonts/noto-sans-vietnamese-400-normal.woff2")[1]["Content-Type"] == "font/woff2"


def test_folder_without_slash_redirects(server):
    status, headers, _ = get(server + "/van-ban")
    assert status == 301 and headers["Location"] == "/van-ban/"


def test_missing_page_gets_the_portal_404(server):
    status, _, body = get(server + "/khong-co-trang-nay/")
    assert status == 404 and "Không tìm thấy trang".encode() in body


@pytest.mark.parametrize(
    "path", ["/../pelicanconf.py", "/%2e%2e/pelicanconf.py", "/theme/../../etc/passwd", "/%00", "/..%2f..%2fetc/passwd"]
)
def test_nothing_outside_the_site_is_served(server, path):
    assert get(server + path)[0] == 404


def test_query_string_is_ignored_for_static_pages(server):
    assert get(server + "/tim-kiem/?q=chi+thi+15")[0] == 200
