"""Run the Markdown safety property test with many more examples than CI does.

The property (tests/test_fuzz_markdown.py): generated Markdown is either refused with a
positioned error or renders to HTML the allowlist leaves unchanged and that runs no script.

    python benchmarks/fuzz_markdown.py [--examples 20000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=20000)
    args = parser.parse_args()
    env = {**os.environ, "SYLLABUS_FUZZ_EXAMPLES": str(args.examples)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--hypothesis-show-statistics",
               str(REPO / "tests" / "test_fuzz_markdown.py")]
    raise SystemExit(subprocess.run(command, env=env, cwd=REPO, check=False).returncode)


if __name__ == "__main__":
    main()
