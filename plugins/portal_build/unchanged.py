"""Files whose bytes did not change keep their modification time from the live output.

So Last-Modified (and the 304s that depend on it) move only when a page or feed really
changed, and mirrors that compare times (rsync) copy only what changed.
"""

import os
from pathlib import Path

SKIP = ("_search",)  # the search index keeps its own segments


def keep_times(staging: Path, live: Path) -> int:
    """Copy the mtime of every identical file from `live` to `staging`; how many were identical.

    A file linked from the live output (portal_writer) is the same file and keeps its time already;
    only files written by this build are compared (plain strings and `os.scandir`: at 20,000 pages,
    pathlib's objects cost more than the comparisons)."""
    if not live.is_dir():
        return 0
    kept = 0
    stack = [(str(staging), str(live), True)]
    while stack:
        new_folder, old_folder, top = stack.pop()
        try:
            entries = list(os.scandir(new_folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if not (top and entry.name in SKIP):
                    stack.append((entry.path, os.path.join(old_folder, entry.name), False))
                continue
            try:
                after = entry.stat(follow_symlinks=False)
                if after.st_nlink > 1:  # linked from the live output: the same file, the same time
                    kept += 1
                    continue
                old = os.path.join(old_folder, entry.name)
                before = os.stat(old)
                if before.st_size != after.st_size or not _same_bytes(old, entry.path):
                    continue
            except OSError:
                continue
            os.utime(entry.path, ns=(before.st_atime_ns, before.st_mtime_ns))
            kept += 1
    return kept


def _same_bytes(a: str, b: str) -> bool:
    with open(a, "rb") as first, open(b, "rb") as second:
        return first.read() == second.read()
