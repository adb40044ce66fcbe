"""The real search service (and the static site) on a loopback port, for tests."""

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from wsgiref.simple_server import WSGIRequestHandler, make_server

from portal_content.private import search_index_of
from portal_serve import create_app as static_app
from portal_serve.pages import theme_pages

from search.service import create_app


class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class Server:
    """`database`: search the index the build wrote into PostgreSQL (search.postgres), not the one beside the
    output (portal_content.private)."""

    def __init__(self, output, database: str = ""):
        app = create_app(
            search_index_of(output), theme_pages(), fallback=static_app(output), site_name="Cổng thử", database=database
        )
        self.httpd = make_server("127.0.0.1", 0, app, handler_class=Quiet)
        self.base = f"http://127.0.0.1:{self.httpd.server_port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def get(self, path, **params):
        url = self.base + path + ("?" + urllib.parse.urlencode(params) if params else "")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status, response.headers.get("Content-Type"), response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Content-Type"), error.read()

    def api(self, **params) -> dict:
        status, content_type, body = self.get("/api/search", **params)
        assert status == 200 and content_type == "application/json; charset=utf-8"
        return json.loads(body)

    def close(self):
        self.httpd.shutdown()


def answers(output, queries: list[dict]) -> list[dict]:
    """The search API's answers for `queries`, from a service started over `output` for the purpose."""
    server = Server(output)
    try:
        return [server.api(**query) for query in queries]
    finally:
        server.close()
