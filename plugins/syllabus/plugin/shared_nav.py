"""Material's navigation, rendered once per folder for generated pages outside the nav.

Material renders the whole nav on every page. With the tracks and plans in it, that was a
tenth of a 4,000-course build, and all of it repeated: on a page the nav does not list,
no entry is active, and every link in it is relative to the page's folder. So course pages
(``courses/<id>/``) share one rendering, the unit pages of one course another.

Two pages of one folder get the same relative links to every nav entry, except to an
entry lying below either page's own URL; a page with nav entries below it is rendered as
usual. The rendering is reused only while ``partials/nav.html`` is Material's own: a
site's ``custom_dir`` override may well print something of the page.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import jinja2
import material
from jinja2.runtime import Context

NAV_TEMPLATE = "partials/nav.html"
MATERIAL_TEMPLATES = Path(material.__file__).resolve().parent / "templates"


class SharedNavigation:
    """Stands in for the nav partial's render function, reusing renderings where they agree."""

    def __init__(self, render: Callable[[Context], Iterator[str]], nav_urls: Iterable[str],
                 shareable: Callable[[Any], bool]) -> None:
        self.render, self.shareable = render, shareable
        # Every folder some nav entry lies below, found once per build rather than by
        # scanning the nav on every page.
        self.folders_above_entries = {
            "/".join(parts[:depth]) for parts in (url.split("/") for url in nav_urls) for depth in range(1, len(parts))
        }
        self.renderings: dict[tuple[str, int], str] = {}  # (parent folder, depth) -> HTML

    def __call__(self, context: Context) -> Iterator[str]:
        key = self.key(context.get("page"))
        if key is None:
            yield from self.render(context)
            return
        if key not in self.renderings:
            self.renderings[key] = "".join(self.render(context))
        yield self.renderings[key]

    def key(self, page: Any) -> tuple[str, int] | None:
        """Pages with one key get the same nav HTML; None: render this page's own."""
        url = getattr(page, "url", None)
        if url is None or not self.shareable(page):
            return None
        folder = url[:-1] if url.endswith("/") else posixpath.dirname(url)  # links are relative to it
        if folder in self.folders_above_entries:
            return None
        return posixpath.dirname(folder), folder.count("/") + 1 if folder else 0


def share_navigation(env: jinja2.Environment, nav_urls: Iterable[str],
                     shareable: Callable[[Any], bool]) -> SharedNavigation | None:
    """Make ``env``'s nav partial render once per folder for the pages ``shareable`` accepts.

    ``nav_urls`` are the URLs of every page and link in the nav. The renderings live as
    long as ``env``, which MkDocs makes anew for every build. None if a site overrides
    the partial.
    """
    template = env.get_template(NAV_TEMPLATE)
    if template.filename is None or MATERIAL_TEMPLATES not in Path(template.filename).resolve().parents:
        return None
    shared = SharedNavigation(template.root_render_func, nav_urls, shareable)
    # Jinja's include calls the template's root_render_func, and the Template is the
    # environment's cached one, so every page's include goes through ``shared``.
    template.root_render_func = shared
    return shared
