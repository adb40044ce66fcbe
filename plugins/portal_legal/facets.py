"""The ways to browse documents: by loại, cơ quan ban hành, lĩnh vực, năm, tình trạng hiệu lực."""

from collections import defaultdict
from dataclasses import dataclass

from portal_listings.listings import newest_issued_first
from portal_text import slugify, sort_key

from .validity import LABELS


@dataclass(frozen=True)
class FacetValue:
    name: str
    url: str  # from the site root
    items: tuple  # the site model's entries, newest first

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class Facet:
    title: str  # "Loại văn bản"
    key: str  # URL part, "loai"
    values: tuple[FacetValue, ...]


FACETS = [
    ("Loại văn bản", "loai", lambda a: [a.record.doc_type]),
    ("Cơ quan ban hành", "co-quan", lambda a: list(a.record.issuers)),
    ("Lĩnh vực", "linh-vuc", lambda a: list(a.record.topics)),
    ("Năm ban hành", "nam", lambda a: [str(a.record.issued.year)]),
    ("Tình trạng hiệu lực", "hieu-luc", lambda a: [a.legal.validity.label]),
]


def facets(documents) -> list[Facet]:
    """Every facet with its values and their documents (newest issued first); counts are the list lengths."""
    documents = newest_issued_first(documents)  # each value's list keeps this order
    result = []
    for title, key, values_of in FACETS:
        groups = defaultdict(list)
        for article in documents:
            for value in values_of(article):
                groups[value].append(article)
        if key == "nam":
            names = sorted(groups, reverse=True)
        elif key == "hieu-luc":
            names = [label for label in LABELS if label in groups]
        else:
            names = sorted(groups, key=sort_key)
        result.append(
            Facet(
                title,
                key,
                tuple(FacetValue(name, f"van-ban/{key}/{slugify(name)}/", tuple(groups[name])) for name in names),
            )
        )
    return result
