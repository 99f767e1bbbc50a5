"""`# stdkit: ignore CODE reason` is a YAML comment: the same words inside a value are the value's text.

A suppression found in a quoted value, a plain value or a block scalar would hide a finding the
author never meant to accept, and one it covers nothing for would be reported as unused (USE002).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from stdkit.load import parse

from .conftest import CliResult

WORDS = "# stdkit: ignore SCH101 x"


@pytest.mark.parametrize(
    "text",
    [
        f'a: "{WORDS}"\n',
        f"a: 'value {WORDS}'\n",
        f'a: "one\n  {WORDS}\n  two"\n',
        "a: value#stdkit:ignore SCH101 x\n",
        f"a: |\n  {WORDS}\n  text\nb: 1\n",
        f"a: >-\n  text\n  {WORDS}\nb: 1\n",
        f"a: &anchor |\n  {WORDS}\nb: *anchor\n",
        f'"key {WORDS}": 1\n',
        f"- [one, '{WORDS}']\n",
    ],
    ids=["double", "single", "multi-line", "plain", "literal", "folded", "anchored", "key", "flow"],
)
def test_the_words_inside_a_value_are_no_suppression(text: str) -> None:
    loaded = parse(text.encode(), "a.yaml")
    assert loaded.ok, loaded.diagnostics
    assert loaded.suppressions == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"a: value  {WORDS}\n", [(1, "x", False)]),
        (f"{WORDS}\na: 1\n", [(2, "x", True)]),
        (f"a: '{WORDS.replace('x', 'inside')}'  {WORDS}\n", [(1, "x", False)]),
        (f"a: |  {WORDS}\n  text\n", [(1, "x", False)]),
        (f"a: &anchor\n  |  {WORDS}\n  text\n", [(2, "x", False)]),
        (f"a:\n  b: |\n    text\n  {WORDS}\n  c: d\n", [(5, "x", False)]),
        (f"a: [one,  {WORDS}\n  two]\n", [(1, "x", False)]),
    ],
    ids=[
        "after-value",
        "whole-document",
        "after-quoted-words",
        "block-header",
        "block-header-below-anchor",
        "after-block",
        "inside-flow",
    ],
)
def test_a_comment_is_a_suppression(text: str, expected: list[tuple[int, str, bool]]) -> None:
    loaded = parse(text.encode(), "a.yaml")
    assert loaded.ok, loaded.diagnostics
    assert [(s.line, s.reason, s.whole_document) for s in loaded.suppressions] == expected
    assert all(s.codes == ("SCH101",) for s in loaded.suppressions)


def test_a_value_holding_the_words_is_not_an_unused_suppression(
    in_dir: Path, cli: Callable[..., CliResult]
) -> None:
    """The words in a string value neither suppress nor count as an unused suppression (USE002);
    the real comment on the duplicated skills still suppresses its CNT502."""
    good = Path(__file__).parent / "corpus" / "good" / "suppressed_with_reason.yaml"
    text = good.read_text(encoding="utf-8").replace(
        "  environment: 室内，常温。\n", f'  environment: "室内 {WORDS}"\n'
    )
    assert WORDS in text
    (in_dir / "a.yaml").write_text(text, encoding="utf-8")
    status, out, err = cli("validate", "a.yaml", "--format", "json")
    assert status == 0, err
    report = orjson.loads(out)
    assert report["diagnostics"] == []
    assert [s["code"] for s in report["suppressed"]] == ["CNT502"]
