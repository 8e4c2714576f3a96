"""Positioned problems and their three output formats (text, GitHub annotations, JSON).

Every check in the core reports a :class:`Diagnostic` instead of raising, so one run
can show a trainer every problem at once, sorted the way an editor lists them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# Messages quote trainers' values and paths name their files (Git keeps any name): a newline,
# terminal escape or bidi override in one must not break the one-line-per-problem output,
# start a CI workflow command ("\n::error ...") or reorder the line, so it is shown escaped;
# so is a byte of a name that is not UTF-8 (a lone surrogate to Python), which no output can encode.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` with the characters that would act on a terminal or log written as escapes."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


# Characters of a message or hint, and of one word of it (a quoted key, path or value): one
# quoting a 200,000-character key twice was a 400 KB line, unreadable and past what a CI
# annotation shows; cut as a whole, it lost what the problem was ("unknown field").
TEXT_LIMIT = 1000
WORD_LIMIT = 200
_LONG_WORD = re.compile(rf"\S{{{WORD_LIMIT + 1},}}")


def bounded(text: str) -> str:
    """``text`` with each over-long word, then the whole if still too long, shortened to its
    start and end around a note of how much is left out."""
    text = _LONG_WORD.sub(lambda match: _shortened(match.group(), WORD_LIMIT), text)
    return _shortened(text, TEXT_LIMIT)


def _shortened(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    keep = limit // 2
    return f"{text[:keep]} … ({len(text) - 2 * keep:,} characters left out) … {text[-keep:]}"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at ``path:line:column`` (1-based; path relative to the catalog root)."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str
    rule: str
    hint: str = ""  # how to fix it, when the message alone does not say

    def __post_init__(self) -> None:
        """Every way one is made: what it quotes shortened, then made printable."""
        object.__setattr__(self, "message", printable(bounded(self.message)))
        object.__setattr__(self, "hint", printable(bounded(self.hint)))

    @property
    def place(self) -> str:
        """``path:line:column``, the path printable."""
        return f"{printable(self.path)}:{self.line}:{self.column}"

    @property
    def advice(self) -> str:
        """The message followed by its hint, for one-line formats."""
        return f"{self.message} (hint: {self.hint})" if self.hint else self.message

    def as_text(self) -> str:
        return f"{self.place}: {self.severity}: {self.advice}"

    def as_github(self, folder: str = "", *, failing: bool = False) -> str:
        """A GitHub Actions workflow command; ``folder``: the catalog's folder in its
        repository ("academy/"), as GitHub places an annotation by the path from the top;
        ``failing``: a warning fails the run (``--strict``), so it is annotated as an error."""
        # Workflow-command data needs %, CR and LF escaped; properties also , and :.
        def data(text: str) -> str:
            return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def prop(text: str) -> str:
            return data(text).replace(":", "%3A").replace(",", "%2C")

        return (
            f"::{'error' if failing else self.severity} file={prop(printable(folder + self.path))},line={self.line},"
            f"col={self.column},title={prop(self.rule)}::{data(self.advice)}"
        )


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sort by path, then line and column, the order editors and CI logs use."""
    return sorted(set(diagnostics))


def counted(count: int, word: str) -> str:
    """``1 error``, ``2 errors``: a count in an (English) message, with the word's plural."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(diagnostics: list[Diagnostic], file_count: int, *, strict: bool = False) -> str:
    """``2 errors, 1 warning in 3 files``; under ``strict`` (warnings fail the run) it says so
    where there are warnings, as the run fails on them."""
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors

    failing = " (--strict: warnings fail the check)" if strict and warnings else ""
    return f"{counted(errors, 'error')}, {counted(warnings, 'warning')}{failing} in {counted(file_count, 'file')}"


def render(diagnostics: list[Diagnostic], file_count: int, fmt: str, folder: str = "", *,
           strict: bool = False) -> str:
    """Render sorted diagnostics as ``text``, ``github`` (``folder``: see :meth:`Diagnostic.as_github`)
    or ``json``; ``strict``: see :func:`summary_line`."""
    if fmt == "json":
        rows = [{**{key: value for key, value in asdict(d).items() if value or key != "hint"},
                 "path": printable(d.path)} for d in diagnostics]
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    lines = [d.as_github(folder, failing=strict) if fmt == "github" else d.as_text() for d in diagnostics]
    lines.append(summary_line(diagnostics, file_count, strict=strict))
    return "\n".join(lines) + "\n"
