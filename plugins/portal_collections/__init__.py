"""Collections (chuyên đề), as in Plone: saved queries in content/collections/*.yml.

Each becomes a listing page at /chuyen-de/<slug>/ (paginated like every listing) with its RSS
and Atom feeds (written by portal_feeds), and /chuyen-de/ lists them all. Problems in a file
stop the build with the content's problems, in the same words.
"""

from .definition import Collection, collection_files, load_collection
from .selection import select, unknown_values

__all__ = ["Collection", "check_collections", "register"]

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
    from dataclasses import dataclass
    from pathlib import Path

    from pelican.generators import Generator
    from portal_content import build_state, content_config
    from portal_listings import Listing

    @dataclass
    class Chosen:
        """A collection with what it lists this build."""

        definition: Collection
        items: list

        title = property(lambda self: self.definition.title)
        description = property(lambda self: self.definition.description)
        url = property(lambda self: self.definition.url)
        count = property(lambda self: len(self.items))

    class CollectionsGenerator(Generator):
        def generate_context(self):
            root = Path(self.settings["PATH"])
            doc_types = content_config(self.settings).doc_types
            state = build_state(self.settings)
            articles = self.context.get("articles", [])
            self.collections = []
            for path in collection_files(root):
                collection, problems = load_collection(path, root, doc_types)
                state.problems.extend(problems)
                if collection is None:
                    continue
                state.problems.extend(unknown_values(collection, [a.record for a in articles]))
                self.collections.append(Chosen(collection, select(collection, articles)))
            self.context["portal_collections"] = self.collections

        def generate_output(self, writer):
            if not self.collections:
                return
            home = ("Trang chủ", "")
            crumbs = ("Chuyên đề", INDEX)
            template = self.get_template("listing")
            for chosen in self.collections:
                kinds = {a.record.kind for a in chosen.items}
                kind = kinds.pop() if len(kinds) == 1 else "mixed"
                listing = Listing(
                    chosen.title,
                    chosen.url,
                    chosen.items,
                    kind,
                    [home, crumbs, (chosen.title, None)],
                    chosen.description or f"Chuyên đề {chosen.title}",
                )
                writer.write_file(
                    chosen.url + "index.html",
                    template,
                    self.context,
                    paginated={"articles": chosen.items},
                    template_name="listing",
                    url=chosen.url,
                    articles=chosen.items,
                    listing=listing,
                    page_name=INDEX,
                )
            writer.write_file(
                INDEX + "index.html",
                self.get_template("collections"),
                self.context,
                collections=self.collections,
                crumbs=[home, ("Chuyên đề", None)],
                page_name=INDEX,
            )

    return CollectionsGenerator


def get_generators(pelican):
    return _generator_class()


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(get_generators)
