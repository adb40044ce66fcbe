"""Turning what a citizen typed into a plan of what to look for, without a query language.

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
from dataclasses import dataclass

from .analysis import accented, folded
from .numbers import typed_keys, typed_prefixes, typed_shorts

MAX_CHARS = 200  # longer input is cut: no one types more into a search box
MAX_WORDS = 12
NUMBER_BOOST = 50.0
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_YEAR = re.compile(r"(?<![\d/])((?:19|20)\d{2})(?![\d/])")

_ACCENTED, _FOLDED = accented(), folded()


def clean(text: str) -> str:
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text or ""))[:MAX_CHARS]
    return " ".join(text.split())


def words(analyzer, text: str) -> list[str]:
    return [t.text for t in analyzer(text)][:MAX_WORDS]


# words that only frame a number ("số 15", "năm 2012", "ngày 16/6/2014"): not required when a number is typed
_FRAME = {"so", "nam", "ngay", "thang"}


def loose_words(text: str, names_a_number: bool = False) -> list[str]:
    """The folded words a query requires (all of them, or any in the fallback). When the text
    names a number a document carries, the words that only frame it ("số", "năm 2012") are not required.
    A word typed twice is required once: each copy would cost a clause over every folded field."""
    found = list(dict.fromkeys(words(_FOLDED, clean(text))))
    if names_a_number:
        found = [w for w in found if w not in _FRAME and not _YEAR.fullmatch(w)] or found
    return found


def without_number(text: str, number: str) -> str:
    """What was typed without a number typed in it (typed_number), its spaces tidied."""
    start = text.find(number)
    rest = text[:start] + " " + text[start + len(number) :] if start >= 0 else text
    return " ".join(rest.split())


@dataclass(frozen=True)
class Plan:
    """What a query asks of the index, as search.ranking scores it (the sum of BM25F scores, as
    Whoosh's And/Or/AndMaybe would add them):
    - `required`: folded words, each in any folded field (all of them, or any when not `every_word`);
    - `exact`: the words with their accents, scored in the accented fields;
    - `phrase`: the required words side by side in a number, title or summary score twice again;
    - numbers typed whole, numbers without their symbol, symbols glued to a number, and the year
      typed beside a number, each scored far above any word."""

    required: tuple[str, ...]
    every_word: bool
    exact: tuple[str, ...]
    phrase: bool
    numbers: tuple[str, ...]
    prefixes: tuple[str, ...]
    shorts: tuple[str, ...]
    years: tuple[str, ...]

    def boosts(self) -> list[tuple[str, str, float]]:
        """(field, term, boost) of every term scored by itself: numbers and years."""
        terms = [("number_key", key, NUMBER_BOOST) for key in self.numbers]
        terms += [("number_prefix", key, NUMBER_BOOST / 2) for key in self.prefixes]
        terms += [("number_short", key, NUMBER_BOOST * 0.6) for key in self.shorts]
        # "08/CT-UBND 2019": of the documents carrying the number, the one of that year first
        terms += [("year", year, NUMBER_BOOST / 2) for year in self.years]
        return terms


def build(text: str, every_word: bool = True) -> Plan | None:
    """The plan for what was typed, or None when there is nothing to look for.

    every_word=False is the fallback when nothing has them all: any word will do, scored alike."""
    loose = loose_words(text)
    text = clean(text)
    if not loose:
        return None
    numbers = tuple(sorted(typed_keys(text)))
    prefixes = tuple(typed_prefixes(text))
    shorts = tuple(typed_shorts(words(_FOLDED, text)))
    years = tuple(sorted(set(_YEAR.findall(text)))) if numbers or prefixes or shorts else ()
    return Plan(
        required=tuple(loose),
        every_word=every_word,
        exact=tuple(dict.fromkeys(words(_ACCENTED, text))),
        # phrases where they say most and cost least: the number, the title, the summary
        phrase=len(loose) > 1,
        numbers=numbers,
        prefixes=prefixes,
        shorts=shorts,
        years=years,
    )
