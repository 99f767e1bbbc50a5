"""The message catalogue: every diagnostic exists in Chinese and in English, from one place per rule.

The authors are Chinese and not programmers, so Chinese is the default; English stays exactly as it
was (the English goldens are unchanged). Every family is covered, overlap and references included.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from stdkit import checks
from stdkit.diagnostics import RULES, Rule
from stdkit.run import pipeline

from .conftest import ROOT

checks.declare_every_rule()  # every family's rules in RULES before a test reads it
BAD = sorted((ROOT / "tests" / "corpus" / "bad").glob("*.yaml"))
#: Families converted after another engineer's rewrite lands.
LATER: tuple[str, ...] = ()  # rule families not yet worded in Chinese: none
CJK = re.compile(r"[\u4e00-\u9fff]")
#: A run of at least three English words: a sentence fragment that must not leak into Chinese.
ENGLISH_RUN = re.compile(r"[A-Za-z]+(?:[ ,'-]+[A-Za-z]+){2,}")
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
#: Code the English quotes (`stdkit new KIND ID`, `until: YYYY-MM-DD`) is the same in Chinese.
CODE = re.compile(r"`[^`]*`")


def catalogued() -> list[Rule]:
    return [r for code, r in sorted(RULES.items()) if not LATER or not code.startswith(LATER)]


def variants(detail: str | Mapping[str, str]) -> dict[str, str]:
    return {"": detail} if isinstance(detail, str) else dict(detail)


def placeholders(template: str) -> set[str]:
    """The values a template is filled with; a Chinese template may use ``name_zh`` for ``name``."""
    names = {field for _, field, _, _ in string.Formatter().parse(template) if field}
    return {name.removesuffix("_zh") for name in names}


def literals(template: str) -> list[str]:
    return [text for text, _, _, _ in string.Formatter().parse(template) if text]


@pytest.mark.parametrize("rule", catalogued(), ids=lambda r: r.code)
def test_every_rule_has_chinese_wording(rule: Rule) -> None:
    assert rule.zh is not None, f"{rule.code} has no Chinese wording"
    assert CJK.search(rule.zh.summary), rule.code
    assert CJK.search(rule.zh.fix), rule.code


@pytest.mark.parametrize("rule", [r for r in catalogued() if r.detail], ids=lambda r: r.code)
def test_chinese_detail_uses_the_same_values(rule: Rule) -> None:
    assert rule.zh is not None
    english, chinese = variants(rule.detail), variants(rule.zh.detail)
    assert english.keys() == chinese.keys(), f"{rule.code}: variants differ"
    for name, template in english.items():
        assert placeholders(chinese[name]) == placeholders(template), f"{rule.code} variant {name!r}"
        worded = any(ENGLISH_WORD.search(text) for text in literals(template))
        assert CJK.search(chinese[name]) or not worded, f"{rule.code} {name!r} is not Chinese"


def _validate(cli: Callable[..., tuple[int, str, str]], lang: str) -> list[dict[str, object]]:
    status, out, _ = cli("validate", "--lang", lang, "--format", "json", *BAD)
    assert status == 1
    data = json.loads(out)
    found: list[dict[str, object]] = data["diagnostics"] if isinstance(data, dict) else data
    return found


def test_corpus_speaks_chinese(cli: Callable[..., tuple[int, str, str]]) -> None:
    """Every finding of the bad-input corpus in Chinese: CJK text, and no English sentence of its rule."""
    chinese, english = _validate(cli, "zh"), _validate(cli, "en")
    assert len(chinese) == len(english) > 100
    for zh, en in zip(chinese, english, strict=True):
        assert (zh["path"], zh["line"], zh["col"], zh["code"]) == (
            en["path"],
            en["line"],
            en["col"],
            en["code"],
        )
        where = f"{zh['path']}:{zh['line']}:{zh['col']} {zh['code']}"
        message = str(zh["message"])
        assert CJK.search(message), f"{where}: no Chinese in {message!r}"
        assert message != en["message"], where
        rule = RULES[str(zh["code"])]
        english_words = [rule.fix, *(t for d in variants(rule.detail).values() for t in literals(d))]
        for text in english_words:
            for run in ENGLISH_RUN.findall(CODE.sub(" ", text)):
                assert run not in message, f"{where}: English {run!r} in {message!r}"


def test_english_is_what_it_was(
    cli: Callable[..., tuple[int, str, str]], golden: Callable[[str, str], None]
) -> None:
    """``--lang en`` gives the English goldens byte for byte, whatever STDKIT_LANG says."""
    status, out, _ = cli(
        "validate", "--lang", "en", "--format", "json", BAD[0].parent / "function_without_weight.yaml"
    )
    assert status == 1
    golden("validate.json", out)


def test_chinese_is_the_default(
    cli: Callable[..., tuple[int, str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("STDKIT_LANG")
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    _, out, _ = cli("validate", BAD[0].parent / "levels_with_gap.yaml")
    assert "等级 [L5, L3] 不是由低到高连续的一段。" in out
    assert "个错误" in out


def test_unreadable_file_in_chinese(tmp_path: Path, cli: Callable[..., tuple[int, str, str]]) -> None:
    folder = tmp_path / "a.yaml"
    folder.mkdir()
    from stdkit.load import read

    diagnostic = read(folder).diagnostics[0]
    assert diagnostic.code == "YML011"
    assert CJK.search(diagnostic.text("zh"))


#: The cases of the English text golden (tests/test_validate.py), for the Chinese one beside it.
GOLDEN_CASES = (
    "weights_sum_95",
    "unknown_field_typo",
    "tab_indentation",
    "principal_without_L1",
    "duplicate_skill_line",
)


def test_chinese_text_golden(
    cli: Callable[..., tuple[int, str, str]], golden: Callable[[str, str], None]
) -> None:
    status, out, _ = cli(
        "validate", "--lang", "zh", *[BAD[0].parent / f"{name}.yaml" for name in GOLDEN_CASES]
    )
    assert status == 1
    golden("validate.zh.txt", out)


def test_chinese_json_golden(
    cli: Callable[..., tuple[int, str, str]], golden: Callable[[str, str], None]
) -> None:
    status, out, _ = cli(
        "validate", "--lang", "zh", "--format", "json", BAD[0].parent / "function_without_weight.yaml"
    )
    assert status == 1
    golden("validate.zh.json", out)


def test_english_text_is_what_it_was(
    cli: Callable[..., tuple[int, str, str]], golden: Callable[[str, str], None]
) -> None:
    status, out, _ = cli(
        "validate", "--lang", "en", *[BAD[0].parent / f"{name}.yaml" for name in GOLDEN_CASES]
    )
    assert status == 1
    golden("validate.txt", out)


def test_skip_note_in_chinese(cli: Callable[..., tuple[int, str, str]], in_dir: Path) -> None:
    (in_dir / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    _, _, err = cli("validate", "--lang", "zh", "mkdocs.yml")
    assert err == "stdkit：提示：已跳过 mkdocs.yml：不是 stdkit 文档（这是其他工具的配置文件）\n"
    _, _, err = cli("validate", "--lang", "en", "mkdocs.yml")
    assert (
        err == "stdkit: note: skipped mkdocs.yml: not a stdkit document (the configuration of another tool)\n"
    )


def test_site_check_page_is_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    """The site's 检查报告 is read by the authors: Chinese whatever the build's language."""
    from stdkit.config import Config
    from stdkit.site import pages
    from stdkit.site.html import text

    case = ROOT / "tests" / "collections" / "formats"
    monkeypatch.chdir(case)
    report = pipeline.check([Path()], Config.default(case))
    finding = next(d for d in report.diagnostics if d.code == "CAT601")
    page = str(pages.render(report).pages["check.md"])
    assert finding.text("zh") and finding.text("zh") != finding.message
    assert text(finding.text("zh")) in page
    assert text(finding.message) not in page
