"""What a citizen sends, checked field by field, with a Vietnamese message for each problem."""

import re
import unicodedata

from portal_content.fields import ARTICLE_NUMBER

from .config import FeedbackConfig
from .consent import VERSION_FIELD, purposes_for

# C0 and C1 controls (tab and line ends kept), and the bidirectional overrides and isolates that turn text
# around on screen (U+202A-202E, U+2066-2069): a citizen's text is shown as it was typed, in its order
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
MARKS_PER_LETTER = 3  # Vietnamese needs two at most (ế = e + ̂ + ́); more is a pile meant to cost work
_EMAIL = re.compile(r"^[^@\s<>\"]{1,64}@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
HONEYPOT = "website"  # hidden from people; a robot that fills every field fills it
ARTICLE = "dieu"  # the article of a draft a comment is on
LABELS = {"ho_ten": "Họ và tên", "email": "Thư điện tử", "noi_dung": "Nội dung"}
# what the list of problems calls each field (a link to it in the form sent back)
PROBLEM_LABELS = {
    **LABELS,
    "dong_y": "Đồng ý xử lý dữ liệu",
    "cong_khai_ten": "Công bố họ tên",
    "dang_cau_hoi": "Đăng câu hỏi",
    VERSION_FIELD: "Thông báo về dữ liệu cá nhân",
    ARTICLE: "Góp ý cho điều",
}


def clean_text(value: str) -> str:
    """Without controls and direction overrides, combining marks capped at three a letter, in NFC. Linear in
    the text's length: normalising an unbounded run of marks costs time quadratic in the run."""
    kept, run = [], 0
    for char in _CONTROL.sub("", value or ""):
        run = run + 1 if unicodedata.combining(char) else 0
        if run <= MARKS_PER_LETTER:
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)).strip()


def check(
    form: dict[str, str],
    config: FeedbackConfig,
    kind: str = "hoi-dap",
    notice_version: str = "",
    articles: tuple[str, ...] | None = None,
) -> tuple[dict, dict]:
    """(clean fields, problems by field); no problem means the submission may be stored. The fields hold
    the purposes agreed to (each its own box) and the version of the notice read: the one the form names,
    which must be `notice_version` (the notice now), or, from a client that names none, that one.
    `articles`: the draft's articles ("1", "2", …), which `dieu` must name; None: no article asked."""
    fields, problems = {}, {}
    for name, label in LABELS.items():
        limit = config.max_chars[name]
        raw = form.get(name, "")
        if len(raw) > 4 * limit:  # refused before any work on it (NFC shortens a decomposed text, never to a fourth)
            problems[name] = f"{label} dài {len(raw):,} ký tự, quá giới hạn {limit:,} ký tự.".replace(",", ".")
            fields[name] = ""
            continue
        value = clean_text(raw)
        if name == "noi_dung":
            value = value.replace("\r\n", "\n")
        elif "\n" in value or "\r" in value:
            value = " ".join(value.split())
        if not value:
            problems[name] = f"Chưa điền {label.lower()}."
        elif len(value) > limit:
            problems[name] = f"{label} dài {len(value):,} ký tự, quá giới hạn {limit:,} ký tự.".replace(",", ".")
        elif name == "email" and not _EMAIL.match(value):
            problems[name] = "Thư điện tử không đúng dạng, ví dụ đúng: nguyenvana@gmail.com."
        fields[name] = value
    agreed = []
    for purpose in purposes_for(kind):
        value = form.get(purpose.field, "")
        if value == "co":
            agreed.append(purpose.code)
        elif purpose.required:
            problems[purpose.field] = "Cần đánh dấu đồng ý cho phép xử lý dữ liệu cá nhân để gửi."
        elif value:
            problems[purpose.field] = 'Ô này chỉ nhận "co" (đồng ý) hoặc để trống (không đồng ý).'
    fields["purposes"] = tuple(agreed)
    shown = form.get(VERSION_FIELD, "").strip()
    if shown and notice_version and shown != notice_version:
        problems[VERSION_FIELD] = (
            "Thông báo về xử lý dữ liệu cá nhân đã thay đổi từ khi bạn mở trang. Xin đọc thông báo mới dưới "
            "đây và đánh dấu lại các ô đồng ý."
        )
    fields["notice_version"] = notice_version
    if articles is not None and form.get(ARTICLE, "").strip():
        match = ARTICLE_NUMBER.match(form[ARTICLE])
        if match is None:
            problems[ARTICLE] = "Ghi số của điều được góp ý, ví dụ 5; để trống nếu góp ý chung cho cả dự thảo."
        elif match[1] not in articles:
            problems[ARTICLE] = (
                f"Dự thảo không có Điều {match[1]}"
                + (f" (có Điều {articles[0]} đến Điều {articles[-1]})." if articles else ".")
                + " Để trống nếu góp ý chung cho cả dự thảo."
            )
        else:
            fields[ARTICLE] = match[1]
    return fields, problems
