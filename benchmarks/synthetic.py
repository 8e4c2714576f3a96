"""Generate large, valid synthetic catalogs for the benchmarks.

Courses vary roles, levels, formats, products, languages, durations, prerequisites and
sessions the way a real catalog does, and each has an index.md body of typical length,
so validation, builds and the in-page filters are measured on realistic work.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

ROLES = ["admin", "end-user", "power-user", "manager"]
LEVELS = ["beginner", "intermediate", "advanced"]
FORMATS = ["self-paced", "virtual-ilt", "in-person"]
PRODUCTS = ["code-search", "batch-changes", "code-insights", "platform"]
ZONES = ["America/New_York", "Europe/Berlin", "Asia/Tokyo", "America/Los_Angeles", "Australia/Sydney"]

MKDOCS_YML = """\
site_name: Synthetic Academy
site_url: https://synthetic.example/
theme:
  name: material
plugins:
  - syllabus:
      review_every_days: 3650
      products:
        code-search: {title: Code search}
        batch-changes: {title: Batch changes}
        code-insights: {title: Code insights}
        platform: {title: Platform}
"""

BODY = """\
## Overview

This course walks through {topic} step by step. You will work in a sandbox with
realistic repositories, and every exercise ends with a check you can run yourself.

!!! tip "Before you start"
    Make sure you can sign in to the training instance and run a search.

## Exercises

1. Open the sandbox and find the service that owns `{topic}`.
2. Narrow the results with `repo:` and `lang:` filters.
3. Save the search and share the link with your team.

| Step | Time |
|------|------|
| Warm-up | 10 min |
| Lab | 35 min |
| Review | 15 min |

```bash
keystone search 'repo:^github.com/acme/ lang:go {topic}'
```
"""


def course_id(index: int) -> str:
    return f"course-{index:05d}"


def course_document(index: int, rng: random.Random) -> dict:
    fmt = rng.choice(FORMATS)
    data = {
        "id": course_id(index),
        "title": f"Course {index}: working with {rng.choice(PRODUCTS).replace('-', ' ')}",
        "summary": "A practical course with labs, checks and a short quiz at the end of every unit.",
        "level": rng.choice(LEVELS),
        "roles": sorted(rng.sample(ROLES, rng.randint(1, 2))),
        "format": fmt,
        "duration_minutes": rng.choice([30, 45, 60, 90, 120, 240, 480, 960]),
        "owners": [f"@trainer-{index % 37}"],
        "visibility": "public",
        "language": "ja" if index % 11 == 0 else "en",
        "products": sorted(rng.sample(PRODUCTS, rng.randint(1, 2))),
        "tags": ["synthetic", f"batch-{index % 20}"],
        "outcomes": ["Find code across repositories", "Automate a change safely"],
        "last_reviewed": "2026-06-01",
    }
    if index > 10 and rng.random() < 0.3:
        data["prerequisites"] = [course_id(rng.randrange(0, index))]
    if fmt != "self-paced":
        data["sessions"] = [
            {"start": f"2027-0{month}-1{day}T1{hour}:00", "timezone": rng.choice(ZONES),
             "registration_url": f"https://events.synthetic.example/{index}/{month}"}
            for month, day, hour in ((1, 2, 4), (2, 3, 5), (3, 4, 6))[: rng.randint(1, 3)]
        ]
    return data


def material_search_config(config: Path) -> Path:
    """A second mkdocs.yml for the same catalog with Material's own search (its plugin, and
    its header and search partials restored through ``custom_dir``): the baseline the
    Pagefind search is measured against."""
    import material

    partials = Path(material.__file__).parent / "templates" / "partials"
    custom = config.parent / "material-search"
    (custom / "partials").mkdir(parents=True, exist_ok=True)
    for name in ("header.html", "search.html"):
        (custom / "partials" / name).write_bytes((partials / name).read_bytes())
    text = config.read_text(encoding="utf-8")
    text = text.replace("  name: material\n", "  name: material\n  custom_dir: material-search\n")
    baseline = config.with_name("mkdocs-material-search.yml")
    baseline.write_text(text.replace("plugins:\n", "plugins:\n  - search\n"), encoding="utf-8")
    return baseline


def write_catalog(root: Path, n_courses: int, *, seed: int = 7, tracks: int = 8) -> Path:
    """Write a valid catalog of ``n_courses`` under ``root``; returns its mkdocs.yml."""
    rng = random.Random(seed)
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Synthetic Academy\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(MKDOCS_YML, encoding="utf-8")
    for index in range(n_courses):
        folder = root / "courses" / course_id(index)
        folder.mkdir(parents=True, exist_ok=True)
        document = course_document(index, rng)
        (folder / "course.yml").write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
        (folder / "index.md").write_text(BODY.format(topic=f"topic-{index}"), encoding="utf-8")
    (root / "tracks").mkdir(exist_ok=True)
    per_track = max(1, min(12, n_courses // max(tracks, 1)))
    for number in range(tracks):
        # Consecutive ids keep prerequisites (always lower ids) before the courses needing them.
        start = number * per_track
        ids = [course_id(i) for i in range(start, min(start + per_track, n_courses))]
        if not ids:
            break
        track = {
            "id": f"track-{number}", "title": f"Track {number}", "summary": "A synthetic learning path.",
            "role": ROLES[number % len(ROLES)], "visibility": "public",
            "sections": [{"title": "Courses", "courses": ids}],
        }
        (root / "tracks" / f"track-{number}.yml").write_text(yaml.safe_dump(track, sort_keys=False), encoding="utf-8")
    return config
