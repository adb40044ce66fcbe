"""Files whose bytes did not change keep their modification time from the live output.

So Last-Modified (and the 304s that depend on it) move only when a page or feed really
changed, and mirrors that compare times (rsync) copy only what changed.
"""

import os
from pathlib import Path

SKIP = ("_search",)  # the search index keeps its own segments


def keep_times(staging: Path, live: Path) -> int:
    """Copy the mtime of every identical file from `live` to `staging`; how many were identical."""
    if not live.is_dir():
        return 0
    kept = 0
    for folder, dirs, files in os.walk(staging):
        if folder == str(staging):
            dirs[:] = [d for d in dirs if d not in SKIP]
        relative = Path(folder).relative_to(staging)
        for name in files:
            new = Path(folder) / name
            old = live / relative / name
            try:
                before, after = old.stat(), new.stat()
                if os.path.samestat(before, after):  # linked from the live output (portal_writer)
                    kept += 1
                    continue
                if before.st_size != after.st_size or old.read_bytes() != new.read_bytes():
                    continue
            except OSError:
                continue
            os.utime(new, ns=(before.st_atime_ns, before.st_mtime_ns))
            kept += 1
    return kept
