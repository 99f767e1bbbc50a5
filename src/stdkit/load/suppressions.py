"""``# stdkit: ignore CODE reason`` comments: which findings an author has accepted, and why.

A suppression on its own line covers the next line, after a value it covers its own line, and
before the first key it covers the whole document. The text is scanned line by line for the words,
before anything composes. Nothing here raises on any input.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from typing import Any

_SUPPRESSION = re.compile(r"#\s*stdkit:\s*ignore\s+([A-Z]{3}\d{3}(?:\s*,\s*[A-Z]{3}\d{3})*)\s*(.*)$")


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

    The YAML writer (:mod:`stdkit.interchange.yaml_out`) makes sure no line it writes reads as one.
    """
    return _scan(text)


def _scan(text: str) -> Iterator[Suppression]:
    if "stdkit:" not in text:
        return
    seen_key = False
    # split on LF only: str.splitlines() also splits at form feeds and U+2028, which git does not
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        own_line = stripped.startswith("#")
        match = _SUPPRESSION.search(line)
        if match is not None:
            codes = tuple(code.strip() for code in match.group(1).split(","))
            reason = match.group(2).strip()
            yield Suppression(
                number + 1 if own_line else number, codes, reason, own_line and not seen_key, number
            )
        if stripped and not own_line:
            seen_key = True
