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
    """After Pelican has read every file: the run's records closed, the model made from them, and the two
    handed on together with every problem of the build (portal_content.run); the model also goes into the
    templates' context. Stops the build if a problem is an error."""
    import time
    from dataclasses import replace
    from pathlib import Path

    from pelican.generators import ArticlesGenerator, PagesGenerator
    from portal_collections.definition import collection_files, load_collection
    from portal_content import current_run, stop_on_problems
    from portal_content.loading import address_of
    from portal_content.pelican_reader import finish_reading, settled
    from portal_history import history_for
    from portal_legal.remembered import RememberedLinks

    from search.numbers import number_key

    settings = generators[0].settings
    run = current_run()
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    pages = next(g for g in generators if isinstance(g, PagesGenerator))
    contents = articles.articles + articles.hidden_articles + pages.pages + pages.hidden_pages
    context = articles.context
    failed = tuple(sorted(path for path, content in context.get("generated_content", {}).items() if content is None))
    records = finish_reading(run, failed)

    root = run.setup.content_root
    config = run.setup.config
    problems = list(records.problems)
    collections = []
    for path in collection_files(root):
        collection, found = load_collection(path, root, config.doc_types)
        problems.extend(found)
        if collection is not None:
            collections.append(collection)

    cache = settings.get("PORTAL_CACHE_PATH")
    links = RememberedLinks(
        Path(f"{cache}-links") if cache else None, run.setup.installation
    )  # beside the render cache
    options = options_from(settings, run.now, links)
    options = replace(options, address_of=lambda path, text: address_of(path, text, root, config))
    started = time.perf_counter()
    history = history_for(settings, run.setup.installation)
    run.history_seconds = time.perf_counter() - started
    site = assemble(Read(contents, records.items, tuple(collections), records.record_digests, history), options)
    links.save()
    # numbers staff listed as published elsewhere (another agency's portal): cited as text, without a word
    elsewhere = {number_key(str(n)) for n in settings.get("PORTAL_LEGAL", {}).get("known_elsewhere", ())}
    problems.extend(p for p in site.problems if p.about is None or p.about not in elsewhere)
    run.made(site, settled(problems, records.broken_numbers))
    context["site"] = site  # one context, shared by every generator and template
    stop_on_problems(settings, run.problems)


def register() -> None:
    from pelican import signals

    signals.all_generators_finalized.connect(make_site)
