"""The pages' own stylesheets and scripts: files of the plugin's ``assets/`` folder that every
page loads, published under one site folder. A module of its own, so the CLI can name them
without importing the site's structure."""

import functools
import hashlib
from pathlib import Path

ASSETS = Path(__file__).parent / "assets"
ASSETS_SITE_FOLDER = "assets/syllabus/"
# plan.js first: syllabus.js calls it
ASSET_FILES = ("syllabus.css", "search.css", "plan.js", "syllabus.js", "search.js")


@functools.cache
def asset_address(name: str) -> str:
    """The address pages load the asset ``name`` from: its site path with a digest of its
    bytes as the query, as Material names its own files by theirs, so that a host may keep
    it cached for long and a page of a new release never runs an old script."""
    digest = hashlib.sha256((ASSETS / name).read_bytes()).hexdigest()[:12]
    return f"{ASSETS_SITE_FOLDER}{name}?v={digest}"
