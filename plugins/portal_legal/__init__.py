"""Legal documents as first-class content: validity, relations, citations, browsing, open data.

Computed at build time from the YAML headers: nothing for staff to keep in sync by hand.
All logic is plain functions (validity.py, relations.py, citations.py, jsonld.py, facets.py,
opendata.py); this module wires them to Pelican.
"""

from .validity import EXPIRED, IN_FORCE, NOT_YET, PARTLY_EXPIRED, SUSPENDED, Validity, validity_of

__all__ = ["EXPIRED", "IN_FORCE", "NOT_YET", "PARTLY_EXPIRED", "SUSPENDED", "Validity", "register", "validity_of"]


def _settings(settings: dict) -> dict:
    return {"jurisdiction": "VN", "issuer_jurisdictions": {}, **settings.get("PORTAL_LEGAL", {})}


def prepare_documents(generator) -> None:
    """After every article is read: relations, validity, citations, and each page's `legal`."""
    from collections import defaultdict
    from pathlib import Path

    from portal_content import Problem, build_state
    from portal_content.problems import WARNING
    from portal_text import number_key

    from .citations import Target, link_citations
    from .jsonld import legislation, script_tag
    from .relations import build_graph, distinct
    from .view import AttachmentView, LegalInfo, RelatedView, sha256_of

    settings = generator.settings
    legal_settings = _settings(settings)
    state = build_state(settings)
    today = state.now.date()
    siteurl = settings.get("SITEURL", "")
    built = list(generator.articles) + list(generator.hidden_articles)
    every_document = [a for a in built if a.record.kind == "document"]
    kept = {d.source_path for d in distinct([a.record for a in every_document])}
    documents = [a for a in every_document if a.record.source_path in kept]  # what citations may point to

    graph = build_graph([a.record for a in documents])
    state.problems.extend(graph.problems)
    validity = {a.record.source_path: validity_of(a.record, graph.changed_by(a.record), today) for a in every_document}

    def url_of(record) -> str:
        return f"{siteurl}/{record.url}"

    targets = defaultdict(list)
    for a in documents:
        targets[number_key(a.record.number)].append(
            Target(a.record.source_path, url_of(a.record), a.record.full_title, a.record.issued)
        )
    cited_by = defaultdict(list)
    for article in built:
        record = article.record
        own = record.source_path if record.kind == "document" else None
        body = link_citations(article._content, targets, own)
        lead = link_citations(record.summary, targets, own) if record.summary else None
        article._content = body.html
        article.lead = lead.html if lead else None  # the sapo, its citations linked
        cited = body.cited | (lead.cited if lead else set())
        for text in dict.fromkeys(body.ambiguous + (lead.ambiguous if lead else [])):
            state.problems.append(
                Problem(
                    record.source_path,
                    f'trích dẫn "{text}" có thể là {len(targets[number_key(text)])} văn bản trên cổng, '
                    "nên không được gắn liên kết.",
                    f"Ghi thêm ngày ban hành sau số ký hiệu, ví dụ: {text} ngày 16/6/2014 (hoặc {text} năm 2014).",
                    severity=WARNING,
                )
            )
        if article.status == "published":
            for source_path in cited:
                cited_by[source_path].append(article)
    generator.context["legal_citation_targets"] = targets
    generator.context["legal_graph"] = graph

    # a hidden document has its own page and appears nowhere else: what it declares is not shown on
    # the public documents it names, and a public document naming it shows the number as text
    hidden = {a.record.source_path for a in every_document if a.status != "published"}

    def shown(row, own: str):
        if row.document is not None and row.document.source_path in hidden and row.document.source_path != own:
            return None if row in graph.incoming[own] else RelatedView(row.label, row.number)
        if row.document is None:
            return RelatedView(row.label, row.number)
        return RelatedView(
            row.label,
            row.number,
            url_of(row.document),
            row.document.doc_type,
            row.document.issued,
            validity.get(row.document.source_path),
            row.document.date,
        )

    root = Path(settings["PATH"])
    for article in every_document:
        doc = article.record
        related = []
        for label, rows in graph.related(doc):
            views = [view for view in (shown(row, doc.source_path) for row in rows) if view is not None]
            if views:
                related.append((label, views))
        related_urls = defaultdict(list)
        for row in graph.outgoing[doc.source_path]:
            if row.document is not None and row.document.source_path not in hidden:
                related_urls[row.kind].append(url_of(row.document))
        jurisdiction = next(
            (
                legal_settings["issuer_jurisdictions"][i]
                for i in doc.issuers
                if i in legal_settings["issuer_jurisdictions"]
            ),
            legal_settings["jurisdiction"],
        )
        views = [
            AttachmentView(f.title, f"{siteurl}/{f.path}", f.format, f.size, sha256_of(root / f.path))
            for f in doc.attachments
        ]
        article.legal = LegalInfo(
            validity=validity[doc.source_path],
            related=related,
            cited_by=sorted(cited_by[doc.source_path], key=lambda a: a.record.date, reverse=True),
            attachments=views,
            jsonld=script_tag(
                legislation(doc, validity[doc.source_path], url_of(doc), related_urls, jurisdiction, attachments=views)
            ),
        )


def link_page_citations(generator) -> None:
    """Standing pages link the numbers they mention too (they are not listed as citing)."""
    from .citations import link_citations

    targets = generator.context.get("legal_citation_targets", {})
    for page in list(generator.pages) + list(generator.hidden_pages):
        page._content = link_citations(page._content, targets).html
        page.lead = link_citations(page.record.summary, targets).html if page.record.summary else None


def get_generators(pelican):
    from .generator import DocumentsGenerator

    return DocumentsGenerator


def register() -> None:
    from pelican import signals

    signals.article_generator_finalized.connect(prepare_documents)
    signals.page_generator_finalized.connect(link_page_citations)
    signals.get_generators.connect(get_generators)
