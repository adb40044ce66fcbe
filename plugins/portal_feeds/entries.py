"""What one feed entry says about a published item: plain data, computed once per build.

Ids never change once published: a document's comes from its number, a news item's from its
`uid` key or else from its publication date and file name (a new title or another chuyên
mục keeps it). `updated` is the latest of the item's own edit and, for a document, the day
its validity last changed and the publication of the newest document that relates to it.
"""

import html
import mimetypes
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from urllib.parse import urljoin

from portal_content.fields import on_day
from portal_content.model import DOCUMENT, QUESTION
from portal_legal.opendata import document_id
from portal_legal.validity import comment_closes
from portal_sanitize import rewrite_links, to_text
from portal_text import slugify, vn_date


@dataclass(frozen=True)
class Enclosure:
    url: str
    length: int
    type: str
    title: str


@dataclass(frozen=True)
class Entry:
    id: str  # a tag: or urn:uuid: URI
    title: str
    link: str  # absolute
    published: datetime
    updated: datetime
    summary: str  # plain text
    content: str  # sanitized HTML with absolute links
    author: str
    categories: tuple[tuple[str, str], ...]  # (term, label)
    enclosures: tuple[Enclosure, ...] = ()


@dataclass(frozen=True)
class Identity:
    """Where ids come from: a domain the agency owns and a day it owned it (RFC 4151)."""

    authority: str
    since: str  # YYYY-MM-DD

    def tag(self, specific: str) -> str:
        return f"tag:{self.authority},{self.since}:{specific}"


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def absolute_links(content: str, page: str) -> str:
    """Every link and image of an entry made absolute, resolved against its page's URL:
    feed readers show entries away from the site."""
    return rewrite_links(content, lambda attribute, url: None if _SCHEME.match(url) else urljoin(page, url))


def entry_id(record, identity: Identity) -> str:
    if record.kind == DOCUMENT:  # the id the open data gives it too
        return identity.tag("van-ban/" + document_id(record))
    if getattr(record, "uid", None):
        return f"urn:uuid:{record.uid}"
    stem = PurePosixPath(record.source_path).stem
    return identity.tag(f"tin-tuc/{record.date:%Y%m%d%H%M}/{slugify(stem)}")


def updated_of(article) -> datetime:
    """The last time the entry's content changed, from the content alone (so builds agree)."""
    record = article.record
    moments = [record.date, record.last_modified or record.date]
    legal = getattr(article, "legal", None)
    if record.kind == DOCUMENT and legal is not None:
        if legal.validity.since is not None:  # took effect or lost it
            moments.append(on_day(legal.validity.since))
        if legal.validity.comment_open is False:
            moments.append(on_day(comment_closes(record)))
        moments.extend(row.published for _, rows in legal.related for row in rows if row.published is not None)
    return max(moments)


def _document_block(record, legal) -> str:
    """The properties a subscriber needs before opening the page: number, type, issuer, validity."""
    rows = [
        ("Số ký hiệu", record.number),
        ("Loại văn bản", record.doc_type),
        ("Cơ quan ban hành", ", ".join(record.issuers)),
        ("Ngày ban hành", vn_date(record.issued)),
        ("Ngày có hiệu lực", vn_date(record.effective)),
    ]
    if legal is not None:
        rows.append(("Tình trạng hiệu lực", legal.validity.reason))
    if record.signer:
        rows.append(("Người ký", f"{record.signer_title} {record.signer}" if record.signer_title else record.signer))
    cells = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows)
    return f"<table>{cells}</table>"


def _history_block(record) -> str:
    if not record.changes:
        return ""
    items = "".join(f"<li>{vn_date(c.date)}: {html.escape(c.note)}</li>" for c in record.changes)
    return f"<h2>Lịch sử cập nhật</h2><ol>{items}</ol>"


def _attachments_block(enclosures) -> str:
    if not enclosures:
        return ""
    items = "".join(
        f'<li><a href="{html.escape(e.url)}">{html.escape(e.title)}</a> ({e.length:,} byte)</li>' for e in enclosures
    )
    return f"<h2>Tệp đính kèm</h2><ul>{items}</ul>"


def entry_of(article, base: str, identity: Identity, publisher: str) -> Entry:
    """One published item as a feed entry; `base` is the site's absolute URL, without a final /."""
    record = article.record
    link = f"{base}/{record.url}"
    page_html = article.content  # Pelican works this out on every access
    content = absolute_links(page_html, link)
    if record.kind == DOCUMENT:
        legal = getattr(article, "legal", None)
        enclosures = tuple(
            Enclosure(
                f"{base}/{f.path}", f.size, mimetypes.guess_type(f.path)[0] or "application/octet-stream", f.title
            )
            for f in record.attachments
        )
        title = record.full_title
        content = _document_block(record, legal) + content + _attachments_block(enclosures)
        author = ", ".join(record.issuers)
        categories = [("loai/" + slugify(record.doc_type), record.doc_type)]
        categories += [("co-quan/" + slugify(i), i) for i in record.issuers]
        categories += [("linh-vuc/" + slugify(t), t) for t in record.topics]
        if legal is not None:
            categories.append(("hieu-luc/" + legal.validity.slug, legal.validity.label))
    elif record.kind == QUESTION:
        enclosures = ()
        title = record.title
        asked = "".join(f"<p>{html.escape(p)}</p>" for p in record.question)
        who = html.escape(record.asker or "Bạn đọc")
        content = (
            f"<h2>Câu hỏi</h2><p>{who} hỏi ngày {record.asked:%d/%m/%Y}</p>{asked}"
            f"<h2>Trả lời</h2><p>{html.escape(record.answered_by)} trả lời ngày {record.answered:%d/%m/%Y}</p>"
            + content
        )
        author = record.answered_by
        categories = [("hoi-dap", "Hỏi đáp")] + [("linh-vuc/" + slugify(t), t) for t in record.topics]
    else:
        enclosures = ()
        title = record.title
        if record.image:
            figure = f'<p><img src="{base}/{html.escape(record.image)}" alt=""></p>'
            content = figure + content
        author = record.author or publisher
        categories = [("chuyen-muc/" + record.section_slug, record.section)]
    categories += [("tu-khoa/" + slugify(t), t) for t in record.tags]
    content += _history_block(record)
    said = " ".join(record.question) if record.kind == QUESTION else article.body_text  # a question: its words
    summary = to_text(record.summary) if record.summary else _first_words(said, 60)
    return Entry(
        id=entry_id(record, identity),
        title=title,
        link=link,
        published=record.date,
        updated=updated_of(article),
        summary=summary,
        content=content,
        author=author,
        categories=tuple(categories),
        enclosures=enclosures,
    )


def _first_words(text: str, count: int) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")
