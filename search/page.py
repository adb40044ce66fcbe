"""What the search page shows for a request, for the theme's template to write (no JavaScript needed).

The markup is the theme's (templates/search.html and components/search_results.html), rendered by
the service through portal_serve.pages; this module gives it the words and the links. The template
escapes everything; snippets come escaped and marked from the engine. Labels are Vietnamese.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from markupsafe import Markup

from .engine import PAGE_SIZE, VALIDITY_SLUGS, Request, Result

FACET_TITLES = {
    "kind": "Loại nội dung",
    "type": "Loại văn bản",
    "issuer": "Cơ quan ban hành",
    "topic": "Lĩnh vực",
    "year": "Năm",
    "validity": "Tình trạng hiệu lực",
}
VALIDITY_LABELS = {slug: label for label, slug in VALIDITY_SLUGS.items()}
KIND_LABELS = {
    "news": "Tin tức",
    "document": "Văn bản",
    "page": "Trang",
    "question": "Hỏi đáp",
    "leader": "Lãnh đạo",
    "unit": "Đơn vị",
}
KIND_PARAMS = {"document": "van-ban", "news": "tin-tuc", "page": "trang", "question": "hoi-dap"}


def shown_value(name: str, value: str) -> str:
    if name == "validity":
        return VALIDITY_LABELS.get(value, value)
    if name == "kind":
        return KIND_LABELS.get(value, value)
    return value


def query_params(request, **changes) -> dict:
    """The request as URL parameters (kind as URLs say it), with `changes`; empty ones left out."""
    params = {
        "q": request.text,
        **request.filters,
        "from": request.since.isoformat() if request.since else None,
        "to": request.until.isoformat() if request.until else None,
        "sort": request.sort,
        "page": request.page,
    }
    params.update(changes)
    if params.get("kind"):
        params["kind"] = KIND_PARAMS.get(params["kind"], params["kind"])
    params = {k: v for k, v in params.items() if v not in (None, "", 1) or (k == "q")}
    if params.get("sort") == "relevance":
        params.pop("sort")
    return params


def feed_query(request) -> str:
    """The request as the query of its search feeds and results page: every value encoded, no paging."""
    return urlencode({k: v for k, v in query_params(request).items() if k not in ("page", "sort")})


def link(base: str, request, **changes) -> str:
    return f"{base}?{urlencode(query_params(request, **changes))}"


def _date(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}"


def _when(hit: dict) -> str:
    """How a result names its day: a document's is its day of issue (a draft's, the day of the draft)."""
    if hit["kind"] != "document" or not hit.get("issued"):
        return ""
    return "Ngày dự thảo" if hit.get("doc_type") == "Dự thảo" else "Ban hành"


@dataclass(frozen=True)
class Hit:
    url: str
    title: str
    kind: str  # "Văn bản", "Tin tức", "Trang"
    number: str | None
    validity: str | None
    validity_slug: str
    doc_type: str | None
    issuers: tuple[str, ...]
    date: str  # ISO
    day: str  # dd/mm/yyyy
    snippet: Markup  # escaped by the engine, matches marked
    when: str = ""  # what the day is: "Ban hành" for a document (its day of issue), else "" (posted on)


@dataclass(frozen=True)
class Choice:
    """A link that changes the search: a filter value, a sort, a page."""

    text: str
    href: str
    current: bool = False
    count: int | None = None
    group: str = ""  # a filter's name: "Loại văn bản"


@dataclass(frozen=True)
class SearchView:
    """What the search page shows for one request (theme: components/search_results.html).

    `result` is None when the index could not answer. Links are URLs, escaped by the template.
    """

    request: Request
    result: Result | None
    base: str = "/tim-kiem/"

    @property
    def asked(self) -> bool:
        r = self.request
        return bool(r.text or r.filters or r.since or r.until)

    @property
    def unavailable(self) -> bool:
        return self.result is None

    @property
    def form(self) -> dict:
        """The search form's fields as the reader filled them (kind as URLs say it: van-ban)."""
        return query_params(self.request, page=None)

    @property
    def feed_query(self) -> str:
        return feed_query(self.request)

    def link(self, **changes) -> str:
        return link(self.base, self.request, **changes)

    @property
    def filters(self) -> list[Choice]:
        """What the results are filtered by, each with the link that removes it."""
        r = self.request
        chosen = [
            Choice(shown_value(name, value), self.link(**{name: None, "page": None}), group=FACET_TITLES[name])
            for name, value in r.filters.items()
        ]
        for name, day, words in (("from", r.since, "Từ ngày"), ("to", r.until, "Đến ngày")):
            if day:
                chosen.append(Choice(f"{day:%d/%m/%Y}", self.link(**{name: None, "page": None}), group=words))
        return chosen

    @property
    def without_filters(self) -> str:
        return self.link(page=None, **{k: None for k in self.request.filters})

    @property
    def sorts(self) -> list[Choice]:
        return [
            Choice(label, self.link(sort=key, page=None), self.request.sort == key)
            for key, label in (("relevance", "Phù hợp nhất"), ("date", "Mới nhất"))
        ]

    @property
    def first(self) -> int:
        return (self.request.page - 1) * PAGE_SIZE + 1

    @property
    def hits(self) -> list[Hit]:
        return [
            Hit(
                url=hit["url"],
                title=hit["title"],
                kind=KIND_LABELS.get(hit["kind"], hit["kind"]),
                number=hit["number"] or None,
                validity=hit["validity"] or None,
                validity_slug=VALIDITY_SLUGS.get(hit["validity"] or "", ""),
                doc_type=hit["doc_type"] if hit["kind"] == "document" else None,
                issuers=tuple(hit["issuer"]) if hit["kind"] == "document" else (),
                date=hit.get("issued") or hit["date"],
                day=_date(hit.get("issued") or hit["date"]),
                snippet=Markup(hit["snippet"]),
                when=_when(hit),
            )
            for hit in self.result.hits
        ]

    @property
    def pages(self) -> list[Choice]:
        return [
            Choice(str(number), self.link(page=number), number == self.request.page)
            for number in range(1, self.result.pages + 1)
        ]

    @property
    def facets(self) -> list[tuple[str, list[Choice]]]:
        r = self.request
        return [
            (
                FACET_TITLES[name],
                [
                    Choice(
                        shown_value(name, value),
                        self.link(page=None, **{name: value}),
                        r.filters.get(name) == value,
                        count,
                    )
                    for value, count in list(values.items())[:15]
                ],
            )
            for name, values in self.result.facets.items()
            if values
        ]
