"""A rebuild after an edit publishes exactly what a cold build of the same content publishes.

The rebuild reuses the rendered-body cache and the live search index (only changed items
re-indexed); the cold build starts with neither. Same files, same bytes, and the same
answers from the search service for the same queries.
"""

import os
import shutil

import pytest
from conftest import ROOT, Site, release_digest, tree_digest
from samples import document, news
from search_server import answers as search_answers

QUERIES = [
    {"q": "chi thi 15"},
    {"q": "van ban dien tu"},
    {"q": "dong thap"},
    {"q": "15/ct-ttg"},
    {"q": "chuyen doi so", "sort": "date"},
    {"q": "quyet dinh", "page": "2"},
    {"q": "ke hoach", "type": "Kế hoạch"},
    {"q": "bao cao tai chinh"},
    {"q": "ban", "validity": "con-hieu-luc"},
    {"type": "Chỉ thị"},
    {"q": "thang tu"},
]


def site_files(site: Site) -> dict[str, str]:
    """Every published file and private file and the hash of its bytes; the index compared by its answers
    instead (Whoosh names its segments at random)."""
    return release_digest(site.output)


def answers(site: Site) -> list[dict]:
    return search_answers(site.output, QUERIES)


@pytest.fixture
def portal(tmp_path):
    """The sample content and 40 documents more, built once: the live site a rebuild starts from."""
    live = Site(tmp_path / "live")
    shutil.copytree(ROOT / "content", live.content, dirs_exist_ok=True)
    kinds = [
        ("Quyết định", "{n}/2025/QĐ-UBND"),
        ("Kế hoạch", "{n}/KH-UBND"),
        ("Thông báo", "{n}/TB-STTTT"),
        ("Báo cáo", "{n}/BC-STTTT"),
    ]
    for n in range(1, 41):
        doc_type, number = kinds[n % 4]
        live.write(
            f"van-ban/them/{n:02d}.md",
            document(
                number=number.format(n=n),
                doc_type=doc_type,
                issued=f"2025-{n % 12 + 1:02d}-{n % 27 + 1:02d}",
                title=f"Về việc thực hiện nhiệm vụ chuyển đổi số tháng {n % 12 + 1} năm 2025 tại Quảng Ngãi",
            ),
        )
    assert live.build(today="2026-11-21", PORTAL_CACHE_PATH=str(tmp_path / "cache-live")).ok
    return live


def cold_build_of(live: Site, tmp_path, name: str) -> Site:
    cold = Site(tmp_path / name)
    shutil.copytree(live.content, cold.content, dirs_exist_ok=True)
    result = cold.build(today="2026-11-21", PORTAL_CACHE_PATH=str(tmp_path / f"cache-{name}"))
    assert result.ok and result.index.unchanged == 0  # nothing reused
    return cold


def rebuild(live: Site, tmp_path):
    result = live.build(today="2026-11-21", PORTAL_CACHE_PATH=str(tmp_path / "cache-live"))
    assert result.ok, live.messages()
    return result


def assert_same_as_cold(live: Site, tmp_path, name: str) -> None:
    cold = cold_build_of(live, tmp_path, name)
    rebuilt, fresh = site_files(live), site_files(cold)
    assert sorted(rebuilt) == sorted(fresh)
    assert [path for path in rebuilt if rebuilt[path] != fresh[path]] == []
    assert answers(live) == answers(cold)


def test_rebuild_after_editing_one_document_equals_a_cold_build(portal, tmp_path):
    path = portal.content / "van-ban/them/07.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("chuyển đổi số tháng", "ứng dụng chữ ký số tháng")
        + "\nBổ sung: Báo cáo tài chính quý IV được gửi về Sở Tài chính.\n",
        encoding="utf-8",
    )
    result = rebuild(portal, tmp_path)
    assert (result.index.updated, result.index.added, result.index.deleted) == (1, 0, 0)
    assert_same_as_cold(portal, tmp_path, "cold-edit")


def test_rebuild_after_adding_one_document_equals_a_cold_build(portal, tmp_path):
    portal.write(
        "van-ban/them/moi.md",
        document(
            number="99/KH-UBND",
            title="Kế hoạch tháng tư về báo cáo tài chính",
            doc_type="Kế hoạch",
            issued="2026-04-02",
        ),
    )
    portal.write(
        "tin-tuc/dia-phuong/moi.md", news(title="Đồng Tháp và Quảng Ngãi trao đổi kinh nghiệm", date="2026-11-20 08:00")
    )
    result = rebuild(portal, tmp_path)
    assert (result.index.updated, result.index.added, result.index.deleted) == (0, 2, 0)
    assert_same_as_cold(portal, tmp_path, "cold-add")


def test_rebuild_after_deleting_one_document_equals_a_cold_build(portal, tmp_path):
    (portal.content / "van-ban/them/12.md").unlink()
    result = rebuild(portal, tmp_path)
    assert (result.index.updated, result.index.added, result.index.deleted) == (0, 0, 1)
    assert_same_as_cold(portal, tmp_path, "cold-delete")


def test_the_rebuild_renders_only_the_edited_body(portal, tmp_path):
    path = portal.content / "van-ban/them/03.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nMột câu mới.\n", encoding="utf-8")
    result = rebuild(portal, tmp_path)
    assert result.bodies.rendered == 1
    assert result.bodies.reused == result.index.unchanged == 69  # every other published item


def test_the_open_data_is_linked_while_the_documents_are_unchanged(portal, tmp_path):
    """A news edit leaves the documents' export as it was: linked from the live output, not exported again;
    a document edit exports it again (issue 13)."""
    export = portal.output / "van-ban" / "du-lieu-mo" / "van-ban.json"
    before = export.stat().st_ino
    news_file = next((portal.content / "tin-tuc").rglob("*.md"))
    news_file.write_text(news_file.read_text(encoding="utf-8") + "\nMột câu mới.\n", encoding="utf-8")
    rebuild(portal, tmp_path)
    assert export.stat().st_ino == before
    assert (export.parent / "van-ban.json.br").stat().st_nlink >= 1
    path = portal.content / "van-ban/them/03.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: Sửa đổi ", 1), encoding="utf-8")
    rebuild(portal, tmp_path)
    assert export.stat().st_ino != before and "Sửa đổi " in export.read_text(encoding="utf-8")
    assert_same_as_cold(portal, tmp_path, "cold-open-data")


# --------------------------------------------------------------------------- the spare site (portal_build/spare.py)

SPARE_DOC = "van-ban/them/05.md"
SPARE_URL = "van-ban/ke-hoach-5-kh-ubnd-ngay-06-06-2025/index.html"


def test_the_replaced_site_is_the_next_staging_folder_and_the_result_equals_a_cold_build(portal, tmp_path):
    """The site a swap replaces is kept beside the output and the next rebuild starts from it: its
    unchanged pages stay where they are (no folder made, no link), the rest is replaced, and what is
    published is still exactly a cold build, folders included. A page changed and changed back gets
    a new time: Last-Modified never goes back."""
    spare = portal.output.with_name(".output.spare") / "output"  # the release: the site and its private folder
    page = portal.output / SPARE_URL
    assert page.is_file() and not spare.exists()  # the first build replaced nothing
    path = portal.content / SPARE_DOC
    original = path.read_text(encoding="utf-8")

    path.write_text(original.replace("title: ", "title: Sửa lần một ", 1), encoding="utf-8")
    rebuild(portal, tmp_path)
    assert spare.is_dir() and (spare / SPARE_URL).is_file()  # the site before the edit
    changed_at = page.stat().st_mtime

    # planted in the spare: never published (the spare keeps only the pages its manifest lists)
    (spare / "planted.html").write_text("<p>not ours</p>", encoding="utf-8")
    (spare / "tin-tuc" / "rss.xml").write_text("<rss>stale</rss>", encoding="utf-8")
    os.makedirs(spare / "an" / "empty" / "folder")
    about = spare / "gioi-thieu" / "index.html"  # a page of the spare, unchanged: as a link to a server file
    about.unlink()
    os.symlink("/etc/passwd", about)

    folder = (spare / "van-ban").stat().st_ino
    path.write_text(original, encoding="utf-8")  # changed back: the spare holds this very page
    result = rebuild(portal, tmp_path)
    assert result.pages_rendered == 0  # every page, the reverted one too, is in the spare as it must be
    assert (portal.output / "van-ban").stat().st_ino == folder  # the spare's folders, not new ones
    assert not (portal.output / "planted.html").exists() and not (portal.output / "an").exists()
    assert page.stat().st_mtime > changed_at
    published = portal.output / "gioi-thieu" / "index.html"
    assert not published.is_symlink() and "root:" not in published.read_text(encoding="utf-8")
    assert "Sửa lần một" not in page.read_text(encoding="utf-8")
    assert_same_as_cold(portal, tmp_path, "cold-spare")

    (portal.content / SPARE_DOC).unlink()  # a page the spare holds and this build does not write
    rebuild(portal, tmp_path)
    assert not page.exists() and not page.parent.exists()
    assert_same_as_cold(portal, tmp_path, "cold-spare-delete")


def test_a_spare_made_with_other_settings_is_not_used(portal, tmp_path):
    """Pages made by other code or settings are never kept: the spare is set aside and the build
    starts from an empty folder."""
    path = portal.content / SPARE_DOC
    path.write_text(path.read_text(encoding="utf-8") + "\nMột câu mới.\n", encoding="utf-8")
    rebuild(portal, tmp_path)
    result = portal.build(
        today="2026-11-21", PORTAL_CACHE_PATH=str(tmp_path / "cache-live"), SITENAME="Cổng thông tin thử"
    )
    assert result.ok and result.pages_reused == 0
    assert "Cổng thông tin thử" in (portal.output / SPARE_URL).read_text(encoding="utf-8")


def test_a_failed_build_leaves_the_live_site_and_a_later_build_still_equals_a_cold_one(portal, tmp_path):
    path = portal.content / SPARE_DOC
    path.write_text(path.read_text(encoding="utf-8") + "\nMột câu mới.\n", encoding="utf-8")
    rebuild(portal, tmp_path)
    before = tree_digest(portal.output)
    portal.write("van-ban/them/hong.md", document(number="77/KH-UBND", issued="2025-02-30"))
    assert not portal.build(today="2026-11-21", PORTAL_CACHE_PATH=str(tmp_path / "cache-live")).ok
    assert tree_digest(portal.output) == before
    (portal.content / "van-ban/them/hong.md").unlink()
    path.write_text(path.read_text(encoding="utf-8") + "\nMột câu nữa.\n", encoding="utf-8")
    rebuild(portal, tmp_path)
    assert_same_as_cold(portal, tmp_path, "cold-after-failure")


def test_a_page_replaced_in_the_spare_or_the_live_site_is_rendered_again_never_published(portal, tmp_path):
    """The spare's pages (and the live pages a rebuild links) are kept only while their bytes, and their
    compressed copies, are those the sealed manifest records (issue 30, item 3)."""
    path = portal.content / SPARE_DOC
    path.write_text(path.read_text(encoding="utf-8") + "\nMột câu mới.\n", encoding="utf-8")
    rebuild(portal, tmp_path)
    spare = portal.output.with_name(".output.spare") / "output"
    forged = spare / "gioi-thieu" / "index.html"
    text = forged.read_text(encoding="utf-8").replace("</main>", "<script>alert(1)</script></main>")
    forged.unlink()
    forged.write_text(text, encoding="utf-8")  # a page replaced, its fingerprint left in the manifest
    import gzip

    copy = spare / "lanh-dao" / "index.html.gz"
    copy.write_bytes(gzip.compress(b"<script>alert(2)</script>"))  # only a compressed copy replaced

    path.write_text(path.read_text(encoding="utf-8") + "\nCâu nữa.\n", encoding="utf-8")
    result = rebuild(portal, tmp_path)
    assert result.pages_rendered >= 3  # the edited page, and the two tampered ones rendered again
    assert "alert(" not in portal.all_text()
    assert "alert(" not in gzip.decompress((portal.output / "lanh-dao" / "index.html.gz").read_bytes()).decode()
    assert_same_as_cold(portal, tmp_path, "cold-forged")

    # the manifest itself rewritten to match a forged page: its seal is not this installation's
    manifest = portal.output.with_name(".output.spare") / "output.private" / "pages.json"
    import json

    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["seal"] = "0" * 64
    manifest.write_text(json.dumps(data), encoding="utf-8")
    result = rebuild(portal, tmp_path)
    assert result.ok and result.pages_reused > 0  # from the live site, checked, not from the spare

    # a live page edited in place: the next rebuild does not carry it forward
    live_page = portal.output / "gioi-thieu" / "index.html"
    live_page.write_text(live_page.read_text(encoding="utf-8").replace("</main>", "<b>alert(3)</b></main>"))
    shutil.rmtree(portal.output.with_name(".output.spare"))
    rebuild(portal, tmp_path)
    assert "alert(3)" not in (portal.output / "gioi-thieu" / "index.html").read_text(encoding="utf-8")
