"""Building the index from the build's published items, re-indexing only what changed.

An item is a plain dict of the schema's fields (the build's search plugin makes them).
`update_index` starts from a copy of the previous index when there is one: items whose
content hash is unchanged are left alone, changed ones replaced, missing ones deleted.

The index forgets. Whoosh only marks a deleted document, and its text stays in its segment's files until
the segment is rewritten; so segments are kept small (`segment_docs`: 2,000 documents at most, or a twelfth
of the archive when that is more), and a build rewrites every segment that held an item it withdraws
(deleted, withdrawn, hidden, made a draft): the withdrawn text leaves the index in that build, at the cost
of rewriting one segment. Smaller segments would make that cheaper and every search dearer: a search reads
each term from every segment (docs/benchmarks.md, "Withdrawn texts and segment size"). A replaced version (an
edit) stays marked until a tenth of its segment is deleted versions, so the index never grows with
rebuilds; `purge=True` (`invoke build --purge-index`) rewrites every segment holding one, for an edit whose
old text must leave the server's disk now. Small segments made by rebuilds are merged, ten of a size at a
time, never past the bound. Files no generation uses are removed, and a manifest (MANIFEST.json: every
file's size and SHA-256) lets the service refuse a damaged index.
"""

import hashlib
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from whoosh import index

from .analysis import word_pairs
from .schema import PHRASE_FIELDS, VERSION, PortalSchema

INDEX_NAME = "portal"
MANIFEST = "MANIFEST.json"
REPLACED_SHARE = 0.1  # a segment is rewritten once this share of its documents are deleted ones


@dataclass
class IndexReport:
    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    version: int | None = None  # the version written into PostgreSQL (search.postgres), not yet switched to


BLOCK = 1024  # postings per block: the service reads whole posting lists, a block a numpy read


def _codec():
    """Whoosh's own codec, its blocks written as arrays (search.blocks), and larger (its default, 128,
    serves skipping through long lists, which the service no longer does: it reads each searched term's
    list whole, once)."""
    from .blocks import ArrayCodec

    return ArrayCodec(blocklimit=BLOCK)


# segments as separate files, not one compound file: the service holds the checked files in memory
# (engine.SearchIndex), and Whoosh copies each part of a compound file it opens (a BytesIO of a slice),
# once per reader: at 100,000 documents a worker held 3.2 GB for a 650 MB index. A whole file is shared.
COMPOUND = False


def content_hash(item: dict) -> str:
    data = json.dumps(
        {k: v for k, v in item.items() if k != "content_hash"}, sort_keys=True, default=str, ensure_ascii=False
    )
    return hashlib.sha256(data.encode()).hexdigest()


SEGMENT_DOCS = 2000  # documents per segment at most (a cold build's are half that, two processes a commit)
MOST_SEGMENTS = 12  # … unless the archive is larger than 12 × that: then a twelfth of it
PARALLEL_FROM = 100  # documents in one commit from which two processes write them
# a writing process's postings held in memory (as Whoosh estimates them) before it sorts them out to a
# file: at 64, a segment of 1,000 documents went through files, its postings pickled, read back and merged
LIMIT_MB = 256


def segment_docs(total: int) -> int:
    """The most documents a segment may hold in an index of `total` documents. At 10,000 documents, segments
    of 1,000 made a withdrawal cost 8.6 s instead of 70 s, and the first reading of a search's terms
    p95 42 ms instead of 25 ms (docs/benchmarks.md); at 100,000 the bound grows so the count does not."""
    return max(SEGMENT_DOCS, -(-total // MOST_SEGMENTS))


def update_index(folder: Path, items: list[dict], previous: Path | None = None, purge: bool = False) -> IndexReport:
    """Write the index for `items` into `folder` (created), reusing `previous` where it can."""
    from whoosh.writing import NO_MERGE

    started = time.perf_counter()
    folder = Path(folder)
    report = IndexReport()
    if previous is not None and index.exists_in(previous, indexname=INDEX_NAME) and version_of(previous) == VERSION:
        shutil.copytree(previous, folder, dirs_exist_ok=True)
        ix = index.open_dir(folder, indexname=INDEX_NAME)
    else:
        folder.mkdir(parents=True, exist_ok=True)
        ix = index.create_in(folder, PortalSchema(), indexname=INDEX_NAME)

    wanted = {}
    for item in items:
        item = dict(item, content_hash=content_hash(item))
        wanted[item["id"]] = item
    existing, segment_of = _indexed(ix)
    withdrawn = existing.keys() - wanted.keys()
    withdrawn_from = {segment_of[doc_id] for doc_id in withdrawn}

    changed = [item for doc_id, item in wanted.items() if existing.get(doc_id) != item["content_hash"]]
    report.deleted = len(withdrawn)
    report.updated = sum(item["id"] in existing for item in changed)
    report.added = len(changed) - report.updated
    report.unchanged = len(wanted) - len(changed)
    if withdrawn or report.updated:  # the old versions are marked deleted in their segments
        writer = _writer(ix)
        for doc_id in [*withdrawn, *(item["id"] for item in changed if item["id"] in existing)]:
            writer.delete_by_term("id", doc_id)
        writer.commit(mergetype=NO_MERGE)
    # new segments, `bound` documents a commit at most: many are written by two processes, each its own
    # segment (Whoosh's multiprocessing writer), which is how a cold build uses both cores
    bound = segment_docs(len(wanted))
    for first in range(0, len(changed), bound):
        part = changed[first : first + bound]
        parallel = {"procs": 2, "batchsize": max(1, len(part) // 4), "limitmb": LIMIT_MB, "multisegment": True}
        writer = _writer(ix, **parallel) if len(part) >= PARALLEL_FROM else _writer(ix)
        for item in part:
            writer.add_document(**item, pairs=word_pairs({name: item.get(name) for name in PHRASE_FIELDS}))
        writer.commit(mergetype=NO_MERGE)
    _rewrite_and_merge(ix, withdrawn_from, bound, everything=purge)
    ix.close()
    _remove_unused(folder)
    write_manifest(folder)
    report.seconds = time.perf_counter() - started
    return report


def _writer(ix, **options):
    """A writer with the portal's codec, writing separate files (COMPOUND)."""
    return ix.writer(codec=_codec(), compound=COMPOUND, **options)


def _indexed(ix) -> tuple[dict[str, str], dict[str, str]]:
    """One pass over the live documents: id -> content hash, and id -> the segment that holds it."""
    hashes, segment_of = {}, {}
    with ix.reader() as reader:
        for leaf, _offset in reader.leaf_readers():
            stored = list(leaf.all_stored_fields())
            if stored:
                segment = leaf.segment().segment_id()
                for fields in stored:
                    hashes[fields["id"]] = fields["content_hash"]
                    segment_of[fields["id"]] = segment
    return hashes, segment_of


def _rewrite_and_merge(ix, withdrawn_from: set[str], bound: int, everything: bool) -> None:
    """Rewrite each segment that held a withdrawn item, or that is a tenth deleted documents (every one
    holding a deleted document with `everything`); then merge small segments (see the module's
    docstring). One commit per new segment, so none grows past `bound`."""
    from whoosh.reading import SegmentReader

    def stale(segment) -> bool:
        deleted = segment.deleted_count()
        if segment.doc_count_all() == 0:  # an empty one (a writer process that got no document)
            return True
        return deleted > 0 and (
            everything or segment.segment_id() in withdrawn_from or deleted >= REPLACED_SHARE * segment.doc_count_all()
        )

    def rewrite(group_ids: set[str]) -> None:
        def merge(writer, segments):
            kept = []
            for segment in segments:
                if segment.segment_id() in group_ids:
                    if segment.doc_count() == 0:  # nothing live: dropped (add_reader would make an empty segment)
                        continue
                    reader = SegmentReader(writer.storage, writer.schema, segment)
                    writer.add_reader(reader)  # copies the live documents only
                    reader.close()
                else:
                    kept.append(segment)
            return kept

        _writer(ix).commit(mergetype=merge)

    for segment in [segment for segment in ix._segments() if stale(segment)]:
        rewrite({segment.segment_id()})
    for group in _small_groups(ix._segments(), bound):
        rewrite(group)


def _small_groups(segments, bound: int) -> list[set[str]]:
    """Groups of small segments to merge: where ten or more segments are of one size class (below
    `bound` / 10, below `bound` / 100, …), they are merged into as few as fit in `bound`."""
    groups = []
    classes: dict[int, list] = {}
    for segment in segments:
        live = segment.doc_count()
        if live >= bound // 10:
            continue
        size_class = 1
        while live < bound // 10 ** (size_class + 1) and size_class < 4:
            size_class += 1
        classes.setdefault(size_class, []).append(segment)
    for members in classes.values():
        if len(members) < 10:
            continue
        group, total = set(), 0
        for segment in sorted(members, key=lambda s: s.doc_count()):
            if total + segment.doc_count() > bound and group:
                groups.append(group)
                group, total = set(), 0
            group.add(segment.segment_id())
            total += segment.doc_count()
        if len(group) > 1:
            groups.append(group)
    return groups


def _remove_unused(folder: Path) -> None:
    """Files of older generations and of copied segments that the current one does not use."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC, clean_files

    storage = FileStorage(str(folder))
    toc = TOC.read(storage, INDEX_NAME)
    clean_files(storage, INDEX_NAME, toc.generation, toc.segments)
    for path in folder.iterdir():  # locks and half-written files of an interrupted writer
        if path.name.endswith("LOCK") or path.name.endswith(".tmp") or path.name.startswith("."):
            path.unlink(missing_ok=True)


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def write_manifest(folder: Path) -> None:
    files = {
        path.name: {"size": path.stat().st_size, "sha256": _digest(path)}
        for path in sorted(folder.iterdir())
        if path.is_file() and path.name != MANIFEST
    }
    (folder / MANIFEST).write_text(
        json.dumps({"version": VERSION, "files": files}, indent=1, sort_keys=True), encoding="utf-8"
    )


def version_of(folder: Path) -> int | None:
    """The schema version an index was written with (None: older than versions, or no manifest)."""
    try:
        return json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError, AttributeError):
        return None


def load_verified(folder: Path) -> tuple[dict[str, bytes], str | None]:
    """Every file of the index in `folder`, read once and checked against its manifest: (the files'
    bytes, None), or ({}, what is wrong: missing, damaged, incomplete). The service searches these
    bytes in memory: a file changed or truncated on disk afterwards cannot reach an answer."""
    try:
        manifest = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))["files"]
    except FileNotFoundError:
        return {}, "chưa có chỉ mục (thiếu MANIFEST.json): chạy invoke build"
    except (OSError, ValueError, KeyError, TypeError):
        return {}, "MANIFEST.json hỏng"
    if not manifest:
        return {}, "chỉ mục trống"
    files = {}
    for name, expected in manifest.items():
        try:
            data = (Path(folder) / name).read_bytes()
            if len(data) != expected["size"] or hashlib.sha256(data).hexdigest() != expected["sha256"]:
                return {}, f"tệp {name} đã bị thay đổi hoặc hỏng"
        except FileNotFoundError:
            return {}, f"thiếu tệp {name}"
        except (OSError, KeyError, TypeError):
            return {}, f"không đọc được tệp {name}"
        files[name] = data
    return files, None


def verify(folder: Path) -> str | None:
    """What is wrong with the index in `folder`, or None when it is whole."""
    return load_verified(folder)[1]
