"""The 细目表 workbook's bytes: XlsxWriter's parts made once per shape, the cells written here.

A 细目表 workbook is mostly parts that do not depend on its cells: the theme, the content types, the
relationships, workbook.xml and app.xml (they depend on the sheets' names and print titles), each
sheet's views, columns and print settings, and styles.xml (it depends on which formats the cells use,
in the order they are first used). :func:`package` asks XlsxWriter for those once per process for each
shape of workbook (:func:`_skeleton`, :func:`_styles`, :func:`_core`) and keeps them deflated; it writes
only the sheets' cells, merged ranges and dimensions, and the shared strings, and zips the parts with
the headers :func:`~stdkit.workbook.stamp.restamp` would give them. The bytes are
:func:`~stdkit.workbook.reference.reference`'s, byte for byte (tests compare every sample, a generated
corpus and random sheets): this module must never write a part XlsxWriter would write differently.

Author text stays inert: every string is XlsxWriter's own shared string (its escapes for control
characters and XML, its ``xml:space``), and a cell holds only its index, never a formula.
"""

from __future__ import annotations

import datetime
import functools
import io
import math
import re
import struct
import zipfile
import zlib
from collections.abc import Sequence

from stdkit.workbook.cells import SPECS, Sheet, Spec, format_properties, inert
from stdkit.workbook.reference import reference, text_si

#: The shape of a workbook apart from its cells: each sheet's name and recorded page calls.
Shape = tuple[tuple[str, tuple[tuple[str, tuple[float | None, ...]], ...]], ...]
#: A zip member ready to be written: (name, CRC-32, deflated bytes, size).
Member = tuple[bytes, int, bytes, int]

_SHEET = "xl/worksheets/sheet{}.xml"
_STRINGS = "xl/sharedStrings.xml"
_VARIABLE = frozenset({_STRINGS, "xl/styles.xml", "docProps/core.xml"})
_ROW = re.compile(r'<row r="(\d+)"(?: spans="[^"]*")?([^>]*?)/?>')
#: What XlsxWriter treats specially in a shared string: control characters and ``_xHHHH_`` (escaped),
#: XML's &, < and > (its escape pass also looks for " and line feeds), whitespace at either end
#: (``xml:space``), and ``<r>`` (a rich string). A string with none of these is written as it is.
_SPECIAL = re.compile(r'[\x00-\x1f"&<>\ufffe\uffff]|_x[0-9a-fA-F]{4}_|^\s|\s$|^<r>')
#: Longer strings may be truncated by XlsxWriter: a workbook with one goes to the reference writer.
_SHORT = 32767 // 2
#: zipfile's local header, central directory record and end record.
_LOCAL, _CENTRAL, _END = "<4s2B4HL2L2H", "<4s4B4HL2L5H2L", "<4s4H2LH"
_SST = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{}" uniqueCount="{}">'
)


def package(sheets: Sequence[Sheet], when: datetime.date) -> bytes:
    """The .xlsx bytes of ``sheets`` dated ``when``: :func:`~stdkit.workbook.reference.reference`'s.

    A workbook this module does not write as XlsxWriter would (a string XlsxWriter truncates, a
    number that is not finite, no string at all) is left to :func:`~stdkit.workbook.reference.reference`.
    """
    try:
        return _package(sheets, when)
    except _UnusualCellError:
        return reference(sheets, when)


class _UnusualCellError(Exception):
    """A cell XlsxWriter treats in a way :func:`package` does not copy."""


def _package(sheets: Sequence[Sheet], when: datetime.date) -> bytes:
    skeleton = _skeleton(tuple((sheet.name, sheet.page.key()) for sheet in sheets))
    strings: dict[str, int] = {}
    formats: dict[int, int] = {}  # a format (its number in _FORMATS) → its number in the workbook
    written = 0
    parts: dict[str, Member] = {}
    for number, (sheet, (head, middle, tail, heights)) in enumerate(
        zip(sheets, skeleton.sheets, strict=True), 1
    ):
        ranges, hidden = sheet.ranges()
        table, count = _table(sheet, ranges, hidden, strings)
        written += count
        dimension, data = _sheet_data(table, heights, formats)
        xml = f"{head}{dimension}{middle}{data}{_merges(ranges)}{tail}"
        parts[_SHEET.format(number)] = _deflated(_SHEET.format(number), xml.encode())
    if not written:
        raise _UnusualCellError  # no shared strings: XlsxWriter writes no such part (a 细目表 always has text)
    parts[_STRINGS] = _deflated(_STRINGS, _shared_strings(strings, written).encode())
    parts["xl/styles.xml"] = _styles(tuple(_FORMATS[each] for each in formats))
    parts["docProps/core.xml"] = _core(when)
    members = [parts.get(name) or skeleton.members[name] for name in skeleton.order]
    return _zip(members, when)


class _Skeleton:
    """XlsxWriter's workbook of one shape without cells: its parts, and each sheet's XML around its cells."""

    def __init__(
        self, order: list[str], members: dict[str, Member], sheets: list[tuple[str, str, str, dict[int, str]]]
    ):
        self.order = order
        self.members = members
        #: per sheet: the XML before <dimension>, between it and <sheetData>, after </sheetData>, and
        #: the attributes of the rows given a height (0-based row → ' ht="…" customHeight="1"')
        self.sheets = sheets


@functools.lru_cache(maxsize=256)
def _skeleton(shape: Shape) -> _Skeleton:
    """XlsxWriter's workbook of ``shape`` with one string (so it has shared strings) and no other cell."""
    import xlsxwriter  # type: ignore[import-untyped]  # ships no type information

    raw = io.BytesIO()
    book = xlsxwriter.Workbook(raw, {"in_memory": True})
    for number, (name, calls) in enumerate(shape):
        worksheet = book.add_worksheet(name)
        for call, arguments in calls:
            getattr(worksheet, call)(*arguments)
        if number == 0:
            worksheet._write_string(0, 0, "x")
    book.close()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as archive:
        order = archive.namelist()
        texts = {name: archive.read(name) for name in order}
    sheets = [_around_cells(texts[_SHEET.format(n)].decode()) for n in range(1, len(shape) + 1)]
    members = {
        name: _deflated(name, text)
        for name, text in texts.items()
        if name not in _VARIABLE and not name.startswith("xl/worksheets/")
    }
    return _Skeleton(order, members, sheets)


def _around_cells(xml: str) -> tuple[str, str, str, dict[int, str]]:
    dimension = xml.index("<dimension ")
    after = xml.index("/>", dimension) + 2
    data = xml.index("<sheetData")
    if xml.startswith("<sheetData/>", data):
        end, rows = data + len("<sheetData/>"), ""
    else:
        end = xml.index("</sheetData>", data) + len("</sheetData>")
        rows = xml[data:end]
    heights = {int(row) - 1: extra for row, extra in _ROW.findall(rows) if extra}
    return xml[:dimension], xml[after:data], xml[end:], heights


#: The distinct cell formats (styles that look alike share one), and each (style, quoted)'s among them.
_FORMATS: list[Spec] = list(dict.fromkeys(SPECS.values()))
_FORMAT_OF: dict[tuple[str, bool], int] = {key: _FORMATS.index(value) for key, value in SPECS.items()}
#: A cell of the table: its format (in _FORMATS) and its XML after the format's number.
_Entry = tuple[int, str]


def _table(
    sheet: Sheet,
    ranges: list[tuple[int, int, int, int, str]],
    hidden: set[tuple[int, int]],
    strings: dict[str, int],
) -> tuple[dict[int, dict[int, _Entry]], int]:
    """The cells (0-based) as XlsxWriter's table holds them after :meth:`Sheet.close`'s writes: each merged
    range blank in its first cell's style, then the values put (not in a range's other cells); the
    shared strings indexed in writing order. Returns the table and the number of string cells."""
    table: dict[int, dict[int, _Entry]] = {}
    for top, left, bottom, right, style in ranges:
        blank = (_FORMAT_OF[style, False], "/>")
        if left < right:
            for row in range(top - 1, bottom):
                table.setdefault(row, {}).update(dict.fromkeys(range(left - 1, right), blank))
            continue
        for row in range(top - 1, bottom):  # one column (most ranges): a cell a row
            cells = table.get(row)
            if cells is None:
                cells = table[row] = {}
            cells[left - 1] = blank
    count = 0
    for key, (put, style) in sheet.cells.items():
        if key in hidden:
            continue
        value = put
        if (
            type(put) is not str
            and put is not None
            and (type(put) is bool or not isinstance(put, int | float))
        ):
            value = str(put)  # anything else is written as its text, as cells.written_cell does
        if type(value) is str and value:
            text, quoted = inert(value)
            if len(text) > _SHORT:
                raise _UnusualCellError  # XlsxWriter may truncate it (32,767 UTF-16 units at most)
            count += 1
            index = strings.setdefault(text, len(strings))
            entry = (_FORMAT_OF[style, quoted], f' t="s"><v>{index}</v></c>')
        else:  # a number or a blank
            entry = _other(None if value == "" else value, _FORMAT_OF[style, False])  # type: ignore[arg-type]
        cells = table.get(key[0] - 1)
        if cells is None:
            cells = table[key[0] - 1] = {}
        cells[key[1] - 1] = entry
    return table, count


def _other(value: float | None, cell_format: int) -> _Entry:
    """A blank or number cell's entry."""
    if value is None:
        return cell_format, "/>"
    if not math.isfinite(value):
        raise _UnusualCellError  # XlsxWriter refuses it (or writes an error formula, if asked to)
    return cell_format, f"><v>{value:.16G}</v></c>"


def _sheet_data(
    table: dict[int, dict[int, _Entry]], heights: dict[int, str], formats: dict[int, int]
) -> tuple[str, str]:
    """``<dimension>`` and ``<sheetData>`` as XlsxWriter writes them; formats numbered on first use."""
    if not table and not heights:
        return '<dimension ref="A1"/>', "<sheetData/>"
    rows = sorted(table.keys() | heights.keys())
    spans = _spans(table)
    out = ["<sheetData>"]
    letters = [_column(c) for c in range(max(max(cells) for cells in table.values()) + 1)] if table else []
    for row in rows:
        start = f'<row r="{row + 1}"{spans.get(row // 16, "")}{heights.get(row, "")}'
        cells = table.get(row)
        if not cells:
            out.append(f"{start}/>")
            continue
        out.append(f"{start}>")
        at = row + 1
        for column in sorted(cells):
            cell_format, rest = cells[column]
            index = formats.get(cell_format)
            if index is None:
                index = formats[cell_format] = len(formats) + 1
            out.append(f'<c r="{letters[column]}{at}" s="{index}"{rest}')
        out.append("</row>")
    out.append("</sheetData>")
    return _dimension(rows, table, heights), "".join(out)


def _dimension(rows: list[int], table: dict[int, dict[int, _Entry]], heights: dict[int, str]) -> str:
    """The cells' range: every cell written, and column A of a row given a height (as ``set_row`` counts it)."""
    columns = [c for cells in table.values() for c in cells] + ([0] if heights else [])
    first, last = min(columns), max(columns)
    top, bottom = rows[0], rows[-1]
    corner = f"{_column(first)}{top + 1}"
    ref = corner if (top, first) == (bottom, last) else f"{corner}:{_column(last)}{bottom + 1}"
    return f'<dimension ref="{ref}"/>'


def _spans(table: dict[int, dict[int, _Entry]]) -> dict[int, str]:
    """A row's ``spans``: the columns the cells of its block of 16 rows span."""
    bounds: dict[int, tuple[int, int]] = {}
    for row, cells in table.items():
        low, high = min(cells), max(cells)
        if row // 16 in bounds:
            low, high = min(low, bounds[row // 16][0]), max(high, bounds[row // 16][1])
        bounds[row // 16] = (low, high)
    return {block: f' spans="{low + 1}:{high + 1}"' for block, (low, high) in bounds.items()}


def _merges(ranges: list[tuple[int, int, int, int, str]]) -> str:
    if not ranges:
        return ""
    refs = "".join(
        f'<mergeCell ref="{_column(left - 1)}{top}:{_column(right - 1)}{bottom}"/>'
        for top, left, bottom, right, _ in ranges
    )
    return f'<mergeCells count="{len(ranges)}">{refs}</mergeCells>'


@functools.cache
def _column(index: int) -> str:
    """A, B, … Z, AA … for a 0-based column, as XlsxWriter names it."""
    from xlsxwriter.utility import xl_col_to_name  # type: ignore[import-untyped]  # ships no types

    return str(xl_col_to_name(index))


def _shared_strings(strings: dict[str, int], count: int) -> str:
    """sharedStrings.xml as XlsxWriter writes it. A string that needs none of its treatments (an escape
    for a control character or for ``_xHHHH_``, XML escapes, ``xml:space``, a rich string) is written
    here; any other by XlsxWriter's own writer of a string (as text: :func:`~stdkit.workbook.reference.text_si`)."""
    from xlsxwriter.sharedstrings import SharedStrings  # type: ignore[import-untyped]  # ships no types

    out = io.StringIO()
    writer = SharedStrings()
    writer._set_filehandle(out)
    out.write(_SST.format(count, len(strings)))
    plain: list[str] = []
    for string in strings:  # a dict keeps its insertion order: the index order
        if _SPECIAL.search(string):
            out.write("".join(plain))
            plain.clear()
            text_si(writer, string)
        else:
            plain.append(f"<si><t>{string}</t></si>")
    out.write("".join(plain))
    out.write("</sst>")
    return out.getvalue()


@functools.lru_cache(maxsize=256)
def _styles(formats: tuple[Spec, ...]) -> Member:
    """styles.xml for cells using ``formats`` in this order of first use (XlsxWriter numbers them so)."""
    import xlsxwriter

    raw = io.BytesIO()
    book = xlsxwriter.Workbook(raw, {"in_memory": True})
    worksheet = book.add_worksheet()
    for column, cell_format in enumerate(formats):
        worksheet._write_blank(0, column, None, book.add_format(format_properties(cell_format)))
    book.close()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as archive:
        return _deflated("xl/styles.xml", archive.read("xl/styles.xml"))


@functools.lru_cache(maxsize=4096)
def _core(when: datetime.date) -> Member:
    """docProps/core.xml of a workbook dated ``when``, by XlsxWriter's own writer."""
    from xlsxwriter.core import Core  # type: ignore[import-untyped]  # ships no type information

    out = io.StringIO()
    core = Core()
    core._set_properties({"author": "stdkit", "created": datetime.datetime.combine(when, datetime.time())})
    core._set_xml_writer(out)
    core._assemble_xml_file()
    return _deflated("docProps/core.xml", out.getvalue().encode())


def _deflated(name: str, data: bytes) -> Member:
    """As zipfile deflates a member (default level, raw deflate), with its CRC and size."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return name.encode("ascii"), zlib.crc32(data), compressor.compress(data) + compressor.flush(), len(data)


def _zip(members: list[Member], when: datetime.date) -> bytes:
    """The zip zipfile writes, with the headers :func:`~stdkit.workbook.stamp.restamp` gives it:
    every entry dated ``when`` at 00:00, made on Unix, rw-r--r--."""
    date = (when.year - 1980) << 9 | when.month << 5 | when.day
    out = bytearray()
    directory = bytearray()
    method = (0, 8, 0, date)  # no flags, deflated, 00:00 on the date
    for name, crc, data, size in members:
        offset = len(out)
        out += struct.pack(_LOCAL, b"PK\x03\x04", 20, 0, *method, crc, len(data), size, len(name), 0)
        out += name
        out += data
        versions = (20, 3, 20, 0)  # made by zip 2.0 on Unix, needs 2.0
        lengths = (len(name), 0, 0, 0, 0)  # no extra field, comment, disk number or internal attributes
        directory += struct.pack(
            _CENTRAL, b"PK\x01\x02", *versions, *method, crc, len(data), size, *lengths, 0o644 << 16, offset
        )
        directory += name
    start = len(out)
    out += directory
    out += struct.pack(_END, b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), start, 0)
    return bytes(out)
