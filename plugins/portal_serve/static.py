"""A WSGI application that serves a built site folder, as a static host would.

- `/van-ban/x/` serves `van-ban/x/index.html`; `/van-ban/x` redirects to the slash form;
- anything missing gets the site's own 404.html with status 404;
- nothing outside the folder is ever served (no `..`, no symlinks out), nor the search index;
- SVG is served with a Content-Security-Policy that forbids script;
- GET and HEAD only;
- every file has an ETag (a hash of its bytes) and a Last-Modified (its mtime, which the
  build keeps for files whose bytes did not change), and conditional requests get 304;
- a text file is sent as the build's precompressed copy (`.br`, else `.gz`) when the client
  accepts it, with `Content-Encoding` and `Vary: Accept-Encoding`.
"""

import hashlib
import mimetypes
import re
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
    ".json": "application/json",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
}


FEEDS = {"rss.xml": "application/rss+xml; charset=utf-8", "atom.xml": "application/atom+xml; charset=utf-8"}


def content_type(path: Path) -> str:
    return (
        FEEDS.get(path.name)
        or TYPES.get(path.suffix.lower())
        or mimetypes.guess_type(path.name)[0]
        or "application/octet-stream"
    )


# an image a browser could run script in gets no script, no origin and no loads, should one pass the build's checks
SCRIPTABLE = {".svg", ".xml"}
SCRIPTABLE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


def not_modified(environ, etag: str, mtime: int) -> bool:
    """If-None-Match wins over If-Modified-Since (RFC 9110, 13.2.2)."""
    match = environ.get("HTTP_IF_NONE_MATCH")
    if match is not None:
        tags = [t.strip().removeprefix("W/") for t in match.split(",")]
        return "*" in tags or etag in tags
    since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if since:
        try:
            return mtime <= parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
    return False


COMPRESSIBLE = {".html", ".css", ".js", ".xml", ".json", ".txt", ".csv", ".svg", ".ico"}
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))  # the build writes both beside every text file


HASHED = re.compile(r"\.[0-9a-f]{10}\.\w+$")  # portal_assets' names: the bytes never change under them


def cache_control(path: Path) -> str:
    """A year for a hashed theme file; five minutes for a page (a rebuild may change it); an hour else."""
    if HASHED.search(path.name):
        return "public, max-age=31536000, immutable"
    if path.suffix.lower() == ".html":
        return "public, max-age=300"
    return "public, max-age=3600"


def accepted_encodings(header: str) -> set[str]:
    """The codings an Accept-Encoding header allows (q=0 refuses one)."""
    allowed = set()
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        quality = params.strip().removeprefix("q=") if params.strip().startswith("q=") else "1"
        try:
            if float(quality) > 0:
                allowed.add(name.strip().lower())
        except ValueError:
            continue
    return allowed


def negotiated(environ, target: Path) -> tuple[str | None, Path]:
    """The precompressed copy the client accepts (br before gzip), or the file itself."""
    if target.suffix.lower() not in COMPRESSIBLE:
        return None, target
    allowed = accepted_encodings(environ.get("HTTP_ACCEPT_ENCODING", ""))
    for name, suffix in ENCODINGS:
        copy = target.with_name(target.name + suffix)
        if (name in allowed or "*" in allowed) and copy.is_file():
            return name, copy
    return None, target


def create_app(root: Path):
    from .moved import OldAddresses

    root = Path(root).resolve()
    old = OldAddresses(root)

    def resolve(url_path: str) -> Path | None:
        relative = unquote(url_path).lstrip("/")
        if "\x00" in relative or "\\" in relative or ".." in relative.split("/"):
            return None  # /tim-kiem/../../output.private/… never reaches a file, whatever it would name
        candidate = (root / relative).resolve()
        if candidate != root and not candidate.is_relative_to(root):
            return None
        return candidate

    def respond(start_response, status, path: Path | None, body: bytes, head: bool, extra=()):
        headers = [
            ("Content-Type", content_type(path) if path else "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("X-Content-Type-Options", "nosniff"),
            *extra,
        ]
        if path is not None and path.suffix.lower() in SCRIPTABLE:
            headers.append(("Content-Security-Policy", SCRIPTABLE_POLICY))
        start_response(status, headers)
        return [] if head else [body]

    def app(environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET")
        head = method == "HEAD"
        if method not in ("GET", "HEAD"):
            return respond(start_response, "405 Method Not Allowed", None, b"405", head, [("Allow", "GET, HEAD")])
        url_path = environ.get("PATH_INFO", "/") or "/"
        earlier = old.answer(unquote(url_path))
        if earlier and earlier[0] == "moved":  # one hop to where the item is now, however many renames
            query = environ.get("QUERY_STRING")
            location = earlier[1] + (f"?{query}" if query else "")
            return respond(start_response, "301 Moved Permanently", None, b"", head, [("Location", location)])
        target = resolve(url_path)
        if earlier:  # withdrawn: the build's page saying since when, and nothing of it
            page = target / "index.html" if target is not None and target.is_dir() else target
            body = page.read_bytes() if page is not None and page.is_file() else "Trang đã được gỡ".encode()
            return respond(start_response, "410 Gone", page, body, head)
        if target is not None and target.is_dir():
            if not url_path.endswith("/"):
                query = environ.get("QUERY_STRING")
                location = url_path + "/" + (f"?{query}" if query else "")
                return respond(start_response, "301 Moved Permanently", None, b"", head, [("Location", location)])
            target = target / "index.html"
        if target is not None and target.is_file():
            encoding, served = negotiated(environ, target)
            body = served.read_bytes()
            stat = served.stat()
            etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
            validators = [
                ("ETag", etag),
                ("Last-Modified", formatdate(stat.st_mtime, usegmt=True)),
                ("Cache-Control", cache_control(target)),
            ]
            if not_modified(environ, etag, int(stat.st_mtime)):
                start_response("304 Not Modified", validators)
                return []
            if encoding:
                validators.append(("Content-Encoding", encoding))
            if target.suffix.lower() in COMPRESSIBLE:
                validators.append(("Vary", "Accept-Encoding"))
            return respond(start_response, "200 OK", target, body, head, validators)
        not_found = root / "404.html"
        body = not_found.read_bytes() if not_found.is_file() else "Không tìm thấy trang".encode()
        return respond(start_response, "404 Not Found", not_found, body, head)

    return app
