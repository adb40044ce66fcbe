"""Building the index from the build's published items, re-indexing only what changed.

An item is a plain dict of the schema's fields (the build's search plugin makes them).
`update_index` starts from a copy of the previous index when there is one: items whose
content hash is unchanged are left alone, changed ones replaced, missing ones deleted.
"""

import hashlib
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from whoosh import index

from .schema import PortalSchema

INDEX_NAME = "portal"


@dataclass
class IndexReport:
    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    seconds: float = 0.0


def content_hash(item: dict) -> str:
    data = json.dumps({k: v for k, v in item.items() if k != "content_hash"}, sort_keys=True, default=str,
                      ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def update_index(folder: Path, items: list[dict], previous: Path | None = None) -> IndexReport:
    """Write the index for `items` into `folder` (created), reusing `previous` where it can."""
    started = time.perf_counter()
    folder = Path(folder)
    report = IndexReport()
    if previous is not None and index.exists_in(previous, indexname=INDEX_NAME):
        shutil.copytree(previous, folder, dirs_exist_ok=True)
        ix = index.open_dir(folder, indexname=INDEX_NAME)
    else:
        folder.mkdir(parents=True, exist_ok=True)
        ix = index.create_in(folder, PortalSchema(), indexname=INDEX_NAME)

    wanted = {}
    for item in items:
        item = dict(item, content_hash=content_hash(item))
        wanted[item["id"]] = item
    with ix.searcher() as searcher:
        existing = {fields["id"]: fields["content_hash"] for fields in searcher.all_stored_fields()}

    # a cold build of many items uses both cores; small updates use one writer
    writer = ix.writer(procs=2, limitmb=128, multisegment=True) if len(wanted) - len(existing) > 500 else ix.writer()
    for doc_id in existing.keys() - wanted.keys():
        writer.delete_by_term("id", doc_id)
        report.deleted += 1
    for doc_id, item in wanted.items():
        if existing.get(doc_id) == item["content_hash"]:
            report.unchanged += 1
            continue
        if doc_id in existing:
            report.updated += 1
        else:
            report.added += 1
        writer.update_document(**item)
    if report.added or report.updated or report.deleted:
        writer.commit()
    else:
        writer.cancel()
    ix.close()
    report.seconds = time.perf_counter() - started
    return report
