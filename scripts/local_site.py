"""Serve a built site on loopback and drive Debian's Chromium: shared by the browser
tests, the screenshot script and the in-browser benchmark.

Chromium is the distribution's (``/usr/bin/chromium``, or ``SYLLABUS_CHROMIUM``); the flags
keep it off the network, which these machines do not have.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

# The pages a customer meets, by name: the browser tests and the Lighthouse script check the same ones.
CUSTOMER_PAGES = {
    "home": "",
    "catalog": "catalog/",
    "catalog-filtered": "catalog/?role=admin&keywords=keystone",
    "live-course": "courses/search-bootcamp-live/",
    "program": "courses/keystone-certified-admin/",
    "unit": "courses/keystone-101/filters/",
    "track": "tracks/admin-path/",
    "plan-personalised": "plans/enterprise-onboarding-90/?customer=Acme&start=2027-01-04",
    "404": "404.html",
}


CHROMIUM = os.environ.get("SYLLABUS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--hide-scrollbars",
]


COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml")  # what static hosts send gzipped


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _GzipHandler(_QuietHandler):
    """Sends text files gzipped, as GitHub Pages or any CDN would: page-speed figures
    measured without it would mostly measure the missing compression."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):  # without the slash: the redirect
            path = path / "index.html"
        if path.suffix not in COMPRESSED or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    """A browser that leaves a page drops the requests still loading (Pagefind's chunks): a
    broken connection is no error of the site's, so no traceback in the test output."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exception(), ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path, *, compress: bool = False) -> Iterator[str]:
    """Serve ``directory`` on a free loopback port; yields the base URL."""
    handler = functools.partial(_GzipHandler if compress else _QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
