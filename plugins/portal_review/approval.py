"""Which commit is approved: the newest on HEAD's first-parent line that a reviewer signed.

"A reviewer" is read from the reviewers' file as the last approved state had it, never as a writer's
newer commit has it: a change to `.nguoi-duyet` takes effect only once a reviewer of the file before
it signs a commit that contains it (otherwise a writer could list their own key and sign). The first
commit that adds the file is where the chain starts; an operator may instead name a reviewers' file
outside the repository (`PORTAL_REVIEW["reviewers"]`), which then holds for every commit.

Signatures are checked by git itself (`gpg.ssh.allowedSignersFile`, `%G?`), and only an SSH signature
whose key is in the file counts: a GPG signature that the build machine's keyring trusts is no
reviewer's approval. git verifies lazily, so a walk stops at the commit it was looking for.
"""

import base64
import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from .git import Repository
from .reviewers import read_reviewers

REVIEWERS_FILE = ".nguoi-duyet"
_FORMAT = "%H%x1f%G?%x1f%GF%x1f%GS%x1f%cI%x1f%s"


@dataclass(frozen=True)
class Approved:
    commit: str
    when: datetime
    reviewer: str  # the principal the reviewers' file gives the key, as %GS reports it
    subject: str


@dataclass(frozen=True)
class Chain:
    """What the first-parent line says: the approved commit (None: none yet), the reviewers' file in force
    (None: an approved commit removed it, and review is off)."""

    approved: Approved | None
    trusted: bytes | None


def fingerprints(reviewers_file: bytes) -> frozenset[str]:
    """SHA256 fingerprints (as git prints %GF) of the keys a reviewers' file lists."""
    reviewers, _ = read_reviewers(reviewers_file.decode("utf-8", "replace"))
    found = set()
    for reviewer in reviewers:
        digest = hashlib.sha256(base64.b64decode(reviewer.key)).digest()
        found.add("SHA256:" + base64.b64encode(digest).decode().rstrip("="))
    return frozenset(found)


def approved_chain(repository: Repository, fixed: bytes | None = None) -> Chain:
    """The newest approved commit on HEAD's first-parent line, and the reviewers' file then in force."""
    if fixed is not None:
        return Chain(next(_signed(repository, ["HEAD"], fixed, newest_first=True), None), fixed)
    changes = repository.run("rev-list", "--first-parent", "--reverse", "HEAD", "--", REVIEWERS_FILE).split()
    trusted: bytes | None = None
    approved = None
    for number, start in enumerate(changes):
        end = f"{changes[number + 1]}^" if number + 1 < len(changes) else "HEAD"
        span = [end, *_not_before(repository, start)]
        in_tree = repository.blob(start, REVIEWERS_FILE)
        if trusted is None:  # where the chain starts, or starts again after review was turned off
            trusted = in_tree
        if in_tree == trusted:
            newest = next(_signed(repository, span, trusted, newest_first=True), None) if trusted else None
            approved = newest or approved
            continue
        first = next(_signed(repository, span, trusted, newest_first=False), None)
        if first is None:  # the change to the reviewers' file waits, and the file before it holds
            continue
        approved, trusted = first, in_tree
        if trusted is not None:
            after = next(_signed(repository, [end, f"^{first.commit}"], trusted, newest_first=True), None)
            approved = after or approved
    return Chain(approved, trusted)


def section_approvals(repository: Repository, trusted: bytes, sections, folders: set[str]) -> dict[str, Approved]:
    """Each folder's approved commit: the newest on HEAD's first-parent line that a reviewer of that folder
    signed (sections.py). A folder no reviewer of it ever approved is absent."""
    found: dict[str, Approved] = {}
    for approved in _signed(repository, ["HEAD"], trusted, newest_first=True):
        for folder in folders - found.keys():
            if sections.may(approved.reviewer, folder):
                found[folder] = approved
        if len(found) == len(folders):
            break
    return found


def _not_before(repository: Repository, commit: str) -> list[str]:
    """The rev-list arguments that start a span at `commit` (itself included)."""
    parent = repository.run("rev-parse", "--verify", "-q", f"{commit}^", check=False).strip()
    return [f"^{parent}"] if parent else []


@contextmanager
def allowed_signers(reviewers_file: bytes) -> Iterator[dict]:
    """git's configuration that checks signatures against `reviewers_file` (a temporary copy of it)."""
    with tempfile.NamedTemporaryFile("wb", prefix="nguoi-duyet-", delete=False) as file:
        file.write(reviewers_file)
    try:
        yield {"gpg.ssh.allowedSignersFile": file.name}
    finally:
        os.unlink(file.name)


SIGNED = _FORMAT  # the `git log --format` that approval_of reads


def approval_of(line: str, keys: frozenset[str]) -> Approved | None:
    """A line of `git log --format=SIGNED` as an approval: a good SSH signature by one of `keys`, else None."""
    commit, status, key, principal, when, subject = (line.split("\x1f") + [""] * 6)[:6]
    if status != "G" or key not in keys:
        return None
    return Approved(commit, datetime.fromisoformat(when), principal or "người duyệt", subject)


def _signed(repository: Repository, span: list[str], reviewers_file: bytes, newest_first: bool) -> Iterator[Approved]:
    """The commits of `span` (first parents only) that a reviewer in `reviewers_file` signed, in order."""
    keys = fingerprints(reviewers_file)
    if not keys:
        return
    order = [] if newest_first else ["--reverse"]
    with allowed_signers(reviewers_file) as config:
        for line in repository.stream(
            "log", "--first-parent", *order, f"--format={SIGNED}", *span, "--", config=config
        ):
            approved = approval_of(line, keys)
            if approved is not None:
                yield approved
