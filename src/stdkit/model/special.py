"""专项职业能力考核规范 (special-competency): one marketable competency, no levels."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from stdkit.model.common import (
    OCCUPATION_CODE_PATTERN,
    AtLeast,
    Gap,
    Header,
    Kind,
    Lines,
    Method,
    Strict,
    Text,
    empty_list,
)
from stdkit.model.standard import PassMarks


class Unit(Strict):
    """考核模块."""

    name: Text = Field(title="模块名称")
    skills: Lines = Field(default_factory=empty_list, title="技能要求", description="Required once approved.")
    knowledge: Lines = Field(
        default_factory=empty_list, title="相关知识要求", description="Required once approved."
    )


class SpecialAssessment(Strict):
    """考核要求 of a special competency."""

    methods: Annotated[list[Method], Field(min_length=1)] = Field(
        default_factory=empty_list,
        title="考核方式",
        description="skill 技能操作考核, optionally theory 理论知识考试. Required once approved.",
    )
    pass_mark: Annotated[int, Field(ge=1, le=100)] | PassMarks | None = Field(
        default=None,
        title="合格分数线",
        description="Out of 100: one mark for all components (60), or per component ({theory: 60, skill: 70}).",
    )
    theory_items: Annotated[int, Field(ge=1, le=1000)] | None = Field(
        default=None, title="理论试卷题量", description="Absent: the document sets none."
    )
    ratios: dict[Method, Annotated[int, Field(ge=1)]] = Field(
        default_factory=dict, title="考评人员与考生配比"
    )
    durations: dict[Method, Annotated[int, Field(ge=1)] | AtLeast] = Field(
        default_factory=dict,
        title="考核时间（分钟）",
        description="Minutes per component: {skill: 90}, or a minimum as printed: {skill: {at_least: 60}} (不少于60分钟).",
    )
    venue: str | None = Field(default=None, title="考核场所设备")

    def minutes(self, method: Method) -> int | None:
        """The minutes of ``method`` (the minimum where the document gives one), or None."""
        value = self.durations.get(method)
        return value.at_least if isinstance(value, AtLeast) else value

    def at_least(self, method: Method) -> bool:
        """Whether the time of ``method`` is a minimum (不少于)."""
        return isinstance(self.durations.get(method), AtLeast)


class Examiners(Strict):
    """考评员构成: who examines, as printed, and how many sit on one panel."""

    text: Text = Field(title="考评员构成", description="As printed, e.g. 每个考评组由3名考评员组成，其中……")
    per_panel: Annotated[int, Field(ge=1)] | None = Field(
        default=None, title="每组考评员人数", description="Examiners per panel (每个考评组N人), where stated."
    )


class SpecialWeights(Strict):
    """权重表 over the units; each table sums to 100."""

    skill: dict[Text, Annotated[int, Field(ge=0, le=100)]] = Field(default_factory=dict, title="技能考核权重")
    theory: dict[Text, Annotated[int, Field(ge=0, le=100)]] | None = Field(default=None, title="理论知识权重")


class SpecialCompetency(Header):
    """专项职业能力考核规范."""

    KIND: ClassVar[Kind] = Kind.SPECIAL_COMPETENCY

    kind: Literal["special-competency"] = Field(title="文件类型")
    region: str | None = Field(
        default=None, title="适用地区", description="The province that issues it, e.g. 广东省."
    )
    related_occupations: list[Annotated[str, Field(pattern=OCCUPATION_CODE_PATTERN)]] = Field(
        default_factory=empty_list,
        title="相关职业",
        description="职业分类大典 codes of the occupations it relates to.",
    )
    description: str | None = Field(default=None, title="能力描述")
    audience: Text | None = Field(
        default=None, title="适用对象", description="Who the competency is for, as printed (适用对象)."
    )
    eligibility: list[Text] = Field(
        default_factory=empty_list, title="申报条件", description="Each condition as printed, in order."
    )
    examiners: Examiners | None = Field(
        default=None, title="考评员构成", description="{text: …, per_panel: 3}: the panel as printed."
    )
    units: Annotated[list[Unit], Field(min_length=1)] = Field(
        default_factory=empty_list,
        title="考核模块",
        description="Required once approved; a draft may leave it out, or a module's lines (a warning, DRF701).",
    )
    assessment: SpecialAssessment = Field(title="考核要求")
    weights: SpecialWeights = Field(
        default_factory=SpecialWeights,
        title="权重表",
        description="Required once approved; a draft may leave it out (a warning, DRF701).",
    )
    # Accepted only so that WTY906 can say why a special competency has no 工种 (instead of a bare
    # "unknown field"); kept out of the JSON Schema, so editors still flag it.
    work_types: SkipJsonSchema[list[Any] | None] = Field(default=None, exclude=True)

    @classmethod
    def omittable(cls) -> tuple[str, ...]:
        return ("units", "weights")

    @classmethod
    def final_parts(cls) -> dict[tuple[str, ...], tuple[str, ...]]:
        """考核方式, and each 考核模块's 技能要求 and 相关知识要求."""
        return {("assessment",): ("methods",), ("units", "[]"): ("skills", "knowledge")}

    def gaps(self) -> list[Gap]:
        """Also a draft's 考核方式 and the lines of each 考核模块 it has not transcribed yet."""
        found = super().gaps()
        if "methods" not in self.assessment.model_fields_set:
            found.append(Gap(("assessment",), "assessment.methods", "考核方式", key=True))
        for index, unit in enumerate(self.units):
            for part, name in (("skills", "技能要求"), ("knowledge", "相关知识要求")):
                if part not in unit.model_fields_set:
                    found.append(
                        Gap(("units", index), f"units[{index}].{part}", f"考核模块「{unit.name}」的{name}")
                    )
        return found
