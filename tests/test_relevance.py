"""The relevance set (tests/relevance.py) through the real search service over HTTP."""

import subprocess
import sys

import pytest
from conftest import ROOT, Site
from relevance import SAMPLE, corpus_cases, evaluate
from search_server import Server

CORPUS = ROOT.parent / "shared" / "bench" / "make_corpus.py"


def scores(output, cases) -> tuple[float, float, list[str]]:
    """MRR, recall@3 and the misses of `cases` through the search service over `output`."""
    server = Server(output)
    try:
        return evaluate(lambda query: [hit["url"] for hit in server.api(q=query)["results"]], cases)
    finally:
        server.close()


def test_the_sample_portal_answers_what_citizens_type(sample):
    mrr, recall3, missed = scores(sample.output, SAMPLE)
    print(f"sample: {len(SAMPLE)} queries, MRR {mrr:.3f}, recall@3 {recall3:.3f}")
    assert len(SAMPLE) >= 60
    assert mrr >= 0.9 and recall3 >= 0.95, "\n".join(missed)


@pytest.mark.skipif(not CORPUS.is_file(), reason="../shared/bench/make_corpus.py is not beside the project")
def test_a_generated_archive_answers_numbers_typed_any_way(tmp_path):
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
    assert site.build(today="2026-11-30").ok, site.messages()[:5]
    cases = corpus_cases(site.content)
    mrr, recall3, missed = scores(site.output, cases)
    print(f"corpus: {len(cases)} queries, MRR {mrr:.3f}, recall@3 {recall3:.3f}")
    assert len(cases) >= 25
    assert mrr >= 0.9 and recall3 >= 0.95, "\n".join(missed)
