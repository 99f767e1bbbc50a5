"""`stdkit import docx` on a Word file from an untrusted pull request (issue 32).

A damaged or hostile package is one located DOC finding, exit 1, nothing written, never a traceback;
the body is read as a stream with caps, so memory and time do not follow the file; the data a .docx
carries in its hidden part is data, never a status, a field stdkit does not have, or a suppression.
"""

from __future__ import annotations

import functools
import io
import json
import re
import struct
import subprocess
import sys
import time
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml

from stdkit import load
from stdkit.collection import Collection, Entry
from stdkit.config import Config
from stdkit.interchange import yaml_out
from stdkit.interchange.docx import bind as docx_bind
from stdkit.interchange.docx import blocks as docx_blocks
from stdkit.interchange.docx import package as docx_package
from stdkit.interchange.docx import read as docx_import
from stdkit.interchange.docx.write import SOURCE_PART, export
from stdkit.run import pipeline

from .conftest import ROOT, STANDARDS, CliResult

HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
)
TAIL = b"</w:body></w:document>"
BODY = HEAD + b"<w:p><w:r><w:t>hello</w:t></w:r></w:p>" + TAIL
SOURCE = SOURCE_PART.lstrip("/")


@functools.cache
def samples() -> Collection[Entry]:
    return pipeline.validate([STANDARDS], Config.default(ROOT)).collection


def package(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as target:
        for name, data in entries.items():
            target.writestr(name, data)
    return out.getvalue()


def flood(count: int, block: bytes, *, before: bytes = b"", after: bytes = b"") -> bytes:
    """A .docx whose body is ``block`` ``count`` times, written as XML straight into the zip (python-docx
    takes minutes for a million paragraphs; this takes a moment)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
        target.open("word/document.xml", "w") as part,
    ):
        part.write(HEAD + before)
        chunk = block * 10_000
        for _ in range(count // 10_000):
            part.write(chunk)
        part.write(block * (count % 10_000))
        part.write(after + TAIL)
    return out.getvalue()


def _central(raw: bytes, name: str) -> int:
    """Offset of ``name``'s entry in the zip's central directory."""
    at = raw.index(b"PK\x01\x02")
    while True:
        length = struct.unpack_from("<H", raw, at + 28)[0]
        if raw[at + 46 : at + 46 + length] == name.encode():
            return at
        at = raw.index(b"PK\x01\x02", at + 4)


def _local(raw: bytes, name: str) -> int:
    """Offset of ``name``'s local header."""
    return int(struct.unpack_from("<I", raw, _central(raw, name) + 42)[0])


def patched(
    raw: bytes, name: str, *, central: dict[int, tuple[str, int]], local: dict[int, tuple[str, int]]
) -> bytes:
    """``raw`` with fields of ``name``'s headers set: {offset: (struct format, value)}."""
    data = bytearray(raw)
    for base, fields in ((_central(raw, name), central), (_local(raw, name), local)):
        for offset, (fmt, value) in fields.items():
            struct.pack_into(fmt, data, base + offset, value)
    return bytes(data)


def bad_crc(part: str) -> bytes:
    """A stored package whose ``part`` no longer matches its CRC (one byte of its data changed)."""
    entries = {"word/document.xml": BODY, "word/styles.xml": b"<w:styles/>", SOURCE: b"<source/>"}
    raw = package(entries, zipfile.ZIP_STORED)
    start = _local(raw, part) + 30 + len(part)
    data = bytearray(raw)
    data[start + 1] ^= 0x01
    return bytes(data)


def corrupt_deflate() -> bytes:
    raw = package({"word/document.xml": BODY * 50})
    start = _local(raw, "word/document.xml") + 30 + len("word/document.xml")
    data = bytearray(raw)
    for offset in range(4, 40):
        data[start + offset] ^= 0x5A
    return bytes(data)


def declared_smaller() -> bytes:
    """document.xml says it unpacks to 10 bytes: reading it stops there, and the CRC does not match."""
    raw = package({"word/document.xml": BODY})
    return patched(raw, "word/document.xml", central={24: ("<I", 10)}, local={22: ("<I", 10)})


def declared_larger() -> bytes:
    """document.xml says it unpacks to 60 MB (it is a few bytes): refused before reading, as a bomb."""
    raw = package({"word/document.xml": BODY})
    big = 60 * 1024 * 1024
    return patched(raw, "word/document.xml", central={24: ("<I", big)}, local={22: ("<I", big)})


def encrypted() -> bytes:
    raw = package({"word/document.xml": BODY})
    return patched(raw, "word/document.xml", central={8: ("<H", 0x1)}, local={6: ("<H", 0x1)})


def unknown_method() -> bytes:
    raw = package({"word/document.xml": BODY}, zipfile.ZIP_STORED)
    return patched(raw, "word/document.xml", central={10: ("<H", 99)}, local={8: ("<H", 99)})


def other_local_name() -> bytes:
    """The local header names another file than the directory does."""
    raw = package({"word/document.xml": BODY}, zipfile.ZIP_STORED)
    at = _local(raw, "word/document.xml") + 30
    return raw[:at] + b"word/documenX.xml" + raw[at + len("word/document.xml") :]


def duplicate_names() -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w") as target:
        warnings.simplefilter("ignore")  # zipfile warns of a duplicate name, and writes it
        target.writestr("word/document.xml", BODY)
        target.writestr("word/document.xml", HEAD + b"<w:p><w:r><w:t>other</w:t></w:r></w:p>" + TAIL)
    return out.getvalue()


DOCTYPE_LATE = (
    b'<?xml version="1.0"?><!--' + b"x" * 8000 + b'--><!DOCTYPE d [<!ENTITY e "lol">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'
)

DAMAGED = {
    "bad_crc_in_body": (bad_crc("word/document.xml"), "DOC902", "word/document.xml fails its CRC check"),
    "bad_crc_in_styles": (bad_crc("word/styles.xml"), "DOC902", "word/styles.xml fails its CRC check"),
    "bad_crc_in_carried_part": (bad_crc(SOURCE), "DOC902", f"{SOURCE} fails its CRC check"),
    "corrupt_deflate_data": (corrupt_deflate(), "DOC902", "word/document.xml does not unpack"),
    "truncated_in_the_middle": (package({"word/document.xml": BODY * 50})[:200], "DOC902", "not a zip"),
    "truncated_directory": (package({"word/document.xml": BODY})[:-30], "DOC902", "not a zip"),
    "not_a_zip": (b"\x00" * 100, "DOC902", "not a zip"),
    "ole_compound_file": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "DOC902", "OLE compound file"),
    "no_document_part": (package({"word/styles.xml": b"<w:styles/>"}), "DOC902", "no word/document.xml"),
    "document_not_xml": (package({"word/document.xml": b"\x89PNG not xml"}), "DOC904", "not well-formed"),
    "document_not_well_formed": (
        package({"word/document.xml": HEAD + b"<w:p>"}),
        "DOC904",
        "not well-formed",
    ),
    "doctype_after_a_long_prolog": (package({"word/document.xml": DOCTYPE_LATE}), "DOC904", "DTD"),
    "doctype_in_styles": (
        package({"word/document.xml": BODY, "word/styles.xml": b'<!DOCTYPE s [<!ENTITY e "x">]><s/>'}),
        "DOC904",
        "word/styles.xml",
    ),
    "declared_size_smaller": (declared_smaller(), "DOC902", "fails its CRC check"),
    "declared_size_larger": (declared_larger(), "DOC903", "unpacks to"),
    "encrypted_entry": (encrypted(), "DOC902", "word/document.xml is encrypted"),
    "unknown_compression": (unknown_method(), "DOC902", "compression method"),
    "header_names_another_file": (other_local_name(), "DOC902", "header that does not match"),
    "duplicate_entry_names": (duplicate_names(), "DOC902", "two entries are named word/document.xml"),
    "too_many_entries": (
        package({f"e{n}.xml": b"" for n in range(1001)} | {"word/document.xml": BODY}),
        "DOC903",
        "more than 1000 entries",
    ),
}


@pytest.mark.parametrize("case", sorted(DAMAGED))
def test_a_damaged_package_is_one_finding_at_1_1(case: str) -> None:
    raw, code, words = DAMAGED[case]
    imported = docx_import.read_bytes(raw, "pr.docx")
    assert imported.data is None
    assert [(d.code, d.path, d.line, d.col) for d in imported.diagnostics] == [(code, "pr.docx", 1, 1)]
    assert words in imported.diagnostics[0].message
    assert (
        imported.diagnostics[0].localized("zh").message != imported.diagnostics[0].message
    )  # in Chinese too


@pytest.mark.parametrize("case", ["bad_crc_in_body", "duplicate_entry_names", "encrypted_entry"])
def test_the_command_exits_1_writes_nothing_and_shows_no_traceback(
    case: str, cli: Callable[..., CliResult], in_dir: Path
) -> None:
    (in_dir / "pr.docx").write_bytes(DAMAGED[case][0])
    status, out, err = cli("import", "docx", "pr.docx", "-o", "out.yaml")
    assert status == 1
    assert out == ""
    assert not (in_dir / "out.yaml").exists()
    assert f"pr.docx:1:1: {DAMAGED[case][1]}" in err
    assert "Traceback" not in err


# -- caps: the body is read as a stream and stops at the first cap passed -----------------------------

CAPS: dict[str, tuple[Callable[[], bytes], tuple[int, int], str]] = {
    "paragraphs": (
        lambda: flood(docx_blocks.MAX_PARAGRAPHS + 1, b"<w:p/>"),
        (docx_blocks.MAX_PARAGRAPHS + 1, 1),
        f"more than {docx_blocks.MAX_PARAGRAPHS} paragraphs",
    ),
    "table_cells": (  # rows of 4 empty cells: the 100,001st cell is in row 25,001 of the first block
        lambda: flood(
            docx_blocks.MAX_CELLS // 4 + 1,
            b"<w:tr><w:tc/><w:tc/><w:tc/><w:tc/></w:tr>",
            before=b"<w:tbl>",
            after=b"</w:tbl>",
        ),
        (1, docx_blocks.MAX_CELLS // 4 + 1),
        f"more than {docx_blocks.MAX_CELLS} table cells",
    ),
    "merged_cells_count_per_column": (
        lambda: flood(
            docx_blocks.MAX_CELLS // 64 + 1,
            b'<w:tr><w:tc><w:tcPr><w:gridSpan w:val="64"/></w:tcPr></w:tc></w:tr>',
            before=b"<w:p/><w:tbl>",
            after=b"</w:tbl>",
        ),
        (2, docx_blocks.MAX_CELLS // 64 + 1),
        "table cells",
    ),
    "table_rows": (
        lambda: flood(docx_blocks.MAX_ROWS + 1, b"<w:tr/>", before=b"<w:tbl>", after=b"</w:tbl>"),
        (1, docx_blocks.MAX_ROWS + 1),
        f"more than {docx_blocks.MAX_ROWS} table rows",
    ),
    "runs_in_a_paragraph": (
        lambda: flood(docx_blocks.MAX_RUNS + 1, b"<w:r/>", before=b"<w:p/><w:p/><w:p>", after=b"</w:p>"),
        (3, 1),
        f"more than {docx_blocks.MAX_RUNS} runs in one paragraph",
    ),
    "nested_tables": (
        lambda: flood(
            1,
            b"<w:tbl><w:tr><w:tc>" * (docx_blocks.MAX_TABLE_DEPTH + 1)
            + b"<w:p/>"
            + b"</w:tc></w:tr></w:tbl>" * (docx_blocks.MAX_TABLE_DEPTH + 1),
        ),
        (1, 1),
        f"more than {docx_blocks.MAX_TABLE_DEPTH} levels of tables nested in tables",
    ),
}


@pytest.mark.parametrize("case", sorted(CAPS))
def test_passing_a_cap_stops_the_reading_with_one_located_finding(case: str) -> None:
    make, (line, col), words = CAPS[case]
    imported = docx_import.read_bytes(make(), "long.docx")
    assert imported.data is None
    assert [(d.code, d.line, d.col) for d in imported.diagnostics] == [("DOC905", line, col)]
    assert words in imported.diagnostics[0].message


def test_a_body_just_under_the_caps_is_read() -> None:
    imported = docx_import.read_bytes(flood(docx_blocks.MAX_PARAGRAPHS, b"<w:p/>"), "long.docx")
    assert imported.data is not None
    assert "DOC905" not in {d.code for d in imported.diagnostics}


def test_the_element_cap_holds_for_elements_of_any_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_blocks, "MAX_ELEMENTS", 1000)
    imported = docx_import.read_bytes(flood(1000, b"<w:bookmarkEnd/>"), "long.docx")
    assert [(d.code, d.line) for d in imported.diagnostics] == [("DOC905", 1)]
    assert "more than 1000 XML elements" in imported.diagnostics[0].message
    styles = b"<w:styles>" + b"<w:latentStyles/>" * 1000 + b"</w:styles>"
    imported = docx_import.read_bytes(
        package({"word/document.xml": BODY, "word/styles.xml": styles}), "s.docx"
    )
    assert [(d.code, d.line) for d in imported.diagnostics] == [("DOC903", 1)]


def _read_bytes_of_body(raw: bytes, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many bytes of word/document.xml the import unpacked and parsed."""
    seen: list[int] = []
    original = docx_package._Entry.read

    def counting(self: docx_package._Entry, size: int = -1) -> bytes:
        data = original(self, size)
        if self.part == "word/document.xml":
            seen.append(len(data))
        return data

    monkeypatch.setattr(docx_package._Entry, "read", counting)
    docx_import.read_bytes(raw, "long.docx")
    return sum(seen)


def test_reading_stops_at_the_cap_whatever_follows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ten times the cap costs what the cap costs: the bytes unpacked and parsed (so time and memory)
    are the same, because reading stops at the cap; the rest of the body is never unpacked."""
    cap = docx_blocks.MAX_PARAGRAPHS
    just_over = _read_bytes_of_body(flood(cap + 1, b"<w:p/>"), monkeypatch)
    ten_times = _read_bytes_of_body(flood(10 * cap, b"<w:p/>"), monkeypatch)
    assert ten_times <= just_over + 64 * 1024  # one read of the parser's at most
    assert ten_times < len(b"<w:p/>") * 2 * cap


_PEAK = """
import json, resource, sys, time
from stdkit.interchange.docx import read as docx_import
raw = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
imported = docx_import.read_bytes(raw, "x.docx")
elapsed = time.perf_counter() - start
codes = [d.code for d in imported.diagnostics]
print(json.dumps([codes, elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before]))
"""


def test_memory_and_time_do_not_follow_the_body_beyond_the_cap(tmp_path: Path) -> None:
    """The shapes of the issue (8,000,000 empty paragraphs took 1.9 GB and a minute; 850,000 numbered ones
    1.6 GB and 43 s), scaled to ten times the cap: peak memory and time are those of the cap itself."""
    numbered = "<w:p><w:r><w:t>1.1.1 能安装照明电路</w:t></w:r></w:p>".encode()
    shapes = {
        "empty_at_cap": flood(docx_blocks.MAX_PARAGRAPHS + 1, b"<w:p/>"),
        "empty_ten_times": flood(10 * docx_blocks.MAX_PARAGRAPHS, b"<w:p/>"),
        "numbered_eight_times": flood(8 * docx_blocks.MAX_PARAGRAPHS, numbered),  # 48 MB: within the limits
    }
    runs: dict[str, tuple[list[str], float, int]] = {}
    for label, raw in shapes.items():
        path = tmp_path / f"{label}.docx"
        path.write_bytes(raw)
        done = subprocess.run(
            [sys.executable, "-c", _PEAK, str(path)], check=True, capture_output=True, text=True, timeout=120
        )
        codes, elapsed, grown_kib = json.loads(done.stdout)
        runs[label] = (codes, elapsed, grown_kib)
    # each run's growth of its peak while reading, past what importing stdkit took
    for codes, elapsed, grown_kib in runs.values():
        assert codes == ["DOC905"]
        assert grown_kib < 100 * 1024  # the whole-file reading took 1.6–1.9 GB
        assert elapsed < 30
    base = runs["empty_at_cap"][2]
    assert runs["empty_ten_times"][2] < base + 32 * 1024  # KiB: not ten times, not even twice
    assert runs["numbered_eight_times"][2] < base + 32 * 1024


# -- the mapper stays linear and points at the right row ------------------------------------------


def _table_docx(section: bytes, rows: list[list[str]]) -> bytes:
    def cell(text: str) -> bytes:
        return f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>".encode()

    table = (
        b"<w:tbl>"
        + b"".join(b"<w:tr>" + b"".join(cell(t) for t in row) + b"</w:tr>" for row in rows)
        + b"</w:tbl>"
    )
    return package({"word/document.xml": HEAD + section + table + TAIL})


def test_identical_rows_each_have_their_own_row_number() -> None:
    """Two equal rows of a 权重表 with an unreadable cell: a finding for each, at its own row."""
    section = "<w:p><w:r><w:t>4.1 理论知识权重表</w:t></w:r></w:p>".encode()
    raw = _table_docx(section, [["项目", "五级/初级工（%）"], ["电工基础", "many"], ["电工基础", "many"]])
    imported = docx_import.read_bytes(raw, "w.docx")
    assert [(d.code, d.line, d.col) for d in imported.diagnostics if d.code == "DOC911"] == [
        ("DOC911", 2, 2),
        ("DOC911", 2, 3),
    ]


def test_a_content_over_thousands_of_rows_is_read_in_linear_time() -> None:
    section = (
        "<w:p><w:r><w:t>3 工作要求</w:t></w:r></w:p><w:p><w:r><w:t>3.1 五级/初级工</w:t></w:r></w:p>".encode()
    )
    head = ["职业功能", "工作内容", "技能要求", "相关知识要求"]
    rows = [head] + [["电气安装", "照明电路", f"能安装{n}", f"方法{n}"] for n in range(12_000)]
    start = time.perf_counter()
    imported = docx_import.read_bytes(_table_docx(section, rows), "w.docx")
    assert time.perf_counter() - start < 20  # quadratic, this took minutes
    assert imported.data is not None
    assert len(imported.data["work"]["L5"][0]["contents"][0]["skills"]) == 12_000


# -- the carried data is data -------------------------------------------------------------------------


def _export(ref: str) -> bytes:
    return export(samples().by_ref[ref].document)


def _carried(raw: bytes) -> dict[str, Any]:
    with zipfile.ZipFile(io.BytesIO(raw)) as source:
        text = source.read(SOURCE).decode()
    return dict(json.loads(re.sub(r"^.*?<source[^>]*>|</source>$", "", text, flags=re.DOTALL)))


def with_carried(raw: bytes, carried: dict[str, Any] | str) -> bytes:
    """The .docx with its hidden part replaced (JSON of ``carried``, or the text as given)."""
    text = carried if isinstance(carried, str) else json.dumps(carried, ensure_ascii=False)
    body = text.replace("&", "&amp;").replace("<", "&lt;")
    part = f'<?xml version="1.0" encoding="UTF-8"?><source xmlns="urn:stdkit:source">{body}</source>'
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = part.encode() if info.filename == SOURCE else source.read(info.filename)
            target.writestr(info.filename, data)
    return out.getvalue()


def without_issued_on_the_cover(raw: bytes) -> bytes:
    word = docx.Document(io.BytesIO(raw))
    for paragraph in word.paragraphs:
        if paragraph.text.startswith("发布日期"):
            paragraph._element.getparent().remove(paragraph._element)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


REF = "4-10-01-02@2019"  # published, 发布日期 2019-12-30


def test_a_published_export_comes_back_published() -> None:
    imported = docx_import.read_bytes(_export(REF), "x.docx")
    assert imported.diagnostics == []
    assert imported.data is not None and imported.data["status"] == "published"


def test_a_hidden_published_status_without_a_printed_issue_date_imports_as_a_draft() -> None:
    imported = docx_import.read_bytes(without_issued_on_the_cover(_export(REF)), "pr.docx")
    assert imported.data is not None
    assert imported.data["status"] == "draft"
    assert [(d.code, d.line, d.col) for d in imported.diagnostics] == [("DOC930", 1, 1)]
    assert "`status: published`" in imported.diagnostics[0].message
    assert "发布日期" in imported.diagnostics[0].localized("zh").message


def test_a_hidden_status_for_another_edition_is_not_taken() -> None:
    raw = _export(REF)
    carried = _carried(raw) | {"edition": "2024"}
    imported = docx_import.read_bytes(with_carried(raw, carried), "pr.docx")
    assert imported.data is not None and imported.data["status"] == "draft"
    assert imported.data["edition"] == "2019"  # printed
    assert [d.code for d in imported.diagnostics] == ["DOC930"]


@pytest.mark.parametrize(
    ("claimed", "kept"), [("consultation", "consultation"), ("bogus", "draft"), ("draft", "draft")]
)
def test_a_consultation_draft_keeps_its_status_and_nonsense_is_a_draft(claimed: str, kept: str) -> None:
    raw = without_issued_on_the_cover(_export(REF))
    imported = docx_import.read_bytes(with_carried(raw, _carried(raw) | {"status": claimed}), "x.docx")
    assert imported.data is not None and imported.data["status"] == kept
    assert [d.code for d in imported.diagnostics] == (["DOC930"] if claimed == "bogus" else [])


def test_fields_no_document_has_are_dropped_from_the_hidden_data() -> None:
    raw = _export(REF)
    carried = _carried(raw)
    carried["evil"] = {"x": 1}
    carried["assessment"]["shadow"] = "# stdkit: ignore SCH101"
    carried["work"]["L5"][0]["contents"][0]["skills"][0] = {"text": "能为婴幼儿冲调配方奶", "hidden": True}
    imported = docx_import.read_bytes(with_carried(raw, carried), "pr.docx")
    assert imported.data is not None
    found = sorted((d.code, d.line, d.col, d.message.split("`")[1]) for d in imported.diagnostics)
    assert found == [
        ("DOC931", 1, 1, "assessment.shadow"),
        ("DOC931", 1, 1, "evil"),
        ("DOC931", 1, 1, "work.L5.0.contents.0.skills.0.hidden"),
    ]
    assert "evil" not in imported.data
    assert "shadow" not in imported.data["assessment"]
    assert imported.document is not None  # everything else still binds
    assert imported.document.model_dump() == samples().by_ref[REF].document.model_dump()
    assert "不是国家职业技能标准的字段" in imported.diagnostics[0].localized("zh").message


def test_many_unknown_fields_are_summed_up() -> None:
    raw = _export(REF)
    carried = _carried(raw) | {f"junk{n:02}": n for n in range(25)}
    imported = docx_import.read_bytes(with_carried(raw, carried), "pr.docx")
    codes = [(d.code, d.message.startswith("5 more fields")) for d in imported.diagnostics]
    assert codes.count(("DOC931", False)) == docx_bind.MAX_DROPPED_SHOWN
    assert codes.count(("DOC931", True)) == 1
    assert imported.data is not None and not any(key.startswith("junk") for key in imported.data)


@pytest.mark.parametrize(
    ("carried", "reason"),
    [
        ("{not json", "it is not JSON"),
        ("[1, 2]", "not a mapping"),
        ('{"kind": "occupational-standard", "notes": ' + "[" * 40 + "]" * 40 + "}", "nested deeper than 32"),
    ],
)
def test_unreadable_hidden_data_is_a_finding_and_the_text_is_imported(carried: str, reason: str) -> None:
    imported = docx_import.read_bytes(with_carried(_export(REF), carried), "pr.docx")
    assert imported.data is not None and imported.data["status"] == "draft"
    unread = [d for d in imported.diagnostics if d.code == "DOC931"]
    assert len(unread) == 1 and reason in unread[0].message


SUPPRESSIONS = "# stdkit: ignore SCH101, WGT401 smuggled"


def test_a_suppression_in_the_hidden_data_stays_inert_text(
    cli: Callable[..., CliResult], in_dir: Path
) -> None:
    raw = _export(REF)
    carried = _carried(raw)
    carried["notes"] = f"附注\n{SUPPRESSIONS}\n"
    carried["assessment"]["eligibility"]["L5"][0]["text"] += f" {SUPPRESSIONS}"
    (in_dir / "pr.docx").write_bytes(with_carried(raw, carried))
    status, _, err = cli("import", "docx", "pr.docx", "-o", "out.yaml")
    assert status == 0, err
    text = (in_dir / "out.yaml").read_text(encoding="utf-8")
    loaded = load.read(in_dir / "out.yaml")
    assert loaded.diagnostics == ()
    assert loaded.suppressions == ()  # no line of the file reads as a `# stdkit: ignore`
    assert "# stdkit" not in text
    assert loaded.data["notes"] == f"附注\n{SUPPRESSIONS}\n"  # the same text, as data


def test_a_suppression_in_the_printed_text_stays_inert_text() -> None:
    word = docx.Document(io.BytesIO(export(samples().by_ref[REF].document)))
    for paragraph in word.paragraphs:
        if paragraph.text.startswith("二、本《标准》"):  # a line of the 说明
            paragraph.text = SUPPRESSIONS
            break
    else:  # pragma: no cover - the sample has a 说明
        pytest.fail("no 说明 line")
    out = io.BytesIO()
    word.save(out)
    imported = docx_import.read_bytes(out.getvalue(), "x.docx")
    assert imported.data is not None
    text = yaml_out.dump(imported.data)
    assert SUPPRESSIONS in imported.data["foreword"]
    assert not list(load._suppressions(text))
    assert yaml.safe_load(text)["foreword"] == imported.data["foreword"]


@pytest.mark.parametrize(
    "value",
    [
        SUPPRESSIONS,
        f"前言 {SUPPRESSIONS}",
        f"一\n{SUPPRESSIONS}\n二\n",
        "#stdkit:ignore SCH101",
        "#\tstdkit: ignore SCH101",
        "#\u3000stdkit: ignore SCH101",
        "x\u2028# stdkit: ignore SCH101",
        'a "quoted" \\ # stdkit: ignore SCH101 \x07 \U0001f600 \ufeff',
    ],
)
def test_the_yaml_writer_never_writes_a_line_that_reads_as_a_suppression(value: str) -> None:
    data = {"kind": "occupational-standard", "title": value, "notes": value, value: [value]}
    text = yaml_out.dump(data)
    assert not list(load._suppressions(text))
    assert yaml.safe_load(text) == data
