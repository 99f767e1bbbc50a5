"""Reporters: a :class:`~stdkit.checks.Report` → text in one output format. Only these and the CLI print.

Each reporter is a function from report to string, chosen by name from :data:`REPORTERS`.
Output is deterministic: diagnostics are sorted by path, line, column and code.
"""

from __future__ import annotations

from collections.abc import Callable

import orjson

from stdkit.checks import Report
from stdkit.diagnostics import Diagnostic, Severity


def summary(report: Report) -> str:
    counts = report.counts()

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    parts = [plural(counts[Severity.ERROR], "error"), plural(counts[Severity.WARNING], "warning")]
    if counts[Severity.INFO]:
        parts.append(plural(counts[Severity.INFO], "note"))
    text = f"{', '.join(parts)} in {plural(report.files, 'file')}"
    if report.suppressed:
        text += f" ({len(report.suppressed)} suppressed)"
    return text


def text(report: Report) -> str:
    lines = [diagnostic.render() for diagnostic in report.diagnostics]
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def _as_dict(diagnostic: Diagnostic) -> dict[str, object]:
    return {
        "path": diagnostic.path,
        "line": diagnostic.line,
        "col": diagnostic.col,
        "code": diagnostic.code,
        "severity": diagnostic.severity.label,
        "message": diagnostic.message,
    }


def json(report: Report) -> str:
    counts = report.counts()
    payload = {
        "version": 1,
        "files": report.files,
        "summary": {severity.label: counts[severity] for severity in Severity},
        "diagnostics": [_as_dict(d) for d in report.diagnostics],
        "suppressed": [{**_as_dict(s.diagnostic), "reason": s.reason} for s in report.suppressed],
    }
    return orjson.dumps(payload, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode() + "\n"


REPORTERS: dict[str, Callable[[Report], str]] = {"text": text, "json": json}
