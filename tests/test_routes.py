"""Routes to a level other than the examination (issue #22): model, page, blueprint, diff."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
import pytest

from stdkit import blueprint
from stdkit.checks import routes
from stdkit.collection import entry_from_bytes
from stdkit.config import Config
from stdkit.diff.compare import compare
from stdkit.publish import dump
from stdkit.run import pipeline
from stdkit.site import pages
from tests.conftest import ROOT, STANDARDS
from tests.test_blueprint import entry, validator

from .conftest import without_index_stops

SPEC = STANDARDS / "EV-GD-BDYW_2024.yaml"
REF = "EV-GD-BDYW@2024"


def _blueprint(level: str) -> dict[str, Any]:  # JSON
    made: dict[str, Any] = orjson.loads(dump(blueprint.build(entry(REF), level)))
    assert not list(validator().iter_errors(made))
    return made


def test_the_sample_routes_check_clean() -> None:
    report = pipeline.check([STANDARDS], Config.default(ROOT))
    assert [d.render() for d in report.diagnostics if d.code.startswith("RTE")] == []


def test_level_two_blueprint_golden(golden: Callable[[str, str | bytes], None]) -> None:
    golden("blueprints/EV-GD-BDYW_2024_L2.json", dump(blueprint.build(entry(REF), "L2")))


def test_top_six_of_the_enterprise_competition_are_promoted_without_the_exam() -> None:
    [competition, direct] = _blueprint("L2")["routes"]
    assert competition == {
        "kind": "competition",
        "name": "以赛代评",
        "competition": "公司变电运维技能竞赛",
        "tier": "enterprise",
        "tier_name": "企业级",
        "competition_class": "一类",
        "rank": {"top": 6},
        "candidates": "employee",
        "holders": ["L3"],
        "once_per_year": True,
    }
    assert direct["kind"] == "direct" and len(direct["conditions"]) == 2


@pytest.mark.parametrize(
    ("level", "kinds"),
    [
        ("L4", ["grading", "apprenticeship"]),
        ("L3", ["competition", "grading"]),
        ("L2", ["competition", "direct"]),
    ],
)
def test_each_level_carries_the_routes_that_lead_to_it(level: str, kinds: list[str]) -> None:
    routes = _blueprint(level)["routes"]
    assert [r["kind"] for r in routes] == kinds


@pytest.mark.parametrize("level", ["L1", "principal", "chief"])
def test_levels_no_route_leads_to_have_no_routes_field(level: str) -> None:
    assert "routes" not in _blueprint(level)


def test_competition_holders_say_who_gets_the_level() -> None:
    [competition, _] = _blueprint("L3")["routes"]
    assert competition["holders"] == ["any"]


def test_page_states_the_routes_in_chinese() -> None:
    report = pipeline.check([STANDARDS], Config.default(ROOT))
    found = report.collection.by_ref[REF]
    html = pages.render(report).pages[pages.doc_uri(found)]
    assert isinstance(html, str)
    section = without_index_stops(
        html[html.index("\n## 其他评价途径\n") : html.index("\n## 鉴定方式与要求\n")]
    )
    for heading in ("以赛代评", "直接认定", "定级考评", "学徒工转正定级"):
        assert f">{heading}</h3>" in section
    assert "<dt>获奖名次</dt><dd>前6名</dd>" in section
    assert (
        "名次在列者晋升为三级/高级工（二级操作师）；已取得三级/高级工（二级操作师）者晋升为二级/技师（一级操作师）"
        in section
    )
    assert "同一年内只能晋升一次" in section
    assert "<dt>截止日期</dt><dd>2025-12-31</dd>" in section
    assert "<dt>定级时点</dt><dd>学徒期满且试用期满</dd>" in section


def test_a_spec_without_routes_has_no_routes_section() -> None:
    report = pipeline.check([STANDARDS], Config.default(ROOT))
    found = report.collection.by_ref["EV-PSO-WYPS@2023"]
    assert "其他评价途径" not in pages.render(report).pages[pages.doc_uri(found)]


def test_diff_reports_added_removed_and_changed_routes() -> None:
    raw = SPEC.read_bytes()
    changed = (
        raw.replace(b"rank: {top: 6}", b"rank: {top: 3}")
        .replace("  - kind: apprenticeship\n    level: L4\n    after: 学徒期满且试用期满\n".encode(), b"")
        .replace(
            b"  - kind: grading\n",
            "  - kind: competition\n    name: 省电力行业技能竞赛\n    tier: provincial\n"
            "    rank: {top_percent: 10}\n    grants: {any: L2}\n  - kind: grading\n".encode(),
        )
    )
    old, _ = entry_from_bytes(raw, "old.yaml")
    new, problems = entry_from_bytes(changed, "new.yaml")
    assert old is not None and new is not None, problems
    found = {(c.label, c.action, c.old, c.new, c.substantive) for c in compare(old.document, new.document)}
    assert found == {
        ("routes 其他评价途径", "added", None, "以赛代评 · 省电力行业技能竞赛", True),
        ("routes 其他评价途径", "removed", "学徒工转正定级 · L4", None, True),
        (
            "routes 其他评价途径 · 以赛代评 · 公司变电运维技能竞赛 · rank 获奖名次",
            "changed",
            '{"top": 6}',
            '{"top": 3}',
            True,
        ),
    }


def test_schema_completes_routes_by_kind() -> None:
    schema = orjson.loads((ROOT / "schema" / "evaluation-spec.schema.json").read_bytes())
    routes = schema["properties"]["routes"]
    assert routes["title"] == "其他评价途径"
    assert routes["items"]["discriminator"]["propertyName"] == "kind"
    competition = schema["$defs"]["CompetitionRoute"]["properties"]
    assert competition["tier"]["title"] == "竞赛级别"
    assert "class" in competition
    table, by_reference = competition["grants"]["anyOf"]
    assert table["propertyNames"]["enum"][0] == "any"
    assert by_reference == {"$ref": "#/$defs/GrantsByReference"}


RULE = ROOT / "tests" / "collections" / "rte95x_employee_student"


def test_employee_and_student_routes_of_one_band_do_not_conflict() -> None:
    """The usual provincial shape: 职工 and 学生 of one competition and band are promoted differently (issue #36)."""
    report = pipeline.check([RULE], Config.default(RULE))
    assert [d.render() for d in report.diagnostics] == []
    # the same two routes for the same candidates still conflict
    raw = (RULE / "a.yaml").read_bytes().replace(b"candidates: student", b"candidates: employee")
    found, problems = entry_from_bytes(raw, "a.yaml")
    assert found is not None, problems
    assert [d.code for d in routes.check(found)] == ["RTE958"]  # any → L4 against any → L5


def test_a_rule_of_the_hrss_grants_by_reference_to_the_national_rule() -> None:
    report = pipeline.check([RULE], Config.default(RULE))
    found = report.collection.by_ref["EV-SZ-HLWYX@2023"]
    html = pages.render(report).pages[pages.doc_uri(found)]
    assert isinstance(html, str)
    assert "人社部门" in html
    section = without_index_stops(html[html.index("\n## 其他评价途径\n") :])
    assert "<dt>晋升</dt><dd>按人社部规定晋升</dd>" in section
