"""A collection (chuyên đề), as in Plone: a saved query that staff write in a small YAML file.

    # content/collections/chuyen-doi-so.yml
    title: Chuyển đổi số
    description: Văn bản và tin tức về chuyển đổi số, chính quyền điện tử
    criteria:
      topics: [Chuyển đổi số, Văn bản điện tử]
      year: [2024, 2025, 2026]
    sort: newest        # newest (mặc định), oldest hoặc title
    limit: 50           # không bắt buộc

Within one criterion any listed value matches; an item must match every criterion. The
file is read with the content's YAML loader, so problems name the file, the line and the key.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from portal_content import Problem, fields
from portal_content.fields import did_you_mean
from portal_content.front_matter import parse_mapping
from portal_content.problems import Invalid
from portal_legal.validity import LABELS, SLUGS
from portal_text import slugify

FOLDER = "collections"
SUFFIXES = (".yml", ".yaml")
LIMIT_DIGITS = 6  # no page lists a million items

KEYS = {
    "title": "tên chuyên đề, hiện trên trang và trong RSS",
    "description": "một câu giới thiệu chuyên đề",
    "criteria": "điều kiện chọn bài: kind, doc_type, issuer, topics, tags, section, year, validity",
    "sort": "newest (mới nhất trước, mặc định), oldest (cũ nhất trước) hoặc title (theo tên, A-Z)",
    "limit": "số bài nhiều nhất; bỏ trống để lấy tất cả",
    "slug": "tên trên đường dẫn /chuyen-de/…/; mặc định là tên tệp",
}
KINDS = {"tin-tuc": "news", "van-ban": "document"}
DOCUMENT_ONLY = ("doc_type", "issuer", "topics", "validity")
CRITERIA = {
    "kind": "tin-tuc hoặc van-ban",
    "doc_type": "loại văn bản, ví dụ Chỉ thị",
    "issuer": "cơ quan ban hành, ví dụ UBND tỉnh Quảng Ngãi",
    "topics": "lĩnh vực, ví dụ Chuyển đổi số",
    "tags": "từ khóa, ví dụ văn bản điện tử",
    "section": "chuyên mục tin tức, ví dụ Địa phương",
    "year": "năm ban hành (văn bản) hoặc năm đăng (tin), ví dụ 2024",
    "validity": "tình trạng hiệu lực: " + ", ".join(LABELS),
}
SORTS = ("newest", "oldest", "title")
EXAMPLE = "criteria:\n  topics: [Chuyển đổi số]\n  kind: van-ban"


@dataclass(frozen=True)
class Collection:
    source_path: str  # from the content root
    slug: str
    title: str
    description: str
    criteria: dict  # key -> tuple of accepted values (text values compared folded to lower case)
    sort: str = "newest"
    limit: int | None = None
    lines: dict = field(default_factory=dict, compare=False)  # criterion -> line, for warnings

    @property
    def url(self) -> str:
        return f"chuyen-de/{self.slug}/"


def same_text(value: str) -> str:
    return unicodedata.normalize("NFC", " ".join(value.split())).casefold()


def collection_files(content_root: Path) -> list[Path]:
    folder = content_root / FOLDER
    return (
        sorted(p for p in folder.glob("*") if p.suffix.lower() in SUFFIXES and p.is_file()) if folder.is_dir() else []
    )


def _values(raw, key: str) -> list[str]:
    if isinstance(raw, dict):
        raise Invalid("phải là một giá trị hoặc một danh sách.", f"Ví dụ: {key}: [{CRITERIA[key].split('ví dụ ')[-1]}]")
    values = raw if isinstance(raw, list) else [raw]
    cleaned = []
    for value in values:
        if isinstance(value, (list, dict)) or value is None or not str(value).strip():
            raise Invalid(
                "có mục để trống hoặc không phải một giá trị đơn.",
                f"Mỗi mục là một giá trị, ví dụ: {key}: [{CRITERIA[key].split('ví dụ ')[-1]}]",
            )
        cleaned.append(unicodedata.normalize("NFC", " ".join(str(value).split())))
    return cleaned


def _criterion(key: str, raw, doc_types) -> tuple:
    values = _values(raw, key)
    if key == "kind":
        kinds = []
        for value in values:
            if slugify(value) not in KINDS:
                guess = did_you_mean(slugify(value), KINDS)
                hint = f'Có phải ý bạn là "{guess}"? ' if guess else ""
                raise Invalid(f'"{value}" không phải loại nội dung.', hint + "Viết tin-tuc hoặc van-ban.")
            kinds.append(KINDS[slugify(value)])
        return tuple(kinds)
    if key == "doc_type":
        for value in values:
            if value not in doc_types:
                guess = did_you_mean(value, doc_types)
                hint = f'Có phải ý bạn là "{guess}"? ' if guess else ""
                raise Invalid(
                    f'"{value}" không có trong danh sách loại văn bản.',
                    hint + "Các loại hợp lệ: " + ", ".join(doc_types) + ".",
                )
        return tuple(values)
    if key == "year":
        for value in values:
            if not re.fullmatch(r"(19|20)\d\d", value):
                raise Invalid(f'"{value}" không phải một năm.', "Viết năm bằng bốn chữ số, ví dụ: year: [2024, 2025]")
        return tuple(int(v) for v in values)
    if key == "validity":
        labels = []
        by_slug = {slug: label for label, slug in SLUGS.items()}
        for value in values:
            label = value if value in LABELS else by_slug.get(slugify(value))
            if label is None:
                guess = did_you_mean(value, LABELS)
                hint = f'Có phải ý bạn là "{guess}"? ' if guess else ""
                raise Invalid(
                    f'"{value}" không phải tình trạng hiệu lực.', hint + "Chọn trong: " + ", ".join(LABELS) + "."
                )
            labels.append(label)
        return tuple(labels)
    return tuple(same_text(v) for v in values)  # issuer, topics, tags, section: compared as text


def load_collection(path: Path, content_root: Path, doc_types) -> tuple[Collection | None, list[Problem]]:
    source_path = path.relative_to(content_root).as_posix()
    problems = []

    def problem(message, hint="", line=None, key=None, severity="error"):
        problems.append(Problem(source_path, message, hint, line, key, severity))

    try:
        header = parse_mapping(path.read_text(encoding="utf-8"), first_line=1, what="tệp chuyên đề")
    except UnicodeDecodeError:
        problem("tệp không được lưu theo mã UTF-8.", "Mở tệp bằng trình soạn thảo và lưu lại với mã hóa UTF-8.")
        return None, problems
    except Invalid as error:
        problem(error.message, error.hint, error.line)
        return None, problems
    data, lines = header.data, header.lines

    for key, line in header.duplicates:
        problem("trường này được viết hai lần.", "Giữ lại một dòng, xóa dòng kia.", line, key)
    for key in data:
        if key not in KEYS:
            guess = did_you_mean(key, KEYS, cutoff=0.7)
            hint = f'Có phải ý bạn là "{guess}"? ' if guess else ""
            problem(
                "không có trường này trong tệp chuyên đề.",
                hint + "Các trường hợp lệ: " + ", ".join(KEYS) + ".",
                lines[key],
                key,
            )

    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        problem(
            "thiếu tên chuyên đề." if "title" not in data else "tên chuyên đề phải là một dòng chữ.",
            "Ví dụ: title: Chuyển đổi số",
            lines.get("title"),
            "title",
        )
    description = data.get("description") or ""
    if not isinstance(description, str):
        problem(
            "phải là một câu.",
            "Ví dụ: description: Văn bản và tin tức về chuyển đổi số",
            lines.get("description"),
            "description",
        )
        description = ""

    criteria, criteria_lines = {}, {}
    raw_criteria = data.get("criteria")
    if not isinstance(raw_criteria, dict) or not raw_criteria:
        what = (
            "thiếu điều kiện chọn bài." if raw_criteria is None else "điều kiện chọn bài phải là các dòng tên: giá trị."
        )
        problem(what, "Ví dụ:\n" + EXAMPLE, lines.get("criteria"), "criteria")
    else:
        line_of = header.nested_lines.get("criteria", {})
        for key, raw in raw_criteria.items():
            key = str(key)
            line = line_of.get(key, lines.get("criteria"))
            if key not in CRITERIA:
                guess = did_you_mean(key, CRITERIA, cutoff=0.6)
                hint = f'Có phải ý bạn là "{guess}"? ' if guess else ""
                problem(
                    "không có điều kiện này.",
                    hint + "Các điều kiện: " + "; ".join(f"{k} ({v})" for k, v in CRITERIA.items()) + ".",
                    line,
                    f"criteria.{key}",
                )
                continue
            try:
                criteria[key] = _criterion(key, raw, doc_types)
                criteria_lines[key] = line
            except Invalid as error:
                problem(error.message, error.hint, line, f"criteria.{key}")
        if criteria.get("kind") == ("news",):
            for key in DOCUMENT_ONLY:
                if key in criteria:
                    problem(
                        "tin tức không có trường này, nên chuyên đề sẽ không có bài nào.",
                        f"Bỏ điều kiện {key}, hoặc đổi thành kind: van-ban.",
                        criteria_lines[key],
                        f"criteria.{key}",
                    )
        if criteria.get("kind") == ("document",) and "section" in criteria:
            problem(
                "văn bản không có chuyên mục, nên chuyên đề sẽ không có bài nào.",
                "Bỏ điều kiện section, hoặc đổi thành kind: tin-tuc.",
                criteria_lines["section"],
                "criteria.section",
            )

    sort = str(data.get("sort") or "newest").strip().lower()
    if sort not in SORTS:
        guess = did_you_mean(sort, SORTS)
        hint = f'Có phải ý bạn là "{guess}"? ' if guess else ""
        problem(f'"{sort}" không phải cách sắp xếp.', hint + "Chọn: " + KEYS["sort"] + ".", lines.get("sort"), "sort")
    limit = data.get("limit")
    if limit is not None:
        text = limit.strip() if isinstance(limit, str) else ""
        shown = text if len(text) <= 40 else text[:40] + "…"
        if not (text.isascii() and text.isdigit() and text.strip("0")):
            problem(
                f'"{shown or limit}" không phải một số dương.',
                "Ví dụ: limit: 50 (hoặc xóa dòng này để lấy tất cả)",
                lines.get("limit"),
                "limit",
            )
            limit = None
        elif len(text.lstrip("0")) > LIMIT_DIGITS:
            problem(
                f'"{shown}" quá lớn ({len(text)} chữ số).',
                "Ví dụ: limit: 50 (hoặc xóa dòng này để lấy tất cả)",
                lines.get("limit"),
                "limit",
            )
            limit = None
        else:
            limit = int(text)
    slug = slugify(path.stem)
    if data.get("slug"):  # the content's own rule and message
        try:
            slug = fields.slug(data["slug"], fields.FieldContext("slug", content_root, path.parent))
        except Invalid as error:
            problem(error.message, error.hint, lines.get("slug"), "slug")
    if any(p.is_error for p in problems):
        return None, problems
    return Collection(
        source_path, slug, " ".join(title.split()), " ".join(description.split()), criteria, sort, limit, criteria_lines
    ), problems
