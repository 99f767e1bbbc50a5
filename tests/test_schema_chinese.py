"""The JSON Schemas speak Chinese first (issue 38): what an author's editor shows on hover is the
definition's title and the field's description, so every definition is titled in Chinese and every
description reads 「中文 — English」 (the Chinese from src/stdkit/data/schema_zh.yaml, keyed by the
English the models give).

Why: yaml-language-server showed `Line` on hover over a requirement line, and English descriptions over
the fields of a Chinese standard.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import orjson
import pytest
import yaml

from stdkit import schemas

from .conftest import ROOT

CJK = re.compile(r"[\u4e00-\u9fff]")
NAMES = sorted(schemas.schemas())


def _rendered(name: str, *, strict: bool = False) -> dict[str, Any]:
    parsed: dict[str, Any] = orjson.loads(schemas.render(name, schemas.schemas()[name], strict=strict))
    return parsed


def _descriptions(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                yield value
            else:  # a field named `description` is a schema under `properties`
                yield from _descriptions(value)
    elif isinstance(node, list):
        for item in node:
            yield from _descriptions(item)


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize("name", NAMES)
def test_every_definition_has_a_chinese_title(name: str, strict: bool) -> None:
    schema = _rendered(name, strict=strict)
    assert CJK.search(schema.get("title", "")), f"{name}: the top level's title {schema.get('title')!r}"
    untitled = {
        key: definition.get("title")
        for key, definition in schema.get("$defs", {}).items()
        if not CJK.search(definition.get("title", ""))
    }
    assert untitled == {}, f"{name}: definitions without a Chinese title"


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize("name", NAMES)
def test_every_description_is_chinese_first(name: str, strict: bool) -> None:
    for description in _descriptions(_rendered(name, strict=strict)):
        chinese = description.split(schemas.DASH, 1)[0]
        assert CJK.search(chinese), f"{name}: no Chinese before the English: {description!r}"


def test_a_requirement_line_is_titled_in_chinese_in_both_its_forms() -> None:
    line = _rendered("occupational-standard.schema.json")["$defs"]["Line"]
    assert line["title"] == "要求条目（鉴定点）"
    assert [member.get("title") for member in line["anyOf"]] == [None, "要求条目（鉴定点）"]
    assert line["anyOf"][0]["description"] == "这一行本身（重要程度 X） — The line itself (重要程度 X)."


def test_every_translation_is_of_a_description_a_model_gives() -> None:
    """A row whose English no model gives any more is stale: the Chinese of a changed description would
    silently stay behind, so the test asks for both to change together."""
    rows = yaml.safe_load((ROOT / "src" / "stdkit" / "data" / "schema_zh.yaml").read_text(encoding="utf-8"))
    english = [row["en"] for row in rows]
    assert len(english) == len(set(english)), "a description translated twice"
    given = {
        text
        for name, model in schemas.schemas().items()
        for text in _descriptions(model.model_json_schema())  # as the models give them, in English
    }
    assert sorted(set(english) - given) == [], "rows of schema_zh.yaml no model gives: remove or update them"
    assert sorted(given - set(english)) == [], "descriptions without their Chinese in schema_zh.yaml"
    assert all(CJK.search(row["zh"]) for row in rows)


def test_a_description_without_chinese_would_show_its_english_alone() -> None:
    assert schemas.bilingual("Some new field.") == "Some new field."  # …and the test above fails
    assert schemas.bilingual("鉴定场所设备.") == "鉴定场所设备"  # Chinese already: not said twice
