"""The moments the portal would change by itself, with no one editing a file.

A scheduled item going live, a news item or page leaving the listings, a document taking or
losing effect (which also ends the force of what it replaces), a Dự thảo's comment period
closing. A build at or after such a moment publishes something different; cron or CI can
rebuild exactly then.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from portal_content.model import DOCUMENT, NEWS

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
KIND = {NEWS: "tin", DOCUMENT: "văn bản"}


@dataclass(frozen=True, order=True)
class Change:
    at: datetime
    what: str  # in words, for the console and the file
    path: str  # the content file, from the content root


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), VIETNAM)


def _name(item) -> str:
    if item.kind == DOCUMENT:
        return f"{item.doc_type} {item.number}"
    return f'{KIND.get(item.kind, "trang")} "{item.title}"'


def upcoming(items, now: datetime) -> list[Change]:
    """Every change still to come, soonest first."""
    found = []
    for item in items:
        if item.status == "draft":
            continue
        name, path = _name(item), item.source_path
        if item.date > now:
            found.append(Change(item.date, f"đăng {name}", path))
        if item.leaves_at is not None and item.leaves_at > now and item.status != "hidden":
            found.append(Change(item.leaves_at, f"{name} hết hạn, rời khỏi danh sách", path))
        if item.kind != DOCUMENT:
            continue
        if item.doc_type == "Dự thảo":
            if item.comment_until is not None and _midnight(item.comment_until + timedelta(days=1)) > now:
                found.append(Change(_midnight(item.comment_until + timedelta(days=1)),
                                    f"{name} hết thời gian lấy ý kiến", path))
            continue
        if _midnight(item.effective) > now:
            what = f"{name} có hiệu lực"
            if item.replaces:
                what += ", thay thế " + ", ".join(item.replaces)
            found.append(Change(max(_midnight(item.effective), item.date), what, path))
        if item.expires is not None and _midnight(item.expires) > now:
            found.append(Change(_midnight(item.expires), f"{name} hết hiệu lực", path))
    return sorted(found)


def as_json(changes: list[Change], now: datetime) -> dict:
    """What the public file says: when, never what (a scheduled item is embargoed until then)."""
    first = changes[0] if changes else None
    return {
        "built_for": now.isoformat(timespec="seconds"),
        "next": first.at.isoformat(timespec="seconds") if first else None,
        "next_unix": int(first.at.timestamp()) if first else None,
    }
