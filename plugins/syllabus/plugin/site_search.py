"""The site's search index: Pagefind run over the finished site directory.

Pagefind's binary comes in a wheel (``pagefind[extended]``; the extended build segments
Japanese and Chinese), found through ``pagefind``'s own lookup, which also honours
``PAGEFIND_BINARY_PATH``. It reads only the published HTML, and only what the templates mark
with ``data-pagefind-body``, so the index holds nothing that is not on a public page.
A site without its search is not published: any failure stops the build.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

BUNDLE = "pagefind"  # the index's folder under the site directory; search.js loads it from there
TIMEOUT_SECONDS = 1800  # a 10,000-course catalog indexes in under a minute on two shared cores


class SearchIndexError(Exception):
    """Pagefind is missing or failed; the message says what to do."""


def pagefind_binary() -> Path:
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise SearchIndexError("site search needs Pagefind: pip install 'pagefind[extended]'") from None
    binary = get_executable()
    if binary is None or not binary.is_file():
        raise SearchIndexError(f"site search needs Pagefind's binary{f' (not found at {binary})' if binary else ''}: "
                               "pip install 'pagefind[extended]'")
    return binary


def index_command(site: Path, output: Path) -> list[str]:
    """The Pagefind command that indexes ``site`` into the bundle folder ``output``."""
    return [str(pagefind_binary()), "--site", str(site), "--output-path", str(output), "--silent",
            "--exclude-selectors", ".headerlink"]  # the headings' permalink signs


def index_failure(command: list[str], returncode: int, output_text: str, bundle: Path) -> SearchIndexError | None:
    """What went wrong with a finished Pagefind run, or None if it wrote its bundle."""
    if returncode != 0:
        detail = output_text.strip() or f"exit status {returncode}"
        return SearchIndexError(f"Pagefind could not index the site ({command[0]}): {detail}")
    if not (bundle / "pagefind.js").is_file():
        return SearchIndexError(f"Pagefind ran but wrote no search bundle under {bundle}; check that {command[0]} "
                                "is Pagefind")
    return None


def index_site(site: Path) -> None:
    """Write the search bundle to ``site/pagefind/``."""
    command = index_command(site, site / BUNDLE)
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"Pagefind could not index the site ({command[0]}): {error}") from None
    if (failure := index_failure(command, result.returncode, result.stderr or result.stdout, site / BUNDLE)):
        raise failure
