"""试卷结构 and the 考评蓝图: the 电工 2018 sample's plans add up, name their pools and split difficulty;
its L3 skill test has its modules; documents without papers are untouched; the workbook, the page and
the integrators' worked example show the same plan."""

from __future__ import annotations

import dataclasses
import functools
import io
import re
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from stdkit import blueprint, papers
from stdkit.collection import Collection, Entry
from stdkit.config import Config
from stdkit.model import LevelledBody
from stdkit.model.blueprint import PAPER_FIELDS, Blueprint, Exam
from stdkit.publish import dump
from stdkit.run import pipeline
from stdkit.site import pages
from stdkit.workbook import workbook

from .conftest import ROOT, STANDARDS, CliResult

ELECTRICIAN = "6-31-01-03@2018"
DOCS = ROOT / "docs" / "integrators.md"


@functools.cache
def samples() -> Collection[Entry]:
    report = pipeline.check([STANDARDS], Config.default(ROOT))
    assert report.exit_status == 0, [d.render() for d in report.diagnostics]
    return report.collection


def entry(ref: str = ELECTRICIAN) -> Entry:
    return samples().by_ref[ref]


def exam(made: Blueprint, kind: str) -> Exam:
    return next(c for c in made.components if isinstance(c, Exam) and c.kind == kind)


@pytest.mark.parametrize("level", ["L2", "L3"])
def test_golden(level: str, golden: Callable[[str, str | bytes], None]) -> None:
    golden(f"blueprints/6-31-01-03_2018_{level}.json", dump(blueprint.build(entry(), level)))


@pytest.mark.parametrize(
    ("level", "columns"),
    [("L2", {"judgement": 20, "single-choice": 60, "multiple-choice": 20}), ("L3", None)],
)
def test_plan_rows_and_columns_add_up(level: str, columns: dict[str, int] | None) -> None:
    theory = exam(blueprint.build(entry(), level), "theory")
    assert theory.plan is not None and theory.paper is not None and theory.difficulty is not None
    assert theory.items == 100 and theory.total_points == 100 and theory.pass_points == 60
    assert theory.minutes == 90
    expected_columns = columns or {"judgement": 20, "single-choice": 80}
    assert [block.type for block in theory.paper] == list(expected_columns)
    assert len(theory.plan) == len(theory.sections) * len(theory.paper)
    for section in theory.sections:
        row = [c for c in theory.plan if c.section == (section.code or section.key)]
        assert sum(c.count for c in row) == section.items
        assert all(c.section_title == section.name for c in row)
    for block_type, count in expected_columns.items():
        assert sum(c.count for c in theory.plan if c.type == block_type) == count
    assert sum(c.points for c in theory.plan) == 100
    totals = {"easy": 0, "medium": 0, "hard": 0}
    for cell in theory.plan:
        assert papers.pool(theory, cell), f"{cell.section} {cell.type} has no 鉴定点 pool"
        split = cell.difficulty_counts
        assert split is not None and split.easy + split.medium + split.hard == cell.count
        for name in totals:
            totals[name] += getattr(split, name)
    assert totals == {"easy": 20, "medium": 60, "hard": 20}


def test_cells_name_their_sections_pool() -> None:
    theory = exam(blueprint.build(entry(), "L3"), "theory")
    assert theory.plan is not None
    first = next(c for c in theory.plan if c.section == f"{ELECTRICIAN}/L3/1")
    assert first.section_title == "电气设备装调维修"
    assert f"{ELECTRICIAN}/L3/1.1.k1" in papers.pool(theory, first)
    assert any(
        code.startswith(f"{ELECTRICIAN}/L4/") for code in papers.pool(theory, first)
    )  # inherited lines
    ethics = next(c for c in theory.plan if c.section == "ethics")
    assert papers.pool(theory, ethics)[0] == f"{ELECTRICIAN}/ethics/k1"


def test_the_pool_is_listed_once_in_its_section_not_in_every_cell() -> None:
    data = orjson.loads(dump(blueprint.build(entry(), "L3")))
    theory = next(c for c in data["components"] if c["kind"] == "theory")
    sections = {s["code"] or s["key"]: s for s in theory["sections"]}
    assert len(theory["plan"]) > len(sections), "a section has a cell per type"
    for cell in theory["plan"]:
        assert "point_codes" not in cell
        section = sections[cell["section"]]  # every cell names a section of its component
        assert section["points"] or section["inherited"]


def test_l2_paper_carries_fractional_points_and_scoring() -> None:
    theory = exam(blueprint.build(entry(), "L2"), "theory")
    assert theory.paper is not None
    judgement, _, multiple = theory.paper
    assert judgement.points == 0.5 and judgement.name == "判断题"
    assert multiple.scoring == "all-or-nothing" and multiple.name == "多项选择题"
    data = orjson.loads(dump(blueprint.build(entry(), "L1")))
    assert "scoring" not in data["components"][0]["paper"][0]


def test_l3_skill_modules() -> None:
    skill = exam(blueprint.build(entry(), "L3"), "skill")
    assert skill.modules is not None
    assert [m.points for m in skill.modules.required] == [20, 30, 30]
    assert [m.minutes for m in skill.modules.required] == [40, 50, 40]
    (group,) = skill.modules.choose
    assert (group.draw, group.by, [m.points for m in group.modules]) == (1, "lot", [20, 20])
    plc = skill.modules.required[1]
    assert plc.function_codes == [f"{ELECTRICIAN}/L3/2"]
    assert f"{ELECTRICIAN}/L3/2.1.1" in plc.point_codes
    assert exam(blueprint.build(entry(), "L4"), "skill").modules is None


def test_documents_without_papers_keep_their_blueprints() -> None:
    """Removing `papers` removes exactly the paper fields and changes nothing else."""
    with_papers = entry()
    document = with_papers.document
    bare = dataclasses.replace(
        with_papers,
        document=document.model_copy(
            update={"assessment": document.assessment.model_copy(update={"papers": None})}
        ),
    )
    for level in blueprint.levels_of(with_papers):
        composed = orjson.loads(dump(blueprint.build(with_papers, level)))
        plain = orjson.loads(dump(blueprint.build(bare, level)))
        for component in composed["components"]:
            for name in PAPER_FIELDS:
                component.pop(name, None)
        assert composed == plain
        assert not any(name in c for c in plain["components"] for name in PAPER_FIELDS)


def test_workbook_has_the_two_way_table_and_the_modules() -> None:
    from openpyxl import load_workbook

    data = workbook(blueprint.build(entry(), "L3"))
    assert data == workbook(blueprint.build(entry(), "L3"))
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["理论知识", "技能操作", "双向细目表", "技能考核"]
    rows = [r for r in book["双向细目表"].iter_rows(min_row=6, values_only=True) if r[0] is not None]
    assert rows[0][:5] == ("代码", "鉴定范围", "比重（%）", "判断题（1分/题）", "单项选择题（1分/题）")
    assert rows[0][5] == "合计"
    total = next(r for r in rows if r[0] == "合计（题）")
    assert total[2:6] == (100, 20, 80, 100)
    assert next(r for r in rows if r[0] == "分值（分）")[5] == 100
    body = rows[1:7]
    assert [r[5] for r in body] == [5, 15, 20, 25, 15, 20]
    assert all(r[3] + r[4] == r[5] for r in body)
    modules = [r for r in book["技能考核"].iter_rows(min_row=7, values_only=True) if r[1]]
    assert [r[5] for r in modules] == [20, 30, 30, 20, 20]
    assert modules[3][0] == "选考（2选1，抽签）"


def test_page_shows_the_plan_and_escapes_author_text(tmp_path: Path) -> None:
    page = pages.render(pipeline.check([STANDARDS], Config.default(ROOT))).pages
    text = page[pages.doc_uri(entry())]
    assert isinstance(text, str)
    assert "## 考评蓝图" in text and "判断题（0.5分/题）" in text and "选考（2选1，抽签决定）" in text
    source = (STANDARDS / "6-31-01-03_2018.yaml").read_text(encoding="utf-8")
    source = source.replace("module: PLC控制系统装调", "module: '<script>alert(1)</script>'", 1)
    source = re.sub(r"(?m)^supersedes: .*\n", "", source)
    (tmp_path / "standards").mkdir()
    (tmp_path / "standards" / "doc.yaml").write_text(source, encoding="utf-8")
    config = Config.default(tmp_path)
    rendered = pages.render(pipeline.check([tmp_path / "standards"], config)).pages
    body = "".join(v for v in rendered.values() if isinstance(v, str))
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_a_95_point_paper_and_an_unknown_function_are_errors_in_chinese(
    cli: Callable[..., CliResult],
) -> None:
    bad = ROOT / "tests" / "corpus" / "bad"
    status, out, _ = cli(
        "validate", "--lang", "zh", bad / "paper_95_points.yaml", bad / "module_unknown_function.yaml"
    )
    assert status == 1
    assert "理论知识试卷 `all` 总分为 95 分（20 × 0.75 + 80 × 1），不是 100 分。" in out
    assert "L4 没有职业功能「电气安装调试」" in out


def test_integrators_example_assembles_a_paper_from_a_bank() -> None:
    """The guide's fenced example, run as written against the L2 blueprint and a synthetic bank."""
    text = DOCS.read_text(encoding="utf-8")
    code = re.search(r"<!-- example: assemble -->\n```python\n(.*?)```", text, re.DOTALL)
    assert code is not None, "the worked example is missing from docs/integrators.md"
    english = (DOCS.parent / "en" / "integrators.md").read_text(encoding="utf-8")  # kept beside it
    assert code.group(0) in english, "docs/en/integrators.md runs another example"
    namespace: dict[str, object] = {}
    exec(compile(code.group(1), str(DOCS), "exec"), namespace)  # our own documentation, run as written
    assemble = namespace["assemble"]
    assert callable(assemble)
    made = orjson.loads(dump(blueprint.build(entry(), "L2")))
    theory = next(c for c in made["components"] if c["kind"] == "theory")
    bank = [
        {
            "id": f"{cell['section']}|{cell['type']}|{difficulty}|{n}",
            "point_code": code_,
            "type": cell["type"],
            "difficulty": difficulty,
        }
        for cell in theory["plan"]
        for difficulty in ("easy", "medium", "hard")
        for n, code_ in enumerate(
            [
                p["code"]
                for s in theory["sections"]
                if (s["code"] or s["key"]) == cell["section"]
                for p in (*s["points"], *s["inherited"])
            ]
            * 3
        )
    ]
    paper = assemble(made, bank, seed=7)
    assert len(paper) == 100 and sum(q["points"] for q in paper) == 100
    assert [q["type"] for q in paper[:20]] == ["judgement"] * 20
    assert len({q["id"] for q in paper}) == 100
    assert paper == assemble(made, bank, seed=7)
    with pytest.raises(LookupError):
        assemble(made, bank[:50])


def test_diff_names_a_changed_paper() -> None:
    from stdkit.diff.compare import compare

    document = entry().document
    assert isinstance(document, LevelledBody)
    papers = document.assessment.papers
    assert papers is not None and papers.theory is not None and papers.theory.L2 is not None
    halved = [
        block.model_copy(update={"points": 1.0}) if block.type == "judgement" else block
        for block in papers.theory.L2
    ]
    changed = document.model_copy(
        update={
            "assessment": document.assessment.model_copy(
                update={
                    "papers": papers.model_copy(
                        update={"theory": papers.theory.model_copy(update={"L2": halved})}
                    )
                }
            )
        }
    )
    (change,) = compare(document, changed)
    assert change.label == "papers 试卷结构 · theory · L2"
    assert change.old is not None and "判断题 20×0.5分" in change.old
    assert change.new is not None and "判断题 20×1分" in change.new
    assert change.substantive
