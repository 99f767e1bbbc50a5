"""Unknown fields (SCH101) cost time in proportion to their number, and a flood of them stays readable.

11,000 unknown keys under one mapping (a 140 KB file) took 7 s or more (issue #32): each finding
looked its key up by scanning the mapping, and each compared its name with every field name of
every model. A finding now finds its key by a dictionary lookup, compares its name with the fields
of its own mapping's model, and a mapping lists its first MAX_UNKNOWN_LISTED unknown fields and then
one finding for the rest. The test counts the work instead of timing it; a generous time bound only
catches a collapse.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stdkit.load import LoadedFile, parse
from stdkit.model import bind as binding
from stdkit.model.bind import MAX_UNKNOWN_LISTED, bind

BASE = (Path(__file__).parent / "corpus" / "base_standard.yaml.in").read_text(encoding="utf-8")
MANY = 11_000


def _with_profile_keys(keys: list[str]) -> bytes:
    """The base standard with ``keys`` (each `: 1`) under `profile:`, after its one known field."""
    lines = "".join(f"  {key}: 1\n" for key in keys)
    return BASE.replace("  environment: 室内，常温。\n", f"  environment: 室内，常温。\n{lines}", 1).encode()


class _Counting(dict[Any, Any]):
    """A mapping that counts how often it is walked key by key (pydantic reads it without doing so)."""

    walks = 0

    def __iter__(self) -> Iterator[Any]:
        _Counting.walks += 1
        return super().__iter__()


def test_many_unknown_fields_are_found_without_walking_their_mapping(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = parse(_with_profile_keys([f"fld{i}" for i in range(MANY)]), "many.yaml")
    assert loaded.ok
    data = dict(loaded.data)
    data["profile"] = _Counting(data["profile"])
    compared: list[int] = []

    def suggestion(word: str, choices: list[str]) -> dict[str, str]:
        compared.append(len(choices))
        return {"suggestion": "", "suggestion_zh": ""}

    monkeypatch.setattr(binding, "_suggestion", suggestion)
    _Counting.walks = 0
    started = time.perf_counter()
    _, found = bind(LoadedFile(loaded.path, data, loaded.source, loaded.sha256, ()))
    elapsed = time.perf_counter() - started
    assert _Counting.walks <= 2  # a walk per finding made this quadratic
    assert elapsed < 5  # about 0.2 s; 7 s and more before
    # names are compared with the fields of `profile` (environment, abilities, education, notes), for those listed
    assert len(compared) == MAX_UNKNOWN_LISTED
    assert set(compared) == {4}
    assert len(found) == MAX_UNKNOWN_LISTED + 1


def test_a_flood_lists_the_first_and_one_finding_for_the_rest() -> None:
    loaded = parse(_with_profile_keys([f"fld{i}" for i in range(MANY)]), "many.yaml")
    _, found = bind(loaded)
    assert [d.code for d in found] == ["SCH101"] * (MAX_UNKNOWN_LISTED + 1)
    # each at its own key: `profile:` is line 12, `environment` line 13, the first unknown key line 14
    assert [(d.line, d.col) for d in found] == [(14 + i, 3) for i in range(MAX_UNKNOWN_LISTED + 1)]
    assert found[0].message.startswith("Unknown field `fld0`.")
    last = found[-1]
    assert last.message.startswith(
        f"Unknown field `fld{MAX_UNKNOWN_LISTED}`, and {MANY - MAX_UNKNOWN_LISTED - 1} more unknown fields "
        "after it in the same mapping (not listed one by one)."
    )
    assert f"还有 {MANY - MAX_UNKNOWN_LISTED - 1} 个未知字段" in last.text("zh")


@pytest.mark.parametrize("count", [1, MAX_UNKNOWN_LISTED, MAX_UNKNOWN_LISTED + 1])
def test_a_few_unknown_fields_are_all_listed(count: int) -> None:
    _, found = bind(parse(_with_profile_keys([f"fld{i}" for i in range(count)]), "few.yaml"))
    assert [(d.code, d.line) for d in found] == [("SCH101", 14 + i) for i in range(count)]
    assert not any("more unknown fields" in d.message for d in found)


def test_each_mapping_has_its_own_count() -> None:
    keys = [f"fld{i}" for i in range(MAX_UNKNOWN_LISTED + 5)]
    text = _with_profile_keys(keys).decode()
    text = text.replace("basics:\n", "basics:\n" + "".join(f"  {key}: 1\n" for key in keys), 1)
    _, found = bind(parse(text.encode(), "two.yaml"))
    assert len(found) == 2 * (MAX_UNKNOWN_LISTED + 1)
    assert sum("4 more unknown fields" in d.message for d in found) == 2


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("educaton: 初中", "Unknown field `educaton` (did you mean `education`?)"),  # a field of `profile`
        ("titel: 电工", "Unknown field `titel`"),  # `title` is the document's field, not the profile's
    ],
    ids=["own model", "not elsewhere"],
)
def test_suggestions_come_from_the_fields_of_the_mapping_s_own_model(field: str, message: str) -> None:
    text = BASE.replace("  environment: 室内，常温。\n", f"  environment: 室内，常温。\n  {field}\n", 1)
    _, found = bind(parse(text.encode(), "typo.yaml"))
    assert [d.message.split(". Rename")[0] for d in found] == [message]


def test_a_route_s_unknown_field_is_compared_with_the_fields_of_routes() -> None:
    spec = (Path(__file__).parent.parent / "standards" / "EV-GD-BDYW_2024.yaml").read_text(encoding="utf-8")
    assert "    rank: {top: 6}\n" in spec
    spec = spec.replace("    rank: {top: 6}\n", "    rank: {top: 6}\n    nmae: x\n", 1)
    _, found = bind(parse(spec.encode(), "route.yaml"))
    assert [d.message.split(". Rename")[0] for d in found] == ["Unknown field `nmae` (did you mean `name`?)"]
