"""Ladder: levels are a contiguous run, placed where the policy allows, each with what it needs.

Why: 第五条 of the 2022 意见 sets the eight-step ladder; national standards define only 五级…一级,
特级技师 and 首席技师 are appointed (评聘) above 高级技师 in an enterprise, and 技师/高级技师
are assessed with a 综合评审 besides the exams.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from stdkit import ladder
from stdkit.checks import drafts
from stdkit.collection import AnyEntry, levelled
from stdkit.diagnostics import Diagnostic, Severity, Wording, rule
from stdkit.ladder import APPOINTED_LEVELS, EMPLOYER_LEVELS, REVIEW_LEVELS, Level
from stdkit.load import Path_
from stdkit.model import EvaluationSpec, LevelledBody, OccupationalStandard
from stdkit.model.common import Method
from stdkit.model.eligibility import Eligibility

R_CONTIGUOUS = rule(
    "LAD201",
    "ladder",
    Severity.ERROR,
    "Levels are not a contiguous run of the ladder, in ascending order.",
    "List levels from lowest to highest without gaps, e.g. [L5, L4, L3].",
    bad="levels: [L5, L3]",
    good="levels: [L5, L4, L3]",
    detail="Levels [{levels}] are not a contiguous ascending run.",
    zh=Wording(
        "等级不是职业技能等级序列中由低到高连续的一段。",
        "请从低到高、不留空缺地列出等级，例如 [L5, L4, L3]。",
        "等级 [{levels}] 不是由低到高连续的一段。",
    ),
)
R_NATIONAL = rule(
    "LAD202",
    "ladder",
    Severity.ERROR,
    "An occupational standard uses an employer level (apprentice, principal, chief).",
    "A national standard defines only L5…L1; put apprentice/principal/chief in an evaluation-spec.",
    bad="kind: occupational-standard\nlevels: [L2, L1, principal]",
    good="levels: [L2, L1]",
    detail="`{level}` ({level_title}):",
    zh=Wording(
        "职业标准中使用了用人单位设置的等级（学徒工、特级技师、首席技师）。",
        "国家职业技能标准只规定 L5…L1；学徒工、特级技师、首席技师请写在评价规范（evaluation-spec）中。",
        "`{level}`（{level_title}）：",
    ),
)
R_ABOVE_L1 = rule(
    "LAD203",
    "ladder",
    Severity.ERROR,
    "principal or chief without L1.",
    "特级技师 and 首席技师 exist only where the occupation has L1 (高级技师): add L1 or remove them.",
    bad="levels: [L3, L2, principal]",
    good="levels: [L2, L1, principal]",
    zh=Wording(
        "设了特级技师或首席技师，却没有一级/高级技师（L1）。",
        "只有设高级技师（L1）的职业才能设特级技师和首席技师：请加入 L1，或删除它们。",
    ),
)
R_CHIEF = rule(
    "LAD204",
    "ladder",
    Severity.ERROR,
    "chief without principal.",
    "首席技师 exists only where 特级技师 does: add principal below chief.",
    bad="levels: [L1, chief]",
    good="levels: [L1, principal, chief]",
    zh=Wording(
        "设了首席技师，却没有特级技师。",
        "只有设特级技师的地方才能设首席技师：请在首席技师（chief）之下加入特级技师（principal）。",
    ),
)
R_LEVEL_NAME = rule(
    "LAD205",
    "ladder",
    Severity.ERROR,
    "A level name is given for a level the document does not have.",
    "Map each own level name to one of the document's levels, or add that level to `levels`.",
    bad="levels: [L4, L3]\nlevel_names: {L2: 一级操作师}",
    good="level_names: {L3: 一级操作师}",
    detail="`{level}: {name}` names a level not in `levels`.",
    zh=Wording(
        "为本文件没有的等级规定了自定名称。",
        "请把每个自定等级名称对应到本文件的某个等级，或把该等级加入 `levels`。",
        "`{level}: {name}` 对应的等级不在 `levels` 中。",
    ),
)
R_REVIEW = rule(
    "LAD206",
    "ladder",
    Severity.ERROR,
    "L2 or L1 is assessed without a 综合评审 (review).",
    "Add `review` to the methods of L2 (技师) and L1 (高级技师).",
    bad="methods: {L2: [theory, skill]}",
    good="methods: {L2: [theory, skill, review]}",
    detail="{level_title} ({level}) needs `review` (综合评审).",
    zh=Wording(
        "二级（技师）或一级（高级技师）的鉴定方式中没有综合评审（review）。",
        "请在 L2（技师）和 L1（高级技师）的鉴定方式中加入 `review`。",
        "{level_title}（{level}）需要 `review`（综合评审）。",
    ),
)
R_ELIGIBILITY = rule(
    "LAD207",
    "ladder",
    Severity.ERROR,
    "A 申报条件 names a prior level that is not below the level applied for.",
    "Set prior_level to a lower level of this document (e.g. L5 for L4).",
    bad="eligibility:\n  L4:\n    - {text: …, prior_level: L3}",
    good="    - {text: …, prior_level: L5}",
    detail="prior_level {prior} is not a level below {level} in this document.",
    zh=Wording(
        "申报条件中的原等级（prior_level）不低于所申报的等级。",
        "请把 prior_level 设为本文件中更低的等级（例如申报 L4 时为 L5）。",
        "prior_level {prior} 不是本文件中低于 {level} 的等级。",
    ),
)
R_NO_WORK = rule(
    "LAD208",
    "ladder",
    Severity.ERROR,
    "An examined level has no work requirements or no assessment methods.",
    "Write what the message names for the level: its 职业功能 under `work:`, or its methods under "
    "`assessment.methods:`.",
    detail={
        "work": "{level_title} ({level}) has no `work:` entry: write its 职业功能 under `work.{level}`.",
        "methods": "{level_title} ({level}) has no assessment methods: list them under "
        "`assessment.methods.{level}`.",
    },
    zh=Wording(
        "需要考核的等级没有工作要求或没有鉴定方式。",
        "请按提示为该等级补写缺少的部分：在 `work:` 下写出职业功能，或在 `assessment.methods:` 下写出鉴定方式。",
        {
            "work": "{level_title}（{level}）在 `work:` 下没有内容：请在 `work.{level}` 下写出它的职业功能。",
            "methods": "{level_title}（{level}）没有鉴定方式：请在 `assessment.methods.{level}` 下列出。",
        },
    ),
    fix_in_detail=True,
)
R_STRAY = rule(
    "LAD209",
    "ladder",
    Severity.ERROR,
    "A table has an entry for a level that is not in `levels`.",
    "Remove the entry, or add the level to `levels`.",
    bad="levels: [L5, L4]\nwork:\n  L3: […]",
    good="levels: [L5, L4, L3]",
    detail="`{table}` has an entry for {level}, which is not in `levels`.",
    zh=Wording(
        "表中有不在 `levels` 中的等级的条目。",
        "请删除该条目，或把该等级加入 `levels`。",
        "`{table}` 中有 {level} 的条目，但 {level} 不在 `levels` 中。",
    ),
)
R_APPOINTED = rule(
    "LAD210",
    "ladder",
    Severity.ERROR,
    "principal or chief is examined, or lacks appointment criteria.",
    "特级技师/首席技师 are appointed (评聘): give `appointment.<level>.criteria`, and no work, weights or methods.",
    bad="methods: {principal: [theory]}",
    good="appointment:\n  principal:\n    criteria: [在本单位高级技师岗位工作满5年]",
    detail={
        "examined": "{level_title} is appointed, not examined: remove `{table}.{level}`.",
        "criteria": "{level_title} ({level}) has no `appointment.{level}` criteria.",
    },
    zh=Wording(
        "特级技师或首席技师被安排了考试，或缺少评聘条件。",
        "特级技师、首席技师通过评聘产生：请给出 `appointment.<等级>.criteria`，不要为其写工作要求、权重或鉴定方式。",
        {
            "examined": "{level_title}通过评聘产生，不经考试：请删除 `{table}.{level}`。",
            "criteria": "{level_title}（{level}）没有 `appointment.{level}` 评聘条件。",
        },
    ),
)


def check(entry: AnyEntry) -> Iterator[Diagnostic]:
    # A draft transcribes the levels it has so far: gaps and levels without work are warnings there.
    yield from drafts.relaxed(entry, _check(entry))


def _check(entry: AnyEntry) -> Iterator[Diagnostic]:
    document = levelled(entry.document)
    if document is None:
        return
    yield from _run_of_levels(entry, document)
    yield from _level_names(entry, document)
    yield from _tables(entry, document)
    for level in document.levels:
        yield from _level_needs(entry, document, level)
    yield from _prior_levels(entry, document)


def _run_of_levels(entry: AnyEntry, document: LevelledBody) -> Iterator[Diagnostic]:
    """The list ``levels`` itself: a contiguous run, national levels only in a national standard.

    特级技师 stands on 高级技师 (L1), and 首席技师 on 特级技师.
    """
    levels = document.levels
    if not ladder.is_contiguous(levels) or len(set(levels)) != len(levels):
        yield entry.at(("levels",), R_CONTIGUOUS, levels=", ".join(levels))
    if isinstance(document, OccupationalStandard):
        for index, level in enumerate(levels):
            if level in EMPLOYER_LEVELS:
                yield entry.at(("levels", index), R_NATIONAL, level=level, level_title=ladder.title(level))
    if (Level.PRINCIPAL in levels or Level.CHIEF in levels) and Level.L1 not in levels:
        yield entry.at(("levels",), R_ABOVE_L1)
    if Level.CHIEF in levels and Level.PRINCIPAL not in levels:
        yield entry.at(("levels", levels.index(Level.CHIEF)), R_CHIEF)


def _level_names(entry: AnyEntry, document: LevelledBody) -> Iterator[Diagnostic]:
    if not isinstance(document, EvaluationSpec):
        return  # only an evaluation spec names its own levels
    for level in document.level_names:
        if level not in document.levels:
            yield entry.at(
                ("level_names", level),
                R_LEVEL_NAME,
                key=True,
                level=level,
                name=document.level_names[level],
            )


def _level_tables(document: LevelledBody) -> dict[Path_, Mapping[Level, object]]:
    """The per-level tables of a document, by where they stand."""
    return {
        ("work",): document.work,
        ("assessment", "methods"): document.assessment.methods,
        ("assessment", "eligibility"): document.assessment.eligibility,
        ("weights", "theory"): document.weights.theory,
        ("weights", "skill"): document.weights.skill,
    }


def _tables(entry: AnyEntry, document: LevelledBody) -> Iterator[Diagnostic]:
    for where, table in _level_tables(document).items():
        for level in table:
            if level not in document.levels:
                yield entry.at(
                    (*where, level), R_STRAY, key=True, table=".".join(map(str, where)), level=level
                )


def _level_needs(entry: AnyEntry, document: LevelledBody, level: Level) -> Iterator[Diagnostic]:
    if isinstance(document, OccupationalStandard) and level in EMPLOYER_LEVELS:
        return  # already reported as misplaced (LAD202); asking for its work would mislead
    if document.across_occupations:
        return  # a rule across occupations: each occupation's own standard sets the work and examines
    if level in APPOINTED_LEVELS:
        yield from _appointed(entry, document, level)
    else:
        yield from _examined(entry, document, level)


def _examined(entry: AnyEntry, document: LevelledBody, level: Level) -> Iterator[Diagnostic]:
    """An examined level has its work, its methods and, for 技师 and 高级技师, a 综合评审."""
    methods = document.assessment.methods
    if level not in document.work and level not in document.work_type_levels():
        # a draft without `work:` at all: point at the level in `levels`
        where: Path_ = (
            ("work",) if "work" in document.model_fields_set else ("levels", document.levels.index(level))
        )
        yield entry.at(
            where,
            R_NO_WORK,
            key=where == ("work",),
            variant="work",
            level=level,
            level_title=ladder.title(level),
        )
    if level not in methods:
        yield entry.at(
            ("assessment", "methods"),
            R_NO_WORK,
            key=True,
            variant="methods",
            level=level,
            level_title=ladder.title(level),
        )
    elif level in REVIEW_LEVELS and Method.REVIEW not in methods[level]:
        yield entry.at(
            ("assessment", "methods", level), R_REVIEW, level=level, level_title=ladder.title(level)
        )


def _prior_levels(entry: AnyEntry, document: LevelledBody) -> Iterator[Diagnostic]:
    """Each 申报条件's prior level is one of the document's, below the level applied for."""
    levels = document.levels
    eligibility: list[tuple[Path_, Mapping[Level, list[Eligibility]]]] = [
        (("assessment", "eligibility"), document.assessment.eligibility),
        *((("work_types", i, "eligibility"), w.eligibility) for i, w in enumerate(document.work_types)),
    ]
    for where, table in eligibility:
        for level, conditions in table.items():
            for index, condition in enumerate(conditions):
                prior = condition.prior_level
                if prior is not None and (prior not in levels or ladder.rank(prior) >= ladder.rank(level)):
                    yield entry.at(
                        (*where, level, index, "prior_level"), R_ELIGIBILITY, prior=prior, level=level
                    )


def _appointed(entry: AnyEntry, document: LevelledBody, level: Level) -> Iterator[Diagnostic]:
    for where, table in _level_tables(document).items():
        if level in table and where != ("assessment", "eligibility"):
            yield entry.at(
                (*where, level),
                R_APPOINTED,
                key=True,
                variant="examined",
                level=level,
                level_title=ladder.title(level),
                table=".".join(map(str, where)),
            )
    appointment = (
        document.appointment.for_level(level)
        if isinstance(document, EvaluationSpec) and document.appointment
        else None
    )
    if appointment is None:
        yield entry.at(
            ("levels", document.levels.index(level)),
            R_APPOINTED,
            variant="criteria",
            level=level,
            level_title=ladder.title(level),
        )
