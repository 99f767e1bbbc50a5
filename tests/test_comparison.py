"""The 新旧版本对照表 of the confirmed crosswalk 电工 2009 → 2018 in its three media — the site page, the
workbook sheet 「新旧版本对照表」 and the Word appendix 「附录 新旧版本对照表」: in each, the numbers of the summary
are the crosswalk's relation counts, and the table has one row per crosswalk row, in the same order."""

from __future__ import annotations

import dataclasses
import html
import io
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from openpyxl import load_workbook

from stdkit import blueprint, comparison, crosswalks, publish
from stdkit.collection import Collection, Entry
from stdkit.config import Config
from stdkit.interchange import layout
from stdkit.interchange.docx import read as docx_import
from stdkit.interchange.docx.write import export
from stdkit.run import pipeline
from stdkit.run.report import Report
from stdkit.site.pages import render
from stdkit.workbook import workbook

from .conftest import ROOT, STANDARDS
from .test_docx import HAS_OFFICE
from .test_import_docx import without_source

NEW, OLD = "6-31-01-03@2018", "6-31-01-03@2009"
CROSSWALK = ROOT / "crosswalks" / "6-31-01-03_2009_2018.yaml"
PAGE = "crosswalks/6-31-01-03_2009_2018.md"
#: The summary's sentence with its numbers taken out, in the order it says them.
SUMMARY = re.compile(
    r"与2009年版相比，本标准增加 (\d+) 条、删除 (\d+) 条、更改 (\d+) 条"
    r"（其中文字修改 (\d+) 条、内容修改 (\d+) 条、移动 (\d+) 条），拆分 (\d+) 条，合并 (\d+) 条；本版与原版(不?等效)。"
)


@pytest.fixture(scope="module")
def report() -> Report[Entry]:
    from stdkit.site.pages import ANALYSES

    return pipeline.check([STANDARDS], Config.default(ROOT), analyses=ANALYSES)


@pytest.fixture(scope="module")
def collection(report: Report[Entry]) -> Collection[Entry]:
    return report.collection


@pytest.fixture(scope="module")
def walk() -> crosswalks.Crosswalk:
    found, problems = crosswalks.load(CROSSWALK, ROOT)
    assert found is not None, problems
    assert found.is_confirmed
    return found


@pytest.fixture(scope="module")
def table(collection: Collection[Entry]) -> comparison.Comparison:
    return comparison.of_collection(collection.entries, crosswalks.confirmed(ROOT), False)[NEW]


def _expected(walk: crosswalks.Crosswalk) -> tuple[str, ...]:
    """The summary's numbers as the crosswalk's own rows count them."""
    n = crosswalks.relation_counts(walk.rows)
    changed = n.get("wording", 0) + n.get("revised", 0) + n.get("moved", 0)
    numbers = [n.get("new", 0), n.get("deleted", 0), changed]
    numbers += [n.get(r, 0) for r in ("wording", "revised", "moved", "split", "merged")]
    return (*map(str, numbers), "等效" if walk.content.verdict == "equivalent" else "不等效")


def _summary_numbers(found: str) -> tuple[str, ...]:
    match = SUMMARY.search(found)
    assert match, found
    return match.groups()


def test_the_comparison_counts_the_crosswalk(
    table: comparison.Comparison, walk: crosswalks.Crosswalk
) -> None:
    assert _summary_numbers(table.summary) == _expected(walk)
    assert table.counts == crosswalks.relation_counts(walk.rows)
    assert len(table.rows) == len(walk.rows) == 325
    assert table.columns == (
        "序号",
        "原标准（2009年版）代码",
        "原条文",
        "新标准（2018年版）代码",
        "新条文",
        "变化类型",
        "修订说明",
    )
    split = next(r for r in table.rows if r.relation == "split")
    assert len(split.news) > 1 and all(text for _, text in split.news)  # both new lines, with their texts


def _cells(row_html: str) -> list[str]:
    """The text of each cell, a line break for each ``<br>``."""
    cells = re.findall(r"<td>(.*?)</td>", row_html)
    return [html.unescape(re.sub(r"<[^>]+>", "", c.replace("<br>", "\n"))) for c in cells]


def test_site_page(report: Report[Entry], table: comparison.Comparison, walk: crosswalks.Crosswalk) -> None:
    pages = render(report)
    page = pages.pages[PAGE]
    assert isinstance(page, str)
    summary = re.search(r'<p class="sk-summary">(.*?)</p>', page)
    assert summary
    assert _summary_numbers(html.unescape(summary[1])) == _expected(walk)
    body = page[page.index('class="sk-table sk-crosswalk"') :]
    head = re.findall(r"<th>(.*?)</th>", body)
    assert tuple(head) == table.columns
    rows = re.findall(r"<tr>(<td>.*?)</tr>", body)
    assert len(rows) == len(walk.rows)
    assert [_cells(r)[0] for r in rows] == [str(n) for n in range(1, len(walk.rows) + 1)]
    split = next(r for r in table.rows if r.relation == "split")
    assert _cells(rows[split.number - 1])[3].split("\n") == [code for code, _ in split.news]
    # scrolls inside its container on a phone
    assert '<div class="sk-table-wrap" tabindex="0"><table class="sk-table sk-crosswalk">' in page
    # both editions' pages link to it (版本沿革), and so does the navigation
    for ref in (OLD, NEW):
        edition = ref.partition("@")[2]
        assert "../../crosswalks/6-31-01-03_2009_2018.html" in str(
            pages.pages[f"standards/6-31-01-03/{edition}.md"]
        )
    assert PAGE in str(pages.nav)


def test_workbook_sheet(collection: Collection[Entry], walk: crosswalks.Crosswalk) -> None:
    placement = publish.placement_in(collection, include_drafts=False)
    entry = collection.by_ref[NEW]
    first = blueprint.levels_of(entry)[0]
    made = blueprint.build(entry, first)
    data = workbook(made, placement.comparisons[NEW])
    assert data == workbook(made, placement.comparisons[NEW])  # deterministic bytes
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames[-1] == "新旧版本对照表"
    sheet = book["新旧版本对照表"]
    values: list[tuple[Any, ...]] = list(sheet.iter_rows(values_only=True))
    assert _summary_numbers(str(values[1][0])) == _expected(walk)
    heading = next(i for i, row in enumerate(values) if row[0] == "序号")
    assert tuple(values[heading]) == placement.comparisons[NEW].columns
    assert sheet.freeze_panes == f"A{heading + 2}"  # the heading row stays in view
    assert all(sheet.cell(heading + 1, c).font.b for c in range(1, 8))  # bold headings
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width  # widths set
    rows = [row for row in values[heading + 1 :] if row[0] is not None]
    assert len(rows) == len(walk.rows)
    assert [row[0] for row in rows] == list(range(1, len(walk.rows) + 1))
    # an edition without a crosswalk into it has no such sheet
    old = blueprint.build(collection.by_ref[OLD], first)
    assert "新旧版本对照表" not in load_workbook(io.BytesIO(workbook(old))).sheetnames


def test_built_workbooks_carry_the_sheet(collection: Collection[Entry], tmp_path: Path) -> None:
    """What `stdkit build` publishes: every level workbook of 2018 has the sheet, 2009's none."""
    publish.write_blueprints(collection, tmp_path / "blueprints", include_drafts=False)
    for edition, has in (("2018", True), ("2009", False)):
        books = sorted((tmp_path / "blueprints" / "6-31-01-03" / edition).glob("*.xlsx"))
        assert books
        for book in books:
            assert ("新旧版本对照表" in load_workbook(book).sheetnames) is has, book


def _word_table(data: bytes) -> tuple[list[str], Any]:
    word = docx.Document(io.BytesIO(data))
    paragraphs = [p.text for p in word.paragraphs if p.text]
    found = [t for t in word.tables if t.rows[0].cells[0].text == "序号" and len(t.columns) == 7]
    assert len(found) == 1
    return paragraphs, found[0]


def test_word_appendix(
    collection: Collection[Entry], table: comparison.Comparison, walk: crosswalks.Crosswalk
) -> None:
    document = collection.by_ref[NEW].document
    data = export(document, comparison=table)
    paragraphs, grid = _word_table(data)
    at = paragraphs.index(layout.CROSSWALK_APPENDIX)
    assert paragraphs[at] == "附录 新旧版本对照表"
    assert _summary_numbers(paragraphs[at + 1]) == _expected(walk)
    assert tuple(c.text for c in grid.rows[0].cells) == table.columns
    assert len(grid.rows) - 1 == len(walk.rows)
    split = next(r for r in table.rows if r.relation == "split")
    assert grid.rows[split.number].cells[3].text.split("\n") == [code for code, _ in split.news]
    assert export(document, comparison=table) == data  # deterministic bytes
    assert layout.CROSSWALK_APPENDIX not in [
        p.text for p in docx.Document(io.BytesIO(export(document))).paragraphs
    ]


@pytest.mark.parametrize("carried", [True, False], ids=["with-source", "printed-only"])
def test_import_reads_the_appendix_as_nothing(
    collection: Collection[Entry], table: comparison.Comparison, carried: bool
) -> None:
    """The appendix is the crosswalk file's, not the document's: importing the export gives exactly what
    importing the export without it gives (no appendix, no finding)."""
    document = collection.by_ref[NEW].document

    def imported(data: bytes) -> Any:
        return docx_import.read_bytes(data if carried else without_source(data), "x.docx")

    with_table = imported(export(document, comparison=table))
    without = imported(export(document))
    assert with_table.document is not None
    assert [d.code for d in with_table.diagnostics] == [d.code for d in without.diagnostics]
    assert with_table.document.model_dump() == without.document.model_dump()
    assert not any(a.title.startswith("附录 新旧") for a in with_table.document.appendices)


def test_cli_export_docx_has_the_appendix(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    target = tmp_path / "e.docx"
    assert cli("export", "docx", NEW, "-o", target)[0] == 0
    assert layout.CROSSWALK_APPENDIX in _word_table(target.read_bytes())[0]
    old = tmp_path / "old.docx"
    assert cli("export", "docx", OLD, "-o", old)[0] == 0
    assert layout.CROSSWALK_APPENDIX not in [p.text for p in docx.Document(str(old)).paragraphs]


SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://example.invalid","点此")'


def test_author_text_is_inert_in_every_medium(
    collection: Collection[Entry], walk: crosswalks.Crosswalk
) -> None:
    """A crosswalk's notes are author text: escaped on the page, a quoted string cell (never a formula) in
    the workbook, literal text in Word."""
    from stdkit.site.pages import crosswalk as page

    rows = [row.model_copy(update={"note": (SCRIPT, FORMULA)[n % 2]}) for n, row in enumerate(walk.rows)]
    hostile = dataclasses.replace(walk, content=walk.content.model_copy(update={"rows": rows}))
    found = comparison.of(hostile, collection.by_ref[OLD], collection.by_ref[NEW])
    shown = page.table(found)
    assert SCRIPT not in shown and html.escape(SCRIPT, quote=False) in shown
    entry = collection.by_ref[NEW]
    book = load_workbook(io.BytesIO(workbook(blueprint.build(entry, "L5"), found)))
    notes = [row[6] for row in book["新旧版本对照表"].iter_rows(min_row=6)]
    assert {cell.value for cell in notes} == {SCRIPT, FORMULA}
    for cell in notes:
        assert cell.data_type == "s"
        assert bool(cell.quotePrefix) is (cell.value == FORMULA)
    word = docx.Document(io.BytesIO(export(entry.document, comparison=found)))
    table = next(t for t in word.tables if t.rows[0].cells[0].text == "序号" and len(t.columns) == 7)
    assert {table.rows[1].cells[6].text, table.rows[2].cells[6].text} == {SCRIPT, FORMULA}


def _published(site: Path) -> tuple[str | None, list[list[str]], bool]:
    """What a build published of the crosswalk: the page (or None), each 2018 workbook's sheet names, and
    whether the 2018 CASE package carries an association grouping."""
    page = site / "crosswalks" / "6-31-01-03_2009_2018.html"
    edition = site / "blueprints" / "6-31-01-03" / "2018"
    sheets = [load_workbook(book).sheetnames for book in sorted(edition.glob("*.xlsx"))]
    package = (edition / "case.json").read_text(encoding="utf-8")
    return (
        (page.read_text(encoding="utf-8") if page.exists() else None),
        sheets,
        "CFAssociationGroupings" in package,
    )


@pytest.mark.slow
def test_propose_then_confirm_then_build(in_dir: Path, cli: Any) -> None:
    """`stdkit crosswalk propose` writes a proposal that publishes nothing; confirmed, the build publishes
    the page, the sheets and the CASE grouping, and the page's numbers are the file's own counts."""
    import shutil

    (in_dir / "standards").mkdir()
    for name in ("6-31-01-03_2009.yaml", "6-31-01-03_2018.yaml"):
        shutil.copy(STANDARDS / name, in_dir / "standards" / name)
    status, _, err = cli("crosswalk", "propose", OLD, NEW)
    assert status == 0, err
    status, _, err = cli("build", "--out", "proposed")
    assert status == 0, err
    page, sheets, grouped = _published(in_dir / "proposed")
    assert page is None and not grouped
    assert sheets and not any("新旧版本对照表" in names for names in sheets)
    path = in_dir / "crosswalks" / "6-31-01-03_2009_2018.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: proposed", "status: confirmed"), "utf-8"
    )
    status, _, err = cli("build", "--out", "confirmed")
    assert status == 0, err
    page, sheets, grouped = _published(in_dir / "confirmed")
    assert page is not None and grouped
    assert sheets and all(names[-1] == "新旧版本对照表" for names in sheets)
    proposal, problems = crosswalks.load(path, in_dir)
    assert proposal is not None, problems
    summary = re.search(r'<p class="sk-summary">(.*?)</p>', page)
    assert summary
    assert _summary_numbers(html.unescape(summary[1])) == _expected(proposal)
    table = page[page.index("sk-crosswalk") :]
    assert len(re.findall(r"<tr><td>", table)) == len(proposal.rows)


@pytest.mark.slow
@pytest.mark.skipif(not HAS_OFFICE, reason="LibreOffice and poppler not installed (scripts/office-setup.sh)")
def test_the_pdf_prints_the_appendix(
    collection: Collection[Entry], table: comparison.Comparison, walk: crosswalks.Crosswalk, tmp_path: Path
) -> None:
    import subprocess

    from stdkit.interchange import pdf

    source = tmp_path / "document.pdf"
    source.write_bytes(pdf.to_pdf(export(collection.by_ref[NEW].document, comparison=table)))
    text = subprocess.run(
        ["pdftotext", str(source), "-"], check=True, capture_output=True, timeout=120
    ).stdout.decode()
    flat = "".join(text.split())  # pdftotext spaces CJK from digits and wraps cells
    at = flat.index("附录新旧版本对照表")
    assert _summary_numbers(table.summary) == _expected(walk)
    assert "".join(table.summary.split()) in flat[at:]
    assert "序号原标准" in flat[at:]  # the heading row, repeated on later pages
    assert flat.count("序号原标准") > 1
