"""Nothing outside content/ is ever published, nothing uploaded runs script, the output is servable.

Each test reproduces one finding of the security review (issue 19) with a real build.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from conftest import SETTINGS, Site
from portal_content.private import private_of, search_index_of
from samples import news

SECRET = "BÍ MẬT KHÔNG ĐƯỢC ĐĂNG 7f3a"


def news_with_body(body: str, title: str = "Tin có liên kết") -> str:
    return news(title=title).replace(f"Nội dung của {title}.", body)


@pytest.fixture
def secret(tmp_path) -> Path:
    """A file beside the content folder, standing for /etc/passwd or a key of the server."""
    path = tmp_path / "SECRET.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def check(site: Site) -> list[str]:
    from portal_build.check import check_content

    return [str(p) for p in check_content(SETTINGS, site.content)]


def assert_refused(site: Site, *needles: str) -> None:
    """The build publishes nothing, `invoke check` fails too, and both name what is wrong."""
    result = site.build()
    assert not result.ok
    assert not site.output.exists()
    for needle in needles:
        assert any(needle in m for m in site.messages()), site.messages()
        assert any(needle in m for m in check(site)), check(site)


@pytest.mark.parametrize(
    "link",
    [
        "{attach}../../../SECRET.txt",
        "{static}/../SECRET.txt",
        "{static}../../../SECRET.txt",
        "|attach|../../../SECRET.txt",
        "{filename}/../SECRET.txt",
    ],
)
def test_a_body_link_in_pelican_syntax_never_reaches_outside_content(site, secret, link):
    site.write("tin-tuc/dia-phuong/a.md", news_with_body(f"[Tải về]({link})"))
    assert_refused(site, "nằm ngoài thư mục content/")
    messages = site.messages()
    assert any("tin-tuc/dia-phuong/a.md, dòng" in m for m in messages), messages


def test_a_link_hidden_in_an_attribute_is_refused_too(site, secret):
    # Pelican's own link pattern matches inside any attribute; the sanitizer keeps single quotes there
    site.write(
        "tin-tuc/dia-phuong/a.md",
        news_with_body('<a title="src=\'&#123;attach&#125;../../../SECRET.txt\'" href="#">x</a>'),
    )
    result = site.build()
    assert not result.ok
    assert any("nằm ngoài thư mục content/" in m for m in site.messages()), site.messages()


def test_nothing_of_the_secret_is_written_anywhere(site, secret, tmp_path):
    site.write("tin-tuc/dia-phuong/a.md", news_with_body("[x]({static}/../SECRET.txt)"))
    site.build()
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p != secret]
    assert not any(SECRET.encode() in p.read_bytes() for p in written)


def test_a_link_inside_content_in_pelican_syntax_still_works(site):
    site.write_bytes("files/bao-cao.pdf", b"%PDF-1.4 test")
    site.write("tin-tuc/dia-phuong/a.md", news_with_body("[Báo cáo]({static}/files/bao-cao.pdf)"))
    assert site.build().ok, site.messages()
    assert site.page("tin-tuc/dia-phuong/tin-co-lien-ket/").select_one('a[href="/files/bao-cao.pdf"]')


@pytest.mark.parametrize("where", ["files/passwd", "files/thu-muc", "tin-tuc/dia-phuong/b.md"])
def test_a_symbolic_link_in_content_is_refused_by_name(site, secret, where):
    site.write("tin-tuc/dia-phuong/a.md", news())
    (site.content / where).parent.mkdir(parents=True, exist_ok=True)
    target = secret.parent if where.endswith("thu-muc") else secret
    (site.content / where).symlink_to(target)
    assert_refused(site, f"{where}: đây là liên kết tượng trưng (symlink)")


def test_an_image_field_through_a_symbolic_link_is_refused(site, secret):
    (site.content / "files").mkdir(parents=True)
    (site.content / "files" / "anh.jpg").symlink_to(secret)
    site.write("tin-tuc/dia-phuong/a.md", news(extra="image: ../../files/anh.jpg"))
    assert_refused(site, "symlink")


@pytest.mark.parametrize(
    "name, data",
    [
        ("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'),
        ("evil2.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        (
            "evil3.svg",
            (
                b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
                b'<a x:href="javascript:alert(1)"><text>x</text></a></svg>'
            ),
        ),
        (
            "evil4.svg",
            (
                b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><body xmlns="http://www.w3.org/1999/xhtml">'
                b'<iframe src="javascript:alert(1)"/></body></foreignObject></svg>'
            ),
        ),
        ("evil.html", b"<script>alert(document.cookie)</script>"),
        ("evil.js", b"alert(1)"),
        ("evil.xml", b'<?xml-stylesheet type="text/xsl" href="x.xsl"?><a/>'),
    ],
)
def test_an_upload_that_would_run_script_is_refused(site, name, data):
    site.write("tin-tuc/dia-phuong/a.md", news())
    site.write_bytes(f"files/{name}", data)
    assert_refused(site, f"files/{name}:")


def test_a_plain_svg_and_the_usual_documents_are_published(site):
    site.write("tin-tuc/dia-phuong/a.md", news())
    site.write_bytes(
        "files/so-do.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        b'<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="10" height="10"/>'
        b'<use href="#g"/></svg>',
    )
    for name in ("qd.pdf", "bang.xlsx", "anh.jpg", "ghi-am.mp3"):
        site.write_bytes(f"files/{name}", b"data")
    assert site.build().ok, site.messages()
    for name in ("so-do.svg", "qd.pdf", "bang.xlsx", "anh.jpg", "ghi-am.mp3"):
        assert (site.output / "files" / name).is_file()


def test_a_body_link_to_an_html_file_beside_the_markdown_is_refused(site):
    site.write_bytes("tin-tuc/dia-phuong/trang.html", b"<script>alert(1)</script>")
    site.write("tin-tuc/dia-phuong/a.md", news_with_body("[Xem](trang.html)"))
    result = site.build()
    assert not result.ok
    assert any("tin-tuc/dia-phuong/trang.html: tệp loại này (đuôi .html)" in m for m in site.messages()), (
        site.messages()
    )


# --------------------------------------------------------------------------- servable by the web server's user


def _readable_by_nobody(folder: Path) -> list[str]:
    """What the `nobody` user cannot read or enter under `folder`, asked of the kernel as that user."""
    found = subprocess.run(
        [
            "setpriv",
            "--reuid=nobody",
            "--regid=nogroup",
            "--clear-groups",
            "find",
            str(folder),
            "(",
            "!",
            "-readable",
            "-o",
            "-type",
            "d",
            "!",
            "-executable",
            ")",
            "-print",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.split() + ([found.stderr] if found.returncode else [])


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root to act as another user")
@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_the_web_servers_user_can_read_every_file_of_the_output(umask):
    # a folder every user may enter, as /srv is: pytest's own temporary folders are private
    base = Path(tempfile.mkdtemp(prefix="portal-perm-"))
    try:
        os.chmod(base, 0o755)
        site = Site(base)
        site.write("tin-tuc/dia-phuong/a.md", news())
        site.write_bytes("files/qd.pdf", b"%PDF")
        old = os.umask(umask)
        try:
            assert site.build().ok, site.messages()
            site.write("tin-tuc/dia-phuong/b.md", news(title="Tin thứ hai"))
            assert site.build().ok, site.messages()  # and after a rebuild (the swap) too
        finally:
            os.umask(old)
        assert _readable_by_nobody(site.output) == []
        assert _readable_by_nobody(private_of(site.output)) == []  # the services may run as another user
        assert search_index_of(site.output).is_dir()
    finally:
        # the rebuild's old output may still be going, removed by a detached rm (portal_build/swap.py)
        shutil.rmtree(base, ignore_errors=True)


# --------------------------------------------------------------------------- open data and citations


def test_open_data_csv_cells_are_never_formulas(site):
    import csv
    import io

    from samples import document

    site.write(
        "van-ban/a.md",
        document(
            title='\'=HYPERLINK("http://evil.example","Bấm")\'', extra='signer: "@SUM(1+1)"\ntopics: ["+cmd", "-2+3"]'
        ),
    )
    assert site.build().ok, site.messages()
    text = (site.output / "van-ban/du-lieu-mo/van-ban.csv").read_bytes().decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["title"] == '\'=HYPERLINK("http://evil.example","Bấm")'
    assert row["signer"] == "'@SUM(1+1)" and row["topics"] == "'+cmd; -2+3"
    for value in row.values():
        assert not value.startswith(("=", "+", "-", "@")), value
    # the JSON keeps the values as written: only a spreadsheet reads cells as formulas
    assert "=HYPERLINK" in (site.output / "van-ban/du-lieu-mo/van-ban.json").read_text(encoding="utf-8")


def test_the_citation_linker_never_writes_inside_an_attribute():
    from datetime import date

    from portal_legal.citations import Target, link_citations

    html = '<p><abbr title="xem 15/CT-TTg > 08/CT-UBND">CT</abbr> theo Chỉ thị 15/CT-TTg.</p>'
    from search.numbers import number_key

    targets = {
        number_key("15/CT-TTg"): [Target("van-ban/15.md", "/van-ban/ct-15/", "Chỉ thị 15", date(2012, 5, 22))],
        number_key("08/CT-UBND"): [Target("van-ban/08.md", "/van-ban/ct-08/", "Chỉ thị 08", date(2014, 6, 16))],
    }
    linked = link_citations(html, targets)
    assert linked.html.startswith('<p><abbr title="xem 15/CT-TTg > 08/CT-UBND">CT</abbr>')
    assert linked.html.count('<a class="citation"') == 1 and linked.cited == {"van-ban/15.md"}
