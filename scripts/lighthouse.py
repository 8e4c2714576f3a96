"""Lighthouse scores of the example catalog's customer pages, mobile and desktop presets.

Builds the example catalog, serves it on loopback and runs the npm package ``lighthouse``
(installed on first use with ``npm install --prefix``, outside the repository) against
Debian's Chromium, then prints a Markdown table of the four category scores:

    python scripts/lighthouse.py [--prefix ~/.cache/syllabus-lighthouse] [--only home,catalog]

Mobile is Lighthouse's default (simulated slow 4G, mid-range phone); desktop its preset.
Text files are served gzipped, as any static host serves them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
from pathlib import Path

from local_site import CHROMIUM, CHROMIUM_FLAGS, CUSTOMER_PAGES, serve
from screenshots import build

LIGHTHOUSE_VERSION = "12"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PRESETS = ("mobile", "desktop")


def lighthouse(prefix: Path) -> Path:
    """The lighthouse executable under ``prefix``, installed there with npm if missing."""
    binary = prefix / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "install", "--prefix", str(prefix), "--no-audit", "--no-fund",
                        f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    return binary


def scores(binary: Path, url: str, preset: str, out: Path) -> dict[str, int]:
    flags = " ".join(["--headless=new", *CHROMIUM_FLAGS])
    command = [str(binary), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"]
    if preset == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    report = json.loads(out.read_text(encoding="utf-8"))
    return {key: round(report["categories"][key]["score"] * 100) for key in CATEGORIES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prefix", type=Path, default=Path.home() / ".cache" / "syllabus-lighthouse")
    parser.add_argument("--only", help="comma-separated page names (default: all)")
    args = parser.parse_args(argv)
    binary = lighthouse(args.prefix)
    names = args.only.split(",") if args.only else list(CUSTOMER_PAGES)
    rows = ["| page | preset | performance | accessibility | best practices | SEO |", "|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary) / "site"
        build(site)
        with serve(site, compress=True) as base:
            for name in names:
                for preset in PRESETS:
                    result = scores(binary, base + CUSTOMER_PAGES[name], preset, Path(temporary) / "report.json")
                    rows.append(f"| {name} | {preset} | " + " | ".join(str(result[k]) for k in CATEGORIES) + " |")
                    print(rows[-1], flush=True)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
