"""Turning what a citizen typed into a Whoosh query, without Whoosh's query language.

User text never reaches a query parser, so no input can raise: quotes, brackets, `NOT`,
`*` and NUL are just characters. The query:
- requires every word, in any field, in its folded form ("ban" finds "bản", "bàn", "ban");
  if nothing has them all, any word will do;
- scores more for the same words with their accents, for the words side by side in a
  number, title or summary (a phrase),
  and far more for a document number typed any way ("15/ct-ttg", "15 CT TTg", "NĐ-CP" = "ND-CP").
"""

import re
import unicodedata

from whoosh import query as q

from .analysis import accented, folded
from .schema import ACCENTED_FIELDS, ASCII_FIELDS, PHRASE_FIELDS
from .text import number_key

MAX_CHARS = 200  # longer input is cut: no one types more into a search box
MAX_WORDS = 12
NUMBER_BOOST = 50.0
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WHOLE_NUMBER = re.compile(r"(?<![\w/])\d{1,5}/(?:\d{4}/)?[A-Za-zĐđ][A-Za-zĐđ0-9]*(?:[-.][A-Za-zĐđ0-9]+)*")
# a number with its separators ("15/CT-TTg", "34/ 2008/CT-TTg") or typed with spaces ("15 ct ttg")
_NUMBER = re.compile(
    r"(?<![\w/])(\d{1,5})\s*[/ ]\s*(?:(\d{4})\s*[/ ]\s*)?([A-Za-zĐđ][A-Za-zĐđ0-9]*(?:\s*[- ]\s*[A-Za-zĐđ][A-Za-zĐđ0-9]*)*)"
)

_YEAR = re.compile(r"(?<![\d/])((?:19|20)\d{2})(?![\d/])")

_ACCENTED, _FOLDED = accented(), folded()


def clean(text: str) -> str:
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text or ""))[:MAX_CHARS]
    return " ".join(text.split())


def words(analyzer, text: str) -> list[str]:
    return [t.text for t in analyzer(text)][:MAX_WORDS]


def number_candidates(text: str) -> set[str]:
    """Keys of the document numbers the text may contain; the index decides which exist."""
    keys = set()
    for match in _NUMBER.finditer(text):
        parts = re.split(r"[\s-]+", match[3].strip())
        for cut in range(1, len(parts) + 1):  # "15 ct ttg van ban": the symbol is some prefix
            symbol = "-".join(parts[:cut])
            keys.add(number_key(f"{match[1]}/{match[2] + '/' if match[2] else ''}{symbol}"))
    return keys


# words that only frame a number ("số 15", "năm 2012", "ngày 16/6/2014"): not required when a number is typed
_FRAME = {"so", "nam", "ngay", "thang"}
_PREFIX = re.compile(r"(?<![\w/])(\d{1,5})\s*/\s*(\d{4})(?![\w/]*[A-Za-zĐđ])")


def loose_words(text: str, names_a_number: bool = False) -> list[str]:
    """The folded words a query requires (all of them, or any in the fallback). When the text
    names a number a document carries, the words that only frame it ("số", "năm 2012") are not required.
    A word typed twice is required once: each copy would cost a clause over every folded field."""
    found = list(dict.fromkeys(words(_FOLDED, clean(text))))
    if names_a_number:
        found = [w for w in found if w not in _FRAME and not _YEAR.fullmatch(w)] or found
    return found


def number_prefixes(text: str) -> list[str]:
    """Numbers typed without their symbol: "43/2011" and, after "số", "125"."""
    found = [f"{m[1]}/{m[2]}" for m in _PREFIX.finditer(text)]
    found += [m[1] for m in re.finditer(r"\bs[ốo]\s+(\d{1,5})\b(?!\s*/)", text, re.IGNORECASE)]
    return sorted(set(found))


def short_candidates(text: str) -> list[str]:
    """Symbol and number typed short ("nd43", "ND 43", "qđ 125", "nghị định 43", "quyết định số 125",
    "43 nd"): the keys of search.text.short_keys they may mean."""
    tokens = [t for t in words(_FOLDED, clean(text)) if t not in ("so",)]
    found = set()
    for i, token in enumerate(tokens):
        if not token.isdigit() or len(token) > 5:
            continue
        n = str(int(token))
        if i >= 1 and tokens[i - 1].isalpha():
            found.add(tokens[i - 1].upper() + n)
        if i >= 2 and tokens[i - 1].isalpha() and tokens[i - 2].isalpha():
            found.add((tokens[i - 2][0] + tokens[i - 1][0]).upper() + n)
        if i + 1 < len(tokens) and tokens[i + 1].isalpha():
            found.add(tokens[i + 1].upper() + n)
    return sorted(found)


def typed_number(text: str) -> str | None:
    """A whole document number as typed ("99/CT-TTg"), to say so when no document carries it."""
    match = _WHOLE_NUMBER.search(text)
    return match[0] if match else None


def without_number(text: str, number: str) -> str:
    """What was typed without a number typed in it (typed_number), its spaces tidied."""
    start = text.find(number)
    rest = text[:start] + " " + text[start + len(number) :] if start >= 0 else text
    return " ".join(rest.split())


def build(text: str, every_word: bool = True):
    """The query for what was typed, or None when there is nothing to look for.

    every_word=False is the fallback when nothing has them all: any word will do, scored alike."""
    loose = loose_words(text)
    text = clean(text)
    if not loose:
        return None
    exact = list(dict.fromkeys(words(_ACCENTED, text)))

    def each_word(fields, terms):
        return [q.Or([q.Term(f, t) for f in fields]) for t in terms]

    matching = each_word(ASCII_FIELDS, loose)
    required = q.And(matching) if every_word else q.Or(matching)
    boosts = [q.Or(each_word(ACCENTED_FIELDS, exact))]
    if len(loose) > 1:
        # phrases where they say most and cost least: matching spans across long bodies is slow
        boosts += [q.Phrase(f, loose, slop=1, boost=2.0) for f in PHRASE_FIELDS]
    # the document that carries a number typed whole comes before every text that quotes it
    numbers = sorted(number_candidates(text))
    boosts += [q.Term("number_key", key, boost=NUMBER_BOOST) for key in numbers]
    prefixes = number_prefixes(text)
    boosts += [q.Term("number_prefix", key, boost=NUMBER_BOOST / 2) for key in prefixes]
    shorts = short_candidates(text)
    boosts += [q.Term("number_short", key, boost=NUMBER_BOOST * 0.6) for key in shorts]
    if (
        numbers or prefixes or shorts
    ):  # "08/CT-UBND 2019": of the documents carrying the number, the one of that year first
        boosts += [q.Term("year", year, boost=NUMBER_BOOST / 2) for year in sorted(set(_YEAR.findall(text)))]
    return q.AndMaybe(required, q.Or(boosts))
