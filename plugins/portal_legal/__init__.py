"""Legal documents as first-class content: validity, relations, citations, browsing, open data.

Computed at build time from the YAML headers: nothing for staff to keep in sync by hand.
All logic is plain functions (validity.py, relations.py, citations.py, jsonld.py, facets.py,
opendata.py); this module wires them to Pelican.
"""

from .validity import EXPIRED, IN_FORCE, NOT_YET, Validity, validity_of

__all__ = ["EXPIRED", "IN_FORCE", "NOT_YET", "Validity", "register", "validity_of"]


def _settings(settings: dict) -> dict:
    return {"jurisdiction": "VN", "issuer_jurisdictions": {}, **settings.get("PORTAL_LEGAL", {})}


def prepare_documents(generator) -> None:
    """After every article is read: relations, validity, citations, and each page's `legal`."""
    from collections import defaultdict
    from pathlib import Path

    from portal_content import build_state
    from portal_text import number_key

    from .citations import link_citations
    from .jsonld import legislation, script_tag
    from .relations import build_graph
    from .view import AttachmentView, LegalInfo, RelatedView, sha256_of

    settings = generator.settings
    legal_settings = _settings(settings)
    state = build_state(settings)
    today = state.now.date()
    siteurl = settings.get("SITEURL", "")
    built = list(generator.articles) + list(generator.hidden_articles)
    documents = [a for a in built if a.record.kind == "document"]

    graph = build_graph([a.record for a in documents])
    state.problems.extend(graph.problems)
    validity = {a.record.source_path: validity_of(a.record, graph.replaced_by(a.record), today) for a in documents}

    def url_of(record) -> str:
        return f"{siteurl}/{record.url}"

    targets = {number_key(a.record.number): (url_of(a.record), a.record.full_title) for a in documents}
    cited_by = defaultdict(list)
    for article in built:
        own = number_key(article.record.number) if article.record.kind == "document" else None
        article._content, cited = link_citations(article._content, targets, own)
        if article.status == "published":
            for key in cited:
                cited_by[key].append(article)
    generator.context["legal_citation_targets"] = targets
    generator.context["legal_graph"] = graph

    root = Path(settings["PATH"])
    for article in documents:
        doc = article.record
        related = [
            (label, [RelatedView(row.label, row.number, url_of(row.document) if row.document else None,
                                 row.document.doc_type if row.document else None,
                                 row.document.issued if row.document else None,
                                 validity.get(row.document.source_path) if row.document else None,
                                 row.document.date if row.document else None)
                     for row in rows])
            for label, rows in graph.related(doc)
        ]
        related_urls = defaultdict(list)
        for row in graph.outgoing[doc.source_path]:
            if row.document is not None:
                related_urls[row.kind].append(url_of(row.document))
        jurisdiction = next((legal_settings["issuer_jurisdictions"][i] for i in doc.issuers
                             if i in legal_settings["issuer_jurisdictions"]), legal_settings["jurisdiction"])
        article.legal = LegalInfo(
            validity=validity[doc.source_path],
            related=related,
            cited_by=sorted(cited_by[number_key(doc.number)], key=lambda a: a.record.date, reverse=True),
            attachments=[AttachmentView(f.title, f"{siteurl}/{f.path}", f.format, f.size, sha256_of(root / f.path))
                         for f in doc.attachments],
            jsonld=script_tag(legislation(doc, validity[doc.source_path], url_of(doc), related_urls, jurisdiction)),
        )


def link_page_citations(generator) -> None:
    """Standing pages link the numbers they mention too (they are not listed as citing)."""
    from .citations import link_citations

    targets = generator.context.get("legal_citation_targets", {})
    for page in list(generator.pages) + list(generator.hidden_pages):
        page._content, _ = link_citations(page._content, targets)


def get_generators(pelican):
    from .generator import DocumentsGenerator

    return DocumentsGenerator


def register() -> None:
    from pelican import signals

    signals.article_generator_finalized.connect(prepare_documents)
    signals.page_generator_finalized.connect(link_page_citations)
    signals.get_generators.connect(get_generators)
