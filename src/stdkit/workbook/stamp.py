"""An Office file's zip dated by its document, never by the clock: every entry stamped with one date.

Zip headers carry the time each member was written; XlsxWriter and python-docx write the clock's.
Restamped with the document's date (and fixed attributes), the same document gives the same bytes
on every build, so the sha256 in the blueprint index can be trusted. Used for the 细目表 workbooks
and the Word export.
"""

from __future__ import annotations

import datetime
import io
import struct
import zipfile

#: Zip entries need a date; 1980-01-01 is the earliest a zip can hold (used when a document has no issued date).
ZIP_EPOCH = datetime.date(1980, 1, 1)


def restamp(data: bytes, when: datetime.date) -> bytes:
    """The zip with every entry dated ``when`` and fixed attributes (zip headers carry the write time).

    The dates and attributes are patched in the headers (each local header and its central
    directory record), so the members are not inflated and deflated again; a zip this cannot
    walk (zip64, a comment, an unexpected signature) is rewritten member by member instead.
    """
    stamp = ((when.year - 1980) << 9 | when.month << 5 | when.day, 0)  # (DOS date, DOS time 00:00)
    out = bytearray(data)
    end = out.rfind(b"PK\x05\x06")
    if end < 0 or end + 22 != len(out):
        return rezip(data, when)
    count, _, start = struct.unpack_from("<HII", out, end + 10)
    record = start
    for _ in range(count):
        if out[record : record + 4] != b"PK\x01\x02":
            return rezip(data, when)
        names, extra, comment = struct.unpack_from("<HHH", out, record + 28)
        local = struct.unpack_from("<I", out, record + 42)[0]
        if out[local : local + 4] != b"PK\x03\x04" or local == 0xFFFFFFFF:
            return rezip(data, when)
        out[record + 5] = 3  # made by: Unix, so the attributes below mean what they say
        struct.pack_into("<HH", out, record + 12, stamp[1], stamp[0])
        struct.pack_into("<I", out, record + 38, 0o644 << 16)  # rw-r--r--
        struct.pack_into("<HH", out, local + 10, stamp[1], stamp[0])
        record += 46 + names + extra + comment
    return bytes(out)


def rezip(data: bytes, when: datetime.date) -> bytes:
    """:func:`restamp` by rewriting every member (for a zip whose headers it cannot patch)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(when.year, when.month, when.day, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 3
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
