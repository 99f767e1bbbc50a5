"""``# stdkit: ignore CODE reason`` comments: which findings an author has accepted, and why.

A suppression is a YAML comment: on its own line it covers the next line, after a value it covers
its own line, and before the first key it covers the whole document. The text is scanned line by
line for the words (cheap, and possible before anything composes); a match counts only where its
``#`` lies outside every scalar of the composed document, since the same words inside a quoted
value, a plain value (``a#b``) or the text of a block scalar (``|``, ``>``) are the value's own text
and must suppress nothing (nor be reported as unused, USE002). A file that does not compose keeps the
line scan's matches: they are never applied, because only a document that loads has findings to
suppress. Nothing here raises on any input.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import yaml

#: The words up to the codes; the rest of the line is the reason. Matched from each ``#`` in turn, so the
#: pattern stops at the codes: a line of words inside a value costs its length, not its length squared.
_SUPPRESSION = re.compile(r"#\s*stdkit:\s*ignore\s+([A-Z]{3}\d{3}(?:\s*,\s*[A-Z]{3}\d{3})*)")
#: A block scalar's header up to its indicator: node properties (tag, anchor), spaces and comments.
_BEFORE_INDICATOR = re.compile(r"(?:[!&]\S*+|#[^\n]*+|\s++)*+")


@dataclasses.dataclass(frozen=True, slots=True)
class Suppression:
    """A ``# stdkit: ignore CODE reason`` comment: on its own line it covers the next line."""

    line: int  # the line it covers
    codes: tuple[str, ...]
    reason: str
    whole_document: bool  # written before the first key
    comment_line: int  # where the comment itself stands

    def row(self) -> list[Any]:
        """Plain data for msgpack (the cache's records, the memo and the base)."""
        return [self.line, list(self.codes), self.reason, self.whole_document, self.comment_line]

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> Suppression:
        """The inverse of :meth:`row` (a wrong shape raises ValueError, TypeError or IndexError)."""
        line, codes, reason, whole_document, comment_line = row
        return cls(int(line), tuple(map(str, codes)), str(reason), bool(whole_document), int(comment_line))


def lines(text: str) -> Iterator[Suppression]:
    """Each line's first ``# stdkit: ignore``, whatever YAML makes of it (the line scan).

    What a tool that reads lines sees; the YAML writer (:mod:`stdkit.interchange.yaml_out`) makes
    sure no line it writes reads as one even so.
    """
    return _scan(text, lambda _: False)


def comments(text: str, root: yaml.Node) -> tuple[Suppression, ...]:
    """The suppressions of the document composed from ``text`` as ``root``: YAML comments only."""
    if "stdkit:" not in text:
        return ()
    starts, ends = _scalar_spans(text, root)

    def in_scalar(offset: int) -> bool:
        at = bisect.bisect_right(starts, offset) - 1
        return at >= 0 and offset < ends[at]

    return tuple(_scan(text, in_scalar))


def _scan(text: str, in_scalar: Callable[[int], bool]) -> Iterator[Suppression]:
    """Each line's first match whose ``#`` (at its offset in ``text``) is not ``in_scalar``."""
    if "stdkit:" not in text:
        return
    seen_key = False
    offset = 0
    # split on LF only: str.splitlines() also splits at form feeds and U+2028, which git does not
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        own_line = stripped.startswith("#")
        match = next((m for m in _SUPPRESSION.finditer(line) if not in_scalar(offset + m.start())), None)
        if match is not None:
            codes = tuple(code.strip() for code in match.group(1).split(","))
            reason = line[match.end() :].strip()
            yield Suppression(
                number + 1 if own_line else number, codes, reason, own_line and not seen_key, number
            )
        if stripped and not own_line:
            seen_key = True
        offset += len(line) + 1


def _scalar_spans(text: str, root: yaml.Node) -> tuple[list[int], list[int]]:
    """Where each scalar's text starts, sorted, and the furthest any of those so far ends (offsets in ``text``).

    A scalar starts at its properties or its first character and ends after its last (libyaml's
    marks count characters, as ``text`` does); a block scalar's text starts on the line after its
    indicator, so that the comment of its header line stays a comment. Every distinct node is
    visited once, however often it is aliased.
    """
    spans: list[tuple[int, int]] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            spans.append((_text_start(text, node), node.end_mark.index))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        else:
            stack.extend(part for pair in node.value for part in pair)
    spans.sort()
    starts = [start for start, _ in spans]
    ends: list[int] = []
    furthest = 0
    for _, end in spans:
        furthest = max(furthest, end)
        ends.append(furthest)
    return starts, ends


def _text_start(text: str, node: yaml.ScalarNode) -> int:
    start: int = node.start_mark.index
    if node.style not in ("|", ">"):
        return start
    indicator = _BEFORE_INDICATOR.match(text, start)
    line_end = text.find("\n", indicator.end() if indicator else start)
    return node.end_mark.index if line_end < 0 else min(line_end + 1, node.end_mark.index)
