"""The sheets of a 鉴定要素细目表: the 细目表 of each exam, the 双向细目表, 技能考核 modules, 评聘条件.

Each sheet is laid out as question-bank teams print it, on a :class:`~stdkit.workbook.cells.Sheet`
(so every cell goes through :meth:`~stdkit.workbook.cells.Sheet.put`): header rows with the document's
facts, then the sheet's table, then A4 landscape print settings. Only the blueprint is read; nothing
here re-validates it or writes a file.
"""

from __future__ import annotations

from typing import Any

from stdkit.model.blueprint import (
    UNIT_LEVEL,
    Appointment,
    Blueprint,
    Exam,
    Modules,
    PaperBlock,
    Point,
    Section,
)
from stdkit.model.common import SECTION_NAMES, WORKING_MARKS, ref_label
from stdkit.papers import number
from stdkit.rounding import apportion
from stdkit.workbook.cells import Sheet

#: The 细目表's columns: (heading over the group, heading, width in characters).
SCOPE_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("鉴定范围·一级", "代码", 6),
    ("鉴定范围·一级", "名称", 18),
    ("鉴定范围·一级", "鉴定比重（%）", 12),
    ("鉴定范围·二级", "代码", 7),
    ("鉴定范围·二级", "名称", 22),
    ("鉴定范围·二级", "鉴定比重（%）", 12),
    ("鉴定点", "代码", 7),
    ("鉴定点", "名称", 46),
    ("鉴定点", "重要程度", 7),
    ("鉴定点", "来源等级", 8),
    ("鉴定点", "必考/选考", 8),
    ("鉴定点", "鉴定点标识", 30),
)
#: Rows above the column headings: title, document facts, a blank spacer; then two heading rows.
HEADER_ROWS = 5
KIND_TITLES = {"theory": "理论知识", "skill": "技能操作"}


def _scope_letter(index: int) -> str:
    """A, B, … Z, AA, AB … for the 一级 scopes (a standard rarely has more than ten)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _groups(section: Section, special: bool, kind: str) -> list[tuple[str, str | None, list[Point]]]:
    """The 二级 scopes of a section in order: (name, source level or None, points)."""
    found: dict[tuple[str, str | None], list[Point]] = {}
    for point, source in [*((p, None) for p in section.points), *((p, p.level) for p in section.inherited)]:
        name = (
            ("技能要求" if kind == "skill" else "相关知识要求")
            if special
            else (point.content or section.name)
        )
        found.setdefault((name, source), []).append(point)
    return [(name, source, points) for (name, source), points in found.items()]


def exam_sheet(sheet: Sheet, blueprint: Blueprint, exam: Exam) -> None:
    width = len(SCOPE_COLUMNS)
    header(sheet, blueprint, KIND_TITLES[exam.kind], width, exam)
    special = blueprint.level.id == UNIT_LEVEL
    row = HEADER_ROWS + 1
    for column, (group, heading, _) in enumerate(SCOPE_COLUMNS, start=1):
        sheet.put(row, column, group, "head")
        sheet.put(row + 1, column, heading, "head")
    for start in range(1, width + 1, 3):
        if start <= 6:
            sheet.merge(row, start, row, start + 2)
    sheet.merge(row, 7, row, width)
    row += 2
    total_first = 0
    counted = 0
    chosen = _required_or_chosen(exam)
    for s, section in enumerate(exam.sections):
        code = _scope_letter(s)
        groups = _groups(section, special, exam.kind)
        shares = apportion(section.weight, [len(points) for _, _, points in groups]) if groups else []
        top = row
        total_first += section.weight
        if not groups:
            # A section without lines still carries its weight; the row says so instead of hiding it.
            groups, shares = [("（本节无鉴定点）", None, [])], [section.weight]
        for g, ((name, source, points), share) in enumerate(zip(groups, shares, strict=True), start=1):
            group_top = row
            for n, point in enumerate(points or [None], start=1):
                if point is not None:
                    counted += 1
                    sheet.put(row, 7, f"{n:03d}", "centre")
                    sheet.put(row, 8, point.text, "text")
                    sheet.put(row, 9, str(point.importance), "centre")
                    sheet.put(row, 10, source or "", "centre")
                    sheet.put(row, 11, chosen.get(point.code, ""), "centre")
                    sheet.put(row, 12, point.code, "small")
                else:
                    for column in range(7, width + 1):
                        sheet.put(row, column, "", "text")
                row += 1
            sheet.put(group_top, 4, f"{code}-{g}", "centre")
            sheet.put(group_top, 5, name if source is None else f"{name}（{source}）", "text")
            sheet.put(group_top, 6, share, "number")
            for column in (4, 5, 6):
                _merge_down(sheet, group_top, row - 1, column)
        sheet.put(top, 1, code, "centre")
        sheet.put(top, 2, section.name, "text")
        sheet.put(top, 3, section.weight, "number")
        for column in (1, 2, 3):
            _merge_down(sheet, top, row - 1, column)
    sheet.put(row, 1, "合计", "head")
    sheet.merge(row, 1, row, 2)
    sheet.put(row, 3, total_first, "total")
    sheet.put(row, 4, "", "head")
    sheet.put(row, 5, "", "head")
    sheet.put(row, 6, total_first, "total")
    sheet.put(row, 7, "", "head")
    sheet.put(row, 8, f"鉴定点 {counted} 个", "head")
    for column in range(9, width + 1):
        sheet.put(row, column, "", "head")
    _print_setup(sheet, width)


def _required_or_chosen(exam: Exam) -> dict[str, str]:
    """必考 or 选考 per 鉴定点 code, as the skill test's modules say (a line that a 必考 module tests is 必考,
    even when a 选考 module tests it too); empty where the document composes no modules."""
    found: dict[str, str] = {}
    if exam.modules is None:
        return found
    for group in exam.modules.choose:
        for module in group.modules:
            found.update(dict.fromkeys(module.point_codes, "选考"))
    for module in exam.modules.required:
        found.update(dict.fromkeys(module.point_codes, "必考"))
    return found


def plan_sheet(sheet: Sheet, blueprint: Blueprint, exam: Exam) -> None:
    """The 双向细目表 of a theory paper: 鉴定范围 down the side, 题型 across, items in the cells.

    A 合计 column and row (they are the sections' item counts and the blocks' counts), the points
    per type, and the difficulty split per type, as question-bank teams draw the table by hand.
    """
    blocks = exam.paper or []
    width = 4 + len(blocks)
    header(sheet, blueprint, "理论知识 双向细目表", width, exam)
    row = HEADER_ROWS + 1
    headings = ["代码", "鉴定范围", "比重（%）"]
    headings += [f"{block.name}（{block.points}分/题）" for block in blocks]
    headings.append("合计")
    for column, heading in enumerate(headings, start=1):
        sheet.put(row, column, heading, "head")
    row += 1
    cells = {(cell.section, cell.type): cell for cell in exam.plan or []}
    for s, section in enumerate(exam.sections):
        key = section.code or section.key
        sheet.put(row, 1, _scope_letter(s), "centre")
        sheet.put(row, 2, section.name, "text")
        sheet.put(row, 3, section.weight, "number")
        for j, block in enumerate(blocks, start=4):
            found = cells.get((key, block.type))
            sheet.put(row, j, found.count if found is not None else 0, "number")
        sheet.put(row, width, section.items or 0, "total")
        row += 1
    for label, values, total in _plan_totals(exam, blocks):
        sheet.put(row, 1, label, "head")
        sheet.merge(row, 1, row, 2)
        sheet.put(row, 3, sum(s.weight for s in exam.sections) if label == "合计（题）" else "", "total")
        for j, value in enumerate(values, start=4):
            sheet.put(row, j, value, "total")
        sheet.put(row, width, total, "total")
        row += 1
    sheet.widths([6, 24, 10, *[14] * len(blocks), 8])
    _print_setup(sheet, width, widths=False)


def _plan_totals(exam: Exam, blocks: list[PaperBlock]) -> list[tuple[str, list[object], object]]:
    """The 双向细目表's rows below the sections: (label, one value per 题型, the row's total)."""
    plan = exam.plan or []
    totals: list[tuple[str, list[object], object]] = [
        ("合计（题）", [block.count for block in blocks], exam.items),
        (
            "分值（分）",
            [sum(c.points for c in plan if c.type == block.type) for block in blocks],
            exam.total_points,
        ),
    ]
    if exam.difficulty is not None:
        for name, label in (("easy", "容易"), ("medium", "中等"), ("hard", "较难")):
            per_type: list[object] = [
                sum(
                    getattr(c.difficulty_counts, name)
                    for c in plan
                    if c.type == block.type and c.difficulty_counts is not None
                )
                for block in blocks
            ]
            totals.append((f"难度·{label}（题）", per_type, getattr(exam.difficulty, name)))
    return totals


def modules_sheet(sheet: Sheet, blueprint: Blueprint, exam: Exam) -> None:
    """技能考核 modules: 必考 ones, then each 选考 group with how many are taken and how."""
    modules = exam.modules
    columns = (
        ("类别", 14),
        ("模块", 24),
        ("考核职业功能", 30),
        ("考核方式", 10),
        ("时间（分钟）", 10),
        ("配分", 8),
        ("模块标识", 30),
    )
    header(sheet, blueprint, "技能考核", len(columns), exam)
    row = HEADER_ROWS + 1
    for column, (heading, _) in enumerate(columns, start=1):
        sheet.put(row, column, heading, "head")
    row += 1
    groups: list[tuple[str, list[Any]]] = []
    if modules is not None:
        groups.append(("必考", list(modules.required)))
        for group in modules.choose:
            how = "抽签" if group.by == "lot" else "考生自选"
            groups.append((f"选考（{len(group.modules)}选{group.draw}，{how}）", list(group.modules)))
    for label, members in groups:
        top = row
        for module in members:
            sheet.put(row, 2, module.module, "text")
            sheet.put(row, 3, "、".join(module.functions), "text")
            sheet.put(row, 4, module.form or "", "centre")
            sheet.put(row, 5, module.minutes if module.minutes is not None else "", "number")
            sheet.put(row, 6, module.points, "number")
            sheet.put(row, 7, module.id, "small")
            row += 1
        sheet.put(top, 1, label, "centre")
        _merge_down(sheet, top, row - 1, 1)
    if modules is not None:
        minutes, points = module_totals(modules)
        sheet.put(row, 1, "合计（每名考生）", "head")
        sheet.merge(row, 1, row, 4)
        sheet.put(row, 5, minutes, "total")
        sheet.put(row, 6, points, "total")
        sheet.put(row, 7, "", "head")
    sheet.widths(chars for _, chars in columns)
    _print_setup(sheet, len(columns), widths=False)


def module_totals(modules: Modules) -> tuple[int | str, int | float]:
    """What one candidate sits: the 必考 modules and, per 选考 group, ``draw`` of its modules. Points are the
    sum (a group's modules carry equal points, PAP rules); minutes the sum too, or a range ``a–b`` where the
    modules a candidate may draw differ in time; empty where a module gives no time."""
    points = sum(m.points for m in modules.required)
    timed = all(m.minutes is not None for m in modules.required)
    low = high = sum(m.minutes or 0 for m in modules.required)
    for group in modules.choose:
        if group.modules:
            points += group.draw * group.modules[0].points
        times = sorted(m.minutes or 0 for m in group.modules)
        timed = timed and all(m.minutes is not None for m in group.modules)
        low += sum(times[: group.draw])
        high += sum(times[-group.draw :]) if group.draw else 0
    shown: int | str = "" if not timed else low if low == high else f"{low}–{high}"
    return shown, number(points)


def appointment_sheet(sheet: Sheet, blueprint: Blueprint, appointment: Appointment) -> None:
    """评聘条件 grouped as the document gives them: a panel verifies them; they are not 鉴定点."""
    columns = (("条件组", 18), ("要求", 16), ("序号", 6), ("评聘条件", 60), ("条件标识", 30))
    header(sheet, blueprint, "评聘", len(columns))
    row = HEADER_ROWS + 1
    for column, (heading, _) in enumerate(columns, start=1):
        sheet.put(row, column, heading, "head")
    row += 1
    for group in appointment.groups:
        top = row
        for n, criterion in enumerate(group.criteria, start=1):
            sheet.put(row, 3, n, "centre")
            sheet.put(row, 4, criterion.text, "text")
            sheet.put(row, 5, criterion.code, "small")
            row += 1
        sheet.put(top, 1, group.name or "", "text")
        rule = "须全部具备" if group.rule == "all" else f"具备其中 {group.required} 项"
        sheet.put(top, 2, rule, "centre")
        for column in (1, 2):
            _merge_down(sheet, top, row - 1, column)
    for label, value in (
        ("聘期", f"{appointment.term_years} 年" if appointment.term_years else None),
        ("名额", appointment.quota),
        ("评聘程序", "→".join(appointment.procedure)),
    ):
        if value:
            sheet.put(row, 1, label, "head")
            sheet.put(row, 2, value, "text")
            sheet.merge(row, 2, row, len(columns))
            row += 1
    sheet.widths(width for _, width in columns)
    _print_setup(sheet, len(columns), widths=False)


def header(sheet: Sheet, blueprint: Blueprint, category: str, width: int, exam: Exam | None = None) -> None:
    level = blueprint.level
    level_text = level.title + (f"（{level.own_name}）" if level.own_name else "")
    mark = WORKING_MARKS.get(blueprint.document.status)
    sheet.put(1, 1, f"{blueprint.document.title} 鉴定要素细目表" + (f"（{mark}）" if mark else ""), "title")
    sheet.merge(1, 1, 1, width)
    facts = [
        ("职业", blueprint.occupation.name),
        ("编码", blueprint.occupation.code or "—"),
        ("等级", level_text),
        ("类别", category),
    ]
    extra = [("文件", ref_label(blueprint.document.ref))]
    # a working document's status, on the row otherwise left blank: not for examination
    working: list[tuple[str, str]] = [("状态", f"{mark}，尚未发布")] if mark else []
    if blueprint.document.provisional:
        shown = "、".join(SECTION_NAMES.get(name, name) for name in blueprint.document.provisional)
        working.append(("暂定", shown))
    if exam is not None and exam.items is not None:
        extra.append(("题量", f"{exam.items} 题"))
    if exam is not None and exam.duration is not None:
        extra.append(("时长", f"{exam.duration} 分钟"))
    for row, pairs in ((2, facts), (3, extra), (4, working)):
        column = 1
        for label, value in pairs:
            sheet.put(row, column, label, "label")
            sheet.put(row, column + 1, value, "fact")
            column += 2 if width <= 6 else 3
            if width > 6:
                sheet.merge(row, column - 2, row, column - 1)


def _merge_down(sheet: Sheet, top: int, bottom: int, column: int) -> None:
    if bottom > top:
        sheet.merge(top, column, bottom, column)


def _print_setup(sheet: Sheet, width: int, *, widths: bool = True) -> None:
    """A4 landscape, fitted to the page width, heading rows repeated on every page."""
    if widths:
        sheet.widths(chars for _, _, chars in SCOPE_COLUMNS)
    page = sheet.page
    page.set_landscape()
    page.set_paper(9)  # A4
    page.fit_to_pages(1, 0)  # one page wide, as many tall as it takes
    page.repeat_rows(HEADER_ROWS, HEADER_ROWS + (1 if widths else 0))  # 0-based: the heading rows
    page.center_horizontally()
    page.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    page.freeze_panes(HEADER_ROWS + (2 if widths else 1), 0)
