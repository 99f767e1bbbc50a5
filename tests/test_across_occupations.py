"""An evaluation rule across occupations (issue #36): an evaluation spec with `scope:` and `occupations: any` (or a
list of 大典 codes) instead of one `occupation`. It checks, builds, exports and compares without inventing an
occupation; the transcribed shapes are tests/collections/rte95x_across_every_occupation (a municipal 以赛代评 rule
for every occupation, 职工/学生 routes, a grant by reference) and cat60x_across_listed_occupations (two codes)."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path

import docx
import orjson
import yaml
from jsonschema import Draft202012Validator

from stdkit import blueprint, schemas
from stdkit.collection import Entry, entry_from_bytes
from stdkit.config import Config
from stdkit.diff.compare import compare
from stdkit.interchange import case
from stdkit.interchange.docx import read as docx_import
from stdkit.interchange.docx.write import export
from stdkit.model import EvaluationSpec
from stdkit.run import pipeline
from stdkit.site import pages
from tests.conftest import CliResult
from tests.test_import_docx import without_source

COLLECTIONS = Path(__file__).resolve().parent / "collections"
EVERY = COLLECTIONS / "rte95x_across_every_occupation"
LISTED = COLLECTIONS / "cat60x_across_listed_occupations"
RULE = (EVERY / "rule.yaml").read_text(encoding="utf-8")


def entry(raw: str) -> Entry:
    found, problems = entry_from_bytes(raw.encode(), "rule.yaml")
    assert isinstance(found, Entry), problems
    return found


def findings(tmp_path: Path, raw: str) -> list[tuple[str, int, int]]:
    (tmp_path / "rule.yaml").write_text(raw, encoding="utf-8")
    report = pipeline.check([tmp_path], Config.default(tmp_path))
    return [(d.code, d.line, d.col) for d in report.diagnostics]


def test_a_rule_for_every_occupation_with_employee_and_student_routes_checks_clean() -> None:
    report = pipeline.check([EVERY], Config.default(EVERY))
    assert [d.render() for d in report.diagnostics] == []
    [found] = report.collection.entries
    document = found.document
    assert isinstance(document, EvaluationSpec)
    assert (document.occupation, document.occupations, document.occupation_codes()) == (None, "any", [])
    assert "assessment" not in document.model_fields_set  # nothing invented for the YAML or an export


def test_occupations_is_only_for_an_evaluation_spec(tmp_path: Path) -> None:
    base = (COLLECTIONS / "rte95x_employee_student" / "a.yaml").read_text(encoding="utf-8")
    standard = base.replace("kind: evaluation-spec\nissuer_type: hrss\n", "kind: occupational-standard\n")
    standard = standard.replace("scope: 本市互联网营销师职业技能竞赛获奖选手\n", "occupations: any\n")
    standard = standard[: standard.index("routes:")]
    line = standard.splitlines().index("occupations: any") + 1
    assert ("SCH101", line, 1) in findings(tmp_path, standard)


def test_an_evaluation_spec_names_one_occupation_or_many_not_both_and_not_neither(tmp_path: Path) -> None:
    both = RULE.replace(
        "occupations: any\n", "occupations: any\noccupation: {code: 4-01-06-02, name: 互联网营销师}\n"
    )
    line = both.splitlines().index("occupations: any") + 1
    assert findings(tmp_path, both) == [("SCH108", line, 1)]
    neither = RULE.replace("occupations: any\n", "")
    [(code, _, _)] = findings(tmp_path, neither)
    assert code == "SCH102"


def test_each_listed_code_is_checked_as_an_occupation_is() -> None:
    report = pipeline.check([LISTED], Config.default(LISTED))
    found = {(d.code, d.line, d.col) for d in report.diagnostics}
    # 6-31-01-03 电工 is 准入类 (CAT601 at the code); 4-01-02-07 is a 2015-structure code (CAT605 names 4-01-06-02)
    assert found == {("CAT601", 7, 15), ("CAT605", 7, 27)}
    [legacy] = [d for d in report.diagnostics if d.code == "CAT605"]
    assert "4-01-06-02" in legacy.text("zh")


def test_no_blueprint_and_no_occupation_invented_on_the_page(
    in_dir: Path, cli: Callable[..., CliResult]
) -> None:
    standards = in_dir / "standards"
    standards.mkdir()
    shutil.copy(EVERY / "rule.yaml", standards / "rule.yaml")
    shutil.copy(COLLECTIONS / "rte95x_employee_student" / "a.yaml", standards / "a.yaml")
    status, _, err = cli("build", "--out", in_dir / "site", standards)
    assert status == 0, err
    index = orjson.loads((in_dir / "site" / "blueprints" / "index.json").read_bytes())
    assert {row["document"]["ref"] for row in index["blueprints"]} == {"EV-SZ-HLWYX@2023"}
    html = (in_dir / "site" / "standards" / "EV-SZ-YSDP" / "2024.html").read_text(encoding="utf-8")
    assert "各职业（工种）" in html and "按人社部规定晋升" in html
    for invented in ("本职业", "职业编码", "工作要求", "权重表", "考试蓝图", "草案尚未给出"):
        assert invented not in html, invented


def test_the_listed_codes_are_named_on_the_page_and_in_case() -> None:
    report = pipeline.check([LISTED], Config.default(LISTED))
    [found] = report.collection.entries
    assert isinstance(found, Entry)
    html = pages.render(report).pages[pages.doc_uri(found)]
    assert isinstance(html, str)
    assert "电工 <code>6-31-01-03</code>" in html
    assert "<code>4-01-02-07</code>（2022年版大典：互联网营销师 <code>4-01-06-02</code>）" in html
    package = case.package(found)
    assert [s["hierarchyCode"] for s in package["CFDefinitions"]["CFSubjects"]] == [
        "6-31-01-03",
        "4-01-02-07",
    ]
    assert blueprint.levels_of(found) == []


def test_word_prints_the_occupations_on_the_cover_and_reads_them_back() -> None:
    document = entry(RULE).document
    printed = [p.text for p in docx.Document(io.BytesIO(export(document))).paragraphs]
    assert "适用职业：各职业（工种）" in printed
    assert not any(line.startswith("职业编码") for line in printed)
    for source in (RULE, (LISTED / "rule.yaml").read_text(encoding="utf-8")):
        exported = entry(source).document
        imported = docx_import.read_bytes(without_source(export(exported)), "x.docx")
        assert imported.data is not None, imported.diagnostics
        assert imported.data["occupations"] == yaml.safe_load(source)["occupations"]
        assert "occupation" not in imported.data and "assessment" not in imported.data


def test_diff_names_a_change_of_the_occupations() -> None:
    old = entry(RULE)
    new = entry(RULE.replace("occupations: any", "occupations: [4-01-06-02]"))
    assert [c.label for c in compare(old.document, new.document)] == ["occupations 适用职业"]


def test_the_editor_schema_takes_the_rule_and_refuses_both_fields() -> None:
    schema = Draft202012Validator(schemas.loaded("evaluation-spec.schema.json"))
    data = yaml.safe_load(RULE)
    data["issued"] = str(data["issued"])
    assert list(schema.iter_errors(data)) == []
    assert list(schema.iter_errors({**data, "occupation": {"code": "4-01-06-02", "name": "互联网营销师"}}))
    without = {k: v for k, v in data.items() if k != "occupations"}
    assert list(schema.iter_errors(without))  # one occupation (and its assessment) is required then
