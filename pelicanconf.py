"""Settings of the portal: Pelican's own keys, then one dict per plugin of ours.

Local development build; `publishconf.py` adds what differs for production.
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# plugins/ holds our Pelican plugins and the small libraries they share; search/ is importable
# from the project root
for folder in (HERE, HERE / "plugins"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from portal_content.config import DEFAULT_DOC_TYPES  # importable once plugins/ is on the path

# --------------------------------------------------------------------------- the site

SITENAME = "Cổng thông tin điện tử Sở Thông tin và Truyền thông tỉnh Quảng Ngãi"
SITEURL = ""
DEFAULT_LANG = "vi"
TIMEZONE = "Asia/Ho_Chi_Minh"
PATH = "content"
THEME = str(HERE / "theme")
THEME_STATIC_DIR = "theme"

# The agency the portal belongs to: header, footer and contact page.
PORTAL_AGENCY = {
    "parent": "UBND tỉnh Quảng Ngãi",
    "name": "Sở Thông tin và Truyền thông",
    "short_name": "Sở TT&TT Quảng Ngãi",
    "issuer": "Sở Thông tin và Truyền thông tỉnh Quảng Ngãi",  # cơ quan ban hành `invoke new van-ban` writes
    "emblem": "theme/img/quoc-huy.svg",
    "address": "Số 96 Nguyễn Chánh, phường Cẩm Thành, tỉnh Quảng Ngãi",
    "phone": "0255 3822 000",
    "fax": "0255 3822 001",
    "email": "stttt@quangngai.gov.vn",
    "responsible": "Giám đốc Sở Thông tin và Truyền thông",
    "licence": "Giấy phép số 01/GP-STTTT ngày 15/01/2024",
    # /.well-known/security.txt: whom to tell about a security problem (default: email above)
    "security_contact": "mailto:stttt@quangngai.gov.vn",
    # on pages in English (`lang: en`): the agency's names and address as it writes them in English
    "en": {
        "site_name": "Portal of the Quang Ngai Department of Information and Communications",  # <title>, og:site_name
        "parent": "Quang Ngai Provincial People's Committee",
        "name": "Department of Information and Communications",
        "short_name": "Quang Ngai DIC",
        "address": "96 Nguyen Chanh Street, Cam Thanh Ward, Quang Ngai Province, Viet Nam",
        "responsible": "Director of the Department of Information and Communications",
        "licence": "Licence No. 01/GP-STTTT of 15 January 2024",
    },
}

# The main navigation, in order: (label, URL from the site root). Labels are translated on pages in
# other languages by theme/translations (invoke translations).
PORTAL_NAVIGATION = [
    ("Trang chủ", ""),
    ("Giới thiệu", "gioi-thieu/"),
    ("Tin tức", "tin-tuc/"),
    ("Văn bản", "van-ban/"),
    ("Hỏi đáp", "hoi-dap/"),
    ("Tìm kiếm", "tim-kiem/"),
    ("Liên hệ", "lien-he/"),
]
# the pages inside an entry of the main navigation: a navigation of that section on each of them (and on
# the entry's own page), so that Lãnh đạo, Cơ cấu tổ chức and Thống kê are one step from Giới thiệu; a
# link whose pages are not written yet (no leader, no unit) is left out
PORTAL_SUBNAVIGATION = {
    "gioi-thieu/": [("Lãnh đạo", "lanh-dao/"), ("Cơ cấu tổ chức", "co-cau-to-chuc/"), ("Thống kê", "thong-ke/")],
}

# --------------------------------------------------------------------------- content

ARTICLE_PATHS = ["tin-tuc", "van-ban", "hoi-dap", "lanh-dao", "co-cau-to-chuc"]
PAGE_PATHS = ["pages"]
# content/files/ is published whole; a file beside a Markdown file only when a published
# item names it (image, attachments), so a draft's files stay private
STATIC_PATHS = ["files"]
STATIC_EXCLUDE_SOURCES = True
READERS = {"rst": None, "html": None, "htm": None}

# "today" for publishing rules and legal validity; YYYY-MM-DD, read as the end of that day
PORTAL_TODAY = os.environ.get("PORTAL_TODAY") or None

PORTAL_CONTENT = {
    # the loại văn bản staff may write (a document's `doc_type`), in the order forms list them: by
    # default portal_content.config.DEFAULT_DOC_TYPES; to add one, e.g. [*DEFAULT_DOC_TYPES, "Quy chế"]
    "doc_types": list(DEFAULT_DOC_TYPES),
    # sub-folder of content/tin-tuc/ -> chuyên mục, in the order of the Tin tức menu
    "news_sections": {
        "chi-dao-dieu-hanh": "Chỉ đạo điều hành",
        "dia-phuong": "Địa phương",
        "chuyen-doi-so": "Chuyển đổi số",
        "cai-cach-hanh-chinh": "Cải cách hành chính",
        "thong-bao": "Thông báo",
        "su-kien": "Sự kiện nổi bật",
    },
    "default_section": "Tin tổng hợp",
    # what may be published from content/ (images, attachments, content/files/), by suffix: by default
    # portal_content.files.DEFAULT_FILE_TYPES (documents, archives, images, audio, video). To allow more,
    # name the whole list here, e.g. "file_types": [*DEFAULT_FILE_TYPES, "dwg"]; HTML, JavaScript and XML
    # are refused whatever this says (served from the portal's address they would run script there)
}

# rendered bodies kept between builds (portal_content/render_cache.py); delete the folder any time
PORTAL_CACHE_PATH = str(HERE / "cache" / "render")
# this installation's secret, made by the first build (0600): what a build trusts of the caches and of the
# spare site is sealed with it (portal_content/installation.py); outside cache/, never committed
PORTAL_SECRET_FILE = str(HERE / ".secret" / "seal.key")

# Review before publishing (plugins/portal_review, PRODUCT.md "Review before publishing"): on when the git
# repository holding the content has a .nguoi-duyet file at its root (git's allowed-signers format); then a
# build publishes only what a reviewer signed. "reviewers" names a reviewers' file outside the repository
# instead (a path from this folder, or absolute): writers who can push cannot change it. "sections": which
# reviewers approve which top-level folder, e.g. {"van-ban": ["phap-che@stttt.gov.vn"]} (README)
PORTAL_REVIEW = {}

PORTAL_LISTINGS = {
    "per_page": 10,  # items on each page of a listing of news or questions
    # rows on each page of a table of documents (Văn bản, its kinds, years …); 20 reads well, but the
    # font-swap gate (tests/test_fonts.py) then finds two titles of the sample that the Roboto fallback
    # wraps one line longer than Noto Sans: 10 until the fallback faces are measured on such titles
    "documents_per_page": 10,
    "home_news": 6,
    "home_documents": 8,
    "other_news": 5,
    # link blocks on the home page: (title, description, URL)
    "link_blocks": [
        ("Cổng Dịch vụ công Quốc gia", "Thủ tục hành chính, nộp hồ sơ trực tuyến", "https://dichvucong.gov.vn/"),
        ("Cơ sở dữ liệu quốc gia về văn bản pháp luật", "Tra cứu văn bản quy phạm pháp luật", "https://vbpl.vn/"),
        ("Cổng thông tin điện tử Chính phủ", "Thông tin chỉ đạo, điều hành của Chính phủ", "https://chinhphu.vn/"),
    ],
}

# --------------------------------------------------------------------------- plugins

PLUGIN_PATHS = [str(HERE / "plugins")]
PLUGINS = [
    "portal_text",
    "portal_i18n",  # each page in its language: `_()` from theme/translations, dates
    "portal_content",
    "portal_legal",
    "portal_listings",
    "portal_collections",
    "portal_feeds",
    "portal_site",  # read → model: runs once every file is read, before anything is written
    "portal_search_index",
    "portal_writer",  # pages whose inputs did not change are linked from the live output, not rendered
    "portal_schedule",
    "portal_feedback",
    "portal_sitefiles",
    "portal_assets",  # theme files under hashed names, for long caching
    "portal_statistics",  # the Thống kê page and its open data
    "portal_agency",  # the leaders and the organisation (NĐ 42/2022)
    "portal_history",  # Lịch sử pages, and every address once published kept answering (301, 410)
]

# Search (search/, plugins/portal_search_index): the embedded Whoosh index beside the output, in
# output.private/search/ (never in output/, which holds only what a static host may serve), by default;
# a PostgreSQL URL (postgresql://…) when replicas on several machines must answer from one index. The
# environment variable PORTAL_SEARCH_DATABASE wins.
PORTAL_SEARCH = {"database": ""}

# The staff editor (invoke editor, plugins/portal_editor): forms made from the schema the build checks.
# "backend": "local" (default) saves into content/ on this machine; "gitlab" or "gitea" (with "repo",
# "base_url", "app_id"…) makes it the editor of the agency's own git server (README, "Trình soạn thảo").
# "issuers", "topics": names the forms offer beside those the documents already carry.
PORTAL_EDITOR = {"backend": "local"}

# Citizens writing back (plugins/portal_feedback): comments on open drafts, questions.
PORTAL_FEEDBACK = {
    # SQLite file outside output/ (default), or postgresql://… when several replicas serve the write path;
    # the environment variable PORTAL_FEEDBACK_DB wins
    "database": str(HERE / "data" / "phan-hoi.sqlite3"),
    "retention_days": 730,  # kept two years from the day sent, then `invoke gop-y --purge-before` removes them
    "rate_limit": (5, 600),  # at most 5 posts from one address in 10 minutes
    "max_chars": {"ho_ten": 100, "email": 254, "noi_dung": 5000},
    "max_body_bytes": 32 * 1024,  # refused before it is read
    # whose X-Forwarded-For (the citizen's address) and X-Forwarded-Proto are believed; "unix": a proxy on a
    # unix socket (gunicorn --bind unix:…), which has no address
    "trusted_proxies": ["127.0.0.1", "::1", "unix"],
    "ipv6_prefix": 64,  # the IPv6 addresses of one /64 (one household, one machine) share one rate limit
    "allowed_origins": [],  # forms are accepted from pages at SITEURL (a preview: loopback); add other addresses
}

PORTAL_LEGAL = {
    # numbers cited here but published on another portal (the Government's, a ministry's): cited as text,
    # and the build no longer warns that the portal does not carry them, e.g. ["15/CT-TTg", "43/2011/NĐ-CP"]
    "known_elsewhere": [],
    # schema.org legislationJurisdiction: the country, or the province (ISO 3166-2) for its own bodies
    "jurisdiction": "VN",
    "issuer_jurisdictions": {
        "UBND tỉnh Quảng Ngãi": "VN-29",
        "HĐND tỉnh Quảng Ngãi": "VN-29",
        "Sở Thông tin và Truyền thông tỉnh Quảng Ngãi": "VN-29",
        "Sở Nội vụ tỉnh Quảng Ngãi": "VN-29",
        "UBND tỉnh Quảng Trị": "VN-25",
        "UBND tỉnh Đồng Tháp": "VN-45",
    },
    # the licence of the open data (/van-ban/du-lieu-mo/): CC BY 4.0 unless set here
    # ({"name": …, "url": …, "attribution": …}; attribution defaults to the agency's name)
    "open_data_licence": {},
}

# --------------------------------------------------------------------------- what Pelican writes

# URLs come from the content plugin (url/save_as per item): news under tin-tuc/<chuyên mục>/,
# documents under van-ban/, pages at the root. Listings come from portal_listings.
DIRECT_TEMPLATES = []
# Listings paginate themselves (portal_listings.pages): the newest items at a listing's address, and behind
# it full pages numbered from the oldest item, at <listing>/luu-tru/<n>/, whose items never move.
PAGINATED_TEMPLATES = {}
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = DRAFT_LANG_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
ARTICLE_LANG_SAVE_AS = PAGE_LANG_SAVE_AS = ""
# News and documents have no versions in other languages (only standing pages do, paired by the site
# model): Pelican's own pairing of articles compares every article with every other (2 s at 12,000)
ARTICLE_TRANSLATION_ID = None

# Feeds come from feedgen in their own plugin (portal_feeds), never from Pelican.
# Absolute URLs in feeds start with FEED_DOMAIN (publishconf.py sets the public address).
FEED_DOMAIN = "http://localhost:8000"
PORTAL_FEEDS = {
    "items": 20,  # the newest N items in each feed
    # entry and feed ids are tag: URIs (RFC 4151): a domain the agency owns and a day it owned it.
    # Never change these once feeds are public: readers would see every entry as new.
    "id_authority": "stttt.quangngai.gov.vn",
    "id_since": "2024-01-01",
}
FEED_ALL_ATOM = FEED_ALL_RSS = FEED_ATOM = FEED_RSS = None
CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = TAG_FEED_RSS = TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None

JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": ["jinja2.ext.i18n"],  # interface text through gettext (plugins/portal_i18n)
}
# no bytecode cache: Jinja's (cache/jinja/) unpickles and unmarshals code from a folder that anyone who
# can write the project's cache could plant a file in; compiling the theme's templates costs 0.3 s a build
RELATIVE_URLS = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
TYPOGRIFY = False
