"""``syllabus validate``: every problem in one run, as text, GitHub annotations or JSON."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from ..core.catalog import load_catalog
from ..core.config import Options
from ..core.diagnostics import Diagnostic, render
from . import EXIT_CONTENT, EXIT_OK


def run(args: argparse.Namespace, options: Options) -> int:
    result = load_catalog(options, render_pages=True)
    diagnostics = result.report.sorted()
    write_report(diagnostics, result.report.files_checked, args.diagnostic_format, options.root, strict=args.strict)
    if result.report.has_errors or (args.strict and diagnostics):
        return EXIT_CONTENT
    return EXIT_OK


def write_report(diagnostics: list[Diagnostic], file_count: int, fmt: str, root: Path, *,
                 strict: bool = False) -> None:
    """The sorted ``diagnostics`` on stdout as text, GitHub annotations or JSON: the content's,
    and mkdocs.yml's (found before the command runs, see cli.main)."""
    folder = repository_folder(root) if fmt == "github" else ""
    sys.stdout.write(render(diagnostics, file_count, fmt, folder, strict=strict))


def repository_folder(root: Path) -> str:
    """The catalog folder's path in its Git repository ("academy/"; "" at the top, or outside
    Git): annotations for a catalog in a subfolder named files GitHub could not find."""
    try:
        result = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-prefix"],
                                capture_output=True, text=True, errors="surrogateescape", check=False)
    except OSError:
        return ""
    return result.stdout.rstrip("\n") if result.returncode == 0 else ""  # a folder's name may end in a space


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("validate", parents=[common], help="check every file; report all problems")
    # dest: the CLI writes mkdocs.yml's problems, found before this command runs, in it too.
    parser.add_argument("--format", dest="diagnostic_format", choices=("text", "github", "json"), default="text")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.set_defaults(run=run, checks_links=True)  # links to the theme's files resolve: see load_options
