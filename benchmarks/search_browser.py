"""Benchmark: site search in Chromium, Pagefind against Material's built-in search (not a
test; prints figures).

For each size, one synthetic catalog (``synthetic.write_catalog``) is built twice: as
published (Pagefind, run by the plugin at the end of the build) and with Material's own
search (``synthetic.material_search_config``). Each site is served on loopback and its home
page opened in headless Chromium; after the page has loaded, each query is typed into the
header search box and timed from the input event to the first result in the list. The
bytes fetched for it (also by workers) are counted by the server as it sends them (the
loopback server does not compress; Material's index is also given
gzip-compressed, as a web server would send it). What each search fetches after the page
has loaded but before it is used (Material: its whole index; Pagefind: its engine and the
index's page list, once the page is idle) is the "preload" column.

Build cost: the published build is timed whole, then Pagefind alone is run again on the
built site; the ratio is the share of the build that indexing takes.

    nice python benchmarks/search_browser.py [--sizes 1000 4000 10000]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
from local_site import CHROMIUM, CHROMIUM_FLAGS
from syllabus.plugin.site_search import BUNDLE, index_site
from synthetic import material_search_config, write_catalog

EPOCH = "1795000000"
QUERIES = ("topic-4321", "sandbox repositories", "Course 123")

# Types ``query`` into the header box and resolves when the first result is listed.
TYPE_AND_WAIT = """
async (query) => {
  const input = document.querySelector(".md-search__input");
  const list = document.querySelector(".md-search-result__list");
  document.getElementById("__search").click();
  const before = new Set(performance.getEntriesByType("resource").map((entry) => entry.name));
  list.replaceChildren();
  const start = performance.now();
  const shown = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (list.querySelector(".md-search-result__item")) { observer.disconnect(); resolve(); }
    });
    observer.observe(list, { childList: true, subtree: true });
  });
  input.focus();
  input.value = query;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: query.slice(-1) }));
  await shown;
  const elapsed = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, 300));  // fetches of the rendered results
  const fetched = performance.getEntriesByType("resource").filter((entry) => !before.has(entry.name));
  return { ms: elapsed, bytes: fetched.reduce((sum, entry) => sum + entry.transferSize, 0),
           results: list.querySelectorAll(".md-search-result__item").length };
}
"""


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site and adds every byte it sends to ``sent`` (workers' fetches included)."""

    sent: list[tuple[str, int]]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def copyfile(self, source: Any, outputfile: Any) -> None:
        data = source.read()
        outputfile.write(data)
        self.sent.append((self.path, len(data)))


@contextmanager
def serve_counting(directory: Path, sent: list[tuple[str, int]]) -> Iterator[str]:
    handler = type("Handler", (_CountingHandler,), {"sent": sent})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def build(config: Path, site: Path) -> float:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                   check=True, env=environment, capture_output=True)
    return time.perf_counter() - start


def index_seconds(site: Path) -> float:
    shutil.rmtree(site / BUNDLE)
    start = time.perf_counter()
    index_site(site, site / BUNDLE)
    return time.perf_counter() - start


def queries(base_url: str, chromium: str, fetched: list[tuple[str, int]]) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route(lambda url: not url.startswith(base_url), lambda route: route.abort())
        page = context.new_page()
        page.goto(base_url)
        page.wait_for_load_state("networkidle")  # the page, then whatever its search preloads
        page.wait_for_timeout(2000)
        search_files = ("/pagefind/", "/search/", "/workers/", "lunr")
        preload = sum(size for url, size in fetched if any(part in url for part in search_files))
        results = []
        for query in QUERIES:
            seen = len(fetched)
            measured = page.evaluate(TYPE_AND_WAIT, query)
            measured["bytes"] = sum(size for _, size in fetched[seen:])
            results.append(measured)
        browser.close()
    return [{"ms": 0.0, "bytes": preload, "results": 0}, *results]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 10000])
    parser.add_argument("--chromium", default=CHROMIUM)
    args = parser.parse_args(argv)
    print(f"{'courses':>8} {'search':>9} {'build':>8} {'index':>7} {'share':>6} {'bundle':>9}  "
          + f"{'preload':>10}  " + "  ".join(f"{q[:14]:>24}" for q in QUERIES), flush=True)
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as temporary:
            root = Path(temporary)
            config = write_catalog(root / "catalog", size)
            for name, site_config in (("pagefind", config), ("material", material_search_config(config))):
                site = root / name
                seconds = build(site_config, site)
                if name == "pagefind":
                    indexing = index_seconds(site)
                    share = f"{indexing / seconds:>5.1%}"
                    stored = sum(p.stat().st_size for p in (site / BUNDLE).rglob("*") if p.is_file())
                else:
                    indexing, share = 0.0, "   - "
                    index = (site / "search" / "search_index.json").read_bytes()
                    stored = len(index)
                    print(f"{'':>8} material index {len(index) / 1e6:.1f} MB, "
                          f"{len(gzip.compress(index, 6)) / 1e6:.1f} MB gzip -6", flush=True)
                sent: list[tuple[str, int]] = []
                with serve_counting(site, sent) as url:
                    measured = queries(url, args.chromium, sent)
                preload, *typed = measured
                cells = f"{preload['bytes'] / 1024:>7.0f}KiB  " + "  ".join(
                    f"{m['ms']:>7.0f}ms {m['bytes'] / 1024:>7.0f}KiB {m['results']:>3}r" for m in typed)
                print(f"{size:>8} {name:>9} {seconds:>7.1f}s {indexing:>6.1f}s {share:>6} {stored / 1e6:>7.1f}MB"
                      f"  {cells}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
