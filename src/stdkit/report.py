"""Reporters: a :class:`~stdkit.run.report.Report` → text in one output format. Only these and the CLI print.

Each reporter is a function from report to string, chosen by name from :data:`REPORTERS`.
Output is deterministic: diagnostics are sorted by path, line, column and code.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Protocol
from urllib.parse import quote

import orjson

from stdkit import distribution
from stdkit import markdown as gfm
from stdkit.diagnostics import Diagnostic, Rule, Severity
from stdkit.messages import say
from stdkit.run.report import Report
from stdkit.untrusted import log_line, log_lines, log_safe, printable

#: What orjson leaves raw in strings (it escapes C0 controls itself): the rest of untrusted.UNPRINTABLE.
_JSON_RAW = re.compile(r"[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def summary(report: Report, lang: str = "en", counts: Mapping[Severity, int] | None = None) -> str:
    """The closing line, in ``lang``: "1 error, 0 warnings in 1 file" or "1 个错误，0 个警告，共 1 个文件";
    ``counts``: the findings by severity when they are not all in ``report`` (:class:`TextLines`)."""
    counts = counts if counts is not None else report.counts()
    if lang == "zh":
        zh = [f"{counts[Severity.ERROR]} 个错误", f"{counts[Severity.WARNING]} 个警告"]
        if counts[Severity.INFO]:
            zh.append(f"{counts[Severity.INFO]} 条提示")
        line = f"{'，'.join(zh)}，共 {report.files} 个文件"
        if report.suppressed:
            line += f"（另有 {len(report.suppressed)} 条已按注释忽略）"
        return line

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    parts = [plural(counts[Severity.ERROR], "error"), plural(counts[Severity.WARNING], "warning")]
    if counts[Severity.INFO]:
        parts.append(plural(counts[Severity.INFO], "note"))
    text = f"{', '.join(parts)} in {plural(report.files, 'file')}"
    if report.suppressed:
        text += f" ({len(report.suppressed)} suppressed)"
    return text


#: The severity label's colour on a terminal (SGR codes): errors red and bold, warnings yellow, notes cyan.
COLOURS = {Severity.ERROR: "1;31", Severity.WARNING: "33", Severity.INFO: "36"}


def text(report: Report, lang: str = "en", colour: bool = False) -> str:
    """One line per finding, then the reference basis and the summary. With ``colour`` (a person at a
    terminal: the CLI decides) each ``[severity]`` label is coloured; nothing else changes, and author
    text is made safe before any escape code is added, so none of it can colour or move anything."""
    rendered = [diagnostic.render() for diagnostic in report.diagnostics]
    # suppressed findings stay visible, with the author's reason, so that reviewers can judge them
    label = "已按注释忽略" if lang == "zh" else "suppressed"
    rendered.extend(f"{label}: {s.diagnostic.render()} — {s.reason}" for s in report.suppressed)
    rendered.append(say("report.basis", lang, basis=report.reference_basis))
    rendered.append(summary(report, lang))
    # each line is made safe on its own: a newline inside a message becomes a visible `\n`; at national
    # scale (tens of thousands of lines) in one scan of the whole text when no line needs a change
    safe = log_lines(rendered)
    if colour:
        lines = safe.split("\n")  # log_line leaves no line break inside a line
        found = len(report.diagnostics)
        lines[:found] = [_painted(d, line) for d, line in zip(report.diagnostics, lines[:found], strict=True)]
        safe = "\n".join(lines)
    return safe + "\n"


@dataclasses.dataclass(frozen=True)
class TextLines:
    """The text report a line at a time, for an answer that keeps the lines of the findings that did not
    move since the last full run (:mod:`stdkit.run.splice`): the same bytes as :func:`text`."""

    lang: str
    colour: bool

    def finding(self, diagnostic: Diagnostic) -> str:
        """One finding's line (``diagnostic`` finished, in the stored language) as :func:`text` writes it."""
        return _finding(diagnostic.localized(self.lang), self.colour)

    def text(self, findings: Sequence[str], rest: Report, counts: Mapping[Severity, int]) -> str:
        """The whole report: ``findings`` the lines of every finding in order (each :meth:`finding`'s), then
        ``rest``'s suppressed findings and its basis, and the summary of ``counts``."""
        rest = rest.localized(self.lang)
        label = "已按注释忽略" if self.lang == "zh" else "suppressed"
        tail = [f"{label}: {s.diagnostic.render()} — {s.reason}" for s in rest.suppressed]
        tail.append(say("report.basis", self.lang, basis=rest.reference_basis))
        tail.append(summary(rest, self.lang, counts))
        return "\n".join([*findings, log_lines(tail)]) + "\n"


def _finding(diagnostic: Diagnostic, colour: bool) -> str:
    """One finding's line, as :func:`text` writes it."""
    line = log_line(diagnostic.render())
    return _painted(diagnostic, line) if colour else line


def _painted(diagnostic: Diagnostic, line: str) -> str:
    """The finding's line (already :func:`log_line`) with its severity label coloured."""
    head = log_line(f"{diagnostic.path}:{diagnostic.line}:{diagnostic.col}: {diagnostic.code} ")
    label = f"[{diagnostic.severity.label}]"
    if not line.startswith(head + label):  # never: the label follows the code
        return line
    painted = f"\x1b[{COLOURS[diagnostic.severity]}m{label}\x1b[0m"
    return head + painted + line[len(head) + len(label) :]


def _unicode(value: str) -> str:
    """``value`` as valid Unicode: a lone surrogate (from an undecodable file name) shown as ``\\udcxx``.

    JSON carries every other character exactly (escaped by orjson), so consumers get the author's text.
    """
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


def _dumps(payload: object) -> str:
    return _safe(_indented(payload)) + "\n"


def _indented(payload: object) -> str:
    return orjson.dumps(payload, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode()


def _safe(raw: str) -> str:
    # Outside strings JSON is ASCII, so these replacements only touch string contents, where `\uXXXX`
    # is the same character: the data stays exact, and the log shows no `##[`, line separator or
    # direction override (orjson escapes only C0 controls).
    raw = _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", raw)
    return raw.replace("##[", "##\\u005b")


def _as_dict(diagnostic: Diagnostic) -> dict[str, object]:
    return {
        "path": _unicode(diagnostic.path),
        "line": diagnostic.line,
        "col": diagnostic.col,
        "code": diagnostic.code,
        "severity": diagnostic.severity.label,
        "message": _unicode(diagnostic.message),
    }


def json(report: Report, lang: str = "en") -> str:
    """The report as data: the keys stay English; messages and the reference basis are in ``lang``."""
    return "".join(json_parts(report, lang))


def json_parts(report: Report, lang: str = "en") -> Iterator[str]:
    """:func:`json` in pieces, one spec's coverage at a time: at national scale the coverage is tens of
    megabytes, which the command writes as it goes instead of holding the whole text (and its copies).

    The pieces are exactly the sorted, two-space-indented document: ``coverage`` is its first key.
    """
    counts = report.counts()
    rest = {
        "version": 1,
        "files": report.files,
        "reference_basis": report.reference_basis.text(lang),
        "summary": {severity.label: counts[severity] for severity in Severity},
        "diagnostics": [_as_dict(d) for d in report.diagnostics],
        "suppressed": [{**_as_dict(s.diagnostic), "reason": _unicode(s.reason)} for s in report.suppressed],
    }
    started = False
    for spec in _coverage(report):
        # JSON strings hold no raw line break, so indenting by lines only moves the structure
        yield (
            ("," if started else '{\n  "coverage": [')
            + "\n    "
            + _safe(_indented(spec)).replace("\n", "\n    ")
        )
        started = True
    rest_lines = _safe(_indented(rest))[2:]  # without its opening "{\n"
    yield ("\n  ]" if started else '{\n  "coverage": []') + ",\n" + rest_lines + "\n"


def _coverage(report: Report) -> Iterator[dict[str, object]]:
    """衔接: each evaluation spec against its basis, level by level (see :mod:`stdkit.checks.coverage`)."""
    from stdkit.checks import coverage

    shown = set(report.documents) if report.valid_paths is not None else None
    for found in coverage.of_report(report.analyses):
        if shown is not None and found.spec.path not in shown and found.basis.path not in shown:
            continue  # a report narrowed to some documents (stdkit check FILE…) lists their coverage
        (spec,) = coverage.as_json([found])
        yield {**spec, "path": _unicode(str(spec["path"]))}


# ------------------------------------------------------------------------------- github, sarif, junit

#: GitHub annotation commands per severity.
_GITHUB_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(value: str) -> str:
    # GitHub's own escapes keep a message's line breaks; every other control character is shown
    escaped = printable(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
    return escaped.replace("##[", "##\\[")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(report: Report, lang: str = "en") -> str:
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
    lines.append(summary(report, lang))
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if step_summary:
        with Path(step_summary).open("a", encoding="utf-8") as handle:
            handle.write(markdown(report, lang))
    return "\n".join(lines) + "\n"


#: The Markdown report's headings, per language.
_MARKDOWN_HEADINGS = {
    "en": (
        "| severity | location | rule | message |",
        "### Suppressed",
        "| location | rule | reason | message |",
    ),
    "zh": ("| 严重程度 | 位置 | 规则 | 说明 |", "### 已按注释忽略", "| 位置 | 规则 | 忽略原因 | 说明 |"),
}


def markdown(report: Report, lang: str = "en") -> str:
    """The complete report as Markdown: every finding, then every suppressed one with its reason."""
    findings, suppressed, suppressed_columns = _MARKDOWN_HEADINGS.get(lang, _MARKDOWN_HEADINGS["en"])
    out = ["## stdkit", "", summary(report, lang), ""]
    if report.diagnostics:
        out += [findings, "|---|---|---|---|"]
        out += [
            f"| {d.severity.label} | {gfm.code(f'{d.path}:{d.line}:{d.col}')} | {d.code} | {gfm.text(d.message)} |"
            for d in sorted(report.diagnostics, key=lambda d: (-d.severity, d))
        ]
        out.append("")
    if report.suppressed:
        out += [suppressed, "", suppressed_columns, "|---|---|---|---|"]
        out += [
            f"| {gfm.code(f'{s.diagnostic.path}:{s.diagnostic.line}:{s.diagnostic.col}')} | {s.diagnostic.code} "
            f"| {gfm.text(s.reason)} | {gfm.text(s.diagnostic.message)} |"
            for s in report.suppressed
        ]
        out.append("")
    return "\n".join(out) + "\n"


SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = distribution.REPOSITORY
_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _sarif_location(d: Diagnostic) -> dict[str, object]:
    path = PurePosixPath(_unicode(d.path).replace("\\", "/"))
    artifact: dict[str, object] = (
        {"uri": path.as_uri()} if path.is_absolute() else {"uri": quote(str(path)), "uriBaseId": "%SRCROOT%"}
    )
    return {
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": {"startLine": d.line, "startColumn": d.col},
        }
    }


def sarif(report: Report, lang: str = "en") -> str:
    """SARIF 2.1.0 for code-scanning tools; suppressed findings carry ``suppressions`` with the reason.

    Rule descriptions are in ``lang``, like the findings of the (localized) report.
    """
    from stdkit import __version__
    from stdkit.rules_reference import all_rules

    rules = all_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}

    def result(d: Diagnostic, reason: str | None = None) -> dict[str, object]:
        item: dict[str, object] = {
            "ruleId": d.code,
            "level": _SARIF_LEVELS[d.severity],
            "message": {"text": _unicode(d.message)},
            "locations": [_sarif_location(d)],
        }
        if d.code in index:
            item["ruleIndex"] = index[d.code]
        if reason is not None:
            item["suppressions"] = [{"kind": "inSource", "justification": _unicode(reason)}]
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
                                "shortDescription": {"text": rule.wording(lang).summary},
                                "fullDescription": {"text": _full_description(rule, lang)},
                                "help": {"text": rule.wording(lang).fix},
                                "defaultConfiguration": {"level": _SARIF_LEVELS[rule.severity]},
                                "properties": {"family": rule.family},
                            }
                            for rule in rules
                        ],
                    }
                },
                "results": results,
                "properties": {"reference_basis": report.reference_basis.text(lang)},
            }
        ],
    }
    return _dumps(payload)


def _full_description(rule: Rule, lang: str) -> str:
    words = rule.wording(lang)
    return f"{words.summary}{'' if lang == 'zh' and rule.zh else ' '}{words.fix}"


def junit(report: Report, lang: str = "en") -> str:
    """JUnit XML: a testsuite per file, a testcase per rule family with findings; errors are failures.

    XML 1.0 cannot carry most control characters (and CI logs print this text), so author text is
    written :func:`printable` and its lines :func:`log_safe`.
    """
    from xml.etree import ElementTree as ET

    from stdkit.diagnostics import RULES

    by_file: dict[str, dict[str, list[Diagnostic]]] = {}
    for path in report.documents:
        by_file.setdefault(path, {})
    for d in report.diagnostics:
        family = RULES[d.code].family if d.code in RULES else "other"
        by_file.setdefault(d.path, {}).setdefault(family, []).append(d)
    root = ET.Element("testsuites", name="stdkit")
    total = failures = 0
    for path in sorted(by_file):
        families = by_file[path]
        suite = ET.SubElement(root, "testsuite", name=printable(path))
        cases = sorted(families) or ["stdkit"]
        suite_failures = 0
        for family in cases:
            case = ET.SubElement(suite, "testcase", classname=printable(path), name=family)
            found = families.get(family, [])
            errors = [d for d in found if d.severity is Severity.ERROR]
            if errors:
                suite_failures += 1
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=_failure_message(errors, lang),
                )
                failure.set("type", "error")
                failure.text = log_safe("\n".join(d.render() for d in errors))
            others = [d for d in found if d.severity is not Severity.ERROR]
            if others:
                ET.SubElement(case, "system-out").text = log_safe("\n".join(d.render() for d in others))
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(suite_failures))
        suite.set("errors", "0")
        total += len(cases)
        failures += suite_failures
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    # `[` only occurs in text and attribute values, where `&#91;` is the same character
    body = ET.tostring(root, encoding="unicode").replace("##[", "##&#91;")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _failure_message(errors: list[Diagnostic], lang: str) -> str:
    codes = sorted({d.code for d in errors})
    if lang == "zh":
        return f"{len(errors)} 个错误：{'、'.join(codes)}"
    return f"{len(errors)} error(s): {', '.join(codes)}"


class Reporter(Protocol):
    """A report (already localized) → text; ``lang`` is the language of the reporter's own words."""

    def __call__(self, report: Report, lang: str = "en") -> str: ...


def parts(name: str, report: Report, lang: str, colour: bool = False) -> Iterator[str]:
    """The report ``name`` as pieces of text to write one after another (the JSON report streams);
    ``colour`` colours the text report's severities (:func:`text`)."""
    if name == "json":
        return json_parts(report, lang)
    if name == "text":
        return iter((text(report, lang, colour),))
    return iter((REPORTERS[name](report, lang=lang),))


def analyses(name: str) -> tuple[str, ...]:
    """The analyses of collection checks the report ``name`` reads (:attr:`Report.analyses`)."""
    if name != "json":
        return ()  # without importing the rule (and the model, numpy): a kept text report needs neither
    from stdkit.checks import coverage

    return (coverage.ANALYSIS,)


REPORTERS: dict[str, Reporter] = {
    "text": text,
    "json": json,
    "github": github,
    "sarif": sarif,
    "junit": junit,
}
