"""Typed records of the content, parsed once from each file's YAML header."""

from dataclasses import dataclass
from datetime import date, datetime

NEWS = "news"
DOCUMENT = "document"
PAGE = "page"


@dataclass(frozen=True)
class Attachment:
    path: str  # from the content root, e.g. "files/ct-08-ubnd.pdf"
    title: str
    size: int  # bytes

    @property
    def format(self) -> str:
        return self.path.rsplit(".", 1)[-1].upper() if "." in self.path else ""


@dataclass(frozen=True, kw_only=True)
class Item:
    """What every kind shares: the publication group (date, modified, expiry, status)."""

    kind: str
    source_path: str  # from the content root, e.g. "tin-tuc/dia-phuong/quang-tri.md"
    title: str
    date: datetime  # publication time; in the future = scheduled
    slug: str
    url: str  # from the site root, e.g. "tin-tuc/dia-phuong/quang-tri/"
    body: str  # Markdown
    body_line: int = 1
    modified: datetime | None = None
    summary: str | None = None  # sanitized inline HTML
    status: str = "published"
    leaves_at: datetime | None = None  # news and pages: the moment they leave listings (`expires`)
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class NewsItem(Item):
    section: str  # chuyên mục, e.g. "Địa phương"
    section_slug: str
    author: str | None = None
    source: str | None = None
    image: str | None = None  # from the content root
    image_caption: str | None = None  # sanitized inline HTML
    uid: str | None = None  # lasting feed identity (a UUID); by default from the date and file name


@dataclass(frozen=True, kw_only=True)
class LegalDocument(Item):
    number: str
    doc_type: str
    issuers: tuple[str, ...]
    issued: date
    effective: date
    expires: date | None = None  # ngày hết hiệu lực (legal force; never unpublishes)
    signer: str | None = None
    signer_title: str | None = None
    topics: tuple[str, ...] = ()
    based_on: tuple[str, ...] = ()
    implements: tuple[str, ...] = ()
    amends: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()
    consolidates: tuple[str, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    comment_until: date | None = None

    @property
    def name(self) -> str:
        """How a document is named in a list: "Chỉ thị 15/CT-TTg"."""
        return f"{self.doc_type} {self.number}"

    @property
    def full_title(self) -> str:
        """Name and trích yếu: "Chỉ thị 15/CT-TTg: Về việc tăng cường …"."""
        return f"{self.name}: {self.title}"


@dataclass(frozen=True, kw_only=True)
class StandingPage(Item):
    pass
