"""`invoke check`: the build without the writing.

Runs the same Pelican read phase as `invoke build`, with the same settings and plugins: every
file read by the same reader, bodies rendered (from the render cache) and their links and
citations checked, relations resolved, collections read, the cross-file checks run. Then it
stops where the build would start writing. So the problems are the build's, word for word,
warnings included; nothing is written but the render cache.
"""

import os
import tempfile
from pathlib import Path


def check_content(settings_file: Path, content: Path | None = None, overrides: dict | None = None) -> list:
    """Every problem (errors and warnings) `invoke build` would report for this content."""
    from pelican import Pelican, signals
    from pelican.settings import read_settings
    from portal_content import ContentError, problems_of

    with tempfile.TemporaryDirectory(prefix="portal-check-") as nowhere:
        override = {
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
            return list(error.problems)
        return problems_of(settings)


__all__ = ["check_content"]
