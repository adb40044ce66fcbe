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


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()
