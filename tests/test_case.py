"""`stdkit export case`: every sample as a 1EdTech CASE 1.1 CFPackage, validated against the official schema.

The schema is a copy of 1EdTech's JSON Schema binding (tests/data/README.md says where from), so
these tests need no network; a broken package must be rejected, or the validation proves nothing.
"""

from __future__ import annotations

import copy
import hashlib
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from jsonschema import Draft202012Validator

from stdkit import blueprint
from stdkit.collection import Entry, load_entry
from stdkit.interchange import case

from .conftest import STANDARDS, CliResult

SCHEMA = Path(__file__).resolve().parent / "data" / "case-v1p1-cfpackage-schema.json"
SAMPLES = sorted(STANDARDS.glob("*.yaml"))


@pytest.fixture(scope="module")
def validator() -> Any:
    return Draft202012Validator(
        orjson.loads(SCHEMA.read_bytes()), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def entry(path: Path) -> Entry:
    loaded, _, problems = load_entry(path)
    assert loaded is not None, problems
    return loaded


def errors(validator: Any, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_validates_and_reexports_byte_identically(path: Path, validator: Any) -> None:
    first = case.dump(entry(path))
    assert errors(validator, orjson.loads(first)) == []
    assert case.dump(entry(path)) == first


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_a_package_from_the_blueprints_a_build_made_is_the_package_made_alone(path: Path) -> None:
    """A build's worker hands the package the blueprints it published (each level built once); a level its
    document examines by both theory and skill is read from them, not built again. The bytes may not differ
    — also for levels with 综合评审 besides, and for the levels examined by one method (built again)."""
    loaded = entry(path)
    made = {key: blueprint.build(loaded, key) for key in blueprint.levels_of(loaded)}
    assert case.dump(loaded, None, made) == case.dump(loaded)


def test_a_broken_package_is_rejected(validator: Any) -> None:
    good = case.package(entry(STANDARDS / "6-31-01-03_2018.yaml"))
    broken = [copy.deepcopy(good) for _ in range(4)]
    del broken[0]["CFDocument"]["creator"]
    broken[1]["CFItems"][0]["identifier"] = "not-a-uuid"
    broken[2]["CFAssociations"][0]["associationType"] = "isParentOf"
    broken[3]["CFItems"][0]["level"] = "L3"  # no such property in CASE
    for package in broken:
        assert errors(validator, package), "the schema let a broken package through"


def test_items_carry_the_blueprints_codes() -> None:
    made = entry(STANDARDS / "6-31-01-03_2018.yaml")
    package = case.package(made)
    by_code = {item["humanCodingScheme"]: item for item in package["CFItems"]}
    points = [
        point
        for component in blueprint.build(made, "L3").components
        if hasattr(component, "sections")
        for section in component.sections
        for point in section.points
    ]
    assert points
    for point in points:
        item = by_code[point.code]
        assert item["fullStatement"] == point.text
        assert item["identifier"] == str(uuid.uuid5(case.NAMESPACE, point.code))
        assert item["extensions"] == {"importance": str(point.importance)}
        if "/L3/" in point.code:
            assert item["educationLevel"] == ["L3"]
            assert item["CFItemType"] in ("技能要求", "相关知识要求")


def test_an_item_names_its_type_once_and_repeats_nothing_the_document_says() -> None:
    package = case.package(entry(STANDARDS / "6-31-01-03_2018.yaml"))
    titles = [t["title"] for t in package["CFDefinitions"]["CFItemTypes"]]
    assert len(titles) == len(set(titles)), "a type's title must name one CFItemTypes entry"
    assert {item["CFItemType"] for item in package["CFItems"]} == set(titles)
    assert package["CFDocument"]["language"] == case.LANGUAGE
    for item in package["CFItems"]:
        # optional in CASE 1.1 and the same for every item: said once, in CFDefinitions and the CFDocument
        assert "CFItemTypeURI" not in item, item["humanCodingScheme"]
        assert "language" not in item, item["humanCodingScheme"]


def test_tree_and_lineage() -> None:
    package = case.package(entry(STANDARDS / "6-31-01-03_2018.yaml"))
    ids = {item["identifier"] for item in package["CFItems"]} | {package["CFDocument"]["identifier"]}
    children = [a for a in package["CFAssociations"] if a["associationType"] == "isChildOf"]
    assert len(children) == len(package["CFItems"]), "every item hangs in the tree once"
    assert all(a["destinationNodeURI"]["identifier"] in ids for a in children)
    replaced = [a for a in package["CFAssociations"] if a["associationType"] == "replacedBy"]
    assert [(a["originNodeURI"]["title"], a["destinationNodeURI"]["identifier"]) for a in replaced] == [
        ("6-31-01-03@2009", package["CFDocument"]["identifier"])
    ]
    old = case.package(entry(STANDARDS / "6-31-01-03_2009.yaml"))
    assert replaced[0]["originNodeURI"]["identifier"] == old["CFDocument"]["identifier"]
    assert package["CFDocument"]["lastChangeDateTime"].startswith("2018-")
    assert "ISCO-08 7411" in package["CFDocument"]["subject"]
    types = {item["humanCodingScheme"]: item["CFItemType"] for item in package["CFItems"]}
    assert (types["6-31-01-03@2018/ethics/k1"], types["6-31-01-03@2018/ethics/c1"]) == (
        "相关知识要求",
        "职业守则",
    )
    assert types["6-31-01-03@2018/L3"] == "职业等级"
    spec = case.package(entry(STANDARDS / "EV-GD-BDYW_2024.yaml"))
    related = [a for a in spec["CFAssociations"] if a["associationType"] == "isRelatedTo"]
    assert [a["destinationNodeURI"]["identifier"] for a in related] == [package["CFDocument"]["identifier"]]


def test_work_types_are_levels_of_their_own() -> None:
    package = case.package(entry(STANDARDS / "4-12-01-01_2018.yaml"))
    levels = [i["humanCodingScheme"] for i in package["CFItems"] if i["CFItemType"] == "职业等级"]
    assert "4-12-01-01@2018/001/L3" in levels
    assert "4-12-01-01@2018/L5" in levels
    functions = [
        i for i in package["CFItems"] if i["humanCodingScheme"].startswith("4-12-01-01@2018/001/L3/")
    ]
    assert functions and all(i["educationLevel"] == ["L3"] for i in functions)


def test_dates_come_from_the_document_not_the_clock() -> None:
    made = entry(STANDARDS / "6-31-01-03_2018.yaml")
    undated = made.document.model_copy(update={"issued": None, "publication": None})
    stamp = case.stamp(Entry(made.path, made.file, undated, made.source, made.sha256))
    # not 1 January of the edition's year: a date the document does not give is not invented (issue 36)
    assert stamp == "1970-01-01T00:00:00+00:00"
    package = case.package(Entry(made.path, made.file, undated, made.source, made.sha256))
    assert "2018-01-01" not in orjson.dumps(package).decode()
    assert "statusStartDate" not in package["CFDocument"]


def test_cli_export(cli: Callable[..., CliResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(STANDARDS.parent)
    status, out, _ = cli("export", "case", "6-31-01-03")
    assert status == 0
    # the package on its own, plus the rows of the confirmed crosswalk 2009 → 2018 (tests/test_case_crosswalk.py)
    exported = orjson.loads(out)
    groupings = exported["CFDefinitions"].pop("CFAssociationGroupings")
    assert [g["title"] for g in groupings] == ["新旧版本对照 6-31-01-03@2009 → 6-31-01-03@2018"]
    exported["CFAssociations"] = [
        a for a in exported["CFAssociations"] if "CFAssociationGroupingURI" not in a
    ]
    assert exported == orjson.loads(case.dump(entry(STANDARDS / "6-31-01-03_2018.yaml")))
    target = tmp_path / "ev.json"
    assert cli("export", "case", "EV-GD-BDYW@2024", "-o", target)[0] == 0
    assert target.read_bytes() == case.dump(entry(STANDARDS / "EV-GD-BDYW_2024.yaml"))
    status, _, err = cli("export", "case", "6-31-01-03@1999")
    assert status == 1
    assert "editions: 2009, 2018" in err


def test_build_publishes_a_package_per_document(tmp_path: Path) -> None:
    from stdkit.config import Config
    from stdkit.publish import INDEX, write_blueprints
    from stdkit.run import pipeline

    collection = pipeline.validate([STANDARDS], Config.default(STANDARDS.parent)).collection
    out = tmp_path / "blueprints"
    write_blueprints(collection, out, include_drafts=False)
    index = orjson.loads((out / INDEX).read_bytes())["blueprints"]
    assert index
    for row in index:
        data = (out / row["case_url"]).read_bytes()
        assert row["case_url"] == f"{row['document']['id']}/{row['document']['edition']}/case.json"
        assert hashlib.sha256(data).hexdigest() == row["case_sha256"]


@pytest.mark.parametrize(
    "code", ["", "6-31-01-03@2018", "6-31-01-03@2018/L3/1.2.3", "subject/ISCO 7411", "电工/职业道德"]
)
def test_identifier_is_the_uuid5_of_the_code(code: str) -> None:
    """The memoised, digest-built identifier is exactly the standard library's UUID v5."""
    assert case.identifier(code) == str(uuid.uuid5(case.NAMESPACE, code))
    assert case.identifier(code) == case.identifier(code)
