"""A document as Word, laid out like a published 国家职业技能标准 under the 2018 编制技术规程.

Cover, 勘误 (when the edition has errata), 说明 (the ``foreword`` as written), 1 职业概况 … 1.9
职业技能鉴定要求, 2 基本要求, 3 工作要求 (one four-column table per level, a function's rows merged,
1.1.1 numbering), 4 权重表, 附录, 附录 新旧版本对照表 (an edition with a confirmed crosswalk into it), 参考文献.
Every sentence printed is a field of the document (after a label of :mod:`stdkit.interchange.layout`): this
module never composes one; the 新旧版本对照表 is the collection's (:class:`stdkit.comparison.Comparison`,
its summary and rows as the site and the workbook print them), and import reads it back as nothing. Real Word styles
(Heading 1–3, the "Table Grid" table style, a PAGE field in the footer), East Asian fonts, A4.

The document's data is also carried in the package (``customXml/stdkit-source.xml``, a part Word does
not show) so that what the layout does not print (重要程度, the machine fields of 申报条件, status)
survives export → import; import lets the printed text win over it. Output is deterministic: core
properties are dated from ``issued`` and the zip is restamped (:func:`stdkit.workbook.stamp.restamp`).
"""

from __future__ import annotations

import datetime
import io
from typing import Any

import docx
import orjson
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

from stdkit import ladder
from stdkit.comparison import Comparison
from stdkit.editions import Standing
from stdkit.interchange import layout
from stdkit.interchange.docx import assessment
from stdkit.interchange.docx.assessment import pass_marks
from stdkit.interchange.docx.package import SOURCE_NAMESPACE
from stdkit.interchange.docx.typeset import (
    BODY_SIZE,
    DEFAULT_FONTS,
    Fonts,
    add_lines,
    cells_of,
    headed_table,
    heading,
    page_break,
    para,
    set_cell,
    set_widths,
    setup,
)
from stdkit.ladder import Level
from stdkit.model import Document, EvaluationSpec, LevelledBody, OccupationalStandard, SpecialCompetency
from stdkit.model.common import METHOD_NAMES, STATUS_NAMES, EditionForm, Line, Status, amount_text
from stdkit.model.evaluation import ISSUER_TYPE_NAMES, AllOf, AnyOf
from stdkit.model.standard import TALENT_TYPE_NAMES, WorkFunction
from stdkit.workbook.stamp import restamp

#: Where the document's own data travels inside the .docx: a custom XML part (Word keeps those).
SOURCE_PART = "/customXml/stdkit-source.xml"
TEXT_PART = "/customXml/stdkit-source-yaml.xml"
CUSTOM_XML_CONTENT_TYPE = "application/xml"
#: Dates of a document without ``issued`` (never the clock).
EPOCH = datetime.date(2000, 1, 1)


def export(
    document: Document,
    fonts: Fonts = DEFAULT_FONTS,
    standing: Standing | None = None,
    comparison: Comparison | None = None,
    *,
    text: str | None = None,
) -> bytes:
    """The .docx bytes of ``document``; with its ``standing`` in the collection (:func:`stdkit.editions.standing`)
    the cover of an edition no longer in force says so, and with the ``comparison`` of the confirmed crosswalk
    into it (:func:`stdkit.comparison.of_collection`) it ends with 「附录 新旧版本对照表」. ``text``, the YAML
    file the document was read from, is carried too, so that importing the file unedited gives it back byte
    for byte."""
    word = docx.Document()
    setup(word, fonts)
    _cover(word, document, standing)
    _errata(word, document)
    _front(word, document)
    if isinstance(document, SpecialCompetency):
        _special(word, document)
    else:
        _levelled(word, document)
    _back(word, document, comparison)
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
    if text is not None:
        _carry_text(word, text)
    raw = io.BytesIO()
    word.save(raw)
    return restamp(raw.getvalue(), when)


def source_of(document: Document) -> dict[str, Any]:
    """The data a document was exported from, as its YAML would hold it."""
    dumped: dict[str, Any] = document.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    # a field the model filled in and the document does not give (a rule across occupations' assessment)
    given = {
        field.alias or name
        for name, field in type(document).model_fields.items()
        if name in document.model_fields_set
    }
    return {"kind": document.KIND.value, **{k: v for k, v in dumped.items() if k != "kind" and k in given}}


def _carry(word: WordDocument, document: Document) -> None:
    """Attach the document's data as a custom XML part of the main document: Word keeps such parts
    when it re-saves a file, so what the layout does not print survives a round through Word."""
    root = etree.Element(f"{{{SOURCE_NAMESPACE}}}source", nsmap={None: SOURCE_NAMESPACE})
    # In model order (not sorted): the YAML an import writes then reads like the source.
    root.text = orjson.dumps(source_of(document)).decode()
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI(SOURCE_PART), CUSTOM_XML_CONTENT_TYPE, blob, word.part.package)
    word.part.relate_to(part, RT.CUSTOM_XML)


def _carry_text(word: WordDocument, text: str) -> None:
    """The YAML file itself, in a custom XML part of its own (Word keeps it as it keeps the data)."""
    root = etree.Element(f"{{{SOURCE_NAMESPACE}}}yaml", nsmap={None: SOURCE_NAMESPACE})
    root.text = text
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI(TEXT_PART), CUSTOM_XML_CONTENT_TYPE, blob, word.part.package)
    word.part.relate_to(part, RT.CUSTOM_XML)


# -- cover, 说明, 附录 ------------------------------------------------------------------------------


def _cover(word: WordDocument, document: Document, standing: Standing | None) -> None:
    for _ in range(4):
        word.add_paragraph()
    para(word, layout.COVER[document.KIND], bold=True, size=26, center=True)
    word.add_paragraph()
    para(word, document.title, bold=True, size=22, center=True)
    para(word, f"（{document.edition_label(EditionForm.PRINTED)}）", size=16, center=True)
    mark = layout.draft_mark(document.status)
    if mark is not None:
        para(word, f"（{mark}）", bold=True, size=16, center=True)
    word.add_paragraph()
    if isinstance(document, LevelledBody) and document.occupation is not None:
        para(word, f"{layout.CODE_LABEL}{document.occupation.code}", size=14, center=True)
    para(word, f"{layout.ID_LABEL}{document.id}", size=12, center=True)
    if isinstance(document, EvaluationSpec):
        for field, label in layout.SPEC_COVER:
            value = getattr(document, field)
            if field == "occupations" and value is not None:
                value = document.occupations_label()  # 各职业（工种）, or the codes it lists
            if value is not None:
                shown = ISSUER_TYPE_NAMES[value] if field == "issuer_type" else value
                para(word, f"{label}{shown}", size=12, center=True)
    shown = _standing_line(document, standing)
    if shown:
        para(word, shown, bold=True, size=12, center=True)
    bottom: list[tuple[str, float, bool]] = []
    if document.issued is not None:
        bottom.append((f"{layout.ISSUED_LABEL}{document.issued.isoformat()}", 12, False))
    issued = (
        f"{document.issuer_label}{layout.ISSUE_SUFFIX}"
        if mark is None
        else layout.unissued_line(document.issuer_label, mark)
    )
    bottom.append((issued, 16, True))
    # the issuer stands at the foot of the cover, as printed: the space above it is what the page has
    # left once the lines above and below are set (estimated from their sizes, with room to spare so
    # that the cover never runs onto a second page)
    used = sum(_line_height(p) for p in word.paragraphs) + sum(_LINE * size for _, size, _ in bottom)
    first = True
    for text, size, bold in bottom:
        paragraph = para(word, text, bold=bold, size=size, center=True)
        if first:
            paragraph.paragraph_format.space_before = Pt(max(0.0, _COVER_HEIGHT - used))
            first = False
    page_break(word)


#: A line's height per point of type at the body's 1.25 line spacing (CJK faces are about 1.3 em tall).
_LINE = 1.25 * 1.3
#: The cover's usable height in points (A4 less the margins), less a margin of safety.
_COVER_HEIGHT = (29.7 - 2 * 2.54) / 2.54 * 72 - 60


def _line_height(paragraph: Paragraph) -> float:
    sizes = [run.font.size.pt for run in paragraph.runs if run.font.size is not None]
    return _LINE * max(sizes, default=BODY_SIZE)


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
    para(word, layout.ERRATA_NOTE)
    for number, erratum in enumerate(document.errata, 1):
        para(word, layout.erratum_line(number, erratum.date.isoformat(), erratum.notice), bold=True)
        grid = headed_table(
            word, len(erratum.changes), layout.ERRATA_COLUMNS, (Cm(1.2), Cm(4.0), Cm(5.1), Cm(5.1))
        )
        for row, change in enumerate(erratum.changes, 1):
            for column, value in enumerate((str(row), change.code, change.from_, change.to)):
                set_cell(grid[row][column], [value])
    page_break(word)


def _front(word: WordDocument, document: Document) -> None:
    drafting = document.drafting
    if document.foreword is None and drafting is None:
        return
    word.add_heading(layout.FOREWORD, level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in (document.foreword or "").splitlines():
        if line.strip():
            para(word, line.strip())
    if drafting is not None:
        foreword = document.foreword or ""
        for field, label in layout.DRAFTING:
            value = getattr(drafting, field)
            names = value if isinstance(value, list) else [value] if value else []
            if not names or (label.rstrip("：") in foreword and all(name in foreword for name in names)):
                continue  # a 说明 that quotes its drafting lists already printed them
            para(word, f"{label}{layout.LIST_SEPARATOR.join(names)}")
    page_break(word)


def _back(word: WordDocument, document: Document, comparison: Comparison | None) -> None:
    for appendix in document.appendices:
        page_break(word)
        word.add_heading(appendix.title, level=1)
        for line in appendix.body.splitlines():
            if line.strip():
                para(word, line.strip())
    if comparison is not None:
        _crosswalk(word, comparison)
    if document.references:
        word.add_heading(layout.REFERENCES, level=1)
        add_lines(word, document.references, numbered=False)


#: Widths of the 新旧版本对照表's columns (序号, 原代码, 原条文, 新代码, 新条文, 变化类型, 修订说明): 15.4 cm, A4's text width.
_CROSSWALK_WIDTHS = (
    Cm(1.2),
    Cm(2.4),
    Cm(2.9),
    Cm(2.4),
    Cm(2.9),
    Cm(1.4),
    Cm(2.2),
)  # 15.4 cm: A4 less the margins; 序号 whole on one line


def _crosswalk(word: WordDocument, found: Comparison) -> None:
    """附录 新旧版本对照表: the summary (前言 style), then one row per crosswalk row under a heading row repeated
    on every page; a split's new lines (a merge's old ones) one paragraph each in their cells."""
    page_break(word)
    word.add_heading(layout.CROSSWALK_APPENDIX, level=1)
    para(word, found.summary)
    grid = headed_table(word, len(found.rows), found.columns, _CROSSWALK_WIDTHS, centred=True)
    for row in found.rows:
        cells = grid[row.number]
        set_cell(cells[0], [str(row.number)])
        set_cell(cells[1], [code for code, _ in row.olds] or ["—"])
        set_cell(cells[2], [text for _, text in row.olds] or ["—"])
        set_cell(cells[3], [code for code, _ in row.news] or ["—"])
        set_cell(cells[4], [text for _, text in row.news] or ["—"])
        set_cell(cells[5], [row.change])
        set_cell(cells[6], [row.note])


# -- the levelled body ---------------------------------------------------------------------------


def _names(document: LevelledBody) -> dict[Level, str]:
    return dict(document.level_names) if isinstance(document, EvaluationSpec) else {}


def _per_level_lines(word: WordDocument, document: LevelledBody, values: dict[Level, str]) -> None:
    names = _names(document)
    for level, text in values.items():
        para(word, f"{layout.level_title(level, names)}：{text}")


def _levelled(word: WordDocument, document: LevelledBody) -> None:
    names = _names(document)
    heading(word, "1", layout.H_PROFILE, 1)
    profile = document.profile if isinstance(document, (OccupationalStandard, EvaluationSpec)) else None
    _notes(word, profile.notes if profile is not None else None)
    occupation = document.occupation  # none in a rule across occupations (its cover names them)
    if occupation is not None:
        heading(word, "1.1", layout.H_NAME, 2)
        para(word, occupation.name)
        heading(word, "1.2", layout.H_CODE, 2)
        para(word, occupation.code)
    if occupation is not None and occupation.definition:
        heading(word, "1.3", layout.H_DEFINITION, 2)
        para(word, occupation.definition)
    heading(word, "1.4", layout.H_LEVELS, 2)
    para(word, layout.LIST_SEPARATOR.join(layout.level_title(level, names) for level in document.levels))
    talent = document.talent_type
    if isinstance(talent, dict):  # one per level, in ladder order
        shown = layout.TALENT_SEPARATOR.join(
            f"{layout.level_title(level, names)} {TALENT_TYPE_NAMES[kind]}"
            for level, kind in sorted(talent.items(), key=lambda item: ladder.rank(item[0]))
        )
        para(word, f"{layout.TALENT_LABEL}{shown}")
    elif talent is not None:
        para(word, f"{layout.TALENT_LABEL}{TALENT_TYPE_NAMES[talent]}")
    if profile is not None:
        for number, title, value in (
            ("1.5", layout.H_ENVIRONMENT, profile.environment),
            ("1.6", layout.H_ABILITIES, profile.abilities),
            ("1.7", layout.H_EDUCATION, profile.education),
        ):
            if value:
                heading(word, number, title, 2)
                para(word, value)
    unsettled = document.unfinished()
    if document.training is not None:
        training = document.training
        heading(word, "1.8", layout.provisional(layout.H_TRAINING, "training" in unsettled), 2)
        _notes(word, training.notes)
        if training.hours or any(t.training_hours for t in document.work_types):
            heading(word, "1.8.1", layout.H_HOURS, 3)
            _per_level_lines(
                word, document, {lv: amount_text(h, "标准学时") for lv, h in training.hours.items()}
            )
            for work_type in document.work_types:
                for level, hours in work_type.training_hours.items():
                    shown = amount_text(hours, "标准学时")
                    para(word, f"{layout.level_title(level, names)}（{work_type.name}）：{shown}")
        if training.teachers:
            heading(word, "1.8.2", layout.H_TEACHERS, 3)
            _per_level_lines(word, document, dict(training.teachers))
        if training.venue:
            heading(word, "1.8.3", layout.H_TRAINING_VENUE, 3)
            para(word, training.venue)
    _assessment(word, document)
    _basics(word, document)
    _work(word, document)
    _weights(word, document)
    if isinstance(document, EvaluationSpec) and document.appointment is not None:
        _appointment(word, document)


def _notes(word: WordDocument, notes: str | None) -> None:
    """A section's notes (备注), a paragraph a line, under its heading before its first numbered part: where
    the import finds them again (text no field holds, DOC910)."""
    for line in (notes or "").splitlines():
        if line.strip():
            para(word, line)


def _assessment(word: WordDocument, document: LevelledBody) -> None:
    heading(word, "1.9", layout.provisional(layout.H_ASSESSMENT, "assessment" in document.unfinished()), 2)
    _notes(word, document.assessment.notes)
    for number, title, lines in assessment.sections(document, _names(document)):
        heading(word, number, title, 3)
        for text, bold in lines:
            para(word, text, bold=bold)


def _basics(word: WordDocument, document: LevelledBody) -> None:
    basics = document.basics
    if basics is None:  # a draft that leaves 基本要求 out (DRF701)
        return
    heading(word, "2", layout.H_BASICS, 1)
    _notes(word, basics.notes)
    heading(word, "2.1", layout.H_ETHICS, 2)
    heading(word, "2.1.1", layout.H_ETHICS_KNOWLEDGE, 3)
    add_lines(word, basics.ethics.knowledge)
    heading(word, "2.1.2", layout.H_CONDUCT, 3)
    add_lines(word, basics.ethics.code_of_conduct)
    heading(word, "2.2", layout.H_KNOWLEDGE, 2)
    for index, area in enumerate(basics.knowledge, 1):
        heading(word, f"2.2.{index}", area.area, 3)
        add_lines(word, area.items)


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


def _work(word: WordDocument, document: LevelledBody) -> None:
    names = _names(document)
    page_break(word)
    heading(word, "3", layout.H_WORK, 1)
    for index, (level, work_type, functions) in enumerate(_work_sets(document), 1):
        label = layout.level_title(level, names) + (f"（{work_type}）" if work_type else "")
        heading(word, f"3.{index}", label, 2)
        code = next((t.code for t in document.work_types if t.name == work_type), None)
        if code:
            para(word, f"{layout.WORK_TYPE_CODE_LABEL}{code}")
        rows = sum(len(f.contents) for f in functions)
        grid = headed_table(
            word, rows, layout.WORK_COLUMNS, (Cm(2.6), Cm(2.8), Cm(5.4), Cm(4.6)), centred=True
        )
        row = 1
        for f_index, function in enumerate(functions, 1):
            first = row
            for c_index, content in enumerate(function.contents, 1):
                number = f"{f_index}.{c_index}"
                set_cell(grid[row][1], [f"{number} {content.name}"])
                set_cell(
                    grid[row][2], [f"{number}.{n} {line.text}" for n, line in enumerate(content.skills, 1)]
                )
                set_cell(
                    grid[row][3], [f"{number}.{n} {line.text}" for n, line in enumerate(content.knowledge, 1)]
                )
                row += 1
            cell = grid[first][0]
            if row - 1 > first:
                cell = cell.merge(grid[row - 1][0])
            set_cell(cell, [f"{f_index}. {function.function}"])
            for extra in cell.paragraphs[1:]:
                extra._p.getparent().remove(extra._p)


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
    page_break(word)
    heading(word, "4", layout.provisional(layout.H_WEIGHTS, "weights" in document.unfinished()), 1)
    for number, title, kind in (
        ("4.1", layout.H_THEORY_WEIGHTS, "theory"),
        ("4.2", layout.H_SKILL_WEIGHTS, "skill"),
    ):
        common: dict[Level, dict[str, int]] = getattr(document.weights, kind)
        own = [(wt.name, getattr(wt.weights, kind)) for wt in document.work_types]
        columns = _weight_columns(document, common, own)
        if not columns:
            continue
        heading(word, number, title, 2)
        keys = list(dict.fromkeys(key for _, column in columns for key in column))
        sections = [k for k in layout.SECTION_ROWS if k in keys]
        keys = sections + [k for k in keys if k not in layout.SECTION_ROWS]
        table = word.add_table(rows=len(keys) + 2, cols=len(columns) + 2)
        table.style = word.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        share = Cm(max(1.6, 9.4 / len(columns)))
        set_widths(table, (Cm(2.4), Cm(3.6), *([share] * len(columns))))
        grid = cells_of(table)
        head = grid[0][0].merge(grid[0][1])
        set_cell(head, [layout.WEIGHT_ITEM], bold=True)
        for column, (label, _) in enumerate(columns, 2):
            set_cell(grid[0][column], [f"{label}（%）"], bold=True)
        group = layout.WEIGHT_THEORY_GROUP if kind == "theory" else layout.WEIGHT_SKILL_GROUP
        for row, key in enumerate(keys, 1):
            set_cell(grid[row][0], [layout.WEIGHT_BASIC_GROUP if key in layout.SECTION_ROWS else group])
            set_cell(grid[row][1], [layout.SECTION_ROWS.get(key, key)])
            for column, (_, values) in enumerate(columns, 2):
                set_cell(grid[row][column], [str(values[key]) if key in values else layout.NOT_ASSESSED])
        total = len(keys) + 1
        set_cell(grid[total][0].merge(grid[total][1]), [layout.WEIGHT_TOTAL], bold=True)
        for column, (_, values) in enumerate(columns, 2):
            set_cell(grid[total][column], [str(sum(values.values()))])
        _merge_groups(grid, len(keys))


def _merge_groups(grid: list[list[_Cell]], rows: int) -> None:
    """Merge the 项目 column's runs of equal group names (基本要求, 相关知识要求)."""
    start = 1
    for row in range(2, rows + 2):
        if row == rows + 1 or grid[row][0].text != grid[start][0].text:
            if row - 1 > start:
                text = grid[start][0].text
                merged = grid[start][0].merge(grid[row - 1][0])
                set_cell(merged, [text])
                for extra in merged.paragraphs[1:]:
                    extra._p.getparent().remove(extra._p)
            start = row


def _appointment(word: WordDocument, document: EvaluationSpec) -> None:
    appointments = document.appointment
    assert appointments is not None
    heading(word, "5", layout.H_APPOINTMENT, 1)
    names = _names(document)
    number = 0
    for level in (Level.PRINCIPAL, Level.CHIEF):
        appointment = appointments.for_level(level)
        if appointment is None:
            continue
        number += 1
        heading(word, f"5.{number}", layout.level_title(level, names), 2)
        for criterion in appointment.criteria:
            if isinstance(criterion, Line):
                para(word, criterion.text)
            elif isinstance(criterion, AllOf):
                para(word, f"{criterion.name or ''}（须全部具备）：", bold=True)
                add_lines(word, criterion.all)
            elif isinstance(criterion, AnyOf):
                para(word, f"{criterion.name or ''}（至少具备{criterion.any}项）：", bold=True)
                add_lines(word, criterion.of)
        para(word, "评聘程序：" + "—".join(appointment.procedure))
        if appointment.term_years is not None:
            para(word, f"聘期：{appointment.term_years}年")
        if appointment.quota:
            para(word, f"名额：{appointment.quota}")


# -- a special competency -----------------------------------------------------------------------


def _special_scope(document: SpecialCompetency) -> list[str]:
    """适用对象's lines: 适用地区, 相关职业, 适用对象 and 申报条件 (numbered on one line), where given."""
    scope = []
    if document.region:
        scope.append(f"适用地区：{document.region}")
    if document.related_occupations:
        scope.append(f"相关职业：{layout.LIST_SEPARATOR.join(document.related_occupations)}")
    if document.audience:
        scope.append(f"{layout.SC_AUDIENCE}：{document.audience}")
    if document.eligibility:
        numbered = "".join(f"（{n}）{text}" for n, text in enumerate(document.eligibility, 1))
        scope.append(f"{layout.SC_ELIGIBILITY}：{numbered}")
    return scope


def _special(word: WordDocument, document: SpecialCompetency) -> None:
    heading(word, "1", layout.H_SC_NAME, 1)
    para(word, document.title)
    if document.description:
        heading(word, "2", layout.H_SC_DEFINITION, 1)
        para(word, document.description)
    heading(word, "3", layout.H_SC_SCOPE, 1)
    for text in _special_scope(document):
        para(word, text)
    unsettled = document.unfinished()
    heading(
        word, "4", layout.provisional(layout.H_SC_CONTENT, "weights" in unsettled or "units" in unsettled), 1
    )
    grid = headed_table(word, len(document.units), layout.SC_COLUMNS, (Cm(3.4), Cm(5.4), Cm(4.6), Cm(2.0)))
    for row, unit in enumerate(document.units, 1):
        set_cell(grid[row][0], [f"{row}. {unit.name}"])
        set_cell(grid[row][1], [f"{row}.{n} {line.text}" for n, line in enumerate(unit.skills, 1)])
        set_cell(grid[row][2], [f"{row}.{n} {line.text}" for n, line in enumerate(unit.knowledge, 1)])
        weight = document.weights.skill.get(unit.name)
        set_cell(grid[row][3], [str(weight) if weight is not None else layout.NOT_ASSESSED])
    assessment = document.assessment
    heading(word, "5", layout.provisional(layout.H_SC_REQUIREMENTS, "assessment" in unsettled), 1)
    para(
        word, f"{layout.H_METHODS}：{layout.LIST_SEPARATOR.join(METHOD_NAMES[m] for m in assessment.methods)}"
    )
    for method, ratio in assessment.ratios.items():
        para(word, f"{METHOD_NAMES[method]}考评人员与考生配比：1:{ratio}")
    for method in assessment.durations:
        at_least = "不少于" if assessment.at_least(method) else ""
        para(word, f"{METHOD_NAMES[method]}时间：{at_least}{assessment.minutes(method)}分钟")
    if assessment.venue:
        para(word, f"{layout.H_VENUE}：{assessment.venue}")
    if document.examiners is not None:
        para(word, f"{layout.SC_EXAMINERS}：{document.examiners.text}")
        if document.examiners.per_panel is not None:
            para(word, f"{layout.SC_PER_PANEL}：{document.examiners.per_panel}")
    if marks := pass_marks(assessment.pass_mark):
        para(word, f"{layout.PASS_MARK_LABEL}{marks}")
    if assessment.theory_items is not None:
        para(word, f"{layout.THEORY_ITEMS_LABEL}{assessment.theory_items}")
    if document.weights.theory:
        para(word, "理论知识权重：" + "；".join(f"{k}{v}%" for k, v in document.weights.theory.items()))


__all__ = ["SOURCE_PART", "Fonts", "export", "source_of"]
