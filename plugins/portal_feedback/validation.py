"""What a citizen sends, checked field by field, with a Vietnamese message for each problem."""

import re
import unicodedata

from .config import FeedbackConfig

# C0 and C1 controls (tab and line ends kept), and the bidirectional overrides and isolates that turn text
# around on screen (U+202A-202E, U+2066-2069): a citizen's text is shown as it was typed, in its order
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
MARKS_PER_LETTER = 3  # Vietnamese needs two at most (ế = e + ̂ + ́); more is a pile meant to cost work
_EMAIL = re.compile(r"^[^@\s<>\"]{1,64}@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
HONEYPOT = "website"  # hidden from people; a robot that fills every field fills it
CONSENT = "dong_y"
LABELS = {"ho_ten": "Họ và tên", "email": "Thư điện tử", "noi_dung": "Nội dung"}


def clean_text(value: str) -> str:
    """Without controls and direction overrides, combining marks capped at three a letter, in NFC. Linear in
    the text's length: normalising an unbounded run of marks costs time quadratic in the run."""
    kept, run = [], 0
    for char in _CONTROL.sub("", value or ""):
        run = run + 1 if unicodedata.combining(char) else 0
        if run <= MARKS_PER_LETTER:
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)).strip()


def check(form: dict[str, str], config: FeedbackConfig) -> tuple[dict, dict]:
    """(clean fields, problems by field); no problem means the submission may be stored."""
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
    if form.get(CONSENT) != "co":
        problems[CONSENT] = "Cần đánh dấu đồng ý cho phép xử lý dữ liệu cá nhân để gửi."
    return fields, problems
