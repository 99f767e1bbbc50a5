"""Real documents, round three (issue #36), the model and checks half: every real shape writable, earlier-structure
codes resolved, false errors gone. The transcribed shapes are the collections under tests/collections/ named below."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path

import docx
import orjson
import yaml
from jsonschema import Draft202012Validator

from stdkit import blueprint, editions, publish, schemas
from stdkit.checks import drafts
from stdkit.collection import AnyEntry, Collection, Entry, entry_from_bytes
from stdkit.config import Config
from stdkit.diagnostics import Severity
from stdkit.diff import blueprint_impact
from stdkit.diff.compare import compare
from stdkit.interchange.docx.write import export
from stdkit.ladder import Level
from stdkit.model import LevelledBody, SpecialCompetency
from stdkit.model.common import AtLeast
from stdkit.reference import load_reference
from stdkit.run import pipeline
from stdkit.run.report import Report
from stdkit.site import pages
from tests.conftest import CliResult
from tests.test_blueprint import validator

from .conftest import without_index_stops

COLLECTIONS = Path(__file__).resolve().parent / "collections"
MARKETING = COLLECTIONS / "wty90x_work_type_ends_early"  # 互联网营销师 2021, four 工种, 平台管理员 五级至三级
LEGACY = COLLECTIONS / "cat605_2015_structure_hulianwang"  # printed with its 2015-structure code 4-01-02-07


def checked(folder: Path) -> Report[Entry]:
    return pipeline.check([folder], Config.default(folder))


def only(collection: Collection[AnyEntry]) -> Entry:
    [found] = collection.entries
    assert isinstance(found, Entry)  # a full entry: the check ran on the documents themselves
    return found


# -- 2. a 工种 with fewer levels than its occupation -------------------------------------------------------


def test_a_work_type_ending_at_three_beside_work_types_to_one_checks_clean() -> None:
    report = checked(MARKETING)
    assert [d.render() for d in report.diagnostics] == []
    document = only(report.collection)
    # no blueprint for 平台管理员 at 二级/一级, and none common there
    keys = blueprint.levels_of(document)
    assert [k for k in keys if k.endswith(("/L2", "/L1"))] == [
        "001/L2",
        "002/L2",
        "003/L2",
        "001/L1",
        "002/L1",
        "003/L1",
    ]
    assert "004/L3" in keys and not any(k in keys for k in ("L2", "L1", "004/L2", "004/L1"))


def test_joint_issuers_are_printed_in_order() -> None:
    document = only(checked(MARKETING).collection)
    assert document.document.issuers == ["人力资源社会保障部", "中央网信办", "国家广播电视总局"]
    made = blueprint.build(document, "004/L3")
    assert made.document.issuer == "人力资源社会保障部、中央网信办、国家广播电视总局"


# -- 3. codes from earlier structures -------------------------------------------------------------------------


def test_the_2015_structure_code_of_the_marketing_occupation_is_a_warning_naming_the_current_code() -> None:
    [finding] = checked(LEGACY).diagnostics
    assert finding.code == "CAT605"
    assert "4-01-06-02" in finding.message


def test_the_blueprint_keeps_the_printed_code_and_names_the_current_one_apart() -> None:
    report = checked(LEGACY)
    found = only(report.collection)
    standing = editions.standing(report.collection.entries)[found.ref]
    current = blueprint.current_of(report.collection.reference, found)
    made = orjson.loads(
        publish.dump(
            publish.published_blueprint(found, "L5", report.collection.reference.basis, standing, current)
        )
    )
    assert not list(validator().iter_errors(made))
    occupation = made["occupation"]
    assert (occupation["code"], occupation["name"]) == ("4-01-02-07", "互联网营销师")
    assert occupation["current"] == {
        "code": "4-01-06-02",
        "name": "互联网营销师",
        "relation": "legacy",
        "verified": False,
    }


def test_a_code_reused_in_2022_is_not_labelled_with_the_occupation_now_there() -> None:
    """网约配送员 printed 4-02-07-10, which is 国际快递业务师 in 2022: the blueprint names 4-10-08-01 网约配送员."""
    report = checked(COLLECTIONS / "cat605_legacy_code")
    current = blueprint.current_of(report.collection.reference, only(report.collection))
    assert current is not None
    assert (current.code, current.name, current.relation) == ("4-10-08-01", "网约配送员", "legacy")


def test_a_current_code_carries_no_current_field() -> None:
    report = checked(MARKETING)
    assert blueprint.current_of(report.collection.reference, only(report.collection)) is None
    made = publish.dump(blueprint.classified(blueprint.build(only(report.collection), "004/L3"), "b", None))
    assert b'"current"' not in made


def test_lookup_finds_the_earlier_code_and_the_work_types() -> None:
    reference = load_reference()
    assert [m.occupation.code for m in reference.find("4-01-02-07")] == ["4-01-06-02"]
    found = {(m.occupation.code, m.work_type.name) for m in reference.find("直播销售员") if m.work_type}
    assert found == {("4-01-06-02", "直播销售员")}
    codes = {(m.work_type.code, m.work_type.name) for m in reference.find("平台管理员") if m.work_type}
    assert codes == {("4-01-06-02-004", "平台管理员")}


def test_the_unknown_code_message_names_the_basis_once() -> None:
    [finding] = checked(COLLECTIONS / "cat604_unknown_code").diagnostics
    assert finding.code == "CAT604"
    assert "职业分类大典（职业分类大典" not in finding.message
    assert finding.message.count("职业分类大典") == 2  # the basis, then the fix


# -- 5. partial transcriptions -------------------------------------------------------------------------------

PARTIAL = COLLECTIONS / "drf70x_partial_transcriptions"


def test_every_gap_of_a_partial_transcription_is_one_warning_in_one_run() -> None:
    report = checked(PARTIAL)
    assert report.exit_status == 0, [d.render() for d in report.diagnostics]
    found = {(d.path, d.code, d.severity) for d in report.diagnostics}
    # 工种 work missing is graded like common work missing: a warning in a draft
    assert ("marketing.yaml", "WTY906", Severity.WARNING) in found
    gaps = sorted(d.message.split("`")[1] for d in report.diagnostics if d.code == "DRF701")
    assert gaps == [
        "assessment.methods",
        "basics.ethics.knowledge",
        "basics.knowledge",
        "edition",
        "profile",
        "units",
        "weights",
    ]


def test_the_same_gaps_are_errors_once_published() -> None:
    raw = (PARTIAL / "special.yaml").read_text(encoding="utf-8").replace("status: draft", "status: published")
    found, problems = entry_from_bytes(raw.encode(), "special.yaml")
    assert found is not None, problems
    assert sorted(d.code for d in drafts.check(found)) == ["DRF702"] * 4


def test_a_special_competency_draft_with_only_its_definition_and_time_builds_with_the_others(
    in_dir: Path, cli: Callable[..., CliResult]
) -> None:
    standards = in_dir / "standards"
    standards.mkdir()
    for source in (*PARTIAL.glob("*.yaml"), COLLECTIONS / "rte95x_employee_student" / "a.yaml"):
        shutil.copy(source, standards / source.name)
    status, _, err = cli("build", "--out", in_dir / "site", standards)
    assert status == 0, err
    index = orjson.loads((in_dir / "site" / "blueprints" / "index.json").read_bytes())
    assert {row["document"]["ref"] for row in index["blueprints"]} == {"EV-SZ-HLWYX@2023"}
    status, _, err = cli("build", "--drafts", "--out", in_dir / "preview", standards)
    assert status == 0, err
    made = orjson.loads(
        (in_dir / "preview" / "blueprints" / "S-GD-ZBDH" / "undated" / "unit.json").read_bytes()
    )
    assert made["components"] == []  # no 考核方式 yet: nothing examined, nothing invented


def test_a_minimum_time_is_written_as_printed() -> None:
    """「考核时间不少于60分钟」: `durations: {skill: {at_least: 60}}`."""
    raw = (PARTIAL / "special.yaml").read_text(encoding="utf-8")
    raw = raw.replace("assessment:\n", "assessment:\n  methods: [skill]\n")
    found, problems = entry_from_bytes(raw.encode(), "special.yaml")
    assert found is not None, problems
    [skill] = orjson.loads(publish.dump(blueprint.build(found, "unit")))["components"]
    assert (skill["kind"], skill["duration"], skill["duration_at_least"]) == ("skill", 60, True)


# -- 10. messages --------------------------------------------------------------------------------------------

BASE = (Path(__file__).resolve().parent / "corpus" / "base_standard.yaml.in").read_text(encoding="utf-8")


def test_findings_at_one_place_are_listed_in_ladder_order(tmp_path: Path) -> None:
    text = BASE.replace("levels: [L5, L4]", "levels: [L5, L4, L3, L2, L1]").replace(
        "  methods: {L5: [theory, skill], L4: [theory, skill]}",
        "  methods: {L5: [theory, skill], L4: [theory, skill], L3: [theory, skill], "
        "L2: [theory, skill, review], L1: [theory, skill, review]}",
    )
    text = text[: text.index("work:\n")] + "work: {}\n"
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    report = pipeline.validate([tmp_path], Config.default(tmp_path))
    found = [dict(d.args)["level"] for d in report.diagnostics if d.code == "LAD208"]
    assert found == ["L5", "L4", "L3", "L2", "L1"]
    assert len({(d.line, d.col) for d in report.diagnostics if d.code == "LAD208"}) == 1


def test_lad208_asks_only_for_what_is_missing(tmp_path: Path) -> None:
    text = BASE[: BASE.index("  L4:\n    - function: 线路检修")] + BASE[BASE.index("weights:\n") :]
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    report = pipeline.validate([tmp_path], Config.default(tmp_path))
    [finding] = [d for d in report.diagnostics if d.code == "LAD208"]
    assert "methods" not in finding.message  # L4 has its methods; only its work is missing
    assert "`work.L4`" in finding.text("zh")


def test_a_wrong_key_of_a_special_durations_is_named_a_key_in_one_language(tmp_path: Path) -> None:
    raw = (
        (PARTIAL / "special.yaml")
        .read_text(encoding="utf-8")
        .replace("durations: {skill: {at_least: 60}}", "durations: {skill: 60, at_least: [skill]}")
    )
    (tmp_path / "s.yaml").write_text(raw, encoding="utf-8")
    report = pipeline.validate([tmp_path], Config.default(tmp_path))
    [choice] = [d for d in report.diagnostics if d.code == "SCH104"]
    for lang in ("zh", "en"):
        assert " or " not in choice.text(lang)
    assert "等级标识" not in choice.text("zh") and "不是有效的键" in choice.text("zh")


def test_diff_lists_no_blueprint_that_did_not_change() -> None:
    """A note changes no blueprint; a status does (the blueprint carries it)."""
    raw = (COLLECTIONS / "rte95x_employee_student" / "a.yaml").read_text(encoding="utf-8")
    old, _ = entry_from_bytes(raw.encode(), "a.yaml")
    noted, _ = entry_from_bytes(
        raw.replace("issued: 2023-04-01", "issued: 2023-04-01\nnotes: 备注").encode(), "a.yaml"
    )
    draft, _ = entry_from_bytes(raw.replace("status: published", "status: draft").encode(), "a.yaml")
    assert isinstance(old, Entry) and isinstance(noted, Entry) and isinstance(draft, Entry)
    changes = compare(old.document, noted.document)
    assert [c.label for c in changes] == ["notes 备注"]
    assert blueprint_impact(old, noted, changes) == []
    moved = blueprint_impact(old, draft, compare(old.document, draft.document))
    assert [b.level for b in moved] == ["L5", "L4", "L3"]


# -- 8. real shapes writable -----------------------------------------------------------------------------------

SPECIAL = COLLECTIONS / "spc_special_competency_shapes"


def page_of(folder: Path, ref: str) -> str:
    report = checked(folder)
    html = pages.render(report).pages[pages.doc_uri(report.collection.by_ref[ref])]
    assert isinstance(html, str)
    return html


def test_minimum_hours_and_a_talent_type_per_level_are_written_and_printed_as_given() -> None:
    document = only(checked(MARKETING).collection).document
    assert isinstance(document, LevelledBody) and document.training is not None
    assert document.training.hours[Level.L5] == AtLeast(at_least=120)
    assert document.training.hours[Level.L3] == 90
    html = page_of(MARKETING, "4-01-06-02@2021")
    assert "不少于120" in html and "不少于90" in html
    assert "五级/初级工 技术技能型" in html and "一级/高级技师 知识技能型" in html
    printed = [p.text for p in docx.Document(io.BytesIO(export(document))).paragraphs]
    assert any("不少于120标准学时" in line for line in printed)


def test_footnote_markers_are_tied_to_their_notes() -> None:
    document = only(checked(MARKETING).collection).document
    assert isinstance(document, LevelledBody)
    assert document.assessment.footnotes == {"①": "相关职业：电子商务师、营销员、商品营业员等。"}
    assert "<dt>①</dt><dd>相关职业：电子商务师、营销员、商品营业员等。</dd>" in without_index_stops(
        page_of(MARKETING, "4-01-06-02@2021")
    )


def test_a_special_competency_states_its_audience_eligibility_and_examiners() -> None:
    document = only(checked(SPECIAL).collection).document
    assert isinstance(document, SpecialCompetency)
    assert document.examiners is not None and document.examiners.per_panel == 3
    html = without_index_stops(page_of(SPECIAL, "S-GD-ZBXS@2022"))
    for shown in (
        "<dt>适用对象</dt>",
        "<dt>申报条件</dt>",
        "<dt>考评员构成</dt>",
        "技能考核 不少于60 分钟",
    ):
        assert shown in html


def test_the_shapes_validate_against_the_editor_schemas() -> None:
    for folder, kind in ((MARKETING, "occupational-standard"), (SPECIAL, "special-competency")):
        schema = schemas.loaded(f"{kind}.schema.json")
        data = yaml.safe_load((folder / "a.yaml").read_text(encoding="utf-8"))
        data = orjson.loads(orjson.dumps(data, default=str))  # dates as the editor sees them: strings
        assert list(Draft202012Validator(schema).iter_errors(data)) == []
    # and the schema still asks a published document for what a draft may leave out
    schema = schemas.loaded("special-competency.schema.json")
    data = yaml.safe_load((PARTIAL / "special.yaml").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    published = {**data, "status": "published"}
    assert {e.validator for e in Draft202012Validator(schema).iter_errors(published)} >= {"required", "not"}


def test_a_relative_or_foreign_level_word_names_no_level_of_the_ladder() -> None:
    """ASM309 compares ``prior_level`` with the level the sentence names; 「低一级」 (one below the level
    applied for) and 「三级医院」 name none — 25,681 false warnings on a generated national collection."""
    from stdkit.checks.assessment import _named_levels
    from stdkit.ladder import Level

    assert _named_levels("取得本职业或相关职业低一级职业技能等级证书后，累计工作4年（含）以上。", {}) == []
    assert _named_levels("在三级医院从事护理工作5年以上。", {}) == []
    assert _named_levels("取得本职业二级/技师职业资格证书后。", {}) == [Level.L2]
    assert _named_levels("取得本职业三级职业资格证书（技能等级证书）后。", {}) == [Level.L3]
