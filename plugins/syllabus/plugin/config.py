"""Typed options of the ``syllabus`` MkDocs plugin (the taxonomy lives here, as data)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SyllabusConfig(Config):
    """Mirrors :class:`syllabus.core.config.Options`; the core checks the term maps' shape."""

    enabled = c.Type(bool, default=True)
    audience = c.Choice(("public", "internal"), default="public")
    review_every_days = c.Type(int, default=180)
    roles = c.Optional(c.Type(dict))
    levels = c.Optional(c.Type(dict))
    formats = c.Optional(c.Type(dict))
    products = c.Optional(c.Type(dict))
    video_hosts = c.ListOfItems(c.Type(str), default=[])
    publish_insights = c.Type(bool, default=False)
    fte_hours_per_month = c.Type((int, float), default=140)
