"""The headers every answer of the portal carries (`invoke serve`, gunicorn; the README's nginx
example sends the same for the files it serves itself).

A page may load script, style, fonts and images from the portal only; no inline script or style
(none is written: JSON-LD is data, not script), no frames of other sites around it, no plugins;
forms post to the portal only. The camera, microphone, location and payment APIs are off.
"""

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'self'; object-src 'none'"
)
SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"),
    ("X-Frame-Options", "SAMEORIGIN"),
)


STRICT_TRANSPORT = ("Strict-Transport-Security", "max-age=31536000")  # a year, as browsers' lists ask


def came_through_tls(environ, trusted_proxies=("127.0.0.1", "::1", "unix")) -> bool:
    """Whether the reader's request came over HTTPS: to this server itself, or to a trusted proxy that says
    so (X-Forwarded-Proto from a proxy in `trusted_proxies`; "unix" is a proxy on a unix socket). A header
    from anyone else is what the sender wrote, and proves nothing."""
    if environ.get("wsgi.url_scheme") == "https":
        return True
    peer = environ.get("REMOTE_ADDR") or "unix"
    forwarded = (environ.get("HTTP_X_FORWARDED_PROTO") or "").split(",")[-1].strip().lower()
    return forwarded == "https" and peer in trusted_proxies


def with_security_headers(app, trusted_proxies=("127.0.0.1", "::1", "unix")):
    """Wraps a WSGI app: the headers above on every answer (a page also gets the CSP), unless set; and
    Strict-Transport-Security on every answer to a request that came over HTTPS."""

    def wrapped(environ, start_response):
        tls = came_through_tls(environ, trusted_proxies)

        def start(status, headers, exc_info=None):
            present = {name.lower() for name, _ in headers}
            extra = [(name, value) for name, value in SECURITY_HEADERS if name.lower() not in present]
            if tls and "strict-transport-security" not in present:
                extra.append(STRICT_TRANSPORT)
            content_type = next((v for n, v in headers if n.lower() == "content-type"), "")
            if content_type.startswith("text/html") and "content-security-policy" not in present:
                extra.append(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
            return start_response(status, list(headers) + extra, exc_info)

        return app(environ, start)

    return wrapped
