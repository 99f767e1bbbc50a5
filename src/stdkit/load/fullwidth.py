"""Full-width punctuation (全角标点) where YAML expects its half-width separator (YML014).

A Chinese input method types ``：`` for ``:``, ``，`` for ``,``, ``［｛`` for ``[{`` and an ideographic
space for indentation; YAML then reads ``pass_mark：60`` as one string, or fails somewhere later. Chinese
values legitimately hold the same characters, so a misuse is found in the text alone only in clear
cases, and counts only where the composed document confirms it: a value really starts there
(:func:`in_structure`), a key has no value (:func:`fullwidth_key`), or it explains the syntax error
libyaml reported nearby (:func:`fullwidth_near`). Nothing here raises on any input.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import yaml

from stdkit.diagnostics import Diagnostic, Severity, Wording, rule
from stdkit.load.text import line_col_of, mark

if TYPE_CHECKING:
    from stdkit.load.positions import Position

R_FULLWIDTH = rule(
    "YML014",
    "yaml",
    Severity.ERROR,
    "Full-width punctuation (全角标点) where YAML expects its half-width separator.",
    "Type the half-width character instead: ':' followed by a space between a key and its value, "
    "',' '[' ']' '{' '}' in […] and {…}, and spaces for indentation (切换到半角输入).",
    bad="assessment:\n  pass_mark：60",
    good="assessment:\n  pass_mark: 60",
    detail="{what}: type {instead} instead (请切换到半角输入后重新输入).",
    zh=Wording(
        "在 YAML 需要半角分隔符的地方用了全角标点。",
        "请改为输入半角字符：键与值之间用 ':' 加一个空格，[…] 和 {…} 中用 ',' '[' ']' '{' '}'，"
        "缩进用空格（请切换到半角输入）。",
        "{what_zh}：请改为输入{instead_zh}（请切换到半角输入后重新输入）。",
    ),
    fix_in_detail=True,
)


#: What each full-width character is called, and what to type instead.
_FULLWIDTH: dict[str, tuple[str, str]] = {
    "：": (
        "Full-width colon '：' (U+FF1A, 全角冒号) used as a key separator",
        "a half-width ':' and a space",
    ),
    ":\u3000": (
        "Full-width space '\u3000' (U+3000, 全角空格) after a key's ':'",
        "a half-width space after ':'",
    ),
    "，": ("Full-width comma '，' (U+FF0C, 全角逗号) used to separate items", "a half-width ',' and a space"),
    "［": ("Full-width bracket '［' (U+FF3B, 全角方括号) used to open a list", "a half-width '['"),
    "］": ("Full-width bracket '］' (U+FF3D, 全角方括号) used to close a list", "a half-width ']'"),
    "｛": ("Full-width brace '｛' (U+FF5B, 全角花括号) used to open a mapping", "a half-width '{'"),
    "｝": ("Full-width brace '｝' (U+FF5D, 全角花括号) used to close a mapping", "a half-width '}'"),
    "\u3000": (
        "Full-width space '\u3000' (U+3000, 全角空格) used for indentation",
        "half-width spaces (two per level)",
    ),
}

#: The same, in Chinese.
_FULLWIDTH_ZH: dict[str, tuple[str, str]] = {
    "：": ("全角冒号「：」（U+FF1A）被用作键的分隔符", "半角「:」并加一个空格"),
    ":\u3000": ("键的「:」后面是全角空格「\u3000」（U+3000）", "「:」后的半角空格"),
    "，": ("全角逗号「，」（U+FF0C）被用来分隔各项", "半角「,」并加一个空格"),
    "［": ("全角方括号「［」（U+FF3B）被用来开始列表", "半角「[」"),
    "］": ("全角方括号「］」（U+FF3D）被用来结束列表", "半角「]」"),
    "｛": ("全角花括号「｛」（U+FF5B）被用来开始映射", "半角「{」"),
    "｝": ("全角花括号「｝」（U+FF5D）被用来结束映射", "半角「}」"),
    "\u3000": ("全角空格「\u3000」（U+3000）被用于缩进", "每级两个半角空格"),
}

#: A line that starts with `key：value` (or `key:　value`): what a full-width input method makes of `key: value`.
_KEY_SEPARATOR = re.compile(
    r"^( *(?:- +)?)([^\s#'\"\[\]{}|>!&*%@`,?：:-][^\n：]*?)(：|:\u3000)([^\n]*)$", re.M
)
_INDENT = re.compile(r"^( *)\u3000", re.M)
_OPENING = re.compile(r"(?:^ *(?:- +)?|: +)([［｛])", re.M)
_CLOSING = re.compile(r"[\[{][^\n\]}］｝]*?([］｝])")
_COMMA = re.compile(r"([\[{,:] *)([A-Za-z0-9_.-]+) *(，) *(?:[A-Za-z0-9_.-]|[^\s,，:：\[\]{}]+ *[:：])")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?%?")
_BLOCK_SCALAR_HEAD = re.compile(r"[|>][-+0-9]*\s*(?:#.*)?$")


_NO_VALUE = 0  # a start column no value has: the misuse only explains a syntax error


@dataclasses.dataclass(frozen=True, slots=True)
class Misuse:
    """Full-width punctuation at (line, col), inside the value that starts at (line, start_col)."""

    line: int
    col: int
    start_col: int
    char: str


def fullwidth(shown: str, line: int, col: int, char: str) -> Diagnostic:
    what, instead = _FULLWIDTH[char]
    what_zh, instead_zh = _FULLWIDTH_ZH[char]
    return R_FULLWIDTH.at(
        shown, line, col, what=what, instead=instead, what_zh=what_zh, instead_zh=instead_zh
    )


def _misuses(text: str) -> Iterator[Misuse]:
    """Full-width punctuation standing where YAML syntax belongs, found in the text alone.

    Chinese values legitimately contain '：' and '，' (``definition: 使用工具、量具：……``), so only
    clear cases count: a line that starts with a field-like key or ends in a number after '：',
    an ideographic-space indentation, a value that opens with '［' or '｛' (or a '[' or '{' closed by
    '］' or '｝'), and '，' between two
    ASCII items of a flow collection or before a key (``[L5，L4]``, ``{a: 60，b: 40}``). Callers confirm that a value starts there.
    """
    if "：" in text or ":\u3000" in text:
        for match in _KEY_SEPARATOR.finditer(text):
            lead, key, separator, rest = match.groups()
            rest = rest.split(" #", 1)[0].strip(" \u3000")
            if ": " in key or " #" in key:
                continue
            field_like = _IDENTIFIER.fullmatch(key.strip()) is not None
            if not (field_like or rest == "" or (not lead.strip() and _NUMBER.fullmatch(rest))):
                continue
            line, col = line_col_of(text, match.start(3))
            yield Misuse(line, col, len(lead) + 1, separator)
    if "\u3000" in text:
        for match in _INDENT.finditer(text):
            line, col = line_col_of(text, match.end(1))
            yield Misuse(line, col, col, "\u3000")
    if "［" in text or "｛" in text:
        for match in _OPENING.finditer(text):
            line, col = line_col_of(text, match.start(1))
            yield Misuse(line, col, col, match.group(1))
    if "］" in text or "｝" in text:
        for match in _CLOSING.finditer(text):
            line, col = line_col_of(text, match.start(1))
            yield Misuse(line, col, _NO_VALUE, match.group(1))  # breaks parsing; never a value's start
    if "，" in text:
        for match in _COMMA.finditer(text):
            line, col = line_col_of(text, match.start(3))
            yield Misuse(line, col, col - (match.start(3) - match.start(2)), "，")


def in_structure(text: str, positions: Iterable[Position], shown: str) -> Iterator[Diagnostic]:
    """Misuses whose value really starts where the text says (not inside a block or quoted text)."""
    misuses = list(_misuses(text))
    if not misuses:
        return
    known = list(positions)
    starts = {(p.line, p.col) for p in known} | {(p.key_line, p.key_col) for p in known}
    for misuse in misuses:
        if (misuse.line, misuse.start_col) in starts:
            yield fullwidth(shown, misuse.line, misuse.col, misuse.char)


def fullwidth_near(text: str, line: int, col: int) -> Misuse | None:
    """The misuse that most likely broke parsing at (line, col): on that line or the content line before.

    libyaml reports a `key：value` line where the next line starts, so the line before counts too.
    """
    lines = text.split("\n")
    previous = line - 1
    while previous >= 1 and (not lines[previous - 1].strip() or lines[previous - 1].lstrip().startswith("#")):
        previous -= 1
    candidates = [
        misuse
        for misuse in _misuses(text)
        if misuse.line in (line, previous)
        and (misuse.line, misuse.col) <= (line, col)
        and not _in_block_scalar(lines, misuse.line)
    ]
    return max(candidates, key=lambda m: (m.line, m.col), default=None)


def _in_block_scalar(lines: list[str], line: int) -> bool:
    """Whether ``line`` (1-based) is content of a ``|`` or ``>`` block above it (by indentation)."""
    text = lines[line - 1]
    indent = len(text) - len(text.lstrip(" "))
    for above in range(line - 2, -1, -1):
        candidate = lines[above]
        if not candidate.strip():
            continue
        candidate_indent = len(candidate) - len(candidate.lstrip(" "))
        if candidate_indent < indent:
            return _BLOCK_SCALAR_HEAD.search(candidate) is not None
    return False


def fullwidth_key(key_node: yaml.ScalarNode, name: str, shown: str) -> Diagnostic:
    """YML014 for a key without a value that holds '：' (``{数据采集和处理：35}`` read as one key)."""
    line, col = mark(key_node)
    first_line = name.split("\n", 1)[0]
    if key_node.style == "" and "：" in first_line:
        col += first_line.index("：")
    return fullwidth(shown, line, col, "：")
