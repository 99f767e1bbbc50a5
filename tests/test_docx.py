"""`stdkit export docx|pdf`: the 编制技术规程 layout a reviewer and the ministry's 审定 read."""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from stdkit.collection import Collection, Entry
from stdkit.config import Config
from stdkit.errors import SetupError
from stdkit.interchange import pdf
from stdkit.interchange.docx import write as docx_export
from stdkit.interchange.docx.write import Fonts, export
from stdkit.ladder import Level
from stdkit.model import LevelledBody
from stdkit.run import pipeline

from .conftest import ROOT, STANDARDS, CliResult

ARTIFACTS = Path(__file__).parent / "artifacts"
HAS_OFFICE = bool(shutil.which("soffice") and shutil.which("pdftoppm"))


def _has_noto_cjk() -> bool:
    if not (shutil.which("fc-list") and shutil.which("fc-match")):
        return False
    listed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False)
    # the SC-only faces scripts/office-setup.sh derives from fonts-noto-cjk (scripts/sc-fonts.py)
    return "Noto Serif SC" in listed.stdout and "Noto Sans SC" in listed.stdout


HAS_NOTO_CJK = _has_noto_cjk()


@functools.cache
def samples() -> Collection[Entry]:
    report = pipeline.validate([STANDARDS], Config.default(ROOT))
    assert report.exit_status == 0
    return report.collection


REFS = sorted(entry.ref for entry in samples().entries)


def word(ref: str) -> docx.document.Document:
    return docx.Document(io.BytesIO(export(samples().by_ref[ref].document)))


@pytest.mark.parametrize("ref", REFS)
def test_every_sample_exports_deterministically(ref: str) -> None:
    document = samples().by_ref[ref].document
    data = export(document)
    assert data == export(document)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        stamps = {info.date_time for info in package.infolist()}
        assert docx_export.SOURCE_PART.lstrip("/") in package.namelist()
    issued = document.issued
    assert issued is not None
    assert stamps == {(issued.as_date.year, issued.as_date.month, issued.as_date.day, 0, 0, 0)}
    core = docx.Document(io.BytesIO(data)).core_properties
    assert core.created is not None
    assert core.created.date() == issued.as_date
    assert core.modified == core.created


def _headings(document: docx.document.Document) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]


def test_electrician_has_the_numbered_sections_of_a_published_standard() -> None:
    headings = _headings(word("6-31-01-03@2018"))
    texts = [text for _, text in headings]
    for expected in (
        "说明",
        "1　职业概况",
        "1.1　职业名称",
        "1.4　职业技能等级",
        "1.9　职业技能鉴定要求",
        "1.9.1　申报条件",
        "1.9.2　鉴定方式",
        "2　基本要求",
        "2.1.1　职业道德基本知识",
        "2.1.2　职业守则",
        "3　工作要求",
        "3.1　五级/初级工",
        "3.5　一级/高级技师",
        "4　权重表",
        "4.1　理论知识权重表",
        "4.2　技能要求权重表",
        "参考文献",
    ):
        assert expected in texts, expected
    assert (
        texts.index("1　职业概况")
        < texts.index("2　基本要求")
        < texts.index("3　工作要求")
        < texts.index("4　权重表")
    )
    assert ("Heading 1", "1　职业概况") in headings
    assert ("Heading 3", "1.9.1　申报条件") in headings


def test_the_foreword_is_printed_as_written() -> None:
    document = samples().by_ref["4-10-01-02@2019"].document
    printed = [p.text for p in word("4-10-01-02@2019").paragraphs]
    assert document.foreword is not None
    for line in document.foreword.splitlines():
        assert line.strip() in printed


def test_a_work_table_merges_a_functions_rows_and_numbers_its_lines() -> None:
    result = word("6-31-01-03@2018")
    table = result.tables[0]
    assert table.style is not None
    assert table.style.name == "Table Grid"
    assert [c.text for c in table.rows[0].cells] == ["职业功能", "工作内容", "技能要求", "相关知识要求"]
    electrician = samples().by_ref["6-31-01-03@2018"].document
    assert isinstance(electrician, LevelledBody)
    function = electrician.work[Level.L5][0]
    rows = len(function.contents)
    assert rows > 1
    first = table.cell(1, 0)
    assert first.text == f"1. {function.function}"
    assert table.cell(rows, 0)._tc is first._tc  # one merged cell, not repeated text
    assert table.cell(1, 1).text == f"1.1 {function.contents[0].name}"
    assert table.cell(1, 2).paragraphs[0].text == f"1.1.1 {function.contents[0].skills[0].text}"


def test_weights_table_has_levels_as_columns_a_dash_and_100() -> None:
    result = word("6-31-01-03@2018")
    theory = result.tables[-2]
    head = [c.text for c in theory.rows[0].cells]
    assert head[0] == "项目"
    assert head[2:] == [
        "五级/初级工（%）",
        "四级/中级工（%）",
        "三级/高级工（%）",
        "二级/技师（%）",
        "一级/高级技师（%）",
    ]
    assert [c.text for c in theory.rows[1].cells][:2] == ["基本要求", "职业道德"]
    assert [c.text for c in theory.rows[-1].cells][2:] == ["100"] * 5
    cells = {c.text for row in theory.rows for c in row.cells}
    assert "—" in cells  # a function not assessed at some level


def test_fonts_page_and_footer() -> None:
    data = export(samples().by_ref["4-10-01-02@2019"].document, Fonts(body="仿宋", heading="黑体"))
    result = docx.Document(io.BytesIO(data))
    section = result.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        styles = package.read("word/styles.xml").decode()
        footer = "".join(package.read(n).decode() for n in package.namelist() if n.startswith("word/footer"))
    assert 'w:eastAsia="仿宋"' in styles
    assert 'w:eastAsia="黑体"' in styles
    assert 'w:instr="PAGE"' in footer


def test_evaluation_spec_layout_has_routes_level_names_and_appointment() -> None:
    texts = [p.text for p in word("EV-GD-BDYW@2024").paragraphs]
    assert "1.9.2　评价途径" in texts
    assert any("一级操作师" in t for t in texts)
    assert "5　评聘" in texts
    assert any(t.startswith("发布主体类型：") for t in texts)


def test_special_competency_layout() -> None:
    result = word("S-44-0012@2023")
    texts = [p.text for p in result.paragraphs]
    assert "专项职业能力考核规范" in texts
    assert "4　能力标准与鉴定内容" in texts
    assert [c.text for c in result.tables[0].rows[0].cells] == [
        "考核模块",
        "技能要求",
        "相关知识要求",
        "考核比重（%）",
    ]


def test_export_command_writes_the_file(cli: Callable[..., CliResult], in_dir: Path) -> None:
    shutil.copytree(STANDARDS, in_dir / "standards")
    status, out, _ = cli("export", "docx", "6-31-01-03")
    assert status == 0, out
    entry = samples().by_ref["6-31-01-03@2018"]
    # the Word file carries the YAML it was made from (an unedited re-import gives it back)
    assert (in_dir / "6-31-01-03_2018.docx").read_bytes() == export(
        entry.document, text=entry.file.read_text(encoding="utf-8")
    )
    status, _, err = cli("export", "docx", "6-31-01-03@1999")
    assert status == 1
    assert "editions: 2009, 2018" in err


def test_pdf_without_libreoffice_is_a_clear_setup_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)  # as pdf looks it up
    with pytest.raises(SetupError, match="LibreOffice is not installed"):
        pdf.to_pdf(b"")


def test_pdf_command_exits_2_without_libreoffice(
    cli: Callable[..., CliResult], in_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(STANDARDS, in_dir / "standards")
    monkeypatch.setattr(shutil, "which", lambda _name: None)  # as pdf looks it up
    status, _, err = cli("export", "pdf", "6-31-01-03")
    assert status == 2
    assert "libreoffice-writer-nogui" in err


@pytest.mark.skipif(not HAS_OFFICE, reason="LibreOffice and poppler not installed (scripts/office-setup.sh)")
@pytest.mark.parametrize("ref", ["6-31-01-03@2018", "S-44-0012@2023"])
def test_pdf_renders_cover_and_first_work_page(ref: str, tmp_path: Path) -> None:
    """PNGs of page 1 and of the first 工作要求 page go to tests/artifacts/ for a person to look at."""
    rendered = pdf.to_pdf(export(samples().by_ref[ref].document))
    assert rendered.startswith(b"%PDF")
    source = tmp_path / "document.pdf"
    source.write_bytes(rendered)
    text = subprocess.run(
        ["pdftotext", "-layout", str(source), "-"], check=True, capture_output=True, timeout=60
    ).stdout.decode()
    pages = text.split("\f")
    title = samples().by_ref[ref].document.title
    assert title in pages[0]
    # the cover on one page, the issuer at its foot as printed (not mid-page)
    assert pages[0].rstrip().endswith("发布")
    boxes = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-bbox", str(source), "-"],
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout.decode()
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', boxes).group(1))  # type: ignore[union-attr]  # poppler always writes the page
    last = float(re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)"', boxes)[-1])
    assert last > 0.75 * height, (last, height)
    marker = "能力标准与鉴定内容" if ref.startswith("S-") else "工作要求"
    work_page = next(n for n, page in enumerate(pages, 1) if marker in page and n >= 2)
    ARTIFACTS.mkdir(exist_ok=True)
    stem = ref.replace("@", "_")
    for page, name in ((1, "cover"), (work_page, "work")):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(source),
                str(ARTIFACTS / f"docx_{stem}_{name}"),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
        assert (ARTIFACTS / f"docx_{stem}_{name}.png").stat().st_size > 1000
    # Set in the SC stand-ins of 宋体 (serif body) and 黑体 (sans headings), Latin text included: no DejaVu,
    # not the sans-serif fallback for the body, and every embedded face named as a Simplified Chinese one
    # (Noto's collections share one CFF table named …CJKjp…; scripts/sc-fonts.py derives the SC faces).
    faces = _embedded_faces(source)
    assert faces
    assert all(SC_FACE.match(face) for face in faces), (
        f"{faces}: bash scripts/office-setup.sh derives the SC faces"
    )
    assert any(face.startswith("NotoSerifCJKsc-Regular") for face in faces), faces


#: An embedded face named as a Simplified Chinese one: Noto's SC faces, or the 宋体/黑体 of Windows.
SC_FACE = re.compile(r"^(?:Noto(?:Serif|Sans)CJKsc-|Noto(?:Serif|Sans)SC-|SimSun|SimHei|宋体|黑体)")


def _embedded_faces(source: Path) -> set[str]:
    """The faces pdffonts lists for the PDF at ``source``, without their subset tags (ABCDEF+)."""
    listed = subprocess.run(["pdffonts", str(source)], check=True, capture_output=True, timeout=60).stdout
    return {line.split()[0].rpartition("+")[2] for line in listed.decode().splitlines()[2:]}


def test_sc_face_pattern_refuses_the_collections_japanese_name() -> None:
    """What the PDF test would have caught before scripts/sc-fonts.py: pdffonts named the faces …CJKjp…."""
    assert SC_FACE.match("NotoSerifCJKsc-Regular-VKana")
    assert not SC_FACE.match("NotoSerifCJKjp-Regular-VKana")
    assert not SC_FACE.match("NotoSansCJKjp-Bold")
    assert not SC_FACE.match("DejaVuSans")


@pytest.mark.skipif(
    not HAS_NOTO_CJK, reason="fontconfig or the Noto CJK fonts not installed (scripts/office-setup.sh)"
)
@pytest.mark.parametrize(
    ("face", "expected"),
    [("宋体", "Noto Serif SC"), ("SimSun", "Noto Serif SC"), ("黑体", "Noto Sans SC")],
)
def test_pdf_font_aliases_choose_the_simplified_chinese_faces(
    face: str, expected: str, tmp_path: Path
) -> None:
    """The conversion's fontconfig serves the Word file's 宋体/黑体 with the SC faces, never the Japanese
    sans LibreOffice fell back to before (a ministry print in Japanese glyph forms)."""
    config = tmp_path / "fonts.conf"
    config.write_bytes(pdf.fontconfig_aliases())
    chosen = subprocess.run(
        ["fc-match", "--format=%{family[0]}", face],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
        env={**os.environ, "FONTCONFIG_FILE": str(config)},
    ).stdout
    assert chosen == expected


def test_drafting_lists_the_foreword_quotes_are_printed_once() -> None:
    """Issue 36: a 说明 that quotes its 主要起草单位 and 主要起草人 printed them twice in the Word export."""
    document = samples().by_ref["4-10-01-02@2019"].document
    assert document.drafting is not None
    quoted = (
        f"{document.foreword}本标准主要起草单位：{'、'.join(document.drafting.units)}。\n"
        f"本标准主要起草人：{'、'.join(document.drafting.authors)}。\n"
    )
    changed = document.model_copy(update={"foreword": quoted})
    printed = [p.text for p in docx.Document(io.BytesIO(export(changed))).paragraphs]
    assert sum("主要起草单位" in line for line in printed) == 1
    assert sum("主要起草人" in line for line in printed) == 1
    assert any(line.startswith("审定单位：") for line in printed)  # not quoted: still printed
