"""The "Thống kê" page (/thong-ke/) and its figures as open data (/van-ban/du-lieu-mo/thong-ke.json).

The figures are the site model's (`site.statistics`, made by figures.py); this generator writes them:
an accessible table for each, with a bar chart drawn as SVG at build time (no JavaScript).
"""

from .figures import Table, as_json, statistics

__all__ = ["Table", "as_json", "register", "statistics"]

PAGE = "thong-ke/"
DATA = "van-ban/du-lieu-mo/thong-ke.json"


def _generator_class():
    import json
    from pathlib import Path

    from pelican.generators import Generator

    class StatisticsGenerator(Generator):
        def generate_context(self):
            pass

        def generate_output(self, writer):
            site = self.context["site"]
            writer.write_file(
                PAGE + "index.html",
                self.get_template("statistics"),
                self.context,
                tables=site.statistics,
                crumbs=[("Trang chủ", ""), ("Thống kê", None)],
                page_name=PAGE,
            )
            target = Path(self.output_path) / DATA
            target.parent.mkdir(parents=True, exist_ok=True)
            data = as_json(site.statistics, site.now.date().isoformat())
            target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    return StatisticsGenerator


def get_generators(pelican):
    return _generator_class()


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(get_generators)
