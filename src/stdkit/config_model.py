"""The shape of ``stdkit.toml`` as a pydantic model: what names a wrong key or value (:mod:`stdkit.config`).

Apart from :mod:`stdkit.config` so that a run whose file :func:`stdkit.config.plain` reads as it is (the
common one: folders, severities, a few paths) never imports pydantic (≈ 0.1–0.3 s of every run's start,
issue 39); every other file is validated here, and this model alone says what is wrong with it. The
model decides: ``plain`` accepts only what this model accepts, with the same values (a property test,
tests/test_config.py, compares them).
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints

_Strict = ConfigDict(extra="forbid", strict=True, frozen=True)


def _empty() -> list[Any]:
    """``[]``: a list field's default; not ``list``, whose signature pydantic parses at import (≈ 1.5 ms
    each; see :func:`stdkit.model.common.empty_list`, which this layer may not import)."""
    return []


RelativePath = Annotated[str, StringConstraints(min_length=1, max_length=1024)]
SeverityName = Literal["error", "warning", "info", "off"]


class PendingTable(BaseModel):
    model_config = _Strict
    code: Annotated[str, StringConstraints(pattern=r"^\d-\d{2}-\d{2}-\d{2}(-\d{3})?$")]
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    source: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    date: datetime.date


class ReferenceTable(BaseModel):
    model_config = _Strict
    occupations: RelativePath | None = None
    catalogue: RelativePath | None = None
    releases: list[RelativePath] = Field(default_factory=_empty)
    pending: list[PendingTable] = Field(default_factory=_empty)


class CoverageTable(BaseModel):
    model_config = _Strict
    max_omitted: Annotated[int, Field(ge=0, le=100)] = 30


class StdkitTable(BaseModel):
    model_config = _Strict
    standards: list[RelativePath] = Field(default_factory=lambda: ["standards"], min_length=1)
    site_dir: RelativePath = "site"
    include_drafts: StrictBool = False
    site_url: Annotated[str, StringConstraints(min_length=1, max_length=1024)] | None = None
    severity: dict[str, SeverityName] = Field(default_factory=dict)
    reference: ReferenceTable = Field(default_factory=ReferenceTable)
    coverage: CoverageTable = Field(default_factory=CoverageTable)


class File(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True, frozen=True)  # other tools' tables are theirs
    stdkit: StdkitTable = Field(default_factory=StdkitTable)
