"""Benchmark: the catalog page in Chromium at catalog scale (not a test; prints figures).

For each size, a synthetic catalog (``synthetic.write_catalog``) is built with the plugin,
served on loopback and opened in headless Chromium. Measured:

* filter change → updated list: a checkbox is clicked inside the page and timed with
  ``performance.now()``. The change handler is synchronous, so the time to its return is
  the script's work; reading the list's ``offsetHeight`` then forces style and layout of
  the updated list, and a ``requestAnimationFrame`` + ``setTimeout`` pair waits for the
  next frame. Medians over ``--changes`` changes that tick and untick filters in turn.
* transfer size: ``catalog/index.html`` gzip-compressed (level 9, as ``gzip.compress``; and
  level 6, a common server default), per 1,000 courses.

    python benchmarks/catalog_browser.py [--sizes 1000 4000] [--changes 20]
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from local_site import CHROMIUM, CHROMIUM_FLAGS, serve
from synthetic import write_catalog

EPOCH = "1795000000"

# Filters ticked, then unticked in reverse, so every change has real work: OR within a
# facet, AND across facets, and counts recomputed for all of them.
SEQUENCE = [("role", "admin"), ("level", "beginner"), ("format", "virtual-ilt"), ("role", "manager"),
            ("product", "code-search"), ("language", "en"), ("duration", "1-4h"), ("level", "advanced"),
            ("format", "self-paced"), ("product", "platform")]

MEASURE = """
(selector) => new Promise((resolve) => {
  const input = document.querySelector(selector);
  const list = document.querySelector("[data-cards]");
  const start = performance.now();
  input.click();  // fires "change"; the catalog's handler runs synchronously
  const handled = performance.now();
  void list.offsetHeight;  // style and layout of the updated list
  const laidOut = performance.now();
  requestAnimationFrame(() => setTimeout(() => resolve({
    handler: handled - start, layout: laidOut - start, frame: performance.now() - start,
    shown: document.querySelector("[data-result-count]").textContent,
  }), 0));
})
"""


def build(config: Path, site: Path) -> None:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                   check=True, env=environment, capture_output=True)


def transfer_sizes(site: Path) -> dict[str, int]:
    html = (site / "catalog" / "index.html").read_bytes()
    return {"raw": len(html), "gzip9": len(gzip.compress(html)), "gzip6": len(gzip.compress(html, 6))}


def filter_changes(page: Any, changes: int) -> list[dict[str, Any]]:
    """Click ``changes`` checkboxes (ticking, then unticking) and time each update."""
    order = SEQUENCE + SEQUENCE[::-1]
    results = []
    for index in range(changes):
        key, value = order[index % len(order)]
        results.append(page.evaluate(MEASURE, f"input[name='{key}'][value='{value}']"))
    return results


def measure(base_url: str, chromium: str, changes: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route(lambda url: not url.startswith(base_url), lambda route: route.abort())
        page = context.new_page()
        page.goto(base_url + "catalog/")
        page.wait_for_selector("[data-syllabus-catalog][data-ready]", state="attached")
        page.wait_for_load_state("load")
        ready = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
        filter_changes(page, 4)  # warm-up: JIT and first-layout costs
        results = filter_changes(page, changes)
        browser.close()
    return {
        "handler": statistics.median(r["handler"] for r in results),
        "layout": statistics.median(r["layout"] for r in results),
        "frame": statistics.median(r["frame"] for r in results),
        "worst_layout": max(r["layout"] for r in results),
        "load": ready,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000])
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--chromium", default=CHROMIUM)
    args = parser.parse_args(argv)
    print(f"{'courses':>8} {'handler':>9} {'+layout':>9} {'frame':>9} {'worst':>9} {'load':>8}"
          f" {'html':>9} {'gzip -9':>9} {'/1000':>9} {'gzip -6':>9} {'/1000':>9}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as temporary:
            root = Path(temporary)
            config = write_catalog(root / "catalog", size)
            build(config, root / "site")
            sizes = transfer_sizes(root / "site")
            with serve(root / "site") as url:
                timings = measure(url, args.chromium, args.changes)
        per = 1000 / size
        print(f"{size:>8} {timings['handler']:>7.1f}ms {timings['layout']:>7.1f}ms {timings['frame']:>7.1f}ms"
              f" {timings['worst_layout']:>7.1f}ms {timings['load'] / 1000:>7.2f}s"
              f" {sizes['raw'] / 1024:>6.0f}KiB {sizes['gzip9'] / 1024:>6.0f}KiB {sizes['gzip9'] * per / 1024:>6.0f}KiB"
              f" {sizes['gzip6'] / 1024:>6.0f}KiB {sizes['gzip6'] * per / 1024:>6.0f}KiB", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
