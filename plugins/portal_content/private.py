"""What a build writes that no browser may fetch, and where: beside the output, never in it.

`output/` holds exactly what a static host may serve. The search index, the pages' fingerprints, the
servers' lists of old addresses and the chrome of the pages the services render are written into
`<output>.private/`, a folder beside it with the same name and `.private` after it. The build writes
both into one staging folder and swaps both in together (portal_build.swap.swap_release), so the index
a search answers from always belongs to the pages it links to.
"""

from pathlib import Path

SUFFIX = ".private"
SEARCH_INDEX = "search"  # the Whoosh index (search/indexer.py)


def private_of(output: str | Path) -> Path:
    """The private folder of the site in `output`: `output.private` beside it."""
    output = Path(output)
    return output.with_name(output.name + SUFFIX)


def search_index_of(output: str | Path) -> Path:
    """The embedded search index of the site in `output` (what `invoke serve` and the search service read)."""
    return private_of(output) / SEARCH_INDEX
