"""Replacing a folder by another in one step.

On Linux, renameat2(RENAME_EXCHANGE) swaps two directories atomically: a reader
of output/ sees the old site or the new one, never neither. Elsewhere the old
folder is renamed aside and the new one put in its place (two renames, rolled
back if the second fails).

A build's release is two folders, the site and its private folder beside it (the search
index, the servers' files: portal_content.private). `swap_release` puts both in, the private
one first and the site a moment later (two exchanges, microseconds apart), and puts the
private one back if the site cannot follow: a failed swap leaves the live pair as it was.
"""

import ctypes
import ctypes.util
import os
import shutil
import time
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths; False where the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def _put(new: Path, target: Path) -> bool:
    """Put `new` where `target` is; the old target, if there was one, is then at `new` (True)."""
    if not target.exists():
        os.rename(new, target)
        return False
    if _exchange(new, target):
        return True
    aside = target.with_name(f".{target.name}.old-{os.getpid()}-{time.monotonic_ns()}")
    os.rename(target, aside)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(aside, target)
        raise
    os.rename(aside, new)
    return True


def swap_release(release: Path, output: Path, keep_as: Path | None = None) -> None:
    """Put the site `release/<output's name>` at `output` and its private folder beside it (both made by a
    build into the folder `release`). The live pair that they replace is left in `release`, which is then
    renamed to `keep_as` (the next build's staging folder: spare.py) or removed in the background."""
    from portal_content.private import private_of

    site, private = release / output.name, private_of(release / output.name)
    private.mkdir(exist_ok=True)
    live_private = private_of(output)
    had_private = _put(private, live_private)
    try:
        _put(site, output)
    except OSError:
        if had_private:
            _put(private, live_private)
        else:
            os.rename(live_private, private)
        raise
    if keep_as is not None:
        _keep(release, output, keep_as)
    else:
        remove_in_background(release, output)


def swap_in(staging: Path, target: Path, remove_later: bool = False, keep_as: Path | None = None) -> None:
    """Put `staging` where `target` is; the old target is deleted afterwards, by this process or,
    with `remove_later`, by a detached `rm` (the next build removes what it did not), or, with
    `keep_as`, renamed to that (the next build's staging folder: spare.py)."""
    if not _put(staging, target):
        return
    if keep_as is not None:  # staging now holds the old site
        _keep(staging, target, keep_as)
    elif remove_later:
        remove_in_background(staging, target)
    else:
        shutil.rmtree(staging)


def _keep(old: Path, target: Path, keep_as: Path) -> None:
    if keep_as.exists() or keep_as.is_symlink():
        remove_in_background(keep_as, target)
    try:
        os.rename(old, keep_as)
    except OSError:
        remove_in_background(old, target)


def remove_in_background(folder: Path, target: Path) -> None:
    """Remove `folder`, an old version of `target`. Unlinking tens of thousands of files and folders
    costs seconds the build need not wait for: the folder is renamed as an old output (so the next
    build's leftovers check knows it) and an `rm` that outlives this process removes it."""
    import subprocess

    old = target.with_name(f".{target.name}.old-{os.getpid()}-{time.monotonic_ns()}")
    try:
        os.rename(folder, old)
        subprocess.run(  # the shell returns at once; its `rm` goes on alone
            ["sh", "-c", 'rm -rf -- "$0" >/dev/null 2>&1 &', str(old)],
            check=True,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    except (OSError, subprocess.CalledProcessError):
        shutil.rmtree(old if old.exists() else folder, ignore_errors=True)
