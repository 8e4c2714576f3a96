"""Material's navigation, rendered once per folder for the pages the nav does not list.

Material renders the whole nav on every page. On a page the nav does not list (course
and unit pages), no entry is active and every link in it is relative to the page's
folder, so the pages of one folder get the same nav HTML: course pages
(``courses/<id>/``) share one rendering, the unit pages of one course another. Two
pages of one folder get the same relative links to every nav entry except to an entry
lying below either page's own URL; a page with nav entries below it renders its own.

Only supported mechanisms are involved: ``overrides/partials/nav.html`` (a theme
override, as Material documents them) wraps Material's own partial, loaded under
:data:`PREFIX`, in a Jinja call block of :class:`SharedNav`, which renders the block
on the first page of each folder and prints that HTML on the others. If the site
overrides any template the nav prints (its ``custom_dir`` may well print something of
the page), every page renders its own.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2
import material
from mkdocs.structure.pages import Page

PREFIX = "syllabus-material"  # Material's own templates, for the override to wrap
MATERIAL_TEMPLATES = Path(material.__file__).resolve().parent / "templates"
OVERRIDES = Path(__file__).parent / "overrides"  # Material partials replaced: search box, page language, nav, toc
# The override, then what Material's nav partial prints.
NAV_TEMPLATES = {"partials/nav.html": OVERRIDES, "partials/nav-item.html": MATERIAL_TEMPLATES,
                 "partials/logo.html": MATERIAL_TEMPLATES, "partials/source.html": MATERIAL_TEMPLATES}


class SharedNav:
    """The call block of ``partials/nav.html``: reuses one rendering per folder where they agree."""

    def __init__(self, nav_urls: Iterable[str], enabled: bool) -> None:
        urls = list(nav_urls)
        self.listed = set(urls)
        self.enabled = enabled
        # Every folder some nav entry lies below, found once per build rather than per page.
        self.folders_above_entries = {
            "/".join(parts[:depth]) for parts in (url.split("/") for url in urls) for depth in range(1, len(parts))
        }
        self.renderings: dict[tuple[str, int], str] = {}  # (parent folder, depth) -> HTML

    def __call__(self, page: Any, *, caller: Callable[[], str]) -> str:
        key = self.key(page)
        if key is None:
            return caller()
        if key not in self.renderings:
            self.renderings[key] = caller()
        return self.renderings[key]

    def key(self, page: Any) -> tuple[str, int] | None:
        """Pages with one key get the same nav HTML; None: render this page's own (also
        for templates rendered outside any page, such as the 404 page)."""
        return self.key_of_url(page.url) if isinstance(page, Page) else None

    def key_of_url(self, url: str) -> tuple[str, int] | None:
        if not self.enabled or url in self.listed:
            return None
        folder = url[:-1] if url.endswith("/") else posixpath.dirname(url)  # links are relative to it
        if folder in self.folders_above_entries:
            return None
        return posixpath.dirname(folder), folder.count("/") + 1 if folder else 0


def share_nav(env: jinja2.Environment, nav_urls: Iterable[str]) -> SharedNav:
    """Make Material's templates loadable under :data:`PREFIX` and give the override its
    call block; sharing is on only while the nav's templates are the ones named above."""
    assert env.loader is not None
    env.loader = jinja2.ChoiceLoader([
        env.loader, jinja2.PrefixLoader({PREFIX: jinja2.FileSystemLoader(str(MATERIAL_TEMPLATES))})])
    enabled = all(_from(env, name, folder) for name, folder in NAV_TEMPLATES.items())
    shared = SharedNav(nav_urls, enabled)
    env.globals["syllabus_shared_nav"] = shared
    return shared


def _from(env: jinja2.Environment, name: str, folder: Path) -> bool:
    """True if the site's template ``name`` is the one in ``folder``."""
    assert env.loader is not None
    try:
        _, filename, _ = env.loader.get_source(env, name)
    except jinja2.TemplateNotFound:
        return False
    return filename is not None and Path(filename).resolve() == (folder / name).resolve()
