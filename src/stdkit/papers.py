"""试卷结构 → the 考评蓝图's paper: the 双向细目表 (plan) of a theory paper and the modules of a skill test.

Given an exam component as :mod:`stdkit.blueprint` builds it (sections with weights, item counts
and 鉴定点) and the document's `assessment.papers`, this adds what a paper-assembly engine draws
from (组卷): the blocks in paper order, one plan cell per (section, type) whose counts are a
controlled rounding (:mod:`stdkit.rounding`) of weight × the type's count, each cell's difficulty
split, and the skill test's 必考/选考 modules with the 鉴定点 they examine.

Pure functions of in-memory values; tolerant of what the checks reject (a paper that misses 100
points still gets a plan), so a preview of a draft never crashes. A level without a paper returns
its component unchanged, so documents without `papers` keep byte-identical blueprints.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from stdkit.ladder import Level
from stdkit.model.standard import QUESTION_TYPE_NAMES, Module, Papers, TheoryBlock
from stdkit.rounding import InfeasibleError, round_table, split

# the blueprint's models are imported where a plan is made: the papers rules (checks/papers.py) use the sums
# alone, and a check after an edit built every blueprint model class for them (issue 39)
if TYPE_CHECKING:
    from stdkit.model.blueprint import (
        DifficultyCounts,
        Exam,
        PlanCell,
        Section,
        SkillModule,
    )


def number(value: float | Fraction) -> int | float:
    """Points as JSON shows them: 10 rather than 10.0, and 0.1 × 3 as 0.3 (no binary noise)."""
    rounded = round(float(value), 6)
    return int(rounded) if rounded.is_integer() else rounded


def _exact(points: float) -> Fraction:
    # Via the decimal text: 0.1 stays one tenth, so 20 × 0.5 and 30 × 0.1 are exact.
    return Fraction(repr(points))


def total_points(blocks: Sequence[TheoryBlock]) -> Fraction:
    """The paper's total: Σ count × points each, exactly."""
    return sum((block.count * _exact(block.points) for block in blocks), Fraction(0))


def module_points(
    paper_required: Sequence[Module], draws: Sequence[tuple[int, Sequence[Module]]]
) -> Fraction:
    """A candidate's total: the required modules plus, per group, `draw` × the points of one module."""
    total = sum((_exact(m.points) for m in paper_required), Fraction(0))
    for draw, modules in draws:
        if modules:
            total += draw * _exact(modules[0].points)
    return total


def cross(weights: Sequence[int], rows: Sequence[int], columns: Sequence[int]) -> list[list[int]]:
    """Cells near ``weights[i] / Σweights × columns[j]`` whose rows sum to ``rows`` and columns to ``columns``.

    The exact share is the weight's (as DESIGN.md defines it), the row totals are the sections'
    published item counts (largest remainder of the same weights). When those rows admit no
    rounding of the weight shares (never seen in property tests, but not proven impossible), the
    shares of the rows themselves are rounded instead, which is always feasible.
    """
    shares = list(weights) if sum(weights) else [1] * len(weights)
    whole = sum(shares)
    exact = [[Fraction(w * c, whole) for c in columns] for w in shares]
    try:
        return round_table(exact, rows, columns)
    except InfeasibleError:
        return split(rows, columns)


def theory_paper(exam: Exam, papers: Papers | None, level: Level) -> Exam:
    """``exam`` with its paper, difficulty and plan, when the document composes this level's paper."""
    from stdkit.model.blueprint import DifficultyCounts, PlanCell

    found = papers.theory.blocks(level) if papers is not None and papers.theory is not None else None
    if found is None or papers is None or papers.theory is None:
        return exam
    _, blocks = found
    items = sum(block.count for block in blocks)
    sections = exam.sections
    if not any(s.weight for s in sections):
        # no weights for the level (a draft): the paper as given, but no 细目表 shares are invented
        return exam.model_copy(update=_paper_fields(blocks, items, exam))
    if items != exam.items:
        # The paper's own count rules (PAP302 reports a mismatch with `theory_items`).
        from stdkit.rounding import apportion

        counts = apportion(items, [s.weight for s in sections])
        sections = [s.model_copy(update={"items": n}) for s, n in zip(sections, counts, strict=True)]
    counts_table = cross(
        [s.weight for s in sections], [s.items or 0 for s in sections], [b.count for b in blocks]
    )
    profile = papers.theory.difficulty
    difficulty: DifficultyCounts | None = None
    splits: list[list[int]] | None = None
    if profile is not None:
        from stdkit.rounding import apportion

        percent = [profile.easy, profile.medium, profile.hard]
        totals = apportion(items, percent)
        difficulty = DifficultyCounts(easy=totals[0], medium=totals[1], hard=totals[2])
        flat = [n for row in counts_table for n in row]
        splits = cross(flat, flat, totals) if items else [[0, 0, 0] for _ in flat]
    cells: list[PlanCell] = []
    for i, section in enumerate(sections):
        for j, block in enumerate(blocks):
            count = counts_table[i][j]
            split_ = splits[i * len(blocks) + j] if splits is not None else None
            cells.append(
                PlanCell(
                    section=section.code or section.key,
                    section_title=section.name,
                    type=str(block.type),
                    count=count,
                    points=number(count * _exact(block.points)),
                    difficulty_counts=DifficultyCounts(easy=split_[0], medium=split_[1], hard=split_[2])
                    if split_ is not None
                    else None,
                )
            )
    update = _paper_fields(blocks, items, exam)
    return exam.model_copy(update={**update, "sections": sections, "difficulty": difficulty, "plan": cells})


def _paper_fields(blocks: Sequence[TheoryBlock], items: int, exam: Exam) -> dict[str, object]:
    """The fields of a composed theory paper that do not depend on the sections' weights."""
    from stdkit.model.blueprint import PaperBlock

    total = total_points(blocks)
    return {
        "items": items,
        "paper": [
            PaperBlock(
                type=str(block.type),
                name=QUESTION_TYPE_NAMES[block.type],
                count=block.count,
                points=number(block.points),
                scoring=str(block.scoring) if block.scoring else None,
            )
            for block in blocks
        ],
        "total_points": number(total),
        "pass_points": number(total * exam.pass_mark / 100) if exam.pass_mark is not None else None,
        "minutes": exam.duration,
    }


def skill_paper(exam: Exam, papers: Papers | None, level: Level, base: str) -> Exam:
    """``exam`` with its 必考/选考 modules, when the document composes this level's skill test.

    Each module gets a stable ``id`` from its place in the paper under ``base`` (the level's code prefix,
    ``<ref>/<level>`` or ``<ref>/<工种>/<level>``): ``<base>/m<n>`` for the n-th 必考 module,
    ``<base>/c<g>.<n>`` for the n-th module of the g-th 选考 group, so two 选考 modules that test the same
    functions are told apart, and an id keeps its meaning as long as the paper's order does not change.
    """
    from stdkit.model.blueprint import ModuleChoice, Modules, SkillModule

    paper = papers.skill.get(level) if papers is not None else None
    if paper is None:
        return exam
    by_name = {section.key: section for section in exam.sections}

    def module(m: Module, ident: str) -> SkillModule:
        known = [by_name[name] for name in m.functions if name in by_name]
        codes: list[str] = []
        for section in known:
            codes.extend(c for c in _codes(section) if c not in codes)
        return SkillModule(
            id=f"{base}/{ident}",
            module=m.module,
            functions=list(m.functions),
            function_codes=[s.code for s in known if s.code is not None],
            form=m.form,
            minutes=m.minutes,
            points=number(m.points),
            point_codes=codes,
        )

    modules = Modules(
        required=[module(m, f"m{n}") for n, m in enumerate(paper.required, start=1)],
        choose=[
            ModuleChoice(
                draw=group.draw,
                by=group.by,
                modules=[module(m, f"c{g}.{n}") for n, m in enumerate(group.modules, start=1)],
            )
            for g, group in enumerate(paper.choose, start=1)
        ],
    )
    return exam.model_copy(update={"modules": modules})


def pool(exam: Exam, cell: PlanCell) -> list[str]:
    """The 鉴定点 codes an item of ``cell`` may test: its section's own and inherited lines (the section
    whose code, or key where it has none, the cell names), as a consumer reads them from the blueprint."""
    return next((_codes(s) for s in exam.sections if (s.code or s.key) == cell.section), [])


def _codes(section: Section) -> list[str]:
    return [point.code for point in (*section.points, *section.inherited)]
