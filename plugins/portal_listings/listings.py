"""What the listing pages show, computed once per build from the published items.

Plain functions over the content records; the generator in __init__.py writes them.
"""

from collections import defaultdict
from dataclasses import dataclass

from portal_content.model import DOCUMENT, NEWS


@dataclass(frozen=True)
class Listing:
    """One paginated listing page: its title, where it lives and what it lists."""

    title: str
    url: str  # from the site root, ending in "/"
    items: tuple  # newest first
    kind: str  # NEWS or DOCUMENT
    breadcrumbs: tuple = ()  # (text, url or None)
    description: str = ""
    is_section: bool = False  # one chuyên mục of Tin tức


def newest_first(items) -> list:
    return sorted(items, key=lambda a: (a.record.date, a.record.source_path), reverse=True)


def newest_issued_first(documents) -> list:
    """Documents as Văn bản lists them: the newest date issued first."""
    return sorted(documents, key=lambda a: (a.record.issued, a.record.number), reverse=True)


def by_kind(articles, kind: str) -> list:
    """Newest first: news by publication time, documents by date issued."""
    chosen = [a for a in articles if a.record.kind == kind]
    return newest_issued_first(chosen) if kind == DOCUMENT else newest_first(chosen)


def sections(news, order: dict[str, str]) -> list[tuple[str, str, list]]:
    """(slug, name, newest-first news) per chuyên mục: configured ones first, in their order."""
    grouped = defaultdict(list)
    names = {}
    for article in news:
        grouped[article.record.section_slug].append(article)
        names[article.record.section_slug] = article.record.section
    ordered = [slug for slug in order if slug in grouped] + sorted(s for s in grouped if s not in order)
    return [(slug, names[slug], grouped[slug]) for slug in ordered]


def listings(news, documents, section_order: dict[str, str]) -> list[Listing]:
    home = ("Trang chủ", "")
    pages = [
        Listing("Tin tức", "tin-tuc/", tuple(news), NEWS, (home, ("Tin tức", None)), "Tin tức, sự kiện mới nhất"),
        Listing(
            "Văn bản",
            "van-ban/",
            tuple(documents),
            DOCUMENT,
            (home, ("Văn bản", None)),
            "Văn bản chỉ đạo, điều hành và văn bản quy phạm pháp luật",
        ),
    ]
    for slug, name, items in sections(news, section_order):
        pages.append(
            Listing(
                name,
                f"tin-tuc/{slug}/",
                tuple(items),
                NEWS,
                (home, ("Tin tức", "tin-tuc/"), (name, None)),
                f"Tin tức chuyên mục {name}",
                is_section=True,
            )
        )
    return pages


def other_news(all_news, published_news, count: int) -> dict:
    """For each news page, the newest `count` other published news of its section ("Tin khác").

    One pass: each section's list is sorted once; a page takes the first few that are not itself.
    """
    by_section = defaultdict(list)
    for article in newest_first(published_news):
        by_section[article.record.section_slug].append(article)
    return {
        article.record.source_path: [
            other for other in by_section[article.record.section_slug][: count + 1] if other is not article
        ][:count]
        for article in all_news
    }
