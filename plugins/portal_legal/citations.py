"""Linking every mention of a portal document's number in a body, in one pass over the text.

One regular expression finds anything shaped like a number; a dictionary lookup on its
key finds the documents on the portal carrying it, and the day or year written after it
("ngày 16/6/2014", "năm 2025") decides between several. Text inside links, code and
headings is left alone. The HTML here has been through the sanitizer, so tags are
well formed and attribute values are quoted (they may contain ">").
"""

import functools
import re
from dataclasses import dataclass, field
from datetime import date
from html import escape

from search.numbers import IN_TEXT, ISSUE, ISSUE_AFTER, fitting, issue_of, keys_in_text, number_key

# a tag, whose quoted attribute values may hold ">" (the sanitizer's serializer escapes "<" and
# quotes, not ">"): text never holds a raw "<", so every "<" starts one
_TAG = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
_DIGIT = re.compile(r"\d")
LEFT_ALONE = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "samp"}

_SENTENCE_END = re.compile(r"[.!?;]\s")


def _sentence_before(text: str, end: int) -> str:
    """The sentence `text[:end]` ends in (asked for only when a number needs it)."""
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, end)]
    return text[starts[-1] if starts else 0 : end]


@dataclass(frozen=True)
class Target:
    """A document on the portal that text may cite."""

    source_path: str
    url: str
    title: str
    issued: date
    # its articles' and clauses' anchors (portal_content.articles), sorted: the remembered citations digest
    # a Target's repr, which for a set would follow the process's string hashing and never match again
    anchors: tuple[str, ...] = ()


@dataclass
class Linked:
    html: str
    cited: set[str] = field(default_factory=set)  # source paths of the documents cited
    ambiguous: list[str] = field(default_factory=list)  # citations left unlinked: several documents fit
    # what was done to the text given: (start, end, replacement), in order (remembered.py keeps them)
    edits: list[tuple[int, int, str]] = field(default_factory=list)
    named: tuple[str, ...] = ()  # the number keys of everything shaped like a number in it (keys_named)
    # articles cited that their document does not have: (the citation as written, the document's title)
    missing: list[tuple[str, str]] = field(default_factory=list)


# an article (and a clause) named just before a number: "Điều 5 Nghị định 43/2011/NĐ-CP", "khoản 2 Điều 5 của
# Quyết định số 42/2012/QĐ-UBND": the citation lands on #dieu-5, #dieu-5-khoan-2
_ARTICLE_BEFORE = re.compile(
    r"(?:khoản\s+(\d{1,3})\s+)?Điều\s+(\d{1,3})\s+(?:của\s+)?(?:[^\W\d_]+\s+){1,4}?(?:số\s+)?$", re.IGNORECASE
)


def article_cited(text: str, start: int) -> tuple[str, str] | None:
    """(the anchor, the words naming it) of the article named right before the number at `start`."""
    found = _ARTICLE_BEFORE.search(text, max(0, start - 120), start)
    if found is None:
        return None
    clause, article = found[1], found[2]
    anchor = f"dieu-{article}" + (f"-khoan-{clause}" if clause else "")
    words = (f"khoản {clause} " if clause else "") + f"Điều {article}"
    return anchor, words


def apply_edits(html: str, edits) -> str:
    out, last = [], 0
    for start, end, replacement in edits:
        out.append(html[last:start])
        out.append(replacement)
        last = end
    out.append(html[last:])
    return "".join(out)


def keys_named(html: str) -> tuple[str, ...]:
    """The number keys of everything shaped like a number in `html` (its text, and its tags too: a
    superset of what linking looks up), sorted."""
    return keys_in_text(html)


def _choose(candidates: list[Target], issue: re.Match | None) -> list[Target]:
    """The documents the day or year of issue written beside a number fits (none for a day that does not exist)."""
    if issue is None:
        return candidates
    given = issue_of(issue)
    return fitting(candidates, day=given.day, year=given.year) if given is not None else []


def link_citations(html: str, targets: dict[str, list[Target]], own: str | None = None) -> Linked:
    """Mentions of documents linked, the documents cited, and the citations too vague to link.

    `targets` maps number_key -> the documents on the portal carrying that number; `own` is the
    source path of the document the text belongs to (never linked to itself). The date or year
    that follows a number decides between documents that share it (else a date earlier in the
    same sentence, as news write "Ngày 16/6/2014, … ban hành Chỉ thị số 08/CT-UBND"); a citation that several
    documents fit is left as text (linking nowhere rather than to the wrong one), and one whose
    date fits none is not a document of the portal.
    """
    result = Linked(html)

    def link(text: str, following: re.Match | None, sentence, article=None) -> str | None:
        candidates = targets.get(number_key(text))
        if not candidates:
            return None
        chosen = _choose(candidates, following)
        if following is None and any(t.source_path == own for t in chosen):
            return None  # a document naming its own number, as its text does
        if following is None and len(chosen) > 1:  # "Ngày 16/6/2014, … ban hành Chỉ thị số 08/CT-UBND"
            earlier = list(ISSUE.finditer(sentence()))
            narrowed = _choose(candidates, earlier[-1]) if earlier else []
            if len(narrowed) == 1:
                chosen = narrowed
        if len(chosen) != 1:
            if len(chosen) > 1:
                result.ambiguous.append(text)
            return None
        target = chosen[0]
        if target.source_path == own:
            return None
        result.cited.add(target.source_path)
        href = target.url
        if article is not None:
            anchor, words = article
            if anchor in target.anchors:
                href = f"{target.url}#{anchor}"
            elif anchor.partition("-khoan-")[0] in target.anchors:  # the article, its clauses not numbered
                href = f"{target.url}#{anchor.partition('-khoan-')[0]}"
            else:
                result.missing.append((f"{words} {text}", target.title))
        return f'<a class="citation" href="{escape(href)}" title="{escape(target.title)}">{text}</a>'

    def link_all(part: str, offset: int) -> None:
        for match in IN_TEXT.finditer(part):
            following = ISSUE_AFTER.match(part, match.end())
            replacement = link(
                match[0],
                following,
                functools.partial(_sentence_before, part, match.start()),
                article_cited(part, match.start()),
            )
            if replacement is not None:
                result.edits.append((offset + match.start(), offset + match.end(), replacement))

    if not any(number_key(m[0]) in targets for m in IN_TEXT.finditer(html)):
        return result  # names no document of the portal: nothing to link (the common case, in one pass)
    depth, offset = 0, 0
    for part in _TAG.split(html):
        if part.startswith("<"):
            tag = _TAG_NAME.match(part)
            if tag and tag[2].lower() in LEFT_ALONE and not part.endswith("/>"):
                depth = max(depth - 1, 0) if tag[1] else depth + 1
        elif depth == 0 and _DIGIT.search(part):  # a number has digits: other text is left as it is
            link_all(part, offset)
        offset += len(part)
    result.html = apply_edits(html, result.edits)
    return result
