"""The published schemas change only with their version: schema/versions.json records, for each
``schema_version``, the SHA-256 of every schema file of schema/ (the bytes `stdkit build` publishes).

Why: 1.0 went through thirteen schema revisions, one of them a removal, without its version moving, so
the version told an exam system nothing. Now a change to any schema file fails here until the version is
bumped by the rule of docs/integrators.md (minor: optional fields or new values added; major: a field
removed or renamed, a type or meaning changed) and the new version's digests are recorded with
``--update-goldens``. While a version is unreleased (2.0 now) its digests are simply re-recorded.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import get_args

import pytest

from stdkit.model.blueprint import SCHEMA_VERSION, SchemaVersion

from .conftest import ROOT

SCHEMA = ROOT / "schema"
RECORD = SCHEMA / "versions.json"
RECORD_COMMAND = "pytest tests/test_schema_versions.py --update-goldens"

Record = dict[str, dict[str, str]]  # version → schema file → sha256


def digests(folder: Path) -> dict[str, str]:
    """File name → SHA-256 of every schema file in ``folder``."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.glob("*.schema.json"))
    }


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def unrecorded(record: Record, version: str, current: dict[str, str]) -> str | None:
    """What to do when ``current`` is not what ``record`` holds for ``version``; None when it is."""
    recorded = record.get(version)
    if recorded == current:
        return None
    if recorded is None:
        problem = f"schema_version {version} has no digests in schema/versions.json."
    else:
        changed = sorted(
            name for name in recorded.keys() | current.keys() if recorded.get(name) != current.get(name)
        )
        problem = f"schema/{', schema/'.join(changed)} changed but schema_version is still {version}."
    return (
        f"{problem} Bump SCHEMA_VERSION in src/stdkit/model/blueprint.py by the rule of docs/integrators.md "
        "(minor for added optional fields or new values, major for a removed or renamed field or a changed "
        "type or meaning), add the version to the changelog there, regenerate schema/ with `stdkit schema` "
        f"and record the version with `{RECORD_COMMAND}`. Only while {version} is unreleased: re-record it "
        "with the same command."
    )


def recorded_with(record: Record, version: str, current: dict[str, str]) -> str:
    """The record's JSON with ``current`` as the digests of ``version``, versions in order."""
    updated = {**record, version: current}
    ordered = {v: dict(sorted(updated[v].items())) for v in sorted(updated, key=version_key)}
    return json.dumps(ordered, indent=2) + "\n"


def read_record() -> Record:
    record: Record = json.loads(RECORD.read_text(encoding="utf-8"))
    return record


def test_the_schemas_are_those_recorded_for_this_version(request: pytest.FixtureRequest) -> None:
    current = digests(SCHEMA)
    if request.config.getoption("--update-goldens"):
        RECORD.write_text(recorded_with(read_record(), SCHEMA_VERSION, current), encoding="utf-8")
        return
    problem = unrecorded(read_record(), SCHEMA_VERSION, current)
    assert problem is None, problem


def test_this_version_is_the_newest_recorded_and_every_field_carries_it() -> None:
    record = read_record()
    assert all(re.fullmatch(r"[0-9]+\.[0-9]+", version) for version in record)
    assert max(record, key=version_key) == SCHEMA_VERSION, "a version is never recorded ahead or moved back"
    assert get_args(SchemaVersion) == (SCHEMA_VERSION,), "SchemaVersion and SCHEMA_VERSION name one version"


@pytest.mark.parametrize("page", ["integrators.md", "en/integrators.md"])
def test_every_recorded_version_is_in_the_integrators_changelog(page: str) -> None:
    guide = (ROOT / "docs" / page).read_text(encoding="utf-8")
    changelog = guide[guide.index("### 变更记录" if "/" not in page else "### Changelog") :]
    missing = [v for v in read_record() if not re.search(rf"^\*\*{re.escape(v)}\*\*", changelog, re.M)]
    assert not missing, f"docs/{page}: no changelog entry (a line starting **X.Y**) for {missing}"


def test_a_schema_changed_without_a_bump_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "schema"
    shutil.copytree(SCHEMA, copy)
    schema = json.loads((copy / "blueprint.schema.json").read_text(encoding="utf-8"))
    schema["properties"]["exam_until"] = {"type": "string"}  # an optional field added
    (copy / "blueprint.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    problem = unrecorded(read_record(), SCHEMA_VERSION, digests(copy))
    assert problem is not None
    assert f"schema/blueprint.schema.json changed but schema_version is still {SCHEMA_VERSION}" in problem
    assert "Bump SCHEMA_VERSION" in problem and RECORD_COMMAND in problem


def test_a_bumped_version_must_be_recorded() -> None:
    problem = unrecorded(read_record(), "2.1", digests(SCHEMA))
    assert (
        problem is not None and "schema_version 2.1 has no digests" in problem and RECORD_COMMAND in problem
    )
    recorded = json.loads(recorded_with(read_record(), "2.1", digests(SCHEMA)))
    assert list(recorded) == [*read_record(), "2.1"]
    assert unrecorded(recorded, "2.1", digests(SCHEMA)) is None
