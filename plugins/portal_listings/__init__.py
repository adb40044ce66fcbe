"""The portal's listing pages: home, Tin tức and each chuyên mục, Văn bản, search, 404 and opensearch.xml.

Pelican's own listings (index, categories, tags, archives) are off; this
generator writes ours from the items the content plugin published.
"""

from .listings import TAGS, Listing, by_kind, listings, other_news, tag_listings
from .pages import listing_pages, per_page

__all__ = ["TAGS", "Listing", "by_kind", "listings", "other_news", "register", "tag_listings", "write_listing"]


def write_listing(generator, writer, listing: Listing, page_name: str) -> None:
    """A listing's pages (pages.py: the newest items at its address, full pages numbered from the oldest
    behind it): Tin tức, chuyên mục, Văn bản and its facets, tags, chuyên đề. `page_name` marks the menu
    entry it belongs to."""
    size = per_page(generator.settings.get("PORTAL_LISTINGS", {}), listing.kind)
    template = generator.get_template("listing")
    for page in listing_pages(listing.url, listing.items, size):
        writer.write_file(
            page.url + "index.html",
            template,
            generator.context,
            listing=listing,
            listing_page=page,
            page_name=page_name,
        )


def waiting_rows(site, waiting: dict) -> list[dict]:
    """The preview's list of waiting changes: each file with the title and address it has now."""
    rows = []
    for path, (kind, committed) in sorted(waiting.items()):
        entry = site.entries.get(path)
        record = entry.record if entry is not None else None
        rows.append(
            {
                "path": path,
                "kind": kind,
                "committed": committed,
                "title": record.title if record is not None else path,
                "url": record.url if record is not None and kind != "xóa" else None,
            }
        )
    return rows


def _generator_class():
    from pelican.generators import Generator

    class ListingsGenerator(Generator):
        """Writes the listing pages; runs after the articles and pages are read."""

        def generate_context(self):
            pass  # what the listings show is in the site model (portal_site)

        def generate_output(self, writer):
            settings = self.settings.get("PORTAL_LISTINGS", {})
            site = self.context["site"]
            writer.write_file(
                "index.html",
                self.get_template("home"),
                self.context,
                latest_news=site.news[: settings.get("home_news", 6)],
                latest_documents=site.documents[: settings.get("home_documents", 8)],
                home_links=settings.get("link_blocks", []),
                page_name="home",
            )
            for listing in site.listings + site.tags:
                write_listing(self, writer, listing, page_name=listing.url)
            writer.write_file(
                TAGS + "index.html",
                self.get_template("tags"),
                self.context,
                tags=[(x.breadcrumbs[-1][0], x.url, len(x.items)) for x in site.tags],  # what the page shows
                crumbs=[("Trang chủ", ""), ("Từ khóa", None)],
                page_name=TAGS,
            )
            writer.write_file("tim-kiem/index.html", self.get_template("search"), self.context, page_name="tim-kiem")
            writer.write_file("404.html", self.get_template("404"), self.context, page_name="404")
            waiting = self.settings.get("PORTAL_WAITING")
            if waiting is not None:  # the preview (portal_review): what it shows that the public site does not
                writer.write_file(
                    "cho-duyet/index.html",
                    self.get_template("waiting"),
                    self.context,
                    waiting=waiting_rows(site, waiting),
                    crumbs=[("Trang chủ", ""), ("Chờ duyệt", None)],
                    page_name="cho-duyet",
                )
            # browsers offer the portal's search in their address bar (every page names it, rel="search")
            self._write_plain("opensearch.xml", self.env.get_template("opensearch.xml").render(self.context))

        def _write_plain(self, name: str, text: str) -> None:
            from pathlib import Path

            Path(self.output_path, name).write_text(text, encoding="utf-8")

    return ListingsGenerator


def get_generators(pelican):
    return _generator_class()


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(get_generators)
