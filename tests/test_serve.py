"""``syllabus serve``, the author preview, as a trainer uses it: a real server on a free port
showing a draft course, then an error page when the file breaks, then the course again once
it is fixed. Each step polls the server until it shows the expected page, within a bound."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from html import unescape
from pathlib import Path

import pytest

from .conftest import EPOCH, CatalogDir, build_site, course_data, dump, plan_data, track_data

LIMIT = 120.0  # seconds: the first build of a tiny catalog on a busy machine, with room to spare


def _free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def _get(url: str, host: str | None = None) -> tuple[int, str]:
    """Status and body of ``url``; ``host``: the Host header sent, as a browser would for a
    name that resolved to the server."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Host": host} if host else {}),
                                    timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _poll(url: str, accept: Callable[[int, str], bool], server: subprocess.Popen[str]) -> str:
    """The first body of ``url`` that ``accept`` takes, polling until LIMIT."""
    deadline = time.monotonic() + LIMIT
    last = "no answer"
    while time.monotonic() < deadline:
        assert server.poll() is None, f"syllabus serve exited ({server.returncode})"
        try:
            status, body = _get(url)
        except (urllib.error.URLError, ConnectionError) as error:
            last = str(error)
        else:
            if accept(status, body):
                return body
            last = f"{status}: {body[:300]}"
        time.sleep(0.1)
    raise AssertionError(f"{url} never showed the expected page within {LIMIT:.0f} s; last: {last}")


def _ctrl_c_ends_it() -> None:
    """In the server's process: Ctrl+C (SIGINT) stops it, as in a trainer's terminal. A test
    run started in the background inherits SIGINT ignored (POSIX shells ignore it for
    background jobs), and the server would keep running when the test sends it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def serve(catalog: CatalogDir) -> Iterator[Callable[..., tuple[str, subprocess.Popen[str]]]]:
    servers: list[subprocess.Popen[str]] = []

    def start(*extra: str, env: dict[str, str] | None = None, log: Path | None = None,
              host: str = "127.0.0.1") -> tuple[str, subprocess.Popen[str]]:
        """``log``: the file its messages go to (else nowhere)."""
        port = _free_port(host)
        address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
        environment.pop("SYLLABUS_AUDIENCE", None)  # the preview sets it itself
        server = subprocess.Popen(
            [sys.executable, "-m", "syllabus", "serve", "-a", address, "-f",
             str(catalog.config), *extra], env=environment, stdout=subprocess.DEVNULL,
            stderr=log.open("w", encoding="utf-8") if log else subprocess.DEVNULL, text=True,
            preexec_fn=_ctrl_c_ends_it)
        servers.append(server)
        return f"http://{address}/", server

    yield start
    for server in servers:
        server.send_signal(signal.SIGINT)  # as Ctrl+C: MkDocs removes its temporary site folder
        server.wait(timeout=30)


def _write_draft(catalog: CatalogDir) -> Path:
    catalog.course("public-intro")
    return catalog.course("draft-demo", title="Draft demo course", status="draft", visibility="internal")


def test_serve_shows_drafts_then_errors_then_the_fixed_page(catalog: CatalogDir, serve) -> None:
    draft = _write_draft(catalog)
    base, server = serve()
    page = base + "courses/draft-demo/"
    body = _poll(page, lambda status, body: status == 200 and "Draft demo course" in body, server)
    assert "draft" in body.lower()  # the draft banner

    good = draft.read_text(encoding="utf-8")
    broken = good.replace("level: beginner", "level: beginner\n\tformat: oops")
    line = broken.splitlines().index("\tformat: oops") + 1
    draft.write_text(broken, encoding="utf-8")
    location = f"courses/draft-demo/course.yml:{line}:1"
    error_page = _poll(page, lambda status, body: location in body, server)
    text = unescape(re.sub(r"<[^>]+>", " ", error_page))
    assert "yaml-tab" in text and "Hint:" in text
    assert "Draft demo course" not in text  # not the stale page
    # An address the site never had shows the errors too.
    assert location in _poll(base + "no-such-page/", lambda status, body: location in body, server)

    draft.write_text(good.replace("Draft demo course", "Draft demo course, fixed"), encoding="utf-8")
    fixed = _poll(page, lambda status, body: status == 200 and "Draft demo course, fixed" in body, server)
    assert location not in fixed


def test_a_mistake_in_mkdocs_yml_shows_on_the_error_page_and_goes_when_fixed(catalog: CatalogDir, serve) -> None:
    """An unknown option or a refused setting in mkdocs.yml left the preview answering no
    request ("The server will appear stuck until build errors are resolved") where a content
    error shows its page (trainer review, stop 42)."""
    _write_draft(catalog)
    base, server = serve()
    page = base + "courses/draft-demo/"
    _poll(page, lambda status, body: status == 200 and "Draft demo course" in body, server)
    good = catalog.config.read_text(encoding="utf-8")
    for broken, said in ((good.replace("review_every_days:", "review_evry_days:"), "unknown option 'review_evry_days'"),
                         (good.replace("site_name: Test Academy", "site_name: Academy <img src=x onerror=alert(1)>"),
                          "site_name: onerror= on <img>"),
                         # Material's own pages cannot be rendered with these (attack on this stop).
                         (good.replace("  name: material\n", "  name: material\n  language: ja-JP\n"),
                          "theme.language: the theme has no texts for 'ja-JP'"),
                         (good.replace("  name: material\n", "  name: material\n  icon: {logo: material/magnifyy}\n"),
                          "theme.icon.logo: the theme has no icon 'material/magnifyy'")):
        catalog.write("mkdocs.yml", broken)
        error_page = unescape(_poll(page, lambda status, body, said=said: said in unescape(body), server))
        assert "mkdocs.yml:" in error_page and "Draft demo course" not in error_page
        catalog.write("mkdocs.yml", good)
        _poll(page, lambda status, body: status == 200 and "Draft demo course" in body, server)


def test_the_error_page_warns_of_nothing_the_site_would_load(catalog: CatalogDir, serve, tmp_path: Path) -> None:
    """While it shows, the site's files are not there: every rebuild warned that mkdocs.yml's
    favicon "is no file of the site", a problem the trainer did not have."""
    catalog.write("docs/assets/favicon.png", b"\x89PNG\r\n\x1a\n")
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8").replace(
        "  name: material\n", "  name: material\n  favicon: assets/favicon.png\n"))
    draft = _write_draft(catalog)
    base, server = serve(log=tmp_path / "serve.log")
    _poll(base + "courses/draft-demo/", lambda status, body: "Draft demo course" in body, server)
    draft.write_text(draft.read_text(encoding="utf-8").replace("level: beginner", "level: expert"), encoding="utf-8")
    _poll(base + "courses/draft-demo/", lambda status, body: "course.yml:4:8" in body, server)
    log = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert "level: 'expert'" in log and "is no file of the site" not in log


def test_a_refused_page_or_broken_link_shows_on_the_error_page(catalog: CatalogDir, serve) -> None:
    """What the allowlist refuses in a page, and a link the build would not find, are shown
    in the browser like a course.yml error (the preview stopped answering on the first)."""
    catalog.course("intro", title="Intro course", units=[{"title": "Setup", "file": "setup.md"}])
    unit = catalog.write("courses/intro/setup.md", "# Setup\n\nFine.\n")
    base, server = serve()
    page = base + "courses/intro/setup/"
    _poll(page, lambda status, body: status == 200 and "Fine." in body, server)
    unit.write_text("# Setup\n\nFine.\n\n<script>alert(1)</script>\n\nSee [intro](../intro/idnex.md).\n",
                    encoding="utf-8")
    error_page = _poll(base + "courses/intro/", lambda status, body: "courses/intro/setup.md:5:1" in body, server)
    text = unescape(re.sub(r"<[^>]+>", " ", error_page))
    assert "courses/intro/setup.md:7:13" in text and "idnex.md" in text
    unit.write_text("# Setup\n\nFixed.\n", encoding="utf-8")
    _poll(page, lambda status, body: status == 200 and "Fixed." in body, server)


def test_error_page_links_to_the_editor_only_when_asked(catalog: CatalogDir, serve) -> None:
    _write_draft(catalog)
    catalog.write("courses/public-intro/course.yml", dump(course_data("public-intro", level="expert")))
    level_line = dump(course_data("public-intro", level="expert")).splitlines().index("level: expert") + 1
    location = f"courses/public-intro/course.yml:{level_line}:8"

    base, server = serve("--editor", "vscode")
    linked = _poll(base, lambda status, body: location in body, server)
    target = catalog.root / "courses/public-intro/course.yml"
    assert f'href="vscode://file/{target.as_posix()}:{level_line}:8"' in linked

    plain_base, plain_server = serve()
    plain = _poll(plain_base, lambda status, body: location in body, plain_server)
    assert "vscode://" not in plain and "<a class=\"where\"" not in plain


def test_a_retitled_course_is_renamed_on_every_page_and_file_that_shows_it(catalog: CatalogDir, serve) -> None:
    """The preview rebuilds only what an edit affects and reuses the rest, so this follows one
    title from its course.yml to everything that repeats it, reused or not."""
    session = {"start": "2027-02-04T10:00", "timezone": "Europe/Berlin"}
    live = catalog.course("base", title="Base course", format="virtual-ilt", sessions=[session])
    catalog.course("next", title="Next course", prerequisites=["base"])
    catalog.course("alone", title="Alone course")
    catalog.track("path", dump(track_data("path", ["base", "next"])))
    catalog.plan("onboarding", dump(plan_data("onboarding", phases=[{
        "title": "Start", "start_day": 0, "end_day": 29,
        "items": [{"day": 3, "type": "course", "course": "base"}]}])))
    base, server = serve()
    showing = ["catalog/", "courses/next/", "tracks/path/", "plans/onboarding/", "catalog.json", "sessions.ics",
               "courses.xml"]
    for address in ["courses/base/", *showing]:
        _poll(base + address, lambda status, body: status == 200 and "Base course" in body, server)
    alone = _without_reload_ids(_poll(base + "courses/alone/", lambda status, body: status == 200, server))

    live.write_text(live.read_text(encoding="utf-8").replace("Base course", "Renamed base"), encoding="utf-8")
    _poll(base + "courses/base/", lambda status, body: "Renamed base" in body, server)
    for address in showing:  # the rebuild is complete once the course page shows the edit
        status, body = _get(base + address)
        assert status == 200 and "Renamed base" in body and "Base course" not in body, address
    assert _without_reload_ids(_get(base + "courses/alone/")[1]) == alone  # unchanged, reused as it was


def test_a_pages_warnings_show_on_it_in_the_preview_and_go_when_fixed(catalog: CatalogDir, serve,
                                                                      tmp_path: Path) -> None:
    """A warning (here a course overdue for review) is shown on the pages made of the file it
    is about, with its place and hint, as the terminal prints it; never in a build."""
    source = catalog.course("old", title="Old course", last_reviewed="2020-01-15",
                            units=[{"title": "Setup", "file": "setup.md"}])
    catalog.write("courses/old/setup.md", "# Setup\n")
    catalog.course("fresh", title="Fresh course")
    line = source.read_text(encoding="utf-8").splitlines().index("last_reviewed: '2020-01-15'") + 1
    base, server = serve()
    body = _poll(base + "courses/old/", lambda status, body: status == 200 and "Old course" in body, server)
    note = re.search(r'<div class="admonition warning syllabus-preview-warnings".*?</div>', body, re.S)
    assert note is not None, body
    text = unescape(re.sub(r"<[^>]+>", " ", note.group(0)))
    assert f"courses/old/course.yml:{line}:" in text and "last_reviewed 2020-01-15 is older than 365 days" in text
    for address in ("courses/old/setup/", "courses/fresh/"):  # made of other files
        assert "syllabus-preview-warnings" not in _get(base + address)[1], address
    source.write_text(source.read_text(encoding="utf-8").replace("2020-01-15", "2026-11-01"), encoding="utf-8")
    _poll(base + "courses/old/", lambda status, body: status == 200 and "syllabus-preview-warnings" not in body,
          server)
    # A warning about text the course does not show (the comment leaves the course as it was):
    # the page, kept from the last build, is rendered again with the note, and without it after.
    fresh = catalog.root / "courses" / "fresh" / "course.yml"
    fresh.write_text(fresh.read_text(encoding="utf-8").replace("level: beginner", "level: beginner #was advanced"),
                     encoding="utf-8")
    _poll(base + "courses/fresh/", lambda status, body: "syllabus-preview-warnings" in body, server)
    fresh.write_text(fresh.read_text(encoding="utf-8").replace(" #was advanced", ""), encoding="utf-8")
    _poll(base + "courses/fresh/", lambda status, body: status == 200 and "syllabus-preview-warnings" not in body,
          server)
    source.write_text(source.read_text(encoding="utf-8").replace("2026-11-01", "2020-01-15"), encoding="utf-8")
    build_site(catalog.config, tmp_path / "site")
    assert "syllabus-preview-warnings" not in (tmp_path / "site" / "courses" / "old" / "index.html").read_text(
        encoding="utf-8")


def test_a_page_rendered_again_links_the_pages_kept_as_they_were(catalog: CatalogDir, serve) -> None:
    """A kept page is published as its HTML, not its Markdown: links to it still resolve."""
    catalog.course("base", title="Base course", units=[{"title": "Setup", "file": "setup.md"}])
    catalog.write("courses/base/setup.md", "# Setup\n")
    catalog.course("alone", title="Alone course")
    catalog.write("courses/alone/index.md", "# Alone\n\nFirst draft.\n")
    base, server = serve()
    _poll(base + "courses/alone/", lambda status, body: status == 200 and "First draft" in body, server)
    catalog.write("courses/alone/index.md", "# Alone\n\nThen [base](../base/index.md), [its setup](../base/setup.md "
                  "\"unit\") and [a section](../base/index.md#about).\n")
    body = _poll(base + "courses/alone/", lambda status, body: "Then" in body, server)
    assert re.findall(r'href="([^"]*)"[^>]*>(?:base|its setup|a section)<', body) == [
        "../base/", "../base/setup/", "../base/#about"]
    for address in ("courses/base/", "courses/base/setup/"):  # the kept pages themselves
        assert _get(base + address)[0] == 200


def test_an_edit_to_the_sites_texts_shows_on_every_page(catalog: CatalogDir, serve) -> None:
    """locales/ is watched like the content, and a changed text renders kept pages again."""
    catalog.course("intro", title="Intro course")
    catalog.write("locales/en.yml", "course.level: Stage\n")
    base, server = serve()
    _poll(base + "courses/intro/", lambda status, body: status == 200 and ">Stage</dt>" in body, server)
    catalog.write("locales/en.yml", "course.level: Difficulty\n")
    body = _poll(base + "courses/intro/", lambda status, body: ">Difficulty</dt>" in body, server)
    assert ">Stage</dt>" not in body


def test_a_symlinked_folder_leading_to_an_ancestor_does_not_stop_the_preview(catalog: CatalogDir, serve) -> None:
    """MkDocs' watcher, and its walk of the docs folder, follow symlinked folders: one
    leading back up was a walk with no end, and the preview never answered. A link in docs
    is an error, shown; one beside a course is not read; both folders are still watched."""
    intro = catalog.course("intro", title="Intro course")
    (intro.parent / "x.md").symlink_to(catalog.root, target_is_directory=True)
    loop = catalog.root / "docs" / "loop"
    loop.symlink_to(catalog.root, target_is_directory=True)
    base, server = serve()
    _poll(base, lambda status, body: "docs/loop:1:1" in body and "symlinks are never published" in body, server)
    loop.unlink()  # a folder's removal: MkDocs rebuilds on the next change to a file
    intro.write_text(intro.read_text(encoding="utf-8").replace("Intro course", "Renamed intro"), encoding="utf-8")
    _poll(base + "courses/intro/", lambda status, body: status == 200 and "Renamed intro" in body, server)
    catalog.write("docs/index.md", "# Home\n\nEdited home.\n")
    _poll(base, lambda status, body: status == 200 and "Edited home." in body, server)


def test_a_first_track_and_plan_made_while_the_preview_runs_show(catalog: CatalogDir, serve) -> None:
    """MkDocs' watcher cannot watch a folder that does not exist yet, and ignores a folder's
    creation: a catalog's first track or plan, its folder made with it (as `syllabus new`
    does), showed only after a restart."""
    catalog.course("intro", title="Intro course")
    assert not (catalog.root / "tracks").exists() and not (catalog.root / "plans").exists()
    base, server = serve()
    _poll(base + "courses/intro/", lambda status, body: status == 200 and "Intro course" in body, server)
    catalog.track("first-path", track_data("first-path", ["intro"], title="First path"))
    _poll(base + "tracks/first-path/", lambda status, body: status == 200 and "First path" in body, server)
    catalog.plan("first-plan", plan_data("first-plan", title="First plan"))
    _poll(base + "plans/first-plan/", lambda status, body: status == 200 and "First plan" in body, server)


def test_a_folder_removed_and_made_again_is_still_watched(catalog: CatalogDir, serve, tmp_path: Path) -> None:
    """As ``git checkout`` of a branch without the folder and back: the watch on the old
    folder ended with it."""
    intro = catalog.course("intro", title="Intro course")
    base, server = serve()
    _poll(base + "courses/intro/", lambda status, body: status == 200 and "Intro course" in body, server)
    away = tmp_path / "courses-elsewhere"
    (catalog.root / "courses").rename(away)
    _poll(base + "courses/intro/", lambda status, body: status == 404, server)
    (away / "intro").mkdir(exist_ok=True)
    away.rename(catalog.root / "courses")
    intro.write_text(intro.read_text(encoding="utf-8").replace("Intro course", "Renamed intro"), encoding="utf-8")
    _poll(base + "courses/intro/", lambda status, body: status == 200 and "Renamed intro" in body, server)
    intro.write_text(intro.read_text(encoding="utf-8").replace("Renamed intro", "Renamed again"), encoding="utf-8")
    _poll(base + "courses/intro/", lambda status, body: status == 200 and "Renamed again" in body, server)


def test_a_course_made_beside_a_symlinked_folder_shows(catalog: CatalogDir, serve) -> None:
    """A folder with a symlinked folder below is watched on its own (the watcher would
    follow the link), so a course folder made in it later was not watched."""
    intro = catalog.course("intro", title="Intro course")
    (intro.parent / "x.md").symlink_to(catalog.root, target_is_directory=True)
    base, server = serve()
    _poll(base + "courses/intro/", lambda status, body: status == 200 and "Intro course" in body, server)
    later = catalog.course("later", title="Later course")
    _poll(base + "courses/later/", lambda status, body: status == 200 and "Later course" in body, server)
    later.write_text(later.read_text(encoding="utf-8").replace("Later course", "Later, edited"), encoding="utf-8")
    _poll(base + "courses/later/", lambda status, body: status == 200 and "Later, edited" in body, server)


def test_reading_the_catalog_rebuilds_nothing_and_an_edit_rebuilds_once(catalog: CatalogDir, serve,
                                                                         tmp_path: Path) -> None:
    """The system's notifications also report a file opened and closed unwritten: each build
    reads every file, and rang for the next one, without end (the attack on the preview's watch)."""
    intro = catalog.course("intro", title="Intro course")
    log = tmp_path / "serve.log"
    base, server = serve(log=log)
    _poll(base + "courses/intro/", lambda status, body: status == 200 and "Intro course" in body, server)

    def builds() -> int:
        return log.read_text(encoding="utf-8").count("Building documentation")

    time.sleep(2)
    first = builds()
    for path in catalog.root.rglob("*"):  # as an editor, grep or git would
        if path.is_file():
            path.read_bytes()
    time.sleep(3)
    assert builds() == first
    intro.write_text(intro.read_text(encoding="utf-8").replace("Intro course", "Renamed intro"), encoding="utf-8")
    _poll(base + "courses/intro/", lambda status, body: status == 200 and "Renamed intro" in body, server)
    time.sleep(4)  # a loop rebuilt about once a second
    assert builds() - first <= 2, builds() - first


def test_a_folder_made_and_removed_at_once_leaves_the_watch_working(catalog: CatalogDir, serve) -> None:
    """A folder gone before the watch on it began stopped the watcher's thread for good (the
    attack on the preview's watch): tracks made later never showed."""
    catalog.course("intro", title="Intro course")
    base, server = serve()
    _poll(base + "courses/intro/", lambda status, body: status == 200 and "Intro course" in body, server)
    for _ in range(50):
        (catalog.root / "tracks").mkdir()
        (catalog.root / "tracks").rmdir()
    catalog.track("first-path", track_data("first-path", ["intro"], title="First path"))
    _poll(base + "tracks/first-path/", lambda status, body: status == 200 and "First path" in body, server)


def test_a_symlink_loop_made_while_the_preview_runs_is_never_walked(catalog: CatalogDir, serve) -> None:
    """MkDocs' polling watcher followed a link to the folder it sits in, made while the
    preview ran, without end: 2 GB in 45 s, and Ctrl+C no longer stopped it."""
    intro = catalog.course("intro", title="Intro course")
    base, server = serve()
    _poll(base + "courses/intro/", lambda status, body: status == 200 and "Intro course" in body, server)
    for name in ("a", "b"):
        (intro.parent / name).symlink_to(".", target_is_directory=True)
    intro.write_text(intro.read_text(encoding="utf-8").replace("Intro course", "Renamed intro"), encoding="utf-8")
    _poll(base + "courses/intro/", lambda status, body: status == 200 and "Renamed intro" in body, server)
    time.sleep(3)  # a walk through the links grew by hundreds of megabytes a second
    resident = int(re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{server.pid}/status").read_text()).group(1))
    assert resident < 400_000, f"{resident} kB"


def _without_reload_ids(html: str) -> str:
    """The page without the build epoch and request id MkDocs' live reload script carries."""
    return re.sub(r"livereload\(\d+, \d+\)", "livereload()", html)


def test_sigterm_stops_the_preview_as_ctrl_c_does(catalog: CatalogDir, serve, tmp_path: Path) -> None:
    """SIGTERM (an editor's stop button, a container, a process manager) ended the process at
    once: the watch's folder and MkDocs' temporary site stayed in the temporary folder."""
    catalog.course("intro")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    base, server = serve(env={"TMPDIR": str(temporary)})
    _poll(base + "courses/intro/", lambda status, body: status == 200, server)
    assert {path.name.split("-")[0] for path in temporary.iterdir()} >= {"syllabus"}
    server.send_signal(signal.SIGTERM)
    server.send_signal(signal.SIGTERM)  # a process manager's second request does not cut the clean-up short
    assert server.wait(timeout=30) == 0
    assert list(temporary.iterdir()) == []


def test_sigterm_without_live_reload_stops_the_preview_as_ctrl_c_does(catalog: CatalogDir, serve,
                                                                     tmp_path: Path) -> None:
    """Without live reload MkDocs calls no on_serve: the handler is set at startup."""
    catalog.course("intro")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    base, server = serve("--no-livereload", env={"TMPDIR": str(temporary)})
    _poll(base + "courses/intro/", lambda status, body: status == 200, server)
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=30) == 0
    assert list(temporary.iterdir()) == []


def test_serve_refuses_an_unknown_editor(catalog: CatalogDir, run_cli) -> None:
    result = run_cli("serve", "--editor", "javascript:alert(1)//{path}", "-f", catalog.config)
    assert result.code == 2
    assert "vscode" in result.err


def _has_ipv6_loopback() -> bool:
    try:
        _free_port("::1")
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _has_ipv6_loopback(), reason="this machine has no IPv6 loopback")
def test_the_preview_serves_on_an_ipv6_address(catalog: CatalogDir, serve) -> None:
    """``-a [::1]:8000``: MkDocs writes the preview's address with the host bare
    (``http://::1:8000/``), no address at all; pages link to it bracketed, as browsers write it."""
    catalog.course("intro")
    url, server = serve(host="::1")
    body = _poll(url + "catalog/", lambda status, _: status == 200, server)
    assert f'href="{url}catalog/"' in body  # the canonical link, from site_url


def test_the_preview_answers_only_at_its_own_address(catalog: CatalogDir, serve) -> None:
    """Any Host was answered: a web page the author visits, at a name of its own resolving to
    127.0.0.1 (DNS rebinding), could read drafts and internal courses from the preview."""
    _write_draft(catalog)
    url, server = serve()
    _poll(url + "courses/draft-demo/", lambda status, _: status == 200, server)
    port = urllib.parse.urlsplit(url).port
    for host in ("localhost", f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}", f"LOCALHOST:{port}"):
        assert _get(url + "courses/draft-demo/", host=host)[0] == 200, host
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1.evil.example:{port}", f"localhost.evil:{port}"):
        status, body = _get(url + "courses/draft-demo/", host=host)
        assert (status, "Draft demo course" in body) == (403, False), host
        assert body.startswith("This preview answers at its own address only")


def test_a_preview_open_to_other_machines_says_so(catalog: CatalogDir, serve, tmp_path: Path) -> None:
    """`dev_addr: 0.0.0.0:8000` (a pull request may set it) served drafts to the network silently."""
    _write_draft(catalog)
    for host, log in (("0.0.0.0", tmp_path / "open.log"), ("127.0.0.1", tmp_path / "own.log")):
        url, server = serve(host=host, log=log)
        _poll(url + "courses/draft-demo/", lambda status, _: status == 200, server)
        warned = "the preview, drafts and internal courses included, answers every machine" in log.read_text("utf-8")
        assert warned == (host == "0.0.0.0"), host


def test_serve_on_an_address_in_use_says_so(catalog: CatalogDir) -> None:
    """Another preview holds the port: one line and exit 2, not a traceback."""
    catalog.course("intro")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"
        command = [sys.executable, "-m", "syllabus", "serve", "-a", address, "-f", str(catalog.config)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=catalog.root)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        f"syllabus serve: error: cannot serve on {address}: Address already in use (another preview may be running "
        "there); choose another address with -a, e.g. -a 127.0.0.1:8001")
    assert "Traceback" not in result.stderr


def test_the_previews_search_files_each_course_under_its_language(catalog: CatalogDir, serve) -> None:
    """As the built site's: a Japanese course in an English catalog is in the Japanese index
    (segmented as Japanese) after the first build and after a rebuild that reuses its page."""
    catalog.course("intro", title="Intro course")
    catalog.course("nihongo", title="日本語のコース", language="ja")
    catalog.write("courses/nihongo/index.md", "コードを検索する方法を学びます。\n")
    base, server = serve()

    def languages() -> dict[str, int]:
        status, body = _get(base + "pagefind/pagefind-entry.json")
        if status != 200:
            return {}
        return {name: entry["page_count"] for name, entry in json.loads(body)["languages"].items()}

    def filed(status: int, body: str) -> bool:
        return languages().get("ja", 0) >= 1 and languages().get("en", 0) >= 1

    _poll(base + "courses/nihongo/", filed, server)
    catalog.course("intro", title="Intro course, renamed")  # nihongo's page is reused as it was
    _poll(base + "courses/intro/", lambda status, body: "Intro course, renamed" in body, server)
    time.sleep(1)  # the rebuild's index is made in the background
    _poll(base + "courses/nihongo/", filed, server)
    assert languages()["ja"] == 1
