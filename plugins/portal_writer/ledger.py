"""What each page read of the site model while it rendered, and whether that has changed since.

A template gets the site model (`site`) through a recorder: every value it reads of it is noted as a
path from the site (`facets`, every element, `values`, every element, `name`), down to what it
printed or tested, never more. The writer keeps each page's paths in its manifest; the next build
follows the same paths through its own model and digests what it finds there. A page whose paths
lead to the same values renders the same bytes, and is reused; nobody keeps a list of what a
template reads. An archive page that shows the facets' names but not their counts does not depend on
the counts, and is not rendered again when a document is added.

A path is a tuple of steps:
- `(".", name)`: an attribute (a property too: its value is what is read);
- `("[", key)`: a mapping's value for `key` (a string or a tuple of strings);
- `("entry", source path)`: `site.entry(…)`, an item's whole entry;
- `("*",)`: every element of a sequence (a loop reads them all; so does `x[0]`, to keep paths few);
and ends in what was read of the value reached: `("=",)` the whole value, `("#",)` its length,
`("?",)` whether it is true, `("!",)` whether a mapping has the key at all.

A value the recorder cannot follow (a method of the model, a mapping walked whole) is read whole:
the page then depends on all of it, which is right, only slower. Entries, records and Pelican's
objects are read whole too: their digests are made once per build (fingerprint.Digests).
"""

import dataclasses
import enum
import hashlib
from collections.abc import Iterator, Mapping
from datetime import date, time

from pelican.contents import Content

from .fingerprint import RECORDS, Digests

Path = tuple[tuple, ...]
WHOLE, LENGTH, TRUTH, PRESENT, EVERY = ("=",), ("#",), ("?",), ("!",), ("*",)


class Missing(enum.Enum):
    """Where a path leads to nothing in this build's model (a key no longer there)."""

    MISSING = 0


MISSING = Missing.MISSING
_PLAIN = (str, bytes, int, float, bool, type(None), date, time, enum.Enum, frozenset, set)


def _reader(kind: type):
    """How a value of type `kind` is handed to a template: as it is (None; read whole: plain values, entries,
    records, Pelican's objects, anything the recorder cannot follow) or wrapped in a recorder. Decided once
    per type: this runs for every value a template reads."""
    if kind not in _READERS:
        if issubclass(kind, (*_PLAIN, Content)) or kind.__name__ == "Entry" or kind.__name__ in RECORDS:
            reader = None
        elif issubclass(kind, (tuple, list)):
            reader = SequenceReads
        elif issubclass(kind, Mapping):
            reader = MappingReads
        elif dataclasses.is_dataclass(kind):
            reader = ObjectReads
        else:
            reader = None
        _READERS[kind] = reader
    return _READERS[kind]


_READERS: dict[type, type | None] = {}


def _wrap(value, path: Path, reads: set):
    reader = _reader(type(value))
    if reader is None:
        reads.add(path + (WHOLE,))
        return value
    return reader(value, path, reads)


def _key(key):
    """`key` as a step can hold it (and a manifest can write it): a string or a tuple of strings, else None."""
    if isinstance(key, str):
        return key
    if isinstance(key, tuple) and all(isinstance(part, str) for part in key):
        return key
    return None


class _Reads:
    __slots__ = ("_path", "_reads", "_value")

    def __init__(self, value, path: Path, reads: set):
        self._value, self._path, self._reads = value, path, reads

    def _read(self, *what: tuple) -> None:
        self._reads.add(self._path + what)

    def __bool__(self) -> bool:
        self._read(TRUTH)
        return bool(self._value)

    def __str__(self) -> str:
        self._read(WHOLE)
        return str(self._value)

    def __eq__(self, other) -> bool:
        self._read(WHOLE)
        return self._value == (other._value if isinstance(other, _Reads) else other)

    def __hash__(self) -> int:
        self._read(WHOLE)
        return hash(self._value)


class ObjectReads(_Reads):
    """A dataclass of the model: each attribute read is a step."""

    __slots__ = ()

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self._value, name)
        if callable(value) and not dataclasses.is_dataclass(value):  # a method: it may read anything of the object
            self._read(WHOLE)
            return value
        return _wrap(value, self._path + ((".", name),), self._reads)


class SiteReads(ObjectReads):
    """The site model as templates get it: `ledger.recorded(site, reads)`."""

    __slots__ = ()

    def entry(self, content):
        """The entry of a Pelican object or a record, read whole."""
        source_path = content.record.source_path
        self._reads.add((("entry", source_path), WHOLE))
        return self._value.entry(content)


class SequenceReads(_Reads):
    """A tuple or list of the model: a loop reads its length and, per element, what the loop reads of it."""

    __slots__ = ()

    def __len__(self) -> int:
        self._read(LENGTH)
        return len(self._value)

    def __iter__(self) -> Iterator:
        return self._each(self._value)

    def __reversed__(self) -> Iterator:
        return self._each(reversed(self._value))

    def _each(self, items) -> Iterator:
        self._read(LENGTH)
        path, reads = self._path + (EVERY,), self._reads
        return (_wrap(item, path, reads) for item in items)

    def __getitem__(self, index):
        if isinstance(index, int):
            self._read(LENGTH)
            return _wrap(self._value[index], self._path + (EVERY,), self._reads)
        self._read(WHOLE)
        return self._value[index]

    def __contains__(self, item) -> bool:
        self._read(WHOLE)
        return item in self._value


class MappingReads(_Reads):
    """A mapping of the model: a value looked up by key is a step; anything else reads it whole."""

    __slots__ = ()

    def get(self, key, default=None):
        return self[key] if key in self else default  # noqa: SIM401 - this is get()

    def __getitem__(self, key):
        step = self._step(key)
        value = self._value[key]
        return value if step is None else _wrap(value, self._path + (step,), self._reads)

    def __contains__(self, key) -> bool:
        self._step(key)
        return key in self._value

    def _step(self, key) -> tuple | None:
        """The step to `key`, whether the mapping has it read; None for a key no step can hold (a manifest
        writes strings and tuples of them), and then the mapping is read whole."""
        if _key(key) is None:
            self._read(WHOLE)
            return None
        step = ("[", _key(key))
        self._read(step, PRESENT)
        return step

    def __len__(self) -> int:
        self._read(LENGTH)
        return len(self._value)

    def __iter__(self) -> Iterator:
        self._read(WHOLE)
        return iter(self._value)

    def keys(self):
        self._read(WHOLE)
        return self._value.keys()

    def values(self):
        self._read(WHOLE)
        return self._value.values()

    def items(self):
        self._read(WHOLE)
        return self._value.items()


def recorded(site, reads: set) -> SiteReads:
    """`site` for one template: what it reads is added to `reads`."""
    return SiteReads(site, (), reads)


def follow(value, path: Path, start: int = 0):
    """What `path` leads to in this build's model from `value` (the site): a value, a list of them for
    every element, MISSING where a key or an attribute is no longer there."""
    for index in range(start, len(path)):
        step = path[index]
        op = step[0]
        if op == ".":
            name = step[1]
            if not isinstance(name, str) or name.startswith("_"):
                raise ValueError(f"not a path of the site model: {path!r}")
            value = getattr(value, name, MISSING)
        elif op == "[":
            value = value.get(step[1], MISSING) if isinstance(value, Mapping) else MISSING
        elif op == "entry":
            value = value.entries.get(step[1], MISSING)
        elif op == "*":
            if not isinstance(value, (tuple, list)):
                return MISSING
            return [follow(item, path, index + 1) for item in value]
        elif op == "!":
            return True
        elif op == "#":
            return len(value) if hasattr(value, "__len__") else MISSING
        elif op == "?":
            return bool(value)
        elif op == "=":
            return value
        else:
            raise ValueError(f"not a path of the site model: {path!r}")
        if value is MISSING:
            return MISSING
    return value


def as_path(data) -> Path:
    """A path as a manifest wrote it (lists) back as tuples."""
    return tuple(tuple(tuple(part) if isinstance(part, list) else part for part in step) for step in data)


class Ledger:
    """Digests of what pages read in this build: each path followed once, each set of paths digested once."""

    def __init__(self, digests: Digests):
        self.digests = digests
        self._paths: dict[Path, bytes] = {}
        self._sets: dict[frozenset, str] = {}

    def digest(self, reads: frozenset) -> str:
        known = self._sets.get(reads)
        if known is None:
            digest = hashlib.blake2b(digest_size=16)
            for part in sorted(self._path(path) for path in reads):
                digest.update(part)
            known = self._sets[reads] = digest.hexdigest()
        return known

    def _path(self, path: Path) -> bytes:
        known = self._paths.get(path)
        if known is None:
            digest = hashlib.blake2b(repr(path).encode(), digest_size=16)
            digest.update(self.digests.of(follow(self.digests.site, path)))
            known = self._paths[path] = digest.digest()
        return known
