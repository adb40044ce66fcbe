"""Reports the next moment the portal would change by itself (see changes.py).

The site model (portal_site) lists them (`site.next_changes`); this writes `next-change.json` into
the output (only the moment: what is scheduled stays secret until it is published);
`invoke due` reads the file to tell cron whether a rebuild is due.
"""

from .changes import Change, as_json, upcoming

__all__ = ["FILE", "Change", "as_json", "register", "upcoming"]

FILE = "next-change.json"


def write_next_change(pelican) -> None:
    import json
    from pathlib import Path

    from portal_content import current_run

    run = current_run()
    if not run.has_site:
        return
    data = json.dumps(as_json(list(run.site.next_changes), run.now), ensure_ascii=False, indent=2) + "\n"
    (Path(pelican.output_path) / FILE).write_text(data, encoding="utf-8")


def register() -> None:
    from pelican import signals

    signals.finalized.connect(write_next_change)
