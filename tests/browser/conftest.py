"""Browser fixtures: a built site served on loopback and Debian's Chromium via Playwright.

Chromium is the distribution's (/usr/bin/chromium, installed by .ci/run with apt-get);
Playwright only drives it, so no browser is downloaded. The flags keep Chromium off the
network, which this machine does not have.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from ..conftest import EPOCH, REPO, build_site

sys.path.insert(0, str(REPO / "scripts"))
from local_site import CHROMIUM, CHROMIUM_FLAGS, serve

LOOPBACK = {"127.0.0.1", "localhost"}
VISIT = dt.datetime.fromtimestamp(int(EPOCH), dt.UTC) + dt.timedelta(hours=12)  # noon UTC of the build's "today"

@pytest.fixture(scope="session")
def example_site_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's example catalog, built once."""
    site = tmp_path_factory.mktemp("example-site")
    build_site(REPO / "mkdocs.yml", site)
    return site


@pytest.fixture(scope="session")
def example_site(example_site_folder: Path) -> Iterator[str]:
    """The example catalog served at the returned base URL."""
    with serve(example_site_folder) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}; install Debian's chromium (see .ci/run)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def is_remote(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOOPBACK


@contextlib.contextmanager
def open_page(browser: Any, **context_options: Any) -> Iterator[Any]:
    """A page in a fresh context (``timezone_id``, ``locale``, ``java_script_enabled``...).

    Requests that leave loopback (Google Fonts, the GitHub API behind ``repo_url``) are
    aborted, so runs are the same with or without a network; their "Failed to load
    resource" messages are the only console errors tolerated. Every other console error or
    uncaught exception is collected in ``page.console_errors`` and fails on exit.
    """
    context = browser.new_context(**context_options)
    blocked: set[str] = set()

    def block_remote(route: Any) -> None:
        blocked.add(route.request.url)
        route.abort()

    def on_console(message: Any) -> None:
        if message.type == "error" and message.location.get("url") not in blocked:
            errors.append(message.text)

    context.route(is_remote, block_remote)
    page = context.new_page()
    page.clock.set_fixed_time(VISIT)  # the day the sites were built: which sessions have ended is fixed
    errors: list[str] = []
    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.console_errors = errors
    try:
        yield page
    finally:
        context.close()
    assert not errors, f"console errors: {errors}"


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page; any console error or uncaught exception fails the test."""
    with open_page(browser) as page:
        yield page
