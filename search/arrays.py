"""One opened index as numpy arrays: which documents are live, their facets, dates and recency, the
lengths of their fields, and each searched term's postings scored for every document that has it.

Matching, filtering, facet counts and scoring are array operations over every document at once
(search.ranking); Whoosh reads the postings and the stored fields. A term's postings are read from
Whoosh once and kept while the index is the same (citizens search the same few thousand words), so
a query costs what numpy takes to add a few arrays, whatever the size of the archive.

Statistics are those of the live documents only: Whoosh counts a deleted or replaced document in
its segment until the segment is rewritten, so with its own statistics the same query on the same
content would rank differently after an edit than after a cold build.
"""

import math
import threading
from collections import OrderedDict

import numpy as np
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from .schema import FACETS

B, K1 = 0.75, 1.2  # Whoosh's BM25F defaults, which the portal has always ranked with
KEPT_POSTINGS = 4_000_000  # postings kept per worker (about 32 MB); the least recently used go first

_BYTE_TO_LENGTH = np.array([0.0] + [byte_to_length(b) for b in range(1, 256)])
_EMPTY_IDS = np.zeros(0, dtype=np.int32)
_EMPTY_SCORES = np.zeros(0, dtype=np.float32)


def _frozen(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


class Facet:
    """One facet's values and which documents carry each (a document may carry several: issuers, topics)."""

    def __init__(self, values: list[str], docs: np.ndarray, codes: np.ndarray, size: int):
        self.values = values  # the value of each code
        self.code_of = {value: code for code, value in enumerate(values)}
        self.docs = _frozen(docs)  # one (document, value code) pair per position
        self.codes = _frozen(codes)
        self._masks: dict[int, np.ndarray] = {}  # by value code: at most one per value the index holds
        self._none = _frozen(np.zeros(size, dtype=bool))
        self.size = size

    def mask(self, value: str) -> np.ndarray:
        """The documents carrying `value` (none for a value no document carries)."""
        code = self.code_of.get(value)
        if code is None:  # whatever a client types as a filter: never a mask kept per value sent
            return self._none
        found = self._masks.get(code)
        if found is None:
            found = np.zeros(self.size, dtype=bool)
            found[self.docs[self.codes == code]] = True
            self._masks[code] = _frozen(found)
        return found

    def counts(self, matched: np.ndarray) -> dict[str, int]:
        """How many of the `matched` documents carry each value; the most first, then by value."""
        counted = np.bincount(self.codes[matched[self.docs]], minlength=len(self.values))
        pairs = ((self.values[code], int(n)) for code, n in enumerate(counted) if n and self.values[code])
        return dict(sorted(pairs, key=lambda kv: (-kv[1], kv[0])))


class Arrays:
    """The arrays of one opened index; read-only once made, but for the postings kept (thread-safe)."""

    def __init__(self, reader, schema):
        """`reader`: a reader of the index kept open as long as these arrays are used."""
        self.size = reader.doc_count_all()  # document numbers, deleted ones included
        self.live = np.zeros(self.size, dtype=bool)
        self.live[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
        _frozen(self.live)
        self.count = int(self.live.sum())
        self._reader = reader
        self.facets = {name: self._facet(reader, fieldname) for name, fieldname in FACETS.items()}
        # the order of recency: newest last, equal dates by item id. Ties never depend on document
        # numbers, which differ between an index updated in place and one built cold
        dates = reader.column_reader("date")
        live = np.flatnonzero(self.live)
        when = {int(d): dates[int(d)] for d in live}
        ids = _ids_of_ties(reader, when)
        self.days = np.zeros(self.size, dtype=np.int32)  # the item's day, as date.toordinal()
        for docnum, moment in when.items():
            self.days[docnum] = moment.date().toordinal()
        self.newness = np.full(self.size, -1, dtype=np.int32)
        for rank, docnum in enumerate(sorted(when, key=lambda d: (when[d], ids.get(d, "")))):
            self.newness[docnum] = rank
        _frozen(self.days), _frozen(self.newness)
        self.scorable = {name for name, field in schema.items() if field.scorable}
        self.lengths = {name: _frozen(self._lengths(reader, name)) for name in self.scorable}
        self.average_length = {
            name: float(lengths[self.live].sum()) / (self.count or 1) for name, lengths in self.lengths.items()
        }
        self._kept: OrderedDict = OrderedDict()
        self._kept_size = 0
        self.postings_read = 0  # posting lists read from Whoosh (for the tests)
        self._lock = threading.Lock()
        self._reading = threading.Lock()  # one reader, one thread reading postings at a time

    # ------------------------------------------------------------------ reading the index once

    @staticmethod
    def _ids(reader, fieldname: str, term) -> list[int]:
        try:
            return list(reader.postings(fieldname, term).all_ids())
        except (TermNotFound, KeyError):  # KeyError from some codecs
            return []

    def _facet(self, reader, fieldname: str) -> Facet:
        values, docs, codes = [], [], []
        for code, term in enumerate(reader.field_terms(fieldname)):
            values.append(str(term))
            found = [d for d in self._ids(reader, fieldname, term) if self.live[d]]
            docs += found
            codes += [code] * len(found)
        return Facet(values, np.array(docs, dtype=np.int32), np.array(codes, dtype=np.int32), self.size)

    def _lengths(self, reader, fieldname: str) -> np.ndarray:
        """Each document's length of the field, as Whoosh's BM25F reads it (a byte per document)."""
        lengths = np.zeros(self.size, dtype=np.float64)
        for leaf, offset in reader.leaf_readers():
            raw = _length_bytes(leaf, fieldname)
            if raw is not None:
                lengths[offset : offset + len(raw)] = _BYTE_TO_LENGTH[raw]
            else:
                for docnum in range(leaf.doc_count_all()):
                    lengths[offset + docnum] = leaf.doc_field_length(docnum, fieldname, 0) or 0
        lengths[~self.live] = 0
        return lengths

    def _postings(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(document numbers, weights) of the live documents with `term` in `fieldname`."""
        ids, weights = [], []
        for leaf, offset in self._reader.leaf_readers():
            try:
                matcher = leaf.postings(fieldname, term)
            except (TermNotFound, KeyError):
                continue
            for block_ids, block_weights in _blocks(matcher):
                ids.append(np.asarray(block_ids, dtype=np.int32) + offset)
                weights.append(np.asarray(block_weights, dtype=np.float64))
        if not ids:
            return _EMPTY_IDS, _EMPTY_SCORES
        ids_array, weights_array = np.concatenate(ids), np.concatenate(weights)
        keep = self.live[ids_array]
        return ids_array[keep], weights_array[keep]

    # ------------------------------------------------------------------ what queries ask

    def scored(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(document numbers, score) of `term` in `fieldname`: BM25F as Whoosh's (its `bm25`, with the
        live documents' statistics) in a field that is scored, the weight in one that is not."""
        key = (fieldname, term)
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
                return found
        with self._reading:
            ids, weights = self._postings(fieldname, term)
            self.postings_read += 1
        if fieldname in self.scorable and len(ids):
            idf = math.log(self.count / (len(ids) + 1)) + 1
            average = self.average_length.get(fieldname) or 1
            lengths = self.lengths[fieldname][ids]
            scores = idf * ((weights * (K1 + 1)) / (weights + K1 * ((1 - B) + B * lengths / average)))
        else:
            scores = weights
        found = (_frozen(ids), _frozen(scores.astype(np.float64)))
        with self._lock:
            self._kept[key] = found
            self._kept_size += len(ids)
            while self._kept_size > KEPT_POSTINGS and len(self._kept) > 1:
                _, (old, _) = self._kept.popitem(last=False)
                self._kept_size -= len(old)
        return found

    def having(self, fieldnames, term: str) -> np.ndarray:
        """The documents with `term` in any of `fieldnames`, as a mask."""
        mask = np.zeros(self.size, dtype=bool)
        for fieldname in fieldnames:
            mask[self.scored(fieldname, term)[0]] = True
        return mask

    def add(self, total: np.ndarray, fieldname: str, term: str, boost: float = 1.0, where=None) -> None:
        """Add the term's scores (times `boost`) to `total`, only for documents in the mask `where`."""
        ids, scores = self.scored(fieldname, term)
        if where is not None:
            keep = where[ids]
            ids, scores = ids[keep], scores[keep]
        total[ids] += scores * boost if boost != 1.0 else scores


def _blocks(matcher):
    """A posting list's (ids, weights), a block at a time: as arrays from the portal's blocks
    (search.blocks), decoded here with numpy from whoosh3's own (ids as deltas; weights as an array, one
    number for all, or none for all 1.0), else a posting at a time through Whoosh's matcher interface."""
    if hasattr(matcher, "block_arrays"):
        while matcher.is_active():
            yield matcher.block_arrays()
            matcher._next_block()
        return
    if all(hasattr(matcher, name) for name in ("_read_data", "_next_block", "_blocklength", "_byteids")) and not (
        matcher._byteids
    ):
        while matcher.is_active():
            matcher._read_data()
            deltas, weights = matcher._data[0], matcher._data[1]
            ids = np.cumsum(np.asarray(deltas, dtype=np.int64))
            if weights is None or isinstance(weights, float):
                weights = np.full(len(ids), 1.0 if weights is None else weights)
            yield ids, weights
            matcher._next_block()
        return
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    yield ids, weights


def _length_bytes(leaf, fieldname: str) -> np.ndarray | None:
    """A segment's column of field lengths, one byte per document, as whoosh3 writes it; None when
    the segment is stored otherwise (then each length is asked for)."""
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

        column = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            return np.zeros(leaf.doc_count_all(), dtype=np.uint8)
        if column._fixedlen != 1:
            return None
        raw = np.frombuffer(bytes(column._dbfile.get(column._basepos, column._count)), dtype=np.uint8)
        whole = np.zeros(leaf.doc_count_all(), dtype=np.uint8)
        whole[: len(raw)] = raw[: len(whole)]
        return whole
    except (AttributeError, ImportError):
        return None


def _ids_of_ties(reader, when: dict) -> dict[int, str]:
    """The item id of each document that shares its date with another: ties in recency are broken by
    id, never by document number (which differs between an index updated in place and one built cold)."""
    seen: dict = {}
    for docnum, moment in when.items():
        seen.setdefault(moment, []).append(docnum)
    return {d: reader.stored_fields(d)["id"] for docs in seen.values() if len(docs) > 1 for d in docs}
