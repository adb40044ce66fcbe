"""The portal's own settings (PORTAL_* in pelicanconf.py), checked once at the start of every build
and `invoke check`: every problem listed, naming the setting and what to write, as for content."""

import re
from datetime import date
from difflib import get_close_matches

from .files import ACTIVE_TYPES, DEFAULT_FILE_TYPES
from .problems import WARNING, Problem

SETTINGS_FILE = "pelicanconf.py"
KNOWN = (
    "PORTAL_AGENCY",
    "PORTAL_NAVIGATION",
    "PORTAL_SUBNAVIGATION",
    "PORTAL_CONTENT",
    "PORTAL_LISTINGS",
    "PORTAL_LEGAL",
    "PORTAL_FEEDS",
    "PORTAL_FEEDBACK",
    "PORTAL_TODAY",
    "PORTAL_CACHE_PATH",
    "PORTAL_SECRET_FILE",
    "PORTAL_REVIEW",
    "PORTAL_SEARCH",
    "PORTAL_EDITOR",
)
RUN_STATE = (
    "PORTAL_LIVE_OUTPUT",
    "PORTAL_CHECK_ONLY",
    "PORTAL_PURGE_INDEX",
    "PORTAL_WAITING",
    "PORTAL_HISTORY_SOURCE",
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def check_settings(settings: dict) -> list[Problem]:
    problems = []

    def bad(name: str, what: str, example: str) -> None:
        problems.append(Problem(SETTINGS_FILE, what, f"Ví dụ: {name} = {example}", field=name))

    for name in sorted(k for k in settings if k.startswith("PORTAL_") and k not in KNOWN + RUN_STATE):
        guess = get_close_matches(name, KNOWN, n=1, cutoff=0.7)
        problems.append(
            Problem(
                SETTINGS_FILE,
                "không có cài đặt này, cổng không dùng đến.",
                (f'Có phải ý bạn là "{guess[0]}"? ' if guess else "") + "Các cài đặt: " + ", ".join(KNOWN),
                field=name,
                severity=WARNING,
            )
        )

    review = settings.get("PORTAL_REVIEW", {})
    sections = (review.get("sections") or {}) if isinstance(review, dict) else {}
    if (
        not isinstance(review, dict)
        or set(review) - {"reviewers", "sections"}
        or not isinstance(review.get("reviewers") or "", str)
        or not isinstance(sections, dict)
        or not all(
            isinstance(folder, str)
            and _SLUG.match(folder.strip("/"))
            and isinstance(people, (list, tuple))
            and people
            and all(isinstance(p, str) and p for p in people)
            for folder, people in sections.items()
        )
    ):
        bad(
            "PORTAL_REVIEW",
            'phải là dict, với khóa (đều tùy chọn) "reviewers": đường dẫn tệp danh sách người duyệt ngoài kho git, '
            'và "sections": thư mục của nội dung -> danh sách người duyệt thư mục đó (tên như trong .nguoi-duyet).',
            '{"sections": {"van-ban": ["phap-che@stttt.gov.vn"], "tin-tuc": ["bien-tap@stttt.gov.vn"]}}',
        )

    _editor_problems(settings.get("PORTAL_EDITOR", {}), bad)

    search = settings.get("PORTAL_SEARCH", {})
    database = search.get("database") if isinstance(search, dict) else None
    if (
        not isinstance(search, dict)
        or set(search) - {"database"}
        or not isinstance(database or "", str)
        or (database and not database.startswith(("postgresql://", "postgres://")))
    ):
        bad(
            "PORTAL_SEARCH",
            'phải là dict, với khóa "database": để trống cho chỉ mục Whoosh trong output.private/search/ (cạnh output), hoặc địa chỉ '
            "PostgreSQL (postgresql://…) khi nhiều máy cùng trả lời tìm kiếm từ một chỉ mục.",
            '{"database": "postgresql://cong@db.stttt.gov.vn/timkiem"}',
        )

    agency = settings.get("PORTAL_AGENCY", {})
    if not isinstance(agency, dict):
        bad("PORTAL_AGENCY", "phải là một dict.", '{"name": "Sở …", "parent": "UBND tỉnh …", …}')
    else:
        for key in ("name", "parent", "issuer", "address", "phone", "email"):
            if not str(agency.get(key) or "").strip():
                bad(
                    f'PORTAL_AGENCY["{key}"]',
                    "đang để trống; đầu trang, chân trang và biểu mẫu cần giá trị này.",
                    '"Sở Thông tin và Truyền thông"' if key != "email" else '"stttt@quangngai.gov.vn"',
                )
        if agency.get("email") and not _EMAIL.match(str(agency["email"])):
            bad(
                'PORTAL_AGENCY["email"]',
                f'"{agency["email"]}" không phải địa chỉ thư điện tử.',
                '"stttt@quangngai.gov.vn"',
            )

    navigation = settings.get("PORTAL_NAVIGATION", [])
    if not isinstance(navigation, (list, tuple)) or not all(
        isinstance(entry, (list, tuple))
        and len(entry) == 2
        and isinstance(entry[1], str)
        and not entry[1].startswith(("/", "http"))
        for entry in navigation
    ):
        bad(
            "PORTAL_NAVIGATION",
            "phải là danh sách cặp (nhãn, đường dẫn tính từ gốc cổng, không có / ở đầu).",
            '[("Trang chủ", ""), ("Tin tức", "tin-tuc/")]',
        )

    sections = settings.get("PORTAL_SUBNAVIGATION", {})
    entries = {entry[1] for entry in navigation if isinstance(entry, (list, tuple)) and len(entry) == 2}
    if not isinstance(sections, dict) or not all(
        parent in entries
        and isinstance(children, (list, tuple))
        and all(
            isinstance(c, (list, tuple)) and len(c) == 2 and not str(c[1]).startswith(("/", "http")) for c in children
        )
        for parent, children in sections.items()
    ):
        bad(
            "PORTAL_SUBNAVIGATION",
            "phải là dict: đường dẫn của một mục trong PORTAL_NAVIGATION -> danh sách cặp (nhãn, đường dẫn).",
            '{"gioi-thieu/": [("Lãnh đạo", "lanh-dao/"), ("Thống kê", "thong-ke/")]}',
        )

    content = settings.get("PORTAL_CONTENT", {})
    types = content.get("doc_types", ())
    if not types or not all(isinstance(t, str) and t.strip() for t in types) or len(set(types)) != len(types):
        bad('PORTAL_CONTENT["doc_types"]', "phải là danh sách loại văn bản, mỗi loại một lần.", '["Luật", "Nghị định"]')
    for slug in content.get("news_sections", {}):
        if not _SLUG.match(str(slug)):
            bad(
                'PORTAL_CONTENT["news_sections"]',
                f'"{slug}" không dùng được làm tên thư mục chuyên mục.',
                '{"dia-phuong": "Địa phương"}',
            )
    for suffix in content.get("file_types", DEFAULT_FILE_TYPES):
        if str(suffix).lower().lstrip(".") in ACTIVE_TYPES:
            bad(
                'PORTAL_CONTENT["file_types"]',
                f'"{suffix}" là loại tệp trình duyệt chạy được mã; không được đăng.',
                '["pdf", "docx", "jpg", "png"]',
            )

    listings = settings.get("PORTAL_LISTINGS", {})
    for key in ("per_page", "documents_per_page", "home_news", "home_documents", "other_news"):
        if key in listings and not (isinstance(listings[key], int) and listings[key] > 0):
            bad(f'PORTAL_LISTINGS["{key}"]', f'"{listings[key]}" phải là một số nguyên dương.', "10")
    for block in listings.get("link_blocks", []):
        if not (
            isinstance(block, (list, tuple)) and len(block) == 3 and str(block[2]).startswith(("https://", "http://"))
        ):
            bad(
                'PORTAL_LISTINGS["link_blocks"]',
                f"{block!r} phải là (tên, mô tả, địa chỉ http(s)).",
                '[("Cổng Dịch vụ công Quốc gia", "Thủ tục hành chính", "https://dichvucong.gov.vn/")]',
            )

    feeds = settings.get("PORTAL_FEEDS", {})
    if not (isinstance(feeds.get("items", 20), int) and feeds.get("items", 20) > 0):
        bad('PORTAL_FEEDS["items"]', "phải là một số nguyên dương.", "20")
    if "id_authority" not in feeds:
        problems.append(
            Problem(
                SETTINGS_FILE,
                'chưa có tên miền: mã định danh các bài trong RSS/Atom sẽ dùng "localhost", và đổi khi ghi tên miền.',
                'Ghi tên miền của cơ quan, ví dụ: PORTAL_FEEDS["id_authority"] = "stttt.quangngai.gov.vn"',
                field='PORTAL_FEEDS["id_authority"]',
                severity=WARNING,
            )
        )
    elif "." not in str(feeds["id_authority"]):
        bad('PORTAL_FEEDS["id_authority"]', "phải là một tên miền của cơ quan.", '"stttt.quangngai.gov.vn"')
    try:
        date.fromisoformat(str(feeds.get("id_since", "2024-01-01")))
    except ValueError:
        bad('PORTAL_FEEDS["id_since"]', f'"{feeds.get("id_since")}" không phải ngày YYYY-MM-DD.', '"2024-01-01"')

    feedback = settings.get("PORTAL_FEEDBACK", {})
    if "retention_days" in feedback and not (
        isinstance(feedback["retention_days"], int) and feedback["retention_days"] > 0
    ):
        bad('PORTAL_FEEDBACK["retention_days"]', "phải là số ngày, nguyên dương.", "730")
    rate = feedback.get("rate_limit", (5, 600))
    if not (isinstance(rate, (list, tuple)) and len(rate) == 2 and all(isinstance(n, int) and n > 0 for n in rate)):
        bad('PORTAL_FEEDBACK["rate_limit"]', "phải là (số lần gửi, số giây).", "(5, 600)")
    for key, limit in feedback.get("max_chars", {}).items():
        if key not in ("ho_ten", "email", "noi_dung") or not (isinstance(limit, int) and limit > 0):
            bad(
                'PORTAL_FEEDBACK["max_chars"]',
                f'"{key}": {limit!r} không hợp lệ.',
                '{"ho_ten": 100, "email": 254, "noi_dung": 5000}',
            )
    legal = settings.get("PORTAL_LEGAL", {})
    elsewhere = legal.get("known_elsewhere", []) if isinstance(legal, dict) else []
    if not isinstance(elsewhere, (list, tuple)) or not all(isinstance(n, str) and "/" in n for n in elsewhere):
        bad('PORTAL_LEGAL["known_elsewhere"]', "phải là danh sách số ký hiệu.", '["15/CT-TTg", "43/2011/NĐ-CP"]')
    problems.extend(_secret_problems(settings))
    return problems


EDITOR_KEYS = {"backend", "repo", "branch", "base_url", "api_root", "auth_endpoint", "app_id", "auth_type"}
EDITOR_KEYS |= {"content", "editorial_workflow", "preview_url", "issuers", "topics"}
EDITOR_BACKENDS = ("local", "gitlab", "gitea")


def _editor_problems(editor, bad) -> None:
    """PORTAL_EDITOR: the staff editor's backend (invoke editor; README, "Trình soạn thảo trên máy chủ")."""
    name = "PORTAL_EDITOR"
    example = '{"backend": "gitlab", "repo": "stttt/cong", "base_url": "https://git.stttt.gov.vn", "app_id": "…"}'
    if not isinstance(editor, dict):
        bad(name, "phải là dict.", example)
        return
    unknown = sorted(set(editor) - EDITOR_KEYS)
    backend = editor.get("backend", "local")
    names = [editor.get(k, []) for k in ("issuers", "topics")]
    texts = [editor.get(k, "") for k in EDITOR_KEYS - {"issuers", "topics", "editorial_workflow"}]
    if unknown:
        bad(name, f"có khóa lạ: {', '.join(unknown)}. Các khóa: {', '.join(sorted(EDITOR_KEYS))}.", example)
    elif backend not in EDITOR_BACKENDS:
        bad(name, f'"backend" phải là một trong {", ".join(EDITOR_BACKENDS)}, không phải "{backend}".', example)
    elif not all(isinstance(v, (list, tuple)) and all(isinstance(x, str) and x.strip() for x in v) for v in names):
        bad(name, '"issuers" và "topics" là danh sách tên.', '{"topics": ["Chuyển đổi số", "An toàn thông tin"]}')
    elif not all(isinstance(v, str) for v in texts):
        bad(name, "các khóa trừ issuers, topics và editorial_workflow là chuỗi.", example)
    elif backend != "local" and not editor.get("repo"):
        bad(name, f'với "backend": "{backend}" phải có "repo": tên kho trên máy chủ git (nhóm/tên).', example)
    elif backend != "local" and not str(editor.get("base_url", "")).startswith("https://"):
        bad(
            name,
            f'với "backend": "{backend}" phải có "base_url": địa chỉ https:// của máy chủ git của cơ quan '
            "(mật khẩu và mã đăng nhập không đi qua http thường).",
            example,
        )


def _secret_problems(settings: dict) -> list[Problem]:
    """The installation's secret must live apart from what others may write or read: not in the cache it
    seals, not in the content, not in the published output."""
    import os

    secret = settings.get("PORTAL_SECRET_FILE")
    if not secret:
        return []
    where = os.path.abspath(secret)
    places = {
        "thư mục bộ nhớ đệm": os.path.dirname(os.path.abspath(settings["PORTAL_CACHE_PATH"]))
        if settings.get("PORTAL_CACHE_PATH")
        else None,
        "thư mục nội dung": os.path.abspath(settings["PATH"]) if settings.get("PATH") else None,
        "thư mục xuất bản": os.path.abspath(settings["OUTPUT_PATH"]) if settings.get("OUTPUT_PATH") else None,
    }
    return [
        Problem(
            SETTINGS_FILE,
            f"tệp bí mật nằm trong {name} ({folder}): ai ghi được vào đó thì làm giả được bộ nhớ đệm.",
            'Để tệp ở một thư mục riêng, ví dụ: PORTAL_SECRET_FILE = str(HERE / ".secret" / "seal.key")',
            field="PORTAL_SECRET_FILE",
        )
        for name, folder in places.items()
        if folder and (where == folder or where.startswith(folder + os.sep))
    ]
