"""The index's segments stay small, so a withdrawn text can leave the index in the build that withdraws it
(search/indexer.py): real Whoosh, the real writer, the segment bound made small so that a few items show it."""

from datetime import datetime

import pytest
from whoosh import index

from search import indexer
from search.indexer import INDEX_NAME, update_index

SECRET = "xylophonia"  # a word only the withdrawn item has


def item(n: int, words: str = "") -> dict:
    text = f"Thông báo số {n} về lịch tiếp công dân {words}".strip()
    return {
        "id": f"tin-tuc/t{n}.md",
        "url": f"/tin-tuc/t{n}/",
        "kind": "news",
        "title": f"Tin số {n}",
        "title_ascii": f"Tin số {n}",
        "body": text,
        "body_ascii": text,
        "date": datetime(2026, 1, 1 + n % 28),
    }


def segments(folder) -> dict[str, tuple[int, int]]:
    """segment id -> (documents, deleted ones)."""
    ix = index.open_dir(folder, indexname=INDEX_NAME)
    try:
        return {s.segment_id(): (s.doc_count_all(), s.deleted_count()) for s in ix._segments()}
    finally:
        ix.close()


def found(folder, word: str) -> int:
    from whoosh.query import Term

    ix = index.open_dir(folder, indexname=INDEX_NAME)
    try:
        with ix.searcher() as searcher:
            return len(searcher.search(Term("body_ascii", word), limit=None))
    finally:
        ix.close()


def index_bytes(folder) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file())


@pytest.fixture
def small_segments(monkeypatch):
    monkeypatch.setattr(indexer, "SEGMENT_DOCS", 10)
    monkeypatch.setattr(indexer, "PARALLEL_FROM", 6)


def test_the_bound_is_2000_documents_or_a_twelfth_of_a_larger_archive():
    assert indexer.segment_docs(35) == indexer.segment_docs(12_005) == 2000
    assert indexer.segment_docs(100_000) == 8334  # about 24 segments at the national point, not 100


def test_a_cold_index_is_written_in_small_segments(tmp_path, small_segments):
    report = update_index(tmp_path / "a", [item(n) for n in range(35)])
    assert report.added == 35
    sizes = [documents for documents, _ in segments(tmp_path / "a").values()]
    assert sum(sizes) == 35 and max(sizes) <= 10 and 0 not in sizes
    assert len(sizes) >= 4  # a commit of 10 at most (two processes share one, as they are free)


def test_a_withdrawal_rewrites_only_the_segment_that_held_it_and_its_text_is_gone(tmp_path, small_segments):
    items = [item(n, SECRET if n == 17 else "") for n in range(35)]
    update_index(tmp_path / "a", items)
    before = segments(tmp_path / "a")
    assert SECRET.encode() in index_bytes(tmp_path / "a")

    report = update_index(tmp_path / "b", [i for i in items if i["id"] != "tin-tuc/t17.md"], previous=tmp_path / "a")
    after = segments(tmp_path / "b")
    assert report.deleted == 1 and report.unchanged == 34
    assert SECRET.encode() not in index_bytes(tmp_path / "b")  # nor in any file of the index
    assert found(tmp_path / "b", "thong") == 34
    assert all(deleted == 0 for _, deleted in after.values())
    assert len(set(before) - set(after)) == 1  # one segment rewritten, the others untouched


def test_an_edit_in_a_small_segment_takes_the_old_text_out_with_it(tmp_path, small_segments):
    items = [item(n, SECRET if n == 3 else "") for n in range(35)]
    update_index(tmp_path / "a", items)
    items[3] = item(3, "đã sửa")
    update_index(tmp_path / "b", items, previous=tmp_path / "a")
    assert found(tmp_path / "b", SECRET) == 0  # never answered
    # a tenth of its segment (10 at most) replaced: the segment is rewritten, the old text goes
    assert SECRET.encode() not in index_bytes(tmp_path / "b")


def test_an_edit_in_a_large_segment_is_marked_and_purge_index_takes_it_off_the_disk(tmp_path):
    items = [item(n, SECRET if n == 3 else "") for n in range(30)]  # one segment of 30 (the bound is 2,000)
    update_index(tmp_path / "a", items)
    items[3] = item(3, "đã sửa")
    update_index(tmp_path / "b", items, previous=tmp_path / "a")
    assert found(tmp_path / "b", SECRET) == 0
    assert SECRET.encode() in index_bytes(tmp_path / "b")  # 1 of 30 replaced: below a tenth, only marked
    update_index(tmp_path / "c", items, previous=tmp_path / "b", purge=True)  # invoke build --purge-index
    assert SECRET.encode() not in index_bytes(tmp_path / "c")
    assert found(tmp_path / "c", "thong") == 30


def test_the_small_segments_of_many_rebuilds_are_merged_and_none_grows_past_the_bound(tmp_path, monkeypatch):
    monkeypatch.setattr(indexer, "SEGMENT_DOCS", 100)  # small: fewer than 10 documents
    items = [item(n) for n in range(35)]
    update_index(tmp_path / "0", items)
    counts = []
    for edit in range(1, 31):  # thirty rebuilds, each with one more item: a segment of one each time
        items.append(item(100 + edit))
        update_index(tmp_path / str(edit), items, previous=tmp_path / str(edit - 1))
        sizes = [documents for documents, _ in segments(tmp_path / str(edit)).values()]
        assert max(sizes) <= 100
        assert sum(1 for size in sizes if size < 10) < 10  # ten small ones are merged in the build that makes them
        counts.append(len(sizes))
    assert max(counts) <= 12  # without merging, thirty segments of one beside the first ones
    assert found(tmp_path / "30", "thong") == 65
