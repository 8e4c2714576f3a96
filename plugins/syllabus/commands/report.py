"""``syllabus report``: the insights page's figures for a quarterly program review."""

from __future__ import annotations

import argparse
import sys

from ..core.config import Options
from ..export.catalog_json import dumps
from ..export.insights import compute_insights, insights_json, insights_markdown
from . import EXIT_CONTENT, EXIT_OK, load_checked


def run(args: argparse.Namespace, options: Options) -> int:
    result = load_checked(options)
    if result is None:
        return EXIT_CONTENT
    insights = compute_insights(result.catalog.visible_to(options.audience), options)
    text = dumps(insights_json(insights)) if args.format == "json" else insights_markdown(insights)
    sys.stdout.write(text)
    return EXIT_OK


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "report", parents=[common],
        help="print program insights: coverage, format mix, live load, freshness, track pace",
    )
    parser.add_argument("--format", choices=("md", "json"), default="md",
                        help="Markdown for people (default) or JSON for scripts")
    parser.set_defaults(run=run)
