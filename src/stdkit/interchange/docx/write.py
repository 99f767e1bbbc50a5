"""A document as Word, laid out like a published 国家职业技能标准 under the 2018 编制技术规程.

Cover, 勘误 (when the edition has errata), 说明 (the ``foreword`` as written), 1 职业概况 … 1.9
职业技能鉴定要求, 2 基本要求, 3 工作要求 (one four-column table per level, a function's rows merged,
1.1.1 numbering), 4 权重表, 附录, 参考文献. Every sentence printed is a field of the document (after a
label of :mod:`stdkit.interchange.layout`): this module never composes one. Real Word styles
(Heading 1–3, the "Table Grid" table style, a PAGE field in the footer), East Asian fonts, A4.

The document's data is also carried in the package (``customXml/stdkit-source.xml``, a part Word does
not show) so that what the layout does not print (重要程度, the machine fields of 申报条件, status)
survives export → import; import lets the printed text win over it. Output is deterministic: core
properties are dated from ``issued`` and the zip is restamped (:func:`stdkit.workbook.stamp.restamp`).
"""

from __future__ import annotations

import dataclasses
import datetime
import io
from collections.abc import Iterable, Sequence
from typing import Any

import docx
import orjson
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

from stdkit.editions import Standing
from stdkit.interchange import layout
from stdkit.interchange.docx import assessment
from stdkit.interchange.docx.package import SOURCE_NAMESPACE
from stdkit.ladder import Level
from stdkit.model import Document, EvaluationSpec, LevelledBody, OccupationalStandard, SpecialCompetency
from stdkit.model.common import METHOD_NAMES, STATUS_NAMES, EditionForm, Line, Method, Status, amount_text
from stdkit.model.evaluation import ISSUER_TYPE_NAMES, AllOf, AnyOf
from stdkit.model.standard import WorkFunction
from stdkit.workbook.stamp import restamp

#: Where the document's own data travels inside the .docx: a custom XML part (Word keeps those).
SOURCE_PART = "/customXml/stdkit-source.xml"
CUSTOM_XML_CONTENT_TYPE = "application/xml"
#: Dates of a document without ``issued`` (never the clock).
EPOCH = datetime.date(2000, 1, 1)


@dataclasses.dataclass(frozen=True, slots=True)
class Fonts:
    """East Asian fonts: the body (宋体) and the headings (黑体); Latin text uses the same face."""

    body: str = "宋体"
    heading: str = "黑体"


def export(document: Document, fonts: Fonts = Fonts(), standing: Standing | None = None) -> bytes:
    """The .docx bytes of ``document``; with its ``standing`` in the collection (:func:`stdkit.editions.standing`)
    the cover of an edition no longer in force says so."""
    word = docx.Document()
    _setup(word, fonts)
    _cover(word, document, standing)
    _errata(word, document)
    _front(word, document)
    if isinstance(document, SpecialCompetency):
        _special(word, document)
    else:
        _levelled(word, document)
    _back(word, document)
    when = document.issued.as_date if document.issued else EPOCH  # a month-only date: its first day
    core = word.core_properties
    stamp = datetime.datetime(when.year, when.month, when.day, tzinfo=datetime.UTC)
    core.created = stamp
    core.modified = stamp
    core.last_printed = stamp
    core.revision = 1
    core.title = document.title
    core.author = document.issuer_label
    core.last_modified_by = document.issuer_label
    core.subject = layout.COVER[document.KIND]
    core.identifier = document.ref
    core.keywords = ""
    core.comments = ""
    _carry(word, document)
    raw = io.BytesIO()
    word.save(raw)
    return restamp(raw.getvalue(), when)


def source_of(document: Document) -> dict[str, Any]:
    """The data a document was exported from, as its YAML would hold it."""
    dumped: dict[str, Any] = document.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return {"kind": document.KIND.value, **{k: v for k, v in dumped.items() if k != "kind"}}


def _carry(word: WordDocument, document: Document) -> None:
    """Attach the document's data as a custom XML part of the main document: Word keeps such parts
    when it re-saves a file, so what the layout does not print survives a round through Word."""
    root = etree.Element(f"{{{SOURCE_NAMESPACE}}}source", nsmap={None: SOURCE_NAMESPACE})
    # In model order (not sorted): the YAML an import writes then reads like the source.
    root.text = orjson.dumps(source_of(document)).decode()
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI(SOURCE_PART), CUSTOM_XML_CONTENT_TYPE, blob, word.part.package)
    word.part.relate_to(part, RT.CUSTOM_XML)


# -- page, styles, fonts ------------------------------------------------------------------------


def _east_asian(style_or_run_element: Any, face: str) -> None:
    r_pr = style_or_run_element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), face)


def _setup(word: WordDocument, fonts: Fonts) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
    section.top_margin = section.bottom_margin = Cm(2.54)
    section.left_margin = section.right_margin = Cm(2.8)
    styles = word.styles
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)  # 五号
    _east_asian(normal.element, fonts.body)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.25
    sizes = {1: Pt(16), 2: Pt(14), 3: Pt(12)}  # 三号, 四号, 小四
    for depth, size in sizes.items():
        heading = styles[f"Heading {depth}"]
        heading.font.size = size
        heading.font.bold = True
        heading.font.italic = False
        heading.font.color.rgb = None
        _east_asian(heading.element, fonts.heading)
        heading.paragraph_format.space_before = Pt(12 if depth == 1 else 6)
        heading.paragraph_format.space_after = Pt(6)
    title = styles["Title"]
    _east_asian(title.element, fonts.heading)
    title.font.color.rgb = None
    table_style = styles["Table Grid"]
    _east_asian(table_style.element, fonts.body)
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


def _para(
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
    return paragraph


def _heading(word: WordDocument, number: str, text: str, depth: int) -> None:
    word.add_heading(f"{number}　{text}" if number else text, level=depth)


def _lines(word: WordDocument | _Cell, lines: Iterable[Line | str], *, numbered: bool = True) -> None:
    for index, line in enumerate(lines, 1):
        text = line.text if isinstance(line, Line) else line
        _para(word, f"（{index}）{text}" if numbered else text)


def _page_break(word: WordDocument) -> None:
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# -- cover, 说明, 附录 ------------------------------------------------------------------------------


def _cover(word: WordDocument, document: Document, standing: Standing | None) -> None:
    for _ in range(4):
        word.add_paragraph()
    _para(word, layout.COVER[document.KIND], bold=True, size=26, center=True)
    word.add_paragraph()
    _para(word, document.title, bold=True, size=22, center=True)
    _para(word, f"（{document.edition_label(EditionForm.PRINTED)}）", size=16, center=True)
    word.add_paragraph()
    if isinstance(document, LevelledBody):
        _para(word, f"{layout.CODE_LABEL}{document.occupation.code}", size=14, center=True)
    _para(word, f"{layout.ID_LABEL}{document.id}", size=12, center=True)
    if isinstance(document, EvaluationSpec):
        for field, label in layout.SPEC_COVER:
            value = getattr(document, field)
            if value is not None:
                shown = ISSUER_TYPE_NAMES[value] if field == "issuer_type" else value
                _para(word, f"{label}{shown}", size=12, center=True)
    shown = _standing_line(document, standing)
    if shown:
        _para(word, shown, bold=True, size=12, center=True)
    for _ in range(6):
        word.add_paragraph()
    if document.issued is not None:
        _para(word, f"{layout.ISSUED_LABEL}{document.issued.isoformat()}", size=12, center=True)
    _para(word, f"{document.issuer_label}{layout.ISSUE_SUFFIX}", bold=True, size=16, center=True)
    _page_break(word)


def _standing_line(document: Document, standing: Standing | None) -> str:
    """The cover's 状态 line of a superseded or withdrawn edition; nothing for one in force."""
    if standing is None or standing.status not in (Status.SUPERSEDED, Status.WITHDRAWN):
        return ""
    details = []
    if standing.superseded_by:
        details.append(f"被 {standing.superseded_by} 代替")
    if standing.exam_until:
        details.append(f"可考至 {standing.exam_until.isoformat()}")
    if standing.status is Status.WITHDRAWN and document.withdrawn:
        details.append(f"{document.withdrawn.isoformat()} 废止")
    shown = f"（{'，'.join(details)}）" if details else ""
    return f"{layout.STANDING_LABEL}{STATUS_NAMES[standing.status]}{shown}"


def _errata(word: WordDocument, document: Document) -> None:
    """勘误 after the cover, as the ministry prints a 勘误 notice: each erratum's date and 文号 above a
    table 序号 | 位置（鉴定点代码）| 原文 | 更正为. The body that follows already reads as corrected."""
    if not document.errata:
        return
    word.add_heading(layout.ERRATA, level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER
    _para(word, layout.ERRATA_NOTE)
    for number, erratum in enumerate(document.errata, 1):
        _para(word, layout.erratum_line(number, erratum.date.isoformat(), erratum.notice), bold=True)
        grid = _headed_table(
            word, len(erratum.changes), layout.ERRATA_COLUMNS, (Cm(1.2), Cm(4.0), Cm(5.1), Cm(5.1))
        )
        for row, change in enumerate(erratum.changes, 1):
            for column, value in enumerate((str(row), change.code, change.from_, change.to)):
                _set_cell(grid[row][column], [value])
    _page_break(word)


def _front(word: WordDocument, document: Document) -> None:
    drafting = document.drafting
    if document.foreword is None and drafting is None:
        return
    word.add_heading(layout.FOREWORD, level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in (document.foreword or "").splitlines():
        if line.strip():
            _para(word, line.strip())
    if drafting is not None:
        foreword = document.foreword or ""
        for field, label in layout.DRAFTING:
            value = getattr(drafting, field)
            names = value if isinstance(value, list) else [value] if value else []
            if not names or (label.rstrip("：") in foreword and all(name in foreword for name in names)):
                continue  # a 说明 that quotes its drafting lists already printed them
            _para(word, f"{label}{layout.LIST_SEPARATOR.join(names)}")
    _page_break(word)


def _back(word: WordDocument, document: Document) -> None:
    for appendix in document.appendices:
        _page_break(word)
        word.add_heading(appendix.title, level=1)
        for line in appendix.body.splitlines():
            if line.strip():
                _para(word, line.strip())
    if document.references:
        word.add_heading(layout.REFERENCES, level=1)
        _lines(word, document.references, numbered=False)


# -- the levelled body ---------------------------------------------------------------------------


def _names(document: LevelledBody) -> dict[Level, str]:
    return dict(document.level_names) if isinstance(document, EvaluationSpec) else {}


def _per_level_lines(word: WordDocument, document: LevelledBody, values: dict[Level, str]) -> None:
    names = _names(document)
    for level, text in values.items():
        _para(word, f"{layout.level_title(level, names)}：{text}")


def _levelled(word: WordDocument, document: LevelledBody) -> None:
    names = _names(document)
    _heading(word, "1", layout.H_PROFILE, 1)
    profile = document.profile if isinstance(document, (OccupationalStandard, EvaluationSpec)) else None
    _heading(word, "1.1", layout.H_NAME, 2)
    _para(word, document.occupation.name)
    _heading(word, "1.2", layout.H_CODE, 2)
    _para(word, document.occupation.code)
    if document.occupation.definition:
        _heading(word, "1.3", layout.H_DEFINITION, 2)
        _para(word, document.occupation.definition)
    _heading(word, "1.4", layout.H_LEVELS, 2)
    _para(word, layout.LIST_SEPARATOR.join(layout.level_title(level, names) for level in document.levels))
    if profile is not None:
        for number, title, value in (
            ("1.5", layout.H_ENVIRONMENT, profile.environment),
            ("1.6", layout.H_ABILITIES, profile.abilities),
            ("1.7", layout.H_EDUCATION, profile.education),
        ):
            if value:
                _heading(word, number, title, 2)
                _para(word, value)
    if document.training is not None:
        training = document.training
        _heading(word, "1.8", layout.H_TRAINING, 2)
        if training.hours or any(t.training_hours for t in document.work_types):
            _heading(word, "1.8.1", layout.H_HOURS, 3)
            _per_level_lines(
                word, document, {lv: amount_text(h, "标准学时") for lv, h in training.hours.items()}
            )
            for work_type in document.work_types:
                for level, hours in work_type.training_hours.items():
                    shown = amount_text(hours, "标准学时")
                    _para(word, f"{layout.level_title(level, names)}（{work_type.name}）：{shown}")
        if training.teachers:
            _heading(word, "1.8.2", layout.H_TEACHERS, 3)
            _per_level_lines(word, document, dict(training.teachers))
        if training.venue:
            _heading(word, "1.8.3", layout.H_TRAINING_VENUE, 3)
            _para(word, training.venue)
    _assessment(word, document)
    _basics(word, document)
    _work(word, document)
    _weights(word, document)
    if isinstance(document, EvaluationSpec) and document.appointment is not None:
        _appointment(word, document)


def _assessment(word: WordDocument, document: LevelledBody) -> None:
    _heading(word, "1.9", layout.H_ASSESSMENT, 2)
    for number, title, lines in assessment.sections(document, _names(document)):
        _heading(word, number, title, 3)
        for text, bold in lines:
            _para(word, text, bold=bold)


def _basics(word: WordDocument, document: LevelledBody) -> None:
    basics = document.basics
    if basics is None:  # a draft that leaves 基本要求 out (DRF701)
        return
    _heading(word, "2", layout.H_BASICS, 1)
    _heading(word, "2.1", layout.H_ETHICS, 2)
    _heading(word, "2.1.1", layout.H_ETHICS_KNOWLEDGE, 3)
    _lines(word, basics.ethics.knowledge)
    _heading(word, "2.1.2", layout.H_CONDUCT, 3)
    _lines(word, basics.ethics.code_of_conduct)
    _heading(word, "2.2", layout.H_KNOWLEDGE, 2)
    for index, area in enumerate(basics.knowledge, 1):
        _heading(word, f"2.2.{index}", area.area, 3)
        _lines(word, area.items)


def _work_sets(document: LevelledBody) -> list[tuple[Level, str | None, list[WorkFunction]]]:
    """Each (level, 工种 name or None, its functions), in ladder order, 工种 in document order."""
    out: list[tuple[Level, str | None, list[WorkFunction]]] = []
    for level in document.levels:
        if level in document.work:
            out.append((level, None, document.work[level]))
        for work_type in document.work_types:
            if level in work_type.work:
                out.append((level, work_type.name, work_type.work[level]))
    return out


def _set_cell(cell: _Cell, lines: Sequence[str], *, bold: bool = False) -> None:
    cell.paragraphs[0].text = ""
    first = True
    for text in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        run = paragraph.add_run(text)
        run.bold = bold or None


def _work(word: WordDocument, document: LevelledBody) -> None:
    names = _names(document)
    _page_break(word)
    _heading(word, "3", layout.H_WORK, 1)
    for index, (level, work_type, functions) in enumerate(_work_sets(document), 1):
        label = layout.level_title(level, names) + (f"（{work_type}）" if work_type else "")
        _heading(word, f"3.{index}", label, 2)
        code = next((t.code for t in document.work_types if t.name == work_type), None)
        if code:
            _para(word, f"{layout.WORK_TYPE_CODE_LABEL}{code}")
        rows = sum(len(f.contents) for f in functions)
        grid = _headed_table(
            word, rows, layout.WORK_COLUMNS, (Cm(2.6), Cm(2.8), Cm(5.4), Cm(4.6)), centred=True
        )
        row = 1
        for f_index, function in enumerate(functions, 1):
            first = row
            for c_index, content in enumerate(function.contents, 1):
                number = f"{f_index}.{c_index}"
                _set_cell(grid[row][1], [f"{number} {content.name}"])
                _set_cell(
                    grid[row][2], [f"{number}.{n} {line.text}" for n, line in enumerate(content.skills, 1)]
                )
                _set_cell(
                    grid[row][3], [f"{number}.{n} {line.text}" for n, line in enumerate(content.knowledge, 1)]
                )
                row += 1
            cell = grid[first][0]
            if row - 1 > first:
                cell = cell.merge(grid[row - 1][0])
            _set_cell(cell, [f"{f_index}. {function.function}"])
            for extra in cell.paragraphs[1:]:
                extra._p.getparent().remove(extra._p)


def _headed_table(
    word: Any, rows: int, titles: Sequence[str], widths: Sequence[Any], *, centred: bool = False
) -> list[list[Any]]:
    """A bordered, centred table of ``rows`` rows under a heading row of ``titles`` (bold, repeated on every
    page); returns its cells by row."""
    table = word.add_table(rows=rows + 1, cols=len(titles))
    table.style = word.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, tuple(widths))
    grid = _grid(table)
    for column, title in enumerate(titles):
        _set_cell(grid[0][column], [title], bold=True)
        if centred:
            grid[0][column].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _repeat_header(table)
    return grid


def _grid(table: Table) -> list[list[_Cell]]:
    """Every cell by (row, column), read once: ``Table.cell`` re-reads the whole table on each call."""
    return [list(row.cells) for row in table.rows]


def _widths(table: Table, widths: Sequence[Any]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = width  # the grid: LibreOffice lays a table out from it, Word from the cells
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def _repeat_header(table: Table) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _weight_columns(
    document: LevelledBody,
    table: dict[Level, dict[str, int]],
    own: list[tuple[str, dict[Level, dict[str, int]]]],
) -> list[tuple[str, dict[str, int]]]:
    names = _names(document)
    columns: list[tuple[str, dict[str, int]]] = []
    for level in document.levels:
        if level in table:
            columns.append((layout.level_title(level, names), table[level]))
        for work_type, weights in own:
            if level in weights:
                columns.append((f"{layout.level_title(level, names)}（{work_type}）", weights[level]))
    return columns


def _weights(word: WordDocument, document: LevelledBody) -> None:
    _page_break(word)
    _heading(word, "4", layout.H_WEIGHTS, 1)
    for number, title, kind in (
        ("4.1", layout.H_THEORY_WEIGHTS, "theory"),
        ("4.2", layout.H_SKILL_WEIGHTS, "skill"),
    ):
        common: dict[Level, dict[str, int]] = getattr(document.weights, kind)
        own = [(wt.name, getattr(wt.weights, kind)) for wt in document.work_types]
        columns = _weight_columns(document, common, own)
        if not columns:
            continue
        _heading(word, number, title, 2)
        keys = list(dict.fromkeys(key for _, column in columns for key in column))
        sections = [k for k in layout.SECTION_ROWS if k in keys]
        keys = sections + [k for k in keys if k not in layout.SECTION_ROWS]
        table = word.add_table(rows=len(keys) + 2, cols=len(columns) + 2)
        table.style = word.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        share = Cm(max(1.6, 9.4 / len(columns)))
        _widths(table, (Cm(2.4), Cm(3.6), *([share] * len(columns))))
        grid = _grid(table)
        head = grid[0][0].merge(grid[0][1])
        _set_cell(head, [layout.WEIGHT_ITEM], bold=True)
        for column, (label, _) in enumerate(columns, 2):
            _set_cell(grid[0][column], [f"{label}（%）"], bold=True)
        group = layout.WEIGHT_THEORY_GROUP if kind == "theory" else layout.WEIGHT_SKILL_GROUP
        for row, key in enumerate(keys, 1):
            _set_cell(grid[row][0], [layout.WEIGHT_BASIC_GROUP if key in layout.SECTION_ROWS else group])
            _set_cell(grid[row][1], [layout.SECTION_ROWS.get(key, key)])
            for column, (_, values) in enumerate(columns, 2):
                _set_cell(grid[row][column], [str(values[key]) if key in values else layout.NOT_ASSESSED])
        total = len(keys) + 1
        _set_cell(grid[total][0].merge(grid[total][1]), [layout.WEIGHT_TOTAL], bold=True)
        for column, (_, values) in enumerate(columns, 2):
            _set_cell(grid[total][column], [str(sum(values.values()))])
        _merge_groups(grid, len(keys))


def _merge_groups(grid: list[list[_Cell]], rows: int) -> None:
    """Merge the 项目 column's runs of equal group names (基本要求, 相关知识要求)."""
    start = 1
    for row in range(2, rows + 2):
        if row == rows + 1 or grid[row][0].text != grid[start][0].text:
            if row - 1 > start:
                text = grid[start][0].text
                merged = grid[start][0].merge(grid[row - 1][0])
                _set_cell(merged, [text])
                for extra in merged.paragraphs[1:]:
                    extra._p.getparent().remove(extra._p)
            start = row


def _appointment(word: WordDocument, document: EvaluationSpec) -> None:
    appointments = document.appointment
    assert appointments is not None
    _heading(word, "5", layout.H_APPOINTMENT, 1)
    names = _names(document)
    number = 0
    for level in (Level.PRINCIPAL, Level.CHIEF):
        appointment = appointments.for_level(level)
        if appointment is None:
            continue
        number += 1
        _heading(word, f"5.{number}", layout.level_title(level, names), 2)
        for criterion in appointment.criteria:
            if isinstance(criterion, Line):
                _para(word, criterion.text)
            elif isinstance(criterion, AllOf):
                _para(word, f"{criterion.name or ''}（须全部具备）：", bold=True)
                _lines(word, criterion.all)
            elif isinstance(criterion, AnyOf):
                _para(word, f"{criterion.name or ''}（至少具备{criterion.any}项）：", bold=True)
                _lines(word, criterion.of)
        _para(word, "评聘程序：" + "—".join(appointment.procedure))
        if appointment.term_years is not None:
            _para(word, f"聘期：{appointment.term_years}年")
        if appointment.quota:
            _para(word, f"名额：{appointment.quota}")


# -- a special competency -----------------------------------------------------------------------


def _special(word: WordDocument, document: SpecialCompetency) -> None:
    _heading(word, "1", layout.H_SC_NAME, 1)
    _para(word, document.title)
    if document.description:
        _heading(word, "2", layout.H_SC_DEFINITION, 1)
        _para(word, document.description)
    _heading(word, "3", layout.H_SC_SCOPE, 1)
    scope = []
    if document.region:
        scope.append(f"适用地区：{document.region}")
    if document.related_occupations:
        scope.append(f"相关职业：{layout.LIST_SEPARATOR.join(document.related_occupations)}")
    for text in scope:
        _para(word, text)
    _heading(word, "4", layout.H_SC_CONTENT, 1)
    grid = _headed_table(word, len(document.units), layout.SC_COLUMNS, (Cm(3.4), Cm(5.4), Cm(4.6), Cm(2.0)))
    for row, unit in enumerate(document.units, 1):
        _set_cell(grid[row][0], [f"{row}. {unit.name}"])
        _set_cell(grid[row][1], [f"{row}.{n} {line.text}" for n, line in enumerate(unit.skills, 1)])
        _set_cell(grid[row][2], [f"{row}.{n} {line.text}" for n, line in enumerate(unit.knowledge, 1)])
        weight = document.weights.skill.get(unit.name)
        _set_cell(grid[row][3], [str(weight) if weight is not None else layout.NOT_ASSESSED])
    assessment = document.assessment
    _heading(word, "5", layout.H_SC_REQUIREMENTS, 1)
    _para(
        word, f"{layout.H_METHODS}：{layout.LIST_SEPARATOR.join(METHOD_NAMES[m] for m in assessment.methods)}"
    )
    for method, ratio in assessment.ratios.items():
        _para(word, f"{METHOD_NAMES[method]}考评人员与考生配比：1:{ratio}")
    for method in assessment.durations:
        at_least = "不少于" if assessment.at_least(method) else ""
        _para(word, f"{METHOD_NAMES[method]}时间：{at_least}{assessment.minutes(method)}分钟")
    if assessment.venue:
        _para(word, f"{layout.H_VENUE}：{assessment.venue}")
    if isinstance(assessment.pass_mark, int):
        _para(word, f"{layout.PASS_MARK_LABEL}{assessment.pass_mark}分")
    if Method.THEORY in assessment.methods or "theory_items" in assessment.model_fields_set:
        _para(word, f"{layout.THEORY_ITEMS_LABEL}{assessment.theory_items}")
    if document.weights.theory:
        _para(word, "理论知识权重：" + "；".join(f"{k}{v}%" for k, v in document.weights.theory.items()))


__all__ = ["SOURCE_PART", "Fonts", "export", "source_of"]
