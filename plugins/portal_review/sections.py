"""Reviewers per section, as Plone's sharing allows per folder: `PORTAL_REVIEW["sections"]` names, for a
top-level folder of the content (van-ban, tin-tuc …), the reviewers (as `.nguoi-duyet` names them) who
approve it. A reviewer named for some sections approves those, and the folders no section names; a
reviewer named for none approves everything.

Each folder then has its own approved commit: the newest a reviewer of that folder signed. The public
build reads a tree made of each folder as its approved commit has it (`compose`), written by git.
"""

import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .git import Repository

ROOT_FILES = ""  # files at the top of the content folder: not in any section


@dataclass(frozen=True)
class Sections:
    named: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))  # folder -> principals

    @classmethod
    def from_config(cls, config: dict) -> "Sections":
        given = config.get("sections") or {}
        return cls(MappingProxyType({str(f).strip("/"): frozenset(map(str, p)) for f, p in given.items()}))

    def __bool__(self) -> bool:
        return bool(self.named)

    def may(self, principal: str, folder: str) -> bool:
        """Whether `principal` approves `folder` (ROOT_FILES for the content folder's own files)."""
        own = [name for name, principals in self.named.items() if principal in principals]
        return not own or folder in own or folder not in self.named

    def folder_of(self, path: str) -> str:
        """The section folder of a path from the content folder."""
        return path.split("/", 1)[0] if "/" in path else ROOT_FILES


def top_folders(repository: Repository, commits: Iterable[str], content: str) -> set[str]:
    """The top-level folders of the content folder in any of `commits`."""
    found = set()
    for commit in commits:
        tree = f"{commit}:{content}" if content else f"{commit}^{{tree}}"
        listing = repository.run("ls-tree", "-z", tree, check=False)
        for entry in filter(None, listing.split("\0")):
            meta, _, name = entry.partition("\t")
            if meta.split()[1] == "tree":
                found.add(name)
    return found


def compose(repository: Repository, base: str, by_folder: Mapping[str, str], content: str) -> str:
    """A tree (the whole repository's) that is `base` with each content folder taken from its own approved
    commit (a folder its commit lacks is absent). Made in an index of its own; nothing is checked out."""
    prefix = f"{content}/" if content else ""
    with tempfile.TemporaryDirectory(prefix="duyet-index-") as folder:
        env = {"GIT_INDEX_FILE": os.path.join(folder, "index")}
        what = "Không ghép được nội dung đã duyệt của các mục"
        repository.run("read-tree", base, env=env, what=what)
        for name, commit in sorted(by_folder.items()):
            if commit == base:
                continue
            repository.run(
                "rm", "-r", "--cached", "-q", "--ignore-unmatch", "--", f"{prefix}{name}", env=env, what=what
            )
            if repository.succeeds("cat-file", "-e", f"{commit}:{prefix}{name}"):
                repository.run("read-tree", f"--prefix={prefix}{name}/", f"{commit}:{prefix}{name}", env=env, what=what)
        return repository.run("write-tree", env=env, what=what).strip()
