"""The whole portal as one WSGI application: the write path, then search, then the static site.

`invoke serve` runs it on one port; in production `portal_serve.wsgi` runs the same application
under gunicorn behind the static server (which then serves the files itself).
"""

from pathlib import Path

from portal_content.private import search_index_of
from portal_search_index import search_database


def search_app(output: Path, settings: dict, fallback=None):
    """Search alone: /tim-kiem/ (the theme's page, with results) and /api/search…"""
    from search.service import create_app

    from .compress import with_compression
    from .headers import with_security_headers
    from .pages import ThemePages

    output = Path(output)
    from portal_feedback import feedback_config

    search = create_app(
        search_index_of(output),
        ThemePages(settings, output),
        fallback,
        settings.get("SITENAME", ""),
        site_url=str(settings.get("SITEURL") or ""),
        database=search_database(settings),
    )
    return with_security_headers(with_compression(search), feedback_config(settings).trusted_proxies)


def portal_app(output: Path, settings: dict, static: bool = True):
    from portal_feedback import feedback_config
    from portal_feedback.service import create_app as feedback_app

    from search.service import create_app as search_app

    from .compress import with_compression
    from .headers import with_security_headers
    from .pages import ThemePages
    from .static import create_app as static_app

    output = Path(output)
    pages = ThemePages(settings, output)
    fallback = static_app(output) if static else None
    search = search_app(
        search_index_of(output),
        pages,
        fallback=fallback,
        site_name=settings.get("SITENAME", ""),
        site_url=str(settings.get("SITEURL") or ""),
        database=search_database(settings),
    )
    config = feedback_config(settings)
    portal = feedback_app(output, config, fallback=search, pages=pages, clock=_clock(settings))
    return with_security_headers(with_compression(portal), config.trusted_proxies)


def _clock(settings: dict):
    """PORTAL_TODAY's last second, for a site built as at that day (a preview, the tests): the write path
    then opens and closes drafts' comments as the pages do; None (the real clock) otherwise."""
    today = settings.get("PORTAL_TODAY")
    if not today:
        return None
    from portal_content.publishing import build_moment

    moment = build_moment(today)
    return lambda: moment
