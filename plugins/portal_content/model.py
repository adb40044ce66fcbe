"""Typed records of the content, parsed once from each file's YAML header."""

import hashlib
from dataclasses import dataclass, fields
from datetime import date, datetime

from portal_text import slugify

NEWS = "news"
DOCUMENT = "document"
PAGE = "page"
QUESTION = "question"  # hỏi đáp: a citizen's question and the agency's answer
LEADER = "leader"  # lãnh đạo: a person who leads the agency
UNIT = "unit"  # đơn vị: a unit of the agency's organisation (cơ cấu tổ chức)


@dataclass(frozen=True)
class Attachment:
    path: str  # from the content root, e.g. "files/ct-08-ubnd.pdf"
    title: str
    size: int  # bytes

    @property
    def format(self) -> str:
        return self.path.rsplit(".", 1)[-1].upper() if "." in self.path else ""


@dataclass(frozen=True)
class Reference:
    """A document named in a relation, as staff cite it: its number, and what tells it apart
    when several documents on the portal carry that number (the year or day of issue, the issuer)."""

    number: str
    issued: date | None = None
    year: int | None = None
    issuer: str | None = None

    def __str__(self) -> str:
        """The citation as a sentence writes it: "08/CT-UBND ngày 16/6/2014 của UBND tỉnh Quảng Trị"."""
        text = self.number
        if self.issued is not None:
            text += f" ngày {self.issued.day}/{self.issued.month}/{self.issued.year}"
        elif self.year is not None:
            text += f" năm {self.year}"
        if self.issuer:
            text += f" của {self.issuer}"
        return text


@dataclass(frozen=True)
class Change:
    """A change note (GOV.UK style): when, and one sentence of what changed."""

    date: datetime
    note: str


@dataclass(frozen=True)
class Declaration:
    """The agency's declaration that a document is no longer applicable (không còn phù hợp): from which
    day, and why (its review of its documents found it no longer fits; it has not been repealed)."""

    date: date
    reason: str


@dataclass(frozen=True)
class Answer:
    """One comment of a consultation and the agency's answer, on its report (tổng hợp, tiếp thu, giải trình)."""

    article: str | None  # the draft's article commented on ("5"); None: the draft as a whole
    comment: tuple[str, ...]  # its paragraphs, as the agency sums it up
    answer: str  # "Tiếp thu", "Tiếp thu một phần" or "Giải trình"
    reply: tuple[str, ...] = ()  # how it was taken in, or why not
    name: str | None = None  # who commented, only where they agreed to their name being published


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
    lang: str = "vi"  # vi, or en for an English version (same slug as the Vietnamese one)
    leaves_at: datetime | None = None  # news and pages: the moment they leave listings (`expires`)
    tags: tuple[str, ...] = ()
    changes: tuple[Change, ...] = ()  # newest first

    @property
    def last_modified(self) -> datetime | None:
        """The last substantive change: `modified`, or the newest change note, whichever is later."""
        moments = [m for m in (self.modified, self.changes[0].date if self.changes else None) if m is not None]
        return max(moments) if moments else None


@dataclass(frozen=True, kw_only=True)
class NewsItem(Item):
    section: str  # chuyên mục, e.g. "Địa phương"
    section_slug: str
    author: str | None = None
    source: str | None = None
    image: str | None = None  # from the content root
    image_size: tuple[int, int] | None = None  # (width, height) in pixels, when the format says it
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
    # relations, declared by the newer document (see portal_legal/relations.py)
    based_on: tuple[Reference, ...] = ()
    implements: tuple[Reference, ...] = ()
    amends: tuple[Reference, ...] = ()
    replaces: tuple[Reference, ...] = ()
    repeals: tuple[Reference, ...] = ()
    partly_repeals: tuple[Reference, ...] = ()
    suspends: tuple[Reference, ...] = ()
    partly_suspends: tuple[Reference, ...] = ()
    consolidates: tuple[Reference, ...] = ()
    no_longer_applicable: Declaration | None = None
    attachments: tuple[Attachment, ...] = ()
    comment_until: date | None = None
    responds_to: tuple[Reference, ...] = ()  # a report of a consultation: the Dự thảo it answers
    comments: tuple[Answer, ...] = ()  # that report's comments, each with its answer

    @property
    def name(self) -> str:
        """How a document is named in a list: "Chỉ thị 15/CT-TTg"."""
        return f"{self.doc_type} {self.number}"

    @property
    def citation(self) -> str:
        """How a sentence cites it, with its day of issue: "Chỉ thị số 15/CT-TTg ngày 22/5/2012"."""
        return f"{self.doc_type} số {self.number} ngày {self.issued.day}/{self.issued.month}/{self.issued.year}"

    @property
    def full_title(self) -> str:
        """Name and trích yếu: "Chỉ thị 15/CT-TTg: Về việc tăng cường …"."""
        return f"{self.name}: {self.title}"


@dataclass(frozen=True, kw_only=True)
class StandingPage(Item):
    pass


@dataclass(frozen=True, kw_only=True)
class Question(Item):
    """Hỏi đáp: the question as asked (its paragraphs, plain text), who asked it as the agency chooses to
    show it, when it was asked and answered, and the unit that answered; the body is the answer."""

    question: tuple[str, ...]
    asked: date
    answered: date
    answered_by: str
    asker: str | None = None
    topics: tuple[str, ...] = ()  # lĩnh vực
    receipt: str | None = None  # the code the write path gave the question (invoke hoi-dap --to-content)


@dataclass(frozen=True, kw_only=True)
class Leader(Item):
    """Lãnh đạo: the title is the person's name; the body is the short biography (tiểu sử tóm tắt)."""

    position: str  # chức vụ
    order: int = 100  # smaller first
    phone: str | None = None
    email: str | None = None
    photo: str | None = None  # from the content root
    photo_size: tuple[int, int] | None = None
    portfolio: tuple[str, ...] = ()  # nhiệm vụ phụ trách


@dataclass(frozen=True, kw_only=True)
class Unit(Item):
    """Đơn vị: the title is the unit's name; the body is its functions and tasks (chức năng, nhiệm vụ)."""

    group: str  # khối, e.g. "Cơ quan tham mưu", "Đơn vị sự nghiệp"
    order: int = 100
    head: str | None = None  # người đứng đầu
    head_title: str | None = None  # chức vụ người đứng đầu
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None  # the unit's own portal


def document_slug(doc_type: str, number: str, issued: date) -> str:
    """A document's lasting name in its URL and ids: type, number and day of issue.

    "Chỉ thị 08/CT-UBND" of 16/6/2014 -> "chi-thi-08-ct-ubnd-ngay-16-06-2014". The day is always
    there, so the name never changes when a document with the same number comes later.
    """
    return f"{slugify(f'{doc_type} {number}')}-ngay-{issued:%d-%m-%Y}"


def record_digest(item: Item) -> bytes:
    """What a page can show of a record, as a digest: every field but the Markdown `body` (pages show
    the rendered body, digested on its own). Worked out once, when the file is read, and kept with the
    read cache's entry; a page's fingerprint takes it instead of walking the record. The repr() of a
    record is complete and the same in every process (frozen dataclasses of plain values)."""
    shown = tuple(getattr(item, f.name) for f in fields(item) if f.name != "body")
    return hashlib.blake2b(repr((type(item).__name__, shown)).encode(), digest_size=16).digest()
