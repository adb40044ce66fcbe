"""Citations linked by an earlier build, kept for the next one.

Linking walks every body that names a document of the portal (5–6 s of every rebuild at 12,000
items), and even finding the numbers a body names is a regular expression over all of it (3 s),
though an edit changes one body, or a few documents. What linking a text gives depends only on the
text, on the document it belongs to, on the documents carrying the numbers it names (their paths,
addresses, titles and days) and on the linking code. So for each text (its digest and its owner)
the memo keeps the numbers it names, a digest of the documents that carried them, and what linking
did (the edits to the HTML, the documents cited, the citations left ambiguous). A text seen before,
whose numbers are carried by the same documents, takes what was kept; anything else is linked again.
One sealed file beside the render cache holds what the last build used (the rest is dropped at the
next save); a damaged file is thrown away and everything is linked again.
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

    def __init__(self, folder: Path | None, installation: bytes | None):
        """`installation`: this installation's secret (portal_content.installation); None keeps nothing."""
        secret = _fingerprint()
        self._entries = SealedEntries(folder, secret, "citation links", installation)
        self._name = "links-" + secret.hex()
        found = self._entries.read(self._name, marshal.loads)
        self._old: dict = found if isinstance(found, dict) else {}
        self._new: dict = {}
        self._carried: dict[str, bytes] = {}  # number key -> which documents carry it (for `_targets`)
        self._targets = None
        self.reused = self.linked = 0

    def __call__(self, html: str, targets: dict[str, list[Target]], own: str | None = None) -> Linked:
        name = hashlib.blake2b(html.encode(), digest_size=20, person=b"portal-links")
        name.update(f"\0{own}".encode())
        name = name.digest()
        kept = self._new.get(name) or self._old.get(name)
        if kept is not None and _well_formed(kept, len(html)):
            keys, carried, edits, cited, ambiguous, missing = kept
            if self._carried_by(keys, targets) == carried:
                self._new[name] = kept
                self.reused += 1
                return Linked(
                    apply_edits(html, edits), set(cited), list(ambiguous), list(edits), tuple(keys), list(missing)
                )
        keys = keys_named(html)
        linked = link_citations(html, targets, own) if any(k in targets for k in keys) else Linked(html)
        linked.named = tuple(keys)
        self._new[name] = (
            keys,
            self._carried_by(keys, targets),
            tuple(linked.edits),
            tuple(sorted(linked.cited)),
            tuple(linked.ambiguous),
            tuple(linked.missing),
        )
        self.linked += 1
        return linked

    def _carried_by(self, keys: tuple[str, ...], targets: dict) -> bytes:
        """Which documents carry each of `keys` today (none, for most numbers a text names)."""
        if targets is not self._targets:
            self._targets, self._carried = targets, {}
        digest = hashlib.blake2b(digest_size=16)
        for key in keys:
            carried = self._carried.get(key)
            if carried is None:
                carried = self._carried[key] = repr((key, targets.get(key))).encode() + b"\0"
            digest.update(carried)
        return digest.digest()

    def save(self) -> None:
        """Keep what this build linked, for the next (nothing is written when nothing changed)."""
        if self._entries.folder is None or self._new.keys() == self._old.keys():
            return
        self._entries.write(self._name, marshal.dumps(self._new))
        self._old = dict(self._new)


def _well_formed(kept, size: int) -> bool:
    """A kept result of the expected shape, its edits in order and inside the text (a sealed file is
    ours, but a result is applied only if it could be one)."""
    if type(kept) is not tuple or len(kept) != 6:
        return False
    keys, carried, edits, cited, ambiguous, missing = kept
    if not all(type(m) is tuple and len(m) == 2 and all(type(x) is str for x in m) for m in missing):
        return False
    if type(keys) is not tuple or type(carried) is not bytes:
        return False
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
    return all(type(x) is str for x in (*keys, *cited, *ambiguous))
