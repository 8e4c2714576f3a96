"""``syllabus validate``: every problem in one run, as text, GitHub annotations or JSON."""

from __future__ import annotations

import argparse
import sys

from ..core.catalog import load_catalog
from ..core.config import Options
from ..core.diagnostics import render
from . import EXIT_CONTENT, EXIT_OK


def run(args: argparse.Namespace, options: Options) -> int:
    result = load_catalog(options, render_pages=True)
    diagnostics = result.report.sorted()
    sys.stdout.write(render(diagnostics, result.report.files_checked, args.format))
    if result.report.has_errors or (args.strict and diagnostics):
        return EXIT_CONTENT
    return EXIT_OK


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("validate", parents=[common], help="check every file; report all problems")
    parser.add_argument("--format", choices=("text", "github", "json"), default="text")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.set_defaults(run=run, checks_links=True)  # links to the theme's files resolve: see load_options
