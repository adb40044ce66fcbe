"""Precompressed copies beside every text file (`page.html.gz`, `page.html.br`), as static hosts
serve them (nginx `gzip_static` and `brotli_static`, `invoke serve`): a phone downloads a page in a
fifth of its bytes, and no server compresses the same page again for every reader.

Pages are compressed by the process that renders them; every other text file at the end of the
build (portal_build walks the new output once, for this and for the files' times). A file whose bytes
are those of the live output takes the live copies (hard links), so a rebuild compresses only what
changed. gzip's header carries no time: the same bytes always give
the same `.gz`.
"""

import gzip
import os
from pathlib import Path

import brotli

COMPRESSIBLE = {".html", ".css", ".js", ".xml", ".json", ".txt", ".csv", ".svg", ".ico"}
SMALLEST = 256  # bytes: smaller files gain nothing
ENCODINGS = (".gz", ".br")


def compressed(data: bytes) -> dict[str, bytes]:
    """The copies of `data`: ".gz" (level 9) and ".br" (quality 6, the text mode). On a 20 KB page,
    brotli's quality 9 costs 18 times quality 6 (8.7 against 0.5 ms) for 0.2 % fewer bytes."""
    return {
        ".gz": gzip.compress(data, compresslevel=9, mtime=0),
        ".br": brotli.compress(data, mode=brotli.MODE_TEXT, quality=6),
    }


def worth_compressing(path: Path, size: int) -> bool:
    return path.suffix.lower() in COMPRESSIBLE and size >= SMALLEST


def write_compressed(path: Path, data: bytes) -> dict[str, bytes]:
    """Write the copies of `data` beside `path` (none when not worth it); the copies written."""
    if not worth_compressing(path, len(data)):
        return {}
    copies = compressed(data)
    for suffix, copy in copies.items():
        with open(f"{path}{suffix}", "xb") as out:  # a new file, never written through a link
            out.write(copy)
    return copies


def link_compressed(source: str | Path, target: str | Path) -> bool:
    """Hard-link the live copies of an unchanged file; False when one is missing."""
    made = []
    for suffix in ENCODINGS:
        try:
            os.link(f"{source}{suffix}", f"{target}{suffix}")
        except OSError:
            for path in made:
                os.unlink(path)
            return False
        made.append(f"{target}{suffix}")
    return True


def compress_missing(folder: str, name: str, names: set[str], live_folder: str | None) -> bool:
    """Give the file `name` of `folder` its copies, unless it has them (`names`: the folder's files) or
    gains nothing: linked from `live_folder` when the live file has the same bytes, else compressed.
    Whether it was compressed. (Strings, not Path objects, until a file needs work: portal_build walks
    tens of thousands of files with it.)"""
    if os.path.splitext(name)[1] in ENCODINGS or all(f"{name}{s}" in names for s in ENCODINGS):
        return False
    path = Path(folder, name)
    size = path.stat().st_size
    if not worth_compressing(path, size):
        return False
    old = Path(live_folder, name) if live_folder is not None else None
    if old is not None and _same_as_live(path, old, size) and link_compressed(old, path):
        return False
    write_compressed(path, path.read_bytes())
    return True


def _same_as_live(path: Path, old: Path, size: int) -> bool:
    try:
        before = old.stat()
        if os.path.samestat(before, path.stat()):
            return True
        return before.st_size == size and old.read_bytes() == path.read_bytes()
    except OSError:
        return False
