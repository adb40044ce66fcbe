"""Tình trạng hiệu lực: a pure function of a document, what replaces it, and today.

- Chưa có hiệu lực before `effective`;
- Hết hiệu lực from the `expires` day on, or from the day a document that replaces it takes effect;
- otherwise Còn hiệu lực.
A Dự thảo has no legal force: it is "Chưa có hiệu lực" and says until when comments are taken.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from portal_content import LegalDocument
from portal_text import vn_date

NOT_YET = "Chưa có hiệu lực"
IN_FORCE = "Còn hiệu lực"
EXPIRED = "Hết hiệu lực"
LABELS = (IN_FORCE, NOT_YET, EXPIRED)
SLUGS = {NOT_YET: "chua-co-hieu-luc", IN_FORCE: "con-hieu-luc", EXPIRED: "het-hieu-luc"}
DRAFT_TYPE = "Dự thảo"


@dataclass(frozen=True)
class Validity:
    label: str  # one of LABELS
    reason: str  # in words, for the badge and the page
    since: date | None = None  # the day the current state began
    comment_open: bool | None = None  # for a Dự thảo: still taking comments?

    @property
    def slug(self) -> str:
        return SLUGS[self.label]

    @property
    def in_force(self) -> bool:
        return self.label == IN_FORCE


def cited_as(doc: LegalDocument) -> str:
    """"Nghị định số 42/2022/NĐ-CP", as a sentence names a document."""
    return f"{doc.doc_type} số {doc.number}"


def comment_closes(doc: LegalDocument) -> date | None:
    """The day a Dự thảo stops taking comments: the day after `comment_until`."""
    return doc.comment_until + timedelta(days=1) if doc.comment_until is not None else None


def validity_of(doc: LegalDocument, replaced_by: list[LegalDocument], today: date) -> Validity:
    if doc.doc_type == DRAFT_TYPE:
        if doc.comment_until is None:
            return Validity(NOT_YET, "Dự thảo, chưa có hiệu lực", comment_open=None)
        if today < comment_closes(doc):
            return Validity(NOT_YET, f"Dự thảo, đang lấy ý kiến đến hết ngày {vn_date(doc.comment_until)}",
                            comment_open=True)
        return Validity(NOT_YET, f"Dự thảo, đã hết thời gian lấy ý kiến (ngày {vn_date(doc.comment_until)})",
                        comment_open=False)

    ends = []
    if doc.expires is not None and doc.expires <= today:
        ends.append((doc.expires, ""))
    for newer in replaced_by:
        if newer.effective <= today:
            ends.append((newer.effective, f", được thay thế bởi {cited_as(newer)}"))
    if ends:
        day, why = min(ends, key=lambda end: end[0])
        return Validity(EXPIRED, f"Hết hiệu lực từ {vn_date(day)}{why}", since=day)
    if today < doc.effective:
        return Validity(NOT_YET, f"Chưa có hiệu lực; có hiệu lực từ {vn_date(doc.effective)}", since=None)
    reason = f"Còn hiệu lực từ {vn_date(doc.effective)}"
    pending = [newer for newer in replaced_by if newer.effective > today]
    if pending:
        first = min(pending, key=lambda newer: newer.effective)
        reason += f"; sẽ được thay thế bởi {cited_as(first)} từ {vn_date(first.effective)}"
    elif doc.expires is not None:
        reason += f"; hết hiệu lực từ {vn_date(doc.expires)}"
    return Validity(IN_FORCE, reason, since=doc.effective)
