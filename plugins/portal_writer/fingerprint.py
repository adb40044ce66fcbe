"""What a page shows, as a digest: the parts of the site model it renders, its template and the code
and settings that render it. Two builds that give a page the same fingerprint write the same bytes.

The digest walks values (dataclasses, tuples, mappings, dates …) and stops at what a page cannot
show: an entry's Pelican object (the entry carries what it shows), a listing's or channel's whole
item list (a page shows its own slice, digested through the paginator's page). A value of a type
it does not know is an error, never a guess: a page must never be reused on an incomplete digest.
"""

import dataclasses
import enum
import hashlib
import json
from collections.abc import Mapping
from datetime import date, datetime, time
from pathlib import Path

# fields a page never shows through this object (see the module's docstring)
NOT_SHOWN = {"Entry": {"pelican"}, "Listing": {"items"}, "Channel": {"items"}}
# Pelican's keyword arguments our templates do not read (the whole list of articles, on every page)
IGNORED_KWARGS = {"all_articles", "articles", "dates", "blog", "category", "tag", "author", "pages", "all_pages"}
# run state and paths: where a build writes, not what a page shows
RUN_SETTINGS = {"OUTPUT_PATH", "PATH", "THEME", "PLUGIN_PATHS", "PORTAL_LIVE_OUTPUT", "PORTAL_CONTENT_STATE"}
RUN_SETTINGS |= {"PORTAL_CHECK_ONLY", "PORTAL_PURGE_INDEX", "PORTAL_CACHE_PATH", "PORTAL_TODAY", "WRITE_SELECTED"}
VERSION = "1"


class Digests:
    """Digests of values in one build; an entry's digest is computed once."""

    def __init__(self, site):
        self.site = site
        self._entries: dict[int, bytes] = {}

    def of(self, value) -> bytes:
        digest = hashlib.blake2b(digest_size=16)
        self._feed(digest, value)
        return digest.digest()

    def entry(self, entry) -> bytes:
        key = id(entry)
        if key not in self._entries:
            digest = hashlib.blake2b(digest_size=16)
            self._fields(digest, entry)
            self._entries[key] = digest.digest()
        return self._entries[key]

    def _feed(self, digest, value) -> None:
        update = digest.update
        if value is None or isinstance(value, (bool, int, float)):
            update(f"<{value!r}>".encode())
        elif isinstance(value, str):  # Markup too
            data = value.encode()
            update(b"s%d:" % len(data))
            update(data)
        elif isinstance(value, (datetime, date, time)):
            update(f"<{type(value).__name__} {value.isoformat()}>".encode())
        elif isinstance(value, enum.Enum):
            update(f"<{type(value).__name__}.{value.name}>".encode())
        elif type(value).__name__ == "Entry":
            update(b"E")
            update(self.entry(value))
        elif hasattr(value, "record") and hasattr(value, "_context"):  # a Pelican Article or Page
            update(b"E")
            update(self.entry(self.site.entry(value)))
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            self._fields(digest, value)
        elif isinstance(value, (list, tuple)):
            update(b"[%d" % len(value))
            for item in value:
                self._feed(digest, item)
            update(b"]")
        elif isinstance(value, (set, frozenset)):
            update(b"{%d" % len(value))
            for item in sorted(self.of(item) for item in value):
                update(item)
            update(b"}")
        elif isinstance(value, Mapping):
            update(b"(%d" % len(value))
            for key in sorted(value, key=repr):
                self._feed(digest, key)
                self._feed(digest, value[key])
            update(b")")
        elif type(value).__name__ == "Page" and hasattr(value, "paginator"):  # one page of a listing
            paginator = value.paginator
            update(f"<page {value.number}/{paginator.num_pages} of {paginator.count} at {value.url}>".encode())
            self._feed(digest, list(value.object_list))
        elif type(value).__name__ == "Paginator":
            update(f"<paginator {value.name} {value.num_pages} {value.count} {value.per_page}>".encode())
        else:
            raise TypeError(f"no fingerprint for {type(value).__module__}.{type(value).__name__}")

    def _fields(self, digest, value) -> None:
        skipped = NOT_SHOWN.get(type(value).__name__, ())
        digest.update(f"<{type(value).__name__}".encode())
        for field in dataclasses.fields(value):
            if field.name not in skipped:
                digest.update(field.name.encode())
                self._feed(digest, getattr(value, field.name))
        digest.update(b">")


def settings_digest(settings: dict) -> bytes:
    """The settings templates can read, as JSON (anything else by its type name: a function's
    address would change every run)."""

    def plain(value):
        if isinstance(value, Mapping):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, (list, tuple, set, frozenset)):
            return [plain(v) for v in value]
        if value is None or isinstance(value, (str, int, float, bool)):
            return value
        if isinstance(value, (date, datetime, Path)):
            return str(value)
        return f"<{type(value).__module__}.{type(value).__qualname__}>"

    shown = {k: plain(v) for k, v in settings.items() if k.isupper() and k not in RUN_SETTINGS}
    return hashlib.blake2b(json.dumps(shown, sort_keys=True).encode(), digest_size=16).digest()


def templates_digest(folder: Path) -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.digest()


def base_digest(settings: dict) -> str:
    """What every page depends on: the code that renders pages, the theme's templates and the settings."""
    from portal_code import ROOT, code_fingerprint

    code = code_fingerprint(*sorted((ROOT / "plugins").rglob("*.py")), *sorted((ROOT / "search").glob("*.py")))
    digest = hashlib.blake2b(VERSION.encode(), digest_size=16)
    digest.update(code)
    digest.update(templates_digest(Path(settings["THEME"]) / "templates"))
    digest.update(settings_digest(settings))
    return digest.hexdigest()


def site_parts(site, template: str, kwargs: dict):
    """The parts of the model that a template reads from `site` beyond its own arguments."""
    if template == "listing.html":
        listing = kwargs.get("listing")
        facets = [(f.title, f.key, [(v.name, v.url, v.count) for v in f.values]) for f in site.facets]
        return (site.sections, facets, site.feed_links.get(listing.url if listing else None, ()))
    if template == "home.html":
        return site.feed_links.get("", ())
    return None
