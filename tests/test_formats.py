"""Output formats of `stdkit check`: golden files for each, SARIF against the official schema, GitHub rules.

The SARIF 2.1.0 schema is a committed copy (tests/data/README.md says which package it came from),
so the test needs no network.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import orjson
import pytest

from stdkit.collection import Collection
from stdkit.config import Config
from stdkit.diagnostics import Diagnostic, Severity
from stdkit.report import REPORTERS, github, junit, markdown, sarif
from stdkit.rules_reference import all_rules
from stdkit.run.report import Report, Suppressed

from .conftest import CliResult

CASE = Path(__file__).resolve().parent / "collections" / "formats"
SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
FORMATS = ("text", "json", "github", "sarif", "junit")
SUFFIX = {"text": "text.txt", "json": "json", "github": "github.txt", "sarif": "sarif.json", "junit": "xml"}


@pytest.fixture
def in_case(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    before = Path.cwd()
    os.chdir(CASE)
    yield CASE
    os.chdir(before)


def _validator() -> jsonschema.protocols.Validator:
    schema = orjson.loads(SCHEMA.read_bytes())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _report(*diagnostics: Diagnostic, suppressed: tuple[Suppressed, ...] = ()) -> Report:
    return Report(Collection((), Config.default(Path.cwd())), 1, tuple(sorted(diagnostics)), suppressed)


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden_output(
    fmt: str, in_case: Path, cli: Callable[..., CliResult], golden: Callable[..., None]
) -> None:
    status, out, _ = cli("check", ".", "--format", fmt)
    assert status == 1
    if fmt == "sarif":
        # the rule catalogue grows as rules are added; it is checked against RULES elsewhere, not frozen here
        data = orjson.loads(out)
        driver = data["runs"][0]["tool"]["driver"]
        driver["rules"] = f"{len(driver['rules'])} rules"
        driver["version"] = "VERSION"
        for result in data["runs"][0]["results"]:
            result["ruleIndex"] = "INDEX"
        out = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode() + "\n"
        out = out.replace(f'"{driver["rules"]}"', '"RULES"')
    golden(f"check/formats.{SUFFIX[fmt]}", out)


def test_formats_are_registered() -> None:
    assert set(FORMATS) <= set(REPORTERS)


def test_sarif_is_valid_against_the_official_schema(in_case: Path, cli: Callable[..., CliResult]) -> None:
    _, out, _ = cli("check", ".", "--format", "sarif")
    data = orjson.loads(out)
    _validator().validate(data)
    run = data["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    by_rule = {result["ruleId"]: result for result in run["results"]}
    assert [rule["id"] for rule in rules] == [rule.code for rule in all_rules()]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not location["artifactLocation"]["uri"].startswith("/")
    assert by_rule["CAT601"]["level"] == "error"
    assert by_rule["CAT607"]["level"] == "note"
    assert by_rule["CAT605"]["suppressions"] == [
        {"kind": "inSource", "justification": "the printed standard carries the 2015 code"}
    ]
    assert by_rule["CAT601"]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 9,
        "startColumn": 9,
    }


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d.pop("version"),
        lambda d: d["runs"][0]["results"][0].update(level="fatal"),
        lambda d: d["runs"][0]["tool"]["driver"].pop("name"),
        lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"].update(
            startLine=0
        ),
    ],
)
def test_broken_sarif_is_rejected(breakage: Callable[[dict[str, Any]], object]) -> None:
    report = _report(Diagnostic("a.yaml", 3, 5, "CAT601", "fix it", Severity.ERROR))
    data = orjson.loads(sarif(report))
    _validator().validate(data)
    breakage(data)
    with pytest.raises(jsonschema.ValidationError):
        _validator().validate(data)


def test_github_puts_errors_first_and_escapes() -> None:
    report = _report(
        Diagnostic("a.yaml", 1, 1, "CAT607", "note", Severity.INFO),
        Diagnostic("a.yaml", 2, 1, "OVL702", "warn", Severity.WARNING),
        Diagnostic("z,1:x.yaml", 9, 3, "CAT601", "100% wrong\nsecond line\r", Severity.ERROR),
    )
    lines = github(report).splitlines()
    assert lines[0] == "::error file=z%2C1%3Ax.yaml,line=9,col=3,title=CAT601::100%25 wrong%0Asecond line%0D"
    assert lines[1].startswith("::warning file=a.yaml,line=2,col=1,title=OVL702::")
    assert lines[2].startswith("::notice file=a.yaml,line=1,col=1,title=CAT607::")


def test_github_appends_a_complete_summary(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    findings = [Diagnostic("a.yaml", n, 1, "OVL702", f"warning {n}", Severity.WARNING) for n in range(1, 31)]
    hidden = Diagnostic("b.yaml", 4, 2, "CAT605", "old code | pipe", Severity.WARNING)
    report = _report(*findings, suppressed=(Suppressed(hidden, "printed with the 2015 code"),))
    github(report)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n")
    assert text.count("| warning | `a.yaml:") == 30  # all of them, although GitHub annotates only 10
    assert "| `b.yaml:4:2` | CAT605 | printed with the 2015 code | old code \\| pipe |" in text
    assert markdown(report) in text


def test_junit_is_well_formed_and_counts_failures() -> None:
    report = _report(
        Diagnostic("a.yaml", 1, 1, "CAT601", '<&> "quoted" ]]>', Severity.ERROR),
        Diagnostic("a.yaml", 2, 1, "OVL702", "warn", Severity.WARNING),
        Diagnostic("b.yaml", 2, 1, "REF803", "err", Severity.ERROR),
    )
    root = ET.fromstring(junit(report).encode())
    assert root.tag == "testsuites"
    assert root.get("failures") == "2"
    suites = {suite.get("name"): suite for suite in root}
    assert set(suites) == {"a.yaml", "b.yaml"}
    cases = {case.get("name"): case for case in suites["a.yaml"]}
    assert set(cases) == {"catalogue", "overlap"}
    failure = cases["catalogue"].find("failure")
    assert failure is not None and '<&> "quoted" ]]>' in (failure.text or "")
    assert cases["overlap"].find("failure") is None


def test_outputs_are_deterministic(in_case: Path, cli: Callable[..., CliResult]) -> None:
    for fmt in FORMATS:
        assert cli("check", ".", "--format", fmt) == cli("check", ".", "--format", fmt)


def test_suppressed_findings_show_their_reason(in_case: Path, cli: Callable[..., CliResult]) -> None:
    _, text, _ = cli("check", ".", "--format", "text")
    assert "suppressed: e.yaml:10:9: CAT605 [warning]" in text
    assert text.rstrip().endswith("(1 suppressed)")
    _, out, _ = cli("check", ".", "--format", "json")
    suppressed = orjson.loads(out)["suppressed"]
    assert [(s["code"], s["reason"]) for s in suppressed] == [
        ("CAT605", "the printed standard carries the 2015 code")
    ]


def test_github_is_the_default_under_actions(
    monkeypatch: pytest.MonkeyPatch, in_case: Path, cli: Callable[..., CliResult]
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, out, _ = cli("check", ".")
    assert out.startswith("::error file=a.yaml,line=9,col=9,title=CAT601::")


def test_chinese_text_golden(
    in_case: Path, cli: Callable[..., CliResult], golden: Callable[..., None]
) -> None:
    """The check output in Chinese, summary line included: the same findings, in the authors' words."""
    status, out, _ = cli("check", ".", "--format", "text", "--lang", "zh")
    assert status == 1
    assert out.splitlines()[-1].startswith(tuple(f"{n} 个错误，" for n in range(1, 10)))
    golden("check/formats.zh.txt", out)


def test_sarif_rule_texts_follow_the_language(in_case: Path, cli: Callable[..., CliResult]) -> None:
    texts = {}
    for lang in ("zh", "en"):
        _, out, _ = cli("check", ".", "--format", "sarif", "--lang", lang)
        data = orjson.loads(out)
        _validator().validate(data)
        rules = {rule["id"]: rule for rule in data["runs"][0]["tool"]["driver"]["rules"]}
        texts[lang] = rules["CAT601"]
        message = {r["ruleId"]: r["message"]["text"] for r in data["runs"][0]["results"]}["CAT601"]
        assert ("请加入" in message) if lang == "zh" else ("请" not in message and "Add" in message)
    declared = next(rule for rule in all_rules() if rule.code == "CAT601")
    assert declared.zh is not None
    assert texts["zh"]["shortDescription"]["text"] == declared.zh.summary
    assert texts["zh"]["help"]["text"] == declared.zh.fix
    assert texts["zh"]["fullDescription"]["text"] == f"{declared.zh.summary}{declared.zh.fix}"
    assert texts["en"]["shortDescription"]["text"] == declared.summary
    assert texts["en"]["fullDescription"]["text"] == f"{declared.summary} {declared.fix}"


def test_junit_and_markdown_in_chinese() -> None:
    report = _report(Diagnostic("a.yaml", 3, 5, "CAT601", "请说明衔接关系。", Severity.ERROR))
    failure = ET.fromstring(junit(report, lang="zh")).find(".//failure")
    assert failure is not None
    assert failure.get("message") == "1 个错误：CAT601"
    assert ET.fromstring(junit(report)).find(".//failure").get("message") == "1 error(s): CAT601"  # type: ignore[union-attr]  # the report has a failure
    text = markdown(report, lang="zh")
    assert "1 个错误，0 个警告，共 1 个文件" in text
    assert "| 严重程度 | 位置 | 规则 | 说明 |" in text


def test_one_check_writes_every_format_asked_for(
    in_case: Path, cli: Callable[..., CliResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--output FORMAT=FILE` (what the written workflow does: annotations on stdout, the text report and
    SARIF in files): each file holds what `--format FORMAT` alone prints, from a single check of the
    collection, and the exit status is the check's."""
    from stdkit.run import pipeline

    alone = {fmt: cli("check", ".", "--format", fmt) for fmt in FORMATS}
    runs: list[object] = []
    real = pipeline.check

    def counted(*args: Any, **kwargs: Any) -> Any:
        runs.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "check", counted)
    monkeypatch.setenv("FORCE_COLOR", "1")  # colours a terminal's text report, never a file
    files = {fmt: tmp_path / "reports" / f"stdkit.{SUFFIX[fmt]}" for fmt in FORMATS if fmt != "github"}
    wanted = [f"--output={fmt}={file}" for fmt, file in files.items()]
    status, out, _ = cli("check", ".", "--format", "github", *wanted)
    assert len(runs) == 1
    assert (status, out) == alone["github"][:2] == (1, alone["github"][1])
    for fmt, file in files.items():  # `alone` ran without FORCE_COLOR: its text report has no colour either
        assert file.read_text(encoding="utf-8") == alone[fmt][1], fmt


def test_validate_writes_other_formats_too(
    in_case: Path, cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    status, out, _ = cli("validate", ".", "--format", "text", "--output", f"sarif={tmp_path / 'v.sarif'}")
    assert (status, out) == cli("validate", ".", "--format", "text")[:2]
    assert (tmp_path / "v.sarif").read_text(encoding="utf-8") == cli("validate", ".", "--format", "sarif")[1]


@pytest.mark.parametrize("value", ["sarif", "pdf=out.pdf", "sarif=", "=out.sarif"])
def test_a_malformed_output_is_a_usage_error(
    in_case: Path, cli: Callable[..., CliResult], value: str
) -> None:
    status, out, err = cli("check", ".", "--output", value)
    assert (status, out) == (2, "")
    assert "--output" in err and "FORMAT=FILE" in err


def test_an_output_that_cannot_be_written_is_named(
    in_case: Path, cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    """The report on stdout is whole; the file that could not be written is named, exit 2 (not a pass)."""
    (tmp_path / "taken").write_text("a file, not a folder", encoding="utf-8")
    target = tmp_path / "taken" / "stdkit.sarif"
    status, out, err = cli("check", ".", "--format", "text", "--lang", "en", "--output", f"sarif={target}")
    assert status == 2
    assert out == cli("check", ".", "--format", "text", "--lang", "en")[1]
    assert f"cannot write {target}" in err
