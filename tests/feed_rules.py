"""Is a feed one that strict readers accept? feedparser's verdict plus the W3C Feed Validation
Service's rules that feedparser does not enforce, and our own promises to subscribers.

`problems(path, data, site_url, output)` lists every broken rule as "file: rule" text, so a
failing test (or the quality gate) names the feed and the rule.
"""

import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import feedparser

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
URI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")


class _Dangerous(HTMLParser):
    """Finds what must never reach a subscriber: scripts, event handlers, javascript: URLs."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "style", "form"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")
            if (
                name in ("href", "src")
                and value
                and re.sub(r"\s", "", value).lower().startswith(("javascript:", "vbscript:", "data:text"))
            ):
                self.found.append(f"{name}={value[:30]}")
            if name in ("href", "src") and value and not value.startswith(("http://", "https://", "mailto:", "tel:")):
                self.found.append(f"relative {name}={value[:40]} (subscribers need absolute URLs)")


def dangerous(html: str) -> list[str]:
    parser = _Dangerous()
    parser.feed(html or "")
    return parser.found


def _rfc822(text: str | None) -> bool:
    try:
        return text is not None and parsedate_to_datetime(text).tzinfo is not None
    except (TypeError, ValueError):
        return False


def _local(url: str, site_url: str, output: Path) -> Path | None:
    """The built file a URL of the site points to, or None when it is missing."""
    if not url.startswith(site_url + "/"):
        return None
    path = urlsplit(url).path.lstrip("/")
    target = output / path
    if path.endswith("/") or path == "":
        target = target / "index.html"
    return target if target.is_file() else None


def problems(path: Path, data: bytes, site_url: str, output: Path) -> list[str]:
    name = path.relative_to(output).as_posix() if path.is_relative_to(output) else str(path)
    found = []

    def bad(rule: str) -> None:
        found.append(f"{name}: {rule}")

    parsed = feedparser.parse(data)
    if parsed.bozo:
        bad(f"feedparser: {parsed.bozo_exception}")
    root = ElementTree.fromstring(data)
    feed_url = f"{site_url}/{name}"
    ids = set()
    if root.tag == "rss":
        if root.get("version") != "2.0":
            bad('rss version must be "2.0"')
        channel = root.find("channel")
        for required in ("title", "link", "description"):
            if not (channel.findtext(required) or "").strip():
                bad(f"channel <{required}> missing")
        selfs = [link for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
        if len(selfs) != 1 or selfs[0].get("href") != feed_url:
            bad(f"one atom:link rel=self to {feed_url} expected, found {[s.get('href') for s in selfs]}")
        if not _rfc822(channel.findtext("lastBuildDate")):
            bad("lastBuildDate is not an RFC 822 date with a zone")
        dates = []
        for item in channel.findall("item"):
            guid = item.find("guid")
            if guid is None or not (guid.text or "").strip():
                bad("item without guid")
                continue
            permalink = guid.get("isPermaLink", "true") == "true"
            if permalink and not URI.match(guid.text):
                bad(f'guid {guid.text} is not a URL: it needs isPermaLink="false"')
            if guid.text in ids:
                bad(f"guid {guid.text} appears twice")
            ids.add(guid.text)
            if not (item.findtext("title") or "").strip():
                bad(f"item {guid.text} without title")
            link = item.findtext("link") or ""
            if _local(link, site_url, output) is None:
                bad(f"item {guid.text}: link {link} is not a built page")
            pub = item.findtext("pubDate")
            if not _rfc822(pub):
                bad(f"item {guid.text}: pubDate {pub!r} is not an RFC 822 date with a zone")
            else:
                dates.append(parsedate_to_datetime(pub))
            enclosures = item.findall("enclosure")
            if len(enclosures) > 1:
                bad(f"item {guid.text}: more than one enclosure")
            for enclosure in enclosures:
                target = _local(enclosure.get("url", ""), site_url, output)
                if target is None or not (enclosure.get("length") or "").isdigit() or not enclosure.get("type"):
                    bad(f"item {guid.text}: enclosure needs a built url, a length and a type")
                elif int(enclosure.get("length")) != target.stat().st_size:
                    bad(f"item {guid.text}: enclosure length {enclosure.get('length')} is not the file's size")
            for text in (item.findtext(CONTENT), item.findtext("description")):
                for danger in dangerous(text):
                    bad(f"item {guid.text}: {danger}")
        if dates and parsedate_to_datetime(channel.findtext("lastBuildDate")) < max(dates):
            bad("lastBuildDate older than the newest item")
    elif root.tag == f"{ATOM}feed":
        if not URI.match(root.findtext(f"{ATOM}id") or ""):
            bad("feed id is not a URI")
        if not (root.findtext(f"{ATOM}title") or "").strip():
            bad("feed title missing")
        updated = root.findtext(f"{ATOM}updated") or ""
        if not RFC3339.match(updated):
            bad(f"feed updated {updated!r} is not an RFC 3339 date-time")
        selfs = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
        if len(selfs) != 1 or selfs[0].get("href") != feed_url:
            bad(f"one link rel=self to {feed_url} expected, found {[s.get('href') for s in selfs]}")
        feed_author = root.find(f"{ATOM}author") is not None
        newest = None
        for entry in root.findall(f"{ATOM}entry"):
            entry_id = entry.findtext(f"{ATOM}id") or ""
            if not URI.match(entry_id):
                bad(f"entry id {entry_id!r} is not a URI")
            if entry_id in ids:
                bad(f"entry id {entry_id} appears twice")
            ids.add(entry_id)
            for field in ("updated", "published"):
                value = entry.findtext(f"{ATOM}{field}") or ""
                if not RFC3339.match(value):
                    bad(f"entry {entry_id}: {field} {value!r} is not an RFC 3339 date-time")
            value = entry.findtext(f"{ATOM}updated") or ""
            if RFC3339.match(value):
                moment = datetime.fromisoformat(value)
                newest = moment if newest is None or moment > newest else newest
            if not (entry.findtext(f"{ATOM}title") or "").strip():
                bad(f"entry {entry_id}: title missing")
            if not feed_author and entry.find(f"{ATOM}author") is None:
                bad(f"entry {entry_id}: no author in the entry or the feed")
            alternates = {}
            for link in entry.findall(f"{ATOM}link"):
                rel = link.get("rel", "alternate")
                if rel == "alternate":
                    key = (link.get("type"), link.get("hreflang"))
                    if key in alternates:
                        bad(f"entry {entry_id}: two alternate links with the same type")
                    alternates[key] = link.get("href")
                    if _local(link.get("href", ""), site_url, output) is None:
                        bad(f"entry {entry_id}: link {link.get('href')} is not a built page")
                if rel == "enclosure":
                    target = _local(link.get("href", ""), site_url, output)
                    if target is None or not link.get("type") or not (link.get("length") or "").isdigit():
                        bad(f"entry {entry_id}: enclosure needs a built href, a type and a length")
            if not alternates:
                bad(f"entry {entry_id}: no alternate link")
            for field in ("content", "summary"):
                element = entry.find(f"{ATOM}{field}")
                if element is not None and element.get("type") == "html":
                    for danger in dangerous(element.text):
                        bad(f"entry {entry_id}: {field} has {danger}")
        if newest is not None and RFC3339.match(updated) and datetime.fromisoformat(updated) != newest:
            bad(f"feed updated {updated} is not the newest entry's {newest.isoformat()}")
    else:
        bad(f"root element {root.tag} is neither rss nor an Atom feed")
    return found


def check_all(output: Path, site_url: str) -> tuple[int, list[str]]:
    """Every rss.xml and atom.xml in a built site: (how many, every problem)."""
    feeds = sorted(p for p in output.rglob("*.xml") if p.name in ("rss.xml", "atom.xml"))
    found = []
    for feed in feeds:
        found.extend(problems(feed, feed.read_bytes(), site_url, output))
    return len(feeds), found
