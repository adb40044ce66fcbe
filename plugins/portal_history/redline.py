"""What changed between two versions of a file, as a reader sees it: the header's fields from → to, and
the text with removed words struck (`<del>`) and added ones marked (`<ins>`). Escaped HTML, no YAML."""

import difflib
import re
from html import escape

from portal_review.readable import field_changes, parts

PARAGRAPH = "\n\n"
_MARKUP = re.compile(r"^(#{1,6}|[*+-]|>|\d+\.)$")  # Markdown's own marks: headings, list items, quotes


def redline(before: str, after: str) -> tuple[tuple[str, ...], str, bool]:
    """(field changes as text, the text's redline as HTML, whether any word of the text changed)."""
    old_header, old_body = parts(before)
    new_header, new_body = parts(after)
    old, new = _words(old_body), _words(new_body)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    html, changed = [], False
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            html.append(_run(old[i1:i2]))
            continue
        changed = True
        if i2 > i1:
            html.append(_marked("del", old[i1:i2]))
        if j2 > j1:
            html.append(_marked("ins", new[j1:j2]))
    text = " ".join(piece for piece in html if piece)
    paragraphs = [p.strip() for p in text.split(PARAGRAPH)]
    body = "".join(f"<p>{p}</p>" for p in paragraphs if p and p not in ("<del></del>", "<ins></ins>"))
    return tuple(field_changes(old_header, new_header)), body, changed


def _words(body: str) -> list[str]:
    """The text's words, a paragraph break a word of its own; Markdown's marks left out."""
    words = []
    for paragraph in re.split(r"\n\s*\n", body.strip()):
        found = [w for w in paragraph.split() if not _MARKUP.match(w)]
        if found:
            if words:
                words.append(PARAGRAPH)
            words.extend(w.strip("*_`") or w for w in found)
    return words


def _marked(tag: str, words: list[str]) -> str:
    """A removed or added run, marked paragraph by paragraph (a mark never spans two paragraphs)."""
    pieces, current = [], []
    for word in [*words, PARAGRAPH]:
        if word == PARAGRAPH:
            if current:
                pieces.append(f"<{tag}>{_run(current)}</{tag}>")
            current = []
            pieces.append(PARAGRAPH)
        else:
            current.append(word)
    return " ".join(pieces[:-1])


def _run(words: list[str]) -> str:
    out = []
    for word in words:
        out.append(PARAGRAPH if word == PARAGRAPH else escape(word))
    return " ".join(out)
