"""Preview for staff: `invoke serve --watch` rebuilds on save and the open page reloads.

A thread waits for the operating system to report a change to the content, the theme or the
settings (watchfiles: inotify, no polling); on a change it runs the normal build (atomic: a failed build leaves the site as it was). While the last build
failed, every page is an error page that lists the problems, so no one mistakes a stale page
for their change. Pages get a small script that asks `/__preview` for the build's state and
reloads when it changes; it is added only here, never to the built files.

Before that build, the page of each file saved is rendered at once from the last build's model
(quick.py) and shown until the build finishes: at 10,000 documents the build takes tens of seconds,
the page being edited well under one.
"""

import html
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .quick import QUICK_CSS, QUICK_STYLE_URL, quick_page

STATE_URL = "/__preview"

SCRIPT_URL = "/__preview.js"
# a file of the portal, not inline script: the pages' Content-Security-Policy allows only those
RELOAD_JS = """(function () {
  var seen = null;
  function ask() {
    fetch("__STATE_URL__", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (seen !== null && s.token !== seen) { location.reload(); }
      seen = s.token;
    }).catch(function () {}).finally(function () { setTimeout(ask, 700); });
  }
  ask();
})();
""".replace("__STATE_URL__", STATE_URL)
RELOAD_SCRIPT = f'<script src="{SCRIPT_URL}"></script>'

STYLE_URL = "/__preview.css"
# the error page's look, a file too (an inline <style> is refused by the same policy); long paths and
# messages wrap inside the page at any width
ERROR_CSS = """body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem;
  color: #1a1a1a; }
h1 { color: #a50e0e; font-size: 1.6rem; }
ul { padding: 0; list-style: none; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word; max-width: 100%;
  background: #fff4f4; border-left: 4px solid #a50e0e; padding: 0.5rem 0.75rem; font-size: 0.95rem; }
details pre { background: #f6f6f6; border-left-color: #6b6b6b; }
"""


def _worth_a_build(change, path: str) -> bool:
    """Editors' temporary and backup files (.#x.md, x.md~, .x.swp) are not content."""
    name = Path(path).name
    return not name.startswith((".", "#")) and not name.endswith(("~", ".swp", ".tmp"))


@dataclass
class PreviewState:
    generation: int = 0
    problems: list = field(default_factory=list)  # of the last build, if it failed
    failed: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)
    quick: dict = field(default_factory=dict)  # request path -> the page being edited (quick.py), until the build

    @property
    def token(self) -> str:
        return f"{self.generation}-{'loi' if self.failed else 'ok'}"


class Watcher(threading.Thread):
    """`rebuild()` builds the portal (a preview build: portal_build.build with PORTAL_PREVIEW). Given the
    `content` folder, the page of a file saved there is shown at once, made from the last build that
    succeeded (quick.py), until the build that follows replaces it."""

    QUICK_AT_MOST = 5  # files saved together that get a quick page (more: a bulk change, the build shows it)

    def __init__(self, watched: list[Path], rebuild, state: PreviewState, log=print, content: Path | None = None):
        super().__init__(daemon=True)
        self.watched, self.rebuild, self.state, self.log, self.content = watched, rebuild, state, log, content
        self.last = None  # portal_build.LastBuild of the last build that succeeded
        self.stopped = threading.Event()
        self.ready = threading.Event()  # set once the operating system watches the files
        self.requested = threading.Event()  # a build asked for by who changed a file (the editor's backend)
        self._requested_paths: list[Path] = []
        self._paths_lock = threading.Lock()

    def run(self):
        """Wait for the operating system to report a change (inotify; no polling), let the editor
        finish saving (the changes of the next 300 ms count as the same save), then build."""
        from watchfiles import watch

        paths = [str(p) for p in self.watched if Path(p).exists()]
        for changes in watch(
            *paths,
            watch_filter=_worth_a_build,
            debounce=300,
            step=50,
            stop_event=self.stopped,
            rust_timeout=1000,
            yield_on_timeout=True,  # an empty set once a second: the watch is in place (`ready`)
        ):
            self.ready.set()
            if changes or self.requested.is_set():
                self.requested.clear()
                with self._paths_lock:
                    requested, self._requested_paths = self._requested_paths, []
                saved = dict.fromkeys([*(Path(path) for _, path in changes), *requested])
                self.build_once(list(saved))

    def build_once(self, saved: list[Path] = ()):
        if self.content is not None and self.last is not None and 0 < len(saved) <= self.QUICK_AT_MOST:
            self.show_quick(saved)
        result = self.rebuild()
        if result.ok:
            self.last = result.last
        with self.state.lock:
            self.state.generation += 1
            self.state.failed = not result.ok
            self.state.problems = list(result.problems) if not result.ok else []
            self.state.quick = {}
        self.log(
            "Đã xây dựng lại."
            if result.ok
            else "Có lỗi: cổng giữ nguyên bản trước; trang xem trước hiện danh sách lỗi."
        )

    def show_quick(self, saved: list[Path]) -> None:
        """The pages of the files just saved, made from the last build's model, shown until the build."""
        pages = {}
        for path in saved:
            try:
                page = quick_page(self.last, self.content, path)
            except Exception as error:  # noqa: BLE001 - the build that follows shows the page, or why not
                self.log(f"Chưa xem nhanh được {path}: trang sẽ hiện khi dựng xong ({type(error).__name__}: {error}).")
                continue
            for url in page.urls if page is not None else ():
                pages[f"/{url}"] = pages[f"/{url}index.html"] = page.body
        if pages:
            with self.state.lock:
                if not self.state.failed:  # while the build is broken, its problems are what every page shows
                    self.state.quick = pages
                    self.state.generation += 1

    def request(self, saved=()) -> None:
        """Build within a second, whatever the operating system reports: a file written into a folder made
        a moment before can be missed by inotify (the folder is watched only once it is seen). `saved`: the
        files written, whose pages are shown at once."""
        with self._paths_lock:
            self._requested_paths.extend(Path(path) for path in saved)
        self.requested.set()

    def stop(self):
        self.stopped.set()


def error_page(problems) -> bytes:
    from portal_content import report

    errors = [p for p in problems if p.is_error]
    items = "".join(f"<li><pre>{html.escape(str(p))}</pre></li>" for p in errors)
    body = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lỗi khi xây dựng cổng</title>
<link rel="stylesheet" href="{STYLE_URL}"></head>
<body><main><h1>Lỗi khi xây dựng cổng</h1>
<p>Bản xây dựng mới nhất có {len(errors)} lỗi, nên cổng vẫn giữ bản trước và chưa có thay đổi của bạn.
Sửa các lỗi dưới đây rồi lưu tệp: trang này tự tải lại.</p>
<ul>{items}</ul>
<details><summary>Toàn bộ thông báo</summary><pre>{html.escape(report(problems))}</pre></details>
</main>{RELOAD_SCRIPT}</body></html>"""
    return body.encode("utf-8")


def _fresh(start_response, body: bytes, content_type: str) -> list[bytes]:
    """An answer of the preview itself, never cached."""
    start_response(
        "200 OK", [("Content-Type", content_type), ("Cache-Control", "no-store"), ("Content-Length", str(len(body)))]
    )
    return [body]


def preview_app(app, state: PreviewState):
    """Wraps the site: the state URL, the error page while the build is broken, the reload script."""

    def wrapped(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == SCRIPT_URL:
            return _fresh(start_response, RELOAD_JS.encode(), "text/javascript; charset=utf-8")
        if path == STYLE_URL:
            return _fresh(start_response, ERROR_CSS.encode(), "text/css; charset=utf-8")
        if path == QUICK_STYLE_URL:
            return _fresh(start_response, QUICK_CSS.encode(), "text/css; charset=utf-8")
        if path == STATE_URL:
            with state.lock:
                body = json.dumps({"token": state.token, "failed": state.failed}).encode()
            return _fresh(start_response, body, "application/json")
        with state.lock:
            failed, problems, quick = state.failed, list(state.problems), state.quick.get(path)
        if quick is not None and not failed:  # the page being edited, until the build replaces it
            body = quick.replace(b"</body>", RELOAD_SCRIPT.encode() + b"</body>", 1)
            return _fresh(
                start_response, b"" if environ.get("REQUEST_METHOD") == "HEAD" else body, "text/html; charset=utf-8"
            )
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        # the reload script goes into the page itself: ask for it uncompressed
        chunks = app({**environ, "HTTP_ACCEPT_ENCODING": "identity"}, capture)
        try:
            body = b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        headers = captured["headers"]
        content_type = next((v for k, v in headers if k.lower() == "content-type"), "")
        if not content_type.startswith("text/html"):
            start_response(captured["status"], headers)
            return [body]
        if failed:
            body = error_page(problems)
            status = "500 Internal Server Error"
        else:
            body = body.replace(b"</body>", RELOAD_SCRIPT.encode() + b"</body>", 1)
            status = captured["status"]
        dropped = ("content-length", "etag", "last-modified", "cache-control")  # one policy: no-store
        headers = [(k, v) for k, v in headers if k.lower() not in dropped]
        headers += [("Content-Length", str(len(body))), ("Cache-Control", "no-store")]
        start_response(status, headers)
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]

    return wrapped
