"""Diagnostics are data: what is wrong, where, and what to do about it.

Loading and checks produce :class:`Diagnostic` values; only reporters and the CLI print them.
The rule catalogue (:data:`RULES`) is the single list of codes: a code is stable, never reused,
and every check module declares its rules here through :func:`rule`.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable


class Severity(enum.IntEnum):
    """Ordered so that ``max()`` gives the worst; the names are what users type in configuration."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r}: use error, warning or info") from None


@dataclasses.dataclass(frozen=True, order=True, slots=True)
class Diagnostic:
    """One finding. Ordered by path, line, column, then code, which is the order users read them in."""

    path: str
    line: int  # 1-based
    col: int  # 1-based
    code: str  # stable, listed in RULES, never reused
    message: str  # says what to do, not only what is wrong
    severity: Severity = Severity.ERROR

    def with_severity(self, severity: Severity) -> Diagnostic:
        return dataclasses.replace(self, severity=severity)

    def render(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} [{self.severity.label}] {self.message}"


@dataclasses.dataclass(frozen=True, slots=True)
class Rule:
    """A rule of the catalogue. ``summary`` names the problem; ``fix`` says what to do.

    ``bad`` and ``good`` are YAML snippets for the rule reference (the manual and the site).
    """

    code: str
    family: str
    severity: Severity
    summary: str
    fix: str
    bad: str = ""
    good: str = ""


RULES: dict[str, Rule] = {}


def rule(
    code: str,
    family: str,
    severity: Severity,
    summary: str,
    fix: str,
    *,
    bad: str = "",
    good: str = "",
) -> Rule:
    """Declare a rule once, at import of the module that checks it."""
    if code in RULES:
        raise RuntimeError(f"rule code {code} declared twice")
    declared = Rule(code, family, severity, summary, fix, bad, good)
    RULES[code] = declared
    return declared


def worst(diagnostics: Iterable[Diagnostic]) -> Severity | None:
    return max((d.severity for d in diagnostics), default=None)


def exit_status(diagnostics: Iterable[Diagnostic]) -> int:
    """0 clean (warnings and infos allowed), 1 when any finding is an error."""
    return 1 if worst(diagnostics) is Severity.ERROR else 0
