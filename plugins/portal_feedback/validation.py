"""What a citizen sends, checked field by field, with a Vietnamese message for each problem."""

import re
import unicodedata

from .config import FeedbackConfig

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EMAIL = re.compile(r"^[^@\s<>\"]{1,64}@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
HONEYPOT = "website"  # hidden from people; a robot that fills every field fills it
CONSENT = "dong_y"
LABELS = {"ho_ten": "Họ và tên", "email": "Thư điện tử", "noi_dung": "Nội dung"}


def _clean(value: str) -> str:
    return unicodedata.normalize("NFC", _CONTROL.sub("", value or "")).strip()


def check(form: dict[str, str], config: FeedbackConfig) -> tuple[dict, dict]:
    """(clean fields, problems by field); no problem means the submission may be stored."""
    fields, problems = {}, {}
    for name, label in LABELS.items():
        value = _clean(form.get(name, ""))
        if name == "noi_dung":
            value = value.replace("\r\n", "\n")
        elif "\n" in value or "\r" in value:
            value = " ".join(value.split())
        limit = config.max_chars[name]
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
