"""Which drafts (Dự thảo) take comments now: read from the built site's open data, by the day in Vietnam.

The build exports every listed document with its type, number, day of issue and last day of
comment (`van-ban/du-lieu-mo/van-ban.json`); the service reads it again when a build replaces it,
so a draft's form and its endpoint open and close together.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from search.numbers import day_written, fitting, number_key, parse_cited

from .store import VIETNAM

OPEN_DATA = Path("van-ban") / "du-lieu-mo" / "van-ban.json"
DRAFT_TYPE = "Dự thảo"


class ArticleChoice(NamedTuple):
    number: str  # "5"
    label: str  # "Điều 5. Phạm vi điều chỉnh"


@dataclass(frozen=True)
class Draft:
    number: str
    issued: date
    comment_until: date | None
    url: str
    title: str
    articles: tuple[ArticleChoice, ...] = ()  # each Điều, in order

    @property
    def path(self) -> str:
        """The draft's page from the site root ("/van-ban/…/"): `url` is absolute where SITEURL is set."""
        return urlsplit(self.url).path

    @property
    def article_numbers(self) -> tuple[str, ...]:
        return tuple(number for number, _ in self.articles)

    def article_label(self, number: str | None) -> str | None:
        return next((label for n, label in self.articles if n == number), None)

    @property
    def citation(self) -> str:
        return f"{self.number} ngày {self.issued.day}/{self.issued.month}/{self.issued.year}"

    def open_on(self, day: date) -> bool:
        return self.comment_until is not None and day <= self.comment_until


class Drafts:
    def __init__(self, site: Path):
        self.path = Path(site) / OPEN_DATA
        self._seen = None
        self._drafts: list[Draft] = []

    def _load(self) -> list[Draft]:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return []
        identity = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        if identity != self._seen:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self._drafts = [
                Draft(
                    d["number"],
                    date.fromisoformat(d["issued"]),
                    date.fromisoformat(d["comment_until"]) if d.get("comment_until") else None,
                    d["url"],
                    d["title"],
                    tuple(ArticleChoice(str(a["number"]), str(a["label"])) for a in d.get("articles", ())),
                )
                for d in data.get("documents", [])
                if d.get("doc_type") == DRAFT_TYPE
            ]
            self._seen = identity
        return self._drafts

    def find(self, cited: str) -> Draft | None:
        """The draft a form names ("05/2026/DT-STTTT ngày 15/11/2026", or its number when only one carries it)."""
        named = parse_cited(cited)
        if named is None or named.issuer is not None:
            return None
        day = None
        if named.day:
            try:
                day = day_written(named.day)
            except ValueError:  # a day that does not exist
                return None
            if day is None:  # written otherwise than the form writes it
                return None
        carrying = [d for d in self._load() if number_key(d.number) == number_key(named.number)]
        found = fitting(carrying, day=day, year=named.year)
        return found[0] if len(found) == 1 else None


def today_in_vietnam(now: datetime | None = None) -> date:
    return (now or datetime.now(VIETNAM)).astimezone(VIETNAM).date()
