"""The relevance set (tests/relevance.py) through the real search service over HTTP."""

import subprocess
import sys

import pytest
from conftest import ROOT, Site
from relevance import SAMPLE, corpus_cases, evaluate
from search_server import Server

CORPUS = ROOT.parent / "shared" / "bench" / "make_corpus.py"


def scores(output, cases, database: str = "") -> tuple[float, float, list[str]]:
    """MRR, recall@3 and the misses of `cases` through the search service over `output`."""
    server = Server(output, database)
    try:
        return evaluate(lambda query: [hit["url"] for hit in server.api(q=query)["results"]], cases)
    finally:
        server.close()


def test_the_sample_portal_answers_what_citizens_type(searched):
    site, database = searched
    mrr, recall3, missed = scores(site.output, SAMPLE, database)
    print(
        f"sample ({database and 'PostgreSQL' or 'Whoosh'}): {len(SAMPLE)} queries, MRR {mrr:.3f}, recall@3 {recall3:.3f}"
    )
    assert len(SAMPLE) >= 60
    assert mrr >= 0.9 and recall3 >= 0.95, "\n".join(missed)


@pytest.mark.skipif(not CORPUS.is_file(), reason="../shared/bench/make_corpus.py is not beside the project")
def test_a_generated_archive_answers_numbers_typed_any_way(tmp_path, index_at):
    site = Site(tmp_path)
    subprocess.run(
        [
            sys.executable,
            str(CORPUS),
            "--docs",
            "300",
            "--news",
            "60",
            "--out",
            str(site.content),
            "--repeat-numbers",
            "--force",
        ],
        check=True,
        capture_output=True,
    )
    assert site.build(today="2026-11-30", PORTAL_SEARCH={"database": index_at}).ok, site.messages()[:5]
    cases = corpus_cases(site.content)
    mrr, recall3, missed = scores(site.output, cases, index_at)
    print(
        f"corpus ({index_at and 'PostgreSQL' or 'Whoosh'}): {len(cases)} queries, MRR {mrr:.3f}, recall@3 {recall3:.3f}"
    )
    assert len(cases) >= 25
    assert mrr >= 0.9 and recall3 >= 0.95, "\n".join(missed)
