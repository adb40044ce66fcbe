"""Serving the built site over HTTP (not a Pelican plugin): `invoke serve` uses it."""

from .static import create_app

__all__ = ["create_app"]
