"""The .docx package read safely: a bounded zip, XML without DTDs, entities or network, and the data an
export of stdkit carries — each damaged or hostile file one finding (:class:`Refused`), never a traceback.

Everything is bounded before it is parsed: the file's size, the zip's entry count and unpacked size,
duplicate, encrypted or damaged entries; each part is unpacked through :class:`_Entry`, which stops at
its limit whatever the zip declares. Only word/document.xml, word/styles.xml and the carried data's
part are ever unpacked. This module never builds a tree of a part it did not bound, and never lets a
zip library's or a parser's exception out: they become DOC902 … DOC904.
"""

from __future__ import annotations

import contextlib
import io
import lzma
import struct
import zipfile
import zlib
from collections import Counter
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

import orjson
from lxml import etree

from stdkit.diagnostics import Diagnostic
from stdkit.interchange import rules

#: Bounds on what is read (a real draft of a standard is well under a few MB).
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ENTRIES = 1000
MAX_SOURCE_BYTES = 5 * 1024 * 1024
#: Bounds on the carried data: a document's data is about 900 values (a full standard a few thousand),
#: its deepest field about 8 levels down.
MAX_SOURCE_VALUES = 100_000
MAX_SOURCE_DEPTH = 32
#: The parts read; the rest of the package is never unpacked.
DOCUMENT_PART = "word/document.xml"
STYLES_PART = "word/styles.xml"
#: The custom XML parts where an export of stdkit carries the document's data (Word may rename them).
SOURCE_FOLDER = "customXml/"
SOURCE_NAMESPACE = "urn:stdkit:source"
SOURCE_TAG = f"{{{SOURCE_NAMESPACE}}}source"
#: The YAML file an export was made from, verbatim (:func:`carried_text`): what an import writes back when
#: the Word file says the same, so a round trip leaves the author's file as it was, comments and all.
TEXT_TAG = f"{{{SOURCE_NAMESPACE}}}yaml"
#: The first bytes of an OLE compound file: a Word 97–2003 .doc, or a .docx encrypted with a password.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: The signature that starts each entry of a zip's central directory.
CENTRAL_HEADER = b"PK\x01\x02"
#: Bytes handed to the parser at a time.
_CHUNK = 64 * 1024


class Refused(Exception):  # noqa: N818 -- not an error of stdkit: the file is refused, and `finding` says why
    """Reading stops here; the import turns this into its one finding (never a traceback)."""

    def __init__(self, finding: Diagnostic) -> None:
        super().__init__(finding.message)
        self.finding = finding


class Target(Protocol):
    """A parser target (:func:`feed`): events in, no tree built (and text too, if it has ``data``). It
    stops the parse by raising."""

    def doctype(self, *_: object) -> None: ...
    def start(self, tag: str, attrib: dict[str, str]) -> None: ...
    def end(self, tag: str) -> None: ...
    def close(self) -> None: ...


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


# -- the file and its zip -------------------------------------------------------------------------


def raw_of(path: Path, name: str) -> bytes:
    """The bytes of the file at ``path`` (``name``: as findings name it), refused beyond MAX_FILE_BYTES."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise Refused(rules.R_TOO_LARGE.at(name, 1, 1, size=size, limit=MAX_FILE_BYTES))
    with path.open("rb") as handle:
        return handle.read(MAX_FILE_BYTES + 1)


def open_package(raw: bytes, name: str) -> zipfile.ZipFile:
    """The zip package of ``raw``, refused unless it is one stdkit reads safely and unambiguously."""
    if len(raw) > MAX_FILE_BYTES:
        raise Refused(rules.R_TOO_LARGE.at(name, 1, 1, size=len(raw), limit=MAX_FILE_BYTES))
    if raw.startswith(OLE_MAGIC):
        raise Refused(
            _not_docx(
                name,
                "it is an OLE compound file: a Word 97–2003 .doc, or a .docx protected by a password to open",
                "它是 OLE 复合文档：Word 97–2003 的 .doc 文件，或设置了打开密码的 .docx 文件",
            )
        )
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise Refused(
            _not_docx(
                name, "it is not a zip package (a .docx is one)", "它不是 zip 文件包（.docx 是 zip 文件包）"
            )
        )
    # Counted before the directory is read: each entry of it starts with this signature, and reading a
    # directory of a million entries (50 MB holds that many) would itself cost seconds and gigabytes.
    headers = raw.count(CENTRAL_HEADER)
    if headers > MAX_ENTRIES:
        raise Refused(bomb(name, f"has more than {MAX_ENTRIES} entries", f"有超过 {MAX_ENTRIES} 个条目"))
    try:
        package = zipfile.ZipFile(io.BytesIO(raw))
        infos = package.infolist()
    except _ZIP_ERRORS as exc:
        raise Refused(_damaged(name, "", exc)) from exc
    try:
        _check_entries(infos, name)
    except Refused:
        package.close()
        raise
    return package


def _check_entries(infos: list[zipfile.ZipInfo], name: str) -> None:
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNPACKED_BYTES:
        raise Refused(
            bomb(
                name,
                f"unpacks to {declared} bytes (at most {MAX_UNPACKED_BYTES})",
                f"解压后为 {declared} 字节（上限 {MAX_UNPACKED_BYTES}）",
            )
        )
    twice = next((entry for entry, count in Counter(i.filename for i in infos).items() if count > 1), None)
    if twice is not None:  # readers disagree on which of the two is the part: refuse rather than guess
        named = shown(twice)
        raise Refused(
            _not_docx(
                name,
                f"the zip package is ambiguous: two entries are named {named}",
                f"zip 文件包有歧义：有两个条目都名为 {named}",
            )
        )
    locked = next((info for info in infos if info.flag_bits & 0x1), None)
    if locked is not None:
        named = shown(locked.filename)
        raise Refused(
            _not_docx(
                name,
                f"entry {named} is encrypted (remove the password in Word and save again)",
                f"条目 {named} 已加密（请在 Word 中取消密码后重新保存）",
            )
        )
    if DOCUMENT_PART not in {info.filename for info in infos}:
        raise Refused(_not_docx(name, f"it has no {DOCUMENT_PART}", f"缺少 {DOCUMENT_PART}"))


# -- findings -------------------------------------------------------------------------------------


def _not_docx(name: str, reason: str, reason_zh: str) -> Diagnostic:
    return rules.R_NOT_DOCX.at(name, 1, 1, reason=reason, reason_zh=reason_zh)


def bomb(name: str, what: str, what_zh: str) -> Diagnostic:
    """DOC903: the package or one of its parts is larger than stdkit reads (``what`` says how)."""
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
    named = f"{shown(part)} " if part else ""
    return _not_docx(
        name, f"the zip package is damaged: {named}{what}", f"zip 文件包已损坏：{named}{what_zh}"
    )


def unsafe(name: str, part: str) -> Diagnostic:
    """DOC904 for a part that declares a DTD or entities."""
    return rules.R_XML.at(name, 1, 1, part=shown(part), reason=_DTD, reason_zh=_DTD_ZH)


def malformed(name: str, part: str, exc: etree.XMLSyntaxError) -> Diagnostic:
    """DOC904 for a part that is not well-formed XML."""
    return rules.R_XML.at(
        name,
        1,
        1,
        part=part,
        reason=f"not well-formed XML ({exc.msg})",
        reason_zh=f"XML 格式不正确（{exc.msg}）",
    )


def shown(text: str) -> str:
    """A part's name or a carried value for a message: the file's own words, so bounded and printable."""
    named = text if text.isprintable() else text.encode("unicode_escape").decode("ascii")
    return named if len(named) <= 60 else named[:59] + "…"


#: DOC904's reason for a part that declares a DTD or entities, in English and in Chinese.
_DTD = "it declares a DTD or entities"
_DTD_ZH = "声明了 DTD 或实体"


# -- a part, bounded ------------------------------------------------------------------------------


class _Entry:
    """A part of the package as the parser reads it: at most ``limit`` bytes (a zip's declared sizes
    can lie), and damage found while unpacking becomes a DOC902 instead of a zip library's exception."""

    def __init__(self, package: zipfile.ZipFile, part: str, limit: int, name: str) -> None:
        self.part, self.limit, self.name, self.seen = part, limit, name, 0
        try:
            self.handle = package.open(part)
        except _ZIP_ERRORS as exc:
            raise Refused(_damaged(name, part, exc)) from exc

    def read(self, size: int = -1) -> bytes:
        wanted = self.limit + 1 - self.seen if size < 0 else min(size, self.limit + 1 - self.seen)
        try:
            data = self.handle.read(max(wanted, 0))
        except _ZIP_ERRORS as exc:
            raise Refused(_damaged(self.name, self.part, exc)) from exc
        self.seen += len(data)
        if self.seen > self.limit:
            raise Refused(
                bomb(
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


def feed(package: zipfile.ZipFile, part: str, name: str, target: Target) -> None:
    """Parse ``part`` into ``target`` (a parser target: no tree is built, so memory follows the target's
    own state), in chunks, without DTDs, entities or network. A target stops the parse by raising; a
    syntax error is the caller's to report (lxml's XMLSyntaxError)."""
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


# -- the data an export of stdkit carries ---------------------------------------------------------


def carried(
    package: zipfile.ZipFile, name: str, findings: list[Diagnostic]
) -> tuple[dict[str, Any] | None, str]:
    """The data an export of stdkit carried and the part it came from, or None (a committee's own
    file; unreadable data is a DOC931 and is not used)."""
    for part in _source_parts(package):
        text = _source_text(package, part, name, SOURCE_TAG)
        if text is None:
            continue
        why = _unreadable(text)
        if isinstance(why, tuple):
            findings.append(
                rules.R_CARRIED_DATA.at(
                    name, 1, 1, variant="unread", part=shown(part), reason=why[0], reason_zh=why[1]
                )
            )
            return None, part
        return why, part
    return None, ""


def carried_text(package: zipfile.ZipFile, name: str) -> str | None:
    """The YAML text an export of stdkit carried beside its data, or None. Untrusted like the rest of the
    file: the import writes it only when it says what the Word file says (:mod:`.read`)."""
    for part in _source_parts(package):
        text = _source_text(package, part, name, TEXT_TAG)
        if text is not None:
            return text
    return None


def _source_parts(package: zipfile.ZipFile) -> list[str]:
    """The custom XML parts where stdkit's carried data may be (at most 20 looked at)."""
    return sorted(n for n in package.namelist() if n.startswith(SOURCE_FOLDER) and n.endswith(".xml"))[:20]


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


def _source_text(package: zipfile.ZipFile, part: str, name: str, tag: str) -> str | None:
    """The text of ``part`` when it is stdkit's carried data of kind ``tag`` (one element, its root), else None."""
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
                    raise Refused(unsafe(name, part))
                if root.tag != tag:
                    return None  # another program's part, or the other carried part: never read further
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
