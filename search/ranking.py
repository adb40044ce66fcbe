"""Which documents a plan matches, in which order, and what the facets count: over every document
at once, with the arrays of search.arrays.

Every match is scored, however old (no recency cut-off): a document's score is the sum of the BM25F
scores of the terms it has, as Whoosh adds them in And/Or/AndMaybe,
- each required word in each folded field;
- each word with its accents in each accented field;
- twice again the required words' scores in a number, title or summary that has them side by side;
- a number typed whole (×50), without its symbol (×25), glued to its symbol (×30), and the year
  typed beside it (×25).
Equal scores (to four decimals) go to the newer item.
"""

from dataclasses import dataclass
from datetime import date
from itertools import pairwise

import numpy as np

from .arrays import Arrays
from .query import Plan
from .schema import ACCENTED_FIELDS, ASCII_FIELDS, PHRASE_FIELDS

PHRASE_BOOST = 2.0


@dataclass(frozen=True)
class Ranked:
    total: int  # how many documents match
    page: list[int]  # the document numbers of the page asked for, in order
    facets: dict[str, dict[str, int]]


def named(arrays: Arrays, numbers, prefixes) -> tuple[np.ndarray, bool]:
    """(the documents carrying a whole number typed, as a mask; whether the text names a number that
    exists, whole or without its symbol)."""
    found = np.zeros(arrays.size, dtype=bool)
    for key in numbers:
        found |= arrays.having(("number_key",), key)
    exists = bool(found.any())
    for prefix in prefixes:
        exists = exists or bool(arrays.having(("number_prefix",), prefix).any())
    return found, exists


def narrowed(arrays: Arrays, mask: np.ndarray, filters: dict, since: date | None, until: date | None) -> np.ndarray:
    """The documents of `mask` that the filters and the date range keep."""
    mask = mask & arrays.live
    for name, value in filters.items():
        mask &= arrays.facets[name].mask(value)
    if since:
        mask &= arrays.days >= since.toordinal()
    if until:
        mask &= arrays.days <= until.toordinal()
    return mask


def matching(arrays: Arrays, words: list[str], every_word: bool, chosen: np.ndarray) -> np.ndarray:
    """The documents with every word (or any, when not `every_word`) in a folded field, and those `chosen`
    (carrying a number typed); every live document when there is no word and nothing chosen."""
    if not words:
        return chosen.copy() if chosen.any() else arrays.live.copy()
    result = None
    for word in words:
        having = arrays.having(ASCII_FIELDS, word)
        result = having if result is None else (result & having if every_word else result | having)
    return result | chosen


def scores(arrays: Arrays, plan: Plan, matched: np.ndarray) -> np.ndarray:
    """Each matched document's score (0 elsewhere)."""
    total = np.zeros(arrays.size, dtype=np.float64)
    for word in plan.required:
        for fieldname in ASCII_FIELDS:
            arrays.add(total, fieldname, word, where=matched)
    for word in plan.exact:
        for fieldname in ACCENTED_FIELDS:
            arrays.add(total, fieldname, word, where=matched)
    if plan.phrase:
        pairs = list(pairwise(plan.required))
        for fieldname in PHRASE_FIELDS:
            side_by_side = matched.copy()
            for first, second in pairs:
                side_by_side &= arrays.having(("pairs",), f"{fieldname}:{first} {second}")
            if side_by_side.any():
                for word in plan.required:
                    arrays.add(total, fieldname, word, PHRASE_BOOST, where=side_by_side)
    for fieldname, term, boost in plan.boosts():
        arrays.add(total, fieldname, term, boost, where=matched)
    return total


def ordered(arrays: Arrays, matched: np.ndarray, first: int, last: int, total: np.ndarray | None = None) -> list[int]:
    """The matched documents from position `first` to `last`, by score (to four decimals) then newest
    first; by newest first alone without scores."""
    docs = np.flatnonzero(matched)
    newness = arrays.newness[docs]
    if total is None:
        keys = (-newness,)
    else:
        keys = (-newness, -np.round(total[docs], 4))
    if len(docs) > 4 * last:  # the page is near the top: sort only what can reach it
        bound = np.round(total[docs], 4) if total is not None else newness
        cut = np.partition(bound, len(docs) - last)[len(docs) - last]
        near = bound >= cut
        docs, keys = docs[near], tuple(k[near] for k in keys)
    return [int(d) for d in docs[np.lexsort(keys)][first:last]]


def counts(arrays: Arrays, matched: np.ndarray) -> dict[str, dict[str, int]]:
    return {name: facet.counts(matched) for name, facet in arrays.facets.items()}
