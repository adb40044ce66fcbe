"""The Vietnamese analyzers, shared by the indexer and the service (Whoosh pickles them).

- NFC first: decomposed input ("a" + U+0300) would otherwise be cut at its combining marks,
  which is how Whoosh's own accent_map turns "bản" into "ba" + "n".
- Case folded, split on anything that is not a letter or a digit (so "15/CT-TTg" gives
  "15", "ct", "ttg" here; numbers kept whole have a field of their own).
- Two forms: `accented` keeps diacritics (an exact "bản" outranks "ban"), `folded` drops
  them and maps đ to d, matching what citizens type without diacritics.
- Both write one spelling for the variants readers treat as one word (kí/ký, lí/lý, mĩ/mỹ,
  hoà/hòa, thuỷ/thủy), and split a symbol glued to a number ("nd43" is "nd 43").
"""

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, Tokenizer

from .text import fold, unglue, variant

WORD = re.compile(r"\w+", re.UNICODE)


class NFCTokenizer(Tokenizer):
    """A RegexTokenizer over the NFC form of the text."""

    def __init__(self, expression=WORD):
        self.inner = RegexTokenizer(expression)

    def __eq__(self, other):
        return isinstance(other, NFCTokenizer) and self.inner == other.inner

    def __call__(self, value, **kwargs):
        return self.inner(unglue(unicodedata.normalize("NFC", value)), **kwargs)


# a language has few distinct words: folding each once per process is most of the analyzer's saving
_fold_word = lru_cache(maxsize=1 << 16)(fold)


class FoldFilter(Filter):
    """Diacritics dropped, đ -> d."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = _fold_word(token.text)
            yield token


class VariantFilter(Filter):
    """One spelling for the variants readers treat as one word: i/y (kí, ký) and the two tone
    placements (hoà, hòa); see search.text.variant."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = variant(token.text)
            yield token


class LineTokenizer(Tokenizer):
    """One token per line, kept as written: exact values such as an issuer's name."""

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        from whoosh.analysis import Token

        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, line in enumerate(v for v in unicodedata.normalize("NFC", value).split("\n") if v.strip()):
            token.text = line.strip()
            token.boost = 1.0
            if keeporiginal:
                token.original = token.text
            token.stopped = False
            if positions:
                token.pos = start_pos + pos
            yield token


def accented():
    return NFCTokenizer() | LowercaseFilter() | VariantFilter()


def folded():
    return NFCTokenizer() | LowercaseFilter() | FoldFilter() | VariantFilter()


def values():
    return LineTokenizer()


def word_pairs(texts: dict[str, str]) -> str:
    """Each field's folded words two by two, "field:first second", one per line (the schema's `pairs`)."""
    analyzer = folded()
    found = []
    for name, text in texts.items():
        tokens = [t.text for t in analyzer(text or "")]
        found += dict.fromkeys(f"{name}:{a} {b}" for a, b in pairwise(tokens))
    return "\n".join(found)
