"""Publishing rules: what a build at a given moment publishes, lists or keeps back.

- `status: draft`: nowhere in the output, search or feeds.
- a `date` in the future: scheduled, kept back like a draft until a build at or after it.
- `status: hidden`: its own page is built, but it is not listed, searched or fed.
- news and pages past `expires`: they leave listings, feeds and search; the page
  stays and says it has expired. (A legal document's `expires` is legal force,
  not publication: see the legal documents plugin.)

"Today" is the build's clock, or PORTAL_TODAY=YYYY-MM-DD, read as the end of
that day in Vietnam, so an item dated that day is published.
"""

from datetime import date, datetime, time, timedelta
from enum import Enum

from .fields import VIETNAM, on_day
from .model import Item
from .problems import Invalid


class State(Enum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    HIDDEN = "hidden"
    EXPIRED = "expired"
    PUBLISHED = "published"

    @property
    def built(self) -> bool:
        """Has a page of its own in the output."""
        return self in (State.HIDDEN, State.EXPIRED, State.PUBLISHED)

    @property
    def listed(self) -> bool:
        """Appears in listings, feeds and search."""
        return self is State.PUBLISHED

    @property
    def pelican_status(self) -> str:
        return "published" if self.listed else "hidden" if self.built else "skip"


def build_moment(today: str | None, clock: datetime | None = None) -> datetime:
    """The moment a build publishes for: PORTAL_TODAY's last second, or now."""
    if not today:
        return (clock or datetime.now(VIETNAM)).astimezone(VIETNAM)
    try:
        day = date.fromisoformat(today.strip())
    except ValueError:
        raise Invalid(
            f'PORTAL_TODAY="{today}" không phải ngày hợp lệ.',
            "Viết theo dạng YYYY-MM-DD, ví dụ: PORTAL_TODAY=2024-06-16",
        ) from None
    return on_day(day, time(23, 59, 59))


def state_of(item: Item, now: datetime) -> State:
    if item.status == "draft":
        return State.DRAFT
    if item.date > now:
        return State.SCHEDULED
    if item.status == "hidden":
        return State.HIDDEN
    if item.leaves_at is not None and item.leaves_at <= now:
        return State.EXPIRED
    return State.PUBLISHED


FAR_AHEAD = timedelta(days=366)


def far_ahead(items, now: datetime) -> list:
    """Items dated more than a year after today: scheduled, so not on the portal, and most often a
    typo (2041 for 2014) that would take a live item off without a word. A warning each."""
    from .problems import WARNING, Problem

    return [
        Problem(
            item.source_path,
            f"ngày đăng {item.date:%d/%m/%Y} cách hôm nay hơn một năm: bài được hẹn giờ, "
            "chưa có trên cổng đến ngày đó.",
            f"Kiểm tra lại năm (viết nhầm {item.date.year} thay cho năm khác?); nếu đúng là hẹn giờ thì bỏ qua "
            "cảnh báo này.",
            field="date",
            severity=WARNING,
        )
        for item in items
        if item.status != "draft" and item.date > now + FAR_AHEAD
    ]
