"""考评蓝图 on a document's page: per level, the 双向细目表 of its theory paper and its 技能考核 modules,
drawn from the blueprints themselves (never computed a second way)."""

from __future__ import annotations

from stdkit import blueprint, ladder
from stdkit.collection import Entry, levelled
from stdkit.ladder import Level
from stdkit.model import Document
from stdkit.model.blueprint import UNIT_LEVEL, Exam, SkillModule
from stdkit.model.standard import LevelledBody
from stdkit.site.html import block, md_text, text
from stdkit.site.pages.pieces import html_table


def _blueprint_level_title(level: str) -> str:
    return "专项职业能力" if level == UNIT_LEVEL else ladder.title(Level(level))


def blueprint_title(doc: Document, key: str) -> str:
    """The row title of a blueprint key: its level, and for a 工种's level the 工种's name first."""
    work_type, level = blueprint.split_key(key)
    body = levelled(doc)
    index = blueprint.work_type_of(body, work_type) if body is not None and work_type else None
    if body is None or index is None:
        return _blueprint_level_title(level)
    return f"{body.work_types[index].name} · {ladder.title(Level(level))}"


def exam_plans(entry: Entry, doc: LevelledBody) -> str:
    """考评蓝图: per level with a composed paper, its 双向细目表 and its 技能考核 modules.

    Drawn from the blueprints themselves (the same plan the JSON and the workbook carry), so the
    page never rounds differently from what an exam system downloads.
    """
    if doc.assessment.papers is None:
        return ""
    out: list[str] = []
    for key in blueprint.levels_of(entry):
        made = blueprint.build(entry, key)
        parts: list[str] = []
        for component in made.components:
            if isinstance(component, Exam) and component.plan is not None:
                parts.append(_plan_table(component))
            if isinstance(component, Exam) and component.modules is not None:
                parts.append(_modules_table(component))
        if parts:
            out.append(f"\n### {md_text(blueprint_title(entry.document, key))}\n" + block(*parts))
    if not out:
        return ""
    intro = block(
        '<p class="sk-note">试卷结构（双向细目表）：鉴定范围 × 题型的题量，由权重与各题型题量按受控舍入得出，'
        "每行合计为该范围的题量，每列合计为该题型的题量；技能考核分必考与选考模块。</p>"
    )
    return "\n## 考评蓝图\n" + intro + "".join(out)


def _number(value: float | None) -> str:
    return "" if value is None else text(str(value))


def _plan_table(exam: Exam) -> str:
    """The 双向细目表: a row per 鉴定范围, a column per 题型, with the totals and the paper's facts."""
    head = ["鉴定范围", "比重（%）", *(f"{b.name}（{b.points}分/题）" for b in exam.paper or []), "合计"]
    caption = f'<p class="sk-note">理论知识考试：{"；".join(_plan_facts(exam))}。</p>'
    return caption + html_table(head, _plan_rows(exam), "sk-plan")


def _plan_rows(exam: Exam) -> list[list[str]]:
    blocks = exam.paper or []
    cells = {(cell.section, cell.type): cell for cell in exam.plan or []}
    rows = []
    for section in exam.sections:
        key = section.code or section.key
        counts = [cells[key, b.type].count if (key, b.type) in cells else 0 for b in blocks]
        rows.append(
            [
                text(section.name),
                text(str(section.weight)),
                *(text(str(n)) for n in counts),
                text(str(section.items or 0)),
            ]
        )
    weights = sum(section.weight for section in exam.sections)
    rows.append(
        ["合计（题）", text(str(weights)), *(text(str(b.count)) for b in blocks), _number(exam.items)]
    )
    points = [sum(c.points for c in exam.plan or [] if c.type == b.type) for b in blocks]
    rows.append(["分值（分）", "", *(_number(p) for p in points), _number(exam.total_points)])
    return rows


def _plan_facts(exam: Exam) -> list[str]:
    """满分, 合格, 考试时间, 难度 and how each 题型 is scored, as the plan gives them."""
    passing = f"合格 {_number(exam.pass_points)} 分" if exam.pass_points is not None else "合格分数线未规定"
    facts = [f"满分 {_number(exam.total_points)} 分", passing]
    if exam.minutes is not None:
        facts.append(f"考试时间 {exam.minutes} 分钟")
    if exam.difficulty is not None:
        d = exam.difficulty
        facts.append(f"难度 容易 {d.easy} 题、中等 {d.medium} 题、较难 {d.hard} 题")
    facts.extend(
        f"{b.name}{'错选、漏选不得分' if b.scoring == 'all-or-nothing' else '少选得部分分'}"
        for b in exam.paper or []
        if b.scoring
    )
    return facts


def _modules_table(exam: Exam) -> str:
    modules = exam.modules
    rows: list[list[str]] = []
    if modules is not None:
        for module in modules.required:
            rows.append(["必考", *_module_cells(module)])
        for group in modules.choose:
            how = "抽签决定" if group.by == "lot" else "考生自选"
            label = f"选考（{len(group.modules)}选{group.draw}，{how}）"
            rows.extend([label, *_module_cells(module)] for module in group.modules)
    caption = '<p class="sk-note">技能考核'
    caption += f"：考核时间 {exam.duration} 分钟。</p>" if exam.duration is not None else "。</p>"
    return caption + html_table(
        ["类别", "模块", "考核职业功能", "考核方式", "时间（分钟）", "配分"], rows, "sk-modules"
    )


def _module_cells(module: SkillModule) -> list[str]:
    return [
        text(module.module),
        text("、".join(module.functions)),
        text(module.form or ""),
        _number(module.minutes),
        _number(module.points),
    ]
