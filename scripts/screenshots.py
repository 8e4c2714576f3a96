"""Screenshots of the example catalog for the README, taken in headless Chromium.

Builds the repository's example catalog into a temporary folder, serves it on loopback
and saves PNGs of the home page, the catalog and a course page with live sessions, on a
laptop (1,280 px) and a phone (390 px, ``-phone.png``):

    python scripts/screenshots.py [--out docs/assets/screenshots] [--chromium /usr/bin/chromium]

Chromium is Debian's (``apt-get install chromium``); Playwright only drives it. Requests
that would leave the machine (web fonts, the GitHub API) are blocked, so the pictures are
the same with or without a network. Time zone, locale and "today" are fixed, so they are
reproducible too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from local_site import CHROMIUM, CHROMIUM_FLAGS, serve

REPO = Path(__file__).resolve().parent.parent
EPOCH = "1795000000"  # 2026-11-19, the tests' fixed "today"
VIEWPORTS = {"": {"width": 1280, "height": 900}, "-phone": {"width": 390, "height": 844}}  # file name suffix

# (file name, page, element scrolled to the top or None), each taken on a laptop and a phone
SHOTS = (
    ("home.png", "", None),
    ("catalog.png", "catalog/?role=end-user", None),
    ("course.png", "courses/search-bootcamp-live/", None),
)


def build(site: Path) -> None:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    environment.pop("SYLLABUS_AUDIENCE", None)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", str(REPO / "mkdocs.yml"),
                    "-d", str(site)], check=True, env=environment)


def is_remote(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and parts.hostname not in ("127.0.0.1", "localhost")


def take(base_url: str, out: Path, chromium: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        for suffix, viewport in VIEWPORTS.items():
            context = browser.new_context(viewport=viewport, device_scale_factor=1, locale="en-GB",
                                          timezone_id="Europe/London", color_scheme="light")
            context.route(is_remote, lambda route: route.abort())
            page = context.new_page()
            # Visited on the build's "today": the page script retires sessions by the clock.
            page.clock.set_fixed_time(dt.datetime.fromtimestamp(int(EPOCH) + 12 * 3600, dt.UTC))
            for name, path, anchor in SHOTS:
                page.goto(base_url + path)
                page.wait_for_load_state("networkidle")
                if anchor:
                    page.locator(anchor).scroll_into_view_if_needed()
                target = out / name.replace(".png", f"{suffix}.png")
                page.screenshot(path=str(target), full_page=False, animations="disabled", caret="hide")
                saved.append(target)
            context.close()
        browser.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "assets" / "screenshots")
    parser.add_argument("--chromium", default=CHROMIUM)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary) / "site"
        build(site)
        with serve(site) as url:
            for path in take(url, args.out, args.chromium):
                print(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path} "
                      f"({path.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
