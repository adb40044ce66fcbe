"""The write path under abuse (issue 30, items 6-9): rate limits that count an IPv6 /64 and every post,
behind a proxy on a unix socket too; bounded work on what is sent; the form's Origin compared with the
portal's own address; HSTS over HTTPS; no direction overrides kept; staff files and exports that no text
a citizen sends can break."""

import csv
import http.client
import io
import os
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from conftest import ROOT, SETTINGS, run_invoke
from test_feedback import GOOD, Service, portal  # noqa: F401 - the module's built portal, as a fixture


@pytest.fixture
def service(portal, tmp_path):  # noqa: F811
    running = Service(portal.output, str(tmp_path / "phan-hoi.sqlite3"), rate=(5, 600))
    yield running
    running.close()


def test_one_ipv6_64_is_one_sender_for_the_rate_limit(service):
    answers = [service.post("/api/hoi-dap", GOOD, {"X-Forwarded-For": f"2001:db8:1:2::{n:x}"})[0] for n in range(1, 13)]
    assert answers[:5] == [303] * 5 and set(answers[5:]) == {429}
    assert service.post("/api/hoi-dap", GOOD, {"X-Forwarded-For": "2001:db8:1:3::1"})[0] == 303  # another /64


def test_refusals_count_too_and_a_pile_of_combining_marks_costs_no_time(service):
    marks = "a" + "\u0301" * 4_900  # 30 KB of combining marks once encoded: NFC on them was 0.45 s of CPU
    started = time.process_time()
    status, _, _ = service.post("/api/hoi-dap", {**GOOD, "noi_dung": marks}, {"Accept": "application/json"})
    assert status == 201  # kept as "á" and two marks: three marks a letter at most
    assert time.process_time() - started < 0.2
    [kept] = service.store.submissions("hoi-dap")
    assert len(kept.noi_dung) == 3
    answers = [service.post("/api/hoi-dap", {**GOOD, "email": "x"})[0] for _ in range(25)]
    assert answers[:18] == [400] * 18 and answers[-1] == 429  # four times the rate limit, refused or not


def test_the_origin_is_compared_with_the_portals_address_not_the_host_header(portal, tmp_path):  # noqa: F811
    from pelican.settings import read_settings
    from portal_feedback import feedback_config
    from portal_feedback.service import create_app

    settings = read_settings(str(SETTINGS))
    settings["SITEURL"] = "https://stttt.quangngai.gov.vn"
    settings["PORTAL_FEEDBACK"] = {**settings["PORTAL_FEEDBACK"], "database": str(tmp_path / "db.sqlite3")}
    app = create_app(portal.output, feedback_config(settings))

    def post(origin: str, host: str) -> str:
        body = urllib.parse.urlencode(GOOD).encode()
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/api/hoi-dap",
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(len(body)),
            "HTTP_ORIGIN": origin,
            "HTTP_HOST": host,
            "REMOTE_ADDR": "198.51.100.7",
            "wsgi.input": io.BytesIO(body),
        }
        answered = []
        app(environ, lambda status, headers, exc_info=None: answered.append(status))
        return answered[0]

    assert post("https://evil.example", "evil.example").startswith("403")  # the sender wrote both
    assert post("http://localhost:8000", "localhost:8000").startswith("403")  # a preview's address, not this one
    assert post("https://stttt.quangngai.gov.vn", "evil.example").startswith("303")


def test_strict_transport_security_only_for_requests_that_came_over_https(portal, tmp_path):  # noqa: F811
    import threading

    from pelican.settings import read_settings
    from portal_serve.app import portal_app

    from search.service import make_threaded_server

    settings = read_settings(str(SETTINGS))
    settings["PORTAL_FEEDBACK"] = {**settings["PORTAL_FEEDBACK"], "database": str(tmp_path / "db.sqlite3")}
    httpd = make_threaded_server("127.0.0.1", 0, portal_app(portal.output, settings))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        seen = {}
        for path in ("/", "/tim-kiem/?q=du+thao", "/khong-co/"):
            for proto in ("https", None):
                connection = http.client.HTTPConnection("127.0.0.1", httpd.server_port, timeout=30)
                connection.request("GET", path, headers={"X-Forwarded-Proto": proto} if proto else {})
                response = connection.getresponse()
                response.read()
                seen[path, proto] = response.getheader("Strict-Transport-Security")
                connection.close()
        # from 127.0.0.1, a trusted proxy that says the reader came over HTTPS; over plain HTTP, never
        assert {v for (_, proto), v in seen.items() if proto} == {"max-age=31536000"}
        assert {v for (_, proto), v in seen.items() if not proto} == {None}
    finally:
        httpd.shutdown()


def test_behind_a_proxy_on_a_unix_socket_each_citizen_has_their_own_limit(portal, tmp_path):  # noqa: F811
    """gunicorn on a unix socket, as the README runs it: the peer has no address, so the proxy's
    X-Forwarded-For is believed ("unix" in trusted_proxies) and one citizen's posts do not stop another's."""
    sock = tmp_path / "portal.sock"
    env = {
        **os.environ,
        "PORTAL_OUTPUT": str(portal.output),
        "PORTAL_SETTINGS": str(SETTINGS),
        "PORTAL_FEEDBACK_DB": str(tmp_path / "db.sqlite3"),
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--workers",
            "1",
            "--bind",
            f"unix:{sock}",
            "--pythonpath",
            f"{ROOT},{ROOT / 'plugins'}",
            "portal_serve.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not sock.exists() and time.monotonic() < deadline:
            time.sleep(0.05)

        def post(citizen: str) -> int:
            body = urllib.parse.urlencode(GOOD).encode()
            client = socket.socket(socket.AF_UNIX)
            client.connect(str(sock))
            request = (
                "POST /api/hoi-dap HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost\r\n"
                f"X-Forwarded-For: {citizen}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
            ).encode() + body
            client.sendall(request)
            answer = b""
            while chunk := client.recv(65536):
                answer += chunk
            client.close()
            return int(answer.split(b" ", 2)[1])

        first = [post("203.0.113.5") for _ in range(6)]
        assert first[:5] == [303] * 5 and first[5] == 429
        assert post("203.0.113.6") == 303  # another citizen, through the same proxy
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_direction_overrides_and_c1_controls_never_reach_the_store(service):
    text = "Xin hỏi \u202egnoc\u202c về \u2066thủ tục\u2069\u0085 cấp phép?"
    status, _, _ = service.post("/api/hoi-dap", {**GOOD, "noi_dung": text})
    assert status == 303
    [stored] = service.store.submissions("hoi-dap")
    assert stored.noi_dung == "Xin hỏi gnoc về thủ tục cấp phép?"


@pytest.mark.parametrize(
    "question",
    [
        "Tệp ở C:\\Users\\an\\Desktop\\don.docx có được nhận không?",
        "Dòng đầu\n---\ntitle: giả\n---\nDòng cuối",
        "???",
        "Xin hỏi \u202ethủ tục\u202c cấp phép báo điện tử gồm những giấy tờ gì, nộp ở đâu và mất bao nhiêu ngày làm việc?",
        '"Trích dẫn" # không phải chú thích: {a: 1} [b] &c *d',
    ],
)
def test_a_question_to_content_is_a_draft_no_text_can_break(tmp_path, question):
    from pelican.settings import read_settings
    from portal_content import content_config, load
    from portal_feedback.store import open_store

    database = str(tmp_path / "db.sqlite3")
    store = open_store(database)
    # the asker agreed to their question being published, and to their name (which must not break it either)
    asked = {
        **GOOD,
        "noi_dung": question,
        "ho_ten": question[:100],
        "purposes": ("tra-loi", "dang-cau-hoi", "cong-khai-ten"),
    }
    store.add("hoi-dap", asked, "a", (99, 60))
    receipt = store.submissions("hoi-dap")[0].receipt
    made = run_invoke(
        "hoi-dap", "--to-content", receipt, "--content", str(tmp_path / "content"), env={"PORTAL_FEEDBACK_DB": database}
    )
    assert made.returncode == 0, made.stdout + made.stderr
    draft = next((tmp_path / "content" / "hoi-dap").glob("*.md"))
    loaded = load(draft, tmp_path / "content", content_config(read_settings(str(SETTINGS))))
    assert loaded.problems == [], [str(p) for p in loaded.problems]
    record = loaded.item
    assert "\u202e" not in draft.read_text(encoding="utf-8")
    assert record.slug == receipt.lower() and record.status == "draft"
    assert len(record.title) <= 81 and not record.title.endswith((" ", "……"))
    plain = " ".join(question.replace("\u202e", "").replace("\u202c", "").split())  # as the store keeps it
    if len(plain) > 80:
        assert record.title.endswith("…") and record.title[:-1] in plain
        assert record.title[:-1].split()[-1] in plain.split()  # cut between words, never inside one
    assert "\n\n".join(record.question).split() == plain.split()


def test_the_staff_export_never_hands_excel_a_formula_whatever_its_separator(tmp_path):
    from portal_feedback.store import open_store

    database = str(tmp_path / "db.sqlite3")
    store = open_store(database)
    store.add("hoi-dap", {**GOOD, "noi_dung": "Góp ý;=1+1;+SUM(A1);@x"}, "a", (99, 60))
    assert run_invoke("hoi-dap", "--csv", str(tmp_path / "x.csv"), env={"PORTAL_FEEDBACK_DB": database}).returncode == 0
    text = (tmp_path / "x.csv").read_bytes().decode("utf-8-sig")
    for separator in (",", ";"):  # Excel's separator follows the computer's list separator
        for row in csv.reader(io.StringIO(text), delimiter=separator):
            assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), (separator, row)


def test_a_draft_questions_text_is_never_kept_in_the_read_cache(site, tmp_path):
    cache = tmp_path / "cache"
    site.write(
        "hoi-dap/hd-1.md",
        "---\ntitle: Câu hỏi\nquestion: Số điện thoại 0905123456 của tôi có bị lộ không?\nasked: 2024-01-01\n"
        "answered: 2024-01-02\nanswered_by: Văn phòng\nstatus: draft\n---\nTrả lời.\n",
    )
    site.write("tin-tuc/dia-phuong/a.md", "---\ntitle: Tin\ndate: 2024-01-01\n---\nNội dung.\n")
    assert site.build(PORTAL_CACHE_PATH=str(cache)).ok
    kept = b"".join(p.read_bytes() for p in Path(f"{cache}-read").rglob("*") if p.is_file())
    assert kept and b"0905123456" not in kept


@pytest.mark.parametrize(
    ("request_line", "status"),
    [
        (b"GARBAGE", b"400"),
        (b"GET / HTTP/9.9", b"505"),
        (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 x y z", b"400"),
    ],
)
def test_a_request_no_server_can_read_gets_a_status_line_and_a_vietnamese_page(service, request_line, status):
    client = socket.create_connection(("127.0.0.1", service.port), timeout=30)
    client.sendall(request_line + b"\r\n\r\n")
    answer = b""
    while chunk := client.recv(65536):
        answer += chunk
    client.close()
    assert answer.startswith(b"HTTP/1.0 " + status + b" "), answer[:100]
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b"GARBAGE" not in head and 'lang="vi"' in body.decode() and "Yêu cầu không hợp lệ" in body.decode()


@pytest.mark.parametrize("day", ["1/1/99999999999999999999", "99999999999999999999-01-01", "31/2/2024", "1" * 5000])
def test_a_date_no_calendar_has_is_no_limit_not_a_server_error(service, day):
    status, page = service.get(f"/tim-kiem/?q=du+thao&from={urllib.parse.quote(day)}")
    assert status == 200 and "Tìm thấy" in page
    status, _ = service.get(f"/api/search?q=du+thao&to={urllib.parse.quote(day)}")
    assert status == 200


def test_a_refused_form_comes_back_filled_with_each_problem_beside_its_field(service):
    """Issue 30, item 12: a 5,000-character question with a mistyped address is not lost."""
    from bs4 import BeautifulSoup

    question = "Xin hỏi về thủ tục cấp phép. " * 170  # 4,930 characters, typed by a citizen
    status, _, body = service.post("/api/hoi-dap", {**GOOD, "email": "nam@example", "noi_dung": question})
    assert status == 400
    page = BeautifulSoup(body.decode(), "html.parser")
    form = page.select_one("form.feedback-form")
    assert form["action"].endswith("/api/hoi-dap")
    assert form.select_one("#hoi-dap-ho-ten")["value"] == GOOD["ho_ten"]
    email = form.select_one("#hoi-dap-email")
    assert email["value"] == "nam@example" and email["aria-invalid"] == "true"
    assert "không đúng dạng" in form.select_one("#" + email["aria-describedby"].split()[-1]).get_text()
    assert form.select_one("#hoi-dap-noi-dung").get_text() == question
    assert form.select_one("#hoi-dap-dong-y").has_attr("checked")
    # the summary at the top links to the field, and sending the corrected form is accepted
    assert page.select_one(".feedback-problems a[href='#hoi-dap-email']")
    fixed = {
        field["name"]: field.get("value", "") for field in form.select("input[name]") if field["type"] != "checkbox"
    }
    fixed.update(email="nam@example.vn", noi_dung=form.select_one("textarea").get_text(), dong_y="co")
    assert service.post("/api/hoi-dap", fixed)[0] == 303
