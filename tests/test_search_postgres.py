"""Issue 28, item 2: the search index in PostgreSQL (search/postgres.py), chosen by PORTAL_SEARCH["database"]
or PORTAL_SEARCH_DATABASE: the build writes a new version and switches to it in one transaction, with the
site; every replica answers from the current version; a failed build changes nothing. The answers' own
tests run against both backends (tests/test_search.py, tests/test_relevance.py: `searched`, `index_at`)."""

import psycopg
from portal_content.private import search_index_of
from samples import news
from search_server import Server

from search.engine import Request
from search.postgres import PostgresIndex, switch, write_version


def versions(url: str) -> list[tuple[int, int]]:
    with psycopg.connect(url) as connection:
        return connection.execute("SELECT version, items FROM search_versions ORDER BY version").fetchall()


def current(url: str) -> int:
    with psycopg.connect(url) as connection:
        return connection.execute("SELECT version FROM search_current").fetchone()[0]


def test_the_build_writes_a_new_version_and_switches_to_it_with_the_site(site, postgres):
    url = postgres.new_database("build_switch")
    site.write("tin-tuc/a.md", news(title="Hội nghị chuyển đổi số"))
    assert site.build(PORTAL_SEARCH={"database": url}).ok
    assert not search_index_of(site.output).exists()  # nothing of the index beside the site either
    first = current(url)
    assert versions(url) == [(first, 1)]
    replicas = [Server(site.output, url), Server(site.output, url)]  # two services, as on two machines
    try:
        assert [r.api(q="chuyen doi so")["total"] for r in replicas] == [1, 1]
        site.write("tin-tuc/b.md", news(title="Tập huấn chuyển đổi số", date="2024-02-01 08:00"))
        result = site.build(PORTAL_SEARCH={"database": url})
        assert result.ok and (result.index.added, result.index.unchanged) == (1, 1)  # the unchanged one copied
        assert versions(url) == [(current(url), 2)] and current(url) > first  # the old version went with the switch
        assert [r.api(q="chuyen doi so")["total"] for r in replicas] == [2, 2]
    finally:
        for replica in replicas:
            replica.close()


def test_a_failed_build_leaves_the_live_version(site, postgres):
    url = postgres.new_database("build_fails")
    site.write("tin-tuc/a.md", news(title="Hội nghị chuyển đổi số"))
    assert site.build(PORTAL_SEARCH={"database": url}).ok
    live = current(url)
    site.write("tin-tuc/b.md", news(title="Tin hỏng khongduocdang"))
    site.write("van-ban/x.md", "---\ntitle: thiếu mọi trường\n---\n")
    assert not site.build(PORTAL_SEARCH={"database": url}).ok
    assert current(url) == live
    assert PostgresIndex(url).search(Request("khongduocdang")).total == 0


def item(n: int, title: str) -> dict:
    """A search document as the build makes it (portal_site), news `n.md`."""
    from datetime import datetime

    return {
        "id": f"{n}.md", "url": f"/{n}/", "kind": "news", "title": title, "title_ascii": title,
        "summary": "", "summary_ascii": "", "body": title, "body_ascii": title, "label": title,
        "label_ascii": title, "meta": "", "meta_ascii": "", "date": datetime(2024, 1, n, 8, 0), "year": "2024",
    }  # fmt: skip


def rows(url: str) -> list[tuple[str, int, int | None]]:
    with psycopg.connect(url) as connection:
        return connection.execute("SELECT id, first, last FROM search_rows ORDER BY id, first").fetchall()


def test_a_version_not_switched_to_is_never_searched(postgres):
    url = postgres.new_database("unswitched")
    first = write_version(url, [item(1, "Hội nghị chuyển đổi số")])
    switch(url, first.version)
    index = PostgresIndex(url)
    assert index.search(Request("chuyen doi so")).total == 1
    second = write_version(url, [item(1, "Hội nghị chuyển đổi số"), item(2, "Tập huấn chuyển đổi số")])
    assert (second.added, second.unchanged) == (1, 1)
    assert index.search(Request("chuyen doi so", page=2)).total == 1  # still the first, until the switch
    switch(url, second.version)
    assert index.search(Request("chuyen doi so", page=3)).total == 2
    assert [v for v, _ in versions(url)] == [second.version]


def test_the_setting_is_checked(site):
    site.write("tin-tuc/a.md", news(title="Tin"))
    result = site.build(PORTAL_SEARCH={"database": "mysql://máy-khác/timkiem"})
    assert not result.ok or any("PORTAL_SEARCH" in m for m in site.messages())
    assert any("PORTAL_SEARCH" in m and "postgresql://" in m for m in site.messages())


def test_a_database_that_cannot_be_reached_is_a_503_and_a_log_line(site, caplog):
    site.write("tin-tuc/a.md", news(title="Tin"))
    assert site.build().ok
    running = Server(site.output, "postgresql://postgres@/khong-co?host=/khong/co/thu-muc&connect_timeout=2")
    try:
        status, _, body = running.get("/api/search", q="tin")
        assert status == 503 and "tạm thời không hoạt động" in body.decode()
        assert any("search database unavailable" in r.getMessage() for r in caplog.records)
    finally:
        running.close()


def test_versions_share_rows_and_a_new_one_writes_only_what_changed(postgres):
    url = postgres.new_database("shared_rows")
    items = [item(n, f"Tin {n} chuyển đổi số") for n in (1, 2, 3)]
    first = write_version(url, items)
    switch(url, first.version)
    index = PostgresIndex(url)
    assert index.search(Request("chuyen doi so")).total == 3
    # 1 unchanged, 2 edited, 3 withdrawn, 4 added
    second = write_version(url, [items[0], item(2, "Tập huấn chuyển đổi số"), item(4, "Hội thảo chuyển đổi số")])
    assert (second.unchanged, second.updated, second.added, second.deleted) == (1, 1, 1, 1)
    assert [r for r in rows(url) if r[1] == second.version] == [
        ("2.md", second.version, None),
        ("4.md", second.version, None),
    ]
    assert ("1.md", first.version, None) in rows(url)  # not copied: one row serves both versions
    assert index.search(Request("tap huan")).total == 0  # the current version is as it was
    assert index.search(Request("chuyen doi so", page=2)).total == 3
    switch(url, second.version)
    assert rows(url) == [("1.md", first.version, None), ("2.md", second.version, None), ("4.md", second.version, None)]
    assert index.search(Request("tap huan")).total == 1
    after = index.search(Request("chuyen doi so"))
    assert after.total == 3 and "/3/" not in {hit["url"] for hit in after.hits}  # withdrawn with the switch


def test_a_build_killed_before_its_switch_leaves_nothing_behind(postgres):
    url = postgres.new_database("killed_build")
    items = [item(1, "Hội nghị chuyển đổi số"), item(2, "Tập huấn chuyển đổi số")]
    switch(url, write_version(url, items).version)
    write_version(url, [item(1, "Bản sửa không bao giờ đăng")])  # never switched nor discarded: killed
    index = PostgresIndex(url)
    assert index.search(Request("chuyen doi so")).total == 2
    assert index.search(Request("khong bao gio")).total == 0
    third = write_version(url, [*items, item(3, "Tin mới chuyển đổi số")])
    assert (third.unchanged, third.added, third.updated, third.deleted) == (2, 1, 0, 0)  # against the live one
    switch(url, third.version)
    assert index.search(Request("chuyen doi so", page=2)).total == 3
    assert index.search(Request("khong bao gio", page=2)).total == 0
    assert len(rows(url)) == 3 and all(last is None for _, _, last in rows(url))
