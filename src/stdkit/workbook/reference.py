"""The 细目表 workbook written by XlsxWriter alone: the reference the published bytes must equal.

:mod:`~stdkit.workbook.xlsx` writes the published bytes faster, with XlsxWriter's parts made once
per shape of workbook; this module writes the same recorded sheets through XlsxWriter's public
``merge_range`` and its cell writers, every part every time. The tests compare the two byte for byte
(every sample, a generated corpus, random sheets), so an XlsxWriter upgrade that changes what it
writes fails there instead of changing the published files unseen. It never reads the clock.
"""

from __future__ import annotations

import contextlib
import datetime
import io
from collections.abc import Iterator, Sequence
from typing import Any

from stdkit.workbook.cells import Sheet, Spec, format_properties
from stdkit.workbook.stamp import restamp


def reference(sheets: Sequence[Sheet], when: datetime.date) -> bytes:
    """The workbook of ``sheets`` as XlsxWriter writes it, dated ``when`` (zip entries and properties)."""
    import xlsxwriter  # type: ignore[import-untyped]  # ships no type information

    raw = io.BytesIO()
    book = xlsxwriter.Workbook(raw, {"in_memory": True})
    formats: dict[Spec, Any] = {}

    def made(cell_format: Spec) -> Any:
        if cell_format not in formats:
            formats[cell_format] = book.add_format(format_properties(cell_format))
        return formats[cell_format]

    for sheet in sheets:
        worksheet = book.add_worksheet(sheet.name)
        sheet.page.replay(worksheet)
        ranges, cells = sheet.close()
        for top, left, bottom, right, cell_format in ranges:
            worksheet.merge_range(top, left, bottom, right, "", made(cell_format))
        for row, column, value, cell_format in cells:
            # XlsxWriter's own cell writers: a string is always a string cell, never a formula
            if isinstance(value, str):
                worksheet._write_string(row, column, value, made(cell_format))
            elif value is None:
                worksheet._write_blank(row, column, None, made(cell_format))
            else:
                worksheet._write_number(row, column, value, made(cell_format))
    book.set_properties({"author": "stdkit", "created": datetime.datetime.combine(when, datetime.time())})
    with _strings_as_text():
        book.close()
    return restamp(raw.getvalue(), when)


def text_si(writer: Any, string: str) -> None:
    """XlsxWriter's ``<si>`` of a shared string, always as text (escaped). XlsxWriter writes a string that
    starts with ``<r>`` and ends with ``</r>`` raw, as rich-text XML: author text ``<r>&</r>`` made
    sharedStrings.xml malformed (Excel offers to repair the file) and ``<r><t>…</t></r>`` put runs of its
    own in the cell. Author text is inert: such a string is text like any other."""
    from xlsxwriter.sharedstrings import _preserve_whitespace  # type: ignore[import-untyped]

    string = writer._escape_control_characters(string)
    attributes = [("xml:space", "preserve")] if _preserve_whitespace(string) else []
    writer._xml_si_element(string, attributes)


@contextlib.contextmanager
def _strings_as_text() -> Iterator[None]:
    """XlsxWriter's shared strings written by :func:`text_si` while a workbook is closed (it writes them then)."""
    from xlsxwriter.sharedstrings import SharedStrings

    rich = SharedStrings._write_si
    SharedStrings._write_si = text_si
    try:
        yield
    finally:
        SharedStrings._write_si = rich
