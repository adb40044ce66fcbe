"""What a page is given, as a digest: its template's arguments, its template and the code and settings
that render it. (What its template reads of the site model beyond its arguments is recorded as it
renders: ledger.py.) Two builds that give a page the same of both write the same bytes.

The digest walks values (dataclasses, tuples, mappings, dates …) and stops at what a page cannot
show: an entry's Pelican object (the entry carries what it shows), a listing's or channel's whole
item list (a page shows its own slice: its ListingPage). A value of a type
it does not know is an error, never a guess: a page must never be reused on an incomplete digest.
"""

import dataclasses
import enum
import hashlib
import json
from collections.abc import Mapping
from datetime import date, datetime, time
from functools import cache
from pathlib import Path

# fields a page never shows through this object (see the module's docstring)
NOT_SHOWN = {"Entry": {"pelican"}, "Listing": {"items"}, "Channel": {"items"}}
# frozen records and views whose repr() is complete and the same in every process (no sets, no
# addresses): digested from it, which is many times faster than walking their fields. (Not
# LegalInfo: it holds whole records, each digested once by walking.)
BY_REPR = {
    "NewsItem",
    "LegalDocument",
    "StandingPage",
    "Question",
    "Leader",
    "Unit",
    "Reference",
    "Attachment",
    "Change",
    "RelatedView",
    "AttachmentView",
    "Validity",
    "Visibility",
    "ItemHistory",
    "PageLink",
    "Article",  # portal_content.articles: a long text's table of contents (Pelican's Article is no dataclass)
}
# the records of content files (portal_content.model), known to the site by what they were read from
RECORDS = {"NewsItem", "LegalDocument", "StandingPage", "Question", "Leader", "Unit"}
# Pelican's keyword arguments our templates do not read (the whole list of articles, on every page)
IGNORED_KWARGS = {"all_articles", "articles", "dates", "blog", "category", "tag", "author", "pages", "all_pages"}
# run state and paths: where a build writes, not what a page shows
RUN_SETTINGS = {"OUTPUT_PATH", "PATH", "THEME", "PLUGIN_PATHS", "PORTAL_LIVE_OUTPUT"}
RUN_SETTINGS |= {"PORTAL_CHECK_ONLY", "PORTAL_PURGE_INDEX", "PORTAL_CACHE_PATH", "PORTAL_TODAY", "WRITE_SELECTED"}
RUN_SETTINGS |= {"PORTAL_HISTORY_SOURCE"}  # the commit a build publishes: pages digest the history they show
VERSION = "3"


# how a value is digested depends on its type alone: decided once per type (at 20,000 pages, the
# chain of isinstance and is_dataclass checks on every value was a third of fingerprinting)
_STR, _SCALAR, _BYTES, _DATACLASS, _SEQUENCE, _MOMENT, _CONTENT, _ENUM, _SET, _MAPPING, _UNKNOWN = range(11)
_BRANCHES: dict[type, int] = {}


def _branch(kind: type) -> int:
    from pelican.contents import Content

    if issubclass(kind, str):
        branch = _STR
    elif kind in (type(None), bool, int, float):
        branch = _SCALAR
    elif kind is bytes:
        branch = _BYTES
    elif kind.__name__ == "Entry" or dataclasses.is_dataclass(kind):
        branch = _DATACLASS
    elif kind in (list, tuple):
        branch = _SEQUENCE
    elif issubclass(kind, (datetime, date, time)):
        branch = _MOMENT
    elif issubclass(kind, Content):
        branch = _CONTENT
    elif issubclass(kind, enum.Enum):
        branch = _ENUM
    elif issubclass(kind, (set, frozenset)):
        branch = _SET
    elif issubclass(kind, Mapping):
        branch = _MAPPING
    else:
        branch = _UNKNOWN
    _BRANCHES[kind] = branch
    return branch


@cache
def _shown_fields(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind) if f.name != "body")


@cache
def _walked_fields(kind: type) -> tuple[tuple[str, bytes], ...]:
    """The fields of `kind` a page can show, each with its name as digested."""
    skipped = NOT_SHOWN.get(kind.__name__, ())
    return tuple((f.name, f.name.encode()) for f in dataclasses.fields(kind) if f.name not in skipped)


class Digests:
    """Digests of values in one build. The model is frozen, so the digest of an entry, a record or
    any other dataclass is computed once and kept by identity (with the object, so the identity
    cannot be reused); a page's digest is then a few lookups."""

    def __init__(self, site):
        self.site = site
        self._kept: dict[int, tuple[object, bytes]] = {}

    def of(self, value) -> bytes:
        digest = hashlib.blake2b(digest_size=16)
        self._feed(digest, value)
        return digest.digest()

    def _once(self, value, fields) -> bytes:
        key = id(value)
        kept = self._kept.get(key)
        if kept is None:
            digest = hashlib.blake2b(digest_size=16)
            fields(digest, value)
            kept = self._kept[key] = (value, digest.digest())
        return kept[1]

    def _feed(self, digest, value) -> None:
        update = digest.update
        kind = type(value)
        branch = _BRANCHES.get(kind)
        if branch is None:
            branch = _branch(kind)
        if branch == _STR:  # Markup too
            data = value.encode()
            update(b"s%d:" % len(data))
            update(data)
        elif branch == _DATACLASS:
            update(b"D")
            update(self._once(value, self._fields))
        elif branch == _SEQUENCE:
            update(b"[%d" % len(value))
            for item in value:
                self._feed(digest, item)
            update(b"]")
        elif branch == _SCALAR:
            update(f"<{value!r}>".encode())
        elif branch == _BYTES:
            update(b"b%d:" % len(value))
            update(value)
        elif branch == _MOMENT:
            update(f"<{kind.__name__} {value.isoformat()}>".encode())
        elif branch == _CONTENT:  # a Pelican Article or Page: the entry the site holds for it
            update(b"D")
            update(self._once(self.site.entry(value), self._fields))
        elif branch == _ENUM:
            update(f"<{kind.__name__}.{value.name}>".encode())
        elif branch == _SET:
            update(b"{%d" % len(value))
            for item in sorted(self.of(item) for item in value):
                update(item)
            update(b"}")
        elif branch == _MAPPING:
            update(b"(%d" % len(value))
            for key in sorted(value, key=repr):
                self._feed(digest, key)
                self._feed(digest, value[key])
            update(b")")
        else:
            raise TypeError(f"no fingerprint for {kind.__module__}.{kind.__name__}")

    def _fields(self, digest, value) -> None:
        name = type(value).__name__
        if name in RECORDS and self.site is not None:
            # a record the build read: its digest, made once when it was read, stands for it if this is
            # the very record the site holds for that file (else it is digested below, the same fields)
            known = self.site.record_digests.get(value.source_path)
            entry = self.site.entries.get(value.source_path)
            if known is not None and entry is not None and entry.record is value:
                digest.update(b"R")
                digest.update(known)
                return
        if name in BY_REPR:
            # a record's Markdown `body` is never shown (the entry's rendered `content` is): left out,
            # and with it the cost of repr() on 20 KB of text
            shown = _shown_fields(type(value))
            digest.update(repr(tuple(getattr(value, name) for name in shown)).encode())
            return
        digest.update(f"<{name}".encode())
        for field, encoded in _walked_fields(type(value)):
            digest.update(encoded)
            self._feed(digest, getattr(value, field))
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


# what renders pages without our modules importing it (Pelican hands templates to Jinja, Jinja to MarkupSafe)
LIBRARIES = ("jinja2", "markupsafe")


def code_digest() -> bytes:
    """The code that makes pages, versioned as every cache of the build versions its code
    (portal_code.code_fingerprint): every module our plugins import, transitively, and the versions of
    the libraries they use."""
    from portal_code import ROOT, code_fingerprint

    return code_fingerprint(*sorted((ROOT / "plugins").glob("*/__init__.py")), libraries=LIBRARIES)


def base_digest(settings: dict, code: bytes | None = None) -> str:
    """What every page depends on: the code that renders pages (`code`, its digest if already made),
    the theme's templates and the settings."""
    digest = hashlib.blake2b(VERSION.encode(), digest_size=16)
    digest.update(code or code_digest())
    digest.update(templates_digest(Path(settings["THEME"])))  # templates, and the assets they name by hash
    digest.update(settings_digest(settings))
    return digest.hexdigest()
