"""Searching the read-only index: filters, facets, sorting, paging, snippets.

`SearchIndex` reopens the index when a new build has been swapped in (the folder is a
new directory then), so the service never needs a restart.
"""

import logging
import os
import queue
import threading
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, timedelta, timezone
from html import escape
from pathlib import Path

from whoosh.filedb.filestore import RamStorage
from whoosh.filedb.structfile import BufferFile

from .arrays import Arrays
from .indexer import INDEX_NAME, load_verified
from .numbers import typed_number
from .query import build, clean, loose_words, without_number
from .ranking import counts, matching, named, narrowed, ordered, scores
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
    arrays: Arrays
    identity: tuple
    answers: Answers = field(default_factory=lambda: Answers(ANSWERS_KEPT))


def answer(request: Request, numbers, run) -> Result:
    """The answer every backend gives, in the same steps: `numbers(plan)` says which documents carry a
    number typed (chosen, whether any does, whether the text names a number that exists); `run(plan,
    chosen, names_a_number, text)` matches, ranks and pages."""
    plan = build(request.text)
    if plan is None and not (request.filters or request.since or request.until):
        return Result(request, 0, [], {})
    chosen, any_chosen, names_a_number = numbers(plan)
    typed = typed_number(request.text) if plan is not None else None
    text = request.text
    if typed and not any_chosen:
        # no document carries the number typed: the other words alone, or nothing (never everything
        # that shares a piece of the number, a "QĐ" or a year)
        text = without_number(request.text, typed)
        plan = build(text)
        if plan is None:
            return Result(request, 0, [], {}, missing_number=typed, other_words="")
        chosen, any_chosen, names_a_number = numbers(plan)
    result = run(plan, chosen, names_a_number, text)
    if result.total == 0 and plan is not None:  # nothing has every word: the closest matches
        result = run(replace(plan, every_word=False), chosen, names_a_number, text)
        result.matched = "some" if result.total else "all"
    if typed and text != request.text:
        result.missing_number, result.other_words = typed, text
    return result


class IndexUnavailable(Exception):
    """The index is missing or damaged: the service answers 503 and logs why."""


def _identity(folder: Path) -> tuple:
    """Changes when a build swaps in a new folder, and when any file of it is changed in place."""
    stat = os.stat(folder)
    with os.scandir(folder) as entries:
        files = sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in entries if e.is_file())
    return (stat.st_ino, stat.st_dev, stat.st_mtime_ns, tuple(files))


class _SharedStorage(RamStorage):
    """The checked index files in memory, each opened without a copy. Whoosh's own RamStorage hands each
    reader a memoryview, which BytesIO copies whole: once per reader and file, so a worker held the index
    three times over (3.2 GB for a 650 MB index at 100,000 documents). A BytesIO made from bytes shares them."""

    def open_file(self, name, **kwargs):
        if name not in self.files:
            raise NameError(name)
        return BufferFile(self.files[name], name=name, **kwargs)


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
                storage = _SharedStorage()
                storage.files.update(files)
                if problem is None and not storage.index_exists(INDEX_NAME):
                    problem = "thư mục không chứa chỉ mục"
                if problem is not None:
                    self._opened = None
                    raise self._unavailable(problem)
                ix = storage.open_index(INDEX_NAME)
                self._opened = _Opened(ix, Arrays(ix.reader(), ix.schema), identity)
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
            searcher = opened.ix.searcher()  # for the stored fields of the page shown
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
        arrays = opened.arrays

        def numbers(plan):
            chosen, names_a_number = named(arrays, plan.numbers, plan.prefixes) if plan else named(arrays, (), ())
            return chosen, bool(chosen.any()), names_a_number

        with self._searcher(opened) as searcher:
            return answer(
                request,
                numbers,
                lambda plan, chosen, names_a_number, text: self._run(
                    searcher, arrays, plan, request, chosen, names_a_number, text
                ),
            )

    def _run(self, searcher, arrays: Arrays, plan, request: Request, chosen, names_a_number: bool, text: str) -> Result:
        """`text`: what to search for (what was typed, or it without a missing number)."""
        words = loose_words(text, names_a_number) if plan is not None else []
        every_word = plan.every_word if plan is not None else True
        found = matching(arrays, words, every_word, chosen)
        matched = narrowed(arrays, found, request.filters, request.since, request.until)
        facets = counts(arrays, matched)
        total = int(matched.sum())
        if not total:
            return Result(request, 0, [], facets)
        first, last = (request.page - 1) * PAGE_SIZE, request.page * PAGE_SIZE
        if request.sort == "date" or plan is None:
            page = ordered(arrays, matched, first, last)
        else:
            page = ordered(arrays, matched, first, last, scores(arrays, plan, matched))
        return Result(request, total, self._hits(searcher, page, words), facets)

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
