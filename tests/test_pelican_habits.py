"""Pelican users' habits hold: `pelican content` reports in Vietnamese, and a second run in one
process (what `pelican -r` does on every change) sees each file once."""

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SETTINGS
from samples import document


def test_pelican_content_reports_problems_in_vietnamese_without_a_traceback(site, tmp_path):
    site.write("van-ban/a.md", document(issued="2012-02-30"))
    pelican = str(Path(sys.executable).parent / "pelican")
    done = subprocess.run(
        [pelican, str(site.content), "-s", str(SETTINGS), "-o", str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert 'van-ban/a.md, dòng 6, trường "issued"' in done.stderr and "Traceback" not in done.stderr + done.stdout


def test_a_second_run_in_one_process_sees_each_file_once(site, tmp_path):
    from pelican import Pelican
    from pelican.settings import read_settings

    site.write("van-ban/a.md", document())
    settings = read_settings(
        str(SETTINGS),
        override={"PATH": str(site.content), "OUTPUT_PATH": str(tmp_path / "out"), "PORTAL_TODAY": "2024-06-01"},
    )
    for _ in range(2):  # pelican -r: one Pelican, run on every change
        Pelican(settings).run()
    assert (tmp_path / "out" / "van-ban" / "chi-thi-15-ct-ttg-ngay-22-05-2012" / "index.html").is_file()


def test_two_items_with_one_url_get_the_vietnamese_message_only(site, caplog):
    from samples import news

    site.write("tin-tuc/a.md", news(title="Cùng tiêu đề"))
    site.write("tin-tuc/b.md", news(title="Cùng tiêu đề"))
    assert not site.build().ok
    assert any("trùng đường dẫn /tin-tuc/tin-tong-hop/cung-tieu-de/" in m for m in site.messages())
    assert not [r for r in caplog.records if "There are" in r.getMessage()]


def test_a_date_more_than_a_year_ahead_is_called_out(site):
    from samples import news

    site.write("tin-tuc/a.md", news(title="Năm gõ nhầm", date="2041-06-25 13:46"))
    result = site.build(today="2024-06-01")
    assert result.ok
    assert site.messages() == [
        (
            'tin-tuc/a.md, trường "date": ngày đăng 25/06/2041 cách hôm nay hơn một năm: bài được hẹn giờ, chưa có '
            "trên cổng đến ngày đó.\n"
            "  Kiểm tra lại năm (viết nhầm 2041 thay cho năm khác?); nếu đúng là hẹn giờ thì bỏ qua cảnh báo này."
        )
    ]


def test_a_date_with_another_offset_is_the_same_moment_everywhere(site):
    from samples import news
    from search_server import Server

    site.write("tin-tuc/a.md", news(title="Giờ quốc tế", date="2024-01-10T02:30:00Z"))  # 09:30 in Vietnam
    assert site.build(today="2024-06-01").ok, site.messages()
    page = site.page("/tin-tuc/tin-tong-hop/gio-quoc-te/")
    assert page.select_one(".news__meta time")["datetime"] == "2024-01-10T09:30:00+07:00"
    assert "09:30" in page.select_one(".news__meta").get_text()
    server = Server(site.output)
    try:
        assert server.api(q="giờ quốc tế")["results"][0]["date"] == "2024-01-10T09:30:00+07:00"
    finally:
        server.close()
