"""The published 细目表 bytes (stdkit.workbook.xlsx) are XlsxWriter's own (stdkit.workbook.reference).

The package writes the cells, merged ranges and shared strings itself and reuses XlsxWriter's other
parts across workbooks; every test here writes the same recorded sheets both ways and asks for the same
bytes: the samples (with a crosswalk sheet and drafts), a generated corpus, random sheets, and one
workbook that has every hard case at once. An XlsxWriter upgrade that writes differently fails here.
"""

from __future__ import annotations

import datetime
import io
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from stdkit import blueprint, publish
from stdkit.collection import Collection, Entry
from stdkit.comparison import TITLE
from stdkit.config import Config
from stdkit.model.blueprint import Blueprint, Exam
from stdkit.model.common import Status
from stdkit.run import pipeline
from stdkit.workbook import workbook
from stdkit.workbook.cells import _STYLES, Sheet
from stdkit.workbook.reference import reference
from stdkit.workbook.xlsx import package
from tests.test_publish import samples

from .conftest import ROOT

CROSSWALKED = "6-31-01-03@2018"
FORMULA = '=HYPERLINK("http://example.com","点此")'


def _both(collection: Collection[Entry]) -> list[tuple[bytes, bytes]]:
    """Every level's workbook of ``collection`` (drafts included, a crosswalk sheet where one is confirmed),
    written by the package and by the reference."""
    placement = publish.placement_in(collection, include_drafts=True)
    pairs = []
    for entry in publish.selected(collection.entries, include_drafts=True):
        into = placement.comparisons.get(entry.ref)
        for level in blueprint.levels_of(entry):
            made = blueprint.build(entry, level)
            pairs.append((workbook(made, into), workbook(made, into, writer=reference)))
    return pairs


def test_every_sample_workbook_is_xlsxwriters_bytes() -> None:
    collection = samples()
    assert CROSSWALKED in publish.placement_in(collection, include_drafts=True).comparisons
    pairs = _both(collection)
    assert len(pairs) > 30
    assert [ours for ours, _ in pairs] == [theirs for _, theirs in pairs]


@pytest.mark.slow
def test_a_generated_corpus_workbooks_are_xlsxwriters_bytes(tmp_path: Path) -> None:
    """bench/corpus.py's 60 documents (seed 7): every kind of level, plans, modules, 评聘, drafts."""
    root = tmp_path / "corpus"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "corpus.py"), "60", str(root), "--seed", "7"],
        check=True,
        capture_output=True,
    )
    report = pipeline.validate([root / "standards"], Config.default(root))
    pairs = _both(report.collection)
    assert len(pairs) > 150
    differ = sum(ours != theirs for ours, theirs in pairs)
    assert differ == 0, f"{differ} of {len(pairs)} workbooks differ from XlsxWriter's"


def _hard(made: Blueprint) -> Blueprint:
    """``made`` as a draft with two sections 暂定, and its first 鉴定点 an author's formula."""
    exam = next(c for c in made.components if isinstance(c, Exam) and c.sections[0].points)
    section = exam.sections[0]
    point = section.points[0].model_copy(update={"text": FORMULA})
    section = section.model_copy(update={"points": [point, *section.points[1:]]})
    changed = exam.model_copy(update={"sections": [section, *exam.sections[1:]]})
    document = made.document.model_copy(update={"status": Status.DRAFT, "provisional": ["weights", "basics"]})
    components = [changed if c is exam else c for c in made.components]
    return made.model_copy(update={"document": document, "components": components})


def test_a_draft_with_a_crosswalk_and_a_formula_is_xlsxwriters_bytes() -> None:
    collection = samples()
    into = publish.placement_in(collection, include_drafts=True).comparisons[CROSSWALKED]
    made = _hard(blueprint.build(collection.by_ref[CROSSWALKED], "L3"))
    ours = workbook(made, into)
    assert ours == workbook(made, into, writer=reference)
    book = load_workbook(io.BytesIO(ours))
    assert book.sheetnames[-1] == TITLE
    sheet = book["理论知识"]
    assert len(sheet.merged_cells.ranges) > 10
    values = [c.value for row in sheet.iter_rows(max_row=4) for c in row if c.value]
    assert "草案，尚未发布" in values and "暂定" in values
    formula = next(c for row in sheet.iter_rows() for c in row if c.value == FORMULA)
    assert formula.data_type == "s" and formula.quotePrefix  # a string, shown as typed; never a formula


@pytest.mark.parametrize("text", ["<r>&</r>", "<r><t>外加的文字</t></r>", " <r>x</r>"])
def test_author_text_that_looks_like_a_rich_string_is_text(text: str) -> None:
    """XlsxWriter writes a string from ``<r>`` to ``</r>`` raw into sharedStrings.xml, as rich-text XML: author
    text ``<r>&</r>`` made the part malformed (Excel offers to repair the file). Both writers write it as
    text: the part parses and the cell reads back exactly what the author wrote."""
    import zipfile

    from lxml import etree

    collection = samples()
    made = blueprint.build(collection.by_ref[CROSSWALKED], "L3")
    exam = next(c for c in made.components if isinstance(c, Exam) and c.sections[0].points)
    section = exam.sections[0]
    point = section.points[0].model_copy(update={"text": text})
    changed = exam.model_copy(
        update={
            "sections": [
                section.model_copy(update={"points": [point, *section.points[1:]]}),
                *exam.sections[1:],
            ]
        }
    )
    made = made.model_copy(update={"components": [changed if c is exam else c for c in made.components]})
    ours = workbook(made)
    assert ours == workbook(made, writer=reference)
    etree.fromstring(zipfile.ZipFile(io.BytesIO(ours)).read("xl/sharedStrings.xml"))  # well-formed
    values = [c.value for row in load_workbook(io.BytesIO(ours))["理论知识"].iter_rows() for c in row]
    assert text in values


_TEXT = st.lists(
    st.sampled_from(
        [
            "电工",
            "a",
            " ",
            "\t",
            "\n",
            "\r",
            "\x00",
            "\x1f",
            "_x0041_",
            "_X004a_",
            "<r>",
            "</r>",
            "&",
            "<",
            ">",
            '"',
            "'",
            "=",
            "+",
            "-",
            "@",
            "＝",
            "\ufffe",
            "\uffff",
            "\U0001f600",
            "1",
            "0.5",
            "]]>",
        ]
    ),
    max_size=6,
).map("".join)
_VALUES = st.one_of(
    _TEXT,
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.none(),
    st.booleans(),
)
_CALLS = st.lists(
    st.one_of(
        st.just(("set_landscape", ())),
        st.just(("set_paper", (9,))),
        st.just(("fit_to_pages", (1, 0))),
        st.tuples(st.just("repeat_rows"), st.tuples(st.integers(0, 5), st.integers(5, 8))),
        st.just(("center_horizontally", ())),
        st.just(("set_margins", (0.4, 0.4, 0.5, 0.5))),
        st.tuples(st.just("freeze_panes"), st.tuples(st.integers(1, 8), st.just(0))),
        st.tuples(st.just("set_row"), st.tuples(st.integers(0, 40), st.sampled_from([12, 36, 50.5]))),
        st.tuples(st.just("set_column"), st.tuples(st.integers(0, 9), st.integers(0, 9), st.floats(1, 60))),
    ),
    max_size=6,
)


@st.composite
def _sheets(draw: st.DrawFn) -> list[Sheet]:
    names = draw(
        st.lists(
            st.sampled_from(["理论知识", "技能操作", "双向细目表", TITLE, "S1"]),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    made = []
    for name in names:
        sheet = Sheet(name)
        for row, column, value, style in draw(
            st.lists(
                st.tuples(st.integers(1, 40), st.integers(1, 14), _VALUES, st.sampled_from(sorted(_STYLES)))
            )
        ):
            sheet.put(row, column, value, style)
        taken: set[tuple[int, int]] = set()
        for top, left, tall, wide in draw(
            st.lists(st.tuples(*[st.integers(1, 20)] * 2, *[st.integers(0, 4)] * 2))
        ):
            cells = {(r, c) for r in range(top, top + tall + 1) for c in range(left, left + wide + 1)}
            if not cells & taken:
                taken |= cells
                sheet.merge(top, left, top + tall, left + wide)
        for call, arguments in draw(_CALLS):
            if call != "set_column" or arguments[0] <= arguments[1]:
                getattr(sheet.page, call)(*arguments)
        made.append(sheet)
    return made


@settings(max_examples=60, deadline=None)
@given(_sheets(), st.dates(datetime.date(1980, 1, 1), datetime.date(2107, 12, 31)))
def test_random_sheets_are_xlsxwriters_bytes(sheets: list[Sheet], when: datetime.date) -> None:
    assert package(sheets, when) == reference(sheets, when)


def test_cells_xlsxwriter_would_change_are_left_to_it() -> None:
    """A string past 16,383 characters (XlsxWriter may truncate it) or a number that is not finite
    (XlsxWriter refuses it): the package writes what XlsxWriter does, or fails as it does."""
    when = datetime.date(2022, 1, 1)
    sheet = Sheet("理论知识")
    sheet.put(1, 1, "长" * 40_000, "text")
    assert package([sheet], when) == reference([sheet], when)
    sheet.put(2, 1, float("inf"), "number")
    with pytest.raises(TypeError, match="NAN/INF not supported"):
        package([sheet], when)
