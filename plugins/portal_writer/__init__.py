"""Writing only what changed: each page's fingerprint (fingerprint.py), pages unchanged since the live
output hard-linked from it, the others rendered on every core (writer.py)."""

from .manifest import MANIFEST
from .writer import ReusingWriter

__all__ = ["MANIFEST", "ReusingWriter", "register"]


def get_writer(pelican):
    return ReusingWriter


def finish(pelican) -> None:
    """After every generator has written: render the changed pages, record the fingerprints."""
    from portal_content import build_state

    state = build_state(pelican.settings)
    writer = state.writer
    if writer is not None:
        state.pages_rendered = writer.finish()
        state.pages_reused = writer.reused


def register() -> None:
    from pelican import signals

    signals.get_writer.connect(get_writer)
    signals.finalized.connect(finish)
