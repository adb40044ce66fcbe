"""A listing's pages, numbered from its oldest item, so that a page's items never move.

A listing's own address (its front page) shows the newest items. Behind it, the archive is cut into full
pages of `per_page` items counted from the oldest: page 1 holds the oldest, page 2 the next, and a page is
written once it is full. Publishing a new item changes the front page and, every `per_page` items, adds a
page: the pages already there keep their items and their address, so a build rewrites two or three
listing pages, not every page of every listing the item is in (9,500 pages at 10,000 documents when page
2 was "the second newest page"). Each page lists its items newest first, as the front page does.

Until 12/2026 pages were numbered from the newest (`…/trang/2/` was the second newest page); those
addresses redirect to the page that now holds what they showed (`renumbered`).
"""

from dataclasses import dataclass

from portal_content.model import DOCUMENT

ARCHIVE = "luu-tru/"  # "<listing>/luu-tru/<n>/": the n-th full page counted from the oldest item
OLD_PAGES = "trang/"  # "<listing>/trang/<n>/": the n-th page counted from the newest, before 12/2026
NEAR = 2  # numbered links either side of the current page


@dataclass(frozen=True)
class PageLink:
    """One link of a listing's pagination: "Mới nhất" (the front page) or a page's number."""

    label: str
    url: str  # from the site root
    number: int | None  # the page's number; None: "Mới nhất", the front page
    current: bool = False
    after_gap: bool = False  # pages between this one and the link before it are not linked: "…"


@dataclass(frozen=True)
class ListingPage:
    """One page of a listing: the front page (`number` None) or one full page of its archive."""

    url: str  # from the site root, ending in "/"
    number: int | None  # the page's place counted from the oldest; None: the front page, the newest items
    items: tuple  # newest first
    total: int | None  # how many items the listing has: said on the front page only, which shows the newest
    newer: str | None  # the page with the next newer items (None on the front page)
    older: str | None  # the page with the next older items (None on page 1)
    links: tuple[PageLink, ...] = ()  # the pagination: the front page, the neighbours, and page 1


def per_page(settings: dict, kind: str) -> int:
    """How many items a page of a listing of `kind` shows (PORTAL_LISTINGS in pelicanconf.py): documents are
    a table of short rows, so they may be more to a page."""
    key = "documents_per_page" if kind == DOCUMENT else "per_page"
    size = settings.get(key, 10)
    # a size that is not a positive whole number is reported by the settings' check (settings_check.py), which
    # stops the build once every problem is known; until then the pages are cut by ten
    return size if isinstance(size, int) and not isinstance(size, bool) and size > 0 else 10


def archive_url(listing_url: str, number: int) -> str:
    return f"{listing_url}{ARCHIVE}{number}/"


def full_pages(count: int, size: int) -> int:
    """How many full pages a listing of `count` items has behind its front page."""
    return count // size if count > size else 0


def listing_pages(url: str, items: tuple, size: int) -> tuple[ListingPage, ...]:
    """The front page and every full page of the archive of a listing at `url` whose `items` are newest
    first."""
    count = len(items)
    full = full_pages(count, size)
    oldest_first = items[::-1]
    # the first item the front page does not show is on this page (page `full` itself when some newer
    # items are not on a full page yet; else the front page shows page `full` exactly)
    behind_front = (count - size - 1) // size + 1 if count > size else None

    def page_url(number: int | None) -> str:
        return url if number is None else archive_url(url, number)

    def links(current: int | None) -> tuple[PageLink, ...]:
        """ "Mới nhất", the pages either side of the current one (below it only, from the front page) and
        page 1; after_gap where pages between are not linked (not counting those the front page shows)."""
        if full == 0:
            return ()
        if current is None:
            near = range(behind_front, max(behind_front - NEAR, 1) - 1, -1)
        else:
            near = range(min(current + NEAR, full), max(current - NEAR, 1) - 1, -1)
        numbers = [*dict.fromkeys([*near, 1])]
        shown = [PageLink("Mới nhất", url, None, current is None)]
        before = behind_front + 1
        for n in numbers:
            shown.append(PageLink(str(n), page_url(n), n, n == current, after_gap=n < before - 1))
            before = n
        return tuple(shown)

    front_older = page_url(behind_front) if behind_front else None
    pages = [ListingPage(url, None, items[:size], count, None, front_older, links(None))]
    for number in range(1, full + 1):
        chunk = oldest_first[(number - 1) * size : number * size][::-1]
        newer = page_url(number + 1) if number < full else url
        older = page_url(number - 1) if number > 1 else None
        pages.append(ListingPage(page_url(number), number, tuple(chunk), None, newer, older, links(number)))
    return tuple(pages)


def renumbered(url: str, count: int, size: int) -> dict[str, str]:
    """The addresses this listing's pages had when they were numbered from the newest ("<url>trang/<n>/",
    n ≥ 2), each to the page that now holds its first item (the n-th page's first item counted from the
    newest)."""
    full = full_pages(count, size)
    moved = {}
    for old in range(2, -(-count // size) + 1):
        place = count - 1 - (old - 1) * size  # of the old page's first item, counted from the oldest (0 …)
        number = min(place // size + 1, full)
        moved[f"{url}{OLD_PAGES}{old}/"] = archive_url(url, number)
    return moved
