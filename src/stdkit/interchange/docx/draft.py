"""The draft a Word file gives, typed, as the section readers fill it; and the reading in progress.

A :class:`Draft` holds what the printed text said, section by section, before it is bound to the model
(:mod:`stdkit.interchange.docx.bind`). Where a part's keys come in the order the Word file gives them
(职业概况's fields, 培训时间 before or after 培训教师 …), it is a mapping: the YAML is written in that
order. Nothing here reads a file or decides what a field means.
"""

from __future__ import annotations

import dataclasses
from typing import TypedDict

from stdkit.diagnostics import Diagnostic
from stdkit.interchange import layout, rules
from stdkit.interchange.docx.blocks import Grid, Para
from stdkit.model.common import Kind

PerLevel = dict[str, int] | int  # one number for every level, or one per level (L5 … L1)
Conditions = dict[str, list[dict[str, str]]]  # 申报条件: level → [{"text": line}]
Weights = dict[str, dict[str, dict[str, int]]]  # 权重表: theory | skill → level → row → percent


@dataclasses.dataclass(slots=True)
class Cover:
    """封面: the lines the cover prints (None: not printed)."""

    id: str | None = None
    edition: str | None = None
    title: str | None = None
    issuer: str | list[str] | None = None  # joint issuers (人社部、中央网信办…) as a list, in printed order
    issued: str | None = None
    spec: dict[str, str | list[str]] = dataclasses.field(
        default_factory=dict
    )  # an evaluation spec's (SPEC_COVER)


#: 标准学时 as printed: 120, or 「不少于120标准学时」 as ``{"at_least": 120}``.
Hours = int | dict[str, int]


class Training(TypedDict, total=False):
    """职业培训要求, in the order of its sections in the draft."""

    hours: dict[str, Hours]
    teachers: dict[str, str]
    venue: str


class Exam(TypedDict, total=False):
    """合格分数线 and 理论知识试卷题量, in the order the draft gives them."""

    pass_mark: int | dict[str, int]
    theory_items: int


@dataclasses.dataclass(slots=True)
class Area:
    """An area of 基础知识 and its items."""

    area: str
    items: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(slots=True)
class Content:
    """A 工作内容 of a function: its 技能要求 and 相关知识要求."""

    name: str
    skills: list[str]
    knowledge: list[str]


@dataclasses.dataclass(slots=True)
class Function:
    """A 职业功能 of a 工作要求 table."""

    function: str
    contents: list[Content] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(slots=True)
class WorkType:
    """A 工种: its 工作要求 per level, gathered from the tables headed with its name."""

    name: str
    code: str | None = None
    levels: list[str] = dataclasses.field(default_factory=list)
    work: dict[str, list[Function]] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(slots=True)
class Appendix:
    title: str
    body: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(slots=True)
class Erratum:
    """A 勘误 as its line and table print it: date, 文号, and each change's code, 原文 and 更正为."""

    date: str
    notice: str | None
    changes: list[dict[str, str]] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(slots=True)
class Unit:
    """A 考核模块 of a special competency."""

    name: str
    skills: list[str]
    knowledge: list[str]


class SpecialAssessment(TypedDict, total=False):
    """A special competency's 鉴定要求, in the order the draft gives its lines."""

    methods: list[str]
    ratios: dict[str, int]
    durations: dict[str, int | dict[str, int]]  # a minimum as {at_least: 60}
    venue: str
    pass_mark: int | dict[str, int]
    theory_items: int


@dataclasses.dataclass(slots=True)
class Special:
    """What only a special competency (专项职业能力) has."""

    region: str | None = None
    related_occupations: list[str] | None = None
    description: str | None = None
    audience: str | None = None  # 适用对象
    eligibility: list[str] = dataclasses.field(default_factory=list)  # 申报条件
    examiners: dict[str, str | int] = dataclasses.field(default_factory=dict)  # 考评员构成: text, per_panel
    units: list[Unit] = dataclasses.field(default_factory=list)
    assessment: SpecialAssessment = dataclasses.field(default_factory=SpecialAssessment)
    weights: dict[str, dict[str, int]] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(slots=True)
class Draft:
    """What the printed text of a Word file says, section by section."""

    kind: Kind = Kind.OCCUPATIONAL_STANDARD
    where: dict[str, int] = dataclasses.field(default_factory=dict)  # a section → its title's block (DOC920)
    cover: Cover = dataclasses.field(default_factory=Cover)
    errata: list[Erratum] = dataclasses.field(default_factory=list)
    foreword: list[str] = dataclasses.field(default_factory=list)
    drafting: dict[str, str | list[str]] = dataclasses.field(default_factory=dict)
    occupation: dict[str, str] = dataclasses.field(default_factory=dict)  # name, code, definition
    talent_type: str | dict[str, str] | None = None  # 人才类型: one, or one per level
    level_text: tuple[int, str] | None = None  # 职业技能等级's line and its block
    levels: list[str] = dataclasses.field(default_factory=list)  # as that line names them
    level_names: dict[str, str] = dataclasses.field(default_factory=dict)  # level → an employer's own name
    profile: dict[str, str] = dataclasses.field(default_factory=dict)
    training: Training = dataclasses.field(default_factory=Training)
    eligibility: Conditions = dataclasses.field(default_factory=dict)
    footnotes: dict[str, str] = dataclasses.field(default_factory=dict)  # 注 of the 申报条件: marker → note
    methods: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    exam: Exam = dataclasses.field(default_factory=Exam)
    ratios: dict[str, bool | PerLevel] = dataclasses.field(default_factory=dict)
    durations: dict[str, PerLevel | list[str]] = dataclasses.field(default_factory=dict)  # with at_least
    venue: dict[str, str] = dataclasses.field(default_factory=dict)
    ethics: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    knowledge: list[Area] = dataclasses.field(default_factory=list)
    work: dict[str, list[Function]] = dataclasses.field(default_factory=dict)
    weights: Weights = dataclasses.field(default_factory=dict)
    work_types: dict[str, WorkType] = dataclasses.field(default_factory=dict)
    type_eligibility: dict[str, Conditions] = dataclasses.field(default_factory=dict)
    type_hours: dict[str, dict[str, Hours]] = dataclasses.field(default_factory=dict)
    type_weights: dict[str, Weights] = dataclasses.field(default_factory=dict)
    appendices: list[Appendix] = dataclasses.field(default_factory=list)
    references: list[str] = dataclasses.field(default_factory=list)
    special: Special = dataclasses.field(default_factory=Special)
    #: Paragraphs no field holds, kept verbatim by the field they go to (:data:`NOTES_OF`; ``notes``: the
    #: document's own), in the draft's order.
    notes: dict[str, list[str]] = dataclasses.field(default_factory=dict)

    def is_type(self, own: str | None) -> bool:
        """Whether the name in a level's title, ``三级/高级工（电工）``, is a 工种's: not a level's own name."""
        return own is not None and own not in self.level_names.values()


@dataclasses.dataclass(slots=True)
class Reading:
    """A draft being read: where the walk stands, and what it found it could not map."""

    name: str  # the file, as findings name it
    carried: bool  # the file carries stdkit's data: what the text cannot give back is not a finding
    draft: Draft = dataclasses.field(default_factory=Draft)
    findings: list[Diagnostic] = dataclasses.field(default_factory=list)
    section: str = ""  # the section being read ("" on the cover)
    eligibility_for: tuple[str, str | None] | None = None  # the level (and 工种) 申报条件's lines are for
    work_target: tuple[str, str | None] | None = None  # the level (and 工种) 工作要求's next table is for
    work_type_code: str | None = None  # the 工种编码 printed above that table
    paragraphs: int = 0  # the paragraphs of the section being read so far, this one included

    @property
    def further(self) -> bool:
        """Whether this paragraph is not the first of its section: not a one-line field's (职业定义 …)."""
        return self.paragraphs > 1

    def unmapped(self, para: Para) -> None:
        """DOC910: a paragraph no field holds, kept as text in its section's notes (:func:`notes_of`)."""
        field = notes_of(self.draft.kind, self.section)
        if field == "assessment.notes" and "occupations" in self.draft.cover.spec:
            # a rule across occupations has no 鉴定要求 of its own (its routes' text, typed by hand, lands
            # here): an assessment holding only notes would ask for methods it never has
            field = DOCUMENT_NOTES
        self.draft.notes.setdefault(field, []).append(para.text)
        shown = para.text if len(para.text) <= 60 else para.text[:57] + "…"
        self.findings.append(
            rules.R_UNMAPPED.at(
                self.name,
                para.block,
                1,
                block=para.block,
                section=self.section or "封面",
                field=field,
                text=shown,
                # quoted, with a full stop unless the quote ends a sentence itself: no “…。”。
                text_zh=f"“{shown}”" + ("" if shown.endswith(_STOPS_ZH) else "。"),
            )
        )

    def no_level(self, block: int, text: str) -> None:
        """DOC913: a line that should name a level names none."""
        self.findings.append(rules.R_LEVEL.at(self.name, block, 1, block=block, text=text))

    def unread_table(self, grid: Grid, reason: str, reason_zh: str) -> None:
        """DOC912: a table of this section that could not be read, and why (in both languages)."""
        self.findings.append(
            rules.R_TABLE.at(
                self.name,
                grid.block,
                1,
                table=grid.number,
                section=self.section,
                reason=reason,
                reason_zh=reason_zh,
            )
        )

    def cell(self, grid: Grid, row: int, cell: int, reason: str, reason_zh: str, text: str) -> None:
        """DOC911: a cell (row and cell from 0) that could not be read."""
        self.findings.append(
            rules.R_CELL.at(
                self.name,
                grid.block,
                row + 1,
                table=grid.number,
                row=row + 1,
                cell=cell + 1,
                reason=reason,
                reason_zh=reason_zh,
                text=text,
            )
        )


#: The sections whose paragraphs no field holds are kept in the ``notes`` of their part of the model (备注):
#: 职业概况 (its fields included: a second paragraph under 职业定义 is not the definition), 职业培训要求,
#: 职业技能鉴定要求 and 基本要求. Any other section's (the cover, 勘误, 工作要求, 权重表, 评聘, a special
#: competency's) go to the document's own ``notes``.
NOTES_OF: dict[str, str] = {
    **dict.fromkeys(
        (
            layout.H_PROFILE,
            layout.H_NAME,
            layout.H_CODE,
            layout.H_DEFINITION,
            layout.H_LEVELS,
            layout.H_ENVIRONMENT,
            layout.H_ABILITIES,
            layout.H_EDUCATION,
        ),
        "profile.notes",
    ),
    **dict.fromkeys(
        (layout.H_TRAINING, layout.H_HOURS, layout.H_TEACHERS, layout.H_TRAINING_VENUE), "training.notes"
    ),
    **dict.fromkeys(
        (
            layout.H_ASSESSMENT,
            layout.H_ELIGIBILITY,
            layout.H_METHODS,
            layout.H_RATIOS,
            layout.H_DURATIONS,
            layout.H_VENUE,
            layout.H_ROUTES,
        ),
        "assessment.notes",
    ),
    **dict.fromkeys(
        (layout.H_BASICS, layout.H_ETHICS, layout.H_ETHICS_KNOWLEDGE, layout.H_CONDUCT, layout.H_KNOWLEDGE),
        "basics.notes",
    ),
}
#: The document's own notes (备注), where a paragraph goes that no section's notes take.
DOCUMENT_NOTES = "notes"


def notes_of(kind: Kind, section: str) -> str:
    """The field (dotted) that keeps the paragraphs of ``section`` no other field holds."""
    if kind is Kind.SPECIAL_COMPETENCY:
        return DOCUMENT_NOTES
    return NOTES_OF.get(section, DOCUMENT_NOTES)


#: A quoted paragraph that ends a sentence itself takes no second full stop in Chinese (DOC910).
_STOPS_ZH = ("。", "！", "？", "…", "；")
