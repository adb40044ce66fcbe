"""Search and the write path for a WSGI server:

    gunicorn --pythonpath /srv/portal,/srv/portal/plugins 'portal_serve.wsgi:application'

PORTAL_OUTPUT names the built site (default: output/ beside this project); PORTAL_SETTINGS the
settings file (default: publishconf.py, then pelicanconf.py). The static server serves the site's
files; `application` serves /tim-kiem/, /api/search…, /api/gop-y, /api/hoi-dap and /phan-hoi/da-nhan/;
`search_application` only /tim-kiem/ and /api/search…, for replicas that only search.
"""

import os
from pathlib import Path

from pelican.settings import read_settings

from .app import portal_app, search_app

_root = Path(__file__).resolve().parent.parent.parent
_settings_file = Path(os.environ.get("PORTAL_SETTINGS") or (_root / "publishconf.py"))
if not _settings_file.is_file():
    _settings_file = _root / "pelicanconf.py"
_output = Path(os.environ.get("PORTAL_OUTPUT", _root / "output"))
_settings = read_settings(str(_settings_file))
application = portal_app(_output, _settings, static=False)
# search alone (no write path), for replicas that only search: 'portal_serve.wsgi:search_application'
search_application = search_app(_output, _settings)
