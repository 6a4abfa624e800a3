"""Provides diagnostics: compiler-style messages about a routine file, and their error."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    """How bad a diagnostic is: errors stop a routine from loading, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in a routine file, with its place."""

    path: Path
    """The file it is about."""
    line: int
    """1-based line."""
    col: int
    """1-based column."""
    severity: Severity
    """error or warning."""
    message: str
    """What is wrong and, where possible, what to write instead."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"


class RoutineError(Exception):
    """A routine file that cannot be used; `diagnostics` lists every problem (errors first)."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics
        """Every problem found, in file order."""

    @property
    def errors(self) -> list[Diagnostic]:
        """The errors only."""
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]
