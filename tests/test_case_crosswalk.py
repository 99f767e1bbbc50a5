"""CASE: the confirmed crosswalk 电工 2009 → 2018 as CFAssociations in one CFAssociationGrouping of the new
edition's package, and the lines 2018 deleted ending (``statusEndDate``) in the 2009 package; both still
valid against the CASE 1.1 schema."""

from __future__ import annotations

import dataclasses
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import orjson
import pytest

from stdkit import comparison, editions, publish
from stdkit.collection import Collection, Entry
from stdkit.config import Config
from stdkit.crosswalks import Relation
from stdkit.interchange import case
from stdkit.run import pipeline

from .conftest import STANDARDS
from .test_case import SCHEMA, errors

NEW, OLD = "6-31-01-03@2018", "6-31-01-03@2009"
SITE = "https://standards.example.org/std"


@pytest.fixture(scope="module")
def collection() -> Collection[Entry]:
    return pipeline.validate([STANDARDS], Config.default(STANDARDS.parent)).collection


@pytest.fixture(scope="module")
def placement(collection: Collection[Entry]) -> case.Placement:
    return dataclasses.replace(publish.placement_in(collection, include_drafts=False), site_url=SITE)


def _package(collection: Collection[Entry], placement: case.Placement, ref: str) -> dict[str, Any]:
    entry = next(e for e in collection.entries if e.ref == ref)
    standing = editions.standing(collection.entries)[ref]
    data = case.dump(entry, dataclasses.replace(placement, standing=standing))
    assert data == case.dump(entry, dataclasses.replace(placement, standing=standing))  # deterministic
    package: dict[str, Any] = orjson.loads(data)
    return package


@pytest.fixture(scope="module")
def table(placement: case.Placement) -> comparison.Comparison:
    return placement.comparisons[NEW]


def test_both_packages_validate(collection: Collection[Entry], placement: case.Placement) -> None:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(
        orjson.loads(SCHEMA.read_bytes()), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    for ref in (OLD, NEW):
        assert errors(validator, _package(collection, placement, ref)) == [], ref


def test_one_grouping_with_a_stable_identifier(
    collection: Collection[Entry], placement: case.Placement, table: comparison.Comparison
) -> None:
    package = _package(collection, placement, NEW)
    (grouping,) = package["CFDefinitions"]["CFAssociationGroupings"]
    assert grouping["identifier"] == str(uuid.uuid5(case.NAMESPACE, f"association-grouping/{OLD}>{NEW}"))
    assert grouping["description"] == table.summary
    grouped = [a for a in package["CFAssociations"] if "CFAssociationGroupingURI" in a]
    assert {a["CFAssociationGroupingURI"]["identifier"] for a in grouped} == {grouping["identifier"]}
    # the old edition's package carries none: the new one does
    assert "CFAssociationGroupings" not in _package(collection, placement, OLD)["CFDefinitions"]


def test_each_relation_becomes_its_association(
    collection: Collection[Entry], placement: case.Placement, table: comparison.Comparison
) -> None:
    package = _package(collection, placement, NEW)
    grouped = [a for a in package["CFAssociations"] if "CFAssociationGroupingURI" in a]
    counts = table.counts
    exact = counts["identical"] + counts["wording"] + counts["moved"]
    pieces = sum(len(r.news) for r in table.rows if r.relation is Relation.SPLIT) + sum(
        len(r.olds) for r in table.rows if r.relation is Relation.MERGED
    )
    assert Counter(a["associationType"] for a in grouped) == {
        "exactMatchOf": exact,
        "replacedBy": counts["revised"],
        "isPartOf": pieces,
    }
    assert pieces > counts["split"] + counts["merged"]  # a split's every new line, a merge's every old one

    def ident(ref: str, code: str) -> str:
        return str(uuid.uuid5(case.NAMESPACE, f"{ref}/{code}"))

    ends = {(a["originNodeURI"]["identifier"], a["destinationNodeURI"]["identifier"]) for a in grouped}
    split = next(r for r in table.rows if r.relation is Relation.SPLIT)
    merged = next(r for r in table.rows if r.relation is Relation.MERGED)
    revised = next(r for r in table.rows if r.relation is Relation.REVISED)
    moved = next(r for r in table.rows if r.relation is Relation.MOVED)
    (old,) = split.olds
    assert {(ident(NEW, code), ident(OLD, old[0])) for code, _ in split.news} <= ends  # new isPartOf old
    (new,) = merged.news
    assert {(ident(OLD, code), ident(NEW, new[0])) for code, _ in merged.olds} <= ends  # old isPartOf new
    assert (ident(OLD, revised.olds[0][0]), ident(NEW, revised.news[0][0])) in ends  # old replacedBy new
    assert (ident(NEW, moved.news[0][0]), ident(OLD, moved.olds[0][0])) in ends  # new exactMatchOf old
    # new and deleted lines have no association of the grouping
    touched = {i for pair in ends for i in pair}
    for row in table.rows:
        if row.relation is Relation.NEW:
            assert ident(NEW, row.news[0][0]) not in touched
        if row.relation is Relation.DELETED:
            assert ident(OLD, row.olds[0][0]) not in touched


def test_old_lines_resolve_in_the_old_package(
    collection: Collection[Entry], placement: case.Placement
) -> None:
    new = _package(collection, placement, NEW)
    old_items = {item["identifier"]: item for item in _package(collection, placement, OLD)["CFItems"]}
    new_items = {item["identifier"] for item in new["CFItems"]}
    old_package = f"{SITE}/blueprints/6-31-01-03/2009/case.json#"
    grouped = [a for a in new["CFAssociations"] if "CFAssociationGroupingURI" in a]
    for association in grouped:
        for end in (association["originNodeURI"], association["destinationNodeURI"]):
            if end["identifier"] in new_items:
                assert end["uri"].startswith(f"{SITE}/blueprints/6-31-01-03/2018/case.json#")
            else:
                assert end["identifier"] in old_items, end
                assert end["uri"] == old_package + end["identifier"]
                assert end["title"] == old_items[end["identifier"]]["fullStatement"]


def test_deleted_lines_end_on_the_old_editions_last_exam_day(
    collection: Collection[Entry], placement: case.Placement, table: comparison.Comparison
) -> None:
    old = _package(collection, placement, OLD)
    ended = {
        item["humanCodingScheme"]: item["statusEndDate"] for item in old["CFItems"] if "statusEndDate" in item
    }
    deleted = {f"{OLD}/{code}" for r in table.rows if r.relation is Relation.DELETED for code, _ in r.olds}
    assert len(deleted) == table.counts["deleted"]
    assert ended == dict.fromkeys(deleted, "2018-12-25")  # transition.old_last_exam of the crosswalk
    new = _package(collection, placement, NEW)
    assert not [item for item in new["CFItems"] if "statusEndDate" in item]


def test_no_crosswalk_no_association(tmp_path: Path) -> None:
    """A collection without a confirmed crosswalk (here: none at its root) publishes none."""
    bare = publish.placement_in(
        pipeline.validate([STANDARDS], Config.default(tmp_path)).collection, include_drafts=False
    )
    assert bare.comparisons == {}
