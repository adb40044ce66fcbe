"""The agency itself, as NĐ 42/2022 asks a portal to show it: its leaders (/lanh-dao/) and its
organisation (/co-cau-to-chuc/), from `content/lanh-dao/*.md` and `content/co-cau-to-chuc/*.md`.

Each person and each unit has its own page (the reader writes them, as for every item); this plugin
writes the two pages that list them, from the site model, once the content has a person or a unit
(before that, a standing page may hold the address: `portal_content.checks.KIND_PAGES`). The units' own portals are linked from
every page's footer (the theme's base.html, from `site.unit_portals`).
"""

from itertools import groupby

__all__ = ["register"]


def _generator_class():
    from pelican.generators import Generator

    class AgencyGenerator(Generator):
        def generate_output(self, writer):
            site = self.context["site"]
            groups = tuple((name, tuple(entries)) for name, entries in groupby(site.units, lambda e: e.record.group))
            for url, template, items, extra in (
                ("lanh-dao/", "leaders", site.leaders, {"leaders": site.leaders}),
                ("co-cau-to-chuc/", "organisation", site.units, {"leaders": site.leaders, "unit_groups": groups}),
            ):
                if items:  # until then a standing page may hold the address
                    writer.write_file(
                        url + "index.html", self.get_template(template), self.context, page_name=url, **extra
                    )

    return AgencyGenerator


def get_generators(pelican):
    return _generator_class()


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(get_generators)
