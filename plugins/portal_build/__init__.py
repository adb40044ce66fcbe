"""Building the portal without ever publishing half a site (not a Pelican plugin).

`build` runs Pelican into a staging folder beside the output and swaps it in only
when the build succeeded; a failed build leaves the previous output as it was.
"""

from .build import BuildResult, build
from .swap import swap_in

__all__ = ["BuildResult", "build", "swap_in"]
