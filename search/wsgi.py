"""The search service for a WSGI server: `gunicorn 'search.wsgi:application'`.

PORTAL_OUTPUT names the built site (default: output/ beside this project); the index is
its `_search/` folder. Nothing else is served: the static server serves the site.
"""

import os
from pathlib import Path

from .service import create_app

_output = Path(os.environ.get("PORTAL_OUTPUT", Path(__file__).resolve().parent.parent / "output"))
application = create_app(_output / "_search", _output, site_name=os.environ.get("PORTAL_SITENAME", "Cổng thông tin"))
