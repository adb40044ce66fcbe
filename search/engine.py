"""Searching the read-only index: filters, facets, sorting, paging, snippets.

`SearchIndex` reopens the index when a new build has been swapped in (the folder is a
new directory then), so the service never needs a restart.
"""

import os
import threading
from html import escape
from dataclasses import dataclass, field
from datetime import timedelta, timezone
from pathlib import Path

from whoosh import index, query as q, sorting
from whoosh.highlight import ContextFragmenter, HtmlFormatter

from .indexer import INDEX_NAME
from .query import build, clean
from .schema import FACETS

VIETNAM = timezone(timedelta(hours=7))  # dates are indexed as Vietnamese local time
PAGE_SIZE = 10
SNIPPET_SOURCE_CHARS = 4000  # snippets come from the start of long documents: analysing all costs time
MAX_PAGE = 100
SORTS = ("relevance", "date")
VALIDITY_SLUGS = {"Còn hiệu lực": "con-hieu-luc", "Chưa có hiệu lực": "chua-co-hieu-luc",
                  "Hết hiệu lực": "het-hieu-luc"}
FILTER_CHARS = 200


@dataclass
class Request:
    text: str = ""
    filters: dict = field(default_factory=dict)  # type, issuer, topic, year, validity
    sort: str = "relevance"
    page: int = 1

    @classmethod
    def from_params(cls, params: dict) -> "Request":
        """From query-string values (first of each); anything odd is made harmless, never refused."""
        def one(name):
            value = params.get(name)
            if isinstance(value, list):
                value = value[0] if value else ""
            return clean(value or "")[:FILTER_CHARS]

        given = {name: one(name) for name in (*FACETS, "q", "sort", "page")}
        filters = {name: given[name] for name in FACETS if given[name]}
        if "validity" in filters:
            filters["validity"] = VALIDITY_SLUGS.get(filters["validity"], filters["validity"])
        try:
            page = min(max(int(given["page"] or 1), 1), MAX_PAGE)
        except ValueError:
            page = 1
        sort = given["sort"] if given["sort"] in SORTS else "relevance"
        return cls(given["q"], filters, sort, page)


@dataclass
class Result:
    request: Request
    total: int
    hits: list[dict]
    facets: dict[str, dict[str, int]]

    @property
    def pages(self) -> int:
        return min((self.total + PAGE_SIZE - 1) // PAGE_SIZE, MAX_PAGE)


class SearchIndex:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._ix = None
        self._identity = None
        self._lock = threading.Lock()

    def _open(self):
        try:
            stat = os.stat(self.folder)
        except FileNotFoundError:
            return None
        identity = (stat.st_ino, stat.st_dev)
        with self._lock:
            if self._ix is None or identity != self._identity:
                if not index.exists_in(self.folder, indexname=INDEX_NAME):
                    return None
                self._ix = index.open_dir(self.folder, indexname=INDEX_NAME, readonly=True)
                self._identity = identity
            return self._ix

    def search(self, request: Request) -> Result:
        ix = self._open()
        empty = Result(request, 0, [], {})
        if ix is None:
            return empty
        main = build(request.text)
        filters = [q.Term(FACETS[name], value) for name, value in request.filters.items()]
        if main is None:
            if not filters:
                return empty
            main = q.Every()
        with ix.searcher() as searcher:
            result = self._run(searcher, main, filters, request)
            if result.total == 0 and request.text and not isinstance(main, q.Every):
                result = self._run(searcher, build(request.text, every_word=False), filters, request)
            return result

    def _run(self, searcher, main, filters, request: Request) -> Result:
        limit = request.page * PAGE_SIZE
        groupedby = {name: sorting.FieldFacet(fieldname, allow_overlap=True) for name, fieldname in FACETS.items()}
        kwargs = {"filter": q.And(filters) if filters else None, "groupedby": groupedby, "terms": True}
        if request.sort == "date" or isinstance(main, q.Every):
            results = searcher.search(main, limit=limit, sortedby="date", reverse=True, **kwargs)
            ranked = list(results)
        else:
            results = searcher.search(main, limit=limit, **kwargs)
            # newer items win ties (scores equal to 4 decimals)
            ranked = sorted(results, key=lambda hit: (-round(hit.score, 4), -hit["date"].timestamp()))
        results.fragmenter = ContextFragmenter(maxchars=160, surround=60)
        results.formatter = HtmlFormatter(tagname="mark", between=" … ")
        facets = {}
        for name in FACETS:
            groups = results.groups(name)
            facets[name] = dict(sorted(((str(k), len(v)) for k, v in groups.items() if k not in (None, "")),
                                       key=lambda kv: (-kv[1], kv[0])))
        page_hits = ranked[(request.page - 1) * PAGE_SIZE: limit]
        return Result(request, len(results), [self._hit(h) for h in page_hits], facets)

    @staticmethod
    def _hit(hit) -> dict:
        snippet = ""
        for fieldname, source in (("body_ascii", "body"), ("summary_ascii", "summary"), ("title_ascii", "title")):
            text = (hit.get(source) or "")[:SNIPPET_SOURCE_CHARS]
            if text:
                snippet = hit.highlights(fieldname, text=text, top=2)
                if snippet:
                    break
        if not snippet:
            text = hit.get("summary") or hit.get("body") or ""
            snippet = escape(text[:200] + ("…" if len(text) > 200 else ""))
        return {
            "url": hit["url"], "title": hit["title"], "kind": hit["kind"], "number": hit.get("number"),
            "doc_type": hit.get("doc_type"), "issuer": [i for i in (hit.get("issuer") or "").split("\n") if i],
            "date": hit["date"].replace(tzinfo=VIETNAM).isoformat(), "validity": hit.get("validity_label"),
            "snippet": snippet,
        }
