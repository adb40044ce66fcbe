"""Fixtures: small sites built with the real Pelican in temporary folders.

`site` writes content files from dedented strings and builds them with the
project's own pelicanconf.py; `sample` is the committed sample portal, built
once per test session.
"""

import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ROOT / "pelicanconf.py"
SAMPLE_TODAY = "2026-11-21"


class Site:
    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        self.output = root / "output"
        self.content.mkdir(parents=True, exist_ok=True)
        self.result = None

    def write(self, path: str, text: str) -> Path:
        target = self.content / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return target

    def write_bytes(self, path: str, data: bytes) -> Path:
        target = self.content / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return target

    def build(self, today: str = "2024-06-01", **overrides):
        from portal_build import build

        self.result = build(SETTINGS, self.content, self.output, {"PORTAL_TODAY": today, **overrides})
        return self.result

    def messages(self) -> list[str]:
        return [str(p) for p in self.result.problems]

    def page(self, url: str) -> BeautifulSoup:
        path = self.output / url.strip("/") / "index.html" if not url.endswith(".html") else self.output / url
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def exists(self, url: str) -> bool:
        return (self.output / url.strip("/") / "index.html").is_file()

    def all_text(self) -> str:
        """Every byte of text the build wrote, to prove something is nowhere in it."""
        return "\n".join(
            p.read_text(encoding="utf-8", errors="replace") for p in sorted(self.output.rglob("*")) if p.is_file()
        )


def run_invoke(*args: str, env: dict | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    """A staff command as staff run it (`invoke …` from the project), its exit status and output."""
    return subprocess.run(
        [str(Path(sys.executable).parent / "invoke"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, **(env or {})},
    )


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file's hash of its bytes, and every folder (an empty one left behind is a difference too)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "<folder>"
        for p in sorted(folder.rglob("*"))
        if p.is_file() or p.is_dir()
    }


def release_digest(output: Path) -> dict[str, str]:
    """`tree_digest` of a built site and of its private folder beside it (portal_content.private), the
    search index left out (Whoosh names its segments at random: compare what it answers instead)."""
    from portal_content.private import SEARCH_INDEX, private_of

    private = {
        "<private>/" + path: digest
        for path, digest in tree_digest(private_of(output)).items()
        if path != SEARCH_INDEX and not path.startswith(SEARCH_INDEX + "/")
    }
    return {**tree_digest(output), **private}


@pytest.fixture
def site(tmp_path) -> Site:
    return Site(tmp_path)


@pytest.fixture(scope="session")
def keys(tmp_path_factory) -> Path:
    """A folder for the SSH keys of the tests' reviewers and writers (tests/office.py), made once."""
    return tmp_path_factory.mktemp("keys")


@pytest.fixture
def office(site, keys):
    """A repository with review on (tests/office.py): one approved news item, signed by the reviewer."""
    from office import Office
    from samples import news

    office = Office(site, keys)
    office.reviewers(office.line("duyet@stttt.gov.vn", office.reviewer))
    site.write("tin-tuc/dia-phuong/cau.md", news("Khánh thành cầu Trà Khúc"))
    office.commit("Tin khánh thành cầu")
    office.commit("Duyệt", key=office.reviewer)
    return office


@pytest.fixture(scope="session")
def sample(tmp_path_factory) -> Site:
    built = Site(tmp_path_factory.mktemp("sample"))
    from portal_build import build

    built.content = ROOT / "content"
    built.result = build(SETTINGS, built.content, built.output, {"PORTAL_TODAY": SAMPLE_TODAY})
    assert built.result.ok, [str(p) for p in built.result.problems]
    return built


@pytest.fixture(scope="session")
def sample_in_postgres(tmp_path_factory, postgres) -> tuple[Site, str]:
    """The sample portal built with its search index in PostgreSQL (PORTAL_SEARCH["database"]): the site,
    and the database's URL."""
    from portal_build import build

    url = postgres.new_database("sample_search")
    built = Site(tmp_path_factory.mktemp("sample-pg"))
    built.content = ROOT / "content"
    built.result = build(
        SETTINGS, built.content, built.output, {"PORTAL_TODAY": SAMPLE_TODAY, "PORTAL_SEARCH": {"database": url}}
    )
    assert built.result.ok, [str(p) for p in built.result.problems]
    return built, url


@pytest.fixture(scope="session", params=["whoosh", "postgresql"])
def searched(request) -> tuple[Site, str]:
    """The sample portal and where its index is: Whoosh ("" ) or PostgreSQL (its URL); each test that asks
    for it runs against both backends."""
    if request.param == "whoosh":
        return request.getfixturevalue("sample"), ""
    return request.getfixturevalue("sample_in_postgres")


@pytest.fixture(params=["whoosh", "postgresql"])
def index_at(request) -> str:
    """Where a test's own site keeps its search index: "" (Whoosh, in output/_search) or a new PostgreSQL
    database's URL; build with PORTAL_SEARCH={"database": index_at} and serve with Server(output, index_at)."""
    if request.param == "whoosh":
        return ""
    return request.getfixturevalue("postgres").new_database(f"s{abs(hash(request.node.nodeid)) % 10**8}")


@pytest.fixture(scope="session")
def portal(sample):
    """The sample portal served as `invoke serve` serves it (the whole application, one thread per
    connection, over real HTTP): its address."""
    import threading
    from wsgiref.simple_server import WSGIRequestHandler

    from pelican.settings import read_settings
    from portal_serve.app import portal_app

    from search.service import make_threaded_server

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    settings = read_settings(str(SETTINGS))
    settings["PORTAL_FEEDBACK"] = {**settings["PORTAL_FEEDBACK"], "database": str(sample.root / "phan-hoi.sqlite3")}
    settings["PORTAL_TODAY"] = SAMPLE_TODAY  # the day the sample was built for: its drafts' forms agree with it
    httpd = make_threaded_server("127.0.0.1", 0, portal_app(sample.output, settings), handler_class=Quiet)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL server for the session (tests/pg_cluster.py), one database per test."""
    from pg_cluster import Cluster

    cluster = Cluster()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path) -> str:
    """The write path's store, once in SQLite and once in PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "phan-hoi" / "phan-hoi.sqlite3")
    return request.getfixturevalue("postgres").new_database(f"t{abs(hash(request.node.nodeid)) % 10**8}")


def pytest_addoption(parser):
    parser.addoption(
        "--runs",
        type=int,
        default=1,
        help="tests/test_incremental_proof.py: how many random edit sequences (default 1, with a fixed seed)",
    )
    parser.addoption("--seed", type=int, default=None, help="tests/test_incremental_proof.py: replay this seed")
