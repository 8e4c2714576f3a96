"""The pages' own stylesheets and scripts: files of the plugin's ``assets/`` folder that every
page loads, published under one site folder. A module of its own, so the CLI can name them
without importing the site's structure."""

from pathlib import Path

ASSETS = Path(__file__).parent / "assets"
ASSETS_SITE_FOLDER = "assets/syllabus/"
# plan.js first: syllabus.js calls it
ASSET_FILES = ("syllabus.css", "search.css", "plan.js", "syllabus.js", "search.js")
