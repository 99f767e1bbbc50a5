"""The editor's JSON Schemas (issue #36): what a draft may leave out — whole sections and, below them, the parts
DRF701 reports one by one — is asked for once the status is final (approved, published, superseded, withdrawn)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
import yaml
from jsonschema import Draft202012Validator

from stdkit import schemas

COLLECTIONS = Path(__file__).resolve().parent / "collections"
PARTIAL = COLLECTIONS / "drf70x_partial_transcriptions"


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads(
        orjson.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str)
    )
    return data  # dates as an editor sees them: strings


def missing(kind: str, data: dict[str, Any]) -> set[tuple[str, ...]]:
    """Where a `required` error of the schema points, with the field it asks for."""
    validator = Draft202012Validator(schemas.loaded(f"{kind}.schema.json"))
    found = set()
    for error in validator.iter_errors(data):
        for leaf in [error, *(error.context or [])]:
            if leaf.validator == "required":
                asked = str(leaf.message).split("'")[1]
                found.add((*map(str, leaf.absolute_path), asked))
    return found


MARKETING = load(COLLECTIONS / "wty90x_work_type_ends_early" / "a.yaml")
NESTED = [
    ("basics.ethics alone", lambda d: d["basics"].pop("knowledge"), ("basics", "knowledge")),
    ("职业守则 alone", lambda d: d["basics"]["ethics"].pop("knowledge"), ("basics", "ethics", "knowledge")),
    ("a 工种 without work", lambda d: d["work_types"][3].pop("work"), ("work_types", "3", "work")),
]


@pytest.mark.parametrize(("case", "cut", "asked"), NESTED, ids=[case for case, _, _ in NESTED])
def test_a_nested_part_may_be_left_out_by_a_draft_only(case: str, cut: Any, asked: tuple[str, ...]) -> None:
    data = {**MARKETING, "basics": {**MARKETING["basics"], "ethics": dict(MARKETING["basics"]["ethics"])}}
    data["work_types"] = [dict(w) for w in MARKETING["work_types"]]
    cut(data)
    assert missing("occupational-standard", {**data, "status": "draft"}) == set()
    assert asked in missing("occupational-standard", data)  # the file's status is published


def test_a_special_competency_draft_leaves_out_its_methods_and_a_units_lines() -> None:
    data = load(PARTIAL / "special.yaml")
    data["units"] = [{"name": "直播销售"}]
    assert missing("special-competency", data) == set()
    final = missing("special-competency", {**data, "status": "approved"})
    assert {("assessment", "methods"), ("units", "0", "skills"), ("units", "0", "knowledge")} <= final
