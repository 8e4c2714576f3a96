"""Benchmark: how soon the author preview shows an edit to one course, vs. a full build.

For each size, a synthetic catalog is built once with ``mkdocs build`` (internal audience,
as the preview shows it; wall-clock seconds, median of ``--builds``), then ``syllabus serve``
is started on it. Each edit rewrites one course's summary with a new word, and the preview
latency is the wall-clock time from that write until the served course page holds the word
(polled every 20 ms): file watching, MkDocs' 0.1 s settle delay, the rebuild and the write.
The edited course changes on each run, so every run rebuilds a page that was kept before.
The preview indexes the site for search after serving the rebuilt pages; the search latency
is the time from the same write until the served index (``pagefind/pagefind-entry.json``)
changed. Each edit waits for the previous one's index, as an author reading the page would,
then a random part of the file watcher's polling interval, so edits land anywhere in its
cycle as an author's do (waiting in step with the rebuilds would always hit the same phase).

    TMPDIR=/dev/shm python benchmarks/preview.py [--sizes 100 1000 4000] [--edits 7] [--builds 3]

On a shared machine other tenants' disk writeback dominates writing a few thousand files;
``TMPDIR=/dev/shm`` keeps both the built site and the preview's site folder in memory.
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import syllabus

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import course_id, write_catalog

ENVIRONMENT = {**os.environ, "SOURCE_DATE_EPOCH": "1795000000", "NO_MKDOCS_2_WARNING": "1"}
STARTUP_LIMIT = 900.0  # seconds for the first build of the largest catalog on a slow machine
EDIT_LIMIT = 120.0
WATCH_INTERVAL = 0.5  # seconds between the polls of MkDocs' file watcher


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


def wait_for(url: str, accept: Callable[[bytes], bool], start: float, limit: float,
             server: subprocess.Popen[bytes]) -> tuple[float, bytes]:
    """Poll ``url`` until ``accept`` takes its body: (seconds since ``start``, the body)."""
    while time.perf_counter() - start < limit:
        if server.poll() is not None:
            raise RuntimeError(f"syllabus serve exited with status {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=limit) as response:
                body = response.read()
                if accept(body):
                    return time.perf_counter() - start, body
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.02)
    raise TimeoutError(f"{url} did not show what was expected within {limit:.0f} s")


def edit(config: Path, index: int, word: str) -> str:
    """Put ``word`` into course ``index``'s summary; its page address."""
    path = config.parent / "courses" / course_id(index) / "course.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for number, line in enumerate(lines):
        if line.startswith("summary:"):
            lines[number] = f"summary: {word} edited in the preview benchmark.\n"
    path.write_text("".join(lines), encoding="utf-8")
    return f"courses/{course_id(index)}/"


def preview_latencies(config: Path, size: int, edits: int) -> tuple[list[float], list[float]]:
    """Sorted seconds from each edit until the page showed it, and until the search index had changed."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = (config.parent / "serve.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "syllabus", "serve", "-a", f"127.0.0.1:{port}",
                               "-f", str(config)], env=ENVIRONMENT, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for(base + f"courses/{course_id(0)}/", lambda body: b"<html" in body, time.perf_counter(),
                 STARTUP_LIMIT, server)
        index = base + "pagefind/pagefind-entry.json"
        _, entry = wait_for(index, lambda body: b"{" in body, time.perf_counter(), STARTUP_LIMIT, server)
        latencies, search_latencies = [], []
        pauses = random.Random(size)
        for run in range(edits + 1):  # the first edit warms the preview's caches up; not counted
            time.sleep(pauses.uniform(0, WATCH_INTERVAL))
            word = f"Benchmarkword{run}x{size}".encode()
            start = time.perf_counter()
            page = edit(config, (run * 7919) % size, word.decode())
            latency, _ = wait_for(base + page, lambda body, word=word: word in body, start, EDIT_LIMIT, server)
            search_latency, entry = wait_for(index, lambda body, before=entry: body != before, start, EDIT_LIMIT,
                                             server)
            if run:
                latencies.append(latency)
                search_latencies.append(search_latency)
        return sorted(latencies), sorted(search_latencies)
    except RuntimeError:
        sys.stderr.write((config.parent / "serve.log").read_text(encoding="utf-8", errors="replace")[-3000:])
        raise
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl+C: MkDocs removes its temporary site folder
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
            latencies, search_latencies = preview_latencies(config, size, args.edits)
            build, latency = statistics.median(builds), statistics.median(latencies)
            search = statistics.median(search_latencies)
            print(f"{size} courses: full build {build:.2f} s (median of {args.builds}), preview after one edit "
                  f"{latency:.2f} s (median of {args.edits}; {latencies[0]:.2f}-{latencies[-1]:.2f} s) = "
                  f"{latency / build:.2f}x of a full build (target at 1000: <= 1 s); its search index "
                  f"{search:.2f} s ({search_latencies[0]:.2f}-{search_latencies[-1]:.2f} s)", flush=True)


if __name__ == "__main__":
    main()
