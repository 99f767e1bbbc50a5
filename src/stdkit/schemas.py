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

Chinese first: every description reads 「中文 — English」, the Chinese from ``data/schema_zh.yaml`` keyed by
the English the models give (:func:`_bilingual`), and every definition has a Chinese title
(:func:`_chinese_titles`): that is what an author's editor shows on hover.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from pydantic import BaseModel

from stdkit.model import MODELS, Document
from stdkit.model.blueprint import SCHEMA_VERSION
from stdkit.model.common import FINAL, KIND_NAMES, STATUS_NAMES, UNDATED, Header, Kind, Status
from stdkit.untrusted import printable

if TYPE_CHECKING:
    from stdkit.reference import ReferenceData

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
    schema = _bilingual(_chinese_titles(model.model_json_schema()))
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
    "Line": "要求条目（鉴定点）",  # a string or {text, importance}: pydantic gives the union no title
}


#: The title of each published schema's top level (the model's class name otherwise).
_ROOT_TITLES = {
    "OccupationalStandard": "职业标准",
    "EvaluationSpec": "评价规范",
    "SpecialCompetency": "专项职业能力考核规范",
    "Blueprint": "考核蓝图",
    "Index": "考核蓝图索引",
    "LatestPointer": "最新版本指针",
    "CrosswalkFile": "新旧版本对照",
    "Lineage": "沿革",
    "ChangesIndex": "变更索引",
    "Change": "变更",
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
    if schema.get("title") in _ROOT_TITLES:  # the document itself: the editor's hover on its top level
        schema["title"] = _ROOT_TITLES[schema["title"]]
    for name, definition in definitions.items():
        if definition.get("title", name) != name:
            continue
        found = _CJK.search(definition.get("description", ""))
        title = _TITLES.get(name) or (found.group(0) if found else from_fields.get(name))
        if title:
            definition["title"] = title
            for member in definition.get("anyOf", []):  # Line's mapping form is titled Line too
                if member.get("title") == name:
                    member["title"] = title
    return schema


#: Between the Chinese and the English of a description.
DASH = " — "
_LATIN = re.compile(r"[A-Za-z]")


@functools.cache
def chinese() -> dict[str, str]:
    """English description → its Chinese (``data/schema_zh.yaml``)."""
    import yaml

    text = resources.files("stdkit").joinpath("data", "schema_zh.yaml").read_text(encoding="utf-8")
    rows: list[dict[str, str]] = yaml.load(text, Loader=yaml.CSafeLoader)
    return {row["en"]: row["zh"] for row in rows}


def bilingual(english: str) -> str:
    """A description as the schemas give it: 「中文 — English」, the Chinese alone where the English is
    Chinese already (no Latin letter); the English alone while it has no translation (a test fails)."""
    zh = chinese().get(english)
    if zh is None:
        return english
    return zh if not _LATIN.search(english) else f"{zh}{DASH}{english}"


def _bilingual(schema: dict[str, Any]) -> dict[str, Any]:
    """Every ``description`` of ``schema`` Chinese first (:func:`bilingual`)."""

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "description" and isinstance(value, str):
                    node[key] = bilingual(value)
                else:  # (a field named description is a schema under properties: walked)
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(schema)
    return schema


#: The collection's own schema, beside the kind schemas in its schema/ (see :func:`workspace`).
WORKSPACE = "workspace.json"
#: The schema each ``kind`` of a file the workspace schema describes is checked against.
_DISPATCH = {**{str(kind): f"{kind}.schema.json" for kind in MODELS}, "crosswalk": "crosswalk.schema.json"}
#: Any other string: a value outside the lists is the checks' to judge (a stale workspace, a 2015 code).
_ANY = {"type": "string"}


def workspace(documents: Iterable[Document], reference: ReferenceData) -> bytes:
    """The schema an editor gives a collection's documents: each file's kind schema (by its ``kind``) with
    the values that live in other files offered for completion — every edition of the collection
    (``id@edition``) under ``supersedes``, ``basis`` and a crosswalk's ``from``/``to``; the 大典's
    occupations (and the collection's pending ones, 公示中) under ``basis``, ``occupation.code``,
    ``occupations`` and ``related_occupations``; its 工种 codes under ``work_types[].code``.

    Each list is an ``enum`` with its names in ``enumDescriptions``: yaml-language-server shows the name
    beside each completion. Measured against the alternatives (BENCHMARKS.md): an ``anyOf`` of ``const`` +
    ``description`` hovers better (the field's title and the value's name) but made a completion 20×
    slower, ``defaultSnippets`` 4× (the server compares each suggestion with every other one); with the
    enum a hover lists the values, the one written there first. The root has no title, so that hovers
    keep the kind schema's field titles (依据, 职业编码). The lists suggest and never forbid (each
    ``anyOf`` ends in any string): a workspace written before a document was added, or a code of the
    2015 大典, must not be underlined in the editor when the checks accept it or say better why not.
    Author text (titles) is made :func:`~stdkit.untrusted.printable`. Written by ``stdkit schema``;
    deterministic (sorted), one value a line.
    """
    editions = [
        (f"{d.id}@{d.edition}", _described(d.title, KIND_NAMES[Kind(d.kind)], STATUS_NAMES[Status(d.status)]))
        for d in documents
    ]
    occupations = [(o.code, o.name) for o in reference.all_occupations]
    known = {code for code, _ in occupations}
    occupations += [(p.code, f"{p.name}（公示中）") for p in reference.pending if p.code not in known]
    work_types = [(w.code, f"{w.name}（{w.occupation}）") for w in reference.work_types if w.code]

    def listed(pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
        chosen = dict(sorted(pairs))  # one description a value, however often it came
        return {"enum": list(chosen), "enumDescriptions": list(chosen.values())}

    def either(*names: str) -> dict[str, Any]:
        return {"anyOf": [*({"$ref": f"#/$defs/{name}"} for name in names), _ANY]}

    schema = {
        "$schema": DRAFT,
        "$comment": "由 `stdkit schema` 按本集合写出，请勿手改；新增文档后再运行一次。"
        "Written by `stdkit schema` from this collection; run it again after adding documents.",
        "allOf": [
            {
                "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
                "then": {"$ref": target},
            }
            for kind, target in _DISPATCH.items()
        ],
        "properties": {
            "kind": {"enum": list(_DISPATCH)},
            "supersedes": either("editions"),
            "basis": either("editions", "occupations"),
            "from": either("editions"),
            "to": either("editions"),
            "occupation": {"properties": {"code": either("occupations")}},
            "occupations": {"items": either("occupations")},
            "related_occupations": {"items": either("occupations")},
            "work_types": {"items": {"properties": {"code": either("work_types")}}},
        },
        "$defs": {
            "editions": listed(editions),
            "occupations": listed(occupations),
            "work_types": listed(work_types),
        },
    }
    return orjson.dumps(schema, option=orjson.OPT_INDENT_2) + b"\n"


def _described(title: str, kind: str, status: str) -> str:
    return f"{printable(title)} · {kind} · {status}"


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
