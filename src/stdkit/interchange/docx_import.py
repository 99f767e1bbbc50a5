"""A Word draft in the 编制技术规程 layout → the data of a stdkit document, with located diagnostics.

Reading is bounded and safe before anything is parsed: the file's size, the zip's entry count and
unpacked size, duplicate, encrypted or damaged entries, and every XML part parsed without DTDs,
entities or network (a DOCTYPE is refused). The body is read as a stream, one block's XML at a time,
with every count capped far above any real standard (``MAX_PARAGRAPHS`` …), so that memory and time
follow those caps and never the file. It is read as *blocks* (paragraphs and tables in reading order,
numbered from 1; see :mod:`stdkit.interchange.rules` for how findings are located) and mapped section
by section: a section is recognised by its title, whatever its numbering (1.9.1, （一）, 一、) or style.

Drafts as committees write them import: merged cells, or cells that repeat the text above instead of
merging; blank rows; 权重表 cells with % signs; several numbered lines in one cell. What cannot be
mapped is a diagnostic, never silence and never a traceback; a file that cannot be read safely is
one finding and no data.

An export of stdkit carries the document's data (:data:`~stdkit.interchange.docx_export.SOURCE_PART`);
what the layout does not print (重要程度, the machine fields of 申报条件 …) is taken from it, and
everything printed is taken from the text, so edits made in Word win. That part is unseen in Word, so it
is data and never authority: a field no document has is dropped (DOC931), and a status is taken from
it only where the printed cover agrees (DOC930) — a draft never becomes published through it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import lzma
import re
import struct
import zipfile
import zlib
from collections import Counter
from pathlib import Path
from types import TracebackType
from typing import Any

import orjson
from lxml import etree
from pydantic import ValidationError

from stdkit import ladder
from stdkit.diagnostics import Diagnostic
from stdkit.interchange import layout, rules
from stdkit.ladder import Level
from stdkit.load import MAX_NUMBER
from stdkit.model import MODELS, Document, Status
from stdkit.model.common import FINAL, Kind
from stdkit.model.evaluation import ISSUER_TYPE_NAMES

#: Bounds on what is read (a real draft of a standard is well under a few MB).
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ENTRIES = 1000
MAX_SOURCE_BYTES = 5 * 1024 * 1024
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
#: Bounds on the carried data: a document's data is about 900 values (a full standard a few thousand),
#: its deepest field about 8 levels down.
MAX_SOURCE_VALUES = 100_000
MAX_SOURCE_DEPTH = 32
#: Unknown fields of the carried data reported one by one; the rest are counted in one finding.
MAX_DROPPED_SHOWN = 20
#: The parts read; the rest of the package is never unpacked.
DOCUMENT_PART = "word/document.xml"
STYLES_PART = "word/styles.xml"
#: The custom XML parts where an export of stdkit carries the document's data (Word may rename them).
SOURCE_FOLDER = "customXml/"
SOURCE_TAG = "{urn:stdkit:source}source"
#: The first bytes of an OLE compound file: a Word 97–2003 .doc, or a .docx encrypted with a password.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: The signature that starts each entry of a zip's central directory.
CENTRAL_HEADER = b"PK\x01\x02"

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


@dataclasses.dataclass(slots=True)
class Imported:
    """What an import gives: the document's data (None when the file could not be read) and the findings."""

    data: dict[str, Any] | None
    diagnostics: list[Diagnostic]
    document: Document | None = None


# -- reading the package safely -----------------------------------------------------------------


class _Refused(Exception):  # noqa: N818 -- not an error of stdkit: the file is refused, and `finding` says why
    """Reading stops here; :func:`read_bytes` turns this into its one finding (never a traceback)."""

    def __init__(self, finding: Diagnostic) -> None:
        super().__init__(finding.message)
        self.finding = finding


#: What reading a damaged zip entry raises: a bad CRC or a header that does not match the directory
#: (BadZipFile), truncated or corrupt data (zlib, lzma, bz2's OSError, EOFError), an encrypted entry
#: (RuntimeError), an unknown compression method (NotImplementedError), a malformed field (struct, ValueError).
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    OSError,
    RuntimeError,
    NotImplementedError,
    ValueError,
    struct.error,
)


def _iterparse(stream: _Entry) -> etree.iterparse:
    """Start and end events of a part, parsed without DTDs, entities or network (the carried data)."""
    return etree.iterparse(
        stream,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
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


def _not_docx(name: str, reason: str, reason_zh: str) -> Diagnostic:
    return rules.R_NOT_DOCX.at(name, 1, 1, reason=reason, reason_zh=reason_zh)


def read_bytes(raw: bytes, name: str, findings: list[Diagnostic] | None = None) -> Imported:
    """Import the draft whose bytes are ``raw``; a file that cannot be read safely gives one finding, no data."""
    findings = findings if findings is not None else []
    if len(raw) > MAX_FILE_BYTES:
        return Imported(None, [rules.R_TOO_LARGE.at(name, 1, 1, size=len(raw), limit=MAX_FILE_BYTES)])
    try:
        with _package(raw, name) as package:
            headings = _heading_styles(package, name)
            blocks = _read_body(package, name, headings)
            hidden, part = _carried(package, name, findings)
    except _Refused as refused:
        return Imported(None, [refused.finding])
    mapper = _Mapper(name, blocks, carried=hidden is not None)
    visible = mapper.run()
    findings += mapper.findings
    if hidden is not None and hidden.get("kind") == visible.get("kind"):
        data = _overlay(hidden, visible)
        data["status"] = _status(name, hidden, visible, findings)
    else:
        data, hidden = visible, None
    _numbers_in_bounds(name, data, mapper, findings)
    document = _bind(name, data, visible, mapper, findings, part if hidden is not None else "")
    return Imported(data, findings, document)


def _package(raw: bytes, name: str) -> zipfile.ZipFile:
    """The zip package of ``raw``, refused unless it is one stdkit reads safely and unambiguously."""
    if raw.startswith(OLE_MAGIC):
        raise _Refused(
            _not_docx(
                name,
                "it is an OLE compound file: a Word 97–2003 .doc, or a .docx protected by a password to open",
                "它是 OLE 复合文档：Word 97–2003 的 .doc 文件，或设置了打开密码的 .docx 文件",
            )
        )
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise _Refused(
            _not_docx(
                name, "it is not a zip package (a .docx is one)", "它不是 zip 文件包（.docx 是 zip 文件包）"
            )
        )
    # Counted before the directory is read: each entry of it starts with this signature, and reading a
    # directory of a million entries (50 MB holds that many) would itself cost seconds and gigabytes.
    headers = raw.count(CENTRAL_HEADER)
    if headers > MAX_ENTRIES:
        raise _Refused(_bomb(name, f"has more than {MAX_ENTRIES} entries", f"有超过 {MAX_ENTRIES} 个条目"))
    try:
        package = zipfile.ZipFile(io.BytesIO(raw))
        infos = package.infolist()
    except _ZIP_ERRORS as exc:
        raise _Refused(_damaged(name, "", exc)) from exc
    try:
        _check_entries(infos, name)
    except _Refused:
        package.close()
        raise
    return package


def _check_entries(infos: list[zipfile.ZipInfo], name: str) -> None:
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNPACKED_BYTES:
        raise _Refused(
            _bomb(
                name,
                f"unpacks to {declared} bytes (at most {MAX_UNPACKED_BYTES})",
                f"解压后为 {declared} 字节（上限 {MAX_UNPACKED_BYTES}）",
            )
        )
    twice = next((entry for entry, count in Counter(i.filename for i in infos).items() if count > 1), None)
    if twice is not None:  # readers disagree on which of the two is the part: refuse rather than guess
        shown = _shown(twice)
        raise _Refused(
            _not_docx(
                name,
                f"the zip package is ambiguous: two entries are named {shown}",
                f"zip 文件包有歧义：有两个条目都名为 {shown}",
            )
        )
    locked = next((info for info in infos if info.flag_bits & 0x1), None)
    if locked is not None:
        shown = _shown(locked.filename)
        raise _Refused(
            _not_docx(
                name,
                f"entry {shown} is encrypted (remove the password in Word and save again)",
                f"条目 {shown} 已加密（请在 Word 中取消密码后重新保存）",
            )
        )
    if DOCUMENT_PART not in {info.filename for info in infos}:
        raise _Refused(_not_docx(name, f"it has no {DOCUMENT_PART}", f"缺少 {DOCUMENT_PART}"))


def _bomb(name: str, what: str, what_zh: str) -> Diagnostic:
    return rules.R_BOMB.at(name, 1, 1, what=what, what_zh=what_zh)


def _damaged(name: str, part: str, exc: BaseException) -> Diagnostic:
    """DOC902 for a zip entry (or directory, ``part`` empty) that does not read back as written."""
    text = str(exc)
    if isinstance(exc, RuntimeError) and "encrypted" in text:
        what, what_zh = "is encrypted", "已加密"
    elif isinstance(exc, NotImplementedError):
        what, what_zh = "uses a compression method stdkit does not read", "使用了 stdkit 不读取的压缩方式"
    elif isinstance(exc, zipfile.BadZipFile) and "CRC" in text:
        what, what_zh = (
            "fails its CRC check (its data was altered or cut)",
            "CRC 校验失败（数据被改动或截断）",
        )
    elif isinstance(exc, zipfile.BadZipFile):
        what, what_zh = "has a header that does not match the directory", "的条目头与目录不符"
    else:
        what, what_zh = "does not unpack (truncated or corrupt data)", "无法解压（数据被截断或损坏）"
    if not part:
        what, what_zh = "its directory cannot be read", "无法读取其目录"
    shown = f"{_shown(part)} " if part else ""
    return _not_docx(
        name, f"the zip package is damaged: {shown}{what}", f"zip 文件包已损坏：{shown}{what_zh}"
    )


def _shown(text: str) -> str:
    """A part's name or a carried value for a message: the file's own words, so bounded and printable."""
    shown = text if text.isprintable() else text.encode("unicode_escape").decode("ascii")
    return shown if len(shown) <= 60 else shown[:59] + "…"


class _Entry:
    """A part of the package as the parser reads it: at most ``limit`` bytes (a zip's declared sizes
    can lie), and damage found while unpacking becomes a DOC902 instead of a zip library's exception."""

    def __init__(self, package: zipfile.ZipFile, part: str, limit: int, name: str) -> None:
        self.part, self.limit, self.name, self.seen = part, limit, name, 0
        try:
            self.handle = package.open(part)
        except _ZIP_ERRORS as exc:
            raise _Refused(_damaged(name, part, exc)) from exc

    def read(self, size: int = -1) -> bytes:
        wanted = self.limit + 1 - self.seen if size < 0 else min(size, self.limit + 1 - self.seen)
        try:
            data = self.handle.read(max(wanted, 0))
        except _ZIP_ERRORS as exc:
            raise _Refused(_damaged(self.name, self.part, exc)) from exc
        self.seen += len(data)
        if self.seen > self.limit:
            raise _Refused(
                _bomb(
                    self.name,
                    f"part {self.part} unpacks to more than {self.limit} bytes",
                    f"部件 {self.part} 解压后超过 {self.limit} 字节",
                )
            )
        return data

    def __enter__(self) -> _Entry:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        with contextlib.suppress(*_ZIP_ERRORS):  # a damaged entry was reported by the reading
            self.handle.close()


def _unsafe(name: str, part: str) -> Diagnostic:
    return rules.R_XML.at(name, 1, 1, part=_shown(part), reason=_DTD, reason_zh=_DTD_ZH)


def _malformed(name: str, part: str, exc: etree.XMLSyntaxError) -> Diagnostic:
    return rules.R_XML.at(
        name,
        1,
        1,
        part=part,
        reason=f"not well-formed XML ({exc.msg})",
        reason_zh=f"XML 格式不正确（{exc.msg}）",
    )


def _carried(
    package: zipfile.ZipFile, name: str, findings: list[Diagnostic]
) -> tuple[dict[str, Any] | None, str]:
    """The data an export of stdkit carried and the part it came from, or None (a committee's own
    file; unreadable data is a DOC931 and is not used)."""
    names = sorted(n for n in package.namelist() if n.startswith(SOURCE_FOLDER) and n.endswith(".xml"))
    for part in names[:20]:
        text = _source_text(package, part, name)
        if text is None:
            continue
        why = _unreadable(text)
        if isinstance(why, tuple):
            findings.append(
                rules.R_CARRIED_DATA.at(
                    name, 1, 1, variant="unread", part=_shown(part), reason=why[0], reason_zh=why[1]
                )
            )
            return None, part
        return why, part
    return None, ""


def _source_text(package: zipfile.ZipFile, part: str, name: str) -> str | None:
    """The text of ``part`` when it is stdkit's carried data (one element, its root), else None."""
    with _Entry(package, part, MAX_SOURCE_BYTES, name) as stream:
        root: etree._Element | None = None
        try:
            for event, element in _iterparse(stream):
                if event == "end" and element is root:
                    return root.text or None
                if root is not None:  # the carried data has no child elements: some other part
                    return None
                root = element
                if root.getroottree().docinfo.doctype:
                    raise _Refused(_unsafe(name, part))
                if root.tag != SOURCE_TAG:
                    return None  # another program's part: never read further
        except etree.XMLSyntaxError:
            return None
    return None


def _unreadable(text: str) -> dict[str, Any] | tuple[str, str]:
    """The carried data as a mapping, or why it cannot be used (English, Chinese)."""
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError:
        return "it is not JSON", "不是 JSON"
    if not isinstance(value, dict):
        return "it is not a mapping of fields", "不是字段映射"
    values = 0
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        current, depth = pending.pop()
        values += 1
        if depth > MAX_SOURCE_DEPTH or values > MAX_SOURCE_VALUES:
            return (
                f"it is nested deeper than {MAX_SOURCE_DEPTH} levels or holds more than {MAX_SOURCE_VALUES} values",
                f"嵌套超过 {MAX_SOURCE_DEPTH} 层或包含超过 {MAX_SOURCE_VALUES} 个值",
            )
        if isinstance(current, dict):
            pending.extend((item, depth + 1) for item in current.values())
        elif isinstance(current, list):
            pending.extend((item, depth + 1) for item in current)
    return value


# -- the body, streamed ---------------------------------------------------------------------------


def _heading_styles(package: zipfile.ZipFile, name: str) -> frozenset[str]:
    """Ids of the heading styles (Heading 1…9, 标题 1…9: Chinese Word names them 1, 2 …, or any style
    with an outline level). Styles that do not parse are no styles: sections are still found by their
    numbering."""
    found = {f"Heading{n}" for n in range(1, 10)}
    if STYLES_PART not in package.namelist():
        return frozenset(found)
    styles = _Styles(name)
    try:
        _feed(package, STYLES_PART, name, styles)
    except etree.XMLSyntaxError:
        return frozenset(found)
    return frozenset(found | styles.found)


def _feed(package: zipfile.ZipFile, part: str, name: str, target: _Styles | _Body) -> None:
    """Parse ``part`` into ``target`` (a parser target: no tree is built, so memory follows the target's
    own state), in chunks, without DTDs, entities or network. A target stops the parse by raising."""
    parser = etree.XMLParser(
        target=target,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    with _Entry(package, part, MAX_UNPACKED_BYTES, name) as stream:
        while chunk := stream.read(_CHUNK):
            parser.feed(chunk)
        parser.close()


#: Bytes handed to the parser at a time.
_CHUNK = 64 * 1024


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
        raise _Refused(_unsafe(self.name, STYLES_PART))

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.depth += 1
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise _Refused(
                _bomb(
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

    def data(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


def _read_body(package: zipfile.ZipFile, name: str, headings: frozenset[str]) -> list[Block]:
    """The blocks of word/document.xml's body (see :class:`_Body`); a syntax error is a DOC904."""
    body = _Body(name, headings)
    try:
        _feed(package, DOCUMENT_PART, name, body)
    except etree.XMLSyntaxError as exc:
        raise _Refused(_malformed(name, DOCUMENT_PART, exc)) from exc
    return body.blocks


#: The elements :class:`_Body` reads at their start and at their end; it only counts the others.
_STARTS = frozenset(
    {_T, _P, _PPR, _PSTYLE, _OUTLINE, _TAB, _BR, _CR, _TBL, _TR, _TC, _TCPR, _GRIDSPAN, _VMERGE, _BODY}
)
_ENDS = frozenset({_T, _R, _PPR, _P, _TCPR, _TC, _TR, _TBL})


class _Body:
    """A parser target for word/document.xml: the body's blocks, read from the parser's events with no
    tree built, so memory follows the blocks read, never the file.

    A paragraph's text is every w:t, w:tab, w:br and w:cr inside it (a text box's too); a body table's
    cells are the paragraphs directly in the cells of its own rows (a nested table's text is not read);
    a paragraph or table directly in w:body is a block. Every count is capped (``MAX_*``): passing a cap
    stops the parse with one DOC905 at the block being read. Where an element stands is its depth:
    the root is 1, w:body 2, a block 3.
    """

    def __init__(self, name: str, headings: frozenset[str]) -> None:
        self.name = name
        self.headings = headings
        self.blocks: list[Block] = []
        self.depth = 0  # elements open
        self.body = 0  # depth of w:body, once open
        # the outermost paragraph being read: its depth, its first w:pPr's depth (0 once closed), its text
        self.para = self.props = self.text = 0
        self.props_seen = self.styled = self.heading = False
        self.parts: list[str] = []
        self.runs = 0
        # the body table being read: its depth, its row's, its cell's and the cell's first w:tcPr's
        self.tables_open = self.table = self.row_at = self.cell = self.cell_props = 0
        self.rows: list[list[list[str]]] = []
        self.row: list[list[str]] = []
        self.above: list[list[str]] = []
        self.lines: list[str] = []
        self.span, self.continued, self.cell_props_seen, self.spanned, self.merged = (
            1,
            False,
            False,
            False,
            False,
        )
        self.elements = self.paragraphs = self.cells = self.table_rows = self.tables = 0

    def passed(self, limit: int, what: str, what_zh: str) -> _Refused:
        at = len(self.blocks) + 1
        row = len(self.rows) + 1 if self.table else 1
        return _Refused(
            rules.R_TOO_LONG.at(self.name, at, row, block=at, limit=limit, what=what, what_zh=what_zh)
        )

    def doctype(self, *_: object) -> None:
        raise _Refused(_unsafe(self.name, DOCUMENT_PART))

    def start(self, tag: str, attrib: dict[str, str]) -> None:  # noqa: PLR0915 -- one branch per element read
        self.depth += 1
        depth = self.depth
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise self.passed(MAX_ELEMENTS, "XML elements", "XML 元素")
        if tag not in _STARTS:  # most elements (a run's properties, bookmarks …) are not read
            return
        if tag == _T:
            if self.para:
                self.text = depth
        elif tag == _P:
            if not self.para:
                self.para, self.props, self.parts, self.runs = depth, 0, [], 0
                self.props_seen = self.styled = self.heading = False
        elif tag == _PPR:
            if self.para == depth - 1 and not self.props_seen:
                self.props, self.props_seen = depth, True
        elif tag == _PSTYLE:
            if self.props and self.props == depth - 1 and not self.styled:
                self.styled = True
                self.heading = self.heading or attrib.get(_VAL, "") in self.headings
        elif tag == _OUTLINE:
            if self.props and self.props == depth - 1:
                self.heading = True
        elif tag == _TAB:
            if self.para:
                self.parts.append(" ")
        elif tag in (_BR, _CR):
            if self.para:
                self.parts.append("\n")
        elif tag == _TBL:
            self.tables_open += 1
            if self.tables_open > MAX_TABLE_DEPTH:
                raise self.passed(MAX_TABLE_DEPTH, "levels of tables nested in tables", "层表格嵌套")
            if self.tables_open == 1 and self.body and depth == self.body + 1:
                self.table, self.rows, self.above = depth, [], []
        elif tag == _TR:
            if self.table and depth == self.table + 1:
                self.row_at, self.row = depth, []
        elif tag == _TC:
            if self.row_at and depth == self.row_at + 1:
                self.cell, self.lines = depth, []
                self.span, self.continued, self.cell_props_seen, self.spanned, self.merged = (
                    1,
                    False,
                    False,
                    False,
                    False,
                )
        elif tag == _TCPR:
            if self.cell and depth == self.cell + 1 and not self.cell_props_seen:
                self.cell_props, self.cell_props_seen = depth, True
        elif tag == _GRIDSPAN:
            if self.cell_props and depth == self.cell_props + 1 and not self.spanned:
                self.spanned = True
                try:
                    self.span = max(1, min(64, int(attrib.get(_VAL, "1"))))
                except ValueError:
                    self.span = 1
        elif tag == _VMERGE:
            if self.cell_props and depth == self.cell_props + 1 and not self.merged:
                self.merged = True
                self.continued = attrib.get(_VAL, "continue") == "continue"
        elif tag == _BODY and depth == 2 and not self.body:
            self.body = depth

    def end(self, tag: str) -> None:
        depth = self.depth
        self.depth -= 1
        if tag not in _ENDS:
            return
        if tag == _T:
            self.text = 0
        elif tag == _R:
            if self.para:
                self.runs += 1
                if self.runs > MAX_RUNS:
                    raise self.passed(MAX_RUNS, "runs in one paragraph", "个段落中的文字段（run）")
        elif tag == _PPR:
            if depth == self.props:
                self.props = 0
        elif tag == _P:
            self.paragraphs += 1
            if self.paragraphs > MAX_PARAGRAPHS:
                raise self.passed(MAX_PARAGRAPHS, "paragraphs", "段落")
            if depth == self.para:
                text = "".join(self.parts)
                if self.body and depth == self.body + 1:
                    self.blocks.append(Para(len(self.blocks) + 1, text.strip(), self.heading))
                elif self.cell and depth == self.cell + 1:
                    self.lines.extend(line.strip() for line in text.split("\n") if line.strip())
                self.para = 0
        elif tag == _TCPR:
            if depth == self.cell_props:
                self.cell_props = 0
        elif tag == _TC:
            self.end_cell(depth)
        elif tag == _TR:
            self.table_rows += 1
            if self.table_rows > MAX_ROWS:
                raise self.passed(MAX_ROWS, "table rows", "表格行")
            if depth == self.row_at:
                self.rows.append(self.row)
                self.above, self.row_at = self.row, 0
        elif tag == _TBL:
            self.tables_open -= 1
            if depth == self.table:
                self.tables += 1
                self.blocks.append(Grid(len(self.blocks) + 1, self.tables, self.rows))
                self.table = 0

    def end_cell(self, depth: int) -> None:
        """A cell of the body table's row takes its place once per column it spans; a merged
        continuation (vMerge) repeats the text above. A nested table's cell is only counted."""
        if depth == self.cell:
            self.cells += self.span
            for _ in range(self.span):
                column = len(self.row)
                above = self.above
                self.row.append(above[column] if self.continued and column < len(above) else self.lines)
            self.cell = 0
        else:
            self.cells += 1
        if self.cells > MAX_CELLS:
            raise self.passed(MAX_CELLS, "table cells", "表格单元格")

    def data(self, text: str) -> None:
        if self.text and self.depth == self.text:
            self.parts.append(text)

    def close(self) -> None:
        pass


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
        # stray blank rows dropped; each row keeps its number in the table (where findings point)
        rows = [(index, row) for index, row in enumerate(grid.rows) if any(cell for cell in row)]
        if not rows:
            return
        head = ["".join(cell) for cell in rows[0][1]]
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

    def work_table(self, grid: Grid, rows: list[tuple[int, list[list[str]]]], head: list[str]) -> None:
        if self.work_target is None or len(head) < 4 or layout.WORK_COLUMNS[0] not in head[0]:
            self.unread_table(
                grid,
                "no level heading above it, or not the four columns 职业功能 | 工作内容 | 技能要求 | 相关知识要求",
                "上方没有等级标题，或不是 职业功能 | 工作内容 | 技能要求 | 相关知识要求 四列",
            )
            return
        level, own = self.work_target
        functions: list[dict[str, Any]] = []
        known: dict[int, set[str]] = {}  # a content's lines, by id of its list: _extend stays linear
        for original, row in rows[1:]:
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
                _extend(contents[-1]["skills"], skills, known)
                _extend(contents[-1]["knowledge"], knowledge, known)
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

    def weight_table(self, grid: Grid, rows: list[tuple[int, list[list[str]]]], head: list[str]) -> None:
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
        for original, row in rows[1:]:
            labels = [" ".join(cell) for cell in row[:first_value] if cell]
            label = layout.strip_numbering(labels[-1]) if labels else ""
            if not label or label == layout.WEIGHT_TOTAL or label.replace(" ", "") == layout.WEIGHT_TOTAL:
                continue
            key = layout.KEY_OF_SECTION_ROW.get(label, label)
            for index, level, own in columns:
                if index >= len(row):
                    break  # columns are in order: the rest of this row is empty (a row × columns walk is quadratic)
                text = " ".join(row[index])
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

    def special_table(self, grid: Grid, rows: list[tuple[int, list[list[str]]]]) -> None:
        for original, row in rows[1:]:
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


def _overlay(hidden: Any, visible: Any) -> Any:
    """The printed text (``visible``) over the exported data (``hidden``): printed values win; what the
    layout does not print (重要程度, machine fields) is kept where the text still matches. The status is
    not decided here (:func:`_status`)."""
    if isinstance(visible, dict) and isinstance(hidden, dict):
        merged = dict(hidden)
        for key, value in visible.items():
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


def _status(name: str, hidden: dict[str, Any], visible: dict[str, Any], findings: list[Diagnostic]) -> str:
    """The status the import writes: draft, or the carried one where the printed cover agrees (else DOC930).

    The layout prints no status and nobody sees the carried data in Word, so that data proposes and the
    cover decides. A status at which a document is final (approved, published, superseded, withdrawn)
    is taken only when the cover prints the carried 文件标识, edition and 发布日期; a consultation draft
    only when it prints the carried 文件标识 and edition. So an exported standard comes back as it went
    out, and a draft whose hidden part says ``published`` comes back a draft.
    """
    claimed = hidden.get("status", Status.DRAFT.value)
    if claimed == Status.DRAFT.value:
        return Status.DRAFT.value
    known = {status.value for status in Status}
    same = all(
        visible.get(field) is not None and str(hidden.get(field)) == str(visible[field])
        for field in ("id", "edition")
    )
    if not isinstance(claimed, str) or claimed not in known:
        why, why_zh = "that is not a status", "这不是有效的状态"
    elif not same:
        why, why_zh = (
            "the printed cover does not show the same 文件标识 and edition",
            "打印出的封面没有显示相同的文件标识和版本",
        )
    elif Status(claimed) in FINAL and (
        visible.get("issued") is None or str(hidden.get("issued")) != str(visible["issued"])
    ):
        why, why_zh = "the printed cover does not show its 发布日期", "打印出的封面没有显示其发布日期"
    else:
        return claimed
    findings.append(
        rules.R_CARRIED_STATUS.at(name, 1, 1, status=_shown(str(claimed)), why=why, why_zh=why_zh)
    )
    return Status.DRAFT.value


#: Rounds of dropping the carried data's unknown fields: one is enough unless a union hides a field.
_DROP_ROUNDS = 4


def _bind(
    name: str,
    data: dict[str, Any],
    visible: dict[str, Any],
    mapper: _Mapper,
    findings: list[Diagnostic],
    part: str,
) -> Document | None:
    """The model of ``data``; each field the draft lacks or gives wrongly is a DOC920 at its section.

    A field no document of the kind has, carried in the hidden part (``part``; empty when none was
    used), is dropped from ``data`` with a DOC931: it would otherwise reach the YAML unseen.
    """
    model = MODELS.get(Kind(data["kind"]))
    if model is None:  # pragma: no cover - the kind comes from the cover table
        return None
    dropped: list[str] = []
    document: Document | None = None
    errors: list[Any] = []
    for _ in range(_DROP_ROUNDS):
        try:
            document, errors = model.model_validate(data), []
        except ValidationError as exc:
            errors = list(exc.errors(include_url=False))
        unknown = [
            path
            for error in errors
            if part and error["type"] == "extra_forbidden"
            for path in [_carried_field(data, visible, error["loc"])]
            if path
        ]
        if not unknown:
            break
        for path in unknown:
            _remove(data, path)
            dropped.append(".".join(str(step) for step in path))
    _report_dropped(name, data, part, dropped, findings)
    for error in errors:
        field = ".".join(str(step) for step in error["loc"])
        block = _block_of(mapper, error["loc"])
        problem_zh = _PROBLEMS_ZH.get(error["type"], f"取值不符合要求（{error['type']}）")
        findings.append(
            rules.R_INCOMPLETE.at(name, block, 1, field=field, problem=error["msg"], problem_zh=problem_zh)
        )
    return document


def _carried_field(data: dict[str, Any], visible: dict[str, Any], loc: tuple[Any, ...]) -> list[Any] | None:
    """The path in ``data`` of an unknown field pydantic reports at ``loc`` (whose steps may include a
    union member's tag, not in the data), when it came from the carried data and not from the text."""
    path: list[Any] = []
    current: Any = data
    for step in loc:
        found, value = _child(current, step)
        if found:
            path.append(step)
            current = value
    if not path or path[-1] != loc[-1] or not isinstance(path[-1], str):
        return None
    shown: Any = visible
    for step in path:  # printed text never gives an unknown field; should it, the model reports it
        found, shown = _child(shown, step)
        if not found:
            return path
    return None


def _child(holder: Any, step: Any) -> tuple[bool, Any]:
    """(True, ``holder[step]``) when the data has it: a key of a mapping, an index of a list."""
    if isinstance(holder, dict) and isinstance(step, str) and step in holder:
        return True, holder[step]
    if isinstance(holder, list) and isinstance(step, int) and 0 <= step < len(holder):
        return True, holder[step]
    return False, None


def _remove(data: dict[str, Any], path: list[Any]) -> None:
    holder: Any = data
    for step in path[:-1]:
        holder = holder[step]
    holder.pop(path[-1], None)


def _report_dropped(
    name: str, data: dict[str, Any], part: str, dropped: list[str], findings: list[Diagnostic]
) -> None:
    kind = Kind(data["kind"])
    words = {"part": _shown(part), "kind": kind.value, "kind_zh": layout.COVER[kind]}
    for field in dropped[:MAX_DROPPED_SHOWN]:
        findings.append(rules.R_CARRIED_DATA.at(name, 1, 1, variant="key", field=_shown(field), **words))
    if len(dropped) > MAX_DROPPED_SHOWN:
        more = len(dropped) - MAX_DROPPED_SHOWN
        findings.append(rules.R_CARRIED_DATA.at(name, 1, 1, variant="more", count=more, **words))


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
