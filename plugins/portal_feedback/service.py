"""The write path: `POST /api/gop-y` (comments on an open Dự thảo) and `POST /api/hoi-dap` (questions).

A WSGI application placed before the search service and the static site (`invoke serve`, and
`portal_serve.wsgi` in production). Every refusal is a 4xx with a Vietnamese message, as JSON
(`Accept: application/json`) or as the site's own page; an accepted submission is committed to
the store before the answer: a 303 to the receipt page, or 201 and the receipt code as JSON.
Nothing a citizen sends is written into the site's folder.
"""

import ipaddress
import json
import logging
import re
import threading
import time
from collections import deque
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .article_links import COMMENT_PAGE  # the comment form for one article of a draft ("Góp ý Điều này")
from .config import FeedbackConfig, outside
from .consent import BY_CODE, CONSENT_FIELDS, LOOKUP_PAGE, VERSION_FIELD
from .drafts import Drafts, today_in_vietnam
from .store import RateLimited, Store, open_store
from .validation import ARTICLE, HONEYPOT, LABELS, PROBLEM_LABELS, check, clean_text

log = logging.getLogger(__name__)

ROUTES = {"/api/gop-y": "gop-y", "/api/hoi-dap": "hoi-dap"}
LOOKUP, ERASE = "/api/tra-cuu", "/api/yeu-cau-xoa"  # a citizen sees, or asks to delete, what they sent
RECEIPT_PAGE = "/phan-hoi/da-nhan/"
PROBLEM_PAGE = "phan-hoi/loi/"
_RECEIPT = re.compile(r"^(GY|HD)-\d{8}-[A-Z2-9]{8}$")
FORM_TYPE = "application/x-www-form-urlencoded"
RETRY_SECONDS = 60


class Refused(Exception):
    """A refusal; `form` (what the citizen sent) and `kind` make the answer the form again, filled in."""

    def __init__(
        self,
        status: str,
        message: str,
        problems: dict | None = None,
        headers=(),
        back: str | None = None,
        form: dict | None = None,
        kind: str | None = None,
        articles: tuple = (),
    ):
        super().__init__(message)
        self.status, self.message, self.problems, self.headers, self.back = (
            status,
            message,
            problems or {},
            headers,
            back,
        )
        self.form, self.kind, self.articles = form, kind, articles  # articles: the draft's, for its form


def create_app(site: Path, config: FeedbackConfig, fallback=None, store: Store | None = None, clock=None, pages=None):
    """The write path over the built site in `site`; other requests go to `fallback`. `pages`
    (portal_serve.pages.ThemePages) renders the receipt and the problems pages; without it the
    problems are plain text and the receipt is the built page."""
    from . import view_of

    shown = view_of(config)
    site = Path(site)
    if not outside(config.database, site):
        raise ValueError(f"PORTAL_FEEDBACK database {config.database} lies inside the published folder {site}")
    drafts = Drafts(site)
    state = {"store": store}
    opening = threading.Lock()

    def the_store() -> Store:
        """Opened at the first submission (a database that is down is then a 503, not a crash at start)."""
        with opening:
            if state["store"] is None:
                state["store"] = open_store(config.database)
            return state["store"]

    def send(start_response, status, body: bytes, content_type: str, headers=(), head=False):
        start_response(
            status,
            [
                ("Content-Type", content_type),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"),
                ("X-Content-Type-Options", "nosniff"),
                *headers,
            ],
        )
        return [] if head else [body]

    def refuse(environ, start_response, refused: Refused):
        if wants_json(environ):
            data = {"loi": refused.message, **({"truong": refused.problems} if refused.problems else {})}
            return send(
                start_response,
                refused.status,
                json.dumps(data, ensure_ascii=False).encode(),
                "application/json; charset=utf-8",
                refused.headers,
            )
        if pages is None:
            return send(
                start_response, refused.status, refused.message.encode(), "text/plain; charset=utf-8", refused.headers
            )
        html = pages.render(
            "feedback_problems.html", refused=refused, labels=PROBLEM_LABELS, feedback=shown, page_name=PROBLEM_PAGE
        )
        return send(start_response, refused.status, html.encode(), "text/html; charset=utf-8", refused.headers)

    def read_form(environ) -> dict[str, str]:
        """The fields of a form posted from the portal's own pages, by a sender within the limits."""
        if not (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower() == FORM_TYPE:
            raise Refused("415 Unsupported Media Type", "Biểu mẫu phải gửi dạng application/x-www-form-urlencoded.")
        try:
            length = int(environ.get("CONTENT_LENGTH") or "")
        except ValueError:
            raise Refused("411 Length Required", "Thiếu độ dài nội dung gửi lên.") from None
        if length < 0 or length > config.max_body_bytes:  # refused before a byte of the body is read
            raise Refused("413 Content Too Large", f"Nội dung gửi quá dài (tối đa {config.max_body_bytes // 1024} KB).")
        same_origin(environ)
        if not attempts.allow(client_key(address(environ), config.ipv6_prefix)):
            raise Refused(  # refused or not, every post counts: refusals cost work too
                "429 Too Many Requests",
                "Bạn đã gửi nhiều lần trong thời gian ngắn; xin thử lại sau ít phút.",
                headers=[("Retry-After", str(RETRY_SECONDS))],
            )
        try:
            body = environ["wsgi.input"].read(length).decode("utf-8")
            parsed = parse_qs(body, keep_blank_values=True, strict_parsing=False, max_num_fields=20)
        except (UnicodeDecodeError, ValueError):
            raise Refused("400 Bad Request", "Không đọc được nội dung gửi lên.") from None
        return {name: values[0] for name, values in parsed.items()}

    def receive(environ, kind: str) -> str:
        form = read_form(environ)
        back = "/hoi-dap/"
        fields = {}
        articles, draft_articles = None, ()
        if kind == "gop-y":
            draft = drafts.find(form.get("van_ban", ""))
            if draft is None:
                raise Refused("404 Not Found", "Không có dự thảo này trên cổng để góp ý.")
            back = draft.url
            if not draft.open_on(today_in_vietnam(clock() if clock else None)):
                raise Refused(
                    "410 Gone",
                    f"Dự thảo {draft.number} đã hết thời gian lấy ý kiến"
                    + (f" (ngày {draft.comment_until:%d/%m/%Y})." if draft.comment_until else "."),
                    back=back,
                )
            fields.update(document=draft.citation, document_url=draft.url)
            articles, draft_articles = draft.article_numbers, draft.articles
        if form.get(HONEYPOT):
            raise Refused("400 Bad Request", "Không gửi được biểu mẫu này.")
        cleaned, problems = check(form, config, kind, shown.version, articles)
        # shown back in the form; the boxes ticked under another notice are ticked again by the citizen
        kept = (*LABELS, "van_ban", ARTICLE) + (() if VERSION_FIELD in problems else CONSENT_FIELDS)
        typed = {name: form.get(name, "") for name in kept}
        if problems:
            raise Refused(
                "400 Bad Request",
                "Chưa gửi được: xin sửa các mục dưới đây.",
                problems,
                back=back,
                form=typed,
                kind=kind,
                articles=draft_articles,
            )
        fields.update(cleaned)
        try:
            return the_store().add(
                kind,
                fields,
                client_key(address(environ), config.ipv6_prefix),
                config.rate_limit,
                now=clock() if clock else None,
                notice=(shown.version, shown.notice_text),
            )
        except RateLimited:
            raise Refused(
                "429 Too Many Requests",
                "Bạn đã gửi nhiều lần trong thời gian ngắn; xin thử lại sau ít phút.",
                headers=[("Retry-After", str(RETRY_SECONDS))],
                back=back,
                form=typed,
                kind=kind,
                articles=draft_articles,
            ) from None

    def same_origin(environ) -> None:
        """A form on another site cannot post here in a visitor's name (browsers send Origin with every POST).
        Compared with the portal's own address (SITEURL) and `allowed_origins`, never with the Host header,
        which the sender writes; a local preview (no SITEURL) takes forms from its own loopback pages."""
        origin = environ.get("HTTP_ORIGIN") or environ.get("HTTP_REFERER")
        if origin is None:
            return  # not a browser: nothing to forge
        try:
            parts = urlsplit(origin)
            host = (parts.hostname or "").lower()
            allowed = (
                origin != "null"
                and host
                and (
                    (parts.scheme, parts.netloc.lower()) in accepted
                    or (not config.site_origin and parts.scheme == "http" and host in LOOPBACK)
                )
            )
        except ValueError:
            allowed = False
        if not allowed:
            raise Refused("403 Forbidden", "Chỉ nhận biểu mẫu gửi từ chính cổng thông tin này.")

    accepted = {
        (parts.scheme, parts.netloc.lower())
        for parts in (urlsplit(o) for o in (config.site_origin, *config.allowed_origins) if o)
    }

    def address(environ) -> str:
        """The sender: the peer, or the address a trusted proxy says it forwarded for (a proxy on a unix
        socket has no address of its own: "unix" in `trusted_proxies`)."""
        remote = environ.get("REMOTE_ADDR", "")
        forwarded = environ.get("HTTP_X_FORWARDED_FOR")
        peer = remote if remote else "unix"
        if forwarded and peer in config.trusted_proxies:
            return forwarded.split(",")[-1].strip()
        return remote

    attempts = Attempts(config.rate_limit[0] * ATTEMPTS_PER_POST, config.rate_limit[1])

    def receipt_page(environ, start_response, head):
        if pages is None:
            return None
        code = (parse_qs(environ.get("QUERY_STRING", "")).get("ma") or [""])[0]
        html = pages.render(
            "feedback_receipt.html",
            receipt=code if _RECEIPT.match(code) else None,
            feedback=shown,
            page_name=RECEIPT_PAGE.strip("/") + "/",
        )
        return send(start_response, "200 OK", html.encode(), "text/html; charset=utf-8", head=head)

    def comment_page(environ, start_response, head):
        """The comment form for one article of an open draft, the article chosen (works without JavaScript)."""
        if pages is None:
            return None
        query = parse_qs(environ.get("QUERY_STRING", ""))
        draft = drafts.find((query.get("van_ban") or [""])[0])
        day = today_in_vietnam(clock() if clock else None)
        if draft is None or not draft.open_on(day):
            raise Refused(
                "404 Not Found" if draft is None else "410 Gone",
                "Không có dự thảo này trên cổng để góp ý."
                if draft is None
                else f"Dự thảo {draft.number} đã hết thời gian lấy ý kiến.",
                back=draft.url if draft else None,
            )
        article = (query.get(ARTICLE) or [""])[0].strip()
        html = pages.render(
            "feedback_comment.html",
            draft=draft,
            chosen=article if article in draft.article_numbers else "",
            feedback=shown,
            page_name=COMMENT_PAGE.strip("/") + "/",
        )
        return send(start_response, "200 OK", html.encode(), "text/html; charset=utf-8", head=head)

    def looked_up(environ):
        """The submission a receipt code and an e-mail address name, or a 404 saying so."""
        form = read_form(environ)
        code, email = clean_text(form.get("ma", "")).upper(), clean_text(form.get("email", ""))
        if not _RECEIPT.match(code) or not email:
            raise Refused(
                "400 Bad Request",
                "Ghi mã biên nhận (ví dụ GY-20261115-ABCD2345) và thư điện tử đã dùng khi gửi.",
                back="/" + LOOKUP_PAGE,
            )
        found = the_store().find(code, email)
        if found is None:
            raise Refused(
                "404 Not Found",
                "Không tìm thấy nội dung nào với mã biên nhận và thư điện tử này (hoặc nội dung đã được xóa).",
                back="/" + LOOKUP_PAGE,
            )
        return found

    def lookup(environ, start_response, erase: bool):
        store = the_store()
        found = looked_up(environ)
        erasure = store.ask_erasure(found, clock() if clock else None) if erase else store.erasure(found.receipt)
        notice = store.notice(found.notice_version) if found.notice_version else None
        if wants_json(environ):
            data = {
                "ma": found.receipt,
                "loai": found.kind,
                "thoi_diem": found.created_at.isoformat(timespec="seconds"),
                "van_ban": found.document,
                "dieu": found.dieu,
                "ho_ten": found.ho_ten,
                "email": found.email,
                "noi_dung": found.noi_dung,
                "muc_dich": list(found.purposes),
                "phien_ban_thong_bao": found.notice_version or None,
                "yeu_cau_xoa": erasure.requested_at.isoformat(timespec="seconds") if erasure else None,
            }
            body = json.dumps(data, ensure_ascii=False).encode()
            return send(start_response, "200 OK", body, "application/json; charset=utf-8")
        if pages is None:
            return send(start_response, "200 OK", found.noi_dung.encode(), "text/plain; charset=utf-8")
        html = pages.render(
            "feedback_lookup.html",
            found=found,
            purposes=[BY_CODE[code] for code in found.purposes if code in BY_CODE],
            notice_text=notice,
            erasure=erasure,
            just_asked=erase,
            feedback=shown,
            page_name=LOOKUP_PAGE,
        )
        return send(start_response, "200 OK", html.encode(), "text/html; charset=utf-8")

    def app(environ, start_response):
        path = environ.get("PATH_INFO", "/")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == RECEIPT_PAGE and method in ("GET", "HEAD"):
            answer = receipt_page(environ, start_response, method == "HEAD")
            if answer is not None:
                return answer
        if path == COMMENT_PAGE and method in ("GET", "HEAD"):
            try:
                answer = comment_page(environ, start_response, method == "HEAD")
            except Refused as refused:
                return refuse(environ, start_response, refused)
            if answer is not None:
                return answer
        if path in (LOOKUP, ERASE) and method == "POST":
            try:
                return lookup(environ, start_response, erase=path == ERASE)
            except Refused as refused:
                return refuse(environ, start_response, refused)
            except Exception:
                log.exception("feedback: lookup failed")
                return refuse(
                    environ,
                    start_response,
                    Refused(
                        "503 Service Unavailable",
                        "Tạm thời chưa tra cứu được, xin thử lại sau ít phút.",
                        headers=[("Retry-After", str(RETRY_SECONDS))],
                    ),
                )
        kind = ROUTES.get(path)
        if kind is None:
            if fallback is not None:
                return fallback(environ, start_response)
            return send(start_response, "404 Not Found", b"", "text/plain; charset=utf-8")
        if method != "POST":
            return send(
                start_response,
                "405 Method Not Allowed",
                "Chỉ nhận POST.".encode(),
                "text/plain; charset=utf-8",
                [("Allow", "POST")],
                head=method == "HEAD",
            )
        try:
            receipt = receive(environ, kind)
        except Refused as refused:
            return refuse(environ, start_response, refused)
        except Exception:  # the database is down: the citizen is told to come back, the log says why
            log.exception("feedback: submission not stored")
            return refuse(
                environ,
                start_response,
                Refused(
                    "503 Service Unavailable",
                    "Tạm thời chưa nhận được; nội dung chưa được lưu, xin gửi lại sau ít phút.",
                    headers=[("Retry-After", str(RETRY_SECONDS))],
                ),
            )
        if wants_json(environ):
            data = {"ma": receipt, "thong_bao": "Đã nhận. Xin ghi lại mã biên nhận."}
            return send(
                start_response,
                "201 Created",
                json.dumps(data, ensure_ascii=False).encode(),
                "application/json; charset=utf-8",
            )
        return send(
            start_response,
            "303 See Other",
            b"",
            "text/plain; charset=utf-8",
            [("Location", f"{RECEIPT_PAGE}?ma={receipt}")],
        )

    return app


LOOPBACK = {"localhost", "127.0.0.1", "::1"}
ATTEMPTS_PER_POST = 4  # posts refused or accepted, for every post the store may keep, in the same window


def client_key(address: str, ipv6_prefix: int = 64) -> str:
    """Whom a rate limit counts: an IPv4 address, or the /64 an IPv6 address is in (one household, one
    machine: it has billions of addresses to rotate through); an IPv4 address mapped into IPv6 as IPv4."""
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]").split("%")[0])
    except ValueError:
        return address
    if ip.version == 6 and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/{ipv6_prefix}", strict=False))
    return str(ip)


class Attempts:
    """Posts per sender in a sliding window, in this process, before any work on them: a refusal (too
    long, a wrong field) costs the service work as much as an accepted post does."""

    def __init__(self, count: int, seconds: int):
        self.count, self.seconds = count, seconds
        self._seen: dict[str, deque] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        moment = time.monotonic()
        with self._lock:
            if len(self._seen) > 100_000:  # a flood of senders: forget the oldest windows
                self._seen = {k: v for k, v in self._seen.items() if v and v[-1] > moment - self.seconds}
            seen = self._seen.setdefault(key, deque())
            while seen and seen[0] <= moment - self.seconds:
                seen.popleft()
            if len(seen) >= self.count:
                return False
            seen.append(moment)
            return True


def wants_json(environ) -> bool:
    return "application/json" in (environ.get("HTTP_ACCEPT") or "")
