"""What staff do with what came in: list it, count it per draft, export it for Excel, purge it
after the retention period, and turn an answered question into a content file."""

from collections import Counter
from datetime import date, datetime, time
from pathlib import Path

import yaml
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


TITLE_CHARS = 80


def draft_title(question: str) -> str:
    """The question's first words, at most TITLE_CHARS characters, cut between words (… when cut)."""
    text = " ".join(question.split())
    if len(text) <= TITLE_CHARS:
        return text.rstrip(" ,.;:")
    cut = text[: TITLE_CHARS + 1].rsplit(" ", 1)[0] if " " in text[:TITLE_CHARS] else text[:TITLE_CHARS]
    return cut.rstrip(" ,.;:") + "…"


def question_to_content(submission: Submission, content_root: Path) -> Path:
    """A draft hỏi đáp holding the question (never the asker's name or address), for staff to answer
    and publish: content/hoi-dap/<receipt>.md. Every value is written by the YAML library, so no text a
    citizen sent (a backslash, a line "---", only "???") can break the header; the address is the
    receipt's (slug), whatever the title becomes."""
    from .validation import clean_text

    path = Path(content_root) / "hoi-dap" / f"{submission.receipt.lower()}.md"
    if path.exists():
        raise FileExistsError(path)
    question = clean_text(submission.noi_dung).replace("\r\n", "\n")
    header = {
        "title": draft_title(question) or FIELD_PLACEHOLDERS["question"],
        "slug": submission.receipt.lower(),
        "question": question,
    }
    written = yaml.dump(header, Dumper=_Literal, allow_unicode=True, sort_keys=False, width=10_000)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"""---
{written}asked: {submission.created_at:%Y-%m-%d}
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


def _literal_block(dumper, value: str):
    """A text of several lines as a `|` block, as staff write it (YAML falls back to quotes where a block
    cannot hold it exactly); in quotes too when a line of it is "---" or "...", which would end the header
    (portal_content.front_matter.split)."""
    lines = {line.strip() for line in value.split("\n")}
    style = '"' if lines & {"---", "..."} else "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


class _Literal(yaml.SafeDumper):
    pass


_Literal.add_representer(str, _literal_block)
