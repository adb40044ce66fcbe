"""schema.org `Legislation` for a document page (https://schema.org/Legislation)."""

import json

from portal_content import LegalDocument

from .validity import Validity

IN_FORCE = "https://schema.org/InForce"
NOT_IN_FORCE = "https://schema.org/NotInForce"


def legislation(doc: LegalDocument, validity: Validity, url: str, related_urls: dict, jurisdiction: str,
                language: str = "vi") -> dict:
    """The JSON-LD object; `related_urls` maps a relation key to the URLs of documents it names."""
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "@id": url,
        "url": url,
        "name": doc.full_title,
        "legislationIdentifier": doc.number,
        "legislationType": doc.doc_type,
        "legislationDate": doc.issued.isoformat(),
        "legislationDateVersion": doc.issued.isoformat(),
        "legislationPassedBy": [{"@type": "GovernmentOrganization", "name": name} for name in doc.issuers],
        "legislationLegalForce": IN_FORCE if validity.in_force else NOT_IN_FORCE,
        "legislationJurisdiction": jurisdiction,
        "inLanguage": language,
        "datePublished": doc.date.isoformat(),
        "temporalCoverage": f"{doc.effective.isoformat()}/{doc.expires.isoformat() if doc.expires else '..'}",
    }
    if doc.summary:
        data["abstract"] = doc.summary
    if doc.topics:
        data["about"] = list(doc.topics)
    if doc.signer:
        data["author"] = {"@type": "Person", "name": doc.signer, **({"jobTitle": doc.signer_title}
                                                                    if doc.signer_title else {})}
    changes = related_urls.get("amends", []) + related_urls.get("replaces", [])
    if changes:
        data["legislationChanges"] = [{"@id": u} for u in changes]
    if related_urls.get("consolidates"):
        data["legislationConsolidates"] = [{"@id": u} for u in related_urls["consolidates"]]
    if related_urls.get("based_on"):
        data["isBasedOn"] = [{"@id": u} for u in related_urls["based_on"]]
    return data


def script_tag(data: dict) -> str:
    """The <script type="application/ld+json"> body, safe to put inside HTML."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
