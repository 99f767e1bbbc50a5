"""Blueprints built from the sample collection: goldens, identifiers, inheritance, components, CLI."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from jsonschema import Draft202012Validator

from stdkit import blueprint, editions, schemas
from stdkit.collection import Collection, Entry, load_entry
from stdkit.config import Config
from stdkit.ladder import Level
from stdkit.model import LevelledBody
from stdkit.model.blueprint import Appointment, Apprenticeship, Blueprint, Exam, Review
from stdkit.publish import dump
from stdkit.run import pipeline
from tests.conftest import ROOT, STANDARDS, CliResult

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "blueprint"


@functools.cache
def samples() -> Collection[Entry]:
    report = pipeline.validate([STANDARDS], Config.default(ROOT))
    assert report.exit_status == 0, [d.render() for d in report.diagnostics]
    return report.collection


def entry(ref: str) -> Entry:
    return samples().by_ref[ref]


def fixture(name: str) -> Entry:
    found, _, problems = load_entry(FIXTURES / name)
    assert found is not None, problems
    return found


def validator() -> Draft202012Validator:
    return Draft202012Validator(schemas.loaded("blueprint.schema.json", strict=True))


def exams(made: Blueprint) -> dict[str, Exam]:
    return {c.kind: c for c in made.components if isinstance(c, Exam)}


@pytest.mark.parametrize(
    ("ref", "level"),
    [
        ("6-31-01-03@2018", "L5"),
        ("6-31-01-03@2018", "L1"),
        ("EV-GD-BDYW@2024", "principal"),
        ("EV-SLJG-CG@2025", "L2"),
        ("EV-SLJG-CG@2025", "principal"),
        ("S-44-0012@2023", "unit"),
    ],
)
def test_golden(ref: str, level: str, golden: Callable[[str, str | bytes], None]) -> None:
    made = blueprint.build(entry(ref), level)
    data = dump(made)
    assert not list(validator().iter_errors(orjson.loads(data)))
    golden(f"blueprints/{ref.replace('@', '_')}_{level}.json", data)


def test_every_sample_level_validates() -> None:
    check = validator()
    count = 0
    for item in samples().entries:
        for level in blueprint.levels_of(item):
            errors = list(check.iter_errors(orjson.loads(dump(blueprint.build(item, level)))))
            assert not errors, (item.ref, level, errors[0].message if errors else "")
            count += 1
    assert count >= 30


def test_theory_items_sum_to_paper_and_sections_follow_the_column() -> None:
    made = blueprint.build(entry("6-31-01-03@2018"), "L4")
    theory = exams(made)["theory"]
    assert theory.items == 100
    assert sum(s.items or 0 for s in theory.sections) == 100
    assert [s.key for s in theory.sections][:2] == ["ethics", "basics"]
    document = entry("6-31-01-03@2018").document
    assert sum(s.weight for s in theory.sections) == 100
    assert isinstance(document, LevelledBody) and document.weights is not None
    column = document.weights.theory[Level.L4]
    assert {s.key: s.weight for s in theory.sections} == dict(column)


def test_identifier_scheme() -> None:
    made = blueprint.build(entry("6-31-01-03@2018"), "L4")
    theory, skill = exams(made)["theory"], exams(made)["skill"]
    ethics, basics, first = theory.sections[0], theory.sections[1], theory.sections[2]
    assert ethics.points[0].code == "6-31-01-03@2018/ethics/k1"
    assert ethics.code is None
    assert basics.points[0].code == "6-31-01-03@2018/basics/1.1"
    assert first.code == "6-31-01-03@2018/L4/1"
    assert first.points[0].code == "6-31-01-03@2018/L4/1.1.k1"
    assert skill.sections[0].points[0].code == "6-31-01-03@2018/L4/1.1.1"
    codes = [p.code for c in (theory, skill) for s in c.sections for p in (*s.points, *s.inherited)]
    own = [p.code for c in (theory, skill) for s in c.sections for p in s.points]
    assert len(set(own)) == len(own), "codes are unique within a level"
    assert all(code.startswith("6-31-01-03@2018/") for code in codes)


def test_higher_levels_list_inherited_lines_of_the_same_function() -> None:
    made = blueprint.build(entry("6-31-01-03@2018"), "L4")
    skill = exams(made)["skill"]
    by_name = {s.key: s for s in skill.sections}
    relay = by_name["继电控制电路装调维修"]  # a function of both L5 and L4
    assert relay.points and all(p.level == "L4" for p in relay.points)
    assert relay.inherited and all(p.level == "L5" for p in relay.inherited)
    assert all(p.code.startswith("6-31-01-03@2018/L5/") for p in relay.inherited)
    assert by_name["电气设备装调维修"].inherited == []  # new at L4
    assert relay.bank.points == len(relay.points)  # inherited lines are not counted


def test_bank_guideline_reports_numbers() -> None:
    made = blueprint.build(entry("6-31-01-03@2018"), "L5")
    theory = exams(made)["theory"]
    assert made.bank == theory.bank
    assert theory.bank.points == sum(len(s.points) for s in theory.sections)
    assert (theory.bank.required, theory.bank.required_premium) == (200, 300)
    section = theory.sections[2]
    assert (section.bank.required, section.bank.required_premium) == (2 * section.weight, 3 * section.weight)
    assert section.bank.meets == (section.bank.points >= 2 * section.weight)


def test_review_for_l1_and_level_names() -> None:
    l1 = blueprint.build(entry("6-31-01-03@2018"), "L1")
    review = [c for c in l1.components if isinstance(c, Review)]
    assert len(review) == 1 and review[0].panel_size == 3 and review[0].duration == 30
    assert l1.level.grade == "一级" and l1.level.own_name is None
    spec = entry("EV-GD-BDYW@2024")
    own = spec.document.level_names  # type: ignore[union-attr]  # an evaluation spec has level_names
    level = next(iter(own))
    assert blueprint.build(spec, str(level)).level.own_name == own[level]


def test_principal_is_an_appointment_not_an_exam() -> None:
    made = blueprint.build(entry("EV-GD-BDYW@2024"), "principal")
    assert made.level.examined is False
    assert not exams(made)
    appointment = [c for c in made.components if isinstance(c, Appointment)]
    assert len(appointment) == 1
    assert appointment[0].groups[0].criteria[0].code == "EV-GD-BDYW@2024/principal/a1"
    assert appointment[0].groups[0].rule == "all"
    assert appointment[0].procedure


def test_apprentice_is_the_employers_assessment() -> None:
    item = fixture("EV-TEST-APPR_2025.yaml")
    made = blueprint.build(item, "apprentice")
    assert isinstance(made.components[0], Apprenticeship)
    assert made.components[0].assessed_by == "employer"
    assert "转正定级" in made.components[0].note
    assert made.level.own_name == "见习电工"
    l5 = blueprint.build(item, "L5")
    theory = exams(l5)["theory"]
    assert [s.items for s in theory.sections] == [0, 1, 3, 3]  # 7 items over 5/20/40/35
    lighting = exams(l5)["skill"].sections[0]
    assert [p.level for p in lighting.inherited] == ["apprentice"]
    assert lighting.points[1].importance == "Z"


def test_special_competency_uses_the_unit_level() -> None:
    item = entry("S-44-0012@2023")
    assert blueprint.levels_of(item) == ["unit"]
    made = blueprint.build(item, "unit")
    skill = exams(made)["skill"]
    assert skill.sections[0].code == "S-44-0012@2023/unit/1"
    assert skill.sections[0].points[0].code == "S-44-0012@2023/unit/1.1"
    assert sum(s.weight for s in skill.sections) == 100
    with pytest.raises(ValueError, match="only level"):
        blueprint.build(item, "L5")


def test_unknown_level_is_refused() -> None:
    with pytest.raises(ValueError, match="no level"):
        blueprint.build(entry("4-10-01-02@2019"), "L1")


def test_superseded_by() -> None:
    assert editions.superseded_by(samples().entries)["6-31-01-03@2009"] == "6-31-01-03@2018"


# -- the command ---------------------------------------------------------------------------------


def test_command_one_level(cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    status, out, err = cli("blueprint", "6-31-01-03", "--level", "L5")
    assert status == 0, err
    basis = samples().reference.basis
    assert out.encode() == dump(blueprint.classified(blueprint.build(entry("6-31-01-03@2018"), "L5"), basis))


def test_command_all_levels_and_edition(
    cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    status, out, _ = cli("blueprint", "6-31-01-03@2009")
    assert status == 0
    levels = [b["level"]["id"] for b in orjson.loads(out)]
    assert levels == ["L5", "L4", "L3"]
    assert all(b["document"]["edition"] == "2009" for b in orjson.loads(out))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nope",), "no document with id 'nope'"),
        (("6-31-01-03@1999",), "has no edition '1999'"),
        (("6-31-01-03", "--level", "principal"), "has no level 'principal'"),
    ],
)
def test_command_errors(
    args: tuple[str, ...], message: str, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    status, out, err = cli("blueprint", *args)
    assert status == 1
    assert out == ""
    assert message in err
