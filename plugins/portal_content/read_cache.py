"""What reading a file gave, kept between builds: its record, its problems, its body as HTML.

Reading a file (its YAML header checked field by field, its body rendered, its links checked) is
most of a rebuild's reading time, and its result depends only on the file's bytes, the code that
reads it, the content settings, and the few other files it names (an image, attachments, linked
files): the checks record each path they look at (files.observed_paths), and an entry is reused
only while every one of those paths is as it was (same type, size, time and inode; a symbolic link
where there was none is a change). Anything else, and the file is read again.

Entries are JSON of an allowlist of our own types (never pickle: a damaged or planted entry can
make a build slower, never run code), sealed with a keyed hash like the render cache's entries. The
long strings of an entry (the Markdown body, the HTML, the plain text: nine tenths of its bytes) are
kept beside the JSON, in a list that `marshal` reads back about ten times faster than JSON would
(decoding the entries was 3 s of every rebuild at 12,000 files); as for the render cache, `marshal`
reads only entries whose seal is good.
"""

import dataclasses
import hashlib
import json
import logging
import marshal
import os
import stat
from datetime import date, datetime
from functools import partial
from pathlib import Path

from . import model
from .fields import VIETNAM
from .problems import Problem
from .sealed import SealedEntries

log = logging.getLogger(__name__)

TYPES = {
    cls.__name__: cls
    for cls in (
        model.NewsItem,
        model.LegalDocument,
        model.StandingPage,
        model.Question,
        model.Leader,
        model.Unit,
        model.Attachment,
        model.Reference,
        model.Change,
        Problem,
    )
}


LONG = 256  # characters: a longer string is kept in the entry's list of strings, not in its JSON
FORMAT = 2


def _encode(value, strings: list[str]):
    if isinstance(value, str):
        if len(value) <= LONG:
            return value
        strings.append(value)
        return {"@": "s", "i": len(strings) - 1}
    if dataclasses.is_dataclass(value) and type(value).__name__ in TYPES:
        return {
            "@": type(value).__name__,
            **{f.name: _encode(getattr(value, f.name), strings) for f in dataclasses.fields(value)},
        }
    if isinstance(value, tuple):
        return {"@": "tuple", "v": [_encode(v, strings) for v in value]}
    if isinstance(value, list):
        return [_encode(v, strings) for v in value]
    if isinstance(value, datetime):
        return {"@": "datetime", "v": value.isoformat()}
    if isinstance(value, date):
        return {"@": "date", "v": value.isoformat()}
    if isinstance(value, dict):
        return {"@": "dict", "v": [[_encode(k, strings), _encode(v, strings)] for k, v in value.items()]}
    if value is None or isinstance(value, (int, float, bool)):
        return value
    raise TypeError(f"read cache: cannot keep a {type(value).__name__}")


def _decoded(strings: list[str], value: dict):
    """One JSON object of an entry, decoded (json calls it for each object, innermost first)."""
    kind = value.get("@")
    if kind is None:
        return value  # the entry itself, and its map of dependencies
    if kind == "s":
        return strings[value["i"]]
    if kind == "tuple":
        return tuple(value["v"])
    if kind == "datetime":
        moment = datetime.fromisoformat(value["v"])
        return moment.astimezone(VIETNAM) if moment.utcoffset() == VIETNAM.utcoffset(moment) else moment
    if kind == "date":
        return date.fromisoformat(value["v"])
    if kind == "dict":
        return dict(value["v"])
    cls = TYPES[kind]  # KeyError for anything not ours: the entry is thrown away
    del value["@"]
    return cls(**value)


def _entry(payload: bytes) -> dict:
    version, text, strings = marshal.loads(payload)
    if version != FORMAT or type(text) is not bytes or type(strings) is not list:
        raise ValueError("not a read-cache entry")
    if not all(type(s) is str for s in strings):
        raise ValueError("not a read-cache entry")
    entry = json.loads(text, object_hook=partial(_decoded, strings))
    if not isinstance(entry, dict) or not isinstance(entry.get("deps"), dict) or "value" not in entry:
        raise ValueError("not a read-cache entry")
    return entry


def signature(path: str):
    """What a check could have seen of `path`: missing, a link (and where to), a folder, or a file."""
    try:
        found = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISLNK(found.st_mode):
        return ["l", os.readlink(path)]
    if stat.S_ISDIR(found.st_mode):
        return ["d"]
    return ["f", found.st_size, found.st_mtime_ns, found.st_ino]


class ReadCache:
    def __init__(self, folder: Path | None, salt: bytes, installation: bytes | None = None):
        self.salt = salt  # the reading code and the content settings
        self._entries = SealedEntries(folder, salt, "read cache", installation)
        self.reused = 0

    def key(self, source: str, data: bytes) -> str:
        digest = hashlib.blake2b(data, digest_size=20, key=self.salt[:64], person=b"portal-read")
        digest.update(source.encode())
        return digest.hexdigest()

    def holds(self, key: str) -> bool:
        """Whether an entry for `key` is on disk (it may still turn out stale or damaged: `get` says)."""
        return self._entries.folder is not None and os.path.isfile(self._entries.path(key))

    def get(self, key: str):
        """The kept value for `key` and the digest kept with it, if every path it depends on is as
        it was; else None."""
        entry = self._entries.read(key, _entry)  # a damaged or foreign entry is removed and read again
        if entry is None:
            return None
        if any(signature(p) != s for p, s in entry["deps"].items()):
            return None  # a file it names changed: read again
        value, digest = entry["value"], entry.get("digest")
        self.reused += 1
        return value, bytes.fromhex(digest) if isinstance(digest, str) else None

    def put(self, key: str, value, observed: set[str], digest: bytes | None = None) -> None:
        """Keep `value`, and `digest` of it (given back by `get`), while the paths in `observed` stay as they are."""
        deps = {p: signature(p) for p in sorted(observed)}
        strings: list[str] = []
        try:
            entry = {"deps": deps, "value": _encode(value, strings), "digest": digest.hex() if digest else None}
            payload = marshal.dumps((FORMAT, json.dumps(entry, ensure_ascii=False).encode(), strings))
        except TypeError as error:
            log.debug("read cache: not kept (%s)", error)
            return
        self._entries.write(key, payload)

    def prune(self, days: float) -> int:
        return self._entries.prune_daily(days)
