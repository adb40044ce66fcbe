"""The read phase's history: each content file's published versions, from git, as one frozen value.

Without review, every commit on HEAD's first-parent line that changed a file is a version of it (the
next build published it). With review, a version is what an approval published: the file as the
approved commit had it, dated and signed by that approval; the commits between two approvals are one
version, with all their messages. A rename continues the file's trail (`git log -M`); a deletion ends
it, and the file's addresses then answer 410 (addresses.py).

A content folder outside git, or a shallow clone, has no history: `History.note` says so plainly and
nothing is guessed.
"""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import MappingProxyType

from portal_content.fields import VIETNAM
from portal_review.approval import SIGNED, allowed_signers, approval_of, fingerprints
from portal_review.git import GitFailed, Repository

from .log import Commit, read_blobs, read_log


@dataclass(frozen=True)
class Version:
    commit: str  # the commit that published it (with review: the approval)
    when: datetime
    authors: tuple[str, ...]
    subjects: tuple[str, ...]  # the commit messages' first lines, oldest first
    path: str  # the file's path (from the content folder) in this version
    blob: str
    approver: str = ""  # with review: the reviewer who approved it
    approval: str = ""  # with review: the approval's note (`invoke duyet --ghi-chu`)


@dataclass(frozen=True)
class Trail:
    """One file's published versions, oldest first; `removed`: when its deletion was published."""

    versions: tuple[Version, ...]
    removed: Version | None = None


@dataclass(frozen=True)
class History:
    note: str = ""  # why there is no history ("" when there is one)
    review: bool = False
    files: Mapping[str, Trail] = field(default_factory=lambda: MappingProxyType({}))  # path now -> trail
    removed: Mapping[str, Trail] = field(default_factory=lambda: MappingProxyType({}))  # deleted path -> trail
    texts: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # blob -> text, where needed

    @property
    def available(self) -> bool:
        return not self.note

    def text(self, version: Version) -> str | None:
        return self.texts.get(version.blob)


NO_GIT = "Thư mục nội dung không nằm trong kho git, nên cổng không có lịch sử phiên bản của các trang."
SHALLOW = "Kho git là bản sao nông (shallow clone): lịch sử phiên bản không đầy đủ nên không được hiện."


@dataclass(frozen=True)
class Source:
    """Where the history is read: the repository, the commit the build publishes, the content folder in
    it, and with review the reviewers' file in force (whose signatures mark the approvals)."""

    repository: Repository | None
    until: str = "HEAD"
    content: str = ""
    reviewers: bytes | None = None
    uncommitted: frozenset[str] = frozenset()  # without review: files whose working copy is not committed
    verdicts: object = None  # Verdicts: commits already checked for a reviewer's signature (a sealed cache)
    sections: object = None  # portal_review.sections.Sections: which folders each reviewer approves


def read_history(source: Source) -> History:
    """Every content file's published versions, and the texts a Lịch sử page or an old address needs; a
    History whose `note` says why there is none when git cannot give it (never a guess)."""
    repository = source.repository
    if repository is None:
        return History(NO_GIT)
    try:
        if repository.run("rev-parse", "--is-shallow-repository").strip() == "true":
            return History(SHALLOW)
        if not repository.succeeds("rev-parse", "--verify", "-q", f"{source.until}^{{commit}}"):
            return History("Kho git chưa có commit nào: chưa có lịch sử phiên bản.")
        commits = read_log(repository, source.until, source.content)
        if source.reviewers is not None:
            approvals = _approvals(repository, source.until, source.reviewers, source.verdicts)
            files, removed = _trails(commits, approvals, source.sections)
        else:
            files, removed = _trails(commits, None)
        wanted = [
            version.blob
            for path, trail in [*files.items(), *removed.items()]
            if len(trail.versions) > 1 or trail.removed is not None or path in source.uncommitted
            for version in trail.versions
        ]
        texts = {blob: data.decode("utf-8", "replace") for blob, data in read_blobs(repository, wanted).items()}
    except GitFailed as failed:
        return History(f"Không đọc được lịch sử từ git ({failed.detail or failed.message}).")
    return History(
        "",
        source.reviewers is not None,
        MappingProxyType(files),
        MappingProxyType(removed),
        MappingProxyType(texts),
    )


@dataclass(frozen=True)
class _Approval:
    commit: str
    when: datetime
    reviewer: str
    note: str


class Verdicts:
    """Which commits a reviewer signed, as checked against one reviewers' file: kept between builds in a
    sealed cache entry (portal_content.sealed), so each build verifies only the commits new since the last
    (git runs ssh-keygen once per signed commit: thousands of approvals would be seconds on every build).
    An entry this installation did not seal is thrown away, and every commit is checked again."""

    def __init__(self, folder: Path | None, installation: bytes | None):
        from portal_content.sealed import SealedEntries

        self.entries = SealedEntries(folder, b"approvals-1", "approvals", installation)

    def read(self, reviewers: bytes) -> dict:
        found = self.entries.read(self._key(reviewers), lambda data: json.loads(data.decode()))
        return found if isinstance(found, dict) else {}

    def write(self, reviewers: bytes, verdicts: dict) -> None:
        self.entries.write(self._key(reviewers), json.dumps(verdicts, separators=(",", ":")).encode())

    @staticmethod
    def _key(reviewers: bytes) -> str:
        return hashlib.sha256(reviewers).hexdigest()


def _approvals(repository: Repository, until: str, reviewers: bytes, verdicts=None) -> list:
    """Every commit of the first-parent line, oldest first, with its approval (None: not one)."""
    line = [
        entry.split("\x1f")
        for entry in repository.run(
            "log", "--first-parent", "--reverse", "--format=%H%x1f%cI%x1f%s", until
        ).splitlines()
        if entry
    ]
    known = verdicts.read(reviewers) if verdicts is not None else {}
    unknown = [commit for commit, *_ in line if commit not in known]
    if unknown:
        known.update(_verify(repository, unknown, reviewers))
        if verdicts is not None:
            verdicts.write(reviewers, known)
    found = []
    for commit, when, subject in ((entry + ["", ""])[:3] for entry in line):
        principal = known.get(commit)
        approval = None
        if principal:
            moment = datetime.fromisoformat(when).astimezone(VIETNAM)
            approval = _Approval(commit, moment, principal, subject.removeprefix("Duyệt:").strip())
        found.append((commit, approval))
    return found


def _verify(repository: Repository, commits: list[str], reviewers: bytes) -> dict:
    """commit -> the reviewer's principal when a reviewer in `reviewers` signed it, else "" (one git process)."""
    keys = fingerprints(reviewers)
    with allowed_signers(reviewers) as config:
        text = repository.run(
            "log",
            "--no-walk=unsorted",
            "--stdin",
            f"--format={SIGNED}",
            config=config,
            input="\n".join(commits).encode() + b"\n",
            what="Không kiểm được chữ ký của các commit",
        )
    found = {}
    for line in filter(None, text.splitlines()):
        approved = approval_of(line, keys)
        found[line.split("\x1f", 1)[0]] = approved.reviewer if approved else ""
    return found


def _trails(commits: tuple[Commit, ...], approvals, sections=None) -> tuple[dict, dict]:
    """path now -> Trail, deleted path -> Trail. Without approvals each commit publishes what it changed;
    with them, what changed since the last approval is published by the next one."""
    live: dict[str, list[Version]] = {}
    removed: dict[str, Trail] = {}
    pending: dict[str, list] = {}  # path -> [status, blob, was, authors, subjects] since the last approval

    def publish(path, status, blob, was, authors, subjects, commit, when, approver="", approval=""):
        if status == "D":
            versions = live.pop(path, [])
            if versions:
                removed[path] = Trail(
                    tuple(versions), Version(commit, when, authors, subjects, path, "", approver, approval)
                )
            return
        versions = live.pop(was, []) if was else live.get(path, [])
        if not versions and path in removed:  # a file deleted once and written again continues its trail
            versions = list(removed.pop(path).versions)
        version = Version(commit, when, authors, subjects, path, blob, approver, approval)
        if versions and versions[-1].blob == blob and versions[-1].path == path:
            live[path] = versions
            return
        live[path] = [*versions, version]

    if approvals is None:
        for commit in commits:
            for change in commit.changes:
                publish(
                    change.path,
                    change.status,
                    change.blob,
                    change.was,
                    (commit.author,),
                    (commit.subject,),
                    commit.commit,
                    commit.committed.astimezone(VIETNAM),
                )
        return {p: Trail(tuple(v)) for p, v in live.items()}, removed

    by_commit = {commit.commit: commit for commit in commits}
    for sha, approval in approvals:
        commit = by_commit.get(sha)
        for change in commit.changes if commit else ():
            _pend(pending, change, commit)
        if approval is None:
            continue
        for path in list(pending):
            if sections and not sections.may(approval.reviewer, sections.folder_of(path)):
                continue  # another section's reviewer approves it
            status, blob, was, authors, subjects = pending.pop(path)
            publish(
                path,
                status,
                blob,
                was,
                authors,
                subjects,
                approval.commit,
                approval.when,
                approval.reviewer,
                approval.note,
            )
    return {p: Trail(tuple(v)) for p, v in live.items()}, removed


def _pend(pending: dict, change, commit: Commit) -> None:
    """Fold one change into what waits for the next approval (a rename of a waiting file keeps its origin)."""
    earlier = pending.pop(change.was, None) if change.was else pending.get(change.path)
    authors = tuple(dict.fromkeys([*(earlier[3] if earlier else ()), commit.author]))
    subjects = (*(earlier[4] if earlier else ()), commit.subject)
    was = (earlier[2] or change.was) if earlier and change.was else (earlier[2] if earlier else change.was)
    status = change.status
    if earlier and earlier[0] == "A" and status == "M":
        status = "A"
    if earlier and earlier[0] == "A" and status == "D":
        pending.pop(change.path, None)  # added and deleted between two approvals: never published
        return
    pending[change.path] = [status, change.blob, was, authors, subjects]
