"""A blueprint's 考评蓝图 (试卷结构, ministry 2024 《技能人才评价命题技术规程（试行）》): a theory paper's blocks, its
双向细目表 and difficulty counts, and a skill test's 必考/选考 modules, as exam systems read them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from stdkit.model.out import Out


class DifficultyCounts(Out):
    """Items per 难度 (容易/中等/较难)."""

    easy: int = Field(ge=0, title="容易")
    medium: int = Field(ge=0, title="中等")
    hard: int = Field(ge=0, title="较难")


class PaperBlock(Out):
    """One block (大题) of the theory paper, in paper order."""

    OMITTED_WHEN_NONE = frozenset({"scoring"})

    type: str = Field(
        title="题型",
        description="judgement | single-choice | multiple-choice | fill-blank | short-answer | calculation | "
        "case | essay | drawing.",
    )
    name: str = Field(title="题型名称", description="判断题, 单项选择题 …")
    count: int = Field(ge=1, title="题量")
    points: int | float = Field(title="每题分值", description="Points of each item (may be fractional).")
    scoring: str | None = Field(
        default=None,
        title="评分方式",
        description="Multiple choice: all-or-nothing | partial; omitted when the document gives none.",
    )


class PlanCell(Out):
    """One cell of the 双向细目表: the items of one type drawn from one section."""

    OMITTED_WHEN_NONE = frozenset({"difficulty_counts"})

    section: str = Field(
        title="鉴定范围",
        description="The section's code (<ref>/<level>/<n> for a function), or its key (`ethics`, `basics`) "
        "where it has none. That section's `points` and `inherited` are the 鉴定点 an item of this cell may "
        "test: the pool to filter a question bank by, listed once in the section, not in every cell.",
    )
    section_title: str = Field(title="鉴定范围名称")
    type: str = Field(title="题型", description="A `paper` block's type.")
    count: int = Field(
        ge=0,
        title="题量",
        description="Controlled rounding of weight × the type's count: rows sum to the section's `items`, "
        "columns to the block's `count`, every cell the floor or ceiling of its exact share.",
    )
    points: int | float = Field(
        title="分值", description="The cell's points: count × the type's points each."
    )
    difficulty_counts: DifficultyCounts | None = Field(
        default=None,
        title="难度题量",
        description="Items per difficulty, summing to `count`; columns sum to the paper's `difficulty`. Omitted "
        "when the document gives no difficulty profile.",
    )


class SkillModule(Out):
    """A 技能考核 module (试题模块)."""

    OMITTED_WHEN_NONE = frozenset({"form", "minutes"})

    id: str = Field(
        title="模块标识",
        description="Stable identifier from the module's place in the paper: <ref>/<level>/m<n> for the n-th "
        "必考 module, <ref>/<level>/c<g>.<n> for the n-th module of the g-th 选考 group (a 工种's: "
        "<ref>/<work_type.key>/<level>/…); tells apart modules that test the same functions.",
    )
    module: str = Field(title="模块名称")
    functions: list[str] = Field(title="考核职业功能", description="职业功能 names, as in the sections.")
    function_codes: list[str] = Field(
        title="职业功能代码", description="Their codes (<ref>/<level>/<n>), where the level has them."
    )
    form: str | None = Field(
        default=None, title="考核方式", description="e.g. 实际操作; omitted when not given."
    )
    minutes: int | None = Field(default=None, title="考核时间（分钟）", description="Omitted when not given.")
    points: int | float = Field(title="配分")
    point_codes: list[str] = Field(
        title="鉴定点代码", description="The skill lines (own and inherited) of the module's functions."
    )


class ModuleChoice(Out):
    """选考: `draw` of the modules, chosen by the candidate or drawn by lot (抽考)."""

    draw: int = Field(title="选考数量")
    by: Literal["candidate", "lot"] = Field(title="选定方式", description="candidate 考生自选 | lot 抽签.")
    modules: list[SkillModule] = Field(title="备选模块")


class Modules(Out):
    """技能考核试卷结构: 必考 modules and 选考 groups."""

    required: list[SkillModule] = Field(title="必考模块")
    choose: list[ModuleChoice] = Field(title="选考模块")
