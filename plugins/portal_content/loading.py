"""Reading one content file into a typed record, with every problem it has.

Independent of Pelican: `invoke check` and the Pelican reader both call `load`.
"""

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

from portal_sanitize import sanitize_inline, to_text
from portal_text import slugify

from . import fields, front_matter
from .config import ContentConfig
from .fields import FieldContext
from .image_size import image_size
from .model import (
    DOCUMENT,
    LEADER,
    NEWS,
    QUESTION,
    UNIT,
    Item,
    Leader,
    LegalDocument,
    NewsItem,
    Question,
    StandingPage,
    Unit,
    document_slug,
)
from .problems import Invalid, Problem
from .rendering import file_link_problems
from .schema import EXAMPLES, FIELD_PLACEHOLDERS, FOLDERS, KEYS, KIND_NAMES, PLACEHOLDERS


@dataclass
class Loaded:
    source_path: str
    item: Item | None = None
    problems: list[Problem] = field(default_factory=list)


# addresses under hoi-dap/ that are the listing's, not a question's
QUESTION_LISTING_SLUGS = {"da-tra-loi"}


def _left_empty(value) -> bool:
    """None, blank text, a list or group of nothing but those: what a form saves for boxes cleared by its writer."""
    if isinstance(value, dict):
        return all(_left_empty(v) for v in value.values())
    if isinstance(value, list):
        return all(_left_empty(v) for v in value)
    return value is None or (isinstance(value, str) and not value.strip())


def kind_of(source_path: str) -> str | None:
    return FOLDERS.get(source_path.split("/", 1)[0])


def unreadable_value(key: str, error: Exception) -> tuple[str, str]:
    """The message and hint for a value a converter could not even refuse properly (a slip of ours):
    the file is still reported, never skipped."""
    example = EXAMPLES.get(key, f"{key}: ...")
    return (
        f"không đọc được giá trị của trường này ({type(error).__name__}).",
        (
            f"Kiểm tra giá trị: có ký tự lạ, số quá dài hay tên tệp quá dài không? Viết lại theo mẫu, ví dụ: {example}. "
            "Nếu giá trị đã đúng mà vẫn lỗi, báo người quản trị kèm tệp này."
        ),
    )


def load(path: Path, content_root: Path, config: ContentConfig, data: bytes | None = None) -> Loaded:
    """`data`: the file's bytes when the caller has read them already (the reader, for its cache key).
    Never raises: whatever goes wrong ends as a problem naming the file."""
    try:
        return _load(path, content_root, config, data)
    except Exception as error:  # noqa: BLE001 - one file must never vanish from the portal silently
        source_path = os.path.relpath(path, content_root).replace(os.sep, "/")
        return Loaded(source_path, None, [unreadable_file(source_path, error)])


def unreadable_file(source_path: str, error: BaseException) -> Problem:
    return Problem(
        source_path,
        f"không đọc được tệp này ({type(error).__name__}: {str(error)[:120]}).",
        "Kiểm tra phần đầu: giá trị có ký tự lạ, số hoặc tên tệp quá dài? Sửa rồi chạy lại; "
        "nếu tệp đã đúng mà vẫn lỗi, báo người quản trị kèm tệp này.",
    )


def _load(path: Path, content_root: Path, config: ContentConfig, data: bytes | None = None) -> Loaded:
    source_path = path.relative_to(content_root).as_posix()
    loaded = Loaded(source_path)

    def problem(message, hint="", line=None, key=None, severity="error"):
        loaded.problems.append(Problem(source_path, message, hint, line, key, severity))

    kind = kind_of(source_path)
    if kind is None:
        problem(
            "tệp nằm ngoài các thư mục nội dung.",
            "Đặt tin tức trong content/tin-tuc/, văn bản trong content/van-ban/, trang trong content/pages/, "
            "hỏi đáp trong content/hoi-dap/, lãnh đạo trong content/lanh-dao/, đơn vị trong content/co-cau-to-chuc/.",
        )
        return loaded
    try:
        # as read_text reads it: Windows (\r\n) and old Mac (\r) line ends become \n
        text = (
            (data if data is not None else path.read_bytes()).decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        )
    except UnicodeDecodeError:
        problem(
            "tệp không được lưu theo mã UTF-8, nên tiếng Việt sẽ bị lỗi font.",
            "Mở tệp bằng trình soạn thảo và lưu lại với mã hóa UTF-8.",
        )
        return loaded
    try:
        header = front_matter.parse(text)
    except Invalid as error:
        problem(error.message, error.hint, error.line)
        return loaded

    keys = KEYS[kind]
    for key, line in header.duplicates:
        problem("trường này được viết hai lần.", "Giữ lại một dòng, xóa dòng kia.", line, key)

    for key in header.data:
        if key in keys:
            continue
        guess = fields.did_you_mean(key, keys, cutoff=0.7)
        hint = f'Có phải ý bạn là "{guess}"? ' if guess else ""
        problem(
            f"không có trường này cho {KIND_NAMES[kind]}.",
            hint + "Các trường hợp lệ: " + ", ".join(keys) + ".",
            header.lines[key],
            key,
        )

    values = {}
    source_dir = path.parent
    for key, spec in keys.items():
        if key not in header.data or (not spec.required and _left_empty(header.data[key])):
            continue  # an optional key left empty (a form's cleared box, `summary:` alone) is not written
        ctx = FieldContext(
            key, content_root, source_dir, config.doc_types if key == "doc_type" else (), config.file_types
        )
        try:
            values[key] = spec.convert(header.data[key], ctx)
        except Invalid as error:
            line = header.lines.get(key)
            problem(error.message, error.hint, line, key)
        except Exception as error:  # noqa: BLE001 - a converter's slip must not lose the file
            problem(*unreadable_value(key, error), header.lines.get(key), key)

    missing = [key for key, spec in keys.items() if spec.required and key not in header.data]
    unknown = [key for key in header.data if key not in keys]
    for key in missing:
        example = EXAMPLES.get(key, f"{key}: ...")
        typo = fields.did_you_mean(key, unknown, cutoff=0.7)
        hint = f'Dòng {header.lines[typo]} có "{typo}": có phải viết nhầm "{key}"? ' if typo else ""
        problem("thiếu trường bắt buộc.", hint + f"Thêm một dòng vào phần đầu, ví dụ: {example}", None, key)

    loaded.problems.extend(file_link_problems(header.body, header.body_line, source_path, content_root))
    if values.get("status") != "draft":
        loaded.problems.extend(_placeholders(header.body, header.body_line, source_path))
    if values.get("status") != "draft":
        for key, value in values.items():  # a value `invoke new` or a staff command left to replace, anywhere
            placeholder = next((p for p in PLACEHOLDER_VALUES if _holds(value, p)), None)
            if placeholder is not None:
                problem(
                    f'còn giá trị mẫu chưa sửa: "{placeholder}".',
                    "Thay bằng nội dung thật; muốn lưu để viết tiếp thì thêm status: draft vào phần đầu.",
                    header.lines.get(key),
                    key,
                )
    if loaded.problems:
        return loaded

    common = _common(values, header, kind, source_path)
    if kind == NEWS:
        folder = source_path.split("/")[1] if source_path.count("/") >= 2 else None
        section, section_slug = config.section_for(folder, values.get("category"))
        slug = slug_of(kind, values, common["title"])
        item = NewsItem(
            **common,
            slug=slug,
            url=url_of(kind, slug, section_slug),
            section=section,
            section_slug=section_slug,
            author=values.get("author"),
            source=values.get("source"),
            image=values.get("image"),
            image_size=image_size(content_root / values["image"]) if values.get("image") else None,
            image_caption=_inline(values.get("image_caption")),
            uid=values.get("uid"),
        )
    elif kind == DOCUMENT:
        issued = values["issued"]
        slug = slug_of(kind, values, common["title"])
        effective = values.get("effective", issued)
        if "date" not in values:
            common["date"] = fields.on_day(issued, fields.DEFAULT_TIME)
        expires = values.get("expires")
        if expires is not None and expires <= effective:
            problem(
                f"ngày hết hiệu lực {expires.isoformat()} không sau ngày có hiệu lực {effective.isoformat()}.",
                "Kiểm tra lại expires, effective và issued; văn bản hết hiệu lực sau khi có hiệu lực.",
                header.lines.get("expires"),
                "expires",
            )
            return loaded
        item = LegalDocument(
            **common,
            slug=slug,
            url=url_of(kind, slug),
            number=values["number"],
            doc_type=values["doc_type"],
            issuers=values["issuer"],
            issued=issued,
            effective=effective,
            expires=expires,
            signer=values.get("signer"),
            signer_title=values.get("signer_title"),
            topics=values.get("topics", ()),
            based_on=values.get("based_on", ()),
            implements=values.get("implements", ()),
            amends=values.get("amends", ()),
            replaces=values.get("replaces", ()),
            repeals=values.get("repeals", ()),
            partly_repeals=values.get("partly_repeals", ()),
            suspends=values.get("suspends", ()),
            partly_suspends=values.get("partly_suspends", ()),
            no_longer_applicable=values.get("no_longer_applicable"),
            consolidates=values.get("consolidates", ()),
            attachments=values.get("attachments", ()),
            comment_until=values.get("comment_until"),
            responds_to=values.get("responds_to", ()),
            comments=values.get("comments", ()),
        )
    elif kind == QUESTION:
        asked, answered = values["asked"], values["answered"]
        if answered < asked:
            problem(
                f"ngày trả lời {answered.isoformat()} trước ngày hỏi {asked.isoformat()}.",
                "Kiểm tra lại asked (ngày hỏi) và answered (ngày trả lời).",
                header.lines.get("answered"),
                "answered",
            )
            return loaded
        if "date" not in values:
            common["date"] = fields.on_day(answered, fields.DEFAULT_TIME)
        slug = slug_of(kind, values, common["title"])
        if slug in QUESTION_LISTING_SLUGS:
            problem(
                f"đường dẫn hoi-dap/{slug}/ là của danh sách câu hỏi.",
                "Đặt slug khác, ví dụ: slug: cau-hoi-ve-giay-phep",
                header.lines.get("slug") or header.lines.get("title"),
                "slug",
            )
            return loaded
        item = Question(
            **common,
            slug=slug,
            url=url_of(kind, slug),
            question=values["question"],
            asked=asked,
            answered=answered,
            answered_by=values["answered_by"],
            asker=values.get("asker"),
            topics=values.get("topics", ()),
            receipt=values.get("receipt"),
        )
    elif kind == LEADER:
        slug = slug_of(kind, values, common["title"])
        photo = values.get("photo")
        item = Leader(
            **common,
            slug=slug,
            url=url_of(kind, slug),
            position=values["position"],
            order=values.get("order", 100),
            phone=values.get("phone"),
            email=values.get("email"),
            photo=photo,
            photo_size=image_size(content_root / photo) if photo else None,
            portfolio=values.get("portfolio", ()),
        )
    elif kind == UNIT:
        slug = slug_of(kind, values, common["title"])
        item = Unit(
            **common,
            slug=slug,
            url=url_of(kind, slug),
            group=values["group"],
            order=values.get("order", 100),
            head=values.get("head"),
            head_title=values.get("head_title"),
            address=values.get("address"),
            phone=values.get("phone"),
            email=values.get("email"),
            website=values.get("website"),
        )
    else:
        slug = slug_of(kind, values, common["title"])
        lang = values.get("lang", "vi")
        item = StandingPage(**common, slug=slug, url=url_of(kind, slug, lang=lang), lang=lang)

    if not item.slug:
        problem(
            "không tạo được đường dẫn từ tiêu đề.",
            "Thêm trường slug bằng chữ thường không dấu, ví dụ: slug: gioi-thieu",
            header.lines.get("title"),
            "title",
        )
        return loaded
    if kind == DOCUMENT:
        fixed = fields.plain_d_slip(item.number)
        if fixed is not None:  # published as written, with a word: a number is how the document is cited
            problem(
                f'số ký hiệu "{item.number}" viết chữ D thường ở chỗ ký hiệu có chữ Đ.',
                f"Văn bản ghi số ký hiệu có chữ Đ, ví dụ: number: {fixed}",
                header.lines.get("number"),
                "number",
                severity="warning",
            )
    loaded.item = item
    return loaded


def slug_of(kind: str, values: dict, title: str) -> str:
    """The last part of an item's address: `slug` when written, else made from its title (a document's
    from its kind, number and day of issue)."""
    if values.get("slug"):
        return values["slug"]
    if kind == DOCUMENT:
        return document_slug(values["doc_type"], values["number"], values["issued"])
    return slugify(title)


URL_PREFIXES = {DOCUMENT: "van-ban/", QUESTION: "hoi-dap/", LEADER: "lanh-dao/", UNIT: "co-cau-to-chuc/"}


def url_of(kind: str, slug: str, section_slug: str = "", lang: str = "vi") -> str:
    """An item's address from the site root: decided here, for the build and for the addresses an item
    had in earlier versions (portal_history)."""
    if kind == NEWS:
        return f"tin-tuc/{section_slug}/{slug}/"
    if kind in URL_PREFIXES:
        return f"{URL_PREFIXES[kind]}{slug}/"
    return f"{slug}/" if lang == "vi" else f"{lang}/{slug}/"


ADDRESS_KEYS = ("title", "slug", "category", "doc_type", "number", "issued", "lang", "status")


def address_of(source_path: str, text: str, content_root: Path, config: ContentConfig) -> tuple[str, str] | None:
    """(address, status) a version of a file had, from its header alone; None when it had none (a header
    that does not read). Nothing but the header is checked: an old version's attachments may be gone."""
    kind = kind_of(source_path)
    if kind is None:
        return None
    try:
        header = front_matter.parse(text.replace("\r\n", "\n"))
        keys = KEYS[kind]
        values = {}
        for key in ADDRESS_KEYS:
            if key in header.data and key in keys:
                ctx = FieldContext(key, content_root, content_root, config.doc_types if key == "doc_type" else (), ())
                values[key] = keys[key].convert(header.data[key], ctx)
        title = to_text(values["title"])
        section_slug = ""
        if kind == NEWS:
            folder = source_path.split("/")[1] if source_path.count("/") >= 2 else None
            section_slug = config.section_for(folder, values.get("category"))[1]
        slug = slug_of(kind, values, title)
    except Exception:  # noqa: BLE001 - an old version that does not read had no address of its own
        return None
    if not slug:
        return None
    return url_of(kind, slug, section_slug, values.get("lang", "vi")), values.get("status", "published")


PLACEHOLDER_VALUES = tuple(FIELD_PLACEHOLDERS.values())


def _holds(value, placeholder: str) -> bool:
    """Whether a value, or a value inside it (a list, a report's comment), is `placeholder`."""
    if value == placeholder:
        return True
    if isinstance(value, tuple):
        return any(_holds(part, placeholder) for part in value)
    if dataclasses.is_dataclass(value):
        return any(_holds(getattr(value, f.name), placeholder) for f in dataclasses.fields(value))
    return False


def _placeholders(body: str, body_line: int, source_path: str) -> list[Problem]:
    """The text `invoke new` leaves to replace: a file fresh from it never goes live unedited."""
    found = []
    for number, line in enumerate(body.split("\n")):
        if line.strip() in PLACEHOLDERS:
            found.append(
                Problem(
                    source_path,
                    f'phần nội dung còn dòng mẫu chưa viết: "{line.strip()}".',
                    "Thay dòng này bằng nội dung thật; muốn lưu để viết tiếp thì thêm status: draft vào phần đầu.",
                    line=body_line + number,
                )
            )
    return found


def _inline(value: str | None) -> str | None:
    return sanitize_inline(value) if value else None


def _common(values: dict, header, kind: str, source_path: str) -> dict:
    return {
        "kind": kind,
        "source_path": source_path,
        "title": to_text(values["title"]),
        "date": values.get("date"),
        "modified": values.get("modified"),
        "summary": _inline(values.get("summary")),
        "status": values.get("status", "published"),
        "leaves_at": values.get("expires") if kind != DOCUMENT else None,
        "tags": values.get("tags", ()),
        "changes": values.get("changes", ()),
        "body": header.body,
        "body_line": header.body_line,
    }
