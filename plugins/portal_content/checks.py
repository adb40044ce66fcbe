"""Checks across files: what no single file can know."""

from collections import defaultdict

from search.numbers import identity

from .model import Item, LegalDocument
from .problems import Problem

# the first part of a URL that belongs to the portal itself, not to a page
RESERVED = {
    "tin-tuc",
    "van-ban",
    "tim-kiem",
    "chuyen-de",
    "theme",
    "files",
    "api",
    "rss",
    "feeds",
    "hoi-dap",
    "phan-hoi",
}


# pages the build writes from a kind of content, when the content has items of that kind: until then a
# standing page may hold the address (an agency's "Cơ cấu tổ chức" written as a page)
KIND_PAGES = {"lanh-dao": ("leader", "content/lanh-dao/"), "co-cau-to-chuc": ("unit", "content/co-cau-to-chuc/")}


def check_all(items: list[Item]) -> list[Problem]:
    problems = []
    by_number = defaultdict(list)
    by_url = defaultdict(list)
    by_uid = defaultdict(list)
    for item in sorted(items, key=lambda i: i.source_path):
        by_url[item.url].append(item)
        if getattr(item, "uid", None):
            by_uid[item.uid].append(item)
        if isinstance(item, LegalDocument):
            by_number[identity(item.number, item.issued, item.issuers)].append(item)

    for same in by_uid.values():
        for item in same[1:]:
            problems.append(
                Problem(
                    item.source_path,
                    f'uid "{item.uid}" đã dùng cho {same[0].source_path}.',
                    "Mỗi bài có mã riêng: xóa dòng uid của bài được chép ra (bài vẫn có mã riêng).",
                    field="uid",
                )
            )

    reported = set()
    for same in by_number.values():
        if len(same) > 1:
            for item in same[1:]:
                reported.add(item.source_path)
                problems.append(
                    Problem(
                        item.source_path,
                        f'số ký hiệu "{item.number}", ngày ban hành {item.issued:%d/%m/%Y} và cơ quan ban hành đã dùng '
                        f"cho {same[0].source_path}: hai tệp là cùng một văn bản.",
                        "Xóa tệp bị trùng; nếu là hai văn bản khác nhau, kiểm tra lại số ký hiệu hoặc ngày ban hành (issued).",
                        field="number",
                    )
                )
    for url, same in by_url.items():
        if len(same) > 1:
            # a document's URL comes from its number: a repeated number is reported once, above
            for item in (i for i in same[1:] if i.source_path not in reported):
                problems.append(
                    Problem(
                        item.source_path,
                        f"trùng đường dẫn /{url} với {same[0].source_path}.",
                        "Thêm trường slug khác cho một trong hai bài, ví dụ: slug: " + item.slug + "-2",
                        field="slug",
                    )
                )
        first = url.split("/", 1)[0]
        if same[0].kind == "page" and first in KIND_PAGES and url == first + "/":
            kind, folder = KIND_PAGES[first]
            if any(i.kind == kind for i in items):
                problems.append(
                    Problem(
                        same[0].source_path,
                        f"đường dẫn /{url} là trang dựng từ {folder}, nên trang này không còn chỗ.",
                        f"Chuyển nội dung sang {folder} (mỗi mục một tệp) rồi xóa trang này, hoặc đặt slug khác.",
                        field="slug",
                    )
                )
        if same[0].kind == "page" and first in RESERVED:
            problems.append(
                Problem(
                    same[0].source_path,
                    f"đường dẫn /{url} trùng với một mục của cổng.",
                    "Đặt slug khác, ví dụ: slug: gioi-thieu-" + first,
                    field="slug",
                )
            )
    return problems
