"""Writes the Văn bản browsing pages and the open-data files, from the site model."""

import hashlib
import json
import os
from pathlib import Path

from pelican.generators import Generator
from portal_content.private import private_of
from portal_listings import Listing, write_listing
from portal_writer.compress import link_compressed

from .opendata import DEFAULT_LICENCE, DOCUMENT_FIELDS, EDGE_FIELDS, export

OPEN_DATA = "van-ban/du-lieu-mo/"
OPEN_DATA_FILES = ("van-ban.json", "van-ban.csv", "quan-he.csv")  # what opendata.export writes
OPEN_DATA_DIGEST = "open-data.digest"  # of what the export was made from, in the private folder (never served)


def _open_data_digest(records, edges, day: str, licence: dict, code: str) -> str:
    """What the export is made from, with the code and settings that make it (the writer's base digest)."""
    data = json.dumps([records, edges, day, licence, code], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(data.encode(), digest_size=16).hexdigest()


def _link_unchanged(live: Path, output: Path, digest: str) -> bool:
    """Hard-link the live export and its compressed copies when it was made from the same data."""
    try:
        if (private_of(live) / OPEN_DATA_DIGEST).read_text(encoding="utf-8") != digest:
            return False
        for name in OPEN_DATA_FILES:
            os.link(live / OPEN_DATA / name, output / OPEN_DATA / name)
            link_compressed(live / OPEN_DATA / name, output / OPEN_DATA / name)  # else compressed later
    except OSError:
        for name in OPEN_DATA_FILES:  # export afresh, over nothing half-linked
            for suffix in ("", ".gz", ".br"):
                Path(f"{output / OPEN_DATA / name}{suffix}").unlink(missing_ok=True)
        return False
    return True


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
        day = site.now.date().isoformat()
        folder = Path(self.output_path) / OPEN_DATA
        folder.mkdir(parents=True, exist_ok=True)
        # the export of an unchanged archive is linked from the live output, as unchanged pages are
        digest = _open_data_digest(records, edges, day, licence, getattr(writer, "base", ""))
        live = getattr(writer, "live", None)
        if live is None or not _link_unchanged(Path(live), Path(self.output_path), digest):
            for name, data in export(records, edges, day, licence).items():
                (folder / name).write_bytes(data)
        record = private_of(self.output_path) / OPEN_DATA_DIGEST
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(digest, encoding="utf-8")
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
