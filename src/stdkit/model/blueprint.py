"""The exam blueprint (考试蓝图) and the blueprint index: what exam systems download and trust.

These models describe *output*, not authoring input: :mod:`stdkit.blueprint` builds them from a
document, :mod:`stdkit.publish` writes them, and ``schema/blueprint.schema.json`` /
``schema/blueprint-index.schema.json`` are generated from them. Every field carries a title and a
description because integrators read the schema, not our code. Nothing here reads or writes files.

Compatibility (see docs/integrators.md): adding an optional field bumps the minor part of
:data:`SCHEMA_VERSION`; removing, renaming or changing the meaning of a field bumps the major part.
"""

from __future__ import annotations

import enum
from typing import Annotated, Final, Literal

from pydantic import ConfigDict, Field

from stdkit.model.common import Importance, Kind, Status, empty_list
from stdkit.model.keys import UNIT_LEVEL as UNIT_LEVEL  # noqa: PLC0414 - re-exported: the blueprint's vocabulary
from stdkit.model.out import Out
from stdkit.model.papers_out import DifficultyCounts as DifficultyCounts  # noqa: PLC0414 - the blueprint's vocabulary
from stdkit.model.papers_out import ModuleChoice as ModuleChoice  # noqa: PLC0414 - the blueprint's vocabulary
from stdkit.model.papers_out import Modules as Modules  # noqa: PLC0414 - the blueprint's vocabulary
from stdkit.model.papers_out import PaperBlock as PaperBlock  # noqa: PLC0414 - the blueprint's vocabulary
from stdkit.model.papers_out import PlanCell as PlanCell  # noqa: PLC0414 - the blueprint's vocabulary
from stdkit.model.papers_out import SkillModule as SkillModule  # noqa: PLC0414 - the blueprint's vocabulary
from stdkit.model.routes_out import ApprenticeshipRoute as ApprenticeshipRoute  # noqa: PLC0414 - the blueprint's vocabulary
from stdkit.model.routes_out import CompetitionRoute as CompetitionRoute  # noqa: PLC0414 - the blueprint's vocabulary
from stdkit.model.routes_out import DirectRoute as DirectRoute  # noqa: PLC0414 - the blueprint's vocabulary
from stdkit.model.routes_out import GradingRoute as GradingRoute  # noqa: PLC0414 - the blueprint's vocabulary
from stdkit.model.routes_out import Rank as Rank  # noqa: PLC0414 - the blueprint's vocabulary
from stdkit.model.routes_out import Route as Route  # noqa: PLC0414 - the blueprint's vocabulary

#: The contract's version (major.minor) in every published JSON, bumped by the rule of docs/integrators.md.
SCHEMA_VERSION: Final = "2.0"
#: The type of every ``schema_version`` field: exactly :data:`SCHEMA_VERSION` (a test holds the two equal).
SchemaVersion = Literal["2.0"]


class ErratumChangeOut(Out):
    """One line an erratum fixed: its code, its text as published and after the fix."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    code: str = Field(title="鉴定点代码", description="The full code, e.g. 4-10-01-02@2019/L5/1.1.2.")
    from_: str = Field(alias="from", title="原文", description="The line as the edition printed it.")
    to: str = Field(title="更正为", description="The line after the fix.")


class ErratumOut(Out):
    """A 勘误: wording fixes to a published edition; codes and places of lines never change."""

    OMITTED_WHEN_NONE = frozenset({"notice"})

    date: str = Field(title="勘误日期", description="YYYY-MM-DD.")
    notice: str | None = Field(
        default=None, title="勘误文号", description="Omitted when the erratum gives none."
    )
    changes: list[ErratumChangeOut] = Field(title="更正内容")


class DocumentRef(Out):
    """The standard a blueprint was compiled from."""

    OMITTED_WHEN_NONE = frozenset(
        {"notice", "effective", "provisional", "errata", "superseded_by", "exam_until", "withdrawn"}
    )

    id: str = Field(title="标识", description="The document's id, e.g. 6-31-01-03.")
    edition: str = Field(title="版本", description='The edition, e.g. "2018".')
    ref: str = Field(title="引用", description="id@edition, the full reference.")
    kind: Kind = Field(
        title="文件类型", description="occupational-standard | evaluation-spec | special-competency."
    )
    title: str = Field(title="名称")
    issuer: str = Field(title="发布单位")
    status: Status = Field(
        title="状态", description="The document's status; only `published` ones are in the index by default."
    )
    issued: str | None = Field(
        title="发布日期",
        description="As the document gives it: YYYY-MM-DD, or YYYY-MM where the source gives no day; "
        "null when it gives none.",
    )
    supersedes: str | None = Field(title="代替", description="The edition (id@edition) this one replaces.")
    notice: str | None = Field(
        default=None,
        title="文号",
        description="The 文号 of the notice that published the document, as printed; omitted when it gives none.",
    )
    effective: str | None = Field(
        default=None,
        title="施行日期",
        description="YYYY-MM-DD, the date the document takes effect; omitted when it gives none.",
    )
    sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$",
        title="源文件摘要",
        description="SHA-256 (hex) of the YAML source file the blueprint was compiled from.",
    )
    revision: int = Field(
        default=0,
        ge=0,
        title="修订次数",
        description="0 as published; each 勘误 (erratum) raises it by one. Codes keep their place and meaning "
        "across revisions: an erratum only fixes the wording of lines.",
    )
    errata: list[ErratumOut] = Field(
        default_factory=empty_list,
        title="勘误",
        description="The errata of the edition, oldest first; omitted when none.",
    )
    superseded_by: str | None = Field(
        default=None,
        title="被替代",
        description="id@edition of the newest edition that supersedes this one; omitted while it is in force.",
    )
    exam_until: str | None = Field(
        default=None,
        title="可考至",
        description="YYYY-MM-DD: a superseded edition may be examined until this day (过渡期); omitted when the "
        "successor gives no date. Schedule no exam on this edition after it.",
    )
    withdrawn: str | None = Field(
        default=None,
        title="废止日期",
        description="YYYY-MM-DD, for status withdrawn: schedule no exam on this edition after it.",
    )
    provisional: list[str] = Field(
        default_factory=empty_list,
        title="暂定内容",
        description="Only in a preview (`stdkit build --drafts`): the sections the draft leaves out or marks "
        "provisional (weights, basics, work …). A blueprint that has them is not for examination; omitted when none.",
    )


class CurrentOccupation(Out):
    """The occupation a printed code means in the current 大典, where the code or name printed is an earlier one."""

    code: str = Field(
        title="现行职业编码", description="The occupation's code in the current 大典, e.g. 4-01-06-02."
    )
    name: str = Field(title="现行职业名称", description="Its current name.")
    relation: Literal["legacy", "renamed"] = Field(
        title="关系",
        description="legacy: the printed code is an earlier (e.g. 2015-structure) code of this occupation; "
        "renamed: the printed name is an earlier name.",
    )
    verified: bool = Field(
        title="已核实", description="Whether the reference data verifies the correspondence."
    )


class OccupationRef(Out):
    """The occupation (职业分类大典) the document certifies; for a special competency, its related ones.

    ``code`` and ``name`` are as the document prints them; ``current`` says what they mean in the current 大典
    when the printed code or name is an earlier one (4-01-02-07 互联网营销师 → 4-01-06-02)."""

    OMITTED_WHEN_NONE = frozenset({"current"})

    code: str | None = Field(
        title="职业编码", description="职业分类大典 code; null for a special competency."
    )
    name: str = Field(title="职业名称", description="The occupation, or the special competency's title.")
    related: list[str] = Field(
        default_factory=empty_list,
        title="相关职业",
        description="Special competency only: related occupation codes.",
    )
    classification: str | None = Field(
        default=None,
        title="职业分类依据",
        description="The state of the 职业分类大典 the code was checked against, e.g. "
        "职业分类大典（2022年版）及 2024、2025 年发布的新职业信息.",
    )
    current: CurrentOccupation | None = Field(
        default=None,
        title="现行职业",
        description="Present only where the printed code or name is an earlier one: the current code and name "
        "in the 大典 named by `classification`. An exam system files the blueprint under this code.",
    )


class LevelRef(Out):
    """The level the blueprint assesses."""

    id: str = Field(
        title="等级标识",
        description="A ladder id (apprentice, L5 … L1, principal, chief), or `unit` for a special competency.",
    )
    name: str = Field(
        title="等级名称", description="The ladder's name, e.g. 中级工; 专项职业能力 for `unit`."
    )
    grade: str | None = Field(
        title="国家等级", description="五级 … 一级; null for employer levels and `unit`."
    )
    title: str = Field(title="等级全称", description="e.g. 四级/中级工 or 特级技师.")
    own_name: str | None = Field(
        title="企业等级名称",
        description="The employer's own name for this level (evaluation spec level_names), e.g. 一级操作师.",
    )
    examined: bool = Field(
        title="考试评价", description="False for principal/chief, which are appointed (评聘)."
    )


class WorkTypeRef(Out):
    """The 工种 a blueprint assesses, where the occupation is divided into 工种 at this level."""

    key: str = Field(
        title="工种标识",
        description="The 工种's part of URLs and 鉴定点 codes: its code's three-digit suffix (001), or w<n> "
        "(its position) when the document gives no code.",
    )
    code: str | None = Field(title="工种编码", description="e.g. 4-12-01-01-001; null when not given.")
    name: str = Field(title="工种名称", description="e.g. 机械维修.")


class EligibilityRule(Out):
    """One 申报条件; a candidate qualifies by meeting any one of the level's conditions."""

    text: str = Field(title="申报条件", description="The condition as printed.")
    prior_level: str | None = Field(
        title="前置等级", description="Ladder id the candidate must already hold."
    )
    years: float | None = Field(
        title="从业年限",
        description="Years of work in the occupation required; with several routes, the least of `years_options`.",
    )
    education: str | None = Field(title="学历条件")

    OMITTED_WHEN_NONE = frozenset({"years_options", "min_age", "max_age", "exceptional"})
    years_options: list[float] | None = Field(
        default=None,
        title="各途径从业年限",
        description="Only when the condition has several routes: each route's years, in printed order.",
    )
    min_age: int | None = Field(
        default=None, title="最低年龄", description="年满N周岁; omitted when not stated."
    )
    max_age: int | None = Field(
        default=None, title="最高年龄", description="不超过N周岁; omitted when not stated."
    )
    exceptional: bool | None = Field(
        default=None, title="破格申报", description="true for a 破格 route; omitted otherwise."
    )


class EligibilityNotes(Out):
    """注 of the 申报条件: what 相关职业, 本专业 and 相关专业 mean for this document."""

    related_occupations: list[str] = Field(title="相关职业")
    majors: list[str] = Field(title="本专业")
    related_majors: list[str] = Field(title="相关专业")


class Composite(Out):
    """综合成绩: how the components' scores (each out of 100) weigh into one."""

    weights: dict[str, int] = Field(
        title="成绩构成",
        description="Percent per component kind, only the components this level has; sums to 100 (rule ASM311 "
        "reports a level where it does not).",
    )
    pass_mark: int | None = Field(
        title="综合成绩合格线", description="Out of 100; null when only components count."
    )

    OMITTED_WHEN_NONE = frozenset({"separate"})
    separate: list[str] | None = Field(
        default=None,
        title="单独合格",
        description="The level's other components (e.g. performance, review), outside the composite: each passes "
        "on its own `pass_mark`. Omitted when the composite weighs them all.",
    )


class Point(Out):
    """A 鉴定点 of the 鉴定要素细目表: one skill or knowledge line, with its stable code."""

    code: str = Field(
        title="鉴定点代码",
        description="Stable identifier <id>@<edition>/<level>/<n.n.n> (skills), <n.n.kn> (knowledge); "
        "a 工种's own lines <id>@<edition>/<work_type.key>/<level>/…; see docs/integrators.md.",
    )
    text: str = Field(title="鉴定点", description="The line as printed in the standard.")
    importance: Importance = Field(title="重要程度", description="X 核心要素, Y 一般要素, Z 辅助要素.")
    level: str = Field(
        title="来源等级",
        description="The level whose column defines the line; lower than the blueprint's level for inherited lines.",
    )
    content: str | None = Field(
        title="工作内容", description="The 工作内容 (or knowledge area) it belongs to."
    )


class BankGuideline(Out):
    """How many 鉴定点 a question bank wants, against how many there are (information, not a failure)."""

    points: int = Field(
        title="鉴定点数", description="The 鉴定点 of the section or component (own level's only)."
    )
    required: int = Field(title="常规题库要求", description="2 × the section's weight, or 200 per level.")
    meets: bool = Field(title="满足常规要求")
    required_premium: int = Field(
        title="精品题库要求", description="3 × the section's weight, or 300 per level."
    )
    meets_premium: bool = Field(title="满足精品要求")


class Section(Out):
    """One row of the 权重表: ethics, basics, a 职业功能 or a 考核模块."""

    key: str = Field(
        title="键", description="`ethics`, `basics`, or the function/unit name exactly as in the 权重表."
    )
    name: str = Field(title="名称", description="Display name, e.g. 职业道德 or the function's name.")
    code: str | None = Field(
        title="代码",
        description="Identifier of the function or unit (<ref>/<level>/<n>); null for ethics/basics.",
    )
    weight: int = Field(ge=0, le=100, title="比重", description="Percent of the component's score.")
    items: int | None = Field(
        title="题量",
        description="Theory only: the paper's items apportioned by weight (largest remainder, ties by order); "
        "null when the paper's count is not given (the component's `unstated`).",
    )
    points: list[Point] = Field(title="鉴定点", description="The level's own lines this section draws on.")
    inherited: list[Point] = Field(
        title="继承鉴定点",
        description="Lines of lower levels' functions of the same name (higher levels include lower "
        "levels' requirements); each carries its own level. Not counted in `bank`.",
    )
    bank: BankGuideline = Field(title="题库要求")


#: Why a field an exam system needs is null (docs/integrators.md, "Values a document does not give"):
#: ``not-stated`` the document sets none (文件未规定) and stdkit assumes none; ``provisional`` a draft whose
#: assessment is not settled yet (暂定).
Unstated = Literal["not-stated", "provisional"]
UNSTATED_DESCRIPTION = (
    "The fields of this component that are null because the document does not give them, each with its "
    "reason: `not-stated` (文件未规定: no value is assumed, set your own) or `provisional` (a draft's assessment "
    "is not settled, 暂定). Keys: `pass_mark` (with `pass_points`), `items` (theory, with every section's "
    "`items`), `weights` (the level's 权重表 column: every section's `weight` is 0, no section's `items` and no "
    "`plan` are invented). Omitted when the document gives them all."
)


class ComponentKind(enum.StrEnum):
    THEORY = "theory"
    SKILL = "skill"
    REVIEW = "review"
    PERFORMANCE = "performance"
    APPOINTMENT = "appointment"
    APPRENTICESHIP = "apprenticeship"


#: Fields of :class:`Exam` that only a document with `assessment.papers` fills in.
PAPER_FIELDS = frozenset({"paper", "difficulty", "plan", "total_points", "pass_points", "minutes", "modules"})


class Exam(Out):
    """A theory paper (理论知识考试) or a skill test (技能考核)."""

    kind: Literal["theory", "skill"] = Field(title="类型")
    name: str = Field(title="名称", description="理论知识考试 or 技能考核.")
    duration: int | None = Field(title="时长（分钟）")
    pass_mark: int | None = Field(
        title="合格分数线", description="Out of 100; null when the document gives none (see `unstated`)."
    )
    ratio: int | None = Field(title="考评配比", description="Candidates per examiner (15 means 1:15).")
    venue: str | None = Field(title="场所设备")
    items: int | None = Field(
        title="题量",
        description="Theory only: items in the paper; sections sum to it. Null for a skill test, and for a "
        "theory paper whose document gives no count (see `unstated`).",
    )
    sections: list[Section] = Field(title="组成")
    bank: BankGuideline = Field(title="题库要求", description="Level total: 200 (精品 300) 鉴定点.")

    OMITTED_WHEN_NONE = frozenset(
        {"duration_at_least", "invigilators_at_least", "examiners_at_least", "examiners_odd", "unstated"}
        | PAPER_FIELDS
    )
    unstated: dict[str, Unstated] | None = Field(
        default=None, title="未规定", description=UNSTATED_DESCRIPTION
    )
    duration_at_least: bool | None = Field(
        default=None,
        title="时长为下限",
        description="true when `duration` is a minimum (不少于); omitted otherwise.",
    )
    invigilators_at_least: int | None = Field(
        default=None, title="每个考场监考人员下限", description="Theory: 每个考场不少于N名监考人员."
    )
    examiners_at_least: int | None = Field(
        default=None, title="考评人员下限", description="Skill: 考评人员N人（含）以上."
    )
    examiners_odd: bool | None = Field(
        default=None, title="考评人员为单数", description="Skill: true when odd."
    )
    # 试卷结构 (assessment.papers): present only when the document composes this level's paper.
    paper: list[PaperBlock] | None = Field(
        default=None, title="试卷结构", description="Theory: the paper's blocks (大题) in order."
    )
    difficulty: DifficultyCounts | None = Field(
        default=None,
        title="难度分布",
        description="Theory: items per difficulty over the paper (the profile's percentages, largest remainder).",
    )
    plan: list[PlanCell] | None = Field(
        default=None,
        title="双向细目表",
        description="Theory: one cell per (section, type), sections in order, types in paper order.",
    )
    total_points: int | float | None = Field(default=None, title="试卷总分", description="Theory: 100.")
    pass_points: int | float | None = Field(
        default=None, title="合格分", description="Theory: total_points × pass_mark / 100."
    )
    minutes: int | None = Field(
        default=None, title="考试时间（分钟）", description="Theory: the paper's time."
    )
    modules: Modules | None = Field(
        default=None, title="考核模块", description="Skill: 必考 and 选考 modules."
    )


class Review(Out):
    """综合评审 (L2, L1, and where a document's methods include it), or 业绩评审 (kind `performance`)."""

    kind: Literal["review", "performance"] = Field(
        title="类型", description="review 综合评审 | performance 业绩评审."
    )
    name: str = Field(title="名称")
    duration: int | None = Field(title="时长（分钟）")
    pass_mark: int | None = Field(
        title="合格分数线", description="Out of 100; null when the document gives none (see `unstated`)."
    )
    panel_size: int | None = Field(title="评审委员人数", description="Members of the review panel.")
    venue: str | None = Field(title="场所设备")

    OMITTED_WHEN_NONE = frozenset({"panel_at_least", "panel_odd", "duration_at_least", "unstated"})
    panel_at_least: bool | None = Field(
        default=None, title="人数为下限", description="true when `panel_size` is a minimum (N人（含）以上)."
    )
    panel_odd: bool | None = Field(default=None, title="单数", description="true when the panel must be odd.")
    duration_at_least: bool | None = Field(
        default=None, title="时长为下限", description="true when `duration` is a minimum (不少于)."
    )
    unstated: dict[str, Unstated] | None = Field(
        default=None, title="未规定", description=UNSTATED_DESCRIPTION
    )


class Criterion(Out):
    """One 评聘条件: a condition a panel verifies, not a 鉴定点 (it has no 重要程度 and no item)."""

    code: str = Field(
        title="条件代码", description="<ref>/<level>/a<n>, numbered across groups in document order."
    )
    text: str = Field(title="条件", description="As printed.")


class CriteriaGroup(Out):
    """A group of 评聘条件: all of them (基本条件), or at least `required` of them (业绩条件)."""

    name: str | None = Field(title="名称", description="e.g. 基本条件; null when the document names none.")
    rule: Literal["all", "any"] = Field(
        title="规则", description="all: every criterion; any: at least `required`."
    )
    required: int = Field(
        title="须具备项数", description="How many criteria of the group a candidate must meet."
    )
    criteria: list[Criterion] = Field(title="条件")


class Appointment(Out):
    """评聘 of a 特级技师/首席技师: a review (评审) blueprint with grouped criteria, not an exam.

    A candidate qualifies when every group is met. A flat list of criteria is one `all` group.
    """

    kind: Literal["appointment"] = Field(title="类型")
    name: str = Field(title="名称")
    groups: list[CriteriaGroup] = Field(title="评聘条件", description="Every group must be met.")
    procedure: list[str] = Field(title="评聘程序", description="e.g. 推荐, 评审, 公示核准, 聘任.")

    OMITTED_WHEN_NONE = frozenset({"term_years", "quota"})
    term_years: int | None = Field(default=None, title="聘期（年）", description="Omitted when not stated.")
    quota: str | None = Field(default=None, title="名额", description="As printed; omitted when not stated.")


class Apprenticeship(Out):
    """The employer's end-of-apprenticeship assessment (转正定级) of an apprentice."""

    kind: Literal["apprenticeship"] = Field(title="类型")
    name: str = Field(title="名称")
    assessed_by: Literal["employer"] = Field(title="评价主体")
    note: str = Field(title="说明")


Component = Annotated[Exam | Review | Appointment | Apprenticeship, Field(discriminator="kind")]


class Blueprint(Out):
    """One (document, edition, level): what an exam system needs to assemble and score the assessment."""

    schema_version: SchemaVersion = Field(
        title="格式版本", description="major.minor of the blueprint format."
    )
    document: DocumentRef = Field(title="文件")
    occupation: OccupationRef = Field(title="职业")
    level: LevelRef = Field(title="等级")
    eligibility: list[EligibilityRule] = Field(title="申报条件", description="Any one suffices.")
    methods: list[str] = Field(
        title="鉴定方式", description="The components, in order: theory, skill, review …"
    )
    components: list[Component] = Field(title="组成部分", description="Discriminated by `kind`.")
    bank: BankGuideline | None = Field(
        title="题库要求",
        description="Theory 鉴定点 of the level against 200 (精品 300); null without theory.",
    )
    routes: list[Route] = Field(
        default_factory=empty_list,
        title="其他评价途径",
        description="Evaluation spec only: the routes (第九、十条) by which a candidate reaches this level other "
        "than by this assessment, in the spec's order, discriminated by `kind`; omitted when there are none.",
    )
    work_type: WorkTypeRef | None = Field(
        default=None,
        title="工种",
        description="Present only where the level is divided into 工种: the 工种 this blueprint assesses.",
    )

    OMITTED_WHEN_NONE = frozenset({"composite", "eligibility_notes", "routes", "work_type"})
    composite: Composite | None = Field(
        default=None,
        title="综合成绩",
        description="How components weigh into one score; omitted when not stated.",
    )
    eligibility_notes: EligibilityNotes | None = Field(
        default=None, title="申报条件注", description="相关职业/本专业/相关专业; omitted when not stated."
    )


class IndexEntry(Out):
    """One blueprint file in the index."""

    OMITTED_WHEN_NONE = frozenset({"work_type", "case_url", "case_sha256", "exam_until"})

    url: str = Field(
        title="地址",
        description="Relative to index.json: <id>/<edition>/<level>.json, or "
        "<id>/<edition>/<work_type.key>/<level>.json for a 工种's blueprint.",
    )
    latest_url: str | None = Field(
        title="最新地址",
        description="<id>/latest/<level>.json when this is the newest published edition, else null.",
    )
    xlsx_url: str = Field(title="细目表地址", description="The 鉴定要素细目表 workbook beside the JSON.")
    sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$", title="摘要", description="SHA-256 (hex) of the JSON file."
    )
    xlsx_sha256: str = Field(pattern=r"^[0-9a-f]{64}$", title="细目表摘要")
    document: DocumentRef = Field(title="文件")
    level: str = Field(title="等级标识", description="The ladder id (L3), also for a 工种's blueprint.")
    status: Status = Field(
        title="状态",
        description="published (in force) | superseded | withdrawn; previews (include_drafts) list drafts too.",
    )
    superseded_by: str | None = Field(
        title="被替代",
        description="id@edition of the newest edition that supersedes this one: schedule no exam on this edition "
        "after `exam_until`.",
    )
    exam_until: str | None = Field(
        default=None,
        title="可考至",
        description="YYYY-MM-DD, for a superseded edition: the last day of its 过渡期; omitted when unknown or "
        "when the edition is in force.",
    )
    work_type: WorkTypeRef | None = Field(
        default=None,
        title="工种",
        description="Present only for a 工种's blueprint: (document, work_type.key, level) is unique.",
    )
    case_url: str | None = Field(
        default=None,
        title="CASE 包地址",
        description="<id>/<edition>/case.json: the document's 1EdTech CASE 1.1 CFPackage, the same on every "
        "level's entry of the document; omitted where none is published.",
    )
    case_sha256: str | None = Field(
        default=None,
        pattern=r"^[0-9a-f]{64}$",
        title="CASE 包摘要",
        description="SHA-256 (hex) of case.json.",
    )


class SchemaUrls(Out):
    """Where the site publishes the JSON Schema of each kind of file, relative to index.json (added in 2.0)."""

    blueprint: str = Field(title="蓝图格式", description="../schema/<version>/blueprint.schema.json.")
    index: str = Field(title="索引格式", description="../schema/<version>/blueprint-index.schema.json.")
    latest: str = Field(title="指针格式", description="../schema/<version>/blueprint-latest.schema.json.")


class Index(Out):
    """site/blueprints/index.json."""

    schema_version: SchemaVersion = Field(title="格式版本")
    schemas: SchemaUrls = Field(title="格式定义", description="The published schemas of the files listed.")
    include_drafts: bool = Field(
        title="含未发布", description="True for previews that include unpublished documents."
    )
    blueprints: list[IndexEntry] = Field(title="蓝图", description="Sorted by id, edition, level rank.")


class LatestPointer(Out):
    """site/blueprints/<id>/latest/<level>.json: where the newest published edition's blueprint is.

    A pointer, not a copy, so ``latest/`` costs a few hundred bytes per level instead of doubling
    the published tree. Fetch ``url`` (relative to this file) and check it against ``sha256``.
    """

    OMITTED_WHEN_NONE = frozenset({"work_type"})

    schema_version: SchemaVersion = Field(title="格式版本")
    latest: Literal[True] = Field(
        title="最新版指针", description="Always true: this file points at a blueprint, it is not one."
    )
    document: str = Field(title="文件", description="id@edition of the newest published edition.")
    level: str = Field(title="等级标识", description="The ladder id (L3), also for a 工种's blueprint.")
    url: str = Field(
        title="地址", description="The blueprint, relative to this file: ../<edition>/<level>.json."
    )
    sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$", title="摘要", description="SHA-256 (hex) of that JSON file."
    )
    xlsx_url: str = Field(title="细目表地址", description="Its 鉴定要素细目表, relative to this file.")
    xlsx_sha256: str = Field(pattern=r"^[0-9a-f]{64}$", title="细目表摘要")
    work_type: WorkTypeRef | None = Field(
        default=None, title="工种", description="Present only for a 工种's blueprint."
    )
