"""The previous site, kept beside the output as the next build's staging folder.

A rebuild's staging folder is a whole new tree: every page is a file in a folder of its own, and
every page that did not change is a hard link to the live one. At 21,000 pages, creating the folders
alone took 3–4 s of every rebuild, and removing the old site after the swap as long again, on the
same disk while the next build ran. So the release that the swap replaces (the site and its private
folder, portal_content.private) is not removed: it is kept as `.<output>.spare`, and the next build
starts from it.

The spare's private folder holds its pages' fingerprints (`pages.json`, portal_writer). Before Pelican
runs, everything in the spare that is neither one of those pages (or a compressed copy of one) nor that
manifest is removed: feeds, the search index, assets, open data are written again as in any build.
The writer then keeps a spare page whose fingerprint is the one it would write, replaces the others
(never writing through a file: a page that changes is a new file), and removes the spare pages this
build does not write. Folders left empty are removed at the end, so the staging folder holds exactly
what a build into an empty folder would (tests/test_incremental_proof.py compares the two).

The spare is used only if this installation made it (the manifest is sealed with its secret, and every
page kept must still have the bytes the manifest records: a page replaced beside the build is rendered
again, never published) and today's code made it (the manifest's `code`): with other code, a page of
the writer could have become a file that another writer writes in place. Its pages are kept only if
their fingerprints (which cover templates and settings too) are today's. A failed build discards the
spare (the next build starts from an empty folder, as the first one did).
"""

import os
import shutil
from pathlib import Path

from .swap import remove_in_background


def spare_of(output: Path) -> Path:
    return output.with_name(f".{output.name}.spare")


def take_spare(output: Path, release: Path) -> bool:
    """Put the spare of `output` at `release` (an empty folder); whether there was one. A spare is a
    release: the site, as `release/<output's name>`, and its private folder beside it."""
    from portal_content.private import private_of

    spare = spare_of(output)
    if not spare.is_dir() or spare.is_symlink():
        return False
    site = spare / output.name
    if not (site.is_dir() and not site.is_symlink() and private_of(site).is_dir()):  # not a release: older code
        remove_in_background(spare, output)
        return False
    try:
        os.rename(spare, release)  # onto an empty folder: replaces it
    except OSError:
        remove_in_background(spare, output)
        return False
    return True


def trim_to_pages(staging: Path, output: Path, code: str, key: bytes | None) -> set[str] | None:
    """Leave in `staging` (the spare's site) only the pages its manifest (in the private folder beside it)
    lists, with their copies, and in the private folder only the manifest, if the manifest is sealed with
    this installation's secret `key` (portal_writer.manifest) and its `code`
    (portal_writer.fingerprint.code_digest) is `code`; a page whose bytes (or copies) are not those the
    manifest records is removed too. The folders files were removed from. None when the staging folder
    cannot be used: it is then emptied (in the background) and left as a new empty folder."""
    from portal_content.private import private_of
    from portal_writer.compress import ENCODINGS
    from portal_writer.manifest import MANIFEST, digest_on_disk, read_manifest, write_manifest

    private = private_of(staging)
    manifest = private / MANIFEST
    data = read_manifest(manifest, key)
    for entry in os.scandir(private):  # the index and the servers' files are made again by every build
        if entry.name != MANIFEST:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
    pages = data["pages"] if data is not None and data.get("code") == code else None
    if not isinstance(pages, dict):
        remove_in_background(staging, output)
        staging.mkdir()
        manifest.unlink(missing_ok=True)
        return None
    digests = data["digests"]
    keep = set()
    for name in pages:
        keep.add(name)
        keep.update(name + suffix for suffix in ENCODINGS)
    emptied, present = set(), set()
    top = os.fspath(staging)
    stack = [(top, "")]
    while stack:
        folder, relative = stack.pop()
        entries = list(os.scandir(folder))
        if not entries:
            emptied.add(folder)  # empty already: a build into an empty folder would not make it
        for entry in entries:
            path = relative + entry.name
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, path + "/"))
            elif path in keep and not entry.is_symlink():  # a page is a file, never a link to one
                present.add(path)
            else:
                os.unlink(entry.path)
                emptied.add(folder)
    # a page kept must be whole, and as the build that made it wrote it: the page and both copies (or a
    # page too small to have copies), their bytes those the sealed manifest records
    whole = {}
    for name, fingerprint in pages.items():
        copies = sum(name + suffix in present for suffix in ENCODINGS)
        if (
            name in present
            and copies in (0, len(ENCODINGS))
            and digests.get(name) is not None
            and digest_on_disk(os.path.join(top, name)) == digests[name]
        ):
            whole[name] = fingerprint
            continue
        for path in (name, *(name + suffix for suffix in ENCODINGS)):
            if path in present:
                os.unlink(os.path.join(top, path))
                emptied.add(os.path.dirname(os.path.join(top, path)))
    if len(whole) != len(pages):
        write_manifest(manifest, data["base"], data["code"], whole, {n: digests[n] for n in whole}, key, data["reads"])
    return emptied


def remove_empty_folders(root: Path, folders) -> None:
    """Remove each of `folders` (inside `root`) that is empty, and then each parent left empty."""
    top = os.fspath(root)
    for folder in sorted({os.fspath(f) for f in folders}, key=len, reverse=True):
        while folder != top and folder.startswith(top + os.sep):
            try:
                os.rmdir(folder)
            except OSError:  # not empty (or gone): so are its parents
                break
            folder = os.path.dirname(folder)
