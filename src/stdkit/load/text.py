"""The file as text, before YAML: encoding, blank and unreadable files, line breaks; positions and quoting.

Line numbers are git's and the editor's: only LF (or CRLF) ends a line. libyaml follows YAML 1.1
and also breaks lines at NEL (U+0085), LINE SEPARATOR (U+2028), PARAGRAPH SEPARATOR (U+2029) and
a lone CR, which YAML 1.2 editors (and yaml-language-server) do not. Such a character is
invisible, arrives by copying from Word or a PDF, makes the editor and stdkit disagree on the
structure and shifts every later line number, so it is refused where it stands (YML015) rather
than silently mapped: the author deletes it and both tools then see the same document.

Every position here is 1-based and counted in characters; author text quoted into a message is
made one line. Nothing here raises on any input.
"""

from __future__ import annotations

import errno
import itertools
import re

import yaml

from stdkit.diagnostics import Diagnostic, Severity, Wording, rule

R_ENCODING = rule(
    "YML007",
    "yaml",
    Severity.ERROR,
    "The file is not UTF-8 text.",
    "Save the file as UTF-8 (in most editors: Save with Encoding → UTF-8); GBK/GB18030 is not accepted.",
    detail="Byte {byte} is not UTF-8.",
    zh=Wording(
        "文件不是 UTF-8 编码的文本。",
        "请把文件另存为 UTF-8 编码（多数编辑器中：另存为 → 编码选 UTF-8）；不接受 GBK/GB18030 编码。",
        "字节 {byte} 不是 UTF-8 编码。",
    ),
)
R_EMPTY = rule(
    "YML008",
    "yaml",
    Severity.ERROR,
    "The file is empty.",
    "Write a document, or scaffold one with `stdkit new KIND ID`.",
    detail={"blank": "The file has no content.", "null": "The document is empty (null)."},
    zh=Wording(
        "文件为空。",
        "请写入文件内容，或用 `stdkit new KIND ID` 生成模板。",
        {"blank": "文件没有内容。", "null": "文件内容为空（null）。"},
    ),
)
R_LINE_BREAK = rule(
    "YML015",
    "yaml",
    Severity.ERROR,
    "An invisible line break other than LF or CRLF (U+2028, U+2029, NEL U+0085 or a lone CR).",
    "Delete the character (it usually comes from copying out of Word or a PDF) or replace it with a "
    "real line break; save the file with LF or CRLF line endings.",
    detail="An invisible {name} stands here.",
    zh=Wording(
        "出现了 LF 或 CRLF 以外的不可见换行符（U+2028、U+2029、NEL U+0085 或单独的 CR）。",
        "请删除该字符（它通常是从 Word 或 PDF 中复制来的），或换成真正的换行；保存文件时使用 LF 或 CRLF 换行。",
        "此处有一个不可见的{name_zh}。",
    ),
)
R_UNREADABLE = rule(
    "YML011",
    "yaml",
    Severity.ERROR,
    "The file cannot be read.",
    "Check that the path exists and is a readable file.",
    detail="{reason}.",
    zh=Wording("无法读取文件。", "请检查该路径是否存在，并且是可以读取的文件。", "{reason_zh}。"),
)


def decoded(raw: bytes, shown: str) -> str | Diagnostic:
    """The text of strict UTF-8 bytes (a BOM dropped), or YML007 at the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        return R_ENCODING.at(shown, line, col, byte=f"0x{raw[exc.start]:02x}")


def blank(text: str) -> bool:
    """Whether the text holds nothing but blank lines and comments."""
    return text.strip() == "" or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.split("\n"))


#: Why a file cannot be read, by errno, in Chinese.
_READ_ERRORS_ZH = {
    errno.ENOENT: "文件不存在",
    errno.EACCES: "没有读取该文件的权限",
    errno.EPERM: "没有读取该文件的权限",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ELOOP: "符号链接循环",
    errno.ENAMETOOLONG: "文件名过长",
}


def unreadable(exc: OSError, shown: str) -> Diagnostic:
    reason = str(exc.strerror or exc)
    reason_zh = _READ_ERRORS_ZH.get(exc.errno or 0, f"读取失败：{reason}")
    return R_UNREADABLE.at(shown, 1, 1, reason=reason, reason_zh=reason_zh)


_FOREIGN_BREAK = re.compile("[\x85\u2028\u2029]|\r(?!\n)")
#: Each foreign line break's name, in English and in Chinese.
_BREAK_NAMES = {
    "\x85": ("NEXT LINE (U+0085)", "下一行符 NEXT LINE（U+0085）"),
    "\u2028": ("LINE SEPARATOR (U+2028)", "行分隔符 LINE SEPARATOR（U+2028）"),
    "\u2029": ("PARAGRAPH SEPARATOR (U+2029)", "段分隔符 PARAGRAPH SEPARATOR（U+2029）"),
    "\r": ("carriage return (CR) without a line feed", "不带换行（LF）的回车符（CR）"),
}
#: At most this many YML015 findings per file; the author fixes them all at once anyway.
_MAX_BREAK_FINDINGS = 20


def foreign_line_breaks(text: str, shown: str) -> list[Diagnostic]:
    """YML015 for each line break that libyaml counts and git does not (see the module docstring)."""
    if not ("\x85" in text or "\u2028" in text or "\u2029" in text or text.count("\r") != text.count("\r\n")):
        return []
    found = []
    for match in itertools.islice(_FOREIGN_BREAK.finditer(text), _MAX_BREAK_FINDINGS):
        line, col = line_col_of(text, match.start())
        name, name_zh = _BREAK_NAMES[match.group()]
        found.append(R_LINE_BREAK.at(shown, line, col, name=name, name_zh=name_zh))
    return found


# Positions and messages ----------------------------------------------------------------------


def mark(node: yaml.Node) -> tuple[int, int]:
    """Where a node starts (1-based line and column)."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def line_col_of(text: str, index: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``text[index]``, counting LF as the only line break."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def within(text: str, line: int, col: int) -> tuple[int, int]:
    """Clamp a position past the end (libyaml's end-of-file errors) to just after the last character."""
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    if not lines:
        return 1, 1
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return line, min(col, len(lines[line - 1]) + 1)


def one_line(text: str) -> str:
    """Author text made safe for a one-line message: line breaks and control characters escaped."""
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii") for c in text
    )


def quoted(text: str, limit: int = 60) -> str:
    shown = one_line(text if len(text) <= limit else text[:limit] + "…")
    return f"'{shown}'"


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, len(raw[line_start:offset].decode("utf-8", "replace")) + 1
