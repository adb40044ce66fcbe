"""The editor's local backend: Decap CMS's proxy protocol, writing into the content folder and nowhere else.

Decap's own local server (`decap-server`) listens on every interface by default, answers any web page's
requests (CORS open to every origin) and writes anywhere under the repository, `.git/hooks` included: a page
a member of staff happens to open could write a file that git then runs. This one answers only its own
address: a request must come to the host and port the editor serves (no DNS rebinding), from a page of that
address (`Origin`), as JSON (a form of another site cannot send it without asking first). It writes only
the content's Markdown and YAML files under the kinds' folders and, under `files/`, the file types the build
publishes, checked with the build's own check (an SVG with script is refused); each file is written whole
(a temporary file, then a rename), never through a symbolic link and never outside `content/`.

The actions are Decap's (`decap-cms-backend-proxy`): info, entriesByFolder, entriesByFiles, getEntry,
persistEntry, getMedia, getMediaFile, persistMedia, deleteFile, deleteFiles, getDeployPreview. The
editorial workflow's actions are refused: on this machine a save is a file; review is git's (`invoke duyet`).
"""

import base64
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from portal_collections.definition import FOLDER as COLLECTIONS_FOLDER
from portal_content.files import type_problem
from portal_content.schema import FOLDERS

ENTRY_SUFFIXES = {".md", ".yml"}
MEDIA_FOLDER = "files"
TOP_FOLDERS = {*FOLDERS, COLLECTIONS_FOLDER}
MAX_BODY = 64 * 1024 * 1024  # base64 of an attachment of about 48 MB
JSON = [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "no-store")]


class Refused(Exception):
    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def _relative(value, *, media: bool = False, folder: bool = False) -> str:
    """A path from the content folder that this backend may touch, or Refused."""
    if not isinstance(value, str) or not value or "\\" in value or "\x00" in value:
        raise Refused("422 Unprocessable Entity", "Đường dẫn không hợp lệ.")
    parts = [p for p in value.strip("/").split("/") if p not in ("", ".")]
    if not parts or any(p == ".." or p.startswith(".") for p in parts):
        raise Refused("403 Forbidden", f'Không được ghi vào "{value}": chỉ trong các thư mục nội dung.')
    top = parts[0]
    if media and top != MEDIA_FOLDER:
        raise Refused("403 Forbidden", f'Tệp đính kèm, ảnh chỉ được lưu trong {MEDIA_FOLDER}/, không phải "{value}".')
    if not media and top not in TOP_FOLDERS:
        raise Refused(
            "403 Forbidden", f'"{value}" không thuộc thư mục nội dung nào ({", ".join(sorted(TOP_FOLDERS))}).'
        )
    if not folder and not media and Path(parts[-1]).suffix.lower() not in ENTRY_SUFFIXES:
        raise Refused("403 Forbidden", f'"{value}": trình soạn thảo chỉ ghi tệp .md và .yml.')
    return "/".join(parts)


class LocalBackend:
    """The protocol over one content folder; `file_types`: what may be published from it (the settings);
    `on_change(saved)` after every change, with the entries' files saved in place (the preview shows their
    pages at once)."""

    def __init__(
        self, content_root: Path, file_types: Iterable[str], on_change: Callable[[list[Path]], None] | None = None
    ):
        self.root = Path(os.path.realpath(content_root))
        self.file_types = tuple(file_types)
        self.on_change = on_change or (lambda saved: None)

    # ----------------------------------------------------------------- files

    def _real(self, relative: str, must_exist: bool = True) -> Path:
        """The file itself, after checking that no part of the way is a symbolic link out of the folder."""
        path = self.root / relative
        walked = self.root
        for part in Path(relative).parts:
            walked = walked / part
            if walked.is_symlink():
                raise Refused("403 Forbidden", f'"{relative}" đi qua một liên kết tượng trưng (symlink): không ghi.')
        if must_exist and not path.is_file():
            raise Refused("404 Not Found", f'Không có tệp "{relative}".')
        return path

    def _write(self, relative: str, data: bytes) -> None:
        path = self._real(relative, must_exist=False)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._real(relative, must_exist=False)  # the folders just made are real folders
        handle, temporary = tempfile.mkstemp(prefix=".editor-", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _entry(self, relative: str, label: str | None = None) -> dict:
        try:
            data = self._real(relative).read_bytes()
        except Refused:
            return {"data": None, "file": {"path": relative, "label": label, "id": None}}
        return {
            "data": data.decode("utf-8", errors="replace"),
            "file": {"path": relative, "label": label, "id": hashlib.sha256(data).hexdigest()},
        }

    def _listed(self, folder: str, suffix: str, depth: int) -> list[str]:
        base = self._real(folder, must_exist=False)
        if not base.is_dir():
            return []
        found = []
        for current, folders, files in os.walk(base):
            level = len(Path(current).relative_to(base).parts)
            folders[:] = sorted(f for f in folders if not f.startswith(".") and level + 1 < depth)
            for name in sorted(files):
                if name.startswith(".") or (suffix and not name.endswith(suffix)):
                    continue
                path = Path(current) / name
                if not path.is_symlink():
                    found.append(path.relative_to(self.root).as_posix())
        return found

    def _media(self, relative: str) -> dict:
        data = self._real(relative).read_bytes()
        return {
            "id": hashlib.sha256(data).hexdigest(),
            "content": base64.b64encode(data).decode("ascii"),
            "encoding": "base64",
            "path": relative,
            "name": Path(relative).name,
        }

    def _save_asset(self, asset: dict) -> str:
        relative = _relative(asset.get("path"), media=True)
        if asset.get("encoding") != "base64":
            raise Refused("422 Unprocessable Entity", "Tệp gửi lên không đúng dạng.")
        data = base64.b64decode(asset.get("content") or "", validate=True)
        suffix = Path(relative).suffix.lower().lstrip(".")
        if suffix not in self.file_types:
            problem = type_problem(Path(relative), relative, self.file_types)
            raise Refused("422 Unprocessable Entity", f"{problem.message} {problem.hint}")
        with tempfile.TemporaryDirectory() as folder:  # the build's own check of what the file holds (SVG)
            trial = Path(folder) / Path(relative).name
            trial.write_bytes(data)
            problem = type_problem(trial, relative, self.file_types)
        if problem is not None:
            raise Refused("422 Unprocessable Entity", f"{problem.message} {problem.hint}")
        self._write(relative, data)
        return relative

    # ----------------------------------------------------------------- actions

    def answer(self, action: str, params: dict):
        if action == "info":
            return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}
        if action == "entriesByFolder":
            folder = _relative(params.get("folder"), folder=True)
            depth = max(1, min(int(params.get("depth") or 1), 5))
            extension = str(params.get("extension") or "")
            return [self._entry(p) for p in self._listed(folder, f".{extension}" if extension else "", depth)]
        if action == "entriesByFiles":
            return [self._entry(_relative(f.get("path")), f.get("label")) for f in params.get("files") or []]
        if action == "getEntry":
            return self._entry(_relative(params.get("path")))
        if action == "persistEntry":
            files = params.get("dataFiles") or [params.get("entry")]
            checked = [(_relative(f.get("path")), f) for f in files if f]
            for relative, file in checked:
                if not isinstance(file.get("raw"), str):
                    raise Refused("422 Unprocessable Entity", "Bài gửi lên không có nội dung.")
                if file.get("newPath"):
                    _relative(file["newPath"])
            for asset in params.get("assets") or []:
                self._save_asset(asset)
            for relative, file in checked:
                self._write(relative, file["raw"].encode("utf-8"))
                if file.get("newPath"):
                    target = _relative(file["newPath"])
                    self._real(target, must_exist=False).parent.mkdir(parents=True, exist_ok=True)
                    os.replace(self._real(relative), self._real(target, must_exist=False))
            self.on_change([self._real(relative) for relative, file in checked if not file.get("newPath")])
            return {"message": "entry persisted"}
        if action == "getMedia":
            folder = str(params.get("mediaFolder") or "")
            if folder.strip("/").split("/")[0] != MEDIA_FOLDER:
                return []  # Decap asks for an entry's own folder too: media live only under files/
            folder = _relative(folder, media=True, folder=True)
            return [self._media(p) for p in self._listed(folder, "", 1)]
        if action == "getMediaFile":
            return self._media(_relative(params.get("path"), media=True))
        if action == "persistMedia":
            relative = self._save_asset(params.get("asset") or {})
            self.on_change([])
            return self._media(relative)
        if action in ("deleteFile", "deleteFiles"):
            paths = params.get("paths") if action == "deleteFiles" else [params.get("path")]
            for value in paths or []:
                relative = _relative(value, media=str(value).startswith(MEDIA_FOLDER + "/"))
                self._real(relative).unlink()
            self.on_change([])
            return {"message": "deleted"}
        if action == "getDeployPreview":
            return None
        raise Refused(
            "422 Unprocessable Entity",
            "Trên máy này, lưu là ghi tệp; việc duyệt là của git (invoke cho-duyet, invoke duyet).",
        )


def backend_app(backend: LocalBackend, allowed_hosts: Callable[[], set[str]]):
    """The WSGI application of the backend's one address (POST only)."""

    def app(environ, start_response):
        def reply(status: str, body) -> list[bytes]:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            start_response(status, [*JSON, ("Content-Length", str(len(data)))])
            return [data]

        host = environ.get("HTTP_HOST", "")
        if host not in allowed_hosts():
            return reply("403 Forbidden", {"error": "Trình soạn thảo chỉ nhận yêu cầu gửi tới chính địa chỉ của nó."})
        if environ.get("HTTP_ORIGIN") != f"http://{host}":
            return reply("403 Forbidden", {"error": "Yêu cầu không đến từ trang của trình soạn thảo."})
        if environ.get("REQUEST_METHOD") != "POST":
            return reply("405 Method Not Allowed", {"error": "Chỉ nhận POST."})
        if not environ.get("CONTENT_TYPE", "").startswith("application/json"):
            return reply("415 Unsupported Media Type", {"error": "Chỉ nhận JSON."})
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if not 0 < length <= MAX_BODY:
            return reply("413 Content Too Large", {"error": "Tệp quá lớn (tối đa khoảng 48 MB)."})
        try:
            request = json.loads(environ["wsgi.input"].read(length))
            if not isinstance(request, dict):
                raise TypeError
            answer = backend.answer(str(request.get("action")), request.get("params") or {})
        except Refused as refused:
            print(f"Trình soạn thảo từ chối: {refused.message}", file=sys.stderr)  # the console staff started it from
            return reply(refused.status, {"error": refused.message})
        except (ValueError, TypeError, AttributeError, KeyError):
            return reply("422 Unprocessable Entity", {"error": "Yêu cầu không đúng dạng."})
        return reply("200 OK", answer)

    return app
