"""Replacing a folder by another in one step.

On Linux, renameat2(RENAME_EXCHANGE) swaps two directories atomically: a reader
of output/ sees the old site or the new one, never neither. Elsewhere the old
folder is renamed aside and the new one put in its place (two renames, rolled
back if the second fails).
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


def swap_in(staging: Path, target: Path, remove_later: bool = False, keep_as: Path | None = None) -> None:
    """Put `staging` where `target` is; the old target is deleted afterwards, by this process or,
    with `remove_later`, by a detached `rm` (the next build removes what it did not), or, with
    `keep_as`, renamed to that (the next build's staging folder: spare.py)."""
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):  # staging now holds the old site
        if keep_as is not None:
            _keep(staging, target, keep_as)
        elif remove_later:
            remove_in_background(staging, target)
        else:
            shutil.rmtree(staging)
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    os.rename(target, old)
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(old, target)
        raise
    if keep_as is not None:
        _keep(old, target, keep_as)
    elif remove_later:
        remove_in_background(old, target)
    else:
        shutil.rmtree(old)


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
