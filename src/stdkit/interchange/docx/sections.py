"""The sections of the 编制技术规程 layout, each with its reader, in one table keyed by the headings the
export prints (:mod:`stdkit.interchange.layout`); and the walk that reads a Word file's blocks into a draft.

A section is recognised by its title, whatever its numbering (1.9.1, （一）, 一、) or style, and reads
the paragraphs and tables that follow it until the next title. What no section reads is a finding
(DOC910 for a paragraph, DOC912 for a table), never silence and never an exception. This module reads
only the blocks it is given; it never decides what the model makes of them (:mod:`.bind` does).
A special competency's readers are in :mod:`.special`, named here in the table.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable

from stdkit.interchange import layout, rules
from stdkit.interchange.docx import prose, special, tables, words
from stdkit.interchange.docx.blocks import Block, Grid, Para
from stdkit.interchange.docx.draft import Appendix, Area, Erratum, Reading
from stdkit.interchange.docx.tables import TableReader
from stdkit.ladder import Level
from stdkit.model.common import UNDATED, UNDATED_LABEL
from stdkit.model.evaluation import EVERY_OCCUPATION, EVERY_OCCUPATION_LABEL, ISSUER_TYPE_NAMES
from stdkit.model.standard import TALENT_TYPE_NAMES

#: A paragraph reader: the reading (its draft, where it stands) and a paragraph of its section.
ParagraphReader = Callable[[Reading, Para], None]


@dataclasses.dataclass(frozen=True, slots=True)
class Section:
    """How a section reads its paragraphs and its tables; None: none belongs there (a finding)."""

    paragraph: ParagraphReader | None = None
    table: TableReader | None = None


def read(name: str, blocks: Iterable[Block], *, carried: bool) -> Reading:
    """Walk the blocks once, keeping the current section, and fill the draft (``carried``: the file
    carries stdkit's data, which gives back what the text cannot)."""
    reading = Reading(name, carried)
    for block in blocks:
        if isinstance(block, Grid):
            _table(reading, block)
        elif block.text:
            _paragraph(reading, block)
    return reading


def section_of(para: Para) -> str | None:
    """The section a paragraph opens: a heading style, or a heading's numbering (1.9.1, （一）, 一、)
    before a title of the layout. An item such as （1）职业守则 opens nothing."""
    text = para.text
    title = layout.section_title(text)
    numbered = layout.HEADING_NUMBER.match(text) or layout.CHAPTER_NUMBER.match(text)
    # 「说　明」 stands alone on its line, unnumbered, in every printed standard
    if not (para.heading or numbered or title == layout.FOREWORD):
        return None
    if title in SECTIONS:
        return title
    return ALIASES.get(title)


def _item_of(reading: Reading, para: Para, section: str) -> bool:
    """「1. 职业道德基本知识」 under 2.1.1 职业道德基本知识: a numbered line of the section being read that
    repeats its title (a committee's first item), not the section opening again."""
    return (
        section == reading.section
        and not para.heading
        and layout.HEADING_NUMBER.match(para.text) is None
        and layout.CHAPTER_NUMBER.match(para.text) is not None
    )


def _paragraph(reading: Reading, para: Para) -> None:
    text = para.text
    on_cover = not reading.section
    if on_cover and text in layout.KIND_OF_COVER:
        reading.draft.kind = layout.KIND_OF_COVER[text]
    elif not on_cover and para.heading and _crosswalk_heading(text):
        reading.section = layout.CROSSWALK_APPENDIX  # printed from the crosswalk file: read back as nothing
    elif not on_cover and para.heading and text.startswith(layout.APPENDIX):
        reading.section = layout.APPENDIX
        reading.draft.appendices.append(Appendix(text))
    elif (section := section_of(para)) is not None and not _item_of(reading, para, section):
        reading.section = section
        reading.draft.where.setdefault(section, para.block)
        reading.eligibility_for = None
        reading.paragraphs = 0
    elif on_cover:
        _cover_line(reading, para)
    else:
        reading.paragraphs += 1
        (_current(reading).paragraph or Reading.unmapped)(reading, para)


def _crosswalk_heading(text: str) -> bool:
    """附录 新旧版本对照表 (spaces as a committee or Word may leave them)."""
    return "".join(text.split()) == "".join(layout.CROSSWALK_APPENDIX.split())


def _table(reading: Reading, grid: Grid) -> None:
    # stray blank rows dropped; each row keeps its number in the table (where findings point)
    rows = [(index, row) for index, row in enumerate(grid.rows) if any(cell for cell in row)]
    if not rows:
        return
    head = ["".join(cell) for cell in rows[0][1]]
    reader = tables.work if tables.is_work_table(head) else _current(reading).table  # 工作要求's anywhere
    if reader is not None:
        reader(reading, grid, rows, head)
        return
    reading.findings.append(
        rules.R_TABLE.at(
            reading.name,
            grid.block,
            1,
            table=grid.number,
            section=reading.section or "封面",
            reason="no section of the layout holds a table here",
            reason_zh="版式中此处没有表格",
        )
    )


def _current(reading: Reading) -> Section:
    """The section being read: an appendix, one of the layout's, or none (the cover)."""
    if reading.section == layout.APPENDIX:
        return APPENDIX
    return SECTIONS.get(reading.section, _COVER)


# -- the cover ------------------------------------------------------------------------------------

_EDITION = re.compile(r"^[（(]\s*([A-Za-z0-9._-]+?)\s*(?:年版|版)\s*[）)]$")


def _cover_line(reading: Reading, para: Para) -> None:
    text = para.text
    cover = reading.draft.cover
    spec = next(((field, label) for field, label in layout.SPEC_COVER if text.startswith(label)), None)
    edition = _EDITION.match(text)
    if text.startswith(layout.CODE_LABEL):
        reading.draft.occupation.setdefault("code", words.code(text.removeprefix(layout.CODE_LABEL)))
    elif text.startswith(layout.ID_LABEL):
        cover.id = text.removeprefix(layout.ID_LABEL).strip()
    elif spec is not None:
        _spec_line(reading, para, *spec)
    elif text.startswith(layout.ISSUED_LABEL):
        cover.issued = text.removeprefix(layout.ISSUED_LABEL).strip()
    elif text.startswith(layout.STANDING_LABEL):
        pass  # printed from the collection's standing: a document's status is carried, or it is a draft
    elif text.strip("（）") in layout.DRAFT_MARKS.values():
        pass  # a working document's mark: its status is carried, or it is a draft
    elif unissued := layout.UNISSUED_LINE.match(text):
        cover.issuer = _issuers(unissued.group(1))
    elif edition:
        cover.edition = edition.group(1)
    elif text.strip("（）()") == UNDATED_LABEL:  # an undated draft's cover: 「（未注明年份）」
        cover.edition = UNDATED
    elif text.endswith(("发布", "制定")):
        cover.issuer = _issuers(text.removesuffix("发布").removesuffix("制定"))
    elif cover.title is None:
        # 「电　工」: a short title is printed with spaces between its characters
        cover.title = re.sub(r"[ 　]+", "", text) if len(text) <= 8 else text
    else:
        reading.unmapped(para)


def _issuers(printed: str) -> str | list[str]:
    """The cover's issuer line: one issuer, or joint issuers printed 「人力资源社会保障部、中央网信办、…」 (a list)."""
    names = [name.strip(" 　") for name in printed.strip(" 　").split(layout.LIST_SEPARATOR)]
    return names if len(names) > 1 else names[0]


def _spec_line(reading: Reading, para: Para, field: str, label: str) -> None:
    """An evaluation spec's cover line (适用范围, 依据, 发布主体类型), its field printed after its label."""
    value = para.text.removeprefix(label).strip()
    if field == "issuer_type":
        chosen = next((kind.value for kind, shown in ISSUER_TYPE_NAMES.items() if shown == value), None)
        if chosen is None:
            reading.unmapped(para)
            return
        value = chosen
    if field == "occupations":  # 各职业（工种）: every occupation; else the codes, as listed
        listed = [words.code(code) for code in value.split(layout.LIST_SEPARATOR) if code.strip()]
        reading.draft.cover.spec[field] = EVERY_OCCUPATION if value == EVERY_OCCUPATION_LABEL else listed
        return
    reading.draft.cover.spec[field] = value


# -- 说明 and the back ------------------------------------------------------------------------------


def _foreword(reading: Reading, para: Para) -> None:
    """说明: its text, and its closing lines (组织编制单位：… 主要起草人：…) as ``drafting``."""
    text = para.text
    for field, label in layout.DRAFTING:
        if text.startswith(label):
            value = text.removeprefix(label).strip()
            reading.draft.drafting[field] = (
                value if field == "organiser" else value.split(layout.LIST_SEPARATOR)
            )
            return
    reading.draft.foreword.append(text)


def _appendix(reading: Reading, para: Para) -> None:
    reading.draft.appendices[-1].body.append(para.text)


def _reference(reading: Reading, para: Para) -> None:
    reading.draft.references.append(para.text)


def _erratum(reading: Reading, para: Para) -> None:
    """勘误: its note, and each erratum's line (第1次勘误：date　文号) before the table of its changes."""
    if para.text == layout.ERRATA_NOTE:
        return
    line = layout.ERRATUM_LINE.match(para.text)
    if line is None:
        reading.unmapped(para)
        return
    reading.draft.errata.append(Erratum(line[2], line[3].strip() if line[3] else None))


def _from_the_crosswalk(reading: Reading, para: Para) -> None:
    """附录 新旧版本对照表: its summary is the crosswalk file's (``crosswalks/``), which the export printed it
    from; nothing of it belongs in the document."""


def _crosswalk_table(reading: Reading, grid: Grid, rows: tables.Rows, head: list[str]) -> None:
    """The 新旧版本对照表 itself: the crosswalk file's rows, not the document's (see :func:`_from_the_crosswalk`)."""


def _printed_from_data(reading: Reading, para: Para) -> None:
    """评价途径 and 评聘 are printed from structured data the text cannot give back in full: the carried
    data holds it; without that (a committee's own draft) the author re-enters it in the YAML."""
    if not reading.carried:
        reading.unmapped(para)


# -- 职业概况 ---------------------------------------------------------------------------------------


def _occupation(field: str) -> ParagraphReader:
    """职业名称, 职业编码, 职业定义: the line is the field."""

    def read(reading: Reading, para: Para) -> None:
        if reading.further:  # a second paragraph is not the field: kept in the notes
            reading.unmapped(para)
            return
        reading.draft.occupation[field] = words.code(para.text) if field == "code" else para.text

    return read


def _profile(field: str) -> ParagraphReader:
    """职业环境条件, 职业能力特征, 普通受教育程度: the line is the field."""

    def read(reading: Reading, para: Para) -> None:
        if reading.further:  # a second paragraph is not the field: kept in the notes
            reading.unmapped(para)
            return
        reading.draft.profile[field] = para.text

    return read


def _levels(reading: Reading, para: Para) -> None:
    """职业技能等级: ``五级/初级工、四级/中级工（操作员）`` → [L5, L4], L4's own name 操作员; a part that
    names no level is a DOC913. 「人才类型：…」 under it: the talent type, or one per level."""
    draft = reading.draft
    if para.text.startswith(layout.TALENT_LABEL):
        _talent(reading, para)
        return
    draft.level_text = (para.block, para.text)
    draft.levels = []
    listed = prose.level_list(para.text)  # 「本职业共设三个等级，分别为：」 before the list
    for part in re.split(r"[、，,；;和]", listed.rstrip("。")):
        if not part.strip():
            continue
        found = words.parse_level(part)
        if found is None:
            reading.no_level(para.block, part.strip())
            continue
        draft.levels.append(found[0].value)
        if found[1]:
            draft.level_names[found[0].value] = found[1]


def _talent(reading: Reading, para: Para) -> None:
    kinds = {name: kind for kind, name in TALENT_TYPE_NAMES.items()}
    shown = para.text.removeprefix(layout.TALENT_LABEL).strip()
    if shown in kinds:
        reading.draft.talent_type = str(kinds[shown])
        return
    per_level: dict[str, str] = {}
    for part in shown.split(layout.TALENT_SEPARATOR):
        head, _, name = part.strip().rpartition(" ")
        level = words.parse_level(head)
        if level is None or name not in kinds:
            reading.unmapped(para)
            return
        per_level[level[0].value] = str(kinds[name])
    reading.draft.talent_type = per_level


def _per_level(para: Para) -> tuple[str, str] | None:
    """``四级/中级工：120标准学时`` → (L4, 120标准学时); None when the line does not start with a level."""
    head, sep, rest = para.text.partition("：")
    if not sep:
        head, sep, rest = para.text.partition(":")
    found = words.parse_level(head) if sep else None
    if found is None:
        return None
    return found[0].value, rest.strip()


def _by_method(para: Para) -> tuple[str, str] | None:
    """``技能考核：1:5`` → (skill, 1:5); None when the line does not start with a method."""
    head, sep, rest = para.text.partition("：")
    method = layout.METHOD_OF_NAME.get(head.strip())
    return (method.value, rest.strip()) if sep and method is not None else None


def _hours(reading: Reading, para: Para) -> None:
    """培训时间: a level's (or a 工种's level's) 标准学时."""
    got = _per_level(para)
    shown = got[1].removesuffix("标准学时").removesuffix("学时") if got else ""
    number = words.whole_number(shown.removeprefix(layout.AT_LEAST)) if got else None
    # 「不少于120标准学时」: a minimum, written as the model has it
    hours = {"at_least": number} if number is not None and shown.startswith(layout.AT_LEAST) else number
    head = words.parse_level(para.text.partition("：")[0])
    own = head[1] if head is not None else None
    draft = reading.draft
    if got is None or hours is None:
        reading.unmapped(para)
    elif own and draft.is_type(own):
        draft.type_hours.setdefault(own, {})[got[0]] = hours
    else:
        draft.training.setdefault("hours", {})[got[0]] = hours


def _teachers(reading: Reading, para: Para) -> None:
    got = _per_level(para)
    if got is None:
        reading.unmapped(para)
    else:
        reading.draft.training.setdefault("teachers", {})[got[0]] = got[1]


def _training_venue(reading: Reading, para: Para) -> None:
    if reading.further:  # a second paragraph is not the field: kept in the notes
        reading.unmapped(para)
    else:
        reading.draft.training["venue"] = para.text


# -- 职业技能鉴定要求 -----------------------------------------------------------------------------------


def _eligibility(reading: Reading, para: Para) -> None:
    """申报条件: a level's heading (``具备以下条件之一者，可申报五级/初级工：``), then its conditions."""
    draft = reading.draft
    found = _eligibility_heading(para.text)
    marker = layout.FOOTNOTE_MARKER.match(para.text)
    if para.text == layout.NOTES_LABEL:
        reading.eligibility_for = (layout.NOTES_LABEL, None)
    elif reading.eligibility_for == (layout.NOTES_LABEL, None) and marker is not None:
        draft.footnotes[marker.group(1)] = para.text[marker.end() :]
    elif found is not None:
        level, own = found[0].value, found[1]
        if own and draft.is_type(own):
            draft.type_eligibility.setdefault(own, {})
        else:
            own = None
        reading.eligibility_for = (level, own)
    elif reading.eligibility_for is None:
        reading.unmapped(para)
    else:
        level, own = reading.eligibility_for
        target = draft.type_eligibility[own] if own is not None else draft.eligibility
        for line in words.lines([para.text]):
            target.setdefault(level, []).append({"text": line})


def _eligibility_heading(text: str) -> tuple[Level, str | None] | None:
    if not text.endswith(("：", ":")):
        return None
    found = words.parse_level(text)
    if found is None and "申报" in text:
        found = words.parse_level(text.rstrip("：:").rsplit("申报", 1)[1])
    return found


def _methods(reading: Reading, para: Para) -> None:
    """鉴定方式: each level's methods, then 合格分数线 and 理论知识试卷题量."""
    text = para.text
    exam = reading.draft.exam
    got = _per_level(para)
    if text.startswith(layout.PASS_MARK_LABEL):
        mark = words.pass_mark(text.removeprefix(layout.PASS_MARK_LABEL))
        if mark is None:
            reading.unmapped(para)
        else:
            exam["pass_mark"] = mark
    elif text.startswith(layout.THEORY_ITEMS_LABEL):
        items = words.whole_number(text.removeprefix(layout.THEORY_ITEMS_LABEL))
        if items is None:
            reading.unmapped(para)
        else:
            exam["theory_items"] = items
    elif got is not None:
        names = [n.strip() for n in re.split(r"[、，,和及]", got[1].rstrip("。")) if n.strip()]
        methods = [layout.METHOD_OF_NAME[n].value for n in names if n in layout.METHOD_OF_NAME]
        if len(methods) != len(names):
            reading.unmapped(para)
        else:
            reading.draft.methods[got[0]] = methods
    else:
        _methods_prose(reading, para)


def _methods_prose(reading: Reading, para: Para) -> None:
    """The 规程's sentences: 「分为理论知识考试、技能考核以及综合评审。……」 and 「……成绩皆达60分（含）以上者为合格。」."""
    per_level = prose.methods(para.text, reading.draft.levels)
    mark = prose.pass_mark(para.text)
    if per_level is None and mark is None:
        reading.unmapped(para)
        return
    for level, methods in (per_level or {}).items():
        reading.draft.methods.setdefault(level, methods)
    if mark is not None:
        reading.draft.exam["pass_mark"] = mark


def _ratios(reading: Reading, para: Para) -> None:
    """监考人员、考评人员与考生配比: a method's ratio, a qualifier, or a minimum number of people."""
    text = para.text
    ratios = reading.draft.ratios
    flag = next((field for field, label in layout.RATIO_FLAGS if label == text), None)
    minimum = next(((f, label) for f, label in layout.RATIO_MINIMUMS if text.startswith(label)), None)
    if flag is not None:
        ratios[flag] = True
    elif minimum is not None:
        number = words.whole_number(text.removeprefix(minimum[1]))
        if number is None:
            reading.unmapped(para)
        else:
            ratios[minimum[0]] = number
    else:
        got = _by_method(para)
        ratio = words.per_level_ints(got[1].removeprefix("1:").removeprefix("1：")) if got else None
        said = prose.ratios(para.text) if got is None or ratio is None else None
        if got is not None and ratio is not None:
            ratios[got[0]] = ratio
        elif said is not None:
            ratios.update(said)
        else:
            reading.unmapped(para)


def _durations(reading: Reading, para: Para) -> None:
    """鉴定时间: a method's minutes (per level, or one for all), ``（不少于）`` when at least."""
    got = _by_method(para)
    value = got[1].removesuffix("（不少于）").removesuffix("分钟").removeprefix("不少于") if got else ""
    minutes = words.per_level_ints(value) if got else None
    durations = reading.draft.durations
    if got is None or minutes is None:
        said = prose.durations(para.text)
        if said is None:
            reading.unmapped(para)
            return
        durations.update(said[0])
        if said[1]:
            at_least = durations.setdefault("at_least", [])
            if isinstance(at_least, list):
                at_least.extend(m for m in said[1] if m not in at_least)
        return
    durations[got[0]] = minutes
    if para.text.endswith("（不少于）"):
        at_least = durations.setdefault("at_least", [])
        if isinstance(at_least, list):  # a method is never named at_least
            at_least.append(got[0])


def _venue(reading: Reading, para: Para) -> None:
    got = _by_method(para)
    said = prose.venues(para.text) if got is None else None
    if got is not None:
        reading.draft.venue[got[0]] = got[1]
    elif said is not None:
        reading.draft.venue.update(said)
    else:
        reading.unmapped(para)


# -- 基本要求 and 工作要求 ---------------------------------------------------------------------------------


def _ethics(field: str) -> ParagraphReader:
    """职业道德基本知识, 职业守则: numbered lines."""

    def read(reading: Reading, para: Para) -> None:
        reading.draft.ethics.setdefault(field, []).extend(words.lines([para.text]))

    return read


def _knowledge(reading: Reading, para: Para) -> None:
    """基础知识: an area's heading, then its items."""
    knowledge = reading.draft.knowledge
    if para.heading or layout.HEADING_NUMBER.match(para.text) or not knowledge:
        knowledge.append(Area(layout.heading_text(layout.strip_numbering(para.text))))
    else:
        knowledge[-1].items.extend(words.lines([para.text]))


_WORK_INTRODUCTION = re.compile(r"^本(?:标准|规范|文件)对.*(?:依次递进|涵盖低级别)")


def _work_heading(reading: Reading, para: Para) -> None:
    """工作要求: the level (and 工种) the next table is for, or the 工种编码 printed above it."""
    text = para.text
    if text.startswith(layout.WORK_TYPE_CODE_LABEL):
        reading.work_type_code = text.removeprefix(layout.WORK_TYPE_CODE_LABEL).strip()
        return
    reading.work_type_code = None
    found = words.parse_level(text)
    if found is None and _WORK_INTRODUCTION.match(text):
        return  # 「本标准对五级/初级工……依次递进，高级别涵盖低级别的要求。」: the 规程's sentence, said by the levels
    if found is None:
        reading.no_level(para.block, text)
        reading.unmapped(para)  # not a level's heading: its text is kept, in the document's notes
        reading.work_target = None
    else:
        reading.work_target = (found[0].value, found[1])


# -- the table ------------------------------------------------------------------------------------

#: Each section of the layout by its title, as the export prints it, and how it is read. A title here
#: opens its section; a section without a reader is a heading only, and what follows it is a finding.
SECTIONS: dict[str, Section] = {
    layout.ERRATA: Section(_erratum, tables.errata),
    layout.FOREWORD: Section(_foreword),
    layout.H_PROFILE: Section(),
    layout.H_NAME: Section(_occupation("name")),
    layout.H_CODE: Section(_occupation("code")),
    layout.H_DEFINITION: Section(_occupation("definition")),
    layout.H_LEVELS: Section(_levels),
    layout.H_ENVIRONMENT: Section(_profile("environment")),
    layout.H_ABILITIES: Section(_profile("abilities")),
    layout.H_EDUCATION: Section(_profile("education")),
    layout.H_TRAINING: Section(),
    layout.H_HOURS: Section(_hours),
    layout.H_TEACHERS: Section(_teachers),
    layout.H_TRAINING_VENUE: Section(_training_venue),
    layout.H_ASSESSMENT: Section(),
    layout.H_ELIGIBILITY: Section(_eligibility),
    layout.H_METHODS: Section(_methods),
    layout.H_RATIOS: Section(_ratios),
    layout.H_DURATIONS: Section(_durations),
    layout.H_VENUE: Section(_venue),
    layout.H_ROUTES: Section(_printed_from_data),
    layout.H_BASICS: Section(),
    layout.H_ETHICS: Section(),
    layout.H_ETHICS_KNOWLEDGE: Section(_ethics("knowledge")),
    layout.H_CONDUCT: Section(_ethics("code_of_conduct")),
    layout.H_KNOWLEDGE: Section(_knowledge),
    layout.H_WORK: Section(_work_heading, tables.work),
    layout.H_WEIGHTS: Section(),
    layout.H_THEORY_WEIGHTS: Section(table=tables.weights),
    layout.H_SKILL_WEIGHTS: Section(table=tables.weights),
    layout.H_APPOINTMENT: Section(_printed_from_data),
    layout.REFERENCES: Section(_reference),
    layout.CROSSWALK_APPENDIX: Section(_from_the_crosswalk, _crosswalk_table),
    layout.H_SC_NAME: Section(special.title),
    layout.H_SC_DEFINITION: Section(special.definition),
    layout.H_SC_SCOPE: Section(special.line),
    layout.H_SC_CONTENT: Section(table=tables.special),
    layout.H_SC_REQUIREMENTS: Section(special.line),
}
#: An appendix: opened by a heading that starts with 附录, whatever follows (附录A …), not by a title.
APPENDIX = Section(_appendix)
#: The cover reads its lines itself (:func:`_cover_line`) and holds no table.
_COVER = Section()
#: Titles committees use for the same sections.
ALIASES = {
    "监考人员、考评人员与考生配比": layout.H_RATIOS,
    "考评人员与考生配比": layout.H_RATIOS,
    "监考及考评人员与考生配比": layout.H_RATIOS,
    "鉴定场所和设备": layout.H_VENUE,
    "职业技能评价要求": layout.H_ASSESSMENT,
    "评价方式": layout.H_METHODS,
    "评价时间": layout.H_DURATIONS,
    "评价场所设备": layout.H_VENUE,
    "技能操作权重表": layout.H_SKILL_WEIGHTS,
    "技能要求权重": layout.H_SKILL_WEIGHTS,
    "理论知识权重": layout.H_THEORY_WEIGHTS,
    "引用文件": layout.REFERENCES,
    "前言": layout.FOREWORD,
}
