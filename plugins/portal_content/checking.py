"""Checking content without building: the same rules and messages as the build."""

import os

from pathlib import Path

from .checks import check_all
from .config import content_config
from .files import tree_problems
from .loading import load
from .problems import Invalid, Problem
from .publishing import build_moment, state_of

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


def check_content(settings_file: Path, content: Path | None = None) -> list:
    from pelican.settings import read_settings

    settings = read_settings(str(settings_file))
    root = Path(os.path.abspath(content or settings["PATH"]))
    config = content_config(settings)
    problems, items = tree_problems(root, list(config.static_paths), config.file_types), []
    for path in content_files(root):
        loaded = load(path, root, config)
        problems.extend(loaded.problems)
        if loaded.item is not None:
            items.append(loaded.item)
    problems.extend(check_all(items))
    from portal_collections import check_collections  # the saved queries in content/collections/

    try:
        now = build_moment(settings.get("PORTAL_TODAY"))
    except Invalid as error:  # as the build reports it
        problems.append(Problem("PORTAL_TODAY", error.message, error.hint))
        now = build_moment(None)
    listed = [item for item in items if state_of(item, now).listed]
    problems.extend(check_collections(root, config.doc_types, listed))
    return problems


__all__ = ["check_content", "content_files"]
