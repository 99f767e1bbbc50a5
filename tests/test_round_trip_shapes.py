"""Word round trip of issue #36's real shapes: each shape of tests/collections/ exported to .docx and imported back
from the printed text alone (no carried data) gives the same YAML fields — joint issuers, 「不少于N标准学时」, talent
type per level, footnote markers with their notes, a special competency's 适用对象/申报条件/考评员构成 and
「不少于60分钟」, and a rule across occupations' 适用职业. Routes (with `by_reference` grants) are printed but read
back from the data the export carries (DOC910 says so for the text alone), as every route is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from stdkit.collection import Entry, entry_from_bytes
from stdkit.interchange.docx import read as docx_import
from stdkit.interchange.docx.write import export
from stdkit.model import Document, EvaluationSpec
from tests.test_import_docx import without_source

COLLECTIONS = Path(__file__).resolve().parent / "collections"
SHAPES = [
    "wty90x_work_type_ends_early/a.yaml",  # joint issuers, minimum hours, talent type per level, footnotes
    "spc_special_competency_shapes/a.yaml",  # 适用对象, 申报条件, 考评员构成 (per_panel), 不少于60分钟
    "rte95x_employee_student/a.yaml",  # hrss, 职工/学生 routes, by_reference
    "rte95x_across_every_occupation/rule.yaml",  # occupations: any, joint issuers
    "cat60x_across_listed_occupations/rule.yaml",  # occupations: [two codes]
]


def entry(name: str) -> Entry:
    found, problems = entry_from_bytes((COLLECTIONS / name).read_bytes(), name)
    assert isinstance(found, Entry), problems
    return found


def fields(document: Document) -> dict[str, Any]:
    """The document's fields the printed layout carries: not its status, notes or routes, and 申报条件 as their
    sentences (`years` and `prior_level` are read from a sentence by the checks, not printed apart). Routes
    printed without the carried data are kept as text in `assessment.notes` (DOC910), so section notes are
    left out on both sides."""
    data: dict[str, Any] = document.model_dump(mode="json", exclude_defaults=True, by_alias=True)
    for key in ("status", "notes", "routes"):
        data.pop(key, None)
    for section in ("profile", "training", "assessment", "basics"):
        if isinstance(data.get(section), dict):
            data[section].pop("notes", None)
    assessment = data.get("assessment", {})
    for level, conditions in assessment.get("eligibility", {}).items():
        assessment["eligibility"][level] = [c["text"] for c in conditions]
    if getattr(document, "assessment", None) is not None:
        data["footnotes"] = getattr(document.assessment, "footnotes", {})  # excluded from a dump
    return data


@pytest.mark.parametrize("name", SHAPES)
def test_the_printed_layout_alone_gives_back_each_real_shape(name: str) -> None:
    document = entry(name).document
    imported = docx_import.read_bytes(without_source(export(document)), "x.docx")
    assert {d.code for d in imported.diagnostics} <= {"DOC910"}  # routes: printed, read from the carried data
    assert imported.document is not None
    assert fields(imported.document) == fields(document)


def test_the_shapes_come_back_with_their_printed_values() -> None:
    """The values themselves, as the YAML writes them (a comparison of two dumps could hide a field both lose)."""
    marketing = docx_import.read_bytes(without_source(export(entry(SHAPES[0]).document)), "x.docx").data
    assert marketing is not None
    assert marketing["issuer"] == ["人力资源社会保障部", "中央网信办", "国家广播电视总局"]
    assert marketing["training"]["hours"]["L5"] == {"at_least": 120}
    assert marketing["talent_type"]["L2"] == "knowledge"
    assert marketing["assessment"]["eligibility"]["notes"] == {
        "①": "相关职业：电子商务师、营销员、商品营业员等。"
    }
    special = docx_import.read_bytes(without_source(export(entry(SHAPES[1]).document)), "x.docx").data
    assert special is not None
    assert special["audience"] == "有意从事直播销售工作的城乡劳动者。"
    assert special["eligibility"] == ["年满16周岁，具有初中及以上文化程度。", "从事直播销售相关工作满6个月。"]
    assert special["examiners"]["per_panel"] == 3
    assert special["assessment"]["durations"]["skill"] == {"at_least": 60}


@pytest.mark.parametrize("name", [SHAPES[2], SHAPES[3]])
def test_routes_granted_by_reference_come_back_from_the_carried_data(name: str) -> None:
    document = entry(name).document
    imported = docx_import.read_bytes(export(document), "x.docx")
    assert imported.diagnostics == []
    assert isinstance(imported.document, EvaluationSpec) and isinstance(document, EvaluationSpec)
    assert imported.document.routes == document.routes
    assert any(route.kind == "competition" and route.by_reference() for route in imported.document.routes)
