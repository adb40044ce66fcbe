"""The site model: everything a build publishes, decided once, frozen, before anything is written.

`assemble.py` makes it from what was read; the writers (templates, feeds, open data, the search
index, the sitemap) only write it out. What an item is, whether it is public, what it links to
and how it is called are answered here and nowhere else.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any

from portal_content import Item, Problem, State

NOT_FED = {"page", "leader", "unit"}  # what stands, rather than happens: no feed entry


@dataclass(frozen=True)
class Visibility:
    """Where an item may appear. Decided once from its publishing state and kind."""

    built: bool  # has a page of its own
    listed: bool  # in listings, facets, collections and the sitemap
    searchable: bool  # in the search index
    fed: bool  # in RSS/Atom feeds and open data

    @classmethod
    def of(cls, state: State, kind: str) -> "Visibility":
        listed = state.listed
        return cls(built=state.built, listed=listed, searchable=listed, fed=listed and kind not in NOT_FED)


@dataclass(frozen=True, eq=False)
class Entry:
    """One item of the site as every writer sees it.

    `content` is the body as published (citations linked, links to files resolved); `lead` the
    sapo with its citations linked. `record` is the typed record read from the file, `pelican` the
    object Pelican writes the item's own page from.
    """

    record: Item
    pelican: Any
    publishing: State
    visibility: Visibility
    name: str  # how a list names it: "Chỉ thị 15/CT-TTg" for a document, its title otherwise
    content: str
    lead: str | None
    body_text: str  # the body as plain text (search, feed summaries)
    legal: Any = None  # portal_legal.view.LegalInfo, for documents
    other_news: tuple[Item, ...] = ()  # news: "Tin khác", newest first
    cites: frozenset[str] = frozenset()  # source paths of the documents its body or lead cites
    translations: tuple[tuple[str, str], ...] = ()  # (lang, url) of its other versions: same kind and slug
    history: Any = None  # portal_history.views.ItemHistory: when it last changed, why, its Lịch sử page

    @property
    def url(self) -> str:
        return self.record.url

    @property
    def source_path(self) -> str:
        return self.record.source_path


@dataclass(frozen=True)
class SitemapEntry:
    url: str  # from the site root
    lastmod: datetime


@dataclass(frozen=True)
class Site:
    """The whole portal as one build publishes it at `now`."""

    now: datetime
    entries: Mapping[str, Entry]  # every built item, by source path
    news: tuple[Entry, ...]  # listed news, newest first
    documents: tuple[Entry, ...]  # listed documents, newest issued first
    questions: tuple[Entry, ...]  # listed answered questions (hỏi đáp), newest first
    leaders: tuple[Entry, ...]  # lãnh đạo, by their order, then name
    units: tuple[Entry, ...]  # đơn vị, by group (the group of the smallest order first), order, then name
    unit_portals: tuple[tuple[str, str], ...]  # (name, address) of each unit's own portal: every page's footer
    pages: tuple[Entry, ...]  # listed standing pages
    listings: tuple  # portal_listings.Listing: Tin tức, Văn bản, each chuyên mục
    sections: tuple[tuple[str, str], ...]  # (url, name) of each chuyên mục
    tags: tuple  # portal_listings.Listing per từ khóa, at /tu-khoa/<slug>/
    facets: tuple  # portal_legal.facets.Facet
    collections: tuple  # portal_collections: each chuyên đề with what it lists
    channels: tuple  # portal_feeds.Channel
    feed_links: Mapping[str, tuple]  # page URL -> the channels it names
    open_data: tuple[list[dict], list[dict]]  # documents and relation edges, as exported
    sitemap: tuple[SitemapEntry, ...]
    search_documents: tuple[dict, ...]
    next_changes: tuple  # portal_schedule.Change, soonest first
    statistics: tuple  # portal_statistics.Table: documents and news counted (the Thống kê page)
    problems: tuple[Problem, ...]  # what the model found (relations, citations, collections)
    # source path -> the digest of its record (portal_content.model.record_digest), made when the file was
    # read: what a page's fingerprint takes instead of walking the record
    record_digests: Mapping[str, bytes] = field(default_factory=lambda: MappingProxyType({}))
    history_pages: tuple = ()  # portal_history.views.HistoryPage: each item with two versions or more
    addresses: Any = None  # portal_history.addresses.Addresses: earlier addresses, moved (301) or gone (410)
    history_note: str = ""  # why the items have no history (no git, a shallow clone); "" when they have one
    # (url, lang) -> the url of that item's version in `lang`: where the navigation leads a reader of `lang`
    in_language: Mapping[tuple[str, str], str] = field(default_factory=lambda: MappingProxyType({}))
    # number key -> the documents a citation of that number may mean (portal_legal.citations.Target): what the
    # bodies were linked with, and what the preview links an edited body with (portal_serve.quick)
    citation_targets: Mapping[str, tuple] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def language_entries(self) -> tuple[tuple[str, str], ...]:
        """(lang, url) of where a reader of another language starts, from any page: the version in that
        language of Giới thiệu (gioi-thieu/) if there is one, else of the first page that has one."""
        found: dict[str, str] = {}
        for (url, lang), other in sorted(self.in_language.items(), key=lambda item: item[0][0] != "gioi-thieu/"):
            if lang != "vi":
                found.setdefault(lang, other)
        return tuple(sorted(found.items()))

    def entry(self, content) -> Entry:
        """The entry of a Pelican object (an item's own page) or of a record."""
        return self.entries[content.record.source_path]
