"""Articles (issue 29, item 4): every Điều of a document's text has its anchor (#dieu-N, #dieu-N-khoan-M), a
long document has a table of contents, and a citation of an article lands on it; an article the document
does not have is a warning naming both. Real builds."""

from samples import document, news

DECREE = "/van-ban/nghi-dinh-43-2011-nd-cp-ngay-13-06-2011/"


def decree(articles: int) -> str:
    text = ["Chương I. Quy định chung", ""]
    for n in range(1, articles + 1):
        text += [f"**Điều {n}.** Nội dung của điều {n}", "", "1. Khoản thứ nhất.", "2. Khoản thứ hai.", ""]
    return document(
        number="43/2011/NĐ-CP",
        doc_type="Nghị định",
        issued="2011-06-13",
        title="Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến",
    ) + "\n".join(text)


def test_every_article_and_clause_has_its_anchor_and_a_long_text_its_contents(site):
    site.write("van-ban/nd-43.md", decree(6))
    site.write("van-ban/ct-15.md", document() + "\nĐiều 1. Một điều.\n\nĐiều 2. Hai điều.\n")
    assert site.build().ok
    page = site.page(DECREE)
    prose = page.select_one(".prose")
    assert prose.select_one("#dieu-1").get_text().startswith("Điều 1.")
    assert prose.select_one("#dieu-6-khoan-2").get_text() == "Khoản thứ hai."
    assert len({tag["id"] for tag in prose.select("[id^=dieu-]")}) == 18
    toc = page.select_one("nav.document-toc")
    assert [a["href"] for a in toc.select("a")] == [f"#dieu-{n}" for n in range(1, 7)]
    assert toc.select_one("a").get_text() == "Điều 1. Nội dung của điều 1"
    short = site.page("/van-ban/chi-thi-15-ct-ttg-ngay-22-05-2012/")
    assert short.select_one("#dieu-2") and short.select_one("nav.document-toc") is None  # two articles: no contents


def test_a_citation_of_an_article_lands_on_it_and_a_missing_one_is_a_warning(site):
    site.write("van-ban/nd-43.md", decree(6))
    site.write(
        "tin-tuc/dia-phuong/a.md",
        news("Công khai thông tin")
        + "\nTheo khoản 2 Điều 5 Nghị định 43/2011/NĐ-CP, cơ quan phải công khai.\n\n"
        + "Điều 6 của Nghị định số 43/2011/NĐ-CP nói về dịch vụ công.\n\n"
        + "Còn Điều 9 Nghị định 43/2011/NĐ-CP thì không có.\n",
    )
    result = site.build()
    assert result.ok
    links = [a["href"] for a in site.page("/tin-tuc/dia-phuong/cong-khai-thong-tin/").select(".prose a.citation")]
    assert links == [DECREE + "#dieu-5-khoan-2", DECREE + "#dieu-6", DECREE]
    [warning] = [p for p in result.problems if p.path == "tin-tuc/dia-phuong/a.md"]
    assert warning.severity == "warning" and warning.line == 16
    assert 'trích dẫn "Điều 9 43/2011/NĐ-CP"' in warning.message and "không có Điều 9" in warning.message
    assert "Nghị định 43/2011/NĐ-CP: Quy định về việc cung cấp" in warning.message

    # the decree gains its ninth article: the citation remembered by the last build lands on it now
    site.write("van-ban/nd-43.md", decree(9))
    result = site.build()
    assert not [p for p in result.problems if p.path == "tin-tuc/dia-phuong/a.md"]
    links = [a["href"] for a in site.page("/tin-tuc/dia-phuong/cong-khai-thong-tin/").select(".prose a.citation")]
    assert links[-1] == DECREE + "#dieu-9"


def test_a_documents_anchors_digest_the_same_in_every_process():
    """The remembered citations digest each target's repr: its anchors must not follow the process's string
    hashing (a set would, and no citation would ever be remembered from one build to the next)."""
    import os
    import subprocess
    import sys

    from conftest import ROOT

    script = (
        "from portal_content.articles import anchor_articles, anchors_in\n"
        "html = anchor_articles(''.join(f'<p>Điều {n}. X</p><p>1. a</p><p>2. b</p>' for n in range(1, 30)))\n"
        "print(repr(anchors_in(html)))"
    )
    seen = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "plugins")},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(seen) == 1 and "dieu-29-khoan-2" in seen.pop()
