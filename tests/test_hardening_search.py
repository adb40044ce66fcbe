"""The search index forgets what was withdrawn, refuses to answer from a damaged index, and the
server answers every request, however malformed (issue 19). Real builds, real HTTP."""

import http.client
import logging
import socket
import threading

import pytest
from portal_content.private import search_index_of
from portal_serve import create_app as static_app
from portal_serve.handler import ConsoleHandler
from portal_serve.pages import theme_pages
from samples import news
from search_server import Server

from search.indexer import INDEX_NAME, verify
from search.service import create_app, make_threaded_server

WITHDRAWN = "xylophonia"  # a word only the withdrawn item has


def index_files(output) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(search_index_of(output).iterdir()) if p.is_file()}


def doc_counts(output) -> tuple[int, int]:
    from whoosh import index

    ix = index.open_dir(search_index_of(output), indexname=INDEX_NAME)
    try:
        with ix.searcher() as searcher:
            return searcher.doc_count_all(), searcher.doc_count()
    finally:
        ix.close()


@pytest.fixture
def portal(site):
    for n in range(12):
        site.write(f"tin-tuc/dia-phuong/t{n}.md", news(title=f"Tin số {n}"))
    site.write(
        "tin-tuc/dia-phuong/rut.md",
        news(title="Tin sẽ rút").replace("Nội dung của Tin sẽ rút.", f"Số điện thoại riêng {WITHDRAWN} 0912 345 678."),
    )
    assert site.build().ok, site.messages()
    return site


def withdraw(portal) -> None:
    portal.write(
        "tin-tuc/dia-phuong/rut.md",
        news(title="Tin sẽ rút", extra="status: draft").replace(
            "Nội dung của Tin sẽ rút.", f"Số điện thoại riêng {WITHDRAWN} 0912 345 678."
        ),
    )


def test_a_withdrawn_item_is_never_answered_and_its_text_leaves_the_index_in_the_same_build(portal):
    server = Server(portal.output)
    try:
        assert server.api(q=WITHDRAWN)["total"] == 1
        assert any(WITHDRAWN.encode() in data for data in index_files(portal.output).values())
        withdraw(portal)
        assert portal.build().ok and portal.result.index.deleted == 1
        assert server.api(q=WITHDRAWN)["total"] == 0  # gone from every answer at once
        assert not any(WITHDRAWN.encode() in data for data in index_files(portal.output).values())
        assert doc_counts(portal.output) == (12, 12)
    finally:
        server.close()


def test_invoke_build_purge_index_takes_an_edited_out_text_off_the_disk(portal):
    """An edit only marks the old version (a rewrite of its segment waits until a tenth of it is old
    versions); `--purge-index` rewrites it now."""
    from conftest import run_invoke

    portal.write("tin-tuc/dia-phuong/rut.md", news(title="Tin sẽ rút"))  # the private number edited out
    assert portal.build().ok and portal.result.index.updated == 1
    # one of the 13 documents of its segment: less than a tenth, so the old version is only marked
    assert any(WITHDRAWN.encode() in data for data in index_files(portal.output).values())
    done = run_invoke(
        "build",
        "--content",
        str(portal.content),
        "--output",
        str(portal.output),
        "--purge-index",
        env={"PORTAL_TODAY": "2024-06-01"},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert not any(WITHDRAWN.encode() in data for data in index_files(portal.output).values())


def test_rebuilds_that_touch_every_item_do_not_grow_the_index(portal):
    for round_ in range(3):
        for n in range(12):
            portal.write(f"tin-tuc/dia-phuong/t{n}.md", news(title=f"Tin số {n}", extra=f"tags: [vòng {round_}]"))
        assert portal.build().ok
        assert doc_counts(portal.output) == (13, 13)


def test_a_rebuild_with_no_change_leaves_no_junk(portal):
    before = index_files(portal.output)
    assert portal.build().ok
    assert portal.result.index.unchanged == 13
    assert index_files(portal.output).keys() == before.keys()
    assert not any("LOCK" in name for name in before)


def test_the_index_is_beside_the_site_and_not_downloadable_through_a_dot_dot(portal):
    """The index is never in the folder a static host serves (portal_content.private), and the static
    server refuses every way up to the folder beside it."""
    assert not [p for p in portal.output.rglob("*") if p.suffix in (".toc", ".seg") or p.name == "MANIFEST.json"]
    server = Server(portal.output)
    try:
        name = next(iter(index_files(portal.output)))
        for path in (
            f"/tim-kiem/../../output.private/search/{name}",
            f"/../output.private/search/{name}",
            f"/tin-tuc/../../output.private/search/{name}",
            f"/tim-kiem/%2e%2e/%2e%2e/output.private/search/{name}",
            f"/%2e%2e/output.private/search/{name}",
            f"/./../output.private/search/{name}",
        ):
            connection = http.client.HTTPConnection("127.0.0.1", server.httpd.server_port, timeout=10)
            connection.request("GET", path)  # sent as is, as curl --path-as-is does
            response = connection.getresponse()
            assert response.status == 404, path
            assert WITHDRAWN.encode() not in response.read()
            connection.close()
    finally:
        server.close()


@pytest.mark.parametrize("damage", ["missing", "empty", "garbage", "truncated"])
def test_a_missing_or_damaged_index_is_a_503_and_a_log_line(portal, caplog, damage):
    server = Server(portal.output)
    try:
        assert server.api(q="Tin số 3")["total"] >= 1  # opened, and kept open by the service
        folder = search_index_of(portal.output)
        # the largest file of a segment (segments are separate files: search/indexer.py COMPOUND)
        parts = [p for p in folder.iterdir() if p.is_file() and p.suffix not in (".json", ".toc")]
        segment = max(parts, key=lambda p: p.stat().st_size)
        if damage == "missing":
            for path in folder.iterdir():
                path.unlink()
            folder.rmdir()
        elif damage == "empty":
            for path in folder.iterdir():
                path.unlink()
        elif damage == "garbage":
            data = bytearray(segment.read_bytes())
            data[len(data) // 2 : len(data) // 2 + 64] = b"\xff" * 64
            segment.write_bytes(bytes(data))
        else:
            with open(segment, "r+b") as handle:
                handle.truncate(segment.stat().st_size // 3)
        assert verify(folder) is not None
        with caplog.at_level(logging.ERROR, logger="search.engine"):
            for path in ("/api/search", "/api/search.atom", "/tim-kiem/"):
                status, _, body = server.get(path, q="Tin số 3")
                assert status == 503, (path, status)
                assert "tạm thời không hoạt động" in body.decode()
        assert any("unavailable" in record.getMessage() for record in caplog.records)
    finally:
        server.close()


# --------------------------------------------------------------------------- 14. invoke serve's server


@pytest.fixture
def console_server(sample):
    output = sample.output
    app = create_app(search_index_of(output), theme_pages(), fallback=static_app(output))
    httpd = make_threaded_server("127.0.0.1", 0, app, handler_class=ConsoleHandler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_port
    httpd.shutdown()


def raw(port: int, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(data)
        connection.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize(
    "request_bytes, status",
    [
        (b"GARBAGE\r\n\r\n", b"400"),
        (b"GET / HTTP/9.9\r\n\r\n", b"505"),
        (b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n", b"414"),
    ],
)
def test_a_malformed_request_gets_an_answer(console_server, capfd, request_bytes, status):
    answer = raw(console_server, request_bytes)
    # a status line even for what wsgiref reads as HTTP/0.9 (GARBAGE), and a page in Vietnamese
    assert answer.startswith(b"HTTP/1.0 " + status + b" "), answer[:300]
    assert "Yêu cầu không hợp lệ (".encode() + status + b")" in answer
    assert b"HTTP/1." in raw(console_server, b"GET / HTTP/1.0\r\n\r\n")[:9]
    assert "AttributeError" not in capfd.readouterr().err


def test_searchers_are_pooled_not_kept_per_connection(sample):
    from search.engine import Request, SearchIndex

    engine = SearchIndex(search_index_of(sample.output))
    for _ in range(40):  # a new thread per connection, as the threaded server does
        worker = threading.Thread(target=engine.search, args=(Request.from_params({"q": ["van ban"]}),))
        worker.start()
        worker.join()
    assert engine._searchers.qsize() == 1
