"""Cells as a worksheet holds them: author text made inert, one format per style, merges collected first.

Author text is untrusted: every cell goes through :meth:`Sheet.put` and is written as a string cell
(never a formula), with the quote prefix when a spreadsheet could still read it as one, and with
the control characters a worksheet cannot hold shown as escapes. The cell writer is XlsxWriter's own,
byte for byte, for the three kinds of cell the sheets hold (a test compares them); it must never
write a cell XlsxWriter would write differently.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from stdkit.untrusted import printable

#: A cell whose text starts with one of these is read as a formula (or DDE) by Excel, LibreOffice
#: or a CSV import of the sheet (OWASP "CSV injection"): a skill line `=HYPERLINK(...)` would be a live link.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
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
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub(lambda m: printable(m.group()), value)
    return value, value.lstrip(" ").startswith(_FORMULA_START)


@functools.cache
def worksheet_class() -> type:
    """XlsxWriter's worksheet, writing the three kinds of cell the sheets hold with one string each.

    XlsxWriter serialises a cell through a list of attributes, an escaping pass over each and a
    dispatch on the cell's class name; a 细目表 has ≈ 950 cells (two thirds of them the blank cells
    of merged ranges), so serialising them was a quarter of a workbook's time (one string each: 10.3 →
    8.9 ms a level). The XML is byte for byte XlsxWriter's own for these kinds: a test compares every
    workbook of the samples both ways (1,229 of a generated corpus were compared when this was
    written). Any other kind, or a cell without a format, is left to XlsxWriter.
    """
    from xlsxwriter.utility import xl_rowcol_to_cell_fast  # type: ignore[import-untyped]  # XlsxWriter ships no types
    from xlsxwriter.worksheet import CellBlankTuple, Worksheet  # type: ignore[import-untyped]  # XlsxWriter ships no types

    class Cells(Worksheet):  # type: ignore[misc]  # XlsxWriter ships no type information
        def merge_blank(self, top: int, left: int, bottom: int, right: int, cell_format: Any) -> None:
            """``merge_range(top, left, bottom, right, "", cell_format)`` without re-checking each cell:
            :meth:`Sheet.close` has made sure no two merges share a cell."""
            self._check_dimensions(top, left)
            self._check_dimensions(bottom, right)
            self.merge.append([top, left, bottom, right])
            blank = CellBlankTuple(cell_format)
            for row in range(top, bottom + 1):
                cells = self.table[row]
                for col in range(left, right + 1):
                    cells[col] = blank

        def _write_cell(self, row: int, col: int, cell: Any) -> None:
            kind = type(cell).__name__
            if not cell.format or kind not in _OWN_CELLS:
                super()._write_cell(row, col, cell)
                return
            head = f'<c r="{xl_rowcol_to_cell_fast(row, col)}" s="{cell.format._get_xf_index()}"'
            if kind == "String":  # an index into the shared strings
                self.fh.write(f'{head} t="s"><v>{cell.string}</v></c>')
            elif kind == "Number":
                self.fh.write(f"{head}><v>{cell.number:.16G}</v></c>")
            else:
                self.fh.write(f"{head}/>")

    return Cells


_OWN_CELLS = frozenset({"String", "Number", "Blank"})


class Sheet:
    """One worksheet being laid out: cells and merges are collected, then written by :meth:`close`.

    Collecting first gives the merge semantics the layout functions rely on (a value put in a
    merged range's other cells is dropped, the range takes its first cell's style) whatever the
    order of ``put`` and ``merge``; XlsxWriter itself wants each merge before its first cell's value.
    """

    def __init__(self, book: Any, name: str, formats: dict[tuple[str, bool], Any]) -> None:
        self.book = book
        self.formats = formats  # shared by the workbook's sheets: one Format per style
        self.sheet = book.add_worksheet(name, worksheet_class=worksheet_class())
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
            self.sheet.set_column(column, column, width - 5 / 7)

    def close(self) -> None:
        merged: set[tuple[int, int]] = set()
        hidden: set[tuple[int, int]] = set()  # merged, but not a range's first cell (which holds its value)
        for top, left, bottom, right in self.merges:
            cells = {(r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)}
            if cells & merged:  # a layout bug: Excel calls such a file corrupt
                raise ValueError(f"overlapping merged ranges at row {top}, column {left}")
            merged |= cells
            hidden |= cells - {(top, left)}
            _, style = self.cells.get((top, left), (None, "text"))
            self.sheet.merge_blank(top - 1, left - 1, bottom - 1, right - 1, self._format(style, False))
        for (row, column), (value, style) in self.cells.items():
            if (row, column) not in hidden:
                self._write(row - 1, column - 1, value, style)

    def _write(self, row: int, column: int, value: object, style: str) -> None:
        # XlsxWriter's own cell writers, without its public methods' argument conversion (A1 strings)
        if isinstance(value, str) and value:
            text, quoted = inert(value)
            self.sheet._write_string(row, column, text, self._format(style, quoted))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            self.sheet._write_number(row, column, value, self._format(style, False))
        elif value is None or value == "":
            self.sheet._write_blank(row, column, None, self._format(style, False))
        else:
            self._write(row, column, str(value), style)

    def _format(self, style: str, quoted: bool) -> Any:
        formats = self.formats
        key = (style, quoted)
        if key not in formats:
            bold, size, colour, fill, boxed, horizontal, wrap = _STYLES[style]
            spec: dict[str, object] = {"align": horizontal, "valign": "vcenter", "font_size": size}
            if bold:
                spec["bold"] = True
            if colour:
                spec["font_color"] = colour
            if fill:
                spec |= {"pattern": 1, "bg_color": fill}
            if boxed:
                spec |= {"border": 1, "border_color": "#000000"}
            if wrap:
                spec["text_wrap"] = True
            if quoted:
                spec["quote_prefix"] = True
            formats[key] = self.book.add_format(spec)
        return formats[key]
