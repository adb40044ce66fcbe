"""Searching the read-only index: filters, facets, sorting, paging, snippets.

`SearchIndex` reopens the index when a new build has been swapped in (the folder is a
new directory then), so the service never needs a restart.
"""

import heapq
import logging
import math
import os
import queue
import threading
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, timedelta, timezone
from html import escape
from pathlib import Path

from whoosh import query as q
from whoosh import scoring
from whoosh.filedb.filestore import RamStorage
from whoosh.reading import TermNotFound

from .indexer import INDEX_NAME, load_verified
from .query import (
    build,
    clean,
    loose_words,
    number_candidates,
    number_prefixes,
    typed_number,
    without_number,
)
from .schema import FACETS
from .snippets import snippet

log = logging.getLogger(__name__)
VIETNAM = timezone(timedelta(hours=7))  # dates are indexed as Vietnamese local time
PAGE_SIZE = 10
MAX_PAGE = 100
SORTS = ("relevance", "date")
# the seven labels of portal_legal.validity.SLUGS (a test holds the two equal; the service imports no plugin)
VALIDITY_SLUGS = {
    "Còn hiệu lực": "con-hieu-luc",
    "Chưa có hiệu lực": "chua-co-hieu-luc",
    "Hết hiệu lực": "het-hieu-luc",
    "Ngưng hiệu lực": "ngung-hieu-luc",
    "Ngưng hiệu lực một phần": "ngung-hieu-luc-mot-phan",
    "Hết hiệu lực một phần": "het-hieu-luc-mot-phan",
    "Không còn phù hợp": "khong-con-phu-hop",
}
FILTER_CHARS = 200
SCORED = 500  # at most this many prominent matches are scored by Whoosh (see SearchIndex._run)
OTHERS = 200  # and, when the prominent ones are too few for the page, this many others


# as URLs say them (PRODUCT.md; hoi-dap added with the questions and answers)
KIND_SLUGS = {"van-ban": "document", "tin-tuc": "news", "trang": "page", "hoi-dap": "question"}


@dataclass
class Request:
    text: str = ""
    filters: dict = field(default_factory=dict)  # kind, type, issuer, topic, year, validity
    sort: str = "relevance"
    page: int = 1
    since: date | None = None  # `from`: items dated on or after this day
    until: date | None = None  # `to`: items dated on or before this day

    @classmethod
    def from_params(cls, params: dict) -> "Request":
        """From query-string values (first of each); anything odd is made harmless, never refused."""

        def one(name):
            value = params.get(name)
            if isinstance(value, list):
                value = value[0] if value else ""
            return clean(value or "")[:FILTER_CHARS]

        given = {name: one(name) for name in (*FACETS, "q", "sort", "page", "from", "to")}
        filters = {name: given[name] for name in FACETS if given[name]}
        if "validity" in filters:
            filters["validity"] = VALIDITY_SLUGS.get(filters["validity"], filters["validity"])
        if "kind" in filters:
            filters["kind"] = KIND_SLUGS.get(filters["kind"], filters["kind"])
        try:
            page = min(max(int(given["page"] or 1), 1), MAX_PAGE)
        except ValueError:
            page = 1
        sort = given["sort"] if given["sort"] in SORTS else "relevance"
        return cls(given["q"], filters, sort, page, _day(given["from"]), _day(given["to"]))


def _day(text: str) -> date | None:
    """YYYY-MM-DD, or DD/MM/YYYY as Vietnamese readers write it; anything else is no limit."""
    try:
        if "/" in text:
            d, m, y = (int(part) for part in text.split("/"))
            return date(y, m, d)
        return date.fromisoformat(text) if text else None
    except (ValueError, OverflowError):  # 1/1/99999999999999999999 overflows a C int, it is not a ValueError
        return None


@dataclass
class Result:
    request: Request
    total: int
    hits: list[dict]
    facets: dict[str, dict[str, int]]
    matched: str = "all"  # "all": every word asked for is in each result; "some": the closest matches instead
    missing_number: str | None = None  # a whole number typed that no document on the portal carries
    other_words: str | None = None  # with a missing number: the words searched instead ("" none: no result)

    @property
    def pages(self) -> int:
        return min((self.total + PAGE_SIZE - 1) // PAGE_SIZE, MAX_PAGE)


class Chosen(q.Query):
    """Matches the given document numbers, each with the same score: a query, not a filter, so
    Whoosh walks only these documents."""

    fieldname = None  # highlighting asks every query for its field and terms: this one has none

    def __init__(self, docnums, top_searcher):
        self.docnums = sorted(docnums)
        self.top = top_searcher

    def has_terms(self):
        return False

    def terms(self, phrases=False):
        return iter(())

    def existing_terms(self, ixreader, phrases=True, expand=False):
        return set()

    def __eq__(self, other):
        return isinstance(other, Chosen) and other.docnums == self.docnums

    def __hash__(self):
        return hash(tuple(self.docnums))

    def matcher(self, searcher, context=None):
        from whoosh.matching import ListMatcher, NullMatcher

        offset, size = 0, searcher.doc_count_all()
        if searcher is not self.top:
            for leaf, leaf_offset in self.top.leaf_searchers():
                if leaf is searcher:
                    offset = leaf_offset
        mine = [d - offset for d in self.docnums if offset <= d < offset + size]
        return ListMatcher(mine, all_weights=1.0) if mine else NullMatcher()


class DocSets:
    """Sets of document numbers, from the posting lists of one opened index, kept while it is live.

    Counting matches, filtering and facet counts are set operations (C speed) on these, not a
    walk of Whoosh's matchers over every matching document; Whoosh then scores only the matches.
    """

    CACHE = 4096  # (field, term) sets kept for query words; facet values are kept whole

    def __init__(self, searcher):
        reader = searcher.reader()
        self.live = frozenset(reader.all_doc_ids())
        self.facets = {}
        for name, fieldname in FACETS.items():
            self.facets[name] = {term: self._read(reader, fieldname, term) for term in reader.field_terms(fieldname)}
        # the order of recency: newest last, equal dates by item id. Ties never depend on document
        # numbers, which differ between an index updated in place and one built cold
        dates = reader.column_reader("date")
        self.days = {docnum: dates[docnum].date() for docnum in self.live}
        ids = {docnum: term for term in reader.field_terms("id") for docnum in self._read(reader, "id", term)}
        self.newness = {docnum: rank for rank, docnum in enumerate(sorted(self.live, key=lambda d: (dates[d], ids[d])))}
        self._terms = {}
        self._lock = threading.Lock()
        # BM25's collection statistics over the live documents only (see LiveBM25F)
        scorable = [name for name, field in searcher.schema.items() if field.scorable]
        self.average_length = {
            name: sum(reader.doc_field_length(d, name, 0) or 0 for d in self.live) / (len(self.live) or 1)
            for name in scorable
        }

    def idf(self, searcher, fieldname: str, text) -> float:
        """As Whoosh's, from the documents that are live: an index updated in place (where deleted and
        replaced versions still sit in their segments) ranks exactly as one built cold."""
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        found = len(self.term(searcher.get_parent(), fieldname, text))
        return math.log(len(self.live) / (found + 1)) + 1

    def _read(self, reader, fieldname: str, term) -> frozenset:
        try:
            return frozenset(reader.postings(fieldname, term).all_ids()) & self.live
        except (TermNotFound, KeyError):  # KeyError from some codecs
            return frozenset()

    def term(self, searcher, fieldname: str, term: str) -> frozenset:
        key = (fieldname, term)
        found = self._terms.get(key)
        if found is None:
            found = self._read(searcher.reader(), fieldname, term)
            with self._lock:
                if len(self._terms) >= self.CACHE:
                    self._terms.clear()
                self._terms[key] = found
        return found

    def matching(
        self, searcher, words: list[str], every_word: bool, request: "Request", named: frozenset = frozenset()
    ) -> frozenset:
        """The documents a query's required part matches: each word in any folded field, and the
        documents carrying a number it names; then the filters and the date range."""
        from .schema import ASCII_FIELDS

        result = None
        for word in words:
            docs = frozenset().union(*(self.term(searcher, f, word) for f in ASCII_FIELDS))
            result = docs if result is None else (result & docs if every_word else result | docs)
        result = (self.live if not named else frozenset()) if result is None else result
        result = result | named
        return self.narrowed(result, request)

    def narrowed(self, result: frozenset, request: "Request") -> frozenset:
        for name, value in request.filters.items():
            result = result & self.facets[name].get(value, frozenset())
        if request.since or request.until:
            low, high = request.since or date.min, request.until or date.max
            result = frozenset(d for d in result if low <= self.days[d] <= high)
        return result

    def numbers(self, searcher, text: str) -> tuple[frozenset, bool]:
        """(documents carrying a number the text names, whether the text names one that exists)."""
        keys = number_candidates(text)
        found = frozenset().union(*(self.term(searcher, "number_key", key) for key in keys)) if keys else frozenset()
        prefixes = number_prefixes(text)
        by_prefix = (
            frozenset().union(*(self.term(searcher, "number_prefix", p) for p in prefixes)) if prefixes else frozenset()
        )
        return found, bool(found or by_prefix)

    def prominent(self, searcher, words: list[str], numbers: list[str], matched: frozenset) -> frozenset:
        """Of the matches, those with every word in the number, title or summary, or with a typed number:
        the field weights put them above matches in the body alone."""
        from .schema import PHRASE_FIELDS

        found = matched
        for word in words:
            found = found & frozenset().union(*(self.term(searcher, f, word) for f in PHRASE_FIELDS))
        for key in numbers:
            found = found | (self.term(searcher, "number_key", key) & matched)
        return found

    def counts(self, matched: frozenset) -> dict[str, dict[str, int]]:
        facets = {}
        for name, values in self.facets.items():
            counted = ((str(k), len(docs & matched)) for k, docs in values.items() if k not in (None, ""))
            facets[name] = dict(sorted(((k, n) for k, n in counted if n), key=lambda kv: (-kv[1], kv[0])))
        return facets


class LiveBM25F(scoring.BM25F):
    """Whoosh's BM25F, with the statistics of the live documents only (DocSets.idf, average_length).

    Whoosh counts a deleted or replaced document in its segment until the segment is rewritten, so
    its idf and average field lengths drift after every rebuild, and the same query on the same
    content ranked differently after an edit than after a cold build."""

    def __init__(self, sets: "DocSets"):
        super().__init__()
        self.sets = sets

    def scorer(self, searcher, fieldname, text, qf=1):
        if not searcher.schema[fieldname].scorable:
            return scoring.WeightScorer.for_(searcher, fieldname, text)
        return _LiveScorer(searcher, fieldname, text, self.B, self.K1, qf, self.sets)


class _LiveScorer(scoring.BM25FScorer):
    def __init__(self, searcher, fieldname, text, B, K1, qf, sets: "DocSets"):
        self.idf = sets.idf(searcher, fieldname, text)
        self.avgfl = sets.average_length.get(fieldname) or 1
        self.B, self.K1, self.qf = B, K1, qf
        self.setup(searcher, fieldname, text)


class Answers:
    """The answers given from one version of the index, the most recently asked kept: citizens repeat
    queries (the same number, the same topic in the news). They die with the index they came from."""

    def __init__(self, size: int):
        self.size = size
        self._kept: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self.reused = 0  # answers given again (for the bench and the tests)

    def get(self, key: tuple) -> "Result | None":
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
                self.reused += 1
            return found

    def put(self, key: tuple, result: "Result") -> None:
        with self._lock:
            self._kept[key] = result
            self._kept.move_to_end(key)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)


ANSWERS_KEPT = 2000  # per worker: a page of results is a few kilobytes


def _answer_key(request: "Request") -> tuple:
    return (
        request.text,
        tuple(sorted(request.filters.items())),
        request.sort,
        request.page,
        request.since,
        request.until,
    )


@dataclass(frozen=True)
class _Opened:
    ix: object
    sets: DocSets
    identity: tuple
    answers: Answers = field(default_factory=lambda: Answers(ANSWERS_KEPT))


class IndexUnavailable(Exception):
    """The index is missing or damaged: the service answers 503 and logs why."""


def _identity(folder: Path) -> tuple:
    """Changes when a build swaps in a new folder, and when any file of it is changed in place."""
    stat = os.stat(folder)
    with os.scandir(folder) as entries:
        files = sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in entries if e.is_file())
    return (stat.st_ino, stat.st_dev, stat.st_mtime_ns, tuple(files))


class SearchIndex:
    """The index in `folder`, reopened when a build swaps in a new one.

    Searchers (Whoosh's are not thread-safe) are kept in a pool while the index is the same, one
    per request running at once: opening one per query re-reads the segment's files, which cost
    more than most searches. The index is checked against its manifest whenever it changes.
    """

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._opened = None
        self._lock = threading.Lock()
        self._searchers = queue.LifoQueue()

    def _open(self) -> "_Opened":
        """The open index; IndexUnavailable (and a line in the log) when it is missing or damaged."""
        try:
            identity = _identity(self.folder)
        except FileNotFoundError:
            raise self._unavailable("thư mục chỉ mục không có") from None
        with self._lock:
            if self._opened is None or identity != self._opened.identity:
                # damaged files give wrong answers: never open them. The checked bytes are searched in
                # memory (as fast as mmap), so a file truncated on disk later cannot SIGBUS a worker
                files, problem = load_verified(self.folder)
                storage = RamStorage()
                storage.files.update(files)
                if problem is None and not storage.index_exists(INDEX_NAME):
                    problem = "thư mục không chứa chỉ mục"
                if problem is not None:
                    self._opened = None
                    raise self._unavailable(problem)
                ix = storage.open_index(INDEX_NAME)
                with ix.searcher() as searcher:
                    sets = DocSets(searcher)
                self._opened = _Opened(ix, sets, identity)
                self._searchers = queue.LifoQueue()
            return self._opened

    def _unavailable(self, problem: str) -> "IndexUnavailable":
        log.error("search index %s unavailable: %s", self.folder, problem)
        return IndexUnavailable(problem)

    @contextmanager
    def _searcher(self, opened: _Opened):
        """A searcher of this index from a shared pool: as many as requests run at once, not one per thread."""
        pool = self._searchers
        try:
            searcher = pool.get_nowait()
        except queue.Empty:
            searcher = opened.ix.searcher(weighting=LiveBM25F(opened.sets))
        try:
            yield searcher
        finally:
            if self._opened is opened and pool is self._searchers:
                pool.put(searcher)
            else:
                searcher.close()

    def search(self, request: Request) -> Result:
        """The answer to `request`, from this version of the index (the same answer again when it was
        asked before, as long as the index is the same)."""
        opened = self._open()
        key = _answer_key(request)
        kept = opened.answers.get(key)
        if kept is not None:
            return replace(kept, request=request)
        result = self._answer(opened, request)
        opened.answers.put(key, result)
        return result

    @property
    def answers_reused(self) -> int:
        """How many answers the index open now gave again."""
        return self._opened.answers.reused if self._opened is not None else 0

    def _answer(self, opened: "_Opened", request: Request) -> Result:
        empty = Result(request, 0, [], {})
        main = build(request.text)
        if main is None and not (request.filters or request.since or request.until):
            return empty
        with self._searcher(opened) as searcher:
            sets = opened.sets
            named, names_a_number = sets.numbers(searcher, request.text) if main is not None else (frozenset(), False)
            typed = typed_number(request.text) if main is not None else None
            text = request.text
            if typed and not named:
                # no document carries the number typed: the other words alone, or nothing (never everything
                # that shares a piece of the number, a "QĐ" or a year)
                text = without_number(request.text, typed)
                main = build(text)
                if main is None:
                    return Result(request, 0, [], {}, missing_number=typed, other_words="")
                named, names_a_number = sets.numbers(searcher, text)
            result = self._run(searcher, sets, main, request, True, named, names_a_number, text)
            if result.total == 0 and main is not None:
                result = self._run(
                    searcher, sets, build(text, every_word=False), request, False, named, names_a_number, text
                )
                result.matched = "some" if result.total else "all"
            if typed and text != request.text:
                result.missing_number, result.other_words = typed, text
        return result

    def _run(
        self,
        searcher,
        sets: "DocSets",
        main,
        request: Request,
        every_word: bool,
        named: frozenset,
        names_a_number: bool,
        text: str | None = None,
    ) -> Result:
        """`text`: what to search for, when it is not what was typed (a missing number left out)."""
        text = request.text if text is None else text
        limit = request.page * PAGE_SIZE
        words = loose_words(text, names_a_number) if main is not None else []
        matched = sets.matching(searcher, words, every_word, request, named)
        facets = sets.counts(matched)
        if not matched:
            return Result(request, 0, [], facets)
        if request.sort == "date" or main is None:
            top = heapq.nlargest(limit, matched, key=sets.newness.__getitem__)
            return Result(
                request, len(matched), self._hits(searcher, top[(request.page - 1) * PAGE_SIZE :], words), facets
            )
        # Whoosh scores every document it is given: give it the matches most likely to rank first.
        # Those with all words in the number, title or summary (or the typed number) outrank the
        # rest: if there are enough of them for the page, the newest SCORED of them; if not, all of
        # them and the newest OTHERS of the other matches.
        scored = matched
        if len(matched) > limit + PAGE_SIZE:
            prominent = sets.prominent(searcher, words, sorted(number_candidates(text)), matched)
            if len(prominent) >= limit + PAGE_SIZE:
                scored = prominent
                if len(prominent) > SCORED:
                    scored = frozenset(heapq.nlargest(SCORED, prominent, key=sets.newness.__getitem__))
            elif len(matched) > len(prominent) + OTHERS:
                scored = prominent.union(heapq.nlargest(OTHERS, matched - prominent, key=sets.newness.__getitem__))
        scored = scored | (named & matched)
        # Whoosh walks every document its query matches (phrases included), whatever the filter:
        # name the chosen ones in the query itself. Each adds the same score, so the order is
        # the query's own (AndMaybe(required, boosts) scores required + boosts, as Or does here).
        main = q.AndMaybe(Chosen(scored, searcher), q.Or([main.a, main.b]))
        # every scored document is collected (at most SCORED), so that equal scores go to the newer
        # item over the whole set, not only among those Whoosh happened to keep
        results = searcher.search(main, limit=None, filter=set(scored))
        ranked = [
            docnum for _, docnum in sorted(results.top_n, key=lambda hit: (-round(hit[0], 4), -sets.newness[hit[1]]))
        ]
        return Result(
            request, len(matched), self._hits(searcher, ranked[(request.page - 1) * PAGE_SIZE : limit], words), facets
        )

    @staticmethod
    def _hits(searcher, docnums: list[int], words: list[str]) -> list[dict]:
        """The page's documents as results, each with a snippet marking the query's words."""
        reader, hits = searcher.reader(), []
        for docnum in docnums:
            fields = reader.stored_fields(docnum)
            marked = next(
                filter(None, (snippet(fields.get(source) or "", words) for source in ("body", "summary", "title"))), ""
            )
            hits.append(SearchIndex._fields(fields, marked or _opening(fields)))
        return hits

    @staticmethod
    def _fields(hit, snippet: str) -> dict:
        return {
            "url": hit["url"],
            "title": hit["title"],
            "kind": hit["kind"],
            "number": hit.get("number"),
            "doc_type": hit.get("doc_type"),
            "issuer": [i for i in (hit.get("issuer") or "").split("\n") if i],
            "date": hit["date"].replace(tzinfo=VIETNAM).isoformat(),
            "issued": hit.get("issued"),
            "validity": hit.get("validity_label"),
            "snippet": snippet,
        }


def _opening(fields) -> str:
    """The snippet when no word is marked: the start of the summary or the body, escaped."""
    text = fields.get("summary") or fields.get("body") or ""
    return escape(text[:200] + ("…" if len(text) > 200 else ""))
