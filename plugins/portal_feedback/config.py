"""The PORTAL_FEEDBACK settings, read and checked once."""

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_LIMITS = {"ho_ten": 100, "email": 254, "noi_dung": 5000}


@dataclass(frozen=True)
class FeedbackConfig:
    database: str  # a SQLite file path, or postgresql://… for several replicas of the service
    retention_days: int = 730
    controller: str = ""  # the agency that processes the data (the consent sentence names it)
    contact: str = ""  # where a citizen asks to see or delete their data
    max_chars: dict = field(default_factory=lambda: dict(DEFAULT_LIMITS))
    max_body_bytes: int = 32 * 1024
    rate_limit: tuple[int, int] = (5, 600)  # at most N posts from one address in S seconds
    # whose X-Forwarded-For (and X-Forwarded-Proto) is believed: addresses, and "unix" for a proxy on a unix
    # socket (gunicorn --bind unix:…, the usual nginx set-up), where the peer has no address
    trusted_proxies: tuple[str, ...] = ("127.0.0.1", "::1", "unix")
    allowed_origins: tuple[str, ...] = ()  # besides the portal's own address (SITEURL)
    site_origin: str = ""  # the portal's public address (SITEURL); none: a local preview, on loopback
    ipv6_prefix: int = 64  # one household or one machine: IPv6 addresses of one /64 share one rate limit

    @property
    def is_postgres(self) -> bool:
        return self.database.startswith(("postgresql://", "postgres://"))

    @property
    def retention_text(self) -> str:
        days = self.retention_days
        if days % 365 == 0:
            return f"{days // 365} năm"
        if days % 30 == 0:
            return f"{days // 30} tháng"
        return f"{days} ngày"


def feedback_config(settings: dict) -> FeedbackConfig:
    """The settings, with PORTAL_FEEDBACK_DB and PORTAL_FEEDBACK_RATE from the environment winning
    (operators point replicas at one PostgreSQL; load tests lift the rate limit)."""
    raw = dict(settings.get("PORTAL_FEEDBACK", {}))
    agency = settings.get("PORTAL_AGENCY", {})
    database = os.environ.get("PORTAL_FEEDBACK_DB") or raw.get("database") or "data/phan-hoi.sqlite3"
    rate = raw.get("rate_limit", (5, 600))
    if os.environ.get("PORTAL_FEEDBACK_RATE"):
        count, _, seconds = os.environ["PORTAL_FEEDBACK_RATE"].partition("/")
        rate = (count, seconds or 60)
    try:
        rate = (int(rate[0]), int(rate[1]))
    except (TypeError, ValueError, IndexError):  # the settings check names the mistake and stops the build
        rate = (5, 600)
    return FeedbackConfig(
        database=str(database),
        retention_days=int(raw.get("retention_days", 730)),
        controller=raw.get("controller") or agency.get("issuer") or agency.get("name", ""),
        contact=raw.get("contact") or agency.get("email", ""),
        max_chars={**DEFAULT_LIMITS, **raw.get("max_chars", {})},
        max_body_bytes=int(raw.get("max_body_bytes", 32 * 1024)),
        rate_limit=rate,
        trusted_proxies=tuple(raw.get("trusted_proxies", ("127.0.0.1", "::1", "unix"))),
        allowed_origins=tuple(raw.get("allowed_origins", ())),
        site_origin=str(settings.get("SITEURL") or ""),
        ipv6_prefix=int(raw.get("ipv6_prefix", 64)),
    )


def outside(database: str, output: Path) -> bool:
    """Whether a SQLite database lies outside the published folder (nothing a citizen sends is published)."""
    if database.startswith(("postgresql://", "postgres://")):
        return True
    path = Path(os.path.abspath(database))
    return not path.is_relative_to(os.path.abspath(output))
