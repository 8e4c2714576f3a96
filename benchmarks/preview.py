"""Benchmark: how soon the author preview shows an edit to one course, vs. a full build.

For each size, a synthetic catalog is built once with ``mkdocs build`` (internal audience,
as the preview shows it; wall-clock seconds, median of ``--builds``), then ``syllabus serve``
is started on it. Each edit rewrites one course's summary with a new word, and the preview
latency is the wall-clock time from that write until the served course page holds the word
(polled every 20 ms): file watching, MkDocs' 0.1 s settle delay, the rebuild and the write.
The edited course changes on each run, so every run rebuilds a page that was kept before.

    TMPDIR=/dev/shm python benchmarks/preview.py [--sizes 100 1000 4000] [--edits 7] [--builds 3]

On a shared machine other tenants' disk writeback dominates writing a few thousand files;
``TMPDIR=/dev/shm`` keeps both the built site and the preview's site folder in memory.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import syllabus

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import course_id, write_catalog

ENVIRONMENT = {**os.environ, "SOURCE_DATE_EPOCH": "1795000000", "NO_MKDOCS_2_WARNING": "1"}
STARTUP_LIMIT = 900.0  # seconds for the first build of the largest catalog on a slow machine
EDIT_LIMIT = 120.0


def full_build(config: Path, site: Path) -> float:
    shutil.rmtree(site, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                   check=True, env={**ENVIRONMENT, "SYLLABUS_AUDIENCE": "internal"}, capture_output=True)
    return time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, word: str, limit: float, server: subprocess.Popen[bytes]) -> float:
    """Poll ``url`` until its body holds ``word``; the time it took."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if server.poll() is not None:
            raise RuntimeError(f"syllabus serve exited with status {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=limit) as response:
                if word.encode() in response.read():
                    return time.perf_counter() - start
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.02)
    raise TimeoutError(f"{url} did not show {word!r} within {limit:.0f} s")


def edit(config: Path, index: int, word: str) -> str:
    """Put ``word`` into course ``index``'s summary; its page address."""
    path = config.parent / "courses" / course_id(index) / "course.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for number, line in enumerate(lines):
        if line.startswith("summary:"):
            lines[number] = f"summary: {word} edited in the preview benchmark.\n"
    path.write_text("".join(lines), encoding="utf-8")
    return f"courses/{course_id(index)}/"


def preview_latencies(config: Path, size: int, edits: int) -> list[float]:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = (config.parent / "serve.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "syllabus.cli", "serve", "-a", f"127.0.0.1:{port}",
                               "-f", str(config)], env=ENVIRONMENT, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for(base + f"courses/{course_id(0)}/", "<html", STARTUP_LIMIT, server)
        latencies = []
        for run in range(edits + 1):  # the first edit warms the preview's caches up; not counted
            word = f"Benchmarkword{run}x{size}"
            page = edit(config, (run * 7919) % size, word)
            latency = wait_for(base + page, word, EDIT_LIMIT, server)
            if run:
                latencies.append(latency)
        return sorted(latencies)
    except RuntimeError:
        sys.stderr.write((config.parent / "serve.log").read_text(encoding="utf-8", errors="replace")[-3000:])
        raise
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 4000])
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument("--builds", type=int, default=3)
    args = parser.parse_args()
    compileall.compile_dir(Path(syllabus.__file__).parent, quiet=1)  # as in build.py
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            config = write_catalog(Path(folder) / f"catalog-{size}", size)
            builds = [full_build(config, Path(folder) / "site") for _ in range(args.builds)]
            latencies = preview_latencies(config, size, args.edits)
            build, latency = statistics.median(builds), statistics.median(latencies)
            print(f"{size} courses: full build {build:.2f} s (median of {args.builds}), preview after one edit "
                  f"{latency:.2f} s (median of {args.edits}; {latencies[0]:.2f}-{latencies[-1]:.2f} s) = "
                  f"{latency / build:.2f}x of a full build (target at 1000: <= 1 s)", flush=True)


if __name__ == "__main__":
    main()
