"""The files crawlers look for (PRODUCT.md): `/sitemap.xml` and `/robots.txt` naming it.

The sitemap lists what the site model says is listed, and the listings, each with the day it really
changed (`lastmod`: an item's last substantive change, a listing's newest item); never drafts,
hidden, scheduled or expired items, nor search or write-path pages. robots.txt keeps crawlers off
the search results and the write path, and names the sitemap. Absolute addresses come from
FEED_DOMAIN (publishconf.py sets it to the public address), as feeds' do.
"""

from xml.sax.saxutils import escape

__all__ = ["register", "robots", "sitemap"]

PRIVATE = ("/tim-kiem/", "/api/", "/phan-hoi/", "/_search/")


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


def _generator_class():
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

    return SiteFilesGenerator


def get_generators(pelican):
    return _generator_class()


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(get_generators)
