"""试卷结构 (assessment.papers): a paper an exam engine can assemble and a candidate can sit.

Why: the 考评蓝图 (《技能人才评价命题技术规程（试行）》, 2024) is what a paper-assembly engine composes
papers from. A theory paper of 95 points scores every candidate out of 95; a paper whose counts
differ from `theory_items` contradicts the standard's own 题量; a difficulty profile of 110 % cannot
be met; a skill test whose required and drawn modules make 90 points, or that needs 170 minutes of
a 150-minute test, cannot be run as written; a 选考 group whose modules carry different points
makes candidates' scores depend on the lot; a module naming a function the level does not have
examines nothing the standard defines; and a function the 技能要求权重表 weighs at 20 % that no
module examines, or examines for 40 % of the points, is a paper at odds with the standard.

Checks never mutate the document; they only read `assessment.papers` and yield located diagnostics.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from fractions import Fraction

from stdkit.collection import AnyEntry, function_names, levelled
from stdkit.diagnostics import Diagnostic, Severity, Wording, rule
from stdkit.ladder import Level
from stdkit.load import Path_
from stdkit.model import LevelledBody
from stdkit.model.common import Method, per_level
from stdkit.model.standard import QUESTION_TYPE_NAMES, Module, QuestionType, SkillPaper, TheoryBlock
from stdkit.papers import module_points, number, total_points

#: A function weighed at least this much in the 技能要求权重表 should be examined by some module.
MIN_EXAMINED_WEIGHT = 10
#: How far (percentage points) a function's share of the skill test's points may drift from its weight.
SHARE_TOLERANCE = 10

PAPERS = ("assessment", "papers")

R_THEORY_POINTS = rule(
    "PAP301",
    "papers",
    Severity.ERROR,
    "A theory paper's points do not sum to 100.",
    "Change the blocks' `count` or `points` so that Σ count × points is exactly 100.",
    detail="The theory paper `{paper}` totals {total} points ({shown}), not 100.",
    zh=Wording(
        "理论知识试卷总分不是 100 分。",
        "请调整各题型的 `count` 或 `points`，使 Σ 题量 × 每题分值恰为 100。",
        "理论知识试卷 `{paper}` 总分为 {total} 分（{shown}），不是 100 分。",
    ),
    bad="all:\n  - {type: judgement, count: 20, points: 1}\n  - {type: single-choice, count: 75, points: 1}",
    good="all:\n  - {type: judgement, count: 20, points: 1}\n  - {type: single-choice, count: 80, points: 1}",
)
R_THEORY_ITEMS = rule(
    "PAP302",
    "papers",
    Severity.ERROR,
    "A theory paper's item counts do not add up to `assessment.theory_items`.",
    "Make the blocks' counts add up to `theory_items`, or change `theory_items` to the paper's count.",
    detail="The theory paper `{paper}` has {count} items; `theory_items` is {items}.",
    zh=Wording(
        "理论知识试卷各题型题量之和与 `assessment.theory_items` 不一致。",
        "请使各题型题量之和等于 `theory_items`，或将 `theory_items` 改为试卷的实际题量。",
        "理论知识试卷 `{paper}` 共 {count} 题；`theory_items` 为 {items}。",
    ),
    bad="theory_items: 100\npapers:\n  theory:\n    all:\n      - {type: single-choice, count: 90, points: 1}",
    good="theory_items: 100\npapers:\n  theory:\n    all:\n      - {type: single-choice, count: 100, points: 1}",
)
R_DIFFICULTY = rule(
    "PAP303",
    "papers",
    Severity.ERROR,
    "The difficulty profile (难度分布) does not sum to 100.",
    "Adjust `easy`, `medium` and `hard` so that they add up to exactly 100 (percent of the items).",
    detail="`difficulty` sums to {total} ({shown}), not 100.",
    zh=Wording(
        "难度分布合计不是 100。",
        "请调整 `easy`、`medium`、`hard`，使三者合计恰为 100（占题量的百分比）。",
        "`difficulty` 合计为 {total}（{shown}），不是 100。",
    ),
    bad="difficulty: {easy: 20, medium: 60, hard: 30}",
    good="difficulty: {easy: 20, medium: 60, hard: 20}",
)
R_SKILL_POINTS = rule(
    "PAP304",
    "papers",
    Severity.ERROR,
    "A skill test's required modules plus its drawn modules do not make 100 points.",
    "Change the modules' `points` so that the required ones plus `draw` × one module of each `choose` make 100.",
    detail="The skill test of {level} makes {total} points ({shown}), not 100.",
    zh=Wording(
        "技能考核必考模块与选考模块的配分之和不是 100 分。",
        "请调整各模块的 `points`，使必考模块配分加上各选考组 `draw` × 单个模块配分恰为 100 分。",
        "{level} 技能考核合计 {total} 分（{shown}），不是 100 分。",
    ),
    bad="required:\n  - {module: 照明电路安装, functions: [电气安装], points: 60}\n"
    "choose:\n  - {draw: 1, by: lot, modules: [{module: 线路检修, functions: [电气安装], points: 30}]}",
    good="required:\n  - {module: 照明电路安装, functions: [电气安装], points: 70}\n"
    "choose:\n  - {draw: 1, by: lot, modules: [{module: 线路检修, functions: [电气安装], points: 30}]}",
)
R_SKILL_MINUTES = rule(
    "PAP305",
    "papers",
    Severity.ERROR,
    "A skill test's modules take longer than `durations.skill` of the level.",
    "Shorten the modules' `minutes`, or lengthen `assessment.durations.skill` of the level.",
    detail="The modules of {level} take {minutes} minutes; `durations.skill` gives {duration}.",
    zh=Wording(
        "技能考核各模块用时超过该等级的 `durations.skill`。",
        "请缩短各模块的 `minutes`，或延长该等级的 `assessment.durations.skill`。",
        "{level} 各考核模块共需 {minutes} 分钟；`durations.skill` 为 {duration} 分钟。",
    ),
    bad="durations: {skill: {L3: 150}}\n# required 40 + 50 + 40, drawn 40: 170 minutes",
    good="durations: {skill: {L3: 150}}\n# required 40 + 50 + 40, drawn 20: 150 minutes",
)
R_CHOICE_UNEQUAL = rule(
    "PAP306",
    "papers",
    Severity.ERROR,
    "The modules of one `choose` group carry different points.",
    "Give every module of the group the same `points`, so that a candidate's score does not depend on "
    "which module is chosen or drawn.",
    detail="This module carries {points} points; the group's first module carries {first}.",
    zh=Wording(
        "同一选考组的模块配分不相等。",
        "请使该组每个模块的 `points` 相同，以免考生成绩取决于选到或抽到哪个模块。",
        "本模块配分为 {points} 分；该组第一个模块为 {first} 分。",
    ),
    bad="modules:\n  - {module: 模拟电路调试, functions: [电子电路], points: 20}\n"
    "  - {module: 数字电路调试, functions: [电子电路], points: 25}",
    good="modules:\n  - {module: 模拟电路调试, functions: [电子电路], points: 20}\n"
    "  - {module: 数字电路调试, functions: [电子电路], points: 20}",
)
R_CHOICE_DRAW = rule(
    "PAP307",
    "papers",
    Severity.ERROR,
    "A `choose` group draws as many modules as it offers (or more): nothing is left to choose.",
    "Make `draw` smaller than the number of modules, or move the modules to `required`.",
    detail="`draw` is {draw} but the group offers {offered} module(s).",
    zh=Wording(
        "选考组的 `draw` 不小于备选模块数，没有可选余地。",
        "请使 `draw` 小于备选模块数，或把这些模块移到 `required`（必考）。",
        "`draw` 为 {draw}，但该组只有 {offered} 个备选模块。",
    ),
    bad="- draw: 2\n  by: lot\n  modules: [{module: 甲, functions: [电子电路], points: 20}, "
    "{module: 乙, functions: [电子电路], points: 20}]",
    good="- draw: 1\n  by: lot\n  modules: [{module: 甲, functions: [电子电路], points: 20}, "
    "{module: 乙, functions: [电子电路], points: 20}]",
)
R_UNKNOWN_FUNCTION = rule(
    "PAP308",
    "papers",
    Severity.ERROR,
    "A skill module names a function (职业功能) its level does not have.",
    "Name one of the level's functions exactly as `work:` spells it.",
    detail="{level} has no function 「{name}」; its functions are {known}.",
    zh=Wording(
        "技能考核模块列出的职业功能不是该等级的职业功能。",
        "请按 `work:` 中的写法填写该等级的职业功能名称。",
        "{level} 没有职业功能「{name}」；该等级的职业功能为 {known}。",
    ),
    bad="- {module: 照明电路安装, functions: [电气安装调试], points: 100}",
    good="- {module: 照明电路安装, functions: [电气安装], points: 100}",
)
R_UNEXAMINED = rule(
    "PAP309",
    "papers",
    Severity.WARNING,
    "A function weighed 10 % or more in the 技能要求权重表 is examined by no skill module.",
    "Add a module that examines it, or name it in an existing module's `functions`.",
    detail="「{name}」 weighs {weight} % of the {level} skill test, but no module examines it.",
    zh=Wording(
        "技能要求权重表中比重达 10% 的职业功能没有任何考核模块考核。",
        "请增加考核该职业功能的模块，或在已有模块的 `functions` 中列出它。",
        "「{name}」占 {level} 技能考核比重 {weight}%，但没有模块考核它。",
    ),
    bad="# weights.skill.L5: {电气安装: 70, 线路检修: 30}\nrequired:\n"
    "  - {module: 照明电路安装, functions: [电气安装], points: 100}",
    good="# weights.skill.L5: {电气安装: 70, 线路检修: 30}\nrequired:\n"
    "  - {module: 照明电路安装, functions: [电气安装], points: 70}\n"
    "  - {module: 动力线路检修, functions: [线路检修], points: 30}",
)
R_SHARE = rule(
    "PAP310",
    "papers",
    Severity.WARNING,
    "A function's share of the skill test's points is more than 10 points off its 技能要求权重.",
    "Move points between the modules so that each function's share is near its weight.",
    detail="「{name}」 gets {share} % of the {level} skill points; its weight is {weight} %.",
    zh=Wording(
        "某职业功能在技能考核中的配分占比与其技能要求权重相差超过 10 个百分点。",
        "请在模块之间调整配分，使各职业功能的配分占比接近其权重。",
        "「{name}」占 {level} 技能考核配分的 {share}%，其权重为 {weight}%。",
    ),
    bad="# weights.skill.L5: {电气安装: 70, 线路检修: 30}\nrequired:\n"
    "  - {module: 照明电路安装, functions: [电气安装], points: 90}\n"
    "  - {module: 动力线路检修, functions: [线路检修], points: 10}",
    good="# weights.skill.L5: {电气安装: 70, 线路检修: 30}\nrequired:\n"
    "  - {module: 照明电路安装, functions: [电气安装], points: 70}\n"
    "  - {module: 动力线路检修, functions: [线路检修], points: 30}",
)
R_LEVEL = rule(
    "PAP311",
    "papers",
    Severity.ERROR,
    "A paper is given for a level the document does not have, or that is not assessed by that method.",
    "Remove the paper, or add the level to `levels` and the method to `assessment.methods` of the level.",
    detail={
        "absent": "`papers.{method}.{level}`: the document has no level {level}.",
        "method": "`papers.{method}.{level}`: {level} is not assessed by {method} (`assessment.methods`).",
    },
    zh=Wording(
        "为文件没有的等级、或不采用该鉴定方式的等级规定了试卷结构。",
        "请删除该试卷结构，或在 `levels` 中加入该等级并在 `assessment.methods` 中加入该鉴定方式。",
        {
            "absent": "`papers.{method}.{level}`：本文件没有 {level} 等级。",
            "method": "`papers.{method}.{level}`：{level} 的 `assessment.methods` 不含 {method}。",
        },
    ),
    bad="levels: [L5, L4]\npapers:\n  theory:\n    L3:\n      - {type: single-choice, count: 100, points: 1}",
    good="levels: [L5, L4]\npapers:\n  theory:\n    L4:\n      - {type: single-choice, count: 100, points: 1}",
)
R_TYPE_TWICE = rule(
    "PAP312",
    "papers",
    Severity.ERROR,
    "A question type appears in two blocks of one theory paper.",
    "Merge the blocks into one (a plan has one column per type), or use another type.",
    detail="{type} ({type_zh}) already has a block in `{paper}`.",
    zh=Wording(
        "同一理论知识试卷中某一题型出现在两个大题中。",
        "请将这两个大题合并为一个（细目表每种题型一列），或改用其他题型。",
        "`{paper}` 中已有{type_zh}（{type}）大题。",
    ),
    bad="- {type: single-choice, count: 50, points: 1}\n- {type: single-choice, count: 50, points: 1}",
    good="- {type: single-choice, count: 100, points: 1}",
)
R_SCORING = rule(
    "PAP313",
    "papers",
    Severity.WARNING,
    "`scoring` is given for a question type other than multiple-choice.",
    "Remove `scoring` (only 多项选择题 are scored all-or-nothing or partially).",
    detail="`scoring` has no meaning for {type} ({type_zh}).",
    zh=Wording(
        "为多项选择题以外的题型规定了 `scoring`。",
        "请删除 `scoring`（只有多项选择题区分全对得分与少选得部分分）。",
        "`scoring` 对{type_zh}（{type}）没有意义。",
    ),
    bad="- {type: single-choice, count: 100, points: 1, scoring: partial}",
    good="- {type: multiple-choice, count: 20, points: 2, scoring: partial}",
)


def check(entry: AnyEntry) -> Iterator[Diagnostic]:
    document = levelled(entry.document)
    if document is None or document.assessment.papers is None:
        return
    papers = document.assessment.papers
    if papers.theory is not None:
        for key, blocks in papers.theory.given():
            where = (*PAPERS, "theory", key)
            if key != "all":
                yield from _level(entry, document, Level(key), Method.THEORY, where)
            yield from _theory(entry, document, key, blocks, where)
        profile = papers.theory.difficulty
        if profile is not None:
            values = [profile.easy, profile.medium, profile.hard]
            if sum(values) != 100:
                yield entry.at(
                    (*PAPERS, "theory", "difficulty"),
                    R_DIFFICULTY,
                    key=True,
                    total=sum(values),
                    shown=" + ".join(str(v) for v in values),
                )
    for level, paper in papers.skill.items():
        where = (*PAPERS, "skill", level.value)
        problems = list(_level(entry, document, level, Method.SKILL, where))
        yield from problems
        if level in document.levels:
            yield from _skill(entry, document, level, paper, where)


def _level(
    entry: AnyEntry, document: LevelledBody, level: Level, method: Method, where: Path_
) -> Iterator[Diagnostic]:
    if level not in document.levels:
        yield entry.at(where, R_LEVEL, key=True, variant="absent", method=method.value, level=level.value)
    elif method not in document.assessment.methods.get(level, []):
        yield entry.at(where, R_LEVEL, key=True, variant="method", method=method.value, level=level.value)


def _theory(
    entry: AnyEntry, document: LevelledBody, key: str, blocks: Sequence[TheoryBlock], where: Path_
) -> Iterator[Diagnostic]:
    total = total_points(blocks)
    if total != 100:
        shown = " + ".join(f"{b.count} × {number(b.points)}" for b in blocks)
        yield entry.at(where, R_THEORY_POINTS, key=True, paper=key, total=number(total), shown=shown)
    count = sum(b.count for b in blocks)
    assessment = document.assessment
    if "theory_items" in assessment.model_fields_set and count != assessment.theory_items:
        yield entry.at(where, R_THEORY_ITEMS, key=True, paper=key, count=count, items=assessment.theory_items)
    seen: set[QuestionType] = set()
    for n, block in enumerate(blocks):
        names = {"type": block.type.value, "type_zh": QUESTION_TYPE_NAMES[block.type]}
        if block.type in seen:
            yield entry.finding((*where, n, "type"), R_TYPE_TWICE, {**names, "paper": key})
        seen.add(block.type)
        if block.scoring is not None and block.type is not QuestionType.MULTIPLE_CHOICE:
            yield entry.finding((*where, n, "scoring"), R_SCORING, names, key=True)


def _skill(
    entry: AnyEntry, document: LevelledBody, level: Level, paper: SkillPaper, where: Path_
) -> Iterator[Diagnostic]:
    draws = [(group.draw, group.modules) for group in paper.choose]
    total = module_points(paper.required, draws)
    if total != 100:
        parts = [str(number(m.points)) for m in paper.required]
        parts += [f"{draw} × {number(modules[0].points)}" for draw, modules in draws if modules]
        yield entry.at(
            where, R_SKILL_POINTS, key=True, level=level.value, total=number(total), shown=" + ".join(parts)
        )
    duration = per_level(document.assessment.durations.skill, level)
    timed = [m.minutes for m in _all_modules(paper) if m.minutes is not None]
    if duration is not None and timed and Method.SKILL not in document.assessment.durations.at_least:
        minutes = sum(m.minutes or 0 for m in paper.required) + sum(
            group.draw * max((m.minutes or 0 for m in group.modules), default=0) for group in paper.choose
        )
        if minutes > duration:
            yield entry.at(
                where, R_SKILL_MINUTES, key=True, level=level.value, minutes=minutes, duration=duration
            )
    for g, group in enumerate(paper.choose):
        at = (*where, "choose", g)
        if group.draw >= len(group.modules):
            yield entry.at((*at, "draw"), R_CHOICE_DRAW, draw=group.draw, offered=len(group.modules))
        first = group.modules[0].points
        for m, module in enumerate(group.modules[1:], start=1):
            if module.points != first:
                yield entry.at(
                    (*at, "modules", m, "points"),
                    R_CHOICE_UNEQUAL,
                    points=number(module.points),
                    first=number(first),
                )
    known = _functions(document, level)
    for path, module in _located_modules(paper, where):
        for k, name in enumerate(module.functions):
            if name not in known:
                yield entry.at(
                    (*path, "functions", k),
                    R_UNKNOWN_FUNCTION,
                    level=level.value,
                    name=name,
                    known="、".join(f"「{f}」" for f in known) or "none",
                )
    yield from _shares(entry, document, level, paper, where, total)


def _shares(
    entry: AnyEntry,
    document: LevelledBody,
    level: Level,
    paper: SkillPaper,
    where: Path_,
    total: Fraction,
) -> Iterator[Diagnostic]:
    """Each weighed function's expected share of the points against its weight (PAP309, PAP310).

    A module's points are shared equally by the functions it names; a 选考 module counts with the
    chance that it is taken (draw / number of modules), so a group of equal modules on one function
    gives that function draw × points.
    """
    column = document.weights.skill.get(level, {})
    if not column or total <= 0:
        return
    got: dict[str, Fraction] = {}

    known = set(_functions(document, level))

    def add(module: Module, chance: Fraction) -> None:
        # An unknown name is PAP308's finding; it takes no share, so the known ones are judged as meant.
        names = [name for name in module.functions if name in known]
        for name in names:
            share = chance * Fraction(repr(module.points)) / len(names)
            got[name] = got.get(name, Fraction(0)) + share

    for module in paper.required:
        add(module, Fraction(1))
    for group in paper.choose:
        for module in group.modules:
            add(module, Fraction(min(group.draw, len(group.modules)), len(group.modules)))
    for name, weight in column.items():
        if name not in got:
            if weight >= MIN_EXAMINED_WEIGHT:
                yield entry.at(where, R_UNEXAMINED, key=True, name=name, weight=weight, level=level.value)
            continue
        share = got[name] * 100 / total
        if abs(share - weight) > SHARE_TOLERANCE:
            yield entry.at(
                where, R_SHARE, key=True, name=name, share=number(share), weight=weight, level=level.value
            )


def _functions(document: LevelledBody, level: Level) -> list[str]:
    """The level's functions: the common ones and those of every 工种 with its own requirements there."""
    names = function_names(document, level)
    for work_type in document.work_types:
        for function in work_type.work.get(level, []):
            if function.function not in names:
                names.append(function.function)
    return names


def _all_modules(paper: SkillPaper) -> list[Module]:
    return [*paper.required, *(m for group in paper.choose for m in group.modules)]


def _located_modules(paper: SkillPaper, where: Path_) -> Iterator[tuple[Path_, Module]]:
    for n, module in enumerate(paper.required):
        yield (*where, "required", n), module
    for g, group in enumerate(paper.choose):
        for n, module in enumerate(group.modules):
            yield (*where, "choose", g, "modules", n), module
