"""This installation's own secret: what lets a build trust what an earlier build of this installation left
on disk (the caches in `cache/`, the spare site beside `output/`).

The code is public, so a seal keyed by the code's fingerprint proves nothing: anyone who can write a file
into `cache/` can compute it. The secret is 32 random bytes made by the first build, in a file of its own
outside `cache/` (`PORTAL_SECRET_FILE`, default `.secret/seal.key` in the project), readable by the user
who builds and nobody else (0600 in a 0700 folder). Every sealed entry and the spare site's manifest are
keyed by it; an entry made without it is thrown away. Where it cannot be made or read (a read-only
project), nothing is cached and nothing is kept: builds are slower, never different.
"""

import logging
import os
import secrets
import stat
from pathlib import Path

log = logging.getLogger(__name__)

SIZE = 32  # bytes
_known: dict[str, bytes | None] = {}  # path -> the secret read from it, once per process


def secret_file(settings: dict) -> Path | None:
    value = settings.get("PORTAL_SECRET_FILE")
    return Path(value) if value else None


def installation_secret(settings: dict) -> bytes | None:
    """The secret in `PORTAL_SECRET_FILE`, made there if it is not yet; None where it cannot be had."""
    path = secret_file(settings)
    if path is None:
        return None
    key = os.path.abspath(path)
    if key not in _known:
        _known[key] = _read_or_make(Path(key))
    return _known[key]


class _Exposed(Exception):
    """The secret's file can be read or written by others: whatever it holds may be known."""


def _read_or_make(path: Path) -> bytes | None:
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    except _Exposed:
        log.warning("%s: người khác đọc hoặc ghi được tệp bí mật này; tạo tệp mới", path)
        try:
            path.unlink()
        except OSError:
            return None
    except OSError as error:
        log.warning("%s: không đọc được (%s); lần dựng này không dùng bộ nhớ đệm", path, error.strerror)
        return None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(secrets.token_bytes(SIZE))
    except FileExistsError:  # another build made it a moment ago
        pass
    except OSError as error:
        log.warning("%s: không tạo được (%s); lần dựng này không dùng bộ nhớ đệm", path, error.strerror)
        return None
    try:
        return _read(path)
    except (OSError, _Exposed):
        return None


def _read(path: Path) -> bytes | None:
    """The secret, if the file is a real file (not a link) of the right size that only its owner can read
    or write."""
    handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        found = os.fstat(handle)
        if not stat.S_ISREG(found.st_mode):
            return None
        if found.st_mode & 0o077 or found.st_uid != os.geteuid():
            raise _Exposed
        data = os.read(handle, SIZE + 1)
    finally:
        os.close(handle)
    return data if len(data) == SIZE else None
