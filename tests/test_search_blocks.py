"""The index's blocks of postings written as arrays (search.blocks): what Whoosh's own matchers read of
them is what was indexed, and the service's arrays read the same, whatever the numbers' sizes."""

import random

import numpy as np
import pytest
from whoosh import index
from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.qparser import QueryParser


def _postings(reader, field: str, term: str) -> tuple[list, list]:
    matcher = reader.postings(field, term)
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


@pytest.mark.parametrize(
    "ids, weights",
    [
        ([3, 4, 9], [1.0, 1.0, 1.0]),
        ([0, 70_000, 70_001, 1_000_000], [2.0, 255.0, 1.0, 3.0]),  # a gap past 16 bits
        ([5, 6], [0.5, 300.0]),  # neither 1.0 nor a small whole number
    ],
)
def test_a_block_reads_back_as_written(ids, weights):
    from search.blocks import decode_arrays, encode_block

    read_ids, read_weights, values = decode_arrays(encode_block(ids, weights, b"xyz"), len(ids))
    assert read_ids.tolist() == ids
    assert read_weights.tolist() == weights
    assert values == b"xyz"


def test_whooshs_matchers_and_the_services_arrays_read_what_was_indexed(tmp_path):
    from search.arrays import _blocks
    from search.blocks import ArrayCodec, ArrayLeafMatcher

    rng = random.Random(7)
    words = [f"tu{i}" for i in range(40)]
    schema = Schema(id=ID(stored=True, unique=True), body=TEXT(), tags=KEYWORD(scorable=True), n=NUMERIC())
    ix = index.create_in(str(tmp_path), schema)
    writer = ix.writer(codec=ArrayCodec(blocklimit=32))
    texts = []
    for number in range(1500):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 30)))
        texts.append(text)
        writer.add_document(id=str(number), body=text, tags=rng.choice(["a", "b b b", "c"]), n=number)
    writer.commit()
    with ix.searcher() as searcher:
        reader = searcher.reader()
        assert isinstance(reader.postings("body", "tu1"), ArrayLeafMatcher)
        for term in ("tu0", "tu17", "tu39"):
            ids, weights = _postings(reader, "body", term)
            assert ids == [n for n, text in enumerate(texts) if term in text.split()]
            assert weights == [texts[n].split().count(term) for n in ids]
            arrays = list(_blocks(reader.postings("body", term)))
            assert np.concatenate([a for a, _ in arrays]).tolist() == ids
            assert np.concatenate([w for _, w in arrays]).tolist() == weights
        assert _postings(reader, "tags", "b")[1][:1] == [3.0]
        # positions, kept after the numbers, serve Whoosh's phrases as before
        phrase = QueryParser("body", schema).parse('"tu3 tu4"')
        expected = sum(" tu3 tu4 " in f" {text} " for text in texts)
        assert expected and len(searcher.search(phrase, limit=None)) == expected


def test_the_terms_statistics_are_whooshs_own(tmp_path):
    """The lengths Whoosh's field writer asks for, one posting at a time, are read once per document and
    field (search.blocks._Lengths): the statistics it keeps of each term are those of Whoosh's own codec."""
    from whoosh.codec.whoosh3 import W3Codec

    from search.blocks import ArrayCodec

    rng = random.Random(3)
    texts = [
        " ".join(rng.choice(["mot", "hai", "ba", "bon", "nam"]) for _ in range(rng.randint(1, 60))) for _ in range(400)
    ]
    stats = []
    for name, codec in (("whoosh", W3Codec(blocklimit=16)), ("portal", ArrayCodec(blocklimit=16))):
        (tmp_path / name).mkdir()
        ix = index.create_in(str(tmp_path / name), Schema(body=TEXT()))
        writer = ix.writer(codec=codec)
        for text in texts:
            writer.add_document(body=text)
        writer.commit()
        with ix.reader() as reader:
            infos = [reader.term_info("body", word) for word in ("mot", "hai", "ba", "bon", "nam")]
            stats.append([(i.min_length(), i.max_length(), i.max_weight(), i.doc_frequency()) for i in infos])
    assert stats[0] == stats[1]
    assert stats[0][0][0] < stats[0][0][1]  # lengths that differ: a writer asking none would give zeros
