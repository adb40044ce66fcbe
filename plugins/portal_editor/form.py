"""The editor's form fields, made from the schema the build checks (portal_content.schema).

Each YAML key becomes one Decap CMS field: its name, its Vietnamese help as the hint, required as the build
requires it, and a widget chosen by the converter that reads it (`WIDGETS`). A converter with no widget here
is a slip `tests/test_editor.py` reports, so a new kind of value never reaches staff as a bare text box.
Patterns carry the build's own messages, so the form refuses first what the build would refuse.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from portal_content import fields
from portal_content.schema import Key

# what the label of a key says above its box (the help, shown below it, says how to write it)
LABELS = {
    "title": "Tiêu đề",
    "date": "Thời điểm đăng",
    "modified": "Lần sửa nội dung gần nhất",
    "summary": "Tóm tắt (sapo)",
    "slug": "Tên trên đường dẫn",
    "status": "Trạng thái",
    "expires": "Hết hạn",
    "tags": "Từ khóa",
    "changes": "Lịch sử cập nhật",
    "author": "Tác giả",
    "source": "Nguồn tin",
    "image": "Ảnh đại diện",
    "image_caption": "Chú thích ảnh",
    "category": "Chuyên mục",
    "uid": "Mã định danh trong RSS/Atom",
    "number": "Số ký hiệu",
    "doc_type": "Loại văn bản",
    "issuer": "Cơ quan ban hành",
    "signer": "Người ký",
    "signer_title": "Chức vụ người ký",
    "issued": "Ngày ban hành",
    "effective": "Ngày có hiệu lực",
    "topics": "Lĩnh vực",
    "based_on": "Căn cứ",
    "implements": "Thực hiện, hướng dẫn văn bản",
    "amends": "Sửa đổi, bổ sung văn bản",
    "replaces": "Thay thế văn bản",
    "repeals": "Bãi bỏ văn bản",
    "partly_repeals": "Bãi bỏ, thay thế một phần văn bản",
    "suspends": "Đình chỉ, ngưng hiệu lực văn bản",
    "partly_suspends": "Ngưng hiệu lực một phần văn bản",
    "no_longer_applicable": "Không còn phù hợp",
    "consolidates": "Hợp nhất các văn bản",
    "attachments": "Tệp đính kèm",
    "comment_until": "Hạn cuối lấy ý kiến",
    "responds_to": "Báo cáo cho Dự thảo",
    "comments": "Các ý kiến góp ý",
    "lang": "Ngôn ngữ",
    "question": "Câu hỏi",
    "asker": "Người hỏi",
    "asked": "Ngày hỏi",
    "answered": "Ngày trả lời",
    "answered_by": "Đơn vị trả lời",
    "receipt": "Mã biên nhận",
    "order": "Thứ tự",
    "phone": "Điện thoại",
    "email": "Thư điện tử",
    "position": "Chức vụ",
    "photo": "Ảnh chân dung",
    "portfolio": "Nhiệm vụ, lĩnh vực phụ trách",
    "group": "Khối",
    "head": "Người đứng đầu",
    "head_title": "Chức vụ người đứng đầu",
    "address": "Địa chỉ",
    "website": "Cổng, trang thông tin điện tử",
}

DAY_FORMAT = "YYYY-MM-DD"  # dates as the build reads them (fields.day), in the form's own date picker
MOMENT_FORMAT = "YYYY-MM-DD HH:mm"  # fields.moment: local time, Asia/Ho_Chi_Minh
SHOWN_DAY = "DD/MM/YYYY"  # how a cited document's date of issue is written in a relation (fields.reference)

# the build's own rules, as patterns with its own Vietnamese words (fields.number, slug, email, phone, uid)
NUMBER_PATTERN = (
    r"^(?![Ss][ốoO]\s)[^\s/]+(/[^\s/]+)+$",
    (
        "Số ký hiệu viết liền, không dấu cách, không có chữ “số” ở đầu, gồm số và ký hiệu ngăn bằng dấu /, "
        "ví dụ 15/CT-TTg hoặc 88/QĐ-STTTT"
    ),
)
SLUG_PATTERN = (r"^[a-z0-9]+(-[a-z0-9]+)*$", "Chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ gioi-thieu")
EMAIL_PATTERN = (r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$", "Thư điện tử như stttt@quangngai.gov.vn")
PHONE_PATTERN = (r"^\+?[0-9][0-9 .()-]{5,22}[0-9]$", "Số điện thoại như 0255 3822 000")
WEB_PATTERN = (
    r"^https?://[^\s/]+\.[^\s]*$",
    "Địa chỉ đầy đủ, bắt đầu bằng https://, ví dụ https://stttt.quangngai.gov.vn/",
)
UID_PATTERN = (
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
    "Giữ nguyên mã cũ, hoặc để trống (bài vẫn có mã riêng)",
)
ARTICLE_PATTERN = (r"^\s*(Điều\s+)?0*\d{1,3}\s*$", "Số của một điều, ví dụ 5; góp ý chung cho cả dự thảo thì để trống")


@dataclass(frozen=True)
class Choices:
    """What a form offers to choose from, read from the settings and the content when the editor starts."""

    doc_types: tuple[str, ...]
    issuers: tuple[str, ...]
    topics: tuple[str, ...]
    sections: tuple[str, ...]  # chuyên mục names
    languages: tuple[str, ...]
    file_types: tuple[str, ...]
    documents: str = "van-ban"  # the collection relations choose among
    image_types: tuple[str, ...] = ("jpg", "jpeg", "png", "gif", "webp", "avif", "svg")


def _files_pattern(types: tuple[str, ...]) -> list[str]:
    suffixes = "|".join(sorted(types))
    return [
        rf"(?i)\.({suffixes})$",
        "Tệp loại này không được đăng lên cổng. Các loại được nhận: " + ", ".join(types),
    ]


def _js_pattern(pattern: tuple[str, str] | list[str]) -> list[str]:
    """Decap compiles a pattern with JavaScript's RegExp: a leading (?i) becomes its own flag there."""
    regex, message = pattern
    return [regex.removeprefix("(?i)"), message]


def _string(name, key, choices):
    return {"widget": "string"}


def _text(name, key, choices):
    return {"widget": "text"}


def _moment(name, key, choices):
    return {"widget": "datetime", "format": MOMENT_FORMAT, "date_format": "DD/MM/YYYY", "time_format": "HH:mm"}


def _day(name, key, choices):
    return {"widget": "datetime", "format": DAY_FORMAT, "date_format": DAY_FORMAT, "time_format": False}


def _status(name, key, choices):
    return {
        "widget": "select",
        "default": "published",
        "options": [
            {"label": "Đăng (published)", "value": "published"},
            {"label": "Bản nháp, chưa đăng (draft)", "value": "draft"},
            {"label": "Đăng nhưng không hiện trong danh sách (hidden)", "value": "hidden"},
        ],
    }


def _words(name, key, choices):
    offered = {"topics": choices.topics}.get(name)
    if offered:
        return {"widget": "select", "multiple": True, "options": list(offered)}
    return {"widget": "list", "allow_add": True}  # one box, values separated by commas


def _issuers(name, key, choices):
    return {"widget": "select", "multiple": True, "min": 1, "options": list(choices.issuers)}


def _choice(name, key, choices):
    return {"widget": "select", "options": list(choices.doc_types)}


def _number(name, key, choices):
    return {"widget": "string", "pattern": list(NUMBER_PATTERN)}


def _references(name, key, choices):
    """Chosen among the portal's documents by number and date of issue, as staff cite them."""
    cited = "{{number}} ngày {{issued | date('" + SHOWN_DAY + "')}}"
    return {
        "widget": "relation",
        "collection": choices.documents,
        "multiple": True,
        "search_fields": ["number", "title"],
        "value_field": cited,
        "display_fields": [cited + ": {{title}}"],
        "options_length": 30,
    }


def _slug(name, key, choices):
    return {"widget": "string", "pattern": list(SLUG_PATTERN)}


def _image(name, key, choices):
    return {"widget": "image", "choose_url": False, "pattern": _js_pattern(_files_pattern(choices.image_types))}


def _attachments(name, key, choices):
    return {
        "widget": "list",
        "label_singular": "tệp đính kèm",
        "summary": "{{fields.title}}",
        "fields": [
            {
                "name": "path",
                "label": "Tệp",
                "widget": "file",
                "choose_url": False,
                "pattern": _js_pattern(_files_pattern(choices.file_types)),
            },
            {
                "name": "title",
                "label": "Tên tệp hiện trên trang",
                "widget": "string",
                "required": False,
                "hint": "ví dụ Toàn văn Quyết định; để trống thì dùng tên tệp",
            },
        ],
    }


def _declaration(name, key, choices):
    return {
        "widget": "object",
        "collapsed": True,
        "fields": [
            # not required one by one: Decap would then refuse every document that leaves the group empty;
            # the build says, naming the field, when only one of the two is written
            {"name": "date", "label": "Từ ngày", **_day(name, key, choices), "required": False},
            {"name": "reason", "label": "Lý do", "widget": "string", "required": False, "hint": "ghi cả ngày và lý do"},
        ],
    }


def _changes(name, key, choices):
    return {
        "widget": "list",
        "label_singular": "thay đổi",
        "summary": "{{fields.date}}: {{fields.note}}",
        "fields": [
            {"name": "date", "label": "Thời điểm", **_moment(name, key, choices)},
            {"name": "note", "label": "Thay đổi gì", "widget": "string"},
        ],
    }


def _consultation(name, key, choices):
    return {
        "widget": "list",
        "label_singular": "ý kiến",
        "summary": "Điều {{fields.article}}: {{fields.answer}}",
        "fields": [
            {
                "name": "article",
                "label": "Điều",
                "widget": "string",
                "required": False,
                "pattern": list(ARTICLE_PATTERN),
            },
            {"name": "comment", "label": "Ý kiến", "widget": "text"},
            {
                "name": "answer",
                "label": "Trả lời",
                "widget": "select",
                "options": ["tiếp thu", "tiếp thu một phần", "giải trình"],
            },
            {
                "name": "reply",
                "label": "Nội dung tiếp thu, lý do giải trình",
                "widget": "text",
                "required": False,
                "hint": "bắt buộc khi giải trình hoặc chỉ tiếp thu một phần",
            },
            {
                "name": "name",
                "label": "Họ tên người góp ý",
                "widget": "string",
                "required": False,
                "hint": "chỉ khi người góp ý đồng ý công bố tên",
            },
        ],
    }


def _language(name, key, choices):
    return {"widget": "select", "options": list(choices.languages)}


def _uid(name, key, choices):
    return {"widget": "string", "pattern": list(UID_PATTERN)}


def _whole_number(name, key, choices):
    return {"widget": "number", "value_type": "int", "min": 0, "max": 10**fields.ORDER_DIGITS - 1, "step": 1}


def _section(name, key, choices):
    return {"widget": "select", "options": list(choices.sections)}


def _pattern(pattern):
    return lambda name, key, choices: {"widget": "string", "pattern": list(pattern)}


# the converter that reads a key -> the field that writes it
WIDGETS: Mapping[Callable, Callable] = {
    fields.text: _string,
    fields.paragraph: _text,
    fields.passage: _text,
    fields.moment: _moment,
    fields.until: _moment,
    fields.day: _day,
    fields.status: _status,
    fields.words: _words,
    fields.issuers: _issuers,
    fields.choice: _choice,
    fields.number: _number,
    fields.references: _references,
    fields.slug: _slug,
    fields.image: _image,
    fields.attachments: _attachments,
    fields.declaration: _declaration,
    fields.changes: _changes,
    fields.consultation: _consultation,
    fields.language: _language,
    fields.uid: _uid,
    fields.whole_number: _whole_number,
    fields.email: _pattern(EMAIL_PATTERN),
    fields.phone: _pattern(PHONE_PATTERN),
    fields.web_address: _pattern(WEB_PATTERN),
}

# keys whose value is one of a few names, though the build reads them as text
SPECIAL = {"category": _section}


def form_field(name: str, key: Key, choices: Choices) -> dict:
    """One key as one field of the form."""
    make = SPECIAL.get(name) or WIDGETS[key.convert]
    field = {"name": name, "label": LABELS.get(name, name), **make(name, key, choices)}
    field["required"] = key.required
    if key.help:
        field["hint"] = key.help
    return field


BODY = {"name": "body", "label": "Nội dung", "widget": "markdown", "required": False}


def form_fields(keys: Mapping[str, Key], choices: Choices, body: bool = True, fixed: Mapping | None = None) -> list:
    """Every key of a kind, what must be written first (in the schema's order), then the rest, then the text;
    `fixed`: defaults a collection sets."""
    made = []
    ordered = [n for n, k in keys.items() if k.required] + [n for n, k in keys.items() if not k.required]
    for name in ordered:
        key = keys[name]
        field = form_field(name, key, choices)
        if fixed and name in fixed:
            field["default"] = fixed[name]
        made.append(field)
    return made + ([dict(BODY)] if body else [])
