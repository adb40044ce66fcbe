"""The request handler of `invoke serve`: one console line per request, never a crash on a bad one."""

import sys
from wsgiref.simple_server import WSGIRequestHandler

ERROR_PAGE = """<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Yêu cầu không hợp lệ (%(code)d)</title></head>
<body><h1>Yêu cầu không hợp lệ (%(code)d)</h1>
<p>Máy chủ không đọc được yêu cầu này. Kiểm tra lại địa chỉ, hoặc về <a href="/">trang chủ</a>.</p></body>
</html>
"""


class ConsoleHandler(WSGIRequestHandler):
    """wsgiref's handler, logging to the console, quiet about the preview's own polling.

    A malformed request line (garbage, `HTTP/9.9`, a 70 KB URL) is answered 400, 414 or 505 by
    the base class before `path` is set, with a status line and a page in Vietnamese (the base class
    answers a request it could not read as HTTP/0.9: a bare body, no status line); it is logged like
    any other request.
    """

    error_message_format = ERROR_PAGE
    error_content_type = "text/html; charset=utf-8"

    def send_error(self, code, message=None, explain=None):
        if self.request_version not in ("HTTP/1.0", "HTTP/1.1"):
            self.request_version = "HTTP/1.0"  # so a status line and headers are written
        self.close_connection = True
        super().send_error(code)  # the standard reason, never an echo of what was sent

    def log_message(self, format, *args):
        if "/__preview" not in (getattr(self, "path", None) or ""):
            sys.stderr.write(f"{self.address_string()} {format % args}\n")
