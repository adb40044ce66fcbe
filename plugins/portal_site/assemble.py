"""read → model: one function from what the build read to the frozen site model.

Nothing here writes a file or changes an object it was given: the Pelican objects are read
(their records, rendered bodies and metadata), and every decision lands in the returned `Site`.
`invoke check` and `invoke build` both call it, so they report the same problems.
"""

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from types import MappingProxyType

from portal_collections.definition import Collection
from portal_collections.selection import Chosen, select, unknown_values
from portal_content import Item, Problem, State
from portal_content.articles import article_index
from portal_content.model import DOCUMENT, LEADER, NEWS, PAGE, QUESTION, UNIT
from portal_content.problems import WARNING
from portal_feeds.channels import QUESTIONS_FEED
from portal_feeds.channels import channels as feed_channels
from portal_history.addresses import old_addresses
from portal_history.read import History
from portal_history.views import item_history
from portal_legal.citations import Target, link_citations
from portal_legal.consultation import DRAFT_TYPE, consultation
from portal_legal.facets import facets as document_facets
from portal_legal.integrity import citation_problems, live_documents, relation_problems, taken_down
from portal_legal.jsonld import legislation, script_tag
from portal_legal.opendata import document_id
from portal_legal.relations import build_graph, distinct
from portal_legal.validity import validity_history, validity_of
from portal_legal.view import AttachmentView, LegalInfo, RelatedView, relation_map, sha256_of
from portal_listings.listings import QUESTIONS_LISTING, by_kind, listings, other_news, tag_listings
from portal_listings.pages import per_page, renumbered
from portal_schedule.changes import upcoming
from portal_search_index import documents_for_index
from portal_statistics.figures import statistics
from portal_text import sort_key

from search.numbers import IN_TEXT, near_key, number_key

from .model import Entry, Site, SitemapEntry, Visibility

NO_HISTORY = History("Không có lịch sử phiên bản.")


@dataclass(frozen=True)
class Read:
    """What the read phase produced: Pelican's objects for every built item, every record read
    (drafts and scheduled ones too), and the collection definitions."""

    contents: Sequence  # Pelican articles and pages with a page of their own
    records: Sequence[Item]
    collections: Sequence[Collection] = ()
    record_digests: dict[str, bytes] = field(default_factory=dict)  # source path -> model.record_digest
    history: History = NO_HISTORY  # each file's published versions, from git (portal_history.read)


@dataclass(frozen=True)
class Options:
    """The settings the model depends on (checked once, by portal_content.settings_check)."""

    now: datetime
    site_name: str
    siteurl: str = ""
    content_root: Path = Path("content")
    jurisdiction: str = "VN"
    issuer_jurisdictions: dict = field(default_factory=dict)
    section_order: dict = field(default_factory=dict)
    other_news: int = 5
    listing_sizes: dict = field(default_factory=dict)  # PORTAL_LISTINGS: how many items a listing's page shows
    digest: Callable[[Path], str] = sha256_of  # of an attachment, for open data and JSON-LD
    link: Callable = link_citations  # citations in a text (portal_legal.remembered keeps them between builds)
    live_output: Path | None = None  # the live site, whose documents a build must not take down unnoticed
    # (address, status) an earlier version of a file had, from its text (portal_content.loading.address_of)
    address_of: Callable[[str, str], tuple[str, str] | None] = lambda path, text: None


def assemble(read: Read, options: Options) -> Site:
    siteurl = options.siteurl
    today = options.now.date()
    problems: list[Problem] = []

    def absolute(record) -> str:
        return f"{siteurl}/{record.url}"

    contents = list(read.contents)
    states = {c.record.source_path: c.publishing for c in contents}
    every_document = [c for c in contents if c.record.kind == DOCUMENT]
    kept = {d.source_path for d in distinct([c.record for c in every_document])}
    citable = [c.record for c in every_document if c.record.source_path in kept]

    # relations, both ways, and each document's validity today
    graph = build_graph(citable)
    problems.extend(graph.problems)
    validity = {c.record.source_path: validity_of(c.record, graph.changed_by(c.record), today) for c in every_document}

    # citations in bodies and leads; a page links the numbers it names but is not listed as citing
    targets = defaultdict(list)
    # each document's articles, read once from its text: what citations land on, and its table of contents
    article_indexes = {c.record.source_path: article_index(c._content or "") for c in every_document}
    for doc in citable:
        targets[number_key(doc.number)].append(
            Target(doc.source_path, absolute(doc), doc.full_title, doc.issued, article_indexes[doc.source_path].anchors)
        )
    # link integrity: the live documents this build takes down (deleted, renumbered, withdrawn)
    public = {c.record.source_path for c in every_document if states[c.record.source_path] is State.PUBLISHED}
    down = taken_down(live_documents(options.live_output), [c.record for c in every_document], public)
    named_by = defaultdict(list)  # number key -> the published items whose text names it (only with `down`)
    linked = {}
    cited_by = defaultdict(list)
    for content in contents:
        record = content.record
        body, lead = link_texts(options.link, content, targets)
        cites = frozenset(body.cited | (lead.cited if lead else set()))
        linked[record.source_path] = (published_body(content, body), lead, cites)
        for text in dict.fromkeys(body.ambiguous + (lead.ambiguous if lead else [])):
            fitting = sorted(targets[number_key(text)], key=lambda t: (t.issued, t.url))
            first = fitting[0].issued
            problems.append(
                Problem(
                    record.source_path,
                    f'trích dẫn "{text}" có thể là {len(fitting)} văn bản trên cổng, nên không được gắn liên kết: '
                    + "; ".join(f"{t.title} (ngày {t.issued.day}/{t.issued.month}/{t.issued.year})" for t in fitting)
                    + ".",
                    f"Ghi thêm ngày ban hành sau số ký hiệu, ví dụ: {text} ngày {first.day}/{first.month}/{first.year} "
                    f"(hoặc {text} năm {first.year}).",
                    line=_line_of(record, text),
                    severity=WARNING,
                )
            )
        for words, title in dict.fromkeys(body.missing + (lead.missing if lead else [])):
            problems.append(
                Problem(
                    record.source_path,
                    f'trích dẫn "{words}" nhưng văn bản "{title}" trên cổng không có {words.rsplit(" ", 1)[0]}; '
                    "liên kết dẫn tới đầu văn bản.",
                    "Kiểm tra lại số điều, khoản; hoặc kiểm tra văn bản được trích dẫn có ghi đủ các điều "
                    "(mỗi điều bắt đầu một đoạn: Điều 5. …).",
                    line=_line_of(record, words.rsplit(" ", 1)[0]),
                    severity=WARNING,
                )
            )
        for key in dict.fromkeys(body.named + (lead.named if lead else ())):
            near = near_key(key, targets) if key not in targets else None
            if near is not None:
                typed = _typed(record, key) or key
                meant = targets[near][0]
                problems.append(
                    Problem(
                        record.source_path,
                        f'trích dẫn "{typed}" không có trên cổng; có phải là văn bản "{meant.title}"?',
                        "Kiểm tra lại số ký hiệu trong bài: một chữ số bị thiếu, thừa hoặc gõ nhầm thì trích dẫn "
                        "được ghi là chữ, không có liên kết.",
                        line=_line_of(record, typed),
                        severity=WARNING,
                    )
                )
        if record.kind != PAGE and states[record.source_path] is State.PUBLISHED:
            for source_path in cites:
                cited_by[source_path].append(record)
        if down and states[record.source_path] is State.PUBLISHED:
            for key in set(body.named) | set(lead.named if lead else ()):
                named_by[key].append(record)
    if down:
        carried = {number_key(d.number) for d in citable if d.source_path in public}
        refused = relation_problems(graph, public, down, carried)
        shadowed = {(p.path, p.about) for p in refused}  # "not on the portal" says less than the error
        problems[:] = [p for p in problems if not (p.severity == WARNING and (p.path, p.about) in shadowed)]
        problems.extend(refused)
        problems.extend(citation_problems(named_by, down, carried))

    # a hidden document has its own page and appears nowhere else: what it declares is not shown on
    # the public documents it names, and a public document naming it shows the number as text
    hidden = {c.record.source_path for c in every_document if states[c.record.source_path] is not State.PUBLISHED}

    # a consultation's report and its draft: the comments by article, each answered, on both pages (a report
    # not yet published shows only on its own page, when it is built)
    consultations = defaultdict(list)
    for report in citable:
        for row in graph.outgoing[report.source_path]:
            if row.kind != "responds_to" or row.document is None:
                continue
            found, noted = consultation(
                report,
                row.document,
                absolute(report),
                absolute(row.document),
                article_indexes[row.document.source_path].articles,
            )
            problems.extend(noted)
            if found is None:
                continue
            consultations[report.source_path].append(found)
            if report.source_path not in hidden:
                consultations[row.document.source_path].append(found)

    def shown(row, own: str):
        if row.document is not None and row.document.source_path in hidden and row.document.source_path != own:
            return None if row in graph.incoming[own] else RelatedView(row.label, row.number)
        if row.document is None:
            return RelatedView(row.label, row.number)
        return RelatedView(
            row.label,
            row.number,
            absolute(row.document),
            row.document.doc_type,
            row.document.issued,
            validity.get(row.document.source_path),
            row.document.date,
        )

    def citing(doc) -> list:
        return sorted(cited_by[doc.source_path], key=lambda r: (r.date, r.source_path), reverse=True)

    def legal_info(doc) -> LegalInfo:
        related = []
        for label, rows in graph.related(doc):
            views = [view for view in (shown(row, doc.source_path) for row in rows) if view is not None]
            if views:
                related.append((label, views))
        related_urls = defaultdict(list)
        for row in graph.outgoing[doc.source_path]:
            if row.document is not None and row.document.source_path not in hidden:
                related_urls[row.kind].append(absolute(row.document))
        jurisdiction = next(
            (options.issuer_jurisdictions[i] for i in doc.issuers if i in options.issuer_jurisdictions),
            options.jurisdiction,
        )
        attachments = [
            AttachmentView(
                f.title, f"{siteurl}/{f.path}", f.format, f.size, options.digest(options.content_root / f.path)
            )
            for f in doc.attachments
        ]
        citing_documents = [
            RelatedView(
                "Được dẫn chiếu trong", r.number, absolute(r), r.doc_type, r.issued, validity.get(r.source_path)
            )
            for r in citing(doc)
            if r.kind == DOCUMENT
        ]
        return LegalInfo(
            relation_map=relation_map(related, citing_documents),
            consultations=tuple(consultations[doc.source_path]),
            articles=article_indexes[doc.source_path].articles,
            history=tuple(  # a hidden document appears nowhere but on its own page
                e
                for e in validity_history(doc, graph.changed_by(doc), today)
                if e.by is None or e.by.source_path not in hidden
            ),
            validity=validity[doc.source_path],
            related=related,
            cited_by=[r for r in citing(doc) if r.kind != QUESTION],
            questions=[r for r in citing(doc) if r.kind == QUESTION],
            attachments=attachments,
            jsonld=script_tag(
                legislation(
                    doc, validity[doc.source_path], absolute(doc), related_urls, jurisdiction, attachments=attachments
                )
            ),
        )

    # "Tin khác": the newest other published news of each news item's section
    news_contents = [c for c in contents if c.record.kind == NEWS]
    others = other_news(
        news_contents, [c for c in news_contents if states[c.record.source_path] is State.PUBLISHED], options.other_news
    )

    # versions of one item in other languages: the same kind and slug (Pelican's convention), built ones
    versions = defaultdict(list)
    for content in contents:
        if states[content.record.source_path].built:
            versions[(content.record.kind, content.record.slug)].append(content.record)

    def translations(record) -> tuple:
        if not states[record.source_path].built:
            return ()
        others = [r for r in versions[(record.kind, record.slug)] if r.lang != record.lang]
        return tuple(sorted((r.lang, r.url) for r in others))

    # each item's history: the line on its page, and its Lịch sử page when it has two versions or more
    histories, history_pages = {}, []
    for content in contents:
        record = content.record
        name = record.name if record.kind == DOCUMENT else record.title
        issued = record.kind == DOCUMENT and record.doc_type != DRAFT_TYPE
        line, page = item_history(read.history, record, name, issued)
        histories[record.source_path] = line
        if page is not None and states[record.source_path].built:
            history_pages.append(page)

    entries = {}
    for content in contents:
        record = content.record
        html, lead, cites = linked[record.source_path]
        state = states[record.source_path]
        entries[record.source_path] = Entry(
            record=record,
            pelican=content,
            publishing=state,
            visibility=Visibility.of(state, record.kind),
            name=name_of(record),
            content=html,
            lead=lead.html if lead else None,
            body_text=getattr(content, "body_text", ""),
            legal=legal_info(record) if record.kind == DOCUMENT else None,
            other_news=tuple(o.record for o in others.get(record.source_path, ())),
            cites=cites,
            translations=translations(record),
            history=histories[record.source_path],
        )

    listed = [e for e in entries.values() if e.visibility.listed]
    news = by_kind(listed, NEWS)
    documents = by_kind(listed, DOCUMENT)
    questions = by_kind(listed, QUESTION)
    leaders, units = _agency(listed)
    pages = sorted((e for e in listed if e.record.kind == PAGE), key=lambda e: e.url)
    pages_of_listings = listings(news, documents, options.section_order, questions)
    facets = document_facets(documents)
    tags = tag_listings(news + documents + questions)

    collections = []
    for collection in read.collections:
        problems.extend(unknown_values(collection, [e.record for e in news + documents]))
        collections.append(Chosen(collection, tuple(select(collection, news + documents))))

    channels = feed_channels(
        [e for e in news + documents + questions if e.visibility.fed],
        pages_of_listings,
        facets,
        collections,
        options.site_name,
    )
    feed_links = {channel.url: (channel,) for channel in channels}
    feed_links[""] = (channels[0], channels[1])  # the home page: all news, all documents
    feed_links[QUESTIONS_LISTING] = feed_links[QUESTIONS_FEED]  # answered questions: beside their listing

    # addresses once published: moved to where the item is now, or gone since it was withdrawn
    written = {e.url for e in entries.values() if e.publishing.built}
    written |= {x.url for x in pages_of_listings + tags} | {p.url for p in history_pages} | {""}
    addresses = old_addresses(
        read.history,
        {path: e.url for path, e in entries.items() if e.publishing.built},
        [r.source_path for r in read.records if r.status == "draft"],
        written,
        options.address_of,
    )
    # listing pages were numbered from the newest until 12/2026: each old address leads to the page that
    # now holds what it showed (portal_listings.pages)
    every_listing = [(x.url, len(x.items), x.kind) for x in pages_of_listings + tags]
    every_listing += [(v.url, v.count, DOCUMENT) for f in facets for v in f.values]
    every_listing += [(c.url, c.count, c.kind) for c in collections]
    old_pages = {}
    for url, count, kind in every_listing:
        old_pages.update(renumbered(url, count, per_page(options.listing_sizes, kind)))
    old_pages = {
        old: new for old, new in sorted(old_pages.items()) if old not in written and old not in addresses.moved
    }
    addresses = replace(addresses, renumbered=MappingProxyType(old_pages))

    return Site(
        now=options.now,
        entries=MappingProxyType(entries),
        news=tuple(news),
        documents=tuple(documents),
        questions=tuple(questions),
        leaders=tuple(leaders),
        units=tuple(units),
        unit_portals=tuple((e.record.title, e.record.website) for e in units if e.record.website),
        pages=tuple(pages),
        listings=tuple(pages_of_listings),
        sections=tuple((x.url, x.title) for x in pages_of_listings if x.is_section),
        tags=tuple(tags),
        facets=tuple(facets),
        collections=tuple(collections),
        channels=tuple(channels),
        feed_links=MappingProxyType(feed_links),
        open_data=_open_data(documents, graph, siteurl),
        sitemap=_sitemap(listed, pages_of_listings + tags, {"lanh-dao/": leaders, "co-cau-to-chuc/": units}),
        search_documents=tuple(documents_for_index(news + documents + questions + leaders + units, pages)),
        next_changes=tuple(upcoming(read.records, options.now)),
        statistics=statistics(documents, news),
        problems=tuple(problems),
        record_digests=MappingProxyType(dict(read.record_digests)),
        history_pages=tuple(sorted(history_pages, key=lambda page: page.url)),
        addresses=addresses,
        history_note=read.history.note,
        in_language=MappingProxyType(
            {(e.url, lang): url for e in entries.values() if e.visibility.built for lang, url in e.translations}
        ),
        citation_targets=MappingProxyType({key: tuple(found) for key, found in targets.items() if found}),
    )


def link_texts(link: Callable, content, targets: Mapping) -> tuple:
    """An item's body and lead (None without one) with their citations linked, each a
    portal_legal.citations.Linked (`link`: link_citations, or the remembered one); a document never links
    its own number."""
    record = content.record
    own = record.source_path if record.kind == DOCUMENT else None
    body = link(content._content, targets, own)
    return body, link(record.summary, targets, own) if record.summary else None


def published_body(content, body) -> str:
    """The body as its page shows it: the linked text, its links to files made addresses by Pelican."""
    return content._update_content(body.html, content.get_siteurl())


def name_of(record) -> str:
    """How a list names an item: "Chỉ thị 15/CT-TTg" for a document, its title otherwise."""
    return record.name if record.kind == DOCUMENT else record.title


def _open_data(documents: list[Entry], graph, siteurl: str) -> tuple[list[dict], list[dict]]:
    """The listed documents and the relations they declare, as open data exports them."""
    listed = {e.source_path: e.record for e in documents}
    records = []
    for entry in documents:
        doc, validity = entry.record, entry.legal.validity
        records.append(
            {
                "id": document_id(doc),
                "number": doc.number,
                "doc_type": doc.doc_type,
                "title": doc.title,
                "issuers": list(doc.issuers),
                "signer": doc.signer,
                "signer_title": doc.signer_title,
                "issued": doc.issued.isoformat(),
                "effective": doc.effective.isoformat(),
                "expires": doc.expires.isoformat() if doc.expires else None,
                "topics": list(doc.topics),
                "validity": validity.label,
                "validity_reason": validity.reason,
                "history": [
                    {
                        "date": event.day.isoformat(),
                        "event": event.what,
                        "by_number": event.by.number if event.by else None,
                        "by_id": document_id(event.by) if event.by and event.by.source_path in listed else None,
                        **({"note": event.note} if event.note else {}),
                    }
                    for event in entry.legal.history
                ],
                "comment_until": doc.comment_until.isoformat() if doc.comment_until else None,
                # a draft taking comments: the articles a comment may name (the write path checks `dieu`)
                "articles": [{"number": a.number, "label": a.label} for a in entry.legal.articles]
                if doc.comment_until
                else [],
                "modified": doc.last_modified.isoformat() if doc.last_modified else None,
                "url": f"{siteurl}/{doc.url}",
                "attachments": [
                    {"title": f.title, "url": f.url, "format": f.format, "size": f.size, "sha256": f.sha256}
                    for f in entry.legal.attachments
                ],
            }
        )
    # hidden documents are not listed, so neither they nor edges from them are exported
    edges = [
        {
            "from_id": document_id(listed[src]),
            "relation": kind,
            "to_number": number,
            "to_id": document_id(target) if target and target.source_path in listed else None,
        }
        for src, kind, number, target in graph.edges()
        if src in listed
    ]
    return records, edges


def _agency(listed: list[Entry]) -> tuple[list[Entry], list[Entry]]:
    """The leaders by their order, then name; the units by group (the group holding the smallest order
    first), then order, then name, in Vietnamese order."""
    leaders = sorted(
        (e for e in listed if e.record.kind == LEADER), key=lambda e: (e.record.order, sort_key(e.record.title))
    )
    units = [e for e in listed if e.record.kind == UNIT]
    first = {}
    for entry in units:
        first[entry.record.group] = min(first.get(entry.record.group, entry.record.order), entry.record.order)
    units.sort(
        key=lambda e: (
            first[e.record.group],
            sort_key(e.record.group),
            e.record.order,
            sort_key(e.record.title),
        )
    )
    return leaders, units


def _moment(record) -> datetime:
    return record.last_modified or record.date


def _sitemap(listed: list[Entry], pages_of_listings, agency: dict) -> tuple[SitemapEntry, ...]:
    """The home page, each listing and each listed item, with the day it really changed: an item's last
    substantive change, a listing's (and the home page's) newest item."""
    entries = []
    newest = max((_moment(e.record) for e in listed), default=None)
    if newest is not None:
        entries.append(SitemapEntry("", newest))
    for listing in pages_of_listings:
        moments = [_moment(e.record) for e in listing.items]
        if moments:
            entries.append(SitemapEntry(listing.url, max(moments)))
    for url, items in agency.items():  # the leaders' and the organisation's pages
        if items:
            entries.append(SitemapEntry(url, max(_moment(e.record) for e in items)))
    entries += [SitemapEntry(e.url, _moment(e.record)) for e in sorted(listed, key=lambda e: e.url)]
    return tuple(entries)


def _line_of(record, text: str) -> int | None:
    """The line of the source file where `text` first appears in the body (None when it is not there as
    typed: in the summary, or split across lines)."""
    at = record.body.find(text)
    return record.body_line + record.body.count("\n", 0, at) if at >= 0 else None


def _typed(record, key: str) -> str | None:
    """The number as the body or the summary writes it, for a number key it names."""
    for text in (record.body, record.summary or ""):
        for match in IN_TEXT.finditer(text):
            if number_key(match[0]) == key:
                return match[0]
    return None
