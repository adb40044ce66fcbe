"""Collections (chuyên đề), as in Plone: saved queries in content/collections/*.yml.

Each becomes a listing page at /chuyen-de/<slug>/ (paginated like every listing) with its RSS
and Atom feeds (written by portal_feeds), and /chuyen-de/ lists them all. Problems in a file
stop the build with the content's problems, in the same words.
"""

from .definition import Collection, collection_files, load_collection
from .selection import Chosen, unknown_values

__all__ = ["Chosen", "Collection", "check_collections", "register"]

INDEX = "chuyen-de/"


def check_collections(content_root, doc_types, records) -> list:
    """Every problem in the collection files, for `invoke check` and the build alike."""
    problems = []
    for path in collection_files(content_root):
        collection, found = load_collection(path, content_root, doc_types)
        problems.extend(found)
        if collection is not None:
            problems.extend(unknown_values(collection, records))
    return problems


def _generator_class():
    from pelican.generators import Generator
    from portal_listings import Listing, write_listing

    class CollectionsGenerator(Generator):
        def generate_context(self):
            pass  # the collection files are read, and what each lists chosen, by the site model (portal_site)

        def generate_output(self, writer):
            collections = self.context["site"].collections
            if not collections:
                return
            home = ("Trang chủ", "")
            crumbs = ("Chuyên đề", INDEX)
            for chosen in collections:
                listing = Listing(
                    chosen.title,
                    chosen.url,
                    chosen.items,
                    chosen.kind,
                    (home, crumbs, (chosen.title, None)),
                    chosen.description or f"Chuyên đề {chosen.title}",
                )
                write_listing(self, writer, listing, page_name=INDEX)
            writer.write_file(
                INDEX + "index.html",
                self.get_template("collections"),
                self.context,
                collections=collections,
                crumbs=[home, ("Chuyên đề", None)],
                page_name=INDEX,
            )

    return CollectionsGenerator


def get_generators(pelican):
    return _generator_class()


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(get_generators)
