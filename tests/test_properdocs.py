"""The escape hatch: ProperDocs, the maintained drop-in fork of MkDocs 1.x, builds the same site.

If MkDocs 1.x stops being installable, a catalog moves by changing one command. The sites
must match byte for byte apart from the generator tag each tool writes into every page.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from .conftest import EPOCH, REPO, build_site
from .sitetools import reproducible_files

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_example_catalog_exactly_as_mkdocs_does(tmp_path: Path) -> None:
    build_site(REPO / "mkdocs.yml", tmp_path / "mkdocs")
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    environment.pop("SYLLABUS_AUDIENCE", None)
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-q", "-f", str(REPO / "mkdocs.yml"),
         "-d", str(tmp_path / "properdocs")],
        capture_output=True, text=True, env=environment, check=False,
    )
    assert result.returncode == 0, result.stderr

    def files(site: Path) -> dict[str, bytes]:  # see reproducible_files for Pagefind's bundle
        return {name: GENERATOR.sub(b"", (site / name).read_bytes()) for name in reproducible_files(site)}

    ours, theirs = files(tmp_path / "mkdocs"), files(tmp_path / "properdocs")
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert len(ours) > 50
