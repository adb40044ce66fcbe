"""RSS 2.0 and Atom 1.0 bytes for one channel, written by feedgen and nothing else.

Every value comes from the content (no "now"), so an unchanged channel gives the same
bytes on every build: caches and mirrors see no change where there is none.
"""

from dataclasses import dataclass
from datetime import datetime

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from .entries import Entry


@dataclass(frozen=True)
class ChannelInfo:
    id: str  # tag: URI of the channel
    title: str
    description: str
    page: str  # absolute URL of the listing page
    rss: str  # absolute URLs of the feeds themselves
    atom: str
    publisher: str  # the agency
    language: str = "vi"


class _AtomLinks(BaseExtension):
    """Feed side of the entry extension below (feedgen wants both)."""


class _AtomEntryLinks(BaseEntryExtension):
    """An Atom entry's links with every attribute.

    feedgen 1.0.0 writes only the href of an entry's links (lkiesow/python-feedgen#135, open),
    so an enclosure would come out as a second rel="alternate" link, which Atom forbids.
    Entries get their links from here instead.
    """

    def __init__(self):
        self.links = []

    def add(self, **attributes) -> None:
        self.links.append({k: str(v) for k, v in attributes.items() if v is not None})

    def extend_atom(self, entry):
        for attributes in self.links:
            xml_elem("link", entry, **attributes)
        return entry


def feed_updated(entries: list[Entry], fallback: datetime) -> datetime:
    """The newest entry's `updated`; `fallback` (a fixed day) for a channel with no entry yet."""
    return max((e.updated for e in entries), default=fallback)


def _channel(info: ChannelInfo, updated: datetime, self_url: str) -> FeedGenerator:
    feed = FeedGenerator()
    feed.id(info.id)
    feed.title(info.title)
    feed.description(info.description)
    feed.subtitle(info.description)
    feed.language(info.language)
    feed.author({"name": info.publisher})
    feed.rights(f"© {info.publisher}")
    feed.link(href=self_url, rel="self")
    feed.link(href=info.page, rel="alternate", type="text/html")
    feed.updated(updated)
    feed.lastBuildDate(updated)
    return feed


def rss_bytes(info: ChannelInfo, entries: list[Entry], updated: datetime) -> bytes:
    feed = _channel(info, updated, info.rss)
    feed.load_extension("dc", atom=False, rss=True)
    for entry in entries:
        item = feed.add_entry(order="append")
        item.guid(entry.id, permalink=False)
        item.title(entry.title)
        item.link(href=entry.link)
        item.description(entry.summary)
        item.content(entry.content)
        item.pubDate(entry.published)
        item.dc.dc_creator(entry.author)
        for term, label in entry.categories:
            item.category(term=label)
        if entry.enclosures:  # RSS 2.0 carries one enclosure; the entry's content lists them all
            first = entry.enclosures[0]
            item.enclosure(first.url, str(first.length), first.type)
    return feed.rss_str(pretty=True)


def atom_bytes(info: ChannelInfo, entries: list[Entry], updated: datetime) -> bytes:
    feed = _channel(info, updated, info.atom)
    feed.register_extension("links", _AtomLinks, _AtomEntryLinks, atom=True, rss=False)
    for entry in entries:
        item = feed.add_entry(order="append")
        item.id(entry.id)
        item.title(entry.title)
        item.links.add(rel="alternate", type="text/html", href=entry.link)
        for enclosure in entry.enclosures:
            item.links.add(
                rel="enclosure", type=enclosure.type, length=enclosure.length, title=enclosure.title, href=enclosure.url
            )
        item.summary(entry.summary)
        item.content(entry.content, type="html")
        item.published(entry.published)
        item.updated(entry.updated)
        item.author({"name": entry.author})
        for term, label in entry.categories:
            item.category(term=term, label=label)
    return feed.atom_str(pretty=True)
