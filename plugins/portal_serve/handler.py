"""The request handler of `invoke serve`: one console line per request, never a crash on a bad one."""

import sys
from wsgiref.simple_server import WSGIRequestHandler


class ConsoleHandler(WSGIRequestHandler):
    """wsgiref's handler, logging to the console, quiet about the preview's own polling.

    A malformed request line (garbage, `HTTP/9.9`, a 70 KB URL) is answered 400 or 414 by
    the base class before `path` is set; it is logged like any other request.
    """

    def log_message(self, format, *args):
        if "/__preview" not in (getattr(self, "path", None) or ""):
            sys.stderr.write(f"{self.address_string()} {format % args}\n")
