"""Ladder: levels are a contiguous run, placed where the policy allows, each with what it needs.

Why: 第五条 of the 2022 意见 sets the eight-step ladder; national standards define only 五级…一级,
特级技师 and 首席技师 are appointed (评聘) above 高级技师 in an enterprise, and 技师/高级技师
are assessed with a 综合评审 besides the exams.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from stdkit import ladder
from stdkit.checks import drafts
from stdkit.collection import Entry, levelled
from stdkit.diagnostics import Diagnostic, Severity, rule
from stdkit.ladder import APPOINTED_LEVELS, EMPLOYER_LEVELS, REVIEW_LEVELS, Level
from stdkit.load import Path_
from stdkit.model import EvaluationSpec, LevelledBody, OccupationalStandard
from stdkit.model.common import Method
from stdkit.model.standard import Eligibility

R_CONTIGUOUS = rule(
    "LAD201",
    "ladder",
    Severity.ERROR,
    "Levels are not a contiguous run of the ladder, in ascending order.",
    "List levels from lowest to highest without gaps, e.g. [L5, L4, L3].",
    bad="levels: [L5, L3]",
    good="levels: [L5, L4, L3]",
)
R_NATIONAL = rule(
    "LAD202",
    "ladder",
    Severity.ERROR,
    "An occupational standard uses an employer level (apprentice, principal, chief).",
    "A national standard defines only L5…L1; put apprentice/principal/chief in an evaluation-spec.",
    bad="kind: occupational-standard\nlevels: [L2, L1, principal]",
    good="levels: [L2, L1]",
)
R_ABOVE_L1 = rule(
    "LAD203",
    "ladder",
    Severity.ERROR,
    "principal or chief without L1.",
    "特级技师 and 首席技师 exist only where the occupation has L1 (高级技师): add L1 or remove them.",
    bad="levels: [L3, L2, principal]",
    good="levels: [L2, L1, principal]",
)
R_CHIEF = rule(
    "LAD204",
    "ladder",
    Severity.ERROR,
    "chief without principal.",
    "首席技师 exists only where 特级技师 does: add principal below chief.",
    bad="levels: [L1, chief]",
    good="levels: [L1, principal, chief]",
)
R_LEVEL_NAME = rule(
    "LAD205",
    "ladder",
    Severity.ERROR,
    "A level name is given for a level the document does not have.",
    "Map each own level name to one of the document's levels, or add that level to `levels`.",
    bad="levels: [L4, L3]\nlevel_names: {L2: 一级操作师}",
    good="level_names: {L3: 一级操作师}",
)
R_REVIEW = rule(
    "LAD206",
    "ladder",
    Severity.ERROR,
    "L2 or L1 is assessed without a 综合评审 (review).",
    "Add `review` to the methods of L2 (技师) and L1 (高级技师).",
    bad="methods: {L2: [theory, skill]}",
    good="methods: {L2: [theory, skill, review]}",
)
R_ELIGIBILITY = rule(
    "LAD207",
    "ladder",
    Severity.ERROR,
    "A 申报条件 names a prior level that is not below the level applied for.",
    "Set prior_level to a lower level of this document (e.g. L5 for L4).",
    bad="eligibility:\n  L4:\n    - {text: …, prior_level: L3}",
    good="    - {text: …, prior_level: L5}",
)
R_NO_WORK = rule(
    "LAD208",
    "ladder",
    Severity.ERROR,
    "An examined level has no work requirements or no assessment methods.",
    "Add the level under `work:` (its 职业功能) and under `assessment.methods:`.",
)
R_STRAY = rule(
    "LAD209",
    "ladder",
    Severity.ERROR,
    "A table has an entry for a level that is not in `levels`.",
    "Remove the entry, or add the level to `levels`.",
    bad="levels: [L5, L4]\nwork:\n  L3: […]",
    good="levels: [L5, L4, L3]",
)
R_APPOINTED = rule(
    "LAD210",
    "ladder",
    Severity.ERROR,
    "principal or chief is examined, or lacks appointment criteria.",
    "特级技师/首席技师 are appointed (评聘): give `appointment.<level>.criteria`, and no work, weights or methods.",
    bad="methods: {principal: [theory]}",
    good="appointment:\n  principal:\n    criteria: [在本单位高级技师岗位工作满5年]",
)


def check(entry: Entry) -> Iterator[Diagnostic]:
    # A draft transcribes the levels it has so far: gaps and levels without work are warnings there.
    yield from drafts.relaxed(entry, _check(entry))


def _check(entry: Entry) -> Iterator[Diagnostic]:
    document = levelled(entry.document)
    if document is None:
        return
    levels = document.levels
    if not ladder.is_contiguous(levels) or len(set(levels)) != len(levels):
        shown = ", ".join(levels)
        yield entry.at(
            ("levels",),
            R_CONTIGUOUS,
            f"Levels [{shown}] are not a contiguous ascending run. {R_CONTIGUOUS.fix}",
        )
    if isinstance(document, OccupationalStandard):
        for index, level in enumerate(levels):
            if level in EMPLOYER_LEVELS:
                yield entry.at(
                    ("levels", index), R_NATIONAL, f"`{level}` ({ladder.title(level)}): {R_NATIONAL.fix}"
                )
    if (Level.PRINCIPAL in levels or Level.CHIEF in levels) and Level.L1 not in levels:
        yield entry.at(("levels",), R_ABOVE_L1)
    if Level.CHIEF in levels and Level.PRINCIPAL not in levels:
        yield entry.at(("levels", levels.index(Level.CHIEF)), R_CHIEF)
    if isinstance(document, EvaluationSpec):
        for level in document.level_names:
            if level not in levels:
                yield entry.at(
                    ("level_names", level),
                    R_LEVEL_NAME,
                    f"`{level}: {document.level_names[level]}` names a level not in `levels`. {R_LEVEL_NAME.fix}",
                    key=True,
                )
    yield from _tables(entry, document)
    methods = document.assessment.methods
    for level in levels:
        if isinstance(document, OccupationalStandard) and level in EMPLOYER_LEVELS:
            continue  # already reported as misplaced (LAD202); asking for its work would mislead
        if level in APPOINTED_LEVELS:
            yield from _appointed(entry, document, level)
            continue
        if level not in document.work and level not in document.work_type_levels():
            yield entry.at(
                ("work",),
                R_NO_WORK,
                f"{ladder.title(level)} ({level}) has no `work:` entry. {R_NO_WORK.fix}",
                key=True,
            )
        if level not in methods:
            yield entry.at(
                ("assessment", "methods"),
                R_NO_WORK,
                f"{ladder.title(level)} ({level}) has no assessment methods. {R_NO_WORK.fix}",
                key=True,
            )
        elif level in REVIEW_LEVELS and Method.REVIEW not in methods[level]:
            yield entry.at(
                ("assessment", "methods", level),
                R_REVIEW,
                f"{ladder.title(level)} ({level}) needs `review` (综合评审). {R_REVIEW.fix}",
            )
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
                        (*where, level, index, "prior_level"),
                        R_ELIGIBILITY,
                        f"prior_level {prior} is not a level below {level} in this document. {R_ELIGIBILITY.fix}",
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


def _tables(entry: Entry, document: LevelledBody) -> Iterator[Diagnostic]:
    for where, table in _level_tables(document).items():
        for level in table:
            if level not in document.levels:
                yield entry.at(
                    (*where, level),
                    R_STRAY,
                    f"`{'.'.join(map(str, where))}` has an entry for {level}, which is not in `levels`. {R_STRAY.fix}",
                    key=True,
                )


def _appointed(entry: Entry, document: LevelledBody, level: Level) -> Iterator[Diagnostic]:
    for where, table in _level_tables(document).items():
        if level in table and where != ("assessment", "eligibility"):
            shown = ".".join(map(str, where))
            yield entry.at(
                (*where, level),
                R_APPOINTED,
                f"{ladder.title(level)} is appointed, not examined: remove `{shown}.{level}`. {R_APPOINTED.fix}",
                key=True,
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
            f"{ladder.title(level)} ({level}) has no `appointment.{level}` criteria. {R_APPOINTED.fix}",
        )
