"""Addresses never die: every address an item had in a published version answers, from its history.

An address of a file that is still public moves (301) to where the file is now, in one hop however
many renames and new slugs there were; an address of a deleted file, or of one set to `draft` after it
was public, is gone (410) since the day that was published. An address the site writes anyway (a live
page took it) is neither.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from .read import History, Trail

NEVER_PUBLIC = {"draft"}


@dataclass(frozen=True)
class Addresses:
    moved: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # old -> now, from the root
    gone: Mapping[str, datetime] = field(default_factory=lambda: MappingProxyType({}))  # old -> withdrawn since
    # listing pages' old addresses (portal_listings.pages.renumbered) -> the page holding what they showed: in
    # the maps only (a page of its own for each would add one file per listing page, for a change made once)
    renumbered: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


def old_addresses(
    history: History,
    live: Mapping[str, str],
    drafts: Iterable[str],
    written: set[str],
    address_of: Callable[[str, str], tuple[str, str] | None],
) -> Addresses:
    """`live`: source path -> address of each public item now; `drafts`: source paths now `draft`;
    `written`: every address this build writes; `address_of(path, text)`: (address, status) of a version."""
    if not history.available:
        return Addresses()
    drafts = set(drafts)
    moved: dict[str, str] = {}
    gone: dict[str, datetime] = {}
    for path, trail in history.files.items():
        had = _published(history, trail, address_of)
        if path in live:
            for address, _ in had:
                if address != live[path]:
                    moved[address] = live[path]
        elif path in drafts and had:
            since = _withdrawn_since(history, trail, address_of)
            for address, _ in had:
                gone.setdefault(address, since)
    for trail in history.removed.values():
        for address, _ in _published(history, trail, address_of):
            gone.setdefault(address, trail.removed.when)
    moved = {old: new for old, new in moved.items() if old not in written}
    gone = {old: since for old, since in gone.items() if old not in written and old not in moved}
    return Addresses(MappingProxyType(dict(sorted(moved.items()))), MappingProxyType(dict(sorted(gone.items()))))


def _published(history: History, trail: Trail, address_of) -> list[tuple[str, datetime]]:
    """(address, since) of each version of `trail` that was public (its text read), oldest first."""
    found = {}
    for version in trail.versions:
        text = history.text(version)
        if text is None:
            continue
        address = address_of(version.path, text)
        if address is not None and address[1] not in NEVER_PUBLIC:
            found.setdefault(address[0], version.when)
    return list(found.items())


def _withdrawn_since(history: History, trail: Trail, address_of) -> datetime:
    """When a file now `draft` stopped being public: the first version of its last run of drafts."""
    since = trail.versions[-1].when
    for version in reversed(trail.versions):
        text = history.text(version)
        address = address_of(version.path, text) if text is not None else None
        if address is None or address[1] not in NEVER_PUBLIC:
            break
        since = version.when
    return since
