"""What a document page shows, assembled once per build from the graph and the validities."""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .validity import Validity


@dataclass(frozen=True)
class RelatedView:
    label: str
    number: str
    url: str | None = None  # None: not on the portal, shown as text
    doc_type: str | None = None
    issued: object = None
    validity: Validity | None = None
    published: object = None  # when the other document appeared on the portal (feeds' `updated`)


@dataclass(frozen=True)
class AttachmentView:
    title: str
    url: str
    format: str
    size: int
    sha256: str


@dataclass
class LegalInfo:
    """What a document's page shows of its legal standing (the site model's `Entry.legal`)."""

    validity: Validity
    related: list[tuple[str, list[RelatedView]]] = field(default_factory=list)
    cited_by: list = field(default_factory=list)  # records of the news and documents citing it, newest first
    questions: list = field(default_factory=list)  # records of the answered questions citing it, newest first
    attachments: list[AttachmentView] = field(default_factory=list)
    jsonld: str = ""
    articles: tuple = ()  # portal_content.articles.Article: the table of contents of a long text
    history: tuple = ()  # validity.Event: the lịch sử hiệu lực, oldest first
    relation_map: tuple = ()  # relation_map(): the lược đồ, vbpl.vn's groups around the document
    consultations: tuple = ()  # consultation.Consultation: a draft's report(s), or a report's draft, by article


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


# the lược đồ's groups, as vbpl.vn draws them around a document: both directions of each relation together
MAP_GROUPS = (
    ("can-cu", "Căn cứ", ("Căn cứ", "Được làm căn cứ cho")),
    ("huong-dan", "Hướng dẫn", ("Thực hiện, hướng dẫn", "Được thực hiện, hướng dẫn bởi")),
    ("sua-doi", "Sửa đổi, bổ sung", ("Sửa đổi, bổ sung", "Được sửa đổi, bổ sung bởi")),
    ("thay-the", "Thay thế", ("Thay thế", "Bị thay thế bởi")),
    ("bai-bo", "Bãi bỏ", ("Bãi bỏ", "Bị bãi bỏ bởi", "Bãi bỏ một phần", "Bị bãi bỏ một phần bởi")),
    (
        "dinh-chi",
        "Đình chỉ, ngưng hiệu lực",
        ("Đình chỉ", "Bị đình chỉ bởi", "Ngưng hiệu lực một phần", "Bị ngưng hiệu lực một phần bởi"),
    ),
    ("hop-nhat", "Hợp nhất", ("Hợp nhất", "Được hợp nhất trong")),
    ("dan-chieu", "Dẫn chiếu", ("Được dẫn chiếu trong",)),
)


def relation_map(related: list, citing: list) -> tuple:
    """The lược đồ: (key, group, [(label, RelatedView)]) for each of vbpl.vn's groups that has a document,
    from the document's relations (`related`: (label, views), both directions) and the documents that cite
    it in their text (`citing`: RelatedView, "Được dẫn chiếu trong")."""
    by_label = dict(related)
    if citing:
        by_label["Được dẫn chiếu trong"] = citing
    groups = []
    for key, name, labels in MAP_GROUPS:
        rows = [(label, view) for label in labels for view in by_label.get(label, ())]
        if rows:
            groups.append((key, name, rows))
    return tuple(groups)
