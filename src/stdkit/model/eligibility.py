"""申报条件 (eligibility): one condition, the 注 of the conditions, and the footnotes tied to their markers.

Kept apart from :mod:`stdkit.model.standard` (which re-exports it) so that each module stays readable.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from stdkit.ladder import Level
from stdkit.model.common import Strict, Text, empty_list

Years = Annotated[float, Field(ge=0, le=60)]
Age = Annotated[int, Field(ge=14, le=70)]


class Eligibility(Strict):
    """One 申报条件: the sentence, and optionally the machine-readable parts exam systems filter on."""

    text: Text = Field(title="申报条件", description="The condition as printed.")
    prior_level: Level | None = Field(
        default=None,
        title="前置等级",
        description="The level (of this occupation) the candidate must already hold.",
    )
    years: Years | list[Years] | None = Field(
        default=None,
        title="从业年限",
        description="Years of work in the occupation required (累计从事本职业工作N年). A sentence with "
        "several routes (…3年（含）以上；或预备技师…2年（含）以上) lists each route's years in printed order: [3, 2].",
    )
    education: str | None = Field(default=None, title="学历条件", description="e.g. 技工学校本专业毕业证书.")
    min_age: Age | None = Field(
        default=None, title="最低年龄", description="年满N周岁, where the condition states it."
    )
    max_age: Age | None = Field(
        default=None, title="最高年龄", description="不超过N周岁, where the condition states it."
    )
    exceptional: bool = Field(
        default=False,
        title="破格申报",
        description="True for a 破格 route (outstanding candidates who need not meet the usual years or level).",
    )

    @property
    def year_options(self) -> list[float]:
        """The years of each route, in printed order (empty when the condition states none)."""
        if self.years is None:
            return []
        return list(self.years) if isinstance(self.years, list) else [self.years]


class EligibilityNotes(Strict):
    """注 of the 申报条件: what 相关职业, 本专业 and 相关专业 mean, as the standard lists them."""

    related_occupations: list[Text] = Field(
        default_factory=empty_list,
        title="相关职业",
        description="Occupations that count as 相关职业, as printed.",
    )
    majors: list[Text] = Field(
        default_factory=empty_list,
        title="本专业",
        description="Majors (专业) that count as 本专业, as printed.",
    )
    related_majors: list[Text] = Field(
        default_factory=empty_list, title="相关专业", description="Majors that count as 相关专业, as printed."
    )


def eligibility_schema(schema: dict[str, Any]) -> None:
    """``eligibility`` holds the levels and, beside them, ``notes`` (marker → note)."""
    schema["propertyNames"] = {"anyOf": [schema["propertyNames"], {"const": FOOTNOTES_KEY}]}
    schema["properties"] = {
        FOOTNOTES_KEY: {
            "type": "object",
            "title": "注",
            "description": "Each footnote marker of the texts (①, ②, *) and its note, as printed.",
            "additionalProperties": {"type": "string", "minLength": 1},
            "minProperties": 1,
        }
    }


#: The key of ``assessment.eligibility`` that holds the footnotes of its texts (beside the levels).
FOOTNOTES_KEY = "notes"
