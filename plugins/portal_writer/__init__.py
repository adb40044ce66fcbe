"""Writing only what changed: each page's fingerprint (fingerprint.py: what it was given; ledger.py: what it
read of the site model), pages unchanged since the live output hard-linked from it, the others rendered on
every core (writer.py)."""

from .manifest import MANIFEST
from .writer import ItemPage, ReusingWriter

__all__ = ["MANIFEST", "ItemPage", "ReusingWriter", "register"]


def get_writer(pelican):
    return ReusingWriter


def finish(pelican) -> None:
    """After every generator has written: render the changed pages, record the fingerprints.

    The search index (portal_search_index) is finished first: its writer runs two processes, as the
    renderers do, and on two cores the two side by side took longer than one after the other (a cold
    build of 1,000 documents: 24.5 and 25.4 s side by side, 21.2 and 20.7 s one after the other)."""
    from portal_content import Written, current_run
    from portal_content.run import frozen_mapping
    from portal_search_index import wait_for_index

    wait_for_index()
    run = current_run()
    writer = run.writer
    if writer is not None:
        rendered = writer.finish()
        item_pages = frozen_mapping(writer.item_pages)
        run.wrote(Written(rendered, writer.reused, frozenset(writer.emptied), item_pages))


def register() -> None:
    from pelican import signals

    signals.get_writer.connect(get_writer)
    signals.finalized.connect(finish)
