"""Types shared by the three document kinds: the header, lines, assessment pieces.

Every field carries a Chinese title and a description, because the exported JSON Schema is what
an author's editor shows on hover and completion. Models validate shape only; rules that need
judgement (sums, ladder placement) live in ``stdkit.checks``. Models never read files.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    PrivateAttr,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from stdkit.ladder import Level

#: An id and an edition become folder and file names of the site and the blueprints
#: (``blueprints/<id>/<edition>/<level>.json``) on every system that builds or downloads them: so
#: ASCII letters, digits, ``.``, ``_`` and ``-``, starting with a letter or digit and not ending with
#: ``.`` (Windows drops it), at most 64 characters for an id and 32 for an edition (paths stay far
#: below Windows' 260). ``$`` is the end of the text in pydantic's and JSON Schema's regex engines, so
#: a trailing newline is refused. Names Windows reserves (CON, NUL …) are a collection rule, REF806.
ID_MAX = 64
EDITION_MAX = 32
_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9._-]{{0,{}}}[A-Za-z0-9_-])?"
ID_PATTERN = f"^{_NAME.format(ID_MAX - 2)}$"
EDITION_PATTERN = f"^{_NAME.format(EDITION_MAX - 2)}$"
REF_PATTERN = f"^{_NAME.format(ID_MAX - 2)}@{_NAME.format(EDITION_MAX - 2)}$"
#: 职业分类大典 code X-XX-XX-XX, optionally with a 工种 suffix -XXX (e.g. 6-30-05-01-014).
OCCUPATION_CODE_PATTERN = r"^\d-\d{2}-\d{2}-\d{2}(-\d{3})?$"


def empty_list() -> list[Any]:
    """``[]``, the default of a list field: ``Field(default_factory=empty_list)``, never ``list`` itself.

    pydantic inspects every default factory's signature when it makes a model class; for the builtin
    ``list`` that means parsing its text signature, ≈ 0.3–0.6 ms a field, for a function of ours
    0.01 ms. The document and blueprint models have 21 such fields, met ≈ 50 times with their
    subclasses: ≈ 0.02 s of every command's start-up.
    """
    return []


def _number_to_text(value: Any) -> Any:
    """Authors write ``edition: 2018``; YAML reads a number. Accept it as the text it obviously is."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Text = Annotated[str, Field(min_length=1)]


def section_notes(section: str) -> Any:
    """The ``notes`` field of a section (备注): the section's other text, verbatim."""
    return Field(
        default=None,
        title="备注",
        description=f"Text of the {section} that no field of its own holds, verbatim, a paragraph a line: what "
        "`stdkit import docx` keeps of a paragraph of a draft it cannot place in a field (DOC910 says which). "
        "Printed under the section's heading in Word; move each sentence into its field when there is one.",
    )


NumberText = Annotated[str, BeforeValidator(_number_to_text)]


class Strict(BaseModel):
    """Base of every model: unknown fields are errors (they are almost always typos)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, use_enum_values=False)


class Kind(enum.StrEnum):
    OCCUPATIONAL_STANDARD = "occupational-standard"
    EVALUATION_SPEC = "evaluation-spec"
    SPECIAL_COMPETENCY = "special-competency"


KIND_NAMES: dict[Kind, str] = {
    Kind.OCCUPATIONAL_STANDARD: "职业标准",
    Kind.EVALUATION_SPEC: "评价规范",
    Kind.SPECIAL_COMPETENCY: "专项职业能力考核规范",
}


class Status(enum.StrEnum):
    DRAFT = "draft"
    CONSULTATION = "consultation"
    APPROVED = "approved"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"


STATUS_NAMES: dict[Status, str] = {
    Status.DRAFT: "草案",
    Status.CONSULTATION: "征求意见",
    Status.APPROVED: "已批准",
    Status.PUBLISHED: "已发布",
    Status.SUPERSEDED: "已被替代",
    Status.WITHDRAWN: "已废止",
}

#: The mark every output of a working document carries (cover, page banner, workbook header): a draft is
#: 草案, a document out for public comment 征求意见稿; any other status has none.
WORKING_MARKS: dict[Status, str] = {Status.DRAFT: "草案", Status.CONSULTATION: "征求意见稿"}

#: Statuses at which a document is final: approved, or issued (a placeholder left in it would be printed
#: and examined; an imported Word file takes one only where its printed cover shows it was issued).
FINAL = frozenset({Status.APPROVED, Status.PUBLISHED, Status.SUPERSEDED, Status.WITHDRAWN})


class Relation(enum.StrEnum):
    LICENCE_REQUIRED = "licence-required"
    EVALUATION_BASIS = "evaluation-basis"


class Method(enum.StrEnum):
    THEORY = "theory"
    SKILL = "skill"
    REVIEW = "review"
    PERFORMANCE = "performance"


#: The two theory sections every level shares, as weight tables and blueprints key them.
ETHICS_KEY = "ethics"
BASICS_KEY = "basics"
SECTION_TITLES: dict[str, str] = {ETHICS_KEY: "职业道德", BASICS_KEY: "基础知识"}

METHOD_NAMES: dict[Method, str] = {
    Method.THEORY: "理论知识考试",
    Method.SKILL: "技能考核",
    Method.REVIEW: "综合评审",
    Method.PERFORMANCE: "业绩评审",
}


class Importance(enum.StrEnum):
    """重要程度 of a 鉴定点: X core (职业活动必备), Y general, Z auxiliary."""

    X = "X"
    Y = "Y"
    Z = "Z"


class Line(Strict):
    """One requirement line (技能要求, 相关知识要求 …); also a 鉴定点 of the 鉴定要素细目表.

    In YAML a plain string, or a mapping when it needs an importance other than X.
    """

    text: Text = Field(title="内容", description="The requirement as it is printed in the standard.")
    importance: Importance = Field(
        default=Importance.X,
        title="重要程度",
        description="X 核心要素 (default), Y 一般要素, Z 辅助要素 — the 鉴定点's weight in question banks.",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        as_mapping = handler(schema)
        return {
            "anyOf": [
                {"type": "string", "minLength": 1, "description": "The line itself (重要程度 X)."},
                as_mapping,
            ]
        }


Lines = Annotated[list[Line], Field(min_length=1)]


class QualificationLink(Strict):
    """衔接: how this document relates to an item of the 国家职业资格目录."""

    item: Text = Field(title="职业资格", description="The catalogue item, by name (e.g. 特种作业人员) or id.")
    relation: Relation = Field(
        title="衔接方式",
        description="licence-required: the 准入类 licence is still needed to practise; "
        "evaluation-basis: this document is the basis of that 水平评价类 evaluation.",
    )
    note: str | None = Field(
        default=None, title="说明", description="What a candidate must know about the link."
    )


#: Editions of the 职业分类大典 stdkit knows (``classification_edition``); 2022 is the current one.
CLASSIFICATION_EDITIONS: tuple[str, ...] = ("2015", "2022")


# -- front matter (说明, 发布, 编制, 附录, 引用文件): printed as written, never composed by stdkit ------


# -- drafts: dates as precise as the source, sections not settled yet (issue 17) ------------------------


#: 发布日期 as the source gives it: a day (2021-10-20) or only a month (2021-10).
PARTIAL_DATE_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$"


class PartialDate(str):
    """A date exactly as precise as the author wrote it: ``2021-10-20`` or ``2021-10``.

    Text, so every output prints what the author wrote (never an invented day); :attr:`as_date`
    (the first day of a month) is what comparisons use. Never construct one from an unchecked string:
    :meth:`parse` refuses what is not on the calendar.
    """

    __slots__ = ()

    @classmethod
    def parse(cls, value: str) -> PartialDate:
        text = value if len(value) > len("YYYY-MM") else f"{value}-01"
        try:
            datetime.date.fromisoformat(text)
        except ValueError:  # 2021-02-30: reported like any date that is not on the calendar (SCH105)
            raise PydanticCustomError("date_parsing", "not a date on the calendar") from None
        return cls(value)

    @property
    def has_day(self) -> bool:
        return len(self) > len("YYYY-MM")

    @property
    def as_date(self) -> datetime.date:
        """The day, or the first day of the month: the earliest date the text can mean."""
        return datetime.date.fromisoformat(self if self.has_day else f"{self}-01")

    def isoformat(self) -> str:
        """As written: ISO 8601 allows a month (YYYY-MM) as a date of reduced precision."""
        return str(self)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        text = core_schema.str_schema(pattern=PARTIAL_DATE_PATTERN)
        checked = core_schema.no_info_after_validator_function(cls.parse, text)
        return core_schema.no_info_before_validator_function(
            _date_to_text, checked, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )


def _date_to_text(value: Any) -> Any:
    """YAML reads an unquoted 2021-10-20 as a date: keep it as the text the author wrote."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


class Section(enum.StrEnum):
    """A section a draft may mark provisional (暂定)."""

    WEIGHTS = "weights"
    TRAINING = "training"
    PROFILE = "profile"
    BASICS = "basics"
    WORK = "work"
    ASSESSMENT = "assessment"
    UNITS = "units"


SECTION_NAMES: dict[str, str] = {
    "weights": "权重表",
    "training": "培训要求",
    "profile": "职业概况",
    "basics": "基本要求",
    "work": "工作要求",
    "assessment": "鉴定要求",
    "units": "考核模块",
    # parts a draft may leave out (see Header.gaps)
    "edition": "版本年份",
    "basics.ethics": "职业道德",
    "basics.ethics.knowledge": "职业道德基本知识",
    "basics.ethics.code_of_conduct": "职业守则",
    "basics.knowledge": "基础知识",
    "assessment.methods": "考核方式",
}


class AtLeast(Strict):
    """A minimum as printed (不少于): 「不少于 120 标准学时」 → ``{at_least: 120}``."""

    at_least: Annotated[int, Field(ge=1)] = Field(title="不少于")


def amount(value: int | AtLeast | None) -> int | None:
    """The number of an exact value or of a minimum."""
    return value.at_least if isinstance(value, AtLeast) else value


def amount_text(value: int | AtLeast, unit: str) -> str:
    """``120标准学时`` or ``不少于120标准学时``, as the document gives it."""
    return f"不少于{value.at_least}{unit}" if isinstance(value, AtLeast) else f"{value}{unit}"


#: The edition of a draft transcribed from a source that gives no year (a draft only: DRF701, DRF702 once final).
#: It stays the edition's identifier (``id@undated``, ``standards/<id>/undated.html``, ``blueprints/<id>/undated/``);
#: a label a reader sees prints :data:`UNDATED_LABEL` in every form (never the English word).
UNDATED = "undated"
UNDATED_LABEL = "未注明年份"


def ref_label(ref: str) -> str:
    """A reference as a reader sees it: ``6-31-01-03@2018`` as it is, an undated draft's ``S-GD-ZBDH（未注明年份）``."""
    document_id, _, edition = ref.partition("@")
    return f"{document_id}（{UNDATED_LABEL}）" if edition == UNDATED else ref


@dataclasses.dataclass(frozen=True, slots=True)
class Gap:
    """A part a document leaves out: where a finding points (the part's parent, or ``status``), the part
    (``weights``, ``basics.ethics.knowledge``, ``units[0].skills`` …) and its Chinese name."""

    where: tuple[str | int, ...]
    section: str
    name: str
    key: bool = False  # point at the key of ``where`` (a mapping that lacks the part), not at its value


class Publication(Strict):
    """The notice that published the document (发布通知)."""

    notice: Text | None = Field(
        default=None, title="文号", description="The notice's number as printed, e.g. 人社厅发〔2019〕××号."
    )
    effective: datetime.date | None = Field(
        default=None, title="施行日期", description="YYYY-MM-DD; not before `issued`."
    )
    transition_until: datetime.date | None = Field(
        default=None,
        title="过渡期截止",
        description="YYYY-MM-DD: the edition this one supersedes may be examined until this day (过渡期); "
        "default: the day before `effective`.",
    )


#: A line's code within its document, as errata name it: ``L5/1.1.2``, ``basics/2.3``, ``unit/1.k2`` …
LINE_CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9./]*$"


class ErratumChange(Strict):
    """One wording fix: the line's code, its text as published and its text after the fix."""

    code: str = Field(
        pattern=LINE_CODE_PATTERN,
        title="鉴定点代码",
        description="The line's code within the document, as the blueprints print it after the edition: "
        "L5/1.1.2, L4/2.1.k1, basics/1.2, ethics/c3, unit/1.2.",
    )
    from_: Text = Field(alias="from", title="原文", description="The line as the edition printed it.")
    to: Text = Field(
        title="更正为", description="The line after the fix (wording only: same place, same meaning)."
    )


class Erratum(Strict):
    """A 勘误 issued after publication: wording fixes that keep every line in its place."""

    date: datetime.date = Field(title="勘误日期", description="YYYY-MM-DD, the day the erratum was issued.")
    notice: Text | None = Field(default=None, title="勘误文号", description="e.g. 人社厅函〔2024〕××号.")
    changes: list[ErratumChange] = Field(min_length=1, title="更正内容", description="Each fixed line.")


class Drafting(Strict):
    """Who wrote and who reviewed the document, in the order the printed standard lists them."""

    organiser: Text | None = Field(
        default=None, title="组织编制", description="e.g. 中国就业培训技术指导中心."
    )
    units: list[Text] = Field(
        default_factory=empty_list, title="主要起草单位", description="In printed order."
    )
    authors: list[Text] = Field(
        default_factory=empty_list, title="主要起草人", description="In printed order."
    )
    reviewing_units: list[Text] = Field(
        default_factory=empty_list, title="审定单位", description="In printed order."
    )
    reviewers: list[Text] = Field(
        default_factory=empty_list, title="审定人员", description="In printed order."
    )


class Appendix(Strict):
    """One 附录, verbatim."""

    title: Text = Field(title="附录标题", description="As printed, e.g. 附录A 常用电工仪表及其使用.")
    body: Text = Field(title="附录正文", description="Verbatim; line breaks are kept.")


class EditionForm(enum.Enum):
    """How a document's edition is labelled. stdkit prints these four, each where a reader has always
    seen it; an edition is a year ("2018") or a version ("v2", "2018a").

    ======== ============ ============ ==========================================================
    form     "2018"       "v2"         where
    ======== ============ ============ ==========================================================
    BARE     2018         v2           the site's navigation, 资格目录 links, a special competency's title
    YEAR     2018年版     v2           the site's document titles, 版本沿革 and search results
    ALWAYS   2018年版     v2年版       the 依据 an evaluation spec links to
    PRINTED  2018年版     v2版         the Word (and PDF) cover: 年版 for a four-digit year, else 版
    ======== ============ ============ ==========================================================
    """

    BARE = "bare"
    YEAR = "year"
    ALWAYS = "always"
    PRINTED = "printed"


class Header(Strict):
    """Fields every document kind shares."""

    KIND: ClassVar[Kind]

    id: str = Field(
        pattern=ID_PATTERN,
        title="标识",
        description="Unique in the collection; letters, digits, '.', '_' and '-' (used in URLs). "
        "A national standard uses its occupation code, e.g. 6-31-01-03.",
    )
    edition: Annotated[NumberText, Field(pattern=EDITION_PATTERN)] = Field(
        title="版本", description='Year or version string, quoted: "2018". id@edition is a full reference.'
    )
    title: Text = Field(title="名称", description="The document's title, e.g. 电工.")
    status: Status = Field(
        title="状态",
        description="draft 草案 | consultation 征求意见 | approved 已批准 | published 已发布 | "
        "superseded 已被替代 | withdrawn 已废止. Published, superseded and withdrawn editions are in the "
        "blueprint index; an edition another names in `supersedes` counts as superseded.",
    )
    issuer: Text | Annotated[list[Text], Field(min_length=1)] = Field(
        title="发布单位",
        description="Who issues the document, e.g. 人力资源社会保障部; joint issuers as a list in printed order "
        "([人力资源社会保障部, 中央网信办, 国家广播电视总局]).",
    )
    issued: PartialDate | None = Field(
        default=None,
        title="发布日期",
        description="YYYY-MM-DD, or YYYY-MM where the source gives no day; printed as written.",
    )
    supersedes: str | None = Field(
        default=None,
        pattern=REF_PATTERN,
        title="代替",
        description="The edition this one replaces, as id@edition.",
    )
    qualification: QualificationLink | None = Field(
        default=None,
        title="职业资格衔接",
        description="Required when the occupation is in the 国家职业资格目录 (an error for 准入类 items).",
    )
    notes: str | None = Field(
        default=None, title="备注", description="Free text shown on the document's page."
    )
    errata: list[Erratum] = Field(
        default_factory=empty_list,
        title="勘误",
        description="Wording fixes after publication, oldest first; each raises the edition's revision. Adding, "
        "removing or moving lines is never an erratum: that is a new edition.",
    )
    withdrawn: datetime.date | None = Field(
        default=None, title="废止日期", description="YYYY-MM-DD, with `status: withdrawn`."
    )

    @property
    def issuers(self) -> list[str]:
        """Every issuer, in printed order (one for most documents)."""
        return [self.issuer] if isinstance(self.issuer, str) else list(self.issuer)

    @property
    def issuer_label(self) -> str:
        """The issuers as one printed line: 人力资源社会保障部、中央网信办、国家广播电视总局."""
        return "、".join(self.issuers)

    # Front matter of a published standard (说明, 发布, 编制, 附录, 引用文件): optional, printed as written.

    foreword: Text | None = Field(
        default=None,
        title="说明",
        description="The 说明 verbatim as printed (its basis: the 大典 edition, the 编制技术规程, its levels). "
        "stdkit never writes one the document does not contain.",
    )
    classification_edition: Annotated[NumberText, Field(pattern=r"^\d{4}$")] | None = Field(
        default=None,
        title="大典版本",
        description='The 职业分类大典 edition the document was written against, quoted: "2015" or "2022". '
        "A 2015 code then gets CAT605 as info, not a warning.",
        examples=list(CLASSIFICATION_EDITIONS),
    )
    publication: Publication | None = Field(
        default=None, title="发布通知", description="The notice that published it: 文号 and 施行日期."
    )
    drafting: Drafting | None = Field(
        default=None,
        title="编制与审定",
        description="组织编制, 主要起草单位, 主要起草人, 审定单位, 审定人员, each in printed order.",
    )
    appendices: list[Appendix] = Field(
        default_factory=empty_list, title="附录", description="In printed order."
    )
    references: list[Text] = Field(
        default_factory=empty_list,
        title="参考文献",
        description="参考文献 / 引用文件, as printed, e.g. GB/T 4728 电气简图用图形符号.",
    )

    provisional: list[Section] = Field(
        default_factory=empty_list,
        title="暂定内容",
        description="Sections of a draft whose values are not settled yet (e.g. [weights, training]): they are "
        "labelled 暂定 on preview pages and keep the document out of published blueprints. An error once approved.",
    )

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.edition}"

    @property
    def revision(self) -> int:
        """0 as published; each 勘误 raises it by one."""
        return len(self.errata)

    def edition_label(self, form: EditionForm) -> str:
        """The edition as ``form`` prints it (see :class:`EditionForm`): ``2018年版``, ``v2`` …; an undated
        draft's is 未注明年份 in every form."""
        edition = self.edition
        if edition == UNDATED:
            return UNDATED_LABEL
        match form:
            case EditionForm.BARE:
                return edition
            case EditionForm.YEAR:
                return f"{edition}年版" if edition.isdigit() else edition
            case EditionForm.ALWAYS:
                return f"{edition}年版"
            case EditionForm.PRINTED:
                return f"{edition}年版" if edition.isdigit() and len(edition) == 4 else f"{edition}版"

    def titled(self, form: EditionForm) -> str:
        """The title with its edition label in brackets: ``电工（2018年版）``."""
        return f"{self.title}（{self.edition_label(form)}）"

    #: what :meth:`unfinished` said of the whole document, on a header-only model (:mod:`stdkit.checks.facts`),
    #: whose left-out body cannot say it; not a field: never in a schema, a dump or an equality
    _unfinished: tuple[str, ...] | None = PrivateAttr(default=None)

    def unfinished(self) -> list[str]:
        """Sections a draft left out or marked provisional, in a stable order (blueprints wait for none)."""
        if self._unfinished is not None:
            return list(self._unfinished)
        return sorted(
            {*(gap.section for gap in self.gaps()), *(str(section) for section in self.provisional)}
        )

    def gaps(self) -> list[Gap]:
        """Every part the document leaves out that a final document must give, in document order: the
        sections of :meth:`omittable`, an ``undated`` edition, and (in subclasses) parts of sections."""
        found = [Gap(("edition",), "edition", "版本年份")] if self.edition == UNDATED else []
        return found + [Gap(("status",), name, SECTION_NAMES.get(name, name)) for name in self.left_out()]

    def left_out(self) -> list[str]:
        """The sections of :meth:`omittable` the document does not give, in that order."""
        return [name for name in self.omittable() if name not in self.model_fields_set]

    @classmethod
    def omittable(cls) -> tuple[str, ...]:
        """Sections a draft may leave out although a final document must give them (see checks.drafts)."""
        return ()

    @classmethod
    def final_required(cls) -> tuple[str, ...]:
        """Top-level fields the JSON Schema requires once the status is final (a draft may leave them out)."""
        return cls.omittable()

    @classmethod
    def final_parts(cls) -> dict[tuple[str, ...], tuple[str, ...]]:
        """Nested fields the JSON Schema requires once the status is final (the parts :meth:`gaps` reports in a
        draft), by the path of the mapping that holds them (``[]``: each item of a list)."""
        return {}


PerLevelInt = Annotated[int, Field(ge=1)] | dict[Level, Annotated[int, Field(ge=1)]]


def per_level(value: int | dict[Level, int] | None, level: Level) -> int | None:
    """Resolve a value that is either one number for all levels or a mapping per level."""
    if value is None or isinstance(value, int):
        return value
    return value.get(level)
