"""JSON Schemas (draft 2020-12) generated from the models, for editors and exam systems.

``schema/`` in the repository is the committed output of :func:`write`; a test fails when the
files and the models disagree. The schemas are rendered deterministically (sorted keys).
"""

from __future__ import annotations

from pathlib import Path

import orjson
from pydantic import BaseModel

from stdkit.model import MODELS

DRAFT = "https://json-schema.org/draft/2020-12/schema"
BASE_ID = "https://stdkit.invalid/schema/"  # a stable identifier, never fetched


def schemas() -> dict[str, type[BaseModel]]:
    """File name → model of every published schema."""
    from stdkit.model.blueprint import Blueprint, Index

    found: dict[str, type[BaseModel]] = {f"{kind}.schema.json": model for kind, model in MODELS.items()}
    found["blueprint.schema.json"] = Blueprint
    found["blueprint-index.schema.json"] = Index
    return found


def render(name: str, model: type[BaseModel]) -> bytes:
    schema = model.model_json_schema()
    schema = {"$schema": DRAFT, "$id": BASE_ID + name, **schema}
    return orjson.dumps(schema, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


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


def stale(folder: Path) -> list[str]:
    """Names of schema files in ``folder`` that are missing or differ from the models."""
    return [
        name
        for name, model in schemas().items()
        if not (folder / name).exists() or (folder / name).read_bytes() != render(name, model)
    ]
