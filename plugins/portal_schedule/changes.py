"""The moments the portal would change by itself, with no one editing a file.

A scheduled item going live, a news item or page leaving the listings, a document taking or
losing effect (which also ends the force of what it replaces), a Dự thảo's comment period
closing. A build at or after such a moment publishes something different; cron or CI can
rebuild exactly then.
"""

from dataclasses import dataclass
from datetime import datetime

from portal_content.fields import on_day
from portal_content.model import DOCUMENT, NEWS
from portal_legal.validity import DRAFT_TYPE, comment_closes

KIND = {NEWS: "tin", DOCUMENT: "văn bản"}


@dataclass(frozen=True, order=True)
class Change:
    at: datetime
    what: str  # in words, for the console and the file
    path: str  # the content file, from the content root


def _name(item) -> str:
    if item.kind == DOCUMENT:
        return item.name
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
        if item.doc_type == DRAFT_TYPE:
            closes = comment_closes(item)
            if closes is not None and on_day(closes) > now:
                found.append(Change(on_day(closes), f"{name} hết thời gian lấy ý kiến", path))
            continue
        if on_day(item.effective) > now:
            what = f"{name} có hiệu lực"
            for key, verb in (
                ("replaces", "thay thế"),
                ("repeals", "bãi bỏ"),
                ("partly_repeals", "bãi bỏ một phần"),
                ("suspends", "đình chỉ"),
                ("partly_suspends", "ngưng hiệu lực một phần"),
            ):
                if getattr(item, key):
                    what += f", {verb} " + ", ".join(map(str, getattr(item, key)))
            found.append(Change(max(on_day(item.effective), item.date), what, path))
        if item.expires is not None and on_day(item.expires) > now:
            found.append(Change(on_day(item.expires), f"{name} hết hiệu lực", path))
        declared = item.no_longer_applicable
        if declared is not None and on_day(declared.date) > now:
            found.append(Change(on_day(declared.date), f"{name} không còn phù hợp", path))
    return sorted(found)


def as_json(changes: list[Change], now: datetime) -> dict:
    """What the public file says: when, never what (a scheduled item is embargoed until then)."""
    first = changes[0] if changes else None
    return {
        "built_for": now.isoformat(timespec="seconds"),
        "next": first.at.isoformat(timespec="seconds") if first else None,
        "next_unix": int(first.at.timestamp()) if first else None,
    }
