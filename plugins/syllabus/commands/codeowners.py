"""``syllabus codeowners``: print a CODEOWNERS file routing each course folder to its owners.

Paths are relative to the catalog root; commit the output as ``.github/CODEOWNERS`` when
``mkdocs.yml`` sits at the repository root.
"""

from __future__ import annotations

import argparse
import sys

from ..core.config import Options
from ..export.codeowners import codeowners
from . import EXIT_CONTENT, EXIT_OK, load_checked


def run(args: argparse.Namespace, options: Options) -> int:
    result = load_checked(options)
    if result is None:
        return EXIT_CONTENT
    sys.stdout.write(codeowners(result.catalog))
    return EXIT_OK


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("codeowners", parents=[common],
                                 help="print a CODEOWNERS file from the owners of each course, track and plan")
    parser.set_defaults(run=run)
