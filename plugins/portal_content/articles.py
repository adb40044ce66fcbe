"""The articles (Điều) and clauses (khoản) of a document's text: anchors that readers and citations land on.

A block of the rendered body that starts with "Điều N" (a paragraph, a heading, the bold "**Điều 5.**" of
most decrees) gets `id="dieu-N"`; after it, a paragraph that starts with "M." or "M)" and the M-th item of
a numbered list get `id="dieu-N-khoan-M"`, until the next article or heading. The first block wins where a
text repeats an article. The HTML is the sanitizer's (well formed, attributes quoted), so one scan of its
block tags does it; a heading's own id (from its words) gives way to the article's.
"""

import re
from dataclasses import dataclass

_BLOCK = re.compile(r"<(/?)(p|h[2-6]|li|ol)\b([^>]*)>")
_LEADING_INLINE = re.compile(r"(?:\s|<(?:strong|b|em|i)>)*")
ARTICLE = re.compile(r"Điều\s+(\d{1,3})(?![\d/])")
_CLAUSE = re.compile(r"(\d{1,3})[.)]\s")
_ID = re.compile(r'\sid="[^"]*"')
_TAGS = re.compile(r"<[^>]+>")
_START = re.compile(r'\sstart="(\d{1,3})"')


@dataclass(frozen=True)
class Article:
    anchor: str  # "dieu-5"
    label: str  # "Điều 5. Phạm vi điều chỉnh", cut at 90 characters

    @property
    def number(self) -> str:
        """The article's number ("5"), as a comment on it names it."""
        return self.anchor.removeprefix("dieu-")


def anchor_articles(html: str) -> str:
    """`html` with the anchors of its articles and clauses."""
    out, last = [], 0
    article = None  # the number of the article the text is in
    used: set[str] = set()
    lists: list[list] = []  # for each open <ol>: [the article it is in, items so far]
    for match in _BLOCK.finditer(html):
        closing, tag, attributes = match[1], match[2].lower(), match[3]
        if tag == "ol":
            if closing:
                if lists:
                    lists.pop()
            else:
                first = _START.search(attributes)
                lists.append([article, int(first[1]) - 1 if first else 0])
            continue
        if closing:
            continue
        start = _LEADING_INLINE.match(html, match.end()).end()
        heading = ARTICLE.match(html, start)
        anchor = None
        if heading and tag != "li":
            article = heading[1]
            anchor = f"dieu-{article}"
        elif tag.startswith("h"):
            article = None  # a chapter's or section's heading: no clause of an article follows
        elif tag == "li" and lists and lists[-1][0] is not None:
            lists[-1][1] += 1
            anchor = f"dieu-{lists[-1][0]}-khoan-{lists[-1][1]}"
        elif tag == "p" and article is not None:
            clause = _CLAUSE.match(html, start)
            anchor = f"dieu-{article}-khoan-{clause[1]}" if clause else None
        if anchor is None or anchor in used:
            continue
        used.add(anchor)
        out.append(html[last : match.start()])
        out.append(f'<{tag}{_ID.sub("", attributes)} id="{anchor}">')
        last = match.end()
    out.append(html[last:])
    return "".join(out)


_ANY_ANCHOR = re.compile(r'\sid="(dieu-\d+(?:-khoan-\d+)?)">')
_UP_TO_CLOSE = re.compile(r"(.*?)</(?:p|h[2-6])>", re.DOTALL)


@dataclass(frozen=True)
class ArticleIndex:
    anchors: tuple[str, ...]  # every article's and clause's anchor, sorted (a stable value to digest)
    articles: tuple[Article, ...]  # the articles, in order, each with the first words of its block


def article_index(html: str) -> ArticleIndex:
    """What an anchored text offers citations and its table of contents, in one pass over it."""
    anchors, articles = set(), []
    for match in _ANY_ANCHOR.finditer(html):
        anchors.add(match[1])
        if "-khoan-" in match[1]:
            continue
        block = _UP_TO_CLOSE.match(html, match.end())  # an article's anchor is on a paragraph or a heading
        text = " ".join(_TAGS.sub("", block[1]).split()) if block else ""
        articles.append(Article(match[1], text if len(text) <= 90 else text[:89].rsplit(" ", 1)[0] + "…"))
    return ArticleIndex(tuple(sorted(anchors)), tuple(articles))


def anchors_in(html: str) -> tuple[str, ...]:
    """Every article's and clause's anchor in an anchored text, sorted."""
    return article_index(html).anchors
