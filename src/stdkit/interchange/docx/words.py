"""The layout's words read back: a level's title, whole numbers (half- or full-width), numbered lines.

The inverse of what :mod:`stdkit.interchange.layout` and the export print; none of it touches a file or
a finding. A number longer than any stdkit accepts is read as ``MAX_NUMBER + 1``, never converted.
"""

from __future__ import annotations

import re
import unicodedata

from stdkit import ladder
from stdkit.interchange import layout
from stdkit.ladder import Level
from stdkit.load import MAX_NUMBER

#: The names of the ladder, longest first so that 高级技师 is not read as 技师.
_NAMES = sorted(
    [(step.name, step.level) for step in ladder.LADDER]
    + [(step.grade, step.level) for step in ladder.LADDER if step.grade],
    key=lambda pair: -len(pair[0]),
)
_SUFFIX = re.compile(r"^(?P<base>.*?)[（(](?P<own>[^（）()]+)[）)]$")
_NUMBER = re.compile(r"^\s*([0-9０-９]+)\s*[%％]?\s*$")
_SPLIT = re.compile(
    r"(?<=[。；;])\s*(?=(?:[（(][0-9０-９一二三四五六七八九十]+[）)]|[①-⑳]|\d+(?:[.．]\d+)+\s|\d+[.．、](?![0-9])))"
)
_WIDE = str.maketrans("０１２３４５６７８９．", "0123456789.")


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


def lines(text_lines: list[str]) -> list[str]:
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


def per_level_ints(text: str) -> dict[str, int] | int | None:
    """``90`` → 90; ``五级/初级工90；四级/中级工120`` → {L5: 90, L4: 120}; None when unreadable."""
    single = whole_number(text)
    if single is not None:
        return single
    values: dict[str, int] = {}
    for part in re.split(r"[；;]", text):
        match = re.match(r"^(.*?)([0-9０-９]+)$", part.strip())
        found = parse_level(match.group(1)) if match else None
        if match is None or found is None:
            return None
        values[found[0].value] = digits(match.group(2))
    return values or None


def pass_mark(text: str) -> int | dict[str, int] | None:
    """``60分`` → 60; ``理论知识考试60分；技能考核70分`` → {theory: 60, skill: 70}."""
    single = whole_number(text.removesuffix("分"))
    if single is not None:
        return single
    marks: dict[str, int] = {}
    for part in re.split(r"[；;]", text):
        match = re.match(r"^(.*?)([0-9]+)分$", part.strip())
        method = layout.METHOD_OF_NAME.get(match.group(1)) if match else None
        if match is None or method is None:
            return None
        marks[method.value] = digits(match.group(2))
    return marks or None


def whole_number(text: str) -> int | None:
    """``45``, ``４５``, ``45%`` → 45; None when the text is not one whole number."""
    match = _NUMBER.match(text.translate(_WIDE))
    return digits(match.group(1)) if match else None


def digits(text: str) -> int:
    """Digits (half- or full-width) as a number. One longer than any stdkit accepts is MAX_NUMBER + 1,
    refused as too large once the draft is bound (:func:`stdkit.interchange.docx.bind.bind`): Python
    will not convert 4,300 digits or more, and a YAML document may not hold such a number (YML016)."""
    significant = text.translate(_WIDE).lstrip("0")
    if len(significant) > len(str(MAX_NUMBER)):
        return MAX_NUMBER + 1
    return int(significant or "0")


def code(text: str) -> str:
    """A code as typed: ``６－１８－０２－０４`` (full-width digits and dashes, spaces) → ``6-18-02-04``."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("—", "-").replace("–", "-")
