"""The portal's languages: Vietnamese, and English for the pages Nghị định 42/2022/NĐ-CP asks for
(the agency's introduction, functions and tasks, organisation and contacts).

Interface text in the templates is Vietnamese, inside `_()` (Jinja's i18n extension). The catalogue
of each other language, `theme/translations/<lang>/LC_MESSAGES/messages.po` (Babel's format; `invoke
translations` extracts the messages and updates it), gives its text. A page is rendered in its own
language: base.html sets `page_lang` from the item (`lang: en` in its header), and `_()`, the
`local_date` and `local_datetime` filters and the agency's names (`PORTAL_AGENCY["en"]`) follow it.
Vietnamese pages come out exactly as without this plugin.
"""

from datetime import date, datetime
from functools import cache
from pathlib import Path

from jinja2 import pass_context

__all__ = ["DEFAULT", "LANGUAGES", "catalogue", "install", "register"]

DEFAULT = "vi"
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}  # what `lang:` may say, and how the switch names each


def catalogue_path(theme: Path, lang: str) -> Path:
    return Path(theme) / "translations" / lang / "LC_MESSAGES" / "messages.po"


@cache
def _read(path: str, stamp: tuple) -> dict[str, str]:
    from babel.messages.pofile import read_po

    with open(path, "rb") as handle:
        found = read_po(handle)
    return {m.id: m.string for m in found if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}


def catalogue(theme: Path, lang: str) -> dict[str, str]:
    """msgid -> translation of `lang` (read again when the file changes: the preview rebuilds in one process)."""
    path = catalogue_path(theme, lang)
    try:
        info = path.stat()
    except OSError:
        return {}
    return _read(str(path), (info.st_mtime_ns, info.st_size))


def _language(context) -> str:
    """The page's language: base.html's `page_lang`, else (in a macro imported with the context before
    base.html set it) the language of the item the page shows."""
    lang = context.get("page_lang")
    if lang is None:
        item = context.get("article") or context.get("page")
        lang = getattr(getattr(item, "record", None), "lang", None)
    return lang if lang in LANGUAGES else DEFAULT


def install(env, settings: dict) -> None:
    """`_()`, `gettext`, `ngettext` and the date filters of `env`, following each page's language."""
    theme = Path(settings["THEME"])
    # read once here (each build, each start of the service), not at every `_()` of every page
    translations = {lang: catalogue(theme, lang) for lang in LANGUAGES if lang != DEFAULT}

    @pass_context
    def gettext(context, message: str) -> str:
        lang = _language(context)
        return message if lang == DEFAULT else translations[lang].get(message, message)

    @pass_context
    def ngettext(context, singular: str, plural: str, count: int) -> str:
        return gettext(context, singular if count == 1 else plural)

    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.globals["LANGUAGES"] = LANGUAGES  # how the language switch names each
    env.filters["local_date"] = local_date
    env.filters["local_datetime"] = local_datetime


@pass_context
def local_date(context, value: date | datetime | None) -> str:
    """A day as the page's reader writes it: 22/05/2012 in Vietnamese, 22 May 2012 in English."""
    from portal_text import vn_date

    if value is None or _language(context) == DEFAULT:
        return vn_date(value)
    return f"{value.day} {value:%B} {value.year}"


@pass_context
def local_datetime(context, value: datetime | None) -> str:
    """A moment with its weekday: "Thứ tư, 25/06/2014 13:46", or "Wednesday, 25 June 2014 13:46"."""
    from portal_text import vn_weekday_datetime

    if value is None or _language(context) == DEFAULT:
        return vn_weekday_datetime(value)
    return f"{value:%A}, {value.day} {value:%B} {value.year} {value:%H:%M}"


def add_translations(generator) -> None:
    install(generator.env, generator.settings)


def register() -> None:
    from pelican import signals

    signals.generator_init.connect(add_translations)
