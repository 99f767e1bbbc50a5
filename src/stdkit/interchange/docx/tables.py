"""The table readers: 工作要求 (one four-column table per level), 权重表 (theory and skill), and a special
competency's 能力标准与鉴定内容. Each takes the table's rows that are not blank, each with its number in
the table (where a finding points), and fills the draft.

Tables as committees write them read: merged cells, or cells that repeat the text above instead of
merging; blank rows; % signs; several numbered lines in one cell. A cell that cannot be read is a
DOC911 at its row, a table that cannot be read a DOC912; never an exception.
"""

from __future__ import annotations

from collections.abc import Callable

from stdkit.interchange import layout
from stdkit.interchange.docx import words
from stdkit.interchange.docx.blocks import Grid
from stdkit.interchange.docx.draft import Content, Function, Reading, Unit, WorkType

#: The rows of a table that are not blank, each with its index in the table.
Rows = list[tuple[int, list[list[str]]]]
#: A table reader: the reading, the table, its rows that are not blank, its first row's cells as text.
TableReader = Callable[[Reading, Grid, Rows, list[str]], None]

#: Cells of a 权重表 that say "not assessed at this level".
_NOT_ASSESSED = ("", layout.NOT_ASSESSED, "-", "－", "/", "——")


def is_work_table(head: list[str]) -> bool:
    """A table headed 职业功能 … 技能要求 is 工作要求's, whatever section it stands in."""
    return layout.WORK_COLUMNS[0] in head and layout.WORK_COLUMNS[2] in head


# -- 工作要求 ---------------------------------------------------------------------------------------


def work(reading: Reading, grid: Grid, rows: Rows, head: list[str]) -> None:
    """A level's (or a 工种's level's) 职业功能 | 工作内容 | 技能要求 | 相关知识要求, under its level heading."""
    if reading.work_target is None or len(head) < 4 or layout.WORK_COLUMNS[0] not in head[0]:
        reading.unread_table(
            grid,
            "no level heading above it, or not the four columns 职业功能 | 工作内容 | 技能要求 | 相关知识要求",
            "上方没有等级标题，或不是 职业功能 | 工作内容 | 技能要求 | 相关知识要求 四列",
        )
        return
    level, own = reading.work_target
    functions = _functions(reading, grid, rows[1:])
    for function in functions:
        for content in function.contents:
            _check_content(reading, grid, content)
    draft = reading.draft
    if own is not None and draft.is_type(own):
        work_type = draft.work_types.setdefault(own, WorkType(own))
        if reading.work_type_code and work_type.code is None:
            work_type.code = reading.work_type_code
        if level not in work_type.levels:
            work_type.levels.append(level)
        work_type.work[level] = functions
    else:
        draft.work[level] = functions


def _functions(reading: Reading, grid: Grid, rows: Rows) -> list[Function]:
    """The functions of the table's rows: a cell left empty (or merged) continues the one above, and a
    content over several rows is one content, its repeated lines once."""
    functions: list[Function] = []
    known: dict[int, set[str]] = {}  # a content's lines, by id of its list: _extend stays linear
    for original, row in rows:
        function_name = layout.strip_numbering(" ".join(row[0])) if row[0] else ""
        content_name = layout.strip_numbering(" ".join(row[1])) if len(row) > 1 and row[1] else ""
        if not function_name and functions:
            function_name = functions[-1].function
        if not function_name:
            reading.cell(grid, original, 0, "no 职业功能", "没有职业功能", "")
            continue
        if not functions or functions[-1].function != function_name:
            functions.append(Function(function_name))
        contents = functions[-1].contents
        if not content_name and contents:
            content_name = contents[-1].name
        if not content_name:
            reading.cell(grid, original, 1, "no 工作内容", "没有工作内容", "")
            continue
        skills = words.lines(row[2]) if len(row) > 2 else []
        knowledge = words.lines(row[3]) if len(row) > 3 else []
        if contents and contents[-1].name == content_name:  # a content over several rows
            _extend(contents[-1].skills, skills, known)
            _extend(contents[-1].knowledge, knowledge, known)
        else:
            contents.append(Content(content_name, skills, knowledge))
    return functions


def _check_content(reading: Reading, grid: Grid, content: Content) -> None:
    """DOC911 (at the table's first row of content) for a content without 技能要求 or 相关知识要求."""
    for lines, column, label in ((content.skills, 2, "技能要求"), (content.knowledge, 3, "相关知识要求")):
        if not lines:
            reading.cell(grid, 1, column, f"{content.name} has no {label}", f"{content.name} 没有{label}", "")


def _extend(target: list[str], more: list[str], known: dict[int, set[str]]) -> None:
    """Lines of a content written over several rows; a line repeated from the row above is one line.
    ``known`` holds each target's lines as a set, so a content over thousands of rows stays linear."""
    seen = known.get(id(target))
    if seen is None:
        seen = known[id(target)] = set(target)
    for line in more:
        if line not in seen:
            target.append(line)
            seen.add(line)


# -- 权重表 -----------------------------------------------------------------------------------------


def weights(reading: Reading, grid: Grid, rows: Rows, head: list[str]) -> None:
    """理论知识权重表 or 技能要求权重表: a row per 项目, a column per level (or 工种's level), percents."""
    kind = "theory" if reading.section == layout.H_THEORY_WEIGHTS else "skill"
    columns = _level_columns(head)
    if not columns:
        reading.unread_table(grid, "its heading row names no level", "表头中没有等级")
        return
    first_value = columns[0][0]
    draft = reading.draft
    for original, row in rows[1:]:
        key = _row_key(row[:first_value])
        if key is None:
            continue
        for index, level, own in columns:
            if index >= len(row):
                break  # columns are in order: the rest of this row is empty (a row × columns walk is quadratic)
            text = " ".join(row[index])
            if text.strip() in _NOT_ASSESSED:
                continue
            value = words.whole_number(text)
            if value is None:
                reading.cell(grid, original, index, "not a whole number of percent", "不是整数百分比", text)
                continue
            if own is not None and draft.is_type(own):
                target = draft.type_weights.setdefault(own, {}).setdefault(kind, {})
            else:
                target = draft.weights.setdefault(kind, {})
            target.setdefault(level, {})[key] = value


def _level_columns(head: list[str]) -> list[tuple[int, str, str | None]]:
    """(index, level, 工种 or None) of each column whose title names a level, such as 四级/中级工（%）."""
    columns: list[tuple[int, str, str | None]] = []
    for index, title in enumerate(head):
        bare = title.replace("（%）", "").replace("(%)", "").replace("%", "").replace("％", "").strip()
        found = words.parse_level(bare)
        if found is not None:
            columns.append((index, found[0].value, found[1]))
    return columns


def _row_key(labels: list[list[str]]) -> str | None:
    """The weight's key of a row from its label cells (the last one given): 职业道德 and 基础知识 are
    the basics' keys, any other label is a function's name; None for a 合计 or unlabelled row."""
    given = [" ".join(cell) for cell in labels if cell]
    label = layout.strip_numbering(given[-1]) if given else ""
    if not label or label == layout.WEIGHT_TOTAL or label.replace(" ", "") == layout.WEIGHT_TOTAL:
        return None
    return layout.KEY_OF_SECTION_ROW.get(label, label)


# -- a special competency's 能力标准与鉴定内容 ----------------------------------------------------------


def special(reading: Reading, grid: Grid, rows: Rows, head: list[str]) -> None:
    """考核模块 | 技能要求 | 相关知识要求 | 考核比重（%）: a unit per row."""
    special = reading.draft.special
    for original, row in rows[1:]:
        if len(row) < 3 or not row[0]:
            reading.cell(grid, original, 0, "no 考核模块", "没有考核模块", "")
            continue
        name = layout.strip_numbering(" ".join(row[0]))
        special.units.append(Unit(name, words.lines(row[1]), words.lines(row[2])))
        if len(row) > 3 and row[3]:
            text = " ".join(row[3])
            value = words.whole_number(text)
            if value is None:
                reading.cell(grid, original, 3, "not a whole number of percent", "不是整数百分比", text)
            else:
                special.weights.setdefault("skill", {})[name] = value


# -- 勘误 -------------------------------------------------------------------------------------------


def errata(reading: Reading, grid: Grid, rows: Rows, head: list[str]) -> None:
    """序号 | 位置（鉴定点代码）| 原文 | 更正为: the changes of the erratum whose line stands above it."""
    found = reading.draft.errata
    if not found or len(head) < 4 or layout.ERRATA_COLUMNS[3] not in head[3]:
        reading.unread_table(
            grid,
            "no erratum line (第1次勘误：YYYY-MM-DD) above it, or not the four columns 序号 | 位置 | 原文 | 更正为",
            "上方没有勘误行（第1次勘误：YYYY-MM-DD），或不是 序号 | 位置 | 原文 | 更正为 四列",
        )
        return
    for original, row in rows[1:]:
        cells = ["".join(cell).strip() for cell in row[1:4]]
        if len(cells) < 3 or not all(cells):
            shown = " | ".join(cells)
            reading.cell(
                grid, original, 1, "a change needs its code, 原文 and 更正为", "缺少代码、原文或更正为", shown
            )
            continue
        code, before, after = cells
        found[-1].changes.append({"code": code, "from": before, "to": after})
