"""Snippets: the passages of a text where the query's words are, escaped, then marked.

A reader typing "van ban" sees "…các <mark>văn</mark> <mark>bản</mark> điện tử…": the text is
matched in its folded form (one character for one, so positions carry over to the original)
and the original is shown. The words are found in the original text by one regular expression in
which each letter stands for all the letters that fold to it ("a" for a, à, á, ả, ã, ạ, ă, … and their
capitals), so the text itself is never copied or folded: a snippet over a long document costs a
fraction of a millisecond.
"""

import re
import unicodedata
from functools import lru_cache
from html import escape
from itertools import islice

from .text import fold

WIDTH = 160  # characters in a passage
AROUND = 60  # context before the first and after the last word of a passage
PASSAGES = 2
BETWEEN = " … "
MAX_TEXT = 200_000  # a text is searched this far at most
MAX_FOUND = 400  # and its first this many matches are the passages to choose from


def _one_for_one() -> dict[int, str]:
    """Each letter of the Latin scripts (Vietnamese included) to its folded lower-case letter."""
    table = {}
    for code in range(0x41, 0x2000):
        char = chr(code)
        folded = fold(char).lower()
        if folded != char and len(folded) == 1:
            table[code] = folded
    return table


_FOLD_ONE_FOR_ONE = _one_for_one()


def _letters() -> dict[str, str]:
    """Each folded lower-case letter to a regular expression class of every letter that folds to it."""
    same: dict[str, set[str]] = {}
    for code, folded in _FOLD_ONE_FOR_ONE.items():
        same.setdefault(folded, {folded}).add(chr(code))
    return {folded: "[" + "".join(sorted(map(re.escape, chars))) + "]" for folded, chars in same.items()}


_LETTERS = _letters()


@lru_cache(maxsize=4096)
def _pattern(words: tuple[str, ...]) -> re.Pattern:
    """The folded `words` as they may be written: any case, any diacritics, whole words."""
    spelled = ("".join(_LETTERS.get(c, re.escape(c)) for c in w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<!\w)(" + "|".join(spelled) + r")(?!\w)")


def folded_same_length(text: str) -> str:
    """Lower case without diacritics, đ -> d, character for character (len is kept)."""
    return text.translate(_FOLD_ONE_FOR_ONE)


def snippet(text: str, words: list[str]) -> str:
    """Up to two passages of `text` with the query's (folded) `words` marked; "" if none occurs."""
    text = unicodedata.normalize("NFC", text[:MAX_TEXT])
    words = [w for w in dict.fromkeys(words) if w]
    if not text or not words:
        return ""
    index = {word: n for n, word in enumerate(words)}
    found = [
        (m.start(), m.end(), index.get(folded_same_length(m.group()), 0))
        for m in islice(_pattern(tuple(words)).finditer(text), MAX_FOUND)
    ]
    if not found:
        return ""
    chosen = sorted(sorted(_passages(found), key=_strength, reverse=True)[:PASSAGES], key=lambda p: p[0][0])
    return BETWEEN.join(_render(text, passage) for passage in chosen)


def _passages(found):
    """Matches grouped into passages of at most WIDTH characters, in order."""
    passage = [found[0]]
    for match in found[1:]:
        if match[1] - passage[0][0] <= WIDTH - 2 * AROUND:
            passage.append(match)
        else:
            yield passage
            passage = [match]
    yield passage


def _strength(passage) -> tuple[int, int]:
    """Passages with more different words first, then more words, then the earlier."""
    return len({term for _, _, term in passage}), len(passage), -passage[0][0]


def _render(text: str, passage) -> str:
    start = _word_start(text, max(passage[0][0] - AROUND, 0))
    end = _word_end(text, min(passage[-1][1] + AROUND, len(text)))
    out, at = [], start
    for match_start, match_end, term in passage:
        out.append(escape(text[at:match_start]))
        out.append(f'<mark class="match term{term}">{escape(text[match_start:match_end])}</mark>')
        at = match_end
    out.append(escape(text[at:end]))
    return "".join(out).strip()


def _word_start(text: str, at: int) -> int:
    """`at`, moved forward to the start of a word unless it is the start of the text."""
    if at == 0:
        return 0
    space = text.find(" ", at)
    return space + 1 if 0 <= space < at + 20 else at


def _word_end(text: str, at: int) -> int:
    if at >= len(text):
        return len(text)
    space = text.rfind(" ", 0, at)
    return space if space > at - 20 else at
