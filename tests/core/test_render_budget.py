"""The CPU-time budget of one page's rendering (core/pages.py RenderBudget)."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from syllabus.core.html_allowlist import Allowlist
from syllabus.core.pages import MarkdownSettings, OutOfTime, PageRenderer, RenderBudget, render_seconds

from ..conftest import CatalogDir, build_site, course_data

MOST_TAGS = 4900  # under the limit of inline markup in one block, which refuses the page first


def busy(seconds: float, *, swallow_first: bool = False) -> None:
    """Python work for ``seconds`` of CPU time, catching the first OutOfTime if asked, as a
    library's broad ``except`` might."""
    end = time.process_time() + seconds
    swallowed = False
    while time.process_time() < end:
        try:
            sum(range(1000))
        except OutOfTime:
            if not swallow_first or swallowed:
                raise
            swallowed = True


def test_work_past_the_budget_is_stopped() -> None:
    started = time.process_time()
    with pytest.raises(OutOfTime), RenderBudget(OutOfTime, seconds=0.2):
        busy(10)
    assert time.process_time() - started < 2


def test_a_library_that_swallows_the_error_is_stopped_by_the_next() -> None:
    started = time.process_time()
    with pytest.raises(OutOfTime), RenderBudget(OutOfTime, seconds=0.2):
        busy(10, swallow_first=True)
    assert time.process_time() - started < 2


def test_an_error_swallowed_for_good_is_raised_when_the_budget_ends() -> None:
    """The rendering went on with half a page: what it made must not be published."""

    def half_done() -> None:
        while True:
            try:
                sum(range(1000))
            except OutOfTime:
                return

    budget = RenderBudget(OutOfTime, seconds=0.1)
    budget.start()
    half_done()
    with pytest.raises(OutOfTime):
        budget.stop()


def test_work_within_the_budget_runs_and_the_handler_is_restored() -> None:
    def mine(signum: int, frame: object) -> None:
        pass

    previous = signal.signal(signal.SIGPROF, mine)
    try:
        with RenderBudget(OutOfTime, seconds=1):
            busy(0.05)
        assert signal.getsignal(signal.SIGPROF) is mine and signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
        # SIGPROF's default action ends the process: a signal still on its way is ignored instead.
        signal.signal(signal.SIGPROF, signal.SIG_DFL)
        with RenderBudget(OutOfTime, seconds=1):
            busy(0.05)
        assert signal.getsignal(signal.SIGPROF) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGPROF, previous)
    busy(1.2)  # no late signal


def test_off_outside_the_main_thread() -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            with RenderBudget(OutOfTime, seconds=0.05):
                busy(0.2)
        except BaseException as error:  # reported to the test's thread
            errors.append(error)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert errors == []


def test_validate_and_the_build_decide_alike_on_a_page_of_unclosed_tags(tmp_path: Path, run_cli: Any) -> None:
    """Unclosed tags cost most in html.parser, which MkDocs runs once more than Python-Markdown
    (for anchors): a page that took 1.6 s of validate's 3.1 s took 3.7 s in the build, which
    refused it. Validate's renderer reads the raw HTML as MkDocs does, so a page sized here to
    half of validate's budget on the machine running the test (its cost grows with the square
    of its tags) passes both."""
    renderer = PageRenderer(MarkdownSettings(()), Allowlist())
    tags = 1000
    while True:
        body = "# Unit\n\n" + "<a " * tags + "\n"
        started = time.process_time()
        renderer.render(body)
        spent = time.process_time() - started
        if spent >= render_seconds(body) / 2 or tags >= MOST_TAGS:
            break
        tags = min(MOST_TAGS, int(tags * 1.3))
    catalog = CatalogDir.new(tmp_path / "catalog")
    catalog.course("c", course_data("c", units=[{"title": "Unit", "file": "unit.md"}]))
    catalog.write("courses/c/unit.md", body)
    assert run_cli("validate", "-f", catalog.config).code == 0
    build = build_site(catalog.config, tmp_path / "site", check=False)
    assert build.returncode == 0, build.stderr[-600:]


def test_validate_reads_raw_html_with_the_builds_parser(tmp_path: Path, run_cli: Any) -> None:
    """Python-Markdown's copy of html.parser, which MkDocs reads raw HTML with, ends a tag at a
    backtick; the standard one read on to the page's end at every "<a `": validate refused for
    time (9.6 s) a page the build published in 2.9 s."""
    block = "<a `" * 2400  # under the limit of inline markup in one block
    catalog = CatalogDir.new(tmp_path / "catalog")
    catalog.course("c", course_data("c", units=[{"title": "Unit", "file": "unit.md"}]))
    catalog.write("courses/c/unit.md", "# Unit\n\n" + "\n\n".join([block] * 20) + "\n")
    assert run_cli("validate", "-f", catalog.config).code == 0
    assert build_site(catalog.config, tmp_path / "site", check=False).returncode == 0
