"""Production settings: pelicanconf.py plus what differs when publishing.

`invoke publish` builds with these; set SITEURL to the portal's public address.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *

SITEURL = os.environ.get("PORTAL_SITEURL", "https://stttt.quangngai.gov.vn")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL  # absolute links in RSS/Atom
