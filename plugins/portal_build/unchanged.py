"""The new output's last walk: files whose bytes did not change keep their modification time from
the live output, and text files get their compressed copies (portal_writer.compress).

So Last-Modified (and the 304s that depend on it) move only when a page or feed really
changed, and mirrors that compare times (rsync) copy only what changed.
"""

import os
from pathlib import Path
from typing import NamedTuple


class Walked(NamedTuple):
    kept: int  # files identical to the live output's, which keep its modification time
    pages: int  # HTML pages in the new output
    compressed: int  # files (not pages) compressed by the walk


def finish_files(staging: Path, live: Path, started: float | None = None) -> Walked:
    """One walk of the new output (at 20,000 pages each walk is a second): give every text file that
    lacks them its compressed copies (portal_writer.compress; pages have theirs already), copy the
    mtime of every identical file from `live`, and count the HTML pages. A file that differs from the
    live one but is older than `started` (a page of the spare site, older than the live version:
    spare.py) gets the time of now, so that Last-Modified never goes back.

    A file linked from the live output (portal_writer) is the same file and keeps its time already;
    only files written by this build are compared (plain strings and `os.scandir`: at 20,000 pages,
    pathlib's objects cost more than the comparisons)."""
    from portal_writer.compress import compress_missing

    compare = live.is_dir()
    kept = pages = compressed = 0
    stack = [(str(staging), str(live))]
    while stack:
        new_folder, old_folder = stack.pop()
        try:
            entries = list(os.scandir(new_folder))
        except OSError:
            continue
        names = {entry.name for entry in entries}
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, os.path.join(old_folder, entry.name)))
                continue
            if entry.name.endswith(".html"):
                pages += 1
            if compress_missing(new_folder, entry.name, names, old_folder if compare else None):
                compressed += 1
            if not compare:
                continue
            try:
                after = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if after.st_nlink > 1:  # linked from the live output: the same file, the same time
                kept += 1
                continue
            old = os.path.join(old_folder, entry.name)
            try:
                before = os.stat(old)
                same = before.st_size == after.st_size and _same_bytes(old, entry.path)
            except OSError:
                same = False
            if same:
                os.utime(entry.path, ns=(before.st_atime_ns, before.st_mtime_ns))
                kept += 1
            elif started is not None and after.st_mtime < started:
                os.utime(entry.path)  # a spare page, older than the live one it replaces
    return Walked(kept, pages, compressed)


def _same_bytes(a: str, b: str) -> bool:
    with open(a, "rb") as first, open(b, "rb") as second:
        return first.read() == second.read()
