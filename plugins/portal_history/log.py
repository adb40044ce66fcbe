"""The content folder's history, read from git in one pass: every commit on the published line that
changed a content file, with what it changed (`git log --raw`, renames followed), and the texts of
the versions a Lịch sử page or an old address needs (`git cat-file --batch`)."""

from dataclasses import dataclass
from datetime import datetime

from portal_review.git import Repository

_FORMAT = "%x1e%H%x1f%aN%x1f%aI%x1f%cI%x1f%s"


@dataclass(frozen=True)
class Change:
    """One content file changed by one commit."""

    status: str  # A, M, D or R (renamed, perhaps edited too)
    path: str  # from the content folder; the new path of a rename
    was: str  # the old path of a rename, else ""
    blob: str  # the file's new blob ("" when deleted)


@dataclass(frozen=True)
class Commit:
    commit: str
    author: str
    authored: datetime
    committed: datetime
    subject: str
    changes: tuple[Change, ...]


def read_log(repository: Repository, until: str, content: str) -> tuple[Commit, ...]:
    """The commits of `until`'s first-parent line that changed the content folder, oldest first."""
    prefix = f"{content}/" if content else ""
    text = repository.run(
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--reverse",
        "-M",
        "--raw",
        "--no-abbrev",
        "-z",
        f"--format={_FORMAT}",
        until,
        "--",
        content or ".",
    )
    commits = []
    for record in filter(None, text.split("\x1e")):
        words = record.split("\0")
        commit, author, authored, committed, subject = (words[0].split("\x1f") + [""] * 5)[:5]
        changes, at = [], 1
        while at < len(words):
            meta = words[at].strip("\n")
            if not meta.startswith(":"):
                at += 1
                continue
            fields = meta[1:].split()
            status, blob = fields[4][0], fields[3]
            if status in "RC":
                was, path, at = words[at + 1], words[at + 2], at + 3
            else:
                was, path, at = "", words[at + 1], at + 2
            if not path.startswith(prefix):
                continue
            changes.append(
                Change(
                    "A" if status == "C" else status,
                    path[len(prefix) :],
                    was[len(prefix) :] if status == "R" else "",
                    "" if status == "D" else blob,
                )
            )
        commits.append(
            Commit(
                commit,
                author,
                datetime.fromisoformat(authored),
                datetime.fromisoformat(committed),
                subject,
                tuple(changes),
            )
        )
    return tuple(commits)


def read_blobs(repository: Repository, blobs: list[str]) -> dict[str, bytes]:
    """The bytes of each blob, in one `git cat-file --batch`."""
    wanted = list(dict.fromkeys(b for b in blobs if b))
    if not wanted:
        return {}
    data = repository.raw(
        "cat-file", "--batch", input=("\n".join(wanted) + "\n").encode(), what="Không đọc được các phiên bản cũ"
    )
    found, at = {}, 0
    for blob in wanted:
        end = data.index(b"\n", at)
        header = data[at:end].split()
        if len(header) < 3 or header[1] == b"missing":
            at = end + 1
            continue
        size = int(header[2])
        found[blob] = data[end + 1 : end + 1 + size]
        at = end + 1 + size + 1
    return found
