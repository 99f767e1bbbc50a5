"""word/document.xml's body as a stream of typed blocks: paragraphs (:class:`Para`) and tables
(:class:`Grid`) in reading order, numbered from 1 (findings are located by block; see
:mod:`stdkit.interchange.rules`).

The body is read from the parser's events with no tree built, so memory follows the blocks read, never
the file; every count is capped far above any real standard (``MAX_*``), so time follows the caps too.
This module never keeps more of the XML than a block's text, and never reads a part through anything but
:func:`stdkit.interchange.docx.package.feed`.
"""

from __future__ import annotations

import dataclasses
import zipfile
from collections.abc import Callable

from lxml import etree

from stdkit.interchange import rules
from stdkit.interchange.docx import package
from stdkit.interchange.docx.package import DOCUMENT_PART, STYLES_PART, Refused

#: Bounds on the body. 50 MB of XML hold 8,000,000 empty paragraphs: read whole, they took 1.9 GB and
#: over a minute. A national standard has a few thousand paragraphs and a few thousand table cells in a
#: few hundred rows, a few dozen runs in its longest paragraph, tables that are not nested, and some
#: 100,000 XML elements (Word writes about ten per run). Each cap is ten times that or more, and keeps
#: the worst file within seconds and about 100 MB; passing one stops the reading there (DOC905).
MAX_PARAGRAPHS = 50_000  # every paragraph, in the body and in table cells
MAX_CELLS = 50_000  # table cells; a merged cell counts once per column it spans
MAX_ROWS = 20_000  # table rows
MAX_RUNS = 10_000  # runs in one paragraph (Word starts a run at each change of format or revision)
MAX_TABLE_DEPTH = 5  # a table in a cell of a table in a cell …
MAX_ELEMENTS = 1_000_000  # XML elements of one part (word/document.xml, word/styles.xml)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_P, _TBL, _TR, _TC, _R, _T = (f"{_W}{name}" for name in ("p", "tbl", "tr", "tc", "r", "t"))
_TAB, _BR, _CR, _BODY = (f"{_W}{name}" for name in ("tab", "br", "cr", "body"))
_PPR, _PSTYLE, _OUTLINE = (f"{_W}{name}" for name in ("pPr", "pStyle", "outlineLvl"))
_TCPR, _GRIDSPAN, _VMERGE = (f"{_W}{name}" for name in ("tcPr", "gridSpan", "vMerge"))
_STYLE, _NAME, _VAL, _STYLE_ID = f"{_W}style", f"{_W}name", f"{_W}val", f"{_W}styleId"


@dataclasses.dataclass(frozen=True, slots=True)
class Para:
    block: int
    text: str
    heading: bool = False  # a heading style or an outline level: a section title may start here


@dataclasses.dataclass(frozen=True, slots=True)
class Grid:
    block: int
    number: int  # the table's own number, from 1
    rows: list[list[list[str]]]  # row → cell → the cell's lines; a merged continuation repeats the text above


Block = Para | Grid


def read(zipped: zipfile.ZipFile, name: str) -> list[Block]:
    """The blocks of the package's body, headings marked by their style; a syntax error is a DOC904."""
    body = _Body(name, _heading_styles(zipped, name))
    try:
        package.feed(zipped, DOCUMENT_PART, name, body)
    except etree.XMLSyntaxError as exc:
        raise Refused(package.malformed(name, DOCUMENT_PART, exc)) from exc
    return body.blocks


# -- the heading styles ---------------------------------------------------------------------------


def _heading_styles(zipped: zipfile.ZipFile, name: str) -> frozenset[str]:
    """Ids of the heading styles (Heading 1…9, 标题 1…9: Chinese Word names them 1, 2 …, or any style
    with an outline level). Styles that do not parse are no styles: sections are still found by their
    numbering."""
    found = {f"Heading{n}" for n in range(1, 10)}
    if STYLES_PART not in zipped.namelist():
        return frozenset(found)
    styles = _Styles(name)
    try:
        package.feed(zipped, STYLES_PART, name, styles)
    except etree.XMLSyntaxError:
        return frozenset(found)
    return frozenset(found | styles.found)


class _Styles:
    """A parser target for word/styles.xml: the ids of its heading styles (``found``)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.found: set[str] = set()
        self.depth = self.elements = 0
        self.style: str | None = None  # the styleId of the top-level w:style being read
        self.label: str | None = None  # its w:name, lower case
        self.outline = False
        self.props = 0  # the depth of its w:pPr, while open

    def doctype(self, *_: object) -> None:
        raise Refused(package.unsafe(self.name, STYLES_PART))

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.depth += 1
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise Refused(
                package.bomb(
                    self.name,
                    f"part {STYLES_PART} has more than {MAX_ELEMENTS} XML elements",
                    f"部件 {STYLES_PART} 有超过 {MAX_ELEMENTS} 个 XML 元素",
                )
            )
        depth = self.depth
        if tag == _STYLE and depth == 2:
            self.style, self.label, self.outline = attrib.get(_STYLE_ID, ""), None, False
        elif self.style is None:
            return
        elif tag == _NAME and depth == 3 and self.label is None:
            self.label = attrib.get(_VAL, "").lower()
        elif tag == _PPR and depth == 3:
            self.props = depth
        elif tag == _OUTLINE and self.props and depth == self.props + 1:
            self.outline = True

    def end(self, tag: str) -> None:
        if self.depth == 2 and self.style is not None:
            if (self.label or "").startswith(("heading", "标题")) or self.outline:
                self.found.add(self.style)
            self.style = None
        elif tag == _PPR and self.depth == self.props:
            self.props = 0
        self.depth -= 1

    def close(self) -> None:
        pass


# -- the body -------------------------------------------------------------------------------------


@dataclasses.dataclass(slots=True)
class _Paragraph:
    """The outermost paragraph being read."""

    depth: int
    props: int = 0  # the depth of its first w:pPr, while open (0 once closed)
    props_seen: bool = False
    styled: bool = False
    heading: bool = False
    parts: list[str] = dataclasses.field(default_factory=list)
    runs: int = 0


@dataclasses.dataclass(slots=True)
class _Table:
    """The body table being read: its rows so far, and the row and cell open in it."""

    depth: int
    rows: list[list[list[str]]] = dataclasses.field(default_factory=list)
    above: list[list[str]] = dataclasses.field(default_factory=list)  # the row before, for vMerge
    row_at: int = 0  # the depth of its row, while open
    row: list[list[str]] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(slots=True)
class _Cell:
    """A cell of the body table's row being read."""

    depth: int
    lines: list[str] = dataclasses.field(default_factory=list)
    props: int = 0  # the depth of its first w:tcPr, while open (0 once closed)
    props_seen: bool = False
    span: int = 1
    spanned: bool = False
    continued: bool = False
    merged: bool = False


class _Body:
    """A parser target for word/document.xml: the body's blocks, read from the parser's events.

    A paragraph's text is every w:t, w:tab, w:br and w:cr inside it (a text box's too); a body table's
    cells are the paragraphs directly in the cells of its own rows (a nested table's text is not read);
    a paragraph or table directly in w:body is a block. Every count is capped (``MAX_*``): passing a cap
    stops the parse with one DOC905 at the block being read. Where an element stands is its depth:
    the root is 1, w:body 2, a block 3. Each element read has one handler at its start and one at its
    end; the others are only counted.
    """

    def __init__(self, name: str, headings: frozenset[str]) -> None:
        self.name = name
        self.headings = headings
        self.blocks: list[Block] = []
        self.depth = 0  # elements open
        self.body = 0  # depth of w:body, once open
        self.text = 0  # depth of the w:t being read in the paragraph
        self.para: _Paragraph | None = None
        self.tables_open = 0
        self.table: _Table | None = None
        self.cell: _Cell | None = None
        self.elements = self.paragraphs = self.cells = self.table_rows = self.tables = 0
        self.starts: dict[str, Callable[[int, dict[str, str]], None]] = {
            _T: self.start_text,
            _P: self.start_paragraph,
            _PPR: self.start_props,
            _PSTYLE: self.start_style,
            _OUTLINE: self.start_outline,
            _TAB: self.start_tab,
            _BR: self.start_break,
            _CR: self.start_break,
            _TBL: self.start_table,
            _TR: self.start_row,
            _TC: self.start_cell,
            _TCPR: self.start_cell_props,
            _GRIDSPAN: self.start_span,
            _VMERGE: self.start_merge,
            _BODY: self.start_body,
        }
        self.ends: dict[str, Callable[[int], None]] = {
            _T: self.end_text,
            _R: self.end_run,
            _PPR: self.end_props,
            _P: self.end_paragraph,
            _TCPR: self.end_cell_props,
            _TC: self.end_cell,
            _TR: self.end_row,
            _TBL: self.end_table,
        }

    def passed(self, limit: int, what: str, what_zh: str) -> Refused:
        at = len(self.blocks) + 1
        row = len(self.table.rows) + 1 if self.table else 1
        return Refused(
            rules.R_TOO_LONG.at(self.name, at, row, block=at, limit=limit, what=what, what_zh=what_zh)
        )

    # the parser's events

    def doctype(self, *_: object) -> None:
        raise Refused(package.unsafe(self.name, DOCUMENT_PART))

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.depth += 1
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise self.passed(MAX_ELEMENTS, "XML elements", "XML 元素")
        handler = self.starts.get(tag)  # most elements (a run's properties, bookmarks …) are not read
        if handler is not None:
            handler(self.depth, attrib)

    def end(self, tag: str) -> None:
        depth = self.depth
        self.depth -= 1
        handler = self.ends.get(tag)
        if handler is not None:
            handler(depth)

    def data(self, text: str) -> None:
        if self.text and self.depth == self.text and self.para is not None:
            self.para.parts.append(text)

    def close(self) -> None:
        pass

    # paragraphs

    def start_paragraph(self, depth: int, attrib: dict[str, str]) -> None:
        if self.para is None:
            self.para = _Paragraph(depth)

    def start_props(self, depth: int, attrib: dict[str, str]) -> None:
        para = self.para
        if para is not None and para.depth == depth - 1 and not para.props_seen:
            para.props, para.props_seen = depth, True

    def start_style(self, depth: int, attrib: dict[str, str]) -> None:
        para = self.para
        if para is not None and para.props and para.props == depth - 1 and not para.styled:
            para.styled = True
            para.heading = para.heading or attrib.get(_VAL, "") in self.headings

    def start_outline(self, depth: int, attrib: dict[str, str]) -> None:
        para = self.para
        if para is not None and para.props and para.props == depth - 1:
            para.heading = True

    def start_text(self, depth: int, attrib: dict[str, str]) -> None:
        if self.para is not None:
            self.text = depth

    def start_tab(self, depth: int, attrib: dict[str, str]) -> None:
        if self.para is not None:
            self.para.parts.append(" ")

    def start_break(self, depth: int, attrib: dict[str, str]) -> None:
        if self.para is not None:
            self.para.parts.append("\n")

    def end_text(self, depth: int) -> None:
        self.text = 0

    def end_run(self, depth: int) -> None:
        if self.para is not None:
            self.para.runs += 1
            if self.para.runs > MAX_RUNS:
                raise self.passed(MAX_RUNS, "runs in one paragraph", "个段落中的文字段（run）")

    def end_props(self, depth: int) -> None:
        if self.para is not None and depth == self.para.props:
            self.para.props = 0

    def end_paragraph(self, depth: int) -> None:
        self.paragraphs += 1
        if self.paragraphs > MAX_PARAGRAPHS:
            raise self.passed(MAX_PARAGRAPHS, "paragraphs", "段落")
        para = self.para
        if para is None or depth != para.depth:
            return
        text = "".join(para.parts)
        if self.body and depth == self.body + 1:
            self.blocks.append(Para(len(self.blocks) + 1, text.strip(), para.heading))
        elif self.cell is not None and depth == self.cell.depth + 1:
            self.cell.lines.extend(line.strip() for line in text.split("\n") if line.strip())
        self.para = None

    # tables

    def start_body(self, depth: int, attrib: dict[str, str]) -> None:
        if depth == 2 and not self.body:
            self.body = depth

    def start_table(self, depth: int, attrib: dict[str, str]) -> None:
        self.tables_open += 1
        if self.tables_open > MAX_TABLE_DEPTH:
            raise self.passed(MAX_TABLE_DEPTH, "levels of tables nested in tables", "层表格嵌套")
        if self.tables_open == 1 and self.body and depth == self.body + 1:
            self.table = _Table(depth)

    def start_row(self, depth: int, attrib: dict[str, str]) -> None:
        table = self.table
        if table is not None and depth == table.depth + 1:
            table.row_at, table.row = depth, []

    def start_cell(self, depth: int, attrib: dict[str, str]) -> None:
        table = self.table
        if table is not None and table.row_at and depth == table.row_at + 1:
            self.cell = _Cell(depth)

    def start_cell_props(self, depth: int, attrib: dict[str, str]) -> None:
        cell = self.cell
        if cell is not None and depth == cell.depth + 1 and not cell.props_seen:
            cell.props, cell.props_seen = depth, True

    def start_span(self, depth: int, attrib: dict[str, str]) -> None:
        cell = self.cell
        if cell is not None and cell.props and depth == cell.props + 1 and not cell.spanned:
            cell.spanned = True
            try:
                cell.span = max(1, min(64, int(attrib.get(_VAL, "1"))))
            except ValueError:
                cell.span = 1

    def start_merge(self, depth: int, attrib: dict[str, str]) -> None:
        cell = self.cell
        if cell is not None and cell.props and depth == cell.props + 1 and not cell.merged:
            cell.merged = True
            cell.continued = attrib.get(_VAL, "continue") == "continue"

    def end_cell_props(self, depth: int) -> None:
        if self.cell is not None and depth == self.cell.props:
            self.cell.props = 0

    def end_cell(self, depth: int) -> None:
        """A cell of the body table's row takes its place once per column it spans; a merged
        continuation (vMerge) repeats the text above. A nested table's cell is only counted."""
        cell, table = self.cell, self.table
        if cell is not None and table is not None and depth == cell.depth:
            self.cells += cell.span
            row, above = table.row, table.above
            for _ in range(cell.span):
                column = len(row)
                row.append(above[column] if cell.continued and column < len(above) else cell.lines)
            self.cell = None
        else:
            self.cells += 1
        if self.cells > MAX_CELLS:
            raise self.passed(MAX_CELLS, "table cells", "表格单元格")

    def end_row(self, depth: int) -> None:
        self.table_rows += 1
        if self.table_rows > MAX_ROWS:
            raise self.passed(MAX_ROWS, "table rows", "表格行")
        table = self.table
        if table is not None and depth == table.row_at:
            table.rows.append(table.row)
            table.above, table.row_at = table.row, 0

    def end_table(self, depth: int) -> None:
        self.tables_open -= 1
        if self.table is not None and depth == self.table.depth:
            self.tables += 1
            self.blocks.append(Grid(len(self.blocks) + 1, self.tables, self.table.rows))
            self.table = None
