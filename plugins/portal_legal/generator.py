"""Writes the Văn bản browsing pages and the open-data files, from the site model."""

from pathlib import Path

from pelican.generators import Generator
from portal_listings import Listing, write_listing

from .opendata import DEFAULT_LICENCE, DOCUMENT_FIELDS, EDGE_FIELDS, export

OPEN_DATA = "van-ban/du-lieu-mo/"


def open_data_licence(settings: dict) -> dict:
    """PORTAL_LEGAL["open_data_licence"] over the default (CC BY 4.0), crediting the agency."""
    licence = {**DEFAULT_LICENCE, **settings.get("PORTAL_LEGAL", {}).get("open_data_licence", {})}
    if not licence["attribution"]:
        agency = settings.get("PORTAL_AGENCY", {})
        licence["attribution"] = ", ".join(filter(None, (agency.get("name"), agency.get("parent"))))
    return licence


class DocumentsGenerator(Generator):
    def generate_context(self):
        pass  # the facets and the open data are in the site model (portal_site)

    def generate_output(self, writer):
        site = self.context["site"]
        home = ("Trang chủ", "")
        section = ("Văn bản", "van-ban/")
        index_template = self.get_template("facet_index")
        for facet in site.facets:
            index_url = f"van-ban/{facet.key}/"
            writer.write_file(
                index_url + "index.html",
                index_template,
                self.context,
                facet=facet,
                crumbs=[home, section, (facet.title, None)],
                page_name="van-ban/",
            )
            for value in facet.values:
                listing = Listing(
                    f"{facet.title}: {value.name}",
                    value.url,
                    value.items,
                    "document",
                    (home, section, (facet.title, index_url), (value.name, None)),
                    f"Văn bản theo {facet.title.lower()}: {value.name}",
                )
                write_listing(self, writer, listing, page_name="van-ban/")
        self._write_open_data(writer, site)

    def _write_open_data(self, writer, site):
        records, edges = site.open_data
        licence = open_data_licence(self.settings)
        folder = Path(self.output_path) / OPEN_DATA
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in export(records, edges, site.now.date().isoformat(), licence).items():
            (folder / name).write_bytes(data)
        writer.write_file(
            OPEN_DATA + "index.html",
            self.get_template("open_data"),
            self.context,
            document_fields=DOCUMENT_FIELDS,
            edge_fields=EDGE_FIELDS,
            total=len(records),
            edge_total=len(edges),
            licence=licence,
            page_name="van-ban/",
        )
