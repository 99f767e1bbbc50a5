"""The 鉴定要素细目表 of one level as an .xlsx workbook, byte-identical for the same blueprint.

:func:`workbook` lays out one sheet per examined component and per plan, modules or 评聘 component
(:mod:`~stdkit.workbook.sheets`) on cells that keep author text inert (:mod:`~stdkit.workbook.cells`),
and dates the zip by the document (:mod:`~stdkit.workbook.stamp`). It reads a blueprint and returns
bytes: it never writes a file, never reads the clock and never re-validates the blueprint.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

from stdkit.comparison import TITLE, Comparison
from stdkit.model.blueprint import Appointment, Blueprint, Exam
from stdkit.model.common import PartialDate
from stdkit.workbook import sheets as layout
from stdkit.workbook.cells import Sheet
from stdkit.workbook.crosswalk import crosswalk_sheet
from stdkit.workbook.sheets import HEADER_ROWS, KIND_TITLES, SCOPE_COLUMNS
from stdkit.workbook.stamp import ZIP_EPOCH, restamp
from stdkit.workbook.xlsx import package

__all__ = ["HEADER_ROWS", "KIND_TITLES", "SCOPE_COLUMNS", "ZIP_EPOCH", "restamp", "workbook"]


def workbook(
    blueprint: Blueprint,
    comparison: Comparison | None = None,
    *,
    writer: Callable[[Sequence[Sheet], datetime.date], bytes] = package,
) -> bytes:
    """The level's 鉴定要素细目表 as .xlsx bytes, byte-identical for the same blueprint (and comparison).

    One sheet per examined component (理论知识, 技能操作), laid out as question-bank teams print it:
    header rows (职业, 编码, 等级, 类别), then 鉴定范围 in 一级 (职业功能, or 职业道德/基础知识; codes A,
    B, C …) and 二级 (工作内容 or 知识领域; codes A-1 …) with their own 鉴定比重, and the 鉴定点 with
    codes 001 … within their 二级, 重要程度, the level an inherited line comes from, 必考/选考 and the
    stable 鉴定点标识. 一级 比重 is the 权重表's; a function's 比重 is shared over its 二级 by their
    number of 鉴定点 (largest remainder), so every level of scope sums to its total and the 合计 row
    reads 100. A 评聘 level gets its grouped conditions instead: they are not 鉴定点. An edition that
    supersedes another through a confirmed crosswalk (``comparison``) ends with the sheet 「新旧版本对照表」
    (:mod:`~stdkit.workbook.crosswalk`): a question-bank team re-tags its items from the workbook it uses.
    Author text is untrusted: every cell goes through :meth:`~stdkit.workbook.cells.Sheet.put`, so no
    cell is a formula.

    The sheets are recorded (:class:`~stdkit.workbook.cells.Sheet`), then packaged
    (:func:`~stdkit.workbook.xlsx.package`): the bytes XlsxWriter writes
    (:func:`~stdkit.workbook.reference.reference`), with the parts that do not depend on the cells made
    once per process. Dated by the document (zip entries and properties), never by the clock.
    ``writer`` is for the tests and benchmarks that compare the two writers.
    """
    sheets: list[Sheet] = []

    def sheet(name: str) -> Sheet:
        taken = {s.name for s in sheets}
        unique = next(n for n in (name, *(f"{name}{i}" for i in range(1, 100))) if n not in taken)
        sheets.append(Sheet(unique))
        return sheets[-1]

    exams = [c for c in blueprint.components if isinstance(c, Exam)]
    for exam in exams:
        layout.exam_sheet(sheet("理论知识" if exam.kind == "theory" else "技能操作"), blueprint, exam)
    for exam in exams:
        if exam.plan is not None:
            layout.plan_sheet(sheet("双向细目表"), blueprint, exam)
        if exam.modules is not None:
            layout.modules_sheet(sheet("技能考核"), blueprint, exam)
    for component in blueprint.components:
        if isinstance(component, Appointment):
            layout.appointment_sheet(sheet("评聘条件"), blueprint, component)
    if not sheets:
        empty = sheet("细目表")
        layout.header(empty, blueprint, "—", len(SCOPE_COLUMNS))
        empty.put(HEADER_ROWS + 1, 1, "本等级没有笔试或实操鉴定点。", "note")
    if comparison is not None:
        crosswalk_sheet(sheet(TITLE), comparison)
    return writer(sheets, _fixed_date(blueprint))


def _fixed_date(blueprint: Blueprint) -> datetime.date:
    issued = blueprint.document.issued
    date = PartialDate.parse(issued).as_date if issued else ZIP_EPOCH
    return max(date, ZIP_EPOCH)
