"""Cache entries on disk, each sealed with a hash of its bytes keyed by this installation's secret (the
render cache, the read cache, the remembered citations).

An entry is written aside and renamed, so a reader (another worker, a build running beside) never
sees half of one; one changed byte (a bad disk, a hand edit) and the entry is thrown away, so a cache
can make a build slower, never different. An entry planted by someone who does not have the secret
(installation.py) is thrown away like a damaged one. Entries no build has used for a while are pruned.

An entry's modification time says when a build last used it, to a day: a build marks an entry it reads
only when the mark is older than that (12,000 `utime` calls on every rebuild were 0.5 s), and walks the
cache to prune it at most once a day (the walk and a `stat` of every entry were 1.7 s of every rebuild
at 12,000 documents).
"""

import hashlib
import hmac
import logging
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

SEAL_SIZE = 32  # bytes of the keyed hash before each entry
DAY = 86400  # seconds: how precisely an entry's last use is known, and how often the cache is pruned
PRUNED = ".pruned"  # in the cache's folder: its modification time is the last prune's


class SealedEntries:
    """`salt`: what an entry depends on besides its key (the code that made it); `installation`: this
    installation's secret (installation.py), without which nothing is read or written: the code is
    public, so a seal keyed by the code alone could be forged by anyone who can write into the folder."""

    def __init__(self, folder: Path | None, salt: bytes, what: str, installation: bytes | None):
        self.folder = Path(folder) if folder and installation else None
        self.secret = hashlib.blake2b(salt, key=(installation or b"")[:64], person=b"portal-seal").digest()
        self.what = what  # "render cache", for the log

    def path(self, key: str) -> Path:
        """Where the entry for `key` is (or would be) on disk."""
        return self.folder / key[:2] / key

    def _seal(self, key: str, payload: bytes) -> bytes:
        return hashlib.blake2b(payload, digest_size=SEAL_SIZE, key=self.secret, person=key[:16].encode()).digest()

    def read(self, key: str, decode: Callable[[bytes], object]):
        """`decode(payload)` of the entry, or None: missing, or damaged (then removed, and logged).
        `decode` raises on anything it does not expect."""
        if self.folder is None:
            return None
        path = self.path(key)
        try:
            handle = os.open(path, os.O_RDONLY)
        except OSError:
            return None
        try:
            found = os.fstat(handle)
            data = os.read(handle, found.st_size + 1)
        except OSError:
            return None
        finally:
            os.close(handle)
        seal, payload = data[:SEAL_SIZE], data[SEAL_SIZE:]
        try:
            if not hmac.compare_digest(seal, self._seal(key, payload)):
                raise ValueError("seal")
            value = decode(payload)
        except Exception:  # noqa: BLE001 - any damage at all: never trust the entry
            log.warning("%s: damaged entry %s removed", self.what, path)
            try:
                path.unlink()
            except OSError:
                pass
            return None
        if found.st_mtime < time.time() - DAY:
            try:
                os.utime(path)  # used today: kept by `prune`
            except OSError:
                pass
        return value

    def write(self, key: str, payload: bytes) -> None:
        if self.folder is None:
            return
        path = self.path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".new-")
            with os.fdopen(handle, "wb") as out:
                out.write(self._seal(key, payload) + payload)
            os.replace(temporary, path)
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower

    def prune_daily(self, days: float) -> int:
        """`prune(days)`, unless the cache was pruned less than a day ago; how many were removed."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        stamp = self.folder / PRUNED
        try:
            if stamp.stat().st_mtime > time.time() - DAY:
                return 0
        except OSError:
            pass
        removed = self.prune(days)
        try:
            stamp.touch()
        except OSError:
            pass
        return removed

    def prune(self, days: float) -> int:
        """Remove entries that no build has used for `days`; how many were removed."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        limit = time.time() - days * 86400
        removed = 0
        for shard in self.folder.iterdir():
            for entry in shard.iterdir() if shard.is_dir() else ():
                try:
                    if entry.stat().st_mtime < limit:
                        entry.unlink()
                        removed += 1
                except OSError:
                    pass
        return removed
