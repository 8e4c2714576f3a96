"""One module per ``syllabus`` subcommand, each exposing ``register(subparsers, common)``.

Commands share :func:`load_checked` so that none of them publishes anything from a
catalog with content errors.
"""

from __future__ import annotations

import sys

from ..core.catalog import LoadResult, load_catalog
from ..core.config import Options
from ..core.diagnostics import render

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def load_checked(options: Options) -> LoadResult | None:
    """Load the catalog; on content errors print them to stderr and return None."""
    result = load_catalog(options)
    if result.report.has_errors:
        sys.stderr.write(render(result.report.sorted(), result.report.files_checked, "text"))
        return None
    return result
