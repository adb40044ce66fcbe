"""The search service: a small WSGI application over the read-only index.

    GET /api/search?q=…&type=&issuer=&topic=&year=&validity=&sort=&page=   JSON
    GET /api/search.atom?…  and  /api/search.rss?…                        the same results as a feed
    GET /tim-kiem/?q=…                                                     the site's search page, with results

`create_app(index_dir, pages, fallback)` returns the WSGI callable; nothing is opened
at import time. Any input gets an answer: nothing a user types can raise or run long
(see query.py), and everything reflected is escaped.
"""

import json
import sys
import traceback
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs, quote

from .engine import VIETNAM, IndexUnavailable, Request, Result, SearchIndex
from .page import SearchView, feed_query

UNAVAILABLE = "Chức năng tìm kiếm tạm thời không hoạt động; xin thử lại sau ít phút."


def _json(start_response, status, data, head=False, extra=()):
    body = json.dumps(data, ensure_ascii=False).encode()
    caching = "public, max-age=60" if status.startswith("200") else "no-store"
    start_response(
        status,
        [
            ("Content-Type", "application/json; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", caching),
            ("X-Content-Type-Options", "nosniff"),
            ("Access-Control-Allow-Origin", "*"),
            *extra,
        ],
    )
    return [] if head else [body]


def as_json(result) -> dict:
    request = result.request
    filters = dict(request.filters)
    if request.since:
        filters["from"] = request.since.isoformat()
    if request.until:
        filters["to"] = request.until.isoformat()
    return {
        "query": request.text,
        "total": result.total,
        "matched": result.matched,
        "missing_number": result.missing_number,
        "other_words": result.other_words,
        "page": request.page,
        "pages": result.pages,
        "sort": request.sort,
        "filters": filters,
        "results": result.hits,
        "facets": result.facets,
    }


def feed(result, base_url: str, kind: str, site_name: str) -> bytes:
    from feedgen.feed import FeedGenerator

    request = result.request
    generator = FeedGenerator()
    # every value encoded: "a&type=Luật" typed in the box stays the text searched, never a filter
    query = feed_query(request)
    self_url = f"{base_url}/api/search.{kind}?{query}"
    page_url = f"{base_url}/tim-kiem/?{query}"
    generator.id(self_url)
    generator.title(f"Tìm kiếm «{request.text}» — {site_name}" if request.text else f"Tìm kiếm — {site_name}")
    generator.author({"name": site_name})
    if kind == "atom":
        generator.link(href=page_url, rel="alternate")
        generator.link(href=self_url, rel="self")
    else:  # RSS: the channel's link is the page; the feed names itself with atom:link rel=self
        generator.link(href=self_url, rel="self")
        generator.link(href=page_url, rel="alternate")
    generator.description(f"Kết quả tìm kiếm trên {site_name}")
    generator.language("vi")
    newest = None
    for hit in reversed(result.hits):
        when = datetime.fromisoformat(hit["date"])
        newest = max(newest, when) if newest else when
        entry = generator.add_entry()
        url = base_url + quote(hit["url"], safe="/:%#?=&")
        entry.id(url)
        entry.guid(url, permalink=True)
        entry.link(href=url)
        entry.author({"name": "; ".join(hit["issuer"]) or site_name})
        title = f"{hit['doc_type']} {hit['number']}: {hit['title']}" if hit["number"] else hit["title"]
        entry.title(title)
        entry.summary(hit["snippet"], type="html")
        entry.published(when)
        entry.updated(when)
    generator.updated(newest or datetime(2000, 1, 1, tzinfo=VIETNAM))
    return generator.atom_str(pretty=True) if kind == "atom" else generator.rss_str(pretty=True)


def make_threaded_server(host: str, port: int, app, handler_class=None):
    """wsgiref's server, one thread per connection: for `invoke serve` and the benchmark.

    In production run `create_app` under gunicorn (see the README).
    """
    from socketserver import ThreadingMixIn
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
        daemon_threads = True
        request_queue_size = 128  # connections waiting to be accepted: a burst of clients is queued, not reset

    return make_server(
        host, port, app, server_class=ThreadingWSGIServer, handler_class=handler_class or WSGIRequestHandler
    )


def _request_origin(environ) -> str:
    """Where a request came to, for a local preview only: the Host header is the sender's to write."""
    scheme = environ.get("wsgi.url_scheme", "http")
    host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME', 'localhost')}:{environ.get('SERVER_PORT')}"
    return f"{scheme}://{host}"


def create_app(
    index_dir: Path,
    pages=None,
    fallback=None,
    site_name: str = "Cổng thông tin",
    site_url: str = "",
    database: str = "",
):
    """`database`: a PostgreSQL URL to search the index the build wrote there (search.postgres) instead of
    the Whoosh index in `index_dir`. `pages` renders the theme's search page (portal_serve.pages.ThemePages); without it
    /tim-kiem/ is left to `fallback` (the built page, without results). `site_url`: the portal's public
    address (SITEURL), which the search feeds' links start with; without it (a local preview) they start
    with the address the request came to."""
    if database:
        from .postgres import PostgresIndex

        searcher = PostgresIndex(database)
    else:
        searcher = SearchIndex(index_dir)

    def respond_page(environ, start_response, request, head):
        status = "200 OK"
        try:
            view = SearchView(request, Result(request, 0, [], {}))  # the form alone, nothing asked
            if view.asked:
                view = SearchView(request, searcher.search(request))
        except IndexUnavailable:  # logged by the index, with why
            status = "503 Service Unavailable"
            view = SearchView(request, None)
        body = pages.render("search.html", search=view, page_name="tim-kiem").encode()
        start_response(
            status,
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("X-Content-Type-Options", "nosniff"),
            ],
        )
        return [] if head else [body]

    def app(environ, start_response):
        path = environ.get("PATH_INFO", "/")
        method = environ.get("REQUEST_METHOD", "GET")
        head = method == "HEAD"
        handled = path in ("/api/search", "/api/search.atom", "/api/search.rss", "/tim-kiem/")
        if not handled:
            if fallback is not None:
                return fallback(environ, start_response)
            return _json(start_response, "404 Not Found", {"error": "Không có địa chỉ này."}, head)
        if method not in ("GET", "HEAD"):
            return _json(start_response, "405 Method Not Allowed", {"error": "Chỉ nhận GET."}, head)
        try:
            request = Request.from_params(parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True))
            if path == "/tim-kiem/":
                if pages is not None:
                    return respond_page(environ, start_response, request, head)
                return (
                    fallback(environ, start_response)
                    if fallback
                    else _json(start_response, "404 Not Found", {"error": "Không có trang tìm kiếm."}, head)
                )
            result = searcher.search(request)
            if path == "/api/search":
                return _json(start_response, "200 OK", as_json(result), head)
            kind = path.rsplit(".", 1)[1]
            body = feed(result, site_url.rstrip("/") or _request_origin(environ), kind, site_name)
            content_type = "application/atom+xml" if kind == "atom" else "application/rss+xml"
            start_response(
                "200 OK", [("Content-Type", f"{content_type}; charset=utf-8"), ("Content-Length", str(len(body)))]
            )
            return [] if head else [body]
        except IndexUnavailable:  # logged by the index, with why
            return _json(
                start_response, "503 Service Unavailable", {"error": UNAVAILABLE}, head, extra=[("Retry-After", "60")]
            )
        except Exception:  # noqa: BLE001 - an answer, always; the details go to the log, not to the reader
            traceback.print_exc(file=sys.stderr)
            return _json(start_response, "500 Internal Server Error", {"error": "Lỗi máy chủ tìm kiếm."}, head)

    return app
