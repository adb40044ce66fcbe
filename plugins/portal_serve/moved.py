"""Old addresses (portal_history): `dia-chi.json` in the built site's private folder says which moved (301 to where the
item is now) and which are gone (410, with the build's page saying since when). Read again whenever a
build replaced it."""

import json
import os
from pathlib import Path

from portal_content.private import private_of
from portal_history.writing import ADDRESSES


class OldAddresses:
    def __init__(self, root: Path):
        self.path = private_of(root) / ADDRESSES
        self._seen = None
        self.moved: dict[str, str] = {}
        self.gone: dict[str, str] = {}

    def _fresh(self) -> None:
        try:
            found = os.stat(self.path)
            seen = (found.st_ino, found.st_mtime_ns, found.st_size)
        except OSError:
            seen = None
        if seen == self._seen:
            return
        self._seen = seen
        try:
            data = json.loads(self.path.read_text(encoding="utf-8")) if seen else {}
        except (OSError, ValueError):
            data = {}
        self.moved = data.get("moved", {}) if isinstance(data, dict) else {}
        self.gone = data.get("gone", {}) if isinstance(data, dict) else {}

    def answer(self, path: str) -> tuple[str, str] | None:
        """("moved", where the item is now) or ("gone", since when) for an old address; None for any other."""
        self._fresh()
        if path in self.moved:
            return "moved", self.moved[path]
        if path in self.gone:
            return "gone", self.gone[path]
        return None
