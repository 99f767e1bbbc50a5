"""Cells as a worksheet holds them: author text made inert, one format per style, merges collected first.

Author text is untrusted: every cell goes through :meth:`Sheet.put` and is written as a string cell
(never a formula), with the quote prefix when a spreadsheet could still read it as one, and with
the control characters a worksheet cannot hold shown as escapes. A :class:`Sheet` only records: what
it holds is turned into a worksheet by :mod:`~stdkit.workbook.xlsx` (the published bytes) or
:mod:`~stdkit.workbook.reference` (XlsxWriter's own writer, which the package must equal byte for byte).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from stdkit.untrusted import printable

#: A cell whose text starts with one of these is read as a formula (or DDE) by Excel, LibreOffice
#: or a CSV import of the sheet (OWASP "CSV injection"): a skill line `=HYPERLINK(...)` would be a live link.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_FORMULA_OR_SPACE = frozenset((*_FORMULA_START, " "))
#: Characters a worksheet cannot hold (XML 1.0 forbids them); shown as escapes instead.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: Cell styles: (bold, size, font colour, fill, boxed, horizontal alignment, wrap).
_STYLES: dict[str, tuple[bool, int, str | None, str | None, bool, str, bool]] = {
    "title": (True, 14, None, None, False, "center", False),
    "label": (True, 11, None, None, False, "center", True),
    "fact": (False, 11, None, None, False, "left", True),
    "note": (False, 11, None, None, False, "left", True),
    "head": (True, 11, None, "#E7E6E6", True, "center", True),
    "total": (True, 11, None, "#E7E6E6", True, "center", True),
    "centre": (False, 11, None, None, True, "center", True),
    "number": (False, 11, None, None, True, "center", True),
    "text": (False, 11, None, None, True, "left", True),
    "small": (False, 8, "#555555", None, True, "left", True),
}


def inert(value: str) -> tuple[str, bool]:
    """Author text as a worksheet can hold it, and whether it needs the quote prefix.

    Author text is untrusted. It is always written as a string cell (``write_string``, never
    XlsxWriter's ``write``, which would store ``=…`` as a formula); a value a spreadsheet could
    still read as a formula once edited or exported to CSV also carries the quote prefix (as if
    typed with a leading ``'``: shown without it). Control characters, which the file format
    cannot hold, are shown as escapes.
    """
    if not value.isprintable() and _ILLEGAL.search(value):
        value = _ILLEGAL.sub(lambda m: printable(m.group()), value)
    if value[:1] not in _FORMULA_OR_SPACE:  # the common case: no quote prefix
        return value, False
    return value, value.lstrip(" ").startswith(_FORMULA_START)


#: A cell's format: its style's properties and whether it carries the quote prefix. Formats are told
#: apart by these values (``head`` and ``total`` look alike, so they are one format, as XlsxWriter makes them).
Spec = tuple[tuple[bool, int, str | None, str | None, bool, str, bool], bool]
#: A merged range (0-based top, left, bottom, right) and the format of its blank cells.
Range = tuple[int, int, int, int, Spec]
#: A cell as written (0-based row, column): a string (already inert), a number, or None for a blank.
Cell = tuple[int, int, "str | int | float | None", Spec]


#: Each style's format, without and with the quote prefix.
SPECS: dict[tuple[str, bool], Spec] = {
    (name, q): (each, q) for name, each in _STYLES.items() for q in (False, True)
}


def spec(style: str, quoted: bool = False) -> Spec:
    return SPECS[style, quoted]


def format_properties(cell_format: Spec) -> dict[str, object]:
    """The XlsxWriter ``add_format`` properties of a cell format."""
    (bold, size, colour, fill, boxed, horizontal, wrap), quoted = cell_format
    properties: dict[str, object] = {"align": horizontal, "valign": "vcenter", "font_size": size}
    if bold:
        properties["bold"] = True
    if colour:
        properties["font_color"] = colour
    if fill:
        properties |= {"pattern": 1, "bg_color": fill}
    if boxed:
        properties |= {"border": 1, "border_color": "#000000"}
    if wrap:
        properties["text_wrap"] = True
    if quoted:
        properties["quote_prefix"] = True
    return properties


class Page:
    """A worksheet's print and view settings, recorded as the XlsxWriter calls that make them.

    Both writers replay them on an XlsxWriter worksheet (the package once per shape of workbook), so
    the settings' XML is always XlsxWriter's own. Only the calls the sheets use are offered.
    """

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[float | None, ...]]] = []

    def set_landscape(self) -> None:
        self.calls.append(("set_landscape", ()))

    def set_paper(self, paper: int) -> None:
        self.calls.append(("set_paper", (paper,)))

    def fit_to_pages(self, width: int, height: int) -> None:
        self.calls.append(("fit_to_pages", (width, height)))

    def repeat_rows(self, first: int, last: int | None = None) -> None:
        self.calls.append(("repeat_rows", (first, last)))

    def center_horizontally(self) -> None:
        self.calls.append(("center_horizontally", ()))

    def set_margins(self, left: float, right: float, top: float, bottom: float) -> None:
        self.calls.append(("set_margins", (left, right, top, bottom)))

    def freeze_panes(self, row: int, column: int) -> None:
        self.calls.append(("freeze_panes", (row, column)))

    def set_row(self, row: int, height: float) -> None:
        self.calls.append(("set_row", (row, height)))

    def set_column(self, first: int, last: int, width: float) -> None:
        self.calls.append(("set_column", (first, last, width)))

    def replay(self, worksheet: Any) -> None:  # an XlsxWriter worksheet: XlsxWriter ships no types
        for name, arguments in self.calls:
            getattr(worksheet, name)(*arguments)

    def key(self) -> tuple[tuple[str, tuple[float | None, ...]], ...]:
        return tuple(self.calls)

    def heights(self) -> set[int]:
        """The rows (0-based) given a height: a worksheet writes them even without cells."""
        return {int(arguments[0] or 0) for name, arguments in self.calls if name == "set_row"}


class Sheet:
    """One worksheet being laid out: cells, merges and page settings are recorded, then written whole.

    Recording first gives the merge semantics the layout functions rely on (a value put in a
    merged range's other cells is dropped, the range takes its first cell's style) whatever the
    order of ``put`` and ``merge``; XlsxWriter itself wants each merge before its first cell's value.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.page = Page()
        self.cells: dict[tuple[int, int], tuple[object, str]] = {}
        self.merges: list[tuple[int, int, int, int]] = []

    def put(self, row: int, column: int, value: object, style: str) -> None:
        """Write one cell (1-based): every value of the workbook goes through here."""
        self.cells[row, column] = (value, style)

    def merge(self, top: int, left: int, bottom: int, right: int) -> None:
        if (top, left) != (bottom, right):
            self.merges.append((top, left, bottom, right))

    def widths(self, chars: Iterable[int]) -> None:
        """Column widths in characters, stored as given (XlsxWriter adds 5 pixels of padding to a
        width: taking them off keeps the columns exactly as wide as the sheets have always been)."""
        for column, width in enumerate(chars):
            self.page.set_column(column, column, width - 5 / 7)

    def ranges(self) -> tuple[list[tuple[int, int, int, int, str]], set[tuple[int, int]]]:
        """The merged ranges (1-based, with the style of their first cell, whose value they show) and
        the cells they hide (a range's other cells: a value put there is dropped)."""
        covered: set[tuple[int, int]] = set()
        ranges = []
        for top, left, bottom, right in self.merges:
            cells = [(r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)]
            if not covered.isdisjoint(cells):  # a layout bug: Excel calls such a file corrupt
                raise ValueError(f"overlapping merged ranges at row {top}, column {left}")
            covered.update(cells)
            _, style = self.cells.get((top, left), (None, "text"))
            ranges.append((top, left, bottom, right, style))
        return ranges, covered.difference([(top, left) for top, left, _, _, _ in ranges])

    def close(self) -> tuple[list[Range], list[Cell]]:
        """What a writer writes, 0-based, in this order: the merged ranges (each a blank in its first
        cell's style in every cell), then the cells as put, but not a range's other cells."""
        merged, hidden = self.ranges()
        ranges: list[Range] = [
            (t - 1, lf - 1, b - 1, r - 1, SPECS[style, False]) for t, lf, b, r, style in merged
        ]
        written = [
            written_cell(row - 1, column - 1, value, style)
            for (row, column), (value, style) in self.cells.items()
            if (row, column) not in hidden
        ]
        return ranges, written


def written_cell(row: int, column: int, value: object, style: str) -> Cell:
    """A value as a worksheet holds it: a string made inert (with its quote prefix), a number, a blank
    (None or ""), anything else as its text."""
    if isinstance(value, str) and value:
        text, quoted = inert(value)
        return row, column, text, spec(style, quoted)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return row, column, value, spec(style)
    if value is None or value == "":
        return row, column, None, spec(style)
    return written_cell(row, column, str(value), style)
