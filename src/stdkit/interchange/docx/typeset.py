"""The booklet's typography: the page, the styles and fonts, and the paragraphs and bordered tables the
Word export (:mod:`.write`) is set with — A4, 五号 body in 宋体 with a two-character first-line indent,
headings in 黑体, tables in the "Table Grid" style with a heading row repeated on every page.

Nothing here knows a document: it sets text it is given.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from stdkit.model.common import Line

#: 五号, the booklet's body size in points.
BODY_SIZE = 10.5


@dataclasses.dataclass(frozen=True, slots=True)
class Fonts:
    """East Asian fonts: the body (宋体) and the headings (黑体); Latin text uses the same face."""

    body: str = "宋体"
    heading: str = "黑体"


DEFAULT_FONTS = Fonts()


def east_asian(style_or_run_element: Any, face: str) -> None:
    r_pr = style_or_run_element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), face)


def setup(word: WordDocument, fonts: Fonts) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
    section.top_margin = section.bottom_margin = Cm(2.54)
    section.left_margin = section.right_margin = Cm(2.8)
    styles = word.styles
    normal = styles["Normal"]
    normal.font.size = Pt(BODY_SIZE)
    east_asian(normal.element, fonts.body)
    # The text is Simplified Chinese: with the language named, Word and LibreOffice take the SC forms of a
    # pan-CJK face (Noto/Source Han) instead of the Japanese ones.
    language = OxmlElement("w:lang")
    language.set(qn("w:eastAsia"), "zh-CN")
    normal.element.get_or_add_rPr().append(language)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.25
    sizes = {1: Pt(16), 2: Pt(14), 3: Pt(12)}  # 三号, 四号, 小四
    for depth, size in sizes.items():
        heading = styles[f"Heading {depth}"]
        heading.font.size = size
        heading.font.bold = True
        heading.font.italic = False
        heading.font.color.rgb = None
        east_asian(heading.element, fonts.heading)
        heading.paragraph_format.space_before = Pt(12 if depth == 1 else 6)
        heading.paragraph_format.space_after = Pt(6)
    title = styles["Title"]
    east_asian(title.element, fonts.heading)
    title.font.color.rgb = None
    table_style = styles["Table Grid"]
    east_asian(table_style.element, fonts.body)
    section.different_first_page_header_footer = True  # a cover carries no page number
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)


def para(
    word: WordDocument | _Cell,
    text: str,
    *,
    bold: bool = False,
    size: float | None = None,
    center: bool = False,
) -> Paragraph:
    paragraph = word.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold or None
    if size is not None:
        run.font.size = Pt(size)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif isinstance(word, WordDocument):
        # the body's paragraphs open with a two-character indent, as the booklet is set (not in a table)
        paragraph.paragraph_format.first_line_indent = Pt(2 * BODY_SIZE)
    return paragraph


def heading(word: WordDocument, number: str, text: str, depth: int) -> None:
    word.add_heading(f"{number}　{text}" if number else text, level=depth)


def add_lines(word: WordDocument | _Cell, lines: Iterable[Line | str], *, numbered: bool = True) -> None:
    for index, line in enumerate(lines, 1):
        text = line.text if isinstance(line, Line) else line
        para(word, f"（{index}）{text}" if numbered else text)


def page_break(word: WordDocument) -> None:
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def set_cell(cell: _Cell, lines: Sequence[str], *, bold: bool = False) -> None:
    cell.paragraphs[0].text = ""
    first = True
    for text in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        run = paragraph.add_run(text)
        run.bold = bold or None


def headed_table(
    word: Any, rows: int, titles: Sequence[str], widths: Sequence[Any], *, centred: bool = False
) -> list[list[Any]]:
    """A bordered, centred table of ``rows`` rows under a heading row of ``titles`` (bold, repeated on every
    page); returns its cells by row."""
    table = word.add_table(rows=rows + 1, cols=len(titles))
    table.style = word.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_widths(table, tuple(widths))
    grid = cells_of(table)
    for column, title in enumerate(titles):
        set_cell(grid[0][column], [title], bold=True)
        if centred:
            grid[0][column].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    repeat_header(table)
    return grid


def cells_of(table: Table) -> list[list[_Cell]]:
    """Every cell by (row, column), read once: ``Table.cell`` re-reads the whole table on each call."""
    return [list(row.cells) for row in table.rows]


def set_widths(table: Table, widths: Sequence[Any]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = width  # the grid: LibreOffice lays a table out from it, Word from the cells
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def repeat_header(table: Table) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
