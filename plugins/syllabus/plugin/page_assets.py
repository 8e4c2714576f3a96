"""The pages' own stylesheets and scripts: files of the plugin's ``assets/`` folder that every
page loads, published under one site folder. A module of its own, so the CLI can name them
without importing the site's structure."""

import functools
import hashlib
from pathlib import Path

ASSETS = Path(__file__).parent / "assets"
ASSETS_SITE_FOLDER = "assets/syllabus/"
EVERY_PAGE_ASSETS = ("syllabus.css", "search.css", "syllabus.js", "search.js")
# Published, and loaded by syllabus.js on the pages that use it (a plan page names it, with
# its digest: asset_name): a script every other page left unused.
PLAN_SCRIPT = "plan.js"
ASSET_FILES = (*EVERY_PAGE_ASSETS, PLAN_SCRIPT)


@functools.cache
def asset_name(name: str) -> str:
    """``name`` with a digest of its bytes as the query, as Material names its own files by
    theirs, so that a host may keep it cached for long and a page of a new release never
    runs an old script."""
    digest = hashlib.sha256((ASSETS / name).read_bytes()).hexdigest()[:12]
    return f"{name}?v={digest}"


def asset_address(name: str) -> str:
    """The address pages load the asset ``name`` from: its site path, with its digest."""
    return ASSETS_SITE_FOLDER + asset_name(name)
