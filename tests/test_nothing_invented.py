"""Issue 36, the outputs: a value a document does not give is printed nowhere; a draft says it is one in every
output; the 细目表 counts only real 鉴定点 and totals its 技能考核 sheet; modules have ids; composites add up.

Each test builds the outputs a user gets (the site and its blueprints, workbooks and CASE packages, the Word
file, the PDF where LibreOffice is installed) and reads them as that user would.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import orjson
import pytest
import yaml
from openpyxl import load_workbook

from stdkit import blueprint
from stdkit.config import Config
from stdkit.interchange.docx import read as docx_import
from stdkit.model.blueprint import Exam, Review
from stdkit.run import pipeline
from stdkit.site.pages.requirements import progression
from stdkit.workbook import HEADER_ROWS, workbook

from .conftest import CliResult
from .test_import_docx import without_source
from .test_publish import samples

HAS_OFFICE = bool(shutil.which("soffice") and shutil.which("pdftotext"))

#: Three levels, no pass_mark, no theory_items, no issued, no publication: a transcription of what a source
#: gives. 电工 is a 准入类 occupation, so the link is given (not this file's subject).
TERSE = """\
kind: occupational-standard
id: 9-99-00-01
edition: "2024"
title: 测试工
status: published
issuer: 测试发布单位
qualification: {item: 特种作业人员, relation: licence-required}
occupation:
  code: 6-31-01-03
  name: 电工
levels: [L5, L4, L3]
profile:
  environment: 室内，常温。
assessment:
  methods: {L5: [theory, skill], L4: [theory, skill], L3: [theory, skill]}
basics:
  ethics:
    knowledge: [职业道德基本知识]
    code_of_conduct: [遵守国家法律法规]
  knowledge:
    - area: 电工基础知识
      items: [直流电路基本知识]
work:
  L5:
    - function: 电气安装
      contents:
        - name: 照明电路安装
          skills: [能安装照明电路]
          knowledge: [照明电路的安装方法]
  L4:
    - function: 线路检修
      contents:
        - name: 动力线路检修
          skills: [能检修动力线路]
          knowledge: [动力线路检修方法]
  L3:
    - function: 设备调试
      contents:
        - name: 控制设备调试
          skills: [能调试低压控制设备]
          knowledge: [低压控制设备调试方法]
weights:
  theory:
    L5: {ethics: 5, basics: 25, 电气安装: 70}
    L4: {ethics: 5, basics: 20, 线路检修: 75}
    L3: {ethics: 5, basics: 15, 设备调试: 80}
  skill:
    L5: {电气安装: 100}
    L4: {线路检修: 100}
    L3: {设备调试: 100}
"""
REF = "9-99-00-01@2024"
#: What stdkit used to print for a document that gives none of them.
INVENTED = ("合格分数线", "题量", "60分", "60 分", "100题", "100 题", "2024-01-01")


def collection(root: Path, **files: str) -> Path:
    standards = root / "standards"
    standards.mkdir(parents=True, exist_ok=True)
    for name, body in files.items():
        (standards / f"{name}.yaml").write_text(body, encoding="utf-8")
    (root / "stdkit.toml").write_text("[stdkit]\n", encoding="utf-8")
    return standards


def cells(book: bytes) -> list[str]:
    """Every non-empty cell of every sheet, as text."""
    sheets = load_workbook(io.BytesIO(book))
    return [
        str(c) for sheet in sheets for row in sheet.iter_rows(values_only=True) for c in row if c is not None
    ]


def word_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    lines += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(lines)


def absent(found: str, where: str) -> None:
    for text in INVENTED:
        assert text not in found, f"{where} prints {text!r}, which the document does not give"


# -- 1. an absent value stays absent everywhere ------------------------------------------------------------


def test_a_document_without_pass_mark_items_or_date_builds_with_none_of_them(
    in_dir: Path, cli: Callable[..., CliResult]
) -> None:
    standards = collection(in_dir, terse=TERSE)
    status, out, err = cli("build", "--out", in_dir / "site", standards)
    assert status == 0, out + err
    folder = in_dir / "site" / "blueprints" / "9-99-00-01" / "2024"
    for level in ("L5", "L4", "L3"):
        made = orjson.loads((folder / f"{level}.json").read_bytes())
        theory, skill = made["components"]
        assert (theory["pass_mark"], theory["items"]) == (None, None)
        assert theory["unstated"] == {"pass_mark": "not-stated", "items": "not-stated"}
        assert [s["items"] for s in theory["sections"]] == [None] * len(theory["sections"])
        assert (skill["pass_mark"], skill["unstated"]) == (None, {"pass_mark": "not-stated"})
        absent(" ".join(cells((folder / f"{level}.xlsx").read_bytes())), f"the {level} workbook")
    package = (folder / "case.json").read_text(encoding="utf-8")
    absent(package, "the CASE package")
    assert "1970-01-01T00:00:00+00:00" in package  # CASE requires a date: the epoch says none is given
    (page,) = (in_dir / "site").rglob("9-99-00-01/2024.html")
    html = page.read_text(encoding="utf-8")
    absent(html, "the page")
    assert "本标准对五级/初级工、四级/中级工和三级/高级工的技能要求" in html
    assert "二级/技师" not in html and "一级/高级技师" not in html


def test_a_draft_without_weights_shares_out_no_items(in_dir: Path, cli: Callable[..., CliResult]) -> None:
    body = TERSE.replace("status: published", "status: draft").replace(
        "  methods:", "  theory_items: 100\n  methods:"
    )
    standards = collection(in_dir, draft=body[: body.index("weights:")])
    status, out, err = cli("build", "--drafts", "--out", in_dir / "site", standards)
    assert status == 0, out + err
    made = orjson.loads((in_dir / "site/blueprints/9-99-00-01/2024/L5.json").read_bytes())
    theory, skill = made["components"]
    assert theory["items"] == 100  # the document gives it
    assert [s["items"] for s in theory["sections"]] == [None, None, None]  # not 34/33/33
    assert theory["unstated"] == {"pass_mark": "not-stated", "weights": "provisional"}
    assert skill["unstated"] == {"pass_mark": "not-stated", "weights": "provisional"}


def test_word_and_pdf_print_none_and_a_round_trip_adds_no_field(
    in_dir: Path, cli: Callable[..., CliResult]
) -> None:
    standards = collection(in_dir, terse=TERSE)
    word = in_dir / "terse.docx"
    status, _, err = cli("export", "docx", REF, "-o", word, "--lang", "en")
    assert status == 0, err
    absent(word_text(word.read_bytes()), "the Word file")
    back = in_dir / "back.yaml"
    status, _, err = cli("import", "docx", word, "-o", back)
    assert status == 0, err
    source = yaml.safe_load(TERSE)
    imported: dict[str, Any] = yaml.safe_load(back.read_text(encoding="utf-8"))
    assert set(imported) <= set(source), set(imported) - set(source)
    assert set(imported["assessment"]) == set(source["assessment"])
    printed_only = docx_import.read_bytes(without_source(word.read_bytes()), "terse.docx")
    assert printed_only.document is not None
    assert printed_only.document.assessment.pass_mark is None
    assert printed_only.document.assessment.theory_items is None
    if HAS_OFFICE:
        pdf = in_dir / "terse.pdf"
        assert cli("export", "pdf", REF, "-o", pdf)[0] == 0
        text = subprocess.run(
            ["pdftotext", pdf, "-"], capture_output=True, text=True, check=True, timeout=120
        ).stdout
        absent(text.replace(" ", "").replace("\n", ""), "the PDF")
    del standards


def test_the_work_sentence_names_the_documents_own_kind_and_levels() -> None:
    spec = samples().by_ref["EV-SLJG-CG@2025"].document
    standard = samples().by_ref["4-10-01-02@2019"].document  # 育婴员: 五级 to 三级
    assert progression(spec).startswith("本规范对三级/高级工、二级/技师和一级/高级技师的")  # type: ignore[arg-type]
    assert progression(standard).startswith("本标准对五级/初级工、四级/中级工和三级/高级工的")  # type: ignore[arg-type]


# -- 6. drafts look like drafts ---------------------------------------------------------------------------

DRAFT = TERSE.replace("status: published", "status: draft\nprovisional: [weights]")


@pytest.mark.parametrize(("status", "mark"), [("draft", "草案"), ("consultation", "征求意见稿")])
def test_a_drafts_word_cover_says_so_and_reads_back(
    in_dir: Path, cli: Callable[..., CliResult], status: str, mark: str
) -> None:
    collection(in_dir, draft=DRAFT.replace("status: draft", f"status: {status}"))
    word = in_dir / "draft.docx"
    assert cli("export", "docx", REF, "-o", word)[0] == 0
    text = word_text(word.read_bytes())
    assert f"（{mark}）" in text
    assert f"测试发布单位　（{mark}，未发布）" in text
    assert "测试发布单位　发布" not in text
    assert "权重表（暂定）" in text
    back = docx_import.read_bytes(without_source(word.read_bytes()), "draft.docx")
    assert back.document is not None
    assert back.document.issuer == "测试发布单位"
    assert back.document.weights.theory  # the 暂定 heading is still the 权重表
    assert not [d for d in back.diagnostics if d.code.startswith("DOC9")], back.diagnostics


def test_a_preview_of_a_draft_marks_every_output(in_dir: Path, cli: Callable[..., CliResult]) -> None:
    standards = collection(in_dir, draft=DRAFT)
    status, out, err = cli("build", "--drafts", "--out", in_dir / "site", standards)
    assert status == 0, out + err
    folder = in_dir / "site" / "blueprints" / "9-99-00-01" / "2024"
    made = orjson.loads((folder / "L5.json").read_bytes())
    assert made["document"]["status"] == "draft"
    assert made["document"]["provisional"] == ["weights"]
    sheet = load_workbook(io.BytesIO((folder / "L5.xlsx").read_bytes()))["理论知识"]
    head = [c for row in sheet.iter_rows(max_row=HEADER_ROWS - 1, values_only=True) for c in row if c]
    assert "测试工 鉴定要素细目表（草案）" in head
    assert "草案，尚未发布" in head and "权重表" in head
    (page,) = (in_dir / "site").rglob("9-99-00-01/2024.html")
    html = page.read_text(encoding="utf-8")
    assert "本文件为草案，尚未发布" in html
    assert "不生成考试蓝图" not in html  # --drafts wrote them: the page lists them
    assert "blueprints/9-99-00-01/2024/L5.json" in html


def test_an_unbuildable_draft_is_skipped_and_the_others_are_built(
    in_dir: Path, cli: Callable[..., CliResult]
) -> None:
    broken = DRAFT.replace("9-99-00-01", "9-99-00-02").replace("levels:", "bogus: 1\nlevels:")
    standards = collection(in_dir, terse=TERSE, broken=broken)
    status, out, err = cli("build", "--out", in_dir / "site", standards, "--lang", "en")
    assert status == 0, out + err
    assert "standards/broken.yaml:" in out and "SCH101" in out  # its findings are shown
    assert "skipped 1 draft(s) or consultation draft(s) with errors" in out + err
    assert (in_dir / "site" / "blueprints" / "9-99-00-01" / "2024" / "L5.json").exists()
    # a finished document's error still stops the build
    (standards / "broken.yaml").write_text(broken.replace("status: draft", "status: published"), "utf-8")
    status, _, err = cli("build", "--out", in_dir / "site", standards, "--lang", "en")
    assert status == 1 and "build stopped" in err


# -- 9. the 细目表 and blueprints ---------------------------------------------------------------------------


def test_a_section_without_lines_is_not_counted_as_a_point() -> None:
    made = blueprint.build(samples().by_ref["6-31-01-03@2018"], "L3")
    theory = next(c for c in made.components if isinstance(c, Exam) and c.kind == "theory")
    emptied = [theory.sections[0].model_copy(update={"points": [], "inherited": []}), *theory.sections[1:]]
    components = [
        theory.model_copy(update={"sections": emptied}) if c is theory else c for c in made.components
    ]
    book = load_workbook(io.BytesIO(workbook(made.model_copy(update={"components": components}))))
    last = list(book["理论知识"].iter_rows(values_only=True))[-1]
    real = sum(len(s.points) + len(s.inherited) for s in emptied)
    assert last[7] == f"鉴定点 {real} 个"
    assert "（本节无鉴定点）" in [c for row in book["理论知识"].iter_rows(values_only=True) for c in row]


def test_the_skill_sheet_totals_what_one_candidate_sits_and_names_each_module() -> None:
    made = blueprint.build(samples().by_ref["6-31-01-03@2018"], "L3")
    skill = next(c for c in made.components if isinstance(c, Exam) and c.kind == "skill")
    assert skill.modules is not None
    ids = [m.id for m in skill.modules.required] + [m.id for g in skill.modules.choose for m in g.modules]
    assert ids == [f"6-31-01-03@2018/L3/{n}" for n in ("m1", "m2", "m3", "c1.1", "c1.2")]
    twins = skill.modules.choose[0].modules  # both test 应用电子电路调试维修
    assert twins[0].functions == twins[1].functions and twins[0].id != twins[1].id
    rows = list(load_workbook(io.BytesIO(workbook(made)))["技能考核"].iter_rows(values_only=True))
    total = rows[-1]
    # 必考 40 + 50 + 40 minutes, 20 + 30 + 30 points; 选考 draws one of two 20-minute, 20-point modules
    assert (total[0], total[4], total[5]) == ("合计（每名考生）", 150, 100)
    assert [r[6] for r in rows if r[6] and str(r[6]).startswith("6-31")] == ids


def test_a_composite_applies_only_where_its_components_are() -> None:
    entry = samples().by_ref["EV-SLJG-CG@2025"]
    assert blueprint.build(entry, "principal").composite is None  # 评聘: no theory, no skill
    l2 = blueprint.build(entry, "L2")
    assert l2.composite is not None
    assert l2.composite.weights == {"theory": 30, "skill": 70}
    assert l2.composite.separate == ["performance", "review"]
    reviews = [c for c in l2.components if isinstance(c, Review)]
    assert reviews and all(r.pass_mark is not None for r in reviews)


def test_a_level_whose_composite_weights_do_not_add_up_is_a_finding(tmp_path: Path) -> None:
    body = TERSE.replace(
        "  methods: {L5: [theory, skill], L4: [theory, skill], L3: [theory, skill]}",
        "  methods: {L5: [theory, skill], L4: [theory, skill], L3: [theory, review]}\n"
        "  ratios: {review: 3}\n"
        "  composite: {weights: {theory: 30, skill: 70}}",
    )
    report = pipeline.check([collection(tmp_path, odd=body)], Config.default(tmp_path))
    found = [d for d in report.diagnostics if d.code == "ASM311"]
    assert len(found) == 1 and "L3" in found[0].message and "theory 30" in found[0].message
