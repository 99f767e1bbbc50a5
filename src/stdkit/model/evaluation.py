"""评价规范 (evaluation-spec): an employer's, industry's or 社评组织's specification for an occupation or job role."""

from __future__ import annotations

import enum
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from stdkit.ladder import Level
from stdkit.model.common import Kind, Line, Lines, Strict, Text
from stdkit.model.standard import LevelledBody, Profile


class IssuerType(enum.StrEnum):
    ENTERPRISE = "enterprise"
    INDUSTRY = "industry"
    EVALUATION_ORG = "evaluation-org"
    SCHOOL = "school"


ISSUER_TYPE_NAMES: dict[IssuerType, str] = {
    IssuerType.ENTERPRISE: "用人单位",
    IssuerType.INDUSTRY: "行业组织",
    IssuerType.EVALUATION_ORG: "社会培训评价组织",
    IssuerType.SCHOOL: "院校",
}


class AllOf(Strict):
    """A group of 评聘条件 a candidate must all meet (e.g. 基本条件)."""

    name: str | None = Field(default=None, title="条件组名称", description="e.g. 基本条件.")
    all: Lines = Field(title="须全部具备", description="Every one of these conditions is required.")


class AnyOf(Strict):
    """A group of 评聘条件 of which a candidate must meet at least ``any`` (e.g. 业绩条件，具备其中2项)."""

    name: str | None = Field(default=None, title="条件组名称", description="e.g. 业绩条件.")
    any: Annotated[int, Field(ge=1)] = Field(
        title="至少具备项数", description="How many of `of` are required."
    )
    of: Lines = Field(title="可选条件")


Criterion = Line | AllOf | AnyOf


class Appointment(Strict):
    """评聘 of a 特级技师 or 首席技师: criteria and the procedure (推荐/评审/公示核准/聘任).

    ``criteria`` is a flat list (every line required), or groups: ``[{all: [...]}, {any: 2, of: [...]}]``;
    plain lines beside groups are required like an ``all`` group of their own.
    """

    criteria: Annotated[list[Criterion], Field(min_length=1)] = Field(title="评聘条件")
    procedure: Annotated[list[Text], Field(min_length=1)] = Field(
        default_factory=lambda: ["推荐", "评审", "公示核准", "聘任"], title="评聘程序"
    )
    term_years: Annotated[int, Field(ge=1, le=10)] | None = Field(
        default=None, title="聘期（年）", description="The term of appointment in years (聘期), e.g. 3."
    )
    quota: str | None = Field(
        default=None,
        title="名额",
        description="The quota as printed, e.g. 原则上不超过本单位高级技师总数的10%.",
    )


class Appointments(Strict):
    principal: Appointment | None = Field(default=None, title="特级技师评聘")
    chief: Appointment | None = Field(default=None, title="首席技师评聘")

    def for_level(self, level: Level) -> Appointment | None:
        return {Level.PRINCIPAL: self.principal, Level.CHIEF: self.chief}.get(level)


class EvaluationSpec(LevelledBody):
    """评价规范."""

    KIND: ClassVar[Kind] = Kind.EVALUATION_SPEC

    kind: Literal["evaluation-spec"] = Field(title="文件类型")
    basis: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*(@[A-Za-z0-9][A-Za-z0-9._-]*)?$",
        title="依据",
        description="The standard (id@edition) or occupation code this specification is based on.",
    )
    scope: str | None = Field(default=None, title="适用范围", description="工种/岗位, e.g. 变电站运维岗位.")
    issuer_type: IssuerType = Field(
        title="发布主体类型",
        description="enterprise 用人单位 | industry 行业组织 | evaluation-org 社会培训评价组织 | school 院校.",
    )
    level_names: dict[Level, Text] = Field(
        default_factory=dict,
        title="等级名称",
        description="第五条: the employer's own level names, each mapped to a ladder id (e.g. L3: 一级操作师).",
    )
    appointment: Appointments | None = Field(
        default=None,
        title="评聘",
        description="Criteria and procedure for principal 特级技师 and chief 首席技师.",
    )
    profile: Profile | None = Field(default=None, title="职业概况")
