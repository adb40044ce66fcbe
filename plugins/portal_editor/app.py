"""`invoke editor`: the staff editor and the live preview on one local address.

- `/quan-tri/`: Decap CMS, from the project's own npm package (never a CDN), in Vietnamese, with the
  configuration made from the schema at start (`/quan-tri/config.yml`) and a preview pane per kind that shows
  the item's page as the portal builds it;
- `/quan-tri/api`: the local backend (portal_editor.backend), writing into the content folder;
- `/quan-tri/trang?tep=<file>`: the page a content file is on in the preview, or why it has none;
- everything else: the portal built from the working tree into the preview folder, rebuilt on every save
  (`invoke serve --watch`'s watcher): its error page lists, in Vietnamese, every problem of the last build.
"""

import html
import json
import mimetypes
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import parse_qs, quote

import yaml
from portal_serve.watch import RELOAD_SCRIPT

PREFIX = "/quan-tri/"
DECAP = Path(__file__).resolve().parents[2] / "node_modules" / "decap-cms" / "dist"
ADMIN_HEADERS = [
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Content-Security-Policy", "frame-ancestors 'none'"),
    ("Referrer-Policy", "no-referrer"),
]

INDEX = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Soạn thảo nội dung: {site}</title>
<link href="{prefix}config.yml" type="text/yaml" rel="cms-config-url">
</head><body>
<noscript>Trình soạn thảo cần JavaScript. Không bật được thì viết tệp Markdown như README hướng dẫn.</noscript>
<script src="{prefix}decap/decap-cms.js"></script>
<script src="{prefix}portal-editor.js"></script>
</body></html>
"""

# what Decap's Vietnamese (decap-cms-locales 3.x) leaves in English, that staff meet in these forms
PHRASES = {
    "collection": {
        "collectionTop": {"viewAsList": "Xem dạng danh sách", "viewAsGrid": "Xem dạng lưới", "groupBy": "Nhóm theo"},
        "groups": {"other": "Khác", "negateLabel": "Không %{label}"},
    },
    "editor": {
        "editorControl": {"field": {"widgetLabel": "trường %{widgetLabel}"}},
        "editorInterface": {"togglePreview": "Bật, tắt xem trước", "toggleScrollSync": "Cuộn cùng nhau"},
        "editorWidgets": {
            "markdown": {
                "bold": "Đậm",
                "italic": "Nghiêng",
                "strikethrough": "Gạch ngang",
                "code": "Mã",
                "link": "Liên kết",
                "linkPrompt": "Nhập địa chỉ của liên kết",
                "headings": "Tiêu đề mục",
                "quote": "Trích dẫn",
                "bulletedList": "Danh sách gạch đầu dòng",
                "numberedList": "Danh sách đánh số",
                "addComponent": "Thêm thành phần",
                "toggleMode": {"rich": "Chuyển sang văn bản định dạng", "markdown": "Chuyển sang Markdown"},
            },
            "image": {
                "chooseMultiple": "Chọn ảnh",
                "chooseUrl": "Chèn từ địa chỉ web",
                "replaceUrl": "Thay bằng địa chỉ web",
                "promptUrl": "Nhập địa chỉ của ảnh",
                "addMore": "Thêm ảnh",
                "removeAll": "Bỏ tất cả ảnh",
            },
            "file": {
                "chooseMultiple": "Chọn tệp",
                "chooseUrl": "Chèn từ địa chỉ web",
                "replaceUrl": "Thay bằng địa chỉ web",
                "promptUrl": "Nhập địa chỉ của tệp",
                "addMore": "Thêm tệp",
                "removeAll": "Bỏ tất cả tệp",
            },
            "datetime": {"setToNow": "Đặt %{fieldLabel} là lúc này"},
            "list": {"add": "Thêm %{item}", "addType": "Thêm %{item}"},
            "object": {"expand": "Mở ra", "collapse": "Thu gọn"},
        },
    },
    "mediaLibrary": {"mediaLibraryCard": {"copy": "Chép", "copyUrl": "Chép địa chỉ", "copyPath": "Chép đường dẫn"}},
}

# each collection's preview pane: the item's page on the preview portal, reloaded by the page itself after
# each build (the preview's reload script)
PREVIEW_JS = """(function () {
  function missing(into, from) {  // Decap's own Vietnamese wins; only what it lacks is added
    Object.keys(from).forEach(function (key) {
      if (typeof from[key] === "object") { into[key] = missing(into[key] || {}, from[key]); }
      else if (!(key in into)) { into[key] = from[key]; }
    });
    return into;
  }
  CMS.registerLocale("vi", missing(CMS.getLocale("vi") || {}, __PHRASES__));
  var h = window.h, createClass = window.createClass;
  var Page = createClass({
    render: function () {
      var entry = this.props.entry;
      var path = entry.get("path");
      if (!path || entry.get("newRecord")) {
        return h("p", {style: {font: "16px/1.5 sans-serif", padding: "1rem"}},
          "Lưu bài (nút Lưu / Publish) để xem trang của nó trên cổng bản xem trước.");
      }
      return h("iframe", {
        src: "__PREFIX__trang?tep=" + encodeURIComponent(path),
        title: "Trang trên cổng (bản xem trước)",
        style: {width: "100%", height: "96vh", border: "0"}
      });
    }
  });
  __NAMES__.forEach(function (name) { CMS.registerPreviewTemplate(name, Page); });
})();
"""


def _answer(start_response, status: str, body: bytes, content_type: str, headers=()) -> list[bytes]:
    start_response(
        status, [("Content-Type", content_type), ("Content-Length", str(len(body))), *ADMIN_HEADERS, *headers]
    )
    return [body]


def _waiting_page(path: str, why: str) -> bytes:
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chưa có trang</title></head>
<body style="font: 16px/1.5 sans-serif; margin: 1rem"><main><h1>Chưa có trang cho {html.escape(path)}</h1>
<p>{html.escape(why)}</p></main>{RELOAD_SCRIPT}</body></html>""".encode()


class PreviewAddresses:
    """Source path -> address, from the last preview build that succeeded; whether the last one failed."""

    def __init__(self):
        self.lock = threading.Lock()
        self.addresses: dict[str, str] = {}
        self.built = self.failed = False

    def remember(self, result) -> None:
        with self.lock:
            self.failed = not result.ok
            if result.ok:
                self.addresses, self.built = dict(result.addresses), True


def editor_files(made: dict, site_name: str, previews: bool) -> dict[str, bytes]:
    """The editor's own files: its page, its configuration and its script (`previews`: each kind's pane shows
    the item's page from the local preview; on a forge's editor, Decap's own view of the fields)."""
    names = [c["name"] for c in made["collections"]] if previews else []
    return {
        "index.html": INDEX.format(site=html.escape(site_name), prefix=PREFIX).encode("utf-8"),
        "config.yml": yaml.safe_dump(made, allow_unicode=True, sort_keys=False).encode("utf-8"),
        "portal-editor.js": PREVIEW_JS.replace("__PREFIX__", PREFIX)
        .replace("__NAMES__", json.dumps(names))
        .replace("__PHRASES__", json.dumps(PHRASES, ensure_ascii=False))
        .encode("utf-8"),
    }


def write_editor(folder: Path, made: dict, site_name: str) -> int:
    """The editor for a forge, as static files for the web server (`invoke editor --write DIR`): its page,
    configuration and script, and Decap's files under decap/. The number of files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for name, data in editor_files(made, site_name, previews=False).items():
        (folder / name).write_bytes(data)
        written += 1
    (folder / "decap").mkdir(exist_ok=True)
    for file in DECAP.iterdir():
        if file.is_file() and not file.name.endswith(".map"):
            (folder / "decap" / file.name).write_bytes(file.read_bytes())
            written += 1
    return written


def editor_app(
    site, backend, config: Callable[[], dict], addresses: PreviewAddresses, site_name: str, hosts: Callable[[], set]
):
    """`site`: the preview portal (WSGI); `backend`: the local backend's WSGI app; `config()`: the
    configuration, made once at start."""
    files = editor_files(config(), site_name, previews=True)
    index, config_text, script = files["index.html"], files["config.yml"], files["portal-editor.js"]
    decap_files = {p.name: p for p in DECAP.iterdir() if p.is_file()} if DECAP.is_dir() else {}

    def app(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == PREFIX.rstrip("/"):
            return _answer(start_response, "301 Moved Permanently", b"", "text/plain", [("Location", PREFIX)])
        if not path.startswith(PREFIX):
            return site(environ, start_response)
        if environ.get("HTTP_HOST", "") not in hosts():
            return _answer(start_response, "403 Forbidden", "Sai địa chỉ.".encode(), "text/plain; charset=utf-8")
        rest = path[len(PREFIX) :]
        if rest == "api":
            return backend(environ, start_response)
        if rest in ("", "index.html"):
            return _answer(start_response, "200 OK", index, "text/html; charset=utf-8")
        if rest == "config.yml":
            return _answer(start_response, "200 OK", config_text, "text/yaml; charset=utf-8")
        if rest == "portal-editor.js":
            return _answer(start_response, "200 OK", script, "text/javascript; charset=utf-8")
        if rest.startswith("decap/") and rest[len("decap/") :] in decap_files:
            file = decap_files[rest[len("decap/") :]]
            kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            return _answer(start_response, "200 OK", file.read_bytes(), kind)
        if rest == "trang":
            wanted = (parse_qs(environ.get("QUERY_STRING", "")).get("tep") or [""])[0]
            with addresses.lock:
                address, built, failed = addresses.addresses.get(wanted), addresses.built, addresses.failed
            if failed:  # the preview's error page: every problem of the last build, in Vietnamese
                return _answer(start_response, "302 Found", b"", "text/plain", [("Location", "/")])
            if address is not None:
                location = "/" + quote(address)
                return _answer(start_response, "302 Found", b"", "text/plain", [("Location", location)])
            why = (
                "Cổng đang được xây dựng lần đầu; trang này tự tải lại khi xong."
                if not built
                else "Bài chưa có trên cổng bản xem trước: bài đang là bản nháp (status: draft), hẹn giờ đăng, "
                "vừa lưu và cổng đang xây dựng lại, hoặc lần xây dựng mới nhất có lỗi (xem trang chủ bản xem trước)."
            )
            return _answer(start_response, "200 OK", _waiting_page(wanted, why), "text/html; charset=utf-8")
        return _answer(start_response, "404 Not Found", "Không có trang này.".encode(), "text/plain; charset=utf-8")

    return app


def own_hosts(port: int, names: Iterable[str] = ("127.0.0.1", "localhost")) -> set[str]:
    return {f"{name}:{port}" for name in names}
