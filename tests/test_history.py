"""History and addresses (issue 25, items 3 and 4): every item's page says when it last changed and why,
its Lịch sử page lists its versions with a redline, and every address once published answers: 301 to
where the item is now (one hop), or 410 since it was withdrawn. Derived from git, so a fresh clone
answers the same. Real git, real builds, the real HTTP server."""

import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, SETTINGS
from office import TODAY, Office, ask, public_text
from portal_content.private import private_of
from samples import document, news

SECTION = "tin-tuc/tin-tong-hop/"


def page(output, url: str) -> BeautifulSoup:
    return BeautifulSoup((output / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_renames_answer_one_hop_to_where_the_item_is_now(site, keys):
    office = Office(site, keys)
    site.write("tin-tuc/cau.md", news("Khánh thành cầu"))
    office.commit("Tin cầu")
    site.write("tin-tuc/cau.md", news("Khánh thành cầu Trà Khúc"))
    office.commit("Sửa tiêu đề")
    site.write("tin-tuc/cau.md", news("Khánh thành cầu Trà Khúc", extra="slug: cau-tra-khuc"))
    office.commit("Đặt slug")
    office.git("mv", "content/tin-tuc/cau.md", "content/tin-tuc/cau-tra-khuc.md")
    office.commit("Đổi tên tệp")
    result = office.build()
    assert result.ok, site.messages()

    now = SECTION + "cau-tra-khuc/"
    for old in (SECTION + "khanh-thanh-cau/", SECTION + "khanh-thanh-cau-tra-khuc/"):
        status, headers, _ = ask(site.output, "/" + old)
        assert status == 301 and headers["Location"] == "/" + now  # one hop, from the first name too
        status, headers, _ = ask(site.output, "/" + old.rstrip("/"))
        assert status == 301 and headers["Location"] == "/" + now
        fallback = page(site.output, old)  # for a host without redirects
        assert fallback.find("link", rel="canonical")["href"].endswith("/" + now)
        assert fallback.find("meta", attrs={"http-equiv": "refresh"})["content"].endswith("/" + now)
    assert ask(site.output, "/" + now)[0] == 200
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert now in sitemap and "khanh-thanh-cau/" not in sitemap
    nginx = (private_of(site.output) / "dia-chi-chuyen.map").read_text(encoding="utf-8")
    assert f'"/{SECTION}khanh-thanh-cau/" "/{now}";' in nginx
    assert not list(site.output.rglob("*.map"))  # the map is the server's, beside the site, not the public's


def test_a_withdrawn_item_answers_410_since_when_and_nothing_of_it(site, keys):
    office = Office(site, keys)
    site.write("van-ban/qd-10.md", document(number="10/QĐ-UBND", doc_type="Quyết định", title="Về giá nước sạch"))
    site.write("tin-tuc/hop.md", news("Họp báo quý ba"))
    office.commit("Đăng")
    (site.content / "van-ban/qd-10.md").unlink()
    office.commit("Gỡ quyết định đăng nhầm")
    site.write("tin-tuc/hop.md", news("Họp báo quý ba", extra="status: draft"))
    office.commit("Rút tin họp báo")
    deleted_on = office.git("log", "-1", "--skip=1", "--format=%cI").strip()
    result = office.build()
    assert result.ok, site.messages()

    gone = "/van-ban/quyet-dinh-10-qd-ubnd-ngay-22-05-2012/"
    status, _, body = ask(site.output, gone)
    assert status == 410
    said = " ".join(BeautifulSoup(body, "html.parser").main.get_text().split())
    day = datetime.fromisoformat(deleted_on).astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    assert f"đã được gỡ khỏi cổng từ ngày {day:%d/%m/%Y}" in said
    assert "giá nước sạch" not in body and "10/QĐ-UBND" not in body
    assert ask(site.output, "/" + SECTION + "hop-bao-quy-ba/")[0] == 410
    assert "giá nước sạch" not in public_text(site.output)
    assert gone.strip("/") not in (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert '"' + gone + '" 1;' in (private_of(site.output) / "dia-chi-go.map").read_text(encoding="utf-8")


def test_a_fresh_clone_answers_the_same(site, keys, tmp_path_factory):
    from portal_build import build

    office = Office(site, keys)
    site.write("tin-tuc/cau.md", news("Khánh thành cầu"))
    office.commit("Tin cầu")
    site.write("tin-tuc/cau.md", news("Khánh thành cầu", extra="slug: cau-moi"))
    site.write("tin-tuc/cu.md", news("Tin cũ sẽ gỡ"))
    office.commit("Slug mới")
    (site.content / "tin-tuc/cu.md").unlink()
    office.commit("Gỡ tin cũ")

    clone = tmp_path_factory.mktemp("fresh") / "portal"
    subprocess.run(["git", "clone", "-q", f"file://{office.root}", str(clone)], check=True)
    output = clone.parent / "output"
    result = build(SETTINGS, clone / "content", output, {"PORTAL_TODAY": TODAY})
    assert result.ok, [str(p) for p in result.problems]
    assert ask(output, f"/{SECTION}khanh-thanh-cau/")[:2][0] == 301
    assert ask(output, f"/{SECTION}khanh-thanh-cau/")[1]["Location"] == f"/{SECTION}cau-moi/"
    assert ask(output, f"/{SECTION}tin-cu-se-go/")[0] == 410


def test_each_item_has_its_history_with_a_redline(site, keys):
    office = Office(site, keys)
    site.write(
        "van-ban/qd-10.md",
        document(number="10/QĐ-UBND", doc_type="Quyết định") + "\nGiá nước là 5.000 đồng mỗi mét khối.\n",
    )
    office.commit("Đăng Quyết định 10")
    site.write(
        "van-ban/qd-10.md",
        document(number="10/QĐ-UBND", doc_type="Quyết định", extra="changes:\n  - 2024-05-02: Đính chính giá nước")
        + "\nGiá nước là 6.000 đồng mỗi mét khối.\n",
    )
    office.commit("Sửa giá")
    site.write(
        "van-ban/qd-10.md",
        document(
            number="10/QĐ-UBND",
            doc_type="Quyết định",
            extra="signer: Nguyễn Văn A\nchanges:\n  - 2024-05-02: Đính chính giá nước",
        )
        + "\nGiá nước là 6.000 đồng mỗi mét khối.\n",
    )
    office.commit("Thêm người ký")
    result = office.build()
    assert result.ok, site.messages()

    url = "van-ban/quyet-dinh-10-qd-ubnd-ngay-22-05-2012/"
    line = page(site.output, url).find(class_="last-changed")
    assert "Cập nhật lần cuối" in line.text and "Thêm người ký" in line.text
    assert line.find("a")["href"].endswith("/" + url + "lich-su/") and "Lịch sử 3 phiên bản" in line.text

    history = page(site.output, url + "lich-su/")
    versions = history.select("ol.versions > li")
    assert [v.h2.text.split(",")[0] for v in versions] == [
        "Phiên bản 3: Cập nhật thông tin",
        "Phiên bản 2: Đính chính",
        "Phiên bản 1: Đăng lần đầu",
    ]
    corrected = versions[1]
    assert corrected.find("del").text == "5.000" and corrected.find("ins").text == "6.000"
    assert "Đính chính giá nước" in corrected.text  # the change note staff wrote, not the commit message
    assert "Thêm người ký" in versions[0].text and "signer: (không có) → «Nguyễn Văn A»" in versions[0].text
    assert "Nội dung không đổi" in versions[0].text
    assert history.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_with_review_a_version_is_what_an_approval_published(office):
    site = office.site
    site.write("tin-tuc/dia-phuong/cau.md", news("Khánh thành cầu Trà Khúc").replace("Nội dung của", "Bài viết về"))
    office.commit("Sửa bài cầu")
    office.commit("Sửa chính tả")
    office.approve("Đồng ý bản sửa")
    site.write("tin-tuc/dia-phuong/cau.md", news("Khánh thành cầu Trà Khúc mới"))
    office.commit("Chờ duyệt: tiêu đề mới")  # not approved: not a version, not an address
    result = office.build()
    assert result.ok, site.messages()
    url = "tin-tuc/dia-phuong/khanh-thanh-cau-tra-khuc/"
    history = page(site.output, url + "lich-su/")
    versions = history.select("ol.versions > li")
    assert len(versions) == 2
    assert "Người duyệt: duyet@stttt.gov.vn" in versions[0].text
    assert "Sửa bài cầu" in versions[0].text and "«Đồng ý bản sửa»" in versions[0].text
    assert "tiêu đề mới" not in history.text
    assert ask(site.output, "/" + url)[0] == 200


def test_no_history_is_said_plainly(site, keys, tmp_path_factory):
    from portal_build import build

    site.write("tin-tuc/cau.md", news("Khánh thành cầu"))
    result = site.build(TODAY)
    assert result.ok
    assert "không nằm trong kho git" in result.history_note
    assert page(site.output, SECTION + "khanh-thanh-cau/").find(class_="last-changed") is None

    office = Office(site, keys)
    office.commit("Một")
    site.write("tin-tuc/cau.md", news("Khánh thành cầu mới"))
    office.commit("Hai")
    clone = tmp_path_factory.mktemp("shallow") / "portal"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{office.root}", str(clone)], check=True)
    result = build(SETTINGS, clone / "content", clone.parent / "output", {"PORTAL_TODAY": TODAY})
    assert result.ok and "bản sao nông" in result.history_note


def nginx_site(output, port: int) -> str:
    """The README's nginx site for the static part, on `output` and `port` (brotli_static needs a module
    Debian's nginx-light lacks; the rest is the README's, word for word)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```nginx\n(# Debian: apt install nginx.*?)```", readme, re.DOTALL).group(1)
    block = block.replace("/srv/portal/output", str(output)).replace("listen 80;", f"listen 127.0.0.1:{port};")
    return "\n".join(line for line in block.splitlines() if "brotli_static" not in line)


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed (invoke tools installs it)")
def test_the_readmes_nginx_answers_old_addresses(site, keys, tmp_path_factory):
    office = Office(site, keys)
    site.write("tin-tuc/cau.md", news("Khánh thành cầu"))
    site.write("tin-tuc/cu.md", news("Tin cũ sẽ gỡ"))
    office.commit("Đăng")
    site.write("tin-tuc/cau.md", news("Khánh thành cầu", extra="slug: cau-moi"))
    (site.content / "tin-tuc/cu.md").unlink()
    office.commit("Slug mới, gỡ tin cũ")
    assert office.build().ok, site.messages()

    folder = tmp_path_factory.mktemp("nginx")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    user = "user root;\n" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(
        f"{user}pid {folder}/nginx.pid;\nerror_log {folder}/error.log;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  access_log off;\n{nginx_site(site.output, port)}\n}}\n",
        encoding="utf-8",
    )
    nginx = subprocess.Popen(["nginx", "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"])
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)

        def get(path):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.getheader("Location"), response.read().decode("utf-8", "replace")

        status, location, _ = get(f"/{SECTION}khanh-thanh-cau/")
        assert (status, location.removeprefix(f"http://127.0.0.1:{port}")) == (301, f"/{SECTION}cau-moi/")
        status, _, body = get(f"/{SECTION}tin-cu-se-go/")
        assert status == 410 and "Trang đã được gỡ" in body
        assert get(f"/{SECTION}cau-moi/")[0] == 200
        assert get("/../output.private/dia-chi-chuyen.map")[0] in (400, 404)
    finally:
        nginx.terminate()
        nginx.wait(10)


def test_a_redline_never_marks_across_paragraphs():
    """A run of removed or added words that spans paragraphs is marked in each (valid HTML: a <del> never
    holds a paragraph's end)."""
    from portal_history.redline import redline

    before = "---\ntitle: A\n---\nMột hai.\n\nBa bốn.\n\nSáu bảy.\n"
    after = "---\ntitle: B\n---\nSáu bảy.\n\nTám chín.\n\nMười.\n"
    fields, html, changed = redline(before, after)
    assert changed and fields == ("title: «A» → «B»",)
    for paragraph in re.findall(r"<p>(.*?)</p>", html):
        for tag in ("del", "ins"):
            assert paragraph.count(f"<{tag}>") == paragraph.count(f"</{tag}>"), html
    assert "<p><del>Một hai.</del></p><p><del>Ba bốn.</del></p><p>Sáu bảy.</p>" in html and "<ins>" in html
