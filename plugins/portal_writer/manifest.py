"""The pages a build wrote (`pages.json` in the private folder beside the output), sealed with this installation's secret.

For every page: its fingerprint (what it was given and what it read of the site model: writer.py,
ledger.py; the paths it read are listed once, in `reads`, and each page names them by index) and the
digest of its bytes and of its compressed copies as the build wrote them. A later build reuses a page of the live output or of the
spare site (portal_build/spare.py) only when the manifest's seal is this installation's and the page's
bytes still have the digest recorded: a page replaced or edited beside the build is rendered again, never
published. The seal is keyed by the installation's secret (portal_content.installation), which the public
code does not give; without a secret nothing is sealed, and so nothing is reused.
"""

import hashlib
import hmac
import json
import os
from pathlib import Path
from typing import NamedTuple

from .compress import ENCODINGS
from .ledger import as_path

MANIFEST = "pages.json"  # in the output's private folder (portal_content.private)
DIGEST_SIZE = 20


def page_digest(data: bytes, copies: dict[str, bytes]) -> str:
    """Of a page's bytes and of its compressed copies (none for a page too small to have them)."""
    digest = hashlib.blake2b(data, digest_size=DIGEST_SIZE, person=b"portal-page")
    for suffix in ENCODINGS:
        if suffix in copies:
            digest.update(suffix.encode() + len(copies[suffix]).to_bytes(8, "big") + copies[suffix])
    return digest.hexdigest()


def digest_on_disk(path: str) -> str | None:
    """`page_digest` of the page at `path` and the copies beside it; None when it cannot be read."""
    try:
        with open(path, "rb") as page:
            data = page.read()
        copies = {}
        for suffix in ENCODINGS:
            try:
                with open(path + suffix, "rb") as copy:
                    copies[suffix] = copy.read()
            except FileNotFoundError:
                pass
    except OSError:
        return None
    return page_digest(data, copies)


def _seal(data: dict, key: bytes) -> str:
    body = json.dumps({k: data[k] for k in ("base", "code", "pages", "digests", "reads")}, sort_keys=True).encode()
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def read_manifest(path: Path, key: bytes | None) -> dict | None:
    """The manifest at `path` when its seal is this installation's, else None (missing, damaged, made
    elsewhere or with another secret)."""
    if key is None:
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        seal = data["seal"]
        pages, digests, reads = data["pages"], data["digests"], data["reads"]
        if not (isinstance(pages, dict) and isinstance(digests, dict) and isinstance(reads, list)):
            return None
        if not isinstance(seal, str):
            return None
        if not hmac.compare_digest(seal, _seal(data, key)):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return data


def write_manifest(
    path: Path, base: str, code: str, pages: dict, digests: dict, key: bytes | None, reads: list
) -> None:
    data = {
        "base": base,
        "code": code,
        "pages": dict(sorted(pages.items())),
        "digests": dict(sorted(digests.items())),
        "reads": reads,
    }
    if key is not None:
        data["seal"] = _seal(data, key)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    temporary = f"{path}.new-{os.getpid()}"
    with open(temporary, "w", encoding="utf-8") as out:
        out.write(json.dumps(data, indent=0) + "\n")
    os.replace(temporary, path)


class Fingerprint(NamedTuple):
    """A page's fingerprint: the digest of what it was given, what it read of the site model (ledger
    paths), and the digest of what those paths led to when it was made."""

    given: str
    digest: str
    reads: frozenset


def fingerprints_of(data: dict) -> dict[str, Fingerprint]:
    """The pages of a manifest, name -> Fingerprint (a set of reads shared by pages is one object)."""
    paths = [as_path(path) for path in data.get("reads", ())]
    shared: dict[tuple, frozenset] = {}
    pages = {}
    for name, (given, digest, indices) in data["pages"].items():
        indices = tuple(indices)
        reads = shared.get(indices)
        if reads is None:
            reads = shared[indices] = frozenset(paths[index] for index in indices)
        pages[name] = Fingerprint(given, digest, reads)
    return pages


def manifest_pages(fingerprints: dict[str, Fingerprint]) -> tuple[dict, list]:
    """`fingerprints` as a manifest writes them: name -> [given, digest, path indices], and the paths (in
    one order whatever the order pages were made in, so a rebuild's manifest is a cold build's)."""
    paths = sorted({path for fingerprint in fingerprints.values() for path in fingerprint.reads}, key=repr)
    numbers = {path: number for number, path in enumerate(paths)}
    pages = {}
    for name, fingerprint in fingerprints.items():
        pages[name] = [fingerprint.given, fingerprint.digest, sorted(numbers[path] for path in fingerprint.reads)]
    return pages, paths
