"""`invoke check`: the build's reading and checking, without the writing.

Reads every file with the same reader, then runs the same checks across files as the build:
the tree (symbolic links, file types), duplicate documents, URLs and ids, relations between
documents (which document a number means, self-references, replacement loops) and the
collections. Problems come back as data, errors and warnings, in the build's words.
"""

import os
from pathlib import Path


def check_content(settings_file: Path, content: Path | None = None) -> list:
    from pelican.settings import read_settings
    from portal_collections import check_collections
    from portal_content import content_config, load
    from portal_content.checking import content_files
    from portal_content.checks import check_all
    from portal_content.files import tree_problems
    from portal_content.problems import Invalid, Problem
    from portal_content.publishing import build_moment, state_of
    from portal_legal.relations import build_graph

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
    try:
        now = build_moment(settings.get("PORTAL_TODAY"))
    except Invalid as error:  # as the build reports it
        problems.append(Problem("PORTAL_TODAY", error.message, error.hint))
        now = build_moment(None)
    built = [item for item in items if state_of(item, now).pelican_status != "skip"]
    problems.extend(build_graph([item for item in built if item.kind == "document"]).problems)
    listed = [item for item in items if state_of(item, now).listed]
    problems.extend(check_collections(root, config.doc_types, listed))
    return problems
