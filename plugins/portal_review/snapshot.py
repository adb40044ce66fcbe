"""The content folder as an approved commit has it, in a folder of its own that the public build reads.

git writes it (`read-tree --reset -u` against an index kept beside it): only files that differ from the
last snapshot are rewritten, so the build's caches see what really changed, and anything else found in
the folder (a file put there by hand, a half-written one) is removed before the build reads it.
"""

from pathlib import Path

from .git import Repository

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git knows it in every repository


def snapshot(repository: Repository, commit: str, content: str, folder: Path) -> Path:
    """Make `folder/content` hold exactly the content folder of `commit` (a commit or a tree); return it."""
    tree = folder / "content"
    tree.mkdir(parents=True, exist_ok=True)
    env = {"GIT_DIR": str(repository.git_dir), "GIT_WORK_TREE": str(tree), "GIT_INDEX_FILE": str(folder / "index")}
    source = f"{commit}:{content}" if content else f"{commit}^{{tree}}"
    if not repository.succeeds("cat-file", "-e", source):  # the approved state has no content folder yet
        source = EMPTY_TREE
    what = "Không lấy được nội dung đã duyệt từ kho git"
    repository.run("read-tree", "--reset", "-u", source, env=env, at=tree, what=what)
    repository.run("clean", "-fdxq", env=env, at=tree, what=what)
    return tree
