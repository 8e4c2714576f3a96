"""Write constraints.txt: the exact versions a fresh install of Syllabus and its extras gets today.

The pinned set is what `.ci/run` and the README install, so a new release of any
dependency cannot change a passing build by surprise. Refresh it deliberately:

    python3 scripts/refresh_constraints.py && SYLLABUS_DEPENDENCIES=pinned bash .ci/run

`SYLLABUS_DEPENDENCIES=latest bash .ci/run` (and the weekly workflow) runs the suite on the
newest releases instead, so breakage shows up before users meet it.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HEADER = """\
# Exact versions for a reproducible install of Syllabus with its [{extras}] extras, on Python {python}.
# Written by scripts/refresh_constraints.py from a fresh virtual environment; do not edit by hand.
"""


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="syllabus-constraints-") as folder:
        venv = Path(folder) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = str(venv / "bin" / "python")
        extras = ",".join(sorted(_extras()))
        subprocess.run([python, "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
        subprocess.run([python, "-m", "pip", "install", "-q", "-e", f"{REPO}[{extras}]"], check=True)
        frozen = subprocess.run([python, "-m", "pip", "freeze", "--exclude-editable", "--all"],
                                check=True, capture_output=True, text=True).stdout
    pins = sorted((line for line in frozen.splitlines() if "==" in line and not line.startswith("pip==")),
                  key=str.lower)
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    (REPO / "constraints.txt").write_text(HEADER.format(extras=extras, python=version) + "\n".join(pins) + "\n",
                                          encoding="utf-8")
    print(f"constraints.txt: {len(pins)} packages")
    return 0


def _extras() -> list[str]:
    """Every optional-dependency group in pyproject.toml: the pins must cover all of them."""
    with (REPO / "pyproject.toml").open("rb") as handle:
        return list(tomllib.load(handle)["project"].get("optional-dependencies", {}))


if __name__ == "__main__":
    raise SystemExit(main())
