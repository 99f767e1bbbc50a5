"""The authoring format: one pydantic model per document kind.

``MODELS`` maps the ``kind`` field to its model; JSON Schemas in ``schema/`` are generated from it.
"""

from __future__ import annotations

from stdkit.model.common import Header, Kind, Line, Status
from stdkit.model.evaluation import EvaluationSpec
from stdkit.model.special import SpecialCompetency
from stdkit.model.standard import LevelledBody, OccupationalStandard

Document = OccupationalStandard | EvaluationSpec | SpecialCompetency

MODELS: dict[Kind, type[OccupationalStandard] | type[EvaluationSpec] | type[SpecialCompetency]] = {
    Kind.OCCUPATIONAL_STANDARD: OccupationalStandard,
    Kind.EVALUATION_SPEC: EvaluationSpec,
    Kind.SPECIAL_COMPETENCY: SpecialCompetency,
}

__all__ = [
    "MODELS",
    "Document",
    "EvaluationSpec",
    "Header",
    "Kind",
    "LevelledBody",
    "Line",
    "OccupationalStandard",
    "SpecialCompetency",
    "Status",
]
