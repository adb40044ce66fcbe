"""Link integrity (issue 25, item 5): a build that would take a live document off the portal (its file
deleted, its number changed, withdrawn as draft or hidden) while others name it says so before anything
goes live, naming each item that names it: a relation is an error, a citation in a text a warning. Real
builds over a real live output; `invoke check` says the same."""

from conftest import SETTINGS, Site, tree_digest
from samples import document, news

LIVE = "/van-ban/chi-thi-15-ct-ttg-ngay-22-05-2012/"


def portal(root) -> Site:
    site = Site(root)
    site.write("van-ban/ct-15.md", document())
    site.write(
        "van-ban/qd-42.md",
        document(number="42/2012/QĐ-UBND", doc_type="Quyết định", issued="2012-06-01", extra="implements: [15/CT-TTg]"),
    )
    site.write(
        "tin-tuc/tin.md", news(title="Tin nhắc Chỉ thị").replace("Nội dung của", "Theo Chỉ thị 15/CT-TTg, nội dung của")
    )
    assert site.build().ok, site.messages()
    return site


def test_deleting_a_document_others_name_is_refused_naming_each_and_nothing_goes_live(tmp_path):
    from portal_build.check import check_content

    site = portal(tmp_path)
    live = tree_digest(site.output)
    (site.content / "van-ban" / "ct-15.md").unlink()
    result = site.build()
    assert not result.ok
    messages = site.messages()
    [error] = [m for m in messages if m.startswith("van-ban/qd-42.md")]
    assert 'trường "implements"' in error and "Chỉ thị 15/CT-TTg ngày 22/5/2012 đang đăng trên cổng" in error
    assert "tệp đã bị xóa" in error and "không có trên cổng" not in error  # one message, the one that says why
    [warning] = [p for p in result.problems if p.path == "tin-tuc/tin.md"]
    assert not warning.is_error and "trích dẫn Chỉ thị 15/CT-TTg ngày 22/5/2012" in warning.message
    assert tree_digest(site.output) == live  # nothing half-built is published
    checked = [str(p) for p in check_content(SETTINGS, site.content, {"PORTAL_LIVE_OUTPUT": str(site.output)})]
    assert checked == messages  # invoke check: the same problems, before a build is tried


def test_withdrawing_or_renumbering_is_taken_down_too_and_a_relation_removed_first_lets_it_go(tmp_path):
    site = portal(tmp_path)
    path = site.content / "van-ban" / "ct-15.md"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("issued: 2012-05-22", "issued: 2012-05-22\nstatus: hidden"), encoding="utf-8")
    assert not site.build().ok
    assert any("status: draft hoặc hidden" in m and m.startswith("van-ban/qd-42.md") for m in site.messages())
    path.write_text(original.replace("number: 15/CT-TTg", "number: 16/CT-TTg"), encoding="utf-8")
    assert not site.build().ok
    assert any("đã đổi số" in m and m.startswith("van-ban/qd-42.md") for m in site.messages())
    # the decision no longer names it: the directive goes; the news item's citation is only a warning
    site.write("van-ban/qd-42.md", document(number="42/2012/QĐ-UBND", doc_type="Quyết định", issued="2012-06-01"))
    path.unlink()
    assert site.build().ok, site.messages()
    assert [m.split(":")[0] for m in site.messages()] == ["tin-tuc/tin.md"]
    assert not site.exists(LIVE)
    # once it is gone, the next build has nothing to take down: the citation is a plain number again
    assert site.build().ok and site.messages() == []


def test_without_a_live_site_nothing_is_taken_down(tmp_path):
    site = Site(tmp_path)
    site.write(
        "van-ban/qd-42.md",
        document(number="42/2012/QĐ-UBND", doc_type="Quyết định", issued="2012-06-01", extra="implements: [15/CT-TTg]"),
    )
    assert site.build().ok
    assert all("đang đăng trên cổng" not in m for m in site.messages())
