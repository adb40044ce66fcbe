"""Vietnamese text for the portal: folding, slugs, dates, numbers and file sizes, and sorting.

As a Pelican plugin it hands the templates its date formats as Jinja filters.
"""

from .dates import vn_date, vn_datetime, vn_weekday_datetime
from .folding import fold, slugify
from .numbers import vn_number, vn_size
from .sorting import sort_key

__all__ = [
    "FILTERS",
    "fold",
    "register",
    "slugify",
    "sort_key",
    "vn_date",
    "vn_datetime",
    "vn_weekday_datetime",
]


FILTERS = {
    "slug": slugify,
    "vn_date": vn_date,
    "vn_datetime": vn_datetime,
    "vn_weekday_datetime": vn_weekday_datetime,
    "vn_number": vn_number,
    "vn_size": vn_size,
}


def add_filters(generator) -> None:
    generator.env.filters.update(FILTERS)


def register() -> None:
    from pelican import signals

    signals.generator_init.connect(add_filters)
