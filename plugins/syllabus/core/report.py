"""Collects diagnostics for one validation run and positions them in their source files."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .diagnostics import Diagnostic, Severity, sort_diagnostics
from .yamlsafe import Path_, YamlDocument

MORE_PROBLEMS_RULE = "schema-more"  # "this file has more problems...": said once, and never restated


@dataclass
class Report:
    """Every problem found, plus the loaded documents that give them a line and column."""

    documents: dict[str, YamlDocument] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0
    # The first error at each place, by its index in ``diagnostics``, for restate and
    # extend_error: each scanned every diagnostic, and a file of thousands of restated schema
    # errors took minutes. Brought up to date as diagnostics are appended; started afresh
    # when any is removed (discard, restate to a key).
    _first_errors: dict[tuple[str, int, int], int] = field(default_factory=dict, repr=False)
    _indexed: int = field(default=0, repr=False)  # how many diagnostics _first_errors has seen

    def at(self, source: str, line: int, column: int, message: str, rule: str,
           severity: Severity = "error", hint: str = "") -> None:
        self.diagnostics.append(Diagnostic(source, line, column, severity, message, rule, hint))

    def on(self, source: str, path: Path_, message: str, rule: str, *,
           severity: Severity = "error", at_key: bool = False, hint: str = "") -> None:
        """Report at the YAML node ``path`` of ``source`` (its value, or its key)."""
        document = self.documents.get(source)
        line, column = document.locate(path, at_key=at_key) if document else (1, 1)
        self.at(source, line, column, message, rule, severity, hint)

    def extend_error(self, source: str, path: Path_, addition: str) -> bool:
        """Add to the error already reported at the YAML node ``path``; False if there is none."""
        index = self._error_at(source, path)
        if index is None:
            return False
        diagnostic = self.diagnostics[index]
        self.diagnostics[index] = replace(diagnostic, message=diagnostic.message + addition)
        return True

    def restate(self, source: str, path: Path_, message: str, rule: str, *, at_key: bool = False,
                to_key: bool = False, hint: str = "") -> None:
        """Report an error at the YAML node ``path`` (or its key) in place of the one there
        already (the schema's, which the rules can say more precisely), or as a new one;
        ``to_key``: said at the key, for a field that should not be there at all. The one there
        keeps its hint unless this one has its own."""
        index = self._error_at(source, path, at_key=at_key)
        if index is not None and to_key:
            del self.diagnostics[index]
            self._forget()
        if index is None or to_key:
            self.on(source, path, message, rule, at_key=at_key or to_key, hint=hint)
        else:
            diagnostic = self.diagnostics[index]
            self.diagnostics[index] = replace(diagnostic, message=message, rule=rule, hint=hint or diagnostic.hint)

    def _error_at(self, source: str, path: Path_, *, at_key: bool = False) -> int | None:
        """The index of the error reported at the YAML node ``path`` (or its key), if any."""
        document = self.documents.get(source)
        if document is None:
            return None
        line, column = document.locate(path, at_key=at_key)
        for index in range(self._indexed, len(self.diagnostics)):
            diagnostic = self.diagnostics[index]
            if diagnostic.severity == "error" and diagnostic.rule != MORE_PROBLEMS_RULE:
                self._first_errors.setdefault((diagnostic.path, diagnostic.line, diagnostic.column), index)
        self._indexed = len(self.diagnostics)
        return self._first_errors.get((source, line, column))

    def discard(self, unwanted: Callable[[Diagnostic], bool]) -> None:
        """Remove the diagnostics ``unwanted`` picks."""
        self.diagnostics[:] = [diagnostic for diagnostic in self.diagnostics if not unwanted(diagnostic)]
        self._forget()

    def _forget(self) -> None:
        self._first_errors.clear()
        self._indexed = 0

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)

    def sorted(self) -> list[Diagnostic]:
        return sort_diagnostics(self.diagnostics)
