"""The 鉴定要素细目表 as question-bank teams print it: header rows, three-level scope, sums, rendering."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from stdkit import blueprint
from stdkit.model.blueprint import Exam
from stdkit.workbook import HEADER_ROWS, workbook
from tests.test_publish import samples

ARTIFACTS = Path(__file__).parent / "artifacts"


def _sheet(ref: str, level: str, name: str):  # type: ignore[no-untyped-def]  # openpyxl is untyped
    entry = samples().by_ref[ref]
    return load_workbook(io.BytesIO(workbook(blueprint.build(entry, level))))[name]


def _rows(sheet: Any) -> list[tuple[Any, ...]]:  # an openpyxl sheet: openpyxl is untyped
    return list(sheet.iter_rows(min_row=HEADER_ROWS + 3, values_only=True))


@pytest.mark.parametrize("name", ["理论知识", "技能操作"])
def test_electrician_l3_sums_at_every_scope_level(name: str) -> None:
    sheet = _sheet("6-31-01-03@2018", "L3", name)
    rows = _rows(sheet)
    body, total = rows[:-1], rows[-1]
    first = [r[2] for r in body if r[2] is not None]
    second = [r[5] for r in body if r[5] is not None]
    assert sum(first) == 100 == total[2]
    assert sum(second) == 100 == total[5]
    # each 一级's 二级 add up to the 一级's own 比重
    share: dict[str, int] = {}
    for r in body:
        if r[3] is not None:
            share[str(r[3]).split("-")[0]] = share.get(str(r[3]).split("-")[0], 0) + int(r[5])
    weights = {str(r[0]): int(r[2]) for r in body if r[0] is not None}
    assert share == weights
    assert total[0] == "合计"


def test_header_rows_name_the_occupation_code_level_and_category() -> None:
    sheet = _sheet("6-31-01-03@2018", "L3", "理论知识")
    header = [c for row in sheet.iter_rows(max_row=3, values_only=True) for c in row if c is not None]
    for fact in ("职业", "电工", "编码", "6-31-01-03", "等级", "三级/高级工", "类别", "理论知识", "100 题"):
        assert fact in header, fact
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == f"${HEADER_ROWS + 1}:${HEADER_ROWS + 2}"


def test_points_are_numbered_within_scope_and_inherited_lines_have_their_own_column() -> None:
    rows = _rows(_sheet("6-31-01-03@2018", "L3", "技能操作"))[:-1]
    assert rows[0][6] == "001" and rows[0][8] in {"X", "Y", "Z"}
    assert any(r[9] == "L4" for r in rows) and any(r[9] in ("", None) for r in rows)
    # 必考/选考 as the paper's modules say: L3's 必考 modules test three functions, its 选考 group another
    assert {r[10] for r in rows if r[7] is not None} == {"必考", "选考"}


def test_required_or_chosen_follows_the_modules_and_is_empty_without_a_paper() -> None:
    made = blueprint.build(samples().by_ref["6-31-01-03@2018"], "L3")
    skill = next(c for c in made.components if isinstance(c, Exam) and c.kind == "skill")
    assert skill.modules is not None
    required = {code for m in skill.modules.required for code in m.point_codes}
    chosen = {code for g in skill.modules.choose for m in g.modules for code in m.point_codes} - required
    rows = [r for r in _rows(_sheet("6-31-01-03@2018", "L3", "技能操作"))[:-1] if r[11]]
    assert {r[11] for r in rows if r[10] == "必考"} == required & {r[11] for r in rows}
    assert {r[11] for r in rows if r[10] == "选考"} == chosen & {r[11] for r in rows}
    plain = [r for r in _rows(_sheet("6-31-01-03@2018", "L4", "技能操作"))[:-1] if r[11]]
    assert plain and all(r[10] in ("", None) for r in plain)  # L4 has no skill paper


def test_special_competency_scope_does_not_repeat_the_unit() -> None:
    rows = _rows(_sheet("S-44-0012@2023", "unit", "技能操作"))[:-1]
    for r in rows:
        if r[1] is not None and r[4] is not None:
            assert r[1] != r[4]


def test_appointment_sheet_is_grouped_conditions_not_points() -> None:
    sheet = _sheet("EV-SLJG-CG@2025", "principal", "评聘条件")
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "具备其中 2 项" in values and "须全部具备" in values and "3 年" in values
    assert "重要程度" not in values and "X" not in values


def test_workbook_is_byte_identical() -> None:
    entry = samples().by_ref["6-31-01-03@2018"]
    assert workbook(blueprint.build(entry, "L3")) == workbook(blueprint.build(entry, "L3"))


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftoppm")), reason="LibreOffice not installed"
)
def test_electrician_l3_renders_as_a_printable_page(tmp_path: Path) -> None:
    """LibreOffice prints it on A4 landscape; the PNG is kept under tests/artifacts/ to look at."""
    entry = samples().by_ref["6-31-01-03@2018"]
    source = tmp_path / "6-31-01-03_2018_L3.xlsx"
    source.write_bytes(workbook(blueprint.build(entry, "L3")))
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "6-31-01-03_2018_L3.pdf"
    assert pdf.stat().st_size > 0
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "110",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(ARTIFACTS / "electrician-L3-xmb"),
        ],
        check=True,
        timeout=60,
    )
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    width, height = (float(x) for x in info.split("Page size:")[1].split("pts")[0].split(" x "))
    assert width > height  # landscape
    assert abs(width - 842) < 2 and abs(height - 595) < 2  # A4


def test_restamp_patches_dates_and_attributes_without_touching_the_members() -> None:
    import datetime
    import zipfile

    from stdkit.workbook.stamp import restamp, rezip

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>" * 50)
        archive.writestr("xl/sharedStrings.xml", "电工")
    when = datetime.date(2021, 10, 1)
    commented = io.BytesIO(raw.getvalue())
    with zipfile.ZipFile(commented, "a") as archive:
        archive.comment = b"not patchable in place"
    for data in (restamp(raw.getvalue(), when), restamp(commented.getvalue(), when)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert archive.testzip() is None
            infos = archive.infolist()
            assert [(i.date_time, i.create_system, i.external_attr >> 16) for i in infos] == [
                ((2021, 10, 1, 0, 0, 0), 3, 0o644)
            ] * 2
            assert archive.read("xl/sharedStrings.xml").decode() == "电工"
    assert restamp(raw.getvalue(), when) == restamp(raw.getvalue(), when)
    with zipfile.ZipFile(io.BytesIO(rezip(raw.getvalue(), when))) as archive:
        assert archive.read("xl/workbook.xml") == b"<workbook/>" * 50


def test_overlapping_merges_are_refused_not_written() -> None:
    from stdkit.workbook.cells import Sheet

    sheet = Sheet("s")
    sheet.merge(1, 1, 3, 1)
    sheet.merge(3, 1, 4, 2)
    with pytest.raises(ValueError, match="overlapping merged ranges at row 3, column 1"):
        sheet.close()
