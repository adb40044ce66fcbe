"""What staff do with what came in: list it, count it per draft, export it for Excel, purge it
after the retention period, and turn an answered question into a content file."""

import getpass
from collections import Counter
from datetime import date, datetime, time, timedelta
from pathlib import Path

import yaml
from portal_content.schema import FIELD_PLACEHOLDERS, PLACEHOLDERS
from portal_text import slugify
from portal_text.spreadsheet import spreadsheet_csv

from .consent import BY_CODE
from .store import ASKED, RETENTION, STAFF, VIETNAM, Erasure, Store, Submission

CSV_COLUMNS = (
    "Mã biên nhận",
    "Thời điểm gửi",
    "Dự thảo",
    "Điều",
    "Họ và tên",
    "Thư điện tử",
    "Nội dung",
    "Đồng ý",
    "Phiên bản thông báo",
)
REASONS = {ASKED: "theo yêu cầu của người gửi", RETENTION: "hết thời hạn lưu", STAFF: "cán bộ xóa theo ngày"}


def day_start(text: str) -> datetime:
    """The first moment of a YYYY-MM-DD day in Vietnam (ValueError with the text otherwise)."""
    return datetime.combine(date.fromisoformat(text.strip()), time(0, 0), VIETNAM)


def listing(submissions: list[Submission], kind: str) -> str:
    """The console view: one line each, newest last, and for comments the count per draft."""
    lines = []
    for s in submissions:
        where = f" [{s.document}{f', Điều {s.dieu}' if s.dieu else ''}]" if s.document else ""
        text = " ".join(s.noi_dung.split())
        lines.append(
            f"{s.receipt}  {s.created_at:%d/%m/%Y %H:%M}{where}  {s.ho_ten} <{s.email}>: "
            f"{text[:100]}{'…' if len(text) > 100 else ''}"
        )
    if kind == "gop-y":
        counts = Counter(s.document for s in submissions)
        by_article = Counter((s.document, s.dieu) for s in submissions)
        lines.append("")
        for document, count in sorted(counts.items()):
            lines.append(f"{document}: {count} góp ý")
            articles = sorted((a for d, a in by_article if d == document), key=_article_order)
            lines += [f"  {_article_name(a)}: {by_article[(document, a)]}" for a in articles]
    lines.append(f"Tổng cộng: {len(submissions)} {'góp ý' if kind == 'gop-y' else 'câu hỏi'}.")
    return "\n".join(lines)


def _article_order(article: str | None) -> tuple:
    return (article is not None, int(article) if article else 0)


def _article_name(article: str | None) -> str:
    return f"Điều {article}" if article else "Toàn bộ dự thảo"


def purposes_text(submission: Submission) -> str:
    return "; ".join(BY_CODE[code].name if code in BY_CODE else code for code in submission.purposes)


def as_csv(submissions: list[Submission]) -> bytes:
    """For Excel: UTF-8 with a byte-order mark, cells never read as formulas (portal_text.spreadsheet); a
    comment's article, the purposes agreed to and the notice read are columns of their own."""
    return spreadsheet_csv(
        CSV_COLUMNS,
        (
            (
                s.receipt,
                s.created_at.isoformat(timespec="seconds"),
                s.document or "",
                s.dieu or "",
                s.ho_ten,
                s.email,
                s.noi_dung,
                purposes_text(s),
                s.notice_version,
            )
            for s in submissions
        ),
    )


def purge(store: Store, before: str, by: str = "") -> int:
    """Delete what came in before a day (recorded as done by staff, with who)."""
    return store.purge_before(day_start(before), by=by or staff_name(), reason=STAFF)


def staff_name() -> str:
    """Who runs the command, as the record of a deletion names them."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "không rõ"


def retention_start(days: int, now: datetime | None = None) -> datetime:
    """The first moment still inside the retention period: what came in before it is deleted."""
    today = (now or datetime.now(VIETNAM)).astimezone(VIETNAM).date()
    return datetime.combine(today - timedelta(days=days), time(0, 0), VIETNAM)


def apply_retention(store: Store, days: int, by: str = "", now: datetime | None = None) -> tuple[int, datetime]:
    """Delete what is older than the retention period, recording each deletion; (how many, the cut-off)."""
    cut = retention_start(days, now)
    return store.purge_before(cut, by=by or staff_name(), reason=RETENTION, now=now), cut


def erasure_lines(erasures: list[Erasure]) -> str:
    """The record of deletions and of requests still waiting, one line each (no personal data: it is gone)."""
    lines = []
    for e in erasures:
        asked = f"yêu cầu lúc {e.requested_at:%d/%m/%Y %H:%M}" if e.requested_at else ""
        done = (
            f"đã xóa lúc {e.erased_at:%d/%m/%Y %H:%M} ({REASONS.get(e.reason, e.reason)}, {e.erased_by or 'không rõ'})"
            if e.erased_at
            else "CHƯA XÓA"
        )
        lines.append(f"{e.receipt}  " + ", ".join(filter(None, (asked, done))))
    return "\n".join(lines)


TITLE_CHARS = 80


def draft_title(question: str) -> str:
    """The question's first words, at most TITLE_CHARS characters, cut between words (… when cut)."""
    text = " ".join(question.split())
    if len(text) <= TITLE_CHARS:
        return text.rstrip(" ,.;:")
    cut = text[: TITLE_CHARS + 1].rsplit(" ", 1)[0] if " " in text[:TITLE_CHARS] else text[:TITLE_CHARS]
    return cut.rstrip(" ,.;:") + "…"


class NotAgreed(Exception):
    """The asker did not agree to their question being published."""


def question_to_content(submission: Submission, content_root: Path) -> Path:
    """A draft hỏi đáp holding the question, for staff to answer and publish: content/hoi-dap/<receipt>.md;
    only for a question whose asker agreed to its publication (NotAgreed otherwise), with their name only
    if they agreed to that too, never their address. Every value is written by the YAML library, so no
    text a citizen sent (a backslash, a line "---", only "???") can break the header; the address is the
    receipt's (slug), whatever the title becomes."""
    from .validation import clean_text

    if "dang-cau-hoi" not in submission.purposes:
        raise NotAgreed(submission.receipt)
    path = Path(content_root) / "hoi-dap" / f"{submission.receipt.lower()}.md"
    if path.exists():
        raise FileExistsError(path)
    question = clean_text(submission.noi_dung).replace("\r\n", "\n")
    header = {
        "title": draft_title(question) or FIELD_PLACEHOLDERS["question"],
        "slug": submission.receipt.lower(),
        "question": question,
        **({"asker": clean_text(submission.ho_ten)} if submission.publish_name else {}),
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
# để đăng. Người hỏi đã đồng ý đăng câu hỏi{"; asker là họ tên họ đồng ý công bố" if submission.publish_name else " nhưng không đồng ý công bố họ tên: không ghi asker"}.
# Bỏ mọi thông tin cá nhân khác trong câu hỏi (số điện thoại, địa chỉ, số giấy tờ); không ghi thư điện tử.
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


def draft_comments(store: Store, draft: str) -> tuple[str, list[Submission]]:
    """The draft as the comments cite it ("07/2024/DT-UBND ngày 10/5/2024", or its number alone when one
    draft carries it) and its comments; LookupError naming what was found otherwise."""
    every = store.submissions("gop-y")
    cited = sorted({s.document for s in every if s.document})
    wanted = " ".join(draft.split())
    matches = [c for c in cited if c == wanted] or [c for c in cited if c.split(" ", 1)[0] == wanted]
    if len(matches) != 1:
        raise LookupError(matches or cited)
    return matches[0], [s for s in every if s.document == matches[0]]


def report_to_content(
    draft: str, comments: list[Submission], content_root: Path, issuer: str, today: date | None = None
) -> Path:
    """The draft of the agency's report on a consultation (tổng hợp, tiếp thu, giải trình ý kiến), for staff
    to complete and publish: every comment by article, the whole draft first, a name only where its author
    agreed to it, never an address; `answer` and `reply` to fill in, the number and the text to write
    (a file with them unwritten is not published)."""
    from .validation import clean_text

    number = draft.split(" ", 1)[0]
    path = Path(content_root) / "van-ban" / f"bao-cao-gop-y-{slugify(number)}.md"
    if path.exists():
        raise FileExistsError(path)
    ordered = sorted(comments, key=lambda s: (_article_order(s.dieu), s.created_at))
    entries = []
    for s in ordered:
        entry = {}
        if s.dieu:
            entry["article"] = int(s.dieu)
        if s.publish_name:
            entry["name"] = clean_text(s.ho_ten)
        entry["comment"] = clean_text(s.noi_dung).replace("\r\n", "\n")
        entry["answer"] = "tiếp thu"
        entry["reply"] = FIELD_PLACEHOLDERS["reply"]
        entries.append(entry)
    header = {
        "title": f"Báo cáo tổng hợp, tiếp thu, giải trình ý kiến góp ý dự thảo {number}",
        "doc_type": "Báo cáo",
        "number": FIELD_PLACEHOLDERS["number"],
        "issuer": issuer,
        "responds_to": draft,
        "status": "draft",
    }
    written = yaml.dump(header, Dumper=_Literal, allow_unicode=True, sort_keys=False, width=10_000)
    listed = yaml.dump({"comments": entries}, Dumper=_Literal, allow_unicode=True, sort_keys=False, width=10_000)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"""---
{written}issued: {(today or datetime.now(VIETNAM).date()).isoformat()}      # ngày ký báo cáo
# {len(entries)} ý kiến góp ý, theo điều ("article"; không có article: góp ý chung). Với mỗi ý kiến: tóm tắt
# comment nếu cần (bỏ thông tin cá nhân), ghi answer: tiếp thu, tiếp thu một phần hoặc giải trình, và reply:
# nội dung tiếp thu hoặc lý do giải trình. "name" chỉ có ở người đã đồng ý công bố họ tên: không thêm tên khác.
# Điền number (số ký hiệu của báo cáo), viết phần nội dung bên dưới, rồi xóa dòng status: draft để đăng.
{listed}---

{PLACEHOLDERS[0]}
""",
        encoding="utf-8",
    )
    return path
