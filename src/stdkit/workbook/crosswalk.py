"""The sheet 「新旧版本对照表」 of a superseding edition's workbooks: the table of its confirmed crosswalk.

What the sheet says is :class:`stdkit.comparison.Comparison`'s (the rows, columns and summary the site page
and the Word appendix print); this module lays it out: the title and the summary above, the column headings
bold and frozen (repeated on every printed page), one row per crosswalk row, a split's new lines (a merge's
old ones) one under another in their cells. Every cell goes through :meth:`~stdkit.workbook.cells.Sheet.put`
(author text inert, never a formula).
"""

from __future__ import annotations

from stdkit.comparison import Comparison
from stdkit.workbook.cells import Sheet

#: Width in characters of each column: 序号, 原代码, 原条文, 新代码, 新条文, 变化类型, 修订说明.
WIDTHS = (6, 14, 40, 14, 40, 10, 30)
#: Rows above the column headings: title, summary, the files, a spacer.
ABOVE = 4


def crosswalk_sheet(sheet: Sheet, found: Comparison) -> None:
    """Lay ``found`` out on ``sheet``: headings on row :data:`ABOVE` + 1, then a row per crosswalk row."""
    width = len(WIDTHS)
    sheet.put(1, 1, found.heading, "title")
    sheet.merge(1, 1, 1, width)
    sheet.put(2, 1, found.summary, "note")
    sheet.merge(2, 1, 2, width)
    sheet.put(3, 1, "文件", "label")
    sheet.put(3, 2, f"{found.from_ref} → {found.to_ref}", "fact")
    sheet.merge(3, 2, 3, 3)
    sheet.put(3, 4, "对照文件", "label")
    sheet.put(3, 5, found.path, "fact")
    sheet.merge(3, 5, 3, width)
    heading = ABOVE + 1
    for column, title in enumerate(found.columns, start=1):
        sheet.put(heading, column, title, "head")
    for row in found.rows:
        at = heading + row.number
        sheet.put(at, 1, row.number, "number")
        sheet.put(at, 2, "\n".join(code for code, _ in row.olds) or "—", "centre")
        sheet.put(at, 3, "\n".join(text for _, text in row.olds) or "—", "text")
        sheet.put(at, 4, "\n".join(code for code, _ in row.news) or "—", "centre")
        sheet.put(at, 5, "\n".join(text for _, text in row.news) or "—", "text")
        sheet.put(at, 6, row.change, "centre")
        sheet.put(at, 7, row.note, "text")
    sheet.widths(WIDTHS)
    page = sheet.page
    page.set_row(1, 36)  # the summary wraps onto two lines
    page.set_landscape()
    page.set_paper(9)  # A4
    page.fit_to_pages(1, 0)  # one page wide, as many tall as it takes
    page.repeat_rows(heading - 1)  # 0-based: the heading row on every printed page
    page.center_horizontally()
    page.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    page.freeze_panes(heading, 0)  # the headings stay in view while the rows scroll
