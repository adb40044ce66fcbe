"""Plain Pelican, for comparison in `invoke bench`: its defaults, no plugins, its own theme.

The bench passes PATH, OUTPUT_PATH and CACHE_PATH. The content cache is on, as a site
that wants fast rebuilds would set it.
"""

SITENAME = "Pelican thuần"
SITEURL = ""
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
