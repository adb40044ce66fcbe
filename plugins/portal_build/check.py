"""`invoke check`: the build without the writing.

Runs the same phases as `invoke build`, with the same settings and plugins, and stops where the
build would start writing: Pelican reads every file with our reader (bodies rendered, from the
render cache, their links checked), then the site model is made (relations, validity, citations,
collections, listings, feeds, the search documents) with its problems. So the problems are the
build's, word for word, warnings included. Nothing is published: only the caches a build keeps are
written (rendered bodies, read files and remembered citations, under cache/), and the installation's
secret the first time.
"""

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Checked:
    problems: list  # every problem, errors and warnings, as `invoke build` reports them
    site: object = None  # the site model (portal_site.Site); None when a problem is an error


def read_model(settings_file: Path, content: Path | None = None, overrides: dict | None = None) -> Checked:
    """Read the content and make the site model, as `invoke build` does, writing nothing."""
    from pelican import Pelican, signals
    from pelican.settings import read_settings
    from portal_content import ContentError, current_run, running

    from .guard import content_folder_problem

    missing = content_folder_problem(Path(os.path.abspath(content))) if content else None
    if missing is not None:
        return Checked([missing])

    # the live site the build would replace: what it would take down is checked against it
    live = (overrides or {}).get("PORTAL_LIVE_OUTPUT") or read_settings(str(settings_file)).get("OUTPUT_PATH")
    with tempfile.TemporaryDirectory(prefix="portal-check-") as nowhere, running():
        override = {
            "PORTAL_LIVE_OUTPUT": os.path.abspath(live) if live else None,
            **(overrides or {}),
            "DELETE_OUTPUT_DIRECTORY": False,
            "OUTPUT_PATH": nowhere,
            "PORTAL_CHECK_ONLY": True,
        }
        if content:
            override["PATH"] = os.path.abspath(content)
        settings = read_settings(str(settings_file), override=override)
        pelican = Pelican(settings)
        context = settings.copy()
        context.update(generated_content={}, static_links=set(), static_content={}, localsiteurl=settings["SITEURL"])
        generators = [
            cls(
                context=context,
                settings=settings,
                path=pelican.path,
                theme=pelican.theme,
                output_path=pelican.output_path,
            )
            for cls in pelican._get_generator_classes()
        ]
        try:
            for generator in generators:
                if hasattr(generator, "generate_context"):
                    generator.generate_context()
            signals.all_generators_finalized.send(generators)
        except ContentError as error:
            return Checked(list(error.problems))
        run = current_run()
        return Checked(list(run.problems), run.site)


def check_content(settings_file: Path, content: Path | None = None, overrides: dict | None = None) -> list:
    """Every problem (errors and warnings) `invoke build` would report for this content."""
    return read_model(settings_file, content, overrides).problems


__all__ = ["Checked", "check_content", "read_model"]
