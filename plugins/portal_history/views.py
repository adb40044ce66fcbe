"""What pages show of an item's history: the line "Cập nhật lần cuối …" on its page, and its Lịch sử page
(every published version, newest first, each with what changed from the one before)."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from .read import History, Trail, Version
from .redline import redline

HISTORY_PAGE = "lich-su/"  # under the item's own address


@dataclass(frozen=True)
class ItemHistory:
    """The line on an item's page."""

    changed: datetime | None  # when its newest version was published (None: no history)
    note: str  # why: the change note of that version
    approver: str  # with review: who approved it
    versions: int
    page: str | None  # the Lịch sử page's address, when there are two versions or more
    unavailable: str = ""  # why there is no history (no git, a shallow clone)


@dataclass(frozen=True)
class VersionView:
    number: int  # 1 for the first version
    when: datetime
    label: str  # "Đăng lần đầu", "Cập nhật", "Cập nhật thông tin", "Đính chính"
    note: str
    approver: str
    approval: str  # the approval's note
    authors: tuple[str, ...]
    fields: tuple[str, ...]  # header fields changed from the version before, as text
    redline: str  # the text with <del> and <ins>, escaped ("" for the first version, or when the text is the same)


@dataclass(frozen=True)
class HistoryPage:
    url: str  # the item's address + lich-su/
    item_url: str
    name: str  # how the item is called ("Chỉ thị 15/CT-TTg", or its title)
    versions: tuple[VersionView, ...]  # newest first
    review: bool


def item_history(history: History, record, name: str, issued_document: bool) -> tuple[ItemHistory, HistoryPage | None]:
    if not history.available:
        return ItemHistory(None, "", "", 0, None, history.note), None
    trail = history.files.get(record.source_path)
    if trail is None or not trail.versions:
        return ItemHistory(None, "", "", 0, None, "Tệp này chưa được commit vào kho git."), None
    views = _views(history, trail, record, issued_document)
    newest = views[-1]
    page = record.url + HISTORY_PAGE if len(views) > 1 else None
    line = ItemHistory(newest.when, newest.note, newest.approver, len(views), page)
    if page is None:
        return line, None
    return line, HistoryPage(page, record.url, name, tuple(reversed(views)), history.review)


def _views(history: History, trail: Trail, record, issued_document: bool) -> list[VersionView]:
    views: list[VersionView] = []
    previous: Version | None = None
    for number, version in enumerate(trail.versions, 1):
        note = _note(record.changes, previous, version)
        if previous is None:
            views.append(
                VersionView(
                    1, version.when, "Đăng lần đầu", note, version.approver, version.approval, version.authors, (), ""
                )
            )
            previous = version
            continue
        before, after = history.text(previous), history.text(version)
        fields, marked, text_changed = (
            redline(before, after) if before is not None and after is not None else ((), "", False)
        )
        if issued_document:
            label = "Đính chính" if text_changed else "Cập nhật thông tin"
        else:
            label = "Cập nhật"
        views.append(
            VersionView(
                number,
                version.when,
                label,
                note,
                version.approver,
                version.approval,
                version.authors,
                fields,
                marked if text_changed else "",
            )
        )
        previous = version
    return views


def _note(changes, previous: Version | None, version: Version) -> str:
    """A version's change note: the `changes:` entry staff wrote for it (dated after the version before,
    up to this one), else its commit messages."""
    start = previous.when.date() if previous else None
    for change in changes:  # newest first
        day = change.date.date() if hasattr(change.date, "date") else change.date
        if day <= version.when.date() and (start is None or day > start):
            return change.note
    return "; ".join(dict.fromkeys(version.subjects))


def pages_by_url(pages) -> Mapping[str, HistoryPage]:
    return {page.url: page for page in pages}
