"""Which feeds the portal offers: one per listing that other sites follow.

All news, each chuyên mục, all documents, each loại văn bản, cơ quan ban hành and lĩnh vực,
each chuyên đề (collection), and the answered questions (hỏi đáp). A channel lives beside its listing page:
`van-ban/loai/chi-thi/` has `van-ban/loai/chi-thi/rss.xml` and `atom.xml`.
"""

import heapq
from dataclasses import dataclass, field

from portal_content.model import DOCUMENT, NEWS, QUESTION

FEED_FACETS = ("loai", "co-quan", "linh-vuc")
QUESTIONS_FEED = "hoi-dap/"  # /hoi-dap/rss.xml and atom.xml: the answered questions


@dataclass
class Channel:
    group: str  # heading on the Nhận tin RSS page
    title: str
    description: str
    url: str  # of the listing page, from the site root, ending in "/"
    items: list = field(default_factory=list)  # Pelican articles, any order

    @property
    def rss(self) -> str:
        return self.url + "rss.xml"

    @property
    def atom(self) -> str:
        return self.url + "atom.xml"


def latest(items, count: int) -> list:
    """The newest `count` items by publication time; ties broken by file, so builds agree."""
    return heapq.nlargest(count, items, key=lambda a: (a.record.date, a.record.source_path))


def channels(articles, listings, document_facets, collections, site_name: str) -> list[Channel]:
    news = [a for a in articles if a.record.kind == NEWS]
    documents = [a for a in articles if a.record.kind == DOCUMENT]
    result = [
        Channel("Tin tức", "Tin tức", f"Tin tức, sự kiện mới nhất của {site_name}", "tin-tuc/", news),
        Channel("Văn bản", "Văn bản", f"Văn bản mới ban hành, đăng trên {site_name}", "van-ban/", documents),
    ]
    result += [
        Channel("Tin tức theo chuyên mục", f"Tin tức: {x.title}", x.description, x.url, x.items)
        for x in listings
        if x.is_section
    ]
    for facet in document_facets:
        if facet.key in FEED_FACETS:
            result += [
                Channel(
                    f"Văn bản theo {facet.title.lower()}",
                    f"Văn bản: {value.name}",
                    f"Văn bản theo {facet.title.lower()}: {value.name}",
                    value.url,
                    value.items,
                )
                for value in facet.values
            ]
    result += [
        Channel("Chuyên đề", f"Chuyên đề: {c.title}", c.description or c.title, c.url, c.items) for c in collections
    ]
    questions = [a for a in articles if a.record.kind == QUESTION]
    result.append(Channel("Hỏi đáp", "Hỏi đáp", f"Câu hỏi đã được trả lời trên {site_name}", QUESTIONS_FEED, questions))
    return result
