"""What staff do with what came in: list it, count it per draft, export it for Excel, purge it
after the retention period, and turn an answered question into a content file."""

from collections import Counter
from datetime import date, datetime, time
from pathlib import Path

from portal_content.schema import FIELD_PLACEHOLDERS, PLACEHOLDERS
from portal_text.spreadsheet import spreadsheet_csv

from .store import VIETNAM, Store, Submission

CSV_COLUMNS = ("Mã biên nhận", "Thời điểm gửi", "Dự thảo", "Họ và tên", "Thư điện tử", "Nội dung")


def day_start(text: str) -> datetime:
    """The first moment of a YYYY-MM-DD day in Vietnam (ValueError with the text otherwise)."""
    return datetime.combine(date.fromisoformat(text.strip()), time(0, 0), VIETNAM)


def listing(submissions: list[Submission], kind: str) -> str:
    """The console view: one line each, newest last, and for comments the count per draft."""
    lines = []
    for s in submissions:
        where = f" [{s.document}]" if s.document else ""
        text = " ".join(s.noi_dung.split())
        lines.append(
            f"{s.receipt}  {s.created_at:%d/%m/%Y %H:%M}{where}  {s.ho_ten} <{s.email}>: "
            f"{text[:100]}{'…' if len(text) > 100 else ''}"
        )
    if kind == "gop-y":
        counts = Counter(s.document for s in submissions)
        lines.append("")
        lines += [f"{document}: {count} góp ý" for document, count in sorted(counts.items())]
    lines.append(f"Tổng cộng: {len(submissions)} {'góp ý' if kind == 'gop-y' else 'câu hỏi'}.")
    return "\n".join(lines)


def as_csv(submissions: list[Submission]) -> bytes:
    """For Excel: UTF-8 with a byte-order mark, cells never read as formulas (portal_text.spreadsheet)."""
    return spreadsheet_csv(
        CSV_COLUMNS,
        (
            (s.receipt, s.created_at.isoformat(timespec="seconds"), s.document or "", s.ho_ten, s.email, s.noi_dung)
            for s in submissions
        ),
    )


def purge(store: Store, before: str) -> int:
    return store.purge_before(day_start(before))


def question_to_content(submission: Submission, content_root: Path) -> Path:
    """A draft hỏi đáp holding the question (never the asker's name or address), for staff to answer
    and publish: content/hoi-dap/<receipt>.md."""
    path = Path(content_root) / "hoi-dap" / f"{submission.receipt.lower()}.md"
    if path.exists():
        raise FileExistsError(path)
    first = " ".join(submission.noi_dung.split())[:80].rstrip(" ,.;:")
    title = first.replace('"', "'")
    asked = "\n".join("  " + line if line.strip() else "" for line in submission.noi_dung.strip().splitlines())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"""---
title: "{title}"
question: |
{asked}
asked: {submission.created_at:%Y-%m-%d}
answered: {submission.created_at:%Y-%m-%d}      # sửa thành ngày trả lời
answered_by: {FIELD_PLACEHOLDERS["answered_by"]}
receipt: {submission.receipt}
status: draft
# Viết câu trả lời bên dưới, sửa title cho gọn, điền answered và answered_by, rồi xóa dòng status: draft
# để đăng. Không ghi họ tên, thư điện tử người hỏi; muốn ghi người hỏi thì thêm asker: (như cơ quan chọn ghi).
---

{PLACEHOLDERS[3]}
""",
        encoding="utf-8",
    )
    return path
