"""The interface text to translate, and the catalogues that translate it (`invoke translations`).

The messages are every `_()` of the theme's templates (Babel's Jinja extractor) and the labels of
`PORTAL_NAVIGATION`. `update` adds the new ones to each language's catalogue with an empty
translation, keeps the translations already written, and drops what no template says any more;
`untranslated` is what a catalogue still lacks (tests/test_english.py fails on any).
"""

from pathlib import Path

from . import DEFAULT, LANGUAGES, catalogue, catalogue_path

__all__ = ["messages", "untranslated", "update"]

TEMPLATES = [("**.html", "jinja2"), ("**.xml", "jinja2")]
OPTIONS = {"**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}


def messages(theme: Path, settings: dict) -> dict[str, list[str]]:
    """msgid -> where it is said ("templates/base.html:70", "pelicanconf.py PORTAL_NAVIGATION")."""
    from babel.messages.extract import extract_from_dir

    found: dict[str, list[str]] = {}
    folder = Path(theme) / "templates"
    for name, line, message, _comments, _context in extract_from_dir(str(folder), TEMPLATES, OPTIONS):
        if isinstance(message, str) and message:
            found.setdefault(message, []).append(f"templates/{name}:{line}")
    for label, _url in settings.get("PORTAL_NAVIGATION", ()):
        found.setdefault(label, []).append("pelicanconf.py PORTAL_NAVIGATION")
    return found


def untranslated(theme: Path, settings: dict, lang: str) -> list[str]:
    translated = catalogue(theme, lang)
    return [f"{msgid} ({where[0]})" for msgid, where in messages(theme, settings).items() if msgid not in translated]


def update(theme: Path, settings: dict) -> dict[str, int]:
    """Every language's catalogue brought up to the templates; how many messages each still lacks."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    wanted = messages(theme, settings)
    lacking = {}
    for lang in (code for code in LANGUAGES if code != DEFAULT):
        path = catalogue_path(theme, lang)
        old, created = {}, None
        if path.is_file():
            with path.open("rb") as handle:
                before = read_po(handle)
            old, created = {m.id: m.string for m in before if m.id}, before.creation_date
        # the header stays as it was (no new date each run): the theme's files are in every page's fingerprint
        fresh = Catalog(
            locale=lang,
            project="Cổng thông tin điện tử",
            version="1",
            copyright_holder="the portal's authors (AGPL-3.0-or-later)",
            msgid_bugs_address="",
            creation_date=created,
            revision_date=created,
            last_translator="",
            language_team="",
            fuzzy=False,
        )
        for msgid, where in sorted(wanted.items()):
            locations = [(w.rsplit(":", 1)[0], int(w.rsplit(":", 1)[1])) if ":" in w else (w, 0) for w in where]
            fresh.add(msgid, old.get(msgid, ""), locations=locations)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, fresh, width=100, omit_header=False, sort_output=True)
        lacking[lang] = sum(1 for msgid in wanted if not old.get(msgid))
    return lacking
