"""Document + level → exam blueprint (考试蓝图), and the apportionment of a theory paper's items.

Pure functions of in-memory values: nothing here reads or writes files (that is
:mod:`stdkit.publish`) and nothing re-validates (the build runs the checks first). The builder is
tolerant of what the checks reject (a weight naming no function, a missing column): it uses what
is there, so a preview with drafts never crashes.

Identifiers (鉴定点代码), stable as long as the document's order of lines does not change::

    <id>@<edition>/<level>/<f>          职业功能 f of the level (1-based, in document order)
    <id>@<edition>/<level>/<f>.<c>      工作内容 c of that function
    <id>@<edition>/<level>/<f>.<c>.<n>  技能要求 line n of that content
    <id>@<edition>/<level>/<f>.<c>.k<n> 相关知识要求 line n of that content
    <id>@<edition>/basics/<a>.<n>       基础知识: area a, item n
    <id>@<edition>/ethics/k<n>          职业道德基本知识 line n;  …/ethics/c<n>  职业守则 line n
    <id>@<edition>/<level>/a<n>         评聘条件 n (principal, chief)
    <id>@<edition>/unit/<u>[.<n>|.k<n>] special competency: 考核模块 u, its skill / knowledge line n
    <id>@<edition>/<w>/<level>/…        the same, for the lines of 工种 w at one of its own levels
                                        (w: the 工种 code's suffix 001, or w<n> by position)

Blueprint keys (:func:`levels_of`) are the ladder id (``L4``) for a level common to all 工种, and
``<w>/<level>`` (``001/L3``) for a 工种's own level, so its files are ``<id>/<edition>/001/L3.json``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Literal

from stdkit import ladder, papers
from stdkit.collection import Entry
from stdkit.editions import Standing
from stdkit.ladder import Level
from stdkit.model import EvaluationSpec, LevelledBody, Line, SpecialCompetency, evaluation
from stdkit.model import blueprint as out
from stdkit.model.blueprint import (
    SCHEMA_VERSION,
    UNIT_LEVEL,
    Appointment,
    Apprenticeship,
    BankGuideline,
    Blueprint,
    Component,
    Composite,
    CriteriaGroup,
    Criterion,
    DocumentRef,
    EligibilityNotes,
    EligibilityRule,
    ErratumChangeOut,
    ErratumOut,
    Exam,
    LevelRef,
    OccupationRef,
    Point,
    Review,
    Section,
    Unstated,
    WorkTypeRef,
)
from stdkit.model.common import (
    BASICS_KEY,
    ETHICS_KEY,
    METHOD_NAMES,
    SECTION_TITLES,
    Erratum,
    Header,
    Method,
    per_level,
)
from stdkit.model.evaluation import AllOf, AnyOf
from stdkit.model.keys import keys_of
from stdkit.model.keys import split_key as split_key  # noqa: PLC0414 - re-exported: a blueprint key is the blueprint's vocabulary too
from stdkit.model.keys import work_type_of as work_type_of  # noqa: PLC0414 - re-exported, as split_key
from stdkit.model.standard import Assessment, PassMarks, pass_mark_of
from stdkit.reference import ReferenceData
from stdkit.rounding import apportion

#: Question-bank guideline: 鉴定点 per percent of weight, and per level (常规 / 精品题库).
BANK_PER_PERCENT = 2
BANK_PER_LEVEL = 200
PREMIUM_PER_PERCENT = 3
PREMIUM_PER_LEVEL = 300

#: Where blueprints live below the site, and the folder of pointers to the newest edition.
ROOT = "blueprints"
LATEST = "latest"


def bank(points: int, weight: int | None) -> BankGuideline:
    """The guideline for a section (by weight) or for a whole level (``weight`` None)."""
    required = BANK_PER_LEVEL if weight is None else BANK_PER_PERCENT * weight
    premium = PREMIUM_PER_LEVEL if weight is None else PREMIUM_PER_PERCENT * weight
    return BankGuideline(
        points=points,
        required=required,
        meets=points >= required,
        required_premium=premium,
        meets_premium=points >= premium,
    )


def levels_of(entry: Entry) -> list[str]:
    """The blueprint levels of a document, in ladder order: every level it sets (appointed posts
    included), or ``unit`` for a special competency. Publishing, the site and the diff all use this.

    Where 工种 apply at a level, that level gives one key per 工种 (``001/L3``, in the order the
    工种 are declared), and the plain ladder id too only when the level also has common work.
    """
    return keys_of(entry.document)


def url(entry: Entry, level: str, suffix: str = "json") -> str:
    """Where the blueprint (``json``) or its 细目表 (``xlsx``) of ``level`` lives below :data:`ROOT`."""
    return url_of(entry.document.ref, level, suffix)


def url_of(ref: str, level: str, suffix: str = "json") -> str:
    """:func:`url` of the edition ``id@edition`` (for what knows only the reference: a release's row)."""
    document_id, _, edition = ref.partition("@")
    return f"{document_id}/{edition}/{level}.{suffix}"


def latest_url(entry: Entry, level: str, suffix: str = "json") -> str:
    """The same file under the id's ``latest/`` folder (written for the newest published edition)."""
    return f"{entry.document.id}/{LATEST}/{level}.{suffix}"


def build(entry: Entry, level: str) -> Blueprint:
    """The blueprint of ``entry`` at ``level`` (a ladder id, or ``unit`` for a special competency)."""
    document = entry.document
    if isinstance(document, SpecialCompetency):
        if level != UNIT_LEVEL:
            raise ValueError(f"{entry.ref} is a special competency; its only level is {UNIT_LEVEL!r}")
        return _special(entry, document)
    work_type, level = split_key(level)
    if level not in document.levels or document.occupation is None:  # a rule across occupations has none
        raise ValueError(f"{entry.ref} has no level {level!r}; it has {', '.join(document.levels)}")
    if work_type is None:
        return _levelled(entry, document, Level(level))
    index = work_type_of(document, work_type)
    if index is None or Level(level) not in document.work_types[index].levels:
        raise ValueError(f"{entry.ref} has no 工种 {work_type!r} at {level}")
    declared = document.work_types[index]
    made = _levelled(
        entry, document.for_work_type(index), Level(level), _Scope(work_type, frozenset(declared.levels))
    )
    return made.model_copy(
        update={"work_type": WorkTypeRef(key=work_type, code=declared.code, name=declared.name)}
    )


@dataclasses.dataclass(frozen=True)
class _Scope:
    """Whose lines a blueprint draws on: the common levels, or a 工种 at its own levels."""

    work_type: str | None = None
    own: frozenset[Level] = frozenset()

    def base(self, document: LevelledBody, level: Level) -> str:
        if self.work_type is not None and level in self.own:
            return f"{document.ref}/{self.work_type}/{level}"
        return f"{document.ref}/{level}"


COMMON = _Scope()


def classified(made: Blueprint, basis: str, current: out.CurrentOccupation | None = None) -> Blueprint:
    """``made`` naming the 大典 state its occupation code was checked against (exam systems cite it), and
    what a printed earlier code or name means there (``current``, see :func:`current_of`).

    Separate from :func:`build` because the state comes from the collection's reference data, not
    from the document."""
    occupation = made.occupation.model_copy(update={"classification": basis, "current": current})
    return made.model_copy(update={"occupation": occupation})


def current_of(reference: ReferenceData, entry: Entry) -> out.CurrentOccupation | None:
    """The current code and name of a document's occupation where it prints an earlier code or name
    (a 2015-structure code: 4-02-07-10 网约配送员 is 4-10-08-01 now, and 4-02-07-10 is 国际快递业务师), else None."""
    printed = entry.document.occupation if isinstance(entry.document, LevelledBody) else None
    if printed is None:  # a special competency, or a rule across occupations: no occupation of its own
        return None
    found = reference.resolve(printed.code, printed.name)
    if found.status not in ("legacy", "renamed") or found.successor is None or found.expected_name is None:
        return None
    if (found.successor, found.expected_name) == (printed.code.strip(), printed.name):
        return None
    relation: Literal["legacy", "renamed"] = "legacy" if found.status == "legacy" else "renamed"
    return out.CurrentOccupation(
        code=found.successor, name=found.expected_name, relation=relation, verified=found.verified
    )


def placed(made: Blueprint, standing: Standing) -> Blueprint:
    """``made`` with the edition's standing in the collection: superseded by a later edition (and examinable
    until the end of its 过渡期) or withdrawn. Separate from :func:`build` because it comes from the other
    documents, not from this one."""
    document = made.document.model_copy(
        update={
            "status": standing.status,
            "superseded_by": standing.superseded_by,
            "exam_until": standing.exam_until.isoformat() if standing.exam_until else None,
        }
    )
    return made.model_copy(update={"document": document})


def _errata(ref: str, errata: Sequence[Erratum]) -> list[ErratumOut]:
    return [
        ErratumOut(
            date=erratum.date.isoformat(),
            notice=erratum.notice,
            changes=[
                ErratumChangeOut(code=f"{ref}/{change.code}", from_=change.from_, to=change.to)
                for change in erratum.changes
            ],
        )
        for erratum in errata
    ]


def _document_ref(entry: Entry) -> DocumentRef:
    d = entry.document
    return DocumentRef(
        id=d.id,
        edition=d.edition,
        ref=d.ref,
        kind=d.KIND,
        title=d.title,
        issuer=d.issuer_label,
        status=d.status,
        issued=d.issued.isoformat() if d.issued else None,
        supersedes=d.supersedes,
        sha256=entry.sha256,
        notice=d.publication.notice if d.publication else None,
        effective=d.publication.effective.isoformat() if d.publication and d.publication.effective else None,
        revision=d.revision,
        errata=_errata(d.ref, d.errata),
        withdrawn=d.withdrawn.isoformat() if d.withdrawn else None,
        provisional=d.unfinished(),
    )


def _point(code: str, line: Line, level: str, content: str | None) -> Point:
    return Point(code=code, text=line.text, importance=line.importance, level=level, content=content)


# -- occupational standards and evaluation specs ------------------------------------------------


def function_points(
    document: LevelledBody, level: Level, name: str, *, skills: bool, scope: _Scope = COMMON
) -> tuple[str | None, list[Point]]:
    """The code of function ``name`` at ``level`` and its skill (or knowledge) lines as 鉴定点."""
    base = scope.base(document, level)
    for f, function in enumerate(document.work.get(level, []), start=1):
        if function.function != name:
            continue
        points: list[Point] = []
        for c, content in enumerate(function.contents, start=1):
            lines = content.skills if skills else content.knowledge
            prefix = "" if skills else "k"
            points.extend(
                _point(f"{base}/{f}.{c}.{prefix}{n}", line, str(level), content.name)
                for n, line in enumerate(lines, start=1)
            )
        return f"{base}/{f}", points
    return None, []


def _inherited(
    document: LevelledBody, level: Level, name: str, *, skills: bool, scope: _Scope = COMMON
) -> list[Point]:
    """Lines of the same-named function at every lower level of the document, lowest level first."""
    found: list[Point] = []
    for lower in ladder.below(level, list(document.levels)):
        found.extend(function_points(document, lower, name, skills=skills, scope=scope)[1])
    return found


def _basics_points(document: LevelledBody) -> tuple[list[Point], list[Point]]:
    ref = document.ref
    if document.basics is None:  # a draft that has not written its 基本要求 yet (DRF701)
        return [], []
    ethics = [
        _point(f"{ref}/ethics/k{n}", line, "basics", "职业道德基本知识")
        for n, line in enumerate(document.basics.ethics.knowledge, start=1)
    ] + [
        _point(f"{ref}/ethics/c{n}", line, "basics", "职业守则")
        for n, line in enumerate(document.basics.ethics.code_of_conduct, start=1)
    ]
    basics = [
        _point(f"{ref}/basics/{a}.{n}", line, "basics", area.area)
        for a, area in enumerate(document.basics.knowledge, start=1)
        for n, line in enumerate(area.items, start=1)
    ]
    return ethics, basics


def _theory(document: LevelledBody, level: Level, scope: _Scope = COMMON) -> Exam:
    assessment = document.assessment
    column = document.weights.theory.get(level, {})
    ethics, basics = _basics_points(document)
    rows: list[tuple[str, str, str | None, list[Point], list[Point]]] = [
        (ETHICS_KEY, SECTION_TITLES[ETHICS_KEY], None, ethics, []),
        (BASICS_KEY, SECTION_TITLES[BASICS_KEY], None, basics, []),
    ]
    for function in document.work.get(level, []):
        code, points = function_points(document, level, function.function, skills=False, scope=scope)
        inherited = _inherited(document, level, function.function, skills=False, scope=scope)
        rows.append((function.function, function.function, code, points, inherited))
    weights = [column.get(key, 0) for key, *_ in rows]
    total = assessment.theory_items
    # no weights for the level (a draft that has not written them): no share of the items is invented
    items: Sequence[int | None] = (
        apportion(total, weights) if total is not None and any(weights) else [None] * len(rows)
    )
    sections = [
        Section(
            key=key,
            name=name,
            code=code,
            weight=weight,
            items=n,
            points=points,
            inherited=inherited,
            bank=bank(len(points), weight),
        )
        for (key, name, code, points, inherited), weight, n in zip(rows, weights, items, strict=True)
    ]
    mark = component_pass_mark(assessment.pass_mark, Method.THEORY)
    exam = Exam(
        kind="theory",
        name=METHOD_NAMES[Method.THEORY],
        duration=per_level(assessment.durations.theory, level),
        pass_mark=mark,
        ratio=per_level(assessment.ratios.theory, level),
        venue=assessment.venue.theory,
        items=total,
        sections=sections,
        bank=bank(sum(len(s.points) for s in sections), None),
        duration_at_least=_flag(Method.THEORY in assessment.durations.at_least),
        invigilators_at_least=assessment.ratios.invigilators_at_least,
    )
    exam = papers.theory_paper(exam, assessment.papers, level)
    missing = unstated(document, pass_mark=exam.pass_mark, items=exam.items, weights=column or None)
    return exam.model_copy(update={"unstated": missing})


def _skill(document: LevelledBody, level: Level, scope: _Scope = COMMON) -> Exam:
    assessment = document.assessment
    column = document.weights.skill.get(level, {})
    sections: list[Section] = []
    for function in document.work.get(level, []):
        name = function.function
        code, points = function_points(document, level, name, skills=True, scope=scope)
        weight = column.get(name, 0)
        sections.append(
            Section(
                key=name,
                name=name,
                code=code,
                weight=weight,
                items=None,
                points=points,
                inherited=_inherited(document, level, name, skills=True, scope=scope),
                bank=bank(len(points), weight),
            )
        )
    mark = component_pass_mark(assessment.pass_mark, Method.SKILL)
    exam = Exam(
        kind="skill",
        name=METHOD_NAMES[Method.SKILL],
        duration=per_level(assessment.durations.skill, level),
        pass_mark=mark,
        ratio=per_level(assessment.ratios.skill, level),
        venue=assessment.venue.skill,
        items=None,
        sections=sections,
        bank=bank(sum(len(s.points) for s in sections), None),
        duration_at_least=_flag(Method.SKILL in assessment.durations.at_least),
        examiners_at_least=assessment.ratios.examiners_at_least,
        examiners_odd=_flag(assessment.ratios.odd),
        unstated=unstated(document, pass_mark=mark, weights=column or None),
    )
    return papers.skill_paper(exam, assessment.papers, level, scope.base(document, level))


def _review(document: LevelledBody, level: Level, method: Method = Method.REVIEW) -> Review:
    """综合评审, or 业绩评审 (``method`` performance): a panel, not a paper."""
    assessment = document.assessment
    panel = per_level(getattr(assessment.ratios, method.value), level)
    mark = component_pass_mark(assessment.pass_mark, method)
    return Review(
        kind="performance" if method is Method.PERFORMANCE else "review",
        name=METHOD_NAMES[method],
        duration=per_level(getattr(assessment.durations, method.value), level),
        pass_mark=mark,
        panel_size=panel,
        venue=getattr(assessment.venue, method.value),
        panel_at_least=_flag(assessment.ratios.review_at_least and panel is not None),
        panel_odd=_flag(assessment.ratios.odd and panel is not None),
        duration_at_least=_flag(method in assessment.durations.at_least),
        unstated=unstated(document, pass_mark=mark),
    )


def component_pass_mark(value: int | PassMarks | None, method: Method) -> int | None:
    """The component's pass mark as the document gives it; None when it gives none (nothing is assumed:
    the component says so in ``unstated``, and rule ASM302 warns about a table that forgets a component)."""
    return pass_mark_of(value, method)


#: The section of a document that gives each field :func:`unstated` may name.
_GIVEN_BY = {"pass_mark": "assessment", "items": "assessment", "weights": "weights"}


def unstated(document: Header, **values: object) -> dict[str, Unstated] | None:
    """The reasons for the ``values`` that are None (see :data:`stdkit.model.blueprint.Unstated`), or None
    when every one is given. A draft that leaves the section giving a value out or marks it provisional
    has not settled it; any other document does not state it."""
    unfinished = document.unfinished()
    missing: dict[str, Unstated] = {
        name: "provisional" if _GIVEN_BY[name] in unfinished else "not-stated"
        for name, value in values.items()
        if value is None
    }
    return missing or None


def _flag(value: bool) -> bool | None:
    """True, or None so that the field is omitted: optional flags appear only when they say something."""
    return True if value else None


def _composite(assessment: Assessment, methods: Sequence[Method]) -> Composite | None:
    """The composite score at a level assessed by ``methods``: the weights of the components the level
    has (a 评聘 post with no theory or skill gets none), and the level's other scored components, which
    pass on their own marks. Rule ASM311 reports a level whose weights do not add up to 100."""
    if assessment.composite is None:
        return None
    weights = {str(m): w for m, w in assessment.composite.weights.items() if m in methods}
    if not weights:
        return None
    return Composite(
        weights=weights,
        pass_mark=assessment.composite.pass_mark,
        separate=[str(m) for m in methods if m not in assessment.composite.weights] or None,
    )


def _eligibility_notes(assessment: Assessment) -> EligibilityNotes | None:
    notes = assessment.eligibility_notes
    if notes is None:
        return None
    return EligibilityNotes(
        related_occupations=list(notes.related_occupations),
        majors=list(notes.majors),
        related_majors=list(notes.related_majors),
    )


def appointment_groups(
    ref: str, level: Level, criteria: Sequence[Line | AllOf | AnyOf]
) -> list[CriteriaGroup]:
    """评聘条件 as groups; plain lines in a row form one `all` group. Codes a<n> run across groups."""
    groups: list[CriteriaGroup] = []
    loose: list[Criterion] = []
    n = 0

    def coded(lines: Sequence[Line]) -> list[Criterion]:
        nonlocal n
        out = []
        for line in lines:
            n += 1
            out.append(Criterion(code=f"{ref}/{level}/a{n}", text=line.text))
        return out

    def flush() -> None:
        if loose:
            groups.append(CriteriaGroup(name=None, rule="all", required=len(loose), criteria=list(loose)))
            loose.clear()

    for item in criteria:
        if isinstance(item, Line):
            loose.extend(coded([item]))
        elif isinstance(item, AllOf):
            flush()
            got = coded(item.all)
            groups.append(CriteriaGroup(name=item.name, rule="all", required=len(got), criteria=got))
        else:
            flush()
            got = coded(item.of)
            groups.append(CriteriaGroup(name=item.name, rule="any", required=item.any, criteria=got))
    flush()
    return groups


APPRENTICESHIP_NOTE = (
    "学徒工由用人单位在学徒期满时组织考核评价（转正定级），不是职业技能等级认定考试；"
    "本蓝图列出用人单位考核所依据的要求。"
)


def _levelled(entry: Entry, document: LevelledBody, level: Level, scope: _Scope = COMMON) -> Blueprint:
    occupation = document.occupation
    assert occupation is not None  # build() refuses a rule across occupations
    methods = list(document.assessment.methods.get(level, []))
    components: list[Component] = []
    if level is Level.APPRENTICE:
        components.append(
            Apprenticeship(
                kind="apprenticeship", name="转正定级考核", assessed_by="employer", note=APPRENTICESHIP_NOTE
            )
        )
    if level in ladder.APPOINTED_LEVELS and isinstance(document, EvaluationSpec):
        appointment = document.appointment.for_level(level) if document.appointment else None
        if appointment is not None:
            components.append(
                Appointment(
                    kind="appointment",
                    name=f"{ladder.step(level).name}评聘",
                    groups=appointment_groups(document.ref, level, appointment.criteria),
                    procedure=list(appointment.procedure),
                    term_years=appointment.term_years,
                    quota=appointment.quota,
                )
            )
    theory = _theory(document, level, scope) if Method.THEORY in methods else None
    for method in methods:
        if method is Method.THEORY and theory is not None:
            components.append(theory)
        elif method is Method.SKILL:
            components.append(_skill(document, level, scope))
        elif method in (Method.REVIEW, Method.PERFORMANCE):
            components.append(_review(document, level, method))
    s = ladder.step(level)
    own = document.level_names.get(level) if isinstance(document, EvaluationSpec) else None
    return Blueprint(
        schema_version=SCHEMA_VERSION,
        document=_document_ref(entry),
        occupation=OccupationRef(code=occupation.code, name=occupation.name),
        level=LevelRef(
            id=str(level),
            name=s.name,
            grade=s.grade,
            title=ladder.title(level),
            own_name=own,
            examined=s.examined,
        ),
        eligibility=[
            EligibilityRule(
                text=rule.text,
                prior_level=str(rule.prior_level) if rule.prior_level else None,
                years=min(rule.year_options) if rule.year_options else None,
                education=rule.education,
                years_options=rule.year_options if isinstance(rule.years, list) else None,
                min_age=rule.min_age,
                max_age=rule.max_age,
                exceptional=_flag(rule.exceptional),
            )
            for rule in document.assessment.eligibility.get(level, [])
        ],
        methods=[str(m) for m in methods],
        components=components,
        bank=theory.bank if theory is not None else None,
        routes=routes_to(document, level) if isinstance(document, EvaluationSpec) else [],
        composite=_composite(document.assessment, methods),
        eligibility_notes=_eligibility_notes(document.assessment),
    )


# -- routes to a level other than the examination (第九、十条) ----------------------------------------


def routes_to(document: EvaluationSpec, level: Level) -> list[out.Route]:
    """The spec's routes that lead to ``level``, in the spec's order, as the spec states them."""
    found: list[out.Route] = []
    for route in document.routes:
        if level not in evaluation.route_levels(route):
            continue
        name = evaluation.ROUTE_NAMES[evaluation.RouteKind(route.kind)]
        if isinstance(route, evaluation.CompetitionRoute):
            found.append(
                out.CompetitionRoute(
                    kind="competition",
                    name=name,
                    competition=route.name,
                    tier=str(route.tier) if route.tier else None,
                    tier_name=evaluation.TIER_NAMES[route.tier] if route.tier else None,
                    competition_class=str(route.class_) if route.class_ else None,
                    rank=out.Rank(top=route.rank.top, top_percent=route.rank.top_percent),
                    candidates=str(route.candidates) if route.candidates else None,
                    holders=[str(prior) for prior, granted in route.table().items() if granted == level],
                    once_per_year=route.once_per_year,
                )
            )
        elif isinstance(route, evaluation.DirectRoute):
            found.append(out.DirectRoute(kind="direct", name=name, conditions=list(route.conditions)))
        elif isinstance(route, evaluation.GradingRoute):
            found.append(
                out.GradingRoute(
                    kind="grading",
                    name=name,
                    evidence=list(route.evidence),
                    until=route.until.isoformat() if route.until else None,
                )
            )
        else:
            found.append(out.ApprenticeshipRoute(kind="apprenticeship", name=name, after=route.after))
    return found


# -- special competencies -----------------------------------------------------------------------


def _special(entry: Entry, document: SpecialCompetency) -> Blueprint:
    base = f"{document.ref}/{UNIT_LEVEL}"
    assessment = document.assessment
    methods = list(assessment.methods)
    components: list[Component] = []
    theory_bank: BankGuideline | None = None
    for method in methods:
        mark = component_pass_mark(assessment.pass_mark, method)
        if method in (Method.REVIEW, Method.PERFORMANCE):
            components.append(
                Review(
                    kind="performance" if method is Method.PERFORMANCE else "review",
                    name=METHOD_NAMES[method],
                    duration=assessment.minutes(method),
                    duration_at_least=_flag(assessment.at_least(method)),
                    pass_mark=mark,
                    panel_size=assessment.ratios.get(method),
                    venue=assessment.venue,
                    unstated=unstated(document, pass_mark=mark),
                )
            )
            continue
        skills = method is Method.SKILL
        column = (document.weights.skill if skills else document.weights.theory) or {}
        rows = []
        for u, unit in enumerate(document.units, start=1):
            lines = unit.skills if skills else unit.knowledge
            prefix = "" if skills else "k"
            points = [
                _point(f"{base}/{u}.{prefix}{n}", line, UNIT_LEVEL, unit.name)
                for n, line in enumerate(lines, start=1)
            ]
            rows.append((unit.name, f"{base}/{u}", column.get(unit.name, 0), points))
        # a draft may have no 考核模块 yet: nothing to apportion, and no section
        total = None if skills or not rows else assessment.theory_items
        items = apportion(total, [w for _, _, w, _ in rows]) if total is not None else None
        sections = [
            Section(
                key=name,
                name=name,
                code=code,
                weight=weight,
                items=items[i] if items is not None else None,
                points=points,
                inherited=[],
                bank=bank(len(points), weight),
            )
            for i, (name, code, weight, points) in enumerate(rows)
        ]
        exam = Exam(
            kind="skill" if skills else "theory",
            name=METHOD_NAMES[method],
            duration=assessment.minutes(method),
            duration_at_least=_flag(assessment.at_least(method)),
            pass_mark=mark,
            ratio=assessment.ratios.get(method),
            venue=assessment.venue,
            items=total,
            sections=sections,
            bank=bank(sum(len(s.points) for s in sections), None),
            unstated=unstated(document, pass_mark=mark)
            if skills
            else unstated(document, pass_mark=mark, items=total),
        )
        if not skills:
            theory_bank = exam.bank
        components.append(exam)
    return Blueprint(
        schema_version=SCHEMA_VERSION,
        document=_document_ref(entry),
        occupation=OccupationRef(code=None, name=document.title, related=list(document.related_occupations)),
        level=LevelRef(
            id=UNIT_LEVEL, name="专项职业能力", grade=None, title="专项职业能力", own_name=None, examined=True
        ),
        eligibility=[],
        methods=[str(m) for m in methods],
        components=components,
        bank=theory_bank,
    )
