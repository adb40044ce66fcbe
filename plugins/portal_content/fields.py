"""One converter per kind of field: raw YAML text in, typed value out, or Invalid.

Each converter gets the raw value and a FieldContext (the key, the settings and
where the file is), and says what to write instead when it refuses.
"""

import difflib
import os
import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from portal_text import fold, slugify

from search.numbers import day_written, parse_cited, spaced_number

from .files import DEFAULT_FILE_TYPES, real_file_in, saw, type_problem
from .model import Answer, Attachment, Change, Declaration, Reference
from .problems import Invalid

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
STATUSES = ("published", "draft", "hidden")


@dataclass(frozen=True)
class FieldContext:
    key: str
    content_root: Path
    source_dir: Path
    choices: tuple[str, ...] = ()
    file_types: tuple[str, ...] = DEFAULT_FILE_TYPES  # what image and attachments may name


def did_you_mean(value: str, choices, cutoff: float = 0.6) -> str | None:
    """The closest choice, comparing with and without diacritics."""
    choices = list(choices)
    folded = {fold(c).lower(): c for c in choices}
    exact = folded.get(fold(value).lower())
    if exact is not None:
        return exact
    match = difflib.get_close_matches(value, choices, n=1, cutoff=cutoff)
    if match:
        return match[0]
    match = difflib.get_close_matches(fold(value).lower(), list(folded), n=1, cutoff=cutoff)
    return folded[match[0]] if match else None


def _one_line(raw, ctx: FieldContext, example: str) -> str:
    if isinstance(raw, (list, dict)):
        kind = "danh sách" if isinstance(raw, list) else "nhóm trường"
        raise Invalid(f"phải là một giá trị trên một dòng, không phải {kind}.", f"Ví dụ: {ctx.key}: {example}")
    if raw is None or not str(raw).strip():
        raise Invalid("đang để trống.", f"Điền giá trị hoặc xóa dòng này, ví dụ: {ctx.key}: {example}")
    return unicodedata.normalize("NFC", " ".join(str(raw).split()))


def text(raw, ctx: FieldContext) -> str:
    examples = {
        "title": "Tăng cường sử dụng văn bản điện tử",
        "author": "Lâm Cao",
        "source": "Sở TT&TT Quảng Ngãi",
        "signer": "Nguyễn Tấn Dũng",
        "signer_title": "Thủ tướng",
        "category": "Địa phương",
    }
    return _one_line(raw, ctx, examples.get(ctx.key, "..."))


def paragraph(raw, ctx: FieldContext) -> str:
    """A summary or caption: may span lines in YAML (`>` or `|`), kept as one paragraph."""
    return _one_line(raw, ctx, '"Một đoạn ngắn tóm tắt nội dung."')


_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
_PHONE = re.compile(r"^\+?[0-9][0-9 .()-]{5,22}[0-9]$")


def email(raw, ctx: FieldContext) -> str:
    """An email address staff publish: name@domain."""
    value = _one_line(raw, ctx, "vanphong@quangngai.gov.vn")
    if not _EMAIL.match(value):
        raise Invalid(f'"{value}" không phải địa chỉ thư điện tử.', f"Ví dụ: {ctx.key}: vanphong@quangngai.gov.vn")
    return value


def phone(raw, ctx: FieldContext) -> str:
    """A telephone number as printed: digits, spaces, dots, dashes, parentheses, a leading +."""
    value = _one_line(raw, ctx, "0255 3822 101")
    if not _PHONE.match(value):
        raise Invalid(
            f'"{value}" không phải số điện thoại.',
            f"Chỉ ghi chữ số (có thể cách bằng dấu cách hoặc dấu chấm), ví dụ: {ctx.key}: 0255 3822 101",
        )
    return value


def web_address(raw, ctx: FieldContext) -> str:
    """The address of a web site: https://… (or http://…)."""
    value = _one_line(raw, ctx, "https://stttt.quangngai.gov.vn/")
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:  # "https://[::1/": an unclosed bracket, a port that is not a number
        host = None
    if host is None or parts.scheme not in ("https", "http") or " " in value:
        raise Invalid(
            f'"{value}" không phải địa chỉ trang web.',
            f"Ghi đủ từ https://, ví dụ: {ctx.key}: https://stttt.quangngai.gov.vn/",
        )
    return value


ORDER_DIGITS = 6  # an order above 999,999 means nothing on a page of a few dozen entries


def whole_number(raw, ctx: FieldContext) -> int:
    """A whole number, for an order: 1, 2, 3 … (ASCII digits: "²" or "١" are not numbers to staff)."""
    text = str(raw).strip() if raw is not None else ""
    shown = text if len(text) <= 40 else text[:40] + "…"
    if isinstance(raw, bool) or not (text.isascii() and text.isdigit()):
        raise Invalid(f'"{shown}" không phải một số nguyên.', f"Ghi một số: {ctx.key}: 1 (số nhỏ đứng trước)")
    if len(text.lstrip("0")) > ORDER_DIGITS:
        raise Invalid(
            f'"{shown}" quá lớn ({len(text)} chữ số).',
            f"Ghi một số từ 0 đến {10**ORDER_DIGITS - 1}, ví dụ: {ctx.key}: 1 (số nhỏ đứng trước)",
        )
    return int(text)


def language(raw, ctx: FieldContext) -> str:
    """The language of an item: one of portal_i18n.LANGUAGES (vi, the default, or en)."""
    from portal_i18n import LANGUAGES

    value = _one_line(raw, ctx, "en").lower()
    if value not in LANGUAGES:
        raise Invalid(
            f'"{value}" không phải ngôn ngữ của cổng.',
            f"Ghi {ctx.key}: en cho bản tiếng Anh (bản tiếng Việt không cần ghi). Các ngôn ngữ: "
            + ", ".join(LANGUAGES)
            + ".",
        )
    return value


def passage(raw, ctx: FieldContext) -> tuple[str, ...]:
    """Text of one or more paragraphs (YAML `|`, a blank line between two): its paragraphs, as plain text."""
    if isinstance(raw, (list, dict)):
        kind = "danh sách" if isinstance(raw, list) else "nhóm trường"
        raise Invalid(
            f"phải là một đoạn văn bản, không phải {kind}.",
            f"Viết sau dấu |, mỗi đoạn cách nhau một dòng trống, ví dụ:\n{ctx.key}: |\n  Đoạn thứ nhất.\n\n  Đoạn thứ hai.",
        )
    text = unicodedata.normalize("NFC", str(raw or ""))
    paragraphs = tuple(" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip())
    if not paragraphs:
        raise Invalid("đang để trống.", f"Chép câu hỏi vào, ví dụ: {ctx.key}: Thủ tục cấp phép gồm những gì?")
    return paragraphs


_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*(?:(\d{1,2})[:h](\d{2}))?\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$")
_MONTHS = 12


def _impossible(raw: str, year: int, month: int, day: int, ctx: FieldContext) -> Invalid:
    if not 1 <= month <= _MONTHS:
        why = f"không có tháng {month}"
    else:
        why = f"tháng {month} năm {year} không có ngày {day}"
    return Invalid(
        f'"{raw}" không phải ngày có thật ({why}).',
        f"Kiểm tra lại ngày và tháng; viết theo dạng YYYY-MM-DD, ví dụ: {ctx.key}: 2014-06-16",
    )


def _parse(raw, ctx: FieldContext, with_time: bool, default_time: time = time(0, 0)) -> tuple[datetime, bool]:
    """(the moment, whether a time was written); a date alone gets default_time."""
    value = _one_line(raw, ctx, "2014-06-16")
    match = _ISO.match(value)
    if not match:
        dmy = _DMY.match(value)
        if dmy:
            d, m, y = int(dmy[1]), int(dmy[2]), int(dmy[3])
            suggestion = f"{y:04d}-{m:02d}-{d:02d}"
            if with_time and dmy[4]:
                suggestion += f" {int(dmy[4]):02d}:{dmy[5]}"
        else:
            suggestion = "2014-06-16 13:46" if with_time else "2014-06-16"
        shape = "YYYY-MM-DD hoặc YYYY-MM-DD HH:MM" if with_time else "YYYY-MM-DD"
        raise Invalid(
            f'"{value}" không phải ngày hợp lệ.', f"Hãy viết theo dạng {shape}, ví dụ: {ctx.key}: {suggestion}"
        )
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    try:
        day_value = date(year, month, day)
    except ValueError:
        raise _impossible(value, year, month, day, ctx) from None
    if match[4] is not None and not with_time:
        raise Invalid(
            f'"{value}" có cả giờ, nhưng trường này chỉ nhận ngày.',
            f"Bỏ phần giờ, ví dụ: {ctx.key}: {day_value.isoformat()}",
        )
    if match[4] is None:
        hour, minute, second = default_time.hour, default_time.minute, 0
    else:
        hour, minute, second = int(match[4]), int(match[5]), int(match[6] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise Invalid(
            f'"{value}" có giờ không hợp lệ.',
            f"Giờ từ 00:00 đến 23:59, ví dụ: {ctx.key}: {day_value.isoformat()} 08:30",
        )
    moment = datetime.combine(day_value, time(hour, minute, second))
    if match[7]:
        offset = "+00:00" if match[7] == "Z" else match[7]
        hours, minutes = int(offset[1:3]), int(offset[-2:])
        if hours > 14 or minutes > 59:  # no place on Earth is more than 14 hours from UTC
            raise Invalid(
                f'"{value}" có múi giờ "{match[7]}" không có thật.',
                f"Bỏ phần múi giờ (cổng dùng giờ Việt Nam), ví dụ: {ctx.key}: {day_value.isoformat()}"
                + (f" {hour:02d}:{minute:02d}" if with_time and match[4] is not None else "")
                + ", hoặc ghi +07:00.",
            )
        # converted once, here: every later step (pages, feeds, the index) works in Vietnam's time
        return datetime.fromisoformat(f"{moment.isoformat()}{offset}").astimezone(VIETNAM), match[4] is not None
    return moment.replace(tzinfo=VIETNAM), match[4] is not None


DEFAULT_TIME = time(8, 0)  # a date written without a time is published at 08:00


def on_day(day: date, at: time = time(0, 0)) -> datetime:
    """That day at that time (midnight by default), in Vietnam."""
    return datetime.combine(day, at, VIETNAM)


def day(raw, ctx: FieldContext) -> date:
    """YYYY-MM-DD."""
    return _parse(raw, ctx, with_time=False)[0].date()


def moment(raw, ctx: FieldContext) -> datetime:
    """YYYY-MM-DD HH:MM (or YYYY-MM-DD, at 08:00), Asia/Ho_Chi_Minh (+07:00) unless an offset is given."""
    return _parse(raw, ctx, with_time=True, default_time=DEFAULT_TIME)[0]


def until(raw, ctx: FieldContext) -> datetime:
    """The moment an item leaves listings: a date alone means after that whole day."""
    value, has_time = _parse(raw, ctx, with_time=True)
    return value if has_time else value + timedelta(days=1)


def status(raw, ctx: FieldContext) -> str:
    value = _one_line(raw, ctx, "published").lower()
    if value in STATUSES:
        return value
    guess = did_you_mean(value, STATUSES)
    hint = f'Có phải ý bạn là "{guess}"? ' if guess else ""
    raise Invalid(
        f'"{value}" không phải trạng thái hợp lệ.',
        hint + "Chọn một trong: published (đăng), draft (bản nháp, không đăng), "
        "hidden (đăng nhưng không hiện trong danh sách).",
    )


# the abbreviations of the kinds of document, as their numbers write them (QĐ in 88/QĐ-STTTT)
KIND_ABBREVIATIONS = {
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "NQ": "Nghị quyết",
    "KH": "Kế hoạch",
    "CV": "Công văn",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "BC": "Báo cáo",
    "DT": "Dự thảo",
    "VBHN": "Văn bản hợp nhất",
    "PL": "Pháp lệnh",
    "L": "Luật",
    "HP": "Hiến pháp",
}


def choice(raw, ctx: FieldContext) -> str:
    value = _one_line(raw, ctx, ctx.choices[0] if ctx.choices else "...")
    if value in ctx.choices:
        return value
    spelled = {fold(k).upper(): v for k, v in KIND_ABBREVIATIONS.items()}.get(fold(value).upper())
    guess = spelled if spelled in ctx.choices else did_you_mean(value, ctx.choices)
    hint = f'Có phải ý bạn là "{guess}"? ' if guess else ""
    raise Invalid(f'"{value}" không có trong danh sách.', hint + "Các loại hợp lệ: " + ", ".join(ctx.choices) + ".")


_NUMBER_PREFIX = re.compile(r"^(số|so)\s*", re.IGNORECASE)


def number(raw, ctx: FieldContext) -> str:
    """A document number (số ký hiệu) as staff cite it: 15/CT-TTg, 42/2012/QĐ-UBND."""
    value = _one_line(raw, ctx, "15/CT-TTg")
    if _NUMBER_PREFIX.match(value) and "/" in value:
        stripped = _NUMBER_PREFIX.sub("", value)
        raise Invalid(f'"{value}" có chữ "số" ở đầu.', f"Chỉ ghi số ký hiệu, ví dụ: {ctx.key}: {stripped}")
    if " " in value:
        raise Invalid(
            f'"{value}" có dấu cách trong số ký hiệu.', f"Viết liền, ví dụ: {ctx.key}: {spaced_number(value)}"
        )
    if "/" not in value:
        raise Invalid(
            f'"{value}" không giống số ký hiệu văn bản.',
            f"Số ký hiệu gồm số và ký hiệu, ngăn bằng dấu /, ví dụ: {ctx.key}: 15/CT-TTg",
        )
    return value


# a symbol written with a plain D where the abbreviation has Đ (Quyết định, Nghị định, Công điện, HĐND)
PLAIN_D = {"QD": "QĐ", "ND": "NĐ", "CD": "CĐ", "HDND": "HĐND", "TTHD": "TTHĐ"}


def plain_d_slip(number_value: str) -> str | None:
    """The number with Đ where its symbol has a plain D that the abbreviation writes Đ, or None."""
    head, slash, symbol = number_value.partition("/")
    if not slash:
        return None
    parts = re.split(r"([-/])", symbol)
    fixed = [PLAIN_D.get(part, part) for part in parts]
    return f"{head}/{''.join(fixed)}" if fixed != parts else None


def _as_list(raw, ctx: FieldContext, example: str) -> list:
    if raw is None:
        return []
    if isinstance(raw, dict):
        raise Invalid("phải là một danh sách.", f"Ví dụ: {ctx.key}: [{example}]")
    return raw if isinstance(raw, list) else [raw]


def _items(raw, ctx: FieldContext, convert, example: str) -> tuple:
    values, seen = [], set()
    for index, item in enumerate(_as_list(raw, ctx, example)):
        if isinstance(item, (list, dict)):
            raise Invalid(
                f"mục thứ {index + 1} của danh sách không phải một giá trị đơn.", f"Ví dụ: {ctx.key}: [{example}]"
            )
        value = convert(item)
        if value not in seen:
            seen.add(value)
            values.append(value)
    return tuple(values)


def words(raw, ctx: FieldContext) -> tuple[str, ...]:
    """A list of keywords or topics; one string is a list of one."""
    return _items(raw, ctx, lambda item: _one_line(item, ctx, "văn bản điện tử"), "văn bản điện tử, chữ ký số")


def issuers(raw, ctx: FieldContext) -> tuple[str, ...]:
    """One issuer, or a list for a joint (liên tịch) document."""
    values = _items(raw, ctx, lambda item: _one_line(item, ctx, "UBND tỉnh Quảng Ngãi"), "Bộ Nội vụ, Bộ Tài chính")
    if not values:
        raise Invalid("đang để trống.", f"Ghi cơ quan ban hành, ví dụ: {ctx.key}: UBND tỉnh Quảng Ngãi")
    return values


REFERENCE_EXAMPLE = "125/QĐ-STTTT năm 2025"
REFERENCE_KEYS = ("number", "issued", "issuer")


def reference(raw, ctx: FieldContext) -> Reference:
    """One document named in a relation: `15/CT-TTg`, `125/QĐ-STTTT năm 2025`,
    `08/CT-UBND ngày 16/6/2014` (or 16/06/2014, 2014-06-16), or the mapping
    `{number: 08/CT-UBND, issued: 2014-06-16, issuer: UBND tỉnh Quảng Trị}`."""
    if isinstance(raw, dict):
        unknown = sorted(set(map(str, raw)) - set(REFERENCE_KEYS))
        if unknown or "number" not in raw:
            raise Invalid(
                f"nhóm {{{', '.join(map(str, raw))}}} phải có number (và có thể có issued, issuer).",
                f"Ví dụ: {ctx.key}: [{{number: 08/CT-UBND, issued: 2014-06-16, issuer: UBND tỉnh Quảng Trị}}]",
            )
        issued = day(raw["issued"], ctx) if raw.get("issued") is not None else None
        issuer = _one_line(raw["issuer"], ctx, "UBND tỉnh Quảng Ngãi") if raw.get("issuer") is not None else None
        return Reference(number(raw["number"], ctx), issued=issued, issuer=issuer)
    value = _one_line(raw, ctx, REFERENCE_EXAMPLE)
    cited = parse_cited(value)
    if cited is None:
        return Reference(number(value, ctx))  # number() names what is wrong
    issued = None
    if cited.day:
        try:
            issued = day_written(cited.day) or day(cited.day, ctx)
        except ValueError:
            raise Invalid(
                f'"{cited.day}" trong "{value}" không phải ngày có thật.',
                f"Viết ngày ban hành theo dạng ngày/tháng/năm, ví dụ: {ctx.key}: [08/CT-UBND ngày 16/6/2014]",
            ) from None
    return Reference(number(cited.number, ctx), issued=issued, year=cited.year, issuer=cited.issuer)


def references(raw, ctx: FieldContext) -> tuple[Reference, ...]:
    """A list of documents named by number (căn cứ, thay thế …), each as `reference` reads it."""
    found, seen = [], set()
    for index, item in enumerate(_as_list(raw, ctx, REFERENCE_EXAMPLE)):
        if isinstance(item, list):
            raise Invalid(
                f"mục thứ {index + 1} của danh sách không phải một giá trị đơn.",
                f"Ví dụ: {ctx.key}: [15/CT-TTg, {REFERENCE_EXAMPLE}]",
            )
        value = reference(item, ctx)
        if value not in seen:
            seen.add(value)
            found.append(value)
    return tuple(found)


def uid(raw, ctx: FieldContext) -> str:
    """A news item's lasting identity in feeds: a UUID, as `invoke new` writes it."""
    value = _one_line(raw, ctx, str(uuid.uuid4()))
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise Invalid(
            f'"{value}" không phải mã định danh dạng UUID.',
            f"Xóa dòng này (bài vẫn có mã riêng), hoặc chép đúng mã cũ, ví dụ: {ctx.key}: {uuid.uuid4()}",
        ) from None


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slug(raw, ctx: FieldContext) -> str:
    value = _one_line(raw, ctx, "gioi-thieu")
    if _SLUG.match(value):
        return value
    suggestion = slugify(value) or "gioi-thieu"
    raise Invalid(
        f'"{value}" không dùng được làm đường dẫn.',
        f"Chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ: {ctx.key}: {suggestion}",
    )


NAME_BYTES = 255  # the longest name of one file or folder that Linux (ext4, XFS) keeps
PATH_BYTES = 1024


def _usable_name(value: str, ctx: FieldContext, example: str) -> None:
    """Refuse a name no file can have: a control character (NUL …), a part longer than a file system
    keeps, a whole path longer than any sensible folder tree."""
    shown = value if len(value) <= 60 else value[:60] + "…"
    if any(unicodedata.category(c) == "Cc" for c in value):
        raise Invalid(
            f'tên tệp "{shown.encode("unicode_escape").decode()}" có ký tự điều khiển (không nhìn thấy).',
            f"Gõ lại tên tệp bằng chữ, số, dấu gạch ngang, ví dụ: {ctx.key}: {example}",
        )
    if len(value.encode()) > PATH_BYTES or any(len(part.encode()) > NAME_BYTES for part in value.split("/")):
        raise Invalid(
            f'tên tệp "{shown}" quá dài (mỗi tên thư mục, tên tệp tối đa {NAME_BYTES} byte).',
            f"Đổi tên tệp cho ngắn lại (không dấu, dấu gạch ngang giữa các từ), ví dụ: {ctx.key}: {example}",
        )


def _existing_file(raw, ctx: FieldContext, example: str) -> Path:
    value = _one_line(raw, ctx, example)
    _usable_name(value, ctx, example)
    if "://" in value:
        raise Invalid(
            f'"{value}" là địa chỉ web, không phải tệp trong kho nội dung.',
            f"Tải tệp về, đặt cạnh tệp .md hoặc trong content/files/, rồi ghi đường dẫn, ví dụ: {ctx.key}: {example}",
        )
    for base in (ctx.source_dir, ctx.content_root):
        candidate = real_file_in(ctx.content_root, base / value)
        if candidate is not None:
            refused = type_problem(candidate, value, ctx.file_types)
            if refused:
                raise Invalid(f'tệp "{value}": {refused.message}', refused.hint)
            return candidate
        saw(base / value)
        if (base / value).exists():
            raise Invalid(
                f'tệp "{value}" nằm ngoài thư mục content/ hoặc đi qua một liên kết tượng trưng (symlink).',
                f"Chép chính tệp cần đăng vào content/files/ và ghi đường dẫn tới nó, ví dụ: {ctx.key}: {example}",
            )
    near = _near_file(value, ctx)
    raise Invalid(
        f'không tìm thấy tệp "{value}".',
        (f'Có phải ý bạn là "{near}"? ' if near else "")
        + "Đặt tệp cạnh tệp .md hoặc trong thư mục content/files/, và ghi đường dẫn tương đối, "
        + f"ví dụ: {ctx.key}: {near or example}",
    )


def _near_file(value: str, ctx: FieldContext) -> str | None:
    """The file staff probably meant: the closest name in the folder the path names (beside the .md file
    or under content/), written as they would write it."""
    folder, _, name = value.rpartition("/")
    for base in (ctx.source_dir, ctx.content_root):
        try:
            names = [e.name for e in os.scandir(base / folder) if e.is_file(follow_symlinks=False)]
        except OSError:
            continue
        saw(base / folder)
        match = difflib.get_close_matches(name, names, n=1, cutoff=0.6) or difflib.get_close_matches(
            name.lower(), names, n=1, cutoff=0.6
        )
        if match:
            return f"{folder}/{match[0]}" if folder else match[0]
    return None


def image(raw, ctx: FieldContext) -> str:
    """An image beside the file or under content/files/; its path from the content root."""
    found = _existing_file(raw, ctx, "files/anh-hoi-nghi.jpg")
    return found.relative_to(os.path.abspath(ctx.content_root)).as_posix()


def attachments(raw, ctx: FieldContext) -> tuple[Attachment, ...]:
    """Paths, or {path, title} pairs, of files to download."""
    found = []
    for index, item in enumerate(_as_list(raw, ctx, "files/ct-08-ubnd.pdf")):
        title = None
        if isinstance(item, dict):
            unknown = sorted(set(map(str, item)) - {"path", "title"})
            if unknown or "path" not in item:
                raise Invalid(
                    f"mục thứ {index + 1} phải có path (và có thể có title).",
                    f"Ví dụ:\n{ctx.key}:\n  - path: files/ct-08-ubnd.pdf\n    title: Toàn văn Chỉ thị",
                )
            title = _one_line(item.get("title") or item["path"], ctx, "Toàn văn")
            item = item["path"]
        path = _existing_file(item, ctx, "files/ct-08-ubnd.pdf")
        relative = path.relative_to(os.path.abspath(ctx.content_root)).as_posix()
        saw(path)
        found.append(Attachment(path=relative, title=title or path.name, size=path.stat().st_size))
    return tuple(found)


DECLARATION_EXAMPLE = "no_longer_applicable: {date: 2026-03-01, reason: Không còn phù hợp với Luật mới}"


def declaration(raw, ctx: FieldContext) -> Declaration:
    """`{date: YYYY-MM-DD, reason: …}`: from which day, and why, the agency declared the document no longer
    applicable."""
    if not isinstance(raw, dict) or set(map(str, raw)) != {"date", "reason"}:
        shown = "một nhóm có " + ", ".join(map(str, raw)) if isinstance(raw, dict) else f'"{raw}"'
        raise Invalid(
            f"{shown} — phải có cả ngày (date) và lý do (reason).",
            f"Ví dụ: {DECLARATION_EXAMPLE}",
        )
    return Declaration(day(raw["date"], ctx), _one_line(raw["reason"], ctx, "Không còn phù hợp với Luật mới"))


CHANGE_EXAMPLE = (
    "changes:\n  - 2026-11-20: Bổ sung tệp toàn văn\n  - date: 2026-11-25 09:30\n    note: Sửa lỗi chính tả ở Điều 3"
)


def changes(raw, ctx: FieldContext) -> tuple[Change, ...]:
    """Change notes, each `- YYYY-MM-DD: một câu` or `- date: … / note: …`; newest first on the page."""
    found = []
    for index, item in enumerate(_as_list(raw, ctx, "2026-11-20: Bổ sung tệp toàn văn")):
        if isinstance(item, dict) and set(map(str, item)) <= {"date", "note"} and "date" in item and "note" in item:
            when, note = item["date"], item["note"]
        elif isinstance(item, dict) and len(item) == 1:
            when, note = next(iter(item.items()))
        else:
            raise Invalid(f"mục thứ {index + 1} phải là ngày và một câu mô tả thay đổi.", f"Ví dụ:\n{CHANGE_EXAMPLE}")
        moment_value = moment(str(when), ctx)
        text_value = _one_line(note, ctx, "Bổ sung tệp toàn văn")
        found.append(Change(moment_value, text_value))
    return tuple(sorted(found, key=lambda change: change.date, reverse=True))


ANSWERS = {"tiep thu": "Tiếp thu", "tiep thu mot phan": "Tiếp thu một phần", "giai trinh": "Giải trình"}
ANSWER_KEYS = {"article", "name", "comment", "answer", "reply"}
ANSWER_EXAMPLE = (
    "comments:\n  - article: 5\n    comment: Đề nghị bổ sung đối tượng áp dụng.\n    answer: tiếp thu\n"
    "    reply: Đã bổ sung khoản 3 Điều 5."
)
# an article as staff and citizens write it: 5, 05, "Điều 5" (a report's `article`, a comment's `dieu`)
ARTICLE_NUMBER = re.compile(r"^\s*(?:Điều\s+)?0*(\d{1,3})\s*$", re.IGNORECASE)


def consultation(raw, ctx: FieldContext) -> tuple[Answer, ...]:
    """A report's comments: each `{article, comment, answer, reply, name}`; `answer` is tiếp thu, tiếp thu một
    phần or giải trình, a giải trình needs its `reply` (why not), `name` only where the citizen agreed."""
    found = []
    for index, item in enumerate(_as_list(raw, ctx, "{article: 5, comment: …, answer: tiếp thu}"), 1):
        if not isinstance(item, dict):
            raise Invalid(f"ý kiến thứ {index} phải là một nhóm trường.", f"Ví dụ:\n{ANSWER_EXAMPLE}")
        keys = set(map(str, item))
        unknown = sorted(keys - ANSWER_KEYS)
        if unknown:
            near = did_you_mean(unknown[0], ANSWER_KEYS - keys)
            raise Invalid(
                f'ý kiến thứ {index} có trường lạ "{unknown[0]}".',
                (f'Có phải ý bạn là "{near}"? ' if near else "")
                + "Mỗi ý kiến có article (điều), comment (ý kiến), answer (tiếp thu hoặc giải trình), reply (nội "
                "dung tiếp thu, lý do giải trình) và name (họ tên, chỉ khi người góp ý đồng ý công bố).",
            )
        for key in ("comment", "answer"):
            if item.get(key) in (None, ""):
                raise Invalid(f"ý kiến thứ {index} thiếu {key}.", f"Ví dụ:\n{ANSWER_EXAMPLE}")
        article = item.get("article")
        number = None
        if article not in (None, ""):
            match = ARTICLE_NUMBER.match(str(article)) if not isinstance(article, (bool, list, dict)) else None
            if match is None:
                raise Invalid(
                    f'ý kiến thứ {index}: "{article}" không phải số của một điều.',
                    "Ghi số điều, ví dụ article: 5; góp ý chung cho cả dự thảo thì bỏ dòng article.",
                )
            number = match[1]
        answer = ANSWERS.get(" ".join(fold(str(item["answer"])).lower().replace("-", " ").split()))
        if answer is None:
            raise Invalid(
                f'ý kiến thứ {index}: answer "{item["answer"]}" không phải một câu trả lời.',
                "Ghi answer: tiếp thu, answer: tiếp thu một phần hoặc answer: giải trình.",
            )
        reply = _paragraphs(item.get("reply"))
        if answer != "Tiếp thu" and not reply:
            raise Invalid(
                f"ý kiến thứ {index} được {answer.lower()} nhưng chưa ghi reply.",
                "Ghi lý do giải trình (hoặc phần chưa tiếp thu) sau reply: |",
            )
        comment = _paragraphs(item["comment"])
        name = _one_line(item["name"], ctx, "Nguyễn Văn An") if item.get("name") not in (None, "") else None
        found.append(Answer(number, comment, answer, reply, name))
    return tuple(found)


def _paragraphs(raw) -> tuple[str, ...]:
    if raw is None or isinstance(raw, (list, dict, bool)):
        return ()
    text = unicodedata.normalize("NFC", str(raw))
    return tuple(" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip())
