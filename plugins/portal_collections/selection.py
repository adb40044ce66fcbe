"""Which published items a collection lists, in its order; and which criteria no item carries."""

from dataclasses import dataclass
from datetime import datetime

from portal_content import Problem
from portal_content.fields import DEFAULT_TIME, did_you_mean, on_day
from portal_content.model import DOCUMENT, NEWS
from portal_content.problems import WARNING
from portal_text import sort_key

from .definition import DOCUMENT_ONLY, Collection, same_text

TEXT_CRITERIA = ("issuer", "topics", "tags", "section")


@dataclass(frozen=True)
class Chosen:
    """A collection with what it lists this build."""

    definition: Collection
    items: tuple

    title = property(lambda self: self.definition.title)
    description = property(lambda self: self.definition.description)
    url = property(lambda self: self.definition.url)
    count = property(lambda self: len(self.items))

    @property
    def kind(self) -> str:
        """news or document when it lists one kind, else mixed."""
        kinds = {entry.record.kind for entry in self.items}
        return kinds.pop() if len(kinds) == 1 else "mixed"


def _values(record, key: str) -> tuple[str, ...]:
    """What a record carries for a text criterion, as written."""
    if key == "issuer":
        return getattr(record, "issuers", ())
    if key == "section":
        return (record.section,) if record.kind == NEWS else ()
    return getattr(record, key, ())  # topics, tags


def _texts(record, key: str) -> set[str]:
    return {same_text(value) for value in _values(record, key)}


def matches(collection: Collection, article) -> bool:
    record = article.record
    for key, accepted in collection.criteria.items():
        if key == "kind":
            ok = record.kind in accepted
        elif key in DOCUMENT_ONLY and record.kind != DOCUMENT:
            ok = False
        elif key == "doc_type":
            ok = record.doc_type in accepted
        elif key == "validity":
            ok = article.legal.validity.label in accepted
        elif key == "year":
            ok = (record.issued.year if record.kind == DOCUMENT else record.date.year) in accepted
        else:
            ok = not _texts(record, key).isdisjoint(accepted)
        if not ok:
            return False
    return True


def _moment(record) -> datetime:
    """Documents by date issued (as on Văn bản), news by publication time."""
    if record.kind == DOCUMENT:
        return on_day(record.issued, DEFAULT_TIME)
    return record.date


def select(collection: Collection, articles) -> list:
    """The published news and documents that match, in the collection's order, at most `limit`."""
    chosen = [a for a in articles if a.record.kind in (NEWS, DOCUMENT) and matches(collection, a)]
    chosen.sort(key=lambda a: a.record.source_path)
    if collection.sort == "title":
        chosen.sort(key=lambda a: sort_key(a.record.title))
    else:
        chosen.sort(key=lambda a: _moment(a.record), reverse=collection.sort == "newest")
    return chosen[: collection.limit] if collection.limit else chosen


def unknown_values(collection: Collection, records) -> list[Problem]:
    """Warnings for an issuer, lĩnh vực, từ khóa or chuyên mục that no published item carries."""
    problems = []
    for key in TEXT_CRITERIA:
        if key not in collection.criteria:
            continue
        known = {same_text(name): name for record in records for name in _values(record, key)}
        for value in collection.criteria[key]:
            if value not in known:
                guess = did_you_mean(value, list(known.values()))
                hint = (
                    f'Có phải ý bạn là "{guess}"? ' if guess else "Kiểm tra chính tả, hoặc bỏ qua nếu bài sẽ có sau. "
                )
                problems.append(
                    Problem(
                        collection.source_path,
                        f'chưa có bài nào có "{value}".',
                        hint.rstrip(),
                        collection.lines.get(key),
                        f"criteria.{key}",
                        WARNING,
                    )
                )
    return problems
