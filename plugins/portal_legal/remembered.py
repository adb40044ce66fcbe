"""Citations linked by an earlier build, kept for the next one.

Linking walks every body that names a document of the portal (5–6 s of every rebuild at 12,000
items), though an edit changes one body, or a few documents. What linking a body gives depends only
on its HTML, on the document it belongs to, on the documents carrying the numbers it names (their
paths, addresses, titles and days) and on the linking code. A digest of those is the key; what is
kept for it is what linking did (the edits to the HTML), the documents it cited and the citations it
left ambiguous. One sealed file beside the render cache holds what the last build linked (what no
build uses any more is dropped at the next save); a damaged file is thrown away and everything is
linked again.
"""

import hashlib
import marshal
from pathlib import Path

from portal_code import code_fingerprint
from portal_content.sealed import SealedEntries

from .citations import Linked, Target, apply_edits, keys_named, link_citations


def _fingerprint() -> bytes:
    return code_fingerprint(Path(__file__).resolve().parent / "citations.py")


class RememberedLinks:
    """`link_citations`, remembering its results between builds in `folder` (None: remembers nothing)."""

    def __init__(self, folder: Path | None):
        secret = _fingerprint()
        self._entries = SealedEntries(folder, secret, "citation links")
        self._name = "links-" + secret.hex()
        found = self._entries.read(self._name, marshal.loads)
        self._old: dict = found if isinstance(found, dict) else {}
        self._new: dict = {}
        self.reused = self.linked = 0

    def __call__(self, html: str, targets: dict[str, list[Target]], own: str | None = None) -> Linked:
        keys = keys_named(html, targets)
        if not keys:
            return Linked(html)  # names no document of the portal
        digest = hashlib.blake2b(html.encode(), digest_size=20)
        digest.update(f"\0{own}\0".encode())
        for key in keys:
            digest.update(repr((key, targets[key])).encode())
        key = digest.digest()
        kept = self._new.get(key) or self._old.get(key)
        if kept is not None and _well_formed(kept, len(html)):
            edits, cited, ambiguous = kept
            self._new[key] = kept
            self.reused += 1
            return Linked(apply_edits(html, edits), set(cited), list(ambiguous), list(edits))
        linked = link_citations(html, targets, own)
        self._new[key] = (tuple(linked.edits), tuple(sorted(linked.cited)), tuple(linked.ambiguous))
        self.linked += 1
        return linked

    def save(self) -> None:
        """Keep what this build linked, for the next (nothing is written when nothing changed)."""
        if self._entries.folder is None or self._new.keys() == self._old.keys():
            return
        self._entries.write(self._name, marshal.dumps(self._new))
        self._old = dict(self._new)


def _well_formed(kept, size: int) -> bool:
    """A kept result of the expected shape, its edits in order and inside the text (a sealed file is
    ours, but a result is applied only if it could be one)."""
    if type(kept) is not tuple or len(kept) != 3:
        return False
    edits, cited, ambiguous = kept
    last = 0
    for edit in edits:
        if type(edit) is not tuple or len(edit) != 3:
            return False
        start, end, replacement = edit
        if type(start) is not int or type(end) is not int or type(replacement) is not str:
            return False
        if not last <= start <= end <= size:
            return False
        last = end
    return all(type(x) is str for x in (*cited, *ambiguous))
