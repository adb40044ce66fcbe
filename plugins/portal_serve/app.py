"""The whole portal as one WSGI application: the write path, then search, then the static site.

`invoke serve` runs it on one port; in production `portal_serve.wsgi` runs the same application
under gunicorn behind the static server (which then serves the files itself).
"""

from pathlib import Path


def portal_app(output: Path, settings: dict, static: bool = True):
    from portal_feedback import feedback_config
    from portal_feedback.service import create_app as feedback_app

    from search.service import create_app as search_app

    from .static import create_app as static_app

    output = Path(output)
    fallback = static_app(output) if static else None
    search = search_app(output / "_search", output, fallback=fallback, site_name=settings.get("SITENAME", ""))
    return feedback_app(output, feedback_config(settings), fallback=search)
