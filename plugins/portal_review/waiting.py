"""What waits for review: every file of the content folder that differs from the approved state, whether
committed or not, with the commits that changed it since."""

from dataclasses import dataclass, field
from datetime import datetime

from .git import Repository

NEW, EDITED, DELETED, RENAMED = "mới", "sửa", "xóa", "đổi tên"
_KINDS = {"A": NEW, "M": EDITED, "D": DELETED, "T": EDITED}


@dataclass(frozen=True)
class Commit:
    commit: str
    author: str
    when: datetime
    subject: str


@dataclass(frozen=True)
class Waiting:
    path: str  # from the content folder, as problems name files
    kind: str  # NEW, EDITED, DELETED or RENAMED
    was: str = ""  # a renamed file's path in the approved state
    committed: bool = True  # False: the change is only in the working tree (never published until committed)
    commits: tuple[Commit, ...] = field(default=())


def waiting_changes(repository: Repository, approved: str, content: str, since: str = "") -> list[Waiting]:
    """Each content file whose working-tree state is not the approved one (`approved`: a commit or a tree),
    in path order, with the commits after `since` (default: `approved`, a commit) that touched it."""
    prefix = f"{content}/" if content else ""
    scope = ["--", content or "."]
    changed = _name_status(repository.run("diff", "--name-status", "-z", "-M", approved, *scope), prefix)
    uncommitted = {
        path for _, path, _ in _name_status(repository.run("diff", "--name-status", "-z", "HEAD", *scope), prefix)
    }
    untracked = repository.run("ls-files", "--others", "--exclude-standard", "-z", *scope).split("\0")
    commits = _commits_by_file(repository, since or approved, scope, prefix)
    found = {}
    for kind, path, was in changed:
        found[path] = Waiting(path, kind, was, path not in uncommitted, tuple(commits.get(path, ())))
    for name in filter(None, untracked):
        path = name[len(prefix) :]
        found[path] = Waiting(path, NEW, committed=False)
    return [found[path] for path in sorted(found)]


def _name_status(text: str, prefix: str) -> list[tuple[str, str, str]]:
    """(kind, path, former path) from `git diff --name-status -z`."""
    words = text.split("\0")
    found, at = [], 0
    while at < len(words) and words[at]:
        status = words[at]
        if status[0] in "RC":
            was, path, at = words[at + 1], words[at + 2], at + 3
            found.append((RENAMED if status[0] == "R" else NEW, path[len(prefix) :], was[len(prefix) :]))
        else:
            path, at = words[at + 1], at + 2
            found.append((_KINDS.get(status[0], EDITED), path[len(prefix) :], ""))
    return found


def _commits_by_file(repository: Repository, approved: str, scope: list[str], prefix: str) -> dict[str, list[Commit]]:
    """path -> the commits since the approved one that touched it, oldest first (one `git log`)."""
    text = repository.run(
        "log",
        "--reverse",
        "--no-renames",
        "-z",
        "--name-only",
        "--format=%x1e%H%x1f%an%x1f%aI%x1f%s",
        f"{approved}..HEAD",
        *scope,
    )
    found: dict[str, list[Commit]] = {}
    for record in filter(None, text.split("\x1e")):
        header, *names = record.split("\0")
        commit, author, when, subject = (header.split("\x1f") + [""] * 4)[:4]
        entry = Commit(commit, author, datetime.fromisoformat(when), subject)
        for name in filter(None, (name.strip("\n") for name in names)):
            found.setdefault(name[len(prefix) :], []).append(entry)
    return found
