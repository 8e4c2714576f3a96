"""Shared fixtures: write small catalogs into tmp_path, run the CLI, build real sites.

Catalogs are written as real files (YAML text, Markdown, mkdocs.yml) so every test goes
through the same strict loader, validator and MkDocs build a trainer's repository does.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from syllabus.cli import main as cli_main
from syllabus.export.csv_escape import BYTE_ORDER_MARK

REPO = Path(__file__).resolve().parent.parent
BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/browser/ drives Chromium: ``-m "not browser"`` is the fast suite."""
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)
EPOCH = "1795000000"  # 2026-11-18 (UTC), a fixed "today" for reproducible tests

MKDOCS_TEMPLATE = """\
site_name: Test Academy
site_url: https://academy.test/
theme:
  name: material
plugins:
  - syllabus:
      audience: {audience}
      review_every_days: 365
      roles:
        admin: {{title: Administrator}}
        end-user: {{title: End user}}
      products:
        code-search: {{title: Code search}}
      video_hosts: [www.youtube-nocookie.com]
"""


# A minimal valid plan as YAML text, for tests that assert exact line and column positions.
PLAN_YAML = """\
id: onboarding
title: Onboarding
summary: The first month.
length_days: 30
visibility: public
phases:
  - title: Start
    start_day: 0
    end_day: 29
    items:
      - {day: 0, type: meeting, title: Kickoff}
"""


def course_data(course_id: str, **fields: Any) -> dict[str, Any]:
    """A minimal valid public course; keyword arguments override or add fields."""
    data: dict[str, Any] = {
        "id": course_id,
        "title": f"Course {course_id}",
        "summary": f"What {course_id} teaches.",
        "level": "beginner",
        "roles": ["admin"],
        "format": "self-paced",
        "duration_minutes": 60,
        "owners": ["@trainer"],
        "visibility": "public",
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def csv_rows(text: str) -> list[dict[str, str]]:
    """The rows of a plan CSV, which starts with a byte order mark (for Excel)."""
    assert text.startswith(BYTE_ORDER_MARK)
    return list(csv.DictReader(io.StringIO(text.removeprefix(BYTE_ORDER_MARK), newline="")))


def track_data(track_id: str, courses: list[Any], **fields: Any) -> dict[str, Any]:
    data = {
        "id": track_id, "title": f"Track {track_id}", "summary": "A path.", "role": "admin",
        "visibility": "public", "sections": [{"title": "Start", "courses": courses}],
    }
    data.update(fields)
    return data


def plan_data(plan_id: str, **fields: Any) -> dict[str, Any]:
    data = {
        "id": plan_id, "title": f"Plan {plan_id}", "summary": "An onboarding plan.", "length_days": 30,
        "visibility": "public",
        "phases": [{"title": "Start", "start_day": 0, "end_day": 29, "items": [
            {"day": 0, "type": "meeting", "title": "Kickoff"}]}],
    }
    data.update(fields)
    return data


def dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@dataclass
class CatalogDir:
    root: Path

    @classmethod
    def new(cls, root: Path, audience: str = "public") -> CatalogDir:
        """An empty catalog folder at ``root``: the test mkdocs.yml and a docs/index.md."""
        catalog = cls(root)
        catalog.write("mkdocs.yml", MKDOCS_TEMPLATE.format(audience=audience))
        catalog.write("docs/index.md", "# Welcome\n\nTraining for our customers.\n")
        return catalog

    def write(self, relative: str, content: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def course(self, course_id: str, data: Mapping[str, Any] | str | None = None, **fields: Any) -> Path:
        body = data if isinstance(data, str) else dump(data or course_data(course_id, **fields))
        return self.write(f"courses/{course_id}/course.yml", body)

    def track(self, track_id: str, data: Mapping[str, Any] | str) -> Path:
        return self.write(f"tracks/{track_id}.yml", data if isinstance(data, str) else dump(data))

    def plan(self, plan_id: str, data: Mapping[str, Any] | str) -> Path:
        return self.write(f"plans/{plan_id}.yml", data if isinstance(data, str) else dump(data))

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"


@pytest.fixture
def catalog(tmp_path: Path) -> CatalogDir:
    """An empty catalog folder with a minimal mkdocs.yml and docs/index.md."""
    return CatalogDir.new(tmp_path / "catalog")


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """Run ``syllabus ARGS`` in-process (fast); SOURCE_DATE_EPOCH fixes "today"."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.delenv("SYLLABUS_AUDIENCE", raising=False)

    def run(*args: str | os.PathLike[str]) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli_main([str(a) for a in args])
            except SystemExit as exit_:  # argparse usage errors
                code = int(exit_.code or 0)
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


EXAMPLE_CATALOG = ("mkdocs.yml", "docs", "courses", "tracks", "plans")


def example_catalog(target: Path, language: str) -> Path:
    """A copy of the repository's example catalog whose site language is ``language``;
    returns its mkdocs.yml."""
    target.mkdir(parents=True, exist_ok=True)
    for name in EXAMPLE_CATALOG:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copyfile(source, target / name)
    config = target / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  language: en\n" in text  # the theme's language, which the copy changes
    config.write_text(text.replace("\n  language: en\n", f"\n  language: {language}\n", 1), encoding="utf-8")
    return config


def build_site(config: Path, site_dir: Path, *, strict: bool = True, env: Mapping[str, str] | None = None,
               check: bool = True, verbose: bool = False, timeout: float | None = None
               ) -> subprocess.CompletedProcess[str]:
    """A real ``mkdocs build`` in a subprocess, as CI runs it (``verbose``: with MkDocs'
    debug log on stderr; ``timeout``: seconds, for a build that could hang). Never ``-q``:
    MkDocs counts warnings for ``--strict`` only when it logs them, so a quiet strict build
    passes whatever it warns about."""
    command = [sys.executable, "-m", "mkdocs", "build", *(["-v"] if verbose else []), "-f", str(config),
               "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    environment.pop("SYLLABUS_AUDIENCE", None) if "SYLLABUS_AUDIENCE" not in (env or {}) else None
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=False, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"mkdocs build failed ({result.returncode}):\n{result.stderr}")
    return result
