"""Benchmark: a Syllabus site build vs. plain MkDocs + Material building the same pages.

The baseline writes each synthetic course's body as a hand-written page
(``docs/courses/<id>/index.md``) kept out of the nav, and builds it with Material and
its search plugin; Syllabus builds the same courses from YAML with the plugin. Each run
builds plain and then ours, each into a new site folder, and measures the CPU time of
each build process. The ratio is the median of the runs' ratios: a run's two builds share
the machine's speed of the moment, which drifts by tens of percent on a shared machine, so
pairing them cancels most of the drift that a ratio of the two medians keeps. The ratio of
medians is printed beside it, as are the search index sizes.

Syllabus searches with Pagefind, a separate indexing program that costs about as much CPU
as Material's whole search plugin and more; for reference the benchmark also builds the
plain pages with no search plugin and indexes them with Pagefind afterwards (Pagefind's
documented MkDocs set-up), and prints Syllabus' ratio against that too.

    python benchmarks/build.py [--sizes 1000 4000] [--runs 7]

On a shared machine the kernel's writeback of other tenants' files lands in the system
time of whichever build writes more; ``TMPDIR=/dev/shm`` keeps both sites in memory and
the comparison on the builds' own work.

MkDocs and Material are byte-compiled when pip installs them; an editable checkout of
Syllabus is not, and where ``PYTHONDONTWRITEBYTECODE`` is set (containers, this project's
sandbox) every build would compile our modules again (~55 ms). The benchmark compiles
them once first, so both sides run installed code.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import syllabus
from syllabus.plugin.site_search import index_site

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_catalog

PLAIN_YML = """\
site_name: Plain Academy
site_url: https://plain.example/
theme:
  name: material
plugins:
  - search
nav:
  - index.md
"""


def write_plain(catalog: Path, root: Path) -> tuple[Path, Path]:
    """The same course bodies as hand-written Markdown pages, out of the nav; the configs
    with Material's search plugin and with none (for Pagefind)."""
    docs = root / "docs"
    shutil.copytree(catalog / "docs", docs)
    for course in sorted((catalog / "courses").iterdir()):
        target = docs / "courses" / course.name
        target.mkdir(parents=True)
        shutil.copyfile(course / "index.md", target / "index.md")
    config, unsearched = root / "mkdocs.yml", root / "mkdocs-pagefind.yml"
    config.write_text(PLAIN_YML, encoding="utf-8")
    unsearched.write_text(PLAIN_YML.replace("plugins:\n  - search\n", "plugins: []\n"), encoding="utf-8")
    return config, unsearched


def build(config: Path, site: Path, *, then_pagefind: bool = False) -> float:
    """CPU seconds (user + system) of one ``mkdocs build`` child process, and of Pagefind
    indexing its site after it if asked.

    Each build starts from no site folder, as in CI: otherwise MkDocs first deletes the
    previous build's files, and that cost depends on the earlier build, not this one.
    """
    shutil.rmtree(site, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1795000000", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                   check=True, env=environment, capture_output=True)
    if then_pagefind:
        index_site(site, site / "pagefind")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(size: int, runs: int, folder: Path) -> tuple[float, float, list[float], list[float], int, int]:
    """Medians of our and plain CPU times, the runs' ratios against plain and against plain
    with Pagefind (sorted), and the two search indexes' bytes."""
    catalog = folder / f"syllabus-{size}"
    ours_config = write_catalog(catalog, size)
    plain_config, unsearched_config = write_plain(catalog, folder / f"plain-{size}")
    ours, plain, plain_pagefind = [], [], []
    for run in range(runs):
        # Alternate which build goes first, so neither always runs on a warmer machine.
        builds = [(plain, plain_config, "site-plain", False), (ours, ours_config, "site-ours", False),
                  (plain_pagefind, unsearched_config, "site-plain-pagefind", True)]
        for times, config, site, then_pagefind in builds if run % 2 == 0 else reversed(builds):
            times.append(build(config, folder / site, then_pagefind=then_pagefind))
    # Ours is searched with Pagefind (a chunked bundle: a visitor fetches a few chunks), plain
    # with Material's one search_index.json (every visitor fetches all of it).
    ours_index = sum(path.stat().st_size for path in (folder / "site-ours" / "pagefind").rglob("*") if path.is_file())
    sizes = (ours_index, (folder / "site-plain" / "search" / "search_index.json").stat().st_size)
    ratios = sorted(o / p for o, p in zip(ours, plain, strict=True))
    pagefind_ratios = sorted(o / p for o, p in zip(ours, plain_pagefind, strict=True))
    return statistics.median(ours), statistics.median(plain), ratios, pagefind_ratios, *sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    compileall.compile_dir(Path(syllabus.__file__).parent, quiet=1)  # see the module docstring
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            results[size] = measure(size, args.runs, Path(folder))
            ours, plain, ratios, pagefind_ratios, index_ours, index_plain = results[size]
            print(f"{size} courses: syllabus {ours:.1f} s, plain {plain:.1f} s CPU (medians of {args.runs}); "
                  f"ratio {statistics.median(ratios):.2f}x (median of runs; target <= 1.3x; runs "
                  f"{ratios[0]:.2f}-{ratios[-1]:.2f}x; ratio of medians {ours / plain:.2f}x); "
                  f"against plain with Pagefind instead of Material's search {statistics.median(pagefind_ratios):.2f}x "
                  f"(runs {pagefind_ratios[0]:.2f}-{pagefind_ratios[-1]:.2f}x); "
                  f"search: Pagefind bundle {index_ours / 1e6:.1f} MB in all vs Material's index "
                  f"{index_plain / 1e6:.1f} MB (see benchmarks/search_browser.py for bytes per query)")
    if len(args.sizes) >= 2:
        small, large = min(args.sizes), max(args.sizes)
        growth = results[large][0] / results[small][0]
        print(f"scaling {large}/{small}: {growth:.2f}x for {large / small:.1f}x the courses (target <= 4.4)")


if __name__ == "__main__":
    main()
