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


def with_security_headers(app):
    """Wraps a WSGI app: the headers above on every answer (a page also gets the CSP), unless set."""

    def wrapped(environ, start_response):
        def start(status, headers, exc_info=None):
            present = {name.lower() for name, _ in headers}
            extra = [(name, value) for name, value in SECURITY_HEADERS if name.lower() not in present]
            content_type = next((v for n, v in headers if n.lower() == "content-type"), "")
            if content_type.startswith("text/html") and "content-security-policy" not in present:
                extra.append(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
            return start_response(status, list(headers) + extra, exc_info)

        return app(environ, start)

    return wrapped
