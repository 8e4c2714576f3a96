"""Collects diagnostics for one validation run and positions them in their source files."""

from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostics import Diagnostic, Severity, sort_diagnostics
from .yamlsafe import Path_, YamlDocument


@dataclass
class Report:
    """Every problem found, plus the loaded documents that give them a line and column."""

    documents: dict[str, YamlDocument] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0

    def at(self, source: str, line: int, column: int, message: str, rule: str,
           severity: Severity = "error") -> None:
        self.diagnostics.append(Diagnostic(source, line, column, severity, message, rule))

    def on(self, source: str, path: Path_, message: str, rule: str, *,
           severity: Severity = "error", at_key: bool = False) -> None:
        """Report at the YAML node ``path`` of ``source`` (its value, or its key)."""
        document = self.documents.get(source)
        line, column = document.locate(path, at_key=at_key) if document else (1, 1)
        self.at(source, line, column, message, rule, severity)

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)

    def sorted(self) -> list[Diagnostic]:
        return sort_diagnostics(self.diagnostics)
