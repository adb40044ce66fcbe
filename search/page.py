"""The results part of the search page, as HTML, for readers without JavaScript.

Everything from the request or the index is escaped here; snippets come escaped and
marked from the engine. Labels are Vietnamese.
"""

from html import escape
from urllib.parse import urlencode

from .engine import PAGE_SIZE, VALIDITY_SLUGS, Result

FACET_TITLES = {
    "kind": "Loại nội dung",
    "type": "Loại văn bản",
    "issuer": "Cơ quan ban hành",
    "topic": "Lĩnh vực",
    "year": "Năm",
    "validity": "Tình trạng hiệu lực",
}
VALIDITY_LABELS = {slug: label for label, slug in VALIDITY_SLUGS.items()}
KIND_LABELS = {"news": "Tin tức", "document": "Văn bản", "page": "Trang"}
KIND_PARAMS = {"document": "van-ban", "news": "tin-tuc", "page": "trang"}


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
    return escape(f"{base}?{urlencode(query_params(request, **changes))}")


def _date(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}"


def render(result: Result, base: str = "/tim-kiem/") -> str:
    request = result.request
    out = []
    if not request.text and not request.filters and not request.since and not request.until:
        return ""
    out.append('<section class="search-results" aria-labelledby="search-results-heading">')
    if result.missing_number:
        out.append(
            f'<p class="search-results__notice" role="status">Trên cổng không có văn bản số '
            f"<strong>{escape(result.missing_number)}</strong>."
            + (" Dưới đây là các kết quả gần nhất." if result.total else "")
            + "</p>"
        )
    out.append(
        f'<h2 id="search-results-heading">Tìm thấy {result.total} kết quả'
        f"{' cho «' + escape(request.text) + '»' if request.text else ''}</h2>"
    )
    if result.matched == "some" and result.total:
        out.append(
            '<p class="search-results__notice" role="status">Không có kết quả nào chứa đủ mọi từ bạn tìm; '
            "dưới đây là các kết quả chứa một phần các từ đó.</p>"
        )
    if request.filters or request.since or request.until:
        out.append('<p class="search-results__filters">Đang lọc: ')
        chips = []
        for name, value in request.filters.items():
            chips.append(
                f"{escape(FACET_TITLES[name])}: <strong>{escape(shown_value(name, value))}</strong> "
                f'(<a href="{link(base, request, **{name: None, "page": None})}">bỏ lọc</a>)'
            )
        for name, day, words in (("from", request.since, "Từ ngày"), ("to", request.until, "Đến ngày")):
            if day:
                chips.append(
                    f"{words}: <strong>{day:%d/%m/%Y}</strong> "
                    f'(<a href="{link(base, request, **{name: None, "page": None})}">bỏ lọc</a>)'
                )
        out.append("; ".join(chips) + "</p>")
    query = feed_query(request)
    out.append(
        f'<p class="search-results__feed"><a href="/api/search.rss?{escape(query)}">Nhận kết quả tìm kiếm '
        f'này qua RSS</a> · <a href="/api/search.atom?{escape(query)}">Atom</a></p>'
    )
    sorts = [("relevance", "Phù hợp nhất"), ("date", "Mới nhất")]
    out.append(
        '<p class="search-results__sort">Sắp xếp: '
        + " · ".join(
            f'<strong aria-current="true">{label}</strong>'
            if request.sort == key
            else f'<a href="{link(base, request, sort=key, page=None)}">{label}</a>'
            for key, label in sorts
        )
        + "</p>"
    )

    out.append('<div class="search-layout">')
    out.append('<div class="search-layout__results">')
    if result.total == 0:
        out.append('<div class="search-empty"><p>Không tìm thấy kết quả nào.</p><ul>')
        if request.filters:
            out.append(
                f'<li><a href="{link(base, request, page=None, **{k: None for k in request.filters})}">'
                "Bỏ tất cả bộ lọc và tìm lại</a></li>"
            )
        out.append(
            "<li>Thử từ khóa ngắn hơn, hoặc gõ không dấu (ví dụ: chi thi 15).</li>"
            "<li>Tìm văn bản theo số ký hiệu, ví dụ: 15/CT-TTg.</li></ul></div>"
        )
    else:
        out.append(f'<ol class="search-hits" start="{(request.page - 1) * PAGE_SIZE + 1}">')
        for hit in result.hits:
            out.append('<li class="search-hit">')
            meta = [KIND_LABELS.get(hit["kind"], hit["kind"])]
            if hit["kind"] == "document":
                meta = [escape(hit["doc_type"] or ""), escape("; ".join(hit["issuer"]))]
            meta.append(f'<time datetime="{escape(hit["date"])}">{_date(hit["date"])}</time>')
            if hit["number"]:
                out.append(
                    f'<p class="search-hit__number">{escape(hit["number"])}'
                    + (
                        f' <span class="validity validity--{escape(_slug(hit["validity"]))}">'
                        f"{escape(hit['validity'])}</span>"
                        if hit["validity"]
                        else ""
                    )
                    + "</p>"
                )
            out.append(f'<h3 class="search-hit__title"><a href="{escape(hit["url"])}">{escape(hit["title"])}</a></h3>')
            out.append(f'<p class="search-hit__meta">{" · ".join(meta)}</p>')
            out.append(f'<p class="search-hit__snippet">{hit["snippet"]}</p></li>')
        out.append("</ol>")
        if result.pages > 1:
            out.append('<nav class="pagination" aria-label="Phân trang kết quả"><ul>')
            if request.page > 1:
                out.append(
                    f'<li><a rel="prev" href="{link(base, request, page=request.page - 1)}">‹ Trang trước</a></li>'
                )
            for number in range(1, result.pages + 1):
                if number == request.page:
                    out.append(
                        f'<li><span aria-current="page"><span class="visually-hidden">Trang </span>{number}</span></li>'
                    )
                else:
                    out.append(
                        f'<li><a href="{link(base, request, page=number)}" aria-label="Trang {number}">{number}</a></li>'
                    )
            if request.page < result.pages:
                out.append(
                    f'<li><a rel="next" href="{link(base, request, page=request.page + 1)}">Trang sau ›</a></li>'
                )
            out.append("</ul></nav>")
    out.append("</div>")
    groups = [(name, values) for name, values in result.facets.items() if values]
    if groups:
        out.append('<nav class="facets" aria-label="Lọc kết quả">')
        for name, values in groups:
            out.append(f'<h3 class="facets__title">{escape(FACET_TITLES[name])}</h3><ul>')
            for value, count in list(values.items())[:15]:
                shown = shown_value(name, value)
                current = request.filters.get(name) == value
                href = link(base, request, page=None, **{name: value})
                marker = ' aria-current="true"' if current else ""
                out.append(
                    f'<li><a href="{href}"{marker}>{escape(shown)}</a> <span class="count">({count})</span></li>'
                )
            out.append("</ul>")
        out.append("</nav>")
    out.append("</div></section>")
    return "\n".join(out)


def _slug(label: str | None) -> str:
    return VALIDITY_SLUGS.get(label or "", "")
