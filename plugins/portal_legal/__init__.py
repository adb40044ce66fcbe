"""Legal documents as first-class content: validity, relations, citations, browsing, open data.

Computed at build time from the YAML headers: nothing for staff to keep in sync by hand.
All logic is plain functions (validity.py, relations.py, citations.py, jsonld.py, facets.py,
opendata.py), which the site model (portal_site) calls; the generator here writes the Văn bản
browsing pages and the open-data files from that model.
"""

from .validity import EXPIRED, IN_FORCE, NOT_YET, PARTLY_EXPIRED, SUSPENDED, Validity, validity_of

__all__ = ["EXPIRED", "IN_FORCE", "NOT_YET", "PARTLY_EXPIRED", "SUSPENDED", "Validity", "register", "validity_of"]


def get_generators(pelican):
    from .generator import DocumentsGenerator

    return DocumentsGenerator


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(get_generators)
