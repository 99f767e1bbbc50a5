"""JSON Schemas (draft 2020-12) generated from the models, for editors and exam systems.

``schema/`` in the repository is the committed output of :func:`write`; a test fails when the
files and the models disagree, and another (tests/test_schema_versions.py) when they change without
a bump of :data:`SCHEMA_VERSION`. The schemas are rendered deterministically (sorted keys).
``stdkit build`` publishes the same bytes at ``site/schema/<version>/`` (:func:`publish`).

Two variants of the consumer schemas (:data:`CONSUMER`): the published one is lenient, because an
exam system that validates with the schemas of 2.0 must accept a file of 2.1 (a minor bump adds
optional fields): objects stay open and ``schema_version`` is any minor of the major. The strict one
(``strict=True``, never written to disk) closes every object and pins the version: stdkit's own
outputs must meet it. The authoring schemas are strict only: an author needs the unknown-key error.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel

from stdkit.model import MODELS
from stdkit.model.blueprint import SCHEMA_VERSION
from stdkit.model.common import FINAL, UNDATED, Header

DRAFT = "https://json-schema.org/draft/2020-12/schema"
BASE_ID = "https://stdkit.invalid/schema/"  # a stable identifier, never fetched
#: The site's folder of published schemas: ``<SITE_FOLDER>/<version>/<name>``.
SITE_FOLDER = "schema"
#: The schemas of what exam systems download; published lenient (see the module's docstring).
CONSUMER = frozenset({"blueprint.schema.json", "blueprint-index.schema.json", "blueprint-latest.schema.json"})


def schemas() -> dict[str, type[BaseModel]]:
    """File name → model of every published schema."""
    from stdkit.model.blueprint import Blueprint, Index, LatestPointer
    from stdkit.model.crosswalk import CrosswalkFile
    from stdkit.model.feed import Change, ChangesIndex
    from stdkit.model.lineage import Lineage

    found: dict[str, type[BaseModel]] = {f"{kind}.schema.json": model for kind, model in MODELS.items()}
    found["blueprint.schema.json"] = Blueprint
    found["blueprint-index.schema.json"] = Index
    found["blueprint-latest.schema.json"] = LatestPointer
    found["crosswalk.schema.json"] = CrosswalkFile
    found["lineage.schema.json"] = Lineage
    found["changes-index.schema.json"] = ChangesIndex
    found["change.schema.json"] = Change
    return found


def render(name: str, model: type[BaseModel], *, strict: bool = False) -> bytes:
    """The schema as published, or with ``strict`` the strict variant of a consumer schema."""
    schema = _chinese_titles(model.model_json_schema())
    if isinstance(model, type) and issubclass(model, Header):
        schema = _final_requires(schema, model)
    if name in CONSUMER and not strict:
        schema = _lenient(schema)
    schema = {"$schema": DRAFT, "$id": f"{BASE_ID}{SCHEMA_VERSION}/{name}", **schema}
    return orjson.dumps(schema, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


def _final_requires(schema: dict[str, Any], model: type[Header]) -> dict[str, Any]:
    """What a draft may leave out, an approved document must give: ``if status is final then required``.

    The model accepts a draft's gaps (so every gap is one finding in one run, DRF701/702); the editor's
    schema keeps asking for them once the status is approved, published, superseded or withdrawn."""
    final = sorted(str(status) for status in FINAL)
    then: dict[str, Any] = {"required": list(model.final_required())}
    if "edition" in schema.get("properties", {}):
        then["properties"] = {"edition": {"not": {"const": UNDATED}}}
    for path, names in model.final_parts().items():  # nested parts a draft may leave out too
        node = then
        for part in path:
            node = (
                node.setdefault("items", {})
                if part == "[]"
                else node.setdefault("properties", {}).setdefault(part, {})
            )
        node["required"] = list(names)
    if "occupations" in schema.get("properties", {}):  # a rule across occupations has no body of its own
        dated = {key: value for key, value in then.items() if key != "required"}
        then = {"if": {"required": ["occupations"]}, "then": dated, "else": then}
    rule = {"if": {"required": ["status"], "properties": {"status": {"enum": final}}}, "then": then}
    return {**schema, "allOf": [*schema.get("allOf", []), rule]}


def loaded(name: str, *, strict: bool = False) -> dict[str, Any]:
    """The schema ``name`` as a JSON object, for a validator."""
    parsed: dict[str, Any] = orjson.loads(render(name, schemas()[name], strict=strict))
    return parsed


def site_path(name: str) -> str:
    """Where the site publishes schema ``name``, relative to the site's root."""
    return f"{SITE_FOLDER}/{SCHEMA_VERSION}/{name}"


def _lenient(schema: dict[str, Any]) -> dict[str, Any]:
    """Accept what a later minor version may add: open objects, ``schema_version`` any minor of this major."""
    major = SCHEMA_VERSION.split(".")[0]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("additionalProperties") is False:
                del node["additionalProperties"]
            version = node.get("properties", {}).get("schema_version")
            if isinstance(version, dict) and "const" in version:
                del version["const"]
                version["pattern"] = rf"^{major}\.[0-9]+$"
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(schema)
    return schema


_CJK = re.compile(r"[\u3400-\u9fff（）/]+")
#: Definitions whose docstring does not open with their Chinese name, or that have none.
_TITLES = {
    "Level": "等级",
    "Method": "鉴定方式",
    "Exam": "考试",
    "Section": "组成",
    "OccupationRef": "职业",
    "BankGuideline": "题库要求",
}


def _chinese_titles(schema: dict[str, Any]) -> dict[str, Any]:
    """Give every shared definition (enum or nested object) the Chinese title an editor shows on hover.

    pydantic titles a definition with its class name (``TalentType``), and editors show that title
    instead of the field's. The title is the first Chinese term of the class docstring (``人才类型``),
    else the title of the first field that refers to the definition directly, else left as it is.
    """
    definitions: dict[str, Any] = schema.get("$defs", {})
    from_fields: dict[str, str] = {}

    def direct_refs(node: dict[str, Any]) -> list[str]:
        candidates = [node, node.get("items", {}), *node.get("anyOf", [])]
        return [c["$ref"].rsplit("/", 1)[1] for c in candidates if isinstance(c, dict) and "$ref" in c]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            title = node.get("title")
            if isinstance(title, str) and _CJK.search(title):
                for name in direct_refs(node):
                    from_fields.setdefault(name, title)
            for key in sorted(node):
                walk(node[key])
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(schema)
    for name, definition in definitions.items():
        if definition.get("title") != name:
            continue
        found = _CJK.search(definition.get("description", ""))
        title = _TITLES.get(name) or (found.group(0) if found else from_fields.get(name))
        if title:
            definition["title"] = title
    return schema


def write(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; returns the files that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed: list[Path] = []
    for name, model in schemas().items():
        target = folder / name
        content = render(name, model)
        if not target.exists() or target.read_bytes() != content:
            target.write_bytes(content)
            changed.append(target)
    return changed


def publish(site: Path) -> list[str]:
    """Write every schema at its :func:`site_path` below ``site``; returns those paths."""
    written = []
    for name, model in schemas().items():
        path = site / site_path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render(name, model))
        written.append(site_path(name))
    return written


def stale(folder: Path) -> list[str]:
    """Names of schema files in ``folder`` that are missing or differ from the models."""
    return [
        name
        for name, model in schemas().items()
        if not (folder / name).exists() or (folder / name).read_bytes() != render(name, model)
    ]
