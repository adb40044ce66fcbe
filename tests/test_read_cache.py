"""The read cache (portal_content/read_cache.py) reuses what a file gave only while the file, the
code and every file it names are as they were; a damaged entry is thrown away. Real builds."""

import os

from samples import document

DOC = "van-ban/qd-05.md"
PDF = "files/qd-05.pdf"


def portal(site, pdf: bytes):
    site.write(DOC, document("05/QĐ-UBND", doc_type="Quyết định", extra=f"attachments: [{PDF}]"))
    site.write_bytes(PDF, pdf)


def build(site, cache):
    result = site.build(PORTAL_CACHE_PATH=str(cache))
    return result


def shown_size(site) -> str:
    return site.page("/van-ban/quyet-dinh-05-qd-ubnd-ngay-22-05-2012/").select_one(".attachments__info").get_text()


def test_a_file_read_once_is_reused_until_a_file_it_names_changes(site, tmp_path):
    cache = tmp_path / "cache"
    portal(site, b"%PDF-1.4\n" + b"a" * 600)
    first = build(site, cache)
    assert first.ok and shown_size(site) == "(PDF, 609 byte)"
    second = build(site, cache)
    assert second.ok and second.bodies.rendered == 0 and second.bodies.reused == 1
    assert os.listdir(f"{cache}-read")  # entries kept beside the render cache
    # the attachment grows: the document is read again, and says so
    (site.content / PDF).write_bytes(b"%PDF-1.4\n" + b"b" * 3000)
    third = build(site, cache)
    assert third.ok and shown_size(site) == "(PDF, 2,9 KB)"


def test_a_file_it_names_turned_into_a_symbolic_link_is_refused_again(site, tmp_path):
    cache = tmp_path / "cache"
    portal(site, b"%PDF-1.4\n" + b"a" * 600)
    assert build(site, cache).ok
    (site.content / PDF).unlink()
    os.symlink("/etc/passwd", site.content / PDF)
    result = build(site, cache)
    assert not result.ok
    assert any("liên kết tượng trưng" in m for m in site.messages())
    assert "root:" not in site.all_text()


def test_a_damaged_entry_is_read_again_never_trusted(site, tmp_path, caplog):
    cache = tmp_path / "cache"
    portal(site, b"%PDF-1.4\n" + b"a" * 600)
    assert build(site, cache).ok
    entries = [p for p in (tmp_path / "cache-read").rglob("*") if p.is_file() and p.name != ".pruned"]
    assert len(entries) == 1
    data = bytearray(entries[0].read_bytes())
    at = data.find(b"05/Q")
    data[at : at + 2] = b"99"  # a planted number, the seal left as it was
    entries[0].write_bytes(bytes(data))
    result = build(site, cache)
    assert result.ok and site.exists("/van-ban/quyet-dinh-05-qd-ubnd-ngay-22-05-2012/")
    assert "99/QĐ" not in site.all_text()
    assert any("read cache: damaged entry" in r.getMessage() for r in caplog.records)


def test_entries_unused_for_long_are_pruned_once_a_day_and_reading_marks_use(tmp_path):
    import time

    from portal_content.sealed import DAY, SealedEntries

    entries = SealedEntries(tmp_path / "cache", b"salt", "test cache", bytes(range(32)))
    for key in ("aa01", "bb02", "cc03"):
        entries.write(key, key.encode())
    old = time.time() - 20 * DAY
    for key in ("aa01", "bb02", "cc03"):
        os.utime(entries.path(key), (old, old))
    assert entries.read("aa01", bytes) == b"aa01"  # used now: its mark moves to today
    assert entries.path("aa01").stat().st_mtime > time.time() - 60
    assert entries.prune_daily(14) == 2 and not entries.path("bb02").exists()
    assert entries.read("aa01", bytes) == b"aa01"

    # pruned less than a day ago: no walk, however old the entries
    entries.write("dd04", b"dd04")
    os.utime(entries.path("dd04"), (old, old))
    assert entries.prune_daily(14) == 0 and entries.path("dd04").exists()
    # a day later it is pruned
    stamp = tmp_path / "cache" / ".pruned"
    os.utime(stamp, (old, old))
    assert entries.prune_daily(14) == 1 and not entries.path("dd04").exists()

    # an entry used within the day is not marked again (no write for every read of every build)
    recent = time.time() - 3600
    os.utime(entries.path("aa01"), (recent, recent))
    assert entries.read("aa01", bytes) == b"aa01"
    assert abs(entries.path("aa01").stat().st_mtime - recent) < 1
