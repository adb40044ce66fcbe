"""Finding the content files: every Markdown file under content/, never through a symbolic link."""

import os
from pathlib import Path

SUFFIXES = {".md", ".markdown"}


def content_files(content_root: Path) -> list[Path]:
    """Every Markdown file under content/, in a stable order, whatever folder it is in.

    Symbolic links are not followed nor listed (`files.tree_problems` reports each one).
    """
    found = []
    for folder, dirs, files in os.walk(content_root):
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(folder, d))]
        for name in files:
            path = Path(folder) / name
            if path.suffix.lower() in SUFFIXES and not path.is_symlink():
                found.append(path)
    return sorted(found)


__all__ = ["content_files"]
