"""Writing outputs: blueprint JSON and 细目表 workbooks, the index, and the atomic swap of a folder.

Rendering is deterministic (sorted keys, fixed zip dates, no timestamps), so building twice gives
the same bytes and exam systems can trust the sha256 in the index. Every JSON file is validated
against its model as it is written (:func:`_checked`: the schemas are generated from the models),
into a temporary folder beside the target; only then does :func:`stdkit.output.replace_dir` swap
it in. A failure leaves the published folder exactly as it was.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import io
import posixpath
import re
import struct
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel

from stdkit import blueprint as builder
from stdkit import editions, output
from stdkit.collection import Collection, Entry
from stdkit.interchange import case
from stdkit.messages import Localized, Message
from stdkit.model.blueprint import (
    SCHEMA_VERSION,
    UNIT_LEVEL,
    Appointment,
    Blueprint,
    DocumentRef,
    Exam,
    Index,
    IndexEntry,
    LatestPointer,
    Point,
    Section,
    WorkTypeRef,
)
from stdkit.model.common import PartialDate, Status
from stdkit.rounding import apportion

INDEX = "index.json"
LATEST = builder.LATEST
#: Zip entries need a date; 1980-01-01 is the earliest a zip can hold (used when a document has no issued date).
ZIP_EPOCH = datetime.date(1980, 1, 1)


class PublishError(Localized):
    """The build produced output that does not validate; nothing was replaced."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:20])
        more = Message("publish.more", {"count": len(problems) - 20}) if len(problems) > 20 else ""
        super().__init__("publish.invalid", count=len(problems), shown=shown, more=more)


# -- rendering ----------------------------------------------------------------------------------


def dump(model: BaseModel) -> bytes:
    """Canonical JSON: sorted keys, two-space indent, raw UTF-8 (no \\u escapes), trailing newline."""
    return (
        orjson.dumps(model.model_dump(mode="json"), option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n"
    )


#: A cell whose text starts with one of these is read as a formula (or DDE) by Excel, LibreOffice
#: or a CSV import of the sheet (OWASP "CSV injection"): a skill line `=HYPERLINK(...)` would be a live link.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
#: Characters a worksheet cannot hold (XML 1.0 forbids them); shown as escapes instead.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: Cell styles: (bold, size, font colour, fill, boxed, horizontal alignment, wrap).
_STYLES: dict[str, tuple[bool, int, str | None, str | None, bool, str, bool]] = {
    "title": (True, 14, None, None, False, "center", False),
    "label": (True, 11, None, None, False, "center", True),
    "fact": (False, 11, None, None, False, "left", True),
    "note": (False, 11, None, None, False, "left", True),
    "head": (True, 11, None, "#E7E6E6", True, "center", True),
    "total": (True, 11, None, "#E7E6E6", True, "center", True),
    "centre": (False, 11, None, None, True, "center", True),
    "number": (False, 11, None, None, True, "center", True),
    "text": (False, 11, None, None, True, "left", True),
    "small": (False, 8, "#555555", None, True, "left", True),
}


def _inert(value: str) -> tuple[str, bool]:
    """Author text as a worksheet can hold it, and whether it needs the quote prefix.

    Author text is untrusted. It is always written as a string cell (``write_string``, never
    XlsxWriter's ``write``, which would store ``=…`` as a formula); a value a spreadsheet could
    still read as a formula once edited or exported to CSV also carries the quote prefix (as if
    typed with a leading ``'``: shown without it). Control characters, which the file format
    cannot hold, are shown as escapes.
    """
    if _ILLEGAL.search(value):
        from stdkit.untrusted import printable

        value = _ILLEGAL.sub(lambda m: printable(m.group()), value)
    return value, value.lstrip(" ").startswith(_FORMULA_START)


@functools.cache
def _worksheet_class() -> type:
    """XlsxWriter's worksheet, writing the three kinds of cell the sheets hold with one string each.

    XlsxWriter serialises a cell through a list of attributes, an escaping pass over each and a
    dispatch on the cell's class name; a 细目表 has ≈ 950 cells (two thirds of them the blank cells
    of merged ranges), so serialising them was a quarter of a workbook's time (one string each: 10.3 →
    8.9 ms a level). The XML is byte for byte XlsxWriter's own for these kinds: a test compares every
    workbook of the samples both ways (1,229 of a generated corpus were compared when this was
    written). Any other kind, or a cell without a format, is left to XlsxWriter.
    """
    from xlsxwriter.utility import xl_rowcol_to_cell_fast  # type: ignore[import-untyped]
    from xlsxwriter.worksheet import CellBlankTuple, Worksheet  # type: ignore[import-untyped]

    class Cells(Worksheet):  # type: ignore[misc]  # XlsxWriter ships no type information
        def merge_blank(self, top: int, left: int, bottom: int, right: int, cell_format: Any) -> None:
            """``merge_range(top, left, bottom, right, "", cell_format)`` without re-checking each cell:
            :meth:`_Sheet.close` has made sure no two merges share a cell."""
            self._check_dimensions(top, left)
            self._check_dimensions(bottom, right)
            self.merge.append([top, left, bottom, right])
            blank = CellBlankTuple(cell_format)
            for row in range(top, bottom + 1):
                cells = self.table[row]
                for col in range(left, right + 1):
                    cells[col] = blank

        def _write_cell(self, row: int, col: int, cell: Any) -> None:
            kind = type(cell).__name__
            if not cell.format or kind not in _OWN_CELLS:
                super()._write_cell(row, col, cell)
                return
            head = f'<c r="{xl_rowcol_to_cell_fast(row, col)}" s="{cell.format._get_xf_index()}"'
            if kind == "String":  # an index into the shared strings
                self.fh.write(f'{head} t="s"><v>{cell.string}</v></c>')
            elif kind == "Number":
                self.fh.write(f"{head}><v>{cell.number:.16G}</v></c>")
            else:
                self.fh.write(f"{head}/>")

    return Cells


_OWN_CELLS = frozenset({"String", "Number", "Blank"})


class _Sheet:
    """One worksheet being laid out: cells and merges are collected, then written by :meth:`close`.

    Collecting first gives the merge semantics the layout functions rely on (a value put in a
    merged range's other cells is dropped, the range takes its first cell's style) whatever the
    order of ``put`` and ``merge``; XlsxWriter itself wants each merge before its first cell's value.
    """

    def __init__(self, book: Any, name: str, formats: dict[tuple[str, bool], Any]) -> None:
        self.book = book
        self.formats = formats  # shared by the workbook's sheets: one Format per style
        self.sheet = book.add_worksheet(name, worksheet_class=_worksheet_class())
        self.cells: dict[tuple[int, int], tuple[object, str]] = {}
        self.merges: list[tuple[int, int, int, int]] = []

    def put(self, row: int, column: int, value: object, style: str) -> None:
        """Write one cell (1-based): every value of the workbook goes through here."""
        self.cells[row, column] = (value, style)

    def merge(self, top: int, left: int, bottom: int, right: int) -> None:
        if (top, left) != (bottom, right):
            self.merges.append((top, left, bottom, right))

    def widths(self, chars: Iterable[int]) -> None:
        """Column widths in characters, stored as given (XlsxWriter adds 5 pixels of padding to a
        width: taking them off keeps the columns exactly as wide as the sheets have always been)."""
        for column, width in enumerate(chars):
            self.sheet.set_column(column, column, width - 5 / 7)

    def close(self) -> None:
        merged: set[tuple[int, int]] = set()
        hidden: set[tuple[int, int]] = set()  # merged, but not a range's first cell (which holds its value)
        for top, left, bottom, right in self.merges:
            cells = {(r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)}
            if cells & merged:  # a layout bug: Excel calls such a file corrupt
                raise ValueError(f"overlapping merged ranges at row {top}, column {left}")
            merged |= cells
            hidden |= cells - {(top, left)}
            _, style = self.cells.get((top, left), (None, "text"))
            self.sheet.merge_blank(top - 1, left - 1, bottom - 1, right - 1, self._format(style, False))
        for (row, column), (value, style) in self.cells.items():
            if (row, column) not in hidden:
                self._write(row - 1, column - 1, value, style)

    def _write(self, row: int, column: int, value: object, style: str) -> None:
        # XlsxWriter's own cell writers, without its public methods' argument conversion (A1 strings)
        if isinstance(value, str) and value:
            text, quoted = _inert(value)
            self.sheet._write_string(row, column, text, self._format(style, quoted))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            self.sheet._write_number(row, column, value, self._format(style, False))
        elif value is None or value == "":
            self.sheet._write_blank(row, column, None, self._format(style, False))
        else:
            self._write(row, column, str(value), style)

    def _format(self, style: str, quoted: bool) -> Any:
        formats = self.formats
        key = (style, quoted)
        if key not in formats:
            bold, size, colour, fill, boxed, horizontal, wrap = _STYLES[style]
            spec: dict[str, object] = {"align": horizontal, "valign": "vcenter", "font_size": size}
            if bold:
                spec["bold"] = True
            if colour:
                spec["font_color"] = colour
            if fill:
                spec |= {"pattern": 1, "bg_color": fill}
            if boxed:
                spec |= {"border": 1, "border_color": "#000000"}
            if wrap:
                spec["text_wrap"] = True
            if quoted:
                spec["quote_prefix"] = True
            formats[key] = self.book.add_format(spec)
        return formats[key]


def workbook(blueprint: Blueprint) -> bytes:
    """The level's 鉴定要素细目表 as .xlsx bytes, byte-identical for the same blueprint.

    One sheet per examined component (理论知识, 技能操作), laid out as question-bank teams print it:
    header rows (职业, 编码, 等级, 类别), then 鉴定范围 in 一级 (职业功能, or 职业道德/基础知识; codes A,
    B, C …) and 二级 (工作内容 or 知识领域; codes A-1 …) with their own 鉴定比重, and the 鉴定点 with
    codes 001 … within their 二级, 重要程度, the level an inherited line comes from, 必考/选考 and the
    stable 鉴定点标识. 一级 比重 is the 权重表's; a function's 比重 is shared over its 二级 by their
    number of 鉴定点 (largest remainder), so every level of scope sums to its total and the 合计 row
    reads 100. A 评聘 level gets its grouped conditions instead: they are not 鉴定点.
    Author text is untrusted: every cell goes through :meth:`_Sheet.put`, so no cell is a formula.

    Written with XlsxWriter (openpyxl's per-cell style objects cost ~200 ms a level; this ~10 ms):
    each format is made once per workbook, the zip is built in memory and then restamped with the
    document's date, and the properties carry that date, so the bytes never depend on the clock.
    """
    import xlsxwriter  # type: ignore[import-untyped]  # ships no type information

    when = _fixed_date(blueprint)
    raw = io.BytesIO()
    book = xlsxwriter.Workbook(raw, {"in_memory": True})
    formats: dict[tuple[str, bool], Any] = {}
    sheets: list[_Sheet] = []

    def sheet(name: str) -> _Sheet:
        taken = {s.sheet.name for s in sheets}
        unique = next(n for n in (name, *(f"{name}{i}" for i in range(1, 100))) if n not in taken)
        sheets.append(_Sheet(book, unique, formats))
        return sheets[-1]

    exams = [c for c in blueprint.components if isinstance(c, Exam)]
    for exam in exams:
        _exam_sheet(sheet("理论知识" if exam.kind == "theory" else "技能操作"), blueprint, exam)
    for exam in exams:
        if exam.plan is not None:
            _plan_sheet(sheet("双向细目表"), blueprint, exam)
        if exam.modules is not None:
            _modules_sheet(sheet("技能考核"), blueprint, exam)
    for component in blueprint.components:
        if isinstance(component, Appointment):
            _appointment_sheet(sheet("评聘条件"), blueprint, component)
    if not sheets:
        empty = sheet("细目表")
        _header(empty, blueprint, "—", len(SCOPE_COLUMNS))
        empty.put(HEADER_ROWS + 1, 1, "本等级没有笔试或实操鉴定点。", "note")
    for each in sheets:
        each.close()
    moment = datetime.datetime.combine(when, datetime.time())
    book.set_properties({"author": "stdkit", "created": moment})
    book.close()
    return _restamp(raw.getvalue(), when)


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


def _exam_sheet(sheet: _Sheet, blueprint: Blueprint, exam: Exam) -> None:
    width = len(SCOPE_COLUMNS)
    _header(sheet, blueprint, KIND_TITLES[exam.kind], width, exam)
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
    first_data = row
    total_first = 0
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
                    sheet.put(row, 7, f"{n:03d}", "centre")
                    sheet.put(row, 8, point.text, "text")
                    sheet.put(row, 9, str(point.importance), "centre")
                    sheet.put(row, 10, source or "", "centre")
                    sheet.put(row, 11, "", "centre")
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
    sheet.put(row, 8, f"鉴定点 {row - first_data} 个", "head")
    for column in range(9, width + 1):
        sheet.put(row, column, "", "head")
    _print_setup(sheet, width)


def _plan_sheet(sheet: _Sheet, blueprint: Blueprint, exam: Exam) -> None:
    """The 双向细目表 of a theory paper: 鉴定范围 down the side, 题型 across, items in the cells.

    A 合计 column and row (they are the sections' item counts and the blocks' counts), the points
    per type, and the difficulty split per type, as question-bank teams draw the table by hand.
    """
    blocks = exam.paper or []
    width = 4 + len(blocks)
    _header(sheet, blueprint, "理论知识 双向细目表", width, exam)
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
    totals: list[tuple[str, list[object], object]] = [
        ("合计（题）", [block.count for block in blocks], exam.items),
        (
            "分值（分）",
            [sum(c.points for c in exam.plan or [] if c.type == block.type) for block in blocks],
            exam.total_points,
        ),
    ]
    if exam.difficulty is not None:
        for name, label in (("easy", "容易"), ("medium", "中等"), ("hard", "较难")):
            per_type: list[object] = []
            for block in blocks:
                per_type.append(
                    sum(
                        getattr(c.difficulty_counts, name)
                        for c in exam.plan or []
                        if c.type == block.type and c.difficulty_counts is not None
                    )
                )
            totals.append((f"难度·{label}（题）", per_type, getattr(exam.difficulty, name)))
    for label, values, total in totals:
        sheet.put(row, 1, label, "head")
        sheet.merge(row, 1, row, 2)
        sheet.put(row, 3, sum(s.weight for s in exam.sections) if label == "合计（题）" else "", "total")
        for j, value in enumerate(values, start=4):
            sheet.put(row, j, value, "total")
        sheet.put(row, width, total, "total")
        row += 1
    sheet.widths([6, 24, 10, *[14] * len(blocks), 8])
    _print_setup(sheet, width, widths=False)


def _modules_sheet(sheet: _Sheet, blueprint: Blueprint, exam: Exam) -> None:
    """技能考核 modules: 必考 ones, then each 选考 group with how many are taken and how."""
    modules = exam.modules
    columns = (
        ("类别", 14),
        ("模块", 24),
        ("考核职业功能", 30),
        ("考核方式", 10),
        ("时间（分钟）", 10),
        ("配分", 8),
    )
    _header(sheet, blueprint, "技能考核", len(columns), exam)
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
            row += 1
        sheet.put(top, 1, label, "centre")
        _merge_down(sheet, top, row - 1, 1)
    sheet.widths(chars for _, chars in columns)
    _print_setup(sheet, len(columns), widths=False)


def _appointment_sheet(sheet: _Sheet, blueprint: Blueprint, appointment: Appointment) -> None:
    """评聘条件 grouped as the document gives them: a panel verifies them; they are not 鉴定点."""
    columns = (("条件组", 18), ("要求", 16), ("序号", 6), ("评聘条件", 60), ("条件标识", 30))
    _header(sheet, blueprint, "评聘", len(columns))
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


def _header(sheet: _Sheet, blueprint: Blueprint, category: str, width: int, exam: Exam | None = None) -> None:
    level = blueprint.level
    level_text = level.title + (f"（{level.own_name}）" if level.own_name else "")
    sheet.put(1, 1, f"{blueprint.document.title} 鉴定要素细目表", "title")
    sheet.merge(1, 1, 1, width)
    facts = [
        ("职业", blueprint.occupation.name),
        ("编码", blueprint.occupation.code or "—"),
        ("等级", level_text),
        ("类别", category),
    ]
    extra = [("文件", blueprint.document.ref)]
    if exam is not None and exam.items is not None:
        extra.append(("题量", f"{exam.items} 题"))
    if exam is not None and exam.duration is not None:
        extra.append(("时长", f"{exam.duration} 分钟"))
    for row, pairs in ((2, facts), (3, extra)):
        column = 1
        for label, value in pairs:
            sheet.put(row, column, label, "label")
            sheet.put(row, column + 1, value, "fact")
            column += 2 if width <= 6 else 3
            if width > 6:
                sheet.merge(row, column - 2, row, column - 1)


def _merge_down(sheet: _Sheet, top: int, bottom: int, column: int) -> None:
    if bottom > top:
        sheet.merge(top, column, bottom, column)


def _print_setup(sheet: _Sheet, width: int, *, widths: bool = True) -> None:
    """A4 landscape, fitted to the page width, heading rows repeated on every page."""
    if widths:
        sheet.widths(chars for _, _, chars in SCOPE_COLUMNS)
    page = sheet.sheet
    page.set_landscape()
    page.set_paper(9)  # A4
    page.fit_to_pages(1, 0)  # one page wide, as many tall as it takes
    page.repeat_rows(HEADER_ROWS, HEADER_ROWS + (1 if widths else 0))  # 0-based: the heading rows
    page.center_horizontally()
    page.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    page.freeze_panes(HEADER_ROWS + (2 if widths else 1), 0)


def _fixed_date(blueprint: Blueprint) -> datetime.date:
    issued = blueprint.document.issued
    date = PartialDate.parse(issued).as_date if issued else ZIP_EPOCH
    return max(date, ZIP_EPOCH)


def _restamp(data: bytes, when: datetime.date) -> bytes:
    """The zip with every entry dated ``when`` and fixed attributes (zip headers carry the write time).

    The dates and attributes are patched in the headers (each local header and its central
    directory record), so the members are not inflated and deflated again; a zip this cannot
    walk (zip64, a comment, an unexpected signature) is rewritten member by member instead.
    """
    stamp = ((when.year - 1980) << 9 | when.month << 5 | when.day, 0)  # (DOS date, DOS time 00:00)
    out = bytearray(data)
    end = out.rfind(b"PK\x05\x06")
    if end < 0 or end + 22 != len(out):
        return _rezip(data, when)
    count, _, start = struct.unpack_from("<HII", out, end + 10)
    record = start
    for _ in range(count):
        if out[record : record + 4] != b"PK\x01\x02":
            return _rezip(data, when)
        names, extra, comment = struct.unpack_from("<HHH", out, record + 28)
        local = struct.unpack_from("<I", out, record + 42)[0]
        if out[local : local + 4] != b"PK\x03\x04" or local == 0xFFFFFFFF:
            return _rezip(data, when)
        out[record + 5] = 3  # made by: Unix, so the attributes below mean what they say
        struct.pack_into("<HH", out, record + 12, stamp[1], stamp[0])
        struct.pack_into("<I", out, record + 38, 0o644 << 16)  # rw-r--r--
        struct.pack_into("<HH", out, local + 10, stamp[1], stamp[0])
        record += 46 + names + extra + comment
    return bytes(out)


def _rezip(data: bytes, when: datetime.date) -> bytes:
    """:func:`_restamp` by rewriting every member (for a zip whose headers it cannot patch)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(when.year, when.month, when.day, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 3
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


# -- the blueprint tree -------------------------------------------------------------------------


def selected(entries: Iterable[Entry], include_drafts: bool) -> list[Entry]:
    """The documents whose blueprints are published: ``published`` ones, or every one for previews.

    A document that leaves out or marks provisional a section (:meth:`Header.unfinished`) is withheld
    unless this is a preview; there its blueprints say which sections are provisional.
    """
    chosen = [
        e
        for e in entries
        if include_drafts or (e.document.status is Status.PUBLISHED and not e.document.unfinished())
    ]
    return sorted(chosen, key=lambda e: (e.document.id, e.document.edition))


def withheld(entries: Iterable[Entry], include_drafts: bool) -> list[str]:
    """Published documents whose blueprints :func:`selected` leaves out (a section missing or provisional)."""
    if include_drafts:
        return []
    return sorted(
        f"{e.ref} ({', '.join(e.document.unfinished())})"
        for e in entries
        if e.document.status is Status.PUBLISHED and e.document.unfinished()
    )


def build_blueprints_into(
    collection: Collection,
    folder: Path,
    include_drafts: bool,
    only: Callable[[Entry], bool] | None = None,
) -> list[Path]:
    """Write every blueprint, workbook, CASE package and the index into ``folder`` (no swap).

    Raises :class:`PublishError` naming every file that fails validation (see :func:`_checked`);
    returns the paths written, relative to ``folder``, in a stable order. With ``only`` (a shard,
    :mod:`stdkit.shards`) just the documents it accepts are written, and the index lists just theirs;
    editions and successors are still those of the whole collection.
    """
    entries = selected(collection.entries, include_drafts)
    newest = editions.newest(entries)
    if only is not None:
        entries = [entry for entry in entries if only(entry)]
    successors = editions.superseded_by(collection.entries)
    written: list[Path] = []
    index: list[IndexEntry] = []
    problems: list[str] = []

    def put(relative: str, data: bytes) -> None:
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(Path(relative))

    for entry, (cfpackage, levels) in zip(
        entries, _render_all(entries, collection.reference.basis), strict=True
    ):
        doc = entry.document
        is_newest = doc.id in newest and newest[doc.id].ref == doc.ref
        case_url = case_url_of(entry)
        put(case_url, cfpackage)
        for rendered in levels:
            url = builder.url(entry, rendered.key)
            problems.extend(f"{url}: {problem}" for problem in rendered.problems)
            put(url, rendered.data)
            put(builder.url(entry, rendered.key, "xlsx"), rendered.book)
            latest_url = None
            if is_newest:
                latest_url = builder.latest_url(entry, rendered.key)
                pointer = dump(_pointer(rendered, latest_url, url))
                problems.extend(f"{latest_url}: {p}" for p in _checked(LatestPointer, pointer))
                put(latest_url, pointer)
            index.append(
                IndexEntry(
                    url=url,
                    latest_url=latest_url,
                    xlsx_url=builder.url(entry, rendered.key, "xlsx"),
                    sha256=_sha256(rendered.data),
                    xlsx_sha256=_sha256(rendered.book),
                    document=rendered.document,
                    level=rendered.level,
                    status=doc.status,
                    superseded_by=successors.get(doc.ref),
                    work_type=rendered.work_type,
                    case_url=case_url,
                    case_sha256=_sha256(cfpackage),
                )
            )
    data = dump(Index(schema_version=SCHEMA_VERSION, include_drafts=include_drafts, blueprints=index))
    problems.extend(f"{INDEX}: {p}" for p in _checked(Index, data))
    put(INDEX, data)
    if problems:
        raise PublishError(problems)
    return written


def case_url_of(entry: Entry) -> str:
    """Where the document's CASE package lives below the blueprints' root: beside its levels' blueprints."""
    return f"{entry.document.id}/{entry.document.edition}/{case.FILE_NAME}"


#: Below this many documents the pool's start-up costs more than it saves.
POOL_MIN = 40


@dataclasses.dataclass(frozen=True, slots=True)
class _Level:
    """One level as a worker hands it back: the bytes, and the few facts the index and pointer need.

    Not the :class:`Blueprint` itself: pickling whole models back to the parent cost more than
    rendering them.
    """

    key: str  # the level key of the URL (L3, or 001/L3 for a 工种)
    data: bytes  # the blueprint JSON
    book: bytes  # the 细目表 workbook
    document: DocumentRef
    level: str  # the ladder id
    work_type: WorkTypeRef | None
    problems: tuple[str, ...]  # where the blueprint fails its model (see _checked); normally none


_Rendered = tuple[bytes, list[_Level]]  # (CASE package, levels) of one document


def _render(entry: Entry, basis: str) -> _Rendered:
    """Everything one document publishes (in a worker): blueprints, checked; workbooks; CASE package."""
    out = []
    for key in builder.levels_of(entry):
        made = builder.classified(builder.build(entry, key), basis)
        data = dump(made)
        problems = tuple(_checked(Blueprint, data))
        out.append(_Level(key, data, workbook(made), made.document, made.level.id, made.work_type, problems))
    return case.dump(entry), out


def _checked(model: type[BaseModel], data: bytes) -> list[str]:
    """Where written JSON fails the model it was dumped from, as text (an empty list: it is valid).

    Why this guarantees that every published file validates against its JSON Schema: the schemas
    under schema/ are generated from these same pydantic models (a test keeps them in sync), and a
    model's own validation is at least as strict as its generated schema (types, patterns, closed
    shapes, literals; validators add to them). A model built with ``model_copy`` or
    ``model_construct`` skips validation, so the round trip through ``model_validate_json`` of the
    very bytes written is what catches a bug there, at a small fraction of jsonschema's cost (which
    re-validated every file of the tree: 21 s for 300 documents). The tests still validate every
    blueprint of the samples and of a generated corpus with jsonschema against schema/*.json.
    """
    from pydantic import ValidationError

    try:
        model.model_validate_json(data)
    except ValidationError as error:
        return [
            f"{'/'.join(str(p) for p in problem['loc']) or '(root)'}: {problem['msg']}"
            for problem in error.errors(include_url=False)
        ]
    return []


def _render_all(entries: list[Entry], basis: str) -> Iterator[_Rendered]:
    """Every document's blueprints and workbooks, in ``entries`` order, on every core (:mod:`stdkit.pool`)."""
    from stdkit.pool import forked_map

    return forked_map(lambda entry: _render(entry, basis), entries, minimum=POOL_MIN, chunksize=8)


def _pointer(rendered: _Level, at: str, url: str) -> LatestPointer:
    """The ``latest/`` file at ``at`` for the blueprint written at ``url`` (both relative to the root)."""
    here = posixpath.dirname(at)
    return LatestPointer(
        schema_version=SCHEMA_VERSION,
        latest=True,
        document=rendered.document.ref,
        level=rendered.level,
        url=posixpath.relpath(url, here),
        sha256=_sha256(rendered.data),
        xlsx_url=posixpath.relpath(posixpath.splitext(url)[0] + ".xlsx", here),
        xlsx_sha256=_sha256(rendered.book),
        work_type=rendered.work_type,
    )


def is_pointer(relative: str) -> bool:
    """Whether a path below the blueprint root is a ``latest/`` pointer (not a blueprint)."""
    return LATEST in relative.split("/")[1:-1]


def write_blueprints(collection: Collection, out_dir: Path, include_drafts: bool) -> list[Path]:
    """Build, validate and atomically publish ``out_dir`` (e.g. site/blueprints); returns the files written."""
    written: list[Path] = []

    def build(folder: Path) -> None:
        written.extend(build_blueprints_into(collection, folder, include_drafts))

    output.replace_dir(out_dir, build)
    return [out_dir / relative for relative in written]


# -- validation ---------------------------------------------------------------------------------


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator  # type: ignore[import-untyped]  # no types-jsonschema in dev deps

    from stdkit import schemas

    return Draft202012Validator(orjson.loads(schemas.render(name, schemas.schemas()[name])))


def validate_tree(folder: Path) -> list[str]:
    """Every blueprint JSON under ``folder`` and its index.json against their JSON Schemas; problems as text.

    The full, independent check with jsonschema (tests and tools use it); the build itself relies
    on :func:`_checked`, which gives the same guarantee for a small fraction of the time.
    """
    blueprint_schema = _validator("blueprint.schema.json")
    index_schema = _validator("blueprint-index.schema.json")
    pointer_schema = _validator("blueprint-latest.schema.json")
    problems: list[str] = []
    for path in sorted(folder.rglob("*.json")):
        relative = path.relative_to(folder).as_posix()
        try:
            data = orjson.loads(path.read_bytes())
        except orjson.JSONDecodeError as exc:
            problems.append(f"{relative}: not JSON: {exc}")
            continue
        if path.name == case.FILE_NAME:
            continue  # a CASE package, not a blueprint: its schema is 1EdTech's (the tests validate it)
        validator = (
            index_schema
            if relative == INDEX
            else pointer_schema
            if is_pointer(relative)
            else blueprint_schema
        )
        for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            problems.append(f"{relative}: {where}: {error.message}")
    if not (folder / INDEX).exists():
        problems.append(f"{INDEX}: missing")
    return problems
