"""``syllabus export``: print catalog.json for the configured audience."""

from __future__ import annotations

import argparse
import sys

from ..core.config import Options
from ..export.catalog_json import catalog_document, dumps
from . import EXIT_CONTENT, EXIT_OK, load_checked


def run(args: argparse.Namespace, options: Options) -> int:
    result = load_checked(options)
    if result is None:
        return EXIT_CONTENT
    visible = result.catalog.visible_to(options.audience)
    sys.stdout.write(dumps(catalog_document(visible, options.today, options.use_directory_urls)))
    return EXIT_OK


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("export", parents=[common], help="print catalog.json")
    parser.set_defaults(run=run)
