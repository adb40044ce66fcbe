"""RSS 2.0 and Atom 1.0 feeds, written by feedgen for every listing other sites follow.

Pelican's own feed settings are off. The site model (portal_site) decides the channels, what each
carries and which page names which (`site.feed_links`, for <link rel="alternate">); this
generator writes `<listing>/rss.xml` and `<listing>/atom.xml` and the "Nhận tin RSS" page `/rss/`.
Settings: PORTAL_FEEDS in pelicanconf.py; absolute URLs from FEED_DOMAIN.
"""

from .channels import Channel, latest
from .entries import Entry, Identity, entry_of

__all__ = ["Channel", "Entry", "register"]

FEEDS_PAGE = "rss/"


# an entry's lasting id is tag:<id_authority>,<id_since>:…; "localhost" only until the agency's domain is
# written (the settings check warns)
FEED_DEFAULTS = {"items": 20, "id_authority": "localhost", "id_since": "2024-01-01"}


def _settings(settings: dict) -> dict:
    return {**FEED_DEFAULTS, **settings.get("PORTAL_FEEDS", {})}


def _generator_class():
    from datetime import date
    from pathlib import Path

    from pelican.generators import Generator
    from portal_content.fields import on_day

    from .writer import ChannelInfo, atom_bytes, feed_updated, rss_bytes

    class FeedsGenerator(Generator):
        def generate_context(self):
            pass  # the channels and what each carries are in the site model (portal_site)

        def generate_output(self, writer):
            options = _settings(self.settings)
            base = (self.settings.get("FEED_DOMAIN") or self.settings.get("SITEURL") or "").rstrip("/")
            identity = Identity(options["id_authority"], options["id_since"])
            publisher = self.settings.get("PORTAL_AGENCY", {}).get("name") or self.settings.get("SITENAME", "")
            fallback = on_day(date.fromisoformat(options["id_since"]))  # a channel with no entry yet
            made = {}  # one Entry per item, shared by every channel it appears in
            output = Path(self.output_path)
            site = self.context["site"]
            for channel in site.channels:
                entries = []
                for article in latest(channel.items, options["items"]):
                    key = article.record.source_path
                    if key not in made:
                        made[key] = entry_of(article, base, identity, publisher)
                    entries.append(made[key])
                info = ChannelInfo(
                    identity.tag(channel.url.rstrip("/")),
                    channel.title,
                    channel.description,
                    f"{base}/{channel.url}",
                    f"{base}/{channel.rss}",
                    f"{base}/{channel.atom}",
                    publisher,
                )
                updated = feed_updated(entries, fallback)
                folder = output / channel.url
                folder.mkdir(parents=True, exist_ok=True)
                (folder / "rss.xml").write_bytes(rss_bytes(info, entries, updated))
                (folder / "atom.xml").write_bytes(atom_bytes(info, entries, updated))
            writer.write_file(
                FEEDS_PAGE + "index.html",
                self.get_template("feeds"),
                self.context,
                channels=site.channels,
                page_name=FEEDS_PAGE,
            )

    return FeedsGenerator


def get_generators(pelican):
    return _generator_class()


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(get_generators)
