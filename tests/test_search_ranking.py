"""Issue 28, item 1: the search engine scores every match with arrays (search.arrays, search.ranking),
and ranks exactly as Whoosh's own matchers and BM25F would: the same query, given to Whoosh as the
query it stands for, orders the same documents the same way. And no recency cut-off: an older, better
match is found first among hundreds of newer ones."""

from portal_content.private import search_index_of
from whoosh import query as q
from whoosh.filedb.filestore import RamStorage

from search.engine import Request, SearchIndex
from search.indexer import INDEX_NAME, load_verified
from search.query import NUMBER_BOOST, build
from search.schema import ACCENTED_FIELDS, ASCII_FIELDS, PHRASE_FIELDS

QUERIES = [  # one and two words, where a phrase is exactly its pair of words side by side
    "van ban",
    "văn bản",
    "chỉ thị",
    "hoi nghi",
    "dien tu",
    "truc tuyen",
    "cong nghe",
    "quảng ngãi",
    "thong tin",
    "dịch vụ",
    "ubnd",
]


def whoosh_query(plan):
    """The query the plan stands for, in Whoosh's own query language (as the engine built it before)."""

    def each_word(fields, terms):
        return [q.Or([q.Term(f, t) for f in fields]) for t in terms]

    matching = each_word(ASCII_FIELDS, plan.required)
    required = q.And(matching) if plan.every_word else q.Or(matching)
    boosts = [q.Or(each_word(ACCENTED_FIELDS, plan.exact))]
    if plan.phrase:
        boosts += [q.Phrase(f, list(plan.required), slop=1, boost=2.0) for f in PHRASE_FIELDS]
    boosts += [q.Term(f, t, boost=b) for f, t, b in plan.boosts()]
    return q.AndMaybe(required, q.Or(boosts))


def test_the_arrays_rank_as_whooshs_own_matchers_and_bm25f(sample):
    files, problem = load_verified(search_index_of(sample.output))
    assert problem is None
    storage = RamStorage()
    storage.files.update(files)
    ix = storage.open_index(INDEX_NAME)
    engine = SearchIndex(search_index_of(sample.output))
    newness = engine._open().arrays.newness
    compared = 0
    with ix.searcher() as searcher:
        assert not searcher.reader().has_deletions()  # a cold index: Whoosh's statistics are the live ones
        for text in QUERIES:
            plan = build(text)
            results = searcher.search(whoosh_query(plan), limit=None)
            expected = [
                searcher.stored_fields(d)["url"]
                for _, d in sorted(results.top_n, key=lambda hit: (-round(hit[0], 4), -newness[hit[1]]))
            ]
            if not expected:
                continue
            got = []
            for page in range(1, 4):
                got += [hit["url"] for hit in engine.search(Request(text, page=page)).hits]
            assert got == expected[: len(got)], text
            assert engine.search(Request(text)).total == len(expected), text
            compared += 1
    assert compared >= 8


def test_an_older_better_match_comes_first_among_hundreds_of_newer_ones(tmp_path):
    """Before, only the newest 500 matches with every word in a title were scored."""
    from search.indexer import update_index

    items = [_item(f"tin-{n}", f"Tin {n}: hội nghị triển khai chuyển đổi số tại xã {n}", 2025, n) for n in range(700)]
    items.append(_item("quy-che", "Quy chế chuyển đổi số", 2009, 0, summary="Quy chế chuyển đổi số của tỉnh."))
    update_index(tmp_path / "index", items)
    engine = SearchIndex(tmp_path / "index")
    found = engine.search(Request("chuyen doi so"))
    # every item has the three words in its title; the oldest says them in a short title and its summary
    assert found.total == 701 and found.hits[0]["url"] == "/quy-che/"
    by_date = engine.search(Request("chuyen doi so", sort="date", page=71))
    assert [hit["url"] for hit in by_date.hits][-1] == "/quy-che/"


def _item(slug: str, title: str, year: int, n: int, summary: str = "") -> dict:
    from datetime import datetime

    return {
        "id": f"{slug}.md",
        "url": f"/{slug}/",
        "kind": "news",
        "doc_type": "",
        "year": str(year),
        "date": datetime(year, 1 + n % 12, 1 + n % 28, 8, 0),
        "label": "",
        "label_ascii": "",
        "title": title,
        "title_ascii": title,
        "summary": summary,
        "summary_ascii": summary,
        "body": f"{title}. Nội dung chi tiết của bài viết số {n}.",
        "body_ascii": f"{title}. Nội dung chi tiết của bài viết số {n}.",
        "meta": "",
        "meta_ascii": "",
    }


def test_a_phrase_is_its_words_side_by_side_in_one_field():
    from search.analysis import word_pairs

    pairs = word_pairs({"title_ascii": "Quy chế chuyển đổi số", "summary_ascii": ""}).splitlines()
    # "quy" is written "qui", as the analyzers write every i/y variant
    assert pairs == ["title_ascii:qui che", "title_ascii:che chuyen", "title_ascii:chuyen doi", "title_ascii:doi so"]
    assert NUMBER_BOOST == 50.0


def test_the_most_expensive_query_costs_its_reading_once(sample):
    """Issue 28, item 5: the most expensive query one can type (the twelve words most documents have,
    every one required, scored, paired and counted) reads its postings once; asked again on every page
    (so no answer is given again from memory) it reads nothing more, whatever the page."""
    from whoosh import index

    from search.indexer import INDEX_NAME

    with index.open_dir(search_index_of(sample.output), indexname=INDEX_NAME).reader() as reader:
        common = sorted((reader.doc_frequency("body_ascii", t), t) for t in reader.field_terms("body_ascii"))
    worst = " ".join(term for _, term in common[-12:])
    engine = SearchIndex(search_index_of(sample.output))
    first = engine.search(Request(worst))
    arrays = engine._open().arrays
    read = arrays.postings_read
    assert first.total and read
    for page in range(2, 12):
        assert engine.search(Request(worst, page=page)).total == first.total
    assert arrays.postings_read == read and engine.answers_reused == 0


def test_the_index_is_separate_files_which_the_service_shares_rather_than_copies(sample):
    """A compound segment file is copied part by part for every reader opened on it (3.2 GB per worker for a
    650 MB index at 100,000 documents); separate files are shared (search/indexer.py COMPOUND)."""
    folder = search_index_of(sample.output)
    assert not list(folder.glob("*.seg"))
    assert len([p for p in folder.iterdir() if p.suffix not in (".json", ".toc")]) > 1
