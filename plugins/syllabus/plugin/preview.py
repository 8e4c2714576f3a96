"""The author preview's error site: while content has errors, `mkdocs serve` (and
`syllabus serve`) publish one page listing every diagnostic at every address the site had,
instead of keeping the last good site on screen. MkDocs' live reload brings the real pages
back when the files are fixed. And the preview's guard: it answers only at its own address,
and a request to stop (Ctrl+C, or SIGTERM from an editor, a container or a process manager)
cleans up alike.

Editor links are opt-in: ``SYLLABUS_EDITOR`` names an editor (``vscode``) or is a URL template
with ``{path}``, ``{line}`` and ``{column}``.
"""

from __future__ import annotations

import ipaddress
import os
import signal
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from ..core.diagnostics import Diagnostic
from ..core.locale_format import writing_direction
from ..core.messages import Messages
from .structure import TEMPLATES, site_file

EDITOR_ENVIRONMENT = "SYLLABUS_EDITOR"
EDITORS = {  # URL templates of editors that register a URL scheme
    "vscode": "vscode://file/{path}:{line}:{column}",
    "vscode-insiders": "vscode-insiders://file/{path}:{line}:{column}",
    "cursor": "cursor://file/{path}:{line}:{column}",
    "idea": "idea://open?file={path}&line={line}&column={column}",
    "sublime": "subl://open?url=file://{path}&line={line}&column={column}",
}
_SAFE_SCHEMES = tuple(template.split(":", 1)[0] + ":" for template in EDITORS.values())
_ENVIRONMENT = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                                  undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
_ENVIRONMENT.filters["writing_direction"] = writing_direction


class EditorError(ValueError):
    """``SYLLABUS_EDITOR`` names no known editor and is no usable URL template."""


def editor_template(value: str | None) -> str | None:
    """The editor URL template ``value`` stands for (None: no editor links)."""
    if not value:
        return None
    template = EDITORS.get(value, value)
    if "{path}" not in template or not template.startswith(_SAFE_SCHEMES):
        raise EditorError(f"{EDITOR_ENVIRONMENT}={value!r}: use one of {', '.join(EDITORS)}, or a URL "
                          "template with {path}, {line} and {column} for one of those editors' schemes")
    return template


@dataclass(frozen=True)
class ListedDiagnostic:
    diagnostic: Diagnostic
    location: str  # path:line:column
    editor_url: str | None


def _listed(diagnostics: Iterable[Diagnostic], root: Path, editor: str | None) -> list[ListedDiagnostic]:
    """Each diagnostic with its place, and its editor link when ``editor`` is a template."""
    listed = []
    for diagnostic in diagnostics:
        url = None
        if editor is not None:
            path = quote((root / diagnostic.path).as_posix(), safe="/", errors="surrogateescape")  # its bytes
            url = editor.format(path=path, line=diagnostic.line, column=diagnostic.column)
        listed.append(ListedDiagnostic(diagnostic, diagnostic.place, url))
    return listed


def error_page(diagnostics: list[Diagnostic], root: Path, editor: str | None, messages: Messages, *,
               reload_by_polling: bool = False) -> str:
    """The page listing every diagnostic, with an editor link per diagnostic when asked for;
    its own words are in the site's language, the diagnostics in English as the CLI prints them."""
    errors = sum(d.severity == "error" for d in diagnostics)
    return _ENVIRONMENT.get_template("syllabus/errors.html").render(
        diagnostics=_listed(diagnostics, root, editor), errors=errors, warnings=len(diagnostics) - errors,
        reload_by_polling=reload_by_polling, language=messages.language, t=messages.text)


def warnings_note(diagnostics: list[Diagnostic], root: Path, editor: str | None, messages: Messages) -> str:
    """A page's own warnings (a course overdue for review, a time the clocks skip), shown at
    the top of the page in the preview only: the terminal that prints them is often hidden."""
    return _ENVIRONMENT.get_template("syllabus/preview_warnings.html").render(
        diagnostics=_listed(diagnostics, root, editor), t=messages.text)


def error_files(config: MkDocsConfig, html: str, addresses: Iterable[str]) -> Files:
    """The whole error site: the error page at the home page and at every known address, so
    the browser tab an author has open shows it (and reloads to the fixed page later)."""
    files = Files([])
    for dest_uri in sorted({"index.html", *addresses}):
        files.append(site_file(config, dest_uri, content=html))
    return files


WsgiApp = Callable[[dict, Callable], Iterable[bytes]]
REFUSED_HOST = (b"This preview answers at its own address only (localhost, an IP address, or the host of "
                b"dev_addr): it shows drafts and internal courses.\n")


def own_host_only(app: WsgiApp, dev_host: str) -> WsgiApp:
    """``app`` (the preview server's) answering only requests addressed to it: by
    ``localhost``, an IP address or ``dev_host`` (mkdocs.yml's dev_addr). A web page the author
    visits could otherwise read drafts and internal courses from the preview through a name
    of its own that resolves to 127.0.0.1 (DNS rebinding): the browser sends that name."""
    allowed = {"localhost", dev_host.strip("[]").lower()}

    def answer(environ: dict, start_response: Callable) -> Iterable[bytes]:
        host = environ.get("HTTP_HOST", "")
        name = host[1:host.find("]")] if host.startswith("[") else host.rpartition(":")[0] if ":" in host else host
        if not host or name.lower() in allowed or _is_address(name):
            return app(environ, start_response)
        start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8"),
                                         ("Content-Length", str(len(REFUSED_HOST)))])
        return [REFUSED_HOST]

    return answer


def stop_on_terminate() -> None:
    """Make SIGTERM stop the preview as Ctrl+C does: MkDocs then shuts the server down, runs
    the plugins' on_shutdown (our watch, its doorbell folder and Pagefind) and removes its
    temporary site, where SIGTERM's default ended the process and left them in the temporary
    folder. A handler someone else installed is kept."""
    if threading.current_thread() is threading.main_thread() \
            and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum: int, frame: object) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second one (a manager's retry) would cut the clean-up short
    raise KeyboardInterrupt


def is_loopback(host: str) -> bool:
    """Whether a server bound to ``host`` answers this machine only."""
    try:
        return host.lower() == "localhost" or ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def editor_from_environment() -> str | None:
    try:
        return editor_template(os.environ.get(EDITOR_ENVIRONMENT))
    except EditorError as error:
        raise PluginError(f"syllabus: {error}") from None
