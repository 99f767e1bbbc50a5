"""The schemas a built site publishes for exam systems: at site/schema/<version>/, named by the index,
lenient for what a later minor version adds; stdkit's own files also meet the strict variant.
"""

from __future__ import annotations

import io
import os
import posixpath
import shutil
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import orjson
import pytest
from jsonschema import Draft202012Validator

from stdkit import schemas
from stdkit.blueprint import ROOT as BLUEPRINTS
from stdkit.cli import main
from stdkit.interchange import case
from stdkit.model.blueprint import SCHEMA_VERSION
from stdkit.publish import INDEX, is_pointer

from .conftest import ROOT, STANDARDS

#: The index's key of each consumer schema.
KEYS = {
    "blueprint": "blueprint.schema.json",
    "index": "blueprint-index.schema.json",
    "latest": "blueprint-latest.schema.json",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The samples built once (pages and all) with `stdkit build`."""
    root = tmp_path_factory.mktemp("published")
    shutil.copytree(STANDARDS, root / "standards")
    before = Path.cwd()
    os.chdir(root)
    try:
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()) as err:
            status = main(["build", "--lang", "en"])
    finally:
        os.chdir(before)
    assert status == 0, err.getvalue()
    yield root / "site"


def index_of(site: Path) -> dict[str, Any]:
    index: dict[str, Any] = orjson.loads((site / BLUEPRINTS / INDEX).read_bytes())
    return index


def published(site: Path, key: str) -> Draft202012Validator:
    """The validator of the schema the index names under ``key``, read from the site."""
    url = posixpath.normpath(posixpath.join(BLUEPRINTS, index_of(site)["schemas"][key]))
    return Draft202012Validator(orjson.loads((site / url).read_bytes()))


def strict(key: str) -> Draft202012Validator:
    return Draft202012Validator(schemas.loaded(KEYS[key], strict=True))


def files_by_key(site: Path) -> dict[str, list[Path]]:
    """Every blueprint, pointer and the index of the site, by the index's key of its schema."""
    found: dict[str, list[Path]] = {key: [] for key in KEYS}
    for path in sorted((site / BLUEPRINTS).rglob("*.json")):
        relative = path.relative_to(site / BLUEPRINTS).as_posix()
        if path.name == case.FILE_NAME:
            continue
        key = "index" if relative == INDEX else "latest" if is_pointer(relative) else "blueprint"
        found[key].append(path)
    return found


def test_the_site_publishes_every_schema_of_this_version(site: Path) -> None:
    folder = site / "schema" / SCHEMA_VERSION
    assert sorted(p.name for p in folder.iterdir()) == sorted(schemas.schemas())
    for name in schemas.schemas():
        assert (folder / name).read_bytes() == (ROOT / "schema" / name).read_bytes(), name
    assert sorted(p.name for p in (site / "schema").iterdir()) == [SCHEMA_VERSION]


def test_the_index_names_the_published_schemas(site: Path) -> None:
    index = index_of(site)
    assert index["schema_version"] == SCHEMA_VERSION
    assert index["schemas"] == {key: f"../schema/{SCHEMA_VERSION}/{name}" for key, name in KEYS.items()}


def test_every_published_file_meets_its_published_schema_and_the_strict_variant(site: Path) -> None:
    found = files_by_key(site)
    assert len(found["index"]) == 1 and found["latest"] and found["blueprint"]
    for key, paths in found.items():
        checks = (published(site, key), strict(key))
        for path in paths:
            data = orjson.loads(path.read_bytes())
            for check in checks:
                assert not list(check.iter_errors(data)), path


def _with_later_fields(key: str, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` as a later minor version might write it: a newer minor, a new field, and one nested
    (a pointer names its document by reference: it has no nested object to extend)."""
    later = {**data, "schema_version": "2.7", "retake_until": "2031-12-31"}
    if key == "blueprint":
        later["document"] = {**data["document"], "translations": 1}
    if key == "index":
        later["blueprints"] = [{**row, "translations": 1} for row in data["blueprints"]]
    return later


@pytest.mark.parametrize("key", list(KEYS))
def test_fields_of_a_later_minor_version_meet_the_published_schema_not_the_strict_one(
    site: Path, key: str
) -> None:
    data = _with_later_fields(key, orjson.loads(files_by_key(site)[key][0].read_bytes()))
    assert not list(published(site, key).iter_errors(data))
    refused = sorted(error.message for error in strict(key).iter_errors(data))
    expected = ["'retake_until' was unexpected", f"'{SCHEMA_VERSION}' was expected"]
    if key != "latest":
        expected.append("'translations' was unexpected")
    assert all(any(part in message for message in refused) for part in expected), refused


@pytest.mark.parametrize("version", ["3.0", "20.1", "2", "1.0", "2.x"])
@pytest.mark.parametrize("key", list(KEYS))
def test_another_major_version_fails_the_published_schema(site: Path, key: str, version: str) -> None:
    data = {**orjson.loads(files_by_key(site)[key][0].read_bytes()), "schema_version": version}
    assert list(published(site, key).iter_errors(data)), f"{key} with schema_version {version}"


def test_the_authoring_schemas_stay_strict() -> None:
    for name in schemas.schemas():
        if name not in schemas.CONSUMER:
            assert schemas.render(name, schemas.schemas()[name]) == schemas.render(
                name, schemas.schemas()[name], strict=True
            )
            assert b'"additionalProperties": false' in schemas.render(name, schemas.schemas()[name])
