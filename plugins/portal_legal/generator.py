"""Writes the Văn bản browsing pages and the open-data files."""

from pathlib import Path

from pelican.generators import Generator
from portal_content import build_state
from portal_listings import Listing
from portal_listings.listings import newest_issued_first

from .facets import facets
from .opendata import DOCUMENT_FIELDS, EDGE_FIELDS, document_id, export

OPEN_DATA = "van-ban/du-lieu-mo/"


class DocumentsGenerator(Generator):
    def generate_context(self):
        documents = [a for a in self.context.get("articles", []) if a.record.kind == "document"]
        self.documents = newest_issued_first(documents)
        self.facets = facets(self.documents)
        self.context["document_facets"] = self.facets

    def generate_output(self, writer):
        home = ("Trang chủ", "")
        section = ("Văn bản", "van-ban/")
        listing_template = self.get_template("listing")
        index_template = self.get_template("facet_index")
        for facet in self.facets:
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
                    [home, section, (facet.title, index_url), (value.name, None)],
                    f"Văn bản theo {facet.title.lower()}: {value.name}",
                )
                writer.write_file(
                    value.url + "index.html",
                    listing_template,
                    self.context,
                    paginated={"articles": value.items},
                    template_name="listing",
                    url=value.url,
                    articles=value.items,
                    listing=listing,
                    page_name="van-ban/",
                )
        self._write_open_data(writer)

    def _write_open_data(self, writer):
        siteurl = self.settings.get("SITEURL", "")
        listed = {a.record.source_path: a.record for a in self.documents}
        graph = self.context["legal_graph"]
        records = []
        for article in self.documents:
            doc, validity = article.record, article.legal.validity
            records.append(
                {
                    "id": document_id(doc),
                    "number": doc.number,
                    "doc_type": doc.doc_type,
                    "title": doc.title,
                    "issuers": list(doc.issuers),
                    "signer": doc.signer,
                    "signer_title": doc.signer_title,
                    "issued": doc.issued.isoformat(),
                    "effective": doc.effective.isoformat(),
                    "expires": doc.expires.isoformat() if doc.expires else None,
                    "topics": list(doc.topics),
                    "validity": validity.label,
                    "validity_reason": validity.reason,
                    "comment_until": doc.comment_until.isoformat() if doc.comment_until else None,
                    "modified": doc.last_modified.isoformat() if doc.last_modified else None,
                    "url": f"{siteurl}/{doc.url}",
                    "attachments": [
                        {"title": f.title, "url": f.url, "format": f.format, "size": f.size, "sha256": f.sha256}
                        for f in article.legal.attachments
                    ],
                }
            )
        # hidden documents are not listed, so neither they nor edges from them are exported
        edges = [
            {
                "from_id": document_id(listed[src]),
                "relation": kind,
                "to_number": number,
                "to_id": document_id(target) if target and target.source_path in listed else None,
            }
            for src, kind, number, target in graph.edges()
            if src in listed
        ]
        generated = build_state(self.settings).now.date().isoformat()
        folder = Path(self.output_path) / OPEN_DATA
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in export(records, edges, generated).items():
            (folder / name).write_bytes(data)
        writer.write_file(
            OPEN_DATA + "index.html",
            self.get_template("open_data"),
            self.context,
            document_fields=DOCUMENT_FIELDS,
            edge_fields=EDGE_FIELDS,
            total=len(records),
            edge_total=len(edges),
            page_name="van-ban/",
        )
