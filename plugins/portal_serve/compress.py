"""Pages made per request (search results, the write path's answers, the search API) sent gzip-compressed
to browsers that ask for it, as the built files already are (their `.gz` and `.br` copies).

Only answers that are not compressed already, of a text type, and between 1 KB and 1 MB: a small answer
gains nothing, a large one is a file the static server streams.
"""

import gzip
from collections.abc import Iterable

__all__ = ["with_compression"]

COMPRESSIBLE = ("text/html", "text/plain", "text/css", "application/json", "application/xml", "image/svg+xml")
SMALLEST, LARGEST = 1024, 1 << 20


def _accepts_gzip(environ: dict) -> bool:
    for part in environ.get("HTTP_ACCEPT_ENCODING", "").split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in ("gzip", "*"):
            quality = params.strip().removeprefix("q=").strip() if params.strip().startswith("q=") else "1"
            try:
                return float(quality) > 0
            except ValueError:
                return False
    return False


def _header(headers: list, name: str) -> str | None:
    return next((value for key, value in headers if key.lower() == name), None)


def with_compression(app):
    """Wraps a WSGI app: its compressible answers gzip-compressed when the client accepts gzip."""

    def wrapped(environ, start_response):
        if not _accepts_gzip(environ) or environ.get("REQUEST_METHOD") == "HEAD":
            return app(environ, start_response)
        started: list = []

        def start(status, headers, exc_info=None):
            if exc_info is not None and started:
                raise exc_info[1].with_traceback(exc_info[2])
            started[:] = [status, list(headers), exc_info]
            return lambda data: (_ for _ in ()).throw(RuntimeError("write() is not supported"))

        body: Iterable[bytes] = app(environ, start)
        chunks = iter(body)
        first = []
        if not started:  # the app starts the answer when its body is first asked for
            first = [next(chunks, b"")]
        status, headers, exc_info = started
        length = _header(headers, "content-length")
        content_type = (_header(headers, "content-type") or "").split(";")[0].strip().lower()
        compress = (
            _header(headers, "content-encoding") is None
            and content_type in COMPRESSIBLE
            and (length is None or SMALLEST <= int(length) <= LARGEST)
            and status[:3] not in ("204", "304")
        )
        if not compress:
            start_response(status, headers, exc_info)
            return _chain(first, chunks, body) if first else body  # a file stays a file (sendfile)
        try:
            data = b"".join([*first, *chunks])
        finally:
            if hasattr(body, "close"):
                body.close()
        vary = _header(headers, "vary")
        headers = [(k, v) for k, v in headers if k.lower() not in ("content-length", "vary")]
        headers.append(("Vary", f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"))
        if len(data) >= SMALLEST:
            data = gzip.compress(data, compresslevel=6, mtime=0)
            headers.append(("Content-Encoding", "gzip"))
        headers.append(("Content-Length", str(len(data))))
        start_response(status, headers, exc_info)
        return [data]

    return wrapped


def _chain(first: list, rest, body):
    try:
        yield from first
        yield from rest
    finally:
        if hasattr(body, "close"):
            body.close()
