"""The read phase on Pelican's side: a reader for our Markdown files, which fills the run's `Reading`
(run.py), and `finish_reading`, which closes it into the run's frozen `Records`.

The reader never raises: a file with problems is recorded and skipped, and the build is stopped after
every file has been read and the site model made (portal_site), so that one run lists every problem.
"""

import os
import re
from pathlib import Path

from pelican.readers import BaseReader

from .checks import check_all
from .files import observed_paths, real_file_in, tree_problems, type_problem
from .loading import kind_of, load, unreadable_file
from .model import DOCUMENT, LEADER, NEWS, QUESTION, UNIT, record_digest
from .problems import Problem
from .publishing import far_ahead, state_of
from .rendering import link_local_files
from .run import Records, Run, current_run, frozen_mapping

TEMPLATES = {NEWS: "news", DOCUMENT: "document", "page": "page", QUESTION: "qa", LEADER: "leader", UNIT: "unit"}


def kept_readable(relative: str) -> bool:
    """Whether what reading this file gives may be kept in the read cache: not a hỏi đáp, which holds what
    a citizen wrote (personal data must leave the disk with its file, not at the next prune)."""
    return kind_of(relative.replace(os.sep, "/")) != QUESTION


class PortalMarkdownReader(BaseReader):
    enabled = True
    file_extensions = ("md", "markdown")

    def read(self, source_path):
        run = current_run()
        reading = run.reading
        path = Path(os.path.abspath(source_path))
        try:
            read = read_file(run, path)
        except Exception as error:  # noqa: BLE001 - a file is published or reported, never lost
            relative = os.path.relpath(path, run.setup.content_root).replace(os.sep, "/")
            reading.problems.append(unreadable_file(relative, error))
            return "", {"title": relative, "status": "skip"}
        reading.problems.extend(read["problems"])
        item = read["item"]
        if item is None:
            reading.broken_numbers.update(read["broken_numbers"])  # its number exists, though the file is broken
            return "", {"title": read["source_path"], "status": "skip"}
        reading.items.append(item)
        publishing = state_of(item, run.now)
        metadata = {
            "title": item.title,
            "date": item.date,
            "slug": item.slug,
            "status": publishing.pelican_status,
            "url": item.url,
            "save_as": item.url + "index.html",
            "template": TEMPLATES[item.kind],
            "record": item,
            "publishing": publishing,
            # no Pelican "tags" or "category": chuyên mục, kinds and tags come from the site model, and
            # Pelican's own bookkeeping of them compared every article with every other (tags 4.5 s,
            # categories 2.7 s at 12,000 items)
        }
        if item.modified:
            metadata["modified"] = item.modified
        if item.summary:
            metadata["summary"] = item.summary
        if publishing.pelican_status == "skip":
            return "", metadata
        metadata["body_text"] = read["text"]  # for the search index
        reading.problems.extend(read["link_problems"])
        return read["html"], metadata


def read_file(run: Run, path: Path) -> dict:
    """One file read: its record (None when broken), its problems and its body rendered with its links
    checked (not for drafts). From the read cache while the file, the code and every file it names
    are as they were; else read now, with the paths the checks looked at kept beside."""
    setup, reading = run.setup, run.reading
    relative = os.path.relpath(path, setup.content_root)
    key = reading.read_keys.pop(str(path), None)  # the bytes render_ahead read moments ago, kept
    kept = setup.read_cache.get(key) if key is not None else None
    data = None
    if kept is None:
        try:
            data = path.read_bytes()
        except OSError:
            data = None
        key = setup.read_cache.key(relative, data) if data is not None and kept_readable(relative) else None
        kept = setup.read_cache.get(key) if key is not None else None
    if kept is not None:
        read, digest = kept
        if read["html"] is not None:
            reading.bodies_kept += 1
        if read["item"] is not None:
            reading.record_digests[read["source_path"]] = digest or record_digest(read["item"])
        return read
    with observed_paths() as seen:
        loaded = load(path, setup.content_root, setup.config, data)
        item = loaded.item
        read = {
            "source_path": loaded.source_path,
            "item": item,
            "problems": list(loaded.problems),
            "broken_numbers": (
                sorted(numbers_written_in(str(path)))
                if item is None and kind_of(loaded.source_path) == DOCUMENT
                else []
            ),
            "html": None,
            "text": None,
            "link_problems": [],
        }
        if item is not None and item.status != "draft":  # scheduled ones too: they go live by themselves
            rendered = setup.render_cache.render(item.body)
            html, problems = link_local_files(rendered.html, item.source_path, setup.content_root)
            read.update(html=html, text=rendered.text, link_problems=problems)
    digest = record_digest(item) if item is not None else None
    if digest is not None:
        reading.record_digests[read["source_path"]] = digest
    if key is not None:
        setup.read_cache.put(key, read, seen, digest)
    return read


def finish_reading(run: Run, failed: tuple[str, ...] = ()) -> Records:
    """After Pelican has read every file: the cross-file checks, and the run's reading closed into its
    frozen records. `failed`: the files Pelican itself could not process after our reader read them (it
    logs them in English and skips them): each becomes a problem, so no document leaves the portal
    without a word."""
    setup, reading = run.setup, run.reading
    problems = list(tree_problems(setup.content_root, list(setup.config.static_paths), setup.config.file_types))
    problems += reading.problems
    for path in failed:
        problems.append(
            Problem(
                path,
                "tệp này không được dựng thành trang (Pelican không xử lý được).",
                "Kiểm tra phần đầu: giá trị có ký tự lạ, số hoặc tên quá dài? Sửa rồi chạy lại; "
                "nếu tệp đã đúng mà vẫn lỗi, báo người quản trị kèm tệp này.",
            )
        )
    for path in setup.files:
        if kind_of(path.relative_to(setup.content_root).as_posix()) is None:
            problems.extend(load(path, setup.content_root, setup.config).problems)
    problems.extend(check_all(reading.items))
    problems.extend(far_ahead(reading.items, run.now))
    records = Records(
        items=tuple(reading.items),
        record_digests=frozen_mapping(reading.record_digests),
        problems=tuple(problems),
        broken_numbers=frozenset(reading.broken_numbers),
        bodies=reading.bodies(),
    )
    return run.close_reading(records)


def settled(problems, broken_numbers: frozenset[str]) -> tuple[Problem, ...]:
    """The build's problems as reported: each once, and none that only says a broken file's number is
    not on the portal (one broken file must not make the others warn)."""
    return tuple(p for p in _once(list(problems)) if p.about is None or p.about not in broken_numbers)


_NUMBER_LINE = re.compile(r"^number:\s*[\"']?([^\"'#\n]+?)[\"']?\s*(?:#.*)?$", re.MULTILINE)


def numbers_written_in(path: str) -> set[str]:
    """The number a document file gives, read as plain text (its YAML may be what is broken)."""
    from search.numbers import number_key

    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    return {number_key(match[1]) for match in _NUMBER_LINE.finditer(text) if match[1].strip()}


def _once(problems: list[Problem]) -> list[Problem]:
    """Each problem once: the source is checked before rendering and the page after it, and both
    may see the same link (the one that names its line is kept)."""
    kept: dict[tuple, Problem] = {}
    for problem in problems:
        key = (problem.path, problem.message, problem.field, problem.severity)
        if key not in kept or (problem.line and not kept[key].line):
            kept[key] = problem
    return list(kept.values())


def refuse_unsafe_files(generator) -> None:
    """Drop from Pelican's static files any that may not be published, each reported once.

    The files under STATIC_PATHS were checked with the whole tree (`finish`); this catches
    the rest (a file beside a Markdown file that a body links to), and guarantees that no
    file outside content/ or behind a symbolic link is ever copied, whoever asked for it.
    """
    run = current_run()
    root, config, problems = run.setup.content_root, run.setup.config, run.reading.problems
    static = tuple(Path(os.path.normpath(root / folder)) for folder in config.static_paths)
    kept = []
    for entry in generator.staticfiles:
        source = Path(os.path.normpath(os.path.join(generator.path, entry.source_path)))
        relative = os.path.relpath(source, root).replace(os.sep, "/")
        if real_file_in(root, source) is None:
            problems.append(
                Problem(
                    relative,
                    "tệp này nằm ngoài thư mục content/ hoặc đi qua một liên kết tượng trưng (symlink), "
                    "cổng không đăng.",
                    "Chép tệp cần đăng vào content/files/ và liên kết tới nó.",
                )
            )
            continue
        refused = type_problem(source, relative, config.file_types)
        if refused:
            if not any(source.is_relative_to(folder) for folder in static):
                problems.append(refused)
            continue
        kept.append(entry)
    generator.staticfiles[:] = kept
    generator.context["staticfiles"] = kept
