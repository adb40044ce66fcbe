"""Tasks for staff and operators: `invoke --list` shows them."""

import os
import sys
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"


def _report_and_exit(result) -> None:
    from portal_content import report

    if result.problems:
        print(report(result.problems), file=sys.stderr if not result.ok else sys.stdout)
    if not result.ok:
        print(f"Không xuất bản: thư mục {result.output} giữ nguyên như trước. Sửa các lỗi trên rồi chạy lại.",
              file=sys.stderr)
        raise Exit(code=1)
    print(f"Đã xây dựng {result.pages} trang vào {result.output}")
    if result.index is not None:
        i = result.index
        print(f"Chỉ mục tìm kiếm: thêm {i.added}, cập nhật {i.updated}, xóa {i.deleted}, giữ nguyên {i.unchanged} "
              f"({i.seconds:.1f} s).")


def _build(settings: Path, content, output) -> None:
    from portal_build import build as build_site

    result = build_site(settings, Path(content) if content else None, Path(output) if output else None)
    _report_and_exit(result)


@task(help={"content": "content folder (default content/)", "output": "output folder (default output/)"})
def build(c, content=None, output=None):
    """Build the site from the content; nothing is published if the content has an error."""
    _build(SETTINGS, content, output)


@task(help={"content": "content folder (default content/)", "output": "output folder (default output/)"})
def publish(c, content=None, output=None):
    """Build for production with publishconf.py (absolute URLs on PORTAL_SITEURL)."""
    _build(PUBLISH_SETTINGS, content, output)


@task(help={"output": "built site to serve (default output/)", "port": "port (default 8000)",
            "host": "address to listen on (default 127.0.0.1)"})
def serve(c, output="output", port=8000, host="127.0.0.1"):
    """Serve the built site and its search on http://localhost:8000/ (Ctrl+C to stop)."""
    from wsgiref.simple_server import WSGIRequestHandler

    from portal_serve import create_app as static_app
    from search.service import create_app, make_threaded_server

    folder = Path(output).resolve()
    if not (folder / "index.html").is_file():
        raise Exit(f"Chưa có trang nào trong {folder}: chạy `invoke build` trước.", code=1)

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format, *args):
            sys.stderr.write(f"{self.address_string()} {format % args}\n")

    from pelican.settings import read_settings

    site_name = read_settings(str(SETTINGS))["SITENAME"]
    app = create_app(folder / "_search", folder, fallback=static_app(folder), site_name=site_name)
    with make_threaded_server(host, int(port), app, handler_class=QuietHandler) as server:
        print(f"Cổng thông tin đang chạy tại http://localhost:{port}/ (Ctrl+C để dừng)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


@task(help={"content": "content folder (default content/)"})
def check(c, content=None):
    """Check every content file without building; lists every problem."""
    from portal_content.checking import check_content
    from portal_content import report

    problems = check_content(SETTINGS, Path(content) if content else None)
    print(report(problems))
    if any(p.is_error for p in problems):
        raise Exit(code=1)


@task
def tools(c):
    """Install what the quality gates need: the npm packages in package-lock.json and Debian's chromium."""
    import shutil

    installed = ROOT / "node_modules" / ".package-lock.json"
    lock = ROOT / "package-lock.json"
    if not installed.is_file() or installed.stat().st_mtime < lock.stat().st_mtime:
        c.run("npm ci --no-audit --no-fund --loglevel=error", pty=False)
    if shutil.which("chromium") is None:
        sudo = "" if os.geteuid() == 0 else "sudo "
        c.run(f"{sudo}apt-get update -qq && {sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "
              "--no-install-recommends chromium", pty=False)
    if shutil.which("java") is None:
        raise Exit("Thiếu Java (cần cho Nu HTML Checker): cài gói openjdk-17-jre-headless.", code=1)


@task(pre=[tools])
def test(c):
    """Run the whole test suite, quality gates included (installs their tools first)."""
    c.run(f"{sys.executable} -m pytest", pty=False, env={"PYTHONDONTWRITEBYTECODE": "1", **os.environ})


@task(help={"sizes": "comma-separated corpus sizes in documents (default 1000,10000)"})
def bench_search(c, sizes="1000,10000"):
    """Benchmark search: index time, query latency and throughput (a benchmark, not a test)."""
    c.run(f"{sys.executable} {ROOT / 'bench' / 'search_bench.py'} {sizes}", pty=False)
