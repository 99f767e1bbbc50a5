"""A Word draft in the 编制技术规程 layout → the data of a stdkit document, with located diagnostics.

Reading is bounded and safe before anything is parsed: the file's size, the zip's entry count and
unpacked size, and every XML part parsed without DTDs, entities or network (a DOCTYPE is refused).
Then the body is read as *blocks* (paragraphs and tables in reading order, numbered from 1; see
:mod:`stdkit.interchange.rules` for how findings are located) and mapped section by section: a
section is recognised by its title, whatever its numbering (1.9.1, （一）, 一、) or style.

Drafts as committees write them import: merged cells, or cells that repeat the text above instead of
merging; blank rows; 权重表 cells with % signs; several numbered lines in one cell. What cannot be
mapped is a diagnostic, never silence and never a traceback.

An export of stdkit carries the document's data (:data:`~stdkit.interchange.docx_export.SOURCE_PART`);
what the layout does not print (重要程度, the machine fields of 申报条件 …) is taken from it, and
everything printed is taken from the text, so edits made in Word win.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from lxml import etree
from pydantic import ValidationError

from stdkit import ladder
from stdkit.diagnostics import Diagnostic
from stdkit.interchange import layout, rules
from stdkit.ladder import Level
from stdkit.load import MAX_NUMBER
from stdkit.model import MODELS, Document
from stdkit.model.common import Kind
from stdkit.model.evaluation import ISSUER_TYPE_NAMES

#: Bounds on what is read (a real draft of a standard is well under a few MB).
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ENTRIES = 1000
MAX_SOURCE_BYTES = 5 * 1024 * 1024
#: The parts read; the rest of the package is never unpacked.
DOCUMENT_PART = "word/document.xml"
STYLES_PART = "word/styles.xml"
#: The custom XML parts where an export of stdkit carries the document's data (Word may rename them).
SOURCE_FOLDER = "customXml/"
SOURCE_TAG = "{urn:stdkit:source}source"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"


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


@dataclasses.dataclass(slots=True)
class Imported:
    """What an import gives: the document's data (None when the file could not be read) and the findings."""

    data: dict[str, Any] | None
    diagnostics: list[Diagnostic]
    document: Document | None = None


# -- reading the package safely -----------------------------------------------------------------


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )


def read(path: Path, shown: str | None = None) -> Imported:
    """Import the draft at ``path`` (``shown`` is the path as diagnostics name it)."""
    name = shown or str(path)
    findings: list[Diagnostic] = []
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return Imported(None, [rules.R_TOO_LARGE.at(name, 1, 1, size=size, limit=MAX_FILE_BYTES)])
    with path.open("rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    return read_bytes(raw, name, findings)


def _not_docx(name: str, reason: str, reason_zh: str) -> Imported:
    return Imported(None, [rules.R_NOT_DOCX.at(name, 1, 1, reason=reason, reason_zh=reason_zh)])


def read_bytes(raw: bytes, name: str, findings: list[Diagnostic] | None = None) -> Imported:
    import io

    findings = findings if findings is not None else []
    if len(raw) > MAX_FILE_BYTES:
        return Imported(None, [rules.R_TOO_LARGE.at(name, 1, 1, size=len(raw), limit=MAX_FILE_BYTES)])
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        return _not_docx(
            name, "it is not a zip package (a .docx is one)", "它不是 zip 文件包（.docx 是 zip 文件包）"
        )
    try:
        package = zipfile.ZipFile(io.BytesIO(raw))
        infos = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return _not_docx(name, f"the zip package is damaged ({exc})", "zip 文件包已损坏")
    with package:
        if len(infos) > MAX_ENTRIES:
            return Imported(
                None,
                [
                    rules.R_BOMB.at(
                        name,
                        1,
                        1,
                        what=f"has {len(infos)} entries (at most {MAX_ENTRIES})",
                        what_zh=f"有 {len(infos)} 个条目（上限 {MAX_ENTRIES}）",
                    )
                ],
            )
        declared = sum(info.file_size for info in infos)
        if declared > MAX_UNPACKED_BYTES:
            return Imported(
                None,
                [
                    rules.R_BOMB.at(
                        name,
                        1,
                        1,
                        what=f"unpacks to {declared} bytes (at most {MAX_UNPACKED_BYTES})",
                        what_zh=f"解压后为 {declared} 字节（上限 {MAX_UNPACKED_BYTES}）",
                    )
                ],
            )
        names = {info.filename for info in infos}
        if DOCUMENT_PART not in names:
            return _not_docx(name, f"it has no {DOCUMENT_PART}", f"缺少 {DOCUMENT_PART}")
        body = _part(package, DOCUMENT_PART, MAX_UNPACKED_BYTES, name)
        if isinstance(body, Diagnostic):
            return Imported(None, [body])
        try:
            root = etree.fromstring(body, _parser())
        except etree.XMLSyntaxError as exc:
            return Imported(
                None,
                [
                    rules.R_XML.at(
                        name,
                        1,
                        1,
                        part=DOCUMENT_PART,
                        reason=f"not well-formed XML ({exc.msg})",
                        reason_zh=f"XML 格式不正确（{exc.msg}）",
                    )
                ],
            )
        if root.getroottree().docinfo.doctype or _has_entities(root):
            return Imported(
                None, [rules.R_XML.at(name, 1, 1, part=DOCUMENT_PART, reason=_DTD, reason_zh=_DTD_ZH)]
            )
        styles: etree._Element | None = None
        if STYLES_PART in names:
            styles_xml = _part(package, STYLES_PART, MAX_UNPACKED_BYTES, name)
            if isinstance(styles_xml, Diagnostic):
                return Imported(None, [styles_xml])
            try:
                styles = etree.fromstring(styles_xml, _parser())
            except etree.XMLSyntaxError:
                styles = None  # without styles, sections are still found by their numbering
        hidden = _carried(
            package, sorted(n for n in names if n.startswith(SOURCE_FOLDER) and n.endswith(".xml")), name
        )
    blocks = list(_blocks(root, heading_styles(styles)))
    mapper = _Mapper(name, blocks, carried=hidden is not None)
    visible = mapper.run()
    findings += mapper.findings
    data = (
        _overlay(hidden, visible)
        if hidden is not None and hidden.get("kind") == visible.get("kind")
        else visible
    )
    _numbers_in_bounds(name, data, mapper, findings)
    document = _bind(name, data, mapper, findings)
    return Imported(data, findings, document)


def _carried(package: zipfile.ZipFile, parts: list[str], name: str) -> dict[str, Any] | None:
    """The data an export of stdkit carried, or None (a committee's own file, or damaged data)."""
    for part in parts[:20]:
        data = _part(package, part, MAX_SOURCE_BYTES, name)
        if not isinstance(data, bytes):
            continue
        try:
            root = etree.fromstring(data, _parser())
        except etree.XMLSyntaxError:
            continue
        if root.tag != SOURCE_TAG or not root.text:
            continue
        try:
            value = orjson.loads(root.text)
        except orjson.JSONDecodeError:
            return None
        return value if isinstance(value, dict) else None
    return None


def _part(package: zipfile.ZipFile, part: str, limit: int, name: str) -> bytes | Diagnostic:
    """The bytes of ``part``, reading at most ``limit`` (a zip's declared sizes can lie)."""
    with package.open(part) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        return rules.R_BOMB.at(
            name,
            1,
            1,
            what=f"part {part} unpacks to more than {limit} bytes",
            what_zh=f"部件 {part} 解压后超过 {limit} 字节",
        )
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        return rules.R_XML.at(name, 1, 1, part=part, reason=_DTD, reason_zh=_DTD_ZH)
    return data


def _has_entities(root: etree._Element) -> bool:
    return any(isinstance(node, etree._Entity) for node in root.iter())


# -- blocks -------------------------------------------------------------------------------------


def _text(paragraph: etree._Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter(f"{_W}t", f"{_W}br", f"{_W}tab", f"{_W}cr"):
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _is_heading(paragraph: etree._Element, headings: frozenset[str]) -> bool:
    props = paragraph.find(f"{_W}pPr")
    if props is None:
        return False
    if props.find(f"{_W}outlineLvl") is not None:
        return True
    style = props.find(f"{_W}pStyle")
    return style is not None and style.get(f"{_W}val", "") in headings


def heading_styles(styles: etree._Element | None) -> frozenset[str]:
    """Ids of the heading styles (Heading 1…9, 标题 1…9: Chinese Word names them 1, 2 …)."""
    found = {f"Heading{n}" for n in range(1, 10)}
    if styles is not None:
        for style in styles.findall(f"{_W}style"):
            name = style.find(f"{_W}name")
            label = (name.get(f"{_W}val", "") if name is not None else "").lower()
            has_outline = style.find(f"{_W}pPr/{_W}outlineLvl") is not None
            if label.startswith(("heading", "标题")) or has_outline:
                found.add(style.get(f"{_W}styleId", ""))
    return frozenset(found)


def _blocks(root: etree._Element, headings: frozenset[str] = frozenset()) -> Iterator[Block]:
    body = root.find(f"{_W}body")
    if body is None:
        return
    block = 0
    tables = 0
    for child in body:
        if child.tag == f"{_W}p":
            block += 1
            yield Para(block, _text(child).strip(), _is_heading(child, headings))
        elif child.tag == f"{_W}tbl":
            block += 1
            tables += 1
            yield Grid(block, tables, _rows(child))


def _rows(table: etree._Element) -> list[list[list[str]]]:
    rows: list[list[list[str]]] = []
    above: list[list[str]] = []
    for tr in table.findall(f"{_W}tr"):
        row: list[list[str]] = []
        for tc in tr.findall(f"{_W}tc"):
            props = tc.find(f"{_W}tcPr")
            span = 1
            continued = False
            if props is not None:
                grid_span = props.find(f"{_W}gridSpan")
                if grid_span is not None:
                    try:
                        span = max(1, min(64, int(grid_span.get(f"{_W}val", "1"))))
                    except ValueError:
                        span = 1
                merge = props.find(f"{_W}vMerge")
                continued = merge is not None and merge.get(f"{_W}val", "continue") == "continue"
            lines = [line.strip() for p in tc.findall(f"{_W}p") for line in _text(p).split("\n")]
            lines = [line for line in lines if line]
            for _ in range(span):
                column = len(row)
                if continued and column < len(above):
                    row.append(above[column])
                else:
                    row.append(lines)
        rows.append(row)
        above = row
    return rows


# -- mapping blocks onto the document -------------------------------------------------------------

_SECTION_TITLES = {
    layout.FOREWORD,
    layout.H_PROFILE,
    layout.H_NAME,
    layout.H_CODE,
    layout.H_DEFINITION,
    layout.H_LEVELS,
    layout.H_ENVIRONMENT,
    layout.H_ABILITIES,
    layout.H_EDUCATION,
    layout.H_TRAINING,
    layout.H_HOURS,
    layout.H_TEACHERS,
    layout.H_TRAINING_VENUE,
    layout.H_ASSESSMENT,
    layout.H_ELIGIBILITY,
    layout.H_METHODS,
    layout.H_RATIOS,
    layout.H_DURATIONS,
    layout.H_VENUE,
    layout.H_ROUTES,
    layout.H_BASICS,
    layout.H_ETHICS,
    layout.H_ETHICS_KNOWLEDGE,
    layout.H_CONDUCT,
    layout.H_KNOWLEDGE,
    layout.H_WORK,
    layout.H_WEIGHTS,
    layout.H_THEORY_WEIGHTS,
    layout.H_SKILL_WEIGHTS,
    layout.H_APPOINTMENT,
    layout.REFERENCES,
    layout.H_SC_NAME,
    layout.H_SC_DEFINITION,
    layout.H_SC_SCOPE,
    layout.H_SC_CONTENT,
    layout.H_SC_REQUIREMENTS,
}
#: Titles committees use for the same sections.
_ALIASES = {
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
#: The names of the ladder, longest first so that 高级技师 is not read as 技师.
_NAMES = sorted(
    [(step.name, step.level) for step in ladder.LADDER]
    + [(step.grade, step.level) for step in ladder.LADDER if step.grade],
    key=lambda pair: -len(pair[0]),
)
_EDITION = re.compile(r"^[（(]\s*([A-Za-z0-9._-]+?)\s*(?:年版|版)\s*[）)]$")
_SUFFIX = re.compile(r"^(?P<base>.*?)[（(](?P<own>[^（）()]+)[）)]$")
_NUMBER = re.compile(r"^\s*([0-9０-９]+)\s*[%％]?\s*$")
_SPLIT = re.compile(
    r"(?<=[。；;])\s*(?=(?:[（(][0-9０-９一二三四五六七八九十]+[）)]|[①-⑳]|\d+(?:[.．]\d+)+\s|\d+[.．、](?![0-9])))"
)
_WIDE = str.maketrans("０１２３４５６７８９．", "0123456789.")


def _section_of(para: Para) -> str | None:
    """The section a paragraph opens: a heading style, or a heading's numbering (1.9.1, （一）, 一、)
    before a title of the layout. An item such as （1）职业守则 opens nothing."""
    if not (para.heading or layout.HEADING_NUMBER.match(para.text)):
        return None
    title = layout.heading_text(para.text).rstrip("：:").strip()
    if title in _SECTION_TITLES:
        return title
    return _ALIASES.get(title)


def parse_level(text: str) -> tuple[Level, str | None] | None:
    """``三级/高级工（机械维修）`` → (L3, 机械维修); ``高级工`` → (L3, None); None when no level is named."""
    text = layout.heading_text(layout.strip_numbering(text)).rstrip("：:").strip()
    text = text.removesuffix("（%）").removesuffix("(%)").strip()
    own: str | None = None
    match = _SUFFIX.match(text)
    if match:
        text, own = match.group("base").strip(), match.group("own").strip()
    if text in layout.LEVEL_OF_TITLE:
        return layout.LEVEL_OF_TITLE[text], own
    for name, level in _NAMES:
        if name in text and len(text) <= len(name) + 6:
            return level, own
    return None


def _lines(text_lines: list[str]) -> list[str]:
    """Cell or paragraph lines without their numbering; several numbered items in one line are split."""
    out: list[str] = []
    for line in text_lines:
        for part in _SPLIT.split(line):
            stripped = layout.strip_numbering(part)
            if _SPLIT.search(line):  # the separator before the next item is not part of the line
                stripped = stripped.rstrip("；;").strip()
            if stripped:
                out.append(stripped)
    return out


def _per_level_ints(text: str) -> dict[str, int] | int | None:
    """``90`` → 90; ``五级/初级工90；四级/中级工120`` → {L5: 90, L4: 120}; None when unreadable."""
    single = _int(text)
    if single is not None:
        return single
    values: dict[str, int] = {}
    for part in re.split(r"[；;]", text):
        match = re.match(r"^(.*?)([0-9０-９]+)$", part.strip())
        found = parse_level(match.group(1)) if match else None
        if match is None or found is None:
            return None
        values[found[0].value] = _whole(match.group(2))
    return values or None


def _pass_mark(text: str) -> int | dict[str, int] | None:
    """``60分`` → 60; ``理论知识考试60分；技能考核70分`` → {theory: 60, skill: 70}."""
    single = _int(text.removesuffix("分"))
    if single is not None:
        return single
    marks: dict[str, int] = {}
    for part in re.split(r"[；;]", text):
        match = re.match(r"^(.*?)([0-9]+)分$", part.strip())
        method = layout.METHOD_OF_NAME.get(match.group(1)) if match else None
        if match is None or method is None:
            return None
        marks[method.value] = _whole(match.group(2))
    return marks or None


def _int(text: str) -> int | None:
    match = _NUMBER.match(text.translate(_WIDE))
    return _whole(match.group(1)) if match else None


def _whole(digits: str) -> int:
    """Digits (half- or full-width) as a number. One longer than any stdkit accepts is MAX_NUMBER + 1,
    refused as too large once the draft is mapped (:func:`_numbers_in_bounds`): Python will not convert
    4,300 digits or more, and a YAML document may not hold such a number (YML016)."""
    significant = digits.translate(_WIDE).lstrip("0")
    if len(significant) > len(str(MAX_NUMBER)):
        return MAX_NUMBER + 1
    return int(significant or "0")


class _Mapper:
    """Walks the blocks once, keeping the current section, and fills the document's data."""

    def __init__(self, name: str, blocks: list[Block], *, carried: bool = False) -> None:
        self.name = name
        self.blocks = blocks
        self.carried = carried
        self.findings: list[Diagnostic] = []
        self.section = ""
        self.where: dict[str, int] = {}  # a field → the block it came from (for DOC920)
        self.kind: Kind = Kind.OCCUPATIONAL_STANDARD
        self.header: dict[str, Any] = {}
        self.foreword: list[str] = []
        self.drafting: dict[str, Any] = {}
        self.occupation: dict[str, Any] = {}
        self.level_text: tuple[int, str] | None = None
        self.level_names: dict[str, str] = {}
        self.parsed_levels: list[str] = []
        self.profile: dict[str, str] = {}
        self.training: dict[str, Any] = {}
        self.eligibility: dict[str, list[dict[str, Any]]] = {}
        self.eligibility_level: str | None = None
        self.eligibility_target: dict[str, list[dict[str, Any]]] = self.eligibility
        self.type_eligibility: dict[str, dict[str, list[dict[str, Any]]]] = {}
        self.type_hours: dict[str, dict[str, int]] = {}
        self.methods: dict[str, list[str]] = {}
        self.assessment: dict[str, Any] = {}
        self.ratios: dict[str, Any] = {}
        self.durations: dict[str, Any] = {}
        self.venue: dict[str, str] = {}
        self.ethics: dict[str, list[str]] = {}
        self.knowledge: list[dict[str, Any]] = []
        self.work: dict[str, list[dict[str, Any]]] = {}
        self.work_types: dict[str, dict[str, Any]] = {}
        self.work_target: tuple[str, str | None] | None = None
        self.work_type_code: str | None = None
        self.weights: dict[str, dict[str, dict[str, int]]] = {}
        self.type_weights: dict[str, dict[str, dict[str, dict[str, int]]]] = {}
        self.appendices: list[dict[str, Any]] = []
        self.references: list[str] = []
        self.sc: dict[str, Any] = {"units": [], "weights": {}}
        self.sc_lines: list[str] = []

    # findings

    def unmapped(self, para: Para) -> None:
        shown = para.text if len(para.text) <= 60 else para.text[:57] + "…"
        self.findings.append(
            rules.R_UNMAPPED.at(
                self.name,
                para.block,
                1,
                block=para.block,
                section=self.section or "封面",
                text=shown,
                # quoted, with a full stop unless the quote ends a sentence itself: no “…。”。
                text_zh=f"“{shown}”" + ("" if shown.endswith(_STOPS_ZH) else "。"),
            )
        )

    def cell(self, grid: Grid, row: int, cell: int, reason: str, reason_zh: str, text: str) -> None:
        self.findings.append(
            rules.R_CELL.at(
                self.name,
                grid.block,
                row + 1,
                table=grid.number,
                row=row + 1,
                cell=cell + 1,
                reason=reason,
                reason_zh=reason_zh,
                text=text,
            )
        )

    # the walk

    def run(self) -> dict[str, Any]:
        cover = True
        for block in self.blocks:
            if isinstance(block, Grid):
                self.table(block)
                continue
            text = block.text
            if not text:
                continue
            if cover and text in layout.KIND_OF_COVER:
                self.kind = layout.KIND_OF_COVER[text]
                continue
            if not cover and block.heading and text.startswith("附录"):
                self.section = "附录"
                self.appendices.append({"title": text, "body": []})
                continue
            section = _section_of(block)
            if section is not None:
                cover = False
                self.section = section
                self.where.setdefault(section, block.block)
                self.eligibility_level = None
                continue
            if cover:
                self.cover_line(block)
                continue
            self.paragraph(block)
        return self.data()

    def cover_line(self, para: Para) -> None:
        text = para.text
        edition = _EDITION.match(text)
        if text.startswith(layout.CODE_LABEL):
            self.occupation.setdefault("code", text.removeprefix(layout.CODE_LABEL).strip())
        elif text.startswith(layout.ID_LABEL):
            self.header["id"] = text.removeprefix(layout.ID_LABEL).strip()
        elif any(text.startswith(label) for _, label in layout.SPEC_COVER):
            field, label = next((f, lb) for f, lb in layout.SPEC_COVER if text.startswith(lb))
            value = text.removeprefix(label).strip()
            if field == "issuer_type":
                chosen = next((t.value for t, n in ISSUER_TYPE_NAMES.items() if n == value), None)
                if chosen is None:
                    self.unmapped(para)
                    return
                value = chosen
            self.header[field] = value
        elif text.startswith(layout.ISSUED_LABEL):
            self.header["issued"] = text.removeprefix(layout.ISSUED_LABEL).strip()
        elif edition:
            self.header["edition"] = edition.group(1)
        elif text.endswith("发布"):
            self.header["issuer"] = text.removesuffix("发布").strip(" 　")
        elif "title" not in self.header:
            self.header["title"] = text
        else:
            self.unmapped(para)

    def per_level(self, para: Para) -> tuple[str, str] | None:
        head, sep, rest = para.text.partition("：")
        if not sep:
            head, sep, rest = para.text.partition(":")
        found = parse_level(head) if sep else None
        if found is None:
            return None
        return found[0].value, rest.strip()

    def by_method(self, para: Para) -> tuple[str, str] | None:
        head, sep, rest = para.text.partition("：")
        method = layout.METHOD_OF_NAME.get(head.strip())
        return (method.value, rest.strip()) if sep and method is not None else None

    def paragraph(self, para: Para) -> None:  # noqa: PLR0915 -- one branch per section, in layout order
        text = para.text
        section = self.section
        if section == layout.FOREWORD:
            for field, label in layout.DRAFTING:
                if text.startswith(label):
                    value = text.removeprefix(label).strip()
                    self.drafting[field] = (
                        value if field == "organiser" else value.split(layout.LIST_SEPARATOR)
                    )
                    return
            self.foreword.append(text)
        elif section == layout.H_NAME:
            self.occupation["name"] = text
        elif section == layout.H_CODE:
            self.occupation["code"] = text
        elif section == layout.H_DEFINITION:
            self.occupation["definition"] = text
        elif section == layout.H_LEVELS:
            self.level_text = (para.block, text)
            self.parsed_levels = self.levels()
        elif section in (layout.H_ENVIRONMENT, layout.H_ABILITIES, layout.H_EDUCATION):
            key = {
                layout.H_ENVIRONMENT: "environment",
                layout.H_ABILITIES: "abilities",
                layout.H_EDUCATION: "education",
            }[section]
            self.profile[key] = text
        elif section == layout.H_HOURS:
            got = self.per_level(para)
            hours = _int(got[1].removesuffix("标准学时").removesuffix("学时")) if got else None
            head = parse_level(text.partition("：")[0])
            own = head[1] if head is not None and head[1] not in self.level_names.values() else None
            if got is None or hours is None:
                self.unmapped(para)
            elif own:
                self.type_hours.setdefault(own, {})[got[0]] = hours
            else:
                self.training.setdefault("hours", {})[got[0]] = hours
        elif section == layout.H_TEACHERS:
            got = self.per_level(para)
            if got is None:
                self.unmapped(para)
            else:
                self.training.setdefault("teachers", {})[got[0]] = got[1]
        elif section == layout.H_TRAINING_VENUE:
            self.training["venue"] = text
        elif section == layout.H_ELIGIBILITY:
            found = parse_level(text) if text.endswith(("：", ":")) else None
            if found is None and "申报" in text and text.endswith(("：", ":")):
                tail = text.rstrip("：:").rsplit("申报", 1)[1]
                found = parse_level(tail)
            if found is not None:
                self.eligibility_level = found[0].value
                own = found[1] if found[1] not in self.level_names.values() else None
                self.eligibility_target = (
                    self.type_eligibility.setdefault(own, {}) if own else self.eligibility
                )
            elif self.eligibility_level is None:
                self.unmapped(para)
            else:
                for line in _lines([text]):
                    self.eligibility_target.setdefault(self.eligibility_level, []).append({"text": line})
        elif section == layout.H_METHODS:
            got = self.per_level(para)
            if text.startswith(layout.PASS_MARK_LABEL):
                mark = _pass_mark(text.removeprefix(layout.PASS_MARK_LABEL))
                if mark is None:
                    self.unmapped(para)
                else:
                    self.assessment["pass_mark"] = mark
            elif text.startswith(layout.THEORY_ITEMS_LABEL):
                items = _int(text.removeprefix(layout.THEORY_ITEMS_LABEL))
                if items is None:
                    self.unmapped(para)
                else:
                    self.assessment["theory_items"] = items
            elif got is not None:
                names = [n.strip() for n in re.split(r"[、，,和及]", got[1].rstrip("。")) if n.strip()]
                methods = [layout.METHOD_OF_NAME[n].value for n in names if n in layout.METHOD_OF_NAME]
                if len(methods) != len(names):
                    self.unmapped(para)
                else:
                    self.methods[got[0]] = methods
            else:
                self.unmapped(para)
        elif section == layout.H_RATIOS and text in dict(layout.RATIO_FLAGS).values():
            self.ratios[next(f for f, label in layout.RATIO_FLAGS if label == text)] = True
        elif section == layout.H_RATIOS and text.startswith(
            tuple(label for _, label in layout.RATIO_MINIMUMS)
        ):
            field, label = next((f, lb) for f, lb in layout.RATIO_MINIMUMS if text.startswith(lb))
            number = _int(text.removeprefix(label))
            if number is None:
                self.unmapped(para)
            else:
                self.ratios[field] = number
        elif section == layout.H_RATIOS:
            got = self.by_method(para)
            ratio = _per_level_ints(got[1].removeprefix("1:").removeprefix("1：")) if got else None
            if got is None or ratio is None:
                self.unmapped(para)
            else:
                self.ratios[got[0]] = ratio
        elif section == layout.H_DURATIONS:
            got = self.by_method(para)
            at_least = text.endswith("（不少于）")
            value = (
                got[1].removesuffix("（不少于）").removesuffix("分钟").removeprefix("不少于") if got else ""
            )
            minutes = _per_level_ints(value) if got else None
            if got is None or minutes is None:
                self.unmapped(para)
            else:
                self.durations[got[0]] = minutes
                if at_least:
                    self.durations.setdefault("at_least", []).append(got[0])
        elif section == layout.H_VENUE:
            got = self.by_method(para)
            if got is None:
                self.unmapped(para)
            else:
                self.venue[got[0]] = got[1]
        elif section in (layout.H_ETHICS_KNOWLEDGE, layout.H_CONDUCT):
            key = "knowledge" if section == layout.H_ETHICS_KNOWLEDGE else "code_of_conduct"
            self.ethics.setdefault(key, []).extend(_lines([text]))
        elif section == layout.H_KNOWLEDGE:
            if para.heading or layout.HEADING_NUMBER.match(text) or not self.knowledge:
                self.knowledge.append(
                    {"area": layout.heading_text(layout.strip_numbering(text)), "items": []}
                )
            else:
                self.knowledge[-1]["items"].extend(_lines([text]))
        elif section == layout.H_WORK and text.startswith(layout.WORK_TYPE_CODE_LABEL):
            self.work_type_code = text.removeprefix(layout.WORK_TYPE_CODE_LABEL).strip()
        elif section == layout.H_WORK:
            self.work_type_code = None
            found = parse_level(text)
            if found is None:
                self.findings.append(rules.R_LEVEL.at(self.name, para.block, 1, block=para.block, text=text))
                self.work_target = None
            else:
                self.work_target = (found[0].value, found[1])
        elif section == layout.REFERENCES:
            self.references.append(text)
        elif section == layout.H_SC_NAME:
            self.header.setdefault("title", text)
        elif section == layout.H_SC_DEFINITION:
            self.sc["description"] = text
        elif section in (layout.H_SC_SCOPE, layout.H_SC_REQUIREMENTS):
            self.special_line(para)
        elif section.startswith("附录"):
            self.appendices[-1]["body"].append(text)
        elif section in {layout.H_APPOINTMENT, layout.H_ROUTES}:
            # Printed from structured data the text cannot give back in full: the carried data holds
            # it; without that (a committee's own draft) the author re-enters it in the YAML.
            if not self.carried:
                self.unmapped(para)
        else:
            self.unmapped(para)

    def special_line(self, para: Para) -> None:
        text = para.text
        label, sep, value = text.partition("：")
        if not sep:
            self.unmapped(para)
            return
        assessment = self.sc.setdefault("assessment", {})
        if label == "适用地区":
            self.sc["region"] = value
        elif label == "相关职业":
            self.sc["related_occupations"] = value.split(layout.LIST_SEPARATOR)
        elif label == layout.H_METHODS:
            assessment["methods"] = [
                layout.METHOD_OF_NAME[n].value
                for n in value.split(layout.LIST_SEPARATOR)
                if n in layout.METHOD_OF_NAME
            ]
        elif (
            label.endswith("考评人员与考生配比")
            and label.removesuffix("考评人员与考生配比") in layout.METHOD_OF_NAME
        ):
            ratio = _int(value.removeprefix("1:"))
            if ratio is not None:
                assessment.setdefault("ratios", {})[
                    layout.METHOD_OF_NAME[label.removesuffix("考评人员与考生配比")].value
                ] = ratio
        elif label.endswith("时间") and label.removesuffix("时间") in layout.METHOD_OF_NAME:
            minutes = _int(value.removesuffix("分钟"))
            if minutes is not None:
                assessment.setdefault("durations", {})[
                    layout.METHOD_OF_NAME[label.removesuffix("时间")].value
                ] = minutes
        elif label == layout.H_VENUE:
            assessment["venue"] = value
        elif text.startswith(layout.PASS_MARK_LABEL):
            mark = _int(value.removesuffix("分"))
            if mark is not None:
                assessment["pass_mark"] = mark
        elif text.startswith(layout.THEORY_ITEMS_LABEL):
            items = _int(value)
            if items is not None:
                assessment["theory_items"] = items
        elif label == "理论知识权重":
            theory: dict[str, int] = {}
            for part in value.split("；"):
                match = re.match(r"^(.*?)(\d+)%$", part)
                if match:
                    theory[match.group(1)] = _whole(match.group(2))
            self.sc["weights"]["theory"] = theory
        else:
            self.unmapped(para)

    # tables

    def table(self, grid: Grid) -> None:
        rows = [row for row in grid.rows if any(cell for cell in row)]  # stray blank rows
        if not rows:
            return
        head = ["".join(cell) for cell in rows[0]]
        if self.section == layout.H_WORK or (
            layout.WORK_COLUMNS[0] in head and layout.WORK_COLUMNS[2] in head
        ):
            self.work_table(grid, rows, head)
        elif self.section in (layout.H_THEORY_WEIGHTS, layout.H_SKILL_WEIGHTS):
            self.weight_table(grid, rows, head)
        elif self.section == layout.H_SC_CONTENT:
            self.special_table(grid, rows)
        else:
            self.findings.append(
                rules.R_TABLE.at(
                    self.name,
                    grid.block,
                    1,
                    table=grid.number,
                    section=self.section or "封面",
                    reason="no section of the layout holds a table here",
                    reason_zh="版式中此处没有表格",
                )
            )

    def unread_table(self, grid: Grid, reason: str, reason_zh: str) -> None:
        """DOC912: a table of this section that could not be read, and why (in both languages)."""
        self.findings.append(
            rules.R_TABLE.at(
                self.name,
                grid.block,
                1,
                table=grid.number,
                section=self.section,
                reason=reason,
                reason_zh=reason_zh,
            )
        )

    def work_table(self, grid: Grid, rows: list[list[list[str]]], head: list[str]) -> None:
        if self.work_target is None or len(head) < 4 or layout.WORK_COLUMNS[0] not in head[0]:
            self.unread_table(
                grid,
                "no level heading above it, or not the four columns 职业功能 | 工作内容 | 技能要求 | 相关知识要求",
                "上方没有等级标题，或不是 职业功能 | 工作内容 | 技能要求 | 相关知识要求 四列",
            )
            return
        level, own = self.work_target
        functions: list[dict[str, Any]] = []
        for row in rows[1:]:
            original = grid.rows.index(row)
            function_name = layout.strip_numbering(" ".join(row[0])) if row[0] else ""
            content_name = layout.strip_numbering(" ".join(row[1])) if len(row) > 1 and row[1] else ""
            if not function_name and functions:
                function_name = functions[-1]["function"]
            if not function_name:
                self.cell(grid, original, 0, "no 职业功能", "没有职业功能", "")
                continue
            if not functions or functions[-1]["function"] != function_name:
                functions.append({"function": function_name, "contents": []})
            contents = functions[-1]["contents"]
            if not content_name and contents:
                content_name = contents[-1]["name"]
            if not content_name:
                self.cell(grid, original, 1, "no 工作内容", "没有工作内容", "")
                continue
            skills = _lines(row[2]) if len(row) > 2 else []
            knowledge = _lines(row[3]) if len(row) > 3 else []
            if contents and contents[-1]["name"] == content_name:  # a content over several rows
                _extend(contents[-1]["skills"], skills)
                _extend(contents[-1]["knowledge"], knowledge)
            else:
                contents.append({"name": content_name, "skills": skills, "knowledge": knowledge})
        for function in functions:
            for content in function["contents"]:
                for key, column, label in (("skills", 2, "技能要求"), ("knowledge", 3, "相关知识要求")):
                    if not content[key]:
                        self.cell(
                            grid,
                            1,
                            column,
                            f"{content['name']} has no {label}",
                            f"{content['name']} 没有{label}",
                            "",
                        )
        if own is not None and own not in self.level_names.values():
            work_type = self.work_types.setdefault(own, {"name": own, "levels": [], "work": {}})
            if self.work_type_code and "code" not in work_type:
                work_type["code"] = self.work_type_code
                work_type = {"name": own, "code": self.work_type_code} | work_type
            if level not in work_type["levels"]:
                work_type["levels"].append(level)
            work_type["work"][level] = functions
            self.work_types[own] = work_type
        else:
            self.work[level] = functions

    def weight_table(self, grid: Grid, rows: list[list[list[str]]], head: list[str]) -> None:
        kind = "theory" if self.section == layout.H_THEORY_WEIGHTS else "skill"
        columns: list[tuple[int, str, str | None]] = []
        for index, title in enumerate(head):
            bare = title.replace("（%）", "").replace("(%)", "").replace("%", "").replace("％", "").strip()
            found = parse_level(bare)
            if found is not None:
                columns.append((index, found[0].value, found[1]))
        if not columns:
            self.unread_table(grid, "its heading row names no level", "表头中没有等级")
            return
        first_value = columns[0][0]
        for row in rows[1:]:
            original = grid.rows.index(row)
            labels = [" ".join(cell) for cell in row[:first_value] if cell]
            label = layout.strip_numbering(labels[-1]) if labels else ""
            if not label or label == layout.WEIGHT_TOTAL or label.replace(" ", "") == layout.WEIGHT_TOTAL:
                continue
            key = layout.KEY_OF_SECTION_ROW.get(label, label)
            for index, level, own in columns:
                text = " ".join(row[index]) if index < len(row) else ""
                if text.strip() in ("", layout.NOT_ASSESSED, "-", "－", "/", "——"):
                    continue
                value = _int(text)
                if value is None:
                    self.cell(grid, original, index, "not a whole number of percent", "不是整数百分比", text)
                    continue
                if own is not None and own not in self.level_names.values():
                    target = self.type_weights.setdefault(own, {}).setdefault(kind, {})
                else:
                    target = self.weights.setdefault(kind, {})
                target.setdefault(level, {})[key] = value

    def special_table(self, grid: Grid, rows: list[list[list[str]]]) -> None:
        for row in rows[1:]:
            original = grid.rows.index(row)
            if len(row) < 3 or not row[0]:
                self.cell(grid, original, 0, "no 考核模块", "没有考核模块", "")
                continue
            name = layout.strip_numbering(" ".join(row[0]))
            self.sc["units"].append({"name": name, "skills": _lines(row[1]), "knowledge": _lines(row[2])})
            if len(row) > 3 and row[3]:
                value = _int(" ".join(row[3]))
                if value is None:
                    self.cell(
                        grid, original, 3, "not a whole number of percent", "不是整数百分比", " ".join(row[3])
                    )
                else:
                    self.sc["weights"].setdefault("skill", {})[name] = value

    # the result

    def data(self) -> dict[str, Any]:  # noqa: PLR0915 -- one field after the other, in YAML order
        data: dict[str, Any] = {"kind": self.kind.value}
        code = self.occupation.get("code")
        data["id"] = self.header.get("id") or code
        for key in ("edition", "title"):
            if key in self.header:
                data[key] = self.header[key]
        data["status"] = "draft"
        for key in ("issuer", "issued"):
            if key in self.header:
                data[key] = self.header[key]
        if self.foreword:
            data["foreword"] = "\n".join(self.foreword) + "\n"
        if self.drafting:
            data["drafting"] = self.drafting
        if self.appendices:
            data["appendices"] = [
                {"title": a["title"], "body": "\n".join(a["body"]) + "\n"} for a in self.appendices
            ]
        if self.references:
            data["references"] = self.references
        if self.kind is Kind.SPECIAL_COMPETENCY:
            for key in ("region", "related_occupations", "description", "units", "assessment", "weights"):
                if self.sc.get(key):
                    data[key] = self.sc[key]
            return data
        if self.occupation:
            data["occupation"] = self.occupation
        levels = self.parsed_levels if self.level_text is not None else self.levels()
        if levels:
            data["levels"] = levels
        for field, _ in layout.SPEC_COVER:
            if field in self.header:
                data[field] = self.header[field]
        if self.level_names:
            data["level_names"] = self.level_names
        if self.profile:
            data["profile"] = self.profile
        if self.training:
            data["training"] = self.training
        assessment: dict[str, Any] = {}
        if self.eligibility:
            assessment["eligibility"] = self.eligibility
        if self.methods:
            assessment["methods"] = self.methods
        assessment.update(self.assessment)
        for key, value in (("ratios", self.ratios), ("durations", self.durations), ("venue", self.venue)):
            if value:
                assessment[key] = value
        if assessment:
            data["assessment"] = assessment
        basics: dict[str, Any] = {}
        if self.ethics:
            basics["ethics"] = self.ethics
        if self.knowledge:
            basics["knowledge"] = self.knowledge
        if basics:
            data["basics"] = basics
        if self.work:
            data["work"] = self.work
        if self.weights:
            data["weights"] = self.weights
        if self.work_types:
            types = []
            for name, work_type in self.work_types.items():
                weights = self.type_weights.get(name)
                extra: dict[str, Any] = {"weights": weights} if weights else {}
                if name in self.type_eligibility:
                    extra["eligibility"] = self.type_eligibility[name]
                if name in self.type_hours:
                    extra["training_hours"] = self.type_hours[name]
                types.append({**work_type, **extra})
            data["work_types"] = types
        return data

    def levels(self) -> list[str]:
        if self.level_text is None:
            return list(
                dict.fromkeys([*self.work, *(lv for t in self.work_types.values() for lv in t["levels"])])
            )
        block, text = self.level_text
        levels: list[str] = []
        for part in re.split(r"[、，,；;]", text.rstrip("。")):
            if not part.strip():
                continue
            found = parse_level(part)
            if found is None:
                self.findings.append(rules.R_LEVEL.at(self.name, block, 1, block=block, text=part.strip()))
                continue
            levels.append(found[0].value)
            if found[1]:
                self.level_names[found[0].value] = found[1]
        return levels


def _extend(target: list[str], more: list[str]) -> None:
    """Lines of a content written over several rows; a line repeated from the row above is one line."""
    for line in more:
        if line not in target:
            target.append(line)


def _overlay(hidden: Any, visible: Any) -> Any:
    """The printed text (``visible``) over the exported data (``hidden``): printed values win; what the
    layout does not print (重要程度, machine fields, status) is kept where the text still matches."""
    if isinstance(visible, dict) and isinstance(hidden, dict):
        merged = dict(hidden)
        for key, value in visible.items():
            if key == "status" and key in hidden:
                continue  # the layout does not print a status; draft is only the default of a committee file
            merged[key] = _overlay(hidden.get(key), value)
        return merged
    if isinstance(visible, list) and isinstance(hidden, list) and len(visible) == len(hidden):
        return [_overlay(h, v) for h, v in zip(hidden, visible, strict=True)]
    if isinstance(visible, str) and isinstance(hidden, dict) and "text" in hidden:
        return hidden if hidden["text"] == visible else {**hidden, "text": visible}
    if isinstance(visible, dict) and isinstance(hidden, str) and set(visible) == {"text"}:
        return hidden if hidden == visible["text"] else visible
    if isinstance(visible, str) and isinstance(hidden, str) and visible.strip() == hidden.strip():
        return hidden
    if isinstance(visible, str) and isinstance(hidden, (int, float)) and str(hidden) == visible:
        return hidden
    return visible


def _numbers_in_bounds(name: str, data: dict[str, Any], mapper: _Mapper, findings: list[Diagnostic]) -> None:
    """Drop each number a document may not hold (beyond ±MAX_NUMBER, or not finite), a DOC920 at its section.

    The printed text gives such numbers, and so can the data an export carries (JSON holds integers of 64
    bits and floats up to 1.8e308); written into the YAML, one would make the whole document unreadable.
    """
    stack: list[tuple[dict[Any, Any] | list[Any], tuple[Any, ...]]] = [(data, ())]
    while stack:
        container, loc = stack.pop()
        items = list(container.items()) if isinstance(container, dict) else list(enumerate(container))
        for key, value in reversed(items):  # from the end, so that deleting keeps the indices before
            if isinstance(value, dict | list):
                stack.append((value, (*loc, key)))
            elif _beyond_bounds(value):
                del container[key]
                field = ".".join(str(part) for part in (*loc, key))
                findings.append(
                    rules.R_INCOMPLETE.at(
                        name,
                        _block_of(mapper, (*loc, key)),
                        1,
                        field=field,
                        problem=_TOO_LARGE,
                        problem_zh=_TOO_LARGE_ZH,
                    )
                )


def _beyond_bounds(value: Any) -> bool:
    number = isinstance(value, int | float) and not isinstance(value, bool)
    return number and not abs(value) <= MAX_NUMBER  # `not <=`: NaN compares false


#: DOC920's problem for a number beyond the bound, in English and in Chinese.
_TOO_LARGE = f"the number is larger than {MAX_NUMBER:,} (or not finite), more than a document may hold"
_TOO_LARGE_ZH = f"数字大于 {MAX_NUMBER:,}（或不是有限的数），超出文档允许的范围"


def _bind(name: str, data: dict[str, Any], mapper: _Mapper, findings: list[Diagnostic]) -> Document | None:
    """The model of ``data``; each field the draft lacks or gives wrongly is a DOC920 at its section."""
    model = MODELS.get(Kind(data["kind"]))
    if model is None:  # pragma: no cover - the kind comes from the cover table
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            field = ".".join(str(part) for part in error["loc"])
            block = _block_of(mapper, error["loc"])
            problem_zh = _PROBLEMS_ZH.get(error["type"], f"取值不符合要求（{error['type']}）")
            findings.append(
                rules.R_INCOMPLETE.at(
                    name, block, 1, field=field, problem=error["msg"], problem_zh=problem_zh
                )
            )
    return None


#: DOC904's reason for a part that declares a DTD or entities, in English and in Chinese.
_DTD = "it declares a DTD or entities"
_DTD_ZH = "声明了 DTD 或实体"
#: A quoted paragraph that ends a sentence itself takes no second full stop in Chinese (DOC910).
_STOPS_ZH = ("。", "！", "？", "…", "；")
#: DOC920 in Chinese: pydantic's error types, in the words of a Chinese message; any other type is named.
_PROBLEMS_ZH = {
    "missing": "草案中没有此字段",
    "string_type": "应为文字",
    "string_too_short": "不能为空",
    "too_short": "条目太少",
    "too_long": "条目太多",
    "list_type": "应为列表",
    "dict_type": "应为映射",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "literal_error": "不是允许的取值",
    "enum": "不是允许的取值",
    "string_pattern_mismatch": "格式不符合要求",
    "value_error": "取值不符合要求",
    "date_type": "应为日期",
    "date_parsing": "不是日历上的日期",
    "date_from_datetime_parsing": "不是日期",
    "greater_than_equal": "数值太小",
    "less_than_equal": "数值太大",
}


_FIELD_SECTIONS = {
    "occupation": layout.H_PROFILE,
    "levels": layout.H_LEVELS,
    "profile": layout.H_PROFILE,
    "training": layout.H_TRAINING,
    "assessment": layout.H_ASSESSMENT,
    "basics": layout.H_BASICS,
    "work": layout.H_WORK,
    "weights": layout.H_WEIGHTS,
    "units": layout.H_SC_CONTENT,
}


def _block_of(mapper: _Mapper, loc: tuple[Any, ...]) -> int:
    section = _FIELD_SECTIONS.get(str(loc[0])) if loc else None
    return mapper.where.get(section or "", 1)
