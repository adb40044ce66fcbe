"""Whoosh's own codec with posting blocks the search service reads as arrays.

Whoosh 3 writes a block of postings as one pickled tuple of Python numbers (ids as deltas, weights,
values). The service reads each searched term's list whole (search.arrays): at 100,000 documents a common
word is about 100 blocks a field, and unpickling them, then turning the numbers into arrays, was two thirds
of a query's first reading of its words (docs/benchmarks.md, "Blocks read as arrays"). Here a block's ids
and weights are written as packed machine numbers, which numpy reads without a Python object per posting,
and the values (positions) after them, unpickled only by a reader that asks for them.

Everything else is Whoosh's: the terms, the block headers Whoosh's matchers skip with, the inlined
postings of rare terms, the stored fields and columns. `ArrayLeafMatcher` presents Whoosh's matcher
interface over these blocks, so Whoosh's own queries, scoring and highlighting read them as before.

A block's data, compressed with zlib as Whoosh's is:

    ids code (1 byte: "H" or "I")  weights code (1 byte: "1" all 1.0, "B" small whole numbers, "f")
    length of the values' pickle (4 bytes, little-endian; 0 when the field keeps none)
    ids: deltas from the previous id, as uint16 or uint32, little-endian
    weights: none, a byte each, or a float32 each, little-endian
    values: Whoosh's pickled tuple of them (positions), or nothing
"""

from __future__ import annotations

import struct
import sys
import zlib
from array import array
from pickle import dumps, loads

import numpy as np
from whoosh.codec.whoosh3 import (
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3FieldWriter,
    W3LeafMatcher,
    W3PostingsWriter,
)
from whoosh.matching import ListMatcher
from whoosh.util.numeric import length_to_byte

_HEAD = struct.Struct("<ccI")
_LITTLE = sys.byteorder == "little"
_DTYPES = {b"H": np.dtype("<u2"), b"I": np.dtype("<u4"), b"B": np.dtype("u1"), b"f": np.dtype("<f4")}


def encode_block(ids, weights, pickled_values: bytes = b"") -> bytes:
    """A block's ids (ascending document numbers), weights and values (Whoosh's pickle of them, or
    nothing) as bytes."""
    deltas = array("I", (n - p for p, n in zip((0, *ids), ids, strict=False)))
    id_code = b"H" if max(deltas, default=0) < 1 << 16 else b"I"
    packed_ids = array("H", deltas) if id_code == b"H" else deltas
    if all(w == 1.0 for w in weights):
        weight_code, packed_weights = b"1", b""
    elif all(float(w).is_integer() and 0 <= w < 256 for w in weights):
        weight_code, packed_weights = b"B", array("B", (int(w) for w in weights)).tobytes()
    else:
        weight_code, packed_weights = b"f", _little(array("f", weights))
    return _HEAD.pack(id_code, weight_code, len(pickled_values)) + _little(packed_ids) + packed_weights + pickled_values


def _little(numbers: array) -> bytes:
    if not _LITTLE:
        numbers = array(numbers.typecode, numbers)
        numbers.byteswap()
    return numbers.tobytes()


def decode_arrays(data: bytes, count: int) -> tuple[np.ndarray, np.ndarray, bytes]:
    """A block's (ids as int64, weights as float64, the values' pickle) from `encode_block`'s bytes."""
    id_code, weight_code, values_length = _HEAD.unpack_from(data)
    start = _HEAD.size
    id_type = _DTYPES[id_code]
    ids = np.cumsum(np.frombuffer(data, dtype=id_type, count=count, offset=start), dtype=np.int64)
    start += count * id_type.itemsize
    if weight_code == b"1":
        weights = np.ones(count, dtype=np.float64)
    else:
        weight_type = _DTYPES[weight_code]
        weights = np.frombuffer(data, dtype=weight_type, count=count, offset=start).astype(np.float64)
        start += count * weight_type.itemsize
    return ids, weights, data[start : start + values_length]


class ArrayPostingsWriter(W3PostingsWriter):
    def _write_block(self, last: bool = False) -> None:
        """Whoosh's `_write_block`, the block's data written by `encode_block` instead of pickled."""
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        fixedsize = self._format.fixed_value_size()
        values = b"" if fixedsize == 0 else dumps(self._mini_values(), 2)
        databytes = encode_block(self._ids, self._weights, values)
        comp = self._compression
        if comp:
            databytes = zlib.compress(databytes, comp)
        ids = self._ids
        infobytes = dumps(
            (
                len(ids),
                ids[-1],
                self._maxweight,
                comp,
                length_to_byte(self._minlength),
                length_to_byte(self._maxlength),
            ),
            2,
        )
        blocklength = len(infobytes) + len(databytes)
        self._postfile.write_int(-blocklength if last else blocklength)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()


class ArrayLeafMatcher(W3LeafMatcher):
    """Whoosh's matcher over `ArrayPostingsWriter`'s blocks; `block_arrays` gives a block as numpy arrays."""

    def _read_data(self) -> None:
        data = self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset)
        if self._compression:
            data = zlib.decompress(data)
        self._data = decode_arrays(bytes(data), self._blocklength)

    def block_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """The current block's (ids, weights), as int64 and float64 arrays."""
        if self._data is None:
            self._read_data()
        return self._data[0], self._data[1]

    def _read_ids(self) -> None:
        if self._data is None:
            self._read_data()
        self._ids = tuple(self._data[0].tolist())

    def _read_weights(self) -> None:
        if self._data is None:
            self._read_data()
        self._weights = array("f", self._data[1].tolist())

    def _read_values(self) -> None:
        if self._data is None:
            self._read_data()
        fixedsize = self._fixedsize
        if fixedsize == 0 or not self._data[2]:
            self._values = (None,) * self._blocklength
            return
        values = loads(self._data[2])  # as Whoosh's W3LeafMatcher._read_values
        if fixedsize is None or fixedsize < 0:
            self._values = values
        else:
            self._values = tuple(values[i : i + fixedsize] for i in range(0, len(values), fixedsize))


class _Lengths:
    """A segment's field lengths as Whoosh's field writer asks for them, one posting at a time (a third of
    writing a segment was those lookups), read once per document and field."""

    def __init__(self, lengths):
        self._lengths, self._fields = lengths, {}
        self._count = lengths.doc_count_all()

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        column = self._fields.get(fieldname)
        if column is None:
            ask = self._lengths.doc_field_length
            column = self._fields[fieldname] = [ask(d, fieldname, default) for d in range(self._count)]
        return column[docnum]


class ArrayFieldWriter(W3FieldWriter):
    def add_postings(self, schema, lengths, items):
        return super().add_postings(schema, _Lengths(lengths) if lengths else None, items)


class ArrayCodec(W3Codec):
    """Whoosh 3's codec, its blocks of postings written as arrays (module docstring)."""

    def field_writer(self, storage, segment):
        return ArrayFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids: bool = False):
        if byteids:  # a term vector's postings are terms, not numbers: Whoosh's own blocks
            return super().postings_writer(dbfile, byteids)
        return ArrayPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            return ListMatcher(ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo)
        offset, length = terminfo.extent()
        return ArrayLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


__all__ = ["ArrayCodec", "ArrayLeafMatcher", "decode_arrays", "encode_block"]
