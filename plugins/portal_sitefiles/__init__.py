"""The files crawlers and browsers look for (PRODUCT.md): `/sitemap.xml`, `/robots.txt` naming it,
`/.well-known/security.txt` (RFC 9116: PORTAL_AGENCY["security_contact"], else its email) and
`/favicon.ico` (favicon.py; `invoke favicon` draws it from the emblem).

The sitemap lists what the site model says is listed, and the listings, each with the day it really
changed (`lastmod`: an item's last substantive change, a listing's newest item); never drafts,
hidden, scheduled or expired items, nor search or write-path pages. robots.txt keeps crawlers off
the search results and the write path, and names the sitemap. Absolute addresses come from
FEED_DOMAIN (publishconf.py sets it to the public address), as feeds' do.
"""

from datetime import datetime
from xml.sax.saxutils import escape

__all__ = ["register", "robots", "security_txt", "sitemap"]

PRIVATE = ("/tim-kiem/", "/api/", "/phan-hoi/")


def sitemap(domain: str, entries) -> str:
    """`entries`: the site model's sitemap (portal_site.SitemapEntry: url from the site root, lastmod)."""
    rows = "".join(
        f"  <url><loc>{escape(f'{domain}/{e.url}')}</loc><lastmod>{e.lastmod.isoformat(timespec='seconds')}"
        "</lastmod></url>\n"
        for e in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + rows + "</urlset>\n"
    )


def robots(domain: str) -> str:
    return "User-agent: *\n" + "".join(f"Disallow: {path}\n" for path in PRIVATE) + f"\nSitemap: {domain}/sitemap.xml\n"


def security_txt(domain: str, contact: str, expires: datetime, policy: str | None = None) -> str:
    """RFC 9116: whom to tell about a security problem in the portal, until when this holds."""
    lines = [
        f"Contact: {contact if ':' in contact else 'mailto:' + contact}",
        f"Expires: {expires.isoformat(timespec='seconds')}",
        "Preferred-Languages: vi, en",
        f"Canonical: {domain}/.well-known/security.txt",
    ]
    if policy:
        lines.append(f"Policy: {policy}")
    return "\n".join(lines) + "\n"


SECURITY_VALID_DAYS = 180  # RFC 9116 advises less than a year; every build renews it


def _generator_class():
    import shutil
    from datetime import timedelta
    from pathlib import Path

    from pelican.generators import Generator

    class SiteFilesGenerator(Generator):
        def generate_context(self):
            pass

        def generate_output(self, writer):
            domain = self.settings.get("FEED_DOMAIN") or self.settings.get("SITEURL", "")
            out = Path(self.output_path)
            (out / "sitemap.xml").write_text(sitemap(domain, self.context["site"].sitemap), encoding="utf-8")
            (out / "robots.txt").write_text(robots(domain), encoding="utf-8")
            agency = self.settings.get("PORTAL_AGENCY", {})
            today = self.context["site"].now.replace(hour=0, minute=0, second=0, microsecond=0)
            known = out / ".well-known"
            known.mkdir(exist_ok=True)
            (known / "security.txt").write_text(
                security_txt(
                    domain,
                    agency.get("security_contact") or agency.get("email", ""),
                    today + timedelta(days=SECURITY_VALID_DAYS),
                    agency.get("security_policy"),
                ),
                encoding="utf-8",
            )
            icon = Path(self.theme) / "static" / "img" / "favicon.ico"
            if icon.is_file():
                shutil.copyfile(icon, out / "favicon.ico")

    return SiteFilesGenerator


def get_generators(pelican):
    return _generator_class()


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(get_generators)
