"""What the listing pages show, computed once per build from the published items.

Plain functions over the content records; the generator in __init__.py writes them.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from portal_content.model import DOCUMENT, NEWS, QUESTION
from portal_text import slugify, sort_key

TAGS = "tu-khoa/"
QUESTIONS_LISTING = "hoi-dap/da-tra-loi/"


@dataclass(frozen=True)
class Listing:
    """One paginated listing page: its title, where it lives and what it lists."""

    title: str
    url: str  # from the site root, ending in "/"
    items: tuple  # newest first
    kind: str  # NEWS, DOCUMENT or QUESTION ("mixed" for a tag's listing)
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


def listings(news, documents, section_order: dict[str, str], questions=()) -> list[Listing]:
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
    pages.append(
        Listing(
            "Câu hỏi đã trả lời",
            QUESTIONS_LISTING,
            tuple(questions),
            QUESTION,
            (home, ("Hỏi đáp", "hoi-dap/"), ("Câu hỏi đã trả lời", None)),
            "Câu hỏi của người dân, tổ chức và trả lời của cơ quan",
        )
    )
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


def tag_listings(items) -> list[Listing]:
    """A listing per từ khóa (tag) at /tu-khoa/<slug>/, newest first, in Vietnamese order. Tags that
    differ only in case or accents' encoding are one; the spelling most items use names it."""
    grouped, spellings = defaultdict(list), defaultdict(Counter)
    for item in items:
        for tag in dict.fromkeys(item.record.tags):
            slug = slugify(tag)
            if slug:
                grouped[slug].append(item)
                spellings[slug][tag] += 1
    names = {slug: spellings[slug].most_common(1)[0][0] for slug in grouped}
    home, index = ("Trang chủ", ""), ("Từ khóa", TAGS)
    result = []
    for slug in sorted(grouped, key=lambda s: sort_key(names[s])):
        kinds = {item.record.kind for item in grouped[slug]}
        result.append(
            Listing(
                f"Từ khóa: {names[slug]}",
                f"{TAGS}{slug}/",
                tuple(newest_first(grouped[slug])),
                kinds.pop() if len(kinds) == 1 else "mixed",
                (home, index, (names[slug], None)),
                f"Tin tức, văn bản và hỏi đáp có từ khóa «{names[slug]}»",
            )
        )
    return result


def other_news(all_news, published_news, count: int) -> dict:
    """For each news page, `count` other published news ("Tin khác"): the newest of its own section,
    then, when the section has fewer, the newest of the others, so the block never disappears while
    the portal has other news.

    One pass: the news are sorted once; a page takes the first few that are not itself.
    """
    newest = newest_first(published_news)
    by_section = defaultdict(list)
    for article in newest:
        by_section[article.record.section_slug].append(article)
    result = {}
    for article in all_news:
        own = [o for o in by_section[article.record.section_slug][: count + 1] if o is not article][:count]
        if len(own) < count:
            section = article.record.section_slug
            rest = (o for o in newest if o.record.section_slug != section and o is not article)
            own += [o for _, o in zip(range(count - len(own)), rest, strict=False)]
        result[article.record.source_path] = own
    return result
