"""Word (and so PDF) over time: a corrected edition prints its 勘误 after the cover, as the ministry prints
a 勘误 notice, and reads it back; the cover of an edition no longer in force says so."""

from __future__ import annotations

import datetime
import io
import subprocess
from pathlib import Path

import docx
import pytest

from stdkit import config as configuration
from stdkit import editions
from stdkit.collection import Collection
from stdkit.interchange import layout, pdf
from stdkit.interchange.docx import read as docx_import
from stdkit.interchange.docx.write import export
from stdkit.model import OccupationalStandard
from stdkit.run import pipeline

from .over_time import (
    CORRECTED,
    ERRATUM_DATE,
    ERRATUM_NOTICE,
    FIXED_CODE,
    FIXED_TEXT,
    PRINTED_TEXT,
    TRANSITION_UNTIL,
    WITHDRAWN,
    WITHDRAWN_ON,
    collection_over_time,
)
from .test_docx import HAS_OFFICE
from .test_import_docx import printed, without_source


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Collection:
    root = collection_over_time(tmp_path_factory.mktemp("over-time"))
    config = configuration.load(root)
    return pipeline.validate(list(config.standards), config).collection


def _paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text]


def test_the_errata_are_printed_after_the_cover_as_a_table(collection: Collection) -> None:
    document = collection.by_ref[CORRECTED].document
    data = export(document)
    lines = _paragraphs(data)
    assert lines.index(layout.ERRATA) < lines.index(layout.FOREWORD)
    assert f"第1次勘误：{ERRATUM_DATE}　{ERRATUM_NOTICE}" in lines
    table = docx.Document(io.BytesIO(data)).tables[0]
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["序号", "位置（鉴定点代码）", "原文", "更正为"],
        ["1", FIXED_CODE, PRINTED_TEXT, FIXED_TEXT],
    ]
    assert not any(
        PRINTED_TEXT in cell.text
        for t in docx.Document(io.BytesIO(data)).tables[1:]
        for row in t.rows
        for cell in row.cells
    )


def test_no_errata_no_section(collection: Collection) -> None:
    assert layout.ERRATA not in _paragraphs(export(collection.by_ref["4-10-01-02@2019"].document))


def test_export_then_import_keeps_the_errata(collection: Collection) -> None:
    document = collection.by_ref[CORRECTED].document
    assert document.revision == 1
    imported = docx_import.read_bytes(export(document), "x.docx")
    assert imported.diagnostics == []
    assert imported.document is not None
    assert imported.document.model_dump() == document.model_dump()


def test_the_printed_errata_alone_read_back(collection: Collection) -> None:
    document = collection.by_ref[CORRECTED].document
    imported = docx_import.read_bytes(without_source(export(document)), "x.docx")
    assert imported.diagnostics == []
    assert imported.document is not None
    assert imported.document.errata == document.errata
    assert printed(imported.document) == printed(document)


def test_several_errata_without_a_notice_read_back() -> None:
    from .test_import_docx import samples

    document = samples().by_ref["4-10-01-02@2019"].document
    assert isinstance(document, OccupationalStandard)
    errata = [
        {"date": "2021-05-01", "changes": [{"code": "L5/1.1.1", "from": "甲", "to": "乙"}]},
        {
            "date": "2022-06-01",
            "notice": "某某〔2022〕1号",
            "changes": [
                {"code": "L5/1.1.1", "from": "乙", "to": "丙"},
                {"code": "basics/1.1", "from": "丁", "to": "戊"},
            ],
        },
    ]
    corrected = OccupationalStandard.model_validate(document.model_dump(by_alias=True) | {"errata": errata})
    imported = docx_import.read_bytes(without_source(export(corrected)), "x.docx")
    assert imported.diagnostics == []
    assert imported.document is not None
    assert imported.document.errata == corrected.errata
    assert imported.document.errata[1].date == datetime.date(2022, 6, 1)


def test_the_cover_of_an_edition_no_longer_in_force_says_so(collection: Collection) -> None:
    standing = editions.standing(collection.entries)
    old = collection.by_ref["6-31-01-03@2009"].document
    data = export(old, standing=standing[old.ref])
    cover = _paragraphs(data)[:12]
    assert f"状态：已被替代（被 {CORRECTED} 代替，可考至 {TRANSITION_UNTIL}）" in cover
    withdrawn = collection.by_ref[WITHDRAWN].document
    assert f"状态：已废止（{WITHDRAWN_ON} 废止）" in _paragraphs(
        export(withdrawn, standing=standing[WITHDRAWN])
    )
    in_force = collection.by_ref[CORRECTED].document
    assert not any(
        line.startswith("状态：") for line in _paragraphs(export(in_force, standing=standing[CORRECTED]))
    )
    imported = docx_import.read_bytes(without_source(data), "x.docx")
    assert imported.diagnostics == []  # the cover's 状态 line is not mistaken for the title or a finding
    assert imported.document is not None
    assert imported.document.title == old.title


def test_export_without_standing_prints_no_status(collection: Collection) -> None:
    old = collection.by_ref["6-31-01-03@2009"].document
    assert not any(line.startswith("状态：") for line in _paragraphs(export(old)))


@pytest.mark.skipif(not HAS_OFFICE, reason="LibreOffice and poppler not installed (scripts/office-setup.sh)")
def test_the_pdf_prints_the_status_and_the_errata(collection: Collection, tmp_path: Path) -> None:
    standing = editions.standing(collection.entries)
    document = collection.by_ref[CORRECTED].document
    source = tmp_path / "document.pdf"
    source.write_bytes(pdf.to_pdf(export(document, standing=standing[CORRECTED])))
    text = subprocess.run(
        ["pdftotext", "-layout", str(source), "-"], check=True, capture_output=True, timeout=60
    ).stdout.decode()
    after_cover = "".join(text.split("\f")[1].split())  # pdftotext spaces CJK from digits and wraps cells
    assert f"第1次勘误：{ERRATUM_DATE}{ERRATUM_NOTICE}" in after_cover
    assert "序号位置（鉴定点代" in after_cover
    old = collection.by_ref["6-31-01-03@2009"].document
    source.write_bytes(pdf.to_pdf(export(old, standing=standing[old.ref])))
    cover = subprocess.run(
        ["pdftotext", "-layout", "-l", "1", str(source), "-"], check=True, capture_output=True, timeout=60
    ).stdout.decode()
    assert f"被{CORRECTED}代替，可考至{TRANSITION_UNTIL}" in "".join(cover.split())
