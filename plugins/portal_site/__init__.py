"""The phase between reading and writing: the site model (model.py), made by one function
(assemble.py) once every file is read.

Pelican reads (our reader turns each file into a typed record and renders its body); then this
plugin reads the collection files, assembles the model, adds its problems to the build's and
stops the build if any is an error. The writers (our generators, the templates through `site`,
the search index) only write the model out. `invoke check` runs the same phases and stops here.
"""

from .assemble import Options, Read, assemble
from .model import Entry, Site, SitemapEntry, Visibility

__all__ = ["Entry", "Options", "Read", "Site", "SitemapEntry", "Visibility", "assemble", "make_site", "register"]


def options_from(settings: dict, now, link=None) -> Options:
    from pathlib import Path

    from portal_legal.citations import link_citations

    legal = settings.get("PORTAL_LEGAL", {})
    return Options(
        now=now,
        site_name=settings.get("SITENAME", ""),
        siteurl=settings.get("SITEURL", ""),
        content_root=Path(settings["PATH"]),
        jurisdiction=legal.get("jurisdiction", "VN"),
        issuer_jurisdictions=dict(legal.get("issuer_jurisdictions", {})),
        section_order=dict(settings.get("PORTAL_CONTENT", {}).get("news_sections", {})),
        other_news=settings.get("PORTAL_LISTINGS", {}).get("other_news", 5),
        listing_sizes=dict(settings.get("PORTAL_LISTINGS", {})),
        link=link or link_citations,
        live_output=Path(settings["PORTAL_LIVE_OUTPUT"]) if settings.get("PORTAL_LIVE_OUTPUT") else None,
    )


def make_site(generators) -> None:
    """After Pelican has read every file: the model, into the build's state and the templates' context."""
    import time
    from dataclasses import replace
    from pathlib import Path

    from pelican.generators import ArticlesGenerator, PagesGenerator
    from portal_collections.definition import collection_files, load_collection
    from portal_content import build_state, content_config, stop_on_problems
    from portal_legal.remembered import RememberedLinks

    settings = generators[0].settings
    state = build_state(settings)
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    pages = next(g for g in generators if isinstance(g, PagesGenerator))
    contents = articles.articles + articles.hidden_articles + pages.pages + pages.hidden_pages

    root = Path(settings["PATH"])
    doc_types = content_config(settings).doc_types
    collections = []
    for path in collection_files(root):
        collection, problems = load_collection(path, root, doc_types)
        state.problems.extend(problems)
        if collection is not None:
            collections.append(collection)

    cache = settings.get("PORTAL_CACHE_PATH")
    links = RememberedLinks(Path(f"{cache}-links") if cache else None, state.installation)  # beside the render cache
    from portal_content.loading import address_of
    from portal_history import history_for

    config = content_config(settings)
    options = options_from(settings, state.now, links)
    options = replace(options, address_of=lambda path, text: address_of(path, text, root, config))
    started = time.perf_counter()
    history = history_for(settings)
    state.history_seconds = time.perf_counter() - started
    site = assemble(Read(contents, tuple(state.items), tuple(collections), state.record_digests, history), options)
    links.save()
    # numbers staff listed as published elsewhere (another agency's portal): cited as text, without a word
    from search.numbers import number_key

    elsewhere = {number_key(str(n)) for n in settings.get("PORTAL_LEGAL", {}).get("known_elsewhere", ())}
    state.problems.extend(p for p in site.problems if p.about is None or p.about not in elsewhere)
    state.site = site
    articles.context["site"] = site  # one context, shared by every generator and template
    stop_on_problems(generators)


def register() -> None:
    from pelican import signals

    signals.all_generators_finalized.connect(make_site)
