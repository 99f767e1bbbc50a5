"""评价规范 (evaluation-spec): an employer's, industry's or 社评组织's specification for an occupation or job role."""

from __future__ import annotations

import datetime
import enum
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from stdkit.ladder import Level
from stdkit.model.common import OCCUPATION_CODE_PATTERN, Kind, Line, Lines, Strict, Text, empty_list
from stdkit.model.standard import LevelledBody, Profile


class IssuerType(enum.StrEnum):
    ENTERPRISE = "enterprise"
    INDUSTRY = "industry"
    EVALUATION_ORG = "evaluation-org"
    SCHOOL = "school"
    HRSS = "hrss"


ISSUER_TYPE_NAMES: dict[IssuerType, str] = {
    IssuerType.ENTERPRISE: "用人单位",
    IssuerType.INDUSTRY: "行业组织",
    IssuerType.EVALUATION_ORG: "社会培训评价组织",
    IssuerType.SCHOOL: "院校",
    IssuerType.HRSS: "人社部门",
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


# -- routes to a level other than the examination (第九、十条) -------------------------------------


class Tier(enum.StrEnum):
    NATIONAL = "national"
    PROVINCIAL = "provincial"
    MUNICIPAL = "municipal"
    DISTRICT = "district"
    ENTERPRISE = "enterprise"


TIER_NAMES: dict[Tier, str] = {
    Tier.NATIONAL: "国家级",
    Tier.PROVINCIAL: "省级",
    Tier.MUNICIPAL: "市级",
    Tier.DISTRICT: "区县级",
    Tier.ENTERPRISE: "企业级",
}


class CompetitionClass(enum.StrEnum):
    FIRST = "一类"
    SECOND = "二类"


class Candidates(enum.StrEnum):
    EMPLOYEE = "employee"
    STUDENT = "student"
    ANY = "any"


CANDIDATE_NAMES: dict[Candidates, str] = {
    Candidates.EMPLOYEE: "职工",
    Candidates.STUDENT: "学生",
    Candidates.ANY: "不限",
}

#: The key of ``grants`` for every candidate in the band, whatever level they hold.
ANY_PRIOR = "any"


class RouteKind(enum.StrEnum):
    COMPETITION = "competition"
    DIRECT = "direct"
    GRADING = "grading"
    APPRENTICESHIP = "apprenticeship"


ROUTE_NAMES: dict[RouteKind, str] = {
    RouteKind.COMPETITION: "以赛代评",
    RouteKind.DIRECT: "直接认定",
    RouteKind.GRADING: "定级考评",
    RouteKind.APPRENTICESHIP: "学徒工转正定级",
}


class Rank(Strict):
    """The band of a competition's results that is promoted: the top N, or the top P percent."""

    top: int | None = Field(default=None, title="前N名", description="The first N places (N ≥ 1).")
    top_percent: int | float | None = Field(
        default=None, title="前百分之P", description="The best P percent of the candidates (0 < P ≤ 100)."
    )


class GrantsByReference(Strict):
    """The level follows a national rule instead of a table (e.g. a provincial rule: 按人社部规定晋升)."""

    by_reference: Text = Field(
        title="按规定晋升", description="The rule the promotion follows, as printed, e.g. 按人社部规定晋升."
    )


class CompetitionRoute(Strict):
    """以赛代评: a competition held on the standard promotes the winners in its band."""

    kind: Literal["competition"] = Field(title="途径", description="competition 以赛代评.")
    name: Text = Field(title="竞赛名称", description="e.g. 公司变电运维技能竞赛.")
    tier: Tier | None = Field(
        default=None,
        title="竞赛级别",
        description="national 国家级 | provincial 省级 | municipal 市级 | district 区县级 | enterprise 企业级. Required.",
    )
    class_: CompetitionClass | None = Field(
        default=None,
        alias="class",
        title="竞赛类别",
        description="Optional: 一类 | 二类 (how provinces grade their competitions).",
    )
    rank: Rank = Field(title="获奖名次", description="{top: 6} or {top_percent: 30}.")
    candidates: Candidates | None = Field(
        default=None, title="参赛对象", description="employee 职工 | student 学生 | any 不限."
    )
    grants: (
        Annotated[
            dict[Level | Literal["any"], Level],
            Field(
                min_length=1,
                json_schema_extra={"propertyNames": {"enum": [ANY_PRIOR, *(str(level) for level in Level)]}},
            ),
        ]
        | GrantsByReference
    ) = Field(
        title="晋升等级",
        description="Prior level held (or `any`) → level granted, e.g. {any: L3, L3: L2}: anyone in the band "
        "becomes L3, holders of L3 become L2. Always up the ladder; never principal or chief. Or "
        "{by_reference: 按人社部规定晋升} where the level follows a national rule instead of a table.",
    )
    once_per_year: bool = Field(default=False, title="同年只晋升一次", description="同一年内只能晋升一次.")

    def table(self) -> dict[Level | Literal["any"], Level]:
        """Prior level → level granted; empty where the route grants by reference to a national rule."""
        return {} if isinstance(self.grants, GrantsByReference) else self.grants

    def by_reference(self) -> str | None:
        """The national rule the route's levels follow, when it gives no table."""
        return self.grants.by_reference if isinstance(self.grants, GrantsByReference) else None


class DirectRoute(Strict):
    """直接认定: 技艺高超、业绩突出的一线职工 are recognised at a level without the examination."""

    kind: Literal["direct"] = Field(title="途径", description="direct 直接认定.")
    level: Level = Field(
        title="认定等级", description="One of the document's levels; never principal or chief."
    )
    conditions: list[Text] = Field(
        default_factory=empty_list,
        title="认定条件",
        description="Each condition as the spec states it. Required.",
    )


class GradingRoute(Strict):
    """定级考评 when a unit starts its system: levels given on 岗位条件、日常表现、工作业绩."""

    kind: Literal["grading"] = Field(title="途径", description="grading 定级考评.")
    levels: Annotated[list[Level], Field(min_length=1)] = Field(title="定级等级")
    evidence: list[Text] = Field(
        default_factory=empty_list, title="考评依据", description="e.g. 岗位条件, 日常表现, 工作业绩."
    )
    until: datetime.date | None = Field(
        default=None,
        title="截止日期",
        description="YYYY-MM-DD: an initial grading is temporary, give its end.",
    )


class ApprenticeshipRoute(Strict):
    """学徒工转正定级: after 学徒期 and 试用期, by the unit's own requirements."""

    kind: Literal["apprenticeship"] = Field(title="途径", description="apprenticeship 学徒工转正定级.")
    level: Level = Field(title="定级等级", description="The entry level of this spec.")
    after: Text = Field(title="定级时点", description="e.g. 学徒期满且试用期满.")


Route = Annotated[
    CompetitionRoute | DirectRoute | GradingRoute | ApprenticeshipRoute, Field(discriminator="kind")
]


def route_levels(route: Route) -> list[Level]:
    """The levels a route leads to (what a candidate is granted), in the order the spec names them."""
    if isinstance(route, CompetitionRoute):
        return list(dict.fromkeys(route.table().values()))
    if isinstance(route, GradingRoute):
        return list(route.levels)
    return [route.level]


#: ``occupations: any``: a rule that applies to every occupation (e.g. a city's 以赛代评 rule).
EVERY_OCCUPATION = "any"
#: How a page, the Word cover and a listing name the occupations of ``occupations: any``.
EVERY_OCCUPATION_LABEL = "各职业（工种）"
#: The error type of ``occupation`` and ``occupations`` both given (SCH108, see model.bind).
BOTH_OCCUPATION_FIELDS = "occupation_and_occupations"


def _across_schema(schema: dict[str, Any]) -> None:
    """The JSON Schema: ``occupation`` and ``assessment`` are required unless ``occupations`` is given, and
    never both ``occupation`` and ``occupations``."""
    schema["required"] = [name for name in schema.get("required", []) if name != "assessment"]
    schema.setdefault("allOf", []).append(
        {
            "if": {"required": ["occupations"]},
            "then": {"not": {"required": ["occupation"]}},
            "else": {"required": ["occupation", "assessment"]},
        }
    )


class EvaluationSpec(LevelledBody):
    """评价规范."""

    model_config = ConfigDict(json_schema_extra=_across_schema)

    KIND: ClassVar[Kind] = Kind.EVALUATION_SPEC

    kind: Literal["evaluation-spec"] = Field(title="文件类型")
    occupations: (
        Literal["any"]
        | Annotated[list[Annotated[str, Field(pattern=OCCUPATION_CODE_PATTERN)]], Field(min_length=1)]
        | None
    ) = Field(
        default=None,
        title="适用职业",
        description="Instead of `occupation`, for a rule that applies to many occupations (a 以赛代评 rule of a "
        "人社部门, with `scope:`): `any` for every occupation, or a list of 大典 codes [4-01-06-02, 6-31-01-03]. "
        "Such a rule sets no 工作要求 of its own (each occupation's standard does) and has no blueprints.",
    )
    basis: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*(@[A-Za-z0-9][A-Za-z0-9._-]*)?$",
        title="依据",
        description="The standard (id@edition) or occupation code this specification is based on.",
    )
    scope: str | None = Field(default=None, title="适用范围", description="工种/岗位, e.g. 变电站运维岗位.")
    issuer_type: IssuerType = Field(
        title="发布主体类型",
        description="enterprise 用人单位 | industry 行业组织 | evaluation-org 社会培训评价组织 | school 院校 "
        "| hrss 人社部门 (e.g. a provincial 以赛代评 rule).",
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
    routes: list[Route] = Field(
        default_factory=empty_list,
        title="其他评价途径",
        description="第九、十条: routes to a level other than the examination — competition 以赛代评, direct 直接认定, "
        "grading 定级考评, apprenticeship 学徒工转正定级. None leads to principal or chief (评聘 only).",
    )

    @model_validator(mode="wrap")
    @classmethod
    def _one_occupation_field(cls, data: Any, handler: ModelWrapValidatorHandler[EvaluationSpec]) -> Any:
        """``occupation`` or ``occupations``: neither is a missing ``occupation`` (with the other errors); a rule
        across occupations needs no ``assessment`` (none is invented: it stays out of ``model_fields_set``)."""
        if not isinstance(data, dict):
            return handler(data)
        if "occupation" not in data and "occupations" not in data:
            try:
                handler(data)
                others: list[InitErrorDetails] = []
            except ValidationError as exc:
                others = [
                    InitErrorDetails(type=e["type"], loc=e["loc"], input=e["input"], ctx=e.get("ctx", {}))
                    for e in exc.errors()
                ]
            missing = InitErrorDetails(type="missing", loc=("occupation",), input=data)
            raise ValidationError.from_exception_data(cls.__name__, [missing, *others])
        if "occupations" in data and "assessment" not in data:
            made = handler({**data, "assessment": {"methods": {}}})
            made.model_fields_set.discard("assessment")
            return made
        return handler(data)

    @field_validator("occupations")
    @classmethod
    def _not_both(cls, value: Any, info: ValidationInfo) -> Any:
        if value is not None and info.data.get("occupation") is not None:
            raise PydanticCustomError(BOTH_OCCUPATION_FIELDS, "give `occupation` or `occupations`, not both")
        return value

    def occupation_codes(self) -> list[str]:
        """The 大典 codes the document is for: its occupation's, or those ``occupations`` lists (none for ``any``)."""
        if self.occupation is not None:
            return [self.occupation.code]
        return [] if self.occupations in (None, EVERY_OCCUPATION) else list(self.occupations or ())

    def occupations_label(self) -> str:
        """The occupations as a page or the Word cover names them: 各职业（工种）, or the listed codes."""
        if self.occupation is not None:
            return self.occupation.name
        return (
            EVERY_OCCUPATION_LABEL
            if self.occupations == EVERY_OCCUPATION
            else "、".join(self.occupation_codes())
        )
