"""The theme's pages that the services fill for each request: the search page with its results,
the write path's receipt and its list of problems.

They are the theme's Jinja templates, rendered with the same settings, options and filters as the
build renders every other page, plus what the request brings (`search`, `receipt`, `refused`).
Nothing is spliced into built HTML.
"""

from pathlib import Path


class ThemePages:
    """`output`: the built site, whose private folder's `chrome.json` (portal_feedback.write_chrome) gives the pages the
    footer every static page has."""

    def __init__(self, settings: dict, output: Path | None = None):
        from jinja2 import Environment, FileSystemLoader
        from portal_assets import assets_for
        from portal_content.private import private_of
        from portal_feedback import CHROME
        from portal_i18n import install as install_translations
        from portal_text import FILTERS

        self.output = Path(output) if output else None
        self.chrome_path = private_of(self.output) / CHROME if self.output else None  # read once it changes
        self._chrome: tuple = (None, None)  # (the file's mtime_ns, what it holds)

        options = dict(settings.get("JINJA_ENVIRONMENT", {}))
        self.env = Environment(loader=FileSystemLoader(str(Path(settings["THEME"]) / "templates")), **options)
        self.env.filters.update(FILTERS)
        self.env.globals["asset"] = assets_for(settings).url
        install_translations(self.env, settings)
        self.context = {key: value for key, value in settings.items() if key.isupper()}

    def render(self, name: str, **values) -> str:
        """The template `name` (e.g. "search.html") with the settings and `values`."""
        return self.env.get_template(name).render({**self.context, "chrome": self.chrome(), **values})

    def chrome(self):
        """The site's header and footer parts, read again when a build has rewritten them."""
        import json
        from types import SimpleNamespace

        if self.chrome_path is None:
            return None
        path = self.chrome_path
        try:
            stamp = path.stat().st_mtime_ns
            if stamp != self._chrome[0]:
                data = json.loads(path.read_text(encoding="utf-8"))
                portals = tuple((str(name), str(address)) for name, address in data.get("unit_portals", ()))
                languages = tuple((str(lang), str(url)) for lang, url in data.get("language_entries", ()))
                value = SimpleNamespace(
                    leaders=bool(data.get("leaders")),
                    units=bool(data.get("units")),
                    unit_portals=portals,
                    language_entries=languages,
                )
                self._chrome = (stamp, value)
        except (OSError, ValueError, TypeError, AttributeError):
            return None
        return self._chrome[1]


def theme_pages(settings_file: Path | None = None) -> ThemePages:
    """The pages of the settings file given (default: the project's pelicanconf.py)."""
    from pelican.settings import read_settings

    root = Path(__file__).resolve().parent.parent.parent
    return ThemePages(read_settings(str(settings_file or root / "pelicanconf.py")))
