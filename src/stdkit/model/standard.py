"""职业标准 (occupational-standard) and the levelled body it shares with 评价规范.

The structure follows 《国家职业技能标准编制技术规程》: 职业概况 (occupation, profile), 基本要求
(basics), 工作要求 (work, per level), 权重表 (weights), plus the 职业技能鉴定要求 (assessment).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Literal, TypeVar

from pydantic import Field, model_validator
from pydantic.json_schema import SkipJsonSchema

from stdkit.ladder import APPOINTED_LEVELS, Level
from stdkit.model.common import (
    OCCUPATION_CODE_PATTERN,
    AtLeast,
    Gap,
    Header,
    Kind,
    Lines,
    Method,
    NumberText,
    PerLevelInt,
    QualificationLink,
    Strict,
    Text,
    empty_list,
    section_notes,
)
from stdkit.model.eligibility import FOOTNOTES_KEY, Eligibility, EligibilityNotes, eligibility_schema
from stdkit.model.eligibility import Age as Age  # noqa: PLC0414 - re-exported: the model's vocabulary
from stdkit.model.eligibility import Years as Years  # noqa: PLC0414 - re-exported: the model's vocabulary

_V = TypeVar("_V")
Mark = Annotated[int, Field(ge=1, le=100)]


class TalentType(enum.StrEnum):
    """人才类型 (第八条)."""

    TECHNICAL = "technical"
    KNOWLEDGE = "knowledge"
    COMPOSITE = "composite"


TALENT_TYPE_NAMES: dict[str, str] = {
    TalentType.TECHNICAL: "技术技能型",
    TalentType.KNOWLEDGE: "知识技能型",
    TalentType.COMPOSITE: "复合技能型",
}


class Occupation(Strict):
    """职业 of the 职业分类大典."""

    code: str = Field(
        pattern=OCCUPATION_CODE_PATTERN,
        title="职业编码",
        description="职业分类大典 (2022) code X-XX-XX-XX; a 工种 adds -XXX (e.g. 6-30-05-01-014).",
    )
    name: Text = Field(title="职业名称", description="The occupation's name as in the 大典, e.g. 电工.")
    definition: str | None = Field(
        default=None, title="职业定义", description="The 大典's definition sentence."
    )
    isco: NumberText | None = Field(
        default=None,
        pattern=r"^\d{1,4}$",
        title="ISCO-08",
        description='International mapping (国际可比), e.g. "7411".',
    )


class Profile(Strict):
    """职业概况: the conditions of the work and the expected candidate."""

    environment: str | None = Field(default=None, title="职业环境条件", description="e.g. 室内、外，常温。")
    abilities: str | None = Field(
        default=None, title="职业能力特征", description="e.g. 手指、手臂灵活，动作协调。"
    )
    education: str | None = Field(
        default=None, title="普通受教育程度", description="e.g. 初中毕业（或相当文化程度）。"
    )
    notes: Text | None = section_notes("职业概况")


class Training(Strict):
    """培训要求 (optional since the 2018 规程; kept for standards that state it)."""

    hours: dict[Level, Annotated[int, Field(ge=1)] | AtLeast] = Field(
        default_factory=dict,
        title="培训学时",
        description="Standard hours per level: 90, or a minimum as printed: {at_least: 120} (不少于120标准学时).",
    )
    teachers: dict[Level, Text] = Field(default_factory=dict, title="培训教师")
    venue: str | None = Field(default=None, title="培训场所设备")
    notes: Text | None = section_notes("职业培训要求")


class PassMarks(Strict):
    """合格分数线 per component, each out of 100 (e.g. 理论 60 / 技能 70 / 业绩 60)."""

    theory: Mark | None = Field(default=None, title="理论知识考试")
    skill: Mark | None = Field(default=None, title="技能考核")
    review: Mark | None = Field(default=None, title="综合评审")
    performance: Mark | None = Field(default=None, title="业绩评审")


def pass_mark_of(value: int | PassMarks | None, method: Method) -> int | None:
    """The pass mark of ``method``: the one number, or the component's own (None when not given)."""
    if value is None:
        return None
    if isinstance(value, int):
        return value
    got: int | None = getattr(value, method.value)
    return got


class Composite(Strict):
    """综合成绩: the components' scores weighted into one (e.g. 理论 30 % + 技能 70 %)."""

    weights: dict[Method, Mark] = Field(
        title="成绩构成",
        description="Percent of the overall score per component; sums to 100, e.g. {theory: 30, skill: 70}.",
    )
    pass_mark: Mark | None = Field(
        default=None, title="综合成绩合格线", description="Out of 100; absent when only the components count."
    )


class Ratios(Strict):
    """考评人员与考生配比: candidates per examiner (15 means 1:15), one number or per level.

    ``review`` and ``performance`` are panel sizes (委员人数). The qualifiers print only when given:
    ``review_at_least`` (…人（含）以上), ``odd`` (单数), ``invigilators_at_least`` (每个考场不少于N名监考人员),
    ``examiners_at_least`` (技能考核考评人员N人（含）以上).
    """

    theory: PerLevelInt | None = Field(default=None, title="理论知识考试配比")
    skill: PerLevelInt | None = Field(default=None, title="技能考核配比")
    review: PerLevelInt | None = Field(
        default=None, title="综合评审委员人数", description="Members of the review panel (3 or more, odd)."
    )
    performance: PerLevelInt | None = Field(
        default=None,
        title="业绩评审委员人数",
        description="Members of the performance-review panel (3 or more, odd).",
    )
    review_at_least: bool = Field(
        default=False,
        title="评审委员人数为下限",
        description="True when the panel sizes are minimums: N人（含）以上.",
    )
    odd: bool = Field(
        default=False, title="单数", description="True when skill examiners and panels must be odd in number."
    )
    invigilators_at_least: Annotated[int, Field(ge=1)] | None = Field(
        default=None, title="每个考场监考人员下限", description="每个考场不少于N名监考人员."
    )
    examiners_at_least: Annotated[int, Field(ge=1)] | None = Field(
        default=None, title="技能考核考评人员下限", description="技能考核考评人员N人（含）以上."
    )


class Durations(Strict):
    """鉴定时间 in minutes: one number for every level, or a mapping per level."""

    theory: PerLevelInt | None = Field(default=None, title="理论知识考试时间（分钟）")
    skill: PerLevelInt | None = Field(default=None, title="技能考核时间（分钟）")
    review: PerLevelInt | None = Field(default=None, title="综合评审时间（分钟）")
    performance: PerLevelInt | None = Field(default=None, title="业绩评审时间（分钟）")
    at_least: list[Method] = Field(
        default_factory=empty_list,
        title="不少于",
        description="Components whose time is a minimum (不少于N分钟), e.g. [theory, skill].",
    )


class Venues(Strict):
    """鉴定场所设备."""

    theory: str | None = Field(default=None, title="理论知识考试场所")
    skill: str | None = Field(default=None, title="技能考核场所")
    review: str | None = Field(default=None, title="综合评审场所")
    performance: str | None = Field(default=None, title="业绩评审场所")


# -- 试卷结构 (assessment.papers): how a paper is composed -------------------------------------------


class QuestionType(enum.StrEnum):
    """题型 of a theory paper."""

    JUDGEMENT = "judgement"
    SINGLE_CHOICE = "single-choice"
    MULTIPLE_CHOICE = "multiple-choice"
    FILL_BLANK = "fill-blank"
    SHORT_ANSWER = "short-answer"
    CALCULATION = "calculation"
    CASE = "case"
    ESSAY = "essay"
    DRAWING = "drawing"


QUESTION_TYPE_NAMES: dict[QuestionType, str] = {
    QuestionType.JUDGEMENT: "判断题",
    QuestionType.SINGLE_CHOICE: "单项选择题",
    QuestionType.MULTIPLE_CHOICE: "多项选择题",
    QuestionType.FILL_BLANK: "填空题",
    QuestionType.SHORT_ANSWER: "简答题",
    QuestionType.CALCULATION: "计算题",
    QuestionType.CASE: "案例分析题",
    QuestionType.ESSAY: "论述题",
    QuestionType.DRAWING: "识图/绘图题",
}


class Scoring(enum.StrEnum):
    """How a multiple-choice item is scored: all-or-nothing (错选、漏选均不得分) or partial (少选得部分分)."""

    ALL_OR_NOTHING = "all-or-nothing"
    PARTIAL = "partial"


Points = Annotated[float, Field(gt=0, le=100)]


class TheoryBlock(Strict):
    """One block of a theory paper (一道大题): its 题型, how many items and the points of each."""

    type: QuestionType = Field(
        title="题型",
        description="judgement 判断题 | single-choice 单项选择题 | multiple-choice 多项选择题 | fill-blank 填空题 | "
        "short-answer 简答题 | calculation 计算题 | case 案例分析题 | essay 论述题 | drawing 识图/绘图题.",
    )
    count: Annotated[int, Field(ge=1, le=1000)] = Field(title="题量")
    points: Points = Field(title="每题分值", description="Points of each item; may be fractional (0.5).")
    scoring: Scoring | None = Field(
        default=None,
        title="评分方式",
        description="Multiple choice: all-or-nothing (错选、漏选不得分) | partial (少选得部分分).",
    )


class Difficulty(Strict):
    """难度分布: percent of a paper's items (a profile the collection chooses, not a national rule)."""

    easy: Annotated[int, Field(ge=0, le=100)] = Field(title="容易")
    medium: Annotated[int, Field(ge=0, le=100)] = Field(title="中等")
    hard: Annotated[int, Field(ge=0, le=100)] = Field(title="较难")


TheoryBlocks = Annotated[list[TheoryBlock], Field(min_length=1)]


class TheoryPapers(Strict):
    """理论知识试卷结构: blocks in paper order per level, or under `all` for every level without its own."""

    all: TheoryBlocks | None = Field(default=None, title="各等级通用")
    apprentice: TheoryBlocks | None = Field(default=None, title="学徒工")
    L5: TheoryBlocks | None = Field(default=None, title="五级/初级工")
    L4: TheoryBlocks | None = Field(default=None, title="四级/中级工")
    L3: TheoryBlocks | None = Field(default=None, title="三级/高级工")
    L2: TheoryBlocks | None = Field(default=None, title="二级/技师")
    L1: TheoryBlocks | None = Field(default=None, title="一级/高级技师")
    difficulty: Difficulty | None = Field(
        default=None, title="难度分布", description="Percent of items: {easy: 20, medium: 60, hard: 20}."
    )

    def blocks(self, level: Level) -> tuple[str, list[TheoryBlock]] | None:
        """The key (the level, or ``all``) and blocks of ``level``'s paper; None when neither is given."""
        own: list[TheoryBlock] | None = getattr(self, level.value, None)
        if own is not None:
            return level.value, own
        return ("all", self.all) if self.all is not None else None

    def given(self) -> list[tuple[str, list[TheoryBlock]]]:
        """Every (key, blocks) the document writes, in field order."""
        found = []
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, list):
                found.append((name, value))
        return found


class Module(Strict):
    """技能考核模块 (试题模块): what it examines, how, for how long and for how many points."""

    module: Text = Field(title="模块名称", description="e.g. 低压电器控制线路装调.")
    functions: Annotated[list[Text], Field(min_length=1)] = Field(
        title="考核职业功能", description="The level's 职业功能 the module examines, as in `work:`."
    )
    form: str | None = Field(
        default=None, title="考核方式", description="e.g. 实际操作, 模拟操作, 笔试, 口试."
    )
    minutes: Annotated[int, Field(ge=1, le=1440)] | None = Field(default=None, title="考核时间（分钟）")
    points: Points = Field(title="配分")


class Choice(Strict):
    """选考: take `draw` of the modules, chosen by the candidate or drawn by lot (抽考)."""

    draw: Annotated[int, Field(ge=1)] = Field(title="选考数量")
    by: Literal["candidate", "lot"] = Field(
        title="选定方式", description="candidate 考生自选 | lot 抽签决定（抽考）."
    )
    modules: Annotated[list[Module], Field(min_length=1)] = Field(title="备选模块")


class SkillPaper(Strict):
    """技能考核试卷结构 of a level: 必考 modules and 选考 groups."""

    required: list[Module] = Field(default_factory=empty_list, title="必考模块")
    choose: list[Choice] = Field(default_factory=empty_list, title="选考模块")


class Papers(Strict):
    """试卷结构: how the theory paper and the skill test of each level are composed (组卷)."""

    theory: TheoryPapers | None = Field(default=None, title="理论知识试卷结构")
    skill: dict[Level, SkillPaper] = Field(default_factory=dict, title="技能考核试卷结构")


class Assessment(Strict):
    """职业技能鉴定要求 (评价要求)."""

    @model_validator(mode="before")
    @classmethod
    def _footnotes(cls, data: Any) -> Any:
        """``eligibility.notes`` (beside the levels, as the document prints 注 under the conditions) → footnotes."""
        given = data.get("eligibility") if isinstance(data, dict) else None
        if isinstance(given, dict) and FOOTNOTES_KEY in given:
            eligibility = dict(given)
            return {**data, "eligibility": eligibility, "footnotes": eligibility.pop(FOOTNOTES_KEY)}
        return data

    eligibility: dict[Level, Annotated[list[Eligibility], Field(min_length=1)]] = Field(
        default_factory=dict,
        title="申报条件",
        description="Per level, the conditions (any one suffices); `notes` ties the footnote markers of the "
        "texts to their notes: {①: 相关职业：……}.",
        json_schema_extra=eligibility_schema,
    )
    footnotes: SkipJsonSchema[dict[str, Text]] = Field(
        default_factory=dict,
        exclude=True,
        description="`eligibility.notes` as bound (the YAML writes it inside `eligibility`).",
    )
    methods: dict[Level, Annotated[list[Method], Field(min_length=1)]] = Field(
        title="鉴定方式",
        description="Per level: theory 理论知识考试, skill 技能考核, review 综合评审 (L2/L1), "
        "performance 业绩评审.",
    )
    eligibility_notes: EligibilityNotes | None = Field(
        default=None, title="申报条件注", description="注: what 相关职业, 本专业 and 相关专业 mean here."
    )
    pass_mark: Annotated[int, Field(ge=1, le=100)] | PassMarks | None = Field(
        default=None,
        title="合格分数线",
        description="Every component is scored out of 100: one mark for all (60), or per component "
        "({theory: 60, skill: 70, performance: 60}). Absent: the document sets none, and none is printed.",
    )
    composite: Composite | None = Field(
        default=None, title="综合成绩", description="Optional weighting of the components into one score."
    )
    theory_items: Annotated[int, Field(ge=1, le=1000)] | None = Field(
        default=None,
        title="理论试卷题量",
        description="Items in a theory paper; blueprint item counts derive from weights. Absent: the "
        "document sets none, and no count is invented.",
    )
    ratios: Ratios = Field(default_factory=Ratios, title="考评人员与考生配比")
    durations: Durations = Field(default_factory=Durations, title="鉴定时间")
    venue: Venues = Field(default_factory=Venues, title="鉴定场所设备")
    papers: Papers | None = Field(
        default=None,
        title="试卷结构",
        description="How each level's theory paper (题型, 题量, 分值, 难度) and skill test (必考/选考 modules) "
        "are composed; blueprints carry the 双向细目表 built from it.",
    )
    notes: Text | None = section_notes("职业技能鉴定要求")


class Ethics(Strict):
    """职业道德 (第六条: 职业道德、工匠精神). A draft may give either part alone (DRF701 for the other)."""

    knowledge: Lines = Field(
        default_factory=empty_list, title="职业道德基本知识", description="Required once approved."
    )
    code_of_conduct: Lines = Field(
        default_factory=empty_list, title="职业守则", description="Required once approved."
    )


class KnowledgeArea(Strict):
    """One area of 基础知识."""

    area: Text = Field(title="知识领域", description="e.g. 电工基础知识.")
    items: Lines = Field(title="知识点")


class Basics(Strict):
    """基本要求: ethics and basic knowledge, common to every level."""

    ethics: Ethics = Field(default_factory=Ethics, title="职业道德", description="Required once approved.")
    knowledge: Annotated[list[KnowledgeArea], Field(min_length=1)] = Field(
        default_factory=empty_list, title="基础知识", description="Required once approved."
    )
    notes: Text | None = section_notes("基本要求")

    def gaps(self) -> list[Gap]:
        """The parts a draft's 基本要求 leaves out (职业守则 alone is a draft's usual first transcription)."""
        found: list[Gap] = []
        if "ethics" not in self.model_fields_set:
            found.append(Gap(("basics",), "basics.ethics", "职业道德", key=True))
        else:
            for part, name in (("knowledge", "职业道德基本知识"), ("code_of_conduct", "职业守则")):
                if part not in self.ethics.model_fields_set:
                    found.append(Gap(("basics", "ethics"), f"basics.ethics.{part}", name, key=True))
        if "knowledge" not in self.model_fields_set:
            found.append(Gap(("basics",), "basics.knowledge", "基础知识", key=True))
        return found


class WorkContent(Strict):
    """工作内容, with its 技能要求 and 相关知识要求."""

    name: Text = Field(title="工作内容")
    skills: Lines = Field(title="技能要求")
    knowledge: Lines = Field(title="相关知识要求")


class WorkFunction(Strict):
    """职业功能."""

    function: Text = Field(title="职业功能")
    contents: Annotated[list[WorkContent], Field(min_length=1)] = Field(title="工作内容")


class Weights(Strict):
    """权重表: per level, percentages that sum to 100.

    Theory columns hold ``ethics``, ``basics`` and each function; skill columns hold each function.
    """

    theory: dict[Level, dict[Text, Annotated[int, Field(ge=0, le=100)]]] = Field(
        default_factory=dict, title="理论知识权重表"
    )
    skill: dict[Level, dict[Text, Annotated[int, Field(ge=0, le=100)]]] = Field(
        default_factory=dict, title="技能要求权重表"
    )


#: A 工种 code: the occupation's code and a three-digit suffix, e.g. 4-12-01-01-001.
WORK_TYPE_CODE_PATTERN = r"^\d-\d{2}-\d{2}-\d{2}-\d{3}$"


class WorkType(Strict):
    """工种: a division of the occupation with its own requirements from some level up (e.g. 汽车维修工: 机械维修).

    Why a block per 工种 rather than a 工种 mapping inside ``work:``/``weights:``: the common part of the
    document keeps exactly the shape it has without 工种 (nothing to migrate, and every reader of
    ``work`` keeps one type), a 工种 is read, reviewed and added in a 大典 release as one block, and
    a weight column can never be mistaken for a mapping of columns. :meth:`LevelledBody.for_work_type`
    joins a 工种 with the common levels.
    """

    name: Text = Field(
        title="工种名称",
        description="As the standard prints it, e.g. 机械维修 (unlike the occupation's name).",
    )
    code: str | None = Field(
        default=None,
        pattern=WORK_TYPE_CODE_PATTERN,
        title="工种编码",
        description="The occupation's code and a three-digit suffix, e.g. 4-12-01-01-001. The suffix names the "
        "工种's blueprints (…/001/L3.json); without a code they are named by position (w1, w2 …).",
    )
    levels: Annotated[list[Level], Field(min_length=1)] = Field(
        title="适用等级",
        description="The levels where this 工种 has its own 工作要求 (e.g. [L3, L2, L1]); lower levels are common.",
    )
    work: dict[Level, Annotated[list[WorkFunction], Field(min_length=1)]] = Field(
        default_factory=dict,
        title="工作要求",
        description="Per level of this 工种, its own 职业功能 (instead of the common `work:`). A draft may leave "
        "levels out (WTY906, a warning until approved).",
    )
    weights: Weights = Field(default_factory=Weights, title="权重表", description="Per level of this 工种.")
    eligibility: dict[Level, Annotated[list[Eligibility], Field(min_length=1)]] = Field(
        default_factory=dict,
        title="申报条件",
        description="Only where they differ from the common `assessment.eligibility` of the level.",
    )
    training_hours: dict[Level, Annotated[int, Field(ge=1)] | AtLeast] = Field(
        default_factory=dict, title="培训学时", description="Only where they differ from `training.hours`."
    )
    qualification: QualificationLink | None = Field(
        default=None,
        title="职业资格衔接",
        description="When this 工种 (not the whole occupation) is what a 国家职业资格目录 item licenses.",
    )

    def key(self, index: int) -> str:
        """The 工种's part of blueprint URLs and 鉴定点 codes: its code's suffix, or ``w<n>`` by position."""
        return self.code.rsplit("-", 1)[1] if self.code else f"w{index + 1}"


class LevelledBody(Header):
    """What an occupational standard and an evaluation spec share."""

    occupation: Occupation | None = Field(
        default=None,
        title="职业",
        description="The occupation of the 大典 the document is written for. Required, except in an evaluation "
        "spec that applies to many occupations (`occupations:`, a 以赛代评 rule).",
    )
    levels: Annotated[list[Level], Field(min_length=1)] = Field(
        title="职业等级",
        description="A contiguous run of the ladder: apprentice, L5 五级/初级工 … L1 一级/高级技师, principal, chief.",
    )
    talent_type: TalentType | dict[Level, TalentType] | None = Field(
        default=None,
        title="人才类型",
        description="technical 技术技能型 | knowledge 知识技能型 | composite 复合技能型; one value, or one per "
        "level where they differ ({L5: technical, L2: knowledge}).",
    )
    training: Training | None = Field(default=None, title="培训要求")
    assessment: Assessment = Field(title="鉴定要求")
    basics: Basics | None = Field(
        default=None,
        title="基本要求",
        description="Required once approved; a draft may leave it out (a warning, DRF701).",
    )
    work: dict[Level, Annotated[list[WorkFunction], Field(min_length=1)]] = Field(
        default_factory=dict,
        title="工作要求",
        description="Per level, its own 职业功能; higher levels include lower levels' requirements. A draft may "
        "leave levels (or all of it) out; every examined level needs it, or its 工种's, once approved (LAD208).",
    )
    weights: Weights = Field(
        default_factory=Weights,
        title="权重表",
        description="Required once approved; a draft may leave it out (a warning, DRF701).",
    )
    work_types: list[WorkType] = Field(
        default_factory=empty_list,
        title="工种",
        description="The 工种 the occupation is divided into, each with the levels where it has its own "
        "工作要求 and 权重表; every other level is common to all 工种. Omit when the occupation has none.",
    )

    @classmethod
    def omittable(cls) -> tuple[str, ...]:
        return ("basics", "weights")

    def unfinished(self) -> list[str]:
        """Also ``work`` while an examined level has no 工作要求 yet (a draft written level by level)."""
        split = self.work_type_levels()
        waiting = not self.across_occupations and any(
            level not in self.work and level not in split
            for level in self.levels
            if level not in APPOINTED_LEVELS
        )
        return sorted({*super().unfinished(), *(["work"] if waiting else [])})

    def left_out(self) -> list[str]:
        """Also not ``weights`` where every examined level is divided into 工种, each with its own 权重表."""
        if self.across_occupations:  # a rule across occupations: each occupation's standard has them
            return []
        split = self.work_type_levels()
        common = [level for level in self.levels if level not in APPOINTED_LEVELS and level not in split]
        divided = bool(self.work_types) and not common
        return [name for name in super().left_out() if not (divided and name == "weights")]

    @classmethod
    def final_required(cls) -> tuple[str, ...]:
        """Not ``weights``: a document whose every level is divided into 工种 has only the 工种's (and no
        common ``work`` either, so that is not required; LAD208 and DRF702 report what is missing)."""
        return tuple(name for name in cls.omittable() if name != "weights")

    @classmethod
    def final_parts(cls) -> dict[tuple[str, ...], tuple[str, ...]]:
        """基础知识 and 职业道德 with both its parts (a draft may give 职业守则 alone), and each 工种's work."""
        return {
            ("basics",): ("ethics", "knowledge"),
            ("basics", "ethics"): ("knowledge", "code_of_conduct"),
            ("work_types", "[]"): ("work",),
        }

    def gaps(self) -> list[Gap]:
        """Also the parts of ``basics`` a draft leaves out."""
        found = super().gaps()
        if self.basics is not None:
            found += self.basics.gaps()
        return found

    @property
    def across_occupations(self) -> bool:
        """A rule that applies to many occupations (an evaluation spec's ``occupations:``), not to one."""
        return self.occupation is None

    def occupation_codes(self) -> list[str]:
        """The 大典 codes the document is for (its occupation's; see :class:`EvaluationSpec` for many)."""
        return [self.occupation.code] if self.occupation is not None else []

    def work_type_levels(self) -> dict[Level, list[int]]:
        """Each level where a 工种 has its own requirements → the indexes of those 工种, in order."""
        split: dict[Level, list[int]] = {}
        for index, work_type in enumerate(self.work_types):
            for level in work_type.levels:
                split.setdefault(level, []).append(index)
        return split

    def for_work_type(self, index: int) -> LevelledBody:
        """The document as a candidate of 工种 ``index`` sees it: the common levels plus the 工种's own.

        The result is a document without 工种, so everything written for one (blueprints, weight
        checks, inheritance from lower levels) applies to it unchanged. Levels where only other
        工种 have requirements and no common work exists are absent from its ``work``.
        """
        work_type = self.work_types[index]
        own = set(work_type.levels)

        def merged(common: Mapping[Level, _V], specific: Mapping[Level, _V]) -> dict[Level, _V]:
            kept = {level: value for level, value in common.items() if level not in own}
            return kept | {level: value for level, value in specific.items() if level in own}

        eligibility = {**self.assessment.eligibility, **work_type.eligibility}
        training = self.training
        if training is not None and work_type.training_hours:
            training = training.model_copy(update={"hours": {**training.hours, **work_type.training_hours}})
        elif training is None and work_type.training_hours:
            training = Training(hours=dict(work_type.training_hours))
        return self.model_copy(
            update={
                "work": merged(self.work, work_type.work),
                "weights": Weights(
                    theory=merged(self.weights.theory, work_type.weights.theory),
                    skill=merged(self.weights.skill, work_type.weights.skill),
                ),
                "assessment": self.assessment.model_copy(update={"eligibility": eligibility}),
                "training": training,
                "work_types": [],
            }
        )


class OccupationalStandard(LevelledBody):
    """职业标准 / 国家职业技能标准."""

    KIND: ClassVar[Kind] = Kind.OCCUPATIONAL_STANDARD

    kind: Literal["occupational-standard"] = Field(title="文件类型")
    occupation: Occupation = Field(title="职业")
    profile: Profile | None = Field(
        default=None,
        title="职业概况",
        description="Required once approved; a draft may leave it out (a warning, DRF701).",
    )

    @classmethod
    def omittable(cls) -> tuple[str, ...]:
        return ("basics", "profile", "weights")
