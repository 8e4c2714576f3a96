"""The one autoescaping Jinja environment for everything the plugin renders.

Content (titles, summaries, notes) only ever reaches HTML as template *data*: autoescaped
in text and attributes, ``|tojson`` inside scripts, and never compiled as a template.
Trainer Markdown arrives already converted by MkDocs and is inserted as ``body``.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Sequence
from typing import Any

import jinja2
from markupsafe import Markup

from ..core.config import Options
from ..core.model import Catalog
from ..export.catalog_json import track_minutes
from ..export.text import format_minutes
from .diagram import track_diagram
from .structure import GeneratedPage


def format_date(value: dt.date | dt.datetime) -> str:
    return f"{value:%a} {value.day} {value:%b %Y}"


def relative_url(target: str, page_url: str, use_directory_urls: bool) -> str:
    """Link from the page at ``page_url`` to the site path ``target`` (e.g. ``courses/x/``)."""
    if not use_directory_urls and (target == "" or target.endswith("/")):
        target += "index.html"
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    relative = posixpath.relpath("/" + target, "/" + base)
    if target.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return "./" if relative == "./" or relative == "." else relative


class Renderer:
    """Renders the structured part of generated pages around their Markdown body."""

    def __init__(self, search_path: Sequence[str], catalog: Catalog, options: Options,
                 use_directory_urls: bool) -> None:
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(list(search_path)),
            auto_reload=False,  # one build per environment; no stat() of templates on every page
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(minutes=format_minutes, date=format_date)
        self.catalog, self.options = catalog, options
        self.use_directory_urls = use_directory_urls

    def linker(self, page_url: str) -> Callable[[str], str]:
        return lambda target: relative_url(target, page_url, self.use_directory_urls)

    def render(self, name: str, page_url: str, **context: Any) -> str:
        template = self.env.get_template(name)
        return template.render(
            catalog=self.catalog, taxonomy=self.catalog.taxonomy, options=self.options,
            today=self.options.today, link=self.linker(page_url),
            track_minutes=track_minutes, track_diagram=track_diagram,
            **context,
        )

    def render_page(self, page: GeneratedPage, body_html: str, page_url: str, template: str | None = None) -> str:
        """The page around its converted Markdown, with ``page.template`` unless told otherwise."""
        return self.render(template or page.template, page_url, body=Markup(body_html), page_info=page,
                           **page.context)
