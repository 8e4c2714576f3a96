"""Benchmark: ``syllabus validate`` on a large catalog vs. bare C-accelerated YAML loading.

The baseline reads and parses the same YAML files with ``yaml.load(..., CSafeLoader)`` and
does nothing else; Syllabus also applies the strict loader's checks, both schema
validators' fast path, the cross-file rules and the Markdown checks: every page rendered
with the site's Markdown extensions and put through the build's allowlist, and its links
resolved. Runs are interleaved and the medians compared, since the machines are shared and
noisy. The same load without rendering pages is printed beside it: what the rendering costs.

    python benchmarks/validate.py [--courses 4000] [--runs 5]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from syllabus.cli import main as syllabus
from syllabus.core.catalog import load_catalog
from syllabus.plugin.options import load_options
from synthetic import write_catalog


def bare_yaml(root: Path) -> None:
    for path in sorted(root.glob("courses/*/course.yml")) + sorted(root.glob("tracks/*.yml")):
        with path.open("rb") as handle:
            yaml.load(handle.read(), Loader=yaml.CSafeLoader)


def syllabus_validate(config: Path) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        code = syllabus(["validate", "-f", str(config)])
    if code != 0:
        raise SystemExit(f"synthetic catalog failed validation (exit {code})")


def unrendered(config: Path) -> None:
    """Everything validate does except rendering the Markdown pages (and checking their links)."""
    load_catalog(load_options(config))


def timed(function, *args) -> float:
    """CPU seconds of this process: steadier than wall time on a shared, busy machine."""
    start = time.process_time()
    function(*args)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--courses", type=int, default=4000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        config = write_catalog(root, args.courses)
        syllabus_validate(config)  # warm caches (files, schema compilation) for both sides
        bare_yaml(root)
        baseline, ours, without_pages = [], [], []
        for _ in range(args.runs):
            baseline.append(timed(bare_yaml, root))
            ours.append(timed(syllabus_validate, config))
            without_pages.append(timed(unrendered, config))
    base, mine, unrendered_median = map(statistics.median, (baseline, ours, without_pages))
    print(f"courses: {args.courses}, runs: {args.runs}")
    print(f"yaml.load(CSafeLoader) median: {base:.3f} s CPU")
    print(f"syllabus validate median:      {mine:.3f} s CPU")
    print(f"ratio: {mine / base:.2f}x; per course: {mine / args.courses * 1000:.2f} ms")
    print(f"without rendering the pages:   {unrendered_median:.3f} s CPU, {unrendered_median / base:.2f}x; rendering "
          f"{args.courses} pages costs {mine - unrendered_median:.3f} s")


if __name__ == "__main__":
    main()
