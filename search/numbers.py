"""Document numbers (số ký hiệu): how one is written, cited, keyed, typed into a search box, and which
document it means. The one grammar and the one resolver, for the build (the header's checks, relations,
citations in bodies, new files, the consultation's forms) and for search (the index and the query).

- grammar: a number in running text (`IN_TEXT`), the day or year of issue written after it or earlier in
  the sentence (`ISSUE_AFTER`, `ISSUE`), and a citation as staff write one in a header (`parse_cited`);
- keys: `number_key` makes the ways of typing one number agree; `number_keys`, `number_prefixes` and
  `short_keys` are what the index finds a number by, `typed_keys`, `typed_prefixes`, `typed_shorts` and
  `typed_number` what a citizen's query may mean;
- which document: `fitting` (PRODUCT.md, "Which document a number means": the number, then the day or year
  of issue and the issuer where given) and `identity` (two files alike in all three are one document twice);
  and, for a number no document carries, the one meant: `near_key` (a slip of a digit in a body's citation),
  `NumberGuesser` (a header's relation).
"""

import difflib
import re
from collections import defaultdict
from collections.abc import Container, Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import NamedTuple, Protocol, TypeVar

from .text import fold

# ---------------------------------------------------------------------------- the grammar

_SYMBOL = r"[A-Za-zĐđ][A-Za-zĐđ0-9]*"

# A number as it appears in running text: "15/CT-TTg", "số15/CT-TTg", "34/ 2008/CT-TTg", "42/2012/QĐ-UBND",
# "67/2006/QH11". Not preceded by a digit or slash (so "22/5/2012" is not read from its middle); the symbol
# starts with a letter, so dates never match.
IN_TEXT = re.compile(r"(?<![0-9/.])\d{1,5}\s?/\s?(?:\d{4}\s?/\s?)?" + _SYMBOL + r"(?:\s?-\s?[A-Za-zĐđ0-9]+)*")

# a whole number as typed in a search box ("99/CT-TTg"), and one with its separators or typed with spaces
# ("15/CT-TTg", "34/ 2008/CT-TTg", "15 ct ttg"): the number, the year, the symbol
_WHOLE_TYPED = re.compile(r"(?<![\w/])\d{1,5}/(?:\d{4}/)?" + _SYMBOL + r"(?:[-.][A-Za-zĐđ0-9]+)*")
_TYPED = re.compile(
    r"(?<![\w/])(\d{1,5})\s*[/ ]\s*(?:(\d{4})\s*[/ ]\s*)?(" + _SYMBOL + r"(?:\s*[- ]\s*" + _SYMBOL + r")*)"
)
# a number typed without its symbol: "43/2011"; "số 125"
_NUMBER_AND_YEAR = re.compile(r"(?<![\w/])(\d{1,5})\s*/\s*(\d{4})(?![\w/]*[A-Za-zĐđ])")
_SO_NUMBER = re.compile(r"\bs[ốo]\s+(\d{1,5})\b(?!\s*/)", re.IGNORECASE)

# the day or year of issue: "ngày 16/6/2014" (16-06-2014, 16.6.2014), "năm 2025"
_ISSUE = r"(?:ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})|năm\s+(\d{4}))"
ISSUE = re.compile(_ISSUE, re.IGNORECASE)
"""The day or year of issue anywhere: "Ngày 16/6/2014, UBND tỉnh … ban hành Chỉ thị số 08/CT-UBND"."""
ISSUE_AFTER = re.compile(r"\s*,?\s*" + _ISSUE, re.IGNORECASE)
"""The day or year of issue right after a number: "08/CT-UBND ngày 16/6/2014", "125/QĐ-STTTT, năm 2025"."""

# a citation in a header or a form: "125/QĐ-STTTT", "… năm 2025", "… ngày 16/6/2014", "… của UBND tỉnh Quảng Trị"
_CITED = re.compile(
    r"^(?P<number>\S+?)(?:\s+(?:năm\s+(?P<year>\d{4})|ngày\s+(?P<day>\S+)))?(?:\s+của\s+(?P<issuer>.+))?$",
    re.IGNORECASE,
)
_DAY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


class Cited(NamedTuple):
    """A citation read apart: the number, and what was written after it (`day` as written)."""

    number: str
    year: int | None = None
    day: str | None = None
    issuer: str | None = None


def parse_cited(text: str) -> Cited | None:
    """ "08/CT-UBND ngày 16/6/2014 của UBND tỉnh Quảng Trị" -> its parts; None when it is not one citation
    (spaces inside the number, or words that are not a year, a day or an issuer)."""
    match = _CITED.match(" ".join((text or "").split()))
    if match is None:
        return None
    year = int(match["year"]) if match["year"] else None
    return Cited(match["number"], year, match["day"], match["issuer"])


def day_written(text: str) -> date | None:
    """A day as a citation writes it, "16/6/2014", "16-06-2014", "16.6.2014"; None when it is written
    otherwise (2014-06-16 is the header's to read). ValueError for a day that does not exist ("31/2/2014")."""
    match = _DAY.match(text or "")
    return date(int(match[3]), int(match[2]), int(match[1])) if match else None


class Issue(NamedTuple):
    """The day or the year of issue a citation gives (one of them)."""

    day: date | None = None
    year: int | None = None


def issue_of(match: re.Match) -> Issue | None:
    """What an `ISSUE` or `ISSUE_AFTER` match says; None when its day does not exist ("ngày 31/2/2014")."""
    if match[4]:
        return Issue(year=int(match[4]))
    try:
        return Issue(day=date(int(match[3]), int(match[2]), int(match[1])))
    except ValueError:
        return None


def spaced_number(value: str) -> str:
    """The number a spaced-out one means: "88 QĐ STTTT" -> 88/QĐ-STTTT, "42 2012 QĐ UBND" ->
    42/2012/QĐ-UBND; one already punctuated only loses its spaces ("15 / CT-TTg" -> 15/CT-TTg)."""
    parts = value.split()
    if any(c in value for c in "/-") or len(parts) < 3 or not parts[0].isdigit():
        return "".join(parts)
    head, rest = [parts[0]], parts[1:]
    while rest and len(rest[0]) == 4 and rest[0].isdigit():
        head.append(rest.pop(0))  # the year, in "42/2012/QĐ-UBND"
    return "/".join([*head, "-".join(rest)]) if rest else "/".join(head)


# ---------------------------------------------------------------------------- keys

_SEPARATORS = str.maketrans({".": "-", "_": "-", "–": "-", "—": "-", "‐": "-"})


@lru_cache(maxsize=65536)  # a portal has few distinct numbers, cited over and over
def number_key(number: str) -> str:
    """One key for the ways staff type a document number: case, spaces, đ/d and the dash do not matter.

    "15/CT-TTg" = "15/ct-ttg" = "15 / CT-TTg" = "15/CT.TTg"; "43/2011/NĐ-CP" = "43/2011/ND-CP".
    Issuers are keyed alike ("UBND tỉnh Quảng Trị" = "UBND Tỉnh Quảng trị").
    """
    return "".join(fold(number).upper().translate(_SEPARATORS).split())


def number_keys(number: str, year: int) -> list[str]:
    """The keys a number is found by: as written, and with its year of issue added or left out
    ("15/CT-TTg" of 2012 is also "15/2012/CT-TTg"; "42/2012/QĐ-UBND" is also "42/QĐ-UBND")."""
    key = number_key(number)
    head, _, rest = key.partition("/")
    keys = [key]
    middle, _, tail = rest.partition("/")
    if tail and middle.isdigit() and len(middle) == 4:
        keys.append(f"{head}/{tail}")
    elif rest:
        keys.append(f"{head}/{year}/{rest}")
    return keys


def number_prefixes(number: str) -> list[str]:
    """A number typed without its symbol: "43/2011/NĐ-CP" is found by "43/2011" and by "43"."""
    key = number_key(number)
    head, _, rest = key.partition("/")
    middle = rest.partition("/")[0]
    return [head, f"{head}/{middle}"] if middle.isdigit() else [head]


def initials(name: str) -> str:
    """ "Nghị định" -> "ND", "Quyết định" -> "QD": how a type is abbreviated in numbers."""
    return "".join(word[0] for word in fold(name).upper().split() if word)


def short_keys(number: str, doc_type: str) -> list[str]:
    """A number as citizens shorten it: a symbol and the number, glued ("ND43", "QD125", "CT15").

    From each part of the symbol ("43/2011/NĐ-CP": "ND43", "CP43") and from the type's initials
    ("Nghị định" 43: "ND43"); the number without its leading zeros ("05/…": "QD5")."""
    key = number_key(number)
    head, _, rest = key.partition("/")
    if not head.isdigit():
        return []
    n = str(int(head))
    symbol = rest.split("/")[-1]
    parts = [p for p in re.split(r"[-.]", symbol) if p and not p.isdigit()]
    found = {part + n for part in parts}
    found.add(initials(doc_type) + n)
    return sorted(found)


def keys_in_text(text: str) -> tuple[str, ...]:
    """The keys of everything shaped like a number in `text`, sorted."""
    return tuple(sorted({number_key(found) for found in set(IN_TEXT.findall(text))}))


# ---------------------------------------------------------------------------- what a citizen typed


def typed_keys(text: str) -> set[str]:
    """Keys of the document numbers a query may contain ("15 ct ttg van ban": the symbol is some prefix of
    the words after the number); the index decides which exist."""
    keys = set()
    for match in _TYPED.finditer(text):
        parts = re.split(r"[\s-]+", match[3].strip())
        for cut in range(1, len(parts) + 1):
            symbol = "-".join(parts[:cut])
            keys.add(number_key(f"{match[1]}/{match[2] + '/' if match[2] else ''}{symbol}"))
    return keys


def typed_prefixes(text: str) -> list[str]:
    """Numbers typed without their symbol: "43/2011" and, after "số", "125"."""
    found = [f"{m[1]}/{m[2]}" for m in _NUMBER_AND_YEAR.finditer(text)]
    found += [m[1] for m in _SO_NUMBER.finditer(text)]
    return sorted(set(found))


def typed_shorts(words: Sequence[str]) -> list[str]:
    """Symbol and number typed short, from a query's folded words ("nd43" -> nd 43, "ND 43", "qđ 125",
    "nghị định 43", "quyết định số 125", "43 nd"): the `short_keys` they may mean."""
    tokens = [t for t in words if t != "so"]
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
    match = _WHOLE_TYPED.search(text)
    return match[0] if match else None


# ---------------------------------------------------------------------------- which document


class Issued(Protocol):
    """A document as the rule sees it: the day it was issued (and, where known, `issuers`)."""

    issued: date


T = TypeVar("T", bound=Issued)


def fitting(
    carrying: Iterable[T], day: date | None = None, year: int | None = None, issuer: str | None = None
) -> list[T]:
    """Those of the documents carrying a number that also fit the day, the year and the issuer a citation
    gives (each only where given; a document that names no issuers fits no issuer)."""
    wanted = number_key(issuer) if issuer is not None else None
    return [
        d
        for d in carrying
        if (day is None or d.issued == day)
        and (year is None or d.issued.year == year)
        and (wanted is None or wanted in {number_key(i) for i in getattr(d, "issuers", ())})
    ]


def near_key(key: str, known: Container[str]) -> str | None:
    """The number key in `known` that `key` is one slip of the số away from (888/QĐ-STTTT for 88/QĐ-STTTT:
    a digit left out, added, changed or two swapped); None when there is none. A few dozen look-ups, not a
    comparison with every number of the portal."""
    head, slash, tail = key.partition("/")
    if not (slash and head.isdigit() and len(head) <= 6):
        return None
    digits = "0123456789"
    variants = {head[:i] + head[i + 1 :] for i in range(len(head))}
    variants |= {head[:i] + d + head[i + 1 :] for i in range(len(head)) for d in digits}
    variants |= {head[:i] + d + head[i:] for i in range(len(head) + 1) for d in digits}
    variants |= {head[:i] + head[i + 1] + head[i] + head[i + 2 :] for i in range(len(head) - 1)}
    variants.discard(head)
    found = sorted(f"{v}/{tail}" for v in variants if v and not v.startswith("0") and f"{v}/{tail}" in known)
    return found[0] if found else None


class NumberGuesser:
    """The published number closest to a mistyped one: "15/CT-TTg" for "15/CT-TT".

    A typo changes one part of "số/năm/loại-cơ quan", so the candidates are the numbers that share
    its first part or the rest: comparing with every number on the portal would cost
    documents × unresolved numbers.
    """

    def __init__(self, numbers: Iterable[str]):
        self._by_head, self._by_tail = defaultdict(set), defaultdict(set)
        for number in numbers:
            head, _, tail = number.partition("/")
            self._by_head[head].add(number)
            self._by_tail[tail].add(number)
        self._guesses = {}

    def __call__(self, number: str) -> str | None:
        if number not in self._guesses:
            head, _, tail = number.partition("/")
            candidates = sorted(self._by_head.get(head, set()) | self._by_tail.get(tail, set()))
            guess = difflib.get_close_matches(number, candidates, n=1, cutoff=0.8)
            self._guesses[number] = guess[0] if guess else None
        return self._guesses[number]


def identity(number: str, issued: date, issuers: Iterable[str]) -> tuple:
    """What makes a document itself: its number, its day of issue and its issuers. Numbers without a year
    restart every year and many issuers share a symbol, so the number alone is not enough."""
    return number_key(number), issued, tuple(sorted(number_key(i) for i in issuers))
