"""Indexes the build's published items for search (the work is in search/indexer.py).

Only what is listed is indexed: never drafts, scheduled, hidden or expired items. The
index is written into the staging folder's private part (`<output>.private/search/`,
portal_content.private), never into the output a static host serves, and swapped in with the
site, so the two are published together; it starts from the live index so only changed items
are re-indexed.
"""

import os


def search_database(settings: dict) -> str:
    """The PostgreSQL database the search index lives in (PORTAL_SEARCH_DATABASE in the environment wins
    over PORTAL_SEARCH["database"]); "" for the embedded Whoosh index beside the output (`output.private/search/`)."""
    return os.environ.get("PORTAL_SEARCH_DATABASE") or str((settings.get("PORTAL_SEARCH") or {}).get("database") or "")


def switch_to_new_index(settings: dict, report) -> None:
    """Just before the build's swap: the version of the index this build wrote into PostgreSQL becomes
    the one every search answers from (one transaction)."""
    database = search_database(settings)
    if database and report is not None and report.version is not None:
        from search.postgres import switch

        switch(database, report.version)


def documents_for_index(articles, pages) -> list[dict]:
    """The index documents of the listed items (the site model's entries: record, body_text, legal)."""
    from portal_sanitize import to_text

    from search.numbers import number_keys, number_prefixes, short_keys

    items = []
    for content in list(articles) + list(pages):
        record = content.record
        body = content.body_text  # the rendered body as text (portal_content)
        summary = to_text(record.summary or "")
        if record.kind == "question":  # the question is what a citizen searches with; the answer is the body
            summary = " ".join([*record.question, summary]).strip()
        elif record.kind == "leader":  # a citizen looks for who is in charge of what
            summary = " ".join([f"{record.position}.", *record.portfolio]).strip()
        elif record.kind == "unit":
            head = f"{record.head_title or 'Trưởng đơn vị'} {record.head}." if record.head else ""
            summary = " ".join(part for part in (f"{record.group}.", head, record.address or "") if part)
        item = {
            "id": record.source_path,
            "url": "/" + record.url,
            "kind": record.kind,
            "title": record.title,
            "title_ascii": record.title,
            "summary": summary,
            "summary_ascii": summary,
            "body": body,
            "body_ascii": body,
            "date": record.date.replace(tzinfo=None),
            # a document is named as it is cited, with its day of issue: "08/CT-UBND 2019" finds the 2019 one
            "label": record.title if record.kind != "document" else record.citation,
        }
        item["label_ascii"] = item["label"]
        if record.kind == "document":
            validity = content.legal.validity
            item.update(
                number=record.number,
                number_key=" ".join(number_keys(record.number, record.issued.year)),
                number_prefix=" ".join(number_prefixes(record.number)),
                number_short=" ".join(short_keys(record.number, record.doc_type)),
                doc_type=record.doc_type,
                issuer="\n".join(record.issuers),
                topic="\n".join(record.topics),
                year=str(record.issued.year),
                issued=record.issued.isoformat(),
                validity=validity.slug,
                validity_label=validity.label,
            )
            names = [record.doc_type, *record.issuers, record.signer_title or "", record.signer or "", *record.topics]
        elif record.kind == "news":
            item.update(year=str(record.date.year))
            names = [record.section, record.author or "", record.source or ""]
        else:
            names = []
        item["meta"] = item["meta_ascii"] = "\n".join(n for n in [*names, *record.tags] if n)
        items.append(item)
    return items


def collect(generators) -> None:
    """Once the site model is made (portal_site): start writing its search documents.

    The index is written by a child process (two, for many items) while this one writes the listings,
    feeds and open data; the page writer (portal_writer.finish) waits for it before rendering the pages
    on every core, and the build (portal_build) takes its report before the swap.
    """
    from portal_content import current_run
    from portal_content.private import search_index_of

    from .background import IndexJob

    settings = generators[0].settings
    if settings.get("PORTAL_CHECK_ONLY"):  # invoke check: the build without the writing
        return
    run = current_run()
    live = settings.get("PORTAL_LIVE_OUTPUT")
    previous = search_index_of(live) if live else None
    run.search_job = IndexJob(
        search_index_of(settings["OUTPUT_PATH"]),
        list(run.site.search_documents),
        previous if previous and previous.is_dir() else None,
        purge=bool(settings.get("PORTAL_PURGE_INDEX")),
        database=search_database(settings),
    )


def wait_for_index():
    """The index this build is writing, complete: its report (search.indexer.IndexReport), kept by the run;
    None when it writes none (`invoke check`). Called by the page writer before it renders and by the
    build before the swap; the second call returns at once."""
    from portal_content import current_run

    return current_run().search_report()


def register() -> None:
    from pelican import signals

    signals.all_generators_finalized.connect(collect)
