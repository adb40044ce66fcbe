"""Tình trạng hiệu lực: a pure function of a document, the documents that act on it, and today.

The seven states vbpl.vn shows (PRODUCT.md, "Validity"):
- Chưa có hiệu lực before `effective`;
- Hết hiệu lực from the `expires` day on, or from the day a document that replaces or repeals it
  takes effect;
- Ngưng hiệu lực while a document that suspends it is in force;
- Không còn phù hợp from the day of the agency's declaration (`no_longer_applicable`);
- Ngưng hiệu lực một phần while a document that partly suspends it is in force;
- Hết hiệu lực một phần from the day a document that partly repeals it takes effect;
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
SUSPENDED = "Ngưng hiệu lực"
PARTLY_EXPIRED = "Hết hiệu lực một phần"
PARTLY_SUSPENDED = "Ngưng hiệu lực một phần"
NOT_APPLICABLE = "Không còn phù hợp"
# in the order lists and filters show them
LABELS = (IN_FORCE, PARTLY_EXPIRED, PARTLY_SUSPENDED, SUSPENDED, NOT_APPLICABLE, NOT_YET, EXPIRED)
SLUGS = {
    NOT_YET: "chua-co-hieu-luc",
    IN_FORCE: "con-hieu-luc",
    EXPIRED: "het-hieu-luc",
    SUSPENDED: "ngung-hieu-luc",
    PARTLY_SUSPENDED: "ngung-hieu-luc-mot-phan",
    PARTLY_EXPIRED: "het-hieu-luc-mot-phan",
    NOT_APPLICABLE: "khong-con-phu-hop",
}
DRAFT_TYPE = "Dự thảo"
# how the reason names what ended or limited the force
_BY = {
    "replaces": "được thay thế bởi",
    "repeals": "bị bãi bỏ bởi",
    "partly_repeals": "bị bãi bỏ một phần bởi",
    "suspends": "bị đình chỉ bởi",
    "partly_suspends": "bị ngưng hiệu lực một phần bởi",
}


@dataclass(frozen=True)
class Validity:
    label: str  # one of LABELS
    reason: str  # in words, for the badge and the page
    since: date | None = None  # the day the current state began
    comment_open: bool | None = None  # for a Dự thảo: still taking comments?
    ended: date | None = None  # the day the document's force ended (Hết hiệu lực), for JSON-LD

    @property
    def slug(self) -> str:
        return SLUGS[self.label]

    @property
    def in_force(self) -> bool:
        return self.label in (IN_FORCE, PARTLY_EXPIRED, PARTLY_SUSPENDED)

    @property
    def partly(self) -> bool:
        return self.label in (PARTLY_EXPIRED, PARTLY_SUSPENDED)


def cited_as(doc: LegalDocument) -> str:
    """ "Nghị định số 42/2022/NĐ-CP", as a sentence names a document."""
    return f"{doc.doc_type} số {doc.number}"


def comment_closes(doc: LegalDocument) -> date | None:
    """The day a Dự thảo stops taking comments: the day after `comment_until`."""
    return doc.comment_until + timedelta(days=1) if doc.comment_until is not None else None


def _in_force_on(doc: LegalDocument, today: date) -> bool:
    """Whether a document acting on another is itself in force (its own dates only)."""
    return doc.effective <= today and (doc.expires is None or today < doc.expires)


def _first_acting(label: str, kind: str, acting: list) -> Validity | None:
    """The state the earliest of `acting` (documents acting on this one as `kind`) puts it in, or None."""
    if not acting:
        return None
    first = min(acting, key=lambda other: other.effective)
    return Validity(
        label, f"{label} từ {vn_date(first.effective)}, {_BY[kind]} {cited_as(first)}", since=first.effective
    )


def validity_of(doc: LegalDocument, changed_by: dict, today: date) -> Validity:
    """`changed_by`: the documents acting on this one, by relation: {"replaces": [...], "suspends": [...]}."""
    if doc.doc_type == DRAFT_TYPE:
        if doc.comment_until is None:
            return Validity(NOT_YET, "Dự thảo, chưa có hiệu lực", comment_open=None)
        if today < comment_closes(doc):
            return Validity(
                NOT_YET, f"Dự thảo, đang lấy ý kiến đến hết ngày {vn_date(doc.comment_until)}", comment_open=True
            )
        return Validity(
            NOT_YET, f"Dự thảo, đã hết thời gian lấy ý kiến (ngày {vn_date(doc.comment_until)})", comment_open=False
        )

    ends = []
    if doc.expires is not None and doc.expires <= today:
        ends.append((doc.expires, ""))
    for kind in ("replaces", "repeals"):
        for newer in changed_by.get(kind, ()):
            if newer.effective <= today:
                ends.append((newer.effective, f", {_BY[kind]} {cited_as(newer)}"))
    if ends:
        day, why = min(ends, key=lambda end: end[0])
        return Validity(EXPIRED, f"Hết hiệu lực từ {vn_date(day)}{why}", since=day, ended=day)
    if today < doc.effective:
        return Validity(NOT_YET, f"Chưa có hiệu lực; có hiệu lực từ {vn_date(doc.effective)}", since=None)
    acting = _first_acting(SUSPENDED, "suspends", [s for s in changed_by.get("suspends", ()) if _in_force_on(s, today)])
    if acting is not None:
        return acting
    declared = doc.no_longer_applicable
    if declared is not None and declared.date <= today:
        return Validity(
            NOT_APPLICABLE, f"Không còn phù hợp từ {vn_date(declared.date)}: {declared.reason}", since=declared.date
        )
    acting = _first_acting(
        PARTLY_SUSPENDED,
        "partly_suspends",
        [s for s in changed_by.get("partly_suspends", ()) if _in_force_on(s, today)],
    ) or _first_acting(
        PARTLY_EXPIRED, "partly_repeals", [p for p in changed_by.get("partly_repeals", ()) if p.effective <= today]
    )
    if acting is not None:
        return acting
    reason = f"Còn hiệu lực từ {vn_date(doc.effective)}"
    pending = [
        (newer, kind)
        for kind in ("replaces", "repeals")
        for newer in changed_by.get(kind, ())
        if newer.effective > today
    ]
    if pending:
        first, kind = min(pending, key=lambda p: p[0].effective)
        verb = "sẽ được thay thế bởi" if kind == "replaces" else "sẽ bị bãi bỏ bởi"
        reason += f"; {verb} {cited_as(first)} từ {vn_date(first.effective)}"
    elif doc.expires is not None:
        reason += f"; hết hiệu lực từ {vn_date(doc.expires)}"
    elif declared is not None:
        reason += f"; không còn phù hợp từ {vn_date(declared.date)}"
    return Validity(IN_FORCE, reason, since=doc.effective)


@dataclass(frozen=True)
class Event:
    """One event of a document's lịch sử hiệu lực: the day, what happened, and the document that did it."""

    day: date
    what: str  # "Có hiệu lực", "Được sửa đổi, bổ sung bởi", …
    by: LegalDocument | None = None
    note: str = ""  # a declaration's reason
    to_come: bool = False  # after today: scheduled


# the events other documents cause, by the relation they declare (the day: when the acting one takes effect)
_CAUSED = {
    "amends": "Được sửa đổi, bổ sung bởi",
    "partly_repeals": "Bị bãi bỏ một phần bởi",
    "partly_suspends": "Bị ngưng hiệu lực một phần bởi",
    "suspends": "Bị đình chỉ bởi",
    "repeals": "Bị bãi bỏ bởi",
    "replaces": "Bị thay thế bởi",
    "consolidates": "Được hợp nhất trong",
}


def validity_history(doc: LegalDocument, changed_by: dict, today: date) -> tuple[Event, ...]:
    """Every event of the document's legal life, oldest first (vbpl.vn's "lịch sử"): issued, in force,
    what other documents did to it and when, its declaration and its expiry. A Dự thảo has only its issue."""
    events = [Event(doc.issued, "Ban hành")]
    if doc.doc_type == DRAFT_TYPE:
        return tuple(events)
    events.append(Event(doc.effective, "Có hiệu lực"))
    for kind, what in _CAUSED.items():
        for other in changed_by.get(kind, ()):
            day = other.issued if kind == "consolidates" else other.effective
            events.append(Event(day, what, other))
            if kind in ("suspends", "partly_suspends") and other.expires is not None:
                events.append(Event(other.expires, "Hết thời gian ngưng hiệu lực theo", other))
    if doc.no_longer_applicable is not None:
        declared = doc.no_longer_applicable
        events.append(Event(declared.date, "Được xác định không còn phù hợp", note=declared.reason))
    if doc.expires is not None:
        events.append(Event(doc.expires, "Hết hiệu lực"))
    order = {what: index for index, what in enumerate(["Ban hành", "Có hiệu lực", *_CAUSED.values()])}
    events.sort(key=lambda e: (e.day, order.get(e.what, 99), e.by.number if e.by else ""))
    return tuple(Event(e.day, e.what, e.by, e.note, e.day > today) for e in events)
