"""The pages Syllabus adds to a site, described before MkDocs turns them into ``File``s.

Each :class:`GeneratedPage` knows its source URI, its Markdown body (only trainer-written
Markdown, never a template), the template that renders the structured part around it and
the YAML file an edit link should open. The list is built from the audience-filtered
catalog only, so a public site cannot contain what it was never given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.model import Catalog, Course, Plan, Track, Unit
from ..core.rules import confined_file
from ..export.facets import catalog_view


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str
    template: str
    source: str  # catalog-relative YAML (or Markdown) file behind the page
    description: str = ""
    markdown: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)  # Material page options, e.g. hide


@dataclass(frozen=True)
class Download:
    """A file published as-is: a course material or a plan export."""

    dest_uri: str
    content: bytes | None = None
    path: Path | None = None


def _read_markdown(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig") if path.is_file() and not path.is_symlink() else ""


def course_pages(course: Course, root: Path) -> Iterator[GeneratedPage]:
    folder = root / course.folder
    yield GeneratedPage(
        src_uri=f"courses/{course.id}/index.md", title=course.title, template="syllabus/course.html",
        source=course.source, description=course.summary,
        markdown=_read_markdown(folder / "index.md"), context={"course": course},
    )
    for unit in course.units:
        yield unit_page(course, unit, root)


def unit_page(course: Course, unit: Unit, root: Path) -> GeneratedPage:
    return GeneratedPage(
        src_uri=f"courses/{course.id}/{unit.file}", title=unit.title, template="syllabus/unit.html",
        source=f"{course.folder}/{unit.file}", description=course.summary,
        markdown=_read_markdown(root / course.folder / unit.file),
        context={"course": course, "unit": unit},
    )


def track_page(track: Track) -> GeneratedPage:
    return GeneratedPage(
        src_uri=f"tracks/{track.id}/index.md", title=track.title, template="syllabus/track.html",
        source=track.source, description=track.summary, context={"track": track},
    )


def plan_page(plan: Plan) -> GeneratedPage:
    return GeneratedPage(
        src_uri=f"plans/{plan.id}/index.md", title=plan.title, template="syllabus/plan.html",
        source=plan.source, description=plan.summary, context={"plan": plan},
    )


def site_pages(catalog: Catalog, root: Path, today: dt.date) -> list[GeneratedPage]:
    """Every generated page for an audience-filtered catalog, in a stable order."""
    pages = [GeneratedPage(src_uri="catalog/index.md", title="Catalog", template="syllabus/catalog.html",
                           source="", description="Every course, filterable by role, level, format, "
                           "product, language and duration.", context=catalog_view(catalog, today),
                           meta={"hide": ["toc"]})]
    for course in catalog.courses.values():
        pages.extend(course_pages(course, root))
    pages.extend(track_page(t) for t in catalog.tracks.values())
    pages.extend(plan_page(p) for p in catalog.plans.values())
    return pages


def material_downloads(catalog: Catalog, root: Path) -> list[Download]:
    """Only files a visible course names as materials, never the folder wholesale."""
    downloads = []
    for course in catalog.courses.values():
        folder = root / course.folder
        for material in course.materials:
            if material.file and confined_file(folder, material.file):
                downloads.append(Download(f"courses/{course.id}/{material.file}", path=folder / material.file))
    return downloads
