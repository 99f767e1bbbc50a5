"""Reporters: a :class:`~stdkit.pipeline.Report` → text in one output format. Only these and the CLI print.

Each reporter is a function from report to string, chosen by name from :data:`REPORTERS`.
Output is deterministic: diagnostics are sorted by path, line, column and code.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import quote

import orjson

from stdkit.diagnostics import Diagnostic, Severity
from stdkit.pipeline import Report


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
    # suppressed findings stay visible, with the author's reason, so that reviewers can judge them
    lines.extend(f"suppressed: {s.diagnostic.render()} — {s.reason}" for s in report.suppressed)
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


# ------------------------------------------------------------------------------- github, sarif, junit

#: GitHub annotation commands per severity.
_GITHUB_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(report: Report) -> str:
    """GitHub Actions workflow commands, most severe first (GitHub shows only 10 errors and 10 warnings per step).

    Under Actions (``$GITHUB_STEP_SUMMARY`` set) the complete Markdown report, suppressed findings
    included, is appended to the job summary, since the annotations alone may be cut.
    """
    ordered = sorted(report.diagnostics, key=lambda d: (-d.severity, d))
    lines = []
    for d in ordered:
        properties = ",".join(
            f"{name}={_escape_property(str(value))}"
            for name, value in (("file", d.path), ("line", d.line), ("col", d.col), ("title", d.code))
        )
        lines.append(f"::{_GITHUB_COMMANDS[d.severity]} {properties}::{_escape_data(d.message)}")
    lines.append(summary(report))
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if step_summary:
        with Path(step_summary).open("a", encoding="utf-8") as handle:
            handle.write(markdown(report))
    return "\n".join(lines) + "\n"


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def markdown(report: Report) -> str:
    """The complete report as Markdown: every finding, then every suppressed one with its reason."""
    out = ["## stdkit", "", summary(report), ""]
    if report.diagnostics:
        out += ["| severity | location | rule | message |", "|---|---|---|---|"]
        out += [
            f"| {d.severity.label} | `{_cell(d.path)}:{d.line}:{d.col}` | {d.code} | {_cell(d.message)} |"
            for d in sorted(report.diagnostics, key=lambda d: (-d.severity, d))
        ]
        out.append("")
    if report.suppressed:
        out += ["### Suppressed", "", "| location | rule | reason | message |", "|---|---|---|---|"]
        out += [
            f"| `{_cell(s.diagnostic.path)}:{s.diagnostic.line}:{s.diagnostic.col}` | {s.diagnostic.code} "
            f"| {_cell(s.reason)} | {_cell(s.diagnostic.message)} |"
            for s in report.suppressed
        ]
        out.append("")
    return "\n".join(out) + "\n"


SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/stdkit/stdkit"
_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _sarif_location(d: Diagnostic) -> dict[str, object]:
    path = PurePosixPath(d.path.replace("\\", "/"))
    artifact: dict[str, object] = (
        {"uri": path.as_uri()} if path.is_absolute() else {"uri": quote(str(path)), "uriBaseId": "%SRCROOT%"}
    )
    return {
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": {"startLine": d.line, "startColumn": d.col},
        }
    }


def sarif(report: Report) -> str:
    """SARIF 2.1.0 for code-scanning tools; suppressed findings carry ``suppressions`` with the reason."""
    from stdkit import __version__
    from stdkit.rules_reference import all_rules

    rules = all_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}

    def result(d: Diagnostic, reason: str | None = None) -> dict[str, object]:
        item: dict[str, object] = {
            "ruleId": d.code,
            "level": _SARIF_LEVELS[d.severity],
            "message": {"text": d.message},
            "locations": [_sarif_location(d)],
        }
        if d.code in index:
            item["ruleIndex"] = index[d.code]
        if reason is not None:
            item["suppressions"] = [{"kind": "inSource", "justification": reason}]
        return item

    results = [result(d) for d in report.diagnostics]
    results += [result(s.diagnostic, s.reason) for s in report.suppressed]
    payload = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "stdkit",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [
                            {
                                "id": rule.code,
                                "name": rule.family,
                                "shortDescription": {"text": rule.summary},
                                "fullDescription": {"text": f"{rule.summary} {rule.fix}"},
                                "help": {"text": rule.fix},
                                "defaultConfiguration": {"level": _SARIF_LEVELS[rule.severity]},
                                "properties": {"family": rule.family},
                            }
                            for rule in rules
                        ],
                    }
                },
                "results": results,
            }
        ],
    }
    return orjson.dumps(payload, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode() + "\n"


def junit(report: Report) -> str:
    """JUnit XML: a testsuite per file, a testcase per rule family with findings; errors are failures."""
    from xml.etree import ElementTree as ET

    from stdkit.diagnostics import RULES

    by_file: dict[str, dict[str, list[Diagnostic]]] = {}
    for entry in report.collection.entries:
        by_file.setdefault(entry.path, {})
    for d in report.diagnostics:
        family = RULES[d.code].family if d.code in RULES else "other"
        by_file.setdefault(d.path, {}).setdefault(family, []).append(d)
    root = ET.Element("testsuites", name="stdkit")
    total = failures = 0
    for path in sorted(by_file):
        families = by_file[path]
        suite = ET.SubElement(root, "testsuite", name=path)
        cases = sorted(families) or ["stdkit"]
        suite_failures = 0
        for family in cases:
            case = ET.SubElement(suite, "testcase", classname=path, name=family)
            found = families.get(family, [])
            errors = [d for d in found if d.severity is Severity.ERROR]
            if errors:
                suite_failures += 1
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=f"{len(errors)} error(s): {', '.join(sorted({d.code for d in errors}))}",
                )
                failure.set("type", "error")
                failure.text = "\n".join(d.render() for d in errors)
            others = [d for d in found if d.severity is not Severity.ERROR]
            if others:
                ET.SubElement(case, "system-out").text = "\n".join(d.render() for d in others)
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(suite_failures))
        suite.set("errors", "0")
        total += len(cases)
        failures += suite_failures
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


REPORTERS: dict[str, Callable[[Report], str]] = {
    "text": text,
    "json": json,
    "github": github,
    "sarif": sarif,
    "junit": junit,
}
