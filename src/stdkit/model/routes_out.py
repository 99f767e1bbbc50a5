"""A blueprint's routes to a level without the examination (评价规范: 以赛代评, 直接认定, 定级考评,
学徒工转正定级), as exam systems read them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from stdkit.model.out import Out


class Rank(Out):
    """The band of a competition's results that is promoted."""

    OMITTED_WHEN_NONE = frozenset({"top", "top_percent"})

    top: int | None = Field(default=None, title="前N名")
    top_percent: int | float | None = Field(default=None, title="前百分之P")


class CompetitionRoute(Out):
    """以赛代评: those in the band of this competition are granted the level without the exam."""

    OMITTED_WHEN_NONE = frozenset({"competition_class", "candidates"})

    kind: Literal["competition"] = Field(title="途径")
    name: str = Field(title="途径名称", description="以赛代评.")
    competition: str = Field(title="竞赛名称")
    tier: str | None = Field(
        title="竞赛级别", description="national | provincial | municipal | district | enterprise."
    )
    tier_name: str | None = Field(title="竞赛级别名称", description="国家级, 省级, 市级, 区县级, 企业级.")
    competition_class: str | None = Field(
        default=None, title="竞赛类别", description="一类 | 二类, where the spec says."
    )
    rank: Rank = Field(title="获奖名次", description="{top: N} or {top_percent: P}.")
    candidates: str | None = Field(
        default=None,
        title="参赛对象",
        description="employee | student | any, where the spec says.",
    )
    holders: list[str] = Field(
        title="原等级",
        description="Who in the band is granted this level: `any` (every candidate) and/or the ladder ids "
        "of the level they already hold.",
    )
    once_per_year: bool = Field(title="同年只晋升一次")


class DirectRoute(Out):
    """直接认定: a worker meeting the conditions is recognised at the level without the exam."""

    kind: Literal["direct"] = Field(title="途径")
    name: str = Field(title="途径名称", description="直接认定.")
    conditions: list[str] = Field(title="认定条件")


class GradingRoute(Out):
    """定级考评 when the unit starts its system: on the evidence listed, until the end date."""

    kind: Literal["grading"] = Field(title="途径")
    name: str = Field(title="途径名称", description="定级考评.")
    evidence: list[str] = Field(title="考评依据")
    until: str | None = Field(title="截止日期", description="YYYY-MM-DD; null when the spec gives none.")


class ApprenticeshipRoute(Out):
    """学徒工转正定级: an apprentice is placed at the level after the stated period."""

    kind: Literal["apprenticeship"] = Field(title="途径")
    name: str = Field(title="途径名称", description="学徒工转正定级.")
    after: str = Field(title="定级时点")


Route = Annotated[
    CompetitionRoute | DirectRoute | GradingRoute | ApprenticeshipRoute, Field(discriminator="kind")
]
