"""New content files, correctly named and placed, with every key filled or commented (`invoke new`).

What staff pass is checked with the same converters and messages as the build, before
anything is written; the file is then read back with the build's own loader, so a new file
is always a valid one.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from portal_text import slugify

from . import fields
from .config import ContentConfig
from .problems import Invalid, Problem
from .schema import FIELD_PLACEHOLDERS, PLACEHOLDERS


@dataclass(frozen=True)
class Draft:
    path: str  # from the content root
    text: str


def _yaml_text(value: str) -> str:
    """A value as YAML keeps it: quoted when it has a character YAML would read otherwise."""
    if any(ch in value for ch in ":#[]{},&*!|>'\"%@`") or value != value.strip():
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


class Refused(Exception):
    """What staff passed to `invoke new` cannot make a valid file: every reason, as problems."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} lỗi")
        self.problems = problems


def _checked(content_root: Path, **checks) -> dict:
    """Each option through its field's converter; all refusals together, as the build reports them."""
    values, problems = {}, []
    for key, (convert, value, choices) in checks.items():
        ctx = fields.FieldContext(key, content_root, content_root, tuple(choices))
        try:
            values[key] = convert(value, ctx)
        except Invalid as error:
            problems.append(Problem("invoke new", error.message, error.hint, field=OPTIONS.get(key, key)))
    if problems:
        raise Refused(problems)
    return values


OPTIONS = {"doc_type": "--type", "number": "--number", "title": "--title"}


def _existing_document(content_root: Path, number: str, issued, issuer: str) -> str | None:
    """The file of a document with this number, day of issue and issuer, if the content has one."""
    from search.numbers import number_key

    from .front_matter import parse

    for path in sorted((content_root / "van-ban").rglob("*.md")):
        try:
            data = parse(path.read_text(encoding="utf-8")).data
        except (OSError, UnicodeDecodeError, Invalid):
            continue
        issuers = data.get("issuer") if isinstance(data.get("issuer"), list) else [data.get("issuer")]
        if (
            number_key(str(data.get("number", ""))) == number_key(number)
            and str(data.get("issued")) == issued.isoformat()
            and number_key(issuer) in {number_key(str(i)) for i in issuers if i}
        ):
            return path.relative_to(content_root).as_posix()
    return None


def document(
    content_root: Path, config: ContentConfig, title: str, doc_type: str, number: str, issuer: str, today: datetime
) -> Draft:
    checked = _checked(
        content_root,
        doc_type=(fields.choice, doc_type, config.doc_types),
        number=(fields.number, number, ()),
        title=(fields.text, title, ()),
    )
    doc_type, number, title = checked["doc_type"], checked["number"], checked["title"]
    folder = slugify(doc_type)
    day = today.date().isoformat()
    same = _existing_document(content_root, number, today.date(), issuer)
    if same:
        raise Refused(
            [
                Problem(
                    "invoke new",
                    f"văn bản số {number} ngày {today:%d/%m/%Y} của {issuer} đã có: {same}.",
                    "Mở tệp đó để sửa; nếu là văn bản khác, kiểm tra lại số ký hiệu.",
                    field="--number",
                )
            ]
        )
    path = f"van-ban/{folder}/{slugify(number)}.md"
    if (content_root / path).exists():  # the same number of an earlier year: numbers restart every year
        path = f"van-ban/{folder}/{slugify(number)}-{today:%Y}.md"
    text = f"""---
title: {_yaml_text(title)}
number: {_yaml_text(number)}
doc_type: {doc_type}
issuer: {_yaml_text(issuer)}
issued: {day}
# Các trường dưới đây không bắt buộc: bỏ dấu # ở đầu dòng để dùng.
# effective: {day}          # ngày có hiệu lực; mặc định là ngày ban hành
# expires: YYYY-MM-DD        # ngày hết hiệu lực; văn bản vẫn đăng, ghi rõ Hết hiệu lực
# signer: Họ và tên người ký
# signer_title: Chức vụ người ký
# summary: Một đoạn ngắn tóm tắt nội dung văn bản.
# topics: [Công nghệ thông tin]            # lĩnh vực
# tags: [văn bản điện tử]                  # từ khóa
# based_on: [15/CT-TTg]                    # căn cứ: số ký hiệu
# implements: [42/2012/QĐ-UBND]            # văn bản được thực hiện, hướng dẫn
# amends: [125/QĐ-STTTT]                   # văn bản được sửa đổi, bổ sung
# replaces: [43/2011/NĐ-CP]                # văn bản bị thay thế toàn bộ
# repeals: [08/CT-UBND năm 2014]           # văn bản bị bãi bỏ toàn bộ (ghi năm khi nhiều văn bản cùng số)
# partly_repeals: [125/QĐ-STTTT năm 2025]  # văn bản bị bãi bỏ, thay thế một phần
# suspends: [08/CT-UBND ngày 16/6/2014]    # văn bản bị đình chỉ, ngưng hiệu lực
# partly_suspends: [08/CT-UBND ngày 16/6/2014]  # văn bản bị ngưng hiệu lực một phần
# no_longer_applicable: {{date: YYYY-MM-DD, reason: Lý do}}  # cơ quan xác định văn bản không còn phù hợp
# changes:                                 # lịch sử cập nhật: ngày và một câu
#   - {day}: Bổ sung tệp toàn văn
# attachments:                             # tệp đính kèm, đặt trong content/files/
#   - path: ../../files/ten-tep.pdf
#     title: Toàn văn văn bản
# comment_until: YYYY-MM-DD               # với Dự thảo: ngày cuối lấy ý kiến
# responds_to: 05/2026/DT-STTTT            # với báo cáo tiếp thu, giải trình ý kiến: dự thảo được góp ý
#                                          # (invoke gop-y --bao-cao viết sẵn báo cáo này, với các ý kiến)
# date: {day} 08:00          # thời điểm đăng; mặc định là ngày ban hành; ngày tương lai = hẹn giờ
# status: draft              # draft: chưa đăng; hidden: đăng nhưng không hiện trong danh sách
---

{PLACEHOLDERS[0]}
"""
    return Draft(path, text)


def news(content_root: Path, config: ContentConfig, title: str, section: str, author: str, today: datetime) -> Draft:
    title = _checked(content_root, title=(fields.text, title, ()))["title"]
    sections = config.news_sections
    # the folder name or the chuyên mục's name, with or without diacritics
    known = {**{slugify(name): slug for slug, name in sections.items()}, **{slug: slug for slug in sections}}
    if slugify(section) not in known:
        guess = fields.did_you_mean(section, list(sections) + list(sections.values()))
        hint = f'Có phải ý bạn là "{guess}"? ' if guess else ""
        raise Refused(
            [
                Problem(
                    "invoke new",
                    f'không có chuyên mục "{section}".',
                    hint + "Các chuyên mục: " + ", ".join(f"{k} ({v})" for k, v in sections.items()) + ".",
                    field="--section",
                )
            ]
        )
    section = known[slugify(section)]
    path = f"tin-tuc/{section}/{slugify(title)}.md"
    moment = today.strftime("%Y-%m-%d %H:%M")
    text = f"""---
title: {_yaml_text(title)}
date: {moment}
summary: Một đoạn ngắn tóm tắt bản tin (sapo).
author: {_yaml_text(author or "Tên tác giả")}
uid: {uuid.uuid4()}
# Các trường dưới đây không bắt buộc: bỏ dấu # ở đầu dòng để dùng.
# source: Nguồn tin
# image: ../../files/anh.jpg              # ảnh đại diện, đặt trong content/files/ hoặc cạnh tệp này
# image_caption: Chú thích ảnh
# tags: [văn bản điện tử]                  # từ khóa
# expires: YYYY-MM-DD                      # sau ngày này tin rời khỏi danh sách
# status: draft                            # draft: chưa đăng; hidden: đăng nhưng không hiện trong danh sách
---

{PLACEHOLDERS[1]}
"""
    return Draft(path, text)


def page(content_root: Path, title: str, today: datetime) -> Draft:
    title = _checked(content_root, title=(fields.text, title, ()))["title"]
    slug = slugify(title)
    text = f"""---
title: {_yaml_text(title)}
date: {today.date().isoformat()}
# slug: {slug}        # tên trên đường dẫn /{slug}/
# summary: Một đoạn ngắn giới thiệu trang.
# status: draft
---

{PLACEHOLDERS[2]}
"""
    return Draft(f"pages/{slug}.md", text)


def question(content_root: Path, title: str, today: datetime) -> Draft:
    """An answered question (hỏi đáp) to fill in: the question as asked, who answers, the answer."""
    title = _checked(content_root, title=(fields.text, title, ()))["title"]
    day = today.date().isoformat()
    text = f"""---
title: {_yaml_text(title)}
question: |
  {FIELD_PLACEHOLDERS["question"]}

  Mỗi đoạn cách nhau một dòng trống.
asked: {day}          # ngày hỏi
answered: {day}       # ngày trả lời
answered_by: {FIELD_PLACEHOLDERS["answered_by"]}
# Các trường dưới đây không bắt buộc: bỏ dấu # ở đầu dòng để dùng.
# asker: Ông Nguyễn Văn A (huyện Tư Nghĩa)   # người hỏi, như cơ quan chọn ghi
# topics: [Công nghệ thông tin]               # lĩnh vực
# tags: [thư điện tử công vụ]                 # từ khóa
# receipt: HD-XXXX-XXXX                       # mã biên nhận, nếu câu hỏi gửi qua cổng
# status: draft                               # draft: chưa đăng; hidden: đăng nhưng không hiện trong danh sách
---

{PLACEHOLDERS[3]}
"""
    return Draft(f"hoi-dap/{slugify(title)}.md", text)


def leader(content_root: Path, title: str, today: datetime) -> Draft:
    """A leader (lãnh đạo) to fill in: the name is the title."""
    title = _checked(content_root, title=(fields.text, title, ()))["title"]
    text = f"""---
title: {_yaml_text(title)}
position: {FIELD_PLACEHOLDERS["position"]}
date: {today.date().isoformat()}    # ngày cập nhật thông tin
# Các trường dưới đây không bắt buộc: bỏ dấu # ở đầu dòng để dùng.
# order: 1                         # thứ tự trên trang Lãnh đạo, số nhỏ đứng trước
# phone: 0255 3822 101
# email: ten@stttt.quangngai.gov.vn
# photo: ../files/anh-chan-dung.jpg # ảnh chân dung, đặt trong content/files/
# portfolio:                       # nhiệm vụ, lĩnh vực phụ trách
#   - Lãnh đạo, điều hành chung
# status: draft
---

{PLACEHOLDERS[4]}
"""
    return Draft(f"lanh-dao/{slugify(title)}.md", text)


def unit(content_root: Path, title: str, today: datetime) -> Draft:
    """A unit of the organisation (đơn vị) to fill in: the name is the title."""
    title = _checked(content_root, title=(fields.text, title, ()))["title"]
    text = f"""---
title: {_yaml_text(title)}
group: {FIELD_PLACEHOLDERS["group"]}
date: {today.date().isoformat()}    # ngày cập nhật thông tin
# Các trường dưới đây không bắt buộc: bỏ dấu # ở đầu dòng để dùng.
# order: 1                         # thứ tự trong khối, số nhỏ đứng trước
# head: Họ tên người đứng đầu
# head_title: Trưởng phòng
# address: 02 Hùng Vương, thành phố Quảng Ngãi
# phone: 0255 3822 110
# email: donvi@stttt.quangngai.gov.vn
# website: https://donvi.quangngai.gov.vn/   # cổng thông tin của đơn vị: hiện ở cuối mọi trang
# status: draft
---

{PLACEHOLDERS[5]}
"""
    return Draft(f"co-cau-to-chuc/{slugify(title)}.md", text)


# the messages of loading.py about text `invoke new` leaves to write (a list of places to write, not errors)
PLACEHOLDER_MESSAGES = ("phần nội dung còn dòng mẫu chưa viết", "còn giá trị mẫu chưa sửa")


def write(draft: Draft, content_root: Path, config: ContentConfig) -> tuple[Path, list[Problem]]:
    """Write the file (never over an existing one) and read it back with the build's loader."""
    from .loading import load

    target = content_root / draft.path
    if target.exists():
        raise Invalid(f"đã có tệp {draft.path}.", "Mở tệp đó để sửa, hoặc đặt tiêu đề, số ký hiệu khác.")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(draft.text, encoding="utf-8")
    return target, load(target, content_root, config).problems


def now() -> datetime:
    return datetime.now(fields.VIETNAM).replace(second=0, microsecond=0)
