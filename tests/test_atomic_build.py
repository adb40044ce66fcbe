"""Never half-publish: a failed build leaves the previous output byte for byte."""

from conftest import tree_digest
from portal_build import swap_in
from samples import document, news


def test_failed_build_leaves_previous_output_untouched(site):
    site.write("tin-tuc/a.md", news(title="Tin thứ nhất"))
    site.write("van-ban/a.md", document())
    assert site.build().ok
    before = tree_digest(site.output)
    assert "index.html" in before

    site.write("tin-tuc/b.md", news(title="Tin thứ hai"))  # a good change...
    site.write("van-ban/b.md", document(number="16/CT-TTg", issued="2014-02-30"))  # ...and a bad one
    assert not site.build().ok
    assert tree_digest(site.output) == before
    # nothing left beside the output but its build lock (a file every build of it takes in turn)
    assert [p.name for p in site.root.iterdir() if p.name.startswith(".output")] == [".output.lock"]


def test_successful_rebuild_replaces_everything(site):
    site.write("tin-tuc/a.md", news(title="Tin thứ nhất"))
    assert site.build().ok
    (site.content / "tin-tuc/a.md").unlink()
    site.write("tin-tuc/b.md", news(title="Tin thứ hai"))
    assert site.build().ok
    assert not site.exists("/tin-tuc/tin-tong-hop/tin-thu-nhat/")
    assert site.exists("/tin-tuc/tin-tong-hop/tin-thu-hai/")


def test_first_failed_build_creates_no_output(site):
    site.write("tin-tuc/a.md", "không có phần đầu")
    assert not site.build().ok
    assert not site.output.exists()


def test_swap_in_exchanges_whole_folders(tmp_path):
    live, staging = tmp_path / "output", tmp_path / "staging"
    live.mkdir()
    (live / "old.html").write_text("cũ")
    staging.mkdir()
    (staging / "new.html").write_text("mới")
    swap_in(staging, live)
    assert sorted(p.name for p in live.iterdir()) == ["new.html"]
    assert not staging.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
