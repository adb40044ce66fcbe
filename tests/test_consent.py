"""Consent that can be proven (issue 29, item 6): a box per purpose, none ticked; each submission stored with
its purposes and the version of the notice read, whose text the store keeps; a citizen sees and asks to
delete what they sent with the receipt code and the e-mail address; staff carry out deletions and the
retention period by command, and each deletion is recorded. SQLite and a real PostgreSQL alike."""

import json
import sqlite3
import urllib.parse
from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from conftest import run_invoke
from portal_feedback.store import SCHEMA
from test_feedback import GOOD, OPEN, VIETNAM, Service, comment, portal, stored  # noqa: F401 - portal: a fixture

LOOKUP_WORDS = "Không tìm thấy nội dung nào với mã biên nhận và thư điện tử này"


def form_of(html: str):
    return BeautifulSoup(html, "html.parser").select_one("main form.feedback-form")


def receipt_of(headers) -> str:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(headers["Location"]).query)["ma"][0]


def test_each_purpose_is_its_own_unticked_box_and_the_notice_is_a_printable_page_with_its_version(portal):  # noqa: F811
    from portal_feedback.consent import LAW

    question = portal.page("/hoi-dap/")
    form = question.select_one("main form")
    boxes = [box["name"] for box in form.select('input[type="checkbox"]')]
    assert boxes == ["dong_y", "cong_khai_ten", "dang_cau_hoi"]
    assert not form.select("input[checked]")
    assert [b["name"] for b in form.select("input[required]") if b["type"] == "checkbox"] == ["dong_y"]
    for box in form.select('input[type="checkbox"]'):  # every box has its own label, inside a fieldset
        assert question.select_one(f'label[for="{box["id"]}"]').get_text(strip=True)
    assert form.select_one("fieldset legend")
    # the page promises only what the form asks: publication of the question needs its own box
    lead = question.select_one("main h1").find_next("p").get_text(" ", strip=True)
    assert "ô đồng ý đăng câu hỏi" in lead and "khi người hỏi đồng ý" not in lead
    version = form.select_one('input[name="thong_bao"]')["value"]
    notice = portal.page("/phan-hoi/thong-bao-du-lieu/")
    assert notice.select_one(".data-notice__version strong").get_text() == version
    text = notice.select_one("main").get_text(" ", strip=True)
    assert LAW in text and "2 năm" in text and "Tiếp nhận và trả lời" in text and "Công bố họ tên" in text
    assert form.select_one('a[href="/phan-hoi/thong-bao-du-lieu/"]')
    # the same version on the draft's form, the receipt page links the lookup
    assert portal.page(OPEN).select_one('.comment-draft input[name="thong_bao"]')["value"] == version
    assert portal.page("/phan-hoi/da-nhan/").select_one('a[href="/phan-hoi/tra-cuu/"]')


def test_a_submission_names_its_purposes_and_the_notice_version_whose_text_the_store_keeps(portal, database):  # noqa: F811
    service = Service(portal.output, database)
    version = service.get("/hoi-dap/")[1].split('name="thong_bao" value="')[1].split('"')[0]
    try:
        assert service.post("/api/gop-y", comment(cong_khai_ten="co", thong_bao=version))[0] == 303
        status, _, body = service.post("/api/hoi-dap", {**GOOD, "thong_bao": version}, {"Accept": "application/json"})
        assert status == 201
        rows = {row.kind: row for row in stored(database)}
        assert rows["gop-y"].purposes == ("tra-loi", "cong-khai-ten") and rows["gop-y"].publish_name
        assert rows["hoi-dap"].purposes == ("tra-loi",)  # silence is not consent: the unticked boxes are not
        assert {row.notice_version for row in rows.values()} == {version}
        from portal_feedback import view_of

        assert service.store.notice(version) == view_of(service.config).notice_text
        # a client that names no version agreed to the notice in force; a box sent with another value is refused
        assert service.post("/api/hoi-dap", GOOD, {"Accept": "application/json"})[0] == 201
        assert stored(database)[-1].notice_version == version
        status, _, body = service.post("/api/hoi-dap", {**GOOD, "cong_khai_ten": "1"}, {"Accept": "application/json"})
        assert status == 400 and "cong_khai_ten" in json.loads(body)["truong"]
        # publishing the name is not enough: processing to answer is the one box needed
        status, _, body = service.post("/api/gop-y", comment(dong_y="", cong_khai_ten="co"))
        assert status == 400 and "Cần đánh dấu đồng ý" in body.decode()
        assert len(stored(database)) == 3
    finally:
        service.close()


def test_a_form_read_under_an_older_notice_is_sent_back_with_the_new_notice_and_its_boxes_unticked(portal, tmp_path):  # noqa: F811
    database = str(tmp_path / "db.sqlite3")
    service = Service(portal.output, database)
    try:
        sent = {**GOOD, "cong_khai_ten": "co", "dang_cau_hoi": "co", "thong_bao": "0123456789"}
        status, _, body = service.post("/api/hoi-dap", sent)
        assert status == 400 and "Thông báo về xử lý dữ liệu cá nhân đã thay đổi" in body.decode()
        form = form_of(body.decode())
        assert form.select_one('textarea[name="noi_dung"]').get_text() == GOOD["noi_dung"]  # nothing typed is lost
        assert not form.select("input[checked]")  # the citizen ticks again, under the notice now shown
        assert form.select_one('input[name="thong_bao"]')["value"] != "0123456789"
        assert stored(database) == []
    finally:
        service.close()


def test_a_citizen_sees_what_they_sent_and_asks_for_its_deletion_which_staff_carry_out_and_record(portal, database):  # noqa: F811
    service = Service(portal.output, database)
    try:
        status, headers, _ = service.post("/api/gop-y", comment(cong_khai_ten="co"))
        code = receipt_of(headers)
        other = receipt_of(service.post("/api/hoi-dap", {**GOOD, "email": "khac@gmail.com"})[1])
        assert BeautifulSoup(service.get("/phan-hoi/tra-cuu/")[1], "html.parser").select_one(
            'main form[action="/api/tra-cuu"] input[name="ma"]'
        )
        # the receipt and the address it was sent with (letter case aside): what was sent, purposes, notice
        status, _, body = service.post("/api/tra-cuu", {"ma": code.lower(), "email": GOOD["email"].upper()})
        page = BeautifulSoup(body.decode(), "html.parser")
        shown = page.select_one(".lookup dl").get_text(" ", strip=True)
        assert status == 200 and code in shown and "Đề nghị bổ sung Điều 5." in shown
        assert "Tiếp nhận và trả lời; Công bố họ tên" in shown and "phiên bản" in shown
        assert page.select_one(".lookup details").get_text(" ", strip=True).count("91/2025/QH15") >= 1
        # a wrong address and an unknown code are told alike
        for ma, email in (
            (code, "ai.do@gmail.com"),
            ("GY-20240601-ABCDEFGH", GOOD["email"]),
            (code, "đặng.an@gmail.com"),  # letters beyond ASCII: compared as bytes, never a 5xx
            ("GY-20240601-ABCDEFGH", "đặng.an@gmail.com"),
            (other, GOOD["email"]),
        ):
            status, _, body = service.post("/api/tra-cuu", {"ma": ma, "email": email})
            assert status == 404 and LOOKUP_WORDS in body.decode()
        status, _, body = service.post(
            "/api/tra-cuu", {"ma": code, "email": GOOD["email"]}, {"Accept": "application/json"}
        )
        data = json.loads(body)
        assert (data["ma"], data["muc_dich"], data["yeu_cau_xoa"]) == (code, ["tra-loi", "cong-khai-ten"], None)
        # the request to delete, from the page's own button
        erase = page.select_one('form[action="/api/yeu-cau-xoa"]')
        fields = {field["name"]: field["value"] for field in erase.select("input[type=hidden]")}
        status, _, body = service.post("/api/yeu-cau-xoa", fields)
        assert status == 200 and "Đã ghi nhận yêu cầu xóa" in body.decode()
        assert not BeautifulSoup(body.decode(), "html.parser").select('form[action="/api/yeu-cau-xoa"]')
        assert [e.receipt for e in service.store.erasures(pending=True)] == [code]
        # staff see the request, carry it out, and the record names who did it, and nothing of what went
        env = {"PORTAL_FEEDBACK_DB": database}
        listed = run_invoke("du-lieu-ca-nhan", env=env)
        assert listed.returncode == 0 and code in listed.stdout and "CHƯA XÓA" in listed.stdout, listed.stderr
        done = run_invoke("du-lieu-ca-nhan", "--carry-out", "--by", "Nguyễn Thị Bình", "--all", env=env)
        assert done.returncode == 0 and f"Đã xóa 1 bản gửi theo yêu cầu của người gửi: {code}" in done.stdout
        assert "theo yêu cầu của người gửi, Nguyễn Thị Bình" in done.stdout
        assert [row.receipt for row in stored(database)] == [other]
        [record] = service.store.erasures()
        assert (record.receipt, record.reason, record.erased_by) == (code, "yeu-cau", "Nguyễn Thị Bình")
        assert record.requested_at <= record.erased_at
        assert GOOD["email"] not in repr(record) and GOOD["ho_ten"] not in repr(record)
        status, _, body = service.post("/api/tra-cuu", {"ma": code, "email": GOOD["email"]})
        assert status == 404 and LOOKUP_WORDS in body.decode()
    finally:
        service.close()


def test_the_retention_period_is_applied_by_a_staff_command_and_each_deletion_recorded(database):
    from portal_feedback.store import open_store

    store = open_store(database)
    try:
        now = datetime.now(VIETNAM)
        old = store.add("hoi-dap", GOOD, "a", (99, 60), now=now - timedelta(days=800))
        kept = store.add("hoi-dap", GOOD, "a", (99, 60), now=now - timedelta(days=700))
        result = run_invoke("du-lieu-ca-nhan", "--retention", env={"PORTAL_FEEDBACK_DB": database})
        assert result.returncode == 0, result.stderr
        assert "Đã xóa 1 bản gửi quá thời hạn lưu 2 năm" in result.stdout
        assert [s.receipt for s in store.submissions()] == [kept]
        [record] = store.erasures()
        assert (record.receipt, record.reason, record.requested_at) == (old, "het-han", None)
        assert record.erased_at and record.erased_by
    finally:
        store.close()


# the tables as the first release made them: the store's SCHEMA, which stays version 1 (MIGRATIONS build on
# it), with no schema version and one submission of that release
V1_SCHEMA = [
    *SCHEMA,
    "INSERT INTO meta (name, value) VALUES ('address_key', '00')",
    (
        "INSERT INTO submissions VALUES ('HD-20250101-ABCDEFGH', 'hoi-dap', NULL, NULL, 'An', 'an@gmail.com', "
        "'Câu hỏi cũ', 'x', '2025-01-01T09:00:00+07:00')"
    ),
]


def test_a_database_of_the_first_release_is_brought_up_to_date_and_keeps_its_submissions(database):
    from portal_feedback.store import SCHEMA_VERSION, open_store

    if database.startswith("postgresql"):
        import psycopg

        with psycopg.connect(database, autocommit=True) as connection:
            for statement in V1_SCHEMA:
                connection.execute(statement)
    else:
        from pathlib import Path

        Path(database).parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(database) as connection:
            for statement in V1_SCHEMA:
                connection.execute(statement)
    for _ in range(2):  # opened again: nothing left to do
        store = open_store(database)
        try:
            [old] = store.submissions()
            assert (old.receipt, old.purposes, old.notice_version, old.dieu) == (
                "HD-20250101-ABCDEFGH",
                ("tra-loi",),  # the one box the first release asked
                "",
                None,
            )
            assert store.schema_version() == SCHEMA_VERSION == 2
        finally:
            store.close()


@pytest.mark.parametrize(
    "purposes, written", [((), None), (("dang-cau-hoi",), False), (("dang-cau-hoi", "cong-khai-ten"), True)]
)
def test_a_question_becomes_a_page_only_when_its_asker_agreed_and_names_them_only_when_they_agreed_to_that(
    tmp_path, purposes, written
):
    from portal_feedback.store import open_store

    database = str(tmp_path / "db.sqlite3")
    store = open_store(database)
    code = store.add("hoi-dap", {**GOOD, "purposes": ("tra-loi", *purposes)}, "a", (99, 60))
    store.close()
    content = tmp_path / "content"
    result = run_invoke(
        "hoi-dap", "--to-content", code, "--content", str(content), env={"PORTAL_FEEDBACK_DB": database}
    )
    if written is None:
        assert result.returncode == 1 and "không đồng ý đăng câu hỏi" in result.stderr + result.stdout
        assert not content.exists()
        return
    assert result.returncode == 0, result.stderr
    page = next((content / "hoi-dap").glob("*.md")).read_text(encoding="utf-8")
    assert (f"asker: {GOOD['ho_ten']}" in page) is written and GOOD["email"] not in page


def test_the_pages_the_write_path_answers_with_are_valid_html(portal, tmp_path):  # noqa: F811
    """The lookup's answer, its request to delete, and a form sent back under a new notice: the Nu HTML
    Checker finds no error in what the service renders for each request."""
    from quality import html_errors

    service = Service(portal.output, str(tmp_path / "db.sqlite3"))
    try:
        code = receipt_of(service.post("/api/gop-y", comment(cong_khai_ten="co"))[1])
        answers = {
            "tra-cuu": service.post("/api/tra-cuu", {"ma": code, "email": GOOD["email"]}),
            "khong-thay": service.post("/api/tra-cuu", {"ma": code, "email": "khac@gmail.com"}),
            "yeu-cau-xoa": service.post("/api/yeu-cau-xoa", {"ma": code, "email": GOOD["email"]}),
            "thong-bao-cu": service.post("/api/hoi-dap", {**GOOD, "thong_bao": "cu"}),
        }
    finally:
        service.close()
    files = []
    for name, (_, _, body) in answers.items():
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(body)
    assert html_errors(files, tmp_path) == []
