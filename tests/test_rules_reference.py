"""The rule reference is generated from RULES: every code appears, with its fix and examples."""

from __future__ import annotations

from collections.abc import Callable

import orjson

from stdkit import rules_reference
from stdkit.diagnostics import RULES

from .conftest import CliResult


def test_every_rule_is_in_the_markdown() -> None:
    text = rules_reference.markdown(lang="en")
    rules = rules_reference.all_rules()
    assert [r.code for r in rules] == sorted(RULES)
    for r in rules:
        assert f"## {r.code}\n" in text
        assert f"**How to fix:** {r.fix}" in text
        if r.bad:
            assert r.bad.splitlines()[0] in text


def test_reference_is_chinese_with_english_alongside() -> None:
    text = rules_reference.markdown()
    assert text.startswith("# 规则参考 — Rule reference\n")
    assert "| 代码 | 类别 family | 默认级别 severity | 说明 | Summary |" in text
    for r in rules_reference.all_rules():
        section = text.split(f"\n## {r.code}\n", 1)[1].split("\n## ", 1)[0]
        assert r.wording("zh").summary in section
        assert r.wording("zh").fix in section
        assert r.summary in section and r.fix in section  # the English alongside
    weights = RULES["WGT401"]
    assert weights.zh is not None
    assert f"| [WGT401](#wgt401) | weights | error | {weights.zh.summary} | {weights.summary} |" in text
    assert f"**修改方法：** {weights.zh.fix}" in text


def test_collection_rules_are_documented_with_examples() -> None:
    for r in rules_reference.all_rules():
        if r.family in {"catalogue", "overlap", "references", "coverage"}:
            assert r.bad and r.good, f"{r.code} lacks a bad or good example"


def test_heading_level_is_configurable() -> None:
    assert rules_reference.markdown(lang="en").startswith("# Rule reference\n")
    assert rules_reference.markdown(heading_level=2, lang="en").startswith("## Rule reference\n")
    assert "\n### CAT601\n" in rules_reference.markdown(heading_level=2)


def test_rules_command_markdown_and_json(cli: Callable[..., CliResult]) -> None:
    status, out, _ = cli("rules")  # STDKIT_LANG=en in the tests
    assert status == 0
    assert out == rules_reference.markdown(lang="en")
    status, out, _ = cli("rules", "--lang", "zh")
    assert status == 0
    assert out == rules_reference.markdown()
    status, out, _ = cli("rules", "--format", "json")
    assert status == 0
    data = orjson.loads(out)
    assert [item["code"] for item in data] == sorted(RULES)
    assert {"code", "family", "severity", "summary", "fix", "summary_zh", "fix_zh", "bad", "good"} == set(
        data[0]
    )
    assert data[0]["summary_zh"] == RULES[data[0]["code"]].wording("zh").summary


def test_reference_cannot_drift(cli: Callable[..., CliResult]) -> None:
    # adding a rule shows up without editing the reference
    from stdkit.diagnostics import Severity, rule

    added = rule("TST999", "test", Severity.INFO, "A rule added by a test.", "Nothing to do.")
    try:
        assert "## TST999" in rules_reference.markdown()
    finally:
        del RULES[added.code]
