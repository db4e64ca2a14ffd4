"""Findings: what a person reads when something in a lesson needs fixing.

Every stage that judges input (loading, validation, resolution, checks) reports
`Finding`s rather than raising, so a user sees all the problems in a file at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    """error: must be fixed before a clean build. warning: should be fixed (`--strict` makes
    it an error). info: worth knowing, never fails a check (e.g. guidance wording not yet
    confirmed against the published document)."""

    error = "error"
    warning = "warning"
    info = "info"


@dataclass(frozen=True, order=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True)
class Finding:
    path: Path
    position: Position
    severity: Severity
    rule: str
    message: str
    hint: str = ""
    location: tuple[str | int, ...] = ()  # the field it is about, as a path into the lesson's data

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.error

    def format(self, *, relative_to: Path | None = None) -> str:
        """`path:line:col: severity[RULE]: message`, then the hint on its own line."""
        path = display_path(self.path, relative_to)
        where = f"{path}:{self.position.line}:{self.position.column}"
        text = f"{where}: {self.severity.value}[{self.rule}]: {self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text

    def as_dict(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "line": self.position.line,
            "column": self.position.column,
            "severity": self.severity.value,
            "rule": self.rule,
            "message": self.message,
            "hint": self.hint,
            "field": list(self.location),
        }


def display_path(path: Path, relative_to: Path | None = None) -> str:
    base = relative_to or Path.cwd()
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)


def has_errors(findings: list[Finding]) -> bool:
    return any(finding.is_error for finding in findings)


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (str(f.path), f.position, f.rule))


def promote_warnings(findings: list[Finding]) -> list[Finding]:
    """`--strict`: every warning becomes an error (information stays information)."""
    from dataclasses import replace

    return [replace(f, severity=Severity.error) if f.severity is Severity.warning else f for f in findings]
