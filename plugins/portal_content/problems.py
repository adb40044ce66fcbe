"""Problems in content, kept as data and reported together at the end of a run.

Every message is Vietnamese and says, in the editor's words, what is wrong and
what to write instead; the file is named from the content folder:

    van-ban/ct-08.md, dòng 5, trường "issued": "16/6/2014" không phải ngày hợp lệ.
      Hãy viết theo dạng YYYY-MM-DD, ví dụ: issued: 2014-06-16
"""

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    hint: str = ""
    line: int | None = None
    field: str | None = None
    severity: str = ERROR
    about: str | None = None  # the number (number_key) a relation warning is about, to drop it if that file is broken

    def __str__(self) -> str:
        where = [self.path]
        if self.line:
            where.append(f"dòng {self.line}")
        if self.field:
            where.append(f'trường "{self.field}"')
        text = f"{', '.join(where)}: {self.message}"
        if self.hint:
            text += "\n  " + self.hint.replace("\n", "\n  ")
        return text

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


class Invalid(Exception):
    """A field converter's refusal: what is wrong, and what to write instead."""

    def __init__(self, message: str, hint: str = "", line: int | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.line = line


class ContentError(Exception):
    """Raised to stop a build: the content has problems, listed in `problems`."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = sum(p.is_error for p in problems)
        super().__init__(f"{errors} lỗi trong nội dung")


GROUP_FROM = 6  # this many warnings about numbers the portal does not carry are told as one


def report(problems: list[Problem], grouped: bool = True) -> str:
    """All problems, errors first, then a one-line count. Warnings about cited numbers the portal does not
    carry (a real archive has hundreds) are told as one, with how many and which, unless `grouped` is off:
    one per place, as `invoke check --all` prints them."""
    absent = [p for p in problems if not p.is_error and p.about is not None]
    if not grouped or len(absent) < GROUP_FROM:
        absent = []
    told = [p for p in problems if p not in absent]
    ordered = sorted(told, key=lambda p: (not p.is_error, p.path, p.line or 0))
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    lines = [("LỖI: " if p.is_error else "CẢNH BÁO: ") + str(p) for p in ordered]
    if absent:
        lines.append(absent_numbers(absent))
    lines.append(f"Tổng cộng: {errors} lỗi, {warnings} cảnh báo.")
    return "\n".join(lines)


def absent_numbers(absent: list[Problem]) -> str:
    """One warning for every citation of a number the portal does not carry: the numbers, most cited first."""
    import re
    from collections import Counter

    shown = Counter()
    for problem in absent:
        quoted = re.search(r'"([^"]+)"', problem.message)
        shown[quoted[1] if quoted else problem.about] += 1
    listed = ", ".join(f"{number} ({count} chỗ)" if count > 1 else number for number, count in shown.most_common(12))
    more = f" và {len(shown) - 12} số khác" if len(shown) > 12 else ""
    return (
        f"CẢNH BÁO: {len(absent)} chỗ trích dẫn {len(shown)} số ký hiệu không có trên cổng; được ghi là chữ, "
        f"không có liên kết: {listed}{more}.\n"
        "  Xem từng chỗ: invoke check --all. Văn bản đăng ở cổng khác (của Chính phủ, của Bộ …): ghi số ký hiệu "
        'vào PORTAL_LEGAL["known_elsewhere"] trong pelicanconf.py thì không nhắc nữa.'
    )
