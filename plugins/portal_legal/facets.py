"""The ways to browse documents: by loại, cơ quan ban hành, lĩnh vực, năm, tình trạng hiệu lực."""

from collections import defaultdict
from dataclasses import dataclass

from portal_text import slugify, sort_key

from .validity import LABELS


@dataclass
class FacetValue:
    name: str
    url: str  # from the site root
    items: list  # Pelican articles, newest first

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass
class Facet:
    title: str  # "Loại văn bản"
    key: str  # URL part, "loai"
    values: list[FacetValue]


FACETS = [
    ("Loại văn bản", "loai", lambda a: [a.record.doc_type]),
    ("Cơ quan ban hành", "co-quan", lambda a: list(a.record.issuers)),
    ("Lĩnh vực", "linh-vuc", lambda a: list(a.record.topics)),
    ("Năm ban hành", "nam", lambda a: [str(a.record.issued.year)]),
    ("Tình trạng hiệu lực", "hieu-luc", lambda a: [a.legal.validity.label]),
]


def newest_first(documents) -> list:
    return sorted(documents, key=lambda a: (a.record.issued, a.record.number), reverse=True)


def facets(documents) -> list[Facet]:
    """Every facet with its values and their documents; counts are the list lengths."""
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
        result.append(Facet(title, key, [
            FacetValue(name, f"van-ban/{key}/{slugify(name)}/", newest_first(groups[name])) for name in names]))
    return result
